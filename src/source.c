/* source.c — what all sources share: the names of their errors. */
#include "config.h"

#include "source.h"

static const char *const err_names[SOURCE_ERR_COUNT] = {
	[SOURCE_OK]                 = "ok",
	[SOURCE_ERR_NOT_FOUND]      = "not-found",
	[SOURCE_ERR_NOT_AUTHORISED] = "not-authorised",
	[SOURCE_ERR_NO_DAEMON]      = "no-daemon",
	[SOURCE_ERR_NO_CLIENTLOG]   = "no-clientlog",
	[SOURCE_ERR_NO_SOCKET]      = "no-socket",
	[SOURCE_ERR_SUDO_PASSWORD]  = "sudo-password",
	[SOURCE_ERR_EXIT]           = "exit",
	[SOURCE_ERR_TIMEOUT]        = "timeout",
	[SOURCE_ERR_TOO_BIG]        = "too-big",
	[SOURCE_ERR_SYSTEM]         = "system",
	[SOURCE_ERR_PARSE]          = "parse",
	[SOURCE_ERR_CONNECT]        = "connect",
	[SOURCE_ERR_TLS]            = "tls",
	[SOURCE_ERR_HTTP_STATUS]    = "http-status",
	[SOURCE_ERR_AUTH]           = "auth",
	[SOURCE_ERR_REDIRECT]       = "redirect",
	[SOURCE_ERR_TRANSFER]       = "transfer",
	[SOURCE_ERR_FORMAT]         = "format",
	[SOURCE_ERR_SERVER]         = "server",
};

/* Short name of an error for machines and tests. */
const char *
source_err_name(enum source_err e)
{
	return err_names[e];
}
