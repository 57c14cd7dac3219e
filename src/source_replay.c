/* source_replay.c — a recording played back as a source. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "record.h"
#include "source_replay.h"

#define MAX_STEP 0.5      /* seconds of real time one start may advance the clock: pauses do not count */
#define GAP_SKIP 10.0     /* a pause in the recording longer than this many intervals is skipped */

/* One poll of the recording. */
struct entry {
	struct record_frame f;
	double mono;          /* fed to the model: the recorded time plus whole seconds (exact), so
	                         that it starts near our clock and goes on across segments */
	int64_t wall_ms;
	bool seg_start;       /* the first poll after a HEADER */
	uint32_t seg;         /* its segment: index into segs */
};

/* A segment's source, as its HEADER names it. */
struct segment {
	unsigned version;     /* its format version */
	char kind[32];
	char target[512];
};

static const int speeds[] = { -4, -2, 1, 2, 4, 8, 16, 32, 64 }; /* negative: 1/n */
#define NSPEEDS (int)(sizeof speeds / sizeof speeds[0])
#define SPEED_1X 2

struct replay {
	struct source base;
	char path[512];
	unsigned char *map;
	size_t size;
	struct entry *e;
	size_t n;             /* polls indexed (all up to the first damage) */
	struct segment *segs;
	size_t nsegs;
	size_t next;          /* the next poll to play */
	struct record_dec *dec;
	struct record_poll pending, shown;
	bool have_pending, have_shown;
	bool fast;
	double base_mono;     /* our clock when opened: the model's times start near it */
	double interval;
	double play_ms;       /* the replay clock: recorded wall time, ms */
	double last_now;
	int speed;            /* index into speeds */
	char kind[32];
	char stopped[700];    /* why the index ended before the file did; "" clean */
	char status[160];
};

/* Return the replay behind s. */
static struct replay *
rp(struct source *s)
{
	return (struct replay *)s;
}

/* Write the header's status line: REPLAY, the recorded time, the speed. */
static void
set_status(struct replay *r)
{
	char when[32] = "-", speed[16];
	int sp = speeds[r->speed];

	if (r->have_shown) {
		time_t t = (time_t)(r->shown.wall_ms / 1000);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
	}
	snprintf(speed, sizeof speed, sp < 0 ? "x1/%d" : "x%d", sp < 0 ? -sp : sp);
	snprintf(r->status, sizeof r->status, "REPLAY %s %s%s", when, speed,
	         r->next >= r->n ? (r->stopped[0] ? " (stopped: damaged)" : " (end)") : "");
}

/* Decode poll i into p (resetting the decoder at a segment's start);
 * false, the replay stopped there, when it is malformed. */
static bool
decode(struct replay *r, size_t i, struct record_poll *p)
{
	if (r->e[i].seg_start)
		record_dec_reset(r->dec, r->segs[r->e[i].seg].version);
	enum record_err e = record_dec_poll(r->dec, &r->e[i].f, p);
	if (e == RECORD_OK)
		return true;
	snprintf(r->stopped, sizeof r->stopped, "%s: stopped at byte %zu, after poll %zu: %s", r->path,
	         r->e[i].f.offset, i, record_err_text(e));
	r->n = i;
	return false;
}

/* Go to poll i: decode from the last full snapshot before it (silently) so
 * that poll i is the next to play. */
static void
seek(struct replay *r, size_t i)
{
	size_t j = i;
	struct record_poll *scratch = malloc(sizeof *scratch);

	if (i > r->n)
		i = j = r->n;
	while (j > 0 && !(j < r->n && r->e[j].f.type == RECORD_FULL))
		j--;
	if (j < r->n)
		record_dec_reset(r->dec, r->segs[r->e[j].seg].version);
	for (; scratch && j < i; j++)
		if (!decode(r, j, scratch))
			break;
	free(scratch);
	r->next = j;
	r->have_pending = false;
	r->base.jumped = true;
	if (r->next < r->n)
		r->play_ms = (double)r->e[r->next].wall_ms;
}

/* Start a poll: the next recorded one, when its time has come. */
static bool
replay_start(struct source *s, double now)
{
	struct replay *r = rp(s);
	double step = r->last_now > 0 ? now - r->last_now : 0;
	int sp = speeds[r->speed];

	r->last_now = now;
	if (r->have_pending || r->next >= r->n)
		return false;
	if (!r->fast) {
		step = step > MAX_STEP ? MAX_STEP : step < 0 ? 0 : step;
		r->play_ms += step * 1000 * (sp < 0 ? 1.0 / -sp : sp);
		double ahead = (double)r->e[r->next].wall_ms - r->play_ms;
		if (ahead > GAP_SKIP * r->interval * 1000)
			r->play_ms = (double)r->e[r->next].wall_ms; /* the recording paused: skip the gap */
		else if (ahead > 0)
			return false;
	}
	if (!decode(r, r->next, &r->pending)) {
		s->finished = true;
		set_status(r);
		return false;
	}
	r->have_pending = true;
	return true;
}

