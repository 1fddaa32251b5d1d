/*
 * test_client.c - tcas_client_call end to end over the replay port: every
 * recorded example of all 58 actions, the exact request, error envelopes,
 * HTTP failures, arguments and endpoints, and a whole call made with
 * allocation functions that fail the test when called. (Keep-alive,
 * reconnects and transport failures: test_conn.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "callfix.h"
#include "support/replay.h"
#include "tcas/client.h"
#include "tcas/sign.h"

/* ---- allocation trap ---------------------------------------------------
 * While heap_armed is set, any call of malloc/calloc/realloc/free made by
 * this process counts as a failure. Outside that window they forward to
 * glibc (cmocka and the replay port use the heap).
 * Under AddressSanitizer (make check-asan) the allocator belongs to ASan,
 * so instead of replacing malloc the test counts through ASan's allocation
 * hooks, which see every malloc/calloc/realloc/free as well. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif

static volatile int heap_armed, heap_calls;

#ifdef TEST_ASAN
int __sanitizer_install_malloc_and_free_hooks(
    void (*malloc_hook)(const volatile void *, size_t),
    void (*free_hook)(const volatile void *));

static void asan_malloc_hook(const volatile void *p, size_t n)
{
	(void)p;
	(void)n;
	if (heap_armed)
		heap_calls++;
}
static void asan_free_hook(const volatile void *p)
{
	if (heap_armed && p)
		heap_calls++;
}
static void heap_trap_install(void)
{
	__sanitizer_install_malloc_and_free_hooks(asan_malloc_hook,
	                                          asan_free_hook);
}
#else
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

void *malloc(size_t n)
{
	if (heap_armed)
		heap_calls++;
	return __libc_malloc(n);
}
void *calloc(size_t n, size_t m)
{
	if (heap_armed)
		heap_calls++;
	return __libc_calloc(n, m);
}
void *realloc(void *p, size_t n)
{
	if (heap_armed)
		heap_calls++;
	return __libc_realloc(p, n);
}
void free(void *p)
{
	if (heap_armed && p)
		heap_calls++;
	__libc_free(p);
}
static void heap_trap_install(void)
{
}
#endif

/* ---- all recorded examples ----------------------------------------------- */

static void test_all_examples(void **state)
{
	FILE *idx = fopen("test/data/examples/INDEX", "r");
	char line[512], seen[64][64];
	size_t nseen = 0, nex = 0;
	static const size_t splits[] = {1, 7, 2, 13, 5};

	(void)state;
	assert_non_null(idx);
	while (fgets(line, sizeof line, idx)) {
		char action[64], http[128], req[128], path[256];
		uint8_t *body;
		size_t blen, i, n;
		int num;
		replay_conn *c;

		if (sscanf(line, "%63s %d %127s %127s", action, &num, http,
		           req) != 4)
			continue;
		snprintf(path, sizeof path, "test/data/examples/%s", http);
		c = replay_add_file(&rp, path);
		assert_non_null(c);
		replay_conn_split(c, splits, 5, 1);
		snprintf(path, sizeof path, "test/data/examples/%s", req);
		assert_int_equal(replay_load_file(path, &body, &blen), 0);
		/* the recorded bodies are pretty JSON: fine as params */
		assert_int_equal(
		    tcas_client_call(&cl, action, (char *)body, blen, &res),
		    TCAS_OK);
		assert_int_equal(res.http_status, 200);
		assert_true(res.request_id[0] != '\0');
		assert_true(res.response > 0);
		{
			const char *s = sent(rp.connects - 1, &n);
			char want[128];

			snprintf(want, sizeof want, "\r\nX-TC-Action: %s\r\n",
			         action);
			assert_non_null(strstr(s, want));
			assert_memory_equal(s + n - blen, body, blen);
		}
		free(body);
		for (i = 0; i < nseen && strcmp(seen[i], action); i++)
			;
		if (i == nseen && nseen < 64)
			strcpy(seen[nseen++], action);
		nex++;
		/* one connection per example: recordings close or not */
		tcas_client_close(&cl);
		replay_free(&rp);
		replay_init(&rp);
	}
	fclose(idx);
	assert_int_equal(nex, 83);
	assert_int_equal(nseen, 58);
}

/* ---- the exact request --------------------------------------------------- */

