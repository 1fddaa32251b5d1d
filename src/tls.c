/* BearSSL client driven over a tcas_port; contract in tcas/tls.h. */
#include "inner.h"

#include <limits.h>

#include "p256.h"
#include "tcas/tls.h"

enum { ST_IDLE = 0, ST_OPEN, ST_EOF };

/* run_until() result: the peer sent close_notify. */
#define PEER_CLOSED 2

/* Days from 0000-01-01 (proleptic Gregorian) to 1970-01-01. */
#define DAYS_TO_EPOCH 719528

/* TLS alerts (RFC 5246, 7.2) a refused hello comes back with. */
#define ALERT_HANDSHAKE_FAILURE     40
#define ALERT_PROTOCOL_VERSION      70
#define ALERT_INSUFFICIENT_SECURITY 71

/* TLS record content types (RFC 5246, 6.2.1): change_cipher_spec (20) to
 * application_data (23). A server's first byte outside them is no TLS. */
#define RECORD_TYPE_FIRST 20
#define RECORD_TYPE_LAST  23

/* Smallest RSA modulus accepted, in bytes (2048 bits). */
#define RSA_MIN_BYTES 256

static int fail(tcas_tls *t, int err, int br_err)
{
	t->err = err;
	t->br_err = br_err;
	return err;
}

int tcas_tls_error_of(int e)
{
	switch (e) {
	case BR_ERR_OK:
		return TCAS_OK;
	case BR_ERR_TOO_LARGE:   /* record does not fit ibuf */
	case BR_ERR_BAD_FRAGLEN: /* server answered another length */
		return TCAS_E_TLS_RECORD_TOO_LARGE;
	case BR_ERR_X509_BAD_SERVER_NAME:
		return TCAS_E_TLS_HOSTNAME;
	case BR_ERR_X509_EXPIRED:
		return TCAS_E_TLS_EXPIRED;
	case BR_ERR_X509_TIME_UNKNOWN:
		return TCAS_E_CLOCK;
	case BR_ERR_UNSUPPORTED_VERSION:
	case BR_ERR_RECV_FATAL_ALERT + ALERT_PROTOCOL_VERSION:
		return TCAS_E_TLS_VERSION;
	case BR_ERR_BAD_CIPHER_SUITE:
	case BR_ERR_RECV_FATAL_ALERT + ALERT_HANDSHAKE_FAILURE:
	case BR_ERR_RECV_FATAL_ALERT + ALERT_INSUFFICIENT_SECURITY:
		return TCAS_E_TLS_CIPHER;
	case BR_ERR_X509_WEAK_PUBLIC_KEY:
		return TCAS_E_TLS_RSA_WEAK;
	case TCAS_BR_ERR_WEAK_HASH:
		return TCAS_E_TLS_WEAK_HASH;
	case TCAS_BR_ERR_CURVE:
		return TCAS_E_TLS_CURVE;
	case TCAS_BR_ERR_NO_SAN:
		return TCAS_E_TLS_NO_SAN;
	case TCAS_BR_ERR_NOT_TLS:
		return TCAS_E_TLS_NOT_TLS;
	default:
		break;
	}
	if (e > BR_ERR_X509_OK && e <= BR_ERR_X509_NOT_TRUSTED) {
		return TCAS_E_TLS_CERT;
	}
	return TCAS_E_TLS;
}

/* Milliseconds left before deadline (0 once it has passed). */
static uint32_t left_ms(const tcas_tls *t, uint64_t deadline)
{
	uint64_t now = t->port->mono_ms(t->port->ctx);

	if (now >= deadline) {
		return 0;
	}
	return deadline - now > UINT32_MAX ? UINT32_MAX
	                                   : (uint32_t)(deadline - now);
}

static uint64_t deadline_of(const tcas_tls *t, uint32_t timeout_ms)
{
	return t->port->mono_ms(t->port->ctx) + timeout_ms;
}

