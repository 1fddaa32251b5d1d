/*
 * JSON reader over jsmn; contract in tcas/json.h.
 *
 * This is the one file of tcas that compiles jsmn's implementation (static,
 * strict mode, with parent links when TCAS_JSON_PARENT_LINKS: without them
 * jsmn searches its tokens backwards at every '}', ']' and ',' after a
 * member, which made most of the cost of a wide page). jsmn finds the
 * tokens and matches brackets; check_tree()
 * then verifies everything else in one pass over the text, stepping over
 * strings and primitives by their tokens and checking the grammar of what
 * lies between them, so every byte of the text is looked at once. Tokens
 * are in document order, so the first token after a subtree is found by
 * binary search on start offsets.
 */
#include "inner.h"

#include <limits.h>

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#endif
#undef JSMN_HEADER
#if TCAS_JSON_PARENT_LINKS
#define JSMN_PARENT_LINKS /* as tcas/json.h does; see tcas/config.h */
#endif
#define JSMN_STRICT
#define JSMN_STATIC
#include <jsmn.h>
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "tcas/json.h"

/* tcas/json.h and this file agree on the token (see tcas/config.h). */
typedef char tcas_json_tok_check
    [sizeof(jsmntok_t) == (TCAS_JSON_PARENT_LINKS ? 5 : 4) * sizeof(int) ? 1
                                                                         : -1];

#define PRETTY_INDENT_MAX 64u

/* ---- token helpers ------------------------------------------------------- */