static void test_request_bytes(void **state)
{
	char resp[512];
	/* Signature from python3 hmac/hashlib (docs/api-3.0.md reference
	 * function): host 127.0.0.1:8080, content-type application/json,
	 * action DescribeAutoScalingGroups, T=1767225600, body {"Limit":10}. */
	static const char want[] =
	    "POST / HTTP/1.1\r\n"
	    "Host: 127.0.0.1:8080\r\n"
	    "Content-Type: application/json\r\n"
	    "Content-Length: 12\r\n"
	    "X-TC-Action: DescribeAutoScalingGroups\r\n"
	    "X-TC-Version: 2018-04-19\r\n"
	    "X-TC-Timestamp: 1767225600\r\n"
	    "X-TC-Region: ap-guangzhou\r\n"
	    "Authorization: TC3-HMAC-SHA256 Credential=" ID
	    "/2026-01-01/as/tc3_request, "
	    "SignedHeaders=content-type;host;x-tc-action, "
	    "Signature=4974de61eee166b9f2a8b03a759fbe46bdba837455788262d4aeced3"
	    "5313650f\r\n"
	    "User-Agent: tcas/" TCAS_VERSION "\r\n"
	    "\r\n"
	    "{\"Limit\":10}";

	(void)state;
	replay_add_str(&rp, http_ok(resp, sizeof resp, ok_body, 0));
	rp.wall = 1767225600;
	assert_int_equal(call("DescribeAutoScalingGroups", "{\"Limit\":10}"),
	                 TCAS_OK);
	assert_string_equal(sent(0, NULL), want);
	assert_int_equal(rp.conns[0].send_calls, 1); /* one write */
	assert_string_equal(rp.conns[0].host, "127.0.0.1");
	assert_int_equal(rp.conns[0].port, 8080);
}

/* A body too large to ride behind the head goes out in a second write;
 * either way the server receives head + body exactly. */
static void test_large_body(void **state)
{
	static char params[TCAS_HTTP_REQ_HEAD_MAX + 100];
	char resp[512];
	const char *s;
	size_t n, plen;

	(void)state;
	memset(params, ' ', sizeof params - 1);
	params[0] = '{';
	params[sizeof params - 2] = '}';
	plen = sizeof params - 1;
	replay_add_str(&rp, http_ok(resp, sizeof resp, ok_body, 0));
	assert_int_equal(tcas_client_call(&cl, "DescribeAutoScalingGroups",
	                                  params, plen, &res),
	                 TCAS_OK);
	s = sent(0, &n);
	assert_true(n > plen);
	assert_memory_equal(s + n - plen, params, plen);
	assert_non_null(strstr(s, "\r\n\r\n{  "));
	assert_true(rp.conns[0].send_calls >= 2);
}

static void test_token_and_language(void **state)
{
	char resp[512];
	const char *s;

	(void)state;
	replay_add_str(&rp, http_ok(resp, sizeof resp, ok_body, 0));
	tcas_client_set_credentials(&cl, ID, KEY, "token-abc");
	tcas_client_set_language(&cl, "en-US");
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	s = sent(0, NULL);
	assert_non_null(strstr(s, "\r\nX-TC-Token: token-abc\r\n"));
	assert_non_null(strstr(s, "\r\nX-TC-Language: en-US\r\n"));
	assert_null(strstr(s, KEY));

	/* an empty token is no token: no X-TC-Token header */
	replay_add_str(&rp, http_ok(resp, sizeof resp, ok_body, 0));
	tcas_client_set_credentials(&cl, ID, KEY, "");
	assert_null(cl.token);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_null(strstr(sent(1, NULL), "X-TC-Token"));
}

static void test_fixed_time(void **state)
{
	char resp[512];

	(void)state;
	replay_add_str(&rp, http_ok(resp, sizeof resp, ok_body, 0));
	tcas_client_set_time(&cl, 1767225600);
	rp.wall = 5; /* the clock is ignored */
	assert_int_equal(call("DescribeAutoScalingGroups", "{\"Limit\":10}"),
	                 TCAS_OK);
	assert_non_null(strstr(sent(0, NULL), "Signature=4974de61eee166b9"));
}

/* The signing key is derived once a day and kept: later calls, a new
 * day and new credentials still sign exactly as the signer does from
 * scratch. */
static const char *sig_of(const char *req)
{
	const char *s = strstr(req, "Signature=");

	assert_non_null(s);
	return s + 10;
}

