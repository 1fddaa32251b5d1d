/* The POSIX port's stub resolver (port/posix/port_posix_dns.c) under
 * operating-system failures. Linked with -Wl,--wrap=SYMBOL (test/fault.mk)
 * like test_posix_fault: each __wrap_X first takes the next entry of X's
 * fault script, then behaves normally.
 *
 * Normally, here, means a simulated network: sendto() hands the query to
 * an in-process DNS server (server_answer()), whose replies are queued on
 * the socket with an arrival time; poll() reports a socket readable once
 * a reply has arrived, and otherwise moves a fake monotonic clock forward
 * by its timeout (or to the next arrival); recvfrom() pops arrived
 * replies. Nothing leaves the host and no test waits for real time, so
 * every count below is exact. Sockets, files and the random source are
 * real unless scripted. test_dns covers the same resolver against a real
 * UDP server; this program covers what only failures reach. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "../../port/posix/posix_inner.h"
#include "support/faultscript.h"
#include "support/dnspkt.h"
#include "tcas/error.h"
#include "tcas/port_posix.h"

/* ---- the fault scripts --------------------------------------------------- */

static script s_socket, s_sendto, s_recvfrom, s_poll, s_clock, s_getrandom,
    s_open, s_read, s_gai;

/* ---- the simulated network ----------------------------------------------- */

#define LOOP_MAX 1000 /* poll()/sendto() calls that mean "never ends" */

/* A query the resolver sent. */
typedef struct {
	int fd;
	tcas_posix_sa to;
	char name[256];
	unsigned type, id;
} query;

/* A datagram queued on socket fd, readable from time at on. */
typedef struct {
	int fd;
	uint64_t at;
	tcas_posix_sa from;
	uint8_t b[600];
	size_t n;
} dgram;

enum mode {
	M_ANSWER,     /* a.test: A 10.0.0.1, AAAA 2001:db8::1; else NXDOMAIN */
	M_SILENT,     /* never answers */
	M_NO_AAAA,    /* answers A, drops AAAA */
	M_NO_A,       /* answers AAAA, drops A */
	M_REFUSED,    /* REFUSED to everything */
	M_FAIL_FIRST, /* the first server asked SERVFAILs, the others answer */
	M_TRUNC,      /* TC set, no complete record */
	M_MANY,       /* 4 A and 4 AAAA records, one A twice */
	M_JUNK6       /* before each answer, junk from near-miss addresses */
};

static enum mode mode;
static uint64_t latency; /* ms from query to reply */
static query sent[32];   /* queries seen, in order */
static int n_sent;
static dgram queue[32]; /* replies not read yet */
static int n_queue;
static int fds[8], n_fds;   /* sockets opened and still open */
static int n_close;         /* close() of those */
static int poll_timeout[8]; /* the first poll() timeouts */
static char opened[4][64];  /* the first paths open() was given */
static int n_opened;
static uint64_t fake_now; /* the monotonic clock, ms */
static int clock_dead;    /* 1: CLOCK_MONOTONIC always fails */
static int poll_dead;     /* 1: poll() always fails (ENOMEM) */
static int n_freeaddrinfo;
static struct addrinfo *gai_list; /* what getaddrinfo() returns */
static char gai_host[64];

static void reset(void)
{
	script *all[] = {&s_socket, &s_sendto, &s_recvfrom,
	                 &s_poll,   &s_clock,  &s_getrandom,
	                 &s_open,   &s_read,   &s_gai};
	size_t i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		memset(all[i], 0, sizeof *all[i]);
	}
	mode = M_ANSWER;
	latency = 0;
	n_sent = n_queue = n_fds = n_close = n_opened = 0;
	memset(poll_timeout, 0, sizeof poll_timeout);
	fake_now = 0;
	clock_dead = poll_dead = 0;
	n_freeaddrinfo = 0;
	gai_list = NULL;
	gai_host[0] = '\0';
}

/* Queue reply p to query q, from the address q went to, or from. */
static void reply_from(const query *q, const tcas_posix_sa *from,
                       const dnspkt *p)
{
	dgram *d;

	assert_true(n_queue < (int)(sizeof queue / sizeof queue[0]));
	d = &queue[n_queue++];
	d->fd = q->fd;
	d->at = fake_now + latency;
	d->from = from != NULL ? *from : q->to;
	assert_true(p->n <= sizeof d->b);
	memcpy(d->b, p->b, p->n);
	d->n = p->n;
}

