/* theme.c — the role x theme table, glyphs and status looks. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "theme.h"

/* One role in one theme: 256-colour and 8-colour choices, attributes. */
struct cell {
	short fg256, bg256, fg8, bg8;
	unsigned attr;
};

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };
enum { B = STYLE_BOLD, R = STYLE_REVERSE, U = STYLE_UNDERLINE, D = STYLE_DIM };

#define C(f256, b256, f8, b8, a) { f256, b256, f8, b8, a }
#define MONO(a) { -1, -1, -1, -1, a }

/* Rows are roles, columns are themes: every role is defined in every theme. */
static const struct cell table[ROLE_COUNT][THEME_COUNT] = {
	/*                  dark                               light                               mono */
	[ROLE_TEXT]       = { C(252, 234, WHITE, BLACK, 0),    C(235, 255, BLACK, WHITE, 0),       MONO(0) },
	[ROLE_DIM]        = { C(245, 234, CYAN, BLACK, 0),     C(243, 255, BLUE, WHITE, 0),        MONO(0) },
	[ROLE_APP]        = { C(81, 234, CYAN, BLACK, B),      C(25, 255, BLUE, WHITE, B),         MONO(B) },
	[ROLE_BORDER]     = { C(240, 234, BLUE, BLACK, 0),     C(250, 255, BLACK, WHITE, 0),       MONO(0) },
	[ROLE_BORDER_SEL] = { C(214, 234, YELLOW, BLACK, B),   C(25, 255, BLUE, WHITE, B),         MONO(B) },
	[ROLE_ADDR]       = { C(255, 234, WHITE, BLACK, B),    C(16, 255, BLACK, WHITE, B),        MONO(B) },
	[ROLE_ADDR_SEL]   = { C(16, 214, BLACK, YELLOW, B),    C(255, 25, WHITE, BLUE, B),         MONO(R | B) },
	[ROLE_MATCH]      = { C(226, 234, YELLOW, BLACK, B | U), C(124, 255, MAGENTA, WHITE, B | U), MONO(U) },
	[ROLE_OK]         = { C(114, 234, GREEN, BLACK, 0),    C(28, 255, GREEN, WHITE, 0),        MONO(0) },
	[ROLE_WARN]       = { C(221, 234, YELLOW, BLACK, B),   C(130, 255, BLACK, YELLOW, B),      MONO(B) },
	[ROLE_CRIT]       = { C(203, 234, RED, BLACK, B),      C(160, 255, RED, WHITE, B),         MONO(R | B) },
	[ROLE_STALE]      = { C(16, 221, BLACK, YELLOW, B),    C(16, 214, BLACK, YELLOW, B),       MONO(R | B) },
	[ROLE_PAUSED]     = { C(16, 81, BLACK, CYAN, B),       C(255, 25, WHITE, BLUE, B),         MONO(R) },
	[ROLE_BANNER]     = { C(231, 124, WHITE, RED, B),      C(255, 160, WHITE, RED, B),         MONO(R | B) },
	[ROLE_BAR_KEY]    = { C(252, 234, WHITE, BLACK, B),    C(16, 255, BLACK, WHITE, B),        MONO(B) },
	[ROLE_BAR_LABEL]  = { C(16, 73, BLACK, CYAN, 0),       C(255, 25, WHITE, BLUE, 0),         MONO(R) },
	[ROLE_PROMPT]     = { C(16, 221, BLACK, YELLOW, 0),    C(16, 214, BLACK, YELLOW, 0),       MONO(R) },
	[ROLE_INPUT]      = { C(255, 234, WHITE, BLACK, B),    C(16, 255, BLACK, WHITE, B),        MONO(B) },
	[ROLE_ERROR]      = { C(203, 234, RED, BLACK, B),      C(160, 255, RED, WHITE, B),         MONO(B | U) },
	[ROLE_MENU]       = { C(252, 237, WHITE, BLUE, 0),     C(235, 253, BLACK, CYAN, 0),        MONO(0) },
	[ROLE_MENU_SEL]   = { C(16, 81, BLACK, CYAN, 0),       C(255, 25, WHITE, BLUE, 0),         MONO(R) },
	[ROLE_MENU_TITLE] = { C(81, 237, YELLOW, BLUE, B),     C(25, 253, BLUE, CYAN, B),          MONO(B) },
	[ROLE_MESSAGE]    = { C(81, 234, CYAN, BLACK, B),      C(25, 255, BLUE, WHITE, B),         MONO(B) },
	/* a card whose data is stale: faded, in every theme and without colour */
	[ROLE_FADED]      = { C(239, 234, WHITE, BLACK, D),    C(249, 255, BLACK, WHITE, D),       MONO(D) },
};

