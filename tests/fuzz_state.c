/* fuzz_state.c — libFuzzer target: bytes as a state file (state_parse). */
#include "config.h"

#include "fuzz.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One input, from libFuzzer: parsed for the source the seed names; any
 * failure comes with a reason, and whatever was read is freed. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct saved s;
	char why[256];

	saved_init(&s);
	enum state_err e = state_parse((const char *)data, size, "chronyc -c -n clients", &s, why, sizeof why);
	FUZZ_ASSERT(e < STATE_ERR_COUNT);
	FUZZ_ASSERT(memchr(why, '\0', sizeof why) != NULL);
	FUZZ_ASSERT(e == STATE_OK || e == STATE_ERR_NOMEM || why[0] != '\0');
	FUZZ_ASSERT(!s.have_theme || s.theme < THEME_COUNT);
	FUZZ_ASSERT(!s.have_sort || s.sort < SORT_COUNT);
	saved_free(&s);
	return 0;
}
