/* health.h — OK / warning / critical for one client, with the reason.
 *
 * Contract: rules live in one table, most severe first, each naming a field
 * of the field table (its label is the reason's word); the first rule whose
 * field is known and at or above its threshold sets the status.  A verdict
 * is two bytes (status and rule index) so 100k clients cost nothing; the
 * reason text is made only when someone reads it.  Defaults match TICC-DASH
 * and the Chrony Web Interface V2: NTP drops >= 10 critical, > 0 warning. */
#ifndef TICCTOP_HEALTH_H
#define TICCTOP_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "sample.h"

enum status { STATUS_OK, STATUS_WARNING, STATUS_CRITICAL, STATUS_COUNT };

#define HEALTH_MAX_RULES 8
#define HEALTH_NO_RULE 0xff

struct health_rule {
	int field;           /* a field of the table (sample.h), derived ones too */
	int64_t threshold;   /* value >= threshold fires the rule */
	enum status status;
};

struct health {
	struct health_rule rule[HEALTH_MAX_RULES];
	size_t n;
};

struct verdict {
	uint8_t status;      /* enum status */
	uint8_t rule;        /* index of the rule that fired, HEALTH_NO_RULE if none */
};

/* Default thresholds (TICC-DASH's). */
#define HEALTH_WARN_DROPS 1
#define HEALTH_CRIT_DROPS 10

/* Fill h with the drop rules: drops >= crit critical, drops >= warn warning. */
void health_init(struct health *h, int64_t warn_drops, int64_t crit_drops);

/* Judge one sample. */
struct verdict health_eval(const struct health *h, const struct sample *s);

/* Write why v was given to s ("NTP drops 28 >= 10", "within limits"). */
void health_reason(const struct health *h, struct verdict v, const struct sample *s,
                   char *buf, size_t size);

/* Name a status for machines ("ok", "warning", "critical"). */
const char *status_name(enum status st);

#endif
