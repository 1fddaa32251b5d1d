/*
 * tcas/sign.h - TC3-HMAC-SHA256 request signing (Tencent Cloud API 3.0).
 *
 * Signs one POST of a JSON body to "/" as described in api-3.0.md section
 * 2: canonical request, string to sign, the "TC3" key chain, and the
 * Authorization header. The body is hashed as it is fed, in any number of
 * pieces, so it never has to be held in one buffer; the canonical request
 * and the string to sign are hashed as they are produced and never exist
 * in memory.
 *
 * Usage:
 *     tcas_sign_ctx sc;
 *     tcas_sign_init(&sc);
 *     tcas_sign_update(&sc, body, body_len);       (any number of times)
 *     tcas_sign_final(&sc, &params, sig);           (consumes sc)
 *     tcas_sign_authorization(&params, sig, hdr, sizeof hdr, &hdr_len);
 *
 * Contexts are caller-owned; there is nothing to free. A context is not
 * shared between threads while in use. tcas never keeps a pointer to the
 * parameters after a call returns.
 *
 * Secrets: SecretKey is read only during tcas_sign_final() and
 * tcas_sign_derive_key(); derived keys and HMAC states in the context are
 * wiped before those calls return. The signature is not a
 * secret (it travels in the clear in the Authorization header).
 *
 * HMAC-SHA256 is computed directly on BearSSL's br_sha256 rather than
 * br_hmac: a br_hmac_context embeds br_hash_compat_context (sized for
 * SHA-512), 416 bytes for key and MAC contexts against 112 here.
 */
#ifndef TCAS_SIGN_H
#define TCAS_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

/* Length of a signature in lower-case hex, without the NUL. */
#define TCAS_SIGN_HEX_LEN 64

/* Earliest accepted timestamp: 2020-01-01T00:00:00Z. An earlier clock is
 * taken to be unset (TCAS_E_CLOCK). */
#define TCAS_SIGN_TIME_MIN 1577836800LL

/*
 * Exact length (without the NUL) of the Authorization value for a SecretId
 * of id_len bytes and a service name of svc_len bytes; with_action is 1
 * when params.action is non-NULL. Size the output of
 * tcas_sign_authorization() as TCAS_SIGN_AUTH_LEN(...) + 1.
 */
#define TCAS_SIGN_AUTH_LEN(id_len, svc_len, with_action)                       \
	(sizeof "TC3-HMAC-SHA256 Credential=" - 1 + (id_len) +                 \
	 sizeof "/YYYY-MM-DD/" - 1 + (svc_len) +                               \
	 sizeof "/tc3_request, SignedHeaders=content-type;host" - 1 +          \
	 ((with_action) ? sizeof ";x-tc-action" - 1 : 0) +                     \
	 sizeof ", Signature=" - 1 + TCAS_SIGN_HEX_LEN)

typedef struct tcas_sign_params {
	/* SecretId: 1 or more bytes, printable ASCII (0x21..0x7E) other than
	 * '/' and ','. It appears in the Authorization header. */
	const char *secret_id;
	/* SecretKey: 1 or more bytes, any value. Read only during the call. */
	const char *secret_key;
	/* Service name, the first DNS label of the host: "as". 1 or more of
	 * a-z, 0-9, '-'. */
	const char *service;
	/* Exactly the Host header value sent (with ":port" if sent so). */
	const char *host;
	/* Exactly the Content-Type value sent, e.g. "application/json". */
	const char *content_type;
	/* Non-NULL: the X-TC-Action value, also signed; SignedHeaders is
	 * "content-type;host;x-tc-action" and the value is signed lower-cased
	 * (ASCII A-Z only). NULL: SignedHeaders is "content-type;host", as
	 * the official SDKs sign. */
	const char *action;
	/* X-TC-Timestamp, Unix seconds. The credential-scope date is the UTC
	 * date of this instant. */
	int64_t timestamp;
} tcas_sign_params;

/*
 * Header values (host, content_type, action) are signed with surrounding
 * spaces and tabs removed, as the canonical form requires; inside, they may
 * hold any byte except control characters other than tab (CR and LF above
 * all: they would split the header) and DEL. After trimming they must not
 * be empty.
 */

/* The context (224 bytes on 32-bit targets, 232 on 64-bit) also holds the
 * scratch of tcas_sign_final(): derived key, HMAC blocks, date. With it
 * caller-owned, tcas_sign_final() needs 488 bytes of stack on a Cortex-M4
 * (-Os), BearSSL's SHA-256 round included (328 of them); with the scratch
 * in its own frames it needed 712. tcas_sign_buf() keeps a context in its
 * frame and so needs 736. */
typedef struct tcas_sign_ctx {
	br_sha256_context payload; /* SHA-256 of the body, then each step */
	uint8_t key[32];           /* secret: derived key, wiped by final */
	uint8_t tmp[32];           /* secret: HMAC inner hash, wiped */
	uint8_t pad[16];           /* secret: HMAC pad block piece, wiped */
	const uint8_t *kp;         /* HMAC key of the running step */
	size_t klen;               /* its length */
	int tc3;                   /* 1: the key is "TC3" + kp */
	char date[12];             /* credential-scope date */
	uint32_t magic;            /* set by init, cleared by final */
	int err;                   /* sticky error of tcas_sign_update() */
} tcas_sign_ctx;

