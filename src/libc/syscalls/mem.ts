// The mem family: the program's address space (l4posix; WASI has only memory.grow).
import { family, L4POSIX } from './spec.js';
import { memCalls as impls } from '../l4posix_mem.js';
import { semCalls } from '../l4posix_sem.js';
import { sysvCalls } from '../l4posix_sysv.js';

export const memCalls = [...family('mem', L4POSIX, impls, {
  mmap: ['addr:ptr len:len prot:int flags:int fd:fd offset:i64 out:ptr'],
  munmap: ['addr:ptr len:len'],
  mprotect: ['addr:ptr len:len prot:int'],
  msync: ['addr:ptr len:len flags:int'],
  madvise: ['addr:ptr len:len advice:int'],
}),
// POSIX semaphores: counted where all processes meet (l4posix_sem.ts, sysroot/src/sem.c).
...family('mem', L4POSIX, semCalls, {
  sem_init: ['sem:ptr pshared:int value:int', { suspends: false }],
  sem_post: ['sem:ptr', { suspends: false }],
  sem_wait: ['sem:ptr flags:int deadline:i64'],
  sem_getvalue: ['sem:ptr', { suspends: false }],
  sem_destroy: ['sem:ptr', { suspends: false }],
}),
// System V IPC: semaphore sets, message queues, shared memory segments (l4posix_sysv.ts, sysroot/src/sysv_ipc.c).
...family('mem', L4POSIX, sysvCalls, {
  semget: ['key:int nsems:int flags:int', { suspends: false }],
  semop: ['id:int sops:ptr nsops:int timeout:i64'],
  semctl: ['id:int num:int cmd:int arg:int buf:ptr', { suspends: false }],
  msgget: ['key:int flags:int', { suspends: false }],
  msgsnd: ['id:int msg:ptr size:len flags:int'],
  msgrcv: ['id:int msg:ptr size:len type:int flags:int'],
  msgctl: ['id:int cmd:int buf:ptr', { suspends: false }],
  shmget: ['key:int size:len flags:int', { suspends: false }],
  shmat: ['id:int flags:int size:ptr', { suspends: false }],
  shmdt: ['id:int', { suspends: false }],
  shmctl: ['id:int cmd:int buf:ptr', { suspends: false }],
})];
