/* glibc's reentrant 48-bit generators: x = a * x + c mod 2^48 (a = 0x5deece66d, c = 0xb until
 * seed48_r/lcong48_r say otherwise), on the state in struct drand48_data (a zeroed one starts from
 * x = 0, as glibc's) or the caller's xsubi; the same numbers as drand48() and friends. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void defaults(struct drand48_data *d) {
	d->__a = 0x5deece66dULL;
	d->__c = 0xb;
	d->__init = 1;
}

static int step(unsigned short x[3], struct drand48_data *d) {
	if (!d->__init) defaults(d);
	uint64_t v = (uint64_t)x[2] << 32 | (uint32_t)x[1] << 16 | x[0];
	v = v * d->__a + d->__c;
	x[0] = v & 0xffff;
	x[1] = (v >> 16) & 0xffff;
	x[2] = (v >> 32) & 0xffff;
	return 0;
}

/* The 48 bits as a fraction in [0, 1). */
int erand48_r(unsigned short x[3], struct drand48_data *d, double *result) {
	step(x, d);
	*result = (double)((uint64_t)x[2] << 32 | (uint32_t)x[1] << 16 | x[0]) / 281474976710656.0;
	return 0;
}

int drand48_r(struct drand48_data *d, double *result) { return erand48_r(d->__x, d, result); }

/* The top 31 bits, not negative. */
int nrand48_r(unsigned short x[3], struct drand48_data *d, long *result) {
	step(x, d);
	*result = (long)((uint32_t)x[2] << 15 | x[1] >> 1);
	return 0;
}

int lrand48_r(struct drand48_data *d, long *result) { return nrand48_r(d->__x, d, result); }

/* The top 32 bits, signed. */
int jrand48_r(unsigned short x[3], struct drand48_data *d, long *result) {
	step(x, d);
	*result = (int32_t)((uint32_t)x[2] << 16 | x[1]);
	return 0;
}

int mrand48_r(struct drand48_data *d, long *result) { return jrand48_r(d->__x, d, result); }

/* The high 32 bits of x are the seed's, the low 16 are 0x330e. */
int srand48_r(long seed, struct drand48_data *d) {
	uint32_t s = (uint32_t)seed;
	d->__x[2] = s >> 16;
	d->__x[1] = s & 0xffff;
	d->__x[0] = 0x330e;
	defaults(d);
	return 0;
}

/* The old x is kept in __old_x (seed48() returns it). */
int seed48_r(unsigned short seed[3], struct drand48_data *d) {
	memcpy(d->__old_x, d->__x, sizeof d->__x);
	memcpy(d->__x, seed, sizeof d->__x);
	defaults(d);
	return 0;
}

/* x, a and c given: param[0..2] x, param[3..5] a, param[6] c. */
int lcong48_r(unsigned short param[7], struct drand48_data *d) {
	memcpy(d->__x, param, sizeof d->__x);
	d->__a = (uint64_t)param[5] << 32 | (uint32_t)param[4] << 16 | param[3];
	d->__c = param[6];
	d->__init = 1;
	return 0;
}
