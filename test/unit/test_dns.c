/* The POSIX port's name resolution: IP literals, the hosts file, the stub
 * DNS resolver against a fake server (a forked child on two loopback UDP
 * sockets, 127.0.0.1:P and 127.0.0.2:P), and the answer parser on crafted
 * packets. Files go to a temp dir; no network beyond loopback. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../port/posix/posix_inner.h"
#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/port_posix.h"
#include "support/dnspkt.h"

static char dir[64];
static char hosts[128], resolv[128], resolv_none[128];
static tcas_posix px;
static tcas_port port;

#define OK_FLAGS DNSPKT_OK_FLAGS

/* ---- the fake server ----------------------------------------------------- */

enum mode {
	M_ANSWER,  /* a.test: A 10.0.0.1 + AAAA 2001:db8::1; v6.test AAAA
	              only; cname.test: chain; svc.test: 127.0.0.1; others
	              NXDOMAIN */
	M_SILENT,  /* never answers */
	M_FAIL1,   /* server 0 SERVFAIL, server 1 as M_ANSWER */
	M_REFUSED, /* both servers REFUSED */
	M_JUNK,    /* before each real answer, bad ones with 10.6.6.6 */
	M_TRUNC,   /* TC: one complete A record, the second cut */
	M_NO_AAAA  /* answers A queries as M_ANSWER, drops AAAA ones */
};

static struct {
	pid_t pid;
	uint16_t port;
} srv;

/* The normal answer to (name, type) into p. */
static void answer(dnspkt *p, unsigned id, const char *name, unsigned type)
{
	int a = type == 1;

	if (strcmp(name, "a.test") == 0) {
		dnspkt_head(p, id, OK_FLAGS, 1, name, type);
		dnspkt_addr(p, NULL, a ? "10.0.0.1" : "2001:db8::1");
	} else if (strcmp(name, "v6.test") == 0) {
		dnspkt_head(p, id, OK_FLAGS, a ? 0 : 1, name, type);
		if (!a) {
			dnspkt_addr(p, NULL, "2001:db8::6");
		}
	} else if (strcmp(name, "svc.test") == 0) {
		dnspkt_head(p, id, OK_FLAGS, a ? 1 : 0, name, type);
		if (a) {
			dnspkt_addr(p, NULL, "127.0.0.1");
		}
	} else if (strcmp(name, "cname.test") == 0) {
		/* cname.test -> b.x.test -> c.x.test, an A of an unrelated
		 * name first, the chain out of order, compressed targets. */
		size_t bx;

		dnspkt_head(p, id, OK_FLAGS, a ? 4 : 3, name, type);
		dnspkt_addr(p, "other.test", "10.9.9.9");
		bx = p->n;
		dnspkt_name(p, "b.x.test");
		dnspkt_u16(p, 5);
		dnspkt_u16(p, 1);
		dnspkt_u16(p, 0);
		dnspkt_u16(p, 0);
		dnspkt_u16(p, 4); /* c + pointer to "x.test" inside b.x.test */
		dnspkt_u8(p, 1);
		dnspkt_u8(p, 'c');
		dnspkt_ptr(p, (unsigned)bx + 2);
		dnspkt_ptr(p, 12);
		dnspkt_rr_tail(p, 5, "\001b\001x\004test", 10);
		if (a) {
			dnspkt_name(p, "C.X.TEST"); /* case differs */
			dnspkt_rr_tail(p, 1, "\012\000\000\003", 4);
		}
	} else {
		dnspkt_head(p, id, 0x8183, 0, name, type);
	}
}

static void send_pkt(int fd, const dnspkt *p, const struct sockaddr_in *to)
{
	(void)sendto(fd, p->b, p->n, 0, (const struct sockaddr *)to,
	             sizeof *to);
}

/* Bad answers to query (id, name, type) carrying 10.6.6.6: each must be
 * ignored. from_other: a socket that is not a server. */
