/*
 * test/bench/bench.c - tcas-bench, the measuring half of `make bench`
 * (test code: heap allowed). test/bench/run.sh drives it and prints the
 * table. Every subcommand prints "key value" lines on stdout.
 *
 *   sign SECONDS               signatures/s, 200 B and 8 KB bodies; signer
 *                              stack (painted)
 *   gen100 FILE                write the 100-instance
 *                              DescribeAutoScalingInstances page (compact,
 *                              deterministic) to FILE
 *   parse FILE SECONDS         parse the JSON body of FILE (a raw .http
 *                              recording or a bare JSON file) and read
 *                              every InstanceId / StatusCode a caller
 *                              would: MB/s and responses/s
 *   calls ENDPOINT CAFILE|- N reuse|new|fresh ACTION PARAMS [nodelay]
 *                              N calls in this process over one keep-alive
 *                              connection (reuse) or a new one per call;
 *                              nodelay: set TCP_NODELAY after connect
 *   load HTTP_ENDPOINT CONNS SECONDS ACTION PARAMS
 *                              the emulator's ceiling: one signed request
 *                              replayed over CONNS keep-alive connections
 *   p256 SECONDS               ECDSA P-256 verification, tcas and BearSSL
 *   cpuid                      what one cpuid instruction costs (x86)
 * (Fresh processes: test/bench/execstat.c.)
 *
 * Credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY.
 */
#define _GNU_SOURCE /* memmem, strcasestr */
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "tcas/client.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/port_posix.h"
#include "tcas/sign.h"
#include "tcas/trust.h"

#include "../../src/p256.h" /* private to tcas */

#define NOINLINE __attribute__((noinline))

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int die(const char *what, int err)
{
	fprintf(stderr, "tcas-bench: %s: %s\n", what,
	        err ? tcas_strerror(err) : strerror(errno));
	return 1;
}

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);
	return v && *v ? v : dflt;
}

/* ---- signing ------------------------------------------------------------- */

static tcas_sign_params sign_params(void)
{
	tcas_sign_params p;
	memset(&p, 0, sizeof p);
	p.secret_id = env_or("TENCENTCLOUD_SECRET_ID", "AKIDEXAMPLE");
	p.secret_key = env_or("TENCENTCLOUD_SECRET_KEY", "secret");
	p.service = "as";
	p.host = "as.tencentcloudapi.com";
	p.content_type = "application/json";
	p.action = NULL;          /* as the SDKs sign: content-type;host */
	p.timestamp = 1767225600; /* 2026-01-01 */
	return p;
}

/* A JSON request body of exactly len bytes (len >= 32). */
static char *make_body(size_t len)
{
	static const char head[] =
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\",\"Pad\":\"";
	char *b = malloc(len + 1);
	size_t i;
	if (b == NULL)
		return NULL;
	memcpy(b, head, sizeof head - 1);
	for (i = sizeof head - 1; i < len - 2; i++)
		b[i] = (char)('a' + i % 26);
	b[len - 2] = '"';
	b[len - 1] = '}';
	b[len] = '\0';
	return b;
}

static double sign_rate(const tcas_sign_params *p, const char *body, size_t len,
                        double seconds)
{
	char sig[TCAS_SIGN_HEX_LEN + 1];
	double t0 = now_s(), t;
	long n = 0, i;
	do {
		for (i = 0; i < 256; i++)
			if (tcas_sign_buf(p, body, len, sig) != TCAS_OK)
				return -1.0;
		n += 256;
		t = now_s() - t0;
	} while (t < seconds);
	return (double)n / t;
}

/* Painted-stack measurement. stack_sign() paints PAINT bytes below its
 * own frame (leaving GAP bytes for the loop itself), calls the signer as a
 * caller would, then finds the deepest painted byte that changed. grow()
 * first makes sure those pages are mapped. The figure includes the frame
 * of sign_once() (sig, context, Authorization buffer), which a caller
 * needs too. */
#define PAINT      32768
#define GAP        1024
#define PAINT_BYTE 0xA5

