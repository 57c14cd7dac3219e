/* monitor.h — what every front end reads: the source's identity, its data
 * and how fresh it is.
 *
 * Contract: plain state plus pure helpers, no I/O: it knows a source only by
 * its kind, target and warning and by the last result it left
 * (source_result.h), never how it is driven (the loop does that), so the
 * screen state can include it without the loop, poll or the sources.  The
 * loop writes it after each poll (monitor_take); front ends read it and may
 * change the view's settings (then set view_stale), pause it, ask for a
 * poll at once (poll_now: the loop starts one, or lets the running one
 * count, and clears it) and ask for one time source's ntpdata.  The
 * server's own data (srv) is kept from the last poll that read it, as the
 * clients are. */
#ifndef TICCTOP_MONITOR_H
#define TICCTOP_MONITOR_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "health.h"
#include "health_server.h"
#include "model.h"
#include "server.h"
#include "source_result.h"
#include "trend.h"
#include "trend_sources.h"
#include "view.h"

struct recorder; /* recorder.h */

struct monitor {
	struct source *src;
	struct recorder *rec;      /* --record: the loop appends each poll to it; NULL none */
	struct model *model;
	struct health health;
	struct view view;
	bool view_stale;           /* a front end changed the view's key or filter */
	uint64_t view_version;     /* model version the view was built from */
	struct source_result last; /* the last finished poll */
	struct server_clock server_clock; /* whether the server's own clock still moves */
	bool have_data;            /* some poll has succeeded */
	double data_time;          /* monotonic time of the last good data */
	time_t data_wall;          /* wall clock of the same */
	double poll_time;          /* monotonic time the last poll finished */
	bool paused;               /* no new polls while set */
	bool poll_now;             /* a front end asked for a poll at once (F5), paused or not */
	uint64_t polls, skipped;   /* finished polls, ticks skipped while busy */
	struct server_data srv;    /* the server's own reports as of the last poll that read them
	                              (srv.avail LOCAL), kept when a later poll fails; or CLIENTS_ONLY
	                              with the note the screens show; NONE before any */
	double srv_time;           /* monotonic time srv was read: stale while srv_time < poll_time */
	time_t srv_wall;           /* wall clock of the same */
	struct srv_rates srv_rates; /* serverstats' counts a second between the last two reads */
	bool have_srv_rates;
	struct srv_limits srv_limits; /* the server's thresholds (--warn-offset, ...): defaults from
	                                 monitor_init; judge with health_server_eval(&srv_limits, &srv) */
	struct trend trend;        /* the server's last 300 s, fed by monitor_take */
	struct trend_sources src_trend; /* each time source's last offsets, fed with srv */
};

/* Make mon ready for src; false when out of memory. */
bool monitor_init(struct monitor *mon, struct source *src, const struct health *h);

/* Start the clients afresh (an empty model configured as before, no rates
 * of the server's counters, an empty history): the next poll does not follow
 * the last one (a replay jumped).  False when out of memory: all kept. */
bool monitor_restart(struct monitor *mon);

/* Free what monitor_init made (not the source). */
void monitor_free(struct monitor *mon);

/* Rebuild the view if the model or the view's settings changed. */
void monitor_update_view(struct monitor *mon);

/* Ask the source for the ntpdata of the time source at addr from the next
 * poll on (NULL or "": none); false, and nothing asked, when addr is no
 * numeric IP address (only NTP sources have ntpdata).  The answer comes in
 * mon->srv.ntpdata (srv.ntpdata_for says for which; srv.ntpdata_error why not). */
bool monitor_want_ntpdata(struct monitor *mon, const char *addr);

/* Feed the server's history (mon->trend) with the model as a poll that
 * ended at now left it, span seconds after the poll before; ok false: the
 * poll failed (a gap).  monitor_take does this. */
void monitor_feed_trend(struct monitor *mon, double now, double span, bool ok);

/* After a poll's rows went into the model (between model_begin and here)
 * and its result into mon->last: end the model's update, note the time
 * (monotonic now, wall clock wall) and what the server's clock did, feed
 * the server's history (a failed poll is a gap), and rebuild the view. */
void monitor_take(struct monitor *mon, double now, time_t wall);

#endif
