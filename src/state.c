/* state.c — the per-source (or per-fleet) state file: tolerant parse, atomic write. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "parse.h"
#include "state.h"

#define SLUG_MAX 40
#define LINE_MAX_ESCAPED 8192

static const char *const err_texts[STATE_ERR_COUNT] = {
	[STATE_OK] = "ok",
	[STATE_ERR_MISSING] = "no state file yet",
	[STATE_ERR_NO_HOME] = "neither XDG_STATE_HOME nor HOME is set",
	[STATE_ERR_IO] = "cannot read or write it",
	[STATE_ERR_TOO_BIG] = "too big",
	[STATE_ERR_SYNTAX] = "not `key = value` lines",
	[STATE_ERR_VERSION] = "unknown version",
	[STATE_ERR_OTHER_SOURCE] = "written for another source",
	[STATE_ERR_NOMEM] = "out of memory",
};

/* Describe an error in a few words. */
const char *
state_err_text(enum state_err e)
{
	return err_texts[e];
}

/* Make s empty. */
void
saved_init(struct saved *s)
{
	memset(s, 0, sizeof *s);
}

/* Free what s holds. */
void
saved_free(struct saved *s)
{
	for (size_t i = 0; i < s->ncards; i++)
		strset_free(&s->cards[i].toggled);
	saved_init(s);
}

/* The index of server's open cards in s, or s->ncards. */
static size_t
find_cards(const struct saved *s, const char *server)
{
	size_t i = 0;

	while (i < s->ncards && strcmp(s->cards[i].server, server) != 0)
		i++;
	return i;
}

/* The open cards of server in s, added empty when missing; NULL when the name is too long or s is full. */
struct strset *
saved_cards(struct saved *s, const char *server)
{
	size_t i = find_cards(s, server);

	if (i < s->ncards)
		return &s->cards[i].toggled;
	if (strlen(server) >= STATE_NAME_MAX || s->ncards == STATE_SERVERS_MAX)
		return NULL;
	snprintf(s->cards[i].server, sizeof s->cards[i].server, "%s", server);
	strset_init(&s->cards[i].toggled);
	s->ncards++;
	return &s->cards[i].toggled;
}

/* The state file of the source named target. */
enum state_err
state_path(char *buf, size_t size, const char *target)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char slug[SLUG_MAX + 1];
	size_t n = 0;
	uint64_t h = 1469598103934665603ULL;
	int w;

	for (const char *p = target; *p; p++) {
		unsigned char c = (unsigned char)*p;
		h = (h ^ c) * 1099511628211ULL;
		bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (n < SLUG_MAX && (word || (n > 0 && slug[n - 1] != '-')))
			slug[n++] = word ? (char)(c | (c >= 'A' && c <= 'Z' ? 0x20 : 0)) : '-';
	}
	while (n > 0 && slug[n - 1] == '-')
		n--;
	slug[n] = '\0';
	if (xdg && xdg[0] == '/')
		w = snprintf(buf, size, "%s/ticctop/%s-%016llx.state", xdg, slug, (unsigned long long)h);
	else if (home && home[0] == '/')
		w = snprintf(buf, size, "%s/.local/state/ticctop/%s-%016llx.state", home, slug, (unsigned long long)h);
	else
		return STATE_ERR_NO_HOME;
	return w < 0 || (size_t)w >= size ? STATE_ERR_NO_HOME : STATE_OK;
}

/* The value of hex digit c, or -1. */
static int
hex_value(char c)
{
	static const char digits[] = "0123456789abcdef";
	const char *p = c ? strchr(digits, tolower((unsigned char)c)) : NULL;

	return p ? (int)(p - digits) : -1;
}

/* Undo the file's escapes in s[0..len) into out; false on a bad escape.
 * (s is not NUL-terminated: sscanf here read to the end of the buffer and
 * beyond for every escape, quadratic and out of bounds.) */
static bool
unescape(const char *s, size_t len, char *out, size_t size, size_t *olen)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\\') {
			if (i + 1 < len && s[i + 1] == '\\') {
				i++;
			} else if (i + 3 < len && s[i + 1] == 'x' && hex_value(s[i + 2]) >= 0 && hex_value(s[i + 3]) >= 0) {
				c = (char)(hex_value(s[i + 2]) * 16 + hex_value(s[i + 3]));
				i += 3;
			} else {
				return false;
			}
		}
		if (o + 1 >= size)
			return false;
		out[o++] = c;
	}
	out[o] = '\0';
	*olen = o;
	return true;
}

