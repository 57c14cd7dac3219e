/*
 * ntpload: a load generator that plays many NTP clients against a server
 * on loopback, for tests and the demo.
 *
 * Contract:
 * - It sends real NTPv4 client requests (48 bytes, mode 3, with a transmit
 *   timestamp) only to loopback: the server must be a numeric IPv4 address in
 *   127.0.0.0/8, anything else is refused before a socket is opened. The one
 *   optional IPv6 client sends from ::1 to [::1] on the same port.
 * - Client i (0-based) is the IPv4 address ntpload_client_address(i):
 *   127.1.0.1 ... 127.1.0.254, 127.1.1.1 ... (the last octet skips 0 and 255).
 *   The IPv6 client, if any, is client number `clients` and uses ::1.
 *   Addresses, roles and the live schedule are deterministic.
 * - Whatever the number of clients it uses one UDP socket per family: the
 *   source of each packet is chosen with sendmsg() and IP_PKTINFO (Linux sends
 *   all of 127/8 through lo, so every 127.x.y.z is a local address).
 * - It never sleeps nor blocks. The caller runs ntpload_step() from its own
 *   poll loop, with a monotonic clock in milliseconds, and waits at most the
 *   *wait_ms it returns; polling the descriptors of ntpload_fds() for POLLIN
 *   wakes it when replies arrive. Replies are read and counted, nothing more.
 * - At most `window` requests are in flight (sent, not yet read by the
 *   server). Each request carries a sequence number in its transmit
 *   timestamp's fraction, which the server echoes; as the server reads its
 *   socket in order, a reply to one request means every earlier one was
 *   read too (answered or rate-limited). A request with no such sign after
 *   the reply timeout (NTPLOAD_REPLY_TIMEOUT_MS live,
 *   NTPLOAD_FILL_REPLY_TIMEOUT_MS fill) is taken as lost. This paces it to
 *   what the server can take: unpaced, chronyd's socket queue overflows
 *   (about half of 100,000 back-to-back requests were lost here; under CPU
 *   load a burst of 1,001 lost 56).
 * - FILL makes sure every client reached the server: a client counts as
 *   answered once a reply comes to its address. After the last round it
 *   waits for late replies, then resends one request to each client still
 *   without an answer, at most NTPLOAD_FILL_RETRIES rounds, each waiting
 *   longer (0.1 s doubling up to 1.6 s: about 5 s in all).
 *   stats.unanswered says how many never had one: lost, or rate-limited
 *   (a client whose tokens an earlier fill used up gets only chronyd's
 *   random "leak" answers). When all had one, it ends once its last
 *   requests were read (or NTPLOAD_FILL_TAIL_MS passed), so the server's
 *   client log no longer changes afterwards.
 * - Every run is bounded: at most `budget` packets in all, at most `step_cap`
 *   per step, and in live mode at most `duration_ms` of schedule.
 * - The module has no global state; one handle is used by one thread.
 */
#ifndef NTPLOAD_H
#define NTPLOAD_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

/* IPv4 clients available: 127.1.0.1 up to 127.255.255.254. */
#define NTPLOAD_MAX_CLIENTS (255u * 256u * 254u)
/* Defaults used when the matching config field is 0. */
#define NTPLOAD_DEFAULT_BUDGET 20000000u
#define NTPLOAD_DEFAULT_STEP_CAP 512u
#define NTPLOAD_DEFAULT_WINDOW 64u
/* A request unanswered this long no longer counts as in flight (live; fill
 * can wait longer, as its rate-limited requests free the window when a later
 * request is answered). */
#define NTPLOAD_REPLY_TIMEOUT_MS 5
#define NTPLOAD_FILL_REPLY_TIMEOUT_MS 50
/* Fill: the longest wait at the end for the last requests to be read. */
#define NTPLOAD_FILL_TAIL_MS 300
/* Fill: rounds of resending to clients without an answer. */
#define NTPLOAD_FILL_RETRIES 6
/* Live profile: every client sends its first packet within this time. */
#define NTPLOAD_LIVE_HELLO_MS 2000
/* Live profile: length of the windows in which rotating and quiet roles change. */
#define NTPLOAD_LIVE_WINDOW_MS 15000

/* Closed set of results. errno is kept from the failing call for SOCKET,
 * SEND and RECV. */
enum ntpload_error {
	NTPLOAD_OK = 0,
	NTPLOAD_ERR_ARGUMENT,     /* a config field is out of range */
	NTPLOAD_ERR_ADDRESS,      /* server is not a numeric IPv4 address */
	NTPLOAD_ERR_NOT_LOOPBACK, /* server is not in 127.0.0.0/8 */
	NTPLOAD_ERR_NOMEM,
	NTPLOAD_ERR_SOCKET,       /* socket() or fcntl() failed */
	NTPLOAD_ERR_SEND,         /* sendmsg() failed, other than "try again" */
	NTPLOAD_ERR_RECV          /* recv() failed, other than "try again" */
};

