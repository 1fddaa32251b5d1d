/* Parameter validation against the action table; contract in tcas/params.h. */
#include "inner.h"

#include "tcas/actions.h"
#include "tcas/json.h"
#include "tcas/params.h"

#define PATH_MAX_LEN (sizeof(((tcas_param_error *)0)->field))

/* Per-call state: the document, the error record and the current path. */
typedef struct vctx {
	const tcas_json *doc;
	tcas_param_error *err;
	char path[PATH_MAX_LEN];
	size_t plen;
	size_t cut_from; /* old length of the push that cut the path, or
	                  * (size_t)-1 while the path is whole */
} vctx;

/* ---- small text helpers -------------------------------------------------- */

/* Copy at most cap-1 bytes of s[0..n) and NUL-terminate. */
static void copy_text(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Append s[0..n) to the path; what does not fit (4 bytes stay free for
 * "..." and the NUL) is dropped and the path marked as cut. Returns the
 * old length, for path_pop(). */
static size_t path_push(vctx *v, const char *s, size_t n)
{
	size_t old = v->plen, room = sizeof v->path - 4 - v->plen;

	if (n > room) {
		n = room;
		if (v->cut_from == (size_t)-1)
			v->cut_from = old;
	}
	memcpy(v->path + v->plen, s, n);
	v->plen += n;
	v->path[v->plen] = '\0';
	return old;
}

static void path_pop(vctx *v, size_t old)
{
	v->plen = old;
	v->path[old] = '\0';
	if (old <= v->cut_from)
		v->cut_from = (size_t)-1;
}

static size_t path_name(vctx *v, const char *name, size_t n)
{
	size_t old = v->plen;

	if (v->plen > 0)
		path_push(v, ".", 1);
	path_push(v, name, n);
	return old;
}

static size_t path_index(vctx *v, size_t i)
{
	char b[1 + TCAS_DEC_MAX + 1];
	char *p = tcas_dec(i, b + 1);

	b[sizeof b - 1] = ']';
	*--p = '[';
	return path_push(v, p, (size_t)(b + sizeof b - p));
}

static int fail(vctx *v, int kind, const char *detail, size_t dlen)
{
	tcas_param_error *e = v->err;

	if (e != NULL) {
		e->kind = kind;
		copy_text(e->field, sizeof e->field, v->path, v->plen);
		if (v->cut_from != (size_t)-1)
			memcpy(e->field + v->plen, "...", 4);
		copy_text(e->detail, sizeof e->detail, detail, dlen);
	}
	return TCAS_E_PARAM;
}

static int fail_s(vctx *v, int kind, const char *detail)
{
	return fail(v, kind, detail, strlen(detail));
}

/* ---- scalar checks ------------------------------------------------------- */

/* Source text of a token (strings without quotes, still escaped). */
static const char *tok_text(const vctx *v, int tok, size_t *n)
{
	const char *s = tcas_json_raw(v->doc, tok, n);

	if (s == NULL) {
		*n = 0;
		return "";
	}
	return s;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Is the digit string s[0..n) (no sign) <= lim as a number? */
static int digits_le(const char *s, size_t n, const char *lim)
{
	size_t ln = strlen(lim);

	while (n > 1 && s[0] == '0') {
		s++;
		n--;
	}
	if (n != ln)
		return n < ln;
	return memcmp(s, lim, n) <= 0;
}

static int check_integer(vctx *v, int tok, int is_unsigned)
{
	size_t n;
	const char *s = tok_text(v, tok, &n);
	int neg = (n > 0 && s[0] == '-');

	if (!all_digits(s + neg, n - (size_t)neg))
		return fail_s(
		    v, TCAS_PARAM_TYPE,
		    tcas_type_text(is_unsigned ? TCAS_T_UINT : TCAS_T_INT));
	if (is_unsigned && neg)
		return fail_s(v, TCAS_PARAM_VALUE, "must not be negative");
	if (is_unsigned && !digits_le(s, n, "18446744073709551615"))
		return fail_s(v, TCAS_PARAM_VALUE, "out of uint64 range");
	if (!is_unsigned &&
	    !digits_le(s + neg, n - (size_t)neg,
	               neg ? "9223372036854775808" : "9223372036854775807"))
		return fail_s(v, TCAS_PARAM_VALUE, "out of int64 range");
	return TCAS_OK;
}

static unsigned num2(const char *s)
{
	return (unsigned)(s[0] - '0') * 10u + (unsigned)(s[1] - '0');
}

static int leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DDThh:mm:ss" then "Z" or "+hh:mm" / "-hh:mm". */
static int datetime_ok(const char *s, size_t n)
{
	static const unsigned char mdays[12] = {31, 29, 31, 30, 31, 30,
	                                        31, 31, 30, 31, 30, 31};
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	unsigned y, mo, d;
	size_t i;

	if (n != 20 && n != 25)
		return 0;
	for (i = 0; i < 19; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9')
		                    : s[i] != shape[i])
			return 0;
	y = num2(s) * 100u + num2(s + 2);
	mo = num2(s + 5);
	d = num2(s + 8);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !leap(y)))
		return 0;
	if (num2(s + 11) > 23 || num2(s + 14) > 59 || num2(s + 17) > 59)
		return 0;
	if (n == 20)
		return s[19] == 'Z';
	return (s[19] == '+' || s[19] == '-') && all_digits(s + 20, 2) &&
	       s[22] == ':' && all_digits(s + 23, 2) && num2(s + 20) <= 14 &&
	       num2(s + 23) <= 59;
}

