/* C11 threads (<threads.h>) on POSIX threads (pthread.c, pthread_sync.c), as glibc and musl build
 * them: a thrd_t is a pthread_t, mtx_t and cnd_t have the layout of pthread_mutex_t and
 * pthread_cond_t, tss_t is a key, once_flag a pthread_once_t. wasi-libc declares them and defines
 * only a few, on its own single-threaded pthread_self and keys (thrd_current, thrd_detach, tss_get,
 * weak): every one is defined here, so they all meet the same threads. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <threads.h>
#include <time.h>

_Static_assert(sizeof(mtx_t) == sizeof(pthread_mutex_t), "mtx_t is a pthread_mutex_t");
_Static_assert(sizeof(cnd_t) == sizeof(pthread_cond_t), "cnd_t is a pthread_cond_t");
_Static_assert(sizeof(tss_t) == sizeof(pthread_key_t), "tss_t is a pthread_key_t");
_Static_assert(sizeof(once_flag) == sizeof(pthread_once_t), "once_flag is a pthread_once_t");

static int result(int e) {
	switch (e) {
	case 0: return thrd_success;
	case EBUSY: return thrd_busy;
	case ETIMEDOUT: return thrd_timedout;
	case ENOMEM: case EAGAIN: return thrd_nomem;
	default: return thrd_error;
	}
}

/* ---- threads: the start function's int travels as the thread's void * result ---- */

int thrd_create(thrd_t *t, thrd_start_t start, void *arg) {
	return result(pthread_create(t, 0, (void *(*)(void *))(void *)start, arg));
}

_Noreturn void thrd_exit(int res) { pthread_exit((void *)(intptr_t)res); }

int thrd_join(thrd_t t, int *res) {
	void *r;
	if (pthread_join(t, &r)) return thrd_error;
	if (res) *res = (int)(intptr_t)r;
	return thrd_success;
}

int thrd_detach(thrd_t t) { return pthread_detach(t) ? thrd_error : thrd_success; }

thrd_t thrd_current(void) { return pthread_self(); }

int (thrd_equal)(thrd_t a, thrd_t b) { return a == b; }

void thrd_yield(void) { sched_yield(); }

/* 0, -1 when a signal interrupted it (the time left in `rem`), another negative value on error. */
int thrd_sleep(const struct timespec *d, struct timespec *rem) {
	if (nanosleep(d, rem) == 0) return 0;
	return errno == EINTR ? -1 : -2;
}

/* ---- mutexes and condition variables ---- */

int mtx_init(mtx_t *m, int type) {
	if ((type & ~(mtx_recursive | mtx_timed)) != 0) return thrd_error;
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	if (type & mtx_recursive) pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	int r = pthread_mutex_init((pthread_mutex_t *)m, &a);
	pthread_mutexattr_destroy(&a);
	return result(r);
}

void mtx_destroy(mtx_t *m) { pthread_mutex_destroy((pthread_mutex_t *)m); }
int mtx_lock(mtx_t *m) { return result(pthread_mutex_lock((pthread_mutex_t *)m)); }
int mtx_trylock(mtx_t *m) { return result(pthread_mutex_trylock((pthread_mutex_t *)m)); }
int mtx_unlock(mtx_t *m) { return result(pthread_mutex_unlock((pthread_mutex_t *)m)); }

int mtx_timedlock(mtx_t *restrict m, const struct timespec *restrict at) {
	return result(pthread_mutex_timedlock((pthread_mutex_t *)m, at));
}

int cnd_init(cnd_t *c) { return result(pthread_cond_init((pthread_cond_t *)c, 0)); }
void cnd_destroy(cnd_t *c) { pthread_cond_destroy((pthread_cond_t *)c); }
int cnd_signal(cnd_t *c) { return result(pthread_cond_signal((pthread_cond_t *)c)); }
int cnd_broadcast(cnd_t *c) { return result(pthread_cond_broadcast((pthread_cond_t *)c)); }
int cnd_wait(cnd_t *c, mtx_t *m) { return result(pthread_cond_wait((pthread_cond_t *)c, (pthread_mutex_t *)m)); }

int cnd_timedwait(cnd_t *restrict c, mtx_t *restrict m, const struct timespec *restrict at) {
	return result(pthread_cond_timedwait((pthread_cond_t *)c, (pthread_mutex_t *)m, at));
}

/* ---- thread-specific storage and once ---- */

int tss_create(tss_t *k, tss_dtor_t dtor) { return pthread_key_create(k, dtor) ? thrd_error : thrd_success; }
void tss_delete(tss_t k) { pthread_key_delete(k); }
int tss_set(tss_t k, void *v) { return pthread_setspecific(k, v) ? thrd_error : thrd_success; }
void *tss_get(tss_t k) { return pthread_getspecific(k); }

void call_once(once_flag *flag, void (*fn)(void)) { pthread_once((pthread_once_t *)flag, fn); }
