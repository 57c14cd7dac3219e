/* view.c — filtering and sorting clients through tables of keys and tokens. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

#define NO_FIELD (-1)

/* A sort key: on a field (name, title, direction from the field table)
 * or, with no field, named here. */
struct sort_def {
	const char *name;
	const char *title;
	int field;          /* compared field, NO_FIELD for address / status */
	bool descending;    /* natural direction: biggest first */
};

#define VIEW_SORT_ROW(id, ...) { .field = FIELD_##id },

static const struct sort_def sorts[SORT_COUNT] = {
	[SORT_ADDR]     = { "addr", "Address order", NO_FIELD, false },
	[SORT_DROPS]    = { .field = FIELD_NTP_DROPS },
	[SORT_LAST]     = { .field = FIELD_NTP_LAST },
	[SORT_NTP]      = { .field = FIELD_NTP_PACKETS },
	[SORT_CMD]      = { .field = FIELD_CMD_PACKETS },
	[SORT_INTERVAL] = { .field = FIELD_NTP_INTERVAL },
	[SORT_STATUS]   = { "status", "Status", NO_FIELD, true },
	SAMPLE_DERIVED(VIEW_SORT_ROW)
	[SORT_NEW]      = { "new", "First seen", NO_FIELD, true },
	[SORT_SERVER]   = { "server", "Server", NO_FIELD, false },
};

struct token_def {
	const char *word;   /* "status:crit"; a named one: its prefix, "server:" */
	size_t mask;        /* offset of the mask it sets in struct filter */
	unsigned bit;
	bool alias;         /* another spelling, left out of the lists shown */
	bool named;         /* the word is a prefix and a name follows it (into filter.server) */
};

#define STATUS_MASK offsetof(struct filter, status_mask)
#define FAMILY_MASK offsetof(struct filter, family_mask)
#define STATE_MASK offsetof(struct filter, state_mask)

static const struct token_def tokens[] = {
	{ "status:ok", STATUS_MASK, 1u << STATUS_OK, false, false },
	{ "status:warn", STATUS_MASK, 1u << STATUS_WARNING, false, false },
	{ "status:warning", STATUS_MASK, 1u << STATUS_WARNING, true, false },
	{ "status:crit", STATUS_MASK, 1u << STATUS_CRITICAL, false, false },
	{ "status:critical", STATUS_MASK, 1u << STATUS_CRITICAL, true, false },
	{ "family:v4", FAMILY_MASK, 1u << FAMILY_IPV4, false, false },
	{ "family:ipv4", FAMILY_MASK, 1u << FAMILY_IPV4, true, false },
	{ "family:v6", FAMILY_MASK, 1u << FAMILY_IPV6, false, false },
	{ "family:ipv6", FAMILY_MASK, 1u << FAMILY_IPV6, true, false },
	{ "family:host", FAMILY_MASK, 1u << FAMILY_HOSTNAME, false, false },
	{ "family:hostname", FAMILY_MASK, 1u << FAMILY_HOSTNAME, true, false },
	{ "state:new", STATE_MASK, 1u << CLIENT_NEW, false, false },
	{ "state:gone", STATE_MASK, 1u << CLIENT_GONE, false, false },
	{ "state:reset", STATE_MASK, 1u << CLIENT_RESET, false, false },
	{ "server:", 0, 0, false, true },
};
#define NTOKENS (sizeof tokens / sizeof tokens[0])

/* Machine name of a sort key. */
const char *
sort_key_name(enum sort_key k)
{
	const struct field_info *fi = sorts[k].field == NO_FIELD ? NULL : field_info(sorts[k].field);

	return !fi ? sorts[k].name : fi->sort ? fi->sort : fi->column;
}

/* Human title of a sort key. */
const char *
sort_key_title(enum sort_key k)
{
	return sorts[k].field == NO_FIELD ? sorts[k].title : field_info(sorts[k].field)->label;
}

/* Return whether key k puts the biggest first when not reversed. */
bool
sort_key_descending(enum sort_key k)
{
	return sorts[k].field == NO_FIELD ? sorts[k].descending : field_info(sorts[k].field)->descending;
}

