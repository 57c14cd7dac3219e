/* ntpload: many NTP clients on loopback from one socket per family. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ntpload.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define NTP_PACKET_LEN 48
/* Seconds from 1900 (NTP era 0) to 1970. */
#define NTP_UNIX_OFFSET 2208988800u
/* Replies read per socket and step at most. */
#define RECV_BATCH 4096

/* Live profile timing (see enum ntpload_role in the header). */
#define FLOOD_PERIOD_MS 2000
#define FLOOD_COUNT 8
#define BURST_GAP_MS 50
#define ROTATING_COUNT 6
#define ROTATING_SLOTS 8
#define QUIET_SLOTS 4
#define STEADY_MIN_PERIOD_MS 4000
/* LATE starts, LEAVING stops, LIMITED calms down, each at a time of its own
 * in [FROM, FROM + SPREAD) ms; LEAVING sends every LEAVING_PERIOD_MS until
 * then (the rate limit's own pace: never dropped). */
#define LATE_FROM_MS 10000
#define LATE_SPREAD_MS 30000
#define LEAVING_FROM_MS 20000
#define LEAVING_SPREAD_MS 20000
#define LEAVING_PERIOD_MS 2000
#define LIMITED_FROM_MS 15000
#define LIMITED_SPREAD_MS 15000
#define NEVER_MS (INT64_MAX / 4)

/* Fill: the first retry round waits this long for late replies; each
 * further round waits twice as long, up to FILL_SETTLE_MAX_MS. */
#define FILL_SETTLE_MS 100
#define FILL_SETTLE_MAX_MS 1600
/* Receive buffer asked for, so that replies are not lost on our side. */
#define RCVBUF_BYTES (4 << 20)

/* A request in flight: its sequence number (the fraction of its transmit
 * timestamp, echoed in the reply's origin timestamp) and its send time. */
struct flight {
	int64_t t;
	uint32_t seq;
};

/* A client's next send time in the live schedule (ms from its start). */
struct event {
	int64_t due;
	uint32_t client;
};

struct ntpload {
	enum ntpload_mode mode;
	int fd4;                        /* -1 without IPv4 clients */
	int fd6;                        /* -1 without the ::1 client */
	struct sockaddr_in server4;
	struct sockaddr_in6 server6;
	uint32_t clients;               /* IPv4 clients */
	uint32_t total;                 /* clients, plus 1 with ::1 */
	uint32_t packets;
	uint64_t duration_ms;
	uint64_t budget;
	uint32_t step_cap;
	uint32_t window;
	int reply_timeout_ms;           /* in flight this long: taken as lost */
	bool started;
	bool finished;
	uint64_t start_ms;              /* caller's clock at the first step */
	struct flight *flight;          /* ring of requests, window slots */
	uint32_t flight_head;           /* oldest unanswered request */
	uint32_t inflight;              /* requests in the ring */
	uint32_t seq;                   /* next request's sequence number */
	uint64_t fill_next;             /* FILL: next packet number */
	uint8_t *answered;              /* FILL: bitmap, client had an answer */
	uint32_t unanswered;            /* FILL: clients without an answer yet */
	uint32_t round;                 /* FILL: retry rounds begun */
	uint32_t retry_next;            /* FILL: next client to check in a round */
	int64_t last_send;              /* schedule time of the last request */
	struct event *heap;             /* LIVE: min-heap on due, one per client */
	struct ntpload_stats stats;
};

/* Mixes a client number into 32 well-spread bits (a murmur3 finaliser). */
static uint32_t
client_hash(uint32_t i)
{
	i ^= i >> 16;
	i *= 0x85ebca6bu;
	i ^= i >> 13;
	i *= 0xc2b2ae35u;
	i ^= i >> 16;
	return i;
}

/* Returns the first time phase + k * period (k >= 0) later than after. */
static int64_t
next_periodic(int64_t after, int64_t phase, int64_t period)
{
	if (after < phase)
		return phase;
	return phase + ((after - phase) / period + 1) * period;
}

/* Returns the first packet later than after in bursts of count packets,
 * gap apart, starting at phase + k * period (k >= 0). */
