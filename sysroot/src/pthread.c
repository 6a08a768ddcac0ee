/* POSIX threads: green threads of a multiplexed program (src/guest/green_threads.ts). The guest
 * runs one thread at a time and switches only where a thread waits (a blocking call, a futex wait)
 * or yields, so wasi-libc, built single-threaded, is never entered by two threads at once, and the
 * words below need no atomics: between two calls into the host no other thread runs.
 * Each thread has a C stack of its own (malloc'd, or pthread_attr_setstack's); errno and the
 * pthread_self word are swapped by the guest at each switch. A decoupled program (its code in a
 * worker, not prepared for switching) cannot have threads: pthread_create fails with EAGAIN. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <l4posix.h>
#include "pthread_impl.h"
#include "signal_impl.h"

L4POSIX_IMPORT(thread_create) int __l4posix_thread_create(void *thread, void *stack_top, int *errno_word, void *self_word);
L4POSIX_IMPORT(thread_exit) int __l4posix_thread_exit(void);
L4POSIX_IMPORT(thread_cancel) int __l4posix_thread_cancel(int tid);

#define KEYS_MAX 128
#define DESTRUCTOR_ITERATIONS 4

struct __pthread {
	/* First, where the guest reads them (src/guest/green_threads.ts cancelDue): a blocking call of
	 * the thread is its cancellation point while a cancel is pending and not disabled. */
	volatile int cancel_pending;
	int cancel_disabled;
	int cancel_async;
	void *(*start)(void *);
	void *arg;
	void *result;
	int tid;
	/* 1 once it has exited: joiners wait on this word. */
	volatile int done;
	int detached;
	int joining;
	void *stack;
	/* Its stack's lowest address and size (malloc'd or pthread_attr_setstack's), for pthread_getattr_np. */
	void *stack_addr;
	size_t stack_size;
	struct __ptcb *cleanup;
	/* The futex word it waits on, for pthread_cancel to wake it. */
	volatile int *waiting_on;
	void *tsd[KEYS_MAX];
	char name[16];
	struct __pthread *next;
	/* The robust mutexes it holds (pthread_sync.c). */
	void *robust;
};

static struct __pthread main_thread = { .tid = 0 };
/* The running thread (0: the main thread): the guest writes it at each switch. */
struct __pthread *__l4posix_thread_self;
/* Every thread that is not yet freed, the main thread first. */
static struct __pthread *all = &main_thread;
static int live = 1;

pthread_t pthread_self(void) { return __l4posix_thread_self ? __l4posix_thread_self : &main_thread; }

/* The library's own thread (timer.c's notifier) does not keep the process alive. */
void __l4posix_thread_internal(void) { live--; }

/* How many of the program's threads are running (unshare in privileged.c asks, weakly). */
int __l4posix_live_threads(void) { return live; }

/* The caller's id, unique on the machine (a process's first thread has the pid): what owns a lock,
 * which a process-shared lock needs, where pthread_t (an address) repeats in every forked copy. */
int __l4posix_thread_id(void) {
	struct __pthread *self = pthread_self();
	if (!self->tid) self->tid = getpid();
	return self->tid;
}

int (pthread_equal)(pthread_t a, pthread_t b) { return a == b; }

/* Linux's thread id: the guest's, as /proc/PID/task lists it (the main thread's is the pid). */
pid_t gettid(void) { return __l4posix_thread_id(); }

void **__l4posix_robust_head(void) { return &pthread_self()->robust; }

/* The thread is one of ours (not freed): a join or detach of anything else is ESRCH. */
static int known(pthread_t t) {
	for (struct __pthread *p = all; p; p = p->next) if (p == t) return 1;
	return 0;
}

static void release(struct __pthread *t) {
	for (struct __pthread **p = &all; *p; p = &(*p)->next) {
		if (*p == t) { *p = t->next; break; }
	}
	if (t == &main_thread) return;
	free(t->stack);
	free(t);
}