static void want_sig_svc(const char *req, const char *key, int64_t t,
                         const char *body, const char *service)
{
	tcas_sign_params p;
	char sig[TCAS_SIGN_HEX_LEN + 1];

	memset(&p, 0, sizeof p);
	p.secret_id = ID;
	p.secret_key = key;
	p.service = service;
	p.host = "127.0.0.1:8080";
	p.content_type = "application/json";
	p.action = "DescribeAutoScalingGroups";
	p.timestamp = t;
	assert_int_equal(tcas_sign_buf(&p, body, strlen(body), sig), TCAS_OK);
	assert_memory_equal(sig_of(req), sig, TCAS_SIGN_HEX_LEN);
}

static void want_sig(const char *req, const char *key, int64_t t,
                     const char *body)
{
	want_sig_svc(req, key, t, body, "as");
}

static void test_kept_signing_key(void **state)
{
	static const char key2[] = "AnotherSecretKeyAnotherSecretKey";
	char resp[512];
	int i;

	(void)state;
	for (i = 0; i < 6; i++) /* a connection per call */
		replay_add_str(&rp, http_ok(resp, sizeof resp, ok_body, 1));
	tcas_client_set_time(&cl, 1767225600);
	assert_int_equal(call("DescribeAutoScalingGroups", "{\"Limit\":10}"),
	                 TCAS_OK);
	assert_non_null(strstr(sent(0, NULL), "Signature=4974de61eee166b9"));
	/* same day, other body: the kept key */
	tcas_client_set_time(&cl, 1767225600 + 3600);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	want_sig(sent(1, NULL), KEY, 1767225600 + 3600, "{}");
	/* next day */
	tcas_client_set_time(&cl, 1767225600 + 86400);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	want_sig(sent(2, NULL), KEY, 1767225600 + 86400, "{}");
	/* new credentials */
	tcas_client_set_credentials(&cl, ID, key2, NULL);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	want_sig(sent(3, NULL), key2, 1767225600 + 86400, "{}");
	/* another signing service (the CLI's --service), same day and key */
	cl.service = "cvm";
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_non_null(strstr(sent(4, NULL), "/cvm/tc3_request"));
	want_sig_svc(sent(4, NULL), key2, 1767225600 + 86400, "{}", "cvm");
	cl.service = TCAS_AS_SERVICE;
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	want_sig(sent(5, NULL), key2, 1767225600 + 86400, "{}");
#if TCAS_WITH_KEY_CACHE
	/* wiped with the client */
	tcas_client_wipe(&cl);
	for (i = 0; i < (int)sizeof cl.sign_key; i++)
		assert_int_equal(cl.sign_key[i], 0);
	assert_string_equal(cl.sign_key_date, "");
#endif
}

/* ---- envelopes and HTTP failures ----------------------------------------- */

static void test_api_error(void **state)
{
	(void)state;
	assert_non_null(replay_add_file(&rp, "test/data/http/api_error.http"));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_E_API);
	assert_string_equal(res.error_code, "AuthFailure.SignatureFailure");
	assert_true(res.error_message[0] != '\0');
	assert_true(res.request_id[0] != '\0');
	assert_int_equal(res.http_status, 200);
	assert_int_equal(tcas_err_class_of(TCAS_E_API), TCAS_CLASS_API);
}

