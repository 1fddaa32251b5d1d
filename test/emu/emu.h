/*
 * test/emu/emu.h - internal contract of tcas-emu, the local emulator of the
 * Auto Scaling endpoint (test code: heap allowed).
 *
 * Two halves share this header:
 *   - the server (main.c, server.c, http.c, verify.c, envelope.c, faults.c):
 *     sockets, TLS, HTTP framing, request verification, rate limit, faults;
 *   - the state model (as_*.c): scaling groups, instances, refreshes.
 * The server calls emu_as_handle() only for requests that passed every
 * common check (signature, version, known action, body is a JSON object,
 * rate limit). All strings are NUL-terminated UTF-8 unless a length is given.
 */
#ifndef TCAS_EMU_H
#define TCAS_EMU_H

#include <stddef.h>

/* ---- state model (implemented in test/emu/as_*.c) ------------------------ */

typedef struct emu_as emu_as; /* opaque, owned by the state model */

typedef struct emu_as_opts {
	double batch_seconds;       /* seconds one refresh batch takes (>0) */
	const char *fail_instances; /* comma list of instance IDs that fail
	                               when refreshed; NULL or "" = none */
	int refresh_fail_after;     /* >0: an activity goes FAILED (final)
	                               when its batch N finishes; 0 = never */
	const char *seed_file; /* JSON file with initial state; NULL = none */
	int seed_groups;       /* number of generated groups if no file */
	unsigned seed;         /* PRNG seed for generated IDs */
} emu_as_opts;

/* New model from options (o may be NULL: defaults). NULL on failure (a
   message on stderr says why). */
emu_as *emu_as_new(const emu_as_opts *o);
void emu_as_free(emu_as *s);

/*
 * Handle one verified call. action is known to exist (a name from
 * include/tcas/actions.h), region is the X-TC-Region value, body/len the raw
 * JSON request body (a JSON object; not NUL-terminated in general). Writes
 * the full response document {"Response":{...,"RequestId":"<request_id>"}}
 * into *out (malloc'd, caller frees) and its length into *outlen; action
 * errors (InvalidParameter..., ResourceNotFound..., UnknownParameter,
 * MissingParameter, ...) are written the same way, e.g. with
 * emu_error_json(). now = Unix seconds (real clock; drives state advance).
 * Returns 0 when *out is set; a negative value on an internal failure (the
 * server then answers InternalError itself; *out is left NULL).
 */
int emu_as_handle(emu_as *s, const char *action, const char *region,
                  const char *body, size_t len, const char *request_id,
                  double now, char **out, size_t *outlen);

/* ---- helpers both halves use (implemented in test/emu/envelope.c) -------- */

/* {"Response":{"Error":{"Code":code,"Message":message},"RequestId":id}}
   with code/message JSON-escaped. malloc'd, caller frees; *len (if not
   NULL) gets the length. NULL only if out of memory. */
char *emu_error_json(const char *code, const char *message,
                     const char *request_id, size_t *len);

/* Fresh random UUIDv4, lower-case, 36 chars + NUL. */
void emu_uuid4(char out[37]);

/* Append s (length n) to *buf as JSON string contents (no quotes), with
   escaping; buf, blen and bcap form a growable malloc'd buffer (start
   with NULL, 0, 0). Returns 0, or -1 if out of memory. */
int emu_json_escape(char **buf, size_t *blen, size_t *bcap, const char *s,
                    size_t n);

/* printf-like append to the same kind of growable buffer. 0 or -1. */
int emu_buf_printf(char **buf, size_t *blen, size_t *bcap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Log one line (timestamped) to the emulator log (stderr or --log FILE).
   Never pass secrets. */
void emu_log(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif /* TCAS_EMU_H */
