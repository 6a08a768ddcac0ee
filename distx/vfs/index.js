import { MountTree } from "./mount_tree.js";
import { TmpFs } from "./tmpfs.js";
import { RoFs } from "./rofs.js";
import { DevFs } from "./devfs.js";
import { HostFs } from "./hostfs.js";
import { errnoName } from "../errno.js";
export * from "./types.js";
import { BaseFile, PositionedFile, DirectoryFile } from "./file.js";
import { BaseFileSystem } from "./filesystem.js";
import { MountTree as MountTree2 } from "./mount_tree.js";
import { TmpFs as TmpFs2 } from "./tmpfs.js";
import { RoFs as RoFs2 } from "./rofs.js";
import { HostFs as HostFs2 } from "./hostfs.js";
import { HostFileBudget, defaultHostFileLimit } from "./host_files.js";
import { DevFs as DevFs2, devStdioIndex } from "./devfs.js";
import { ConsoleInput, ConsoleOutput, ConsoleTerminal } from "./console.js";
import { Pipe, PipeReadEnd, PipeWriteEnd, createPipe, PIPE_BUF, PIPE_CAPACITY } from "./pipe.js";
import { WaitQueue } from "../wait_queue.js";
import { makeStat, nextDeviceId } from "./stat.js";
import { errnoFromError } from "./errno_map.js";
function createDefaultTree(options = {}) {
  const dirs = options.dirs ?? [];
  const hostRoot = dirs.find((d) => isRootPath(d.guest));
  const budget = options.hostFiles;
  const host = (d) => {
    const fs = new HostFs(d.host, { readOnly: d.readOnly });
    options.created?.push(fs);
    return budget === void 0 ? fs : budget.wrap(fs);
  };
  const memory = () => new TmpFs(void 0, { budget: options.tmpfsBudget });
  const tree = new MountTree(hostRoot !== void 0 ? host(hostRoot) : memory());
  mountOrThrow(tree, "/rom", new RoFs(options.roms ?? []));
  mountOrThrow(tree, "/dev", new DevFs({ console: options.console }));
  mountOrThrow(tree, "/dev/shm", memory());
  mountOrThrow(tree, "/tmp", memory());
  for (const d of dirs) {
    if (d === hostRoot) continue;
    mountOrThrow(tree, d.guest, host(d), d.host);
  }
  return tree;
}
function isRootPath(p) {
  for (let i = 0; i < p.length; i++) if (p[i] !== "/") return false;
  return p.length > 0;
}
function mountOrThrow(tree, guest, fs, host) {
  const r = tree.mount(guest, fs);
  if (r < 0) {
    const what = host !== void 0 ? `host directory '${host}'` : fs.name;
    throw new Error(`cannot mount ${what} at '${guest}': ${errnoName(r)} (use an absolute guest path that is not already a mount point)`);
  }
}
export {
  BaseFile,
  BaseFileSystem,
  ConsoleInput,
  ConsoleOutput,
  ConsoleTerminal,
  DevFs2 as DevFs,
  DirectoryFile,
  HostFileBudget,
  HostFs2 as HostFs,
  MountTree2 as MountTree,
  PIPE_BUF,
  PIPE_CAPACITY,
  Pipe,
  PipeReadEnd,
  PipeWriteEnd,
  PositionedFile,
  RoFs2 as RoFs,
  TmpFs2 as TmpFs,
  WaitQueue,
  createDefaultTree,
  createPipe,
  defaultHostFileLimit,
  devStdioIndex,
  errnoFromError,
  makeStat,
  nextDeviceId
};
