/* output_prom.c — Prometheus text exposition of one or more servers' reports. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "metric.h"
#include "output_prom.h"

#define LABEL_MAX 4096                 /* a label value, sanitised, at its longest */
#define CLIENT_SERIES (1 + FIELD_ALL)   /* status and every field, at most */

/* One exposition being written: the reports and how many clients of each fit. */
struct prom {
	const struct report *r;
	size_t n;
	size_t *kept;      /* clients of r[i]'s view written */
	size_t omitted;    /* clients left out, all reports */
};

/* A family of per-server series: n series each, value() gives series i
 * (false: none, e.g. an age before any data) and its extra label's value. */
struct server_family {
	const char *name, *type, *help;
	const char *label;        /* the extra label's name, NULL: none */
	size_t n;
	bool (*value)(const struct prom *p, size_t srv, size_t i, const char **lv, double *v);
};

/* The server label of report r. */
static const char *
server_name(const struct report *r)
{
	return r->name ? r->name : r->target;
}

/* Clients, whatever their status. */
static bool
v_clients(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	(void)i, (void)lv;
	*v = (double)model_size(p->r[srv].m);
	return true;
}

/* Clients of status i. */
static bool
v_by_status(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	size_t n[STATUS_COUNT];

	model_summary(p->r[srv].m, n);
	*lv = status_name((enum status)i);
	*v = (double)n[i];
	return true;
}

/* 1 when the last poll succeeded. */
static bool
v_up(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	(void)i, (void)lv;
	*v = p->r[srv].error ? 0 : 1;
	return true;
}

/* Seconds since the data was read; none before any. */
static bool
v_age(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	(void)i, (void)lv;
	*v = p->r[srv].age;
	return p->r[srv].have_data;
}

/* Lines of the last answer that were not client rows. */
static bool
v_skipped(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	(void)i, (void)lv;
	*v = (double)p->r[srv].skipped;
	return true;
}

/* Clients of the view left out by the series limit. */
static bool
v_omitted(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	(void)i, (void)lv;
	*v = (double)(p->r[srv].v->n - p->kept[srv]);
	return true;
}

/* The clients a remote server says it has. */
static bool
v_server_count(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	const struct server_info *s = p->r[srv].server;

	(void)i, (void)lv;
	*v = s ? (double)s->count : 0;
	return s && s->have_count;
}

/* 1 when a remote server reports an error of its own. */
static bool
v_server_error(const struct prom *p, size_t srv, size_t i, const char **lv, double *v)
{
	const struct server_info *s = p->r[srv].server;

	(void)i, (void)lv;
	*v = s && s->error[0];
	return s && server_info_any(s);
}

static const struct server_family families[] = {
	{ "ticctop_clients", "gauge", "Clients the server lists.", NULL, 1, v_clients },
	{ "ticctop_clients_by_status", "gauge", "Clients by status (ok, warning, critical).", "status", STATUS_COUNT,
	  v_by_status },
	{ "ticctop_clients_omitted", "gauge", "Clients left out of this exposition by --max-series.", NULL, 1,
	  v_omitted },
	{ "ticctop_source_up", "gauge", "1 when the last poll of the source succeeded, else 0.", NULL, 1, v_up },
	{ "ticctop_source_age_seconds", "gauge", "Seconds since the data shown was read.", NULL, 1, v_age },
	{ "ticctop_source_skipped_lines", "gauge", "Lines of the last answer that were not client rows.", NULL, 1,
	  v_skipped },
	{ "ticctop_server_clients", "gauge", "Clients the remote server says it has.", NULL, 1, v_server_count },
	{ "ticctop_server_error", "gauge", "1 when the remote server reports an error of its own.", NULL, 1,
	  v_server_error },
};

#define NFAMILIES (sizeof families / sizeof families[0])

static size_t server_series(void);

/* Share out max_series (0: no limit): each report's server series first,
 * then whole clients, report by report, while they fit. */
static void
plan(struct prom *p, long max_series)
{
	size_t fixed = server_series() * p->n;
	size_t budget = max_series <= 0 ? SIZE_MAX : (size_t)max_series > fixed ? (size_t)max_series - fixed : 0;

	p->omitted = 0;
	for (size_t i = 0; i < p->n; i++) {
		size_t want = p->r[i].v->n, fit = budget / CLIENT_SERIES;
		p->kept[i] = want < fit ? want : fit;
		if (budget != SIZE_MAX)
			budget -= p->kept[i] * CLIENT_SERIES;
		p->omitted += want - p->kept[i];
	}
}

