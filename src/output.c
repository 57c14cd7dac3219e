/* output.c — text, CSV and JSON reports of the current view. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "fleet.h"
#include "format.h"
#include "output.h"
#include "output_influx.h"
#include "output_prom.h"
#include "text.h"

#define ADDR_MAX (255 * 4 + 1)   /* a sanitised address at its longest */
#define CHUNK 1024               /* bytes of a string escaped at a time */

static const char *const format_names[FORMAT_COUNT] = {
	[FORMAT_TEXT] = "text", [FORMAT_CSV] = "csv", [FORMAT_JSON] = "json",
	[FORMAT_PROM] = "prom", [FORMAT_INFLUX] = "influx",
};

static const char *const nagios_words[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

static const char *const check_names[CHECK_COUNT] = {
	[CHECK_ALL] = "all", [CHECK_CLIENTS] = "clients", [CHECK_SERVER] = "server",
};

static const char *const avail_names[SRV_AVAIL_COUNT] = {
	[SRV_AVAIL_NONE] = "none", [SRV_AVAIL_LOCAL] = "local", [SRV_AVAIL_CLIENTS_ONLY] = "clients-only",
};

/* Machine name of a format. */
const char *
output_format_name(enum out_format f)
{
	return format_names[f];
}

/* Machine name of a check scope. */
const char *
output_check_name(enum check_scope c)
{
	return check_names[c];
}

/* Whether r carries chronyd's own data (not a dashboard's clients alone). */
static bool
server_read(const struct report *r)
{
	return r->srv && r->srv->have && r->srv->data->avail == SRV_AVAIL_LOCAL;
}

/* The server's verdict in r: known false when it has none to judge. */
static struct srv_verdict
server_verdict(const struct report *r)
{
	if (!server_read(r))
		return (struct srv_verdict){ .known = false, .rule = -1 };
	return health_server_eval(r->srv->limits, r->srv->data);
}

/* The exit status r stands for. */
enum exit_status
output_status(const struct report *r)
{
	size_t n[STATUS_COUNT];
	struct srv_verdict sv = server_verdict(r);
	enum exit_status st;

	if (r->error || !r->have_data)
		return EXIT_UNKNOWN;
	if (r->check == CHECK_SERVER)
		return sv.known ? (enum exit_status)sv.status : EXIT_UNKNOWN;
	model_summary(r->m, n);
	st = n[STATUS_CRITICAL] ? EXIT_CRITICAL : n[STATUS_WARNING] ? EXIT_WARNING : EXIT_OK;
	if (r->check != CHECK_ALL || !server_read(r)) /* a dashboard's clients alone, or nothing of chronyd's yet */
		return st;
	if (!sv.known) /* chronyd's data came without its tracking */
		return st == EXIT_OK ? EXIT_UNKNOWN : st; /* (a warning or critical says more) */
	return (enum exit_status)sv.status > st ? (enum exit_status)sv.status : st;
}

/* Write code point c as a JSON \u escape (a surrogate pair above U+FFFF). */
static void
json_escape_cp(FILE *fp, uint32_t c)
{
	if (c > 0xffff) {
		c -= 0x10000;
		fprintf(fp, "\\u%04x\\u%04x", 0xd800 + (unsigned)(c >> 10), 0xdc00 + (unsigned)(c & 0x3ff));
	} else {
		fprintf(fp, "\\u%04x", (unsigned)c);
	}
}

/* Write s as a JSON string of its sanitised text (what fmt_sanitize shows,
 * e.g. ESC as the four characters \x1b), pure ASCII: '"' and '\' escaped,
 * every other character beyond ASCII as \uXXXX, so that no byte of the
 * report can be a control on any terminal, UTF-8 or not. */
static void
json_string(FILE *fp, const char *s, size_t len)
{
	char safe[CHUNK * 4 + 1];

	fputc('"', fp);
	while (len > 0) {
		size_t chunk = len > CHUNK ? CHUNK : len;
		for (int back = 0; back < 3 && chunk < len && chunk > 1 && ((unsigned char)s[chunk] & 0xc0) == 0x80; back++)
			chunk--; /* never cut a UTF-8 sequence (at most 4 bytes) */
		size_t n = fmt_sanitize(safe, sizeof safe, s, chunk, true);
		for (size_t i = 0; i < n;) {
			const unsigned char *c = (const unsigned char *)safe + i;
			uint32_t cp;
			size_t k = *c < 0x80 ? 1 : fmt_utf8_decode(c, n - i, &cp);
			if (*c >= 0x80)
				json_escape_cp(fp, cp); /* fmt_sanitize left only valid UTF-8 */
			else if (*c == '"' || *c == '\\')
				fprintf(fp, "\\%c", *c);
			else
				fputc(*c, fp); /* and no control character */
			i += k;
		}
		s += chunk;
		len -= chunk;
	}
	fputc('"', fp);
}

/* Write a value of field f, or null. */
static void
json_value(FILE *fp, const struct sample *s, int f)
{
	char num[32];

	fputs(field_number(num, sizeof num, s, f) ? num : "null", fp);
}

/* Write time t as the JSON string of its UTC time ("2026-11-22T03:24:58Z"). */
static void
json_time(FILE *fp, time_t t)
{
	char when[32];

	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	fprintf(fp, "\"%s\"", when);
}

/* The wall clock of model clock time t: the model's clock is the last
 * poll's, age seconds after the data's wall clock. */
static time_t
wall_of(const struct report *r, double t)
{
	return r->time + (time_t)llround(r->age - (model_clock(r->m) - t));
}

/* The first field of f's group, in table order. */
static int
first_of_group(int f)
{
	for (int g = 0; g < f; g++)
		if (strcmp(field_info(g)->group, field_info(f)->group) == 0)
			return g;
	return f;
}

/* Write one client as a JSON object: a sub-object per field group. */
static void
json_client(FILE *fp, const struct report *r, const struct client *c)
{
	char reason[128];

	health_reason(r->h, c->verdict, &c->s, reason, sizeof reason);
	fputs("{\"addr\":", fp);
	json_string(fp, c->addr, c->len);
	fprintf(fp, ",\"family\":\"%s\",\"shared_name\":%s,\"status\":\"%s\",\"reason\":",
	        family_name((enum family)c->family), c->shared ? "true" : "false",
	        status_name((enum status)c->verdict.status));
	json_string(fp, reason, strlen(reason));
	const char *state = client_state_name((enum client_state)c->state);
	fprintf(fp, ",\"state\":%s%s%s,\"first_seen\":", state ? "\"" : "", state ? state : "null", state ? "\"" : "");
	if (c->first_seen >= 0)
		json_time(fp, wall_of(r, c->first_seen));
	else
		fputs("null", fp);
	for (int g = 0; g < FIELD_ALL; g++) {
		const char *group = field_info(g)->group;
		if (first_of_group(g) != g)
			continue; /* each group once, where it first appears */
		fprintf(fp, ",\"%s\":{", group);
		for (int f = g; f < FIELD_ALL; f++) {
			if (strcmp(field_info(f)->group, group) != 0)
				continue;
			fprintf(fp, "%s\"%s\":", f == g ? "" : ",", field_info(f)->name);
			json_value(fp, &c->s, f);
		}
		fputc('}', fp);
	}
	fputc('}', fp);
}

/* Write s, or null when it is empty. */
static void
json_string_or_null(FILE *fp, const char *s)
{
	if (s[0])
		json_string(fp, s, strlen(s));
	else
		fputs("null", fp);
}

/* Write what a remote server said about itself as "server":{...}; nothing
 * when it said nothing (local sources, or no answer). */
static void
json_server(FILE *fp, const struct server_info *srv)
{
	if (!srv || ((!srv->format || !srv->format[0]) && !srv->time[0] && !srv->error[0]))
		return;
	fputs(",\"server\":{\"format\":", fp);
	json_string_or_null(fp, srv->format ? srv->format : "");
	fputs(",\"time\":", fp);
	json_string_or_null(fp, srv->time);
	if (srv->have_count)
		fprintf(fp, ",\"count\":%lld", srv->count);
	else
		fputs(",\"count\":null", fp);
	fputs(",\"error\":", fp);
	json_string_or_null(fp, srv->error);
	fputc('}', fp);
}

/* Write v as the shortest decimal that reads back as v (numbers are in
 * C's notation while a report is written, see output_write). */
static void
json_real(FILE *fp, double v)
{
	char b[40];

	for (int p = 1; p <= 17; p++) {
		snprintf(b, sizeof b, "%.*g", p, v);
		if (strtod(b, NULL) == v)
			break;
	}
	fputs(b, fp);
}

/* Write value v of field fi as JSON (null when unknown); a word's name, and
 * for a symbol (a source's mode and state) "<key>_symbol" too. */
static void
json_srv_value(FILE *fp, const struct srv_field *fi, const struct srv_value *v)
{
	fprintf(fp, "\"%s\":", fi->key);
	if (!v->known)
		fputs("null", fp);
	else if (fi->kind == SK_REAL || fi->kind == SK_INT)
		json_real(fp, v->num);
	else if (fi->kind == SK_COUNT || fi->kind == SK_OCTAL)
		fprintf(fp, "%" PRIu64, v->count);
	else if (fi->kind == SK_BOOL)
		fputs(v->count ? "true" : "false", fp);
	else if (fi->kind == SK_WORD)
		json_string(fp, fi->names[v->count], strlen(fi->names[v->count]));
	else
		json_string(fp, v->text, strlen(v->text));
	if (fi->kind == SK_WORD && fi->names != fi->words) {
		fprintf(fp, ",\"%s_symbol\":", fi->key);
		if (v->known)
			json_string(fp, fi->words[v->count], strlen(fi->words[v->count]));
		else
			fputs("null", fp);
	}
}

/* Write "key":{...} of report rep's fields vals[0..n), or null when have is false. */
static void
json_srv_record(FILE *fp, const char *key, enum srv_report rep, const struct srv_value *vals, bool have)
{
	fprintf(fp, ",\"%s\":", key);
	if (!have) {
		fputs("null", fp);
		return;
	}
	fputc('{', fp);
	for (int f = 0; f < srv_field_count(rep); f++) {
		if (f)
			fputc(',', fp);
		json_srv_value(fp, srv_field(rep, f), &vals[f]);
	}
	fputc('}', fp);
}

/* Write ,"rates":{...} (counts a second of serverstats' counters), or null. */
static void
json_srv_rates(FILE *fp, const struct srv_rates *rates)
{
	bool first = true;

	fputs(",\"rates\":", fp);
	if (!rates) {
		fputs("null", fp);
		return;
	}
	fputc('{', fp);
	for (int f = 0; f < SST_COUNT; f++) {
		if (srv_field(SRV_SERVERSTATS, f)->gauge)
			continue;
		fprintf(fp, "%s\"%s\":", first ? "" : ",", srv_field(SRV_SERVERSTATS, f)->key);
		first = false;
		if (rates->known[f])
			json_real(fp, rates->v[f]);
		else
			fputs("null", fp);
	}
	fputc('}', fp);
}

/* Write ,"status":…,"reason":…,"reasons":[…] of the server's verdict sv. */
static void
json_srv_verdict(FILE *fp, const struct report *r, struct srv_verdict sv)
{
	char why[400];

	if (!sv.known) {
		fputs(",\"status\":null,\"reason\":null,\"reasons\":[]", fp);
		return;
	}
	health_server_reason(r->srv->limits, r->srv->data, sv.rule, why, sizeof why);
	fprintf(fp, ",\"status\":\"%s\",\"reason\":", status_name((enum status)sv.status));
	json_string(fp, why, strlen(why));
	fputs(",\"reasons\":[", fp);
	for (int i = 0, n = 0; i < health_server_rules(); i++) {
		if (!(sv.fired >> i & 1))
			continue;
		health_server_reason(r->srv->limits, r->srv->data, i, why, sizeof why);
		fprintf(fp, "%s{\"rule\":\"%s\",\"reason\":", n++ ? "," : "", health_server_rule_name(i));
		json_string(fp, why, strlen(why));
		fputc('}', fp);
	}
	fputc(']', fp);
}

/* Write ,"sources":[…]: each source's fields, status and reason; null when none came. */
static void
json_srv_sources(FILE *fp, const struct server_data *sd)
{
	char why[128];

	fputs(",\"sources\":", fp);
	if (!sd->have[SRV_SOURCES]) {
		fputs("null", fp);
		return;
	}
	fputc('[', fp);
	for (size_t i = 0; i < sd->nsources; i++) {
		const struct srv_source *s = &sd->sources[i];
		struct srv_verdict v = health_source_eval(s);
		health_source_reason(s, v.rule, why, sizeof why);
		fprintf(fp, "%s\n{\"status\":\"%s\",\"reason\":", i ? "," : "", status_name((enum status)v.status));
		json_string(fp, why, strlen(why));
		for (int f = 0; f < SRC_COUNT; f++) {
			fputc(',', fp);
			json_srv_value(fp, srv_field(SRV_SOURCES, f), &s->v[f]);
		}
		fputc('}', fp);
	}
	fputc(']', fp);
}

/* Write ,"server":{…}: the server itself (its reports, verdict and sources),
 * or what its source offers instead; nothing without r->srv. */
static void
json_server_data(FILE *fp, const struct report *r)
{
	const struct report_server *rs = r->srv;
	const struct server_data *sd;

	if (!rs)
		return;
	sd = rs->data;
	fprintf(fp, ",\"server\":{\"available\":\"%s\",\"note\":", avail_names[rs->have ? sd->avail : SRV_AVAIL_NONE]);
	json_string_or_null(fp, sd->note);
	if (rs->have && sd->avail == SRV_AVAIL_LOCAL)
		fprintf(fp, ",\"age\":%.1f,\"stale\":%s", rs->age, rs->stale ? "true" : "false");
	else
		fputs(",\"age\":null,\"stale\":null", fp);
	fprintf(fp, ",\"clock_stopped\":%s,\"count_warning\":", rs->clock_stopped ? "true" : "false");
	json_string_or_null(fp, rs->count_warning ? rs->count_warning : "");
	json_srv_verdict(fp, r, server_verdict(r));
	json_srv_record(fp, "tracking", SRV_TRACKING, sd->tracking.v, sd->have[SRV_TRACKING]);
	json_srv_record(fp, "serverstats", SRV_SERVERSTATS, sd->serverstats.v, sd->have[SRV_SERVERSTATS]);
	json_srv_rates(fp, sd->have[SRV_SERVERSTATS] ? rs->rates : NULL);
	json_srv_record(fp, "activity", SRV_ACTIVITY, sd->activity.v, sd->have[SRV_ACTIVITY]);
	json_srv_sources(fp, sd);
	fprintf(fp, ",\"sources_dropped\":%zu,\"ntpdata_for\":", sd->sources_dropped);
	json_string_or_null(fp, sd->ntpdata_for);
	fputs(",\"ntpdata_error\":", fp);
	json_string_or_null(fp, sd->ntpdata_error);
	json_srv_record(fp, "ntpdata", SRV_NTPDATA, sd->ntpdata.v, sd->have[SRV_NTPDATA]);
	fputc('}', fp);
}

/* What reports r[0..nr) add up to: clients by status, total, shown, and the
 * rate totals (summed, known only when every server's are; restarted when
 * one was, at the latest restart's wall time). */
struct sums {
	size_t n[STATUS_COUNT], total, shown;
	struct rate_totals t;
	time_t restart;
};

/* Add up reports r[0..nr) into s. */
static void
sum_reports(const struct report *r, size_t nr, struct sums *s)
{
	memset(s, 0, sizeof *s);
	s->t.known = nr > 0;
	for (size_t i = 0; i < nr; i++) {
		size_t n[STATUS_COUNT];
		struct rate_totals t;

		model_summary(r[i].m, n);
		for (int k = 0; k < STATUS_COUNT; k++)
			s->n[k] += n[k];
		s->total += model_size(r[i].m);
		s->shown += r[i].v->n;
		model_rate_totals(r[i].m, &t);
		s->t.known = s->t.known && t.known;
		s->t.ntp += t.ntp;
		s->t.drops += t.drops;
		s->t.cmd += t.cmd;
		s->t.new_clients += t.new_clients;
		s->t.gone_clients += t.gone_clients;
		s->t.reset_clients += t.reset_clients;
		if (t.restarted && (!s->t.restarted || wall_of(&r[i], t.restart_time) > s->restart))
			s->restart = wall_of(&r[i], t.restart_time);
		s->t.restarted = s->t.restarted || t.restarted;
	}
}

/* Write r's source object: kind, target, ok, error, skipped, age (and
 * what the server said about itself when with_server). */
static void
json_source(FILE *fp, const struct report *r, bool with_server)
{
	fputs("{\"kind\":", fp);
	json_string(fp, r->kind, strlen(r->kind));
	fputs(",\"target\":", fp);
	json_string(fp, r->target, strlen(r->target));
	fprintf(fp, ",\"ok\":%s,\"error\":", r->error ? "false" : "true");
	if (r->error)
		json_string(fp, r->error, strlen(r->error));
	else
		fputs("null", fp);
	fprintf(fp, ",\"skipped\":%zu", r->skipped);
	if (r->have_data)
		fprintf(fp, ",\"age\":%.1f", r->age);
	else
		fputs(",\"age\":null", fp);
	if (with_server)
		json_server(fp, r->server);
	fputc('}', fp);
}

/* Write the summary object of reports r[0..nr) (one server's, or a
 * fleet's): total, shown, the count per status, "rate" (per second over the
 * last interval, null before two answers: a fleet's only when every server's
 * is known), "new", "gone", "reset", "restarted" (when chronyd was seen
 * restarting, or null) and "judge". */
static void
json_summary(FILE *fp, const struct report *r, size_t nr)
{
	struct sums s;

	sum_reports(r, nr, &s);
	fprintf(fp, "{\"total\":%zu,\"shown\":%zu,\"ok\":%zu,\"warning\":%zu,\"critical\":%zu,", s.total,
	        s.shown, s.n[STATUS_OK], s.n[STATUS_WARNING], s.n[STATUS_CRITICAL]);
	if (s.t.known)
		fprintf(fp, "\"rate\":{\"ntp\":%.3f,\"drops\":%.3f,\"cmd\":%.3f}", s.t.ntp, s.t.drops, s.t.cmd);
	else
		fputs("\"rate\":{\"ntp\":null,\"drops\":null,\"cmd\":null}", fp);
	fprintf(fp, ",\"new\":%zu,\"gone\":%zu,\"reset\":%zu,\"restarted\":", s.t.new_clients,
	        s.t.gone_clients, s.t.reset_clients);
	if (s.t.restarted)
		json_time(fp, s.restart);
	else
		fputs("null", fp);
	fprintf(fp, ",\"judge\":\"%s\"}", judge_name(r->h->judge));
}

/* Write r's shown clients as a JSON array, one per line. */
static void
json_clients(FILE *fp, const struct report *r)
{
	fputc('[', fp);
	for (size_t i = 0; i < r->v->n; i++) {
		if (i)
			fputc(',', fp);
		fputc('\n', fp);
		json_client(fp, r, model_at(r->m, r->v->idx[i]));
	}
	fputs("\n]", fp);
}

/* Write r (one report; nr is 1) as the documented JSON document. */
static void
write_json(FILE *fp, const struct report *r, size_t nr)
{
	fputs("{\"ticctop\":1,\"time\":", fp);
	json_time(fp, r->time);
	fputs(",\"source\":", fp);
	json_source(fp, r, true);
	fputs(",\"summary\":", fp);
	json_summary(fp, r, 1);
	fputs(",\"clients\":", fp);
	json_clients(fp, r);
	json_server_data(fp, r);
	fputs("}\n", fp);
}

/* Write a fleet r[0..nr) as one JSON document: the summary of all, then
 * each server's name, source, summary, clients and what it said about itself. */
static void
write_json_fleet(FILE *fp, const struct report *r, size_t nr)
{
	fputs("{\"ticctop\":1,\"time\":", fp);
	json_time(fp, time(NULL));
	fputs(",\"summary\":", fp);
	json_summary(fp, r, nr);
	fputs(",\"servers\":[", fp);
	for (size_t i = 0; i < nr; i++) {
		fputs(i ? ",\n{\"name\":" : "\n{\"name\":", fp);
		json_string(fp, r[i].name, strlen(r[i].name));
		fputs(",\"time\":", fp);
		json_time(fp, r[i].time);
		fputs(",\"source\":", fp);
		json_source(fp, &r[i], false);
		fputs(",\"summary\":", fp);
		json_summary(fp, &r[i], 1);
		fputs(",\"clients\":", fp);
		json_clients(fp, &r[i]);
		json_server(fp, r[i].server);
		fputc('}', fp);
	}
	fputs("\n]}\n", fp);
}

/* Write one CSV field: sanitised (beyond ASCII only for a UTF-8 terminal),
 * quoted when it holds , or ". */
static void
csv_field(FILE *fp, const char *s, size_t len, bool utf8)
{
	char safe[ADDR_MAX];
	size_t n = fmt_sanitize(safe, sizeof safe, s, len, utf8);

	if (!strpbrk(safe, ",\"")) {
		fwrite(safe, 1, n, fp);
		return;
	}
	fputc('"', fp);
	for (size_t i = 0; i < n; i++) {
		if (safe[i] == '"')
			fputc('"', fp);
		fputc(safe[i], fp);
	}
	fputc('"', fp);
}

/* Write r (one report; nr is 1) as CSV: a header (the first report of a stream only), then a row
 * per shown client (led by the server's name in a fleet), unknown values empty; each row ends with the report's
 * time, age and whether the data is stale (the last poll failed). */
static void
write_csv(FILE *fp, const struct report *r, size_t nr)
{
	char reason[128], when[32], tail[64], val[32];

	if (!r->continued) {
		fputs(r->name ? "server,addr,family,status,reason" : "addr,family,status,reason", fp);
		for (int f = 0; f < FIELD_ALL; f++)
			fprintf(fp, ",%s", field_info(f)->column);
		fputs(",state,first_seen,time,age,stale\r\n", fp);
	}
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&r->time));
	snprintf(tail, sizeof tail, ",%s,%.1f,%s\r\n", when, r->age, r->error ? "true" : "false");
	for (size_t i = 0; i < r->v->n; i++) {
		const struct client *c = model_at(r->m, r->v->idx[i]);
		health_reason(r->h, c->verdict, &c->s, reason, sizeof reason);
		if (r->name) {
			csv_field(fp, r->name, strlen(r->name), r->utf8);
			fputc(',', fp);
		}
		csv_field(fp, c->addr, c->len, r->utf8);
		fprintf(fp, ",%s,%s,", family_name((enum family)c->family), status_name((enum status)c->verdict.status));
		csv_field(fp, reason, strlen(reason), r->utf8);
		for (int f = 0; f < FIELD_ALL; f++) {
			field_number(val, sizeof val, &c->s, f);
			fprintf(fp, ",%s", val);
		}
		const char *state = client_state_name((enum client_state)c->state);
		fprintf(fp, ",%s,", state ? state : "");
		if (c->first_seen >= 0) {
			time_t fs = wall_of(r, c->first_seen);
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&fs));
			fputs(when, fp);
		}
		fputs(tail, fp);
	}
}

