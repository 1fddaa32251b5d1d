/*
 * tcas/json.h - strict JSON reader over jsmn tokens.
 *
 * tcas_json_parse() tokenizes a complete document (RFC 8259) with jsmn into
 * a caller-owned token array and then checks what jsmn leaves unchecked
 * (separators, trailing commas, number grammar, literals, control bytes and
 * UTF-8 in strings, one top-level value only). Once a parse succeeded, every
 * token index in [0, doc->ntok) names one JSON value or object key, in
 * document order: token 0 is the root, a container's children follow it, and
 * an object's children alternate KEY, VALUE (the value of key k is k + 1).
 *
 * Nothing is allocated and nothing is copied: a tcas_json refers to the text
 * and the token array, which the caller owns and MUST keep unchanged while
 * the tcas_json is used. There is no cleanup function. No function recurses
 * per nesting level, so deeply nested input cannot exhaust the stack.
 *
 * Token arguments: every function taking a token index checks doc and tok
 * (0 <= tok < doc->ntok) and fails with TCAS_E_ARG otherwise; the few that
 * cannot return an error code say what they return instead.
 *
 * Strings: the getters return the unescaped UTF-8 text. The escape \u0000 is
 * refused (TCAS_E_JSON_ESCAPE): the result is a C string, and an embedded NUL
 * would silently shorten it. Lone UTF-16 surrogates are refused likewise.
 */
#ifndef TCAS_JSON_H
#define TCAS_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "tcas/config.h"

/* Only the token type; the implementation is compiled once, in src/json.c.
 * TCAS_JSON_PARENT_LINKS (tcas/config.h) decides JSMN_PARENT_LINKS, which
 * changes jsmntok_t: a <jsmn.h> included before this header must have been
 * built with the same setting. */
#if TCAS_JSON_PARENT_LINKS
#if defined(JSMN_H) && !defined(JSMN_PARENT_LINKS)
#error "<jsmn.h> included before tcas/json.h without JSMN_PARENT_LINKS"
#endif
#ifndef JSMN_PARENT_LINKS
#define JSMN_PARENT_LINKS
#endif
#elif defined(JSMN_PARENT_LINKS)
#error "JSMN_PARENT_LINKS defined but TCAS_JSON_PARENT_LINKS is 0"
#endif
#ifndef JSMN_HEADER
#define JSMN_HEADER
#define TCAS_JSON_UNDEF_JSMN_HEADER
#endif
#include <jsmn.h>
#ifdef TCAS_JSON_UNDEF_JSMN_HEADER
#undef JSMN_HEADER
#undef TCAS_JSON_UNDEF_JSMN_HEADER
#endif

/*
 * A parsed document. Fill it with tcas_json_parse(); treat the fields as
 * read-only. js/len: the text (not necessarily NUL-terminated); tok/ntok:
 * the tokens in use (ntok is 0 after a failed parse).
 */
typedef struct tcas_json {
	const char *js;
	size_t len;
	jsmntok_t *tok;
	int ntok;
} tcas_json;

/* JSON types. TCAS_JSON_INVALID (0) is what tcas_json_type_of() answers for
 * a bad doc/token. */
typedef enum tcas_json_type {
	TCAS_JSON_INVALID = 0,
	TCAS_JSON_OBJECT,
	TCAS_JSON_ARRAY,
	TCAS_JSON_STRING,
	TCAS_JSON_NUMBER,
	TCAS_JSON_BOOL,
	TCAS_JSON_NULL
} tcas_json_type;

