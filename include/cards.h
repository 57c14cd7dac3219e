/* cards.h — the Clients screen: one card per client, packed in a masonry
 * grid, or one row per client in a table (`v` switches).
 *
 * Contract: pure; the first row of the table of screens (screen.h).  Its
 * state: the view (cards or table), the grid and its scroll position (the
 * table is a grid of one column, layout.h), the selection (kept on the same
 * client, by server and address, across refreshes, re-sorts, filters and a
 * switch of view), and the open cards (a set of addresses per server toggled
 * against an "all expanded" switch, which the front end remembers per source
 * or fleet: the same address at two servers is two cards, open or not; an open
 * row of the table shows what an open card does).  The table's columns
 * (columns.h) are fitted each time they are asked for, from the view and
 * the body's width alone, so painting and clicks agree.  Its keys move, page, open, search, switch
 * the view and pick the sorted column; its body is painted by draw_clients
 * (draw.h). */
#ifndef TICCTOP_CARDS_H
#define TICCTOP_CARDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "columns.h"
#include "layout.h"
#include "screen.h"
#include "strset.h"
#include "tui.h"

struct cards {
	enum clients_view view;
	struct grid grid;
	long top;                    /* first grid row shown */
	size_t sel;                  /* view position of the selected card */
	char *sel_addr;              /* its address and server, to find it again */
	size_t sel_len, sel_srv;
	struct strset toggled[FLEET_MAX]; /* per server (fleet index): addresses whose card differs from expand_all */
	bool expand_all;
	size_t search_origin;        /* where an incremental search started */
	uint64_t seen_built;         /* view rebuild the selection, matches and layout were made for */
};

extern const struct screen_ops cards_ops;

/* The cards' state in t (whichever screen is current); NULL when t has no cards. */
struct cards *cards_state(const struct tui *t);

/* Return whether the card at list position pos is expanded (by its server and address). */
bool cards_expanded(const struct tui *t, size_t pos);

#define CARDS_SHARED_MARK " *"   /* after the address in a title: the name is shared */
#define CARDS_SHARED_MARK_W 2

/* Columns of c's address as a title or a row shows it, the shared-name mark included. */
size_t cards_address_cols(const struct client *c, bool utf8);

/* Where the grid is shown: the body, below the headings in the table. */
struct rect cards_area(const struct tui *t);

/* The table's columns into col[0..max) (columns.h), the address as wide
 * as the longest in view, fitted to the body's width; returns how many. */
size_t cards_columns(const struct tui *t, struct column *col, size_t max);

/* The age of server m's data in seconds (0 before any) into *age; whether
 * it is stale (a failed poll, or older than two intervals, and not paused). */
bool cards_data_stale(const struct tui *t, const struct monitor *m, double *age);

/* s with its ages counted to now: every known last-seen field plus the
 * `elapsed` seconds since the data was read. */
void cards_aged(struct sample *out, const struct sample *s, double elapsed);

#endif