/* Write the server's part of the status line: " - server warning: why; why"
 * (every rule that fired), or that it is not there when --check server. */
static void
text_server_status(FILE *fp, const struct report *r, struct srv_verdict sv, const char *sep)
{
	char why[400], safe[sizeof why * 4];

	if (!sv.known) {
		const char *note = r->srv && r->srv->have && r->srv->data->note[0] ? r->srv->data->note
		                                                                   : "chronyd gave no tracking";
		fmt_sanitize(safe, sizeof safe, note, strlen(note), r->utf8);
		fprintf(fp, "%sserver: not available: %s", sep, safe);
		return;
	}
	fprintf(fp, "%sserver %s", sep, status_name((enum status)sv.status));
	for (int i = 0, n = 0; i < health_server_rules(); i++) {
		if (!(sv.fired >> i & 1))
			continue;
		health_server_reason(r->srv->limits, r->srv->data, i, why, sizeof why);
		fmt_sanitize(safe, sizeof safe, why, strlen(why), r->utf8);
		fprintf(fp, "%s%s", n++ ? "; " : ": ", safe);
	}
}

/* Write the server's perfdata: its offset against the bounds, stratum, root dispersion. */
static void
text_server_perfdata(FILE *fp, const struct report *r)
{
	const struct srv_value *v = r->srv->data->tracking.v;

	if (v[TRK_SYSTEM_TIME].known)
		fprintf(fp, " offset=%.9fs;%.9f;%.9f", v[TRK_SYSTEM_TIME].num, r->srv->limits->warn_offset,
		        r->srv->limits->crit_offset);
	if (v[TRK_STRATUM].known)
		fprintf(fp, " stratum=%.0f", v[TRK_STRATUM].num);
	if (v[TRK_ROOT_DISPERSION].known)
		fprintf(fp, " root_dispersion=%.9fs;%.9f", v[TRK_ROOT_DISPERSION].num, r->srv->limits->warn_dispersion);
}

