// Loaded with `node --import` into a real gouji process: every write to gouji's temporary files
// takes GOUJI_TEST_DISK_WAIT_MS longer, as on a slow USB stick or network share (the process is
// blocked in the write, not busy), so that a signal can land mid-write in a small workbook
// instead of a long one that costs CPU to make.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const wait = Number(process.env.GOUJI_TEST_DISK_WAIT_MS ?? 0);
const blocked = new Int32Array(new SharedArrayBuffer(4));
const temp = new Set();
const open = fs.openSync;
const write = fs.writeSync;
fs.openSync = (path, ...rest) => {
  const fd = open(path, ...rest);
  if (String(path).includes('.gouji-')) temp.add(fd);
  return fd;
};
fs.writeSync = (fd, ...rest) => {
  if (temp.has(fd)) Atomics.wait(blocked, 0, 0, wait);
  return write(fd, ...rest);
};
syncBuiltinESMExports();
