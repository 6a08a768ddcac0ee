/* Signal sets: the first 64 bits of musl's sigset_t hold signals 1-64. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>

#define WORD(sig) (((unsigned)(sig) - 1) / (8 * sizeof(unsigned long)))
#define BIT(sig) (1UL << (((unsigned)(sig) - 1) % (8 * sizeof(unsigned long))))

static int bad(int sig) {
	if (sig > 0 && sig < _NSIG) return 0;
	errno = EINVAL;
	return 1;
}

int sigemptyset(sigset_t *set) {
	memset(set, 0, sizeof *set);
	return 0;
}

int sigfillset(sigset_t *set) {
	memset(set, 0, sizeof *set);
	for (int s = 1; s < _NSIG; s++) set->__bits[WORD(s)] |= BIT(s);
	return 0;
}

int sigaddset(sigset_t *set, int sig) {
	if (bad(sig)) return -1;
	set->__bits[WORD(sig)] |= BIT(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig) {
	if (bad(sig)) return -1;
	set->__bits[WORD(sig)] &= ~BIT(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig) {
	if (bad(sig)) return -1;
	return (set->__bits[WORD(sig)] & BIT(sig)) != 0;
}

int sigisemptyset(const sigset_t *set) {
	for (size_t i = 0; i < sizeof set->__bits / sizeof *set->__bits; i++)
		if (set->__bits[i]) return 0;
	return 1;
}

int sigorset(sigset_t *dst, const sigset_t *l, const sigset_t *r) {
	for (size_t i = 0; i < sizeof dst->__bits / sizeof *dst->__bits; i++) dst->__bits[i] = l->__bits[i] | r->__bits[i];
	return 0;
}

int sigandset(sigset_t *dst, const sigset_t *l, const sigset_t *r) {
	for (size_t i = 0; i < sizeof dst->__bits / sizeof *dst->__bits; i++) dst->__bits[i] = l->__bits[i] & r->__bits[i];
	return 0;
}
