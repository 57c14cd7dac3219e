/* options.h — the command line (and later the config file) from one table.
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
	/* batch */
	bool batch;
	bool once;
	long iterations;     /* 0 = until stopped */
	long delay;          /* tenths of a second between refreshes */
	int format;          /* enum out_format */
	/* general */
	bool help;
	bool version;
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

/* Print --help, generated from the table, grouped. */
void options_help(FILE *fp, const char *prog);

#endif
