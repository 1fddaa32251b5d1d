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

/* Decode t->der: its subject DN is written at arena + used (dn_len
 * bytes, not yet committed), *pk and *flags describe the key. */
static int decode_der(tcas_trust *t, const br_x509_pkey **pk, unsigned *flags)
{
	t->dn_len = 0;
	t->dn_full = 0;
	br_x509_decoder_init(&t->x509, dn_append, t);
	br_x509_decoder_push(&t->x509, t->der, t->der_len);
	*pk = br_x509_decoder_get_pkey(&t->x509);
	if (*pk == NULL || ((*pk)->key_type != BR_KEYTYPE_RSA &&
	                    (*pk)->key_type != BR_KEYTYPE_EC)) {
		return TCAS_E_TLS_PEM;
	}
	if (t->dn_full) {
		return TCAS_E_TLS_ANCHORS_FULL;
	}
	*flags = br_x509_decoder_isCA(&t->x509) ? BR_X509_TA_CA : 0;
	return TCAS_OK;
}

/* Commit the decoded DN and a copy of pk into ta. */
static int place(tcas_trust *t, br_x509_trust_anchor *ta,
                 const br_x509_pkey *pk, unsigned flags)
{
	size_t end = copy_key(t, &ta->pkey, pk);

	if (end == 0) {
		return TCAS_E_TLS_ANCHORS_FULL;
	}
	ta->dn.data = t->arena + t->used;
	ta->dn.len = t->dn_len;
	ta->flags = flags;
	t->used = end;
	return TCAS_OK;
}

