/* The tcas_port over POSIX sockets; contract in tcas/port_posix.h. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* syscall(), for getrandom(2) */
#endif
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

#include "posix_inner.h"
#include "tcas/error.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* macOS: SO_NOSIGPIPE is set on the socket */
#endif

uint64_t tcas_posix_mono(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0;
	}
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint32_t left_ms(uint64_t deadline)
{
	uint64_t now = tcas_posix_mono();

	return now >= deadline ? 0 : (uint32_t)(deadline - now);
}

/* Wait for events on fd until deadline. 1 ready, 0 timeout, -1 error. */
static int wait_fd(int fd, short events, uint64_t deadline)
{
	for (;;) {
		struct pollfd p;
		uint32_t left = left_ms(deadline);
		int n;

		p.fd = fd;
		p.events = events;
		p.revents = 0;
		n = poll(&p, 1, left > INT32_MAX ? INT32_MAX : (int)left);
		if (n > 0) {
			return 1;
		}
		if (n == 0) {
			return 0;
		}
		if (errno != EINTR) {
			return -1;
		}
	}
}

static int map_errno(int e)
{
	switch (e) {
	case ECONNREFUSED:
	case ENETUNREACH:
	case EHOSTUNREACH:
	case EADDRNOTAVAIL:
	case EAFNOSUPPORT:
	case ENETDOWN:
		return TCAS_E_NET_CONNECT;
	case ETIMEDOUT:
		return TCAS_E_NET_TIMEOUT;
	default:
		return TCAS_E_NET_IO;
	}
}

static void sock_close(tcas_posix *c)
{
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
	c->awaiting = 0;
	c->blocking = 0;
}

int tcas_posix_socket(int family, int type)
{
	int fd = socket(family, type, 0);
	int fl;

	if (fd < 0) {
		return -1;
	}
	fl = fcntl(fd, F_GETFL, 0);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int sock_open(int family)
{
	int fd = tcas_posix_socket(family, SOCK_STREAM);

	if (fd < 0) {
		return -1;
	}
	{
		/* A request goes out as head + body (two TLS records): do not
		 * let Nagle hold the second back for the peer's delayed ACK. */
		int one = 1;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		                 sizeof one);
#ifdef SO_NOSIGPIPE
		(void)setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one,
		                 sizeof one);
#endif
	}
	return fd;
}

#ifdef MSG_DONTWAIT
/* A connected socket whose first read after a send may block: a blocking
 * recv() with a receive timeout of RECV_SLICE_MS is one system call where
 * poll() then recv() were two (tcas_posix.blocking). Every other read and
 * every send passes MSG_DONTWAIT and waits in poll() as before, so no wait
 * outlives its deadline: the blocking read is tried only when the time
 * left is at least the slice, and after the slice the rest of the wait is
 * poll()'s. 1 when the socket is set so, 0 (still non-blocking) if not. */
#define RECV_SLICE_MS 200
static int reads_may_block(int fd)
{
	struct timeval tv;
	int fl;

	tv.tv_sec = 0;
	tv.tv_usec = RECV_SLICE_MS * 1000;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) {
		return 0;
	}
	fl = fcntl(fd, F_GETFL, 0);
	return fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0;
}
#define DONTWAIT MSG_DONTWAIT
#else
#define RECV_SLICE_MS 0
static int reads_may_block(int fd)
{
	(void)fd;
	return 0;
}
#define DONTWAIT      0
#endif

/* Connect fd to one address. TCAS_OK or a TCAS_E_NET_* code. */
static int try_addr(int fd, const tcas_posix_sa *a, uint64_t deadline)
{
	int soerr = 0, r;
	socklen_t sl = sizeof soerr;

	if (connect(fd, &a->sa, (socklen_t)tcas_posix_sa_len(a)) == 0) {
		return TCAS_OK;
	}
	if (errno != EINPROGRESS && errno != EINTR) {
		return map_errno(errno);
	}
	r = wait_fd(fd, POLLOUT, deadline);
	if (r <= 0) {
		return r == 0 ? TCAS_E_NET_TIMEOUT : TCAS_E_NET_IO;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0) {
		return TCAS_E_NET_IO;
	}
	return soerr == 0 ? TCAS_OK : map_errno(soerr);
}

/* Try every address until one connects or the deadline passes. */
static int connect_list(tcas_posix *c, const tcas_posix_addrs *l,
                        uint64_t deadline)
{
	int rc = TCAS_E_NET_IO;
	size_t i;

	for (i = 0; i < l->n; i++) {
		int fd, r;

		if (i > 0 && left_ms(deadline) == 0) {
			return TCAS_E_NET_TIMEOUT;
		}
		fd = sock_open(l->a[i].sa.sa_family);
		r = fd < 0 ? map_errno(errno)
		           : try_addr(fd, &l->a[i], deadline);
		if (r == TCAS_OK) {
			c->fd = fd;
			c->blocking = reads_may_block(fd);
			return TCAS_OK;
		}
		if (fd >= 0) {
			close(fd);
		}
		/* A bare I/O error on a later address (an errno the port does
		 * not map) does not hide what an earlier one said: "localhost"
		 * refused on 127.0.0.1 stays refused whatever ::1 answers. */
		if (i == 0 || r != TCAS_E_NET_IO) {
			rc = r;
		}
	}
	return l->n == 0 ? TCAS_E_NET_CONNECT : rc;
}

