/*
 * tlscfg.c - the TLS listener's certificate chain and EC private key,
 * decoded from the PEM files of the test PKI with BearSSL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "tlscfg.h"

#include "../../src/p256.h" /* private to tcas: tcas_ec_all */

typedef struct vec {
	unsigned char *p;
	size_t n, cap;
	int oom;
} vec;

static void vec_push(void *ctx, const void *data, size_t len)
{
	vec *v = ctx;

	if (v->oom)
		return;
	if (v->n + len > v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 2048;
		unsigned char *np;

		while (cap < v->n + len)
			cap *= 2;
		np = realloc(v->p, cap);
		if (np == NULL) {
			v->oom = 1;
			return;
		}
		v->p = np;
		v->cap = cap;
	}
	memcpy(v->p + v->n, data, len);
	v->n += len;
}

static unsigned char *read_file(const char *path, size_t *len, char *err,
                                size_t el)
{
	FILE *fp = fopen(path, "rb");
	vec v;
	unsigned char tmp[4096];
	size_t n;

	memset(&v, 0, sizeof v);
	if (fp == NULL) {
		snprintf(err, el, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
		vec_push(&v, tmp, n);
	fclose(fp);
	vec_push(&v, "\n", 1); /* the decoder needs a final newline */
	if (v.oom) {
		free(v.p);
		snprintf(err, el, "%s: out of memory", path);
		return NULL;
	}
	*len = v.n;
	return v.p;
}

/* Calls fn(name, der, len, ctx) for each PEM object; 0 or -1. */
static int pem_each(const unsigned char *buf, size_t len,
                    int (*fn)(const char *, vec *, void *), void *ctx)
{
	br_pem_decoder_context pc;
	vec obj;
	char name[128];
	int inobj = 0, rc = 0;

	memset(&obj, 0, sizeof obj);
	br_pem_decoder_init(&pc);
	while (len > 0 && rc == 0) {
		size_t n = br_pem_decoder_push(&pc, buf, len);

		buf += n;
		len -= n;
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			snprintf(name, sizeof name, "%s",
			         br_pem_decoder_name(&pc));
			obj.n = 0;
			br_pem_decoder_setdest(&pc, vec_push, &obj);
			inobj = 1;
			break;
		case BR_PEM_END_OBJ:
			if (inobj && !obj.oom)
				rc = fn(name, &obj, ctx);
			else if (obj.oom)
				rc = -1;
			inobj = 0;
			break;
		case BR_PEM_ERROR:
			rc = -1;
			break;
		default:
			break;
		}
	}
	free(obj.p);
	return inobj ? -1 : rc;
}

static int take_cert(const char *name, vec *obj, void *ctx)
{
	emu_tls_creds *t = ctx;
	br_x509_certificate *nc;
	unsigned char *der;

	if (strcmp(name, "CERTIFICATE") != 0)
		return 0;
	nc = realloc(t->chain, (t->chain_len + 1) * sizeof *nc);
	if (nc == NULL)
		return -1;
	t->chain = nc;
	der = malloc(obj->n);
	if (der == NULL)
		return -1;
	memcpy(der, obj->p, obj->n);
	t->chain[t->chain_len].data = der;
	t->chain[t->chain_len].data_len = obj->n;
	t->chain_len++;
	return 0;
}

static int take_key(const char *name, vec *obj, void *ctx)
{
	emu_tls_creds *t = ctx;
	br_skey_decoder_context kc;
	const br_ec_private_key *ek;

	if (strcmp(name, "PRIVATE KEY") != 0 &&
	    strcmp(name, "EC PRIVATE KEY") != 0)
		return 0;
	if (t->key.x != NULL)
		return 0; /* first key wins */
	br_skey_decoder_init(&kc);
	br_skey_decoder_push(&kc, obj->p, obj->n);
	if (br_skey_decoder_last_error(&kc) != 0 ||
	    br_skey_decoder_key_type(&kc) != BR_KEYTYPE_EC)
		return -1;
	ek = br_skey_decoder_get_ec(&kc);
	if (ek->xlen > sizeof t->xbuf)
		return -1;
	memcpy(t->xbuf, ek->x, ek->xlen);
	t->key.curve = ek->curve;
	t->key.x = t->xbuf;
	t->key.xlen = ek->xlen;
	memset(&kc, 0, sizeof kc);
	return 0;
}

emu_tls_creds *emu_tls_load(const char *dir, const char *name, char *err,
                            size_t errlen)
{
	emu_tls_creds *t = calloc(1, sizeof *t);
	char path[4096];
	unsigned char *buf;
	size_t len;
	int rc;

	if (t == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(path, sizeof path, "%s/%s.pem", dir, name);
	buf = read_file(path, &len, err, errlen);
	if (buf == NULL)
		goto fail;
	rc = pem_each(buf, len, take_cert, t);
	free(buf);
	if (rc != 0 || t->chain_len == 0) {
		snprintf(err, errlen, "%s: no usable PEM certificate", path);
		goto fail;
	}
	snprintf(path, sizeof path, "%s/%s.key", dir, name);
	buf = read_file(path, &len, err, errlen);
	if (buf == NULL)
		goto fail;
	rc = pem_each(buf, len, take_key, t);
	memset(buf, 0, len);
	free(buf);
	if (rc != 0 || t->key.x == NULL) {
		snprintf(err, errlen, "%s: no usable EC private key", path);
		goto fail;
	}
	return t;
fail:
	emu_tls_free(t);
	return NULL;
}

void emu_tls_free(emu_tls_creds *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->chain_len; i++)
		free(t->chain[i].data);
	free(t->chain);
	memset(t->xbuf, 0, sizeof t->xbuf);
	free(t);
}

/* ---- a connection's server engine ---------------------------------------- */

/* The symmetric implementations BearSSL's default setters chose, from the
 * first engine initialised. Those setters ask the CPU (cpuid) each time, ten
 * times per br_ssl_server_init_full_ec(), and in a virtual machine every
 * cpuid is a trap to the hypervisor (about 9 us each on the bench machine,
 * nested): the choice cannot change while the process lives. */
static struct {
	int done;
	br_ssl_engine_context e; /* only the implementation fields are used */
} sym;

static void sym_copy(br_ssl_engine_context *d, const br_ssl_engine_context *s)
{
	d->iaes_cbcenc = s->iaes_cbcenc;
	d->iaes_cbcdec = s->iaes_cbcdec;
	d->iaes_ctr = s->iaes_ctr;
	d->iaes_ctrcbc = s->iaes_ctrcbc;
	d->ides_cbcenc = s->ides_cbcenc;
	d->ides_cbcdec = s->ides_cbcdec;
	d->ighash = s->ighash;
	d->ichacha = s->ichacha;
	d->ipoly = s->ipoly;
	d->icbc_in = s->icbc_in;
	d->icbc_out = s->icbc_out;
	d->igcm_in = s->igcm_in;
	d->igcm_out = s->igcm_out;
	d->ichapol_in = s->ichapol_in;
	d->ichapol_out = s->ichapol_out;
	d->iccm_in = s->iccm_in;
	d->iccm_out = s->iccm_out;
}

void emu_tls_server_init(br_ssl_server_context *sc, const emu_tls_creds *t)
{
	/* br_ssl_server_init_full_ec()'s suites, hashes and PRFs */
	static const uint16_t suites[] = {
	    BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_128_CCM,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_256_CCM,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
	    BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
	    BR_TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256,
	    BR_TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256,
	    BR_TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384,
	    BR_TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384,
	    BR_TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256,
	    BR_TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256,
	    BR_TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384,
	    BR_TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384,
	    BR_TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA,
	    BR_TLS_ECDH_RSA_WITH_AES_128_CBC_SHA,
	    BR_TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA,
	    BR_TLS_ECDH_RSA_WITH_AES_256_CBC_SHA,
	    BR_TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA,
	    BR_TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA,
	    BR_TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA};
	static const br_hash_class *const hashes[] = {
	    &br_md5_vtable,    &br_sha1_vtable,   &br_sha224_vtable,
	    &br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable};
	const br_ec_impl *ec;
	int id;

	if (!sym.done) {
		/* the first connection: BearSSL's own choice, cpuid and all,
		 * kept; sc is set up again below like every later one */
		br_ssl_server_init_full_ec(sc, t->chain, t->chain_len,
		                           BR_KEYTYPE_EC, &t->key);
		sym_copy(&sym.e, &sc->eng);
		sym.done = 1;
	}
	br_ssl_server_zero(sc);
	br_ssl_engine_set_versions(&sc->eng, BR_TLS10, BR_TLS12);
	br_ssl_engine_set_suites(&sc->eng, suites,
	                         sizeof suites / sizeof suites[0]);
#if TCAS_P256_ON
	/* the client's constant-time P-256 code (src/p256.h) for the ECDHE
	 * key pair and the ECDSA signature (its mulgen is constant-time, as
	 * a signing nonce needs); X25519 and the other curves are still
	 * BearSSL's m31 code through it */
	ec = &tcas_ec_all;
#else
	ec = br_ec_get_default();
#endif
	br_ssl_engine_set_ec(&sc->eng, ec);
	br_ssl_server_set_single_ec(sc, t->chain, t->chain_len, &t->key,
	                            BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN,
	                            BR_KEYTYPE_EC, ec, br_ecdsa_i31_sign_asn1);
	for (id = br_md5_ID; id <= br_sha512_ID; id++)
		br_ssl_engine_set_hash(&sc->eng, id, hashes[id - 1]);
	br_ssl_engine_set_prf10(&sc->eng, &br_tls10_prf);
	br_ssl_engine_set_prf_sha256(&sc->eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(&sc->eng, &br_tls12_sha384_prf);
	sym_copy(&sc->eng, &sym.e);
}
