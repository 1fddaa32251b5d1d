/* TC3-HMAC-SHA256 signing; contract in tcas/sign.h, procedure in
 * api-3.0.md section 2. Nothing is assembled in memory: every string of the
 * procedure is fed to SHA-256 piece by piece, from one template per text
 * (emit()): the canonical request, the string to sign and the
 * Authorization value share the writer and their common parts. */
#include "inner.h"
#include "tcas/sign.h"
#include "tcas/utctime.h"

#define SIGN_MAGIC 0x54433353u /* "TC3S" */

typedef char
    sign_floor_is_clock_floor[TCAS_SIGN_TIME_MIN == TCAS_CLOCK_FLOOR ? 1 : -1];

/* ---- SHA-256 finish, HMAC-SHA256 on br_sha256 (RFC 2104) ----------------- */

/* 0x80 then zeros: the SHA-256 padding bytes. */
static const uint8_t sha_pad[64] = {0x80};

/* out <- SHA-256 of what h has hashed; h is spent (call br_sha256_init
 * before reusing it). The padding goes through br_sha256_update() and the
 * digest is read with br_sha256_state(): br_sha256_out() would work on a
 * 120-byte copy of the context (sha2small_out) above the 328-byte round
 * frame, and the signer's stack budget is 512 bytes in all. */
static TCAS_NOINLINE void sha_finish(br_sha256_context *h, uint8_t out[32])
{
	uint8_t bits[8];
	uint64_t n = br_sha256_state(h, out), b = n << 3;
	size_t i;

	for (i = 8; i-- > 0; b >>= 8)
		bits[i] = (uint8_t)b;
	br_sha256_update(h, sha_pad, 1 + ((55 - (size_t)(n & 63)) & 63));
	br_sha256_update(h, bits, sizeof bits);
	(void)br_sha256_state(h, out);
}

/* The HMAC key of the next steps: len bytes at k, preceded by "TC3" when
 * tc3 is set (so "TC3" + SecretKey is never copied); at most 64 bytes in
 * all (longer keys are hashed first, RFC 2104). */
static void hmac_key(tcas_sign_ctx *c, const void *k, size_t len, int tc3)
{
	c->kp = (const uint8_t *)k;
	c->klen = len;
	c->tc3 = tc3;
}

/* Byte i of the zero-padded HMAC key block. */
static uint8_t key_byte(const tcas_sign_ctx *c, size_t i)
{
	if (c->tc3) {
		if (i < 3)
			return (uint8_t) "TC3"[i];
		i -= 3;
	}
	return i < c->klen ? c->kp[i] : 0;
}

/* Start a hash over the 64-byte pad block: key xor x, 16 bytes at a time
 * through c->pad (SHA-256 buffers the block anyway). */
static void hmac_pad(tcas_sign_ctx *c, uint8_t x)
{
	size_t i, j;

	br_sha256_init(&c->payload);
	for (i = 0; i < 64; i += sizeof c->pad) {
		for (j = 0; j < sizeof c->pad; j++)
			c->pad[j] = (uint8_t)(key_byte(c, i + j) ^ x);
		br_sha256_update(&c->payload, c->pad, sizeof c->pad);
	}
}

/* Finish the inner hash and write the MAC to out, which may alias the key
 * (it is read before out is written). */
static void hmac_out(tcas_sign_ctx *c, uint8_t out[32])
{
	sha_finish(&c->payload, c->tmp);
	hmac_pad(c, 0x5c);
	br_sha256_update(&c->payload, c->tmp, sizeof c->tmp);
	sha_finish(&c->payload, out);
}

/* c->key <- HMAC("TC3" + secret, date[0..9]), then the service and
 * "tc3_request" steps; the HMAC key is c->key afterwards. */
