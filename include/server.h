/* server.h — what a remote server said about itself, and what its clock did.
 *
 * Contract: pure model-level records, no I/O.  A source fills a server_info
 * from each answer (zero for a source that reads no server of its own: the
 * local chronyc); output and drawing only read it.  server_clock follows the
 * server's own clock across polls and says when it stopped moving (a cached
 * or frozen answer looks fresh otherwise).  Later: tracking, serverstats,
 * sources. */
#ifndef TICCTOP_SERVER_H
#define TICCTOP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SERVER_TIME_MAX 64
#define SERVER_ERROR_MAX 400
#define SERVER_FROZEN_POLLS 3     /* polls showing one clock reading before it counts as stopped */
#define SERVER_FROZEN_SECS 5.0    /* ... spanning at least this many seconds of ours */

/* What the server said besides its rows. */
struct server_info {
	const char *format;             /* machine name of what answered ("ticc-dash"); "" or NULL unknown */
	bool have_count;
	long long count;                /* the clients it says it has */
	char time[SERVER_TIME_MAX];     /* its own clock as sent ("DD-MM-YYYY, HH:MM:SS"); "" if none */
	char error[SERVER_ERROR_MAX];   /* its own error (its chronyc failed); "" if none */
	char warning[200];              /* what was odd in what it said of itself (a count that is
	                                   no whole number, or contradicts its list); "" if nothing */
};

/* The server's clock across polls. */
struct server_clock {
	char last[SERVER_TIME_MAX];     /* the reading of the last poll that sent one */
	unsigned repeats;               /* polls since it last changed, that one included */
	double first_mono;              /* our monotonic time when it was first seen */
	time_t since;                   /* our wall clock of the same */
	bool frozen;                    /* it has not moved for SERVER_FROZEN_POLLS polls and SERVER_FROZEN_SECS */
	bool have_lag;
	double lag;                     /* the least of our clock minus its reading seen (server_poll_time) */
};

/* Return whether info holds anything the server said. */
bool server_info_any(const struct server_info *info);

/* The time of a poll answered at our monotonic mono, as the rates take it
 * (issue 11: the server's own read time where it has one): mono itself
 * when info has no readable clock; else mono kept within the second the
 * server's clock (whole seconds) allows, on our timeline: our clock minus
 * the least lag seen gives its reading to the millisecond, so a slow answer
 * is placed when the server read its counters.  A reading that jumps by
 * more than 30 s from our clock starts the lag again.  Call before
 * server_clock_update for the same poll. */
double server_poll_time(struct server_clock *c, const struct server_info *info, double mono);

/* Read a server's clock "DD-MM-YYYY, HH:MM:SS" as seconds since 1970 (as
 * if UTC: only differences count); false when it is not one. */
bool server_time_seconds(const char *text, double *secs);

/* Take one poll's server_info (NULL or no clock: forget what was seen)
 * at our times mono and wall. */
void server_clock_update(struct server_clock *c, const struct server_info *info, double mono, time_t wall);

#endif
