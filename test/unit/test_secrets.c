/*
 * test_secrets.c - what the client keeps secret: the debug log (src/log.c)
 * with the signature and the session token redacted and long lines cut,
 * and tcas_client_wipe().
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

/* ---- secrets ------------------------------------------------------------- */

#if TCAS_WITH_LOG
static void test_debug_log_redacts(void **state)
{
	const char *sig;
	char hex[65];

	(void)state;
	loglen = 0;
	tcas_client_set_credentials(&cl, ID, KEY, "secret-session-token");
	tcas_client_set_log(&cl, logger, NULL);
	script(api_err("RequestLimitExceeded"), 1);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_non_null(strstr(logbuf, "X-TC-Action: " READ));
	assert_non_null(strstr(logbuf, "Signature=<redacted>\n"));
	assert_non_null(strstr(logbuf, "X-TC-Token: <redacted>\n"));
	assert_non_null(strstr(logbuf, "backing off ms: "));
	assert_non_null(strstr(logbuf, "attempt 2\n"));
	assert_non_null(strstr(logbuf, "TCAS_E_API"));
	assert_null(strstr(logbuf, "secret-session-token"));
	assert_null(strstr(logbuf, KEY));
	sig = strstr(sent(1), "Signature=");
	assert_non_null(sig);
	memcpy(hex, sig + 10, 64);
	hex[64] = '\0';
	assert_null(strstr(logbuf, hex));
}

/* Long head lines are cut to 400 bytes ending in "..."; short ones and
 * negative numbers come out whole. */
static void test_debug_log_lines(void **state)
{
	static char region[600];
	const char *l, *e;

	(void)state;
	loglen = 0;
	memset(region, 'r', sizeof region - 1);
	tcas_client_set_region(&cl, region);
	assert_int_equal(tcas_client_set_endpoint(&cl, "http://a:1"), TCAS_OK);
	tcas_client_set_log(&cl, logger, NULL);
	tcas_client_set_retry(&cl, 1, 0, 0);
	replay_add_str(&rp, expire_with_date(NOW - 7200));
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_non_null(strstr(sent(0), region));
	l = strstr(logbuf, "tcas: > X-TC-Region: rrr");
	assert_non_null(l);
	e = strchr(l, '\n');
	assert_int_equal(e - l, 400);
	assert_memory_equal(e - 6, "rrr...", 6);
	assert_non_null(strstr(logbuf, "\ntcas: > Host: a:1\n"));
	assert_non_null(strstr(logbuf, "clock corrected by seconds: -7200\n"));
}
#endif

static void all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			fail_msg("byte %zu not wiped", i);
}

static void test_wipe(void **state)
{
	(void)state;
	tcas_client_set_credentials(&cl, ID, KEY, "secret-session-token");
#if TCAS_WITH_PROXY
	assert_int_equal(tcas_client_set_proxy(&cl, "u:p@proxy:1"), TCAS_OK);
	assert_int_equal(tcas_client_set_proxy(&cl, NULL), TCAS_OK);
	all_zero(cl.proxy_auth, sizeof cl.proxy_auth);
#endif
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	/* the head held the session token: zeroed after the call */
	all_zero(cl.req_head, sizeof cl.req_head);
#if TCAS_WITH_PROXY
	assert_int_equal(tcas_client_set_proxy(&cl, "u:p@proxy:1"), TCAS_OK);
#endif
	tcas_client_wipe(&cl);
	all_zero(cl.req_head, sizeof cl.req_head);
	all_zero(cl.resp_head, sizeof cl.resp_head);
	all_zero(cl.shared.r.body, sizeof cl.shared.r.body);
#if TCAS_WITH_PROXY
	all_zero(cl.proxy_auth, sizeof cl.proxy_auth);
#endif
	all_zero(&cl.tls.session, sizeof cl.tls.session);
	assert_null(cl.secret_key);
	assert_null(cl.token);
	assert_int_equal(call(READ, "{}"), TCAS_E_CREDENTIALS);
	tcas_client_wipe(NULL);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
#if TCAS_WITH_LOG
		T(test_debug_log_redacts),
		T(test_debug_log_lines),
#endif
		T(test_wipe),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
