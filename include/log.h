/* log.h — the debug log (--log FILE): the only place the full screen may write text.
 *
 * Contract: without log_open every call is a no-op.  Lines are stamped with
 * the wall clock and flushed at once, so a crash loses nothing.  A line is
 * written as fmt_sanitize shows it (it may quote a source), cut at 4 KiB. */
#ifndef TICCTOP_LOG_H
#define TICCTOP_LOG_H

#include <stdbool.h>
#include <stddef.h>

/* Start appending to path; false (with a message in err) when it cannot be opened. */
bool log_open(const char *path, char *err, size_t errsize);

/* Write one line. */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The log's descriptor, or -1 when there is no log. */
int log_fd(void);

/* Stop logging. */
void log_close(void);

#endif
