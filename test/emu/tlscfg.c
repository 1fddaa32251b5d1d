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
