/*
 * tcas/trust.h - trust anchors decoded from PEM, without allocation.
 *
 * A tcas_trust decodes a PEM bundle (one or more "CERTIFICATE" or
 * "X509 CERTIFICATE" objects; other objects are skipped) into BearSSL
 * trust anchors. The anchors and the bytes they point to (subject DNs,
 * public keys) live in storage the caller provides: an array of
 * br_x509_trust_anchor and a byte arena. tcas keeps no pointer to the
 * tcas_trust itself after a call returns; the anchors stay valid for as
 * long as the caller keeps the array and the arena alive and does not
 * re-initialise the tcas_trust.
 *
 * Input is streamed: tcas_trust_push_pem() accepts the text split at any
 * byte, and tcas_trust_finish() ends one bundle. Several bundles may be
 * loaded one after the other into the same tcas_trust (push..., finish,
 * push..., finish); anchors accumulate. A certificate whose subject DN,
 * public key and CA flag equal those of an anchor already held is not
 * added again (it uses no slot and no arena bytes).
 *
 * Errors are sticky: once a call fails, every later push/finish returns
 * the same code until tcas_trust_init(). Anchors already counted before
 * the failure stay usable (they are complete); the failing certificate
 * is never half-added.
 *
 * A certificate whose Basic Constraints assert CA status becomes an
 * anchor with BR_X509_TA_CA; any other certificate becomes a direct-trust
 * anchor (the server must present exactly that certificate's name and key).
 *
 * Boards that compile their anchors in (tcas-pem2c) need none of this: the
 * TLS layer takes a const br_x509_trust_anchor array directly.
 *
 * Lazy bundles (tcas_trust_index_begin/push/finish, what
 * tcas_posix_index_ca_file() does with a file): instead of decoding every
 * certificate, one fast pass over the text reads each certificate only up
 * to its subject name and keeps, per certificate, where it lies in the
 * source and a hash of that name; its anchor slot stays empty (no name,
 * no key, no flags: BearSSL can match nothing with it). During a
 * handshake the TLS layer calls tcas_trust_resolve() with each issuer
 * name of the server's chain (tcas_tls_set_resolver(), which
 * tcas_client_set_trust_store() does), and the certificates of that name
 * are read again from the source and decoded exactly as
 * tcas_trust_push_pem() would, into their slots, before BearSSL looks
 * for them: the same anchors decide, decoded only when a chain names
 * them, once per process. A certificate is checked up to its subject
 * when the bundle is indexed; damage past that point (or a source that
 * changed) shows when the anchor is needed, as an anchor that matches
 * nothing (TCAS_E_TLS_CERT). Duplicates are indexed twice, harmlessly.
 *
 * RAM: sizeof(tcas_trust) is about 6 KB (TCAS_TRUST_CERT_MAX DER scratch,
 * BearSSL's PEM and X.509 decoder states), plus the caller's storage.
 */
#ifndef TCAS_TRUST_H
#define TCAS_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "tcas/config.h"
#include "tcas/tls.h"

/* Reads len bytes at offset off of a lazy bundle's source (handle as
 * given to tcas_trust_index_begin()): the count read (short only at the
 * end), or a negative value on error. */
typedef long (*tcas_trust_read_fn)(long handle, uint64_t off, void *buf,
                                   size_t len);

/* A certificate of a lazy bundle (one per anchor slot). */
typedef struct tcas_trust_entry {
	uint64_t off;     /* its BEGIN line, in its source */
	uint32_t len;     /* up to the end of its END line */
	uint32_t dn_hash; /* tcas_dn_hash() of its subject name */
	uint32_t dn_len;  /* and that name's length */
	uint8_t src;      /* its source, 0 .. TCAS_TRUST_SOURCES_MAX - 1 */
	uint8_t state;    /* enum tcas_trust_entry_state */
} tcas_trust_entry;

enum tcas_trust_entry_state {
	TCAS_TRUST_EAGER = 0, /* decoded when loaded (not lazy) */
	TCAS_TRUST_INDEXED,   /* lazy, not decoded yet */
	TCAS_TRUST_RESOLVED,  /* lazy, decoded into its slot */
	TCAS_TRUST_UNUSABLE   /* lazy, could not be decoded again */
};

#define TCAS_TRUST_SOURCES_MAX 4

/* Decoder state. Treat as opaque: read only ta, count and used. */
typedef struct tcas_trust {
	br_x509_trust_anchor *ta; /* caller's array of ta_max entries */
	size_t ta_max, count;     /* capacity, anchors decoded so far */
	unsigned char *arena;     /* caller's bytes for DNs and keys */
	size_t arena_cap, used;   /* capacity, bytes used so far */

	int err;       /* sticky tcas_err, TCAS_OK if none */
	int in_obj;    /* inside a PEM object */
	int want;      /* current object is a certificate */
	int too_large; /* current DER exceeded der[] */
	size_t found;  /* certificates in the current bundle */
	size_t der_len;
	size_t dn_len; /* DN bytes written at arena + used */
	int dn_full;   /* DN did not fit in the arena */
	br_pem_decoder_context pem;
	br_x509_decoder_context x509;
	unsigned char der[TCAS_TRUST_CERT_MAX];

	/* lazy bundles */
	tcas_trust_entry *idx; /* caller's, one per ta[] slot; NULL: none */
	tcas_trust_read_fn src_read[TCAS_TRUST_SOURCES_MAX];
	long src_handle[TCAS_TRUST_SOURCES_MAX];
	size_t nsrc, resolved; /* sources; anchors decoded on demand */
	uint64_t off, obj_off; /* scan offset; current object's BEGIN */
	int mode;              /* scanner mode (trust.c) */
	int lazy_open;         /* inside index_begin .. index_finish */
	int decoding;          /* base64 of the current certificate read */
	uint32_t b64, b64_bits;
	size_t line_len;
	char line[140]; /* a line that starts with '-' (a BEGIN/END banner) */
	tcas_certscan scan;
} tcas_trust;

