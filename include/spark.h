/* spark.h — a series of values drawn as a one-line sparkline.
 *
 * Contract: pure (no curses, no locale): values in, a NUL-terminated string
 * out.  The series is oldest first; the newest value lands in the rightmost
 * column and a series shorter than the line is padded with gaps on the
 * left.  A series longer than the line is cut into equal spans, one per
 * column (newest span on the right), each shown as the mean of its known
 * values.  Unknown values (NaN, infinite, negative) are gaps (blank), never
 * zero; zero is the baseline (the lowest glyph), and any value above zero is
 * drawn at least one step above it, so a single drop never vanishes.
 * Heights are linear from 0 to the scale (spark_scale: the largest known
 * value, or the caller's own so that two lines compare).  The glyph set is
 * the caller's choice (the UI knows whether the terminal does UTF-8):
 * Unicode blocks (8 heights, a value a cell), braille (5 heights, two values
 * a cell) or ASCII (8 heights, a value a cell). */
#ifndef TICCTOP_SPARK_H
#define TICCTOP_SPARK_H

#include <stddef.h>

enum spark_style {
	SPARK_BLOCKS,    /* ▁▂▃▄▅▆▇█ */
	SPARK_BRAILLE,   /* ⣀⣤⣶⣿ two columns a cell */
	SPARK_ASCII,     /* _.:-=+*# */
	SPARK_STYLE_COUNT
};

/* Bytes a line of `cells` cells may take, the NUL included. */
#define SPARK_BYTES(cells) ((size_t)(cells) * 3 + 1)

/* Values one cell shows in style st (braille 2, else 1). */
size_t spark_per_cell(enum spark_style st);

/* The scale for v[0..n): its largest known value (0 when none is known). */
double spark_scale(const double *v, size_t n);

/* Write the sparkline of v[0..n) (oldest first) as `cells` cells of style st
 * into buf (size bytes; SPARK_BYTES(cells) always suffice), scaled to max
 * (<= 0 or not finite: the tallest column reaches the top); returns the
 * bytes written.  Fewer cells are written when buf is too small, never
 * part of one. */
size_t spark_render(char *buf, size_t size, const double *v, size_t n, size_t cells, enum spark_style st,
                    double max);

#endif
