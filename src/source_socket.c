/* source_socket.c — chronyd's client table through its command socket, pipelined. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "candm.h"
#include "candm_report.h"
#include "source_socket.h"

#define MAX_WINDOW 8
#define CHUNKS_PER_LANE 4        /* the table is cut in window * this ranges, taken in turn */
#define CHUNK_MIN 64             /* slots in a range at least */
#define RETRY_FIRST 0.25         /* seconds before a request is sent again; doubles */
#define RETRY_MAX 2.0
#define MAX_RESTARTS 8           /* walks started again in one poll (table resized, chronyd restarted) */
#define RECV_CALLS 128           /* receive calls in one handle() */
#define RECV_MSGS 16             /* replies one receive call takes at most */
#define REPORT_LANE MAX_WINDOW   /* the lane that asks for the server's reports, one after another */
#define MAX_ARGS 5
#define PID_LIMIT 4194304        /* Linux's largest pid (PID_MAX_LIMIT) */
#define SENT_KEPT 4              /* earlier sequence numbers of a request whose late answer is still taken */
#define REPORT_SENDINGS 3        /* a report unanswered after this many sendings (1.75 s) is left out once
                                    the clients are read; fewer when half of --timeout is shorter */

/* The server's reports, asked for in this order by the report lane. */
enum step { STEP_TRACKING, STEP_SERVERSTATS, STEP_ACTIVITY, STEP_N_SOURCES, STEP_SOURCE, STEP_STATS, STEP_NTPDATA,
	    STEP_DONE };

/* Each step's command, and the report it fills (SRV_REPORT_COUNT: none). */
static const struct {
	enum candm_cmd cmd;
	enum srv_report report;
} steps[STEP_DONE] = {
	[STEP_TRACKING] = { CANDM_TRACKING, SRV_TRACKING },
	[STEP_SERVERSTATS] = { CANDM_SERVERSTATS, SRV_SERVERSTATS },
	[STEP_ACTIVITY] = { CANDM_ACTIVITY, SRV_ACTIVITY },
	[STEP_N_SOURCES] = { CANDM_N_SOURCES, SRV_REPORT_COUNT },
	[STEP_SOURCE] = { CANDM_SOURCE_DATA, SRV_SOURCES },
	[STEP_STATS] = { CANDM_SOURCESTATS, SRV_SOURCESTATS },
	[STEP_NTPDATA] = { CANDM_NTPDATA, SRV_NTPDATA },
};

/* One request in flight: a clients lane asks for the slots from first on
 * (its range ends at end); the report lane for cmd with its arguments. */
struct lane {
	bool busy;           /* a request is out (or waits to be sent) */
	bool queued;         /* its request waits to be sent (flush_lanes) */
	enum candm_cmd cmd;
	uint32_t arg[MAX_ARGS];
	size_t nargs;
	uint32_t first, end;
	uint32_t seq;
	uint32_t sent[SENT_KEPT];   /* the sequence numbers of its earlier sendings, the last SENT_KEPT */
	uint16_t attempt;
	double retry_at;
	double wait;         /* seconds before the next resend */
};

struct socket_source {
	struct source base;
	struct socket_cfg cfg;
	char server[SOURCE_PATH_MAX];   /* chronyd's socket */
	char local[SOURCE_PATH_MAX];    /* ours, bound beside it; empty while not bound */
	int fd;
	bool running, finished;
	double deadline;
	uint32_t seq;
	/* the walk */
	bool sized;                     /* n_indices known */
	uint32_t n_indices, next_range, range;
	unsigned restarts;
	struct lane lane[MAX_WINDOW + 1]; /* the clients' window, then REPORT_LANE */
	/* the server's reports */
	enum step step;
	uint32_t n_sources, source;     /* sources chronyd has; the one asked for */
	struct server_data sd;
	struct buf recs;                /* records kept, CANDM_CLIENT_LEN bytes each */
	uint32_t *set;                  /* open addressing: record number + 1, 0 empty */
	size_t set_size, kept;
	/* what the poll came to */
	bool answered;                  /* chronyd answered in its protocol (even a refusal) */
	size_t ignored;                 /* replies to no request in flight (late ones) */
	enum source_err err;
	char message[sizeof ((struct source_result *)0)->message];
};

/* End the poll with err and a message for people. */
static void __attribute__((format(printf, 3, 4)))
fail(struct socket_source *c, enum source_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->message, sizeof c->message, fmt, ap);
	va_end(ap);
	c->err = err;
	c->running = false;
	c->finished = true;
}

/* End the poll as the errno of a failed socket call on chronyd's socket says. */
static void
fail_errno(struct socket_source *c, const char *what, int e)
{
	if (e == ENOENT || e == ENOTDIR)
		fail(c, SOURCE_ERR_NO_SOCKET, "no chronyd socket at %s: is chronyd running, and is that its socket (-S)?",
		     c->server);
	else if (e == ECONNREFUSED || e == ENOTCONN)
		fail(c, SOURCE_ERR_NO_DAEMON, "nothing answers on %s: is chronyd running?", c->server);
	else if (e == EACCES || e == EPERM || e == EROFS)
		fail(c, SOURCE_ERR_NOT_AUTHORISED,
		     "may not %s beside %s (%s): run as root or the chrony user, or use --via chronyc --sudo", what,
		     c->server, strerror(e));
	else
		fail(c, SOURCE_ERR_SYSTEM, "cannot %s beside %s: %s", what, c->server, strerror(e));
}

/* Close the socket and remove its file. */
static void
close_socket(struct socket_source *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->local[0]) {
		source_path_remove(c->local);
		unlink(c->local);
		c->local[0] = '\0';
	}
}

