/* mpi-fwq: the FWQ benchmark as a bulk-synchronous parallel program. R ranks (processes) each
 * run ITERS iterations of identical work followed by a global barrier; the slowest rank of each
 * iteration holds up all the others, so noise on any rank adds to the time to completion.
 *
 *   mpi-fwq [-r RANKS] [-i ITERS] [-t WORK_US]
 *     -r RANKS    processes, this one included (default 2)
 *     -i ITERS    iterations of work + barrier (default 1000)
 *     -t WORK_US  the work of one iteration in µs, calibrated once by rank 0 (default 1000)
 *
 * Rank 0 calibrates the work, then starts ranks 1..R-1 with posix_spawn of itself (argv[0], so
 * run it by a path; works for decoupled programs, which cannot fork) with a rank argument. The
 * barrier is built on pipes, a kernel-backed wait: each rank writes a byte into one shared
 * arrival pipe and blocks reading a release byte from a pipe of its own; rank 0 reads R-1 arrival
 * bytes and writes the release bytes. Rank 0 reports the time to completion (from a start
 * barrier after every rank is up to the last barrier) against the ideal, ITERS x its median work.
 *
 * Builds natively (cc -O2 mpi-fwq.c) and for l4wasm (l4wasm cc -O2 mpi-fwq.c). */
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#include "fwq_work.h"

static void die(const char *what) {
  perror(what);
  exit(1);
}

/* Rank k > 0: arrive (one byte into the shared pipe), wait for the release byte. */
static void barrier_rank(int up, int down) {
  char c = 'a';
  if (write(up, &c, 1) != 1) die("mpi-fwq: barrier write");
  if (read(down, &c, 1) != 1) { fprintf(stderr, "mpi-fwq: barrier: rank 0 is gone\n"); exit(3); }
}

/* Rank 0: collect R-1 arrivals, release everyone. */
static void barrier_root(int up, const int *down, int ranks) {
  char buf[64];
  int need = ranks - 1;
  while (need > 0) {
    ssize_t n = read(up, buf, need < (int)sizeof buf ? (size_t)need : sizeof buf);
    if (n <= 0) { fprintf(stderr, "mpi-fwq: barrier: a rank is gone\n"); exit(3); }
    need -= (int)n;
  }
  for (int k = 1; k < ranks; k++)
    if (write(down[k], "r", 1) != 1) die("mpi-fwq: barrier release");
}

static int child(int argc, char **argv) {
  /* --rank K LOOPS ITERS UPFD DOWNFD */
  if (argc != 7) { fprintf(stderr, "mpi-fwq: --rank takes K LOOPS ITERS UPFD DOWNFD\n"); return 2; }
  uint64_t loops = strtoull(argv[3], 0, 10);
  long iters = atol(argv[4]);
  int up = atoi(argv[5]), down = atoi(argv[6]);
  barrier_rank(up, down); /* start */
  for (long i = 0; i < iters; i++) {
    work(loops);
    barrier_rank(up, down);
  }
  return 0;
}

static void usage(void) {
  fprintf(stderr, "usage: mpi-fwq [-r RANKS] [-i ITERS] [-t WORK_US]\n");
  exit(2);
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "--rank")) return child(argc, argv);
  int ranks = 2;
  long iters = 1000;
  double work_us = 1000.0;
  for (int i = 1; i < argc; i++) {
    if (i + 1 >= argc) usage();
    if (!strcmp(argv[i], "-r")) ranks = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-i")) iters = atol(argv[++i]);
    else if (!strcmp(argv[i], "-t")) work_us = atof(argv[++i]);
    else usage();
  }
  if (ranks < 1 || ranks > 256 || iters < 1 || work_us <= 0) usage();
  uint64_t loops = calibrate((uint64_t)(work_us * 1000.0));

  int up[2];
  if (pipe(up) < 0) die("mpi-fwq: pipe");
  int *down = calloc((size_t)ranks, sizeof(int));
  pid_t *pids = calloc((size_t)ranks, sizeof(pid_t));
  uint64_t *w = malloc(sizeof(uint64_t) * (size_t)iters);
  if (!down || !pids || !w) die("mpi-fwq: malloc");

  uint64_t spawn0 = now_ns();
  for (int k = 1; k < ranks; k++) {
    int d[2];
    if (pipe(d) < 0) die("mpi-fwq: pipe");
    char sk[16], sl[32], si[32], su[16], sd[16];
    snprintf(sk, sizeof sk, "%d", k);
    snprintf(sl, sizeof sl, "%llu", (unsigned long long)loops);
    snprintf(si, sizeof si, "%ld", iters);
    snprintf(su, sizeof su, "%d", up[1]);
    snprintf(sd, sizeof sd, "%d", d[0]);
    char *cargv[] = { argv[0], "--rank", sk, sl, si, su, sd, 0 };
    /* The child keeps only its ends: the arrival pipe's write end and its own release read end. */
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addclose(&fa, up[0]);
    posix_spawn_file_actions_addclose(&fa, d[1]);
    for (int j = 1; j < k; j++) posix_spawn_file_actions_addclose(&fa, down[j]);
    int e = strchr(argv[0], '/') ? posix_spawn(&pids[k], argv[0], &fa, 0, cargv, environ)
                                 : posix_spawnp(&pids[k], argv[0], &fa, 0, cargv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e != 0) {
      fprintf(stderr, "mpi-fwq: cannot start rank %d as %s: %s\n", k, argv[0], strerror(e));
      return 1;
    }
    close(d[0]);
    down[k] = d[1];
  }
  close(up[1]); /* a rank that dies shows as end of file */

  barrier_root(up[0], down, ranks); /* every rank is up */
  uint64_t t0 = now_ns();
  for (long i = 0; i < iters; i++) {
    uint64_t a = now_ns();
    work(loops);
    w[i] = now_ns() - a;
    barrier_root(up[0], down, ranks);
  }
  uint64_t t1 = now_ns();

  int failed = 0;
  for (int k = 1; k < ranks; k++) {
    int st;
    if (waitpid(pids[k], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      fprintf(stderr, "mpi-fwq: rank %d did not exit cleanly\n", k);
      failed = 1;
    }
  }
  qsort(w, (size_t)iters, sizeof(uint64_t), cmp_u64);
  double med = (double)w[iters / 2];
  double total = (double)(t1 - t0), ideal = med * (double)iters;
  printf("mpi-fwq: %d ranks, %ld iterations of %.1f us work (%llu loops, calibrated)\n", ranks, iters,
         work_us, (unsigned long long)loops);
  printf("start-up: %.6f s\n", (double)(t0 - spawn0) / 1e9);
  printf("time to completion: %.6f s\n", total / 1e9);
  printf("ideal: %.6f s\n", ideal / 1e9);
  printf("extra over ideal: %.3f %%\n", (total - ideal) / ideal * 100.0);
  printf("per iteration: %.3f us (work median %.3f us)\n", total / (double)iters / 1000.0, med / 1000.0);
  return failed;
}
