/* Unit tests for the JMESPath evaluator's API and limits (tcas/jmespath.h):
 * numbers of many digits, printing (indentation, ASCII or UTF-8,
 * escapes, a failing sink), argument checks, the type and token
 * accessors, nesting limits, and the arena: every allocation failing in
 * turn. test_jmespath.c has the language, feature by feature. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/error.h"
#include "tcas/jmespath.h"
#include "support/jpcase.h"

/* Numbers of many digits: beyond the 800 kept (a sticky bit decides
 * the rounding), integers beyond int64 and beyond python's 4300-digit
 * int() limit, and a big integer against infinity. */
static void test_long_numbers(void **state)
{
	static char e[6000], d[6000];
	size_t n;

	(void)state;
	/* 0.111...1 (900 ones) is 0.1111111111111111 */
	n = (size_t)sprintf(e, "`0.");
	memset(e + n, '1', 900);
	strcpy(e + n + 900, "`");
	assert_string_equal(jp_eval_case(e, "{}", 0, 1), "0.1111111111111111");
	/* 1 + 2^-53, halfway between 1.0 and the next double: ties to even
	 * give 1.0, a nonzero digit after the 800 kept rounds up */
	n = (size_t)sprintf(e, "`1.00000000000000011102230246251565404236316"
	                       "680908203125");
	memset(e + n, '0', 850);
	strcpy(e + n + 850, "`");
	assert_string_equal(jp_eval_case(e, "{}", 0, 1), "1.0");
	strcpy(e + n + 850, "1`");
	assert_string_equal(jp_eval_case(e, "{}", 0, 1), "1.0000000000000002");
	/* a 900-digit integer in a document prints in full */
	d[0] = '9';
	memset(d + 1, '0', 899);
	d[900] = 0;
	assert_int_equal(strlen(jp_eval_case("@", d, 0, 1)), 900);
	assert_string_equal(jp_eval_case("@ > `1e300`", d, 0, 1), "true");
	assert_string_equal(jp_eval_case("@ > `1e899`", d, 0, 1),
	                    "false"); /* inf */
	assert_string_equal(jp_eval_case("@ < `Infinity`", d, 0, 1), "true");
	assert_string_equal(jp_eval_case("`Infinity` > @", d, 0, 1), "true");
	d[0] = '-';
	memset(d + 1, '1', 400);
	d[401] = 0;
	assert_string_equal(jp_eval_case("@ > `-Infinity`", d, 0, 1), "true");
	/* python's int() refuses 4301 digits; float() then reads inf */
	d[0] = '"';
	memset(d + 1, '1', 4301);
	strcpy(d + 4302, "\"");
	assert_string_equal(jp_eval_case("to_number(@)", d, 0, 1), "Infinity");
	d[4301] = '"', d[4302] = 0;
	assert_int_equal(strlen(jp_eval_case("to_number(@)", d, 0, 1)), 4300);
	/* a 4400-digit integer in a document is one (json.loads reads it) */
	memset(d, '7', 4400);
	d[4400] = 0;
	assert_int_equal(strlen(jp_eval_case("@", d, 0, 1)), 4400);
}

/* ---- printing ------------------------------------------------------------ */

