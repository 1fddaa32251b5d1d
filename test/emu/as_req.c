/*
 * as_req.c - read access to the JSON request body for the state model, on
 * the library's strict reader (tcas/json.h), and the spec check of every
 * request (tcas/params.h) mapped to the service's error codes.
 *
 * The handlers ask for "A.B[2].C" paths, typed values and counts, and
 * (as_get_*, as_pag*, as_filter*) for fields checked as the service
 * checks them, paging and filters; a token
 * index of -1 stands for "absent" and is accepted everywhere (the answer is
 * then "absent" too), which keeps the handlers flat.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/actions.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/params.h"

#include "as_internal.h"

struct as_req {
	tcas_json doc;
	jsmntok_t *t;
};

as_req *rq_parse(const char *js, size_t len)
{
	static const char empty[] = "{}";
	as_req *r;
	unsigned max;

	if (js == NULL || len == 0) {
		js = empty;
		len = 2;
	}
	max =
	    (unsigned)(len / 2 + 2); /* every token takes >= 2 bytes but one */
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->t = calloc(max, sizeof(*r->t));
	if (r->t == NULL ||
	    tcas_json_parse(&r->doc, js, len, r->t, max) != TCAS_OK ||
	    tcas_json_type_of(&r->doc, 0) != TCAS_JSON_OBJECT) {
		rq_free(r);
		return NULL;
	}
	return r;
}

void rq_free(as_req *r)
{
	if (r == NULL)
		return;
	free(r->t);
	free(r);
}

int rq_find(const as_req *r, int from, const char *path)
{
	int out;

	if (from < 0 || tcas_json_find(&r->doc, from, path, &out) != TCAS_OK)
		return -1;
	return out;
}

int rq_index(const as_req *r, int arr, int idx)
{
	int out;

	if (arr < 0 || idx < 0 ||
	    tcas_json_index(&r->doc, arr, (unsigned)idx, &out) != TCAS_OK)
		return -1;
	return out;
}

int rq_type(const as_req *r, int tok)
{
	if (tok < 0)
		return RQ_NONE;
	switch (tcas_json_type_of(&r->doc, tok)) {
	case TCAS_JSON_OBJECT:
		return RQ_OBJ;
	case TCAS_JSON_ARRAY:
		return RQ_ARR;
	case TCAS_JSON_STRING:
		return RQ_STR;
	case TCAS_JSON_NUMBER:
		return RQ_NUM;
	case TCAS_JSON_BOOL:
		return RQ_BOOL;
	case TCAS_JSON_NULL:
		return RQ_NULL;
	default:
		return RQ_NONE;
	}
}

int rq_count(const as_req *r, int tok)
{
	int ty = rq_type(r, tok);

	return ty == RQ_ARR || ty == RQ_OBJ ? tcas_json_count(&r->doc, tok)
	                                    : -1;
}

const char *rq_raw(const as_req *r, int tok, size_t *n)
{
	return tcas_json_raw(&r->doc, tok, n);
}

int rq_str(const as_req *r, int tok, char *buf, size_t cap)
{
	if (tok < 0 ||
	    tcas_json_get_string(&r->doc, tok, buf, cap, NULL) != TCAS_OK)
		return -1;
	return 0;
}

int rq_i64(const as_req *r, int tok, long long *v)
{
	int64_t x;

	if (tok < 0 || tcas_json_get_int64(&r->doc, tok, &x) != TCAS_OK)
		return -1;
	*v = (long long)x;
	return 0;
}

int rq_bool(const as_req *r, int tok, int *v)
{
	if (tok < 0 || tcas_json_get_bool(&r->doc, tok, v) != TCAS_OK)
		return -1;
	return 0;
}

int rq_validate(as_call *c, const char *action)
{
	const tcas_action *a = tcas_as_action_find(action);
	tcas_param_error e;
	const char *f;

	if (a == NULL)
		return as_fail(c, "InvalidAction",
		               "The action `%s` does not exist.", action);
	if (tcas_params_validate(a, &c->rq->doc, 0, &e) == TCAS_OK)
		return 0;
	f = e.field[0] != '\0' ? e.field : "(request body)";
	switch (e.kind) {
	case TCAS_PARAM_UNKNOWN:
		if (e.detail[0] != '\0')
			return as_fail(c, "UnknownParameter",
			               "The parameter `%s` is not recognized; "
			               "did you mean `%s`?",
			               f, e.detail);
		return as_fail(c, "UnknownParameter",
		               "The parameter `%s` is not recognized.", f);
	case TCAS_PARAM_MISSING:
		return as_fail(
		    c, "MissingParameter",
		    "The request is missing a required parameter `%s`.", f);
	case TCAS_PARAM_TYPE:
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be %s.", f, e.detail);
	default:
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter `%s` is invalid: %s.", f,
		               e.detail);
	}
}

/* ---- request helpers ----------------------------------------------------- */