static int64_t
next_burst(int64_t after, int64_t phase, int64_t period, int count)
{
	int64_t base, j;

	if (after < phase)
		return phase;
	base = phase + (after - phase) / period * period;
	j = (after - base) / BURST_GAP_MS + 1;
	if (j < count)
		return base + j * BURST_GAP_MS;
	return base + period;
}

/* Tells whether a QUIET client with this hash is silent in window w. */
static bool
quiet_window(uint32_t h, int64_t w)
{
	return w > 0 && (w + (h >> 20) % QUIET_SLOTS) % QUIET_SLOTS >= 2;
}

/* Returns the first steady request of a client later than after: every 4,
 * 8 or 16 s from a phase after the hello window. */
static int64_t
next_steady(uint32_t h, int64_t after)
{
	int64_t period = (int64_t)STEADY_MIN_PERIOD_MS << ((h >> 11) % 3);
	int64_t phase = NTPLOAD_LIVE_HELLO_MS +
	    (int64_t)((h >> 13) % (uint32_t)period);

	return next_periodic(after, phase, period);
}

/* Returns a QUIET client's first request later than after, skipping the
 * windows in which it is silent (at most two in a row). */
static int64_t
next_quiet(uint32_t h, int64_t after)
{
	int64_t t = next_steady(h, after);

	while (quiet_window(h, t / NTPLOAD_LIVE_WINDOW_MS))
		t = next_steady(h, (t / NTPLOAD_LIVE_WINDOW_MS + 1) *
		    NTPLOAD_LIVE_WINDOW_MS - 1);
	return t;
}

/* Returns a ROTATING client's first burst packet later than after: one burst
 * in each window whose number is its slot modulo ROTATING_SLOTS. */
static int64_t
next_rotating_burst(uint32_t h, int64_t after)
{
	int64_t slot = (h >> 20) % ROTATING_SLOTS;
	int64_t offset = (h >> 3) %
	    (NTPLOAD_LIVE_WINDOW_MS - ROTATING_COUNT * BURST_GAP_MS);
	int64_t w = after < 0 ? 0 : after / NTPLOAD_LIVE_WINDOW_MS;

	w += (slot - w % ROTATING_SLOTS + ROTATING_SLOTS) % ROTATING_SLOTS;
	return next_burst(after, w * NTPLOAD_LIVE_WINDOW_MS + offset,
	    (int64_t)ROTATING_SLOTS * NTPLOAD_LIVE_WINDOW_MS, ROTATING_COUNT);
}

