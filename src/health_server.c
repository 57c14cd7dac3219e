/* health_server.c — the server's and its sources' rules tables and verdicts. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "health_server.h"

#define REFID_LOCAL 0x7F7F0101u  /* "LOCL": chronyd serves its own clock (the local directive) */

/* Whether a rule fires for sd; when it does and buf is not NULL, its reason goes there. */
typedef bool (*srv_test)(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size);

/* Whether a rule fires for source s; its reason likewise. */
typedef bool (*src_test)(const struct srv_source *s, char *buf, size_t size);

/* The value of field f of the tracking in sd, or NULL when unknown. */
static const struct srv_value *
trk(const struct server_data *sd, int f)
{
	return sd->have[SRV_TRACKING] && sd->tracking.v[f].known ? &sd->tracking.v[f] : NULL;
}

/* Write a reason into buf when there is one. */
#define SAY(...) (buf ? (void)snprintf(buf, size, __VA_ARGS__) : (void)0)

/* Leap status "Not synchronised" (or chronyd's "Invalid"). */
static bool
leap_unsync(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	const struct srv_value *v = trk(sd, TRK_LEAP);

	if (!v || (v->count != LEAP_UNSYNC && v->count != LEAP_INVALID))
		return false;
	SAY("leap status %s: the server is not synchronised", v->text);
	return true;
}

/* Stratum 16: unsynchronised. */
static bool
stratum16(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	const struct srv_value *v = trk(sd, TRK_STRATUM);

	if (!v || v->num < 16)
		return false;
	SAY("stratum %.0f: the server is not synchronised", v->num);
	return true;
}

/* Return whether a source of sd is selected ('*'). */
static bool
any_selected(const struct server_data *sd)
{
	for (size_t i = 0; i < sd->nsources; i++)
		if (sd->sources[i].v[SRC_STATE].known && sd->sources[i].v[SRC_STATE].count == SRC_STATE_SELECTED)
			return true;
	return false;
}

/* Return whether sd's reference is its own clock (the local directive). */
static bool
local_reference(const struct server_data *sd)
{
	const struct srv_value *v = trk(sd, TRK_REF_ID);

	return v && v->count == REFID_LOCAL;
}

/* No time source selected (and not serving its own clock on purpose). */
static bool
no_selected(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	if (!sd->have[SRV_TRACKING] || !sd->have[SRV_SOURCES] || any_selected(sd) || local_reference(sd))
		return false;
	SAY("no time source selected (%zu source%s)", sd->nsources, sd->nsources == 1 ? "" : "s");
	return true;
}

/* Write the system time offset against bound into buf. */
static void
offset_reason(const struct server_data *sd, double bound, char *buf, size_t size)
{
	char off[32], lim[32];

	if (!buf)
		return;
	fmt_offset(off, sizeof off, fabs(trk(sd, TRK_SYSTEM_TIME)->num));
	fmt_offset(lim, sizeof lim, bound);
	snprintf(buf, size, "system time offset %s >= %s", off, lim);
}

/* |system time offset| at or past the critical bound. */
static bool
offset_crit(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	const struct srv_value *v = trk(sd, TRK_SYSTEM_TIME);

	if (!v || !(fabs(v->num) >= lim->crit_offset))
		return false;
	offset_reason(sd, lim->crit_offset, buf, size);
	return true;
}

/* |system time offset| at or past the warning bound, short of the critical one
 * (which says it already). */
static bool
offset_warn(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	const struct srv_value *v = trk(sd, TRK_SYSTEM_TIME);

	if (!v || !(fabs(v->num) >= lim->warn_offset) || offset_crit(lim, sd, NULL, 0))
		return false;
	offset_reason(sd, lim->warn_offset, buf, size);
	return true;
}

/* Serving its own clock: no time source behind it. */
static bool
local_only(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	if (!local_reference(sd) || any_selected(sd))
		return false;
	SAY("serving its own clock (local directive): no time source selected");
	return true;
}

/* Root dispersion at or past its bound. */
static bool
dispersion(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	const struct srv_value *v = trk(sd, TRK_ROOT_DISPERSION);
	char d[32], b[32];

	if (!v || !(v->num >= lim->warn_dispersion))
		return false;
	fmt_offset(d, sizeof d, v->num);
	fmt_offset(b, sizeof b, lim->warn_dispersion);
	SAY("root dispersion %s >= %s", d, b);
	return true;
}

/* A leap second announced. */
static bool
leap_pending(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	const struct srv_value *v = trk(sd, TRK_LEAP);

	if (!v || (v->count != LEAP_INSERT && v->count != LEAP_DELETE))
		return false;
	SAY("leap second pending (%s)", v->text);
	return true;
}

/* chronyd dropped client log records: its client list is incomplete. */
static bool
clientlog_full(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	const struct srv_value *v = &sd->serverstats.v[SST_LOG_DROPPED];

	if (!sd->have[SRV_SERVERSTATS] || !v->known || v->count == 0)
		return false;
	SAY("client list incomplete: chronyd dropped %" PRIu64 " client log records; raise clientloglimit in chrony.conf",
	    v->count);
	return true;
}

/* Some time sources are critical or warning (unreachable, falseticker,
 * jittery): a warning for the server, whose own rules say when none is left. */