static void reply(const query *q, const dnspkt *p)
{
	reply_from(q, NULL, p);
}

/* Junk from [::2] (not a server) and from ::1 on another port, with the
 * id and question of q, and a 1-byte datagram: all ignored. */
static void junk6(const query *q)
{
	tcas_posix_sa from = q->to;
	dnspkt p;

	dnspkt_head(&p, q->id, DNSPKT_OK_FLAGS, 1, q->name, q->type);
	dnspkt_addr(&p, NULL, q->type == 1 ? "10.6.6.6" : "2001:db8::666");
	from.v6.sin6_addr.s6_addr[15] = 2;
	reply_from(q, &from, &p);
	from = q->to;
	from.v6.sin6_port = htons(54);
	reply_from(q, &from, &p);
	p.n = 1;
	reply(q, &p);
}

static void server_answer(const query *q)
{
	int a = q->type == 1;
	dnspkt p;

	if (mode == M_SILENT || (mode == M_NO_AAAA && !a) ||
	    (mode == M_NO_A && a)) {
		return;
	}
	if (mode == M_REFUSED || (mode == M_FAIL_FIRST && n_sent <= 2)) {
		dnspkt_head(&p, q->id, mode == M_REFUSED ? 0x8185 : 0x8182, 0,
		            q->name, q->type);
	} else if (mode == M_TRUNC) {
		dnspkt_head(&p, q->id, DNSPKT_OK_FLAGS | 0x0200, 1, q->name,
		            q->type);
		dnspkt_addr(&p, NULL, a ? "10.0.0.7" : "2001:db8::7");
		p.n -= 1;
	} else if (mode == M_MANY) {
		static const char *v4[] = {"10.0.1.1", "10.0.1.1", "10.0.1.2",
		                           "10.0.1.3", "10.0.1.4"};
		static const char *v6[] = {"2001:db8::11", "2001:db8::12",
		                           "2001:db8::13", "2001:db8::14"};
		unsigned i, n = a ? 5 : 4;

		dnspkt_head(&p, q->id, DNSPKT_OK_FLAGS, n, q->name, q->type);
		for (i = 0; i < n; i++) {
			dnspkt_addr(&p, NULL, a ? v4[i] : v6[i]);
		}
	} else if (strcmp(q->name, "a.test") == 0) {
		if (mode == M_JUNK6) {
			junk6(q);
		}
		dnspkt_head(&p, q->id, DNSPKT_OK_FLAGS, 1, q->name, q->type);
		dnspkt_addr(&p, NULL, a ? "10.0.0.1" : "2001:db8::1");
	} else {
		dnspkt_head(&p, q->id, 0x8183, 0, q->name, q->type);
	}
	reply(q, &p);
}

/* The first queued datagram of fd that has arrived by t, or -1. */
static int arrived(int fd, uint64_t t)
{
	int i;

	for (i = 0; i < n_queue; i++) {
		if (queue[i].fd == fd && queue[i].at <= t) {
			return i;
		}
	}
	return -1;
}

/* The earliest arrival time among the datagrams of the fds in p. */
static uint64_t next_arrival(const struct pollfd *p, nfds_t n)
{
	uint64_t t = UINT64_MAX;
	nfds_t i;
	int k;

	for (k = 0; k < n_queue; k++) {
		for (i = 0; i < n; i++) {
			if (p[i].fd >= 0 && queue[k].fd == p[i].fd &&
			    queue[k].at < t) {
				t = queue[k].at;
			}
		}
	}
	return t;
}

/* ---- the wrappers -------------------------------------------------------- */

int __real_socket(int, int, int);
int __real_clock_gettime(clockid_t, struct timespec *);
long __real_syscall(long, ...);
int __real_open(const char *, int, ...);
int __real_open64(const char *, int, ...);
ssize_t __real_read(int, void *, size_t);
int __real_close(int);

int __wrap_socket(int, int, int);
ssize_t __wrap_sendto(int, const void *, size_t, int, const struct sockaddr *,
                      socklen_t);
ssize_t __wrap_recvfrom(int, void *, size_t, int, struct sockaddr *,
                        socklen_t *);
int __wrap_poll(struct pollfd *, nfds_t, int);
int __wrap_clock_gettime(clockid_t, struct timespec *);
long __wrap_syscall(long, ...);
int __wrap_open(const char *, int, ...);
int __wrap_open64(const char *, int, ...);
ssize_t __wrap_read(int, void *, size_t);
int __wrap_close(int);
int __wrap_getaddrinfo(const char *, const char *, const struct addrinfo *,
                       struct addrinfo **);
