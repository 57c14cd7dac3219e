/* log.c — an append-only, line-flushed debug log. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "format.h"
#include "log.h"

#define LOG_LINE_MAX 4096

static FILE *log_fp;

/* Start appending to path. */
bool
log_open(const char *path, char *err, size_t errsize)
{
	FILE *fp = fopen(path, "ae");

	if (!fp) {
		snprintf(err, errsize, "--log %s: %s", path, strerror(errno));
		return false;
	}
	setvbuf(fp, NULL, _IOLBF, 0);
	log_close();
	log_fp = fp;
	return true;
}

/* Write one line. */
void
log_msg(const char *fmt, ...)
{
	va_list ap;
	char stamp[32], raw[LOG_LINE_MAX], safe[LOG_LINE_MAX * 4];
	struct timespec ts;
	struct tm tm;

	if (!log_fp)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
	va_start(ap, fmt);
	int n = vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* source errors quote what a source said: the log is read on terminals too */
	fmt_sanitize(safe, sizeof safe, raw, n < 0 ? 0 : (size_t)n < sizeof raw ? (size_t)n : sizeof raw - 1, true);
	fprintf(log_fp, "%s.%03ld %s\n", stamp, ts.tv_nsec / 1000000, safe);
}

/* The log's descriptor, or -1. */
int
log_fd(void)
{
	return log_fp ? fileno(log_fp) : -1;
}

/* Stop logging. */
void
log_close(void)
{
	if (log_fp)
		fclose(log_fp);
	log_fp = NULL;
}
