/* source_http.c — polls a /data URL through libcurl's multi interface. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "parse_dash.h"
#include "source_http.h"

#define MAX_REDIRECTS 5
#define SECRET_MAX 4096            /* longest password or token taken */
#define URL_MAX 2048
#define SHOWN_MAX 300              /* bytes of a server's text quoted in a message */
#define PASSWORD_ENV "TICCTOP_PASSWORD"

/* Why a redirect is not followed. */
enum redirect_verdict {
	REDIRECT_FOLLOW,
	REDIRECT_SCHEME,
	REDIRECT_HOST,
	REDIRECT_DOWNGRADE,
	REDIRECT_TOO_MANY,
	REDIRECT_BAD_URL,
	REDIRECT_COUNT
};

static const char *const redirect_texts[REDIRECT_COUNT] = {
	[REDIRECT_FOLLOW] = "followed",
	[REDIRECT_SCHEME] = "only http and https are followed",
	[REDIRECT_HOST] = "ticctop follows redirects only on the same host and port (give that URL to --url if you trust it)",
	[REDIRECT_DOWNGRADE] = "https is never downgraded to http",
	[REDIRECT_TOO_MANY] = "more than 5 redirects",
	[REDIRECT_BAD_URL] = "the Location is not a URL",
};

/* libcurl's failures in the user's words; others get curl's own text.
 * hint_ca replaces hint when the user named the CA (--cacert, --capath). */
static const struct {
	CURLcode code;
	enum source_err err;
	const char *text;
	const char *hint;
	const char *hint_ca;
} curl_errors[] = {
	{ CURLE_COULDNT_RESOLVE_HOST, SOURCE_ERR_CONNECT, "cannot resolve the host name", "is the URL right?", NULL },
	{ CURLE_COULDNT_RESOLVE_PROXY, SOURCE_ERR_CONNECT, "cannot resolve the proxy",
	  "check http_proxy/https_proxy, or bypass it with --noproxy", NULL },
	{ CURLE_COULDNT_CONNECT, SOURCE_ERR_CONNECT, "cannot connect", "is the dashboard running, and is the port right?", NULL },
	{ CURLE_PEER_FAILED_VERIFICATION, SOURCE_ERR_TLS, "the server's certificate is not trusted",
	  "give its CA with --cacert FILE (or skip the check with --insecure)",
	  "is the URL's host a name the certificate holds, and its CA in --cacert/--capath?" },
	{ CURLE_SSL_CONNECT_ERROR, SOURCE_ERR_TLS, "the TLS handshake failed", "is it an https server?", NULL },
	{ CURLE_SSL_CACERT_BADFILE, SOURCE_ERR_TLS, "cannot read the CA certificates", "check --cacert and --capath", NULL },
	{ CURLE_SSL_CERTPROBLEM, SOURCE_ERR_TLS, "cannot use the client certificate", "check --cert and --key", NULL },
	{ CURLE_SSL_CLIENTCERT, SOURCE_ERR_TLS, "the server wants a client certificate", "give --cert FILE --key FILE", NULL },
	{ CURLE_SSL_CIPHER, SOURCE_ERR_TLS, "no TLS cipher in common", NULL, NULL },
	{ CURLE_SSL_ISSUER_ERROR, SOURCE_ERR_TLS, "the certificate's issuer does not match", NULL, NULL },
	{ CURLE_GOT_NOTHING, SOURCE_ERR_TRANSFER, "the server closed the connection without answering", NULL, NULL },
	{ CURLE_PARTIAL_FILE, SOURCE_ERR_TRANSFER, "the answer was cut short", NULL, NULL },
	{ CURLE_RECV_ERROR, SOURCE_ERR_TRANSFER, "the connection broke while receiving", NULL, NULL },
	{ CURLE_SEND_ERROR, SOURCE_ERR_TRANSFER, "the connection broke while sending", NULL, NULL },
	{ CURLE_BAD_CONTENT_ENCODING, SOURCE_ERR_TRANSFER, "the compressed answer is broken", NULL, NULL },
	{ CURLE_WEIRD_SERVER_REPLY, SOURCE_ERR_TRANSFER, "the reply is not HTTP", "is this the right port?", NULL },
	{ CURLE_FILESIZE_EXCEEDED, SOURCE_ERR_TOO_BIG, "the server announced an answer larger than --max-size", NULL, NULL },
	{ CURLE_OUT_OF_MEMORY, SOURCE_ERR_SYSTEM, "out of memory", NULL, NULL },
};

