/* conffile.c — reads $XDG_CONFIG_HOME/ticctop/config through the option table. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"

/* Where the config file is. */
bool
conffile_path(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/ticctop/config", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, size, "%s/.config/ticctop/config", home);
	else
		return false;
	return n > 0 && (size_t)n < size;
}

/* Read the config file into o. */
bool
conffile_load(struct options *o, char **text, char *err, size_t errsize)
{
	char path[4096];
	FILE *fp;

	*text = NULL;
	if (!conffile_path(path, sizeof path))
		return true; /* no home: no config file */
	if (!(fp = fopen(path, "r"))) {
		if (errno == ENOENT)
			return true;
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return false;
	}
	char *buf = malloc(CONFFILE_MAX_BYTES + 1);
	size_t n = buf ? fread(buf, 1, CONFFILE_MAX_BYTES + 1, fp) : 0;
	bool bad = !buf || ferror(fp) || n > CONFFILE_MAX_BYTES || memchr(buf, '\0', n);
	fclose(fp);
	if (bad) {
		snprintf(err, errsize, "%s: %s", path, !buf ? "out of memory" : n > CONFFILE_MAX_BYTES ? "larger than 1 MiB"
		                                      : "cannot read it as text");
		free(buf);
		return false;
	}
	buf[n] = '\0';
	*text = buf;
	return options_parse_config(o, buf, path, err, errsize) == OPT_OK;
}