/* Nothing to watch; in real time, wake when the next poll is due. */
static size_t
replay_watch(struct source *s, struct pollfd *pfd, size_t max, int *timeout_ms, double now)
{
	struct replay *r = rp(s);
	int sp = speeds[r->speed];

	(void)pfd, (void)max;
	if (!r->fast && r->next < r->n && !r->have_pending) {
		double ms = ((double)r->e[r->next].wall_ms - r->play_ms) / (sp < 0 ? 1.0 / -sp : sp);
		source_sooner(timeout_ms, source_ms_until(now + (ms > 0 ? ms / 1000 : 0), now));
	}
	return 0;
}

/* Nothing to do after a wait. */
static void
replay_handle(struct source *s, const struct pollfd *pfd, size_t n, double now)
{
	(void)s, (void)pfd, (void)n, (void)now;
}

/* A decoded poll waits to be delivered. */
static bool
replay_ready(const struct source *s)
{
	return ((const struct replay *)s)->have_pending;
}

/* Hand over the recorded rows and result. */
static void
replay_deliver(struct source *s, row_sink sink, void *ctx, struct source_result *res)
{
	struct replay *r = rp(s);

	if (!r->have_pending)
		return;
	r->have_pending = false;
	*res = r->pending.res;
	if (r->pending.rows && !record_dec_rows(r->dec, sink, ctx)) {
		res->err = SOURCE_ERR_SYSTEM;
		snprintf(res->message, sizeof res->message, "out of memory");
	}
	const struct segment *g = &r->segs[r->e[r->next].seg]; /* each run that wrote the file names its source */
	snprintf(r->kind, sizeof r->kind, "%s", g->kind);
	snprintf(s->target, sizeof s->target, "%s", g->target);
	r->shown = r->pending;
	r->have_shown = true;
	s->own_times = true;
	s->jumped = false;
	s->poll_mono = r->e[r->next].mono;
	s->poll_wall = (time_t)(r->shown.wall_ms / 1000);
	r->next++;
	s->finished = r->next >= r->n;
	set_status(r);
}

/* Nothing runs between polls. */
static void
replay_stop(struct source *s)
{
	rp(s)->have_pending = false;
}

/* Free the replay. */
static void
replay_free(struct source *s)
{
	struct replay *r = rp(s);

	if (r->map)
		munmap(r->map, r->size);
	record_dec_free(r->dec);
	free(r->e);
	free(r->segs);
	free(r);
}

static const struct source_ops replay_ops = {
	.start = replay_start, .watch = replay_watch, .handle = replay_handle, .ready = replay_ready,
	.deliver = replay_deliver, .stop = replay_stop, .free = replay_free,
};

/* Note where the index ended early and why. */
static void
stop_at(struct replay *r, size_t offset, enum record_err e)
{
	snprintf(r->stopped, sizeof r->stopped, "%s: stopped at byte %zu, after poll %zu: %s", r->path, offset, r->n,
	         record_err_text(e));
}

/* Take a HEADER frame: a segment, whose source the polls after it name;
 * the first names the replay's until a poll plays. */
static enum record_err
index_header(struct replay *r, const struct record_frame *f)
{
	struct record_header h;
	enum record_err e = record_header_read(f, &h);
	struct segment *g = e == RECORD_OK ? realloc(r->segs, (r->nsegs + 1) * sizeof *g) : NULL;

	if (e != RECORD_OK || !g)
		return e != RECORD_OK ? e : RECORD_NOMEM;
	r->segs = g;
	g += r->nsegs++;
	g->version = h.version;
	snprintf(g->kind, sizeof g->kind, "%s", h.kind);
	snprintf(g->target, sizeof g->target, "%s", h.target);
	if (r->nsegs == 1) {
		snprintf(r->kind, sizeof r->kind, "%s", h.kind);
		snprintf(r->base.target, sizeof r->base.target, "%s", h.target);
		r->interval = h.interval_ms ? h.interval_ms / 1000.0 : 1.0;
	}
	return RECORD_OK;
}

/* Index every poll up to the end or the first damage; false with why when
 * the file cannot be replayed at all. */
