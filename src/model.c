/* model.c — clients by address: a dense array plus an open-addressing hash. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"

/* A hash slot: which client, and its hash, so that probing past other
 * clients and growing the table never touch the clients themselves. */
struct slot {
	uint32_t idx;          /* client index + 1, 0 = empty */
	uint32_t hash;
};

struct model {
	struct client *c;      /* dense, in order of first appearance */
	size_t n, cap;
	struct slot *slot;     /* open addressing, linear probing */
	size_t nslot;          /* power of two, at least 2 * cap */
	size_t next;           /* where the next row probably is: sources list in a stable order */
	uint32_t refresh;      /* current refresh number */
	size_t listed;         /* clients the current refresh listed */
	struct health judge;   /* the rules the verdicts follow, once judged is set */
	bool judged;
	size_t rows;           /* rows the last ended refresh delivered */
	size_t put;            /* rows put in the current refresh */
	bool changed;
	bool marked;           /* the current refresh listed a name twice */
	size_t shared;         /* clients marked shared */
	uint32_t *stamp;       /* clients the current refresh added or changed, to stamp at its end */
	size_t nstamp, stamp_cap;
	double clock;          /* time of the last answer taken */
	uint64_t ticks;        /* answers taken */
	uint64_t version;
	uint64_t members;      /* bumped when a client is added or removed */
};

/* Hash an address (FNV-1a) mixed with its occurrence number, folded to 32 bits. */
static uint32_t
hash_addr(const char *a, size_t len, uint16_t dup)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)a[i]) * 1099511628211ULL;
	h = (h ^ dup) * 1099511628211ULL;
	return (uint32_t)(h ^ h >> 32);
}

/* Find the slot holding (addr, dup) whose hash is h, or the empty slot where it belongs. */
static size_t
find_slot(const struct model *m, const char *a, size_t len, uint16_t dup, uint32_t h)
{
	size_t mask = m->nslot - 1, i = h & mask;

	for (;; i = (i + 1) & mask) {
		const struct slot *s = &m->slot[i];
		if (s->idx == 0)
			return i;
		if (s->hash != h)
			continue;
		const struct client *c = &m->c[s->idx - 1];
		if (c->dup == dup && c->len == len && memcmp(c->addr, a, len) == 0)
			return i;
	}
}

/* Put client i, whose hash is h, into the first free slot of its chain. */
static void
place(struct model *m, size_t i, uint32_t h)
{
	size_t mask = m->nslot - 1, k = h & mask;

	while (m->slot[k].idx)
		k = (k + 1) & mask;
	m->slot[k] = (struct slot){ (uint32_t)i + 1, h };
}

/* Grow the hash to nslot slots, moving the slots by their kept hashes;
 * false when out of memory. */
static bool
rehash(struct model *m, size_t nslot)
{
	struct slot *old = m->slot, *slot = calloc(nslot, sizeof *slot);
	size_t nold = m->nslot;

	if (!slot)
		return false;
	m->slot = slot;
	m->nslot = nslot;
	for (size_t k = 0; k < nold; k++)
		if (old[k].idx)
			place(m, old[k].idx - 1, old[k].hash);
	free(old);
	return true;
}

/* Make an empty model; NULL when out of memory. */
struct model *
model_new(void)
{
	struct model *m = calloc(1, sizeof *m);

	if (m && !rehash(m, 64)) {
		free(m);
		return NULL;
	}
	return m;
}

/* Free m and every client. */
void
model_free(struct model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->c[i].addr);
	free(m->c);
	free(m->slot);
	free(m->stamp);
	free(m);
}

/* Start a refresh. */
void
model_begin(struct model *m)
{
	m->refresh++;
	m->listed = 0;
	m->put = 0;
	m->next = 0;
	m->nstamp = 0;
	m->marked = false;
	m->changed = false;
}

