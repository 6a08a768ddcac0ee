/* l4_decouple / l4_recouple: the guest moves the program (src/guest/process.ts). */
#include <errno.h>
#include <l4/decouple.h>
#include "l4posix.h"

L4POSIX_IMPORT(decouple) int __l4posix_decouple(void);
L4POSIX_IMPORT(recouple) int __l4posix_recouple(void);


int l4_decouple(void) { return l4posix_ret(__l4posix_decouple()); }
int l4_recouple(void) { return l4posix_ret(__l4posix_recouple()); }