static void junk(int fd, int other, const struct sockaddr_in *to, unsigned id,
                 const char *name, unsigned type)
{
	dnspkt p;
	size_t rr;

	dnspkt_head(&p, id ^ 0x5555, OK_FLAGS, 1, name, type); /* wrong id */
	dnspkt_addr(&p, NULL, type == 1 ? "10.6.6.6" : "2001:db8::666");
	send_pkt(fd, &p, to);
	/* wrong question */
	dnspkt_head(&p, id, OK_FLAGS, 1, "evil.test", type);
	dnspkt_addr(&p, NULL, type == 1 ? "10.6.6.6" : "2001:db8::666");
	send_pkt(fd, &p, to);
	dnspkt_head(&p, id, OK_FLAGS, 1, name, type == 1 ? 28 : 1); /* type */
	dnspkt_addr(&p, NULL, type == 1 ? "2001:db8::666" : "10.6.6.6");
	send_pkt(fd, &p, to);
	dnspkt_head(&p, id, 0x0180, 1, name, type); /* QR clear */
	dnspkt_addr(&p, NULL, type == 1 ? "10.6.6.6" : "2001:db8::666");
	send_pkt(fd, &p, to);
	dnspkt_head(&p, id, OK_FLAGS, 3, name, type); /* count lies */
	dnspkt_addr(&p, NULL, type == 1 ? "10.6.6.6" : "2001:db8::666");
	send_pkt(fd, &p, to);
	dnspkt_head(&p, id, OK_FLAGS, 1, name, type); /* pointer loop */
	rr = p.n;
	dnspkt_ptr(&p, (unsigned)rr);
	dnspkt_rr_tail(&p, type, "\012\006\006\006", 4);
	send_pkt(fd, &p, to);
	dnspkt_head(&p, id, OK_FLAGS, 1, name, type); /* pointer outside */
	dnspkt_ptr(&p, 0x3FFF);
	dnspkt_rr_tail(&p, type, "\012\006\006\006", 4);
	send_pkt(fd, &p, to);
	dnspkt_head(&p, id, OK_FLAGS, 1, name, type); /* cut in the rdata */
	dnspkt_addr(&p, NULL, type == 1 ? "10.6.6.6" : "2001:db8::666");
	p.n -= 2;
	send_pkt(fd, &p, to);
	dnspkt_head(&p, id, OK_FLAGS, 1, name, type); /* not from a server */
	dnspkt_addr(&p, NULL, type == 1 ? "10.6.6.6" : "2001:db8::666");
	send_pkt(other, &p, to);
}

static void serve_one(enum mode m, int fd, int k, int other)
{
	uint8_t q[512];
	char name[256];
	struct sockaddr_in from;
	socklen_t fl = sizeof from;
	ssize_t n = recvfrom(fd, q, sizeof q, 0, (struct sockaddr *)&from, &fl);
	unsigned id, type;
	dnspkt p;

	if (n < 12 || dnspkt_question(q, (size_t)n, name, &type, &id) != 0) {
		return;
	}
	if (m == M_SILENT || (m == M_NO_AAAA && type == 28)) {
		return;
	}
	if ((m == M_FAIL1 && k == 0) || m == M_REFUSED) {
		dnspkt_head(&p, id, m == M_REFUSED ? 0x8185 : 0x8182, 0, name,
		            type);
	} else if (m == M_TRUNC) {
		dnspkt_head(&p, id, OK_FLAGS | 0x0200, 2, name, type);
		dnspkt_addr(&p, NULL, type == 1 ? "10.0.0.7" : "2001:db8::7");
		dnspkt_addr(&p, NULL, type == 1 ? "10.0.0.8" : "2001:db8::8");
		p.n -= 3;
	} else {
		if (m == M_JUNK) {
			junk(fd, other, &from, id, name, type);
		}
		answer(&p, id, name, type);
	}
	send_pkt(fd, &p, &from);
}

static int udp_bind(const char *ip, uint16_t port_no)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	assert_true(fd >= 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(port_no);
	inet_pton(AF_INET, ip, &a.sin_addr);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static uint16_t port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t l = sizeof a;

	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &l), 0);
	return ntohs(a.sin_port);
}

static void server_stop(void);

