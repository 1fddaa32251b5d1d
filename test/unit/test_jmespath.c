/* Unit tests for the JMESPath evaluator (src/jmespath*.c,
 * tcas/jmespath.h), feature by feature of the specification, with the
 * python library's answers (results as compact JSON with ensure_ascii,
 * errors by kind and, for syntax, position): identifiers, indexes and
 * slices, projections, filters and comparators, logic, multiselects,
 * pipes, literals, number formatting, expression references, every
 * function and its errors, syntax errors. The JMESPath compliance suite
 * is not packaged in Debian, so these are our own cases; their
 * expectations were checked against python jmespath 1.0.1 when written.
 * test_jmespath_api.c has the API, printing and limits;
 * test/e2e/jmespath.sh the differential test against python itself. */
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

static void test_identifiers(void **state)
{
	const struct tc c[] = {
	    {"a", "{\"a\":1}", "1"},
	    {"b", "{\"a\":1}", "null"},
	    {"a.b.c", "{\"a\":{\"b\":{\"c\":[1,2]}}}", "[1,2]"},
	    {"a.b", "{\"a\":[{\"b\":1}]}", "null"},
	    {"a.b", "{\"a\":\"s\"}", "null"},
	    {"\"a b\"", "{\"a b\":2}", "2"},
	    {"\"\"", "{\"\":3}", "3"},
	    {"\"\\u00e9\".\"\\\"\"", "{\"\\u00e9\":{\"\\\"\":4}}", "4"},
	    {"\"\\ud83d\\ude00\"", "{\"\\ud83d\\ude00\":5}", "5"},
	    {"\"\\ud800\"", "{\"\\ud800\":6}", "6"},
	    {"\"\\ud800\\u0041\"", "{\"\\ud800A\":7}", "7"},
	    {"\"\\ud800\\ud800\"", "{\"\\ud800\\ud800\":8}", "8"},
	    {"\"\\ud800x\"", "{\"\\ud800x\":9}", "9"},
	    {"\"\\udc00\"", "{\"\\udc00\":10}", "10"},
	    {"\"\\ud800\\uzzzz\"", NULL, "!syntax@0"},
	    {"\"\\u12zz\"", NULL, "!syntax@0"},
	    {"a", "{\"a\":1,\"a\":2}", "2"}, /* python: the last wins */
	    {"_x9", "{\"_x9\":true}", "true"},
	    {"a . b", "{\"a\":{\"b\":0}}", "0"},
	    {"a\t.\nb", "{\"a\":{\"b\":0}}", "0"},
	    {"a.\"b\"", "{\"a\":{\"b\":\"x\"}}", "\"x\""},
	};
	(void)state;
	RUN(c);
}

static void test_index_slice(void **state)
{
	static const char *a = "{\"a\":[0,1,2,3,4,5]}";
	const struct tc c[] = {
	    {"a[0]", NULL, "null"},
	    {"a[0]", "{\"a\":[7]}", "7"},
	    {"a[-1]", "{\"a\":[7,8]}", "8"},
	    {"a[-3]", "{\"a\":[7,8]}", "null"},
	    {"a[2]", "{\"a\":[7,8]}", "null"},
	    {"a[99999999999]", "{\"a\":[7,8]}", "null"},
	    {"a[-99999999999]", "{\"a\":[7,8]}", "null"},
	    {"[0][1]", "[[1,2]]", "2"},
	    {"a[1:3]", a, "[1,2]"},
	    {"a[:2]", a, "[0,1]"},
	    {"a[4:]", a, "[4,5]"},
	    {"a[::2]", a, "[0,2,4]"},
	    {"a[::-1]", a, "[5,4,3,2,1,0]"},
	    {"a[-2:]", a, "[4,5]"},
	    {"a[:-4]", a, "[0,1]"},
	    {"a[-2:-10:-1]", a, "[4,3,2,1,0]"},
	    {"a[10:]", a, "[]"},
	    {"a[-10:2]", a, "[0,1]"},
	    {"a[1:10:3]", a, "[1,4]"},
	    {"a[5:0:-2]", a, "[5,3,1]"},
	    {"a[10:0:-3]", a, "[5,2]"},
	    {"a[::99999999999]", a, "[0]"},
	    {"a[:]", a, "[0,1,2,3,4,5]"},
	    {"a[::]", a, "[0,1,2,3,4,5]"},
	    {"a[::0]", a, "!invalid-value"},
	    {"a[::0]", "{\"a\":1}", "null"}, /* not a list: no error */
	    {"a[1:2]", "{\"a\":\"abc\"}", "null"},
	    {"`[0,1,2,3]`[1:3]", NULL, "[1,2]"},
	    {"`[0,1,2,3]`[::-1]", NULL, "[3,2,1,0]"},
	    {"[1:2 3]", "[0,1,2,3,4]", "[1,2]"}, /* python: the last wins */
	    {"a[1:2].b", "{\"a\":[{\"b\":1},{\"b\":2}]}", "[2]"},
	    /* an index expression does not project a slice after it */
	    {"a[0][1:3].b", "{\"a\":[[{\"b\":1},{\"b\":2},{\"b\":3}]]}",
	     "null"},
	    {"a[0][0:1]", "{\"a\":[[1,2]]}", "[1]"},
	    {"a[:1][0]", "{\"a\":[[1,2],[3]]}", "[1]"},
	};
	(void)state;
	RUN(c);
}

