/* options.h — the command line and the config file, from one table.
 *
 * Contract: every option is a row (long name, short letter, kind, where it
 * is stored, help); parsing, `--help` and the man page's list all follow the
 * table.  Errors are a closed enum plus a one-line message naming the option
 * and the value, in the user's words.  Pure: no I/O except options_help. */
#ifndef TICCTOP_OPTIONS_H
#define TICCTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "columns.h"
#include "output.h"
#include "theme.h"
#include "view.h"

/* Rows the option table may have (options.given has a bit per row). */
#define OPTIONS_MAX 64

/* How the local chronyd is read (--via). */
enum via { VIA_AUTO, VIA_SOCKET, VIA_CHRONYC, VIA_COUNT };

/* Sources one run may watch (a fleet). */
#define OPTIONS_MAX_SOURCES 32

/* One source and the options it takes for itself: those in force where it
 * is named (given before it), and those given after the last source where
 * it has none of its own. */
struct source_opts {
	const char *name;          /* --name before it, or the name in `source = NAME ...`; NULL: a default */
	const char *url;           /* a dashboard's /data URL, or NULL: */
	const char *socket;        /* chronyd's socket for chronyc (NULL: chronyc's default) */
	const char *cacert, *capath, *cert, *key;
	bool insecure;
	const char *user, *password_file, *bearer_file;
	const char *noproxy;
	bool from_file;            /* named in the config file */
	bool listed;               /* by a `source =` line (kept when the command line names no source) */
};

struct options {
	/* source */
	int via;             /* enum via */
	const char *chronyc;
	const char *socket;
	bool sudo;
	bool demo;
	double timeout;
	long max_size_mib;
	/* remote dashboard (--url) */
	const char *url;
	const char *cacert, *capath, *cert, *key;
	bool insecure;
	const char *user, *password_file, *bearer_file;
	const char *noproxy;
	/* the sources named (-u, -S, --source), in order; none: the local chronyd */
	const char *name;          /* --name: names the next source */
	const char *source;        /* --source: the last one given */
	struct source_opts sources[OPTIONS_MAX_SOURCES];
	size_t nsources;
	unsigned long long after_last; /* bit i: row i was set after the last source */
	/* what is shown */
	const char *filter;
	int sort;            /* enum sort_key */
	bool reverse;
	long warn_drops, crit_drops;
	double warn_offset, crit_offset; /* the server's |system time offset|, seconds */
	int judge;           /* enum judge */
	double warn_rate, crit_rate; /* NTP requests/s of one client; 0: no rule */
	long window;         /* seconds the rates span */
	long highlight;      /* seconds a client stays new, gone or reset */
	/* full screen */
	int theme;           /* enum theme_id */
	int view;            /* enum clients_view */
	bool no_color;
	bool ascii;
	bool no_mouse;
	const char *log;
	/* batch */
	bool batch;
	bool once;
	long iterations;     /* 0 = until stopped */
	long delay;          /* tenths of a second between refreshes */
	int format;          /* enum out_format */
	int check;           /* enum check_scope */
	const char *output_file; /* rewrite this file with each report instead of stdout */
	long max_series;     /* prom: series in one exposition, 0 = no limit */
	/* record and replay */
	const char *record;  /* append every poll to this file */
	long record_max_mib; /* rotate the recording past this size, 0 = never */
	const char *replay;  /* play this recording as the source */
	/* general */
	bool help;
	bool version;
	/* bit i: row i of the table was given on the command line */
	unsigned long long given;
	/* the config file read, and the line that set row i there (0: none) */
	const char *config_file;
	unsigned config_line[OPTIONS_MAX];
};

enum opt_err {
	OPT_OK,
	OPT_ERR_UNKNOWN,      /* no such option */
	OPT_ERR_MISSING,      /* option needs a value */
	OPT_ERR_UNEXPECTED,   /* flag given a value, or a stray argument */
	OPT_ERR_NUMBER,       /* not a number, or out of range */
	OPT_ERR_CHOICE,       /* not one of the allowed words */
	OPT_ERR_PATH,         /* a path that must be absolute is not */
	OPT_ERR_CONFLICT      /* options that cannot go together */
};

/* Fill o with the defaults. */
void options_defaults(struct options *o);

/* Parse argv into o (over what the config file set); on error write a
 * one-line message into err.  Numbers are plain decimals in every locale
 * (digits, and a '.' where a fraction is allowed): no sign, blank, hex or
 * exponent.  The command line wins over the config file per family: an
 * option given here drops the file's options that cannot go with it (a
 * --url drops the file's socket, sudo, demo and chronyc; a --socket, --sudo
 * or --chronyc drops its url and remote options; --demo its socket and
 * sudo), and a threshold given here drops the file's other threshold when
 * the two disagree.  Each -u, -S or --source names one more source (a
 * fleet); sources named on the command line replace the file's, and a
 * family that rivals theirs drops the file's `url =` and `socket =` (not
 * its `source =` lines).  A source takes the remote options in force
 * where it is named; one given after the last source applies to each source
 * that has none of its own.  An error that options from the file cause
 * names the file and line. */
enum opt_err options_parse(struct options *o, int argc, char **argv, char *err, size_t errsize);

/* Parse a config file's text: `long-name = value` lines (a flag alone, or
 * `= yes|no`; `X = no` also turns off a switch named `no-X`), # comments
 * (a line's rest after a blank and '#'), a UTF-8 byte order mark ignored.
 * text is cut in place and o keeps pointers into it (and into file), so
 * both must outlive o.  Errors name file and line. */
enum opt_err options_parse_config(struct options *o, char *text, const char *file, char *err, size_t errsize);

/* Return whether the option with this long name was on the command line. */
bool options_given(const struct options *o, const char *name);

/* Write "FILE:LINE: " into buf when the option with this long name was set
 * by the config file (and not the command line), else "". */
void options_where(const struct options *o, const char *name, char *buf, size_t size);

/* Print --help, generated from the table, grouped. */
void options_help(FILE *fp, const char *prog);

#endif
