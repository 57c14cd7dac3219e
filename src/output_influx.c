/* output_influx.c — InfluxDB line protocol of a report. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "format.h"
#include "metric.h"
#include "output_influx.h"

#define TEXT_MAX 4096   /* a string, sanitised, at its longest */
#define NS 1000000000LL

/* Write s[0..len) sanitised, with '\' before each byte of `special`; a backslash
 * at the end as the text \x5c (InfluxDB 1.x would take it to escape the
 * separator after it). */
static void
escaped(FILE *fp, const char *s, size_t len, const char *special)
{
	char safe[TEXT_MAX];
	size_t n = fmt_sanitize(safe, sizeof safe, s, len, true);
	bool tail = n > 0 && safe[n - 1] == '\\';

	for (size_t i = 0; i < n - tail; i++) {
		if (safe[i] && strchr(special, safe[i]))
			fputc('\\', fp);
		fputc(safe[i], fp);
	}
	if (tail)
		fputs("\\x5c", fp);
}

/* Write ",key=value" for a tag; an empty value as "-" (the protocol has none). */
static void
tag(FILE *fp, const char *key, const char *s, size_t len)
{
	fprintf(fp, ",%s=", key);
	if (len == 0)
		fputc('-', fp);
	escaped(fp, s, len, ", =");
}

/* Write a string field key="value" (sep before it: ' ' first, else ','). */
static void
string_field(FILE *fp, char sep, const char *key, const char *s)
{
	fprintf(fp, "%c%s=\"", sep, key);
	escaped(fp, s, strlen(s), "\"\\");
	fputc('"', fp);
}

/* Write the measurement and its server tag. */
static void
measurement(FILE *fp, const char *name, const struct report *r)
{
	const char *srv = r->name ? r->name : r->target;

	fputs(name, fp);
	tag(fp, "server", srv, strlen(srv));
}

/* Write the summary line. */
static void
write_summary(FILE *fp, const struct report *r, long long at)
{
	size_t n[STATUS_COUNT];

	model_summary(r->m, n);
	measurement(fp, "ticctop_summary", r);
	fprintf(fp, " clients=%zui,shown=%zui,ok=%zui,warning=%zui,critical=%zui,skipped=%zui,source_up=%di",
	        model_size(r->m), r->v->n, n[STATUS_OK], n[STATUS_WARNING], n[STATUS_CRITICAL], r->skipped,
	        r->error ? 0 : 1);
	if (r->have_data)
		fprintf(fp, ",source_age=%.17g", r->age);
	if (r->error)
		string_field(fp, ',', "error", r->error);
	fprintf(fp, " %lld\n", at);
}

/* Write what a remote server said of itself, when it said anything. */
static void
write_server(FILE *fp, const struct report *r, long long at)
{
	const struct server_info *s = r->server;
	char sep = ' ';

	if (!s || !server_info_any(s))
		return;
	measurement(fp, "ticctop_server", r);
	if (s->format && s->format[0]) {
		string_field(fp, sep, "format", s->format);
		sep = ',';
	}
	if (s->have_count) {
		fprintf(fp, "%ccount=%lldi", sep, s->count);
		sep = ',';
	}
	if (s->time[0]) {
		string_field(fp, sep, "time", s->time);
		sep = ',';
	}
	string_field(fp, sep, "error", s->error);
	fprintf(fp, " %lld\n", at);
}

/* Write one line per client of the view. */
static void
write_clients(FILE *fp, const struct report *r, long long at)
{
	for (size_t i = 0; i < r->v->n; i++) {
		const struct client *c = model_at(r->m, r->v->idx[i]);
		const char *fam = family_name((enum family)c->family);
		measurement(fp, "ticctop_clients", r);
		tag(fp, "addr", c->addr, c->len);
		tag(fp, "family", fam, strlen(fam));
		string_field(fp, ' ', "status", status_name((enum status)c->verdict.status));
		fprintf(fp, ",status_code=%di", (int)c->verdict.status);
		for (int f = 0; f < FIELD_ALL; f++) {
			if (!sample_known(&c->s, f))
				continue;
			if (metric_kind(field_info(f)->kind)->whole)
				fprintf(fp, ",%s=%" PRId64 "i", field_info(f)->column, c->s.v[f]);
			else
				fprintf(fp, ",%s=%.17g", field_info(f)->column, metric_value(f, c->s.v[f]));
		}
		fprintf(fp, " %lld\n", at);
	}
}

/* Write r as line protocol. */
void
influx_write_report(FILE *fp, const struct report *r)
{
	long long data = (long long)r->time * NS;
	long long poll = ((long long)r->time + (r->have_data ? llround(r->age) : 0)) * NS;

	write_summary(fp, r, poll);
	write_server(fp, r, poll);
	if (r->have_data)
		write_clients(fp, r, data);
}
