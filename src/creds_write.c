/* Writing tccli's configuration files: tcas_cfg_edit() merges settings
 * into an old .configure/.credential JSON text and writes it sorted and
 * indented as tccli does; contract in tcas/creds.h. (creds.c reads the
 * credential and settings chain.) */
#include "creds_inner.h"
#include "inner.h"

#include "tcas/creds.h"
#include "tcas/jsonw.h"

struct sink_buf {
	char *buf;
	size_t cap, len;
};

static int put(struct sink_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		return TCAS_E_NOSPACE;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = 0;
	return TCAS_OK;
}

/* Python's json.dump(indent=2): a newline, then 2 spaces per level. */
static int indent(struct sink_buf *b, unsigned depth)
{
	int err = put(b, "\n", 1);

	while (!err && depth--)
		err = put(b, "  ", 2);
	return err;
}

/* Key tokens compared by their text (UTF-8 byte order = code point order,
 * Python's sort of str keys). */
static int key_cmp(const tcas_json *d, int a, int b)
{
	size_t na, nb;
	const char *sa = tcas_json_raw(d, a, &na),
	           *sb = tcas_json_raw(d, b, &nb);
	int r = memcmp(sa, sb, na < nb ? na : nb);

	return r ? r : (na > nb) - (na < nb);
}

/* The member of object t that comes after key `after` (-1: the first) in
 * sorted order; of equal keys the last one, as a Python dict keeps it. */
static int next_sorted(const tcas_json *d, int t, int after)
{
	int k, best = -1;

	for (k = tcas_json_first(d, t); k >= 0; k = tcas_json_next(d, k))
		if ((after < 0 || key_cmp(d, k, after) > 0) &&
		    (best < 0 || key_cmp(d, k, best) <= 0))
			best = k;
	return best;
}

static int pretty_sorted(struct sink_buf *b, const tcas_json *d, int t,
                         unsigned depth);

/* A container's members or elements, one per line. */
static int pretty_items(struct sink_buf *b, const tcas_json *d, int t,
                        unsigned depth)
{
	int obj = tcas_json_type_of(d, t) == TCAS_JSON_OBJECT;
	int k = obj ? next_sorted(d, t, -1) : tcas_json_first(d, t);
	int err = put(b, obj ? "{" : "[", 1), n = 0;
	const char *raw;
	size_t len;

	for (; !err && k >= 0;
	     k = obj ? next_sorted(d, t, k) : tcas_json_next(d, k), n++) {
		if (n)
			err = put(b, ",", 1);
		if (!err)
			err = indent(b, depth + 1);
		if (!err && obj) {
			raw = tcas_json_raw(d, k, &len);
			err = put(b, raw - 1, len + 2);
			if (!err)
				err = put(b, ": ", 2);
		}
		if (!err)
			err = pretty_sorted(b, d, obj ? k + 1 : k, depth + 1);
	}
	if (!err && n)
		err = indent(b, depth);
	return err ? err : put(b, obj ? "}" : "]", 1);
}

static int pretty_sorted(struct sink_buf *b, const tcas_json *d, int t,
                         unsigned depth)
{
	tcas_json_type ty = tcas_json_type_of(d, t);
	const char *raw = tcas_json_raw(d, t, NULL);
	size_t len;

	if (depth > TCAS_JSON_DEPTH_MAX)
		return TCAS_E_CFG_SYNTAX;
	if (ty == TCAS_JSON_OBJECT || ty == TCAS_JSON_ARRAY)
		return tcas_json_count(d, t)
		           ? pretty_items(b, d, t, depth)
		           : put(b, ty == TCAS_JSON_OBJECT ? "{}" : "[]", 2);
	raw = tcas_json_raw(d, t, &len);
	if (ty == TCAS_JSON_STRING)
		raw--, len += 2;
	return put(b, raw, len);
}

/* Does set[0..n) name this (section, key)? Section NULL is the top. */
static int is_set(const tcas_cfg_set *set, size_t n, const char *section,
                  const tcas_json *d, int key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((section
		         ? set[i].section && !strcmp(set[i].section, section)
		         : !set[i].section) &&
		    tcas_json_str_eq(d, key, set[i].key))
			return 1;
	return 0;
}

/* Another member of the same name later in the object: that one counts. */
static int later_twin(const tcas_json *d, int k)
{
	int j;

	for (j = tcas_json_next(d, k); j >= 0; j = tcas_json_next(d, j))
		if (key_cmp(d, j, k) == 0)
			return 1;
	return 0;
}

/* Copy member k (key token) of old: the key re-escaped from its text, the
 * value raw (strings with their quotes). */
