/*
 * test_json_read.c - reading a parsed document (src/json.c, contract in
 * tcas/json.h): types, counts and raw text, iteration, paths, members and
 * indexes, string unescaping, numbers, booleans and null, the pretty
 * printer.
 */
#include <limits.h>

#include "jsonfix.h"

/* ---- type_of, count, raw ------------------------------------------------- */

static void test_type_count_raw(void **state)
{
	static const char js[] =
	    "{\"o\":{\"x\":1},\"a\":[1,2,3],\"s\":\"q\\\"r\",\"n\":-5.5,"
	    "\"t\":true,\"f\":false,\"z\":null,\"e\":{},\"ea\":[]}";
	static const struct {
		const char *path;
		tcas_json_type type;
		int count;
		const char *raw;
	} v[] = {
	    {"o", TCAS_JSON_OBJECT, 1, "{\"x\":1}"},
	    {"a", TCAS_JSON_ARRAY, 3, "[1,2,3]"},
	    {"s", TCAS_JSON_STRING, 0, "q\\\"r"},
	    {"n", TCAS_JSON_NUMBER, 0, "-5.5"},
	    {"t", TCAS_JSON_BOOL, 0, "true"},
	    {"f", TCAS_JSON_BOOL, 0, "false"},
	    {"z", TCAS_JSON_NULL, 0, "null"},
	    {"e", TCAS_JSON_OBJECT, 0, "{}"},
	    {"ea", TCAS_JSON_ARRAY, 0, "[]"},
	};
	tcas_json d;
	size_t i, len = 99;
	(void)state;

	parse_ok(&d, js);
	assert_int_equal(tcas_json_count(&d, 0), 9);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		int t = find_tok(&d, 0, v[i].path);
		const char *raw = tcas_json_raw(&d, t, &len);
		assert_int_equal(tcas_json_type_of(&d, t), v[i].type);
		assert_int_equal(tcas_json_count(&d, t), v[i].count);
		assert_int_equal(len, strlen(v[i].raw));
		assert_memory_equal(raw, v[i].raw, len);
		/* the key is a string token too */
		assert_int_equal(tcas_json_type_of(&d, t - 1),
		                 TCAS_JSON_STRING);
		assert_int_equal(tcas_json_count(&d, t - 1), 0);
	}
	assert_ptr_equal(tcas_json_raw(&d, 0, NULL), js);
	/* bad doc/token */
	assert_int_equal(tcas_json_type_of(&d, -1), TCAS_JSON_INVALID);
	assert_int_equal(tcas_json_type_of(&d, d.ntok), TCAS_JSON_INVALID);
	assert_int_equal(tcas_json_type_of(NULL, 0), TCAS_JSON_INVALID);
	assert_int_equal(tcas_json_count(&d, -1), TCAS_E_ARG);
	assert_int_equal(tcas_json_count(&d, d.ntok), TCAS_E_ARG);
	assert_int_equal(tcas_json_count(NULL, 0), TCAS_E_ARG);
	len = 99;
	assert_null(tcas_json_raw(&d, d.ntok, &len));
	assert_int_equal(len, 0);
	assert_null(tcas_json_raw(NULL, 0, &len));
	assert_null(tcas_json_raw(&d, -1, NULL));
}

/* ---- iteration ----------------------------------------------------------- */

