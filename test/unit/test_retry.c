/*
 * test_retry.c - tcas_client's reliability behaviour over the replay port
 * with fake clocks: retries per error class, full-jitter backoff bounds,
 * ClientToken, the per-action rate limiter, clock-skew learning (also from
 * an unset clock), the four timeouts and their codes, the total deadline,
 * HTTP CONNECT proxies, the redacting debug log and wiping.
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
#include "support/replay.h"
#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/sign.h"
#include "tcas/utctime.h"

#define ID           "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define KEY          "ExampleSecretKeyExampleSecretKey"
#define WRITE        "ScaleOutInstances"
#define WRITE_PARAMS "{\"AutoScalingGroupId\":\"asg-1\",\"ScaleOutNumber\":1}"
#define READ         "DescribeAutoScalingGroups"
#define NOW          1767225600

static tcas_client cl;
static tcas_result res;
static replay rp;
static tcas_port port;

/* Responses live here until the test ends (the replay does not copy). */
static char store[64][1024];
static size_t nstore;

static int setup(void **state)
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

static int teardown(void **state)
{
	(void)state;
	tcas_client_close(&cl);
	replay_free(&rp);
	return 0;
}

static int call(const char *action, const char *params)
{
	return tcas_client_call(&cl, action, params, strlen(params), &res);
}

static const char *sent(size_t conn)
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
static const char *resp(int status, const char *hdrs, const char *body,
                        int close)
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

static const char *ok(void)
{
	return resp(200, "", "{\"Response\":{\"RequestId\":\"r-ok\"}}", 0);
}

static const char *api_err(const char *code)
{
	char body[256];

	snprintf(body, sizeof body,
	         "{\"Response\":{\"Error\":{\"Code\":\"%s\",\"Message\":\"m\"},"
	         "\"RequestId\":\"r-err\"}}",
	         code);
	return resp(200, "", body, 0);
}

/* Script n connections answering s, then one answering OK. */
static void script(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		replay_add_str(&rp, s);
	replay_add_str(&rp, ok());
}

/* ---- retries per error class --------------------------------------------- */

static void test_rate_limit_codes_always(void **state)
{
	static const char *const codes[] = {
	    "RequestLimitExceeded",
	    "RequestLimitExceeded.UinLimitExceeded",
	    "RequestLimitExceeded.IPLimitExceeded",
	    "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
	};
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		replay_free(&rp);
		replay_init(&rp);
		rp.wall = NOW;
		script(api_err(codes[i]), 3);
		/* a write: rate limiting means it was not executed */
		assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
		assert_int_equal(res.attempts, 4);
		assert_int_equal(rp.connects, 4);
		assert_int_equal(rp.nsleeps, 3);
		assert_int_equal(res.waited_ms, rp.slept);
		assert_string_equal(res.request_id, "r-ok");
		assert_string_equal(res.error_code, "");
	}
}

static void test_attempts_exhausted(void **state)
{
	(void)state;
	script(api_err("RequestLimitExceeded"), 5);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_int_equal(res.attempts, TCAS_RETRY_ATTEMPTS_DEFAULT);
	assert_string_equal(res.error_code, "RequestLimitExceeded");
	assert_int_equal(rp.connects, TCAS_RETRY_ATTEMPTS_DEFAULT);

	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_retry(&cl, 2, 10, 100);
	script(api_err("RequestLimitExceeded"), 5);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_int_equal(res.attempts, 2);
}

/* A code that looks like a sub-code but is another family. */
static void test_prefix_is_not_family(void **state)
{
	(void)state;
	script(api_err("RequestLimitExceededX"), 1);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_int_equal(res.attempts, 1);
}

static void test_internal_error_reads_only(void **state)
{
	(void)state;
	script(api_err("InternalError"), 1);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(res.attempts, 2);

	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	script(api_err("InternalError"), 1);
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_API);
	assert_string_equal(res.error_code, "InternalError");
	assert_int_equal(res.attempts, 1);
	assert_int_equal(rp.nsleeps, 0);

	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	script(api_err("ServiceUnavailable"), 1);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(res.attempts, 2);
}