void __wrap_freeaddrinfo(struct addrinfo *);

int __wrap_socket(int family, int type, int proto)
{
	const fault *f = fs_next(&s_socket);
	int fd;

	if (f != NULL) {
		return (int)fs_apply(f);
	}
	fd = __real_socket(family, type, proto);
	if (fd >= 0 && n_fds < 8) {
		fds[n_fds++] = fd;
	}
	return fd;
}

ssize_t __wrap_sendto(int fd, const void *buf, size_t len, int flags,
                      const struct sockaddr *to, socklen_t tolen)
{
	const fault *f = fs_next(&s_sendto);
	query *q;

	(void)flags;
	assert_true(s_sendto.calls < LOOP_MAX);
	if (f != NULL) {
		return (ssize_t)fs_apply(f);
	}
	assert_true(n_sent < (int)(sizeof sent / sizeof sent[0]));
	q = &sent[n_sent++];
	memset(q, 0, sizeof *q);
	q->fd = fd;
	assert_true(tolen <= sizeof q->to);
	memcpy(&q->to, to, tolen);
	assert_int_equal(dnspkt_question(buf, len, q->name, &q->type, &q->id),
	                 0);
	server_answer(q);
	return (ssize_t)len;
}

ssize_t __wrap_recvfrom(int fd, void *buf, size_t len, int flags,
                        struct sockaddr *from, socklen_t *fromlen)
{
	const fault *f = fs_next(&s_recvfrom);
	int i;
	size_t n;

	(void)flags;
	if (f != NULL) {
		return (ssize_t)fs_apply(f);
	}
	i = arrived(fd, fake_now);
	if (i < 0) {
		errno = EAGAIN;
		return -1;
	}
	n = queue[i].n < len ? queue[i].n : len;
	memcpy(buf, queue[i].b, n);
	assert_true(*fromlen >= tcas_posix_sa_len(&queue[i].from));
	*fromlen = (socklen_t)tcas_posix_sa_len(&queue[i].from);
	memcpy(from, &queue[i].from, *fromlen);
	memmove(&queue[i], &queue[i + 1],
	        (size_t)(n_queue - i - 1) * sizeof queue[0]);
	n_queue--;
	return (ssize_t)n;
}

/* Readable sockets at once; else the clock moves to the next arrival
 * within timeout, or by timeout (nothing came). */
int __wrap_poll(struct pollfd *p, nfds_t n, int timeout)
{
	const fault *f = fs_next(&s_poll);
	int i = s_poll.calls - 1, ready = 0;
	nfds_t k;
	uint64_t t;

	assert_true(s_poll.calls < LOOP_MAX);
	assert_true(timeout >= 0); /* never "forever" */
	if (i < 8) {
		poll_timeout[i] = timeout;
	}
	if (poll_dead) {
		errno = ENOMEM;
		return -1;
	}
	if (f != NULL) {
		return (int)fs_apply(f);
	}
	t = next_arrival(p, n);
	if (t > fake_now) {
		fake_now = t <= fake_now + (uint64_t)timeout
		               ? t
		               : fake_now + (uint64_t)timeout;
	}
	for (k = 0; k < n; k++) {
		p[k].revents = p[k].fd >= 0 && arrived(p[k].fd, fake_now) >= 0
		                   ? POLLIN
		                   : 0;
		ready += p[k].revents != 0;
	}
	return ready;
}

int __wrap_clock_gettime(clockid_t id, struct timespec *ts)
{
	const fault *f;

	if (id != CLOCK_MONOTONIC) {
		return __real_clock_gettime(id, ts);
	}
	f = fs_next(&s_clock);
	if (clock_dead) {
		errno = EINVAL;
		return -1;
	}
	if (f != NULL) {
		return (int)fs_apply(f);
	}
	ts->tv_sec = (time_t)(fake_now / 1000u);
	ts->tv_nsec = (long)(fake_now % 1000u) * 1000000L;
	return 0;
}

