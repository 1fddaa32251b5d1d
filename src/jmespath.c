/*
 * JMESPath: the arena, values and the entry points; contract in
 * tcas/jmespath.h, private types in jmespath_inner.h.
 */
#include "jmespath_inner.h"

#if TCAS_JMESPATH_ARENA_SIZE < 64 || TCAS_JMESPATH_ARENA_SIZE > 0x40000000
#error "TCAS_JMESPATH_ARENA_SIZE must be within 64 bytes .. 1 GiB"
#endif

/* ---- arena --------------------------------------------------------------- */

int jp_fail(jp *q, int err, int32_t pos)
{
	if (!q->err) {
		q->err = err;
		q->err_pos = pos;
	}
	return err;
}

jv jp_err(jp *q, int err, int32_t pos)
{
	jp_fail(q, err, pos);
	return JV_ERR;
}

void *jp_alloc(jp *q, size_t n)
{
	size_t at = q->used;

	n = n ? (n + 7) & ~(size_t)7 : 8;
	if (n > q->size - at) {
		jp_fail(q, TCAS_E_JMESPATH_ARENA, q->at);
		return NULL;
	}
	q->used += n;
	return q->arena.b + at;
}

jp_val *jp_node(jp *q, int type, jv *out)
{
	jp_val *x = jp_alloc(q, sizeof *x);

	if (x == NULL)
		return NULL;
	memset(x, 0, sizeof *x);
	x->type = (uint8_t)type;
	*out = (jv) - (int32_t)((unsigned char *)x - q->arena.b);
	return x;
}

jv jp_ref_str(jp *q, const char *s, size_t n)
{
	jv v;
	jp_val *x = jp_node(q, T_STR, &v);

	if (x == NULL)
		return JV_ERR;
	x->u.s = s;
	x->n = (uint32_t)n;
	return v;
}

jv jp_new_str(jp *q, const char *s, size_t n)
{
	char *c = jp_alloc(q, n);

	if (c == NULL)
		return JV_ERR;
	memcpy(c, s, n);
	return jp_ref_str(q, c, n);
}

jv jp_new_int(jp *q, int64_t i)
{
	jv v = jp_new_num(q, N_INT, 0);

	if (v != JV_ERR)
		JP_VAL(q, v)->u.i = i;
	return v;
}

jv jp_new_num(jp *q, int kind, double d)
{
	jv v;
	jp_val *x = jp_node(q, T_NUM, &v);

	if (x == NULL)
		return JV_ERR;
	x->flags = (uint8_t)kind;
	x->u.d = d;
	return v;
}

jv jp_new_arr(jp *q, uint32_t n, jv **items)
{
	jv v, *it = jp_alloc(q, (size_t)n * sizeof(jv) + 8);
	jp_val *x;

	if (it == NULL || (x = jp_node(q, T_ARR, &v)) == NULL)
		return JV_ERR;
	x->u.items = it;
	x->n = n;
	*items = it;
	return v;
}

jv jp_copy_arr(jp *q, jv v, jv **out)
{
	uint32_t i = 0;
	jv r = jp_new_arr(q, jp_count(q, v), out), k, x;
	jp_it it;

	if (r != JV_ERR)
		for (jp_it_init(&it, q, v); jp_it_next(&it, &k, &x);)
			(*out)[i++] = x;
	return r;
}

/* ---- values -------------------------------------------------------------- */

int jp_type(const jp *q, jv v)
{
	if (v >= 0)
		return (int)tcas_json_type_of(q->doc, v);
	if (v == JV_NULL)
		return T_NULL;
	if (v == JV_FALSE || v == JV_TRUE)
		return T_BOOL;
	return JP_VAL(q, v)->type;
}

uint32_t jp_count(const jp *q, jv v)
{
	int t = jp_type(q, v);

	if (t != T_ARR && t != T_OBJ)
		return 0;
	return v >= 0 ? (uint32_t)tcas_json_count(q->doc, v) : JP_VAL(q, v)->n;
}

void jp_it_init(jp_it *it, const jp *q, jv v)
{
	it->q = q;
	it->i = 0;
	it->obj = jp_type(q, v) == T_OBJ;
	it->n = jp_count(q, v);
	it->p = NULL;
	it->tok = -1;
	if (v >= 0)
		it->tok = tcas_json_first(q->doc, v);
	else if (it->n)
		it->p = JP_VAL(q, v)->u.items;
}

