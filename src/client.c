/* One signed API call over a reusable connection; contract in
 * tcas/client.h. */
#include "inner.h"

#include "tcas/client.h"
#include "tcas/sign.h"
#include "tcas/utctime.h"

#define CONTENT_TYPE "application/json"
/* 2020-01-01T00:00:00Z: anything earlier is an unset clock. */
#define CLOCK_FLOOR 1577836800
/* QPS for actions the table does not know. */
#define RATE_DEFAULT 20
/* close_notify budget when dropping a connection. */
#define CLOSE_MS 200
/* Longest SecretId accepted; bounds the Authorization value on the stack. */
#define SECRET_ID_MAX 128
#define AUTH_MAX      (SECRET_ID_MAX + 256)

/* Inlining hints, only a size matter (measured on the Cortex-M4 board,
 * gcc -Os): CLIENT_NOINLINE keeps steps of a call out of the one large
 * frame they would otherwise be inlined into, with their error tails
 * duplicated; CLIENT_INLINE lets the constant arguments of a small helper
 * drop the code its call sites do not need. */
#if defined(__GNUC__) || defined(__clang__)
#define CLIENT_NOINLINE __attribute__((noinline))
#define CLIENT_INLINE   inline __attribute__((always_inline))
#else
#define CLIENT_NOINLINE
#define CLIENT_INLINE
#endif

static void wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;

	while (n--)
		*v++ = 0;
}

int tcas_client_init_sized(tcas_client *c, const tcas_port *port, size_t size)
{
	typedef char
	    default_fits[sizeof TCAS_AS_DEFAULT_HOST <= TCAS_HOST_MAX ? 1 : -1];

	size_t i;

	(void)sizeof(default_fits);
	if (c == NULL || port == NULL)
		return TCAS_E_ARG;
	if (size != sizeof *c)
		return TCAS_E_CONFIG;
	memset(c, 0, sizeof *c);
	c->port = port;
	tcas_tls_set_x509(&c->tls, &c->shared.xc);
	c->action_version = TCAS_AS_VERSION;
	c->service = TCAS_AS_SERVICE;
	c->timeout_ms = TCAS_TIMEOUT_MS_DEFAULT;
	c->connect_timeout_ms = TCAS_CONNECT_TIMEOUT_MS_DEFAULT;
	c->tls_timeout_ms = TCAS_TLS_TIMEOUT_MS_DEFAULT;
	c->io_timeout_ms = TCAS_IO_TIMEOUT_MS_DEFAULT;
	c->max_attempts = TCAS_RETRY_ATTEMPTS_DEFAULT;
	c->backoff_base_ms = TCAS_RETRY_BASE_MS_DEFAULT;
	c->backoff_cap_ms = TCAS_RETRY_CAP_MS_DEFAULT;
	/* client_token_mode: TCAS_CLIENT_TOKEN_AUTO, 0 */
	/* the default endpoint, as tcas_client_set_endpoint() would set it
	 * (not called, so images that keep the default do not link the
	 * endpoint parser) */
	for (i = 0; i < sizeof TCAS_AS_DEFAULT_HOST; i++)
		c->host[i] = c->host_header[i] = TCAS_AS_DEFAULT_HOST[i];
	c->port_num = 443;
	c->use_tls = 1;
	return TCAS_OK;
}

/* Parse a decimal port 1..65535 from s[0..n). */
static int parse_port(const char *s, size_t n, uint16_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return TCAS_E_ENDPOINT;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return TCAS_E_ENDPOINT;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	if (v == 0 || v > 65535)
		return TCAS_E_ENDPOINT;
	*out = (uint16_t)v;
	return TCAS_OK;
}

static int host_char_ok(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
	       ch == '_' || ch == ':';
}

/* Split "host[:port]" or "[v6][:port]" (authority, no scheme) into c. */
static int set_authority(tcas_client *c, const char *a, size_t n, int tls)
{
	const char *host = a, *colon = NULL;
	size_t hlen, i;
	uint16_t port = tls ? 443 : 80;
	int err;

	if (n > 0 && a[0] == '[') {
		const char *end = memchr(a, ']', n);

		if (end == NULL)
			return TCAS_E_ENDPOINT;
		host = a + 1;
		hlen = (size_t)(end - host);
		if ((size_t)(end + 1 - a) < n) {
			if (end[1] != ':')
				return TCAS_E_ENDPOINT;
			colon = end + 1;
		}
	} else {
		colon = memchr(a, ':', n);
		hlen = colon ? (size_t)(colon - a) : n;
	}
	if (colon) {
		err = parse_port(colon + 1, n - (size_t)(colon + 1 - a), &port);
		if (err)
			return err;
	} else if (!tls) {
		return TCAS_E_ENDPOINT; /* http:// needs an explicit port */
	}
	if (hlen == 0 || hlen >= sizeof c->host)
		return TCAS_E_ENDPOINT;
	for (i = 0; i < hlen; i++)
		if (!host_char_ok(host[i]) || (host[i] == ':' && a[0] != '['))
			return TCAS_E_ENDPOINT;
	/* The Host header (and so the signature) carries the authority as
	 * given, without a default port. */
	if (n >= sizeof c->host_header)
		return TCAS_E_ENDPOINT;
	memcpy(c->host, host, hlen);
	c->host[hlen] = '\0';
	memcpy(c->host_header, a, n);
	c->host_header[n] = '\0';
	if (colon && ((tls && port == 443) || (!tls && port == 80)))
		c->host_header[colon - a] = '\0';
	c->port_num = port;
	c->use_tls = tls;
	return TCAS_OK;
}

int tcas_client_set_endpoint(tcas_client *c, const char *endpoint)
{
	static const char https[] = "https://", http[] = "http://";
	size_t n;
	int tls = 1;

	if (c == NULL || endpoint == NULL)
		return TCAS_E_ARG;
	tcas_client_close(c);
	tcas_tls_forget_session(&c->tls);
	if (strncmp(endpoint, https, sizeof https - 1) == 0) {
		endpoint += sizeof https - 1;
	} else if (strncmp(endpoint, http, sizeof http - 1) == 0) {
		endpoint += sizeof http - 1;
		tls = 0;
	} else if (strstr(endpoint, "://") != NULL) {
		return TCAS_E_ENDPOINT;
	}
	n = strlen(endpoint);
	if (n > 0 && endpoint[n - 1] == '/')
		n--;
	if (n == 0 || memchr(endpoint, '/', n) || memchr(endpoint, '@', n) ||
	    memchr(endpoint, '?', n))
		return TCAS_E_ENDPOINT;
	return set_authority(c, endpoint, n, tls);
}