/* Bind fd to path, creating the file world-writable through the umask (so
 * chronyd, another user, may answer; no chmod that a swapped file could
 * redirect).  bind never reuses a name: an existing file is removed and
 * bound again only when it is a socket of ours (a killed run's). */
static int
bind_fresh(int fd, const struct sockaddr_un *sa)
{
	struct stat st;

	for (int tries = 0; tries < 2; tries++) {
		mode_t old = umask(0);
		int rc = bind(fd, (const struct sockaddr *)sa, sizeof *sa);
		umask(old);
		if (rc == 0 || errno != EADDRINUSE)
			return rc;
		if (lstat(sa->sun_path, &st) < 0 || !S_ISSOCK(st.st_mode) || st.st_uid != geteuid()) {
			errno = EEXIST;
			return -1;
		}
		unlink(sa->sun_path);
	}
	return -1;
}

static bool connect_server(struct socket_source *c);

/* Return whether name is a reply socket's name, ticctop.PID.sock or
 * ticctop.PID.N.sock; its PID into *pid. */
static bool
reply_name(const char *name, long *pid)
{
	static const char prefix[] = "ticctop.";
	const char *p = name + sizeof prefix - 1;
	int parts = 0;

	if (strncmp(name, prefix, sizeof prefix - 1) != 0)
		return false;
	*pid = 0;
	for (; parts < 2 && *p >= '0' && *p <= '9'; parts++) {
		const char *start = p;
		for (; *p >= '0' && *p <= '9' && p - start < 10; p++)
			if (parts == 0)
				*pid = *pid * 10 + (*p - '0');
		if (strcmp(p, ".sock") == 0)
			return *pid > 0 && *pid <= PID_LIMIT;
		if (*p++ != '.')
			return false;
	}
	return false;
}

/* Return whether a datagram socket at path has nobody bound to it (connect refused). */
static bool
nobody_answers(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, rc;

	if (strlen(path) >= sizeof sa.sun_path || (fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return false;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	rc = connect(fd, (const struct sockaddr *)&sa, sizeof sa);
	rc = rc < 0 && errno == ECONNREFUSED;
	close(fd);
	return rc;
}

/* Remove the reply sockets that killed runs of this user's left in dir
 * (dlen bytes of path): a file of a reply socket's name that is a socket
 * (not a link) of this user's, whose PID is no process here and on which
 * nobody answers (a live ticctop in another PID namespace does).  Anything
 * else is left alone. */
static void
sweep_stale(const char *path, int dlen)
{
	char dir[SOURCE_PATH_MAX], file[SOURCE_PATH_MAX + 256];
	struct dirent *e;
	struct stat st;
	long pid;

	snprintf(dir, sizeof dir, "%.*s", dlen, dlen ? path : "/");
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((e = readdir(d))) {
		if (!reply_name(e->d_name, &pid) || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(file, sizeof file, "%s/%s", dir, e->d_name);
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISSOCK(st.st_mode) &&
		    st.st_uid == geteuid() && nobody_answers(file))
			unlinkat(dfd, e->d_name, 0);
	}
	closedir(d);
}

/* Connect a fresh socket to chronyd's and bind our reply socket beside it; false (poll failed) if not. */
static bool
open_socket(struct socket_source *c)
{
	struct sockaddr_un loc = { .sun_family = AF_UNIX };
	static unsigned sockets; /* made by this process: a fleet's sockets in one directory differ */
	const char *slash = strrchr(c->server, '/');
	int dir = slash ? (int)(slash - c->server) : 1, n;
	unsigned id = sockets++;

	if (id == 0)
		n = snprintf(loc.sun_path, sizeof loc.sun_path, "%.*s/ticctop.%ld.sock", dir, slash ? c->server : ".",
		             (long)getpid());
	else
		n = snprintf(loc.sun_path, sizeof loc.sun_path, "%.*s/ticctop.%ld.%u.sock", dir, slash ? c->server : ".",
		             (long)getpid(), id);

	if (n < 0 || (size_t)n >= sizeof loc.sun_path || strlen(c->server) >= sizeof loc.sun_path) {
		fail(c, SOURCE_ERR_SYSTEM, "the socket path %s is too long (a Unix socket's path has at most %zu bytes)",
		     c->server, sizeof loc.sun_path - 20);
		return false;
	}
	c->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		fail(c, SOURCE_ERR_SYSTEM, "cannot make a socket: %s", strerror(errno));
		return false;
	}
	if (!connect_server(c)) {
		close_socket(c);
		return false;
	}
	sweep_stale(slash ? c->server : ".", slash ? dir : 1);
	if (!source_path_add(loc.sun_path)) {
		fail(c, SOURCE_ERR_SYSTEM, "too many sockets open");
		close_socket(c);
		return false;
	}
	if (bind_fresh(c->fd, &loc) < 0) {
		int e = errno;
		source_path_remove(loc.sun_path);
		close_socket(c);
		if (e == EEXIST)
			fail(c, SOURCE_ERR_SYSTEM, "%s exists and is not a socket of this user's: not touched", loc.sun_path);
		else
			fail_errno(c, "create a reply socket", e);
		return false;
	}
	memcpy(c->local, loc.sun_path, sizeof c->local);
	return true;
}

static bool reconnect(struct socket_source *c, int e, double now);
static bool start_reports(struct socket_source *c, double now);

/* Lane i of the poll: the clients' window, then the report lane (i == window). */
static struct lane *
lane_at(struct socket_source *c, unsigned i)
{
	return &c->lane[i < c->cfg.window ? i : REPORT_LANE];
}

/* Send every lane's queued request, as many as the kernel's queue takes in
 * one call (the rest when the socket is writable); false when the poll has
 * ended (failed, or finished by the reply just taken). */
static bool
flush_lanes(struct socket_source *c, double now)
{
	uint8_t pkt[MAX_WINDOW + 1][CANDM_MAX_PACKET];
	struct iovec iov[MAX_WINDOW + 1];
	struct mmsghdr msg[MAX_WINDOW + 1];
	struct lane *sender[MAX_WINDOW + 1];

	while (c->running) {
		unsigned n = 0;
		for (unsigned i = 0; i <= c->cfg.window; i++) {
			struct lane *l = lane_at(c, i);
			if (!l->busy || !l->queued)
				continue;
			iov[n] = (struct iovec){ pkt[n], candm_request(pkt[n], sizeof pkt[n], l->cmd, l->seq, l->attempt,
			                                               l->arg, l->nargs) };
			msg[n] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[n], .msg_iovlen = 1 } };
			sender[n++] = l;
		}
		if (n == 0)
			return true;
		int sent = sendmmsg(c->fd, msg, n, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (sent < 0 && errno == EINTR)
			continue;
		if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS))
			return true; /* the kernel's queue is full: when writable */
		if (sent < 0 && !reconnect(c, errno, now))
			return false;
		for (int k = 0; k < sent; k++)
			sender[k]->queued = false;
	}
	return false;
}

