/* clock.h — monotonic seconds, the one clock the loop and sources share. */
#ifndef TICCTOP_CLOCK_H
#define TICCTOP_CLOCK_H

#include <time.h>

/* Seconds on the monotonic clock. */
static inline double
clock_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