static void test_never_retried_codes(void **state)
{
	static const char *const codes[] = {
	    "AuthFailure.SignatureFailure",
	    "AuthFailure.SecretIdNotFound",
	    "AuthFailure.UnauthorizedOperation",
	    "AuthFailure.TokenFailure",
	    "InvalidParameter",
	    "InvalidParameterValue.Range",
	    "MissingParameter",
	    "LimitExceeded",
	    "ResourceNotFound",
	    "UnknownParameter",
	    "FailedOperation",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		tcas_client_close(&cl);
		replay_free(&rp);
		replay_init(&rp);
		rp.wall = NOW;
		script(api_err(codes[i]), 1);
		assert_int_equal(call(READ, "{}"), TCAS_E_API);
		assert_string_equal(res.error_code, codes[i]);
		assert_int_equal(res.attempts, 1);
		assert_int_equal(rp.connects, 1);
	}
}

static void test_http_status(void **state)
{
	(void)state;
	script(resp(503, "", "busy", 1), 1);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(res.attempts, 2);

	replay_free(&rp);
	replay_init(&rp);
	script(resp(502, "", "bad gateway", 1), 1);
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_HTTP_STATUS);
	assert_int_equal(res.http_status, 502);
	assert_int_equal(res.attempts, 1);

	replay_free(&rp);
	replay_init(&rp);
	script(resp(429, "", "slow down", 1), 1);
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_int_equal(res.attempts, 2);

	replay_free(&rp);
	replay_init(&rp);
	script(resp(403, "", "no", 1), 1);
	assert_int_equal(call(READ, "{}"), TCAS_E_HTTP_STATUS);
	assert_int_equal(res.attempts, 1);
}

/* Reset after the request was sent: reads again, writes not. */
static void test_reset_after_send(void **state)
{
	replay_conn *c;

	(void)state;
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_RESET);
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(res.attempts, 2);

	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, "HTTP/1.1 200 OK\r\nContent-Le");
	replay_conn_end(c, REPLAY_END_RESET);
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_NET_IO);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(rp.connects, 1);

	replay_free(&rp);
	replay_init(&rp);
	replay_add_str(&rp, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{");
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK); /* truncated: a read */
	assert_int_equal(res.attempts, 2);
}

/* Failures before any byte left are retried for every action. */
static void test_before_send_always(void **state)
{
	replay_conn *c;

	(void)state;
	replay_add_refused(&rp, TCAS_E_NET_CONNECT);
	replay_add_refused(&rp, TCAS_E_NET_RESOLVE);
	replay_add_refused(&rp, TCAS_E_NET_TIMEOUT);
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_int_equal(res.attempts, 4);

	/* send fails at once: nothing complete left */
	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, "");
	c->send_err = TCAS_E_NET_IO;
	c->send_err_after = 10;
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_int_equal(res.attempts, 2);
}

static void test_malformed_not_retried(void **state)
{
	(void)state;
	script(resp(200, "", "{\"Response\":", 0), 1);
	assert_int_equal(call(READ, "{}"), TCAS_E_JSON_TRUNCATED);
	assert_int_equal(res.attempts, 1);
}

/* ---- backoff ------------------------------------------------------------- */

static void test_backoff_bounds(void **state)
{
	size_t i, nonzero = 0;
	uint32_t ceil = 100, distinct = 0;

	(void)state;
	tcas_client_set_retry(&cl, 8, 100, 1000);
	tcas_client_set_timeout(&cl, 600000);
	script(api_err("RequestLimitExceeded"), 7);
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(res.attempts, 8);
	assert_int_equal(rp.nsleeps, 7);
	for (i = 0; i < rp.nsleeps; i++) {
		assert_true(rp.sleeps[i] <= ceil);
		if (rp.sleeps[i] > 0)
			nonzero++;
		if (i > 0 && rp.sleeps[i] != rp.sleeps[i - 1])
			distinct++;
		ceil = ceil * 2 > 1000 ? 1000 : ceil * 2;
	}
	assert_true(nonzero >= 5);  /* jitter, not always zero */
	assert_true(distinct >= 5); /* and not a constant */
	assert_int_equal(res.waited_ms, rp.slept);
}

/* Without random bytes the backoff is the ceiling itself. */
static void test_backoff_ceiling_without_random(void **state)
{
	(void)state;
	tcas_client_set_retry(&cl, 4, 100, 300);
	script(api_err("RequestLimitExceeded"), 3);
	rp.random_err = TCAS_E_NET_RANDOM;
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(rp.nsleeps, 3);
	assert_int_equal(rp.sleeps[0], 100);
	assert_int_equal(rp.sleeps[1], 200);
	assert_int_equal(rp.sleeps[2], 300);
}

