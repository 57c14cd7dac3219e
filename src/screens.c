/* screens.c — the program's table of screens, one row each, and the shared
 * painters.  The order is the keys' 1 2 3: Clients, Server, Sources. */
#include "config.h"

#include "cards.h"
#include "draw.h"
#include "screen_server.h"
#include "screen_sources.h"

const struct screen screens[] = {
	{ &cards_ops, draw_clients },
	{ &server_ops, draw_server },
	{ &sources_ops, draw_sources },
};

const size_t screens_count = sizeof screens / sizeof screens[0];

const struct painter draw_painter = {
	.header = draw_header, .help = draw_help, .sort_menu = draw_sort_menu, .bar = draw_keybar,
	.too_small = draw_too_small,
};
