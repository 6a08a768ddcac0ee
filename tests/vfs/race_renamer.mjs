// The other actor of tests/vfs/hostfs_race.test.ts: swaps <root>/r/x between a real directory and
// a symlink to a host directory outside the mount, as fast as it can, until <stop> exists.
//   node race_renamer.mjs host <root> <outside> <stop>     a host process (fs.renameSync)
//   node race_renamer.mjs machine <root> <outside> <stop>  a second l4wasm machine mounting <root>
//                                                          at /mnt, swapping through its own VFS
// Prints "ready" once swapping and "swaps <n>" when it stops.
import * as fs from 'node:fs';

const [mode, root, outside, stop] = process.argv.slice(2);
const deadline = Date.now() + 60_000; // never outlive a test run that forgot to stop it

function run(swap) {
  process.stdout.write('ready\n');
  let n = 0;
  while (Date.now() < deadline) {
    swap();
    n++;
    if ((n & 31) === 0 && fs.existsSync(stop)) break;
  }
  return n;
}

let swaps;
if (mode === 'host') {
  const r = `${root}/r`;
  fs.symlinkSync(outside, `${r}/xl`);
  swaps = run(() => {
    fs.renameSync(`${r}/x`, `${r}/xd`); // the directory steps aside
    fs.renameSync(`${r}/xl`, `${r}/x`); // r/x is now a symlink to outside
    fs.renameSync(`${r}/x`, `${r}/xl`);
    fs.renameSync(`${r}/xd`, `${r}/x`); // r/x is the directory again
  });
  fs.unlinkSync(`${r}/xl`);
} else if (mode === 'machine') {
  const { Machine } = await import(new URL('../../dist/index.js', import.meta.url).href);
  const m = await Machine.boot({ mounts: [{ host: root, guest: '/mnt' }] });
  const vfs = m.vfs;
  const check = (what, r) => {
    if (r !== 0) throw new Error(`second machine: ${what} failed with ${r}`);
  };
  // A guest's symlink target is stored verbatim: on the host it names the outside directory.
  check('symlink', vfs.symlink(outside, '/mnt/r/xl'));
  swaps = run(() => {
    check('rename x xd', vfs.rename('/mnt/r/x', '/mnt/r/xd'));
    check('rename xl x', vfs.rename('/mnt/r/xl', '/mnt/r/x'));
    check('rename x xl', vfs.rename('/mnt/r/x', '/mnt/r/xl'));
    check('rename xd x', vfs.rename('/mnt/r/xd', '/mnt/r/x'));
  });
  check('unlink', vfs.unlink('/mnt/r/xl'));
  await m.shutdown();
} else {
  throw new Error(`race_renamer: unknown mode '${mode}'`);
}
process.stdout.write(`swaps ${swaps}\n`);
process.exit(0);