static bool
build_index(struct replay *r, char *why, size_t whysize)
{
	struct record_frame f;
	enum record_err e = record_magic(r->map, r->size);
	size_t pos = RECORD_MAGIC_LEN, cap = 0;
	bool headed = false, seg_start = false;
	double off = 0;

	if (e != RECORD_OK) {
		snprintf(why, whysize, "%s: %s", r->path, record_err_text(e));
		return false;
	}
	while ((e = record_next(r->map, r->size, &pos, &f)) == RECORD_OK) {
		if (f.type == RECORD_HEADER) {
			if ((e = index_header(r, &f)) != RECORD_OK)
				break;
			headed = seg_start = true;
			continue;
		}
		if (!headed) {
			e = RECORD_MALFORMED;
			break;
		}
		double mono;
		int64_t wall;
		if ((e = record_poll_time(&f, r->segs[r->nsegs - 1].version, &mono, &wall)) != RECORD_OK)
			break;
		if (r->n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct entry *n = realloc(r->e, cap * sizeof *n);
			if (!n) {
				snprintf(why, whysize, "out of memory");
				return false;
			}
			r->e = n;
		}
		if (seg_start) /* the first run's clock starts at ours, each later one's goes on from the last */
			off = r->n ? ceil(r->e[r->n - 1].mono + r->interval - mono) : floor(r->base_mono - mono);
		r->e[r->n++] = (struct entry){ .f = f, .mono = off + mono, .wall_ms = wall, .seg_start = seg_start,
		                               .seg = (uint32_t)(r->nsegs - 1) };
		seg_start = false;
	}
	if (e == RECORD_NEWER && !headed) {
		snprintf(why, whysize, "%s: %s (this one reads format %d)", r->path, record_err_text(e), RECORD_VERSION);
		return false;
	}
	if (!headed) {
		snprintf(why, whysize, "%s: %s", r->path, record_err_text(e == RECORD_END ? RECORD_TRUNCATED : e));
		return false;
	}
	if (e != RECORD_END)
		stop_at(r, pos, e);
	return true;
}

/* Open the recording at path. */
struct source *
source_replay_new(const char *path, bool fast, char *why, size_t whysize)
{
	struct replay *r = calloc(1, sizeof *r);
	struct stat st;
	int fd = -1;

	if (!r || !(r->dec = record_dec_new())) {
		snprintf(why, whysize, "out of memory");
		goto fail;
	}
	snprintf(r->path, sizeof r->path, "%s", path);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0) {
		snprintf(why, whysize, "%s: %s", path, strerror(errno));
		goto fail;
	}
	r->size = (size_t)st.st_size;
	if (r->size && (r->map = mmap(NULL, r->size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		r->map = NULL;
		snprintf(why, whysize, "%s: %s", path, strerror(errno));
		goto fail;
	}
	close(fd);
	fd = -1;
	r->base_mono = clock_mono();
	if (!build_index(r, why, whysize))
		goto fail;
	r->base.ops = &replay_ops;
	r->base.kind = r->kind;
	r->base.status = r->status;
	r->fast = fast;
	r->speed = SPEED_1X;
	r->base.finished = r->n == 0;
	if (r->n)
		r->play_ms = (double)r->e[0].wall_ms;
	set_status(r);
	return &r->base;
fail:
	if (fd >= 0)
		close(fd);
	if (r)
		replay_free(&r->base);
	return NULL;
}

/* Where and why the replay stopped. */
const char *
replay_stopped(const struct source *s)
{
	const struct replay *r = (const struct replay *)s;

	return replay_is(s) && r->stopped[0] && r->next >= r->n ? r->stopped : NULL;
}

/* Return whether s is a replay. */
bool
replay_is(const struct source *s)
{
	return s->ops == &replay_ops;
}

/* Play faster or slower. */
void
replay_speed(struct source *s, int dir)
{
	struct replay *r = rp(s);

	if (!replay_is(s))
		return;
	r->speed += dir > 0 ? 1 : -1;
	r->speed = r->speed < 0 ? 0 : r->speed >= NSPEEDS ? NSPEEDS - 1 : r->speed;
	set_status(r);
}

/* Jump by seconds of recorded time. */
void
replay_jump(struct source *s, double seconds)
{
	struct replay *r = rp(s);
	size_t i = r->next;

	if (!replay_is(s) || r->n == 0)
		return;
	double target = (r->have_shown ? (double)r->shown.wall_ms : r->play_ms) + seconds * 1000;
	if (seconds < 0) {
		while (i > 0 && (double)r->e[i - 1].wall_ms > target)
			i--;
		i = i > 0 ? i - 1 : 0;
	} else {
		while (i < r->n && (double)r->e[i].wall_ms < target)
			i++;
	}
	seek(r, i);
	s->finished = r->next >= r->n;
	set_status(r);
}

/* Go to the first poll or the last. */
void
replay_edge(struct source *s, bool end)
{
	struct replay *r = rp(s);

	if (!replay_is(s) || r->n == 0)
		return;
	seek(r, end ? r->n - 1 : 0);
	s->finished = false;
	set_status(r);
}
