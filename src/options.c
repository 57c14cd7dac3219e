/* options.c — the option table, its parser and the help it generates. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum opt_kind { OPT_FLAG, OPT_LONG, OPT_DOUBLE, OPT_STRING, OPT_CHOICE };

enum opt_group { GROUP_SOURCE, GROUP_REMOTE, GROUP_SHOW, GROUP_SCREEN, GROUP_BATCH, GROUP_GENERAL, GROUP_COUNT };

static const char *const group_titles[GROUP_COUNT] = {
	[GROUP_SOURCE] = "Where the clients come from",
	[GROUP_REMOTE] = "Remote dashboard (TICC-DASH, Chrony Web Interface); secrets never on the command line",
	[GROUP_SHOW] = "What is shown",
	[GROUP_SCREEN] = "Full screen",
	[GROUP_BATCH] = "Batch mode (no full screen; for scripts and Nagios)",
	[GROUP_GENERAL] = "General",
};

struct opt_def {
	const char *name;
	char letter;
	enum opt_kind kind;
	enum opt_group group;
	size_t offset;
	const char *metavar;
	double min, max;                   /* OPT_LONG, OPT_DOUBLE */
	const char *(*choice)(int);        /* OPT_CHOICE: name of value i */
	int nchoices;
	const char *help;
};

#define AT(field) offsetof(struct options, field)

/* Name of sort key i, for the choice table. */
static const char *
sort_choice(int i)
{
	return sort_key_name((enum sort_key)i);
}

/* Name of theme i, for the choice table. */
static const char *
theme_choice(int i)
{
	return theme_name((enum theme_id)i);
}

/* Name of output format i, for the choice table. */
static const char *
format_choice(int i)
{
	return output_format_name((enum out_format)i);
}

