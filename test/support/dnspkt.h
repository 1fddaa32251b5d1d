/*
 * dnspkt.h - DNS messages for tests: build answers (header, question,
 * records, compression pointers) and read the question of a query. Used
 * by test_dns (a fake server over loopback UDP) and test_dns_fault (a
 * fake network behind -Wl,--wrap), with the two helpers both share.
 * Overflowing a packet aborts.
 */
#ifndef TCAS_TEST_DNSPKT_H
#define TCAS_TEST_DNSPKT_H

#include <stddef.h>
#include <stdint.h>

#include "../../port/posix/posix_inner.h"

#define DNSPKT_OK_FLAGS 0x8180 /* QR RD RA, NOERROR */

typedef struct {
	uint8_t b[700];
	size_t n;
} dnspkt;

void dnspkt_u8(dnspkt *p, unsigned v);
void dnspkt_u16(dnspkt *p, unsigned v);
/* A dotted name, uncompressed, root label included. */
void dnspkt_name(dnspkt *p, const char *name);
/* A compression pointer to offset off. */
void dnspkt_ptr(dnspkt *p, unsigned off);
/* Type, class IN, TTL 300, rdlength, rdata. */
void dnspkt_rr_tail(dnspkt *p, unsigned type, const void *rd, size_t rdlen);
/* An A (ip has no ':') or AAAA record of name; NULL name: a pointer to
 * the question name. */
void dnspkt_addr(dnspkt *p, const char *name, const char *ip);
/* Header + question (p restarted). flags: the second 16-bit word. */
void dnspkt_head(dnspkt *p, unsigned id, unsigned flags, unsigned an,
                 const char *q, unsigned qtype);
/* The question of query q (n bytes): the name, dotted, into name (256
 * bytes), its type into *type, the id into *id. 0, or -1 if malformed. */
int dnspkt_question(const uint8_t *q, size_t n, char name[256], unsigned *type,
                    unsigned *id);

/* ---- shared by the resolver tests ---------------------------------------- */

/* a as "ip:port" (IPv6 without brackets), in one of four static buffers
 * used in turn: four results may be live at once. */
const char *dnspkt_sa_text(const tcas_posix_sa *a);
/* Write text into the file path (the test fails when it cannot). */
void dnspkt_write_file(const char *path, const char *text);

#endif /* TCAS_TEST_DNSPKT_H */
