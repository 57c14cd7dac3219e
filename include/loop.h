/* loop.h — the one poll loop: refresh ticks, the sources, signals, a front end.
 *
 * Contract: nothing in the loop blocks except its single wait, one poll(2)
 * over every descriptor: the sources' (each says what it wants watched and
 * when it must act, and is told what became ready: source.h), a front end's,
 * the signals' and a side task's; it sleeps until one is ready, the next tick
 * or a side task is due.  With mon->rec, each finished poll is appended to
 * the recording as the model takes it (recorder.h).  A poll that finishes at once (a program that
 * cannot be started) is delivered at once, not at the next tick.  A tick
 * while the source is still busy is skipped and counted.  A finished poll updates the model (keeping the last good data
 * when it failed) and the view, then tells the front end.  SIGINT, SIGTERM
 * and SIGHUP end the loop with the signal's number (the sources then stop
 * their children); SIGWINCH is passed on.  A crash (SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGABRT) or SIGQUIT kills the sources' process groups
 * and removes their socket files before the earlier handler (the full
 * screen's) or the default one takes it. */
#ifndef TICCTOP_LOOP_H
#define TICCTOP_LOOP_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "monitor.h"
#include "source.h"

/* A front end: batch printer or full screen.  Every hook may be NULL.
 * refreshed is given the monitor whose poll finished; the other hooks the
 * first of the loop's monitors (a front end that shows several knows them
 * through ctx). */
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

/* Catch SIGINT, SIGTERM, SIGHUP and SIGWINCH into the loop's self-pipe,
 * and the crash signals and SIGQUIT, from now on (SIGPIPE ignored); false on
 * failure.  main calls it first, so that
 * a signal while things start (the demo's chronyd, the terminal) is kept for
 * the loop, which then ends cleanly, instead of killing the process midway.
 * loop_run calls it too, and puts the default handlers back when it ends. */
bool loop_catch_signals(void);

#define LOOP_MAX_SOURCES 32   /* sources in one wait */

/* One wait: pfd[0..n) are the caller's descriptors, room for max; the
 * sources' descriptors are added after them, one poll(2) waits at most
 * timeout_ms (-1: until something is ready; 0 at once when a source has a
 * finished poll to deliver), then each source handles what became ready.
 * Returns poll's result, and on -1 poll's errno (EINTR: a signal; EINVAL:
 * more than LOOP_MAX_SOURCES sources). */
int loop_wait(struct source *const *src, size_t nsrc, struct pollfd *pfd, size_t n, size_t max, int timeout_ms);

/* Run mon[0..nmon) (at most LOOP_MAX_SOURCES; a fleet) until the front end
 * says stop or a signal ends it: returns 0 or the signal number.  interval
 * is the refresh period in seconds; every monitor ticks on its own, so a
 * source that is still busy skips its tick and delays none of the others. */
int loop_run(struct monitor *mon, size_t nmon, const struct frontend *fe, double interval, const struct side_task *task);

#endif
