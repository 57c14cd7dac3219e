/* serverdata.c — the tables of the server's reports, and small helpers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "serverdata.h"

static const char *const leap_words[] = { "Normal", "Insert second", "Delete second", "Not synchronised",
	                                  "Invalid", NULL };
static const char *const mode_words[] = { "^", "=", "#", NULL };
static const char *const mode_names[] = { "server", "peer", "local clock", NULL };
static const char *const state_words[] = { "*", "+", "-", "?", "x", "~", NULL };
static const char *const state_names[] = { "selected", "combined", "not combined", "unusable", "falseticker",
	                                   "jittery", NULL };
static const char *const ntpmode_words[] = { "Server", "Symmetric active", "Symmetric passive", "Invalid", NULL };
static const char *const stamp_words[] = { "Daemon", "Kernel", "Hardware", "Invalid", NULL };

_Static_assert(sizeof state_words / sizeof state_words[0] == SRC_STATE_COUNT + 1, "a word per state");
_Static_assert(sizeof leap_words / sizeof leap_words[0] == LEAP_COUNT + 1, "a word per leap status");

#define WORDS(w) .kind = SK_WORD, .words = w, .names = w
#define NAMED(w, n) .kind = SK_WORD, .words = w, .names = n

static const struct srv_field tracking_fields[TRK_COUNT] = {
	[TRK_REF_ID] = { .key = "ref_id", .label = "Reference ID", .kind = SK_HEX, .unit = NULL, .column = 0 },
	[TRK_REF_NAME] = { .key = "ref_name", .label = "Reference", .kind = SK_TEXT, .unit = NULL, .column = 1 },
	[TRK_STRATUM] = { .key = "stratum", .label = "Stratum", .kind = SK_INT, .unit = NULL, .column = 2 },
	[TRK_REF_TIME] = { .key = "ref_time", .label = "Ref time", .kind = SK_REAL, .unit = "s", .column = 3 },
	[TRK_SYSTEM_TIME] = { .key = "system_time", .label = "System time", .kind = SK_REAL, .unit = "s", .column = 4 },
	[TRK_LAST_OFFSET] = { .key = "last_offset", .label = "Last offset", .kind = SK_REAL, .unit = "s", .column = 5 },
	[TRK_RMS_OFFSET] = { .key = "rms_offset", .label = "RMS offset", .kind = SK_REAL, .unit = "s", .column = 6 },
	[TRK_FREQUENCY] = { .key = "frequency", .label = "Frequency", .kind = SK_REAL, .unit = "ppm", .column = 7 },
	[TRK_RESIDUAL_FREQ] = { .key = "residual_freq", .label = "Residual freq", .kind = SK_REAL, .unit = "ppm", .column = 8 },
	[TRK_SKEW] = { .key = "skew", .label = "Skew", .kind = SK_REAL, .unit = "ppm", .column = 9 },
	[TRK_ROOT_DELAY] = { .key = "root_delay", .label = "Root delay", .kind = SK_REAL, .unit = "s", .column = 10 },
	[TRK_ROOT_DISPERSION] = { .key = "root_dispersion", .label = "Root dispersion", .kind = SK_REAL, .unit = "s", .column = 11 },
	[TRK_UPDATE_INTERVAL] = { .key = "update_interval", .label = "Update interval", .kind = SK_REAL, .unit = "s", .column = 12 },
	[TRK_LEAP] = { .key = "leap_status", .label = "Leap status", .column = 13, WORDS(leap_words) },
};

static const struct srv_field serverstats_fields[SST_COUNT] = {
	[SST_NTP_RECEIVED] = { .key = "ntp_received", .label = "NTP packets received", .kind = SK_COUNT, .unit = NULL, .column = 0 },
	[SST_NTP_DROPPED] = { .key = "ntp_dropped", .label = "NTP packets dropped", .kind = SK_COUNT, .unit = NULL, .column = 1 },
	[SST_CMD_RECEIVED] = { .key = "cmd_received", .label = "Command packets received", .kind = SK_COUNT, .unit = NULL, .column = 2 },
	[SST_CMD_DROPPED] = { .key = "cmd_dropped", .label = "Command packets dropped", .kind = SK_COUNT, .unit = NULL, .column = 3 },
	[SST_LOG_DROPPED] = { .key = "log_dropped", .label = "Client log records dropped", .kind = SK_COUNT, .unit = NULL, .column = 4 },
	[SST_NKE_ACCEPTED] = { .key = "nke_accepted", .label = "NTS-KE connections accepted", .kind = SK_COUNT, .unit = NULL, .column = 5 },
	[SST_NKE_DROPPED] = { .key = "nke_dropped", .label = "NTS-KE connections dropped", .kind = SK_COUNT, .unit = NULL, .column = 6 },
	[SST_NTP_AUTH] = { .key = "ntp_auth", .label = "Authenticated NTP packets", .kind = SK_COUNT, .unit = NULL, .column = 7 },
	[SST_NTP_INTERLEAVED] = { .key = "ntp_interleaved", .label = "Interleaved NTP packets", .kind = SK_COUNT, .unit = NULL, .column = 8 },
	[SST_TIMESTAMPS_HELD] = { .key = "timestamps_held", .label = "NTP timestamps held", .kind = SK_COUNT, .unit = NULL, .column = 9 },
	[SST_TIMESTAMP_SPAN] = { .key = "timestamp_span", .label = "NTP timestamp span", .kind = SK_COUNT, .unit = "s", .column = 10 },
	[SST_DAEMON_RX] = { .key = "daemon_rx_timestamps", .label = "NTP daemon RX timestamps", .kind = SK_COUNT, .unit = NULL, .column = 11 },
	[SST_DAEMON_TX] = { .key = "daemon_tx_timestamps", .label = "NTP daemon TX timestamps", .kind = SK_COUNT, .unit = NULL, .column = 12 },
	[SST_KERNEL_RX] = { .key = "kernel_rx_timestamps", .label = "NTP kernel RX timestamps", .kind = SK_COUNT, .unit = NULL, .column = 13 },
	[SST_KERNEL_TX] = { .key = "kernel_tx_timestamps", .label = "NTP kernel TX timestamps", .kind = SK_COUNT, .unit = NULL, .column = 14 },
	[SST_HW_RX] = { .key = "hw_rx_timestamps", .label = "NTP hardware RX timestamps", .kind = SK_COUNT, .unit = NULL, .column = 15 },
	[SST_HW_TX] = { .key = "hw_tx_timestamps", .label = "NTP hardware TX timestamps", .kind = SK_COUNT, .unit = NULL, .column = 16 },
};

static const struct srv_field activity_fields[ACT_COUNT] = {
	[ACT_ONLINE] = { .key = "online", .label = "Sources online", .kind = SK_COUNT, .unit = NULL, .column = 0 },
	[ACT_OFFLINE] = { .key = "offline", .label = "Sources offline", .kind = SK_COUNT, .unit = NULL, .column = 1 },
	[ACT_BURST_ONLINE] = { .key = "burst_online", .label = "Sources doing burst (return to online)", .kind = SK_COUNT, .unit = NULL, .column = 2 },
	[ACT_BURST_OFFLINE] = { .key = "burst_offline", .label = "Sources doing burst (return to offline)", .kind = SK_COUNT, .unit = NULL, .column = 3 },
	[ACT_UNRESOLVED] = { .key = "unresolved", .label = "Sources with unknown address", .kind = SK_COUNT, .unit = NULL, .column = 4 },
};

/* sourcestats' columns are 1..7 of its own line (0 is the name it is merged by). */
static const struct srv_field source_fields[SRC_COUNT] = {
	[SRC_MODE] = { .key = "mode", .label = "Mode", .column = 0, NAMED(mode_words, mode_names) },
	[SRC_STATE] = { .key = "state", .label = "State", .column = 1, NAMED(state_words, state_names) },
	[SRC_ADDRESS] = { .key = "address", .label = "Name/IP address", .kind = SK_TEXT, .unit = NULL, .column = 2 },
	[SRC_STRATUM] = { .key = "stratum", .label = "Stratum", .kind = SK_INT, .unit = NULL, .column = 3 },
	[SRC_POLL] = { .key = "poll", .label = "Poll", .kind = SK_INT, .unit = "log2 s", .column = 4 },
	[SRC_REACH] = { .key = "reach", .label = "Reach", .kind = SK_OCTAL, .unit = NULL, .column = 5 },
	[SRC_LAST_RX] = { .key = "last_rx", .label = "LastRx", .kind = SK_COUNT, .unit = "s", .column = 6, .u32_none = true },
	[SRC_OFFSET] = { .key = "offset", .label = "Offset", .kind = SK_REAL, .unit = "s", .column = 7 },
	[SRC_MEASURED_OFFSET] = { .key = "measured_offset", .label = "Measured offset", .kind = SK_REAL, .unit = "s", .column = 8 },
	[SRC_ERROR] = { .key = "error", .label = "Error", .kind = SK_REAL, .unit = "s", .column = 9 },
	[SRC_NP] = { .key = "np", .label = "NP", .kind = SK_COUNT, .unit = NULL, .column = 1 },
	[SRC_NR] = { .key = "nr", .label = "NR", .kind = SK_COUNT, .unit = NULL, .column = 2 },
	[SRC_SPAN] = { .key = "span", .label = "Span", .kind = SK_COUNT, .unit = "s", .column = 3 },
	[SRC_FREQUENCY] = { .key = "frequency", .label = "Frequency", .kind = SK_REAL, .unit = "ppm", .column = 4 },
	[SRC_FREQ_SKEW] = { .key = "freq_skew", .label = "Freq skew", .kind = SK_REAL, .unit = "ppm", .column = 5 },
	[SRC_EST_OFFSET] = { .key = "est_offset", .label = "Est offset", .kind = SK_REAL, .unit = "s", .column = 6 },
	[SRC_STD_DEV] = { .key = "std_dev", .label = "Std dev", .kind = SK_REAL, .unit = "s", .column = 7 },
};

