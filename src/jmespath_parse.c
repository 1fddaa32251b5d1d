/*
 * JMESPath compiler: the python library's lexer and top-down operator
 * precedence (Pratt) parser, rule for rule, so that the same expressions
 * are accepted, the same trees built (a[0][1:2] does not project, {a:b c:d}
 * is a hash, f(a b) two arguments) and errors found in the same order: the
 * whole expression is lexed first (lexical errors win), then parsed.
 * Contract in tcas/jmespath.h; the tree in jmespath_inner.h.
 */
#include "jmespath_inner.h"

#include <math.h> /* HUGE_VAL, NAN: constants only, no libm */

/* Token kinds; K_EOF .. K_COLON bind with power 0. */
enum {
	K_EOF,
	K_UNQUOTED,
	K_QUOTED,
	K_LITERAL,
	K_RBRACKET,
	K_RPAREN,
	K_COMMA,
	K_RBRACE,
	K_NUMBER,
	K_CURRENT,
	K_EXPREF,
	K_COLON,
	K_PIPE,
	K_OR,
	K_AND,
	K_EQ,
	K_NE,
	K_LT,
	K_LTE,
	K_GT,
	K_GTE,
	K_FLATTEN,
	K_STAR,
	K_FILTER,
	K_DOT,
	K_NOT,
	K_LBRACE,
	K_LBRACKET,
	K_LPAREN,
	K_COUNT
};

/* Binding powers, the python library's table. */
static const uint8_t bp[K_COUNT] = {
    0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* eof .. colon */
    1,                                   /* pipe */
    2,                                   /* or */
    3,                                   /* and */
    5,  5, 5, 5, 5, 5,                   /* eq ne lt lte gt gte */
    9,                                   /* flatten */
    20,                                  /* star */
    21,                                  /* filter */
    40,                                  /* dot */
    45,                                  /* not */
    50,                                  /* lbrace */
    55,                                  /* lbracket */
    60                                   /* lparen */
};
/* Tokens below this power end a projection. */
#define PROJECTION_STOP 10

/* The comparators' order matches CMP_*. */
typedef char cmp_order_check[(K_NE - K_EQ == CMP_NE - CMP_EQ &&
                              K_GTE - K_EQ == CMP_GTE - CMP_EQ &&
                              K_LT - K_EQ == CMP_LT - CMP_EQ)
                                 ? 1
                                 : -1];

typedef struct tok {
	int type;
	int32_t start, end; /* end: where lexing goes on */
	int32_t num;        /* K_NUMBER, saturated to int32 */
	jv val;             /* K_QUOTED: name; K_LITERAL: value */
} tok;

typedef struct parser {
	jp *q;
	const char *s;
	int32_t n;
	tok t0, t1; /* current token, and the next once peeked */
	int have1;
	int32_t prev1, prev2; /* starts of the two tokens before t0 */
} parser;

static int syntax(jp *q, int32_t pos)
{
	return jp_fail(q, TCAS_E_JMESPATH_SYNTAX, pos);
}

/* ---- JSON literals (python's json.loads, into arena values) -------------- */

typedef struct link {
	jv k, v;
	int32_t next;
} link;

