/* JMESPath subset over tcas_json; contract in tcas/filter.h. */
#include "inner.h"

#include "tcas/filter.h"

#define NAME_MAX_LEN 128
#define FIELD_MAX    8

typedef struct fp {
	tcas_filter *f;
	const tcas_json *doc;
	const char *s;
	size_t pos;
} fp;

typedef struct literal {
	tcas_json_type type;
	char str[NAME_MAX_LEN]; /* STRING: unescaped */
	const char *raw;        /* other types: JSON text */
	size_t raw_len;
} literal;

static int syntax(fp *p)
{
	p->f->err_pos = (int)p->pos;
	return TCAS_E_FILTER_SYNTAX;
}

static void ws(fp *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
		p->pos++;
}

static int eat(fp *p, char ch)
{
	ws(p);
	if (p->s[p->pos] != ch)
		return 0;
	p->pos++;
	return 1;
}

static int is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       ch == '_';
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* name into out (NUL-terminated). */
static int parse_name(fp *p, char *out)
{
	size_t n = 0;
	char end;

	ws(p);
	if (p->s[p->pos] == '"') {
		p->pos++;
		end = '"';
	} else if (is_alpha(p->s[p->pos])) {
		end = 0;
	} else {
		return syntax(p);
	}
	for (;;) {
		char ch = p->s[p->pos];

		if (end ? (ch == '"' || ch == 0)
		        : !(is_alpha(ch) || is_digit(ch)))
			break;
		if (n + 1 >= NAME_MAX_LEN)
			return syntax(p);
		out[n++] = ch;
		p->pos++;
	}
	if (end) {
		if (p->s[p->pos] != '"' || n == 0)
			return syntax(p);
		p->pos++;
	}
	out[n] = 0;
	return TCAS_OK;
}

static int parse_int(fp *p, long *v)
{
	int neg = 0;
	long x = 0;

	ws(p);
	if (p->s[p->pos] == '-')
		neg = 1, p->pos++;
	if (!is_digit(p->s[p->pos]))
		return syntax(p);
	while (is_digit(p->s[p->pos])) {
		if (x > 100000000L)
			return syntax(p);
		x = x * 10 + (p->s[p->pos++] - '0');
	}
	*v = neg ? -x : x;
	return TCAS_OK;
}

/* ---- steps --------------------------------------------------------------- */

static void step_name(tcas_filter *f, const tcas_json *doc, const char *name)
{
	int i, n = 0, v;

	for (i = 0; i < f->count; i++)
		if (tcas_json_member(doc, f->tok[i], name, &v) == TCAS_OK &&
		    !tcas_json_is_null(doc, v))
			f->tok[n++] = v;
	f->count = n;
}

static void step_index(tcas_filter *f, const tcas_json *doc, long idx)
{
	int i, n = 0, v;

	for (i = 0; i < f->count; i++) {
		int t = f->tok[i];
		long k = idx, c;

		if (tcas_json_type_of(doc, t) != TCAS_JSON_ARRAY)
			continue;
		c = tcas_json_count(doc, t);
		if (k < 0)
			k += c;
		if (k >= 0 && k < c &&
		    tcas_json_index(doc, t, (unsigned)k, &v) == TCAS_OK)
			f->tok[n++] = v;
	}
	f->count = n;
}

/* Resolve field (names separated by NUL, nfield of them) from e. */
static int field_of(const tcas_json *doc, int e, const char *field, int nfield)
{
	int i;

	for (i = 0; i < nfield; i++) {
		if (tcas_json_member(doc, e, field, &e))
			return -1;
		field += strlen(field) + 1;
	}
	return e;
}

static int raw_eq(const tcas_json *doc, int v, const literal *l)
{
	size_t n;
	const char *r = tcas_json_raw(doc, v, &n);
	int64_t a, b;
	jsmntok_t t[1];
	tcas_json ld;

	if (l->type == TCAS_JSON_NUMBER &&
	    tcas_json_get_int64(doc, v, &a) == TCAS_OK &&
	    tcas_json_parse(&ld, l->raw, l->raw_len, t, 1) == TCAS_OK &&
	    tcas_json_get_int64(&ld, 0, &b) == TCAS_OK)
		return a == b;
	return r && n == l->raw_len && memcmp(r, l->raw, n) == 0;
}

static int matches(const tcas_json *doc, int v, const literal *l)
{
	if (v < 0 || tcas_json_is_null(doc, v))
		return l->type == TCAS_JSON_NULL;
	if (tcas_json_type_of(doc, v) != l->type)
		return 0;
	if (l->type == TCAS_JSON_STRING)
		return tcas_json_str_eq(doc, v, l->str);
	return raw_eq(doc, v, l);
}

typedef struct cond {
	char field[NAME_MAX_LEN * 2];
	int nfield;
	int negate;
	literal lit;
} cond;

/* Expand arrays into f->tmp (all elements, or those matching c), then
 * copy back into f->tok. */