static const struct opt_def defs[] = {
	{ "chronyc", 0, OPT_STRING, GROUP_SOURCE, AT(chronyc), "PATH", 0, 0, NULL, 0,
	  "chronyc program to run (default: chronyc on PATH)" },
	{ "socket", 'S', OPT_STRING, GROUP_SOURCE, AT(socket), "PATH", 0, 0, NULL, 0,
	  "chronyd's command socket, passed to chronyc as -h" },
	{ "sudo", 0, OPT_FLAG, GROUP_SOURCE, AT(sudo), NULL, 0, 0, NULL, 0,
	  "run chronyc through `sudo -n` (needs a NOPASSWD sudoers line)" },
	{ "demo", 0, OPT_FLAG, GROUP_SOURCE, AT(demo), NULL, 0, 0, NULL, 0,
	  "start a private chronyd with live loopback clients and watch it" },
	{ "timeout", 0, OPT_DOUBLE, GROUP_SOURCE, AT(timeout), "SECS", 0.1, 3600, NULL, 0,
	  "time one poll of the source may take (default 5)" },
	{ "max-size", 0, OPT_LONG, GROUP_SOURCE, AT(max_size_mib), "MIB", 1, 4096, NULL, 0,
	  "largest answer accepted from the source, in MiB (default 64)" },
	{ "url", 'u', OPT_STRING, GROUP_REMOTE, AT(url), "URL", 0, 0, NULL, 0,
	  "read the clients from a dashboard's /data URL (http or https)" },
	{ "cacert", 0, OPT_STRING, GROUP_REMOTE, AT(cacert), "FILE", 0, 0, NULL, 0,
	  "trust the CA certificates in FILE (PEM) for https" },
	{ "capath", 0, OPT_STRING, GROUP_REMOTE, AT(capath), "DIR", 0, 0, NULL, 0,
	  "trust the CA certificates in DIR (hashed names) for https" },
	{ "cert", 0, OPT_STRING, GROUP_REMOTE, AT(cert), "FILE", 0, 0, NULL, 0,
	  "client certificate (PEM) for https" },
	{ "key", 0, OPT_STRING, GROUP_REMOTE, AT(key), "FILE", 0, 0, NULL, 0,
	  "the client certificate's private key (PEM, unencrypted)" },
	{ "insecure", 0, OPT_FLAG, GROUP_REMOTE, AT(insecure), NULL, 0, 0, NULL, 0,
	  "do not check the server's certificate (warns on stderr and in the header)" },
	{ "user", 0, OPT_STRING, GROUP_REMOTE, AT(user), "NAME", 0, 0, NULL, 0,
	  "Basic auth user; password from $TICCTOP_PASSWORD or --password-file" },
	{ "password-file", 0, OPT_STRING, GROUP_REMOTE, AT(password_file), "FILE", 0, 0, NULL, 0,
	  "read --user's password from the first line of FILE" },
	{ "bearer-file", 0, OPT_STRING, GROUP_REMOTE, AT(bearer_file), "FILE", 0, 0, NULL, 0,
	  "send the bearer token in the first line of FILE" },
	{ "noproxy", 0, OPT_STRING, GROUP_REMOTE, AT(noproxy), "HOSTS", 0, 0, NULL, 0,
	  "comma-separated hosts reached without the proxy of $http_proxy/$https_proxy ('*': all)" },
	{ "filter", 'F', OPT_STRING, GROUP_SHOW, AT(filter), "TEXT", 0, 0, NULL, 0,
	  "show clients whose address contains TEXT (any case); also %words" },
	{ "sort", 's', OPT_CHOICE, GROUP_SHOW, AT(sort), "KEY", 0, 0, sort_choice, SORT_COUNT,
	  "order: %choices (default addr)" },
	{ "reverse", 0, OPT_FLAG, GROUP_SHOW, AT(reverse), NULL, 0, 0, NULL, 0,
	  "invert the order" },
	{ "warn-drops", 0, OPT_LONG, GROUP_SHOW, AT(warn_drops), "N", 1, 4294967295.0, NULL, 0,
	  "NTP drops that make a client warning (default 1)" },
	{ "crit-drops", 0, OPT_LONG, GROUP_SHOW, AT(crit_drops), "N", 1, 4294967295.0, NULL, 0,
	  "NTP drops that make a client critical (default 10)" },
	{ "theme", 0, OPT_CHOICE, GROUP_SCREEN, AT(theme), "NAME", 0, 0, theme_choice, THEME_COUNT,
	  "colours: dark, light or mono (default dark; `t` switches, and is remembered)" },
	{ "no-color", 'C', OPT_FLAG, GROUP_SCREEN, AT(no_color), NULL, 0, 0, NULL, 0,
	  "no colours, as when NO_COLOR is set" },
	{ "ascii", 0, OPT_FLAG, GROUP_SCREEN, AT(ascii), NULL, 0, 0, NULL, 0,
	  "ASCII lines and symbols, even in a UTF-8 locale" },
	{ "no-mouse", 0, OPT_FLAG, GROUP_SCREEN, AT(no_mouse), NULL, 0, 0, NULL, 0,
	  "leave the mouse to the terminal (to select and paste)" },
	{ "log", 0, OPT_STRING, GROUP_SCREEN, AT(log), "FILE", 0, 0, NULL, 0,
	  "append debug notes to FILE (nothing else is written while the screen is up)" },
	{ "batch", 'b', OPT_FLAG, GROUP_BATCH, AT(batch), NULL, 0, 0, NULL, 0,
	  "print reports instead of the full screen (default when stdout is not a terminal)" },
	{ "iterations", 'n', OPT_LONG, GROUP_BATCH, AT(iterations), "N", 1, 1e9, NULL, 0,
	  "stop after N refreshes" },
	{ "once", 0, OPT_FLAG, GROUP_BATCH, AT(once), NULL, 0, 0, NULL, 0,
	  "one report, then exit: same as -b -n 1" },
	{ "delay", 'd', OPT_LONG, GROUP_BATCH, AT(delay), "TENTHS", 1, 36000, NULL, 0,
	  "time between refreshes in tenths of a second (default 10)" },
	{ "format", 'o', OPT_CHOICE, GROUP_BATCH, AT(format), "FMT", 0, 0, format_choice, FORMAT_COUNT,
	  "batch output: text, csv or json (default text)" },
	{ "help", 'h', OPT_FLAG, GROUP_GENERAL, AT(help), NULL, 0, 0, NULL, 0, "show this help" },
	{ "version", 'V', OPT_FLAG, GROUP_GENERAL, AT(version), NULL, 0, 0, NULL, 0,
	  "show the version and the libraries' versions" },
};

