/* theme.h — semantic colour roles, the themes that colour them, and glyphs.
 *
 * Contract: pure tables.  Drawing code asks for a role ("border of the
 * selected card"), never for a colour.  One table holds every role once,
 * with a column per theme (dark, light, mono); each colour cell has a
 * 256-colour and an 8-colour choice plus attributes, so 256-colour,
 * 8-colour and colourless terminals all work.  Mono uses attributes only
 * (bold, reverse, underline, dim), and every status also has a symbol and a
 * word, so nothing depends on colour.  Glyphs come in UTF-8 and ASCII. */
#ifndef TICCTOP_THEME_H
#define TICCTOP_THEME_H

#include <stdbool.h>

#include "health.h"

#define THEME_ROLES(X) \
	X(TEXT) X(DIM) X(APP) X(BORDER) X(BORDER_SEL) X(ADDR) X(ADDR_SEL) X(MATCH) \
	X(OK) X(WARN) X(CRIT) X(STALE) X(PAUSED) X(BANNER) X(BAR_KEY) X(BAR_LABEL) \
	X(PROMPT) X(INPUT) X(ERROR) X(MENU) X(MENU_SEL) X(MENU_TITLE) X(MESSAGE) X(FADED)

#define THEME_ROLE_ENUM(name) ROLE_##name,
enum role { THEME_ROLES(THEME_ROLE_ENUM) ROLE_COUNT };
#undef THEME_ROLE_ENUM

enum theme_id { THEME_DARK, THEME_LIGHT, THEME_MONO, THEME_COUNT };

/* Attributes, mapped to the terminal's by the front end. */
enum { STYLE_BOLD = 1, STYLE_REVERSE = 2, STYLE_UNDERLINE = 4, STYLE_DIM = 8 };

/* A resolved style: colours (-1 = the terminal's own) and attributes. */
struct style {
	short fg, bg;
	unsigned attr;
};

/* Style of role r in theme t on a terminal with `colours` colours (0: none). */
struct style theme_style(enum theme_id t, enum role r, int colours);

/* Machine name of a theme ("dark", "light", "mono"). */
const char *theme_name(enum theme_id t);

/* Find a theme by name; false when there is none. */
bool theme_parse(const char *name, enum theme_id *t);

/* Name of role r ("BORDER_SEL"), for tests and the log. */
const char *role_name(enum role r);

enum glyph {
	GLYPH_H, GLYPH_V, GLYPH_TL, GLYPH_TR, GLYPH_BL, GLYPH_BR, GLYPH_LT, GLYPH_RT,
	GLYPH_HEAVY_H, GLYPH_HEAVY_V, GLYPH_HEAVY_TL, GLYPH_HEAVY_TR, GLYPH_HEAVY_BL, GLYPH_HEAVY_BR,
	GLYPH_HEAVY_LT, GLYPH_HEAVY_RT,
	GLYPH_SEP, GLYPH_ASC, GLYPH_DESC, GLYPH_ELLIPSIS, GLYPH_ALERT,
	GLYPH_COUNT
};

/* The text of glyph g (one column wide) in UTF-8 or ASCII. */
const char *glyph(enum glyph g, bool utf8);

/* How a status looks: its role, symbol and word. */
struct status_look {
	enum role role;
	const char *utf8, *ascii;  /* one-column symbol */
	const char *word;          /* "OK", "WARN", "CRIT" */
};

/* The look of status st. */
const struct status_look *status_look(enum status st);

#endif
