/* The tcas_port over lwIP's sockets API; contract in tcas/port_lwip.h. */
#include "lwip/opt.h"

#if LWIP_SOCKET && !NO_SYS

#include "lwip/sockets.h"
#include "lwip/api.h"
#include "lwip/sys.h"

#include "lwip_inner.h"

#if !LWIP_SOCKET_POLL
#error "port_lwip_sock.c needs LWIP_SOCKET_POLL=1 (lwip_poll)"
#endif

#define WAIT_SLICE_MS 1000 /* lwip_poll() takes an int timeout */

#ifndef TCP_NODELAY
#define TCP_NODELAY 0x01 /* lwIP's value; also Linux's and the BSDs' */
#endif

static int map_errno(int e)
{
	switch (e) {
	case ECONNREFUSED:
	case ECONNRESET:
	case ENETUNREACH:
	case EHOSTUNREACH:
	case ECONNABORTED:
		return TCAS_E_NET_CONNECT;
	case ETIMEDOUT:
		return TCAS_E_NET_TIMEOUT;
	default:
		return TCAS_E_NET_IO;
	}
}

/* Wait for events on c->fd until deadline. 1 ready, 0 timeout, -1 error. */
static int wait_fd(tcas_lwip_sock *c, short events, uint64_t deadline)
{
	for (;;) {
		struct pollfd p;
		uint32_t left = tcas_lwip_left(&c->clock, deadline);
		int n;

		p.fd = c->fd;
		p.events = events;
		p.revents = 0;
		n = lwip_poll(&p, 1,
		              left > WAIT_SLICE_MS ? WAIT_SLICE_MS : (int)left);
		if (n > 0) {
			return 1;
		}
		if (n < 0 && errno != EINTR) {
			return -1;
		}
		if (left == 0) {
			return 0;
		}
	}
}

static void sock_close(tcas_lwip_sock *c)
{
	if (c->fd >= 0) {
		(void)lwip_close(c->fd);
		c->fd = -1;
	}
}

/* Fill ss with addr:port; returns its length, 0 for an unusable type. */
static socklen_t to_sockaddr(const ip_addr_t *addr, uint16_t port,
                             struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof *ss);
#if LWIP_IPV6
	if (IP_IS_V6(addr)) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = lwip_htons(port);
		memcpy(&s6->sin6_addr, ip_2_ip6(addr)->addr, 16);
		return (socklen_t)sizeof *s6;
	}
#endif
#if LWIP_IPV4
	{
		struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;
		uint32_t a = ip4_addr_get_u32(ip_2_ip4(addr));

		s4->sin_family = AF_INET;
		s4->sin_port = lwip_htons(port);
		memcpy(&s4->sin_addr, &a, 4);
		return (socklen_t)sizeof *s4;
	}
#else
	return 0;
#endif
}

static int resolve(tcas_lwip_sock *c, const char *host, ip_addr_t *out)
{
	if (tcas_lwip_lookup(c->hosts, c->host_count, host, out)) {
		return TCAS_OK;
	}
#if LWIP_DNS
	/* Blocks in lwIP's resolver (DNS_MAX_RETRIES x DNS_TMR_INTERVAL) */
	return netconn_gethostbyname(host, out) == ERR_OK ? TCAS_OK
	                                                  : TCAS_E_NET_RESOLVE;
#else
	return TCAS_E_NET_RESOLVE;
#endif
}

static int open_nonblocking(int family)
{
	int fd = lwip_socket(family, SOCK_STREAM, 0), one = 1;

	if (fd < 0) {
		return -1;
	}
	if (lwip_fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
		(void)lwip_close(fd);
		return -1;
	}
	/* Head and body go out as two TLS records: no Nagle delay. */
	(void)lwip_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
}

static int connect_addr(tcas_lwip_sock *c, const ip_addr_t *addr, uint16_t port,
                        uint64_t deadline)
{
	struct sockaddr_storage ss;
	socklen_t len = to_sockaddr(addr, port, &ss), sl;
	int soerr = 0, r;

	if (len == 0) {
		return TCAS_E_NET_CONNECT;
	}
	c->fd = open_nonblocking(ss.ss_family);
	if (c->fd < 0) {
		return TCAS_E_NET_IO;
	}
	if (lwip_connect(c->fd, (struct sockaddr *)(void *)&ss, len) == 0) {
		return TCAS_OK;
	}
	if (errno != EINPROGRESS) {
		return map_errno(errno);
	}
	r = wait_fd(c, POLLOUT, deadline);
	if (r <= 0) {
		return r == 0 ? TCAS_E_NET_TIMEOUT : TCAS_E_NET_IO;
	}
	sl = (socklen_t)sizeof soerr;
	if (lwip_getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0) {
		return TCAS_E_NET_IO;
	}
	return soerr == 0 ? TCAS_OK : map_errno(soerr);
}

