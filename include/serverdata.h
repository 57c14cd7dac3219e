/* serverdata.h — the server itself and its time sources: chronyd's
 * tracking, serverstats, activity, sources merged with sourcestats, and the
 * ntpdata of one source.
 *
 * Contract: plain records, neutral of where they came from (chronyc's CSV
 * today, chronyd's socket later).  Each report is an array of values indexed
 * by its own field enum, and described by one table (serverdata.c): JSON
 * key, label for people (chronyc's own words), kind, unit, and the column
 * chronyc -c prints it in.  Parsers, writers and screens walk that table;
 * a new field is one enum member and one row.  A value is known or unknown;
 * unknown is a flag, never a zero (an older chronyd prints fewer serverstats
 * columns: the rest stay unknown).  Text in a value is raw as the source gave
 * it: sanitise before showing.  Pure: no I/O, no allocation. */
#ifndef TICCTOP_SERVERDATA_H
#define TICCTOP_SERVERDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SRV_TEXT_MAX 48     /* bytes of a text value with its NUL (an IPv6 address fits) */
#define SRV_SOURCES_MAX 64  /* sources kept; more are counted in server_data.sources_dropped */
#define SRV_NOTE_MAX 240

/* The reports, in the order one chronyc run asks for them. */
enum srv_report {
	SRV_TRACKING,
	SRV_SERVERSTATS,
	SRV_ACTIVITY,
	SRV_SOURCES,      /* sources, then sourcestats merged into the same records */
	SRV_SOURCESTATS,
	SRV_NTPDATA,
	SRV_REPORT_COUNT
};

/* What a value is. */
enum srv_kind {
	SK_TEXT,   /* a name or address */
	SK_COUNT,  /* unsigned integer, exact in .count up to 2^64-1 */
	SK_INT,    /* signed integer (stratum, log2 poll, precision) */
	SK_REAL,   /* real number in .unit */
	SK_HEX,    /* 8 hex digits (reference ID): .count */
	SK_OCTAL,  /* octal digits (reach register, 8 bits): .count */
	SK_BITS,   /* binary digits (NTP tests): .count, the digits in .text */
	SK_WORD,   /* one of the field's words: its index in .count and .num */
	SK_BOOL    /* Yes / No: .count 1 / 0 */
};

/* One value of a report. */
struct srv_value {
	bool known;
	double num;                /* the value as a number (every kind but SK_TEXT) */
	uint64_t count;            /* exact: SK_COUNT, SK_HEX, SK_OCTAL, SK_BITS, SK_WORD, SK_BOOL */
	char text[SRV_TEXT_MAX];   /* the token as the source printed it (raw) */
};

/* One row of a report's table. */
struct srv_field {
	const char *key;          /* JSON key and machine name ("root_dispersion") */
	const char *label;        /* for people, chronyc's words ("Root dispersion") */
	enum srv_kind kind;
	const char *unit;         /* "s", "ppm", "log2 s", NULL */
	int column;               /* 0-based column in chronyc -c's line of its report */
	bool u32_none;            /* 4294967295 means none (chronyc's "-") */
	const char *const *words; /* SK_WORD: the tokens chronyc prints, NULL-terminated */
	const char *const *names; /* SK_WORD: each token's name for people and JSON ("selected") */
};

/* tracking: one line, 14 columns. */
enum tracking_field {
	TRK_REF_ID, TRK_REF_NAME, TRK_STRATUM, TRK_REF_TIME, TRK_SYSTEM_TIME, TRK_LAST_OFFSET,
	TRK_RMS_OFFSET, TRK_FREQUENCY, TRK_RESIDUAL_FREQ, TRK_SKEW, TRK_ROOT_DELAY,
	TRK_ROOT_DISPERSION, TRK_UPDATE_INTERVAL, TRK_LEAP,
	TRK_COUNT
};

/* serverstats: one line of 5 (chrony 3.x), 8 (4.0-4.1), 11 (4.2-4.3) or
 * 17 (4.4 and later) counters; those a chronyd does not print stay unknown. */
enum serverstats_field {
	SST_NTP_RECEIVED, SST_NTP_DROPPED, SST_CMD_RECEIVED, SST_CMD_DROPPED, SST_LOG_DROPPED,
	SST_NKE_ACCEPTED, SST_NKE_DROPPED, SST_NTP_AUTH, SST_NTP_INTERLEAVED, SST_TIMESTAMPS_HELD,
	SST_TIMESTAMP_SPAN, SST_DAEMON_RX, SST_DAEMON_TX, SST_KERNEL_RX, SST_KERNEL_TX, SST_HW_RX,
	SST_HW_TX,
	SST_COUNT
};

/* activity: one line, 5 counts. */
enum activity_field {
	ACT_ONLINE, ACT_OFFLINE, ACT_BURST_ONLINE, ACT_BURST_OFFLINE, ACT_UNRESOLVED,
	ACT_COUNT
};

/* A time source: sources' 10 columns, then sourcestats' 7 after its name
 * (merged by the name/address column). */
enum source_field {
	SRC_MODE, SRC_STATE, SRC_ADDRESS, SRC_STRATUM, SRC_POLL, SRC_REACH, SRC_LAST_RX,
	SRC_OFFSET, SRC_MEASURED_OFFSET, SRC_ERROR,
	SRC_NP, SRC_NR, SRC_SPAN, SRC_FREQUENCY, SRC_FREQ_SKEW, SRC_EST_OFFSET, SRC_STD_DEV,
	SRC_COUNT
};
#define SRC_FIRST_STATS SRC_NP   /* the first field sourcestats gives */

