/* l4wasm overlay: struct dirent with room for a whole name (NAME_MAX + 1), as glibc and musl have
 * it, so that a caller's own entry (readdir_r, copies of readdir's result) can hold any name.
 * The layout up to d_name is wasi-libc's: readdir's own entries are read the same way. */
#ifndef __wasilibc___struct_dirent_h
#define __wasilibc___struct_dirent_h

#include <__typedef_ino_t.h>

#define _DIRENT_HAVE_D_TYPE

struct dirent {
  ino_t d_ino;
  unsigned char d_type;
  char d_name[256];
};

#endif
