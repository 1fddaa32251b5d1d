/*
 * JMESPath built-in functions, as the python library defines them: the
 * table of signatures is checked the same way (arity, then the type of each
 * argument, arrays element by element) and each function keeps python's
 * rules (sort_by's key type is the first element's, max() returns the first
 * of equal maxima, sum() of ints is an int, avg() a float, to_number() reads
 * python int() then float() text). Contract in tcas/jmespath.h.
 */
#include "jmespath_inner.h"

/* Argument types: a bit per value type, and for arrays what their elements
 * must be (both bits: all of the type of the first element). 0: any. */
#define TY(t)   (1u << (t))
#define SUB_NUM (1u << 8)
#define SUB_STR (1u << 9)
#define NUM     TY(T_NUM)
#define STR     TY(T_STR)
#define ARR     TY(T_ARR)
#define OBJ     TY(T_OBJ)
#define EXPREF  TY(T_EXPREF)
#define ANY     0u

typedef jv fn_impl(jp *q, const jp_ast *f, jv *a, uint32_t n);

typedef struct fn {
	const char *name;
	uint8_t nargs, variadic; /* variadic: nargs or more, each as sig[0] */
	uint16_t sig[2];
	fn_impl *impl;
} fn;

static jv type_error(jp *q, const jp_ast *f)
{
	return jp_err(q, TCAS_E_JMESPATH_TYPE, f->pos);
}

/* ---- helpers ------------------------------------------------------------- */

static jv new_big(jp *q, const char *s, size_t n)
{
	jv v = jp_new_num(q, N_BIG, 0);

	if (v != JV_ERR)
		JP_VAL(q, v)->u.s = s, JP_VAL(q, v)->n = (uint32_t)n;
	return v;
}

static int negative(double d)
{
	return d < 0 || (d == 0 && 1 / d < 0);
}

/* Order of two values of one comparable type: numbers or strings. */
static int order(jp *q, jv a, jv b)
{
	jp_num x, y;

	if (jp_type(q, a) == T_STR)
		return jp_str_cmp(q, a, b);
	jp_num_of(q, a, &x);
	jp_num_of(q, b, &y);
	return jp_num_cmp(&x, &y);
}

/* Decoded length, and decoded copy (cursor: no arena for escapes). */
static size_t str_len(const jp *q, jv v)
{
	jp_cur c;
	size_t n = 0;

	for (jp_cur_init(&c, q, v); jp_cur_next(&c) >= 0;)
		n++;
	return n;
}

static size_t str_copy(const jp *q, jv v, char *o)
{
	jp_cur c;
	size_t n = 0;
	int b;

	for (jp_cur_init(&c, q, v); (b = jp_cur_next(&c)) >= 0;)
		o[n++] = (char)b;
	return n;
}

/* Stable merge sort of items by keys (both arrays of n), bottom-up. */
static int msort(jp *q, jv *items, jv *keys, uint32_t n)
{
	jv *t = jp_alloc(q, 2 * (size_t)n * sizeof(jv) + 8);
	jv *si = items, *sk = keys, *di = t, *dk, *x;
	uint32_t w, lo, mid, hi, i, j, k;

	if (t == NULL)
		return -1;
	dk = t + n;
	for (w = 1; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = lo + w < n ? lo + w : n;
			hi = lo + 2 * w < n ? lo + 2 * w : n;
			for (i = lo, j = mid, k = lo; k < hi; k++) {
				/* the right one first only when it is less */
				if (i < mid &&
				    (j >= hi || order(q, sk[j], sk[i]) != -1))
					di[k] = si[i], dk[k] = sk[i++];
				else
					di[k] = si[j], dk[k] = sk[j++];
			}
		}
		x = si, si = di, di = x;
		x = sk, sk = dk, dk = x;
	}
	if (si != items)
		memcpy(items, si, (size_t)n * sizeof(jv));
	return 0;
}

/* Evaluate expref e over x; key must be a number or a string (then its
 * type in *t), or of type *t when *t is set. */
static jv key_of(jp *q, const jp_ast *f, jv e, jv x, int *t)
{
	jv k = jp_eval(q, (int32_t)JP_VAL(q, e)->n, x);
	int kt;

	if (k == JV_ERR)
		return JV_ERR;
	kt = jp_type(q, k);
	if ((kt != T_NUM && kt != T_STR) || (*t && kt != *t))
		return type_error(q, f);
	*t = kt;
	return k;
}