static int send_rec(tcas_tls *t, uint64_t deadline)
{
	size_t len;
	unsigned char *buf = br_ssl_engine_sendrec_buf(&t->sc.eng, &len);
	long n = t->port->send(t->port->ctx, buf, len, left_ms(t, deadline));

	if (n < 0) {
		return fail(t, (int)n, 0);
	}
	if (n == 0 || (unsigned long)n > len) {
		return fail(t, n == 0 ? TCAS_E_NET_IO : TCAS_E_INTERNAL, 0);
	}
	br_ssl_engine_sendrec_ack(&t->sc.eng, (size_t)n);
	return TCAS_OK;
}

/* One port->recv() of up to len bytes into buf: the byte count (> 0), or
 * a (sticky) error; the peer's close is TCAS_E_NET_CLOSED. */
static long port_recv(tcas_tls *t, unsigned char *buf, size_t len,
                      uint64_t deadline)
{
	long n = t->port->recv(t->port->ctx, buf, len, left_ms(t, deadline));

	if (n < 0) {
		return fail(t, (int)n, 0);
	}
	if (n == 0) {
		return fail(t, TCAS_E_NET_CLOSED, 0);
	}
	if ((unsigned long)n > len) {
		return fail(t, TCAS_E_INTERNAL, 0);
	}
	return n;
}

#if TCAS_TLS_STAGE_SIZE > 0
/* Up to len bytes for BearSSL's buf: from the stage, which is refilled
 * with one recv of whatever has arrived when it is empty; a request at
 * least as large as the stage, with the stage empty, is read straight
 * into buf (no copy, no more recvs than without the stage). */
static long pull(tcas_tls *t, unsigned char *buf, size_t len, uint64_t deadline)
{
	size_t have = t->stage_len - t->stage_off;
	long n;

	if (have == 0) {
		if (len >= sizeof t->stage) {
			return port_recv(t, buf, len, deadline);
		}
		n = port_recv(t, t->stage, sizeof t->stage, deadline);
		if (n < 0) {
			return n;
		}
		t->stage_off = 0;
		t->stage_len = (uint32_t)n;
		have = (size_t)n;
	}
	if (have > len) {
		have = len;
	}
	memcpy(buf, t->stage + t->stage_off, have);
	t->stage_off += (uint32_t)have;
	return (long)have;
}

static size_t staged(const tcas_tls *t)
{
	return t->stage_len - t->stage_off;
}

static void unstage(tcas_tls *t)
{
	t->stage_off = t->stage_len = 0;
}
#else
static long pull(tcas_tls *t, unsigned char *buf, size_t len, uint64_t deadline)
{
	return port_recv(t, buf, len, deadline);
}

static size_t staged(const tcas_tls *t)
{
	(void)t;
	return 0;
}

static void unstage(tcas_tls *t)
{
	(void)t;
}
#endif

static int recv_rec(tcas_tls *t, uint64_t deadline)
{
	size_t len;
	unsigned char *buf = br_ssl_engine_recvrec_buf(&t->sc.eng, &len);
	long n = pull(t, buf, len, deadline);

	if (n < 0) {
		return (int)n;
	}
	if (t->state == ST_IDLE && t->hs_in < sizeof t->hs_head) {
		/* the first record header: type and version */
		size_t k = sizeof t->hs_head - t->hs_in;

		memcpy(t->hs_head + t->hs_in, buf,
		       (size_t)n < k ? (size_t)n : k);
		if (t->hs_head[0] < RECORD_TYPE_FIRST ||
		    t->hs_head[0] > RECORD_TYPE_LAST) {
			t->hs_in = (uint32_t)n;
			return fail(t, TCAS_E_TLS_NOT_TLS, TCAS_BR_ERR_NOT_TLS);
		}
	}
	if (t->state == ST_IDLE) {
		t->hs_in += (uint32_t)n;
	}
	br_ssl_engine_recvrec_ack(&t->sc.eng, (size_t)n);
	return TCAS_OK;
}

/* The handshake failed with BearSSL code e: a server that answered in
 * records older than TLS 1.2 (an alert, say "no cipher in common" from a
 * server that negotiated TLS 1.0) offers no TLS 1.2. */
