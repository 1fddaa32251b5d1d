/* dnsfault.h - the harness of the resolver's fault tests (test_dns_fault,
 * test_dns_sys_fault): each of them includes it once, as it defines the
 * --wrap functions, the simulated network and their state.
 *
 * The POSIX port's stub resolver (port/posix/port_posix_dns.c) under
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
#ifndef TCAS_TEST_DNSFAULT_H
#define TCAS_TEST_DNSFAULT_H

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

static inline void reset(void)
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
static inline void reply_from(const query *q, const tcas_posix_sa *from,
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

static inline void reply(const query *q, const dnspkt *p)
{
	reply_from(q, NULL, p);
}

/* Junk from [::2] (not a server) and from ::1 on another port, with the
 * id and question of q, and a 1-byte datagram: all ignored. */
static inline void junk6(const query *q)
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

static inline void server_answer(const query *q)
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
static inline int arrived(int fd, uint64_t t)
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
static inline uint64_t next_arrival(const struct pollfd *p, nfds_t n)
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
static inline int open_via(int (*real)(const char *, int, ...),
                           const char *path, int flags, va_list ap)
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

static inline int group_setup(void **state)
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

static inline int group_teardown(void **state)
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

static inline int setup(void **state)
{
	(void)state;
	reset();
	fake_now = 100000;
	tcas_posix_init(&px, &port);
	tcas_posix_set_resolver(&px, hosts, resolv1);
	px.dns_port = 5353;
	return 0;
}

static inline int teardown(void **state)
{
	(void)state;
	reset();
	port.close(port.ctx);
	return 0;
}

/* ---- helpers ------------------------------------------------------------- */

/* Resolve host with ms of budget from the fake clock (not read through
 * the wrapper, so that no clock script entry is used up). */
static inline int resolve(const char *host, uint64_t ms, tcas_posix_addrs *out)
{
	return tcas_posix_resolve(&px, host, 443, fake_now + ms, out);
}

#define ADDR(l, i) dnspkt_sa_text(&(l)->a[i])

/* Every socket the resolver opened has been closed again. */
static inline void assert_sockets_closed(int opened_n)
{
	assert_int_equal(n_close, opened_n);
	assert_int_equal(n_fds, 0);
}

/* A test with the per-test setup and teardown above. */
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

#endif /* TCAS_TEST_DNSFAULT_H */