static const char *const theme_names[THEME_COUNT] = {
	[THEME_DARK] = "dark", [THEME_LIGHT] = "light", [THEME_MONO] = "mono",
};

#define THEME_ROLE_NAME(name) #name,
static const char *const role_names[ROLE_COUNT] = { THEME_ROLES(THEME_ROLE_NAME) };
#undef THEME_ROLE_NAME

/* Style of role r in theme t on a terminal with `colours` colours. */
struct style
theme_style(enum theme_id t, enum role r, int colours)
{
	if (colours < 8)
		t = THEME_MONO;
	const struct cell *c = &table[r][t];
	if (t == THEME_MONO)
		return (struct style){ -1, -1, c->attr };
	if (colours >= 256)
		return (struct style){ c->fg256, c->bg256, c->attr };
	return (struct style){ c->fg8, c->bg8, c->attr };
}

/* Machine name of a theme. */
const char *
theme_name(enum theme_id t)
{
	return theme_names[t];
}

/* Find a theme by name. */
bool
theme_parse(const char *name, enum theme_id *t)
{
	for (int i = 0; i < THEME_COUNT; i++)
		if (strcasecmp(name, theme_names[i]) == 0) {
			*t = (enum theme_id)i;
			return true;
		}
	return false;
}

/* Name of role r. */
const char *
role_name(enum role r)
{
	return role_names[r];
}

static const char *const glyphs[GLYPH_COUNT][2] = {
	/*                   UTF-8     ASCII */
	[GLYPH_H]        = { "─", "-" }, [GLYPH_V]        = { "│", "|" },
	[GLYPH_TL]       = { "┌", "+" }, [GLYPH_TR]       = { "┐", "+" },
	[GLYPH_BL]       = { "└", "+" }, [GLYPH_BR]       = { "┘", "+" },
	[GLYPH_LT]       = { "├", "+" }, [GLYPH_RT]       = { "┤", "+" },
	[GLYPH_HEAVY_H]  = { "━", "=" }, [GLYPH_HEAVY_V]  = { "┃", "#" },
	[GLYPH_HEAVY_TL] = { "┏", "#" }, [GLYPH_HEAVY_TR] = { "┓", "#" },
	[GLYPH_HEAVY_BL] = { "┗", "#" }, [GLYPH_HEAVY_BR] = { "┛", "#" },
	[GLYPH_HEAVY_LT] = { "┣", "#" }, [GLYPH_HEAVY_RT] = { "┫", "#" },
	[GLYPH_SEP]      = { "·", "|" }, [GLYPH_ASC]      = { "↑", "^" },
	[GLYPH_DESC]     = { "↓", "v" }, [GLYPH_ELLIPSIS] = { "…", "~" },
	[GLYPH_ALERT]    = { "⚠", "!" },
};

/* The text of glyph g. */
const char *
glyph(enum glyph g, bool utf8)
{
	return glyphs[g][utf8 ? 0 : 1];
}

static const struct status_look looks[STATUS_COUNT] = {
	[STATUS_OK]       = { ROLE_OK, "●", "o", "OK" },
	[STATUS_WARNING]  = { ROLE_WARN, "▲", "!", "WARN" },
	[STATUS_CRITICAL] = { ROLE_CRIT, "✗", "X", "CRIT" },
};

/* The look of status st. */
const struct status_look *
status_look(enum status st)
{
	return &looks[st];
}
