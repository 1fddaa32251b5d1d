/*
 * table.c - --output table: arrays of objects as bordered tables, an
 * object as a key/value table followed by a table per array-of-objects
 * member. Tables fit the terminal: columns narrow down to a minimum and
 * their cells wrap onto more lines; when even that is too wide, the
 * identifying columns (..Id, ..Name, ..Status, ..State) stay and the
 * others are left out, named under the table. Nested values read as text:
 * lists as "a, b", objects as "Key=value, ...", tags as "key=value".
 * Contract in cli.h. All storage static; one response at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tcas/config.h"
#include "tcas/json.h"
#include "cli.h"

#if TCAS_CLI_WITH_TABLE

#define COLS_MAX 64   /* columns considered; more are counted, left out */
#define CELL_MAX 1024 /* bytes of one cell's text (longer: cut, "...") */
#define MIN_W    8    /* a column narrower than this wraps too much */
#define PREF_W   24   /* room a column needs to join a crowded table */

/* ---- cell text ----------------------------------------------------------- */

typedef struct sb {
	char *b;
	size_t cap, n;
} sb;

static void put(sb *s, const char *p, size_t n)
{
	if (s->n + n + 4 > s->cap) { /* room for "..." and the NUL */
		n = s->n + 4 < s->cap ? s->cap - 4 - s->n : 0;
		memcpy(s->b + s->n, p, n);
		s->n += n;
		if (s->n + 4 <= s->cap)
			memcpy(s->b + s->n, "...", 3), s->n += 3;
		s->cap = s->n + 1; /* full: nothing more */
		s->b[s->n] = 0;
		return;
	}
	memcpy(s->b + s->n, p, n);
	s->n += n;
	s->b[s->n] = 0;
}

static void puts_sb(sb *s, const char *p)
{
	put(s, p, strlen(p));
}

static int is_container(const tcas_json *d, int t)
{
	tcas_json_type ty = tcas_json_type_of(d, t);

	return ty == TCAS_JSON_OBJECT || ty == TCAS_JSON_ARRAY;
}

/* A scalar: strings unescaped, the rest as written. */
static void scalar(sb *s, const tcas_json *d, int t)
{
	static char v[CELL_MAX];
	size_t n;
	const char *r;

	if (tcas_json_type_of(d, t) == TCAS_JSON_STRING &&
	    tcas_json_get_string(d, t, v, sizeof v, NULL) == TCAS_OK) {
		puts_sb(s, v);
		return;
	}
	r = tcas_json_raw(d, t, &n);
	put(s, r, n);
}

/* A value as text; top: without the outer brackets or braces. */
static void compact(sb *s, const tcas_json *d, int t, int top)
{
	int obj = tcas_json_type_of(d, t) == TCAS_JSON_OBJECT, k, n = 0;
	int key, val;

	if (!is_container(d, t)) {
		scalar(s, d, t);
		return;
	}
	/* {"Key": k, "Value": v}, the tag shape: k=v */
	if (obj && tcas_json_count(d, t) == 2 &&
	    tcas_json_member(d, t, "Key", &key) == TCAS_OK &&
	    tcas_json_member(d, t, "Value", &val) == TCAS_OK &&
	    !is_container(d, key) && !is_container(d, val)) {
		scalar(s, d, key);
		put(s, "=", 1);
		scalar(s, d, val);
		return;
	}
	if (!top)
		put(s, obj ? "{" : "[", 1);
	for (k = tcas_json_first(d, t); k >= 0; k = tcas_json_next(d, k)) {
		if (n++)
			put(s, top && !obj ? "; " : ", ", 2);
		if (obj) {
			scalar(s, d, k);
			put(s, "=", 1);
		}
		compact(s, d, obj ? k + 1 : k, 0);
	}
	if (!top)
		put(s, obj ? "}" : "]", 1);
}

/* Cell text of value t in buf (cleaned: one line, nothing a terminal
 * would act on). */
static const char *cell_text(const tcas_json *d, int t, char *buf)
{
	sb s;

	s.b = buf, s.cap = CELL_MAX, s.n = 0;
	buf[0] = 0;
	compact(&s, d, t, 1);
	tcas_cli_clean(buf);
	return buf;
}

