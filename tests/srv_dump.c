/* srv_dump.c — one poll of chronyd's own reports through the socket or
 * chronyc source, printed as `chronyc -c` prints them, for
 * tests/server-chronyd.sh's comparison of the two ways.
 *
 *   srv_dump socket|chronyc SOCKET ADDR
 * polls once, asking for the ntpdata of ADDR, and prints a line per report:
 * its command, then each value's text as the source gave it (empty when
 * unknown), in chronyc -c's column order: "tracking,…", "serverstats,…",
 * "activity,…", a "sources,…" line per source (its sourcestats' values
 * after its own), "ntpdata,…" or "ntpdata_error,WHY".  Exit 1 when the poll
 * failed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "loop.h"
#include "source_chronyc.h"
#include "source_socket.h"

/* A row_sink that takes every row. */
static bool
take_row(void *ctx, const struct row *r)
{
	(void)ctx;
	(void)r;
	return true;
}

/* Print report r's values vals[0..srv_field_count(r)) after its name. */
static void
print_values(const char *name, enum srv_report r, const struct srv_value *vals)
{
	printf("%s", name);
	for (int f = 0; f < srv_field_count(r); f++)
		printf(",%s", vals[f].known ? vals[f].text : "");
	putchar('\n');
}

int
main(int argc, char **argv)
{
	static struct source_result res;
	struct pollfd pfd[SOURCE_MAX_FDS];
	struct source *s;

	if (argc != 4) {
		fprintf(stderr, "usage: srv_dump socket|chronyc SOCKET ADDR\n");
		return 2;
	}
	if (strcmp(argv[1], "socket") == 0)
		s = source_socket_new(&(struct socket_cfg){ .socket = argv[2], .timeout = 20, .max_size = 1 << 26 });
	else
		s = source_chronyc_new(&(struct chronyc_cfg){ .chronyc = "chronyc", .socket = argv[2], .timeout = 20,
		                                              .max_size = 1 << 26 });
	if (!s)
		return 2;
	snprintf(s->want_ntpdata, sizeof s->want_ntpdata, "%s", argv[3]);
	s->ops->start(s, clock_mono());
	while (!s->ops->ready(s))
		loop_wait(&s, 1, pfd, 0, SOURCE_MAX_FDS, 100);
	s->ops->deliver(s, take_row, NULL, &res);
	s->ops->free(s);
	const struct server_data *sd = &res.serverdata;
	print_values("tracking", SRV_TRACKING, sd->tracking.v);
	print_values("serverstats", SRV_SERVERSTATS, sd->serverstats.v);
	print_values("activity", SRV_ACTIVITY, sd->activity.v);
	for (size_t i = 0; i < sd->nsources; i++)
		print_values("sources", SRV_SOURCES, sd->sources[i].v);
	if (sd->have[SRV_NTPDATA])
		print_values("ntpdata", SRV_NTPDATA, sd->ntpdata.v);
	else
		printf("ntpdata_error,%s\n", sd->ntpdata_error);
	if (res.err != SOURCE_OK)
		fprintf(stderr, "srv_dump: %s\n", res.message);
	return res.err != SOURCE_OK;
}
