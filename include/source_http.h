/* source_http.h — the remote source: a TICC-DASH / Chrony Web Interface `/data` URL.
 *
 * Contract: one GET per poll through libcurl's multi socket interface:
 * libcurl names the sockets to watch and when it must act (its timer), the
 * loop's one wait watches them beside everything else, and each readiness
 * is handed back to curl_multi_socket_action, so nothing blocks and any
 * number of transfers share one wait.  Every http source's transfers run in
 * one shared multi handle (a fleet's polls at once): the first source
 * watches its sockets and timer for all, and each finished transfer goes
 * to its own source.  One easy handle per source is reused, so the connection
 * is kept alive between polls.  One time limit, cfg->timeout, for the whole
 * poll (connecting, waiting and reading, redirects included: a slow
 * dashboard is not cut off earlier by another limit, and a timeout says
 * which phase it ended and that --timeout raises it); body capped at
 * cfg->max_size after decompression (checked in the write callback, since
 * libcurl does not enforce its own cap on chunked bodies).  Only http and
 * https; redirects are followed (at most 5) only on the same host and port,
 * or from http to https on the same host, so credentials never go to
 * another host.  TLS is verified unless cfg->insecure.  Secrets (password
 * from TICCTOP_PASSWORD or a file, bearer token from a file) never appear in
 * target, messages or warnings; a URL carrying credentials is refused.
 * The answer is parsed by parse_dash; what the server says about itself
 * (clock, count, own error) is in source_result.server (server.h). */
#ifndef TICCTOP_SOURCE_HTTP_H
#define TICCTOP_SOURCE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

struct http_cfg {
	const char *url;            /* http:// or https://, no credentials */
	const char *cacert;         /* CA bundle file, NULL: the system's */
	const char *capath;         /* CA directory, NULL: the system's */
	const char *cert, *key;     /* client certificate and its (unencrypted) key */
	bool insecure;              /* do not verify the server's certificate */
	const char *user;           /* Basic auth user; password from password_file or TICCTOP_PASSWORD */
	const char *password_file;
	const char *bearer_file;    /* file holding a bearer token */
	const char *noproxy;        /* hosts that bypass the proxy (libcurl's NOPROXY) */
	double timeout;             /* seconds a poll may take, redirects included */
	size_t max_size;            /* bytes of body accepted, after decompression */
};

/* Make an http source; NULL with a one-line reason in err (bad URL,
 * unreadable secret, missing password, out of memory). */
struct source *source_http_new(const struct http_cfg *cfg, char *err, size_t errsize);

#endif
