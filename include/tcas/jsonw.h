/*
 * tcas/jsonw.h - JSON writer into a caller buffer.
 *
 * Writes one compact JSON value (no whitespace) into buf. The writer tracks
 * the structure (containers open, whether a key or a value comes next,
 * where commas go), so the output is always well-formed JSON or an error.
 *
 * Errors are sticky, as in BearSSL's engines: the first failing call
 * records its error and every later call does nothing; tcas_jw_finish()
 * returns it. So a sequence of calls needs one check at the end:
 *
 *     tcas_jw w;
 *     tcas_jw_init(&w, buf, sizeof buf);
 *     tcas_jw_obj_begin(&w);
 *     tcas_jw_key(&w, "Limit");
 *     tcas_jw_int(&w, 10);
 *     tcas_jw_obj_end(&w);
 *     err = tcas_jw_finish(&w, &len);       -> {"Limit":10}
 *
 * Error codes recorded:
 *   TCAS_E_ARG        a NULL pointer with a non-zero length (or a NULL
 *                     string); number text not matching the JSON number
 *                     grammar; empty raw value; buf NULL with cap > 0
 *   TCAS_E_NOSPACE    buf is full (nothing is ever written at or past
 *                     buf + cap)
 *   TCAS_E_UTF8       a key or string is not well-formed UTF-8 (overlong
 *                     forms, surrogates U+D800..U+DFFF, code points above
 *                     U+10FFFF, stray continuation bytes, truncated
 *                     sequences, bytes C0, C1, F5..FF); nothing of that
 *                     string is written
 *   TCAS_E_JSON_DEPTH more than TCAS_JSON_DEPTH_MAX containers open
 *   TCAS_E_STATE      a call out of place: a value where a key is due (or a
 *                     key where a value is due, or a key in an array), an
 *                     end without a matching begin or with a key left
 *                     without its value, a second top-level value
 *
 * Strings: '"', '\' and the control characters U+0000..U+001F are escaped
 * (\b \f \n \r \t short forms, the rest as \u00XX, lower-case hex); '/' and
 * DEL are not escaped; UTF-8 is copied as it is after validation.
 *
 * The tcas_jw is caller-owned; nothing to free. w NULL makes every call a
 * no-op (and tcas_jw_finish() return TCAS_E_ARG). After an error the
 * contents of buf are unspecified (tcas_jw_finish() then writes "" if
 * cap > 0).
 */
#ifndef TCAS_JSONW_H
#define TCAS_JSONW_H

#include <stddef.h>
#include <stdint.h>

typedef struct tcas_jw {
	char *buf;       /* output, caller-owned, cap bytes */
	size_t cap, len; /* capacity; bytes written so far */
	uint32_t
	    is_obj;    /* bit d set: the container at depth d+1 is an object */
	uint8_t depth; /* containers open */
	uint8_t first; /* nothing written yet in the innermost container */
	uint8_t want_value; /* a key was written: its value must follow */
	uint8_t done;       /* the top-level value is complete */
	int err;            /* sticky error, TCAS_OK while none */
} tcas_jw;

/* Start a document in buf (cap bytes, at least length + 1 for the NUL).
 * buf must stay valid until tcas_jw_finish(). */
void tcas_jw_init(tcas_jw *w, char *buf, size_t cap);

void tcas_jw_obj_begin(tcas_jw *w);
void tcas_jw_obj_end(tcas_jw *w);
void tcas_jw_arr_begin(tcas_jw *w);
void tcas_jw_arr_end(tcas_jw *w);

/* A member name in an object: k is NUL-terminated, or n bytes (may hold
 * U+0000, written as \u0000). */
void tcas_jw_key(tcas_jw *w, const char *k);
void tcas_jw_key_n(tcas_jw *w, const char *k, size_t n);

/* A string value: s is NUL-terminated, or n bytes (s may be NULL if n is
 * 0). */
void tcas_jw_str(tcas_jw *w, const char *s);
void tcas_jw_str_n(tcas_jw *w, const char *s, size_t n);

void tcas_jw_int(tcas_jw *w, int64_t v);
void tcas_jw_uint(tcas_jw *w, uint64_t v);
void tcas_jw_bool(tcas_jw *w, int v); /* v != 0: true */
void tcas_jw_null(tcas_jw *w);

/* A number given as text (n bytes), copied after checking that all of it
 * matches the JSON number grammar:
 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? e.g. "1.5e3". Anything else
 * (leading '+', ".5", "01", "1.", "NaN", spaces) is TCAS_E_ARG. */
void tcas_jw_number_text(tcas_jw *w, const char *s, size_t n);

/* A complete JSON value (n > 0 bytes) the caller has validated, inserted
 * as one value (commas and state are handled as for any value; the bytes
 * are not checked). */
void tcas_jw_raw(tcas_jw *w, const char *json, size_t n);

/*
 * End the document. Returns the sticky error if any; else TCAS_E_STATE if
 * no complete top-level value was written (containers still open, a key
 * without a value, or nothing at all); else TCAS_E_NOSPACE if no byte is
 * left for the NUL; else writes the NUL, sets *len (if len is not NULL) to
 * the length without it and returns TCAS_OK. Returns TCAS_E_ARG if w is
 * NULL. The error is recorded: calling it again returns the same.
 */
int tcas_jw_finish(tcas_jw *w, size_t *len);

#endif /* TCAS_JSONW_H */
