/* conffile.h — finding and reading the config file.
 *
 * Contract: the file is $XDG_CONFIG_HOME/ticctop/config (default
 * ~/.config/ticctop/config); a missing file is no error.  Its lines are the
 * long option names (options_parse_config); command-line options parsed
 * afterwards win. */
#ifndef TICCTOP_CONFFILE_H
#define TICCTOP_CONFFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

#define CONFFILE_MAX_BYTES (1u << 20)

/* Where the config file is, from the environment; false when nowhere. */
bool conffile_path(char *buf, size_t size);

/* Read the config file into o; *text gets the buffer o now points into
 * (free it after o).  False with a message in err when it is unreadable or wrong. */
bool conffile_load(struct options *o, char **text, char *err, size_t errsize);

#endif
