/*
 * as_req.c - read access to the JSON request body for the state model, on
 * the library's strict reader (tcas/json.h), and the spec check of every
 * request (tcas/params.h) mapped to the service's error codes.
 *
 * The handlers ask for "A.B[2].C" paths, typed values and counts; a token
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
