/* Local check of enumerated values, with did-you-mean; contract in
 * cli.h. */
#include <string.h>

#include "tcas/actions.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "as_docs.h"
#include "cli.h"

#define PATH_MAX_LEN 128 /* "RefreshSettings.RollingUpdateSettings..." */
#define VALUE_MAX    64  /* no valid value is longer (as_docs_gen.c) */

typedef struct vctx {
	char path[PATH_MAX_LEN];
	char *msg;
	size_t msgcap;
} vctx;

/* The value of set `vals` ('|'-separated) closest to v: equal but for case
 * first, else the nearest by tcas_edit_distance() if it is a plausible
 * typo (the rule of tcas_param_suggest()); NULL if none. The answer
 * points into vals and ends at the next '|'; *n gets its length. */
static const char *suggest(const char *vals, const char *v, size_t *n)
{
	char one[VALUE_MAX + 1];
	const char *p, *e, *best = NULL;
	size_t d, best_d = (size_t)-1, len = strlen(v);
	size_t limit = len / 3 > 2 ? len / 3 : 2;

	for (p = vals; *p; p = *e ? e + 1 : e) {
		e = strchr(p, TCAS_DOC_SEP);
		e = e ? e : p + strlen(p);
		if ((size_t)(e - p) > VALUE_MAX)
			continue;
		memcpy(one, p, (size_t)(e - p));
		one[e - p] = '\0';
		d = tcas_edit_distance(one, v); /* a wrong case costs 0 */
		if (d < best_d)
			best_d = d, best = p, *n = (size_t)(e - p);
	}
	return best_d <= limit ? best : NULL;
}

/* 1 when v is one of the '|'-separated vals. */
static int in_set(const char *vals, const char *v, size_t n)
{
	const char *p = vals, *e;

	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, TCAS_DOC_SEP);
		e = e ? e : p + strlen(p);
		if ((size_t)(e - p) == n && memcmp(p, v, n) == 0)
			return 1;
	}
	return 0;
}

/* "A, B, C" for the message. */
static void list_of(const char *vals, char *out, size_t cap)
{
	size_t n = 0;

	for (; *vals && n + 3 < cap; vals++) {
		if (*vals == TCAS_DOC_SEP) {
			out[n++] = ',';
			out[n++] = ' ';
		} else {
			out[n++] = *vals;
		}
	}
	out[n] = '\0';
}

static int refuse(vctx *c, const char *vals, const char *v)
{
	char all[2 * TCAS_DOC_TEXT_MAX + 1];
	const char *s;
	size_t n = 0;

	list_of(vals, all, sizeof all);
	s = suggest(vals, v, &n);
	if (s != NULL)
		tcas_cli_snprintf(c->msg, c->msgcap,
		                  "--%s: '%.64s' is not a valid value; did you "
		                  "mean %.*s? (values: %s)",
		                  c->path, v, (int)n, s, all);
	else
		tcas_cli_snprintf(c->msg, c->msgcap,
		                  "--%s: '%.64s' is not a valid value (values: "
		                  "%s)",
		                  c->path, v, all);
	return TCAS_E_PARAM;
}

/* Check string token tok against the set of member j of owner. */
static int check_string(vctx *c, const tcas_json *d, int tok, unsigned owner,
                        unsigned j)
{
	char v[VALUE_MAX + 1];
	const char *vals, *raw;
	int checked;
	size_t n = 0;

	vals = tcas_cli_doc_values(owner, j, &checked);
	if (vals == NULL || !checked ||
	    tcas_json_type_of(d, tok) != TCAS_JSON_STRING)
		return TCAS_OK; /* no set, or a type error left to the validator
		                 */
	if (tcas_json_get_string(d, tok, v, sizeof v, &n) == TCAS_OK) {
		const char *t = v;

		/* blanks around a value: the service ignores them (the
		 * official examples send " CHANGE_IN_CAPACITY") */
		while (*t == ' ')
			t++, n--;
		while (n > 0 && t[n - 1] == ' ')
			n--;
		return in_set(vals, t, n) ? TCAS_OK : refuse(c, vals, v);
	}
	/* longer than every value (or a bad escape): not in the set */
	raw = tcas_json_raw(d, tok, &n);
	tcas_cli_snprintf(v, sizeof v, "%.*s", (int)n, raw);
	return refuse(c, vals, v);
}

static int check_object(vctx *c, const tcas_json *d, int obj,
                        const tcas_param *m, size_t count, unsigned owner);

/* Value tok of member j (parameter p) of owner; elem: an element of its
 * list. The path of the member is in c->path. */
static int check_value(vctx *c, const tcas_json *d, int tok,
                       const tcas_param *p, unsigned owner, unsigned j,
                       int elem)
{
	tcas_json_type t = tcas_json_type_of(d, tok);
	size_t plen = strlen(c->path);
	unsigned i = 0;
	int k, rc;

	if (p->is_list && !elem && t == TCAS_JSON_ARRAY) {
		for (k = tcas_json_first(d, tok); k >= 0;
		     k = tcas_json_next(d, k), i++) {
			tcas_cli_snprintf(c->path + plen, sizeof c->path - plen,
			                  "[%u]", i);
			rc = check_value(c, d, k, p, owner, j, 1);
			c->path[plen] = '\0';
			if (rc != TCAS_OK)
				return rc;
		}
		return TCAS_OK;
	}
	if (p->type == TCAS_T_OBJECT) {
		const tcas_struct *s = &tcas_as_structs[p->object];

		return t == TCAS_JSON_OBJECT
		           ? check_object(
		                 c, d, tok, s->members, s->count,
		                 (unsigned)(TCAS_DOC_ACTIONS + p->object))
		           : TCAS_OK;
	}
	return p->type == TCAS_T_STRING ? check_string(c, d, tok, owner, j)
	                                : TCAS_OK;
}

static int check_object(vctx *c, const tcas_json *d, int obj,
                        const tcas_param *m, size_t count, unsigned owner)
{
	size_t plen = strlen(c->path), j;
	int k, rc;

	for (k = tcas_json_first(d, obj); k >= 0; k = tcas_json_next(d, k)) {
		for (j = 0; j < count; j++)
			if (tcas_json_str_eq(d, k, m[j].name))
				break;
		if (j == count)
			continue; /* unknown: the validator's to report */
		tcas_cli_snprintf(c->path + plen, sizeof c->path - plen, "%s%s",
		                  plen ? "." : "", m[j].name);
		rc = check_value(c, d, k + 1, &m[j], owner, (unsigned)j, 0);
		c->path[plen] = '\0';
		if (rc != TCAS_OK)
			return rc;
	}
	return TCAS_OK;
}

int tcas_cli_check_values(const tcas_action *a, const tcas_json *doc, int obj,
                          char *msg, size_t msgcap)
{
	vctx c;

	if (a == NULL || doc == NULL ||
	    tcas_json_type_of(doc, obj) != TCAS_JSON_OBJECT)
		return TCAS_E_ARG;
	c.path[0] = '\0';
	c.msg = msg;
	c.msgcap = msg != NULL ? msgcap : 0;
	return check_object(&c, doc, obj, a->params, a->count,
	                    tcas_cli_doc_owner_of(a));
}
