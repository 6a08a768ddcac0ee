import { family, L4POSIX } from "./spec.js";
import { memCalls as impls } from "../l4posix_mem.js";
import { semCalls } from "../l4posix_sem.js";
const memCalls = [
  ...family("mem", L4POSIX, impls, {
    mmap: ["addr:ptr len:len prot:int flags:int fd:fd offset:i64 out:ptr"],
    munmap: ["addr:ptr len:len"],
    mprotect: ["addr:ptr len:len prot:int"],
    msync: ["addr:ptr len:len flags:int"],
    madvise: ["addr:ptr len:len advice:int"]
  }),
  // POSIX semaphores: counted where all processes meet (l4posix_sem.ts, sysroot/src/sem.c).
  ...family("mem", L4POSIX, semCalls, {
    sem_init: ["sem:ptr pshared:int value:int", { suspends: false }],
    sem_post: ["sem:ptr", { suspends: false }],
    sem_wait: ["sem:ptr flags:int deadline:i64"],
    sem_getvalue: ["sem:ptr", { suspends: false }],
    sem_destroy: ["sem:ptr", { suspends: false }]
  })
];
export {
  memCalls
};