/* Make lane l a new request of cmd with arguments arg[0..n), queued to be sent. */
static void
prime(struct socket_source *c, struct lane *l, enum candm_cmd cmd, const uint32_t *arg, size_t n, double now)
{
	*l = (struct lane){ .busy = true, .queued = true, .cmd = cmd, .nargs = n, .seq = ++c->seq, .wait = RETRY_FIRST };
	memcpy(l->arg, arg, n * sizeof *arg);
	l->retry_at = now + l->wait;
}

/* Put lane l to work on slots first..end (its request queued). */
static void
start_lane(struct socket_source *c, struct lane *l, uint32_t first, uint32_t end, double now)
{
	uint32_t arg[2] = { first, CANDM_PAGE_CLIENTS };

	prime(c, l, CANDM_CLIENTS, arg, 2, now);
	l->first = first;
	l->end = end;
}

/* Begin the walk again from slot 0, forgetting what it kept; false when the poll failed. */
static bool
restart_walk(struct socket_source *c, double now)
{
	memset(c->lane, 0, MAX_WINDOW * sizeof c->lane[0]);
	buf_reset(&c->recs);
	if (c->set)
		memset(c->set, 0, c->set_size * sizeof *c->set);
	c->kept = 0;
	c->sized = false;
	if (c->restarts++ > MAX_RESTARTS) {
		fail(c, SOURCE_ERR_PARSE, "chronyd's client table kept changing during %u walks of it", MAX_RESTARTS);
		return false;
	}
	start_lane(c, &c->lane[0], 0, UINT32_MAX, now);
	return true;
}

/* Connect the socket to chronyd's (again: a restarted chronyd has a new
 * socket of the same name); false (poll failed) if not. */
static bool
connect_server(struct socket_source *c)
{
	struct sockaddr_un srv = { .sun_family = AF_UNIX };

	memcpy(srv.sun_path, c->server, strlen(c->server) + 1);
	if (connect(c->fd, (const struct sockaddr *)&srv, sizeof srv) == 0)
		return true;
	fail_errno(c, "connect to chronyd's socket", errno);
	return false;
}

/* A send or receive failed with e: chronyd went away (restarted?), so
 * connect again and walk again; false when the poll failed. */
static bool
reconnect(struct socket_source *c, int e, double now)
{
	if (e != ECONNREFUSED && e != ENOTCONN && e != ECONNRESET && e != EPIPE) {
		fail_errno(c, "talk to chronyd's socket", e);
		return false;
	}
	return connect_server(c) && restart_walk(c, now) && start_reports(c, now);
}

/* Hash of a client's identity. */
static size_t
key_hash(const uint8_t *key)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < CANDM_KEY_LEN; i++)
		h = (h ^ key[i]) * 16777619u;
	return h;
}

/* Make the set big enough for one more record; false when out of memory. */
static bool
set_grow(struct socket_source *c)
{
	if ((c->kept + 1) * 2 <= c->set_size)
		return true;
	size_t size = c->set_size ? c->set_size * 2 : 1024;
	uint32_t *set = calloc(size, sizeof *set);
	uint8_t key[CANDM_KEY_LEN];

	if (!set)
		return false;
	for (size_t i = 0; i < c->kept; i++) {
		candm_client_key((const uint8_t *)c->recs.data + i * CANDM_CLIENT_LEN, key);
		size_t h = key_hash(key) & (size - 1);
		while (set[h])
			h = (h + 1) & (size - 1);
		set[h] = (uint32_t)i + 1;
	}
	free(c->set);
	c->set = set;
	c->set_size = size;
	return true;
}