static void test_print(void **state)
{
	static const char *d =
	    "{\"a\":[1,{\"b\":\"\\u00e9\xc3\xa9\",\"c\":[]},{}],\"n\":1.50}";

	(void)state;
	assert_string_equal(jp_eval_case("@", d, 0, 1),
	                    "{\"a\":[1,{\"b\":\"\\u00e9\\u00e9\",\"c\":[]},{}],"
	                    "\"n\":1.5}");
	/* ascii 0: document strings as written, others escaped minimally */
	assert_string_equal(
	    jp_eval_case("@", d, 0, 0),
	    "{\"a\":[1,{\"b\":\"\\u00e9\xc3\xa9\",\"c\":[]},{}],"
	    "\"n\":1.5}");
	assert_string_equal(
	    jp_eval_case("@", d, 2, 0),
	    "{\n  \"a\": [\n    1,\n    {\n      \"b\": "
	    "\"\\u00e9\xc3\xa9\",\n      \"c\": []\n    },\n    "
	    "{}\n  ],\n  \"n\": 1.5\n}");
	assert_string_equal(
	    jp_eval_case("[a[1], {k: n}, `[]`, `{}`]", d, 2, 0),
	    "[\n  {\n    \"b\": \"\\u00e9\xc3\xa9\",\n    \"c\": "
	    "[]\n  },\n  {\n    \"k\": 1.5\n  },\n  [],\n  {}\n]");
	assert_string_equal(
	    jp_eval_case("['\"\\\\\n\x01\x7f\xc3\xa9']", "{}", 0, 0),
	    "[\"\\\"\\\\\\\\\\n\\u0001\x7f\xc3\xa9\"]");
	assert_string_equal(jp_eval_case("['\\t\x08\x0c\r']", "{}", 0, 1),
	                    "[\"\\\\t\\b\\f\\r\"]");
	assert_string_equal(jp_eval_case("keys(@)", "{\"\\u00e9\":1}", 0, 0),
	                    "[\"\\u00e9\"]");
	assert_string_equal(
	    jp_eval_case("a", "{\"a\":[true,false,null]}", 1, 0),
	    "[\n true,\n false,\n null\n]");
	/* strict: NaN and the infinities as strings any reader takes */
	assert_string_equal(
	    jp_eval_case("[`NaN`, `1e400`, `-1e400`, `1.5`, `1e300`]", "{}", 0,
	                 TCAS_JMESPATH_STRICT),
	    "[\"NaN\",\"Infinity\",\"-Infinity\",1.5,1e+300]");
	/* an invalid UTF-8 byte from the expression prints as itself */
	assert_string_equal(jp_eval_case("'\xff\xe9'", "{}", 0, 1),
	                    "\"\\u00ff\\u00e9\"");
}

static int fail_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx, (void)s, (void)n;
	return TCAS_E_NOSPACE;
}

