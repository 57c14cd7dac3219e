/* loop_sources.c — several http sources polled by one loop_wait at once, for
 * tests/http-multi.sh.
 *
 *   loop_sources N TIMEOUT URL...
 * starts one poll of every URL at once, then waits with loop_wait (one
 * poll(2) for all of them) and prints a line as each poll is delivered:
 *   "delivered I ERR rows=R busy=B"
 * (I the URL's index from 0, ERR source_err_name, B how many other polls are
 * still in flight then); stops after N deliveries, ending the rest. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "loop.h"
#include "source_http.h"

#define MAX_URLS 8

/* A row_sink that counts rows. */
static bool
count_row(void *ctx, const struct row *r)
{
	(void)r;
	++*(size_t *)ctx;
	return true;
}

int
main(int argc, char **argv)
{
	struct source *src[MAX_URLS];
	struct pollfd pfd[MAX_URLS * SOURCE_MAX_FDS];
	bool done[MAX_URLS] = { false };
	size_t n = (size_t)argc - 3, delivered = 0, want;
	char err[512];

	if (argc < 4 || n > MAX_URLS) {
		fprintf(stderr, "usage: loop_sources N TIMEOUT URL...\n");
		return 2;
	}
	want = (size_t)atoi(argv[1]);
	for (size_t i = 0; i < n; i++) {
		struct http_cfg cfg = { .url = argv[3 + i], .timeout = atof(argv[2]), .max_size = 1 << 20 };
		if (!(src[i] = source_http_new(&cfg, err, sizeof err))) {
			fprintf(stderr, "loop_sources: %s\n", err);
			return 2;
		}
		src[i]->ops->start(src[i], clock_mono());
	}
	while (delivered < want) {
		if (loop_wait(src, n, pfd, 0, sizeof pfd / sizeof pfd[0], -1) < 0) {
			perror("loop_sources: loop_wait");
			return 2;
		}
		for (size_t i = 0; i < n && delivered < want; i++) {
			struct source_result res;
			size_t rows = 0, busy = 0;
			if (done[i] || !src[i]->ops->ready(src[i]))
				continue;
			src[i]->ops->deliver(src[i], count_row, &rows, &res);
			done[i] = true;
			delivered++;
			for (size_t k = 0; k < n; k++)
				busy += !done[k];
			printf("delivered %zu %s rows=%zu busy=%zu\n", i, source_err_name(res.err), rows, busy);
			fflush(stdout);
		}
	}
	for (size_t i = 0; i < n; i++)
		src[i]->ops->free(src[i]);
	return 0;
}
