/* batch.h — the batch front end: a report per refresh on stdout.
 *
 * Contract: after each finished poll, writes one report (text, CSV or JSON)
 * and, when the source failed, one line on stderr ("ticctop: ...") — or,
 * when it answered but some lines were not client rows, one warning line
 * ("ticctop: warning: N lines skipped (first: ...)"); stops after `iterations`
 * reports (0 = never), when stdout is gone, or after the source's last poll
 * (a replay at its end: source.finished).  `status` is the Nagios exit
 * status of the last report, or 3 (with one line on stderr) when a report
 * could not be written.  A CSV stream has one header, before the first
 * report.  With output_file each report instead replaces that file
 * atomically (outfile.h; a CSV file has its header each time); a failure
 * to write it is one line on stderr (once, until a write succeeds again)
 * and the run goes on.  When -o prom leaves clients out under max_series,
 * one warning line on stderr says how many, each time that number changes.
 * With a fleet of several servers, a report (output_write_fleet)
 * comes once every server either finished a poll since the last report or
 * skipped a tick because its poll still runs (its last result is reported
 * again, or "no answer yet"), so a slow server never holds up the stream;
 * a single report (-n 1, --once) waits for every server's first poll: the
 * slowest server's time.  Each failed server has its line on stderr. */
#ifndef TICCTOP_BATCH_H
#define TICCTOP_BATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "fleet.h"
#include "loop.h"
#include "output.h"

struct batch {
	const struct fleet *fleet;   /* the servers; NULL or one: the monitor the loop gives */
	enum out_format format;
	enum check_scope check;  /* what sets status and the status line (--check) */
	long iterations;
	long done;
	bool utf8;
	enum exit_status status;
	uint64_t polls[OUTPUT_MAX_SERVERS], skipped[OUTPUT_MAX_SERVERS]; /* each server's, at the last report */
	const char *output_file;  /* NULL: stdout */
	long max_series;          /* -o prom's limit, 0 none */
	size_t omitted;           /* clients the last report left out (warned) */
	bool file_failed;         /* the last write of output_file failed (warned) */
};

/* Make the front end that drives b. */
struct frontend batch_frontend(struct batch *b);

#endif
