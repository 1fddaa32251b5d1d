/* Cases of the JMESPath unit tests; contract in jpcase.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/error.h"
#include "support/jpcase.h"

tcas_jmespath jp_q;
jsmntok_t jp_toks[4096];
static char out[1 << 17];
static size_t outlen;

void jp_out_reset(void)
{
	outlen = 0;
	out[0] = 0;
}

int jp_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	if (outlen + n + 1 > sizeof out)
		return TCAS_E_NOSPACE;
	memcpy(out + outlen, s, n);
	outlen += n;
	out[outlen] = 0;
	return 0;
}

const char *jp_eval_case(const char *expr, const char *doc, unsigned indent,
                         unsigned flags)
{
	tcas_jmespath_val v;
	tcas_json d;
	int err;

	jp_out_reset();
	assert_int_equal(tcas_json_parse(&d, doc, strlen(doc), jp_toks, 4096),
	                 0);
	assert_int_equal(tcas_jmespath_init(&jp_q), 0);
	err = tcas_jmespath_compile(&jp_q, expr, strlen(expr));
	if (!err)
		err = tcas_jmespath_eval(&jp_q, &d, 0, &v);
	if (!err)
		err =
		    tcas_jmespath_print(&jp_q, v, indent, flags, jp_sink, NULL);
	if (err) {
		assert_non_null(tcas_jmespath_kind(err));
		if (err == TCAS_E_JMESPATH_SYNTAX)
			snprintf(out, sizeof out, "!%s@%d",
			         tcas_jmespath_kind(err), jp_q.err_pos);
		else
			snprintf(out, sizeof out, "!%s",
			         tcas_jmespath_kind(err));
	}
	return out;
}

void jp_run_cases(const struct tc *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *doc = c[i].doc ? c[i].doc : "{}";
		const char *got = jp_eval_case(c[i].expr, doc, 0, 1);

		if (strcmp(got, c[i].want) != 0)
			fail_msg("%s over %s: got %s, want %s", c[i].expr, doc,
			         got, c[i].want);
	}
}
