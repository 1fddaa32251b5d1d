/*
 * srv_conn.c - one connection of tcas-emu's network loop: its buffers and
 * teardown, the plain and TLS I/O pumps, building responses, handling
 * requests (faults, the state model, the log) and its timers. The loop
 * itself (accept, poll, setup) is in server.c; shared records in
 * srv_inner.h.
 */
#include "srv_inner.h"

double srv_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int srv_set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL, 0);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int buf_add(char **b, size_t *len, size_t *cap, const void *p, size_t n)
{
	if (*len + n > *cap) {
		size_t nc = *cap ? *cap : 4096;
		char *nb;

		while (nc < *len + n)
			nc *= 2;
		nb = realloc(*b, nc);
		if (nb == NULL)
			return -1;
		*b = nb;
		*cap = nc;
	}
	memcpy(*b + *len, p, n);
	*len += n;
	return 0;
}

/* ---- connection teardown ------------------------------------------------- */

void srv_drop(conn *c, const char *fmt, const char *detail)
{
	if (c->phase == P_DEAD)
		return;
	snprintf(c->why, sizeof c->why, fmt, detail ? detail : "");
	c->phase = P_DEAD;
}

void srv_conn_free(conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	emu_http_free(&c->http);
	free(c->in);
	free(c->out);
	free(c->pend);
	free(c->sc);
	free(c->iobuf);
	free(c);
}

static void reset_conn(conn *c, const char *why)
{
	struct linger l;

	l.l_onoff = 1;
	l.l_linger = 0;
	setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	srv_drop(c, "%s", why);
}

/* ---- I/O pumps ----------------------------------------------------------- */

int srv_want_read(const conn *c)
{
	return c->phase != P_DEAD && !c->peer_eof && c->in_len < IN_HIGH;
}

static void got_bytes(conn *c, const void *p, size_t n)
{
	if (c->phase == P_LINGER || c->phase == P_HANG)
		return; /* discarded */
	if (buf_add(&c->in, &c->in_len, &c->in_cap, p, n) != 0)
		srv_drop(c, "out of memory%s", NULL);
}

