/* The tcas_port over lwIP's raw/altcp TCP API (NO_SYS=1); contract in
 * tcas/port_lwip.h. Every wait is a loop around the caller's poll hook. */
#include "lwip/opt.h"

#if LWIP_TCP && LWIP_CALLBACK_API

#include "lwip/altcp.h"
#include "lwip/altcp_tcp.h"
#include "lwip/dns.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"

#include "lwip_inner.h"

enum { ST_IDLE, ST_RESOLVING, ST_CONNECTING, ST_OPEN, ST_EOF, ST_FAILED };

typedef int (*cond_fn)(const tcas_lwip_raw *c);

/* Poll until cond holds (1) or the deadline passes (0). */
static int wait_for(tcas_lwip_raw *c, cond_fn cond, uint64_t deadline)
{
	while (!cond(c)) {
		if (tcas_lwip_left(&c->clock, deadline) == 0) {
			return 0;
		}
		c->sys->poll(c->sys->arg);
	}
	return 1;
}

static err_t on_connected(void *arg, struct altcp_pcb *pcb, err_t err)
{
	tcas_lwip_raw *c = arg;

	(void)pcb;
	if (c != NULL && c->state == ST_CONNECTING && err == ERR_OK) {
		c->state = ST_OPEN;
	}
	return ERR_OK;
}

