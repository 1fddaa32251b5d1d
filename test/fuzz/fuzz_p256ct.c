/*
 * fuzz_p256ct.c - libFuzzer harness for tcas_ec_all's P-256 mul and mulgen
 * (src/p256.h: the constant-time ECDHE code of src/p256.c), differential
 * against BearSSL's br_ec_p256_m31; any disagreement aborts.
 *
 * The first byte picks what the rest is:
 *   0: raw: a point length byte (0..80), the point's bytes as given (the
 *      peer's hostile share), then the scalar (the rest, any length);
 *   1: mulgen of the rest as the scalar;
 *   2: a valid point k1 G (k1 from 32 bytes of the input, through
 *      BearSSL's mulgen), then the scalar (the rest), and that point with
 *      one bit of the input's choosing turned (nearly always off the
 *      curve).
 * Expected: when the scalar is within BearSSL's contract (1 <= k < n,
 * leading zero bytes allowed) and BearSSL accepts the point, both return 1
 * and the same 65 bytes; a point BearSSL refuses, ours refuses (and zeroes
 * the buffer); a scalar outside the contract, ours refuses (0, zeroed
 * buffer: p256.h), whatever BearSSL does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "fuzz/check.h"
#include "support/p256fix.h"
#include "p256.h"

#define P256 BR_EC_secp256r1

struct in {
	const uint8_t *p;
	size_t n;
};

static uint8_t take(struct in *in)
{
	if (in->n == 0) {
		return 0;
	}
	in->n--;
	return *in->p++;
}

/* 1 when k (len bytes) is in [1, n - 1] after its leading zeros. */
static int scalar_ok(const uint8_t *k, size_t len)
{
	uint8_t v[32];

	while (len > 0 && *k == 0) {
		k++;
		len--;
	}
	if (len == 0 || len > 32) {
		return 0;
	}
	memset(v, 0, 32);
	memcpy(v + 32 - len, k, len);
	return memcmp(v, P256_ORDER, 32) < 0;
}

static int all_zero(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] != 0) {
			return 0;
		}
	}
	return 1;
}

/* mul of the point q (qlen bytes) by k, ours against BearSSL's. The
 * buffers are heap blocks of their exact size (ASan sees overruns). */
static void mul_both(const uint8_t *q, size_t qlen, const uint8_t *k,
                     size_t klen)
{
	uint8_t *a = malloc(qlen + 1), *b = malloc(qlen + 1);
	uint8_t *kk = malloc(klen + 1);
	uint32_t ra, rb;
	int kok = scalar_ok(k, klen);

	CHECK(a != NULL && b != NULL && kk != NULL);
	memcpy(a, q, qlen);
	memcpy(b, q, qlen);
	memcpy(kk, k, klen);
	ra = tcas_ec_all.mul(a, qlen, kk, klen, P256);
	if (!kok) {
		CHECK(ra == 0 && all_zero(a, qlen));
	} else {
		rb = br_ec_p256_m31.mul(b, qlen, kk, klen, P256);
		CHECK(ra == rb);
		if (ra) {
			CHECK(qlen == 65 && memcmp(a, b, 65) == 0);
		} else {
			CHECK(all_zero(a, qlen));
		}
	}
	free(a);
	free(b);
	free(kk);
}

static void mulgen_both(const uint8_t *k, size_t klen)
{
	uint8_t a[65], b[65];
	uint8_t *kk = malloc(klen + 1);
	size_t ra;

	CHECK(kk != NULL);
	memcpy(kk, k, klen);
	ra = tcas_ec_all.mulgen(a, kk, klen, P256);
	if (!scalar_ok(k, klen)) {
		CHECK(ra == 0 && all_zero(a, 65));
	} else {
		CHECK(ra == 65);
		CHECK(br_ec_p256_m31.mulgen(b, kk, klen, P256) == 65);
		CHECK(memcmp(a, b, 65) == 0);
	}
	free(kk);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};
	uint8_t q[80], k1[32];
	size_t qlen, i, bit;

	if (size > 200) {
		return 0; /* scalars longer than that tell nothing more */
	}
	switch (take(&in) % 3) {
	case 0:
		qlen = take(&in) % 81;
		for (i = 0; i < qlen; i++) {
			q[i] = take(&in);
		}
		mul_both(q, qlen, in.p, in.n);
		break;
	case 1:
		mulgen_both(in.p, in.n);
		break;
	default:
		for (i = 0; i < 32; i++) {
			k1[i] = take(&in);
		}
		bit = take(&in);
		bit = bit * 256 + take(&in);
		if (!scalar_ok(k1, 32)) {
			k1[0] = 0x7f; /* below n */
			k1[31] |= 1;
		}
		CHECK(br_ec_p256_m31.mulgen(q, k1, 32, P256) == 65);
		mul_both(q, 65, in.p, in.n);
		q[(bit >> 3) % 65] ^= (uint8_t)(1u << (bit & 7));
		mul_both(q, 65, in.p, in.n);
		break;
	}
	return 0;
}
