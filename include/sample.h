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
 * from a client's last two samples.  Pure: no I/O, no allocation. */
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

/* Compute a derived field from a client's sample now and the one before,
 * read `seconds` earlier (prev is all unknown for a new client); false:
 * the value is unknown. */
typedef bool (*field_compute)(const struct sample *now, const struct sample *prev, double seconds,
                              int64_t *v);

/* The derived fields: X(ID, .member = value, ...) a row each, members as in
 * struct field_info, .compute required.  None yet; a build may bring its
 * own list (the unit tests do, to show that a row is all it takes). */
#ifndef SAMPLE_DERIVED
#define SAMPLE_DERIVED(X)
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
	KIND_SECONDS    /* time since last packet, seconds */
};

struct field_info {
	const char *group;  /* "ntp" or "cmd": JSON object name, card column */
	const char *name;   /* "packets", "drops", ... (JSON key within the group) */
	const char *column; /* "ntp_packets", ... (CSV header) */
	const char *label;  /* "NTP packets", ... (for people: reasons, sort titles) */
	const char *head;   /* "NTP", "Drop", ... (text report heading, 9 columns at most) */
	const char *card;   /* "packets", ... (expanded card row; one label: NTP | Cmd) */
	const char *brief;  /* label on a collapsed card, in table order; NULL: not there */
	const char *sort;   /* sort key name; NULL: not a sort key (derived: column) */
	bool descending;    /* as a sort key, biggest first */
	enum field_kind kind;
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

/* Compute a's derived fields from prev, read `seconds` before a. */
void sample_derive(struct sample *a, const struct sample *prev, double seconds);

#endif
