/*
 * jmespath_inner.h - private types of the JMESPath compiler and evaluator
 * (src/jmespath*.c); the contract is tcas/jmespath.h.
 *
 * Files: jmespath.c (arena, values, entry points), jmespath_parse.c (lexer
 * and Pratt parser, as the python library parses), jmespath_eval.c (the
 * tree interpreter), jmespath_func.c (the built-in functions),
 * jmespath_num.c (python's int/float numbers: exact decimal <-> double),
 * jmespath_dump.c (JSON printing, to_string()).
 *
 * Values (jv): >= 0 a token of the document; JV_NULL, JV_FALSE, JV_TRUE;
 * below those, minus the byte offset of a jp_val in the arena. Errors
 * travel as JV_ERR with q->err and q->err_pos set (the first one sticks).
 */
#ifndef TCAS_JMESPATH_INNER_H
#define TCAS_JMESPATH_INNER_H

#include "inner.h"

#include "tcas/jmespath.h"

typedef tcas_jmespath jp;
typedef tcas_jmespath_val jv;

#define JV_NULL    (-1)
#define JV_FALSE   (-2)
#define JV_TRUE    (-3)
#define JV_ERR     INT32_MIN
#define JV_BOOL(b) ((b) ? JV_TRUE : JV_FALSE)

/* Keeps a helper's locals out of the frame of the recursive evaluator. */
#if defined(__GNUC__) || defined(__clang__)
#define JP_NOINLINE __attribute__((noinline))
#else
#define JP_NOINLINE
#endif

/* Value types: tcas_json_type, and the expression reference. */
enum {
	T_OBJ = TCAS_JSON_OBJECT,
	T_ARR = TCAS_JSON_ARRAY,
	T_STR = TCAS_JSON_STRING,
	T_NUM = TCAS_JSON_NUMBER,
	T_BOOL = TCAS_JSON_BOOL,
	T_NULL = TCAS_JSON_NULL,
	T_EXPREF = TCAS_JMESPATH_EXPREF
};

/* Kinds of numbers (jp_val.flags of a T_NUM; jp_num.kind). */
enum {
	N_INT, /* i: a python int within int64 */
	N_FLT, /* d: a python float */
	N_BIG, /* s[0..n): decimal digits of an int beyond int64, with '-' */
	N_BIGD /* d: an integral double, a python int beyond int64 (sums,
	        * floor/ceil): printed with all its digits */
};

/* An arena value. T_STR: s[0..n) plain bytes (UTF-8, lone surrogates as
 * 3-byte sequences); T_ARR: items[0..n); T_OBJ: items[0..2n) key, value
 * (keys are strings); T_NUM: by flags; T_EXPREF: n = its AST node. */
typedef struct jp_val {
	uint8_t type, flags;
	uint16_t pad;
	uint32_t n;
	union {
		int64_t i;
		double d;
		const char *s;
		jv *items;
	} u;
} jp_val;

/* A number read out of any value (jp_num_of). */
typedef struct jp_num {
	int kind;
	int64_t i;
	double d; /* also set for N_INT and N_BIG (nearest double) */
	const char *s;
	size_t n;
} jp_num;

/* AST node types: the python library's node types. */
enum {
	A_FIELD = 1, /* v: name */
	A_CHAIN,     /* children from a: subexpression, index expression or
	              * pipe (op says which; evaluated alike) */
	A_INDEX,     /* i[0] */
	A_SLICE,     /* i[0..2], flags: which are given */
	A_PROJ,      /* a left, b right */
	A_VPROJ,     /* a left, b right: object values */
	A_FPROJ,     /* a left, b right, c condition */
	A_FLATTEN,   /* a */
	A_IDENTITY,  /* the current value (also @) */
	A_LITERAL,   /* v */
	A_CMP,       /* op: CMP_*, a, b */
	A_OR,        /* a, b */
	A_AND,       /* a, b */
	A_NOT,       /* a */
	A_MLIST,     /* children from a */
	A_MHASH,     /* children from a: A_PAIR */
	A_PAIR,      /* v key, a value */
	A_FUNC,      /* op: function index (FN_UNKNOWN), args from a */
	A_EXPREF     /* a */
};
enum { CHAIN_SUB, CHAIN_INDEX, CHAIN_PIPE };
enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LTE, CMP_GT, CMP_GTE };
#define FN_UNKNOWN 0xFF

typedef struct jp_ast {
	uint8_t type, op;
	uint16_t flags;
	int32_t pos;
	int32_t a, b, c, next; /* nodes (arena offsets), 0 = none */
	jv v;
	int32_t i[3];
} jp_ast;

/* ---- jmespath.c ---------------------------------------------------------- */

/* 8-byte aligned arena bytes, or NULL with the arena error set. */
void *jp_alloc(jp *q, size_t n);
jp_val *jp_node(jp *q, int type, jv *out);
/* Arena bytes at a byte offset; read-only callers (const jp) get the
 * same pointer: the arena is storage, the constness is the caller's. */
