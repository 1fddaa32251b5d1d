/*
 * tcas/tls.h - a verified TLS client connection (BearSSL) over a tcas_port.
 *
 * The caller owns the tcas_tls (28.3 KB on x86-64 with the default
 * record buffers, TCAS_TLS_IBUF_SIZE + _OBUF_SIZE = 20.9 KB of it, and
 * the 4 KB read-ahead stage, TCAS_TLS_STAGE_SIZE; 20.3 KB
 * on cortex-m4-lwip with one half-duplex buffer of 16709, 4.9 KB with 1349
 * on cortex-m4-lwip-mfl), the memory it borrows for the
 * certificate check (tcas_tls_set_x509), the tcas_port and the
 * trust anchors, and keeps them alive until tcas_tls_close() has
 * returned (BearSSL keeps pointers to the anchors). No allocation.
 *
 * Transport: tcas_tls never opens or closes the TCP connection. The caller
 * calls port->connect() before tcas_tls_connect() and port->close() after
 * tcas_tls_close() or after any failure.
 *
 * Verification is always on: the server chain must end at one of the
 * anchors, be valid at the time given to tcas_tls_connect(), and name the
 * host (DNS name in subjectAltName), and pass the policy below. There is
 * no switch to turn this off. BearSSL matches DNS names only: a host given
 * as an IP literal ("127.0.0.1") never matches (TCAS_E_TLS_HOSTNAME), even
 * with an iPAddress SAN; use a DNS name (e.g. "localhost").
 *
 *
 * Record buffers: BearSSL asks the server for the largest RFC 6066
 * max_fragment_length (512, 1024, 2048 or 4096 bytes of plaintext) that
 * fits both buffers: F with TCAS_TLS_OBUF_SIZE >= F + 85 and
 * TCAS_TLS_IBUF_SIZE >= F + 325 (F = 16384, the default, sends no
 * request). A server that honours the request (OpenSSL >= 1.1.1, BearSSL)
 * never sends a larger record, so e.g. 1349 / 1109 bytes work for F = 1024.
 * Handshake records are read in pieces, so the certificate chain is never
 * the limit. A server that ignores the request fails the call with
 * TCAS_E_TLS_RECORD_TOO_LARGE as soon as it sends an encrypted record
 * larger than TCAS_TLS_IBUF_SIZE - 5 bytes; only 16709 (the default) is
 * safe with every server.
 *
 * With TCAS_TLS_OBUF_SIZE 0 there is one buffer, ibuf, used in turn for
 * records in and out (BearSSL's half-duplex mode: the next request is
 * written once the last response record has been read, as HTTP/1.1 does
 * anyway); the sizes above then apply to it both ways, and 16709 holds any
 * record without a max_fragment_length request.
 *
 * Timeouts: each call gets a total time budget in milliseconds, measured
 * with port->mono_ms() from the start of the call; every wait on the
 * transport is bounded by what is left. 0 means "do not wait".
 *
 * Errors are sticky: once a call fails (transport, timeout, TLS alert,
 * certificate), every later send/recv/flush returns the same code until
 * the next tcas_tls_connect(). tcas_tls_last_br_error() then tells the
 * BearSSL reason (0 for transport failures).
 *
 * Codes shared by the functions below:
 *   TCAS_E_TLS_CERT      chain not trusted (unknown CA, bad signature,
 *                        not a CA, forbidden key usage, weak key, ...)
 *   TCAS_E_TLS_HOSTNAME  certificate does not name the host
 *   TCAS_E_TLS_EXPIRED   certificate expired or not yet valid
 *   TCAS_E_TLS_RECORD_TOO_LARGE  the server sent a record that does not
 *                        fit TCAS_TLS_IBUF_SIZE, or answered the
 *                        max_fragment_length request with another length
 *                        (see "Record buffers" below)
 *   TCAS_E_TLS_VERSION, _CIPHER, _WEAK_HASH, _RSA_WEAK, _CURVE, _NO_SAN
 *                        the policy below refused the server
 *   TCAS_E_TLS_NOT_TLS   the server answered with bytes that are not TLS
 *   TCAS_E_TLS           any other TLS failure (alert, protocol)
 *   TCAS_E_NET_TIMEOUT   the time budget ran out
 *   TCAS_E_NET_IO        the transport failed (reset, ...)
 *   TCAS_E_NET_CLOSED    the peer closed TCP without close_notify
 *   TCAS_E_STATE         no connection established (or it was closed),
 *                        or the server sent data while tcas was writing
 *                        and the engine could not take more (only a
 *                        non-half-duplex peer does that)
 */