static int hs_error_of(const tcas_tls *t, int e)
{
	int old = t->hs_in >= sizeof t->hs_head && t->hs_head[1] == 3 &&
	          t->hs_head[2] < 3;

	if (old && e >= BR_ERR_RECV_FATAL_ALERT &&
	    e < BR_ERR_RECV_FATAL_ALERT + 256) {
		return TCAS_E_TLS_VERSION;
	}
	return tcas_tls_error_of(e);
}

static int on_closed(tcas_tls *t)
{
	int e = br_ssl_engine_last_error(&t->sc.eng);

	if (e == BR_ERR_OK) {
		return PEER_CLOSED;
	}
	return fail(
	    t, t->state == ST_IDLE ? hs_error_of(t, e) : tcas_tls_error_of(e),
	    e);
}

/*
 * Move records until the engine offers one of the target states; pending
 * outgoing records are always written first (so on success nothing is
 * left in the output buffer). Returns TCAS_OK, PEER_CLOSED or a (sticky)
 * error.
 */
static int run_until(tcas_tls *t, unsigned target, uint64_t deadline)
{
	br_ssl_engine_context *eng = &t->sc.eng;
	int flushed = 0;

	for (;;) {
		unsigned st = br_ssl_engine_current_state(eng);
		int rc = TCAS_OK;

		if (st & BR_SSL_CLOSED) {
			return on_closed(t);
		}
		if (st & BR_SSL_SENDREC) {
			rc = send_rec(t, deadline);
		} else if (st & target) {
			return TCAS_OK;
		} else if (st & BR_SSL_RECVAPP) {
			/* Data to read before we may write: not half-duplex. */
			return fail(t, TCAS_E_STATE, 0);
		} else if (st & BR_SSL_RECVREC) {
			rc = recv_rec(t, deadline);
		} else if (!flushed) {
			br_ssl_engine_flush(eng, 0);
			flushed = 1;
			continue;
		} else {
			return fail(t, TCAS_E_INTERNAL, 0);
		}
		if (rc != TCAS_OK) {
			return rc;
		}
		flushed = 0;
	}
}

static int port_ok(const tcas_port *p)
{
	return p->send != NULL && p->recv != NULL && p->mono_ms != NULL &&
	       p->random != NULL;
}

static int seed(tcas_tls *t)
{
	uint8_t buf[32];
	int rc = t->port->random(t->port->ctx, buf, sizeof buf);

	if (rc != TCAS_OK) {
		return fail(t, TCAS_E_NET_RANDOM, 0);
	}
	br_ssl_engine_inject_entropy(&t->sc.eng, buf, sizeof buf);
	memset(buf, 0, sizeof buf);
	return TCAS_OK;
}

/* Remember the session of the handshake just made; resumed when the server
 * kept the session ID offered. */
static void keep_session(tcas_tls *t, const char *host, int offered)
{
	br_ssl_session_parameters now;

	br_ssl_engine_get_session_parameters(&t->sc.eng, &now);
	t->resumed =
	    offered && now.session_id_len == t->session.session_id_len &&
	    memcmp(now.session_id, t->session.session_id, now.session_id_len) ==
	        0;
	t->session = now;
	tcas_wipe(&now, sizeof now);
	if (t->session.session_id_len == 0) {
		tcas_tls_forget_session(t);
		return;
	}
	if (strlen(host) >= sizeof t->session_host) {
		tcas_tls_forget_session(t); /* no room for the host name */
		return;
	}
	memcpy(t->session_host, host, strlen(host) + 1);
}

void tcas_tls_forget_session(tcas_tls *t)
{
	if (t == NULL) {
		return;
	}
	tcas_wipe(&t->session, sizeof t->session);
	t->session_host[0] = '\0';
}

void tcas_tls_set_x509(tcas_tls *t, tcas_x509 *xc)
{
	if (t != NULL) {
		t->xc = xc;
	}
}

void tcas_tls_set_resolver(tcas_tls *t, tcas_tls_resolve_fn fn, void *ctx)
{
	if (t != NULL) {
		t->resolve = fn;
		t->resolve_ctx = ctx;
	}
}

int tcas_tls_server_silent(const tcas_tls *t)
{
	return t != NULL && t->hs_in == 0;
}

/* ---- the policy around BearSSL's X.509 engine --------------------------- */

