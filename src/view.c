/* view.c — filtering and sorting clients through tables of keys and tokens. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
};

struct token_def {
	const char *word;   /* "status:crit" */
	bool is_status;     /* else family */
	unsigned bit;
};

static const struct token_def tokens[] = {
	{ "status:ok", true, 1u << STATUS_OK },
	{ "status:warn", true, 1u << STATUS_WARNING },
	{ "status:warning", true, 1u << STATUS_WARNING },
	{ "status:crit", true, 1u << STATUS_CRITICAL },
	{ "status:critical", true, 1u << STATUS_CRITICAL },
	{ "family:v4", false, 1u << FAMILY_IPV4 },
	{ "family:ipv4", false, 1u << FAMILY_IPV4 },
	{ "family:v6", false, 1u << FAMILY_IPV6 },
	{ "family:ipv6", false, 1u << FAMILY_IPV6 },
	{ "family:host", false, 1u << FAMILY_HOSTNAME },
	{ "family:hostname", false, 1u << FAMILY_HOSTNAME },
};

/* Write the filter words for people into buf, one group per kind joined by
 * `and`: "status:ok|warn|crit and family:v4|v6|host" (aliases left out). */
size_t
filter_words(char *buf, size_t size, const char *and)
{
	size_t o = 0, ntok = sizeof tokens / sizeof tokens[0];

	if (size)
		buf[0] = '\0';
	for (int kind = 1; kind >= 0; kind--) {
		unsigned seen = 0;
		for (size_t i = 0; i < ntok && o < size; i++) {
			const struct token_def *d = &tokens[i];
			if (d->is_status != (kind == 1) || (seen & d->bit))
				continue;
			const char *word = seen ? strchr(d->word, ':') + 1 : d->word;
			o += (size_t)snprintf(buf + o, size - o, "%s%s", seen ? "|" : kind == 1 ? "" : and, word);
			seen |= d->bit;
		}
	}
	return o < size ? o : size ? size - 1 : 0;
}

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
		if (strcasecmp(name, sort_key_name((enum sort_key)i)) == 0) {
			*k = (enum sort_key)i;
			return true;
		}
	return false;
}

/* Find the token word w[0..len); NULL if it is not one. */
static const struct token_def *
find_token(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++)
		if (strlen(tokens[i].word) == len && strncasecmp(tokens[i].word, w, len) == 0)
			return &tokens[i];
	return NULL;
}

/* Parse filter text into f. */
enum filter_err
filter_parse(const char *text, struct filter *f, const char **bad)
{
	const char *p = text;

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
		if (t) {
			*(t->is_status ? &f->status_mask : &f->family_mask) |= t->bit;
			continue;
		}
		if (memchr(w, ':', len) && (strncasecmp(w, "status:", 7) == 0 || strncasecmp(w, "family:", 7) == 0)) {
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
			f->text[f->text_len++] = (char)tolower((unsigned char)w[i]);
		f->text[f->text_len] = '\0';
	}
	return FILTER_OK;
}

/* Return whether f lets everything through. */
bool
filter_is_empty(const struct filter *f)
{
	return f->text_len == 0 && f->status_mask == 0 && f->family_mask == 0;
}

/* Return whether lower-case needle n occurs in hay, ignoring case. */
static bool
contains_nocase(const char *hay, size_t hlen, const char *n, size_t nlen)
{
	if (nlen > hlen)
		return false;
	for (size_t i = 0; i + nlen <= hlen; i++) {
		if (tolower((unsigned char)hay[i]) != (unsigned char)n[0])
			continue;
		size_t j = 1;
		while (j < nlen && tolower((unsigned char)hay[i + j]) == (unsigned char)n[j])
			j++;
		if (j == nlen)
			return true;
	}
	return false;
}

/* Return whether client c passes f. */
bool
filter_match(const struct filter *f, const struct client *c)
{
	if (f->status_mask && !(f->status_mask & (1u << c->verdict.status)))
		return false;
	if (f->family_mask && !(f->family_mask & (1u << c->family)))
		return false;
	return f->text_len == 0 || contains_nocase(c->addr, c->len, f->text, f->text_len);
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
		                  : i < c->len ? (unsigned char)tolower((unsigned char)c->addr[i]) : 0;
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
	       b->key == v->key && b->reverse == v->reverse && v->filter.status_mask == 0 &&
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