/* ---- numbers ------------------------------------------------------------- */

static jv f_abs(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jp_num x;

	(void)f, (void)n;
	jp_num_of(q, a[0], &x);
	if (x.kind == N_INT)
		return x.i >= 0 ? a[0]
		       : x.i == INT64_MIN
		           ? new_big(q, "9223372036854775808", 19)
		           : jp_new_int(q, -x.i);
	if (x.kind == N_BIG)
		return x.s[0] == '-' ? new_big(q, x.s + 1, x.n - 1) : a[0];
	return negative(x.d) ? jp_new_num(q, x.kind, -x.d) : a[0];
}

/* python's sum(): an int while the terms are ints (a double beyond
 * int64), a float from the first float on. */
static void sum(jp *q, jv arr, jp_num *acc)
{
	jp_it it;
	jv k, v;
	jp_num x;

	acc->kind = N_INT, acc->i = 0, acc->d = 0;
	for (jp_it_init(&it, q, arr); jp_it_next(&it, &k, &v);) {
		jp_num_of(q, v, &x);
		if (acc->kind == N_INT && x.kind == N_INT &&
		    !(x.i > 0 && acc->i > INT64_MAX - x.i) &&
		    !(x.i < 0 && acc->i < INT64_MIN - x.i)) {
			acc->i += x.i;
			continue;
		}
		acc->d = (acc->kind == N_INT ? (double)acc->i : acc->d) + x.d;
		if (acc->kind != N_FLT)
			acc->kind = x.kind == N_FLT ? N_FLT : N_BIGD;
	}
}

static jv f_sum(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jp_num s;

	(void)f, (void)n;
	sum(q, a[0], &s);
	return s.kind == N_INT ? jp_new_int(q, s.i)
	                       : jp_new_num(q, s.kind, s.d);
}

static jv f_avg(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jp_num s;
	uint32_t c = jp_count(q, a[0]);

	(void)f, (void)n;
	if (c == 0)
		return JV_NULL;
	sum(q, a[0], &s);
	return jp_new_num(q, N_FLT,
	                  (s.kind == N_INT ? (double)s.i : s.d) / (double)c);
}

static jv rounding(jp *q, const jp_ast *f, jv *a, int up)
{
	jp_num x;
	double d, t;

	jp_num_of(q, a[0], &x);
	if (x.kind != N_FLT)
		return a[0];
	d = x.d;
	if (d != d || d - d != 0) /* NaN, infinity: python's ValueError,
	                           * OverflowError */
		return jp_err(q, TCAS_E_JMESPATH_VALUE, f->pos);
	if (d > -4503599627370496.0 && d < 4503599627370496.0) { /* 2^52 */
		t = (double)(int64_t)d;
		d = up ? t + (t < d) : t - (t > d);
	}
	if (d >= -9223372036854775808.0 && d < 9223372036854775808.0)
		return jp_new_int(q, (int64_t)d);
	return jp_new_num(q, N_BIGD, d);
}

static jv f_ceil(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)n;
	return rounding(q, f, a, 1);
}

static jv f_floor(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)n;
	return rounding(q, f, a, 0);
}

static jv f_to_number(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	const char *s;
	size_t len, i, m = 0;
	jp_num x;
	int t = jp_type(q, a[0]), clean;
	char *o;

	(void)n;
	if (t == T_NUM)
		return a[0];
	if (t == T_EXPREF) /* python: int() of an object */
		return type_error(q, f);
	if (t != T_STR)
		return JV_NULL;
	if (jp_str(q, a[0], &s, &len))
		return JV_ERR;
	if (jp_num_scan(s, len, 1, 0, &x, &clean) == 0) {
		if (x.kind == N_INT)
			return jp_new_int(q, x.i);
		if (clean)
			return new_big(q, s, len);
		/* " +1_000..." as python's int writes it */
		if ((o = jp_alloc(q, len + 1)) == NULL)
			return JV_ERR;
		for (i = 0; i < len; i++)
			if (s[i] == '-')
				o[m++] = '-';
			else if (s[i] >= '1' && s[i] <= '9')
				break;
		for (; i < len; i++)
			if (s[i] >= '0' && s[i] <= '9')
				o[m++] = s[i];
		return new_big(q, o, m);
	}
	if (jp_num_scan(s, len, 0, 0, &x, &clean) == 0)
		return jp_new_num(q, N_FLT, x.d);
	return JV_NULL;
}