static void test_projections(void **state)
{
	static const char *nest = "{\"a\":[{\"b\":[{\"c\":[{\"d\":1},{\"d\":2}]"
	                          "},{\"c\":[{\"d\":3}]}]},"
	                          "{\"b\":[{\"c\":[]}]},{\"x\":1}]}";
	const struct tc c[] = {
	    {"a[*].b", "{\"a\":[{\"b\":1},{\"c\":2},{\"b\":null},{\"b\":[]}]}",
	     "[1,[]]"},
	    {"a[*]", "{\"a\":[1,null,2]}", "[1,2]"},
	    {"a[*]", "{\"a\":{\"b\":1}}", "null"},
	    {"[*]", "{\"a\":1}", "null"},
	    {"a[*].b[*].c[*].d", nest, "[[[1,2],[3]],[[]]]"},
	    {"a[].b[].c[].d", nest, "[1,2,3]"},
	    {"a[*].b[0].c[*].d", nest, "[[1,2],[]]"},
	    {"a.*", "{\"a\":{\"x\":1,\"y\":null,\"z\":[1]}}", "[1,[1]]"},
	    {"a.*", "{\"a\":[1,2]}", "null"},
	    {"*.b", "{\"x\":{\"b\":1},\"y\":{\"c\":1},\"z\":{\"b\":2}}",
	     "[1,2]"},
	    {"*", "[1,2]", "null"},
	    {"a.*.b.*", "{\"a\":{\"x\":{\"b\":{\"k\":1}}}}", "null"},
	    {"a.*.b.* | @", "{\"a\":{\"x\":{\"b\":{\"k\":1}}}}", "null"},
	    {"a[]", "{\"a\":[[1,[2]],3,[]]}", "[1,[2],3]"},
	    {"a[][]", "{\"a\":[[1,[2]],3,[]]}", "[1,2,3]"},
	    {"a[]", "{\"a\":1}", "null"},
	    {"[]", "[[1],null,2]", "[1,2]"},
	    {"a[].b", "{\"a\":[{\"b\":1},[{\"b\":2}],3]}", "[1,2]"},
	    {"a[*][0]", "{\"a\":[[1,2],[],[3]]}", "[1,3]"},
	    {"a[*] | [0]", "{\"a\":[1,2]}", "1"},
	    {"a[*][1:]", "{\"a\":[[1,2,3],[4,5]]}", "[[2,3],[5]]"},
	    {"a[*].{k: b}", "{\"a\":[{\"b\":1},{}]}",
	     "[{\"k\":1},{\"k\":null}]"},
	    {"a[*].[b, c]", "{\"a\":[{\"b\":1,\"c\":2}]}", "[[1,2]]"},
	    {"a[*].length(@)", "{\"a\":[\"ab\",[1]]}", "[2,1]"},
	    {"a[*][?b]", "{\"a\":[[{\"b\":1},{}]]}", "[[{\"b\":1}]]"},
	    {"a[*].*", "{\"a\":[{\"b\":1}]}", "[[1]]"},
	    {"a[*].[b]", "{\"a\":[{\"b\":1}]}", "[[1]]"},
	    {"a[*].{c: b}", "{\"a\":[{\"b\":1}]}", "[{\"c\":1}]"},
	    {"a[*].\"b\"", "{\"a\":[{\"b\":1}]}", "[1]"},
	    {"[:2]", "[1,2,3]", "[1,2]"},
	    {"(a.b)[0]", "{\"a\":{\"b\":[5]}}", "5"},
	};
	(void)state;
	RUN(c);
}

static void test_filters(void **state)
{
	static const char *ins =
	    "{\"S\":[{\"Id\":\"i-1\",\"Status\":\"FAILED\",\"W\":1},"
	    "{\"Id\":\"i-2\",\"Status\":\"SUCCESSFUL\",\"W\":2.5},"
	    "{\"Id\":\"i-3\",\"Status\":\"FAILED\",\"W\":3}]}";
	static const char *tf =
	    "{\"a\":[{\"b\":0},{\"b\":\"\"},{\"b\":[]},{\"b\":{}},{\"b\":false}"
	    ","
	    "{\"b\":null},{\"b\":1},{\"b\":\" \"},{\"b\":[0]}]}";
	const struct tc c[] = {
	    {"S[?Status=='FAILED'].Id", ins, "[\"i-1\",\"i-3\"]"},
	    {"S[?Status!='FAILED'].Id", ins, "[\"i-2\"]"},
	    {"S[?W > `1`].Id", ins, "[\"i-2\",\"i-3\"]"},
	    {"S[?W >= `1`].Id", ins, "[\"i-1\",\"i-2\",\"i-3\"]"},
	    {"S[?W < `2.5`].Id", ins, "[\"i-1\"]"},
	    {"S[?W <= `2.5`].Id", ins, "[\"i-1\",\"i-2\"]"},
	    {"S[?W == `1.0`].Id", ins, "[\"i-1\"]"},
	    {"S[?Status=='FAILED' && W].Id", ins, "[\"i-1\",\"i-3\"]"},
	    {"S[?Status=='NONE' || W==`3`].Id", ins, "[\"i-3\"]"},
	    {"S[?W > '1']", ins, "!invalid-type"},
	    {"S[?!(Status=='FAILED')].Id", ins, "[\"i-2\"]"},
	    {"length(S[?Status=='FAILED'])", ins, "2"},
	    {"a[?b].b", tf, "[0,1,\" \",[0]]"},
	    {"a[?!b].b", tf, "[\"\",[],{},false]"},
	    {"[?@ > `1`]", "[1,2,3]", "[2,3]"},
	    {"[?@ > 'a']", "[\"a\",\"b\",\"B\"]", "[\"b\"]"},
	    {"a[?b < `1`]", "{\"a\":[{\"b\":\"x\"}]}", "!invalid-type"},
	    {"a[?b]", "{\"a\":{\"b\":1}}", "null"},
	    {"a[?b][]", "{\"a\":[{\"b\":[1,2]}]}", "[{\"b\":[1,2]}]"},
	    {"a[?b].b[0]", "{\"a\":[{\"b\":[1,2]}]}", "[1]"},
	    {"a[?b == `[1]`]", "{\"a\":[{\"b\":[true]}]}", "[{\"b\":[true]}]"},
	    {"[?a==`0`]", "[{\"a\":false},{\"a\":0.0}]", "[{\"a\":0.0}]"},
	};
	(void)state;
	RUN(c);
}

