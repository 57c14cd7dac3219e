/* outfile.c — write a new file beside the old one, then rename it over. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

/* The directory of path (".", or "/" for a file in the root) into dir. */
static void
dir_of(const char *path, char *dir)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else
		memcpy(dir, path, (size_t)(slash - path)), dir[slash - path] = '\0';
}

/* Replace path atomically with what write(fp, ctx) writes. */
bool
outfile_replace(const char *path, mode_t mode, bool (*write)(FILE *fp, void *ctx), void *ctx, char *why,
                size_t whysize)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 8), *dir = malloc(plen + 2);
	const char *step = "create";
	bool ok = false;
	int fd = -1;

	if (!tmp || !dir) {
		errno = ENOMEM;
		goto out;
	}
	snprintf(tmp, plen + 8, "%s.XXXXXX", path);
	dir_of(path, dir);
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	mode_t mask = umask(0);
	umask(mask);
	FILE *fp = fchmod(fd, mode & ~mask) == 0 ? fdopen(fd, "w") : NULL;
	if (!fp) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
		goto out;
	}
	step = "write";
	ok = write(fp, ctx) && fflush(fp) == 0 && !ferror(fp) && fsync(fd) == 0;
	ok = fclose(fp) == 0 && ok;
	if (ok) {
		step = "rename";
		ok = rename(tmp, path) == 0;
	}
	if (!ok) {
		int e = errno;
		unlink(tmp);
		errno = e;
		goto out;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd); /* the rename is durable once the directory is */
		close(dfd);
	}
out:
	if (!ok)
		snprintf(why, whysize, "%s (%s %s)", strerror(errno), step, path);
	free(tmp);
	free(dir);
	return ok;
}