/* Drop the kept signing key (new credentials, wipe). */
static void forget_key(tcas_client *c)
{
#if TCAS_WITH_KEY_CACHE
	wipe(c->sign_key, sizeof c->sign_key);
	c->sign_key_date[0] = '\0';
	c->sign_key_secret = NULL;
	c->sign_key_service = NULL;
#else
	(void)c;
#endif
}

void tcas_client_set_credentials(tcas_client *c, const char *secret_id,
                                 const char *secret_key, const char *token)
{
	if (c == NULL)
		return;
	c->secret_id = secret_id;
	c->secret_key = secret_key;
	c->token = (token && token[0]) ? token : NULL;
	forget_key(c);
}

void tcas_client_set_region(tcas_client *c, const char *region)
{
	if (c)
		c->region = region;
}

void tcas_client_set_language(tcas_client *c, const char *language)
{
	if (c)
		c->language = language;
}

void tcas_client_set_trust(tcas_client *c, const br_x509_trust_anchor *ta,
                           size_t count)
{
	if (c) {
		c->ta = ta;
		c->ta_count = count;
		tcas_tls_set_resolver(&c->tls, NULL, NULL);
	}
}

void tcas_client_set_trust_store(tcas_client *c, tcas_trust *t)
{
	tcas_client_set_trust(c, t ? t->ta : NULL, t ? t->count : 0);
	if (c && t)
		tcas_tls_set_resolver(&c->tls, tcas_trust_resolve, t);
}

void tcas_client_set_timeout(tcas_client *c, uint32_t timeout_ms)
{
	if (c)
		c->timeout_ms = timeout_ms;
}

void tcas_client_set_timeouts(tcas_client *c, uint32_t connect_ms,
                              uint32_t tls_ms, uint32_t io_ms)
{
	if (c == NULL)
		return;
	c->connect_timeout_ms = connect_ms;
	c->tls_timeout_ms = tls_ms;
	c->io_timeout_ms = io_ms;
}

void tcas_client_set_retry(tcas_client *c, int attempts, uint32_t base_ms,
                           uint32_t cap_ms)
{
	if (c == NULL)
		return;
	c->max_attempts = attempts < 1 ? 1 : attempts;
	c->backoff_base_ms = base_ms;
	c->backoff_cap_ms = cap_ms < base_ms ? base_ms : cap_ms;
}

int tcas_client_set_rate_limit(tcas_client *c, uint32_t qps)
{
	if (c == NULL)
		return TCAS_E_ARG;
#if TCAS_WITH_RATE_LIMIT
	c->rate_qps = qps;
	memset(c->rate, 0, sizeof c->rate);
	return TCAS_OK;
#else
	return qps == TCAS_RATE_OFF ? TCAS_OK : TCAS_E_UNSUPPORTED;
#endif
}

void tcas_client_set_action_facts(tcas_client *c, tcas_action_facts_fn fn)
{
	if (c)
		c->facts = fn;
}

void tcas_client_set_client_token(tcas_client *c, int mode)
{
	if (c)
		c->client_token_mode = mode;
}

int tcas_client_set_log(tcas_client *c, tcas_log_fn fn, void *ctx)
{
	if (c == NULL)
		return TCAS_E_ARG;
#if TCAS_WITH_LOG
	c->log = fn;
	c->log_ctx = ctx;
	return TCAS_OK;
#else
	(void)ctx;
	return fn == NULL ? TCAS_OK : TCAS_E_UNSUPPORTED;
#endif
}

void tcas_client_set_time(tcas_client *c, int64_t unix_seconds)
{
	if (c)
		c->fixed_time = unix_seconds;
}

/* ---- time ---------------------------------------------------------------- */

/* The time to sign with and to check certificates at; *trusted = 0 when
 * it is TCAS_TIME_BUILD standing in for an unset wall clock. */
static int64_t now_of(const tcas_client *c, int *trusted)
{
	int64_t wall;

	*trusted = 1;
	if (c->fixed_time > 0)
		return c->fixed_time;
	wall = c->port->wall_time(c->port->ctx);
	if (c->skew_known)
		return wall + c->skew;
	if (wall >= CLOCK_FLOOR)
		return wall;
	*trusted = 0;
	return (int64_t)TCAS_TIME_BUILD;
}

static int clock_trusted(const tcas_client *c)
{
	int trusted;

	now_of(c, &trusted);
	return trusted;
}

int64_t tcas_client_now(const tcas_client *c)
{
	int trusted;

	return c == NULL ? 0 : now_of(c, &trusted);
}

static uint64_t mono(const tcas_client *c)
{
	return c->port->mono_ms(c->port->ctx);
}

/* ---- debug log ----------------------------------------------------------- */

#if TCAS_WITH_LOG

/* Longest log line; a request head line (the Authorization line is up
 * to about 330 bytes) that is longer ends in "...". */
#define LOG_LINE_MAX 400

typedef struct logline {
	char buf[LOG_LINE_MAX];
	size_t n;
} logline;

static void lput(logline *l, const char *s, size_t n)
{
	if (n > sizeof l->buf - l->n) {
		n = sizeof l->buf - l->n;
		if (n >= 3) {
			memcpy(l->buf + l->n, s, n - 3);
			memcpy(l->buf + l->n + n - 3, "...", 3);
			l->n += n;
			return;
		}
	}
	memcpy(l->buf + l->n, s, n);
	l->n += n;
}

static void lstr(logline *l, const char *s)
{
	lput(l, s, strlen(s));
}

static void lnum(logline *l, int64_t v)
{
	char d[1 + TCAS_DEC_MAX];
	char *p =
	    tcas_dec(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, d + 1);

	if (v < 0)
		*--p = '-';
	lput(l, p, (size_t)(d + sizeof d - p));
}

static void lsend(const tcas_client *c, const logline *l)
{
	c->log(c->log_ctx, l->buf, l->n);
}

/* Log "tcas: <msg>[<n>][ <err name>]"; n is shown when msg ends in a
 * space. */
static void log_event(const tcas_client *c, const char *msg, int64_t n, int err)
{
	size_t len = strlen(msg);

	logline l;

	if (c->log == NULL)
		return;
	l.n = 0;
	lstr(&l, "tcas: ");
	lstr(&l, msg);
	if (len > 0 && msg[len - 1] == ' ')
		lnum(&l, n);
	if (err) {
#if TCAS_LOG_ERROR_NAMES
		lstr(&l, " ");
		lstr(&l, tcas_errname(err));
#else
		lstr(&l, " error ");
		lnum(&l, err);
#endif
	}
	lsend(c, &l);
}