static NOINLINE void grow(void)
{
	char buf[PAINT + GAP];
	volatile char *p = buf;
	size_t i;
	for (i = 0; i < sizeof buf; i += 512)
		p[i] = 0;
}

static NOINLINE int sign_once(const tcas_sign_params *p, const char *body,
                              size_t len)
{
	char sig[TCAS_SIGN_HEX_LEN + 1];
	tcas_sign_ctx sc;
	char auth[256];
	int err;
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, body, len);
	err = tcas_sign_final(&sc, p, sig);
	if (err == TCAS_OK)
		err = tcas_sign_authorization(p, sig, auth, sizeof auth, NULL);
	return err;
}

static NOINLINE size_t stack_sign(const tcas_sign_params *p, const char *body,
                                  size_t len)
{
	char marker;
	/* through an integer: the compiler must not reason about bounds */
	uintptr_t top = (uintptr_t)(void *)&marker;
	volatile unsigned char *lo = (volatile unsigned char *)(top - PAINT);
	size_t i;
	/* once first, so lazy PLT binding (which needs kilobytes of stack
	 * for the register save area) is not counted */
	if (sign_once(p, body, len) != TCAS_OK)
		return 0;
	grow();
	for (i = 0; i < PAINT - GAP; i++)
		lo[i] = PAINT_BYTE;
	if (sign_once(p, body, len) != TCAS_OK)
		return 0;
	for (i = 0; i < PAINT - GAP && lo[i] == PAINT_BYTE; i++)
		;
	return PAINT - i;
}

static int cmd_sign(int argc, char **argv)
{
	tcas_sign_params p = sign_params();
	double secs = argc > 0 ? atof(argv[0]) : 0.5;
	char *small = make_body(200), *big = make_body(8192);
	if (small == NULL || big == NULL)
		return die("malloc", 0);
	printf("sign_200_per_s %.0f\n", sign_rate(&p, small, 200, secs));
	printf("sign_8k_per_s %.0f\n", sign_rate(&p, big, 8192, secs));
	/* the painted figure includes the few bytes of sign_once()'s own
	 * frame (sig, sc, auth), which a caller also needs */
	printf("sign_stack_bytes %zu\n", stack_sign(&p, small, 200));
	free(small);
	free(big);
	return 0;
}

/* ---- the 100-instance page ----------------------------------------------- */

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffffu;
}

static void id8(char out[9], unsigned *s)
{
	static const char al[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	int i;
	for (i = 0; i < 8; i++)
		out[i] = al[lcg(s) % 36];
	out[8] = '\0';
}

static int cmd_gen100(int argc, char **argv)
{
	FILE *f;
	unsigned s = 20180419u;
	int i;
	if (argc < 1 || (f = fopen(argv[0], "w")) == NULL)
		return die("gen100: cannot write file", 0);
	fputs("{\"Response\":{\"TotalCount\":100,\"AutoScalingInstanceSet\":[",
	      f);
	for (i = 0; i < 100; i++) {
		char ins[9], asc[9];
		id8(ins, &s);
		id8(asc, &s);
		fprintf(
		    f,
		    "%s{\"InstanceId\":\"ins-%s\",\"AutoScalingGroupId\":"
		    "\"asg-h7tgd87d\",\"AutoScalingGroupName\":\"web-tier\","
		    "\"LaunchConfigurationId\":\"asc-%s\","
		    "\"LaunchConfigurationName\":\"web-%02d\","
		    "\"LifeCycleState\":\"IN_SERVICE\",\"HealthStatus\":"
		    "\"HEALTHY\",\"ProtectedFromScaleIn\":%s,\"Zone\":"
		    "\"ap-guangzhou-%d\",\"CreationType\":\"AUTO_CREATION\","
		    "\"AddTime\":\"2026-01-%02dT%02d:%02d:%02dZ\","
		    "\"InstanceType\":\"S5.MEDIUM4\",\"VersionNumber\":%d,"
		    "\"WarmupStatus\":\"NO_NEED_WARMUP\","
		    "\"DisasterRecoverGroupIds\":[]}",
		    i ? "," : "", ins, asc, i % 7, i % 3 ? "false" : "true",
		    3 + i % 4, 1 + i % 28, i % 24, (i * 7) % 60, (i * 13) % 60,
		    1 + i % 5);
	}
	fputs("],\"RequestId\":\"5c1e0d9a-3b7f-4e2a-9a61-0f4c2b8d7e13\"}}", f);
	return fclose(f) == 0 ? 0 : die("gen100: write", 0);
}

/* ---- parsing ------------------------------------------------------------- */

static char *read_body(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf, *b;
	size_t n;
	if (f == NULL)
		return NULL;
	buf = malloc(1 << 20);
	n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf == NULL)
		return NULL;
	buf[n] = '\0';
	b = strstr(buf, "\r\n\r\n");
	if (b == NULL && strncmp(buf, "HTTP/", 5) == 0)
		b = strstr(buf, "\n\n") ? strstr(buf, "\n\n") - 2 : NULL;
	if (b != NULL) {
		b += 4;
		n -= (size_t)(b - buf);
		memmove(buf, b, n + 1);
	}
	*len = n;
	return buf;
}