/* HTTP statuses in the user's words; hint_sent replaces hint when credentials were sent. */
static const struct {
	long status;
	enum source_err err;
	const char *text;
	const char *hint;
	const char *hint_sent;
} statuses[] = {
	{ 400, SOURCE_ERR_HTTP_STATUS, "Bad Request", NULL, NULL },
	{ 401, SOURCE_ERR_AUTH, "Unauthorized",
	  "the server wants credentials: --user NAME (password in TICCTOP_PASSWORD or --password-file) or --bearer-file",
	  "the server refused the credentials given" },
	{ 403, SOURCE_ERR_AUTH, "Forbidden", "the server refuses this client (an access list?)", NULL },
	{ 404, SOURCE_ERR_HTTP_STATUS, "Not Found", "is this the /data URL?", NULL },
	{ 405, SOURCE_ERR_HTTP_STATUS, "Method Not Allowed", "is this the /data URL?", NULL },
	{ 407, SOURCE_ERR_AUTH, "Proxy Authentication Required",
	  "the proxy wants credentials: put them in http_proxy/https_proxy, or bypass it with --noproxy", NULL },
	{ 429, SOURCE_ERR_HTTP_STATUS, "Too Many Requests", "poll less often (--delay)", NULL },
	{ 500, SOURCE_ERR_HTTP_STATUS, "Internal Server Error", "the dashboard failed; see its log", NULL },
	{ 502, SOURCE_ERR_HTTP_STATUS, "Bad Gateway", "the proxy cannot reach the dashboard", NULL },
	{ 503, SOURCE_ERR_HTTP_STATUS, "Service Unavailable", NULL, NULL },
	{ 504, SOURCE_ERR_HTTP_STATUS, "Gateway Timeout", "the dashboard is too slow for its proxy", NULL },
};

/* A whole-parse failure of the answer: the error and the words leading its detail. */
static const struct {
	enum source_err err;
	const char *text;
} parse_failures[PARSE_ERR_COUNT] = {
	[PARSE_ERR_NO_HEADER] = { SOURCE_ERR_PARSE, "not a Chrony Web Interface V1 answer" },
	[PARSE_ERR_NO_ROWS] = { SOURCE_ERR_PARSE, "no usable client in the answer" },
	[PARSE_ERR_NOMEM] = { SOURCE_ERR_SYSTEM, "out of memory" },
	[PARSE_ERR_JSON] = { SOURCE_ERR_PARSE, "broken JSON" },
	[PARSE_ERR_SCHEMA] = { SOURCE_ERR_PARSE, "not a TICC-DASH or Chrony Web Interface /data answer" },
};

/* poll(2)'s readiness and libcurl's names for it. */
static const struct {
	short poll;
	int curl;
} ready_events[] = {
	{ POLLIN | POLLPRI | POLLHUP, CURL_CSELECT_IN },
	{ POLLOUT, CURL_CSELECT_OUT },
	{ POLLERR | POLLNVAL, CURL_CSELECT_ERR },
};

/* A socket libcurl wants watched. */
struct http_socket {
	curl_socket_t fd;
	short events;                  /* POLLIN, POLLOUT */
};

struct http_source {
	struct source base;
	struct http_cfg cfg;
	CURLM *multi;
	CURL *easy;
	struct curl_slist *headers;
	char url[URL_MAX];             /* this request's URL: the given one or a redirect's */
	char errbuf[CURL_ERROR_SIZE];
	char password[SECRET_MAX + 1];
	char bearer[SECRET_MAX + 1];
	bool credentials;              /* a password or token is sent */
	struct buf body;
	struct source_memo memo;       /* the last good answer, not parsed again if it repeats */
	bool busy;                     /* a request is in flight */
	bool finished;                 /* a poll ended and waits for deliver() */
	bool too_big, out_of_memory;   /* the write callback stopped the body */
	CURLcode code;
	CURLMcode mcode;
	long status;
	int redirects;
	enum redirect_verdict refused; /* REDIRECT_FOLLOW: no redirect was refused */
	char refused_url[URL_MAX];     /* where it led, without credentials */
	double started, deadline;
	struct http_source *next;      /* the next source sharing the multi handle */
};

#define HTTP_MAX_SOCKETS 256       /* sockets the shared multi handle may have watched */

/* The one multi handle every http source shares, so that all transfers
 * run in it at once: the sockets libcurl wants watched (a cached
 * connection's too), its timer, and its users; the first user watches and
 * acts for all, and each finished transfer goes to its own source. */
static struct {
	CURLM *multi;
	struct http_socket socks[HTTP_MAX_SOCKETS];
	size_t nsocks;
	double timer_at;               /* when libcurl wants to act on its own; < 0 never */
	struct http_source *users;
} shared = { .timer_at = -1.0 };

/* Write a one-line message "TARGET: ..." with error e into res. */
static void __attribute__((format(printf, 4, 5)))
say(const struct http_source *h, struct source_result *res, enum source_err e, const char *fmt, ...)
{
	va_list ap;
	int o = snprintf(res->message, sizeof res->message, "%s: ", h->base.target);

	res->err = e;
	if (o < 0 || (size_t)o >= sizeof res->message)
		return;
	va_start(ap, fmt);
	vsnprintf(res->message + o, sizeof res->message - (size_t)o, fmt, ap);
	va_end(ap);
}

