/* The POSIX port (port/posix/port_posix.c) under operating-system
 * failures. Linked with -Wl,--wrap=SYMBOL for the libc calls the port
 * makes (test/fault.mk): each __wrap_X below first takes the next entry of
 * X's fault script (fail with an errno, return a chosen count or value)
 * and calls the real libc function once the script is empty. Real sockets
 * are still created, so closing them is real; no byte leaves the host.
 *
 * Every test starts with empty scripts (reset()), and the scripts are
 * empty again at exit, so the gcov runtime (which also calls open/fcntl/
 * read/close) always reaches libc. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
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
#include "tcas/error.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"

/* ---- the fault scripts --------------------------------------------------- */

static script s_socket, s_fcntl, s_connect, s_poll, s_send, s_recv,
    s_getsockopt, s_clock, s_getrandom, s_open, s_read, s_nanosleep;
static int fds[16], n_fds;           /* sockets and /dev/urandom opened since
                                        reset() and still open */
static int n_close;                  /* close() of those since reset() */
static int poll_timeout;             /* timeout of the last poll() */
static int send_flags;               /* flags of the last send() */
static char open_path[64];           /* path of the last open() */
static struct timespec sleep_req[4]; /* what each nanosleep() was asked */
static int fake_clock;               /* 1: CLOCK_MONOTONIC reads fake_now */
static uint64_t fake_now;            /* ms; a poll() scripted to time out adds
                                        its timeout, as a real one would */

static void reset(void)
{
	script *all[] = {&s_socket,    &s_fcntl, &s_connect,    &s_poll,
	                 &s_send,      &s_recv,  &s_getsockopt, &s_clock,
	                 &s_getrandom, &s_open,  &s_read,       &s_nanosleep};
	size_t i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		memset(all[i], 0, sizeof *all[i]);
	}
	n_close = 0;
	n_fds = 0;
	poll_timeout = -2;
	send_flags = 0;
	open_path[0] = '\0';
	memset(sleep_req, 0, sizeof sleep_req);
	fake_clock = 0;
	fake_now = 0;
}

/* ---- the wrappers -------------------------------------------------------- */

int __real_socket(int, int, int);
int __real_fcntl(int, int, ...);
int __real_fcntl64(int, int, ...);
int __real_connect(int, const struct sockaddr *, socklen_t);
int __real_poll(struct pollfd *, nfds_t, int);
ssize_t __real_send(int, const void *, size_t, int);
ssize_t __real_recv(int, void *, size_t, int);
int __real_getsockopt(int, int, int, void *, socklen_t *);
int __real_clock_gettime(clockid_t, struct timespec *);
long __real_syscall(long, ...);
int __real_open(const char *, int, ...);
int __real_open64(const char *, int, ...);
ssize_t __real_read(int, void *, size_t);
int __real_close(int);
int __real_nanosleep(const struct timespec *, struct timespec *);

int __wrap_socket(int, int, int);
int __wrap_fcntl(int, int, ...);
int __wrap_fcntl64(int, int, ...);
int __wrap_connect(int, const struct sockaddr *, socklen_t);
int __wrap_poll(struct pollfd *, nfds_t, int);
ssize_t __wrap_send(int, const void *, size_t, int);
ssize_t __wrap_recv(int, void *, size_t, int);
int __wrap_getsockopt(int, int, int, void *, socklen_t *);
int __wrap_clock_gettime(clockid_t, struct timespec *);
long __wrap_syscall(long, ...);
int __wrap_open(const char *, int, ...);
int __wrap_open64(const char *, int, ...);
ssize_t __wrap_read(int, void *, size_t);
int __wrap_close(int);
int __wrap_nanosleep(const struct timespec *, struct timespec *);

int __wrap_socket(int family, int type, int proto)
{
	const fault *f = fs_next(&s_socket);
	int fd;

	if (f != NULL) {
		return (int)fs_apply(f);
	}
	fd = __real_socket(family, type, proto);
	if (fd >= 0 && n_fds < 16) {
		fds[n_fds++] = fd;
	}
	return fd;
}

