/* parse_dash.c — TICC-DASH / Chrony Web Interface `/data` JSON to client rows. */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_dash.h"

#define KEYS_LISTED 4      /* keys named when the document is of another kind */
#define VALUE_SHOWN 24     /* bytes of a bad value quoted back */

/* The keys TICC-DASH sends for chronyc's columns (tokens 1-6 of a row). */
static const struct {
	const char *key;
	enum field field;
} dash_fields[] = {
	{ "NTP", FIELD_NTP_PACKETS },
	{ "Drop", FIELD_NTP_DROPS },
	{ "Int", FIELD_NTP_INTERVAL },
	{ "IntL", FIELD_NTP_INTERVAL_LIMITED },
	{ "Last", FIELD_NTP_LAST },
	{ "Cmd", FIELD_CMD_PACKETS },
};

/* Which web application answered, and its machine name (server_info.format). */
enum dash_format { DASH_NONE, DASH_TICC, DASH_WEB_V1, DASH_FORMAT_COUNT };

static const char *const format_names[DASH_FORMAT_COUNT] = {
	[DASH_NONE] = "", [DASH_TICC] = "ticc-dash", [DASH_WEB_V1] = "chrony-web-v1",
};

/* jansson's error codes in the user's words; others are "invalid JSON". */
static const struct {
	enum json_error_code code;
	const char *text;
} json_errors[] = {
	{ json_error_stack_overflow, "nested deeper than 2048 levels" },
	{ json_error_premature_end_of_input, "the JSON ends early (cut off?)" },
	{ json_error_duplicate_key, "a key appears twice in one object" },
	{ json_error_invalid_utf8, "invalid UTF-8" },
	{ json_error_null_character, "a \\u0000 inside a string" },
	{ json_error_numeric_overflow, "a number too large" },
	{ json_error_end_of_input_expected, "more text after the JSON document" },
};

/* What a value of each kind is, for "expected ..." messages. */
static const char *const kind_texts[] = {
	[KIND_COUNT] = "a count", [KIND_LOG2] = "a log2 interval", [KIND_SECONDS] = "seconds (e.g. 15, 21m, 3h)",
};

/* Name a JSON value's type as a phrase ("an array"). */
static const char *
type_text(const json_t *j)
{
	static const char *const names[] = {
		[JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array", [JSON_STRING] = "a string",
		[JSON_INTEGER] = "a number", [JSON_REAL] = "a number", [JSON_TRUE] = "true",
		[JSON_FALSE] = "false", [JSON_NULL] = "null",
	};
	return names[json_typeof(j)];
}

/* Write a failure's detail into rep. */
static void __attribute__((format(printf, 2, 3)))
set_detail(struct parse_report *rep, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rep->detail, sizeof rep->detail, fmt, ap);
	va_end(ap);
}

/* Describe why jansson refused the text; returns the parse error. */
static enum parse_err
json_failure(const json_error_t *je, struct parse_report *rep)
{
	enum json_error_code code = json_error_code(je);
	const char *what = "invalid JSON";

	if (code == json_error_out_of_memory)
		return PARSE_ERR_NOMEM;
	for (size_t i = 0; i < sizeof json_errors / sizeof json_errors[0]; i++)
		if (json_errors[i].code == code)
			what = json_errors[i].text;
	set_detail(rep, "%s at line %d, column %d (%s)", what, je->line, je->column, je->text);
	return PARSE_ERR_JSON;
}

/* Copy the string member key of root into dst; false (with the detail) if
 * it is there but neither a string nor null. */
static bool
meta_string(const json_t *root, const char *key, char *dst, size_t size, struct parse_report *rep)
{
	const json_t *v = json_object_get(root, key);

	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v)) {
		set_detail(rep, "\"%s\" is %s, expected a string", key, type_text(v));
		return false;
	}
	snprintf(dst, size, "%.*s", (int)(json_string_length(v) < size ? json_string_length(v) : size - 1),
	         json_string_value(v));
	return true;
}

/* Write a warning about what the server said into info (the first one kept). */
static void __attribute__((format(printf, 2, 3)))
set_warning(struct server_info *info, const char *fmt, ...)
{
	va_list ap;

	if (info->warning[0])
		return;
	va_start(ap, fmt);
	vsnprintf(info->warning, sizeof info->warning, fmt, ap);
	va_end(ap);
}

