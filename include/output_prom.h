/* output_prom.h — Prometheus text exposition format (version 0.0.4).
 *
 * Contract: pure (writes to a stream).  One exposition holds the reports of
 * one or more servers, each report's series labelled server="<name>"; every
 * metric family is written once, HELP and TYPE first, all servers' series
 * of it together (so a fleet of servers is one valid exposition).  Families
 * are rows of tables: the summary's (clients, clients by status, source up,
 * source age, ...), the server's own (what it said of itself), and one
 * family per field of the field table (sample.h) for the clients of each
 * report's view, named ticctop_client_<column><suffix> in base units
 * (metric.h: counters end in _total, intervals are seconds, not log2), with
 * labels server, addr and family, plus ticctop_client_status (a numeric
 * code: 0 ok, 1 warning, 2 critical).  An unknown value is no series.
 * Label values are sanitised like every string from a source (a control
 * byte becomes the text \xNN), then '\', '"' and newline are escaped.
 * max_series caps the series of one exposition: the summary and server
 * series always, then whole clients in view order while they fit; those
 * left out are counted in ticctop_clients_omitted.  Numbers are C's under
 * any locale; no timestamps (the textfile collector refuses them). */
#ifndef TICCTOP_OUTPUT_PROM_H
#define TICCTOP_OUTPUT_PROM_H

#include <stdbool.h>
#include <stdio.h>

#include "output.h"

/* Write r[0..n) as one exposition, at most r[0].max_series series (0: no
 * limit).  Numbers as printf writes them: the caller sets C's numbers
 * (output_write, output_write_fleet do). */
void prom_write(FILE *fp, const struct report *r, size_t n);

/* Clients that prom_write(r, n) leaves out, all reports together. */
size_t prom_omitted(const struct report *r, size_t n);

#endif
