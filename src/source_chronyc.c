/* source_chronyc.c — runs chronyc as a child and reads it from the loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "parse_reports.h"
#include "source_chronyc.h"

#define MAX_ARGV 20
#define ERR_CAP (64 * 1024)   /* stderr kept for the message */
#define KILL_GRACE 1.0        /* seconds between TERM and KILL */
#define DRAIN_READS 256       /* reads of 64 KiB in one drain: 16 MiB */

extern char **environ;

struct chronyc_source {
	struct source base;
	struct chronyc_cfg cfg;
	const char *argv[MAX_ARGV];
	size_t ntpdata_slot;        /* argv's index for "ntpdata ADDR" (or its NULL end) */
	char ntpdata_cmd[16 + SRV_TEXT_MAX]; /* "ntpdata ADDR" of the run under way */
	char ntpdata_for[SRV_TEXT_MAX];      /* ADDR of the same; "" none asked */
	char cmdline[512];          /* chronyc's argv joined, as the user reads it */
	char sudoers[512];          /* the same with chronyc's full path, for sudoers */
	pid_t pid;                  /* running child, 0 none */
	int pidfd, out, err;        /* -1 when closed */
	struct buf obuf, ebuf;
	struct source_memo memo;    /* the last good output, not parsed again if it repeats */
	double deadline;
	bool term_sent, kill_sent;
	bool finished;              /* a poll ended and waits for deliver() */
	int status;                 /* wait status of the finished child */
	int spawn_errno;            /* spawn failed with this, 0 if it ran */
	bool too_big, timed_out;
};

/* chronyc's and sudo's words, and what they mean.  A NULL hint means the
 * sudoers line that would let this exact command run without a password. */
static const struct {
	const char *needle;
	enum source_err err;
	const char *hint;
} known_errors[] = {
	{ "a password is required", SOURCE_ERR_SUDO_PASSWORD, NULL },
	{ "a terminal is required", SOURCE_ERR_SUDO_PASSWORD, NULL },
	{ "command not found", SOURCE_ERR_NOT_FOUND, "install the chrony package or give --chronyc PATH" },
	{ "501 Not authorised", SOURCE_ERR_NOT_AUTHORISED,
	  "the client list is only served on chronyd's Unix socket, to root or the chrony user: run as root or use --sudo" },
	{ "506 Cannot talk to daemon", SOURCE_ERR_NO_DAEMON, "is chronyd running?" },
	{ "519 Client logging is not active", SOURCE_ERR_NO_CLIENTLOG,
	  "remove \"noclientlog\" from chrony.conf and restart chronyd" },
	{ "Could not open connection to daemon", SOURCE_ERR_NO_SOCKET,
	  "is chronyd running, is the socket path right (--socket), and may this user use it (root, the chrony user, or --sudo)?" },
};

/* Close *fd if open. */
static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Read what fd has into b without blocking, at most DRAIN_READS reads (a
 * child that writes without end must not keep us here); close it at end of file. */
static void
drain(struct chronyc_source *c, int *fd, struct buf *b)
{
	char tmp[65536];

	for (int reads = 0; *fd >= 0 && reads < DRAIN_READS; reads++) {
		ssize_t n = read(*fd, tmp, sizeof tmp);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			close_fd(fd);
			return;
		}
		if (!buf_append(b, tmp, (size_t)n) && b == &c->obuf)
			c->too_big = true;
	}
}

/* If the child has exited (block: once it has): stop with sig what it left
 * in its process group (a wrapper's background children; its zombie still
 * holds the group's number, so no other group can be hit), reap it, forget
 * the group and return true with its wait status in *st. */
static bool
reap_group(struct chronyc_source *c, int sig, int *st, bool block)
{
	siginfo_t si = { 0 };
	int rc;

	while ((rc = waitid(P_PID, (id_t)c->pid, &si, WEXITED | WNOWAIT | (block ? 0 : WNOHANG))) < 0 && errno == EINTR)
		;
	if (rc < 0 || si.si_pid != c->pid)
		return false;
	kill(-c->pid, sig);
	if (waitpid(c->pid, st, 0) != c->pid)
		return false;
	source_group_remove(c->pid);
	return true;
}

