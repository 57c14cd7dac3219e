/* check_spark.c — sparklines: glyph sets, scale, gaps, spans, narrow buffers. */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "spark.h"

#define B1 "\u2581"
#define B2 "\u2582"
#define B3 "\u2583"
#define B4 "\u2584"
#define B5 "\u2585"
#define B8 "\u2588"

/* Render v[0..n) as cells of style st scaled to max into a fresh string. */
static const char *
render(const double *v, size_t n, size_t cells, enum spark_style st, double max)
{
	static char buf[SPARK_BYTES(64)];
	size_t len = spark_render(buf, sizeof buf, v, n, cells, st, max);
	ck_assert_uint_eq(len, strlen(buf));
	return buf;
}

START_TEST(blocks_heights)
{
	static const struct {
		double v[4];
		double max;
		const char *want;
	} rows[] = {
		{ { 0, 1, 2, 4 }, 0, B1 B3 B5 B8 },          /* zero is the baseline, the largest the top */
		{ { 0, 0, 0, 0 }, 0, B1 B1 B1 B1 },          /* nothing happened: all baseline */
		{ { 0, 0.001, 0, 1000 }, 0, B1 B2 B1 B8 },   /* a tiny value still rises above zero */
		{ { 1, 2, 3, 4 }, 8, B2 B3 B4 B5 },          /* the caller's scale */
		{ { 9, 9, 9, 9 }, 8, B8 B8 B8 B8 },          /* above the caller's scale: the top */
		{ { NAN, 1, INFINITY, -1 }, 0, " " B8 "  " }, /* unknown: a gap, never zero */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *got = render(rows[i].v, 4, 4, SPARK_BLOCKS, rows[i].max);
		ck_assert_msg(strcmp(got, rows[i].want) == 0, "row %zu: \"%s\"", i, got);
	}
}
END_TEST

START_TEST(ascii_fallback)
{
	double v[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };

	ck_assert_str_eq(render(v, 8, 8, SPARK_ASCII, 7), "_.:-=+*#");
	v[3] = NAN;
	const char *got = render(v, 8, 8, SPARK_ASCII, 0);
	ck_assert_str_eq(got, "_.: =+*#");
	for (const char *p = got; *p; p++) /* nothing but printable ASCII */
		ck_assert(*p >= 0x20 && *p < 0x7f);
}
END_TEST

START_TEST(braille_two_per_cell)
{
	double v[6] = { 0, 4, NAN, NAN, 2, NAN };

	ck_assert_uint_eq(spark_per_cell(SPARK_BRAILLE), 2);
	ck_assert_uint_eq(spark_per_cell(SPARK_BLOCKS), 1);
	/* (0, 4): one dot left, four right; (gap, gap): a blank; (2, gap): three dots left */
	ck_assert_str_eq(render(v, 6, 3, SPARK_BRAILLE, 0), "\u28f8 \u2846");
}
END_TEST

START_TEST(short_series_right_aligned)
{
	double v[2] = { 0, 5 };

	ck_assert_str_eq(render(v, 2, 5, SPARK_ASCII, 0), "   _#");
	ck_assert_str_eq(render(v, 0, 3, SPARK_ASCII, 0), "   ");
}
END_TEST

START_TEST(long_series_spans)
{
	double v[300];

	for (size_t i = 0; i < 300; i++)
		v[i] = i < 150 ? 0 : 10;
	ck_assert_str_eq(render(v, 300, 4, SPARK_ASCII, 0), "__##");
	/* a span is the mean of its known values; a span with none is a gap */
	for (size_t i = 0; i < 300; i++)
		v[i] = i < 75 ? NAN : i % 2 ? 10 : NAN;
	ck_assert_str_eq(render(v, 300, 4, SPARK_ASCII, 0), " ###");
	/* the newest value is on the right */
	for (size_t i = 0; i < 300; i++)
		v[i] = i == 299 ? 1 : 0;
	ck_assert_str_eq(render(v, 300, 3, SPARK_ASCII, 0), "__#");
}
END_TEST

START_TEST(scale_and_buffers)
{
	double v[4] = { 1, NAN, 7, -3 }, w[4] = { 1, 2, 3, 4 };
	char buf[SPARK_BYTES(4)];

	ck_assert(spark_scale(v, 4) == 7);
	ck_assert(spark_scale(v, 0) == 0);
	/* a buffer for two cells gets two whole cells, never part of a character */
	ck_assert_uint_eq(spark_render(buf, 7, w, 4, 4, SPARK_BLOCKS, 0), 6);
	ck_assert_uint_eq(strlen(buf), 6);
	ck_assert_uint_eq(spark_render(buf, 1, v, 4, 4, SPARK_BLOCKS, 0), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(spark_render(buf, 0, v, 4, 4, SPARK_BLOCKS, 0), 0);
	ck_assert_uint_eq(spark_render(buf, sizeof buf, v, 4, 4, SPARK_BLOCKS, NAN), 8); /* NaN: its own scale */
	ck_assert_str_eq(buf, B2 " " B8 " ");
}
END_TEST

/* All sparkline tests. */
static Suite *
spark_suite(void)
{
	Suite *s = suite_create("spark");
	TCase *tc = tcase_create("spark");
	tcase_add_test(tc, blocks_heights);
	tcase_add_test(tc, ascii_fallback);
	tcase_add_test(tc, braille_two_per_cell);
	tcase_add_test(tc, short_series_right_aligned);
	tcase_add_test(tc, long_series_spans);
	tcase_add_test(tc, scale_and_buffers);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(spark_suite)
