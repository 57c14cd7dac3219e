/* strset.h — a set of strings (the expanded cards, by address).
 *
 * Contract: pure; strings are copied in and owned by the set; lookups by
 * (pointer, length) so model addresses need no terminator; O(1) on average
 * (open addressing, linear probing, backward-shift deletion, no tombstones).
 * Iteration order is unspecified. */
#ifndef TICCTOP_STRSET_H
#define TICCTOP_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset {
	char **slot;     /* NULL = empty */
	size_t nslot;    /* 0 or a power of two */
	size_t n;
};

/* Make s empty (no allocation yet). */
void strset_init(struct strset *s);

/* Free every string and the table. */
void strset_free(struct strset *s);

/* Remove every string, keeping the table. */
void strset_clear(struct strset *s);

/* Return whether s holds str[0..len). */
bool strset_has(const struct strset *s, const char *str, size_t len);

/* Add str[0..len); false when out of memory (true if already there). */
bool strset_add(struct strset *s, const char *str, size_t len);

/* Remove str[0..len) if present. */
void strset_del(struct strset *s, const char *str, size_t len);

/* Number of strings. */
size_t strset_count(const struct strset *s);

/* Step through the strings: start with *pos = 0; NULL at the end. */
const char *strset_next(const struct strset *s, size_t *pos);

#endif
