/*
 * tcas/port_posix.h - the tcas_port for POSIX sockets (Linux, macOS, BSD).
 *
 * One tcas_posix drives one TCP connection at a time. The caller owns the
 * tcas_posix and the tcas_port it fills, and keeps both alive while they
 * are used. No allocation by tcas (nor by libc, unless getaddrinfo() is
 * used: see below).
 *
 * connect: resolves host (below), then tries each address in turn with a
 *   non-blocking connect() until one succeeds or the time budget runs out.
 *   An open connection is closed first. The budget covers resolving too.
 *   TCAS_E_NET_RESOLVE  the name did not resolve (no such name, no address,
 *                       every DNS server failed, no random source)
 *   TCAS_E_NET_CONNECT  every address refused or was unreachable
 *   TCAS_E_NET_TIMEOUT  the budget ran out (while resolving or connecting)
 *   TCAS_E_NET_IO       any other failure: socket()/fcntl() failing (out of
 *                       descriptors), connect() errors other than those
 *                       above (EACCES, EPERM), poll()/getsockopt() failing
 *   TCAS_E_ARG          NULL/empty host, port 0, host not a valid DNS name
 * Resolving (default: a stub resolver bounded by the connect budget):
 *   1. An IPv4 or IPv6 literal (also "[v6]") is used as is.
 *   2. The hosts file (/etc/hosts): every line whose name or an alias
 *      equals host (ASCII case-insensitive, a final dot ignored), in file
 *      order; '#' starts a comment; lines of 511 bytes or more are
 *      skipped. If no line matches, "localhost" and "*.localhost" give
 *      127.0.0.1 and ::1, and "invalid" and "*.invalid" do not resolve
 *      (RFC 6761).
 *   3. DNS over UDP (port 53) to the first 3 "nameserver" lines (IPv4 or
 *      IPv6, no scope id) of resolv.conf (/etc/resolv.conf; none listed:
 *      127.0.0.1). A and AAAA queries go out together with random ids from
 *      the port's random source, from a kernel-chosen ephemeral port, and
 *      are re-sent to the next server after a slice of the remaining time
 *      (remaining / servers, between 250 ms and 2 s) or at once after a
 *      SERVFAIL/REFUSED. An answer counts only if it comes from a server
 *      asked, with the id, QR bit and question (name, type, class IN) of
 *      the query; NXDOMAIN ends the lookup. CNAME chains in the answer
 *      section are followed; the A/AAAA records of the final name are
 *      used, IPv4 and IPv6 alternating, at most TCAS_DNS_ADDRS_MAX. Once
 *      one type has addresses the other is waited for 50 ms more (RFC 8305
 *      resolution delay). The name is queried as given: no search list
 *      (search/domain/ndots/options lines are ignored); the endpoints are
 *      fully qualified names. A truncated answer (TC) without one complete
 *      address record falls back to getaddrinfo() if time is left: that
 *      rare path is bounded only by libc's resolver, and may allocate
 *      (built with TCAS_WITH_GETADDRINFO=0: TCAS_E_NET_RESOLVE instead).
 *   See tcas_posix_set_resolver() and tcas_posix_use_getaddrinfo().
 * send/recv: poll() with the timeout, then one send()/recv(); SIGPIPE is
 *   never raised. ECONNRESET/EPIPE and other failures are TCAS_E_NET_IO;
 *   send/recv with no open connection give TCAS_E_NET_CLOSED.
 * wall_time: time(NULL). mono_ms: CLOCK_MONOTONIC. random: getrandom()
 *   where available, else /dev/urandom. sleep_ms: nanosleep(), resumed
 *   after signals.
 */
#ifndef TCAS_PORT_POSIX_H
#define TCAS_PORT_POSIX_H

#include "tcas/config.h"
#include "tcas/port.h"
#include "tcas/trust.h"

/* The POSIX port's settings, like those of tcas/config.h: defaults guarded
 * by #ifndef (-DNAME=VALUE or the TCAS_USER_CONFIG header override them). */

/* Addresses one connect tries after resolving a name (hosts file, DNS or
 * getaddrinfo()); the rest are dropped. Each costs 28 bytes of stack in the
 * POSIX port's connect (three times that during a DNS lookup). */