static bool
sources_faulty(const struct srv_limits *lim, const struct server_data *sd, char *buf, size_t size)
{
	size_t bad = 0, o = 0;
	char names[160] = "";

	for (size_t i = 0; i < sd->nsources; i++) {
		if (health_source_eval(&sd->sources[i]).status == STATUS_OK)
			continue;
		if (bad++ < 3 && o < sizeof names)
			o += (size_t)snprintf(names + o, sizeof names - o, "%s%s", o ? ", " : "",
			                      sd->sources[i].v[SRC_ADDRESS].text);
	}
	if (bad == 0)
		return false;
	SAY("%zu of %zu time sources not usable (%s%s)", bad, sd->nsources, names, bad > 3 ? ", ..." : "");
	return true;
}

static const struct {
	const char *name;
	enum status status;
	srv_test fires;
} server_rules[] = {
	{ "not-synchronised", STATUS_CRITICAL, leap_unsync },
	{ "stratum-16", STATUS_CRITICAL, stratum16 },
	{ "no-selected-source", STATUS_CRITICAL, no_selected },
	{ "offset-critical", STATUS_CRITICAL, offset_crit },
	{ "offset-warning", STATUS_WARNING, offset_warn },
	{ "sources-faulty", STATUS_WARNING, sources_faulty },
	{ "local-clock", STATUS_OK, local_only },
	{ "root-dispersion", STATUS_WARNING, dispersion },
	{ "leap-pending", STATUS_WARNING, leap_pending },
	{ "clientlog-full", STATUS_WARNING, clientlog_full },
};

#define SERVER_RULES (int)(sizeof server_rules / sizeof server_rules[0])

/* Reach 0: nothing heard in the last 8 polls. */
static bool
unreachable(const struct srv_source *s, char *buf, size_t size)
{
	if (!s->v[SRC_REACH].known || s->v[SRC_REACH].count != 0)
		return false;
	SAY("unreachable: no answer in the last 8 polls (reach 0)");
	return true;
}

/* Whether s is in state st; its reason, word, into buf. */
static bool
in_state(const struct srv_source *s, enum source_state st, const char *word, char *buf, size_t size)
{
	if (!s->v[SRC_STATE].known || s->v[SRC_STATE].count != st)
		return false;
	SAY("%s", word);
	return true;
}

/* A falseticker ('x'). */
static bool
falseticker(const struct srv_source *s, char *buf, size_t size)
{
	return in_state(s, SRC_STATE_FALSETICKER, "falseticker: may be in error (x)", buf, size);
}

/* Too variable ('~'). */
static bool
jittery(const struct srv_source *s, char *buf, size_t size)
{
	return in_state(s, SRC_STATE_JITTERY, "jittery: too variable (~)", buf, size);
}

/* The selected source ('*'): marked, not a fault. */
static bool
selected(const struct srv_source *s, char *buf, size_t size)
{
	return in_state(s, SRC_STATE_SELECTED, "selected (*)", buf, size);
}

static const struct {
	const char *name;
	enum status status;
	src_test fires;
} source_rules[] = {
	{ "unreachable", STATUS_CRITICAL, unreachable },
	{ "falseticker", STATUS_WARNING, falseticker },
	{ "jittery", STATUS_WARNING, jittery },
	{ "selected", STATUS_OK, selected },
};

#define SOURCE_RULES (int)(sizeof source_rules / sizeof source_rules[0])

/* Fill lim with the defaults. */
void
health_server_limits(struct srv_limits *lim)
{
	*lim = (struct srv_limits){ HEALTH_WARN_OFFSET, HEALTH_CRIT_OFFSET, HEALTH_WARN_DISPERSION };
}

/* Add rule i of status st to v: the worst status, the first rule of it. */
static void
fire(struct srv_verdict *v, int i, enum status st)
{
	v->fired |= 1u << i;
	if (v->rule < 0 || st > v->status) {
		v->status = (uint8_t)st;
		v->rule = (int8_t)i;
	}
}

/* Judge the server in sd. */
struct srv_verdict
health_server_eval(const struct srv_limits *lim, const struct server_data *sd)
{
	struct srv_verdict v = { .known = sd->have[SRV_TRACKING], .status = STATUS_OK, .rule = -1 };

	if (!v.known)
		return v;
	for (int i = 0; i < SERVER_RULES; i++)
		if (server_rules[i].fires(lim, sd, NULL, 0))
			fire(&v, i, server_rules[i].status);
	return v;
}

/* Write the reason of server rule `rule` for sd. */
void
health_server_reason(const struct srv_limits *lim, const struct server_data *sd, int rule, char *buf, size_t size)
{
	if (rule < 0 || rule >= SERVER_RULES || !server_rules[rule].fires(lim, sd, buf, size))
		snprintf(buf, size, "within limits");
}

/* Rules of the server's table. */
int
health_server_rules(void)
{
	return SERVER_RULES;
}

/* Machine name of server rule `rule`. */
const char *
health_server_rule_name(int rule)
{
	return server_rules[rule].name;
}

/* Judge one time source. */
struct srv_verdict
health_source_eval(const struct srv_source *s)
{
	struct srv_verdict v = { .known = true, .status = STATUS_OK, .rule = -1 };

	for (int i = 0; i < SOURCE_RULES; i++)
		if (source_rules[i].fires(s, NULL, 0))
			fire(&v, i, source_rules[i].status);
	return v;
}

/* Write the reason of source rule `rule` for s. */
void
health_source_reason(const struct srv_source *s, int rule, char *buf, size_t size)
{
	if (rule < 0 || rule >= SOURCE_RULES || !source_rules[rule].fires(s, buf, size))
		snprintf(buf, size, "within limits");
}