/* Reap the child if it has exited; mark the poll finished. */
static void
reap(struct chronyc_source *c)
{
	int st;

	if (!reap_group(c, SIGTERM, &st, false))
		return;
	drain(c, &c->out, &c->obuf);
	drain(c, &c->err, &c->ebuf);
	close_fd(&c->out);
	close_fd(&c->err);
	close_fd(&c->pidfd);
	c->pid = 0;
	c->status = st;
	c->finished = true;
}

/* Send sig to the child's process group: the child and whatever it started
 * (a wrapper script's own children, ssh, sleep) end with it. */
static void
signal_child(const struct chronyc_source *c, int sig)
{
	if (kill(-c->pid, sig) < 0)
		kill(c->pid, sig);
}

/* Signal a child that is past its deadline, or has printed more than we
 * take: TERM, then KILL after a grace. */
static void
enforce_deadline(struct chronyc_source *c, double now)
{
	if (c->pid <= 0 || (now < c->deadline && !(c->too_big && !c->term_sent)))
		return;
	if (!c->term_sent) {
		signal_child(c, SIGTERM);
		c->term_sent = true;
		c->timed_out = !c->too_big;
		c->deadline = now + KILL_GRACE;
	} else if (!c->kill_sent) {
		signal_child(c, SIGKILL);
		c->kill_sent = true;
	}
}

/* Put "ntpdata ADDR" at the end of the run when a front end asks for a
 * source's ntpdata; never under --sudo, whose sudoers line allows one
 * exact command (a wildcard there would let any chronyc command run as root). */
static void
ask_ntpdata(struct chronyc_source *c)
{
	const char *want = c->base.want_ntpdata;

	c->ntpdata_for[0] = '\0';
	c->argv[c->ntpdata_slot] = NULL;
	if (c->cfg.sudo || !srv_ntpdata_addr_ok(want))
		return;
	snprintf(c->ntpdata_for, sizeof c->ntpdata_for, "%s", want);
	snprintf(c->ntpdata_cmd, sizeof c->ntpdata_cmd, "ntpdata %s", want);
	c->argv[c->ntpdata_slot] = c->ntpdata_cmd;
	c->argv[c->ntpdata_slot + 1] = NULL;
}

/* Start one run of chronyc; false while the last one is still running. */
static bool
chronyc_start(struct source *s, double now)
{
	struct chronyc_source *c = (struct chronyc_source *)s;
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	pid_t pid;

	if (c->pid > 0 || c->finished)
		return false;
	ask_ntpdata(c);
	buf_reset(&c->obuf);
	buf_reset(&c->ebuf);
	c->too_big = c->timed_out = c->term_sent = c->kill_sent = false;
	c->spawn_errno = 0;
	c->status = 0;
	/* only our (read) ends are non-blocking: chronyc's stdout must block, or
	 * its stdio loses output with EAGAIN whenever the pipe is full */
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0 ||
	    fcntl(po[0], F_SETFL, O_NONBLOCK) < 0 || fcntl(pe[0], F_SETFL, O_NONBLOCK) < 0) {
		c->spawn_errno = errno;
		close_fd(&po[0]);
		close_fd(&po[1]);
		close_fd(&pe[0]);
		close_fd(&pe[1]);
		c->finished = true;
		return true;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP); /* its own group, see signal_child */
	posix_spawnattr_setpgroup(&attr, 0);
	int rc = posix_spawnp(&pid, c->argv[0], &fa, &attr, (char *const *)c->argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		c->spawn_errno = rc;
		c->finished = true;
		return true;
	}
	c->pid = pid;
	source_group_add(pid);
	c->out = po[0];
	c->err = pe[0];
	c->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	c->deadline = now + c->cfg.timeout;
	return true;
}

