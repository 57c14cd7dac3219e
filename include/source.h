/* source.h — how the loop drives a source: one small interface, several kinds.
 *
 * Contract: a source runs one poll at a time and never blocks, and never
 * waits itself: the loop owns the one wait.  The loop calls start() on each
 * tick (false: the previous poll is still running, the tick is skipped);
 * before each wait, watch() adds the descriptors the source wants watched
 * and lowers the wait's timeout to when the source must next act (its
 * deadline, libcurl's timer); after the wait, handle() is given those same
 * descriptors with what became ready and does the I/O that is due (a
 * descriptor may be ready, or only the time may have come).  Once ready()
 * says a poll finished, deliver() hands the rows to a sink, or says in the
 * source's own words why there are none.  stop() ends any poll in flight
 * (children killed and reaped).  Any number of sources share one wait.  No
 * source knows about curses or the model.  What a poll leaves behind, and
 * how others see a source, is in source_result.h. */
#ifndef TICCTOP_SOURCE_H
#define TICCTOP_SOURCE_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "parse.h"
#include "source_result.h"

#define SOURCE_MAX_FDS 8   /* descriptors one source may watch at once */

struct source_ops {
	bool (*start)(struct source *s, double now);
	/* descriptors to watch into pfd[0..max) (returns how many); lower
	 * *timeout_ms (-1: none yet) to when it must act next */
	size_t (*watch)(struct source *s, struct pollfd *pfd, size_t max, int *timeout_ms, double now);
	/* the wait ended: pfd[0..n) as watch() gave them, revents set */
	void (*handle)(struct source *s, const struct pollfd *pfd, size_t n, double now);
	bool (*ready)(const struct source *s);
	void (*deliver)(struct source *s, row_sink sink, void *ctx, struct source_result *res);
	void (*stop)(struct source *s);
	void (*free)(struct source *s);
};

/* The last good answer a source parsed, so that an identical one is not
 * parsed again (a source keeps one; zero-initialise it, set body.cap). */
struct source_memo {
	struct buf body;            /* its bytes */
	struct source_result res;   /* what parsing it gave */
	bool valid;
};

/* If body holds exactly the memo's answer, give res what parsing it gave,
 * marked same, and return true; else false. */
bool source_memo_repeat(const struct source_memo *mm, const struct buf *body, struct source_result *res);

/* After body was parsed into res: keep it (swapped into the memo, not
 * copied) when the poll succeeded, else forget the memo. */
void source_memo_keep(struct source_memo *mm, struct buf *body, const struct source_result *res);

/* The process groups sources started (chronyc and what it started), so
 * that every way out stops them, a crash included.  add/remove from normal
 * code; kill is async-signal-safe (a crash handler calls it). */
void source_group_add(pid_t pgid);
void source_group_remove(pid_t pgid);
void source_groups_kill(int sig);

/* The socket files sources bound (a reply socket beside chronyd's), so
 * that every way out removes them, a crash included.  add/remove from
 * normal code (add returns false when the table is full: bind nothing
 * then); unlink_all is async-signal-safe (a crash handler calls it). */
#define SOURCE_PATH_MAX 108   /* sun_path's size */
bool source_path_add(const char *path);
void source_path_remove(const char *path);
void source_paths_unlink(void);

/* Milliseconds from now until t (monotonic seconds), at least 0, at most a
 * minute; for watch(). */
int source_ms_until(double t, double now);

/* Lower *timeout_ms to ms when ms says sooner (-1 = no limit). */
void source_sooner(int *timeout_ms, int ms);

#endif
