/* model.c — clients by address: a dense array plus an open-addressing hash;
 * each client's rates from a small ring of checkpoints. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define CHECKPOINTS 8         /* kept per client: CHECKPOINTS - 1 steps span the window */
#define UNKNOWN_COUNT UINT32_MAX
#define HIST_STEPS 8.0        /* history codes per doubling (1 + 8 log2 of thousandths: within 4.5 %) */

/* The counters a checkpoint keeps, and the history kinds' counters. */
static const int counted[] = { FIELD_NTP_PACKETS, FIELD_NTP_DROPS, FIELD_CMD_PACKETS };
#define NCOUNTED (sizeof counted / sizeof counted[0])
static const int hist_counter[HIST_KIND_COUNT] = { [HIST_NTP_RATE] = 0, [HIST_DROP_RATE] = 1 };

/* A client's counters at one answer: its clock in milliseconds (wrapping;
 * only differences under 49 days are read), UNKNOWN_COUNT for unknown. */
struct checkpoint {
	uint32_t ms;
	uint32_t v[NCOUNTED];
};

struct client_log {
	struct checkpoint cp[CHECKPOINTS];   /* ring: the oldest at head, the last sample newest */
	uint8_t head, n;
	uint8_t hhead, hn;                   /* history ring */
	uint8_t hist[MODEL_HISTORY][HIST_KIND_COUNT];
};

/* What one refresh's walk over the clients counts. */
struct tally {
	uint64_t grew[NCOUNTED];  /* counters' growth over clients listed in both refreshes */
	size_t again, resets;     /* clients listed before and now; of them, those that reset */
};

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
	struct health judge;   /* the rules the verdicts follow, once judged is set */
	bool judged;
	size_t rows;           /* rows the last ended refresh delivered */
	size_t put;            /* rows put in the current refresh */
	bool changed;
	bool marked;           /* the current refresh listed a name twice */
	size_t shared;         /* clients marked shared */
	double clock;          /* time of the last answer taken */
	double window, highlight; /* seconds: the rates' span, the states' life */
	bool baseline;         /* a complete refresh was taken: clients added now are new */
	uint32_t ended;        /* the last refresh ended, and whether it was complete */
	bool ended_complete;
	bool have_full;
	double last_full;      /* clock of the last complete refresh */
	struct rate_totals totals;
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
	if (m)
		m->window = MODEL_WINDOW;
	return m;
}

/* Set the rates' window and the states' life, seconds. */
void
model_configure(struct model *m, double window, double highlight)
{
	m->window = window > 0 ? window : MODEL_WINDOW;
	m->highlight = highlight > 0 ? highlight : 0;
}

/* A new model configured as m. */
struct model *
model_new_like(const struct model *m)
{
	struct model *n = model_new();

	if (n)
		model_configure(n, m->window, m->highlight);
	return n;
}

/* Free m and every client. */
void
model_free(struct model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->c[i].addr);
		free(m->c[i].log);
	}
	free(m->c);
	free(m->slot);
	free(m);
}

/* Start a refresh. */
void
model_begin(struct model *m)
{
	m->refresh++;
	m->put = 0;
	m->next = 0;
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
		c->changed = m->refresh;
		c->s = r->s;
		m->changed = true;
	}
	if (c->seen != m->refresh && c->dup > 0)
		mark_shared(m, c);
	c->seen = m->refresh;
	m->next = (size_t)(c - m->c) + 1;
	m->put++;
	return true;
}

/* Return whether client c is gone and has been for the states' life at
 * clock now: it is forgotten. */
static bool
expired(const struct model *m, const struct client *c, double now)
{
	return c->state == CLIENT_GONE && now - c->state_since >= m->highlight;
}

/* Drop the clients gone long enough at now, keeping the order. */
static void
forget_expired(struct model *m, double now)
{
	size_t j = 0;

	for (size_t i = 0; i < m->n; i++) {
		if (!expired(m, &m->c[i], now)) {
			m->c[j++] = m->c[i];
		} else {
			free(m->c[i].addr);
			free(m->c[i].log);
		}
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
		    a->rule[i].status != b->rule[i].status || a->rule[i].total != b->rule[i].total)
			return false;
	return true;
}

/* Put c in state st since clock now. */
static void
set_state(struct model *m, struct client *c, enum client_state st, double now)
{
	if (c->state != st)
		m->changed = true;
	c->state = (uint8_t)st;
	c->state_since = now;
}

/* The counter of checkpoint field k in s, or UNKNOWN_COUNT. */
static uint32_t
count_of(const struct sample *s, size_t k)
{
	int64_t v = sample_get(s, counted[k], -1);
	return v < 0 || v >= UNKNOWN_COUNT ? UNKNOWN_COUNT : (uint32_t)v;
}

/* Slot i of l's checkpoints, 0 the oldest. */
static struct checkpoint *
checkpoint_at(struct client_log *l, size_t i)
{
	return &l->cp[(l->head + i) % CHECKPOINTS];
}

