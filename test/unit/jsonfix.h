/*
 * jsonfix.h - what the JSON reader's tests share (test_json,
 * test_json_read): a token array, parse and find helpers that fail the
 * test on error, and a growing sink for the pretty printer.
 */
#ifndef TCAS_TEST_JSONFIX_H
#define TCAS_TEST_JSONFIX_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/json.h"
#define NTOK 256
static jsmntok_t toks[NTOK];

/* Parse a C string; returns the tcas_err. */
static inline int parse_s(tcas_json *d, const char *s)
{
	return tcas_json_parse(d, s, strlen(s), toks, NTOK);
}

static inline void parse_ok(tcas_json *d, const char *s)
{
	int r = parse_s(d, s);
	if (r != TCAS_OK)
		fail_msg("parse of <%s> failed: %s", s, tcas_errname(r));
}

static inline int find_tok(const tcas_json *d, int from, const char *path)
{
	int t = -7;
	int r = tcas_json_find(d, from, path, &t);
	if (r != TCAS_OK)
		fail_msg("find <%s>: %s", path, tcas_errname(r));
	return t;
}

/* ---- sinks --------------------------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
	int calls, fail_at, fail_code;
};

static inline int buf_sink(void *ctx, const char *s, size_t n)
{
	struct buf *b = ctx;

	b->calls++;
	if (b->fail_at > 0 && b->calls >= b->fail_at)
		return b->fail_code;
	assert_non_null(s);
	assert_true(n > 0);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static inline void check_pretty(const tcas_json *d, int tok, unsigned indent,
                                const char *want)
{
	struct buf b = {0};
	assert_int_equal(tcas_json_pretty(d, tok, indent, buf_sink, &b),
	                 TCAS_OK);
	if (b.len != strlen(want) || memcmp(b.p, want, b.len) != 0)
		fail_msg("pretty(indent %u):\n%s\n--- wanted:\n%s", indent,
		         b.p ? b.p : "", want);
	free(b.p);
}

#endif /* TCAS_TEST_JSONFIX_H */
