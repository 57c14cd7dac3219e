/* screen_server.h — the Server screen: the server's own clock and counters.
 *
 * Contract: pure; a row of the table of screens (screen.h).  Its body is
 * made of sections of `label value` lines, built from the monitor whenever
 * a poll ends, the screen becomes current or the body changes size: the
 * verdict and every reason that fired (health_server.h), tracking, the last
 * 5 minutes (the server's offset, frequency and NTP requests/s: the latest
 * value and a sparkline of the monitor's trend, a signed one from its own low),
 * serverstats with each counter's rate a second, activity.  A source that
 * carries only clients (a dashboard's /data) gets one section saying what it
 * offers and its own clock, count and error, never an empty grid or zeros.
 * Sections are packed like the cards (layout.h's grid), as many columns as
 * fit (a note wraps at spaces); the keys scroll.  Text in a line comes raw from the source: the
 * painter (draw_server) sanitises it. */
#ifndef TICCTOP_SCREEN_SERVER_H
#define TICCTOP_SCREEN_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "screen.h"
#include "tui.h"

#define INFO_LINES_MAX 96
#define INFO_SECTIONS_MAX 8
#define INFO_VALUE_MIN 18     /* a section's labels leave its values this many columns */

enum info_kind { INFO_FIELD, INFO_NOTE, INFO_SPARK };

#define INFO_SPARK_VALUE_W 11 /* a sparkline line's value ("-123.4 us") before its sparkline */
#define INFO_SPARK_MAX 60     /* cells of a sparkline at most (5 s of the 300 a cell) */

/* One line of a section: a label and its value (and a rate), or a note. */
struct info_line {
	enum info_kind kind;
	const char *label;
	char value[256];          /* raw from the source: sanitise */
	char extra[32];           /* a counter's rate ("12.3/s"), "" none */
	int status;               /* the line says a status (enum status), -1 none */
	int spark;                /* INFO_SPARK: the series of the server's trend (trend.h) drawn after the value */
	bool spark_signed;        /* INFO_SPARK: drawn from its own low (spark_floor), not from 0 */
};

/* A section: its title and lines [first, first + n). */
struct info_section {
	const char *title;
	size_t first, n;
};

struct server_screen {
	struct info_line line[INFO_LINES_MAX];
	size_t nlines;
	struct info_section sec[INFO_SECTIONS_MAX];
	size_t nsec;
	bool utf8;                /* notes are measured as they will be painted */
	struct grid grid;         /* the sections packed, a card each */
	long top;                 /* first grid row shown */
};

extern const struct screen_ops server_ops;

/* Build what the Server screen shows of t's monitor into s (its lines and sections). */
void server_build(const struct tui *t, struct server_screen *s);

/* Bytes of note text s[0..len) (sanitised, as painted) that go on its first
 * row of cols columns: what fits, cut after the last space in it when the
 * rest goes on (a word longer than the row is cut where the row ends). */
size_t info_note_row(const char *s, size_t len, int cols);

/* Rows line l takes in a section w wide: a note wraps (info_note_row, at
 * least one row), any other line one. */
unsigned info_line_rows(const struct info_line *l, int w, bool utf8);

#endif