/* What a caller does with a response: parse it, walk the set, read each
 * element's ID. Returns the number of IDs read, or a tcas_err. */
static int parse_use(const char *js, size_t len, jsmntok_t *tok, unsigned max)
{
	static const char *const sets[][2] = {
	    {"Response.AutoScalingInstanceSet", "InstanceId"},
	    {"Response.RefreshActivitySet", "RefreshActivityId"},
	};
	tcas_json doc;
	char id[64];
	int err, set, e, v, n = 0;
	size_t k;
	err = tcas_json_parse(&doc, js, len, tok, max);
	if (err != TCAS_OK)
		return err;
	for (k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		if (tcas_json_find(&doc, 0, sets[k][0], &set) != TCAS_OK)
			continue;
		for (e = tcas_json_first(&doc, set); e >= 0;
		     e = tcas_json_next(&doc, e)) {
			err = tcas_json_member(&doc, e, sets[k][1], &v);
			if (err == TCAS_OK)
				err = tcas_json_get_string(&doc, v, id,
				                           sizeof id, NULL);
			if (err != TCAS_OK)
				return err;
			n++;
		}
	}
	return n;
}

static int cmd_parse(int argc, char **argv)
{
	enum { MAXTOK = 65536 };
	static jsmntok_t tok[MAXTOK];
	double secs = argc > 1 ? atof(argv[1]) : 0.5, t0, t;
	size_t len;
	long n = 0, i;
	int r;
	char *js = argc > 0 ? read_body(argv[0], &len) : NULL;
	if (js == NULL)
		return die("parse: cannot read file", 0);
	r = parse_use(js, len, tok, MAXTOK);
	if (r < 0)
		return die("parse", r);
	t0 = now_s();
	do {
		for (i = 0; i < 64; i++)
			parse_use(js, len, tok, MAXTOK);
		n += 64;
		t = now_s() - t0;
	} while (t < secs);
	printf("parse_bytes %zu\n", len);
	printf("parse_ids %d\n", r);
	printf("parse_per_s %.0f\n", (double)n / t);
	printf("parse_mb_per_s %.1f\n", (double)n * (double)len / t / 1e6);
	free(js);
	return 0;
}

/* ---- calls in one process ------------------------------------------------ */

/* A loop stops after this many seconds even if fewer than N calls were
 * made (the count made is reported), so a slow path cannot stall the run. */
#define CALLS_MAX_S 5.0

static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static tcas_client g_client;
static tcas_trust_store g_trust;

/* "nodelay" mode: the POSIX port's connect followed by TCP_NODELAY, to
 * show what the port costs without it (the client writes the request head
 * and the body in two send() calls; with Nagle on, the body waits for the
 * server's delayed ACK of the head on every reused connection). */
static int (*posix_connect)(void *, const char *, uint16_t, uint32_t);

static int connect_nodelay(void *ctx, const char *host, uint16_t portnum,
                           uint32_t timeout_ms)
{
	int one = 1, err = posix_connect(ctx, host, portnum, timeout_ms);
	if (err == TCAS_OK)
		setsockopt(((tcas_posix *)ctx)->fd, IPPROTO_TCP, TCP_NODELAY,
		           &one, sizeof one);
	return err;
}

