/* batch.h — the batch front end: a report per refresh on stdout.
 *
 * Contract: after each finished poll, writes one report (text, CSV or JSON)
 * and, when the source failed, one line on stderr ("ticctop: ...") — or,
 * when it answered but some lines were not client rows, one warning line
 * ("ticctop: warning: N lines skipped (first: ...)"); stops after `iterations`
 * reports (0 = never) or when stdout is gone.  `status` is the Nagios exit
 * status of the last report, or 3 (with one line on stderr) when a report
 * could not be written.  A CSV stream has one header, before the first
 * report. */
#ifndef TICCTOP_BATCH_H
#define TICCTOP_BATCH_H

#include <stdbool.h>

#include "loop.h"
#include "output.h"

struct batch {
	enum out_format format;
	enum check_scope check;  /* what sets status and the status line (--check) */
	long iterations;
	long done;
	bool utf8;
	enum exit_status status;
};

/* Make the front end that drives b. */
struct frontend batch_frontend(struct batch *b);

#endif