static const struct srv_field ntpdata_fields[NTP_COUNT] = {
	[NTP_REMOTE_ADDR] = { .key = "remote_address", .label = "Remote address", .kind = SK_TEXT, .unit = NULL, .column = 0 },
	[NTP_REMOTE_ID] = { .key = "remote_id", .label = "Remote ID", .kind = SK_HEX, .unit = NULL, .column = 1 },
	[NTP_REMOTE_PORT] = { .key = "remote_port", .label = "Remote port", .kind = SK_COUNT, .unit = NULL, .column = 2 },
	[NTP_LOCAL_ADDR] = { .key = "local_address", .label = "Local address", .kind = SK_TEXT, .unit = NULL, .column = 3 },
	[NTP_LOCAL_ID] = { .key = "local_id", .label = "Local ID", .kind = SK_HEX, .unit = NULL, .column = 4 },
	[NTP_LEAP] = { .key = "leap_status", .label = "Leap status", .column = 5, WORDS(leap_words) },
	[NTP_VERSION] = { .key = "version", .label = "Version", .kind = SK_COUNT, .unit = NULL, .column = 6 },
	[NTP_MODE] = { .key = "mode", .label = "Mode", .column = 7, WORDS(ntpmode_words) },
	[NTP_STRATUM] = { .key = "stratum", .label = "Stratum", .kind = SK_COUNT, .unit = NULL, .column = 8 },
	[NTP_POLL] = { .key = "poll", .label = "Poll interval", .kind = SK_INT, .unit = "log2 s", .column = 9 },
	[NTP_POLL_SECONDS] = { .key = "poll_seconds", .label = "Poll interval", .kind = SK_REAL, .unit = "s", .column = 10 },
	[NTP_PRECISION] = { .key = "precision", .label = "Precision", .kind = SK_INT, .unit = "log2 s", .column = 11 },
	[NTP_PRECISION_SECONDS] = { .key = "precision_seconds", .label = "Precision", .kind = SK_REAL, .unit = "s", .column = 12 },
	[NTP_ROOT_DELAY] = { .key = "root_delay", .label = "Root delay", .kind = SK_REAL, .unit = "s", .column = 13 },
	[NTP_ROOT_DISPERSION] = { .key = "root_dispersion", .label = "Root dispersion", .kind = SK_REAL, .unit = "s", .column = 14 },
	[NTP_REF_ID] = { .key = "ref_id", .label = "Reference ID", .kind = SK_HEX, .unit = NULL, .column = 15 },
	[NTP_REF_NAME] = { .key = "ref_name", .label = "Reference", .kind = SK_TEXT, .unit = NULL, .column = 16 },
	[NTP_REF_TIME] = { .key = "ref_time", .label = "Reference time", .kind = SK_REAL, .unit = "s", .column = 17 },
	[NTP_OFFSET] = { .key = "offset", .label = "Offset", .kind = SK_REAL, .unit = "s", .column = 18 },
	[NTP_PEER_DELAY] = { .key = "peer_delay", .label = "Peer delay", .kind = SK_REAL, .unit = "s", .column = 19 },
	[NTP_PEER_DISPERSION] = { .key = "peer_dispersion", .label = "Peer dispersion", .kind = SK_REAL, .unit = "s", .column = 20 },
	[NTP_RESPONSE_TIME] = { .key = "response_time", .label = "Response time", .kind = SK_REAL, .unit = "s", .column = 21 },
	[NTP_JITTER_ASYMMETRY] = { .key = "jitter_asymmetry", .label = "Jitter asymmetry", .kind = SK_REAL, .unit = NULL, .column = 22 },
	[NTP_TESTS_A] = { .key = "tests_a", .label = "NTP tests 1-3", .kind = SK_BITS, .unit = NULL, .column = 23 },
	[NTP_TESTS_B] = { .key = "tests_b", .label = "NTP tests 4-6", .kind = SK_BITS, .unit = NULL, .column = 24 },
	[NTP_TESTS_C] = { .key = "tests_c", .label = "NTP tests 7-10", .kind = SK_BITS, .unit = NULL, .column = 25 },
	[NTP_INTERLEAVED] = { .key = "interleaved", .label = "Interleaved", .kind = SK_BOOL, .unit = NULL, .column = 26 },
	[NTP_AUTHENTICATED] = { .key = "authenticated", .label = "Authenticated", .kind = SK_BOOL, .unit = NULL, .column = 27 },
	[NTP_TX_TIMESTAMPING] = { .key = "tx_timestamping", .label = "TX timestamping", .column = 28, WORDS(stamp_words) },
	[NTP_RX_TIMESTAMPING] = { .key = "rx_timestamping", .label = "RX timestamping", .column = 29, WORDS(stamp_words) },
	[NTP_TOTAL_TX] = { .key = "total_tx", .label = "Total TX", .kind = SK_COUNT, .unit = NULL, .column = 30 },
	[NTP_TOTAL_RX] = { .key = "total_rx", .label = "Total RX", .kind = SK_COUNT, .unit = NULL, .column = 31 },
	[NTP_TOTAL_VALID_RX] = { .key = "total_valid_rx", .label = "Total valid RX", .kind = SK_COUNT, .unit = NULL, .column = 32 },
	[NTP_TOTAL_GOOD_RX] = { .key = "total_good_rx", .label = "Total good RX", .kind = SK_COUNT, .unit = NULL, .column = 33 },
	[NTP_KERNEL_TX] = { .key = "kernel_tx", .label = "Total kernel TX", .kind = SK_COUNT, .unit = NULL, .column = 34 },
	[NTP_KERNEL_RX] = { .key = "kernel_rx", .label = "Total kernel RX", .kind = SK_COUNT, .unit = NULL, .column = 35 },
	[NTP_HW_TX] = { .key = "hw_tx", .label = "Total HW TX", .kind = SK_COUNT, .unit = NULL, .column = 36 },
	[NTP_HW_RX] = { .key = "hw_rx", .label = "Total HW RX", .kind = SK_COUNT, .unit = NULL, .column = 37 },
};