/* A backoff that would end past the deadline is not taken. */
static void test_backoff_past_deadline(void **state)
{
	(void)state;
	tcas_client_set_retry(&cl, 4, 5000, 5000);
	tcas_client_set_timeout(&cl, 1000);
	rp.random_err = TCAS_E_NET_RANDOM; /* backoff = 5000 */
	script(api_err("RequestLimitExceeded"), 3);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_string_equal(res.error_code, "RequestLimitExceeded");
	assert_int_equal(res.attempts, 1);
	assert_int_equal(rp.nsleeps, 0);
}

/* A ceiling of 2^32 - 1 ms: the jitter may be any 32-bit value, and one
 * past the deadline is not taken (no wrap-around to a short sleep). */
static void test_backoff_huge_ceiling(void **state)
{
	(void)state;
	tcas_client_set_retry(&cl, 4, UINT32_MAX, UINT32_MAX);
	assert_int_equal(cl.backoff_cap_ms, UINT32_MAX);
	script(api_err("RequestLimitExceeded"), 3);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(rp.nsleeps, 0);
	assert_int_equal(res.waited_ms, 0);
}

/* A port without sleep_ms: no backoff, so no retry. */
static void test_no_sleep_no_retry(void **state)
{
	(void)state;
	rp.no_sleep = 1;
	replay_port(&rp, &port);
	script(api_err("RequestLimitExceeded"), 3);
	assert_int_equal(call(READ, "{}"), TCAS_E_API);
	assert_int_equal(res.attempts, 1);
}

/* Nothing waits past the total deadline, whatever fails. */
static void test_total_deadline(void **state)
{
	replay_conn *c;
	uint64_t start = rp.mono;
	int i;

	(void)state;
	tcas_client_set_timeout(&cl, 20000);
	tcas_client_set_timeouts(&cl, 0, 0, 8000);
	for (i = 0; i < 6; i++) {
		c = replay_add_str(&rp, "");
		replay_conn_end(c, REPLAY_END_TIMEOUT);
	}
	i = call(READ, "{}");
	assert_true(i == TCAS_E_NET_DEADLINE || i == TCAS_E_NET_READ_TIMEOUT);
	assert_true(rp.mono - start <= 20000);
	assert_true(res.attempts >= 2);
}

/* ---- ClientToken --------------------------------------------------------- */

/* Auto Scaling 2018-04-19 has no action with a ClientToken parameter; when
 * the table gains one, AUTO adds the token and this test must be updated
 * together with the README. */
static void test_no_as_action_takes_client_token(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++)
		assert_null(
		    tcas_action_param(&tcas_as_actions[i], "ClientToken"));
	tcas_client_set_action_facts(&cl, tcas_as_action_facts);
	script(resp(503, "", "", 1), 1);
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_HTTP_STATUS);
	assert_null(strstr(sent(0), "ClientToken"));
}

/* A facts hook that says the write action takes a ClientToken. */
static int token_facts(const char *service, const char *action,
                       tcas_action_facts *out)
{
	(void)service;
	out->qps = 0;
	out->client_token = strcmp(action, WRITE) == 0;
	return 1;
}

/* Without a hook (the default, keeping the table out of small images) the
 * rate is 20/s for every action and AUTO adds no token; with one, AUTO
 * follows it; tcas_as_action_facts knows the table's rates. */
static void test_action_facts_hook(void **state)
{
	tcas_action_facts f;

	(void)state;
	assert_null(cl.facts);
	assert_int_equal(
	    tcas_as_action_facts("as", "DescribeAutoScalingGroups", &f), 1);
	assert_true(f.qps > 20);
	assert_int_equal(f.client_token, 0);
	assert_int_equal(tcas_as_action_facts("cvm", "DescribeInstances", &f),
	                 0);
	assert_int_equal(tcas_as_action_facts("as", "NoSuchAction", &f), 0);
	tcas_client_set_action_facts(&cl, token_facts);
	script(resp(200, "", "{\"Response\":{\"RequestId\":\"r\"}}", 0), 1);
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_non_null(strstr(sent(0), "{\"ClientToken\":\""));
}