/* br_name_element OID for the first dNSName of subjectAltName. */
static const unsigned char san_dns[] = {0, 2};

static tcas_x509 *x509_of(const br_x509_class **ctx)
{
	return (tcas_x509 *)(void *)ctx;
}

static void px_start_chain(const br_x509_class **ctx, const char *server_name)
{
	tcas_x509 *x = x509_of(ctx);

	x->refusal = 0;
	x->ee = 1;
	x->san.status = 0;
	x->mini.vtable->start_chain(&x->mini.vtable, server_name);
}

static void px_start_cert(const br_x509_class **ctx, uint32_t length)
{
	tcas_x509 *x = x509_of(ctx);

	/* BearSSL's engine ignores the certificates after the one an anchor
	 * signed (or after a failure): so does the policy, so that e.g. a
	 * root the server sends along is not judged (mini.err: 0 while the
	 * path is still open, in every BearSSL release). */
	x->judge = x->mini.err == 0;
	tcas_certscan_init(&x->scan);
	x->mini.vtable->start_cert(&x->mini.vtable, length);
}

static void px_append(const br_x509_class **ctx, const unsigned char *buf,
                      size_t len)
{
	tcas_x509 *x = x509_of(ctx);

	if (x->judge) {
		unsigned before = x->scan.facts, now;

		tcas_certscan_push(&x->scan, buf, len);
		now = x->scan.facts & ~before;
		/* anchors of the names used: decoded before BearSSL looks */
		if (x->resolve != NULL && (now & TCAS_CERT_ISSUER)) {
			x->resolve(x->resolve_ctx, x->scan.issuer_hash,
			           x->scan.issuer_len);
		}
		if (x->resolve != NULL && x->ee && (now & TCAS_CERT_SUBJECT)) {
			x->resolve(x->resolve_ctx, x->scan.subject_hash,
			           x->scan.subject_len);
		}
	}
	x->mini.vtable->append(&x->mini.vtable, buf, len);
}

/* The policy's verdict on a whole certificate, 0 if none. */
static int verdict(const tcas_certscan *s)
{
	if ((s->facts & TCAS_CERT_SIG) && s->sig == TCAS_CERT_SIG_WEAK) {
		return TCAS_BR_ERR_WEAK_HASH;
	}
	if ((s->facts & TCAS_CERT_KEY) && s->key == TCAS_CERT_KEY_EC &&
	    s->curve == TCAS_CERT_CURVE_OTHER) {
		return TCAS_BR_ERR_CURVE;
	}
	return 0;
}

static void px_end_cert(const br_x509_class **ctx)
{
	tcas_x509 *x = x509_of(ctx);

	if (x->judge && x->refusal == 0) {
		x->refusal = verdict(&x->scan);
	}
	x->ee = 0;
	x->mini.vtable->end_cert(&x->mini.vtable);
}

static unsigned px_end_chain(const br_x509_class **ctx)
{
	tcas_x509 *x = x509_of(ctx);
	unsigned r = x->mini.vtable->end_chain(&x->mini.vtable);

	/* a refusal of the policy names the cause better than what BearSSL
	 * says of the same chain (e.g. "unsupported" for SHA-1) */
	if (x->refusal != 0) {
		return (unsigned)x->refusal;
	}
	if (r == 0 && x->san.status == 0) {
		return TCAS_BR_ERR_NO_SAN; /* BearSSL matched the CN */
	}
	return r;
}

static const br_x509_pkey *px_get_pkey(const br_x509_class *const *ctx,
                                       unsigned *usages)
{
	const tcas_x509 *x = (const tcas_x509 *)(const void *)ctx;

	return x->mini.vtable->get_pkey(&x->mini.vtable, usages);
}

static const br_x509_class policy_class = {
    sizeof(tcas_x509), px_start_chain, px_start_cert, px_append,
    px_end_cert,       px_end_chain,   px_get_pkey};

/* TLS 1.2, ECDHE with AEAD only, in the order offered. */
static const uint16_t policy_suites[] = {
    BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384};

