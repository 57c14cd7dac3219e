/* unit_source.h — what the Check runners that drive a real source share:
 * one poll run to its end through the loop's wait, and files for a
 * stand-in chronyc to print. */
#ifndef TICCTOP_UNIT_SOURCE_H
#define TICCTOP_UNIT_SOURCE_H

#include <check.h>
#include <stdio.h>

#include "clock.h"
#include "loop.h"
#include "source.h"

#define POLL_LIMIT 5.0 /* seconds a stand-in chronyc may take */

/* A row_sink that counts rows. */
static inline bool
unit_count_rows(void *ctx, const struct row *r)
{
	(void)r;
	++*(size_t *)ctx;
	return true;
}

/* Run one poll of s to its end: res gets what it said, *rows how many rows came. */
static inline void
unit_one_poll(struct source *s, struct source_result *res, size_t *rows)
{
	double end = clock_mono() + POLL_LIMIT;
	struct pollfd pfd[SOURCE_MAX_FDS];

	ck_assert(s->ops->start(s, clock_mono()));
	while (!s->ops->ready(s) && clock_mono() < end)
		loop_wait(&s, 1, pfd, 0, SOURCE_MAX_FDS, 100);
	ck_assert_msg(s->ops->ready(s), "the stand-in chronyc did not finish");
	*rows = 0;
	s->ops->deliver(s, unit_count_rows, rows, res);
}

/* Write text into the file at path. */
static inline void
unit_write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

#endif
