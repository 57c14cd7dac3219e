/* conffile.c — reads $XDG_CONFIG_HOME/ticctop/config through the option table. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* What a file of mode m is, when it is not a regular file. */
static const char *
kind_of(mode_t m)
{
	static const struct { mode_t type; const char *name; } kinds[] = {
		{ S_IFIFO, "a FIFO" }, { S_IFDIR, "a directory" }, { S_IFCHR, "a device" },
		{ S_IFBLK, "a device" }, { S_IFSOCK, "a socket" },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if ((m & S_IFMT) == kinds[i].type)
			return kinds[i].name;
	return "of an unknown kind";
}

/* Read at most max + 1 bytes of fd into buf; the count, or -1 on error. */
static ssize_t
read_all(int fd, char *buf, size_t max)
{
	size_t n = 0;

	while (n <= max) {
		ssize_t r = read(fd, buf + n, max + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

/* Read the config file into o. */
enum conffile_result
conffile_load(struct options *o, char **text, char *err, size_t errsize)
{
	char path[4096];
	struct stat st;
	int fd;

	*text = NULL;
	if (!conffile_path(path, sizeof path))
		return CONFFILE_OK; /* no home: no config file */
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return CONFFILE_OK;
		snprintf(err, errsize, "%s: %s%s", path, strerror(errno),
		         errno == ENOTDIR ? " (no config file read; is XDG_CONFIG_HOME a directory?)" : "");
		return errno == ENOTDIR ? CONFFILE_WARNING : CONFFILE_ERROR;
	}
	bool stated = fstat(fd, &st) == 0;
	if (!stated || !S_ISREG(st.st_mode)) {
		if (stated)
			snprintf(err, errsize, "%s: not a regular file (%s)", path, kind_of(st.st_mode));
		else
			snprintf(err, errsize, "%s: %s", path, strerror(errno));
		close(fd);
		return CONFFILE_ERROR;
	}
	size_t plen = strlen(path);
	char *buf = malloc(CONFFILE_MAX_BYTES + 1 + plen + 1); /* the text, then the path it keeps */
	ssize_t n = buf ? read_all(fd, buf, CONFFILE_MAX_BYTES) : 0;
	int read_errno = errno;
	close(fd);
	if (!buf || n < 0 || (size_t)n > CONFFILE_MAX_BYTES || memchr(buf, '\0', (size_t)n)) {
		snprintf(err, errsize, "%s: %s", path, !buf ? "out of memory" : n < 0 ? strerror(read_errno)
		                                      : (size_t)n > CONFFILE_MAX_BYTES ? "larger than 1 MiB"
		                                                                       : "cannot read it as text");
		free(buf);
		return CONFFILE_ERROR;
	}
	buf[n] = '\0';
	char *file = memcpy(buf + CONFFILE_MAX_BYTES + 1, path, plen + 1);
	*text = buf;
	return options_parse_config(o, buf, file, err, errsize) == OPT_OK ? CONFFILE_OK : CONFFILE_ERROR;
}
