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
#include "source_chronyc.h"
#include "source_http.h"
#include "ui.h"

/* Print the version of ticctop and of the libraries it runs with. */
static void
print_version(void)
{
	printf("ticctop %s\n%s, libcurl %s, jansson %s\n", PACKAGE_VERSION, curses_version(),
	       curl_version_info(CURLVERSION_NOW)->version, jansson_version_str());
}

#define DEMO_CLIENTS 300
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

/* Make the source the options ask for; NULL (with a message) on failure. */
static struct source *
make_source(const struct options *o, const struct demo *demo)
{
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
	char err[512];
	struct monitor mon;
	struct health h;
	const char *bad = NULL;
	char where[600];
	enum conffile_result cr;

	if (!loop_catch_signals()) {
		fprintf(stderr, "ticctop: cannot set up signal handling\n");
		return EXIT_UNKNOWN;
	}
	setlocale(LC_ALL, "");
	options_defaults(&o);
	if ((cr = conffile_load(&o, &config, err, sizeof err)) == CONFFILE_WARNING)
		fprintf(stderr, "ticctop: warning: %s\n", err);
	if (cr == CONFFILE_ERROR || options_parse(&o, argc, argv, err, sizeof err) != OPT_OK) {
		fprintf(stderr, "ticctop: %s\n", err);
		free(config);
		return EXIT_UNKNOWN;
	}
	if (o.log && !log_open(o.log, err, sizeof err)) {
		options_where(&o, "log", where, sizeof where);
		fprintf(stderr, "ticctop: %s%s\n", where, err);
		free(config);
		return EXIT_UNKNOWN;
	}
	if (o.help) {
		options_help(stdout, "ticctop");
		return 0;
	}
	if (o.version) {
		print_version();
		return 0;
	}
	health_init(&h, o.warn_drops, o.crit_drops);
	struct demo *demo = NULL;
	if (o.demo && !(demo = demo_start(DEMO_CLIENTS, err, sizeof err))) {
		fprintf(stderr, "ticctop: --demo: %s\n", err);
		return EXIT_UNKNOWN;
	}
	struct source *src = make_source(&o, demo);
	if (!src || !monitor_init(&mon, src, &h)) {
		if (src)
			src->ops->free(src);
		demo_stop(demo);
		return EXIT_UNKNOWN;
	}
	mon.view.key = (enum sort_key)o.sort;
	mon.view.reverse = o.reverse;
	if (o.filter && filter_parse(o.filter, &mon.view.filter, &bad) != FILTER_OK) {
		options_where(&o, "filter", where, sizeof where);
		fprintf(stderr, "ticctop: %s--filter: cannot use \"%s\" (words: status:ok|warn|crit, family:v4|v6|host, or text)\n",
		        where, bad);
		monitor_free(&mon);
		src->ops->free(src);
		demo_stop(demo);
		return EXIT_UNKNOWN;
	}

	struct side_task task = demo ? demo_task(demo) : (struct side_task){ 0 };
	int rc;
	if (!o.batch && isatty(STDOUT_FILENO)) {
		rc = ui_run(&mon, &o, (double)o.delay / 10.0, demo ? &task : NULL);
	} else {
		struct batch b = {
			.format = (enum out_format)o.format, .iterations = o.iterations,
			.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0, .status = EXIT_UNKNOWN,
		};
		struct frontend fe = batch_frontend(&b);
		int sig = loop_run(&mon, &fe, (double)o.delay / 10.0, demo ? &task : NULL);
		rc = sig ? 128 + sig : (int)b.status;
	}

	monitor_free(&mon);
	src->ops->free(src);
	demo_stop(demo);
	log_close();
	free(config);
	return rc;
}
