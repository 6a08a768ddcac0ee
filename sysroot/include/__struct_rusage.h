/* l4wasm overlay: struct rusage with Linux's fields (ru_maxrss and the counters after it), where
   wasi-libc's has only the two times, so that programs measuring their peak memory compile.
   getrusage (sysroot/src/sys.c) fills the times and ru_maxrss; the counters l4wasm does not keep are 0. */
#ifndef __wasilibc___struct_rusage_h
#define __wasilibc___struct_rusage_h

#include <__struct_timeval.h>

struct rusage {
  struct timeval ru_utime;
  struct timeval ru_stime;
  long ru_maxrss;
  long ru_ixrss;
  long ru_idrss;
  long ru_isrss;
  long ru_minflt;
  long ru_majflt;
  long ru_nswap;
  long ru_inblock;
  long ru_oublock;
  long ru_msgsnd;
  long ru_msgrcv;
  long ru_nsignals;
  long ru_nvcsw;
  long ru_nivcsw;
  long __reserved[16];
};

#endif
