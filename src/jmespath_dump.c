/*
 * JMESPath values as JSON text, the way python's json.dumps writes them
 * (to_string(), tcas_jmespath_print()): numbers by python's rules, strings
 * escaped with \uXXXX beyond ASCII when asked (ensure_ascii), "," and ":"
 * compact or one item a line. Document containers are walked over their
 * text, not recursively, so their depth costs no stack.
 */
#include "jmespath_inner.h"

typedef struct out {
	const jp *q;
	tcas_json_sink sink;
	void *ctx;
	unsigned indent;
	int ascii, strict, err;
} out;

static void put(out *o, const char *s, size_t n)
{
	if (!o->err && n)
		o->err = o->sink(o->ctx, s, n);
}

static void puts_(out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void newline(out *o, unsigned level)
{
	static const char sp[] = "\n                                ";
	size_t n = (size_t)level * o->indent;

	if (!o->indent)
		return;
	put(o, sp, 1);
	for (; n; n -= n < 32 ? n : 32)
		put(o, sp + 1, n < 32 ? n : 32);
}

/* ---- scalars ------------------------------------------------------------- */

static void put_u(out *o, unsigned long cp)
{
	char e[7] = "\\u";
	int i;

	for (i = 5; i >= 2; i--, cp >>= 4)
		e[i] = "0123456789abcdef"[cp & 15];
	put(o, e, 6);
}

/* The string of cursor c, quoted and escaped as json.dumps does. */
static void put_str(out *o, jp_cur *c)
{
	static const char from[] = "\"\\\n\r\t\b\f", to[] = "\"\\nrtbf";
	char buf[128], esc[2] = "\\";
	unsigned long cp;
	size_t n = 0;
	int b, k, i;
	const char *x;

	put(o, "\"", 1);
	while ((b = jp_cur_next(c)) >= 0) {
		if (b >= 0x20 && b != '"' && b != '\\' &&
		    (!o->ascii || b < 0x7F)) {
			/* flushed between characters: a sink sees whole UTF-8
			 * sequences */
			if (n >= sizeof buf - 4 && (b & 0xC0) != 0x80)
				put(o, buf, n), n = 0;
			buf[n++] = (char)b;
			continue;
		}
		put(o, buf, n), n = 0;
		if (b < 0x80) {
			if (b && (x = strchr(from, b)) != NULL) {
				esc[1] = to[x - from];
				put(o, esc, 2);
			} else {
				put_u(o, (unsigned long)b);
			}
			continue;
		}
		/* ascii: one code point. Plain bytes come from the expression
		 * and may be invalid UTF-8: a stray byte stands for itself. */
		k = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 ? 1 : 0;
		for (i = 0; c->nb == 0 && i < k; i++)
			if (c->p + i >= c->e || (c->p[i] & 0xC0) != 0x80 ||
			    b > 0xF4)
				k = 0;
		cp = k ? (unsigned long)b & (0x3Fu >> k) : (unsigned long)b;
		for (i = 0; i < k && (b = jp_cur_next(c)) >= 0; i++)
			cp = cp << 6 | ((unsigned long)b & 0x3F);
		if (cp >= 0x10000) {
			put_u(o, 0xD800 + ((cp - 0x10000) >> 10));
			cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
		}
		put_u(o, cp);
	}
	put(o, buf, n);
	put(o, "\"", 1);
}

static void put_num(out *o, const jp_num *x)
{
	char b[320], *d;
	size_t n;

	if (x->kind == N_INT) {
		d = tcas_dec(x->i < 0 ? 0 - (uint64_t)x->i : (uint64_t)x->i, b);
		if (x->i < 0)
			*--d = '-';
		put(o, d, (size_t)(b + TCAS_DEC_MAX - d));
		return;
	}
	if (x->kind == N_BIG) {
		put(o, x->s, x->n);
		return;
	}
	n = x->kind == N_BIGD ? jp_num_digits(x->d, b) : jp_num_repr(x->d, b);
	if (o->strict && (b[0] == 'N' || b[n - 1] == 'y')) { /* NaN, Inf.. */
		put(o, "\"", 1), put(o, b, n), put(o, "\"", 1);
		return;
	}
	put(o, b, n);
}

/* ---- document containers ------------------------------------------------- */

static int ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Reprint the checked JSON text js[p..end) laid out afresh. */
static void put_text(out *o, const char *js, int p, int end, unsigned level)
{
	jp_cur c;
	jp_num x;
	int k, clean;

	while (p < end && !o->err) {
		char ch = js[p];

		if (ws(ch)) {
			p++;
		} else if (ch == '{' || ch == '[') {
			for (k = p + 1; ws(js[k]); k++)
				;
			if (js[k] == (ch == '{' ? '}' : ']')) { /* empty */
				put(o, ch == '{' ? "{}" : "[]", 2);
				p = k + 1;
				continue;
			}
			put(o, &js[p++], 1);
			newline(o, ++level);
		} else if (ch == '}' || ch == ']') {
			newline(o, --level);
			put(o, &js[p++], 1);
		} else if (ch == ',') {
			put(o, &js[p++], 1);
			newline(o, level);
		} else if (ch == ':') {
			p++;
			put(o, ": ", o->indent ? 2 : 1);
		} else if (ch == '"') {
			for (k = p + 1; js[k] != '"';
			     k += js[k] == '\\' ? 2 : 1)
				;
			if (o->ascii) {
				c.p = (const unsigned char *)js + p + 1;
				c.e = (const unsigned char *)js + k;
				c.nb = c.ib = 1; /* escaped text */
				put_str(o, &c);
			} else {
				put(o, js + p, (size_t)(k + 1 - p));
			}
			p = k + 1;
		} else {
			for (k = p;
			     k < end && !ws(js[k]) && !strchr(",]}:", js[k]);
			     k++)
				;
			if (ch == 't' || ch == 'f' || ch == 'n') {
				put(o, js + p, (size_t)(k - p));
			} else {
				jp_num_scan(js + p, (size_t)(k - p), 0, 1, &x,
				            &clean);
				put_num(o, &x);
			}
			p = k;
		}
	}
}

/* ---- values -------------------------------------------------------------- */

static void put_val(out *o, jv v, unsigned level)
{
	const jp *q = o->q;
	int t = jp_type(q, v), obj = t == T_OBJ;
	const jp_val *x;
	jp_cur c;
	jp_num n;
	size_t len;
	uint32_t i;

	if (o->err)
		return;
	switch (t) {
	case T_NULL:
		puts_(o, "null");
		return;
	case T_BOOL:
		puts_(o, jp_truthy(q, v) ? "true" : "false");
		return;
	case T_NUM:
		jp_num_of(q, v, &n);
		put_num(o, &n);
		return;
	case T_STR:
		if (v >= 0 && !o->ascii) {
			const char *s = tcas_json_raw(q->doc, v, &len);

			put(o, s - 1,
			    len + 2); /* as written, quotes included */
			return;
		}
		jp_cur_init(&c, q, v);
		put_str(o, &c);
		return;
	case T_ARR:
	case T_OBJ:
		break;
	default: /* an expression reference has no JSON form */
		o->err = TCAS_E_JMESPATH_TYPE;
		return;
	}
	if (v >= 0) {
		const char *s = tcas_json_raw(q->doc, v, &len);

		put_text(o, q->doc->js, (int)(s - q->doc->js),
		         (int)(s - q->doc->js + (long)len), level);
		return;
	}
	/* built values nest at most as deep as the tree that built them plus
	 * a JSON literal in it: 2 * TCAS_JMESPATH_DEPTH_MAX levels */
	x = JP_VAL(q, v);
	if (x->n == 0) {
		put(o, obj ? "{}" : "[]", 2);
		return;
	}
	put(o, obj ? "{" : "[", 1);
	for (i = 0; i < x->n; i++) {
		if (i)
			put(o, ",", 1);
		newline(o, level + 1);
		if (obj) {
			put_val(o, x->u.items[2 * i], level + 1);
			put(o, ": ", o->indent ? 2 : 1);
		}
		put_val(o, x->u.items[obj ? 2 * i + 1 : i], level + 1);
	}
	newline(o, level);
	put(o, obj ? "}" : "]", 1);
}

int jp_dump(const jp *q, jv v, unsigned indent, unsigned flags,
            tcas_json_sink sink, void *ctx)
{
	out o;

	o.q = q, o.sink = sink, o.ctx = ctx;
	o.indent = indent, o.err = 0;
	o.ascii = (flags & TCAS_JMESPATH_ASCII) != 0;
	o.strict = (flags & TCAS_JMESPATH_STRICT) != 0;
	put_val(&o, v, 0);
	return o.err;
}

/* ---- to_string() --------------------------------------------------------- */

struct grow {
	jp *q;
	size_t n;
};

/* Append to the free end of the arena (nothing else allocates meanwhile). */
static int grow_sink(void *ctx, const char *s, size_t n)
{
	struct grow *g = ctx;
	jp *q = g->q;

	if (n > q->size - q->used - g->n)
		return TCAS_E_JMESPATH_ARENA;
	memcpy(q->arena.b + q->used + g->n, s, n);
	g->n += n;
	return 0;
}

jv jp_to_string(jp *q, jv v, int32_t pos)
{
	struct grow g;
	jp_val *x;
	jv r;
	int err;

	if ((x = jp_node(q, T_STR, &r)) == NULL)
		return JV_ERR;
	g.q = q, g.n = 0;
	err = jp_dump(q, v, 0, TCAS_JMESPATH_ASCII, grow_sink, &g);
	if (err)
		return jp_err(q, err, pos);
	x->u.s = (const char *)q->arena.b + q->used;
	x->n = (uint32_t)g.n;
	q->used += (g.n + 7) & ~(size_t)7;
	return r;
}