/* Find a sort key by machine name. */
bool
sort_key_parse(const char *name, enum sort_key *k)
{
	for (int i = 0; i < SORT_COUNT; i++)
		if (addr_casecmp(name, sort_key_name((enum sort_key)i)) == 0) {
			*k = (enum sort_key)i;
			return true;
		}
	return false;
}

/* Find the token word w[0..len) (a named one: its prefix and a name); NULL if it is not one. */
static const struct token_def *
find_token(const char *w, size_t len)
{
	for (size_t i = 0; i < NTOKENS; i++) {
		size_t wl = strlen(tokens[i].word);
		if ((tokens[i].named ? len > wl && len - wl < FILTER_SERVER_MAX : wl == len) &&
		    addr_ncasecmp(w, wl, tokens[i].word) == 0)
			return &tokens[i];
	}
	return NULL;
}

/* Return whether word w[0..len) is meant as a filter word ("name:value"):
 * letters before its colon, not all of them hex digits (an IPv6 address
 * or part of one is text to look for). */
static bool
looks_like_token(const char *w, size_t len)
{
	const char *colon = memchr(w, ':', len);
	bool hex = true;

	if (!colon || colon == w)
		return false;
	for (const char *p = w; p < colon; p++) {
		int c = addr_lower((unsigned char)*p);
		if (c < 'a' || c > 'z')
			return false;
		hex = hex && c <= 'f';
	}
	return !hex;
}

/* Parse filter text into f (left as it was on error). */
enum filter_err
filter_parse(const char *text, struct filter *out, const char **bad)
{
	const char *p = text;
	struct filter fl, *f = &fl;

	memset(f, 0, sizeof *f);
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t len = (size_t)(p - w);
		if (len == 0)
			break;
		const struct token_def *t = find_token(w, len);
		if (t && t->named) {
			size_t wl = strlen(t->word);
			snprintf(f->server, sizeof f->server, "%.*s", (int)(len - wl), w + wl);
			continue;
		}
		if (t) {
			*(unsigned *)(void *)((char *)f + t->mask) |= t->bit;
			continue;
		}
		if (looks_like_token(w, len)) {
			*bad = w;
			return FILTER_ERR_TOKEN;
		}
		if (f->text_len + (f->text_len > 0) + len >= FILTER_TEXT_MAX) {
			*bad = w;
			return FILTER_ERR_TOO_LONG;
		}
		if (f->text_len)
			f->text[f->text_len++] = ' ';
		for (size_t i = 0; i < len; i++)
			f->text[f->text_len++] = (char)addr_lower((unsigned char)w[i]);
		f->text[f->text_len] = '\0';
	}
	*out = fl;
	return FILTER_OK;
}

/* Write the filter words for people: "status:ok|warn|crit family:v4|v6|host server:NAME". */
size_t
filter_words(char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NTOKENS && o < size; i++) {
		const char *colon = strchr(tokens[i].word, ':');
		size_t kind = (size_t)(colon - tokens[i].word);
		bool first = i == 0 || strncmp(tokens[i - 1].word, tokens[i].word, kind + 1) != 0;
		if (tokens[i].alias)
			continue;
		int n = first ? snprintf(buf + o, size - o, "%s%s%s", o ? " " : "", tokens[i].word,
		                         tokens[i].named ? "NAME" : "")
		              : snprintf(buf + o, size - o, "|%s", colon + 1);
		o = n < 0 ? o : o + (size_t)n;
	}
	return o < size ? o : size - 1;
}

