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

#include "output.h"
#include "theme.h"
#include "view.h"

struct options {
	/* source */
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
	/* what is shown */
	const char *filter;
	int sort;            /* enum sort_key */
	bool reverse;
	long warn_drops, crit_drops;
	/* full screen */
	int theme;           /* enum theme_id */
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
	/* general */
	bool help;
	bool version;
	/* bit i: row i of the table was given on the command line */
	unsigned long long given;
};

enum opt_err {
	OPT_OK,
	OPT_ERR_UNKNOWN,      /* no such option */
	OPT_ERR_MISSING,      /* option needs a value */
	OPT_ERR_UNEXPECTED,   /* flag given a value, or a stray argument */
	OPT_ERR_NUMBER,       /* not a number, or out of range */
	OPT_ERR_CHOICE,       /* not one of the allowed words */
	OPT_ERR_CONFLICT      /* options that cannot go together */
};

/* Fill o with the defaults. */
void options_defaults(struct options *o);

/* Parse argv into o; on error write a one-line message into err. */
enum opt_err options_parse(struct options *o, int argc, char **argv, char *err, size_t errsize);

/* Parse a config file's text: `long-name = value` lines (a flag alone, or
 * `= yes|no`), # comments.  text is cut in place and o keeps pointers into
 * it, so it must outlive o.  Errors name file and line. */
enum opt_err options_parse_config(struct options *o, char *text, const char *file, char *err, size_t errsize);

/* Return whether the option with this long name was on the command line. */
bool options_given(const struct options *o, const char *name);

/* Print --help, generated from the table, grouped. */
void options_help(FILE *fp, const char *prog);

#endif
