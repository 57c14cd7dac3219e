/* main.c — ticctop: options, the sources (a fleet), the front end, the exit status. */
#include "config.h"

#include <curl/curl.h>
#include <curses.h>
#include <jansson.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "conffile.h"
#include "demo.h"
#include "log.h"
#include "loop.h"
#include "options.h"
#include "recorder.h"
#include "source_chronyc.h"
#include "source_http.h"
#include "source_replay.h"
#include "source_socket.h"
#include "ui.h"

/* Print the version of ticctop and of the libraries it runs with. */
static void
print_version(void)
{
	printf("ticctop %s\n%s, libcurl %s, jansson %s\n", PACKAGE_VERSION, curses_version(),
	       curl_version_info(CURLVERSION_NOW)->version, jansson_version_str());
}

#define DEMO_CLIENTS 300
#define REPLAY_TICK 0.05 /* seconds between the full screen's looks at a replay's clock */
#define DEMO_LABEL "ticctop --demo (a private chronyd)"

/* The config file's text: options point into it until the end. */
static char *config;

/* Make the http source a --url asks for; NULL (with a message) on failure. */
static struct source *
make_http_source(const struct options *o, const struct source_opts *so)
{
	struct http_cfg hc = {
		.url = so->url, .cacert = so->cacert, .capath = so->capath, .cert = so->cert, .key = so->key,
		.insecure = so->insecure, .user = so->user, .password_file = so->password_file,
		.bearer_file = so->bearer_file, .noproxy = so->noproxy,
		.timeout = o->timeout, .max_size = (size_t)o->max_size_mib << 20,
	};
	char why[600];
	struct source *s = source_http_new(&hc, why, sizeof why);

	if (!s)
		fprintf(stderr, "ticctop: %s\n", why);
	else if (s->warning)
		fprintf(stderr, "ticctop: warning: %s\n", s->warning);
	return s;
}

/* Make the --replay source (every poll at once when fast); NULL (with a message) on failure. */
static struct source *
make_replay_source(const struct options *o, bool fast)
{
	char why[800];
	struct source *s = source_replay_new(o->replay, fast, why, sizeof why);

	if (!s)
		fprintf(stderr, "ticctop: --replay %s\n", why);
	return s;
}

/* Make the source so names (the demo's chronyd when there is one; the
 * recording of --replay, played at once unless on the screen); NULL (with
 * a message) on failure.  Locally: chronyc when asked for, with --sudo, or
 * when a chronyc program is named; the socket when asked for; else auto
 * (the socket, or chronyc when the socket cannot be used). */
static struct source *
make_source(const struct options *o, const struct source_opts *so, const struct demo *demo, bool screen)
{
	if (o->replay)
		return make_replay_source(o, !screen);
	if (so->url)
		return make_http_source(o, so);
	const char *socket = demo ? demo_socket(demo) : so->socket;
	const char *label = demo ? DEMO_LABEL : NULL; /* one name for every demo, so its settings are remembered */
	struct chronyc_cfg cc = {
		.chronyc = o->chronyc, .socket = socket, .sudo = o->sudo, .label = label,
		.timeout = o->timeout, .max_size = (size_t)o->max_size_mib << 20,
	};
	struct socket_cfg sc = {
		.socket = socket, .label = label, .timeout = o->timeout, .max_size = (size_t)o->max_size_mib << 20,
	};
	bool chronyc_named = strcmp(o->chronyc, "chronyc") != 0; /* a program named: that one runs */
	struct source *s;

	if (o->via == VIA_SOCKET && o->sudo) {
		fprintf(stderr, "ticctop: --sudo runs chronyc: it cannot go with --via socket\n");
		return NULL;
	}
	if (o->via == VIA_CHRONYC || o->sudo || (o->via == VIA_AUTO && chronyc_named))
		s = source_chronyc_new(&cc);
	else if (o->via == VIA_SOCKET)
		s = source_socket_new(&sc);
	else
		s = source_auto_new(source_socket_new(&sc), source_chronyc_new(&cc));
	if (!s)
		fprintf(stderr, "ticctop: out of memory\n");
	return s;
}

/* Make a monitor per source the options name (none: the local chronyd, or
 * the demo's) into f, each with its name; false (with a message) on failure.
 * *ready counts the monitors made, for fleet_free. */
static bool
make_fleet(struct fleet *f, size_t *ready, const struct options *o, const struct demo *demo, const struct health *h,
           bool screen)
{
	static const struct source_opts local = { 0 };
	size_t n = o->nsources ? o->nsources : 1;

	*ready = 0;
	if (!fleet_alloc(f, n)) {
		fprintf(stderr, "ticctop: out of memory\n");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct source_opts *so = o->nsources ? &o->sources[i] : &local;
		struct source *src = make_source(o, so, demo, screen);
		if (!src)
			return false;
		if (!monitor_init(&f->mon[i], src, h)) {
			src->ops->free(src);
			fprintf(stderr, "ticctop: out of memory\n");
			return false;
		}
		(*ready)++;
		fleet_set_name(f, i, so->name);
		model_configure(f->mon[i].model, (double)o->window, (double)o->highlight);
		f->mon[i].view.key = (enum sort_key)o->sort;
		f->mon[i].view.reverse = o->reverse;
		f->mon[i].srv_limits.warn_offset = o->warn_offset;
		f->mon[i].srv_limits.crit_offset = o->crit_offset;
	}
	return true;
}