/* Read what the server says about itself: count, local_time, error.  A
 * count that is no whole number of clients is a warning, not a failure. */
static bool
read_meta(const json_t *root, struct parse_report *rep, struct server_info *info)
{
	const json_t *count = json_object_get(root, "count");

	if (json_is_integer(count) && json_integer_value(count) >= 0) {
		info->have_count = true;
		info->count = (long long)json_integer_value(count);
	} else if (json_is_number(count)) {
		char *text = json_dumps(count, JSON_ENCODE_ANY); /* as sent, whatever the locale */
		set_warning(info, "\"count\" is %.40s, not a number of clients: ignored", text ? text : "a number");
		free(text);
	} else if (count && !json_is_null(count)) {
		set_warning(info, "\"count\" is %s, not a number of clients: ignored", type_text(count));
	}
	return meta_string(root, "local_time", info->time, sizeof info->time, rep) &&
	       meta_string(root, "error", info->error, sizeof info->error, rep);
}

/* Check one value of an entry: present, a string.  *v gets it. */
static enum line_err
entry_string(const json_t *e, const char *key, const json_t **v)
{
	if (!(*v = json_object_get(e, key)))
		return LINE_MISSING;
	return json_is_string(*v) ? LINE_OK : LINE_BAD_TYPE;
}

/* Read one entry of clients_parsed into r.  On failure *key names the
 * member at fault (NULL: the entry itself) and *v the value. */
static enum line_err
dash_entry(const json_t *e, struct row *r, const char **key, const json_t **v)
{
	enum line_err le;

	*key = NULL;
	*v = e;
	if (!json_is_object(e))
		return LINE_BAD_TYPE;
	memset(r, 0, sizeof *r);
	*key = "addr";
	if ((le = entry_string(e, *key, v)) != LINE_OK)
		return le;
	r->addr = json_string_value(*v);
	r->len = json_string_length(*v);
	if (r->len == 0 || r->len > PARSE_ADDR_MAX)
		return LINE_BAD_ADDRESS;
	r->truncated = parse_name_cut(r->addr, r->len);
	for (size_t i = 0; i < sizeof dash_fields / sizeof dash_fields[0]; i++) {
		*key = dash_fields[i].key;
		if ((le = entry_string(e, *key, v)) != LINE_OK ||
		    (le = parse_value(dash_fields[i].field, FORM_TABLE, json_string_value(*v), json_string_length(*v),
		                      &r->s)) != LINE_OK)
			return le;
	}
	return LINE_OK;
}

/* Say what was wrong with entry n (1-based), in the user's words. */
static void
describe_entry(struct parse_report *rep, size_t n, enum line_err le, const char *key, const json_t *v)
{
	if (!key) {
		set_detail(rep, "entry %zu is %s, expected an object", n, type_text(v));
		return;
	}
	switch (le) {
	case LINE_MISSING:
		set_detail(rep, "entry %zu has no \"%s\"", n, key);
		break;
	case LINE_BAD_TYPE:
		set_detail(rep, "entry %zu: \"%s\" is %s, expected a string", n, key, type_text(v));
		break;
	case LINE_BAD_ADDRESS:
		set_detail(rep, "entry %zu: \"addr\" is %s", n, json_string_length(v) ? "longer than 255 bytes" : "empty");
		break;
	default: {
		size_t len = json_string_length(v);
		enum field f = FIELD_COUNT;
		for (size_t i = 0; i < sizeof dash_fields / sizeof dash_fields[0]; i++)
			if (strcmp(dash_fields[i].key, key) == 0)
				f = dash_fields[i].field;
		set_detail(rep, "entry %zu: \"%s\" is \"%.*s%s\", expected %s (%s)", n, key,
		           (int)(len > VALUE_SHOWN ? VALUE_SHOWN : len), json_string_value(v), len > VALUE_SHOWN ? "..." : "",
		           kind_texts[field_info(f)->kind], line_err_text(le));
	}
	}
}