#if TCAS_TLS_AESNI_FIRST && (defined(__x86_64__) || defined(__i386__))
/* The same suites, AES-128-GCM first: for an engine with AES-NI. */
static const uint16_t policy_suites_aesni[] = {
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384};
typedef char tcas_tls_suites_check
    [sizeof policy_suites == sizeof policy_suites_aesni ? 1 : -1];

/* BearSSL's AES-NI and PCLMUL code for this CPU (NULL/0 when it lacks
 * them), asked once per process as src/sha256.c asks for SHA: each get
 * function runs cpuid, which traps to the hypervisor in a virtual machine
 * (about 9 us each on the bench machine), and the answer cannot change
 * while the process lives. Two threads that race here both ask and store
 * the same answer. */
static const br_block_ctr_class *ni_ctr;
static br_ghash ni_ghash;
static int ni_asked;

/* Did br_ssl_client_init_full() give the engine AES-NI and PCLMUL? */
static int engine_has_aesni(const br_ssl_engine_context *eng)
{
	if (!ni_asked) {
		ni_ctr = br_aes_x86ni_ctr_get_vtable();
		ni_ghash = br_ghash_pclmul_get();
		ni_asked = 1;
	}
	return ni_ctr != NULL && eng->iaes_ctr == ni_ctr &&
	       eng->ighash == ni_ghash;
}

static void set_suites(br_ssl_engine_context *eng)
{
	if (engine_has_aesni(eng))
		br_ssl_engine_set_suites(eng, policy_suites_aesni,
		                         TCAS_COUNTOF(policy_suites_aesni));
	else
		br_ssl_engine_set_suites(eng, policy_suites,
		                         TCAS_COUNTOF(policy_suites));
}
#else
static void set_suites(br_ssl_engine_context *eng)
{
	br_ssl_engine_set_suites(eng, policy_suites,
	                         TCAS_COUNTOF(policy_suites));
}
#endif

/* Narrow what br_ssl_client_init_full() set up (whatever profile of
 * BearSSL the build links) to the policy of tcas/tls.h. */
static void apply_policy(tcas_tls *t)
{
	br_ssl_engine_context *eng = &t->sc.eng;
	tcas_x509 *x = t->xc;

	br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
	set_suites(eng);
	/* no MD5/SHA-1/SHA-224 in signature_algorithms, nor on certificates
	 * (TLS 1.2 needs them for nothing else) */
	br_ssl_engine_set_hash(eng, br_md5_ID, NULL);
	br_ssl_engine_set_hash(eng, br_sha1_ID, NULL);
	br_ssl_engine_set_hash(eng, br_sha224_ID, NULL);
	br_x509_minimal_set_hash(&x->mini, br_md5_ID, NULL);
	br_x509_minimal_set_hash(&x->mini, br_sha1_ID, NULL);
	br_x509_minimal_set_minrsa(&x->mini, RSA_MIN_BYTES);
#if TCAS_P256_ON
	/* P-256 ECDHE (constant-time) and P-256 signatures (chain and
	 * ServerKeyExchange) on our 64-bit code, the other curves still on
	 * BearSSL's (src/p256.h). The EC implementation is set first so that
	 * the X.509 engine below gets the same one. */
	br_ssl_engine_set_ec(eng, &tcas_ec_all);
	br_ssl_engine_set_ecdsa(eng, tcas_ecdsa_vrfy_asn1);
	br_x509_minimal_set_ecdsa(&x->mini, br_ssl_engine_get_ec(eng),
	                          tcas_ecdsa_vrfy_asn1);
#endif
	x->san.oid = san_dns;
	x->san.buf = x->san_buf;
	x->san.len = sizeof x->san_buf;
	br_x509_minimal_set_name_elements(&x->mini, &x->san, 1);
	x->vtable = &policy_class;
	x->resolve = t->resolve;
	x->resolve_ctx = t->resolve_ctx;
	br_ssl_engine_set_x509(eng, &x->vtable);
}

int tcas_tls_resumed(const tcas_tls *t)
{
	return t != NULL && t->resumed;
}

