/*
 * test_certscan.c - the streaming certificate scan (src/certscan.c) on
 * certificates built here, DER element by element: the issuer and subject
 * hashes, the key's algorithm and curve and the signature's class (weak:
 * MD2/MD4/MD5/SHA-1 in every spelling the scan knows), whatever the
 * pieces the bytes arrive in, and the shapes it refuses to follow
 * (TCAS_CERT_BAD, no facts after it): a wrong tag, a length past its
 * container, indefinite and over-long lengths, multi-byte tags.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/inner.h"
#include "tcas/tls.h"

/* ---- a small DER writer ----------------------------------------------------
 */

typedef struct der {
	uint8_t b[2048];
	size_t n;
} der;

/* Append tag, length (short or long form) and content. */
static void el(der *d, uint8_t tag, const void *p, size_t n)
{
	d->b[d->n++] = tag;
	if (n < 0x80) {
		d->b[d->n++] = (uint8_t)n;
	} else if (n < 0x100) {
		d->b[d->n++] = 0x81, d->b[d->n++] = (uint8_t)n;
	} else {
		d->b[d->n++] = 0x82, d->b[d->n++] = (uint8_t)(n >> 8);
		d->b[d->n++] = (uint8_t)n;
	}
	if (n > 0)
		memcpy(d->b + d->n, p, n);
	d->n += n;
}
static void raw(der *d, const void *p, size_t n)
{
	memcpy(d->b + d->n, p, n);
	d->n += n;
}

/* OIDs, content bytes */
static const uint8_t RSA_KEY[] = {0x2A, 0x86, 0x48, 0x86, 0xF7,
                                  0x0D, 0x01, 0x01, 0x01};
