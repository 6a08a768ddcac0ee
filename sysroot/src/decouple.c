/* l4_decouple / l4_recouple: the guest moves the program (src/guest/process.ts). */
#include <errno.h>
#include <l4/decouple.h>
#include "l4posix.h"

L4POSIX_IMPORT(decouple) int __l4posix_decouple(void);
L4POSIX_IMPORT(recouple) int __l4posix_recouple(void);

static int result(int r) {
  if (r < 0) { errno = -r; return -1; }
  return 0;
}

int l4_decouple(void) { return result(__l4posix_decouple()); }
int l4_recouple(void) { return result(__l4posix_recouple()); }
