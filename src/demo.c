/* demo.c — a private chronyd and live loopback traffic for --demo. */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "demo.h"
#include "ntpload.h"

#define START_WAIT 5.0     /* seconds chronyd gets to open its socket */
#define STOP_WAIT 3.0      /* seconds between TERM and KILL */
#define CHRONY_USER "_chrony"

struct demo {
	char dir[64];
	char sock[96];
	pid_t pid;
	struct ntpload *load;
	double t0;
};

/* Longest $TMPDIR the demo uses: its dir, chronyd's socket and chronyc's
 * beside it must fit in a socket address (108 bytes) and in d->dir. */
#define TMPDIR_MAX 40

/* Where the demo makes its dir: $TMPDIR when absolute and short enough, else /tmp. */
static const char *
demo_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t && t[0] == '/' && strlen(t) <= TMPDIR_MAX ? t : "/tmp";
}

/* Return a free UDP port on 127.0.0.1 (>= 1024), or 0. */
static unsigned
free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof sa;
	unsigned port = 0;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return 0;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	close(fd);
	return port >= 1024 ? port : 0;
}

/* Write chrony.conf for a loopback-only server on port. */
static bool
write_conf(const struct demo *d, unsigned port)
{
	char path[128];
	snprintf(path, sizeof path, "%s/chrony.conf", d->dir);
	FILE *fp = fopen(path, "w");

	if (!fp)
		return false;
	fprintf(fp, "# ticctop --demo: loopback only, never touches the clock\n"
	            "port %u\nbindaddress 127.0.0.1\nbindaddress ::1\n"
	            "allow 127.0.0.0/8\nallow ::1/128\nlocal stratum 10\n"
	            "clientloglimit 200000000\nratelimit interval 1 burst 4\n"
	            "cmdport 0\nbindcmdaddress %s\npidfile %s/chronyd.pid\ndriftfile %s/drift\n",
	            port, d->sock, d->dir, d->dir);
	return fclose(fp) == 0;
}

/* Give the dir to the user chronyd will run as; fill the -u/-U arguments. */
static bool
own_dir(const struct demo *d, const char **user, bool *as_root)
{
	*as_root = geteuid() == 0;
	if (!*as_root) {
		struct passwd *pw = getpwuid(geteuid());
		*user = pw ? pw->pw_name : NULL;
		return *user != NULL && chmod(d->dir, 0770) == 0;
	}
	struct passwd *pw = getpwnam(CHRONY_USER);
	*user = pw ? CHRONY_USER : "root";
	return chmod(d->dir, 0770) == 0 && (!pw || chown(d->dir, pw->pw_uid, pw->pw_gid) == 0);
}

/* Fork and exec chronyd in the foreground; it gets TERM if we die. */
static pid_t
spawn_chronyd(const struct demo *d, const char *user, bool as_root)
{
	char conf[128], log[128];
	snprintf(conf, sizeof conf, "%s/chrony.conf", d->dir);
	snprintf(log, sizeof log, "%s/chronyd.log", d->dir);
	const char *argv[] = { CHRONYD_PATH, "-x", "-n", "-f", conf, "-l", log, "-u", user,
	                       as_root ? NULL : "-U", NULL };
	pid_t parent = getpid(), pid = fork();

	if (pid != 0)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(127);
	int null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	setpgid(0, 0); /* a terminal's Ctrl-C is ours to handle, not chronyd's */
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

/* Wait, bounded, until chronyd's socket exists; false if chronyd died or never opened it. */
static bool
wait_socket(struct demo *d)
{
	struct stat st;
	double until = clock_mono() + START_WAIT;

	while (clock_mono() < until) {
		if (stat(d->sock, &st) == 0)
			return true;
		if (waitpid(d->pid, NULL, WNOHANG) == d->pid) {
			d->pid = 0;
			return false;
		}
		nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
	}
	return false;
}

/* Remove every file in the temp dir, then the dir. */
static void
remove_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!dp)
		return;
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(dp);
	rmdir(dir);
}

/* Start chronyd and the traffic. */
struct demo *
demo_start(unsigned clients, char *err, size_t errsize)
{
	struct demo *d = calloc(1, sizeof *d);
	const char *user;
	bool as_root;
	unsigned port;

	if (!d) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	const char *tmp = demo_tmpdir();
	snprintf(d->dir, sizeof d->dir, "%s/ticctop-demo.XXXXXX", tmp);
	if (!mkdtemp(d->dir)) {
		snprintf(err, errsize, "cannot make a temp dir in %s: %s", tmp, strerror(errno));
		free(d);
		return NULL;
	}
	snprintf(d->sock, sizeof d->sock, "%s/chronyd.sock", d->dir);
	if (access(CHRONYD_PATH, X_OK) != 0) {
		snprintf(err, errsize, "--demo needs chronyd (%s): install the chrony package", CHRONYD_PATH);
	} else if (!(port = free_port()) || !write_conf(d, port) || !own_dir(d, &user, &as_root)) {
		snprintf(err, errsize, "cannot prepare %s for chronyd: %s", d->dir, strerror(errno));
	} else if ((d->pid = spawn_chronyd(d, user, as_root)) < 0) {
		snprintf(err, errsize, "cannot start chronyd: %s", strerror(errno));
	} else if (!wait_socket(d)) {
		snprintf(err, errsize, "chronyd did not start (its log was in %s/chronyd.log)", d->dir);
	} else {
		struct ntpload_config lc = {
			.server = "127.0.0.1", .port = (uint16_t)port, .clients = clients,
			.ipv6 = true, .mode = NTPLOAD_LIVE,
		};
		enum ntpload_error le = ntpload_new(&lc, &d->load);
		if (le == NTPLOAD_OK) {
			d->t0 = clock_mono();
			return d;
		}
		snprintf(err, errsize, "cannot send demo traffic: %s", ntpload_strerror(le));
	}
	demo_stop(d);
	return NULL;
}

/* The command socket chronyc should use. */
const char *
demo_socket(const struct demo *d)
{
	return d->sock;
}

/* Send what is due; returns ms until the traffic wants to run again. */
static int
demo_step(void *ctx, double now)
{
	struct demo *d = ctx;
	int wait_ms = -1;

	if (ntpload_step(d->load, (uint64_t)((now - d->t0) * 1000.0), &wait_ms) != NTPLOAD_OK)
		return 1000; /* a passing send error: try again later */
	return wait_ms;
}

/* Wake the loop when replies to the demo's requests arrive. */
static size_t
demo_pollfds(void *ctx, struct pollfd *pfd, size_t max)
{
	struct demo *d = ctx;
	int fds[2];
	int n = ntpload_fds(d->load, fds);
	size_t k = 0;

	for (int i = 0; i < n && k < max; i++)
		pfd[k++] = (struct pollfd){ .fd = fds[i], .events = POLLIN };
	return k;
}

/* The side task that sends the demo's NTP traffic. */
struct side_task
demo_task(struct demo *d)
{
	return (struct side_task){ .ctx = d, .step = demo_step, .pollfds = demo_pollfds };
}

/* Stop the traffic and chronyd, remove the temp dir, free d. */
void
demo_stop(struct demo *d)
{
	if (!d)
		return;
	ntpload_free(d->load);
	if (d->pid > 0) {
		kill(d->pid, SIGTERM);
		double until = clock_mono() + STOP_WAIT;
		while (waitpid(d->pid, NULL, WNOHANG) == 0) {
			if (clock_mono() > until) {
				kill(d->pid, SIGKILL);
				waitpid(d->pid, NULL, 0);
				break;
			}
			nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
		}
	}
	remove_dir(d->dir);
	free(d);
}
