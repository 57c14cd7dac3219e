/* strset.c — an open-addressing set of owned strings. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"

/* Hash str[0..len) (FNV-1a). */
static size_t
hash_str(const char *str, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)str[i]) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
}

/* Return whether slot string e is str[0..len). */
static bool
same(const char *e, const char *str, size_t len)
{
	return strncmp(e, str, len) == 0 && e[len] == '\0';
}

/* Slot holding str, or the empty slot where it belongs. */
static size_t
find(const struct strset *s, const char *str, size_t len)
{
	size_t mask = s->nslot - 1, i = hash_str(str, len) & mask;

	while (s->slot[i] && !same(s->slot[i], str, len))
		i = (i + 1) & mask;
	return i;
}

/* Make s empty. */
void
strset_init(struct strset *s)
{
	memset(s, 0, sizeof *s);
}

/* Remove every string, keeping the table. */
void
strset_clear(struct strset *s)
{
	for (size_t i = 0; i < s->nslot; i++) {
		free(s->slot[i]);
		s->slot[i] = NULL;
	}
	s->n = 0;
}

/* Free every string and the table. */
void
strset_free(struct strset *s)
{
	strset_clear(s);
	free(s->slot);
	strset_init(s);
}

/* Return whether s holds str[0..len). */
bool
strset_has(const struct strset *s, const char *str, size_t len)
{
	return s->n > 0 && s->slot[find(s, str, len)] != NULL;
}

/* Move every string into a table of nslot slots; false when out of memory. */
static bool
grow(struct strset *s, size_t nslot)
{
	struct strset t = { calloc(nslot, sizeof(char *)), nslot, s->n };

	if (!t.slot)
		return false;
	for (size_t i = 0; i < s->nslot; i++)
		if (s->slot[i])
			t.slot[find(&t, s->slot[i], strlen(s->slot[i]))] = s->slot[i];
	free(s->slot);
	*s = t;
	return true;
}

/* Add str[0..len). */
bool
strset_add(struct strset *s, const char *str, size_t len)
{
	if ((s->n + 1) * 2 > s->nslot && !grow(s, s->nslot ? s->nslot * 2 : 16))
		return false;
	size_t i = find(s, str, len);
	if (s->slot[i])
		return true;
	char *copy = malloc(len + 1);
	if (!copy)
		return false;
	memcpy(copy, str, len);
	copy[len] = '\0';
	s->slot[i] = copy;
	s->n++;
	return true;
}

/* Remove str[0..len) if present, shifting its probe run back. */
void
strset_del(struct strset *s, const char *str, size_t len)
{
	if (s->n == 0)
		return;
	size_t mask = s->nslot - 1, i = find(s, str, len), j = i;
	if (!s->slot[i])
		return;
	free(s->slot[i]);
	s->slot[i] = NULL;
	s->n--;
	for (;;) {
		j = (j + 1) & mask;
		if (!s->slot[j])
			return;
		size_t home = hash_str(s->slot[j], strlen(s->slot[j])) & mask;
		/* j may move to the hole at i unless its home lies cyclically in (i, j] */
		bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
		if (stays)
			continue;
		s->slot[i] = s->slot[j];
		s->slot[j] = NULL;
		i = j;
	}
}

/* Number of strings. */
size_t
strset_count(const struct strset *s)
{
	return s->n;
}

/* Step through the strings. */
const char *
strset_next(const struct strset *s, size_t *pos)
{
	while (*pos < s->nslot) {
		const char *e = s->slot[(*pos)++];
		if (e)
			return e;
	}
	return NULL;
}
