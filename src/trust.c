/* Trust anchors from PEM into caller storage; contract in tcas/trust.h. */
#include "inner.h"

#include "tcas/trust.h"

/* PEM decoder sink: the DER of the current certificate. */
static void der_append(void *ctx, const void *src, size_t len)
{
	tcas_trust *t = ctx;

	if (t->too_large || len > sizeof t->der - t->der_len) {
		t->too_large = 1;
		return;
	}
	memcpy(t->der + t->der_len, src, len);
	t->der_len += len;
}

/* X.509 decoder sink: the subject DN, written straight into the arena
 * after the bytes in use; committed only when the anchor is complete. */
static void dn_append(void *ctx, const void *src, size_t len)
{
	tcas_trust *t = ctx;

	if (t->dn_full || len > t->arena_cap - t->used - t->dn_len) {
		t->dn_full = 1;
		return;
	}
	memcpy(t->arena + t->used + t->dn_len, src, len);
	t->dn_len += len;
}

/* Copy len bytes to the arena at *off; NULL if they do not fit. */
static unsigned char *arena_put(tcas_trust *t, size_t *off,
                                const unsigned char *src, size_t len)
{
	unsigned char *p;

	if (len > t->arena_cap - *off) {
		return NULL;
	}
	p = t->arena + *off;
	memcpy(p, src, len);
	*off += len;
	return p;
}

/* Copy the decoded key after the DN. Returns the new end offset, 0 if
 * the arena is full (the DN is never empty, so 0 is not a valid end). */
static size_t copy_key(tcas_trust *t, br_x509_pkey *dst,
                       const br_x509_pkey *src)
{
	size_t off = t->used + t->dn_len;

	*dst = *src;
	if (src->key_type == BR_KEYTYPE_RSA) {
		dst->key.rsa.n =
		    arena_put(t, &off, src->key.rsa.n, src->key.rsa.nlen);
		dst->key.rsa.e =
		    arena_put(t, &off, src->key.rsa.e, src->key.rsa.elen);
		return dst->key.rsa.n && dst->key.rsa.e ? off : 0;
	}
	dst->key.ec.q = arena_put(t, &off, src->key.ec.q, src->key.ec.qlen);
	return dst->key.ec.q ? off : 0;
}

static int same_bytes(const unsigned char *a, size_t alen,
                      const unsigned char *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

static int same_key(const br_x509_pkey *a, const br_x509_pkey *b)
{
	if (a->key_type != b->key_type) {
		return 0;
	}
	if (a->key_type == BR_KEYTYPE_RSA) {
		return same_bytes(a->key.rsa.n, a->key.rsa.nlen, b->key.rsa.n,
		                  b->key.rsa.nlen) &&
		       same_bytes(a->key.rsa.e, a->key.rsa.elen, b->key.rsa.e,
		                  b->key.rsa.elen);
	}
	return a->key.ec.curve == b->key.ec.curve &&
	       same_bytes(a->key.ec.q, a->key.ec.qlen, b->key.ec.q,
	                  b->key.ec.qlen);
}

/* An anchor with this DN (just written at arena + used), key and flags
 * is already there: a bundle that repeats a certificate, or a root in
 * both the system bundle and an extra file. */
static int known(const tcas_trust *t, const br_x509_pkey *pk, unsigned flags)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		const br_x509_trust_anchor *ta = &t->ta[i];

		if (ta->flags == flags && same_key(&ta->pkey, pk) &&
		    same_bytes(ta->dn.data, ta->dn.len, t->arena + t->used,
		               t->dn_len)) {
			return 1;
		}
	}
	return 0;
}