/* Keep record rec unless a record of that address is kept; false (poll failed) when it cannot be. */
static bool
keep_record(struct socket_source *c, const uint8_t *rec)
{
	uint8_t key[CANDM_KEY_LEN], other[CANDM_KEY_LEN];

	if (!set_grow(c)) {
		fail(c, SOURCE_ERR_SYSTEM, "out of memory");
		return false;
	}
	candm_client_key(rec, key);
	size_t h = key_hash(key) & (c->set_size - 1);
	for (; c->set[h]; h = (h + 1) & (c->set_size - 1)) {
		candm_client_key((const uint8_t *)c->recs.data + (c->set[h] - 1) * (size_t)CANDM_CLIENT_LEN, other);
		if (memcmp(key, other, sizeof key) == 0)
			return true; /* two ranges overlapped here */
	}
	if (!buf_append(&c->recs, rec, CANDM_CLIENT_LEN)) {
		fail(c, SOURCE_ERR_TOO_BIG, "chronyd's client table is over %zu MiB (--max-size)", c->cfg.max_size >> 20);
		return false;
	}
	c->set[h] = (uint32_t)c->kept++ + 1;
	return true;
}

/* Give idle lanes the next ranges; finish the poll when all is walked.  False when the poll failed. */
static bool
dispatch(struct socket_source *c, double now)
{
	bool busy = false;

	for (unsigned i = 0; i < c->cfg.window; i++) {
		struct lane *l = &c->lane[i];
		if (!l->busy && c->sized && c->next_range < c->n_indices) {
			uint32_t end = c->n_indices - c->next_range > c->range ? c->next_range + c->range : c->n_indices;
			start_lane(c, l, c->next_range, end, now);
			c->next_range = end;
		}
		busy |= l->busy;
	}
	if (!busy && !c->lane[REPORT_LANE].busy) {
		c->running = false;
		c->finished = true;
	}
	return true;
}

/* The words for a reply that failed a check. */
static void
fail_reply(struct socket_source *c, enum candm_err e, uint16_t status)
{
	if (e == CANDM_ERR_INACTIVE)
		fail(c, SOURCE_ERR_NO_CLIENTLOG,
		     "519 Client logging is not active in the daemon: remove \"noclientlog\" from chrony.conf and restart "
		     "chronyd");
	else if (e == CANDM_ERR_UNAUTH)
		fail(c, SOURCE_ERR_NOT_AUTHORISED, "chronyd on %s says ticctop is not authorised", c->server);
	else if (e == CANDM_ERR_VERSION || e == CANDM_ERR_UNSUPPORTED)
		fail(c, SOURCE_ERR_PROTOCOL, "chronyd on %s does not speak ticctop's protocol (version 6, chrony 4.0 or "
		     "later: %s)", c->server, candm_err_text(e));
	else if (e == CANDM_ERR_STATUS)
		fail(c, SOURCE_ERR_PARSE, "chronyd on %s refused to list the clients (status %u)", c->server, status);
	else
		fail(c, SOURCE_ERR_PARSE, "chronyd's reply on %s is not valid: %s", c->server, candm_err_text(e));
}

/* Fill in the arguments of the ntpdata a front end asks for; false when
 * none is asked for, or it is no address (said in the server data). */
static bool
ntpdata_args(struct socket_source *c, uint32_t arg[MAX_ARGS])
{
	const char *want = c->base.want_ntpdata;

	if (!want[0])
		return false;
	if (!srv_ntpdata_addr_ok(want) || !candm_addr_args(want, arg)) {
		snprintf(c->sd.ntpdata_error, sizeof c->sd.ntpdata_error,
		         "not an IP address: chronyd keeps ntpdata of NTP sources only");
		return false;
	}
	snprintf(c->sd.ntpdata_for, sizeof c->sd.ntpdata_for, "%s", want);
	return true;
}

/* Ask for the next report from the step the walk is at (the report lane
 * rests when all are read); false when the poll failed. */
static bool
report_next(struct socket_source *c, double now)
{
	struct lane *l = &c->lane[REPORT_LANE];
	uint32_t arg[MAX_ARGS];
	size_t n = 0;

	l->busy = false;
	for (;; c->step++) {
		if (c->step == STEP_SOURCE || c->step == STEP_STATS) {
			if (c->source < c->n_sources) {
				arg[n++] = c->source;
				break;
			}
			c->source = 0;
		} else if (c->step == STEP_NTPDATA) {
			if (ntpdata_args(c, arg)) {
				n = MAX_ARGS;
				break;
			}
		} else {
			break;
		}
	}
	if (c->step == STEP_DONE)
		return true;
	prime(c, l, steps[c->step].cmd, arg, n, now);
	return true;
}

/* Begin reading the server's reports from the first; false when the poll failed. */
static bool
start_reports(struct socket_source *c, double now)
{
	server_data_clear(&c->sd);
	c->step = STEP_TRACKING;
	c->source = c->n_sources = 0;
	return report_next(c, now);
}

/* The values a one-record report of the walk's step goes into. */
static struct srv_value *
report_values(struct socket_source *c)
{
	struct srv_value *vals[SRV_REPORT_COUNT] = {
		[SRV_TRACKING] = c->sd.tracking.v, [SRV_SERVERSTATS] = c->sd.serverstats.v,
		[SRV_ACTIVITY] = c->sd.activity.v, [SRV_NTPDATA] = c->sd.ntpdata.v,
	};
	return vals[steps[c->step].report];
}

/* Keep source s (read by the step's request) as chronyc lists it: sources
 * as new records, sourcestats merged by address into the one of its name. */
