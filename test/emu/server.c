/*
 * server.c - the tcas-emu network loop: one thread, poll() over the listen
 * sockets and every client connection, all non-blocking. TLS connections
 * drive their own BearSSL server engine; plain HTTP connections use the
 * socket directly. Per-connection timers implement slow responses, idle
 * timeouts and lingering closes without ever sleeping on the hot path.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <bearssl.h>

#include "tlscfg.h"

#define IN_HIGH        (64 * 1024) /* stop reading ahead beyond this */
#define IDLE_KEEPALIVE 75.0        /* idle keep-alive connection */
#define IDLE_PARTIAL   30.0        /* partial request / TLS handshake */
#define STALL_WRITE    60.0        /* peer not reading our response */
#define HANG_MAX       3600.0      /* "hang" connections */
#define LINGER_MAX     2.0         /* lingering close */

enum { P_READ, P_DELAY, P_WRITE, P_HANG, P_CLOSING, P_LINGER, P_DEAD };
enum { AW_KEEP, AW_CLOSE, AW_CUT, AW_RESET };

typedef struct conn {
	int fd;
	int tls;
	unsigned long id;
	char peer[64];
	br_ssl_server_context *sc;
	unsigned char *iobuf;
	char *in;
	size_t in_len, in_cap;
	char *out;
	size_t out_len, out_off, out_cap;
	char *pend; /* delayed response */
	size_t pend_len;
	emu_http http;
	int phase, after_write, peer_eof, want_write, shut_wr;
	double deadline, last_io, t0;
	int fault;
	long fault_arg;
	unsigned long nreq;
	char why[160];
} conn;

typedef struct server {
	const emu_server_cfg *cfg;
	emu_tls_creds *creds;
	br_ssl_session_cache_lru lru;
	unsigned char *lru_buf;
	int lfd[2]; /* 0: TLS, 1: plain */
	conn **conns;
	size_t nconns, cap;
	unsigned long next_id;
	long served;
	int draining;
	double start;
	double accept_pause; /* accept() failed for lack of fds: wait */
} server;

static volatile sig_atomic_t stop_signal;
static int sig_pipe[2] = {-1, -1}; /* wakes poll() on a signal */

static void on_signal(int sig)
{
	int e = errno;

	stop_signal = sig;
	if (sig_pipe[1] >= 0 && write(sig_pipe[1], "s", 1) < 0) {
		/* pipe full: poll() wakes anyway */
	}
	errno = e;
}

static double mono(void)
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

static int set_nonblock(int fd)
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

static void drop(conn *c, const char *fmt, const char *detail)
{
	if (c->phase == P_DEAD)
		return;
	snprintf(c->why, sizeof c->why, fmt, detail ? detail : "");
	c->phase = P_DEAD;
}

static void conn_free(conn *c)
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
	drop(c, "%s", why);
}

/* ---- I/O pumps ----------------------------------------------------------- */

static int want_read(const conn *c)
{
	return c->phase != P_DEAD && !c->peer_eof && c->in_len < IN_HIGH;
}

static void got_bytes(conn *c, const void *p, size_t n)
{
	if (c->phase == P_LINGER || c->phase == P_HANG)
		return; /* discarded */
	if (buf_add(&c->in, &c->in_len, &c->in_cap, p, n) != 0)
		drop(c, "out of memory%s", NULL);
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
		drop(c, "send: %s", strerror(errno));
		return;
	}
	c->want_write = c->out_off < c->out_len;
	if (c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	while (want_read(c)) {
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
		drop(c, "recv: %s", strerror(errno));
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
				drop(c, "TLS: %s", tls_err_text(err));
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
				drop(c, "send: %s", strerror(errno));
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
				drop(c, "recv: %s", strerror(errno));
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

static void pump(conn *c)
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
		drop(c, "out of memory%s", NULL);
	free(c->pend);
	c->pend = NULL;
	c->pend_len = 0;
	c->last_io =
	    mono(); /* idle/stall clocks start now, not at the request */
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

	for (i = 0; len >= sizeof key - 1 && i + sizeof key - 1 <= len; i++)
		if (memcmp(doc + i, key, sizeof key - 1) == 0) {
			p = doc + i + sizeof key - 1;
			break;
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
	if (s->cfg->rate && !emu_rate_allow(s->cfg->rate, action, mono()))
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
	        c->id, act, code, http, blen, (mono() - c->t0) * 1000.0, rid,
	        c->fault ? " fault=" : "",
	        c->fault ? emu_fault_name(c->fault) : "",
	        c->fault == EMU_F_SLOW ? " (answer delayed)" : "");
}

static void handle_request(server *s, conn *c)
{
	const emu_req *r = &c->http.req;
	int keep = r->keep_alive && !s->draining && !stop_signal;
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
		c->deadline = mono() + HANG_MAX;
		return;
	case EMU_F_HTTP5XX:
		log_req(c, rid, "(html)", (int)c->fault_arg, 0);
		if (build_html_error(c, (int)c->fault_arg, 0) != 0)
			drop(c, "out of memory%s", NULL);
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
		drop(c, "out of memory%s", NULL);
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
		drop(c, "out of memory%s", NULL);
		return;
	}
	if (c->fault == EMU_F_SLOW && c->fault_arg > 0) {
		c->phase = P_DELAY;
		c->deadline = mono() + (double)c->fault_arg / 1000.0;
		return;
	}
	release(c);
}

