/* Unit tests for src/p256.h: tcas_ecdsa_vrfy_asn1 must give BearSSL's
 * br_ecdsa_i31_vrfy_asn1 results (with p256_m31 and with prime_i31, the
 * host's and the static build's P-256 code) on every input here:
 *   - fixed vectors made once with openssl (test/data/p256/openssl_vectors.txt,
 *     make_vectors.sh beside it) and crafted ones for the rare paths
 *     (edge_vectors.txt, make_edge_vectors.py);
 *   - random keys and hashes signed by BearSSL (a seeded HMAC-DRBG), hash
 *     lengths 0 to 64, then the signatures mutated (every bit, r or s set to
 *     0, 1, n - 1, n, above n, every truncation, lengths, DER forms);
 *   - bad public keys (off the curve, X or Y >= p, prefixes, lengths).
 * The one case where it differs on purpose (a hash that is 0 mod n, p256.h)
 * has its own test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bearssl.h>

#include "../../src/p256.h" /* private to tcas */
#include "support/p256fix.h"

#if TCAS_P256_ON

/* The field prime p, big-endian. */
static const uint8_t PRIME[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static br_hmac_drbg_context rng;
static long compared, accepted;

/* BearSSL's result with both its implementations (they must agree), and
 * ours through each impl; returns the common result. */
static uint32_t check(const void *hash, size_t hash_len,
                      const br_ec_public_key *pk, const void *sig,
                      size_t sig_len)
{
	const br_ec_impl *m31 =
	    pk->curve == BR_EC_secp256r1 ? &br_ec_p256_m31 : &br_ec_all_m31;
	uint32_t a, b, c, d;

	a = br_ecdsa_i31_vrfy_asn1(m31, hash, hash_len, pk, sig, sig_len);
	b = br_ecdsa_i31_vrfy_asn1(&br_ec_prime_i31, hash, hash_len, pk, sig,
	                           sig_len);
	c = tcas_ecdsa_vrfy_asn1(m31, hash, hash_len, pk, sig, sig_len);
	d = tcas_ecdsa_vrfy_asn1(&br_ec_prime_i31, hash, hash_len, pk, sig,
	                         sig_len);
	if (a != b || a != c || a != d) {
		fprintf(stderr,
		        "disagree: m31 %u i31 %u ours %u/%u (hash %zu, "
		        "sig %zu, q %zu)\n",
		        a, b, c, d, hash_len, sig_len, pk->qlen);
		fail();
	}
	compared++;
	accepted += a;
	return a;
}

static size_t unhex(uint8_t *out, size_t max, const char *s)
{
	size_t n = 0;

	while (s[0] != '\0' && s[1] != '\0') {
		unsigned v;

		assert_true(n < max);
		assert_int_equal(sscanf(s, "%2x", &v), 1);
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

/* Every line "curve hash point digest sig expect" of a vector file. */
static void run_file(const char *path, int *count)
{
	char line[1024], curve[16], hname[16], qh[300], dh[140], sh[300];
	uint8_t q[133], dig[64], sig[140];
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		br_ec_public_key pk;
		size_t dl, sl;
		int expect;

		if (line[0] == '#') {
			continue;
		}
		assert_int_equal(sscanf(line, "%15s %15s %299s %139s %299s %d",
		                        curve, hname, qh, dh, sh, &expect),
		                 6);
		pk.curve = strcmp(curve, "prime256v1") == 0  ? BR_EC_secp256r1
		           : strcmp(curve, "secp384r1") == 0 ? BR_EC_secp384r1
		                                             : BR_EC_secp521r1;
		pk.q = q;
		pk.qlen = unhex(q, sizeof q, qh);
		dl = unhex(dig, sizeof dig, dh);
		sl = unhex(sig, sizeof sig, sh);
		assert_int_equal(check(dig, dl, &pk, sig, sl),
		                 (uint32_t)expect);
		if (expect == 1) {
			/* a bit of the signature, of the hash, of the key */
			sig[sl - 3] ^= 0x10;
			assert_int_equal(check(dig, dl, &pk, sig, sl), 0);
			sig[sl - 3] ^= 0x10;
			dig[0] ^= 1;
			assert_int_equal(check(dig, dl, &pk, sig, sl), 0);
			dig[0] ^= 1;
			q[pk.qlen - 1] ^= 4;
			assert_int_equal(check(dig, dl, &pk, sig, sl), 0);
		}
		++*count;
	}
	fclose(f);
}

static void test_openssl_vectors(void **state)
{
	int count = 0;

	(void)state;
	run_file("test/data/p256/openssl_vectors.txt", &count);
	assert_int_equal(count, 10); /* 8 on P-256, P-384 and P-521 delegated */
}

static void test_edge_vectors(void **state)
{
	int count = 0;

	(void)state;
	run_file("test/data/p256/edge_vectors.txt", &count);
	assert_int_equal(count, 7);
}

/* A fresh P-256 key from the DRBG. */
static void new_key(br_ec_public_key *pk, uint8_t pub[65],
                    br_ec_private_key *sk, uint8_t priv[32])
{
	assert_int_equal(br_ec_keygen(&rng.vtable, &br_ec_p256_m31, sk, priv,
	                              BR_EC_secp256r1),
	                 32);
	assert_int_equal(br_ec_compute_pub(&br_ec_p256_m31, pk, pub, sk), 65);
}

/* BearSSL's DER signature of a 32-byte hash. */
static size_t sign32(const br_ec_private_key *sk, const uint8_t h[32],
                     uint8_t sig[72])
{
	size_t n = br_ecdsa_i31_sign_asn1(&br_ec_p256_m31, &br_sha256_vtable, h,
	                                  sk, sig);

	assert_true(n > 0);
	return n;
}

/* Random keys and hashes, every hash length 0..64: a hash shorter than
 * 32 bytes is the number it spells, so BearSSL signs it as the 32-byte
 * hash with zeros in front; a longer one counts by its first 32 bytes. */
static void test_random(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 260; i++) {
		br_ec_private_key sk;
		br_ec_public_key pk;
		uint8_t priv[32], pub[65], h[64], h32[32], sig[72];
		size_t hl = (size_t)(i % 65), sl;
		uint32_t valid;

		new_key(&pk, pub, &sk, priv);
		br_hmac_drbg_generate(&rng, h, sizeof h);
		if (i % 7 == 3 && hl > 0) {
			memset(h, 0, hl - 1); /* a short number */
		}
		memset(h32, 0, sizeof h32);
		if (hl < 32) {
			memcpy(h32 + 32 - hl, h, hl);
		} else {
			memcpy(h32, h, 32);
		}
		sl = sign32(&sk, h32, sig);
		/* valid unless the hash is 0 (hash_len 0, or a short number
		 * past the first 32 bytes) */
		valid = hl > 0 && !(i % 7 == 3 && hl >= 33);
		assert_int_equal(check(h, hl, &pk, sig, sl), valid);
		/* a bit of the hash: only the 64-byte hash's is past the
		 * 32 bytes that count */
		h[hl / 2] ^= 0x80;
		assert_int_equal(check(h, hl, &pk, sig, sl),
		                 hl == 64 ? valid : 0);
	}
	assert_true(accepted > 200);
}

/* r and s of a DER signature from sign32 (its lengths are 32 or 33). */
static void der_parts(const uint8_t *sig, uint8_t r[32], uint8_t s[32])
{
	size_t rl = sig[3], sl = sig[5 + rl];

	memset(r, 0, 32);
	memset(s, 0, 32);
	memcpy(r + 32 - (rl > 32 ? 32 : rl), sig + 4 + (rl > 32),
	       rl > 32 ? 32 : rl);
	memcpy(s + 32 - (sl > 32 ? 32 : sl), sig + 6 + rl + (sl > 32),
	       sl > 32 ? 32 : sl);
}

/* v = P256_ORDER + delta (delta small, may be negative), big-endian */
static void order_plus(uint8_t v[32], int delta)
{
	int i, c = delta;

	memcpy(v, P256_ORDER, 32);
	for (i = 31; i >= 0 && c != 0; i--) {
		int x = v[i] + c;

		v[i] = (uint8_t)(x & 0xff);
		c = x >> 8;
	}
}

static void test_mutated(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < 6; k++) {
		br_ec_private_key sk;
		br_ec_public_key pk;
		uint8_t priv[32], pub[65], h[32], sig[80], m[160], r[32], s[32];
		uint8_t bad[32];
		size_t sl, i, ml;
		int b, j;
		static const int deltas[] = {-1, 0, 1, 2, 255, 256};

		new_key(&pk, pub, &sk, priv);
		br_hmac_drbg_generate(&rng, h, sizeof h);
		sl = sign32(&sk, h, sig);
		assert_int_equal(check(h, 32, &pk, sig, sl), 1);
		/* every bit (of two signatures: BearSSL's i31 takes 2 ms) */
		for (i = 0; i < (k < 2 ? sl : 0); i++) {
			for (b = 0; b < 8; b++) {
				memcpy(m, sig, sl);
				m[i] ^= (uint8_t)(1u << b);
				check(h, 32, &pk, m, sl);
			}
		}
		/* every truncation, and trailing bytes */
		for (i = 0; i < sl; i++) {
			check(h, 32, &pk, sig, i);
		}
		memcpy(m, sig, sl);
		m[sl] = 0;
		check(h, 32, &pk, m, sl + 1);
		m[1]++;
		check(h, 32, &pk, m, sl + 1);
		/* r or s replaced by 0, 1, n - 1, n, n + 1, ... (both DER
		 * forms: minimal, and padded to 33 bytes) */
		der_parts(sig, r, s);
		for (j = 0; j < 8; j++) {
			if (j < 6) {
				order_plus(bad, deltas[j]);
			} else {
				memset(bad, 0, 32);
				bad[31] = (uint8_t)(j - 6); /* 0, 1 */
			}
			ml = p256_der_sig(m, bad, s);
			check(h, 32, &pk, m, ml);
			ml = p256_der_sig(m, r, bad);
			check(h, 32, &pk, m, ml);
			ml = p256_der_sig(m, bad, bad);
			check(h, 32, &pk, m, ml);
		}
		/* non-minimal DER: r with leading zeros (BearSSL takes it) */
		ml = p256_der_sig(m, r, s);
		memmove(m + 5, m + 4, ml - 4);
		m[4] = 0;
		m[3]++;
		m[1]++;
		assert_int_equal(check(h, 32, &pk, m, ml + 1),
		                 1); /* same numbers */
		/* long-form SEQUENCE length (0x81) */
		ml = p256_der_sig(m, r, s);
		memmove(m + 3, m + 2, ml - 2);
		m[2] = m[1];
		m[1] = 0x81;
		assert_int_equal(check(h, 32, &pk, m, ml + 1), 1);
		/* too long for BearSSL's buffer, odd lengths, lengths past
		 * the end */
		memset(m, 0, sizeof m);
		m[0] = 0x30;
		m[1] = 0x81;
		m[2] = 150;
		m[3] = 2;
		m[4] = 72;
		m[77] = 2;
		m[78] = 72;
		check(h, 32, &pk, m, 153);
		check(h, 32, &pk, m, 145);
		ml = p256_der_sig(m, r, s);
		m[3] = 0x80;
		check(h, 32, &pk, m, ml);
		ml = p256_der_sig(m, r, s);
		m[3] = 60;
		check(h, 32, &pk, m, ml);
	}
}

