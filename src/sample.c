/* sample.c — the table of fields, and their values as text for people. */
#include "config.h"

#include <inttypes.h>
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
		if (strcmp(fields[f].card, fields[open].card) == 0 && strcmp(fields[f].group, group) == 0)
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
	if (st == STYLE_BRIEF)
		return text_count(buf, size, s->v[f]);
	return written(snprintf(buf, size, "%" PRId64, s->v[f]), size);
}

/* Return whether a and b hold the same source columns. */
bool
sample_same_source(const struct sample *a, const struct sample *b)
{
	uint32_t mask = (1u << FIELD_COUNT) - 1;

	return ((a->known ^ b->known) & mask) == 0 && memcmp(a->v, b->v, FIELD_COUNT * sizeof a->v[0]) == 0;
}

/* Compute a's derived fields from prev, read `seconds` before a. */
void
sample_derive(struct sample *a, const struct sample *prev, double seconds)
{
	for (int f = FIELD_COUNT; f < FIELD_ALL; f++) {
		int64_t v;
		a->known &= ~(uint32_t)(1u << f);
		if (fields[f].compute(a, prev, seconds, &v))
			sample_set(a, f, v);
	}
}
