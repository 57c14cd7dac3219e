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

/* Make l empty. */
void
fleet_list_init(struct fleet_list *l)
{
	memset(l, 0, sizeof *l);
}

/* Free what l holds. */
void
fleet_list_free(struct fleet_list *l)
{
	free(l->srv);
	free(l->idx);
	fleet_list_init(l);
}

/* Return whether l was built from what f, group and only are now. */
static bool
list_still_right(const struct fleet_list *l, const struct fleet *f, bool group, size_t only)
{
	if (!l->basis.valid || l->basis.group != group || l->basis.only != only)
		return false;
	for (size_t i = 0; i < f->n; i++)
		if (l->basis.views[i] != f->mon[i].view.built)
			return false;
	return true;
}

/* Order of the heads of server a's and b's views (their current clients
 * ca and cb) in the merged list: the views' own order, then fleet order. */
static int
head_compare(const struct fleet *f, size_t a, const struct client *ca, size_t b, const struct client *cb)
{
	const struct view *v = &f->mon[a].view;
	int c = v->key == SORT_SERVER ? 0 : view_compare(v->key, ca, cb);

	if (c == 0)
		c = a < b ? -1 : a > b;
	return v->reverse ? -c : c;
}

/* Append server s's client at view position pos to l. */
static void
list_add(struct fleet_list *l, const struct fleet *f, size_t s, size_t pos)
{
	l->srv[l->n] = (uint32_t)s;
	l->idx[l->n++] = f->mon[s].view.idx[pos];
}

/* Sift heap[i] down the min-heap heap[0..n) of server indexes, each
 * standing for the client at its view's position pos[server]. */
static void
sift(const struct fleet *f, size_t *heap, size_t n, const size_t *pos, size_t i)
{
	for (;;) {
		size_t best = i;
		for (size_t k = 2 * i + 1; k < 2 * i + 3 && k < n; k++) {
			const struct monitor *mk = &f->mon[heap[k]], *mb = &f->mon[heap[best]];
			if (head_compare(f, heap[k], model_at(mk->model, mk->view.idx[pos[heap[k]]]), heap[best],
			                 model_at(mb->model, mb->view.idx[pos[heap[best]]])) < 0)
				best = k;
		}
		if (best == i)
			return;
		size_t tmp = heap[i];
		heap[i] = heap[best];
		heap[best] = tmp;
		i = best;
	}
}

/* Merge the views of the servers in heap[0..n) into l, smallest head
 * first; pos[] is each view's next position. */
static void
list_merge(struct fleet_list *l, const struct fleet *f, size_t *heap, size_t n, size_t *pos)
{
	for (size_t k = n / 2; k-- > 0;)
		sift(f, heap, n, pos, k);
	while (n > 0) {
		size_t s = heap[0];
		list_add(l, f, s, pos[s]++);
		if (pos[s] == f->mon[s].view.n)
			heap[0] = heap[--n];
		sift(f, heap, n, pos, 0);
	}
}

/* Rebuild l from f's views. */
bool
fleet_list_update(struct fleet_list *l, const struct fleet *f, bool group, size_t only)
{
	size_t total = 0, heap[FLEET_MAX], pos[FLEET_MAX] = { 0 }, nheap = 0;

	if (list_still_right(l, f, group, only))
		return true;
	for (size_t i = 0; i < f->n; i++)
		total += only == f->n || only == i ? f->mon[i].view.n : 0;
	if (total > l->cap) {
		uint32_t *srv = realloc(l->srv, total * sizeof *srv), *idx = srv ? realloc(l->idx, total * sizeof *idx) : NULL;
		if (srv)
			l->srv = srv;
		if (!idx)
			return false;
		l->idx = idx;
		l->cap = total;
	}
	l->n = 0;
	for (size_t i = 0; i < f->n; i++) {
		if ((only != f->n && only != i) || f->mon[i].view.n == 0)
			continue;
		if (group) {
			for (size_t k = 0; k < f->mon[i].view.n; k++)
				list_add(l, f, i, k);
			continue;
		}
		heap[nheap++] = i;
	}
	list_merge(l, f, heap, nheap, pos);
	l->basis.valid = true;
	l->basis.group = group;
	l->basis.only = only;
	for (size_t i = 0; i < f->n; i++)
		l->basis.views[i] = f->mon[i].view.built;
	l->built++;
	return true;
}