/* Start signing a new request. Cannot fail (ctx NULL is ignored). */
void tcas_sign_init(tcas_sign_ctx *ctx);

/*
 * Feed the next len bytes of the body, exactly as they are sent. data may
 * be NULL only when len is 0. A NULL data with len > 0 is remembered and
 * reported by tcas_sign_final() as TCAS_E_ARG. ctx NULL is ignored.
 */
void tcas_sign_update(tcas_sign_ctx *ctx, const void *data, size_t len);

/*
 * Finish: write the signature as 64 lower-case hex digits and a NUL into
 * sig (at least TCAS_SIGN_HEX_LEN + 1 bytes). The context is consumed
 * whatever the result: call tcas_sign_init() before using it again.
 * On failure sig holds an empty string (when sig is not NULL).
 * Returns:
 *   TCAS_OK
 *   TCAS_E_ARG          ctx, p or sig NULL; service, host or content_type
 *                       NULL, empty or malformed (see above); action
 *                       malformed; NULL data passed to tcas_sign_update()
 *   TCAS_E_STATE        ctx not initialised, or already finished
 *   TCAS_E_CREDENTIALS  secret_id or secret_key NULL or empty, or
 *                       secret_id holds a byte not allowed above
 *   TCAS_E_CLOCK        timestamp before TCAS_SIGN_TIME_MIN (negative
 *                       included) or after 9999-12-31T23:59:59Z
 */
int tcas_sign_final(tcas_sign_ctx *ctx, const tcas_sign_params *p,
                    char sig[TCAS_SIGN_HEX_LEN + 1]);

/*
 * tcas_sign_final() with the signing key of step 3 given instead of
 * derived: key is tcas_sign_derive_key(secret_key, date, service) for the
 * UTC date of p->timestamp and p->service (a key for another date or
 * service gives a signature the server rejects). p->secret_key is not
 * read. Deriving takes four HMACs, more than half of the work for a small
 * body, and the key changes only with the UTC date: callers signing many
 * requests keep it (as a secret) and derive it again when the date
 * changes. The context is consumed whatever the result.
 * Returns: as tcas_sign_final(), and TCAS_E_ARG for a NULL key;
 * TCAS_E_CREDENTIALS only for a bad secret_id.
 */
int tcas_sign_final_key(tcas_sign_ctx *ctx, const tcas_sign_params *p,
                        const uint8_t key[32], char sig[TCAS_SIGN_HEX_LEN + 1]);

/*
 * One call for a body held in one buffer: init + update + final.
 * Same returns as tcas_sign_final() (body may be NULL only when len is 0).
 */
int tcas_sign_buf(const tcas_sign_params *p, const void *body, size_t len,
                  char sig[TCAS_SIGN_HEX_LEN + 1]);

/*
 * Write the Authorization header value
 *   "TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request,
 *    SignedHeaders=<list>, Signature=<sig>"   (on one line)
 * and a NUL into out (cap bytes). *len (if len is not NULL) receives the
 * length without the NUL, which is TCAS_SIGN_AUTH_LEN(strlen(id),
 * strlen(service), action != NULL). secret_key is not read. sig is the
 * output of tcas_sign_final() with the same parameters.
 * Returns:
 *   TCAS_OK
 *   TCAS_E_ARG          p, sig or out NULL; sig not 64 lower-case hex
 *                       digits; parameters invalid as for tcas_sign_final()
 *   TCAS_E_CREDENTIALS  secret_id NULL, empty or malformed
 *   TCAS_E_CLOCK        timestamp out of range
 *   TCAS_E_NOSPACE      cap < length + 1 (out then holds "" if cap > 0)
 */
int tcas_sign_authorization(const tcas_sign_params *p, const char *sig,
                            char *out, size_t cap, size_t *len);

/*
 * The signing key of step 3:
 *   HMAC(HMAC(HMAC("TC3" + secret_key, date), service), "tc3_request")
 * date is "YYYY-MM-DD" (10 characters; bytes after the tenth are not read).
 * tcas_sign_final() does this itself; tcas_sign_final_key() takes its
 * result. key is secret: wipe it after use. All arguments must be
 * non-NULL (a NULL argument leaves key zeroed).
 */
void tcas_sign_derive_key(const char *secret_key, const char date[11],
                          const char *service, uint8_t key[32]);

/*
 * HMAC-SHA256 of msg (msg_len bytes) under key (key_len bytes, any
 * length), written to out. For the emulator and tests. NULL key or msg
 * are allowed only with length 0.
 */
void tcas_sign_hmac(const void *key, size_t key_len, const void *msg,
                    size_t msg_len, uint8_t out[32]);

#endif /* TCAS_SIGN_H */
