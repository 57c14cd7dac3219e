/* sample.c — the table of chronyc's client columns. */
#include "config.h"

#include "sample.h"

static const struct field_info fields[FIELD_COUNT] = {
	[FIELD_NTP_PACKETS]          = { "ntp", "packets", "ntp_packets", "NTP packets", KIND_COUNT },
	[FIELD_NTP_DROPS]            = { "ntp", "drops", "ntp_drops", "NTP drops", KIND_COUNT },
	[FIELD_NTP_INTERVAL]         = { "ntp", "interval", "ntp_interval", "NTP interval", KIND_LOG2 },
	[FIELD_NTP_INTERVAL_LIMITED] = { "ntp", "interval_limited", "ntp_interval_limited", "NTP interval after drop", KIND_LOG2 },
	[FIELD_NTP_LAST]             = { "ntp", "last_seen", "ntp_last_seen", "NTP last seen", KIND_SECONDS },
	[FIELD_CMD_PACKETS]          = { "cmd", "packets", "cmd_packets", "Cmd packets", KIND_COUNT },
	[FIELD_CMD_DROPS]            = { "cmd", "drops", "cmd_drops", "Cmd drops", KIND_COUNT },
	[FIELD_CMD_INTERVAL]         = { "cmd", "interval", "cmd_interval", "Cmd interval", KIND_LOG2 },
	[FIELD_CMD_LAST]             = { "cmd", "last_seen", "cmd_last_seen", "Cmd last seen", KIND_SECONDS },
};

/* Describe field f. */
const struct field_info *
field_info(enum field f)
{
	return &fields[f];
}
