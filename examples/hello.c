/* hello: the smallest program; prints its arguments as well, to show argv reaches it. */
#include <stdio.h>

int main(int argc, char **argv) {
  printf("Hello from l4wasm!\n");
  for (int i = 1; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
  return 0;
}
