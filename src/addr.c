/* addr.c — address families and the default client order. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "addr.h"

static const char *const family_names[FAMILY_COUNT] = {
	[FAMILY_HOSTNAME] = "hostname", [FAMILY_IPV4] = "ipv4", [FAMILY_IPV6] = "ipv6",
};

/* Name a family for machines. */
const char *
family_name(enum family f)
{
	return family_names[f];
}

/* Classify addr[0..len) and fill key. */
enum family
addr_classify(const char *addr, size_t len, unsigned char key[ADDR_KEY_LEN])
{
	char text[INET6_ADDRSTRLEN];

	memset(key, 0, ADDR_KEY_LEN);
	if (len == 0 || len >= sizeof text)
		return FAMILY_HOSTNAME;
	memcpy(text, addr, len);
	text[len] = '\0';
	if (inet_pton(AF_INET, text, key) == 1)
		return FAMILY_IPV4;
	if (inet_pton(AF_INET6, text, key) == 1)
		return FAMILY_IPV6;
	memset(key, 0, ADDR_KEY_LEN);
	return FAMILY_HOSTNAME;
}

/* Compare two addresses in the default order. */
int
addr_compare(enum family fa, const char *a, const unsigned char *ka,
             enum family fb, const char *b, const unsigned char *kb)
{
	int c;

	if (fa != fb)
		return (int)fa - (int)fb;
	if (fa == FAMILY_HOSTNAME) {
		c = addr_casecmp(a, b);
		return c ? c : strcmp(a, b);
	}
	return memcmp(ka, kb, fa == FAMILY_IPV4 ? 4 : ADDR_KEY_LEN);
}

/* Compare a and b under ASCII case folding. */
int
addr_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int d = addr_lower((unsigned char)*a) - addr_lower((unsigned char)*b);
		if (d || !*a)
			return d;
	}
}

/* Compare a[0..len) with NUL-terminated b under ASCII case folding. */
int
addr_ncasecmp(const char *a, size_t len, const char *b)
{
	for (size_t i = 0; i < len; i++, b++) {
		int d = addr_lower((unsigned char)a[i]) - addr_lower((unsigned char)*b);
		if (d || !*b)
			return d;
	}
	return -(unsigned char)*b;
}

/* Where lower-case needle n occurs in hay under ASCII case folding, or -1. */
long
addr_find(const char *hay, size_t hlen, const char *n, size_t nlen)
{
	if (nlen > hlen)
		return -1;
	for (size_t i = 0; i + nlen <= hlen; i++) {
		size_t j = 0;
		while (j < nlen && addr_lower((unsigned char)hay[i + j]) == (unsigned char)n[j])
			j++;
		if (j == nlen)
			return (long)i;
	}
	return -1;
}