/* The port calls syscall() for getrandom(2) only. */
long __wrap_syscall(long nr, ...)
{
	const fault *f;
	va_list ap;
	void *buf;
	size_t len;
	unsigned flags;

	assert_int_equal(nr, SYS_getrandom);
	va_start(ap, nr);
	buf = va_arg(ap, void *);
	len = va_arg(ap, size_t);
	flags = va_arg(ap, unsigned);
	va_end(ap);
	f = fs_next(&s_getrandom);
	if (f == NULL) {
		return __real_syscall(nr, buf, len, flags);
	}
	if (f->ret > 0) {
		size_t m = (size_t)f->ret < len ? (size_t)f->ret : len;

		memset(buf, f->val, m);
		return (long)m;
	}
	return fs_apply(f);
}

/* open() through real: open, or open64 where -D_FILE_OFFSET_BITS=64 makes
 * glibc's headers call that (the cross boards). */
static int open_via(int (*real)(const char *, int, ...), const char *path,
                    int flags, va_list ap)
{
	const fault *f = fs_next(&s_open);
	int mode_bits = 0;

	if (n_opened < 4) {
		snprintf(opened[n_opened++], sizeof opened[0], "%s", path);
	}
	if (f != NULL) {
		return (int)fs_apply(f);
	}
	if (flags & O_CREAT) { /* the gcov runtime creates its data files */
		mode_bits = va_arg(ap, int);
	}
	return real(path, flags, mode_bits);
}

int __wrap_open(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = open_via(__real_open, path, flags, ap);
	va_end(ap);
	return fd;
}

int __wrap_open64(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = open_via(__real_open64, path, flags, ap);
	va_end(ap);
	return fd;
}

ssize_t __wrap_read(int fd, void *buf, size_t len)
{
	const fault *f = fs_next(&s_read);

	return f != NULL ? (ssize_t)fs_apply(f) : __real_read(fd, buf, len);
}

int __wrap_close(int fd)
{
	int i;

	for (i = 0; i < n_fds; i++) {
		if (fds[i] == fd) {
			fds[i] = fds[--n_fds];
			n_close++;
			break;
		}
	}
	return __real_close(fd);
}

int __wrap_getaddrinfo(const char *host, const char *serv,
                       const struct addrinfo *hints, struct addrinfo **res)
{
	const fault *f = fs_next(&s_gai);

	(void)serv;
	(void)hints;
	snprintf(gai_host, sizeof gai_host, "%s", host);
	if (f != NULL) {
		return (int)f->ret;
	}
	*res = gai_list;
	return gai_list != NULL ? 0 : EAI_NONAME;
}

void __wrap_freeaddrinfo(struct addrinfo *ai)
{
	assert_ptr_equal(ai, gai_list);
	n_freeaddrinfo++;
}

/* ---- fixtures ------------------------------------------------------------ */

static tcas_posix px;
static tcas_port port;
static char dir[64], hosts[128], resolv1[128], resolv2[128], resolv6[128],
    resolv4[128];

static int group_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/tcas-dnsfault-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		return -1;
	}
	snprintf(hosts, sizeof hosts, "%s/hosts", dir);
	snprintf(resolv1, sizeof resolv1, "%s/resolv1", dir);
	snprintf(resolv2, sizeof resolv2, "%s/resolv2", dir);
	snprintf(resolv6, sizeof resolv6, "%s/resolv6", dir);
	snprintf(resolv4, sizeof resolv4, "%s/resolv4", dir);
	dnspkt_write_file(hosts,
	                  "10.0.0.5 h.test\n"
	                  "10.0.0.5 h.test\n"    /* the same address again */
	                  "10.0.0.6 dot.test.\n" /* a final dot */
	                  "2001:db8::5 h.test\n");
	dnspkt_write_file(resolv1, "nameserver 127.0.0.2\n");
	dnspkt_write_file(resolv2,
	                  "nameserver 127.0.0.2\nnameserver 127.0.0.3\n");
	dnspkt_write_file(resolv6, "nameserver ::1\nnameserver 127.0.0.1\n");
	dnspkt_write_file(resolv4, "nameserver\n"
	                           "nameserveR 10.9.9.9\n"
	                           "nameserver 127.0.0.11\n"
	                           "nameserver 127.0.0.12\n"
	                           "nameserver 127.0.0.13\n"
	                           "nameserver 127.0.0.14\n");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	unlink(hosts);
	unlink(resolv1);
	unlink(resolv2);
	unlink(resolv6);
	unlink(resolv4);
	rmdir(dir);
	reset();
	return 0;
}