/* Returns the smaller of two times. */
static int64_t
min_time(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* Returns client i's first live request later than after (ms). */
static int64_t
live_next(uint32_t i, int64_t after)
{
	uint32_t h = client_hash(i);
	int64_t hello = h % NTPLOAD_LIVE_HELLO_MS;
	int64_t t;

	switch (ntpload_client_role(i)) {
	case NTPLOAD_ROLE_FLOOD:
		return next_burst(after, hello, FLOOD_PERIOD_MS, FLOOD_COUNT);
	case NTPLOAD_ROLE_LATE: /* silent, then steady: a new client */
		t = LATE_FROM_MS + (int64_t)(h % LATE_SPREAD_MS);
		return after < t ? t : next_steady(h, after);
	case NTPLOAD_ROLE_LEAVING: /* every 2 s, then silent for good */
		t = next_periodic(after, hello, LEAVING_PERIOD_MS);
		return t < LEAVING_FROM_MS + (int64_t)(h % LEAVING_SPREAD_MS) ? t : NEVER_MS;
	case NTPLOAD_ROLE_LIMITED: /* floods, then calms down to steady */
		t = LIMITED_FROM_MS + (int64_t)(h % LIMITED_SPREAD_MS);
		if (after < t && next_burst(after, hello, FLOOD_PERIOD_MS, FLOOD_COUNT) < t)
			return next_burst(after, hello, FLOOD_PERIOD_MS, FLOOD_COUNT);
		return next_steady(h, after < t ? t : after);
	case NTPLOAD_ROLE_QUIET:
		t = next_quiet(h, after);
		break;
	case NTPLOAD_ROLE_ROTATING:
		t = min_time(next_steady(h, after), next_rotating_burst(h, after));
		break;
	default:
		t = next_steady(h, after);
		break;
	}
	return after < hello ? min_time(hello, t) : t;
}

/* Restores the heap order from slot k downward. */
static void
heap_sift_down(struct event *heap, uint32_t len, uint32_t k)
{
	struct event e = heap[k];
	uint32_t c;

	while ((c = 2 * k + 1) < len) {
		if (c + 1 < len && heap[c + 1].due < heap[c].due)
			c++;
		if (e.due <= heap[c].due)
			break;
		heap[k] = heap[c];
		k = c;
	}
	heap[k] = e;
}

/* Builds the live schedule: every client's first request, as a min-heap. */
static enum ntpload_error
live_init(struct ntpload *load)
{
	uint32_t i;

	load->heap = calloc(load->total, sizeof *load->heap);
	if (load->heap == NULL)
		return NTPLOAD_ERR_NOMEM;
	for (i = 0; i < load->total; i++) {
		load->heap[i].due = live_next(i, -1);
		load->heap[i].client = i;
	}
	for (i = load->total / 2; i-- > 0;)
		heap_sift_down(load->heap, load->total, i);
	return NTPLOAD_OK;
}

/* Parses the server address; only 127.0.0.0/8 is accepted. */
static enum ntpload_error
parse_server(const char *text, struct in_addr *out)
{
	struct in6_addr a6;

	if (text != NULL && inet_pton(AF_INET, text, out) == 1)
		return (ntohl(out->s_addr) >> 24) == 127 ?
		    NTPLOAD_OK : NTPLOAD_ERR_NOT_LOOPBACK;
	if (text != NULL && inet_pton(AF_INET6, text, &a6) == 1 &&
	    !IN6_IS_ADDR_LOOPBACK(&a6) &&
	    !(IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127))
		return NTPLOAD_ERR_NOT_LOOPBACK;
	return NTPLOAD_ERR_ADDRESS;
}

/* Opens a non-blocking, close-on-exec UDP socket (IPv4: told each reply's
 * destination address); -1 on failure. */
static int
open_socket(int family)
{
	int fd = socket(family, SOCK_DGRAM, 0);
	int on = 1, size = RCVBUF_BYTES;

	if (fd < 0)
		return -1;
	/* Best effort: the kernel may cap the buffer at rmem_max. */
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 ||
	    (family == AF_INET &&
	    setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) < 0)) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* Checks a config and copies it into a fresh handle. */
static enum ntpload_error
load_configure(struct ntpload *load, const struct ntpload_config *c)
{
	enum ntpload_error e;

	if (c->port == 0 || c->clients > NTPLOAD_MAX_CLIENTS ||
	    (c->clients == 0 && !c->ipv6) ||
	    (c->mode != NTPLOAD_FILL && c->mode != NTPLOAD_LIVE) ||
	    (c->mode == NTPLOAD_FILL && c->packets == 0))
		return NTPLOAD_ERR_ARGUMENT;
	e = parse_server(c->server, &load->server4.sin_addr);
	if (e != NTPLOAD_OK)
		return e;
	load->server4.sin_family = AF_INET;
	load->server4.sin_port = htons(c->port);
	load->server6.sin6_family = AF_INET6;
	load->server6.sin6_port = htons(c->port);
	load->server6.sin6_addr = in6addr_loopback;
	load->mode = c->mode;
	load->clients = c->clients;
	load->total = c->clients + (c->ipv6 ? 1 : 0);
	load->packets = c->packets;
	load->duration_ms = c->duration_ms;
	load->budget = c->budget ? c->budget : NTPLOAD_DEFAULT_BUDGET;
	load->step_cap = c->step_cap ? c->step_cap : NTPLOAD_DEFAULT_STEP_CAP;
	load->window = c->window ? c->window : NTPLOAD_DEFAULT_WINDOW;
	load->reply_timeout_ms = c->mode == NTPLOAD_FILL ?
	    NTPLOAD_FILL_REPLY_TIMEOUT_MS : NTPLOAD_REPLY_TIMEOUT_MS;
	load->unanswered = load->total;
	load->retry_next = load->total;
	return NTPLOAD_OK;
}