static void derive(tcas_sign_ctx *c, const char *secret, const char *date,
                   const char *service)
{
	size_t len = strlen(secret);
	int step;

	hmac_key(c, secret, len, 1);
	if (len > 64 - 3) {
		br_sha256_init(&c->payload);
		br_sha256_update(&c->payload, "TC3", 3);
		br_sha256_update(&c->payload, secret, len);
		sha_finish(&c->payload, c->key);
		hmac_key(c, c->key, sizeof c->key, 0);
	}
	for (step = 0; step < 3; step++) {
		hmac_pad(c, 0x36);
		if (step == 0)
			br_sha256_update(&c->payload, date, 10);
		else if (step == 1)
			br_sha256_update(&c->payload, service, strlen(service));
		else
			br_sha256_update(&c->payload, "tc3_request", 11);
		hmac_out(c, c->key);
		hmac_key(c, c->key, sizeof c->key, 0);
	}
}

void tcas_sign_derive_key(const char *secret_key, const char date[11],
                          const char *service, uint8_t key[32])
{
	tcas_sign_ctx c;

	if (key == NULL)
		return;
	memset(key, 0, 32);
	if (secret_key == NULL || date == NULL || service == NULL)
		return;
	derive(&c, secret_key, date, service);
	memcpy(key, c.key, sizeof c.key);
	tcas_wipe(&c, sizeof c);
}

void tcas_sign_hmac(const void *key, size_t key_len, const void *msg,
                    size_t msg_len, uint8_t out[32])
{
	tcas_sign_ctx c;

	if (out == NULL || (key == NULL && key_len > 0) ||
	    (msg == NULL && msg_len > 0))
		return;
	hmac_key(&c, key, key_len, 0);
	if (key_len > 64) {
		br_sha256_init(&c.payload);
		br_sha256_update(&c.payload, key, key_len);
		sha_finish(&c.payload, c.key);
		hmac_key(&c, c.key, sizeof c.key, 0);
	}
	hmac_pad(&c, 0x36);
	br_sha256_update(&c.payload, msg, msg_len);
	hmac_out(&c, out);
	tcas_wipe(&c, sizeof c);
}

/* ---- parameters ---------------------------------------------------------- */

/* The values a template writes. V_ID .. V_ACT are the strings of
 * tcas_sign_params (field()), in this order (check_params() walks the
 * range), trimmed of spaces and tabs (only header values can have them);
 * V_ACT is also lower-cased (ASCII). */
enum {
	V_NONE,
	V_ID,   /* secret_id */
	V_SVC,  /* service */
	V_HOST, /* host */
	V_CT,   /* content_type */
	V_ACT,  /* action */
	V_DATE, /* UTC date of timestamp, "YYYY-MM-DD" */
	V_TS,   /* timestamp in decimal */
	V_HEX   /* the 64 hex digits passed to emit() */
};

/* String parameter V_ID .. V_ACT of p. */
static const char *field(const tcas_sign_params *p, unsigned k)
{
	static const unsigned char off[] = {
	    offsetof(tcas_sign_params, secret_id),
	    offsetof(tcas_sign_params, service),
	    offsetof(tcas_sign_params, host),
	    offsetof(tcas_sign_params, content_type),
	    offsetof(tcas_sign_params, action)};
	typedef char one_row_a_value[sizeof off == V_ACT - V_ID + 1 ? 1 : -1];

	(void)sizeof(one_row_a_value);
	return *(const char *const *)(const void *)((const char *)p +
	                                            off[k - V_ID]);
}

/* 1 when s is not NULL, holds a byte other than space and tab, and every
 * byte is allowed in parameter k (see tcas/sign.h): secret_id printable
 * ASCII (0x21..0x7E) but '/' and ','; service a-z, 0-9, '-'; header values
 * any but controls (tab allowed) and DEL. */
static int valid(const char *s, unsigned k)
{
	const unsigned char *u = (const unsigned char *)s;
	int seen = 0, ok;

	if (s == NULL)
		return 0;
	for (; *u != 0; u++) {
		if (k == V_ID)
			ok = *u > 0x20 && *u < 0x7f && *u != '/' && *u != ',';
		else if (k == V_SVC)
			ok = (unsigned)(*u - 'a') < 26u ||
			     (unsigned)(*u - '0') < 10u || *u == '-';
		else
			ok = (*u >= 0x20 || *u == '\t') && *u != 0x7f;
		if (!ok)
			return 0;
		seen |= *u != ' ' && *u != '\t';
	}
	return seen;
}

