/* parse_reports.h — one `chronyc -c -n -m tracking serverstats activity
 * sources sourcestats clients [ntpdata ADDR]` run in: server data and
 * client rows out.
 *
 * Contract: pure, as parse.h.  chronyc -m prints the answers one after the
 * other with no separator, and stops at the first command that fails, so
 * each line is told by its shape, in the run's order: tracking (14 fields),
 * serverstats (5, 8, 11 or 17 counts, by chrony version), activity (5
 * counts), sources (10 fields, mode and state symbols first), sourcestats
 * (8), clients (10, as parse_csv), ntpdata (34 or 38).  A report that did not
 * come stays unknown (server_data.have); a line that is none of them, or a
 * report's line with a bad value, is skipped and counted in the parse_report
 * like a bad client line, never guessed at.  Output of `chronyc -c clients`
 * alone reads as it always did. */
#ifndef TICCTOP_PARSE_REPORTS_H
#define TICCTOP_PARSE_REPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"
#include "serverdata.h"

/* The i-th command of the run (i from 0), before any ntpdata; NULL past the last. */
const char *reports_command(size_t i);

/* Parse one run's output: client rows to sink, the server's reports into
 * *sd (cleared first; avail LOCAL once any report was read).  Fails only as
 * parse_csv does (no line was anything; the sink refused). */
enum parse_err parse_reports(const char *buf, size_t len, row_sink sink, void *ctx, struct server_data *sd,
                             struct parse_report *rep);

/* Read one value t[0..len) as chronyc -c prints field fi into *v: the one
 * reading of a value, for chronyd's socket too (candm_report.h).  LINE_OK or
 * why not; an empty text, and chronyc's none for a u32_none field, leave v
 * unknown. */
enum line_err reports_token(const struct srv_field *fi, const char *t, size_t len, struct srv_value *v);

#endif
