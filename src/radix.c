/* radix.c — LSD radix sort over 16 key bytes, skipping the constant ones. */
#include "config.h"

#include <string.h>

#include "radix.h"

#define KEY_BYTES 16

/* Byte b of r's key, 0 the least significant. */
static inline unsigned
key_byte(const struct radix_rec *r, unsigned b)
{
	return (unsigned)((b < 8 ? r->lo >> (8 * b) : r->hi >> (8 * (b - 8))) & 0xff);
}

/* One stable pass on byte b from src into dst. */
static void
radix_pass(const struct radix_rec *src, struct radix_rec *dst, size_t n, unsigned b)
{
	size_t count[256], sum = 0;

	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++)
		count[key_byte(&src[i], b)]++;
	for (unsigned d = 0; d < 256; d++) {
		size_t c = count[d];
		count[d] = sum;
		sum += c;
	}
	for (size_t i = 0; i < n; i++)
		dst[count[key_byte(&src[i], b)]++] = src[i];
}

/* Sort a[0..n) by (hi, lo), stably, using tmp; returns the sorted array. */
struct radix_rec *
radix_sort(struct radix_rec *a, struct radix_rec *tmp, size_t n)
{
	uint64_t or_hi = 0, and_hi = UINT64_MAX, or_lo = 0, and_lo = UINT64_MAX;

	for (size_t i = 0; i < n; i++) {
		or_hi |= a[i].hi;
		and_hi &= a[i].hi;
		or_lo |= a[i].lo;
		and_lo &= a[i].lo;
	}
	struct radix_rec varies = { .hi = or_hi ^ and_hi, .lo = or_lo ^ and_lo };
	for (unsigned b = 0; b < KEY_BYTES; b++) {
		if (key_byte(&varies, b) == 0)
			continue; /* every record has the same byte here */
		radix_pass(a, tmp, n, b);
		struct radix_rec *t = a;
		a = tmp;
		tmp = t;
	}
	return a;
}