/* Detached threads that have exited: freed by the next thread that creates or joins (an exiting
 * thread cannot free the stack it runs on). */
static void reap(void) {
	struct __pthread *p = all;
	while (p) {
		struct __pthread *next = p->next;
		if (p->done && p->detached && p != pthread_self()) release(p);
		p = next;
	}
}

__attribute__((export_name("__l4posix_thread_start")))
void __l4posix_thread_start(struct __pthread *t) {
	pthread_exit(t->start(t->arg));
}

/* The guest runs this in a thread canceled in a blocking call, at the end of that call. */
__attribute__((export_name("__l4posix_thread_cancelled")))
void __l4posix_thread_cancelled(void) {
	pthread_exit(PTHREAD_CANCELED);
}

static size_t default_stack_size(void) {
	pthread_attr_t a;
	size_t size = 0;
	pthread_attr_init(&a);
	pthread_attr_getstacksize(&a, &size);
	return size >= 16384 ? size : 131072;
}

/* pthread_setattr_default_np's attributes, taken by pthread_create without any (once set). */
static pthread_attr_t default_attr;
static int default_attr_set;

/* The policy and priority a thread created with `a` gets, as pthread_setschedparam would take
 * them: 0, EPERM (a real-time policy) or EINVAL. */
static int sched_ok(const pthread_attr_t *a) {
	int inherit = PTHREAD_INHERIT_SCHED, policy = SCHED_OTHER;
	struct sched_param p = { 0 };
	pthread_attr_getinheritsched(a, &inherit);
	if (inherit != PTHREAD_EXPLICIT_SCHED) return 0;
	pthread_attr_getschedpolicy(a, &policy);
	pthread_attr_getschedparam(a, &p);
	if (policy == SCHED_FIFO || policy == SCHED_RR) return EPERM;
	return policy == SCHED_OTHER && p.sched_priority == 0 ? 0 : EINVAL;
}

int pthread_create(pthread_t *restrict res, const pthread_attr_t *restrict attr, void *(*start)(void *), void *restrict arg) {
	reap();
	pthread_attr_t def;
	if (!attr) {
		if (default_attr_set) def = default_attr;
		else pthread_attr_init(&def);
		attr = &def;
	}
	int sched = sched_ok(attr);
	if (sched) return sched;
	struct __pthread *t = calloc(1, sizeof *t);
	if (!t) return EAGAIN;
	int detach = PTHREAD_CREATE_JOINABLE;
	pthread_attr_getdetachstate(attr, &detach);
	void *addr = 0;
	size_t size = 0;
	unsigned char *top;
	if (pthread_attr_getstack(attr, &addr, &size) == 0 && addr) {
		t->stack_addr = addr;
		top = (unsigned char *)addr + size;
	} else {
		pthread_attr_getstacksize(attr, &size);
		if (size < 16384) size = default_stack_size();
		t->stack = malloc(size);
		if (!t->stack) {
			free(t);
			return EAGAIN;
		}
		t->stack_addr = t->stack;
		top = (unsigned char *)t->stack + size;
	}
	t->stack_size = size;
	top = (unsigned char *)((uintptr_t)top & ~(uintptr_t)15);
	t->start = start;
	t->arg = arg;
	t->detached = detach == PTHREAD_CREATE_DETACHED;
	/* The guest swaps this word at each switch; the main thread's is its own from now on. */
	if (!__l4posix_thread_self) {
		__l4posix_thread_self = &main_thread;
		main_thread.tid = getpid(); /* the guest's id of a process's first thread */
	}
	int tid = __l4posix_thread_create(t, top, &errno, &__l4posix_thread_self);
	if (tid < 0) {
		free(t->stack);
		free(t);
		return -tid;
	}
	t->tid = tid;
	t->next = all->next;
	all->next = t;
	live++;
	*res = t;
	return 0;
}

static void run_destructors(struct __pthread *self);