/* Return whether scheme is one ticctop fetches. */
static bool
web_scheme(const char *scheme)
{
	return strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0;
}

/* Split url into scheme, host and port (the scheme's default when not
 * given); NULL parts when absent.  Free each with curl_free. */
static bool
url_parts(const char *url, char *part[3])
{
	static const CURLUPart parts[3] = { CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT };
	CURLU *u = curl_url();
	bool ok = u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;

	for (int i = 0; i < 3; i++) {
		part[i] = NULL;
		if (ok)
			curl_url_get(u, parts[i], &part[i], CURLU_DEFAULT_PORT);
	}
	curl_url_cleanup(u);
	return ok && part[0];
}

/* Judge a redirect from one URL to another. */
static enum redirect_verdict
redirect_judge(const char *from, const char *to)
{
	char *a[3] = { NULL, NULL, NULL }, *b[3] = { NULL, NULL, NULL };
	enum redirect_verdict v = REDIRECT_BAD_URL;

	if (url_parts(from, a) && a[1] && url_parts(to, b)) {
		bool upgrade = strcasecmp(a[0], "http") == 0 && strcasecmp(b[0], "https") == 0;
		if (!web_scheme(b[0]))
			v = REDIRECT_SCHEME;
		else if (!b[1] || strcasecmp(a[1], b[1]) != 0)
			v = REDIRECT_HOST;
		else if (strcasecmp(a[0], "https") == 0 && strcasecmp(b[0], "http") == 0)
			v = REDIRECT_DOWNGRADE;
		else if (!upgrade && (!a[2] || !b[2] || strcmp(a[2], b[2]) != 0))
			v = REDIRECT_HOST;
		else
			v = REDIRECT_FOLLOW;
	}
	for (int i = 0; i < 3; i++) {
		curl_free(a[i]);
		curl_free(b[i]);
	}
	return v;
}

/* Write url without user, password and login options into out; false
 * (out says why) when it is no URL.  *had_credentials: it carried some. */
static bool
url_strip(const char *url, char *out, size_t size, bool *had_credentials)
{
	static const CURLUPart secret[] = { CURLUPART_USER, CURLUPART_PASSWORD, CURLUPART_OPTIONS };
	CURLU *u = curl_url();
	char *clean = NULL, *part = NULL;

	*had_credentials = false;
	if (!u || curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
		curl_url_cleanup(u);
		snprintf(out, size, "(not a URL)");
		return false;
	}
	for (size_t i = 0; i < sizeof secret / sizeof secret[0]; i++) {
		if (curl_url_get(u, secret[i], &part, 0) == CURLUE_OK)
			*had_credentials = true;
		curl_free(part);
		part = NULL;
		curl_url_set(u, secret[i], NULL, 0);
	}
	bool ok = curl_url_get(u, CURLUPART_URL, &clean, 0) == CURLUE_OK;
	snprintf(out, size, "%s", ok ? clean : "(not a URL)");
	curl_free(clean);
	curl_url_cleanup(u);
	return ok;
}

/* Take the body as it comes (decompressed), up to the cap. */
static size_t
on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct http_source *h = ctx;

	n *= size;
	if (buf_append(&h->body, data, n))
		return n;
	if (n > h->body.cap - h->body.len)
		h->too_big = true;
	else
		h->out_of_memory = true;
	return 0; /* libcurl ends the transfer with CURLE_WRITE_ERROR */
}

/* Point the handle at h->url with what is left of the poll's time and add
 * it to the multi; false (the reason in h->mcode) when libcurl refuses. */
static bool
request(struct http_source *h, double now)
{
	long left = (long)((h->deadline - now) * 1000.0);

	if (left < 1)
		left = 1;
	buf_reset(&h->body);
	h->too_big = h->out_of_memory = false;
	h->errbuf[0] = '\0';
	if (curl_easy_setopt(h->easy, CURLOPT_URL, h->url) != CURLE_OK ||
	    curl_easy_setopt(h->easy, CURLOPT_TIMEOUT_MS, left) != CURLE_OK)
		h->mcode = CURLM_OUT_OF_MEMORY;
	else
		h->mcode = curl_multi_add_handle(h->multi, h->easy);
	return h->mcode == CURLM_OK;
}

/* Mark the poll over. */
static void
finish(struct http_source *h)
{
	h->busy = false;
	h->finished = true;
}

