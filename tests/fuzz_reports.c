/* fuzz_reports.c — libFuzzer target: bytes as one `chronyc -c -n -m tracking
 * serverstats activity sources sourcestats clients ntpdata ADDR` run.
 * Besides fuzz_run's invariants for the client rows: every value of the
 * server's reports is consistent with its table row (a known number is
 * finite, a word is one of its words, text fits and ends), never more
 * sources than kept, and a report marked present has a known value. */
#include "config.h"

#include <math.h>

#include "fuzz.h"
#include "parse_reports.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct server_data sd;

/* parse_reports as a fuzz_parser: the server data goes to sd. */
static enum parse_err
reports(const char *buf, size_t len, row_sink sink, void *ctx, struct parse_report *rep)
{
	return parse_reports(buf, len, sink, ctx, &sd, rep);
}

/* Abort unless vals[0..n) of report r agree with its table; return whether one is known. */
static bool
check_values(enum srv_report r, const struct srv_value *vals, int n)
{
	bool any = false;

	for (int f = 0; f < n; f++) {
		const struct srv_field *fi = srv_field(r, f);
		const struct srv_value *v = &vals[f];
		FUZZ_ASSERT(memchr(v->text, '\0', sizeof v->text) != NULL);
		if (!v->known)
			continue;
		any = true;
		FUZZ_ASSERT(isfinite(v->num));
		if (fi->kind == SK_TEXT)
			FUZZ_ASSERT(v->text[0] != '\0');
		if (fi->kind == SK_WORD) {
			size_t words = 0;
			while (fi->words[words])
				words++;
			FUZZ_ASSERT(v->count < words && strcmp(fi->words[v->count], v->text) == 0);
		}
		if (fi->kind == SK_COUNT && v->count < (1ull << 53))
			FUZZ_ASSERT(v->num == (double)v->count);
		if (fi->kind == SK_OCTAL)
			FUZZ_ASSERT(v->count <= 0377);
	}
	return any;
}

/* One input, from libFuzzer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run(reports, NULL, data, size);
	FUZZ_ASSERT(sd.nsources <= SRV_SOURCES_MAX);
	FUZZ_ASSERT((sd.avail == SRV_AVAIL_LOCAL) ==
	            (sd.have[SRV_TRACKING] || sd.have[SRV_SERVERSTATS] || sd.have[SRV_ACTIVITY] ||
	             sd.have[SRV_SOURCES] || sd.have[SRV_SOURCESTATS] || sd.have[SRV_NTPDATA]));
	FUZZ_ASSERT(check_values(SRV_TRACKING, sd.tracking.v, TRK_COUNT) == sd.have[SRV_TRACKING]);
	FUZZ_ASSERT(check_values(SRV_SERVERSTATS, sd.serverstats.v, SST_COUNT) == sd.have[SRV_SERVERSTATS]);
	FUZZ_ASSERT(check_values(SRV_ACTIVITY, sd.activity.v, ACT_COUNT) == sd.have[SRV_ACTIVITY]);
	FUZZ_ASSERT(check_values(SRV_NTPDATA, sd.ntpdata.v, NTP_COUNT) == sd.have[SRV_NTPDATA]);
	FUZZ_ASSERT(sd.have[SRV_SOURCES] == (sd.nsources + sd.sources_dropped > 0));
	for (size_t i = 0; i < sd.nsources; i++) {
		FUZZ_ASSERT(check_values(SRV_SOURCES, sd.sources[i].v, SRC_COUNT));
		FUZZ_ASSERT(sd.sources[i].v[SRC_ADDRESS].known);
	}
	FUZZ_ASSERT(memchr(sd.note, '\0', sizeof sd.note) != NULL);
	return 0;
}