/* The state symbols of SRC_STATE, in the order of its words. */
enum source_state {
	SRC_STATE_SELECTED,     /* '*' current best */
	SRC_STATE_COMBINED,     /* '+' */
	SRC_STATE_NOT_COMBINED, /* '-' */
	SRC_STATE_UNUSABLE,     /* '?' */
	SRC_STATE_FALSETICKER,  /* 'x' may be in error */
	SRC_STATE_JITTERY,      /* '~' too variable */
	SRC_STATE_COUNT
};

/* Leap status words of TRK_LEAP and NTP_LEAP, in order. */
enum srv_leap { LEAP_NORMAL, LEAP_INSERT, LEAP_DELETE, LEAP_UNSYNC, LEAP_INVALID, LEAP_COUNT };

/* ntpdata of one source: 34 columns (chrony 4.x to 4.3), 38 (4.4 and later). */
enum ntpdata_field {
	NTP_REMOTE_ADDR, NTP_REMOTE_ID, NTP_REMOTE_PORT, NTP_LOCAL_ADDR, NTP_LOCAL_ID, NTP_LEAP,
	NTP_VERSION, NTP_MODE, NTP_STRATUM, NTP_POLL, NTP_POLL_SECONDS, NTP_PRECISION,
	NTP_PRECISION_SECONDS, NTP_ROOT_DELAY, NTP_ROOT_DISPERSION, NTP_REF_ID, NTP_REF_NAME,
	NTP_REF_TIME, NTP_OFFSET, NTP_PEER_DELAY, NTP_PEER_DISPERSION, NTP_RESPONSE_TIME,
	NTP_JITTER_ASYMMETRY, NTP_TESTS_A, NTP_TESTS_B, NTP_TESTS_C, NTP_INTERLEAVED,
	NTP_AUTHENTICATED, NTP_TX_TIMESTAMPING, NTP_RX_TIMESTAMPING, NTP_TOTAL_TX, NTP_TOTAL_RX,
	NTP_TOTAL_VALID_RX, NTP_TOTAL_GOOD_RX, NTP_KERNEL_TX, NTP_KERNEL_RX, NTP_HW_TX, NTP_HW_RX,
	NTP_COUNT
};

struct srv_tracking { struct srv_value v[TRK_COUNT]; };
struct srv_serverstats { struct srv_value v[SST_COUNT]; };
struct srv_activity { struct srv_value v[ACT_COUNT]; };
struct srv_source { struct srv_value v[SRC_COUNT]; };
struct srv_ntpdata { struct srv_value v[NTP_COUNT]; };

/* Whether a source can give the server's own data at all. */
enum srv_avail {
	SRV_AVAIL_NONE,          /* nothing read (yet, or this poll failed) */
	SRV_AVAIL_LOCAL,         /* read from chronyd */
	SRV_AVAIL_CLIENTS_ONLY,  /* the source carries only clients (a dashboard's /data): note says so */
	SRV_AVAIL_COUNT
};

/* Everything one poll learnt of the server and its sources. */
struct server_data {
	enum srv_avail avail;
	char note[SRV_NOTE_MAX];          /* one line for people when avail is not LOCAL, or a
	                                     report was missing or bad; "" if none */
	bool have[SRV_REPORT_COUNT];      /* the report came and was read (its line, or its rows) */
	struct srv_tracking tracking;
	struct srv_serverstats serverstats;
	struct srv_activity activity;
	size_t nsources;
	size_t sources_dropped;           /* sources beyond SRV_SOURCES_MAX, not kept */
	struct srv_source sources[SRV_SOURCES_MAX];
	char ntpdata_for[SRV_TEXT_MAX];   /* the address ntpdata was asked for; "" if none */
	char ntpdata_error[SRV_NOTE_MAX]; /* why it was not given (chronyc's words); "" if none */
	struct srv_ntpdata ntpdata;       /* have[SRV_NTPDATA]: filled */
};

/* Describe field f of report r (SRV_SOURCESTATS: none; its fields are
 * SRV_SOURCES' from SRC_FIRST_STATS on). */
const struct srv_field *srv_field(enum srv_report r, int f);

/* The number of fields of report r's records. */
int srv_field_count(enum srv_report r);

/* The chronyc command of report r ("tracking"). */
const char *srv_report_command(enum srv_report r);

/* The JSON member name of report r ("tracking", "serverstats", "sources"). */
const char *srv_report_key(enum srv_report r);

/* Find a field of report r by its key; -1 when there is none. */
int srv_field_find(enum srv_report r, const char *key);

/* The name for people of a known SK_WORD value (its names entry), else NULL. */
const char *srv_word_name(const struct srv_field *fi, const struct srv_value *v);

/* Reset d to "nothing read" (avail NONE, every value unknown). */
void server_data_clear(struct server_data *d);

/* Mark d as from a source that carries clients only, with why for people. */
void server_data_clients_only(struct server_data *d, const char *why);

/* The source of d whose address is addr (NUL-terminated); NULL when none. */
const struct srv_source *server_data_source(const struct server_data *d, const char *addr);

/* Return whether addr may be asked for ntpdata: a numeric IPv4 or IPv6
 * address (hex digits, '.', ':'), 1..SRV_TEXT_MAX-1 bytes, nothing else. */
bool srv_ntpdata_addr_ok(const char *addr);

#endif
