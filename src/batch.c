/* batch.c — prints a report after every finished poll. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "format.h"

/* Print the report of the poll that just finished; false when done. */
static bool
batch_refreshed(void *ctx, struct monitor *mon)
{
	struct batch *b = ctx;
	const char *err = mon->last.err == SOURCE_OK ? NULL : mon->last.message;
	char note[256];
	struct report_server srv = {
		.data = &mon->srv, .limits = &mon->srv_limits, .rates = mon->have_srv_rates ? &mon->srv_rates : NULL,
		.have = mon->srv.avail != SRV_AVAIL_NONE, .age = mon->poll_time - mon->srv_time,
		.stale = mon->srv_time < mon->poll_time, .clock_stopped = mon->server_clock.frozen,
		.count_warning = mon->last.server.warning[0] ? mon->last.server.warning : NULL,
	};
	struct report r = {
		.kind = mon->src->kind, .target = mon->src->target, .error = err, .server = &mon->last.server,
		.skipped = mon->last.rep.skipped, .skip_note = note,
		.have_data = mon->have_data, .age = mon->poll_time - mon->data_time,
		.time = mon->data_wall ? mon->data_wall : time(NULL),
		.m = mon->model, .v = &mon->view, .h = &mon->health, .utf8 = b->utf8, .continued = b->done > 0,
		.srv = &srv, .check = b->check,
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
	if (!output_write(stdout, b->format, &r)) {
		fprintf(stderr, "ticctop: cannot write the report to standard output: %s\n", strerror(errno));
		b->status = EXIT_UNKNOWN;
		return false;
	}
	return b->iterations == 0 || b->done < b->iterations;
}

/* Make the front end that drives b. */
struct frontend
batch_frontend(struct batch *b)
{
	return (struct frontend){ .ctx = b, .refreshed = batch_refreshed };
}
