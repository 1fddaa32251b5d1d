/*
 * test_tls_stage.c - how tcas_tls reads records (src/tls.c: the read-ahead
 * stage of TCAS_TLS_STAGE_SIZE, or the pieces BearSSL asks for one by one
 * when it is 0) against a BearSSL server in this process, over a scripted
 * port that cuts the server's bytes where a test says: records split at
 * and around every boundary and merged several to a read, a record
 * followed by close_notify, bytes beyond a response (the client does not
 * reuse that connection), timeouts and closes mid-record, tampered
 * records, bytes that are no TLS, a port that returns more than asked.
 * The server's certificate and key come from test/support/mkcerts.sh
 * through the emulator's loader (test/emu/tlscfg.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/p256.h" /* private to tcas: tcas_ec_all */
#include "emu/srv.h"
#include "emu/tlscfg.h"
#include "tcas/client.h"
#include "tcas/error.h"
#include "tcas/port_posix.h"
#include "tcas/tls.h"
#include "tcas/trust.h"

#define TMO  2000 /* ms: every operation's budget */
#define HOST "localhost"

#define CUTS_MAX 8

/* The server's side of one connection and the wire between the two. */
typedef struct wire {
	br_ssl_server_context ss;
	unsigned char sbuf[BR_SSL_BUFSIZE_BIDI];
	uint8_t out[1 << 17];         /* every byte the server sent ... */
	size_t out_len, pos;          /* ... and how many the client has read */
	size_t base;                  /* cuts[] and every count from here */
	size_t cuts[CUTS_MAX], ncuts; /* no recv crosses base + cuts[i] */
	size_t every;                 /* > 0: at most this many per recv */
	int end;  /* recv once all is read: 0 (closed) or an error */
	int raw;  /* 1: no server engine, out[] is all there is */
	int lie;  /* 1: recv claims one byte more than asked for */
	int p256; /* 1: the server's ECDHE takes P-256 alone */
	int connects;
	size_t recvs;      /* recv() calls that returned bytes */
	uint32_t last_tmo; /* the timeout of the last recv() */
	uint64_t mono, mono_step;
	char req[8192]; /* application data the server received */
	size_t req_len;
	const char *answer[4];   /* sent as one record each, on a request */
	int answer_close;        /* then close_notify */
	const char *answer_more; /* then one more record of this */
} wire;

static char pki[64];
static emu_tls_creds *creds;
static tcas_trust_store *store;
static tcas_tls *tls;
static tcas_tls *snap; /* a copy of *tls, restored at the same address */
static tcas_x509 xc;
static wire *w;
static tcas_port port;

/* ---- the server ---------------------------------------------------------- */

/* Content-Length of a complete request head in req, or -1. */
static long request_body(const wire *s, size_t *head)
{
	const char *end, *cl;
	char buf[sizeof s->req + 1];

	memcpy(buf, s->req, s->req_len);
	buf[s->req_len] = '\0';
	end = strstr(buf, "\r\n\r\n");
	if (end == NULL)
		return -1;
	*head = (size_t)(end - buf) + 4;
	cl = strstr(buf, "Content-Length: ");
	return cl == NULL || cl > end ? 0 : atol(cl + 16);
}

static void server_write(wire *s, const void *data, size_t len);
static void server_close(wire *s);

/* A complete request in: the scripted answer out. */
static void server_answer(wire *s)
{
	size_t head = 0, i;
	long body = request_body(s, &head);

	if (body < 0 || s->req_len < head + (size_t)body)
		return;
	s->req_len = 0;
	for (i = 0; i < 4 && s->answer[i] != NULL; i++)
		server_write(s, s->answer[i], strlen(s->answer[i]));
	if (s->answer_more != NULL)
		server_write(s, s->answer_more, strlen(s->answer_more));
	if (s->answer_close)
		server_close(s);
}

/* Move what the server engine has to send onto the wire and take in the
 * application data it decoded. */