/* ---- display width ------------------------------------------------------- */

/* Columns a code point takes: 2 for East Asian wide ones. */
static size_t cp_cols(unsigned long cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) ||
	               (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
	               (cp >= 0xAC00 && cp <= 0xD7A3) ||
	               (cp >= 0xF900 && cp <= 0xFAFF) ||
	               (cp >= 0xFE30 && cp <= 0xFE4F) ||
	               (cp >= 0xFF00 && cp <= 0xFF60) ||
	               (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	               (cp >= 0x20000 && cp <= 0x3FFFD)
	           ? 2
	           : 1;
}

/* The code point at s (cleaned text: valid UTF-8) and its length. */
static unsigned long cp_at(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4, i;

	cp = n == 1 ? u[0] : u[0] & (0x7Fu >> n);
	for (i = 1; i < n && u[i]; i++)
		cp = cp << 6 | (u[i] & 0x3Fu);
	*len = i;
	return cp;
}

static size_t width_of(const char *s)
{
	size_t w = 0, n;

	while (*s) {
		w += cp_cols(cp_at(s, &n));
		s += n;
	}
	return w;
}

/* The next line of s within w columns: its bytes (*used columns); a break
 * after a space or a comma when there is one past the first third. */
static size_t piece(const char *s, size_t w, size_t *used)
{
	size_t n = 0, cols = 0, k, c, brk = 0, brk_cols = 0;

	while (s[n]) {
		c = cp_cols(cp_at(s + n, &k));
		if (cols + c > w)
			break;
		cols += c;
		n += k;
		if ((s[n - 1] == ' ' || s[n - 1] == ',') && cols * 3 > w)
			brk = n, brk_cols = cols;
	}
	if (s[n] && brk && brk < n)
		n = brk, cols = brk_cols;
	if (n == 0 && s[0]) /* a wide character in a 1-column cell */
		cp_at(s, &n), cols = w;
	*used = cols;
	return n;
}

static size_t term_width(void)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;
	long long v;

	if (c && tcas_cli_parse_number(c, 20, 10000, &v) == 0)
		return (size_t)v;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 0; /* not a terminal: no limit */
}

/* ---- layout -------------------------------------------------------------- */

typedef struct column {
	int key;    /* key token of the column (its first appearance) */
	size_t nat; /* widest cell or header */
	size_t w;   /* width given */
	int keep;
} column;

typedef struct table {
	column c[COLS_MAX];
	int n, more; /* columns; and those beyond COLS_MAX */
} table;

static char cells[COLS_MAX][CELL_MAX];

static int same_key(const tcas_json *d, int a, int b)
{
	size_t n, m;
	const char *x = tcas_json_raw(d, a, &n), *y = tcas_json_raw(d, b, &m);

	return n == m && memcmp(x, y, n) == 0;
}

/* Keep priority: 2 for the columns that say what a row is. */
static int rank(const tcas_json *d, int key)
{
	static const char *const ends[] = {"Id",    "Name", "Status",
	                                   "State", "Code", "Key"};
	size_t n, i, e;
	const char *k = tcas_json_raw(d, key, &n);

	for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		e = strlen(ends[i]);
		if (n >= e && memcmp(k + n - e, ends[i], e) == 0)
			return 2;
	}
	return 1;
}

/* Choose the columns and their widths for max columns (0: no limit):
 * a column joins (identifying ones first, then in order) if it fits at
 * its width up to PREF_W; an identifying column, and the first of any
 * kind, joins narrowed to MIN_W when that is all there is room for (what
 * a row is matters more than another column's text). The room left
 * widens the narrowest first. */
