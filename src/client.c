/* One signed API call: the call loop (rate limit, sign, attempt, retry),
 * the signed request head, the ClientToken, the response envelope and the
 * setters. The other concerns of the client have their own files (see
 * client_inner.h); contracts in tcas/client.h. */
#include "client_inner.h"

#include "tcas/sign.h"

#define CONTENT_TYPE "application/json"
/* Longest SecretId accepted; bounds the Authorization value on the stack. */
#define SECRET_ID_MAX 128
#define AUTH_MAX      (SECRET_ID_MAX + 256)

/* ---- setup and setters --------------------------------------------------- */

/* The buffers of a client: from the TLS record buffers (the end of
 * tcas_tls) to the end of the struct (tcas/client.h). Each is written
 * before it is read, so init leaves them as they are and wipe zeroes them.
 * Clearing them too (about 60 KB) faulted in every page of a fresh
 * process's zero-filled memory: 18 page faults of the tcas command's 66,
 * at 7 to 15 us each on a virtual machine, for bytes nobody reads. */
#define BUFS_AT offsetof(tcas_client, tls.ibuf)
/* (the asserts allow for the padding of an 8-byte-aligned struct) */
TCAS_STATIC_ASSERT(sizeof(tcas_tls) - offsetof(tcas_tls, ibuf) <
                       TCAS_TLS_IBUF_SIZE + TCAS_TLS_OBUF_SIZE +
                           TCAS_TLS_STAGE_SIZE + 8,
                   tls_buffers_last);
TCAS_STATIC_ASSERT(
    offsetof(tcas_client, tls) < offsetof(tcas_client, req_head) &&
        offsetof(tcas_client, req_head) < offsetof(tcas_client, resp_head) &&
        offsetof(tcas_client, resp_head) < offsetof(tcas_client, shared) &&
        offsetof(tcas_client, shared) < offsetof(tcas_client, rx) &&
        sizeof(tcas_client) - offsetof(tcas_client, rx) <
            TCAS_CLIENT_RX_SIZE + 8,
    client_buffers_last);

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
	memset(c, 0, BUFS_AT);
	c->port = port;
	tcas_tls_set_x509(&c->tls, &c->shared.xc);
	tcas_client_set_response_buffers(c, NULL, 0, NULL, 0);
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

/* Split "host[:port]" or "[v6][:port]" (authority, no scheme) into c. */
static int set_authority(tcas_client *c, const char *a, size_t n, int tls)
{
	uint16_t dflt = tls ? 443 : 80;
	tcas_authority au;

	if (tcas_authority_parse(a, n, &au) != TCAS_OK)
		return TCAS_E_ENDPOINT;
	if (au.port == 0 && !tls)
		return TCAS_E_ENDPOINT; /* http:// needs an explicit port */
	if (au.host_len >= sizeof c->host || n >= sizeof c->host_header)
		return TCAS_E_ENDPOINT;
	memcpy(c->host, au.host, au.host_len);
	c->host[au.host_len] = '\0';
	/* The Host header (and so the signature) carries the authority as
	 * given, without a default port. */
	memcpy(c->host_header, a, n);
	c->host_header[n] = '\0';
	if (au.port == dflt)
		c->host_header[au.port_at] = '\0';
	c->port_num = au.port ? au.port : dflt;
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

void tcas_client_set_credentials(tcas_client *c, const char *secret_id,
                                 const char *secret_key, const char *token)
{
	if (c == NULL)
		return;
	c->secret_id = secret_id;
	c->secret_key = secret_key;
	c->token = (token && token[0]) ? token : NULL;
	tcas_signkey_forget(c);
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
		/* The kept connection and the kept session were verified
		 * against the old anchors: resuming would skip the check. */
		tcas_client_close(c);
		tcas_tls_forget_session(&c->tls);
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
	return c == NULL ? TCAS_E_ARG : tcas_rate_set(c, qps);
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
	return c == NULL ? TCAS_E_ARG : tcas_log_set(c, fn, ctx);
}

int tcas_client_set_proxy(tcas_client *c, const char *proxy)
{
	if (c == NULL)
		return TCAS_E_ARG;
	tcas_client_close(c);
	return tcas_proxy_set(c, proxy);
}

void tcas_client_wipe(tcas_client *c)
{
	if (c == NULL)
		return;
	tcas_client_close(c);
	tcas_tls_forget_session(&c->tls);
	tcas_wipe((unsigned char *)c + BUFS_AT, sizeof *c - BUFS_AT);
	tcas_proxy_forget(c);
	tcas_wipe(c->body_prefix, sizeof c->body_prefix);
	tcas_signkey_forget(c);
	c->req_head_len = 0;
	c->secret_id = NULL;
	c->secret_key = NULL;
	c->token = NULL;
}

/* ---- the signed request head --------------------------------------------- */

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
	const uint8_t *key = tcas_signkey_get(c, now);
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
	if (key != NULL)
		err = tcas_sign_final_key(&sc, &sp, key, sig);
	else /* no kept key: derive it, or name what is wrong */
		err = tcas_sign_final(&sc, &sp, sig);
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

int tcas_client_set_response_buffers(tcas_client *c, char *body,
                                     size_t body_cap, jsmntok_t *tok,
                                     unsigned tok_cap)
{
	if (c == NULL || (body != NULL && body_cap == 1))
		return TCAS_E_ARG;
	c->body = body && body_cap ? body : c->shared.r.body;
	c->body_cap = body && body_cap ? body_cap : sizeof c->shared.r.body;
	c->tok = tok && tok_cap ? tok : c->shared.r.tok;
	c->tok_cap =
	    tok && tok_cap ? tok_cap : (unsigned)TCAS_COUNTOF(c->shared.r.tok);
	return TCAS_OK;
}

/* Does the JSON object params have a top-level member name? */
static int has_member(tcas_client *c, const char *params, size_t len,
                      const char *name)
{
	tcas_json doc;
	int tok;

	if (tcas_json_parse(&doc, params, len, c->tok, c->tok_cap))
		return 0;
	/* (member fails with TCAS_E_JSON_TYPE when params is no object) */
	return tcas_json_member(&doc, 0, name, &tok) == TCAS_OK;
}

int tcas_client_facts(const tcas_client *c, const char *action,
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
	       tcas_client_facts(c, action, &f) && f.client_token;
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
	static const char key[] = "{\"ClientToken\":\"";
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
		*p++ = tcas_hex_digits[rnd[i] >> 4];
		*p++ = tcas_hex_digits[rnd[i] & 15];
	}
	*p++ = '"';
	i = brace + 1;
	if (next_byte(params, &i, len) != '}' && i < len)
		*p++ = ',';
	c->prefix_len = (size_t)(p - c->body_prefix);
	c->body_skip = brace + 1;
	return TCAS_OK;
}