/* Return whether a counter known in both went down from was to now. */
static bool
went_down(const struct checkpoint *now, const struct checkpoint *was)
{
	for (size_t k = 0; k < NCOUNTED; k++)
		if (now->v[k] != UNKNOWN_COUNT && was->v[k] != UNKNOWN_COUNT && now->v[k] < was->v[k])
			return true;
	return false;
}

/* The history code of a rate of per_sec: 0, or 1 + 8 log2 of thousandths. */
static uint8_t
hist_code(double per_sec)
{
	double milli = per_sec * 1000;

	if (!(milli >= 0.5))
		return 0;
	double c = 1 + round(HIST_STEPS * log2(milli));
	return c < 1 ? 1 : c > 255 ? 255 : (uint8_t)c;
}

/* The rate a history code stands for, per second. */
static double
hist_value(uint8_t code)
{
	return code ? exp2((code - 1) / HIST_STEPS) / 1000 : 0;
}

/* Add the refresh from was to now (no reset between) to l's history and
 * to the tally t. */
static void
note_growth(struct client_log *l, const struct checkpoint *now, const struct checkpoint *was, struct tally *t)
{
	uint32_t ms = now->ms - was->ms;

	for (size_t k = 0; k < NCOUNTED; k++)
		if (now->v[k] != UNKNOWN_COUNT && was->v[k] != UNKNOWN_COUNT)
			t->grew[k] += now->v[k] - was->v[k];
	if (ms == 0 || now->v[0] == UNKNOWN_COUNT || was->v[0] == UNKNOWN_COUNT)
		return;
	uint8_t *h = l->hist[(l->hhead + l->hn) % MODEL_HISTORY];
	for (size_t k = 0; k < HIST_KIND_COUNT; k++) {
		size_t i = (size_t)hist_counter[k];
		h[k] = now->v[i] == UNKNOWN_COUNT || was->v[i] == UNKNOWN_COUNT
		       ? 0 : hist_code((double)(now->v[i] - was->v[i]) * 1000 / ms);
	}
	if (l->hn < MODEL_HISTORY)
		l->hn++;
	else
		l->hhead = (uint8_t)((l->hhead + 1) % MODEL_HISTORY);
}

/* Make cur the newest checkpoint of l: it replaces the last sample unless
 * that one is a step (window / (CHECKPOINTS - 1)) after the checkpoint
 * before it, which it then stays. */
static void
keep_checkpoint(const struct model *m, struct client_log *l, const struct checkpoint *cur)
{
	uint32_t step = (uint32_t)(m->window * 1000 / (CHECKPOINTS - 1));

	if (l->n >= 2 && checkpoint_at(l, l->n - 1)->ms - checkpoint_at(l, l->n - 2)->ms < step) {
		*checkpoint_at(l, l->n - 1) = *cur;
		return;
	}
	if (l->n == CHECKPOINTS) {
		l->head = (uint8_t)((l->head + 1) % CHECKPOINTS);
		l->n--;
	}
	*checkpoint_at(l, l->n++) = *cur;
}

/* The sample at the start of l's window into base and the seconds since
 * (base all unknown with only the last sample): the oldest checkpoint
 * within the window, else the newest before the last sample. */
static double
window_base(const struct model *m, struct client_log *l, struct sample *base)
{
	uint32_t now = checkpoint_at(l, l->n - 1)->ms, window = (uint32_t)(m->window * 1000);
	size_t i = 0;

	memset(base, 0, sizeof *base);
	if (l->n < 2)
		return 0;
	while (i + 2 < l->n && now - checkpoint_at(l, i)->ms > window)
		i++;
	const struct checkpoint *b = checkpoint_at(l, i);
	for (size_t k = 0; k < NCOUNTED; k++)
		if (b->v[k] != UNKNOWN_COUNT)
			sample_set(base, counted[k], b->v[k]);
	return (now - b->ms) / 1000.0;
}

/* Take client c's sample of this refresh at clock now into its log: a
 * reset when a counter went down, its history and checkpoints, then its
 * rates.  Out of memory: no rates. */
static void
take_sample(struct model *m, struct client *c, double now, struct tally *t)
{
	struct checkpoint cur = { .ms = (uint32_t)(uint64_t)llround(now * 1000) };
	struct sample base;
	struct client_log *l = c->log;

	for (size_t k = 0; k < NCOUNTED; k++)
		cur.v[k] = count_of(&c->s, k);
	if (!l && !(l = c->log = calloc(1, sizeof *l))) {
		memset(&base, 0, sizeof base);
		sample_derive(&c->s, &base, 0);
		return;
	}
	if (l->n > 0) {
		const struct checkpoint *last = checkpoint_at(l, l->n - 1);
		t->again++;
		if (went_down(&cur, last)) {
			l->n = 0;
			t->resets++;
			set_state(m, c, CLIENT_RESET, now);
		} else {
			note_growth(l, &cur, last, t);
		}
	}
	keep_checkpoint(m, l, &cur);
	double span = window_base(m, l, &base);
	struct sample was = c->s;
	sample_derive(&c->s, &base, span);
	m->changed |= was.known != c->s.known ||
	              memcmp(was.v + FIELD_COUNT, c->s.v + FIELD_COUNT, (FIELD_ALL - FIELD_COUNT) * sizeof was.v[0]) != 0;
}

