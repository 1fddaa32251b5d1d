/* Tests of src/http.c: the response reader (test_http_req: the request
 * head writer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <bearssl.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/http.h"
#include "support/replay.h"

/* ---- response reader: helpers -------------------------------------------- */

enum { WHOLE, BYTES, RANDOM };

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

struct rd {
	tcas_http_resp r;
	char head[TCAS_HTTP_RESP_HEAD_MAX];
	char body[TCAS_HTTP_BODY_MAX];
	size_t used; /* bytes consumed in total */
};

/*
 * Feed d[0..n) in the given way (caps 0 = default sizes). While the reader
 * wants more, every byte must be consumed. At the end of the data, with
 * eof set, report the close. Returns the last result.
 */
static int run_caps(struct rd *x, const void *d, size_t n, int mode,
                    uint32_t seed, int eof, size_t hcap, size_t bcap)
{
	const uint8_t *p = d;
	size_t off = 0, k, used;
	int rc = TCAS_MORE;

	tcas_http_resp_init(&x->r, x->head, hcap ? hcap : sizeof x->head,
	                    x->body, bcap ? bcap : sizeof x->body);
	while (off < n) {
		k = n - off;
		if (mode == BYTES)
			k = 1;
		else if (mode == RANDOM && (lcg(&seed) & 3) != 0)
			k = 1 + lcg(&seed) % (k < 40 ? k : 40);
		else if (mode == RANDOM)
			k = 1 + lcg(&seed) % k;
		rc = tcas_http_resp_feed(&x->r, p + off, k, &used);
		assert_true(used <= k);
		if (rc == TCAS_MORE)
			assert_int_equal(used, k);
		off += used;
		if (rc != TCAS_MORE)
			break;
	}
	x->used = off;
	if (rc == TCAS_MORE && eof)
		rc = tcas_http_resp_eof(&x->r);
	return rc;
}

static int run(struct rd *x, const void *d, size_t n, int mode, uint32_t seed,
               int eof)
{
	return run_caps(x, d, n, mode, seed, eof, 0, 0);
}

/* Same outcome whole, byte by byte and in several random splits. */
static int run_all(struct rd *x, const void *d, size_t n, int eof)
{
	int rc = run(x, d, n, WHOLE, 0, eof);
	uint32_t s;

	assert_int_equal(run(x, d, n, BYTES, 0, eof), rc);
	for (s = 1; s < 8; s++)
		assert_int_equal(run(x, d, n, RANDOM, s, eof), rc);
	return rc;
}

static uint8_t *load(const char *path, size_t *n)
{
	uint8_t *d;

	if (replay_load_file(path, &d, n) != 0)
		fail_msg("cannot read %s (run from the repository root)", path);
	return d;
}

static void hex32(const uint8_t h[32], char out[65])
{
	size_t i;

	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* ---- recordings of all examples ------------------------------------------ */

static void check_recording(const char *file, size_t blen, const char *hash)
{
	char path[512], got[65];
	uint8_t *d, h[32];
	size_t n;
	int mode;
	uint32_t seed;
	struct rd *x = malloc(sizeof *x);
	br_sha256_context sc;

	assert_non_null(x);
	snprintf(path, sizeof path, "test/data/examples/%s", file);
	d = load(path, &n);
	for (mode = WHOLE; mode <= RANDOM; mode++) {
		for (seed = 1; seed <= (mode == RANDOM ? 4u : 1u); seed++) {
			assert_int_equal(run(x, d, n, mode, seed, 0), TCAS_OK);
			assert_int_equal(x->used, n);
			assert_int_equal(x->r.status, 200);
			assert_int_equal(x->r.keep_alive, 1);
			assert_int_equal(x->r.body_len, blen);
			assert_int_equal(x->body[blen], '\0');
			br_sha256_init(&sc);
			br_sha256_update(&sc, x->body, blen);
			br_sha256_out(&sc, h);
			hex32(h, got);
			if (strcmp(got, hash) != 0)
				fail_msg("%s: body differs from the example",
				         file);
		}
	}
	/* Content-Length files: the body is the tail of the file */
	if (!x->r.chunked)
		assert_memory_equal(d + n - blen, x->body, blen);
	free(d);
	free(x);
}

static void test_recordings(void **state)
{
	FILE *f = fopen("test/data/examples/INDEX", "r");
	char line[1024], action[128], resp[256], req[256], hash[80];
	int num, chunked = 0;
	size_t count = 0, blen;
	struct rd *x = malloc(sizeof *x);

	(void)state;
	assert_non_null(x);
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		char path[512];
		uint8_t *d;
		size_t n;

		assert_int_equal(sscanf(line, "%127s %d %255s %255s %zu %79s",
		                        action, &num, resp, req, &blen, hash),
		                 6);
		check_recording(resp, blen, hash);
		snprintf(path, sizeof path, "test/data/examples/%s", resp);
		d = load(path, &n);
		assert_int_equal(run(x, d, n, WHOLE, 0, 0), TCAS_OK);
		chunked += x->r.chunked;
		free(d);
		/* the request body file exists and is not empty */
		snprintf(path, sizeof path, "test/data/examples/%s", req);
		d = load(path, &n);
		assert_true(n > 1 && d[0] == '{');
		free(d);
		count++;
	}
	fclose(f);
	free(x);
	assert_int_equal(count, 83);
	assert_true(chunked >= 20 && chunked <= 40);
}