/* Everything but secret_key. */
static int check_params(const tcas_sign_params *p)
{
	unsigned k;

	for (k = V_ID; k <= V_ACT; k++)
		if (!(k == V_ACT && p->action == NULL) &&
		    !valid(field(p, k), k))
			return k == V_ID ? TCAS_E_CREDENTIALS : TCAS_E_ARG;
	if (p->timestamp < TCAS_SIGN_TIME_MIN || p->timestamp > TCAS_UTC_MAX)
		return TCAS_E_CLOCK;
	return TCAS_OK;
}

/* ---- the texts of the procedure ------------------------------------------ */

/* Hex-encode the 32 bytes at the start of buf in place (back to front):
 * buf becomes 64 lower-case hex digits. */
static void hex_inplace(char buf[TCAS_SIGN_HEX_LEN])
{
	size_t i = 32;

	while (i-- > 0) {
		uint8_t b = (uint8_t)buf[i];

		buf[2 * i + 1] = tcas_hex_digits[b & 15];
		buf[2 * i] = tcas_hex_digits[b >> 4];
	}
}

/* SHA-256 of what h has hashed, as hex into buf (64 bytes; no NUL). */
static void out_hex(br_sha256_context *h, char buf[TCAS_SIGN_HEX_LEN])
{
	sha_finish(h, (uint8_t *)buf);
	hex_inplace(buf);
}

/* An output buffer of emit(). */
struct out {
	char *buf;
	size_t cap, len;
};

/* n bytes at s into the hash h, or (h NULL) into o. */
static void out_put(br_sha256_context *h, struct out *o, const void *s,
                    size_t n)
{
	if (h != NULL) {
		br_sha256_update(h, s, n);
		return;
	}
	if (o->len < o->cap && n < o->cap - o->len)
		memcpy(o->buf + o->len, s, n);
	o->len += n; /* past cap: counted only, nothing written */
}

/* A template is rows of literal text, each followed by a value; a row
 * marked WITH_ACTION is left out when there is no action (the X-TC-Action
 * header is then neither in the canonical request nor signed). */
enum { ALWAYS, WITH_ACTION };
struct row {
	const char *text;
	uint8_t value; /* V_* */
	uint8_t when;  /* ALWAYS, WITH_ACTION */
};

/* The canonical request; V_HEX: the payload hash. */
static const struct row tpl_creq[] = {
    {"POST\n/\n\ncontent-type:", V_CT, ALWAYS}, /* method, URI, query */
    {"\nhost:", V_HOST, ALWAYS},                /* canonical headers */
    {"\nx-tc-action:", V_ACT, WITH_ACTION},
    {"\n\ncontent-type;host", V_NONE, ALWAYS}, /* signed headers */
    {";x-tc-action", V_NONE, WITH_ACTION},
    {"\n", V_HEX, ALWAYS},  /* hashed request payload */
    {NULL, V_NONE, ALWAYS}, /* end */
};

/* The string to sign; V_HEX: the canonical request's hash. */
static const struct row tpl_sts[] = {
    {"TC3-HMAC-SHA256\n", V_TS, ALWAYS}, /* algorithm, timestamp */
    {"\n", V_DATE, ALWAYS},              /* credential scope */
    {"/", V_SVC, ALWAYS},
    {"/tc3_request\n", V_HEX, ALWAYS}, /* hashed canonical request */
    {NULL, V_NONE, ALWAYS},            /* end */
};

/* The Authorization value; V_HEX: the signature. */
static const struct row tpl_auth[] = {
    {"TC3-HMAC-SHA256 Credential=", V_ID, ALWAYS}, /* credential */
    {"/", V_DATE, ALWAYS},
    {"/", V_SVC, ALWAYS},
    {"/tc3_request, SignedHeaders=content-type;host", V_NONE, ALWAYS},
    {";x-tc-action", V_NONE, WITH_ACTION},
    {", Signature=", V_HEX, ALWAYS},
    {NULL, V_NONE, ALWAYS}, /* end */
};