static void
keep_source(struct socket_source *c, const struct srv_source *s)
{
	struct server_data *sd = &c->sd;
	struct srv_source *to = NULL;

	if (!s->v[SRC_ADDRESS].known)
		return; /* chronyc's line would be skipped */
	if (c->step == STEP_SOURCE) {
		if (sd->nsources == SRV_SOURCES_MAX)
			sd->sources_dropped++;
		else
			sd->sources[sd->nsources++] = *s;
		sd->have[SRV_SOURCES] = true;
		return;
	}
	for (size_t i = 0; i < sd->nsources && !to; i++)
		if (strcmp(sd->sources[i].v[SRC_ADDRESS].text, s->v[SRC_ADDRESS].text) == 0)
			to = &sd->sources[i];
	if (to)
		memcpy(&to->v[SRC_FIRST_STATS], &s->v[SRC_FIRST_STATS], (SRC_COUNT - SRC_FIRST_STATS) * sizeof s->v[0]);
	sd->have[SRV_SOURCESTATS] |= to || sd->sources_dropped;
}

/* Read a checked reply of the walk's step into the server data. */
static enum candm_err
read_report(struct socket_source *c, const uint8_t *p, size_t len)
{
	enum srv_report r = steps[c->step].report;
	struct srv_source s;
	bool hidden;
	enum candm_err e;

	if (c->step == STEP_N_SOURCES) {
		if ((e = candm_n_sources(p, len, &c->n_sources)) != CANDM_OK)
			c->n_sources = 0; /* no source asked for */
		return e;
	}
	if (r == SRV_SOURCES || r == SRV_SOURCESTATS) {
		memset(&s, 0, sizeof s);
		if ((e = candm_report(steps[c->step].cmd, p, len, s.v, &hidden)) == CANDM_OK && !hidden)
			keep_source(c, &s);
		return e;
	}
	if ((e = candm_report(steps[c->step].cmd, p, len, report_values(c), &hidden)) != CANDM_OK) {
		memset(report_values(c), 0, (size_t)srv_field_count(r) * sizeof *report_values(c));
		return e;
	}
	c->sd.have[r] = true;
	return CANDM_OK;
}

/* The name of the step's report in a note ("tracking"). */
static const char *
step_name(const struct socket_source *c)
{
	return c->step == STEP_N_SOURCES ? "sources" : srv_report_command(steps[c->step].report);
}

/* Add a sentence (of at most 255 bytes) to the server data's note, once. */
static void __attribute__((format(printf, 2, 3)))
note_add(struct socket_source *c, const char *fmt, ...)
{
	struct server_data *sd = &c->sd;
	char line[256];
	size_t n = strlen(sd->note);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (!strstr(sd->note, line))
		snprintf(sd->note + n, sizeof sd->note - n, "%s%s", n ? "; " : "", line);
}

/* Say in the server data why the step's report is not there. */
static void
report_failed(struct socket_source *c, enum candm_err e, uint16_t status)
{
	if (c->step == STEP_NTPDATA) {
		snprintf(c->sd.ntpdata_error, sizeof c->sd.ntpdata_error, "%s", candm_err_text(e));
		return;
	}
	if (e == CANDM_ERR_NO_SOURCE)
		return; /* the source went between two requests: chronyc would not list it either */
	if (e == CANDM_ERR_STATUS)
		note_add(c, "%s: chronyd refused it (status %u)", step_name(c), status);
	else
		note_add(c, "%s: %s", step_name(c), candm_err_text(e));
}

/* Go past the step's report (read or not), ask for the next, and end the
 * poll when nothing is left; false when the poll failed. */
static bool
report_advance(struct socket_source *c, double now)
{
	if (c->step == STEP_SOURCE || c->step == STEP_STATS)
		c->source++;
	else
		c->step++;
	return report_next(c, now) && dispatch(c, now);
}

/* Take a reply (to sequence seq) of the report lane l, and ask for the next report; false when the poll failed. */
static bool
take_report(struct socket_source *c, struct lane *l, uint32_t seq, const uint8_t *p, size_t len, double now)
{
	uint16_t status;
	enum candm_err e = candm_check(p, len, l->cmd, seq, &status);

	c->answered |= e == CANDM_OK || status != 0;
	if (e == CANDM_OK)
		e = read_report(c, p, len);
	if (e == CANDM_OK && steps[c->step].report != SRV_REPORT_COUNT)
		c->sd.avail = SRV_AVAIL_LOCAL;
	if (e != CANDM_OK)
		report_failed(c, e, status);
	return report_advance(c, now);
}

/* The sendings a report gets once the clients are read: REPORT_SENDINGS,
 * fewer when their waits (RETRY_FIRST, doubling) would pass half of
 * --timeout, at least one. */
static unsigned
report_sendings(const struct socket_source *c)
{
	double waited = RETRY_FIRST, wait = RETRY_FIRST;
	unsigned n = 1;

	for (; n < REPORT_SENDINGS; n++) {
		wait = wait * 2 > RETRY_MAX ? RETRY_MAX : wait * 2;
		if (waited + wait > c->cfg.timeout / 2)
			break;
		waited += wait;
	}
	return n;
}

/* When the clients are all read and the report lane's request is due to
 * be sent again after its last sending: leave that report out, saying so,
 * and go on (the clients are not held until --timeout); false when the
 * poll failed. */
static bool
report_expire(struct socket_source *c, double now)
{
	struct lane *l = &c->lane[REPORT_LANE];

	if (!l->busy || l->queued || now < l->retry_at || l->attempt + 1u < report_sendings(c))
		return true;
	for (unsigned i = 0; i < c->cfg.window; i++)
		if (c->lane[i].busy)
			return true; /* the walk goes on: the report may still come */
	if (c->step == STEP_NTPDATA)
		snprintf(c->sd.ntpdata_error, sizeof c->sd.ntpdata_error, "chronyd did not answer the ntpdata request");
	else
		note_add(c, "chronyd did not answer the %s request", step_name(c));
	return report_advance(c, now);
}

