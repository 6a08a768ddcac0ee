/* Stream locks (flockfile, ftrylockfile, funlockfile): recursive, one owner thread per stream, kept
 * in a table by stream (wasi-libc's FILE, built single-threaded, has no lock word). Threads switch
 * only where they wait (pthread.c), so wasi-libc's own stdio calls need no lock; these order the
 * sequences a program brackets itself. A waiter sleeps on the futex of the stream's entry. */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "pthread_impl.h"

struct stream_lock {
	FILE *f;
	pthread_t owner;
	int depth;
	volatile int waiters;
	volatile int seq;
	struct stream_lock *next;
};

static struct stream_lock *locks;

static struct stream_lock *lock_of(FILE *f) {
	for (struct stream_lock *l = locks; l; l = l->next) if (l->f == f) return l;
	/* A free entry is taken over; else a new one (kept: a stream's address may come back). */
	for (struct stream_lock *l = locks; l; l = l->next) {
		if (!l->owner && !l->waiters) {
			l->f = f;
			return l;
		}
	}
	struct stream_lock *l = calloc(1, sizeof *l);
	if (!l) abort();
	l->f = f;
	l->next = locks;
	locks = l;
	return l;
}

int ftrylockfile(FILE *f) {
	struct stream_lock *l = lock_of(f);
	pthread_t self = pthread_self();
	if (l->owner && l->owner != self) return -1;
	if (l->owner == self) {
		l->depth++;
		return 0;
	}
	l->owner = self;
	l->depth = 0;
	return 0;
}

void flockfile(FILE *f) {
	while (ftrylockfile(f) != 0) {
		struct stream_lock *l = lock_of(f);
		l->waiters++;
		__l4posix_futex_wait_until(&l->seq, l->seq, FUTEX_NONE, 0);
		l->waiters--;
	}
}

void funlockfile(FILE *f) {
	struct stream_lock *l = lock_of(f);
	if (l->owner != pthread_self()) return;
	if (l->depth > 0) {
		l->depth--;
		return;
	}
	l->owner = 0;
	if (l->waiters) {
		l->seq++;
		__l4posix_futex_wake(&l->seq, 1);
	}
}
