/*
 * callfix.h - the fixture of test_client and test_conn: one client on a
 * replay port, plain HTTP to 127.0.0.1:8080, one attempt per call (the
 * retries are test_retry's), and canned answers.
 */
#ifndef TCAS_TEST_CALLFIX_H
#define TCAS_TEST_CALLFIX_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/replay.h"
#include "tcas/client.h"

#define ID  "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define KEY "ExampleSecretKeyExampleSecretKey"

/* ---- fixtures ------------------------------------------------------------ */

static tcas_client cl;
static tcas_result res;
static replay rp;
static tcas_port port;

static inline int setup(void **state)
{
	(void)state;
	replay_init(&rp);
	replay_port(&rp, &port);
	assert_int_equal(tcas_client_init(&cl, &port), TCAS_OK);
	assert_int_equal(tcas_client_set_endpoint(&cl, "http://127.0.0.1:8080"),
	                 TCAS_OK);
	tcas_client_set_credentials(&cl, ID, KEY, NULL);
	tcas_client_set_region(&cl, "ap-guangzhou");
	/* one attempt: these tests look at single exchanges (test_retry.c
	 * covers the retries) */
	tcas_client_set_retry(&cl, 1, 0, 0);
	return 0;
}

static inline int teardown(void **state)
{
	(void)state;
	tcas_client_close(&cl);
	replay_free(&rp);
	return 0;
}

static inline int call(const char *action, const char *params)
{
	return tcas_client_call(&cl, action, params, strlen(params), &res);
}

static inline const char *sent(size_t conn, size_t *len)
{
	static char buf[65536];
	size_t n = 0;
	const uint8_t *p = replay_sent(&rp, conn, &n);

	assert_true(n < sizeof buf);
	if (p)
		memcpy(buf, p, n);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static const char ok_body[] =
    "{\"Response\":{\"TotalCount\":0,\"RequestId\":\"r-1\"}}";

static inline char *http_ok(char *buf, size_t cap, const char *body, int close)
{
	snprintf(buf, cap,
	         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	         "Content-Length: %zu\r\n%s\r\n%s",
	         strlen(body), close ? "Connection: close\r\n" : "", body);
	return buf;
}

#endif /* TCAS_TEST_CALLFIX_H */