static int setup(void **state)
{
	(void)state;
	reset();
	fake_now = 100000;
	tcas_posix_init(&px, &port);
	tcas_posix_set_resolver(&px, hosts, resolv1);
	px.dns_port = 5353;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	reset();
	port.close(port.ctx);
	return 0;
}

/* ---- helpers ------------------------------------------------------------- */

/* Resolve host with ms of budget from the fake clock (not read through
 * the wrapper, so that no clock script entry is used up). */
static int resolve(const char *host, uint64_t ms, tcas_posix_addrs *out)
{
	return tcas_posix_resolve(&px, host, 443, fake_now + ms, out);
}

#define ADDR(l, i) dnspkt_sa_text(&(l)->a[i])

/* Every socket the resolver opened has been closed again. */
static void assert_sockets_closed(int opened_n)
{
	assert_int_equal(n_close, opened_n);
	assert_int_equal(n_fds, 0);
}

/* ---- socket() ------------------------------------------------------------ */

/* No UDP socket: the only server fails both types at once. Nothing is
 * sent, nothing waited for: TCAS_E_NET_RESOLVE ("every DNS server
 * failed"). */
static void test_socket_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_socket, EMFILE);
	fs_fail(&s_socket, ENFILE);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(l.n, 0);
	assert_int_equal(s_socket.calls, 2); /* A, then AAAA */
	assert_int_equal(n_sent, 0);
	assert_int_equal(s_poll.calls, 0);
	assert_int_equal(fake_now, 100000);
	assert_sockets_closed(0);
}

/* No IPv6 socket for the first server (::1): the IPv4 one is asked at
 * once, and the family of its answer is told apart from ::1's. */
static void test_socket_fails_v6_server(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv6);
	fs_fail(&s_socket, EAFNOSUPPORT);
	fs_fail(&s_socket, EAFNOSUPPORT);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.1:5353");
	assert_string_equal(dnspkt_sa_text(&sent[1].to), "127.0.0.1:5353");
	assert_int_equal(fake_now, 100000); /* no slice waited out */
	assert_sockets_closed(1);
}

/* An IPv6 server: its own socket, its answers matched by address and
 * port (junk from [::2] and from port 54 ignored), both sockets closed.
 * Then a SERVFAIL from ::1 moves on to 127.0.0.1 at once, whose answer
 * is not taken for ::1's (different family). */
static void test_v6_server(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv6);
	mode = M_JUNK6;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "::1:5353");
	assert_int_equal(n_queue, 0); /* the junk was read, and dropped */
	assert_sockets_closed(1);

	reset();
	fake_now = 100000;
	mode = M_FAIL_FIRST;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(n_sent, 4);
	assert_string_equal(dnspkt_sa_text(&sent[2].to), "127.0.0.1:5353");
	assert_int_equal(fake_now, 100000);
	assert_sockets_closed(2);
}

/* ---- sendto() ------------------------------------------------------------ */

/* Both queries to the only server fail (an error, a short write): the
 * lookup fails without waiting. */
static void test_sendto_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_sendto, ENETUNREACH);
	fs_push(&s_sendto, 20, 0, 0);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(s_sendto.calls, 2);
	assert_int_equal(n_sent, 0);
	assert_int_equal(s_poll.calls, 0);
	assert_sockets_closed(1);
}

/* The first server cannot be sent to (EPERM for A, a short write for
 * AAAA): the second is asked at once, not after a slice. */
static void test_sendto_fails_next_server(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv2);
	fs_fail(&s_sendto, EPERM);
	fs_push(&s_sendto, 0, 0, 0);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.3:5353");
	assert_int_equal(fake_now, 100000);
	assert_sockets_closed(1);
}

/* A query that could not be sent is not sent again to that server: with
 * the AAAA send failing and the server dropping nothing, the A answer
 * ends the lookup with no resolution delay for AAAA. */
static void test_sendto_fails_one_type(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_push(&s_sendto, FS_REAL, 0, 0);
	fs_fail(&s_sendto, EAGAIN);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(s_sendto.calls, 2);
	assert_int_equal(fake_now, 100000);
}

/* ---- the wait ------------------------------------------------------------ */

