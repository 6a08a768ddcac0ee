/* rand, srand, rand_r, random, srandom, initstate and setstate as glibc's: the same seed gives the
 * same numbers as on Linux (a program that prints rand() % 100 after srand(42) prints what it
 * prints there). wasi-libc's (musl's) use other generators. glibc's random is an additive
 * feedback generator x[i] = x[i-deg] + x[i-sep] over a state of 7, 15, 31 (the default, 128 bytes)
 * or 63 words, seeded by the "minimal standard" LCG and run 10 * deg steps before its first
 * output; a state of 8 bytes is the plain LCG (TYPE_0). rand is random, srand is srandom. All of
 * these are here because wasi-libc keeps each pair in one object. */
#include <stdint.h>
#include <stdlib.h>

/* The generator types: state size in bytes, degree, separation. */
static const struct { size_t bytes; int deg, sep; } types[] = {
	{8, 0, 0}, {32, 7, 3}, {64, 15, 1}, {128, 31, 3}, {256, 63, 1},
};
#define MAX_TYPES 5

/* The default state: its word 0 keeps the type and the rear pointer (glibc's layout, which
 * setstate reads back), the generator's words follow. */
static int32_t default_table[32];
static int32_t *state;   /* default_table + 1, or the caller's buffer + 1 word */
static int32_t *front, *rear, *end;
static int type, deg, sep;

/* Word 0 of the state, as glibc stores it: type 0 alone, else rear index * MAX_TYPES + type. */
static void save_position(void) {
	state[-1] = type == 0 ? 0 : (int32_t)((rear - state) * MAX_TYPES + type);
}

static int32_t next(void) {
	if (type == 0) {
		int32_t v = (int32_t)(((uint32_t)state[0] * 1103515245U + 12345U) & 0x7fffffff);
		state[0] = v;
		return v;
	}
	uint32_t v = (uint32_t)(*front += (uint32_t)*rear);
	if (++front >= end) {
		front = state;
		++rear;
	} else if (++rear >= end) {
		rear = state;
	}
	return (int32_t)(v >> 1);
}

static void seed_state(unsigned seed) {
	int32_t word = seed == 0 ? 1 : (int32_t)seed;
	state[0] = word;
	if (type == 0) return;
	for (int i = 1; i < deg; i++) {
		/* state[i] = 16807 * state[i - 1] % 2147483647, without overflowing 31 bits */
		int32_t hi = word / 127773, lo = word % 127773;
		word = 16807 * lo - 2836 * hi;
		if (word < 0) word += 2147483647;
		state[i] = word;
	}
	front = &state[sep];
	rear = &state[0];
	for (int i = 0; i < 10 * deg; i++) next();
}

/* The type for n bytes of state: the largest that fits, or -1 below 8 bytes. */
static int type_for(size_t n) {
	int t = -1;
	for (int i = 0; i < MAX_TYPES; i++)
		if (n >= types[i].bytes) t = i;
	return t;
}

static void use(int32_t *words, int t) {
	state = words + 1;
	type = t;
	deg = types[t].deg;
	sep = types[t].sep;
	end = &state[deg];
}

/* The default generator is seeded with 1 on its first use, as glibc's static table is. */
static void ready(void) {
	if (state) return;
	use(default_table, 3);
	seed_state(1);
}

void srandom(unsigned seed) {
	ready();
	seed_state(seed);
	save_position();
}

long random(void) {
	ready();
	int32_t v = next();
	save_position();
	return v;
}

char *initstate(unsigned seed, char *buf, size_t n) {
	int t = type_for(n);
	if (!buf || t < 0) return NULL;
	ready();
	save_position();
	char *old = (char *)&state[-1];
	use((int32_t *)(void *)buf, t);
	seed_state(seed);
	save_position();
	return old;
}

char *setstate(char *buf) {
	if (!buf) return NULL;
	ready();
	int32_t *words = (int32_t *)(void *)buf;
	int t = words[0] % MAX_TYPES, r = words[0] / MAX_TYPES;
	if (t < 0 || t >= MAX_TYPES) return NULL;
	save_position();
	char *old = (char *)&state[-1];
	use(words, t);
	if (t != 0) {
		rear = &state[r];
		front = &state[(r + sep) % deg];
	}
	return old;
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