static int posix_connect(void *ctx, const char *host, uint16_t port,
                         uint32_t timeout_ms)
{
	tcas_posix *c = ctx;
	tcas_posix_addrs addrs;
	uint64_t deadline = tcas_posix_mono() + timeout_ms;
	int rc;

	if (c == NULL || host == NULL || host[0] == '\0' || port == 0) {
		return TCAS_E_ARG;
	}
	sock_close(c);
	rc = tcas_posix_resolve(c, host, port, deadline, &addrs);
	return rc != TCAS_OK ? rc : connect_list(c, &addrs, deadline);
}

/* One send (dir POLLOUT) or recv (POLLIN) on the connection, waiting up
 * to timeout_ms for the socket to be ready: the bytes moved, 0 when the
 * peer closed (recv), or an error. */
static long transfer(tcas_posix *c, short dir, uint8_t *buf, size_t len,
                     uint32_t timeout_ms)
{
	uint64_t deadline = tcas_posix_mono() + timeout_ms;

	if (c == NULL || c->fd < 0) {
		return TCAS_E_NET_CLOSED;
	}
	if (dir == POLLIN && c->awaiting && c->blocking &&
	    timeout_ms >= RECV_SLICE_MS) {
		/* the first read after a send, on a socket whose reads may
		 * block: wait in recv() itself, for one slice at most */
		ssize_t n = recv(c->fd, buf, len, 0);

		if (n >= 0) {
			c->awaiting = 0;
			return (long)n;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			return TCAS_E_NET_IO;
		}
	} else if (dir == POLLIN && c->awaiting && timeout_ms > 0) {
		/* the first read after a send: the answer is hardly ever
		 * there yet (it is a network round trip away), so wait
		 * first instead of a recv() that would fail with EAGAIN */
		int r = wait_fd(c->fd, POLLIN, deadline);

		if (r <= 0) {
			return r == 0 ? TCAS_E_NET_TIMEOUT : TCAS_E_NET_IO;
		}
	}
	for (;;) {
		ssize_t n = dir == POLLOUT
		                ? send(c->fd, buf, len, MSG_NOSIGNAL | DONTWAIT)
		                : recv(c->fd, buf, len, DONTWAIT);
		int r;

		if (n >= 0) {
			c->awaiting = dir == POLLOUT;
			return (long)n;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			return TCAS_E_NET_IO;
		}
		if (timeout_ms == 0) {
			/* a zero wait (the client's check of a kept connection
			 * before each call): the socket just said it is not
			 * ready, and a poll() would only say it again */
			if (errno == EINTR) {
				continue;
			}
			return TCAS_E_NET_TIMEOUT;
		}
		r = wait_fd(c->fd, dir, deadline);
		if (r <= 0) {
			return r == 0 ? TCAS_E_NET_TIMEOUT : TCAS_E_NET_IO;
		}
	}
}

static long posix_send(void *ctx, const uint8_t *buf, size_t len,
                       uint32_t timeout_ms)
{
	union {
		const uint8_t *c;
		uint8_t *m;
	} u; /* send() takes const; transfer() is shared with recv */

	u.c = buf;
	return transfer(ctx, POLLOUT, u.m, len, timeout_ms);
}

static long posix_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	return transfer(ctx, POLLIN, buf, len, timeout_ms);
}

static void posix_port_close(void *ctx)
{
	if (ctx != NULL) {
		sock_close(ctx);
	}
}

static int64_t posix_wall_time(void *ctx)
{
	(void)ctx;
	return (int64_t)time(NULL);
}

static uint64_t posix_mono_ms(void *ctx)
{
	(void)ctx;
	return tcas_posix_mono();
}

/* Fill buf from /dev/urandom. */
static int urandom(uint8_t *buf, size_t len)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t off = 0;

	if (fd < 0) {
		return TCAS_E_NET_RANDOM;
	}
	while (off < len) {
		ssize_t n = read(fd, buf + off, len - off);

		if (n > 0) {
			off += (size_t)n;
		} else if (n == 0 || errno != EINTR) {
			break;
		}
	}
	close(fd);
	return off == len ? TCAS_OK : TCAS_E_NET_RANDOM;
}

