/* server.c — a server's own words and the stopped-clock check. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "server.h"

/* Return whether info holds anything the server said. */
bool
server_info_any(const struct server_info *info)
{
	return info && ((info->format && info->format[0]) || info->time[0] || info->error[0] || info->have_count);
}

/* Take one poll's server_info at our times mono and wall. */
void
server_clock_update(struct server_clock *c, const struct server_info *info, double mono, time_t wall)
{
	if (!info || !info->time[0]) {
		memset(c, 0, sizeof *c);
		return;
	}
	if (strcmp(c->last, info->time) != 0) {
		snprintf(c->last, sizeof c->last, "%s", info->time);
		c->repeats = 1;
		c->first_mono = mono;
		c->since = wall;
		c->frozen = false;
		return;
	}
	c->repeats++;
	c->frozen = c->repeats >= SERVER_FROZEN_POLLS && mono - c->first_mono >= SERVER_FROZEN_SECS;
}