/* String member `field` (a path); 0 ok (present or not), -1 failed. */
int as_get_str(as_call *c, const char *field, int required, char *buf,
               size_t cap, int *present)
{
	int tok = rq_find(c->rq, 0, field);

	buf[0] = '\0';
	if (present != NULL)
		*present = tok >= 0;
	if (tok < 0) {
		if (required)
			return as_fail(
			    c, "MissingParameter",
			    "The request is missing a required parameter `%s`.",
			    field);
		return 0;
	}
	if (rq_type(c->rq, tok) != RQ_STR)
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be a string.", field);
	if (rq_str(c->rq, tok, buf, cap) != 0)
		return as_fail(c, "InvalidParameterValue.TooLong",
		               "The value of parameter `%s` is too long (at "
		               "most %zu bytes).",
		               field, cap - 1);
	return 0;
}

int as_get_int(as_call *c, const char *field, long long *v, int *present)
{
	int tok = rq_find(c->rq, 0, field);

	if (present != NULL)
		*present = tok >= 0;
	if (tok < 0)
		return 0;
	if (rq_i64(c->rq, tok, v) != 0)
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be an integer.", field);
	return 0;
}

int as_page_take(as_call *c, as_page *pg)
{
	int on = pg->total >= pg->off && pg->total < pg->off + pg->lim;

	if (on) {
		sb_puts(c->out, pg->first ? "" : ",");
		pg->first = 0;
	}
	pg->total++;
	return on;
}

int as_paging(as_call *c, long long *off, long long *lim)
{
	int has;

	*off = 0;
	*lim = 20;
	if (as_get_int(c, "Offset", off, &has) != 0)
		return -1;
	if (*off < 0)
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter `Offset` must be >= 0.");
	if (as_get_int(c, "Limit", lim, &has) != 0)
		return -1;
	if (*lim < 1 || *lim > 100)
		return as_fail(
		    c, "InvalidParameterValue",
		    "The value of parameter `Limit` must be in 1..100.");
	return 0;
}

/* Not both ids_field and Filters; at most 10 filters with known names and
 * 1..5 string values each. */
int as_filters_check(as_call *c, const char *ids_field,
                     const char *const *names)
{
	int ftok = rq_find(c->rq, 0, "Filters"), n, i, j, ok;
	char name[64], path[48];

	if (ftok >= 0 && ids_field != NULL && rq_find(c->rq, 0, ids_field) >= 0)
		return as_fail(c, "InvalidParameter.Conflict",
		               "The parameters `%s` and `Filters` cannot be "
		               "specified at the same time.",
		               ids_field);
	if (ftok < 0)
		return 0;
	n = rq_count(c->rq, ftok);
	if (rq_type(c->rq, ftok) != RQ_ARR)
		return as_fail(c, "InvalidParameter",
		               "The parameter `Filters` must be an array.");
	if (n > 10)
		return as_fail(c, "InvalidParameterValue.LimitExceeded",
		               "The parameter `Filters` has %d filters; at "
		               "most 10 are allowed.",
		               n);
	for (i = 0; i < n; i++) {
		int vt;
		snprintf(path, sizeof(path), "Filters[%d].Name", i);
		if (as_get_str(c, path, 1, name, sizeof(name), NULL) != 0)
			return -1;
		for (ok = 0, j = 0; names[j] != NULL; j++)
			ok |= strcmp(names[j], name) == 0;
		if (!ok)
			return as_fail(c, "InvalidParameterValue.InvalidFilter",
			               "The filter name `%s` in parameter `%s` "
			               "is not supported.",
			               name, path);
		snprintf(path, sizeof(path), "Filters[%d].Values", i);
		vt = rq_find(c->rq, 0, path);
		if (vt < 0)
			return as_fail(
			    c, "MissingParameter",
			    "The request is missing a required parameter `%s`.",
			    path);
		if (rq_type(c->rq, vt) != RQ_ARR)
			return as_fail(c, "InvalidParameter",
			               "The parameter `%s` must be an array.",
			               path);
		if (rq_count(c->rq, vt) > 5)
			return as_fail(
			    c, "LimitExceeded.FilterValuesTooLong",
			    "The parameter `%s` has more than 5 values.", path);
		for (j = 0; j < rq_count(c->rq, vt); j++)
			if (rq_type(c->rq, rq_index(c->rq, vt, j)) != RQ_STR)
				return as_fail(
				    c, "InvalidParameter",
				    "The parameter `%s[%d]` must be a string.",
				    path, j);
	}
	return 0;
}

/* 1 if every filter called `name` has a value matching `value` (a name
 * starting with "vague-" matches substrings), else 0. *has is set when at
 * least one such filter exists. */
int as_filter_match(as_call *c, const char *name, const char *value, int *has)
{
	int ftok = rq_find(c->rq, 0, "Filters"), n = rq_count(c->rq, ftok);
	int i, j, vague = strncmp(name, "vague-", 6) == 0;
	char buf[128];

	*has = 0;
	for (i = 0; i < n; i++) {
		int f = rq_index(c->rq, ftok, i), vt, hit = 0;
		if (rq_str(c->rq, rq_find(c->rq, f, "Name"), buf,
		           sizeof(buf)) != 0 ||
		    strcmp(buf, name) != 0)
			continue;
		*has = 1;
		vt = rq_find(c->rq, f, "Values");
		for (j = 0; j < rq_count(c->rq, vt); j++) {
			if (rq_str(c->rq, rq_index(c->rq, vt, j), buf,
			           sizeof(buf)) != 0)
				continue;
			hit |= vague ? strstr(value, buf) != NULL
			             : strcmp(value, buf) == 0;
		}
		if (!hit)
			return 0;
	}
	return 1;
}
