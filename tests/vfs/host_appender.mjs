// The other actor of tests/vfs/hostfs_append.test.ts: a host process appending lines to <file>
// (O_APPEND, one write per line) as fast as it can until <stop> exists.
//   node host_appender.mjs <file> <stop>
// Prints "ready" once appending and "swaps <n>" (the lines it wrote) when it stops.
import * as fs from 'node:fs';

const [file, stop] = process.argv.slice(2);
const deadline = Date.now() + 60_000; // never outlive a test run that forgot to stop it
const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND);
process.stdout.write('ready\n');
let n = 0;
while (Date.now() < deadline) {
  fs.writeSync(fd, `host ${String(n).padStart(6, '0')}\n`);
  n++;
  if ((n & 31) === 0 && fs.existsSync(stop)) break;
}
fs.closeSync(fd);
process.stdout.write(`swaps ${n}\n`);