static void test_comparators(void **state)
{
	const struct tc c[] = {
	    {"`1` == `1.0`", NULL, "true"},
	    {"`1` == `true`", NULL, "false"},
	    {"`0` == `false`", NULL, "false"},
	    {"`[1]` == `[true]`", NULL, "true"},
	    {"`{\"a\":0}` == `{\"a\":false}`", NULL, "true"},
	    {"`{\"a\":1,\"b\":2}` == `{\"b\":2,\"a\":1}`", NULL, "true"},
	    {"`{\"a\":1}` == `{\"b\":1}`", NULL, "false"},
	    {"`[1,2]` == `[1]`", NULL, "false"},
	    {"`[1,2]` != `[1,3]`", NULL, "true"},
	    {"`[true]` == `[2]`", NULL, "false"},
	    {"'a' == 'a'", NULL, "true"},
	    {"a == b", "{\"a\":\"\\u00e9\",\"b\":\"\xc3\xa9\"}", "true"},
	    {"null == a", NULL, "true"},
	    {"`1` < `2`", NULL, "true"},
	    {"`2` <= `2.0`", NULL, "true"},
	    {"`3` > `2.5`", NULL, "true"},
	    {"`-1` >= `-0.5`", NULL, "false"},
	    {"'abc' < 'abd'", NULL, "true"},
	    {"'b' > 'abc'", NULL, "true"},
	    {"'\xc3\xa9' > 'z'", NULL, "true"},
	    {"'\\u00e9' > 'z'", NULL, "false"}, /* raw: a backslash */
	    {"`true` < `false`", NULL, "null"},
	    {"`[1]` < `[2]`", NULL, "null"},
	    {"'a' < `1`", NULL, "!invalid-type"},
	    {"`NaN` < `1`", NULL, "false"},
	    {"`NaN` == `NaN`", NULL, "false"},
	    {"`9007199254740993` > `9007199254740992.0`", NULL, "true"},
	    {"`9007199254740993` == `9007199254740992.0`", NULL, "false"},
	    {"`100000000000000000000` > `99999999999999999999`", NULL, "true"},
	    {"`100000000000000000000` == `1e20`", NULL, "true"},
	    {"`100000000000000000001` > `1e20`", NULL, "true"},
	    {"`-100000000000000000001` < `-9223372036854775808`", NULL, "true"},
	    {"`9223372036854775807` < `9223372036854775808.0`", NULL, "true"},
	    {"`100000000000000000000` < `Infinity`", NULL, "true"},
	    {"`-100000000000000000000` < `100000000000000000000`", NULL,
	     "true"},
	    {"`1` < `100000000000000000000`", NULL, "true"},
	    {"`1` > `-100000000000000000000`", NULL, "true"},
	    {"`100000000000000000000` > `1`", NULL, "true"},
	    {"`100000000000000000001` > `100000000000000000000`", NULL, "true"},
	    {"`100000000000000000001` == `100000000000000000001`", NULL,
	     "true"},
	    {"`-100000000000000000001` < `-100000000000000000000`", NULL,
	     "true"},
	    {"`1` < `NaN`", NULL, "false"},
	    {"`9223372036854775808.0` > `9223372036854775807`", NULL, "true"},
	    {"`9007199254740992.0` < `9007199254740993`", NULL, "true"},
	    {"`1e20` == `100000000000000000000`", NULL, "true"},
	    {"`1e20` < `100000000000000000001`", NULL, "true"},
	    {"'a' == `1`", NULL, "false"},
	    {"`[1]` == `{}`", NULL, "false"},
	};
	(void)state;
	RUN(c);
}

static void test_logic(void **state)
{
	const struct tc c[] = {
	    {"a || b", "{\"a\":[],\"b\":2}", "2"},
	    {"a || b", "{\"a\":0,\"b\":2}", "0"},
	    {"a || b", NULL, "null"},
	    {"a && b", "{\"a\":[1],\"b\":2}", "2"},
	    {"a && b", "{\"a\":\"\",\"b\":2}", "\"\""},
	    {"!a", "{\"a\":0}", "false"},
	    {"!a", "{\"a\":0.0}", "false"},
	    {"!a", "{\"a\":\"\"}", "true"},
	    {"!a", "{\"a\":{}}", "true"},
	    {"!!a", "{\"a\":\"x\"}", "true"},
	    {"!''", NULL, "true"},
	    {"!'x'", NULL, "false"},
	    {"!&a", NULL, "false"},
	    {"(a || b).c", "{\"a\":{\"c\":1}}", "1"},
	    {"a || b && c", "{\"b\":1,\"c\":2}", "2"},
	    {"a && b || c", "{\"c\":3}", "3"},
	    {"!a == b", "{\"b\":true}", "true"},
	    {"`true` || nope()", NULL, "true"},
	    {"`false` && nope()", NULL, "false"},
	    {"`false` || nope()", NULL, "!unknown-function"},
	    {"`1` == nope()", NULL, "!unknown-function"},
	};
	(void)state;
	RUN(c);
}

static void test_multiselect(void **state)
{
	const struct tc c[] = {
	    {"[a, b]", "{\"a\":1,\"b\":2}", "[1,2]"},
	    {"[a, c]", "{\"a\":1}", "[1,null]"},
	    {"[a, b]", "null", "null"},
	    {"[a, b]", "1", "[null,null]"},
	    {"{x: a, y: b}", "{\"a\":1,\"b\":2}", "{\"x\":1,\"y\":2}"},
	    {"{x: a, x: b, z: a}", "{\"a\":1,\"b\":2}", "{\"x\":2,\"z\":1}"},
	    {"{\"x y\": a}", "{\"a\":1}", "{\"x y\":1}"},
	    {"{a: b c: d}", "{\"b\":1,\"d\":2}", "{\"a\":1,\"c\":2}"},
	    {"{a: b}", "null", "null"},
	    {"{a: b}", "[]", "{\"a\":null}"},
	    {"a.[b, c]", "{\"a\":{\"b\":1,\"c\":2}}", "[1,2]"},
	    {"a.{b: b}", "{\"a\":{\"b\":1}}", "{\"b\":1}"},
	    {"[[a], {b: a}]", "{\"a\":1}", "[[1],{\"b\":1}]"},
	    {"[`1`, '2', @]", "3", "[1,\"2\",3]"},
	};
	(void)state;
	RUN(c);
}

