/* source_result.h — what a poll of any source leaves behind, neutral of its I/O.
 *
 * Contract: plain data, no I/O and no descriptors: the error a poll ended
 * with (a closed enum), its one-line message, the parser's report, what a
 * remote server said about itself, the server's own reports when the source
 * reads them, and a source as everyone but the loop sees it (its kind,
 * target, standing warning, and the ntpdata a front end asks of it).  The screen state, the
 * model's readers and the report read these; only the loop and the sources
 * (source.h) know how a source is driven. */
#ifndef TICCTOP_SOURCE_RESULT_H
#define TICCTOP_SOURCE_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "parse.h"
#include "server.h"
#include "serverdata.h"

enum source_err {
	SOURCE_OK,
	SOURCE_ERR_NOT_FOUND,       /* the program is not installed / not on PATH */
	SOURCE_ERR_NOT_AUTHORISED,  /* chronyd: 501 Not authorised */
	SOURCE_ERR_NO_DAEMON,       /* chronyd: 506 Cannot talk to daemon */
	SOURCE_ERR_NO_CLIENTLOG,    /* chronyd: 519 Client logging is not active */
	SOURCE_ERR_NO_SOCKET,       /* chronyc: Could not open connection to daemon */
	SOURCE_ERR_SUDO_PASSWORD,   /* sudo -n wants a password */
	SOURCE_ERR_EXIT,            /* the program failed some other way */
	SOURCE_ERR_TIMEOUT,         /* no answer in time */
	SOURCE_ERR_TOO_BIG,         /* the answer passed --max-size */
	SOURCE_ERR_SYSTEM,          /* pipe, spawn or memory failure here */
	SOURCE_ERR_PARSE,           /* an answer came, but not client data */
	SOURCE_ERR_CONNECT,         /* http: cannot resolve or connect */
	SOURCE_ERR_TLS,             /* http: TLS failed (certificate not trusted, ...) */
	SOURCE_ERR_HTTP_STATUS,     /* http: the server answered 4xx/5xx */
	SOURCE_ERR_AUTH,            /* http: 401/403/407, credentials wanted or refused */
	SOURCE_ERR_REDIRECT,        /* http: a redirect ticctop will not follow */
	SOURCE_ERR_TRANSFER,        /* http: the transfer broke (cut short, bad encoding, ...) */
	SOURCE_ERR_FORMAT,          /* http: not JSON at all (an HTML page, text) */
	SOURCE_ERR_SERVER,          /* http: the dashboard reports its own error */
	SOURCE_ERR_PROTOCOL,        /* socket: chronyd speaks another protocol version, or not this command */
	SOURCE_ERR_COUNT
};

/* What one finished poll said. */
struct source_result {
	enum source_err err;
	char message[1024];          /* one line for people; raw, sanitise before showing */
	struct parse_report rep;     /* what the parser saw */
	enum parse_err perr;
	struct server_info server;   /* what a remote server said about itself; zero otherwise */
	struct server_data serverdata; /* the server's own reports and sources (serverdata.h): avail
	                                  NONE when this poll read none, CLIENTS_ONLY for a source
	                                  that never carries them (note says what it offers) */
	bool same;                   /* the answer was byte-identical to the last good one: it was not
	                                parsed, no row was handed over, the rest is as it was then */
};

struct source_ops; /* how the loop drives a source: source.h */

/* A source as everyone sees it; only the loop calls its ops. */
struct source {
	const struct source_ops *ops;
	const char *kind;            /* "chronyc", "socket", "http": the JSON source.kind */
	char target[512];            /* what it reads, for people and JSON (no secrets) */
	const char *warning;         /* standing warning for stderr and the header (--insecure), NULL none */
	bool finished;               /* it has nothing more to give (a replay at its end): batch stops */
	bool own_times;              /* the poll deliver() just handed over has its own times (a replay's
	                                recorded ones), poll_mono and poll_wall; the loop gives the model
	                                those instead of its now */
	double poll_mono;
	time_t poll_wall;
	bool jumped;                 /* the next poll deliver() hands over does not follow the last one
	                                (a replay jumped): the loop starts the clients afresh for it */
	const char *status;          /* shown in full after the target in the header (a replay: REPLAY,
	                                the recorded time, the speed); NULL none */
	char want_ntpdata[SRV_TEXT_MAX]; /* a front end asks for this source's ntpdata in the next
	                                    polls (monitor_want_ntpdata); "" none.  A source that
	                                    cannot give it says so in serverdata.ntpdata_error */
};

/* Short name of an error for machines and tests ("not-authorised"). */
const char *source_err_name(enum source_err e);

#endif