/* fcntl() through real (fcntl, or fcntl64 where -D_FILE_OFFSET_BITS=64
 * makes glibc's headers call that: the cross boards). */
static int fcntl_via(int (*real)(int, int, ...), int fd, int cmd, va_list ap)
{
	const fault *f = fs_next(&s_fcntl);

	if (f != NULL) {
		return (int)fs_apply(f);
	}
	switch (cmd) {
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW: /* the gcov runtime locks its data files */
		return real(fd, cmd, va_arg(ap, void *));
	default: /* every other command of ours or libgcov's: an int */
		return real(fd, cmd, va_arg(ap, int));
	}
}

int __wrap_fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int r;

	va_start(ap, cmd);
	r = fcntl_via(__real_fcntl, fd, cmd, ap);
	va_end(ap);
	return r;
}

int __wrap_fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	int r;

	va_start(ap, cmd);
	r = fcntl_via(__real_fcntl64, fd, cmd, ap);
	va_end(ap);
	return r;
}

int __wrap_connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	const fault *f = fs_next(&s_connect);

	return f ? (int)fs_apply(f) : __real_connect(fd, sa, len);
}

int __wrap_poll(struct pollfd *p, nfds_t n, int timeout)
{
	const fault *f = fs_next(&s_poll);
	nfds_t i;

	poll_timeout = timeout;
	if (f == NULL) {
		return __real_poll(p, n, timeout);
	}
	if (f->ret == 0 && fake_clock && timeout > 0) {
		fake_now += (uint64_t)timeout;
	}
	for (i = 0; i < n; i++) {
		p[i].revents = f->ret > 0 ? p[i].events : 0;
	}
	return (int)fs_apply(f);
}

/* A scripted count > 0 for a buffer call: fill with f->val, capped. */
static ssize_t fill(const fault *f, void *buf, size_t len)
{
	size_t n = (size_t)f->ret < len ? (size_t)f->ret : len;

	memset(buf, f->val, n);
	return (ssize_t)n;
}

ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags)
{
	const fault *f = fs_next(&s_send);

	send_flags = flags;
	if (f == NULL) {
		return __real_send(fd, buf, len, flags);
	}
	return f->ret > 0 && (size_t)f->ret > len ? (ssize_t)len
	                                          : (ssize_t)fs_apply(f);
}

ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags)
{
	const fault *f = fs_next(&s_recv);

	if (f == NULL) {
		return __real_recv(fd, buf, len, flags);
	}
	return f->ret > 0 ? fill(f, buf, len) : (ssize_t)fs_apply(f);
}

int __wrap_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	const fault *f;

	if (level != SOL_SOCKET || name != SO_ERROR) {
		return __real_getsockopt(fd, level, name, val, len);
	}
	f = fs_next(&s_getsockopt);
	if (f == NULL) {
		return __real_getsockopt(fd, level, name, val, len);
	}
	if (f->ret == 0) {
		assert_true(*len >= sizeof(int));
		memcpy(val, &f->val, sizeof(int));
		*len = sizeof(int);
	}
	return (int)fs_apply(f);
}

int __wrap_clock_gettime(clockid_t id, struct timespec *ts)
{
	const fault *f = fs_next(&s_clock);

	if (f != NULL) {
		return (int)fs_apply(f);
	}
	if (fake_clock && id == CLOCK_MONOTONIC) {
		ts->tv_sec = (time_t)(fake_now / 1000u);
		ts->tv_nsec = (long)(fake_now % 1000u) * 1000000L;
		return 0;
	}
	return __real_clock_gettime(id, ts);
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
	return f->ret > 0 ? (long)fill(f, buf, len) : fs_apply(f);
}

