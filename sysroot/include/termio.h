/* glibc's <termio.h>: the System V terminal header, which glibc makes <termios.h> and <sys/ioctl.h>. */
#include <termios.h>
#include <sys/ioctl.h>
