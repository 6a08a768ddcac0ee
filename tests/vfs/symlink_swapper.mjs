// The host-side actor of tests/vfs/hostfs_symlink_race.test.ts: until <stop> exists, swaps
//   <root>/r/x    between a real directory and a symlink to <outside>, and
//   <root>/r/lnk  between the relative symlink "x" and a symlink whose target is <outside>,
// each step one rename(2): a name is missing for a moment, inside, or pointing out.
//   node symlink_swapper.mjs <root> <outside> <stop>
// Prints "ready" once swapping and "swaps <n>" when it stops.
import * as fs from 'node:fs';

const [root, outside, stop] = process.argv.slice(2);
const r = `${root}/r`;
const deadline = Date.now() + 60_000; // never outlive a test run that forgot to stop it

fs.symlinkSync(outside, `${r}/x.out`);
fs.symlinkSync('x', `${r}/lnk.in`);
fs.symlinkSync(outside, `${r}/lnk.out`);
process.stdout.write('ready\n');
let n = 0;
while (Date.now() < deadline) {
  fs.renameSync(`${r}/x`, `${r}/x.dir`); // the directory steps aside (r/x missing for a moment)
  fs.renameSync(`${r}/x.out`, `${r}/x`); // r/x leads outside
  fs.renameSync(`${r}/lnk`, `${r}/lnk.in`);
  fs.renameSync(`${r}/lnk.out`, `${r}/lnk`); // r/lnk leads outside too
  fs.renameSync(`${r}/x`, `${r}/x.out`);
  fs.renameSync(`${r}/x.dir`, `${r}/x`); // r/x is the directory again
  fs.renameSync(`${r}/lnk`, `${r}/lnk.out`);
  fs.renameSync(`${r}/lnk.in`, `${r}/lnk`); // r/lnk leads to r/x again
  n++;
  if ((n & 15) === 0 && fs.existsSync(stop)) break;
}
process.stdout.write(`swaps ${n}\n`);
process.exit(0);