int tcas_posix_random_fill(uint8_t *buf, size_t len)
{
	if (buf == NULL) {
		return TCAS_E_NET_RANDOM;
	}
#if defined(__linux__) && defined(SYS_getrandom)
	/* getrandom(2) through syscall(): no feature macro needed, and it
	 * blocks only until the kernel pool is first initialised. */
	{
		size_t off = 0;

		while (off < len) {
			long n =
			    syscall(SYS_getrandom, buf + off, len - off, 0);

			if (n > 0) {
				off += (size_t)n;
			} else if (n == 0 || errno != EINTR) {
				return urandom(buf, len);
			}
		}
		return TCAS_OK;
	}
#else
	return urandom(buf, len);
#endif
}

static int posix_random(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	return tcas_posix_random_fill(buf, len);
}

static void posix_sleep_ms(void *ctx, uint32_t ms)
{
	struct timespec ts;

	(void)ctx;
	ts.tv_sec = (time_t)(ms / 1000u);
	ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

void tcas_posix_init(tcas_posix *ctx, tcas_port *port)
{
	if (ctx == NULL || port == NULL) {
		return;
	}
	ctx->fd = -1;
	ctx->hosts_path = NULL;
	ctx->resolv_path = NULL;
	ctx->dns_port = 53;
	ctx->use_getaddrinfo = 0;
	ctx->awaiting = 0;
	ctx->blocking = 0;
	port->ctx = ctx;
	port->connect = posix_connect;
	port->send = posix_send;
	port->recv = posix_recv;
	port->close = posix_port_close;
	port->wall_time = posix_wall_time;
	port->mono_ms = posix_mono_ms;
	port->random = posix_random;
	port->sleep_ms = posix_sleep_ms;
}

int tcas_posix_set_resolver(tcas_posix *ctx, const char *hosts_path,
                            const char *resolv_path)
{
	if (ctx == NULL) {
		return TCAS_E_ARG;
	}
	ctx->hosts_path = hosts_path;
	ctx->resolv_path = resolv_path;
	return TCAS_OK;
}

int tcas_posix_use_getaddrinfo(tcas_posix *ctx, int on)
{
	if (ctx == NULL) {
		return TCAS_E_ARG;
	}
#if !TCAS_WITH_GETADDRINFO
	if (on) {
		return TCAS_E_UNSUPPORTED;
	}
#endif
	ctx->use_getaddrinfo = on != 0;
	return TCAS_OK;
}

/* Open a CA file for reading: never blocks (O_NONBLOCK, so a FIFO or a
 * device does not hang open()) and takes regular files only. */
static int open_ca_file(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read up to len bytes (EINTR retried): the count, 0 at the end, -1. */
static ssize_t read_some(int fd, void *buf, size_t len)
{
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n;
}

int tcas_posix_load_ca_file(tcas_trust *t, const char *path)
{
	char buf[512];
	int fd, rc = TCAS_OK;

	if (t == NULL || path == NULL) {
		return TCAS_E_ARG;
	}
	fd = open_ca_file(path);
	if (fd < 0) {
		return TCAS_E_TLS_PEM;
	}
	while (rc == TCAS_OK) {
		ssize_t n = read_some(fd, buf, sizeof buf);

		if (n == 0) {
			break;
		}
		rc = n < 0 ? TCAS_E_TLS_PEM
		           : tcas_trust_push_pem(t, buf, (size_t)n);
	}
	close(fd);
	return rc == TCAS_OK ? tcas_trust_finish(t) : rc;
}

/* tcas_trust_read_fn over a descriptor kept open. */
static long ca_pread(long handle, uint64_t off, void *buf, size_t len)
{
	ssize_t n;

	if (off > (uint64_t)INT64_MAX) {
		return -1;
	}
	do {
		n = pread((int)handle, buf, len, (off_t)off);
	} while (n < 0 && errno == EINTR);
	return (long)n;
}

int tcas_posix_index_ca_file(tcas_trust *t, const char *path)
{
	char buf[4096];
	int fd, rc;

	if (t == NULL || path == NULL) {
		return TCAS_E_ARG;
	}
	fd = open_ca_file(path);
	if (fd < 0) {
		return TCAS_E_TLS_PEM;
	}
	rc = tcas_trust_index_begin(t, ca_pread, fd);
	while (rc == TCAS_OK) {
		ssize_t n = read_some(fd, buf, sizeof buf);

		if (n == 0) {
			break;
		}
		rc = n < 0 ? TCAS_E_TLS_PEM
		           : tcas_trust_index_push(t, buf, (size_t)n);
	}
	if (rc == TCAS_OK) {
		rc = tcas_trust_index_finish(t);
	}
	if (rc != TCAS_OK &&
	    (t->nsrc == 0 || t->src_handle[t->nsrc - 1] != fd)) {
		close(fd); /* not kept as a source */
	}
	return rc;
}

void tcas_posix_close_ca_files(tcas_trust *t)
{
	size_t i;

	if (t == NULL) {
		return;
	}
	for (i = 0; i < t->nsrc; i++) {
		if (t->src_read[i] == ca_pread) {
			close((int)t->src_handle[i]);
			t->src_read[i] = NULL;
		}
	}
}