/* Follow a 3xx if the rules allow; true when a new request went out. */
static bool
follow(struct http_source *h)
{
	char *to = NULL;
	bool creds;

	if (curl_easy_getinfo(h->easy, CURLINFO_REDIRECT_URL, &to) != CURLE_OK || !to)
		return false;
	url_strip(to, h->refused_url, sizeof h->refused_url, &creds);
	h->refused = h->redirects >= MAX_REDIRECTS ? REDIRECT_TOO_MANY : redirect_judge(h->url, to);
	if (h->refused == REDIRECT_FOLLOW && strlen(to) >= sizeof h->url)
		h->refused = REDIRECT_BAD_URL;
	if (h->refused != REDIRECT_FOLLOW)
		return false;
	snprintf(h->url, sizeof h->url, "%s", to);
	h->redirects++;
	return request(h, clock_mono());
}

/* A request ended with code: follow a redirect or end the poll. */
static void
request_done(struct http_source *h, CURLcode code)
{
	curl_multi_remove_handle(h->multi, h->easy);
	h->code = code;
	h->status = 0;
	curl_easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &h->status);
	if (code == CURLE_OK && h->status >= 300 && h->status < 400 && follow(h))
		return;
	finish(h);
}

/* Return the index of fd among the shared sockets, or shared.nsocks. */
static size_t
socket_find(curl_socket_t fd)
{
	size_t i = 0;

	while (i < shared.nsocks && shared.socks[i].fd != fd)
		i++;
	return i;
}

/* libcurl says what to watch on a socket (or to forget it). */
static int
on_socket(CURL *easy, curl_socket_t fd, int what, void *ctx, void *sockp)
{
	size_t i = socket_find(fd);

	(void)easy;
	(void)ctx;
	(void)sockp;
	if (what == CURL_POLL_REMOVE) {
		if (i < shared.nsocks)
			shared.socks[i] = shared.socks[--shared.nsocks];
		return 0;
	}
	if (i == shared.nsocks) {
		if (shared.nsocks == HTTP_MAX_SOCKETS)
			return -1; /* libcurl fails the transfer */
		shared.nsocks++;
	}
	shared.socks[i] = (struct http_socket){ fd, (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
	                                                    ((what & CURL_POLL_OUT) ? POLLOUT : 0)) };
	return 0;
}

/* libcurl says when it wants to act on its own (-1: never). */
static int
on_timer(CURLM *multi, long timeout_ms, void *ctx)
{
	(void)multi;
	(void)ctx;
	shared.timer_at = timeout_ms < 0 ? -1.0 : clock_mono() + (double)timeout_ms / 1000.0;
	return 0;
}

/* Let libcurl act on fd (CURL_SOCKET_TIMEOUT: its timer) with readiness
 * mask; when it fails, every poll in flight ends with its code. */
static void
act(curl_socket_t fd, int mask)
{
	int running;
	CURLMcode mc = curl_multi_socket_action(shared.multi, fd, mask, &running);

	for (struct http_source *h = shared.users; mc != CURLM_OK && h; h = h->next)
		if (h->busy) {
			h->mcode = mc;
			curl_multi_remove_handle(h->multi, h->easy);
			finish(h);
		}
}

/* Hand each finished request to its source. */
static void
collect(void)
{
	int left;
	CURLMsg *msg;

	while ((msg = curl_multi_info_read(shared.multi, &left))) {
		struct http_source *h = NULL;
		if (msg->msg == CURLMSG_DONE && curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&h) == CURLE_OK &&
		    h && h->busy)
			request_done(h, msg->data.result);
	}
}

/* Start one GET; false while the last poll is still running or undelivered. */
static bool
http_start(struct source *s, double now)
{
	struct http_source *h = (struct http_source *)s;

	if (h->busy || h->finished)
		return false;
	snprintf(h->url, sizeof h->url, "%s", h->cfg.url);
	h->redirects = 0;
	h->refused = REDIRECT_FOLLOW;
	h->code = CURLE_OK;
	h->status = 0;
	h->started = now;
	h->deadline = now + h->cfg.timeout;
	h->busy = true;
	if (!request(h, now))
		finish(h);
	return true;
}

/* The first source sharing the multi handle watches the sockets libcurl
 * named (a cached connection's too) for all, and acts by its timer; the
 * others watch nothing. */
static size_t
http_watch(struct source *s, struct pollfd *pfd, size_t max, int *timeout_ms, double now)
{
	size_t n = 0;

	if (s != &shared.users->base)
		return 0;
	for (size_t i = 0; i < shared.nsocks && n < max; i++)
		pfd[n++] = (struct pollfd){ .fd = shared.socks[i].fd, .events = shared.socks[i].events };
	if (shared.timer_at >= 0)
		source_sooner(timeout_ms, source_ms_until(shared.timer_at, now));
	return n;
}

/* The first source: tell libcurl which sockets became ready and whether its
 * timer is due, and hand finished transfers to their sources. */
