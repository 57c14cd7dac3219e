/* check_soak.c — tens of thousands of refreshes, fast, through parse →
 * model → health → view → output, with churning clients (appearing,
 * vanishing, counters reset to zero, rows listed twice, cut names, junk
 * lines): every refresh must agree with what was sent, and the resident
 * memory after warm-up may grow by less than 1 MiB.
 *
 * TICCTOP_SOAK_REFRESHES sets the length (check-valgrind runs a short one;
 * under ASan it is a tenth by default).
 * The memory bound is judged only in a full-length run outside ASan and
 * valgrind, whose allocators hold on to freed memory by design. */
#include "config.h"

#include <unistd.h>

#include "output.h"
#include "unit.h"

#define POOL 1000            /* addresses that come and go (about half listed) */
#define REFRESHES 20000
#define RSS_GROWTH_MAX (1L << 20)

/* One address of the pool, as chronyc would print it. */
static void
pool_addr(char *buf, size_t size, unsigned i)
{
	static const struct { const char *head, *sep, *tail; } forms[] = {
		{ "127.", ".", "" }, { "fd00::", ":", "" }, { "host-", "-", ".example" },
	};
	snprintf(buf, size, "%s%u%s%u%s%u%s", forms[i % 3].head, (i >> 16) & 0xff, forms[i % 3].sep, (i >> 8) & 0xff,
	         forms[i % 3].sep, i & 0xff, forms[i % 3].tail);
}

