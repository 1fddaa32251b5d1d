/*
 * test_emu_http.c - the emulator's HTTP/1.1 request parser, fault rules
 * and rate limit (test/emu/http.c, faults.c, rate.c): framing by
 * Content-Length and chunked (fed in every possible split), pipelining,
 * keep-alive rules, every refusal with its HTTP status, and the limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emu/srv.h"

/* Feed text in pieces of `step` bytes (0 = all at once) until DONE or
   ERROR; returns the final code, *consumed the bytes used. */
static int feed(emu_http *p, const char *text, size_t len, size_t step,
                size_t *consumed)
{
	size_t off = 0;
	int rc = EMU_HTTP_MORE;

	while (off <= len) {
		size_t n = step && len - off > step ? step : len - off, used;

		rc = emu_http_feed(p, text + off, n, &used);
		assert_true(used <= n);
		off += used;
		if (rc == EMU_HTTP_DONE || rc == EMU_HTTP_ERROR)
			break;
		if (rc == EMU_HTTP_MORE && off == len)
			break;
	}
	*consumed = off;
	return rc;
}

static const char chunked[] =
    "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    "5;ext=1\r\n{\"a\":\r\n"
    "A\r\n\"0123456\"}\r\n"
    "0\r\nTrailer: x\r\n\r\n";

static void test_chunked_every_split(void **state)
{
	size_t step, used;

	(void)state;
	for (step = 0; step <= sizeof chunked; step++) {
		emu_http p;

		emu_http_init(&p);
		assert_int_equal(
		    feed(&p, chunked, sizeof chunked - 1, step, &used),
		    EMU_HTTP_DONE);
		assert_int_equal(used, sizeof chunked - 1);
		assert_int_equal(p.req.body_len, 15);
		assert_memory_equal(p.req.body, "{\"a\":\"0123456\"}", 15);
		assert_string_equal(emu_req_header(&p.req, "host"), "h");
		emu_http_free(&p);
	}
}

static void test_pipelined_and_keepalive(void **state)
{
	static const char two[] =
	    "\r\nPOST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"
	    "POST / HTTP/1.0\nContent-Length: 3\nConnection: Keep-Alive\n\n[1]"
	    "POST / HTTP/1.1\r\nConnection: te, close\r\n\r\n";
	emu_http p;
	size_t off = 0, used;

	(void)state;
	emu_http_init(&p);
	assert_int_equal(feed(&p, two, sizeof two - 1, 0, &used),
	                 EMU_HTTP_DONE);
	assert_int_equal(p.req.body_len, 2);
	assert_true(p.req.keep_alive);
	off += used;
	emu_http_reset(&p);
	assert_int_equal(feed(&p, two + off, sizeof two - 1 - off, 0, &used),
	                 EMU_HTTP_DONE);
	assert_int_equal(p.req.minor, 0);
	assert_memory_equal(p.req.body, "[1]", 3);
	assert_true(p.req.keep_alive);
	off += used;
	emu_http_reset(&p);
	assert_int_equal(feed(&p, two + off, sizeof two - 1 - off, 0, &used),
	                 EMU_HTTP_DONE);
	assert_int_equal(p.req.body_len, 0);
	assert_false(p.req.keep_alive);
	assert_int_equal(off + used, sizeof two - 1);
	emu_http_free(&p);
}

static void test_head_event_and_expect(void **state)
{
	static const char t[] = "POST / HTTP/1.1\r\nExpect: 100-continue\r\n"
	                        "Content-Length: 2\r\n\r\n{}";
	emu_http p;
	size_t used;

	(void)state;
	emu_http_init(&p);
	assert_int_equal(emu_http_feed(&p, t, sizeof t - 3, &used),
	                 EMU_HTTP_HEAD);
	assert_int_equal(used, sizeof t - 3);
	assert_true(p.req.expect_continue);
	assert_int_equal(emu_http_feed(&p, t + used, 0, &used), EMU_HTTP_MORE);
	assert_int_equal(emu_http_feed(&p, "{}", 2, &used), EMU_HTTP_DONE);
	emu_http_free(&p);
}

static void expect_error(const char *text, size_t len, int status)
{
	emu_http p;
	size_t used;

	emu_http_init(&p);
	assert_int_equal(feed(&p, text, len, 0, &used), EMU_HTTP_ERROR);
	assert_int_equal(p.err_status, status);
	assert_non_null(p.err_reason);
	/* sticky */
	assert_int_equal(emu_http_feed(&p, "x", 1, &used), EMU_HTTP_ERROR);
	emu_http_free(&p);
}

#define ERR(s, st) expect_error(s, sizeof s - 1, st)

static void test_refusals(void **state)
{
	(void)state;
	ERR("GARBAGE\r\n\r\n", 400);
	ERR("POST  / HTTP/1.1\r\n\r\n", 400);
	ERR("POST / HTTP/1.1 x\r\n\r\n", 400);
	ERR("PO(ST / HTTP/1.1\r\n\r\n", 400);
	ERR("POST / HTTP/2.0\r\n\r\n", 505);
	ERR("POST / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nNoColon\r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nA: b\x01\r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nA: \0\r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nContent-Length: \r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
	    400);
	ERR("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", 413);
	ERR("POST / HTTP/1.1\r\nContent-Length: "
	    "99999999999999999999999\r\n\r\n",
	    413);
	ERR("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501);
	ERR("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
	    "Content-Length: 2\r\n\r\n",
	    400);
	ERR("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400);
	ERR("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400);
	ERR("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "ffffffffffffffffffffffff\r\n",
	    413);
	ERR("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "2\r\n{}xx\r\n",
	    400);
}

static void test_limits(void **state)
{
	size_t n = EMU_HEAD_MAX + 100, i, used;
	char *big = malloc(n);
	emu_http p;

	(void)state;
	assert_non_null(big);
	memcpy(big, "POST / HTTP/1.1\r\nX: ", 20);
	memset(big + 20, 'a', n - 20);
	expect_error(big, n, 431);
	/* too many header lines */
	emu_http_init(&p);
	assert_int_equal(emu_http_feed(&p, "POST / HTTP/1.1\r\n", 17, &used),
	                 EMU_HTTP_MORE);
	for (i = 0; i <= EMU_HEADERS_MAX; i++)
		assert_int_equal(emu_http_feed(&p, "A: b\r\n", 6, &used),
		                 EMU_HTTP_MORE);
	assert_int_equal(emu_http_feed(&p, "\r\n", 2, &used), EMU_HTTP_ERROR);
	assert_int_equal(p.err_status, 431);
	emu_http_free(&p);
	/* chunked total over 1 MiB, in chunks each under it */
	emu_http_init(&p);
	assert_int_equal(emu_http_feed(&p,
	                               "POST / HTTP/1.1\r\nTransfer-Encoding:"
	                               " chunked\r\n\r\n",
	                               47, &used),
	                 EMU_HTTP_HEAD);
	memset(big, 'x', 0x2000);
	for (i = 0;; i++) {
		int rc = emu_http_feed(&p, "2000\r\n", 6, &used);

		if (rc == EMU_HTTP_ERROR)
			break;
		assert_int_equal(emu_http_feed(&p, big, 0x2000, &used),
		                 EMU_HTTP_MORE);
		assert_int_equal(emu_http_feed(&p, "\r\n", 2, &used),
		                 EMU_HTTP_MORE);
		assert_true(i < 200);
	}
	assert_int_equal(p.err_status, 413);
	assert_int_equal(p.req.body_len, EMU_BODY_MAX);
	emu_http_free(&p);
	free(big);
}

static void test_fault_rules(void **state)
{
	emu_faults f;
	char err[256];
	long arg;
	int i;

	(void)state;
	memset(&f, 0, sizeof f);
	assert_int_equal(emu_fault_add(&f, "DescribeX internal after=2 count=1",
	                               1, 1, err, sizeof err),
	                 0);
	assert_int_equal(emu_fault_add(&f, "* throttle=2 after=5 count=1", 1, 2,
	                               err, sizeof err),
	                 0);
	assert_int_equal(emu_fault_add(&f, "slow=250", 0, 0, err, sizeof err),
	                 0);
	/* DescribeX: 1, 2 slow (rule 3), 3rd internal, then slow again */
	assert_int_equal(emu_fault_pick(&f, "DescribeX", &arg), EMU_F_SLOW);
	assert_int_equal(arg, 250);
	assert_int_equal(emu_fault_pick(&f, "DescribeX", &arg), EMU_F_SLOW);
	assert_int_equal(emu_fault_pick(&f, "DescribeX", &arg), EMU_F_INTERNAL);
	assert_int_equal(emu_fault_pick(&f, "DescribeX", &arg), EMU_F_SLOW);
	/* 6th request overall starts a burst of 2 */
	assert_int_equal(emu_fault_pick(&f, "Other", &arg), EMU_F_SLOW);
	assert_int_equal(emu_fault_pick(&f, NULL, &arg), EMU_F_THROTTLE);
	assert_int_equal(emu_fault_pick(&f, "Other", &arg), EMU_F_THROTTLE);
	for (i = 0; i < 5; i++)
		assert_int_equal(emu_fault_pick(&f, "Other", &arg), EMU_F_SLOW);
	emu_faults_free(&f);

	assert_int_equal(emu_fault_add(&f, "X slow", 1, 1, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, "slow"));
	assert_int_equal(emu_fault_add(&f, "X hang=3", 1, 1, err, sizeof err),
	                 -1);
	assert_int_equal(emu_fault_add(&f, "X explode", 1, 1, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, "explode"));
	assert_int_equal(
	    emu_fault_add(&f, "X http5xx=404", 1, 1, err, sizeof err), -1);
	assert_int_equal(
	    emu_fault_add(&f, "X hang count=x", 1, 1, err, sizeof err), -1);
	assert_int_equal(emu_fault_add(&f, "X", 1, 1, err, sizeof err), -1);
	assert_int_equal(emu_fault_add(&f, "X http5xx", 1, 1, err, sizeof err),
	                 0);
	assert_int_equal(emu_fault_pick(&f, "X", &arg), EMU_F_HTTP5XX);
	assert_int_equal(arg, 503);
	assert_int_equal(emu_fault_pick(&f, "Y", &arg), EMU_F_NONE);
	emu_faults_free(&f);
}

static void test_rate_window(void **state)
{
	emu_rate *r = emu_rate_new(3);
	int i;

	(void)state;
	assert_non_null(r);
	for (i = 0; i < 3; i++)
		assert_true(emu_rate_allow(r, "A", 100.0 + i * 0.1));
	assert_false(emu_rate_allow(r, "A", 100.5));
	assert_true(emu_rate_allow(r, "B", 100.5)); /* per action */
	assert_true(emu_rate_allow(r, "A", 101.0)); /* first left window */
	assert_false(emu_rate_allow(r, "A", 101.05));
	assert_int_equal(emu_rate_set(r, "A", 0), 0); /* unlimited */
	for (i = 0; i < 100; i++)
		assert_true(emu_rate_allow(r, "A", 102.0));
	emu_rate_free(r);
	/* documented QPS from the actions table */
	r = emu_rate_new(-1);
	for (i = 0; i < 60; i++)
		assert_true(
		    emu_rate_allow(r, "DescribeAutoScalingGroups", 5.0));
	assert_false(emu_rate_allow(r, "DescribeAutoScalingGroups", 5.0));
	for (i = 0; i < 20; i++)
		assert_true(emu_rate_allow(r, "StartInstanceRefresh", 5.0));
	assert_false(emu_rate_allow(r, "StartInstanceRefresh", 5.0));
	emu_rate_free(r);
}

static void test_error_envelope(void **state)
{
	size_t len;
	char *doc =
	    emu_error_json("InvalidParameter", "bad \"x\"\n\\", "rid-1", &len);
	char id[37];

	(void)state;
	assert_non_null(doc);
	assert_string_equal(doc, "{\"Response\":{\"Error\":{\"Code\":"
	                         "\"InvalidParameter\",\"Message\":\"bad "
	                         "\\\"x\\\"\\u000a\\\\\"},\"RequestId\":"
	                         "\"rid-1\"}}");
	assert_int_equal(len, strlen(doc));
	assert_true(emu_json_is_object(doc, len));
	free(doc);
	emu_uuid4(id);
	assert_int_equal(strlen(id), 36);
	assert_int_equal(id[14], '4');
	assert_non_null(strchr("89ab", id[19]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chunked_every_split),
	    cmocka_unit_test(test_pipelined_and_keepalive),
	    cmocka_unit_test(test_head_event_and_expect),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_fault_rules),
	    cmocka_unit_test(test_rate_window),
	    cmocka_unit_test(test_error_envelope),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