/* poll() interrupted: waited again with what is left of the slice. */
static void test_poll_eintr(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	latency = 30;
	fs_fail(&s_poll, EINTR);
	assert_int_equal(resolve("a.test", 1000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(s_poll.calls, 2);
	assert_int_equal(poll_timeout[0], 1000); /* one server: all of it */
	assert_int_equal(poll_timeout[1], 1000);
	assert_int_equal(fake_now, 100030);
	assert_int_equal(n_sent, 2);
}

/* poll() failing (not EINTR) ends the lookup: TCAS_E_NET_IO, as for
 * connect, and no more queries (not a busy loop of re-sends until the
 * deadline); addresses already received are still used. */
static void test_poll_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	poll_dead = 1;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_IO);
	assert_int_equal(l.n, 0);
	assert_int_equal(s_poll.calls, 1);
	assert_int_equal(n_sent, 2);
	assert_sockets_closed(1);

	reset();
	fake_now = 100000;
	mode = M_NO_AAAA;
	fs_push(&s_poll, FS_REAL, 0, 0);
	fs_fail(&s_poll, EBADF);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(s_poll.calls, 2);
	assert_sockets_closed(1);
}

/* recvfrom() interrupted (retried at once), then nothing there despite
 * the readiness (EAGAIN, another error): back to poll(). */
static void test_recvfrom_eintr_eagain(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_recvfrom, EINTR);
	fs_fail(&s_recvfrom, EAGAIN);
	fs_fail(&s_recvfrom, ECONNREFUSED);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
	/* EINTR EAGAIN | ECONNREFUSED | A AAAA EAGAIN */
	assert_int_equal(s_recvfrom.calls, 6);
	assert_int_equal(s_poll.calls, 3);
	assert_int_equal(n_sent, 2);
	assert_int_equal(fake_now, 100000);
}

/* The resolution delay when AAAA is answered and A is not: 50 ms more,
 * then the IPv6 address alone. */
static void test_aaaa_only(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_NO_A;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "2001:db8::1:443");
	assert_int_equal(poll_timeout[1], 50);
	assert_int_equal(fake_now, 100050);
	assert_int_equal(n_sent, 2);
}

/* More addresses than kept: IPv4 and IPv6 alternate up to
 * TCAS_DNS_ADDRS_MAX; an address given twice counts once. */
static void test_many_addresses(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_MANY;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, TCAS_DNS_ADDRS_MAX);
	assert_string_equal(ADDR(&l, 0), "10.0.1.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::11:443");
	assert_string_equal(ADDR(&l, 2), "10.0.1.2:443");
	assert_string_equal(ADDR(&l, 3), "2001:db8::12:443");
}

/* ---- the clock ----------------------------------------------------------- */

/* A monotonic clock that always fails reads 0: the budget still bounds
 * the lookup (the deadline is 0 + budget, and each slice waited out
 * counts), instead of polling forever. 1000 ms over 2 servers: slices of
 * 500, 250, 250 ms, then TCAS_E_NET_TIMEOUT. */
static void test_clock_dead_silent(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv2);
	clock_dead = 1;
	mode = M_SILENT;
	assert_int_equal(tcas_posix_mono(), 0);
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 1000, &l),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(n_sent, 6);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.2:5353");
	assert_string_equal(dnspkt_sa_text(&sent[2].to), "127.0.0.3:5353");
	assert_string_equal(dnspkt_sa_text(&sent[4].to), "127.0.0.2:5353");
	assert_int_equal(poll_timeout[0], 500);
	assert_int_equal(poll_timeout[1], 250);
	assert_int_equal(poll_timeout[2], 250);
	assert_int_equal(s_poll.calls, 3);
	assert_sockets_closed(1);

	/* through the port: the connect budget is the bound */
	reset();
	clock_dead = 1;
	mode = M_SILENT;
	tcas_posix_set_resolver(&px, hosts, resolv1);
	assert_int_equal(port.connect(port.ctx, "a.test", 443, 700),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(n_sent, 2);
	assert_int_equal(poll_timeout[0], 700);
	assert_int_equal(px.fd, -1);
}

/* With a dead clock an answer still resolves, and the resolution delay
 * ends after its 50 ms. */
static void test_clock_dead_answers(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	clock_dead = 1;
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 3000, &l),
	                 TCAS_OK);
	assert_int_equal(l.n, 2);
	reset();
	clock_dead = 1;
	mode = M_NO_AAAA;
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 3000, &l),
	                 TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(s_poll.calls, 2);
	assert_int_equal(poll_timeout[1], 50);
	reset();
	clock_dead = 1;
	assert_int_equal(tcas_posix_resolve(&px, "nope.test", 443, 3000, &l),
	                 TCAS_E_NET_RESOLVE);
}

