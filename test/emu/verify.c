/*
 * verify.c - the service's checks on one complete request, in the
 * service's order, producing the error code and a message naming the
 * field. The signature is recomputed with the library's signer over the
 * exact body bytes received (sigcalc.c) and compared in constant time.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "srv.h"

#define TC3_ALG     "TC3-HMAC-SHA256"
#define API_VERSION "2018-04-19"

static int verdict(emu_verdict *v, int http, const char *code, const char *fmt,
                   ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int verdict(emu_verdict *v, int http, const char *code, const char *fmt,
                   ...)
{
	va_list ap;

	v->http_status = http;
	v->code = code;
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof v->message, fmt, ap);
	va_end(ap);
	return -1;
}

/* Printable, bounded copy of a peer-supplied value for a message. */
static const char *shown(const char *s, char *tmp, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 4 < n; i++)
		tmp[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (s[i] && i + 4 >= n) {
		memcpy(tmp + i, "...", 3);
		i += 3;
	}
	tmp[i] = '\0';
	return tmp;
}

/* Parsed Authorization header. */
typedef struct auth {
	char id[129], date[16], service[32], term[32];
	char signed_hdrs[128];
	char sig[129];
} auth;

static int copy_part(char *dst, size_t cap, const char *s, size_t n)
{
	if (n == 0 || n >= cap)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

static int parse_credential(auth *a, const char *s, size_t n)
{
	const char *p[4], *e = s + n;
	size_t len[4];
	int i;

	for (i = 0; i < 4; i++) {
		const char *slash = memchr(s, '/', (size_t)(e - s));

		p[i] = s;
		if (i < 3 && slash == NULL)
			return -1;
		len[i] = (size_t)((i < 3 ? slash : e) - s);
		s = i < 3 ? slash + 1 : e;
	}
	if (memchr(p[3], '/', len[3]) != NULL)
		return -1;
	if (copy_part(a->id, sizeof a->id, p[0], len[0]) ||
	    copy_part(a->date, sizeof a->date, p[1], len[1]) ||
	    copy_part(a->service, sizeof a->service, p[2], len[2]) ||
	    copy_part(a->term, sizeof a->term, p[3], len[3]))
		return -1;
	return 0;
}

/* "TC3-HMAC-SHA256 Credential=.../.../as/tc3_request, SignedHeaders=...,
   Signature=<64 hex>". Separators: "," with optional spaces. */
static int parse_auth(const char *h, auth *a)
{
	const char *s;
	int got = 0;

	memset(a, 0, sizeof *a);
	if (strncmp(h, TC3_ALG " ", sizeof TC3_ALG) != 0)
		return -1;
	s = h + sizeof TC3_ALG;
	while (*s) {
		const char *comma, *eq, *val;
		size_t klen, vlen;

		while (*s == ' ')
			s++;
		comma = strchr(s, ',');
		if (comma == NULL)
			comma = s + strlen(s);
		eq = memchr(s, '=', (size_t)(comma - s));
		if (eq == NULL)
			return -1;
		klen = (size_t)(eq - s);
		val = eq + 1;
		vlen = (size_t)(comma - val);
		while (vlen > 0 && val[vlen - 1] == ' ')
			vlen--;
		if (klen == 10 && memcmp(s, "Credential", 10) == 0 &&
		    !(got & 1)) {
			if (parse_credential(a, val, vlen) != 0)
				return -1;
			got |= 1;
		} else if (klen == 13 && memcmp(s, "SignedHeaders", 13) == 0 &&
		           !(got & 2)) {
			if (copy_part(a->signed_hdrs, sizeof a->signed_hdrs,
			              val, vlen))
				return -1;
			got |= 2;
		} else if (klen == 9 && memcmp(s, "Signature", 9) == 0 &&
		           !(got & 4)) {
			if (copy_part(a->sig, sizeof a->sig, val, vlen))
				return -1;
			got |= 4;
		} else {
			return -1;
		}
		s = *comma ? comma + 1 : comma;
	}
	return got == 7 ? 0 : -1;
}

static int is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[64] == '\0';
}

static int ct_equal(const char *a, const char *b, size_t n)
{
	unsigned d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		d |= (unsigned)(unsigned char)a[i] ^
		     (unsigned)(unsigned char)b[i];
	return d == 0;
}

static int parse_timestamp(const char *s, long *out)
{
	long x = 0;
	int n = 0;

	for (; *s; s++, n++) {
		if (*s < '0' || *s > '9' || n >= 12)
			return -1;
		x = x * 10 + (*s - '0');
	}
	if (n == 0)
		return -1;
	*out = x;
	return 0;
}

