/* ntpload: command-line driver of the ntpload module for tests and demos. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ntpload.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Hard limit on a fill run, whatever the server does. */
#define FILL_TIMEOUT_MS 600000
/* Longest live run accepted, in seconds. */
#define LIVE_MAX_S 86400
/* Time a live run may overrun its schedule before it is cut. */
#define LIVE_GRACE_MS 5000

static const char usage[] =
    "usage: ntpload --port P [--server 127.x.y.z] [--clients N] [--packets K]\n"
    "               [--ipv6] [--live SECONDS] [--budget PACKETS] [--list]\n"
    "               [--all-answered]\n"
    "Sends NTP client requests to a loopback server from 127.1.0.1 upward\n"
    "(and ::1 with --ipv6): K per client (fill), or the live profile for\n"
    "SECONDS. --list prints each client's address and live role instead.\n"
    "A fill resends (bounded) to clients that had no answer; with\n"
    "--all-answered it fails (1) unless every client had one.\n";

/* Prints a one-line error about an argument and returns exit status 2. */
static int
fail_usage(const char *what, const char *arg)
{
	fprintf(stderr, "ntpload: %s: %s\n", what, arg);
	return 2;
}

/* Parses a decimal number in [min, max] into *out; false if it is not one. */
static bool
parse_number(const char *text, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (text[0] < '0' || text[0] > '9')
		return false;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Returns the monotonic clock in milliseconds. */
static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Prints every client's address and live role, one per line. */
static void
list_clients(const struct ntpload_config *c)
{
	char text[INET_ADDRSTRLEN];
	struct in_addr a;
	uint32_t i;

	for (i = 0; i < c->clients; i++) {
		ntpload_client_address(i, &a);
		inet_ntop(AF_INET, &a, text, sizeof text);
		printf("%s %s\n", text,
		    ntpload_role_name(ntpload_client_role(i)));
	}
	if (c->ipv6)
		printf("::1 %s\n",
		    ntpload_role_name(ntpload_client_role(c->clients)));
}

/* Runs the load until it is finished or its time is up; returns the exit
 * status; with all_answered, 1 also when a fill left clients that never
 * answered. */
static int
run(const struct ntpload_config *c, bool all_answered)
{
	struct ntpload *load;
	struct pollfd pfd[2];
	struct ntpload_stats s;
	enum ntpload_error e;
	uint64_t start, limit;
	int fds[2], n, i, wait;

	e = ntpload_new(c, &load);
	switch (e) {
	case NTPLOAD_OK:
		break;
	case NTPLOAD_ERR_ADDRESS:
	case NTPLOAD_ERR_NOT_LOOPBACK:
		return fail_usage(ntpload_strerror(e), c->server);
	case NTPLOAD_ERR_ARGUMENT:
		return fail_usage(ntpload_strerror(e), "see --help");
	default:
		fprintf(stderr, "ntpload: %s: %s\n", ntpload_strerror(e),
		    strerror(errno));
		return 1;
	}
	n = ntpload_fds(load, fds);
	for (i = 0; i < n; i++) {
		pfd[i].fd = fds[i];
		pfd[i].events = POLLIN;
	}
	start = now_ms();
	limit = c->mode == NTPLOAD_LIVE ? c->duration_ms + LIVE_GRACE_MS :
	    FILL_TIMEOUT_MS;
	while (now_ms() - start < limit) {
		e = ntpload_step(load, now_ms(), &wait);
		if (e != NTPLOAD_OK || ntpload_finished(load))
			break;
		if (poll(pfd, (nfds_t)n, wait) < 0 && errno != EINTR) {
			perror("ntpload: poll");
			e = NTPLOAD_ERR_RECV;
			break;
		}
	}
	if (e != NTPLOAD_OK)
		fprintf(stderr, "ntpload: %s: %s\n", ntpload_strerror(e),
		    strerror(errno));
	else if (!ntpload_finished(load))
		fprintf(stderr, "ntpload: time limit reached before the end\n");
	s = ntpload_stats(load);
	printf("ntpload: %" PRIu32 " clients, %" PRIu64 " sent, %" PRIu64
	    " replies, %" PRIu64 " deferred, %" PRIu64 " resent, %" PRIu32
	    " never answered, %.3f s\n",
	    c->clients + (c->ipv6 ? 1 : 0), s.sent, s.replies, s.deferred,
	    s.resent, s.unanswered, (double)(now_ms() - start) / 1000.0);
	if (s.resent > 0)
		printf("ntpload: retried: %" PRIu64 " requests resent to clients "
		    "that had no answer (lost datagrams, or rate-limited)\n",
		    s.resent);
	if (s.unanswered > 0)
		fprintf(stderr, "ntpload: %" PRIu32 " clients never answered: "
		    "the server may not have seen them\n", s.unanswered);
	i = e == NTPLOAD_OK && ntpload_finished(load) &&
	    (!all_answered || s.unanswered == 0) ? 0 : 1;
	ntpload_free(load);
	return i;
}

/* Parses the options, then lists the clients or runs the load. */
int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "all-answered", no_argument, NULL, 'a' },
		{ "budget", required_argument, NULL, 'b' },
		{ "clients", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "ipv6", no_argument, NULL, '6' },
		{ "list", no_argument, NULL, 'L' },
		{ "live", required_argument, NULL, 'l' },
		{ "packets", required_argument, NULL, 'k' },
		{ "port", required_argument, NULL, 'p' },
		{ "server", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct ntpload_config c = {
		.server = "127.0.0.1", .clients = 1000, .packets = 1,
		.mode = NTPLOAD_FILL
	};
	bool list = false, all_answered = false;
	uint64_t v;
	int opt;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'a':
			all_answered = true;
			break;
		case 'b':
			if (!parse_number(optarg, 1, UINT64_MAX, &c.budget))
				return fail_usage("bad --budget", optarg);
			break;
		case 'c':
			if (!parse_number(optarg, 0, NTPLOAD_MAX_CLIENTS, &v))
				return fail_usage("bad --clients", optarg);
			c.clients = (uint32_t)v;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case '6':
			c.ipv6 = true;
			break;
		case 'L':
			list = true;
			break;
		case 'l':
			if (!parse_number(optarg, 1, LIVE_MAX_S, &v))
				return fail_usage("bad --live", optarg);
			c.mode = NTPLOAD_LIVE;
			c.duration_ms = v * 1000;
			break;
		case 'k':
			if (!parse_number(optarg, 1, 1000000, &v))
				return fail_usage("bad --packets", optarg);
			c.packets = (uint32_t)v;
			break;
		case 'p':
			if (!parse_number(optarg, 1, 65535, &v))
				return fail_usage("bad --port", optarg);
			c.port = (uint16_t)v;
			break;
		case 's':
			c.server = optarg;
			break;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc)
		return fail_usage("unexpected argument", argv[optind]);
	if (list) {
		list_clients(&c);
		return 0;
	}
	if (c.port == 0)
		return fail_usage("missing option", "--port");
	return run(&c, all_answered);
}
