/* Unit tests for tcas_ec_all (src/p256.h): P-256 mul and mulgen, the
 * constant-time code of src/p256.c, must give br_ec_p256_m31's results byte
 * for byte within BearSSL's contract (scalar in [1, n - 1], a valid point):
 *   - 300 random scalars for mulgen, 200 random points (k G) times random
 *     scalars for mul (a seeded HMAC-DRBG);
 *   - edge scalars (1, 2, 15, 16, n - 1, n - 2, 2^255, 2^255 - 1, 2^248 -
 *     1, 2^224 - 1, runs of zero windows, lengths 1 to 31 and 33 to 40
 *     with leading zeros) on G and on random points;
 *   - bad points (lengths, prefixes, X or Y >= p, off the curve, the
 *     infinity encoding): 0 from both, G zeroed by ours;
 *   - scalars outside the contract (length 0, 0, n, n + 1, 2^256 - 1, a
 *     non-zero byte before the last 32): ours refuses (0, zeroed buffer,
 *     p256.h), where BearSSL's result is undefined;
 *   - the other curves and functions: the same results as br_ec_all_m31.
 * test_p256ct_small runs it all on the small form. The TLS handshake on
 * P-256 through it is test_tls_stage's test_ecdhe_p256. */
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

#define P256 BR_EC_secp256r1

