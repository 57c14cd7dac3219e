/* conffile.h — finding and reading the config file.
 *
 * Contract: the file is $XDG_CONFIG_HOME/ticctop/config (default
 * ~/.config/ticctop/config); a missing file is no error, nor is an
 * XDG_CONFIG_HOME that is not a directory (a warning: no file can be
 * there).  Anything but a regular file at the path (a FIFO, a directory, a
 * device) is an error, found without opening it for long: reading never
 * blocks.  Its lines are the long option names (options_parse_config);
 * command-line options parsed afterwards win. */
#ifndef TICCTOP_CONFFILE_H
#define TICCTOP_CONFFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

#define CONFFILE_MAX_BYTES (1u << 20)

/* What reading the config file came to. */
enum conffile_result {
	CONFFILE_OK,        /* read, or there is none */
	CONFFILE_WARNING,   /* none read, for a reason worth a line on stderr (in err) */
	CONFFILE_ERROR      /* unreadable or wrong: the message in err names file and line */
};

/* Where the config file is, from the environment; false when nowhere. */
bool conffile_path(char *buf, size_t size);

/* Read the config file into o; *text gets the buffer o now points into
 * (free it after o). */
enum conffile_result conffile_load(struct options *o, char **text, char *err, size_t errsize);

#endif
