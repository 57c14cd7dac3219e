/* addr.h — what kind of address a client row names, and its sort key.
 *
 * Contract: pure; an IPv4 or IPv6 literal (inet_pton) is classified as such
 * with its binary form as the key, anything else is a host name.  The
 * default client order (TICC-DASH's, but IPv6 numerically) is defined here.
 * Host names and addresses compare by ASCII case folding, never the
 * locale's (a Turkish locale lowers 'I' to a dotless i). */
#ifndef TICCTOP_ADDR_H
#define TICCTOP_ADDR_H

#include <stddef.h>

enum family { FAMILY_HOSTNAME, FAMILY_IPV4, FAMILY_IPV6, FAMILY_COUNT };

#define ADDR_KEY_LEN 16

/* Classify addr[0..len) and fill key (IPv4 in its first 4 bytes, IPv6 in all 16). */
enum family addr_classify(const char *addr, size_t len, unsigned char key[ADDR_KEY_LEN]);

/* Compare two addresses in the default order: host names case-insensitively,
 * then IPv4 by octets, then IPv6 numerically. */
int addr_compare(enum family fa, const char *a, const unsigned char *ka,
                 enum family fb, const char *b, const unsigned char *kb);

/* Lower c by ASCII rules only ('A'..'Z'), whatever the locale. */
static inline int
addr_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Compare a and b (NUL-terminated) under ASCII case folding, as strcasecmp in the C locale. */
int addr_casecmp(const char *a, const char *b);

/* Compare a[0..len) with NUL-terminated b under ASCII case folding. */
int addr_ncasecmp(const char *a, size_t len, const char *b);

/* Where needle n[0..nlen) (already ASCII-lower-case) first occurs in
 * hay[0..hlen) under ASCII case folding: its offset, or -1. */
long addr_find(const char *hay, size_t hlen, const char *n, size_t nlen);

/* Name a family for machines ("hostname", "ipv4", "ipv6"). */
const char *family_name(enum family f);

#endif