static void server_pump(wire *s)
{
	br_ssl_engine_context *e = &s->ss.eng;

	for (;;) {
		unsigned st = br_ssl_engine_current_state(e);
		unsigned char *p;
		size_t n;

		if (st & BR_SSL_SENDREC) {
			p = br_ssl_engine_sendrec_buf(e, &n);
			assert_true(s->out_len + n <= sizeof s->out);
			memcpy(s->out + s->out_len, p, n);
			s->out_len += n;
			br_ssl_engine_sendrec_ack(e, n);
		} else if (st & BR_SSL_RECVAPP) {
			p = br_ssl_engine_recvapp_buf(e, &n);
			assert_true(s->req_len + n <= sizeof s->req);
			memcpy(s->req + s->req_len, p, n);
			s->req_len += n;
			br_ssl_engine_recvapp_ack(e, n);
			server_answer(s);
		} else {
			return;
		}
	}
}

/* One record of application data. */
static void server_write(wire *s, const void *data, size_t len)
{
	br_ssl_engine_context *e = &s->ss.eng;
	size_t room;
	unsigned char *p = br_ssl_engine_sendapp_buf(e, &room);

	assert_non_null(p);
	assert_true(len <= room);
	memcpy(p, data, len);
	br_ssl_engine_sendapp_ack(e, len);
	br_ssl_engine_flush(e, 0);
	server_pump(s);
}

static void server_close(wire *s)
{
	br_ssl_engine_close(&s->ss.eng);
	server_pump(s);
}

static void server_start(wire *s)
{
	static const unsigned char seed[32] = {1, 2, 3};

	br_ssl_server_init_full_ec(&s->ss, creds->chain, creds->chain_len,
	                           BR_KEYTYPE_EC, &creds->key);
	if (s->p256) /* p256_m31 supports that curve only */
		br_ssl_engine_set_ec(&s->ss.eng, &br_ec_p256_m31);
	br_ssl_engine_set_buffer(&s->ss.eng, s->sbuf, sizeof s->sbuf, 1);
	br_ssl_engine_inject_entropy(&s->ss.eng, seed, sizeof seed);
	/* no max_fragment_length: records up to 16 KB, larger than the
	 * stage (as test/emu/server.c does for --tls-no-mfl) */
	s->ss.eng.log_max_frag_len = 9;
	assert_true(br_ssl_server_reset(&s->ss));
	s->out_len = s->pos = s->base = 0;
	s->req_len = 0;
}

/* ---- the port -------------------------------------------------------- */

static int w_connect(void *ctx, const char *host, uint16_t p, uint32_t tmo)
{
	wire *s = ctx;

	(void)host;
	(void)p;
	(void)tmo;
	s->connects++;
	if (!s->raw)
		server_start(s);
	return TCAS_OK;
}

static long w_send(void *ctx, const uint8_t *buf, size_t len, uint32_t tmo)
{
	wire *s = ctx;
	br_ssl_engine_context *e = &s->ss.eng;
	size_t off = 0;

	(void)tmo;
	if (s->raw)
		return (long)len;
	if (br_ssl_engine_current_state(e) & BR_SSL_CLOSED)
		return (long)len; /* a closed server's socket takes them */
	while (off < len) {
		size_t n;
		unsigned char *p;

		if (!(br_ssl_engine_current_state(e) & BR_SSL_RECVREC))
			return TCAS_E_NET_IO;
		p = br_ssl_engine_recvrec_buf(e, &n);
		n = n < len - off ? n : len - off;
		memcpy(p, buf + off, n);
		br_ssl_engine_recvrec_ack(e, n);
		off += n;
		server_pump(s);
	}
	return (long)len;
}

/* Bytes the next recv may return: what is there, not across a cut. */
static size_t deliverable(const wire *s, size_t len)
{
	size_t n = s->out_len - s->pos, i;

	if (n > len)
		n = len;
	for (i = 0; i < s->ncuts; i++) {
		size_t c = s->base + s->cuts[i];

		if (c > s->pos && c < s->pos + n)
			n = c - s->pos;
	}
	if (s->every > 0 && s->pos >= s->base && n > s->every)
		n = s->every;
	return n;
}

