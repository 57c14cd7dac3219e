/* ui.c — curses: start, stop, colours, keys, mouse, frames, signals, state file. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

#include "cards.h"
#include "clock.h"
#include "draw.h"
#include "keys.h"
#include "log.h"
#include "state.h"
#include "status.h"
#include "ui.h"

#define DOUBLE_CLICK_SECS 0.4
#define TICK_FAST 0.25       /* header repaint while the age shows tenths */
#define TICK_SLOW 1.0
#define ESC_DELAY_MS 25

_Static_assert(STATE_NAME_MAX >= FLEET_NAME_MAX && STATE_SERVERS_MAX > FLEET_MAX, "the state file holds any fleet");

/* Everything the screen needs; one per process (the crash handler reads it). */
static struct {
	struct tui t;
	struct paint paint;
	SCREEN *screen;
	FILE *in;                  /* the terminal read from */
	bool own_in;               /* in was opened here (/dev/tty) */
	char state_path[4096];
	char state_key[OPTIONS_MAX_SOURCES * 520]; /* what the state is remembered under: the fleet's sources */
	bool save_pending;
	double next_tick;
	long data_secs;            /* whole seconds of data age the cards were painted at */
	double click_time;
	int click_x, click_y;
	enum source_err logged;    /* last source error written to the log */
	int logged_w, logged_h;    /* last size written to the log (the log says changes only) */
	int logged_theme, logged_colours;   /* last theme and colours written to it */
	bool hung_up;              /* the terminal went away */
} ui;

static volatile sig_atomic_t screen_up;
static int saved_stderr = -1;

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT };

/* Write the number v in decimal into buf (async-signal-safe); returns its length. */
static size_t
put_number(char *buf, int v)
{
	char tmp[12];
	size_t n = 0, k = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0 && n < sizeof tmp);
	while (n > 0)
		buf[k++] = tmp[--n];
	return k;
}