static int sock_connect(void *ctx, const char *host, uint16_t port,
                        uint32_t timeout_ms)
{
	tcas_lwip_sock *c = ctx;
	ip_addr_t addr;
	uint64_t deadline;
	int rc;

	if (c == NULL || host == NULL || host[0] == '\0' || port == 0) {
		return TCAS_E_ARG;
	}
	sock_close(c);
	deadline = tcas_lwip_now(&c->clock) + timeout_ms;
	rc = resolve(c, host, &addr);
	if (rc == TCAS_OK && tcas_lwip_left(&c->clock, deadline) == 0) {
		rc = TCAS_E_NET_TIMEOUT;
	}
	if (rc == TCAS_OK) {
		rc = connect_addr(c, &addr, port, deadline);
	}
	if (rc != TCAS_OK) {
		sock_close(c);
	}
	return rc;
}

/* One send or recv with waiting: dir POLLOUT sends, POLLIN receives. */
static long transfer(tcas_lwip_sock *c, short dir, uint8_t *buf, size_t len,
                     uint32_t timeout_ms)
{
	uint64_t deadline;

	if (c == NULL || c->fd < 0) {
		return TCAS_E_NET_CLOSED;
	}
	deadline = tcas_lwip_now(&c->clock) + timeout_ms;
	for (;;) {
		ssize_t n = dir == POLLOUT ? lwip_send(c->fd, buf, len, 0)
		                           : lwip_recv(c->fd, buf, len, 0);
		int r;

		if (n >= 0) {
			return (long)n;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			return TCAS_E_NET_IO;
		}
		r = wait_fd(c, dir, deadline);
		if (r <= 0) {
			return r == 0 ? TCAS_E_NET_TIMEOUT : TCAS_E_NET_IO;
		}
	}
}

static long sock_send(void *ctx, const uint8_t *buf, size_t len,
                      uint32_t timeout_ms)
{
	union {
		const uint8_t *c;
		uint8_t *m;
	} u; /* lwip_send() takes const; transfer() is shared with recv */

	u.c = buf;
	return transfer(ctx, POLLOUT, u.m, len, timeout_ms);
}

static long sock_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	return transfer(ctx, POLLIN, buf, len, timeout_ms);
}

static void sock_close_cb(void *ctx)
{
	if (ctx != NULL) {
		sock_close(ctx);
	}
}

static int64_t sock_wall_time(void *ctx)
{
	return tcas_lwip_wall(((tcas_lwip_sock *)ctx)->sys);
}

static uint64_t sock_mono_ms(void *ctx)
{
	return tcas_lwip_now(&((tcas_lwip_sock *)ctx)->clock);
}

static int sock_random(void *ctx, uint8_t *buf, size_t len)
{
	return tcas_lwip_random(((tcas_lwip_sock *)ctx)->sys, buf, len);
}

static void sock_sleep_ms(void *ctx, uint32_t ms)
{
	(void)ctx;
	sys_msleep(ms);
}

void tcas_lwip_sock_init(tcas_lwip_sock *ctx, tcas_port *port,
                         const tcas_lwip_sys *sys, const tcas_lwip_host *hosts,
                         size_t count)
{
	if (ctx == NULL || port == NULL) {
		return;
	}
	memset(ctx, 0, sizeof *ctx);
	ctx->fd = -1;
	ctx->sys = sys;
	ctx->hosts = hosts;
	ctx->host_count = hosts != NULL ? count : 0;
	port->ctx = ctx;
	port->connect = sock_connect;
	port->send = sock_send;
	port->recv = sock_recv;
	port->close = sock_close_cb;
	port->wall_time = sock_wall_time;
	port->mono_ms = sock_mono_ms;
	port->random = sock_random;
	port->sleep_ms = sock_sleep_ms;
}

#else
typedef int tcas_lwip_sock_unused; /* ISO C: no empty translation unit */
#endif