static err_t on_recv(void *arg, struct altcp_pcb *pcb, struct pbuf *p,
                     err_t err)
{
	tcas_lwip_raw *c = arg;

	(void)err;
	if (c == NULL) { /* detached: drop what still arrives */
		if (p != NULL) {
			altcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	if (p == NULL) {
		if (c->state == ST_OPEN) {
			c->state = ST_EOF;
		}
		return ERR_OK;
	}
	if (c->rx == NULL) {
		c->rx = p;
	} else if ((uint32_t)c->rx->tot_len + p->tot_len > 0xFFFFu) {
		/* pbuf chains count in u16: lwIP retries later */
		return ERR_MEM;
	} else {
		pbuf_cat(c->rx, p);
	}
	return ERR_OK;
}

/* The pcb is already freed by lwIP when this runs. */
static void on_err(void *arg, err_t err)
{
	tcas_lwip_raw *c = arg;

	(void)err;
	if (c != NULL) {
		c->pcb = NULL;
		c->state = ST_FAILED;
	}
}

static void detach(struct altcp_pcb *pcb)
{
	altcp_arg(pcb, NULL);
	altcp_recv(pcb, NULL);
	altcp_err(pcb, NULL);
}

static void raw_close(tcas_lwip_raw *c)
{
	if (c->pcb != NULL) {
		detach(c->pcb);
		if (altcp_close(c->pcb) != ERR_OK) {
			altcp_abort(c->pcb);
		}
		c->pcb = NULL;
	}
	if (c->rx != NULL) {
		pbuf_free(c->rx);
		c->rx = NULL;
	}
	c->state = ST_IDLE;
}

#if LWIP_DNS
static void on_dns(const char *name, const ip_addr_t *addr, void *arg)
{
	tcas_lwip_raw *c = arg;

	/* A late answer to an abandoned lookup is ignored. */
	if (c == NULL || c->state != ST_RESOLVING || c->dns_host == NULL ||
	    lwip_stricmp(name, c->dns_host) != 0) {
		return;
	}
	if (addr != NULL) {
		ip_addr_copy(c->dns_addr, *addr);
	}
	c->dns_state = addr != NULL ? 1 : 2;
}

static int dns_answered(const tcas_lwip_raw *c)
{
	return c->dns_state != 0;
}
#endif

static int resolve(tcas_lwip_raw *c, const char *host, ip_addr_t *out,
                   uint64_t deadline)
{
	if (tcas_lwip_lookup(c->hosts, c->host_count, host, out)) {
		return TCAS_OK;
	}
#if LWIP_DNS
	{
		err_t e;
		int rc = TCAS_E_NET_RESOLVE;

		c->state = ST_RESOLVING;
		c->dns_state = 0;
		c->dns_host = host;
		e = dns_gethostbyname(host, out, on_dns, c);
		if (e == ERR_OK) {
			rc = TCAS_OK;
		} else if (e == ERR_INPROGRESS) {
			if (!wait_for(c, dns_answered, deadline)) {
				rc = TCAS_E_NET_TIMEOUT;
			} else if (c->dns_state == 1) {
				ip_addr_copy(*out, c->dns_addr);
				rc = TCAS_OK;
			}
		}
		c->state = ST_IDLE;
		c->dns_host = NULL;
		return rc;
	}
#else
	(void)deadline;
	return TCAS_E_NET_RESOLVE;
#endif
}

static int not_connecting(const tcas_lwip_raw *c)
{
	return c->state != ST_CONNECTING;
}

static int open_pcb(tcas_lwip_raw *c, const ip_addr_t *addr, uint16_t port)
{
	err_t e;

	c->pcb = altcp_tcp_new_ip_type(IP_GET_TYPE(addr));
	if (c->pcb == NULL) {
		return TCAS_E_NET_IO;
	}
	altcp_nagle_disable(c->pcb); /* head and body: two TLS records */
	altcp_arg(c->pcb, c);
	altcp_recv(c->pcb, on_recv);
	altcp_err(c->pcb, on_err);
	c->state = ST_CONNECTING;
	e = altcp_connect(c->pcb, addr, port, on_connected);
	if (e == ERR_OK) {
		return TCAS_OK;
	}
	return e == ERR_MEM || e == ERR_BUF ? TCAS_E_NET_IO
	                                    : TCAS_E_NET_CONNECT;
}

static int raw_connect(void *ctx, const char *host, uint16_t port,
                       uint32_t timeout_ms)
{
	tcas_lwip_raw *c = ctx;
	ip_addr_t addr;
	uint64_t deadline;
	int rc;

	if (c == NULL || host == NULL || host[0] == '\0' || port == 0) {
		return TCAS_E_ARG;
	}
	if (c->sys == NULL || c->sys->poll == NULL) {
		return TCAS_E_ARG;
	}
	raw_close(c);
	deadline = tcas_lwip_now(&c->clock) + timeout_ms;
	rc = resolve(c, host, &addr, deadline);
	if (rc == TCAS_OK) {
		rc = open_pcb(c, &addr, port);
	}
	if (rc == TCAS_OK && !wait_for(c, not_connecting, deadline)) {
		rc = TCAS_E_NET_TIMEOUT;
	}
	if (rc == TCAS_OK && c->state != ST_OPEN) {
		rc = TCAS_E_NET_CONNECT; /* refused, reset or unreachable */
	}
	if (rc != TCAS_OK) {
		raw_close(c);
	}
	return rc;
}

/* Room in the send buffer, or a reason to stop waiting for it. */
static int can_send(const tcas_lwip_raw *c)
{
	if (c->pcb == NULL || (c->state != ST_OPEN && c->state != ST_EOF)) {
		return 1;
	}
	return altcp_sndbuf(c->pcb) > 0 &&
	       altcp_sndqueuelen(c->pcb) < TCP_SND_QUEUELEN;
}

static long raw_send(void *ctx, const uint8_t *buf, size_t len,
                     uint32_t timeout_ms)
{
	tcas_lwip_raw *c = ctx;
	uint64_t deadline;

	if (c == NULL || c->state == ST_IDLE) {
		return TCAS_E_NET_CLOSED;
	}
	deadline = tcas_lwip_now(&c->clock) + timeout_ms;
	for (;;) {
		size_t n;
		err_t e;

		if (!wait_for(c, can_send, deadline)) {
			return TCAS_E_NET_TIMEOUT;
		}
		if (c->pcb == NULL || c->state == ST_FAILED) {
			return TCAS_E_NET_IO;
		}
		n = altcp_sndbuf(c->pcb);
		n = len < n ? len : n;
		n = n > 0xFFFFu ? 0xFFFFu : n; /* altcp_write() takes a u16_t */
		e = altcp_write(c->pcb, buf, (u16_t)n, TCP_WRITE_FLAG_COPY);
		if (e == ERR_OK) {
			(void)altcp_output(c->pcb);
			return (long)n;
		}
		if (e != ERR_MEM) {
			return TCAS_E_NET_IO;
		}
		if (tcas_lwip_left(&c->clock, deadline) == 0) {
			return TCAS_E_NET_TIMEOUT;
		}
		c->sys->poll(c->sys->arg); /* queue full: let lwIP drain it */
	}
}

static int can_recv(const tcas_lwip_raw *c)
{
	return c->rx != NULL || c->state != ST_OPEN;
}

static long raw_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	tcas_lwip_raw *c = ctx;
	u16_t n;

	if (c == NULL || c->state == ST_IDLE) {
		return TCAS_E_NET_CLOSED;
	}
	if (!wait_for(c, can_recv, tcas_lwip_now(&c->clock) + timeout_ms)) {
		return TCAS_E_NET_TIMEOUT;
	}
	if (c->rx == NULL) {
		return c->state == ST_EOF ? 0 : TCAS_E_NET_IO;
	}
	n = c->rx->tot_len;
	n = len < n ? (u16_t)len : n;
	n = pbuf_copy_partial(c->rx, buf, n, 0);
	c->rx = pbuf_free_header(c->rx, n);
	if (c->pcb != NULL) {
		altcp_recved(c->pcb, n);
	}
	return (long)n;
}

static void raw_close_cb(void *ctx)
{
	if (ctx != NULL) {
		raw_close(ctx);
	}
}

static int64_t raw_wall_time(void *ctx)
{
	return tcas_lwip_wall(((tcas_lwip_raw *)ctx)->sys);
}

static uint64_t raw_mono_ms(void *ctx)
{
	return tcas_lwip_now(&((tcas_lwip_raw *)ctx)->clock);
}

static int raw_random(void *ctx, uint8_t *buf, size_t len)
{
	return tcas_lwip_random(((tcas_lwip_raw *)ctx)->sys, buf, len);
}

/* Sleep by driving lwIP: the stack keeps working meanwhile. */
static void raw_sleep_ms(void *ctx, uint32_t ms)
{
	tcas_lwip_raw *c = ctx;
	uint64_t end = tcas_lwip_now(&c->clock) + ms;

	while (tcas_lwip_left(&c->clock, end) > 0) {
		if (c->sys != NULL && c->sys->poll != NULL) {
			c->sys->poll(c->sys->arg);
		}
	}
}

void tcas_lwip_raw_init(tcas_lwip_raw *ctx, tcas_port *port,
                        const tcas_lwip_sys *sys, const tcas_lwip_host *hosts,
                        size_t count)
{
	if (ctx == NULL || port == NULL) {
		return;
	}
	memset(ctx, 0, sizeof *ctx);
	ctx->state = ST_IDLE;
	ctx->sys = sys;
	ctx->hosts = hosts;
	ctx->host_count = hosts != NULL ? count : 0;
	port->ctx = ctx;
	port->connect = raw_connect;
	port->send = raw_send;
	port->recv = raw_recv;
	port->close = raw_close_cb;
	port->wall_time = raw_wall_time;
	port->mono_ms = raw_mono_ms;
	port->random = raw_random;
	port->sleep_ms = raw_sleep_ms;
}

#else
typedef int tcas_lwip_raw_unused; /* ISO C: no empty translation unit */
#endif