static int tok_ok(const tcas_json *d, int t)
{
	/* ntok > 0 only after a successful parse, which set tok */
	return d != NULL && (unsigned)t < (unsigned)d->ntok;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Span including the quotes of a string. */
static int ostart(const jsmntok_t *t)
{
	return t->type == JSMN_STRING ? t->start - 1 : t->start;
}

static int oend(const jsmntok_t *t)
{
	return t->type == JSMN_STRING ? t->end + 1 : t->end;
}

/* First token after the subtree of t (n if none) in a parsed document.
 * Descendants start before t's end, later tokens at or after it; starts
 * increase with the index. */
static int skip(const jsmntok_t *tk, int n, int t)
{
	int lo = t + 1, hi = n, end = tk[t].end;

	while (lo < hi) {
		int mid = (int)(((unsigned)lo + (unsigned)hi) / 2);
		if (tk[mid].start < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int is_key(const tcas_json *d, int t)
{
	return d->tok[t].type == JSMN_STRING && d->tok[t].size == 1;
}

static size_t tok_len(const jsmntok_t *t)
{
	return (size_t)(t->end - t->start);
}

/* ---- lexical checks ------------------------------------------------------ */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Step *s over 1*DIGIT before e: 1 when there was a digit. */
static int digits(const char **s, const char *e)
{
	const char *b = *s;

	while (*s < e && is_digit(**s))
		++*s;
	return *s > b;
}

/* RFC 8259 number at s[0..n), n > 0: 0 complete, 1 proper prefix of one,
 * -1 neither. The grammar, part by part:
 *     number = [ "-" ] int [ frac ] [ exp ]
 *     int    = "0" / ( digit1-9 *DIGIT )
 *     frac   = "." 1*DIGIT
 *     exp    = ( "e" / "E" ) [ "-" / "+" ] 1*DIGIT
 * A part that needs more digits when the text ends makes a prefix. */
static int num_scan(const char *s, size_t n)
{
	const char *e = s + n;

	s += *s == '-';
	if (s == e)
		return 1;
	if (*s == '0')
		s++;
	else if (!digits(&s, e))
		return -1;
	if (s < e && *s == '.') {
		if (++s == e)
			return 1;
		if (!digits(&s, e))
			return -1;
	}
	if (s < e && (*s == 'e' || *s == 'E')) {
		if (++s < e && (*s == '-' || *s == '+'))
			s++;
		if (s == e)
			return 1;
		if (!digits(&s, e))
			return -1;
	}
	return s == e ? 0 : -1;
}

/* A number, true, false or null at s[0..n), n > 0: 0 complete, 1 proper
 * prefix of one, -1 neither. */
static int prim_scan(const char *s, size_t n)
{
	static const char *const lits[] = {"true", "false", "null"};
	const char *l;
	size_t k;

	if (s[0] == '-' || is_digit(s[0]))
		return num_scan(s, n);
	for (k = 0; k < 3; k++) {
		l = lits[k];
		/* (the text holds no NUL) */
		if (strncmp(l, s, n) == 0)
			return l[n] != '\0';
	}
	return -1;
}

#if TCAS_JSON_WORD_SCAN
/* Length of the run of printable ASCII (0x20..0x7F) that starts u[0..n),
 * a machine word at a time: in a word w of such bytes no byte borrows in
 * w - 0x2020..20 and none has its top bit set, and the lowest byte below
 * 0x20 always does borrow, so the test below is exact. */
static size_t ascii_run(const unsigned char *u, size_t n)
{
	size_t i = 0;
	const size_t ones = (size_t)-1 / 0xFF, top = ones * 0x80;
	size_t w;

	for (; n - i >= sizeof w; i += sizeof w) {
		memcpy(&w, u + i, sizeof w);
		if (((w - ones * 0x20) | w) & top)
			break;
	}
	if (n - i < sizeof w && n >= sizeof w) {
		/* the tail: the last word, overlapping what was checked */
		memcpy(&w, u + n - sizeof w, sizeof w);
		if (!(((w - ones * 0x20) | w) & top))
			return n;
	}
	while (i < n && u[i] >= 0x20 && u[i] < 0x80)
		i++;
	return i;
}
#define SKIP_ASCII(u, i, n) ((i) += ascii_run((u) + (i), (n) - (i)))

/* Length of the run of spaces that starts u[0..n), a word at a time: the
 * indentation of a pretty-printed answer (the recorded examples are
 * pretty-printed; half the bytes of DescribeRefreshActivities' are
 * spaces). Stepping over fewer than there are is harmless: the caller
 * looks at the next byte as before. */
static size_t space_run(const char *u, size_t n)
{
	const size_t spaces = (size_t)-1 / 0xFF * 0x20;
	size_t i = 0, w;

	for (; n - i >= sizeof w; i += sizeof w) {
		memcpy(&w, u + i, sizeof w);
		if (w != spaces)
			break;
	}
	while (i < n && u[i] == ' ')
		i++;
	return i;
}
#else
#define SKIP_ASCII(u, i, n) (i) /* byte by byte: the loop below */
#define space_run(u, n)     ((void)(u), (void)(n), (size_t)0) /* byte by byte */
#endif

/* Raw string body (escapes were checked by jsmn): no control bytes, valid
 * UTF-8; a cut-off last sequence is fine if `partial`. */
static int str_scan(const char *s, size_t n, int partial)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (SKIP_ASCII(u, i, n) < n) {
		int k;
		if (u[i] < 0x20)
			return 0;
		k = tcas_utf8_len(u + i, n - i);
		if (k == 0 || (k < 0 && !partial))
			return 0;
		if (k < 0)
			return 1;
		i += (size_t)k;
	}
	return 1;
}

/* What lies after the tokens of a cut document at cut (< len): the
 * beginning of a string or primitive. */
static int cut_value_ok(const tcas_json *d, int cut)
{
	const char *s = d->js + cut;
	size_t n = d->len - (size_t)cut;

	if (s[0] == '"')
		return str_scan(s + 1, n - 1, 1);
	return prim_scan(s, n) >= 0;
}

/* ---- structural check ---------------------------------------------------- */

/* What the walk expects next. The order matters: a value or a key may
 * begin in the states up to W_KEY_OR_CLOSE (walk_begins()). Nothing here
 * depends on jsmn's numbering of its types. */
enum walk {
	W_VALUE,          /* a value: at the top, after ':', after ',' in an
	                   * array */
	W_KEY,            /* a key: after ',' in an object */
	W_VALUE_OR_CLOSE, /* after '[': the first element, or ']' */
	W_KEY_OR_CLOSE,   /* after '{': the first key, or '}' */
	W_COLON,          /* after a key: ':' */
	W_NEXT            /* after a value: ',' or a closing bracket */
};

static int walk_begins(enum walk st)
{
	return st <= W_KEY_OR_CLOSE;
}

static int walk_may_close(enum walk st)
{
	return st == W_VALUE_OR_CLOSE || st == W_KEY_OR_CLOSE || st == W_NEXT;
}

static int walk_wants_key(enum walk st)
{
	return st == W_KEY || st == W_KEY_OR_CLOSE;
}

/* TCAS_OK if the text up to cut, tokenized by jsmn, is valid JSON (partial:
 * a valid beginning of a document cut there), TCAS_E_JSON_MALFORMED
 * otherwise. One pass over the text in document order: strings and
 * primitives are stepped over by their tokens (jsmn scanned them the same
 * way, so token i is the i-th value or key met), everything between them
 * is checked against the grammar. jsmn already matched the brackets; the
 * walk keeps the open containers as a chain through their end fields, so
 * that a closing bracket finds its parent without a stack (no memory per
 * nesting level, no depth limit). Each end is put back when its bracket
 * is met, so the walk goes on to cut after a failure; the containers
 * still open there are those jsmn left open, with end -1. */
static int check_tree(const tcas_json *d, int cut, int partial)
{
	jsmntok_t *tk = d->tok;
	const char *js = d->js;
	int p, i = 0, cur = -1, open, ok = 1;
	enum walk st = W_VALUE;

	for (p = 0; p < cut; p++) {
		char c = js[p];
		jsmntok_t *t;

		if (is_ws(c)) {
			/* the spaces after it, if any, at once (the loop then
			 * steps past the last) */
			p += (int)space_run(js + p + 1, (size_t)(cut - p - 1));
			continue;
		}
		if (c == ',') {
			ok &= st == W_NEXT && cur >= 0;
			st = cur >= 0 && tk[cur].type == JSMN_OBJECT ? W_KEY
			                                             : W_VALUE;
		} else if (c == ':') {
			ok &= st == W_COLON;
			st = W_VALUE;
		} else if (c == '}' || c == ']') {
#if TCAS_JSON_PARENT_LINKS
			/* jsmn matched the brackets, but with parent links it
			 * lets one pass when nothing is open any more (after a
			 * member of a closed object: {"a" "b":1}:2}); without
			 * them its backward search refuses that, and a bracket
			 * of the wrong type, itself */
			if (cur < 0) {
				ok = 0;
				continue;
			}
			ok &= tk[cur].type ==
			      (c == '}' ? JSMN_OBJECT : JSMN_ARRAY);
#endif
			ok &= walk_may_close(st);
			t = &tk[cur];
			cur = t->end;
			t->end = p + 1;
			st = W_NEXT;
		} else {
			if (i >= d->ntok) {
				ok = 0;
				break;
			}
			ok &= walk_begins(st);
			t = &tk[i];
			if (t->type == JSMN_STRING) {
				ok &= str_scan(js + t->start, tok_len(t), 0);
				p = t->end;
				st = walk_wants_key(st) ? W_COLON : W_NEXT;
			} else if (t->type == JSMN_PRIMITIVE) {
				ok &= prim_scan(js + p, tok_len(t)) == 0;
				p = t->end - 1;
				st = W_NEXT;
			} else {
				t->end = cur;
				cur = i;
				st = t->type == JSMN_OBJECT ? W_KEY_OR_CLOSE
				                            : W_VALUE_OR_CLOSE;
			}
			i++;
		}
	}
	for (open = cur; cur >= 0; cur = p) {
		p = tk[cur].end;
		tk[cur].end = -1;
	}
	/* a value cut at its start (jsmn refused any but a string where a
	 * key belongs) */
	if (ok && (size_t)cut < d->len)
		ok = walk_begins(st) && cut_value_ok(d, cut);
	ok = ok && (partial ? open >= 0 || i == 0 : st == W_NEXT && open < 0);
	return ok ? TCAS_OK : TCAS_E_JSON_MALFORMED;
}

static int any_open(const tcas_json *d)
{
	int i;

	for (i = 0; i < d->ntok; i++)
		if (d->tok[i].end < 0)
			return 1;
	return 0;
}

static int parse(tcas_json *d, jsmntok_t *toks, unsigned maxtoks)
{
	jsmn_parser p;
	jsmntok_t *t;
	int r, cut, len = (int)d->len, partial;

	if (memchr(d->js, 0, d->len) != NULL)
		return TCAS_E_JSON_MALFORMED; /* jsmn would stop at it */
	jsmn_init(&p);
	r = jsmn_parse(&p, d->js, d->len, toks, maxtoks);
	if (r == JSMN_ERROR_NOMEM)
		return TCAS_E_JSON_TOO_MANY_TOKENS;
	if (r == JSMN_ERROR_INVAL)
		return TCAS_E_JSON_MALFORMED;
	d->ntok = (int)p.toknext;
	/* partial: PART, or no value at all (empty text, but jsmn also skips
	 * a lone ',' or ':' at the top level) */
	partial = r < 0 || d->ntok == 0;
	cut = r < 0 ? (int)p.pos : len;
	if (cut < len && d->js[cut] != '"' && !any_open(d)) {
		/* strict jsmn wants a delimiter after a primitive, even at the
		 * very end: take a top-level primitive that ends the text */
		if (p.toknext >= maxtoks)
			return TCAS_E_JSON_TOO_MANY_TOKENS;
		t = &toks[d->ntok++];
		t->type = JSMN_PRIMITIVE;
		t->start = cut;
		t->end = len;
		t->size = 0;
		cut = len;
		partial = 0;
	}
	r = check_tree(d, cut, partial);
	if (r == TCAS_OK && partial)
		r = TCAS_E_JSON_TRUNCATED;
	return r;
}

int tcas_json_parse(tcas_json *doc, const char *js, size_t len, jsmntok_t *toks,
                    unsigned maxtoks)
{
	int r;

	if (doc == NULL)
		return TCAS_E_ARG;
	doc->js = js;
	doc->len = len;
	doc->tok = toks;
	doc->ntok = 0;
	if (js == NULL || toks == NULL || maxtoks == 0 ||
	    len > (size_t)INT_MAX || maxtoks > (unsigned)INT_MAX)
		return TCAS_E_ARG;
	r = parse(doc, toks, maxtoks);
	if (r != TCAS_OK)
		doc->ntok = 0;
	return r;
}

/* ---- navigation ---------------------------------------------------------- */

/* jsmn's container and string types have tcas's numbers. */
typedef char tcas_json_type_check[JSMN_OBJECT == (int)TCAS_JSON_OBJECT &&
                                          JSMN_ARRAY == (int)TCAS_JSON_ARRAY &&
                                          JSMN_STRING == (int)TCAS_JSON_STRING
                                      ? 1
                                      : -1];

tcas_json_type tcas_json_type_of(const tcas_json *doc, int tok)
{
	const jsmntok_t *t;
	char c;

	if (!tok_ok(doc, tok))
		return TCAS_JSON_INVALID;
	t = &doc->tok[tok];
	if (t->type != JSMN_PRIMITIVE)
		return (tcas_json_type)t->type;
	c = doc->js[t->start]; /* - 0-9 f n t */
	return c == 'n'   ? TCAS_JSON_NULL
	       : c >= 'f' ? TCAS_JSON_BOOL
	                  : TCAS_JSON_NUMBER;
}

int tcas_json_count(const tcas_json *doc, int tok)
{
	jsmntype_t ty;

	if (!tok_ok(doc, tok))
		return TCAS_E_ARG;
	ty = doc->tok[tok].type;
	return (ty == JSMN_OBJECT || ty == JSMN_ARRAY) ? doc->tok[tok].size : 0;
}

int tcas_json_first(const tcas_json *doc, int tok)
{
	if (tcas_json_count(doc, tok) <= 0)
		return -1;
	return tok + 1;
}

int tcas_json_next(const tcas_json *doc, int tok)
{
	int j, p;

	if (!tok_ok(doc, tok))
		return -1;
	if (is_key(doc, tok))
		tok++;
	j = skip(doc->tok, doc->ntok, tok);
	if (j >= doc->ntok)
		return -1;
	/* a sibling follows if a ',' does; the token j itself starts with a
	 * byte that is not whitespace */
	p = oend(&doc->tok[tok]);
	while (is_ws(doc->js[p]))
		p++;
	return doc->js[p] == ',' ? j : -1;
}

/* ---- string decoding ----------------------------------------------------- */

/* Value of the \uXXXX at s[i] (the backslash), or -1. */
static long u_escape(const char *s, int n, int i)
{
	long v = 0;
	int k;

	if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u')
		return -1;
	for (k = i + 2; k < i + 6; k++) {
		int h = tcas_hexval((unsigned char)s[k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* UTF-8 of code point cp (U+0001..U+10FFFF, no surrogates) into u. */
static int utf8_put(unsigned long cp, unsigned char u[4])
{
	int k = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4, j;

	for (j = k - 1; j > 0; j--) {
		u[j] = (unsigned char)(0x80 | (cp & 0x3F));
		cp >>= 6;
	}
	u[0] = (unsigned char)(k > 1 ? (0xFF00u >> k) | cp : cp);
	return k;
}

/* Decode the next character of escaped text s[*i..n) into u; returns its
 * byte count (1..4) or TCAS_E_JSON_ESCAPE (bad escape, \u0000, lone or
 * reversed surrogate; pairs are joined). Raw bytes pass one by one. */
static int dec_next(const char *s, int n, int *i, unsigned char u[4])
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	int p = *i;
	long cp = (unsigned char)s[p], lo;
	const char *e;

	*i = p + 1;
	if (cp != '\\') {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (p + 1 >= n)
		return TCAS_E_JSON_ESCAPE;
	if (s[p + 1] != 'u') {
		e = memchr(from, s[p + 1], sizeof from - 1);
		if (e == NULL)
			return TCAS_E_JSON_ESCAPE;
		*i = p + 2;
		u[0] = (unsigned char)to[e - from];
		return 1;
	}
	cp = u_escape(s, n, p);
	*i = p + 6;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		lo = u_escape(s, n, p + 6);
		*i = p + 12;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return TCAS_E_JSON_ESCAPE; /* lone high half */
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	} else if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
		return TCAS_E_JSON_ESCAPE; /* bad, U+0000, lone low half */
	}
	return utf8_put((unsigned long)cp, u);
}

/* Unescape string token tok: its unescaped length, or TCAS_E_JSON_ESCAPE.
 * Writes to out when not NULL (the caller made sure it fits); compares
 * with cmp[0..cn) when cmp is not NULL (TCAS_E_JSON_NOT_FOUND if not
 * equal). */
static int unescape(const tcas_json *d, int tok, char *out, const char *cmp,
                    size_t cn)
{
	const jsmntok_t *t = &d->tok[tok];
	const char *s = d->js + t->start;
	int n = t->end - t->start, i = 0, o = 0;

	while (i < n) {
		unsigned char u[4];
		int k = dec_next(s, n, &i, u), j;
		if (k < 0)
			return k;
		for (j = 0; j < k; j++, o++) {
			if (out != NULL)
				out[o] = (char)u[j];
			if (cmp != NULL &&
			    ((size_t)o >= cn || cmp[o] != (char)u[j]))
				return TCAS_E_JSON_NOT_FOUND;
		}
	}
	return cmp != NULL && (size_t)o != cn ? TCAS_E_JSON_NOT_FOUND : o;
}

/* Unescaped string token == b[0..bn)? */
static int str_eq_n(const tcas_json *d, int tok, const char *b, size_t bn)
{
	return d->tok[tok].type == JSMN_STRING &&
	       unescape(d, tok, NULL, b, bn) >= 0;
}

int tcas_json_get_string(const tcas_json *doc, int tok, char *out, size_t cap,
                         size_t *len)
{
	int n;

	if (!tok_ok(doc, tok) || (out == NULL && cap > 0))
		return TCAS_E_ARG;
	if (doc->tok[tok].type != JSMN_STRING)
		return TCAS_E_JSON_TYPE;
	n = unescape(doc, tok, NULL, NULL, 0);
	if (n >= 0) {
		if (len != NULL)
			*len = (size_t)n;
		if ((size_t)n < cap) {
			(void)unescape(doc, tok, out, NULL, 0);
			out[n] = '\0';
			return TCAS_OK;
		}
		n = TCAS_E_NOSPACE;
	}
	if (cap > 0)
		out[0] = '\0';
	return n;
}

int tcas_json_str_eq(const tcas_json *doc, int tok, const char *s)
{
	if (!tok_ok(doc, tok) || s == NULL)
		return 0;
	return str_eq_n(doc, tok, s, strlen(s));
}

/* ---- lookup -------------------------------------------------------------- */

static int member_n(const tcas_json *d, int obj, const char *name, size_t nlen,
                    int *out)
{
	const jsmntok_t *tk = d->tok;
	int k = obj + 1, i;

	if (tk[obj].type != JSMN_OBJECT)
		return TCAS_E_JSON_TYPE;
	for (i = 0; i < tk[obj].size; i++) {
		if (unescape(d, k, NULL, name, nlen) >= 0) {
			*out = k + 1;
			return TCAS_OK;
		}
		k = skip(tk, d->ntok, k + 1); /* the key after k's value */
	}
	return TCAS_E_JSON_NOT_FOUND;
}

static int index_of(const tcas_json *d, int arr, unsigned idx, int *out)
{
	int e;

	if (d->tok[arr].type != JSMN_ARRAY)
		return TCAS_E_JSON_TYPE;
	if (idx >= (unsigned)d->tok[arr].size)
		return TCAS_E_JSON_NOT_FOUND;
	for (e = arr + 1; idx > 0 && e >= 0; idx--)
		e = tcas_json_next(d, e);
	if (e < 0)
		return TCAS_E_INTERNAL;
	*out = e;
	return TCAS_OK;
}

int tcas_json_member(const tcas_json *doc, int obj, const char *name, int *out)
{
	if (!tok_ok(doc, obj) || name == NULL || out == NULL)
		return TCAS_E_ARG;
	return member_n(doc, obj, name, strlen(name), out);
}

int tcas_json_index(const tcas_json *doc, int arr, unsigned idx, int *out)
{
	if (!tok_ok(doc, arr) || out == NULL)
		return TCAS_E_ARG;
	return index_of(doc, arr, idx, out);
}

/* One path segment: a name (nlen > 0) or an index (nlen == 0). */
struct seg {
	const char *name;
	size_t nlen;
	unsigned idx;
};

static int seg_index(const char **pp, struct seg *sg)
{
	const char *p = *pp + 1;
	unsigned v = 0;

	if (*p == '0') {
		p++;
	} else if (*p >= '1' && *p <= '9') {
		for (; is_digit(*p); p++) {
			unsigned dg = (unsigned)(*p - '0');
			if (v > (UINT_MAX - dg) / 10)
				return TCAS_E_JSON_PATH;
			v = v * 10 + dg;
		}
	} else {
		return TCAS_E_JSON_PATH;
	}
	if (*p != ']')
		return TCAS_E_JSON_PATH;
	sg->name = NULL;
	sg->nlen = 0;
	sg->idx = v;
	*pp = p + 1;
	return 1;
}

/* Parse the next segment at *pp: 1 and advance, 0 at the end, or
 * TCAS_E_JSON_PATH. */
static int seg_next(const char **pp, int first, struct seg *sg)
{
	const char *p = *pp;

	if (*p == '\0')
		return 0;
	if (*p == '[')
		return seg_index(pp, sg);
	if (!first && *p++ != '.')
		return TCAS_E_JSON_PATH;
	sg->name = p;
	while (*p != '\0' && *p != '.' && *p != '[' && *p != ']')
		p++;
	sg->nlen = (size_t)(p - sg->name);
	if (sg->nlen == 0)
		return TCAS_E_JSON_PATH;
	*pp = p;
	return 1;
}

static int path_check(const char *p)
{
	struct seg sg;
	int r, first = 1;

	while ((r = seg_next(&p, first, &sg)) == 1)
		first = 0;
	return r;
}

static int find(const tcas_json *d, int cur, const char *p, int *out)
{
	struct seg sg;
	int r, first = 1;

	while ((r = seg_next(&p, first, &sg)) == 1) {
		first = 0;
		r = sg.nlen ? member_n(d, cur, sg.name, sg.nlen, &cur)
		            : index_of(d, cur, sg.idx, &cur);
		if (r != TCAS_OK)
			return r;
	}
	if (r == 0)
		*out = cur;
	return r;
}

int tcas_json_find(const tcas_json *doc, int from, const char *path, int *out)
{
	int r;

	if (!tok_ok(doc, from) || path == NULL || out == NULL)
		return TCAS_E_ARG;
	r = path_check(path);
	if (r != 0)
		return r;
	return find(doc, from, path, out);
}

/* ---- scalars ------------------------------------------------------------- */

/* Sign and magnitude of integer number token tok, for a getter that
 * stores into out (checked not NULL with doc and tok). */
static int int_parse(const tcas_json *d, int tok, const void *out, int *neg,
                     uint64_t *mag)
{
	const jsmntok_t *t;
	const char *s;
	size_t n, i;
	uint64_t m = 0;

	if (!tok_ok(d, tok) || out == NULL)
		return TCAS_E_ARG;
	if (tcas_json_type_of(d, tok) != TCAS_JSON_NUMBER)
		return TCAS_E_JSON_TYPE;
	t = &d->tok[tok];
	s = d->js + t->start;
	n = tok_len(t);
	*neg = s[0] == '-';
	for (i = (size_t)*neg; i < n; i++) {
		unsigned dg;
		if (!is_digit(s[i]))
			return TCAS_E_JSON_RANGE; /* fraction or exponent */
		dg = (unsigned)(s[i] - '0');
		if (m > (UINT64_MAX - dg) / 10)
			return TCAS_E_JSON_RANGE;
		m = m * 10 + dg;
	}
	*mag = m;
	return TCAS_OK;
}

int tcas_json_get_int64(const tcas_json *doc, int tok, int64_t *v)
{
	uint64_t m;
	int neg, r = int_parse(doc, tok, v, &neg, &m);

	if (r != TCAS_OK)
		return r;
	if (m > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
		return TCAS_E_JSON_RANGE;
	if (neg)
		*v = m == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)m;
	else
		*v = (int64_t)m;
	return TCAS_OK;
}

int tcas_json_get_uint64(const tcas_json *doc, int tok, uint64_t *v)
{
	uint64_t m;
	int neg, r = int_parse(doc, tok, v, &neg, &m);

	if (r != TCAS_OK)
		return r;
	if (neg && m != 0)
		return TCAS_E_JSON_RANGE;
	*v = m;
	return TCAS_OK;
}

int tcas_json_get_bool(const tcas_json *doc, int tok, int *v)
{
	if (!tok_ok(doc, tok) || v == NULL)
		return TCAS_E_ARG;
	if (tcas_json_type_of(doc, tok) != TCAS_JSON_BOOL)
		return TCAS_E_JSON_TYPE;
	*v = doc->js[doc->tok[tok].start] == 't';
	return TCAS_OK;
}

int tcas_json_is_null(const tcas_json *doc, int tok)
{
	return tcas_json_type_of(doc, tok) == TCAS_JSON_NULL;
}

const char *tcas_json_raw(const tcas_json *doc, int tok, size_t *len)
{
	const char *r = NULL;
	size_t n = 0;

	if (tok_ok(doc, tok)) {
		n = tok_len(&doc->tok[tok]);
		r = doc->js + doc->tok[tok].start;
	}
	if (len != NULL)
		*len = n;
	return r;
}

/* ---- pretty printer ------------------------------------------------------ */

struct pp {
	const char *js;
	tcas_json_sink sink;
	void *ctx;
	unsigned indent;
	unsigned depth;
};

static int emit(const struct pp *pp, const char *s, size_t n)
{
	return n > 0 ? pp->sink(pp->ctx, s, n) : 0;
}

static int newline(const struct pp *pp)
{
	static const char sp[] = "\n                                ";
	unsigned long left = (unsigned long)pp->depth * pp->indent;
	int r = emit(pp, sp, 1);

	while (r == 0 && left > 0) {
		size_t k = left < sizeof sp - 2 ? (size_t)left : sizeof sp - 2;
		r = emit(pp, sp + 1, k);
		left -= k;
	}
	return r;
}

/* End (after the closing quote) of the string whose quote is at p. */
static int str_end(const char *js, int p)
{
	for (p++; js[p] != '"'; p++)
		if (js[p] == '\\')
			p++;
	return p + 1;
}

static int prim_end(const char *js, int p, int end)
{
	while (p < end && !is_ws(js[p]) && js[p] != ',' && js[p] != ']' &&
	       js[p] != '}')
		p++;
	return p;
}

/* Emit an opening bracket at p (or {} / [] for an empty container);
 * returns the position after what was consumed through *p. */
static int pp_open(struct pp *pp, int *p, int end)
{
	const char *js = pp->js;
	char c = js[*p];
	int q = *p + 1, r;

	while (q < end && is_ws(js[q]))
		q++;
	if (q < end && js[q] == (c == '{' ? '}' : ']')) {
		*p = q + 1;
		return emit(pp, c == '{' ? "{}" : "[]", 2);
	}
	*p += 1;
	pp->depth++;
	r = emit(pp, &c, 1);
	return (r != 0 || pp->indent == 0) ? r : newline(pp);
}

/* Emit the structural character at *p and advance past it. */
static int pp_punct(struct pp *pp, int *p, int end)
{
	char c = pp->js[*p];
	int r = 0;

	if (c == '{' || c == '[')
		return pp_open(pp, p, end);
	*p += 1;
	if (c == ':')
		return emit(pp, ": ", pp->indent ? 2 : 1);
	if (c == ',') {
		r = emit(pp, ",", 1);
		return (r != 0 || pp->indent == 0) ? r : newline(pp);
	}
	pp->depth--; /* '}' or ']' */
	if (pp->indent != 0)
		r = newline(pp);
	return r != 0 ? r : emit(pp, &c, 1);
}

static int pp_run(struct pp *pp, int p, int end)
{
	const char *js = pp->js;
	int r = 0;

	while (r == 0 && p < end) {
		int q;
		if (is_ws(js[p])) {
			p++;
			continue;
		}
		if (js[p] == '"')
			q = str_end(js, p);
		else if (strchr("{}[],:", js[p]) == NULL)
			q = prim_end(js, p, end);
		else {
			r = pp_punct(pp, &p, end);
			continue;
		}
		r = emit(pp, js + p, (size_t)(q - p));
		p = q;
	}
	return r;
}

int tcas_json_pretty(const tcas_json *doc, int tok, unsigned indent,
                     tcas_json_sink sink, void *sink_ctx)
{
	struct pp pp;
	const jsmntok_t *t;

	if (!tok_ok(doc, tok) || sink == NULL || indent > PRETTY_INDENT_MAX)
		return TCAS_E_ARG;
	t = &doc->tok[tok];
	pp.js = doc->js;
	pp.sink = sink;
	pp.ctx = sink_ctx;
	pp.indent = indent;
	pp.depth = 0;
	return pp_run(&pp, ostart(t), oend(t));
}