/* ---- hand-written cases in test/data/http -------------------------------- */

struct file_case {
	const char *file;
	int rc; /* after eof when the data ends mid-response */
	int status;
	int keep_alive;
	const char *in_body;
};

static const struct file_case file_cases[] = {
    {"api_error.http", TCAS_OK, 200, 1, "\"AuthFailure.SignatureFailure\""},
    {"status_502.http", TCAS_OK, 502, 0, "<h1>502 Bad Gateway</h1>"},
    {"truncated_cl.http", TCAS_E_HTTP_TRUNCATED, 0, 0, NULL},
    {"truncated_chunked.http", TCAS_E_HTTP_TRUNCATED, 0, 0, NULL},
    {"bad_chunk_size.http", TCAS_E_HTTP_MALFORMED, 0, 0, NULL},
    {"no_response.http", TCAS_OK, 200, 1, "\"TotalCount\":0"},
    {"bad_json.http", TCAS_OK, 200, 1, "\"TotalCount\":}"},
    {"big_header.http", TCAS_E_HTTP_HEAD_TOO_LARGE, 0, 0, NULL},
    {"http10_close.http", TCAS_OK, 200, 0, "10101010-1010"},
    {"continue_100.http", TCAS_OK, 200, 0, "cccccccc-cccc"},
};

static void test_http_files(void **state)
{
	struct rd *x = malloc(sizeof *x);
	size_t i, n;

	(void)state;
	assert_non_null(x);
	for (i = 0; i < sizeof file_cases / sizeof file_cases[0]; i++) {
		const struct file_case *c = &file_cases[i];
		char path[256];
		uint8_t *d;

		snprintf(path, sizeof path, "test/data/http/%s", c->file);
		d = load(path, &n);
		if (run_all(x, d, n, 1) != c->rc)
			fail_msg("%s: got %s", c->file,
			         tcas_errname(run(x, d, n, WHOLE, 0, 1)));
		if (c->rc == TCAS_OK) {
			assert_int_equal(x->used, n);
			assert_int_equal(x->r.status, c->status);
			assert_int_equal(x->r.keep_alive, c->keep_alive);
			assert_non_null(
			    strstr(tcas_http_resp_body(&x->r), c->in_body));
		}
		free(d);
	}
	free(x);
}

static void test_truncated_not_before_eof(void **state)
{
	struct rd *x = malloc(sizeof *x);
	uint8_t *d;
	size_t n;

	(void)state;
	d = load("test/data/http/truncated_cl.http", &n);
	assert_int_equal(run(x, d, n, WHOLE, 0, 0), TCAS_MORE);
	assert_int_equal(tcas_http_resp_eof(&x->r), TCAS_E_HTTP_TRUNCATED);
	assert_int_equal(tcas_http_resp_eof(&x->r), TCAS_E_HTTP_TRUNCATED);
	free(d);
	d = load("test/data/http/http10_close.http", &n);
	assert_int_equal(run(x, d, n, WHOLE, 0, 0), TCAS_MORE);
	assert_int_equal(tcas_http_resp_eof(&x->r), TCAS_OK);
	assert_int_equal(x->r.body_len, 80);
	free(d);
	free(x);
}

static void test_keepalive_two(void **state)
{
	struct rd *x = malloc(sizeof *x);
	uint8_t *d;
	size_t n, first, used;
	uint32_t s;
	int mode;

	(void)state;
	d = load("test/data/http/keepalive_two.http", &n);
	for (mode = WHOLE; mode <= RANDOM; mode++) {
		for (s = 1; s < 5; s++) {
			assert_int_equal(run(x, d, n, mode, s, 0), TCAS_OK);
			first = x->used;
			assert_true(first < n);
			assert_memory_equal(d + first, "HTTP/1.1 200 OK", 15);
			assert_int_equal(x->r.keep_alive, 1);
			assert_int_equal(x->r.chunked, 0);
			assert_non_null(strstr(x->body, "\"TotalCount\":0"));
			/* complete: more input is not consumed */
			assert_int_equal(tcas_http_resp_feed(&x->r, d + first,
			                                     n - first, &used),
			                 TCAS_OK);
			assert_int_equal(used, 0);
			assert_int_equal(
			    run(x, d + first, n - first, mode, s, 0), TCAS_OK);
			assert_int_equal(x->used, n - first);
			assert_int_equal(x->r.chunked, 1);
			assert_non_null(strstr(x->body, "\"TotalCount\":1"));
		}
	}
	free(d);
	free(x);
}

/* ---- inline cases -------------------------------------------------------- */

struct str_case {
	const char *in;
	int rc;     /* expected, eof reported when data ends mid-way */
	int status; /* checked when rc is TCAS_OK */
	int keep_alive;
	const char *body;
};

#define H11 "HTTP/1.1 200 OK\r\n"
#define CL0 "Content-Length: 0\r\n\r\n"
#define TE  "Transfer-Encoding: chunked\r\n\r\n"
#define OK_(in, st, ka, body)                                                  \
	{                                                                      \
		in, TCAS_OK, st, ka, body                                      \
	}