static long w_recv(void *ctx, uint8_t *buf, size_t len, uint32_t tmo)
{
	wire *s = ctx;
	size_t n = deliverable(s, len);

	s->last_tmo = tmo;
	if (n == 0) {
		if (tmo == 0 || s->end == TCAS_E_NET_TIMEOUT) {
			s->mono += tmo;
			return TCAS_E_NET_TIMEOUT;
		}
		return s->end;
	}
	memcpy(buf, s->out + s->pos, n);
	s->pos += n;
	s->recvs++;
	return s->lie ? (long)len + 1 : (long)n;
}

static void w_close(void *ctx)
{
	(void)ctx;
}

static int64_t w_wall(void *ctx)
{
	(void)ctx;
	return (int64_t)time(NULL);
}

static uint64_t w_mono(void *ctx)
{
	wire *s = ctx;

	s->mono += s->mono_step;
	return s->mono;
}

static int w_random(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	memset(buf, 0x5a, len);
	return TCAS_OK;
}

static int group_setup(void **state)
{
	char cmd[128], err[256];

	(void)state;
	snprintf(pki, sizeof pki, "/tmp/tcas-stage-XXXXXX");
	if (mkdtemp(pki) == NULL)
		return -1;
	snprintf(cmd, sizeof cmd, "sh test/support/mkcerts.sh %s", pki);
	if (system(cmd) != 0)
		return -1;
	creds = emu_tls_load(pki, "server", err, sizeof err);
	store = malloc(sizeof *store);
	tls = malloc(sizeof *tls);
	snap = malloc(sizeof *snap);
	w = malloc(sizeof *w);
	if (creds == NULL || store == NULL || tls == NULL || snap == NULL ||
	    w == NULL)
		return -1;
	tcas_trust_store_init(store);
	snprintf(cmd, sizeof cmd, "%s/ca.pem", pki);
	return tcas_posix_load_ca_file(&store->t, cmd);
}

static int group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	emu_tls_free(creds);
	free(store);
	free(tls);
	free(snap);
	free(w);
	snprintf(cmd, sizeof cmd, "rm -rf %s", pki);
	return system(cmd) == 0 ? 0 : -1;
}

static int fresh(void **state)
{
	(void)state;
	memset(w, 0, sizeof *w);
	w->mono = 1000;
	memset(&port, 0, sizeof port);
	port.ctx = w;
	port.connect = w_connect;
	port.send = w_send;
	port.recv = w_recv;
	port.close = w_close;
	port.wall_time = w_wall;
	port.mono_ms = w_mono;
	port.random = w_random;
	memset(tls, 0, sizeof *tls);
	tcas_tls_set_x509(tls, &xc);
	return 0;
}

#define T(f) cmocka_unit_test_setup_teardown(f, fresh, NULL)

/* Connect and shake hands; later bytes are counted from w->base. */
static void open_tls(void)
{
	assert_int_equal(port.connect(w, HOST, 443, TMO), TCAS_OK);
	assert_int_equal(tcas_tls_connect(tls, &port, store->ta, store->t.count,
	                                  HOST, (int64_t)time(NULL), TMO),
	                 TCAS_OK);
	assert_int_equal(w->pos, w->out_len); /* the handshake is all read */
	w->base = w->out_len;
}

/* Read n bytes of application data into buf (or fail the test). */
static void read_all(uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long r = tcas_tls_recv(tls, buf + got, n - got, TMO);

		assert_true(r > 0);
		got += (size_t)r;
	}
}

/* Record boundaries (offsets from base) of the server's last records. */
static size_t bounds[16], nbounds;