static int client_setup(tcas_posix *px, tcas_port *port, const char *endpoint,
                        const char *ca)
{
	int err;
	tcas_posix_init(px, port);
	if ((err = tcas_client_init(&g_client, port)) != TCAS_OK ||
	    (err = tcas_client_set_endpoint(&g_client, endpoint)) != TCAS_OK)
		return die("client", err);
	tcas_client_set_credentials(
	    &g_client, env_or("TENCENTCLOUD_SECRET_ID", ""),
	    env_or("TENCENTCLOUD_SECRET_KEY", ""), NULL);
	tcas_client_set_region(&g_client, "ap-guangzhou");
	/* raw throughput: no client-side rate limit, no retries */
	tcas_client_set_rate_limit(&g_client, TCAS_RATE_OFF);
	tcas_client_set_retry(&g_client, 1, 0, 0);
	if (ca != NULL && strcmp(ca, "-") != 0) {
		tcas_trust_store_init(&g_trust);
		err = tcas_posix_load_ca_file(&g_trust.t, ca);
		if (err != TCAS_OK)
			return die(ca, err);
		tcas_client_set_trust(&g_client, g_trust.ta, g_trust.t.count);
	}
	return 0;
}

static int cmd_calls(int argc, char **argv)
{
	tcas_posix px;
	tcas_port port;
	tcas_result res;
	long n, i;
	int reuse, fresh, err;
	long resumed = 0;
	double t0, t, c0, c;
	struct rusage ru;
	if (argc < 6)
		return die(
		    "calls: ENDPOINT CAFILE N reuse|new|fresh ACTION PARAMS "
		    "[nodelay]",
		    TCAS_E_ARG);
	n = atol(argv[2]);
	reuse = strcmp(argv[3], "reuse") == 0;
	fresh = strcmp(argv[3], "fresh") == 0; /* new, no session resumption */
	if (client_setup(&px, &port, argv[0], argv[1]) != 0)
		return 1;
	if (argc > 6 && strcmp(argv[6], "nodelay") == 0) {
		posix_connect = port.connect;
		port.connect = connect_nodelay;
	}
	t0 = now_s();
	c0 = cpu_s();
	for (i = 0; i < n && (i % 16 || now_s() - t0 < CALLS_MAX_S); i++) {
		err = tcas_client_call(&g_client, argv[4], argv[5],
		                       strlen(argv[5]), &res);
		if (err != TCAS_OK) {
			fprintf(stderr, "call %ld: %s %s\n", i,
			        tcas_strerror(err), res.error_code);
			return 1;
		}
		resumed += res.tls_resumed;
		if (!reuse)
			tcas_client_close(&g_client);
		if (fresh)
			tcas_tls_forget_session(&g_client.tls);
	}
	t = now_s() - t0;
	c = cpu_s() - c0;
	tcas_client_close(&g_client);
	getrusage(RUSAGE_SELF, &ru);
	printf("calls %ld\ncalls_seconds %.6f\ncalls_per_s %.0f\n"
	       "cpu_us_per_call %.1f\nrss_kib %ld\nresumed %ld\n",
	       i, t, (double)i / t, c / (double)i * 1e6, ru.ru_maxrss, resumed);
	return 0;
}

/* ---- the emulator's ceiling ---------------------------------------------- */

typedef struct conn {
	int fd;
	size_t sent;    /* bytes of the request sent */
	char in[65536]; /* response being read */
	size_t have;
} conn;

