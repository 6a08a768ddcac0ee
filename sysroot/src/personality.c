/* personality: the process's execution domain. Programs run as Linux programs (PER_LINUX); a
 * persona set is recorded, as Linux records it, and reported back (inherited by fork, which copies
 * memory; exec starts again at PER_LINUX). 0xffffffff asks without changing it. */
#include <sys/personality.h>

static unsigned int persona = PER_LINUX;

int personality(unsigned long value) {
	unsigned int old = persona;
	if ((unsigned int)value != 0xffffffffu) persona = (unsigned int)value;
	return (int)old;
}
