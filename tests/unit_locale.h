/* unit_locale.h — run a Check test under a real locale (tests/lib/locale.sh
 * builds it without root when the system lacks it), and back to C. */
#ifndef TICCTOP_UNIT_LOCALE_H
#define TICCTOP_UNIT_LOCALE_H

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Switch the whole process to locale name (e.g. "de_DE.UTF-8"); fails the test if it cannot. */
static inline void
unit_use_locale(const char *name)
{
	char cmd[1024], dir[512] = "";

	snprintf(cmd, sizeof cmd, "sh '%s/../lib/locale.sh' '%s'", FIXTURES, name);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	bool got = fgets(dir, sizeof dir, p) != NULL;
	ck_assert_msg(pclose(p) == 0 && got, "tests/lib/locale.sh %s failed", name);
	dir[strcspn(dir, "\n")] = '\0';
	setenv("LOCPATH", dir, 1);
	ck_assert_msg(setlocale(LC_ALL, name) != NULL, "cannot switch to %s (LOCPATH %s)", name, dir);
	unsetenv("LOCPATH"); /* loaded; and glibc's newlocale would leak its copy of LOCPATH */
}

/* Back to the C locale (runners without fork share one process). */
static inline void
unit_end_locale(void)
{
	setlocale(LC_ALL, "C");
	unsetenv("LOCPATH");
}

#endif