#define NDEFS (sizeof defs / sizeof defs[0])
_Static_assert(NDEFS <= 64, "options.given has a bit per option");

static const char default_chronyc[] = "chronyc";

/* Fill o with the defaults. */
void
options_defaults(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->chronyc = default_chronyc;
	o->timeout = 5;
	o->max_size_mib = 64;
	o->sort = SORT_ADDR;
	o->warn_drops = HEALTH_WARN_DROPS;
	o->crit_drops = HEALTH_CRIT_DROPS;
	o->delay = 10;
	o->format = FORMAT_TEXT;
	o->theme = THEME_DARK;
}

/* Find an option by long name (name[0..len)) or, when len is 0, by letter. */
static const struct opt_def *
find_def(const char *name, size_t len, char letter)
{
	for (size_t i = 0; i < NDEFS; i++) {
		if (len ? strlen(defs[i].name) == len && strncmp(defs[i].name, name, len) == 0
		        : defs[i].letter && defs[i].letter == letter)
			return &defs[i];
	}
	return NULL;
}

/* Store value (NULL for a flag) into o for option d. */
static enum opt_err
set_value(struct options *o, const struct opt_def *d, const char *value, char *err, size_t errsize)
{
	char *p = (char *)o + d->offset, *end, name[40];
	double v;

	snprintf(name, sizeof name, "--%s", d->name);
	switch (d->kind) {
	case OPT_FLAG:
		*(bool *)p = true;
		return OPT_OK;
	case OPT_STRING:
		*(const char **)p = value;
		return OPT_OK;
	case OPT_LONG:
	case OPT_DOUBLE:
		errno = 0;
		v = strtod(value, &end);
		if (errno || end == value || *end || isnan(v) || v < d->min || v > d->max ||
		    (d->kind == OPT_LONG && v != floor(v))) {
			snprintf(err, errsize, "%s wants %s from %.10g to %.10g, not \"%s\"", name,
			         d->kind == OPT_LONG ? "a whole number" : "a number", d->min, d->max, value);
			return OPT_ERR_NUMBER;
		}
		if (d->kind == OPT_LONG)
			*(long *)p = (long)v;
		else
			*(double *)p = v;
		return OPT_OK;
	case OPT_CHOICE:
		for (int i = 0; i < d->nchoices; i++)
			if (strcmp(d->choice(i), value) == 0) {
				*(int *)p = i;
				return OPT_OK;
			}
		size_t o2 = (size_t)snprintf(err, errsize, "%s wants one of", name);
		for (int i = 0; i < d->nchoices && o2 < errsize; i++)
			o2 += (size_t)snprintf(err + o2, errsize - o2, "%s %s", i ? "," : "", d->choice(i));
		if (o2 < errsize)
			snprintf(err + o2, errsize - o2, "; not \"%s\"", value);
		return OPT_ERR_CHOICE;
	}
	return OPT_ERR_UNKNOWN;
}

/* Return whether flag or string option d was given. */
static bool
given(const struct options *o, const struct opt_def *d)
{
	const char *p = (const char *)o + d->offset;
	return d->kind == OPT_FLAG ? *(const bool *)p : *(const char *const *)p != NULL;
}

/* Check the remote dashboard's options against each other and the rest. */
static enum opt_err
finish_remote(const struct options *o, char *err, size_t errsize)
{
	if (o->url && (o->socket || o->sudo || o->demo || o->chronyc != default_chronyc)) {
		snprintf(err, errsize, "--url reads a remote dashboard: it does not go with --socket, --sudo, --demo or --chronyc");
		return OPT_ERR_CONFLICT;
	}
	for (size_t i = 0; i < NDEFS && !o->url; i++)
		if (defs[i].group == GROUP_REMOTE && given(o, &defs[i])) {
			snprintf(err, errsize, "--%s only applies to a remote dashboard (--url)", defs[i].name);
			return OPT_ERR_CONFLICT;
		}
	if (o->key && !o->cert) {
		snprintf(err, errsize, "--key goes with --cert");
		return OPT_ERR_CONFLICT;
	}
	if (o->password_file && !o->user) {
		snprintf(err, errsize, "--password-file goes with --user");
		return OPT_ERR_CONFLICT;
	}
	if (o->user && o->bearer_file) {
		snprintf(err, errsize, "--user and --bearer-file are two ways to log in: give one");
		return OPT_ERR_CONFLICT;
	}
	return OPT_OK;
}

