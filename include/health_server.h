/* health_server.h — OK / warning / critical for the server itself and for
 * each of its time sources, with the reasons.
 *
 * Contract: pure.  Rules live in two tables (health_server.c), one for the
 * server and one for a source, most severe first; each row has a machine
 * name, the status it sets and one function that says whether it fires and
 * writes its reason.  Every rule is tried: the verdict has the worst status,
 * the first rule that fired (its reason is the one a status line shows) and
 * a bit for each that fired (the screens and JSON list them all: a critical
 * offset does not hide that the client list is incomplete).  A server whose
 * tracking did not come is not judged (known false), never called OK.
 * Defaults: |system time offset| >= 50 ms critical, >= 10 ms warning
 * (NTPmon's and RFC 8633's usual bounds); root dispersion >= 100 ms
 * warning.  A source that is not OK makes the server warning; that none is
 * selected makes it critical — unless it serves its own clock on purpose
 * (reference LOCL, the local directive: OK, with that reason).  Sources:
 * reach 0 critical, falseticker or jittery warning, the selected one OK
 * with "selected" as its reason. */
#ifndef TICCTOP_HEALTH_SERVER_H
#define TICCTOP_HEALTH_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "health.h"
#include "serverdata.h"

#define HEALTH_WARN_OFFSET 0.010      /* seconds */
#define HEALTH_CRIT_OFFSET 0.050
#define HEALTH_WARN_DISPERSION 0.100

/* The thresholds of the server's rules. */
struct srv_limits {
	double warn_offset, crit_offset;  /* |system time offset|, seconds */
	double warn_dispersion;           /* root dispersion, seconds */
};

/* What the rules made of a server or a source. */
struct srv_verdict {
	bool known;          /* it was judged (the server: its tracking came) */
	uint8_t status;      /* enum status */
	int8_t rule;         /* the first rule that fired, -1 none */
	uint32_t fired;      /* bit i: rule i fired */
};

/* Fill lim with the defaults. */
void health_server_limits(struct srv_limits *lim);

/* Judge the server in sd. */
struct srv_verdict health_server_eval(const struct srv_limits *lim, const struct server_data *sd);

/* Write the reason of server rule `rule` for sd ("within limits" for -1). */
void health_server_reason(const struct srv_limits *lim, const struct server_data *sd, int rule, char *buf,
                          size_t size);

/* Rules of the server's table. */
int health_server_rules(void);

/* Machine name of server rule `rule` ("offset-critical"). */
const char *health_server_rule_name(int rule);

/* Judge one time source. */
struct srv_verdict health_source_eval(const struct srv_source *s);

/* Write the reason of source rule `rule` for s ("selected", "within limits"). */
void health_source_reason(const struct srv_source *s, int rule, char *buf, size_t size);

#endif