/* ---- strings ------------------------------------------------------------- */

/* starts_with / ends_with / contains on strings: where needle occurs in
 * hay (from, -1 = at the end, -2 = anywhere). */
static jv affix(jp *q, jv hay, jv needle, int where)
{
	const char *h, *s;
	size_t hn, sn, i;

	if (jp_str(q, hay, &h, &hn) || jp_str(q, needle, &s, &sn))
		return JV_ERR;
	if (sn > hn)
		return JV_FALSE;
	if (where == 0)
		return JV_BOOL(memcmp(h, s, sn) == 0);
	if (where == -1)
		return JV_BOOL(memcmp(h + hn - sn, s, sn) == 0);
	for (i = 0; i + sn <= hn; i++)
		if (memcmp(h + i, s, sn) == 0)
			return JV_TRUE;
	return JV_FALSE;
}

static jv f_starts_with(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)f, (void)n;
	return affix(q, a[0], a[1], 0);
}

static jv f_ends_with(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)f, (void)n;
	return affix(q, a[0], a[1], -1);
}

static jv f_contains(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jp_it it;
	jv k, x;

	(void)n;
	if (jp_type(q, a[0]) == T_STR) {
		if (jp_type(q, a[1]) != T_STR) /* python: 'in <string>' */
			return type_error(q, f);
		return affix(q, a[0], a[1], -2);
	}
	for (jp_it_init(&it, q, a[0]); jp_it_next(&it, &k, &x);)
		if (jp_equal(q, x, a[1], 0))
			return JV_TRUE;
	return q->err ? JV_ERR : JV_FALSE;
}

static jv f_join(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	size_t len = 0, sep = str_len(q, a[0]), i = 0;
	uint32_t c = jp_count(q, a[1]), e = 0;
	jp_it it;
	jv k, x;
	char *o;

	(void)f, (void)n;
	for (jp_it_init(&it, q, a[1]); jp_it_next(&it, &k, &x);)
		len += str_len(q, x);
	if ((o = jp_alloc(q, len + sep * c + 1)) == NULL)
		return JV_ERR;
	for (jp_it_init(&it, q, a[1]); jp_it_next(&it, &k, &x);) {
		if (e++)
			i += str_copy(q, a[0], o + i);
		i += str_copy(q, x, o + i);
	}
	return jp_ref_str(q, o, i);
}

static jv f_length(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jp_cur c;
	int64_t len = 0;
	int b;

	(void)f, (void)n;
	if (jp_type(q, a[0]) != T_STR)
		return jp_new_int(q, jp_count(q, a[0]));
	/* code points: bytes that do not continue a sequence */
	for (jp_cur_init(&c, q, a[0]); (b = jp_cur_next(&c)) >= 0;)
		len += (b & 0xC0) != 0x80;
	return jp_new_int(q, len);
}

static jv f_reverse(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jv r, *out, t;
	const char *s;
	size_t len, i, j;
	char *o;

	(void)f;
	if (jp_type(q, a[0]) == T_ARR) {
		if ((r = jp_copy_arr(q, a[0], &out)) == JV_ERR)
			return JV_ERR;
		for (n = JP_VAL(q, r)->n, i = 0; i < n / 2; i++)
			t = out[i], out[i] = out[n - 1 - i], out[n - 1 - i] = t;
		return r;
	}
	if (jp_str(q, a[0], &s, &len) || (o = jp_alloc(q, len + 1)) == NULL)
		return JV_ERR;
	/* code points in reverse order, each kept whole */
	for (i = len, j = 0; i > 0;) {
		size_t end = i;

		while (--i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			;
		memcpy(o + j, s + i, end - i);
		j += end - i;
	}
	return jp_ref_str(q, o, len);
}

static jv f_to_string(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)n;
	if (jp_type(q, a[0]) == T_STR)
		return a[0];
	return jp_to_string(q, a[0], f->pos);
}

static jv f_type(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	static const char *const names[] = {
	    NULL, "object", "array", "string", "number", "boolean", "null"};
	int t = jp_type(q, a[0]);

	(void)f, (void)n;
	return t == T_EXPREF ? JV_NULL
	                     : jp_ref_str(q, names[t], strlen(names[t]));
}

/* ---- arrays and objects -------------------------------------------------- */