static int handshake(tcas_tls *t, const br_x509_trust_anchor *ta,
                     size_t ta_count, const char *host, int64_t now,
                     uint32_t timeout_ms)
{
	uint64_t deadline = deadline_of(t, timeout_ms);
	int rc, resume;

	br_ssl_client_init_full(&t->sc, &t->xc->mini, ta, ta_count);
	/* t->xc is lent only for the handshake (tcas_tls_set_x509) */
	apply_policy(t);
	br_ssl_engine_add_flags(&t->sc.eng, BR_OPT_NO_RENEGOTIATION);
	br_x509_minimal_set_time(&t->xc->mini,
	                         (uint32_t)(now / 86400 + DAYS_TO_EPOCH),
	                         (uint32_t)(now % 86400));
#if TCAS_TLS_OBUF_SIZE > 0
	br_ssl_engine_set_buffers_bidi(&t->sc.eng, t->ibuf, sizeof t->ibuf,
	                               t->obuf, sizeof t->obuf);
#else
	/* one half-duplex buffer for records in and out (tcas/tls.h) */
	br_ssl_engine_set_buffer(&t->sc.eng, t->ibuf, sizeof t->ibuf, 0);
#endif
	rc = seed(t);
	if (rc != TCAS_OK) {
		return rc;
	}
	resume =
	    strcmp(t->session_host, host) == 0 && t->session.session_id_len > 0;
	if (resume) {
		br_ssl_engine_set_session_parameters(&t->sc.eng, &t->session);
	} else {
		tcas_tls_forget_session(t);
	}
	if (!br_ssl_client_reset(&t->sc, host, resume)) {
		return fail(t, TCAS_E_TLS,
		            br_ssl_engine_last_error(&t->sc.eng));
	}
	rc = run_until(t, BR_SSL_SENDAPP | BR_SSL_RECVAPP, deadline);
	if (rc == PEER_CLOSED) {
		rc = fail(t, TCAS_E_TLS, 0);
	}
	if (rc != TCAS_OK) {
		tcas_tls_forget_session(t);
		return rc;
	}
	t->state = ST_OPEN;
	keep_session(t, host, resume);
	return rc;
}

int tcas_tls_connect(tcas_tls *t, const tcas_port *port,
                     const br_x509_trust_anchor *ta, size_t ta_count,
                     const char *host, int64_t now, uint32_t timeout_ms)
{
	size_t hlen;

	if (t == NULL || port == NULL || host == NULL || !port_ok(port) ||
	    (ta == NULL && ta_count > 0) || t->xc == NULL) {
		return TCAS_E_ARG;
	}
	t->port = port;
	unstage(t); /* nothing of an earlier connection is read on this one */
	t->state = ST_IDLE;
	t->br_err = 0;
	t->resumed = 0;
	t->hs_in = 0;
	hlen = strlen(host);
	if (hlen == 0 || hlen > 255) {
		return fail(t, TCAS_E_ARG, 0);
	}
	if (ta_count == 0) {
		return fail(t, TCAS_E_TLS_NO_ANCHORS, 0);
	}
	if (now < TCAS_CLOCK_FLOOR) {
		return fail(t, TCAS_E_CLOCK, 0);
	}
	t->err = TCAS_OK;
	return handshake(t, ta, ta_count, host, now, timeout_ms);
}

/* TCAS_OK if t may carry application data, else the reason. */
static int usable(const tcas_tls *t)
{
	if (t->err != TCAS_OK) {
		return t->err;
	}
	if (t->state == ST_EOF) {
		return TCAS_E_NET_CLOSED;
	}
	return t->state == ST_OPEN ? TCAS_OK : TCAS_E_STATE;
}

static int flush_all(tcas_tls *t, uint64_t deadline)
{
	int rc;

	br_ssl_engine_flush(&t->sc.eng, 0);
	rc = run_until(t, BR_SSL_SENDAPP | BR_SSL_RECVAPP, deadline);
	if (rc == PEER_CLOSED) {
		t->state = ST_EOF;
		return TCAS_E_NET_CLOSED;
	}
	return rc;
}

