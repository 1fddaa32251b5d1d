/*
 * jpcase.h - cases of the JMESPath unit tests (test_jmespath*.c): an
 * expression, a document and the answer as the python jmespath library
 * gives it, run through tcas_jmespath_* and printed compact with
 * ensure_ascii (python's json.dumps with separators (',', ':')).
 */
#ifndef TCAS_TEST_JPCASE_H
#define TCAS_TEST_JPCASE_H

#include <stddef.h>

#include "tcas/jmespath.h"

/* expr over doc (NULL: {}) gives want: compact JSON, or "!kind" /
 * "!kind@offset" for an error (the offset for syntax errors). */
struct tc {
	const char *expr, *doc, *want;
};

/* The context, token array and output buffer the cases use. */
extern tcas_jmespath jp_q;
extern jsmntok_t jp_toks[4096];

/* A tcas_json_sink appending to the output buffer. */
int jp_sink(void *ctx, const char *s, size_t n);
void jp_out_reset(void);

/* expr over doc printed with indent and flags as tcas_jmespath_print()
 * takes them, or "!kind[@offset]"; the answer stays valid until the next
 * call. */
const char *jp_eval_case(const char *expr, const char *doc, unsigned indent,
                         unsigned flags);

/* Every case of c[0..n), failing the test at the first wrong answer. */
void jp_run_cases(const struct tc *c, size_t n);
#define RUN(cases) jp_run_cases(cases, sizeof cases / sizeof cases[0])

#endif /* TCAS_TEST_JPCASE_H */