_Noreturn void pthread_exit(void *result) {
	struct __pthread *self = pthread_self();
	self->cancel_disabled = 1;
	while (self->cleanup) {
		struct __ptcb *cb = self->cleanup;
		self->cleanup = cb->__next;
		cb->__f(cb->__x);
	}
	run_destructors(self);
	__l4posix_robust_release(self->robust);
	self->robust = 0;
	/* The last thread: the process exits as if by exit(0) (atexit handlers, stdio flushed). */
	if (live == 1) exit(0);
	self->result = result;
	self->done = 1;
	live--;
	__l4posix_futex_wake(&self->done, INT_MAX);
	__l4posix_thread_exit();
	/* The guest knows of no other thread (cannot be, as live said): end as the last one would. */
	exit(0);
}

/* A cancellation point: a cancel that is pending and enabled ends the thread here. */
void __l4posix_testcancel(void) {
	struct __pthread *self = pthread_self();
	if (self->cancel_pending && !self->cancel_disabled) pthread_exit(PTHREAD_CANCELED);
}

void pthread_testcancel(void) { __l4posix_testcancel(); }

/* Waits on `word` while it holds `value`, as a cancellation point; the futex wait's result. */
int __l4posix_cancellable_wait(volatile int *word, int value, int clock, const struct timespec *at) {
	struct __pthread *self = pthread_self();
	__l4posix_testcancel();
	self->waiting_on = word;
	int r = __l4posix_futex_wait_until(word, value, clock, at);
	self->waiting_on = 0;
	return r;
}

int pthread_cancel(pthread_t t) {
	if (!known(t)) return ESRCH;
	t->cancel_pending = 1;
	if (t == pthread_self()) {
		if (t->cancel_async) __l4posix_testcancel();
		return 0;
	}
	if (t->waiting_on) __l4posix_futex_wake(t->waiting_on, INT_MAX);
	else if (!t->done) __l4posix_thread_cancel(t->tid);
	return 0;
}

int pthread_setcancelstate(int state, int *old) {
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE) return EINVAL;
	struct __pthread *self = pthread_self();
	if (old) *old = self->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	self->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
	/* Asynchronous: a cancel pending while it was disabled acts now, as glibc's does. */
	if (self->cancel_async) __l4posix_testcancel();
	return 0;
}

/* Asynchronous cancellation acts at once when a cancel is pending, else where the thread runs
 * next in its own code (the guest looks at a loop's preemption point or a call's end:
 * green_threads.ts asyncCancelDue), or at a cancellation point: a green thread cannot be stopped
 * between two instructions, nor inside the library. */
int pthread_setcanceltype(int type, int *old) {
	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS) return EINVAL;
	struct __pthread *self = pthread_self();
	if (old) *old = self->cancel_async ? PTHREAD_CANCEL_ASYNCHRONOUS : PTHREAD_CANCEL_DEFERRED;
	self->cancel_async = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	if (self->cancel_async) __l4posix_testcancel();
	return 0;
}

void _pthread_cleanup_push(struct __ptcb *cb, void (*f)(void *), void *x) {
	struct __pthread *self = pthread_self();
	cb->__f = f;
	cb->__x = x;
	cb->__next = self->cleanup;
	self->cleanup = cb;
}

void _pthread_cleanup_pop(struct __ptcb *cb, int run) {
	struct __pthread *self = pthread_self();
	self->cleanup = cb->__next;
	if (run) cb->__f(cb->__x);
}

static int join(pthread_t t, void **res, int clock, const struct timespec *at, int try) {
	if (!known(t)) return ESRCH;
	if (t == pthread_self()) return EDEADLK;
	if (t->detached || t->joining) return EINVAL;
	if (!t->done && try) return EBUSY;
	t->joining = 1;
	while (!t->done) {
		int r = __l4posix_cancellable_wait(&t->done, 0, clock, at);
		if (r == ETIMEDOUT) {
			t->joining = 0;
			return ETIMEDOUT;
		}
	}
	if (res) *res = t->result;
	release(t);
	reap();
	return 0;
}