#ifndef TCAS_TLS_H
#define TCAS_TLS_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "tcas/config.h"
#include "tcas/port.h"

/*
 * The TLS policy, the same in every build (on top of whatever BearSSL
 * profile the build links):
 *   - TLS 1.2 only (a server that offers only 1.0 or 1.1:
 *     TCAS_E_TLS_VERSION);
 *   - ECDHE key exchange with AEAD records only: ECDHE_ECDSA and ECDHE_RSA
 *     with ChaCha20-Poly1305, AES-128-GCM or AES-256-GCM (a server that
 *     offers none of them, e.g. only RSA key exchange or only CBC suites:
 *     TCAS_E_TLS_CIPHER);
 *   - signatures with SHA-256, SHA-384 or SHA-512 in the handshake, and no
 *     SHA-1 (nor MD5) signature on any certificate of the server's chain
 *     up to the trust anchor (an anchor's own self-signature is never
 *     checked): TCAS_E_TLS_WEAK_HASH;
 *   - RSA keys of at least 2048 bits (BearSSL's check, in bytes: 256) and
 *     EC keys on P-256 or P-384 in every certificate of that chain:
 *     TCAS_E_TLS_RSA_WEAK, TCAS_E_TLS_CURVE;
 *   - the end-entity certificate must carry a subjectAltName with a DNS
 *     name, matched against the host (a certificate with only a CN is
 *     refused: TCAS_E_TLS_NO_SAN; BearSSL alone would fall back to it).
 * A certificate trusted directly (a non-CA anchor) is judged like any
 * other certificate of the chain.
 */

/* tcas's own refusals, reported where BearSSL reports its codes
 * (tcas_tls_last_br_error(), tcas_result.tls_br_error). BearSSL's own
 * codes stay below 64 (alerts from 256 on). */
enum tcas_tls_br_err {
	TCAS_BR_ERR_WEAK_HASH = 112, /* SHA-1 or MD5 signature in the chain */
	TCAS_BR_ERR_CURVE = 113,     /* EC key not on P-256 or P-384 */
	TCAS_BR_ERR_NO_SAN = 114,    /* end-entity without a SAN DNS name */
	TCAS_BR_ERR_NOT_TLS = 115    /* the server's first bytes are no TLS
	                              * record */
};

/* Facts of one certificate, read as it streams past (internal to tcas:
 * tcas_x509 holds one). */
enum {
	TCAS_CERT_ISSUER = 1,  /* issuer_hash, issuer_len known */
	TCAS_CERT_SUBJECT = 2, /* subject_hash, subject_len known */
	TCAS_CERT_KEY = 4,     /* key (and curve) known */
	TCAS_CERT_SIG = 8,     /* sig known */
	TCAS_CERT_BAD = 16     /* not followed to its end: no more facts */
};
enum { TCAS_CERT_KEY_RSA = 1, TCAS_CERT_KEY_EC, TCAS_CERT_KEY_OTHER };
enum { TCAS_CERT_P256 = 1, TCAS_CERT_P384, TCAS_CERT_CURVE_OTHER };
enum { TCAS_CERT_SIG_OK = 1, TCAS_CERT_SIG_WEAK };
#define TCAS_CERTSCAN_LEVELS 5

typedef struct tcas_certscan {
	uint32_t pos, len, left;              /* offset, element, bytes left */
	uint32_t end[TCAS_CERTSCAN_LEVELS];   /* ends of the open elements */
	uint32_t hash, name_len;              /* Name being read */
	uint32_t issuer_hash, issuer_len;     /* tcas_dn_hash() of the issuer */
	uint32_t subject_hash, subject_len;   /* and of the subject */
	uint8_t step, mode, tag, hlen, hneed; /* reader state */
	uint8_t head[6], oid[12], oid_len;
	uint8_t facts, key, curve, sig; /* TCAS_CERT_* */
} tcas_certscan;

/* Lazy trust anchors (tcas/trust.h): called with the tcas_dn_hash() and
 * length of each issuer name in the server's chain (and of the
 * end-entity's subject) before BearSSL looks for an anchor of that name,
 * so that the store can decode the anchors of that name in time. */
typedef void (*tcas_tls_resolve_fn)(void *ctx, uint32_t dn_hash,
                                    uint32_t dn_len);