/* Walk every client at clock now: take the samples of those refresh
 * `listed` listed (judged when judge; stamped when this refresh changed
 * them), mark gone those a complete refresh did not list, end the states
 * older than the highlight; count into t and the totals' state counts. */
static void
settle_clients(struct model *m, uint32_t listed, bool complete, double now, bool judge, struct tally *t)
{
	struct rate_totals *tot = &m->totals;

	tot->new_clients = tot->gone_clients = tot->reset_clients = 0;
	for (size_t i = 0; i < m->n; i++) {
		struct client *c = &m->c[i];
		if (c->seen == listed) {
			if (c->first_seen < 0) {
				c->first_seen = now;
				if (m->baseline)
					set_state(m, c, CLIENT_NEW, now);
			} else if (c->state == CLIENT_GONE) {
				set_state(m, c, CLIENT_STEADY, now); /* listed again */
			}
			if (c->changed == m->refresh)
				c->time = now;
			take_sample(m, c, now, t);
			if (judge)
				c->verdict = health_eval(&m->judge, &c->s);
		} else if (complete && c->state != CLIENT_GONE) {
			set_state(m, c, CLIENT_GONE, now);
			c->s.known &= (1u << FIELD_COUNT) - 1; /* no rates: it is not there */
		}
		if (c->state != CLIENT_STEADY && c->state != CLIENT_GONE && now - c->state_since >= m->highlight)
			set_state(m, c, CLIENT_STEADY, now);
		tot->new_clients += c->state == CLIENT_NEW;
		tot->gone_clients += c->state == CLIENT_GONE && !expired(m, c, now);
		tot->reset_clients += c->state == CLIENT_RESET;
	}
}

/* Set the totals from the refresh's tally t at clock now: rates over the
 * time since the last complete refresh, and a restart when most clients
 * listed again reset. */
static void
settle_totals(struct model *m, bool complete, double now, const struct tally *t)
{
	struct rate_totals *tot = &m->totals;
	double span = now - m->last_full;
	double *rate[NCOUNTED] = { &tot->ntp, &tot->drops, &tot->cmd };

	tot->known = complete && m->have_full && span > 0;
	for (size_t k = 0; k < NCOUNTED; k++)
		*rate[k] = tot->known ? (double)t->grew[k] / span : 0;
	if (t->resets > 0 && t->resets * 2 > t->again) {
		tot->restarted = true;
		tot->restart_time = now;
	}
	if (complete) {
		m->have_full = true;
		m->last_full = now;
	}
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

static void advance(struct model *m, double now);

/* End a refresh read at clock time now: take every listed client's sample
 * (rates, states) and judge it; when complete, mark gone those it did not
 * list and forget those gone long enough.  All are judged again when the
 * rules are not the ones they were judged by. */
void
model_end(struct model *m, const struct health *h, bool complete, double now)
{
	bool same = m->judged && same_rules(&m->judge, h);
	struct tally t = { { 0 }, 0, 0 };

	m->rows = m->put;
	advance(m, now);
	settle_clients(m, m->refresh, complete, now, same, &t);
	settle_totals(m, complete, now, &t);
	if (complete)
		forget_expired(m, now);
	m->baseline |= complete;
	m->ended = m->refresh;
	m->ended_complete = complete;
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

/* Move the clock to now and count the answer. */
static void
advance(struct model *m, double now)
{
	m->clock = now;
	m->ticks++;
}

/* The source answered at now exactly as the last time: move the clock,
 * take the last refresh's samples again at now (nothing grew) and forget
 * the clients gone long enough. */
void
model_tick(struct model *m, double now)
{
	struct tally t = { { 0 }, 0, 0 };

	advance(m, now);
	if (!m->judged)
		return; /* no refresh ended yet */
	m->changed = false;
	settle_clients(m, m->ended, false, now, true, &t);
	settle_totals(m, m->ended_complete, now, &t);
	if (m->ended_complete)
		forget_expired(m, now);
	if (m->changed)
		m->version++;
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

/* The rate totals and state counts of the last refresh. */
void
model_rate_totals(const struct model *m, struct rate_totals *t)
{
	*t = m->totals;
}

/* Copy up to max of c's last per-refresh values of kind k, oldest first. */
size_t
client_history(const struct client *c, enum hist_kind k, double *out, size_t max)
{
	const struct client_log *l = c->log;
	size_t n = l ? l->hn : 0, skip = n > max ? n - max : 0;

	for (size_t i = skip; i < n; i++)
		out[i - skip] = hist_value(l->hist[(l->hhead + i) % MODEL_HISTORY][k]);
	return n - skip;
}

static const char *const state_names[CLIENT_STATE_COUNT] = {
	[CLIENT_NEW] = "new", [CLIENT_GONE] = "gone", [CLIENT_RESET] = "reset",
};

/* Machine name of a state; NULL for steady. */
const char *
client_state_name(enum client_state st)
{
	return state_names[st];
}
