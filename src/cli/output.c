/* Response printing: json, text (tab-separated) and table; contract in
 * cli.h. All storage static; one response at a time. */
#include <stdio.h>
#include <string.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "cli.h"

static char text[TCAS_CLI_BODY_MAX]; /* one value: up to a whole body */

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

int tcas_cli_output_built(int format)
{
	if (format == TCAS_OUT_TABLE && !TCAS_CLI_WITH_TABLE)
		return tcas_cli_without("--output table", "table output",
		                        "TCAS_CLI_WITH_TABLE");
	return 0;
}

int tcas_cli_print_value(const tcas_json *d, int tok, int format, FILE *f)
{
	int err = TCAS_OK;

	if (format == TCAS_OUT_JSON) {
		err = tcas_json_pretty(d, tok, 4, tcas_cli_json_sink, f);
		fputc('\n', f);
	} else if (format != TCAS_OUT_TABLE || !tcas_cli_table(d, tok, f)) {
		text_value(d, tok, -1, f);
	}
	return err;
}