#define ERR(in, rc)                                                            \
	{                                                                      \
		in, rc, 0, 0, NULL                                             \
	}
#define MAL(in) ERR(in, TCAS_E_HTTP_MALFORMED)

static const struct str_case str_cases[] = {
    /* status line */
    OK_(H11 "Content-Length: 2\r\n\r\nhi", 200, 1, "hi"),
    OK_("HTTP/1.1 200 \r\n" CL0, 200, 1, ""),
    OK_("HTTP/1.1 200\r\n" CL0, 200, 1, ""),
    OK_("HTTP/1.1 404 Not Found\r\n" CL0, 404, 1, ""),
    OK_("HTTP/1.1 599 x\r\n" CL0, 599, 1, ""),
    OK_("HTTP/1.1 200 \xc3\xa9t\xc3\xa9\tok\r\n" CL0, 200, 1, ""),
    OK_("HTTP/1.0 200 OK\r\n" CL0, 200, 0, ""),
    OK_("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n" CL0, 200, 1, ""),
    OK_("HTTP/1.0 200 OK\r\nConnection: Keep-Alive, close\r\n" CL0, 200, 0, ""),
    OK_(H11 "Connection: close\r\n" CL0, 200, 0, ""),
    OK_(H11 "connection:  foo ,, CLOSE \r\n" CL0, 200, 0, ""),
    OK_(H11 "Connection: keep-alive\r\n" CL0, 200, 1, ""),
    /* one word list serves both headers: no crossing over */
    OK_("HTTP/1.0 200 OK\r\nConnection: chunked\r\n" CL0, 200, 0, ""),
    OK_(H11 "Connection: chunked\r\n" CL0, 200, 1, ""),
    ERR(H11 "Transfer-Encoding: close\r\n\r\n", TCAS_E_HTTP_UNSUPPORTED),
    ERR(H11 "Transfer-Encoding: keep-alive\r\n\r\n", TCAS_E_HTTP_UNSUPPORTED),
    ERR(H11 "Transfer-Encoding: chunke\r\n\r\n", TCAS_E_HTTP_UNSUPPORTED),
    ERR(H11 "Transfer-Encoding: chunkedx\r\n\r\n", TCAS_E_HTTP_UNSUPPORTED),
    OK_("HTTP/1.1 200 OK\nContent-Length: 1\n\nx", 200, 1, "x"),
    MAL("HTTP/2 200 OK\r\n" CL0),
    MAL("HTTP/2.0 200 OK\r\n" CL0),
    MAL("HTTP/1.1 20 OK\r\n" CL0),
    MAL("HTTP/1.1 2000 OK\r\n" CL0),
    MAL("HTTP/1.1 600 OK\r\n" CL0),
    MAL("HTTP/1.1 099 OK\r\n" CL0),
    MAL("HTTP/1.1 2x0 OK\r\n" CL0),
    MAL("HTTP/1.1  200 OK\r\n" CL0),
    MAL("http/1.1 200 OK\r\n" CL0),
    MAL("HTTP/1.x 200 OK\r\n" CL0),
    MAL("ICY 200 OK\r\n" CL0),
    MAL("HTTP/1.1 200 O\001K\r\n" CL0),
    MAL("\r\nHTTP/1.1 200 OK\r\n" CL0),
    MAL("HTTP/1.1 200 OK\rContent-Length: 0\r\n\r\n"),
    MAL("\r\n\r\n"),
    /* header syntax */
    MAL(H11 "X y\r\n" CL0),
    MAL(H11 "X : y\r\n" CL0),
    MAL(H11 ": y\r\n" CL0),
    MAL(H11 "A: b\r\n c\r\n" CL0),
    MAL(H11 "A: b\r\n\tc\r\n" CL0),
    MAL(H11 " A: b\r\n" CL0),
    MAL(H11 "A(: b\r\n" CL0),
    MAL(H11 "A: b\001c\r\n" CL0),
    MAL(H11 "A: b\177\r\n" CL0),
    MAL(H11 "A: b\rc\r\n" CL0),
    OK_(H11 "A: \xff\x80 x\r\nB:\r\n" CL0, 200, 1, ""),
    /* Content-Length */
    OK_(H11 "content-length:\t3 \r\n\r\nabc", 200, 1, "abc"),
    OK_(H11 "Content-Length: 0003\r\n\r\nabc", 200, 1, "abc"),
    MAL(H11 "Content-Length: 1x\r\n\r\nab"),
    MAL(H11 "Content-Length: -1\r\n\r\n"),
    MAL(H11 "Content-Length: +1\r\n\r\nx"),
    MAL(H11 "Content-Length:\r\n\r\n"),
    MAL(H11 "Content-Length: 1 1\r\n\r\nx"),
    MAL(H11 "Content-Length: 1, 1\r\n\r\nx"),
    MAL(H11 "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx"),
    MAL(H11 "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxy"),
    MAL(H11 "Content-Length: 99999999999999999999\r\n\r\n"),
    ERR(H11 "Content-Length: 18446744073709551615\r\n\r\n",
        TCAS_E_HTTP_BODY_TOO_LARGE),
    /* 64-bit bound exactly, leading zeros, past 32 bits */
    MAL(H11 "Content-Length: 18446744073709551616\r\n\r\n"),
    MAL(H11 "Content-Length: 18446744073709551620\r\n\r\n"),
    ERR(H11 "Content-Length: 000000018446744073709551615\r\n\r\n",
        TCAS_E_HTTP_BODY_TOO_LARGE),
    ERR(H11 "Content-Length: 4294967296\r\n\r\n", TCAS_E_HTTP_BODY_TOO_LARGE),
    ERR(H11 "Content-Length: 4294967297\r\nX: \001\r\n\r\n",
        TCAS_E_HTTP_MALFORMED),
    OK_(H11 "Content-Length: 0002\r\n\r\nxy", 200, 1, "xy"),
    MAL(H11 "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"),
    MAL(H11 "Transfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n"),
    ERR(H11 "Content-Length: 5\r\n\r\nabc", TCAS_E_HTTP_TRUNCATED),
    /* Transfer-Encoding */
    OK_(H11 "Transfer-Encoding: CHUNKED\r\n\r\n1\r\nx\r\n0\r\n\r\n", 200, 1,
        "x"),
    OK_(H11 "transfer-encoding: , chunked ,\r\n\r\n0\r\n\r\n", 200, 1, ""),
    ERR(H11 "Transfer-Encoding: gzip\r\n\r\n", TCAS_E_HTTP_UNSUPPORTED),
    ERR(H11 "Transfer-Encoding: identity\r\n\r\n", TCAS_E_HTTP_UNSUPPORTED),
    ERR(H11 "Transfer-Encoding: gzip, chunked\r\n\r\n",
        TCAS_E_HTTP_UNSUPPORTED),
    ERR(H11 "Transfer-Encoding: chunked, gzip\r\n\r\n",
        TCAS_E_HTTP_UNSUPPORTED),
    MAL(H11 "Transfer-Encoding: chunked, chunked\r\n\r\n"),
    MAL(H11 "Transfer-Encoding: chunked\r\n" TE),
    MAL(H11 "Transfer-Encoding: \r\n\r\n"),
    MAL(H11 "Transfer-Encoding: ,\r\n\r\n"),
    MAL("HTTP/1.0 200 OK\r\n" TE "0\r\n\r\n"),
    /* status codes without a body, interim responses */
    OK_("HTTP/1.1 204 No Content\r\n\r\n", 204, 1, ""),
    OK_("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", 204, 1, ""),
    OK_("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", 304, 1, ""),
    OK_("HTTP/1.1 100 Continue\r\n\r\n" H11 "Content-Length: 1\r\n\r\nx", 200,
        1, "x"),
    OK_("HTTP/1.1 102 Processing\r\nA: b\r\n\r\n"
        "HTTP/1.1 103 Early\r\n\r\n" H11 CL0,
        200, 1, ""),
    MAL("HTTP/1.1 100 Continue\r\nbad\r\n\r\n" H11 CL0),
    ERR("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
        TCAS_E_HTTP_UNSUPPORTED),
    /* body delimited by close */
    OK_(H11 "\r\nhello", 200, 0, "hello"),
    OK_(H11 "Connection: keep-alive\r\n\r\n", 200, 0, ""),
    ERR(H11 "Content-Length: 1\r\n", TCAS_E_HTTP_TRUNCATED),
    ERR("", TCAS_E_HTTP_TRUNCATED),
    ERR("HTTP/1.1 100 Continue\r\n\r\n", TCAS_E_HTTP_TRUNCATED),
    /* chunked */
    OK_(H11 TE "0\r\n\r\n", 200, 1, ""),
    OK_(H11 TE "a\r\n0123456789\r\nA\r\nabcdefghij\r\n0\r\n\r\n", 200, 1,
        "0123456789abcdefghij"),
    OK_(H11 TE "1f\r\n0123456789012345678901234567890\r\n0\r\n\r\n", 200, 1,
        "0123456789012345678901234567890"),
    OK_(H11 TE "1F\r\n0123456789012345678901234567890\r\n0\r\n\r\n", 200, 1,
        "0123456789012345678901234567890"),
    OK_(H11 TE "0000000000000000000002\r\nxy\r\n0\r\n\r\n", 200, 1, "xy"),
    OK_(H11 TE "2;a=b;c;d=\"q v\"\r\nxy\r\n0;last\r\n\r\n", 200, 1, "xy"),
    OK_(H11 TE "2 ; a=b\r\nxy\r\n0\t\r\n\r\n", 200, 1, "xy"),
    OK_(H11 TE "2\nxy\n0\n\n", 200, 1, "xy"),
    OK_(H11 TE "2\r\nxy\r\n0\r\nA: b\r\nC-d:\r\nE:  f g \r\n\r\n", 200, 1,
        "xy"),
    OK_(H11 "Connection: close\r\n" TE "1\r\nx\r\n0\r\n\r\n", 200, 0, "x"),
    MAL(H11 TE "\r\nxy\r\n0\r\n\r\n"),
    MAL(H11 TE ";a\r\nxy\r\n0\r\n\r\n"),
    MAL(H11 TE "g\r\nxy\r\n0\r\n\r\n"),
    MAL(H11 TE "-1\r\nx\r\n0\r\n\r\n"),
    MAL(H11 TE "0x2\r\nxy\r\n0\r\n\r\n"),
    MAL(H11 TE "2x\r\nxy\r\n0\r\n\r\n"),
    MAL(H11 TE "2 2\r\nxy\r\n0\r\n\r\n"),
    MAL(H11 TE "2;a\001\r\nxy\r\n0\r\n\r\n"),
    MAL(H11 TE "2\rxy\r\n0\r\n\r\n"),
    MAL(H11 TE "2\r\nxyz\r\n0\r\n\r\n"),
    MAL(H11 TE "2\r\nxy\r\r\n0\r\n\r\n"),
    MAL(H11 TE "10000000000000000\r\n"),
    MAL(H11 TE "123456789abcdef01\r\n"),
    ERR(H11 TE "ffffffffffffffff\r\n", TCAS_E_HTTP_BODY_TOO_LARGE),
    ERR(H11 TE "00000000ffffffffffffffff\r\n", TCAS_E_HTTP_BODY_TOO_LARGE),
    ERR(H11 TE "100000000\r\n", TCAS_E_HTTP_BODY_TOO_LARGE),
    ERR(H11 TE "4001\r\n", TCAS_E_HTTP_BODY_TOO_LARGE),
    MAL(H11 TE "0\r\nA b\r\n\r\n"),
    MAL(H11 TE "0\r\n b: c\r\n\r\n"),
    MAL(H11 TE "0\r\n: c\r\n\r\n"),
    MAL(H11 TE "0\r\nA: \001\r\n\r\n"),
    MAL(H11 TE "0\r\nA: b\rc\r\n\r\n"),
    ERR(H11 TE "2\r\nx", TCAS_E_HTTP_TRUNCATED),
    ERR(H11 TE "2\r\nxy", TCAS_E_HTTP_TRUNCATED),
    ERR(H11 TE "2\r\nxy\r\n", TCAS_E_HTTP_TRUNCATED),
    ERR(H11 TE "2\r\nxy\r\n0\r\n", TCAS_E_HTTP_TRUNCATED),
    ERR(H11 TE "2\r\nxy\r\n0\r\nA: b\r\n", TCAS_E_HTTP_TRUNCATED),
    ERR(H11 TE "2", TCAS_E_HTTP_TRUNCATED),
};