/*
 * Parse js[0..len) into toks[0..maxtoks). The text must hold exactly one
 * JSON value, optionally surrounded by whitespace (space, tab, CR, LF).
 * Each value and each object key costs one token; TCAS_JSON_TOKENS_MAX in
 * tcas/config.h is the size tcas itself uses. js and toks MUST outlive doc.
 *
 * Returns:
 *  TCAS_OK                      doc describes the document.
 *  TCAS_E_ARG                   doc, js or toks NULL, maxtoks 0, or len or
 *                               maxtoks larger than INT_MAX.
 *  TCAS_E_JSON_TOO_MANY_TOKENS  more than maxtoks tokens needed.
 *  TCAS_E_JSON_TRUNCATED        the text is a valid beginning of a document
 *                               that ends too early (inside a string, an
 *                               open object/array, after a separator), or
 *                               it is empty/whitespace only.
 *  TCAS_E_JSON_MALFORMED        anything else that is not valid JSON: bad
 *                               separators, trailing commas, bad numbers or
 *                               literals, bad escapes, control bytes or
 *                               invalid UTF-8 in strings, a NUL byte, data
 *                               after the value, a second top-level value.
 * A top-level number that ends with the text (e.g. "12") is complete; a
 * top-level "tru" is malformed, not truncated.
 * On failure doc->ntok is 0, so later lookups fail with TCAS_E_ARG, and
 * toks[] holds the tokens jsmn_parse() (strict mode) writes for the text,
 * as far as it got, and the entries after them are unspecified (after
 * TCAS_E_ARG: untouched).
 */
int tcas_json_parse(tcas_json *doc, const char *js, size_t len, jsmntok_t *toks,
                    unsigned maxtoks);

/* Type of token tok; TCAS_JSON_INVALID if doc or tok is bad. An object key
 * is a TCAS_JSON_STRING. */
tcas_json_type tcas_json_type_of(const tcas_json *doc, int tok);

/*
 * Follow path from token `from` (0 = root) and store the token reached in
 * *out. Grammar:
 *     path    = "" | first *( "." name | "[" index "]" )
 *     first   = name | "[" index "]"
 *     name    = 1*( any byte except "." "[" "]" NUL )
 *     index   = "0" | %x31-39 *DIGIT        (decimal, no leading zero)
 * e.g. "Response.Error.Code", "Response.ActivitySet[0].StatusCode", "[2].a";
 * "" is `from` itself. A name matches a member whose unescaped key bytes
 * are equal to it; with duplicate keys the first one wins. Members whose
 * names contain '.', '[' or ']' are reached with tcas_json_member().
 * The path syntax is checked before any lookup, so a bad path always fails
 * with TCAS_E_JSON_PATH.
 *
 * Returns TCAS_OK; TCAS_E_ARG (bad doc/from, path or out NULL);
 * TCAS_E_JSON_PATH (syntax, e.g. "a..b", ".a", "a.", "a[", "a[x]", "a[01]",
 * an index above UINT_MAX); TCAS_E_JSON_TYPE (a name applied to a non-object
 * or an index to a non-array); TCAS_E_JSON_NOT_FOUND (no such member, index
 * out of range). *out is written on success only.
 */
int tcas_json_find(const tcas_json *doc, int from, const char *path, int *out);

/*
 * Value of member `name` (unescaped key bytes, first match) of object obj,
 * stored in *out. Returns TCAS_OK, TCAS_E_ARG (bad doc/obj, name or out
 * NULL), TCAS_E_JSON_TYPE (obj is not an object), TCAS_E_JSON_NOT_FOUND.
 */
int tcas_json_member(const tcas_json *doc, int obj, const char *name, int *out);

/*
 * Element idx (0-based) of array arr, stored in *out. Returns TCAS_OK,
 * TCAS_E_ARG, TCAS_E_JSON_TYPE (not an array), TCAS_E_JSON_NOT_FOUND
 * (idx >= element count).
 */
int tcas_json_index(const tcas_json *doc, int arr, unsigned idx, int *out);

/* Number of elements of an array or members (key/value pairs) of an
 * object; 0 for other values; TCAS_E_ARG for a bad doc/tok. */
int tcas_json_count(const tcas_json *doc, int tok);

/*
 * Iteration without recursion:
 *   for (k = tcas_json_first(doc, obj); k >= 0; k = tcas_json_next(doc, k))
 *       ... key k, value k + 1 ...
 *   for (e = tcas_json_first(doc, arr); e >= 0; e = tcas_json_next(doc, e))
 *       ... element e ...
 * tcas_json_first: first element of an array, first KEY of an object; -1 if
 * tok is empty, not a container, or bad.
 * tcas_json_next: the next element of the same array, or the next KEY of
 * the same object (given a key or a member value), skipping any nested
 * values in between; -1 after the last one or for a bad doc/tok (including
 * the root, which has no siblings). Each step costs O(log ntok) (binary
 * search over token offsets), whatever the size of the skipped values.
 */