/* Checks config, opens the sockets and returns a new handle in *out. */
enum ntpload_error
ntpload_new(const struct ntpload_config *config, struct ntpload **out)
{
	struct ntpload *load;
	enum ntpload_error e;

	*out = NULL;
	load = calloc(1, sizeof *load);
	if (load == NULL)
		return NTPLOAD_ERR_NOMEM;
	load->fd4 = load->fd6 = -1;
	e = load_configure(load, config);
	if (e == NTPLOAD_OK &&
	    (load->flight = calloc(load->window, sizeof *load->flight)) == NULL)
		e = NTPLOAD_ERR_NOMEM;
	if (e == NTPLOAD_OK && load->clients > 0 &&
	    (load->fd4 = open_socket(AF_INET)) < 0)
		e = NTPLOAD_ERR_SOCKET;
	if (e == NTPLOAD_OK && config->ipv6 &&
	    (load->fd6 = open_socket(AF_INET6)) < 0)
		e = NTPLOAD_ERR_SOCKET;
	if (e == NTPLOAD_OK && load->mode == NTPLOAD_LIVE)
		e = live_init(load);
	if (e == NTPLOAD_OK && load->mode == NTPLOAD_FILL &&
	    (load->answered = calloc(load->total / 8 + 1, 1)) == NULL)
		e = NTPLOAD_ERR_NOMEM;
	if (e != NTPLOAD_OK) {
		int saved = errno;

		ntpload_free(load);
		errno = saved;
		return e;
	}
	*out = load;
	return NTPLOAD_OK;
}

/* Closes the sockets and frees the handle; NULL is allowed. */
void
ntpload_free(struct ntpload *load)
{
	if (load == NULL)
		return;
	if (load->fd4 >= 0)
		close(load->fd4);
	if (load->fd6 >= 0)
		close(load->fd6);
	free(load->heap);
	free(load->answered);
	free(load->flight);
	free(load);
}

/* Fills buf with an NTPv4 client request stamped with the wall clock's
 * second; the fraction carries seq (clients randomise those bits anyway),
 * which the server echoes as the reply's origin timestamp. */
static void
build_request(unsigned char buf[NTP_PACKET_LEN], uint32_t seq)
{
	struct timespec ts;
	uint32_t sec, frac = seq;

	clock_gettime(CLOCK_REALTIME, &ts);
	sec = (uint32_t)ts.tv_sec + NTP_UNIX_OFFSET;
	memset(buf, 0, NTP_PACKET_LEN);
	buf[0] = 0x23;          /* LI 0, version 4, mode 3 (client) */
	buf[2] = 6;             /* poll 2^6 s */
	buf[3] = 0xec;          /* precision 2^-20 s */
	buf[40] = sec >> 24;
	buf[41] = sec >> 16;
	buf[42] = sec >> 8;
	buf[43] = sec;
	buf[44] = frac >> 24;
	buf[45] = frac >> 16;
	buf[46] = frac >> 8;
	buf[47] = frac;
}

