/*
 * test_proxy.c - HTTP CONNECT proxies (src/proxy.c) over the replay port: the
 * CONNECT exchange with and without credentials, IPv6 targets, refused
 * URLs, %-escapes and base64 tails, and the proxy's failures.
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

/* ---- proxy --------------------------------------------------------------- */

#if TCAS_WITH_PROXY
static void test_proxy_connect(void **state)
{
	static char both[1024];
	const char *s;

	(void)state;
	assert_int_equal(
	    tcas_client_set_proxy(&cl, "http://user:p%40ss@proxy.local:3128/"),
	    TCAS_OK);
	snprintf(both, sizeof both, "%s%s",
	         "HTTP/1.1 200 Connection established\r\nVia: x\r\n\r\n", ok());
	replay_add_str(&rp, both);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_string_equal(rp.conns[0].host, "proxy.local");
	assert_int_equal(rp.conns[0].port, 3128);
	s = sent(0);
	/* base64("user:p@ss") = dXNlcjpwQHNz */
	assert_memory_equal(s,
	                    "CONNECT 127.0.0.1:8080 HTTP/1.1\r\n"
	                    "Host: 127.0.0.1:8080\r\n"
	                    "Proxy-Authorization: Basic dXNlcjpwQHNz\r\n"
	                    "\r\nPOST / HTTP/1.1\r\n",
	                    strlen("CONNECT 127.0.0.1:8080 HTTP/1.1\r\n"
	                           "Host: 127.0.0.1:8080\r\n"
	                           "Proxy-Authorization: Basic dXNlcjpwQHNz\r\n"
	                           "\r\nPOST / HTTP/1.1\r\n"));
	assert_string_equal(cl.proxy_auth, "dXNlcjpwQHNz");
	/* nothing of the proxy answer reached the HTTP reader */
	assert_string_equal(res.request_id, "r-ok");
}

static void test_proxy_ipv6_target(void **state)
{
	static char both[1024];
	static const char want[] = "CONNECT [::1]:8080 HTTP/1.1\r\n"
	                           "Host: [::1]:8080\r\n\r\nPOST / ";

	(void)state;
	assert_int_equal(tcas_client_set_endpoint(&cl, "http://[::1]:8080"),
	                 TCAS_OK);
	assert_int_equal(tcas_client_set_proxy(&cl, "http://proxy:3128"),
	                 TCAS_OK);
	snprintf(both, sizeof both, "HTTP/1.0 200 OK\r\n\r\n%s", ok());
	replay_add_str(&rp, both);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_memory_equal(sent(0), want, sizeof want - 1);
	/* set_endpoint keeps the proxy; set_proxy(NULL) drops it */
	assert_string_equal(cl.proxy_host, "proxy");
}

static void test_proxy_refusals(void **state)
{
	(void)state;
	assert_int_equal(tcas_client_set_proxy(&cl, "[::1]:8080"), TCAS_OK);
	replay_add_str(&rp, "HTTP/1.1 407 Proxy Authentication Required\r\n"
	                    "Proxy-Authenticate: Basic\r\n\r\n");
	replay_add_str(&rp, "HTTP/1.1 200 OK\r\n\r\n");
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_PROXY_AUTH);
	assert_int_equal(res.attempts, 1); /* not retried */
	assert_string_equal(rp.conns[0].host, "::1");
	assert_null(strstr(sent(0), "Proxy-Authorization"));

	replay_free(&rp);
	replay_init(&rp);
	replay_add_str(&rp, "HTTP/1.1 502 Bad Gateway\r\n\r\n");
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_PROXY);
	replay_free(&rp);
	replay_init(&rp);
	replay_add_str(&rp, "garbage\r\n\r\n");
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_PROXY);
	replay_free(&rp);
	replay_init(&rp);
	replay_add_str(&rp, "HTTP/1.1 200 OK\r\n"); /* closes mid-head */
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_PROXY);
}

