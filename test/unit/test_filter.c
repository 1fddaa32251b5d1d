/* Unit tests for the --filter evaluator (src/filter.c, tcas/filter.h):
 * every form of the grammar, JMESPath null/projection semantics, every
 * syntax error, capacity, printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/error.h"
#include "tcas/filter.h"

static const char js[] =
    "{\"RefreshActivitySet\":[{\"RefreshActivityId\":\"asr-1\",\"Status\":"
    "\"RUNNING\",\"Batches\":[{\"N\":1,\"Ins\":[\"i-1\",\"i-2\"]},{\"N\":2,"
    "\"Ins\":[\"i-3\"]}]},{\"RefreshActivityId\":\"asr-2\",\"Status\":"
    "\"FAILED\",\"Batches\":[],\"Deep\":{\"Flag\":true}},"
    "{\"RefreshActivityId\":\"asr-3\",\"Status\":\"FAILED\",\"Nil\":null,"
    "\"Deep\":{\"Flag\":false}}],\"TotalCount\":3,\"Name\":\"h\\u00e9\\ud83d"
    "\\ude00x\",\"Q\":\"it's\",\"Obj\":{\"a\":1,\"b\":2}}";
static jsmntok_t toks[256];
static tcas_json doc;
static tcas_filter f;
static char out[2048];
static size_t outlen;

static int sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	if (outlen + n + 1 > sizeof out)
		return TCAS_E_NOSPACE;
	memcpy(out + outlen, s, n);
	outlen += n;
	out[outlen] = 0;
	return 0;
}

static const char *q(const char *expr)
{
	int err;

	outlen = 0;
	out[0] = 0;
	err = tcas_filter_eval(&f, &doc, 0, expr);
	if (err) {
		snprintf(out, sizeof out, "ERR %d @%d", err, f.err_pos);
		return out;
	}
	assert_int_equal(tcas_filter_print(&f, &doc, 0, sink, NULL), 0);
	return out;
}

static int setup(void **state)
{
	(void)state;
	return tcas_json_parse(&doc, js, strlen(js), toks, 256);
}

static void test_paths(void **state)
{
	(void)state;
	assert_string_equal(q("TotalCount"), "3");
	assert_string_equal(q("RefreshActivitySet[0].RefreshActivityId"),
	                    "\"asr-1\"");
	assert_string_equal(q("RefreshActivitySet[-1].Status"), "\"FAILED\"");
	assert_string_equal(q("RefreshActivitySet[1].Deep.Flag"), "true");
	assert_string_equal(q(" RefreshActivitySet [ 0 ] . Status "),
	                    "\"RUNNING\"");
	assert_string_equal(q("\"Obj\".a"), "1");
	assert_string_equal(q("Nope"), "null");
	assert_string_equal(q("RefreshActivitySet[9]"), "null");
	assert_string_equal(q("TotalCount.x"), "null");
	assert_string_equal(q("TotalCount[0]"), "null");
	assert_string_equal(q("RefreshActivitySet[2].Nil"), "null");
}

static void test_projections(void **state)
{
	(void)state;
	assert_string_equal(q("RefreshActivitySet[*].RefreshActivityId"),
	                    "[\"asr-1\",\"asr-2\",\"asr-3\"]");
	assert_string_equal(q("RefreshActivitySet[*].Deep.Flag"),
	                    "[true,false]"); /* missing dropped */
	assert_string_equal(q("RefreshActivitySet[*].Batches[*].N"), "[1,2]");
	assert_string_equal(q("RefreshActivitySet[*].Batches[*].Ins[0]"),
	                    "[\"i-1\",\"i-3\"]");
	assert_string_equal(q("RefreshActivitySet[*].Nope"), "[]");
	assert_string_equal(q("Obj[*]"), "[]");
	assert_string_equal(q("[*]"), "[]");
}

static void test_conditions(void **state)
{
	(void)state;
	assert_string_equal(
	    q("RefreshActivitySet[?Status=='FAILED'].RefreshActivityId"),
	    "[\"asr-2\",\"asr-3\"]");
	assert_string_equal(
	    q("RefreshActivitySet[?Status != 'FAILED'].RefreshActivityId"),
	    "[\"asr-1\"]");
	assert_string_equal(
	    q("RefreshActivitySet[?Deep.Flag==`true`].RefreshActivityId"),
	    "[\"asr-2\"]");
	assert_string_equal(q("RefreshActivitySet[*].Batches[?N==`2`].Ins"),
	                    "[[\"i-3\"]]");
	assert_string_equal(q("RefreshActivitySet[*].Batches[?N==1].N"), "[1]");
	assert_string_equal(
	    q("RefreshActivitySet[?Nil==`null`].RefreshActivityId"),
	    "[\"asr-1\",\"asr-2\",\"asr-3\"]");
	assert_string_equal(q("RefreshActivitySet[?Status==`\"RUNNING\"`].N"),
	                    "[]");
	assert_string_equal(q("length(RefreshActivitySet[?Status=='RUNNING'])"),
	                    "1");
}