/* Watch the child's pipes and pidfd; act again by its deadline. */
static size_t
chronyc_watch(struct source *s, struct pollfd *pfd, size_t max, int *timeout_ms, double now)
{
	struct chronyc_source *c = (struct chronyc_source *)s;
	int own[3] = { c->out, c->err, c->pidfd };
	size_t n = 0;

	if (c->pid <= 0)
		return 0;
	for (int i = 0; i < 3; i++)
		if (own[i] >= 0 && n < max)
			pfd[n++] = (struct pollfd){ .fd = own[i], .events = POLLIN };
	source_sooner(timeout_ms, source_ms_until(c->deadline, now));
	if (c->pidfd < 0)
		source_sooner(timeout_ms, 10); /* no pidfd: look for the exit now and then */
	return n;
}

/* Read what the child wrote, reap it when it ended, enforce the deadline. */
static void
chronyc_handle(struct source *s, const struct pollfd *pfd, size_t n, double now)
{
	struct chronyc_source *c = (struct chronyc_source *)s;

	if (c->pid <= 0)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!pfd[i].revents)
			continue;
		if (pfd[i].fd == c->out)
			drain(c, &c->out, &c->obuf);
		else if (pfd[i].fd == c->err)
			drain(c, &c->err, &c->ebuf);
	}
	reap(c); /* the pidfd, or without one the timeout: reap drains what is left */
	if (c->pid > 0)
		enforce_deadline(c, now);
}

/* Return whether a finished run waits to be delivered. */
static bool
chronyc_ready(const struct source *s)
{
	return ((const struct chronyc_source *)s)->finished;
}

/* Copy the first line of b that contains needle (or the first line) into out. */
static void
output_line(const struct buf *b, const char *needle, char *out, size_t size)
{
	size_t pos = 0, len;
	const char *line;

	out[0] = '\0';
	while (parse_next_line(b->data, b->len, &pos, &line, &len)) {
		if (len == 0)
			continue;
		if (!needle || memmem(line, len, needle, strlen(needle))) {
			snprintf(out, size, "%.*s", (int)(len > 300 ? 300 : len), line);
			return;
		}
	}
}

/* Return whether b holds a line that is not empty. */
static bool
has_line(const struct buf *b)
{
	char line[2];

	output_line(b, NULL, line, sizeof line);
	return line[0] != '\0';
}

/* Classify a failed run from its output and wait status. */
static void
explain_failure(struct chronyc_source *c, struct source_result *res)
{
	char line[320];

	for (size_t i = 0; i < sizeof known_errors / sizeof known_errors[0]; i++) {
		const struct buf *bufs[2] = { &c->ebuf, &c->obuf };
		for (int b = 0; b < 2; b++) {
			output_line(bufs[b], known_errors[i].needle, line, sizeof line);
			if (!line[0])
				continue;
			const struct passwd *pw = getpwuid(getuid());
			res->err = known_errors[i].err;
			if (known_errors[i].hint)
				snprintf(res->message, sizeof res->message, "%s: %s", line, known_errors[i].hint);
			else
				snprintf(res->message, sizeof res->message,
				         "%s: allow it without a password: add \"%s ALL=(root) NOPASSWD: %s\" with visudo",
				         line, pw ? pw->pw_name : "USER", c->sudoers);
			return;
		}
	}
	output_line(&c->ebuf, NULL, line, sizeof line);
	res->err = SOURCE_ERR_EXIT;
	if (WIFSIGNALED(c->status))
		snprintf(res->message, sizeof res->message, "%s was killed by signal %d%s%s", c->argv[0],
		         WTERMSIG(c->status), line[0] ? ": " : "", line);
	else if (WEXITSTATUS(c->status) == 0)
		snprintf(res->message, sizeof res->message, "%s printed no client list, only an error: %s", c->argv[0], line);
	else
		snprintf(res->message, sizeof res->message, "%s exited with status %d%s%s", c->argv[0],
		         WEXITSTATUS(c->status), line[0] ? ": " : "", line);
}

/* A row_sink that takes nothing: a failed run's clients are not shown. */
static bool
drop_row(void *ctx, const struct row *r)
{
	return true;
}

