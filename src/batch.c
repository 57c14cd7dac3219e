/* batch.c — prints a report after every finished poll. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "format.h"
#include "outfile.h"

/* A report in a format, for outfile_replace. */
struct file_report {
	enum out_format format;
	const struct report *r;
};

/* Write the report of ctx (struct file_report). */
static bool
write_file_report(FILE *fp, void *ctx)
{
	const struct file_report *fr = ctx;

	return output_write(fp, fr->format, fr->r);
}

/* Replace b's output file with r; one line on stderr when that fails
 * (until it works again). */
static void
write_output_file(struct batch *b, const struct report *r)
{
	struct file_report fr = { b->format, r };
	char why[600], safe[2400];

	if (outfile_replace(b->output_file, write_file_report, &fr, why, sizeof why)) {
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

/* Warn when the report leaves clients out (-o prom past --max-series),
 * each time that number changes. */
static void
warn_omitted(struct batch *b, const struct report *r)
{
	size_t n = output_omitted(b->format, r);

	if (n && n != b->omitted)
		fprintf(stderr, "ticctop: warning: --max-series %ld: %zu of %zu clients left out of the report "
		                "(ticctop_clients_omitted)\n", b->max_series, n, r->v->n);
	b->omitted = n;
}

/* Print the report of the poll that just finished; false when done. */
static bool
batch_refreshed(void *ctx, struct monitor *mon)
{
	struct batch *b = ctx;
	const char *err = mon->last.err == SOURCE_OK ? NULL : mon->last.message;
	char note[256];
	struct report r = {
		.kind = mon->src->kind, .target = mon->src->target, .error = err, .server = &mon->last.server,
		.skipped = mon->last.rep.skipped, .skip_note = note,
		.have_data = mon->have_data, .age = mon->poll_time - mon->data_time,
		.time = mon->data_wall ? mon->data_wall : time(NULL),
		.m = mon->model, .v = &mon->view, .h = &mon->health, .utf8 = b->utf8,
		.continued = b->done > 0 && !b->output_file, .name = b->name, .max_series = b->max_series,
		.srv = mon->srv.avail == SRV_AVAIL_LOCAL ? &mon->srv : NULL,
	};

	parse_report_text(&mon->last.rep, PARSE_OK, note, sizeof note);
	if (err) {
		char safe[2048];
		fmt_sanitize(safe, sizeof safe, err, strlen(err), b->utf8);
		fprintf(stderr, "ticctop: %s\n", safe);
	} else if (r.skipped) {
		fprintf(stderr, "ticctop: warning: %s\n", note);
	}
	if (mon->last.server.warning[0] && !mon->last.same) {
		char safe[sizeof mon->last.server.warning * 4];
		fmt_sanitize(safe, sizeof safe, mon->last.server.warning, strlen(mon->last.server.warning), b->utf8);
		fprintf(stderr, "ticctop: warning: the server's %s\n", safe);
	}
	b->status = output_status(&r);
	b->done++;
	warn_omitted(b, &r);
	if (b->output_file)
		write_output_file(b, &r);
	else if (!output_write(stdout, b->format, &r)) {
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