/* One request head line, with secrets replaced. */
static void log_head_line(const tcas_client *c, const char *s, size_t n)
{
	static const char auth[] = "Authorization:", tok[] = "X-TC-Token:";
	static const char sig[] = "Signature=", red[] = "<redacted>";
	const char *cut = NULL;
	logline l;
	size_t i;

	if (n >= sizeof tok - 1 && memcmp(s, tok, sizeof tok - 1) == 0)
		cut = s + sizeof tok - 1;
	if (n >= sizeof auth - 1 && memcmp(s, auth, sizeof auth - 1) == 0) {
		cut = s + n;
		for (i = 0; i + sizeof sig - 1 <= n; i++)
			if (memcmp(s + i, sig, sizeof sig - 1) == 0) {
				cut = s + i + sizeof sig - 1;
				break;
			}
	}
	l.n = 0;
	lstr(&l, "tcas: > ");
	if (cut != NULL) {
		lput(&l, s, (size_t)(cut - s));
		lstr(&l, cut[-1] == ':' ? " " : "");
		lstr(&l, red);
	} else {
		lput(&l, s, n);
	}
	lsend(c, &l);
}

static void log_head(const tcas_client *c)
{
	const char *p = c->req_head, *end = c->req_head + c->req_head_len;

	if (c->log == NULL)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0)
			log_head_line(c, p, n);
		p = nl ? nl + 1 : end;
	}
}
#else
static void log_event(const tcas_client *c, const char *msg, int64_t n, int err)
{
	(void)c;
	(void)msg;
	(void)n;
	(void)err;
}

static void log_head(const tcas_client *c)
{
	(void)c;
}
#endif

/* ---- signing ------------------------------------------------------------- */

/* The signing key for the UTC date of now, derived once a day (four
 * HMACs, more than half of signing a small body) and kept in the client.
 * TCAS_OK, or an error when the key cannot be derived: then
 * tcas_sign_final() names the problem. */
#if TCAS_WITH_KEY_CACHE
static int signing_key(tcas_client *c, int64_t now)
{
	char date[11];

	if (c->secret_key == NULL || c->secret_key[0] == '\0' ||
	    c->service == NULL || now < TCAS_SIGN_TIME_MIN ||
	    tcas_utc_date(now, date) != TCAS_OK)
		return TCAS_E_ARG;
	if (c->sign_key_secret != c->secret_key ||
	    c->sign_key_service != c->service ||
	    memcmp(c->sign_key_date, date, sizeof date) != 0) {
		tcas_sign_derive_key(c->secret_key, date, c->service,
		                     c->sign_key);
		memcpy(c->sign_key_date, date, sizeof date);
		c->sign_key_secret = c->secret_key;
		c->sign_key_service = c->service;
	}
	return TCAS_OK;
}
#endif

static int sign_head(tcas_client *c, const char *action, const char *params,
                     size_t params_len)
{
	tcas_sign_ctx sc;
	tcas_sign_params sp;
	tcas_http_req hr;
	char sig[TCAS_SIGN_HEX_LEN + 1];
	char auth[AUTH_MAX];
	size_t body_len = c->prefix_len + params_len - c->body_skip;
	int64_t now = tcas_client_now(c);
	int err;

	memset(&sp, 0, sizeof sp);
	sp.secret_id = c->secret_id;
	sp.secret_key = c->secret_key;
	sp.service = c->service;
	sp.host = c->host_header;
	sp.content_type = CONTENT_TYPE;
	sp.action = action;
	sp.timestamp = now;
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, c->body_prefix, c->prefix_len);
	tcas_sign_update(&sc, params + c->body_skip, params_len - c->body_skip);
#if TCAS_WITH_KEY_CACHE
	if (signing_key(c, now) == TCAS_OK)
		err = tcas_sign_final_key(&sc, &sp, c->sign_key, sig);
	else
#endif
		err = tcas_sign_final(&sc, &sp, sig); /* names what is wrong */
	if (err == TCAS_OK)
		err =
		    tcas_sign_authorization(&sp, sig, auth, sizeof auth, NULL);
	if (err)
		return err;

	memset(&hr, 0, sizeof hr);
	hr.host = c->host_header;
	hr.content_type = CONTENT_TYPE;
	hr.action = action;
	hr.version = c->action_version;
	hr.region = c->region;
	hr.timestamp = now;
	hr.token = c->token;
	hr.language = c->language;
	hr.authorization = auth;
	hr.user_agent = TCAS_USER_AGENT;
	hr.body_len = body_len;
	hr.keep_alive = 1;
	return tcas_http_write_head(&hr, c->req_head, sizeof c->req_head,
	                            &c->req_head_len);
}

static int check_prepare(const tcas_client *c, const char *action,
                         const char *params, size_t params_len)
{
	if (c == NULL || action == NULL || action[0] == '\0' ||
	    params == NULL || params_len == 0)
		return TCAS_E_ARG;
	if (c->secret_id == NULL || c->secret_id[0] == '\0' ||
	    c->secret_key == NULL || c->secret_key[0] == '\0' ||
	    strlen(c->secret_id) > SECRET_ID_MAX)
		return TCAS_E_CREDENTIALS;
	return TCAS_OK;
}

int tcas_client_prepare(tcas_client *c, const char *action, const char *params,
                        size_t params_len)
{
	int err = check_prepare(c, action, params, params_len);

	if (err)
		return err;
	c->prefix_len = 0;
	c->body_skip = 0;
	return sign_head(c, action, params, params_len);
}

/* ---- ClientToken --------------------------------------------------------- */

static int is_describe(const char *action)
{
	return strncmp(action, "Describe", 8) == 0;
}

/* Does the JSON object params have a top-level member name? */
static int has_member(tcas_client *c, const char *params, size_t len,
                      const char *name)
{
	tcas_json doc;
	int tok;

	if (tcas_json_parse(&doc, params, len, c->shared.r.tok,
	                    TCAS_COUNTOF(c->shared.r.tok)))
		return 0;
	/* (member fails with TCAS_E_JSON_TYPE when params is no object) */
	return tcas_json_member(&doc, 0, name, &tok) == TCAS_OK;
}

static int action_facts(const tcas_client *c, const char *action,
                        tcas_action_facts *f)
{
	memset(f, 0, sizeof *f);
	return c->facts != NULL && c->facts(c->service, action, f);
}

static int wants_token(const tcas_client *c, const char *action)
{
	tcas_action_facts f;

	if (c->client_token_mode == TCAS_CLIENT_TOKEN_ALWAYS)
		return 1;
	return c->client_token_mode == TCAS_CLIENT_TOKEN_AUTO &&
	       action_facts(c, action, &f) && f.client_token;
}

/* The first byte of s[*i..n) that is no JSON whitespace, its index in *i;
 * -1 when there is none. */