/* Write value k of p into the hash h, or (h NULL) into o. */
static void emit_value(br_sha256_context *h, struct out *o, unsigned k,
                       const tcas_sign_params *p,
                       const char hex[TCAS_SIGN_HEX_LEN])
{
	char buf[TCAS_DEC_MAX];
	const char *v;
	size_t n;

	if (k == V_DATE) {
		(void)tcas_utc_date(p->timestamp, buf); /* checked */
		v = buf;
		n = 10;
	} else if (k == V_TS) {
		v = tcas_dec((uint64_t)p->timestamp, buf);
		n = (size_t)(buf + sizeof buf - v);
	} else if (k == V_HEX) {
		v = hex;
		n = TCAS_SIGN_HEX_LEN;
	} else {
		v = field(p, k);
		while (*v == ' ' || *v == '\t')
			v++;
		n = strlen(v);
		while (v[n - 1] == ' ' || v[n - 1] == '\t')
			n--; /* checked: not all blank */
		if (k == V_ACT) {
			for (; n > 0; n--, v++) {
				buf[0] = *v;
				if (*v >= 'A' && *v <= 'Z')
					buf[0] = (char)(*v + 32);
				out_put(h, o, buf, 1);
			}
		}
	}
	out_put(h, o, v, n);
}

/* Write the n rows of template t for p (checked) into the hash h, or (h
 * NULL) into o. */
static void emit(br_sha256_context *h, struct out *o, const struct row *t,
                 const tcas_sign_params *p, const char hex[TCAS_SIGN_HEX_LEN])
{
	for (; t->text != NULL; t++) {
		if (t->when == WITH_ACTION && p->action == NULL)
			continue;
		out_put(h, o, t->text, strlen(t->text));
		if (t->value != V_NONE)
			emit_value(h, o, t->value, p, hex);
	}
}

/* ---- public entry points ------------------------------------------------- */

void tcas_sign_init(tcas_sign_ctx *ctx)
{
	if (ctx == NULL)
		return;
	br_sha256_init(&ctx->payload);
	ctx->magic = SIGN_MAGIC;
	ctx->err = TCAS_OK;
}

void tcas_sign_update(tcas_sign_ctx *ctx, const void *data, size_t len)
{
	if (ctx == NULL || ctx->magic != SIGN_MAGIC || ctx->err != TCAS_OK)
		return;
	if (data == NULL) {
		if (len > 0)
			ctx->err = TCAS_E_ARG;
		return;
	}
	br_sha256_update(&ctx->payload, data, len);
}

/* The phases of tcas_sign_final() (and sha_finish()) are TCAS_NOINLINE,
 * so the deepest call chains (key derivation; emit() into the hash) do not
 * sit under one another's frames; only a stack-size matter. */

/* Phase 1: sig <- hex SHA-256(CanonicalRequest); h holds the body hash. */
static TCAS_NOINLINE void sign_creq(br_sha256_context *h,
                                    const tcas_sign_params *p,
                                    char sig[TCAS_SIGN_HEX_LEN + 1])
{
	out_hex(h, sig); /* HashedRequestPayload */
	br_sha256_init(h);
	emit(h, NULL, tpl_creq, p, sig);
	out_hex(h, sig);
}

/* Phase 2: start the HMAC of the StringToSign under the signing key
 * (derived here, or given: key non-NULL). The key, the HMAC scratch and
 * the date live in ctx, not on the stack. */
static TCAS_NOINLINE void
sign_key(tcas_sign_ctx *ctx, const tcas_sign_params *p, const uint8_t *key)
{
	(void)tcas_utc_date(p->timestamp, ctx->date); /* range checked */
	if (key == NULL) {
		derive(ctx, p->secret_key, ctx->date, p->service);
	} else {
		memcpy(ctx->key, key, sizeof ctx->key);
		hmac_key(ctx, ctx->key, sizeof ctx->key, 0);
	}
	hmac_pad(ctx, 0x36);
}