static void test_str_cases(void **state)
{
	struct rd *x = malloc(sizeof *x);
	size_t i;

	(void)state;
	assert_non_null(x);
	for (i = 0; i < sizeof str_cases / sizeof str_cases[0]; i++) {
		const struct str_case *c = &str_cases[i];
		size_t n = strlen(c->in);
		int rc = run_all(x, c->in, n, 1);

		if (rc != c->rc)
			fail_msg("case %zu: got %s, want %s", i,
			         tcas_errname(rc), tcas_errname(c->rc));
		if (rc != TCAS_OK)
			continue;
		assert_int_equal(x->used, n);
		assert_int_equal(x->r.status, c->status);
		assert_int_equal(x->r.keep_alive, c->keep_alive);
		assert_int_equal(x->r.body_len, strlen(c->body));
		assert_string_equal(tcas_http_resp_body(&x->r), c->body);
	}
	free(x);
}

/* Embedded NUL: not a legal byte in a head, nor in a chunk line. */
static void test_nul_bytes(void **state)
{
	struct rd *x = malloc(sizeof *x);
	static const char h1[] = "HTTP/1.1 200 OK\r\nA: b\0c\r\n\r\n";
	static const char h2[] = "HTTP/1.1 200 OK\r\nA\0: b\r\n\r\n";
	static const char h3[] =
	    "HTTP/1.1 200 OK\r\n" TE "1\0\r\nx\r\n0\r\n\r\n";
	static const char b[] =
	    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\na\0b";

	(void)state;
	assert_int_equal(run_all(x, h1, sizeof h1 - 1, 1),
	                 TCAS_E_HTTP_MALFORMED);
	assert_int_equal(run_all(x, h2, sizeof h2 - 1, 1),
	                 TCAS_E_HTTP_MALFORMED);
	assert_int_equal(run_all(x, h3, sizeof h3 - 1, 1),
	                 TCAS_E_HTTP_MALFORMED);
	/* the body is opaque bytes */
	assert_int_equal(run_all(x, b, sizeof b - 1, 1), TCAS_OK);
	assert_int_equal(x->r.body_len, 3);
	assert_memory_equal(x->body, "a\0b", 4);
	free(x);
}

