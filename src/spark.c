/* spark.c — sparklines from series of values (pure). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "spark.h"

#define SPARK_COLS_MAX 1024   /* columns one line computes at most (wider lines are cut) */

/* One glyph set: how many heights, values per cell, the glyphs. */
struct spark_set {
	size_t heights;            /* distinct heights, the baseline (zero) included */
	size_t per_cell;
	const char *glyph[8];      /* a cell of one height (blocks, ASCII) */
};

static const struct spark_set sets[SPARK_STYLE_COUNT] = {
	[SPARK_BLOCKS] = { 8, 1, { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" } },
	[SPARK_BRAILLE] = { 4, 2, { 0 } },
	[SPARK_ASCII] = { 8, 1, { "_", ".", ":", "-", "=", "+", "*", "#" } },
};

/* Braille dots of a bar 1..4 dots high, left and right column (bits of U+2800). */
static const unsigned char braille_bar[2][5] = {
	{ 0, 0x40, 0x44, 0x46, 0x47 },
	{ 0, 0x80, 0xa0, 0xb0, 0xb8 },
};

/* Return whether x is a value (not unknown). */
static int
known(double x)
{
	return isfinite(x) && x >= 0;
}

/* Values one cell shows in style st. */
size_t
spark_per_cell(enum spark_style st)
{
	return sets[st].per_cell;
}

/* The largest known value of v[0..n), 0 when none is. */
double
spark_scale(const double *v, size_t n)
{
	double max = 0;

	for (size_t i = 0; i < n; i++)
		if (known(v[i]) && v[i] > max)
			max = v[i];
	return max;
}

/* Fill col[0..cols) from v[0..n): right-aligned, NaN before the series,
 * each column the mean of the known values of its span when n > cols. */
static void
columns(double *col, size_t cols, const double *v, size_t n)
{
	for (size_t c = 0; c < cols; c++) {
		if (n <= cols) {
			col[c] = c + n >= cols ? v[c + n - cols] : NAN;
			continue;
		}
		size_t from = c * n / cols, to = (c + 1) * n / cols, k = 0;
		double sum = 0;
		for (size_t i = from; i < to; i++)
			if (known(v[i])) {
				sum += v[i];
				k++;
			}
		col[c] = k ? sum / (double)k : NAN;
	}
}

/* The height index (0: baseline) of x on a scale of max, of h heights; -1 unknown. */
static int
height(double x, double max, size_t h)
{
	if (!known(x))
		return -1;
	if (x <= 0 || max <= 0)
		return 0;
	double f = x / max;  /* the top is for the scale itself */
	return (int)(1 + (f >= 1 ? h - 2 : (size_t)(f * (double)(h - 2))));
}

/* Append the UTF-8 of braille cell bits to buf at *at; false when it does not fit. */
static int
put_braille(char *buf, size_t size, size_t *at, unsigned bits)
{
	if (*at + 4 > size)
		return 0;
	buf[(*at)++] = (char)0xe2;
	buf[(*at)++] = (char)(0xa0 | bits >> 6);
	buf[(*at)++] = (char)(0x80 | (bits & 0x3f));
	return 1;
}

/* Append s to buf at *at; false when it does not fit. */
static int
put(char *buf, size_t size, size_t *at, const char *s)
{
	size_t len = strlen(s);

	if (*at + len + 1 > size)
		return 0;
	memcpy(buf + *at, s, len);
	*at += len;
	return 1;
}

/* Write the sparkline of v[0..n) as `cells` cells of style st into buf. */
size_t
spark_render(char *buf, size_t size, const double *v, size_t n, size_t cells, enum spark_style st, double max)
{
	const struct spark_set *set = &sets[st];
	double col[SPARK_COLS_MAX];
	size_t at = 0;

	if (size == 0)
		return 0;
	if (cells > SPARK_COLS_MAX / set->per_cell)
		cells = SPARK_COLS_MAX / set->per_cell;
	size_t cols = cells * set->per_cell;
	columns(col, cols, v, n);
	if (!(max > 0) || !isfinite(max))
		max = spark_scale(col, cols);
	for (size_t c = 0; c < cells; c++) {
		int ok;
		if (set->per_cell == 2) {
			int l = height(col[2 * c], max, set->heights), r = height(col[2 * c + 1], max, set->heights);
			ok = l < 0 && r < 0 ? put(buf, size, &at, " ")
			   : put_braille(buf, size, &at, braille_bar[0][l + 1] | braille_bar[1][r + 1]);
		} else {
			int h = height(col[c], max, set->heights);
			ok = put(buf, size, &at, h < 0 ? " " : set->glyph[h]);
		}
		if (!ok)
			break;
	}
	buf[at] = '\0';
	return at;
}