static void test_length(void **state)
{
	(void)state;
	assert_string_equal(q("length(RefreshActivitySet)"), "3");
	assert_string_equal(q("length(Obj)"), "2");
	assert_string_equal(q("length(Name)"), "4"); /* h, e-acute, emoji, x */
	assert_string_equal(q("length(RefreshActivitySet[*].Batches[*])"), "2");
	assert_string_equal(q("length(Nope)"), "null");
	assert_string_equal(q("length(TotalCount)"), "null");
	assert_string_equal(q("length"), "null"); /* a member named length */
}

static void test_syntax(void **state)
{
	(void)state;
	assert_string_equal(q(""), "ERR -140 @0");
	assert_string_equal(q("a."), "ERR -140 @2");
	assert_string_equal(q(".a"), "ERR -140 @0");
	assert_string_equal(q("a[x]"), "ERR -140 @2");
	assert_string_equal(q("a[0"), "ERR -140 @3");
	assert_string_equal(q("a[*"), "ERR -140 @3");
	assert_string_equal(q("a[?b='x']"), "ERR -140 @4");
	assert_string_equal(q("a[?b=='x]"), "ERR -140 @9");
	assert_string_equal(q("a[?b==`x`]"), "ERR -140 @7");
	assert_string_equal(q("a[?b==`1"), "ERR -140 @6");
	assert_string_equal(q("a[?b=='x'"), "ERR -140 @9");
	assert_string_equal(q("a[?==1]"), "ERR -140 @3");
	assert_string_equal(q("a b"), "ERR -140 @2");
	assert_string_equal(q("length(a"), "ERR -140 @8");
	assert_string_equal(q("\"a"), "ERR -140 @2");
	assert_string_equal(q("a[99999999999]"), "ERR -140 @11");
	assert_int_equal(tcas_filter_eval(NULL, &doc, 0, "a"), TCAS_E_ARG);
	assert_int_equal(tcas_filter_eval(&f, &doc, 999, "a"), TCAS_E_ARG);
	assert_int_equal(tcas_filter_eval(&f, &doc, 0, NULL), TCAS_E_ARG);
}

static void test_escaped_quote(void **state)
{
	(void)state;
	assert_string_equal(q("Q"), "\"it's\"");
	/* '' inside a raw string is one quote */
	assert_int_equal(
	    tcas_filter_eval(&f, &doc, 0,
	                     "RefreshActivitySet[?Status=='it''s']"),
	    TCAS_OK);
	assert_int_equal(f.count, 0);
}

static void test_too_many(void **state)
{
	static char big[16 + 4 * (TCAS_FILTER_RESULTS_MAX + 1)];
	static jsmntok_t bt[TCAS_FILTER_RESULTS_MAX + 8];
	tcas_json bd;
	size_t n = 0;
	int i;

	(void)state;
	big[n++] = '[';
	for (i = 0; i <= TCAS_FILTER_RESULTS_MAX; i++)
		n += (size_t)sprintf(big + n, i ? ",1" : "1");
	big[n++] = ']';
	assert_int_equal(
	    tcas_json_parse(&bd, big, n, bt, TCAS_FILTER_RESULTS_MAX + 8), 0);
	assert_int_equal(tcas_filter_eval(&f, &bd, 0, "[*]"),
	                 TCAS_E_FILTER_TOO_MANY);
	assert_int_equal(tcas_filter_eval(&f, &bd, 0, "length(@)"),
	                 TCAS_E_FILTER_SYNTAX);
	assert_int_equal(tcas_filter_eval(&f, &bd, 0, "[5]"), TCAS_OK);
}

static void test_pretty(void **state)
{
	(void)state;
	outlen = 0;
	assert_int_equal(
	    tcas_filter_eval(&f, &doc, 0, "RefreshActivitySet[*].Deep"), 0);
	assert_int_equal(tcas_filter_print(&f, &doc, 2, sink, NULL), 0);
	assert_string_equal(out, "[\n  {\n    \"Flag\": true\n  },\n  {\n"
	                         "    \"Flag\": false\n  }\n]");
	outlen = 0;
	assert_int_equal(tcas_filter_eval(&f, &doc, 0, "Nope[*]"), 0);
	assert_int_equal(tcas_filter_print(&f, &doc, 2, sink, NULL), 0);
	assert_string_equal(out, "[]");
	assert_int_equal(tcas_filter_print(&f, &doc, 2, NULL, NULL),
	                 TCAS_E_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_projections),
	    cmocka_unit_test(test_conditions),
	    cmocka_unit_test(test_length),
	    cmocka_unit_test(test_syntax),
	    cmocka_unit_test(test_escaped_quote),
	    cmocka_unit_test(test_too_many),
	    cmocka_unit_test(test_pretty),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
