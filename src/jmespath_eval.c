/*
 * JMESPath tree interpreter: the python library's TreeInterpreter, node for
 * node. Projections keep what is not null, nested projections nest, a
 * filter's condition and a comparison's operands are released from the
 * arena once their truth is known. Contract in tcas/jmespath.h.
 */
#include "jmespath_inner.h"

static const jp_ast *node(const jp *q, int32_t n)
{
	return JP_AT(q, n);
}

/* Element i of array v (0 <= i < count). */
static jv elem(const jp *q, jv v, uint32_t i)
{
	int t;

	if (v < 0)
		return JP_VAL(q, v)->u.items[i];
	tcas_json_index(q->doc, v, i, &t);
	return t;
}

static jv field(jp *q, const jp_ast *a, jv cur)
{
	const jp_val *name = JP_VAL(q, a->v);

	return jp_member(q, cur, name->u.s, name->n);
}

JP_NOINLINE static jv index1(jp *q, const jp_ast *a, jv cur)
{
	int64_t n = jp_count(q, cur), i = a->i[0];

	if (jp_type(q, cur) != T_ARR)
		return JV_NULL;
	if (i < 0)
		i += n;
	return i < 0 || i >= n ? JV_NULL : elem(q, cur, (uint32_t)i);
}

/* python's slice.indices(): a bound, or its default when not given. */
static int64_t bound(int64_t v, int given, int64_t len, int64_t step,
                     int is_stop)
{
	if (!given)
		return step < 0 ? (is_stop ? -1 : len - 1)
		                : (is_stop ? len : 0);
	if (v < 0) {
		v += len;
		if (v < 0)
			v = step < 0 ? -1 : 0;
	} else if (v >= len) {
		v = step < 0 ? len - 1 : len;
	}
	return v;
}

JP_NOINLINE static jv slice(jp *q, const jp_ast *a, jv cur)
{
	int64_t len = jp_count(q, cur), step, start, stop, n, i;
	jv r, *out, *in;

	if (jp_type(q, cur) != T_ARR)
		return JV_NULL;
	step = a->flags & 4 ? a->i[2] : 1;
	if (step == 0)
		return jp_err(q, TCAS_E_JMESPATH_VALUE, a->pos);
	start = bound(a->i[0], a->flags & 1, len, step, 0);
	stop = bound(a->i[1], a->flags & 2, len, step, 1);
	if (step > 0)
		n = stop > start ? (stop - start - 1) / step + 1 : 0;
	else
		n = start > stop ? (start - stop - 1) / -step + 1 : 0;
	if (jp_copy_arr(q, cur, &in) == JV_ERR ||
	    (r = jp_new_arr(q, (uint32_t)n, &out)) == JV_ERR)
		return JV_ERR;
	for (i = 0; i < n; i++)
		out[i] = in[start + i * step];
	return r;
}

/* [*] / .* / []: eval right over each element (or object value) of base,
 * keeping the results that are not null. */
static jv project(jp *q, jv base, int32_t right, int32_t cond)
{
	jv r, *out, k, x, c;
	jp_val *arr;
	jp_it it;
	uint32_t n = 0;
	size_t mark;
	int t;

	if ((r = jp_new_arr(q, jp_count(q, base), &out)) == JV_ERR)
		return JV_ERR;
	arr = JP_VAL(q, r);
	for (jp_it_init(&it, q, base); jp_it_next(&it, &k, &x);) {
		if (cond) {
			mark = q->used;
			if ((c = jp_eval(q, cond, x)) == JV_ERR)
				return JV_ERR;
			t = jp_truthy(q, c);
			q->used = mark;
			if (!t)
				continue;
		}
		if ((x = jp_eval(q, right, x)) == JV_ERR)
			return JV_ERR;
		if (jp_type(q, x) != T_NULL)
			out[n++] = x;
	}
	arr->n = n;
	return r;
}

JP_NOINLINE static jv flatten(jp *q, jv base)
{
	uint32_t n = 0;
	jv r, *out, k, x, y, z;
	jp_it it, jt;

	if (jp_type(q, base) != T_ARR)
		return JV_NULL;
	for (jp_it_init(&it, q, base); jp_it_next(&it, &k, &x);)
		n += jp_type(q, x) == T_ARR ? jp_count(q, x) : 1;
	if ((r = jp_new_arr(q, n, &out)) == JV_ERR)
		return JV_ERR;
	for (jp_it_init(&it, q, base); jp_it_next(&it, &k, &x);) {
		if (jp_type(q, x) != T_ARR) {
			*out++ = x;
			continue;
		}
		for (jp_it_init(&jt, q, x); jp_it_next(&jt, &y, &z);)
			*out++ = z;
	}
	return r;
}

static int comparable(int t)
{
	return t == T_NUM || t == T_STR;
}

