/* The client's connection and its deadlines: TCP (through the proxy if
 * any) and TLS with their own limits inside the call's total deadline,
 * sending the request, reading the response, keep-alive and the resend on
 * a stale connection. Contracts in tcas/client.h ("Timeouts",
 * "Keep-alive") and client_inner.h. */
#include "client_inner.h"

/* close_notify budget when dropping a connection. */
#define CLOSE_MS 200

/* ---- deadlines ----------------------------------------------------------- */

/* The call's clock: ms since it began (saturated), so that deadlines and
 * phase ends are 32-bit numbers. */
static uint32_t elapsed(const tcas_client *c)
{
	uint64_t d = tcas_clock_mono(c) - c->call_t0;

	return d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

uint32_t tcas_deadline_until(const tcas_client *c, uint32_t end)
{
	uint32_t now = elapsed(c);

	return now >= end ? 0 : end - now;
}

TCAS_NOINLINE uint32_t tcas_deadline_left(const tcas_client *c)
{
	return tcas_deadline_until(c, c->call_end);
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
	return tcas_deadline_until(c, phase_end(c, limit, capped));
}

/* Name a generic timeout after the limit that expired. */
static TCAS_NOINLINE int timeout_as(int err, int capped, int phase_err)
{
	if (err != TCAS_E_NET_TIMEOUT)
		return err;
	return capped ? TCAS_E_NET_DEADLINE : phase_err;
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

/* ---- opening and closing ------------------------------------------------- */

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

/* TCP to the server, or to the proxy and CONNECT through it. */
static int tcp_open(tcas_client *c)
{
	int capped, err, px;
	uint32_t end = phase_end(c, c->connect_timeout_ms, &capped);
	const char *host = c->host;
	uint16_t port = c->port_num;

	px = tcas_proxy_hop(c, &host, &port);
	err = c->port->connect(c->port->ctx, host, port,
	                       tcas_deadline_until(c, end));
	if (err == TCAS_OK) {
		c->connected = 1;
		if (px)
			err = tcas_proxy_connect(c, end);
	}
	c->proxy_failed = px && err != TCAS_OK;
	return timeout_as(err, capped, TCAS_E_NET_CONNECT_TIMEOUT);
}

static int tls_open(tcas_client *c, tcas_result *res)
{
	int capped, err, trusted;
	int64_t now = tcas_clock_cert(c, &trusted);
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

	tcas_log_event(c, "connecting, attempt ", res->attempts, 0);
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

/* Bytes the server sent beyond the response that TLS holds (decoded, or
 * still in its read-ahead stage); 0 over plain HTTP. */
static size_t tls_extra(tcas_client *c)
{
	return c->use_tls ? tcas_tls_pending(&c->tls) : 0;
}

/* Is the idle connection still usable? Not when idle too long, nor when
 * bytes nobody asked for came in (a TLS close_notify, an error page):
 * already held by TLS, or shown by a zero-wait read, which also shows a
 * closed connection. */
static int conn_alive(tcas_client *c)
{
	uint8_t b;
	long r;

	if (!c->reusable || tls_extra(c) > 0 ||
	    tcas_clock_mono(c) - c->idle_since > TCAS_IDLE_REUSE_MS)
		return 0;
	r = c->port->recv(c->port->ctx, &b, 1, 0);
	return r == TCAS_E_NET_TIMEOUT;
}

/* ---- sending and reading ------------------------------------------------- */

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
		if (tcas_deadline_left(c) == 0)
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
static TCAS_NOINLINE int send_request(tcas_client *c, const char *params,
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

/* TLS record header bytes: an alert (21) or a handshake (22), version 3.x.
 * A plain-HTTP request that reaches a TLS port may be answered so. */
#define TLS_ALERT     0x15
#define TLS_HANDSHAKE 0x16
#define TLS_MAJOR     0x03

/* Over plain HTTP, the first n bytes of the answer are a TLS record: the
 * server is a TLS port. (A reset without a byte stays a reset: a server
 * may do that for other reasons; the CLI adds the hint.) */
static int tls_answer(const tcas_client *c, long n)
{
	return !c->use_tls && n >= 2 &&
	       (c->rx[0] == TLS_ALERT || c->rx[0] == TLS_HANDSHAKE) &&
	       c->rx[1] == TLS_MAJOR;
}

/* Read one response. *got_any tells whether any byte arrived. */
static TCAS_NOINLINE int read_response(tcas_client *c, int *got_any)
{
	tcas_http_resp_init(&c->resp, c->resp_head, sizeof c->resp_head,
	                    c->body, c->body_cap);
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
		if (!*got_any && tls_answer(c, n))
			return TCAS_E_HTTP_SPEAKS_TLS;
		*got_any = 1;
		err = tcas_http_resp_feed(&c->resp, c->rx, (size_t)n, &used);
		if (err == TCAS_MORE)
			continue;
		/* Bytes beyond the response (in this read, or left in
		 * TLS): the server pipelines or lies; never reuse such a
		 * connection. */
		if (err == TCAS_OK && (used < (size_t)n || tls_extra(c) > 0))
			c->reusable = 0;
		return err;
	}
}

int tcas_conn_exchange(tcas_client *c, const char *params, size_t len, int idem,
                       tcas_result *res, int *sent)
{
	int reused, err, got_any = 0;

	*sent = 0;
	if (c->connected && !conn_alive(c)) {
		tcas_log_event(c, "idle connection is gone, reconnecting", 0,
		               0);
		tcas_client_close(c);
	}
	reused = c->connected;
	for (;;) {
		if (!c->connected) {
			err = conn_open(c, res);
			if (err)
				return err;
		}
		tcas_log_head(c);
		err = send_request(c, params, len);
		*sent = err == TCAS_OK;
		if (err == TCAS_OK)
			err = read_response(c, &got_any);
		if (err == TCAS_OK || !reused || got_any || is_timeout(err) ||
		    (*sent && !idem))
			return err;
		tcas_log_event(c, "stale connection, sending again:", 0, err);
		tcas_client_close(c);
		reused = 0;
	}
}
