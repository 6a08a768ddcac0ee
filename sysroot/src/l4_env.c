/* The L4 environment from C (<l4/re/env.h>, <l4/re/dataspace.h>, <l4/re/rm.h>): capabilities by
 * name, dataspaces, the region manager. Results are 0/values or negated L4 error codes. */
#include <string.h>
#include <l4/re/env.h>
#include <l4/re/dataspace.h>
#include <l4/re/rm.h>
#include "l4posix.h"

L4POSIX_IMPORT(l4_cap_get) int __l4posix_l4_cap_get(const char *name, int len);
L4POSIX_IMPORT(l4_env) int __l4posix_l4_env(l4re_env_t *env);
L4POSIX_IMPORT(l4_ma_alloc) int __l4posix_l4_ma_alloc(unsigned long size, l4re_ds_t *ds, int flags);
L4POSIX_IMPORT(l4_ma_free) int __l4posix_l4_ma_free(int ds);
L4POSIX_IMPORT(l4_ds_size) int __l4posix_l4_ds_size(int ds);
L4POSIX_IMPORT(l4_rm_attach) int __l4posix_l4_rm_attach(void **start, unsigned long size, int flags, int ds, unsigned long offset, int align);
L4POSIX_IMPORT(l4_rm_detach) int __l4posix_l4_rm_detach(void *addr);

static l4re_env_t env;
static int env_ready;

l4re_env_t *l4re_env(void) {
  if (!env_ready) {
    env.main_thread = L4_INVALID_CAP;
    env.log = L4_INVALID_CAP;
    if (__l4posix_l4_env(&env) == 0) env_ready = 1;
  }
  return &env;
}

l4_cap_idx_t l4re_env_get_cap(char const *name) {
  int r = __l4posix_l4_cap_get(name, (int)strlen(name));
  return r < 0 ? L4_INVALID_CAP : (l4_cap_idx_t)r;
}

long l4re_ma_alloc(unsigned long size, l4re_ds_t *ds, unsigned long flags) {
  return __l4posix_l4_ma_alloc(size, ds, (int)flags);
}

long l4re_ma_free(l4re_ds_t ds) { return __l4posix_l4_ma_free((int)ds); }

long l4re_ds_size(l4re_ds_t ds) { return __l4posix_l4_ds_size((int)ds); }

long l4re_rm_attach(void **start, unsigned long size, unsigned long flags, l4re_ds_t ds,
                    l4_addr_t offset, unsigned char align) {
  return __l4posix_l4_rm_attach(start, size, (int)flags, (int)ds, offset, align);
}

long l4re_rm_detach(void *addr) { return __l4posix_l4_rm_detach(addr); }