static void test_pipes_current(void **state)
{
	const struct tc c[] = {
	    {"@", "[1,2]", "[1,2]"},
	    {"@.a", "{\"a\":1}", "1"},
	    {"a | b", "{\"a\":{\"b\":1}}", "1"},
	    {"a[*].b | [0]", "{\"a\":[{\"b\":1},{\"b\":2}]}", "1"},
	    {"a[*] | length(@)", "{\"a\":[1,2]}", "2"},
	    {"a | @ | @[1]", "{\"a\":[1,2]}", "2"},
	    {"a[*].b[0] | [1]", "{\"a\":[{\"b\":[1]},{\"b\":[2]}]}", "2"},
	};
	(void)state;
	RUN(c);
}

static void test_literals(void **state)
{
	const struct tc c[] = {
	    {"'abc'", NULL, "\"abc\""},
	    {"'it\\'s'", NULL, "\"it's\""},
	    {"'a\\\\b'", NULL, "\"a\\\\\\\\b\""},
	    {"'a\\nb'", NULL, "\"a\\\\nb\""},
	    {"''", NULL, "\"\""},
	    {"'\xc3\xa9'", NULL, "\"\\u00e9\""},
	    {"`\"x\"`", NULL, "\"x\""},
	    {"`[1, 2.0, -0, 1e2, true, null, {\"k\": \"v\"}]`", NULL,
	     "[1,2.0,0,100.0,true,null,{\"k\":\"v\"}]"},
	    {"` {\"a\" : [ ] , \"b\":{}} `", NULL, "{\"a\":[],\"b\":{}}"},
	    {"`{\"a\":1,\"a\":2,\"b\":3}`", NULL, "{\"a\":2,\"b\":3}"},
	    {"`foo`", NULL, "\"foo\""},
	    {"` foo bar`", NULL, "\"foo bar\""},
	    {"`1 2`", NULL, "\"1 2\""},
	    {"`[1,`", NULL, "\"[1,\""},
	    {"`\\``", NULL, "\"`\""},
	    {"`a\\u0041`", NULL, "\"aA\""},
	    {"`\xc2\xa0x`", NULL, "\"x\""},
	    {"`\xe3\x80\x80x`", NULL, "\"x\""},
	    {"`a\"b`", NULL, "!syntax@0"},
	    {"`\\x`", NULL, "!syntax@0"},
	    {"`NaN`", NULL, "NaN"},
	    {"`-Infinity`", NULL, "-Infinity"},
	    {"`1e400`", NULL, "Infinity"},
	    {"`1.000000000000000333066907387546962127089500427246093750`", NULL,
	     "1.0000000000000004"},
	    {"`1.000000000000000111022302462515654042363166809082031250`", NULL,
	     "1.0"},
	    {"`0.999999999999999944488848768742172978818416595458984375`", NULL,
	     "1.0"},
	    {"`0.999999999999999833466546306226518936455249786376953125`", NULL,
	     "0.9999999999999998"},
	    {"`01`", NULL, "\"01\""},
	    {"`1.`", NULL, "\"1.\""},
	    {"`-`", NULL, "\"-\""},
	    {"`1e`", NULL, "\"1e\""},
	    {"`\"\\ud800\"`", NULL, "\"\\ud800\""},
	    {"`123456789012345678901234567890`", NULL,
	     "123456789012345678901234567890"},
	    {"`[\"a\",`", NULL, "!syntax@0"},
	    {"`[a,` == `[a,`", NULL, "true"},
	    {"`[]`", NULL, "[]"},
	    {"`[1,\t2,\n3,\r4 ]`", NULL, "[1,2,3,4]"},
	    {"`[\"a\\\"b\"]`", NULL, "[\"a\\\"b\"]"},
	    {"`[\"abc`", NULL, "!syntax@0"},
	    {"`[1.5e+3, 2E-2, 3e5]`", NULL, "[1500.0,0.02,300000.0]"},
	    {"`1.e5`", NULL, "\"1.e5\""},
	    {"`1e+`", NULL, "\"1e+\""},
	    {"`{`", NULL, "\"{\""},
	    {"`[1`", NULL, "\"[1\""},
	    {"`{\"a\"`", NULL, "!syntax@0"},
	    {"`a\\\\`", NULL, "\"a\\\\\""},
	    {"'a\\\\'", NULL, "\"a\\\\\\\\\""},
	    {"`{1:2}`", NULL, "\"{1:2}\""},
	    {"`[1 2]`", NULL, "\"[1 2]\""},
	    {"`   `", NULL, "\"\""},
	    {"`{\"a\" 1}`", NULL, "!syntax@0"},
	    {"`{\"a\":}`", NULL, "!syntax@0"},
	    {"`[1,]`", NULL, "\"[1,]\""},
	    {"`\"\\q\"`", NULL, "!syntax@0"},
	};
	(void)state;
	RUN(c);
}

