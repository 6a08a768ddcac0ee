/* rand, srand, rand_r, random, srandom, initstate and setstate as glibc's: the same seed gives the
 * same numbers as on Linux (a program that prints rand() % 100 after srand(42) prints what it
 * prints there). wasi-libc's (musl's) use other generators. glibc's random is an additive
 * feedback generator x[i] = x[i-deg] + x[i-sep] over a state of 7, 15, 31 (the default, 128 bytes)
 * or 63 words, seeded by the "minimal standard" LCG and run 10 * deg steps before its first
 * output; a state of 8 bytes is the plain LCG (TYPE_0). rand is random, srand is srandom. All of
 * these are here because wasi-libc keeps each pair in one object. As in glibc, the generator works
 * on a struct random_data, which random_r, srandom_r, initstate_r and setstate_r take from the
 * caller and random() and its friends keep for themselves. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* The generator types: state size in bytes, degree, separation. */
static const struct { size_t bytes; int deg, sep; } types[] = {
	{8, 0, 0}, {32, 7, 3}, {64, 15, 1}, {128, 31, 3}, {256, 63, 1},
};
#define MAX_TYPES 5

static int invalid(void) {
	errno = EINVAL;
	return -1;
}

/* Word 0 of a state, as glibc stores it (setstate reads it back): type 0 alone, else the rear
 * pointer's index * MAX_TYPES + type. */
static void save_position(struct random_data *buf) {
	buf->state[-1] = buf->rand_type == 0 ? 0 : (int32_t)((buf->rptr - buf->state) * MAX_TYPES + buf->rand_type);
}

int random_r(struct random_data *buf, int32_t *result) {
	if (!buf || !result) return invalid();
	int32_t *state = buf->state;
	if (buf->rand_type == 0) {
		int32_t v = (int32_t)(((uint32_t)state[0] * 1103515245U + 12345U) & 0x7fffffff);
		state[0] = v;
		*result = v;
		return 0;
	}
	uint32_t v = (uint32_t)(*buf->fptr += (uint32_t)*buf->rptr);
	*result = (int32_t)(v >> 1);
	if (++buf->fptr >= buf->end_ptr) {
		buf->fptr = state;
		++buf->rptr;
	} else if (++buf->rptr >= buf->end_ptr) {
		buf->rptr = state;
	}
	return 0;
}

int srandom_r(unsigned seed, struct random_data *buf) {
	if (!buf || (unsigned)buf->rand_type >= MAX_TYPES) return -1;
	int32_t *state = buf->state;
	int32_t word = seed == 0 ? 1 : (int32_t)seed;
	state[0] = word;
	if (buf->rand_type == 0) return 0;
	for (int i = 1; i < buf->rand_deg; i++) {
		/* state[i] = 16807 * state[i - 1] % 2147483647, without overflowing 31 bits */
		int32_t hi = word / 127773, lo = word % 127773;
		word = 16807 * lo - 2836 * hi;
		if (word < 0) word += 2147483647;
		state[i] = word;
	}
	buf->fptr = &state[buf->rand_sep];
	buf->rptr = &state[0];
	for (int i = 0; i < 10 * buf->rand_deg; i++) {
		int32_t discard;
		random_r(buf, &discard);
	}
	return 0;
}

/* The type for n bytes of state: the largest that fits, or -1 below 8 bytes. */
static int type_for(size_t n) {
	int t = -1;
	for (int i = 0; i < MAX_TYPES; i++)
		if (n >= types[i].bytes) t = i;
	return t;
}

static void use(struct random_data *buf, int32_t *words, int t) {
	buf->rand_type = t;
	buf->rand_deg = types[t].deg;
	buf->rand_sep = types[t].sep;
	buf->state = words + 1;
	buf->end_ptr = &buf->state[types[t].deg];
}

/* buf->state is the state in use before (its position is saved in it), or NULL. */
int initstate_r(unsigned seed, char *statebuf, size_t n, struct random_data *buf) {
	if (!buf) return invalid();
	int t = type_for(n);
	if (buf->state) save_position(buf);
	if (t < 0) return invalid();
	use(buf, (int32_t *)(void *)statebuf, t);
	srandom_r(seed, buf);
	save_position(buf);
	return 0;
}

int setstate_r(char *statebuf, struct random_data *buf) {
	if (!statebuf || !buf) return invalid();
	save_position(buf);
	int32_t *words = (int32_t *)(void *)statebuf;
	int t = words[0] % MAX_TYPES, rear = words[0] / MAX_TYPES;
	if (t < 0 || t >= MAX_TYPES) return invalid();
	use(buf, words, t);
	if (t != 0) {
		buf->rptr = &buf->state[rear];
		buf->fptr = &buf->state[(rear + buf->rand_sep) % buf->rand_deg];
	}
	return 0;
}

/* random() and its friends: the default state of 128 bytes, seeded with 1 on its first use, as
 * glibc's static table is. */
static int32_t default_table[32];
static struct random_data unsafe;

static void ready(void) {
	if (unsafe.state) return;
	use(&unsafe, default_table, 3);
	srandom_r(1, &unsafe);
	save_position(&unsafe);
}

void srandom(unsigned seed) {
	ready();
	srandom_r(seed, &unsafe);
}

long random(void) {
	ready();
	int32_t v;
	random_r(&unsafe, &v);
	return v;
}

char *initstate(unsigned seed, char *buf, size_t n) {
	if (!buf) return NULL;
	ready();
	char *old = (char *)&unsafe.state[-1];
	return initstate_r(seed, buf, n, &unsafe) == 0 ? old : NULL;
}

char *setstate(char *buf) {
	ready();
	char *old = (char *)&unsafe.state[-1];
	return setstate_r(buf, &unsafe) == 0 ? old : NULL;
}

int rand(void) { return (int)random(); }

void srand(unsigned seed) { srandom(seed); }

int rand_r(unsigned *seed) {
	unsigned v = *seed;
	int result;
	v = v * 1103515245 + 12345;
	result = (int)((v / 65536) % 2048);
	v = v * 1103515245 + 12345;
	result = (result << 10) ^ (int)((v / 65536) % 1024);
	v = v * 1103515245 + 12345;
	result = (result << 10) ^ (int)((v / 65536) % 1024);
	*seed = v;
	return result;
}