/* Write the label and value of each of report rep's known fields vals[0..n), a line each. */
static void
text_srv_record(FILE *fp, const struct report *r, enum srv_report rep, const struct srv_value *vals,
                const struct srv_rates *rates)
{
	char val[64], safe[sizeof val * 4];

	for (int f = 0; f < srv_field_count(rep); f++) {
		const struct srv_field *fi = srv_field(rep, f);
		if (!vals[f].known)
			continue;
		srv_value_text(val, sizeof val, fi, &vals[f]);
		fmt_sanitize(safe, sizeof safe, val, strlen(val), r->utf8);
		fprintf(fp, "  %-40s %s", fi->label, safe);
		if (rates && rates->known[f]) {
			fmt_decimal(val, sizeof val, rates->v[f], 1, "/s");
			fprintf(fp, " (%s)", val);
		}
		fputc('\n', fp);
	}
}

/* Write the sources as a table: status, then every field. */
static void
text_srv_sources(FILE *fp, const struct report *r, const struct server_data *sd)
{
	char val[64], safe[sizeof val * 4];
	size_t width[SRC_COUNT];

	for (int f = 0; f < SRC_COUNT; f++) {
		width[f] = strlen(srv_field(SRV_SOURCES, f)->label);
		for (size_t i = 0; i < sd->nsources; i++) {
			size_t n = srv_value_text(val, sizeof val, srv_field(SRV_SOURCES, f), &sd->sources[i].v[f]);
			n = fmt_sanitize(safe, sizeof safe, val, n, r->utf8);
			if (text_width(safe, n) > width[f])
				width[f] = text_width(safe, n);
		}
	}
	fprintf(fp, "%-8s", "STATUS");
	for (int f = 0; f < SRC_COUNT; f++)
		fprintf(fp, " %-*s", (int)width[f], srv_field(SRV_SOURCES, f)->label);
	fputc('\n', fp);
	for (size_t i = 0; i < sd->nsources; i++) {
		fprintf(fp, "%-8s", status_name((enum status)health_source_eval(&sd->sources[i]).status));
		for (int f = 0; f < SRC_COUNT; f++) {
			size_t n = srv_value_text(val, sizeof val, srv_field(SRV_SOURCES, f), &sd->sources[i].v[f]);
			n = fmt_sanitize(safe, sizeof safe, val, n, r->utf8);
			size_t w = text_width(safe, n);
			fprintf(fp, " %s%*s", safe, (int)(w < width[f] ? width[f] - w : 0), "");
		}
		fputc('\n', fp);
	}
}

