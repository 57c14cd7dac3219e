/* md5.h — the MD5 message digest (RFC 1321), for the reference IDs chronyc
 * derives from an IPv6 address (its first 4 bytes).
 *
 * Contract: pure (no I/O, no globals, no allocation), any length of input
 * (up to 2^61 - 1 bytes), the 16-byte digest in RFC 1321's byte order.  Not
 * for security: MD5 is broken as a cryptographic hash; ticctop only needs
 * to name an address as chronyc names it. */
#ifndef TICCTOP_MD5_H
#define TICCTOP_MD5_H

#include <stddef.h>
#include <stdint.h>

#define MD5_LEN 16

/* Write the MD5 digest of data[0..len) into digest. */
void md5(const void *data, size_t len, uint8_t digest[MD5_LEN]);

#endif
