/* alarm: SIGALRM from alarm() and setitimer(ITIMER_REAL) on l4wasm, where the timer is an IPC
 * timeout of the process's exception/timer handler thread. The alarm reaches the program while it
 * waits (pause, nanosleep, sleep, read: interrupted with EINTR unless SA_RESTART) and while it only
 * computes (delivered when it next calls into the host). tests/signals/alarm.test.ts checks it.
 *
 *   alarm             every section below, then exit 0
 *   alarm compute F   only the computing section; F = getpid or clock: the call the loop makes
 *   alarm read        read stdin with a 100 ms timer and no SA_RESTART: EINTR
 *   alarm read-restart the same with SA_RESTART: the read goes on and returns the input
 *   alarm default     alarm(1) without a handler, then pause(): the process dies of SIGALRM
 *   alarm read-usr1 [restart]  read stdin with a SIGUSR1 handler and no timer (the signal comes
 *                     from outside), with or without SA_RESTART
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define PERIOD_US 20000
#define ALARMS 5

static volatile sig_atomic_t alarms;
static long long arrived[ALARMS];

static long long now_us(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static void on_alarm(int sig) {
	(void)sig;
	if (alarms < ALARMS) arrived[alarms] = now_us();
	alarms++;
}

static void handle(int restart) {
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = restart ? SA_RESTART : 0 };
	sigaction(SIGALRM, &sa, 0);
	alarms = 0;
}

static void set_timer(long value_us, long interval_us) {
	struct itimerval it = {
		.it_interval = { interval_us / 1000000, interval_us % 1000000 },
		.it_value = { value_us / 1000000, value_us % 1000000 },
	};
	setitimer(ITIMER_REAL, &it, 0);
}

static const char *err(int r) { return r == 0 ? "ok" : strerror(errno); }

static void alarm_fn(void) {
	printf("== alarm\n");
	handle(0);
	printf("alarm(5) = %u\n", alarm(5));
	printf("alarm(0) = %u (seconds that were left, rounded up)\n", alarm(0));
	long long t0 = now_us();
	alarm(1);
	errno = 0;
	int r = pause();
	long long ms = (now_us() - t0) / 1000;
	printf("alarm(1), pause() = %d (%s), alarms %d, after about a second: %s\n", r, strerror(errno), (int)alarms,
	       ms >= 990 && ms < 1500 ? "yes" : "no");
}

static void itimer_fn(void) {
	printf("== setitimer\n");
	handle(0);
	struct itimerval it = { { 0, 0 }, { 0, 300000 } }, old, cur;
	printf("set 300 ms: %s\n", err(setitimer(ITIMER_REAL, &it, &old)));
	printf("old was disarmed: %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0);
	getitimer(ITIMER_REAL, &cur);
	long left = cur.it_value.tv_sec * 1000000L + cur.it_value.tv_usec;
	printf("getitimer: left in (200 ms, 300 ms]: %d, interval %ld\n", left > 200000 && left <= 300000, (long)cur.it_interval.tv_usec);
	it.it_value.tv_usec = 0;
	it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, &old);
	left = old.it_value.tv_sec * 1000000L + old.it_value.tv_usec;
	printf("disarm: old value left > 0: %d, alarms %d\n", left > 0, (int)alarms);
	it.it_interval.tv_usec = 50000;
	it.it_value.tv_usec = 50000;
	setitimer(ITIMER_REAL, &it, 0);
	getitimer(ITIMER_REAL, &cur);
	printf("periodic: interval %ld us\n", (long)cur.it_interval.tv_usec);
	while (alarms < 3) pause();
	set_timer(0, 0);
	printf("periodic: %d alarms, then disarmed\n", (int)alarms);
	it.it_value.tv_usec = 1000000;
	printf("tv_usec 1000000: %s\n", err(setitimer(ITIMER_REAL, &it, 0)));
	/* The CPU-time timers: set (a second of CPU time: it does not fire here), read, disarmed. */
	it.it_value.tv_sec = 1;
	it.it_value.tv_usec = 0;
	printf("ITIMER_VIRTUAL: %s\n", err(setitimer(ITIMER_VIRTUAL, &it, 0)));
	getitimer(ITIMER_VIRTUAL, &cur);
	printf("ITIMER_VIRTUAL interval %ld us, running %d\n", (long)cur.it_interval.tv_usec, cur.it_value.tv_sec > 0 || cur.it_value.tv_usec > 0);
	struct itimerval zero = { { 0, 0 }, { 0, 0 } };
	printf("ITIMER_VIRTUAL disarmed: %s\n", err(setitimer(ITIMER_VIRTUAL, &zero, 0)));
	const char *prof = err(getitimer(ITIMER_PROF, &cur));
	printf("getitimer(ITIMER_PROF): %s, running %d\n", prof, cur.it_value.tv_sec > 0 || cur.it_value.tv_usec > 0);
	printf("setitimer(NULL): %s\n", err(setitimer(ITIMER_REAL, 0, 0)));
}