static int next_byte(const char *s, size_t *i, size_t n)
{
	for (; *i < n; ++*i)
		if (s[*i] != ' ' && s[*i] != '\t' && s[*i] != '\r' &&
		    s[*i] != '\n')
			return (unsigned char)s[*i];
	return -1;
}

/* Decide whether the call may be repeated. When the action takes a
 * ClientToken and params has none, build the body prefix
 * {"ClientToken":"<32 hex>"[,] that replaces params' opening brace. */
static int body_setup(tcas_client *c, const char *action, const char *params,
                      size_t len, int *idem)
{
	static const char hex[] = "0123456789abcdef",
	                  key[] = "{\"ClientToken\":\"";
	uint8_t rnd[16];
	char *p = c->body_prefix;
	size_t i, brace = 0;

	/* compile-time: the prefix fits body_prefix */
	typedef char prefix_fits[sizeof key - 1 + 2 * sizeof rnd + 2 <=
	                                 TCAS_CLIENT_TOKEN_PREFIX_MAX
	                             ? 1
	                             : -1];

	(void)sizeof(prefix_fits);
	c->prefix_len = 0;
	c->body_skip = 0;
	*idem =
	    is_describe(action) || has_member(c, params, len, "ClientToken");
	if (*idem || !wants_token(c, action) ||
	    next_byte(params, &brace, len) != '{')
		return TCAS_OK;
	*idem = 1;
	if (c->port->random(c->port->ctx, rnd, sizeof rnd) != TCAS_OK)
		return TCAS_E_NET_RANDOM;
	memcpy(p, key, sizeof key - 1);
	p += sizeof key - 1;
	for (i = 0; i < sizeof rnd; i++) {
		*p++ = hex[rnd[i] >> 4];
		*p++ = hex[rnd[i] & 15];
	}
	*p++ = '"';
	i = brace + 1;
	if (next_byte(params, &i, len) != '}' && i < len)
		*p++ = ',';
	c->prefix_len = (size_t)(p - c->body_prefix);
	c->body_skip = brace + 1;
	return TCAS_OK;
}

static CLIENT_NOINLINE uint32_t remaining(const tcas_client *c);

/* ---- rate limiter -------------------------------------------------------- */

#if TCAS_WITH_RATE_LIMIT

static uint32_t action_qps(const tcas_client *c, const char *action)
{
	tcas_action_facts f;

	if (c->rate_qps != TCAS_RATE_TABLE)
		return c->rate_qps;
	if (action_facts(c, action, &f) && f.qps > 0)
		return f.qps;
	return RATE_DEFAULT;
}

static tcas_rate_bucket *bucket_for(tcas_client *c, const char *action,
                                    uint32_t qps, uint64_t now)
{
	char key[TCAS_ACTION_NAME_MAX];
	size_t i, n = strlen(action), lru = 0;
	tcas_rate_bucket *b;

	if (n >= sizeof key)
		n = sizeof key - 1; /* long names share a bucket by prefix */
	memcpy(key, action, n);
	key[n] = '\0';
	for (i = 0; i < TCAS_RATE_BUCKETS; i++) {
		if (strcmp(c->rate[i].action, key) == 0 && key[0] != '\0')
			return &c->rate[i];
		if (c->rate[i].used < c->rate[lru].used)
			lru = i;
	}
	b = &c->rate[lru];
	memcpy(b->action, key, n + 1);
	b->stamp = now;
	b->milli = qps * 1000u;
	return b;
}

/* Take one token for action, sleeping until one is available. */
static int rate_wait(tcas_client *c, const char *action, tcas_result *res)
{
	uint32_t qps = action_qps(c, action), wait;
	uint64_t now = mono(c), cap = (uint64_t)qps * 1000u, refill;
	tcas_rate_bucket *b;

	if (qps == TCAS_RATE_OFF || qps == 0 || qps > 1000000u)
		return TCAS_OK;
	b = bucket_for(c, action, qps, now);
	for (;;) {
		refill = (now - b->stamp) * qps;
		b->milli =
		    (uint32_t)(b->milli + refill > cap ? cap
		                                       : b->milli + refill);
		b->stamp = now;
		b->used = now + 1; /* 0 marks a never used bucket */
		if (b->milli >= 1000u) {
			b->milli -= 1000u;
			return TCAS_OK;
		}
		wait = (1000u - b->milli + qps - 1) / qps;
		if (c->port->sleep_ms == NULL)
			return TCAS_E_NET_RATE;
		if (wait > remaining(c))
			return TCAS_E_NET_DEADLINE;
		log_event(c, "rate limit: waiting ms: ", wait, 0);
		c->port->sleep_ms(c->port->ctx, wait);
		res->waited_ms += wait;
		now = mono(c);
	}
}
#else
static int rate_wait(tcas_client *c, const char *action, tcas_result *res)
{
	(void)c;
	(void)action;
	(void)res;
	return TCAS_OK;
}
#endif

/* ---- connection ---------------------------------------------------------- */

/* The call's clock: ms since it began (saturated), so that deadlines and
 * phase ends are 32-bit numbers. */