static int check_scalar(vctx *v, const tcas_param *p, int tok)
{
	tcas_json_type jt = tcas_json_type_of(v->doc, tok);
	size_t n;
	const char *s;

	switch (p->type) {
	case TCAS_T_STRING:
		return jt == TCAS_JSON_STRING
		           ? TCAS_OK
		           : fail_s(v, TCAS_PARAM_TYPE, "a string");
	case TCAS_T_BOOL:
		return jt == TCAS_JSON_BOOL
		           ? TCAS_OK
		           : fail_s(v, TCAS_PARAM_TYPE, "true or false");
	case TCAS_T_FLOAT:
		return jt == TCAS_JSON_NUMBER
		           ? TCAS_OK
		           : fail_s(v, TCAS_PARAM_TYPE, "a number");
	case TCAS_T_INT:
	case TCAS_T_UINT:
		if (jt != TCAS_JSON_NUMBER)
			return fail_s(v, TCAS_PARAM_TYPE,
			              tcas_type_text(p->type));
		return check_integer(v, tok, p->type == TCAS_T_UINT);
	case TCAS_T_DATETIME:
		if (jt != TCAS_JSON_STRING)
			return fail_s(v, TCAS_PARAM_TYPE,
			              tcas_type_text(p->type));
		s = tok_text(v, tok, &n);
		return datetime_ok(s, n)
		           ? TCAS_OK
		           : fail_s(v, TCAS_PARAM_VALUE,
		                    "not a date-time "
		                    "YYYY-MM-DDThh:mm:ssZ or ...+08:00");
	default:
		return TCAS_E_INTERNAL;
	}
}

/* ---- structure walk ------------------------------------------------------ */

static int check_object(vctx *v, const tcas_param *m, size_t count, int tok);

static int check_one(vctx *v, const tcas_param *p, int tok)
{
	const tcas_struct *st;

	if (p->type != TCAS_T_OBJECT)
		return check_scalar(v, p, tok);
	if (tcas_json_type_of(v->doc, tok) != TCAS_JSON_OBJECT)
		return fail_s(v, TCAS_PARAM_TYPE, "a JSON object");
	if (p->object >= tcas_as_struct_count)
		return TCAS_E_INTERNAL;
	st = &tcas_as_structs[p->object];
	return check_object(v, st->members, st->count, tok);
}

