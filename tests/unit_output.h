/* unit_output.h — what the report runners share (check_output, check_metrics):
 * clients from CSV text in a model and a full view of them, and a report
 * written into the string `out`.  Each runner that includes it has its own. */
#ifndef TICCTOP_UNIT_OUTPUT_H
#define TICCTOP_UNIT_OUTPUT_H

#include "output.h"
#include "unit.h"

static struct model *m;
static struct health h;
static struct view v;
static char *out;
static size_t outlen;

/* Load rows (CSV text) into the model and a full view (1 drop warns, 10 are critical). */
static inline void
load(const char *csv)
{
	struct parse_report rep;
	health_init(&h, 1, 10);
	m = model_new();
	model_begin(m);
	ck_assert_int_eq(parse_csv(csv, strlen(csv), model_put, m, &rep), PARSE_OK);
	model_end(m, &h, true, 0);
	view_init(&v);
	ck_assert(view_update(&v, m));
}

/* Write r in format f into out; what output_write returned. */
static inline bool
write_report(enum out_format f, const struct report *r)
{
	FILE *fp = open_memstream(&out, &outlen);
	bool ok = output_write(fp, f, r);
	fclose(fp);
	return ok;
}

/* Free what load and write_report made (a case that loaded nothing frees
 * nothing: valgrind runs the cases in one process, CK_FORK=no). */
static inline void
teardown(void)
{
	model_free(m);
	m = NULL;
	view_free(&v);
	free(out);
	out = NULL;
}

#endif
