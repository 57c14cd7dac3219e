/* source_chronyc.h — the local source: `chronyc -c -n [-h SOCKET] clients`.
 *
 * Contract: runs chronyc (optionally through `sudo -n`) with a fixed argv,
 * never a shell and never `-r`; reads its output through non-blocking pipes;
 * kills a child that outlives the timeout (TERM, then KILL a second later)
 * and always reaps it.  Errors are classified from chronyc's and sudo's own
 * words (table in the .c file). */
#ifndef TICCTOP_SOURCE_CHRONYC_H
#define TICCTOP_SOURCE_CHRONYC_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

struct chronyc_cfg {
	const char *chronyc;   /* program, e.g. "chronyc" or /usr/bin/chronyc */
	const char *socket;    /* -h argument, or NULL for chronyc's default */
	bool sudo;             /* prefix `sudo -n` */
	double timeout;        /* seconds a poll may take */
	size_t max_size;       /* bytes of output accepted */
	const char *label;     /* names the source instead of the command line, or NULL */
};

/* Make a chronyc source; NULL when out of memory. */
struct source *source_chronyc_new(const struct chronyc_cfg *cfg);

#endif