/* open() through real (open, or open64: see fcntl_via). */
static int open_via(int (*real)(const char *, int, ...), const char *path,
                    int flags, va_list ap)
{
	const fault *f = fs_next(&s_open);
	int mode = 0, fd;

	snprintf(open_path, sizeof open_path, "%s", path);
	if (f != NULL) {
		return (int)fs_apply(f);
	}
	if (flags & O_CREAT) { /* the gcov runtime creates its data files */
		mode = va_arg(ap, int);
	}
	fd = real(path, flags, mode);
	if (fd >= 0 && strcmp(path, "/dev/urandom") == 0 && n_fds < 16) {
		fds[n_fds++] = fd;
	}
	return fd;
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

	if (f == NULL) {
		return __real_read(fd, buf, len);
	}
	return f->ret > 0 ? fill(f, buf, len) : (ssize_t)fs_apply(f);
}

int __wrap_close(int fd)
{
	int i;

	for (i = 0; i < n_fds; i++) {
		if (fds[i] == fd) { /* one of ours: count it, once */
			fds[i] = fds[--n_fds];
			n_close++;
			break;
		}
	}
	return __real_close(fd);
}

int __wrap_nanosleep(const struct timespec *req, struct timespec *rem)
{
	const fault *f = fs_next(&s_nanosleep);
	int i = s_nanosleep.calls - 1;

	if (i < 4) {
		sleep_req[i] = *req;
	}
	if (f == NULL) {
		return __real_nanosleep(req, rem);
	}
	if (f->ret < 0 && rem != NULL) {
		/* interrupted with f->val ms left */
		rem->tv_sec = f->val / 1000;
		rem->tv_nsec = (long)(f->val % 1000) * 1000000L;
	}
	return (int)fs_apply(f);
}

/* ---- fixtures ------------------------------------------------------------ */

static tcas_posix px;
static tcas_port port;
static char dir[64], hosts[128], ca[128];

/* A self-signed P-256 certificate (CN=tcas-fault): 583 bytes, so that
 * tcas_posix_load_ca_file() reads it in two chunks. */
static const char ca_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBgTCCASegAwIBAgIUUgFZNp5ehyZrGBPVKRr8M1bxTTIwCgYIKoZIzj0EAwIw\n"
    "FTETMBEGA1UEAwwKdGNhcy1mYXVsdDAgFw0yNjExMjYxMjA2MzJaGA8yMTI2MTEw\n"
    "MjEyMDYzMlowFTETMBEGA1UEAwwKdGNhcy1mYXVsdDBZMBMGByqGSM49AgEGCCqG\n"
    "SM49AwEHA0IABLJZGLDUsOo8gKpUp6MWj8onB9R4mXwsPV4qYFujObF88FHSYGZf\n"
    "uifZCM5+7Kqu8cfsTtTZg3gFOrBsx4sOp2WjUzBRMB0GA1UdDgQWBBSpwg8yJK2u\n"
    "0kljHiO8vgP2okDJfzAfBgNVHSMEGDAWgBSpwg8yJK2u0kljHiO8vgP2okDJfzAP\n"
    "BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDYn96O3HKDdw/PUQwG\n"
    "05edq1xctJgasK3OxAgGKt4SZgIgchpPZyw0o9Em+EasunDy/vmKyuHVi9c7S7K9\n"
    "ai4h38U=\n"
    "-----END CERTIFICATE-----\n";

/* A hosts file naming two loopback addresses for "two.test". */
static int group_setup(void **state)
{
	FILE *fp;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/tcas-pfault-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		return -1;
	}
	snprintf(hosts, sizeof hosts, "%s/hosts", dir);
	fp = fopen(hosts, "w");
	if (fp == NULL) {
		return -1;
	}
	fputs("127.0.0.1 two.test\n127.0.0.2 two.test\n", fp);
	fclose(fp);
	snprintf(ca, sizeof ca, "%s/ca.pem", dir);
	fp = fopen(ca, "w");
	if (fp == NULL) {
		return -1;
	}
	fputs(ca_pem, fp);
	fclose(fp);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	unlink(hosts);
	unlink(ca);
	rmdir(dir);
	reset();
	return 0;
}

static int setup(void **state)
{
	(void)state;
	reset();
	tcas_posix_init(&px, &port);
	tcas_posix_set_resolver(&px, hosts, "/nonexistent/resolv.conf");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	reset();
	port.close(port.ctx);
	return 0;
}