static void server_start(enum mode m)
{
	int fd[2], other, tries;
	pid_t parent;

	for (tries = 0; tries < 20; tries++) {
		fd[0] = udp_bind("127.0.0.1", 0);
		assert_true(fd[0] >= 0);
		srv.port = port_of(fd[0]);
		fd[1] = udp_bind("127.0.0.2", srv.port);
		if (fd[1] >= 0) {
			break;
		}
		close(fd[0]);
	}
	assert_true(fd[1] >= 0);
	other = udp_bind("127.0.0.1", 0);
	parent = getpid();
	srv.pid = fork();
	assert_true(srv.pid >= 0);
	if (srv.pid == 0) {
		for (;;) {
			struct pollfd p[2] = {{fd[0], POLLIN, 0},
			                      {fd[1], POLLIN, 0}};
			int i;

			/* never outlive the test program */
			if (getppid() != parent ||
			    (poll(p, 2, 200) < 0 && errno != EINTR)) {
				_exit(0);
			}
			for (i = 0; i < 2; i++) {
				if (p[i].revents & POLLIN) {
					serve_one(m, fd[i], i, other);
				}
			}
		}
	}
	close(fd[0]);
	close(fd[1]);
	close(other);
	tcas_posix_init(&px, &port);
	assert_int_equal(tcas_posix_set_resolver(&px, hosts, resolv), TCAS_OK);
	px.dns_port = srv.port;
}

static int server_stop_hook(void **state)
{
	(void)state;
	server_stop();
	return 0;
}

static void server_stop(void)
{
	if (srv.pid > 0) {
		kill(srv.pid, SIGKILL);
		waitpid(srv.pid, NULL, 0);
		srv.pid = 0;
	}
}

/* ---- helpers ------------------------------------------------------------- */

static int resolve(const char *host, uint32_t ms, tcas_posix_addrs *out)
{
	return tcas_posix_resolve(&px, host, 443, tcas_posix_mono() + ms, out);
}

/* Address i of l as text, "ip:port". */
#define addr(l, i) dnspkt_sa_text(&(l)->a[i])

static int setup_files(void **state)
{
	char line[800];
	FILE *f;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/tcas-dns-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(hosts, sizeof hosts, "%s/hosts", dir);
	snprintf(resolv, sizeof resolv, "%s/resolv.conf", dir);
	snprintf(resolv_none, sizeof resolv_none, "%s/resolv-none.conf", dir);
	dnspkt_write_file(resolv,
	                  "# test servers\n"
	                  "search example.com\noptions ndots:5 timeout:1\n"
	                  "nameserver 127.0.0.1\n"
	                  "nameserver\tbogus\n"
	                  "nameserver 127.0.0.2 # second\n");
	dnspkt_write_file(resolv_none, "domain example.com\n; nothing else\n");
	f = fopen(hosts, "w");
	assert_non_null(f);
	fputs("# hosts for test_dns 10.9.9.9 hidden.test\n"
	      "127.0.0.1\tlocalhost\n"
	      "::1 localhost ip6-localhost\n"
	      "\n   \t\n"
	      "10.0.0.5 host.test alias1 Alias2.TEST # comment 10.9.9.9\n"
	      "2001:db8::5\thost.test\n"
	      "#10.9.9.9 hidden.test\n"
	      "not-an-ip bad.test\n",
	      f);
	memset(line, 'x', sizeof line);
	memcpy(line, "10.7.7.7 long.test ", 19);
	line[sizeof line - 1] = '\0';
	fprintf(f, "%s\n10.0.0.8 after.test\n10.0.0.9 last.test", line);
	fclose(f);
	return 0;
}

static int teardown_files(void **state)
{
	(void)state;
	unlink(hosts);
	unlink(resolv);
	unlink(resolv_none);
	rmdir(dir);
	return 0;
}

/* ---- tests --------------------------------------------------------------- */

