/*
 * test_json.c - the JSON reader's parse (src/json.c, contract in
 * tcas/json.h): valid, malformed and truncated documents, the token array
 * after a failure, arguments and token limits, deep nesting, and a
 * recorded DescribeRefreshActivities answer (every prefix of it, its
 * lookups and pretty forms). test_json_read checks the rest of the API.
 */
#include <limits.h>

#include "jsonfix.h"

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
	    /* jsmn with parent links accepts the last '}' (the fuzzer's
	     * find: it closed nothing, and the check read before toks) */
	    "{\"a\" \"b\":1}:2}",
	    "[{\"a\" \"b\":1}:2}]",
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

/* String bodies are checked a machine word at a time, with the last word
 * read overlapping and a byte loop for short ones: one bad byte at every
 * offset of bodies of every length up to 40 (several words on any
 * target), in a value and in a key, must be found wherever it falls, and
 * the byte values at the edges of the fast path (0x20, 0x7F) and valid
 * multibyte UTF-8 at every offset must pass. */
static void str_body(char *js, size_t *n, int key, size_t len, size_t at,
                     const char *put, size_t putn)
{
	size_t o = 0;

	if (key)
		js[o++] = '{';
	js[o++] = '"';
	memset(js + o, 'a', len);
	memcpy(js + o + at, put, putn);
	o += len;
	memcpy(js + o, key ? "\":1}" : "\"", key ? 4 : 1);
	*n = o + (key ? 4 : 1);
}

static void test_string_bytes_every_offset(void **state)
{
	static const struct {
		const char *put;
		int want;
	} put[] = {
	    {"\x01", TCAS_E_JSON_MALFORMED},
	    {"\x1f", TCAS_E_JSON_MALFORMED},
	    {"\n", TCAS_E_JSON_MALFORMED},
	    {"\x80", TCAS_E_JSON_MALFORMED},
	    {"\xff", TCAS_E_JSON_MALFORMED},
	    {"\xc3", TCAS_E_JSON_MALFORMED},
	    {"\xed\xa0\x80", TCAS_E_JSON_MALFORMED},
	    {" ", TCAS_OK},
	    {"\x7f", TCAS_OK},
	    {"~", TCAS_OK},
	    {"\xc3\xa9", TCAS_OK},
	    {"\xe2\x82\xac", TCAS_OK},
	    {"\xf0\x9f\x98\x80", TCAS_OK},
	};
	char js[64];
	size_t len, at, k, n, pn;
	int key, r;
	tcas_json d;
	(void)state;

	for (key = 0; key <= 1; key++)
		for (len = 1; len <= 40; len++)
			for (at = 0; at < len; at++)
				for (k = 0; k < sizeof put / sizeof *put; k++) {
					pn = strlen(put[k].put);
					if (at + pn > len)
						continue;
					str_body(js, &n, key, len, at,
					         put[k].put, pn);
					r = tcas_json_parse(&d, js, n, toks,
					                    NTOK);
					if (r != put[k].want)
						fail_msg("put %zu len %zu at "
						         "%zu key %d: %s",
						         k, len, at, key,
						         tcas_errname(r));
				}
}

/* The fuzzer's find: jsmn built with parent links accepts a closing
 * bracket when nothing is open any more, and the check then stepped to the
 * token before the array and wrote its end. A guard token before toks
 * must stay as it was. */
static void test_stray_close_guard(void **state)
{
	static const char js[] = "{\"a\" \"b\":1}:2}";
	jsmntok_t buf[1 + 16];
	tcas_json d;
	(void)state;

	memset(buf, 0x5a, sizeof buf);
	assert_int_equal(tcas_json_parse(&d, js, sizeof js - 1, buf + 1, 16),
	                 TCAS_E_JSON_MALFORMED);
	assert_int_equal(buf[0].end, 0x5a5a5a5a);
	assert_int_equal(buf[0].start, 0x5a5a5a5a);
}

/* A wide page, the shape of a Describe* answer (an array of objects), in
 * a jsmn built with parent links (tcas/config.h TCAS_JSON_PARENT_LINKS) or
 * without: every element and member is where the text puts it, and each
 * token links to its container (a member value to its key). */
/* Runs of spaces between tokens are stepped over a machine word at a time
 * (the indentation of pretty-printed answers): runs of every length 1 to
 * 40, before and after every kind of token and punctuation, ending in what
 * is valid there, in what is not, and at the end of a cut document. */
