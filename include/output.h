/* output.h — batch output: text for people (and Nagios), CSV, JSON, and the
 * metrics formats (Prometheus text exposition, InfluxDB line protocol).
 *
 * Contract: writes one report of the current view to a stream; every string
 * from the source is escaped for the format (sanitised text, RFC 4180 CSV of
 * sanitised fields, JSON strings of sanitised text in pure ASCII).  Lines the parser
 * skipped are never silent: "skipped" in the JSON source object, a note on
 * the text status line.  When the source failed, text is the one line
 * "TICCTOP UNKNOWN - <reason>"; CSV and JSON keep the last good data,
 * marked (CSV: every row ends with time, age and stale; JSON: source.ok,
 * source.age).  A stream of CSV reports has one header, the first.  Numbers are written the same under every locale
 * (a decimal point, never LC_NUMERIC's comma).  The JSON shape is the stable contract documented in
 * ticctop(1).  The metrics formats (output_prom.h, output_influx.h) write
 * what JSON holds as series with a server label; an unknown value is left
 * out, never written as 0 or NaN.  output_status maps the summary to a
 * Nagios plugin exit status.  The server's own data (r->srv) goes into JSON
 * as "server" (every report and field, null where none came) and into text
 * after the clients; CSV stays the clients' table. */
#ifndef TICCTOP_OUTPUT_H
#define TICCTOP_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "health.h"
#include "health_server.h"
#include "model.h"
#include "server.h"
#include "serverdata.h"
#include "status.h"
#include "view.h"

enum out_format { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON, FORMAT_PROM, FORMAT_INFLUX, FORMAT_COUNT };

/* What sets the exit status and the status line (--check). */
enum check_scope { CHECK_ALL, CHECK_CLIENTS, CHECK_SERVER, CHECK_COUNT };

/* The server itself, for a report. */
struct report_server {
	const struct server_data *data;   /* the last good (or CLIENTS_ONLY) data */
	const struct srv_limits *limits;
	const struct srv_rates *rates;    /* counts a second; NULL: none yet */
	bool have;                        /* data was read by some poll */
	double age;                       /* seconds since it was read */
	bool stale;                       /* the last poll did not read it */
	bool clock_stopped;               /* a dashboard's clock has stopped (server_clock) */
	const char *count_warning;        /* what was odd in a dashboard's count; NULL none */
};
/* Everything one report shows. */
struct report {
	const char *name;          /* the server's name in a fleet (output_write_fleet); NULL alone
	                              (the metrics formats' server label is then the target) */
	const char *kind;          /* source kind: "chronyc", "http" */
	const char *target;        /* what the source reads (no secrets) */
	const char *error;         /* the source's last error, NULL if the last poll was good */
	size_t skipped;            /* lines of the last poll that were not client rows */
	const char *skip_note;     /* what was skipped, for people ("2 lines skipped (first: ...)") */
	const struct server_info *server; /* what a remote server said about itself, NULL or empty: nothing */
	bool have_data;            /* some poll has ever succeeded */
	double age;                /* seconds since the data was read */
	time_t time;               /* when the data was read (wall clock) */
	const struct model *m;
	const struct view *v;
	const struct health *h;
	bool utf8;                 /* the terminal takes UTF-8 (text and CSV; JSON is always ASCII) */
	bool continued;            /* a later report of the same stream: CSV writes no header */
	long max_series;           /* prom: the most series one exposition holds, 0 no limit */
	const struct report_server *srv; /* the server itself; NULL: nothing to say (as --check clients) */
	enum check_scope check;    /* what output_status and the status line judge */
};

/* Machine name of a check scope ("all", "clients", "server"). */
const char *output_check_name(enum check_scope c);

/* Machine name of a format ("text", "csv", "json", "prom", "influx"). */
const char *output_format_name(enum out_format f);

/* Write one report of r in format f; false (errno set) when the stream
 * failed (a full disk, a closed descriptor). */
bool output_write(FILE *fp, enum out_format f, const struct report *r);

/* Clients of the reports r[0..nr) that format f leaves out (prom under
 * r[0].max_series, all servers in one exposition), 0 none. */
size_t output_omitted(enum out_format f, const struct report *r, size_t nr);

/* The exit status r stands for: 3 when the source failed, else by the worst
 * status of what r->check judges (all: the clients, and the server when it
 * was judged; server: 3 when it was not). */
enum exit_status output_status(const struct report *r);

#define OUTPUT_MAX_SERVERS 32   /* reports in one fleet */

/* Write one report of a fleet, r[0..nr) a server each (name set): JSON
 * {"ticctop":1,"time","summary" (of all),"servers":[{"name","time","source",
 * "summary","clients","server"}]}; text: one status line for the fleet
 * (the worst state, fleet.h's rule; UNKNOWN: the failed servers' names),
 * then each server's name, target and own report; CSV: a server column
 * first; prom: one exposition, each family once, a server label per
 * series; influx: each server's lines.  False (errno set) when the stream failed. */
bool output_write_fleet(FILE *fp, enum out_format f, const struct report *r, size_t nr);

/* The exit status of a fleet r[0..nr): the worst of its servers' (fleet.h). */
enum exit_status output_fleet_status(const struct report *r, size_t nr);

#endif
