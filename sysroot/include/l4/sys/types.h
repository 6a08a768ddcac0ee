/* L4 base types (after L4Re's <l4/sys/types.h>, kept small). Capabilities are slot indices of
 * the task's capability space; L4_INVALID_CAP names none. */
#ifndef _L4_SYS_TYPES_H
#define _L4_SYS_TYPES_H

#include <stdint.h>

typedef unsigned long l4_umword_t;
typedef long l4_mword_t;
typedef unsigned long l4_addr_t;
typedef unsigned long l4_size_t;
typedef uint32_t l4_uint32_t;
typedef int32_t l4_int32_t;
typedef l4_umword_t l4_cap_idx_t;

#define L4_INVALID_CAP ((l4_cap_idx_t)~0UL)

static inline int l4_is_invalid_cap(l4_cap_idx_t c) { return c == L4_INVALID_CAP; }
static inline int l4_is_valid_cap(l4_cap_idx_t c) { return c != L4_INVALID_CAP; }

#endif
