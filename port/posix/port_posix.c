/* The tcas_port over POSIX sockets; contract in tcas/port_posix.h. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* syscall(), for getrandom(2) */
#endif
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

#include "tcas/error.h"
#include "tcas/port_posix.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* macOS: SO_NOSIGPIPE is set on the socket */
#endif

static uint64_t
mono_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0;
	}
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint32_t
left_ms(uint64_t deadline)
{
	uint64_t now = mono_now();

	return now >= deadline ? 0 : (uint32_t)(deadline - now);
}

/* Wait for events on fd until deadline. 1 ready, 0 timeout, -1 error. */
static int
wait_fd(int fd, short events, uint64_t deadline)
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

static int
map_errno(int e)
{
	switch (e) {
	case ECONNREFUSED:
	case ENETUNREACH:
	case EHOSTUNREACH:
	case EADDRNOTAVAIL:
	case EAFNOSUPPORT:
		return TCAS_E_NET_CONNECT;
	case ETIMEDOUT:
		return TCAS_E_NET_TIMEOUT;
	default:
		return TCAS_E_NET_IO;
	}
}

static void
sock_close(tcas_posix *c)
{
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
}

static int
sock_open(const struct addrinfo *ai)
{
	int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	int fl;

	if (fd < 0) {
		return -1;
	}
	fl = fcntl(fd, F_GETFL, 0);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0
	    || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
		close(fd);
		return -1;
	}
	{
		/* A request goes out as head + body (two TLS records): do not
		 * let Nagle hold the second back for the peer's delayed ACK. */
		int one = 1;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
		(void)setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
	}
	return fd;
}

/* Connect fd to one address. TCAS_OK or a TCAS_E_NET_* code. */
static int
try_addr(int fd, const struct addrinfo *ai, uint64_t deadline)
{
	int soerr = 0, r;
	socklen_t sl = sizeof soerr;

	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
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
static int
connect_list(tcas_posix *c, const struct addrinfo *list, uint64_t deadline)
{
	const struct addrinfo *ai;
	int rc = TCAS_E_NET_CONNECT;

	for (ai = list; ai != NULL; ai = ai->ai_next) {
		int fd;

		if (ai != list && left_ms(deadline) == 0) {
			return TCAS_E_NET_TIMEOUT;
		}
		fd = sock_open(ai);
		if (fd < 0) {
			rc = map_errno(errno);
			continue;
		}
		rc = try_addr(fd, ai, deadline);
		if (rc == TCAS_OK) {
			c->fd = fd;
			return TCAS_OK;
		}
		close(fd);
	}
	return rc;
}

/* Decimal text of port in serv (no snprintf: static builds then link no
 * printf code). Returns the start of the text. */
static const char *
port_text(char serv[8], unsigned port)
{
	char *p = serv + 7;

	*p = '\0';
	do {
		*--p = (char)('0' + port % 10);
		port /= 10;
	} while (port != 0);
	return p;
}

static int
posix_connect(void *ctx, const char *host, uint16_t port,
              uint32_t timeout_ms)
{
	tcas_posix *c = ctx;
	struct addrinfo hints, *list = NULL;
	char serv[8];
	uint64_t deadline = mono_now() + timeout_ms;
	int rc;

	if (c == NULL || host == NULL || host[0] == '\0' || port == 0) {
		return TCAS_E_ARG;
	}
	sock_close(c);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (getaddrinfo(host, port_text(serv, port), &hints, &list) != 0 ||
	    list == NULL) {
		return TCAS_E_NET_RESOLVE;
	}
	rc = connect_list(c, list, deadline);
	freeaddrinfo(list);
	return rc;
}

static long
posix_send(void *ctx, const uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	tcas_posix *c = ctx;
	uint64_t deadline = mono_now() + timeout_ms;

	if (c == NULL || c->fd < 0) {
		return TCAS_E_NET_CLOSED;
	}
	for (;;) {
		ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
		int r;

		if (n >= 0) {
			return (long)n;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			return TCAS_E_NET_IO;
		}
		r = wait_fd(c->fd, POLLOUT, deadline);
		if (r <= 0) {
			return r == 0 ? TCAS_E_NET_TIMEOUT : TCAS_E_NET_IO;
		}
	}
}

static long
posix_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	tcas_posix *c = ctx;
	uint64_t deadline = mono_now() + timeout_ms;

	if (c == NULL || c->fd < 0) {
		return TCAS_E_NET_CLOSED;
	}
	for (;;) {
		ssize_t n = recv(c->fd, buf, len, 0);
		int r;

		if (n >= 0) {
			return (long)n;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			return TCAS_E_NET_IO;
		}
		r = wait_fd(c->fd, POLLIN, deadline);
		if (r <= 0) {
			return r == 0 ? TCAS_E_NET_TIMEOUT : TCAS_E_NET_IO;
		}
	}
}

static void
posix_port_close(void *ctx)
{
	if (ctx != NULL) {
		sock_close(ctx);
	}
}

static int64_t
posix_wall_time(void *ctx)
{
	(void)ctx;
	return (int64_t)time(NULL);
}

static uint64_t
posix_mono_ms(void *ctx)
{
	(void)ctx;
	return mono_now();
}

/* Fill buf from /dev/urandom. */
static int
urandom(uint8_t *buf, size_t len)
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

static int
posix_random(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	if (buf == NULL) {
		return TCAS_E_NET_RANDOM;
	}
#if defined(__linux__) && defined(SYS_getrandom)
	/* getrandom(2) through syscall(): no feature macro needed, and it
	 * blocks only until the kernel pool is first initialised. */
	{
		size_t off = 0;

		while (off < len) {
			long n = syscall(SYS_getrandom, buf + off, len - off, 0);

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

static void
posix_sleep_ms(void *ctx, uint32_t ms)
{
	struct timespec ts;

	(void)ctx;
	ts.tv_sec = (time_t)(ms / 1000u);
	ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

void
tcas_posix_init(tcas_posix *ctx, tcas_port *port)
{
	if (ctx == NULL || port == NULL) {
		return;
	}
	ctx->fd = -1;
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

int
tcas_posix_load_ca_file(tcas_trust *t, const char *path)
{
	char buf[512];
	int fd, rc = TCAS_OK;

	if (t == NULL || path == NULL) {
		return TCAS_E_ARG;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return TCAS_E_TLS_PEM;
	}
	while (rc == TCAS_OK) {
		ssize_t n = read(fd, buf, sizeof buf);

		if (n == 0) {
			break;
		}
		if (n < 0) {
			rc = errno == EINTR ? TCAS_OK : TCAS_E_TLS_PEM;
			continue;
		}
		rc = tcas_trust_push_pem(t, buf, (size_t)n);
	}
	close(fd);
	return rc == TCAS_OK ? tcas_trust_finish(t) : rc;
}
