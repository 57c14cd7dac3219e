/* outfile.h — replace a file atomically with what a writer writes.
 *
 * Contract: the writer writes into a new file in the same directory
 * (PATH.XXXXXX, mode 0644 less the umask), which is flushed, fsync'ed and
 * renamed over PATH, the directory then fsync'ed: a reader (node_exporter's
 * textfile collector, say) sees the old file or the new one, never a part.
 * On failure PATH is untouched, the temporary file removed, and why says
 * what failed in one line. */
#ifndef TICCTOP_OUTFILE_H
#define TICCTOP_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Replace path with what write(fp, ctx) writes (false from it: failed). */
bool outfile_replace(const char *path, bool (*write)(FILE *fp, void *ctx), void *ctx, char *why, size_t whysize);

#endif