/* Append a new client for r with occurrence dup; NULL when out of memory. */
static struct client *
add_client(struct model *m, const struct row *r, uint16_t dup)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct client *c = realloc(m->c, cap * sizeof *c);
		if (!c)
			return NULL;
		m->c = c;
		m->cap = cap;
	}
	if ((m->n + 1) * 2 > m->nslot && !rehash(m, m->nslot * 2))
		return NULL;
	char *addr = malloc(r->len + 1);
	if (!addr)
		return NULL;
	memcpy(addr, r->addr, r->len);
	addr[r->len] = '\0';
	struct client *c = &m->c[m->n];
	memset(c, 0, sizeof *c);
	c->addr = addr;
	c->len = (uint32_t)r->len;
	c->dup = dup;
	c->family = (uint8_t)addr_classify(addr, r->len, c->key);
	c->first_seen = -1; /* stamped when the refresh ends */
	place(m, m->n++, hash_addr(addr, r->len, dup));
	m->members++;
	return c;
}

/* The client after the last one put, when r names it (a whole name, never
 * a cut one): sources list clients in the same order refresh after refresh,
 * so this spares the hash its cache misses.  NULL when it is another. */
static struct client *
guess_next(const struct model *m, const struct row *r)
{
	struct client *c = m->next < m->n ? &m->c[m->next] : NULL;

	if (!c || r->truncated || c->dup != 0 || c->seen == m->refresh || c->len != r->len ||
	    memcmp(c->addr, r->addr, r->len) != 0)
		return NULL;
	return c;
}

/* Note that c is listed under a name another row of this refresh has too. */
static void
mark_shared(struct model *m, struct client *c)
{
	c->named = m->refresh;
	m->marked = true;
}

/* The client r names, found through the hash, or added when it is new
 * (*added set); NULL when out of memory or out of occurrence numbers.  A
 * name this refresh already listed is another client unless it is the
 * same numeric address: a host name (reverse DNS gives one name to many
 * addresses) or a cut name takes the next occurrence number, and every
 * client under it is marked shared. */
static struct client *
lookup(struct model *m, const struct row *r, bool *added)
{
	uint16_t dup = 0;
	size_t i;
	struct client *c;

	for (;;) {
		i = find_slot(m, r->addr, r->len, dup, hash_addr(r->addr, r->len, dup));
		if (m->slot[i].idx == 0)
			break;
		c = &m->c[m->slot[i].idx - 1];
		if (c->seen != m->refresh || (!r->truncated && c->family != FAMILY_HOSTNAME))
			return c;
		if (dup == UINT16_MAX)
			return NULL;
		dup++; /* a name already listed: this is another client */
		mark_shared(m, c);
	}
	if ((c = add_client(m, r, dup)))
		m->changed = *added = true;
	return c;
}

/* Note that client c changed in this refresh, keeping the sample it had
 * before the refresh as prev; false when out of memory. */
static bool
note_change(struct model *m, struct client *c)
{
	if (c->changed == m->refresh)
		return true; /* listed twice: prev stays the one before this refresh */
	if (m->nstamp == m->stamp_cap) {
		size_t cap = m->stamp_cap ? m->stamp_cap * 2 : 256;
		uint32_t *st = realloc(m->stamp, cap * sizeof *st);
		if (!st)
			return false;
		m->stamp = st;
		m->stamp_cap = cap;
	}
	m->stamp[m->nstamp++] = (uint32_t)(c - m->c);
	c->changed = m->refresh;
	c->prev = c->s;
	c->prev_time = c->time;
	return true;
}

/* Take one row of the refresh. */
bool
model_put(void *ctx, const struct row *r)
{
	struct model *m = ctx;
	struct client *c;
	bool added = false;

	if (r->len > UINT32_MAX)
		return false;
	if (!(c = guess_next(m, r)) && !(c = lookup(m, r, &added)))
		return false;
	if (added || !sample_same_source(&c->s, &r->s)) {
		if (!note_change(m, c))
			return false;
		c->s = r->s;
		m->changed = true;
	}
	if (c->seen != m->refresh) {
		m->listed++;
		if (c->dup > 0)
			mark_shared(m, c);
	}
	c->seen = m->refresh;
	m->next = (size_t)(c - m->c) + 1;
	m->put++;
	return true;
}