JP_NOINLINE static jv compare(jp *q, const jp_ast *a, jv cur)
{
	size_t mark = q->used;
	jv l, r;
	int tl, tr, c;
	jp_num x, y;

	if ((l = jp_eval(q, a->a, cur)) == JV_ERR ||
	    (r = jp_eval(q, a->b, cur)) == JV_ERR)
		return JV_ERR;
	if (a->op == CMP_EQ || a->op == CMP_NE) {
		c = jp_equal(q, l, r, 1) ^ (a->op == CMP_NE);
		q->used = mark;
		return q->err ? JV_ERR : JV_BOOL(c);
	}
	tl = jp_type(q, l), tr = jp_type(q, r);
	if (!comparable(tl) || !comparable(tr))
		return q->used = mark, JV_NULL;
	if (tl != tr) /* python: '<' between str and int */
		return jp_err(q, TCAS_E_JMESPATH_TYPE, a->pos);
	if (tl == T_STR) {
		c = jp_str_cmp(q, l, r);
	} else {
		jp_num_of(q, l, &x);
		jp_num_of(q, r, &y);
		c = jp_num_cmp(&x, &y);
	}
	q->used = mark;
	if (c == 2) /* NaN: every ordering is false */
		return JV_FALSE;
	switch (a->op) {
	case CMP_LT:
		return JV_BOOL(c < 0);
	case CMP_LTE:
		return JV_BOOL(c <= 0);
	case CMP_GT:
		return JV_BOOL(c > 0);
	default:
		return JV_BOOL(c >= 0);
	}
}

static uint32_t children(const jp *q, int32_t first)
{
	uint32_t n = 0;

	for (; first; first = node(q, first)->next)
		n++;
	return n;
}

JP_NOINLINE static jv multi(jp *q, const jp_ast *a, jv cur)
{
	uint32_t n = children(q, a->a), i, j, m = 0;
	int hash = a->type == A_MHASH;
	jv r, *out, v;
	int32_t c;

	if (jp_type(q, cur) == T_NULL)
		return JV_NULL;
	if ((r = jp_new_arr(q, hash ? 2 * n : n, &out)) == JV_ERR)
		return JV_ERR;
	for (c = a->a; c; c = node(q, c)->next) {
		const jp_ast *x = node(q, c);

		if ((v = jp_eval(q, hash ? x->a : c, cur)) == JV_ERR)
			return JV_ERR;
		if (!hash) {
			out[m++] = v;
			continue;
		}
		/* python's dict: a repeated key keeps its first place */
		for (i = 0, j = m; i < m; i++)
			if (jp_str_cmp(q, out[2 * i], x->v) == 0)
				j = i;
		out[2 * j] = x->v;
		out[2 * j + 1] = v;
		m += j == m;
	}
	JP_VAL(q, r)->n = m;
	if (hash)
		JP_VAL(q, r)->type = T_OBJ;
	return r;
}

JP_NOINLINE static jv func(jp *q, const jp_ast *a, jv cur)
{
	uint32_t n = children(q, a->a), i = 0;
	jv *args = jp_alloc(q, (size_t)n * sizeof(jv));
	int32_t c;

	if (args == NULL)
		return JV_ERR;
	for (c = a->a; c; c = node(q, c)->next)
		if ((args[i++] = jp_eval(q, c, cur)) == JV_ERR)
			return JV_ERR;
	q->at = a->pos;
	return jp_call(q, a, args, n);
}

static jv eval_node(jp *q, const jp_ast *a, jv cur)
{
	jv v;
	int32_t c;

	switch (a->type) {
	case A_FIELD:
		return field(q, a, cur);
	case A_CHAIN:
		for (c = a->a; c && cur != JV_ERR; c = node(q, c)->next)
			cur = jp_eval(q, c, cur);
		return cur;
	case A_INDEX:
		return index1(q, a, cur);
	case A_SLICE:
		return slice(q, a, cur);
	case A_PROJ:
	case A_VPROJ:
	case A_FPROJ:
		if ((v = jp_eval(q, a->a, cur)) == JV_ERR)
			return JV_ERR;
		if (jp_type(q, v) != (a->type == A_VPROJ ? T_OBJ : T_ARR))
			return JV_NULL;
		return project(q, v, a->b, a->type == A_FPROJ ? a->c : 0);
	case A_FLATTEN:
		v = jp_eval(q, a->a, cur);
		return v == JV_ERR ? JV_ERR : flatten(q, v);
	case A_IDENTITY:
		return cur;
	case A_LITERAL:
		return a->v;
	case A_CMP:
		return compare(q, a, cur);
	case A_OR:
	case A_AND:
		if ((v = jp_eval(q, a->a, cur)) == JV_ERR)
			return JV_ERR;
		if (jp_truthy(q, v) == (a->type == A_OR))
			return v;
		return jp_eval(q, a->b, cur);
	case A_NOT:
		v = jp_eval(q, a->a, cur);
		return v == JV_ERR ? JV_ERR : JV_BOOL(!jp_truthy(q, v));
	case A_MLIST:
	case A_MHASH:
		return multi(q, a, cur);
	case A_FUNC:
		return func(q, a, cur);
	default: /* A_EXPREF; A_PAIR is evaluated by multi() */
		if (jp_node(q, T_EXPREF, &v) == NULL)
			return JV_ERR;
		JP_VAL(q, v)->n = (uint32_t)a->a;
		return v;
	}
}

/* Recursion: one level per level of the tree, which the compiler keeps
 * within TCAS_JMESPATH_DEPTH_MAX (expression references are subtrees of
 * their call). */
jv jp_eval(jp *q, int32_t n, jv cur)
{
	const jp_ast *a = node(q, n);

	q->at = a->pos;
	return eval_node(q, a, cur);
}