/* Check options that depend on each other; apply --once. */
static enum opt_err
finish(struct options *o, char *err, size_t errsize)
{
	if (o->once) {
		o->batch = true;
		o->iterations = 1;
	}
	if (o->crit_drops < o->warn_drops) {
		snprintf(err, errsize, "--crit-drops (%ld) must not be below --warn-drops (%ld)",
		         o->crit_drops, o->warn_drops);
		return OPT_ERR_CONFLICT;
	}
	if (o->demo && (o->socket || o->sudo)) {
		snprintf(err, errsize, "--demo starts its own chronyd: it does not go with --socket or --sudo");
		return OPT_ERR_CONFLICT;
	}
	return finish_remote(o, err, errsize);
}

/* Parse argv into o. */
enum opt_err
options_parse(struct options *o, int argc, char **argv, char *err, size_t errsize)
{
	enum opt_err e;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL;
		const struct opt_def *d;

		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0') {
			snprintf(err, errsize, "unexpected argument \"%s\" (ticctop takes only options; see --help)", a);
			return OPT_ERR_UNEXPECTED;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			if (!(d = find_def(a + 2, len, 0))) {
				snprintf(err, errsize, "unknown option \"%.*s\" (see --help)", (int)(len + 2), a);
				return OPT_ERR_UNKNOWN;
			}
			if (eq && d->kind == OPT_FLAG) {
				snprintf(err, errsize, "--%s takes no value", d->name);
				return OPT_ERR_UNEXPECTED;
			}
			value = eq ? eq + 1 : NULL;
		} else {
			for (const char *c = a + 1; *c; c++) {
				if (!(d = find_def(NULL, 0, *c))) {
					snprintf(err, errsize, "unknown option \"-%c\" (see --help)", *c);
					return OPT_ERR_UNKNOWN;
				}
				if (d->kind != OPT_FLAG) {
					value = c[1] ? c + 1 : NULL;
					break;
				}
				if ((e = set_value(o, d, NULL, err, errsize)) != OPT_OK)
					return e;
				o->given |= 1ull << (d - defs);
				d = NULL;
			}
			if (!d)
				continue;
		}
		o->given |= 1ull << (d - defs);
		if (d->kind != OPT_FLAG && !value) {
			if (i + 1 >= argc) {
				snprintf(err, errsize, "--%s needs a value (%s)", d->name, d->metavar);
				return OPT_ERR_MISSING;
			}
			value = argv[++i];
		}
		if ((e = set_value(o, d, value, err, errsize)) != OPT_OK)
			return e;
	}
	return finish(o, err, errsize);
}

/* Options that make no sense as a default in the config file. */
static const char *const command_line_only[] = { "help", "version" };