/* ---- limits -------------------------------------------------------------- */

static void test_head_cap(void **state)
{
	struct rd *x = malloc(sizeof *x);
	static const char in[] = H11 "Content-Length: 2\r\n\r\nhi";
	size_t head = sizeof in - 1 - 2, cap;
	int mode;

	(void)state;
	/* byte by byte, and whole or in random cuts: a run of head text
	 * taken at once stops at the cap as a byte-by-byte feed does */
	for (mode = WHOLE; mode <= RANDOM; mode++) {
		for (cap = 1; cap < head; cap++)
			assert_int_equal(
			    run_caps(x, in, sizeof in - 1, mode, 7, 1, cap, 0),
			    TCAS_E_HTTP_HEAD_TOO_LARGE);
		assert_int_equal(
		    run_caps(x, in, sizeof in - 1, mode, 7, 1, head, 0),
		    TCAS_OK);
		assert_string_equal(x->body, "hi");
		assert_int_equal(x->r.head_len, head);
		assert_memory_equal(x->head, in, head);
	}
	/* no head buffer at all */
	tcas_http_resp_init(&x->r, NULL, 100, x->body, sizeof x->body);
	assert_int_equal(
	    tcas_http_resp_feed(&x->r, (const uint8_t *)"H", 1, &cap),
	    TCAS_E_HTTP_HEAD_TOO_LARGE);
	free(x);
}

