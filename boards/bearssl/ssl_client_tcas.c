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
 */
#include <bearssl.h>

void
br_ssl_client_init_full(br_ssl_client_context *cc,
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
		BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
	};
	static const br_hash_class *const hashes[] = {
		&br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable
	};
	size_t i;

	br_ssl_client_zero(cc);
	br_ssl_engine_set_versions(&cc->eng, BR_TLS12, BR_TLS12);
	br_x509_minimal_init(xc, &br_sha256_vtable, trust_anchors,
	                     trust_anchors_num);
	br_ssl_engine_set_suites(&cc->eng, suites,
	                         sizeof suites / sizeof suites[0]);
	br_ssl_engine_set_default_rsavrfy(&cc->eng);
	br_ssl_engine_set_default_ecdsa(&cc->eng);
	br_x509_minimal_set_rsa(xc, br_ssl_engine_get_rsavrfy(&cc->eng));
	br_x509_minimal_set_ecdsa(xc, br_ssl_engine_get_ec(&cc->eng),
	                          br_ssl_engine_get_ecdsa(&cc->eng));
	for (i = 0; i < sizeof hashes / sizeof hashes[0]; i++) {
		int id = (int)((hashes[i]->desc >> BR_HASHDESC_ID_OFF)
		               & BR_HASHDESC_ID_MASK);

		br_ssl_engine_set_hash(&cc->eng, id, hashes[i]);
		br_x509_minimal_set_hash(xc, id, hashes[i]);
	}
	br_ssl_engine_set_x509(&cc->eng, &xc->vtable);
	br_ssl_engine_set_prf_sha256(&cc->eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(&cc->eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_default_aes_gcm(&cc->eng);
	br_ssl_engine_set_default_chapol(&cc->eng);
}
