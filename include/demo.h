/* demo.h — `ticctop --demo`: a private chronyd with live loopback clients.
 *
 * Contract: demo_start makes a private temp dir, writes a loopback-only
 * chrony.conf (a free port >= 1024, a rate limit so that some clients get
 * drops), starts `chronyd -x -n` (never touching the clock; it dies with us
 * through PR_SET_PDEATHSIG) and waits, bounded, for its command socket;
 * then the side task drives the live NTP traffic (ntpload) from the loop.
 * demo_stop stops chronyd by its pid, reaps it and removes the dir; it is
 * safe to call on every exit path. */
#ifndef TICCTOP_DEMO_H
#define TICCTOP_DEMO_H

#include <stddef.h>

#include "loop.h"

struct demo;

/* Start chronyd and the traffic; NULL with a one-line reason in err on failure. */
struct demo *demo_start(unsigned clients, char *err, size_t errsize);

/* The command socket chronyc should use. */
const char *demo_socket(const struct demo *d);

/* The side task that sends the demo's NTP traffic. */
struct side_task demo_task(struct demo *d);

/* Stop the traffic and chronyd, remove the temp dir, free d (NULL is fine). */
void demo_stop(struct demo *d);

#endif