static void test_bad_keys(void **state)
{
	br_ec_private_key sk;
	br_ec_public_key pk, bk;
	uint8_t priv[32], pub[65], h[32], sig[80], q[70];
	size_t sl;
	int i;

	(void)state;
	new_key(&pk, pub, &sk, priv);
	br_hmac_drbg_generate(&rng, h, sizeof h);
	sl = sign32(&sk, h, sig);
	assert_int_equal(check(h, 32, &pk, sig, sl), 1);
	bk = pk;
	bk.q = q;
	/* prefixes other than 0x04 */
	for (i = 0; i < 8; i++) {
		memcpy(q, pub, 65);
		q[0] = (uint8_t)i;
		assert_int_equal(check(h, 32, &bk, sig, sl), i == 4);
	}
	/* off the curve */
	for (i = 1; i < 65; i += 7) {
		memcpy(q, pub, 65);
		q[i] ^= 0x20;
		assert_int_equal(check(h, 32, &bk, sig, sl), 0);
	}
	/* -Q: on the curve, another key */
	memcpy(q, pub, 65);
	{
		uint8_t y[32];
		int c = 0, k;

		for (k = 31; k >= 0; k--) {
			int v = PRIME[k] - pub[33 + k] - c;
			y[k] = (uint8_t)(v & 0xff);
			c = v < 0;
		}
		memcpy(q + 33, y, 32);
	}
	assert_int_equal(check(h, 32, &bk, sig, sl), 0);
	/* X or Y == p, == 2^256 - 1 */
	for (i = 0; i < 4; i++) {
		memcpy(q, pub, 65);
		if (i < 2) {
			memcpy(q + 1 + 32 * i, PRIME, 32);
		} else {
			memset(q + 1 + 32 * (i - 2), 0xff, 32);
		}
		assert_int_equal(check(h, 32, &bk, sig, sl), 0);
	}
	/* the point at infinity's encoding, all zeros, wrong lengths */
	q[0] = 0;
	bk.qlen = 1;
	assert_int_equal(check(h, 32, &bk, sig, sl), 0);
	memset(q, 0, 65);
	bk.qlen = 65;
	assert_int_equal(check(h, 32, &bk, sig, sl), 0);
	memcpy(q, pub, 65);
	q[65] = 0;
	for (i = 0; i < 67; i += 11) {
		bk.qlen = (size_t)i;
		assert_int_equal(check(h, 32, &bk, sig, sl), 0);
	}
	bk.qlen = 33;
	q[0] = (uint8_t)(2 + (pub[64] & 1)); /* compressed form */
	assert_int_equal(check(h, 32, &bk, sig, sl), 0);
}

