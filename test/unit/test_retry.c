/*
 * test_retry.c - tcas_client's reliability behaviour over the replay port
 * with fake clocks: retries per error class, full-jitter backoff bounds,
 * ClientToken, the four timeouts and their codes, the total deadline, ports
 * that misbehave, the setters. (test_retry_policy checks the policy's pure
 * functions; test_clock the signing clock; test_ratelimit, test_proxy and
 * test_secrets the other concerns.)
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

/* ---- setters ----------------------------------------------------------- */

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
	    T(test_connect_timeout),
	    T(test_read_and_write_timeout),
	    T(test_tls_timeout),
	    T(test_error_texts),
	    T(test_setters_ignore_null),
	    T(test_deadline_spent_in_connect),
	    T(test_clock_leap),
	    T(test_send_without_progress),
	    T(test_plain_http_to_tls_port),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