static void test_proxy_strings(void **state)
{
	static const char *const bad[] = {
	    "https://p:1",  "p",          "p:",        "p:0",     "p:99999",
	    "http://p:1/x", "u@p:1",      "u:%4@p:1",  "[::1:8",  "[::1]",
	    "socks5://p:1", "u:%4zq@p:1", "u:%z4@p:1", "[::1]x1", ":8080",
	    "[]:8080",      "http://",    "/",         "u:p@",    "p:8080:1",
	};
	char longcred[400], longhost[TCAS_HOST_MAX + 16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (tcas_client_set_proxy(&cl, bad[i]) != TCAS_E_ENDPOINT)
			fail_msg("proxy '%s' accepted", bad[i]);
	assert_string_equal(cl.proxy_host, "");
	memset(longcred, 'a', sizeof longcred);
	memcpy(longcred + 300, ":b@h:1", 7);
	assert_int_equal(tcas_client_set_proxy(&cl, longcred), TCAS_E_ENDPOINT);
	/* host names up to TCAS_HOST_MAX - 1 characters */
	memset(longhost, 'h', TCAS_HOST_MAX - 1);
	strcpy(longhost + TCAS_HOST_MAX - 1, ":1");
	assert_int_equal(tcas_client_set_proxy(&cl, longhost), TCAS_OK);
	memset(longhost, 'h', TCAS_HOST_MAX);
	strcpy(longhost + TCAS_HOST_MAX, ":1");
	assert_int_equal(tcas_client_set_proxy(&cl, longhost), TCAS_E_ENDPOINT);
	assert_string_equal(cl.proxy_host, "");
	/* Basic credentials of every length modulo 3, an IPv6 proxy */
	assert_int_equal(tcas_client_set_proxy(&cl, "ab:c@p:1"), TCAS_OK);
	assert_string_equal(cl.proxy_auth, "YWI6Yw==");
	assert_int_equal(tcas_client_set_proxy(&cl, "ab:cd@p:1"), TCAS_OK);
	assert_string_equal(cl.proxy_auth, "YWI6Y2Q=");
	assert_int_equal(tcas_client_set_proxy(&cl, "ab:cde@p:1"), TCAS_OK);
	assert_string_equal(cl.proxy_auth, "YWI6Y2Rl");
	assert_int_equal(tcas_client_set_proxy(&cl, "http://u:%7e@[::1]:3128"),
	                 TCAS_OK);
	assert_string_equal(cl.proxy_host, "::1");
	assert_int_equal(cl.proxy_port, 3128);
	assert_string_equal(cl.proxy_auth, "dTp+"); /* "u:~" */
	assert_int_equal(tcas_client_set_proxy(&cl, "proxy:8080"), TCAS_OK);
	assert_string_equal(cl.proxy_host, "proxy");
	assert_int_equal(cl.proxy_port, 8080);
	assert_string_equal(cl.proxy_auth, "");
	assert_int_equal(tcas_client_set_proxy(&cl, ""), TCAS_OK);
	assert_string_equal(cl.proxy_host, "");
	assert_int_equal(tcas_client_set_proxy(NULL, "p:1"), TCAS_E_ARG);
}

/* The CONNECT exchange fails in every way a proxy can make it fail. */
static void test_proxy_exchange_failures(void **state)
{
	static char big[TCAS_HTTP_RESP_HEAD_MAX + 64];
	static const char *const bad[] = {"\r\n\r\n", "HTTP/1.1\r\n\r\n",
	                                  "HTTP/1.1-200 OK\r\n\r\n"};
	static char both[1024];
	replay_conn *c;
	size_t i;

	(void)state;
	assert_int_equal(tcas_client_set_proxy(&cl, "proxy:3128"), TCAS_OK);
	/* the CONNECT cannot be written: nothing of the request left, so
	 * even a write is tried again */
	c = replay_add_str(&rp, "");
	c->send_err = TCAS_E_NET_IO;
	snprintf(both, sizeof both, "HTTP/1.1 200 OK\r\n\r\n%s", ok());
	replay_add_str(&rp, both);
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_int_equal(res.attempts, 2);
	assert_int_equal(rp.conns[0].sent_len, 0);
	assert_non_null(strstr(sent(1), WRITE_PARAMS));

	tcas_client_set_retry(&cl, 1, 0, 0);
	/* an answer head larger than the client's head buffer */
	memset(big, 'a', sizeof big - 1);
	memcpy(big, "HTTP/1.1 200 OK\r\nX: ", 20);
	memcpy(big + sizeof big - 5, "\r\n\r\n", 5);
	replay_free(&rp);
	replay_init(&rp);
	replay_add_str(&rp, big);
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_PROXY);
	/* refused at the buffer's end, not when the data runs out */
	assert_int_equal(rp.conns[0].pos, TCAS_HTTP_RESP_HEAD_MAX - 1);
	/* reset, then silence, in the middle of the answer */
	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, "HTTP/1.1 200 OK\r\n");
	replay_conn_end(c, REPLAY_END_RESET);
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_IO);
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_timeouts(&cl, 3000, 4000, 5000);
	c = replay_add_str(&rp, "HTTP/1.1 200 OK\r\n");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_CONNECT_TIMEOUT);
	assert_true(rp.conns[0].last_recv_timeout <= 3000);
	/* answers that are no HTTP status line */
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		replay_free(&rp);
		replay_init(&rp);
		replay_add_str(&rp, bad[i]);
		assert_int_equal(call(READ, "{}"), TCAS_E_NET_PROXY);
		assert_null(strstr(sent(0), "POST"));
	}
}
#endif

#if !TCAS_WITH_PROXY
/* Built without the proxy: asking for one is refused, none is fine. */
static void test_proxy_unsupported(void **state)
{
	(void)state;
	assert_int_equal(tcas_client_set_proxy(&cl, "proxy:3128"),
	                 TCAS_E_UNSUPPORTED);
	assert_int_equal(tcas_client_set_proxy(&cl, ""), TCAS_OK);
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
}
#endif

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
#if TCAS_WITH_PROXY
		T(test_proxy_connect),
		T(test_proxy_ipv6_target),
		T(test_proxy_refusals),
		T(test_proxy_strings),
		T(test_proxy_exchange_failures),
#else
		T(test_proxy_unsupported),
#endif
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
