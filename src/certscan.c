/*
 * A streaming scan of one DER certificate for the few facts the TLS policy
 * and the lazy trust store need (contract in tcas/tls.h, tcas_certscan):
 * the issuer and subject names (hashed), the public key's algorithm and
 * curve, and the certificate's signature algorithm. It reads the fields in
 * the order X.509 (RFC 5280, 4.1) puts them and skips everything else by
 * its length, so a certificate costs a few hundred byte steps. It never
 * decides whether a certificate is valid: BearSSL's X.509 engine does;
 * a certificate the scan cannot follow just yields no facts.
 */
#include "inner.h"

#include "tcas/tls.h"

/* What a step does with the element it expects. */
enum scan_do {
	DO_ENTER, /* open it: the next steps read its content */
	DO_SKIP,  /* skip its content */
	DO_NAME,  /* hash its header and content (a Name) */
	DO_OID    /* keep its content (an OBJECT IDENTIFIER) */
};

enum scan_step {
	SC_CERT,     /* Certificate ::= SEQUENCE */
	SC_TBS,      /* tbsCertificate SEQUENCE */
	SC_SERIAL,   /* [0] version (skipped, then here again) or serial */
	SC_TBS_SIG,  /* signature AlgorithmIdentifier inside the TBS */
	SC_ISSUER,   /* issuer Name */
	SC_VALIDITY, /* validity */
	SC_SUBJECT,  /* subject Name */
	SC_SPKI,     /* subjectPublicKeyInfo SEQUENCE */
	SC_KEY_ALG,  /* its AlgorithmIdentifier */
	SC_KEY_OID,  /* algorithm OID */
	SC_CURVE,    /* namedCurve OID (EC keys only) */
	SC_SIG_ALG,  /* Certificate.signatureAlgorithm */
	SC_SIG_OID,  /* its OID */
	SC_DONE      /* the rest (signature value) is not looked at */
};

/* Open containers, indexes of s->end[]: the end offset of each. */
enum scan_level { LV_TOP, LV_CERT, LV_TBS, LV_SPKI, LV_ALG, LV_COUNT };

struct scan_rule {
	uint8_t tag;   /* the element's tag */
	uint8_t level; /* the container it must fit in */
	uint8_t act;   /* enum scan_do */
	uint8_t opens; /* DO_ENTER: the level it opens */
};

/* One row per step, in enum scan_step order. */
static const struct scan_rule rules[] = {
    {0x30, LV_TOP, DO_ENTER, LV_CERT}, /* SC_CERT */
    {0x30, LV_CERT, DO_ENTER, LV_TBS}, /* SC_TBS */
    {0x02, LV_TBS, DO_SKIP, 0},        /* SC_SERIAL (or [0] version) */
    {0x30, LV_TBS, DO_SKIP, 0},        /* SC_TBS_SIG */
    {0x30, LV_TBS, DO_NAME, 0},        /* SC_ISSUER */
    {0x30, LV_TBS, DO_SKIP, 0},        /* SC_VALIDITY */
    {0x30, LV_TBS, DO_NAME, 0},        /* SC_SUBJECT */
    {0x30, LV_TBS, DO_ENTER, LV_SPKI}, /* SC_SPKI */
    {0x30, LV_SPKI, DO_ENTER, LV_ALG}, /* SC_KEY_ALG */
    {0x06, LV_ALG, DO_OID, 0},         /* SC_KEY_OID */
    {0x06, LV_ALG, DO_OID, 0},         /* SC_CURVE */
    {0x30, LV_CERT, DO_ENTER, LV_ALG}, /* SC_SIG_ALG (the TBS is over) */
    {0x06, LV_ALG, DO_OID, 0},         /* SC_SIG_OID */
};
TCAS_STATIC_ASSERT(TCAS_COUNTOF(rules) == SC_DONE, one_rule_per_step);
TCAS_STATIC_ASSERT(LV_COUNT <= TCAS_CERTSCAN_LEVELS, levels_fit);

#define TAG_VERSION 0xA0 /* [0] EXPLICIT Version */

/* Reading modes. */
enum scan_mode {
	MD_HEAD, /* a tag and length */
	MD_SKIP, /* content skipped; the step is then done */
	MD_NAME, /* content hashed; the step is then done */
	MD_OID,  /* content kept; the step is then done */
	MD_LEAVE /* the rest of the TBS skipped, then SC_SIG_ALG */
};

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

