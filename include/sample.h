/* sample.h — one client's counters: the ten columns of `chronyc clients`.
 *
 * Contract: a value is either known or unknown; unknown is a flag, never a
 * zero.  Fields are described once in a table (name, group, kind) that the
 * parsers, the batch writers and the detail view all walk, so a new column is
 * one row there.  Pure: no I/O, no allocation. */
#ifndef TICCTOP_SAMPLE_H
#define TICCTOP_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>

/* The ten columns, in chronyc's CSV order after the address. */
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
	FIELD_COUNT
};

/* What a field's number means. */
enum field_kind {
	KIND_COUNT,     /* packets: 0 .. 2^32-1 */
	KIND_LOG2,      /* interval: log2 seconds, -128 .. 126 */
	KIND_SECONDS    /* time since last packet, seconds */
};

struct field_info {
	const char *group;  /* "ntp" or "cmd" (JSON object name) */
	const char *name;   /* "packets", "drops", ... (JSON key) */
	const char *column; /* "ntp_packets", ... (CSV header) */
	const char *label;  /* "NTP packets", ... (for people) */
	enum field_kind kind;
};

struct sample {
	int64_t v[FIELD_COUNT];
	uint16_t known; /* bit f set: v[f] is known */
};

/* Describe field f. */
const struct field_info *field_info(enum field f);

/* Return whether s holds a value for f. */
static inline bool
sample_known(const struct sample *s, enum field f)
{
	return (s->known >> f) & 1u;
}

/* Store value v for field f. */
static inline void
sample_set(struct sample *s, enum field f, int64_t v)
{
	s->v[f] = v;
	s->known |= (uint16_t)(1u << f);
}

/* Return f's value, or def when it is unknown. */
static inline int64_t
sample_get(const struct sample *s, enum field f, int64_t def)
{
	return sample_known(s, f) ? s->v[f] : def;
}

#endif
