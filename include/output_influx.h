/* output_influx.h — InfluxDB line protocol.
 *
 * Contract: pure (writes to a stream).  A report is lines of three
 * measurements, each with the tag server=<name> (the report's name, else
 * its target): ticctop_summary (clients, shown, ok, warning, critical,
 * skipped as integers, source_up 1 or 0, source_age in seconds when there
 * is data, error when the poll failed), ticctop_server (what a remote
 * server said of itself, when it said anything), and ticctop_clients, one
 * line per client of the view, tags addr and family, fields status (the
 * word), status_code (0 ok, 1 warning, 2 critical) and each known field
 * of the field table (sample.h) under its CSV column in its base unit
 * (metric.h): whole numbers with the `i` suffix, intervals as float
 * seconds; an unknown value is no field.  Every string is sanitised first
 * like all text from a source (no control byte, no newline); then tag
 * values have ',', '=' and ' ' escaped with '\' (a backslash is itself,
 * as InfluxDB 1.x reads it), string fields '"' and '\'; a backslash that
 * would end a value is written as the text \x5c, since 1.x would read it
 * as escaping the separator after it.  Timestamps are nanoseconds: the clients'
 * when their data was read, the summary's and server's when the poll
 * finished (whole seconds).  Numbers are C's under any locale. */
#ifndef TICCTOP_OUTPUT_INFLUX_H
#define TICCTOP_OUTPUT_INFLUX_H

#include <stdio.h>

#include "output.h"

/* Write r as line protocol (output_write's writer for FORMAT_INFLUX). */
void influx_write_report(FILE *fp, const struct report *r);

#endif