/* The certificate check: BearSSL's minimal X.509 engine wrapped in the
 * policy above. Lent to tcas_tls for a handshake (tcas_tls_set_x509). */
typedef struct tcas_x509 {
	const br_x509_class *vtable; /* first: BearSSL calls through it */
	br_x509_minimal_context mini;
	tcas_certscan scan; /* the certificate being received */
	br_name_element san;
	char san_buf[1]; /* presence is enough: BearSSL matches the name */
	int refusal;     /* first TCAS_BR_ERR_* of the chain, 0 if none */
	int judge;       /* the current certificate is on BearSSL's path */
	int ee;          /* the current certificate is the end-entity */
	tcas_tls_resolve_fn resolve;
	void *resolve_ctx;
} tcas_x509;

/* Connection state. Treat as opaque. */
typedef struct tcas_tls {
	br_ssl_client_context sc;
	tcas_x509 *xc;               /* tcas_tls_set_x509(): used only while
	                              * tcas_tls_connect() runs */
	tcas_tls_resolve_fn resolve; /* tcas_tls_set_resolver() */
	void *resolve_ctx;
	const tcas_port *port;
	int err;    /* sticky tcas_err */
	int br_err; /* BearSSL code of the last failure, 0 if none */
	int state;  /* internal: idle, open, closed by peer */
	/* session kept for resumption (master secret: wiped by
	 * tcas_tls_forget_session()) */
	br_ssl_session_parameters session;
	char session_host[TCAS_HOST_MAX]; /* host of the session, "" if none */
	int resumed;        /* the last handshake resumed the session */
	uint32_t hs_in;     /* bytes received in the last handshake */
	uint8_t hs_head[3]; /* its first record's type and version */
#if TCAS_TLS_STAGE_SIZE > 0
	uint32_t stage_off, stage_len; /* stage[stage_off..stage_len):
	                                * received from the port, not yet
	                                * given to BearSSL */
#endif
	/* the record buffers, last: a tcas_client leaves them out of its
	 * init (tcas/client.h) */
	unsigned char ibuf[TCAS_TLS_IBUF_SIZE]; /* both ways when OBUF is 0 */
#if TCAS_TLS_OBUF_SIZE > 0
	unsigned char obuf[TCAS_TLS_OBUF_SIZE];
#endif
#if TCAS_TLS_STAGE_SIZE > 0
	unsigned char stage[TCAS_TLS_STAGE_SIZE]; /* read-ahead */
#endif
} tcas_tls;

/*
 * The certificate check's state (sizeof(tcas_x509): 3.4 KB on 32-bit
 * targets, 3.7 KB on x86-64) lives in memory the caller lends:
 * BearSSL uses it only during the handshake, and renegotiation is refused,
 * so once tcas_tls_connect() has returned the caller may put other data
 * there until the next connect (tcas_client shares it with the response
 * body and its JSON tokens). Set it before tcas_tls_connect() (which
 * answers TCAS_E_ARG without it); it must stay valid while that runs.
 * NULL t is ignored.
 */
void tcas_tls_set_x509(tcas_tls *t, tcas_x509 *xc);

/* Anchors decoded on demand (tcas_trust_resolve() of tcas/trust.h, with
 * the tcas_trust as ctx): fn is called during each handshake as the
 * server's chain names its issuers. NULL fn: the anchors are complete as
 * given. NULL t is ignored. */
void tcas_tls_set_resolver(tcas_tls *t, tcas_tls_resolve_fn fn, void *ctx);

/* 1 when the server sent not a byte during the last handshake (a
 * timeout then means "no answer to the ClientHello"), else 0. */
int tcas_tls_server_silent(const tcas_tls *t);

/*
 * Session resumption: after a full handshake the session (ID and master
 * secret) is kept in t; the next tcas_tls_connect() to the same host offers
 * it, and the server may resume it (abbreviated handshake, no certificate
 * check: the session was verified when it was made). A failed handshake
 * forgets the session. Only tcas_tls_forget_session() and a connect to
 * another host drop it; tcas_tls_close() keeps it. Hosts of
 * TCAS_HOST_MAX bytes or more keep no session. A tcas_tls must be
 * zeroed (memset) before its first use for this to start empty.
 *
 * Run the TLS handshake on the connected port: seed BearSSL from
 * port->random(), send host as SNI, verify the server chain against
 * ta[0..ta_count-1] at time now (Unix seconds, UTC). The anchors must
 * stay valid until tcas_tls_close(). host is copied by BearSSL (at most
 * 255 bytes). Resets any earlier state of t.
 * Returns:
 *   TCAS_OK               handshake complete, ready for send/recv
 *   TCAS_E_ARG            NULL t/port/host, ta NULL with ta_count > 0,
 *                         a port without send/recv/mono_ms/random, no
 *                         tcas_tls_set_x509(), or host empty or longer
 *                         than 255 bytes
 *   TCAS_E_TLS_NO_ANCHORS ta_count is 0
 *   TCAS_E_CLOCK          now is before 2020-01-01
 *   TCAS_E_NET_RANDOM     port->random() failed
 *   or one of the shared codes above.
 */
