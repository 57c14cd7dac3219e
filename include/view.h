/* view.h — the clients a user sees: filtered, sorted indexes into a model.
 *
 * Contract: read-only over the model; owns only its index array.  Sort keys
 * and filter tokens are tables (names, default direction, comparator), so the
 * command line, the sort menu and the help screen all list the same thing;
 * a sort key on a field takes its name, title and direction from the field
 * table (sample.h).
 * Ties are broken by the default address order, so every order is total and
 * stable across refreshes.  Pure: no curses, no I/O. */
#ifndef TICCTOP_VIEW_H
#define TICCTOP_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "radix.h"

/* Sort keys: the address, the status, and fields (name, title and
 * direction from the field table); every derived field is a key too. */
enum sort_key {
	SORT_ADDR, SORT_DROPS, SORT_LAST, SORT_NTP, SORT_CMD, SORT_INTERVAL, SORT_STATUS,
	SORT_DERIVED_BEFORE = SORT_STATUS,
#define VIEW_SORT_ENUM(id, ...) SORT_##id,
	SAMPLE_DERIVED(VIEW_SORT_ENUM)
#undef VIEW_SORT_ENUM
	SORT_NEW,           /* first seen, the newest first */
	SORT_SERVER,   /* a fleet's server (fleet.h); within one server, address order */
	SORT_COUNT
};

#define FILTER_TEXT_MAX 128
#define FILTER_SERVER_MAX 64

/* What passes: a case-insensitive substring of the address, and masks of
 * the statuses, families and states allowed (bit per enum value). */
struct filter {
	char text[FILTER_TEXT_MAX];
	size_t text_len;
	unsigned status_mask;
	unsigned family_mask;
	unsigned state_mask;
	char server[FILTER_SERVER_MAX];   /* server:NAME: only this server's clients (fleet.h applies it), "" all */
};

enum filter_err { FILTER_OK, FILTER_ERR_TOKEN, FILTER_ERR_TOO_LONG };

struct view {
	uint32_t *idx;          /* model indexes of the shown clients, in order */
	size_t n, cap;
	enum sort_key key;
	bool reverse;           /* invert the key's natural direction */
	struct filter filter;
	struct radix_rec *rec;  /* sort scratch, 2 * cap records, kept between sorts */
	uint64_t built;         /* counts the rebuilds of idx: while it stays, idx is as it was */
	struct view_basis {     /* what idx was last built from (view.c's business) */
		bool valid;
		const struct model *m;
		uint64_t members;
		enum sort_key key;
		bool reverse;
		struct filter filter;
	} basis;
};

/* Machine name of a sort key ("addr", "drops", ...). */
const char *sort_key_name(enum sort_key k);

/* Human title of a sort key ("Address order", ...). */
const char *sort_key_title(enum sort_key k);

/* Return whether key k puts the biggest first when not reversed. */
bool sort_key_descending(enum sort_key k);

/* Find a sort key by machine name; false when there is none. */
bool sort_key_parse(const char *name, enum sort_key *k);

/* Parse filter text: words "status:ok|warn|crit", "family:v4|v6|host" and
 * "state:new|gone|reset" (repeatable, each kind ORed), "server:NAME" (the
 * last one counts; a client does not know its server: fleet.h applies it);
 * every other word is text to look for
 * (words joined by one space), except a word that reads as a mistyped
 * filter word (letters, not all hex digits, before a colon: "status:warm",
 * "stauts:crit"), which is an error.  On error, *bad points at the
 * offending word and f is left as it was. */
enum filter_err filter_parse(const char *text, struct filter *f, const char **bad);

/* Write the filter words for people, from the token table:
 * "status:ok|warn|crit family:v4|v6|host"; returns the length. */
size_t filter_words(char *buf, size_t size);

/* Say in one line why filter text did not parse (bad as filter_parse set
 * it), listing the valid words; returns the length. */
size_t filter_err_text(enum filter_err e, const char *bad, char *buf, size_t size);

/* Return whether f lets everything through. */
bool filter_is_empty(const struct filter *f);

/* Return whether client c passes f. */
bool filter_match(const struct filter *f, const struct client *c);

/* Make an empty view sorted by address. */
void view_init(struct view *v);

/* Free v's index. */
void view_free(struct view *v);

/* Rebuild v from m: filter then sort; false when out of memory.  The sort
 * orders every client by integer keys in linear time (radix), breaking only
 * ties of those keys with view_compare: the order is view_compare's.  In
 * address order, when no client came or went and the filter does not look
 * at counters or states (no status: or state: token), the index is already right and is kept
 * (a view follows one model: view_init it again before it follows another). */
bool view_update(struct view *v, const struct model *m);

/* Compare clients a and b under key k (natural direction, ties by address). */
int view_compare(enum sort_key k, const struct client *a, const struct client *b);

#endif
