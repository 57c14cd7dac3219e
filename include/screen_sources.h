/* screen_sources.h — the Sources screen: the time sources the server takes time from.
 *
 * Contract: pure; a row of the table of screens (screen.h).  A row per
 * source (chronyc sources merged with sourcestats, serverdata.h): mode and
 * state as symbols and in words, name or address, stratum, poll, reach as
 * 8 marks (the last 8 polls, the newest on the right), last sample, offset
 * ± error, NP/NR, span, frequency, skew, std dev, the source's verdict
 * (health_server.h) and, when there is room, a sparkline of its last
 * offsets (trend_sources.h; its cell text is empty: the painter draws it).  The columns are fitted as the clients table's
 * (columns.h): whole ones go by priority, the name takes the room left.
 * The selection stays on the same source (by address) across polls; Enter
 * opens the selected one's ntpdata below its row, asked of the source
 * (monitor_want_ntpdata) for as long as it is open.  Another server
 * selected (a fleet's . or ,): the first source, closed, and the server
 * before asked for no more ntpdata (an address at another server is
 * another source).  Text in a cell comes
 * raw from the source: the painter (draw_sources) sanitises it. */
#ifndef TICCTOP_SCREEN_SOURCES_H
#define TICCTOP_SCREEN_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "columns.h"
#include "screen.h"
#include "serverdata.h"
#include "tui.h"

#define SOURCES_HEAD_LINES 1
#define SOURCES_PAIR_W 44     /* an ntpdata `label value` pair's columns when open */
#define SOURCES_LABEL_W 18    /* its label's */

/* The columns of the Sources screen, in order. */
enum source_col {
	SC_STATE, SC_NAME, SC_STRATUM, SC_POLL, SC_REACH, SC_LAST, SC_OFFSET, SC_NP, SC_NR, SC_SPAN,
	SC_FREQ, SC_SKEW, SC_STDDEV, SC_VERDICT, SC_HISTORY, SC_COUNT
};

struct sources_screen {
	struct monitor *mon;           /* the server the selection is of (a fleet's selected one) */
	size_t sel;                    /* the selected source's index in the server data */
	char sel_addr[SRV_TEXT_MAX];   /* its address, to find it again */
	bool open;                     /* its ntpdata is shown below its row */
	long top;                      /* first line of the list shown */
};

extern const struct screen_ops sources_ops;

/* Write cell `col` (enum source_col) of source s for people into buf (raw
 * text from the source: sanitise); utf8 chooses the reach marks; returns the length. */
size_t sources_cell(char *buf, size_t size, const struct srv_source *s, int col, bool utf8);

/* The Sources screen's columns into c (SC_COUNT), each as wide as its
 * heading and its widest cell, fitted to width; column.field is its enum
 * source_col.  Returns how many. */
size_t sources_columns(const struct tui *t, struct column *c, int width);

/* Lines of the open source's ntpdata block below its row (its lines and a
 * closing line) in a body w wide; 0 when none is open. */
int sources_open_lines(const struct tui *t, int w);

#endif