static void on_head(server *s, conn *c)
{
	const emu_req *r = &c->http.req;

	c->t0 = mono();
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
		drop(c, "out of memory%s", NULL);
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
			drop(c, "out of memory%s", NULL);
		free(doc);
	} else if (build_html_error(c, st, 0) != 0) {
		drop(c, "out of memory%s", NULL);
	}
	snprintf(c->why, sizeof c->why, "bad request: %s", c->http.err_reason);
	release(c);
}

static void process(server *s, conn *c)
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
static void after_write(conn *c)
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
	c->deadline = mono() + LINGER_MAX;
}

/* ---- timers -------------------------------------------------------------- */

static double conn_deadline(const conn *c)
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

static void timers(conn *c, double now)
{
	if (c->phase == P_DEAD || now < conn_deadline(c))
		return;
	switch (c->phase) {
	case P_DELAY:
		release(c);
		break;
	case P_HANG:
		drop(c, "fault hang: gave up after %s", "1 h");
		break;
	case P_LINGER:
		c->phase = P_DEAD; /* why already says how it closed */
		break;
	case P_READ:
		drop(c, "idle timeout%s",
		     c->http.started ? " (incomplete request)" : "");
		break;
	default:
		drop(c, "write stalled: peer not reading%s", NULL);
		break;
	}
}

/* ---- accept / listen ----------------------------------------------------- */

static void accept_one(server *s, int lfd, int tls)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char host[INET6_ADDRSTRLEN], port[8];
	int fd = accept(lfd, (struct sockaddr *)&ss, &sl), one = 1;
	conn *c;

	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM) {
			emu_log("accept: %s (pausing accepts for 100 ms)",
			        strerror(errno));
			s->accept_pause = mono() + 0.1;
		}
		return;
	}
	if (getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port,
	                sizeof port, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		strcpy(host, "?"), strcpy(port, "?");
	if (s->nconns >= (size_t)s->cfg->max_conns || s->draining) {
		emu_log("conn dropped peer=%s:%s reason=%s", host, port,
		        s->draining ? "shutting down" : "too many connections");
		close(fd);
		return;
	}
	set_nonblock(fd);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	c = calloc(1, sizeof *c);
	if (c == NULL) {
		close(fd);
		return;
	}
	c->fd = fd;
	c->tls = tls;
	c->id = ++s->next_id;
	c->last_io = mono();
	snprintf(c->peer, sizeof c->peer, "%s:%s", host, port);
	emu_http_init(&c->http);
	if (tls) {
		c->sc = malloc(sizeof *c->sc);
		c->iobuf = malloc(BR_SSL_BUFSIZE_BIDI);
		if (c->sc == NULL || c->iobuf == NULL) {
			conn_free(c);
			return;
		}
		br_ssl_server_init_full_ec(c->sc, s->creds->chain,
		                           s->creds->chain_len, BR_KEYTYPE_EC,
		                           &s->creds->key);
		br_ssl_engine_set_versions(&c->sc->eng, BR_TLS12, BR_TLS12);
		br_ssl_engine_set_buffer(&c->sc->eng, c->iobuf,
		                         BR_SSL_BUFSIZE_BIDI, 1);
		br_ssl_server_set_cache(c->sc, &s->lru.vtable);
		if (s->cfg->tls_no_mfl) {
			/* BearSSL's server lowers its fragment length (and
			 * answers the extension) only for a request below its
			 * own log_max_frag_len, set by set_buffer (16 KB:
			 * 14). At 9 (512, the smallest a client may ask) no
			 * request is below it: the extension goes unanswered
			 * and max_frag_len stays 16 KB, like a server that
			 * does not implement RFC 6066. */
			c->sc->eng.log_max_frag_len = 9;
		}
		if (!br_ssl_server_reset(c->sc)) {
			emu_log("conn dropped peer=%s reason=TLS reset failed",
			        c->peer);
			conn_free(c);
			return;
		}
	}
	if (s->nconns == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		conn **n = realloc(s->conns, nc * sizeof *n);

		if (n == NULL) {
			conn_free(c);
			return;
		}
		s->conns = n;
		s->cap = nc;
	}
	s->conns[s->nconns++] = c;
	emu_log("conn open conn=%lu peer=%s %s", c->id, c->peer,
	        tls ? "https" : "http");
}

