/* model.h — every client the source listed, one record per address.
 *
 * Contract: a refresh is model_begin, model_put for each row (a row_sink),
 * then model_end with the poll's time (the model's clock); a poll whose
 * answer repeated the last one byte for byte is model_tick instead, which
 * moves the clock and nothing else.  Rows naming the same address within one refresh merge
 * into one client only when it is a numeric address (the later row wins:
 * chronyc can list a client twice while its table grows); rows under one
 * host name (chronyc without -n gives every address that resolves to it
 * the same name) or one cut name ("…>") are kept apart as clients of their
 * own, each marked shared, since they may be different clients.  model_end forgets clients the
 * refresh did not list (when the listing was complete), judges every client
 * and bumps the version whenever anything changed.  A client's record holds
 * everything kept about it across refreshes (first seen, the sample before
 * the last change and when each was read, derived fields): it moves as a
 * whole when forgotten clients are compacted away, so nothing about a
 * client lives in side arrays indexed by position.  Lookups by address are
 * O(1) (hash).  A refresh begun and never ended (its answer repeated the
 * last one, so nothing was put) changes nothing: clients, row count and
 * version stay as the last model_end left them.  Clients are indexed
 * 0..model_size()-1; an index is valid until the next model_end. */
#ifndef TICCTOP_MODEL_H
#define TICCTOP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "health.h"
#include "row.h"
#include "sample.h"

struct client {
	char *addr;                         /* NUL-terminated, owned */
	uint32_t len;
	uint16_t dup;                       /* n-th client listed under the same name */
	bool shared;                        /* the refresh that listed it listed another row under its name */
	uint32_t named;                     /* refresh in which another row had its name */
	uint8_t family;                     /* enum family */
	struct verdict verdict;
	uint32_t seen;                      /* refresh that last listed it */
	unsigned char key[ADDR_KEY_LEN];    /* binary address for ordering */
	uint32_t changed;                   /* refresh that last changed s */
	double first_seen;                  /* clock of the refresh that first listed it */
	double time;                        /* clock when s was read (its last change) */
	double prev_time;                   /* clock when prev was read */
	struct sample s;                    /* the last sample, derived fields computed */
	struct sample prev;                 /* the sample before s (nothing known at first) */
};

struct model;

/* Make an empty model; NULL when out of memory. */
struct model *model_new(void);

/* Free m and every client. */
void model_free(struct model *m);

/* Start a refresh. */
void model_begin(struct model *m);

/* Take one row of the refresh (a row_sink; ctx is the model). */
bool model_put(void *m, const struct row *r);

/* End a refresh read at clock time now (seconds, monotonic, >= 0): stamp
 * the clients it changed, compute their derived fields; when complete,
 * forget clients it did not list; judge all. */
void model_end(struct model *m, const struct health *h, bool complete, double now);

/* The source answered at now exactly as the last time (nothing was put):
 * move the clock, count the answer; clients and version stay. */
void model_tick(struct model *m, double now);

/* The clock: time of the last answer taken (model_end or model_tick), 0 before any. */
double model_clock(const struct model *m);

/* Answers taken so far (model_end and model_tick calls). */
uint64_t model_ticks(const struct model *m);

/* Number of clients. */
size_t model_size(const struct model *m);

/* Client i, 0 <= i < model_size(m). */
const struct client *model_at(const struct model *m, size_t i);

/* Index of the client with this address (first of a cut name), or -1. */
long model_find(const struct model *m, const char *addr, size_t len);

/* Rows the last refresh delivered (before merging). */
size_t model_rows(const struct model *m);

/* Changes whenever model_end changed a client, added or removed one. */
uint64_t model_version(const struct model *m);

/* Changes whenever a client was added or removed (not when only counters
 * changed): while it stays, every client keeps its index. */
uint64_t model_members(const struct model *m);

/* Count clients by status into counts[STATUS_COUNT]. */
void model_summary(const struct model *m, size_t counts[STATUS_COUNT]);

#endif