/* Hand every good entry of a clients_parsed array to sink. */
static enum parse_err
dash_entries(const json_t *list, row_sink sink, void *ctx, struct parse_report *rep)
{
	size_t i;
	const json_t *e;

	rep->entries = true;
	json_array_foreach(list, i, e) {
		struct row r;
		const char *key;
		const json_t *v;
		enum line_err le = dash_entry(e, &r, &key, &v);
		if (le != LINE_OK) {
			if (rep->skipped == 0)
				describe_entry(rep, i + 1, le, key, v);
			parse_skip(rep, i + 1, le);
			continue;
		}
		if (!sink(ctx, &r))
			return PARSE_ERR_NOMEM;
		rep->rows++;
	}
	if (rep->rows == 0 && rep->skipped > 0)
		return PARSE_ERR_NO_ROWS;
	rep->detail[0] = '\0'; /* only a failure keeps its detail */
	return PARSE_OK;
}

/* Parse V1's "clients": chronyc's plain table as one string. */
static enum parse_err
dash_v1(const json_t *text, row_sink sink, void *ctx, struct parse_report *rep, struct server_info *info)
{
	char why[sizeof rep->detail];
	const char *t = json_string_value(text);
	size_t len = json_string_length(text);
	enum parse_err err = parse_table(t, len, sink, ctx, rep);

	while (len > 0 && strchr(" \t\r\n", t[len - 1]))
		len--;
	if (err == PARSE_ERR_NO_HEADER && len > 0 && !memchr(t, '\n', len)) {
		/* one line instead of the table: the server's own error, as V1
		 * sends it ("Error: Command ... returned non-zero exit status 1.") */
		snprintf(info->error, sizeof info->error, "%.*s", (int)(len < sizeof info->error ? len : sizeof info->error - 1), t);
		set_detail(rep, "\"clients\" holds the server's error, not chronyc's table");
	} else if (err == PARSE_ERR_NO_HEADER) {
		snprintf(why, sizeof why, "%s", rep->detail);
		set_detail(rep, "\"clients\" is not chronyc's clients table: %s", why);
	}
	return err;
}

/* Say what keys the object has when it is not a /data answer. */
static enum parse_err
unknown_object(const json_t *root, struct parse_report *rep)
{
	char keys[120] = "";
	size_t n = 0, o = 0;
	const char *k;
	const json_t *v;

	json_object_foreach((json_t *)root, k, v) {
		if (n++ < KEYS_LISTED && o < sizeof keys)
			o += (size_t)snprintf(keys + o, sizeof keys - o, "%s\"%.24s\"", o ? ", " : "", k);
	}
	set_detail(rep, "expected \"clients_parsed\" (TICC-DASH) or \"clients\" (Web Interface V1), got %s%s%s",
	           n ? "keys " : "an empty object", keys, n > KEYS_LISTED ? ", ..." : "");
	return PARSE_ERR_SCHEMA;
}

/* Walk a parsed document: detect the format, read the rows and the rest. */
static enum parse_err
dash_document(const json_t *root, row_sink sink, void *ctx, struct parse_report *rep, struct server_info *info)
{
	const json_t *list;

	if (!json_is_object(root)) {
		set_detail(rep, "expected a JSON object, got %s", type_text(root));
		return PARSE_ERR_SCHEMA;
	}
	if (!read_meta(root, rep, info))
		return PARSE_ERR_SCHEMA;
	if ((list = json_object_get(root, "clients_parsed"))) {
		info->format = format_names[DASH_TICC];
		if (json_is_array(list))
			return dash_entries(list, sink, ctx, rep);
		set_detail(rep, "\"clients_parsed\" is %s, expected an array", type_text(list));
		return PARSE_ERR_SCHEMA;
	}
	if ((list = json_object_get(root, "clients"))) {
		info->format = format_names[DASH_WEB_V1];
		if (json_is_string(list))
			return dash_v1(list, sink, ctx, rep, info);
		set_detail(rep, "\"clients\" is %s, expected a string (chronyc's table)", type_text(list));
		return PARSE_ERR_SCHEMA;
	}
	return unknown_object(root, rep);
}

/* ---- The fast reader ------------------------------------------------------
 * jansson builds a tree of every value first: 100k clients cost it ~0.5 s
 * and ~150 MB.  Real answers have one simple shape, read here in place in
 * two passes (check everything, then hand the rows over), allocating
 * nothing.  It takes only what it reads exactly as the jansson path would:
 * strings of printable ASCII without escapes, the four known top-level keys
 * (count an integer, the others strings or null), entries of exactly the
 * seven string members with good values.  Anything else it declines before
 * a single row went out, and jansson reads it with its full diagnostics. */