/* ---- the random source --------------------------------------------------- */

/* No random bytes for the query ids (getrandom() missing, /dev/urandom
 * not there): TCAS_E_NET_RESOLVE before anything is sent. */
static void test_random_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_getrandom, ENOSYS);
	fs_push(&s_open, FS_REAL, 0, 0); /* hosts */
	fs_push(&s_open, FS_REAL, 0, 0); /* resolv.conf */
	fs_fail(&s_open, ENOENT);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(l.n, 0);
	assert_string_equal(opened[2], "/dev/urandom");
	assert_int_equal(s_socket.calls, 0);
	assert_int_equal(n_sent, 0);
}

/* Equal random halves: the two ids still differ (AAAA's last bit
 * flipped), and each answer goes to its own type. */
static void test_random_same_ids(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_push(&s_getrandom, 4, 0, 0x5a);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(n_sent, 2);
	assert_int_equal(sent[0].type, 1);
	assert_int_equal(sent[0].id, 0x5a5a);
	assert_int_equal(sent[1].type, 28);
	assert_int_equal(sent[1].id, 0x5a5b);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
}

/* ---- files --------------------------------------------------------------- */

/* Reading the hosts file: EINTR is retried; an address listed twice
 * counts once; a final dot on a name in the file is ignored. */
static void test_hosts_read_eintr(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_read, EINTR);
	assert_int_equal(resolve("h.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.5:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::5:443");
	assert_int_equal(s_read.calls, 3); /* EINTR, the file, its end */
	assert_int_equal(n_sent, 0);
	assert_int_equal(resolve("DOT.test", 5000, &l), TCAS_OK);
	assert_string_equal(ADDR(&l, 0), "10.0.0.6:443");
}

/* A hosts file that fails to read counts as empty: DNS is asked. A
 * resolv.conf that fails to read lists no server: 127.0.0.1 is asked. */
static void test_files_read_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_read, EIO);
	assert_int_equal(resolve("h.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(n_sent, 2); /* NXDOMAIN from 127.0.0.2 */
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.2:5353");

	reset();
	fake_now = 100000;
	fs_push(&s_read, FS_REAL, 0, 0);
	fs_push(&s_read, FS_REAL, 0, 0);
	fs_fail(&s_read, EIO);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(s_read.calls, 3);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.1:5353");
}

/* The system files by default (here: neither can be opened), and DNS
 * port 53 unless set. */
static void test_system_files(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, NULL, NULL);
	px.dns_port = 0;
	fs_fail(&s_open, EACCES);
	fs_fail(&s_open, ENOENT);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_string_equal(opened[0], "/etc/hosts");
	assert_string_equal(opened[1], "/etc/resolv.conf");
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.1:53");
}

/* resolv.conf: a bare "nameserver" line and a misspelt keyword are
 * skipped; only the first 3 servers are asked. */
static void test_resolv_three_servers(void **state)
{
	tcas_posix_addrs l;
	int i;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv4);
	mode = M_REFUSED;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(n_sent, 6);
	for (i = 0; i < 6; i++) {
		static const char *srv[3] = {
		    "127.0.0.11:5353", "127.0.0.12:5353", "127.0.0.13:5353"};

		assert_string_equal(dnspkt_sa_text(&sent[i].to), srv[i / 2]);
	}
	assert_int_equal(fake_now, 100000);
}

/* ---- truncated answers: getaddrinfo() ------------------------------------ */

static struct sockaddr_in gai_v4;
static struct sockaddr_in6 gai_v6;
static struct sockaddr_storage gai_big;
static struct addrinfo gai_ai[4];

/* getaddrinfo()'s list: an AF_UNIX entry, an IPv6 and an IPv4 address,
 * and an IPv4 entry whose address length is too long: the two addresses
 * are used, in order, with our port. */
