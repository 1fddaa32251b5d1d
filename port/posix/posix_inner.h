/*
 * posix_inner.h - what port_posix.c and port_posix_dns.c share (private).
 * Contract of the port in tcas/port_posix.h.
 */
#ifndef TCAS_POSIX_INNER_H
#define TCAS_POSIX_INNER_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "tcas/config.h"
#include "tcas/port_posix.h"

/* A DNS message over UDP without EDNS0 is at most this long (RFC 1035). */
#define TCAS_DNS_PKT_MAX 512

typedef union tcas_posix_sa {
	struct sockaddr sa;
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
} tcas_posix_sa;

/* The addresses one connect tries, in order; port already set. */
typedef struct tcas_posix_addrs {
	tcas_posix_sa a[TCAS_DNS_ADDRS_MAX];
	size_t n;
} tcas_posix_addrs;

/* Monotonic milliseconds (0 if the clock fails). */
uint64_t tcas_posix_mono(void);

/* A non-blocking, close-on-exec socket of family and type; -1 on failure. */
int tcas_posix_socket(int family, int type);

/* len random bytes: TCAS_OK or TCAS_E_NET_RANDOM. */
int tcas_posix_random_fill(uint8_t *buf, size_t len);

/* sizeof the sockaddr behind a (by family). */
size_t tcas_posix_sa_len(const tcas_posix_sa *a);

/* Append family/ip (4 or 16 bytes)/port to l unless l is full or the
 * address is already there. 1 appended, 0 not. */
int tcas_posix_addrs_add(tcas_posix_addrs *l, int family, const void *ip,
                         uint16_t port);

/*
 * Resolve host for connect: IP literal, then the hosts file, then DNS over
 * UDP to the resolv.conf servers, all before deadline (tcas_posix_mono()
 * time); or getaddrinfo() when c->use_getaddrinfo. Fills out (port set).
 * TCAS_OK (out->n >= 1), TCAS_E_NET_RESOLVE, TCAS_E_NET_TIMEOUT, TCAS_E_ARG,
 * TCAS_E_NET_IO (poll() failed before any address came).
 */
int tcas_posix_resolve(const tcas_posix *c, const char *host, uint16_t port,
                       uint64_t deadline, tcas_posix_addrs *out);

/* Results of tcas_posix_dns_parse(). */
#define TCAS_DNS_OK       0 /* our answer; out got its addresses (maybe 0) */
#define TCAS_DNS_NXDOMAIN 1 /* the name does not exist */
#define TCAS_DNS_SRVFAIL  2 /* SERVFAIL, REFUSED, ...: ask another server */
#define TCAS_DNS_TRUNC    3 /* TC set and no complete address record */
#define TCAS_DNS_IGNORE   4 /* not our answer, or malformed: drop it */

/*
 * Parse one DNS answer of len bytes against the question sent: id, qname
 * (wire form, lower case, root label included, qlen bytes), qtype (1 A,
 * 28 AAAA), class IN. Follows CNAMEs of the answer section (at most 8) and
 * appends the qtype addresses of the final name to out with port. Reads
 * nothing outside pkt[0..len-1]; any len is accepted.
 */
int tcas_posix_dns_parse(const uint8_t *pkt, size_t len, uint16_t id,
                         const uint8_t *qname, size_t qlen, uint16_t qtype,
                         uint16_t port, tcas_posix_addrs *out);

/* host (dots, optional final dot) to lower-case wire form in out; its
 * length, or 0 if host is not a valid DNS name. */
size_t tcas_posix_dns_name(const char *host, uint8_t out[256]);

#endif /* TCAS_POSIX_INNER_H */
