/* The initial environment of an L4 program (after L4Re's <l4/re/env.h>): the capabilities it was
 * given by name (the machine's configuration, like a ned script), and its own thread.
 * l4re_env_get_cap(name): the capability, or L4_INVALID_CAP when the program was given none of
 * that name. A name may also name a dataspace (use it as an l4re_ds_t). */
#ifndef _L4_RE_ENV_H
#define _L4_RE_ENV_H

#include <l4/sys/types.h>

typedef struct l4re_env_t {
  l4_cap_idx_t main_thread; /* the calling program's thread */
  l4_cap_idx_t log;         /* the log capability (L4_INVALID_CAP for a guest process) */
} l4re_env_t;

l4re_env_t *l4re_env(void);
l4_cap_idx_t l4re_env_get_cap(char const *name);

#endif