static uint32_t elapsed(const tcas_client *c)
{
	uint64_t d = mono(c) - c->call_t0;

	return d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

/* ms from now until end (on the call's clock), 0 when past. */
static uint32_t until(const tcas_client *c, uint32_t end)
{
	uint32_t now = elapsed(c);

	return now >= end ? 0 : end - now;
}

static CLIENT_NOINLINE uint32_t remaining(const tcas_client *c)
{
	return until(c, c->call_end);
}

/* End of a phase limited to limit ms (0: no limit) inside the call's
 * deadline; *capped tells that the call's deadline is the nearer one. */
static uint32_t phase_end(const tcas_client *c, uint32_t limit, int *capped)
{
	uint32_t now = elapsed(c), end = c->call_end;

	*capped = limit == 0 || now >= end || limit >= end - now;
	return *capped ? end : now + limit;
}

/* Time for one wait of a phase limited to limit ms (see phase_end). */
static uint32_t phase_left(const tcas_client *c, uint32_t limit, int *capped)
{
	return until(c, phase_end(c, limit, capped));
}

/* Name a generic timeout after the limit that expired. */
static CLIENT_NOINLINE int timeout_as(int err, int capped, int phase_err)
{
	if (err != TCAS_E_NET_TIMEOUT)
		return err;
	return capped ? TCAS_E_NET_DEADLINE : phase_err;
}

void tcas_client_close(tcas_client *c)
{
	if (c == NULL || !c->connected)
		return;
	if (c->use_tls)
		tcas_tls_close(&c->tls, CLOSE_MS);
	c->port->close(c->port->ctx);
	c->connected = 0;
	c->reusable = 0;
}

void tcas_client_wipe(tcas_client *c)
{
	if (c == NULL)
		return;
	tcas_client_close(c);
	tcas_tls_forget_session(&c->tls);
	wipe(c->req_head, sizeof c->req_head);
	wipe(c->resp_head, sizeof c->resp_head);
	wipe(&c->shared, sizeof c->shared);
	wipe(c->rx, sizeof c->rx);
#if TCAS_WITH_PROXY
	wipe(c->proxy_auth, sizeof c->proxy_auth);
	c->proxy_host[0] = '\0';
#endif
	wipe(c->body_prefix, sizeof c->body_prefix);
	forget_key(c);
	c->req_head_len = 0;
	c->secret_id = NULL;
	c->secret_key = NULL;
	c->token = NULL;
}

#if TCAS_WITH_PROXY
/* Raw port I/O for the proxy exchange: all n bytes before end. */
static int raw_send(tcas_client *c, const char *p, size_t n, uint32_t end)
{
	while (n > 0) {
		long r = c->port->send(c->port->ctx, (const uint8_t *)p, n,
		                       until(c, end));

		if (r < 0)
			return (int)r;
		if (r == 0)
			return TCAS_E_NET_CLOSED;
		p += r;
		n -= (size_t)r;
	}
	return TCAS_OK;
}

static void put(char **p, const char *s)
{
	size_t n = strlen(s);

	memcpy(*p, s, n);
	*p += n;
}

/* Read the proxy's answer head byte by byte (never past it: what follows
 * is the server's TLS). */
static int proxy_read(tcas_client *c, uint32_t end)
{
	char *h = c->resp_head;
	size_t n = 0;

	while (n < 4 || memcmp(h + n - 4, "\r\n\r\n", 4) != 0) {
		long r;

		if (n + 1 >= sizeof c->resp_head)
			return TCAS_E_NET_PROXY;
		r = c->port->recv(c->port->ctx, (uint8_t *)h + n, 1,
		                  until(c, end));
		if (r == 0)
			return TCAS_E_NET_PROXY;
		if (r < 0)
			return (int)r;
		n++;
	}
	if (n < 12 || memcmp(h, "HTTP/1.", 7) != 0 || h[8] != ' ')
		return TCAS_E_NET_PROXY;
	if (memcmp(h + 9, "407", 3) == 0)
		return TCAS_E_NET_PROXY_AUTH;
	return h[9] == '2' ? TCAS_OK : TCAS_E_NET_PROXY;
}

/* CONNECT host:port through the proxy. */
static int proxy_connect(tcas_client *c, uint32_t end)
{
	char *p = c->resp_head, digits[TCAS_DEC_MAX + 1];
	const char *port = tcas_dec(c->port_num, digits);
	int ipv6 = strchr(c->host, ':') != NULL, err;

	digits[TCAS_DEC_MAX] = '\0';
	/* host <= 127, auth <= 173: well inside resp_head */
	put(&p, "CONNECT ");
	put(&p, ipv6 ? "[" : "");
	put(&p, c->host);
	put(&p, ipv6 ? "]:" : ":");
	put(&p, port);
	put(&p, " HTTP/1.1\r\nHost: ");
	put(&p, ipv6 ? "[" : "");
	put(&p, c->host);
	put(&p, ipv6 ? "]:" : ":");
	put(&p, port);
	put(&p, "\r\n");
	if (c->proxy_auth[0]) {
		put(&p, "Proxy-Authorization: Basic ");
		put(&p, c->proxy_auth);
		put(&p, "\r\n");
	}
	put(&p, "\r\n");
	err = raw_send(c, c->resp_head, (size_t)(p - c->resp_head), end);
	wipe(c->resp_head, (size_t)(p - c->resp_head));
	return err ? err : proxy_read(c, end);
}

static int tcp_open(tcas_client *c)
{
	int capped, err;
	uint32_t end = phase_end(c, c->connect_timeout_ms, &capped);
	int px = c->proxy_host[0] != '\0';

	err = c->port->connect(c->port->ctx, px ? c->proxy_host : c->host,
	                       px ? c->proxy_port : c->port_num, until(c, end));
	if (err == TCAS_OK) {
		c->connected = 1;
		if (px)
			err = proxy_connect(c, end);
	}
	return timeout_as(err, capped, TCAS_E_NET_CONNECT_TIMEOUT);
}
#else
static int tcp_open(tcas_client *c)
{
	int capped, err;
	uint32_t left = phase_left(c, c->connect_timeout_ms, &capped);

	err = c->port->connect(c->port->ctx, c->host, c->port_num, left);
	if (err == TCAS_OK)
		c->connected = 1;
	return timeout_as(err, capped, TCAS_E_NET_CONNECT_TIMEOUT);
}
#endif

static int tls_open(tcas_client *c, tcas_result *res)
{
	int capped, err, trusted;
	int64_t now = now_of(c, &trusted);
	uint32_t left = phase_left(c, c->tls_timeout_ms, &capped);

	err = tcas_tls_connect(&c->tls, c->port, c->ta, c->ta_count, c->host,
	                       now, left);
	res->tls_resumed = tcas_tls_resumed(&c->tls);
	if (err == TCAS_OK) {
		c->conn_verified = trusted;
		return TCAS_OK;
	}
	res->tls_br_error = tcas_tls_last_br_error(&c->tls);
	if (err == TCAS_E_TLS_EXPIRED && !trusted)
		return TCAS_E_CLOCK;
	/* no answer at all to the hello within the handshake's own time */
	return timeout_as(err, capped,
	                  tcas_tls_server_silent(&c->tls) ? TCAS_E_TLS_SILENT
	                                                  : TCAS_E_TLS_TIMEOUT);
}

/* Connect (through the proxy if any) and run the TLS handshake. Every
 * failure here happens before the request is sent. */
static int conn_open(tcas_client *c, tcas_result *res)
{
	int err;

	log_event(c, "connecting, attempt ", res->attempts, 0);
	c->conn_verified = 1;
	err = tcp_open(c);
	if (err == TCAS_OK && c->use_tls)
		err = tls_open(c, res);
	if (err) {
		c->port->close(c->port->ctx);
		c->connected = 0;
		return err;
	}
	c->reusable = 1;
	return TCAS_OK;
}

/* Receive into in (out NULL): one wait, up to n bytes; returns the bytes
 * read, 0 when the peer closed. Or send all n bytes from out (none when n
 * is 0): TCAS_OK, or TCAS_E_NET_CLOSED when the peer closed. Errors are
 * named after the limit that expired. */
static long conn_io(tcas_client *c, const uint8_t *out, uint8_t *in, size_t n)
{
	int capped;
	uint32_t left;
	long r;

	while (n > 0) {
		left = phase_left(c, c->io_timeout_ms, &capped);
		if (remaining(c) == 0)
			return TCAS_E_NET_DEADLINE;
		if (c->use_tls)
			r = out ? tcas_tls_send(&c->tls, out, n, left)
			        : tcas_tls_recv(&c->tls, in, n, left);
		else if (out)
			r = c->port->send(c->port->ctx, out, n, left);
		else
			r = c->port->recv(c->port->ctx, in, n, left);
		if (r < 0)
			return timeout_as((int)r, capped,
			                  out ? TCAS_E_NET_WRITE_TIMEOUT
			                      : TCAS_E_NET_READ_TIMEOUT);
		if (out == NULL)
			return r;
		if (r == 0)
			return TCAS_E_NET_CLOSED;
		out += r;
		n -= (size_t)r;
	}
	return TCAS_OK;
}

static int conn_send(tcas_client *c, const char *p, size_t n)
{
	return (int)conn_io(c, (const uint8_t *)p, NULL, n);
}

/* Push buffered TLS records out (no-op over plain HTTP). */
static int flush_tls(tcas_client *c)
{
	int capped;
	uint32_t left;

	if (!c->use_tls)
		return TCAS_OK;
	left = phase_left(c, c->io_timeout_ms, &capped);
	return timeout_as(tcas_tls_flush(&c->tls, left), capped,
	                  TCAS_E_NET_WRITE_TIMEOUT);
}

/* Head, ClientToken prefix, then params (after the bytes the prefix
 * replaces). */
static CLIENT_NOINLINE int send_request(tcas_client *c, const char *params,
                                        size_t len)
{
	const char *body = params + c->body_skip;
	size_t head = c->req_head_len, pre = c->prefix_len;
	size_t n = len - c->body_skip;
	int err;

	/* Head and body in one write (one TLS record, one wake-up of the
	 * server) when the body fits behind the head. */
	if (head + pre + n <= sizeof c->req_head) {
		memcpy(c->req_head + head, c->body_prefix, pre);
		memcpy(c->req_head + head + pre, body, n);
		head += pre + n;
		pre = n = 0;
	}
	err = conn_send(c, c->req_head, head);
	if (err == TCAS_OK)
		err = conn_send(c, c->body_prefix, pre);
	if (err == TCAS_OK)
		err = conn_send(c, body, n);
	return err == TCAS_OK ? flush_tls(c) : err;
}

/* Read one response. *got_any tells whether any byte arrived. */
static CLIENT_NOINLINE int read_response(tcas_client *c, int *got_any)
{
	tcas_http_resp_init(&c->resp, c->resp_head, sizeof c->resp_head,
	                    c->shared.r.body, sizeof c->shared.r.body);
	*got_any = 0;
	for (;;) {
		size_t used = 0;
		long n = conn_io(c, NULL, c->rx, sizeof c->rx);
		int err;

		if (n == 0 || (n == TCAS_E_NET_CLOSED && *got_any)) {
			/* (the second: TLS closed without close_notify
			 * mid-response) */
			err = tcas_http_resp_eof(&c->resp);
			return err == TCAS_OK && n ? TCAS_E_NET_CLOSED : err;
		}
		if (n < 0)
			return (int)n;
		*got_any = 1;
		err = tcas_http_resp_feed(&c->resp, c->rx, (size_t)n, &used);
		if (err == TCAS_MORE)
			continue;
		/* Bytes beyond the response: the server pipelines or lies;
		 * never reuse such a connection. */
		if (err == TCAS_OK && used < (size_t)n)
			c->reusable = 0;
		return err;
	}
}

/* Is the idle connection still usable? Not when idle too long, nor when a
 * zero-wait read shows it closed or shows bytes nobody asked for (a TLS
 * close_notify, an error page). */
static int conn_alive(tcas_client *c)
{
	uint8_t b;
	long r;

	if (!c->reusable || mono(c) - c->idle_since > TCAS_IDLE_REUSE_MS)
		return 0;
	r = c->port->recv(c->port->ctx, &b, 1, 0);
	return r == TCAS_E_NET_TIMEOUT;
}

/* Is err TCAS_E_NET_TIMEOUT, _READ_TIMEOUT, _WRITE_TIMEOUT or _DEADLINE?
 * (a bit test: all four lie within 32 codes below TCAS_E_NET_TIMEOUT) */
#define TIMEOUT_BIT(e) (1u << (TCAS_E_NET_TIMEOUT - (e)))
static int is_timeout(int err)
{
	unsigned k = (unsigned)(TCAS_E_NET_TIMEOUT - err);

	return k < 32 && ((TIMEOUT_BIT(TCAS_E_NET_TIMEOUT) |
	                   TIMEOUT_BIT(TCAS_E_NET_READ_TIMEOUT) |
	                   TIMEOUT_BIT(TCAS_E_NET_WRITE_TIMEOUT) |
	                   TIMEOUT_BIT(TCAS_E_NET_DEADLINE)) >>
	                      k &
	                  1u);
}

/* Send the prepared request and read the answer. *sent: the whole request
 * may have reached the server. A reused connection found closed before any
 * response byte is replaced once, when that is safe. */
static int exchange(tcas_client *c, const char *params, size_t len, int idem,
                    tcas_result *res, int *sent)
{
	int reused, err, got_any = 0;

	*sent = 0;
	if (c->connected && !conn_alive(c)) {
		log_event(c, "idle connection is gone, reconnecting", 0, 0);
		tcas_client_close(c);
	}
	reused = c->connected;
	for (;;) {
		if (!c->connected) {
			err = conn_open(c, res);
			if (err)
				return err;
		}
		log_head(c);
		err = send_request(c, params, len);
		*sent = err == TCAS_OK;
		if (err == TCAS_OK)
			err = read_response(c, &got_any);
		if (err == TCAS_OK || !reused || got_any || is_timeout(err) ||
		    (*sent && !idem))
			return err;
		log_event(c, "stale connection, sending again:", 0, err);
		tcas_client_close(c);
		reused = 0;
	}
}

/* Copy the string member name of object obj into out[cap], which holds ""
 * (res_reset): it stays "" when the member is no string or has a bad
 * escape; when the text does not fit, cut NULL keeps it "", otherwise it
 * gets a prefix and *cut = 1. Returns the lookup's code: TCAS_OK when the
 * member exists. */
static CLIENT_INLINE int member_str(const tcas_json *doc, int obj,
                                    const char *name, char *out, size_t cap,
                                    int *cut)
{
	size_t i, n;
	const char *raw;
	int tok, err = tcas_json_member(doc, obj, name, &tok);

	if (err)
		return err;
	if (tcas_json_get_string(doc, tok, out, cap, NULL) != TCAS_E_NOSPACE ||
	    cut == NULL)
		return TCAS_OK;
	/* Keep a prefix that ends on a UTF-8 boundary. */
	raw = tcas_json_raw(doc, tok, &n);
	if (n > cap - 1)
		n = cap - 1;
	for (i = 0; i < n && raw[i] != '\\'; i++)
		;
	while (i > 0 && ((unsigned char)raw[i] & 0xC0) == 0x80)
		i--;
	memcpy(out, raw, i);
	out[i] = '\0';
	*cut = 1;
	return TCAS_OK;
}

static int parse_envelope(tcas_client *c, tcas_result *res)
{
	tcas_json *doc = &res->doc;
	int err, tok, err_obj;

	err = tcas_json_parse(doc, c->shared.r.body, c->resp.body_len,
	                      c->shared.r.tok, TCAS_COUNTOF(c->shared.r.tok));
	if (err)
		return err;
	/* (member fails with TCAS_E_JSON_TYPE when the top is no object) */
	if (tcas_json_member(doc, 0, "Response", &tok) != TCAS_OK ||
	    tcas_json_type_of(doc, tok) != TCAS_JSON_OBJECT)
		return TCAS_E_RESPONSE;
	res->response = tok;
	member_str(doc, tok, "RequestId", res->request_id,
	           sizeof res->request_id, NULL);
	if (tcas_json_member(doc, tok, "Error", &err_obj) != TCAS_OK)
		return TCAS_OK;
	/* (member fails with TCAS_E_JSON_TYPE when Error is no object) */
	if (member_str(doc, err_obj, "Code", res->error_code,
	               sizeof res->error_code, NULL) != TCAS_OK ||
	    res->error_code[0] == '\0')
		return TCAS_E_RESPONSE;
	member_str(doc, err_obj, "Message", res->error_message,
	           sizeof res->error_message, &res->message_truncated);
	return TCAS_E_API;
}

/* One attempt: exchange, then status and envelope. */
static CLIENT_NOINLINE int attempt(tcas_client *c, const char *params,
                                   size_t len, int idem, tcas_result *res,
                                   int *sent)
{
	int err = exchange(c, params, len, idem, res, sent);

	if (err == TCAS_OK) {
		res->http_status = c->resp.status;
		c->idle_since = mono(c);
		if (c->resp.status != 200)
			err = TCAS_E_HTTP_STATUS;
		else
			err = parse_envelope(c, res);
		if (c->resp.keep_alive)
			return err;
	}
	tcas_client_close(c);
	return err;
}

/* ---- retry policy -------------------------------------------------------- */

/* Response.Error.Code as the retry policy sees it: 1 RequestLimitExceeded,
 * 2 InternalError, 3 ServiceUnavailable, 4 AuthFailure.SignatureExpire
 * (each also with a ".Detail" suffix), 0 any other code. */
static int code_class(const tcas_result *res)
{
	static const char codes[] = "RequestLimitExceeded\0InternalError\0"
	                            "ServiceUnavailable\0"
	                            "AuthFailure.SignatureExpire\0";
	const char *k = codes;
	int i;

	for (i = 1; *k; i++) {
		size_t n = strlen(k);

		if (strncmp(res->error_code, k, n) == 0 &&
		    (res->error_code[n] == '\0' || res->error_code[n] == '.'))
			return i;
		k += n + 1;
	}
	return 0;
}

/* May an attempt that ended with err (API code class k) be made again? */
static int retryable(int err, int k, const tcas_result *res, int sent, int idem)
{
	switch (err) {
	case TCAS_E_API:
		return k == 1 || (idem && (k == 2 || k == 3));
	case TCAS_E_HTTP_STATUS:
		if (res->http_status == 429)
			return 1;
		return idem && res->http_status >= 500;
	case TCAS_E_NET_RESOLVE:
	case TCAS_E_NET_CONNECT:
	case TCAS_E_NET_CONNECT_TIMEOUT:
	case TCAS_E_TLS_TIMEOUT:
		return 1;
	case TCAS_E_NET_IO:
	case TCAS_E_NET_CLOSED:
	case TCAS_E_NET_TIMEOUT:
	case TCAS_E_NET_READ_TIMEOUT:
	case TCAS_E_NET_WRITE_TIMEOUT:
	case TCAS_E_HTTP_TRUNCATED:
		return !sent || idem;
	default:
		return 0;
	}
}

/* Sleep the full-jitter backoff before attempt n + 1. TCAS_OK, or an error
 * when the backoff cannot be taken (no sleep, past the deadline). */
static int backoff(tcas_client *c, int n, tcas_result *res)
{
	uint32_t ceil = c->backoff_base_ms, cap = c->backoff_cap_ms, ms;
	uint8_t r[4];

	while (--n > 0 && ceil < cap)
		ceil = ceil > cap - ceil ? cap : 2 * ceil; /* min(2c, cap) */
	if (ceil > cap)
		ceil = cap;
	ms = ceil;
	if (c->port->random(c->port->ctx, r, sizeof r) == TCAS_OK) {
		ms = (uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 |
		     (uint32_t)r[2] << 8 | r[3];
		if (ceil < UINT32_MAX) /* else every value is in range */
			ms %= ceil + 1;
	}
	if (c->port->sleep_ms == NULL || remaining(c) <= ms)
		return TCAS_E_NET_DEADLINE;
	log_event(c, "backing off ms: ", ms, 0);
	if (ms > 0)
		c->port->sleep_ms(c->port->ctx, ms);
	res->waited_ms += ms;
	return TCAS_OK;
}

/* SignatureExpire: take the server's time from its Date header. */
static int learn_skew(tcas_client *c, tcas_result *res)
{
	const char *v;
	size_t n;
	int64_t server;

	if (c->fixed_time > 0 ||
	    tcas_http_resp_header(&c->resp, "Date", &v, &n) != TCAS_OK ||
	    tcas_utc_parse_http_date(v, n, &server) != TCAS_OK)
		return TCAS_E_CLOCK;
	c->skew = server - c->port->wall_time(c->port->ctx);
	c->skew_known = 1;
	res->skew_learned = 1;
	log_event(c, "clock corrected by seconds: ", c->skew, 0);
	/* A certificate checked at a guessed time is checked again. */
	if (!c->conn_verified)
		tcas_client_close(c);
	return TCAS_OK;
}

/* Empty res but for the counters given. */
static void res_reset(tcas_result *res, int attempts, uint32_t waited,
                      int skew_learned)
{
	memset(res, 0, sizeof *res);
	res->response = -1;
	res->attempts = attempts;
	res->waited_ms = waited;
	res->skew_learned = skew_learned;
}

static int call_loop(tcas_client *c, const char *action, const char *params,
                     size_t len, int idem, tcas_result *res)
{
	int err, k, sent, skew_retry = 0, trusted = clock_trusted(c);

	c->call_t0 = mono(c);
	c->call_end = c->timeout_ms;
	for (;;) {
		err = rate_wait(c, action, res);
		if (err == TCAS_OK)
			err = sign_head(c, action, params, len);
		if (err)
			return err;
		res->attempts++;
		err = attempt(c, params, len, idem, res, &sent);
		log_event(c, "attempt ", res->attempts, err);
		k = err == TCAS_E_API ? code_class(res) : 0;
		if (k == 4 && !skew_retry) {
			if (learn_skew(c, res) != TCAS_OK)
				return trusted ? err : TCAS_E_CLOCK;
			skew_retry = 1;
		} else if (!retryable(err, k, res, sent, idem) ||
		           res->attempts >= c->max_attempts + skew_retry ||
		           backoff(c, res->attempts - skew_retry, res)) {
			return err;
		}
		/* forget what the attempt left, keeping the counters */
		res_reset(res, res->attempts, res->waited_ms,
		          res->skew_learned);
	}
}

int tcas_client_call(tcas_client *c, const char *action, const char *params,
                     size_t params_len, tcas_result *res)
{
	int err, idem;

	if (res == NULL)
		return TCAS_E_ARG;
	res_reset(res, 0, 0, 0);
	err = check_prepare(c, action, params, params_len);
	if (err)
		return err;
	if (c->use_tls && (c->ta == NULL || c->ta_count == 0))
		return TCAS_E_TLS_NO_ANCHORS;
	err = body_setup(c, action, params, params_len, &idem);
	if (err == TCAS_OK)
		err = call_loop(c, action, params, params_len, idem, res);
	wipe(c->req_head, sizeof c->req_head);
	return err;
}

/* ---- proxy configuration ------------------------------------------------- */

#if TCAS_WITH_PROXY

/* %-decode s[0..n) into out[cap]; returns the length or -1. */
static long pct_decode(const char *s, size_t n, char *out, size_t cap)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (ch == '%') {
			const unsigned char *h = (const unsigned char *)s + i;
			int hi = i + 2 < n ? tcas_hexval(h[1]) : -1;
			int lo = i + 2 < n ? tcas_hexval(h[2]) : -1;

			if (hi < 0 || lo < 0)
				return -1;
			ch = (char)(hi * 16 + lo);
			i += 2;
		}
		if (o + 1 >= cap)
			return -1;
		out[o++] = ch;
	}
	return (long)o;
}

