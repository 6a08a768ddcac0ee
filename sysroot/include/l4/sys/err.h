/* L4 error codes (L4Re's <l4/sys/err.h>): calls that are not IPC return 0 or a negated code.
 * The values equal the errno values of the same name. IPC errors are reported separately:
 * l4_ipc_error() (see <l4/sys/ipc.h>), or negated as -(L4_EIPC_LO + code) by l4_error(). */
#ifndef _L4_SYS_ERR_H
#define _L4_SYS_ERR_H

enum l4_error_code_t {
  L4_EOK = 0,
  L4_EPERM = 1,     /* the capability lacks the right (bind a gate without server rights) */
  L4_ENOENT = 2,    /* no capability or dataspace of that name; no region at that address */
  L4_ENOMEM = 12,   /* the root task has no memory left; the address space is full */
  L4_EFAULT = 14,   /* a pointer or range lies outside the program's memory */
  L4_EBUSY = 16,
  L4_EEXIST = 17,   /* a region is attached there already */
  L4_ENODEV = 19,   /* the capability names an object of another kind */
  L4_EINVAL = 22,   /* a bad argument: invalid capability, size, flag, alignment */
  L4_ERANGE = 34,   /* offset + size beyond the dataspace */
  L4_ENOSYS = 38,   /* the program runs where the L4 API is not offered */
  L4_EIPC_LO = 2000,
  L4_EIPC_HI = 2031,
};

#endif
