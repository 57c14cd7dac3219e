/* md5.c — RFC 1321's MD5, one call for a whole message. */
#include "config.h"

#include <string.h>

#include "md5.h"

#define BLOCK 64
#define LENGTH_AT 56             /* the message's bit count fills a block's last 8 bytes */

/* The sines: floor(|sin(i + 1)| * 2^32) for each of the 64 steps. */
static const uint32_t sines[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
	0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
	0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
	0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
	0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
	0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* RFC 1321's F: b selects c or d. */
static uint32_t
mix_f(uint32_t b, uint32_t c, uint32_t d)
{
	return (b & c) | (~b & d);
}

/* RFC 1321's G: d selects b or c. */
static uint32_t
mix_g(uint32_t b, uint32_t c, uint32_t d)
{
	return (b & d) | (c & ~d);
}

/* RFC 1321's H: parity. */
static uint32_t
mix_h(uint32_t b, uint32_t c, uint32_t d)
{
	return b ^ c ^ d;
}

/* RFC 1321's I. */
static uint32_t
mix_i(uint32_t b, uint32_t c, uint32_t d)
{
	return c ^ (b | ~d);
}

/* Each of the 4 rounds: its function, its 4 rotations, and which word step
 * i takes (mul * i + add, mod 16). */
static const struct {
	uint32_t (*mix)(uint32_t, uint32_t, uint32_t);
	uint8_t rot[4];
	uint8_t mul, add;
} rounds[4] = {
	{ mix_f, { 7, 12, 17, 22 }, 1, 0 },
	{ mix_g, { 5, 9, 14, 20 }, 5, 1 },
	{ mix_h, { 4, 11, 16, 23 }, 3, 5 },
	{ mix_i, { 6, 10, 15, 21 }, 7, 0 },
};

/* Rotate x left by n (0 < n < 32). */
static uint32_t
rotl(uint32_t x, unsigned n)
{
	return x << n | x >> (32 - n);
}

/* Fold one 64-byte block into the state h. */
static void
block(uint32_t h[4], const uint8_t *p)
{
	uint32_t x[16], a = h[0], b = h[1], c = h[2], d = h[3];

	for (int i = 0; i < 16; i++)
		x[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
		       (uint32_t)p[4 * i + 3] << 24;
	for (int i = 0; i < 64; i++) {
		int r = i / 16;
		uint32_t t = a + rounds[r].mix(b, c, d) + x[(rounds[r].mul * i + rounds[r].add) % 16] + sines[i];
		a = d;
		d = c;
		c = b;
		b += rotl(t, rounds[r].rot[i % 4]);
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

/* Write the MD5 digest of data[0..len) into digest. */
void
md5(const void *data, size_t len, uint8_t digest[MD5_LEN])
{
	uint32_t h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	const uint8_t *p = data;
	uint8_t tail[2 * BLOCK] = { 0 };
	size_t full = len - len % BLOCK, rest = len % BLOCK;
	size_t tail_len = rest < LENGTH_AT ? BLOCK : 2 * BLOCK;
	uint64_t bits = (uint64_t)len << 3;

	for (size_t i = 0; i < full; i += BLOCK)
		block(h, p + i);
	if (rest)
		memcpy(tail, p + full, rest);
	tail[rest] = 0x80;
	for (int i = 0; i < 8; i++)
		tail[tail_len - 8 + i] = (uint8_t)(bits >> (8 * i));
	for (size_t i = 0; i < tail_len; i += BLOCK)
		block(h, tail + i);
	for (int i = 0; i < 16; i++)
		digest[i] = (uint8_t)(h[i / 4] >> (8 * (i % 4)));
}