static int send_all(tcas_tls *t, const uint8_t *buf, size_t len,
                    uint64_t deadline)
{
	size_t off = 0;

	while (off < len) {
		size_t room, n;
		unsigned char *p;
		int rc = run_until(t, BR_SSL_SENDAPP, deadline);

		if (rc == PEER_CLOSED) {
			t->state = ST_EOF;
			return TCAS_E_NET_CLOSED;
		}
		if (rc != TCAS_OK) {
			return rc;
		}
		p = br_ssl_engine_sendapp_buf(&t->sc.eng, &room);
		n = len - off < room ? len - off : room;
		memcpy(p, buf + off, n);
		br_ssl_engine_sendapp_ack(&t->sc.eng, n);
		off += n;
	}
	return flush_all(t, deadline);
}

long tcas_tls_send(tcas_tls *t, const uint8_t *buf, size_t len,
                   uint32_t timeout_ms)
{
	int rc;

	if (t == NULL || (buf == NULL && len > 0) || len > LONG_MAX) {
		return TCAS_E_ARG;
	}
	rc = usable(t);
	if (rc == TCAS_OK) {
		rc = send_all(t, buf, len, deadline_of(t, timeout_ms));
	}
	return rc == TCAS_OK ? (long)len : rc;
}

int tcas_tls_flush(tcas_tls *t, uint32_t timeout_ms)
{
	int rc;

	if (t == NULL) {
		return TCAS_E_ARG;
	}
	rc = usable(t);
	if (rc != TCAS_OK) {
		return rc;
	}
	return flush_all(t, deadline_of(t, timeout_ms));
}

long tcas_tls_recv(tcas_tls *t, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	size_t avail, n;
	unsigned char *p;
	int rc;

	if (t == NULL || buf == NULL || len == 0) {
		return TCAS_E_ARG;
	}
	if (t->err == TCAS_OK && t->state == ST_EOF) {
		return 0;
	}
	rc = usable(t);
	if (rc == TCAS_OK) {
		rc = run_until(t, BR_SSL_RECVAPP, deadline_of(t, timeout_ms));
	}
	if (rc == PEER_CLOSED) {
		t->state = ST_EOF;
		return 0;
	}
	if (rc != TCAS_OK) {
		return rc;
	}
	p = br_ssl_engine_recvapp_buf(&t->sc.eng, &avail);
	n = len < avail ? len : avail;
	if (n > LONG_MAX) {
		n = LONG_MAX;
	}
	memcpy(buf, p, n);
	br_ssl_engine_recvapp_ack(&t->sc.eng, n);
	return (long)n;
}

void tcas_tls_close(tcas_tls *t, uint32_t timeout_ms)
{
	uint64_t deadline;

	if (t == NULL) {
		return;
	}
	if (t->err == TCAS_OK && t->state != ST_IDLE) {
		deadline = deadline_of(t, timeout_ms);
		br_ssl_engine_close(&t->sc.eng);
		while (br_ssl_engine_current_state(&t->sc.eng) &
		       BR_SSL_SENDREC) {
			if (send_rec(t, deadline) != TCAS_OK) {
				break;
			}
		}
	}
	unstage(t);
	t->state = ST_IDLE;
	t->err = TCAS_E_STATE;
	t->br_err = 0;
}

size_t tcas_tls_pending(const tcas_tls *t)
{
	size_t app = 0;

	if (t == NULL || t->state != ST_OPEN) {
		return 0;
	}
	if (br_ssl_engine_current_state(&t->sc.eng) & BR_SSL_RECVAPP) {
		br_ssl_engine_recvapp_buf(&t->sc.eng, &app);
	}
	return app + staged(t);
}

int tcas_tls_last_br_error(const tcas_tls *t)
{
	return t == NULL ? 0 : t->br_err;
}

struct br_name {
	int code;
	const char *name;
};

#define N(c)                                                                   \
	{                                                                      \
		c, #c                                                          \
	}