/* A context "connected" over one end of a socket pair, so that the send/
 * recv tests run on a real descriptor; the other end is closed. */
static void fake_connection(void)
{
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	__real_close(sv[1]);
	px.fd = sv[0];
	fds[n_fds++] = sv[0];
}

/* Every socket the port made has been closed again (no leak). */
static void assert_sockets_closed(int opened)
{
	assert_int_equal(n_close, opened);
}

/* ---- clocks -------------------------------------------------------------- */

static void test_mono_clock_fails(void **state)
{
	(void)state;
	fs_fail(&s_clock, EINVAL);
	assert_int_equal(port.mono_ms(port.ctx), 0);
	/* the next reading works again */
	assert_true(port.mono_ms(port.ctx) > 0);
}

/* With no clock every reading is 0: a wait still gets its whole budget
 * (the deadline is 0 + timeout) instead of none or forever. */
static void test_recv_budget_without_clock(void **state)
{
	uint8_t b[4];
	int i;

	(void)state;
	fake_connection();
	for (i = 0; i < 4; i++) {
		fs_fail(&s_clock, EINVAL);
	}
	fs_fail(&s_recv, EAGAIN);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 250),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout, 250);
}

/* ---- socket creation ----------------------------------------------------- */

static void test_socket_fails(void **state)
{
	(void)state;
	fs_fail(&s_socket, EMFILE);
	assert_int_equal(tcas_posix_socket(AF_INET, SOCK_STREAM), -1);
	assert_int_equal(errno, EMFILE);
	assert_int_equal(n_close, 0);
}

/* Each of the three fcntl() calls failing closes the new socket. */
static void test_fcntl_fails(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < 3; i++) {
		reset();
		for (j = 0; j < i; j++) {
			fs_push(&s_fcntl, FS_REAL, 0, 0);
		}
		fs_fail(&s_fcntl, EBADF);
		assert_int_equal(tcas_posix_socket(AF_INET, SOCK_DGRAM), -1);
		assert_int_equal(s_socket.calls, 1);
		assert_int_equal(s_fcntl.calls, i + 1);
		assert_sockets_closed(1);
	}
}

/* The socket made is non-blocking and close-on-exec. */
static void test_socket_flags(void **state)
{
	int fd;

	(void)state;
	fd = tcas_posix_socket(AF_INET, SOCK_STREAM);
	assert_true(fd >= 0);
	assert_true(__real_fcntl(fd, F_GETFL, 0) & O_NONBLOCK);
	assert_true(__real_fcntl(fd, F_GETFD, 0) & FD_CLOEXEC);
	__real_close(fd);
}

/* ---- connect ------------------------------------------------------------- */

/* socket() failing: the errno decides the code, nothing leaks. EMFILE is
 * a local failure (TCAS_E_NET_IO, which port.h does not list for
 * connect: see test/COVERAGE.md), EAFNOSUPPORT "unreachable". */
static void test_connect_socket_fails(void **state)
{
	(void)state;
	fs_fail(&s_socket, EMFILE);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
	                 TCAS_E_NET_IO);
	assert_int_equal(px.fd, -1);
	reset();
	fs_fail(&s_socket, EAFNOSUPPORT);
	assert_int_equal(port.connect(port.ctx, "::1", 9, 1000),
	                 TCAS_E_NET_CONNECT);
	assert_int_equal(px.fd, -1);
	assert_int_equal(s_connect.calls, 0);
}

/* connect() succeeding at once: no wait, the socket is kept. */
static void test_connect_at_once(void **state)
{
	(void)state;
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000), TCAS_OK);
	assert_true(px.fd >= 0);
	assert_int_equal(s_poll.calls, 0);
	assert_int_equal(s_getsockopt.calls, 0);
	assert_int_equal(n_close, 0);
}