/* Write s escaped so it is one printable word without spaces. */
static void
put_escaped(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\')
			fputs("\\\\", fp);
		else if (c <= 0x20 || c >= 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
}

/* Add a note to why (keeping the first ones). */
static void
note(char *why, size_t size, size_t lineno, const char *what, const char *value)
{
	size_t o = strlen(why);

	if (o + 1 < size)
		snprintf(why + o, size - o, "%sline %zu: %s \"%.40s\" ignored", o ? "; " : "", lineno, what, value);
}

/* Parse a yes/no word; false when it is neither. */
static bool
parse_bool(const char *v, bool *out)
{
	static const struct { const char *word; bool value; } words[] = {
		{ "yes", true }, { "no", false }, { "true", true }, { "false", false },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(v, words[i].word) == 0) {
			*out = words[i].value;
			return true;
		}
	return false;
}

/* Everything one parse collects before it decides: each server's open
 * cards go to s->cards[i], its closed ones to closed[i]. */
struct reading {
	struct saved *s;
	const char *target;
	struct strset closed[STATE_SERVERS_MAX];
	long cur;                /* the server the card lines are of (s->cards), -1: skip them */
	bool have_version, have_source;
	char *why;
	size_t whysize;
};

/* What a line's value does; false when out of memory. */
typedef bool (*take_fn)(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen);

/* version = 1: the only version there is. */
static bool
take_version(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	r->have_version = strcmp(v, "1") == 0;
	return true;
}

/* source = TARGET: the file is for this source. */
static bool
take_source(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	r->have_source = strlen(r->target) == vlen && memcmp(v, r->target, vlen) == 0;
	return true;
}

/* theme = NAME. */
static bool
take_theme(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	if (!(r->s->have_theme = theme_parse(v, &r->s->theme)))
		note(r->why, r->whysize, lineno, key, v);
	return true;
}

/* sort = KEY. */
static bool
take_sort(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	if (!(r->s->have_sort = sort_key_parse(v, &r->s->sort)))
		note(r->why, r->whysize, lineno, key, v);
	return true;
}

/* view = cards|table. */
static bool
take_view(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	if (!(r->s->have_view = clients_view_parse(v, &r->s->view)))
		note(r->why, r->whysize, lineno, key, v);
	return true;
}

/* reverse = yes|no, expand-all = yes|no, group = yes|no. */
static bool
take_switch(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	bool *to = strcmp(key, "reverse") == 0 ? &r->s->reverse : strcmp(key, "group") == 0 ? &r->s->group
	                                                                                   : &r->s->expand_all;

	if (!parse_bool(v, to))
		note(r->why, r->whysize, lineno, key, v);
	return true;
}

/* server = NAME: the card lines after it are that server's (a fleet's). */
static bool
take_server(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	if (vlen > 0 && !memchr(v, '\0', vlen) && saved_cards(r->s, v)) {
		r->cur = (long)find_cards(r->s, v);
	} else {
		r->cur = -1;
		note(r->why, r->whysize, lineno, key, v);
	}
	return true;
}

/* selected = NAME: a fleet's selected server. */
static bool
take_selected(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	if (vlen == 0 || vlen >= sizeof r->s->selected || memchr(v, '\0', vlen))
		note(r->why, r->whysize, lineno, key, v);
	else
		memcpy(r->s->selected, v, vlen + 1);
	return true;
}

/* open = ADDRESS, closed = ADDRESS: cards that differ from expand-all. */
static bool
take_card(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	if (r->cur < 0)
		return true; /* a server named badly: noted once */
	if (vlen == 0 || memchr(v, '\0', vlen)) {
		note(r->why, r->whysize, lineno, key, v);
		return true;
	}
	return strset_add(strcmp(key, "open") == 0 ? &r->s->cards[r->cur].toggled : &r->closed[r->cur], v, vlen);
}

/* The keys a state file may hold; any other key is ignored (a newer ticctop's). */
static const struct {
	const char *key;
	take_fn take;
} takers[] = {
	{ "version", take_version }, { "source", take_source }, { "theme", take_theme }, { "sort", take_sort },
	{ "reverse", take_switch }, { "view", take_view }, { "expand-all", take_switch }, { "group", take_switch },
	{ "selected", take_selected }, { "server", take_server }, { "open", take_card }, { "closed", take_card },
};

/* Take one `key = value` line; false when out of memory. */
static bool
take(struct reading *r, size_t lineno, const char *key, const char *v, size_t vlen)
{
	for (size_t i = 0; i < sizeof takers / sizeof takers[0]; i++)
		if (strcmp(key, takers[i].key) == 0)
			return takers[i].take(r, lineno, key, v, vlen);
	return true;
}

/* Parse a state file's bytes for source target into s. */
enum state_err
state_parse(const char *buf, size_t len, const char *target, struct saved *s, char *why, size_t whysize)
{
	struct reading r = { .s = s, .target = target, .why = why, .whysize = whysize };
	enum state_err e = STATE_OK;
	size_t pos = 0, llen, lineno = 0, klen, vlen;
	const char *line;
	char key[32], *value = malloc(LINE_MAX_ESCAPED);

	why[0] = '\0';
	saved_free(s);
	if (!value)
		return STATE_ERR_NOMEM;
	for (size_t i = 0; i < STATE_SERVERS_MAX; i++)
		strset_init(&r.closed[i]);
	saved_cards(s, ""); /* the one source's, s->cards[0] */
	if (len > STATE_MAX_BYTES)
		e = STATE_ERR_TOO_BIG;
	while (e == STATE_OK && parse_next_line(buf, len, &pos, &line, &llen)) {
		lineno++;
		while (llen > 0 && (line[llen - 1] == ' ' || line[llen - 1] == '\t'))
			llen--;
		while (llen > 0 && (line[0] == ' ' || line[0] == '\t'))
			line++, llen--;
		if (llen == 0 || line[0] == '#')
			continue;
		const char *eq = memchr(line, '=', llen);
		for (klen = eq ? (size_t)(eq - line) : 0; klen > 0 && line[klen - 1] == ' '; klen--)
			;
		const char *v = eq ? eq + 1 : NULL;
		while (v && v < line + llen && *v == ' ')
			v++;
		if (!eq || klen == 0 || klen >= sizeof key || memchr(line, '\0', llen) ||
		    !unescape(v, (size_t)(line + llen - v), value, LINE_MAX_ESCAPED, &vlen)) {
			snprintf(why, whysize, "line %zu is not `key = value`", lineno);
			e = STATE_ERR_SYNTAX;
			break;
		}
		memcpy(key, line, klen);
		key[klen] = '\0';
		if (!take(&r, lineno, key, value, vlen))
			e = STATE_ERR_NOMEM;
	}
	if (e == STATE_OK && !r.have_version)
		e = STATE_ERR_VERSION;
	else if (e == STATE_OK && !r.have_source)
		e = STATE_ERR_OTHER_SOURCE;
	free(value);
	for (size_t i = 0; i < s->ncards; i++) {
		if (e == STATE_OK && s->expand_all) {
			strset_free(&s->cards[i].toggled);
			s->cards[i].toggled = r.closed[i];
		} else {
			strset_free(&r.closed[i]);
		}
	}
	if (e != STATE_OK) {
		saved_free(s);
		if (!why[0])
			snprintf(why, whysize, "%s", state_err_text(e));
	}
	return e;
}

/* Read path for source target into s. */
enum state_err
state_read(const char *path, const char *target, struct saved *s, char *why, size_t whysize)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;

	why[0] = '\0';
	if (!fp) {
		if (errno == ENOENT)
			return STATE_ERR_MISSING;
		snprintf(why, whysize, "%s", strerror(errno));
		return STATE_ERR_IO;
	}
	if (fstat(fileno(fp), &st) < 0 || st.st_size > (off_t)STATE_MAX_BYTES || !S_ISREG(st.st_mode)) {
		fclose(fp);
		snprintf(why, whysize, "%s", state_err_text(STATE_ERR_TOO_BIG));
		return STATE_ERR_TOO_BIG;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		fclose(fp);
		return STATE_ERR_NOMEM;
	}
	size_t n = fread(buf, 1, (size_t)st.st_size, fp);
	bool bad = ferror(fp);
	fclose(fp);
	enum state_err e;
	if (bad) {
		snprintf(why, whysize, "read error");
		e = STATE_ERR_IO;
	} else {
		e = state_parse(buf, n, target, s, why, whysize);
	}
	free(buf);
	return e;
}

