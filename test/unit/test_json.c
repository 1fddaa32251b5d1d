/*
 * Unit tests of the JSON reader (src/json.c, contract in tcas/json.h).
 */
#include <limits.h>
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

/* DescribeRefreshActivities, first example of the API documentation
 * (output field, verbatim). */
static const char refresh_resp[] =
    "{\n"
    "    \"Response\": {\n"
    "        \"TotalCount\": 1,\n"
    "        \"RefreshActivitySet\": [\n"
    "            {\n"
    "                \"Status\": \"SUCCESSFUL\",\n"
    "                \"RefreshBatchSet\": [\n"
    "                    {\n"
    "                        \"RefreshBatchNum\": 3,\n"
    "                        \"EndTime\": \"2023-09-07T16:32:56Z\",\n"
    "                        \"RefreshBatchRelatedInstanceSet\": [\n"
    "                            {\n"
    "                                \"InstanceId\": \"ins-w188n53l\",\n"
    "                                \"InstanceStatusMessage\": \"success\",\n"
    "                                \"LastActivityId\": \"asa-pb2y1bna\",\n"
    "                                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "                            }\n"
    "                        ],\n"
    "                        \"StartTime\": \"2023-09-07T16:31:44Z\",\n"
    "                        \"RefreshBatchStatus\": \"SUCCESSFUL\"\n"
    "                    },\n"
    "                    {\n"
    "                        \"RefreshBatchNum\": 2,\n"
    "                        \"EndTime\": \"2023-09-07T16:31:44Z\",\n"
    "                        \"RefreshBatchRelatedInstanceSet\": [\n"
    "                            {\n"
    "                                \"InstanceId\": \"ins-w1824wre\",\n"
    "                                \"InstanceStatusMessage\": \"success\",\n"
    "                                \"LastActivityId\": \"asa-e8dqz8r6\",\n"
    "                                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "                            },\n"
    "                            {\n"
    "                                \"InstanceId\": \"ins-w188n53m\",\n"
    "                                \"InstanceStatusMessage\": \"success\",\n"
    "                                \"LastActivityId\": \"asa-e8dqz8r6\",\n"
    "                                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "                            }\n"
    "                        ],\n"
    "                        \"StartTime\": \"2023-09-07T16:29:56Z\",\n"
    "                        \"RefreshBatchStatus\": \"SUCCESSFUL\"\n"
    "                    },\n"
    "                    {\n"
    "                        \"RefreshBatchNum\": 1,\n"
    "                        \"EndTime\": \"2023-09-07T16:29:55Z\",\n"
    "                        \"RefreshBatchRelatedInstanceSet\": [\n"
    "                            {\n"
    "                                \"InstanceId\": \"ins-w188n53k\",\n"
    "                                \"InstanceStatusMessage\": \"success\",\n"
    "                                \"LastActivityId\": \"asa-e0o3uxsu\",\n"
    "                                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "                            },\n"
    "                            {\n"
    "                                \"InstanceId\": \"ins-w188n53n\",\n"
    "                                \"InstanceStatusMessage\": \"success\",\n"
    "                                \"LastActivityId\": \"asa-e0o3uxsu\",\n"
    "                                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "                            }\n"
    "                        ],\n"
    "                        \"StartTime\": \"2023-09-07T16:27:49Z\",\n"
    "                        \"RefreshBatchStatus\": \"SUCCESSFUL\"\n"
    "                    }\n"
    "                ],\n"
    "                \"RefreshMode\": \"ROLLING_UPDATE_RESET\",\n"
    "                \"AutoScalingGroupId\": \"asg-kgujlegg\",\n"
    "                \"ActivityType\": \"NORMAL\",\n"
    "                \"RefreshSettings\": {\n"
    "                    \"CheckInstanceTargetHealth\": true,\n"
    "                    \"RollingUpdateSettings\": {\n"
    "                        \"BatchNumber\": 3,\n"
    "                        \"BatchPause\": \"AUTOMATIC\"\n"
    "                    }\n"
    "                },\n"
    "                \"OriginRefreshActivityId\": \"asr-jy6t4e3w\",\n"
    "                \"CurrentRefreshBatchNum\": 3,\n"
    "                \"RefreshActivityId\": \"asr-cs0fxpcu\",\n"
    "                \"StartTime\": \"2023-09-07T16:27:49Z\",\n"
    "                \"CreatedTime\": \"2023-09-07T16:27:49Z\",\n"
    "                \"EndTime\": \"2023-09-07T16:32:56Z\"\n"
    "            }\n"
    "        ],\n"
    "        \"RequestId\": \"48869660-f1df-4085-a62c-1f9636cbe030\"\n"
    "    }\n"
    "}";