/* connect() failing at once, by errno. */
static void test_connect_fails_at_once(void **state)
{
	static const struct {
		int err, rc;
	} v[] = {
	    {ECONNREFUSED, TCAS_E_NET_CONNECT},
	    {ENETUNREACH, TCAS_E_NET_CONNECT},
	    {EHOSTUNREACH, TCAS_E_NET_CONNECT},
	    {EADDRNOTAVAIL, TCAS_E_NET_CONNECT},
	    {ETIMEDOUT, TCAS_E_NET_TIMEOUT},
	    {EACCES, TCAS_E_NET_IO},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		reset();
		fs_fail(&s_connect, v[i].err);
		assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
		                 v[i].rc);
		assert_int_equal(px.fd, -1);
		assert_int_equal(s_poll.calls, 0);
		assert_sockets_closed(1);
	}
}

/* connect() interrupted by a signal goes on in the background: wait for
 * it and read SO_ERROR like EINPROGRESS. */
static void test_connect_eintr(void **state)
{
	(void)state;
	fs_fail(&s_connect, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_getsockopt, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000), TCAS_OK);
	assert_true(px.fd >= 0);
	assert_int_equal(s_getsockopt.calls, 1);
}

/* The wait for the connection: poll() interrupted (retried with what is
 * left), timing out, failing. */
static void test_connect_wait(void **state)
{
	(void)state;
	fake_clock = 1;
	fake_now = 5000;
	fs_fail(&s_connect, EINPROGRESS);
	fs_fail(&s_poll, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_getsockopt, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 700), TCAS_OK);
	assert_int_equal(s_poll.calls, 2);
	assert_int_equal(poll_timeout, 700);
	port.close(port.ctx);

	reset();
	fake_clock = 1;
	fake_now = 5000;
	fs_fail(&s_connect, EINPROGRESS);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 700),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout, 700);
	assert_int_equal(s_getsockopt.calls, 0);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);

	reset();
	fs_fail(&s_connect, EINPROGRESS);
	fs_fail(&s_poll, ENOMEM);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 700),
	                 TCAS_E_NET_IO);
	assert_int_equal(s_poll.calls, 1);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);
}

/* The outcome of a connection in progress: getsockopt() failing, or the
 * SO_ERROR it reports. */
static void test_connect_so_error(void **state)
{
	static const struct {
		int err, rc;
	} v[] = {
	    {ECONNREFUSED, TCAS_E_NET_CONNECT},
	    {EHOSTUNREACH, TCAS_E_NET_CONNECT},
	    {ETIMEDOUT, TCAS_E_NET_TIMEOUT},
	    {ECONNRESET, TCAS_E_NET_IO},
	};
	size_t i;

	(void)state;
	fs_fail(&s_connect, EINPROGRESS);
	fs_push(&s_poll, 1, 0, 0);
	fs_fail(&s_getsockopt, ENOTSOCK);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
	                 TCAS_E_NET_IO);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		reset();
		fs_fail(&s_connect, EINPROGRESS);
		fs_push(&s_poll, 1, 0, 0);
		fs_push(&s_getsockopt, 0, 0, v[i].err);
		assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
		                 v[i].rc);
		assert_int_equal(px.fd, -1);
		assert_sockets_closed(1);
	}
}

/* Two addresses: a refusal moves on to the next one; a timeout on the
 * first spends the budget, and the second is then not tried. */
static void test_connect_two_addresses(void **state)
{
	(void)state;
	fs_fail(&s_connect, ECONNREFUSED);
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000), TCAS_OK);
	assert_int_equal(s_socket.calls, 2);
	assert_true(px.fd >= 0);
	assert_int_equal(n_close, 1);
	port.close(port.ctx);

	reset();
	fs_fail(&s_socket, EMFILE);
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000), TCAS_OK);
	assert_int_equal(s_socket.calls, 2);
	assert_int_equal(s_connect.calls, 1);
	port.close(port.ctx);

	reset();
	fake_clock = 1;
	fake_now = 1000;
	fs_fail(&s_connect, EINPROGRESS);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 300),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(s_socket.calls, 1);
	assert_int_equal(s_connect.calls, 1);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);
}