#ifndef TCAS_DNS_ADDRS_MAX
#define TCAS_DNS_ADDRS_MAX 4
#endif

/* The POSIX port's use of libc's getaddrinfo(): on request
 * (tcas_posix_use_getaddrinfo) and after a truncated DNS answer. Off, the
 * port resolves with its own bounded resolver only, and a static musl
 * build links no libc resolver and no malloc (about 20 KB). */
#ifndef TCAS_WITH_GETADDRINFO
#define TCAS_WITH_GETADDRINFO 1
#endif

typedef struct tcas_posix {
	int fd;                  /* connected socket, -1 if none */
	const char *hosts_path;  /* NULL: /etc/hosts */
	const char *resolv_path; /* NULL: /etc/resolv.conf */
	uint16_t dns_port;       /* DNS servers' port: 0 or 53 (tests) */
	int use_getaddrinfo;     /* 1: resolve with getaddrinfo() */
	int awaiting; /* internal: sent since the last read; the next read
	               * with a wait polls before its first recv() */
	int blocking; /* internal: the socket is in blocking mode with a
	               * receive timeout, so that read waits in recv() */
} tcas_posix;

/* Set ctx to "no connection", the default resolver (system files, port
 * 53, stub resolver), and fill every function pointer of port, with
 * port->ctx = ctx. NULL arguments are ignored. */
void tcas_posix_init(tcas_posix *ctx, tcas_port *port);

/*
 * Read host names from hosts_path and DNS servers from resolv_path instead
 * of /etc/hosts and /etc/resolv.conf (NULL keeps the system file). The
 * strings are borrowed: they must stay valid while ctx is used. A file
 * that cannot be opened counts as empty. Call after tcas_posix_init().
 * Returns TCAS_OK, or TCAS_E_ARG for a NULL ctx.
 */
int tcas_posix_set_resolver(tcas_posix *ctx, const char *hosts_path,
                            const char *resolv_path);

/*
 * on != 0: resolve with the system's getaddrinfo() (nsswitch, search
 * lists, mDNS, ...) instead of the stub resolver. Name resolution is then
 * NOT bounded by the connect timeout (libc's resolver has its own limits,
 * about 5 s x attempts x servers) and libc may allocate. on == 0: back to
 * the default. Call after tcas_posix_init(). TCAS_OK, TCAS_E_ARG for a
 * NULL ctx, or TCAS_E_UNSUPPORTED for on != 0 in a build with
 * TCAS_WITH_GETADDRINFO=0.
 */
int tcas_posix_use_getaddrinfo(tcas_posix *ctx, int on);

/*
 * Read the PEM file at path in small chunks into t (tcas_trust_push_pem()
 * then tcas_trust_finish()): every certificate decoded now. Returns
 * TCAS_OK, TCAS_E_ARG (NULL t or path), TCAS_E_TLS_PEM if the file cannot
 * be opened or read or is not a regular file (it is opened without
 * blocking: a FIFO never hangs the call), or any error of
 * tcas_trust_push_pem() / tcas_trust_finish().
 */
int tcas_posix_load_ca_file(tcas_trust *t, const char *path);

/*
 * The same file as a lazy bundle (tcas/trust.h): one fast pass indexes
 * the certificates by subject, and each is decoded only when a server's
 * chain names it (give t to tcas_client_set_trust_store(), or
 * tcas_trust_resolve to tcas_tls_set_resolver()). t needs an index
 * (tcas_trust_store_init() gives it one). The file stays open, read again
 * with pread(), until tcas_posix_close_ca_files(t) (one descriptor per
 * file; a file replaced on disk meanwhile is still read as it was).
 * Returns as tcas_posix_load_ca_file(), and tcas_trust_index_begin()'s
 * TCAS_E_STATE.
 */
int tcas_posix_index_ca_file(tcas_trust *t, const char *path);

/* Close the files tcas_posix_index_ca_file() kept open for t; anchors not
 * decoded by then stay unusable. NULL t is ignored. */
void tcas_posix_close_ca_files(tcas_trust *t);

#endif /* TCAS_PORT_POSIX_H */
