/*
 * br_ssl_client_init_full() for board builds of BearSSL: it replaces
 * BearSSL's src/ssl/ssl_client_full.c in the library built from source, so
 * tcas's TLS code (src/tls.c) is unchanged and the linker drops every
 * algorithm that is not named here.
 *
 * What is kept is what the Tencent Cloud API endpoints negotiate, and what a
 * demanding 2026 client accepts: TLS 1.2 only, forward-secret ECDHE key
 * exchange (X25519, P-256, P-384, P-521 through the default EC code), AEAD
 * records (AES-GCM, ChaCha20-Poly1305), server certificates with RSA or
 * ECDSA keys, SHA-256/384/512 signatures (SHA-1 and MD5 are gone, and with
 * them static RSA/ECDH, CBC, CCM and 3DES suites).
 *
 * TCAS_BR_SMALL (a board's BOARD_BR_CFLAGS, e.g. linux-x86_64-static) keeps
 * every suite, curve and signature above and changes only which BearSSL
 * implementations carry them, for code size (measured with musl-gcc -Os on
 * x86-64; speed figures are BearSSL's own benchmarks' order of magnitude):
 *   - elliptic curves: P-256, P-384 and P-521 all through the generic
 *     constant-time ec_prime_i31 (3.5 KB) instead of adding the P-256
 *     specialised ec_p256_m31 (8.8 KB); X25519 through ec_c25519_i31
 *     (2.2 KB, on the i31 big-integer code ec_prime_i31 links anyway)
 *     instead of ec_c25519_m31 (4.1 KB; linux-x86_64-static takes m31
 *     after all: TCAS_BR_X25519_M31, below). A full handshake costs about
 *     2 ms more CPU (measured against tcas-emu's P-256 ECDSA chain: 2.2 ->
 *     4.5 ms of client CPU per fresh TLS call; the ECDHE key pair, the
 *     shared secret and an ECDSA check per signature), nothing else
 *     changes;
 *   - RSA signatures (certificates and ServerKeyExchange, 2048 to 4096 bit
 *     keys) through rsa_i31 (1.4 KB with its modpow) instead of rsa_i62
 *     (3.1 KB): a public-exponent operation, well under a millisecond;
 *   - AES-GCM through BearSSL's portable constant-time code alone (aes_ct64
 *     and ghash_ctmul64 on 64-bit targets), without the AES-NI/PCLMUL
 *     variants BearSSL's default adds on x86 (4.1 KB more, on top of the
 *     portable code it must keep for CPUs without AES-NI, as qemu's default
 *     CPU model). ChaCha20-Poly1305 through chacha20_sse2 (x86-64 base
 *     architecture; chacha20_ct elsewhere) and poly1305_ctmul (1.3 KB)
 *     instead of poly1305_ctmulq (3.1 KB). The portable code runs at tens
 *     of MB/s, where a call moves a few KB: the cost is well under a
 *     millisecond per call, and the timing stays constant-time.
 */
#include <bearssl.h>

#if TCAS_BR_SMALL
/* TCAS_BR_X25519_M31 (linux-x86_64-static; not its gateway profile):
 * X25519 through ec_c25519_m31 after all. A fresh call makes two X25519
 * multiplications (the ephemeral key and the shared secret): 106 us each
 * with m31, 343 us with i31 on the bench machine (AMD EPYC, BearSSL 0.6),
 * for about 2 KB of code. Both are constant-time. */
#if TCAS_BR_X25519_M31
#define EC_X25519 br_ec_c25519_m31
#else
#define EC_X25519 br_ec_c25519_i31
#endif

static const unsigned char *ec_generator(int curve, size_t *len)
{
	return curve == BR_EC_curve25519
	           ? EC_X25519.generator(curve, len)
	           : br_ec_prime_i31.generator(curve, len);
}

static const unsigned char *ec_order(int curve, size_t *len)
{
	return curve == BR_EC_curve25519 ? EC_X25519.order(curve, len)
	                                 : br_ec_prime_i31.order(curve, len);
}

static size_t ec_xoff(int curve, size_t *len)
{
	return curve == BR_EC_curve25519 ? EC_X25519.xoff(curve, len)
	                                 : br_ec_prime_i31.xoff(curve, len);
}

static uint32_t ec_mul(unsigned char *G, size_t Glen, const unsigned char *kb,
                       size_t kblen, int curve)
{
	return curve == BR_EC_curve25519
	           ? EC_X25519.mul(G, Glen, kb, kblen, curve)
	           : br_ec_prime_i31.mul(G, Glen, kb, kblen, curve);
}

