/* DNS messages for tests: see dnspkt.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/dnspkt.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void room(const dnspkt *p, size_t n)
{
	if (n > sizeof p->b - p->n) {
		abort();
	}
}

void dnspkt_u8(dnspkt *p, unsigned v)
{
	room(p, 1);
	p->b[p->n++] = (uint8_t)v;
}

void dnspkt_u16(dnspkt *p, unsigned v)
{
	dnspkt_u8(p, v >> 8);
	dnspkt_u8(p, v & 0xFF);
}

void dnspkt_name(dnspkt *p, const char *name)
{
	while (*name != '\0') {
		const char *dot = strchr(name, '.');
		size_t l = dot != NULL ? (size_t)(dot - name) : strlen(name);

		dnspkt_u8(p, (unsigned)l);
		room(p, l);
		memcpy(p->b + p->n, name, l);
		p->n += l;
		name += l + (dot != NULL);
	}
	dnspkt_u8(p, 0);
}

void dnspkt_ptr(dnspkt *p, unsigned off)
{
	dnspkt_u16(p, 0xC000 | off);
}

void dnspkt_rr_tail(dnspkt *p, unsigned type, const void *rd, size_t rdlen)
{
	dnspkt_u16(p, type);
	dnspkt_u16(p, 1);
	dnspkt_u16(p, 0);
	dnspkt_u16(p, 300);
	dnspkt_u16(p, (unsigned)rdlen);
	room(p, rdlen);
	memcpy(p->b + p->n, rd, rdlen);
	p->n += rdlen;
}

void dnspkt_addr(dnspkt *p, const char *name, const char *ip)
{
	uint8_t a[16];
	int v6 = strchr(ip, ':') != NULL;

	if (inet_pton(v6 ? AF_INET6 : AF_INET, ip, a) != 1) {
		abort();
	}
	if (name != NULL) {
		dnspkt_name(p, name);
	} else {
		dnspkt_ptr(p, 12); /* the question name */
	}
	dnspkt_rr_tail(p, v6 ? 28 : 1, a, v6 ? 16 : 4);
}

void dnspkt_head(dnspkt *p, unsigned id, unsigned flags, unsigned an,
                 const char *q, unsigned qtype)
{
	p->n = 0;
	dnspkt_u16(p, id);
	dnspkt_u16(p, flags);
	dnspkt_u16(p, 1);
	dnspkt_u16(p, an);
	dnspkt_u16(p, 0);
	dnspkt_u16(p, 0);
	dnspkt_name(p, q);
	dnspkt_u16(p, qtype);
	dnspkt_u16(p, 1);
}

int dnspkt_question(const uint8_t *q, size_t n, char name[256], unsigned *type,
                    unsigned *id)
{
	size_t off = 12, w = 0;

	if (n < 17) {
		return -1;
	}
	while (off < n && q[off] != 0) {
		size_t l = q[off];

		if (off + 1 + l >= n || w + l + 2 > 256) {
			return -1;
		}
		if (w > 0) {
			name[w++] = '.';
		}
		memcpy(name + w, q + off + 1, l);
		w += l;
		off += 1 + l;
	}
	name[w] = '\0';
	if (off + 5 > n) {
		return -1;
	}
	*type = (unsigned)q[off + 1] << 8 | q[off + 2];
	*id = (unsigned)q[0] << 8 | q[1];
	return 0;
}

const char *dnspkt_sa_text(const tcas_posix_sa *a)
{
	static char s[4][80];
	static int k;
	char ip[INET6_ADDRSTRLEN];
	unsigned pn;

	k = (k + 1) % 4;
	if (a->sa.sa_family == AF_INET) {
		inet_ntop(AF_INET, &a->v4.sin_addr, ip, sizeof ip);
		pn = ntohs(a->v4.sin_port);
	} else {
		inet_ntop(AF_INET6, &a->v6.sin6_addr, ip, sizeof ip);
		pn = ntohs(a->v6.sin6_port);
	}
	snprintf(s[k], sizeof s[k], "%s:%u", ip, pn);
	return s[k];
}

void dnspkt_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}
