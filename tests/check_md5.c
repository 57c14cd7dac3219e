/* check_md5.c — MD5 on RFC 1321's test suite (A.5), on the lengths where
 * its padding takes one block or two, and on whole blocks. */
#include "config.h"

#include <stdio.h>

#include "md5.h"
#include "unit.h"

/* A message (its text, or n times 'a' when text is NULL) and its digest in hex. */
static const struct {
	const char *text;
	size_t n;
	const char *hex;
} vectors[] = {
	/* RFC 1321, A.5 */
	{ "", 0, "d41d8cd98f00b204e9800998ecf8427e" },
	{ "a", 0, "0cc175b9c0f1b6a831c399e269772661" },
	{ "abc", 0, "900150983cd24fb0d6963f7d28e17f72" },
	{ "message digest", 0, "f96b697d7cb7938d525a2f31aaf161d0" },
	{ "abcdefghijklmnopqrstuvwxyz", 0, "c3fcd3d76192e4007dfb496cca67e13b" },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 0, "d174ab98d277d9f5a5611c2c9f419d9f" },
	{ "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 0,
	  "57edf4a22be3c955ac49da2e2107b67a" },
	/* the padding's edges: 55 bytes fit one block with the length, 56 need two; whole blocks (Python's hashlib) */
	{ NULL, 55, "ef1772b6dff9a122358552954ad0df65" },
	{ NULL, 56, "3b0c8ac703f828b04c6c197006d17218" },
	{ NULL, 63, "b06521f39153d618550606be297466d5" },
	{ NULL, 64, "014842d480b571495a4a0363793f7367" },
	{ NULL, 65, "c743a45e0d2e6a95cb859adae0248435" },
	{ NULL, 119, "8a7bd0732ed6a28ce75f6dabc90e1613" },
	{ NULL, 120, "5f61c0ccad4cac44c75ff505e1f1e537" },
	{ NULL, 1000, "cabe45dcc9ae5b66ba86600cca6b8ba8" },
};

START_TEST(digests_of_the_test_suite)
{
	char msg[1000], hex[2 * MD5_LEN + 1];
	uint8_t d[MD5_LEN];
	size_t len = vectors[_i].text ? strlen(vectors[_i].text) : vectors[_i].n;

	if (vectors[_i].text)
		memcpy(msg, vectors[_i].text, len);
	else
		memset(msg, 'a', len);
	md5(msg, len, d);
	for (int i = 0; i < MD5_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	ck_assert_str_eq(hex, vectors[_i].hex);
}
END_TEST

/* Make the MD5 suite. */
static Suite *
md5_suite(void)
{
	Suite *s = suite_create("md5");
	TCase *tc = tcase_create("digest");

	tcase_add_loop_test(tc, digests_of_the_test_suite, 0, sizeof vectors / sizeof vectors[0]);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(md5_suite)