static void test_numbers(void **state)
{
	const struct tc c[] = {
	    {"`[0.1, 1.5, -0.0, 1e16, 1e15, 1e-5, 0.0001, 1e22, 1e-7]`", NULL,
	     "[0.1,1.5,-0.0,1e+16,1000000000000000.0,1e-05,0.0001,1e+22,1e-"
	     "07]"},
	    {"`[5e-324, 2.2250738585072014e-308, 1.7976931348623157e308]`",
	     NULL, "[5e-324,2.2250738585072014e-308,1.7976931348623157e+308]"},
	    {"`[2.4703282292062327e-324, 2.4703282292062328e-324]`", NULL,
	     "[0.0,5e-324]"},
	    {"`[9007199254740993.0, 123456789012345678.0, 0.3]`", NULL,
	     "[9007199254740992.0,1.2345678901234568e+17,0.3]"},
	    {"`[1.7976931348623158e308, 1.7976931348623159e308]`", NULL,
	     "[1.7976931348623157e+308,Infinity]"},
	    {"`[100, -7, 9223372036854775807, -9223372036854775808]`", NULL,
	     "[100,-7,9223372036854775807,-9223372036854775808]"},
	    {"`[2.0000000000000000001, 0.30000000000000004, 1e23]`", NULL,
	     "[2.0,0.30000000000000004,1e+23]"},
	    {"`[1.0000000000000002, 4.35, 1e-320, 123.456e-2]`", NULL,
	     "[1.0000000000000002,4.35,1e-320,1.23456]"},
	    {"`[9223372036854775808.0, 0.6666666666666666, 1.5e-323, 123e-20]`",
	     NULL,
	     "[9.223372036854776e+18,0.6666666666666666,1.5e-323,1.23e-18]"},
	    {"`[9.999999999999999e22, 1e21, 1e-4, 99e-6, 1234567890123456.7]`",
	     NULL, "[1e+23,1e+21,0.0001,9.9e-05,1234567890123456.8]"},
	    {"a", "{\"a\":-0}", "0"},
	    {"a", "{\"a\":1.50}", "1.5"},
	    {"a", "{\"a\":1E2}", "100.0"},
	    {"a", "{\"a\":99999999999999999999}", "99999999999999999999"},
	    {"@", "[-0.0,0e0,-1e-400]", "[-0.0,0.0,-0.0]"},
	    {"@", "{ \"a\" :\t[ 1 ,\n2 ] , \"b\" : { } }",
	     "{\"a\":[1,2],\"b\":{}}"},
	    {"to_number('1.5_')", NULL, "null"},
	    {"to_number('1._5')", NULL, "null"},
	    {"sort(@)", "[5,3,1,4,2]", "[1,2,3,4,5]"},
	    {"sort_by(@, &@)", "[\"e\",\"c\",\"a\",\"d\",\"b\"]",
	     "[\"a\",\"b\",\"c\",\"d\",\"e\"]"},
	    {"[?*]", "[{\"a\":1},{},[1],\"x\"]", "[{\"a\":1}]"},
	};
	(void)state;
	RUN(c);
}

static void test_exprefs(void **state)
{
	const struct tc c[] = {
	    {"sort_by(@, &a)[*].a", "[{\"a\":2},{\"a\":1},{\"a\":3}]",
	     "[1,2,3]"},
	    {"map(&a, @)", "[{\"a\":1},{\"b\":2}]", "[1,null]"},
	    {"map(&[a, b], @)", "[{\"a\":1}]", "[[1,null]]"},
	    {"map(&(a || b), @)", "[{\"a\":1},{\"b\":2}]", "[1,2]"},
	    {"map(&map(&@, @), @)", "[[1],[2,3]]", "[[1],[2,3]]"},
	    {"&a", NULL, "!invalid-type"},
	    {"[&a]", NULL, "!invalid-type"},
	    {"type(&a)", NULL, "null"},
	    {"not_null(&a) == not_null(&a)", NULL, "false"},
	    {"to_array(&a) | length(@)", NULL, "1"},
	    {"length(&a)", NULL, "!invalid-type"},
	    {"to_number(&a)", NULL, "!invalid-type"},
	    {"to_string(&a)", NULL, "!invalid-type"},
	    {"[&a][0] | @ == @", NULL, "true"},
	};
	(void)state;
	RUN(c);
}