static const char *list_text(int type)
{
	static const char *const t[] = {"an array of strings",
	                                "an array of integers",
	                                "an array of non-negative integers",
	                                "an array of true/false",
	                                "an array of numbers",
	                                "an array of date-times",
	                                "an array of JSON objects"};

	return (unsigned)type < TCAS_COUNTOF(t) ? t[type] : "an array";
}

static int check_value(vctx *v, const tcas_param *p, int tok)
{
	int el, rc;
	size_t i = 0, old;

	if (!p->is_list)
		return check_one(v, p, tok);
	if (tcas_json_type_of(v->doc, tok) != TCAS_JSON_ARRAY)
		return fail_s(v, TCAS_PARAM_TYPE, list_text(p->type));
	for (el = tcas_json_first(v->doc, tok); el >= 0;
	     el = tcas_json_next(v->doc, el), i++) {
		old = path_index(v, i);
		rc = check_one(v, p, el);
		if (rc != TCAS_OK)
			return rc;
		path_pop(v, old);
	}
	return TCAS_OK;
}

static int unknown_member(vctx *v, const tcas_param *m, size_t count, int key)
{
	char name[TCAS_EDIT_LEN_MAX + 1];
	size_t n;
	const char *s = tok_text(v, key, &n);
	const char *sug;

	copy_text(name, sizeof name, s, n);
	path_name(v, s, n);
	sug = tcas_param_suggest(m, count, name);
	return fail_s(v, TCAS_PARAM_UNKNOWN, sug ? sug : "");
}

static int find_member(const vctx *v, const tcas_param *m, size_t count,
                       int key)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (tcas_json_str_eq(v->doc, key, m[i].name))
			return (int)i;
	return -1;
}

static int check_object(vctx *v, const tcas_param *m, size_t count, int tok)
{
	uint64_t seen = 0;
	int key, idx, rc;
	size_t i, old;

	if (count > 64)
		return TCAS_E_INTERNAL;
	for (key = tcas_json_first(v->doc, tok); key >= 0;
	     key = tcas_json_next(v->doc, key)) {
		idx = find_member(v, m, count, key);
		if (idx < 0)
			return unknown_member(v, m, count, key);
		old = path_name(v, m[idx].name, strlen(m[idx].name));
		if (seen & ((uint64_t)1 << idx))
			return fail_s(v, TCAS_PARAM_VALUE, "duplicate member");
		seen |= (uint64_t)1 << idx;
		rc = check_value(v, &m[idx], key + 1);
		if (rc != TCAS_OK)
			return rc;
		path_pop(v, old);
	}
	for (i = 0; i < count; i++) {
		if (m[i].required && !(seen & ((uint64_t)1 << i))) {
			path_name(v, m[i].name, strlen(m[i].name));
			return fail_s(v, TCAS_PARAM_MISSING, "");
		}
	}
	return TCAS_OK;
}

/* ---- public -------------------------------------------------------------- */

const char *tcas_type_text(int type)
{
	static const char *const t[] = {
	    "a string",      "an integer", "a non-negative integer",
	    "true or false", "a number",   "a date-time YYYY-MM-DDThh:mm:ssZ",
	    "a JSON object"};

	return (unsigned)type < TCAS_COUNTOF(t) ? t[type] : "a value";
}

int tcas_params_validate(const tcas_action *a, const tcas_json *doc,
                         int obj_tok, tcas_param_error *err)
{
	vctx v;

	if (err != NULL)
		memset(err, 0, sizeof *err);
	if (a == NULL || doc == NULL ||
	    tcas_json_type_of(doc, obj_tok) == TCAS_JSON_INVALID)
		return TCAS_E_ARG;
	memset(&v, 0, sizeof v);
	v.doc = doc;
	v.err = err;
	v.cut_from = (size_t)-1;
	if (tcas_json_type_of(doc, obj_tok) != TCAS_JSON_OBJECT)
		return fail_s(&v, TCAS_PARAM_TYPE, "a JSON object");
	return check_object(&v, a->params, a->count, obj_tok);
}