static const uint8_t EC_KEY[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
static const uint8_t ED25519[] = {0x2B, 0x65, 0x70};
static const uint8_t P256[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};
static const uint8_t P384[] = {0x2B, 0x81, 0x04, 0x00, 0x22};
static const uint8_t P521[] = {0x2B, 0x81, 0x04, 0x00, 0x23};
#define PKCS1(n)                                                               \
	{                                                                      \
		0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, n              \
	}
static const uint8_t RSA_MD2[] = PKCS1(2), RSA_MD5[] = PKCS1(4),
                     RSA_SHA1[] = PKCS1(5), RSA_SHA256[] = PKCS1(11),
                     RSA_PLAIN[] = PKCS1(1), RSA_PSS[] = PKCS1(10);
static const uint8_t ECDSA_SHA1[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01};
static const uint8_t ECDSA_SHA256[] = {0x2A, 0x86, 0x48, 0xCE,
                                       0x3D, 0x04, 0x03, 0x02};
static const uint8_t DSA_SHA1[] = {0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x03};
static const uint8_t OIW_SHA1RSA[] = {0x2B, 0x0E, 0x03, 0x02, 0x1D};
/* a PKCS#1 prefix one byte longer (1.2.840.113549.1.1.5.1): not SHA-1 */
static const uint8_t RSA_SHA1_LONGER[] = {0x2A, 0x86, 0x48, 0x86, 0xF7,
                                          0x0D, 0x01, 0x01, 0x05, 0x01};
/* longer than the scan keeps (12 bytes): matches nothing */
static const uint8_t LONG_OID[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01,
                                   0x01, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05};

#define NULL_CURVE ((const uint8_t *)"") /* EC parameters that are no OID */

typedef struct spec {
	const uint8_t *key;
	size_t key_len;
	const uint8_t *curve; /* EC only; NULL_CURVE: implicit (NULL) */
	size_t curve_len;
	const uint8_t *sig;
	size_t sig_len;
	int version;     /* [0] version present */
	int validity0;   /* an empty validity (length 0) */
	int big_subject; /* a subject over 255 bytes (0x82 length) */
} spec;

static const uint8_t ISSUER[] = {0x31, 0x0B, 0x30, 0x09, 0x06, 0x03, 0x55,
                                 0x04, 0x03, 0x0C, 0x02, 'C',  'A'};
static der issuer_dn, subject_dn;

static size_t alg(uint8_t *out, const uint8_t *oid, size_t n,
                  const uint8_t *param, size_t pn)
{
	der a = {.n = 0};

	el(&a, 0x06, oid, n);
	if (param == NULL_CURVE)
		el(&a, 0x05, NULL, 0);
	else if (param != NULL)
		el(&a, 0x06, param, pn);
	memcpy(out, a.b, a.n);
	return a.n;
}

/* Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signatureValue } */
static void build(der *cert, const spec *s)
{
	static const uint8_t two = 2, serial[] = {0x01, 0x02}, bits[8] = {0};
	uint8_t a[64], sub[400];
	der tbs = {.n = 0}, spki = {.n = 0}, v = {.n = 0}, body = {.n = 0};
	size_t i, sn = 0;

	issuer_dn.n = subject_dn.n = 0;
	el(&issuer_dn, 0x30, ISSUER, sizeof ISSUER);
	if (s->big_subject) {
		for (i = 0; i < 300; i++)
			sub[sn++] = (uint8_t)('a' + i % 26);
		el(&subject_dn, 0x30, sub, sn);
	} else {
		el(&subject_dn, 0x30, "\x31\x03\x0c\x01x", 5);
	}
	if (s->version) {
		el(&v, 0x02, &two, 1);
		el(&tbs, 0xA0, v.b, v.n);
	}
	el(&tbs, 0x02, serial, sizeof serial);
	el(&tbs, 0x30, a, alg(a, s->sig, s->sig_len, NULL, 0));
	raw(&tbs, issuer_dn.b, issuer_dn.n);
	el(&tbs, 0x30, "\x17\x01Z\x17\x01Z", s->validity0 ? 0 : 6);
	raw(&tbs, subject_dn.b, subject_dn.n);
	el(&spki, 0x30, a, alg(a, s->key, s->key_len, s->curve, s->curve_len));
	el(&spki, 0x03, bits, sizeof bits);
	el(&tbs, 0x30, spki.b, spki.n);
	el(&tbs, 0xA3, "\x30\x00", 2); /* extensions: skipped */
	el(&body, 0x30, tbs.b, tbs.n);
	el(&body, 0x30, a, alg(a, s->sig, s->sig_len, NULL, 0));
	el(&body, 0x03, bits, sizeof bits);
	cert->n = 0;
	el(cert, 0x30, body.b, body.n);
}

/* Scan the DER whole, and again one byte at a time and in 7-byte pieces:
 * all three must learn the same. */
static tcas_certscan scan(const der *d)
{
	tcas_certscan s, t;
	size_t i;

	tcas_certscan_init(&s);
	tcas_certscan_push(&s, d->b, d->n);
	tcas_certscan_init(&t);
	for (i = 0; i < d->n; i++)
		tcas_certscan_push(&t, d->b + i, 1);
	assert_memory_equal(&s, &t, sizeof s);
	tcas_certscan_init(&t);
	for (i = 0; i < d->n; i += 7)
		tcas_certscan_push(&t, d->b + i, d->n - i < 7 ? d->n - i : 7);
	assert_memory_equal(&s, &t, sizeof s);
	return s;
}

#define ALL                                                                    \
	(TCAS_CERT_ISSUER | TCAS_CERT_SUBJECT | TCAS_CERT_KEY | TCAS_CERT_SIG)
#define O(x) x, sizeof x

/* ---- the facts
 * --------------------------------------------------------------- */

static void test_rsa_names_and_hashes(void **state)
{
	spec sp = {O(RSA_KEY), NULL, 0, O(RSA_SHA256), 1, 0, 0};
	der d;
	tcas_certscan s;

	(void)state;
	build(&d, &sp);
	s = scan(&d);
	assert_int_equal(s.facts, ALL);
	assert_int_equal(s.key, TCAS_CERT_KEY_RSA);
	assert_int_equal(s.sig, TCAS_CERT_SIG_OK);
	/* the names are hashed with their tag and length, as the trust
	 * store hashes an anchor's DN */
	assert_int_equal(s.issuer_len, issuer_dn.n);
	assert_int_equal(s.issuer_hash, tcas_dn_hash(issuer_dn.b, issuer_dn.n));
	assert_int_equal(s.subject_len, subject_dn.n);
	assert_int_equal(s.subject_hash,
	                 tcas_dn_hash(subject_dn.b, subject_dn.n));
	assert_int_not_equal(s.issuer_hash, s.subject_hash);
}

static void test_long_lengths_and_v1(void **state)
{
	/* no [0] version (a v1 certificate), an empty validity, a subject
	 * with a two-byte length and the whole certificate over 255 bytes */
	spec sp = {O(RSA_KEY), NULL, 0, O(RSA_SHA256), 0, 1, 1};
	der d;
	tcas_certscan s;

	(void)state;
	build(&d, &sp);
	assert_true(d.n > 300);
	s = scan(&d);
	assert_int_equal(s.facts, ALL);
	assert_int_equal(s.subject_len, subject_dn.n);
	assert_int_equal(s.subject_len, 304); /* 30 82 01 2C + 300 */
	assert_int_equal(s.subject_hash,
	                 tcas_dn_hash(subject_dn.b, subject_dn.n));
}

static void test_signature_classes(void **state)
{
	static const struct {
		const uint8_t *oid;
		size_t n;
		int want;
	} t[] = {
	    {O(RSA_MD2), TCAS_CERT_SIG_WEAK},
	    {O(RSA_MD5), TCAS_CERT_SIG_WEAK},
	    {O(RSA_SHA1), TCAS_CERT_SIG_WEAK},
	    {O(ECDSA_SHA1), TCAS_CERT_SIG_WEAK},
	    {O(DSA_SHA1), TCAS_CERT_SIG_WEAK},
	    {O(OIW_SHA1RSA), TCAS_CERT_SIG_WEAK},
	    {O(RSA_SHA256), TCAS_CERT_SIG_OK},
	    {O(RSA_PLAIN), TCAS_CERT_SIG_OK}, /* N = 1: not a hash */
	    {O(RSA_PSS), TCAS_CERT_SIG_OK},
	    {O(ECDSA_SHA256), TCAS_CERT_SIG_OK},
	    {O(RSA_SHA1_LONGER), TCAS_CERT_SIG_OK},
	    {O(LONG_OID), TCAS_CERT_SIG_OK},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		spec sp = {O(RSA_KEY), NULL, 0, t[i].oid, t[i].n, 1, 0, 0};
		der d;
		tcas_certscan s;

		build(&d, &sp);
		s = scan(&d);
		assert_int_equal(s.facts, ALL);
		if (s.sig != t[i].want)
			fail_msg("signature OID %zu: class %d, want %d", i,
			         s.sig, t[i].want);
	}
}

static void test_key_classes(void **state)
{
	static const struct {
		const uint8_t *key, *curve;
		size_t kn, cn;
		int key_want, curve_want;
	} t[] = {
	    {EC_KEY, P256, sizeof EC_KEY, sizeof P256, TCAS_CERT_KEY_EC,
	     TCAS_CERT_P256},
	    {EC_KEY, P384, sizeof EC_KEY, sizeof P384, TCAS_CERT_KEY_EC,
	     TCAS_CERT_P384},
	    {EC_KEY, P521, sizeof EC_KEY, sizeof P521, TCAS_CERT_KEY_EC,
	     TCAS_CERT_CURVE_OTHER},
	    /* implicit or specified parameters: no named curve */
	    {EC_KEY, NULL_CURVE, sizeof EC_KEY, 0, TCAS_CERT_KEY_EC,
	     TCAS_CERT_CURVE_OTHER},
	    {ED25519, NULL, sizeof ED25519, 0, TCAS_CERT_KEY_OTHER, 0},
	    {RSA_KEY, NULL, sizeof RSA_KEY, 0, TCAS_CERT_KEY_RSA, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		spec sp = {t[i].key,        t[i].kn, t[i].curve, t[i].cn,
		           O(ECDSA_SHA256), 1,       0,          0};
		der d;
		tcas_certscan s;

		build(&d, &sp);
		s = scan(&d);
		assert_int_equal(s.facts, ALL);
		assert_int_equal(s.key, t[i].key_want);
		assert_int_equal(s.curve, t[i].curve_want);
		assert_int_equal(s.sig, TCAS_CERT_SIG_OK);
	}
}

/* ---- what it does not follow
 * ------------------------------------------------- */

/* Scan d with byte at off replaced by b: the scan stops (BAD) and keeps
 * only the facts it had before. */
static tcas_certscan broken(const der *d0, size_t off, uint8_t b)
{
	der d = *d0;

	d.b[off] = b;
	return scan(&d);
}

static void test_refused_shapes(void **state)
{
	spec sp = {O(EC_KEY), O(P256), O(ECDSA_SHA256), 1, 0, 1};
	der d;
	tcas_certscan s;
	size_t tbs_at, iss_at;

	(void)state;
	build(&d, &sp);
	for (iss_at = 0; memcmp(d.b + iss_at, issuer_dn.b, issuer_dn.n);)
		iss_at++;
	/* 30 82 LL LL | 30 81/82 ... : the TBS header starts at 4 */
	assert_int_equal(d.b[0], 0x30);
	assert_int_equal(d.b[1], 0x82);
	tbs_at = 4;
	/* the first byte is not a SEQUENCE: nothing learnt */
	s = broken(&d, 0, 0x31);
	assert_int_equal(s.facts, TCAS_CERT_BAD);
	/* a multi-byte tag */
	s = broken(&d, 0, 0x1F);
	assert_int_equal(s.facts, TCAS_CERT_BAD);
	/* indefinite length, and a length of five bytes */
	s = broken(&d, 1, 0x80);
	assert_int_equal(s.facts, TCAS_CERT_BAD);
	s = broken(&d, 1, 0x85);
	assert_int_equal(s.facts, TCAS_CERT_BAD);
	/* the TBS longer than the certificate around it */
	s = broken(&d, tbs_at + 1, 0x84);
	assert_int_equal(s.facts, TCAS_CERT_BAD);
	/* the issuer's tag wrong: stops before the issuer is known */
	s = broken(&d, iss_at, 0x31);
	assert_int_equal(s.facts, TCAS_CERT_BAD);
	/* the subject's tag wrong: the issuer was already learnt */
	s = broken(&d, iss_at + issuer_dn.n + 2 + 6, 0x31);
	assert_int_equal(s.facts, TCAS_CERT_ISSUER | TCAS_CERT_BAD);
	/* a truncated certificate: the facts so far, not BAD, no signature */
	tcas_certscan_init(&s);
	tcas_certscan_push(&s, d.b, d.n - 20);
	assert_int_equal(s.facts, ALL & ~TCAS_CERT_SIG);
	assert_int_equal(s.curve, TCAS_CERT_P256);
	/* bytes after the signature algorithm are not looked at */
	tcas_certscan_push(&s, d.b + d.n - 20, 20);
	assert_int_equal(s.facts, ALL);
	tcas_certscan_push(&s, (const uint8_t *)"\x1f\x80", 2);
	assert_int_equal(s.facts, ALL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rsa_names_and_hashes),
	    cmocka_unit_test(test_long_lengths_and_v1),
	    cmocka_unit_test(test_signature_classes),
	    cmocka_unit_test(test_key_classes),
	    cmocka_unit_test(test_refused_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
