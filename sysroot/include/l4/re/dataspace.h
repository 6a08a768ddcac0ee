/* Dataspaces (after L4Re's <l4/re/c/dataspace.h> and <l4/re/c/mem_alloc.h>): memory the root task
 * hands out, attached into address spaces with l4re_rm_attach (<l4/re/rm.h>).
 * l4re_ma_alloc(size, &ds, flags): a new dataspace of `size` bytes (rounded up to 4 KiB pages),
 *   zero-filled. 0, or -L4_EINVAL (size 0, unknown flags), -L4_ENOMEM, -L4_EFAULT (bad pointer).
 * l4re_ds_size(ds): its size in bytes, or -L4_EINVAL for no dataspace.
 * l4re_ma_free(ds): gives the dataspace back once nobody attaches it: 0 or -L4_EINVAL. */
#ifndef _L4_RE_DATASPACE_H
#define _L4_RE_DATASPACE_H

#include <l4/sys/types.h>
#include <l4/sys/err.h>

typedef l4_cap_idx_t l4re_ds_t;

long l4re_ma_alloc(unsigned long size, l4re_ds_t *ds, unsigned long flags);
long l4re_ma_free(l4re_ds_t ds);
long l4re_ds_size(l4re_ds_t ds);

#endif
