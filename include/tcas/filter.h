/*
 * tcas/filter.h - the JMESPath subset people write after --filter (--query
 * in other CLIs), evaluated over a parsed response (tcas/json.h) without
 * copying it.
 *
 * Grammar (whitespace allowed around tokens):
 *   expr     = "length(" path ")" | path
 *   path     = step *( "." name | bracket )      ("" is not a path)
 *   step     = name | bracket
 *   bracket  = "[" int "]"                       index; negative counts
 *                                                from the end
 *            | "[*]"                             projection
 *            | "[?" field op literal "]"         filtered projection
 *   field    = name *( "." name )               relative to the element
 *   op       = "==" | "!="
 *   literal  = "'" chars "'"                     raw string ('' escapes ')
 *            | "`" JSON-scalar "`"               e.g. `3`, `true`, `null`
 *            | int                               convenience: bare number
 *   name     = (ALPHA | "_") *(ALNUM | "_")  or  "\"" chars "\""
 * Semantics follow JMESPath: a name on a non-object, an index out of range
 * or on a non-array gives null; after a projection every later step applies
 * to each element and nulls are dropped. Nested projections flatten (as
 * JMESPath's "[]" would) instead of nesting lists. length() of an array,
 * object or string; of a projection, its element count. Comparison with
 * "==": equal JSON type and value (strings after unescaping, numbers by
 * their text when both are integers, else as double).
 *
 * Zero heap: the result is a list of token indexes into the caller's
 * tcas_json, held in the caller-owned tcas_filter.
 */
#ifndef TCAS_FILTER_H
#define TCAS_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "tcas/config.h"
#include "tcas/json.h"

typedef struct tcas_filter {
	/* result */
	int is_list;   /* 1: the result is a JSON array of tok[0..count) */
	int is_number; /* 1: the result is the integer `number` (length) */
	int count;     /* tokens in tok; 0 with !is_list: the result is
	                * null */
	long number;
	int tok[TCAS_FILTER_RESULTS_MAX];
	/* scratch */
	int tmp[TCAS_FILTER_RESULTS_MAX];
	int err_pos; /* byte offset of a syntax error in the expression */
} tcas_filter;

/*
 * Evaluate expr over the value at token `from` of doc.
 * Returns TCAS_OK (result in f); TCAS_E_ARG (NULL argument, bad doc/from);
 * TCAS_E_FILTER_SYNTAX (f->err_pos is the offset of the first bad byte);
 * TCAS_E_FILTER_TOO_MANY (a step selects more than
 * TCAS_FILTER_RESULTS_MAX values). The syntax is checked as the
 * expression is evaluated, left to right, but a bad expression is always
 * an error even where data is missing.
 */
int tcas_filter_eval(tcas_filter *f, const tcas_json *doc, int from,
                     const char *expr);

/*
 * Print the result as JSON through sink (tcas_json_pretty() layout with
 * indent, 0 for compact): a list as an array, null as "null", a number as
 * its decimal text. Returns TCAS_OK, TCAS_E_ARG, or the sink's error.
 */
int tcas_filter_print(const tcas_filter *f, const tcas_json *doc,
                      unsigned indent, tcas_json_sink sink, void *ctx);

#endif /* TCAS_FILTER_H */