static int is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *a =
		    (const struct sockaddr_in *)(const void *)sa;

		return (ntohl(a->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *a =
		    (const struct sockaddr_in6 *)(const void *)sa;

		return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
	}
	return 0;
}

/* Bind "host:port" / "[v6]:port"; url gets "scheme://host:port". */
static int listen_on(const char *spec, int allow_remote, const char *scheme,
                     char *url, size_t urln)
{
	char host[256], port[16];
	const char *colon;
	struct addrinfo hints, *ai = NULL;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	int fd, one = 1, rc;
	size_t hl;

	if (spec[0] == '[') {
		const char *rb = strchr(spec, ']');

		if (rb == NULL || rb[1] != ':')
			goto bad;
		hl = (size_t)(rb - spec - 1);
		if (hl >= sizeof host)
			goto bad;
		memcpy(host, spec + 1, hl);
		colon = rb + 1;
	} else {
		colon = strrchr(spec, ':');
		if (colon == NULL)
			goto bad;
		hl = (size_t)(colon - spec);
		if (hl >= sizeof host)
			goto bad;
		memcpy(host, spec, hl);
	}
	host[hl] = '\0';
	if (strlen(colon + 1) == 0 || strlen(colon + 1) >= sizeof port ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		goto bad;
	strcpy(port, colon + 1);
	if (strcmp(host, "localhost") == 0 || host[0] == '\0')
		strcpy(host, "127.0.0.1");
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	rc = getaddrinfo(host, port, &hints, &ai);
	if (rc != 0) {
		fprintf(stderr, "tcas-emu: %s: %s\n", spec, gai_strerror(rc));
		return -1;
	}
	if (!allow_remote && !is_loopback(ai->ai_addr)) {
		fprintf(stderr,
		        "tcas-emu: %s is not a loopback address "
		        "(use --allow-remote to insist)\n",
		        host);
		freeaddrinfo(ai);
		return -1;
	}
	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    listen(fd, 128) != 0 || set_nonblock(fd) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
		fprintf(stderr, "tcas-emu: %s: %s\n", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	snprintf(url, urln, "%s://%s%s%s:%u", scheme,
	         ai->ai_family == AF_INET6 ? "[" : "", host,
	         ai->ai_family == AF_INET6 ? "]" : "",
	         ss.ss_family == AF_INET6
	             ? ntohs(((struct sockaddr_in6 *)(void *)&ss)->sin6_port)
	             : ntohs(((struct sockaddr_in *)(void *)&ss)->sin_port));
	freeaddrinfo(ai);
	return fd;
bad:
	fprintf(stderr, "tcas-emu: bad address `%s` (want HOST:PORT)\n", spec);
	return -1;
}

/* ---- setup and main loop ------------------------------------------------- */

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out;
	char buf[4096];
	size_t n;
	int rc = 0;

	if (in == NULL)
		return -1;
	out = fopen(to, "wb");
	if (out == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

static int write_ready(const char *path, const char *text)
{
	char tmp[4096];
	FILE *fp;

	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	fp = fopen(tmp, "w");
	if (fp == NULL)
		return -1;
	fputs(text, fp);
	if (fclose(fp) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int setup(server *s, char *line, size_t ln)
{
	const emu_server_cfg *cfg = s->cfg;
	char url[2][160] = {"", ""}, err[512], ca[4096], ready[400];

	s->lfd[0] = s->lfd[1] = -1;
	snprintf(ca, sizeof ca, "%s/ca.pem", cfg->cert_dir);
	if (cfg->listen) {
		s->creds = emu_tls_load(
		    cfg->cert_dir, cfg->tls_cert ? cfg->tls_cert : "server",
		    err, sizeof err);
		if (s->creds == NULL) {
			fprintf(stderr, "tcas-emu: %s\n", err);
			return -1;
		}
		s->lru_buf = malloc(64 * 1024);
		if (s->lru_buf == NULL)
			return -1;
		br_ssl_session_cache_lru_init(&s->lru, s->lru_buf, 64 * 1024);
		s->lfd[0] = listen_on(cfg->listen, cfg->allow_remote, "https",
		                      url[0], sizeof url[0]);
		if (s->lfd[0] < 0)
			return -1;
	}
	if (cfg->http_listen) {
		s->lfd[1] = listen_on(cfg->http_listen, cfg->allow_remote,
		                      "http", url[1], sizeof url[1]);
		if (s->lfd[1] < 0)
			return -1;
	}
	if (cfg->ca_out && copy_file(ca, cfg->ca_out) != 0) {
		fprintf(stderr, "tcas-emu: cannot copy %s to %s: %s\n", ca,
		        cfg->ca_out, strerror(errno));
		return -1;
	}
	snprintf(ready, sizeof ready, "%s%s%s%s", url[0], url[0][0] ? "\n" : "",
	         url[1], url[1][0] ? "\n" : "");
	if (cfg->ready_file && write_ready(cfg->ready_file, ready) != 0) {
		fprintf(stderr, "tcas-emu: cannot write %s: %s\n",
		        cfg->ready_file, strerror(errno));
		return -1;
	}
	snprintf(line, ln, "tcas-emu: listening%s%s%s%s%s%s",
	         url[0][0] ? " " : "", url[0], url[1][0] ? " " : "", url[1],
	         cfg->listen ? " ca=" : "",
	         cfg->listen ? (cfg->ca_out ? cfg->ca_out : ca) : "");
	return 0;
}

static void reap(server *s)
{
	size_t i, j = 0;

	for (i = 0; i < s->nconns; i++) {
		conn *c = s->conns[i];

		if (c->phase == P_DEAD) {
			emu_log("conn close conn=%lu peer=%s reason=%s", c->id,
			        c->peer, c->why[0] ? c->why : "closed");
			conn_free(c);
		} else {
			s->conns[j++] = c;
		}
	}
	s->nconns = j;
}

static void service(server *s, conn *c, short rev)
{
	int k;

	(void)rev;
	pump(c);
	for (k = 0; k < 8; k++) {
		if (c->phase == P_READ || c->phase == P_HANG)
			process(s, c);
		pump(c);
		after_write(c);
		if (c->phase != P_READ || c->in_len == 0)
			break;
	}
	if (c->phase == P_DEAD)
		return;
	/* Peer went away: nothing more can arrive. */
	if (c->peer_eof) {
		if (c->phase == P_LINGER)
			c->phase = P_DEAD;
		else if (c->phase == P_READ && c->in_len == 0 &&
		         !c->http.started)
			drop(c, "%s",
			     c->nreq ? "peer closed (idle)"
			             : "peer closed before any request");
		else if (c->phase == P_READ)
			drop(c, "peer closed mid-request%s", NULL);
		else if (c->phase == P_HANG)
			drop(c, "peer closed a hanging request%s", NULL);
		/* P_DELAY / P_WRITE: half-close; still answer (plain HTTP;
		   a TLS engine that got close_notify cannot send any more). */
		else if (c->tls && (br_ssl_engine_current_state(&c->sc->eng) &
		                    BR_SSL_CLOSED))
			drop(c, "peer closed TLS before the answer was sent%s",
			     NULL);
	}
}

static short conn_events(const conn *c)
{
	short ev = 0;

	if (c->phase == P_LINGER)
		return POLLIN;
	if (c->tls) {
		unsigned st = br_ssl_engine_current_state(&c->sc->eng);

		if ((st & BR_SSL_RECVREC) && !c->peer_eof &&
		    c->in_len < IN_HIGH)
			ev |= POLLIN;
		if (st & BR_SSL_SENDREC)
			ev |= POLLOUT;
	} else {
		if (want_read(c))
			ev |= POLLIN;
		if (c->out_off < c->out_len)
			ev |= POLLOUT;
	}
	return ev;
}

static int loop(server *s)
{
	struct pollfd *pf = NULL;
	size_t pcap = 0;

	for (;;) {
		double now = mono(), next = now + 3600.0;
		size_t i, n = 0, nl = 0, polled;
		int timeout, rc;

		if (stop_signal) {
			emu_log("exit: signal %d", (int)stop_signal);
			break;
		}
		if (s->cfg->exit_after > 0 &&
		    now - s->start >= s->cfg->exit_after) {
			emu_log("exit: --exit-after %.0f s reached",
			        s->cfg->exit_after);
			break;
		}
		/* draining: idle keep-alive connections are closed */
		for (i = 0; s->draining && i < s->nconns; i++) {
			conn *c = s->conns[i];

			if (c->phase == P_READ && !c->http.started &&
			    c->in_len == 0)
				drop(c, "shutting down%s", NULL);
		}
		reap(s);
		if (s->draining && s->nconns == 0) {
			emu_log("exit: --max-requests %ld reached",
			        s->cfg->max_requests);
			break;
		}
		if (s->cfg->exit_after > 0 &&
		    s->start + s->cfg->exit_after < next)
			next = s->start + s->cfg->exit_after;
		if (pcap < s->nconns + 3) {
			pcap = s->nconns + 64;
			free(pf);
			pf = malloc(pcap * sizeof *pf);
			if (pf == NULL)
				return 1;
		}
		for (i = 0; i < 2; i++)
			if (s->lfd[i] >= 0 && !s->draining &&
			    now >= s->accept_pause) {
				pf[n].fd = s->lfd[i];
				pf[n].events = POLLIN;
				pf[n++].revents = 0;
			}
		if (now < s->accept_pause && s->accept_pause < next)
			next = s->accept_pause;
		nl = n;
		pf[n].fd = sig_pipe[0];
		pf[n].events = POLLIN;
		pf[n++].revents = 0;
		for (i = 0; i < s->nconns; i++) {
			conn *c = s->conns[i];
			double d = conn_deadline(c);

			if (d < next)
				next = d;
			if (c->phase == P_READ && c->in_len > 0)
				next = now; /* pipelined input left to parse */
			pf[n].fd = c->fd;
			pf[n].events = conn_events(c);
			pf[n++].revents = 0;
		}
		polled = s->nconns;
		timeout = next <= now ? 0 : (int)((next - now) * 1000.0) + 1;
		rc = poll(pf, (nfds_t)n, timeout);
		if (rc < 0 && errno != EINTR) {
			emu_log("poll: %s", strerror(errno));
			free(pf);
			return 1;
		}
		now = mono();
		for (i = 0; i < polled; i++) {
			conn *c = s->conns[i];
			short rev = rc > 0 ? pf[nl + 1 + i].revents : 0;

			if (rev)
				c->last_io = now;
			if (rev || (c->phase == P_READ && c->in_len > 0))
				service(s, c, rev);
			timers(c, now);
			if (c->phase == P_WRITE)
				service(s, c, 0);
		}
		for (i = 0; rc > 0 && i < nl; i++) {
			int k, tls = pf[i].fd == s->lfd[0];

			if (!(pf[i].revents & POLLIN))
				continue;
			for (k = 0; k < 64; k++) {
				size_t before = s->nconns;

				accept_one(s, pf[i].fd, tls);
				if (s->nconns == before)
					break;
			}
		}
		reap(s);
	}
	free(pf);
	return 0;
}

int emu_server_run(const emu_server_cfg *cfg)
{
	server s;
	struct sigaction sa;
	char line[9000];
	size_t i;
	int rc = 1;

	memset(&s, 0, sizeof s);
	s.cfg = cfg;
	if (pipe(sig_pipe) != 0) {
		perror("tcas-emu: pipe");
		return 1;
	}
	set_nonblock(sig_pipe[0]);
	set_nonblock(sig_pipe[1]);
	fcntl(sig_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(sig_pipe[1], F_SETFD, FD_CLOEXEC);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (setup(&s, line, sizeof line) == 0) {
		s.start = mono();
		printf("%s\n", line);
		fflush(stdout);
		emu_log("%s", line + sizeof "tcas-emu:");
		rc = loop(&s);
	}
	for (i = 0; i < s.nconns; i++) {
		emu_log("conn close conn=%lu peer=%s reason=server exit",
		        s.conns[i]->id, s.conns[i]->peer);
		conn_free(s.conns[i]);
	}
	free(s.conns);
	for (i = 0; i < 2; i++)
		if (s.lfd[i] >= 0)
			close(s.lfd[i]);
	emu_tls_free(s.creds);
	free(s.lru_buf);
	for (i = 0; i < 2; i++) {
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
	return rc;
}
