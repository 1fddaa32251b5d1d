/*
 * tcas/jmespath.h - JMESPath (jmespath.org/specification) over a parsed
 * document (tcas/json.h), as tccli's --filter evaluates it with the python
 * `jmespath` library: the whole language (paths, quoted identifiers, index
 * and slice expressions, list and object projections, flatten, filters with
 * comparators, || && ! and parentheses, multiselect lists and hashes, pipes,
 * @, raw string, JSON and legacy literals, expression references) and the
 * 26 built-in functions, with results equal as JSON values to the python
 * library's for the same document and the same kinds of error.
 *
 * Why in the library and not only in the CLI: a gateway that calls
 * DescribeAutoScalingInstances wants the three instance IDs it acts on, not
 * a 50 KB page; evaluating on the device keeps the page where it was read
 * (the evaluator reads the jsmn tokens in place) and needs no second parser.
 * Code that never calls tcas_jmespath_* links none of it (own objects).
 *
 * Zero heap: tcas_jmespath holds a byte arena of TCAS_JMESPATH_ARENA_SIZE
 * (tcas/config.h). The compiled expression and every value the evaluator
 * builds (multiselects, sorted lists, function results, strings) live
 * there; values taken from the document are token indexes, never copies.
 * Running out is TCAS_E_JMESPATH_ARENA. There is no cleanup function.
 *
 *     static tcas_jmespath q;          (size: TCAS_JMESPATH_ARENA_SIZE + ~64)
 *     tcas_jmespath_val v;
 *     tcas_jmespath_init(&q);
 *     err = tcas_jmespath_compile(&q, expr, strlen(expr));
 *     err = tcas_jmespath_eval(&q, &r.doc, r.response, &v);
 *     err = tcas_jmespath_print(&q, v, 0, 0, sink, ctx);
 *
 * Semantics are the python library's where it and the specification part:
 * ordering comparators also order strings; `'a' < 1` is an invalid-type
 * error; the legacy literal `foo` is the string "foo"; unknown functions
 * and wrong argument counts are errors when the call is evaluated (so
 * `true || nope()` is true); number results keep python's int/float
 * distinction (avg() and sums with a float are floats, floor() and ceil()
 * integers, to_number("1.0") is 1.0) and print as python prints them.
 * Known differences, none of which an API response can reach: integers
 * beyond 64 bits are exact when printed, compared or negated, but a sum
 * that leaves the 64-bit range is computed in double precision; object
 * lookups take the last of duplicate keys as python does, but keys(),
 * values(), `*`, merge() and printing see every duplicate; to_string() of
 * an expression reference, merge() of non-objects and to_number() of
 * digits other than ASCII are errors or null where python answers
 * something; nesting deeper than TCAS_JMESPATH_DEPTH_MAX is an error.
 */
#ifndef TCAS_JMESPATH_H
#define TCAS_JMESPATH_H

#include <stddef.h>
#include <stdint.h>

#include "tcas/config.h"
#include "tcas/json.h"

/* A value: an index of a token of the evaluated document, or a value in the
 * arena. Valid until the next compile or eval on the same context. */
typedef int32_t tcas_jmespath_val;

/* The type of an expression reference (&expr) held as a value: it has no
 * JSON form (printing one is TCAS_E_JMESPATH_TYPE). */
#define TCAS_JMESPATH_EXPREF ((tcas_json_type)(TCAS_JSON_NULL + 1))

typedef struct tcas_jmespath {
	/* Byte offset in the expression of the last error (the token or the
	 * function call at fault; the length for an incomplete expression);
	 * -1 when there is none. Read-only. */
	int err_pos;
	/* private */
	int err;
	int32_t at; /* position of the node being compiled or evaluated */
	const tcas_json *doc;
	const char *expr;
	size_t expr_len;
	size_t size, used, base; /* arena: bytes, in use, kept by compile */
	int32_t root;            /* compiled expression (0: none) */
	unsigned depth;
	union {
		double d;
		int64_t i;
		void *p;
		unsigned char b[TCAS_JMESPATH_ARENA_SIZE];
	} arena;
} tcas_jmespath;

/* Prepare q (no expression). Returns TCAS_OK, TCAS_E_ARG (q NULL) or
 * TCAS_E_CONFIG when the caller was built with another
 * TCAS_JMESPATH_ARENA_SIZE than the library. */
#define tcas_jmespath_init(q)                                                  \
	tcas_jmespath_init_sized((q), sizeof(tcas_jmespath))
int tcas_jmespath_init_sized(tcas_jmespath *q, size_t size);