/* json.dumps(json.loads(refresh_resp), indent=2) */
static const char refresh_pretty2[] =
    "{\n"
    "  \"Response\": {\n"
    "    \"TotalCount\": 1,\n"
    "    \"RefreshActivitySet\": [\n"
    "      {\n"
    "        \"Status\": \"SUCCESSFUL\",\n"
    "        \"RefreshBatchSet\": [\n"
    "          {\n"
    "            \"RefreshBatchNum\": 3,\n"
    "            \"EndTime\": \"2023-09-07T16:32:56Z\",\n"
    "            \"RefreshBatchRelatedInstanceSet\": [\n"
    "              {\n"
    "                \"InstanceId\": \"ins-w188n53l\",\n"
    "                \"InstanceStatusMessage\": \"success\",\n"
    "                \"LastActivityId\": \"asa-pb2y1bna\",\n"
    "                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "              }\n"
    "            ],\n"
    "            \"StartTime\": \"2023-09-07T16:31:44Z\",\n"
    "            \"RefreshBatchStatus\": \"SUCCESSFUL\"\n"
    "          },\n"
    "          {\n"
    "            \"RefreshBatchNum\": 2,\n"
    "            \"EndTime\": \"2023-09-07T16:31:44Z\",\n"
    "            \"RefreshBatchRelatedInstanceSet\": [\n"
    "              {\n"
    "                \"InstanceId\": \"ins-w1824wre\",\n"
    "                \"InstanceStatusMessage\": \"success\",\n"
    "                \"LastActivityId\": \"asa-e8dqz8r6\",\n"
    "                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "              },\n"
    "              {\n"
    "                \"InstanceId\": \"ins-w188n53m\",\n"
    "                \"InstanceStatusMessage\": \"success\",\n"
    "                \"LastActivityId\": \"asa-e8dqz8r6\",\n"
    "                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "              }\n"
    "            ],\n"
    "            \"StartTime\": \"2023-09-07T16:29:56Z\",\n"
    "            \"RefreshBatchStatus\": \"SUCCESSFUL\"\n"
    "          },\n"
    "          {\n"
    "            \"RefreshBatchNum\": 1,\n"
    "            \"EndTime\": \"2023-09-07T16:29:55Z\",\n"
    "            \"RefreshBatchRelatedInstanceSet\": [\n"
    "              {\n"
    "                \"InstanceId\": \"ins-w188n53k\",\n"
    "                \"InstanceStatusMessage\": \"success\",\n"
    "                \"LastActivityId\": \"asa-e0o3uxsu\",\n"
    "                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "              },\n"
    "              {\n"
    "                \"InstanceId\": \"ins-w188n53n\",\n"
    "                \"InstanceStatusMessage\": \"success\",\n"
    "                \"LastActivityId\": \"asa-e0o3uxsu\",\n"
    "                \"InstanceStatus\": \"SUCCESSFUL\"\n"
    "              }\n"
    "            ],\n"
    "            \"StartTime\": \"2023-09-07T16:27:49Z\",\n"
    "            \"RefreshBatchStatus\": \"SUCCESSFUL\"\n"
    "          }\n"
    "        ],\n"
    "        \"RefreshMode\": \"ROLLING_UPDATE_RESET\",\n"
    "        \"AutoScalingGroupId\": \"asg-kgujlegg\",\n"
    "        \"ActivityType\": \"NORMAL\",\n"
    "        \"RefreshSettings\": {\n"
    "          \"CheckInstanceTargetHealth\": true,\n"
    "          \"RollingUpdateSettings\": {\n"
    "            \"BatchNumber\": 3,\n"
    "            \"BatchPause\": \"AUTOMATIC\"\n"
    "          }\n"
    "        },\n"
    "        \"OriginRefreshActivityId\": \"asr-jy6t4e3w\",\n"
    "        \"CurrentRefreshBatchNum\": 3,\n"
    "        \"RefreshActivityId\": \"asr-cs0fxpcu\",\n"
    "        \"StartTime\": \"2023-09-07T16:27:49Z\",\n"
    "        \"CreatedTime\": \"2023-09-07T16:27:49Z\",\n"
    "        \"EndTime\": \"2023-09-07T16:32:56Z\"\n"
    "      }\n"
    "    ],\n"
    "    \"RequestId\": \"48869660-f1df-4085-a62c-1f9636cbe030\"\n"
    "  }\n"
    "}";

