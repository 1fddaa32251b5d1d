/* One signed API call over a reusable connection; contract in
 * tcas/client.h. */
#include "inner.h"

#include "tcas/client.h"
#include "tcas/sign.h"

#define CONTENT_TYPE "application/json"
/* 2020-01-01T00:00:00Z: anything earlier is an unset clock. */
#define CLOCK_FLOOR 1577836800
/* Longest SecretId accepted; bounds the Authorization value on the stack. */
#define SECRET_ID_MAX 128
#define AUTH_MAX (SECRET_ID_MAX + 256)

int tcas_client_init(tcas_client *c, const tcas_port *port)
{
	if (c == NULL || port == NULL)
		return TCAS_E_ARG;
	memset(c, 0, sizeof *c);
	c->port = port;
	c->action_version = TCAS_AS_VERSION;
	c->service = TCAS_AS_SERVICE;
	c->timeout_ms = TCAS_TIMEOUT_MS_DEFAULT;
	return tcas_client_set_endpoint(c, TCAS_AS_DEFAULT_HOST);
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
	}
}

void tcas_client_set_timeout(tcas_client *c, uint32_t timeout_ms)
{
	if (c)
		c->timeout_ms = timeout_ms;
}

void tcas_client_set_time(tcas_client *c, int64_t unix_seconds)
{
	if (c)
		c->fixed_time = unix_seconds;
}

static int64_t call_time(const tcas_client *c)
{
	if (c->fixed_time > 0)
		return c->fixed_time;
	return c->port->wall_time(c->port->ctx);
}

int tcas_client_prepare(tcas_client *c, const char *action,
                        const char *params, size_t params_len)
{
	tcas_sign_ctx sc;
	tcas_sign_params sp;
	tcas_http_req hr;
	char sig[TCAS_SIGN_HEX_LEN + 1];
	char auth[AUTH_MAX];
	size_t auth_len;
	int64_t now;
	int err;

	if (c == NULL || action == NULL || action[0] == '\0' ||
	    params == NULL || params_len == 0)
		return TCAS_E_ARG;
	if (c->secret_id == NULL || c->secret_id[0] == '\0' ||
	    c->secret_key == NULL || c->secret_key[0] == '\0' ||
	    strlen(c->secret_id) > SECRET_ID_MAX)
		return TCAS_E_CREDENTIALS;
	now = call_time(c);
	if (now < CLOCK_FLOOR)
		return TCAS_E_CLOCK;

	memset(&sp, 0, sizeof sp);
	sp.secret_id = c->secret_id;
	sp.secret_key = c->secret_key;
	sp.service = c->service;
	sp.host = c->host_header;
	sp.content_type = CONTENT_TYPE;
	sp.action = action;
	sp.timestamp = now;
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, params, params_len);
	err = tcas_sign_final(&sc, &sp, sig);
	if (err == TCAS_OK)
		err = tcas_sign_authorization(&sp, sig, auth, sizeof auth,
		                              &auth_len);
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
	hr.body_len = params_len;
	hr.keep_alive = 1;
	return tcas_http_write_head(&hr, c->req_head, sizeof c->req_head,
	                            &c->req_head_len);
}

/* ---- connection ------------------------------------------------------- */

static uint32_t remaining(const tcas_client *c, uint64_t deadline)
{
	uint64_t now = c->port->mono_ms(c->port->ctx);

	if (now >= deadline)
		return 0;
	return (uint32_t)(deadline - now);
}

void tcas_client_close(tcas_client *c)
{
	if (c == NULL || !c->connected)
		return;
	if (c->use_tls)
		tcas_tls_close(&c->tls, 200);
	c->port->close(c->port->ctx);
	c->connected = 0;
	c->reusable = 0;
}

static int conn_open(tcas_client *c, uint64_t deadline, tcas_result *res)
{
	int err;

	res->attempts++;
	err = c->port->connect(c->port->ctx, c->host, c->port_num,
	                       remaining(c, deadline));
	if (err)
		return err;
	c->connected = 1;
	if (c->use_tls) {
		err = tcas_tls_connect(&c->tls, c->port, c->ta, c->ta_count,
		                       c->host, call_time(c),
		                       remaining(c, deadline));
		if (err) {
			res->tls_br_error = tcas_tls_last_br_error(&c->tls);
			c->port->close(c->port->ctx);
			c->connected = 0;
			return err;
		}
	}
	c->reusable = 1;
	return TCAS_OK;
}

static int conn_send(tcas_client *c, const uint8_t *p, size_t n,
                     uint64_t deadline)
{
	long r;

	while (n > 0) {
		uint32_t left = remaining(c, deadline);

		if (left == 0)
			return TCAS_E_NET_TIMEOUT;
		if (c->use_tls)
			r = tcas_tls_send(&c->tls, p, n, left);
		else
			r = c->port->send(c->port->ctx, p, n, left);
		if (r < 0)
			return (int)r;
		if (r == 0)
			return TCAS_E_NET_CLOSED;
		p += r;
		n -= (size_t)r;
	}
	return TCAS_OK;
}

static long conn_recv(tcas_client *c, uint8_t *p, size_t n,
                      uint64_t deadline)
{
	uint32_t left = remaining(c, deadline);

	if (left == 0)
		return TCAS_E_NET_TIMEOUT;
	if (c->use_tls)
		return tcas_tls_recv(&c->tls, p, n, left);
	return c->port->recv(c->port->ctx, p, n, left);
}