/* Interim responses do not accumulate: each must fit on its own. */
static void test_head_cap_interim(void **state)
{
	struct rd *x = malloc(sizeof *x);
	static const char in[] = "HTTP/1.1 100 Continue\r\n\r\n"
	                         "HTTP/1.1 100 Continue\r\n\r\n"
	                         "HTTP/1.1 100 Continue\r\n\r\n"
	                         "HTTP/1.1 200 OK\r\n\r\n";

	(void)state;
	assert_int_equal(run_caps(x, in, sizeof in - 1, RANDOM, 3, 1, 25, 0),
	                 TCAS_OK);
	assert_int_equal(run_caps(x, in, sizeof in - 1, RANDOM, 3, 1, 24, 0),
	                 TCAS_E_HTTP_HEAD_TOO_LARGE);
	free(x);
}

static void test_chunk_line_and_trailer_caps(void **state)
{
	struct rd *x = malloc(sizeof *x);
	char in[600];
	size_t n;

	(void)state;
	/* a chunk-size line of 64 zeros + "1\r\n" (67 bytes) */
	n = (size_t)snprintf(in, sizeof in, H11 TE "%064d1\r\nx\r\n0\r\n\r\n",
	                     0);
	assert_int_equal(run_caps(x, in, n, BYTES, 0, 1, 67, 0), TCAS_OK);
	assert_string_equal(x->body, "x");
	assert_int_equal(run_caps(x, in, n, BYTES, 0, 1, 66, 0),
	                 TCAS_E_HTTP_HEAD_TOO_LARGE);
	/* endless zeros are stopped by the bound too */
	memset(in, '0', sizeof in);
	memcpy(in, H11 TE, strlen(H11 TE));
	assert_int_equal(run_caps(x, in, sizeof in, RANDOM, 1, 0, 0, 0),
	                 TCAS_MORE);
	assert_int_equal(run_caps(x, in, sizeof in, RANDOM, 1, 0, 100, 0),
	                 TCAS_E_HTTP_HEAD_TOO_LARGE);
	/* trailers, all together, within the head cap */
	n = (size_t)snprintf(
	    in, sizeof in, H11 TE "0\r\nA: 123456789\r\nB: 123456789\r\n\r\n");
	/* trailer section: 3 + 14 + 14 + 2 = 33 bytes */
	assert_int_equal(run_caps(x, in, n, BYTES, 0, 1, 47, 0), TCAS_OK);
	assert_int_equal(run_caps(x, in, n, BYTES, 0, 1, 32, 0),
	                 TCAS_E_HTTP_HEAD_TOO_LARGE);
	free(x);
}