/*
 * Compile expr[0..len) (UTF-8; need not be NUL-terminated; copied into the
 * arena, so the caller's text may change afterwards). Lexical and grammar
 * errors are found here, as the python library finds them; everything else
 * when evaluating. Returns:
 *  TCAS_OK                      q holds the expression.
 *  TCAS_E_ARG                   q or expr NULL (expr may be NULL if len 0).
 *  TCAS_E_JMESPATH_SYNTAX       empty, unknown token, unclosed quote, bad
 *                               JSON literal, grammar error; err_pos says
 *                               where.
 *  TCAS_E_JMESPATH_DEPTH        nested deeper than TCAS_JMESPATH_DEPTH_MAX.
 *  TCAS_E_JMESPATH_ARENA        the expression does not fit the arena.
 * On failure q holds no expression.
 */
int tcas_jmespath_compile(tcas_jmespath *q, const char *expr, size_t len);

/*
 * Evaluate the compiled expression over the value at token `from` of doc
 * (the root of the search: @ at the top) and store the result in *out.
 * Values of an earlier eval are released first. doc MUST stay unchanged
 * while results are used. Returns:
 *  TCAS_OK                          *out is the result (null included).
 *  TCAS_E_ARG                       NULL argument, bad doc/from, nothing
 *                                   compiled.
 *  TCAS_E_JMESPATH_TYPE             invalid-type: a function argument of
 *                                   the wrong type, `<` between a string
 *                                   and a number, mixed sort keys.
 *  TCAS_E_JMESPATH_ARITY            invalid-arity: wrong argument count.
 *  TCAS_E_JMESPATH_UNKNOWN_FUNCTION unknown-function.
 *  TCAS_E_JMESPATH_VALUE            invalid-value: slice step 0, floor()
 *                                   or ceil() of an infinity or NaN.
 *  TCAS_E_JMESPATH_ARENA            values need more than the arena.
 *  TCAS_E_JMESPATH_DEPTH            evaluation nested too deeply.
 * err_pos is the offset of the expression part that failed.
 */
int tcas_jmespath_eval(tcas_jmespath *q, const tcas_json *doc, int from,
                       tcas_jmespath_val *out);

/* JSON type of v (TCAS_JMESPATH_EXPREF for an expression reference), or
 * TCAS_JSON_INVALID for a value that is not one. */
tcas_json_type tcas_jmespath_type(const tcas_jmespath *q, tcas_jmespath_val v);

/* The token of the evaluated document that v is (use the tcas/json.h
 * getters on it), or -1 when v was built by the evaluator. */
int tcas_jmespath_token(const tcas_jmespath *q, tcas_jmespath_val v);

/* The arena's unused end after the last compile or eval: *size bytes at
 * the pointer returned (8-byte aligned), scratch the caller may use until
 * the next compile or eval on q (the CLI lays a built value out there as
 * JSON text to print it as text or a table). NULL, *size 0 for q NULL. */
void *tcas_jmespath_spare(tcas_jmespath *q, size_t *size);

/* Flags of tcas_jmespath_print(). */
#define TCAS_JMESPATH_ASCII                                                    \
	1 /* \uXXXX beyond printable ASCII, python's                           \
	   * default; without: UTF-8 kept, only '"',                           \
	   * '\' and control characters escaped, and                           \
	   * strings of the document as written */
#define TCAS_JMESPATH_STRICT                                                   \
	2 /* NaN and the infinities as the strings                             \
	   * "NaN", "Infinity", "-Infinity": JSON any                          \
	   * reader takes; without: bare, as python's                          \
	   * json writes them */

/*
 * Print v as JSON through sink. indent > 0: one member or element per
 * line, indented by indent spaces per level, as json.dumps(v, indent=N)
 * lays it out; 0: compact, "," and ":" without spaces (what to_string()
 * gives). flags: TCAS_JMESPATH_ASCII, TCAS_JMESPATH_STRICT or 0. Numbers
 * print as python prints them (1.5, 1e+16, integers in full). Returns
 * TCAS_OK, TCAS_E_ARG (bad q, v or sink, indent > 64, unknown flags),
 * TCAS_E_JMESPATH_TYPE (an expression reference), or the sink's first
 * nonzero return.
 */
int tcas_jmespath_print(const tcas_jmespath *q, tcas_jmespath_val v,
                        unsigned indent, unsigned flags, tcas_json_sink sink,
                        void *sink_ctx);

/*
 * The JMESPath name of an error's kind: "syntax", "invalid-type",
 * "invalid-arity", "unknown-function", "invalid-value", and for the
 * limits "arena-full" and "too-deep"; NULL for a code that is not one of
 * TCAS_E_JMESPATH_*.
 */
const char *tcas_jmespath_kind(int err);

#endif /* TCAS_JMESPATH_H */
