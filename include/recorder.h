/* recorder.h — --record: every poll appended to a file (record.h's format).
 *
 * Contract: recorder_open makes or reopens FILE: a new file gets the magic;
 * an existing one must be a recording this ticctop can read (else it is
 * refused, never overwritten), its torn last poll (a crash while writing)
 * is cut off, and a new segment begins with a HEADER.  Between
 * recorder_begin and recorder_poll the rows a source delivers go through
 * recorder_row (a row_sink); recorder_poll writes the poll as one frame
 * with one write(2), then fdatasync(2), so a crash or power cut loses at
 * most the poll being written.  With max_bytes, a file that has reached it
 * is renamed to FILE.1 (an older FILE.1 is dropped) before the next poll,
 * and a new FILE begins (magic, HEADER, a FULL poll): at most about twice
 * max_bytes on disk.  A failed write cuts the file back to its last whole
 * poll, stops the recording and keeps why (recorder_error); the run goes
 * on without it. */
#ifndef TICCTOP_RECORDER_H
#define TICCTOP_RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "row.h"
#include "source_result.h"

struct recorder;

/* Open path to record src's polls at interval seconds, rotating past
 * max_bytes (0: never); NULL with why when it cannot. */
struct recorder *recorder_open(const char *path, const struct source *src, double interval, uint64_t max_bytes,
                               char *why, size_t whysize);

/* Close r (NULL: nothing). */
void recorder_close(struct recorder *r);

/* Start a poll. */
void recorder_begin(struct recorder *r);

/* Take one row of the poll (a row_sink; ctx is the recorder). */
bool recorder_row(void *r, const struct row *row);

/* Write the poll that finished at monotonic time mono (a record_clock
 * time) and wall-clock time wall_ms (ms since the epoch) with result res;
 * false when the recording failed (now or before: recorder_error says why). */
bool recorder_poll(struct recorder *r, double mono, int64_t wall_ms, const struct source_result *res);

/* Why the recording stopped; NULL while it runs. */
const char *recorder_error(const struct recorder *r);

#endif