static void gai_fill(void)
{
	memset(gai_ai, 0, sizeof gai_ai);
	memset(&gai_v4, 0, sizeof gai_v4);
	memset(&gai_v6, 0, sizeof gai_v6);
	memset(&gai_big, 0, sizeof gai_big);
	gai_v4.sin_family = AF_INET;
	gai_v4.sin_port = htons(9);
	inet_pton(AF_INET, "10.0.0.9", &gai_v4.sin_addr);
	gai_v6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::9", &gai_v6.sin6_addr);
	gai_big.ss_family = AF_INET;
	gai_ai[0].ai_family = AF_UNIX;
	gai_ai[0].ai_addr = (struct sockaddr *)&gai_big;
	gai_ai[0].ai_addrlen = 2;
	gai_ai[1].ai_family = AF_INET6;
	gai_ai[1].ai_addr = (struct sockaddr *)&gai_v6;
	gai_ai[1].ai_addrlen = sizeof gai_v6;
	gai_ai[2].ai_family = AF_INET;
	gai_ai[2].ai_addr = (struct sockaddr *)&gai_v4;
	gai_ai[2].ai_addrlen = sizeof gai_v4;
	gai_ai[3].ai_family = AF_INET;
	gai_ai[3].ai_addr = (struct sockaddr *)&gai_big;
	gai_ai[3].ai_addrlen = sizeof gai_big;
	gai_ai[0].ai_next = &gai_ai[1];
	gai_ai[1].ai_next = &gai_ai[2];
	gai_ai[2].ai_next = &gai_ai[3];
	gai_list = &gai_ai[0];
}

#if TCAS_WITH_GETADDRINFO
/* Both answers truncated with no complete record: getaddrinfo() (TCP)
 * while time is left; its failure, or a list with no usable address, is
 * TCAS_E_NET_RESOLVE. */
static void test_truncated_gai(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_TRUNC;
	gai_fill();
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_string_equal(gai_host, "a.test");
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "2001:db8::9:443");
	assert_string_equal(ADDR(&l, 1), "10.0.0.9:443");
	assert_int_equal(n_freeaddrinfo, 1);
	assert_sockets_closed(1);

	reset();
	mode = M_TRUNC;
	fs_push(&s_gai, EAI_AGAIN, 0, 0);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(s_gai.calls, 1);
	assert_int_equal(n_freeaddrinfo, 0);

	reset();
	mode = M_TRUNC;
	gai_fill();
	gai_ai[0].ai_next = &gai_ai[3]; /* AF_UNIX, too long */
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(l.n, 0);
	assert_int_equal(n_freeaddrinfo, 1);

	reset();
	mode = M_TRUNC;
	fs_push(&s_gai, 0, 0, 0); /* success, but no list */
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(n_freeaddrinfo, 0);
}
#endif

/* A truncated answer arriving at the deadline: no time for the
 * fallback, TCAS_E_NET_TIMEOUT, getaddrinfo() not called. */
static void test_truncated_late(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_TRUNC;
	latency = 300;
	gai_fill();
	assert_int_equal(resolve("a.test", 300, &l), TCAS_E_NET_TIMEOUT);
	assert_int_equal(fake_now, 100300);
	assert_int_equal(n_sent, 2);
	assert_int_equal(s_gai.calls, 0);
}

/* ---- direct calls -------------------------------------------------------- */

static void test_direct(void **state)
{
	tcas_posix_addrs l;
	uint8_t w[256], pkt[12] = {0};

	(void)state;
	assert_int_equal(tcas_posix_dns_name("", w), 0);
	assert_int_equal(tcas_posix_dns_name("a.test", w), 8);
	assert_int_equal(tcas_posix_dns_parse(NULL, 12, 0, w, 8, 1, 443, &l),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_dns_parse(pkt, 12, 0, NULL, 8, 1, 443, &l),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_dns_parse(pkt, 12, 0, w, 8, 1, 443, NULL),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_dns_parse(pkt, 12, 0, w, 256, 1, 443, &l),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_resolve(NULL, "a.test", 443, 1, &l),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_posix_resolve(&px, NULL, 443, 1, &l), TCAS_E_ARG);
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 1, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(n_sent, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_socket_fails),
		T(test_socket_fails_v6_server),
		T(test_v6_server),
		T(test_sendto_fails),
		T(test_sendto_fails_next_server),
		T(test_sendto_fails_one_type),
		T(test_poll_eintr),
		T(test_poll_fails),
		T(test_recvfrom_eintr_eagain),
		T(test_aaaa_only),
		T(test_many_addresses),
		T(test_clock_dead_silent),
		T(test_clock_dead_answers),
		T(test_random_fails),
		T(test_random_same_ids),
		T(test_hosts_read_eintr),
		T(test_files_read_fails),
		T(test_system_files),
		T(test_resolv_three_servers),
#if TCAS_WITH_GETADDRINFO
		T(test_truncated_gai),
#endif
		T(test_truncated_late),
		T(test_direct),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
