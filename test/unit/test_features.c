/*
 * test_features.c - the optional features of tcas/config.h (TCAS_WITH_*)
 * as this build has them: a feature that is on takes its setting; one that
 * is off refuses every request to turn it on with TCAS_E_UNSUPPORTED (never
 * ignores it) and accepts the "off" value. Built and run twice by make
 * check: with the defaults (all on) and, by test/lean.mk, with the
 * switches of the cortex-m4-lwip board. A whole call over the replay port
 * checks that a build without them still signs, sends, retries and parses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "support/replay.h"
#include "tcas/client.h"

#define ID  "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define KEY "ExampleSecretKeyExampleSecretKey"
#define NOW 1767225600

static replay rp;
static tcas_port port;
static tcas_client cl;
static tcas_result res;
static int nlines;

static int setup(void **state)
{
	(void)state;
	replay_init(&rp);
	rp.wall = NOW;
	replay_port(&rp, &port);
	assert_int_equal(tcas_client_init(&cl, &port), TCAS_OK);
	assert_int_equal(tcas_client_set_endpoint(&cl, "http://127.0.0.1:8080"),
	                 TCAS_OK);
	tcas_client_set_credentials(&cl, ID, KEY, NULL);
	tcas_client_set_region(&cl, "ap-guangzhou");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tcas_client_close(&cl);
	replay_free(&rp);
	return 0;
}

static void logger(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	(void)line;
	(void)len;
	nlines++;
}

static void test_unsupported_code(void **state)
{
	(void)state;
	assert_int_equal(TCAS_E_UNSUPPORTED, -11);
	assert_string_equal(tcas_errname(TCAS_E_UNSUPPORTED),
	                    "TCAS_E_UNSUPPORTED");
	assert_non_null(
	    strstr(tcas_strerror(TCAS_E_UNSUPPORTED), "TCAS_WITH_"));
	assert_int_equal(tcas_err_class_of(TCAS_E_UNSUPPORTED),
	                 TCAS_CLASS_USAGE);
}

static void test_proxy_switch(void **state)
{
	(void)state;
	assert_int_equal(tcas_client_set_proxy(NULL, "p:1"), TCAS_E_ARG);
	assert_int_equal(tcas_client_set_proxy(&cl, NULL), TCAS_OK);
	assert_int_equal(tcas_client_set_proxy(&cl, ""), TCAS_OK);
#if TCAS_WITH_PROXY
	assert_int_equal(tcas_client_set_proxy(&cl, "proxy:3128"), TCAS_OK);
	assert_string_equal(cl.proxy_host, "proxy");
	assert_int_equal(tcas_client_set_proxy(&cl, "nonsense"),
	                 TCAS_E_ENDPOINT);
#else
	assert_int_equal(tcas_client_set_proxy(&cl, "proxy:3128"),
	                 TCAS_E_UNSUPPORTED);
	/* even a malformed one: the feature is the problem */
	assert_int_equal(tcas_client_set_proxy(&cl, "nonsense"),
	                 TCAS_E_UNSUPPORTED);
#endif
}

static const char *answer(char *buf, size_t cap, const char *body);

static void test_log_switch(void **state)
{
	static char buf[256];

	(void)state;
	(void)buf;
	assert_int_equal(tcas_client_set_log(NULL, logger, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_client_set_log(&cl, NULL, NULL), TCAS_OK);
	nlines = 0;
#if TCAS_WITH_LOG
	assert_int_equal(tcas_client_set_log(&cl, logger, NULL), TCAS_OK);
	replay_add_str(&rp, answer(buf, sizeof buf,
	                           "{\"Response\":{\"RequestId\":\"r\"}}"));
	assert_int_equal(tcas_client_call(&cl, "DescribeX", "{}", 2, &res),
	                 TCAS_OK);
	assert_true(nlines > 0);
#else
	assert_int_equal(tcas_client_set_log(&cl, logger, NULL),
	                 TCAS_E_UNSUPPORTED);
#endif
}

static void test_rate_limit_switch(void **state)
{
	(void)state;
	assert_int_equal(tcas_client_set_rate_limit(NULL, 5), TCAS_E_ARG);
	assert_int_equal(tcas_client_set_rate_limit(&cl, TCAS_RATE_OFF),
	                 TCAS_OK);
#if TCAS_WITH_RATE_LIMIT
	assert_int_equal(tcas_client_set_rate_limit(&cl, 5), TCAS_OK);
	assert_int_equal(cl.rate_qps, 5);
	assert_int_equal(tcas_client_set_rate_limit(&cl, TCAS_RATE_TABLE),
	                 TCAS_OK);
#else
	assert_int_equal(tcas_client_set_rate_limit(&cl, 5),
	                 TCAS_E_UNSUPPORTED);
	assert_int_equal(tcas_client_set_rate_limit(&cl, TCAS_RATE_TABLE),
	                 TCAS_E_UNSUPPORTED);
#endif
}

/* An HTTP 200 kept alive, carrying body. */
static const char *answer(char *buf, size_t cap, const char *body)
{
	snprintf(buf, cap, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
	         strlen(body), body);
	return buf;
}

/* Rate limit off or compiled out, a burst is never throttled by the
 * client, and RequestLimitExceeded is still retried with backoff. */
static void test_call_and_retry(void **state)
{
	static char limited[256], good[256];
	int i;

	(void)state;
	answer(limited, sizeof limited,
	       "{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\","
	       "\"Message\":\"m\"},\"RequestId\":\"r-1\"}}");
	answer(good, sizeof good, "{\"Response\":{\"RequestId\":\"r-ok\"}}");
	assert_int_equal(tcas_client_set_rate_limit(&cl, TCAS_RATE_OFF),
	                 TCAS_OK);
	replay_add_str(&rp, limited);
	replay_add_str(&rp, good);
	assert_int_equal(tcas_client_call(&cl, "DescribeX", "{}", 2, &res),
	                 TCAS_OK);
	assert_int_equal(res.attempts, 2);
	assert_int_equal(rp.nsleeps, 1); /* the backoff */
	assert_string_equal(res.request_id, "r-ok");
	for (i = 0; i < 10; i++) {
		replay_add_str(&rp, good);
		assert_int_equal(
		    tcas_client_call(&cl, "DescribeX", "{}", 2, &res), TCAS_OK);
	}
	assert_int_equal(rp.nsleeps, 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_unsupported_code), T(test_proxy_switch),
	    T(test_log_switch),       T(test_rate_limit_switch),
	    T(test_call_and_retry),
	};

	printf("features: proxy %d, log %d, rate limit %d\n", TCAS_WITH_PROXY,
	       TCAS_WITH_LOG, TCAS_WITH_RATE_LIMIT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
