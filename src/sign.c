/* TC3-HMAC-SHA256 signing; contract in tcas/sign.h, procedure in
 * api-3.0.md section 2. Nothing is assembled in memory: every string of the
 * procedure is fed to SHA-256 piece by piece. */
#include "inner.h"
#include "tcas/sign.h"
#include "tcas/utctime.h"

#define SIGN_MAGIC 0x54433353u /* "TC3S" */

/* Keeps the phases of tcas_sign_final() in separate frames, so the deepest
 * call chain (key derivation) does not sit under the canonical-request
 * frame; only a stack-size matter. */
#if defined(__GNUC__) || defined(__clang__)
#define SIGN_NOINLINE __attribute__((noinline))
#else
#define SIGN_NOINLINE
#endif

static const char hexdig[] = "0123456789abcdef";

static void wipe(void *p, size_t n)
{
	volatile uint8_t *v = (volatile uint8_t *)p;

	while (n-- > 0)
		*v++ = 0;
}

static void put(br_sha256_context *h, const char *s)
{
	br_sha256_update(h, s, strlen(s));
}

/* ---- SHA-256 finish, HMAC-SHA256 on br_sha256 (RFC 2104) --------------- */

/* 0x80 then zeros: the SHA-256 padding bytes. */
static const uint8_t sha_pad[64] = {0x80};

/* out <- SHA-256 of what h has hashed; h is spent (call br_sha256_init
 * before reusing it). The padding goes through br_sha256_update() and the
 * digest is read with br_sha256_state(): br_sha256_out() would work on a
 * 120-byte copy of the context (sha2small_out) above the 328-byte round
 * frame, and the signer's stack budget is 512 bytes in all. */
static SIGN_NOINLINE void sha_finish(br_sha256_context *h, uint8_t out[32])
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
			return (uint8_t)"TC3"[i];
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
	wipe(&c, sizeof c);
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
	wipe(&c, sizeof c);
}

/* ---- argument checks ---------------------------------------------------- */

static int is_sp(char c)
{
	return c == ' ' || c == '\t';
}

/* Trim spaces and tabs around v; returns the start, *n the length. */
static const char *trim(const char *v, size_t *n)
{
	size_t len = strlen(v);

	while (len > 0 && is_sp(*v)) {
		v++;
		len--;
	}
	while (len > 0 && is_sp(v[len - 1]))
		len--;
	*n = len;
	return v;
}

static int check_value(const char *v)
{
	size_t n;
	const unsigned char *s;

	if (v == NULL)
		return TCAS_E_ARG;
	for (s = (const unsigned char *)v; *s != 0; s++)
		if ((*s < 0x20 && *s != '\t') || *s == 0x7f)
			return TCAS_E_ARG;
	trim(v, &n);
	return n > 0 ? TCAS_OK : TCAS_E_ARG;
}

static int check_id(const char *id)
{
	const char *s;

	if (id == NULL || *id == '\0')
		return TCAS_E_CREDENTIALS;
	for (s = id; *s != '\0'; s++)
		if (*s < 0x21 || *s > 0x7e || *s == '/' || *s == ',')
			return TCAS_E_CREDENTIALS;
	return TCAS_OK;
}