static jv members(jp *q, jv obj, int values)
{
	jv r, *out, k, x;
	jp_it it;

	if ((r = jp_new_arr(q, jp_count(q, obj), &out)) == JV_ERR)
		return JV_ERR;
	for (jp_it_init(&it, q, obj); jp_it_next(&it, &k, &x);)
		*out++ = values ? x : k;
	return r;
}

static jv f_keys(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)f, (void)n;
	return members(q, a[0], 0);
}

static jv f_values(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)f, (void)n;
	return members(q, a[0], 1);
}

static jv f_map(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jv r, *out, k, x;
	jp_it it;

	(void)f, (void)n;
	if ((r = jp_new_arr(q, jp_count(q, a[1]), &out)) == JV_ERR)
		return JV_ERR;
	for (jp_it_init(&it, q, a[1]); jp_it_next(&it, &k, &x);)
		if ((*out++ = jp_eval(q, (int32_t)JP_VAL(q, a[0])->n, x)) ==
		    JV_ERR)
			return JV_ERR;
	return r;
}

/* max(), min(): the first of equal extremes. */
static jv extreme(jp *q, jv arr, int sign)
{
	jv best = JV_NULL, k, x;
	jp_it it;

	for (jp_it_init(&it, q, arr); jp_it_next(&it, &k, &x);)
		if (best == JV_NULL || order(q, x, best) == sign)
			best = x;
	return best;
}

static jv f_max(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)f, (void)n;
	return extreme(q, a[0], 1);
}

static jv f_min(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)f, (void)n;
	return extreme(q, a[0], -1);
}

static jv by(jp *q, const jp_ast *f, jv *a, int sign)
{
	jv best = JV_NULL, bk = JV_NULL, k, x, key;
	jp_it it;
	int t = 0; /* the key type, set by the first element */

	for (jp_it_init(&it, q, a[0]); jp_it_next(&it, &k, &x);) {
		if ((key = key_of(q, f, a[1], x, &t)) == JV_ERR)
			return JV_ERR;
		/* the first element may be null itself: bk tells */
		if (bk == JV_NULL || order(q, key, bk) == sign)
			best = x, bk = key;
	}
	return best;
}

static jv f_max_by(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)n;
	return by(q, f, a, 1);
}

static jv f_min_by(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	(void)n;
	return by(q, f, a, -1);
}

static jv f_sort(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jv r, *out;

	(void)f, (void)n;
	if ((r = jp_copy_arr(q, a[0], &out)) == JV_ERR ||
	    msort(q, out, out, JP_VAL(q, r)->n))
		return JV_ERR;
	return r;
}

static jv f_sort_by(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jv r, *out, *keys;
	uint32_t i;
	int t = 0;

	if ((n = jp_count(q, a[0])) == 0)
		return a[0];
	/* the first element's key fixes the type of all */
	if ((r = jp_copy_arr(q, a[0], &out)) == JV_ERR ||
	    key_of(q, f, a[1], out[0], &t) == JV_ERR ||
	    (keys = jp_alloc(q, (size_t)n * sizeof(jv))) == NULL)
		return JV_ERR;
	for (i = 0; i < n; i++)
		if ((keys[i] = key_of(q, f, a[1], out[i], &t)) == JV_ERR)
			return JV_ERR;
	return msort(q, out, keys, n) ? JV_ERR : r;
}

static jv f_merge(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	uint32_t cap = 0, m = 0, i, j;
	jv r, *out, k, x;
	jp_it it;

	(void)f;
	for (i = 0; i < n; i++)
		cap += jp_count(q, a[i]);
	if ((r = jp_new_arr(q, 2 * cap, &out)) == JV_ERR)
		return JV_ERR;
	for (i = 0; i < n; i++)
		for (jp_it_init(&it, q, a[i]); jp_it_next(&it, &k, &x);) {
			for (j = 0; j < m && jp_str_cmp(q, out[2 * j], k); j++)
				;
			out[2 * j] = k;
			out[2 * j + 1] = x;
			m += j == m;
		}
	JP_VAL(q, r)->type = T_OBJ;
	JP_VAL(q, r)->n = m;
	return r;
}

static jv f_not_null(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	uint32_t i;

	(void)f;
	for (i = 0; i < n; i++)
		if (jp_type(q, a[i]) != T_NULL)
			return a[i];
	return JV_NULL;
}

