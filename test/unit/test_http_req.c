/* Tests of src/http.c: the request head writer (test_http: the response
 * reader). */
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
#include "tcas/http.h"

/* ---- request head -------------------------------------------------------- */

static const char doc_auth[] =
    "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234/"
    "2025-12-31/as/tc3_request, SignedHeaders=content-type;host;"
    "x-tc-action, Signature=af5a405a1fd448b1fc6e512c9f7037038c9dc873749b2e"
    "b3bc6bacbec1c416b2";

/* api-3.0.md section 2.1 step 5, plus User-Agent. */
static const char doc_head[] =
    "POST / HTTP/1.1\r\n"
    "Host: as.tencentcloudapi.com\r\n"
    "Content-Type: application/json; charset=utf-8\r\n"
    "Content-Length: 50\r\n"
    "X-TC-Action: DescribeRefreshActivities\r\n"
    "X-TC-Version: 2018-04-19\r\n"
    "X-TC-Timestamp: 1767225599\r\n"
    "X-TC-Region: ap-guangzhou\r\n"
    "Authorization: TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLE"
    "EXAMPLE1234/2025-12-31/as/tc3_request, SignedHeaders=content-type;"
    "host;x-tc-action, Signature=af5a405a1fd448b1fc6e512c9f7037038c9dc87"
    "3749b2eb3bc6bacbec1c416b2\r\n"
    "User-Agent: tcas/0.1.0\r\n"
    "\r\n";

static tcas_http_req doc_req(void)
{
	tcas_http_req r;

	memset(&r, 0, sizeof r);
	r.host = "as.tencentcloudapi.com";
	r.content_type = "application/json; charset=utf-8";
	r.action = "DescribeRefreshActivities";
	r.version = "2018-04-19";
	r.region = "ap-guangzhou";
	r.timestamp = 1767225599;
	r.authorization = doc_auth;
	r.user_agent = "tcas/0.1.0";
	r.body_len = 50;
	r.keep_alive = 1;
	return r;
}

static void test_req_doc_example(void **state)
{
	tcas_http_req r = doc_req();
	char out[TCAS_HTTP_REQ_HEAD_MAX];
	size_t len = 99;

	(void)state;
	assert_int_equal(tcas_http_write_head(&r, out, sizeof out, &len),
	                 TCAS_OK);
	assert_int_equal(len, strlen(doc_head));
	assert_memory_equal(out, doc_head, len);
}

static void test_req_optional_headers(void **state)
{
	tcas_http_req r = doc_req();
	char out[TCAS_HTTP_REQ_HEAD_MAX];
	size_t len;
	static const char want[] = "POST / HTTP/1.1\r\n"
	                           "Host: 127.0.0.1:8443\r\n"
	                           "Content-Type: application/json\r\n"
	                           "Content-Length: 0\r\n"
	                           "X-TC-Action: DescribeRefreshActivities\r\n"
	                           "X-TC-Version: 2018-04-19\r\n"
	                           "X-TC-Timestamp: 0\r\n"
	                           "X-TC-Token: tok\ten\r\n"
	                           "X-TC-Language: en-US\r\n"
	                           "Authorization: a\r\n"
	                           "Connection: close\r\n"
	                           "\r\n";

	(void)state;
	r.host = "127.0.0.1:8443";
	r.content_type = "application/json";
	r.body_len = 0;
	r.timestamp = 0;
	r.region = NULL;
	r.token = "tok\ten"; /* HTAB is a legal value byte */
	r.language = "en-US";
	r.authorization = "a";
	r.user_agent = NULL;
	r.keep_alive = 0;
	assert_int_equal(tcas_http_write_head(&r, out, sizeof out, &len),
	                 TCAS_OK);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);

	/* large numbers */
	r.body_len = (size_t)4294967295u;
	r.timestamp = INT64_MAX;
	assert_int_equal(tcas_http_write_head(&r, out, sizeof out, &len),
	                 TCAS_OK);
	out[len] = '\0';
	assert_non_null(strstr(out, "\r\nContent-Length: 4294967295\r\n"));
	assert_non_null(
	    strstr(out, "\r\nX-TC-Timestamp: 9223372036854775807\r\n"));
}

