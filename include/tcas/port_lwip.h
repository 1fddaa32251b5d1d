/*
 * tcas/port_lwip.h - the tcas_port over lwIP (2.1), in two variants chosen
 * by the lwIP configuration (lwipopts.h) the file is compiled with:
 *
 *   tcas_lwip_sock  lwIP's sockets API, for lwIP with an OS (NO_SYS=0,
 *                   LWIP_SOCKET=1). Any thread may call it.
 *   tcas_lwip_raw   lwIP's raw TCP API through altcp (plain tcp_* when
 *                   LWIP_ALTCP=0), for bare metal (NO_SYS=1). Every call
 *                   runs in the lwIP core context; while it waits it calls
 *                   the caller's poll hook, which must feed received frames
 *                   to the netif and run sys_check_timeouts().
 *
 * The caller owns the context, the tcas_port it fills and the host table,
 * and keeps them alive while they are used. tcas allocates nothing: the
 * raw variant holds received pbufs from lwIP's own pools until they are
 * read (configure lwIP with MEM_LIBC_MALLOC=0 for a heap-free system).
 *
 * Neither lwIP nor a bare-metal board has a standard wall clock or a
 * cryptographic random source, so both come from the caller (struct
 * tcas_lwip_sys). mono_ms is sys_now() widened to 64 bits (call the port at
 * least once every 49 days for the widening to see every wrap).
 *
 * connect(host): host is looked up in the caller's host table first
 *   (exact, case-insensitive), then parsed as an IP literal, then resolved
 *   with lwIP's DNS when LWIP_DNS=1 (raw: dns_gethostbyname(), waiting
 *   through the poll hook within the budget; sockets:
 *   netconn_gethostbyname(), which blocks for lwIP's own DNS retries and is
 *   not bounded by the budget, like getaddrinfo() in the POSIX port). IPv4
 *   and IPv6 as the lwIP build supports them. An open connection is closed
 *   first.
 *   TCAS_E_NET_RESOLVE  the name is in no table, not a literal, no DNS
 *                       or DNS failed
 *   TCAS_E_NET_CONNECT  refused, reset or unreachable
 *   TCAS_E_NET_TIMEOUT  the budget ran out
 *   TCAS_E_NET_IO       lwIP ran out of pcbs/sockets/memory
 *   TCAS_E_ARG          NULL/empty host, port 0, raw without a poll hook
 * send/recv: as in tcas/port.h. Reset or abort is TCAS_E_NET_IO; send or
 *   recv with no open connection is TCAS_E_NET_CLOSED; recv returns 0 once
 *   the peer has closed in order and all data was read.
 * wall_time: sys->wall_time(sys->arg), or 0 (TCAS_E_CLOCK at signing) if
 *   NULL. random: sys->random(sys->arg, ...), TCAS_E_NET_RANDOM if NULL or
 *   failing. It MUST be a cryptographic source (a hardware TRNG or a
 *   seeded DRBG), never LWIP_RAND().
 * sleep_ms: sockets: sys_msleep(). raw: calls the poll hook until ms have
 *   passed on sys_now(), so lwIP keeps running (busy-waits on sys_now()
 *   without a hook).
 * Nagle is off on every connection (a request is two TLS records).
 */
#ifndef TCAS_PORT_LWIP_H
#define TCAS_PORT_LWIP_H

#include <stddef.h>
#include <stdint.h>

#include "lwip/opt.h"
#include "lwip/ip_addr.h"

#include "tcas/port.h"

/* What lwIP cannot provide: time, randomness and (raw) the poll hook. */
typedef struct tcas_lwip_sys {
	void *arg; /* passed to every function below */
	/* Unix seconds, UTC; NULL if the device has no clock. */
	int64_t (*wall_time)(void *arg);
	/* Fill buf with len cryptographically random bytes; 0 on success. */
	int (*random)(void *arg, uint8_t *buf, size_t len);
	/* Raw variant: drive lwIP once (netif input, sys_check_timeouts()).
	 * Called in a loop while a connect, DNS lookup, send or recv waits;
	 * may sleep briefly (e.g. until the next interrupt). Unused by the
	 * sockets variant. */
	void (*poll)(void *arg);
} tcas_lwip_sys;

/* One static name-to-address entry (like /etc/hosts). */
typedef struct tcas_lwip_host {
	const char *name;
	ip_addr_t addr;
} tcas_lwip_host;

/* 64-bit widening of sys_now(). Internal. */
typedef struct tcas_lwip_clock {
	uint32_t last;
	uint32_t high;
} tcas_lwip_clock;

#if LWIP_SOCKET && !NO_SYS
typedef struct tcas_lwip_sock {
	int fd; /* lwIP socket, -1 if none */
	const tcas_lwip_sys *sys;
	const tcas_lwip_host *hosts;
	size_t host_count;
	tcas_lwip_clock clock;
} tcas_lwip_sock;

/* Set ctx to "no connection", remember sys (kept, not copied; NULL means
 * no clock and no randomness) and the host table (hosts may be NULL when
 * count is 0), and fill every function pointer of port with port->ctx =
 * ctx. NULL ctx or port is ignored. lwIP must be initialised
 * (tcpip_init()) before the first connect. */
void tcas_lwip_sock_init(tcas_lwip_sock *ctx, tcas_port *port,
                         const tcas_lwip_sys *sys, const tcas_lwip_host *hosts,
                         size_t count);
#endif

#if LWIP_TCP && LWIP_CALLBACK_API
struct altcp_pcb;
struct pbuf;

typedef struct tcas_lwip_raw {
	struct altcp_pcb *pcb; /* NULL if none */
	struct pbuf *rx;       /* received, not yet read (a pbuf chain) */
	uint8_t state;         /* internal: idle, resolving, connecting, ... */
	uint8_t dns_state;     /* internal: 0 waiting, 1 found, 2 failed */
	ip_addr_t dns_addr;    /* internal: DNS answer */
	const char *dns_host;  /* internal: name being resolved */
	const tcas_lwip_sys *sys;
	const tcas_lwip_host *hosts;
	size_t host_count;
	tcas_lwip_clock clock;
} tcas_lwip_raw;

/* As tcas_lwip_sock_init(); sys->poll is required by connect/send/recv.
 * Every call of the port (and so of tcas_client_call()) must run in the
 * lwIP core context: the main loop with NO_SYS=1, never an interrupt; or,
 * with an OS, a thread holding LOCK_TCPIP_CORE() whose poll hook releases
 * the lock while it waits (test/lwip/lwip_tap.c does this). */
void tcas_lwip_raw_init(tcas_lwip_raw *ctx, tcas_port *port,
                        const tcas_lwip_sys *sys, const tcas_lwip_host *hosts,
                        size_t count);
#endif

#endif /* TCAS_PORT_LWIP_H */