int jp_it_next(jp_it *it, jv *key, jv *val)
{
	if (it->i >= it->n)
		return 0;
	*key = JV_NULL;
	if (it->p && it->obj) {
		*key = it->p[2 * it->i];
		*val = it->p[2 * it->i + 1];
	} else if (it->p) {
		*val = it->p[it->i];
	} else {
		*val = it->tok + (int)it->obj;
		if (it->obj)
			*key = it->tok;
		it->tok = tcas_json_next(it->q->doc, it->tok);
	}
	it->i++;
	return 1;
}

/* ---- strings ------------------------------------------------------------- */

void jp_cur_init(jp_cur *c, const jp *q, jv v)
{
	size_t n;

	if (v >= 0) {
		c->p = (const unsigned char *)tcas_json_raw(q->doc, v, &n);
		c->nb = 1; /* escaped JSON text; nb stays > 0 from now on */
	} else {
		c->p = (const unsigned char *)JP_VAL(q, v)->u.s;
		n = JP_VAL(q, v)->n;
		c->nb = 0;
	}
	c->e = c->p + n;
	c->ib = c->nb; /* nothing pending */
}

static unsigned long hex4(const unsigned char *p)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = v << 4 | (unsigned long)tcas_hexval(p[i]);
	return v;
}

/* Code point to UTF-8 (surrogates as their 3-byte form). */
static unsigned utf8_enc(unsigned long cp, unsigned char *u)
{
	if (cp < 0x80)
		return u[0] = (unsigned char)cp, 1;
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decode one escape of checked JSON text at p (after the backslash) into
 * u; returns the bytes written, *pp advanced. Used for document strings
 * (checked by tcas_json_parse) and expression text (checked by the
 * caller). */
static unsigned unescape1(const unsigned char **pp, const unsigned char *e,
                          unsigned char *u)
{
	static const char from[] = "bfnrt", to[] = "\b\f\n\r\t";
	const unsigned char *p = *pp;
	const char *k;
	unsigned long cp, lo;

	*pp = p + 1;
	if (*p != 'u') {
		k = strchr(from, *p);
		u[0] = k && *p ? (unsigned char)to[k - from] : *p;
		return 1;
	}
	cp = hex4(p + 1);
	*pp = p + 5;
	if (cp >= 0xD800 && cp < 0xDC00 && e - *pp >= 6 && (*pp)[0] == '\\' &&
	    (*pp)[1] == 'u' && tcas_hexval((*pp)[2]) >= 0 &&
	    tcas_hexval((*pp)[3]) >= 0 && tcas_hexval((*pp)[4]) >= 0 &&
	    tcas_hexval((*pp)[5]) >= 0 && (lo = hex4(*pp + 2)) >= 0xDC00 &&
	    lo < 0xE000) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		*pp += 6;
	}
	return utf8_enc(cp, u);
}

int jp_cur_next(jp_cur *c)
{
	if (c->ib < c->nb)
		return c->buf[c->ib++];
	if (c->p >= c->e)
		return -1;
	if (*c->p != '\\' || c->nb == 0) /* nb 0: plain bytes */
		return *c->p++;
	c->p++;
	c->nb = unescape1(&c->p, c->e, c->buf);
	c->ib = 1;
	return c->buf[0];
}

long jp_json_unescape(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	unsigned char *o = (unsigned char *)out;
	int i;

	while (p < e) {
		if (*p < 0x20 || *p == '"')
			return -1;
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		if (++p >= e || !strchr("\"\\/bfnrtu", *p) || !*p)
			return -1;
		for (i = 1; *p == 'u' && i <= 4; i++)
			if (p + i >= e || tcas_hexval(p[i]) < 0)
				return -1;
		o += unescape1(&p, e, o);
	}
	return (long)(o - (unsigned char *)out);
}

int jp_str(jp *q, jv v, const char **s, size_t *n)
{
	jp_cur c;
	char *o;
	int b;

	if (v < 0) {
		*s = JP_VAL(q, v)->u.s;
		*n = JP_VAL(q, v)->n;
		return 0;
	}
	*s = tcas_json_raw(q->doc, v, n);
	if (memchr(*s, '\\', *n) == NULL)
		return 0;
	if ((o = jp_alloc(q, *n)) == NULL)
		return -1;
	*s = o;
	for (jp_cur_init(&c, q, v); (b = jp_cur_next(&c)) >= 0;)
		*o++ = (char)b;
	*n = (size_t)(o - *s);
	q->used = (size_t)(o - (char *)q->arena.b + 7) & ~(size_t)7;
	return 0;
}

