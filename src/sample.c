/* sample.c — the table of fields, and their values as text for people. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "sample.h"
#include "text.h"

#define SAMPLE_FIELD_ROW(id, ...) [FIELD_##id] = { __VA_ARGS__ },

static const struct field_info fields[FIELD_ALL] = {
	[FIELD_NTP_PACKETS] = { .group = "ntp", .name = "packets", .column = "ntp_packets", .label = "NTP packets",
		.head = "NTP", .card = "packets", .brief = "NTP", .sort = "ntp", .descending = true, .kind = KIND_COUNT },
	[FIELD_NTP_DROPS] = { .group = "ntp", .name = "drops", .column = "ntp_drops", .label = "NTP drops",
		.head = "Drop", .card = "drops", .brief = "drops", .sort = "drops", .descending = true, .kind = KIND_COUNT },
	[FIELD_NTP_INTERVAL] = { .group = "ntp", .name = "interval", .column = "ntp_interval", .label = "NTP interval",
		.head = "Int", .card = "interval", .brief = "interval", .sort = "interval", .kind = KIND_LOG2 },
	[FIELD_NTP_INTERVAL_LIMITED] = { .group = "ntp", .name = "interval_limited", .column = "ntp_interval_limited",
		.label = "NTP interval after drop", .head = "IntL", .card = "IntL", .kind = KIND_LOG2 },
	[FIELD_NTP_LAST] = { .group = "ntp", .name = "last_seen", .column = "ntp_last_seen", .label = "Last seen",
		.head = "Last", .card = "last seen", .sort = "last", .kind = KIND_SECONDS },
	[FIELD_CMD_PACKETS] = { .group = "cmd", .name = "packets", .column = "cmd_packets", .label = "Cmd packets",
		.head = "Cmd", .card = "packets", .brief = "cmd", .sort = "cmd", .descending = true, .kind = KIND_COUNT },
	[FIELD_CMD_DROPS] = { .group = "cmd", .name = "drops", .column = "cmd_drops", .label = "Cmd drops",
		.head = "Drop", .card = "drops", .kind = KIND_COUNT },
	[FIELD_CMD_INTERVAL] = { .group = "cmd", .name = "interval", .column = "cmd_interval", .label = "Cmd interval",
		.head = "Int", .card = "interval", .kind = KIND_LOG2 },
	[FIELD_CMD_LAST] = { .group = "cmd", .name = "last_seen", .column = "cmd_last_seen", .label = "Cmd last seen",
		.head = "Last", .card = "last seen", .kind = KIND_SECONDS },
	SAMPLE_DERIVED(SAMPLE_FIELD_ROW)
};

/* Describe field f. */
const struct field_info *
field_info(int f)
{
	return &fields[f];
}

/* Find a field by group and name; -1 when there is none. */
int
field_find(const char *group, const char *name)
{
	for (int f = 0; f < FIELD_ALL; f++)
		if (strcmp(fields[f].group, group) == 0 && strcmp(fields[f].name, name) == 0)
			return f;
	return -1;
}

/* The expanded card's column of field f: "ntp" or "cmd". */
static const char *
card_side(int f)
{
	return fields[f].side ? fields[f].side : fields[f].group;
}

/* Return whether field f is the first with its card label (it opens a row). */
static bool
opens_card_row(int f)
{
	for (int g = 0; g < f; g++)
		if (strcmp(fields[g].card, fields[f].card) == 0)
			return false;
	return true;
}

/* Rows of an expanded card's table: one per card label, in table order. */
size_t
field_card_rows(void)
{
	size_t n = 0;

	for (int f = 0; f < FIELD_ALL; f++)
		n += opens_card_row(f);
	return n;
}

/* The field of group on the expanded card's table row `row`, or -1. */
int
field_card_cell(size_t row, const char *group)
{
	int open = -1;

	for (int f = 0; f < FIELD_ALL; f++)
		if (opens_card_row(f) && row-- == 0) {
			open = f;
			break;
		}
	for (int f = 0; open >= 0 && f < FIELD_ALL; f++)
		if (strcmp(fields[f].card, fields[open].card) == 0 && strcmp(card_side(f), group) == 0)
			return f;
	return -1;
}

