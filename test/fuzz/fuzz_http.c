/*
 * fuzz_http.c - libFuzzer harness for the HTTP response reader
 * (tcas_http_resp_feed / _eof / _header / _body).
 *
 * The input is the byte stream a server sends, possibly several responses
 * back to back (keep-alive). Buffer sizes and the cut points are derived
 * from a hash of the input, so seeds stay plain HTTP. The stream is read
 * three ways: in one piece, cut at pseudo-random points, and one byte at a
 * time (short inputs only); the outcome must not depend on the cuts.
 *
 * Every piece fed is copied into its own heap block of exactly its size,
 * and head/body buffers are heap blocks of exactly their cap, so ASan
 * catches any read or write past them.
 *
 * Invariants: *used <= len; MORE consumes everything; errors are sticky
 * and consume nothing; OK means 200 <= status <= 599, body_len <= cap - 1,
 * body NUL-terminated, later feeds return OK and consume nothing; headers
 * point inside the head buffer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/error.h"
#include "tcas/http.h"
#include "fuzz/check.h"

#define RESP_MAX 4 /* responses read from one stream */

/* What reading one response gave; compared across the three ways. */
typedef struct outcome {
	int rc[RESP_MAX], status[RESP_MAX], keep_alive[RESP_MAX];
	int chunked[RESP_MAX];
	size_t body_len[RESP_MAX], used[RESP_MAX];
	uint32_t body_hash[RESP_MAX];
	int n;
} outcome;

static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static int known_error(int rc)
{
	switch (rc) {
	case TCAS_E_HTTP_HEAD_TOO_LARGE:
	case TCAS_E_HTTP_BODY_TOO_LARGE:
	case TCAS_E_HTTP_MALFORMED:
	case TCAS_E_HTTP_UNSUPPORTED:
		return 1;
	default:
		return 0;
	}
}

/* Feed data[0..n) as one exact-size heap copy. */
static int feed_piece(tcas_http_resp *r, const uint8_t *data, size_t n,
                      size_t *used)
{
	uint8_t *copy = malloc(n ? n : 1);
	int rc;

	CHECK(copy != NULL);
	if (n)
		memcpy(copy, data, n);
	*used = (size_t)-1;
	rc = tcas_http_resp_feed(r, n ? copy : NULL, n, used);
	free(copy);
	CHECK(*used <= n);
	CHECK(rc == TCAS_OK || rc == TCAS_MORE || known_error(rc));
	if (rc == TCAS_MORE)
		CHECK(*used == n);
	return rc;
}

static void check_header(const tcas_http_resp *r, const char *head,
                         size_t head_cap, const char *name)
{
	const char *v = NULL;
	size_t vlen = 0;
	int rc = tcas_http_resp_header(r, name, &v, &vlen);

	CHECK(rc == TCAS_OK || rc == TCAS_E_HTTP_NO_HEADER);
	if (rc == TCAS_OK) {
		CHECK(v >= head && v + vlen <= head + head_cap);
		if (vlen > 0)
			CHECK(v[0] != ' ' && v[0] != '\t' &&
			      v[vlen - 1] != ' ' && v[vlen - 1] != '\t');
	}
}

static void check_done(tcas_http_resp *r, int rc, const char *head,
                       size_t head_cap, size_t body_cap)
{
	const char *body = tcas_http_resp_body(r);
	size_t used;

	if (rc == TCAS_OK) {
		CHECK(r->status >= 200 && r->status <= 599);
		CHECK(r->body_len < body_cap);
		CHECK(body != NULL && body[r->body_len] == '\0');
		CHECK(r->keep_alive == 0 || r->keep_alive == 1);
		CHECK(tcas_http_resp_started(r));
		check_header(r, head, head_cap, "Content-Length");
		check_header(r, head, head_cap, "transfer-encoding");
		check_header(r, head, head_cap, "Date");
		check_header(r, head, head_cap, "X");
		/* complete: further input is left alone */
		CHECK(tcas_http_resp_feed(r, (const uint8_t *)"x", 1, &used) ==
		          TCAS_OK &&
		      used == 0);
		CHECK(tcas_http_resp_eof(r) == TCAS_OK);
	} else if (rc < 0) {
		/* sticky */
		CHECK(tcas_http_resp_feed(r, (const uint8_t *)"x", 1, &used) ==
		          rc &&
		      used == 0);
		CHECK(tcas_http_resp_eof(r) == rc);
	}
}