/* Make directory path and its parents (mode 0700); false with errno set. */
static bool
make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
		*p = '/';
		if (!ok)
			return false;
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

/* Compare two strings through pointers (for qsort). */
static int
compare_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Write one server's open (or closed) cards, sorted, after its `server`
 * line when it has a name; false when out of memory. */
static bool
write_cards(FILE *fp, const struct saved_cards *sc, bool expand_all)
{
	size_t n = strset_count(&sc->toggled), pos = 0;
	const char **cards = malloc((n ? n : 1) * sizeof *cards);
	const char *e;

	if (!cards)
		return false;
	for (size_t i = 0; (e = strset_next(&sc->toggled, &pos)); i++)
		cards[i] = e;
	qsort(cards, n, sizeof *cards, compare_str);
	if (sc->server[0] && n > 0) {
		fputs("server = ", fp);
		put_escaped(fp, sc->server);
		fputc('\n', fp);
	}
	for (size_t i = 0; i < n; i++) {
		fputs(expand_all ? "closed = " : "open = ", fp);
		put_escaped(fp, cards[i]);
		fputc('\n', fp);
	}
	free(cards);
	return true;
}

/* Write the state text to fp; false when out of memory. */
static bool
write_text(FILE *fp, const char *target, const struct saved *s)
{
	fprintf(fp, "# ticctop: theme, order, view and open cards for one source or fleet (safe to delete)\n"
	            "version = %d\nsource = ", STATE_VERSION);
	put_escaped(fp, target);
	fputc('\n', fp);
	if (s->have_theme)
		fprintf(fp, "theme = %s\n", theme_name(s->theme));
	if (s->have_sort)
		fprintf(fp, "sort = %s\nreverse = %s\n", sort_key_name(s->sort), s->reverse ? "yes" : "no");
	if (s->have_view)
		fprintf(fp, "view = %s\n", clients_view_name(s->view));
	fprintf(fp, "expand-all = %s\n", s->expand_all ? "yes" : "no");
	if (s->group) /* a fleet's only */
		fputs("group = yes\n", fp);
	if (s->selected[0]) { /* a fleet's only */
		fputs("selected = ", fp);
		put_escaped(fp, s->selected);
		fputc('\n', fp);
	}
	for (int named = 0; named < 2; named++) /* the one source's before any server line */
		for (size_t i = 0; i < s->ncards; i++)
			if ((s->cards[i].server[0] != '\0') == named && !write_cards(fp, &s->cards[i], s->expand_all))
				return false;
	return true;
}

/* What state_write hands write_state. */
struct state_text {
	const char *target;
	const struct saved *s;
};

/* Write the state text of ctx (a state_text) to fp (an outfile writer). */
static bool
write_state(FILE *fp, void *ctx)
{
	const struct state_text *st = ctx;

	return write_text(fp, st->target, st->s);
}

/* Write s for source target to path atomically (outfile.h), private to the user. */
enum state_err
state_write(const char *path, const char *target, const struct saved *s, char *why, size_t whysize)
{
	size_t plen = strlen(path);
	char *dir = malloc(plen + 1);
	struct state_text st = { target, s };
	enum state_err e = STATE_OK;

	why[0] = '\0';
	if (!dir)
		return STATE_ERR_NOMEM;
	memcpy(dir, path, plen + 1);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	if (!make_dirs(dir)) { /* the cause first: a narrow key bar cuts the end */
		snprintf(why, whysize, "%s (mkdir %s)", strerror(errno), dir);
		e = STATE_ERR_IO;
	} else if (!outfile_replace(path, 0600, write_state, &st, why, whysize)) {
		e = STATE_ERR_IO;
	}
	free(dir);
	return e;
}