/* Each string field set to each bad value: refused with TCAS_E_ARG, with
 * room for the head and without. */
static void test_req_injection(void **state)
{
	static const char *const bad[] = {
	    "x\r\nX-Evil: 1", "x\n", "x\r", "\ry", "a\001b", "a\177", "a\x1f",
	};
	char out[TCAS_HTTP_REQ_HEAD_MAX];
	size_t len, f, b;

	(void)state;
	for (f = 0; f < 9; f++) {
		for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
			tcas_http_req r = doc_req();
			const char **field[] = {
			    &r.host,     &r.content_type,  &r.action,
			    &r.version,  &r.region,        &r.token,
			    &r.language, &r.authorization, &r.user_agent,
			};

			*field[f] = bad[b];
			len = 7;
			assert_int_equal(
			    tcas_http_write_head(&r, out, sizeof out, &len),
			    TCAS_E_ARG);
			assert_int_equal(len, 0);
			/* the bad value wins over running out of room, before
			 * it or inside it */
			assert_int_equal(
			    tcas_http_write_head(&r, out, 40, &len),
			    TCAS_E_ARG);
			assert_int_equal(tcas_http_write_head(&r, out, 0, &len),
			                 TCAS_E_ARG);
		}
	}
}

static void test_req_args(void **state)
{
	char out[TCAS_HTTP_REQ_HEAD_MAX];
	size_t len, f;
	tcas_http_req r = doc_req();

	(void)state;
	assert_int_equal(tcas_http_write_head(NULL, out, sizeof out, &len),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_http_write_head(&r, NULL, sizeof out, &len),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_http_write_head(&r, out, sizeof out, NULL),
	                 TCAS_E_ARG);
	r.timestamp = -1;
	assert_int_equal(tcas_http_write_head(&r, out, sizeof out, &len),
	                 TCAS_E_ARG);
	/* required values: NULL and empty refused */
	for (f = 0; f < 5; f++) {
		tcas_http_req q = doc_req();
		const char **field[] = {&q.host, &q.content_type, &q.action,
		                        &q.version, &q.authorization};

		*field[f] = NULL;
		assert_int_equal(
		    tcas_http_write_head(&q, out, sizeof out, &len),
		    TCAS_E_ARG);
		*field[f] = "";
		assert_int_equal(
		    tcas_http_write_head(&q, out, sizeof out, &len),
		    TCAS_E_ARG);
	}
}

/* Every cap below the head length fails without writing at/after cap. */
static void test_req_every_cap(void **state)
{
	tcas_http_req r = doc_req();
	size_t full, cap, len, i, room = 1024;
	char *out = malloc(room);

	(void)state;
	assert_non_null(out);
	r.token = "session-token";
	r.language = "zh-CN";
	r.keep_alive = 0;
	assert_int_equal(tcas_http_write_head(&r, out, room, &full), TCAS_OK);
	assert_true(full > strlen(doc_head));
	for (cap = 0; cap <= full; cap++) {
		memset(out, 0x5a, room);
		len = 1;
		if (cap < full) {
			assert_int_equal(
			    tcas_http_write_head(&r, out, cap, &len),
			    TCAS_E_HTTP_REQ_TOO_LARGE);
			assert_int_equal(len, 0);
		} else {
			assert_int_equal(
			    tcas_http_write_head(&r, out, cap, &len), TCAS_OK);
			assert_int_equal(len, full);
		}
		for (i = cap; i < room; i++)
			assert_int_equal((unsigned char)out[i], 0x5a);
	}
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_req_doc_example),
	    cmocka_unit_test(test_req_optional_headers),
	    cmocka_unit_test(test_req_injection),
	    cmocka_unit_test(test_req_args),
	    cmocka_unit_test(test_req_every_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