int
main(int argc, char **argv)
{
	struct options o;
	char err[512], words[128], where[600];
	struct fleet fleet = { 0 };
	size_t ready = 0;
	struct health h;
	struct filter filter;
	const char *bad = NULL;
	enum conffile_result cr;
	struct demo *demo = NULL;
	int rc = EXIT_UNKNOWN;

	if (!loop_catch_signals()) {
		fprintf(stderr, "ticctop: cannot set up signal handling\n");
		goto out;
	}
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* numbers on the screen read as chronyc's (and htop's): a '.' in every locale */
	options_defaults(&o);
	if ((cr = conffile_load(&o, &config, err, sizeof err)) == CONFFILE_WARNING)
		fprintf(stderr, "ticctop: warning: %s\n", err);
	if (cr == CONFFILE_ERROR || options_parse(&o, argc, argv, err, sizeof err) != OPT_OK) {
		fprintf(stderr, "ticctop: %s\n", err);
		goto out;
	}
	if (o.log && !log_open(o.log, err, sizeof err)) {
		options_where(&o, "log", where, sizeof where);
		fprintf(stderr, "ticctop: %s%s\n", where, err);
		goto out;
	}
	if (o.help || o.version) {
		if (o.help)
			options_help(stdout, "ticctop");
		else
			print_version();
		rc = 0;
		goto out;
	}
	/* refused before --demo starts a chronyd for nothing */
	if (o.filter && filter_parse(o.filter, &filter, &bad) != FILTER_OK) {
		options_where(&o, "filter", where, sizeof where);
		filter_words(words, sizeof words);
		fprintf(stderr, "ticctop: %s--filter: cannot use \"%s\" (words: %s, or text)\n", where, bad, words);
		goto out;
	}
	health_setup(&h, &(struct health_limits){ .warn_drops = o.warn_drops, .crit_drops = o.crit_drops,
	                                          .judge = (enum judge)o.judge, .warn_rate = llround(o.warn_rate * 1000),
	                                          .crit_rate = llround(o.crit_rate * 1000) });
	if (o.demo && !(demo = demo_start(DEMO_CLIENTS, err, sizeof err))) {
		fprintf(stderr, "ticctop: --demo: %s\n", err);
		goto out;
	}
	bool screen = !o.batch && isatty(STDOUT_FILENO);
	/* a replay plays as fast as it can in batch, else in its own time (ticks wake it) */
	double interval = o.replay ? (screen ? REPLAY_TICK : 0) : (double)o.delay / 10.0;
	if (!make_fleet(&fleet, &ready, &o, demo, &h, screen))
		goto out;
	for (size_t i = 0; o.filter && i < fleet.n; i++)
		fleet.mon[i].view.filter = filter;
	if (o.record && fleet.n > 1) {
		fprintf(stderr, "ticctop: --record records one source, not a fleet of %zu\n", fleet.n);
		goto out;
	}
	if (o.record && !(fleet.mon[0].rec = recorder_open(o.record, fleet.mon[0].src, (double)o.delay / 10.0,
	                                                   (uint64_t)o.record_max_mib << 20, err, sizeof err))) {
		fprintf(stderr, "ticctop: --record %s\n", err);
		goto out;
	}

	struct side_task task = demo ? demo_task(demo) : (struct side_task){ 0 };
	if (screen) {
		rc = ui_run(&fleet, &o, interval, demo ? &task : NULL);
	} else {
		struct batch b = {
			.fleet = &fleet, .format = (enum out_format)o.format, .check = (enum check_scope)o.check,
			.iterations = o.iterations,
			.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0, .status = EXIT_UNKNOWN,
			.output_file = o.output_file, .max_series = o.max_series,
		};
		struct frontend fe = batch_frontend(&b);
		int sig = loop_run(fleet.mon, fleet.n, &fe, interval, demo ? &task : NULL);
		rc = sig ? 128 + sig : (int)b.status;
	}

	if (replay_stopped(fleet.mon[0].src))
		fprintf(stderr, "ticctop: --replay %s\n", replay_stopped(fleet.mon[0].src));
	if (fleet.mon[0].rec && recorder_error(fleet.mon[0].rec))
		fprintf(stderr, "ticctop: --record stopped: %s\n", recorder_error(fleet.mon[0].rec));
out:
	for (size_t i = 0; i < ready; i++) {
		recorder_close(fleet.mon[i].rec);
		fleet.mon[i].src->ops->free(fleet.mon[i].src);
	}
	fleet_free(&fleet, ready);
	demo_stop(demo);
	log_close();
	free(config);
	return rc;
}