/*
 * Read up to RESP_MAX responses from data[0..size). mode 0: whole pieces;
 * 1: pseudo-random cuts; 2: one byte at a time.
 */
static void read_stream(const uint8_t *data, size_t size, int mode,
                        uint32_t seed, size_t head_cap, size_t body_cap,
                        outcome *o)
{
	char *head = malloc(head_cap ? head_cap : 1);
	char *body = malloc(body_cap ? body_cap : 1);
	tcas_http_resp r;
	size_t pos = 0;
	int i;

	CHECK(head != NULL && body != NULL);
	memset(o, 0, sizeof *o);
	for (i = 0; i < RESP_MAX; i++) {
		size_t start = pos, used;
		int rc = TCAS_MORE;

		tcas_http_resp_init(&r, head, head_cap, body, body_cap);
		while (rc == TCAS_MORE && pos < size) {
			size_t n = size - pos;

			if (mode == 2)
				n = 1;
			else if (mode == 1)
				n = 1 + next_rand(&seed) % (n < 64 ? n : 64);
			rc = feed_piece(&r, data + pos, n, &used);
			pos += used;
		}
		if (rc == TCAS_MORE) {
			rc = tcas_http_resp_eof(&r);
			CHECK(rc == TCAS_OK || rc == TCAS_E_HTTP_TRUNCATED);
			if (rc == TCAS_OK)
				CHECK(r.keep_alive == 0);
		}
		check_done(&r, rc, head, head_cap, body_cap);
		o->rc[i] = rc;
		if (rc == TCAS_OK) {
			/* bytes consumed by an erroring call are unspecified */
			o->used[i] = pos - start;
			o->status[i] = r.status;
			o->keep_alive[i] = r.keep_alive;
			o->chunked[i] = r.chunked;
			o->body_len[i] = r.body_len;
			o->body_hash[i] =
			    fuzz_hash((const uint8_t *)body, r.body_len);
		}
		o->n = i + 1;
		if (rc != TCAS_OK || !r.keep_alive || pos == size)
			break;
	}
	free(head);
	free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t heads[] = {2048, 64, 256, 2048};
	static const size_t bodies[] = {16384, 1, 16, 300};
	uint32_t h = fuzz_hash(data, size);
	size_t head_cap = heads[h & 3], body_cap = bodies[(h >> 2) & 3];
	uint32_t seed = h | 1;
	outcome whole, cut, bytes;

	/* Argument checks. */
	{
		tcas_http_resp r;
		size_t used;
		char hb[8], bb[8];

		tcas_http_resp_init(&r, hb, sizeof hb, bb, sizeof bb);
		CHECK(tcas_http_resp_feed(NULL, data, size, &used) ==
		      TCAS_E_ARG);
		CHECK(tcas_http_resp_feed(&r, data, size, NULL) == TCAS_E_ARG);
		CHECK(tcas_http_resp_feed(&r, NULL, 1, &used) == TCAS_E_ARG);
	}
	read_stream(data, size, 0, seed, head_cap, body_cap, &whole);
	read_stream(data, size, 1, seed, head_cap, body_cap, &cut);
	CHECK(memcmp(&whole, &cut, sizeof whole) == 0);
	if (size <= 4096) {
		read_stream(data, size, 2, seed, head_cap, body_cap, &bytes);
		CHECK(memcmp(&whole, &bytes, sizeof whole) == 0);
	}
	return 0;
}
