/* Response printing: json, text (tab-separated) and table; contract in
 * cli.h. All storage static; one response at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "cli.h"

#define COLS_MAX 32
#define CELL_MAX 256 /* bytes of one table cell shown (before width cuts) */

static char text[TCAS_HTTP_BODY_MAX];

struct mem_sink {
	char *buf;
	size_t cap, len;
};

/* Keeps what fits, then reports TCAS_E_NOSPACE (a cell is cut anyway). */
static int mem_sink(void *ctx, const char *s, size_t n)
{
	struct mem_sink *m = ctx;
	size_t room = m->cap - 1 - m->len;

	if (n > room) {
		memcpy(m->buf + m->len, s, room);
		m->len += room;
		m->buf[m->len] = 0;
		return TCAS_E_NOSPACE;
	}
	memcpy(m->buf + m->len, s, n);
	m->len += n;
	m->buf[m->len] = 0;
	return 0;
}

static int is_scalar(const tcas_json *d, int t)
{
	tcas_json_type ty = tcas_json_type_of(d, t);

	return ty != TCAS_JSON_OBJECT && ty != TCAS_JSON_ARRAY;
}

/* Text of value t in buf (NUL-terminated): strings unescaped, containers
 * compact JSON (cut at cap), other scalars as in the source. Control
 * characters become '?', so no value can drive the terminal or add a
 * column/line. */
static const char *value_text(const tcas_json *d, int t, char *buf, size_t cap)
{
	struct mem_sink m;
	size_t n;
	const char *r;

	buf[0] = 0;
	if (tcas_json_type_of(d, t) == TCAS_JSON_STRING) {
		if (tcas_json_get_string(d, t, buf, cap, &n) != TCAS_OK) {
			r = tcas_json_raw(d, t, &n); /* too long: escaped */
			n = n < cap - 1 ? n : cap - 1;
			memcpy(buf, r, n);
			buf[n] = 0;
		}
	} else {
		m.buf = buf, m.cap = cap, m.len = 0;
		tcas_json_pretty(d, t, 0, mem_sink, &m);
	}
	tcas_cli_clean(buf);
	return buf;
}

/* ---- text ---------------------------------------------------------------- */

static void text_label(const tcas_json *d, int key, FILE *f)
{
	char k[64];
	size_t i;

	value_text(d, key, k, sizeof k);
	for (i = 0; k[i]; i++)
		fputc(k[i] >= 'a' && k[i] <= 'z' ? k[i] - 32 : k[i], f);
}

static void text_value(const tcas_json *d, int t, int label, FILE *f);

static void text_object(const tcas_json *d, int t, int label, FILE *f)
{
	int k, n = 0;

	for (k = tcas_json_first(d, t); k >= 0; k = tcas_json_next(d, k)) {
		if (!is_scalar(d, k + 1))
			continue;
		if (n == 0 && label >= 0) {
			text_label(d, label, f);
			n++;
		}
		if (n++)
			fputc('\t', f);
		fputs(value_text(d, k + 1, text, sizeof text), f);
	}
	if (n)
		fputc('\n', f);
	for (k = tcas_json_first(d, t); k >= 0; k = tcas_json_next(d, k))
		if (!is_scalar(d, k + 1))
			text_value(d, k + 1, k, f);
}

static void text_value(const tcas_json *d, int t, int label, FILE *f)
{
	int e, all = 1, n = 0;

	if (is_scalar(d, t)) {
		fputs(value_text(d, t, text, sizeof text), f);
		fputc('\n', f);
		return;
	}
	if (tcas_json_type_of(d, t) == TCAS_JSON_OBJECT) {
		text_object(d, t, label, f);
		return;
	}
	for (e = tcas_json_first(d, t); e >= 0; e = tcas_json_next(d, e))
		all &= is_scalar(d, e);
	if (!all) {
		for (e = tcas_json_first(d, t); e >= 0;
		     e = tcas_json_next(d, e))
			text_value(d, e, label, f);
		return;
	}
	if (tcas_json_first(d, t) < 0)
		return;
	if (label >= 0)
		text_label(d, label, f), n++;
	for (e = tcas_json_first(d, t); e >= 0; e = tcas_json_next(d, e)) {
		if (n++)
			fputc('\t', f);
		fputs(value_text(d, e, text, sizeof text), f);
	}
	fputc('\n', f);
}

/* ---- table --------------------------------------------------------------- */

/* An array whose elements are all objects (and there is one at least). */
static int array_of_objects(const tcas_json *d, int t)
{
	int e, n = 0;

	if (tcas_json_type_of(d, t) != TCAS_JSON_ARRAY)
		return 0;
	for (e = tcas_json_first(d, t); e >= 0; e = tcas_json_next(d, e), n++)
		if (tcas_json_type_of(d, e) != TCAS_JSON_OBJECT)
			return 0;
	return n > 0;
}