/* Write the server's own data after the clients: its reports and sources,
 * or the one line saying what its source offers instead. */
static void
text_server(FILE *fp, const struct report *r)
{
	const struct server_data *sd = r->srv->data;
	char safe[SRV_NOTE_MAX * 4];

	if (!r->srv->have || sd->avail != SRV_AVAIL_LOCAL) {
		const char *note = r->srv->have && sd->note[0] ? sd->note : "no server data";
		fmt_sanitize(safe, sizeof safe, note, strlen(note), r->utf8);
		fprintf(fp, "\nSERVER: %s\n", safe);
		return;
	}
	fprintf(fp, "\nSERVER%s\n", r->srv->stale ? " (stale)" : "");
	if (sd->note[0]) { /* a report missing or bad */
		fmt_sanitize(safe, sizeof safe, sd->note, strlen(sd->note), r->utf8);
		fprintf(fp, "  Note: %s\n", safe);
	}
	text_srv_record(fp, r, SRV_TRACKING, sd->tracking.v, NULL);
	text_srv_record(fp, r, SRV_SERVERSTATS, sd->serverstats.v, r->srv->rates);
	text_srv_record(fp, r, SRV_ACTIVITY, sd->activity.v, NULL);
	if (sd->have[SRV_SOURCES]) {
		fputs("\nSOURCES\n", fp);
		text_srv_sources(fp, r, sd);
	}
}