/* ---- the call ------------------------------------------------------------ */

/* Copy the string member name of object obj into out[cap], which holds ""
 * (res_reset): it stays "" when the member is no string or has a bad
 * escape; when the text does not fit, cut NULL keeps it "", otherwise it
 * gets a prefix and *cut = 1. Returns the lookup's code: TCAS_OK when the
 * member exists. */
static TCAS_INLINE int member_str(const tcas_json *doc, int obj,
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

	err =
	    tcas_json_parse(doc, c->body, c->resp.body_len, c->tok, c->tok_cap);
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
static TCAS_NOINLINE int attempt(tcas_client *c, const char *params, size_t len,
                                 int idem, tcas_result *res, int *sent)
{
	int err = tcas_conn_exchange(c, params, len, idem, res, sent);

	if (err == TCAS_OK) {
		res->http_status = c->resp.status;
		c->idle_since = tcas_clock_mono(c);
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

/* Sleep the full-jitter backoff before attempt n + 1 (tcas_retry_*: the
 * random value from the port; the ceiling itself when it has none).
 * TCAS_OK, or an error when the backoff cannot be taken (no sleep, past
 * the deadline). */
static int backoff(tcas_client *c, int n, tcas_result *res)
{
	uint32_t ms =
	    tcas_retry_ceiling(c->backoff_base_ms, c->backoff_cap_ms, n);
	uint8_t r[4];

	if (c->port->random(c->port->ctx, r, sizeof r) == TCAS_OK)
		ms = tcas_retry_jitter(ms, (uint32_t)r[0] << 24 |
		                               (uint32_t)r[1] << 16 |
		                               (uint32_t)r[2] << 8 | r[3]);
	if (c->port->sleep_ms == NULL || tcas_deadline_left(c) <= ms)
		return TCAS_E_NET_DEADLINE;
	tcas_log_event(c, "backing off ms: ", ms, 0);
	if (ms > 0)
		c->port->sleep_ms(c->port->ctx, ms);
	res->waited_ms += ms;
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
	int err, sent, skew_retry = 0, trusted = tcas_clock_trusted(c);
	tcas_retry_class k;

	c->call_t0 = tcas_clock_mono(c);
	c->call_end = c->timeout_ms;
	for (;;) {
		err = tcas_rate_wait(c, action, res);
		if (err == TCAS_OK)
			err = sign_head(c, action, params, len);
		if (err)
			return err;
		res->attempts++;
		err = attempt(c, params, len, idem, res, &sent);
		tcas_log_event(c, "attempt ", res->attempts, err);
		k = tcas_retry_classify(err, res->error_code, res->http_status,
		                        sent);
		if (k == TCAS_RETRY_CLOCK && !skew_retry) {
			if (tcas_clock_learn_skew(c, res) != TCAS_OK)
				return trusted ? err : TCAS_E_CLOCK;
			skew_retry = 1;
		} else if (!tcas_retry_again(k, idem) ||
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
	tcas_wipe(c->req_head, sizeof c->req_head);
	return err;
}
