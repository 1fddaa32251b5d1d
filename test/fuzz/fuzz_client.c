/*
 * fuzz_client.c - libFuzzer harness for a whole tcas_client_call() over
 * plain HTTP: request signing, HTTP framing, JSON parsing and the response
 * envelope, with the fuzz input as everything the server sends.
 *
 * The port is in memory and static (no heap, like a device): connect()
 * always succeeds (up to CONNECTS_MAX times per input), recv() serves the
 * input from where the previous connection stopped, in segments whose sizes
 * come from a hash of the input, and at the end closes, resets or times out
 * (also from the hash). Two calls are made on one client, so keep-alive
 * reuse and the stale-connection resend are reached too: a Describe call
 * (safe to resend) and a write. sleep_ms() only moves the fake monotonic
 * clock, so retries with backoff and the rate limiter run at full speed;
 * from the hash, the wall clock is sometimes unset (1970), so the clock-skew
 * path learns the time from a fuzzed Date header, and sometimes the action
 * table's facts (per-action rates, ClientToken) are used, and sometimes the
 * calls go through an HTTP proxy (CONNECT with Proxy-Authorization), whose
 * answer then comes first in the input.
 *
 * TLS is not covered here (it would need a TLS server in the loop).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/client.h"
#include "tcas/error.h"
#include "fuzz/check.h"

#define CONNECTS_MAX 8

static struct mem_port {
	const uint8_t *data;
	size_t len, pos;
	uint32_t rng;
	int open, connects, end;
	size_t sent;
	uint64_t mono;
	int64_t wall;
	uint64_t slept;
} mp;

static uint32_t next_rand(void)
{
	mp.rng ^= mp.rng << 13;
	mp.rng ^= mp.rng >> 17;
	mp.rng ^= mp.rng << 5;
	return mp.rng;
}

static int m_connect(void *ctx, const char *host, uint16_t port,
                     uint32_t timeout_ms)
{
	(void)ctx;
	(void)timeout_ms;
	CHECK(host != NULL && strcmp(host, "127.0.0.1") == 0 && port == 8080);
	CHECK(!mp.open);
	if (++mp.connects > CONNECTS_MAX)
		return TCAS_E_NET_CONNECT;
	mp.open = 1;
	return TCAS_OK;
}

static long m_send(void *ctx, const uint8_t *buf, size_t len,
                   uint32_t timeout_ms)
{
	size_t n = 1 + next_rand() % 512;

	(void)ctx;
	(void)timeout_ms;
	CHECK(mp.open && buf != NULL && len > 0);
	if (n > len)
		n = len;
	mp.sent += n;
	return (long)n;
}

static long m_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	size_t n = 1 + next_rand() % 1500;

	(void)ctx;
	(void)timeout_ms;
	CHECK(mp.open && buf != NULL && len > 0);
	if (mp.pos == mp.len)
		return mp.end;
	if (n > len)
		n = len;
	if (n > mp.len - mp.pos)
		n = mp.len - mp.pos;
	memcpy(buf, mp.data + mp.pos, n);
	mp.pos += n;
	return (long)n;
}

static void m_close(void *ctx)
{
	(void)ctx;
	mp.open = 0;
}

static int64_t m_wall(void *ctx)
{
	(void)ctx;
	return mp.wall;
}

static void m_sleep(void *ctx, uint32_t ms)
{
	(void)ctx;
	CHECK(ms <= 60000);
	mp.mono += ms;
	mp.slept += ms;
}

static uint64_t m_mono(void *ctx)
{
	(void)ctx;
	return mp.mono;
}

static int m_random(void *ctx, uint8_t *buf, size_t len)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)next_rand();
	return TCAS_OK;
}

static const tcas_port port = {NULL,   m_connect, m_send,   m_recv, m_close,
                               m_wall, m_mono,    m_random, m_sleep};
static tcas_client cl;
static tcas_result res;

static int known(int err)
{
	if (err == TCAS_OK || err == TCAS_E_API || err == TCAS_E_RESPONSE)
		return 1;
	if (err <= TCAS_E_JSON_TOO_MANY_TOKENS && err >= TCAS_E_JSON_ESCAPE)
		return 1;
	if (err <= TCAS_E_HTTP_HEAD_TOO_LARGE && err >= TCAS_E_HTTP_UNSUPPORTED)
		return 1;
	if (err == TCAS_E_NET_PROXY || err == TCAS_E_NET_PROXY_AUTH ||
	    err == TCAS_E_NET_CONNECT_TIMEOUT)
		return TCAS_WITH_PROXY && cl.proxy_host[0] != '\0';
	return err == TCAS_E_NET_CONNECT || err == TCAS_E_NET_TIMEOUT ||
	       err == TCAS_E_NET_IO || err == TCAS_E_NET_CLOSED ||
	       err == TCAS_E_NET_READ_TIMEOUT ||
	       err == TCAS_E_NET_WRITE_TIMEOUT || err == TCAS_E_NET_DEADLINE ||
	       err == TCAS_E_CLOCK;
}

static void check_result(int err)
{
	if (!known(err))
		fprintf(stderr, "unexpected result %d (%s)\n", err,
		        tcas_strerror(err));
	CHECK(known(err));
	CHECK(err != TCAS_E_JSON_PATH && err != TCAS_E_JSON_DEPTH);
	/* 1 + retries, plus one re-signed attempt after a clock skew */
	CHECK(res.attempts >= 1 &&
	      res.attempts <= TCAS_RETRY_ATTEMPTS_DEFAULT + 1);
	CHECK(res.waited_ms <= mp.slept);
	CHECK(memchr(res.error_code, 0, sizeof res.error_code) != NULL);
	CHECK(memchr(res.error_message, 0, sizeof res.error_message) != NULL);
	CHECK(memchr(res.request_id, 0, sizeof res.request_id) != NULL);
	if (err == TCAS_OK || err == TCAS_E_API) {
		CHECK(res.http_status == 200);
		CHECK(res.response > 0 && res.response < res.doc.ntok);
		CHECK(tcas_json_type_of(&res.doc, res.response) ==
		      TCAS_JSON_OBJECT);
	}
	if (err == TCAS_E_API)
		CHECK(res.error_code[0] != '\0');
	else
		CHECK(res.error_code[0] == '\0' || err == TCAS_E_RESPONSE);
	if (err == TCAS_E_HTTP_STATUS)
		CHECK(res.http_status >= 200 && res.http_status <= 599 &&
		      res.http_status != 200);
	if (err != TCAS_OK && err != TCAS_E_API && err != TCAS_E_HTTP_STATUS &&
	    err != TCAS_E_RESPONSE &&
	    (err > TCAS_E_JSON_TOO_MANY_TOKENS || err < TCAS_E_JSON_ESCAPE))
		CHECK(!cl.connected); /* a failed exchange closes */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int ends[] = {0, 0, TCAS_E_NET_IO, TCAS_E_NET_TIMEOUT};
	uint32_t h = fuzz_hash(data, size);
	int err;

	memset(&mp, 0, sizeof mp);
	mp.data = data;
	mp.len = size;
	mp.rng = h | 1;
	mp.end = ends[h & 3];
	mp.mono = 1000;
	mp.wall = (h & 0x30) == 0x30 ? 0 : 1767225599;
	CHECK(tcas_client_init(&cl, &port) == TCAS_OK);
	if (h & 0x40)
		tcas_client_set_action_facts(&cl, tcas_as_action_facts);
	CHECK(tcas_client_set_endpoint(&cl, "http://127.0.0.1:8080") ==
	      TCAS_OK);
#if TCAS_WITH_PROXY
	if (h & 0x80)
		CHECK(tcas_client_set_proxy(
		          &cl, "http://u%3A:p@127.0.0.1:8080") == TCAS_OK);
#endif
	tcas_client_set_credentials(&cl, "AKIDEXAMPLE", "secretkey", NULL);
	tcas_client_set_region(&cl, "ap-guangzhou");

	err = tcas_client_call(&cl, "DescribeAutoScalingGroups", "{}", 2, &res);
	check_result(err);
	CHECK(mp.sent > 0);
	err = tcas_client_call(&cl, "ExecuteScalingPolicy",
	                       "{\"AutoScalingPolicyId\":\"asp-1\"}", 31, &res);
	check_result(err);
	tcas_client_close(&cl);
	CHECK(!mp.open);
	return 0;
}