/* An impl without P-256 refuses (as BearSSL: br_ec_c25519_i31 has only
 * Curve25519); a raw signature of an odd length or another curve is 0. */
static void test_impl_and_raw(void **state)
{
	br_ec_private_key sk;
	br_ec_public_key pk, other;
	uint8_t priv[32], pub[65], h[32], sig[80], raw[64];
	size_t sl;

	(void)state;
	new_key(&pk, pub, &sk, priv);
	br_hmac_drbg_generate(&rng, h, sizeof h);
	sl = sign32(&sk, h, sig);
	assert_int_equal(
	    tcas_ecdsa_vrfy_asn1(&br_ec_c25519_i31, h, 32, &pk, sig, sl),
	    br_ecdsa_i31_vrfy_asn1(&br_ec_c25519_i31, h, 32, &pk, sig, sl));
	assert_int_equal(
	    tcas_ecdsa_vrfy_asn1(&br_ec_c25519_i31, h, 32, &pk, sig, sl), 0);
	assert_int_equal(br_ecdsa_i31_sign_raw(&br_ec_p256_m31,
	                                       &br_sha256_vtable, h, &sk, raw),
	                 64);
	assert_int_equal(tcas_p256_vrfy_raw(h, 32, &pk, raw, 64), 1);
	assert_int_equal(tcas_p256_vrfy_raw(h, 32, &pk, raw, 63), 0);
	other = pk;
	other.curve = BR_EC_secp384r1;
	assert_int_equal(tcas_p256_vrfy_raw(h, 32, &other, raw, 64), 0);
}