static void
http_handle(struct source *s, const struct pollfd *pfd, size_t n, double now)
{
	if (s != &shared.users->base)
		return;
	for (size_t i = 0; i < n; i++) {
		int mask = 0;
		for (size_t k = 0; k < sizeof ready_events / sizeof ready_events[0]; k++)
			if (pfd[i].revents & ready_events[k].poll)
				mask |= ready_events[k].curl;
		/* a socket an earlier action closed is libcurl's no more */
		if (mask && socket_find(pfd[i].fd) < shared.nsocks)
			act(pfd[i].fd, mask);
	}
	if (shared.timer_at >= 0 && now >= shared.timer_at) {
		shared.timer_at = -1.0;
		act(CURL_SOCKET_TIMEOUT, 0);
	}
	collect();
}

/* Return whether a finished poll waits to be delivered. */
static bool
http_ready(const struct source *s)
{
	return ((const struct http_source *)s)->finished;
}

/* Return whether host is in the comma-separated no-proxy list (libcurl's
 * rules: "*" is every host, an entry matches the host or a domain above it). */
static bool
noproxy_match(const char *list, const char *host)
{
	size_t hl = strlen(host);

	while (list && *list) {
		size_t n = strcspn(list, ", ");
		const char *e = list;
		size_t el = n;
		if (el > 0 && e[0] == '.') {
			e++;
			el--;
		}
		if ((n == 1 && list[0] == '*') ||
		    (el > 0 && el <= hl && strncasecmp(host + hl - el, e, el) == 0 && (el == hl || host[hl - el - 1] == '.')))
			return true;
		list += n;
		list += strspn(list, ", ");
	}
	return false;
}

/* The environment variable naming the proxy this request goes through
 * ("http_proxy"), or NULL when it goes direct (libcurl's order). */
static const char *
proxy_var(const struct http_source *h)
{
	static const char *const vars[2][4] = {
		{ "http_proxy", "all_proxy", "ALL_PROXY", NULL },
		{ "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" },
	};
	const char *found = NULL, *noproxy = h->cfg.noproxy;
	char *part[3];

	if (url_parts(h->url, part) && part[1]) {
		const char *const *v = vars[strcasecmp(part[0], "https") == 0];
		for (int i = 0; i < 4 && v[i] && !found; i++)
			if (getenv(v[i]) && *getenv(v[i]))
				found = v[i];
		if (!noproxy)
			noproxy = getenv("no_proxy") ? getenv("no_proxy") : getenv("NO_PROXY");
		if (found && noproxy_match(noproxy, part[1]))
			found = NULL;
	}
	for (int i = 0; i < 3; i++)
		curl_free(part[i]);
	return found;
}

/* Explain a timeout: how far the request got, the one limit, the option. */
static void
explain_timeout(const struct http_source *h, struct source_result *res)
{
	double took = clock_mono() - h->started;
	curl_off_t connected = 0;
	const char *proxy = proxy_var(h);

	curl_easy_getinfo(h->easy, CURLINFO_CONNECT_TIME_T, &connected);
	if (connected == 0)
		say(h, res, SOURCE_ERR_TIMEOUT, "no connection%s%s within %.1f s (%s); the limit is --timeout %g s: raise it with --timeout SECONDS",
		    proxy ? " to the proxy in " : "", proxy ? proxy : "", took, h->errbuf, h->cfg.timeout);
	else if (h->status == 0)
		say(h, res, SOURCE_ERR_TIMEOUT, "connected, but no answer within %.1f s (%s); the limit is --timeout %g s: "
		    "a slow dashboard (one resolving names) may need more: raise it with --timeout SECONDS",
		    took, h->errbuf, h->cfg.timeout);
	else
		say(h, res, SOURCE_ERR_TIMEOUT,
		    "the answer was still incomplete after %.1f s, %zu bytes in (%s); the limit is --timeout %g s: raise it with --timeout SECONDS",
		    took, h->body.len, h->errbuf, h->cfg.timeout);
}