/* The loop calls only `call` (getpid or clock_gettime) and otherwise computes. Each alarm must
   arrive within one period of the timer's expiry. */
static void compute_fn(const char *call) {
	printf("== compute (%s)\n", call);
	handle(0);
	int use_clock = !strcmp(call, "clock");
	volatile unsigned long x = 1;
	long long start = now_us();
	set_timer(PERIOD_US, PERIOD_US);
	while (alarms < ALARMS) {
		for (int i = 0; i < 1000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
		if (use_clock) {
			struct timespec t;
			clock_gettime(CLOCK_MONOTONIC, &t);
		} else {
			(void)getpid();
		}
		if (now_us() - start > 5000000) break;
	}
	set_timer(0, 0);
	long long worst = 0;
	for (int i = 0; i < ALARMS && i < alarms; i++) {
		long long late = arrived[i] - (start + (long long)(i + 1) * PERIOD_US);
		if (late > worst) worst = late;
	}
	printf("%d alarms while computing, each within one period of its expiry: %s\n", ALARMS,
	       alarms >= ALARMS && worst < PERIOD_US ? "yes" : "no");
	if (getenv("ALARM_VERBOSE")) printf("worst lateness %lld us\n", worst);
}

static void sleep_fn(void) {
	printf("== sleeping\n");
	handle(1); /* SA_RESTART does not restart sleeps */
	set_timer(50000, 0);
	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	errno = 0;
	int r = nanosleep(&req, &rem);
	long long left_ms = rem.tv_sec * 1000LL + rem.tv_nsec / 1000000;
	printf("nanosleep(2 s) = %d (%s), alarms %d, 1.5 s to 2 s left: %s\n", r, strerror(errno), (int)alarms,
	       left_ms > 1500 && left_ms < 2000 ? "yes" : "no");
	set_timer(50000, 0);
	printf("sleep(2) = %u (whole seconds left)\n", sleep(2));
	printf("alarms %d\n", (int)alarms);
}

static void read_fn(int restart, int timer) {
	printf("== read (%s)\n", restart ? "SA_RESTART" : "no SA_RESTART");
	handle(restart);
	if (timer) {
		set_timer(100000, 0);
	} else {
		struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = restart ? SA_RESTART : 0 };
		sigaction(SIGUSR1, &sa, 0);
	}
	char buf[64];
	errno = 0;
	ssize_t n = read(0, buf, sizeof buf - 1);
	if (n < 0) {
		printf("read = -1 (%s), signals %d\n", strerror(errno), (int)alarms);
	} else {
		buf[n] = 0;
		printf("read = %d \"%s\", signals %d\n", (int)n, strtok(buf, "\n"), (int)alarms);
	}
}

int main(int argc, char **argv) {
	setvbuf(stdout, 0, _IONBF, 0);
	const char *mode = argc > 1 ? argv[1] : "all";
	if (!strcmp(mode, "compute")) {
		compute_fn(argc > 2 ? argv[2] : "getpid");
	} else if (!strcmp(mode, "read")) {
		read_fn(0, 1);
	} else if (!strcmp(mode, "read-restart")) {
		read_fn(1, 1);
	} else if (!strcmp(mode, "read-usr1")) {
		read_fn(argc > 2 && !strcmp(argv[2], "restart"), 0);
	} else if (!strcmp(mode, "default")) {
		alarm(1);
		printf("waiting for SIGALRM without a handler\n");
		pause();
		printf("not reached\n");
	} else {
		alarm_fn();
		itimer_fn();
		compute_fn("getpid");
		compute_fn("clock");
		sleep_fn();
	}
	return 0;
}