static void fit(const tcas_json *d, table *tb, size_t max)
{
	size_t total = 1, w;
	int i, r, grew, kept = 0;

	for (i = 0; i < tb->n; i++)
		tb->c[i].keep = max == 0, tb->c[i].w = tb->c[i].nat;
	if (max == 0)
		return;
	for (r = 2; r >= 1; r--) /* identifying columns first */
		for (i = 0; i < tb->n; i++) {
			w = tb->c[i].nat < PREF_W ? tb->c[i].nat : PREF_W;
			if ((r == 2 || !kept) && total + w + 3 > max)
				w = w < MIN_W ? w : MIN_W;
			w = w ? w : 1;
			if (rank(d, tb->c[i].key) != r || total + w + 3 > max)
				continue;
			tb->c[i].keep = 1, tb->c[i].w = w, kept++;
			total += w + 3;
		}
	do { /* the narrowest column short of its width grows first */
		int best = -1;

		for (i = 0; i < tb->n; i++)
			if (tb->c[i].keep && tb->c[i].w < tb->c[i].nat &&
			    (best < 0 || tb->c[i].w < tb->c[best].w))
				best = i;
		grew = best >= 0 && total < max;
		if (grew)
			tb->c[best].w++, total++;
	} while (grew);
}

static void rule(const table *tb, FILE *f)
{
	size_t j;
	int i;

	for (i = 0; i < tb->n; i++) {
		if (!tb->c[i].keep)
			continue;
		fputc('+', f);
		for (j = 0; j < tb->c[i].w + 2; j++)
			fputc('-', f);
	}
	fputs("+\n", f);
}

/* One row of cells (cells[i] for column i), wrapped to the widths. */
static void row_lines(const table *tb, FILE *f)
{
	const char *at[COLS_MAX];
	int i, more = 1;
	size_t used, n;

	for (i = 0; i < tb->n; i++)
		at[i] = cells[i];
	while (more) {
		more = 0;
		for (i = 0; i < tb->n; i++) {
			if (!tb->c[i].keep)
				continue;
			n = piece(at[i], tb->c[i].w, &used);
			fputs("| ", f);
			fwrite(at[i], 1, n, f);
			for (; used < tb->c[i].w + 1; used++)
				fputc(' ', f);
			at[i] += n;
			at[i] += *at[i] == ' '; /* the space it broke at */
			more |= *at[i] != 0;
		}
		fputs("|\n", f);
	}
}

/* The note under a table naming the columns left out, word-wrapped to
 * the terminal. */
static void left_out(const tcas_json *d, const table *tb, FILE *f)
{
	static char note[CELL_MAX];
	const char *p = note;
	size_t max = term_width(), used, n;
	sb s;
	int i, k = 0;

	s.b = note, s.cap = sizeof note, s.n = 0;
	note[0] = 0;
	for (i = 0; i < tb->n; i++) {
		if (tb->c[i].keep)
			continue;
		puts_sb(&s, k++ ? ", " : "(left out to fit: ");
		puts_sb(&s, cell_text(d, tb->c[i].key, cells[0]));
	}
	if (tb->more) {
		static char more[40];

		tcas_cli_snprintf(more, sizeof more, "%s%d more columns",
		                  k++ ? ", and " : "(left out: ", tb->more);
		puts_sb(&s, more);
	}
	if (!k)
		return;
	puts_sb(&s, "; see them with --output json or --filter)");
	while (*p) {
		n = piece(p, max ? max - 1 : (size_t)-1 / 2, &used);
		fwrite(p, 1, n - (n > 0 && p[n - 1] == ' '), f);
		fputc('\n', f);
		p += n;
		p += *p == ' ';
	}
}

/* ---- tables -------------------------------------------------------------- */

static int elems[TCAS_CLI_TOKENS_MAX];

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

static int array_elems(const tcas_json *d, int arr)
{
	int e, n = 0;

	for (e = tcas_json_first(d, arr); e >= 0 && n < TCAS_CLI_TOKENS_MAX;
	     e = tcas_json_next(d, e))
		elems[n++] = e;
	return n;
}

static void object_table(const tcas_json *d, int t, FILE *f);

/* Rows of objects rows[0..n): one column per member name. rows may be
 * the shared elems: read before anything rebuilds it. */
