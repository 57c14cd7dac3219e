/* candm.h — chronyd's command protocol (version 6, as chronyc 4.x speaks it
 * on the Unix socket): request bytes out, checked replies in.
 *
 * Contract: pure (no I/O, no globals, no allocation).  candm_request writes
 * one request of a command in the table (candm.c), zero-padded to the length
 * of its reply as chronyd demands.  A reply is untrusted bytes: candm_check
 * checks, in this order, the header's length, the packet type, the protocol
 * version, the command echoed, the sequence number, the status and the
 * reply type (one of the command's, serverstats and ntpdata have several
 * by chrony version), then the exact length of that reply type; the first check that
 * fails is the result (closed enum candm_err, candm_err_text says it in
 * words).  A clients page (REQ_CLIENT_ACCESSES_BY_INDEX3) is then checked as
 * a whole (record count, indices) by candm_clients_page, and each of its
 * records becomes a row through one table of offsets, wire kinds and fields
 * (candm_client_row), with exactly the values `chronyc -c clients` prints
 * for it (parse_number's rules).  Never asks chronyd to reset counters. */
#ifndef TICCTOP_CANDM_H
#define TICCTOP_CANDM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "row.h"

#define CANDM_VERSION 6
#define CANDM_MAX_PACKET 1024        /* more than any request or reply we send or take */
#define CANDM_PAGE_CLIENTS 8         /* clients chronyd gives in one reply at most */
#define CANDM_CLIENT_LEN 60          /* bytes of one client record */
#define CANDM_KEY_LEN 17             /* a client's identity: family byte + 16 address bytes */
#define CANDM_ADDR_MAX 46            /* an address as text, NUL included (INET6_ADDRSTRLEN) */

/* The commands ticctop sends (the server's reports are read by candm_report.h). */
enum candm_cmd {
	CANDM_CLIENTS,       /* REQ_CLIENT_ACCESSES_BY_INDEX3: first index, count, min hits, reset=0 */
	CANDM_TRACKING,      /* REQ_TRACKING */
	CANDM_SERVERSTATS,   /* REQ_SERVER_STATS: answered in one of 4 layouts, by chrony version */
	CANDM_ACTIVITY,      /* REQ_ACTIVITY */
	CANDM_N_SOURCES,     /* REQ_N_SOURCES */
	CANDM_SOURCE_DATA,   /* REQ_SOURCE_DATA: index */
	CANDM_SOURCESTATS,   /* REQ_SOURCESTATS: index */
	CANDM_NTPDATA,       /* REQ_NTP_DATA: an address as 5 words (candm_addr_args) */
	CANDM_CMD_COUNT
};

enum candm_err {
	CANDM_OK,
	CANDM_ERR_SHORT,         /* shorter than a reply header */
	CANDM_ERR_NOT_REPLY,     /* the packet type is not a reply */
	CANDM_ERR_VERSION,       /* another protocol version, or chronyd refused ours */
	CANDM_ERR_COMMAND,       /* the reply is to another command */
	CANDM_ERR_SEQUENCE,      /* the reply is to another request */
	CANDM_ERR_UNAUTH,        /* status: not authorised */
	CANDM_ERR_INACTIVE,      /* status: client logging is off (chronyc's 519) */
	CANDM_ERR_UNSUPPORTED,   /* status: chronyd does not know the command or its length */
	CANDM_ERR_STATUS,        /* status: another failure */
	CANDM_ERR_REPLY_TYPE,    /* a reply type that does not answer the command */
	CANDM_ERR_LENGTH,        /* not the length of that reply type */
	CANDM_ERR_COUNT_BAD,     /* more records than asked for, or more than fit */
	CANDM_ERR_INDEX,         /* indices that cannot follow from the request */
	CANDM_ERR_FAMILY,        /* a record's address family is not IPv4 or IPv6 */
	CANDM_ERR_NO_SOURCE,     /* status: no such source (chronyc's 503) */
	CANDM_ERR_VALUE,         /* a report's value beyond what chronyc prints (candm_report.h) */
	CANDM_ERR_COUNT
};

/* One page of the client table as chronyd answered it (checked). */
struct candm_page {
	uint32_t n_indices;      /* slots in chronyd's table (its size, empty ones included) */
	uint32_t next_index;     /* where the next request of this walk starts */
	size_t n;                /* records in this reply */
	const uint8_t *rec;      /* n records of CANDM_CLIENT_LEN bytes, in the reply */
};

/* Write the request for cmd with arguments arg[0..n) (CANDM_CLIENTS: first
 * index, count; CANDM_SOURCE_DATA, CANDM_SOURCESTATS: index; CANDM_NTPDATA:
 * candm_addr_args' 5) into buf, padded to the longest of its replies;
 * returns its length, 0 when buf is too small or n is not the command's
 * argument count. */
size_t candm_request(uint8_t *buf, size_t size, enum candm_cmd cmd, uint32_t seq, uint16_t attempt,
                     const uint32_t *arg, size_t n);

/* The sequence number a reply echoes; false when it is too short to hold one. */
bool candm_sequence(const uint8_t *p, size_t len, uint32_t *seq);

/* Check a reply to the request cmd with sequence seq (see the contract);
 * *status gets chronyd's status code when the header got that far, else 0. */
enum candm_err candm_check(const uint8_t *p, size_t len, enum candm_cmd cmd, uint32_t seq, uint16_t *status);

/* Check a reply that candm_check passed as the clients page asked for at
 * first (count records at most) and fill pg. */
enum candm_err candm_clients_page(const uint8_t *p, size_t len, uint32_t first, uint32_t count,
                                  struct candm_page *pg);

/* The identity of record rec (a page's record): family and address bytes. */
void candm_client_key(const uint8_t *rec, uint8_t key[CANDM_KEY_LEN]);

/* Make a row of record rec: its address as text into addr (the row points
 * there), its values as `chronyc -c clients` prints them. */
void candm_client_row(const uint8_t *rec, char addr[CANDM_ADDR_MAX], struct row *r);

/* The arguments of CANDM_NTPDATA for the numeric IPv4 or IPv6 address addr
 * (chronyd's address: 16 bytes, family); false when addr is not one. */
bool candm_addr_args(const char *addr, uint32_t arg[5]);

/* Say e in a few words ("the reply is to another command"). */
const char *candm_err_text(enum candm_err e);

#endif
