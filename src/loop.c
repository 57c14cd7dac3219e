/* loop.c — ticks, the sources, signals and a front end in one poll loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "loop.h"
#include "record.h"
#include "recorder.h"

#define OWN_FDS 56                       /* the signals', a front end's and a side task's */
#define MAX_FDS (OWN_FDS + LOOP_MAX_SOURCES * SOURCE_MAX_FDS) /* in one wait */

static int sig_pipe[2] = { -1, -1 };

static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };

/* A crash or SIGQUIT (Ctrl-\, which asks for a core dump): the sources'
 * process groups are killed, then the handler that was there before (the
 * full screen's, which restores the terminal) or the default one takes the
 * signal. */
static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT };
static struct sigaction fatal_before[sizeof fatal / sizeof fatal[0]];

/* Kill the sources' children, then let the earlier handler or the default end us. */
static void
on_crash(int signo)
{
	source_groups_kill(SIGKILL);
	source_paths_unlink();
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
		if (fatal[i] != signo)
			continue;
		void (*before)(int) = fatal_before[i].sa_handler;
		if (!(fatal_before[i].sa_flags & SA_SIGINFO) && before != SIG_DFL && before != SIG_IGN) {
			before(signo); /* it re-raises */
			return;
		}
	}
	signal(signo, SIG_DFL);
	raise(signo);
}

/* Catch the crash signals with on_crash, keeping the handler that was
 * there unless it is on_crash already. */
static void
catch_crashes(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
		sigaction(fatal[i], &sa, &old);
		if (old.sa_handler != on_crash)
			fatal_before[i] = old;
	}
}

/* Write the signal's number into the self-pipe. */
static void
on_signal(int signo)
{
	int saved = errno;
	unsigned char b = (unsigned char)signo;
	if (write(sig_pipe[1], &b, 1) < 0) {
		/* full pipe: a signal of that kind is already pending */
	}
	errno = saved;
}

