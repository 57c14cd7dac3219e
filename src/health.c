/* health.c — the rules table and its verdicts. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "health.h"

static const char *const status_names[STATUS_COUNT] = {
	[STATUS_OK] = "ok", [STATUS_WARNING] = "warning", [STATUS_CRITICAL] = "critical",
};

/* Name a status for machines. */
const char *
status_name(enum status st)
{
	return status_names[st];
}

/* Fill h with the drop rules: drops >= crit critical, drops >= warn warning. */
void
health_init(struct health *h, int64_t warn_drops, int64_t crit_drops)
{
	h->rule[0] = (struct health_rule){ FIELD_NTP_DROPS, crit_drops, STATUS_CRITICAL };
	h->rule[1] = (struct health_rule){ FIELD_NTP_DROPS, warn_drops, STATUS_WARNING };
	h->n = 2;
}

/* Judge one sample. */
struct verdict
health_eval(const struct health *h, const struct sample *s)
{
	for (size_t i = 0; i < h->n; i++) {
		const struct health_rule *r = &h->rule[i];
		if (sample_known(s, r->field) && s->v[r->field] >= r->threshold)
			return (struct verdict){ (uint8_t)r->status, (uint8_t)i };
	}
	return (struct verdict){ STATUS_OK, HEALTH_NO_RULE };
}

/* Write why v was given to s. */
void
health_reason(const struct health *h, struct verdict v, const struct sample *s,
              char *buf, size_t size)
{
	if (v.rule == HEALTH_NO_RULE || v.rule >= h->n) {
		snprintf(buf, size, "within limits");
		return;
	}
	const struct health_rule *r = &h->rule[v.rule];
	snprintf(buf, size, "%s %" PRId64 " >= %" PRId64, field_info(r->field)->label,
	         s->v[r->field], r->threshold);
}
