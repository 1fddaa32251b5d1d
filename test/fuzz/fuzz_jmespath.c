/*
 * fuzz_jmespath.c - libFuzzer harness for the JMESPath compiler and
 * evaluator (tcas/jmespath.h): tcas_jmespath_compile, _eval, _print.
 *
 * Input: the expression, a NUL byte, then a JSON document (without the NUL
 * the whole input is the expression, over a fixed refresh-activity
 * answer; a document that does not parse is replaced by that one, so
 * mutations keep reaching the evaluator). The document sits in a heap
 * block of exactly its size, so ASan sees any read outside it; libFuzzer's
 * -timeout bounds the time of one input.
 *
 * Invariants: every return code is one the header names; an error's
 * offset lies within the expression; a result's type is a JSON type or an
 * expression reference, and a document value's token is one of the
 * document's; the result prints (compact ASCII, indented UTF-8) unless it
 * holds an expression reference, and its strict compact text (NaN and
 * infinities as strings) parses as JSON again; a second evaluation prints
 * the same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/error.h"
#include "tcas/jmespath.h"
#include "tcas/json.h"
#include "fuzz/check.h"

#define TOKENS  4096
#define OUT_MAX (1 << 20)

static const char fixed_doc[] =
    "{\"Response\":{\"TotalCount\":2,\"RefreshActivitySet\":["
    "{\"RefreshActivityId\":\"asr-1\",\"Status\":\"RUNNING\","
    "\"RefreshBatchSet\":[{\"RefreshBatchNum\":1,\"Status\":\"SUCCESSFUL\","
    "\"RefreshBatchRelatedInstanceSet\":[{\"InstanceId\":\"ins-a\","
    "\"InstanceStatus\":\"FAILED\"},{\"InstanceId\":\"ins-b\"}]}]},"
    "{\"RefreshActivityId\":\"asr-2\",\"Status\":\"FAILED_PAUSE\","
    "\"OriginRefreshActivityId\":null,\"Weight\":1.5e2,\"Big\":"
    "123456789012345678901234567890,\"Flag\":true,"
    "\"Name\":\"it's \\u00e9\\ud83d\\ude00\"}],\"RequestId\":\"r-1\"}}";

static jsmntok_t tok[TOKENS], tok2[TOKENS];
static tcas_jmespath q;

struct out {
	char buf[OUT_MAX];
	size_t n;
};
static struct out o1, o2;

static int out_sink(void *ctx, const char *s, size_t n)
{
	struct out *o = ctx;

	if (n > sizeof o->buf - o->n)
		return TCAS_E_NOSPACE;
	memcpy(o->buf + o->n, s, n);
	o->n += n;
	return TCAS_OK;
}

static int eval_ok(int rc)
{
	return rc == TCAS_OK || rc == TCAS_E_JMESPATH_TYPE ||
	       rc == TCAS_E_JMESPATH_ARITY ||
	       rc == TCAS_E_JMESPATH_UNKNOWN_FUNCTION ||
	       rc == TCAS_E_JMESPATH_VALUE || rc == TCAS_E_JMESPATH_ARENA ||
	       rc == TCAS_E_JMESPATH_DEPTH;
}

/* Evaluate and print compact ASCII into o; the print's code. */
static int run(const tcas_json *doc, struct out *o, size_t elen)
{
	tcas_jmespath_val v;
	tcas_json_type t;
	int rc = tcas_jmespath_eval(&q, doc, 0, &v), tk;

	CHECK(eval_ok(rc));
	o->n = 0;
	if (rc != TCAS_OK) {
		CHECK(q.err_pos >= 0 && (size_t)q.err_pos <= elen);
		return rc;
	}
	t = tcas_jmespath_type(&q, v);
	CHECK(t >= TCAS_JSON_OBJECT && t <= TCAS_JMESPATH_EXPREF);
	tk = tcas_jmespath_token(&q, v);
	CHECK(tk == -1 || (tk >= 0 && tk < doc->ntok));
	rc = tcas_jmespath_print(
	    &q, v, 0, TCAS_JMESPATH_ASCII | TCAS_JMESPATH_STRICT, out_sink, o);
	CHECK(rc == TCAS_OK || rc == TCAS_E_JMESPATH_TYPE ||
	      rc == TCAS_E_JMESPATH_DEPTH || rc == TCAS_E_NOSPACE);
	CHECK(rc != TCAS_E_JMESPATH_TYPE || t == TCAS_JMESPATH_EXPREF ||
	      t == TCAS_JSON_ARRAY || t == TCAS_JSON_OBJECT);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t elen = nul ? (size_t)(nul - data) : size, dlen;
	char *expr = malloc(elen ? elen : 1), *js;
	tcas_json doc, again;
	int rc;

	CHECK(expr != NULL);
	memcpy(expr, data, elen);
	dlen = nul ? size - elen - 1 : 0;
	js = malloc(dlen ? dlen : 1);
	CHECK(js != NULL);
	if (dlen)
		memcpy(js, nul + 1, dlen);
	if (nul == NULL || tcas_json_parse(&doc, js, dlen, tok, TOKENS)) {
		free(js);
		dlen = sizeof fixed_doc - 1;
		js = malloc(dlen);
		CHECK(js != NULL);
		memcpy(js, fixed_doc, dlen);
		CHECK(tcas_json_parse(&doc, js, dlen, tok, TOKENS) == TCAS_OK);
	}
	CHECK(tcas_jmespath_init(&q) == TCAS_OK);
	rc = tcas_jmespath_compile(&q, expr, elen);
	CHECK(rc == TCAS_OK || rc == TCAS_E_JMESPATH_SYNTAX ||
	      rc == TCAS_E_JMESPATH_DEPTH || rc == TCAS_E_JMESPATH_ARENA);
	if (rc != TCAS_OK) {
		CHECK(q.err_pos >= 0 && (size_t)q.err_pos <= elen);
		goto done;
	}
	rc = run(&doc, &o1, elen);
	if (rc == TCAS_OK)
		CHECK(tcas_json_parse(&again, o1.buf, o1.n, tok2, TOKENS) ==
		          TCAS_OK ||
		      tcas_json_parse(&again, o1.buf, o1.n, tok2, TOKENS) ==
		          TCAS_E_JSON_TOO_MANY_TOKENS);
	/* the same expression again: the same answer */
	CHECK(run(&doc, &o2, elen) == rc);
	CHECK(o1.n == o2.n && memcmp(o1.buf, o2.buf, o1.n) == 0);
done:
	free(js);
	free(expr);
	return 0;
}