static int send_request(tcas_client *c, const char *params, size_t len,
                        uint64_t deadline)
{
	int err = conn_send(c, (const uint8_t *)c->req_head, c->req_head_len,
	                    deadline);

	if (err == TCAS_OK)
		err = conn_send(c, (const uint8_t *)params, len, deadline);
	if (err == TCAS_OK && c->use_tls)
		err = tcas_tls_flush(&c->tls, remaining(c, deadline));
	return err;
}

/* Read one response. *got_any tells whether any byte arrived. */
static int read_response(tcas_client *c, uint64_t deadline, int *got_any)
{
	tcas_http_resp_init(&c->resp, c->resp_head, sizeof c->resp_head,
	                    c->body, sizeof c->body);
	*got_any = 0;
	for (;;) {
		size_t used = 0;
		long n = conn_recv(c, c->rx, sizeof c->rx, deadline);
		int err;

		if (n == 0)
			return tcas_http_resp_eof(&c->resp);
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

/* Send the prepared request and read the answer, reconnecting once if a
 * reused connection turns out to be dead before any response byte. */
static int exchange(tcas_client *c, const char *action, const char *params,
                    size_t len, uint64_t deadline, tcas_result *res)
{
	int reused = c->connected && c->reusable;
	int err, got_any, sent;

	if (c->connected && !c->reusable)
		tcas_client_close(c);
	if (!c->connected) {
		err = conn_open(c, deadline, res);
		if (err)
			return err;
	}
	err = send_request(c, params, len, deadline);
	sent = (err == TCAS_OK);
	if (err == TCAS_OK)
		err = read_response(c, deadline, &got_any);
	else
		got_any = 0;
	if (err == TCAS_OK || !reused || got_any || err == TCAS_E_NET_TIMEOUT)
		return err;
	/* A stale keep-alive connection: the server closed it while idle.
	 * Safe to send again when the request never left, or when it is a
	 * read (Describe*). */
	if (sent && strncmp(action, "Describe", 8) != 0)
		return err;
	tcas_client_close(c);
	err = conn_open(c, deadline, res);
	if (err)
		return err;
	err = send_request(c, params, len, deadline);
	if (err == TCAS_OK)
		err = read_response(c, deadline, &got_any);
	return err;
}

/* Copy string token tok into out[cap]; *cut set when it did not fit. */
static void copy_str(const tcas_json *doc, int tok, char *out, size_t cap,
                     int *cut)
{
	size_t len;
	int err = tcas_json_get_string(doc, tok, out, cap, &len);

	if (err == TCAS_E_NOSPACE && cut) {
		/* Keep a prefix that ends on a UTF-8 boundary. */
		size_t n;
		const char *raw = tcas_json_raw(doc, tok, &n);

		len = 0;
		while (len + 1 < cap && len < n && raw[len] != '\\')
			len++;
		while (len > 0 && ((unsigned char)raw[len] & 0xC0) == 0x80)
			len--;
		memcpy(out, raw, len);
		out[len] = '\0';
		*cut = 1;
	} else if (err != TCAS_OK) {
		out[0] = '\0';
	}
}

static int parse_envelope(tcas_client *c, tcas_result *res)
{
	tcas_json *doc = &res->doc;
	int err, tok;

	err = tcas_json_parse(doc, c->body, c->resp.body_len, c->tok,
	                      TCAS_COUNTOF(c->tok));
	if (err)
		return err;
	if (tcas_json_type_of(doc, 0) != TCAS_JSON_OBJECT ||
	    tcas_json_member(doc, 0, "Response", &tok) != TCAS_OK ||
	    tcas_json_type_of(doc, tok) != TCAS_JSON_OBJECT)
		return TCAS_E_RESPONSE;
	res->response = tok;
	if (tcas_json_find(doc, tok, "RequestId", &tok) == TCAS_OK)
		copy_str(doc, tok, res->request_id, sizeof res->request_id,
		         NULL);
	if (tcas_json_find(doc, res->response, "Error", &tok) != TCAS_OK)
		return TCAS_OK;
	if (tcas_json_find(doc, res->response, "Error.Code", &tok) != TCAS_OK)
		return TCAS_E_RESPONSE;
	copy_str(doc, tok, res->error_code, sizeof res->error_code, NULL);
	if (res->error_code[0] == '\0')
		return TCAS_E_RESPONSE;
	if (tcas_json_find(doc, res->response, "Error.Message", &tok) ==
	    TCAS_OK)
		copy_str(doc, tok, res->error_message,
		         sizeof res->error_message, &res->message_truncated);
	return TCAS_E_API;
}

int tcas_client_call(tcas_client *c, const char *action, const char *params,
                     size_t params_len, tcas_result *res)
{
	uint64_t deadline;
	int err;

	if (res == NULL)
		return TCAS_E_ARG;
	memset(res, 0, sizeof *res);
	res->response = -1;
	err = tcas_client_prepare(c, action, params, params_len);
	if (err)
		return err;
	if (c->use_tls && (c->ta == NULL || c->ta_count == 0))
		return TCAS_E_TLS_NO_ANCHORS;
	deadline = c->port->mono_ms(c->port->ctx) + c->timeout_ms;
	err = exchange(c, action, params, params_len, deadline, res);
	if (err) {
		tcas_client_close(c);
		return err;
	}
	res->http_status = c->resp.status;
	if (!c->resp.keep_alive)
		tcas_client_close(c);
	if (c->resp.status != 200)
		return TCAS_E_HTTP_STATUS;
	return parse_envelope(c, res);
}
