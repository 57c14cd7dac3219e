/* source.h — where client rows come from: one small interface, several kinds.
 *
 * Contract: a source runs one poll at a time without ever blocking the
 * caller.  The loop calls start() on each tick (false: the previous poll is
 * still running, the tick is skipped), wait() to sleep until the source's
 * own I/O or one of the loop's descriptors is ready (the source does its
 * I/O inside; it returns poll's result and, on -1, poll's errno — EINTR
 * is how the loop learns of a signal), and deliver() once ready() says a poll finished: deliver
 * hands the rows to a sink, or says in the source's own words why there are
 * none.  stop() ends any poll in flight (children killed and reaped).  No
 * source knows about curses or the model. */
#ifndef TICCTOP_SOURCE_H
#define TICCTOP_SOURCE_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "parse.h"
#include "parse_dash.h"

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
	SOURCE_ERR_COUNT
};

/* What one finished poll said. */
struct source_result {
	enum source_err err;
	char message[1024];          /* one line for people; raw, sanitise before showing */
	struct parse_report rep;    /* what the parser saw */
	enum parse_err perr;
	struct dash_info server;    /* a remote server's clock, count and own error; zero otherwise */
	bool same;                  /* the answer was byte-identical to the last good one: it was not
	                               parsed, no row was handed over, the rest is as it was then */
};

struct source;

struct source_ops {
	const char *kind;  /* "chronyc", "http": the JSON source.kind */
	bool (*start)(struct source *s, double now);
	int (*wait)(struct source *s, struct pollfd *extra, size_t nextra, int timeout_ms, double now);
	bool (*ready)(const struct source *s);
	void (*deliver)(struct source *s, row_sink sink, void *ctx, struct source_result *res);
	void (*stop)(struct source *s);
	void (*free)(struct source *s);
};

struct source {
	const struct source_ops *ops;
	char target[512];           /* what it reads, for people and JSON (no secrets) */
	const char *warning;        /* standing warning for stderr and the header (--insecure), NULL none */
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

/* Short name of an error for machines and tests ("not-authorised"). */
const char *source_err_name(enum source_err e);

#endif