/* A crash: give the terminal back, say so, and die of the same signal. */
static void
on_fatal(int sig)
{
	static const char head[] = "ticctop: crashed with signal ";
	static const char tail[] = "; the terminal was restored\n";
	char msg[sizeof head + sizeof tail + 12];
	size_t n = sizeof head - 1;

	if (screen_up) {
		screen_up = 0;
		endwin();
	}
	if (saved_stderr >= 0)
		dup2(saved_stderr, STDERR_FILENO);
	memcpy(msg, head, n);
	n += put_number(msg + n, sig);
	memcpy(msg + n, tail, sizeof tail - 1);
	n += sizeof tail - 1;
	if (write(STDERR_FILENO, msg, n) < 0) {
		/* nothing more can be done */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Send stderr to the log (or nowhere) while the screen is up. */
static void
stderr_away(void)
{
	int fd = log_fd() >= 0 ? dup(log_fd()) : open("/dev/null", O_WRONLY | O_CLOEXEC);

	saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
}

/* Give stderr back. */
static void
stderr_back(void)
{
	if (saved_stderr < 0)
		return;
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
}

/* Colours and attributes of every role for the current theme. */
static void
apply_theme(void)
{
	static const struct { unsigned style; attr_t attr; } attrs[] = {
		{ STYLE_BOLD, A_BOLD }, { STYLE_REVERSE, A_REVERSE }, { STYLE_UNDERLINE, A_UNDERLINE }, { STYLE_DIM, A_DIM },
	};
	for (int r = 0; r < ROLE_COUNT; r++) {
		struct style s = theme_style(ui.t.theme, (enum role)r, ui.t.colours);
		attr_t a = 0;
		if (ui.t.colours && (s.fg >= 0 || s.bg >= 0) && init_pair((short)(r + 1), s.fg, s.bg) == OK)
			a = COLOR_PAIR(r + 1);
		for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
			if (s.attr & attrs[i].style)
				a |= attrs[i].attr;
		ui.paint.role[r] = a;
	}
	bkgdset(' ' | (ui.paint.role[ROLE_TEXT] & A_COLOR));
	if ((int)ui.t.theme != ui.logged_theme || ui.t.colours != ui.logged_colours)
		log_msg("theme %s, %d colours", theme_name(ui.t.theme), ui.t.colours);
	ui.logged_theme = (int)ui.t.theme;
	ui.logged_colours = ui.t.colours;
}

/* How many colours to use: 0 when refused (NO_COLOR, --no-color) or missing. */
static int
pick_colours(const struct options *o)
{
	const char *nc = getenv("NO_COLOR");

	if (o->no_color || (nc && *nc) || !has_colors() || start_color() != OK)
		return 0;
	use_default_colors();
	if (COLOR_PAIRS <= ROLE_COUNT)
		return 0;
	return COLORS >= 256 ? 256 : COLORS >= 8 ? 8 : 0;
}

/* Capture the mouse events ticctop uses, or none (the terminal then selects text). */
static void
capture_mouse(void)
{
	mousemask(ui.t.mouse ? BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
}

/* Take the terminal; false with a message in err. */
static bool
ui_start(const struct options *o, char *err, size_t errsize)
{
	struct sigaction sa;

	ui.in = stdin;
	if (!isatty(STDIN_FILENO)) {
		if (!(ui.in = fopen("/dev/tty", "re"))) {
			snprintf(err, errsize, "cannot read keys: stdin is not a terminal and /dev/tty: %s", strerror(errno));
			return false;
		}
		ui.own_in = true;
	}
	/* ask terminfo first: newterm leaks its half-made screen on an unknown TERM */
	int terr;
	bool known = setupterm(NULL, STDOUT_FILENO, &terr) == OK;
	/* a terminal that cannot place the cursor (dumb, a printer) shows nothing */
	const char *cup = known ? tigetstr("cup") : NULL;
	bool addressable = cup && cup != (char *)-1;
	if (known)
		del_curterm(cur_term);
	const char *term = getenv("TERM");
	if (known && !addressable) {
		snprintf(err, errsize, "the terminal (TERM=%s) cannot move the cursor: use --once or -b for reports, "
		         "or a real terminal", term ? term : "");
		if (ui.own_in)
			fclose(ui.in);
		return false;
	}
	if (!known || !(ui.screen = newterm(NULL, stdout, ui.in))) {
		snprintf(err, errsize, "cannot use the terminal (TERM=%s); -b prints reports instead", term ? term : "");
		if (ui.own_in)
			fclose(ui.in);
		return false;
	}
	set_term(ui.screen);
	screen_up = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaction(fatal_signals[i], &sa, NULL);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(ESC_DELAY_MS);
	curs_set(0);
	ui.t.colours = pick_colours(o);
	mouseinterval(0);
	capture_mouse();
	stderr_away();
	return true;
}

/* Give the terminal back. */
static void
ui_stop(void)
{
	if (!screen_up)
		return;
	screen_up = 0;
	curs_set(1);
	endwin();
	stderr_back();
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		signal(fatal_signals[i], SIG_DFL);
	delscreen(ui.screen);
	if (ui.own_in)
		fclose(ui.in);
}

/* The name server i's open cards are remembered under: "" for one source. */
static const char *
cards_server(const struct fleet *f, size_t i)
{
	return f->n > 1 ? f->name[i] : "";
}

/* Write the remembered settings now. */
static void
save_state(void)
{
	const struct tui *t = &ui.t;
	const struct cards *cs = cards_state(t);
	struct saved s = {
		.have_theme = true, .theme = t->theme, .have_sort = true, .sort = t->mon->view.key,
		.reverse = t->mon->view.reverse, .have_view = true, .view = cs->view, .expand_all = cs->expand_all,
		.group = t->group,
	};
	char why[512];

	for (size_t i = 0; i < t->fleet->n; i++)
		*saved_cards(&s, cards_server(t->fleet, i)) = cs->toggled[i]; /* borrowed: s is not freed */
	snprintf(s.selected, sizeof s.selected, "%s", cards_server(t->fleet, t->fleet->selected));

	ui.save_pending = false;
	if (!ui.state_path[0])
		return;
	if (state_write(ui.state_path, ui.state_key, &s, why, sizeof why) != STATE_OK) {
		tui_message(&ui.t, "Cannot save the settings: %s", why);
		log_msg("state: %s", why);
	}
}

/* Restore theme, order, view, open cards and a fleet's grouping and
 * selected server for this source or fleet (the command line wins). */
static void
load_state(const struct options *o)
{
	struct tui *t = &ui.t;
	struct cards *cs = cards_state(t);
	struct saved s;
	char why[512];

	fleet_key(t->fleet, ui.state_key, sizeof ui.state_key);
	if (state_path(ui.state_path, sizeof ui.state_path, ui.state_key) != STATE_OK) {
		ui.state_path[0] = '\0';
		log_msg("state: %s; nothing is remembered", state_err_text(STATE_ERR_NO_HOME));
		return;
	}
	saved_init(&s);
	enum state_err e = state_read(ui.state_path, ui.state_key, &s, why, sizeof why);
	if (e == STATE_OK) {
		size_t sel = s.selected[0] ? fleet_find(t->fleet, s.selected) : t->fleet->n;
		if (sel < t->fleet->n) { /* a name no longer in the fleet: the first stays selected */
			t->fleet->selected = sel;
			tui_set_fleet(t, t->fleet);
		}
		struct view *v = &t->mon->view;
		if (s.have_theme && !options_given(o, "theme"))
			t->theme = s.theme;
		if (s.have_sort && !options_given(o, "sort")) {
			v->key = s.sort;
			if (!options_given(o, "reverse"))
				v->reverse = s.reverse;
		}
		if (s.have_view && !options_given(o, "view"))
			cs->view = s.view;
		cs->expand_all = s.expand_all;
		t->group = s.group;
		for (size_t i = 0; i < t->fleet->n; i++) {
			struct strset *set = saved_cards(&s, cards_server(t->fleet, i)); /* NULL: a full file of other names */
			if (set) {
				strset_free(&cs->toggled[i]);
				cs->toggled[i] = *set;
				strset_init(set);
			}
		}
		t->mon->view_stale = true;
	}
	if (e != STATE_OK && e != STATE_ERR_MISSING)
		tui_message(t, "Settings file ignored (%s): %s", why, ui.state_path);
	else if (why[0])
		tui_message(t, "Settings file: %s", why);
	log_msg("state %s: %s%s%s", ui.state_path, state_err_text(e), why[0] ? ": " : "", why);
	saved_free(&s);
}

/* Act on what the tui cannot do itself; false when it is time to quit. */
static bool
act(unsigned flags)
{
	if (flags & REACT_SAVE)
		ui.save_pending = true;
	if (flags & REACT_THEME)
		apply_theme();
	if (flags & REACT_CLEAR)
		clearok(curscr, TRUE);
	if (flags & REACT_MOUSE)
		capture_mouse();
	return !(flags & REACT_QUIT);
}

/* Paint what is dirty and flush it in one go. */
static void
paint(void)
{
	int cursor = tui_paint(&ui.t, &ui.paint, &draw_painter);

	if (cursor >= 0) {
		curs_set(1);
		move(ui.t.reg.bar.y, cursor);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* Take the terminal's size from LINES and COLS. */
static unsigned
take_size(void)
{
	if (COLS != ui.logged_w || LINES != ui.logged_h)
		log_msg("size %dx%d", COLS, LINES);
	ui.logged_w = COLS;
	ui.logged_h = LINES;
	return tui_resize(&ui.t, COLS, LINES) | REACT_CLEAR;
}

/* A mouse event: wheel, a click on the key bar, or a click on the cards. */
static unsigned
take_mouse(void)
{
	struct tui *t = &ui.t;
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		return tui_wheel(t, -1);
	if (ev.bstate & BUTTON5_PRESSED)
		return tui_wheel(t, 1);
	if (!(ev.bstate & BUTTON1_PRESSED) || t->reg.too_small)
		return 0;
	if (ev.y == t->reg.bar.y) {
		int key = keys_bar_hit(tui_screen(t)->ops, t->mode, t->fleet->n > 1, t->w, ev.x);
		return key == KEYC_NONE ? 0 : keys_press(t, key);
	}
	bool dbl = t->now - ui.click_time < DOUBLE_CLICK_SECS && ev.x == ui.click_x && ev.y == ui.click_y;
	ui.click_time = dbl ? 0 : t->now;
	ui.click_x = ev.x;
	ui.click_y = ev.y;
	return tui_click(t, ev.x, ev.y, dbl);
}

/* Curses' key codes and the characters with a name, as ticctop's keys. */
static const struct {
	int curses;
	int key;
} keymap[] = {
	{ KEY_UP, KEYC_UP }, { KEY_DOWN, KEYC_DOWN }, { KEY_LEFT, KEYC_LEFT }, { KEY_RIGHT, KEYC_RIGHT },
	{ KEY_PPAGE, KEYC_PGUP }, { KEY_NPAGE, KEYC_PGDN }, { KEY_HOME, KEYC_HOME }, { KEY_END, KEYC_END },
	{ KEY_FIND, KEYC_HOME }, { KEY_SELECT, KEYC_END }, { KEY_ENTER, KEYC_ENTER },
	{ KEY_BACKSPACE, KEYC_BACKSPACE }, { KEY_BTAB, KEYC_BTAB },
};

static const struct {
	wint_t ch;
	int key;
} charmap[] = {
	{ '\r', KEYC_ENTER }, { '\n', KEYC_ENTER }, { 27, KEYC_ESC }, { 127, KEYC_BACKSPACE }, { 8, KEYC_BACKSPACE },
};

/* Translate what wget_wch returned into a ticctop key. */
static int
translate(int r, wint_t ch)
{
	if (r == KEY_CODE_YES) {
		if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(12))
			return KEYC_F1 + (int)(ch - (wint_t)KEY_F(1));
		for (size_t i = 0; i < sizeof keymap / sizeof keymap[0]; i++)
			if ((wint_t)keymap[i].curses == ch)
				return keymap[i].key;
		return KEYC_NONE;
	}
	for (size_t i = 0; i < sizeof charmap / sizeof charmap[0]; i++)
		if (charmap[i].ch == ch)
			return charmap[i].key;
	return (int)ch;
}

/* The terminal is readable: take every key that is there. */
static bool
ui_input(void *ctx, struct monitor *mon, const struct pollfd *pfd, size_t n)
{
	wint_t ch;
	int r;

	if (n > 0 && (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))) {
		/* the terminal hung up without a SIGHUP reaching us: stop, do not spin */
		log_msg("the terminal went away");
		ui.hung_up = true;
		return false;
	}
	ui.t.now = clock_mono();
	while ((r = wget_wch(stdscr, &ch)) != ERR) {
		unsigned f;
		if (r == KEY_CODE_YES && ch == KEY_MOUSE)
			f = take_mouse();
		else if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			f = take_size();
		else
			f = keys_press(&ui.t, translate(r, ch));
		if (!act(tui_react(&ui.t, f)))
			return false;
	}
	return true;
}

/* The terminal's descriptor for the loop to watch. */
static size_t
ui_pollfds(void *ctx, struct pollfd *pfd, size_t max)
{
	if (max == 0)
		return 0;
	pfd[0] = (struct pollfd){ .fd = fileno(ui.in), .events = POLLIN };
	return 1;
}

/* A poll finished. */
static bool
ui_refreshed(void *ctx, struct monitor *mon)
{
	if (mon->last.err != ui.logged) {
		log_msg("source %s: %s", source_err_name(mon->last.err), mon->last.err ? mon->last.message : "ok");
		ui.logged = mon->last.err;
	}
	act(tui_refreshed(&ui.t));
	return true;
}

/* SIGWINCH: ask the terminal its size and lay out again. */
static void
ui_resized(void *ctx, struct monitor *mon)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	act(take_size());
}

/* Before each wait: expire the note, tick the header, paint, save. */
static int
ui_idle(void *ctx, struct monitor *mon, double now)
{
	struct tui *t = &ui.t;

	t->now = now;
	if (t->message[0] && now >= t->message_until) {
		t->message[0] = '\0';
		t->dirty |= REACT_BAR;
	}
	if (now >= ui.next_tick) {
		bool tenths = false;
		long secs = 0;
		t->dirty |= REACT_HEADER;
		for (size_t i = 0; i < t->fleet->n; i++) { /* every server's age is in the header */
			const struct monitor *m = &t->fleet->mon[i];
			tenths |= !m->have_data || now - m->data_time < 10;
			secs += m->have_data ? (long)(now - m->data_time) : -1;
		}
		ui.next_tick = now + (tenths ? TICK_FAST : TICK_SLOW);
		if (secs != ui.data_secs) { /* the cards' ages (and fading) follow the clock */
			ui.data_secs = secs;
			t->dirty |= REACT_BODY;
		}
	}
	if (t->dirty)
		paint();
	if (ui.save_pending)
		save_state();
	double wake = ui.next_tick;
	if (t->message[0] && t->message_until < wake)
		wake = t->message_until;
	return wake <= now ? 0 : (int)((wake - now) * 1000) + 1;
}

/* Run the full screen until quit or a signal. */
int
ui_run(struct fleet *f, const struct options *o, double interval, const struct side_task *task)
{
	char err[512];
	bool utf8 = !o->ascii && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

	memset(&ui, 0, sizeof ui);
	ui.logged_theme = -1;
	if (!tui_init(&ui.t, &f->mon[f->selected], interval, utf8, screens, screens_count)) {
		fprintf(stderr, "ticctop: out of memory\n");
		return EXIT_UNKNOWN;
	}
	tui_set_fleet(&ui.t, f);
	ui.t.now = clock_mono();
	ui.t.theme = (enum theme_id)o->theme;
	ui.t.mouse = !o->no_mouse;
	cards_state(&ui.t)->view = (enum clients_view)o->view;
	if (o->filter)
		tui_set_filter(&ui.t, o->filter);
	load_state(o);
	ui.paint.t = &ui.t;
	if (!ui_start(o, err, sizeof err)) {
		fprintf(stderr, "ticctop: %s\n", err);
		tui_free(&ui.t);
		return EXIT_UNKNOWN;
	}
	apply_theme();
	act(take_size());
	struct frontend fe = {
		.ctx = &ui, .pollfds = ui_pollfds, .input = ui_input, .refreshed = ui_refreshed,
		.resized = ui_resized, .idle = ui_idle,
	};
	int sig = loop_run(f->mon, f->n, &fe, interval, task);
	ui_stop();
	if (ui.save_pending)
		save_state();
	log_msg("end: %s", sig ? "signal" : ui.hung_up ? "terminal gone" : "quit");
	tui_free(&ui.t);
	if (ui.hung_up && !sig)
		sig = SIGHUP;
	return sig ? 128 + sig : 0;
}
