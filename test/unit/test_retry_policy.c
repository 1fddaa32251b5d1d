/*
 * test_retry_policy.c - the client's retry policy (src/retry.c) as the
 * pure functions it is: the class of every outcome the client can meet,
 * whether a class is retried for calls that are and are not safe to
 * repeat, and the full-jitter backoff's ceiling and draw for given random
 * values, overflow included. test_retry checks the same policy through
 * whole calls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/client_inner.h"

static tcas_retry_class api(const char *code)
{
	return tcas_retry_classify(TCAS_E_API, code, 200, 1);
}

static void test_api_codes(void **state)
{
	(void)state;
	assert_int_equal(api("RequestLimitExceeded"), TCAS_RETRY_ALWAYS);
	assert_int_equal(api("RequestLimitExceeded.UinLimitExceeded"),
	                 TCAS_RETRY_ALWAYS);
	assert_int_equal(api("InternalError"), TCAS_RETRY_IDEMPOTENT);
	assert_int_equal(api("InternalError.DbError"), TCAS_RETRY_IDEMPOTENT);
	assert_int_equal(api("ServiceUnavailable"), TCAS_RETRY_IDEMPOTENT);
	assert_int_equal(api("AuthFailure.SignatureExpire"), TCAS_RETRY_CLOCK);
	/* a prefix is no match without the '.' */
	assert_int_equal(api("RequestLimitExceededX"), TCAS_RETRY_NEVER);
	assert_int_equal(api("InternalErrorish"), TCAS_RETRY_NEVER);
	assert_int_equal(api("AuthFailure.SignatureFailure"), TCAS_RETRY_NEVER);
	assert_int_equal(api("AuthFailure"), TCAS_RETRY_NEVER);
	assert_int_equal(api("InvalidParameter"), TCAS_RETRY_NEVER);
	assert_int_equal(api(""), TCAS_RETRY_NEVER);
}

static void test_http_status(void **state)
{
	(void)state;
	assert_int_equal(tcas_retry_classify(TCAS_E_HTTP_STATUS, "", 429, 1),
	                 TCAS_RETRY_ALWAYS);
	assert_int_equal(tcas_retry_classify(TCAS_E_HTTP_STATUS, "", 500, 1),
	                 TCAS_RETRY_IDEMPOTENT);
	assert_int_equal(tcas_retry_classify(TCAS_E_HTTP_STATUS, "", 503, 1),
	                 TCAS_RETRY_IDEMPOTENT);
	assert_int_equal(tcas_retry_classify(TCAS_E_HTTP_STATUS, "", 404, 1),
	                 TCAS_RETRY_NEVER);
	assert_int_equal(tcas_retry_classify(TCAS_E_HTTP_STATUS, "", 302, 0),
	                 TCAS_RETRY_NEVER);
}

static void test_transport(void **state)
{
	static const int before[] = {TCAS_E_NET_RESOLVE, TCAS_E_NET_CONNECT,
	                             TCAS_E_NET_CONNECT_TIMEOUT,
	                             TCAS_E_TLS_TIMEOUT};
	static const int during[] = {TCAS_E_NET_IO,
	                             TCAS_E_NET_CLOSED,
	                             TCAS_E_NET_TIMEOUT,
	                             TCAS_E_NET_READ_TIMEOUT,
	                             TCAS_E_NET_WRITE_TIMEOUT,
	                             TCAS_E_HTTP_TRUNCATED};
	static const int final[] = {
	    TCAS_E_NET_DEADLINE, TCAS_E_NET_PROXY, TCAS_E_NET_PROXY_AUTH,
	    TCAS_E_TLS_EXPIRED,  TCAS_E_TLS_CERT,  TCAS_E_RESPONSE,
	    TCAS_E_CLOCK,        TCAS_E_ARG,       TCAS_OK};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof before / sizeof before[0]; i++) {
		assert_int_equal(tcas_retry_classify(before[i], "", 0, 0),
		                 TCAS_RETRY_ALWAYS);
		/* (sent cannot be 1 for these; the class does not look) */
		assert_int_equal(tcas_retry_classify(before[i], "", 0, 1),
		                 TCAS_RETRY_ALWAYS);
	}
	for (i = 0; i < sizeof during / sizeof during[0]; i++) {
		assert_int_equal(tcas_retry_classify(during[i], "", 0, 0),
		                 TCAS_RETRY_ALWAYS);
		assert_int_equal(tcas_retry_classify(during[i], "", 0, 1),
		                 TCAS_RETRY_IDEMPOTENT);
	}
	for (i = 0; i < sizeof final / sizeof final[0]; i++)
		assert_int_equal(tcas_retry_classify(final[i], "", 500, 0),
		                 TCAS_RETRY_NEVER);
}

static void test_again(void **state)
{
	(void)state;
	assert_true(tcas_retry_again(TCAS_RETRY_ALWAYS, 0));
	assert_true(tcas_retry_again(TCAS_RETRY_ALWAYS, 1));
	assert_false(tcas_retry_again(TCAS_RETRY_IDEMPOTENT, 0));
	assert_true(tcas_retry_again(TCAS_RETRY_IDEMPOTENT, 1));
	assert_false(tcas_retry_again(TCAS_RETRY_NEVER, 1));
	/* the clock case is the call loop's own, never a plain retry */
	assert_false(tcas_retry_again(TCAS_RETRY_CLOCK, 1));
}

static void test_ceiling(void **state)
{
	(void)state;
	assert_int_equal(tcas_retry_ceiling(250, 8000, 1), 250);
	assert_int_equal(tcas_retry_ceiling(250, 8000, 2), 500);
	assert_int_equal(tcas_retry_ceiling(250, 8000, 3), 1000);
	assert_int_equal(tcas_retry_ceiling(250, 8000, 6), 8000);
	assert_int_equal(tcas_retry_ceiling(250, 8000, 1000), 8000);
	assert_int_equal(tcas_retry_ceiling(300, 1000, 3), 1000);
	/* doubling never overflows */
	assert_int_equal(tcas_retry_ceiling(0x80000001u, UINT32_MAX, 2),
	                 UINT32_MAX);
	assert_int_equal(tcas_retry_ceiling(3000000000u, UINT32_MAX, 40),
	                 UINT32_MAX);
	/* a cap below the base is the cap; base 0 stays 0 */
	assert_int_equal(tcas_retry_ceiling(500, 100, 1), 100);
	assert_int_equal(tcas_retry_ceiling(0, 8000, 5), 0);
}

static void test_jitter(void **state)
{
	(void)state;
	assert_int_equal(tcas_retry_jitter(250, 0), 0);
	assert_int_equal(tcas_retry_jitter(250, 250), 250);
	assert_int_equal(tcas_retry_jitter(250, 251), 0);
	assert_int_equal(tcas_retry_jitter(250, UINT32_MAX), UINT32_MAX % 251);
	assert_int_equal(tcas_retry_jitter(0, 12345), 0);
	/* the widest ceiling takes every value as drawn */
	assert_int_equal(tcas_retry_jitter(UINT32_MAX, UINT32_MAX), UINT32_MAX);
	assert_int_equal(tcas_retry_jitter(UINT32_MAX, 7), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_api_codes),
	    cmocka_unit_test(test_http_status),
	    cmocka_unit_test(test_transport),
	    cmocka_unit_test(test_again),
	    cmocka_unit_test(test_ceiling),
	    cmocka_unit_test(test_jitter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