/* json.dumps(json.loads(refresh_resp), separators=(',', ':')) */
static const char refresh_compact[] =
    "{\"Response\":{\"TotalCount\":1,\"RefreshActivitySet\":[{\"Status\":"
    "\"SUCCESSFUL\",\"RefreshBatchSet\":[{\"RefreshBatchNum\":3,\"EndTime\":"
    "\"2023-09-07T16:32:56Z\",\"RefreshBatchRelatedInstanceSet\":[{"
    "\"InstanceId\":\"ins-w188n53l\",\"InstanceStatusMessage\":\"success\","
    "\"LastActivityId\":\"asa-pb2y1bna\",\"InstanceStatus\":\"SUCCESSFUL\"}],"
    "\"StartTime\":\"2023-09-07T16:31:44Z\",\"RefreshBatchStatus\":"
    "\"SUCCESSFUL\"},{\"RefreshBatchNum\":2,\"EndTime\":\"2023-09-07T16:31:"
    "44Z\",\"RefreshBatchRelatedInstanceSet\":[{\"InstanceId\":\"ins-"
    "w1824wre\",\"InstanceStatusMessage\":\"success\",\"LastActivityId\":\"asa-"
    "e8dqz8r6\",\"InstanceStatus\":\"SUCCESSFUL\"},{\"InstanceId\":\"ins-"
    "w188n53m\",\"InstanceStatusMessage\":\"success\",\"LastActivityId\":\"asa-"
    "e8dqz8r6\",\"InstanceStatus\":\"SUCCESSFUL\"}],\"StartTime\":\"2023-09-"
    "07T16:29:56Z\",\"RefreshBatchStatus\":\"SUCCESSFUL\"},{"
    "\"RefreshBatchNum\":1,\"EndTime\":\"2023-09-07T16:29:55Z\","
    "\"RefreshBatchRelatedInstanceSet\":[{\"InstanceId\":\"ins-w188n53k\","
    "\"InstanceStatusMessage\":\"success\",\"LastActivityId\":\"asa-e0o3uxsu\","
    "\"InstanceStatus\":\"SUCCESSFUL\"},{\"InstanceId\":\"ins-w188n53n\","
    "\"InstanceStatusMessage\":\"success\",\"LastActivityId\":\"asa-e0o3uxsu\","
    "\"InstanceStatus\":\"SUCCESSFUL\"}],\"StartTime\":\"2023-09-07T16:27:"
    "49Z\",\"RefreshBatchStatus\":\"SUCCESSFUL\"}],\"RefreshMode\":\"ROLLING_"
    "UPDATE_RESET\",\"AutoScalingGroupId\":\"asg-kgujlegg\",\"ActivityType\":"
    "\"NORMAL\",\"RefreshSettings\":{\"CheckInstanceTargetHealth\":true,"
    "\"RollingUpdateSettings\":{\"BatchNumber\":3,\"BatchPause\":\"AUTOMATIC\"}"
    "},\"OriginRefreshActivityId\":\"asr-jy6t4e3w\",\"CurrentRefreshBatchNum\":"
    "3,\"RefreshActivityId\":\"asr-cs0fxpcu\",\"StartTime\":\"2023-09-07T16:27:"
    "49Z\",\"CreatedTime\":\"2023-09-07T16:27:49Z\",\"EndTime\":\"2023-09-"
    "07T16:32:56Z\"}],\"RequestId\":\"48869660-f1df-4085-a62c-1f9636cbe030\"}}";

#define NTOK 256
static jsmntok_t toks[NTOK];

/* Parse a C string; returns the tcas_err. */
static int parse_s(tcas_json *d, const char *s)
{
	return tcas_json_parse(d, s, strlen(s), toks, NTOK);
}

static void parse_ok(tcas_json *d, const char *s)
{
	int r = parse_s(d, s);
	if (r != TCAS_OK)
		fail_msg("parse of <%s> failed: %s", s, tcas_errname(r));
}

static int find_tok(const tcas_json *d, int from, const char *path)
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

static int buf_sink(void *ctx, const char *s, size_t n)
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