/* Decode t->der into the next anchor, unless it is already known. */
static int add_anchor(tcas_trust *t)
{
	const br_x509_pkey *pk;
	unsigned flags;
	int rc = decode_der(t, &pk, &flags);

	if (rc != TCAS_OK) {
		return rc;
	}
	if (known(t, pk, flags)) {
		return TCAS_OK;
	}
	if (t->count >= t->ta_max) {
		return TCAS_E_TLS_ANCHORS_FULL;
	}
	rc = place(t, &t->ta[t->count], pk, flags);
	if (rc == TCAS_OK) {
		if (t->idx != NULL) {
			memset(&t->idx[t->count], 0, sizeof t->idx[0]);
		}
		t->count++;
	}
	return rc;
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

static int push_run(tcas_trust *t, const char *data, size_t len)
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

/* BearSSL's PEM decoder leaves a hole in an object's name where a banner
 * line holds a CR (the name of a CRLF file's "-----BEGIN CERTIFICATE-----"
 * is not "CERTIFICATE", and no certificate is found): CRs never reach it.
 * In base64 they are blanks anyway, and the index scanner drops them too,
 * so both loaders read a CRLF bundle as its LF twin. */
static int push(tcas_trust *t, const char *data, size_t len)
{
	while (len > 0) {
		const char *cr = memchr(data, '\r', len);
		size_t run = cr != NULL ? (size_t)(cr - data) : len;
		int rc = push_run(t, data, run);

		if (rc != TCAS_OK || cr == NULL) {
			return rc;
		}
		data += run + 1;
		len -= run + 1;
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
	tcas_trust_set_index(&s->t, s->idx);
}

/* ---- lazy bundles: the index ----------------------------------------------
 */

/* Where the index scanner is in the text. */
enum ix_mode {
	IX_LINE,   /* at the start of a line */
	IX_MARKER, /* in a line that starts with '-' (kept in t->line) */
	IX_B64,    /* in a base64 line of a certificate, decoding */
	IX_SKIP    /* in a line that is not looked at */
};

#define BEGIN_MARK   "-----BEGIN "
#define END_MARK     "-----END "
#define PEM_NAME_MAX 127 /* BearSSL's limit on an object's name */
TCAS_STATIC_ASSERT(sizeof(((tcas_trust *)0)->line) >
                       sizeof BEGIN_MARK - 1 + PEM_NAME_MAX,
                   banner_fits);

/* Value of a base64 digit, -1 for another byte. */
static int b64_val(unsigned c)
{
	if (c - 'A' < 26) {
		return (int)(c - 'A');
	}
	if (c - 'a' < 26) {
		return (int)(c - 'a' + 26);
	}
	if (c - '0' < 10) {
		return (int)(c - '0' + 52);
	}
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Blanks inside a line, as BearSSL's PEM decoder takes them: every control
 * byte and the space, but the newline. */
static int is_space(unsigned c)
{
	return c <= ' ' && c != '\n';
}

/* What one byte of base64 text gives (b64_step()). */
enum b64_out {
	B64_NOTHING = 0, /* a blank, or a digit that completes no byte */
	B64_BYTE = 1,    /* *out holds the next decoded byte */
	B64_PAD = 2      /* '=': the data is over */
};

/* Feed one byte of base64 text (t->b64, t->b64_bits): a b64_out, or
 * TCAS_E_TLS_PEM for a byte that is neither a digit nor a blank. */
static int b64_step(tcas_trust *t, unsigned c, uint8_t *out)
{
	int v = b64_val(c);

	if (v < 0) {
		if (c == '=') {
			return B64_PAD;
		}
		return is_space(c) ? B64_NOTHING : TCAS_E_TLS_PEM;
	}
	t->b64 = (t->b64 << 6) | (uint32_t)v;
	t->b64_bits += 6;
	if (t->b64_bits < 8) {
		return B64_NOTHING;
	}
	t->b64_bits -= 8;
	*out = (uint8_t)(t->b64 >> t->b64_bits);
	return B64_BYTE;
}

/* A line that starts with '-', read as BearSSL reads banners: ASCII
 * upper case, CRs dropped. Returns the new length. */
static size_t norm_line(char *line, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		char c = line[i];

		if (c != '\r') {
			line[n++] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
		}
	}
	return n;
}

static int starts(const char *line, size_t len, const char *mark)
{
	size_t m = strlen(mark);

	return len >= m && memcmp(line, mark, m) == 0;
}

/* The object name of a BEGIN line (trailing dashes dropped), NUL
 * terminated in place. */
static const char *begin_name(char *line, size_t len)
{
	size_t m = strlen(BEGIN_MARK);

	while (len > m && line[len - 1] == '-') {
		len--;
	}
	line[len] = '\0';
	return line + m;
}

static int is_cert_name(const char *name)
{
	return strcmp(name, "CERTIFICATE") == 0 ||
	       strcmp(name, "X509 CERTIFICATE") == 0;
}

static int ix_begin_obj(tcas_trust *t, const char *name, uint64_t line_off)
{
	if (t->in_obj) {
		return TCAS_E_TLS_PEM;
	}
	t->in_obj = 1;
	t->want = is_cert_name(name);
	t->obj_off = line_off;
	t->decoding = t->want;
	t->b64 = 0;
	t->b64_bits = 0;
	tcas_certscan_init(&t->scan);
	if (t->want) {
		t->found++;
	}
	return TCAS_OK;
}

/* END line of a certificate: its index entry, and an empty slot. */
static int ix_end_cert(tcas_trust *t)
{
	tcas_trust_entry *e;
	br_x509_trust_anchor *ta;

	if (!(t->scan.facts & TCAS_CERT_SUBJECT)) {
		return TCAS_E_TLS_PEM; /* ends before its subject name */
	}
	if (t->count >= t->ta_max || t->off - t->obj_off > UINT32_MAX) {
		return TCAS_E_TLS_ANCHORS_FULL;
	}
	e = &t->idx[t->count];
	e->off = t->obj_off;
	e->len = (uint32_t)(t->off - t->obj_off);
	e->dn_hash = t->scan.subject_hash;
	e->dn_len = t->scan.subject_len;
	e->src = (uint8_t)(t->nsrc - 1);
	e->state = TCAS_TRUST_INDEXED;
	ta = &t->ta[t->count];
	memset(ta, 0, sizeof *ta); /* matches nothing until resolved */
	t->count++;
	return TCAS_OK;
}

/* A whole line that starts with '-' (t->line, t->line_len bytes, the
 * newline consumed; t->off is past it). Outside an object only a BEGIN
 * line counts; inside one, only its END line may start with '-'. */
static int ix_marker(tcas_trust *t)
{
	uint64_t line_off = t->off - t->line_len - 1;
	size_t len =
	    t->line_len < sizeof t->line ? t->line_len : sizeof t->line - 1;

	len = norm_line(t->line, len);
	if (t->in_obj) {
		if (!starts(t->line, len, END_MARK)) {
			return TCAS_E_TLS_PEM;
		}
		t->in_obj = 0;
		return t->want ? ix_end_cert(t) : TCAS_OK;
	}
	if (starts(t->line, len, BEGIN_MARK) &&
	    t->line_len <= strlen(BEGIN_MARK) + PEM_NAME_MAX) {
		return ix_begin_obj(t, begin_name(t->line, len), line_off);
	}
	return TCAS_OK;
}

/* Base64 of a certificate, up to the end of the line (the newline not
 * consumed); feeds the DER to the scan until it has the subject. Returns
 * the bytes consumed, or a negative tcas_err. */
static long ix_b64(tcas_trust *t, const char *p, size_t len)
{
	uint8_t out[48];
	size_t i, n = 0;

	for (i = 0; i < len && p[i] != '\n' && t->decoding; i++) {
		int r = b64_step(t, (unsigned char)p[i], &out[n]);

		if (r < 0) {
			return r;
		}
		if (r == B64_PAD) {
			t->decoding = 0; /* padding: the data is over */
		}
		n += r == B64_BYTE;
		if (n == sizeof out) {
			tcas_certscan_push(&t->scan, out, n);
			n = 0;
		}
	}
	tcas_certscan_push(&t->scan, out, n);
	if (t->scan.facts & TCAS_CERT_BAD) {
		return TCAS_E_TLS_PEM;
	}
	if (t->scan.facts & TCAS_CERT_SUBJECT) {
		t->decoding = 0; /* the rest is read when resolved */
	}
	return (long)i;
}

/* One step of the scanner over p[0..len); returns the bytes consumed
 * (> 0 unless a mode changes) or a negative tcas_err. */
static long ix_step(tcas_trust *t, const char *p, size_t len)
{
	const char *nl;

	switch (t->mode) {
	case IX_LINE:
		if (*p == '-') {
			t->mode = IX_MARKER;
			t->line_len = 0;
			return 0;
		}
		if (*p == '\n') {
			return 1;
		}
		t->mode = t->in_obj && t->decoding ? IX_B64 : IX_SKIP;
		return 0;
	case IX_MARKER:
		if (*p == '\n') {
			int rc;

			t->mode = IX_LINE;
			t->off++; /* ix_marker() sees the offset past the line
			           */
			rc = ix_marker(t);
			t->off--; /* the caller counts the newline */
			return rc == TCAS_OK ? 1 : rc;
		}
		if (t->line_len < sizeof t->line) {
			t->line[t->line_len] = *p;
		}
		t->line_len++;
		return 1;
	case IX_B64: {
		long n = ix_b64(t, p, len);

		if (n >= 0 && !t->decoding) {
			t->mode = IX_SKIP;
		} else if (n >= 0 && (size_t)n < len) {
			t->mode = IX_LINE; /* at the newline */
			n++;
		}
		return n;
	}
	default:
		nl = memchr(p, '\n', len);
		if (nl == NULL) {
			return (long)len;
		}
		t->mode = IX_LINE;
		return nl - p + 1;
	}
}

void tcas_trust_set_index(tcas_trust *t, tcas_trust_entry *idx)
{
	if (t != NULL) {
		t->idx = idx;
	}
}

int tcas_trust_index_begin(tcas_trust *t, tcas_trust_read_fn read, long handle)
{
	if (t == NULL || read == NULL) {
		return TCAS_E_ARG;
	}
	if (t->err != TCAS_OK) {
		return t->err;
	}
	if (t->idx == NULL || t->nsrc >= TCAS_TRUST_SOURCES_MAX ||
	    t->lazy_open) {
		return TCAS_E_STATE;
	}
	t->src_read[t->nsrc] = read;
	t->src_handle[t->nsrc] = handle;
	t->nsrc++;
	t->off = 0;
	t->mode = IX_LINE;
	t->in_obj = 0;
	t->found = 0;
	t->lazy_open = 1;
	return TCAS_OK;
}

int tcas_trust_index_push(tcas_trust *t, const char *data, size_t len)
{
	if (t == NULL || (data == NULL && len > 0)) {
		return TCAS_E_ARG;
	}
	if (t->err != TCAS_OK) {
		return t->err;
	}
	if (!t->lazy_open) {
		return TCAS_E_STATE;
	}
	while (len > 0) {
		long n = ix_step(t, data, len);

		if (n < 0) {
			t->err = (int)n;
			return t->err;
		}
		data += n;
		len -= (size_t)n;
		t->off += (uint64_t)n;
	}
	return TCAS_OK;
}

int tcas_trust_index_finish(tcas_trust *t)
{
	size_t found;

	if (t == NULL) {
		return TCAS_E_ARG;
	}
	if (t->err != TCAS_OK) {
		return t->err;
	}
	if (!t->lazy_open) {
		return TCAS_E_STATE;
	}
	/* a last line without a newline still counts */
	if (tcas_trust_index_push(t, "\n", 1) != TCAS_OK) {
		return t->err;
	}
	found = t->found;
	t->found = 0;
	t->lazy_open = 0;
	if (t->in_obj || found == 0) {
		t->err = TCAS_E_TLS_PEM;
		return t->err;
	}
	return TCAS_OK;
}

/* ---- lazy bundles: decoding an anchor when a chain names it -------------- */

/* Base64 of one PEM object into t->der (lines that start with '-', the
 * BEGIN and END lines, are skipped). */
struct obj_b64 {
	int line_start, skip_line, over;
};

static int obj_b64_push(tcas_trust *t, struct obj_b64 *st, const char *p,
                        size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned c = (unsigned char)p[i];
		uint8_t byte;
		int r;

		if (c == '\n') {
			st->line_start = 1;
			st->skip_line = 0;
			continue;
		}
		if (st->line_start) {
			st->line_start = 0;
			st->skip_line = c == '-';
		}
		if (st->skip_line || st->over) {
			continue;
		}
		r = b64_step(t, c, &byte);
		if (r < 0) {
			return r;
		}
		st->over = r == B64_PAD;
		if (r == B64_BYTE) {
			if (t->der_len >= sizeof t->der) {
				return TCAS_E_TLS_CERT_TOO_LARGE;
			}
			t->der[t->der_len++] = byte;
		}
	}
	return TCAS_OK;
}

/* Read entry i's certificate from its source into t->der. */
static int read_entry(tcas_trust *t, const tcas_trust_entry *e)
{
	struct obj_b64 st = {1, 0, 0};
	char buf[512];
	uint32_t done = 0;

	t->der_len = 0;
	t->b64 = 0;
	t->b64_bits = 0;
	if (e->src >= t->nsrc || t->src_read[e->src] == NULL) {
		return TCAS_E_TLS_PEM; /* the source was closed */
	}
	while (done < e->len) {
		size_t want =
		    e->len - done < sizeof buf ? e->len - done : sizeof buf;
		long n = t->src_read[e->src](t->src_handle[e->src],
		                             e->off + done, buf, want);
		int rc;

		if (n == 0) {
			break; /* a last END line without its newline */
		}
		if (n < 0 || (size_t)n > want) {
			return TCAS_E_TLS_PEM;
		}
		rc = obj_b64_push(t, &st, buf, (size_t)n);
		if (rc != TCAS_OK) {
			return rc;
		}
		done += (uint32_t)n;
	}
	return TCAS_OK;
}

/* Decode entry i into its slot; the name must still be the one indexed. */
static int resolve_entry(tcas_trust *t, size_t i)
{
	const tcas_trust_entry *e = &t->idx[i];
	const br_x509_pkey *pk;
	unsigned flags;
	int rc = read_entry(t, e);

	if (rc == TCAS_OK) {
		rc = decode_der(t, &pk, &flags);
	}
	if (rc != TCAS_OK) {
		return rc;
	}
	if (t->dn_len != e->dn_len ||
	    tcas_dn_hash(t->arena + t->used, t->dn_len) != e->dn_hash) {
		return TCAS_E_TLS_PEM; /* the source changed under us */
	}
	return place(t, &t->ta[i], pk, flags);
}

void tcas_trust_resolve(void *ctx, uint32_t dn_hash, uint32_t dn_len)
{
	tcas_trust *t = ctx;
	size_t i;

	if (t == NULL || t->idx == NULL) {
		return;
	}
	for (i = 0; i < t->count; i++) {
		tcas_trust_entry *e = &t->idx[i];

		if (e->state != TCAS_TRUST_INDEXED || e->dn_hash != dn_hash ||
		    e->dn_len != dn_len) {
			continue;
		}
		if (resolve_entry(t, i) == TCAS_OK) {
			e->state = TCAS_TRUST_RESOLVED;
			t->resolved++;
		} else {
			e->state = TCAS_TRUST_UNUSABLE;
		}
	}
}