/* A table cell: arrays of objects are summarized (they get their own
 * table), everything else as value_text(). */
static const char *cell_text(const tcas_json *d, int t)
{
	if (array_of_objects(d, t)) {
		tcas_cli_snprintf(text, CELL_MAX, "[%d objects]",
		                  tcas_json_count(d, t));
		return text;
	}
	return value_text(d, t, text, CELL_MAX);
}

/* Display width: code points (wide CJK characters count as one). */
static size_t width_of(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Print s in exactly w columns: cut with "~" at a code point, or pad. */
static void cell(const char *s, size_t w, FILE *f)
{
	size_t sw = width_of(s), used = 0;

	if (sw > w) {
		for (; *s && used + 1 < w; s++) {
			used += ((unsigned char)*s & 0xC0) != 0x80;
			if (used + 1 > w && ((unsigned char)*s & 0xC0) != 0x80)
				break;
			fputc(*s, f);
		}
		while (((unsigned char)*s & 0xC0) == 0x80)
			fputc(*s++, f);
		fputc('~', f);
		used++;
	} else {
		fputs(s, f);
		used = sw;
	}
	for (; used < w; used++)
		fputc(' ', f);
}

static size_t term_width(void)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;
	long v;

	if (c && (v = strtol(c, NULL, 10)) >= 20 && v <= 10000)
		return (size_t)v;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 0; /* not a terminal: no limit */
}

typedef struct table {
	int key[COLS_MAX]; /* key token of each column (first seen) */
	size_t w[COLS_MAX];
	int ncol;
} table;

static int col_of(const tcas_json *d, const table *tb, int k)
{
	size_t n, m;
	const char *a = tcas_json_raw(d, k, &n), *b;
	int i;

	for (i = 0; i < tb->ncol; i++) {
		b = tcas_json_raw(d, tb->key[i], &m);
		if (m == n && memcmp(a, b, n) == 0)
			return i;
	}
	return -1;
}

static void rule(const table *tb, FILE *f)
{
	int i;
	size_t j;

	for (i = 0; i < tb->ncol; i++) {
		fputc('+', f);
		for (j = 0; j < tb->w[i] + 2; j++)
			fputc('-', f);
	}
	fputs("+\n", f);
}

/* Narrow the widest columns until the table fits max (0 = no limit):
 * everything narrower than the final cap keeps its width. */
static void fit(table *tb, size_t max)
{
	size_t total;
	int i, wide;

	for (;;) {
		total = 1;
		wide = 0;
		for (i = 0; i < tb->ncol; i++) {
			total += tb->w[i] + 3;
			if (tb->w[i] > tb->w[wide])
				wide = i;
		}
		if (max == 0 || total <= max || tb->w[wide] <= 3)
			return;
		tb->w[wide]--;
	}
}

/* Headers yield first: fit with headers counted up to 6 columns, then
 * widen columns toward their full header while room is left. */
static void fit_headers(table *tb, const size_t *head, size_t max)
{
	size_t total = 1;
	int i;

	for (i = 0; i < tb->ncol; i++) {
		size_t h = head[i] < 6 ? head[i] : 6;

		if (tb->w[i] < h)
			tb->w[i] = h;
	}
	fit(tb, max);
	for (i = 0; i < tb->ncol; i++)
		total += tb->w[i] + 3;
	for (i = 0; i < tb->ncol; i++)
		while (tb->w[i] < head[i] && (max == 0 || total < max))
			tb->w[i]++, total++;
}

static void row(const tcas_json *d, const table *tb, int obj, FILE *f)
{
	int i, k, v;

	for (i = 0; i < tb->ncol; i++) {
		v = -1;
		for (k = tcas_json_first(d, obj); k >= 0;
		     k = tcas_json_next(d, k))
			if (col_of(d, tb, k) == i) {
				v = k + 1;
				break;
			}
		fputs("| ", f);
		cell(v >= 0 ? cell_text(d, v) : "", tb->w[i], f);
		fputc(' ', f);
	}
	fputs("|\n", f);
}

static void table_rows(const tcas_json *d, const int *rows, int n, FILE *f);
static void table_object(const tcas_json *d, int t, FILE *f);
static int elems[TCAS_JSON_TOKENS_MAX];
static int array_elems(const tcas_json *d, int arr);

/* Each array-of-objects member of obj as a table under its name. The
 * element list is rebuilt for each (elems is shared). */
static void sub_tables(const tcas_json *d, int obj, FILE *f)
{
	int k;

	for (k = tcas_json_first(d, obj); k >= 0; k = tcas_json_next(d, k)) {
		if (!array_of_objects(d, k + 1))
			continue;
		tcas_cli_fprintf(f, "%s:\n", value_text(d, k, text, CELL_MAX));
		table_rows(d, elems, array_elems(d, k + 1), f);
	}
}