static void skip_ws(const char **p, const char *e)
{
	while (*p < e &&
	       (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r'))
		++*p;
}

/* One JSON value at *p. JV_ERR with q->err unset: not JSON; with it set:
 * the arena or the depth limit. */
static jv json_value(jp *q, const char **p, const char *e, unsigned depth);

static jv json_string(jp *q, const char **p, const char *e)
{
	const char *s = *p + 1, *c = s;
	char *o;
	long n;

	while (c < e && *c != '"')
		c += *c == '\\' && c + 1 < e ? 2 : 1;
	if (c >= e || (o = jp_alloc(q, (size_t)(c - s) + 1)) == NULL)
		return JV_ERR;
	n = jp_json_unescape(s, (size_t)(c - s), o);
	*p = c + 1;
	return n < 0 ? JV_ERR : jp_ref_str(q, o, (size_t)n);
}

static jv json_number(jp *q, const char **p, const char *e)
{
	const char *s = *p, *c = s + (*s == '-');
	jp_num n;
	int clean;
	jv v;

	if (c < e && *c == '0')
		c++;
	else
		while (c < e && *c >= '0' && *c <= '9')
			c++;
	if (c == s + (*s == '-'))
		return JV_ERR;
	if (c + 1 < e && *c == '.' && c[1] >= '0' && c[1] <= '9')
		for (c++; c < e && *c >= '0' && *c <= '9';)
			c++;
	if (c < e && (*c | 0x20) == 'e') {
		const char *x =
		    c + 1 + (c + 1 < e && (c[1] == '-' || c[1] == '+'));

		if (x < e && *x >= '0' && *x <= '9')
			for (c = x; c < e && *c >= '0' && *c <= '9';)
				c++;
	}
	*p = c;
	jp_num_scan(s, (size_t)(c - s), 0, 1, &n, &clean);
	if (n.kind == N_INT)
		return jp_new_int(q, n.i);
	if (n.kind == N_FLT)
		return jp_new_num(q, N_FLT, n.d);
	if (jp_node(q, T_NUM, &v) == NULL)
		return JV_ERR;
	JP_VAL(q, v)->flags = N_BIG;
	JP_VAL(q, v)->u.s = s;
	JP_VAL(q, v)->n = (uint32_t)(c - s);
	return v;
}

/* Array or object: items gathered in a list, then laid out. */
static jv json_container(jp *q, const char **p, const char *e, unsigned depth)
{
	int obj = **p == '{';
	int32_t head = 0, *tail = &head, l;
	uint32_t n = 0, i;
	jv v, k = JV_NULL, *items;
	link *x;

	++*p;
	skip_ws(p, e);
	if (*p < e && **p == (obj ? '}' : ']')) {
		++*p;
	} else {
		for (;;) {
			skip_ws(p, e);
			if (obj && (*p >= e || **p != '"' ||
			            (k = json_string(q, p, e)) == JV_ERR))
				return JV_ERR;
			skip_ws(p, e);
			if (obj && (*p >= e || *(*p)++ != ':'))
				return JV_ERR;
			if ((v = json_value(q, p, e, depth + 1)) == JV_ERR)
				return JV_ERR;
			/* python's dict: a repeated key keeps its place and
			 * takes the last value */
			for (l = head; obj && l; l = x->next)
				if (jp_str_cmp(q, (x = JP_AT(q, l))->k, k) == 0)
					break;
			if (obj && l) {
				x->v = v;
			} else {
				if ((x = jp_alloc(q, sizeof *x)) == NULL)
					return JV_ERR;
				x->k = k, x->v = v, x->next = 0;
				*tail =
				    (int32_t)((unsigned char *)x - q->arena.b);
				tail = &x->next;
				n++;
			}
			skip_ws(p, e);
			if (*p < e && **p == ',') {
				++*p;
				continue;
			}
			if (*p < e && **p == (obj ? '}' : ']')) {
				++*p;
				break;
			}
			return JV_ERR;
		}
	}
	if ((v = jp_new_arr(q, obj ? 2 * n : n, &items)) == JV_ERR)
		return JV_ERR;
	JP_VAL(q, v)->type = (uint8_t)(obj ? T_OBJ : T_ARR);
	JP_VAL(q, v)->n = n;
	for (i = 0, l = head; l; l = x->next) {
		x = JP_AT(q, l);
		if (obj)
			items[i++] = x->k;
		items[i++] = x->v;
	}
	return v;
}

static int word(const char **p, const char *e, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(e - *p) < n || memcmp(*p, w, n) != 0)
		return 0;
	*p += n;
	return 1;
}

static jv json_value(jp *q, const char **p, const char *e, unsigned depth)
{
	if (depth > TCAS_JMESPATH_DEPTH_MAX)
		return jp_err(q, TCAS_E_JMESPATH_DEPTH, q->at);
	skip_ws(p, e);
	if (*p >= e)
		return JV_ERR;
	if (**p == '{' || **p == '[')
		return json_container(q, p, e, depth);
	if (**p == '"')
		return json_string(q, p, e);
	if (word(p, e, "true"))
		return JV_TRUE;
	if (word(p, e, "false"))
		return JV_FALSE;
	if (word(p, e, "null"))
		return JV_NULL;
	if (word(p, e, "NaN"))
		return jp_new_num(q, N_FLT, NAN);
	if (word(p, e, "Infinity"))
		return jp_new_num(q, N_FLT, HUGE_VAL);
	if (word(p, e, "-Infinity"))
		return jp_new_num(q, N_FLT, -HUGE_VAL);
	if (**p == '-' || (**p >= '0' && **p <= '9'))
		return json_number(q, p, e);
	return JV_ERR;
}

/* ---- lexer --------------------------------------------------------------- */

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* End of a quoted token opened at s[i] (its closing delimiter), with
 * python's rule that a backslash takes the next character along; -1 if
 * unclosed. */
static int32_t closing(const parser *p, int32_t i)
{
	char d = p->s[i];

	for (i++; i < p->n && p->s[i] != d; i++)
		if (p->s[i] == '\\')
			i++;
	return i < p->n ? i : -1;
}

/* `...`: JSON, else (JEP-12's deprecated form) the text as the content of
 * a JSON string, after the leading whitespace. */
static int lex_literal(parser *p, tok *t, int32_t end)
{
	jp *q = p->q;
	const char *s = p->s + t->start + 1, *e = p->s + end, *c;
	char *lx, *o;
	size_t keep, w;
	long n;

	/* lexeme: \` becomes ` */
	if ((lx = jp_alloc(q, (size_t)(e - s) + 1)) == NULL)
		return q->err;
	keep = q->used;
	for (o = lx, c = s; c < e; c++)
		if (!(*c == '\\' && c + 1 < e && c[1] == '`'))
			*o++ = *c;
	s = lx, e = o, c = s;
	t->val = json_value(q, &c, e, 0);
	skip_ws(&c, e);
	if (t->val != JV_ERR && c == e)
		return 0;
	if (q->err)
		return q->err;
	q->used = keep; /* what the JSON attempt built */
	while (s < e && (w = jp_py_space(s, e, 1)) > 0)
		s += w;
	if ((o = jp_alloc(q, (size_t)(e - s) + 1)) == NULL)
		return q->err;
	n = jp_json_unescape(s, (size_t)(e - s), o);
	if (n < 0)
		return syntax(q, t->start);
	t->val = jp_ref_str(q, o, (size_t)n);
	return t->val == JV_ERR ? q->err : 0;
}

/* 'raw': \' becomes ', everything else stays. */
static int lex_raw(parser *p, tok *t, int32_t end)
{
	const char *s = p->s + t->start + 1, *e = p->s + end;
	char *o, *b = jp_alloc(p->q, (size_t)(e - s) + 1);

	if (b == NULL)
		return p->q->err;
	for (o = b; s < e; s++) {
		if (*s == '\\' && s + 1 < e && s[1] == '\'')
			s++;
		*o++ = *s;
	}
	t->val = jp_ref_str(p->q, b, (size_t)(o - b));
	return t->val == JV_ERR ? p->q->err : 0;
}

static int lex_quoted(parser *p, tok *t, int32_t end)
{
	const char *s = p->s + t->start + 1;
	char *o = jp_alloc(p->q, (size_t)(end - t->start));
	long n;

	if (o == NULL)
		return p->q->err;
	n = jp_json_unescape(s, (size_t)(end - t->start - 1), o);
	if (n < 0)
		return syntax(p->q, t->start);
	t->val = jp_ref_str(p->q, o, (size_t)n);
	return t->val == JV_ERR ? p->q->err : 0;
}

/* Two-character operators: s[i] alone is `one`, followed by `c2` is
 * `two`. */
static int pair(const parser *p, int32_t i, char c2, int one, int two)
{
	return i + 1 < p->n && p->s[i + 1] == c2 ? two : one;
}

static int lex_number(parser *p, tok *t, int32_t i)
{
	int64_t v = 0;
	int neg = p->s[i] == '-';

	if (neg && !(i + 1 < p->n && is_digit(p->s[i + 1])))
		return syntax(p->q, i);
	for (i += neg; i < p->n && is_digit(p->s[i]); i++)
		v = v < 0x80000000LL ? v * 10 + (p->s[i] - '0') : v;
	v = neg ? -v : v;
	t->num = (int32_t)(v > INT32_MAX   ? INT32_MAX
	                   : v < INT32_MIN ? INT32_MIN
	                                   : v);
	t->end = i;
	t->type = K_NUMBER;
	return 0;
}

/* The token at or after s[i] into *t. */
static int lex(parser *p, int32_t i, tok *t)
{
	static const char simple[] = ".*],:@(){}";
	static const uint8_t simple_kind[] = {
	    K_DOT,     K_STAR,   K_RBRACKET, K_COMMA,  K_COLON,
	    K_CURRENT, K_LPAREN, K_RPAREN,   K_LBRACE, K_RBRACE};
	const char *k;
	int32_t end;
	char c;

	while (i < p->n && strchr(" \t\n\r", p->s[i]) && p->s[i])
		i++;
	t->start = i, t->end = i + 1, t->val = JV_NULL;
	p->q->at = i;
	if (i >= p->n) {
		t->type = K_EOF, t->end = i;
		return 0;
	}
	c = p->s[i];
	if (c && (k = strchr(simple, c)) != NULL) {
		t->type = simple_kind[k - simple];
	} else if (is_alpha((unsigned char)c)) {
		while (t->end < p->n &&
		       (is_alpha((unsigned char)p->s[t->end]) ||
		        is_digit(p->s[t->end])))
			t->end++;
		t->type = K_UNQUOTED;
	} else if (c == '[') {
		t->type = pair(p, i, ']', pair(p, i, '?', K_LBRACKET, K_FILTER),
		               K_FLATTEN);
		t->end += t->type != K_LBRACKET;
	} else if (c == '|' || c == '&') {
		t->type = c == '|' ? pair(p, i, '|', K_PIPE, K_OR)
		                   : pair(p, i, '&', K_EXPREF, K_AND);
		t->end += t->type == K_OR || t->type == K_AND;
	} else if (c == '<' || c == '>' || c == '!') {
		t->type = c == '<'   ? pair(p, i, '=', K_LT, K_LTE)
		          : c == '>' ? pair(p, i, '=', K_GT, K_GTE)
		                     : pair(p, i, '=', K_NOT, K_NE);
		t->end +=
		    t->type == K_LTE || t->type == K_GTE || t->type == K_NE;
	} else if (c == '=') {
		if (pair(p, i, '=', 0, 1) == 0)
			return syntax(p->q, i);
		t->type = K_EQ, t->end++;
	} else if (c == '-' || is_digit(c)) {
		return lex_number(p, t, i);
	} else if (c == '\'' || c == '`' || c == '"') {
		if ((end = closing(p, i)) < 0)
			return syntax(p->q, i);
		t->end = end + 1;
		t->type = c == '"' ? K_QUOTED : K_LITERAL;
		return c == '\''  ? lex_raw(p, t, end)
		       : c == '`' ? lex_literal(p, t, end)
		                  : lex_quoted(p, t, end);
	} else {
		return syntax(p->q, i);
	}
	return 0;
}

/* ---- parser -------------------------------------------------------------- */

static int advance(parser *p)
{
	p->prev2 = p->prev1;
	p->prev1 = p->t0.start;
	if (p->have1) {
		p->t0 = p->t1;
		p->have1 = 0;
		return 0;
	}
	return lex(p, p->t0.end, &p->t0);
}

static int peek(parser *p)
{
	if (!p->have1) {
		if (lex(p, p->t0.end, &p->t1))
			return -1;
		p->have1 = 1;
	}
	return p->t1.type;
}

static jp_ast *at(const parser *p, int32_t n)
{
	return JP_AT(p->q, n);
}

static int32_t mk(parser *p, int type, int32_t pos, int32_t a, int32_t b)
{
	jp_ast *x;

	if ((a | b) < 0 || (x = jp_alloc(p->q, sizeof *x)) == NULL)
		return -1;
	memset(x, 0, sizeof *x);
	x->type = (uint8_t)type;
	x->pos = pos;
	x->a = a, x->b = b;
	x->v = JV_NULL;
	return (int32_t)((unsigned char *)x - p->q->arena.b);
}

/* Append node c to the children of list node l; -1 on error. */
static int32_t append(parser *p, int32_t l, int32_t c)
{
	int32_t *k;

	if (l < 0 || c < 0)
		return -1;
	for (k = &at(p, l)->a; *k; k = &at(p, *k)->next)
		;
	*k = c;
	return l;
}

/* Error at t0, "incomplete" (at the end) when t0 is the end. */
static int32_t unexpected(parser *p)
{
	syntax(p->q, p->t0.type == K_EOF ? p->n : p->t0.start);
	return -1;
}

static int32_t match(parser *p, int type)
{
	if (p->t0.type != type)
		return unexpected(p);
	return advance(p) ? -1 : 0;
}

static int32_t expr(parser *p, int rbp);
static int32_t dot_rhs(parser *p, int rbp);
static int32_t mlist(parser *p);
static int32_t mhash(parser *p);

static int32_t proj_rhs(parser *p, int rbp)
{
	int k = p->t0.type;

	if (bp[k] < PROJECTION_STOP)
		return mk(p, A_IDENTITY, p->t0.start, 0, 0);
	if (k == K_LBRACKET || k == K_FILTER)
		return expr(p, rbp);
	if (k == K_DOT)
		return match(p, K_DOT) ? -1 : dot_rhs(p, rbp);
	syntax(p->q, p->t0.start);
	return -1;
}

static int32_t dot_rhs(parser *p, int rbp)
{
	int k = p->t0.type;

	if (k == K_QUOTED || k == K_UNQUOTED || k == K_STAR)
		return expr(p, rbp);
	if (k == K_LBRACKET)
		return advance(p) ? -1 : mlist(p);
	if (k == K_LBRACE)
		return advance(p) ? -1 : mhash(p);
	syntax(p->q, k == K_EOF ? p->n : p->t0.start);
	return -1;
}

static int32_t index_expr(parser *p)
{
	int32_t n, i = 0, pos = p->t0.start;
	int k = peek(p);

	if (k < 0)
		return -1;
	if (p->t0.type == K_NUMBER && k != K_COLON) {
		n = mk(p, A_INDEX, pos, 0, 0);
		if (n < 0)
			return -1;
		at(p, n)->i[0] = p->t0.num;
		return advance(p) || match(p, K_RBRACKET) ? -1 : n;
	}
	if ((n = mk(p, A_SLICE, pos, 0, 0)) < 0)
		return -1;
	while (p->t0.type != K_RBRACKET) {
		if (p->t0.type == K_COLON && ++i < 3) {
			/* a third colon is python's "syntax error" below */
		} else if (p->t0.type == K_NUMBER) {
			at(p, n)->i[i] = p->t0.num;
			at(p, n)->flags |= (uint16_t)(1u << i);
		} else {
			syntax(p->q, p->t0.start);
			return -1;
		}
		if (advance(p))
			return -1;
	}
	return match(p, K_RBRACKET) ? -1 : n;
}

static int32_t project_if_slice(parser *p, int32_t left, int32_t right)
{
	int32_t ie = mk(p, A_CHAIN, at(p, right)->pos, 0, 0);

	if (ie < 0 || append(p, ie, left) < 0 || append(p, ie, right) < 0)
		return -1;
	at(p, ie)->op = CHAIN_INDEX;
	if (at(p, right)->type != A_SLICE)
		return ie;
	return mk(p, A_PROJ, at(p, ie)->pos, ie, proj_rhs(p, bp[K_STAR]));
}

static int32_t filter(parser *p, int32_t left, int32_t pos)
{
	int32_t cond = expr(p, 0), right, n;

	if (cond < 0 || match(p, K_RBRACKET))
		return -1;
	if (p->t0.type == K_FLATTEN)
		right = mk(p, A_IDENTITY, p->t0.start, 0, 0);
	else
		right = proj_rhs(p, bp[K_FILTER]);
	n = mk(p, A_FPROJ, pos, left, right);
	if (n >= 0)
		at(p, n)->c = cond;
	return n;
}

static int32_t mlist(parser *p)
{
	int32_t l = mk(p, A_MLIST, p->prev1, 0, 0);

	for (;;) {
		if ((l = append(p, l, expr(p, 0))) < 0)
			return -1;
		if (p->t0.type == K_RBRACKET)
			break;
		if (match(p, K_COMMA))
			return -1;
	}
	return match(p, K_RBRACKET) ? -1 : l;
}

static int32_t mhash(parser *p)
{
	int32_t h = mk(p, A_MHASH, p->prev1, 0, 0), kv;
	tok key;

	for (;;) {
		key = p->t0;
		if (key.type != K_QUOTED && key.type != K_UNQUOTED)
			return unexpected(p);
		if (key.type == K_UNQUOTED)
			key.val = jp_new_str(p->q, p->s + key.start,
			                     (size_t)(key.end - key.start));
		if (key.val == JV_ERR || advance(p) || match(p, K_COLON))
			return -1;
		kv = mk(p, A_PAIR, key.start, expr(p, 0), 0);
		if (kv < 0 || append(p, h, kv) < 0)
			return -1;
		at(p, kv)->v = key.val;
		if (p->t0.type == K_COMMA) {
			if (advance(p))
				return -1;
		} else if (p->t0.type == K_RBRACE) {
			return advance(p) ? -1 : h;
		}
	}
}

static int32_t nud(parser *p, const tok *t)
{
	int32_t n, pos = t->start;
	int k;

	switch (t->type) {
	case K_LITERAL:
		if ((n = mk(p, A_LITERAL, pos, 0, 0)) >= 0)
			at(p, n)->v = t->val;
		return n;
	case K_UNQUOTED:
	case K_QUOTED:
		if (t->type == K_QUOTED && p->t0.type == K_LPAREN) {
			syntax(p->q, 0); /* where python reports it */
			return -1;
		}
		if ((n = mk(p, A_FIELD, pos, 0, 0)) < 0)
			return -1;
		at(p, n)->v =
		    t->type == K_QUOTED
		        ? t->val
		        : jp_new_str(p->q, p->s + pos, (size_t)(t->end - pos));
		return at(p, n)->v == JV_ERR ? -1 : n;
	case K_STAR:
		n = p->t0.type == K_RBRACKET ? mk(p, A_IDENTITY, pos, 0, 0)
		                             : proj_rhs(p, bp[K_STAR]);
		return mk(p, A_VPROJ, pos, mk(p, A_IDENTITY, pos, 0, 0), n);
	case K_FILTER:
		return filter(p, mk(p, A_IDENTITY, pos, 0, 0), pos);
	case K_LBRACE:
		return mhash(p);
	case K_LPAREN:
		n = expr(p, 0);
		return n < 0 || match(p, K_RPAREN) ? -1 : n;
	case K_FLATTEN:
		n = mk(p, A_FLATTEN, pos, mk(p, A_IDENTITY, pos, 0, 0), 0);
		return mk(p, A_PROJ, pos, n, proj_rhs(p, bp[K_FLATTEN]));
	case K_NOT:
		return mk(p, A_NOT, pos, expr(p, bp[K_NOT]), 0);
	case K_LBRACKET:
		if (p->t0.type == K_NUMBER || p->t0.type == K_COLON) {
			n = index_expr(p);
			return n < 0 ? -1
			             : project_if_slice(
			                   p, mk(p, A_IDENTITY, pos, 0, 0), n);
		}
		if (p->t0.type == K_STAR) {
			if ((k = peek(p)) < 0)
				return -1;
			if (k == K_RBRACKET) {
				if (advance(p) || advance(p))
					return -1;
				return mk(p, A_PROJ, pos,
				          mk(p, A_IDENTITY, pos, 0, 0),
				          proj_rhs(p, bp[K_STAR]));
			}
		}
		return mlist(p);
	case K_CURRENT:
		return mk(p, A_IDENTITY, pos, 0, 0);
	case K_EXPREF:
		return mk(p, A_EXPREF, pos, expr(p, bp[K_EXPREF]), 0);
	default:
		syntax(p->q, t->type == K_EOF ? p->n : pos);
		return -1;
	}
}

static int32_t call(parser *p, int32_t left)
{
	jp_ast *l = at(p, left);
	const char *name;
	size_t len;
	int32_t f, arg;

	if (l->type != A_FIELD) {
		syntax(p->q, p->prev2);
		return -1;
	}
	name = JP_VAL(p->q, l->v)->u.s;
	len = JP_VAL(p->q, l->v)->n;
	if ((f = mk(p, A_FUNC, l->pos, 0, 0)) < 0)
		return -1;
	at(p, f)->op = (uint8_t)jp_func_find(name, len);
	while (p->t0.type != K_RPAREN) {
		if ((arg = expr(p, 0)) < 0)
			return -1;
		if (p->t0.type == K_COMMA && advance(p))
			return -1;
		append(p, f, arg);
	}
	return match(p, K_RPAREN) ? -1 : f;
}

static int32_t led(parser *p, int k, int32_t left, int32_t pos)
{
	int32_t n;

	switch (k) {
	case K_DOT:
		if (p->t0.type == K_STAR) {
			if (advance(p))
				return -1;
			return mk(p, A_VPROJ, pos, left,
			          proj_rhs(p, bp[K_DOT]));
		}
		n = dot_rhs(p, bp[K_DOT]);
		if (at(p, left)->type == A_CHAIN &&
		    at(p, left)->op == CHAIN_SUB)
			return append(p, left, n);
		return append(
		    p, append(p, mk(p, A_CHAIN, at(p, left)->pos, 0, 0), left),
		    n);
	case K_PIPE:
		n = mk(p, A_CHAIN, pos, 0, 0);
		if (n >= 0)
			at(p, n)->op = CHAIN_PIPE;
		n = append(p, n, left);
		return append(p, n, expr(p, bp[K_PIPE]));
	case K_OR:
	case K_AND:
		return mk(p, k == K_OR ? A_OR : A_AND, pos, left,
		          expr(p, bp[k]));
	case K_LPAREN:
		return call(p, left);
	case K_FILTER:
		return filter(p, left, pos);
	case K_FLATTEN:
		n = mk(p, A_FLATTEN, pos, left, 0);
		return mk(p, A_PROJ, pos, n, proj_rhs(p, bp[K_FLATTEN]));
	case K_LBRACKET:
		if (p->t0.type == K_NUMBER || p->t0.type == K_COLON) {
			n = index_expr(p);
			if (n >= 0 && at(p, left)->type == A_CHAIN &&
			    at(p, left)->op == CHAIN_INDEX)
				return append(p, left, n);
			return n < 0 ? -1 : project_if_slice(p, left, n);
		}
		if (match(p, K_STAR) || match(p, K_RBRACKET))
			return -1;
		return mk(p, A_PROJ, pos, left, proj_rhs(p, bp[K_STAR]));
	default: /* comparators */
		n = mk(p, A_CMP, pos, left, expr(p, bp[k]));
		if (n >= 0)
			at(p, n)->op = (uint8_t)(k - K_EQ + CMP_EQ);
		return n;
	}
}

/* Tokens with a led rule (infix or postfix). */
static int has_led(int k)
{
	return k == K_DOT || k == K_PIPE || k == K_OR || k == K_AND ||
	       k == K_LPAREN || k == K_FILTER || k == K_FLATTEN ||
	       k == K_LBRACKET || (k >= K_EQ && k <= K_GTE);
}

static int32_t expr(parser *p, int rbp)
{
	int32_t left, pos;
	tok t = p->t0;
	int k;

	if (++p->q->depth > TCAS_JMESPATH_DEPTH_MAX) {
		jp_fail(p->q, TCAS_E_JMESPATH_DEPTH, t.start);
		return -1;
	}
	if (advance(p))
		return -1;
	left = nud(p, &t);
	while (left >= 0 && rbp < bp[k = p->t0.type]) {
		if (!has_led(k)) {
			syntax(p->q, p->t0.start);
			return -1;
		}
		pos = p->t0.start;
		if (advance(p))
			return -1;
		left = led(p, k, left, pos);
	}
	p->q->depth--;
	return left;
}

/* Depth of the tree under node n: what evaluating it nests. */
static unsigned depth_of(const jp *q, int32_t n)
{
	const jp_ast *a = JP_AT(q, n);
	unsigned d = 0, k;
	int32_t c;
	int list = a->type == A_CHAIN || a->type == A_MLIST ||
	           a->type == A_MHASH || a->type == A_FUNC;

	for (c = a->a; c; c = list ? ((jp_ast *)JP_AT(q, c))->next : 0)
		if ((k = depth_of(q, c)) > d)
			d = k;
	if (!list && a->b && (k = depth_of(q, a->b)) > d)
		d = k;
	if (a->type == A_FPROJ && (k = depth_of(q, a->c)) > d)
		d = k;
	return d + 1;
}

int jp_compile(jp *q)
{
	parser p;
	size_t mark = q->used;
	tok t;

	memset(&p, 0, sizeof p);
	p.q = q;
	p.s = q->expr;
	p.n = (int32_t)q->expr_len;
	if (p.n == 0)
		return syntax(q, 0);
	/* lex everything first: lexical errors come before grammar ones */
	for (t.end = 0; !lex(&p, t.end, &t) && t.type != K_EOF;)
		;
	if (q->err)
		return q->err;
	q->used = mark;
	q->root = lex(&p, 0, &p.t0) ? -1 : expr(&p, 0);
	if (q->root >= 0 && p.t0.type != K_EOF)
		syntax(q, p.t0.start);
	/* the evaluator recurses once per level of the tree */
	if (!q->err && depth_of(q, q->root) > TCAS_JMESPATH_DEPTH_MAX)
		jp_fail(q, TCAS_E_JMESPATH_DEPTH, 0);
	if (q->err)
		return q->err;
	return q->root > 0 ? TCAS_OK : jp_fail(q, TCAS_E_INTERNAL, 0);
}
