/*
 * tcas/http.h - the HTTP/1.1 client framing of tcas: request head writer and
 * incremental response reader. No I/O here: the caller moves the bytes
 * (through TLS or the port) and feeds them in.
 *
 * Both halves work in caller-owned buffers and never allocate. The response
 * reader keeps its state in a tcas_http_resp that the caller owns; the struct
 * may live anywhere (stack, static, inside tcas_client) and needs no cleanup.
 */
#ifndef TCAS_HTTP_H
#define TCAS_HTTP_H

#include <stddef.h>
#include <stdint.h>

/* ---- request head -------------------------------------------------------- */

/*
 * What goes into one request head. Every string is NUL-terminated and read
 * only during tcas_http_write_head(); none is kept. A value that contains a
 * control character (CR, LF, any other byte below 0x20 except HTAB, or DEL)
 * is refused with TCAS_E_ARG: no header can be injected through a value.
 */
typedef struct tcas_http_req {
	const char *host;          /* Host value as signed (may be "h:port") */
	const char *content_type;  /* e.g. "application/json" */
	const char *action;        /* X-TC-Action */
	const char *version;       /* X-TC-Version, "2018-04-19" */
	const char *region;        /* X-TC-Region; NULL = omit */
	int64_t timestamp;         /* X-TC-Timestamp, Unix seconds, >= 0 */
	const char *token;         /* X-TC-Token; NULL = omit */
	const char *language;      /* X-TC-Language; NULL = omit */
	const char *authorization; /* full Authorization value */
	const char *user_agent;    /* e.g. "tcas/0.1.0"; NULL = omit */
	size_t body_len;           /* Content-Length */
	int keep_alive;            /* 0: send "Connection: close" */
} tcas_http_req;

/*
 * Write "POST / HTTP/1.1\r\n", the headers and the empty line that ends the
 * head (no body) into out[0..cap). The output is not NUL-terminated. Header
 * order: Host, Content-Type, Content-Length, X-TC-Action, X-TC-Version,
 * X-TC-Timestamp, X-TC-Region, X-TC-Token, X-TC-Language, Authorization,
 * User-Agent, Connection (only "Connection: close", when keep_alive is 0).
 *
 * host, content_type, action, version and authorization are required and
 * must not be empty. TCAS_HTTP_REQ_HEAD_MAX (tcas/config.h) is a good cap.
 *
 * Returns TCAS_OK and the head length in *len; TCAS_E_ARG for a NULL
 * pointer, a missing/empty required value, a negative timestamp or a
 * control character in a value; TCAS_E_HTTP_REQ_TOO_LARGE when cap is too
 * small. Nothing is written at or past out[cap]; on error *len is 0 and the
 * contents of out are unspecified.
 */
int tcas_http_write_head(const tcas_http_req *r, char *out, size_t cap,
                         size_t *len);

/* ---- response reader ----------------------------------------------------- */

/*
 * Incremental reader for one HTTP/1.x response. Fields above the "private"
 * line are results the caller may read once the head is complete (status)
 * or the response is complete (all of them); the rest is internal state.
 */
typedef struct tcas_http_resp {
	int status;      /* final status code (200..599); 0 until known */
	size_t body_len; /* body bytes stored */
	int keep_alive;  /* 1: the connection may carry another request */
	int chunked;     /* 1: the body came with chunked transfer coding */
	/* after TCAS_E_HTTP_BODY_TOO_LARGE: the body bytes needed, exactly
	 * (Content-Length) when body_need_exact, else at least */
	uint64_t body_need;
	int body_need_exact;

	/* private: touch only through the functions below */
	char *head;
	size_t head_cap, head_len;
	char *body;
	size_t body_cap;
	uint64_t left; /* Content-Length or chunk bytes still to come */
	size_t nline;  /* bytes of the current chunk-size/trailer line(s) */
	size_t seen;   /* bytes consumed so far (all responses) */
	int state, sub, cr, err;
} tcas_http_resp;

/*
 * Prepare r to read one response. head[0..head_cap) receives the status line
 * and headers (TCAS_HTTP_RESP_HEAD_MAX is a good size); body[0..body_cap)
 * receives the body, one byte being reserved for a terminating NUL, so at
 * most body_cap - 1 body bytes fit (TCAS_HTTP_BODY_MAX). Both buffers belong
 * to the caller and must stay valid and untouched while r is in use; head
 * and body must not overlap. Call again (same or other buffers) for the next
 * response on a keep-alive connection.
 */