static uint32_t fnv(uint32_t h, const uint8_t *p, size_t n)
{
	while (n--) {
		h = (h ^ *p++) * FNV_PRIME;
	}
	return h;
}

uint32_t tcas_dn_hash(const uint8_t *dn, size_t len)
{
	return fnv(FNV_BASIS, dn, len);
}

void tcas_certscan_init(tcas_certscan *s)
{
	memset(s, 0, sizeof *s);
	s->end[LV_TOP] = UINT32_MAX;
	s->step = SC_CERT;
	s->mode = MD_HEAD;
}

static void stop(tcas_certscan *s)
{
	s->step = SC_DONE;
	s->facts |= TCAS_CERT_BAD;
}

static int oid_is(const tcas_certscan *s, const uint8_t *oid, size_t n)
{
	return s->oid_len == n && memcmp(s->oid, oid, n) == 0;
}

/* OIDs, DER content bytes. */
static const uint8_t oid_ec_key[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
static const uint8_t oid_rsa_key[] = {0x2A, 0x86, 0x48, 0x86, 0xF7,
                                      0x0D, 0x01, 0x01, 0x01};
static const uint8_t oid_p256[] = {0x2A, 0x86, 0x48, 0xCE,
                                   0x3D, 0x03, 0x01, 0x07};
static const uint8_t oid_p384[] = {0x2B, 0x81, 0x04, 0x00, 0x22};
/* PKCS#1 v1.5 signatures, 1.2.840.113549.1.1.N: N = 2 (MD2), 3 (MD4),
 * 4 (MD5), 5 (SHA-1) are weak */
static const uint8_t oid_pkcs1[] = {0x2A, 0x86, 0x48, 0x86,
                                    0xF7, 0x0D, 0x01, 0x01};
static const uint8_t oid_ecdsa_sha1[] = {0x2A, 0x86, 0x48, 0xCE,
                                         0x3D, 0x04, 0x01};
static const uint8_t oid_dsa_sha1[] = {0x2A, 0x86, 0x48, 0xCE,
                                       0x38, 0x04, 0x03};
static const uint8_t oid_oiw_sha1rsa[] = {0x2B, 0x0E, 0x03, 0x02, 0x1D};

static uint8_t sig_class(const tcas_certscan *s)
{
	if (s->oid_len == sizeof oid_pkcs1 + 1 &&
	    memcmp(s->oid, oid_pkcs1, sizeof oid_pkcs1) == 0) {
		uint8_t n = s->oid[sizeof oid_pkcs1];

		return n >= 2 && n <= 5 ? TCAS_CERT_SIG_WEAK : TCAS_CERT_SIG_OK;
	}
	return oid_is(s, oid_ecdsa_sha1, sizeof oid_ecdsa_sha1) ||
	               oid_is(s, oid_dsa_sha1, sizeof oid_dsa_sha1) ||
	               oid_is(s, oid_oiw_sha1rsa, sizeof oid_oiw_sha1rsa)
	           ? TCAS_CERT_SIG_WEAK
	           : TCAS_CERT_SIG_OK;
}

static uint8_t curve_class(const tcas_certscan *s)
{
	if (oid_is(s, oid_p256, sizeof oid_p256)) {
		return TCAS_CERT_P256;
	}
	return oid_is(s, oid_p384, sizeof oid_p384) ? TCAS_CERT_P384
	                                            : TCAS_CERT_CURVE_OTHER;
}

/* The key is known: skip the rest of the TBS (key bits, extensions). */
static void leave_tbs(tcas_certscan *s)
{
	s->facts |= TCAS_CERT_KEY;
	s->step = SC_SIG_ALG;
	s->left = s->end[LV_TBS] - s->pos;
	s->mode = s->left > 0 ? MD_LEAVE : MD_HEAD;
}

/* The element of the current step is complete: record, pick the next. */
static void done(tcas_certscan *s)
{
	s->mode = MD_HEAD;
	switch (s->step) {
	case SC_SERIAL:
		if (s->tag == TAG_VERSION) {
			return; /* the serial number comes next */
		}
		break;
	case SC_ISSUER:
		s->issuer_hash = s->hash;
		s->issuer_len = s->name_len;
		s->facts |= TCAS_CERT_ISSUER;
		break;
	case SC_SUBJECT:
		s->subject_hash = s->hash;
		s->subject_len = s->name_len;
		s->facts |= TCAS_CERT_SUBJECT;
		break;
	case SC_KEY_OID:
		if (oid_is(s, oid_ec_key, sizeof oid_ec_key)) {
			s->key = TCAS_CERT_KEY_EC;
			break;
		}
		s->key = oid_is(s, oid_rsa_key, sizeof oid_rsa_key)
		             ? TCAS_CERT_KEY_RSA
		             : TCAS_CERT_KEY_OTHER;
		leave_tbs(s);
		return;
	case SC_CURVE:
		s->curve = curve_class(s);
		leave_tbs(s);
		return;
	case SC_SIG_OID:
		s->sig = sig_class(s);
		s->facts |= TCAS_CERT_SIG;
		break;
	default:
		break;
	}
	s->step++;
}

/* A header is complete (s->tag, s->len, s->pos after it): act on it. */
static void on_head(tcas_certscan *s)
{
	const struct scan_rule *r = &rules[s->step];
	uint32_t lim = s->end[r->level];

	if (s->step == SC_CURVE && s->tag != r->tag) {
		s->curve = TCAS_CERT_CURVE_OTHER; /* not a named curve */
		leave_tbs(s);
		return;
	}
	if ((s->tag != r->tag &&
	     !(s->step == SC_SERIAL && s->tag == TAG_VERSION)) ||
	    s->pos > lim || s->len > lim - s->pos) {
		stop(s);
		return;
	}
	s->left = s->len;
	s->oid_len = 0;
	switch (r->act) {
	case DO_ENTER:
		s->end[r->opens] = s->pos + s->len;
		s->step++;
		return;
	case DO_SKIP:
		s->mode = MD_SKIP;
		break;
	case DO_NAME:
		s->mode = MD_NAME;
		break;
	default:
		s->mode = MD_OID;
		break;
	}
	if (s->left == 0) {
		done(s);
	}
}

/* One header byte; returns 1 when the header is complete. */
static int head_byte(tcas_certscan *s, uint8_t b)
{
	if (s->hlen == 0) {
		if ((b & 0x1F) == 0x1F) {
			stop(s); /* multi-byte tags never occur on this path */
			return 0;
		}
		s->tag = b;
		s->len = 0;
		s->hneed = 2;
	} else if (s->hlen == 1) {
		if (b == 0x80 || b > 0x84) {
			stop(s); /* indefinite, or 2^32 bytes or more */
			return 0;
		}
		if (b & 0x80) {
			s->hneed = (uint8_t)(2 + (b & 0x7F));
		} else {
			s->len = b;
		}
	} else {
		s->len = (s->len << 8) | b;
	}
	s->head[s->hlen++] = b;
	if (s->hlen < s->hneed) {
		return 0;
	}
	s->hash = fnv(FNV_BASIS, s->head, s->hlen);
	s->name_len = s->hlen;
	s->hlen = 0;
	return 1;
}

static void keep_oid(tcas_certscan *s, const uint8_t *p, size_t n)
{
	size_t room =
	    s->oid_len < sizeof s->oid ? sizeof s->oid - s->oid_len : 0;
	size_t k = n < room ? n : room;
	size_t total = (size_t)s->oid_len + n;

	if (k > 0) {
		memcpy(s->oid + s->oid_len, p, k);
	}
	/* an OID longer than oid[] keeps a length that matches none */
	s->oid_len = (uint8_t)(total > UINT8_MAX ? UINT8_MAX : total);
}

void tcas_certscan_push(tcas_certscan *s, const uint8_t *buf, size_t len)
{
	while (len > 0 && s->step != SC_DONE) {
		size_t n = 1;

		if (s->mode == MD_HEAD) {
			s->pos++;
			if (head_byte(s, *buf)) {
				on_head(s);
			}
		} else {
			n = len < s->left ? len : s->left;
			if (s->mode == MD_NAME) {
				s->hash = fnv(s->hash, buf, n);
				s->name_len += (uint32_t)n;
			} else if (s->mode == MD_OID) {
				keep_oid(s, buf, n);
			}
			s->pos += (uint32_t)n;
			s->left -= (uint32_t)n;
			if (s->left == 0) {
				if (s->mode == MD_LEAVE) {
					s->mode = MD_HEAD;
				} else {
					done(s);
				}
			}
		}
		buf += n;
		len -= n;
	}
}
