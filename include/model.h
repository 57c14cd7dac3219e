/* model.h — every client the source listed, one record per address.
 *
 * Contract: a refresh is model_begin, model_put for each row (a row_sink),
 * then model_end with the poll's time (the model's clock); a poll whose
 * answer repeated the last one byte for byte is model_tick instead, which
 * moves the clock and takes the same counters again at the new time.  Rows naming the same address within one refresh merge
 * into one client only when it is a numeric address (the later row wins:
 * chronyc can list a client twice while its table grows); rows under one
 * host name (chronyc without -n gives every address that resolves to it
 * the same name) or one cut name ("…>") are kept apart as clients of their
 * own, each marked shared, since they may be different clients.  model_end marks gone the
 * clients a complete refresh did not list and forgets them --highlight
 * seconds later (at once with no highlight), computes every listed client's
 * rates, judges every client and bumps the version whenever anything
 * changed.  A client's record holds everything kept about it across
 * refreshes (first seen, state, its log of checkpoints and history, derived
 * fields): it moves as a whole when forgotten clients are compacted away, so
 * nothing about a client lives in side arrays indexed by position.
 *
 * Rates (issue 11): each listed client's counters (NTP packets, NTP drops,
 * Cmd packets) are kept at a few checkpoints, at least window/7 apart, plus
 * the last sample; its rates are the growth from the oldest checkpoint
 * within the window (its first sample while it is younger) to now, over
 * the time between the two answers, so a client that polls every 64 s
 * shows a steady rate.  One sample: no rate (unknown, not 0).  A counter
 * that went down is a reset: the checkpoints start again from that sample
 * (no rate until the next), the client is in state reset for --highlight
 * seconds, and when most clients listed again reset in one refresh, chronyd
 * restarted (model_rate_totals says when).  Clients a refresh adds after
 * the first complete one are in state new for --highlight seconds.  Each
 * client also keeps its last MODEL_HISTORY per-refresh rates (NTP requests
 * and drops, one byte each, within 4.5 %) for sparklines.  Times are the
 * clock model_end is given: the poll's time.  Lookups by address are
 * O(1) (hash).  A refresh begun and never ended (its answer repeated the
 * last one, so nothing was put) changes nothing: clients and row count stay
 * as the last model_end left them.  Clients are indexed
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

/* Default span of the rates, seconds (--window). */
#define MODEL_WINDOW 300
/* Per-refresh rates kept per client for its sparkline. */
#define MODEL_HISTORY 60

/* What happened to a client lately (for --highlight seconds). */
enum client_state { CLIENT_STEADY, CLIENT_NEW, CLIENT_GONE, CLIENT_RESET, CLIENT_STATE_COUNT };

/* A client's checkpoints and history (model.c's business). */
struct client_log;

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
	uint8_t state;                      /* enum client_state */
	double state_since;                 /* clock when it took that state */
	double first_seen;                  /* clock of the refresh that first listed it */
	double time;                        /* clock when s last changed */
	struct sample s;                    /* the last sample, derived fields computed */
	struct client_log *log;             /* checkpoints and history, owned; NULL before its first rate */
};

/* What a client's history holds: per second, one value per refresh. */
enum hist_kind { HIST_NTP_RATE, HIST_DROP_RATE, HIST_KIND_COUNT };

/* Totals over the last answer interval (between the last two complete
 * refreshes), summed over the clients listed in both, per second; known
 * once there were two.  Counts of clients by state; whether (and at which
 * clock) chronyd was last seen restarting. */
struct rate_totals {
	bool known;
	double ntp, drops, cmd;
	size_t new_clients, gone_clients, reset_clients;
	bool restarted;
	double restart_time;
};

struct model;

/* Make an empty model; NULL when out of memory. */
struct model *model_new(void);

/* A new, empty model configured as m (window, highlight); NULL when out of memory. */
struct model *model_new_like(const struct model *m);

/* Free m and every client. */
void model_free(struct model *m);

/* Set the rates' window and how long the states new, gone and reset last
 * (seconds; a model starts with MODEL_WINDOW and no highlight: gone clients
 * are forgotten at once). */
void model_configure(struct model *m, double window, double highlight);

/* Start a refresh. */
void model_begin(struct model *m);

/* Take one row of the refresh (a row_sink; ctx is the model). */
bool model_put(void *m, const struct row *r);

/* End a refresh read at clock time now (seconds, monotonic, >= 0): stamp
 * the clients it changed, compute their derived fields; when complete,
 * forget clients it did not list; judge all. */
void model_end(struct model *m, const struct health *h, bool complete, double now);

/* The source answered at now exactly as the last time (nothing was put):
 * move the clock, count the answer, and take the clients the last refresh
 * listed as sampled again at now (their rates fall, their states age, the
 * gone ones whose time is up are forgotten); the rows stay, the version
 * moves only if a rate, a state or a client did. */
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

/* The rate totals and state counts of the last refresh. */
void model_rate_totals(const struct model *m, struct rate_totals *t);

/* Copy up to max of c's last per-refresh values of kind k (per second,
 * oldest first) into out; returns how many (0 before its second sample). */
size_t client_history(const struct client *c, enum hist_kind k, double *out, size_t max);

/* Machine name of a state ("new", "gone", "reset"); NULL for steady. */
const char *client_state_name(enum client_state st);

#endif