void tcas_http_resp_init(tcas_http_resp *r, char *head, size_t head_cap,
                         char *body, size_t body_cap);

/*
 * Feed the next len bytes received from the server, split anywhere (one byte
 * at a time works). *used is set to the bytes consumed: all of them while
 * the response is incomplete; on TCAS_OK the bytes after *used belong to the
 * next response on the connection.
 *
 * Accepted: HTTP/1.0 and 1.1 status lines (reason phrase may be empty or
 * absent); interim 1xx responses (skipped, except 101: unsupported); lines
 * ending in CRLF or a bare LF; Content-Length; Transfer-Encoding: chunked
 * (hex sizes in either case, chunk extensions, trailers, which are checked
 * and discarded); no body for 204 and 304; otherwise a body delimited by
 * the end of the connection (see tcas_http_resp_eof()).
 *
 * keep_alive is 1 for HTTP/1.1 unless "Connection: close"; for HTTP/1.0
 * only with "Connection: keep-alive"; always 0 for a body delimited by
 * close. After an error the connection must be closed.
 *
 * Limits: the status line and headers must fit head_cap; each chunk-size
 * line and all trailers together must also fit head_cap (they are counted,
 * not stored). The body must fit body_cap - 1; a Content-Length or chunk
 * size that does not fit is refused as soon as it is read.
 *
 * Returns
 *   TCAS_MORE                   more bytes are needed;
 *   TCAS_OK                     the response is complete (further calls
 *                               return TCAS_OK and consume nothing);
 *   TCAS_E_ARG                  NULL r/used, or NULL data with len > 0;
 *   TCAS_E_HTTP_HEAD_TOO_LARGE  head, a chunk-size line or the trailers
 *                               exceed head_cap;
 *   TCAS_E_HTTP_BODY_TOO_LARGE  the body exceeds body_cap - 1;
 *   TCAS_E_HTTP_MALFORMED       bad status line, header syntax (including
 *                               obs-fold and a bare CR), bad or duplicate
 *                               Content-Length, Content-Length together with
 *                               Transfer-Encoding, "chunked" twice or in an
 *                               HTTP/1.0 response, bad chunk size (none, not
 *                               hex, beyond 64 bits), missing CRLF after
 *                               chunk data, bad trailer line;
 *   TCAS_E_HTTP_UNSUPPORTED     a transfer coding other than chunked, or a
 *                               101 Switching Protocols.
 * Errors are sticky: every later call returns the same code and consumes
 * nothing, until tcas_http_resp_init().
 */
int tcas_http_resp_feed(tcas_http_resp *r, const uint8_t *data, size_t len,
                        size_t *used);

/*
 * The peer closed the connection (recv returned 0). Returns TCAS_OK when the
 * response is now complete (its body was delimited by close) or was already
 * complete; TCAS_E_HTTP_TRUNCATED when it is not (sticky, like any error);
 * the sticky error if one is set; TCAS_E_ARG for NULL r.
 */
int tcas_http_resp_eof(tcas_http_resp *r);

/*
 * Nonzero once at least one byte has been consumed since
 * tcas_http_resp_init(). A client may resend a request on a fresh connection
 * when a reused keep-alive connection closes before any response byte.
 */
int tcas_http_resp_started(const tcas_http_resp *r);

/*
 * Find header name (case-insensitive) in the stored head of the final
 * response. *val points into the head buffer at the value without
 * surrounding whitespace, *len is its length; the value is not
 * NUL-terminated and stays valid while the head buffer does. The first
 * occurrence wins.
 *
 * Returns TCAS_OK; TCAS_E_HTTP_NO_HEADER when the header is absent;
 * TCAS_E_STATE when the head is not complete yet (or an error stopped the
 * reader before it was); TCAS_E_ARG for a NULL argument.
 */
int tcas_http_resp_header(const tcas_http_resp *r, const char *name,
                          const char **val, size_t *len);

/*
 * The body bytes stored so far (body_len of them), NUL-terminated when
 * body_cap > 0. The pointer is the body buffer given to
 * tcas_http_resp_init(); NULL for NULL r.
 */
const char *tcas_http_resp_body(const tcas_http_resp *r);

#endif /* TCAS_HTTP_H */