#define COUNT_MAX_DIGITS 18   /* a longer count is left to jansson */

/* Where the fast reader is in the document. */
struct scan {
	const char *p, *end;
};

/* Step over JSON white space. */
static void
scan_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
		s->p++;
}

/* Take the character c after white space; false if another comes. */
static bool
scan_char(struct scan *s, char c)
{
	scan_ws(s);
	if (s->p == s->end || *s->p != c)
		return false;
	s->p++;
	return true;
}

/* Take a string of printable ASCII without escapes: *str and *len get its
 * bytes.  False for anything else. */
static bool
scan_string(struct scan *s, const char **str, size_t *len)
{
	if (!scan_char(s, '"'))
		return false;
	*str = s->p;
	while (s->p < s->end && (unsigned char)(*s->p - 0x20) < 0x5f && *s->p != '"' && *s->p != '\\')
		s->p++;
	if (s->p == s->end || *s->p != '"')
		return false;
	*len = (size_t)(s->p++ - *str);
	return true;
}

/* Take the word w (null); false if it is not there. */
static bool
scan_word(struct scan *s, const char *w)
{
	size_t n = strlen(w);

	scan_ws(s);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n) != 0)
		return false;
	s->p += n;
	return true;
}

/* Return whether key[0..len) is the NUL-terminated name. */
static bool
key_is(const char *key, size_t len, const char *name)
{
	size_t i = 0;

	while (i < len && key[i] == name[i]) /* a key has no NUL: stops at name's end */
		i++;
	return i == len && name[len] == '\0';
}

/* Take one entry into r: "addr" and the dash_fields, each once, in any
 * order, all good.  False when it is anything else. */
static bool
scan_entry(struct scan *s, struct row *r)
{
	const size_t nf = sizeof dash_fields / sizeof dash_fields[0];
	unsigned seen = 0, all = (1u << (nf + 1)) - 1;
	const char *k, *v;
	size_t kl, vl;

	if (!scan_char(s, '{'))
		return false;
	memset(r, 0, sizeof *r);
	do {
		if (!scan_string(s, &k, &kl) || !scan_char(s, ':') || !scan_string(s, &v, &vl))
			return false;
		size_t i = 0;
		while (i < nf && !key_is(k, kl, dash_fields[i].key))
			i++;
		if (i == nf && !key_is(k, kl, "addr"))
			return false;
		if (seen & (1u << i))
			return false;
		seen |= 1u << i;
		if (i == nf) {
			r->addr = v;
			r->len = vl;
		} else if (parse_value(dash_fields[i].field, FORM_TABLE, v, vl, &r->s) != LINE_OK) {
			return false;
		}
	} while (scan_char(s, ','));
	if (!scan_char(s, '}') || seen != all || r->len == 0 || r->len > PARSE_ADDR_MAX)
		return false;
	r->truncated = parse_name_cut(r->addr, r->len);
	return true;
}

/* Take the array of entries; with a sink, hand each row to it (the array
 * was checked before).  *rows counts them; false when one is not simple
 * or the sink refused (*refused set). */
static bool
scan_entries(struct scan *s, row_sink sink, void *ctx, size_t *rows, bool *refused)
{
	struct row r;

	*rows = 0;
	if (!scan_char(s, '['))
		return false;
	if (scan_char(s, ']'))
		return true;
	do {
		if (!scan_entry(s, &r))
			return false;
		if (sink && !sink(ctx, &r)) {
			*refused = true;
			return false;
		}
		++*rows;
	} while (scan_char(s, ','));
	return scan_char(s, ']');
}

/* Take a string or null into dst as meta_string would; false for anything else. */
static bool
scan_meta_string(struct scan *s, char *dst, size_t size)
{
	const char *v;
	size_t len;

	if (scan_word(s, "null"))
		return true;
	if (!scan_string(s, &v, &len))
		return false;
	snprintf(dst, size, "%.*s", (int)(len < size ? len : size - 1), v);
	return true;
}