static size_t ec_mulgen(unsigned char *R, const unsigned char *x, size_t xlen,
                        int curve)
{
	return curve == BR_EC_curve25519
	           ? EC_X25519.mulgen(R, x, xlen, curve)
	           : br_ec_prime_i31.mulgen(R, x, xlen, curve);
}

static uint32_t ec_muladd(unsigned char *A, const unsigned char *B, size_t len,
                          const unsigned char *x, size_t xlen,
                          const unsigned char *y, size_t ylen, int curve)
{
	/* ECDSA only: X25519 has no muladd (BearSSL's returns 0). */
	return curve == BR_EC_curve25519
	           ? EC_X25519.muladd(A, B, len, x, xlen, y, ylen, curve)
	           : br_ec_prime_i31.muladd(A, B, len, x, xlen, y, ylen, curve);
}

/* The curves of br_ec_all_m31: secp256r1, secp384r1, secp521r1, X25519. */
static const br_ec_impl ec_small = {
    (uint32_t)0x23800000, &ec_generator, &ec_order, &ec_xoff, &ec_mul,
    &ec_mulgen,           &ec_muladd};
#endif

void br_ssl_client_init_full(br_ssl_client_context *cc,
                             br_x509_minimal_context *xc,
                             const br_x509_trust_anchor *trust_anchors,
                             size_t trust_anchors_num)
{
	static const uint16_t suites[] = {
	    BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	    BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	    BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	    BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384};
	static const br_hash_class *const hashes[] = {
	    &br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable};
	size_t i;

	br_ssl_client_zero(cc);
	br_ssl_engine_set_versions(&cc->eng, BR_TLS12, BR_TLS12);
	br_x509_minimal_init(xc, &br_sha256_vtable, trust_anchors,
	                     trust_anchors_num);
	br_ssl_engine_set_suites(&cc->eng, suites,
	                         sizeof suites / sizeof suites[0]);
#if TCAS_BR_SMALL
	br_ssl_engine_set_rsavrfy(&cc->eng, &br_rsa_i31_pkcs1_vrfy);
	br_ssl_engine_set_ec(&cc->eng, &ec_small);
	br_ssl_engine_set_ecdsa(&cc->eng, &br_ecdsa_i31_vrfy_asn1);
#else
	br_ssl_engine_set_default_rsavrfy(&cc->eng);
	br_ssl_engine_set_default_ecdsa(&cc->eng);
#endif
	br_x509_minimal_set_rsa(xc, br_ssl_engine_get_rsavrfy(&cc->eng));
	br_x509_minimal_set_ecdsa(xc, br_ssl_engine_get_ec(&cc->eng),
	                          br_ssl_engine_get_ecdsa(&cc->eng));
	for (i = 0; i < sizeof hashes / sizeof hashes[0]; i++) {
		int id = (int)((hashes[i]->desc >> BR_HASHDESC_ID_OFF) &
		               BR_HASHDESC_ID_MASK);

		br_ssl_engine_set_hash(&cc->eng, id, hashes[i]);
		br_x509_minimal_set_hash(xc, id, hashes[i]);
	}
	br_ssl_engine_set_x509(&cc->eng, &xc->vtable);
	br_ssl_engine_set_prf_sha256(&cc->eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(&cc->eng, &br_tls12_sha384_prf);
#if TCAS_BR_SMALL
	br_ssl_engine_set_gcm(&cc->eng, &br_sslrec_in_gcm_vtable,
	                      &br_sslrec_out_gcm_vtable);
#if UINTPTR_MAX > 0xFFFFFFFFu
	br_ssl_engine_set_aes_ctr(&cc->eng, &br_aes_ct64_ctr_vtable);
	br_ssl_engine_set_ghash(&cc->eng, &br_ghash_ctmul64);
#else
	br_ssl_engine_set_aes_ctr(&cc->eng, &br_aes_ct_ctr_vtable);
	br_ssl_engine_set_ghash(&cc->eng, &br_ghash_ctmul);
#endif
	br_ssl_engine_set_chapol(&cc->eng, &br_sslrec_in_chapol_vtable,
	                         &br_sslrec_out_chapol_vtable);
#if defined __x86_64__
	br_ssl_engine_set_chacha20(&cc->eng, &br_chacha20_sse2_run);
#else
	br_ssl_engine_set_chacha20(&cc->eng, &br_chacha20_ct_run);
#endif
	br_ssl_engine_set_poly1305(&cc->eng, &br_poly1305_ctmul_run);
#else
	br_ssl_engine_set_default_aes_gcm(&cc->eng);
	br_ssl_engine_set_default_chapol(&cc->eng);
#endif
}