/* Pull the body and the ClientToken value out of a captured request. */
static const char *body_of(const char *req)
{
	const char *b = strstr(req, "\r\n\r\n");

	assert_non_null(b);
	return b + 4;
}

static void check_signed(const char *req, const char *action)
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

static void test_client_token_always(void **state)
{
	replay_conn *c;
	char tok1[33], tok2[33];
	const char *b;
	size_t i;

	(void)state;
	tcas_client_set_client_token(&cl, TCAS_CLIENT_TOKEN_ALWAYS);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_RESET); /* after the send */
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_OK);
	assert_int_equal(res.attempts, 2); /* the token makes it repeatable */
	b = body_of(sent(0));
	assert_memory_equal(b, "{\"ClientToken\":\"", 16);
	memcpy(tok1, b + 16, 32);
	tok1[32] = '\0';
	for (i = 0; i < 32; i++)
		assert_non_null(strchr("0123456789abcdef", tok1[i]));
	assert_string_equal(b + 48, "\",\"AutoScalingGroupId\":\"asg-1\","
	                            "\"ScaleOutNumber\":1}");
	check_signed(sent(0), WRITE);
	b = body_of(sent(1));
	memcpy(tok2, b + 16, 32);
	tok2[32] = '\0';
	assert_string_equal(tok1, tok2); /* same token on every attempt */
	check_signed(sent(1), WRITE);

	/* an empty object, with spaces; each call gets its own token */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	replay_add_str(&rp, ok());
	replay_add_str(&rp, ok());
	assert_int_equal(call("CreateThing", " { } "), TCAS_OK);
	assert_int_equal(call("CreateThing", " { } "), TCAS_OK);
	b = body_of(sent(0));
	assert_int_equal(strlen(b), 16 + 32 + 1 + 3);
	assert_string_equal(b + 48, "\" } ");
	check_signed(sent(0), "CreateThing");
	memcpy(tok1, b + 16, 32);
	assert_memory_not_equal(tok1, body_of(sent(1)) + 16, 32);

	/* reads never get one */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_string_equal(body_of(sent(0)), "{}");
}

/* The token goes in front of the object's first member, whatever JSON
 * whitespace surrounds the brace; params that are no object get none (and
 * so a write with them is not repeated). */
static void test_client_token_body_shapes(void **state)
{
	static const char ws[] = "\t\r\n{\n\"A\":1}";
	const char *b;
	replay_conn *c;
	size_t i;

	(void)state;
	tcas_client_set_client_token(&cl, TCAS_CLIENT_TOKEN_ALWAYS);
	replay_add_str(&rp, ok());
	assert_int_equal(call("CreateThing", ws), TCAS_OK);
	b = body_of(sent(0));
	assert_memory_equal(b, "{\"ClientToken\":\"", 16);
	for (i = 16; i < 48; i++)
		assert_non_null(strchr("0123456789abcdef", b[i]));
	assert_string_equal(b + 48, "\",\n\"A\":1}");
	check_signed(sent(0), "CreateThing");

	for (i = 0; i < 2; i++) {
		static const char *const other[] = {"[1]", "not json"};

		tcas_client_close(&cl);
		replay_free(&rp);
		replay_init(&rp);
		c = replay_add_str(&rp, "");
		replay_conn_end(c, REPLAY_END_RESET); /* after the send */
		replay_add_str(&rp, ok());
		assert_int_equal(call("CreateThing", other[i]), TCAS_E_NET_IO);
		assert_int_equal(res.attempts, 1);
		assert_string_equal(body_of(sent(0)), other[i]);
	}
}

static void test_client_token_caller_and_never(void **state)
{
	replay_conn *c;
	static const char p[] =
	    "{\"ClientToken\":\"mine\",\"AutoScalingGroupId\":\"asg-1\"}";

	(void)state;
	/* the caller's own token: kept, and the write is repeatable */
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_RESET);
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, p), TCAS_OK);
	assert_int_equal(res.attempts, 2);
	assert_string_equal(body_of(sent(1)), p);

	/* NEVER: no token, a write is not repeated */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_client_token(&cl, TCAS_CLIENT_TOKEN_NEVER);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_RESET);
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_NET_IO);
	assert_int_equal(res.attempts, 1);
	assert_string_equal(body_of(sent(0)), WRITE_PARAMS);

	/* random failure: nothing is sent */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_client_token(&cl, TCAS_CLIENT_TOKEN_ALWAYS);
	rp.random_err = TCAS_E_NET_RANDOM;
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_NET_RANDOM);
	assert_int_equal(rp.connects, 0);
}

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

