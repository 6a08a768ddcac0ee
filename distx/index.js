import { Machine, GuestProcess, LoadError } from "./guest/machine.js";
import { cc } from "./toolchain/cc.js";
import { compileCached, CompileError } from "./toolchain/compile_cache.js";
import { Kernel } from "./kernel/kernel.js";
import { Cpu } from "./kernel/cpu.js";
import * as vfs from "./vfs/index.js";
import {
  MachineFs,
  GuestStats,
  GuestDirent,
  signalNumber,
  signalName
} from "./guest/node_api.js";
export {
  CompileError,
  Cpu,
  GuestDirent,
  GuestProcess,
  GuestStats,
  Kernel,
  LoadError,
  Machine,
  MachineFs,
  cc,
  compileCached,
  signalName,
  signalNumber,
  vfs
};
