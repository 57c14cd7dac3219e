/* fuzz_csv.c — libFuzzer target: bytes as `chronyc -c clients` output. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One input, from libFuzzer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(parse_csv, NULL, data, size);
}
