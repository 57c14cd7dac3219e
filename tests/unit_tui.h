/* unit_tui.h — a monitor filled from a fixture, and a tui on it, for the UI tests. */
#ifndef TICCTOP_UNIT_TUI_H
#define TICCTOP_UNIT_TUI_H

#include "unit.h"

#include "cards.h"
#include "keys.h"
#include "tui.h"

static struct source unit_source = { .target = "test source" };

/* The program's first screen, without its painter (no curses here). */
static const struct screen unit_screens[] = { { &cards_ops, NULL } };

/* Feed CSV text to mon as one finished poll, as the loop does. */
static inline void
unit_poll(struct monitor *mon, const char *csv)
{
	struct parse_report rep;

	model_begin(mon->model);
	ck_assert_int_eq(parse_csv(csv, strlen(csv), model_put, mon->model, &rep), PARSE_OK);
	model_end(mon->model, &mon->health, true, 0);
	mon->have_data = true;
	mon->polls++;
	monitor_update_view(mon);
}

/* A monitor holding the mixed fixture, and a w x h tui on it. */
static inline void
unit_tui(struct monitor *mon, struct tui *t, int w, int h)
{
	struct health health;
	size_t len;
	char *csv = unit_fixture("mixed-clients.csv", &len);

	health_init(&health, HEALTH_WARN_DROPS, HEALTH_CRIT_DROPS);
	ck_assert(monitor_init(mon, &unit_source, &health));
	unit_poll(mon, csv);
	free(csv);
	ck_assert(tui_init(t, mon, 1.0, true, unit_screens, 1));
	t->colours = 256;
	tui_resize(t, w, h);
	tui_refreshed(t);
}

/* Free both. */
static inline void
unit_tui_free(struct monitor *mon, struct tui *t)
{
	tui_free(t);
	monitor_free(mon);
}

/* The address of the selected client. */
static inline const char *
unit_selected(const struct tui *t)
{
	return tui_client(t, cards_state(t)->sel)->addr;
}

/* Press keys (a string of characters, KEYC_ codes in an array) and apply the reactions. */
static inline unsigned
unit_keys(struct tui *t, const int *keys, size_t n)
{
	unsigned all = 0;
	for (size_t i = 0; i < n; i++)
		all |= tui_react(t, keys_press(t, keys[i]));
	return all;
}

/* Type a string into t. */
static inline unsigned
unit_type(struct tui *t, const char *s)
{
	unsigned all = 0;
	for (; *s; s++)
		all |= tui_react(t, keys_press(t, (unsigned char)*s));
	return all;
}

#define UNIT_KEYS(t, ...) unit_keys((t), (const int[]){ __VA_ARGS__ }, sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

#endif
