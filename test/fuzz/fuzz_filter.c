/*
 * fuzz_filter.c - libFuzzer harness for the --filter evaluator
 * (tcas_filter_eval, tcas_filter_print).
 *
 * Input: the expression, a NUL byte, then a JSON document (without the NUL
 * the whole input is the expression, over a fixed refresh-activity
 * document). A document that does not parse is replaced by the fixed one,
 * so mutations keep reaching the evaluator.
 *
 * Invariants: the result code is one of those the header names; on
 * TCAS_OK the result holds at most TCAS_FILTER_RESULTS_MAX valid token
 * indexes of the document, and its printed form is JSON that parses again;
 * on TCAS_E_FILTER_SYNTAX the error offset lies within the expression; a
 * second evaluation gives the same result.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/error.h"
#include "tcas/filter.h"
#include "tcas/json.h"
#include "fuzz/check.h"

#define TOKENS  2048
#define OUT_MAX 65536

static const char fixed_doc[] =
    "{\"Response\":{\"TotalCount\":2,\"RefreshActivitySet\":["
    "{\"RefreshActivityId\":\"asr-1\",\"Status\":\"RUNNING\","
    "\"RefreshBatchSet\":[{\"RefreshBatchNum\":1,\"Status\":\"SUCCESSFUL\","
    "\"RefreshBatchRelatedInstanceSet\":[{\"InstanceId\":\"ins-a\"},"
    "{\"InstanceId\":\"ins-b\"}]}]},"
    "{\"RefreshActivityId\":\"asr-2\",\"Status\":\"FAILED_PAUSE\","
    "\"OriginRefreshActivityId\":null,\"Weight\":1.5e2,"
    "\"Name\":\"it's \\u00e9\"}],\"RequestId\":\"r-1\"}}";

static jsmntok_t tok[TOKENS], tok2[TOKENS];
static tcas_filter f1, f2;

struct out {
	char buf[OUT_MAX];
	size_t n;
};

static int out_sink(void *ctx, const char *s, size_t n)
{
	struct out *o = ctx;

	if (n > sizeof o->buf - o->n)
		return TCAS_E_NOSPACE;
	memcpy(o->buf + o->n, s, n);
	o->n += n;
	return TCAS_OK;
}

static void check_result(const tcas_filter *f, const tcas_json *doc)
{
	int i;

	CHECK(f->count >= 0 && f->count <= TCAS_FILTER_RESULTS_MAX);
	CHECK(!(f->is_number && f->is_list));
	for (i = 0; i < f->count; i++)
		CHECK(f->tok[i] >= 0 && f->tok[i] < doc->ntok);
}

static void check_print(const tcas_filter *f, const tcas_json *doc)
{
	static struct out o;
	tcas_json again;
	int rc;

	o.n = 0;
	rc = tcas_filter_print(f, doc, 0, out_sink, &o);
	CHECK(rc == TCAS_OK || rc == TCAS_E_NOSPACE);
	if (rc == TCAS_OK)
		CHECK(tcas_json_parse(&again, o.buf, o.n, tok2, TOKENS) ==
		      TCAS_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t elen = nul ? (size_t)(nul - data) : size;
	char *expr = malloc(elen + 1);
	tcas_json doc;
	int rc, rc2;

	CHECK(expr != NULL);
	memcpy(expr, data, elen);
	expr[elen] = '\0';
	if (nul == NULL ||
	    tcas_json_parse(&doc, (const char *)nul + 1, size - elen - 1, tok,
	                    TOKENS) != TCAS_OK)
		CHECK(tcas_json_parse(&doc, fixed_doc, sizeof fixed_doc - 1,
		                      tok, TOKENS) == TCAS_OK);
	rc = tcas_filter_eval(&f1, &doc, 0, expr);
	CHECK(rc == TCAS_OK || rc == TCAS_E_FILTER_SYNTAX ||
	      rc == TCAS_E_FILTER_TOO_MANY);
	if (rc == TCAS_OK) {
		check_result(&f1, &doc);
		check_print(&f1, &doc);
	} else if (rc == TCAS_E_FILTER_SYNTAX) {
		CHECK(f1.err_pos >= 0 && (size_t)f1.err_pos <= elen);
	}
	rc2 = tcas_filter_eval(&f2, &doc, 0, expr);
	CHECK(rc2 == rc);
	if (rc == TCAS_OK) {
		CHECK(f2.count == f1.count && f2.is_list == f1.is_list &&
		      f2.is_number == f1.is_number);
		CHECK(f1.count == 0 ||
		      memcmp(f1.tok, f2.tok,
		             sizeof f1.tok[0] * (size_t)f1.count) == 0);
		CHECK(!f1.is_number || f1.number == f2.number);
	}
	free(expr);
	return 0;
}
