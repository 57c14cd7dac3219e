/* trend_sources.c — each time source's last offsets, by address (pure). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "trend_sources.h"

/* Make ts empty. */
void
trend_sources_init(struct trend_sources *ts)
{
	memset(ts, 0, sizeof *ts);
}

/* The history of the source at addr in ts, or NULL. */
static const struct trend_source *
find(const struct trend_sources *ts, const char *addr)
{
	for (size_t i = 0; i < ts->n; i++)
		if (strcmp(ts->s[i].addr, addr) == 0)
			return &ts->s[i];
	return NULL;
}

/* Add source src's sample to its history h when it is a new one. */
static void
add(struct trend_source *h, const struct srv_source *src)
{
	const struct srv_value *off = &src->v[SRC_OFFSET], *rx = &src->v[SRC_LAST_RX];

	if (!off->known)
		return;
	bool fresh = h->n == 0 || off->num != h->off[(h->head + TREND_SOURCE_SAMPLES - 1) % TREND_SOURCE_SAMPLES] ||
	             (rx->known && h->have_rx && rx->count < h->last_rx);
	h->have_rx = rx->known;
	h->last_rx = rx->known ? rx->count : 0;
	if (!fresh)
		return;
	h->off[h->head] = off->num;
	h->head = (h->head + 1) % TREND_SOURCE_SAMPLES;
	if (h->n < TREND_SOURCE_SAMPLES)
		h->n++;
}

/* Take the sources of one poll's server data. */
void
trend_sources_feed(struct trend_sources *ts, const struct server_data *sd)
{
	struct trend_sources next;   /* ~21 kB on the stack: the histories in sd's order */

	if (sd->avail != SRV_AVAIL_LOCAL || !sd->have[SRV_SOURCES])
		return;
	next.n = 0;
	for (size_t i = 0; i < sd->nsources && next.n < SRV_SOURCES_MAX; i++) {
		const struct srv_source *src = &sd->sources[i];
		const char *addr = src->v[SRC_ADDRESS].text;
		if (!src->v[SRC_ADDRESS].known || find(&next, addr))
			continue;
		const struct trend_source *old = find(ts, addr);
		struct trend_source *h = &next.s[next.n++];
		if (old)
			*h = *old;
		else {
			memset(h, 0, sizeof *h);
			snprintf(h->addr, sizeof h->addr, "%s", addr);
		}
		add(h, src);
	}
	memcpy(ts->s, next.s, next.n * sizeof next.s[0]);
	ts->n = next.n;
}

/* Copy the offsets of the source at addr, oldest first. */
size_t
trend_sources_get(const struct trend_sources *ts, const char *addr, double *out, size_t max)
{
	const struct trend_source *h = find(ts, addr);

	if (!h)
		return 0;
	size_t n = h->n < max ? h->n : max;
	for (size_t i = 0; i < n; i++)   /* the newest n: they end just before head */
		out[i] = h->off[(h->head + TREND_SOURCE_SAMPLES - n + i) % TREND_SOURCE_SAMPLES];
	return n;
}