/* The busy lane whose request was sent under seq, this time or (a late
 * answer, taken as well: the first answer wins) one of the earlier; NULL if none. */
static struct lane *
lane_of(struct socket_source *c, uint32_t seq)
{
	for (unsigned i = 0; i <= c->cfg.window; i++) {
		struct lane *l = lane_at(c, i);
		if (!l->busy)
			continue;
		if (l->seq == seq)
			return l;
		for (unsigned j = 0; j < SENT_KEPT && j < l->attempt; j++)
			if (l->sent[j] == seq)
				return l;
	}
	return NULL;
}

/* Take one reply; false when the poll failed. */
static bool
take_reply(struct socket_source *c, const uint8_t *p, size_t len, double now)
{
	struct candm_page pg;
	struct lane *l = NULL;
	uint32_t seq;
	uint16_t status;
	enum candm_err e;

	if (!candm_sequence(p, len, &seq)) {
		fail_reply(c, CANDM_ERR_SHORT, 0);
		return false;
	}
	if (!(l = lane_of(c, seq))) {
		c->ignored++; /* an answer to a request answered already, or of no request */
		return true;
	}
	if (l == &c->lane[REPORT_LANE])
		return take_report(c, l, seq, p, len, now);
	if ((e = candm_check(p, len, CANDM_CLIENTS, seq, &status)) == CANDM_OK)
		e = candm_clients_page(p, len, l->first, CANDM_PAGE_CLIENTS, &pg);
	c->answered |= e == CANDM_OK || status != 0;
	if (e != CANDM_OK) {
		fail_reply(c, e, status);
		return false;
	}
	if (c->sized && pg.n_indices != c->n_indices)
		return restart_walk(c, now); /* the table was resized: its slots moved */
	if (!c->sized) {
		c->sized = true;
		c->n_indices = pg.n_indices;
		c->next_range = pg.next_index;
		uint32_t rest = pg.n_indices > pg.next_index ? pg.n_indices - pg.next_index : 0;
		c->range = rest / (c->cfg.window * CHUNKS_PER_LANE) + 1;
		if (c->range < CHUNK_MIN)
			c->range = CHUNK_MIN;
		l->end = pg.next_index;
	}
	for (size_t i = 0; i < pg.n; i++)
		if (!keep_record(c, pg.rec + i * CANDM_CLIENT_LEN))
			return false;
	l->busy = false;
	if (pg.n == CANDM_PAGE_CLIENTS && pg.next_index < l->end && pg.next_index < c->n_indices)
		start_lane(c, l, pg.next_index, l->end, now);
	return dispatch(c, now);
}

/* Read the replies waiting, a batch a call, sending what each batch asked
 * for before the next (chronyd answers while we read); false when the poll failed. */
static bool
read_replies(struct socket_source *c, double now)
{
	uint8_t pkt[RECV_MSGS][CANDM_MAX_PACKET];
	struct iovec iov[RECV_MSGS];
	struct mmsghdr msg[RECV_MSGS];

	for (int call = 0; call < RECV_CALLS && c->running; call++) {
		for (int k = 0; k < RECV_MSGS; k++) {
			iov[k] = (struct iovec){ pkt[k], sizeof pkt[k] };
			msg[k] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[k], .msg_iovlen = 1 } };
		}
		int n = recvmmsg(c->fd, msg, RECV_MSGS, MSG_DONTWAIT, NULL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		if (n < 0)
			return reconnect(c, errno, now);
		for (int k = 0; k < n && c->running; k++) {
			if (msg[k].msg_hdr.msg_flags & MSG_TRUNC) {
				fail_reply(c, CANDM_ERR_LENGTH, 0);
				return false;
			}
			if (!take_reply(c, pkt[k], msg[k].msg_len, now))
				return false;
		}
		if (!flush_lanes(c, now))
			return false;
	}
	return true;
}

/* Start a walk of chronyd's client table; false while one is under way. */
static bool
socket_start(struct source *s, double now)
{
	struct socket_source *c = (struct socket_source *)s;

	if (c->running || c->finished)
		return false;
	server_data_clear(&c->sd);
	c->err = SOURCE_OK;
	c->message[0] = '\0';
	c->answered = false;
	c->ignored = 0;
	c->restarts = 0;
	c->running = true;
	c->deadline = now + c->cfg.timeout;
	if (c->fd < 0 ? !open_socket(c) : !connect_server(c))
		return true;
	if (restart_walk(c, now) && start_reports(c, now))
		flush_lanes(c, now);
	return true;
}

/* Watch the socket (writable too while a request waits); act by the next resend or the deadline. */
static size_t
socket_watch(struct source *s, struct pollfd *pfd, size_t max, int *timeout_ms, double now)
{
	struct socket_source *c = (struct socket_source *)s;
	short events = POLLIN;

	if (!c->running || max == 0)
		return 0;
	source_sooner(timeout_ms, source_ms_until(c->deadline, now));
	for (unsigned i = 0; i <= c->cfg.window; i++) {
		if (lane_at(c, i)->queued)
			events |= POLLOUT;
		else if (lane_at(c, i)->busy)
			source_sooner(timeout_ms, source_ms_until(lane_at(c, i)->retry_at, now));
	}
	pfd[0] = (struct pollfd){ .fd = c->fd, .events = events };
	return 1;
}

