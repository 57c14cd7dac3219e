/* health.c — the rules table and its verdicts. */
#include "config.h"

#include <stddef.h>
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

static const char *const judge_names[JUDGE_COUNT] = { [JUDGE_RECENT] = "recent", [JUDGE_TOTAL] = "total" };

/* Machine name of a judge. */
const char *
judge_name(enum judge j)
{
	return judge_names[j];
}

/* The rules' table: which limit, on which field, with which status; a
 * limit of 0 makes no rule.  Drops are on the recent count or the total. */
static const struct {
	size_t limit;       /* offset of the limit in struct health_limits */
	bool drops;         /* a drop rule: its field follows the judge */
	int field;          /* else this field */
	enum status status;
} rules[] = {
	{ offsetof(struct health_limits, crit_rate), false, FIELD_RATE_NTP, STATUS_CRITICAL },
	{ offsetof(struct health_limits, crit_drops), true, 0, STATUS_CRITICAL },
	{ offsetof(struct health_limits, warn_rate), false, FIELD_RATE_NTP, STATUS_WARNING },
	{ offsetof(struct health_limits, warn_drops), true, 0, STATUS_WARNING },
};

/* Fill h with the rules for limits l, most severe first. */
void
health_setup(struct health *h, const struct health_limits *l)
{
	int recent = FIELD_RECENT_DROPS;

	h->n = 0;
	h->judge = l->judge;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		int64_t limit = *(const int64_t *)(const void *)((const char *)l + rules[i].limit);
		if (limit <= 0)
			continue;
		int field = !rules[i].drops ? rules[i].field : l->judge == JUDGE_RECENT ? recent : FIELD_NTP_DROPS;
		const char *total = field_info(field)->total;
		h->rule[h->n++] = (struct health_rule){ field, limit, rules[i].status,
		                                        total ? field_find(field_info(field)->group, total) : -1 };
	}
}

/* Fill h with the drop rules on totals. */
void
health_init(struct health *h, int64_t warn_drops, int64_t crit_drops)
{
	struct health_limits l = { .warn_drops = warn_drops, .crit_drops = crit_drops, .judge = JUDGE_TOTAL };

	health_setup(h, &l);
}

/* The field rule r judges s on: its own, or its total while that is unknown; -1: neither is known. */
static int
judged_field(const struct health_rule *r, const struct sample *s)
{
	if (sample_known(s, r->field))
		return r->field;
	return r->total >= 0 && sample_known(s, r->total) ? r->total : -1;
}

/* Judge one sample. */
struct verdict
health_eval(const struct health *h, const struct sample *s)
{
	for (size_t i = 0; i < h->n; i++) {
		const struct health_rule *r = &h->rule[i];
		int f = judged_field(r, s);
		if (f >= 0 && s->v[f] >= r->threshold)
			return (struct verdict){ (uint8_t)r->status, (uint8_t)i };
	}
	return (struct verdict){ STATUS_OK, HEALTH_NO_RULE };
}

/* Write why v was given to s: the count's word (a windowed count borrows
 * its total's), value and limit as the field writes them, and the span:
 * the window's, or since chronyd started when the total was judged. */
void
health_reason(const struct health *h, struct verdict v, const struct sample *s,
              char *buf, size_t size)
{
	char val[32], lim[32], window[24], span[40] = "";
	struct sample limit = { .known = 0 };

	if (v.rule == HEALTH_NO_RULE || v.rule >= h->n) {
		snprintf(buf, size, "within limits");
		return;
	}
	const struct health_rule *r = &h->rule[v.rule];
	int f = judged_field(r, s), word = r->total >= 0 ? r->total : r->field;
	if (f < 0) { /* not this sample's verdict */
		snprintf(buf, size, "%s >= ?", field_info(word)->label);
		return;
	}
	enum field_style st = field_info(f)->kind == KIND_RATE ? STYLE_CARD : STYLE_REPORT; /* "2.50/s" */
	sample_set(&limit, f, r->threshold);
	field_text(val, sizeof val, s, f, st);
	field_text(lim, sizeof lim, &limit, f, st);
	if (f != r->field) {
		snprintf(span, sizeof span, " since chronyd started");
	} else if (field_info(f)->windowed && sample_known(s, FIELD_RATE_WINDOW)) {
		field_text(window, sizeof window, s, FIELD_RATE_WINDOW, STYLE_REPORT);
		snprintf(span, sizeof span, " in the last %s", window);
	}
	snprintf(buf, size, "%s %s >= %s%s", field_info(word)->label, val, lim, span);
}