/* Catch the loop's signals into the self-pipe from now on; false on failure. */
bool
loop_catch_signals(void)
{
	struct sigaction sa;

	if (sig_pipe[0] < 0 && pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return false;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		sigaction(caught[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	catch_crashes();
	return true;
}

/* Put the default handlers back (and the crash handlers that were there). */
static void
signals_stop(void)
{
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		signal(caught[i], SIG_DFL);
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &fatal_before[i], NULL);
}

/* A row of the poll into the recording, then the model (ctx: the monitor). */
static bool
record_and_put(void *ctx, const struct row *r)
{
	struct monitor *mon = ctx;

	return recorder_row(mon->rec, r) && model_put(mon->model, r);
}

/* Take a finished poll into the model (and the recording, at the times the
 * model gets: a replay gives it the same); keep the last good data on
 * failure.  A source with times of its own (a replay) gives the model those. */
static void
take_poll(struct monitor *mon, double now)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	time_t wall = ts.tv_sec;
	if (mon->src->jumped)
		monitor_restart(mon);
	model_begin(mon->model);
	if (mon->rec) {
		now = record_clock(now);
		recorder_begin(mon->rec);
		mon->src->ops->deliver(mon->src, record_and_put, mon, &mon->last);
		recorder_poll(mon->rec, now, (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, &mon->last);
	} else {
		mon->src->ops->deliver(mon->src, model_put, mon->model, &mon->last);
	}
	if (mon->src->own_times) {
		now = mon->src->poll_mono;
		wall = mon->src->poll_wall;
	}
	monitor_take(mon, now, wall);
}

/* One wait over pfd[0..n) and the sources' descriptors; each source then
 * handles what became ready. */
int
loop_wait(struct source *const *src, size_t nsrc, struct pollfd *pfd, size_t n, size_t max, int timeout_ms)
{
	size_t first[LOOP_MAX_SOURCES], count[LOOP_MAX_SOURCES], total = n;
	double now = clock_mono();

	if (nsrc > LOOP_MAX_SOURCES || n > max) {
		errno = EINVAL;
		return -1;
	}
	for (size_t i = 0; i < nsrc; i++) {
		first[i] = total;
		count[i] = src[i]->ops->watch(src[i], pfd + total, max - total, &timeout_ms, now);
		total += count[i];
		if (src[i]->ops->ready(src[i]))
			timeout_ms = 0; /* a finished poll is delivered at once */
	}
	int rc = poll(pfd, total, timeout_ms);
	int poll_errno = errno; /* what the caller must see, whatever the sources' I/O leaves */
	now = clock_mono();
	for (size_t i = 0; i < nsrc; i++)
		src[i]->ops->handle(src[i], pfd + first[i], count[i], now);
	errno = poll_errno;
	return rc;
}

/* Read pending signals; returns the one that ends the loop, or 0. */
static int
read_signals(struct monitor *mon, const struct frontend *fe)
{
	unsigned char b[16];
	ssize_t n;
	int end = 0;

	while ((n = read(sig_pipe[0], b, sizeof b)) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (b[i] == SIGWINCH) {
				if (fe->resized)
					fe->resized(fe->ctx, mon);
			} else if (!end) {
				end = b[i];
			}
		}
	return end;
}

/* Start mon's poll when asked to (F5) or when its tick came; *next_tick
 * is its next tick. */
static void
tick(struct monitor *mon, double *next_tick, double interval, double now)
{
	if (mon->poll_now) {
		/* asked for now: a poll under way is that refresh; the next tick
		 * is an interval after this one */
		mon->poll_now = false;
		mon->src->ops->start(mon->src, now);
		*next_tick = now + interval;
	} else if (now >= *next_tick) {
		if (!mon->paused && !mon->src->ops->start(mon->src, now))
			mon->skipped++;
		*next_tick += interval;
		if (*next_tick <= now)
			*next_tick = now + interval; /* fell behind: do not catch up in a burst */
	}
}

/* Run until the front end says stop or a signal ends it. */
int
loop_run(struct monitor *mon, size_t nmon, const struct frontend *fe, double interval, const struct side_task *task)
{
	struct pollfd pfd[MAX_FDS];
	struct source *src[LOOP_MAX_SOURCES];
	double next_tick[LOOP_MAX_SOURCES];
	int end = 0;

	if (nmon == 0 || nmon > LOOP_MAX_SOURCES || !loop_catch_signals())
		return SIGTERM;
	for (size_t i = 0; i < nmon; i++) {
		src[i] = mon[i].src;
		next_tick[i] = clock_mono();
	}
	for (;;) {
		double now = clock_mono();
		int timeout = -1;

		for (size_t i = 0; i < nmon; i++) {
			tick(&mon[i], &next_tick[i], interval, now);
			source_sooner(&timeout, source_ms_until(next_tick[i], now));
		}
		if (task)
			source_sooner(&timeout, task->step(task->ctx, now));
		if (fe->idle)
			source_sooner(&timeout, fe->idle(fe->ctx, mon, now));

		pfd[0] = (struct pollfd){ .fd = sig_pipe[0], .events = POLLIN };
		size_t n = 1 + (fe->pollfds ? fe->pollfds(fe->ctx, pfd + 1, OWN_FDS - 1) : 0);
		size_t ntask = task && task->pollfds ? task->pollfds(task->ctx, pfd + n, OWN_FDS - n) : 0;
		int rc = loop_wait(src, nmon, pfd, n + ntask, MAX_FDS, timeout);
		if (rc < 0 && errno != EINTR)
			break;
		now = clock_mono();
		if (pfd[0].revents && (end = read_signals(mon, fe)))
			break;
		bool stop = false;
		for (size_t i = 0; i < nmon && !stop; i++)
			if (src[i]->ops->ready(src[i])) {
				take_poll(&mon[i], now);
				stop = fe->refreshed && !fe->refreshed(fe->ctx, &mon[i]);
			}
		if (stop)
			break;
		if (n > 1 && fe->input) {
			bool any = false;
			for (size_t i = 1; i < n; i++)
				any |= pfd[i].revents != 0;
			if (any && !fe->input(fe->ctx, mon, pfd + 1, n - 1))
				break;
		}
	}
	for (size_t i = 0; i < nmon; i++)
		src[i]->ops->stop(src[i]);
	signals_stop();
	return end;
}
