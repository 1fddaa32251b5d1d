/*
 * test_clock.c - the client's signing clock over the replay port with fake
 * clocks (src/clock.c): the offset learned from a Date when the service
 * says the signature expired (once, bounded to a day, also from an unset
 * clock), and the two clocks (signing, certificates). test_retry has the
 * rest of the reliability behaviour.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/client_inner.h"
#include "support/clientfix.h"
#include "tcas/actions.h"
#include "tcas/sign.h"
#include "tcas/utctime.h"

/* ---- clock skew ---------------------------------------------------------- */

static int64_t stamp_of(size_t conn)
{
	const char *ts = strstr(sent(conn), "X-TC-Timestamp: ");

	assert_non_null(ts);
	return strtoll(ts + 16, NULL, 10);
}

static void test_skew_learned(void **state)
{
	(void)state;
	tcas_client_set_retry(&cl, 1, 0, 0); /* the skew retry is extra */
	replay_add_str(&rp, expire_with_date(NOW + 3600));
	replay_add_str(&rp, ok());
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_int_equal(res.attempts, 2);
	assert_int_equal(res.skew_learned, 1);
	assert_int_equal(stamp_of(0), NOW);
	assert_int_equal(stamp_of(1), NOW + 3600); /* re-signed */
	assert_int_equal(cl.skew, 3600);
	assert_int_equal(tcas_client_now(&cl), NOW + 3600);
	/* kept for later calls, and it follows the wall clock */
	rp.wall += 10;
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(res.skew_learned, 0);
	assert_int_equal(stamp_of(2), NOW + 3610);
}

static void test_skew_retry_once(void **state)
{
	(void)state;
	replay_add_str(&rp, expire_with_date(NOW - 7200));
	replay_add_str(&rp, expire_with_date(NOW - 7200));
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_string_equal(res.error_code, "AuthFailure.SignatureExpire");
	assert_int_equal(res.attempts, 2);
	assert_int_equal(cl.skew, -7200);
}

static void test_skew_without_date(void **state)
{
	(void)state;
	script(api_err("AuthFailure.SignatureExpire"), 1);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(cl.skew_known, 0);

	/* an unset clock: reported as such */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	rp.wall = 5;
	script(api_err("AuthFailure.SignatureExpire"), 1);
	assert_int_equal(call(READ, "{}"), TCAS_E_CLOCK);

	/* a fixed time is never corrected */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_time(&cl, NOW);
	replay_add_str(&rp, expire_with_date(NOW + 3600));
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_int_equal(res.attempts, 1);
}

/* A Date header that is no HTTP date teaches nothing. */
static void test_skew_bad_date(void **state)
{
	static const char body[] =
	    "{\"Response\":{\"Error\":{\"Code\":"
	    "\"AuthFailure.SignatureExpire\",\"Message\":\"m\"}}}";

	(void)state;
	script(resp(200, "Date: yesterday\r\n", body, 0), 1);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_string_equal(res.error_code, "AuthFailure.SignatureExpire");
	assert_int_equal(res.attempts, 1);
	assert_int_equal(res.skew_learned, 0);
	assert_int_equal(cl.skew_known, 0);
	/* with an unset clock: the clock is the problem */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	rp.wall = 5;
	script(resp(200, "Date: Thu, 01 Jan 2026 25:00:00 GMT\r\n", body, 0),
	       1);
	assert_int_equal(call(READ, "{}"), TCAS_E_CLOCK);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(cl.skew_known, 0);
}

/* A device without a clock makes its first call this way. */
static void test_unset_clock_first_call(void **state)
{
	(void)state;
	rp.wall = 12; /* 1970 */
	tcas_client_set_retry(&cl, 1, 0, 0);
	assert_int_equal(tcas_client_now(&cl), TCAS_TIME_BUILD);
	replay_add_str(&rp, expire_with_date(NOW + 300 * 86400));
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_int_equal(res.attempts, 2);
	assert_int_equal(stamp_of(0), TCAS_TIME_BUILD);
	assert_int_equal(stamp_of(1), NOW + 300 * 86400);
	check_signed(sent(1), WRITE);
	assert_int_equal(cl.skew, NOW + 300 * 86400 - 12);
	assert_int_equal(tcas_client_now(&cl), NOW + 300 * 86400);
}

/* The offset a Date may teach a device whose clock is set is bounded: a
 * day. Beyond it (the past, the far future, 1970) nothing is learned and
 * the service's error stands. */
static void test_skew_bounded(void **state)
{
	static const int64_t far[] = {
	    NOW - 5 * 365 * 86400LL,  /* 2021 */
	    NOW + 80 * 365 * 86400LL, /* far future */
	    NOW - 86400 - 1,          /* just over a day behind */
	    NOW + 86400 + 1,          /* just over a day ahead */
	    86400,                    /* 1970 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof far / sizeof far[0]; i++) {
		tcas_client_close(&cl);
		replay_free(&rp);
		replay_init(&rp);
		rp.wall = NOW;
		replay_add_str(&rp, expire_with_date(far[i]));
		replay_add_str(&rp, ok());
		assert_int_equal(call(READ, "{}"), TCAS_E_API);
		assert_string_equal(res.error_code,
		                    "AuthFailure.SignatureExpire");
		assert_int_equal(res.attempts, 1);
		assert_int_equal(res.skew_learned, 0);
		assert_int_equal(cl.skew_known, 0);
		assert_int_equal(tcas_client_now(&cl), NOW);
	}
	/* within a day: learned */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	rp.wall = NOW;
	replay_add_str(&rp, expire_with_date(NOW + 86400));
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(cl.skew, 86400);
}

/* Two clocks: the offset and a fixed time move the signing clock only;
 * certificates are checked at the device's wall clock when it is set. */
static void test_two_clocks(void **state)
{
	int trusted;

	(void)state;
	replay_add_str(&rp, expire_with_date(NOW - 7200));
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(tcas_clock_now(&cl, &trusted), NOW - 7200);
	assert_int_equal(tcas_clock_cert(&cl, &trusted), NOW);
	assert_int_equal(trusted, 1);
	tcas_client_set_time(&cl, NOW - 30 * 86400); /* --timestamp */
	assert_int_equal(tcas_client_now(&cl), NOW - 30 * 86400);
	assert_int_equal(tcas_clock_cert(&cl, &trusted), NOW);
	assert_int_equal(trusted, 1);
	tcas_client_set_time(&cl, 0);

	/* without a clock of its own the device takes the service's time
	 * for certificates too, once learned */
	cl.skew_known = 0;
	rp.wall = 12;
	assert_int_equal(tcas_clock_cert(&cl, &trusted), TCAS_TIME_BUILD);
	assert_int_equal(trusted, 0);
	cl.skew = NOW - 12;
	cl.skew_known = 1;
	assert_int_equal(tcas_clock_cert(&cl, &trusted), NOW);
	assert_int_equal(trusted, 1);
	/* a fixed time with no clock: signing is fixed, certificates wait */
	cl.skew_known = 0;
	tcas_client_set_time(&cl, NOW);
	assert_int_equal(tcas_clock_cert(&cl, &trusted), TCAS_TIME_BUILD);
	assert_int_equal(trusted, 0);
	assert_int_equal(tcas_client_now(&cl), NOW);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_skew_learned),
	    T(test_skew_retry_once),
	    T(test_skew_without_date),
	    T(test_skew_bad_date),
	    T(test_unset_clock_first_call),
	    T(test_skew_bounded),
	    T(test_two_clocks),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