static void test_body_cap(void **state)
{
	struct rd *x = malloc(sizeof *x);
	static const char cl[] = H11 "Content-Length: 10\r\n\r\n0123456789";
	static const char ch[] =
	    H11 TE "5\r\n01234\r\n3\r\n567\r\n2\r\n89\r\n0\r\n\r\n";
	static const char cls[] = H11 "\r\n0123456789";
	size_t used;

	(void)state;
	/* body_cap - 1 usable: 11 is enough for 10 bytes, 10 is not */
	assert_int_equal(run_caps(x, cl, sizeof cl - 1, BYTES, 0, 1, 0, 11),
	                 TCAS_OK);
	assert_string_equal(x->body, "0123456789");
	assert_int_equal(run_caps(x, ch, sizeof ch - 1, BYTES, 0, 1, 0, 11),
	                 TCAS_OK);
	assert_string_equal(x->body, "0123456789");
	assert_int_equal(run_caps(x, cls, sizeof cls - 1, BYTES, 0, 1, 0, 11),
	                 TCAS_OK);
	assert_string_equal(x->body, "0123456789");
	assert_int_equal(run_caps(x, cl, sizeof cl - 1, RANDOM, 2, 1, 0, 10),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
	assert_int_equal(run_caps(x, ch, sizeof ch - 1, RANDOM, 2, 1, 0, 10),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
	assert_int_equal(run_caps(x, cls, sizeof cls - 1, RANDOM, 2, 1, 0, 10),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
	/* Content-Length decides up front: the head alone triggers it */
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body, 10);
	assert_int_equal(tcas_http_resp_feed(&x->r, (const uint8_t *)cl,
	                                     sizeof cl - 1 - 10, &used),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
	/* ... and so does the chunk size */
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body, 3);
	assert_int_equal(tcas_http_resp_feed(&x->r, (const uint8_t *)ch,
	                                     strlen(H11 TE "5\r\n"), &used),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
	/* body_cap 0 still takes an empty body */
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, NULL, 0);
	assert_int_equal(tcas_http_resp_feed(&x->r, (const uint8_t *)H11 CL0,
	                                     strlen(H11 CL0), &used),
	                 TCAS_OK);
	assert_int_equal(x->r.body_len, 0);
	free(x);
}

/* ---- API details --------------------------------------------------------- */

static void test_sticky_errors(void **state)
{
	struct rd *x = malloc(sizeof *x);
	static const char in[] = H11 TE "zz\r\n";
	size_t used = 9;

	(void)state;
	assert_int_equal(run(x, in, sizeof in - 1, WHOLE, 0, 0),
	                 TCAS_E_HTTP_MALFORMED);
	assert_int_equal(
	    tcas_http_resp_feed(&x->r, (const uint8_t *)"0\r\n", 3, &used),
	    TCAS_E_HTTP_MALFORMED);
	assert_int_equal(used, 0);
	assert_int_equal(tcas_http_resp_feed(&x->r, NULL, 0, &used),
	                 TCAS_E_HTTP_MALFORMED);
	assert_int_equal(tcas_http_resp_eof(&x->r), TCAS_E_HTTP_MALFORMED);
	/* init clears it */
	assert_int_equal(run(x, H11 CL0, strlen(H11 CL0), WHOLE, 0, 0),
	                 TCAS_OK);
	assert_int_equal(tcas_http_resp_eof(&x->r), TCAS_OK);
	free(x);
}

static void test_args(void **state)
{
	struct rd *x = malloc(sizeof *x);
	size_t used = 5, len;
	const char *v;

	(void)state;
	tcas_http_resp_init(NULL, x->head, 1, x->body, 1); /* no crash */
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body,
	                    sizeof x->body);
	assert_int_equal(
	    tcas_http_resp_feed(NULL, (const uint8_t *)"H", 1, &used),
	    TCAS_E_ARG);
	assert_int_equal(used, 0);
	assert_int_equal(
	    tcas_http_resp_feed(&x->r, (const uint8_t *)"H", 1, NULL),
	    TCAS_E_ARG);
	assert_int_equal(tcas_http_resp_feed(&x->r, NULL, 1, &used),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_http_resp_feed(&x->r, NULL, 0, &used), TCAS_MORE);
	assert_int_equal(tcas_http_resp_eof(NULL), TCAS_E_ARG);
	assert_int_equal(tcas_http_resp_header(NULL, "a", &v, &len),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_http_resp_header(&x->r, NULL, &v, &len),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_http_resp_header(&x->r, "a", NULL, &len),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_http_resp_header(&x->r, "a", &v, NULL),
	                 TCAS_E_ARG);
	assert_null(tcas_http_resp_body(NULL));
	assert_int_equal(tcas_http_resp_started(NULL), 0);
	free(x);
}

static void test_started(void **state)
{
	struct rd *x = malloc(sizeof *x);
	size_t used;

	(void)state;
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body,
	                    sizeof x->body);
	assert_int_equal(tcas_http_resp_started(&x->r), 0);
	assert_int_equal(tcas_http_resp_feed(&x->r, NULL, 0, &used), TCAS_MORE);
	assert_int_equal(tcas_http_resp_started(&x->r), 0);
	assert_int_equal(tcas_http_resp_eof(&x->r), TCAS_E_HTTP_TRUNCATED);
	assert_int_equal(tcas_http_resp_started(&x->r), 0);
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body,
	                    sizeof x->body);
	assert_int_equal(
	    tcas_http_resp_feed(&x->r, (const uint8_t *)"H", 1, &used),
	    TCAS_MORE);
	assert_int_equal(tcas_http_resp_started(&x->r), 1);
	free(x);
}