static void test_functions_numbers(void **state)
{
	const struct tc c[] = {
	    {"abs(`-3`)", NULL, "3"},
	    {"abs(`3`)", NULL, "3"},
	    {"abs(`-3.5`)", NULL, "3.5"},
	    {"abs(`-0.0`)", NULL, "0.0"},
	    {"abs(`-9223372036854775808`)", NULL, "9223372036854775808"},
	    {"abs(`-100000000000000000000`)", NULL, "100000000000000000000"},
	    {"abs(`100000000000000000000`)", NULL, "100000000000000000000"},
	    {"abs(`true`)", NULL, "!invalid-type"},
	    {"abs('1')", NULL, "!invalid-type"},
	    {"avg(@)", "[1,2,4]", "2.3333333333333335"},
	    {"avg(@)", "[2,2]", "2.0"},
	    {"avg(@)", "[]", "null"},
	    {"avg(@)", "[1,\"2\"]", "!invalid-type"},
	    {"avg(@)", "[1,true]", "!invalid-type"},
	    {"ceil(`1.2`)", NULL, "2"},
	    {"ceil(`-1.2`)", NULL, "-1"},
	    {"ceil(`-0.5`)", NULL, "0"},
	    {"ceil(`3`)", NULL, "3"},
	    {"floor(`-1.2`)", NULL, "-2"},
	    {"floor(`1.9`)", NULL, "1"},
	    {"floor(`-0.0`)", NULL, "0"},
	    {"floor(`4503599627370497.0`)", NULL, "4503599627370497"},
	    {"floor(`1e19`)", NULL, "10000000000000000000"},
	    {"floor(`-1e19`)", NULL, "-10000000000000000000"},
	    {"floor(`1e300`)", NULL,
	     "10000000000000000525047602552044202487044685811081591549158541155"
	     "11802457988908195786371375080447864043704443832883878176942523235"
	     "36043057564479218478670698284838720092657580373783023379478809005"
	     "93689532349707999450811190389676408800746527427801424945792587888"
	     "20056842838115669472196386865459400540160"},
	    {"floor(`Infinity`)", NULL, "!invalid-value"},
	    {"ceil(`NaN`)", NULL, "!invalid-value"},
	    {"floor('1')", NULL, "!invalid-type"},
	    {"sum(@)", "[1,2]", "3"},
	    {"sum(@)", "[1,2.5]", "3.5"},
	    {"sum(@)", "[1.5,2.5]", "4.0"},
	    {"sum(@)", "[]", "0"},
	    {"sum(@)", "[-0.0]", "0.0"},
	    {"sum(@)", "[9223372036854775807,1]", "9223372036854775808"},
	    /* beyond int64 a sum is a double (python: exact) */
	    {"sum(@)", "[100000000000000000000,1]", "100000000000000000000"},
	    {"sum(@)", "[1,\"a\"]", "!invalid-type"},
	    {"max(@)", "[1,3,2]", "3"},
	    {"max(@)", "[1,1.0]", "1"},
	    {"min(@)", "[2,1.0,1]", "1.0"},
	    {"max(@)", "[\"a\",\"c\",\"b\"]", "\"c\""},
	    {"min(@)", "[\"b\",\"a\"]", "\"a\""},
	    {"max(@)", "[]", "null"},
	    {"max(@)", "[1,\"a\"]", "!invalid-type"},
	    {"max(@)", "[true]", "!invalid-type"},
	    {"min(@)", "[[1]]", "!invalid-type"},
	    {"max(@)", "{}", "!invalid-type"},
	    {"to_number('12')", NULL, "12"},
	    {"to_number('-12')", NULL, "-12"},
	    {"to_number('1.50')", NULL, "1.5"},
	    {"to_number('x')", NULL, "null"},
	    {"to_number('')", NULL, "null"},
	    {"to_number(' 1_000 ')", NULL, "1000"},
	    {"to_number('+007')", NULL, "7"},
	    {"to_number('1e5')", NULL, "100000.0"},
	    {"to_number('.5')", NULL, "0.5"},
	    {"to_number('5.')", NULL, "5.0"},
	    {"to_number('1_0.5_0')", NULL, "10.5"},
	    {"to_number('1e1_0')", NULL, "10000000000.0"},
	    {"to_number('1__0')", NULL, "null"},
	    {"to_number('_1')", NULL, "null"},
	    {"to_number('1_')", NULL, "null"},
	    {"to_number('1e')", NULL, "null"},
	    {"to_number('e5')", NULL, "null"},
	    {"to_number('0x10')", NULL, "null"},
	    {"to_number('inf')", NULL, "Infinity"},
	    {"to_number('-Infinity')", NULL, "-Infinity"},
	    {"to_number('nan')", NULL, "NaN"},
	    {"to_number('in')", NULL, "null"},
	    {"to_number('\xc2\x85"
	     "12\x0b\xe1\x9a\x80')",
	     NULL, "12"},
	    {"to_number('\x1c"
	     "12')",
	     NULL, "null"}, /* int() refuses it */
	    {"`\x1c\x1f"
	     "x`",
	     NULL, "\"x\""}, /* strip() does not */
	    {"to_number('\xe2\x80\x8a"
	     "12\xe2\x80\xa8\xe2\x80\xa9')",
	     NULL, "12"},
	    {"to_number('\xe2\x80\xaf"
	     "12\xe2\x81\x9f\xe3\x80\x80')",
	     NULL, "12"},
	    {"to_number('\xe2\x80\x8b"
	     "12')",
	     NULL, "null"}, /* U+200B */
	    {"to_number('\xc2\xa1"
	     "12')",
	     NULL, "null"},
	    {"to_number('12\xe2\x80')", NULL, "null"},
	    {"to_number('\xf0\x9f\x98\x80')", NULL, "null"},
	    {"to_number('1e+2')", NULL, "100.0"},
	    {"to_number('-1E-2')", NULL, "-0.01"},
	    {"to_number('\xc2\xa0"
	     "12\xe2\x80\x80')",
	     NULL, "12"},
	    {"to_number('\\t12\\n')", NULL, "null"}, /* raw: backslash t */
	    {"to_number(a)", "{\"a\":\"\\t12\\u000b\"}", "12"},
	    {"to_number(' -0001000000000000000000000 ')", NULL,
	     "-1000000000000000000000"},
	    {"to_number('1_000_000_000_000_000_000_000')", NULL,
	     "1000000000000000000000"},
	    {"to_number('123456789012345678901234567890')", NULL,
	     "123456789012345678901234567890"},
	    {"to_number(`1.5`)", NULL, "1.5"},
	    {"to_number(`true`)", NULL, "null"},
	    {"to_number(`[1]`)", NULL, "null"},
	    {"to_number(`{}`)", NULL, "null"},
	    {"to_number(a)", NULL, "null"},
	};
	(void)state;
	RUN(c);
}

