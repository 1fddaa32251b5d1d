/*
 * fuzz_trust.c - libFuzzer harness for the two parsers of certificates
 * from outside: the lazy bundle index (tcas_trust_index_*, resolution
 * included) and the certificate scan the TLS policy runs on the server's
 * chain (tcas_certscan).
 *
 * The input is used twice:
 *   - as PEM text: indexed in pieces (sizes from the input's hash) over an
 *     in-memory source, every entry resolved; when the index succeeds and
 *     the eager loader (tcas_trust_push_pem, BearSSL's decoders) also
 *     succeeds, both must hold the same anchors;
 *   - as DER: scanned whole and in pieces, with the same facts either
 *     way; when BearSSL's X.509 decoder takes it, the scan must have found
 *     the same subject name and key type (and curve class).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/check.h"
#include "inner.h"
#include "tcas/error.h"
#include "tcas/tls.h"
#include "tcas/trust.h"

static tcas_trust_store lazy, eager;

struct src {
	const uint8_t *p;
	size_t n;
};
static struct src source;

static long mem_read(long handle, uint64_t off, void *buf, size_t len)
{
	(void)handle;
	if (off >= source.n)
		return 0;
	if (len > source.n - off)
		len = source.n - (size_t)off;
	memcpy(buf, source.p + off, len);
	return (long)len;
}

static int same_anchor(const br_x509_trust_anchor *a,
                       const br_x509_trust_anchor *b)
{
	if (a->flags != b->flags || a->dn.len != b->dn.len ||
	    memcmp(a->dn.data, b->dn.data, a->dn.len) != 0 ||
	    a->pkey.key_type != b->pkey.key_type)
		return 0;
	if (a->pkey.key_type == BR_KEYTYPE_RSA)
		return a->pkey.key.rsa.nlen == b->pkey.key.rsa.nlen &&
		       memcmp(a->pkey.key.rsa.n, b->pkey.key.rsa.n,
		              a->pkey.key.rsa.nlen) == 0 &&
		       a->pkey.key.rsa.elen == b->pkey.key.rsa.elen &&
		       memcmp(a->pkey.key.rsa.e, b->pkey.key.rsa.e,
		              a->pkey.key.rsa.elen) == 0;
	return a->pkey.key.ec.curve == b->pkey.key.ec.curve &&
	       a->pkey.key.ec.qlen == b->pkey.key.ec.qlen &&
	       memcmp(a->pkey.key.ec.q, b->pkey.key.ec.q,
	              a->pkey.key.ec.qlen) == 0;
}

static void fuzz_index(const uint8_t *data, size_t size, uint32_t h)
{
	size_t piece = 1 + h % 97, off, i, j;
	int rc, erc;

	source.p = data;
	source.n = size;
	tcas_trust_store_init(&lazy);
	rc = tcas_trust_index_begin(&lazy.t, mem_read, 0);
	for (off = 0; rc == TCAS_OK && off < size; off += piece) {
		size_t n = size - off < piece ? size - off : piece;

		rc =
		    tcas_trust_index_push(&lazy.t, (const char *)data + off, n);
	}
	if (rc == TCAS_OK)
		rc = tcas_trust_index_finish(&lazy.t);
	CHECK(rc <= 0);
	CHECK(lazy.t.count <= TCAS_TRUST_ANCHORS_MAX);
	for (i = 0; i < lazy.t.count; i++) {
		const tcas_trust_entry *e = &lazy.idx[i];

		CHECK(e->off + e->len <= size + 1);
		tcas_trust_resolve(&lazy.t, e->dn_hash, e->dn_len);
		CHECK(e->state == TCAS_TRUST_RESOLVED ||
		      e->state == TCAS_TRUST_UNUSABLE);
		if (e->state == TCAS_TRUST_RESOLVED) {
			const br_x509_trust_anchor *ta = &lazy.ta[i];

			CHECK(ta->dn.len == e->dn_len);
			CHECK(tcas_dn_hash(ta->dn.data, ta->dn.len) ==
			      e->dn_hash);
		}
	}
	CHECK(lazy.t.used <= sizeof lazy.arena);
	if (rc != TCAS_OK)
		return;
	tcas_trust_store_init(&eager);
	erc = tcas_trust_push_pem(&eager.t, (const char *)data, size);
	if (erc == TCAS_OK)
		erc = tcas_trust_finish(&eager.t);
	if (erc != TCAS_OK)
		return;
	/* every eager anchor is one the index resolved, and the reverse */
	for (i = 0; i < eager.t.count; i++) {
		int found = 0;

		for (j = 0; j < lazy.t.count && !found; j++)
			found = lazy.idx[j].state == TCAS_TRUST_RESOLVED &&
			        same_anchor(&eager.ta[i], &lazy.ta[j]);
		CHECK(found);
	}
	for (j = 0; j < lazy.t.count; j++) {
		int found = 0;

		CHECK(lazy.idx[j].state == TCAS_TRUST_RESOLVED);
		for (i = 0; i < eager.t.count && !found; i++)
			found = same_anchor(&eager.ta[i], &lazy.ta[j]);
		CHECK(found);
	}
}

