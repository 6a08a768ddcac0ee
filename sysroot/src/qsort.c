/* qsort as glibc's: a stable merge sort, so records with equal keys keep their order, as a program
 * that sorts and prints them shows on Linux (wasi-libc's, musl's smoothsort, is not stable); and
 * glibc's qsort_r, whose comparison takes an argument. Without memory for the merge buffer the
 * sort is a stable insertion sort in place. */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

typedef int (*compare_arg)(const void *, const void *, void *);
typedef int (*compare_plain)(const void *, const void *);

struct sort {
	size_t size;
	compare_arg cmp;
	void *arg;
	char *tmp;
};

/* Sorts n elements at b (glibc's msort: halves sorted, then merged, the left taken on ties). */
static void merge_sort(const struct sort *s, char *b, size_t n) {
	if (n <= 1) return;
	size_t n1 = n / 2, n2 = n - n1, size = s->size;
	char *b1 = b, *b2 = b + n1 * size, *out = s->tmp;
	merge_sort(s, b1, n1);
	merge_sort(s, b2, n2);
	while (n1 > 0 && n2 > 0) {
		if (s->cmp(b1, b2, s->arg) <= 0) {
			memcpy(out, b1, size);
			b1 += size;
			n1--;
		} else {
			memcpy(out, b2, size);
			b2 += size;
			n2--;
		}
		out += size;
	}
	if (n1 > 0) memcpy(out, b1, n1 * size);
	memcpy(b, s->tmp, (n - n2) * size);
}

static void insertion_sort(const struct sort *s, char *b, size_t n) {
	char swap[64];
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && s->cmp(b + (j - 1) * s->size, b + j * s->size, s->arg) > 0; j--) {
			/* swap elements j - 1 and j, a chunk at a time */
			char *x = b + (j - 1) * s->size, *y = b + j * s->size;
			for (size_t k = 0; k < s->size; k += sizeof swap) {
				size_t len = s->size - k < sizeof swap ? s->size - k : sizeof swap;
				memcpy(swap, x + k, len);
				memcpy(x + k, y + k, len);
				memcpy(y + k, swap, len);
			}
		}
}

void qsort_r(void *base, size_t n, size_t size, compare_arg cmp, void *arg) {
	if (n <= 1 || size == 0) return;
	struct sort s = {size, cmp, arg, NULL};
	if (n <= SIZE_MAX / size) s.tmp = malloc(n * size);
	if (s.tmp) {
		merge_sort(&s, base, n);
		free(s.tmp);
	} else {
		insertion_sort(&s, base, n);
	}
}

static int call_plain(const void *a, const void *b, void *cmp) {
	return ((compare_plain)cmp)(a, b);
}

void qsort(void *base, size_t n, size_t size, compare_plain cmp) {
	qsort_r(base, n, size, call_plain, (void *)cmp);
}