static void plain_pump(conn *c)
{
	char tmp[16384];
	ssize_t n;

	while (c->out_off < c->out_len && c->phase != P_DEAD) {
		n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
		         MSG_NOSIGNAL);
		if (n > 0) {
			c->out_off += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0 && errno == EINTR)
			continue;
		srv_drop(c, "send: %s", strerror(errno));
		return;
	}
	c->want_write = c->out_off < c->out_len;
	if (c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	while (srv_want_read(c)) {
		n = recv(c->fd, tmp, sizeof tmp, 0);
		if (n > 0) {
			got_bytes(c, tmp, (size_t)n);
			continue;
		}
		if (n == 0) {
			c->peer_eof = 1;
			break;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			break;
		if (errno == EINTR)
			continue;
		srv_drop(c, "recv: %s", strerror(errno));
		return;
	}
}

static const char *tls_err_text(int err)
{
	static char buf[48];

	switch (err) {
	case BR_ERR_BAD_PARAM:
		return "bad parameter";
	case BR_ERR_BAD_STATE:
		return "bad state";
	case BR_ERR_UNSUPPORTED_VERSION:
		return "unsupported TLS version";
	case BR_ERR_BAD_VERSION:
		return "bad version in record";
	case BR_ERR_BAD_LENGTH:
		return "bad record length";
	case BR_ERR_UNKNOWN_TYPE:
		return "unknown record type";
	case BR_ERR_BAD_CCS:
		return "bad ChangeCipherSpec";
	case BR_ERR_BAD_ALERT:
		return "bad alert";
	case BR_ERR_OVERSIZED_ID:
		return "oversized session ID";
	case BR_ERR_BAD_COMPRESSION:
		return "compression requested";
	case BR_ERR_BAD_FRAGLEN:
		return "bad max fragment length";
	case BR_ERR_BAD_SECRENEG:
		return "bad secure renegotiation";
	case BR_ERR_EXTRA_EXTENSION:
		return "unexpected extension";
	case BR_ERR_BAD_SNI:
		return "bad SNI";
	case BR_ERR_BAD_HELLO_DONE:
		return "bad ServerHelloDone";
	case BR_ERR_LIMIT_EXCEEDED:
		return "limit exceeded";
	case BR_ERR_BAD_FINISHED:
		return "bad Finished";
	case BR_ERR_RESUME_MISMATCH:
		return "session resumption mismatch";
	case BR_ERR_INVALID_ALGORITHM:
		return "invalid algorithm";
	case BR_ERR_BAD_SIGNATURE:
		return "bad signature";
	case BR_ERR_WRONG_KEY_USAGE:
		return "wrong key usage";
	case BR_ERR_NO_CLIENT_AUTH:
		return "no client certificate";
	case BR_ERR_BAD_CIPHER_SUITE:
		return "no common cipher suite";
	case BR_ERR_BAD_HANDSHAKE:
		return "bad handshake message";
	case BR_ERR_BAD_MAC:
		return "bad record MAC";
	case BR_ERR_IO:
		return "I/O error";
	case BR_ERR_UNEXPECTED:
		return "unexpected message";
	case BR_ERR_TOO_LARGE:
		return "record too large";
	default:
		if (err >= BR_ERR_RECV_FATAL_ALERT &&
		    err < BR_ERR_RECV_FATAL_ALERT + 256) {
			snprintf(buf, sizeof buf, "peer sent fatal alert %d",
			         err - BR_ERR_RECV_FATAL_ALERT);
			return buf;
		}
		if (err >= BR_ERR_SEND_FATAL_ALERT &&
		    err < BR_ERR_SEND_FATAL_ALERT + 256) {
			snprintf(buf, sizeof buf, "sent fatal alert %d",
			         err - BR_ERR_SEND_FATAL_ALERT);
			return buf;
		}
		snprintf(buf, sizeof buf, "BearSSL error %d", err);
		return buf;
	}
}

static void tls_pump(conn *c)
{
	br_ssl_engine_context *eng = &c->sc->eng;
	int progress = 1;

	c->want_write = 0;
	while (progress && c->phase != P_DEAD) {
		unsigned st = br_ssl_engine_current_state(eng);
		unsigned char *b;
		size_t len;
		ssize_t n;

		progress = 0;
		if (st & BR_SSL_CLOSED) {
			int err = br_ssl_engine_last_error(eng);

			if (err != BR_ERR_OK)
				srv_drop(c, "TLS: %s", tls_err_text(err));
			else if (c->phase != P_CLOSING)
				c->peer_eof = 1; /* close_notify */
			return;
		}
		if (st & BR_SSL_SENDREC) {
			b = br_ssl_engine_sendrec_buf(eng, &len);
			n = send(c->fd, b, len, MSG_NOSIGNAL);
			if (n > 0) {
				br_ssl_engine_sendrec_ack(eng, (size_t)n);
				progress = 1;
			} else if (n < 0 &&
			           (errno == EAGAIN || errno == EWOULDBLOCK)) {
				c->want_write = 1;
			} else if (!(n < 0 && errno == EINTR)) {
				srv_drop(c, "send: %s", strerror(errno));
				return;
			}
		}
		if ((st & BR_SSL_RECVAPP) && c->in_len < IN_HIGH) {
			b = br_ssl_engine_recvapp_buf(eng, &len);
			got_bytes(c, b, len);
			br_ssl_engine_recvapp_ack(eng, len);
			progress = 1;
		}
		if ((st & BR_SSL_SENDAPP) && c->out_off < c->out_len) {
			b = br_ssl_engine_sendapp_buf(eng, &len);
			if (len > c->out_len - c->out_off)
				len = c->out_len - c->out_off;
			memcpy(b, c->out + c->out_off, len);
			br_ssl_engine_sendapp_ack(eng, len);
			c->out_off += len;
			if (c->out_off == c->out_len) {
				c->out_off = c->out_len = 0;
				br_ssl_engine_flush(eng, 0);
			}
			progress = 1;
		}
		if ((st & BR_SSL_RECVREC) && !c->peer_eof) {
			b = br_ssl_engine_recvrec_buf(eng, &len);
			n = recv(c->fd, b, len, 0);
			if (n > 0) {
				br_ssl_engine_recvrec_ack(eng, (size_t)n);
				progress = 1;
			} else if (n == 0) {
				c->peer_eof = 1;
			} else if (errno != EAGAIN && errno != EWOULDBLOCK &&
			           errno != EINTR) {
				srv_drop(c, "recv: %s", strerror(errno));
				return;
			}
		}
	}
}

/* Lingering close: discard input until EOF or the deadline. */
static void linger_pump(conn *c)
{
	char tmp[4096];
	ssize_t n;

	for (;;) {
		n = recv(c->fd, tmp, sizeof tmp, 0);
		if (n > 0)
			continue;
		if (n == 0)
			c->peer_eof = 1;
		else if (errno != EAGAIN && errno != EWOULDBLOCK &&
		         errno != EINTR)
			c->peer_eof = 1;
		return;
	}
}

void srv_pump(conn *c)
{
	if (c->phase == P_DEAD)
		return;
	if (c->phase == P_LINGER)
		linger_pump(c);
	else if (c->tls)
		tls_pump(c);
	else
		plain_pump(c);
}

/* Everything we queued has left for the kernel. */
static int output_drained(const conn *c)
{
	if (c->out_off < c->out_len)
		return 0;
	if (c->tls)
		return (br_ssl_engine_current_state(&c->sc->eng) &
		        BR_SSL_SENDREC) == 0;
	return 1;
}

/* ---- responses ----------------------------------------------------------- */

static void head_fmt(char *h, size_t hn, int status, const char *reason,
                     const char *ctype, size_t clen, int keep)
{
	char date[30];

	emu_http_date((long)wall(), date);
	snprintf(h, hn,
	         "HTTP/1.1 %d %s\r\nDate: %s\r\nServer: tcas-emu\r\n"
	         "Content-Type: %s\r\nContent-Length: %zu\r\n"
	         "Connection: %s\r\n\r\n",
	         status, reason, date, ctype, clen,
	         keep ? "keep-alive" : "close");
}

/* Build the response into c->pend (sent at once or after a delay). Only
   send_len bytes of the body go out (truncate fault). */
static int build(conn *c, int status, const char *reason, const char *ctype,
                 const char *body, size_t blen, size_t send_len, int keep)
{
	char h[512];
	size_t cap = 0;

	head_fmt(h, sizeof h, status, reason, ctype, blen, keep);
	free(c->pend);
	c->pend = NULL;
	c->pend_len = 0;
	if (buf_add(&c->pend, &c->pend_len, &cap, h, strlen(h)) != 0 ||
	    buf_add(&c->pend, &c->pend_len, &cap, body, send_len) != 0)
		return -1;
	c->after_write = keep ? AW_KEEP : AW_CLOSE;
	return 0;
}

static void release(conn *c)
{
	if (c->pend != NULL && buf_add(&c->out, &c->out_len, &c->out_cap,
	                               c->pend, c->pend_len) != 0)
		srv_drop(c, "out of memory%s", NULL);
	free(c->pend);
	c->pend = NULL;
	c->pend_len = 0;
	c->last_io =
	    srv_mono(); /* idle/stall clocks start now, not at the request */
	if (c->phase != P_DEAD)
		c->phase = P_WRITE;
}

static const char *http_reason(int s)
{
	switch (s) {
	case 400:
		return "Bad Request";
	case 404:
		return "Not Found";
	case 413:
		return "Payload Too Large";
	case 431:
		return "Request Header Fields Too Large";
	case 500:
		return "Internal Server Error";
	case 501:
		return "Not Implemented";
	case 502:
		return "Bad Gateway";
	case 503:
		return "Service Unavailable";
	case 504:
		return "Gateway Timeout";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Error";
	}
}

static int build_html_error(conn *c, int status, int keep)
{
	char body[512];
	int n =
	    snprintf(body, sizeof body,
	             "<html>\r\n<head><title>%d %s</title></head>\r\n"
	             "<body>\r\n<center><h1>%d %s</h1></center>\r\n"
	             "<hr><center>tcas-emu</center>\r\n</body>\r\n"
	             "</html>\r\n",
	             status, http_reason(status), status, http_reason(status));

	return build(c, status, http_reason(status), "text/html", body,
	             (size_t)n, (size_t)n, keep);
}

/* ---- request handling ---------------------------------------------------- */

/* Code of a response document, for the log: Error.Code or "OK". */
static void result_code(const char *doc, size_t len, char *out, size_t n)
{
	static const char key[] = "\"Error\":{\"Code\":\"";
	const char *p = NULL, *e;
	size_t i;

	/* at each 'E' only (memchr, then the quote before it): a memcmp at
	 * every byte of the answer was 5% of the emulator's CPU per call */
	for (i = 1; i + sizeof key - 2 <= len; i++) {
		const char *q = memchr(doc + i, 'E', len - i);

		if (q == NULL)
			break;
		i = (size_t)(q - doc);
		if (i + sizeof key - 2 <= len && q[-1] == '"' &&
		    memcmp(q - 1, key, sizeof key - 1) == 0) {
			p = q - 1 + sizeof key - 1;
			break;
		}
	}
	if (p == NULL) {
		snprintf(out, n, "OK");
		return;
	}
	e = memchr(p, '"', len - (size_t)(p - doc));
	if (e == NULL || (size_t)(e - p) >= n)
		e = p + (n - 1 < (size_t)(doc + len - p)
		             ? n - 1
		             : (size_t)(doc + len - p));
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
}

/* Run verification, rate limit and the state model: the answer document
   (malloc'd) or NULL with *http set to a plain HTTP status. */
static char *answer(server *s, conn *c, const char *rid, size_t *len, int *http)
{
	const emu_req *r = &c->http.req;
	emu_verdict v;
	const char *action, *region;
	char *doc = NULL;

	*http = 0;
	if (emu_verify(r, &s->cfg->vcfg, (long)wall(), &v) != 0) {
		if (v.http_status != 0) {
			*http = v.http_status;
			return NULL;
		}
		return emu_error_json(v.code, v.message, rid, len);
	}
	action = emu_req_header(r, "X-TC-Action");
	region = emu_req_header(r, "X-TC-Region");
	if (s->cfg->rate && !emu_rate_allow(s->cfg->rate, action, srv_mono()))
		return emu_error_json("RequestLimitExceeded",
		                      "Your current request times equals to "
		                      "the maximum number of calls per second "
		                      "for this action.",
		                      rid, len);
	if (s->cfg->as == NULL ||
	    emu_as_handle(s->cfg->as, action, region, r->body, r->body_len, rid,
	                  wall(), &doc, len) != 0 ||
	    doc == NULL) {
		free(doc);
		return emu_error_json("InternalError",
		                      "The state model failed to handle the "
		                      "request.",
		                      rid, len);
	}
	return doc;
}

static void log_req(conn *c, const char *rid, const char *code, int http,
                    size_t blen)
{
	const emu_req *r = &c->http.req;
	const char *a = emu_req_header(r, "X-TC-Action");
	char act[80];
	size_t i;

	snprintf(act, sizeof act, "%s", a ? a : "-");
	for (i = 0; act[i]; i++)
		if ((unsigned char)act[i] < 0x21 ||
		    (unsigned char)act[i] > 0x7e)
			act[i] = '?';
	emu_log("req conn=%lu action=%s result=%s http=%d bytes=%zu "
	        "latency_ms=%.1f request_id=%s%s%s%s",
	        c->id, act, code, http, blen, (srv_mono() - c->t0) * 1000.0,
	        rid, c->fault ? " fault=" : "",
	        c->fault ? emu_fault_name(c->fault) : "",
	        c->fault == EMU_F_SLOW ? " (answer delayed)" : "");
}

static void handle_request(server *s, conn *c)
{
	const emu_req *r = &c->http.req;
	int keep = r->keep_alive && !s->draining && !srv_stop_signal;
	char rid[37], code[96];
	char *doc = NULL;
	size_t len = 0, send_len;
	int http = 0, rc = 0;

	emu_uuid4(rid);
	s->served++;
	c->nreq++;
	if (s->cfg->max_requests > 0 && s->served >= s->cfg->max_requests) {
		s->draining = 1;
		keep = 0;
	}
	switch (c->fault) {
	case EMU_F_HANG:
		log_req(c, rid, "(hang)", 0, 0);
		c->phase = P_HANG;
		c->deadline = srv_mono() + HANG_MAX;
		return;
	case EMU_F_HTTP5XX:
		log_req(c, rid, "(html)", (int)c->fault_arg, 0);
		if (build_html_error(c, (int)c->fault_arg, 0) != 0)
			srv_drop(c, "out of memory%s", NULL);
		release(c);
		return;
	case EMU_F_INTERNAL:
		doc = emu_error_json("InternalError",
		                     "An internal error has occurred. Retry "
		                     "your request.",
		                     rid, &len);
		break;
	case EMU_F_THROTTLE:
		doc = emu_error_json(
		    "RequestLimitExceeded",
		    "Your current request times equals to the "
		    "maximum number of calls per second for this "
		    "action.",
		    rid, &len);
		break;
	default:
		doc = answer(s, c, rid, &len, &http);
		break;
	}
	if (doc == NULL && http == 0) {
		srv_drop(c, "out of memory%s", NULL);
		return;
	}
	if (doc == NULL) {
		log_req(c, rid, "(http)", http, 0);
		rc = build_html_error(c, http, keep);
	} else {
		result_code(doc, len, code, sizeof code);
		log_req(c, rid, code, 200, len);
		send_len = len;
		if (c->fault == EMU_F_RESET_AFTER) {
			free(doc);
			reset_conn(c, "fault reset-after: request processed, "
			              "connection reset without an answer");
			return;
		}
		if (c->fault == EMU_F_MALFORMED && len > 2) {
			/* Same length, broken: cut mid-document, then junk. */
			size_t half = len / 2;

			memset(doc + half, '}', len - half);
			doc[half] = '\x01';
			if (len - half > 2)
				memcpy(doc + half + 1, "<!", 2);
		}
		if (c->fault == EMU_F_TRUNCATE)
			send_len = len / 2;
		rc = build(c, 200, "OK", "application/json", doc, len, send_len,
		           keep && c->fault != EMU_F_TRUNCATE);
		if (c->fault == EMU_F_TRUNCATE)
			c->after_write = AW_CUT;
		free(doc);
	}
	if (rc != 0) {
		srv_drop(c, "out of memory%s", NULL);
		return;
	}
	if (c->fault == EMU_F_SLOW && c->fault_arg > 0) {
		c->phase = P_DELAY;
		c->deadline = srv_mono() + (double)c->fault_arg / 1000.0;
		return;
	}
	release(c);
}

static void on_head(server *s, conn *c)
{
	const emu_req *r = &c->http.req;

	c->t0 = srv_mono();
	c->fault = EMU_F_NONE;
	c->fault_arg = 0;
	if (s->cfg->faults && s->cfg->faults->n > 0)
		c->fault = emu_fault_pick(s->cfg->faults,
		                          emu_req_header(r, "X-TC-Action"),
		                          &c->fault_arg);
	if (c->fault == EMU_F_RESET_BEFORE) {
		s->served++;
		emu_log(
		    "req conn=%lu action=%s result=(reset) fault=reset-before",
		    c->id,
		    emu_req_header(r, "X-TC-Action")
		        ? emu_req_header(r, "X-TC-Action")
		        : "-");
		reset_conn(c, "fault reset-before: connection reset before "
		              "the request was processed");
		return;
	}
	if (r->expect_continue && c->http.state != 6 /* S_DONE */ &&
	    buf_add(&c->out, &c->out_len, &c->out_cap,
	            "HTTP/1.1 100 Continue\r\n\r\n", 25) != 0)
		srv_drop(c, "out of memory%s", NULL);
}

static void parse_error(conn *c)
{
	int st = c->http.err_status;

	emu_log("req conn=%lu result=(bad request) http=%d reason=%s", c->id,
	        st, c->http.err_reason);
	if (st == 413) {
		char rid[37];
		size_t len;
		char *doc;

		emu_uuid4(rid);
		doc = emu_error_json("RequestSizeLimitExceeded",
		                     "The request body exceeds the limit of "
		                     "1 MiB.",
		                     rid, &len);
		if (doc == NULL || build(c, 200, "OK", "application/json", doc,
		                         len, len, 0) != 0)
			srv_drop(c, "out of memory%s", NULL);
		free(doc);
	} else if (build_html_error(c, st, 0) != 0) {
		srv_drop(c, "out of memory%s", NULL);
	}
	snprintf(c->why, sizeof c->why, "bad request: %s", c->http.err_reason);
	release(c);
}

void srv_process(server *s, conn *c)
{
	while (c->phase == P_READ) {
		size_t used = 0;
		int rc = emu_http_feed(&c->http, c->in, c->in_len, &used);

		if (used > 0) {
			memmove(c->in, c->in + used, c->in_len - used);
			c->in_len -= used;
		}
		if (rc == EMU_HTTP_HEAD) {
			on_head(s, c);
			continue;
		}
		if (rc == EMU_HTTP_DONE) {
			handle_request(s, c);
			emu_http_reset(&c->http);
			continue;
		}
		if (rc == EMU_HTTP_ERROR)
			parse_error(c);
		break;
	}
}

/* After the response left: keep the connection, or close it as asked. */
void srv_after_write(conn *c)
{
	if (c->phase != P_WRITE && c->phase != P_CLOSING)
		return;
	if (!output_drained(c))
		return;
	if (c->phase == P_WRITE && c->after_write == AW_KEEP) {
		c->phase = P_READ;
		return;
	}
	if (c->phase == P_WRITE && c->after_write == AW_CLOSE && c->tls) {
		br_ssl_engine_close(&c->sc->eng);
		c->phase = P_CLOSING;
		tls_pump(c);
		if (c->phase == P_DEAD || !output_drained(c))
			return;
	}
	if (c->phase == P_DEAD)
		return;
	if (c->after_write == AW_CUT)
		snprintf(c->why, sizeof c->why,
		         "fault truncate: body cut, connection closed");
	else if (c->why[0] == '\0')
		snprintf(c->why, sizeof c->why, "closed after %lu request(s)",
		         c->nreq);
	shutdown(c->fd, SHUT_WR);
	c->phase = P_LINGER;
	c->deadline = srv_mono() + LINGER_MAX;
}

/* ---- timers -------------------------------------------------------------- */

double srv_conn_deadline(const conn *c)
{
	switch (c->phase) {
	case P_DELAY:
	case P_HANG:
	case P_LINGER:
		return c->deadline;
	case P_READ:
		return c->last_io +
		       ((c->http.started || c->in_len || (c->tls && !c->nreq))
		            ? IDLE_PARTIAL
		            : IDLE_KEEPALIVE);
	default:
		return c->last_io + STALL_WRITE;
	}
}

void srv_timers(conn *c, double now)
{
	if (c->phase == P_DEAD || now < srv_conn_deadline(c))
		return;
	switch (c->phase) {
	case P_DELAY:
		release(c);
		break;
	case P_HANG:
		srv_drop(c, "fault hang: gave up after %s", "1 h");
		break;
	case P_LINGER:
		c->phase = P_DEAD; /* why already says how it closed */
		break;
	case P_READ:
		srv_drop(c, "idle timeout%s",
		         c->http.started ? " (incomplete request)" : "");
		break;
	default:
		srv_drop(c, "write stalled: peer not reading%s", NULL);
		break;
	}
}
