/* parse_dash.h — a TICC-DASH or Chrony Web Interface `/data` answer in, client rows out.
 *
 * Contract: pure like every parser (parse.h): bytes in, rows to a sink, no
 * I/O.  The format is auto-detected from the document's keys:
 *   - TICC-DASH and Web Interface V2: "clients_parsed", an array of objects
 *     whose values are strings in chronyc's plain spelling ('-' = none, Last
 *     may end in m/h/d/y).  Only NTP, Drop, Int, IntL, Last and Cmd are sent,
 *     so the Cmd group's drops, interval and last seen stay unknown.
 *   - Web Interface V1: "clients", chronyc's plain table as one string,
 *     handed to parse_table.
 * Two readers, one result.  The normal path is a fast in-place reader for
 * the shape real servers send (TICC-DASH's: printable ASCII strings without
 * escapes, the known top-level keys, entries of exactly the seven string
 * members): it checks the whole document first and allocates nothing, so
 * 100k clients cost no tree.  Anything else (V1, escapes, odd entries,
 * broken JSON) it declines before a row went out, and jansson reads it,
 * rejecting duplicate keys and NUL characters; nesting deeper than
 * jansson's limit (2048) is a JSON error, not a crash.  Both readers give
 * the same rows, report and server_info for any document both accept
 * (tests/check_dash_fast.c, tests/fuzz_dash.c).
 * The document-level keys must have their types (else PARSE_ERR_SCHEMA);
 * an entry of the wrong shape is skipped and counted (rep->entries set),
 * like a bad line.  What the server said about itself (which application
 * answered, its clock, count and own error) comes back in a server_info
 * even when the parse fails. */
#ifndef TICCTOP_PARSE_DASH_H
#define TICCTOP_PARSE_DASH_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"
#include "server.h"

/* Parse a /data answer buf[0..len): rows to sink, the rest into info. */
enum parse_err parse_dash(const char *buf, size_t len, row_sink sink, void *ctx,
                          struct parse_report *rep, struct server_info *info);

#endif
