/* fuzz_table.c — libFuzzer target: bytes as `chronyc clients` plain output. */
#include "config.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One input, from libFuzzer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(parse_table, NULL, data, size);
}
