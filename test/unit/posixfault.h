/* posixfault.h - the harness of the POSIX port's fault tests
 * (test_posix_fault, test_posix_io_fault): each of them includes it once,
 * as it defines the --wrap functions and their state.
 *
 * The POSIX port (port/posix/port_posix.c) under operating-system
 * failures. Linked with -Wl,--wrap=SYMBOL for the libc calls the port
 * makes (test/fault.mk): each __wrap_X below first takes the next entry of
 * X's fault script (fail with an errno, return a chosen count or value)
 * and calls the real libc function once the script is empty. Real sockets
 * are still created, so closing them is real; no byte leaves the host.
 *
 * Every test starts with empty scripts (reset()), and the scripts are
 * empty again at exit, so the gcov runtime (which also calls open/fcntl/
 * read/close) always reaches libc. */
#ifndef TCAS_TEST_POSIXFAULT_H
#define TCAS_TEST_POSIXFAULT_H
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
    s_getsockopt, s_setsockopt, s_clock, s_getrandom, s_open, s_read,
    s_nanosleep;
static int fds[16], n_fds;           /* sockets and /dev/urandom opened since
                                        reset() and still open */
static int n_close;                  /* close() of those since reset() */
static int poll_timeout;             /* timeout of the last poll() */
static int send_flags;               /* flags of the last send() */
static int recv_flags;               /* flags of the last recv() */
static char open_path[64];           /* path of the last open() */
static struct timespec sleep_req[4]; /* what each nanosleep() was asked */
static int fake_clock;               /* 1: CLOCK_MONOTONIC reads fake_now */
static uint64_t fake_now;            /* ms; a poll() scripted to time out adds
                                        its timeout, as a real one would */

static inline void reset(void)
{
	script *all[] = {&s_socket,    &s_fcntl, &s_connect,    &s_poll,
	                 &s_send,      &s_recv,  &s_getsockopt, &s_clock,
	                 &s_getrandom, &s_open,  &s_read,       &s_nanosleep,
	                 &s_setsockopt};
	size_t i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		memset(all[i], 0, sizeof *all[i]);
	}
	n_close = 0;
	n_fds = 0;
	poll_timeout = -2;
	send_flags = 0;
	recv_flags = 0;
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
int __real_setsockopt(int, int, int, const void *, socklen_t);
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
int __wrap_setsockopt(int, int, int, const void *, socklen_t);
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
static inline int fcntl_via(int (*real)(int, int, ...), int fd, int cmd,
                            va_list ap)
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
static inline ssize_t fill(const fault *f, void *buf, size_t len)
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

	recv_flags = flags;
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

/* Only SO_RCVTIMEO is scripted (the port's blocking first read); every
 * other option (TCP_NODELAY) goes to the real call. */
int __wrap_setsockopt(int fd, int level, int name, const void *val,
                      socklen_t len)
{
	const fault *f;

	if (level != SOL_SOCKET || name != SO_RCVTIMEO) {
		return __real_setsockopt(fd, level, name, val, len);
	}
	f = fs_next(&s_setsockopt);
	if (f == NULL) {
		return __real_setsockopt(fd, level, name, val, len);
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
static inline int open_via(int (*real)(const char *, int, ...),
                           const char *path, int flags, va_list ap)
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
static inline int group_setup(void **state)
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

static inline int group_teardown(void **state)
{
	(void)state;
	unlink(hosts);
	unlink(ca);
	rmdir(dir);
	reset();
	return 0;
}

static inline int setup(void **state)
{
	(void)state;
	reset();
	tcas_posix_init(&px, &port);
	tcas_posix_set_resolver(&px, hosts, "/nonexistent/resolv.conf");
	return 0;
}

static inline int teardown(void **state)
{
	(void)state;
	reset();
	port.close(port.ctx);
	return 0;
}

/* A context "connected" over one end of a socket pair, so that the send/
 * recv tests run on a real descriptor; the other end is closed. */
static inline void fake_connection(void)
{
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	__real_close(sv[1]);
	px.fd = sv[0];
	fds[n_fds++] = sv[0];
}

/* Every socket the port made has been closed again (no leak). */
static inline void assert_sockets_closed(int opened)
{
	assert_int_equal(n_close, opened);
}

/* Are all len bytes at b equal to v? */
static inline int all_bytes(const uint8_t *b, size_t len, uint8_t v)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (b[i] != v) {
			return 0;
		}
	}
	return 1;
}

/* A test with the per-test setup and teardown above. */
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

#endif /* TCAS_TEST_POSIXFAULT_H */