static int step_project(tcas_filter *f, const tcas_json *doc, const cond *c)
{
	int i, n = 0, e;

	for (i = 0; i < f->count; i++) {
		if (tcas_json_type_of(doc, f->tok[i]) != TCAS_JSON_ARRAY)
			continue;
		for (e = tcas_json_first(doc, f->tok[i]); e >= 0;
		     e = tcas_json_next(doc, e)) {
			if (c &&
			    matches(doc, field_of(doc, e, c->field, c->nfield),
			            &c->lit) == c->negate)
				continue;
			if (n == TCAS_FILTER_RESULTS_MAX)
				return TCAS_E_FILTER_TOO_MANY;
			f->tmp[n++] = e;
		}
	}
	memcpy(f->tok, f->tmp, (size_t)n * sizeof f->tok[0]);
	f->count = n;
	f->is_list = 1;
	return TCAS_OK;
}

/* ---- filter expressions -------------------------------------------------- */

static int parse_raw_string(fp *p, literal *l)
{
	size_t n = 0;

	p->pos++; /* ' */
	for (;;) {
		char ch = p->s[p->pos];

		if (ch == 0)
			return syntax(p);
		p->pos++;
		if (ch == '\'') {
			if (p->s[p->pos] != '\'')
				break;
			p->pos++;
		}
		if (n + 1 >= sizeof l->str)
			return syntax(p);
		l->str[n++] = ch;
	}
	l->str[n] = 0;
	l->type = TCAS_JSON_STRING;
	return TCAS_OK;
}

static int parse_json_lit(fp *p, literal *l, size_t start, size_t end)
{
	jsmntok_t t[1];
	tcas_json d;

	if (tcas_json_parse(&d, p->s + start, end - start, t, 1) != TCAS_OK)
		return p->pos = start, syntax(p);
	l->type = tcas_json_type_of(&d, 0);
	l->raw = tcas_json_raw(&d, 0, &l->raw_len);
	if (l->type == TCAS_JSON_STRING &&
	    tcas_json_get_string(&d, 0, l->str, sizeof l->str, NULL))
		return p->pos = start, syntax(p);
	return TCAS_OK;
}

static int parse_literal(fp *p, literal *l)
{
	size_t start;

	ws(p);
	if (p->s[p->pos] == '\'')
		return parse_raw_string(p, l);
	if (p->s[p->pos] == '`') {
		const char *e = strchr(p->s + p->pos + 1, '`');

		if (e == NULL)
			return syntax(p);
		start = p->pos + 1;
		p->pos = (size_t)(e - p->s) + 1;
		return parse_json_lit(p, l, start, (size_t)(e - p->s));
	}
	start = p->pos;
	if (p->s[p->pos] == '-')
		p->pos++;
	while (is_digit(p->s[p->pos]))
		p->pos++;
	if (p->pos == start)
		return syntax(p);
	return parse_json_lit(p, l, start, p->pos);
}

static int parse_cond(fp *p, cond *c)
{
	size_t used = 0;
	int err;

	c->nfield = 0;
	do {
		char name[NAME_MAX_LEN];
		size_t n;

		if ((err = parse_name(p, name)) != 0)
			return err;
		n = strlen(name) + 1;
		if (c->nfield == FIELD_MAX || used + n > sizeof c->field)
			return syntax(p);
		memcpy(c->field + used, name, n);
		used += n;
		c->nfield++;
	} while (eat(p, '.'));
	ws(p);
	if (p->s[p->pos] == '=' && p->s[p->pos + 1] == '=')
		c->negate = 0;
	else if (p->s[p->pos] == '!' && p->s[p->pos + 1] == '=')
		c->negate = 1;
	else
		return syntax(p);
	p->pos += 2;
	return parse_literal(p, &c->lit);
}

static int bracket(fp *p)
{
	cond c;
	long idx;
	int err;

	if (eat(p, '*')) {
		if (!eat(p, ']'))
			return syntax(p);
		return step_project(p->f, p->doc, NULL);
	}
	if (eat(p, '?')) {
		if ((err = parse_cond(p, &c)) != 0)
			return err;
		if (!eat(p, ']'))
			return syntax(p);
		return step_project(p->f, p->doc, &c);
	}
	if ((err = parse_int(p, &idx)) != 0)
		return err;
	if (!eat(p, ']'))
		return syntax(p);
	step_index(p->f, p->doc, idx);
	return TCAS_OK;
}

static int path(fp *p)
{
	char name[NAME_MAX_LEN];
	int err, first = 1;

	for (;;) {
		if (eat(p, '[')) {
			err = bracket(p);
		} else if (first || eat(p, '.')) {
			err = parse_name(p, name);
			if (!err)
				step_name(p->f, p->doc, name);
		} else {
			return TCAS_OK;
		}
		if (err)
			return err;
		first = 0;
	}
}

/* Characters of a JSON string's source text (escapes count once, a
 * surrogate pair once). */
