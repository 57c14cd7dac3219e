/* state.h — what ticctop remembers between runs: theme, order, the clients'
 * view (cards or table), open cards (and a fleet's grouping by server and
 * its selected server, by name).
 *
 * Contract: one small text file per source or fleet (the source's target,
 * a fleet's key, names it),
 * in $XDG_STATE_HOME/ticctop/ (default ~/.local/state/ticctop/).  Lines are
 * `key = value`; values are escaped (\\, \xHH) so any address survives.
 * Writing is atomic: a temporary file in the same directory, flushed,
 * fsync'd and checked, then renamed over the old one (and the directory
 * fsync'd), so a reader sees the old file or the new one, never a part.
 * Reading is tolerant: a file that is missing, too big, not ours, of another
 * version or not `key = value` lines is ignored as a whole (the caller is
 * told why); a bad value is skipped with a note; unknown keys are ignored.
 * A fleet's open cards are per server: a `server = NAME` line, then that
 * server's `open` (or `closed`) lines; those before any `server` line are
 * the one source's. */
#ifndef TICCTOP_STATE_H
#define TICCTOP_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "columns.h"
#include "strset.h"
#include "theme.h"
#include "view.h"

#define STATE_VERSION 1
#define STATE_MAX_BYTES (16u << 20)
#define STATE_NAME_MAX 64        /* a server's name, its NUL included (fleet.h's FLEET_NAME_MAX) */
#define STATE_SERVERS_MAX 33     /* the one source's set and a fleet's servers' (FLEET_MAX) */

/* One server's open cards (a fleet's server by name; "" the one source). */
struct saved_cards {
	char server[STATE_NAME_MAX];
	struct strset toggled;   /* open cards, or the closed ones when expand_all */
};

struct saved {
	bool have_theme;
	enum theme_id theme;
	bool have_sort;
	enum sort_key sort;
	bool reverse;
	bool have_view;
	enum clients_view view;
	bool expand_all;
	bool group;              /* a fleet's cards grouped by server */
	char selected[STATE_NAME_MAX];   /* a fleet's selected server, by name; "" none */
	size_t ncards;
	struct saved_cards cards[STATE_SERVERS_MAX]; /* in the order written */
};

enum state_err {
	STATE_OK,
	STATE_ERR_MISSING,       /* no file yet: nothing to restore */
	STATE_ERR_NO_HOME,       /* neither XDG_STATE_HOME nor HOME is usable */
	STATE_ERR_IO,            /* the system refused (errno text in why) */
	STATE_ERR_TOO_BIG,       /* larger than STATE_MAX_BYTES */
	STATE_ERR_SYNTAX,        /* a line that is not `key = value` */
	STATE_ERR_VERSION,       /* no version line, or one we do not know */
	STATE_ERR_OTHER_SOURCE,  /* the file belongs to another source */
	STATE_ERR_NOMEM,
	STATE_ERR_COUNT
};

/* Make s empty: nothing remembered. */
void saved_init(struct saved *s);

/* Free what s holds. */
void saved_free(struct saved *s);

/* The open cards of server (a fleet's by name, "" the one source) in s,
 * added empty when missing; NULL when the name is too long or s is full. */
struct strset *saved_cards(struct saved *s, const char *server);

/* The state file of the source named target, from the environment. */
enum state_err state_path(char *buf, size_t size, const char *target);

/* Parse a state file's bytes for source target into s (tolerantly, see
 * above); why gets a note for people, empty when all was well. */
enum state_err state_parse(const char *buf, size_t len, const char *target, struct saved *s,
                           char *why, size_t whysize);

/* Read path for source target into s. */
enum state_err state_read(const char *path, const char *target, struct saved *s, char *why, size_t whysize);

/* Write s for source target to path atomically, making its directory. */
enum state_err state_write(const char *path, const char *target, const struct saved *s,
                           char *why, size_t whysize);

/* Describe an error in a few words. */
const char *state_err_text(enum state_err e);

#endif