/* Read replies, resend what got no answer, send what is queued, keep the deadline. */
static void
socket_handle(struct source *s, const struct pollfd *pfd, size_t n, double now)
{
	struct socket_source *c = (struct socket_source *)s;

	if (!c->running)
		return;
	if (n > 0 && (pfd[0].revents & (POLLIN | POLLERR | POLLHUP)) && !read_replies(c, now))
		return;
	if (c->running && !report_expire(c, now))
		return;
	for (unsigned i = 0; i <= c->cfg.window && c->running; i++) {
		struct lane *l = lane_at(c, i);
		if (l->busy && !l->queued && now >= l->retry_at) {
			/* lost, or late: ask again under a new number, still taking the old one's answer */
			l->sent[l->attempt % SENT_KEPT] = l->seq;
			l->seq = ++c->seq;
			l->attempt++;
			l->wait = l->wait * 2 > RETRY_MAX ? RETRY_MAX : l->wait * 2;
			l->retry_at = now + l->wait;
			l->queued = true;
		}
	}
	if (!flush_lanes(c, now))
		return;
	if (c->running && now >= c->deadline)
		fail(c, SOURCE_ERR_TIMEOUT, "chronyd %s on %s within %g s (--timeout)",
		     c->answered ? "stopped answering" : "gave no answer", c->server, c->cfg.timeout);
}

/* Return whether a finished walk waits to be delivered. */
static bool
socket_ready(const struct source *s)
{
	return ((const struct socket_source *)s)->finished;
}

/* Hand the walk's clients to sink, or say why there are none. */
static void
socket_deliver(struct source *s, row_sink sink, void *ctx, struct source_result *res)
{
	struct socket_source *c = (struct socket_source *)s;
	char addr[CANDM_ADDR_MAX];
	struct row r;

	memset(res, 0, sizeof *res);
	c->finished = false;
	res->serverdata = c->sd;
	if (c->sd.sources_dropped)
		snprintf(res->serverdata.note, sizeof res->serverdata.note, "%zu sources more than the %d kept",
		         c->sd.sources_dropped, SRV_SOURCES_MAX);
	res->err = c->err;
	if (c->err != SOURCE_OK) {
		snprintf(res->message, sizeof res->message, "%s", c->message);
		return;
	}
	for (size_t i = 0; i < c->kept; i++) {
		candm_client_row((const uint8_t *)c->recs.data + i * CANDM_CLIENT_LEN, addr, &r);
		if (!sink(ctx, &r)) {
			res->err = SOURCE_ERR_SYSTEM;
			res->perr = PARSE_ERR_NOMEM;
			snprintf(res->message, sizeof res->message, "out of memory");
			return;
		}
		res->rep.rows++;
	}
}

/* End a walk in flight (its late replies will answer no request). */
static void
socket_stop(struct source *s)
{
	struct socket_source *c = (struct socket_source *)s;

	c->running = c->finished = false;
	memset(c->lane, 0, sizeof c->lane);
}

/* Free the source: the reply socket's file goes. */
static void
socket_free(struct source *s)
{
	struct socket_source *c = (struct socket_source *)s;

	close_socket(c);
	buf_free(&c->recs);
	free(c->set);
	free(c);
}

static const struct source_ops socket_ops = {
	socket_start, socket_watch, socket_handle, socket_ready, socket_deliver, socket_stop, socket_free,
};

/* Make a socket source. */
struct source *
source_socket_new(const struct socket_cfg *cfg)
{
	struct socket_source *c = calloc(1, sizeof *c);
	struct timespec ts;

	if (!c)
		return NULL;
	c->base.ops = &socket_ops;
	c->base.kind = "socket";
	c->cfg = *cfg;
	if (!c->cfg.window || c->cfg.window > MAX_WINDOW)
		c->cfg.window = SOCKET_WINDOW;
	snprintf(c->server, sizeof c->server, "%s", cfg->socket ? cfg->socket : SOCKET_DEFAULT_PATH);
	snprintf(c->base.target, sizeof c->base.target, "%s", cfg->label ? cfg->label : c->server);
	c->fd = -1;
	c->recs.cap = cfg->max_size;
	clock_gettime(CLOCK_REALTIME, &ts);
	c->seq = (uint32_t)ts.tv_nsec ^ (uint32_t)getpid() << 16; /* another run's late replies match nothing */
	return &c->base;
}

/* ---- auto: the socket when it can be used, else chronyc ------------------ */

/* Where auto stands. */
enum auto_state {
	AUTO_TRYING,         /* the socket's first poll is under way */
	AUTO_RETRYING,       /* chronyc reads; the socket is tried again each poll (no chronyd there yet) */
	AUTO_SOCKET,         /* the socket, for good */
	AUTO_CHRONYC,        /* chronyc, for good (the socket cannot be used: permission, protocol) */
};

struct auto_source {
	struct source base;
	struct source *sock, *chronyc, *cur;
	enum auto_state state;
	bool switched;       /* the socket took over from chronyc in the poll just delivered: said in the target */
	size_t nsock;        /* the socket's descriptors at the head of the last watch (AUTO_RETRYING) */
};

/* Return whether the socket's failure err may pass by itself: no socket
 * yet, nobody bound to it, no answer (chronyd starting, or stopped). */
static bool
auto_may_pass(enum source_err err)
{
	return err == SOURCE_ERR_NO_SOCKET || err == SOURCE_ERR_NO_DAEMON || err == SOURCE_ERR_TIMEOUT;
}

/* Set the target: the way's own, then words in brackets (a why, kept whole), or none. */
static void __attribute__((format(printf, 3, 4)))
auto_target(struct auto_source *a, const struct source *way, const char *fmt, ...)
{
	char why[sizeof a->base.target];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	size_t n = strlen(way->target), w = strlen(why);
	n = n + w < sizeof a->base.target ? n : sizeof a->base.target - 1 - w;
	memcpy(a->base.target, way->target, n);
	memcpy(a->base.target + n, why, w + 1);
	a->base.kind = way->kind;
}