static long count_chars(const char *r, size_t n)
{
	long c = 0;
	size_t i = 0;

	while (i < n) {
		unsigned char ch = (unsigned char)r[i];

		if (ch == '\\' && i + 1 < n && r[i + 1] == 'u') {
			/* a low surrogate continues the previous char */
			if (!(i + 2 < n &&
			      (r[i + 2] == 'd' || r[i + 2] == 'D') &&
			      i + 3 < n && strchr("cdefCDEF", r[i + 3])))
				c++;
			i += 6;
		} else if (ch == '\\') {
			c++;
			i += 2;
		} else {
			if ((ch & 0xC0) != 0x80)
				c++;
			i++;
		}
	}
	return c;
}

static void take_length(tcas_filter *f, const tcas_json *doc)
{
	size_t n;
	const char *r;

	if (f->is_list) {
		f->number = f->count;
	} else if (f->count == 0) {
		return;
	} else if (tcas_json_type_of(doc, f->tok[0]) == TCAS_JSON_STRING) {
		r = tcas_json_raw(doc, f->tok[0], &n);
		f->number = count_chars(r, n);
	} else if (tcas_json_type_of(doc, f->tok[0]) == TCAS_JSON_ARRAY ||
	           tcas_json_type_of(doc, f->tok[0]) == TCAS_JSON_OBJECT) {
		f->number = tcas_json_count(doc, f->tok[0]);
	} else {
		f->count = 0;
		return;
	}
	f->is_number = 1;
	f->is_list = 0;
	f->count = 0;
}

static int eval(fp *p)
{
	int err, is_len = 0;

	ws(p);
	if (strncmp(p->s + p->pos, "length", 6) == 0) {
		size_t save = p->pos;

		p->pos += 6;
		if (eat(p, '('))
			is_len = 1;
		else
			p->pos = save;
	}
	if ((err = path(p)) != 0)
		return err;
	if (is_len) {
		if (!eat(p, ')'))
			return syntax(p);
		take_length(p->f, p->doc);
	}
	ws(p);
	return p->s[p->pos] ? syntax(p) : TCAS_OK;
}

int tcas_filter_eval(tcas_filter *f, const tcas_json *doc, int from,
                     const char *expr)
{
	fp p;
	int err;

	if (f == NULL || expr == NULL ||
	    tcas_json_type_of(doc, from) == TCAS_JSON_INVALID)
		return TCAS_E_ARG;
	f->is_list = f->is_number = 0;
	f->number = 0;
	f->err_pos = 0;
	f->count = tcas_json_is_null(doc, from) ? 0 : 1;
	f->tok[0] = from;
	p.f = f, p.doc = doc, p.s = expr, p.pos = 0;
	err = eval(&p);
	if (err) {
		f->count = 0;
		f->is_list = f->is_number = 0;
	}
	return err;
}

/* ---- printing ------------------------------------------------------------ */

struct ind {
	tcas_json_sink sink;
	void *ctx;
	unsigned indent;
};

/* Forward s, adding `indent` spaces after each newline. */
static int ind_sink(void *ctx, const char *s, size_t n)
{
	static const char sp[] = "                                ";
	struct ind *d = ctx;
	size_t i, from = 0;
	int err;

	for (i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		if ((err = d->sink(d->ctx, s + from, i + 1 - from)) != 0 ||
		    (err = d->sink(d->ctx, sp, d->indent)) != 0)
			return err;
		from = i + 1;
	}
	return from < n ? d->sink(d->ctx, s + from, n - from) : 0;
}

static int print_number(long v, tcas_json_sink sink, void *ctx)
{
	char buf[1 + TCAS_DEC_MAX];
	char *p = tcas_dec(v < 0 ? 0u - (uint64_t)v : (uint64_t)v, buf + 1);

	if (v < 0)
		*--p = '-';
	return sink(ctx, p, (size_t)(buf + sizeof buf - p));
}

static int print_list(const tcas_filter *f, const tcas_json *doc,
                      unsigned indent, tcas_json_sink sink, void *ctx)
{
	static const char sp[] = "                                ";
	struct ind d;
	int i, err;

	if (f->count == 0)
		return sink(ctx, "[]", 2);
	d.sink = sink, d.ctx = ctx, d.indent = indent;
	if ((err = sink(ctx, indent ? "[\n" : "[", indent ? 2 : 1)) != 0)
		return err;
	for (i = 0; i < f->count; i++) {
		if ((i && (err = sink(ctx, indent ? ",\n" : ",",
		                      indent ? 2 : 1)) != 0) ||
		    (err = sink(ctx, sp, indent)) != 0 ||
		    (err = tcas_json_pretty(doc, f->tok[i], indent, ind_sink,
		                            &d)) != 0)
			return err;
	}
	return sink(ctx, indent ? "\n]" : "]", indent ? 2 : 1);
}

int tcas_filter_print(const tcas_filter *f, const tcas_json *doc,
                      unsigned indent, tcas_json_sink sink, void *ctx)
{
	if (f == NULL || doc == NULL || sink == NULL || indent > 32)
		return TCAS_E_ARG;
	if (f->is_number)
		return print_number(f->number, sink, ctx);
	if (f->is_list)
		return print_list(f, doc, indent, sink, ctx);
	if (f->count == 0)
		return sink(ctx, "null", 4);
	return tcas_json_pretty(doc, f->tok[0], indent, sink, ctx);
}