int pthread_join(pthread_t t, void **res) { return join(t, res, FUTEX_NONE, 0, 0); }
int pthread_tryjoin_np(pthread_t t, void **res) { return join(t, res, FUTEX_NONE, 0, 1); }
int pthread_timedjoin_np(pthread_t t, void **res, const struct timespec *at) { return join(t, res, FUTEX_REALTIME, at, 0); }
int pthread_clockjoin_np(pthread_t t, void **res, clockid_t clock, const struct timespec *at) {
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) return EINVAL;
	return join(t, res, clock == CLOCK_MONOTONIC ? FUTEX_MONOTONIC : FUTEX_REALTIME, at, 0);
}

int pthread_detach(pthread_t t) {
	if (!known(t)) return ESRCH;
	if (t->detached) return EINVAL;
	t->detached = 1;
	if (t->done) release(t);
	return 0;
}

/* ---- thread-specific data ---- */

static struct { int used; void (*dtor)(void *); } keys[KEYS_MAX];

int pthread_key_create(pthread_key_t *k, void (*dtor)(void *)) {
	for (unsigned i = 0; i < KEYS_MAX; i++) {
		if (keys[i].used) continue;
		keys[i].used = 1;
		keys[i].dtor = dtor;
		/* A key made anew starts at NULL in every thread. */
		for (struct __pthread *p = all; p; p = p->next) p->tsd[i] = 0;
		*k = i;
		return 0;
	}
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t k) {
	if (k >= KEYS_MAX || !keys[k].used) return EINVAL;
	keys[k].used = 0;
	keys[k].dtor = 0;
	return 0;
}

void *pthread_getspecific(pthread_key_t k) { return k < KEYS_MAX ? pthread_self()->tsd[k] : 0; }

int pthread_setspecific(pthread_key_t k, const void *v) {
	if (k >= KEYS_MAX || !keys[k].used) return EINVAL;
	pthread_self()->tsd[k] = (void *)v;
	return 0;
}

static void run_destructors(struct __pthread *self) {
	for (int round = 0; round < DESTRUCTOR_ITERATIONS; round++) {
		int ran = 0;
		for (unsigned i = 0; i < KEYS_MAX; i++) {
			void *v = self->tsd[i];
			if (!v || !keys[i].used || !keys[i].dtor) continue;
			self->tsd[i] = 0;
			keys[i].dtor(v);
			ran = 1;
		}
		if (!ran) break;
	}
}

/* ---- once, fork handlers ---- */

int pthread_once(pthread_once_t *once, void (*init)(void)) {
	volatile int *w = (volatile int *)once;
	for (;;) {
		if (*w == 2) return 0;
		if (*w == 0) {
			*w = 1;
			init();
			*w = 2;
			__l4posix_futex_wake(w, INT_MAX);
			return 0;
		}
		__l4posix_futex_wait_until(w, 1, FUTEX_NONE, 0);
	}
}

#define ATFORK_MAX 64
static struct { void (*prepare)(void), (*parent)(void), (*child)(void); } atfork[ATFORK_MAX];
static int atfork_count;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void)) {
	if (atfork_count == ATFORK_MAX) return ENOMEM;
	atfork[atfork_count].prepare = prepare;
	atfork[atfork_count].parent = parent;
	atfork[atfork_count].child = child;
	atfork_count++;
	return 0;
}

/* fork's handlers (sysroot/src/fork.c): prepare in reverse order of registration, then parent or
 * child in order. The child has one thread, the one that forked. */
void __l4posix_fork_handlers(int phase) {
	if (phase == 0) {
		for (int i = atfork_count - 1; i >= 0; i--) if (atfork[i].prepare) atfork[i].prepare();
		return;
	}
	if (phase == 2) {
		live = 1;
		struct __pthread *self = pthread_self();
		self->tid = getpid();
		for (struct __pthread *p = all; p; p = p->next) if (p != self) p->done = 1;
	}
	for (int i = 0; i < atfork_count; i++) {
		void (*f)(void) = phase == 1 ? atfork[i].parent : atfork[i].child;
		if (f) f();
	}
}