int jp_str_cmp(const jp *q, jv a, jv b)
{
	jp_cur x, y;
	int c, d;

	jp_cur_init(&x, q, a);
	jp_cur_init(&y, q, b);
	do {
		c = jp_cur_next(&x);
		d = jp_cur_next(&y);
	} while (c == d && c >= 0);
	return c < d ? -1 : c > d;
}

int jp_str_eq(const jp *q, jv v, const char *s, size_t n)
{
	jp_cur c;
	size_t i;

	jp_cur_init(&c, q, v);
	for (i = 0; i < n; i++)
		if (jp_cur_next(&c) != (unsigned char)s[i])
			return 0;
	return jp_cur_next(&c) < 0;
}

jv jp_member(const jp *q, jv v, const char *name, size_t n)
{
	jv k, x, r = JV_NULL;
	jp_it it;

	if (jp_type(q, v) != T_OBJ)
		return JV_NULL;
	for (jp_it_init(&it, q, v); jp_it_next(&it, &k, &x);)
		if (jp_str_eq(q, k, name, n))
			r = x;
	return r;
}

/* ---- truth and equality -------------------------------------------------- */

static int bool_of(const jp *q, jv v)
{
	return v >= 0 ? tcas_json_raw(q->doc, v, NULL)[0] == 't' : v == JV_TRUE;
}

int jp_truthy(const jp *q, jv v)
{
	size_t n;

	switch (jp_type(q, v)) {
	case T_NULL:
		return 0;
	case T_BOOL:
		return bool_of(q, v);
	case T_STR:
		if (v >= 0)
			return tcas_json_raw(q->doc, v, &n), n > 0;
		return JP_VAL(q, v)->n > 0;
	case T_ARR:
	case T_OBJ:
		return jp_count(q, v) > 0;
	default: /* numbers (0 too), expression references */
		return 1;
	}
}

/* Member of object o whose key equals string k, or JV_ERR. */
static jv member_by(const jp *q, jv o, jv k)
{
	jv kk, x, r = JV_ERR;
	jp_it it;

	for (jp_it_init(&it, q, o); jp_it_next(&it, &kk, &x);)
		if (jp_str_cmp(q, kk, k) == 0)
			r = x;
	return r;
}

static int equal(jp *q, jv a, jv b, int top, unsigned depth)
{
	int ta = jp_type(q, a), tb = jp_type(q, b);
	jp_num x, y;
	jp_it i, j;
	jv ka, va, kb, vb;

	if (ta == T_NUM && tb == T_BOOL)
		return equal(q, b, a, top, depth);
	if (ta == T_BOOL && tb == T_NUM) { /* python: True == 1 == 1.0 */
		jp_num_of(q, b, &y);
		memset(&x, 0, sizeof x);
		x.kind = N_INT, x.i = bool_of(q, a), x.d = (double)x.i;
		return !top && jp_num_cmp(&x, &y) == 0;
	}
	if (ta != tb)
		return 0;
	if (depth > TCAS_JMESPATH_DEPTH_MAX) {
		jp_fail(q, TCAS_E_JMESPATH_DEPTH, q->err_pos);
		return 0;
	}
	switch (ta) {
	case T_NULL:
		return 1;
	case T_BOOL:
		return bool_of(q, a) == bool_of(q, b);
	case T_NUM:
		jp_num_of(q, a, &x);
		jp_num_of(q, b, &y);
		return jp_num_cmp(&x, &y) == 0;
	case T_STR:
		return jp_str_cmp(q, a, b) == 0;
	case T_ARR:
	case T_OBJ:
		if (jp_count(q, a) != jp_count(q, b))
			return 0;
		jp_it_init(&i, q, a);
		jp_it_init(&j, q, b);
		while (jp_it_next(&i, &ka, &va) && jp_it_next(&j, &kb, &vb)) {
			if (ta == T_OBJ && (vb = member_by(q, b, ka)) == JV_ERR)
				return 0;
			if (!equal(q, va, vb, 0, depth + 1))
				return 0;
		}
		return 1;
	default: /* expression references: the same one */
		return a == b;
	}
}

int jp_equal(jp *q, jv a, jv b, int top)
{
	return equal(q, a, b, top, 0);
}

/* ---- entry points -------------------------------------------------------- */

