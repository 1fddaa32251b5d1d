/*
 * fuzz_json.c - libFuzzer harness for the JSON reader (tcas/json.h).
 *
 * Input: a document, optionally followed by a NUL byte and a path
 * expression. The document is copied into an exact-size heap block (not
 * NUL-terminated) and parsed into an exact-size token array whose size is
 * derived from a hash of the input (sometimes too small on purpose). On a
 * successful parse every token goes through every accessor, the string
 * getter writes into exact-size and too-small buffers, fixed paths and the
 * input's path are looked up, and the pretty printer's output (compact and
 * indented) must parse again to the same number of tokens, with compact
 * printing idempotent.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/error.h"
#include "tcas/json.h"
#include "fuzz/check.h"

#define SINK_MAX (4u << 20)

typedef struct sink {
	char *buf;
	size_t len, cap, limit;
	int calls;
} sink;

static int sink_put(void *ctx, const char *s, size_t n)
{
	sink *k = ctx;

	k->calls++;
	CHECK(s != NULL || n == 0);
	if (n > k->limit - k->len)
		return TCAS_E_NOSPACE;
	if (k->len + n > k->cap) {
		size_t cap = k->cap ? k->cap : 256;

		while (cap < k->len + n)
			cap *= 2;
		k->buf = realloc(k->buf, cap);
		CHECK(k->buf != NULL);
		k->cap = cap;
	}
	if (n)
		memcpy(k->buf + k->len, s, n);
	k->len += n;
	return 0;
}

static int parse_copy(tcas_json *doc, const char *js, size_t len,
                      unsigned maxtoks, char **copy, jsmntok_t **toks)
{
	*copy = malloc(len ? len : 1);
	*toks = malloc(sizeof **toks * maxtoks);
	CHECK(*copy != NULL && *toks != NULL);
	if (len)
		memcpy(*copy, js, len);
	return tcas_json_parse(doc, *copy, len, *toks, maxtoks);
}

static void check_string(const tcas_json *doc, int t)
{
	size_t len = (size_t)-1, len2;
	char small[8], *out;
	int rc = tcas_json_get_string(doc, t, NULL, 0, &len);

	if (rc == TCAS_E_JSON_ESCAPE) {
		CHECK(len == (size_t)-1);
		CHECK(tcas_json_str_eq(doc, t, "") == 0);
		return;
	}
	CHECK(rc == TCAS_E_NOSPACE);
	CHECK(len < doc->len); /* unescaping never grows the text */
	out = malloc(len + 1);
	CHECK(out != NULL);
	CHECK(tcas_json_get_string(doc, t, out, len + 1, &len2) == TCAS_OK);
	CHECK(len2 == len && out[len] == '\0' && strlen(out) == len);
	CHECK(tcas_json_str_eq(doc, t, out) == 1);
	if (len > 0) {
		out[0] = 'x';
		CHECK(tcas_json_get_string(doc, t, out, len, &len2) ==
		      TCAS_E_NOSPACE);
		CHECK(len2 == len && out[0] == '\0');
	}
	free(out);
	rc = tcas_json_get_string(doc, t, small, sizeof small, NULL);
	CHECK(rc == (len < sizeof small ? TCAS_OK : TCAS_E_NOSPACE));
}

static void check_token(const tcas_json *doc, int t)
{
	tcas_json_type ty = tcas_json_type_of(doc, t);
	size_t rlen;
	const char *raw = tcas_json_raw(doc, t, &rlen);
	int64_t i64;
	uint64_t u64;
	int b, k, n, guard;

	CHECK(ty != TCAS_JSON_INVALID);
	CHECK(raw != NULL && raw >= doc->js &&
	      raw + rlen <= doc->js + doc->len);
	n = tcas_json_count(doc, t);
	CHECK(n >= 0 && n < doc->ntok);
	if (ty != TCAS_JSON_OBJECT && ty != TCAS_JSON_ARRAY)
		CHECK(n == 0 && tcas_json_first(doc, t) == -1);
	/* iteration visits exactly count children, in order */
	guard = 0;
	for (k = tcas_json_first(doc, t); k >= 0; k = tcas_json_next(doc, k)) {
		CHECK(k > t && k < doc->ntok);
		guard++;
		CHECK(guard <= n);
	}
	CHECK(guard == n);
	if (n > 0 && ty == TCAS_JSON_ARRAY) {
		CHECK(tcas_json_index(doc, t, (unsigned)n - 1, &k) == TCAS_OK);
		CHECK(tcas_json_index(doc, t, (unsigned)n, &k) ==
		      TCAS_E_JSON_NOT_FOUND);
	}
	if (ty == TCAS_JSON_STRING)
		check_string(doc, t);
	else
		CHECK(tcas_json_get_string(doc, t, NULL, 0, NULL) ==
		      TCAS_E_JSON_TYPE);
	b = tcas_json_get_int64(doc, t, &i64);
	CHECK(b == TCAS_OK || b == TCAS_E_JSON_RANGE ||
	      (b == TCAS_E_JSON_TYPE && ty != TCAS_JSON_NUMBER));
	if (b == TCAS_OK && i64 >= 0)
		CHECK(tcas_json_get_uint64(doc, t, &u64) == TCAS_OK &&
		      u64 == (uint64_t)i64);
	b = tcas_json_get_uint64(doc, t, &u64);
	CHECK(b == TCAS_OK || b == TCAS_E_JSON_RANGE ||
	      (b == TCAS_E_JSON_TYPE && ty != TCAS_JSON_NUMBER));
	b = tcas_json_get_bool(doc, t, &k);
	CHECK(b == (ty == TCAS_JSON_BOOL ? TCAS_OK : TCAS_E_JSON_TYPE));
	CHECK(tcas_json_is_null(doc, t) == (ty == TCAS_JSON_NULL));
}

