/* status.h — the exit statuses ticctop ends with (the Nagios plugin convention).
 *
 * Contract: a closed enum and nothing else, so any module (the batch report,
 * the full screen, main) can name an exit status without depending on the
 * module that computes it. */
#ifndef TICCTOP_STATUS_H
#define TICCTOP_STATUS_H

/* Nagios plugin exit statuses. */
enum exit_status { EXIT_OK = 0, EXIT_WARNING = 1, EXIT_CRITICAL = 2, EXIT_UNKNOWN = 3 };

#endif
