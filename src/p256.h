/*
 * p256.h - P-256 on 64-bit limbs, private to tcas (src/p256.c): ECDSA
 * signature verification, and the ECDHE key exchange's scalar
 * multiplications (tcas_ec_all). The TLS engine and its X.509 validator use
 * them (src/tls.c) when TCAS_P256_ON is 1: TCAS_WITH_FAST_P256
 * (tcas/config.h) on a compiler with unsigned __int128.
 *
 * VARIABLE TIME: verification (tcas_ecdsa_vrfy_asn1, tcas_p256_vrfy_raw)
 * takes time that depends on the key, the hash and the signature. It only
 * handles public data; never use it with a secret (signing, key exchange).
 * tcas_ec_all's mul and mulgen on P-256 are the constant-time code, for
 * the secret scalar (src/p256.c says what that claim rests on).
 */
#ifndef TCAS_P256_H
#define TCAS_P256_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "tcas/config.h"

#if TCAS_WITH_FAST_P256 && defined(__SIZEOF_INT128__)
#define TCAS_P256_ON 1
#else
#define TCAS_P256_ON 0
#endif

#if TCAS_P256_ON

/* A br_ecdsa_vrfy with the results of BearSSL's br_ecdsa_i31_vrfy_asn1
 * (sig is an ASN.1 DER signature): 1 when sig is a valid signature of
 * hash[0..hash_len) by pk, else 0. A pk on P-256 (BR_EC_secp256r1) is
 * checked here, when impl supports that curve: pk->q must be 65 bytes,
 * 0x04 || X || Y with X, Y < p and on the curve; r and s in [1, n-1]; the
 * hash is taken as BearSSL takes it (its first 32 bytes when longer, a
 * smaller number when shorter). Any other curve goes to
 * br_ecdsa_i31_vrfy_asn1(impl, ...) unchanged.
 *
 * One case differs from BearSSL, where BearSSL is wrong: for a hash whose
 * value is a multiple of the curve order n (e.g. hash_len 0 or an all-zero
 * hash), BearSSL accepts r = 0 with any s and any key; this function
 * refuses every signature of such a hash (BearSSL refuses the others too).
 * A hash function's output gets there with probability 2^-256.
 *
 * Stack: at most about 3.8 KB, gcc 12 -O2 and -Os on x86-64
 * (-fstack-usage: this function 352 B, tcas_p256_vrfy_raw 2.7 KB with
 * the two point tables, 16 x 96 B, and the wNAF digits, 2 x 257 B; point
 * addition and doubling below it 0.6 KB). BearSSL's i31 verification it
 * replaces goes deeper: the static x86-64 build's painted stack of a TLS
 * call went from 5,400 to 4,720 B with it. */
uint32_t tcas_ecdsa_vrfy_asn1(const br_ec_impl *impl, const void *hash,
                              size_t hash_len, const br_ec_public_key *pk,
                              const void *sig, size_t sig_len);

/* The same for a raw signature r || s (two big-endian numbers of
 * sig_len / 2 bytes each), like br_ecdsa_i31_vrfy_raw; P-256 only
 * (impl is not used): any other curve gives 0. */
uint32_t tcas_p256_vrfy_raw(const void *hash, size_t hash_len,
                            const br_ec_public_key *pk, const void *sig,
                            size_t sig_len);

/* A br_ec_impl for the TLS engine's ECDHE (br_ssl_engine_set_ec): the
 * curves of br_ec_all_m31 (P-256, P-384, P-521, X25519). P-256's mul and
 * mulgen are tcas's constant-time code; everything else is forwarded to
 * BearSSL as br_ec_all_m31 does minus p256_m31: X25519 to
 * br_ec_c25519_m31, P-384 and P-521 (and P-256's generator, order, xoff
 * and muladd) to br_ec_prime_i31.
 *
 * P-256 mul(G, Glen, x, xlen, curve): G must be 65 bytes, 0x04 || X || Y
 * with X, Y < p and on the curve (the curve has prime order: every such
 * point is in the subgroup), else 0 (the point at infinity has no 65-byte
 * encoding). On success G is overwritten with x G, 0x04 || X || Y, and the
 * result is 1. On any failure G's Glen bytes are zeroed and the result is
 * 0.
 * P-256 mulgen(R, x, xlen, curve): R (65 bytes) = x G for the generator,
 * returns 65; on failure R's 65 bytes are zeroed and the result is 0.
 * The scalar x: xlen big-endian bytes, extra leading zero bytes allowed
 * (BearSSL's private key encoding allows them), value in [1, n - 1]. Where
 * BearSSL's contract leaves the result undefined (x = 0, xlen = 0, x >= n,
 * for both), these refuse: 0 and a zeroed buffer. (BearSSL's p256_m31
 * computes (x mod n) G for x >= n and encodes infinity as zeros with a
 * result of 1 for mul.) Within the contract (0 < x < n, valid point) the
 * results are br_ec_p256_m31's, byte for byte; k G is never the point at
 * infinity there.
 * Stack: the table of 16 points (1.5 KB) and a few field elements. */
extern const br_ec_impl tcas_ec_all;

#endif /* TCAS_P256_ON */

#endif /* TCAS_P256_H */