static void base64(const uint8_t *in, size_t n, char *out)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		*out++ = b64[in[i] >> 2];
		*out++ = b64[(in[i] & 3) << 4 | in[i + 1] >> 4];
		*out++ = b64[(in[i + 1] & 15) << 2 | in[i + 2] >> 6];
		*out++ = b64[in[i + 2] & 63];
	}
	if (i < n) {
		*out++ = b64[in[i] >> 2];
		if (i + 1 < n) {
			*out++ = b64[(in[i] & 3) << 4 | in[i + 1] >> 4];
			*out++ = b64[(in[i + 1] & 15) << 2];
		} else {
			*out++ = b64[(in[i] & 3) << 4];
			*out++ = '=';
		}
		*out++ = '=';
	}
	*out = '\0';
}

/* "user:pass" (still %-encoded) into c->proxy_auth. */
static int proxy_cred(tcas_client *c, const char *s, size_t n)
{
	char cred[TCAS_PROXY_CRED_MAX];
	long len = pct_decode(s, n, cred, sizeof cred);

	if (len < 0 || memchr(s, ':', n) == NULL) {
		wipe(cred, sizeof cred);
		return TCAS_E_ENDPOINT;
	}
	base64((const uint8_t *)cred, (size_t)len, c->proxy_auth);
	wipe(cred, sizeof cred);
	return TCAS_OK;
}