static void test_header_lookup(void **state)
{
	struct rd *x = malloc(sizeof *x);
	static const char in[] = "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
	                         "HTTP/1.1 200 OK\r\n"
	                         "content-TYPE:   application/json  \r\n"
	                         "X-Empty:\r\n"
	                         "X-Dup: first\r\n"
	                         "X-Dup: second\r\n"
	                         "Content-Length: 2\r\n\r\n{}";
	const char *v;
	size_t len, used;

	(void)state;
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body,
	                    sizeof x->body);
	assert_int_equal(tcas_http_resp_header(&x->r, "Content-Type", &v, &len),
	                 TCAS_E_STATE);
	/* before the final head is complete */
	assert_int_equal(
	    tcas_http_resp_feed(&x->r, (const uint8_t *)in, 60, &used),
	    TCAS_MORE);
	assert_int_equal(tcas_http_resp_header(&x->r, "Content-Type", &v, &len),
	                 TCAS_E_STATE);
	assert_int_equal(run(x, in, sizeof in - 1, RANDOM, 9, 0), TCAS_OK);
	assert_int_equal(tcas_http_resp_header(&x->r, "Content-Type", &v, &len),
	                 TCAS_OK);
	assert_int_equal(len, 16);
	assert_memory_equal(v, "application/json", 16);
	assert_int_equal(tcas_http_resp_header(&x->r, "x-empty", &v, &len),
	                 TCAS_OK);
	assert_int_equal(len, 0);
	assert_int_equal(tcas_http_resp_header(&x->r, "X-DUP", &v, &len),
	                 TCAS_OK);
	assert_int_equal(len, 5);
	assert_memory_equal(v, "first", 5);
	assert_int_equal(
	    tcas_http_resp_header(&x->r, "content-length", &v, &len), TCAS_OK);
	assert_memory_equal(v, "2", 1);
	assert_int_equal(tcas_http_resp_header(&x->r, "X-Interim", &v, &len),
	                 TCAS_E_HTTP_NO_HEADER);
	assert_int_equal(tcas_http_resp_header(&x->r, "Content", &v, &len),
	                 TCAS_E_HTTP_NO_HEADER);
	assert_int_equal(
	    tcas_http_resp_header(&x->r, "Content-Types", &v, &len),
	    TCAS_E_HTTP_NO_HEADER);
	assert_int_equal(tcas_http_resp_header(&x->r, "", &v, &len),
	                 TCAS_E_HTTP_NO_HEADER);
	assert_int_equal(
	    tcas_http_resp_header(&x->r, "HTTP/1.1 200 OK", &v, &len),
	    TCAS_E_HTTP_NO_HEADER);
	/* the head stays readable after a body error */
	assert_int_equal(run_caps(x, in, sizeof in - 1, WHOLE, 0, 0, 0, 2),
	                 TCAS_E_HTTP_BODY_TOO_LARGE);
	assert_int_equal(tcas_http_resp_header(&x->r, "X-Dup", &v, &len),
	                 TCAS_OK);
	free(x);
}

static void test_errors_have_names(void **state)
{
	(void)state;
	assert_string_equal(tcas_errname(TCAS_E_HTTP_NO_HEADER),
	                    "TCAS_E_HTTP_NO_HEADER");
	assert_int_equal(tcas_err_class_of(TCAS_E_HTTP_NO_HEADER),
	                 TCAS_CLASS_HTTP);
	assert_non_null(strstr(tcas_strerror(TCAS_E_HTTP_HEAD_TOO_LARGE),
	                       "TCAS_HTTP_RESP_HEAD_MAX"));
	assert_non_null(strstr(tcas_strerror(TCAS_E_HTTP_BODY_TOO_LARGE),
	                       "TCAS_HTTP_BODY_MAX"));
	assert_non_null(strstr(tcas_strerror(TCAS_E_HTTP_REQ_TOO_LARGE),
	                       "TCAS_HTTP_REQ_HEAD_MAX"));
}

/* Through the replay port: what a client loop would see. */
static void test_via_replay(void **state)
{
	replay rp;
	tcas_port p;
	struct rd *x = malloc(sizeof *x);
	static const size_t sizes[] = {17, 1, 1, 2, 3, 5, 8};
	uint8_t buf[64];
	long n = 0;
	size_t used = 0, off = 0;
	int rc = TCAS_MORE;

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	replay_conn_split(
	    replay_add_file(&rp, "test/data/http/keepalive_two.http"), sizes, 7,
	    1);
	assert_int_equal(p.connect(p.ctx, "h", 443, 0), TCAS_OK);
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body,
	                    sizeof x->body);
	while (rc == TCAS_MORE && (n = p.recv(p.ctx, buf, sizeof buf, 0)) > 0) {
		rc = tcas_http_resp_feed(&x->r, buf, (size_t)n, &used);
		off = used;
	}
	assert_int_equal(rc, TCAS_OK);
	assert_non_null(strstr(x->body, "\"TotalCount\":0"));
	/* leftover of the last read starts the second response */
	tcas_http_resp_init(&x->r, x->head, sizeof x->head, x->body,
	                    sizeof x->body);
	rc = tcas_http_resp_feed(&x->r, buf + off, (size_t)n - off, &used);
	while (rc == TCAS_MORE && (n = p.recv(p.ctx, buf, sizeof buf, 0)) > 0)
		rc = tcas_http_resp_feed(&x->r, buf, (size_t)n, &used);
	assert_int_equal(rc, TCAS_OK);
	assert_non_null(strstr(x->body, "\"TotalCount\":1"));
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 0), 0);
	p.close(p.ctx);
	replay_free(&rp);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_recordings),
	    cmocka_unit_test(test_http_files),
	    cmocka_unit_test(test_truncated_not_before_eof),
	    cmocka_unit_test(test_keepalive_two),
	    cmocka_unit_test(test_str_cases),
	    cmocka_unit_test(test_nul_bytes),
	    cmocka_unit_test(test_head_cap),
	    cmocka_unit_test(test_head_cap_interim),
	    cmocka_unit_test(test_chunk_line_and_trailer_caps),
	    cmocka_unit_test(test_body_cap),
	    cmocka_unit_test(test_sticky_errors),
	    cmocka_unit_test(test_args),
	    cmocka_unit_test(test_started),
	    cmocka_unit_test(test_header_lookup),
	    cmocka_unit_test(test_errors_have_names),
	    cmocka_unit_test(test_via_replay),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
