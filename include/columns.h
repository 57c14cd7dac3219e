/* columns.h — the clients table's columns: which there are, which fit, where.
 *
 * Contract: pure (no curses, no clients).  The table's columns are the
 * status, the address, one per field of the field table (sample.h), in
 * that table's order, so a field another module adds (a derived rate) is a
 * column by itself, and last the sparkline of the client's NTP requests/s
 * (COL_SPARK, the first to go: shown when there is room, the address's whole need included); its heading is the field's `head`, its sort key the one
 * named by its `sort` (or, for a derived field, its `column`), and how long
 * it stays on a narrow screen comes from a small priority table here (the
 * address, the status, NTP drops and last seen are the last to go; a field
 * not listed ranks in the middle).  A field's column is as wide as its
 * heading or the widest text its kind can have (field_text, STYLE_BRIEF),
 * whichever is wider, so columns stand still while rows scroll and values
 * change; the caller says how wide the addresses in view are.  columns_fit
 * then drops whole columns, lowest priority first, until the rest fit, and
 * gives the address the room left, down to COL_ADDR_MIN and up to its need
 * (a full IPv6 address when it fits).  Columns are never cut but the
 * address.  A column whose group (ntp, cmd) differs from the one shown
 * before it starts a new group: a divider stands in its gap. */
#ifndef TICCTOP_COLUMNS_H
#define TICCTOP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "sample.h"
#include "view.h"

#define COL_GAP 2            /* blank columns between two columns */
#define COL_DIVIDER 1        /* more in the gap where a group starts (its divider) */
#define COL_ADDR_MIN 15      /* the address is not cut below this ("255.255.255.255") */
#define COL_MAX (FIELD_ALL + 4)
#define COL_NO_SORT (-1)
#define COL_W_COUNT 5        /* the widest count as STYLE_BRIEF writes it ("12.3k") */
#define COL_W_LOG2 8         /* the widest interval ("2.13 min") */
#define COL_W_SECONDS 11     /* the widest age ("108 min ago") */
#define COL_W_RATE 7         /* the widest rate ("12.3k/s", "99999/s") */
#define COL_W_SHARE 6        /* the widest share ("100.0%") */
#define COL_W_SPAN 7         /* the widest window span ("300 min") */
#define COL_W_STATUS 6       /* a status: symbol, space, word ("● WARN") */
#define COL_W_SPARK 16       /* the NTP rate's sparkline: its last 16 refreshes */

/* How the clients are shown: a card each, or a row each. */
enum clients_view { CLIENTS_CARDS, CLIENTS_TABLE, CLIENTS_VIEW_COUNT };

enum col_kind { COL_STATUS, COL_SERVER, COL_ADDR, COL_FIELD, COL_SPARK };

struct column {
	enum col_kind kind;
	int field;            /* COL_FIELD: the field (sample.h), else -1 */
	const char *head;     /* heading */
	const char *group;    /* "ntp", "cmd" (the field's group); NULL for status and address */
	int sort;             /* its sort key (enum sort_key), COL_NO_SORT when it has none */
	int prio;             /* higher stays longer */
	bool right;           /* right-aligned (numbers) */
	int need;             /* columns of its widest cell, heading included (the caller sets the address's) */
	int x, w;             /* set by columns_fit: where it starts, how wide; w 0: dropped */
	bool divider;         /* set by columns_fit: a group starts here (a divider before x) */
};

/* Machine name of view v ("cards", "table"). */
const char *clients_view_name(int v);

/* Find a view by name; false when there is none. */
bool clients_view_parse(const char *name, enum clients_view *v);

/* Fill out with the table's columns in order (status, for a fleet its
 * server, address, every field, the sparkline); returns how many (at most
 * COL_MAX).  need is set to the widest of the heading (plus one for the
 * sort mark when the column is a sort key) and the widest value of the
 * column's kind (the caller sets the server's, as the address's). */
size_t columns_list(struct column *out, size_t max, bool fleet);

/* Fit columns c[0..n) (need set) into width: set x, w and divider of each. */
void columns_fit(struct column *c, size_t n, int width);

/* The index of the shown column at x (its gap before it counts as its own), or -1. */
long columns_at(const struct column *c, size_t n, int x);

/* The index of the shown column sorted by key k, or -1. */
long columns_sorted(const struct column *c, size_t n, int k);

/* The sort key of the shown sortable column dir (+1 right, -1 left) from the
 * one of key k (wrapping; from the first or last when k has no shown column);
 * k itself when no column is sortable. */
int columns_step(const struct column *c, size_t n, int k, int dir);

#endif