int tcas_tls_connect(tcas_tls *t, const tcas_port *port,
                     const br_x509_trust_anchor *ta, size_t ta_count,
                     const char *host, int64_t now, uint32_t timeout_ms);

/*
 * Send all len bytes as application data and flush them to the port.
 * Returns len (as a long) when every byte is written, or a negative
 * tcas_err: TCAS_E_ARG (NULL t, NULL buf with len > 0, len > LONG_MAX),
 * or a shared code.
 */
long tcas_tls_send(tcas_tls *t, const uint8_t *buf, size_t len,
                   uint32_t timeout_ms);

/* Write out any buffered application data. TCAS_OK, TCAS_E_ARG, or a
 * shared code. */
int tcas_tls_flush(tcas_tls *t, uint32_t timeout_ms);

/*
 * Receive up to len bytes of application data (len > 0), waiting for at
 * least one. Returns the byte count (> 0), 0 once the server has sent
 * close_notify (and at every later call), or a negative tcas_err:
 * TCAS_E_ARG (NULL t or buf, len 0), or a shared code. A TCP close without
 * close_notify is TCAS_E_NET_CLOSED: the data may be truncated, so callers
 * must rely on their own framing (Content-Length, chunks) to decide.
 */
long tcas_tls_recv(tcas_tls *t, uint8_t *buf, size_t len, uint32_t timeout_ms);

/*
 * Best effort: send close_notify and flush it within timeout_ms, without
 * waiting for the server's reply. Never fails; afterwards send/recv return
 * TCAS_E_STATE until the next tcas_tls_connect(). NULL t is ignored.
 */
void tcas_tls_close(tcas_tls *t, uint32_t timeout_ms);

/* Forget (and zero) the kept session. NULL t is ignored. */
void tcas_tls_forget_session(tcas_tls *t);

/* 1 when the last successful handshake resumed a kept session, else 0
 * (also for NULL t). */
int tcas_tls_resumed(const tcas_tls *t);

/* Bytes received from the server that nobody has read yet: application
 * data BearSSL has decoded and tcas_tls_recv() not yet returned, plus the
 * bytes waiting in the read-ahead stage (TCAS_TLS_STAGE_SIZE; a record
 * there is not decoded yet, so a close_notify counts too). After a
 * complete response, anything here is more than was asked for. 0 for
 * NULL t or a connection that is not open. */
size_t tcas_tls_pending(const tcas_tls *t);

/* BearSSL error code (BR_ERR_*) of the last failure, 0 if none or if it
 * was a transport failure. NULL t gives 0. */
int tcas_tls_last_br_error(const tcas_tls *t);

/* The tcas_err for a BearSSL error code (BR_ERR_*, as returned by
 * tcas_tls_last_br_error() or br_ssl_engine_last_error()): TCAS_OK for
 * BR_ERR_OK, TCAS_E_TLS_RECORD_TOO_LARGE for BR_ERR_TOO_LARGE and
 * BR_ERR_BAD_FRAGLEN, TCAS_E_TLS_HOSTNAME, TCAS_E_TLS_EXPIRED, TCAS_E_CLOCK
 * (BR_ERR_X509_TIME_UNKNOWN), TCAS_E_TLS_CERT for the other X.509 codes,
 * else TCAS_E_TLS. */
int tcas_tls_error_of(int br_err);

/* Static name of a BearSSL error code, e.g. "BR_ERR_X509_NOT_TRUSTED";
 * alerts give "BR_ERR_RECV_FATAL_ALERT" / "BR_ERR_SEND_FATAL_ALERT";
 * unknown codes give "BR_ERR_UNKNOWN". Never NULL. */
const char *tcas_tls_br_error_name(int br_err);

#endif /* TCAS_TLS_H */