static void test_functions_strings(void **state)
{
	const struct tc c[] = {
	    {"contains('abc', 'b')", NULL, "true"},
	    {"contains('abc', 'd')", NULL, "false"},
	    {"contains('abc', '')", NULL, "true"},
	    {"contains('ab', 'abc')", NULL, "false"},
	    {"contains('abc', `1`)", NULL, "!invalid-type"},
	    {"contains(@, `1`)", "[true]", "true"},
	    {"contains(@, `1.0`)", "[1]", "true"},
	    {"contains(@, 'a')", "[\"b\",\"a\"]", "true"},
	    {"contains(@, `[1]`)", "[[1]]", "true"},
	    {"contains(@, 'x')", "[]", "false"},
	    {"contains(`1`, 'x')", NULL, "!invalid-type"},
	    {"starts_with('abc', 'ab')", NULL, "true"},
	    {"starts_with('abc', 'bc')", NULL, "false"},
	    {"starts_with('a', 'ab')", NULL, "false"},
	    {"ends_with('abc', 'bc')", NULL, "true"},
	    {"ends_with('abc', 'ab')", NULL, "false"},
	    {"ends_with(a, 'x')", "{\"a\":\"\\u00e9x\"}", "true"},
	    {"starts_with(`1`, 'x')", NULL, "!invalid-type"},
	    {"ends_with('x', `1`)", NULL, "!invalid-type"},
	    {"join(', ', @)", "[\"a\",\"b\",\"c\"]", "\"a, b, c\""},
	    {"join('-', @)", "[\"\",\"b\",\"\"]", "\"-b-\""},
	    {"join('', @)", "[\"\\u00e9\",\"x\"]", "\"\\u00e9x\""},
	    {"join(', ', @)", "[]", "\"\""},
	    {"join(', ', @)", "[\"a\",1]", "!invalid-type"},
	    {"join(`1`, @)", "[]", "!invalid-type"},
	    {"length('\xc3\xa9t\xc3\xa9')", NULL, "3"},
	    {"length(@)", "\"\\ud83d\\ude00\\ud800\\u0000\"", "3"},
	    {"length(@)", "[1,[2,3]]", "2"},
	    {"length(@)", "{\"a\":1}", "1"},
	    {"length(`1`)", NULL, "!invalid-type"},
	    {"length(`null`)", NULL, "!invalid-type"},
	    {"reverse(@)", "[1,2,3]", "[3,2,1]"},
	    {"reverse('ab\xc3\xa9\xf0\x9f\x98\x80')", NULL,
	     "\"\\ud83d\\ude00\\u00e9ba\""},
	    {"reverse('')", NULL, "\"\""},
	    {"reverse(`1`)", NULL, "!invalid-type"},
	    {"to_string(@)", "{\"a\":[1,\"\xc3\xa9\",2.50,true,null]}",
	     "\"{\\\"a\\\":[1,\\\"\\\\u00e9\\\",2.5,true,null]}\""},
	    {"to_string('x')", NULL, "\"x\""},
	    {"to_string(`\"\\u007f\\t\\u0001\"`) == "
	     "'\"\\\\u007f\\\\t\\\\u0001\"'",
	     NULL, "false"},
	    {"to_string(`[\"\\u007f\\t\\u0001\\ud83d\\ude00\"]`)", NULL,
	     "\"[\\\"\\\\u007f\\\\t\\\\u0001\\\\ud83d\\\\ude00\\\"]\""},
	    {"to_string(`{\"a\": {\"b\": []}}`)", NULL,
	     "\"{\\\"a\\\":{\\\"b\\\":[]}}\""},
	    {"to_string(`1e300`)", NULL, "\"1e+300\""},
	    {"to_string(a)", "{\"a\":{\"k\":\"\\u00e9\\n\"}}",
	     "\"{\\\"k\\\":\\\"\\\\u00e9\\\\n\\\"}\""},
	    {"type(@)", "\"s\"", "\"string\""},
	    {"type(@)", "1.0", "\"number\""},
	    {"type(@)", "true", "\"boolean\""},
	    {"type(@)", "[]", "\"array\""},
	    {"type(@)", "{}", "\"object\""},
	    {"type(@)", "null", "\"null\""},
	};
	(void)state;
	RUN(c);
}

static void test_functions_collections(void **state)
{
	static const char *g = "[{\"n\":\"b\",\"c\":2},{\"n\":\"a\",\"c\":1},{"
	                       "\"n\":\"c\",\"c\":2}]";
	const struct tc c[] = {
	    {"keys(@)", "{\"a\":1,\"b\":2}", "[\"a\",\"b\"]"},
	    {"values(@)", "{\"a\":1,\"b\":[2]}", "[1,[2]]"},
	    {"keys(@)", "[]", "!invalid-type"},
	    {"values(`{}`)", NULL, "[]"},
	    {"keys({x: a, y: b})", NULL, "[\"x\",\"y\"]"},
	    {"merge(@, `{\"a\": 9, \"c\": 3}`)", "{\"a\":1,\"b\":2}",
	     "{\"a\":9,\"b\":2,\"c\":3}"},
	    {"merge(`{}`)", NULL, "{}"},
	    {"merge(`{\"a\":1}`, `{\"b\":2}`, `{\"a\":3}`)", NULL,
	     "{\"a\":3,\"b\":2}"},
	    {"merge(`1`)", NULL, "!invalid-type"},
	    {"not_null(a, b, `3`)", "{\"b\":false}", "false"},
	    {"not_null(a, b)", NULL, "null"},
	    {"not_null(a)", "{\"a\":[]}", "[]"},
	    {"sort(@)", "[3,1,2.5,1.0]", "[1,1.0,2.5,3]"},
	    {"sort(@)", "[\"b\",\"a\",\"B\",\"\\u00e9\"]",
	     "[\"B\",\"a\",\"b\",\"\\u00e9\"]"},
	    {"sort(@)", "[]", "[]"},
	    {"sort(@)", "[1,\"a\"]", "!invalid-type"},
	    {"sort(@)", "[null]", "!invalid-type"},
	    {"sort_by(@, &c)[*].n", g, "[\"a\",\"b\",\"c\"]"},
	    {"sort_by(@, &n)[*].c", g, "[1,2,2]"},
	    {"sort_by(@, &c)", "[]", "[]"},
	    {"sort_by(@, &x)", g, "!invalid-type"},
	    {"sort_by(@, &nope())", g, "!unknown-function"},
	    {"sort_by(@, &c)", "[{\"c\":1},{\"c\":\"2\"}]", "!invalid-type"},
	    {"sort_by(@, &c)", "[{\"c\":1},{\"c\":2.5},{\"c\":0}]",
	     "[{\"c\":0},{\"c\":1},{\"c\":2.5}]"},
	    {"sort_by(@, c)", g, "!invalid-type"},
	    {"max_by(@, &c).n", g, "\"b\""},
	    {"min_by(@, &c).n", g, "\"a\""},
	    {"max_by(@, &n).c", g, "2"},
	    {"max_by(@, &c)", "[]", "null"},
	    /* found by the differential fuzz run: a null first element */
	    {"max_by(`[null, 1.5]`, &`\"-2\"`)", NULL, "null"},
	    {"min_by(`[null, 1.5]`, &`1`)", NULL, "null"},
	    {"min_by(@, &c)", "[{\"c\":1},{\"c\":\"x\"}]", "!invalid-type"},
	    {"max_by(@, &c)", "[{\"c\":true}]", "!invalid-type"},
	    {"to_array(@)", "1", "[1]"},
	    {"to_array(@)", "[1]", "[1]"},
	    {"to_array(@)", "null", "[null]"},
	    {"map(&c, @)", g, "[2,1,2]"},
	    {"map(&c, `1`)", NULL, "!invalid-type"},
	    {"map(c, @)", g, "!invalid-type"},
	};
	(void)state;
	RUN(c);
}

