/* l4wasm: <pty.h>, which wasi-libc leaves out (sysroot/src/pty.c): there are no pseudo-terminals
 * (no /dev/ptmx), so openpty and forkpty fail with ENOENT, as posix_openpt does. */
#ifndef _PTY_H
#define _PTY_H

#include <termios.h>
#include <sys/ioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

int openpty(int *, int *, char *, const struct termios *, const struct winsize *);
int forkpty(int *, char *, const struct termios *, const struct winsize *);

#ifdef __cplusplus
}
#endif

#endif
