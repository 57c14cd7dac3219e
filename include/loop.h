/* loop.h — the one poll loop: refresh ticks, the source, signals, a front end.
 *
 * Contract: nothing in the loop blocks except its single wait, which sleeps
 * until the source's I/O, a front end descriptor, a signal, the next tick or
 * a side task is due.  A tick while the source is still busy is skipped and
 * counted.  A finished poll updates the model (keeping the last good data
 * when it failed) and the view, then tells the front end.  SIGINT, SIGTERM
 * and SIGHUP end the loop with the signal's number; SIGWINCH is passed on. */
#ifndef TICCTOP_LOOP_H
#define TICCTOP_LOOP_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "health.h"
#include "model.h"
#include "source.h"
#include "view.h"

/* Everything the front ends read: the source, its data and how fresh it is. */
struct monitor {
	struct source *src;
	struct model *model;
	struct health health;
	struct view view;
	bool view_stale;           /* a front end changed the view's key or filter */
	uint64_t view_version;     /* model version the view was built from */
	struct source_result last; /* the last finished poll */
	bool have_data;            /* some poll has succeeded */
	double data_time;          /* monotonic time of the last good data */
	time_t data_wall;          /* wall clock of the same */
	double poll_time;          /* monotonic time the last poll finished */
	bool paused;               /* no new polls while set */
	uint64_t polls, skipped;   /* finished polls, ticks skipped while busy */
};

/* A front end: batch printer or full screen.  Every hook may be NULL. */
struct frontend {
	void *ctx;
	/* descriptors to watch (e.g. the terminal); returns how many it wrote */
	size_t (*pollfds)(void *ctx, struct pollfd *pfd, size_t max);
	/* those descriptors are ready; false ends the loop */
	bool (*input)(void *ctx, struct monitor *mon, const struct pollfd *pfd, size_t n);
	/* a poll finished (data or error); false ends the loop */
	bool (*refreshed)(void *ctx, struct monitor *mon);
	/* the terminal was resized */
	void (*resized)(void *ctx, struct monitor *mon);
	/* before each wait: draw what is dirty; returns ms until it wants to run, -1 none */
	int (*idle)(void *ctx, struct monitor *mon, double now);
};

/* Something else the loop drives (the demo's traffic). */
struct side_task {
	void *ctx;
	/* do what is due; returns ms until it wants to run again, -1 none */
	int (*step)(void *ctx, double now);
	/* descriptors whose readiness should wake the loop; returns how many */
	size_t (*pollfds)(void *ctx, struct pollfd *pfd, size_t max);
};

/* Make mon ready for src; false when out of memory. */
bool monitor_init(struct monitor *mon, struct source *src, const struct health *h);

/* Free what monitor_init made (not the source). */
void monitor_free(struct monitor *mon);

/* Rebuild the view if the model or the view's settings changed. */
void monitor_update_view(struct monitor *mon);

/* Catch SIGINT, SIGTERM, SIGHUP and SIGWINCH into the loop's self-pipe from
 * now on (SIGPIPE ignored); false on failure.  main calls it first, so that
 * a signal while things start (the demo's chronyd, the terminal) is kept for
 * the loop, which then ends cleanly, instead of killing the process midway.
 * loop_run calls it too, and puts the default handlers back when it ends. */
bool loop_catch_signals(void);

/* Run until the front end says stop or a signal ends it: returns 0 or the
 * signal number.  interval is the refresh period in seconds. */
int loop_run(struct monitor *mon, const struct frontend *fe, double interval, const struct side_task *task);

#endif
