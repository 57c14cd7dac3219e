/* unit.h — what the Check runners share: a main, fixture reading, a row collector, a row putter. */
#ifndef TICCTOP_UNIT_H
#define TICCTOP_UNIT_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "parse.h"

/* Read tests/fixtures/name whole; *len gets its size.  Aborts the test if missing. */
static inline char *
unit_fixture(const char *name, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
	FILE *fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "fixture %s missing", path);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	rewind(fp);
	char *buf = malloc((size_t)n + 1);
	ck_assert(buf != NULL);
	ck_assert(fread(buf, 1, (size_t)n, fp) == (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* Rows a parser produced, copied out. */
struct collected {
	size_t n;
	char addr[2048][64];
	bool truncated[2048];
	struct sample s[2048];
};

/* A row_sink that copies rows into a struct collected. */
static inline bool
unit_collect(void *ctx, const struct row *r)
{
	struct collected *c = ctx;
	if (c->n == 2048)
		return false;
	snprintf(c->addr[c->n], sizeof c->addr[0], "%.*s", (int)r->len, r->addr);
	c->truncated[c->n] = r->truncated;
	c->s[c->n++] = r->s;
	return true;
}

/* Put into m one row named addr with NTP packets and drops (a negative
 * value: not known); cut: chronyc cut the name. */
static inline void
unit_put(struct model *m, const char *addr, long packets, long drops, bool cut)
{
	struct row r = { .addr = addr, .len = strlen(addr), .truncated = cut };
	if (packets >= 0)
		sample_set(&r.s, FIELD_NTP_PACKETS, packets);
	if (drops >= 0)
		sample_set(&r.s, FIELD_NTP_DROPS, drops);
	ck_assert(model_put(m, &r));
}

/* A main that runs one suite and fails on any failure. */
#define UNIT_MAIN(make_suite)                                              \
	int main(void)                                                     \
	{                                                                  \
		SRunner *sr = srunner_create(make_suite());                \
		srunner_run_all(sr, CK_NORMAL);                            \
		int failed = srunner_ntests_failed(sr);                    \
		srunner_free(sr);                                          \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;               \
	}

#endif