/* Decode t->der into the next anchor, unless it is already known. */
static int add_anchor(tcas_trust *t)
{
	br_x509_trust_anchor *ta;
	const br_x509_pkey *pk;
	unsigned flags;
	size_t end;

	t->dn_len = 0;
	t->dn_full = 0;
	br_x509_decoder_init(&t->x509, dn_append, t);
	br_x509_decoder_push(&t->x509, t->der, t->der_len);
	pk = br_x509_decoder_get_pkey(&t->x509);
	if (pk == NULL ||
	    (pk->key_type != BR_KEYTYPE_RSA && pk->key_type != BR_KEYTYPE_EC)) {
		return TCAS_E_TLS_PEM;
	}
	if (t->dn_full) {
		return TCAS_E_TLS_ANCHORS_FULL;
	}
	flags = br_x509_decoder_isCA(&t->x509) ? BR_X509_TA_CA : 0;
	if (known(t, pk, flags)) {
		return TCAS_OK;
	}
	if (t->count >= t->ta_max) {
		return TCAS_E_TLS_ANCHORS_FULL;
	}
	ta = &t->ta[t->count];
	end = copy_key(t, &ta->pkey, pk);
	if (end == 0) {
		return TCAS_E_TLS_ANCHORS_FULL;
	}
	ta->dn.data = t->arena + t->used;
	ta->dn.len = t->dn_len;
	ta->flags = flags;
	t->used = end;
	t->count++;
	return TCAS_OK;
}

static void begin_obj(tcas_trust *t)
{
	const char *name = br_pem_decoder_name(&t->pem);

	t->in_obj = 1;
	t->want = strcmp(name, "CERTIFICATE") == 0 ||
	          strcmp(name, "X509 CERTIFICATE") == 0;
	t->der_len = 0;
	t->too_large = 0;
	br_pem_decoder_setdest(&t->pem, t->want ? der_append : NULL, t);
}

static int end_obj(tcas_trust *t)
{
	t->in_obj = 0;
	if (!t->want) {
		return TCAS_OK;
	}
	t->found++;
	if (t->too_large) {
		return TCAS_E_TLS_CERT_TOO_LARGE;
	}
	return add_anchor(t);
}

static int on_event(tcas_trust *t, int ev)
{
	switch (ev) {
	case BR_PEM_BEGIN_OBJ:
		begin_obj(t);
		return TCAS_OK;
	case BR_PEM_END_OBJ:
		return end_obj(t);
	case BR_PEM_ERROR:
		t->in_obj = 0;
		return TCAS_E_TLS_PEM;
	default:
		return TCAS_OK;
	}
}

static int push(tcas_trust *t, const char *data, size_t len)
{
	while (len > 0) {
		size_t n = br_pem_decoder_push(&t->pem, data, len);
		int rc;

		data += n;
		len -= n;
		rc = on_event(t, br_pem_decoder_event(&t->pem));
		if (rc != TCAS_OK) {
			t->err = rc;
			return rc;
		}
	}
	return TCAS_OK;
}

void tcas_trust_init(tcas_trust *t, br_x509_trust_anchor *ta, size_t ta_max,
                     unsigned char *arena, size_t arena_cap)
{
	if (t == NULL) {
		return;
	}
	memset(t, 0, sizeof *t);
	t->ta = ta;
	t->ta_max = ta == NULL ? 0 : ta_max;
	t->arena = arena;
	t->arena_cap = arena == NULL ? 0 : arena_cap;
	br_pem_decoder_init(&t->pem);
}

int tcas_trust_push_pem(tcas_trust *t, const char *data, size_t len)
{
	if (t == NULL || (data == NULL && len > 0)) {
		return TCAS_E_ARG;
	}
	if (t->err != TCAS_OK) {
		return t->err;
	}
	return push(t, data, len);
}

int tcas_trust_finish(tcas_trust *t)
{
	size_t found;

	if (t == NULL) {
		return TCAS_E_ARG;
	}
	if (t->err != TCAS_OK) {
		return t->err;
	}
	/* The decoder reports END only after the line ends: a last line
	 * without a newline still counts. */
	if (push(t, "\n", 1) != TCAS_OK) {
		return t->err;
	}
	found = t->found;
	t->found = 0;
	if (t->in_obj || found == 0) {
		t->err = TCAS_E_TLS_PEM;
		return t->err;
	}
	br_pem_decoder_init(&t->pem);
	return TCAS_OK;
}

void tcas_trust_store_init(tcas_trust_store *s)
{
	if (s == NULL) {
		return;
	}
	tcas_trust_init(&s->t, s->ta, TCAS_COUNTOF(s->ta), s->arena,
	                sizeof s->arena);
}
