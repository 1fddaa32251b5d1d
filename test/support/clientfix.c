/*
 * clientfix.c - the fixture of the client tests over the replay port
 * (test_retry, test_ratelimit, test_proxy, test_secrets); see
 * clientfix.h.
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
#include "tcas/sign.h"
#include "tcas/utctime.h"

tcas_client cl;
tcas_result res;
replay rp;
tcas_port port;

/* Responses live here until the test ends (the replay does not copy). */
static char store[64][1024];
static size_t nstore;

int setup(void **state)
{
	(void)state;
	nstore = 0;
	replay_init(&rp);
	rp.wall = NOW;
	replay_port(&rp, &port);
	assert_int_equal(tcas_client_init(&cl, &port), TCAS_OK);
	assert_int_equal(tcas_client_set_endpoint(&cl, "http://127.0.0.1:8080"),
	                 TCAS_OK);
	tcas_client_set_credentials(&cl, ID, KEY, NULL);
	tcas_client_set_region(&cl, "ap-guangzhou");
	tcas_client_set_rate_limit(&cl, TCAS_RATE_OFF);
	return 0;
}

int teardown(void **state)
{
	(void)state;
	tcas_client_close(&cl);
	replay_free(&rp);
	return 0;
}

int call(const char *action, const char *params)
{
	return tcas_client_call(&cl, action, params, strlen(params), &res);
}

const char *sent(size_t conn)
{
	static char buf[8192];
	size_t n = 0;
	const uint8_t *p = replay_sent(&rp, conn, &n);

	assert_true(n < sizeof buf);
	if (p)
		memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

/* An HTTP response with status, extra header lines and body, kept alive
 * unless close. */
const char *resp(int status, const char *hdrs, const char *body, int close)
{
	char *b;

	assert_true(nstore < 64);
	b = store[nstore++];
	snprintf(b, sizeof store[0],
	         "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n%s%s"
	         "Content-Length: %zu\r\n\r\n%s",
	         status, hdrs, close ? "Connection: close\r\n" : "",
	         strlen(body), body);
	return b;
}

const char *ok(void)
{
	return resp(200, "", "{\"Response\":{\"RequestId\":\"r-ok\"}}", 0);
}

const char *api_err(const char *code)
{
	char body[256];

	snprintf(body, sizeof body,
	         "{\"Response\":{\"Error\":{\"Code\":\"%s\",\"Message\":\"m\"},"
	         "\"RequestId\":\"r-err\"}}",
	         code);
	return resp(200, "", body, 0);
}

/* Script n connections answering s, then one answering OK. */
void script(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		replay_add_str(&rp, s);
	replay_add_str(&rp, ok());
}

const char *expire_with_date(int64_t t)
{
	char hdr[64], date[30];

	assert_int_equal(tcas_utc_http_date(t, date), TCAS_OK);
	snprintf(hdr, sizeof hdr, "Date: %s\r\n", date);
	return resp(200, hdr,
	            "{\"Response\":{\"Error\":{\"Code\":"
	            "\"AuthFailure.SignatureExpire\",\"Message\":\"m\"},"
	            "\"RequestId\":\"r-x\"}}",
	            0);
}

char logbuf[65536];
size_t loglen;

void logger(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	assert_true(loglen + len + 1 < sizeof logbuf);
	memcpy(logbuf + loglen, line, len);
	loglen += len;
	logbuf[loglen++] = '\n';
	logbuf[loglen] = '\0';
}

const char *body_of(const char *req)
{
	const char *b = strstr(req, "\r\n\r\n");

	assert_non_null(b);
	return b + 4;
}

void check_signed(const char *req, const char *action)
{
	tcas_sign_params sp;
	char sig[TCAS_SIGN_HEX_LEN + 1], want[100];
	const char *b = body_of(req), *ts = strstr(req, "X-TC-Timestamp: ");
	char cl_hdr[64];

	assert_non_null(ts);
	memset(&sp, 0, sizeof sp);
	sp.secret_id = ID;
	sp.secret_key = KEY;
	sp.service = "as";
	sp.host = "127.0.0.1:8080";
	sp.content_type = "application/json";
	sp.action = action;
	sp.timestamp = strtoll(ts + 16, NULL, 10);
	assert_int_equal(tcas_sign_buf(&sp, b, strlen(b), sig), TCAS_OK);
	snprintf(want, sizeof want, "Signature=%s\r\n", sig);
	assert_non_null(strstr(req, want));
	snprintf(cl_hdr, sizeof cl_hdr, "Content-Length: %zu\r\n", strlen(b));
	assert_non_null(strstr(req, cl_hdr));
}