static void test_iterate(void **state)
{
	static const char js[] =
	    "{\"x\": [1, [2, [3]], {\"y\": [4, {\"w\": 5}]}, \"s\"],"
	    " \"z\": {\"w\": null}, \"v\": \"s\"}";
	static const char *const keys[] = {"x", "z", "v"};
	static const tcas_json_type xt[] = {TCAS_JSON_NUMBER, TCAS_JSON_ARRAY,
	                                    TCAS_JSON_OBJECT, TCAS_JSON_STRING};
	tcas_json d;
	int k, e, n, x;
	(void)state;

	parse_ok(&d, js);
	for (n = 0, k = tcas_json_first(&d, 0); k >= 0;
	     k = tcas_json_next(&d, k), n++) {
		assert_true(n < 3);
		assert_true(tcas_json_str_eq(&d, k, keys[n]));
		/* next() from the value gives the same next key */
		assert_int_equal(tcas_json_next(&d, k + 1),
		                 tcas_json_next(&d, k));
	}
	assert_int_equal(n, 3);
	x = find_tok(&d, 0, "x");
	for (n = 0, e = tcas_json_first(&d, x); e >= 0;
	     e = tcas_json_next(&d, e), n++) {
		assert_true(n < 4);
		assert_int_equal(tcas_json_type_of(&d, e), xt[n]);
	}
	assert_int_equal(n, 4);
	assert_int_equal(tcas_json_count(&d, x), 4);
	/* nested first/next */
	e = tcas_json_first(&d, find_tok(&d, 0, "x[1]"));
	assert_int_equal(e, find_tok(&d, 0, "x[1][0]"));
	assert_int_equal(tcas_json_next(&d, e), find_tok(&d, 0, "x[1][1]"));
	assert_int_equal(tcas_json_next(&d, find_tok(&d, 0, "x[1][1]")), -1);
	assert_int_equal(tcas_json_next(&d, find_tok(&d, 0, "x[2].y[1].w")),
	                 -1);
	/* ends and bad arguments */
	assert_int_equal(tcas_json_next(&d, 0), -1);
	assert_int_equal(tcas_json_next(&d, find_tok(&d, 0, "v")), -1);
	assert_int_equal(tcas_json_next(&d, find_tok(&d, 0, "v") - 1), -1);
	assert_int_equal(tcas_json_first(&d, find_tok(&d, 0, "v")), -1);
	assert_int_equal(tcas_json_first(&d, find_tok(&d, 0, "z.w")), -1);
	assert_int_equal(tcas_json_first(&d, -1), -1);
	assert_int_equal(tcas_json_first(&d, d.ntok), -1);
	assert_int_equal(tcas_json_first(NULL, 0), -1);
	assert_int_equal(tcas_json_next(&d, -1), -1);
	assert_int_equal(tcas_json_next(&d, d.ntok), -1);
	assert_int_equal(tcas_json_next(NULL, 0), -1);
	parse_ok(&d, "{}");
	assert_int_equal(tcas_json_first(&d, 0), -1);
	parse_ok(&d, "[ ]");
	assert_int_equal(tcas_json_first(&d, 0), -1);
	parse_ok(&d, "7");
	assert_int_equal(tcas_json_first(&d, 0), -1);
	assert_int_equal(tcas_json_next(&d, 0), -1);
}

/* ---- find / member / index ----------------------------------------------- */

static const char path_doc[] =
    "{\"a\":{\"b\":[10,{\"c\":\"x\"},[1,2]]},\"d.e\":1,\"\":2,"
    "\"k\\\"q\":3,\"\\u00e9\":4,\"f[0]\":5,\"a\":\"dup\","
    "\"\\u0000\":6,\"\\ud800\":7}";