/* Take "count": an integer or null; false for anything else. */
static bool
scan_count(struct scan *s, struct server_info *info)
{
	const char *d = s->p;
	long long v = 0;

	if (scan_word(s, "null"))
		return true;
	for (d = s->p; d < s->end && *d >= '0' && *d <= '9'; d++)
		continue;
	size_t n = (size_t)(d - s->p);
	if (n == 0 || n > COUNT_MAX_DIGITS || (n > 1 && *s->p == '0') || (d < s->end && strchr(".eE", *d)))
		return false;
	for (; s->p < d; s->p++)
		v = v * 10 + (*s->p - '0');
	info->have_count = true;
	info->count = v;
	return true;
}

/* Take "clients_parsed", checking every entry (the rows go out later). */
static bool
scan_top_list(struct scan *s, struct server_info *info)
{
	size_t rows;
	bool refused = false;

	return scan_entries(s, NULL, NULL, &rows, &refused);
}

/* Take "local_time". */
static bool
scan_top_time(struct scan *s, struct server_info *info)
{
	return scan_meta_string(s, info->time, sizeof info->time);
}

/* Take "error". */
static bool
scan_top_error(struct scan *s, struct server_info *info)
{
	return scan_meta_string(s, info->error, sizeof info->error);
}

/* The top-level keys the fast reader knows, each taken at most once; the
 * first is the list of clients. */
static const struct {
	const char *key;
	bool (*scan)(struct scan *s, struct server_info *info);
} top_keys[] = {
	{ "clients_parsed", scan_top_list },
	{ "count", scan_count },
	{ "local_time", scan_top_time },
	{ "error", scan_top_error },
};

#define TOP_KEYS (sizeof top_keys / sizeof top_keys[0])

/* Check the whole document: the top-level object, its meta into info, every
 * entry; *list gets where the list of clients starts.  False to decline. */
static bool
scan_document(struct scan *s, struct server_info *info, const char **list)
{
	unsigned seen = 0;
	const char *k;
	size_t kl, t;

	if (!scan_char(s, '{'))
		return false;
	do {
		if (!scan_string(s, &k, &kl) || !scan_char(s, ':'))
			return false;
		for (t = 0; t < TOP_KEYS && !key_is(k, kl, top_keys[t].key); t++)
			continue;
		if (t == TOP_KEYS || (seen & (1u << t)))
			return false;
		seen |= 1u << t;
		scan_ws(s);
		if (t == 0)
			*list = s->p;
		if (!top_keys[t].scan(s, info))
			return false;
	} while (scan_char(s, ','));
	if (!scan_char(s, '}') || !(seen & 1u))
		return false;
	scan_ws(s);
	return s->p == s->end;
}

/* Read buf the fast way when it has the simple shape: true (with *err) when
 * it did, false when it declined, having handed nothing to sink. */
static bool
dash_fast(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep,
          struct server_info *info, enum parse_err *err)
{
	struct scan s = { buf, buf + len };
	struct server_info meta = { 0 };
	const char *list = NULL;
	bool refused = false;

	if (!scan_document(&s, &meta, &list))
		return false;
	*info = meta;
	info->format = format_names[DASH_TICC];
	rep->entries = true;
	s.p = list;
	scan_entries(&s, sink, ctx, &rep->rows, &refused);
	*err = refused ? PARSE_ERR_NOMEM : PARSE_OK;
	return true;
}

/* Parse a /data answer. */
enum parse_err
parse_dash(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep,
           struct server_info *info)
{
	json_error_t je;
	json_t *root;
	size_t i = 0;
	enum parse_err err;

	memset(rep, 0, sizeof *rep);
	memset(info, 0, sizeof *info);
	while (i < len && buf[i] && strchr(" \t\r\n", buf[i]))
		i++;
	if (i == len) {
		set_detail(rep, "the answer is empty");
		return PARSE_ERR_JSON;
	}
	if (!dash_fast(buf, len, sink, ctx, rep, info, &err)) {
		if (!(root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je)))
			return json_failure(&je, rep);
		err = dash_document(root, sink, ctx, rep, info);
		json_decref(root);
	}
	if (err == PARSE_OK && info->have_count && (unsigned long long)info->count != rep->rows + rep->skipped)
		set_warning(info, "\"count\" says %lld clients, the list holds %zu", info->count, rep->rows + rep->skipped);
	return err;
}