static void test_literals(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_SILENT); /* a query would time out */
	assert_int_equal(resolve("10.1.2.3", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(addr(&l, 0), "10.1.2.3:443");
	assert_int_equal(resolve("2001:db8::7", 5000, &l), TCAS_OK);
	assert_string_equal(addr(&l, 0), "2001:db8::7:443");
	assert_int_equal(resolve("[::1]", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(addr(&l, 0), "::1:443");
	/* a literal needs no time */
	assert_int_equal(resolve("127.0.0.1", 0, &l), TCAS_OK);
	server_stop();
}

static void test_hosts(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_ANSWER); /* names not in hosts: NXDOMAIN */
	assert_int_equal(resolve("host.test", 2000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(addr(&l, 0), "10.0.0.5:443");
	assert_string_equal(addr(&l, 1), "2001:db8::5:443");
	assert_int_equal(resolve("ALIAS1", 2000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(addr(&l, 0), "10.0.0.5:443");
	assert_int_equal(resolve("alias2.test.", 2000, &l), TCAS_OK);
	assert_string_equal(addr(&l, 0), "10.0.0.5:443");
	assert_int_equal(resolve("localhost", 2000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(addr(&l, 0), "127.0.0.1:443");
	assert_string_equal(addr(&l, 1), "::1:443");
	/* commented out, bad address, over-long line: not found */
	assert_int_equal(resolve("hidden.test", 2000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(resolve("bad.test", 2000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(resolve("long.test", 2000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(resolve("comment", 2000, &l), TCAS_E_NET_RESOLVE);
	/* the lines after the long one, the last without a newline */
	assert_int_equal(resolve("after.test", 2000, &l), TCAS_OK);
	assert_string_equal(addr(&l, 0), "10.0.0.8:443");
	assert_int_equal(resolve("last.test", 2000, &l), TCAS_OK);
	assert_string_equal(addr(&l, 0), "10.0.0.9:443");
	server_stop();
}

static void test_localhost_default(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_SILENT);
	tcas_posix_set_resolver(&px, "/nonexistent/hosts", resolv);
	assert_int_equal(resolve("localhost", 2000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(addr(&l, 0), "127.0.0.1:443");
	assert_string_equal(addr(&l, 1), "::1:443");
	assert_int_equal(resolve("api.LOCALHOST.", 2000, &l), TCAS_OK);
	assert_string_equal(addr(&l, 0), "127.0.0.1:443");
	/* the server is silent: these are not asked */
	assert_int_equal(resolve("x.Invalid", 2000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(resolve("invalid.", 2000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(resolve("notlocalhost", 300, &l), TCAS_E_NET_TIMEOUT);
	assert_int_equal(resolve("xinvalid", 300, &l), TCAS_E_NET_TIMEOUT);
	server_stop();
}

static void test_dns_a_aaaa(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_ANSWER);
	assert_int_equal(resolve("a.test", 3000, &l), TCAS_OK);
	assert_int_equal(l.n, 2); /* IPv4 first, then IPv6 */
	assert_string_equal(addr(&l, 0), "10.0.0.1:443");
	assert_string_equal(addr(&l, 1), "2001:db8::1:443");
	assert_int_equal(resolve("V6.Test", 3000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(addr(&l, 0), "2001:db8::6:443");
	server_stop();
}

/* A server that drops AAAA queries: the A answer is used (after the
 * resolution delay, not at the end of the server's slice). */
static void test_dns_no_aaaa(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_NO_AAAA);
	assert_int_equal(resolve("a.test", 30000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(addr(&l, 0), "10.0.0.1:443");
	server_stop();
}

static void test_dns_cname(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_ANSWER);
	assert_int_equal(resolve("cname.test", 3000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(addr(&l, 0), "10.0.0.3:443");
	server_stop();
}

static void test_dns_nxdomain(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_ANSWER);
	assert_int_equal(resolve("nope.test", 3000, &l), TCAS_E_NET_RESOLVE);
	server_stop();
}

static void test_dns_servfail_next(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_FAIL1);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(addr(&l, 0), "10.0.0.1:443");
	server_stop();
	server_start(M_REFUSED);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	server_stop();
}

static void test_dns_default_server(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_ANSWER); /* no nameserver line: 127.0.0.1 */
	tcas_posix_set_resolver(&px, hosts, resolv_none);
	assert_int_equal(resolve("a.test", 3000, &l), TCAS_OK);
	assert_string_equal(addr(&l, 0), "10.0.0.1:443");
	server_stop();
}

static void test_dns_timeout(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_SILENT);
	assert_int_equal(resolve("a.test", 700, &l), TCAS_E_NET_TIMEOUT);
	assert_int_equal(resolve("a.test", 0, &l), TCAS_E_NET_TIMEOUT);
	/* through the port: the connect budget bounds the lookup */
	assert_int_equal(port.connect(port.ctx, "a.test", 443, 500),
	                 TCAS_E_NET_TIMEOUT);
	server_stop();
}

static void test_dns_junk_ignored(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_JUNK);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(addr(&l, 0), "10.0.0.1:443");
	assert_string_equal(addr(&l, 1), "2001:db8::1:443");
	server_stop();
}

static void test_dns_truncated(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	server_start(M_TRUNC); /* the complete records are used */
	assert_int_equal(resolve("t.test", 3000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(addr(&l, 0), "10.0.0.7:443");
	assert_string_equal(addr(&l, 1), "2001:db8::7:443");
	server_stop();
}

static void test_connect(void **state)
{
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	int lfd = socket(AF_INET, SOCK_STREAM, 0), cfd;

	(void)state;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(lfd, 4), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&a, &al), 0);
	server_start(M_ANSWER);
	assert_int_equal(
	    port.connect(port.ctx, "svc.test", ntohs(a.sin_port), 3000),
	    TCAS_OK);
	cfd = accept(lfd, NULL, NULL);
	assert_true(cfd >= 0);
	close(cfd);
	port.close(port.ctx);
	assert_int_equal(
	    port.connect(port.ctx, "nope.test", ntohs(a.sin_port), 3000),
	    TCAS_E_NET_RESOLVE);
#if TCAS_WITH_GETADDRINFO
	/* getaddrinfo() on request: localhost still works */
	assert_int_equal(tcas_posix_use_getaddrinfo(&px, 1), TCAS_OK);
#else
	/* built without it: refused, the stub resolver stays */
	assert_int_equal(tcas_posix_use_getaddrinfo(&px, 1),
	                 TCAS_E_UNSUPPORTED);
	assert_int_equal(tcas_posix_use_getaddrinfo(&px, 0), TCAS_OK);
#endif
	assert_int_equal(
	    port.connect(port.ctx, "localhost", ntohs(a.sin_port), 3000),
	    TCAS_OK);
	cfd = accept(lfd, NULL, NULL);
	assert_true(cfd >= 0);
	close(cfd);
	port.close(port.ctx);
	close(lfd);
	server_stop();
}

static void test_args(void **state)
{
	tcas_posix_addrs l;
	char label[80], name[300];

	(void)state;
	server_start(M_ANSWER);
	assert_int_equal(tcas_posix_set_resolver(NULL, NULL, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_posix_use_getaddrinfo(NULL, 1), TCAS_E_ARG);
	assert_int_equal(resolve("", 1000, &l), TCAS_E_ARG);
	assert_int_equal(resolve("a..test", 1000, &l), TCAS_E_ARG);
	assert_int_equal(resolve(".a.test", 1000, &l), TCAS_E_ARG);
	memset(label, 'a', 64);
	snprintf(label + 64, sizeof label - 64, ".test");
	assert_int_equal(resolve(label, 1000, &l), TCAS_E_ARG);
	memset(name, 0, sizeof name);
	for (size_t i = 0; i < 256; i++) {
		name[i] = i % 2 ? '.' : 'a';
	}
	assert_int_equal(resolve(name, 1000, &l), TCAS_E_ARG);
	assert_int_equal(port.connect(port.ctx, NULL, 443, 1000), TCAS_E_ARG);
	assert_int_equal(port.connect(port.ctx, "a.test", 0, 1000), TCAS_E_ARG);
	server_stop();
}

/* ---- the parser on crafted packets --------------------------------------- */

static int parse(const dnspkt *p, unsigned id, const char *name, unsigned qtype,
                 tcas_posix_addrs *l)
{
	uint8_t q[256];
	size_t ql = tcas_posix_dns_name(name, q);

	assert_true(ql > 0);
	l->n = 0;
	return tcas_posix_dns_parse(p->b, p->n, (uint16_t)id, q, ql,
	                            (uint16_t)qtype, 53, l);
}

static void test_parse(void **state)
{
	tcas_posix_addrs l;
	uint8_t w[256];
	dnspkt p;
	size_t i, n;

	(void)state;
	dnspkt_head(&p, 7, OK_FLAGS, 1, "a.test", 1);
	dnspkt_addr(&p, NULL, "10.0.0.1");
	assert_int_equal(parse(&p, 7, "A.TEST.", 1, &l), TCAS_DNS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(addr(&l, 0), "10.0.0.1:53");
	/* wrong id, name, type: not the answer to this query */
	assert_int_equal(parse(&p, 8, "a.test", 1, &l), TCAS_DNS_IGNORE);
	assert_int_equal(parse(&p, 7, "b.test", 1, &l), TCAS_DNS_IGNORE);
	assert_int_equal(parse(&p, 7, "a.test", 28, &l), TCAS_DNS_IGNORE);
	assert_int_equal(l.n, 0);
	/* every prefix of a good answer: never an address from a cut one */
	n = p.n;
	for (i = 0; i < n; i++) {
		p.n = i;
		assert_int_equal(parse(&p, 7, "a.test", 1, &l),
		                 TCAS_DNS_IGNORE);
		assert_int_equal(l.n, 0);
	}
	/* TC, nothing complete */
	dnspkt_head(&p, 7, OK_FLAGS | 0x0200, 1, "a.test", 1);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_TRUNC);
	/* rcodes */
	dnspkt_head(&p, 7, 0x8183, 0, "a.test", 1);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_NXDOMAIN);
	dnspkt_head(&p, 7, 0x8182, 0, "a.test", 1);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_SRVFAIL);
	dnspkt_head(&p, 7, 0x8185, 0, "a.test", 1);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_SRVFAIL);
	/* NODATA */
	dnspkt_head(&p, 7, OK_FLAGS, 0, "a.test", 1);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_OK);
	assert_int_equal(l.n, 0);
	/* CNAME loop a -> b -> a: bounded, no address */
	dnspkt_head(&p, 7, OK_FLAGS, 2, "a.test", 1);
	dnspkt_ptr(&p, 12);
	dnspkt_rr_tail(&p, 5, "\001b\004test", 8);
	dnspkt_name(&p, "b.test");
	dnspkt_rr_tail(&p, 5, "\001a\004test", 8);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_OK);
	assert_int_equal(l.n, 0);
	/* a forward pointer (to a later name) is refused */
	dnspkt_head(&p, 7, OK_FLAGS, 1, "a.test", 1);
	dnspkt_ptr(&p, (unsigned)p.n + 2);
	dnspkt_ptr(&p, 12);
	dnspkt_rr_tail(&p, 1, "\012\006\006\006", 4);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_IGNORE);
	/* CNAME whose target runs past its rdata */
	dnspkt_head(&p, 7, OK_FLAGS, 2, "a.test", 1);
	dnspkt_ptr(&p, 12);
	dnspkt_rr_tail(&p, 5, "\001b\004te", 6);
	dnspkt_addr(&p, "b.test", "10.6.6.6");
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_OK);
	assert_int_equal(l.n, 0);
	/* A record with a wrong rdlength */
	dnspkt_head(&p, 7, OK_FLAGS, 1, "a.test", 1);
	dnspkt_ptr(&p, 12);
	dnspkt_rr_tail(&p, 1, "\012\006\006\006\006", 5);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_OK);
	assert_int_equal(l.n, 0);
	/* more addresses than kept */
	dnspkt_head(&p, 7, OK_FLAGS, TCAS_DNS_ADDRS_MAX + 3, "a.test", 1);
	for (i = 0; i < TCAS_DNS_ADDRS_MAX + 3; i++) {
		uint8_t ip[4] = {10, 0, 1, (uint8_t)i};

		dnspkt_ptr(&p, 12);
		dnspkt_rr_tail(&p, 1, ip, 4);
	}
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_OK);
	assert_int_equal(l.n, TCAS_DNS_ADDRS_MAX);
	/* qdcount 0, bad opcode */
	dnspkt_head(&p, 7, OK_FLAGS, 0, "a.test", 1);
	p.b[5] = 0;
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_IGNORE);
	dnspkt_head(&p, 7, OK_FLAGS | 0x0800, 0, "a.test", 1);
	assert_int_equal(parse(&p, 7, "a.test", 1, &l), TCAS_DNS_IGNORE);
	/* name encoding */
	assert_int_equal(tcas_posix_dns_name("Ab.c", w), 6);
	assert_memory_equal(w, "\002ab\001c\000", 6);
	assert_int_equal(tcas_posix_dns_name("ab.c.", w), 6);
	assert_int_equal(tcas_posix_dns_name(".", w), 0);
	assert_int_equal(tcas_posix_dns_name("a.", w), 3);
}

#define T(f) cmocka_unit_test_teardown(f, server_stop_hook)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_literals),
	    T(test_hosts),
	    T(test_localhost_default),
	    T(test_dns_a_aaaa),
	    T(test_dns_no_aaaa),
	    T(test_dns_cname),
	    T(test_dns_nxdomain),
	    T(test_dns_servfail_next),
	    T(test_dns_default_server),
	    T(test_dns_timeout),
	    T(test_dns_junk_ignored),
	    T(test_dns_truncated),
	    T(test_connect),
	    T(test_args),
	    T(test_parse),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup_files, teardown_files);
}