static void test_find(void **state)
{
	tcas_json d;
	int t = -7, a;
	int64_t v;
	(void)state;

	parse_ok(&d, path_doc);
	assert_int_equal(tcas_json_get_int64(&d, find_tok(&d, 0, "a.b[0]"), &v),
	                 TCAS_OK);
	assert_int_equal(v, 10);
	assert_true(tcas_json_str_eq(&d, find_tok(&d, 0, "a.b[1].c"), "x"));
	assert_int_equal(
	    tcas_json_get_int64(&d, find_tok(&d, 0, "a.b[2][1]"), &v), TCAS_OK);
	assert_int_equal(v, 2);
	assert_int_equal(find_tok(&d, 0, ""), 0);
	a = find_tok(&d, 0, "a"); /* first of the duplicate keys */
	assert_int_equal(tcas_json_type_of(&d, a), TCAS_JSON_OBJECT);
	assert_int_equal(find_tok(&d, a, ""), a);
	assert_int_equal(find_tok(&d, a, "b[1].c"),
	                 find_tok(&d, 0, "a.b[1].c"));
	assert_int_equal(find_tok(&d, find_tok(&d, 0, "a.b"), "[2][0]"),
	                 find_tok(&d, 0, "a.b[2][0]"));
	assert_int_equal(tcas_json_get_int64(&d, find_tok(&d, 0, "k\"q"), &v),
	                 TCAS_OK);
	assert_int_equal(v, 3);
	assert_int_equal(
	    tcas_json_get_int64(&d, find_tok(&d, 0, "\xc3\xa9"), &v), TCAS_OK);
	assert_int_equal(v, 4);

	/* not found / type errors */
	assert_int_equal(tcas_json_find(&d, 0, "a.b[3]", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_find(&d, 0, "a.b[4294967295]", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_find(&d, 0, "a.z", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_find(&d, 0, "A", &t), TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_find(&d, 0, "k\\\"q", &t),
	                 TCAS_E_JSON_NOT_FOUND); /* escaped form is no match */
	assert_int_equal(tcas_json_find(&d, 0, "a.b.c", &t), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_find(&d, 0, "a[0]", &t), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_find(&d, 0, "[0]", &t), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_find(&d, 0, "a.b[0].x", &t),
	                 TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_find(&d, 0, "a.b[1].c.d", &t),
	                 TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_find(&d, 0, "a.b[1].c[0]", &t),
	                 TCAS_E_JSON_TYPE);
	assert_int_equal(t, -7); /* untouched on failure */
	/* "." "[" "]" in member names: not reachable by path */
	assert_int_equal(tcas_json_find(&d, 0, "d.e", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_find(&d, 0, "f[0]", &t),
	                 TCAS_E_JSON_NOT_FOUND);
}

static void test_find_path_syntax(void **state)
{
	static const char *const bad[] = {
	    "a..b",
	    ".a",
	    "a.",
	    ".",
	    "..",
	    "a[",
	    "a[x]",
	    "a[]",
	    "a[01]",
	    "a[00]",
	    "a[-1]",
	    "a[+1]",
	    "a[ 1]",
	    "a[1 ]",
	    "a[0",
	    "a]",
	    "]",
	    "[",
	    "a[0]b",
	    "a[0]]",
	    "a[0].",
	    "a[4294967296]",
	    "a[99999999999999999999]",
	    "[0]x",
	    "a.b[1]..c",
	    "zz..",
	    "nope[", /* syntax is checked before lookup */
	};
	tcas_json d;
	size_t i;
	int t = -7;
	(void)state;

	parse_ok(&d, path_doc);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int r = tcas_json_find(&d, 0, bad[i], &t);
		if (r != TCAS_E_JSON_PATH)
			fail_msg("path <%s>: %s", bad[i], tcas_errname(r));
	}
	assert_int_equal(t, -7);
	parse_ok(&d, "[[0,1,2,3,4,5,6,7,8,9,10,11]]");
	assert_int_equal(find_tok(&d, 0, "[0][10]"), 12);
	assert_int_equal(tcas_json_find(&d, 0, "[0][12]", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_find(&d, 0, "[1]", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_find(&d, 0, "a", &t), TCAS_E_JSON_TYPE);
	/* arguments */
	assert_int_equal(tcas_json_find(NULL, 0, "", &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_find(&d, -1, "", &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_find(&d, d.ntok, "", &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_find(&d, 0, NULL, &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_find(&d, 0, "", NULL), TCAS_E_ARG);
}

static void test_member_index(void **state)
{
	tcas_json d;
	int t = -7, b;
	int64_t v;
	(void)state;

	parse_ok(&d, path_doc);
	assert_int_equal(tcas_json_member(&d, 0, "d.e", &t), TCAS_OK);
	assert_int_equal(tcas_json_get_int64(&d, t, &v), TCAS_OK);
	assert_int_equal(v, 1);
	assert_int_equal(tcas_json_member(&d, 0, "", &t), TCAS_OK);
	assert_int_equal(tcas_json_get_int64(&d, t, &v), TCAS_OK);
	assert_int_equal(v, 2);
	assert_int_equal(tcas_json_member(&d, 0, "f[0]", &t), TCAS_OK);
	assert_int_equal(tcas_json_get_int64(&d, t, &v), TCAS_OK);
	assert_int_equal(v, 5);
	assert_int_equal(tcas_json_member(&d, 0, "a", &t), TCAS_OK);
	assert_int_equal(tcas_json_type_of(&d, t), TCAS_JSON_OBJECT);
	/* keys with \u0000 / lone surrogates never match anything */
	assert_int_equal(tcas_json_member(&d, 0, "\xed\xa0\x80", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_member(&d, 0, "zz", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_member(&d, 0, "a.b", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	b = find_tok(&d, 0, "a.b");
	assert_int_equal(tcas_json_member(&d, b, "c", &t), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_member(&d, b - 1, "c", &t),
	                 TCAS_E_JSON_TYPE); /* a key is a string */
	assert_int_equal(tcas_json_index(&d, b, 0, &t), TCAS_OK);
	assert_int_equal(t, b + 1);
	assert_int_equal(tcas_json_index(&d, b, 2, &t), TCAS_OK);
	assert_int_equal(t, find_tok(&d, 0, "a.b[2]"));
	t = -7;
	assert_int_equal(tcas_json_index(&d, b, 3, &t), TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_index(&d, b, UINT_MAX, &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_json_index(&d, 0, 0, &t), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_index(&d, b + 1, 0, &t), TCAS_E_JSON_TYPE);
	assert_int_equal(t, -7);
	/* arguments */
	assert_int_equal(tcas_json_member(NULL, 0, "a", &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_member(&d, -1, "a", &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_member(&d, d.ntok, "a", &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_member(&d, 0, NULL, &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_member(&d, 0, "a", NULL), TCAS_E_ARG);
	assert_int_equal(tcas_json_index(NULL, b, 0, &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_index(&d, -1, 0, &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_index(&d, d.ntok, 0, &t), TCAS_E_ARG);
	assert_int_equal(tcas_json_index(&d, b, 0, NULL), TCAS_E_ARG);
	assert_int_equal(t, -7);
}

/* ---- strings ------------------------------------------------------------- */

static void check_string(const char *js, const char *want, size_t wlen)
{
	tcas_json d;
	char out[64];
	size_t len = 999;

	parse_ok(&d, js);
	memset(out, 'Z', sizeof out);
	assert_int_equal(tcas_json_get_string(&d, 0, out, sizeof out, &len),
	                 TCAS_OK);
	assert_int_equal(len, wlen);
	assert_memory_equal(out, want, wlen);
	assert_int_equal(out[wlen], '\0');
	assert_int_equal(out[wlen + 1], 'Z');
	if (memchr(want, 0, wlen) == NULL) {
		assert_int_equal(tcas_json_str_eq(&d, 0, want), 1);
		/* str_eq is exact: a prefix or an extension is not equal */
		if (wlen > 0) {
			char shorter[64];
			memcpy(shorter, want, wlen - 1);
			shorter[wlen - 1] = '\0';
			assert_int_equal(tcas_json_str_eq(&d, 0, shorter), 0);
		}
		memcpy(out, want, wlen);
		memcpy(out + wlen, "!", 2);
		assert_int_equal(tcas_json_str_eq(&d, 0, out), 0);
	}
}

#define CHECK_STRING(js, lit) check_string(js, lit, sizeof(lit) - 1)

static void test_string_unescape(void **state)
{
	(void)state;
	CHECK_STRING("\"\"", "");
	CHECK_STRING("\"plain\"", "plain");
	CHECK_STRING("\"\\\"\"", "\"");
	CHECK_STRING("\"\\\\\"", "\\");
	CHECK_STRING("\"\\/\"", "/");
	CHECK_STRING("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t");
	CHECK_STRING("\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d");
	CHECK_STRING("\"\\u0041\\u0062\"", "Ab");
	CHECK_STRING("\"\\u0001\\u001f\\u007f\"", "\x01\x1f\x7f");
	CHECK_STRING("\"\\u0080\"", "\xc2\x80");
	CHECK_STRING("\"\\u00e9\\u00E9\"", "\xc3\xa9\xc3\xa9");
	CHECK_STRING("\"\\u07ff\"", "\xdf\xbf");
	CHECK_STRING("\"\\u0800\"", "\xe0\xa0\x80");
	CHECK_STRING("\"\\u20ac\"", "\xe2\x82\xac");
	CHECK_STRING("\"\\ud7ff\\ue000\"", "\xed\x9f\xbf\xee\x80\x80");
	CHECK_STRING("\"\\uffff\"", "\xef\xbf\xbf");
	CHECK_STRING("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80");
	CHECK_STRING("\"\\uD83D\\uDE00\"", "\xf0\x9f\x98\x80");
	CHECK_STRING("\"\\ud800\\udc00\"", "\xf0\x90\x80\x80");
	CHECK_STRING("\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf");
	CHECK_STRING("\"x\\ud83d\\ude00y\"", "x\xf0\x9f\x98\x80y");
	CHECK_STRING("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"",
	             "caf\xc3\xa9 \xf0\x9f\x98\x80");
	CHECK_STRING("\"\\\\u0041\"", "\\u0041");
}

static void test_string_errors(void **state)
{
	static const char *const bad[] = {
	    "\"\\u0000\"",        "\"a\\u0000b\"",      /* NUL refused */
	    "\"\\ud800\"",        "\"\\udbff\"",        /* lone high */
	    "\"\\udc00\"",        "\"\\udfff\"",        /* lone low */
	    "\"\\ud83d x\"",      "\"\\ud83d\\u0041\"", /* high + non-low */
	    "\"\\ude00\\ud83d\"",                       /* reversed */
	    "\"\\ud83d\\ud83d\"", "\"\\ud83d\\n\"",     "\"\\ud83d\"",
	};
	tcas_json d;
	char out[16];
	size_t i, len;
	(void)state;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		parse_ok(&d, bad[i]); /* valid JSON text */
		memset(out, 'Z', sizeof out);
		len = 999;
		assert_int_equal(
		    tcas_json_get_string(&d, 0, out, sizeof out, &len),
		    TCAS_E_JSON_ESCAPE);
		assert_int_equal(out[0], '\0');
		assert_int_equal(out[1], 'Z');
		assert_int_equal(len, 999);
		assert_int_equal(tcas_json_str_eq(&d, 0, ""), 0);
		assert_int_equal(tcas_json_str_eq(&d, 0, "a"), 0);
		/* ESCAPE wins over NOSPACE */
		assert_int_equal(tcas_json_get_string(&d, 0, out, 1, NULL),
		                 TCAS_E_JSON_ESCAPE);
	}
	parse_ok(&d, "\"a\\ud83db\"");
	assert_int_equal(tcas_json_str_eq(&d, 0,
	                                  "a\xed\xa0\xbd"
	                                  "b"),
	                 0);

	/* type and argument errors */
	parse_ok(&d, "[\"s\",1,true,null,{},[]]");
	for (i = 2; i <= 6; i++) {
		assert_int_equal(
		    tcas_json_get_string(&d, (int)i, out, sizeof out, NULL),
		    TCAS_E_JSON_TYPE);
		assert_int_equal(tcas_json_str_eq(&d, (int)i, "1"), 0);
	}
	assert_int_equal(tcas_json_get_string(&d, 0, out, sizeof out, NULL),
	                 TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_get_string(&d, 1, out, sizeof out, NULL),
	                 TCAS_OK);
	assert_string_equal(out, "s");
	assert_int_equal(tcas_json_get_string(&d, -1, out, sizeof out, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(
	    tcas_json_get_string(&d, d.ntok, out, sizeof out, NULL),
	    TCAS_E_ARG);
	assert_int_equal(tcas_json_get_string(NULL, 0, out, sizeof out, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_json_get_string(&d, 1, NULL, 4, NULL),
	                 TCAS_E_ARG);
	/* NULL out with cap 0: a length query */
	len = 0;
	assert_int_equal(tcas_json_get_string(&d, 1, NULL, 0, &len),
	                 TCAS_E_NOSPACE);
	assert_int_equal(len, 1);
	assert_int_equal(tcas_json_str_eq(&d, 1, NULL), 0);
	assert_int_equal(tcas_json_str_eq(&d, -1, "s"), 0);
	assert_int_equal(tcas_json_str_eq(&d, d.ntok, "s"), 0);
	assert_int_equal(tcas_json_str_eq(NULL, 1, "s"), 0);
}

/* TCAS_E_NOSPACE at every too-small capacity; nothing written past cap. */
static void test_string_nospace(void **state)
{
	static const char js[] = "\"a\\u00e9\\ud83d\\ude00\\n\"";
	static const char want[] = "a\xc3\xa9\xf0\x9f\x98\x80\n";
	const size_t wl = sizeof want - 1; /* 8 */
	char buf[32];
	tcas_json d;
	size_t cap, len;
	(void)state;

	parse_ok(&d, js);
	for (cap = 0; cap <= wl + 1; cap++) {
		int r;
		memset(buf, 'G', sizeof buf);
		len = 999;
		r = tcas_json_get_string(&d, 0, buf, cap, &len);
		assert_int_equal(len, wl);
		if (cap <= wl) {
			size_t k;
			assert_int_equal(r, TCAS_E_NOSPACE);
			if (cap > 0)
				assert_int_equal(buf[0], '\0');
			for (k = cap > 0 ? 1 : 0; k < sizeof buf; k++)
				assert_int_equal(buf[k], 'G');
		} else {
			assert_int_equal(r, TCAS_OK);
			assert_memory_equal(buf, want, wl + 1);
			assert_int_equal(buf[cap], 'G');
		}
	}
}

/* ---- numbers, bools, null ------------------------------------------------ */

static void test_int64(void **state)
{
	static const struct {
		const char *js;
		int r;
		int64_t v;
	} v[] = {
	    {"0", TCAS_OK, 0},
	    {"-0", TCAS_OK, 0},
	    {"7", TCAS_OK, 7},
	    {"-7", TCAS_OK, -7},
	    {"9223372036854775807", TCAS_OK, INT64_MAX},
	    {"-9223372036854775808", TCAS_OK, INT64_MIN},
	    {"9223372036854775808", TCAS_E_JSON_RANGE, 0},
	    {"-9223372036854775809", TCAS_E_JSON_RANGE, 0},
	    {"18446744073709551615", TCAS_E_JSON_RANGE, 0},
	    {"18446744073709551616", TCAS_E_JSON_RANGE, 0},
	    {"99999999999999999999999", TCAS_E_JSON_RANGE, 0},
	    {"1.0", TCAS_E_JSON_RANGE, 0},
	    {"1e3", TCAS_E_JSON_RANGE, 0},
	    {"1E3", TCAS_E_JSON_RANGE, 0},
	    {"-0.5", TCAS_E_JSON_RANGE, 0},
	    {"\"1\"", TCAS_E_JSON_TYPE, 0},
	    {"true", TCAS_E_JSON_TYPE, 0},
	    {"null", TCAS_E_JSON_TYPE, 0},
	    {"[1]", TCAS_E_JSON_TYPE, 0},
	    {"{}", TCAS_E_JSON_TYPE, 0},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		tcas_json d;
		int64_t x = 12345;
		parse_ok(&d, v[i].js);
		assert_int_equal(tcas_json_get_int64(&d, 0, &x), v[i].r);
		if (v[i].r == TCAS_OK)
			assert_true(x == v[i].v);
		else
			assert_true(x == 12345);
	}
}

static void test_uint64(void **state)
{
	static const struct {
		const char *js;
		int r;
		uint64_t v;
	} v[] = {
	    {"0", TCAS_OK, 0},
	    {"-0", TCAS_OK, 0},
	    {"42", TCAS_OK, 42},
	    {"9223372036854775808", TCAS_OK, 9223372036854775808ull},
	    {"18446744073709551615", TCAS_OK, UINT64_MAX},
	    {"18446744073709551616", TCAS_E_JSON_RANGE, 0},
	    {"184467440737095516150", TCAS_E_JSON_RANGE, 0},
	    {"-1", TCAS_E_JSON_RANGE, 0},
	    {"2.5", TCAS_E_JSON_RANGE, 0},
	    {"2e0", TCAS_E_JSON_RANGE, 0},
	    {"false", TCAS_E_JSON_TYPE, 0},
	    {"\"2\"", TCAS_E_JSON_TYPE, 0},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		tcas_json d;
		uint64_t x = 12345;
		parse_ok(&d, v[i].js);
		assert_int_equal(tcas_json_get_uint64(&d, 0, &x), v[i].r);
		if (v[i].r == TCAS_OK)
			assert_true(x == v[i].v);
		else
			assert_true(x == 12345);
	}
}

static void test_scalar_args_bool_null(void **state)
{
	tcas_json d;
	int64_t i64;
	uint64_t u64;
	int b = 5;
	(void)state;

	parse_ok(&d, "[true,false,null,0,\"true\",\"null\"]");
	assert_int_equal(tcas_json_get_bool(&d, 1, &b), TCAS_OK);
	assert_int_equal(b, 1);
	assert_int_equal(tcas_json_get_bool(&d, 2, &b), TCAS_OK);
	assert_int_equal(b, 0);
	b = 5;
	assert_int_equal(tcas_json_get_bool(&d, 3, &b), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_get_bool(&d, 4, &b), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_get_bool(&d, 5, &b), TCAS_E_JSON_TYPE);
	assert_int_equal(tcas_json_get_bool(&d, 0, &b), TCAS_E_JSON_TYPE);
	assert_int_equal(b, 5);
	assert_int_equal(tcas_json_is_null(&d, 3), 1);
	assert_int_equal(tcas_json_is_null(&d, 1), 0);
	assert_int_equal(tcas_json_is_null(&d, 4), 0);
	assert_int_equal(tcas_json_is_null(&d, 6), 0); /* "null" string */
	assert_int_equal(tcas_json_is_null(&d, 0), 0);
	assert_int_equal(tcas_json_is_null(&d, -1), 0);
	assert_int_equal(tcas_json_is_null(&d, d.ntok), 0);
	assert_int_equal(tcas_json_is_null(NULL, 3), 0);
	assert_int_equal(tcas_json_type_of(&d, 3), TCAS_JSON_NULL);
	/* argument checks of all scalar getters */
	assert_int_equal(tcas_json_get_bool(&d, -1, &b), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_bool(&d, d.ntok, &b), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_bool(NULL, 1, &b), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_bool(&d, 1, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_int64(&d, -1, &i64), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_int64(&d, d.ntok, &i64), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_int64(NULL, 4, &i64), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_int64(&d, 4, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_uint64(&d, -1, &u64), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_uint64(&d, d.ntok, &u64), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_uint64(NULL, 4, &u64), TCAS_E_ARG);
	assert_int_equal(tcas_json_get_uint64(&d, 4, NULL), TCAS_E_ARG);
	/* a failed parse leaves no usable tokens */
	assert_int_equal(parse_s(&d, "[1,]"), TCAS_E_JSON_MALFORMED);
	assert_int_equal(tcas_json_get_int64(&d, 0, &i64), TCAS_E_ARG);
	assert_int_equal(tcas_json_type_of(&d, 0), TCAS_JSON_INVALID);
}

/* ---- pretty printer ------------------------------------------------------ */

static void test_pretty(void **state)
{
	static const char js[] =
	    "{\"a\":[1,{\"b\":null},[]],\"c\":{},\"d\":\"x\\\"y\","
	    "\"e\":[ ]}";
	tcas_json d;
	(void)state;

	parse_ok(&d, js);
	check_pretty(&d, 0, 2,
	             "{\n"
	             "  \"a\": [\n"
	             "    1,\n"
	             "    {\n"
	             "      \"b\": null\n"
	             "    },\n"
	             "    []\n"
	             "  ],\n"
	             "  \"c\": {},\n"
	             "  \"d\": \"x\\\"y\",\n"
	             "  \"e\": []\n"
	             "}");
	check_pretty(&d, 0, 4,
	             "{\n"
	             "    \"a\": [\n"
	             "        1,\n"
	             "        {\n"
	             "            \"b\": null\n"
	             "        },\n"
	             "        []\n"
	             "    ],\n"
	             "    \"c\": {},\n"
	             "    \"d\": \"x\\\"y\",\n"
	             "    \"e\": []\n"
	             "}");
	check_pretty(&d, 0, 0,
	             "{\"a\":[1,{\"b\":null},[]],\"c\":{},\"d\":\"x\\\"y\","
	             "\"e\":[]}");
	/* a subtree starts at column 0; keys and scalars print alone */
	check_pretty(&d, find_tok(&d, 0, "a"), 2,
	             "[\n  1,\n  {\n    \"b\": null\n  },\n  []\n]");
	check_pretty(&d, find_tok(&d, 0, "a") - 1, 2, "\"a\"");
	check_pretty(&d, find_tok(&d, 0, "d"), 2, "\"x\\\"y\"");
	check_pretty(&d, find_tok(&d, 0, "a[0]"), 2, "1");
	check_pretty(&d, find_tok(&d, 0, "c"), 2, "{}");
	/* whitespace of the source is dropped, escapes/numbers kept */
	parse_ok(&d, " [ \"\\u00e9\\n\" ,\r\n-1.50E+3 ,\ttrue, {\"k\" :\n"
	             "\"v, ]}:\" } ] ");
	check_pretty(&d, 0, 2,
	             "[\n  \"\\u00e9\\n\",\n  -1.50E+3,\n  true,\n  {\n"
	             "    \"k\": \"v, ]}:\"\n  }\n]");
	check_pretty(&d, 0, 0,
	             "[\"\\u00e9\\n\",-1.50E+3,true,{\"k\":\"v, ]}:\"}]");
	parse_ok(&d, "7");
	check_pretty(&d, 0, 2, "7");
	parse_ok(&d, "\"a\\\\\"");
	check_pretty(&d, 0, 2, "\"a\\\\\"");
	parse_ok(&d, "[[[]]]");
	check_pretty(&d, 0, 1, "[\n [\n  []\n ]\n]");
	/* wide indentation is emitted in several pieces */
	parse_ok(&d, "[[1]]");
	check_pretty(&d, 0, 40,
	             "[\n"
	             "                                        [\n"
	             "                                                  "
	             "                              1\n"
	             "                                        ]\n"
	             "]");
}

static void test_pretty_errors(void **state)
{
	tcas_json d;
	struct buf b = {0};
	int k, calls;
	(void)state;

	parse_ok(&d, "{\"a\":[1,2,3],\"b\":{\"c\":true}}");
	assert_int_equal(tcas_json_pretty(&d, 0, 2, NULL, &b), TCAS_E_ARG);
	assert_int_equal(tcas_json_pretty(&d, -1, 2, buf_sink, &b), TCAS_E_ARG);
	assert_int_equal(tcas_json_pretty(&d, d.ntok, 2, buf_sink, &b),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_json_pretty(NULL, 0, 2, buf_sink, &b),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_json_pretty(&d, 0, 65, buf_sink, &b), TCAS_E_ARG);
	assert_int_equal(b.calls, 0);
	assert_int_equal(tcas_json_pretty(&d, 0, 2, buf_sink, &b), TCAS_OK);
	calls = b.calls;
	free(b.p);
	memset(&b, 0, sizeof b);
	assert_int_equal(tcas_json_pretty(&d, 0, 64, buf_sink, &b), TCAS_OK);
	free(b.p);
	/* a sink error at any call stops the printer and is returned */
	assert_true(calls > 20);
	for (k = 1; k <= calls; k++) {
		struct buf f = {0};
		f.fail_at = k;
		f.fail_code = -1000 - k;
		assert_int_equal(tcas_json_pretty(&d, 0, 2, buf_sink, &f),
		                 -1000 - k);
		assert_int_equal(f.calls, k);
		free(f.p);
	}
	{
		struct buf f = {0};
		f.fail_at = 1;
		f.fail_code = 7; /* any nonzero value, even positive */
		assert_int_equal(tcas_json_pretty(&d, 0, 0, buf_sink, &f), 7);
		free(f.p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_type_count_raw),
	    cmocka_unit_test(test_iterate),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_find_path_syntax),
	    cmocka_unit_test(test_member_index),
	    cmocka_unit_test(test_string_unescape),
	    cmocka_unit_test(test_string_errors),
	    cmocka_unit_test(test_string_nospace),
	    cmocka_unit_test(test_int64),
	    cmocka_unit_test(test_uint64),
	    cmocka_unit_test(test_scalar_args_bool_null),
	    cmocka_unit_test(test_pretty),
	    cmocka_unit_test(test_pretty_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