/* Write r (one report; nr is 1) for people: a Nagios-style status line, then aligned columns. */
static void
write_text(FILE *fp, const struct report *r, size_t nr)
{
	size_t n[STATUS_COUNT], width = 7;
	char addr[ADDR_MAX], val[32];
	struct rate_totals t;
	enum exit_status st = output_status(r);
	struct srv_verdict sv = server_verdict(r);
	bool clients = r->check != CHECK_SERVER,
	     server = r->check == CHECK_SERVER || (r->check == CHECK_ALL && server_read(r));

	if (r->error) { /* the reason, and no stale rows (Nagios reads the first line) */
		fmt_sanitize(addr, sizeof addr, r->error, strlen(r->error), r->utf8);
		fprintf(fp, "TICCTOP UNKNOWN - %s\n", addr);
		return;
	}
	model_summary(r->m, n);
	model_rate_totals(r->m, &t);
	fprintf(fp, "TICCTOP %s - ", nagios_words[st]);
	if (clients) {
		fprintf(fp, "%zu client%s: %zu ok, %zu warning, %zu critical", model_size(r->m),
		        model_size(r->m) == 1 ? "" : "s", n[STATUS_OK], n[STATUS_WARNING], n[STATUS_CRITICAL]);
		if (t.new_clients)
			fprintf(fp, ", +%zu new", t.new_clients);
		if (t.gone_clients)
			fprintf(fp, ", -%zu gone", t.gone_clients);
		if (r->v->n != model_size(r->m))
			fprintf(fp, " (shown %zu)", r->v->n);
		if (r->skipped && r->skip_note) {
			fmt_sanitize(addr, sizeof addr, r->skip_note, strlen(r->skip_note), r->utf8);
			fprintf(fp, " - %s", addr);
		}
	}
	if (server)
		text_server_status(fp, r, sv, clients ? " - " : "");
	fputs(" |", fp);
	if (clients) {
		fprintf(fp, " clients=%zu ok=%zu warning=%zu critical=%zu new=%zu gone=%zu", model_size(r->m),
		        n[STATUS_OK], n[STATUS_WARNING], n[STATUS_CRITICAL], t.new_clients, t.gone_clients);
		if (t.known)
			fprintf(fp, " ntp_rate=%.3f drop_rate=%.3f cmd_rate=%.3f", t.ntp, t.drops, t.cmd);
	}
	if (server && sv.known)
		text_server_perfdata(fp, r);
	fputc('\n', fp);
	if (!r->have_data)
		return;
	if (clients) {
		for (size_t i = 0; i < r->v->n; i++) {
			const struct client *c = model_at(r->m, r->v->idx[i]);
			size_t bytes = fmt_sanitize(addr, sizeof addr, c->addr, c->len, r->utf8), w = text_width(addr, bytes);
			if (w > width)
				width = w > 40 ? 40 : w;
		}
		fprintf(fp, "%-8s %-*s", "STATUS", (int)width, "ADDRESS");
		for (int f = 0; f < FIELD_ALL; f++)
			fprintf(fp, " %9s", field_info(f)->head);
		fprintf(fp, " %-5s %9s\n", "State", "Seen");
		for (size_t i = 0; i < r->v->n; i++) {
			const struct client *c = model_at(r->m, r->v->idx[i]);
			size_t bytes = fmt_sanitize(addr, sizeof addr, c->addr, c->len, r->utf8), w = text_width(addr, bytes);
			fprintf(fp, "%-8s %s%*s", status_name((enum status)c->verdict.status), addr,
			        (int)(w < width ? width - w : 0), "");
			for (int f = 0; f < FIELD_ALL; f++) {
				field_text(val, sizeof val, &c->s, f, STYLE_REPORT);
				fprintf(fp, " %9s", val);
			}
			const char *state = client_state_name((enum client_state)c->state);
			fmt_duration(val, sizeof val, (int64_t)(model_clock(r->m) - c->first_seen));
			fprintf(fp, " %-5s %9s\n", state ? state : "-", c->first_seen >= 0 ? val : "-");
		}
	}
	if (r->srv && r->check != CHECK_CLIENTS && (r->srv->have || r->check == CHECK_SERVER))
		text_server(fp, r);
}

