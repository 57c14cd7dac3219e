/* unit.h — what the Check runners share: a main, fixture reading, a row collector, a row putter. */
#ifndef TICCTOP_UNIT_H
#define TICCTOP_UNIT_H

#include <check.h>
#include <locale.h>
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

/* Select (setlocale LC_ALL) a locale of kind "comma" (LC_NUMERIC as
 * de_DE's: 0,5) or "turkish" (LC_CTYPE as tr_TR's: 'I' lowers to a dotless
 * i, byte 0xfd of ISO-8859-9), built here by localedef from a few lines of
 * source, so the test needs no locales package. */
static inline void
unit_locale(const char *kind)
{
	char dir[] = "/tmp/ticctop-locale-XXXXXX", path[256], cmd[1024];
	ck_assert(mkdtemp(dir) != NULL);
	bool turkish = strcmp(kind, "turkish") == 0;
	snprintf(path, sizeof path, "%s/src", dir);
	FILE *fp = fopen(path, "w");
	ck_assert(fp != NULL);
	if (turkish)
		fputs("LC_CTYPE\nupper <U0041>;<U0043>;<U0049>\nlower <U0061>;<U0063>;<U0131>\n"
		      "toupper (<U0061>,<U0041>);(<U0063>,<U0043>);(<U0131>,<U0049>)\n"
		      "tolower (<U0041>,<U0061>);(<U0043>,<U0063>);(<U0049>,<U0131>)\nEND LC_CTYPE\n", fp);
	else
		fputs("LC_NUMERIC\ndecimal_point \"<U002C>\"\nthousands_sep \"<U002E>\"\ngrouping 3;3\nEND LC_NUMERIC\n", fp);
	ck_assert(fclose(fp) == 0);
	snprintf(path, sizeof path, "%s/cm", dir);
	ck_assert((fp = fopen(path, "w")) != NULL);
	fputs("<code_set_name> TEST\n<escape_char> /\n<mb_cur_min> 1\n<mb_cur_max> 1\nCHARMAP\n", fp);
	for (int c = 0; c < 128; c++)
		fprintf(fp, "<U%04X> /x%02x\n", c, c);
	fputs("<U0131> /xfd\nEND CHARMAP\n", fp);
	ck_assert(fclose(fp) == 0);
	snprintf(cmd, sizeof cmd, "localedef -c -f %s/cm -i %s/src %s/ticctop-%s >/dev/null 2>&1", dir, dir, dir, kind);
	ck_assert(system(cmd) != -1); /* -c: warnings about the categories left out */
	ck_assert(setenv("LOCPATH", dir, 1) == 0);
	snprintf(path, sizeof path, "ticctop-%s", kind); /* not "turkish": locale.alias has that */
	ck_assert_msg(setlocale(LC_ALL, path) != NULL, "localedef made no %s locale in %s", kind, dir);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert(system(cmd) == 0);
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
