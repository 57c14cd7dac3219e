/* recorder.c — appends each poll to the recording file, durably. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "record.h"
#include "recorder.h"

#define FULL_EVERY 60   /* polls between full snapshots: a minute at 1 Hz, the replay's jump */

struct recorder {
	char *path;
	int fd;
	uint64_t size;        /* bytes of whole polls in the file */
	uint64_t max_bytes;
	struct record_enc *enc;
	struct record_header head;
	struct buf out;
	size_t rows;          /* rows taken this poll */
	char error[600];
};

/* Wall clock now in ms since the epoch. */
static int64_t
wall_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Write all of buf[0..len) to fd. */
static bool
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

/* Where the whole polls of the recording in fd (size bytes) end; 0 for an
 * empty file; -1 with why when it is no recording we may append to. */
static long long
valid_end(int fd, uint64_t size, char *why, size_t whysize)
{
	struct record_frame f;
	struct record_header h;
	enum record_err e;

	if (size == 0)
		return 0;
	void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		snprintf(why, whysize, "cannot read it: %s", strerror(errno));
		return -1;
	}
	size_t pos = RECORD_MAGIC_LEN, end = RECORD_MAGIC_LEN;
	if ((e = record_magic(map, size)) != RECORD_OK) {
		munmap(map, size);
		snprintf(why, whysize, "%s; not appending to it", record_err_text(e));
		return -1;
	}
	while ((e = record_next(map, size, &pos, &f)) == RECORD_OK) {
		if (f.type == RECORD_HEADER && (e = record_header_read(&f, &h)) != RECORD_OK)
			break;
		end = pos;
	}
	munmap(map, size);
	if (e == RECORD_NEWER) {
		snprintf(why, whysize, "%s; not appending to it", record_err_text(e));
		return -1;
	}
	return (long long)end; /* a torn or damaged tail is cut there */
}

/* Start a segment at the end of the file (the magic first in a new one). */
static bool
start_segment(struct recorder *r)
{
	buf_reset(&r->out);
	r->head.start_ms = wall_now_ms();
	if (!record_enc_start(r->enc, &r->head, r->size == 0, &r->out))
		return false;
	if (!write_all(r->fd, r->out.data, r->out.len) || fdatasync(r->fd) != 0)
		return false;
	r->size += r->out.len;
	return true;
}

/* Open (or create) path for appending; false with why. */
static bool
open_file(struct recorder *r, char *why, size_t whysize)
{
	struct stat st;
	long long end;

	if ((r->fd = open(r->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0 || fstat(r->fd, &st) != 0) {
		snprintf(why, whysize, "%s: %s", r->path, strerror(errno));
		return false;
	}
	if ((end = valid_end(r->fd, (uint64_t)st.st_size, why, whysize)) < 0)
		return false;
	if ((off_t)end != st.st_size && ftruncate(r->fd, (off_t)end) != 0) {
		snprintf(why, whysize, "%s: cannot cut its torn end: %s", r->path, strerror(errno));
		return false;
	}
	r->size = (uint64_t)end;
	if (lseek(r->fd, (off_t)end, SEEK_SET) < 0 || !start_segment(r)) {
		snprintf(why, whysize, "%s: %s", r->path, strerror(errno));
		return false;
	}
	return true;
}

/* Open path to record src's polls. */
struct recorder *
recorder_open(const char *path, const struct source *src, double interval, uint64_t max_bytes, char *why,
              size_t whysize)
{
	struct recorder *r = calloc(1, sizeof *r);

	if (!r || !(r->path = strdup(path)) || !(r->enc = record_enc_new(FULL_EVERY))) {
		snprintf(why, whysize, "out of memory");
		recorder_close(r);
		return NULL;
	}
	r->fd = -1;
	r->max_bytes = max_bytes;
	r->out.cap = RECORD_FRAME_MAX + RECORD_FRAME_HEAD;
	r->head.version = RECORD_VERSION;
	snprintf(r->head.ticctop, sizeof r->head.ticctop, "%s", PACKAGE_VERSION);
	snprintf(r->head.kind, sizeof r->head.kind, "%s", src->kind);
	snprintf(r->head.target, sizeof r->head.target, "%s", src->target);
	r->head.interval_ms = (uint32_t)(interval * 1000 + 0.5);
	if (!open_file(r, why, whysize)) {
		recorder_close(r);
		return NULL;
	}
	return r;
}

/* Close r. */
void
recorder_close(struct recorder *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	record_enc_free(r->enc);
	buf_free(&r->out);
	free(r->path);
	free(r);
}

/* Start a poll. */
void
recorder_begin(struct recorder *r)
{
	r->rows = 0;
	record_enc_begin(r->enc);
}

/* Take one row of the poll. */
bool
recorder_row(void *ctx, const struct row *row)
{
	struct recorder *r = ctx;

	r->rows++;
	return r->error[0] || record_enc_row(r->enc, row);
}

/* Move the full file to FILE.1 and begin a new one. */
static bool
rotate(struct recorder *r)
{
	size_t n = strlen(r->path);
	char *old = malloc(n + 3);

	if (!old)
		return false;
	memcpy(old, r->path, n);
	memcpy(old + n, ".1", 3);
	bool ok = rename(r->path, old) == 0;
	free(old);
	if (!ok)
		return false;
	close(r->fd);
	r->size = 0;
	if ((r->fd = open(r->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
		return false;
	return start_segment(r);
}

/* Stop recording, saying why (errno's words after what). */
static bool
fail(struct recorder *r, const char *what)
{
	snprintf(r->error, sizeof r->error, "%s: %s: %s", r->path, what, strerror(errno));
	return false;
}

/* Write the poll that finished. */
bool
recorder_poll(struct recorder *r, double mono, int64_t wall_ms, const struct source_result *res)
{
	if (r->error[0])
		return false;
	if (r->max_bytes && r->size >= r->max_bytes && !rotate(r))
		return fail(r, "cannot start the next file");
	struct record_poll p = { .mono = mono, .wall_ms = wall_ms, .res = *res,
	                         .rows = !res->same && (res->err == SOURCE_OK || r->rows > 0) };
	buf_reset(&r->out);
	if (!record_enc_poll(r->enc, &p, &r->out)) {
		errno = ENOMEM;
		return fail(r, "cannot encode the poll");
	}
	if (!write_all(r->fd, r->out.data, r->out.len) || fdatasync(r->fd) != 0) {
		int e = errno;
		if (ftruncate(r->fd, (off_t)r->size) == 0)
			lseek(r->fd, (off_t)r->size, SEEK_SET);
		errno = e;
		return fail(r, "cannot write");
	}
	r->size += r->out.len;
	return true;
}

/* Why the recording stopped. */
const char *
recorder_error(const struct recorder *r)
{
	return r->error[0] ? r->error : NULL;
}
