// The file systems the wasi path tests run on: the machine's default tree (tmpfs root, devfs at
// /dev) and a bare mount tree over tmpfs whose /dev names are plain files (so the layer must
// recognise the standard streams by path, not by node).
import type { Vfs } from '../../src/vfs/types.js';
import { MountTree } from '../../src/vfs/mount_tree.js';
import { TmpFs } from '../../src/vfs/tmpfs.js';
import { createDefaultTree } from '../../src/vfs/index.js';

export interface TreeFactory { name: string; make(): Vfs }

function withDevNames(v: Vfs): Vfs {
  v.mkdir('/dev');
  v.mkdir('/dev/fd');
  for (const n of ['stdin', 'stdout', 'stderr', 'null', 'fd/0', 'fd/1', 'fd/2', 'fd/7']) {
    (v.open('/dev/' + n, { read: true, write: true, create: true }) as { close(): void }).close();
  }
  return v;
}

export const trees: TreeFactory[] = [
  { name: 'default', make: () => createDefaultTree() },
  { name: 'tmpfs', make: () => withDevNames(new MountTree(new TmpFs())) },
];
