/* loop.c — ticks, the source, signals and a front end in one poll loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "loop.h"

#define MAX_FDS 16

static int sig_pipe[2] = { -1, -1 };

static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };

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
	return true;
}

/* Put the default handlers back. */
static void
signals_stop(void)
{
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		signal(caught[i], SIG_DFL);
}

/* Make mon ready for src. */
bool
monitor_init(struct monitor *mon, struct source *src, const struct health *h)
{
	memset(mon, 0, sizeof *mon);
	mon->src = src;
	mon->health = *h;
	view_init(&mon->view);
	mon->view_stale = true;
	return (mon->model = model_new()) != NULL;
}

/* Free what monitor_init made. */
void
monitor_free(struct monitor *mon)
{
	model_free(mon->model);
	view_free(&mon->view);
	mon->model = NULL;
}

/* Rebuild the view if the model or the view's settings changed. */
void
monitor_update_view(struct monitor *mon)
{
	uint64_t v = model_version(mon->model);

	if (!mon->view_stale && v == mon->view_version)
		return;
	if (view_update(&mon->view, mon->model)) {
		mon->view_stale = false;
		mon->view_version = v;
	}
}

/* Take a finished poll into the model; keep the last good data on failure. */
static void
take_poll(struct monitor *mon, double now)
{
	model_begin(mon->model);
	mon->src->ops->deliver(mon->src, model_put, mon->model, &mon->last);
	if (!mon->last.same)
		model_end(mon->model, &mon->health, mon->last.err == SOURCE_OK, now);
	else /* a repeated answer leaves the clients as they were; the clock moves */
		model_tick(mon->model, now);
	mon->poll_time = now;
	mon->polls++;
	if (mon->last.err == SOURCE_OK) {
		mon->have_data = true;
		mon->data_time = now;
		mon->data_wall = time(NULL);
	}
	monitor_update_view(mon);
}

/* Milliseconds from now until t, at least 0. */
static int
ms_until(double t, double now)
{
	double ms = (t - now) * 1000.0;
	return ms <= 0 ? 0 : ms > 60000 ? 60000 : (int)ms + 1;
}

/* Lower *timeout to ms when ms says sooner (-1 = no limit). */
static void
sooner(int *timeout, int ms)
{
	if (ms >= 0 && (*timeout < 0 || ms < *timeout))
		*timeout = ms;
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

/* Run until the front end says stop or a signal ends it. */
int
loop_run(struct monitor *mon, const struct frontend *fe, double interval, const struct side_task *task)
{
	struct pollfd pfd[MAX_FDS];
	double next_tick = clock_mono();
	int end = 0;

	if (!loop_catch_signals())
		return SIGTERM;
	for (;;) {
		double now = clock_mono();
		int timeout = -1;

		if (now >= next_tick) {
			if (!mon->paused && !mon->src->ops->start(mon->src, now))
				mon->skipped++;
			next_tick += interval;
			if (next_tick <= now)
				next_tick = now + interval; /* fell behind: do not catch up in a burst */
		}
		sooner(&timeout, ms_until(next_tick, now));
		if (task)
			sooner(&timeout, task->step(task->ctx, now));
		if (fe->idle)
			sooner(&timeout, fe->idle(fe->ctx, mon, now));

		pfd[0] = (struct pollfd){ .fd = sig_pipe[0], .events = POLLIN };
		size_t n = 1 + (fe->pollfds ? fe->pollfds(fe->ctx, pfd + 1, MAX_FDS - 1) : 0);
		size_t ntask = task && task->pollfds ? task->pollfds(task->ctx, pfd + n, MAX_FDS - n) : 0;
		int rc = mon->src->ops->wait(mon->src, pfd, n + ntask, timeout, now);
		if (rc < 0 && errno != EINTR)
			break;
		now = clock_mono();
		if (pfd[0].revents && (end = read_signals(mon, fe)))
			break;
		if (mon->src->ops->ready(mon->src)) {
			take_poll(mon, now);
			if (fe->refreshed && !fe->refreshed(fe->ctx, mon))
				break;
		}
		if (n > 1 && fe->input) {
			bool any = false;
			for (size_t i = 1; i < n; i++)
				any |= pfd[i].revents != 0;
			if (any && !fe->input(fe->ctx, mon, pfd + 1, n - 1))
				break;
		}
	}
	mon->src->ops->stop(mon->src);
	signals_stop();
	return end;
}