/* Each report: its command, JSON name and field table. */
static const struct {
	const char *command;
	const char *key;
	const struct srv_field *fields;
	int count;
} reports[SRV_REPORT_COUNT] = {
	[SRV_TRACKING] = { "tracking", "tracking", tracking_fields, TRK_COUNT },
	[SRV_SERVERSTATS] = { "serverstats", "serverstats", serverstats_fields, SST_COUNT },
	[SRV_ACTIVITY] = { "activity", "activity", activity_fields, ACT_COUNT },
	[SRV_SOURCES] = { "sources", "sources", source_fields, SRC_COUNT },
	[SRV_SOURCESTATS] = { "sourcestats", "sources", NULL, 0 },
	[SRV_NTPDATA] = { "ntpdata", "ntpdata", ntpdata_fields, NTP_COUNT },
};

/* Describe field f of report r. */
const struct srv_field *
srv_field(enum srv_report r, int f)
{
	return &reports[r].fields[f];
}

/* The number of fields of report r's records. */
int
srv_field_count(enum srv_report r)
{
	return reports[r].count;
}

/* The chronyc command of report r. */
const char *
srv_report_command(enum srv_report r)
{
	return reports[r].command;
}

/* The JSON member name of report r. */
const char *
srv_report_key(enum srv_report r)
{
	return reports[r].key;
}

