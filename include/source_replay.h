/* source_replay.h — --replay FILE: a recording (record.h) as a source.
 *
 * Contract: a source like the others (source.h), whose polls are the
 * recorded ones: each hands the model the recorded rows through the same
 * sink and leaves the recorded result (error, message, parser's report,
 * server info), and gives the loop the recorded times (source.own_times), so the
 * model, the reports and the verdicts are what the live run had.  Its kind
 * and target are the recorded source's; its status (the header's) says
 * REPLAY, the recorded time and the speed.  The file is indexed when
 * opened: it plays up to the first torn, damaged or malformed poll and
 * stops there, and replay_stopped says where and why; a recording from a
 * newer ticctop is refused as such.  fast: every poll at once, one per
 * start (batch: the same reports as the live run); else in the recording's
 * own time, times the speed, the controls below moving it.  After the last
 * poll the source is finished. */
#ifndef TICCTOP_SOURCE_REPLAY_H
#define TICCTOP_SOURCE_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

/* Open the recording at path; NULL with why when it cannot be replayed. */
struct source *source_replay_new(const char *path, bool fast, char *why, size_t whysize);

/* Where and why the replay stopped before the file's end (damage, a cut, a
 * newer segment); NULL while it has not, or when the file ended cleanly. */
const char *replay_stopped(const struct source *s);

/* Return whether s is a replay (the controls below apply). */
bool replay_is(const struct source *s);

/* Play faster (dir > 0) or slower (dir < 0): x1/4 .. x64. */
void replay_speed(struct source *s, int dir);

/* Jump by seconds of recorded time (negative: back). */
void replay_jump(struct source *s, double seconds);

/* Go to the first poll (end false) or the last (end true). */
void replay_edge(struct source *s, bool end);

#endif
