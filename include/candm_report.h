/* candm_report.h — chronyd's own reports on its command socket (tracking,
 * serverstats, activity, sources, sourcestats, ntpdata) into the records of
 * serverdata.h.
 *
 * Contract: pure (no I/O, no globals, no allocation).  A reply that
 * candm_check passed for a report command becomes that report's values
 * through one table per reply layout (offset, wire kind, field): each value
 * is written as the token `chronyc -c` prints for it and read by
 * parse_reports' reports_token, so the socket and chronyc give the same
 * values, text and unknowns by construction.  chrony's Float (7-bit signed
 * exponent, 25-bit signed coefficient: coef * 2^(exp - 25)) is rounded to
 * chronyc's decimals exactly, in integers, in every locale; a timespec is
 * sec_high (0x7fffffff: none), sec_low, nsec.  A value chronyc could print
 * but the shared reader refuses (beyond 19 digits) is CANDM_ERR_VALUE: the
 * report is not read, as chronyc's line would be skipped.  Fields a
 * chronyd's layout does not carry stay unknown (serverstats before 4.4).
 * An address's ref ID (ntpdata's remote and local IDs) is chronyc's: an
 * IPv4 address's 4 bytes, the first 4 bytes of an IPv6 address's MD5. */
#ifndef TICCTOP_CANDM_REPORT_H
#define TICCTOP_CANDM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "candm.h"
#include "serverdata.h"

#define CANDM_SOURCES_MAX 4096   /* sources a chronyd may say it has; more is a bad reply */

/* The value of chrony's Float w (host order). */
double candm_float(uint32_t w);

/* Read a checked reply p[0..len) to the report command cmd into vals:
 * CANDM_TRACKING a srv_tracking's, CANDM_SERVERSTATS a srv_serverstats',
 * CANDM_ACTIVITY a srv_activity's, CANDM_NTPDATA a srv_ntpdata's;
 * CANDM_SOURCE_DATA a srv_source's fields before SRC_FIRST_STATS,
 * CANDM_SOURCESTATS its SRC_ADDRESS (to merge by, as chronyc does) and
 * those from SRC_FIRST_STATS on (the others are left alone).  *hidden is
 * set for a source chronyc does not list (no address: its ID#).  Every
 * field of the report's table is written; CANDM_OK or CANDM_ERR_VALUE. */
enum candm_err candm_report(enum candm_cmd cmd, const uint8_t *p, size_t len, struct srv_value *vals, bool *hidden);

/* The count in a checked CANDM_N_SOURCES reply; CANDM_ERR_COUNT_BAD over
 * CANDM_SOURCES_MAX. */
enum candm_err candm_n_sources(const uint8_t *p, size_t len, uint32_t *n);

#endif
