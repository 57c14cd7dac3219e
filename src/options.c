/* options.c — the option table, its parser and the help it generates. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "options.h"

/* OPT_PATH: a string that must be an absolute path. */
enum opt_kind { OPT_FLAG, OPT_LONG, OPT_DOUBLE, OPT_STRING, OPT_PATH, OPT_CHOICE };

/* Bytes a value of each kind takes in struct options. */
static const size_t kind_size[] = {
	[OPT_FLAG] = sizeof(bool), [OPT_LONG] = sizeof(long), [OPT_DOUBLE] = sizeof(double),
	[OPT_STRING] = sizeof(const char *), [OPT_PATH] = sizeof(const char *), [OPT_CHOICE] = sizeof(int),
};

/* Families of source options; a family on the command line drops its rivals
 * from the config file.  The remote group is one family, FAM_REMOTE. */
enum opt_family { FAM_NONE, FAM_CHRONYC, FAM_CHRONYD, FAM_DEMO, FAM_REMOTE, FAM_REPLAY, FAM_COUNT };

static const struct {
	const char *name;
	enum opt_family family;
} families[] = {
	{ "chronyc", FAM_CHRONYC }, { "via", FAM_CHRONYC }, { "socket", FAM_CHRONYD }, { "sudo", FAM_CHRONYD }, { "demo", FAM_DEMO },
	{ "replay", FAM_REPLAY },
};

#define FAM(f) (1u << (f))
static const unsigned rivals[FAM_COUNT] = {
	[FAM_CHRONYC] = FAM(FAM_REMOTE) | FAM(FAM_REPLAY),
	[FAM_CHRONYD] = FAM(FAM_DEMO) | FAM(FAM_REMOTE) | FAM(FAM_REPLAY),
	[FAM_DEMO] = FAM(FAM_CHRONYD) | FAM(FAM_REMOTE) | FAM(FAM_REPLAY),
	[FAM_REMOTE] = FAM(FAM_CHRONYC) | FAM(FAM_CHRONYD) | FAM(FAM_DEMO) | FAM(FAM_REPLAY),
	[FAM_REPLAY] = FAM(FAM_CHRONYC) | FAM(FAM_CHRONYD) | FAM(FAM_DEMO) | FAM(FAM_REMOTE),
};

enum opt_group { GROUP_SOURCE, GROUP_REMOTE, GROUP_SHOW, GROUP_SCREEN, GROUP_BATCH, GROUP_RECORD, GROUP_GENERAL,
	GROUP_COUNT };