int tcas_json_first(const tcas_json *doc, int tok);
int tcas_json_next(const tcas_json *doc, int tok);

/*
 * Unescape string token tok into out[0..cap) as UTF-8 and NUL-terminate it.
 * Handles \" \\ \/ \b \f \n \r \t and \uXXXX, with surrogate pairs joined
 * into one 4-byte sequence. Output is never truncated: if the text and its
 * NUL do not fit, nothing but out[0] = 0 is written (when cap > 0).
 * len (may be NULL) receives the unescaped length without the NUL, also on
 * TCAS_E_NOSPACE, so a retry needs cap >= *len + 1 (out NULL with cap 0
 * is a length query); it is left alone on other errors.
 *
 * Returns TCAS_OK; TCAS_E_ARG (bad doc/tok, out NULL while cap > 0);
 * TCAS_E_JSON_TYPE (not a string); TCAS_E_JSON_ESCAPE (\u0000, lone or
 * reversed surrogate); TCAS_E_NOSPACE (cap < unescaped length + 1).
 * Check order: ARG, TYPE, ESCAPE, NOSPACE.
 */
int tcas_json_get_string(const tcas_json *doc, int tok, char *out, size_t cap,
                         size_t *len);

/*
 * Integer value of number token tok. Only the integer grammar is accepted:
 * -?(0|[1-9][0-9]*). "-0" reads as 0. *v is written on success only.
 * Returns TCAS_OK; TCAS_E_ARG (bad doc/tok, v NULL); TCAS_E_JSON_TYPE (not a
 * number); TCAS_E_JSON_RANGE (fraction or exponent, e.g. 1.0 or 1e3, value
 * outside int64_t, or for the unsigned getter a negative value).
 */
int tcas_json_get_int64(const tcas_json *doc, int tok, int64_t *v);
int tcas_json_get_uint64(const tcas_json *doc, int tok, uint64_t *v);

/* *v = 1 for true, 0 for false. Returns TCAS_OK, TCAS_E_ARG, or
 * TCAS_E_JSON_TYPE (not a boolean). */
int tcas_json_get_bool(const tcas_json *doc, int tok, int *v);

/* 1 if tok is null, otherwise 0 (a bad doc/tok also gives 0: a predicate
 * that returned a negative code would read as true). */
int tcas_json_is_null(const tcas_json *doc, int tok);

/* 1 if tok is a string (value or key) whose unescaped bytes equal the C
 * string s, otherwise 0 (also for a bad doc/tok, s NULL, or a string with
 * an invalid escape). */
int tcas_json_str_eq(const tcas_json *doc, int tok, const char *s);

/* Source text of token tok, *len bytes (not NUL-terminated): strings
 * without their quotes and still escaped, containers with their brackets.
 * NULL (and *len = 0 when len is not NULL) for a bad doc/tok. Points into
 * doc->js. */
const char *tcas_json_raw(const tcas_json *doc, int tok, size_t *len);

/*
 * Output callback of tcas_json_pretty(): consume s[0..n) and return 0, or
 * a nonzero code (e.g. TCAS_E_NOSPACE) that stops the printer and is then
 * returned by it unchanged.
 */
typedef int (*tcas_json_sink)(void *ctx, const char *s, size_t n);

/*
 * Print the value at tok through sink. indent > 0: one member/element per
 * line, each nesting level indented by `indent` spaces, ": " after keys,
 * "," at line ends, empty containers as {} and [] - the layout of Python's
 * json.dumps(v, indent=indent), which tccli prints. indent == 0: compact,
 * no whitespace at all. Strings and numbers are copied exactly as they are
 * in the source (escapes kept), so the output is valid JSON. No newline is
 * written after the value. A key token prints as its string.
 *
 * Returns TCAS_OK; TCAS_E_ARG (bad doc/tok, sink NULL, indent > 64); or the
 * first nonzero value returned by sink (output stops there).
 */
int tcas_json_pretty(const tcas_json *doc, int tok, unsigned indent,
                     tcas_json_sink sink, void *sink_ctx);

#endif /* TCAS_JSON_H */