static int check_required(const emu_req *r, emu_verdict *v)
{
	static const char *const req[] = {
	    "Host",           "Content-Type",  "X-TC-Action", "X-TC-Version",
	    "X-TC-Timestamp", "Authorization", "X-TC-Region"};
	size_t i;

	for (i = 0; i < sizeof req / sizeof req[0]; i++) {
		const char *h = emu_req_header(r, req[i]);

		if (h == NULL || *h == '\0')
			return verdict(v, 0, "MissingParameter",
			               "The request is missing a required "
			               "parameter `%s` (header).",
			               req[i]);
		if (emu_req_header_count(r, req[i]) > 1)
			return verdict(
			    v, 0, "InvalidParameter",
			    "The header `%s` appears more than once.", req[i]);
	}
	return 0;
}

static const emu_cred *find_cred(const emu_verify_cfg *cfg, const char *id)
{
	size_t i;

	for (i = 0; i < cfg->ncreds; i++)
		if (strcmp(cfg->creds[i].secret_id, id) == 0)
			return &cfg->creds[i];
	return NULL;
}

/* Length of host without a trailing ":port" (IPv6 literals in brackets). */
static size_t host_sans_port(const char *h)
{
	const char *colon = strrchr(h, ':');
	const char *p;

	if (colon == NULL || (strchr(h, ']') && colon < strchr(h, ']')))
		return strlen(h);
	if (h[0] != '[' && strchr(h, ':') != colon)
		return strlen(h); /* bare IPv6: no port */
	for (p = colon + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return strlen(h);
	return (size_t)(colon - h);
}

static int sig_matches(const emu_req *r, const emu_cred *c, const auth *a,
                       long ts, int with_action)
{
	const char *host = emu_req_header(r, "Host");
	const char *csha = emu_req_header(r, "X-TC-Content-SHA256");
	emu_sig_in in;
	char sig[65];
	size_t hl[2];
	int k;

	memset(&in, 0, sizeof in);
	in.secret_id = c->secret_id;
	in.secret_key = c->secret_key;
	in.content_type = emu_req_header(r, "Content-Type");
	in.action = with_action ? emu_req_header(r, "X-TC-Action") : NULL;
	in.timestamp = ts;
	in.body = r->body ? r->body : "";
	in.body_len = r->body_len;
	if (csha != NULL && strcmp(csha, "UNSIGNED-PAYLOAD") == 0) {
		in.body = "UNSIGNED-PAYLOAD";
		in.body_len = 16;
	}
	hl[0] = strlen(host);
	hl[1] = host_sans_port(host);
	for (k = 0; k < 2; k++) {
		if (k == 1 && hl[1] == hl[0])
			break;
		in.host = host;
		in.host_len = hl[k];
		if (emu_sig_compute(&in, sig) != 0)
			continue;
		if (ct_equal(sig, a->sig, 64))
			return 1;
	}
	return 0;
}

static void utc_date(long t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;

	char tmp[64];

	gmtime_r(&tt, &tm);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

static int check_auth(const emu_req *r, const emu_verify_cfg *cfg, long now,
                      emu_verdict *v)
{
	const char *h = emu_req_header(r, "Authorization");
	const emu_cred *c;
	char tmp[80], date[11];
	long ts, d;
	auth a;
	int with_action;

	if (parse_auth(h, &a) != 0)
		return verdict(
		    v, 0, "AuthFailure.InvalidAuthorization",
		    "Authorization header is not in the format "
		    "`" TC3_ALG " Credential=SecretId/Date/as/"
		    "tc3_request, SignedHeaders=..., Signature=...`.");
	if (strcmp(a.term, "tc3_request") != 0)
		return verdict(v, 0, "AuthFailure.InvalidAuthorization",
		               "Credential scope must end in `tc3_request`, "
		               "got `%s`.",
		               shown(a.term, tmp, sizeof tmp));
	if (strcmp(a.signed_hdrs, "content-type;host") == 0)
		with_action = 0;
	else if (strcmp(a.signed_hdrs, "content-type;host;x-tc-action") == 0)
		with_action = 1;
	else
		return verdict(v, 0, "AuthFailure.InvalidAuthorization",
		               "SignedHeaders `%s` not supported: use "
		               "`content-type;host` or "
		               "`content-type;host;x-tc-action`.",
		               shown(a.signed_hdrs, tmp, sizeof tmp));
	if (!is_hex64(a.sig))
		return verdict(v, 0, "AuthFailure.InvalidAuthorization",
		               "Signature must be 64 hex digits.");
	c = find_cred(cfg, a.id);
	if (c == NULL)
		return verdict(v, 0, "AuthFailure.SecretIdNotFound",
		               "The SecretId `%s` is not found, please ensure "
		               "that your SecretId is correct.",
		               shown(a.id, tmp, sizeof tmp));
	if (parse_timestamp(emu_req_header(r, "X-TC-Timestamp"), &ts) != 0)
		return verdict(v, 0, "InvalidParameterValue",
		               "The value of `X-TC-Timestamp` must be Unix "
		               "seconds (decimal digits).");
	d = ts > now ? ts - now : now - ts;
	if (d > cfg->skew)
		return verdict(v, 0, "AuthFailure.SignatureExpire",
		               "Signature expired: X-TC-Timestamp %ld differs "
		               "from server time %ld by %ld s (max %ld s).",
		               ts, now, d, cfg->skew);
	utc_date(ts, date);
	if (strcmp(a.service, "as") != 0)
		return verdict(v, 0, "AuthFailure.SignatureFailure",
		               "Credential scope service `%s` is not `as`.",
		               shown(a.service, tmp, sizeof tmp));
	if (strcmp(a.date, date) != 0)
		return verdict(v, 0, "AuthFailure.SignatureFailure",
		               "Credential scope date `%s` is not the UTC date "
		               "of X-TC-Timestamp (%s).",
		               shown(a.date, tmp, sizeof tmp), date);
	if (!sig_matches(r, c, &a, ts, with_action))
		return verdict(v, 0, "AuthFailure.SignatureFailure",
		               "The provided credentials could not be "
		               "validated. Please check your signature is "
		               "correct.");
	return 0;
}

static int region_ok(const char *s)
{
	size_t n = strlen(s), i;
	int dash = 0;

	if (n < 4 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash++;
		else if (!((s[i] >= 'a' && s[i] <= 'z') ||
		           (s[i] >= '0' && s[i] <= '9')))
			return 0;
	}
	return dash >= 1;
}

static int content_type_ok(const char *ct)
{
	size_t n = strlen("application/json");

	return strncasecmp(ct, "application/json", n) == 0 &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

int emu_verify(const emu_req *r, const emu_verify_cfg *cfg, long now,
               emu_verdict *v)
{
	const char *lang;
	char tmp[80];

	memset(v, 0, sizeof *v);
	if (strcmp(r->method, "POST") != 0)
		return verdict(v, 0, "UnsupportedProtocol",
		               "HTTP method `%s` is not supported: use POST "
		               "with a JSON body (TC3-HMAC-SHA256).",
		               shown(r->method, tmp, sizeof tmp));
	if (strcmp(r->target, "/") != 0)
		return verdict(v, 404, "NotFound", "path `%s` not found",
		               shown(r->target, tmp, sizeof tmp));
	if (check_required(r, v) != 0)
		return -1;
	if (strcmp(emu_req_header(r, "X-TC-Version"), API_VERSION) != 0)
		return verdict(
		    v, 0, "NoSuchVersion",
		    "The requested version `%s` of product `as` "
		    "does not exist (use `" API_VERSION "`).",
		    shown(emu_req_header(r, "X-TC-Version"), tmp, sizeof tmp));
	if (check_auth(r, cfg, now, v) != 0)
		return -1;
	if (!region_ok(emu_req_header(r, "X-TC-Region")))
		return verdict(
		    v, 0, "InvalidParameterValue",
		    "The value of `X-TC-Region` (`%s`) is not a "
		    "region code such as `ap-guangzhou`.",
		    shown(emu_req_header(r, "X-TC-Region"), tmp, sizeof tmp));
	lang = emu_req_header(r, "X-TC-Language");
	if (lang != NULL && strcmp(lang, "zh-CN") != 0 &&
	    strcmp(lang, "en-US") != 0)
		return verdict(v, 0, "InvalidParameterValue",
		               "The value of `X-TC-Language` must be `zh-CN` "
		               "or `en-US`.");
	if (!content_type_ok(emu_req_header(r, "Content-Type")))
		return verdict(
		    v, 0, "InvalidParameter",
		    "Content-Type `%s` is not supported: use "
		    "`application/json`.",
		    shown(emu_req_header(r, "Content-Type"), tmp, sizeof tmp));
	if (!emu_action_known(emu_req_header(r, "X-TC-Action")))
		return verdict(
		    v, 0, "InvalidAction",
		    "The action `%s` is not found for version `" API_VERSION
		    "` of product `as`.",
		    shown(emu_req_header(r, "X-TC-Action"), tmp, sizeof tmp));
	if (!emu_json_is_object(r->body, r->body_len))
		return verdict(v, 0, "InvalidParameter",
		               "The request body is not a valid JSON object.");
	return 0;
}