/* Phase 3: sig <- hex HMAC(key, StringToSign), from phase 1. */
static TCAS_NOINLINE void sign_mac(tcas_sign_ctx *ctx,
                                   const tcas_sign_params *p,
                                   char sig[TCAS_SIGN_HEX_LEN + 1])
{
	emit(&ctx->payload, NULL, tpl_sts, p, sig);
	hmac_out(ctx, ctx->key);
	memcpy(sig, ctx->key, sizeof ctx->key);
	hex_inplace(sig);
	sig[TCAS_SIGN_HEX_LEN] = '\0';
}

static int check_final(const tcas_sign_ctx *ctx, const tcas_sign_params *p,
                       const uint8_t *key)
{
	if (p == NULL)
		return TCAS_E_ARG;
	if (ctx->magic != SIGN_MAGIC)
		return TCAS_E_STATE;
	if (ctx->err != TCAS_OK)
		return ctx->err;
	if (key == NULL && (p->secret_key == NULL || p->secret_key[0] == '\0'))
		return TCAS_E_CREDENTIALS;
	return check_params(p);
}

/* The hash state in ctx is reused for every step (ctx is consumed), and
 * sig carries the hex hashes between the steps. */
static int sign_run(tcas_sign_ctx *ctx, const tcas_sign_params *p,
                    const uint8_t *key, char sig[TCAS_SIGN_HEX_LEN + 1])
{
	int err;

	if (sig != NULL)
		sig[0] = '\0';
	if (ctx == NULL)
		return TCAS_E_ARG;
	err = sig == NULL ? TCAS_E_ARG : check_final(ctx, p, key);
	if (err == TCAS_OK) {
		sign_creq(&ctx->payload, p, sig);
		sign_key(ctx, p, key);
		sign_mac(ctx, p, sig);
	}
	tcas_wipe(ctx, offsetof(tcas_sign_ctx, magic));
	ctx->magic = 0;
	return err;
}

int tcas_sign_final(tcas_sign_ctx *ctx, const tcas_sign_params *p,
                    char sig[TCAS_SIGN_HEX_LEN + 1])
{
	return sign_run(ctx, p, NULL, sig);
}

int tcas_sign_final_key(tcas_sign_ctx *ctx, const tcas_sign_params *p,
                        const uint8_t key[32], char sig[TCAS_SIGN_HEX_LEN + 1])
{
	if (key == NULL) {
		if (sig != NULL)
			sig[0] = '\0';
		if (ctx != NULL) {
			tcas_wipe(ctx, offsetof(tcas_sign_ctx, magic));
			ctx->magic = 0;
		}
		return TCAS_E_ARG;
	}
	return sign_run(ctx, p, key, sig);
}

int tcas_sign_buf(const tcas_sign_params *p, const void *body, size_t len,
                  char sig[TCAS_SIGN_HEX_LEN + 1])
{
	tcas_sign_ctx ctx;

	tcas_sign_init(&ctx);
	tcas_sign_update(&ctx, body, len);
	return tcas_sign_final(&ctx, p, sig);
}

/* ---- Authorization ------------------------------------------------------- */

static int check_sig(const char *sig)
{
	size_t i;

	for (i = 0; i < TCAS_SIGN_HEX_LEN; i++)
		if (!((sig[i] >= '0' && sig[i] <= '9') ||
		      (sig[i] >= 'a' && sig[i] <= 'f')))
			return TCAS_E_ARG;
	return sig[i] == '\0' ? TCAS_OK : TCAS_E_ARG;
}

int tcas_sign_authorization(const tcas_sign_params *p, const char *sig,
                            char *out, size_t cap, size_t *len)
{
	struct out o = {NULL, 0, 0};
	int err;

	if (p == NULL || sig == NULL || out == NULL)
		return TCAS_E_ARG;
	err = check_params(p);
	if (err == TCAS_OK)
		err = check_sig(sig);
	if (err == TCAS_OK) {
		o.buf = out;
		o.cap = cap;
		emit(NULL, &o, tpl_auth, p, sig);
		if (o.len < cap) {
			out[o.len] = '\0';
			if (len != NULL)
				*len = o.len;
			return TCAS_OK;
		}
		err = TCAS_E_NOSPACE;
	}
	if (cap > 0)
		out[0] = '\0';
	return err;
}
