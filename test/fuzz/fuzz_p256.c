/*
 * fuzz_p256.c - libFuzzer harness for tcas_ecdsa_vrfy_asn1 (src/p256.h),
 * differential: every input must get BearSSL's br_ecdsa_i31_vrfy_asn1
 * result with p256_m31 (and, for one input in 8, with prime_i31, four
 * times slower); any disagreement aborts.
 *
 * The first byte picks what the rest is:
 *   0: raw material: a public key (65 bytes, prefix included), a hash
 *      length byte (0..64), the hash, the DER signature as given;
 *   1: a real signature: one of four fixed keys (a valid point, so the
 *      whole computation runs) signs the input's hash (first 32 bytes,
 *      hash length from a byte), then up to 8 edits from the input
 *      (xor a byte, cut, append, set r or s to 0 / n / n - 1 / a value
 *      of the input's);
 *   2: one of the fixed keys, r and s from the input (32 bytes each,
 *      minimal DER), a hash of the input.
 * Modes 1 and 2 also check the key and the signature with a bit of the
 * key's Y turned (off the curve).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "fuzz/check.h"
#include "support/p256fix.h"
#include "p256.h"

#define KEYS 4

static br_ec_public_key pub[KEYS];
static br_ec_private_key priv[KEYS];
static uint8_t pub_buf[KEYS][65], priv_buf[KEYS][32];
static int ready, with_i31;

static void init_keys(void)
{
	br_hmac_drbg_context rng;
	int i;

	br_hmac_drbg_init(&rng, &br_sha256_vtable, "fuzz_p256", 9);
	for (i = 0; i < KEYS; i++) {
		CHECK(br_ec_keygen(&rng.vtable, &br_ec_p256_m31, &priv[i],
		                   priv_buf[i], BR_EC_secp256r1) == 32);
		CHECK(br_ec_compute_pub(&br_ec_p256_m31, &pub[i], pub_buf[i],
		                        &priv[i]) == 65);
	}
	ready = 1;
}

/* The input as a stream of bytes (zeros past its end). */
struct in {
	const uint8_t *p;
	size_t n;
};

static uint8_t take(struct in *in)
{
	uint8_t c = 0;

	if (in->n > 0) {
		c = *in->p++;
		in->n--;
	}
	return c;
}

static void take_n(struct in *in, uint8_t *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = take(in);
	}
}

/* The hash's number (BearSSL's: the first 32 bytes) is 0 mod n. */
static int zero_mod_n(const uint8_t *hash, size_t hl)
{
	static const uint8_t zero[32];
	size_t k = hl < 32 ? hl : 32;

	return memcmp(hash, zero, k) == 0 ||
	       (k == 32 && memcmp(hash, P256_ORDER, 32) == 0);
}

static void same(const uint8_t *hash, size_t hl, const br_ec_public_key *pk,
                 const uint8_t *sig, size_t sl)
{
	uint32_t a, b, c;

	a = br_ecdsa_i31_vrfy_asn1(&br_ec_p256_m31, hash, hl, pk, sig, sl);
	c = tcas_ecdsa_vrfy_asn1(&br_ec_p256_m31, hash, hl, pk, sig, sl);
	if (with_i31) { /* BearSSL's other P-256 code, slower: 1 input in 8 */
		b = br_ecdsa_i31_vrfy_asn1(&br_ec_prime_i31, hash, hl, pk, sig,
		                           sl);
		CHECK(a == b);
		CHECK(tcas_ecdsa_vrfy_asn1(&br_ec_prime_i31, hash, hl, pk, sig,
		                           sl) == c);
	}
	/* the one difference (p256.h): BearSSL accepts r = 0 when the hash
	 * is 0 mod n, we refuse */
	CHECK(a == c || (a == 1 && c == 0 && zero_mod_n(hash, hl)));
}

/* same(), then with the key's Y turned (off the curve) */
static void both(const uint8_t *hash, size_t hl, const br_ec_public_key *pk,
                 const uint8_t *sig, size_t sl)
{
	br_ec_public_key bad = *pk;
	uint8_t q[65];

	same(hash, hl, pk, sig, sl);
	memcpy(q, pk->q, 65);
	q[64] ^= 1;
	bad.q = q;
	same(hash, hl, &bad, sig, sl);
}

static void raw_mode(struct in *in)
{
	br_ec_public_key pk;
	uint8_t q[65], h[64];
	size_t hl;

	take_n(in, q, sizeof q);
	pk.curve = BR_EC_secp256r1;
	pk.q = q;
	pk.qlen = 65;
	hl = take(in) % 65;
	take_n(in, h, hl);
	same(h, hl, &pk, in->p, in->n);
}

static void signed_mode(struct in *in)
{
	const br_ec_public_key *pk;
	uint8_t h[64], sig[200], r[32], s[32], v[32];
	size_t hl, sl;
	int k, edits, key;

	key = take(in) % KEYS;
	pk = &pub[key];
	hl = 32 + take(in) % 33;
	take_n(in, h, hl);
	sl = br_ecdsa_i31_sign_asn1(&br_ec_p256_m31, &br_sha256_vtable, h,
	                            &priv[key], sig);
	CHECK(sl > 0);
	edits = take(in) % 9;
	for (k = 0; k < edits; k++) {
		uint8_t op = take(in), at = take(in), val = take(in);

		switch (op % 6) {
		case 0: /* xor a byte */
			if (sl > 0) {
				sig[at % sl] ^= val;
			}
			break;
		case 1: /* cut */
			sl = at % (sl + 1);
			break;
		case 2: /* append */
			if (sl < sizeof sig) {
				sig[sl++] = val;
			}
			break;
		default: /* r or s from a value (needs a whole signature) */
			if (sl < 8 || sig[3] > 33 || (size_t)sig[3] + 6 > sl ||
			    sig[5 + sig[3]] > 33) {
				break;
			}
			memset(r, 0, 32);
			memset(s, 0, 32);
			{
				size_t rl = sig[3], ql = sig[5 + rl];
				size_t rc = rl > 32 ? 32 : rl,
				       qc = ql > 32 ? 32 : ql;

				if (6 + rl + ql > sl) {
					break;
				}
				memcpy(r + 32 - rc, sig + 4 + rl - rc, rc);
				memcpy(s + 32 - qc, sig + 6 + rl + ql - qc, qc);
			}
			memcpy(v, P256_ORDER, 32);
			if (op % 6 == 3) {
				memset(v, 0, 32); /* 0, or a small value */
				v[31] = (uint8_t)(val & 3);
			} else if (op % 6 == 4) {
				v[31] = (uint8_t)(v[31] + (val & 3) -
				                  1); /* n-1.. */
			} else {
				take_n(in, v, 32);
			}
			memcpy(at & 1 ? s : r, v, 32);
			sl = p256_der_sig(sig, r, s);
			break;
		}
	}
	both(h, hl, pk, sig, sl);
}

static void chosen_mode(struct in *in)
{
	uint8_t h[64], r[32], s[32], sig[72];
	size_t hl, sl;
	int key = take(in) % KEYS;

	take_n(in, r, 32);
	take_n(in, s, 32);
	hl = take(in) % 65;
	take_n(in, h, hl);
	sl = p256_der_sig(sig, r, s);
	both(h, hl, &pub[key], sig, sl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};

	if (!ready) {
		init_keys();
	}
	with_i31 = (fuzz_hash(data, size) & 7) == 0;
	switch (take(&in) % 3) {
	case 0:
		raw_mode(&in);
		break;
	case 1:
		signed_mode(&in);
		break;
	default:
		chosen_mode(&in);
		break;
	}
	return 0;
}