/* The fleet's exit status: the worst of its servers' (fleet.h's rule). */
enum exit_status
output_fleet_status(const struct report *r, size_t nr)
{
	enum exit_status st[OUTPUT_MAX_SERVERS] = { EXIT_OK }; /* (gcc cannot see that nr bounds the reads) */

	for (size_t i = 0; i < nr && i < OUTPUT_MAX_SERVERS; i++)
		st[i] = output_status(&r[i]);
	return fleet_worst(st, nr < OUTPUT_MAX_SERVERS ? nr : OUTPUT_MAX_SERVERS);
}

/* Write a fleet for people: one status line for all (the worst state, the
 * clients of all, the servers that failed by name), then each server's
 * name and target and its own report. */
static void
write_text_fleet(FILE *fp, const struct report *r, size_t nr)
{
	size_t failed = 0;
	char safe[ADDR_MAX];
	struct sums s;

	sum_reports(r, nr, &s);
	for (size_t i = 0; i < nr; i++)
		failed += output_status(&r[i]) == EXIT_UNKNOWN;
	fprintf(fp, "TICCTOP %s - %zu servers, %zu client%s: %zu ok, %zu warning, %zu critical",
	        nagios_words[output_fleet_status(r, nr)], nr, s.total, s.total == 1 ? "" : "s", s.n[STATUS_OK],
	        s.n[STATUS_WARNING], s.n[STATUS_CRITICAL]);
	if (s.t.new_clients)
		fprintf(fp, ", +%zu new", s.t.new_clients);
	if (s.t.gone_clients)
		fprintf(fp, ", -%zu gone", s.t.gone_clients);
	for (size_t i = 0, k = 0; i < nr; i++)
		if (output_status(&r[i]) == EXIT_UNKNOWN) {
			fmt_sanitize(safe, sizeof safe, r[i].name, strlen(r[i].name), r[i].utf8);
			fprintf(fp, "%s%s", k++ ? ", " : "; UNKNOWN: ", safe);
		}
	fprintf(fp, " | servers=%zu failed=%zu clients=%zu ok=%zu warning=%zu critical=%zu new=%zu gone=%zu", nr,
	        failed, s.total, s.n[STATUS_OK], s.n[STATUS_WARNING], s.n[STATUS_CRITICAL], s.t.new_clients,
	        s.t.gone_clients);
	if (s.t.known)
		fprintf(fp, " ntp_rate=%.3f drop_rate=%.3f cmd_rate=%.3f", s.t.ntp, s.t.drops, s.t.cmd);
	fputc('\n', fp);
	for (size_t i = 0; i < nr; i++) {
		fmt_sanitize(safe, sizeof safe, r[i].name, strlen(r[i].name), r[i].utf8);
		fprintf(fp, "\n== %s ", safe);
		fmt_sanitize(safe, sizeof safe, r[i].target, strlen(r[i].target), r[i].utf8);
		fprintf(fp, "(%s)\n", safe);
		write_text(fp, &r[i], 1);
	}
}