struct dn_sink {
	uint8_t buf[4096];
	size_t n;
	int over;
};

static void dn_append(void *ctx, const void *p, size_t n)
{
	struct dn_sink *d = ctx;

	if (n > sizeof d->buf - d->n) {
		d->over = 1;
		return;
	}
	memcpy(d->buf + d->n, p, n);
	d->n += n;
}

static void fuzz_scan(const uint8_t *data, size_t size, uint32_t h)
{
	static br_x509_decoder_context dc;
	static struct dn_sink dn;
	tcas_certscan whole, cut;
	size_t piece = 1 + (h >> 8) % 61, off;
	const br_x509_pkey *pk;

	tcas_certscan_init(&whole);
	tcas_certscan_push(&whole, data, size);
	tcas_certscan_init(&cut);
	for (off = 0; off < size; off += piece)
		tcas_certscan_push(&cut, data + off,
		                   size - off < piece ? size - off : piece);
	CHECK(whole.facts == cut.facts);
	CHECK(whole.issuer_hash == cut.issuer_hash);
	CHECK(whole.subject_hash == cut.subject_hash);
	CHECK(whole.subject_len == cut.subject_len);
	CHECK(whole.key == cut.key && whole.curve == cut.curve);
	CHECK(whole.sig == cut.sig);

	memset(&dn, 0, sizeof dn);
	br_x509_decoder_init(&dc, dn_append, &dn);
	br_x509_decoder_push(&dc, data, size);
	pk = br_x509_decoder_get_pkey(&dc);
	if (pk == NULL || dn.over)
		return;
	/* what BearSSL decodes, the scan reads alike */
	CHECK(whole.facts & TCAS_CERT_SUBJECT);
	CHECK(whole.subject_len == dn.n);
	CHECK(whole.subject_hash == tcas_dn_hash(dn.buf, dn.n));
	CHECK(whole.facts & TCAS_CERT_KEY);
	if (pk->key_type == BR_KEYTYPE_RSA)
		CHECK(whole.key == TCAS_CERT_KEY_RSA);
	if (pk->key_type == BR_KEYTYPE_EC) {
		CHECK(whole.key == TCAS_CERT_KEY_EC);
		CHECK(whole.curve == (pk->key.ec.curve == BR_EC_secp256r1
		                          ? TCAS_CERT_P256
		                      : pk->key.ec.curve == BR_EC_secp384r1
		                          ? TCAS_CERT_P384
		                          : TCAS_CERT_CURVE_OTHER));
	}
	CHECK(whole.facts & TCAS_CERT_SIG);
	if (br_x509_decoder_get_signer_hash_id(&dc) == br_sha1_ID)
		CHECK(whole.sig == TCAS_CERT_SIG_WEAK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t h = fuzz_hash(data, size);

	fuzz_index(data, size, h);
	fuzz_scan(data, size, h);
	return 0;
}