/* Drop the clients the current refresh did not list, keeping the order. */
static void
forget_unseen(struct model *m)
{
	size_t j = 0;

	for (size_t i = 0; i < m->n; i++) {
		if (m->c[i].seen == m->refresh)
			m->c[j++] = m->c[i];
		else
			free(m->c[i].addr);
	}
	if (j == m->n)
		return;
	m->n = j;
	m->changed = true;
	m->members++;
	memset(m->slot, 0, m->nslot * sizeof *m->slot);
	for (size_t i = 0; i < m->n; i++)
		place(m, i, hash_addr(m->c[i].addr, m->c[i].len, m->c[i].dup));
}

/* Return whether a and b hold the same rules. */
static bool
same_rules(const struct health *a, const struct health *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->rule[i].field != b->rule[i].field || a->rule[i].threshold != b->rule[i].threshold ||
		    a->rule[i].status != b->rule[i].status)
			return false;
	return true;
}

/* Stamp the clients the refresh added or changed with the clock, compute
 * their derived fields and judge them (when the rules are those judged by). */
static void
stamp_changed(struct model *m, bool judge)
{
	for (size_t i = 0; i < m->nstamp; i++) {
		struct client *c = &m->c[m->stamp[i]];
		if (c->first_seen < 0)
			c->first_seen = c->prev_time = m->clock;
		c->time = m->clock;
		sample_derive(&c->s, &c->prev, c->time - c->prev_time);
		if (judge)
			c->verdict = health_eval(&m->judge, &c->s);
	}
	m->nstamp = 0;
}

/* Set the shared mark of every client the refresh listed: whether another
 * row had its name (only when some client is or was shared). */
static void
settle_shared(struct model *m)
{
	if (!m->marked && m->shared == 0)
		return;
	m->shared = 0;
	for (size_t i = 0; i < m->n; i++) {
		struct client *c = &m->c[i];
		bool sh = c->seen == m->refresh ? c->named == m->refresh : c->shared;
		if (sh != c->shared)
			m->changed = true;
		c->shared = sh;
		m->shared += sh;
	}
}

/* End a refresh read at clock time now: stamp and judge what changed;
 * when complete, forget clients it did not list.  All are judged again
 * only when the rules are not the ones they were judged by. */
void
model_end(struct model *m, const struct health *h, bool complete, double now)
{
	bool same = m->judged && same_rules(&m->judge, h);

	m->rows = m->put;
	model_tick(m, now);
	stamp_changed(m, same);
	if (complete && m->listed != m->n)
		forget_unseen(m);
	settle_shared(m);
	if (!same) {
		m->judge = *h;
		m->judged = true;
		for (size_t i = 0; i < m->n; i++)
			m->c[i].verdict = health_eval(h, &m->c[i].s);
	}
	if (m->changed)
		m->version++;
}

/* The source answered at now exactly as the last time: move the clock. */
void
model_tick(struct model *m, double now)
{
	m->clock = now;
	m->ticks++;
}

/* The clock: time of the last answer taken. */
double
model_clock(const struct model *m)
{
	return m->clock;
}

/* Answers taken so far. */
uint64_t
model_ticks(const struct model *m)
{
	return m->ticks;
}

/* Number of clients. */
size_t
model_size(const struct model *m)
{
	return m->n;
}

/* Client i. */
const struct client *
model_at(const struct model *m, size_t i)
{
	return &m->c[i];
}

/* Index of the client with this address (first of a cut name), or -1. */
long
model_find(const struct model *m, const char *addr, size_t len)
{
	uint32_t s = m->slot[find_slot(m, addr, len, 0, hash_addr(addr, len, 0))].idx;
	return s ? (long)s - 1 : -1;
}

/* Rows the last refresh delivered (before merging). */
size_t
model_rows(const struct model *m)
{
	return m->rows;
}

/* Changes whenever model_end changed a client, added or removed one. */
uint64_t
model_version(const struct model *m)
{
	return m->version;
}

/* Changes whenever a client was added or removed. */
uint64_t
model_members(const struct model *m)
{
	return m->members;
}

/* Count clients by status. */
void
model_summary(const struct model *m, size_t counts[STATUS_COUNT])
{
	memset(counts, 0, STATUS_COUNT * sizeof counts[0]);
	for (size_t i = 0; i < m->n; i++)
		counts[m->c[i].verdict.status]++;
}