/* Cut blanks from both ends of s[0..*len); returns the new start. */
static char *
trim(char *s, size_t *len)
{
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t' || s[*len - 1] == '\r'))
		(*len)--;
	while (*len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	s[*len] = '\0';
	return s;
}

/* Take one config line `name [= value]` into o. */
static enum opt_err
config_line(struct options *o, char *line, size_t len, char *err, size_t errsize)
{
	static const struct { const char *word; bool value; } words[] = {
		{ "yes", true }, { "no", false }, { "true", true }, { "false", false },
		{ "on", true }, { "off", false }, { "1", true }, { "0", false },
	};
	char *eq = memchr(line, '=', len), *value = NULL;
	size_t nlen = eq ? (size_t)(eq - line) : len, vlen;
	char *name = trim(line, &nlen);
	const struct opt_def *d = nlen ? find_def(name, nlen, 0) : NULL;

	for (size_t i = 0; d && i < sizeof command_line_only / sizeof command_line_only[0]; i++)
		if (strcmp(d->name, command_line_only[i]) == 0)
			d = NULL;
	if (!d) {
		snprintf(err, errsize, "unknown option \"%s\"", name);
		return OPT_ERR_UNKNOWN;
	}
	if (eq) {
		vlen = len - (size_t)(eq + 1 - line);
		value = trim(eq + 1, &vlen);
	}
	if (d->kind != OPT_FLAG) {
		if (!value || !*value) {
			snprintf(err, errsize, "%s needs a value (%s = %s)", d->name, d->name, d->metavar);
			return OPT_ERR_MISSING;
		}
		return set_value(o, d, value, err, errsize);
	}
	for (size_t i = 0; value && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(value, words[i].word) == 0) {
			*(bool *)((char *)o + d->offset) = words[i].value;
			return OPT_OK;
		}
	if (value) {
		snprintf(err, errsize, "%s is a switch: yes or no, not \"%s\"", d->name, value);
		return OPT_ERR_UNEXPECTED;
	}
	return set_value(o, d, NULL, err, errsize);
}

/* Parse a config file's text into o. */
enum opt_err
options_parse_config(struct options *o, char *text, const char *file, char *err, size_t errsize)
{
	char *line = text, why[400];
	size_t lineno = 0;
	enum opt_err e;

	while (*line) {
		char *end = strchr(line, '\n'), *next = end ? end + 1 : line + strlen(line);
		size_t len = end ? (size_t)(end - line) : strlen(line);
		lineno++;
		char *s = trim(line, &len);
		if (len > 0 && s[0] != '#' && (e = config_line(o, s, len, why, sizeof why)) != OPT_OK) {
			snprintf(err, errsize, "%s:%zu: %s", file, lineno, why);
			return e;
		}
		line = next;
	}
	return OPT_OK;
}

/* Return whether the option with this long name was on the command line. */
bool
options_given(const struct options *o, const char *name)
{
	const struct opt_def *d = find_def(name, strlen(name), 0);

	return d && (o->given >> (d - defs) & 1u);
}

/* Print d's help, its "%choices" spelt from its choice table and "%words"
 * from view.c's filter words (so --help cannot drift from what is parsed). */
static void
print_help_text(FILE *fp, const struct opt_def *d)
{
	char words[128];

	for (const char *s = d->help; *s; s++) {
		if (strncmp(s, "%choices", 8) == 0) {
			for (int i = 0; i < d->nchoices; i++)
				fprintf(fp, "%s%s", i ? ", " : "", d->choice(i));
			s += 7;
		} else if (strncmp(s, "%words", 6) == 0) {
			filter_words(words, sizeof words);
			fputs(words, fp);
			s += 5;
		} else {
			fputc(*s, fp);
		}
	}
	fputc('\n', fp);
}

/* Print --help, generated from the table, grouped. */
void
options_help(FILE *fp, const char *prog)
{
	fprintf(fp, "Usage: %s [OPTION]...\n"
	            "Watch the NTP clients of a chrony server: full screen, or batch reports.\n", prog);
	for (int g = 0; g < GROUP_COUNT; g++) {
		fprintf(fp, "\n%s:\n", group_titles[g]);
		for (size_t i = 0; i < NDEFS; i++) {
			const struct opt_def *d = &defs[i];
			char left[64];
			if (d->group != (enum opt_group)g)
				continue;
			snprintf(left, sizeof left, "%c%c%c --%s%s%s", d->letter ? '-' : ' ', d->letter ? d->letter : ' ',
			         d->letter ? ',' : ' ', d->name, d->metavar ? " " : "", d->metavar ? d->metavar : "");
			fprintf(fp, "  %-26s ", left);
			print_help_text(fp, d);
		}
	}
	fprintf(fp, "\nExit status (batch): 0 all clients OK, 1 a warning, 2 a critical,\n"
	            "3 the source failed or the command line is wrong.\n"
	            "See ticctop(1) for the JSON schema and more.\n");
}