/* A new connect closes the open connection first. */
static void test_connect_closes_previous(void **state)
{
	(void)state;
	fake_connection();
	fs_fail(&s_connect, ECONNREFUSED);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
	                 TCAS_E_NET_CONNECT);
	assert_int_equal(px.fd, -1);
	assert_int_equal(n_close, 2); /* the old connection, the new socket */
}

/* ---- send ---------------------------------------------------------------- */

static void test_send_closed(void **state)
{
	const uint8_t b[1] = {0};

	(void)state;
	assert_int_equal(port.send(port.ctx, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(port.send(NULL, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(s_send.calls, 0);
}

/* A full send buffer (EAGAIN) waits for POLLOUT, an interrupted send is
 * retried, and a short write is returned as such. SIGPIPE is never
 * raised (MSG_NOSIGNAL where it exists). */
static void test_send_full_buffer(void **state)
{
	uint8_t b[100];

	(void)state;
	memset(b, 'x', sizeof b);
	fake_connection();
	fs_fail(&s_send, EAGAIN);
	fs_push(&s_poll, 1, 0, 0);
	fs_fail(&s_send, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_send, 37, 0, 0);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 1000), 37);
	assert_int_equal(s_send.calls, 3);
	assert_int_equal(s_poll.calls, 2); /* after EAGAIN and EINTR */
#ifdef MSG_NOSIGNAL
	assert_true(send_flags & MSG_NOSIGNAL);
#endif
}

/* The POLLOUT wait timing out or failing, and send() errors. */
static void test_send_errors(void **state)
{
	uint8_t b[10] = {0};

	(void)state;
	fake_connection();
	fs_fail(&s_send, EWOULDBLOCK);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout >= 0 && poll_timeout <= 100, 1);

	reset();
	fs_fail(&s_send, EAGAIN);
	fs_fail(&s_poll, EINTR);
	fs_fail(&s_poll, EBADF);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	assert_int_equal(s_poll.calls, 2);

	reset();
	fs_fail(&s_send, EPIPE);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	reset();
	fs_fail(&s_send, ECONNRESET);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	assert_int_equal(s_poll.calls, 0);
	/* the connection stays the caller's to close */
	assert_true(px.fd >= 0);
}

/* A timeout of 0 does not wait: poll() is asked for 0 ms. */
static void test_send_timeout_zero(void **state)
{
	uint8_t b[10] = {0};

	(void)state;
	fake_connection();
	fs_fail(&s_send, EAGAIN);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 0),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout, 0);
}

/* ---- recv ---------------------------------------------------------------- */

static void test_recv_closed(void **state)
{
	uint8_t b[1];

	(void)state;
	assert_int_equal(port.recv(port.ctx, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(port.recv(NULL, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(s_recv.calls, 0);
}

/* Nothing yet (EAGAIN) waits for POLLIN, interrupted calls are retried,
 * and the bytes of a short read are returned. */
static void test_recv_waits(void **state)
{
	uint8_t b[16];

	(void)state;
	memset(b, 0, sizeof b);
	fake_connection();
	fs_fail(&s_recv, EAGAIN);
	fs_fail(&s_poll, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_fail(&s_recv, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_recv, 5, 0, 'r');
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 1000), 5);
	assert_memory_equal(b, "rrrrr\0", 6);
	assert_int_equal(s_recv.calls, 3);
	assert_int_equal(s_poll.calls, 3);
}

/* recv() errors; 0 is the peer's orderly close; the wait timing out. */
static void test_recv_errors(void **state)
{
	uint8_t b[16];

	(void)state;
	fake_connection();
	fs_fail(&s_recv, ECONNRESET);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	reset();
	fs_fail(&s_recv,
	        ETIMEDOUT); /* keep-alive gave up: still an I/O error */
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	reset();
	fs_push(&s_recv, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), 0);
	reset();
	fake_clock = 1;
	fake_now = 10;
	fs_fail(&s_recv, EAGAIN);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout, 100);
	reset();
	fs_fail(&s_recv, EAGAIN);
	fs_fail(&s_poll, EFAULT);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	assert_int_equal(s_recv.calls, 1);
	assert_true(px.fd >= 0);
}

/* The real socket pair: the peer closed, so recv() reads 0 (no fault). */
static void test_recv_real_eof(void **state)
{
	uint8_t b[4];

	(void)state;
	fake_connection();
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), 0);
}