static void spaced(char *js, size_t *n, const char *a, size_t k, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	memcpy(js, a, la);
	memset(js + la, ' ', k);
	memcpy(js + la + k, b, lb);
	*n = la + k + lb;
}

static void test_space_runs(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
	    {"[1,", "2]", TCAS_OK},
	    {"[1", "]", TCAS_OK},
	    {"{\"a\"", ":1}", TCAS_OK},
	    {"{\"a\":", "\"x\"}", TCAS_OK},
	    {"[", "\t 1]", TCAS_OK},
	    {"[1,", "\n]", TCAS_E_JSON_MALFORMED},
	    {"[1", "2]", TCAS_E_JSON_MALFORMED},
	    {"{\"a\"", "1}", TCAS_E_JSON_MALFORMED},
	    {"[1,", "\x01]", TCAS_E_JSON_MALFORMED},
	    {"[1,", "x]", TCAS_E_JSON_MALFORMED},
	    {"[1,", "", TCAS_E_JSON_TRUNCATED},
	    {"{\"a\":", "", TCAS_E_JSON_TRUNCATED},
	};
	char js[128];
	size_t i, k, n;
	tcas_json d;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (k = 1; k <= 40; k++) {
			spaced(js, &n, cases[i].a, k, cases[i].b);
			if (tcas_json_parse(&d, js, n, toks, NTOK) !=
			    cases[i].want)
				fail_msg(
				    "case %zu with %zu spaces: %d", i, k,
				    tcas_json_parse(&d, js, n, toks, NTOK));
		}
	}
	/* a whole document, then spaces to its end: still one value */
	spaced(js, &n, "{\"a\":[1, 2]}", 33, "");
	assert_int_equal(tcas_json_parse(&d, js, n, toks, NTOK), TCAS_OK);
	assert_int_equal(d.ntok, 5);
}

static void test_wide_page(void **state)
{
	enum { N = 400 };
	static char js[N * 40 + 64];
	static jsmntok_t tk[N * 5 + 8];
	char path[32], want[16], got[16];
	size_t n = 0;
	int i, t, e;
	tcas_json d;
	(void)state;

	assert_int_equal(sizeof(jsmntok_t),
	                 (TCAS_JSON_PARENT_LINKS ? 5 : 4) * sizeof(int));
	n += (size_t)sprintf(js + n, "{\"Set\":[");
	for (i = 0; i < N; i++)
		n += (size_t)sprintf(js + n, "%s{\"Id\":\"i-%d\",\"N\":%d}",
		                     i ? "," : "", i, i);
	n += (size_t)sprintf(js + n, "],\"T\":%d}", N);
	assert_int_equal(tcas_json_parse(&d, js, n, tk, N * 5 + 8), TCAS_OK);
	assert_int_equal(d.ntok, 5 + N * 5);
	t = find_tok(&d, 0, "Set");
	assert_int_equal(tcas_json_count(&d, t), N);
	for (i = 0, e = tcas_json_first(&d, t); e >= 0;
	     i++, e = tcas_json_next(&d, e)) {
		sprintf(path, "[%d].Id", i);
		sprintf(want, "i-%d", i);
		assert_int_equal(find_tok(&d, t, path), e + 2);
		assert_int_equal(
		    tcas_json_get_string(&d, e + 2, got, sizeof got, NULL),
		    TCAS_OK);
		assert_string_equal(got, want);
#if TCAS_JSON_PARENT_LINKS
		assert_int_equal(tk[e].parent, t);
		assert_int_equal(tk[e + 1].parent, e);
		assert_int_equal(tk[e + 2].parent, e + 1);
#endif
	}
	assert_int_equal(i, N);
	assert_int_equal(find_tok(&d, 0, "T"), d.ntok - 1);
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
	    cmocka_unit_test(test_string_bytes_every_offset),
	    cmocka_unit_test(test_space_runs),
	    cmocka_unit_test(test_wide_page),
	    cmocka_unit_test(test_stray_close_guard),
	    cmocka_unit_test(test_parse_truncated),
	    cmocka_unit_test(test_parse_prefixes),
	    cmocka_unit_test(test_token_reuse_after_failure),
	    cmocka_unit_test(test_tokens_after_failure),
	    cmocka_unit_test(test_parse_args),
	    cmocka_unit_test(test_parse_too_many_tokens),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_recorded_response),
	    cmocka_unit_test(test_recorded_prefixes),
	    cmocka_unit_test(test_error_envelope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