static void test_long_error_message(void **state)
{
	char body[2048], resp[2600], msg[1200];
	size_t i, n;

	(void)state;
	/* 400 x "é" (2 bytes each) overflows TCAS_ERR_MSG_MAX */
	for (i = 0, n = 0; i < 400 && n + 2 < sizeof msg; i++) {
		msg[n++] = (char)0xC3;
		msg[n++] = (char)0xA9;
	}
	msg[n] = '\0';
	snprintf(body, sizeof body,
	         "{\"Response\":{\"Error\":{\"Code\":\"InternalError\","
	         "\"Message\":\"%s\"},\"RequestId\":\"r-9\"}}",
	         msg);
	replay_add_str(&rp, http_ok(resp, sizeof resp, body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_E_API);
	assert_string_equal(res.error_code, "InternalError");
	assert_int_equal(res.message_truncated, 1);
	n = strlen(res.error_message);
	assert_true(n > 0 && n < TCAS_ERR_MSG_MAX);
	assert_int_equal(n % 2, 0); /* never half a character */
	assert_string_equal(res.request_id, "r-9");

	/* an escape inside the part that would fit: what is kept is still a
	 * prefix of the decoded text (no raw "\\n" or "\\u00e9") */
	{
		static const char *const pre[] = {"0123456789\\n", "\\u00e9"};
		static const char *const dec[] = {"0123456789\n", "\xc3\xa9"};

		for (i = 0; i < 2; i++) {
			replay_free(&rp);
			replay_init(&rp);
			n = (size_t)snprintf(msg, sizeof msg, "%s", pre[i]);
			memset(msg + n, 'x', 400);
			msg[n + 400] = '\0';
			snprintf(body, sizeof body,
			         "{\"Response\":{\"Error\":{\"Code\":\"X\","
			         "\"Message\":\"%s\"}}}",
			         msg);
			replay_add_str(&rp,
			               http_ok(resp, sizeof resp, body, 0));
			assert_int_equal(
			    call("DescribeAutoScalingGroups", "{}"),
			    TCAS_E_API);
			assert_int_equal(res.message_truncated, 1);
			/* a prefix of the decoded text */
			n = (size_t)snprintf(msg, sizeof msg, "%s", dec[i]);
			memset(msg + n, 'x', 400);
			msg[n + 400] = '\0';
			assert_memory_equal(res.error_message, msg,
			                    strlen(res.error_message));
		}
	}
}

/* The envelope rules: Response must be an object; an Error needs a string
 * Code that is not empty; RequestId and Message are optional and left ""
 * when they are no strings. */
static void test_envelope_shapes(void **state)
{
	static const struct {
		const char *body;
		int want;
		const char *code, *msg, *rid;
	} v[] = {
	    {"[1]", TCAS_E_RESPONSE, "", "", ""},
	    {"{\"Response\":[]}", TCAS_E_RESPONSE, "", "", ""},
	    {"{\"Response\":{\"RequestId\":7}}", TCAS_OK, "", "", ""},
	    {"{\"Response\":{\"RequestId\":\"r-1\",\"Error\":\"x\"}}",
	     TCAS_E_RESPONSE, "", "", "r-1"},
	    {"{\"Response\":{\"Error\":{\"Message\":\"m\"}}}", TCAS_E_RESPONSE,
	     "", "", ""},
	    {"{\"Response\":{\"Error\":{\"Code\":\"\"}}}", TCAS_E_RESPONSE, "",
	     "", ""},
	    {"{\"Response\":{\"Error\":{\"Code\":5}}}", TCAS_E_RESPONSE, "", "",
	     ""},
	    {"{\"Response\":{\"Error\":{\"Code\":\"A\\u0042\","
	     "\"Message\":null},\"RequestId\":\"r-2\"}}",
	     TCAS_E_API, "AB", "", "r-2"},
	    {"{\"Response\":{\"Error\":{\"Code\":\"X\",\"Message\":"
	     "\"a\\nb\"}}}",
	     TCAS_E_API, "X", "a\nb", ""},
	    {"{\"Response\":{\"Error\":{\"Code\":\"X\"}}}", TCAS_E_API, "X", "",
	     ""},
	};
	char resp[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		replay_free(&rp);
		replay_init(&rp);
		replay_add_str(&rp, http_ok(resp, sizeof resp, v[i].body, 0));
		assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
		                 v[i].want);
		assert_string_equal(res.error_code, v[i].code);
		assert_string_equal(res.error_message, v[i].msg);
		assert_string_equal(res.request_id, v[i].rid);
		assert_int_equal(res.message_truncated, 0);
	}
}

/* HTTP-level failures drop the connection; a well-framed response with a
 * bad body leaves it reusable. */
static void expect_file(const char *file, int want)
{
	char path[256];

	snprintf(path, sizeof path, "test/data/http/%s", file);
	assert_non_null(replay_add_file(&rp, path));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), want);
	if (tcas_err_class_of(want) != TCAS_CLASS_USAGE &&
	    want != TCAS_E_RESPONSE)
		assert_int_equal(cl.connected, 0);
}

static void test_status_502(void **state)
{
	(void)state;
	expect_file("status_502.http", TCAS_E_HTTP_STATUS);
	assert_int_equal(res.http_status, 502);
}

static void test_truncated(void **state)
{
	(void)state;
	expect_file("truncated_cl.http", TCAS_E_HTTP_TRUNCATED);
	replay_free(&rp);
	replay_init(&rp);
	expect_file("truncated_chunked.http", TCAS_E_HTTP_TRUNCATED);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_file("bad_chunk_size.http", TCAS_E_HTTP_MALFORMED);
	replay_free(&rp);
	replay_init(&rp);
	expect_file("bad_json.http", TCAS_E_JSON_MALFORMED);
	replay_free(&rp);
	replay_init(&rp);
	expect_file("no_response.http", TCAS_E_RESPONSE);
	replay_free(&rp);
	replay_init(&rp);
	expect_file("big_header.http", TCAS_E_HTTP_HEAD_TOO_LARGE);
}