/* The server sends len bytes of pattern data in records of the sizes. */
static void send_records(uint8_t *data, const size_t *sizes, size_t n)
{
	size_t i, off = 0;

	nbounds = 0;
	for (i = 0; i < n; i++) {
		server_write(w, data + off, sizes[i]);
		off += sizes[i];
		bounds[nbounds++] = w->out_len - w->base;
	}
}

static uint8_t pattern[32768], got[32768];

static void fill_pattern(size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pattern[i] = (uint8_t)(i * 7 + (i >> 8));
}

/* Handshake done, then one record of n pattern bytes on the wire. */
static void open_with_record(size_t n)
{
	size_t sizes[1];

	sizes[0] = n;
	fill_pattern(n);
	open_tls();
	send_records(pattern, sizes, 1);
}

/* From the snapshot, with cuts as given: the data arrives intact. */
static void read_cut(size_t total, const size_t *cuts, size_t ncuts,
                     size_t every)
{
	memcpy(tls, snap, sizeof *tls);
	w->pos = w->base;
	if (ncuts > 0) /* (cuts may be NULL then) */
		memcpy(w->cuts, cuts, ncuts * sizeof *cuts);
	w->ncuts = ncuts;
	w->every = every;
	memset(got, 0, total);
	read_all(got, total);
	assert_memory_equal(got, pattern, total);
	assert_int_equal(w->pos, w->out_len);
	assert_int_equal(tcas_tls_pending(tls), 0);
}

/* Records of 1, 1500 and 16000 bytes (the last larger than any stage:
 * read straight into BearSSL's buffer once the stage is empty) and 300,
 * cut once at and around every record and header boundary, at a stride
 * elsewhere, byte by byte and in 7-byte pieces, and merged. */
static void test_records_cut_everywhere(void **state)
{
	static const size_t sizes[] = {1, 1500, 16000, 300};
	size_t total = 1 + 1500 + 16000 + 300, wire_len, i, k, c;
	long d;

	(void)state;
	fill_pattern(total);
	open_tls();
	send_records(pattern, sizes, 4);
	wire_len = w->out_len - w->base;
	memcpy(snap, tls, sizeof *tls);
	w->recvs = 0;
	read_cut(total, NULL, 0, 0); /* merged: all there at once */
#if TCAS_TLS_STAGE_SIZE >= 4096
	/* the stage, the 16 KB body's rest straight into BearSSL's buffer,
	 * the stage again */
	assert_true(w->recvs <= 3);
#elif TCAS_TLS_STAGE_SIZE == 0
	assert_int_equal(w->recvs, 8); /* header and body of each */
#endif
	for (i = 0; i <= nbounds; i++) {
		size_t at = i == 0 ? 0 : bounds[i - 1]; /* a record's start */

		for (d = -6; d <= 11; d++) {
			if ((long)at + d <= 0 ||
			    (size_t)((long)at + d) >= wire_len)
				continue;
			c = (size_t)((long)at + d);
			read_cut(total, &c, 1, 0);
		}
	}
	for (k = 1; k < wire_len; k += 97)
		read_cut(total, &k, 1, 0);
	for (k = 1; k + 4000 < wire_len; k += 1999) {
		size_t two[2] = {k, k + 4000};

		read_cut(total, two, 2, 0);
	}
	read_cut(total, NULL, 0, 1);
	read_cut(total, NULL, 0, 7);
}

/* Records that fit the stage together: one recv for all of them (two per
 * record without a stage: header, then body). */
static void test_records_merged_one_read(void **state)
{
	static const size_t sizes[] = {100, 200, 1500};
	uint8_t buf[1800];

	(void)state;
	fill_pattern(1800);
	open_tls();
	send_records(pattern, sizes, 3);
	w->recvs = 0;
	read_all(buf, 1800);
	assert_memory_equal(buf, pattern, 1800);
#if TCAS_TLS_STAGE_SIZE >= 2048
	assert_int_equal(w->recvs, 1);
#elif TCAS_TLS_STAGE_SIZE == 0
	assert_int_equal(w->recvs, 6);
#endif
	assert_int_equal(tcas_tls_pending(tls), 0);
}