/* ---- clock skew ---------------------------------------------------------- */

static const char *expire_with_date(int64_t t)
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

/* Plain HTTP to a TLS port: the answer names the cause. */
static void test_plain_http_to_tls_port(void **state)
{
	static const uint8_t alert[] = {0x15, 0x03, 0x01, 0x00,
	                                0x02, 0x02, 0x46};
	(void)state;
	tcas_client_set_retry(&cl, 2, 0, 0);
	/* a TLS alert record: never retried */
	replay_add(&rp, alert, sizeof alert);
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_E_HTTP_SPEAKS_TLS);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(tcas_err_class_of(TCAS_E_HTTP_SPEAKS_TLS),
	                 TCAS_CLASS_HTTP);
	/* a 400 (nginx's "plain HTTP request was sent to HTTPS port") stays
	 * an HTTP status */
	tcas_client_close(&cl);
	replay_free(&rp);
	replay_init(&rp);
	rp.wall = NOW;
	replay_add_str(&rp, resp(400, "", "bad", 1));
	assert_int_equal(call(READ, "{}"), TCAS_E_HTTP_STATUS);
}

/* ---- timeouts ------------------------------------------------------------ */

static void test_connect_timeout(void **state)
{
	(void)state;
	tcas_client_set_retry(&cl, 1, 0, 0);
	tcas_client_set_timeouts(&cl, 3000, 4000, 5000);
	replay_add_refused(&rp, TCAS_E_NET_TIMEOUT);
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_CONNECT_TIMEOUT);
	assert_int_equal(rp.conns[0].connect_timeout, 3000);
	assert_int_equal(tcas_err_class_of(TCAS_E_NET_CONNECT_TIMEOUT),
	                 TCAS_CLASS_TRANSPORT);
	/* the total deadline is nearer */
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_timeout(&cl, 2000);
	replay_add_refused(&rp, TCAS_E_NET_TIMEOUT);
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_DEADLINE);
	assert_int_equal(rp.conns[0].connect_timeout, 2000);
}

static void test_read_and_write_timeout(void **state)
{
	replay_conn *c;

	(void)state;
	tcas_client_set_retry(&cl, 1, 0, 0);
	tcas_client_set_timeouts(&cl, 3000, 4000, 5000);
	c = replay_add_str(&rp, "HTTP/1.1 200 OK\r\n");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_READ_TIMEOUT);
	assert_int_equal(rp.conns[0].last_recv_timeout, 5000);

	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, "");
	c->send_err = TCAS_E_NET_TIMEOUT;
	c->send_err_after = 100;
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_WRITE_TIMEOUT);

	/* read timeouts: reads are retried, writes are not */
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_retry(&cl, 3, 0, 0);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_OK);
	assert_int_equal(res.attempts, 2);
	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	replay_add_str(&rp, ok());
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_NET_READ_TIMEOUT);
	assert_int_equal(res.attempts, 1);
}

/* A dummy anchor: the handshake never gets far enough to use it. */
static unsigned char dummy_n[] = {0xC0, 0x01}, dummy_e[] = {3};
static const br_x509_trust_anchor dummy_ta = {
    {(unsigned char *)"x", 1},
    BR_X509_TA_CA,
    {BR_KEYTYPE_RSA, {.rsa = {dummy_n, 2, dummy_e, 1}}}};

