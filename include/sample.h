/* sample.h — one client's counters: the nine columns of `chronyc clients`
 * after the address, and the fields derived from them.
 *
 * Contract: a value is either known or unknown; unknown is a flag, never a
 * zero.  Every field is one row of one table (sample.c): its JSON group and
 * key, CSV column, text heading, card labels, sort key, kind and, for a
 * derived field, the function that computes it.  The parsers, the batch
 * writers (text, CSV, JSON), the cards, the sort keys and the health reasons
 * all walk that table, and field_text is the one way a value becomes text,
 * so a new column is one row there.  A derived field (a rate, say) is one
 * row of SAMPLE_DERIVED below plus its function; the model computes it
 * from a client's last sample and its sample at the start of the rate
 * window (model.h).  Rates are fixed point (thousandths per second), so
 * sorting, health rules and every writer treat them as the counts are
 * treated.  Pure: no I/O, no allocation. */
#ifndef TICCTOP_SAMPLE_H
#define TICCTOP_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The columns a source gives, in chronyc's CSV order after the address. */
enum field {
	FIELD_NTP_PACKETS,
	FIELD_NTP_DROPS,
	FIELD_NTP_INTERVAL,
	FIELD_NTP_INTERVAL_LIMITED,
	FIELD_NTP_LAST,
	FIELD_CMD_PACKETS,
	FIELD_CMD_DROPS,
	FIELD_CMD_INTERVAL,
	FIELD_CMD_LAST,
	FIELD_COUNT     /* the source's columns; derived fields follow */
};

struct sample;

/* Compute a derived field from a client's sample now and its sample at
 * the start of the rate window, read `seconds` earlier (base is all unknown
 * when there is none: a client seen once, or just reset); false: the value
 * is unknown. */
typedef bool (*field_compute)(const struct sample *now, const struct sample *base, double seconds,
                              int64_t *v);

/* The rates (issue 11), from the counters' growth over the window:
 * thousandths per second, a share in thousandths of a percent, the span in
 * milliseconds, and the NTP drops within it (what --judge recent judges). */
bool sample_rate_ntp(const struct sample *now, const struct sample *base, double seconds, int64_t *v);
bool sample_rate_drops(const struct sample *now, const struct sample *base, double seconds, int64_t *v);
bool sample_rate_cmd(const struct sample *now, const struct sample *base, double seconds, int64_t *v);
bool sample_drop_share(const struct sample *now, const struct sample *base, double seconds, int64_t *v);
bool sample_window(const struct sample *now, const struct sample *base, double seconds, int64_t *v);
bool sample_recent_drops(const struct sample *now, const struct sample *base, double seconds, int64_t *v);

/* ticctop's derived fields: X(ID, .member = value, ...) a row each, members
 * as in struct field_info, .compute required.  The rate group's fields sit
 * on the expanded card under NTP or Cmd (.side). */
#define SAMPLE_RATES(X) \
	X(RATE_NTP, .group = "rate", .name = "ntp", .column = "rate_ntp", .label = "NTP rate", .head = "NTP/s", \
	  .card = "rate", .side = "ntp", .brief = "rate", .sort = "rate", .descending = true, .kind = KIND_RATE, \
	  .windowed = true, .compute = sample_rate_ntp) \
	X(RATE_DROPS, .group = "rate", .name = "drops", .column = "rate_drops", .label = "NTP drop rate", \
	  .head = "Drop/s", .card = "drop rate", .side = "ntp", .sort = "droprate", .descending = true, \
	  .kind = KIND_RATE, .windowed = true, .compute = sample_rate_drops) \
	X(RATE_CMD, .group = "rate", .name = "cmd", .column = "rate_cmd", .label = "Cmd rate", .head = "Cmd/s", \
	  .card = "rate", .side = "cmd", .sort = "cmdrate", .descending = true, .kind = KIND_RATE, \
	  .windowed = true, .compute = sample_rate_cmd) \
	X(DROP_SHARE, .group = "rate", .name = "drop_share", .column = "rate_drop_share", .label = "NTP drop share", \
	  .head = "Drop%", .card = "drop %", .side = "ntp", .sort = "dropshare", .descending = true, \
	  .kind = KIND_SHARE, .windowed = true, .compute = sample_drop_share) \
	X(RATE_WINDOW, .group = "rate", .name = "window", .column = "rate_window", .label = "Rate window", \
	  .head = "Window", .card = "window", .side = "ntp", .sort = "window", .kind = KIND_SPAN, \
	  .compute = sample_window) \
	X(RECENT_DROPS, .group = "ntp", .name = "recent_drops", .column = "ntp_recent_drops", \
	  .label = "Recent NTP drops", .head = "RDrop", .card = "win drops", .sort = "recentdrops", \
	  .descending = true, .kind = KIND_COUNT, .windowed = true, .total = "drops", .compute = sample_recent_drops)