static const struct br_name br_names[] = {
    N(BR_ERR_OK),
    N(BR_ERR_BAD_PARAM),
    N(BR_ERR_BAD_STATE),
    N(BR_ERR_UNSUPPORTED_VERSION),
    N(BR_ERR_BAD_VERSION),
    N(BR_ERR_BAD_LENGTH),
    N(BR_ERR_TOO_LARGE),
    N(BR_ERR_BAD_MAC),
    N(BR_ERR_NO_RANDOM),
    N(BR_ERR_UNKNOWN_TYPE),
    N(BR_ERR_UNEXPECTED),
    N(BR_ERR_BAD_CCS),
    N(BR_ERR_BAD_ALERT),
    N(BR_ERR_BAD_HANDSHAKE),
    N(BR_ERR_OVERSIZED_ID),
    N(BR_ERR_BAD_CIPHER_SUITE),
    N(BR_ERR_BAD_COMPRESSION),
    N(BR_ERR_BAD_FRAGLEN),
    N(BR_ERR_BAD_SECRENEG),
    N(BR_ERR_EXTRA_EXTENSION),
    N(BR_ERR_BAD_SNI),
    N(BR_ERR_BAD_HELLO_DONE),
    N(BR_ERR_LIMIT_EXCEEDED),
    N(BR_ERR_BAD_FINISHED),
    N(BR_ERR_RESUME_MISMATCH),
    N(BR_ERR_INVALID_ALGORITHM),
    N(BR_ERR_BAD_SIGNATURE),
    N(BR_ERR_WRONG_KEY_USAGE),
    N(BR_ERR_NO_CLIENT_AUTH),
    N(BR_ERR_IO),
    N(BR_ERR_X509_INVALID_VALUE),
    N(BR_ERR_X509_TRUNCATED),
    N(BR_ERR_X509_EMPTY_CHAIN),
    N(BR_ERR_X509_INNER_TRUNC),
    N(BR_ERR_X509_BAD_TAG_CLASS),
    N(BR_ERR_X509_BAD_TAG_VALUE),
    N(BR_ERR_X509_INDEFINITE_LENGTH),
    N(BR_ERR_X509_EXTRA_ELEMENT),
    N(BR_ERR_X509_UNEXPECTED),
    N(BR_ERR_X509_NOT_CONSTRUCTED),
    N(BR_ERR_X509_NOT_PRIMITIVE),
    N(BR_ERR_X509_PARTIAL_BYTE),
    N(BR_ERR_X509_BAD_BOOLEAN),
    N(BR_ERR_X509_OVERFLOW),
    N(BR_ERR_X509_BAD_DN),
    N(BR_ERR_X509_BAD_TIME),
    N(BR_ERR_X509_UNSUPPORTED),
    N(BR_ERR_X509_LIMIT_EXCEEDED),
    N(BR_ERR_X509_WRONG_KEY_TYPE),
    N(BR_ERR_X509_BAD_SIGNATURE),
    N(BR_ERR_X509_TIME_UNKNOWN),
    N(BR_ERR_X509_EXPIRED),
    N(BR_ERR_X509_DN_MISMATCH),
    N(BR_ERR_X509_BAD_SERVER_NAME),
    N(BR_ERR_X509_CRITICAL_EXTENSION),
    N(BR_ERR_X509_NOT_CA),
    N(BR_ERR_X509_FORBIDDEN_KEY_USAGE),
    N(BR_ERR_X509_WEAK_PUBLIC_KEY),
    N(BR_ERR_X509_NOT_TRUSTED),
    N(TCAS_BR_ERR_WEAK_HASH),
    N(TCAS_BR_ERR_CURVE),
    N(TCAS_BR_ERR_NO_SAN),
    N(TCAS_BR_ERR_NOT_TLS),
};
#undef N

const char *tcas_tls_br_error_name(int br_err)
{
	size_t i;

	if (br_err >= BR_ERR_SEND_FATAL_ALERT &&
	    br_err < BR_ERR_SEND_FATAL_ALERT + 256) {
		return "BR_ERR_SEND_FATAL_ALERT";
	}
	if (br_err >= BR_ERR_RECV_FATAL_ALERT &&
	    br_err < BR_ERR_RECV_FATAL_ALERT + 256) {
		return "BR_ERR_RECV_FATAL_ALERT";
	}
	for (i = 0; i < TCAS_COUNTOF(br_names); i++) {
		if (br_names[i].code == br_err) {
			return br_names[i].name;
		}
	}
	return "BR_ERR_UNKNOWN";
}