static int proxy_addr(tcas_client *c, const char *a, size_t n)
{
	const char *host = a, *colon;
	size_t hlen;

	if (n > 0 && a[0] == '[') {
		const char *e = memchr(a, ']', n);

		if (e == NULL || e + 1 >= a + n || e[1] != ':')
			return TCAS_E_ENDPOINT;
		host = a + 1;
		hlen = (size_t)(e - host);
		colon = e + 1;
	} else {
		colon = memchr(a, ':', n);
		if (colon == NULL)
			return TCAS_E_ENDPOINT;
		hlen = (size_t)(colon - a);
	}
	if (hlen == 0 || hlen >= sizeof c->proxy_host ||
	    parse_port(colon + 1, n - (size_t)(colon + 1 - a),
	               &c->proxy_port) != TCAS_OK)
		return TCAS_E_ENDPOINT;
	memcpy(c->proxy_host, host, hlen);
	c->proxy_host[hlen] = '\0';
	return TCAS_OK;
}

static int proxy_parse(tcas_client *c, const char *p)
{
	static const char http[] = "http://";
	const char *at;
	size_t n;
	int err;

	if (strncmp(p, http, sizeof http - 1) == 0)
		p += sizeof http - 1;
	else if (strstr(p, "://") != NULL)
		return TCAS_E_ENDPOINT;
	n = strlen(p);
	if (n > 0 && p[n - 1] == '/')
		n--;
	if (memchr(p, '/', n) != NULL)
		return TCAS_E_ENDPOINT;
	at = memchr(p, '@', n);
	if (at != NULL) {
		err = proxy_cred(c, p, (size_t)(at - p));
		if (err)
			return err;
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	return proxy_addr(c, p, n);
}

int tcas_client_set_proxy(tcas_client *c, const char *proxy)
{
	int err;

	if (c == NULL)
		return TCAS_E_ARG;
	tcas_client_close(c);
	wipe(c->proxy_auth, sizeof c->proxy_auth);
	c->proxy_host[0] = '\0';
	c->proxy_port = 0;
	if (proxy == NULL || proxy[0] == '\0')
		return TCAS_OK;
	err = proxy_parse(c, proxy);
	if (err) {
		wipe(c->proxy_auth, sizeof c->proxy_auth);
		c->proxy_host[0] = '\0';
	}
	return err;
}
#else
int tcas_client_set_proxy(tcas_client *c, const char *proxy)
{
	if (c == NULL)
		return TCAS_E_ARG;
	return (proxy == NULL || proxy[0] == '\0') ? TCAS_OK
	                                           : TCAS_E_UNSUPPORTED;
}
#endif