/* A small deterministic generator (xorshift32). */
static uint32_t
next_random(uint32_t *state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* The simulated server: who is listed, their counters, and each client's
 * CSV line, printed again only when it changed. */
static struct {
	bool listed[POOL];
	uint32_t packets[POOL], drops[POOL];
	uint32_t since[POOL];      /* refresh that listed it first (since it last came back) */
	char line[POOL][96];
	uint8_t len[POOL];
	size_t nlisted;
} server;

/* Print client i's CSV line again. */
static void
server_render(unsigned i, uint32_t refresh)
{
	char addr[64];

	pool_addr(addr, sizeof addr, i);
	server.len[i] = (uint8_t)snprintf(server.line[i], sizeof server.line[i], "%s,%u,%u,%d,%s,%u,0,0,127,4294967295\n",
	                                  addr, server.packets[i], server.drops[i], -(int)(i % 6),
	                                  server.drops[i] ? "-5" : "127", refresh % 1200);
}

/* Advance the server one refresh: ~2% of the pool appears or vanishes,
 * ~1% has its counters reset, ~10% of those listed send packets. */
static void
server_step(uint32_t *rng, uint32_t refresh)
{
	for (unsigned i = 0; i < POOL; i++) {
		uint32_t r = next_random(rng) % 1000;
		if (r < 20) {
			server.listed[i] = !server.listed[i];
			server.since[i] = refresh;
			server.nlisted += server.listed[i] ? 1 : (size_t)-1;
			server.packets[i] = server.drops[i] = 0;
		} else if (r < 30) {
			server.packets[i] = server.drops[i] = 0; /* chronyd restarted, or its table dropped the client */
		} else if (r < 130 && server.listed[i]) {
			server.packets[i] += 1 + r % 7;
			server.drops[i] += r % 13 == 0;
		} else {
			continue;
		}
		server_render(i, refresh);
	}
}

/* Write the server's listing as `chronyc -c clients` prints it, with a junk
 * line and one client listed twice (an address: the later row wins; a host
 * name: two clients, see twice_apart). */
static size_t
server_csv(char *buf, size_t size, uint32_t refresh)
{
	size_t o = 0;
	unsigned twice = refresh % POOL;

	for (unsigned i = 0; i < POOL; i++) {
		if (!server.listed[i])
			continue;
		if (i == twice) {
			const char *comma = memchr(server.line[i], ',', server.len[i]);
			o += (size_t)snprintf(buf + o, size - o, "%.*s,0,0,-3,127,99,0,0,127,4294967295\n",
			                      (int)(comma - server.line[i]), server.line[i]);
		}
		memcpy(buf + o, server.line[i], server.len[i]);
		o += server.len[i];
	}
	o += (size_t)snprintf(buf + o, size - o, "506 Cannot talk to daemon\n");
	return o;
}

/* Resident set size of this process, in bytes. */
static long
rss_bytes(void)
{
	long pages = 0, resident = 0;
	FILE *fp = fopen("/proc/self/statm", "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fscanf(fp, "%ld %ld", &pages, &resident), 2);
	fclose(fp);
	return resident * sysconf(_SC_PAGESIZE);
}

/* Whether this process's allocator keeps freed memory (ASan, valgrind). */
static bool
allocator_hoards(void)
{
	const char *pre = getenv("LD_PRELOAD");
#if defined(__SANITIZE_ADDRESS__)
	return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return true;
#endif
#endif
	return pre && strstr(pre, "vgpreload");
}

/* Return whether this refresh lists a host name twice (kept as two clients). */
static bool
twice_apart(uint32_t refresh)
{
	unsigned twice = refresh % POOL;
	return server.listed[twice] && twice % 3 == 2;
}

/* Check the model against the server after a refresh. */
static void
check_refresh(const struct model *m, uint32_t refresh)
{
	char addr[64];

	ck_assert_msg(model_size(m) == server.nlisted + twice_apart(refresh), "refresh %u: %zu clients, server lists %zu", refresh,
	              model_size(m), server.nlisted);
	for (unsigned k = 0; k < 8; k++) { /* a few clients in full */
		unsigned i = (refresh * 7919u + k * 104729u) % POOL;
		pool_addr(addr, sizeof addr, i);
		long at = model_find(m, addr, strlen(addr));
		ck_assert_msg((at >= 0) == server.listed[i], "refresh %u: %s %s", refresh, addr,
		              server.listed[i] ? "missing" : "still there");
		if (at < 0 || (i == refresh % POOL && twice_apart(refresh)))
			continue;
		const struct client *c = model_at(m, (size_t)at);
		ck_assert_msg(c->first_seen == server.since[i] && c->first_seen <= c->time && c->time <= model_clock(m),
		              "refresh %u: %s: times %g %g, listed since %u", refresh, addr, c->first_seen, c->time,
		              server.since[i]);
		ck_assert_int_eq(c->s.v[FIELD_NTP_PACKETS], server.packets[i]);
		ck_assert_int_eq(c->s.v[FIELD_NTP_DROPS], server.drops[i]);
	}
}

START_TEST(churn_keeps_memory_flat)
{
	const char *env = getenv("TICCTOP_SOAK_REFRESHES");
	/* where the memory bound is not judged, a tenth of the length checks the rest */
	uint32_t refreshes = env ? (uint32_t)strtoul(env, NULL, 10) : allocator_hoards() ? REFRESHES / 10 : REFRESHES;
	uint32_t warmup = refreshes / 10, rng = 2463534242u;
	size_t cap = POOL * 96;
	char *csv = malloc(cap);
	struct model *m = model_new();
	struct view v;
	struct health h;
	struct parse_report rep;
	FILE *devnull = fopen("/dev/null", "w");
	long rss0 = 0;
	static const char *const filters[] = { "", "status:warn status:crit", "family:v6", "host-1", "127.0.1" };

	ck_assert(csv && m && devnull && refreshes > 0);
	health_init(&h, HEALTH_WARN_DROPS, HEALTH_CRIT_DROPS);
	view_init(&v);
	for (uint32_t refresh = 1; refresh <= refreshes; refresh++) {
		const char *bad;
		server_step(&rng, refresh);
		size_t len = server_csv(csv, cap, refresh);
		model_begin(m);
		ck_assert_int_eq(parse_csv(csv, len, model_put, m, &rep), PARSE_OK);
		ck_assert_uint_eq(rep.skipped, 1);
		model_end(m, &h, true, refresh);
		v.key = (enum sort_key)(refresh % SORT_COUNT);
		v.reverse = refresh & 1;
		ck_assert_int_eq(filter_parse(filters[refresh % 5], &v.filter, &bad), FILTER_OK);
		ck_assert(view_update(&v, m));
		check_refresh(m, refresh);
		ck_assert(v.n <= model_size(m) && (refresh % 5 || v.n == model_size(m)));
		if (refresh % 16 == 0) { /* a batch report now and then */
			struct report r = { .kind = "soak", .target = "soak", .skipped = rep.skipped, .skip_note = "1 line",
			                    .have_data = true, .m = m, .v = &v, .h = &h, .utf8 = true };
			output_write(devnull, (enum out_format)(refresh / 16 % FORMAT_COUNT), &r);
		}
		if (refresh == warmup)
			rss0 = rss_bytes();
	}
	long growth = rss_bytes() - rss0;
	printf("soak: %u refreshes, %zu clients at the end, RSS %+ld KiB after warm-up\n", refreshes, model_size(m),
	       growth / 1024);
	if (allocator_hoards() || refreshes < REFRESHES)
		printf("soak: RSS bound not judged (short run, or ASan/valgrind keep freed memory)\n");
	else
		ck_assert_msg(growth < RSS_GROWTH_MAX, "RSS grew by %ld KiB after warm-up", growth / 1024);
	fclose(devnull);
	view_free(&v);
	model_free(m);
	free(csv);
}
END_TEST

/* Make the soak suite. */
static Suite *
soak_suite(void)
{
	Suite *s = suite_create("soak");
	TCase *t = tcase_create("soak");

	tcase_set_timeout(t, 600); /* only a hang should reach it: ASan at load 13 took over 120 s */
	tcase_add_test(t, churn_keeps_memory_flat);
	suite_add_tcase(s, t);
	return s;
}

UNIT_MAIN(soak_suite)
