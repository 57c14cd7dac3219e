/* columns.c — the clients table's columns, from the field table, fitted to a width. */
#include "config.h"

#include <string.h>

#include "columns.h"

#define PRIO_ADDR 100
#define PRIO_SERVER 95       /* a fleet's: whose client it is, after the address */
#define PRIO_STATUS 90
#define PRIO_SPARK 1         /* the sparkline: only when every field has room */
#define PRIO_FIELD 45        /* a field the table below does not list (a derived one) */

/* How long a field's column stays on a narrow screen (higher: longer). */
static const struct { int field, prio; } field_prios[] = {
	{ FIELD_NTP_DROPS, 80 }, { FIELD_NTP_LAST, 70 }, { FIELD_RATE_NTP, 65 }, { FIELD_NTP_PACKETS, 60 },
	{ FIELD_RECENT_DROPS, 55 }, { FIELD_NTP_INTERVAL, 50 }, { FIELD_DROP_SHARE, 47 }, { FIELD_RATE_DROPS, 46 },
	{ FIELD_CMD_PACKETS, 40 }, { FIELD_RATE_CMD, 35 }, { FIELD_NTP_INTERVAL_LIMITED, 30 }, { FIELD_CMD_LAST, 25 },
	{ FIELD_CMD_DROPS, 20 }, { FIELD_CMD_INTERVAL, 10 }, { FIELD_RATE_WINDOW, 5 },
};

static const char *const view_names[CLIENTS_VIEW_COUNT] = { [CLIENTS_CARDS] = "cards", [CLIENTS_TABLE] = "table" };

/* Machine name of view v. */
const char *
clients_view_name(int v)
{
	return view_names[v];
}

/* Find a view by name. */
bool
clients_view_parse(const char *name, enum clients_view *v)
{
	for (int i = 0; i < CLIENTS_VIEW_COUNT; i++)
		if (strcmp(name, view_names[i]) == 0) {
			*v = (enum clients_view)i;
			return true;
		}
	return false;
}

/* The priority of field f's column. */
static int
field_prio(int f)
{
	for (size_t i = 0; i < sizeof field_prios / sizeof field_prios[0]; i++)
		if (field_prios[i].field == f)
			return field_prios[i].prio;
	return PRIO_FIELD;
}

/* The sort key of field f, or COL_NO_SORT. */
static int
field_sort(int f)
{
	const struct field_info *fi = field_info(f);
	enum sort_key k;

	if (fi->sort)
		return sort_key_parse(fi->sort, &k) ? (int)k : COL_NO_SORT;
	/* a derived field is a sort key under its column name; a source's field without .sort is none */
	return f >= FIELD_COUNT && sort_key_parse(fi->column, &k) ? (int)k : COL_NO_SORT;
}

/* The widest value of a field of kind k (check_columns proves it). */
static int
kind_width(enum field_kind k)
{
	/* in enum field_kind's order: a kind added there and not here fails to build */
	static const int widths[] = { COL_W_COUNT, COL_W_LOG2, COL_W_SECONDS, COL_W_RATE, COL_W_SHARE, COL_W_SPAN };
	_Static_assert(sizeof widths / sizeof widths[0] == FIELD_KINDS, "a width for every field kind");

	return widths[k];
}