int tcas_jmespath_init_sized(tcas_jmespath *q, size_t size)
{
	if (q == NULL)
		return TCAS_E_ARG;
	if (size != sizeof *q)
		return TCAS_E_CONFIG;
	q->err_pos = -1;
	q->err = 0;
	q->doc = NULL;
	q->expr = NULL;
	q->expr_len = 0;
	q->size = sizeof q->arena;
	q->used = q->base = 8; /* offset 0 means "no node" */
	q->root = 0;
	q->depth = 0;
	return TCAS_OK;
}

int tcas_jmespath_compile(tcas_jmespath *q, const char *expr, size_t len)
{
	char *copy;
	int err;

	/* size: set by init (tests may lower it to reach every exhaustion) */
	if (q == NULL || q->size == 0 || q->size > sizeof q->arena ||
	    (expr == NULL && len))
		return TCAS_E_ARG;
	q->err = 0;
	q->err_pos = -1;
	q->root = 0;
	q->doc = NULL;
	q->depth = 0;
	q->used = 8;
	if (len >= 0x7FFFFFFF)
		return jp_fail(q, TCAS_E_JMESPATH_ARENA, 0);
	if ((copy = jp_alloc(q, len + 1)) == NULL)
		return jp_fail(q, TCAS_E_JMESPATH_ARENA, 0);
	if (len)
		memcpy(copy, expr, len);
	copy[len] = 0;
	q->expr = copy;
	q->expr_len = len;
	err = jp_compile(q);
	if (err) {
		q->root = 0;
		q->used = 8;
	}
	q->base = q->used;
	return err;
}

int tcas_jmespath_eval(tcas_jmespath *q, const tcas_json *doc, int from,
                       tcas_jmespath_val *out)
{
	jv v;

	if (q == NULL || doc == NULL || out == NULL || q->root == 0 ||
	    from < 0 || from >= doc->ntok)
		return TCAS_E_ARG;
	q->doc = doc;
	q->used = q->base;
	q->err = 0;
	q->err_pos = -1;
	q->depth = 0;
	v = jp_eval(q, q->root, from);
	if (v == JV_ERR || q->err)
		return q->err ? q->err : TCAS_E_INTERNAL;
	*out = v;
	return TCAS_OK;
}

/* A value of q's last evaluation? */
static int val_ok(const jp *q, jv v)
{
	if (v >= 0)
		return q->doc && v < q->doc->ntok;
	if (v >= JV_TRUE)
		return 1;
	return v != JV_ERR && (size_t) - (int64_t)v < q->used && !(-v & 7);
}

tcas_json_type tcas_jmespath_type(const tcas_jmespath *q, tcas_jmespath_val v)
{
	if (q == NULL || !val_ok(q, v))
		return TCAS_JSON_INVALID;
	return (tcas_json_type)jp_type(q, v);
}

int tcas_jmespath_token(const tcas_jmespath *q, tcas_jmespath_val v)
{
	return q && v >= 0 && val_ok(q, v) ? (int)v : -1;
}

int tcas_jmespath_print(const tcas_jmespath *q, tcas_jmespath_val v,
                        unsigned indent, unsigned flags, tcas_json_sink sink,
                        void *sink_ctx)
{
	if (q == NULL || sink == NULL || indent > 64 || !val_ok(q, v) ||
	    flags & ~(unsigned)(TCAS_JMESPATH_ASCII | TCAS_JMESPATH_STRICT))
		return TCAS_E_ARG;
	return jp_dump(q, v, indent, flags, sink, sink_ctx);
}

void *tcas_jmespath_spare(tcas_jmespath *q, size_t *size)
{
	if (q == NULL || q->size < q->used) {
		*size = 0;
		return NULL;
	}
	*size = q->size - q->used;
	return q->arena.b + q->used;
}

const char *tcas_jmespath_kind(int err)
{
	switch (err) {
	case TCAS_E_JMESPATH_SYNTAX:
		return "syntax";
	case TCAS_E_JMESPATH_TYPE:
		return "invalid-type";
	case TCAS_E_JMESPATH_ARITY:
		return "invalid-arity";
	case TCAS_E_JMESPATH_UNKNOWN_FUNCTION:
		return "unknown-function";
	case TCAS_E_JMESPATH_VALUE:
		return "invalid-value";
	case TCAS_E_JMESPATH_ARENA:
		return "arena-full";
	case TCAS_E_JMESPATH_DEPTH:
		return "too-deep";
	default:
		return NULL;
	}
}