/* Start a poll of the current way, passing on the ntpdata asked of auto. */
static bool
auto_begin(struct auto_source *a, double now)
{
	memcpy(a->cur->want_ntpdata, a->base.want_ntpdata, sizeof a->base.want_ntpdata);
	return a->cur->ops->start(a->cur, now);
}

/* Start a poll; while retrying, try the socket again beside chronyc
 * (unless its last try still runs).  A switch to the socket was said in
 * the poll it delivered: not again. */
static bool
auto_start(struct source *s, double now)
{
	struct auto_source *a = (struct auto_source *)s;

	if (a->state == AUTO_RETRYING) {
		memcpy(a->sock->want_ntpdata, a->base.want_ntpdata, sizeof a->base.want_ntpdata);
		a->sock->ops->start(a->sock, now);
	}
	bool started = auto_begin(a, now);
	if (started && a->switched) {
		a->switched = false;
		auto_target(a, a->sock, "%s", "");
	}
	return started;
}

/* Once a poll of the socket has ended (its first, or a try while
 * retrying): keep it for good if chronyd answered in its protocol (taking
 * over from chronyc at once, its poll delivered instead); hand over to
 * chronyc for good when it cannot be used; try it again at the next poll
 * when its failure may pass.  Says which and why in the target. */
static void
auto_settle(struct auto_source *a, double now)
{
	struct socket_source *c = (struct socket_source *)a->sock;

	if ((a->state != AUTO_TRYING && a->state != AUTO_RETRYING) || !c->finished)
		return;
	if (c->answered) {
		if (a->state == AUTO_RETRYING) {
			a->chronyc->ops->stop(a->chronyc);
			a->switched = true;
			auto_target(a, a->sock, " (the socket answers now: read instead of chronyc)");
		}
		a->state = AUTO_SOCKET;
		a->cur = a->sock;
		return;
	}
	bool first = a->state == AUTO_TRYING;
	if (auto_may_pass(c->err)) {
		a->state = AUTO_RETRYING;
		auto_target(a, a->chronyc, " (not the socket yet: %.400s; tried again each poll)", c->message);
		a->sock->ops->stop(a->sock); /* its failed poll is not delivered */
	} else {
		a->state = AUTO_CHRONYC;
		auto_target(a, a->chronyc, " (not the socket: %.400s)", c->message);
		a->sock->ops->free(a->sock);
		a->sock = NULL;
	}
	if (first) {
		a->cur = a->chronyc;
		auto_begin(a, now); /* this poll, through chronyc */
	}
}

/* Settle first (a socket that could not even be bound), then watch the
 * current way (and, while retrying, the socket's try first). */
static size_t
auto_watch(struct source *s, struct pollfd *pfd, size_t max, int *timeout_ms, double now)
{
	struct auto_source *a = (struct auto_source *)s;

	auto_settle(a, now);
	a->nsock = a->state == AUTO_RETRYING ? a->sock->ops->watch(a->sock, pfd, max, timeout_ms, now) : 0;
	return a->nsock + a->cur->ops->watch(a->cur, pfd + a->nsock, max - a->nsock, timeout_ms, now);
}

/* Let the ways handle their descriptors, then settle. */
static void
auto_handle(struct source *s, const struct pollfd *pfd, size_t n, double now)
{
	struct auto_source *a = (struct auto_source *)s;
	size_t nsock = a->nsock < n ? a->nsock : n;

	if (a->state == AUTO_RETRYING)
		a->sock->ops->handle(a->sock, pfd, nsock, now);
	a->cur->ops->handle(a->cur, pfd + nsock, n - nsock, now);
	auto_settle(a, now);
}

/* Return whether the current way has a finished poll (a socket that failed before settling has not). */
static bool
auto_ready(const struct source *s)
{
	const struct auto_source *a = (const struct auto_source *)s;
	return a->state != AUTO_TRYING && a->cur->ops->ready(a->cur);
}

/* Deliver the current way's poll. */
static void
auto_deliver(struct source *s, row_sink sink, void *ctx, struct source_result *res)
{
	struct auto_source *a = (struct auto_source *)s;
	a->cur->ops->deliver(a->cur, sink, ctx, res);
}

/* Stop both ways. */
static void
auto_stop(struct source *s)
{
	struct auto_source *a = (struct auto_source *)s;

	a->chronyc->ops->stop(a->chronyc);
	if (a->sock)
		a->sock->ops->stop(a->sock);
}

/* Free both ways. */
static void
auto_free(struct source *s)
{
	struct auto_source *a = (struct auto_source *)s;

	if (a->sock)
		a->sock->ops->free(a->sock);
	a->chronyc->ops->free(a->chronyc);
	free(a);
}

static const struct source_ops auto_ops = {
	auto_start, auto_watch, auto_handle, auto_ready, auto_deliver, auto_stop, auto_free,
};

/* Make the auto source of sock and chronyc. */
struct source *
source_auto_new(struct source *sock, struct source *chronyc)
{
	struct auto_source *a = sock && chronyc ? calloc(1, sizeof *a) : NULL;

	if (!a) {
		if (sock)
			sock->ops->free(sock);
		if (chronyc)
			chronyc->ops->free(chronyc);
		return NULL;
	}
	a->base.ops = &auto_ops;
	a->base.kind = sock->kind;
	snprintf(a->base.target, sizeof a->base.target, "%s", sock->target);
	a->sock = a->cur = sock;
	a->chronyc = chronyc;
	return &a->base;
}