void tcas_cli_table_rows(const tcas_json *d, const int *rows, int n, FILE *f)
{
	static table tb;
	int i, k, c;
	size_t w;

	if (n == 1) { /* one object reads better as key/value lines */
		object_table(d, rows[0], f);
		return;
	}
	memset(&tb, 0, sizeof tb);
	for (i = 0; i < n; i++)
		for (k = tcas_json_first(d, rows[i]); k >= 0;
		     k = tcas_json_next(d, k)) {
			for (c = 0; c < tb.n && !same_key(d, tb.c[c].key, k);
			     c++)
				;
			if (c == tb.n && tb.n == COLS_MAX) {
				tb.more += i == 0; /* counted once */
				continue;
			}
			if (c == tb.n) {
				tb.c[tb.n++].key = k;
				tb.c[c].nat =
				    width_of(cell_text(d, k, cells[0]));
			}
			w = width_of(cell_text(d, k + 1, cells[0]));
			tb.c[c].nat = w > tb.c[c].nat ? w : tb.c[c].nat;
		}
	if (tb.n == 0)
		return;
	fit(d, &tb, term_width());
	rule(&tb, f);
	for (c = 0; c < tb.n; c++)
		cell_text(d, tb.c[c].key, cells[c]);
	row_lines(&tb, f);
	rule(&tb, f);
	for (i = 0; i < n; i++) {
		for (c = 0; c < tb.n; c++) {
			cells[c][0] = 0;
			for (k = tcas_json_first(d, rows[i]); k >= 0;
			     k = tcas_json_next(d, k))
				if (same_key(d, tb.c[c].key, k)) {
					cell_text(d, k + 1, cells[c]);
					break;
				}
		}
		row_lines(&tb, f);
	}
	rule(&tb, f);
	left_out(d, &tb, f);
}

/* An object: its members as a two-column table (arrays of objects left
 * out), then each array of objects as a table under its name. */
static void object_table(const tcas_json *d, int t, FILE *f)
{
	static table kv;
	int k, n = 0;
	size_t w;

	memset(&kv, 0, sizeof kv);
	kv.n = 2;
	for (k = tcas_json_first(d, t); k >= 0; k = tcas_json_next(d, k)) {
		if (array_of_objects(d, k + 1))
			continue;
		n++;
		w = width_of(cell_text(d, k, cells[0]));
		kv.c[0].nat = w > kv.c[0].nat ? w : kv.c[0].nat;
		w = width_of(cell_text(d, k + 1, cells[0]));
		kv.c[1].nat = w > kv.c[1].nat ? w : kv.c[1].nat;
	}
	if (n) {
		size_t max = term_width();

		kv.c[0].keep = kv.c[1].keep = 1;
		kv.c[0].w = kv.c[0].nat, kv.c[1].w = kv.c[1].nat;
		if (max && kv.c[0].w + kv.c[1].w + 7 > max) {
			/* keys up to a third of the line, values the rest */
			if (kv.c[0].w > max / 3)
				kv.c[0].w = max / 3 > MIN_W ? max / 3 : MIN_W;
			kv.c[1].w = max > kv.c[0].w + 7 + MIN_W
			                ? max - kv.c[0].w - 7
			                : MIN_W;
		}
		rule(&kv, f);
		for (k = tcas_json_first(d, t); k >= 0;
		     k = tcas_json_next(d, k)) {
			if (array_of_objects(d, k + 1))
				continue;
			cell_text(d, k, cells[0]);
			cell_text(d, k + 1, cells[1]);
			row_lines(&kv, f);
		}
		rule(&kv, f);
	}
	for (k = tcas_json_first(d, t); k >= 0; k = tcas_json_next(d, k)) {
		if (!array_of_objects(d, k + 1))
			continue;
		tcas_cli_fprintf(f, "%s:\n", cell_text(d, k, cells[0]));
		tcas_cli_table_rows(d, elems, array_elems(d, k + 1), f);
	}
}

int tcas_cli_table(const tcas_json *d, int t, FILE *f)
{
	int n;

	if (tcas_json_type_of(d, t) == TCAS_JSON_OBJECT) {
		object_table(d, t, f);
		return 1;
	}
	if (array_of_objects(d, t)) {
		n = array_elems(d, t);
		tcas_cli_table_rows(d, elems, n, f);
		return 1;
	}
	return 0;
}

#else /* !TCAS_CLI_WITH_TABLE */

/* Never called: config.c and query.c refuse --output table first. Were
 * it called, 0 ("not a table") would have the value printed as text. */

int tcas_cli_table(const tcas_json *d, int t, FILE *f)
{
	(void)d, (void)t, (void)f;
	return 0;
}

#endif /* TCAS_CLI_WITH_TABLE */
