/* fleet.h — several servers in one ticctop: a monitor per source, their
 * names, the fleet's state.
 *
 * Contract: pure bookkeeping over an array of struct monitor (monitor.h),
 * one per source, each with its own model, health, view, freshness, error
 * and last good data; no I/O, curses or curl.  A server's name is the one
 * given, else its URL's host[:port], else "local"; a name already taken
 * gets "#2", "#3", ... so every name is unique.  The fleet's state (the
 * Nagios rule): CRITICAL when any server has a critical client, else
 * WARNING when any has a warning, else UNKNOWN when any server failed (or
 * never answered), else OK: a failed server never hides the others'
 * clients, and is named in the report.  A fleet of one is exactly the
 * single source it always was (its state key is the source's target). */
#ifndef TICCTOP_FLEET_H
#define TICCTOP_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "monitor.h"
#include "status.h"

#define FLEET_NAME_MAX 64
#define FLEET_MAX 32      /* servers in one fleet */

struct fleet {
	struct monitor *mon;             /* [n], one per source */
	char (*name)[FLEET_NAME_MAX];    /* [n] */
	size_t n;
	size_t selected;                 /* the server the Server and Sources screens show */
};

/* The clients the full screen lists for a fleet: every server's view (each
 * already filtered and sorted, all with the same key, direction and
 * filter) as one list, merged in that order (a tie: fleet order; sorted by
 * server: fleet order first), or grouped by server in fleet order; or one
 * server's alone.  The same address seen by two servers is two entries. */
struct fleet_list {
	uint32_t *srv, *idx;      /* each entry's server and index in that server's model */
	size_t n, cap;
	uint64_t built;           /* counts rebuilds: while it stays, the list is as it was */
	struct {                  /* what it was built from (fleet.c's business) */
		bool valid, group;
		size_t only;
		uint64_t views[FLEET_MAX];
	} basis;
};

/* Make room for n monitors (zeroed; monitor_init each); false when out of memory. */
bool fleet_alloc(struct fleet *f, size_t n);

/* Free the monitors that were initialised (the first `ready`) and the arrays, not the sources. */
void fleet_free(struct fleet *f, size_t ready);

/* Write the default name of a source of this kind and target: the URL's
 * host[:port] for a dashboard, else "local". */
void fleet_default_name(char *buf, size_t size, const char *kind, const char *target);

/* Name server i: given (NULL: the default), made unique among 0..i-1. */
void fleet_set_name(struct fleet *f, size_t i, const char *given);

/* The index of the server called name, or f->n. */
size_t fleet_find(const struct fleet *f, const char *name);

/* The fleet's state from the servers' states (the rule above). */
enum exit_status fleet_worst(const enum exit_status *st, size_t n);

/* Make l empty. */
void fleet_list_init(struct fleet_list *l);

/* Free what l holds. */
void fleet_list_free(struct fleet_list *l);

/* Rebuild l from f's views when one of them, group or only changed
 * (only: the server shown alone, f->n: all); false when out of memory. */
bool fleet_list_update(struct fleet_list *l, const struct fleet *f, bool group, size_t only);

/* The key the fleet's remembered state goes under: the source's target
 * for one; for several, "fleet:" and their targets sorted, " | " between. */
void fleet_key(const struct fleet *f, char *buf, size_t size);

#endif