/* If the run failed only at its last command, the ntpdata asked for (the
 * source is gone: chronyd's "503 No such source", chronyc's last line, and
 * all before it is good): cut that line off, keep it in res and return true. */
static bool
only_ntpdata_failed(struct chronyc_source *c, struct source_result *res)
{
	static const char nosource[] = "503 No such source";
	size_t n = sizeof nosource - 1, end = c->obuf.len;

	while (end > 0 && (c->obuf.data[end - 1] == '\n' || c->obuf.data[end - 1] == '\r'))
		end--;
	if (!c->ntpdata_for[0] || !WIFEXITED(c->status) || WEXITSTATUS(c->status) != 1 || end < n ||
	    memcmp(c->obuf.data + end - n, nosource, n) != 0 || (end > n && c->obuf.data[end - n - 1] != '\n'))
		return false;
	c->obuf.len = end - n;
	snprintf(res->serverdata.ntpdata_error, sizeof res->serverdata.ntpdata_error, "%s", nosource);
	return true;
}

/* Say in res which ntpdata was asked for, and why it is not there if it is not. */
static void
note_ntpdata(const struct chronyc_source *c, struct source_result *res)
{
	struct server_data *sd = &res->serverdata;

	snprintf(sd->ntpdata_for, sizeof sd->ntpdata_for, "%s", c->ntpdata_for);
	if (c->cfg.sudo && c->base.want_ntpdata[0])
		snprintf(sd->ntpdata_error, sizeof sd->ntpdata_error,
		         "not asked for under --sudo: its sudoers line allows one exact command");
	else if (c->base.want_ntpdata[0] && !c->ntpdata_for[0])
		snprintf(sd->ntpdata_error, sizeof sd->ntpdata_error, "not an IP address: chronyd keeps ntpdata of NTP sources only");
	else if (c->ntpdata_for[0] && !sd->have[SRV_NTPDATA] && !sd->ntpdata_error[0])
		snprintf(sd->ntpdata_error, sizeof sd->ntpdata_error, "chronyc gave none");
}

/* Hand the finished run's rows to sink, or say why there are none. */
static void
chronyc_deliver(struct source *s, row_sink sink, void *ctx, struct source_result *res)
{
	struct chronyc_source *c = (struct chronyc_source *)s;
	struct parse_report ignored;
	bool ntpdata_only = false;

	memset(res, 0, sizeof *res);
	c->finished = false;
	if (c->spawn_errno == ENOENT || c->spawn_errno == EACCES) {
		res->err = SOURCE_ERR_NOT_FOUND;
		snprintf(res->message, sizeof res->message, "cannot run %s: %s (install the chrony package or give --chronyc PATH)",
		         c->argv[0], strerror(c->spawn_errno));
	} else if (c->spawn_errno) {
		res->err = SOURCE_ERR_SYSTEM;
		snprintf(res->message, sizeof res->message, "cannot run %s: %s", c->argv[0], strerror(c->spawn_errno));
	} else if (c->timed_out) {
		res->err = SOURCE_ERR_TIMEOUT;
		snprintf(res->message, sizeof res->message, "%s gave no answer within %g s and was stopped (--timeout)",
		         c->argv[0], c->cfg.timeout);
	} else if (c->too_big) {
		res->err = SOURCE_ERR_TOO_BIG;
		snprintf(res->message, sizeof res->message, "%s printed more than %zu bytes (--max-size)",
		         c->argv[0], c->cfg.max_size);
	} else if (!(ntpdata_only = only_ntpdata_failed(c, res)) &&
	           (!WIFEXITED(c->status) || WEXITSTATUS(c->status) != 0 || (!has_line(&c->obuf) && has_line(&c->ebuf)))) {
		/* no answer but an error on stderr is that error, whatever the status; the
		 * server's reports before the failing command are still good (clients is
		 * refused over UDP, tracking is not) */
		parse_reports(c->obuf.data, c->obuf.len, drop_row, NULL, &res->serverdata, &ignored);
		explain_failure(c, res);
	} else if (!source_memo_repeat(&c->memo, &c->obuf, res)) {
		char keep[SRV_NOTE_MAX];
		snprintf(keep, sizeof keep, "%s", res->serverdata.ntpdata_error);
		res->perr = parse_reports(c->obuf.data, c->obuf.len, sink, ctx, &res->serverdata, &res->rep);
		snprintf(res->serverdata.ntpdata_error, sizeof res->serverdata.ntpdata_error, "%s", keep);
		if (res->perr != PARSE_OK && has_line(&c->ebuf) && !ntpdata_only) {
			explain_failure(c, res);
		} else if (res->perr != PARSE_OK) {
			char why[256];
			parse_report_text(&res->rep, res->perr, why, sizeof why);
			res->err = SOURCE_ERR_PARSE;
			snprintf(res->message, sizeof res->message, "%s printed no client list: %s", c->argv[0], why);
		}
		source_memo_keep(&c->memo, &c->obuf, res);
	}
	note_ntpdata(c, res);
}