static void test_tls_timeout(void **state)
{
	replay_conn *c;

	(void)state;
	tcas_client_set_retry(&cl, 1, 0, 0);
	tcas_client_set_timeouts(&cl, 3000, 4000, 5000);
	assert_int_equal(
	    tcas_client_set_endpoint(&cl, "https://localhost:8443"), TCAS_OK);
	tcas_client_set_trust(&cl, &dummy_ta, 1);
	/* the start of a record, then nothing */
	c = replay_add_str(&rp, "\x16\x03\x03");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	assert_int_equal(call(READ, "{}"), TCAS_E_TLS_TIMEOUT);
	assert_int_equal(rp.conns[0].last_recv_timeout, 4000);
	assert_int_equal(tcas_err_class_of(TCAS_E_TLS_TIMEOUT), TCAS_CLASS_TLS);
	/* retried: the request had not left */
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_retry(&cl, 2, 0, 0);
	c = replay_add_str(&rp, "\x16");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	c = replay_add_str(&rp, "\x16");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	assert_int_equal(call(WRITE, WRITE_PARAMS), TCAS_E_TLS_TIMEOUT);
	assert_int_equal(res.attempts, 2);
	/* not a byte in answer to the hello within the handshake timeout:
	 * no TLS server there (a plain HTTP port), and no retry */
	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	assert_int_equal(call(READ, "{}"), TCAS_E_TLS_SILENT);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(tcas_err_class_of(TCAS_E_TLS_SILENT), TCAS_CLASS_TLS);
	/* the same silence cut short by the total deadline is the deadline */
	replay_free(&rp);
	replay_init(&rp);
	tcas_client_set_timeout(&cl, 2000);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_DEADLINE);
}

static void test_error_texts(void **state)
{
	static const int codes[] = {
	    TCAS_E_NET_CONNECT_TIMEOUT,
	    TCAS_E_NET_READ_TIMEOUT,
	    TCAS_E_NET_WRITE_TIMEOUT,
	    TCAS_E_NET_DEADLINE,
	    TCAS_E_NET_PROXY,
	    TCAS_E_NET_PROXY_AUTH,
	    TCAS_E_NET_RATE,
	    TCAS_E_TLS_TIMEOUT,
	    TCAS_E_TLS_SILENT,
	    TCAS_E_TLS_NOT_TLS,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		assert_string_not_equal(tcas_strerror(codes[i]),
		                        "unknown error");
		assert_string_not_equal(tcas_errname(codes[i]),
		                        "TCAS_E_UNKNOWN");
	}
}

/* ---- proxy --------------------------------------------------------------- */

static void logger(void *ctx, const char *line, size_t len);

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
#endif

static void test_setters_ignore_null(void **state)
{
	(void)state;
	tcas_client_set_timeouts(NULL, 1, 2, 3);
	tcas_client_set_retry(NULL, 1, 2, 3);
	tcas_client_set_rate_limit(NULL, 1);
	tcas_client_set_client_token(NULL, 1);
	tcas_client_set_log(NULL, logger, NULL);
	tcas_client_set_credentials(NULL, ID, KEY, NULL);
	tcas_client_set_region(NULL, "r");
	tcas_client_set_language(NULL, "l");
	tcas_client_set_trust(NULL, NULL, 1);
	tcas_client_set_timeout(NULL, 1);
	tcas_client_set_action_facts(NULL, tcas_as_action_facts);
	tcas_client_set_time(NULL, 1800000000);
	tcas_client_close(NULL);
	assert_int_equal(tcas_client_set_rate_limit(NULL, TCAS_RATE_OFF),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_client_set_log(NULL, NULL, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_client_now(NULL), 0);
	tcas_client_set_retry(&cl, -5, 300, 100);
	assert_int_equal(cl.max_attempts, 1);
	assert_int_equal(cl.backoff_cap_ms, 300);
	assert_int_equal(cl.max_attempts, 1);
	tcas_client_set_time(&cl, 1800000000);
	assert_int_equal(tcas_client_now(&cl), 1800000000);
}

#if TCAS_WITH_PROXY
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

/* ---- ports that misbehave ------------------------------------------------ */

static int (*real_connect)(void *, const char *, uint16_t, uint32_t);

/* A connect that succeeds only when its whole time is used up. */
static int slow_connect(void *ctx, const char *host, uint16_t p,
                        uint32_t timeout_ms)
{
	int err = real_connect(ctx, host, p, timeout_ms);

	rp.mono += timeout_ms;
	return err;
}

/* A send that reports 0 bytes written (the contract says > 0). */
static long zero_send(void *ctx, const uint8_t *buf, size_t len,
                      uint32_t timeout_ms)
{
	(void)ctx;
	(void)buf;
	(void)len;
	(void)timeout_ms;
	return 0;
}

static void test_deadline_spent_in_connect(void **state)
{
	(void)state;
	real_connect = port.connect;
	port.connect = slow_connect;
	tcas_client_set_timeouts(&cl, 0, 0, 4000); /* connect: the deadline */
	tcas_client_set_timeout(&cl, 5000);
	replay_add_str(&rp, ok());
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_DEADLINE);
	assert_int_equal(rp.conns[0].connect_timeout, 5000);
	assert_int_equal(rp.conns[0].sent_len, 0);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(rp.connects, 1);
}