/* Every derived field: ticctop's; a build may add rows (the unit tests do,
 * to show that a row is all it takes: SAMPLE_RATES(X) then theirs). */
#ifndef SAMPLE_DERIVED
#define SAMPLE_DERIVED(X) SAMPLE_RATES(X)
#endif

/* Every field: the source's, then the derived ones (FIELD_<ID>). */
enum {
	FIELD_DERIVED_BEFORE = FIELD_COUNT - 1,
#define SAMPLE_FIELD_ENUM(id, ...) FIELD_##id,
	SAMPLE_DERIVED(SAMPLE_FIELD_ENUM)
#undef SAMPLE_FIELD_ENUM
	FIELD_ALL
};

/* What a field's number means. */
enum field_kind {
	KIND_COUNT,     /* packets: 0 .. 2^32-1 */
	KIND_LOG2,      /* interval: log2 seconds, -128 .. 126 */
	KIND_SECONDS,   /* time since last packet, seconds */
	KIND_RATE,      /* per second, in thousandths */
	KIND_SHARE,     /* a percentage, in thousandths */
	KIND_SPAN       /* a span of time, milliseconds */
};

/* Return whether values of kind k are in thousandths (machine output
 * writes them as decimals: 2013 is 2.013). */
static inline bool
kind_milli(enum field_kind k)
{
	return k >= KIND_RATE;
}

/* Widest card label: an expanded card gives labels this many columns and a gap. */
#define FIELD_CARD_MAX 9

struct field_info {
	const char *group;  /* "ntp" or "cmd": JSON object name, card column */
	const char *name;   /* "packets", "drops", ... (JSON key within the group) */
	const char *column; /* "ntp_packets", ... (CSV header) */
	const char *label;  /* "NTP packets", ... (for people: reasons, sort titles) */
	const char *head;   /* "NTP", "Drop", ... (text report heading, 9 columns at most) */
	const char *card;   /* "packets", ... (expanded card row; one label: NTP | Cmd) */
	const char *side;   /* the card's column, "ntp" or "cmd"; NULL: its group */
	const char *brief;  /* label on a collapsed card, in table order; NULL: not there */
	const char *sort;   /* sort key name; NULL: not a sort key (derived: column) */
	bool descending;    /* as a sort key, biggest first */
	enum field_kind kind;
	bool windowed;      /* counted over the rate window (a reason names its span) */
	const char *total;  /* windowed count: the name in its group of the count since
	                       chronyd started (judged while this is unknown); else NULL */
	field_compute compute; /* derived fields only */
};

struct sample {
	int64_t v[FIELD_ALL];
	uint32_t known; /* bit f set: v[f] is known */
};

_Static_assert(FIELD_ALL <= 32, "sample.known holds a bit per field");

/* How a value is written for people. */
enum field_style {
	STYLE_REPORT,   /* the text report: counts whole, ages as durations ("45 s") */
	STYLE_CARD,     /* an expanded card: ages as "3 s ago", "never" when no packet came */
	STYLE_BRIEF     /* a collapsed card: as the card, counts short ("12.3k") */
};

/* Describe field f (0 <= f < FIELD_ALL). */
const struct field_info *field_info(int f);

/* Find a field by group and name; -1 when there is none. */
int field_find(const char *group, const char *name);

/* Write field f of s for people in style st ("-" when unknown); returns the length. */
size_t field_text(char *buf, size_t size, const struct sample *s, int f, enum field_style st);

/* Write field f of s for machines: whole, or "2.013" for a field in
 * thousandths; "" when unknown; the same under every locale.  Returns the length. */
size_t field_number(char *buf, size_t size, const struct sample *s, int f);

/* Rows of an expanded card's table: one per card label, in table order. */
size_t field_card_rows(void);

/* The field of group on the expanded card's table row `row`, or -1. */
int field_card_cell(size_t row, const char *group);

/* Return whether s holds a value for f. */
static inline bool
sample_known(const struct sample *s, int f)
{
	return (s->known >> f) & 1u;
}

/* Store value v for field f. */
static inline void
sample_set(struct sample *s, int f, int64_t v)
{
	s->v[f] = v;
	s->known |= (uint32_t)(1u << f);
}

/* Return f's value, or def when it is unknown. */
static inline int64_t
sample_get(const struct sample *s, int f, int64_t def)
{
	return sample_known(s, f) ? s->v[f] : def;
}

/* Return whether a and b hold the same source columns (derived fields aside). */
bool sample_same_source(const struct sample *a, const struct sample *b);

/* Compute a's derived fields from base, read `seconds` before a. */
void sample_derive(struct sample *a, const struct sample *base, double seconds);

#endif