/* Write s[0..len) as a label value: sanitised, then '\', '"' and newline escaped. */
static void
label_value(FILE *fp, const char *s, size_t len)
{
	char safe[LABEL_MAX];
	size_t n = fmt_sanitize(safe, sizeof safe, s, len, true);

	fputc('"', fp);
	for (size_t i = 0; i < n; i++) {
		if (safe[i] == '\\' || safe[i] == '"')
			fputc('\\', fp);
		if (safe[i] == '\n')
			fputs("\\n", fp);
		else
			fputc(safe[i], fp);
	}
	fputc('"', fp);
}

/* Write the HELP and TYPE lines of a family. */
static void
family_head(FILE *fp, const char *name, const char *help, const char *type)
{
	fprintf(fp, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Write the series of the server families. */
static void
write_server_families(FILE *fp, const struct prom *p)
{
	for (size_t f = 0; f < NFAMILIES; f++) {
		const struct server_family *fam = &families[f];
		family_head(fp, fam->name, fam->help, fam->type);
		for (size_t s = 0; s < p->n; s++)
			for (size_t i = 0; i < fam->n; i++) {
				const char *lv = NULL, *srv = server_name(&p->r[s]);
				double v;
				if (!fam->value(p, s, i, &lv, &v))
					continue;
				fprintf(fp, "%s{server=", fam->name);
				label_value(fp, srv, strlen(srv));
				if (fam->label) {
					fprintf(fp, ",%s=", fam->label);
					label_value(fp, lv, strlen(lv));
				}
				fprintf(fp, "} %.17g\n", v);
			}
	}
}

/* The server's own one-line reports the exposition carries: a family per
 * numeric field, named ticctop_server_<report>_<key><unit suffix>; the
 * serverstats counts are counters. */
static const struct {
	enum srv_report report;
	size_t values;             /* offset of its srv_value array in struct server_data */
	bool counters;             /* its SK_COUNT fields only grow */
} srv_reports[] = {
	{ SRV_TRACKING, offsetof(struct server_data, tracking), false },
	{ SRV_SERVERSTATS, offsetof(struct server_data, serverstats), true },
	{ SRV_ACTIVITY, offsetof(struct server_data, activity), false },
};

/* Name suffixes of the fields' units (none: no suffix). */
static const struct {
	const char *unit, *suffix;
} unit_suffixes[] = { { "s", "_seconds" }, { "ppm", "_ppm" }, { "log2 s", "_log2_seconds" } };

/* The suffix of unit (NULL: ""). */
static const char *
unit_suffix(const char *unit)
{
	for (size_t i = 0; unit && i < sizeof unit_suffixes / sizeof unit_suffixes[0]; i++)
		if (strcmp(unit, unit_suffixes[i].unit) == 0)
			return unit_suffixes[i].suffix;
	return "";
}

/* Series the server families (the summary's and the server's own reports')
 * may write per report. */
static size_t
server_series(void)
{
	size_t n = 0;

	for (size_t i = 0; i < NFAMILIES; i++)
		n += families[i].n;
	for (size_t k = 0; k < sizeof srv_reports / sizeof srv_reports[0]; k++)
		for (int f = 0; f < srv_field_count(srv_reports[k].report); f++)
			n += srv_field(srv_reports[k].report, f)->kind != SK_TEXT && srv_field(srv_reports[k].report, f)->kind != SK_BITS;
	return n;
}

/* Value f of report row k of r's server data, or NULL when it has none. */
static const struct srv_value *
srv_value(const struct report *r, size_t k, int f)
{
	const struct server_data *d = r->srv ? r->srv->data : NULL;
	if (!d || d->avail != SRV_AVAIL_LOCAL || !d->have[srv_reports[k].report])
		return NULL;
	const struct srv_value *v = (const struct srv_value *)((const char *)d + srv_reports[k].values) + f;
	return v->known ? v : NULL;
}

/* Write the server's own reports, a family per numeric field (text and
 * bit strings are no metric). */
static void
write_srv_families(FILE *fp, const struct prom *p)
{
	for (size_t k = 0; k < sizeof srv_reports / sizeof srv_reports[0]; k++) {
		enum srv_report rep = srv_reports[k].report;
		for (int f = 0; f < srv_field_count(rep); f++) {
			const struct srv_field *fi = srv_field(rep, f);
			bool counter = srv_reports[k].counters && fi->kind == SK_COUNT;
			char name[128], help[160];
			if (fi->kind == SK_TEXT || fi->kind == SK_BITS)
				continue;
			snprintf(name, sizeof name, "ticctop_server_%s_%s%s%s", srv_report_key(rep), fi->key,
			         unit_suffix(fi->unit), counter ? "_total" : "");
			snprintf(help, sizeof help, "chronyd %s: %s%s%s%s.", srv_report_command(rep), fi->label,
			         fi->unit ? " (" : "", fi->unit ? fi->unit : "", fi->unit ? ")" : "");
			family_head(fp, name, help, counter ? "counter" : "gauge");
			for (size_t s = 0; s < p->n; s++) {
				const struct srv_value *v = srv_value(&p->r[s], k, f);
				const char *srv = server_name(&p->r[s]);
				if (!v)
					continue;
				fprintf(fp, "%s{server=", name);
				label_value(fp, srv, strlen(srv));
				if (fi->kind == SK_COUNT)
					fprintf(fp, "} %" PRIu64 "\n", v->count);
				else
					fprintf(fp, "} %.17g\n", v->num);
			}
		}
	}
}

/* Write a client's labels {server,addr,family}. */
static void
client_labels(FILE *fp, const struct report *r, const struct client *c)
{
	const char *srv = server_name(r);

	fputs("{server=", fp);
	label_value(fp, srv, strlen(srv));
	fputs(",addr=", fp);
	label_value(fp, c->addr, c->len);
	fprintf(fp, ",family=\"%s\"}", family_name((enum family)c->family));
}

/* Write the client families: the status code, then one per field. */
static void
write_client_families(FILE *fp, const struct prom *p)
{
	family_head(fp, "ticctop_client_status", "Client status: 0 ok, 1 warning, 2 critical.", "gauge");
	for (size_t s = 0; s < p->n; s++)
		for (size_t i = 0; i < p->kept[s]; i++) {
			const struct client *c = model_at(p->r[s].m, p->r[s].v->idx[i]);
			fputs("ticctop_client_status", fp);
			client_labels(fp, &p->r[s], c);
			fprintf(fp, " %d\n", (int)c->verdict.status);
		}
	for (int f = 0; f < FIELD_ALL; f++) {
		const struct field_info *fi = field_info(f);
		const struct metric_kind *k = metric_kind(fi->kind);
		char name[128], help[160];
		bool counter = k->counter && !fi->windowed; /* a count over the rate window goes down too */
		snprintf(name, sizeof name, "ticctop_client_%s%s", fi->column, counter || !k->counter ? k->suffix : "");
		snprintf(help, sizeof help, "%s (%s) of the client.", fi->label, k->unit);
		family_head(fp, name, help, counter ? "counter" : "gauge");
		for (size_t s = 0; s < p->n; s++)
			for (size_t i = 0; i < p->kept[s]; i++) {
				const struct client *c = model_at(p->r[s].m, p->r[s].v->idx[i]);
				if (!sample_known(&c->s, f))
					continue;
				fputs(name, fp);
				client_labels(fp, &p->r[s], c);
				if (k->whole)
					fprintf(fp, " %" PRId64 "\n", c->s.v[f]);
				else
					fprintf(fp, " %.17g\n", metric_value(f, c->s.v[f]));
			}
	}
}

/* Write one exposition (ctx: struct prom, planned). */
static void
write_exposition(FILE *fp, const struct prom *ctx)
{
	write_server_families(fp, ctx);
	write_srv_families(fp, ctx);
	write_client_families(fp, ctx);
}

/* Make p for r[0..n) under r[0].max_series; false when out of memory. */
static bool
prom_plan(struct prom *p, const struct report *r, size_t n)
{
	*p = (struct prom){ .r = r, .n = n, .kept = calloc(n ? n : 1, sizeof *p->kept) };
	if (!p->kept)
		return false;
	plan(p, n ? r[0].max_series : 0);
	return true;
}

/* Write r[0..n) as one exposition. */
void
prom_write(FILE *fp, const struct report *r, size_t n)
{
	struct prom p;

	if (!prom_plan(&p, r, n)) {
		errno = ENOMEM;
		fputs("# out of memory\n", fp);
		return;
	}
	write_exposition(fp, &p);
	free(p.kept);
}

/* Clients prom_write leaves out. */
size_t
prom_omitted(const struct report *r, size_t n)
{
	struct prom p;

	if (!prom_plan(&p, r, n))
		return 0;
	free(p.kept);
	return p.omitted;
}