static int copy_member(tcas_jw *w, const tcas_json *old, int k)
{
	char key[TCAS_CFG_VALUE_MAX];
	size_t n, vn;
	const char *vr;

	if (tcas_json_get_string(old, k, key, sizeof key, &n))
		return TCAS_E_CFG_SYNTAX;
	tcas_jw_key_n(w, key, n);
	vr = tcas_json_raw(old, k + 1, &vn);
	if (tcas_json_type_of(old, k + 1) == TCAS_JSON_STRING)
		vr--, vn += 2;
	tcas_jw_raw(w, vr, vn);
	return TCAS_OK;
}

static int same_section(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Is key k the name of a section that set[] writes into? */
static int is_section(const tcas_cfg_set *set, size_t n, const tcas_json *d,
                      int k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i].section && tcas_json_str_eq(d, k, set[i].section))
			return 1;
	return 0;
}

/* set[i] is the first entry of its section. */
static int first_of(const tcas_cfg_set *set, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (same_section(set[j].section, set[i].section))
			return 0;
	return 1;
}

/* The members of old's object obj (-1: none) that set[] leaves alone,
 * then set[]'s members of section (NULL: the top level, where each section
 * set[] names is merged the same way). */
static int merge(tcas_jw *w, const tcas_json *old, int obj,
                 const tcas_cfg_set *set, size_t n, const char *section)
{
	size_t i;
	int k, err;

	for (k = obj >= 0 ? tcas_json_first(old, obj) : -1; k >= 0;
	     k = tcas_json_next(old, k)) {
		if (later_twin(old, k) || is_set(set, n, section, old, k))
			continue;
		if (section == NULL && is_section(set, n, old, k)) {
			if (tcas_json_type_of(old, k + 1) != TCAS_JSON_OBJECT)
				return TCAS_E_CFG_SYNTAX;
			continue; /* merged below */
		}
		if ((err = copy_member(w, old, k)) != 0)
			return err;
	}
	for (i = 0; i < n; i++) {
		const char *s = set[i].section;

		if (section == NULL && s != NULL && first_of(set, i)) {
			tcas_jw_key(w, s);
			tcas_jw_obj_begin(w);
			k = tcas_cfg_member_last(old, obj, s);
			err = merge(w, old, k >= 0 ? k + 1 : -1, set, n, s);
			if (err)
				return err;
			tcas_jw_obj_end(w);
		} else if (same_section(s, section) && set[i].value) {
			tcas_jw_key(w, set[i].key);
			tcas_jw_str(w, set[i].value);
		}
	}
	return TCAS_OK;
}

int tcas_cfg_edit(tcas_cfg *c, const char *old, size_t old_len,
                  const tcas_cfg_set *set, size_t n, char *out, size_t cap,
                  size_t *len)
{
	struct sink_buf b;
	tcas_json doc;
	tcas_jw w;
	size_t m;
	int err;

	if (!c || (n && !set) || !out || !len || (old_len && !old) ||
	    out == c->file)
		return TCAS_E_ARG;
	for (m = 0; m < n; m++)
		if (set[m].key == NULL)
			return TCAS_E_ARG;
	if (old_len) {
		err = tcas_json_parse(&doc, old, old_len, c->tok,
		                      (unsigned)TCAS_COUNTOF(c->tok));
		if (err == TCAS_E_JSON_TOO_MANY_TOKENS)
			return TCAS_E_CFG_TOO_LARGE; /* the limit, named */
		if (err || tcas_json_type_of(&doc, 0) != TCAS_JSON_OBJECT)
			return TCAS_E_CFG_SYNTAX;
	}
	tcas_jw_init(&w, out, cap);
	tcas_jw_obj_begin(&w);
	err = merge(&w, &doc, old_len ? 0 : -1, set, n, NULL);
	tcas_jw_obj_end(&w);
	if (err || (err = tcas_jw_finish(&w, &m)) != 0)
		return err;
	/* Again, sorted and indented as tccli writes, through c->file. */
	err = tcas_json_parse(&doc, out, m, c->tok,
	                      (unsigned)TCAS_COUNTOF(c->tok));
	b.buf = c->file, b.cap = sizeof c->file, b.len = 0;
	if (err == TCAS_E_JSON_TOO_MANY_TOKENS)
		err = TCAS_E_CFG_TOO_LARGE;
	if (!err)
		err = pretty_sorted(&b, &doc, 0, 0);
	if (!err && b.len + 1 > cap)
		err = TCAS_E_NOSPACE;
	if (err)
		return err;
	memcpy(out, c->file, b.len + 1);
	*len = b.len;
	return TCAS_OK;
}