/* ---- random -------------------------------------------------------------- */

static int all_bytes(const uint8_t *b, size_t len, uint8_t v)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (b[i] != v) {
			return 0;
		}
	}
	return 1;
}

static void test_random_null(void **state)
{
	(void)state;
	assert_int_equal(port.random(port.ctx, NULL, 4), TCAS_E_NET_RANDOM);
	assert_int_equal(s_getrandom.calls, 0);
}

/* getrandom() interrupted, then short reads: the buffer is filled in
 * pieces, no fallback. */
static void test_getrandom_pieces(void **state)
{
	uint8_t b[32];

	(void)state;
	memset(b, 0, sizeof b);
	fs_fail(&s_getrandom, EINTR);
	fs_push(&s_getrandom, 10, 0, 0x11);
	fs_fail(&s_getrandom, EINTR);
	fs_push(&s_getrandom, 100, 0, 0x22);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_OK);
	assert_true(all_bytes(b, 10, 0x11));
	assert_true(all_bytes(b + 10, 22, 0x22));
	assert_int_equal(s_getrandom.calls, 4);
	assert_int_equal(s_open.calls, 0);
}

/* getrandom() missing (old kernel: ENOSYS) or returning 0: the whole
 * buffer comes from /dev/urandom, whose read() may be interrupted and
 * short. */
static void test_urandom_fallback(void **state)
{
	uint8_t b[32];

	(void)state;
	memset(b, 0, sizeof b);
	fs_push(&s_getrandom, 7, 0, 0x11);
	fs_fail(&s_getrandom, ENOSYS);
	fs_fail(&s_read, EINTR);
	fs_push(&s_read, 12, 0, 0x33);
	fs_push(&s_read, 100, 0, 0x44);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_OK);
	assert_string_equal(open_path, "/dev/urandom");
	assert_true(all_bytes(b, 12, 0x33)); /* refilled from the start */
	assert_true(all_bytes(b + 12, 20, 0x44));
	assert_int_equal(s_read.calls, 3);
	assert_int_equal(n_close, 1);

	reset();
	memset(b, 0, sizeof b);
	fs_push(&s_getrandom, 0, 0, 0);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_OK);
	assert_int_equal(s_getrandom.calls, 1);
	assert_int_equal(s_read.calls, 1); /* the real /dev/urandom */
	assert_false(all_bytes(b, sizeof b, 0));
	assert_int_equal(n_close, 1);
}

/* No randomness at all: /dev/urandom cannot be opened, ends early, or
 * fails to read. */
static void test_urandom_fails(void **state)
{
	uint8_t b[32];

	(void)state;
	fs_fail(&s_getrandom, ENOSYS);
	fs_fail(&s_open, ENOENT);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_E_NET_RANDOM);
	assert_int_equal(n_close, 0);

	reset();
	fs_fail(&s_getrandom, ENOSYS);
	fs_push(&s_read, 31, 0, 0x55);
	fs_push(&s_read, 0, 0, 0);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_E_NET_RANDOM);
	assert_int_equal(n_close, 1);

	reset();
	fs_fail(&s_getrandom, EFAULT);
	fs_fail(&s_read, EIO);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_E_NET_RANDOM);
	assert_int_equal(s_read.calls, 1);
	assert_int_equal(n_close, 1);
}

/* ---- sleep, init --------------------------------------------------------- */

/* An interrupted sleep goes on with the time left, not from the start;
 * another failure ends it. */
static void test_sleep_resumes(void **state)
{
	(void)state;
	fs_push(&s_nanosleep, -1, EINTR, 2);
	port.sleep_ms(port.ctx, 1500);
	assert_int_equal(s_nanosleep.calls, 2);
	assert_int_equal(sleep_req[0].tv_sec, 1);
	assert_int_equal(sleep_req[0].tv_nsec, 500000000L);
	assert_int_equal(sleep_req[1].tv_sec, 0);
	assert_int_equal(sleep_req[1].tv_nsec, 2000000L);

	reset();
	fs_fail(&s_nanosleep, EINVAL);
	port.sleep_ms(port.ctx, 1500);
	assert_int_equal(s_nanosleep.calls, 1);
}

