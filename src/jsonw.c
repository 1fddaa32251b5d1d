/* JSON writer with a sticky error; contract in tcas/jsonw.h. */
#include "inner.h"
#include "tcas/jsonw.h"

/* One bit of is_obj per level. */
typedef char
    jw_depth_fits[(TCAS_JSON_DEPTH_MAX >= 1 && TCAS_JSON_DEPTH_MAX <= 32) ? 1
                                                                          : -1];

static int ok(const tcas_jw *w)
{
	return w != NULL && w->err == TCAS_OK;
}

static void fail(tcas_jw *w, int err)
{
	if (w->err == TCAS_OK)
		w->err = err;
}

static void put(tcas_jw *w, const char *s, size_t n)
{
	if (w->err != TCAS_OK || n == 0)
		return;
	if (n > w->cap - w->len) {
		fail(w, TCAS_E_NOSPACE);
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static int in_obj(const tcas_jw *w)
{
	return w->depth > 0 && ((w->is_obj >> (w->depth - 1)) & 1u) != 0;
}

/* ---- structure ----------------------------------------------------------- */

/* Before a value (scalar or container): check the place, write a comma. */
static int value_begin(tcas_jw *w)
{
	if (w->depth == 0) {
		if (w->done)
			fail(w, TCAS_E_STATE);
	} else if (in_obj(w)) {
		if (!w->want_value)
			fail(w, TCAS_E_STATE);
	} else if (!w->first) {
		put(w, ",", 1);
	}
	return w->err == TCAS_OK;
}

/* After a complete value. */
static void value_end(tcas_jw *w)
{
	w->first = 0;
	w->want_value = 0;
	if (w->depth == 0)
		w->done = 1;
}

static void scalar(tcas_jw *w, const char *s, size_t n)
{
	if (!ok(w) || !value_begin(w))
		return;
	put(w, s, n);
	value_end(w);
}

static void open_container(tcas_jw *w, char c, uint32_t obj)
{
	if (!ok(w) || !value_begin(w))
		return;
	if (w->depth >= TCAS_JSON_DEPTH_MAX) {
		fail(w, TCAS_E_JSON_DEPTH);
		return;
	}
	put(w, &c, 1);
	if (w->err != TCAS_OK)
		return;
	w->is_obj = (w->is_obj & ~(1u << w->depth)) | (obj << w->depth);
	w->depth++;
	w->first = 1;
	w->want_value = 0;
}

static void close_container(tcas_jw *w, char c, int obj)
{
	if (!ok(w))
		return;
	if (w->depth == 0 || in_obj(w) != obj || w->want_value) {
		fail(w, TCAS_E_STATE);
		return;
	}
	put(w, &c, 1);
	if (w->err != TCAS_OK)
		return;
	w->depth--;
	value_end(w);
}

void tcas_jw_init(tcas_jw *w, char *buf, size_t cap)
{
	if (w == NULL)
		return;
	memset(w, 0, sizeof *w);
	w->buf = buf;
	w->cap = cap;
	w->err = (buf == NULL && cap > 0) ? TCAS_E_ARG : TCAS_OK;
}

void tcas_jw_obj_begin(tcas_jw *w)
{
	open_container(w, '{', 1);
}

void tcas_jw_obj_end(tcas_jw *w)
{
	close_container(w, '}', 1);
}

void tcas_jw_arr_begin(tcas_jw *w)
{
	open_container(w, '[', 0);
}

void tcas_jw_arr_end(tcas_jw *w)
{
	close_container(w, ']', 0);
}

/* ---- strings ------------------------------------------------------------- */

static int utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	int k;

	while (n > 0) {
		k = tcas_utf8_len(p, n);
		if (k <= 0)
			return 0;
		p += k;
		n -= (size_t)k;
	}
	return 1;
}

static int needs_escape(uint8_t c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

static void put_escape(tcas_jw *w, uint8_t c)
{
	char e[6] = {'\\',
	             'u',
	             '0',
	             '0',
	             tcas_hex_digits[c >> 4],
	             tcas_hex_digits[c & 15]};

	switch (c) {
	case '"':
		e[1] = '"';
		break;
	case '\\':
		e[1] = '\\';
		break;
	case '\b':
		e[1] = 'b';
		break;
	case '\f':
		e[1] = 'f';
		break;
	case '\n':
		e[1] = 'n';
		break;
	case '\r':
		e[1] = 'r';
		break;
	case '\t':
		e[1] = 't';
		break;
	default:
		put(w, e, sizeof e);
		return;
	}
	put(w, e, 2);
}

/* "s" with escapes; s already validated. */
static void put_string(tcas_jw *w, const char *s, size_t n)
{
	size_t i = 0, run;

	put(w, "\"", 1);
	while (i < n && w->err == TCAS_OK) {
		for (run = i; run < n && !needs_escape((uint8_t)s[run]); run++)
			;
		put(w, s + i, run - i);
		if (run < n)
			put_escape(w, (uint8_t)s[run++]);
		i = run;
	}
	put(w, "\"", 1);
}

static int check_text(tcas_jw *w, const char *s, size_t n)
{
	if (s == NULL && n > 0) {
		fail(w, TCAS_E_ARG);
		return 0;
	}
	if (!utf8_valid(s, n)) {
		fail(w, TCAS_E_UTF8);
		return 0;
	}
	return 1;
}

void tcas_jw_key_n(tcas_jw *w, const char *k, size_t n)
{
	if (!ok(w))
		return;
	if (!in_obj(w) || w->want_value) {
		fail(w, TCAS_E_STATE);
		return;
	}
	if (!check_text(w, k, n))
		return;
	if (!w->first)
		put(w, ",", 1);
	put_string(w, k, n);
	put(w, ":", 1);
	w->want_value = 1;
}

void tcas_jw_key(tcas_jw *w, const char *k)
{
	if (ok(w) && k == NULL)
		fail(w, TCAS_E_ARG);
	else
		tcas_jw_key_n(w, k, k != NULL ? strlen(k) : 0);
}

void tcas_jw_str_n(tcas_jw *w, const char *s, size_t n)
{
	if (!ok(w) || !check_text(w, s, n) || !value_begin(w))
		return;
	put_string(w, s, n);
	value_end(w);
}

void tcas_jw_str(tcas_jw *w, const char *s)
{
	if (ok(w) && s == NULL)
		fail(w, TCAS_E_ARG);
	else
		tcas_jw_str_n(w, s, s != NULL ? strlen(s) : 0);
}

/* ---- numbers and literals ------------------------------------------------ */

void tcas_jw_uint(tcas_jw *w, uint64_t v)
{
	char buf[TCAS_DEC_MAX];
	char *p = tcas_dec(v, buf);

	scalar(w, p, (size_t)(buf + sizeof buf - p));
}

void tcas_jw_int(tcas_jw *w, int64_t v)
{
	char buf[1 + TCAS_DEC_MAX];
	uint64_t m = v < 0 ? 0u - (uint64_t)v : (uint64_t)v;
	char *p = tcas_dec(m, buf + 1);

	if (v < 0)
		*--p = '-';
	scalar(w, p, (size_t)(buf + sizeof buf - p));
}

void tcas_jw_bool(tcas_jw *w, int v)
{
	if (v)
		scalar(w, "true", 4);
	else
		scalar(w, "false", 5);
}

void tcas_jw_null(tcas_jw *w)
{
	scalar(w, "null", 4);
}

static size_t digits(const char *s, size_t i, size_t n)
{
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* 1 if all n bytes at s form a JSON number (RFC 8259 section 6). */
static int number_valid(const char *s, size_t n)
{
	size_t i = 0, j;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if ((j = digits(s, i, n)) > i)
		i = j;
	else
		return 0;
	if (i < n && s[i] == '.') {
		if ((j = digits(s, i + 1, n)) == i + 1)
			return 0;
		i = j;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if ((j = digits(s, i, n)) == i)
			return 0;
		i = j;
	}
	return i == n;
}

void tcas_jw_number_text(tcas_jw *w, const char *s, size_t n)
{
	if (!ok(w))
		return;
	if (s == NULL || !number_valid(s, n)) {
		fail(w, TCAS_E_ARG);
		return;
	}
	scalar(w, s, n);
}

void tcas_jw_raw(tcas_jw *w, const char *json, size_t n)
{
	if (!ok(w))
		return;
	if (json == NULL || n == 0) {
		fail(w, TCAS_E_ARG);
		return;
	}
	scalar(w, json, n);
}

int tcas_jw_finish(tcas_jw *w, size_t *len)
{
	if (w == NULL)
		return TCAS_E_ARG;
	if (w->err == TCAS_OK && !w->done)
		w->err = TCAS_E_STATE;
	if (w->err == TCAS_OK && w->len >= w->cap)
		w->err = TCAS_E_NOSPACE;
	if (w->err != TCAS_OK) {
		if (w->buf != NULL && w->cap > 0)
			w->buf[0] = '\0';
		return w->err;
	}
	w->buf[w->len] = '\0';
	if (len != NULL)
		*len = w->len;
	return TCAS_OK;
}