/* Decoded data not yet read, and records not yet decoded, are pending. */
static void test_pending(void **state)
{
	static const size_t sizes[] = {100, 50};
	uint8_t buf[100];

	(void)state;
	assert_int_equal(tcas_tls_pending(NULL), 0);
	assert_int_equal(tcas_tls_pending(tls), 0); /* not open */
	fill_pattern(150);
	open_tls();
	assert_int_equal(tcas_tls_pending(tls), 0);
	send_records(pattern, sizes, 2);
	assert_int_equal(tcas_tls_recv(tls, buf, 10, TMO), 10);
	/* 90 decoded bytes, and the second record if the stage holds it */
	assert_int_equal(
	    tcas_tls_pending(tls),
	    90 + (TCAS_TLS_STAGE_SIZE > 0 ? bounds[1] - bounds[0] : 0));
	read_all(buf, 90);
	read_all(buf, 50);
	assert_memory_equal(buf, pattern + 100, 50);
	assert_int_equal(tcas_tls_pending(tls), 0);
}

/* A record and the server's close_notify, in one read or cut anywhere:
 * the data, then end of stream (0) for good. Before the close_notify is
 * decoded it is pending: bytes nobody asked for. */
static void test_record_then_close_notify(void **state)
{
	uint8_t buf[64];
	size_t k, wire_len;

	(void)state;
	open_with_record(64);
	server_close(w);
	wire_len = w->out_len - w->base;
	memcpy(snap, tls, sizeof *tls);
	for (k = 0; k < wire_len; k++) {
		memcpy(tls, snap, sizeof *tls);
		w->pos = w->base;
		w->cuts[0] = k;
		w->ncuts = k > 0;
		read_all(buf, 64);
		assert_memory_equal(buf, pattern, 64);
		if (TCAS_TLS_STAGE_SIZE > 0 && k == 0)
			assert_true(tcas_tls_pending(tls) > 0);
		assert_int_equal(tcas_tls_recv(tls, buf, 64, TMO), 0);
		assert_int_equal(tcas_tls_recv(tls, buf, 64, TMO), 0);
		assert_int_equal(tcas_tls_pending(tls), 0);
		assert_int_equal(w->pos, w->out_len);
	}
}

/* Half a record, then nothing: the wait ends at the deadline, the error
 * sticks. */