/* Sends request seq as client i; returns sendmsg's result. */
static ssize_t
send_request(const struct ntpload *load, uint32_t i, uint32_t seq)
{
	unsigned char buf[NTP_PACKET_LEN];
	union {
		char bytes[CMSG_SPACE(sizeof(struct in_pktinfo))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { buf, sizeof buf };
	struct msghdr msg = { 0 };
	struct in_pktinfo info = { 0 };
	struct cmsghdr *cmsg;

	build_request(buf, seq);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (i >= load->clients) {
		msg.msg_name = (void *)&load->server6;
		msg.msg_namelen = sizeof load->server6;
		return sendmsg(load->fd6, &msg, 0);
	}
	ntpload_client_address(i, &info.ipi_spec_dst);
	memset(&control, 0, sizeof control);
	msg.msg_name = (void *)&load->server4;
	msg.msg_namelen = sizeof load->server4;
	msg.msg_control = control.bytes;
	msg.msg_controllen = sizeof control.bytes;
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = IPPROTO_IP;
	cmsg->cmsg_type = IP_PKTINFO;
	cmsg->cmsg_len = CMSG_LEN(sizeof info);
	memcpy(CMSG_DATA(cmsg), &info, sizeof info);
	return sendmsg(load->fd4, &msg, 0);
}

/* Forgets the oldest unanswered request, if any. */
static void
flight_pop(struct ntpload *load)
{
	if (load->inflight == 0)
		return;
	load->flight_head = (load->flight_head + 1) % load->window;
	load->inflight--;
}

/* Tells whether client i has had an answer (FILL). */
static bool
is_answered(const struct ntpload *load, uint32_t i)
{
	return load->answered[i / 8] & (1u << (i % 8));
}

/* Notes an answer to client i (FILL); out-of-range numbers are ignored. */
static void
mark_answered(struct ntpload *load, uint32_t i)
{
	if (load->answered == NULL || i >= load->total || is_answered(load, i))
		return;
	load->answered[i / 8] |= (uint8_t)(1u << (i % 8));
	load->unanswered--;
}

/* Records request seq sent at schedule time t. */
static void
flight_push(struct ntpload *load, int64_t t, uint32_t seq)
{
	struct flight *f = &load->flight[(load->flight_head + load->inflight) %
	    load->window];

	f->t = t;
	f->seq = seq;
	load->inflight++;
}

/* Forgets the requests sent up to seq: the server reads its queue in order,
 * so once seq is answered the earlier ones are out of it too (answered,
 * rate-limited or lost), and no longer count against the window. */
static void
flight_answered(struct ntpload *load, uint32_t seq)
{
	while (load->inflight > 0 &&
	    (int32_t)(seq - load->flight[load->flight_head].seq) >= 0)
		flight_pop(load);
}

/* Forgets the requests in flight for timeout_ms at t; returns how long until
 * the oldest left will be (0 if none). */
static int
flight_expire(struct ntpload *load, int64_t t, int timeout_ms)
{
	while (load->inflight > 0 &&
	    t - load->flight[load->flight_head].t >= timeout_ms)
		flight_pop(load);
	if (load->inflight == 0)
		return 0;
	return (int)(load->flight[load->flight_head].t + timeout_ms - t);
}

/* Tells whether another request may go at t: the window has room once the
 * requests unanswered for the reply timeout are taken as lost; if not, sets
 * *wait_ms to when the oldest will be. */
static bool
flight_room(struct ntpload *load, int64_t t, int *wait_ms)
{
	int wait = flight_expire(load, t, load->reply_timeout_ms);

	if (load->inflight < load->window)
		return true;
	*wait_ms = wait;
	return false;
}

/* Returns the client number of IPv4 address a (the inverse of
 * ntpload_client_address), or UINT32_MAX if it is none. */
static uint32_t
client_number(struct in_addr a)
{
	uint32_t h = ntohl(a.s_addr), b1 = h >> 16 & 0xff, c = h & 0xff;

	if (h >> 24 != 127 || b1 == 0 || c == 0 || c == 255)
		return UINT32_MAX;
	return ((b1 - 1) * 256 + (h >> 8 & 0xff)) * 254 + c - 1;
}

/* Returns the client a reply on fd was sent to (IPv4: its destination
 * address, from IP_PKTINFO; IPv6: the ::1 client). */
static uint32_t
reply_client(const struct ntpload *load, int fd, struct msghdr *msg)
{
	struct cmsghdr *cmsg;
	struct in_pktinfo info;

	if (fd == load->fd6)
		return load->clients;
	for (cmsg = CMSG_FIRSTHDR(msg); cmsg != NULL;
	    cmsg = CMSG_NXTHDR(msg, cmsg))
		if (cmsg->cmsg_level == IPPROTO_IP &&
		    cmsg->cmsg_type == IP_PKTINFO) {
			memcpy(&info, CMSG_DATA(cmsg), sizeof info);
			return client_number(info.ipi_addr);
		}
	return UINT32_MAX;
}

/* Reads and counts the replies waiting on fd, at most RECV_BATCH; a server
 * reply (mode 4) marks its client answered and frees the window up to its
 * request. */
static enum ntpload_error
drain(struct ntpload *load, int fd)
{
	unsigned char buf[512];
	union {
		char bytes[CMSG_SPACE(sizeof(struct in_pktinfo))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { buf, sizeof buf };
	struct msghdr msg;
	ssize_t len;
	int n;

	if (fd < 0)
		return NTPLOAD_OK;
	for (n = 0; n < RECV_BATCH; n++) {
		memset(&msg, 0, sizeof msg);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = control.bytes;
		msg.msg_controllen = sizeof control.bytes;
		if ((len = recvmsg(fd, &msg, 0)) < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR || errno == ECONNREFUSED)
				return NTPLOAD_OK;
			return NTPLOAD_ERR_RECV;
		}
		load->stats.replies++;
		if (len < NTP_PACKET_LEN || (buf[0] & 7) != 4)
			continue;
		mark_answered(load, reply_client(load, fd, &msg));
		flight_answered(load, (uint32_t)buf[28] << 24 |
		    (uint32_t)buf[29] << 16 | (uint32_t)buf[30] << 8 | buf[31]);
	}
	return NTPLOAD_OK;
}

/* FILL, once the first pass is sent: ends when every client has had an
 * answer and the last requests were read (or NTPLOAD_FILL_TAIL_MS passed);
 * else, once late replies had time to come, resends one request to each
 * client still without one, at most NTPLOAD_FILL_RETRIES rounds.
 * Returns true with *client when one is due; else sets *wait_ms or
 * finished. */
static bool
fill_retry_due(struct ntpload *load, int64_t t, uint32_t *client,
    int *wait_ms)
{
	int64_t settle;

	for (;;) {
		for (; load->retry_next < load->total; load->retry_next++)
			if (!is_answered(load, load->retry_next)) {
				*client = load->retry_next;
				return true;
			}
		if (load->unanswered == 0) {
			*wait_ms = flight_expire(load, t, NTPLOAD_FILL_TAIL_MS);
			load->finished = load->inflight == 0;
			return false;
		}
		settle = FILL_SETTLE_MS << (load->round < 4 ? load->round : 4);
		if (settle > FILL_SETTLE_MAX_MS)
			settle = FILL_SETTLE_MAX_MS;
		if (t < load->last_send + settle) {
			*wait_ms = (int)(load->last_send + settle - t);
			return false;
		}
		if (load->round == NTPLOAD_FILL_RETRIES) {
			load->finished = true;
			return false;
		}
		load->round++;
		load->retry_next = 0;
	}
}

/* Finds the next client due at schedule time t; sets *wait_ms (and
 * finished) when none is. */
static bool
next_due(struct ntpload *load, int64_t t, uint32_t *client, int *wait_ms)
{
	if (load->stats.sent >= load->budget) {
		load->finished = true;
		return false;
	}
	if (load->mode == NTPLOAD_FILL) {
		if (load->fill_next >= (uint64_t)load->total * load->packets)
			return fill_retry_due(load, t, client, wait_ms);
		*client = load->fill_next % load->total;
		return true;
	}
	if (load->duration_ms > 0 &&
	    load->heap[0].due >= (int64_t)load->duration_ms) {
		load->finished = true;
		return false;
	}
	if (load->heap[0].due > t) {
		*wait_ms = load->heap[0].due - t > INT_MAX ?
		    INT_MAX : (int)(load->heap[0].due - t);
		return false;
	}
	*client = load->heap[0].client;
	return true;
}

/* Moves past the request just sent. */
static void
advance(struct ntpload *load)
{
	if (load->mode == NTPLOAD_FILL &&
	    load->fill_next < (uint64_t)load->total * load->packets) {
		load->fill_next++;
		return;
	}
	if (load->mode == NTPLOAD_FILL) {
		load->retry_next++;
		load->stats.resent++;
		return;
	}
	load->heap[0].due = live_next(load->heap[0].client, load->heap[0].due);
	heap_sift_down(load->heap, load->total, 0);
}

/* Reads replies and sends what is due at now_ms; sets *wait_ms. */
enum ntpload_error
ntpload_step(struct ntpload *load, uint64_t now_ms, int *wait_ms)
{
	enum ntpload_error e;
	uint32_t sent, client;
	int64_t t;

	*wait_ms = -1;
	if (load->finished)
		return NTPLOAD_OK;
	if (!load->started) {
		load->started = true;
		load->start_ms = now_ms;
	}
	t = (int64_t)(now_ms - load->start_ms);
	if ((e = drain(load, load->fd4)) != NTPLOAD_OK ||
	    (e = drain(load, load->fd6)) != NTPLOAD_OK)
		return e;
	for (sent = 0; next_due(load, t, &client, wait_ms); sent++) {
		if (sent == load->step_cap) {
			*wait_ms = 0;
			return NTPLOAD_OK;
		}
		if (!flight_room(load, t, wait_ms))
			return NTPLOAD_OK;
		if (send_request(load, client, load->seq) < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != ENOBUFS && errno != EINTR)
				return NTPLOAD_ERR_SEND;
			load->stats.deferred++;
			*wait_ms = 1;
			return NTPLOAD_OK;
		}
		load->stats.sent++;
		flight_push(load, t, load->seq++);
		load->last_send = t;
		advance(load);
	}
	if (load->finished)
		*wait_ms = -1;
	return NTPLOAD_OK;
}

/* Tells whether the run is over. */
bool
ntpload_finished(const struct ntpload *load)
{
	return load->finished;
}

/* Stores up to 2 descriptors to poll for POLLIN in fds; returns how many. */
int
ntpload_fds(const struct ntpload *load, int fds[2])
{
	int n = 0;

	if (load->fd4 >= 0)
		fds[n++] = load->fd4;
	if (load->fd6 >= 0)
		fds[n++] = load->fd6;
	return n;
}

/* Returns the counters so far. */
struct ntpload_stats
ntpload_stats(const struct ntpload *load)
{
	struct ntpload_stats s = load->stats;

	s.unanswered = load->mode == NTPLOAD_FILL ? load->unanswered : 0;
	return s;
}

/* Stores IPv4 client i's address in *out; false if i is out of range. */
bool
ntpload_client_address(uint32_t i, struct in_addr *out)
{
	uint32_t c = i % 254 + 1, rest = i / 254;

	if (i >= NTPLOAD_MAX_CLIENTS)
		return false;
	out->s_addr = htonl(127u << 24 | (1 + rest / 256) << 16 |
	    (rest % 256) << 8 | c);
	return true;
}

/* Returns client i's role in the live profile. */
enum ntpload_role
ntpload_client_role(uint32_t i)
{
	uint32_t r = i % 50;

	if (r == 0)
		return NTPLOAD_ROLE_FLOOD;
	if (r < 5)
		return NTPLOAD_ROLE_ROTATING;
	if (r < 10)
		return NTPLOAD_ROLE_QUIET;
	if (r < 13)
		return NTPLOAD_ROLE_LATE;
	if (r < 16)
		return NTPLOAD_ROLE_LEAVING;
	if (r < 18)
		return NTPLOAD_ROLE_LIMITED;
	return NTPLOAD_ROLE_STEADY;
}

/* Returns the lower-case name of a role. */
const char *
ntpload_role_name(enum ntpload_role role)
{
	switch (role) {
	case NTPLOAD_ROLE_STEADY:
		return "steady";
	case NTPLOAD_ROLE_QUIET:
		return "quiet";
	case NTPLOAD_ROLE_ROTATING:
		return "rotating";
	case NTPLOAD_ROLE_FLOOD:
		return "flood";
	case NTPLOAD_ROLE_LATE:
		return "late";
	case NTPLOAD_ROLE_LEAVING:
		return "leaving";
	case NTPLOAD_ROLE_LIMITED:
		return "limited";
	}
	return "unknown";
}

/* Returns a one-line message for a result. */
const char *
ntpload_strerror(enum ntpload_error error)
{
	switch (error) {
	case NTPLOAD_OK:
		return "success";
	case NTPLOAD_ERR_ARGUMENT:
		return "invalid load settings (port, client count, packets or mode)";
	case NTPLOAD_ERR_ADDRESS:
		return "server is not a numeric IPv4 address";
	case NTPLOAD_ERR_NOT_LOOPBACK:
		return "server is not a loopback address (127.0.0.0/8); refusing to send";
	case NTPLOAD_ERR_NOMEM:
		return "out of memory";
	case NTPLOAD_ERR_SOCKET:
		return "cannot open a UDP socket";
	case NTPLOAD_ERR_SEND:
		return "cannot send an NTP request";
	case NTPLOAD_ERR_RECV:
		return "cannot read a reply";
	}
	return "unknown error";
}