static void test_body_too_large(void **state)
{
	static char body[TCAS_HTTP_BODY_MAX + 64], resp[sizeof body + 256];

	(void)state;
	memset(body, ' ', sizeof body - 1);
	memcpy(body, "{\"Response\":{}}", 15);
	body[sizeof body - 1] = '\0';
	replay_add_str(&rp, http_ok(resp, sizeof resp, body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
}

static void test_too_many_tokens(void **state)
{
	static char body[TCAS_HTTP_BODY_MAX - 1], resp[sizeof body + 256];
	size_t n = 0;

	(void)state;
	n += (size_t)sprintf(body, "{\"Response\":{\"A\":[");
	while (n + 8 < sizeof body && n < (size_t)TCAS_JSON_TOKENS_MAX * 2 + 64)
		n += (size_t)sprintf(body + n, "1,");
	sprintf(body + n, "1]}}");
	replay_add_str(&rp, http_ok(resp, sizeof resp, body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_JSON_TOO_MANY_TOKENS);
}

/* tcas_client_set_response_buffers: larger answers into the caller's
 * buffers; the size needed is told when even those are too small. */
static void test_caller_buffers(void **state)
{
	static char body[TCAS_HTTP_BODY_MAX * 2], resp[sizeof body + 256];
	static char big[sizeof body + 64];
	static jsmntok_t tok[TCAS_HTTP_BODY_MAX];
	size_t n = 0;
	int items = 1;

	(void)state;
	n += (size_t)sprintf(body, "{\"Response\":{\"A\":[");
	for (; n < (size_t)TCAS_HTTP_BODY_MAX + 64; items++)
		n += (size_t)sprintf(body + n, "1,");
	sprintf(body + n, "1]}}");
	assert_true(items > TCAS_JSON_TOKENS_MAX);
	assert_int_equal(tcas_client_set_response_buffers(
	                     &cl, big, sizeof big, tok,
	                     (unsigned)(sizeof tok / sizeof tok[0])),
	                 TCAS_OK);
	replay_add_str(&rp, http_ok(resp, sizeof resp, body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(tcas_json_count(&res.doc, 4), items); /* Response.A */
	/* too small even so: the exact size the Content-Length announced */
	assert_int_equal(
	    tcas_client_set_response_buffers(
	        &cl, big, 100, tok, (unsigned)(sizeof tok / sizeof tok[0])),
	    TCAS_OK);
	replay_add_str(&rp, http_ok(resp, sizeof resp, body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
	assert_true(cl.resp.body_need == strlen(body));
	assert_int_equal(cl.resp.body_need_exact, 1);
	/* back to the client's own */
	assert_int_equal(
	    tcas_client_set_response_buffers(&cl, NULL, 0, NULL, 0), TCAS_OK);
	assert_ptr_equal(cl.body, cl.shared.r.body);
	assert_int_equal(tcas_client_set_response_buffers(&cl, big, 1, NULL, 0),
	                 TCAS_E_ARG);
	assert_int_equal(
	    tcas_client_set_response_buffers(NULL, big, 9, NULL, 0),
	    TCAS_E_ARG);
}

/* ---- arguments ----------------------------------------------------------- */

static void test_argument_errors(void **state)
{
	(void)state;
	assert_int_equal(tcas_client_call(&cl, NULL, "{}", 2, &res),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_client_call(&cl, "X", NULL, 0, &res), TCAS_E_ARG);
	assert_int_equal(tcas_client_call(&cl, "X", "{}", 2, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_client_call(NULL, "X", "{}", 2, &res),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_client_call(&cl, "", "{}", 2, &res), TCAS_E_ARG);
	assert_int_equal(tcas_client_call(&cl, "X", "{}", 0, &res), TCAS_E_ARG);
	assert_int_equal(tcas_client_prepare(&cl, "X", NULL, 2), TCAS_E_ARG);
	assert_int_equal(tcas_client_init(NULL, &port), TCAS_E_ARG);
	assert_int_equal(tcas_client_init(&cl, NULL), TCAS_E_ARG);
	tcas_client_set_credentials(&cl, ID, "", NULL);
	assert_int_equal(call("X", "{}"), TCAS_E_CREDENTIALS);
	assert_int_equal(tcas_client_prepare(&cl, "X", "{}", 2),
	                 TCAS_E_CREDENTIALS);
	tcas_client_set_credentials(&cl, ID, NULL, NULL);
	assert_int_equal(call("X", "{}"), TCAS_E_CREDENTIALS);
	tcas_client_set_credentials(&cl, "", KEY, NULL);
	assert_int_equal(call("X", "{}"), TCAS_E_CREDENTIALS);
	{
		/* SecretId: up to 128 characters */
		static char id[130], head[TCAS_HTTP_REQ_HEAD_MAX + 1];

		memset(id, 'A', 129);
		tcas_client_set_credentials(&cl, id, KEY, NULL);
		assert_int_equal(call("X", "{}"), TCAS_E_CREDENTIALS);
		id[128] = '\0';
		assert_int_equal(tcas_client_prepare(&cl, "X", "{}", 2),
		                 TCAS_OK);
		memcpy(head, cl.req_head, cl.req_head_len);
		head[cl.req_head_len] = '\0';
		assert_non_null(strstr(head, id));
	}
	tcas_client_set_credentials(&cl, ID, KEY, NULL);
	tcas_client_set_time(&cl, 1000000000); /* 2001: cannot sign */
	assert_int_equal(call("X", "{}"), TCAS_E_CLOCK);
	tcas_client_set_time(&cl, 0);
	assert_int_equal(tcas_client_set_endpoint(&cl, "https://localhost"),
	                 TCAS_OK);
	assert_int_equal(call("X", "{}"), TCAS_E_TLS_NO_ANCHORS);
	{
		static const br_x509_trust_anchor ta;

		tcas_client_set_trust(&cl, &ta, 0); /* an empty list */
		assert_int_equal(call("X", "{}"), TCAS_E_TLS_NO_ANCHORS);
	}
	assert_int_equal(rp.connects, 0); /* nothing was sent */
}

/* A program built with other config.h limits than the library is caught
 * by tcas_client_init instead of corrupting memory. */
static void test_config_mismatch(void **state)
{
	(void)state;
	assert_int_equal(tcas_client_init_sized(&cl, &port, sizeof cl - 16),
	                 TCAS_E_CONFIG);
	assert_int_equal(tcas_client_init_sized(&cl, &port, sizeof cl + 16),
	                 TCAS_E_CONFIG);
	assert_int_equal(tcas_client_init(&cl, &port), TCAS_OK);
	assert_non_null(strstr(tcas_strerror(TCAS_E_CONFIG), "config.h"));
}

/* init clears the settings and state but leaves the buffers untouched
 * (in a fresh process they are zero pages nobody needs to fault in); wipe
 * zeroes the buffers, TLS records included. */
static void test_init_leaves_buffers(void **state)
{
	size_t i;

	(void)state;
	memset(&cl, 0xA5, sizeof cl);
	assert_int_equal(tcas_client_init(&cl, &port), TCAS_OK);
	assert_null(cl.secret_id);
	assert_int_equal(cl.connected, 0);
	assert_int_equal(cl.req_head_len, 0);
	assert_int_equal(cl.tls.state, 0);
	assert_string_equal(cl.tls.session_host, "");
#if TCAS_WITH_KEY_CACHE
	assert_int_equal(cl.sign_key[0] | cl.sign_key[31], 0);
#endif
#if TCAS_WITH_PROXY
	assert_int_equal(cl.proxy_host[0], 0);
#endif
	assert_int_equal((unsigned char)cl.tls.ibuf[0], 0xA5);
#if TCAS_TLS_STAGE_SIZE > 0
	assert_int_equal(cl.tls.stage_off | cl.tls.stage_len, 0);
	assert_int_equal(cl.tls.stage[0], 0xA5);
#endif
	assert_int_equal((unsigned char)cl.req_head[sizeof cl.req_head - 1],
	                 0xA5);
	assert_int_equal((unsigned char)cl.shared.r.body[100], 0xA5);
	assert_int_equal(cl.rx[0], 0xA5);
	tcas_client_wipe(&cl);
	for (i = 0; i < sizeof cl.tls.ibuf; i++)
		assert_int_equal(cl.tls.ibuf[i], 0);
#if TCAS_TLS_OBUF_SIZE > 0
	for (i = 0; i < sizeof cl.tls.obuf; i++)
		assert_int_equal(cl.tls.obuf[i], 0);
#endif
#if TCAS_TLS_STAGE_SIZE > 0
	for (i = 0; i < sizeof cl.tls.stage; i++)
		assert_int_equal(cl.tls.stage[i], 0);
#endif
	for (i = 0; i < sizeof cl.shared; i++)
		assert_int_equal(((unsigned char *)&cl.shared)[i], 0);
	for (i = 0; i < sizeof cl.rx; i++)
		assert_int_equal(cl.rx[i], 0);
	assert_int_equal(cl.req_head[0] | cl.resp_head[0], 0);
	assert_int_equal(tcas_client_init(&cl, &port), TCAS_OK);
}

static void test_endpoints(void **state)
{
	static const struct {
		const char *in, *host, *hdr;
		unsigned port;
		int tls;
	} good[] = {
	    {"as.tencentcloudapi.com", "as.tencentcloudapi.com",
	     "as.tencentcloudapi.com", 443, 1},
	    {"https://as.ap-guangzhou.tencentcloudapi.com/",
	     "as.ap-guangzhou.tencentcloudapi.com",
	     "as.ap-guangzhou.tencentcloudapi.com", 443, 1},
	    {"https://localhost:8443", "localhost", "localhost:8443", 8443, 1},
	    {"https://localhost:443", "localhost", "localhost", 443, 1},
	    {"http://127.0.0.1:8080", "127.0.0.1", "127.0.0.1:8080", 8080, 0},
	    {"https://[::1]:9443", "::1", "[::1]:9443", 9443, 1},
	    {"localhost:1", "localhost", "localhost:1", 1, 1},
	    {"https://[::1]", "::1", "[::1]", 443, 1},
	    {"https://[fe80::1]:443/", "fe80::1", "[fe80::1]", 443, 1},
	    {"http://[::1]:80", "::1", "[::1]", 80, 0},
	    {"My-Host_1.Example.COM:65535", "My-Host_1.Example.COM",
	     "My-Host_1.Example.COM:65535", 65535, 1},
	};
	static const char *const bad[] = {
	    "",
	    "http://localhost",
	    "ftp://host",
	    "https://",
	    "https://h:0",
	    "https://h:65536",
	    "https://h:12a",
	    "https://h/path",
	    "https://u@h",
	    "https://h?x",
	    "https://[::1",
	    "https://[::1]x",
	    "https://h h",
	    "https://h:",
	    "::1",
	    "https://h:123456",
	    "https://h:-1",
	    "https://h:+1",
	    "https://:443",
	    "https://[]:1",
	    "https://h!x",
	    "https://h~x",
	    "https://h{x",
	    "https://h\xc3\xa9",
	    "http://h:1:2",
	    "https://[::1]:",
	    "https://[::1]:99999",
	};
	char name[TCAS_HOST_MAX + 16];
	size_t i;

	(void)state;
	assert_int_equal(tcas_client_set_endpoint(NULL, "h"), TCAS_E_ARG);
	assert_int_equal(tcas_client_set_endpoint(&cl, NULL), TCAS_E_ARG);
	/* host names up to TCAS_HOST_MAX - 1 characters */
	memset(name, 'h', TCAS_HOST_MAX - 1);
	name[TCAS_HOST_MAX - 1] = '\0';
	assert_int_equal(tcas_client_set_endpoint(&cl, name), TCAS_OK);
	assert_string_equal(cl.host, name);
	strcpy(name + TCAS_HOST_MAX - 1, ":8443");
	assert_int_equal(tcas_client_set_endpoint(&cl, name), TCAS_OK);
	assert_string_equal(cl.host_header, name);
	memset(name, 'h', TCAS_HOST_MAX);
	name[TCAS_HOST_MAX] = '\0';
	assert_int_equal(tcas_client_set_endpoint(&cl, name), TCAS_E_ENDPOINT);
	/* a bracketed literal as long as a name: "[...]:port" no longer
	 * fits the Host header */
	name[0] = '[';
	memset(name + 1, ':', TCAS_HOST_MAX - 1);
	strcpy(name + TCAS_HOST_MAX, "]");
	assert_int_equal(tcas_client_set_endpoint(&cl, name), TCAS_OK);
	assert_int_equal(strlen(cl.host), TCAS_HOST_MAX - 1);
	strcpy(name + TCAS_HOST_MAX, "]:8443");
	assert_int_equal(tcas_client_set_endpoint(&cl, name), TCAS_E_ENDPOINT);
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(tcas_client_set_endpoint(&cl, good[i].in),
		                 TCAS_OK);
		assert_string_equal(cl.host, good[i].host);
		assert_string_equal(cl.host_header, good[i].hdr);
		assert_int_equal(cl.port_num, good[i].port);
		assert_int_equal(cl.use_tls, good[i].tls);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int err = tcas_client_set_endpoint(&cl, bad[i]);

		if (err != TCAS_E_ENDPOINT)
			fail_msg("endpoint '%s' accepted", bad[i]);
	}
}

/* ---- zero heap ----------------------------------------------------------- */

/* A port over static memory (the replay port itself uses the heap). */
static const char *sp_data;
static size_t sp_pos, sp_len, sp_sent;

static int sp_connect(void *c, const char *h, uint16_t p, uint32_t t)
{
	(void)c, (void)h, (void)p, (void)t;
	sp_pos = 0;
	return TCAS_OK;
}
static long sp_send(void *c, const uint8_t *b, size_t n, uint32_t t)
{
	(void)c, (void)b, (void)t;
	sp_sent += n;
	return (long)n;
}
static long sp_recv(void *c, uint8_t *b, size_t n, uint32_t t)
{
	(void)c, (void)t;
	if (n > 3)
		n = 3; /* small reads: every parser state is crossed */
	if (n > sp_len - sp_pos)
		n = sp_len - sp_pos;
	memcpy(b, sp_data + sp_pos, n);
	sp_pos += n;
	return (long)n;
}
static void sp_close(void *c)
{
	(void)c;
}
static int64_t sp_wall(void *c)
{
	(void)c;
	return 1767225600;
}
static uint64_t sp_mono(void *c)
{
	(void)c;
	return 1000;
}
static int sp_random(void *c, uint8_t *b, size_t n)
{
	(void)c;
	memset(b, 7, n);
	return TCAS_OK;
}

static void test_zero_heap_whole_call(void **state)
{
	static const char resp[] =
	    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n"
	    "f;ext=1\r\n{\"Response\":{\"E\r\n"
	    "31\r\nrror\":{\"Code\":\"InternalError\",\"Message\":\"\\u00e9\"}"
	    "\r\n"
	    "14\r\n,\"RequestId\":\"r-5\"}}\r\n0\r\nX-Trailer: 1\r\n\r\n";
	static const tcas_port sp = {NULL,    sp_connect, sp_send,
	                             sp_recv, sp_close,   sp_wall,
	                             sp_mono, sp_random,  NULL};
	int err;

	(void)state;
	heap_trap_install();
	sp_data = resp;
	sp_len = sizeof resp - 1;
	assert_int_equal(tcas_client_init(&cl, &sp), TCAS_OK);
	assert_int_equal(tcas_client_set_endpoint(&cl, "http://127.0.0.1:80"),
	                 TCAS_OK);
	tcas_client_set_credentials(&cl, ID, KEY, "tok");
	tcas_client_set_region(&cl, "ap-guangzhou");
	heap_calls = 0;
	heap_armed = 1;
	err = call("DescribeAutoScalingGroups", "{\"Limit\":10}");
	heap_armed = 0;
	assert_int_equal(err, TCAS_E_API);
	assert_string_equal(res.error_code, "InternalError");
	assert_string_equal(res.error_message, "\xc3\xa9");
	assert_string_equal(res.request_id, "r-5");
	assert_true(sp_sent > 300);
	assert_int_equal(heap_calls, 0);
	/* the trap itself works (volatile: clang -O2 elides a bare
	 * free(malloc(1)) pair) */
	heap_armed = 1;
	{
		void *volatile p = malloc(1);

		free(p);
	}
	heap_armed = 0;
	assert_int_equal(heap_calls, 2);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_all_examples),
	    T(test_request_bytes),
	    T(test_large_body),
	    T(test_token_and_language),
	    T(test_fixed_time),
	    T(test_kept_signing_key),
	    T(test_api_error),
	    T(test_long_error_message),
	    T(test_envelope_shapes),
	    T(test_status_502),
	    T(test_truncated),
	    T(test_malformed),
	    T(test_body_too_large),
	    T(test_too_many_tokens),
	    T(test_caller_buffers),
	    T(test_argument_errors),
	    T(test_config_mismatch),
	    T(test_init_leaves_buffers),
	    T(test_endpoints),
	    cmocka_unit_test(test_zero_heap_whole_call),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