#define JP_AT(q, off) ((void *)(uintptr_t)((q)->arena.b + (off)))
/* Arena value of v < JV_TRUE. */
#define JP_VAL(q, v) ((jp_val *)JP_AT(q, -(int64_t)(v)))
int jp_fail(jp *q, int err, int32_t pos);
jv jp_err(jp *q, int err, int32_t pos);

int jp_type(const jp *q, jv v);
/* Elements of an array, members of an object, else 0. */
uint32_t jp_count(const jp *q, jv v);

/* Iteration over an array (key = JV_NULL) or an object. */
typedef struct jp_it {
	const jp *q;
	int tok;
	const jv *p;
	uint32_t i, n, obj;
} jp_it;
void jp_it_init(jp_it *it, const jp *q, jv v);
int jp_it_next(jp_it *it, jv *key, jv *val);

/* Plain bytes of a string: document strings without escapes in place,
 * with escapes decoded into the arena. 0, or -1 (arena full). */
int jp_str(jp *q, jv v, const char **s, size_t *n);
/* Compare two strings by their decoded bytes (= code point order). */
int jp_str_cmp(const jp *q, jv a, jv b);
/* 1 if string v's decoded bytes equal s[0..n). */
int jp_str_eq(const jp *q, jv v, const char *s, size_t n);
/* Decoded bytes of a document string token one at a time. */
typedef struct jp_cur {
	const unsigned char *p, *e;
	unsigned char buf[4];
	unsigned nb, ib;
} jp_cur;
void jp_cur_init(jp_cur *c, const jp *q, jv v);
int jp_cur_next(jp_cur *c);

jv jp_new_str(jp *q, const char *s, size_t n);
/* A string of the bytes s[0..n), which stay where they are (the arena, the
 * expression, static text). */
jv jp_ref_str(jp *q, const char *s, size_t n);
jv jp_new_int(jp *q, int64_t i);
jv jp_new_num(jp *q, int kind, double d);
/* An array of room n (set ->n to the count used); items in *items. */
jv jp_new_arr(jp *q, uint32_t n, jv **items);
/* A new array holding the elements of array v (its items in *out). */
jv jp_copy_arr(jp *q, jv v, jv **out);

/* Member `name` of object v (the last of duplicates), JV_NULL if none or
 * v is no object. */
jv jp_member(const jp *q, jv v, const char *name, size_t n);

/* python's ==: deep, with the top-level rule that 0 and 1 differ from
 * false and true (nested, python's True == 1 holds). */
int jp_equal(jp *q, jv a, jv b, int top);
/* JMESPath truthiness: false for null, false, "", [] and {}. */
int jp_truthy(const jp *q, jv v);

/* ---- jmespath_num.c ------------------------------------------------------ */

/* The number at v (a T_NUM). */
void jp_num_of(const jp *q, jv v, jp_num *n);
/* Compare numbers exactly as python does: -1, 0, 1; 2 if unordered
 * (NaN). */
int jp_num_cmp(const jp_num *a, const jp_num *b);
/*
 * Scan s[0..n) as a python int() (int_only) or float() string - ASCII
 * whitespace around, a sign, '_' between digits, inf/nan - or as JSON
 * number text (json: no whitespace, no '_', no inf/nan). Stores the
 * number in *out (N_BIG: s/n point into s, digits only after an optional
 * '-' when the text is clean, else set clean = 0). Returns 0 or -1 (not
 * a number of that syntax).
 */
int jp_num_scan(const char *s, size_t n, int int_only, int json, jp_num *out,
                int *clean);
/* Bytes of the python whitespace character at p < e (ASCII and Unicode
 * spaces), or 0. seps: also the separators U+001C..U+001F, which
 * str.isspace() and strip() count and int() and float() do not. */
size_t jp_py_space(const char *p, const char *e, int seps);
/* python repr() of d into out (at most 25 bytes, NUL-terminated; inf
 * and nan as json.dumps writes them); returns the length. */
size_t jp_num_repr(double d, char out[32]);
/* All digits of the integral double d (2^53 <= |d| < 2^1024: integers
 * beyond int64) into out, with '-'; returns the length (at most 310). */
size_t jp_num_digits(double d, char out[320]);

/* ---- jmespath_parse.c ---------------------------------------------------- */

int jp_compile(jp *q);
/* Decode JSON string content s[0..n) (no quotes) into plain bytes at out
 * (room n); returns the length or -1 if not valid JSON string content. */
long jp_json_unescape(const char *s, size_t n, char *out);

/* ---- jmespath_eval.c / jmespath_func.c ----------------------------------- */

jv jp_eval(jp *q, int32_t node, jv cur);
/* Call function node f (its arguments evaluated in args[0..argc)). */
jv jp_call(jp *q, const jp_ast *f, jv *args, uint32_t argc);
/* Function index of name[0..n), or FN_UNKNOWN. */
int jp_func_find(const char *name, size_t n);

/* ---- jmespath_dump.c ----------------------------------------------------- */

int jp_dump(const jp *q, jv v, unsigned indent, unsigned flags,
            tcas_json_sink sink, void *ctx);
/* to_string(): compact python JSON of v as an arena string. */
jv jp_to_string(jp *q, jv v, int32_t pos);

#endif /* TCAS_JMESPATH_INNER_H */