static void test_api(void **state)
{
	static const char js[] = "{\"a\":[1,2],\"s\":\"x\"}";
	tcas_jmespath_val v;
	tcas_json d;

	(void)state;
	assert_int_equal(tcas_json_parse(&d, js, strlen(js), jp_toks, 64), 0);
	assert_int_equal(tcas_jmespath_init_sized(NULL, sizeof jp_q),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_init_sized(&jp_q, sizeof jp_q - 8),
	                 TCAS_E_CONFIG);
	assert_int_equal(tcas_jmespath_init(&jp_q), 0);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, 0, &v), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_compile(NULL, "a", 1), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_compile(&jp_q, NULL, 1), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_compile(&jp_q, NULL, 0),
	                 TCAS_E_JMESPATH_SYNTAX);
	/* a NUL in the text is a character like any other: unknown */
	assert_int_equal(tcas_jmespath_compile(&jp_q, "a\0b", 3),
	                 TCAS_E_JMESPATH_SYNTAX);
	assert_int_equal(jp_q.err_pos, 1);
	assert_int_equal(tcas_jmespath_compile(&jp_q, "\"\\\0\"", 4),
	                 TCAS_E_JMESPATH_SYNTAX);
	assert_int_equal(tcas_jmespath_compile(&jp_q, "a[0]x", 4), 0);
	/* no evaluation yet: no document value */
	assert_int_equal(tcas_jmespath_type(&jp_q, 0), TCAS_JSON_INVALID);
	assert_int_equal(tcas_jmespath_eval(NULL, &d, 0, &v), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_eval(&jp_q, NULL, 0, &v), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, 0, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, -1, &v), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, d.ntok, &v), TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, 0, &v), 0);
	/* a[0] is the document's own token */
	assert_int_equal(tcas_jmespath_token(&jp_q, v), 3);
	assert_int_equal(tcas_jmespath_type(&jp_q, v), TCAS_JSON_NUMBER);
	/* from: the search starts at another token */
	assert_int_equal(tcas_jmespath_compile(&jp_q, "[1]", 3), 0);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, 2, &v), 0);
	assert_int_equal(tcas_jmespath_token(&jp_q, v), 4);
	assert_int_equal(tcas_jmespath_compile(&jp_q, "length(a)", 9), 0);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, 0, &v), 0);
	assert_int_equal(tcas_jmespath_token(&jp_q, v), -1);
	assert_int_equal(tcas_jmespath_type(&jp_q, v), TCAS_JSON_NUMBER);
	assert_int_equal(tcas_jmespath_type(NULL, v), TCAS_JSON_INVALID);
	assert_int_equal(tcas_jmespath_type(&jp_q, -1000000),
	                 TCAS_JSON_INVALID);
	assert_int_equal(tcas_jmespath_type(&jp_q, -12), TCAS_JSON_INVALID);
	assert_int_equal(tcas_jmespath_type(&jp_q, INT32_MIN),
	                 TCAS_JSON_INVALID);
	assert_int_equal(tcas_jmespath_type(&jp_q, 99), TCAS_JSON_INVALID);
	assert_int_equal(tcas_jmespath_type(&jp_q, -1), TCAS_JSON_NULL);
	assert_int_equal(tcas_jmespath_type(&jp_q, -3), TCAS_JSON_BOOL);
	assert_int_equal(tcas_jmespath_token(NULL, 0), -1);
	{
		size_t n = 1;

		assert_null(tcas_jmespath_spare(NULL, &n));
		assert_int_equal(n, 0);
		assert_non_null(tcas_jmespath_spare(&jp_q, &n));
		assert_true(n > 0 && n < sizeof jp_q.arena);
	}
	assert_int_equal(tcas_jmespath_token(&jp_q, 99), -1);
	assert_int_equal(tcas_jmespath_print(NULL, v, 0, 0, jp_sink, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_print(&jp_q, v, 0, 0, NULL, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_print(&jp_q, v, 65, 0, jp_sink, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_print(&jp_q, 99, 0, 0, jp_sink, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_jmespath_print(&jp_q, v, 0, 4, jp_sink, NULL),
	                 TCAS_E_ARG);
	/* the jp_sink's error stops printing and is returned */
	assert_int_equal(tcas_jmespath_print(&jp_q, v, 0, 0, fail_sink, NULL),
	                 TCAS_E_NOSPACE);
	assert_int_equal(tcas_jmespath_compile(&jp_q, "@", 1), 0);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, 0, &v), 0);
	assert_int_equal(tcas_jmespath_print(&jp_q, v, 4, 1, fail_sink, NULL),
	                 TCAS_E_NOSPACE);
	/* a failed compile leaves nothing to evaluate */
	assert_int_equal(tcas_jmespath_compile(&jp_q, "a[", 2),
	                 TCAS_E_JMESPATH_SYNTAX);
	assert_int_equal(jp_q.err_pos, 2);
	assert_int_equal(tcas_jmespath_eval(&jp_q, &d, 0, &v), TCAS_E_ARG);
	assert_string_equal(tcas_jmespath_kind(TCAS_E_JMESPATH_ARITY),
	                    "invalid-arity");
	assert_string_equal(tcas_jmespath_kind(TCAS_E_JMESPATH_ARENA),
	                    "arena-full");
	assert_string_equal(tcas_jmespath_kind(TCAS_E_JMESPATH_DEPTH),
	                    "too-deep");
	assert_null(tcas_jmespath_kind(TCAS_E_ARG));
	assert_string_equal(tcas_errname(TCAS_E_JMESPATH_VALUE),
	                    "TCAS_E_JMESPATH_VALUE");
	assert_non_null(strstr(tcas_strerror(TCAS_E_JMESPATH_ARENA),
	                       "TCAS_JMESPATH_ARENA_SIZE"));
	assert_int_equal(tcas_err_class_of(TCAS_E_JMESPATH_TYPE),
	                 TCAS_CLASS_USAGE);
}

/* ---- limits -------------------------------------------------------------- */

static void test_limits(void **state)
{
	static char e[8192];
	size_t i, n;

	(void)state;
	/* nesting: parentheses, brackets, functions, literals */
	for (n = 0, i = 0; i < 200; i++)
		e[n++] = '(';
	e[n++] = 'a';
	for (i = 0; i < 200; i++)
		e[n++] = ')';
	e[n] = 0;
	assert_string_equal(jp_eval_case(e, "{}", 0, 0), "!too-deep");
	for (n = 0, i = 0; i < TCAS_JMESPATH_DEPTH_MAX - 2; i++)
		e[n++] = '(';
	e[n++] = 'a';
	for (i = 0; i < TCAS_JMESPATH_DEPTH_MAX - 2; i++)
		e[n++] = ')';
	e[n] = 0;
	assert_string_equal(jp_eval_case(e, "{\"a\":1}", 0, 0), "1");
	for (n = 0, i = 0; i < 200; i++)
		n += (size_t)sprintf(e + n, "abs(");
	for (e[n++] = '@', i = 0; i < 200; i++)
		e[n++] = ')';
	e[n] = 0;
	assert_string_equal(jp_eval_case(e, "1", 0, 0), "!too-deep");
	for (n = 0, e[n++] = '`', i = 0; i < 200; i++)
		e[n++] = '[';
	for (i = 0; i < 200; i++)
		e[n++] = ']';
	e[n++] = '`';
	e[n] = 0;
	assert_string_equal(jp_eval_case(e, "1", 0, 0), "!too-deep");
	/* flat to parse, deep to evaluate: each [] nests the tree */
	n = (size_t)sprintf(e, "a");
	for (i = 0; i < 30; i++)
		n += (size_t)sprintf(e + n, "[]");
	assert_string_equal(jp_eval_case(e, "{\"a\":[[[1]]]}", 0, 0),
	                    "!too-deep");
	e[1 + 2 * 10] = 0;
	assert_string_equal(jp_eval_case(e, "{\"a\":[[[1]]]}", 0, 0), "[1]");
	/* a document nested deeper than the limit prints (no recursion)
	 * but does not compare (it recurses) */
	{
		static char deep[4096];

		for (n = 0, i = 0; i < 1000; i++)
			deep[n++] = '[';
		for (i = 0; i < 1000; i++)
			deep[n++] = ']';
		deep[n] = 0;
		assert_int_equal(strlen(jp_eval_case("@", deep, 0, 0)), 2000);
		assert_int_equal(
		    strlen(jp_eval_case("to_string(@)", deep, 0, 0)), 2002);
		assert_string_equal(jp_eval_case("@ == @", deep, 0, 0),
		                    "!too-deep");
	}
	/* the arena: doubling a list 20 times */
	for (n = 0, i = 0; i < 20; i++)
		n += (size_t)sprintf(e + n, "[@, @][]");
	assert_string_equal(jp_eval_case(e, "[1]", 0, 0), "!arena-full");
	n = (size_t)sprintf(e, "to_string(@)");
	for (i = 0; i < 12; i++)
		n += (size_t)sprintf(e + n, " | to_string([@, @])");
	assert_string_equal(jp_eval_case(e, "\"x\"", 0, 0), "!arena-full");
	/* an expression longer than the arena */
	{
		static char big[TCAS_JMESPATH_ARENA_SIZE + 16];

		memset(big, 'a', sizeof big - 1);
		assert_string_equal(jp_eval_case(big, "{}", 0, 0),
		                    "!arena-full");
	}
}

/* Every allocation of the compiler and the evaluator failing in turn:
 * each expression is run with the arena cut to every size below what it
 * needs (jp_q.size, which init sets, lowered); the only outcomes allowed are
 * TCAS_E_JMESPATH_ARENA and what the full arena gives (a value, or for
 * some an error found after the allocations). */
static void test_arena_sweep(void **state)
{
	static const struct tc c[] = {
	    {"a[*].{k: b, l: [c, `[1, {\"x\": 2.5}]`, 'r\\'s', `lit`]}",
	     "{\"a\":[{\"b\":1,\"c\":\"x\"}]}", NULL},
	    {"sort_by(a, &b)[::-1] | map(&to_string(@), @)",
	     "{\"a\":[{\"b\":2},{\"b\":1},{\"b\":3}]}", NULL},
	    {"[sort(a[*].b), max_by(a, &b), min_by(a, &b), reverse(a)]",
	     "{\"a\":[{\"b\":2},{\"b\":1},{\"b\":3}]}", NULL},
	    {"merge(@, {z: `1`}) | [keys(@), values(@), length(@), type(@)]",
	     "{\"a\":1,\"b\":\"\\u00e9\"}", NULL},
	    {"[contains(b, 'x'), starts_with(b, '\\u00e9'), join('-', [b, b]), "
	     "reverse(b), to_number(c), to_number(d), "
	     "abs(`-9223372036854775808`)]",
	     "{\"b\":\"\\u00e9x\",\"c\":\" "
	     "1_000000000000000000000\",\"d\":\"2.5\"}",
	     NULL},
	    {"[sum(@), avg(@), floor(`1e300`), ceil(`2.5`), to_array(`1`), "
	     "abs(`-1.5`), abs(`-100000000000000000000`), not_null(@)]",
	     "[1,2.5]", NULL},
	    {"a[?b > `1`] | [] | [0:2] | @[*][0] | [[@], {\"jp_q\": @}]",
	     "{\"a\":[[1],{\"b\":2}]}", NULL},
	    {"*.x[] | length(@) || `[1]` || \"k\"", "{\"m\":{\"x\":[1]}}",
	     NULL},
	    {"{a: b, \"c\": `2`, 'd': e}", "{}", NULL},
	    {"{a: b, \"c\": `2`}.[a, c] | sort_by(@, &nope())", "{\"b\":1}",
	     NULL},
	    {"a[0 'x']", "{}", NULL},
	    {"a | [* 'x']", "[]", NULL},
	    {"a | [*]'x'", "[]", NULL},
	    {"a.*'x'", "{}", NULL},
	    {"a[1:'x']", "{}", NULL},
	    {"[1:2]`3`", "[]", NULL},
	    {"to_number(c) == `1` == nope()", "{\"c\":\"\\u0031\"}", NULL},
	};
	tcas_jmespath_val v;
	tcas_json d;
	size_t i, size, need;
	int err, full;

	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		assert_int_equal(tcas_json_parse(&d, c[i].doc, strlen(c[i].doc),
		                                 jp_toks, 4096),
		                 0);
		tcas_jmespath_init(&jp_q);
		/* the full answer: a value or an error, and its arena */
		full =
		    tcas_jmespath_compile(&jp_q, c[i].expr, strlen(c[i].expr));
		if (!full)
			full = tcas_jmespath_eval(&jp_q, &d, 0, &v);
		jp_out_reset();
		if (!full)
			assert_int_equal(
			    tcas_jmespath_print(&jp_q, v, 0, 1, jp_sink, NULL),
			    0);
		/* a failed compile releases its arena: sweep a fixed range */
		need = full ? 2048 : jp_q.used;
		for (size = 8; size < need; size += 8) {
			tcas_jmespath_init(&jp_q);
			jp_q.size = size;
			err = tcas_jmespath_compile(&jp_q, c[i].expr,
			                            strlen(c[i].expr));
			if (!err)
				err = tcas_jmespath_eval(&jp_q, &d, 0, &v);
			if (err != TCAS_E_JMESPATH_ARENA && err != full)
				fail_msg("%s with %u bytes: %d", c[i].expr,
				         (unsigned)size, err);
		}
	}
	/* a length no arena holds is refused before the text is read */
	tcas_jmespath_init(&jp_q);
	assert_int_equal(tcas_jmespath_compile(&jp_q, "a", 0x80000000u),
	                 TCAS_E_JMESPATH_ARENA);
	jp_q.size = 0;
	assert_int_equal(tcas_jmespath_compile(&jp_q, "a", 1), TCAS_E_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_long_numbers), cmocka_unit_test(test_print),
	    cmocka_unit_test(test_api),          cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_arena_sweep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
