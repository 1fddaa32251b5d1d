/*
 * tcas/port_posix.h - the tcas_port for POSIX sockets (Linux, macOS, BSD).
 *
 * One tcas_posix drives one TCP connection at a time. The caller owns the
 * tcas_posix and the tcas_port it fills, and keeps both alive while they
 * are used. No allocation by tcas (getaddrinfo() may allocate inside libc).
 *
 * connect: resolves host with getaddrinfo() (IPv4 and IPv6), then tries
 *   each address in turn with a non-blocking connect() until one succeeds
 *   or the time budget runs out. An open connection is closed first.
 *   Name resolution itself is not bounded by the timeout (getaddrinfo()
 *   has no timeout; the resolver's own limits apply).
 *   TCAS_E_NET_RESOLVE  the name did not resolve
 *   TCAS_E_NET_CONNECT  every address refused or was unreachable
 *   TCAS_E_NET_TIMEOUT  the budget ran out
 *   TCAS_E_ARG          NULL/empty host, port 0
 * send/recv: poll() with the timeout, then one send()/recv(); SIGPIPE is
 *   never raised. ECONNRESET/EPIPE and other failures are TCAS_E_NET_IO;
 *   send/recv with no open connection give TCAS_E_NET_CLOSED.
 * wall_time: time(NULL). mono_ms: CLOCK_MONOTONIC. random: getrandom()
 *   where available, else /dev/urandom. sleep_ms: nanosleep(), resumed
 *   after signals.
 */
#ifndef TCAS_PORT_POSIX_H
#define TCAS_PORT_POSIX_H

#include "tcas/port.h"
#include "tcas/trust.h"

typedef struct tcas_posix {
	int fd; /* connected socket, -1 if none */
} tcas_posix;

/* Set ctx to "no connection" and fill every function pointer of port,
 * with port->ctx = ctx. NULL arguments are ignored. */
void tcas_posix_init(tcas_posix *ctx, tcas_port *port);

/*
 * Read the PEM file at path in small chunks into t (tcas_trust_push_pem()
 * then tcas_trust_finish()). Returns TCAS_OK, TCAS_E_ARG (NULL t or path),
 * TCAS_E_TLS_PEM if the file cannot be opened or read, or any error of
 * tcas_trust_push_pem() / tcas_trust_finish().
 */
int tcas_posix_load_ca_file(tcas_trust *t, const char *path);

#endif /* TCAS_PORT_POSIX_H */
