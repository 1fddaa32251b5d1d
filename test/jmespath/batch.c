/*
 * batch.c - the JMESPath evaluator as `tcas query` runs it, many cases per
 * process, for the differential fuzz run (test/jmespath/fuzz_diff.py):
 * reads "<expr bytes> <doc bytes>\n<expr><doc>" records from stdin and
 * answers one line each: "OK <compact JSON, ensure_ascii>", "ERR <kind>
 * <offset>", or "BADDOC <code>" when the document does not parse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/error.h"
#include "tcas/jmespath.h"

#define TOKENS 65536

static tcas_jmespath q;
static jsmntok_t toks[TOKENS];
static char ebuf[1 << 20], dbuf[1 << 22], obuf[1 << 22];
static size_t on;

static int sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	if (n > sizeof obuf - on)
		return TCAS_E_NOSPACE;
	memcpy(obuf + on, s, n);
	on += n;
	return 0;
}

int main(void)
{
	size_t el, dl;
	tcas_json doc;
	tcas_jmespath_val v;
	int err;

	while (scanf("%zu %zu", &el, &dl) == 2 && getchar() == '\n') {
		if (el > sizeof ebuf || dl > sizeof dbuf ||
		    fread(ebuf, 1, el, stdin) != el ||
		    fread(dbuf, 1, dl, stdin) != dl)
			return 1;
		err = tcas_json_parse(&doc, dbuf, dl, toks, TOKENS);
		if (err) {
			printf("BADDOC %d\n", err);
			fflush(stdout);
			continue;
		}
		on = 0;
		err = tcas_jmespath_init(&q);
		if (!err)
			err = tcas_jmespath_compile(&q, ebuf, el);
		if (!err)
			err = tcas_jmespath_eval(&q, &doc, 0, &v);
		if (!err)
			err = tcas_jmespath_print(&q, v, 0, TCAS_JMESPATH_ASCII,
			                          sink, NULL);
		if (err)
			printf("ERR %s %d\n",
			       tcas_jmespath_kind(err) ? tcas_jmespath_kind(err)
			                               : tcas_errname(err),
			       q.err_pos);
		else
			printf("OK %.*s\n", (int)on, obuf);
		fflush(stdout);
	}
	return 0;
}
