/* batch.c — prints a report after every finished poll (of a fleet: every round). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "format.h"
#include "outfile.h"

/* A report of one server or a fleet in a format, for outfile_replace. */
struct file_report {
	enum out_format format;
	const struct report *r;
	size_t n;
};

/* Write the report of ctx (struct file_report). */
static bool
write_file_report(FILE *fp, void *ctx)
{
	const struct file_report *fr = ctx;

	return fr->n > 1 ? output_write_fleet(fp, fr->format, fr->r, fr->n) : output_write(fp, fr->format, fr->r);
}

/* Replace b's output file with r[0..n); one line on stderr when that fails
 * (until it works again). */
static void
write_output_file(struct batch *b, const struct report *r, size_t n)
{
	struct file_report fr = { b->format, r, n };
	char why[600], safe[2400];

	if (outfile_replace(b->output_file, 0644, write_file_report, &fr, why, sizeof why)) {
		b->file_failed = false;
		return;
	}
	if (!b->file_failed) {
		fmt_sanitize(safe, sizeof safe, why, strlen(why), b->utf8);
		fprintf(stderr, "ticctop: cannot write the report: %s\n", safe);
	}
	b->file_failed = true;
	b->status = EXIT_UNKNOWN;
}

/* Warn when the report r[0..n) leaves clients out (-o prom past
 * --max-series), each time that number changes. */
static void
warn_omitted(struct batch *b, const struct report *r, size_t n)
{
	size_t cut = output_omitted(b->format, r, n), shown = 0;

	for (size_t i = 0; i < n; i++)
		shown += r[i].v->n;
	if (cut && cut != b->omitted)
		fprintf(stderr, "ticctop: warning: --max-series %ld: %zu of %zu clients left out of the report "
		                "(ticctop_clients_omitted)\n", b->max_series, cut, shown);
	b->omitted = cut;
}

/* Say on stderr what went wrong with mon's last poll (its error, lines
 * skipped, the server's warning; a warning names a fleet's server: name,
 * else NULL); note gets the skip note for the report. */
static void
say_problems(const struct batch *b, const struct monitor *mon, const char *name, char *note, size_t size)
{
	const char *err = mon->last.err == SOURCE_OK ? NULL : mon->last.message;
	char who[FLEET_NAME_MAX * 4 + 2] = "";

	if (name)
		memcpy(who + fmt_sanitize(who, sizeof who - 2, name, strlen(name), b->utf8), ": ", 3);
	parse_report_text(&mon->last.rep, PARSE_OK, note, size);
	if (err) {
		char safe[2048];
		fmt_sanitize(safe, sizeof safe, err, strlen(err), b->utf8);
		fprintf(stderr, "ticctop: %s\n", safe);
	} else if (mon->last.rep.skipped) {
		fprintf(stderr, "ticctop: warning: %s%s\n", who, note);
	}
	if (mon->last.server.warning[0] && !mon->last.same) {
		char safe[sizeof mon->last.server.warning * 4];
		fmt_sanitize(safe, sizeof safe, mon->last.server.warning, strlen(mon->last.server.warning), b->utf8);
		fprintf(stderr, "ticctop: warning: %sthe server's %s\n", who, safe);
	}
}

/* The server itself as mon keeps it, for a report. */
static struct report_server
server_of(const struct monitor *mon)
{
	return (struct report_server){
		.data = &mon->srv, .limits = &mon->srv_limits, .rates = mon->have_srv_rates ? &mon->srv_rates : NULL,
		.have = mon->srv.avail != SRV_AVAIL_NONE, .age = mon->poll_time - mon->srv_time,
		.stale = mon->srv_time < mon->poll_time, .clock_stopped = mon->server_clock.frozen,
		.count_warning = mon->last.server.warning[0] ? mon->last.server.warning : NULL,
	};
}

/* The report of mon (named name in a fleet, else NULL) with its server
 * srv; a server whose first poll still runs has "no answer yet". */
static struct report
report_of(const struct batch *b, const struct monitor *mon, const char *name, const char *note,
          const struct report_server *srv)
{
	return (struct report){
		.name = name, .kind = mon->src->kind, .target = mon->src->target,
		.error = !mon->polls ? "no answer yet (its first poll is still running)"
		         : mon->last.err == SOURCE_OK ? NULL : mon->last.message,
		.server = &mon->last.server,
		.skipped = mon->last.rep.skipped, .skip_note = note,
		.have_data = mon->have_data, .age = mon->poll_time - mon->data_time,
		.time = mon->data_wall ? mon->data_wall : time(NULL),
		.m = mon->model, .v = &mon->view, .h = &mon->health, .utf8 = b->utf8,
		.continued = b->done > 0 && !b->output_file, .max_series = b->max_series,
		.srv = srv, .check = b->check,
	};
}

/* Print the report of the poll that just finished (of a fleet: once every
 * server finished a poll since the last report, or skipped a tick because
 * its poll still runs; a single report waits for every server's first
 * poll); false when done. */
static bool
batch_refreshed(void *ctx, struct monitor *mon)
{
	struct batch *b = ctx;
	const struct fleet *f = b->fleet;
	struct report r[OUTPUT_MAX_SERVERS];
	struct report_server srv[OUTPUT_MAX_SERVERS];
	char note[OUTPUT_MAX_SERVERS][256];
	size_t n = f && f->n > 1 ? f->n : 1;
	bool ok;

	for (size_t i = 0; n > 1 && i < n; i++)
		if (f->mon[i].polls == b->polls[i] && (b->iterations == 1 || f->mon[i].skipped == b->skipped[i]))
			return true; /* a server has neither answered nor been found still busy since the last report */
	for (size_t i = 0; n > 1 && i < n; i++) {
		b->polls[i] = f->mon[i].polls;
		b->skipped[i] = f->mon[i].skipped;
	}
	for (size_t i = 0; i < n; i++) {
		const struct monitor *m = n > 1 ? &f->mon[i] : mon;
		say_problems(b, m, n > 1 ? f->name[i] : NULL, note[i], sizeof note[i]);
		srv[i] = server_of(m);
		r[i] = report_of(b, m, n > 1 ? f->name[i] : NULL, note[i], &srv[i]);
	}
	b->status = n > 1 ? output_fleet_status(r, n) : output_status(&r[0]);
	b->done++;
	warn_omitted(b, r, n);
	if (b->output_file) {
		write_output_file(b, r, n);
		ok = true;
	} else {
		ok = n > 1 ? output_write_fleet(stdout, b->format, r, n) : output_write(stdout, b->format, &r[0]);
	}
	if (!ok) {
		fprintf(stderr, "ticctop: cannot write the report to standard output: %s\n", strerror(errno));
		b->status = EXIT_UNKNOWN;
		return false;
	}
	return !mon->src->finished && (b->iterations == 0 || b->done < b->iterations);
}

/* Make the front end that drives b. */
struct frontend
batch_frontend(struct batch *b)
{
	return (struct frontend){ .ctx = b, .refreshed = batch_refreshed };
}
