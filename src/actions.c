/* Look-ups over the generated action table; contract in tcas/actions.h. */
#include "inner.h"

#include "tcas/actions.h"
#include "tcas/client.h"

const tcas_action *tcas_as_action_find(const char *name)
{
	size_t lo = 0, hi = tcas_as_action_count;

	if (name == NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, tcas_as_actions[mid].name);

		if (c == 0)
			return &tcas_as_actions[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const tcas_param *param_in(const tcas_param *p, size_t n,
                                  const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(p[i].name, name) == 0)
			return &p[i];
	return NULL;
}

const tcas_param *tcas_action_param(const tcas_action *a, const char *name)
{
	return a ? param_in(a->params, a->count, name) : NULL;
}

const tcas_param *tcas_struct_member(const tcas_struct *s, const char *name)
{
	return s ? param_in(s->members, s->count, name) : NULL;
}

static unsigned char fold(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= 'A' && u <= 'Z') ? (unsigned char)(u + 32u) : u;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* Two-row Levenshtein over the first TCAS_EDIT_LEN_MAX bytes. */
static size_t lev(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[TCAS_EDIT_LEN_MAX + 1];
	size_t i, j;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t sub = diag + (fold(a[i - 1]) != fold(b[j - 1]));

			row[j] = min3(row[j] + 1, row[j - 1] + 1, sub);
			diag = up;
		}
	}
	return row[lb];
}

static int same_folded(const char *a, const char *b)
{
	while (*a && fold(*a) == fold(*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

size_t tcas_edit_distance(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	la = strlen(a);
	lb = strlen(b);
	if (la <= TCAS_EDIT_LEN_MAX && lb <= TCAS_EDIT_LEN_MAX)
		return lev(a, la, b, lb);
	if (same_folded(a, b))
		return 0;
	return la > lb ? la : lb;
}

/* best (at distance bestd from name) if that is a plausible typo. */
static const char *plausible(const char *best, size_t bestd, const char *name)
{
	size_t limit = strlen(name) / 3;

	return bestd <= (limit < 2 ? 2 : limit) ? best : NULL;
}

const char *tcas_as_suggest_action(const char *name)
{
	const char *best = NULL;
	size_t i, bestd = (size_t)-1;

	if (name == NULL || tcas_as_action_find(name) != NULL)
		return NULL;
	for (i = 0; i < tcas_as_action_count; i++) {
		size_t d = tcas_edit_distance(name, tcas_as_actions[i].name);

		if (d < bestd) {
			bestd = d;
			best = tcas_as_actions[i].name;
		}
	}
	return plausible(best, bestd, name);
}

const char *tcas_param_suggest(const tcas_param *m, size_t count,
                               const char *name)
{
	const char *best = NULL;
	size_t i, bestd = (size_t)-1;

	if (m == NULL || name == NULL)
		return NULL;
	for (i = 0; i < count; i++) {
		size_t d = tcas_edit_distance(name, m[i].name);

		if (d < bestd) {
			bestd = d;
			best = m[i].name;
		}
	}
	return plausible(best, bestd, name);
}

int tcas_as_action_facts(const char *service, const char *action,
                         tcas_action_facts *out)
{
	const tcas_action *a;

	if (service == NULL || action == NULL || out == NULL ||
	    strcmp(service, TCAS_AS_SERVICE) != 0)
		return 0;
	a = tcas_as_action_find(action);
	if (a == NULL)
		return 0;
	out->qps = a->qps;
	out->client_token = tcas_action_param(a, "ClientToken") != NULL;
	return 1;
}
