/*
 * fuzz_dns.c - libFuzzer harness for the POSIX port's DNS answer parser
 * (tcas_posix_dns_parse) and name encoder (tcas_posix_dns_name).
 *
 * Input: one mode byte, then the answer packet as a server sends it. Mode
 * bit 0 picks the query type (A or AAAA); bit 1 takes the expected question
 * name from the packet itself (when it is a plain uncompressed name), so
 * mutations reach the answer section, else "a.test"; the expected id is
 * always the packet's. The packet is a heap block of exactly its size.
 *
 * Invariants: the result is one of TCAS_DNS_*; addresses only with
 * TCAS_DNS_OK, at most TCAS_DNS_ADDRS_MAX, of the queried family, with the
 * port given; a second parse gives the same result. The encoder's output
 * is at most 255 bytes and ends with the root label.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../port/posix/posix_inner.h"
#include "fuzz/check.h"

/* The question name at offset 12 as dotted text, if uncompressed. */
static int question_text(const uint8_t *p, size_t n, char out[256])
{
	size_t off = 12, w = 0;

	while (off < n && p[off] != 0) {
		size_t l = p[off];

		if (l > 63 || off + 1 + l >= n || w + l + 2 > 255) {
			return -1;
		}
		if (w > 0) {
			out[w++] = '.';
		}
		memcpy(out + w, p + off + 1, l);
		w += l;
		off += 1 + l;
	}
	out[w] = '\0';
	return w > 0 && memchr(out, '\0', w) == NULL ? 0 : -1;
}

static void check_addrs(const tcas_posix_addrs *l, int rc, uint16_t qtype)
{
	size_t i;

	CHECK(l->n <= TCAS_DNS_ADDRS_MAX);
	CHECK(rc == TCAS_DNS_OK || l->n == 0);
	for (i = 0; i < l->n; i++) {
		const tcas_posix_sa *a = &l->a[i];

		if (qtype == 1) {
			CHECK(a->sa.sa_family == AF_INET);
			CHECK(ntohs(a->v4.sin_port) == 443);
		} else {
			CHECK(a->sa.sa_family == AF_INET6);
			CHECK(ntohs(a->v6.sin6_port) == 443);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[256] = "a.test";
	uint8_t q[256], *pkt;
	size_t qlen, n;
	uint16_t qtype, id;
	tcas_posix_addrs l, l2;
	int rc;

	if (size < 1) {
		return 0;
	}
	qtype = (data[0] & 1) ? 28 : 1;
	n = size - 1;
	pkt = malloc(n > 0 ? n : 1);
	CHECK(pkt != NULL);
	memcpy(pkt, data + 1, n);
	if ((data[0] & 2) && question_text(pkt, n, name) != 0) {
		strcpy(name, "a.test");
	}
	qlen = tcas_posix_dns_name(name, q);
	if (qlen == 0) {
		strcpy(name, "a.test");
		qlen = tcas_posix_dns_name(name, q);
	}
	CHECK(qlen > 0 && qlen <= 255 && q[qlen - 1] == 0);
	id = n >= 2 ? (uint16_t)(pkt[0] << 8 | pkt[1]) : 0;
	l.n = l2.n = 0;
	rc = tcas_posix_dns_parse(pkt, n, id, q, qlen, qtype, 443, &l);
	CHECK(rc >= TCAS_DNS_OK && rc <= TCAS_DNS_IGNORE);
	check_addrs(&l, rc, qtype);
	CHECK(tcas_posix_dns_parse(pkt, n, id, q, qlen, qtype, 443, &l2) == rc);
	CHECK(l2.n == l.n && memcmp(l.a, l2.a, l.n * sizeof l.a[0]) == 0);
	free(pkt);
	return 0;
}