/* The length snprintf left in a buffer of size, from its return value n. */
static size_t
written(int n, size_t size)
{
	return n < 0 || size == 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

/* Write the age field f of s for a card: "3 s ago"; "never" only when its
 * group counted no packets, "-" when the source did not say. */
static size_t
age_text(char *buf, size_t size, const struct sample *s, int f)
{
	int packets = field_find(fields[f].group, "packets");

	if (sample_known(s, f) || (packets >= 0 && sample_known(s, packets) && s->v[packets] == 0))
		return fmt_ago(buf, size, sample_known(s, f), sample_get(s, f, 0));
	return written(snprintf(buf, size, "-"), size);
}

/* Write a rate of milli thousandths per second with as many decimals as
 * fit three digits ("2.01", "12.5", "310"), "/s" after it but in a report;
 * brief: one decimal at most, and from 1000/s on short as a count ("12.3k/s"). */
static size_t
rate_text(char *buf, size_t size, int64_t milli, enum field_style st)
{
	double r = (double)milli / 1000;
	int decimals = milli < 9995 ? 2 : milli < 99950 ? 1 : 0;
	char count[16];

	if (st == STYLE_BRIEF && milli >= 999500) {
		text_count(count, sizeof count, llround(r));
		return written(snprintf(buf, size, "%s/s", count), size);
	}

	if (st == STYLE_BRIEF && decimals > 1)
		decimals = 1;
	return written(snprintf(buf, size, "%.*f%s", decimals, r, st == STYLE_REPORT ? "" : "/s"), size);
}

/* Write field f of s for people in style st ("-" when unknown). */
size_t
field_text(char *buf, size_t size, const struct sample *s, int f, enum field_style st)
{
	enum field_kind k = fields[f].kind;

	if (k == KIND_SECONDS && st != STYLE_REPORT)
		return age_text(buf, size, s, f);
	if (!sample_known(s, f))
		return written(snprintf(buf, size, "-"), size);
	if (k == KIND_LOG2)
		return fmt_interval(buf, size, s->v[f]);
	if (k == KIND_SECONDS)
		return fmt_duration(buf, size, s->v[f]);
	if (k == KIND_RATE)
		return rate_text(buf, size, s->v[f], st);
	if (k == KIND_SHARE)
		return written(snprintf(buf, size, "%.1f%%", (double)s->v[f] / 1000), size);
	if (k == KIND_SPAN)
		return fmt_duration(buf, size, s->v[f] / 1000 + (s->v[f] % 1000 >= 500)); /* rounded, no overflow */
	if (st == STYLE_BRIEF)
		return text_count(buf, size, s->v[f]);
	return written(snprintf(buf, size, "%" PRId64, s->v[f]), size);
}

/* Write field f of s for machines: a whole number, or for a field in
 * thousandths a decimal with three places ("2.013"); "" when unknown.
 * Always C's notation (no locale is asked). */
size_t
field_number(char *buf, size_t size, const struct sample *s, int f)
{
	if (!sample_known(s, f))
		return written(snprintf(buf, size, "%s", ""), size);
	if (!kind_milli(fields[f].kind))
		return written(snprintf(buf, size, "%" PRId64, s->v[f]), size);
	int64_t v = s->v[f], a = v < 0 ? -v : v;
	return written(snprintf(buf, size, "%s%" PRId64 ".%03" PRId64, v < 0 ? "-" : "", a / 1000, a % 1000), size);
}

/* Store in *v the growth of counter f from base to now (both known, never
 * down: a reset leaves base unknown) over seconds > 0, per second in
 * thousandths; false when unknown. */
static bool
per_second(const struct sample *now, const struct sample *base, double seconds, int f, int64_t *v)
{
	if (!sample_known(now, f) || !sample_known(base, f) || !(seconds > 0) || now->v[f] < base->v[f])
		return false;
	*v = llround((double)(now->v[f] - base->v[f]) * 1000 / seconds);
	return true;
}

/* NTP requests per second over the window. */
bool
sample_rate_ntp(const struct sample *now, const struct sample *base, double seconds, int64_t *v)
{
	return per_second(now, base, seconds, FIELD_NTP_PACKETS, v);
}

/* NTP drops per second over the window. */
bool
sample_rate_drops(const struct sample *now, const struct sample *base, double seconds, int64_t *v)
{
	return per_second(now, base, seconds, FIELD_NTP_DROPS, v);
}

/* Command requests per second over the window. */
bool
sample_rate_cmd(const struct sample *now, const struct sample *base, double seconds, int64_t *v)
{
	return per_second(now, base, seconds, FIELD_CMD_PACKETS, v);
}

/* NTP drops within the window. */
bool
sample_recent_drops(const struct sample *now, const struct sample *base, double seconds, int64_t *v)
{
	int f = FIELD_NTP_DROPS;

	if (!sample_known(now, f) || !sample_known(base, f) || !(seconds > 0) || now->v[f] < base->v[f])
		return false;
	*v = now->v[f] - base->v[f];
	return true;
}

/* The share of the window's NTP requests that were dropped, in thousandths
 * of a percent (at most 100 %); unknown when no request came. */
bool
sample_drop_share(const struct sample *now, const struct sample *base, double seconds, int64_t *v)
{
	int64_t drops, packets;

	if (!sample_recent_drops(now, base, seconds, &drops) || !sample_known(now, FIELD_NTP_PACKETS) ||
	    !sample_known(base, FIELD_NTP_PACKETS) || (packets = now->v[FIELD_NTP_PACKETS] - base->v[FIELD_NTP_PACKETS]) <= 0)
		return false;
	*v = drops >= packets ? 100000 : llround((double)drops * 100000 / (double)packets);
	return true;
}

/* The span the rates are over, in milliseconds (unknown with no base). */
bool
sample_window(const struct sample *now, const struct sample *base, double seconds, int64_t *v)
{
	(void)now;
	if (base->known == 0 || !(seconds > 0))
		return false;
	*v = llround(seconds * 1000);
	return true;
}

/* Return whether a and b hold the same source columns. */
bool
sample_same_source(const struct sample *a, const struct sample *b)
{
	uint32_t mask = (1u << FIELD_COUNT) - 1;

	return ((a->known ^ b->known) & mask) == 0 && memcmp(a->v, b->v, FIELD_COUNT * sizeof a->v[0]) == 0;
}

/* Compute a's derived fields from base, read `seconds` before a. */
void
sample_derive(struct sample *a, const struct sample *base, double seconds)
{
	for (int f = FIELD_COUNT; f < FIELD_ALL; f++) {
		int64_t v;
		a->known &= ~(uint32_t)(1u << f);
		if (fields[f].compute(a, base, seconds, &v))
			sample_set(a, f, v);
	}
}