/* Find a field of report r by its key; -1 when there is none. */
int
srv_field_find(enum srv_report r, const char *key)
{
	for (int f = 0; f < reports[r].count; f++)
		if (strcmp(reports[r].fields[f].key, key) == 0)
			return f;
	return -1;
}

/* The name for people of a known SK_WORD value, else NULL. */
const char *
srv_word_name(const struct srv_field *fi, const struct srv_value *v)
{
	return fi->kind == SK_WORD && v->known ? fi->names[v->count] : NULL;
}

/* Reset d to "nothing read". */
void
server_data_clear(struct server_data *d)
{
	memset(d, 0, sizeof *d);
}

/* Mark d as from a source that carries clients only, with why for people. */
void
server_data_clients_only(struct server_data *d, const char *why)
{
	server_data_clear(d);
	d->avail = SRV_AVAIL_CLIENTS_ONLY;
	snprintf(d->note, sizeof d->note, "%s", why);
}

/* The source of d whose address is addr; NULL when none. */
const struct srv_source *
server_data_source(const struct server_data *d, const char *addr)
{
	for (size_t i = 0; i < d->nsources; i++)
		if (strcmp(d->sources[i].v[SRC_ADDRESS].text, addr) == 0)
			return &d->sources[i];
	return NULL;
}

/* Return whether addr may be asked for ntpdata. */
bool
srv_ntpdata_addr_ok(const char *addr)
{
	size_t n = strlen(addr);

	return n > 0 && n < SRV_TEXT_MAX && strspn(addr, "0123456789abcdefABCDEF.:") == n;
}
