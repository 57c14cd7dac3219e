/* source.c — what all sources share: the names of their errors, the memo, wait arithmetic. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "source.h"

#define MAX_GROUPS 64   /* process groups alive at once (one a chronyc source) */
#define MAX_PATHS 32    /* socket files bound at once (one a socket source) */

/* The live process groups; 0 = a free slot.  Written only outside signal
 * handlers, read by a crash handler. */
static volatile sig_atomic_t groups[MAX_GROUPS];

/* The bound socket files; a slot is used while used[i] is set (set after
 * the path is written, cleared before it is changed). */
static char paths[MAX_PATHS][SOURCE_PATH_MAX];
static volatile sig_atomic_t used[MAX_PATHS];

static const char *const err_names[SOURCE_ERR_COUNT] = {
	[SOURCE_OK]                 = "ok",
	[SOURCE_ERR_NOT_FOUND]      = "not-found",
	[SOURCE_ERR_NOT_AUTHORISED] = "not-authorised",
	[SOURCE_ERR_NO_DAEMON]      = "no-daemon",
	[SOURCE_ERR_NO_CLIENTLOG]   = "no-clientlog",
	[SOURCE_ERR_NO_SOCKET]      = "no-socket",
	[SOURCE_ERR_SUDO_PASSWORD]  = "sudo-password",
	[SOURCE_ERR_EXIT]           = "exit",
	[SOURCE_ERR_TIMEOUT]        = "timeout",
	[SOURCE_ERR_TOO_BIG]        = "too-big",
	[SOURCE_ERR_SYSTEM]         = "system",
	[SOURCE_ERR_PARSE]          = "parse",
	[SOURCE_ERR_CONNECT]        = "connect",
	[SOURCE_ERR_TLS]            = "tls",
	[SOURCE_ERR_HTTP_STATUS]    = "http-status",
	[SOURCE_ERR_AUTH]           = "auth",
	[SOURCE_ERR_REDIRECT]       = "redirect",
	[SOURCE_ERR_TRANSFER]       = "transfer",
	[SOURCE_ERR_FORMAT]         = "format",
	[SOURCE_ERR_SERVER]         = "server",
	[SOURCE_ERR_PROTOCOL]       = "protocol",
};

/* Short name of an error for machines and tests. */
const char *
source_err_name(enum source_err e)
{
	return err_names[e];
}

/* If body holds exactly the memo's answer, give res its result, marked same. */
bool
source_memo_repeat(const struct source_memo *mm, const struct buf *body, struct source_result *res)
{
	if (!mm->valid || !buf_same(&mm->body, body))
		return false;
	*res = mm->res;
	res->same = true;
	return true;
}

/* Keep a parsed answer when the poll succeeded, else forget the memo. */
void
source_memo_keep(struct source_memo *mm, struct buf *body, const struct source_result *res)
{
	mm->valid = res->err == SOURCE_OK;
	if (!mm->valid)
		return;
	buf_swap(&mm->body, body);
	mm->res = *res;
}

/* Milliseconds from now until t, at least 0, at most a minute. */
int
source_ms_until(double t, double now)
{
	double ms = (t - now) * 1000.0;
	return ms <= 0 ? 0 : ms > 60000 ? 60000 : (int)ms + 1;
}

/* Lower *timeout_ms to ms when ms says sooner (-1 = no limit). */
void
source_sooner(int *timeout_ms, int ms)
{
	if (ms >= 0 && (*timeout_ms < 0 || ms < *timeout_ms))
		*timeout_ms = ms;
}

/* Remember a process group a source started. */
void
source_group_add(pid_t pgid)
{
	for (size_t i = 0; i < MAX_GROUPS; i++)
		if (groups[i] == 0) {
			groups[i] = (sig_atomic_t)pgid;
			return;
		}
}

/* Forget a process group (its leader was reaped). */
void
source_group_remove(pid_t pgid)
{
	for (size_t i = 0; i < MAX_GROUPS; i++)
		if (groups[i] == (sig_atomic_t)pgid)
			groups[i] = 0;
}

/* Send sig to every remembered process group (async-signal-safe). */
void
source_groups_kill(int sig)
{
	for (size_t i = 0; i < MAX_GROUPS; i++)
		if (groups[i] > 0)
			kill(-(pid_t)groups[i], sig);
}

/* Remember a socket file a source bound; false when the table is full. */
bool
source_path_add(const char *path)
{
	if (strlen(path) >= SOURCE_PATH_MAX)
		return false;
	for (size_t i = 0; i < MAX_PATHS; i++)
		if (!used[i]) {
			memcpy(paths[i], path, strlen(path) + 1);
			used[i] = 1;
			return true;
		}
	return false;
}

/* Forget a socket file (its source removed it). */
void
source_path_remove(const char *path)
{
	for (size_t i = 0; i < MAX_PATHS; i++)
		if (used[i] && strcmp(paths[i], path) == 0)
			used[i] = 0;
}

/* Remove every remembered socket file (async-signal-safe). */
void
source_paths_unlink(void)
{
	for (size_t i = 0; i < MAX_PATHS; i++)
		if (used[i])
			unlink(paths[i]);
}