/* Fill out with the table's columns in order (a fleet's with its server's). */
size_t
columns_list(struct column *out, size_t max, bool fleet)
{
	size_t n = 0;

	if (n < max)
		out[n++] = (struct column){ COL_STATUS, -1, "Status", NULL, SORT_STATUS, PRIO_STATUS, false, 0, 0, 0, false };
	if (fleet && n < max)
		out[n++] = (struct column){ COL_SERVER, -1, "Server", NULL, SORT_SERVER, PRIO_SERVER, false, 0, 0, 0, false };
	if (n < max)
		out[n++] = (struct column){ COL_ADDR, -1, "Address", NULL, SORT_ADDR, PRIO_ADDR, false, 0, 0, 0, false };
	for (int f = 0; f < FIELD_ALL && n < max; f++) {
		const struct field_info *fi = field_info(f);
		out[n++] = (struct column){ COL_FIELD, f, fi->head, fi->group, field_sort(f), field_prio(f), true, 0, 0, 0,
		                            false };
	}
	if (n < max)
		out[n++] = (struct column){ COL_SPARK, -1, "NTP/s history", "hist", COL_NO_SORT, PRIO_SPARK, false, 0, 0, 0,
		                            false };
	for (size_t i = 0; i < n; i++) {
		int value = out[i].kind == COL_FIELD ? kind_width(field_info(out[i].field)->kind)
		          : out[i].kind == COL_STATUS ? COL_W_STATUS : out[i].kind == COL_SPARK ? COL_W_SPARK : 0;
		int head = (int)strlen(out[i].head) + (out[i].sort != COL_NO_SORT);
		out[i].need = value > head ? value : head;
	}
	return n;
}

/* Columns the shown columns take with their gaps (the address at least
 * at its minimum); marks where groups start. */
static int
fit_width(struct column *c, size_t n)
{
	int used = 0;
	const char *group = NULL;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (c[i].w == 0)
			continue;
		c[i].divider = any && c[i].group && group && strcmp(c[i].group, group) != 0;
		used += (any ? COL_GAP : 0) + (c[i].divider ? COL_DIVIDER : 0) + c[i].w;
		group = c[i].group;
		any = true;
	}
	return used;
}

/* Fit columns c[0..n) into width. */
void
columns_fit(struct column *c, size_t n, int width)
{
	long addr = -1;

	for (size_t i = 0; i < n; i++) {
		c[i].w = c[i].need > 0 ? c[i].need : 1;
		if (c[i].kind == COL_ADDR) {
			addr = (long)i;
			if (c[i].w > COL_ADDR_MIN)
				c[i].w = COL_ADDR_MIN;
		}
	}
	while (fit_width(c, n) > width) {
		size_t drop = n;
		for (size_t i = 0; i < n; i++)
			if (c[i].w > 0 && (long)i != addr && (drop == n || c[i].prio < c[drop].prio))
				drop = i;
		if (drop == n)
			break;
		c[drop].w = 0;
	}
	if (addr >= 0) { /* the room left, up to the address's need */
		int room = width - fit_width(c, n) + c[addr].w;
		for (size_t i = 0; i < n && room < c[addr].need; i++)
			if (c[i].kind == COL_SPARK && c[i].w > 0) { /* the sparkline only after a whole address */
				c[i].w = 0;
				room = width - fit_width(c, n) + c[addr].w;
			}
		c[addr].w = room < c[addr].need ? room : c[addr].need;
		if (c[addr].w < 1)
			c[addr].w = 1;
	}
	fit_width(c, n);
	for (size_t i = 0, x = 0; i < n; i++) {
		c[i].x = (int)x;
		if (c[i].w == 0)
			continue;
		c[i].x += c[i].divider ? COL_DIVIDER : 0;
		x = (size_t)(c[i].x + c[i].w + COL_GAP);
	}
}

/* The index of the shown column at x (its gap before it counts as its own), or -1. */
long
columns_at(const struct column *c, size_t n, int x)
{
	for (size_t i = 0; x >= 0 && i < n; i++)
		if (c[i].w > 0 && x < c[i].x + c[i].w)
			return (long)i;
	return -1;
}

/* The index of the shown column sorted by key k, or -1. */
long
columns_sorted(const struct column *c, size_t n, int k)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].w > 0 && c[i].sort == k)
			return (long)i;
	return -1;
}

/* The sort key of the shown sortable column dir from the one of key k. */
int
columns_step(const struct column *c, size_t n, int k, int dir)
{
	long at = columns_sorted(c, n, k);

	if (n == 0)
		return k;
	if (at < 0)
		at = dir > 0 ? -1 : (long)n;
	for (size_t step = 1; step <= n; step++) {
		long i = ((at + dir * (long)step) % (long)n + (long)n) % (long)n;
		if (c[i].w > 0 && c[i].sort != COL_NO_SORT)
			return c[i].sort;
	}
	return k;
}