/* A monotonic clock that leaps by more than 2^32 ms inside a call (no
 * wrap of the call's 32-bit clock back to "time left"). */
static int leap_connect(void *ctx, const char *host, uint16_t p,
                        uint32_t timeout_ms)
{
	rp.mono += (uint64_t)1 << 33;
	return real_connect(ctx, host, p, timeout_ms);
}

static void test_clock_leap(void **state)
{
	(void)state;
	real_connect = port.connect;
	port.connect = leap_connect;
	replay_add_str(&rp, ok());
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_DEADLINE);
	assert_int_equal(rp.conns[0].sent_len, 0);
	assert_int_equal(rp.connects, 1);
	assert_int_equal(rp.nsleeps, 0);
}

/* A send that makes no progress is a closed connection, not a loop. */
static void test_send_without_progress(void **state)
{
	(void)state;
	port.send = zero_send;
	tcas_client_set_retry(&cl, 1, 0, 0);
	replay_add_str(&rp, ok());
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_CLOSED);
	assert_int_equal(rp.conns[0].recv_calls, 0);
#if TCAS_WITH_PROXY
	tcas_client_close(&cl);
	assert_int_equal(tcas_client_set_proxy(&cl, "proxy:3128"), TCAS_OK);
	replay_add_str(&rp, "HTTP/1.1 200 OK\r\n\r\n");
	assert_int_equal(call(READ, "{}"), TCAS_E_NET_CLOSED);
	assert_int_equal(rp.conns[1].recv_calls, 0);
#endif
}

/* ---- secrets ------------------------------------------------------------- */

static char logbuf[65536];
static size_t loglen;

static void logger(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	assert_true(loglen + len + 1 < sizeof logbuf);
	memcpy(logbuf + loglen, line, len);
	loglen += len;
	logbuf[loglen++] = '\n';
	logbuf[loglen] = '\0';
}

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
		T(test_rate_limit_codes_always),
		T(test_attempts_exhausted),
		T(test_prefix_is_not_family),
		T(test_internal_error_reads_only),
		T(test_never_retried_codes),
		T(test_http_status),
		T(test_reset_after_send),
		T(test_before_send_always),
		T(test_malformed_not_retried),
		T(test_backoff_bounds),
		T(test_backoff_ceiling_without_random),
		T(test_backoff_past_deadline),
		T(test_backoff_huge_ceiling),
		T(test_no_sleep_no_retry),
		T(test_total_deadline),
		T(test_no_as_action_takes_client_token),
		T(test_action_facts_hook),
		T(test_client_token_always),
		T(test_client_token_body_shapes),
		T(test_client_token_caller_and_never),
#if TCAS_WITH_RATE_LIMIT
		T(test_rate_limit_bucket),
		T(test_rate_limit_table),
		T(test_rate_limit_lru_and_limits),
		T(test_rate_limit_defaults_and_names),
		T(test_rate_limit_huge),
#endif
		T(test_skew_learned),
		T(test_skew_retry_once),
		T(test_skew_without_date),
		T(test_skew_bad_date),
		T(test_unset_clock_first_call),
		T(test_skew_bounded),
		T(test_two_clocks),
		T(test_plain_http_to_tls_port),
		T(test_connect_timeout),
		T(test_read_and_write_timeout),
		T(test_tls_timeout),
		T(test_error_texts),
#if TCAS_WITH_PROXY
		T(test_proxy_connect),
		T(test_proxy_ipv6_target),
#endif
		T(test_setters_ignore_null),
#if TCAS_WITH_PROXY
		T(test_proxy_refusals),
		T(test_proxy_strings),
		T(test_proxy_exchange_failures),
#endif
		T(test_deadline_spent_in_connect),
		T(test_clock_leap),
		T(test_send_without_progress),
#if TCAS_WITH_LOG
		T(test_debug_log_redacts),
		T(test_debug_log_lines),
#endif
		T(test_wipe),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
