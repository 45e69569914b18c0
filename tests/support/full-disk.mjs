// Loaded with `node --import` into a real gouji process: the disk fills up after
// GOUJI_TEST_DISK_BYTES bytes written to gouji's temporary files (ENOSPC, as a full disk
// gives), so a failing write can be tested without root or a tmpfs.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env.GOUJI_TEST_DISK_BYTES ?? 0);
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
  }
  return write(fd, buffer, ...rest);
};
syncBuiltinESMExports();