static void pretty_roundtrip(const tcas_json *doc, int t, unsigned indent)
{
	sink k = {NULL, 0, 0, SINK_MAX, 0}, k2 = {NULL, 0, 0, SINK_MAX, 0};
	tcas_json d2;
	char *copy;
	jsmntok_t *toks;
	int rc = tcas_json_pretty(doc, t, indent, sink_put, &k);
	size_t rlen;

	if (rc == TCAS_E_NOSPACE) { /* sink refused: deep and wide input */
		free(k.buf);
		return;
	}
	CHECK(rc == TCAS_OK);
	(void)tcas_json_raw(doc, t, &rlen);
	if (indent == 0 && tcas_json_type_of(doc, t) != TCAS_JSON_STRING)
		CHECK(k.len <= rlen);
	/* The output parses, to the same shape. */
	rc = parse_copy(&d2, k.buf, k.len, (unsigned)doc->ntok, &copy, &toks);
	CHECK(rc == TCAS_OK);
	CHECK(tcas_json_count(&d2, 0) == tcas_json_count(doc, t));
	CHECK(tcas_json_type_of(&d2, 0) == tcas_json_type_of(doc, t));
	if (indent == 0) { /* compact printing is idempotent */
		CHECK(tcas_json_pretty(&d2, 0, 0, sink_put, &k2) == TCAS_OK);
		CHECK(k2.len == k.len && memcmp(k2.buf, k.buf, k.len) == 0);
	}
	/* A sink that fails stops the printer with its code. */
	if (k.len > 1) {
		sink k3 = {NULL, 0, 0, k.len - 1, 0};

		CHECK(tcas_json_pretty(doc, t, indent, sink_put, &k3) ==
		      TCAS_E_NOSPACE);
		free(k3.buf);
	}
	free(copy);
	free(toks);
	free(k.buf);
	free(k2.buf);
}

static void check_path(const tcas_json *doc, const char *path)
{
	int out = -7, rc = tcas_json_find(doc, 0, path, &out);

	CHECK(rc == TCAS_OK || rc == TCAS_E_JSON_PATH ||
	      rc == TCAS_E_JSON_TYPE || rc == TCAS_E_JSON_NOT_FOUND);
	if (rc == TCAS_OK)
		CHECK(out >= 0 && out < doc->ntok);
	else
		CHECK(out == -7);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
	    "",
	    "Response",
	    "Response.Error.Code",
	    "Response.Error.Message",
	    "Response.RequestId",
	    "Response.ActivitySet[0].StatusCode",
	    "[0]",
	    "[1].a",
	    "a[0][1]",
	    "Response.AutoScalingGroupSet[0]",
	};
	static const unsigned maxtoks[] = {1024, 1, 5, 64};
	const uint8_t *nul = memchr(data, 0, size);
	size_t jlen = nul ? (size_t)(nul - data) : size;
	uint32_t h = fuzz_hash(data, size);
	tcas_json doc;
	char *copy, *path = NULL;
	jsmntok_t *toks;
	size_t i;
	int rc, t;

	rc = parse_copy(&doc, (const char *)data, jlen, maxtoks[h & 3], &copy,
	                &toks);
	CHECK(rc == TCAS_OK || rc == TCAS_E_JSON_TOO_MANY_TOKENS ||
	      rc == TCAS_E_JSON_TRUNCATED || rc == TCAS_E_JSON_MALFORMED);
	if (rc != TCAS_OK) {
		CHECK(doc.ntok == 0 &&
		      tcas_json_type_of(&doc, 0) == TCAS_JSON_INVALID);
		goto out;
	}
	CHECK(doc.ntok >= 1 && (unsigned)doc.ntok <= maxtoks[h & 3]);
	for (t = 0; t < doc.ntok; t++)
		check_token(&doc, t);
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++)
		check_path(&doc, paths[i]);
	if (nul != NULL) {
		size_t plen = size - jlen - 1;

		path = malloc(plen + 1);
		CHECK(path != NULL);
		memcpy(path, nul + 1, plen);
		path[plen] = '\0';
		check_path(&doc, path);
	}
	pretty_roundtrip(&doc, 0, 0);
	pretty_roundtrip(&doc, 0, 1 + (h >> 8) % 4);
	pretty_roundtrip(&doc, (int)((h >> 12) % (unsigned)doc.ntok), 2);
out:
	free(path);
	free(copy);
	free(toks);
	return 0;
}
