// Loaded with `node --import` into a real gouji process: a disk of the test's making, for the
// writes to gouji's temporary files, without root or a tmpfs.
//   GOUJI_TEST_DISK_BYTES=n    it fills up after n bytes (ENOSPC, as a full disk gives)
//   GOUJI_TEST_DISK_WAIT_MS=n  each write takes n ms longer, as on a slow USB stick or network
//                              share: the process is blocked in the write, not busy, so a signal
//                              can land mid-write in a small workbook
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const limit = process.env.GOUJI_TEST_DISK_BYTES ? Number(process.env.GOUJI_TEST_DISK_BYTES) : Infinity;
const wait = Number(process.env.GOUJI_TEST_DISK_WAIT_MS ?? 0);
const blocked = new Int32Array(new SharedArrayBuffer(4));
const temp = new Set();
let written = 0;
const open = fs.openSync;
const write = fs.writeSync;
fs.openSync = (path, ...rest) => {
  const fd = open(path, ...rest);
  if (String(path).includes('.gouji-')) temp.add(fd);
  return fd;
};
fs.writeSync = (fd, buffer, ...rest) => {
  if (temp.has(fd)) {
    const n = typeof buffer === 'string' ? Buffer.byteLength(buffer) : buffer.byteLength;
    if (written + n > limit) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    written += n;
    if (wait) Atomics.wait(blocked, 0, 0, wait);
  }
  return write(fd, buffer, ...rest);
};
syncBuiltinESMExports();
