/*
 * test_ratelimit.c - the client-side rate limiter (src/ratelimit.c) over the
 * replay port with fake clocks: one token bucket per action, the action
 * table's rates, least-recently-used buckets, defaults, long names and
 * huge rates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/clientfix.h"
#include "tcas/actions.h"

/* ---- rate limiter -------------------------------------------------------- */

#if TCAS_WITH_RATE_LIMIT
/* One keep-alive connection answering n requests. */
static void keepalive_answers(int n)
{
	static char all[64 * 128];
	static size_t sizes[64];
	const char *one = ok();
	size_t len = strlen(one), i;
	replay_conn *c;

	assert_true((size_t)n <= 64 && (size_t)n * len < sizeof all);
	for (i = 0; i < (size_t)n; i++) {
		memcpy(all + i * len, one, len);
		sizes[i] = len;
	}
	c = replay_add(&rp, all, (size_t)n * len);
	replay_conn_split(c, sizes, (size_t)n, 0);
	c->lazy = 1;
}

static void test_rate_limit_bucket(void **state)
{
	int i;

	(void)state;
	tcas_client_set_rate_limit(&cl, 5);
	keepalive_answers(12);
	for (i = 0; i < 5; i++)
		assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 0); /* the burst */
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 1);
	assert_int_equal(rp.sleeps[0], 200); /* one token at 5/s */
	assert_int_equal(res.waited_ms, 200);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.sleeps[1], 200);
	/* another action has its own bucket */
	assert_int_equal(call("DescribeAutoScalingInstances", "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 2);
	/* a second later the bucket is full again */
	rp.mono += 1000;
	for (i = 0; i < 4; i++)
		assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 2);
	assert_int_equal(rp.connects, 1);
}

static void test_rate_limit_table(void **state)
{
	const tcas_action *a = tcas_as_action_find("DescribeAutoScalingGroups");
	const tcas_action *w = tcas_as_action_find(WRITE);
	int i;

	(void)state;
	assert_non_null(a);
	assert_non_null(w);
	assert_int_equal(w->qps, 20);
	assert_true(a->qps >= 20 && a->qps < 63);
	tcas_client_set_rate_limit(&cl, TCAS_RATE_TABLE);
	tcas_client_set_action_facts(&cl, tcas_as_action_facts);
	keepalive_answers(a->qps + 1);
	for (i = 0; i < a->qps; i++)
		assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 0);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 1);
	assert_int_equal(rp.sleeps[0], (1000 + a->qps - 1) / a->qps);
}

static void test_rate_limit_lru_and_limits(void **state)
{
	char name[64];
	int i;

	(void)state;
	tcas_client_set_rate_limit(&cl, 1);
	keepalive_answers(TCAS_RATE_BUCKETS + 3);
	/* more actions than buckets: each new one recycles the oldest */
	for (i = 0; i < TCAS_RATE_BUCKETS + 1; i++) {
		snprintf(name, sizeof name, "DescribeThing%d", i);
		assert_int_equal(call(name, "{}"), TCAS_OK);
	}
	assert_int_equal(rp.nsleeps, 0);
	/* the last one is still in its bucket: waits a second */
	assert_int_equal(call(name, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 1);
	assert_int_equal(rp.sleeps[0], 1000);
	/* the first one was recycled: a fresh, full bucket */
	assert_int_equal(call("DescribeThing0", "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 1);

	/* the wait does not fit the deadline */
	tcas_client_set_timeout(&cl, 500);
	assert_int_equal(call("DescribeThing0", "{}"), TCAS_E_NET_DEADLINE);
	assert_int_equal(res.attempts, 0);

	/* no sleep in the port */
	rp.no_sleep = 1;
	replay_port(&rp, &port);
	tcas_client_set_timeout(&cl, 30000);
	assert_int_equal(call("DescribeThing0", "{}"), TCAS_E_NET_RATE);
}

/* A facts hook that knows an action but not its rate: the default 20/s. */
static int no_rate_facts(const char *service, const char *action,
                         tcas_action_facts *out)
{
	(void)service;
	(void)action;
	out->qps = 0;
	out->client_token = 0;
	return 1;
}

static void test_rate_limit_defaults_and_names(void **state)
{
	char a[80], b[80];
	int i;

	(void)state;
	tcas_client_set_rate_limit(&cl, TCAS_RATE_TABLE);
	tcas_client_set_action_facts(&cl, no_rate_facts);
	keepalive_answers(24);
	for (i = 0; i < 20; i++)
		assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 0);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 1);
	assert_int_equal(rp.sleeps[0], 50);

	/* names longer than a bucket's key share the bucket of their
	 * prefix */
	tcas_client_set_rate_limit(&cl, 1);
	memset(a, 'D', sizeof a - 1);
	a[sizeof a - 1] = '\0';
	memcpy(b, a, sizeof b);
	b[sizeof b - 2] = 'E';
	assert_int_equal(call(a, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 1);
	assert_int_equal(call(b, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 2);
	assert_int_equal(rp.sleeps[1], 1000);
}

/* A rate no client could reach is no limit. (4294968 * 1000 wraps a
 * 32-bit count of thousandths to 704: a bucket of that size would be
 * nearly empty and throttle.) */
static void test_rate_limit_huge(void **state)
{
	int i;

	(void)state;
	assert_int_equal(tcas_client_set_rate_limit(&cl, 4294968u), TCAS_OK);
	keepalive_answers(40);
	for (i = 0; i < 40; i++)
		assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 0);
}
#endif

#if !TCAS_WITH_RATE_LIMIT
/* Built without the limiter: a limit is refused, "off" is fine, and calls
 * never wait. */
static void test_rate_limit_unsupported(void **state)
{
	(void)state;
	assert_int_equal(tcas_client_set_rate_limit(&cl, 5),
	                 TCAS_E_UNSUPPORTED);
	assert_int_equal(tcas_client_set_rate_limit(&cl, TCAS_RATE_OFF),
	                 TCAS_OK);
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 0);
}
#endif

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
#if TCAS_WITH_RATE_LIMIT
		T(test_rate_limit_bucket),
		T(test_rate_limit_table),
		T(test_rate_limit_lru_and_limits),
		T(test_rate_limit_defaults_and_names),
		T(test_rate_limit_huge),
#else
		T(test_rate_limit_unsupported),
#endif
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