/* Explain a failed transfer; false when the transfer itself went well. */
static bool
explain_transfer(const struct http_source *h, struct source_result *res)
{
	if (h->mcode != CURLM_OK) {
		say(h, res, SOURCE_ERR_SYSTEM, "libcurl failed: %s", curl_multi_strerror(h->mcode));
	} else if (h->too_big) {
		say(h, res, SOURCE_ERR_TOO_BIG, "the answer passed %zu MiB (counted after decompression; --max-size)",
		    h->cfg.max_size >> 20);
	} else if (h->out_of_memory) {
		say(h, res, SOURCE_ERR_SYSTEM, "out of memory after %zu bytes of the answer", h->body.len);
	} else if (h->refused != REDIRECT_FOLLOW) {
		say(h, res, SOURCE_ERR_REDIRECT, "redirected to %s: not followed: %s", h->refused_url,
		    redirect_texts[h->refused]);
	} else if (h->code == CURLE_OPERATION_TIMEDOUT) {
		explain_timeout(h, res);
	} else if (h->code != CURLE_OK) {
		enum source_err e = SOURCE_ERR_TRANSFER;
		const char *text = curl_easy_strerror(h->code), *hint = NULL;
		for (size_t i = 0; i < sizeof curl_errors / sizeof curl_errors[0]; i++)
			if (curl_errors[i].code == h->code) {
				e = curl_errors[i].err;
				text = curl_errors[i].text;
				hint = (h->cfg.cacert || h->cfg.capath) && curl_errors[i].hint_ca ? curl_errors[i].hint_ca
				                                                                 : curl_errors[i].hint;
			}
		const char *proxy = proxy_var(h);
		if (h->code == CURLE_COULDNT_CONNECT && proxy) {
			text = "cannot connect to the proxy";
			hint = "is the proxy in http_proxy/https_proxy/all_proxy running? (or bypass it with --noproxy HOST)";
		}
		say(h, res, e, "%s%s%s%s%s%s", text, h->errbuf[0] ? " (" : "", h->errbuf, h->errbuf[0] ? ")" : "",
		    hint ? "; " : "", hint ? hint : "");
	} else {
		return false;
	}
	return true;
}

/* Explain a status other than 2xx; false for 2xx. */
static bool
explain_status(const struct http_source *h, struct source_result *res)
{
	const char *text = h->status >= 300 && h->status < 400 ? "a redirect without a Location" : "", *hint = NULL;
	enum source_err e = SOURCE_ERR_HTTP_STATUS;

	if (h->status >= 200 && h->status < 300)
		return false;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].status == h->status) {
			e = statuses[i].err;
			text = statuses[i].text;
			hint = h->credentials && statuses[i].hint_sent ? statuses[i].hint_sent : statuses[i].hint;
		}
	say(h, res, e, "HTTP %ld%s%s%s%s", h->status, text[0] ? " " : "", text, hint ? "; " : "", hint ? hint : "");
	return true;
}

/* Return whether the answer looks like an HTML page. */
static bool
looks_html(const char *ct, const struct buf *b)
{
	size_t i = 0;

	if (ct && strcasestr(ct, "html"))
		return true;
	while (i < b->len && strchr(" \t\r\n", b->data[i]) && b->data[i])
		i++;
	return i < b->len && b->data[i] == '<';
}