/* End a run in flight: TERM, a short grace, KILL; always reap. */
static void
chronyc_stop(struct source *s)
{
	struct chronyc_source *c = (struct chronyc_source *)s;

	int st;
	bool gone = false;

	if (c->pid > 0) {
		signal_child(c, SIGTERM);
		for (int i = 0; i < 100 && !(gone = reap_group(c, SIGKILL, &st, false)); i++)
			usleep(10000);
		if (!gone) {
			signal_child(c, SIGKILL);
			reap_group(c, SIGKILL, &st, true);
		}
		c->pid = 0;
	}
	close_fd(&c->out);
	close_fd(&c->err);
	close_fd(&c->pidfd);
	c->finished = false;
}

/* Free the source, stopping any run. */
static void
chronyc_free(struct source *s)
{
	struct chronyc_source *c = (struct chronyc_source *)s;

	chronyc_stop(s);
	buf_free(&c->obuf);
	buf_free(&c->ebuf);
	buf_free(&c->memo.body);
	free(c);
}

static const struct source_ops chronyc_ops = {
	chronyc_start, chronyc_watch, chronyc_handle, chronyc_ready, chronyc_deliver, chronyc_stop, chronyc_free,
};

/* Write prog and the NULL-terminated args, space-separated, into out. */
static void
join_args(char *out, size_t size, const char *prog, const char *const *args)
{
	size_t o = (size_t)snprintf(out, size, "%s", prog);

	for (; *args && o < size; args++)
		o += (size_t)snprintf(out + o, size - o, " %s", *args);
}

/* Make a chronyc source. */
struct source *
source_chronyc_new(const struct chronyc_cfg *cfg)
{
	struct chronyc_source *c = calloc(1, sizeof *c);
	size_t n = 0, first;

	if (!c)
		return NULL;
	c->base.ops = &chronyc_ops;
	c->base.kind = "chronyc";
	c->cfg = *cfg;
	c->pidfd = c->out = c->err = -1;
	c->obuf.cap = c->memo.body.cap = cfg->max_size;
	c->ebuf.cap = ERR_CAP;
	if (cfg->sudo) {
		c->argv[n++] = "sudo";
		c->argv[n++] = "-n";
	}
	first = n;
	c->argv[n++] = cfg->chronyc;
	c->argv[n++] = "-c";
	c->argv[n++] = "-n";
	if (cfg->socket) {
		c->argv[n++] = "-h";
		c->argv[n++] = cfg->socket;
	}
	c->argv[n++] = "-m";
	for (size_t i = 0; reports_command(i); i++)
		c->argv[n++] = reports_command(i);
	c->ntpdata_slot = n;
	c->argv[n] = NULL;
	join_args(c->cmdline, sizeof c->cmdline, cfg->chronyc, c->argv + first + 1);
	join_args(c->sudoers, sizeof c->sudoers, strchr(cfg->chronyc, '/') ? cfg->chronyc : CHRONYC_PATH,
	          c->argv + first + 1);
	snprintf(c->base.target, sizeof c->base.target, "%s", cfg->label ? cfg->label : c->cmdline);
	return &c->base;
}