enum ntpload_mode {
	/* Each client sends `packets` requests, round by round, then done. */
	NTPLOAD_FILL,
	/* The live profile below, until duration_ms or the budget ends. */
	NTPLOAD_LIVE
};

/* Roles in the live profile, fixed by the client number i (i % 50):
 * FLOOD (0, 2%): a burst of 8 requests 50 ms apart every 2 s, from the start;
 *   with `ratelimit interval 1 burst 4` it gets drops at once, >= 10 within
 *   a few seconds (critical).
 * ROTATING (1-4, 8%): steady, plus one burst of 6 requests in one window out
 *   of 8 (its slot; window 0 is slot 0's); each burst costs a few drops, so
 *   the set gaining drops moves every window (warning, critical after many
 *   minutes).
 * QUIET (5-9, 10%): steady, but silent half of the time (30 s out of 60,
 *   never in window 0): its last-seen grows, then it comes back.
 * LATE (10-12, 6%): silent until a time of its own 10-40 s in, then
 *   steady: a client that starts (new to the server).
 * LEAVING (13-15, 6%): one request every 2 s (the rate limit's own pace,
 *   never dropped) until a time of its own 20-40 s in, then silent for good.
 * LIMITED (16-17, 4%): floods as FLOOD does (drops at once) until a time of
 *   its own 15-30 s in, then steady: rate-limited, then no longer.
 * STEADY (the rest, 64%): one request every 4, 8 or 16 s, never dropped.
 * Every role but LATE sends its first request at a time below
 * NTPLOAD_LIVE_HELLO_MS, so after it every client but the late ones has
 * been seen. */
enum ntpload_role {
	NTPLOAD_ROLE_STEADY,
	NTPLOAD_ROLE_QUIET,
	NTPLOAD_ROLE_ROTATING,
	NTPLOAD_ROLE_FLOOD,
	NTPLOAD_ROLE_LATE,
	NTPLOAD_ROLE_LEAVING,
	NTPLOAD_ROLE_LIMITED
};

struct ntpload_config {
	const char *server;     /* numeric IPv4 address in 127/8 */
	uint16_t port;          /* server's NTP port, not 0 */
	uint32_t clients;       /* IPv4 clients, 0..NTPLOAD_MAX_CLIENTS */
	bool ipv6;              /* add one client ::1 (sends to [::1]:port) */
	enum ntpload_mode mode;
	uint32_t packets;       /* FILL: requests per client, >= 1 */
	uint64_t duration_ms;   /* LIVE: schedule length, 0 = until budget */
	uint64_t budget;        /* packets in all, 0 = NTPLOAD_DEFAULT_BUDGET */
	uint32_t step_cap;      /* packets per step, 0 = NTPLOAD_DEFAULT_STEP_CAP */
	uint32_t window;        /* in flight, 0 = NTPLOAD_DEFAULT_WINDOW */
};

struct ntpload_stats {
	uint64_t sent;          /* requests handed to the kernel */
	uint64_t replies;       /* datagrams read back */
	uint64_t deferred;      /* sends postponed on EAGAIN/ENOBUFS */
	uint64_t resent;        /* FILL: requests resent to unanswered clients */
	uint32_t unanswered;    /* FILL: clients without any answer (so far) */
};

struct ntpload;

/* Checks config, opens the sockets and returns a new handle in *out. */
enum ntpload_error ntpload_new(const struct ntpload_config *config,
    struct ntpload **out);
/* Closes the sockets and frees the handle; NULL is allowed. */
void ntpload_free(struct ntpload *load);
/* Reads replies and sends what is due at now_ms (monotonic; the first call is
 * time 0 of the schedule); sets *wait_ms to how long until it wants to run
 * again (0: at once), or -1 once finished. */
enum ntpload_error ntpload_step(struct ntpload *load, uint64_t now_ms,
    int *wait_ms);
/* Tells whether the run is over (all sent, the budget or duration spent). */
bool ntpload_finished(const struct ntpload *load);
/* Stores up to 2 descriptors to poll for POLLIN in fds; returns how many. */
int ntpload_fds(const struct ntpload *load, int fds[2]);
/* Returns the counters so far. */
struct ntpload_stats ntpload_stats(const struct ntpload *load);
/* Stores IPv4 client i's address in *out; false if i is out of range. */
bool ntpload_client_address(uint32_t i, struct in_addr *out);
/* Returns client i's role in the live profile. */
enum ntpload_role ntpload_client_role(uint32_t i);
/* Returns the lower-case name of a role ("steady", "flood", ...). */
const char *ntpload_role_name(enum ntpload_role role);
/* Returns a one-line message for a result, without errno's text. */
const char *ntpload_strerror(enum ntpload_error error);

#endif