/* Say why filter text did not parse, bad being the word filter_parse named. */
size_t
filter_err_text(enum filter_err e, const char *bad, char *buf, size_t size)
{
	char words[128];
	size_t len = strcspn(bad, " ");
	int n;

	filter_words(words, sizeof words);
	if (e == FILTER_ERR_TOO_LONG)
		n = snprintf(buf, size, "the text to look for is over %d bytes", FILTER_TEXT_MAX - 1);
	else
		n = snprintf(buf, size, "\"%.*s\" is not a filter word: use %s, or text to look for",
		             (int)(len > 60 ? 60 : len), bad, words);
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

/* Return whether f lets everything through. */
bool
filter_is_empty(const struct filter *f)
{
	return f->text_len == 0 && f->status_mask == 0 && f->family_mask == 0 && f->state_mask == 0 && !f->server[0];
}

/* Return whether client c passes f. */
bool
filter_match(const struct filter *f, const struct client *c)
{
	if (f->status_mask && !(f->status_mask & (1u << c->verdict.status)))
		return false;
	if (f->family_mask && !(f->family_mask & (1u << c->family)))
		return false;
	if (f->state_mask && !(f->state_mask & (1u << c->state)))
		return false;
	return f->text_len == 0 || addr_find(c->addr, c->len, f->text, f->text_len) >= 0;
}

/* Make an empty view sorted by address. */
void
view_init(struct view *v)
{
	memset(v, 0, sizeof *v);
}

/* Free v's index. */
void
view_free(struct view *v)
{
	free(v->idx);
	free(v->rec);
	v->idx = NULL;
	v->rec = NULL;
	v->n = v->cap = 0;
}

/* Compare two known-or-unknown values of field f; unknown sorts last. */
static int
compare_field(int f, bool descending, const struct sample *a, const struct sample *b)
{
	bool ka = sample_known(a, f), kb = sample_known(b, f);

	if (ka != kb)
		return ka ? -1 : 1;
	if (!ka || a->v[f] == b->v[f])
		return 0;
	return (a->v[f] < b->v[f]) == descending ? 1 : -1;
}

/* Compare clients a and b under key k (natural direction, ties by address). */
int
view_compare(enum sort_key k, const struct client *a, const struct client *b)
{
	const struct sort_def *d = &sorts[k];
	int c = 0;

	if (k == SORT_STATUS)
		c = (int)b->verdict.status - (int)a->verdict.status;
	else if (k == SORT_NEW)
		c = (a->first_seen < b->first_seen) - (a->first_seen > b->first_seen);
	else if (d->field != NO_FIELD)
		c = compare_field(d->field, sort_key_descending(k), &a->s, &b->s);
	if (c == 0)
		c = addr_compare(a->family, a->addr, a->key, b->family, b->addr, b->key);
	return c ? c : (int)a->dup - (int)b->dup;
}

struct sort_ctx {
	const struct model *m;
	enum sort_key key;
};

/* qsort_r comparator over model indexes. */
static int
compare_idx(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *s = arg;
	return view_compare(s->key, model_at(s->m, *(const uint32_t *)pa), model_at(s->m, *(const uint32_t *)pb));
}

/* The first 62 bits of c's place in the default address order, under its
 * family: an IPv4 address whole, an IPv6 address or a lower-cased host name
 * cut short (ties are left to view_compare). */
static uint64_t
addr_prefix(const struct client *c)
{
	uint64_t p = 0;

	for (size_t i = 0; i < 8; i++) {
		unsigned char b = c->family != FAMILY_HOSTNAME ? c->key[i]
		                  : i < c->len ? (unsigned char)addr_lower((unsigned char)c->addr[i]) : 0;
		p = p << 8 | b;
	}
	return (uint64_t)c->family << 62 | p >> 2;
}

/* Where field f's values lie among the clients in v: min and max of the
 * known ones (min > max when none is known or there is no field). */
static void
field_span(const struct view *v, const struct model *m, int f, int64_t *min, int64_t *max)
{
	*min = INT64_MAX;
	*max = INT64_MIN;
	for (size_t i = 0; f != NO_FIELD && i < v->n; i++) {
		const struct sample *s = &model_at(m, v->idx[i])->s;
		if (sample_known(s, f)) {
			*min = s->v[f] < *min ? s->v[f] : *min;
			*max = s->v[f] > *max ? s->v[f] : *max;
		}
	}
}

/* Client c's sort field as an unsigned number in the key's natural order:
 * known values from 0 (in their direction), unknown after them all. */
static uint64_t
field_rank(const struct client *c, enum sort_key k, int64_t min, int64_t max)
{
	const struct sort_def *d = &sorts[k];

	if (k == SORT_STATUS)
		return (uint64_t)(STATUS_COUNT - 1 - c->verdict.status);
	if (k == SORT_NEW) /* the newest first; a clock is >= 0 */
		return (uint64_t)INT64_MAX - (uint64_t)llround(c->first_seen * 1000);
	if (d->field == NO_FIELD)
		return 0;
	if (!sample_known(&c->s, d->field))
		return (uint64_t)max - (uint64_t)min + 1;
	int64_t x = c->s.v[d->field];
	return sort_key_descending(k) ? (uint64_t)max - (uint64_t)x : (uint64_t)x - (uint64_t)min;
}

/* Order runs of equal radix keys (same field value, same address prefix) by view_compare. */
static void
settle_ties(struct view *v, const struct radix_rec *a, const struct sort_ctx *ctx)
{
	for (size_t i = 0, j; i < v->n; i = j) {
		for (j = i + 1; j < v->n && a[j].hi == a[i].hi && a[j].lo == a[i].lo; j++)
			continue;
		if (j - i > 1)
			qsort_r(v->idx + i, j - i, sizeof *v->idx, compare_idx, (void *)ctx);
	}
}

/* Sort v's index: radix on (field rank, address prefix), ties by
 * view_compare, then turned around for a reversed order. */
static void
sort_index(struct view *v, const struct model *m)
{
	struct sort_ctx ctx = { m, v->key };
	struct radix_rec *a = v->rec;
	int64_t min, max;

	if (v->n < 2)
		return;
	field_span(v, m, sorts[v->key].field, &min, &max);
	for (size_t i = 0; i < v->n; i++) {
		const struct client *c = model_at(m, v->idx[i]);
		a[i] = (struct radix_rec){ field_rank(c, v->key, min, max), addr_prefix(c), v->idx[i] };
	}
	a = radix_sort(a, v->rec + v->cap, v->n);
	for (size_t i = 0; i < v->n; i++)
		v->idx[i] = a[i].idx;
	settle_ties(v, a, &ctx);
	for (size_t i = 0; v->reverse && i < v->n / 2; i++) {
		uint32_t t = v->idx[i];
		v->idx[i] = v->idx[v->n - 1 - i];
		v->idx[v->n - 1 - i] = t;
	}
}

/* Make room for n clients in v's index and sort scratch; false when out of memory. */
static bool
view_reserve(struct view *v, size_t n)
{
	if (n <= v->cap)
		return true;
	uint32_t *idx = realloc(v->idx, n * sizeof *idx);
	if (!idx)
		return false;
	v->idx = idx;
	struct radix_rec *rec = realloc(v->rec, 2 * n * sizeof *rec);
	if (!rec)
		return false;
	v->rec = rec;
	v->cap = n;
	return true;
}

/* Return whether v's index, built for basis b, is still right for m:
 * address order and a filter blind to counters see no change while no
 * client came or went. */
static bool
still_right(const struct view *v, const struct model *m)
{
	const struct view_basis *b = &v->basis;

	return b->valid && b->m == m && b->members == model_members(m) && v->key == SORT_ADDR &&
	       b->key == v->key && b->reverse == v->reverse && v->filter.status_mask == 0 && v->filter.state_mask == 0 &&
	       memcmp(&b->filter, &v->filter, sizeof v->filter) == 0;
}

/* Rebuild v from m: filter then sort. */
bool
view_update(struct view *v, const struct model *m)
{
	size_t total = model_size(m);

	if (still_right(v, m))
		return true;
	v->basis.valid = false;
	if (!view_reserve(v, total))
		return false;
	v->n = 0;
	for (size_t i = 0; i < total; i++)
		if (filter_match(&v->filter, model_at(m, i)))
			v->idx[v->n++] = (uint32_t)i;
	sort_index(v, m);
	v->basis = (struct view_basis){ true, m, model_members(m), v->key, v->reverse, v->filter };
	v->built++;
	return true;
}
