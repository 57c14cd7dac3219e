/* outfile.h — replace a file atomically with what a writer writes: the one
 * way ticctop writes a whole file (--output-file, the state file).
 *
 * Contract: the writer writes into a new file in the same directory
 * (PATH.XXXXXX, the given mode less the umask), which is flushed, fsync'ed
 * and checked, then renamed over PATH, the directory then fsync'ed: a
 * reader (node_exporter's textfile collector, ticctop's next start) sees
 * the old file or the new one, never a part.  On failure PATH is untouched,
 * the temporary file removed, and why says what failed in one line, the
 * cause first ("No space left on device (write PATH)"). */
#ifndef TICCTOP_OUTFILE_H
#define TICCTOP_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Replace path, with mode (less the umask), by what write(fp, ctx) writes (false from it: failed). */
bool outfile_replace(const char *path, mode_t mode, bool (*write)(FILE *fp, void *ctx), void *ctx, char *why,
                     size_t whysize);

#endif