/* The field prime p, big-endian. */
static const uint8_t PRIME[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static br_hmac_drbg_context rng;
static long compared;

/* A random scalar in [1, n - 1], 32 bytes. */
static void rand_scalar(uint8_t k[32])
{
	static const uint8_t zero[32];

	do {
		br_hmac_drbg_generate(&rng, k, 32);
	} while (memcmp(k, P256_ORDER, 32) >= 0 || memcmp(k, zero, 32) == 0);
}

/* A random point k G, 65 bytes. */
static void rand_point(uint8_t q[65])
{
	uint8_t k[32];

	rand_scalar(k);
	assert_int_equal(br_ec_p256_m31.mulgen(q, k, 32, P256), 65);
}

/* mulgen and mul on G and on q (65 bytes) by k (klen bytes, within the
 * contract): ours equals BearSSL's p256_m31. */
static void same(const uint8_t q[65], const uint8_t *k, size_t klen)
{
	uint8_t a[65], b[65];
	size_t glen;
	const unsigned char *g = br_ec_p256_m31.generator(P256, &glen);

	memset(a, 0xaa, sizeof a);
	memset(b, 0x55, sizeof b);
	assert_int_equal(tcas_ec_all.mulgen(a, k, klen, P256), 65);
	assert_int_equal(br_ec_p256_m31.mulgen(b, k, klen, P256), 65);
	assert_memory_equal(a, b, 65);
	memcpy(a, g, 65);
	assert_int_equal(tcas_ec_all.mul(a, 65, k, klen, P256), 1);
	assert_memory_equal(a, b, 65); /* mul on G is mulgen */
	memcpy(a, q, 65);
	memcpy(b, q, 65);
	assert_int_equal(tcas_ec_all.mul(a, 65, k, klen, P256), 1);
	assert_int_equal(br_ec_p256_m31.mul(b, 65, k, klen, P256), 1);
	assert_memory_equal(a, b, 65);
	compared += 3;
}

static void test_random(void **state)
{
	uint8_t q[65], k[32];
	int i;

	(void)state;
	for (i = 0; i < 300; i++) {
		uint8_t a[65], b[65];

		rand_scalar(k);
		assert_int_equal(tcas_ec_all.mulgen(a, k, 32, P256), 65);
		assert_int_equal(br_ec_p256_m31.mulgen(b, k, 32, P256), 65);
		assert_memory_equal(a, b, 65);
		compared++;
	}
	for (i = 0; i < 200; i++) {
		uint8_t a[65], b[65];

		rand_point(q);
		rand_scalar(k);
		memcpy(a, q, 65);
		memcpy(b, q, 65);
		assert_int_equal(tcas_ec_all.mul(a, 65, k, 32, P256), 1);
		assert_int_equal(br_ec_p256_m31.mul(b, 65, k, 32, P256), 1);
		assert_memory_equal(a, b, 65);
		compared++;
	}
}

/* k = n - d, 32 bytes (d small) */
static void order_minus(uint8_t k[32], unsigned d)
{
	int i;

	memcpy(k, P256_ORDER, 32);
	for (i = 31; d != 0; i--) {
		unsigned v = k[i];

		k[i] = (uint8_t)(v - (d & 0xff));
		d = (d >> 8) + (v < (d & 0xff));
	}
}

static void test_edge_scalars(void **state)
{
	static const unsigned small[] = {1, 2, 3, 15, 16, 17, 255, 256};
	uint8_t q[65], k[40];
	size_t i, len;

	(void)state;
	rand_point(q);
	for (i = 0; i < sizeof small / sizeof small[0]; i++) {
		memset(k, 0, 32);
		k[30] = (uint8_t)(small[i] >> 8);
		k[31] = (uint8_t)small[i];
		same(q, k, 32);
		if (small[i] < 256) {
			same(q, k + 31, 1); /* one byte */
		}
		order_minus(k, small[i]); /* n - 1, n - 2, ... */
		same(q, k, 32);
	}
	memset(k, 0, 32);
	k[0] = 0x80; /* 2^255: 63 zero windows after the first */
	same(q, k, 32);
	memset(k, 0xff, 32);
	k[0] = 0x7f; /* 2^255 - 1 */
	same(q, k, 32);
	k[0] = 0; /* 2^248 - 1 */
	same(q, k, 32);
	memset(k, 0, 4);
	same(q, k, 32); /* 2^224 - 1 */
	memcpy(k, P256_ORDER, 32);
	memset(k + 8, 0, 24); /* ffffffff00000000 ffffffffffffffff 0..: < n */
	same(q, k, 32);
	memset(k, 0, 32);
	k[15] = 0x10; /* a lone digit among zero windows */
	same(q, k, 32);
	/* shorter than 32 bytes */
	for (len = 1; len < 32; len++) {
		br_hmac_drbg_generate(&rng, k, len);
		k[0] |= 1;
		same(q, k, len);
	}
	/* longer, with leading zeros (as BearSSL's private keys allow) */
	for (len = 33; len <= 40; len++) {
		memset(k, 0, len - 32);
		rand_scalar(k + len - 32);
		same(q, k, len);
	}
}

/* ours refuses (0, buffer zeroed); BearSSL's contract leaves these open */
static void refused(const uint8_t q[65], const uint8_t *k, size_t klen)
{
	static const uint8_t zero[65];
	uint8_t a[65];

	memset(a, 0xaa, sizeof a);
	assert_int_equal(tcas_ec_all.mulgen(a, k, klen, P256), 0);
	assert_memory_equal(a, zero, 65);
	memcpy(a, q, 65);
	assert_int_equal(tcas_ec_all.mul(a, 65, k, klen, P256), 0);
	assert_memory_equal(a, zero, 65);
}

static void test_bad_scalars(void **state)
{
	uint8_t q[65], k[40];

	(void)state;
	rand_point(q);
	memset(k, 0, sizeof k);
	refused(q, k, 0);
	refused(q, k, 1);
	refused(q, k, 32);
	refused(q, k, 40);
	memcpy(k, P256_ORDER, 32);
	refused(q, k, 32); /* n */
	k[31]++;
	refused(q, k, 32); /* n + 1 */
	memset(k, 0xff, 32);
	refused(q, k, 32); /* 2^256 - 1 */
	memset(k, 0, 33);
	k[0] = 1;
	k[32] = 5;
	refused(q, k, 33); /* 2^256 + 5 */
	/* 2 n = n + n has no 32-byte form; what BearSSL does with 2n... is
	 * not asked for: n G would be infinity, refused with the others */
}

/* both refuse the point q of qlen bytes (G zeroed by ours) */
static void bad_point(const uint8_t *q, size_t qlen)
{
	uint8_t a[80], b[80], k[32];
	size_t i;

	assert_true(qlen <= sizeof a);
	rand_scalar(k);
	memcpy(a, q, qlen);
	memcpy(b, q, qlen);
	assert_int_equal(tcas_ec_all.mul(a, qlen, k, 32, P256), 0);
	assert_int_equal(br_ec_p256_m31.mul(b, qlen, k, 32, P256), 0);
	for (i = 0; i < qlen; i++) {
		assert_int_equal(a[i], 0);
	}
	compared++;
}

static void test_bad_points(void **state)
{
	static const uint8_t prefixes[] = {0x00, 0x02, 0x03, 0x05, 0x06, 0x07};
	uint8_t q[80], t[80];
	size_t i;

	(void)state;
	rand_point(q);
	/* lengths */
	bad_point(q, 64);
	bad_point(q, 66);
	bad_point(q, 33);
	memset(t, 0, sizeof t);
	bad_point(t, 1); /* the point at infinity, one 0x00 byte */
	/* prefix */
	for (i = 0; i < sizeof prefixes; i++) {
		memcpy(t, q, 65);
		t[0] = prefixes[i];
		bad_point(t, 65);
	}
	/* X or Y = p, X or Y = 2^256 - 1, all zero, off the curve */
	memcpy(t, q, 65);
	memcpy(t + 1, PRIME, 32);
	bad_point(t, 65);
	memcpy(t, q, 65);
	memcpy(t + 33, PRIME, 32);
	bad_point(t, 65);
	memcpy(t, q, 65);
	memset(t + 1, 0xff, 32);
	bad_point(t, 65);
	memcpy(t, q, 65);
	memset(t + 33, 0xff, 32);
	bad_point(t, 65);
	memset(t, 0, 65);
	t[0] = 0x04;
	bad_point(t, 65);
	for (i = 1; i < 65; i += 7) {
		memcpy(t, q, 65);
		t[i] ^= 0x01;
		bad_point(t, 65);
	}
}

/* (x, p - y) = -q is valid too; q + (-q) never happens inside mul, but the
 * table holds it: k = n - 1 on -G gives G */
static void test_negated_point(void **state)
{
	uint8_t q[65], k[32];
	size_t glen;
	const unsigned char *g = br_ec_p256_m31.generator(P256, &glen);
	int i, borrow = 0;

	(void)state;
	memcpy(q, g, 65);
	for (i = 31; i >= 0; i--) { /* y = p - y */
		int v = PRIME[i] - g[33 + i] - borrow;

		borrow = v < 0;
		q[33 + i] = (uint8_t)v;
	}
	order_minus(k, 1);
	same(q, k, 32);
	assert_int_equal(tcas_ec_all.mul(q, 65, k, 32, P256), 1);
	assert_memory_equal(q, g, 65);
}

/* the other curves and functions: br_ec_all_m31's results */
static void test_other_curves(void **state)
{
	static const int curves[] = {BR_EC_secp256r1, BR_EC_secp384r1,
	                             BR_EC_secp521r1, BR_EC_curve25519};
	size_t i;

	(void)state;
	assert_int_equal(tcas_ec_all.supported_curves,
	                 br_ec_all_m31.supported_curves);
	for (i = 0; i < sizeof curves / sizeof curves[0]; i++) {
		int c = curves[i];
		size_t l1, l2, o1, o2;
		const unsigned char *a, *b;
		uint8_t k[66], r1[133], r2[133];

		a = tcas_ec_all.generator(c, &l1);
		b = br_ec_all_m31.generator(c, &l2);
		assert_int_equal(l1, l2);
		assert_memory_equal(a, b, l1);
		a = tcas_ec_all.order(c, &o1);
		b = br_ec_all_m31.order(c, &o2);
		assert_int_equal(o1, o2);
		assert_memory_equal(a, b, o1);
		assert_int_equal(tcas_ec_all.xoff(c, &l1),
		                 br_ec_all_m31.xoff(c, &l2));
		assert_int_equal(l1, l2);
		/* a scalar below the order: the top byte halved */
		br_hmac_drbg_generate(&rng, k, o1);
		k[0] = (uint8_t)(a[0] >> 1);
		k[o1 - 1] |= 1;
		l1 = tcas_ec_all.mulgen(r1, k, o1, c);
		l2 = br_ec_all_m31.mulgen(r2, k, o1, c);
		assert_int_equal(l1, l2);
		assert_memory_equal(r1, r2, l1);
		/* mul of that point, muladd of it with the generator */
		memcpy(r2, r1, l1);
		assert_int_equal(tcas_ec_all.mul(r1, l1, k, o1, c),
		                 br_ec_all_m31.mul(r2, l1, k, o1, c));
		assert_memory_equal(r1, r2, l1);
		if (c != BR_EC_curve25519) {
			assert_int_equal(
			    tcas_ec_all.muladd(r1, NULL, l1, k, o1, k, o1, c),
			    br_ec_all_m31.muladd(r2, NULL, l1, k, o1, k, o1,
			                         c));
			assert_memory_equal(r1, r2, l1);
		}
	}
}

static int setup(void **state)
{
	static const char seed[] = "tcas p256 ECDHE differential test";

	(void)state;
	br_hmac_drbg_init(&rng, &br_sha256_vtable, seed, sizeof seed - 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	printf("p256ct: %ld results compared with BearSSL's p256_m31\n",
	       compared);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_random),
	    cmocka_unit_test(test_edge_scalars),
	    cmocka_unit_test(test_bad_scalars),
	    cmocka_unit_test(test_bad_points),
	    cmocka_unit_test(test_negated_point),
	    cmocka_unit_test(test_other_curves),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

#else /* !TCAS_P256_ON: BearSSL's EC code does it all */

#include "p256_not_built.h"

#endif
