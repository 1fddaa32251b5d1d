/*
 * rate.c - per-action rate limit like the service: at most N calls of one
 * action in any one-second window (sliding). Rejected calls do not count.
 * A negative default means "the documented QPS of each action" (actions
 * table; 20 where unknown). 0 means unlimited.
 */
#include <stdlib.h>
#include <string.h>

#include "srv.h"

typedef struct bucket {
	char *action;
	int qps;   /* -1: use the default */
	double *t; /* ring of the last qps accepted call times */
	int n, head;
	struct bucket *next;
} bucket;

struct emu_rate {
	int default_qps;
	bucket *list;
};

emu_rate *emu_rate_new(int default_qps)
{
	emu_rate *r = calloc(1, sizeof *r);

	if (r)
		r->default_qps = default_qps;
	return r;
}

static bucket *get(emu_rate *r, const char *action)
{
	bucket *b;

	for (b = r->list; b; b = b->next)
		if (strcmp(b->action, action) == 0)
			return b;
	b = calloc(1, sizeof *b);
	if (b == NULL)
		return NULL;
	b->action = strdup(action);
	if (b->action == NULL) {
		free(b);
		return NULL;
	}
	b->qps = -1;
	if (r->default_qps < 0) { /* documented per-action QPS, else 20 */
		b->qps = emu_action_qps(action);
		if (b->qps <= 0)
			b->qps = 20;
	}
	b->next = r->list;
	r->list = b;
	return b;
}

int emu_rate_set(emu_rate *r, const char *action, int qps)
{
	bucket *b = get(r, action);

	if (b == NULL)
		return -1;
	free(b->t);
	b->t = NULL;
	b->n = b->head = 0;
	b->qps = qps;
	return 0;
}

int emu_rate_allow(emu_rate *r, const char *action, double now)
{
	bucket *b = get(r, action);
	int q;

	if (b == NULL)
		return 1;
	q = b->qps >= 0 ? b->qps : r->default_qps;
	if (q <= 0)
		return 1;
	if (b->t == NULL) {
		b->t = calloc((size_t)q, sizeof *b->t);
		if (b->t == NULL)
			return 1;
	}
	/* b->t[head] is the oldest of the last q accepted calls. */
	if (b->n == q && now - b->t[b->head] < 1.0)
		return 0;
	b->t[b->head] = now;
	b->head = (b->head + 1) % q;
	if (b->n < q)
		b->n++;
	return 1;
}

void emu_rate_free(emu_rate *r)
{
	bucket *b, *nx;

	if (r == NULL)
		return;
	for (b = r->list; b; b = nx) {
		nx = b->next;
		free(b->action);
		free(b->t);
		free(b);
	}
	free(r);
}