static void test_timeout_mid_record(void **state)
{
	uint8_t buf[1000];
	uint64_t t0;

	(void)state;
	open_with_record(1000);
	w->out_len -= 500; /* the rest never comes */
	w->end = TCAS_E_NET_TIMEOUT;
	w->mono_step = 3; /* every clock read moves 3 ms */
	t0 = w->mono;
	assert_int_equal(tcas_tls_recv(tls, buf, sizeof buf, 300),
	                 TCAS_E_NET_TIMEOUT);
	assert_true(w->last_tmo > 0 && w->last_tmo < 300);
	assert_true(w->mono - t0 <= 300 + 3 * 4);
	assert_int_equal(tcas_tls_recv(tls, buf, sizeof buf, 300),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(tcas_tls_last_br_error(tls), 0);
}

/* The peer closes TCP mid-record (no close_notify): TCAS_E_NET_CLOSED;
 * a tampered record: a TLS error (bad MAC); both sticky. */
static void test_close_and_tamper_mid_record(void **state)
{
	uint8_t buf[1000];

	(void)state;
	open_with_record(1000);
	memcpy(snap, tls, sizeof *tls);
	w->out_len -= 10;
	w->end = 0;
	assert_int_equal(tcas_tls_recv(tls, buf, sizeof buf, TMO),
	                 TCAS_E_NET_CLOSED);
	assert_int_equal(tcas_tls_recv(tls, buf, sizeof buf, TMO),
	                 TCAS_E_NET_CLOSED);
	memcpy(tls, snap, sizeof *tls);
	w->out_len += 10;
	w->pos = w->base;
	w->out[w->base + 400] ^= 1;
	assert_int_equal(tcas_tls_recv(tls, buf, sizeof buf, TMO), TCAS_E_TLS);
	assert_int_equal(tcas_tls_last_br_error(tls), BR_ERR_BAD_MAC);
	assert_int_equal(tcas_tls_recv(tls, buf, sizeof buf, TMO), TCAS_E_TLS);
}

/* A port that claims more bytes than it was asked for. */
static void test_port_overreads(void **state)
{
	uint8_t buf[10];

	(void)state;
	open_with_record(10);
	w->lie = 1;
	assert_int_equal(tcas_tls_recv(tls, buf, sizeof buf, TMO),
	                 TCAS_E_INTERNAL);
}

/* A fresh port whose server sends bytes[0..n) as they are, cut after the
 * first cut bytes: what tcas_tls_connect() answers. */
static int connect_raw(const void *bytes, size_t n, size_t cut)
{
	fresh(NULL);
	w->raw = 1;
	memcpy(w->out, bytes, n);
	w->out_len = n;
	w->cuts[0] = cut;
	w->ncuts = 1;
	assert_int_equal(port.connect(w, HOST, 443, TMO), TCAS_OK);
	return tcas_tls_connect(tls, &port, store->ta, store->t.count, HOST,
	                        (int64_t)time(NULL), TMO);
}

/* The server's first bytes are no TLS, or a TLS 1.0 alert: whole, or cut
 * after each byte of the header. */
static void test_not_tls_first_bytes(void **state)
{
	static const char http[] = "HTTP/1.1 400 Bad Request\r\n\r\n";
	static const uint8_t old_alert[] = {21, 3, 1, 0, 2, 2, 40};
	size_t k;

	(void)state;
	for (k = 0; k < 7; k++) {
		assert_int_equal(connect_raw(http, sizeof http - 1, k),
		                 TCAS_E_TLS_NOT_TLS);
		assert_int_equal(tcas_tls_last_br_error(tls),
		                 TCAS_BR_ERR_NOT_TLS);
		assert_false(tcas_tls_server_silent(tls));
		assert_int_equal(connect_raw(old_alert, sizeof old_alert, k),
		                 TCAS_E_TLS_VERSION);
	}
	/* silence: a timeout with not a byte from the server */
	fresh(NULL);
	w->raw = 1;
	w->end = TCAS_E_NET_TIMEOUT;
	assert_int_equal(port.connect(w, HOST, 443, TMO), TCAS_OK);
	assert_int_equal(tcas_tls_connect(tls, &port, store->ta, store->t.count,
	                                  HOST, (int64_t)time(NULL), 50),
	                 TCAS_E_NET_TIMEOUT);
	assert_true(tcas_tls_server_silent(tls));
}

/* Bytes staged on one connection are never read on the next: a record
 * and close_notify arrive together, the record is read, the connection
 * dropped; the next handshake (with or without tcas_tls_close) works. */
static void test_stage_dropped_on_new_connection(void **state)
{
	static const size_t sizes[] = {20};
	uint8_t buf[20];
	int closed;

	(void)state;
	fill_pattern(20);
	for (closed = 0; closed < 2; closed++) {
		open_tls();
		send_records(pattern, sizes, 1);
		server_close(w);
		read_all(buf, 20);
		/* the close_notify waits in the stage (or on the wire) */
		assert_int_equal(tcas_tls_pending(tls) > 0,
		                 TCAS_TLS_STAGE_SIZE > 0);
		if (closed) {
			tcas_tls_close(tls, TMO);
			assert_int_equal(tcas_tls_pending(tls), 0);
		}
		open_tls();
	}
}

/* ---- the client: bytes beyond the response ------------------------------ */

static tcas_client *cl;

static const char ok_resp[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    "Content-Length: 47\r\n\r\n"
    "{\"Response\":{\"TotalCount\":0,\"RequestId\":\"r-1\"}}";

static int client_calls(int n)
{
	tcas_result res;
	int i, err = TCAS_OK;

	for (i = 0; i < n && err == TCAS_OK; i++)
		err = tcas_client_call(cl, "DescribeAutoScalingGroups", "{}", 2,
		                       &res);
	return err;
}

static void client_open(void)
{
	cl = malloc(sizeof *cl);
	assert_non_null(cl);
	assert_int_equal(tcas_client_init(cl, &port), TCAS_OK);
	assert_int_equal(tcas_client_set_endpoint(cl, "https://" HOST),
	                 TCAS_OK);
	tcas_client_set_credentials(cl, "AKIDEXAMPLE", "secret", NULL);
	tcas_client_set_region(cl, "ap-guangzhou");
	tcas_client_set_retry(cl, 1, 0, 0);
	tcas_client_set_trust(cl, store->ta, store->t.count);
	w->answer[0] = ok_resp;
}

static void client_done(void)
{
	tcas_client_close(cl);
	free(cl);
}

/* A plain answer: the connection is kept for the next calls. */
static void test_client_keeps_clean_connection(void **state)
{
	(void)state;
	client_open();
	assert_int_equal(client_calls(3), TCAS_OK);
	assert_int_equal(w->connects, 1);
	client_done();
}

/* The answer, then a record nobody asked for (a second response) or the
 * server's close_notify, in the same read as the answer or after it: the
 * client does not send its next request on that connection. */
static void test_client_drops_connection_with_extra_bytes(void **state)
{
	int close_notify, cut;

	(void)state;
	for (close_notify = 0; close_notify < 2; close_notify++) {
		for (cut = 0; cut < 2; cut++) {
			fresh(NULL);
			client_open();
			if (!cut) {
				w->answer_close = close_notify;
				w->answer_more = close_notify ? NULL : ok_resp;
			}
			assert_int_equal(client_calls(1), TCAS_OK);
			if (cut && close_notify) /* after the answer was read */
				server_close(w);
			else if (cut)
				server_write(w, ok_resp, strlen(ok_resp));
			w->answer_close = 0;
			w->answer_more = NULL;
			assert_int_equal(client_calls(1), TCAS_OK);
			assert_int_equal(w->connects, 2);
			client_done();
		}
	}
}

/* ECDHE on P-256 (a server that takes no other curve; by default the two
 * agree on X25519): with TCAS_P256_ON the client's key pair and the shared
 * secret come from tcas_ec_all's constant-time code (src/p256.c), and the
 * handshake's Finished messages only verify when both are right. */
static void test_ecdhe_p256(void **state)
{
	int p256;

	(void)state;
	for (p256 = 0; p256 < 2; p256++) {
		fresh(NULL);
		w->p256 = p256;
		open_with_record(1000);
		assert_int_equal(br_ssl_engine_get_ecdhe_curve(&tls->sc.eng),
		                 p256 ? BR_EC_secp256r1 : BR_EC_curve25519);
		assert_int_equal(br_ssl_engine_get_ecdhe_curve(&w->ss.eng),
		                 br_ssl_engine_get_ecdhe_curve(&tls->sc.eng));
#if TCAS_P256_ON
		assert_ptr_equal(tls->sc.eng.iec, &tcas_ec_all);
#endif
		read_all(got, 1000);
		assert_memory_equal(got, pattern, 1000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_records_cut_everywhere),
	    T(test_records_merged_one_read),
	    T(test_pending),
	    T(test_record_then_close_notify),
	    T(test_timeout_mid_record),
	    T(test_close_and_tamper_mid_record),
	    T(test_port_overreads),
	    T(test_not_tls_first_bytes),
	    T(test_stage_dropped_on_new_connection),
	    T(test_client_keeps_clean_connection),
	    T(test_client_drops_connection_with_extra_bytes),
	    T(test_ecdhe_p256),
	};

	print_message("TCAS_TLS_STAGE_SIZE = %d\n", TCAS_TLS_STAGE_SIZE);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
