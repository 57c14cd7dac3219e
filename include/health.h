/* health.h — OK / warning / critical for one client, with the reason.
 *
 * Contract: rules live in one table, most severe first, each naming a field
 * of the field table (its label is the reason's word); the first rule whose
 * field is known and at or above its threshold sets the status.  A verdict
 * is two bytes (status and rule index) so 100k clients cost nothing; the
 * reason text is made only when someone reads it.  Defaults match TICC-DASH
 * and the Chrony Web Interface V2: NTP drops >= 10 critical, > 0 warning.
 * Under --judge recent (the default) the drop rules count the drops within
 * the rate window (field RECENT_DROPS), and a client with no rate yet (one
 * sample) is judged on its total instead, the reason saying so ("NTP drops
 * 28 >= 10 since chronyd started"); under --judge total they count totals
 * (the dashboards' verdicts).  --warn-rate and --crit-rate add a rule each
 * on the NTP rate. */
#ifndef TICCTOP_HEALTH_H
#define TICCTOP_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "sample.h"

enum status { STATUS_OK, STATUS_WARNING, STATUS_CRITICAL, STATUS_COUNT };

/* What the drop rules count. */
enum judge { JUDGE_RECENT, JUDGE_TOTAL, JUDGE_COUNT };

#define HEALTH_MAX_RULES 8
#define HEALTH_NO_RULE 0xff

struct health_rule {
	int field;           /* a field of the table (sample.h), derived ones too */
	int64_t threshold;   /* value >= threshold fires the rule */
	enum status status;
	int total;           /* judged instead while field is unknown (its count since chronyd
	                        started); -1: none */
};

/* The limits the rules are made from. */
struct health_limits {
	int64_t warn_drops, crit_drops;
	enum judge judge;
	int64_t warn_rate, crit_rate;   /* NTP requests/s of one client, in thousandths; 0: no rule */
};

struct health {
	struct health_rule rule[HEALTH_MAX_RULES];
	size_t n;
	enum judge judge;    /* what the drop rules count */
};

struct verdict {
	uint8_t status;      /* enum status */
	uint8_t rule;        /* index of the rule that fired, HEALTH_NO_RULE if none */
};

/* Default thresholds (TICC-DASH's). */
#define HEALTH_WARN_DROPS 1
#define HEALTH_CRIT_DROPS 10

/* Fill h with the rules for limits l, most severe first: rate >= crit_rate
 * and drops >= crit_drops critical, rate >= warn_rate and drops >= warn_drops warning. */
void health_setup(struct health *h, const struct health_limits *l);

/* Fill h with the drop rules on totals (--judge total, no rate rules). */
void health_init(struct health *h, int64_t warn_drops, int64_t crit_drops);

/* Machine name of a judge ("recent", "total"). */
const char *judge_name(enum judge j);

/* Judge one sample. */
struct verdict health_eval(const struct health *h, const struct sample *s);

/* Write why v was given to s ("NTP drops 28 >= 10", "NTP drops 3 >= 1 in
 * the last 42 s", "NTP drops 28 >= 10 since chronyd started", "within limits"). */
void health_reason(const struct health *h, struct verdict v, const struct sample *s,
                   char *buf, size_t size);

/* Name a status for machines ("ok", "warning", "critical"). */
const char *status_name(enum status st);

#endif