/* Where BearSSL is wrong (p256.h): for a hash that is 0 mod n, its muladd
 * gets the point at infinity for u1 G and BearSSL accepts r = 0 with any
 * s for any key. Ours refuses; and it refuses a real signature of such a
 * hash as BearSSL does. */
static void test_zero_hash(void **state)
{
	br_ec_private_key sk;
	br_ec_public_key pk;
	uint8_t priv[32], pub[65], zero[32] = {0}, sig[80];
	static const uint8_t r0[] = {0x30, 0x06, 0x02, 0x01,
	                             0x00, 0x02, 0x01, 0x01};
	size_t sl;

	(void)state;
	new_key(&pk, pub, &sk, priv);
	assert_int_equal(br_ecdsa_i31_vrfy_asn1(&br_ec_p256_m31, zero, 0, &pk,
	                                        r0, sizeof r0),
	                 1);
	assert_int_equal(br_ecdsa_i31_vrfy_asn1(&br_ec_prime_i31, P256_ORDER,
	                                        32, &pk, r0, sizeof r0),
	                 1);
	assert_int_equal(
	    tcas_ecdsa_vrfy_asn1(&br_ec_p256_m31, zero, 0, &pk, r0, sizeof r0),
	    0);
	assert_int_equal(tcas_ecdsa_vrfy_asn1(&br_ec_p256_m31, P256_ORDER, 32,
	                                      &pk, r0, sizeof r0),
	                 0);
	/* a signature of the zero hash, refused by both */
	sl = sign32(&sk, zero, sig);
	assert_int_equal(check(zero, 32, &pk, sig, sl), 0);
	assert_int_equal(check(P256_ORDER, 32, &pk, sig, sl), 0);
}

static int setup(void **state)
{
	static const char seed[] = "tcas p256 differential test";

	(void)state;
	br_hmac_drbg_init(&rng, &br_sha256_vtable, seed, sizeof seed - 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	printf("p256: %ld inputs compared with BearSSL, %ld valid\n", compared,
	       accepted);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_openssl_vectors),
	    cmocka_unit_test(test_edge_vectors),
	    cmocka_unit_test(test_random),
	    cmocka_unit_test(test_mutated),
	    cmocka_unit_test(test_bad_keys),
	    cmocka_unit_test(test_impl_and_raw),
	    cmocka_unit_test(test_zero_hash),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

#else /* !TCAS_P256_ON: BearSSL checks every curve */

#include "p256_not_built.h"

#endif