static const char *const group_titles[GROUP_COUNT] = {
	[GROUP_SOURCE] = "Where the clients come from",
	[GROUP_REMOTE] = "Remote dashboard (TICC-DASH, Chrony Web Interface); secrets never on the command line",
	[GROUP_SHOW] = "What is shown",
	[GROUP_SCREEN] = "Full screen",
	[GROUP_BATCH] = "Batch mode (no full screen; for scripts and Nagios)",
	[GROUP_RECORD] = "Record and replay",
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

/* Name of judge i, for the choice table. */
static const char *
judge_choice(int i)
{
	return judge_name((enum judge)i);
}

/* Name of theme i, for the choice table. */
static const char *
theme_choice(int i)
{
	return theme_name((enum theme_id)i);
}

/* Name of clients view i, for the choice table. */
static const char *
view_choice(int i)
{
	return clients_view_name(i);
}

/* Name of way i to read chronyd, for the choice table. */
static const char *
via_choice(int i)
{
	static const char *const names[VIA_COUNT] = { "auto", "socket", "chronyc" };
	return names[i];
}

/* Name of check scope i, for the choice table. */
static const char *
check_choice(int i)
{
	return output_check_name((enum check_scope)i);
}

/* Name of output format i, for the choice table. */
static const char *
format_choice(int i)
{
	return output_format_name((enum out_format)i);
}

static const struct opt_def defs[] = {
	{ "via", 0, OPT_CHOICE, GROUP_SOURCE, AT(via), "HOW", 0, 0, via_choice, VIA_COUNT,
	  "read chronyd through its socket (no process per poll; root or the chrony user), chronyc, "
	  "or auto: the socket when it can be used, else chronyc (default auto)" },
	{ "chronyc", 0, OPT_STRING, GROUP_SOURCE, AT(chronyc), "PATH", 0, 0, NULL, 0,
	  "chronyc program to run (default: chronyc on PATH)" },
	{ "socket", 'S', OPT_PATH, GROUP_SOURCE, AT(socket), "PATH", 0, 0, NULL, 0,
	  "chronyd's command socket (an absolute path; chronyc gets it as -h); repeat, or mix with -u, for a fleet" },
	{ "name", 0, OPT_STRING, GROUP_SOURCE, AT(name), "NAME", 0, 0, NULL, 0,
	  "name the source given next (default: the URL's host[:port], or local)" },
	{ "source", 0, OPT_STRING, GROUP_SOURCE, AT(source), "'NAME URL|PATH'", 0, 0, NULL, 0,
	  "one more source, named (in the config file: source = NAME URL|PATH, one per line)" },
	{ "sudo", 0, OPT_FLAG, GROUP_SOURCE, AT(sudo), NULL, 0, 0, NULL, 0,
	  "run chronyc through `sudo -n` (needs a NOPASSWD sudoers line)" },
	{ "demo", 0, OPT_FLAG, GROUP_SOURCE, AT(demo), NULL, 0, 0, NULL, 0,
	  "start a private chronyd with live loopback clients and watch it" },
	{ "timeout", 0, OPT_DOUBLE, GROUP_SOURCE, AT(timeout), "SECS", 0.1, 3600, NULL, 0,
	  "time one poll of the source may take (default 5)" },
	{ "max-size", 0, OPT_LONG, GROUP_SOURCE, AT(max_size_mib), "MIB", 1, 4096, NULL, 0,
	  "largest answer accepted from the source, in MiB (default 64)" },
	{ "url", 'u', OPT_STRING, GROUP_REMOTE, AT(url), "URL", 0, 0, NULL, 0,
	  "read the clients from a dashboard's /data URL (http or https); repeat for a fleet" },
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
	{ "warn-offset", 0, OPT_DOUBLE, GROUP_SHOW, AT(warn_offset), "SECS", 1e-9, 1e6, NULL, 0,
	  "the server's system time offset that makes it warning (default 0.01)" },
	{ "crit-offset", 0, OPT_DOUBLE, GROUP_SHOW, AT(crit_offset), "SECS", 1e-9, 1e6, NULL, 0,
	  "the server's system time offset that makes it critical (default 0.05)" },
	{ "judge", 0, OPT_CHOICE, GROUP_SHOW, AT(judge), "WHAT", 0, 0, judge_choice, JUDGE_COUNT,
	  "drops judged: recent (within the window; default) or total (since chronyd started)" },
	{ "warn-rate", 0, OPT_DOUBLE, GROUP_SHOW, AT(warn_rate), "R", 0.001, 1e6, NULL, 0,
	  "NTP requests/s of one client that make it warning (default: no limit)" },
	{ "crit-rate", 0, OPT_DOUBLE, GROUP_SHOW, AT(crit_rate), "R", 0.001, 1e6, NULL, 0,
	  "NTP requests/s of one client that make it critical (default: no limit)" },
	{ "window", 0, OPT_LONG, GROUP_SHOW, AT(window), "SECS", 2, 86400, NULL, 0,
	  "span of the rates and of recent drops (default 300)" },
	{ "highlight", 'H', OPT_LONG, GROUP_SHOW, AT(highlight), "SECS", 0, 86400, NULL, 0,
	  "how long new, gone and reset clients are marked (default 10)" },
	{ "theme", 0, OPT_CHOICE, GROUP_SCREEN, AT(theme), "NAME", 0, 0, theme_choice, THEME_COUNT,
	  "colours: dark, light or mono (default dark; `t` switches, and is remembered)" },
	{ "view", 0, OPT_CHOICE, GROUP_SCREEN, AT(view), "NAME", 0, 0, view_choice, CLIENTS_VIEW_COUNT,
	  "clients as cards or a table (default cards; `v` switches, and is remembered)" },
	{ "no-color", 'C', OPT_FLAG, GROUP_SCREEN, AT(no_color), NULL, 0, 0, NULL, 0,
	  "no colours, as when NO_COLOR is set" },
	{ "ascii", 0, OPT_FLAG, GROUP_SCREEN, AT(ascii), NULL, 0, 0, NULL, 0,
	  "ASCII lines and symbols, even in a UTF-8 locale" },
	{ "no-mouse", 'M', OPT_FLAG, GROUP_SCREEN, AT(no_mouse), NULL, 0, 0, NULL, 0,
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
	  "batch output: %choices (default text)" },
	{ "check", 0, OPT_CHOICE, GROUP_BATCH, AT(check), "WHAT", 0, 0, check_choice, CHECK_COUNT,
	  "what sets the exit status and status line: %choices (default all)" },
	{ "output-file", 0, OPT_STRING, GROUP_BATCH, AT(output_file), "PATH", 0, 0, NULL, 0,
	  "rewrite PATH atomically with each report instead of stdout (implies -b)" },
	{ "max-series", 0, OPT_LONG, GROUP_BATCH, AT(max_series), "N", 1, 1e9, NULL, 0,
	  "-o prom: at most N series, whole clients left out past it (warned on stderr)" },
	{ "record", 0, OPT_STRING, GROUP_RECORD, AT(record), "FILE", 0, 0, NULL, 0,
	  "append every poll to FILE (full screen or batch) for --replay" },
	{ "record-max", 0, OPT_LONG, GROUP_RECORD, AT(record_max_mib), "MIB", 1, 1048576, NULL, 0,
	  "past MIB MiB the recording moves to FILE.1 (an older FILE.1 dropped) and starts anew" },
	{ "replay", 0, OPT_STRING, GROUP_RECORD, AT(replay), "FILE", 0, 0, NULL, 0,
	  "play a recording instead of reading a server (batch: every poll at once)" },
	{ "help", 'h', OPT_FLAG, GROUP_GENERAL, AT(help), NULL, 0, 0, NULL, 0, "show this help" },
	{ "version", 'V', OPT_FLAG, GROUP_GENERAL, AT(version), NULL, 0, 0, NULL, 0,
	  "show the version and the libraries' versions" },
};

#define NDEFS (sizeof defs / sizeof defs[0])

#define SRC(field) offsetof(struct source_opts, field)

/* The remote options each source takes for itself: where each is in struct
 * options and in struct source_opts. */
static const struct {
	const char *name;
	size_t at, to;
} per_source[] = {
	{ "cacert", AT(cacert), SRC(cacert) }, { "capath", AT(capath), SRC(capath) }, { "cert", AT(cert), SRC(cert) },
	{ "key", AT(key), SRC(key) }, { "insecure", AT(insecure), SRC(insecure) }, { "user", AT(user), SRC(user) },
	{ "password-file", AT(password_file), SRC(password_file) },
	{ "bearer-file", AT(bearer_file), SRC(bearer_file) }, { "noproxy", AT(noproxy), SRC(noproxy) },
};
_Static_assert(NDEFS <= OPTIONS_MAX, "options.given has a bit per option");

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
	o->warn_offset = HEALTH_WARN_OFFSET;
	o->crit_offset = HEALTH_CRIT_OFFSET;
	o->judge = JUDGE_RECENT;
	o->window = MODEL_WINDOW;
	o->highlight = 10;
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

/* The family of option d: the remote group is one. */
static enum opt_family
family(const struct opt_def *d)
{
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
		if (strcmp(d->name, families[i].name) == 0)
			return families[i].family;
	return d->group == GROUP_REMOTE ? FAM_REMOTE : FAM_NONE;
}

/* Return whether option d was on the command line. */
static bool
on_command_line(const struct options *o, const struct opt_def *d)
{
	return o->given >> (d - defs) & 1u;
}

/* Return whether option d holds something: a switch that is on, a string
 * that is there; a number or a choice always does. */
static bool
is_set(const struct options *o, const struct opt_def *d)
{
	const char *p = (const char *)o + d->offset;

	if (d->kind == OPT_FLAG)
		return *(const bool *)p;
	return d->kind == OPT_STRING || d->kind == OPT_PATH ? *(const char *const *)p != NULL : true;
}

/* Put option d back to its default, forgetting where the config file set it. */
static void
reset(struct options *o, const struct opt_def *d)
{
	struct options def;

	options_defaults(&def);
	memcpy((char *)o + d->offset, (const char *)&def + d->offset, kind_size[d->kind]);
	o->config_line[d - defs] = 0;
}

/* s made fit to quote in a message: controls, escapes, a BOM come out as \xNN. */
static const char *
shown(const char *s, char *buf, size_t size)
{
	fmt_sanitize(buf, size, s, strlen(s), true);
	return buf;
}

/* Write v (up to 3 decimals) with '.' as the decimal point in every locale. */
static void
plain_number(char *buf, size_t size, double v)
{
	long long milli = llround(v * 1000);
	int n = snprintf(buf, size, "%lld", milli / 1000);

	if (milli % 1000 && n > 0 && (size_t)n < size) {
		snprintf(buf + n, size - (size_t)n, ".%03lld", milli % 1000);
		for (char *e = buf + strlen(buf); e[-1] == '0'; e--)
			e[-1] = '\0';
	}
}

/* Read s as a plain decimal: digits, and (unless whole) at most one '.'
 * among them; the same in every locale, where strtod would also take
 * "0,5" under de_DE, " 5", "0x10", "1e3" and "inf".  False if s is not
 * one; a number too long to keep reads as HUGE_VAL. */
static bool
read_plain(const char *s, bool whole, double *out)
{
	uint64_t mant = 0;
	int scale = 0, digits = 0;
	bool dot = false, big = false;

	for (; *s; s++) {
		if (*s == '.' && !dot && !whole) {
			dot = true;
			continue;
		}
		if (*s < '0' || *s > '9')
			return false;
		digits++;
		if (mant < UINT64_C(100000000000000000)) { /* 17 digits kept; further fraction digits round away */
			mant = mant * 10 + (uint64_t)(*s - '0');
			scale += dot;
		} else if (!dot) {
			big = true;
		}
	}
	if (digits == 0)
		return false;
	*out = big ? HUGE_VAL : (double)mant / pow(10, scale);
	return true;
}

/* Store value (NULL for a flag) into o for option d. */
static enum opt_err
set_value(struct options *o, const struct opt_def *d, const char *value, char *err, size_t errsize)
{
	char *p = (char *)o + d->offset, name[40], safe[200], lo[32], hi[32];
	double v;

	snprintf(name, sizeof name, "--%s", d->name);
	switch (d->kind) {
	case OPT_FLAG:
		*(bool *)p = true;
		return OPT_OK;
	case OPT_PATH:
		if (value[0] != '/') {
			snprintf(err, errsize, "%s: the path must be absolute, not \"%s\"", name, shown(value, safe, sizeof safe));
			return OPT_ERR_PATH;
		}
		/* fall through */
	case OPT_STRING:
		*(const char **)p = value;
		return OPT_OK;
	case OPT_LONG:
	case OPT_DOUBLE:
		if (!read_plain(value, d->kind == OPT_LONG, &v) || v < d->min || v > d->max) {
			plain_number(lo, sizeof lo, d->min);
			plain_number(hi, sizeof hi, d->max);
			snprintf(err, errsize, "%s wants %s from %s to %s, not \"%s\"", name,
			         d->kind == OPT_LONG ? "a whole number" : "a number", lo, hi, shown(value, safe, sizeof safe));
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
			snprintf(err + o2, errsize - o2, "; not \"%s\"", shown(value, safe, sizeof safe));
		return OPT_ERR_CHOICE;
	}
	return OPT_ERR_UNKNOWN;
}

/* Name one more source (what `named` says: name, url or socket, where)
 * with the remote options in force; the command line's first source
 * replaces the config file's. */
static enum opt_err
add_source(struct options *o, const struct source_opts *named, char *err, size_t errsize)
{
	size_t k = 0;

	for (size_t i = 0; i < o->nsources; i++)
		if (named->from_file || !o->sources[i].from_file)
			o->sources[k++] = o->sources[i];
	o->nsources = k;
	if (o->nsources == OPTIONS_MAX_SOURCES) {
		snprintf(err, errsize, "more than %d sources (-u, -S, --source)", OPTIONS_MAX_SOURCES);
		return OPT_ERR_NUMBER;
	}
	struct source_opts *s = &o->sources[o->nsources++];
	*s = *named;
	if (!s->name)
		s->name = o->name;
	for (size_t i = 0; i < sizeof per_source / sizeof per_source[0]; i++) {
		const struct opt_def *d = find_def(per_source[i].name, strlen(per_source[i].name), 0);
		memcpy((char *)s + per_source[i].to, (const char *)o + per_source[i].at, kind_size[d->kind]);
	}
	o->name = NULL;
	o->after_last = 0;
	return OPT_OK;
}

/* Take `NAME URL|PATH` (cut in place) as one more source. */
static enum opt_err
source_line(struct options *o, char *value, bool from_file, char *err, size_t errsize)
{
	char safe[200];
	size_t n = strcspn(value, " \t"), gap = n + strspn(value + n, " \t");
	char *target = value + gap;

	if (n == 0 || !value[n] || !*target || target[strcspn(target, " \t")]) {
		snprintf(err, errsize, "--source wants a name and a URL or an absolute path (NAME URL|PATH), not \"%s\"",
		         shown(value, safe, sizeof safe));
		return OPT_ERR_MISSING;
	}
	value[n] = '\0';
	return add_source(o, &(struct source_opts){ .name = value, .url = target[0] == '/' ? NULL : target,
	                                            .socket = target[0] == '/' ? target : NULL,
	                                            .from_file = from_file, .listed = from_file }, err, errsize);
}

/* After option d took value: -u, -S and --source name one more source;
 * a name has no blanks; note an option set after the last source. */
static enum opt_err
took(struct options *o, const struct opt_def *d, char *value, bool from_file, char *err, size_t errsize)
{
	char safe[200];

	if (d->offset == AT(url))
		return add_source(o, &(struct source_opts){ .url = value, .from_file = from_file }, err, errsize);
	if (d->offset == AT(socket))
		return add_source(o, &(struct source_opts){ .socket = value, .from_file = from_file }, err, errsize);
	if (d->offset == AT(source))
		return source_line(o, value, from_file, err, errsize);
	if (d->offset == AT(name) && (!value[0] || value[strcspn(value, " \t")])) {
		snprintf(err, errsize, "--name wants a name without blanks, not \"%s\"", shown(value, safe, sizeof safe));
		return OPT_ERR_UNEXPECTED;
	}
	o->after_last |= 1ull << (d - defs);
	return OPT_OK;
}

/* A remote option given after the last source applies to each source
 * that has none of its own. */
static void
fill_trailing(struct options *o)
{
	static const char none[sizeof(const char *)];

	for (size_t i = 0; i < sizeof per_source / sizeof per_source[0]; i++) {
		const struct opt_def *d = find_def(per_source[i].name, strlen(per_source[i].name), 0);
		size_t size = kind_size[d->kind];
		if (!(o->after_last >> (d - defs) & 1u))
			continue;
		for (size_t k = 0; k < o->nsources; k++) {
			char *to = (char *)&o->sources[k] + per_source[i].to;
			if (memcmp(to, none, size) == 0)
				memcpy(to, (const char *)o + per_source[i].at, size);
		}
	}
}

/* How many of the sources are dashboards (--url). */
static size_t
count_urls(const struct options *o)
{
	size_t n = 0;

	for (size_t i = 0; i < o->nsources; i++)
		n += o->sources[i].url != NULL;
	return n;
}

/* Write "FILE:LINE: " for the last config line that set one of the options
 * in names (space-separated) still in force, else "". */
static void
where_of(const struct options *o, const char *names, char *buf, size_t size)
{
	unsigned line = 0;

	for (const char *n = names; *n; n += strspn(n, " ")) {
		size_t len = strcspn(n, " ");
		const struct opt_def *d = find_def(n, len, 0);
		if (d && !on_command_line(o, d) && is_set(o, d) && o->config_line[d - defs] > line)
			line = o->config_line[d - defs];
		n += len;
	}
	if (line && o->config_file)
		snprintf(buf, size, "%s:%u: ", o->config_file, line);
	else if (size)
		buf[0] = '\0';
}

/* Write a conflict into err, after the config file's place when options in
 * names (space-separated) came from there; returns OPT_ERR_CONFLICT. */
static enum opt_err
conflict(const struct options *o, const char *names, char *err, size_t errsize, const char *fmt, ...)
{
	char where[300];
	va_list ap;

	where_of(o, names, where, sizeof where);
	int n = snprintf(err, errsize, "%s", where);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errsize)
		vsnprintf(err + n, errsize - (size_t)n, fmt, ap);
	va_end(ap);
	return OPT_ERR_CONFLICT;
}

/* Check the remote dashboard's options against each other and the rest:
 * --sudo, --demo and --chronyc need a local source; each dashboard's own. */
static enum opt_err
finish_remote(const struct options *o, char *err, size_t errsize)
{
	size_t urls = count_urls(o);

	if (urls && urls == o->nsources && (o->sudo || o->demo || o->chronyc != default_chronyc))
		return conflict(o, "url source sudo demo chronyc", err, errsize,
		                "--url reads a remote dashboard: it does not go with --sudo, --demo or --chronyc "
		                "(they are for a local source, -S)");
	for (size_t i = 0; i < NDEFS && !urls; i++)
		if (defs[i].group == GROUP_REMOTE && is_set(o, &defs[i]))
			return conflict(o, defs[i].name, err, errsize, "--%s only applies to a remote dashboard (--url)",
			                defs[i].name);
	for (size_t i = 0; i < o->nsources; i++) {
		const struct source_opts *s = &o->sources[i];
		if (!s->url)
			continue;
		if (s->key && !s->cert)
			return conflict(o, "key", err, errsize, "--key goes with --cert");
		if (s->password_file && !s->user)
			return conflict(o, "password-file", err, errsize, "--password-file goes with --user");
		if (s->user && s->bearer_file)
			return conflict(o, "user bearer-file", err, errsize,
			                "--user and --bearer-file are two ways to log in: give one");
	}
	return OPT_OK;
}

/* A threshold from the config file yields to the other one given on the
 * command line when the two disagree. */
static void
yield_threshold(struct options *o)
{
	const struct opt_def *warn = find_def("warn-drops", 10, 0), *crit = find_def("crit-drops", 10, 0);

	if (on_command_line(o, crit) && !on_command_line(o, warn))
		reset(o, warn);
	else if (on_command_line(o, warn) && !on_command_line(o, crit))
		reset(o, crit);
}

/* Check options that depend on each other; apply --once. */
static enum opt_err
finish(struct options *o, char *err, size_t errsize)
{
	if (o->once) {
		o->batch = true;
		o->iterations = 1;
	}
	if (o->crit_drops < o->warn_drops)
		yield_threshold(o);
	if (o->crit_drops < o->warn_drops)
		return conflict(o, "crit-drops warn-drops", err, errsize,
		                "--crit-drops (%ld) must not be below --warn-drops (%ld)", o->crit_drops, o->warn_drops);
	if (o->crit_offset < o->warn_offset) {
		char crit[32], warn[32];
		fmt_offset(crit, sizeof crit, o->crit_offset);
		fmt_offset(warn, sizeof warn, o->warn_offset);
		return conflict(o, "crit-offset warn-offset", err, errsize,
		                "--crit-offset (%s) must not be below --warn-offset (%s)", crit, warn);
	}
	if (o->warn_rate > 0 && o->crit_rate > 0 && o->crit_rate < o->warn_rate)
		return conflict(o, "crit-rate warn-rate", err, errsize, "--crit-rate must not be below --warn-rate");
	if (o->output_file)
		o->batch = true;
	if (o->max_series && o->format != FORMAT_PROM)
		return conflict(o, "max-series format", err, errsize, "--max-series goes with -o prom");
	if (o->record_max_mib && !o->record)
		return conflict(o, "record-max", err, errsize, "--record-max goes with --record");
	if (o->replay && o->record)
		return conflict(o, "replay record", err, errsize, "--replay plays a recording: it does not go with --record");
	if (o->replay && (o->nsources || o->sudo || o->demo || o->chronyc != default_chronyc))
		return conflict(o, "replay url socket source sudo demo chronyc", err, errsize,
		                "--replay plays a recording: it does not go with --url, --socket, --sudo, --demo or --chronyc");
	if (o->demo && (count_urls(o) < o->nsources || o->sudo))
		return conflict(o, "demo socket source sudo", err, errsize,
		                "--demo starts its own chronyd: it does not go with --socket or --sudo");
	if (o->name)
		return conflict(o, "name", err, errsize, "--name names the source given after it (-u, -S): none follows");
	fill_trailing(o);
	return finish_remote(o, err, errsize);
}

/* The command line wins: drop the config file's options of every family
 * that rivals one given on the command line, and the file's sources of
 * those families. */
static void
drop_rivals(struct options *o)
{
	unsigned drop = 0;
	size_t k = 0;

	for (size_t i = 0; i < NDEFS; i++)
		if (on_command_line(o, &defs[i]))
			drop |= rivals[family(&defs[i])];
	for (size_t i = 0; i < NDEFS; i++)
		if (!on_command_line(o, &defs[i]) && (drop & FAM(family(&defs[i]))))
			reset(o, &defs[i]);
	for (size_t i = 0; i < o->nsources; i++)
		if (!o->sources[i].from_file || o->sources[i].listed ||
		    !(drop & FAM(o->sources[i].url ? FAM_REMOTE : FAM_CHRONYD)))
			o->sources[k++] = o->sources[i];
	o->nsources = k;
}

/* Parse argv into o. */
enum opt_err
options_parse(struct options *o, int argc, char **argv, char *err, size_t errsize)
{
	enum opt_err e;
	char safe[200];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL;
		const struct opt_def *d;

		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0') {
			snprintf(err, errsize, "unexpected argument \"%s\" (ticctop takes only options; see --help)",
			         shown(a, safe, sizeof safe));
			return OPT_ERR_UNEXPECTED;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			if (!(d = find_def(a + 2, len, 0))) {
				char typed[200];
				snprintf(typed, sizeof typed, "%.*s", (int)(len + 2), a);
				snprintf(err, errsize, "unknown option \"%s\" (see --help)", shown(typed, safe, sizeof safe));
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
					char typed[3] = { '-', *c, '\0' };
					snprintf(err, errsize, "unknown option \"%s\" (see --help)", shown(typed, safe, sizeof safe));
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
		if ((e = set_value(o, d, value, err, errsize)) != OPT_OK ||
		    (e = took(o, d, (char *)value, false, err, errsize)) != OPT_OK)
			return e;
	}
	drop_rivals(o);
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

/* Cut a comment (a '#' after a blank) off s[0..len), s trimmed at its
 * start; returns the length left, trimmed. */
static size_t
uncomment(char *s, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			len = i;
			trim(s, &len);
			break;
		}
	return len;
}

/* The option a config line names: its own, or for `X = value` the switch
 * `no-X` (*invert set); NULL when none may appear in the file. */
static const struct opt_def *
config_def(const char *name, size_t nlen, bool has_value, bool *invert)
{
	const struct opt_def *d = nlen ? find_def(name, nlen, 0) : NULL;
	char negated[64];

	*invert = false;
	if (!d && has_value && nlen && nlen + 4 <= sizeof negated) {
		snprintf(negated, sizeof negated, "no-%s", name);
		d = find_def(negated, nlen + 3, 0);
		if (d && d->kind != OPT_FLAG)
			d = NULL;
		*invert = d != NULL;
	}
	for (size_t i = 0; d && i < sizeof command_line_only / sizeof command_line_only[0]; i++)
		if (strcmp(d->name, command_line_only[i]) == 0)
			d = NULL;
	return d;
}

/* Take one config line `name [= value]`, line number lineno, into o. */
static enum opt_err
config_line(struct options *o, char *line, size_t len, unsigned lineno, char *err, size_t errsize)
{
	static const struct { const char *word; bool value; } words[] = {
		{ "yes", true }, { "no", false }, { "true", true }, { "false", false },
		{ "on", true }, { "off", false }, { "1", true }, { "0", false },
	};
	char *eq = memchr(line, '=', len), *value = NULL, safe[200];
	size_t nlen = eq ? (size_t)(eq - line) : len, vlen;
	char *name = trim(line, &nlen);
	bool invert;
	const struct opt_def *d = config_def(name, nlen, eq != NULL, &invert);
	enum opt_err e = OPT_OK;

	if (!d) {
		snprintf(err, errsize, "unknown option \"%s\"", shown(name, safe, sizeof safe));
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
		e = set_value(o, d, value, err, errsize);
	} else if (value) {
		size_t i = 0;
		while (i < sizeof words / sizeof words[0] && strcmp(value, words[i].word) != 0)
			i++;
		if (i == sizeof words / sizeof words[0]) {
			snprintf(err, errsize, "%s is a switch: yes or no, not \"%s\"", name, shown(value, safe, sizeof safe));
			return OPT_ERR_UNEXPECTED;
		}
		*(bool *)((char *)o + d->offset) = words[i].value != invert;
	} else {
		e = set_value(o, d, NULL, err, errsize);
	}
	if (e == OPT_OK && value && d->kind != OPT_FLAG)
		e = took(o, d, value, true, err, errsize);
	else if (e == OPT_OK)
		o->after_last |= 1ull << (d - defs);
	if (e == OPT_OK)
		o->config_line[d - defs] = lineno;
	return e;
}

/* Parse a config file's text into o. */
enum opt_err
options_parse_config(struct options *o, char *text, const char *file, char *err, size_t errsize)
{
	static const char bom[] = "\xef\xbb\xbf";
	char *line = text, why[400];
	unsigned lineno = 0;
	enum opt_err e;

	o->config_file = file;
	if (strncmp(line, bom, sizeof bom - 1) == 0)
		line += sizeof bom - 1;
	while (*line) {
		char *end = strchr(line, '\n'), *next = end ? end + 1 : line + strlen(line);
		size_t len = end ? (size_t)(end - line) : strlen(line);
		lineno++;
		char *s = trim(line, &len);
		if (len > 0 && s[0] != '#' && (len = uncomment(s, len)) > 0 &&
		    (e = config_line(o, s, len, lineno, why, sizeof why)) != OPT_OK) {
			snprintf(err, errsize, "%s:%u: %s", file, lineno, why);
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

	return d && on_command_line(o, d);
}

/* Write "FILE:LINE: " when the config file set this option, else "". */
void
options_where(const struct options *o, const char *name, char *buf, size_t size)
{
	where_of(o, name, buf, size);
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
