/* fwq_work.h: the work quantum shared by fwq.c and mpi-fwq.c, and its calibration. */
#ifndef FWQ_WORK_H
#define FWQ_WORK_H
#include <stdint.h>
#include <time.h>

static volatile uint64_t sink = 0x9e3779b97f4a7c15ull;

/* One unit of work: a dependent chain the compiler can neither shorten nor vectorize. */
__attribute__((noinline)) static void work(uint64_t loops) {
  uint64_t x = sink;
  for (uint64_t i = 0; i < loops; i++) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    x ^= x >> 29;
  }
  sink = x;
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* The lower quartile of `reps` runs of work(loops), in ns per loop: a stall (another process, a
 * preemption) only ever lengthens a run, and on a busy machine most runs may have one. */
static double per_loop_ns(uint64_t loops, int reps) {
  double r[31];
  if (reps > 31) reps = 31;
  for (int k = 0; k < reps; k++) {
    uint64_t t0 = now_ns();
    work(loops);
    r[k] = (double)(now_ns() - t0) / (double)loops;
  }
  for (int i = 1; i < reps; i++)
    for (int j = i; j > 0 && r[j] < r[j - 1]; j--) { double x = r[j]; r[j] = r[j - 1]; r[j - 1] = x; }
  return r[reps / 4];
}

/* Loops for `target_ns` of work: a rough rate from runs of 64 Ki loops, then the rate from runs
 * of about the target's length (short runs are seldom interrupted). */
static uint64_t calibrate(uint64_t target_ns) {
  /* Until the rate holds still (within 2 % twice in a row; at most about 2 s): a JIT compiles the
   * work function in tiers, and the rate before the last tier would be wrong. */
  uint64_t start = now_ns();
  double rate = per_loop_ns(1 << 16, 15);
  for (int stable = 0; stable < 2 && now_ns() - start < 2000000000ull;) {
    double r = per_loop_ns(1 << 16, 15);
    stable = r > rate * 0.98 && r < rate * 1.02 ? stable + 1 : 0;
    rate = r;
  }
  uint64_t n = (uint64_t)((double)target_ns / rate);
  rate = per_loop_ns(n > 0 ? n : 1, 31);
  uint64_t loops = (uint64_t)((double)target_ns / rate);
  return loops > 0 ? loops : 1;
}

#endif
