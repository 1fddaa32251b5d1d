/*
 * as_req.c - read access to the JSON request body for the state model.
 *
 * A thin adapter: the handlers ask for "A.B[2].C" paths, typed values and
 * counts. Interim implementation on jsmn (static copy, JSMN_STATIC) until
 * the library's reader (tcas/json.h) and parameter validator
 * (tcas/params.h) are merged; then this file maps onto them.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#define JSMN_STATIC
#include <jsmn.h>

#include "as_internal.h"

struct as_req {
	const char *js;
	size_t len;
	jsmntok_t *t;
	int nt;
};

as_req *rq_parse(const char *js, size_t len)
{
	static const char empty[] = "{}";
	as_req *r;
	jsmn_parser p;
	int n;

	if (js == NULL || len == 0) {
		js = empty;
		len = 2;
	}
	jsmn_init(&p);
	n = jsmn_parse(&p, js, len, NULL, 0);
	if (n < 1)
		return NULL;
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->t = calloc((size_t)n, sizeof(jsmntok_t));
	if (r->t == NULL) {
		free(r);
		return NULL;
	}
	jsmn_init(&p);
	r->nt = jsmn_parse(&p, js, len, r->t, (unsigned)n);
	r->js = js;
	r->len = len;
	if (r->nt < 1 || r->t[0].type != JSMN_OBJECT) {
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

/* Index of the token after the value starting at tok. */
static int skip(const as_req *r, int tok)
{
	int n = 1;

	while (n > 0 && tok < r->nt) {
		n += r->t[tok].size - 1; /* keys carry their value as size 1 */
		tok++;
	}
	return tok;
}

static int key_eq(const as_req *r, int tok, const char *k, size_t kn)
{
	const jsmntok_t *t = &r->t[tok];

	return t->type == JSMN_STRING && (size_t)(t->end - t->start) == kn &&
	       memcmp(r->js + t->start, k, kn) == 0;
}

static int member(const as_req *r, int obj, const char *k, size_t kn)
{
	int i, tok;

	if (obj < 0 || r->t[obj].type != JSMN_OBJECT)
		return -1;
	tok = obj + 1;
	for (i = 0; i < r->t[obj].size; i++) {
		if (key_eq(r, tok, k, kn))
			return tok + 1;
		tok = skip(r, tok + 1);
	}
	return -1;
}

int rq_index(const as_req *r, int arr, int idx)
{
	int i, tok;

	if (arr < 0 || r->t[arr].type != JSMN_ARRAY || idx < 0 ||
	    idx >= r->t[arr].size)
		return -1;
	tok = arr + 1;
	for (i = 0; i < idx; i++)
		tok = skip(r, tok);
	return tok;
}

int rq_find(const as_req *r, int from, const char *path)
{
	int tok = from;
	const char *p = path;

	while (tok >= 0 && *p != '\0') {
		if (*p == '.') {
			p++;
		} else if (*p == '[') {
			tok = rq_index(r, tok, (int)strtol(p + 1, NULL, 10));
			p = strchr(p, ']');
			if (p == NULL)
				return -1;
			p++;
		} else {
			size_t kn = strcspn(p, ".[");
			tok = member(r, tok, p, kn);
			p += kn;
		}
	}
	return tok;
}

int rq_type(const as_req *r, int tok)
{
	char c;

	if (tok < 0 || tok >= r->nt)
		return RQ_NONE;
	switch (r->t[tok].type) {
	case JSMN_OBJECT:
		return RQ_OBJ;
	case JSMN_ARRAY:
		return RQ_ARR;
	case JSMN_STRING:
		return RQ_STR;
	default:
		c = r->js[r->t[tok].start];
		if (c == 't' || c == 'f')
			return RQ_BOOL;
		if (c == 'n')
			return RQ_NULL;
		return RQ_NUM;
	}
}

int rq_count(const as_req *r, int tok)
{
	int ty = rq_type(r, tok);

	return ty == RQ_ARR || ty == RQ_OBJ ? r->t[tok].size : -1;
}

const char *rq_raw(const as_req *r, int tok, size_t *n)
{
	*n = (size_t)(r->t[tok].end - r->t[tok].start);
	return r->js + r->t[tok].start;
}

int rq_str(const as_req *r, int tok, char *buf, size_t cap)
{
	size_t n;
	const char *s;

	if (rq_type(r, tok) != RQ_STR)
		return -1;
	s = rq_raw(r, tok, &n);
	if (n >= cap || memchr(s, '\\', n) != NULL)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return 0;
}

int rq_i64(const as_req *r, int tok, long long *v)
{
	char tmp[32], *end;
	size_t n;
	const char *s;

	if (rq_type(r, tok) != RQ_NUM)
		return -1;
	s = rq_raw(r, tok, &n);
	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	*v = strtoll(tmp, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

int rq_bool(const as_req *r, int tok, int *v)
{
	if (rq_type(r, tok) != RQ_BOOL)
		return -1;
	*v = r->js[r->t[tok].start] == 't';
	return 0;
}

int rq_validate(as_call *c, const char *action)
{
	(void)c;
	(void)action;
	return 0;
}
