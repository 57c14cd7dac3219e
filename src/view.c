/* view.c — filtering and sorting clients through tables of keys and tokens. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "view.h"

#define NO_FIELD (-1)

struct sort_def {
	const char *name;
	const char *title;
	int field;          /* compared field, NO_FIELD for address / status */
	bool descending;    /* natural direction: biggest first */
};

static const struct sort_def sorts[SORT_COUNT] = {
	[SORT_ADDR]     = { "addr", "Address order", NO_FIELD, false },
	[SORT_DROPS]    = { "drops", "NTP drops", FIELD_NTP_DROPS, true },
	[SORT_LAST]     = { "last", "Last seen", FIELD_NTP_LAST, false },
	[SORT_NTP]      = { "ntp", "NTP packets", FIELD_NTP_PACKETS, true },
	[SORT_CMD]      = { "cmd", "Cmd packets", FIELD_CMD_PACKETS, true },
	[SORT_INTERVAL] = { "interval", "NTP interval", FIELD_NTP_INTERVAL, false },
	[SORT_STATUS]   = { "status", "Status", NO_FIELD, true },
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

/* Machine name of a sort key. */
const char *
sort_key_name(enum sort_key k)
{
	return sorts[k].name;
}

/* Human title of a sort key. */
const char *
sort_key_title(enum sort_key k)
{
	return sorts[k].title;
}

/* Return whether key k puts the biggest first when not reversed. */
bool
sort_key_descending(enum sort_key k)
{
	return sorts[k].descending;
}

/* Find a sort key by machine name. */
bool
sort_key_parse(const char *name, enum sort_key *k)
{
	for (int i = 0; i < SORT_COUNT; i++)
		if (strcasecmp(name, sorts[i].name) == 0) {
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
	v->idx = NULL;
	v->n = v->cap = 0;
}

/* Compare two known-or-unknown values of field f; unknown sorts last. */
static int
compare_field(int f, bool descending, const struct sample *a, const struct sample *b)
{
	bool ka = sample_known(a, (enum field)f), kb = sample_known(b, (enum field)f);

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
		c = compare_field(d->field, d->descending, &a->s, &b->s);
	if (c == 0)
		c = addr_compare(a->family, a->addr, a->key, b->family, b->addr, b->key);
	return c ? c : (int)a->dup - (int)b->dup;
}

struct sort_ctx {
	const struct model *m;
	enum sort_key key;
	bool reverse;
};

/* qsort_r comparator over model indexes. */
static int
compare_idx(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *s = arg;
	int c = view_compare(s->key, model_at(s->m, *(const uint32_t *)pa),
	                     model_at(s->m, *(const uint32_t *)pb));
	return s->reverse ? -c : c;
}

/* Rebuild v from m: filter then sort. */
bool
view_update(struct view *v, const struct model *m)
{
	size_t total = model_size(m);
	struct sort_ctx ctx = { m, v->key, v->reverse };

	if (total > v->cap) {
		uint32_t *idx = realloc(v->idx, total * sizeof *idx);
		if (!idx)
			return false;
		v->idx = idx;
		v->cap = total;
	}
	v->n = 0;
	for (size_t i = 0; i < total; i++)
		if (filter_match(&v->filter, model_at(m, i)))
			v->idx[v->n++] = (uint32_t)i;
	if (v->n > 1)
		qsort_r(v->idx, v->n, sizeof *v->idx, compare_idx, &ctx);
	return true;
}
