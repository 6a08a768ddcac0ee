/* __cxa_thread_atexit: the destructor of a C++ thread_local object, run when its thread ends
 * (pthread_exit, a return from the thread's function) or, for the main thread, at exit, last
 * registered first. The toolchain's libc++abi is built without threads and has none; clang calls
 * it once thread-local storage is kept (l4wasm cc). Each thread's list hangs on a pthread key
 * whose destructor runs it; the main thread's runs from an atexit handler. */
#include <pthread.h>
#include <stdlib.h>

struct tls_dtor {
	void (*fn)(void *);
	void *obj;
	struct tls_dtor *next;
};

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int ready;

static void run(void *head) {
	for (struct tls_dtor *d = head; d;) {
		struct tls_dtor *next = d->next;
		d->fn(d->obj);
		free(d);
		/* A destructor may have made (and registered) another thread_local object. */
		if (!next) {
			next = pthread_getspecific(key);
			pthread_setspecific(key, 0);
		}
		d = next;
	}
}

static void main_thread_exit(void) {
	void *head = pthread_getspecific(key);
	pthread_setspecific(key, 0);
	run(head);
}

static void init(void) {
	if (pthread_key_create(&key, run) == 0 && atexit(main_thread_exit) == 0) ready = 1;
}

int __cxa_thread_atexit(void (*fn)(void *), void *obj, void *dso) {
	(void)dso;
	pthread_once(&once, init);
	struct tls_dtor *d = ready ? malloc(sizeof *d) : 0;
	if (!d) return -1;
	d->fn = fn;
	d->obj = obj;
	d->next = pthread_getspecific(key);
	pthread_setspecific(key, d);
	return 0;
}