static int tcp_open(const char *ip, unsigned short portnum)
{
	struct sockaddr_in a;
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(portnum);
	if (inet_pton(AF_INET, ip, &a.sin_addr) != 1 ||
	    connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

/* Length of a complete response at the start of buf, 0 if incomplete,
 * -1 if it is not a 200 with Content-Length. */
static long response_len(const char *buf, size_t have)
{
	const char *end, *cl;
	char tmp[4096];
	size_t hl;
	long body;
	end = have ? memmem(buf, have, "\r\n\r\n", 4) : NULL;
	if (end == NULL)
		return 0;
	hl = (size_t)(end - buf) + 4;
	if (hl >= sizeof tmp)
		return -1;
	memcpy(tmp, buf, hl);
	tmp[hl] = '\0';
	if (strncmp(tmp, "HTTP/1.1 200", 12) != 0 ||
	    (cl = strcasestr(tmp, "\r\nContent-Length:")) == NULL)
		return -1;
	body = atol(cl + 17);
	return have >= hl + (size_t)body ? (long)(hl + (size_t)body) : 0;
}

static int conn_step(conn *c, const char *req, size_t reqlen, short rev,
                     long *done)
{
	long r;
	if (c->sent < reqlen && (rev & POLLOUT)) {
		ssize_t w =
		    send(c->fd, req + c->sent, reqlen - c->sent, MSG_NOSIGNAL);
		if (w < 0)
			return errno == EAGAIN ? 0 : -1;
		c->sent += (size_t)w;
	}
	if (!(rev & (POLLIN | POLLHUP | POLLERR)))
		return 0;
	r = (long)recv(c->fd, c->in + c->have, sizeof c->in - c->have, 0);
	if (r <= 0)
		return r < 0 && errno == EAGAIN ? 0 : -1;
	c->have += (size_t)r;
	r = response_len(c->in, c->have);
	if (r < 0)
		return -1;
	if (r > 0) {
		memmove(c->in, c->in + r, c->have - (size_t)r);
		c->have -= (size_t)r;
		c->sent = 0;
		(*done)++;
	}
	return 0;
}

static int cmd_load(int argc, char **argv)
{
	tcas_posix px;
	tcas_port port;
	char ip[64], *req;
	unsigned short pnum;
	size_t reqlen, plen, i, nconn;
	conn *cs;
	struct pollfd *pf;
	long done = 0, warm;
	double secs, t0, t;
	int err;
	if (argc < 5 || sscanf(argv[0], "http://%63[0-9.]:%hu", ip, &pnum) != 2)
		return die("load: http://IP:PORT CONNS SECONDS ACTION PARAMS",
		           TCAS_E_ARG);
	nconn = (size_t)atoi(argv[1]);
	secs = atof(argv[2]);
	if (client_setup(&px, &port, argv[0], "-") != 0)
		return 1;
	plen = strlen(argv[4]);
	err = tcas_client_prepare(&g_client, argv[3], argv[4], plen);
	if (err != TCAS_OK)
		return die("prepare", err);
	reqlen = g_client.req_head_len + plen;
	req = malloc(reqlen);
	cs = calloc(nconn, sizeof *cs);
	pf = calloc(nconn, sizeof *pf);
	if (req == NULL || cs == NULL || pf == NULL)
		return die("malloc", 0);
	memcpy(req, g_client.req_head, g_client.req_head_len);
	memcpy(req + g_client.req_head_len, argv[4], plen);
	for (i = 0; i < nconn; i++)
		if ((cs[i].fd = tcp_open(ip, pnum)) < 0)
			return die("load: connect", 0);
	t0 = now_s();
	warm = -1;
	for (;;) {
		t = now_s() - t0;
		if (warm < 0 && t >= 0.2) { /* skip the first 200 ms */
			warm = done;
			t0 = now_s();
			t = 0;
		}
		if (warm >= 0 && t >= secs)
			break;
		for (i = 0; i < nconn; i++) {
			pf[i].fd = cs[i].fd;
			pf[i].events = cs[i].sent < reqlen ? POLLOUT : POLLIN;
		}
		if (poll(pf, (nfds_t)nconn, 1000) < 0)
			return die("poll", 0);
		for (i = 0; i < nconn; i++)
			if (conn_step(&cs[i], req, reqlen, pf[i].revents,
			              &done) != 0) {
				fprintf(stderr,
				        "load: connection %zu failed "
				        "after %ld responses\n",
				        i, done);
				return 1;
			}
	}
	printf("load_conns %zu\nload_calls %ld\nload_per_s %.0f\n"
	       "load_total %ld\n",
	       nconn, done - warm, (double)(done - warm) / t, done);
	for (i = 0; i < nconn; i++)
		close(cs[i].fd);
	free(req);
	free(cs);
	free(pf);
	return 0;
}

/* ECDSA P-256 verification, microseconds each: tcas's (src/p256.c, when
 * built) and BearSSL's two (p256_m31: the host's default; prime_i31: the
 * static build's), the same key, hash and DER signature, each timed for
 * secs. What a fresh TLS call pays twice (certificate, ServerKeyExchange). */
static double vrfy_us(br_ecdsa_vrfy fn, const br_ec_impl *impl,
                      const unsigned char *h, const br_ec_public_key *pk,
                      const unsigned char *sig, size_t sl, double secs)
{
	double t0 = now_s(), t;
	long n = 0;

	do {
		if (fn(impl, h, 32, pk, sig, sl) != 1) {
			return -1;
		}
		n++;
		t = now_s() - t0;
	} while (t < secs);
	return t / (double)n * 1e6;
}

static int cmd_p256(int argc, char **argv)
{
	br_hmac_drbg_context rng;
	br_ec_private_key sk;
	br_ec_public_key pk;
	unsigned char kb[BR_EC_KBUF_PRIV_MAX_SIZE], pb[BR_EC_KBUF_PUB_MAX_SIZE];
	unsigned char h[32], sig[80];
	double secs = argc > 0 ? atof(argv[0]) : 0.5;
	size_t sl;

	br_hmac_drbg_init(&rng, &br_sha256_vtable, "tcas-bench p256", 15);
	br_ec_keygen(&rng.vtable, &br_ec_p256_m31, &sk, kb, BR_EC_secp256r1);
	br_ec_compute_pub(&br_ec_p256_m31, &pk, pb, &sk);
	br_hmac_drbg_generate(&rng, h, sizeof h);
	sl = br_ecdsa_i31_sign_asn1(&br_ec_p256_m31, &br_sha256_vtable, h, &sk,
	                            sig);
#if TCAS_P256_ON
	printf("p256_tcas_us %.1f\n",
	       vrfy_us(tcas_ecdsa_vrfy_asn1, &br_ec_p256_m31, h, &pk, sig, sl,
	               secs));
#endif
	printf("p256_m31_us %.1f\n",
	       vrfy_us(br_ecdsa_i31_vrfy_asn1, &br_ec_p256_m31, h, &pk, sig, sl,
	               secs));
	printf("p256_i31_us %.1f\n",
	       vrfy_us(br_ecdsa_i31_vrfy_asn1, &br_ec_prime_i31, h, &pk, sig,
	               sl, secs));
	return 0;
}

/* One cpuid instruction, each (x86 only): in a virtual machine it traps to
 * the hypervisor, and BearSSL's and tcas's CPU feature checks run it (the
 * comments of src/tls.c, src/sha256.c and test/emu/tlscfg.c cite this
 * figure). */
static int cmd_cpuid(int argc, char **argv)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned a, b, c, d, sum = 0;
	int i, n = 2000;
	double t0;

	(void)argc;
	(void)argv;
	t0 = now_s();
	for (i = 0; i < n; i++) {
		__cpuid(1, a, b, c, d);
		sum += a ^ d;
	}
	printf("cpuid_us %.2f\ncpuid_sum %u\n", (now_s() - t0) / n * 1e6,
	       sum & 1);
#else
	(void)argc;
	(void)argv;
#endif
	return 0;
}

/* Fresh processes are timed by test/bench/execstat.c, a program of its
 * own (a large parent would add its memory to every child's peak RSS). */

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
	    {"sign", cmd_sign},   {"gen100", cmd_gen100}, {"parse", cmd_parse},
	    {"calls", cmd_calls}, {"load", cmd_load},     {"p256", cmd_p256},
	    {"cpuid", cmd_cpuid},
	};
	size_t i;
	for (i = 0; argc > 1 && i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 2, argv + 2);
	fprintf(stderr,
	        "usage: tcas-bench sign|gen100|parse|calls|load|p256|cpuid "
	        "... (see test/bench/bench.c)\n");
	return 2;
}