/*
 * Start an empty anchor set over the caller's storage. ta (ta_max
 * entries) and arena (arena_cap bytes) must outlive every use of the
 * anchors. Never fails; NULL t is ignored. With NULL or zero-sized storage
 * every certificate fails with TCAS_E_TLS_ANCHORS_FULL.
 */
void tcas_trust_init(tcas_trust *t, br_x509_trust_anchor *ta, size_t ta_max,
                     unsigned char *arena, size_t arena_cap);

/*
 * Feed len bytes of PEM text (any split; len may be 0).
 * Returns:
 *   TCAS_OK                    all bytes consumed
 *   TCAS_E_ARG                 t NULL, or data NULL with len > 0
 *   TCAS_E_TLS_PEM             bad base64, or a certificate that is not
 *                              valid DER or has a key type BearSSL
 *                              cannot use (RSA and EC only)
 *   TCAS_E_TLS_CERT_TOO_LARGE  one DER certificate > TCAS_TRUST_CERT_MAX
 *   TCAS_E_TLS_ANCHORS_FULL    more than ta_max anchors, or the arena
 *                              cannot hold this anchor's DN and key
 *   (or the sticky error of an earlier call)
 */
int tcas_trust_push_pem(tcas_trust *t, const char *data, size_t len);

/*
 * End the current bundle. The tcas_trust is then ready for another
 * bundle; its anchors are kept.
 * Returns:
 *   TCAS_OK          the bundle held at least one certificate, all decoded
 *   TCAS_E_ARG       t NULL
 *   TCAS_E_TLS_PEM   no certificate in this bundle, or the text ends
 *                    inside an object (no END line)
 *   (or any error of the last certificate, or the sticky error)
 */
int tcas_trust_finish(tcas_trust *t);

/*
 * Lazy bundles. tcas_trust_set_index() gives t an index of one entry per
 * anchor slot (idx[ta_max], caller-owned, lifetime of the anchors).
 * tcas_trust_index_begin() starts a bundle read back later through
 * read(handle, ...); tcas_trust_index_push() scans its text from offset
 * 0, in pieces of any size; tcas_trust_index_finish() ends it. Returns
 * as tcas_trust_push_pem() / tcas_trust_finish() (TCAS_E_TLS_PEM also for
 * a certificate that ends before its subject name), plus TCAS_E_STATE
 * from begin without an index, with TCAS_TRUST_SOURCES_MAX sources
 * already, or inside a bundle, and from push/finish outside one.
 */
void tcas_trust_set_index(tcas_trust *t, tcas_trust_entry *idx);
int tcas_trust_index_begin(tcas_trust *t, tcas_trust_read_fn read, long handle);
int tcas_trust_index_push(tcas_trust *t, const char *data, size_t len);
int tcas_trust_index_finish(tcas_trust *t);

/*
 * Decode the indexed certificates whose subject name has this
 * tcas_dn_hash() and length into their anchor slots (a tcas_tls_resolve_fn:
 * ctx is the tcas_trust). Nothing to do for names no entry has, or that
 * are decoded already. Never fails: an entry that cannot be decoded
 * again is marked unusable and its slot stays empty.
 */
void tcas_trust_resolve(void *ctx, uint32_t dn_hash, uint32_t dn_len);

/* Config-sized storage in one struct (about 6 KB + TCAS_TRUST_ARENA_SIZE
 * + TCAS_TRUST_ANCHORS_MAX * (sizeof(br_x509_trust_anchor) +
 * sizeof(tcas_trust_entry))). Use s->ta and s->t.count as the anchors for
 * tcas_tls_connect(), or the store itself with
 * tcas_client_set_trust_store(). */
typedef struct tcas_trust_store {
	tcas_trust t;
	br_x509_trust_anchor ta[TCAS_TRUST_ANCHORS_MAX];
	tcas_trust_entry idx[TCAS_TRUST_ANCHORS_MAX];
	unsigned char arena[TCAS_TRUST_ARENA_SIZE];
} tcas_trust_store;

/* tcas_trust_init() and tcas_trust_set_index() over s's own arrays. NULL
 * s is ignored. */
void tcas_trust_store_init(tcas_trust_store *s);

/* Compiled-in anchors: defined by a C source that tcas-pem2c generated
 * (link it into a board build), never by libtcas itself. Pass them to
 * tcas_tls_connect() as they are: no copy, no RAM. */
extern const br_x509_trust_anchor tcas_builtin_anchors[];
extern const size_t tcas_builtin_anchors_count;

#endif /* TCAS_TRUST_H */