/* Write each server's CSV rows, one header for the stream. */
static void
write_csv_fleet(FILE *fp, const struct report *r, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		struct report one = r[i];
		one.continued = r[0].continued || i > 0;
		write_csv(fp, &one, 1);
	}
}

/* The calling thread's locale with C's numbers (a decimal point, no
 * grouping), or (locale_t)0 when out of memory. */
static locale_t
machine_numbers(void)
{
	locale_t base = duplocale(LC_GLOBAL_LOCALE), c = (locale_t)0;

	if (base && !(c = newlocale(LC_NUMERIC_MASK, "C", base)))
		freelocale(base);
	return c;
}

/* Run write(fp, r, nr) with numbers in C's notation under any locale
 * (LC_CTYPE still says how wide a name is); false (errno set) when the
 * stream failed. */
static bool
write_in_c(FILE *fp, void (*write)(FILE *, const struct report *, size_t), const struct report *r, size_t nr)
{
	locale_t c = machine_numbers();
	locale_t old = c ? uselocale(c) : (locale_t)0;

	write(fp, r, nr);
	bool ok = fflush(fp) == 0 && !ferror(fp);
	int e = errno;
	if (c) {
		uselocale(old);
		freelocale(c);
	}
	errno = e;
	return ok;
}

/* Write each of r[0..nr) as InfluxDB lines (a server's lines carry its name). */
static void
write_influx(FILE *fp, const struct report *r, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		influx_write_report(fp, &r[i]);
}