/* Parse the body into sink, or explain why it is not client data. */
static void
explain_body(const struct http_source *h, row_sink sink, void *ctx, struct source_result *res)
{
	char *ct = NULL, why[256];
	const struct server_info *srv = &res->server;

	curl_easy_getinfo(h->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (looks_html(ct, &h->body)) {
		say(h, res, SOURCE_ERR_FORMAT, "expected JSON, got HTML (%.60s, %zu bytes); is this the /data URL?",
		    ct ? ct : "no Content-Type", h->body.len);
		return;
	}
	res->perr = parse_dash(h->body.data, h->body.len, sink, ctx, &res->rep, &res->server);
	if (srv->error[0]) {
		char count[32] = "not sent";
		if (srv->have_count)
			snprintf(count, sizeof count, "%lld", srv->count);
		say(h, res, SOURCE_ERR_SERVER, "the server reports an error: \"%.*s\" (server clock %s; count %s)",
		    SHOWN_MAX, srv->error, srv->time[0] ? srv->time : "not sent", count);
		return;
	}
	if (res->perr == PARSE_OK)
		return;
	if (res->perr == PARSE_ERR_JSON && !(ct && strcasestr(ct, "json"))) {
		say(h, res, SOURCE_ERR_FORMAT, "expected JSON, got %.60s (%zu bytes): %s", ct ? ct : "no Content-Type",
		    h->body.len, res->rep.detail);
		return;
	}
	if (res->rep.detail[0])
		snprintf(why, sizeof why, "%s", res->rep.detail);
	else
		parse_report_text(&res->rep, PARSE_OK, why, sizeof why);
	say(h, res, parse_failures[res->perr].err, "%s: %s", parse_failures[res->perr].text, why);
}

/* Hand the finished poll's rows to sink, or say why there are none. */
static void
http_deliver(struct source *s, row_sink sink, void *ctx, struct source_result *res)
{
	struct http_source *h = (struct http_source *)s;

	memset(res, 0, sizeof *res);
	server_data_clients_only(&res->serverdata, "a dashboard's /data carries only its clients: no tracking, "
	                         "serverstats or time sources (run ticctop on the server itself for those)");
	h->finished = false;
	if (explain_transfer(h, res) || explain_status(h, res) || source_memo_repeat(&h->memo, &h->body, res))
		return;
	explain_body(h, sink, ctx, res);
	source_memo_keep(&h->memo, &h->body, res);
}

/* End a poll in flight; the connection stays cached for the next. */
static void
http_stop(struct source *s)
{
	struct http_source *h = (struct http_source *)s;

	if (h->busy)
		curl_multi_remove_handle(h->multi, h->easy);
	h->busy = h->finished = false;
}

/* Free the source and wipe its secrets; the last user frees the shared multi handle. */
static void
http_free(struct source *s)
{
	struct http_source *h = (struct http_source *)s;

	http_stop(s);
	if (h->easy)
		curl_easy_cleanup(h->easy);
	for (struct http_source **p = &shared.users; *p; p = &(*p)->next)
		if (*p == h) {
			*p = h->next;
			break;
		}
	if (h->multi && !shared.users) {
		curl_multi_cleanup(shared.multi);
		shared.multi = NULL;
		shared.nsocks = 0;
		shared.timer_at = -1.0;
	}
	curl_slist_free_all(h->headers);
	buf_free(&h->body);
	buf_free(&h->memo.body);
	explicit_bzero(h->password, sizeof h->password);
	explicit_bzero(h->bearer, sizeof h->bearer);
	free(h);
	curl_global_cleanup();
}

static const struct source_ops http_ops = {
	http_start, http_watch, http_handle, http_ready, http_deliver, http_stop, http_free,
};

/* Check a secret: one line, not empty; false with the reason in err. */
static bool
secret_check(const char *what, char *s, size_t len, char *err, size_t errsize)
{
	if (len > 0 && s[len - 1] == '\n')
		len--;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	s[len] = '\0';
	if (len == 0 || memchr(s, '\n', len) || memchr(s, '\r', len) || strlen(s) != len) {
		snprintf(err, errsize, "%s must hold one non-empty line", what);
		return false;
	}
	return true;
}

/* Read a secret from the file at path into dst[SECRET_MAX + 1]. */
static bool
secret_read(const char *opt, const char *path, char *dst, char *err, size_t errsize)
{
	char what[300];
	size_t len = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	snprintf(what, sizeof what, "--%s %s", opt, path);
	if (fd < 0) {
		snprintf(err, errsize, "%s: %s", what, strerror(errno));
		return false;
	}
	while (len <= SECRET_MAX && ((n = read(fd, dst + len, SECRET_MAX + 1 - len)) > 0 || (n < 0 && errno == EINTR)))
		len += n > 0 ? (size_t)n : 0;
	close(fd);
	if (n < 0) {
		snprintf(err, errsize, "%s: %s", what, strerror(errno));
		return false;
	}
	if (len > SECRET_MAX) {
		snprintf(err, errsize, "%s: longer than %d bytes", what, SECRET_MAX);
		return false;
	}
	return secret_check(what, dst, len, err, errsize);
}

/* Gather the password or token the options ask for. */
static bool
secrets_load(struct http_source *h, char *err, size_t errsize)
{
	const struct http_cfg *c = &h->cfg;
	const char *env = getenv(PASSWORD_ENV);

	if (c->user && strchr(c->user, ':')) {
		snprintf(err, errsize, "--user: a user name cannot hold ':' (Basic auth)");
		return false;
	}
	if (c->bearer_file)
		return (h->credentials = secret_read("bearer-file", c->bearer_file, h->bearer, err, errsize));
	if (!c->user)
		return true;
	if (c->password_file)
		return (h->credentials = secret_read("password-file", c->password_file, h->password, err, errsize));
	if (!env) {
		snprintf(err, errsize, "--user %s needs a password: set %s or give --password-file FILE", c->user,
		         PASSWORD_ENV);
		return false;
	}
	if (strlen(env) > SECRET_MAX) {
		snprintf(err, errsize, "%s: longer than %d bytes", PASSWORD_ENV, SECRET_MAX);
		return false;
	}
	snprintf(h->password, sizeof h->password, "%s", env);
	return (h->credentials = secret_check(PASSWORD_ENV, h->password, strlen(h->password), err, errsize));
}

/* Set the handle's options once: limits, TLS, credentials, callbacks. */
static bool
easy_setup(struct http_source *h)
{
	const struct http_cfg *c = &h->cfg;
	const struct {
		CURLoption opt;
		const char *value;   /* NULL: leave libcurl's default */
	} strings[] = {
#if LIBCURL_VERSION_NUM >= 0x075500
		{ CURLOPT_PROTOCOLS_STR, "http,https" },
		{ CURLOPT_REDIR_PROTOCOLS_STR, "http,https" },
#endif
		{ CURLOPT_ACCEPT_ENCODING, "" },
		{ CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION },
		{ CURLOPT_CAINFO, c->cacert },
		{ CURLOPT_CAPATH, c->capath },
		{ CURLOPT_SSLCERT, c->cert },
		{ CURLOPT_SSLKEY, c->key },
		{ CURLOPT_NOPROXY, c->noproxy },
		{ CURLOPT_USERNAME, c->user },
		{ CURLOPT_PASSWORD, c->user ? h->password : NULL },
		{ CURLOPT_XOAUTH2_BEARER, c->bearer_file ? h->bearer : NULL },
	};
	const struct {
		CURLoption opt;
		long value;
	} longs[] = {
#if LIBCURL_VERSION_NUM < 0x075500
		{ CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS },
		{ CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS },
#endif
		{ CURLOPT_NOSIGNAL, 1 },
		{ CURLOPT_FOLLOWLOCATION, 0 },     /* redirects are judged by follow() */
		{ CURLOPT_UNRESTRICTED_AUTH, 0 },
		{ CURLOPT_SSL_VERIFYPEER, !c->insecure },
		{ CURLOPT_SSL_VERIFYHOST, c->insecure ? 0 : 2 },
		{ CURLOPT_HTTPAUTH, (long)(c->bearer_file ? CURLAUTH_BEARER : CURLAUTH_BASIC) },
		{ CURLOPT_TCP_KEEPALIVE, 1 },
	};

	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		if (strings[i].value && curl_easy_setopt(h->easy, strings[i].opt, strings[i].value) != CURLE_OK)
			return false;
	for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++)
		if (curl_easy_setopt(h->easy, longs[i].opt, longs[i].value) != CURLE_OK)
			return false;
	return (h->headers = curl_slist_append(NULL, "Accept: application/json")) &&
	       curl_easy_setopt(h->easy, CURLOPT_HTTPHEADER, h->headers) == CURLE_OK &&
	       curl_easy_setopt(h->easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_size) == CURLE_OK &&
	       curl_easy_setopt(h->easy, CURLOPT_ERRORBUFFER, h->errbuf) == CURLE_OK &&
	       curl_easy_setopt(h->easy, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK &&
	       curl_easy_setopt(h->easy, CURLOPT_WRITEDATA, h) == CURLE_OK &&
	       curl_easy_setopt(h->easy, CURLOPT_PRIVATE, h) == CURLE_OK;
}

/* Join h to the shared multi handle (made by the first source): libcurl
 * says which sockets to watch and when to act, instead of waiting itself. */
static bool
multi_join(struct http_source *h)
{
	struct http_source **last = &shared.users;

	if (!shared.multi) {
		if (!(shared.multi = curl_multi_init()))
			return false;
		if (curl_multi_setopt(shared.multi, CURLMOPT_SOCKETFUNCTION, on_socket) != CURLM_OK ||
		    curl_multi_setopt(shared.multi, CURLMOPT_TIMERFUNCTION, on_timer) != CURLM_OK) {
			curl_multi_cleanup(shared.multi);
			shared.multi = NULL;
			return false;
		}
	}
	while (*last)
		last = &(*last)->next;
	*last = h;
	h->multi = shared.multi;
	return true;
}

/* Check the URL and set the target (the URL without credentials). */
static bool
url_check(struct http_source *h, char *err, size_t errsize)
{
	bool creds;
	char *part[3];

	if (strlen(h->cfg.url) >= URL_MAX || !url_strip(h->cfg.url, h->base.target, sizeof h->base.target, &creds)) {
		snprintf(err, errsize, "--url: \"%.200s\" is not a URL (want http://HOST[:PORT]/data)", h->cfg.url);
		return false;
	}
	if (creds) {
		snprintf(err, errsize, "--url %s: credentials in the URL would show in ps and logs; "
		                       "use --user with %s or --password-file", h->base.target, PASSWORD_ENV);
		return false;
	}
	bool web = url_parts(h->cfg.url, part) && web_scheme(part[0]);
	for (int i = 0; i < 3; i++)
		curl_free(part[i]);
	if (!web) {
		snprintf(err, errsize, "--url %s: only http:// and https:// URLs are read", h->base.target);
		return false;
	}
	return true;
}

/* Make an http source. */
struct source *
source_http_new(const struct http_cfg *cfg, char *err, size_t errsize)
{
	struct http_source *h;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(err, errsize, "cannot start libcurl");
		return NULL;
	}
	if (!(h = calloc(1, sizeof *h))) {
		curl_global_cleanup();
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	h->base.ops = &http_ops;
	h->base.kind = "http";
	h->cfg = *cfg;
	h->body.cap = h->memo.body.cap = cfg->max_size;
	if (cfg->insecure)
		h->base.warning = "--insecure: the server's certificate is not checked; anyone on the way can read and change the data";
	if (!url_check(h, err, errsize) || !secrets_load(h, err, errsize)) {
		http_free(&h->base);
		return NULL;
	}
	if (!(h->easy = curl_easy_init()) || !easy_setup(h) || !multi_join(h)) {
		snprintf(err, errsize, "cannot set up libcurl (out of memory, or a TLS option libcurl lacks)");
		http_free(&h->base);
		return NULL;
	}
	return &h->base;
}
