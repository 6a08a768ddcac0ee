/* The region manager (after L4Re's <l4/re/c/rm.h>): attach a dataspace into the address space.
 * l4re_rm_attach(&start, size, flags, ds, offset, align): with L4RE_RM_F_SEARCH_ADDR a free range
 *   is chosen (its address stored to *start), else *start is the address (page-aligned). 0, or
 *   -L4_EINVAL (size 0, unaligned start/offset, no dataspace), -L4_ERANGE (offset + size beyond
 *   the dataspace), -L4_EEXIST (the range is taken), -L4_ENOMEM, -L4_EFAULT. Regions are
 *   4 KiB-aligned; a larger `align` (log2) is not honoured.
 * l4re_rm_detach(addr): detaches the region attached at addr: 0 or -L4_ENOENT.
 *
 * Sharing: two programs that attach the same dataspace see each other's writes at their L4
 * calls: each program's memory is its own wasm memory, so IPC, IRQ trigger and attach/detach
 * first publish what the program changed in its windows, and IPC (an IRQ receive included) and
 * attach show, once they return, what the other side published. Write disjoint bytes from the two sides
 * (a ring buffer's head and tail), and synchronize with IPC or IRQs, as with any shared memory. */
#ifndef _L4_RE_RM_H
#define _L4_RE_RM_H

#include <l4/sys/types.h>
#include <l4/re/dataspace.h>

enum l4re_rm_flags_t {
  L4RE_RM_F_R = 0x1,
  L4RE_RM_F_W = 0x2,
  L4RE_RM_F_RW = 0x3,
  L4RE_RM_F_SEARCH_ADDR = 0x20,
};

long l4re_rm_attach(void **start, unsigned long size, unsigned long flags, l4re_ds_t ds,
                    l4_addr_t offset, unsigned char align);
long l4re_rm_detach(void *addr);

#endif
