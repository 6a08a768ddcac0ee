/* l4wasm overlay of wasi-libc's <sys/ioctl.h>: FIONREAD and FIONBIO keep wasi-libc's numbers; the
 * terminal requests (window size, termios) and FIOCLEX/FIONCLEX are Linux's (sysroot/src/fd.c). */
#ifndef _L4WASM_SYS_IOCTL_H
#define _L4WASM_SYS_IOCTL_H

#include_next <sys/ioctl.h>

#define __NEED_struct_winsize
#include <bits/alltypes.h>

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONCLEX   0x5450
#define FIOCLEX    0x5451

#endif
