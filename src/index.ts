// The public API of l4wasm.
export { Machine, GuestProcess, LoadError, type MachineOptions, type SpawnOptions, type MountOption, type RomOption } from './guest/machine.js';
export type { ExitStatus } from './guest/process.js';
export type { PrepareProgress, PreparePhase } from './guest/asyncify.js';
export { cc, type CcOptions, type CcResult } from './toolchain/cc.js';
export { compileCached, CompileError } from './toolchain/compile_cache.js';
export { Kernel } from './kernel/kernel.js';
export { Cpu } from './kernel/cpu.js';
export * as vfs from './vfs/index.js';
export type { WaitResult } from './guest/machine.js';
export {
  MachineFs, GuestStats, GuestDirent, signalNumber, signalName,
  type EmbedderImports, type GuestFsError, type SignalName,
} from './guest/node_api.js';
