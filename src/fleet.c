/* fleet.c — a monitor per source, names, the worst state, the state key. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"
#include "source.h"

/* Make room for n monitors. */
bool
fleet_alloc(struct fleet *f, size_t n)
{
	memset(f, 0, sizeof *f);
	f->mon = calloc(n ? n : 1, sizeof *f->mon);
	f->name = calloc(n ? n : 1, sizeof *f->name);
	if (!f->mon || !f->name) {
		fleet_free(f, 0);
		return false;
	}
	f->n = n;
	return true;
}

/* Free the first `ready` monitors and the arrays. */
void
fleet_free(struct fleet *f, size_t ready)
{
	for (size_t i = 0; i < ready && f->mon; i++)
		monitor_free(&f->mon[i]);
	free(f->mon);
	free(f->name);
	f->mon = NULL;
	f->name = NULL;
	f->n = 0;
}

/* Write the default name: a URL's host[:port], else "local". */
void
fleet_default_name(char *buf, size_t size, const char *kind, const char *target)
{
	const char *host = strstr(target, "://");

	if (strcmp(kind, "http") != 0 || !host) {
		snprintf(buf, size, "local");
		return;
	}
	host += 3; /* a URL here holds no credentials (source_http refuses them) */
	int len = (int)strcspn(host, "/?#");
	snprintf(buf, size, "%.*s", len, len ? host : "local");
}

/* Name server i, unique among those before it. */
void
fleet_set_name(struct fleet *f, size_t i, const char *given)
{
	char base[FLEET_NAME_MAX];

	if (given)
		snprintf(base, sizeof base, "%s", given);
	else
		fleet_default_name(base, sizeof base, f->mon[i].src->kind, f->mon[i].src->target);
	snprintf(f->name[i], sizeof f->name[i], "%s", base);
	for (unsigned k = 2; fleet_find(f, f->name[i]) < i; k++) {
		char tail[16];
		int t = snprintf(tail, sizeof tail, "#%u", k);
		snprintf(f->name[i], sizeof f->name[i], "%.*s%s", (int)(FLEET_NAME_MAX - 1 - (size_t)t), base, tail);
	}
}

/* The index of the server called name, or f->n. */
size_t
fleet_find(const struct fleet *f, const char *name)
{
	size_t i = 0;

	while (i < f->n && strcmp(f->name[i], name) != 0)
		i++;
	return i;
}

/* The fleet's state: critical, warning, then unknown, then ok. */
enum exit_status
fleet_worst(const enum exit_status *st, size_t n)
{
	static const int rank[] = { [EXIT_OK] = 0, [EXIT_UNKNOWN] = 1, [EXIT_WARNING] = 2, [EXIT_CRITICAL] = 3 };
	enum exit_status worst = EXIT_OK;

	for (size_t i = 0; i < n; i++)
		if (rank[st[i]] > rank[worst])
			worst = st[i];
	return n ? worst : EXIT_UNKNOWN;
}

/* Compare two targets, for qsort. */
static int
by_target(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The key the fleet's state goes under. */
void
fleet_key(const struct fleet *f, char *buf, size_t size)
{
	const char **t = f->n > 1 ? malloc(f->n * sizeof *t) : NULL;
	size_t o;

	if (f->n == 1 || !t) {
		snprintf(buf, size, "%s", f->n ? f->mon[0].src->target : "");
		free(t);
		return;
	}
	for (size_t i = 0; i < f->n; i++)
		t[i] = f->mon[i].src->target;
	qsort(t, f->n, sizeof *t, by_target);
	o = (size_t)snprintf(buf, size, "fleet:");
	for (size_t i = 0; i < f->n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " | " : " ", t[i]);
	free(t);
}