/* ---- attributes, names, scheduling, signals ---- */

/* The main thread's stack, as wasm-ld lays it out (-z stack-size). */
extern char __stack_low __attribute__((weak)), __stack_high __attribute__((weak));

int pthread_getattr_np(pthread_t t, pthread_attr_t *a) {
	pthread_attr_init(a);
	if (t->detached) pthread_attr_setdetachstate(a, PTHREAD_CREATE_DETACHED);
	if (t == &main_thread) {
		if (&__stack_high > &__stack_low) pthread_attr_setstack(a, &__stack_low, (size_t)(&__stack_high - &__stack_low));
	} else if (t->stack_addr) {
		pthread_attr_setstack(a, t->stack_addr, t->stack_size);
	}
	return 0;
}

int pthread_setname_np(pthread_t t, const char *name) {
	if (strlen(name) >= sizeof t->name) return ERANGE;
	strcpy(t->name, name);
	return 0;
}

int pthread_getname_np(pthread_t t, char *buf, size_t len) {
	if (len <= strlen(t->name)) return ERANGE;
	strcpy(buf, t->name);
	return 0;
}

int pthread_getschedparam(pthread_t t, int *policy, struct sched_param *param) {
	(void)t;
	*policy = SCHED_OTHER;
	param->sched_priority = 0;
	return 0;
}

/* One policy here, SCHED_OTHER at priority 0 (sched.c): the real-time ones need privileges. */
int pthread_setschedparam(pthread_t t, int policy, const struct sched_param *param) {
	(void)t;
	if (policy == SCHED_OTHER && param->sched_priority == 0) return 0;
	if (policy == SCHED_FIFO || policy == SCHED_RR) return EPERM;
	return EINVAL;
}

int pthread_setschedprio(pthread_t t, int prio) {
	(void)t;
	return prio == 0 ? 0 : EINVAL;
}

/* A signal for thread `t` alone (tgkill): pending for it, its handler runs in it, its sigwait takes
 * it; the action (a fatal default, a stop) is the process's. A thread that has exited is ESRCH (as
 * musl; glibc answers 0 for a thread that exited but whose descriptor it still has). */
int pthread_kill(pthread_t t, int sig) {
	if (!known(t) || t->done) return ESRCH;
	int tid = t->tid ? t->tid : getpid(); /* the main thread before any other was made */
	int r = __l4posix_tgkill(getpid(), tid, sig);
	return r < 0 ? -r : 0;
}

int pthread_yield(void) { return sched_yield(); }

int pthread_getcpuclockid(pthread_t t, clockid_t *clock) {
	if (!known(t)) return ESRCH;
	*clock = CLOCK_PROCESS_CPUTIME_ID;
	return 0;
}

/* ---- what wasi-libc declares and leaves undefined: scheduling attributes, the concurrency level,
 * priority ceilings, default attributes, affinity ---- */

/* musl's pthread_attr_t words (its pthread_impl.h on wasm32), which wasi-libc's pthread_attr_*
 * use: 4 the inherit-scheduler flag, 5 the policy (6 the priority, pthread_attr_setschedparam's). */
#define A_INHERIT(a) ((a)->__u.__i[4])
#define A_POLICY(a) ((a)->__u.__i[5])

int pthread_attr_setinheritsched(pthread_attr_t *a, int inherit) {
	if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED) return EINVAL;
	A_INHERIT(a) = inherit;
	return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *restrict a, int *restrict inherit) {
	*inherit = A_INHERIT(a);
	return 0;
}