/* Write one report of r in format f. */
bool
output_write(FILE *fp, enum out_format f, const struct report *r)
{
	static void (*const writers[FORMAT_COUNT])(FILE *, const struct report *, size_t) = {
		[FORMAT_TEXT] = write_text, [FORMAT_CSV] = write_csv, [FORMAT_JSON] = write_json,
		[FORMAT_PROM] = prom_write, [FORMAT_INFLUX] = write_influx,
	};

	return write_in_c(fp, writers[f], r, 1);
}

/* Write one report of the fleet r[0..nr) in format f. */
bool
output_write_fleet(FILE *fp, enum out_format f, const struct report *r, size_t nr)
{
	static void (*const writers[FORMAT_COUNT])(FILE *, const struct report *, size_t) = {
		[FORMAT_TEXT] = write_text_fleet, [FORMAT_CSV] = write_csv_fleet, [FORMAT_JSON] = write_json_fleet,
		[FORMAT_PROM] = prom_write, [FORMAT_INFLUX] = write_influx,
	};

	return write_in_c(fp, writers[f], r, nr);
}

/* Clients of r[0..nr) that format f leaves out. */
size_t
output_omitted(enum out_format f, const struct report *r, size_t nr)
{
	return f == FORMAT_PROM ? prom_omitted(r, nr) : 0;
}
