// The mem family: the program's address space (l4posix; WASI has only memory.grow).
import { family, L4POSIX } from './spec.js';
import { memCalls as impls } from '../l4posix_mem.js';

export const memCalls = family('mem', L4POSIX, impls, {
  mmap: ['addr:ptr len:len prot:int flags:int fd:fd offset:i64 out:ptr'],
  munmap: ['addr:ptr len:len'],
  mprotect: ['addr:ptr len:len prot:int'],
  msync: ['addr:ptr len:len flags:int'],
  madvise: ['addr:ptr len:len advice:int'],
});
