/* monitor.c — the state every front end reads, updated after each poll. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "monitor.h"

/* Make mon ready for src. */
bool
monitor_init(struct monitor *mon, struct source *src, const struct health *h)
{
	memset(mon, 0, sizeof *mon);
	mon->src = src;
	mon->health = *h;
	view_init(&mon->view);
	health_server_limits(&mon->srv_limits);
	mon->view_stale = true;
	return (mon->model = model_new()) != NULL;
}

/* Start the clients afresh. */
bool
monitor_restart(struct monitor *mon)
{
	struct model *m = model_new_like(mon->model);

	if (!m)
		return false;
	model_free(mon->model);
	mon->model = m;
	mon->view_stale = true;
	mon->have_srv_rates = false;
	mon->polls = 0;
	trend_init(&mon->trend);
	return true;
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

/* Feed the server's history with the poll that ended at now, span seconds
 * after the one before: the rate totals (once known), the status counts,
 * and the server's offset and frequency when the poll read its tracking;
 * all unknown when it failed. */
void
monitor_feed_trend(struct monitor *mon, double now, double span, bool ok)
{
	static const enum trend_series by_status[STATUS_COUNT] = {
		[STATUS_OK] = TREND_OK, [STATUS_WARNING] = TREND_WARN, [STATUS_CRITICAL] = TREND_CRIT,
	};
	double v[TREND_SERIES_COUNT];
	size_t counts[STATUS_COUNT];
	struct rate_totals rt;

	for (int s = 0; s < TREND_SERIES_COUNT; s++)
		v[s] = NAN;
	if (ok) {
		model_rate_totals(mon->model, &rt);
		if (rt.known) {
			v[TREND_NTP] = rt.ntp;
			v[TREND_DROPS] = rt.drops;
			v[TREND_CMD] = rt.cmd;
		}
		model_summary(mon->model, counts);
		for (int st = 0; st < STATUS_COUNT; st++)
			v[by_status[st]] = (double)counts[st];
		const struct server_data *sd = &mon->last.serverdata;
		const struct srv_value *trk = sd->tracking.v;
		if (sd->avail == SRV_AVAIL_LOCAL && sd->have[SRV_TRACKING]) {
			v[TREND_OFFSET] = trk[TRK_SYSTEM_TIME].known ? trk[TRK_SYSTEM_TIME].num : NAN;
			v[TREND_FREQ] = trk[TRK_FREQUENCY].known ? trk[TRK_FREQUENCY].num : NAN;
		}
	}
	trend_push(&mon->trend, now, span, v);
}

/* Ask the source for the ntpdata of the time source at addr from the next poll on. */
bool
monitor_want_ntpdata(struct monitor *mon, const char *addr)
{
	bool ok = !addr || !addr[0] || srv_ntpdata_addr_ok(addr);

	snprintf(mon->src->want_ntpdata, sizeof mon->src->want_ntpdata, "%s", ok && addr ? addr : "");
	return ok;
}

/* Keep the server data of the poll in mon->last when it read some (or
 * says its source never has any), with the counters' rates since the last;
 * a poll that read none keeps the last. */
static void
take_server_data(struct monitor *mon, double now, time_t wall)
{
	const struct server_data *sd = &mon->last.serverdata;

	if (sd->avail == SRV_AVAIL_NONE)
		return;
	mon->have_srv_rates = sd->have[SRV_SERVERSTATS] && mon->srv.have[SRV_SERVERSTATS];
	if (mon->have_srv_rates)
		srv_rates_compute(&mon->srv_rates, &sd->serverstats, &mon->srv.serverstats, now - mon->srv_time);
	mon->srv = *sd;
	trend_sources_feed(&mon->src_trend, sd);
	mon->srv_time = now;
	mon->srv_wall = wall;
}

/* End the model's update for the poll in mon->last and note its times. */
void
monitor_take(struct monitor *mon, double now, time_t wall)
{
	bool ok = mon->last.err == SOURCE_OK;
	/* the model's clock: when the counters were read (a dashboard's own clock bounds it) */
	double read = server_poll_time(&mon->server_clock, ok ? &mon->last.server : NULL, now);

	if (!mon->last.same)
		model_end(mon->model, &mon->health, ok, read);
	else /* a repeated answer leaves the clients as they were; the clock moves */
		model_tick(mon->model, read);
	monitor_feed_trend(mon, now, mon->polls ? now - mon->poll_time : 0, ok);
	mon->poll_time = now;
	mon->polls++;
	if (ok) {
		mon->have_data = true;
		mon->data_time = now;
		mon->data_wall = wall;
	}
	take_server_data(mon, now, wall);
	server_clock_update(&mon->server_clock, ok || mon->last.server.time[0] ? &mon->last.server : NULL, now, wall);
	monitor_update_view(mon);
}
