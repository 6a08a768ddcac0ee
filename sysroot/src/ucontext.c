/* <ucontext.h> on green threads. A wasm program cannot save its registers or switch its own
 * stack, but it can have threads, and a switch between contexts is a hand-over between threads:
 * the thread that leaves waits on its context's semaphore, the one it resumes is woken (or, for a
 * context makecontext made, started). Only one context's thread runs at a time, as on Linux's one
 * thread. A context's state lives in a control block that uc_mcontext points to. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#define CTL_MAGIC 0x75637478ul /* "uctx" */
#define MAX_ARGS 8

enum state {
	CURRENT, /* getcontext saved it: its thread went on (it cannot return there again) */
	MADE,    /* makecontext: not started yet */
	WAITING, /* its thread waits in swapcontext to be resumed */
	RUNNING, /* its thread runs (it was resumed, or started) */
};

struct ctl {
	enum state state;
	sem_t go;
	pthread_t thread;
	void (*fn)(void);
	int argc;
	int args[MAX_ARGS];
	ucontext_t *self; /* the context makecontext was given (its uc_link and uc_sigmask) */
};

/*
 * The control block of `ucp`, made when `make` and there is none (ENOMEM: NULL). A context saved
 * while its thread waits (swapcontext) that getcontext or makecontext overwrites gets a new one:
 * that thread can never be resumed now (on Linux its stack is simply abandoned), and it must not
 * take the new context's wake-up. It stays blocked; its stack is the program's to reuse.
 */
static struct ctl *ctl_of(const ucontext_t *ucp, int make) {
	ucontext_t *u = (ucontext_t *)ucp;
	if (u->uc_mcontext.__l4wasm_ctl[0] == CTL_MAGIC) {
		struct ctl *c = (struct ctl *)u->uc_mcontext.__l4wasm_ctl[1];
		if (!make || c->state != WAITING) return c;
	}
	if (!make) return NULL;
	struct ctl *c = calloc(1, sizeof *c);
	if (!c) return NULL;
	sem_init(&c->go, 0, 0);
	u->uc_mcontext.__l4wasm_ctl[0] = CTL_MAGIC;
	u->uc_mcontext.__l4wasm_ctl[1] = (unsigned long)c;
	return c;
}

int getcontext(ucontext_t *ucp) {
	struct ctl *c = ctl_of(ucp, 1);
	if (!c) { errno = ENOMEM; return -1; }
	c->state = CURRENT;
	c->thread = pthread_self();
	memset(&ucp->uc_stack, 0, sizeof ucp->uc_stack);
	pthread_sigmask(SIG_BLOCK, NULL, &ucp->uc_sigmask);
	return 0;
}

void makecontext(ucontext_t *ucp, void (*fn)(void), int argc, ...) {
	struct ctl *c = ctl_of(ucp, 1);
	if (!c) return;
	c->state = MADE;
	c->fn = fn;
	c->self = ucp;
	c->argc = argc < 0 ? 0 : argc > MAX_ARGS ? MAX_ARGS : argc;
	va_list ap;
	va_start(ap, argc);
	for (int i = 0; i < c->argc; i++) c->args[i] = va_arg(ap, int);
	va_end(ap);
}

static int resume(const ucontext_t *ucp);

/* A made context's thread: its function with its arguments, then uc_link (none: the process exits). */
static void *entry(void *arg) {
	struct ctl *c = arg;
	ucontext_t *u = c->self;
	pthread_sigmask(SIG_SETMASK, &u->uc_sigmask, NULL);
	int *a = c->args;
	switch (c->argc) {
	case 0: c->fn(); break;
	case 1: ((void (*)(int))c->fn)(a[0]); break;
	case 2: ((void (*)(int, int))c->fn)(a[0], a[1]); break;
	case 3: ((void (*)(int, int, int))c->fn)(a[0], a[1], a[2]); break;
	case 4: ((void (*)(int, int, int, int))c->fn)(a[0], a[1], a[2], a[3]); break;
	case 5: ((void (*)(int, int, int, int, int))c->fn)(a[0], a[1], a[2], a[3], a[4]); break;
	case 6: ((void (*)(int, int, int, int, int, int))c->fn)(a[0], a[1], a[2], a[3], a[4], a[5]); break;
	case 7: ((void (*)(int, int, int, int, int, int, int))c->fn)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]); break;
	default: ((void (*)(int, int, int, int, int, int, int, int))c->fn)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]); break;
	}
	if (u->uc_link == NULL) exit(0);
	c->state = CURRENT;
	if (resume(u->uc_link) != 0) abort(); /* uc_link names no context it can go on in */
	return NULL;
}

/* Lets the thread of `ucp` run: wakes it, or starts a made one. */
static int resume(const ucontext_t *ucp) {
	struct ctl *c = ctl_of(ucp, 0);
	if (!c) { errno = EINVAL; return -1; }
	switch (c->state) {
	case WAITING:
		c->state = RUNNING;
		sem_post(&c->go);
		return 0;
	case MADE: {
		pthread_attr_t attr;
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		const stack_t *st = &c->self->uc_stack;
		if (st->ss_sp != NULL && st->ss_size >= PTHREAD_STACK_MIN) pthread_attr_setstack(&attr, st->ss_sp, st->ss_size);
		c->state = RUNNING;
		int e = pthread_create(&c->thread, &attr, entry, c);
		pthread_attr_destroy(&attr);
		if (e != 0) { c->state = MADE; errno = e; return -1; }
		return 0;
	}
	default:
		/* Saved by getcontext, whose thread has gone on (or running now): no way back into it. */
		errno = ENOTSUP;
		return -1;
	}
}

int swapcontext(ucontext_t *restrict oucp, const ucontext_t *restrict ucp) {
	struct ctl *o = ctl_of(oucp, 1);
	if (!o) { errno = ENOMEM; return -1; }
	o->state = WAITING;
	o->thread = pthread_self();
	pthread_sigmask(SIG_BLOCK, NULL, &oucp->uc_sigmask);
	if (resume(ucp) != 0) {
		o->state = CURRENT;
		return -1;
	}
	while (sem_wait(&o->go) != 0) {}
	pthread_sigmask(SIG_SETMASK, &oucp->uc_sigmask, NULL);
	return 0;
}

int setcontext(const ucontext_t *ucp) {
	if (resume(ucp) != 0) return -1;
	/* The caller's context is left for good: its thread ends (the process goes on while another runs). */
	pthread_exit(NULL);
}