static void check_pretty(const tcas_json *d, int tok, unsigned indent,
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

/* ---- parse: valid documents ---------------------------------------------- */

static void test_parse_valid(void **state)
{
	static const struct {
		const char *js;
		int ntok;
		tcas_json_type type;
	} v[] = {
	    {"{}", 1, TCAS_JSON_OBJECT},
	    {"[]", 1, TCAS_JSON_ARRAY},
	    {" \t\r\n[ ]\n", 1, TCAS_JSON_ARRAY},
	    {"0", 1, TCAS_JSON_NUMBER},
	    {"-0", 1, TCAS_JSON_NUMBER},
	    {"12", 1, TCAS_JSON_NUMBER},
	    {"-12.50e+3", 1, TCAS_JSON_NUMBER},
	    {"1E-7 ", 1, TCAS_JSON_NUMBER},
	    {"0.0", 1, TCAS_JSON_NUMBER},
	    {"true", 1, TCAS_JSON_BOOL},
	    {" false ", 1, TCAS_JSON_BOOL},
	    {"null", 1, TCAS_JSON_NULL},
	    {"\"\"", 1, TCAS_JSON_STRING},
	    {"\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"", 1, TCAS_JSON_STRING},
	    {"\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", 1,
	     TCAS_JSON_STRING},
	    {"\"\\u0000\"", 1, TCAS_JSON_STRING}, /* valid JSON */
	    {"\"\\ud800\"", 1, TCAS_JSON_STRING}, /* valid JSON */
	    {"\"\x7f\"", 1, TCAS_JSON_STRING},
	    {"[1,\"a\",true,false,null,{},[]]", 8, TCAS_JSON_ARRAY},
	    {"{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", 9, TCAS_JSON_OBJECT},
	    {"{ \"a\" : 1 , \"b\" : [ 2 , 3 ] }", 7, TCAS_JSON_OBJECT},
	    {"{\"a\":{},\"a\":[]}", 5, TCAS_JSON_OBJECT},
	    {"[[[[\"deep\"]]]]", 5, TCAS_JSON_ARRAY},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		tcas_json d;
		parse_ok(&d, v[i].js);
		assert_int_equal(d.ntok, v[i].ntok);
		assert_ptr_equal(d.js, v[i].js);
		assert_int_equal(d.len, strlen(v[i].js));
		assert_ptr_equal(d.tok, toks);
		assert_int_equal(tcas_json_type_of(&d, 0), v[i].type);
	}
}

/* ---- parse: malformed documents ------------------------------------------ */

static void test_parse_malformed(void **state)
{
	static const char *const bad[] = {
	    "[1,]",
	    "{\"a\":1,}",
	    "{\"a\" 1}",
	    "{\"a\":1 \"b\":2}",
	    "[1 2]",
	    "01",
	    "1.",
	    "-",
	    "tru",
	    "\"\\x\"",
	    "{} x",
	    "{} []",
	    "1 2",
	    "[] 1",
	    "\"a\" \"b\"",
	    "{}{}",
	    "[1:2]",
	    "{\"a\"}",
	    "{\"a\":}",
	    "{,}",
	    "[,1]",
	    "[,]",
	    "{\"a\":1,,\"b\":2}",
	    "{1:2}",
	    "{\"a\":1}}",
	    "]",
	    "}",
	    "[}",
	    "{\"a\":1]",
	    "\"a\":1",
	    "\"a\":\"b\"",
	    "\"a\":",
	    "[01]",
	    "[1.e5]",
	    "[.5]",
	    "[+1]",
	    "[1e]",
	    "[1e+]",
	    "[--1]",
	    "[-a]",
	    "[truex]",
	    "[nul]",
	    "[NaN]",
	    "[Infinity]",
	    "'a'",
	    "x",
	    "{\"a\":1 , }",
	    "[1]x",
	    "[1] 2",
	    "{\"a\":[1,2}",
	    "[\"a\":1]",
	    "{\"a\":\"b\":\"c\"}",
	    "{\"a\":{}\"b\":1}",
	    "[{}{}]",
	    "[[] []]",
	    "[1,\n]",
	    "\xef\xbb\xbf{}",
	    "[1x",
	    "[1 2",
	    "{\"a\" \"b",
	    "[1,,",
	    "[01",
	    "{\"a\":1,t",
	    "[\"a\"\"b\"]",
	    "[true false]",
	    "[1,2]]",
	    "{\"a\":[}]",
	    "\"a\tb\"",
	    "\"a\nb\"",
	    "\"\x01\"",
	    "\"\x1f\"",
	    "\"\xff\"",
	    "\"\xc0\xaf\"",
	    "\"\xed\xa0\x80\"",
	    "\"\xc3\"",
	    "\"\xe2\x82\"",
	    "\"\xf4\x90\x80\x80\"",
	    "\"\x80\"",
	    "\"\xf0\x8f\xbf\xbf\"",
	    "\"\\u12\"",
	    "\"\\u12g4\"",
	    "[\"\\q\"]",
	    "{\"\\u\":1}",
	    "[1]\r\n\t x",
	    "[\"a\\\"]\"x\"]",
	    "{\"a\":1}{",
	    "[1,{\"a\":2,\"b\"}]",
	    "{\"a\":1,\"b\":}",
	    "{\"a\":[1,]}",
	    "[[1],]",
	    "{\"a\":{\"b\":1,}}",
	    "[1e5.5]",
	    "[1.5.5]",
	    "[-01]",
	    "[00]",
	    "[0x10]",
	    "\"a\"x",
	    "null1",
	    "[tRue]",
	    "[True]",
	    ":",
	    ",",
	    " , ",
	    ",1",
	    ":1",
	    ",[1]",
	    ":\"a\"",
	    ",{\"a\":1",
	    " :[1",
	    ",\"a",
	    "{}:",
	    "[{\"a\"}",
	    "{\"a\":{\"b\"}",
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tcas_json d;
		int r = parse_s(&d, bad[i]);
		if (r != TCAS_E_JSON_MALFORMED)
			fail_msg("#%zu <%s>: got %s, wanted MALFORMED", i,
			         bad[i], tcas_errname(r));
		assert_int_equal(d.ntok, 0);
	}
}

static void test_parse_nul_bytes(void **state)
{
	static const char a[] = "{\"a\":1}\0junk";
	static const char b[] = "[\"ab\0cd\"]";
	static const char c[] = "[1,\0";
	tcas_json d;
	(void)state;

	assert_int_equal(tcas_json_parse(&d, a, sizeof a - 1, toks, NTOK),
	                 TCAS_E_JSON_MALFORMED);
	assert_int_equal(tcas_json_parse(&d, b, sizeof b - 1, toks, NTOK),
	                 TCAS_E_JSON_MALFORMED);
	assert_int_equal(tcas_json_parse(&d, c, sizeof c - 1, toks, NTOK),
	                 TCAS_E_JSON_MALFORMED);
	/* the length counts, not a terminator: a NUL after len is ignored */
	assert_int_equal(tcas_json_parse(&d, a, 7, toks, NTOK), TCAS_OK);
	assert_int_equal(d.ntok, 3);
}

/* ---- parse: truncated documents ------------------------------------------ */

static void test_parse_truncated(void **state)
{
	static const char *const cut[] = {
	    "",
	    " ",
	    "\r\n\t ",
	    "{",
	    "[",
	    " [ ",
	    "{\"a\":[1,2",
	    "\"abc",
	    "\"",
	    "{\"a\"",
	    "{\"a\" ",
	    "{\"a\":",
	    "{\"a\": ",
	    "{\"a\":1",
	    "{\"a\":1,",
	    "{\"a\":1, \"b",
	    "[1,",
	    "[1",
	    "[-",
	    "[1.",
	    "[1e",
	    "[1e+",
	    "[1.5E-",
	    "[tr",
	    "[true",
	    "[fals",
	    "[n",
	    "{\"a\":\"b",
	    "\"ab\\",
	    "\"\\u12",
	    "\"\\ud83d\\ude",
	    "[{\"a\":[{}",
	    "{\"a\":{\"b\":",
	    "[[[[",
	    "[\"\xc3",
	    "[\"\xf0\x9f\x98",
	    "{\"a\":[1,{\"b\":null},[]],\"c\":{",
	    "[{}, ",
	    "[\"x\",\"",
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		tcas_json d;
		int r = parse_s(&d, cut[i]);
		if (r != TCAS_E_JSON_TRUNCATED)
			fail_msg("<%s>: got %s, wanted TRUNCATED", cut[i],
			         tcas_errname(r));
		assert_int_equal(d.ntok, 0);
	}
}

/* A failed parse leaves jsmn's tokens in the array; the same array then
 * serves the next parse as if fresh, and member lookups step over nested
 * values between keys. */
static void test_token_reuse_after_failure(void **state)
{
	static const char *const fail[] = {
	    "{\"a\":[{\"b\":[1,",      "[[[{\"x\":",
	    "{\"a\":[1,{\"b\":2,]}]}", "[{\"a\":[1 2]}]",
	    "{\"k\":{\"l\":[tru]}}",
	};
	static const char ok[] =
	    "{\"a\":[{\"b\":[1,2]},{}],\"c\":{\"d\":[[]]},\"e\":3}";
	tcas_json d;
	size_t i;
	int t;
	int64_t v;
	(void)state;

	for (i = 0; i < sizeof fail / sizeof fail[0]; i++) {
		int r = parse_s(&d, fail[i]);
		assert_true(r == TCAS_E_JSON_TRUNCATED ||
		            r == TCAS_E_JSON_MALFORMED);
		assert_int_equal(d.ntok, 0);
		parse_ok(&d, ok);
		assert_int_equal(d.ntok, 16);
		assert_int_equal(toks[0].end, (int)sizeof ok - 1);
		assert_int_equal(toks[2].end, 21); /* [{"b":[1,2]},{}] */
		assert_int_equal(tcas_json_member(&d, 0, "e", &t), TCAS_OK);
		assert_int_equal(t, 15);
		assert_int_equal(tcas_json_get_int64(&d, t, &v), TCAS_OK);
		assert_int_equal(v, 3);
		assert_int_equal(tcas_json_find(&d, 0, "c.d[0]", &t), TCAS_OK);
		assert_int_equal(tcas_json_type_of(&d, t), TCAS_JSON_ARRAY);
		assert_int_equal(tcas_json_member(&d, 0, "b", &t),
		                 TCAS_E_JSON_NOT_FOUND);
	}
}

/* After a failed parse the token array holds jsmn's tokens again: the
 * check's links through the end fields of open containers are gone (json.h,
 * tcas_json_parse: on failure). */
static void test_tokens_after_failure(void **state)
{
	(void)state;
	/* malformed at "2", inside three open containers */
	assert_int_equal(parse_s(&(tcas_json){0}, "[{\"a\":[1 2]}]"),
	                 TCAS_E_JSON_MALFORMED);
	assert_int_equal(toks[0].type, JSMN_ARRAY);
	assert_int_equal(toks[0].end, 13);
	assert_int_equal(toks[1].type, JSMN_OBJECT);
	assert_int_equal(toks[1].end, 12);
	assert_int_equal(toks[3].type, JSMN_ARRAY);
	assert_int_equal(toks[3].start, 6);
	assert_int_equal(toks[3].end, 11);
	assert_int_equal(toks[3].size, 2);
	/* truncated: jsmn leaves open containers with end -1 */
	assert_int_equal(parse_s(&(tcas_json){0}, "{\"a\":[1,"),
	                 TCAS_E_JSON_TRUNCATED);
	assert_int_equal(toks[0].end, -1);
	assert_int_equal(toks[2].type, JSMN_ARRAY);
	assert_int_equal(toks[2].end, -1);
	assert_int_equal(toks[3].end, 7);
	/* malformed after a closed container: its end was put back */
	assert_int_equal(parse_s(&(tcas_json){0}, "[[1],,2]"),
	                 TCAS_E_JSON_MALFORMED);
	assert_int_equal(toks[0].end, 8);
	assert_int_equal(toks[1].end, 4);
}

/* Every proper prefix of a valid document is truncated, never malformed;
 * the full text parses. */
static void prefixes_truncated(const char *js, unsigned maxtoks)
{
	size_t n = strlen(js), k;
	jsmntok_t *tk = calloc(maxtoks, sizeof *tk);
	tcas_json d;

	assert_non_null(tk);
	for (k = 0; k < n; k++) {
		/* exact-size heap copy so ASan/valgrind see overreads */
		char *copy = malloc(k + 1);
		int r;
		assert_non_null(copy);
		memcpy(copy, js, k);
		r = tcas_json_parse(&d, copy, k, tk, maxtoks);
		free(copy);
		if (r != TCAS_E_JSON_TRUNCATED)
			fail_msg("prefix %zu of <%s>: %s", k, js,
			         tcas_errname(r));
	}
	assert_int_equal(tcas_json_parse(&d, js, n, tk, maxtoks), TCAS_OK);
	free(tk);
}

static void test_parse_prefixes(void **state)
{
	(void)state;
	prefixes_truncated("{\"a\": [1, -2.5e+3, {\"b\": null}, [], "
	                   "\"x\\\"\\u00e9\\ud83d\\ude00\xc3\xa9\"], "
	                   "\"c\" : {\"d\":true,\"e\":false}}",
	                   NTOK);
	prefixes_truncated("[[[\"s\"],[]],{}]", NTOK);
}

/* ---- parse: arguments and token limits ----------------------------------- */

static void test_parse_args(void **state)
{
	tcas_json d;
	(void)state;

	assert_int_equal(tcas_json_parse(NULL, "1", 1, toks, NTOK), TCAS_E_ARG);
	assert_int_equal(tcas_json_parse(&d, NULL, 1, toks, NTOK), TCAS_E_ARG);
	assert_int_equal(d.ntok, 0);
	assert_int_equal(tcas_json_parse(&d, "1", 1, NULL, NTOK), TCAS_E_ARG);
	assert_int_equal(tcas_json_parse(&d, "1", 1, toks, 0), TCAS_E_ARG);
	assert_int_equal(
	    tcas_json_parse(&d, "1", (size_t)INT_MAX + 1, toks, NTOK),
	    TCAS_E_ARG);
	assert_int_equal(
	    tcas_json_parse(&d, "1", 1, toks, (unsigned)INT_MAX + 1u),
	    TCAS_E_ARG);
}

static void test_parse_too_many_tokens(void **state)
{
	static const char js[] = "{\"a\":[1,2],\"b\":3}"; /* 7 tokens */
	tcas_json d;
	unsigned m;
	(void)state;

	for (m = 1; m < 7; m++) {
		assert_int_equal(tcas_json_parse(&d, js, strlen(js), toks, m),
		                 TCAS_E_JSON_TOO_MANY_TOKENS);
		assert_int_equal(d.ntok, 0);
		assert_int_equal(tcas_json_count(&d, 0), TCAS_E_ARG);
	}
	assert_int_equal(tcas_json_parse(&d, js, strlen(js), toks, 7), TCAS_OK);
	assert_int_equal(d.ntok, 7);
	/* a top-level primitive fits in exactly one token */
	assert_int_equal(tcas_json_parse(&d, "42", 2, toks, 1), TCAS_OK);
	assert_int_equal(d.ntok, 1);
	assert_int_equal(tcas_json_parse(&d, " 42", 3, toks, 1), TCAS_OK);
	assert_int_equal(tcas_json_parse(&d, "[42]", 4, toks, 1),
	                 TCAS_E_JSON_TOO_MANY_TOKENS);
}

/* 20000 levels of nesting: no recursion anywhere. */
static void test_deep_nesting(void **state)
{
	enum { DEPTH = 20000 };
	size_t n = 2 * DEPTH + 2;
	char *js = malloc(n + 1);
	jsmntok_t *tk = calloc(DEPTH + 1, sizeof *tk);
	struct buf b = {0};
	tcas_json d;
	int t, i;
	(void)state;

	assert_non_null(js);
	assert_non_null(tk);
	/* [ [[...[]...]] ,7] : DEPTH arrays and one number */
	memset(js, '[', DEPTH);
	memset(js + DEPTH, ']', DEPTH - 1);
	memcpy(js + 2 * DEPTH - 1, ",7]", 4);
	assert_int_equal(tcas_json_parse(&d, js, n, tk, DEPTH + 1), TCAS_OK);
	assert_int_equal(d.ntok, DEPTH + 1);
	assert_int_equal(tcas_json_count(&d, 0), 2);
	t = tcas_json_first(&d, 0);
	assert_int_equal(t, 1);
	t = tcas_json_next(&d, t); /* skips 19999 nested arrays */
	assert_int_equal(t, DEPTH);
	assert_int_equal(tcas_json_type_of(&d, t), TCAS_JSON_NUMBER);
	assert_int_equal(tcas_json_next(&d, t), -1);
	for (t = 1, i = 0; i < DEPTH - 2; i++)
		t = tcas_json_first(&d, t);
	assert_int_equal(t, DEPTH - 1);
	assert_int_equal(tcas_json_first(&d, t), -1);
	assert_int_equal(tcas_json_pretty(&d, 0, 0, buf_sink, &b), TCAS_OK);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.p, js, n);
	free(b.p);
	/* the same text cut short is truncated, with a bad tail malformed */
	assert_int_equal(tcas_json_parse(&d, js, n - 1, tk, DEPTH + 1),
	                 TCAS_E_JSON_TRUNCATED);
	js[n - 2] = 'x';
	assert_int_equal(tcas_json_parse(&d, js, n - 1, tk, DEPTH + 1),
	                 TCAS_E_JSON_MALFORMED);
	free(tk);
	free(js);
}

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

/* ---- a recorded response ------------------------------------------------- */

static void test_recorded_response(void **state)
{
	static jsmntok_t big[TCAS_JSON_TOKENS_MAX];
	tcas_json d;
	char s[TCAS_REQUEST_ID_MAX];
	size_t len;
	int64_t v;
	int t, set, n, e;
	(void)state;

	assert_int_equal(tcas_json_parse(&d, refresh_resp, strlen(refresh_resp),
	                                 big, TCAS_JSON_TOKENS_MAX),
	                 TCAS_OK);
	assert_int_equal(
	    tcas_json_get_int64(&d, find_tok(&d, 0, "Response.TotalCount"), &v),
	    TCAS_OK);
	assert_int_equal(v, 1);
	assert_true(tcas_json_str_eq(
	    &d, find_tok(&d, 0, "Response.RefreshActivitySet[0].Status"),
	    "SUCCESSFUL"));
	assert_int_equal(
	    tcas_json_get_string(&d, find_tok(&d, 0, "Response.RequestId"), s,
	                         sizeof s, &len),
	    TCAS_OK);
	assert_string_equal(s, "48869660-f1df-4085-a62c-1f9636cbe030");
	assert_int_equal(len, 36);
	t = find_tok(&d, 0,
	             "Response.RefreshActivitySet[0].RefreshBatchSet"
	             "[1].RefreshBatchRelatedInstanceSet[1].InstanceId");
	assert_true(tcas_json_str_eq(&d, t, "ins-w188n53m"));
	set = find_tok(&d, 0, "Response.RefreshActivitySet[0].RefreshBatchSet");
	assert_int_equal(tcas_json_count(&d, set), 3);
	for (n = 0, e = tcas_json_first(&d, set); e >= 0;
	     e = tcas_json_next(&d, e), n++) {
		assert_int_equal(
		    tcas_json_get_int64(&d, find_tok(&d, e, "RefreshBatchNum"),
		                        &v),
		    TCAS_OK);
		assert_int_equal(v, 3 - n);
	}
	assert_int_equal(n, 3);
	assert_int_equal(
	    tcas_json_count(&d,
	                    find_tok(&d, 0, "Response.RefreshActivitySet[0]")),
	    12);
	assert_int_equal(tcas_json_find(&d, 0, "Response.Error.Code", &t),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(
	    tcas_json_find(&d, 0, "Response.RefreshActivitySet[1]", &t),
	    TCAS_E_JSON_NOT_FOUND);
	check_pretty(&d, 0, 2, refresh_pretty2);
	check_pretty(&d, 0, 0, refresh_compact);
	/* the reformatted texts parse to the same shape */
	{
		tcas_json d2;
		jsmntok_t *t2 = calloc(TCAS_JSON_TOKENS_MAX, sizeof *t2);
		assert_non_null(t2);
		assert_int_equal(tcas_json_parse(&d2, refresh_pretty2,
		                                 strlen(refresh_pretty2), t2,
		                                 TCAS_JSON_TOKENS_MAX),
		                 TCAS_OK);
		assert_int_equal(d2.ntok, d.ntok);
		free(t2);
	}
	/* too few tokens for it */
	assert_int_equal(
	    tcas_json_parse(&d, refresh_resp, strlen(refresh_resp), big, 50),
	    TCAS_E_JSON_TOO_MANY_TOKENS);
}

static void test_recorded_prefixes(void **state)
{
	(void)state;
	prefixes_truncated(refresh_resp, TCAS_JSON_TOKENS_MAX);
	prefixes_truncated(refresh_compact, TCAS_JSON_TOKENS_MAX);
}

/* An API error envelope as the service sends it. */
static void test_error_envelope(void **state)
{
	static const char js[] =
	    "{\"Response\":{\"Error\":{\"Code\":\"InvalidParameterValue."
	    "InvalidAutoScalingGroupId\",\"Message\":\"\\u4f38\\u7f29\\u7ec4"
	    "ID\\u65e0\\u6548 asg-\\\"x\\\"\"},\"RequestId\":\"r-1\"}}";
	tcas_json d;
	char code[TCAS_ERR_CODE_MAX], msg[TCAS_ERR_MSG_MAX];
	int t;
	(void)state;

	parse_ok(&d, js);
	t = find_tok(&d, 0, "Response.Error.Code");
	assert_int_equal(tcas_json_get_string(&d, t, code, sizeof code, NULL),
	                 TCAS_OK);
	assert_string_equal(code,
	                    "InvalidParameterValue.InvalidAutoScalingGroupId");
	t = find_tok(&d, 0, "Response.Error.Message");
	assert_int_equal(tcas_json_get_string(&d, t, msg, sizeof msg, NULL),
	                 TCAS_OK);
	assert_string_equal(msg, "\xe4\xbc\xb8\xe7\xbc\xa9\xe7\xbb\x84ID"
	                         "\xe6\x97\xa0\xe6\x95\x88 asg-\"x\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_valid),
	    cmocka_unit_test(test_parse_malformed),
	    cmocka_unit_test(test_parse_nul_bytes),
	    cmocka_unit_test(test_parse_truncated),
	    cmocka_unit_test(test_parse_prefixes),
	    cmocka_unit_test(test_token_reuse_after_failure),
	    cmocka_unit_test(test_tokens_after_failure),
	    cmocka_unit_test(test_parse_args),
	    cmocka_unit_test(test_parse_too_many_tokens),
	    cmocka_unit_test(test_deep_nesting),
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
	    cmocka_unit_test(test_recorded_response),
	    cmocka_unit_test(test_recorded_prefixes),
	    cmocka_unit_test(test_error_envelope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
