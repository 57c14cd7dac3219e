/* screen.h — a row of the table of screens: what one screen of the full screen does.
 *
 * Contract: pure (the draw hook is only a pointer here; draw.h's files give
 * it).  The tui owns what every screen shares (the header, the filter, the
 * sort menu, the help, the key bar, theme, pause, notes, the terminal's size
 * and regions); a screen owns its state (allocated by the tui, state_size
 * bytes, one per screen for the whole run), its keys (a keymap in its modes,
 * searched before the app's), its help sections (shown before the app's), and
 * what it does when the view or the layout changes, when a poll ends, on a
 * click and on the wheel in its body, and how it paints its body.  The tui
 * calls a screen's hooks only while it is the current screen (init and free
 * excepted).  A new screen is a new file defining its `struct screen_ops`
 * and one row of the table the front end hands to tui_init (screens.c). */
#ifndef TICCTOP_SCREEN_H
#define TICCTOP_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

struct tui;
struct paint;   /* draw.h: what painting needs */

struct screen_ops {
	const char *name;                       /* "Cards" */
	size_t state_size;
	void (*init)(struct tui *t, void *state);
	void (*free)(void *state);
	struct keymap keys;
	const struct help_section *help;        /* its help sections, before the app's */
	size_t nhelp;
	/* flags asked for (REACT_VIEW: the view was rebuilt, REACT_LAYOUT: the body
	 * changed size or content): do the screen's part; returns flags to add */
	unsigned (*react)(struct tui *t, unsigned flags);
	/* a poll ended (the view may have been rebuilt) or the screen became current */
	unsigned (*refreshed)(struct tui *t);
	/* the search text changed (NULL: the screen has no search) */
	unsigned (*searched)(struct tui *t);
	/* a left click in the body at screen (x, y); dbl when the second of a double click */
	unsigned (*click)(struct tui *t, int x, int y, bool dbl);
	/* the wheel turned over the body: dir -1 up, +1 down */
	unsigned (*wheel)(struct tui *t, int dir);
};

/* One row of the table of screens: the pure part and its painter. */
struct screen {
	const struct screen_ops *ops;
	void (*draw)(const struct paint *p);    /* paint the body (the tui state is p's) */
};

#endif
