/* cards.h — the cards screen: one card per client, packed in a masonry grid.
 *
 * Contract: pure; the first row of the table of screens (screen.h).  Its
 * state: the grid and its scroll position, the selection (kept on the same
 * client, by server and address, across refreshes, re-sorts and filters), and the open
 * cards (a set of addresses toggled against an "all expanded" switch, which
 * the front end remembers per source).  Its keys move, page, open and search;
 * its body is painted by draw_cards (draw.h). */
#ifndef TICCTOP_CARDS_H
#define TICCTOP_CARDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "screen.h"
#include "strset.h"
#include "tui.h"

struct cards {
	struct grid grid;
	long top;                    /* first grid row shown */
	size_t sel;                  /* view position of the selected card */
	char *sel_addr;              /* its address and server, to find it again */
	size_t sel_len, sel_srv;
	struct strset toggled;       /* addresses whose card differs from expand_all */
	bool expand_all;
	size_t search_origin;        /* where an incremental search started */
	uint64_t seen_built;         /* view rebuild the selection, matches and layout were made for */
};

extern const struct screen_ops cards_ops;

/* The cards' state in t (whichever screen is current); NULL when t has no cards. */
struct cards *cards_state(const struct tui *t);

/* Return whether c's card is expanded. */
bool cards_expanded(const struct tui *t, const struct client *c);

#define CARDS_SHARED_MARK " *"   /* after the address in a title: the name is shared */
#define CARDS_SHARED_MARK_W 2

/* The age of server m's data in seconds (0 before any) into *age; whether
 * it is stale (a failed poll, or older than two intervals, and not paused). */
bool cards_data_stale(const struct tui *t, const struct monitor *m, double *age);

/* s with its ages counted to now: every known last-seen field plus the
 * `elapsed` seconds since the data was read. */
void cards_aged(struct sample *out, const struct sample *s, double elapsed);

#endif