static int check_service(const char *svc)
{
	const char *s;

	if (svc == NULL || *svc == '\0')
		return TCAS_E_ARG;
	for (s = svc; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return TCAS_E_ARG;
	return TCAS_OK;
}

/* Everything but secret_key. */
static int check_params(const tcas_sign_params *p)
{
	int err = check_id(p->secret_id);

	if (err == TCAS_OK)
		err = check_service(p->service);
	if (err == TCAS_OK)
		err = check_value(p->host);
	if (err == TCAS_OK)
		err = check_value(p->content_type);
	if (err == TCAS_OK && p->action != NULL)
		err = check_value(p->action);
	if (err == TCAS_OK && (p->timestamp < TCAS_SIGN_TIME_MIN ||
	                       p->timestamp > TCAS_UTC_MAX))
		err = TCAS_E_CLOCK;
	return err;
}

/* ---- canonical request and string to sign ------------------------------- */

/* Hex-encode the 32 bytes at the start of buf in place (back to front):
 * buf becomes 64 lower-case hex digits. */
static void hex_inplace(char buf[TCAS_SIGN_HEX_LEN])
{
	size_t i = 32;

	while (i-- > 0) {
		uint8_t b = (uint8_t)buf[i];

		buf[2 * i + 1] = hexdig[b & 15];
		buf[2 * i] = hexdig[b >> 4];
	}
}

/* SHA-256 of what h has hashed, as hex into buf (64 bytes; no NUL). */
static void out_hex(br_sha256_context *h, char buf[TCAS_SIGN_HEX_LEN])
{
	sha_finish(h, (uint8_t *)buf);
	hex_inplace(buf);
}

/* Lower-case ASCII copy of n bytes at v into the hash. */
static void put_lower(br_sha256_context *h, const char *v, size_t n)
{
	char buf[16];
	size_t i, k;

	while (n > 0) {
		k = n < sizeof buf ? n : sizeof buf;
		for (i = 0; i < k; i++)
			buf[i] = (v[i] >= 'A' && v[i] <= 'Z')
			             ? (char)(v[i] - 'A' + 'a') : v[i];
		br_sha256_update(h, buf, k);
		v += k;
		n -= k;
	}
}

/* "name" + trimmed value (lower-cased if lower) + "\n". */
static void put_header(br_sha256_context *h, const char *name,
                       const char *value, int lower)
{
	size_t n;
	const char *v = trim(value, &n);

	put(h, name);
	if (lower)
		put_lower(h, v, n);
	else
		br_sha256_update(h, v, n);
	put(h, "\n");
}

static const char *signed_headers(const tcas_sign_params *p)
{
	return p->action != NULL ? "content-type;host;x-tc-action"
	                         : "content-type;host";
}

/* h <- SHA-256 state over the canonical request; body_hash given. */
static void put_creq(br_sha256_context *h, const tcas_sign_params *p,
                     const char body_hash[TCAS_SIGN_HEX_LEN])
{
	br_sha256_init(h);
	put(h, "POST\n/\n\n");
	put_header(h, "content-type:", p->content_type, 0);
	put_header(h, "host:", p->host, 0);
	if (p->action != NULL)
		put_header(h, "x-tc-action:", p->action, 1);
	put(h, "\n");
	put(h, signed_headers(p));
	put(h, "\n");
	br_sha256_update(h, body_hash, TCAS_SIGN_HEX_LEN);
}

/* v >= 0 (range checked) in decimal into the hash. */
static void put_dec(br_sha256_context *h, int64_t v)
{
	char buf[TCAS_DEC_MAX];
	const char *p = tcas_dec((uint64_t)v, buf);

	br_sha256_update(h, p, (size_t)(buf + sizeof buf - p));
}

/* StringToSign after the HMAC pad block already in h. */
static SIGN_NOINLINE void put_sts(br_sha256_context *h, const tcas_sign_params *p,
                    const char date[11],
                    const char creq_hash[TCAS_SIGN_HEX_LEN])
{
	put(h, "TC3-HMAC-SHA256\n");
	put_dec(h, p->timestamp);
	put(h, "\n");
	br_sha256_update(h, date, 10);
	put(h, "/");
	put(h, p->service);
	put(h, "/tc3_request\n");
	br_sha256_update(h, creq_hash, TCAS_SIGN_HEX_LEN);
}

/* ---- public entry points ------------------------------------------------ */

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

/* Phase 1: sig <- hex SHA-256(CanonicalRequest); h holds the body hash. */
static SIGN_NOINLINE void sign_creq(br_sha256_context *h,
                                    const tcas_sign_params *p,
                                    char sig[TCAS_SIGN_HEX_LEN + 1])
{
	out_hex(h, sig); /* HashedRequestPayload */
	put_creq(h, p, sig);
	out_hex(h, sig);
}

/* Phase 2: sig <- hex HMAC(signing key, StringToSign), from phase 1. The
 * key (derived here, or given: key non-NULL), the HMAC scratch and the
 * date live in ctx, not on the stack. */
static SIGN_NOINLINE void sign_sts(tcas_sign_ctx *ctx,
                                   const tcas_sign_params *p,
                                   const uint8_t *key,
                                   char sig[TCAS_SIGN_HEX_LEN + 1])
{
	(void)tcas_utc_date(p->timestamp, ctx->date); /* range checked */
	if (key == NULL) {
		derive(ctx, p->secret_key, ctx->date, p->service);
	} else {
		memcpy(ctx->key, key, sizeof ctx->key);
		hmac_key(ctx, ctx->key, sizeof ctx->key, 0);
	}
	hmac_pad(ctx, 0x36);
	put_sts(&ctx->payload, p, ctx->date, sig);
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
		sign_sts(ctx, p, key, sig);
	}
	wipe(ctx, offsetof(tcas_sign_ctx, magic));
	ctx->magic = 0;
	return err;
}

