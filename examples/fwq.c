/* fwq: the Fixed Work Quantum noise benchmark. N iterations of identical work (about 50 µs each,
 * calibrated once at start); the time of each iteration comes from CLOCK_MONOTONIC with one
 * clock read per iteration (the end of one iteration is the start of the next: no untimed gaps).
 * Warm-up iterations run first and are not counted. Noise is measured over the median (CPU
 * frequency steps make the minimum unreliable).
 *
 *   fwq [-n N] [-w WARMUP] [-t WORK_US] [-l LOOPS] [-s]
 *     -n N        measured iterations (default 20000)
 *     -w WARMUP   warm-up iterations (default N/10, at least 100)
 *     -t WORK_US  the work of one iteration in µs, calibrated (default 50)
 *     -l LOOPS    the work of one iteration in loops (no calibration)
 *     -s          also print every sample (ns), for plotting
 *
 *   fwq --neighbour [SECONDS]
 *     a noisy neighbour: computes (about 1 ms at a time) and calls the host (write to /dev/null,
 *     stat, getppid) in a loop, for SECONDS (default 60) or until killed.
 *
 * Builds natively (cc -O2 fwq.c) and for l4wasm (l4wasm cc -O2 fwq.c). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fwq_work.h"

/* Nearest-rank percentile of sorted samples. */
static uint64_t pct(const uint64_t *sorted, long n, double p) {
  long k = (long)((p / 100.0) * (double)n + 0.999999);
  if (k < 1) k = 1;
  if (k > n) k = n;
  return sorted[k - 1];
}

static int neighbour(double seconds) {
  uint64_t loops = calibrate(1000000ull);
  int fd = open("/dev/null", O_WRONLY);
  char buf[64];
  memset(buf, 'n', sizeof buf);
  uint64_t end = now_ns() + (uint64_t)(seconds * 1e9);
  printf("neighbour: %llu loops per compute step, host calls between\n", (unsigned long long)loops);
  fflush(stdout);
  while (now_ns() < end) {
    work(loops);
    struct stat st;
    if (fd >= 0) (void)!write(fd, buf, sizeof buf);
    (void)stat("/", &st);
    (void)getppid();
  }
  return 0;
}

static void usage(void) {
  fprintf(stderr, "usage: fwq [-n N] [-w WARMUP] [-t WORK_US] [-l LOOPS] [-s]\n"
                  "       fwq --neighbour [SECONDS]\n");
  exit(2);
}

int main(int argc, char **argv) {
  long n = 20000, warm = -1;
  double work_us = 50.0;
  uint64_t loops = 0;
  int samples = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--neighbour")) return neighbour(i + 1 < argc ? atof(argv[i + 1]) : 60.0);
    if (!strcmp(a, "-s")) { samples = 1; continue; }
    if (i + 1 >= argc) usage();
    if (!strcmp(a, "-n")) n = atol(argv[++i]);
    else if (!strcmp(a, "-w")) warm = atol(argv[++i]);
    else if (!strcmp(a, "-t")) work_us = atof(argv[++i]);
    else if (!strcmp(a, "-l")) loops = strtoull(argv[++i], 0, 10);
    else usage();
  }
  if (n < 1 || work_us <= 0) usage();
  if (warm < 0) warm = n / 10 < 100 ? 100 : n / 10;
  int calibrated = loops == 0;
  if (calibrated) loops = calibrate((uint64_t)(work_us * 1000.0));

  uint64_t *t = malloc(sizeof(uint64_t) * (size_t)n);
  uint64_t *s = malloc(sizeof(uint64_t) * (size_t)n);
  if (!t || !s) { fprintf(stderr, "fwq: out of memory for %ld samples\n", n); return 1; }

  /* The measured loop: one clock read per iteration. */
  uint64_t prev = now_ns();
  for (long i = -warm; i < n; i++) {
    work(loops);
    uint64_t c = now_ns();
    if (i >= 0) t[i] = c - prev;
    prev = c;
  }

  memcpy(s, t, sizeof(uint64_t) * (size_t)n);
  qsort(s, (size_t)n, sizeof(uint64_t), cmp_u64);
  uint64_t med = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  double sum = 0;
  long over11 = 0, over2 = 0;
  for (long i = 0; i < n; i++) {
    sum += (double)t[i];
    if ((double)t[i] > 1.1 * (double)med) over11++;
    if (t[i] > 2 * med) over2++;
  }
  double mean = sum / (double)n;
  printf("fwq: %ld iterations of %.1f us work (%llu loops, %s), %ld warm-up\n", n,
         calibrated ? work_us : (double)med / 1000.0, (unsigned long long)loops,
         calibrated ? "calibrated" : "given", warm);
  printf("min:    %10.3f us\n", (double)s[0] / 1000.0);
  printf("median: %10.3f us\n", (double)med / 1000.0);
  printf("p99:    %10.3f us\n", (double)pct(s, n, 99.0) / 1000.0);
  printf("p99.9:  %10.3f us\n", (double)pct(s, n, 99.9) / 1000.0);
  printf("max:    %10.3f us\n", (double)s[n - 1] / 1000.0);
  printf("mean:   %10.3f us\n", mean / 1000.0);
  printf("mean extra over median: %.3f %%\n", (mean - (double)med) / (double)med * 100.0);
  printf("above 1.1x median: %ld (%.3f %%)\n", over11, 100.0 * (double)over11 / (double)n);
  printf("above 2x median: %ld (%.3f %%)\n", over2, 100.0 * (double)over2 / (double)n);
  if (samples) {
    printf("samples (ns):");
    for (long i = 0; i < n; i++) printf(" %llu", (unsigned long long)t[i]);
    printf("\n");
  }
  free(t);
  free(s);
  return 0;
}