static void test_function_calls(void **state)
{
	const struct tc c[] = {
	    {"nope(@)", NULL, "!unknown-function"},
	    {"nope(length(`1`))", NULL, "!invalid-type"}, /* args first */
	    {"length(@, @)", "[]", "!invalid-arity"},
	    {"length()", NULL, "!invalid-arity"},
	    {"merge()", NULL, "!invalid-arity"},
	    {"not_null()", NULL, "!invalid-arity"},
	    {"sort_by(@)", "[]", "!invalid-arity"},
	    {"length(a b)", "{\"a\":\"x\"}", "!invalid-arity"},
	    {"length(a,)", "{\"a\":\"x\"}", "1"},
	    {"a.length(@)", "{\"a\":[1,2]}", "2"},
	    {"a.b(c)", "{\"a\":{}}", "!unknown-function"},
	    {"length(length(@))", "\"ab\"", "!invalid-type"},
	};
	(void)state;
	RUN(c);
}

static void test_syntax_errors(void **state)
{
	const struct tc c[] = {
	    {"", NULL, "!syntax@0"},
	    {" ", NULL, "!syntax@1"},
	    {"a.", NULL, "!syntax@2"},
	    {"a[", NULL, "!syntax@2"},
	    {"a[?", NULL, "!syntax@3"},
	    {"a[?b", NULL, "!syntax@4"},
	    {"=", NULL, "!syntax@0"},
	    {"a=b", NULL, "!syntax@1"},
	    {"a b", NULL, "!syntax@2"},
	    {"foo(", NULL, "!syntax@4"},
	    {"\"a\"(b)", NULL, "!syntax@0"},
	    {"a.\"b\"(c)", NULL, "!syntax@0"},
	    {"(a)(b)", NULL, "!unknown-function"},
	    {"(a.b)(c)", NULL, "!syntax@4"},
	    {"a[b]", NULL, "!syntax@2"},
	    {"a[0", NULL, "!syntax@3"},
	    {"a[0:1:2:3]", NULL, "!syntax@7"},
	    {"a[0:b]", NULL, "!syntax@4"},
	    {"a[0:", NULL, "!syntax@4"},
	    {"-", NULL, "!syntax@0"},
	    {"--1", NULL, "!syntax@0"},
	    {"a.-1", NULL, "!syntax@2"},
	    {"$", NULL, "!syntax@0"},
	    {"a \xc3\xa9", NULL, "!syntax@2"},
	    {"'abc", NULL, "!syntax@0"},
	    {"\"abc", NULL, "!syntax@0"},
	    {"`abc", NULL, "!syntax@0"},
	    {"a 'x\\", NULL, "!syntax@2"},
	    {"\"\\x\"", NULL, "!syntax@0"},
	    {"\"\\u12\"", NULL, "!syntax@0"},
	    {"\"a\tb\"", NULL, "!syntax@0"},
	    {"{a}", NULL, "!syntax@2"},
	    {"{a: b", NULL, "!syntax@5"},
	    {"{1: b}", NULL, "!syntax@1"},
	    {"{", NULL, "!syntax@1"},
	    {"[a,", NULL, "!syntax@3"},
	    {"[a b]", NULL, "!syntax@3"},
	    {"a.[", NULL, "!syntax@3"},
	    {"a.{", NULL, "!syntax@3"},
	    {"a.1", NULL, "!syntax@2"},
	    {"a[*]b", NULL, "!syntax@4"},
	    {"a[?b]c", NULL, "!syntax@5"},
	    {"a[*]{b}", NULL, "!syntax@4"},
	    {"a[*]!", NULL, "!syntax@4"},
	    {"{a b}", NULL, "!syntax@3"},
	    {"a[*b]", NULL, "!syntax@3"},
	    {"*b", NULL, "!syntax@1"},
	    {"a*", NULL, "!syntax@1"},
	    {"a!", NULL, "!syntax@1"},
	    {"a{", NULL, "!syntax@1"},
	    {"1", NULL, "!syntax@0"},
	    {"]", NULL, "!syntax@0"},
	    {"f(,)", NULL, "!syntax@2"},
	    {"(a", NULL, "!syntax@2"},
	    {"a |", NULL, "!syntax@3"},
	    {"a ||", NULL, "!syntax@4"},
	    {"&", NULL, "!syntax@1"},
	    {"!", NULL, "!syntax@1"},
	    {"a <", NULL, "!syntax@3"},
	    {"a[] [", NULL, "!syntax@5"},
	    {"[?]", NULL, "!syntax@2"},
	    {"a.*b", NULL, "!syntax@3"},
	    /* the whole expression is lexed first */
	    {"a[ $", NULL, "!syntax@3"},
	};
	(void)state;
	RUN(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_identifiers),
	    cmocka_unit_test(test_index_slice),
	    cmocka_unit_test(test_projections),
	    cmocka_unit_test(test_filters),
	    cmocka_unit_test(test_comparators),
	    cmocka_unit_test(test_logic),
	    cmocka_unit_test(test_multiselect),
	    cmocka_unit_test(test_pipes_current),
	    cmocka_unit_test(test_literals),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_exprefs),
	    cmocka_unit_test(test_functions_numbers),
	    cmocka_unit_test(test_functions_strings),
	    cmocka_unit_test(test_functions_collections),
	    cmocka_unit_test(test_function_calls),
	    cmocka_unit_test(test_syntax_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
