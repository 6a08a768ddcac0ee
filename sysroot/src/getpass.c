/* getpass as glibc's reads a password where it has no controlling terminal to open: from stdin,
 * the prompt on stderr, with echo (and signal characters) off while the line is read when stdin is
 * a terminal, and the newline the user typed echoed afterwards. /dev/tty is not tried: in the guest
 * it is the machine's console, not the terminal the user types at (which is stdin's), and
 * `l4wasm run` leaves it unconnected. The line, without its newline, is kept in a buffer of the
 * library's (reused by the next call); "" at the end of the input; NULL when nothing could be read
 * and no buffer was ever made. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/types.h>
#include <termios.h>
#include <unistd.h>

char *getpass(const char *prompt) {
	static char *buf;
	static size_t size;
	FILE *in = stdin, *out = stderr;
	struct termios saved, quiet;
	int changed = 0;
	if (tcgetattr(fileno(in), &saved) == 0) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ISIG);
		changed = tcsetattr(fileno(in), TCSAFLUSH, &quiet) == 0;
	}
	fputs(prompt, out);
	fflush(out);
	ssize_t n = getline(&buf, &size, in);
	if (buf) {
		if (n < 0) {
			buf[0] = '\0';
		} else if (n > 0 && buf[n - 1] == '\n') {
			buf[n - 1] = '\0';
			if (changed) {
				fputc('\n', out);
				fflush(out);
			}
		}
	}
	if (changed) tcsetattr(fileno(in), TCSAFLUSH, &saved);
	return buf;
}