/* Any policy sched_setscheduler knows of, as glibc takes it; pthread_create judges it. */
int pthread_attr_setschedpolicy(pthread_attr_t *a, int policy) {
	if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR) return EINVAL;
	A_POLICY(a) = policy;
	return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *restrict a, int *restrict policy) {
	*policy = A_POLICY(a);
	return 0;
}

/* Every thread competes with all others of the machine, as on Linux. */
int pthread_attr_setscope(pthread_attr_t *a, int scope) {
	(void)a;
	return scope == PTHREAD_SCOPE_SYSTEM ? 0 : scope == PTHREAD_SCOPE_PROCESS ? ENOTSUP : EINVAL;
}

int pthread_attr_getscope(const pthread_attr_t *restrict a, int *restrict scope) {
	(void)a;
	*scope = PTHREAD_SCOPE_SYSTEM;
	return 0;
}

/* A hint with no effect here; POSIX has the level kept so that it is read back. */
static int concurrency;

int pthread_setconcurrency(int level) {
	if (level < 0) return EINVAL;
	concurrency = level;
	return 0;
}

int pthread_getconcurrency(void) { return concurrency; }

/* Priority ceilings: kept in the mutex attribute's bits 16-23 (musl's use bits 0-7), between
 * SCHED_FIFO's lowest and highest priority as glibc checks; read back as the lowest when unset.
 * No mutex is PTHREAD_PRIO_PROTECT (pthread_mutexattr_setprotocol refuses it), so no mutex has a
 * ceiling to change. */
#define CEILING_SHIFT 16

int pthread_mutexattr_setprioceiling(pthread_mutexattr_t *a, int ceiling) {
	if (ceiling < sched_get_priority_min(SCHED_FIFO) || ceiling > sched_get_priority_max(SCHED_FIFO)) return EINVAL;
	a->__attr = (a->__attr & ~(0xffu << CEILING_SHIFT)) | (unsigned)ceiling << CEILING_SHIFT;
	return 0;
}

int pthread_mutexattr_getprioceiling(const pthread_mutexattr_t *restrict a, int *restrict ceiling) {
	int c = (int)(a->__attr >> CEILING_SHIFT & 0xff);
	*ceiling = c ? c : sched_get_priority_min(SCHED_FIFO);
	return 0;
}

int pthread_mutex_setprioceiling(pthread_mutex_t *restrict m, int ceiling, int *restrict old) {
	(void)m; (void)ceiling; (void)old;
	return EINVAL;
}

/* glibc's checks: no stack address (one stack cannot serve every thread), a usable size, a policy
 * and priority pthread_attr_setschedparam's counterpart would take. */
int pthread_setattr_default_np(const pthread_attr_t *a) {
	void *addr = 0;
	size_t size = 0;
	int policy = SCHED_OTHER;
	struct sched_param p = { 0 };
	pthread_attr_getstack(a, &addr, &size);
	pthread_attr_getstacksize(a, &size);
	pthread_attr_getschedpolicy(a, &policy);
	pthread_attr_getschedparam(a, &p);
	if (addr || size < PTHREAD_STACK_MIN) return EINVAL;
	if (p.sched_priority < sched_get_priority_min(policy) || p.sched_priority > sched_get_priority_max(policy)) return EINVAL;
	default_attr = *a;
	default_attr_set = 1;
	return 0;
}

int pthread_getattr_default_np(pthread_attr_t *a) {
	if (default_attr_set) *a = default_attr;
	else pthread_attr_init(a);
	return 0;
}

/* A thread runs where its process may (the threads share the process's one CPU at a time). */
int pthread_setaffinity_np(pthread_t t, size_t size, const cpu_set_t *set) {
	if (!known(t) || t->done) return ESRCH;
	return sched_setaffinity(0, size, set) == 0 ? 0 : errno;
}

int pthread_getaffinity_np(pthread_t t, size_t size, cpu_set_t *set) {
	if (!known(t) || t->done) return ESRCH;
	return sched_getaffinity(0, size, set) == 0 ? 0 : errno;
}
