/* main.c — ticctop: options, the source, the front end, the exit status. */
#include "config.h"

#include <curl/curl.h>
#include <curses.h>
#include <jansson.h>
#include <langinfo.h>
#include <locale.h>
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

/* Make the http source --url asks for; NULL (with a message) on failure. */
static struct source *
make_http_source(const struct options *o)
{
	struct http_cfg hc = {
		.url = o->url, .cacert = o->cacert, .capath = o->capath, .cert = o->cert, .key = o->key,
		.insecure = o->insecure, .user = o->user, .password_file = o->password_file,
		.bearer_file = o->bearer_file, .noproxy = o->noproxy,
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

/* Make the source the options ask for; NULL (with a message) on failure. */
static struct source *
make_source(const struct options *o, const struct demo *demo, bool screen)
{
	if (o->replay)
		return make_replay_source(o, !screen);
	if (o->url)
		return make_http_source(o);
	struct chronyc_cfg cc = {
		.chronyc = o->chronyc, .socket = demo ? demo_socket(demo) : o->socket, .sudo = o->sudo,
		.label = demo ? DEMO_LABEL : NULL, /* one name for every demo, so its settings are remembered */
		.timeout = o->timeout, .max_size = (size_t)o->max_size_mib << 20,
	};
	struct source *s = source_chronyc_new(&cc);

	if (!s)
		fprintf(stderr, "ticctop: out of memory\n");
	return s;
}

int
main(int argc, char **argv)
{
	struct options o;
	char err[512], words[128], where[600];
	struct monitor mon;
	struct health h;
	struct filter filter;
	const char *bad = NULL;
	enum conffile_result cr;
	struct demo *demo = NULL;
	struct source *src = NULL;
	bool have_mon = false;
	int rc = EXIT_UNKNOWN;

	if (!loop_catch_signals()) {
		fprintf(stderr, "ticctop: cannot set up signal handling\n");
		goto out;
	}
	setlocale(LC_ALL, "");
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
	health_init(&h, o.warn_drops, o.crit_drops);
	if (o.demo && !(demo = demo_start(DEMO_CLIENTS, err, sizeof err))) {
		fprintf(stderr, "ticctop: --demo: %s\n", err);
		goto out;
	}
	bool screen = !o.batch && isatty(STDOUT_FILENO);
	/* a replay plays as fast as it can in batch, else in its own time (ticks wake it) */
	double interval = o.replay ? (screen ? REPLAY_TICK : 0) : (double)o.delay / 10.0;
	if (!(src = make_source(&o, demo, screen)) || !(have_mon = monitor_init(&mon, src, &h)))
		goto out;
	if (o.record && !(mon.rec = recorder_open(o.record, src, (double)o.delay / 10.0,
	                                          (uint64_t)o.record_max_mib << 20, err, sizeof err))) {
		fprintf(stderr, "ticctop: --record %s\n", err);
		goto out;
	}
	mon.view.key = (enum sort_key)o.sort;
	mon.view.reverse = o.reverse;
	if (o.filter)
		mon.view.filter = filter;

	struct side_task task = demo ? demo_task(demo) : (struct side_task){ 0 };
	if (screen) {
		rc = ui_run(&mon, &o, interval, demo ? &task : NULL);
	} else {
		struct batch b = {
			.format = (enum out_format)o.format, .iterations = o.iterations,
			.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0, .status = EXIT_UNKNOWN,
			.output_file = o.output_file, .max_series = o.max_series,
		};
		struct frontend fe = batch_frontend(&b);
		int sig = loop_run(&mon, &fe, interval, demo ? &task : NULL);
		rc = sig ? 128 + sig : (int)b.status;
	}

	if (src && replay_stopped(src))
		fprintf(stderr, "ticctop: --replay %s\n", replay_stopped(src));
	if (mon.rec && recorder_error(mon.rec))
		fprintf(stderr, "ticctop: --record stopped: %s\n", recorder_error(mon.rec));
out:
	if (have_mon)
		recorder_close(mon.rec);
	if (have_mon)
		monitor_free(&mon);
	if (src)
		src->ops->free(src);
	demo_stop(demo);
	log_close();
	free(config);
	return rc;
}