/* Rows of objects: rows[0..n) (tokens); may be the shared elems, which
 * is read before sub_tables() rebuilds it. */
static void table_rows(const tcas_json *d, const int *rows, int n, FILE *f)
{
	static table tb;
	static size_t head[COLS_MAX];
	int i, k, c;
	size_t w;

	if (n == 1) { /* one object reads better as key/value lines */
		table_object(d, rows[0], f);
		return;
	}
	memset(&tb, 0, sizeof tb);
	for (i = 0; i < n; i++)
		for (k = tcas_json_first(d, rows[i]); k >= 0;
		     k = tcas_json_next(d, k)) {
			c = col_of(d, &tb, k);
			if (c < 0 && tb.ncol < COLS_MAX) {
				c = tb.ncol++;
				tb.key[c] = k;
				head[c] =
				    width_of(value_text(d, k, text, CELL_MAX));
			}
			if (c < 0)
				continue;
			w = width_of(cell_text(d, k + 1));
			if (w > tb.w[c])
				tb.w[c] = w;
		}
	if (tb.ncol == 0)
		return;
	fit_headers(&tb, head, term_width());
	rule(&tb, f);
	for (i = 0; i < tb.ncol; i++) {
		fputs("| ", f);
		cell(value_text(d, tb.key[i], text, CELL_MAX), tb.w[i], f);
		fputc(' ', f);
	}
	fputs("|\n", f);
	rule(&tb, f);
	for (i = 0; i < n; i++)
		row(d, &tb, rows[i], f);
	rule(&tb, f);
}

static int objects_only(const tcas_json *d, const int *e, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (tcas_json_type_of(d, e[i]) != TCAS_JSON_OBJECT)
			return 0;
	return n > 0;
}

static int array_elems(const tcas_json *d, int arr)
{
	int e, n = 0;

	for (e = tcas_json_first(d, arr); e >= 0 && n < TCAS_JSON_TOKENS_MAX;
	     e = tcas_json_next(d, e))
		elems[n++] = e;
	return n;
}

static void table_value(const tcas_json *d, int t, FILE *f);

/* An object: its members as a two-column table (arrays of objects left
 * out), then each array of objects as a table under its name. */
static void table_object(const tcas_json *d, int t, FILE *f)
{
	table kv;
	int k, n = 0;
	size_t w;

	memset(&kv, 0, sizeof kv);
	kv.ncol = 2;
	for (k = tcas_json_first(d, t); k >= 0; k = tcas_json_next(d, k)) {
		if (array_of_objects(d, k + 1))
			continue;
		n++;
		w = width_of(value_text(d, k, text, CELL_MAX));
		kv.w[0] = w > kv.w[0] ? w : kv.w[0];
		w = width_of(cell_text(d, k + 1));
		kv.w[1] = w > kv.w[1] ? w : kv.w[1];
	}
	if (n) {
		fit(&kv, term_width());
		rule(&kv, f);
		for (k = tcas_json_first(d, t); k >= 0;
		     k = tcas_json_next(d, k)) {
			if (array_of_objects(d, k + 1))
				continue;
			fputs("| ", f);
			cell(value_text(d, k, text, CELL_MAX), kv.w[0], f);
			fputs(" | ", f);
			cell(cell_text(d, k + 1), kv.w[1], f);
			fputs(" |\n", f);
		}
		rule(&kv, f);
	}
	sub_tables(d, t, f);
}

static void table_value(const tcas_json *d, int t, FILE *f)
{
	int n;

	if (tcas_json_type_of(d, t) == TCAS_JSON_OBJECT) {
		table_object(d, t, f);
		return;
	}
	if (tcas_json_type_of(d, t) == TCAS_JSON_ARRAY) {
		n = array_elems(d, t);
		if (objects_only(d, elems, n)) {
			table_rows(d, elems, n, f);
			return;
		}
	}
	text_value(d, t, -1, f);
}

/* ---- entry --------------------------------------------------------------- */

int tcas_cli_output_format(const char *s)
{
	if (strcmp(s, "json") == 0)
		return TCAS_OUT_JSON;
	if (strcmp(s, "text") == 0)
		return TCAS_OUT_TEXT;
	if (strcmp(s, "table") == 0)
		return TCAS_OUT_TABLE;
	return -1;
}

int tcas_cli_print_value(const tcas_json *d, int tok, int format, FILE *f)
{
	int err = TCAS_OK;

	if (format == TCAS_OUT_JSON) {
		err = tcas_json_pretty(d, tok, 4, tcas_cli_json_sink, f);
		fputc('\n', f);
	} else if (format == TCAS_OUT_TABLE) {
		table_value(d, tok, f);
	} else {
		text_value(d, tok, -1, f);
	}
	return err;
}