int tcas_sign_final(tcas_sign_ctx *ctx, const tcas_sign_params *p,
                    char sig[TCAS_SIGN_HEX_LEN + 1])
{
	return sign_run(ctx, p, NULL, sig);
}

int tcas_sign_final_key(tcas_sign_ctx *ctx, const tcas_sign_params *p,
                        const uint8_t key[32],
                        char sig[TCAS_SIGN_HEX_LEN + 1])
{
	if (key == NULL) {
		if (sig != NULL)
			sig[0] = '\0';
		if (ctx != NULL) {
			wipe(ctx, offsetof(tcas_sign_ctx, magic));
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

/* ---- Authorization ------------------------------------------------------ */

struct out {
	char *buf;
	size_t cap, len;
};

static void out_put(struct out *o, const char *s, size_t n)
{
	if (o->len < o->cap && n < o->cap - o->len)
		memcpy(o->buf + o->len, s, n);
	o->len += n; /* past cap: counted only, nothing written */
}

static void out_str(struct out *o, const char *s)
{
	out_put(o, s, strlen(s));
}

static int check_sig(const char *sig)
{
	size_t i;

	for (i = 0; i < TCAS_SIGN_HEX_LEN; i++)
		if (!((sig[i] >= '0' && sig[i] <= '9') ||
		      (sig[i] >= 'a' && sig[i] <= 'f')))
			return TCAS_E_ARG;
	return sig[i] == '\0' ? TCAS_OK : TCAS_E_ARG;
}

static int auth_write(const tcas_sign_params *p, const char *sig, char *buf,
                      size_t cap, size_t *len)
{
	struct out o = {buf, cap, 0};
	char date[11];

	(void)tcas_utc_date(p->timestamp, date); /* range checked */
	out_str(&o, "TC3-HMAC-SHA256 Credential=");
	out_str(&o, p->secret_id);
	out_str(&o, "/");
	out_put(&o, date, 10);
	out_str(&o, "/");
	out_str(&o, p->service);
	out_str(&o, "/tc3_request, SignedHeaders=");
	out_str(&o, signed_headers(p));
	out_str(&o, ", Signature=");
	out_put(&o, sig, TCAS_SIGN_HEX_LEN);
	if (o.len >= cap) {
		if (cap > 0)
			buf[0] = '\0';
		return TCAS_E_NOSPACE;
	}
	buf[o.len] = '\0';
	if (len != NULL)
		*len = o.len;
	return TCAS_OK;
}

int tcas_sign_authorization(const tcas_sign_params *p, const char *sig,
                            char *out, size_t cap, size_t *len)
{
	int err;

	if (p == NULL || sig == NULL || out == NULL)
		return TCAS_E_ARG;
	err = check_params(p);
	if (err == TCAS_OK)
		err = check_sig(sig);
	if (err != TCAS_OK) {
		if (cap > 0)
			out[0] = '\0';
		return err;
	}
	return auth_write(p, sig, out, cap, len);
}
