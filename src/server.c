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

/* Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian). */
static long
days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Read "DD-MM-YYYY, HH:MM:SS" as seconds since 1970. */
bool
server_time_seconds(const char *text, double *secs)
{
	int d, mo, y, h, mi, s, end = -1;

	if (sscanf(text, "%2d-%2d-%4d, %2d:%2d:%2d%n", &d, &mo, &y, &h, &mi, &s, &end) != 6 || end < 0 ||
	    text[end] || d < 1 || d > 31 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 60 || h < 0 || mi < 0 || s < 0)
		return false;
	*secs = (double)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return true;
}

/* The time of a poll answered at mono, kept within the server's second. */
double
server_poll_time(struct server_clock *c, const struct server_info *info, double mono)
{
	double srv;

	if (!info || !server_time_seconds(info->time, &srv))
		return mono;
	double lag = mono - srv;
	if (!c->have_lag || lag < c->lag || lag > c->lag + 30) {
		c->lag = lag; /* the least seen, or a clock that jumped */
		c->have_lag = true;
	}
	double lo = srv + c->lag;
	return mono < lo ? lo : mono > lo + 1 ? lo + 1 : mono;
}