static jv f_to_array(jp *q, const jp_ast *f, jv *a, uint32_t n)
{
	jv r, *out;

	(void)f, (void)n;
	if (jp_type(q, a[0]) == T_ARR)
		return a[0];
	if ((r = jp_new_arr(q, 1, &out)) != JV_ERR)
		out[0] = a[0];
	return r;
}

/* ---- the table ----------------------------------------------------------- */

/* Sorted by name; the op of a call node is the index here. */
static const fn fns[] = {
    {"abs", 1, 0, {NUM, 0}, f_abs},
    {"avg", 1, 0, {ARR | SUB_NUM, 0}, f_avg},
    {"ceil", 1, 0, {NUM, 0}, f_ceil},
    {"contains", 2, 0, {ARR | STR, ANY}, f_contains},
    {"ends_with", 2, 0, {STR, STR}, f_ends_with},
    {"floor", 1, 0, {NUM, 0}, f_floor},
    {"join", 2, 0, {STR, ARR | SUB_STR}, f_join},
    {"keys", 1, 0, {OBJ, 0}, f_keys},
    {"length", 1, 0, {STR | ARR | OBJ, 0}, f_length},
    {"map", 2, 0, {EXPREF, ARR}, f_map},
    {"max", 1, 0, {ARR | SUB_NUM | SUB_STR, 0}, f_max},
    {"max_by", 2, 0, {ARR, EXPREF}, f_max_by},
    {"merge", 1, 1, {OBJ, 0}, f_merge},
    {"min", 1, 0, {ARR | SUB_NUM | SUB_STR, 0}, f_min},
    {"min_by", 2, 0, {ARR, EXPREF}, f_min_by},
    {"not_null", 1, 1, {ANY, 0}, f_not_null},
    {"reverse", 1, 0, {ARR | STR, 0}, f_reverse},
    {"sort", 1, 0, {ARR | SUB_NUM | SUB_STR, 0}, f_sort},
    {"sort_by", 2, 0, {ARR, EXPREF}, f_sort_by},
    {"starts_with", 2, 0, {STR, STR}, f_starts_with},
    {"sum", 1, 0, {ARR | SUB_NUM, 0}, f_sum},
    {"to_array", 1, 0, {ANY, 0}, f_to_array},
    {"to_number", 1, 0, {ANY, 0}, f_to_number},
    {"to_string", 1, 0, {ANY, 0}, f_to_string},
    {"type", 1, 0, {ANY, 0}, f_type},
    {"values", 1, 0, {OBJ, 0}, f_values},
};
typedef char fn_count_check[TCAS_COUNTOF(fns) < FN_UNKNOWN ? 1 : -1];

int jp_func_find(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < TCAS_COUNTOF(fns); i++)
		if (strlen(fns[i].name) == n &&
		    memcmp(fns[i].name, name, n) == 0)
			return (int)i;
	return FN_UNKNOWN;
}

/* python's _type_check_single. */
static int type_ok(jp *q, jv v, unsigned want)
{
	unsigned sub = want & (SUB_NUM | SUB_STR);
	int t = jp_type(q, v), first = 0, et;
	jp_it it;
	jv k, x;

	if (want == ANY)
		return 1;
	if (!(want & TY(t)))
		return 0;
	if (t != T_ARR || !sub)
		return 1;
	for (jp_it_init(&it, q, v); jp_it_next(&it, &k, &x);) {
		et = jp_type(q, x);
		if (!first)
			first = sub == SUB_NUM   ? T_NUM
			        : sub == SUB_STR ? T_STR
			                         : et;
		if (et != first || (et != T_NUM && et != T_STR))
			return 0;
	}
	return 1;
}

jv jp_call(jp *q, const jp_ast *f, jv *args, uint32_t n)
{
	const fn *d;
	uint32_t i;

	if (f->op >= TCAS_COUNTOF(fns))
		return jp_err(q, TCAS_E_JMESPATH_UNKNOWN_FUNCTION, f->pos);
	d = &fns[f->op];
	if (d->variadic ? n < d->nargs : n != d->nargs)
		return jp_err(q, TCAS_E_JMESPATH_ARITY, f->pos);
	for (i = 0; i < n; i++)
		if (!type_ok(q, args[i], d->sig[d->variadic ? 0 : i]))
			return type_error(q, f);
	return d->impl(q, f, args, n);
}