/* connect/close on a NULL context. */
static void test_null_context(void **state)
{
	(void)state;
	assert_int_equal(port.connect(NULL, "127.0.0.1", 9, 1000), TCAS_E_ARG);
	port.close(NULL);
	assert_int_equal(s_socket.calls, 0);
	assert_int_equal(n_close, 0);
}

/* A budget over INT32_MAX ms (about 24.8 days) waits INT32_MAX, never a
 * negative poll() timeout, which would mean "forever". */
static void test_huge_timeout(void **state)
{
	uint8_t b[4];

	(void)state;
	fake_clock = 1;
	fake_now = 1;
	fake_connection();
	fs_fail(&s_recv, EAGAIN);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, UINT32_MAX),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(s_poll.calls, 1);
	assert_int_equal(poll_timeout, INT32_MAX);
}

/* ---- CA file ------------------------------------------------------------- */

static br_x509_trust_anchor ta[2];
static unsigned char arena[1024];

/* An interrupted read() is retried; another failure, at the start or
 * after a first chunk, is TCAS_E_TLS_PEM. */
static void test_ca_file_read(void **state)
{
	tcas_trust t;

	(void)state;
	tcas_trust_init(&t, ta, 2, arena, sizeof arena);
	fs_fail(&s_read, EINTR);
	assert_int_equal(tcas_posix_load_ca_file(&t, ca), TCAS_OK);
	assert_int_equal(t.count, 1);
	assert_int_equal(s_read.calls, 4); /* EINTR, 512, 71, end of file */

	reset();
	tcas_trust_init(&t, ta, 2, arena, sizeof arena);
	fs_fail(&s_read, EIO);
	assert_int_equal(tcas_posix_load_ca_file(&t, ca), TCAS_E_TLS_PEM);
	assert_int_equal(s_read.calls, 1);

	reset();
	tcas_trust_init(&t, ta, 2, arena, sizeof arena);
	fs_push(&s_read, FS_REAL, 0, 0);
	fs_fail(&s_read, EIO);
	assert_int_equal(tcas_posix_load_ca_file(&t, ca), TCAS_E_TLS_PEM);
	assert_int_equal(s_read.calls, 2);
	assert_int_equal(t.count, 0);
}

static void test_init_null(void **state)
{
	tcas_posix c;
	tcas_port p;

	(void)state;
	memset(&c, 0x5a, sizeof c);
	memset(&p, 0x5a, sizeof p);
	tcas_posix_init(NULL, &p);
	tcas_posix_init(&c, NULL);
	tcas_posix_init(NULL, NULL);
	assert_true(all_bytes((const uint8_t *)&c, sizeof c, 0x5a));
	assert_true(all_bytes((const uint8_t *)&p, sizeof p, 0x5a));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_mono_clock_fails),
	    T(test_recv_budget_without_clock),
	    T(test_socket_fails),
	    T(test_fcntl_fails),
	    T(test_socket_flags),
	    T(test_connect_socket_fails),
	    T(test_connect_at_once),
	    T(test_connect_fails_at_once),
	    T(test_connect_eintr),
	    T(test_connect_wait),
	    T(test_connect_so_error),
	    T(test_connect_two_addresses),
	    T(test_connect_closes_previous),
	    T(test_send_closed),
	    T(test_send_full_buffer),
	    T(test_send_errors),
	    T(test_send_timeout_zero),
	    T(test_recv_closed),
	    T(test_recv_waits),
	    T(test_recv_errors),
	    T(test_recv_real_eof),
	    T(test_random_null),
	    T(test_getrandom_pieces),
	    T(test_urandom_fallback),
	    T(test_urandom_fails),
	    T(test_sleep_resumes),
	    T(test_null_context),
	    T(test_huge_timeout),
	    T(test_ca_file_read),
	    T(test_init_null),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
