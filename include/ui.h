/* ui.h — the full-screen front end: curses, the terminal, the remembered state.
 *
 * Contract: ui_run owns the terminal from start to end and gives it back on
 * every way out: q/F10, SIGINT/SIGTERM/SIGHUP (through the loop), a fatal
 * error, and a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT:
 * endwin, then the signal is raised again).  While the screen is up nothing
 * is written to stderr: it goes to --log FILE, or nowhere.  Input is read
 * without blocking when the loop says the terminal is readable; a frame is
 * painted only when something is dirty, with one doupdate. */
#ifndef TICCTOP_UI_H
#define TICCTOP_UI_H

#include "fleet.h"
#include "loop.h"
#include "options.h"

/* Run the full screen over the servers of f (one or more; their polls in
 * one loop) until quit or a signal, the loop also driving task
 * (the demo's traffic; may be NULL); returns the exit status (0,
 * 128 + signal, or 3 when the terminal could not be used). */
int ui_run(struct fleet *f, const struct options *o, double interval, const struct side_task *task);

#endif
