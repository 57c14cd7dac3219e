/* source_socket.h — the local source without chronyc: chronyd's command
 * protocol on its Unix socket (candm.h), no process per poll.
 *
 * Contract: binds its reply socket once, as DIR/ticctop.PID.sock beside
 * chronyd's socket (DIR/ticctop.PID.N.sock for the N-th of a fleet's) (chronyd only answers a bound socket it may write to),
 * created world-writable through the umask, never by chmod; an old file
 * of that name is replaced only when it is a socket of this user's; those
 * other killed runs left (ticctop.PID[.N].sock, sockets of this user's, of
 * a pid that is no process, with nobody bound to them) are removed.  The
 * file is removed by stop/free and, on a crash, by the loop's handler
 * (source_path_add).  A poll walks chronyd's client table with `window`
 * requests in flight over disjoint index ranges, sent and read in batches
 * (one sendmmsg for every request waiting, recvmmsg for the replies queued:
 * a 100k-client walk is 12,500 requests); a request that gets no
 * answer is sent again with a new sequence number, and a late answer to
 * one of its last 4 sendings is taken too (the first answer wins); the
 * server's reports (tracking, serverstats, activity, sources and
 * sourcestats, the ntpdata of want_ntpdata) are asked for one after the
 * other on one more lane, in the same poll; a report whose reply fails a
 * check is left out and said in the server data's note; a reply that fails a
 * check ends the poll with the check's words; the walk starts again when
 * the table's size changes (rows are kept once per address).  Never asks
 * chronyd to reset counters.  Under auto (source_auto_new) a socket that
 * cannot be used hands over to chronyc once, saying why in the target. */
#ifndef TICCTOP_SOURCE_SOCKET_H
#define TICCTOP_SOURCE_SOCKET_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

#define SOCKET_DEFAULT_PATH "/run/chrony/chronyd.sock"
#define SOCKET_WINDOW 6          /* requests in flight (measured: make bench) */

struct socket_cfg {
	const char *socket;    /* chronyd's socket, or NULL for SOCKET_DEFAULT_PATH */
	double timeout;        /* seconds a poll may take */
	size_t max_size;       /* bytes of client records accepted */
	unsigned window;       /* requests in flight, 1..8; 0: SOCKET_WINDOW */
	const char *label;     /* names the source instead of the socket's path, or NULL */
};

/* Make a socket source; NULL when out of memory. */
struct source *source_socket_new(const struct socket_cfg *cfg);

/* Make the auto source: sock until it has shown it can be used (its reply
 * socket bound and chronyd answered the protocol), else chronyc from the
 * poll that showed it, for good.  Takes both (freed with it); NULL when
 * either is NULL or out of memory (both freed). */
struct source *source_auto_new(struct source *sock, struct source *chronyc);

#endif
