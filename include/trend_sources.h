/* trend_sources.h — each time source's recent offsets: the last
 * TREND_SOURCE_SAMPLES samples of its offset, for a sparkline a source.
 *
 * Contract: pure, fixed size (no allocation).  Fed once per poll that read
 * the server's sources (trend_sources_feed) with that poll's server data:
 * a source keeps its history by address while it is listed, and loses it
 * when a poll lists it no more.  A source adds a value when its last
 * sample is new: its offset differs from the one kept last, or its LastRx
 * went down (chronyd took a sample since); a poll that found the same
 * sample adds nothing, so a source polled every 17 minutes is not drawn as
 * a flat run of copies.  Offsets are signed seconds (chronyc's "offset"
 * column, the adjusted one). */
#ifndef TICCTOP_TREND_SOURCES_H
#define TICCTOP_TREND_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "serverdata.h"

#define TREND_SOURCE_SAMPLES 32

struct trend_source {
	char addr[SRV_TEXT_MAX];
	bool have_rx;                          /* last_rx is known */
	uint64_t last_rx;                      /* LastRx of the sample kept last */
	size_t n;                              /* samples kept (at most TREND_SOURCE_SAMPLES) */
	size_t head;                           /* slot the next sample goes to */
	double off[TREND_SOURCE_SAMPLES];      /* ring, seconds */
};

struct trend_sources {
	size_t n;
	struct trend_source s[SRV_SOURCES_MAX];
};

/* Make ts empty. */
void trend_sources_init(struct trend_sources *ts);

/* Take the sources of one poll's server data sd (a poll that read no
 * sources changes nothing). */
void trend_sources_feed(struct trend_sources *ts, const struct server_data *sd);

/* Copy the offsets of the source at addr, oldest first, into out (at most
 * max, the newest kept); returns how many (0 for a source not kept). */
size_t trend_sources_get(const struct trend_sources *ts, const char *addr, double *out, size_t max);

#endif
