/* radix.h — sorting records by a 128-bit unsigned key in linear time.
 *
 * Contract: pure, no allocation: a stable LSD radix sort, one byte a pass,
 * that skips every byte all records share (so 100k IPv4 addresses take
 * three passes, not sixteen).  The caller lends scratch space as large as
 * the input; the sorted records end up in one of the two arrays. */
#ifndef TICCTOP_RADIX_H
#define TICCTOP_RADIX_H

#include <stddef.h>
#include <stdint.h>

/* One record: its key (hi, then lo) and what it stands for. */
struct radix_rec {
	uint64_t hi, lo;
	uint32_t idx;
};

/* Sort a[0..n) by (hi, lo), stably, using tmp[0..n); returns the array that
 * holds the result (a or tmp). */
struct radix_rec *radix_sort(struct radix_rec *a, struct radix_rec *tmp, size_t n);

#endif
