/* A compute-bound program for the preemption benchmark (l4wasm bench preempt): integer and
 * floating-point loops, no calls into the host until the result is printed. */
#include <stdio.h>
#include <stdlib.h>

static unsigned collatz(unsigned limit) {
  unsigned best = 0, arg = 0;
  for (unsigned n = 1; n < limit; n++) {
    unsigned long long x = n;
    unsigned steps = 0;
    while (x != 1) { x = x & 1 ? 3 * x + 1 : x / 2; steps++; }
    if (steps > best) { best = steps; arg = n; }
  }
  return arg;
}

static double integrate(long steps) {
  double sum = 0, h = 1.0 / steps;
  for (long i = 0; i < steps; i++) {
    double x = (i + 0.5) * h;
    sum += 4.0 / (1.0 + x * x);
  }
  return sum * h;
}

int main(int argc, char **argv) {
  unsigned scale = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned a = collatz(300000 * scale);
  double pi = integrate(20000000L * scale);
  printf("%u %.9f\n", a, pi);
  return 0;
}
