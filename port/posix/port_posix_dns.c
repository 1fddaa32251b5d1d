/* Name resolution of the POSIX port: IP literals, the hosts file, a stub
 * DNS resolver over UDP bounded by the connect deadline, or getaddrinfo().
 * Contract in tcas/port_posix.h; helpers in posix_inner.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "posix_inner.h"
#include "tcas/error.h"

#if TCAS_DNS_ADDRS_MAX < 1
#error "TCAS_DNS_ADDRS_MAX must be at least 1"
#endif

#define LINE_MAX_  512 /* longest hosts/resolv.conf line read */
#define NS_MAX     3   /* nameserver lines used, like glibc's MAXNS */
#define CNAME_HOPS 8   /* CNAMEs followed in one answer */
#define PTR_JUMPS  32  /* compression pointers followed in one name */
#define SLICE_MIN  250 /* ms before re-sending to the next server */
#define SLICE_MAX  2000
/* Once one type has addresses, the other gets this much longer (RFC 8305
 * section 3, "Resolution Delay"): a server that drops AAAA queries costs
 * 50 ms, not the rest of its slice. */
#define RESOLUTION_DELAY 50
#define T_A              1
#define T_CNAME          5
#define T_AAAA           28
#define C_IN             1

/* ---- addresses ----------------------------------------------------------- */

size_t tcas_posix_sa_len(const tcas_posix_sa *a)
{
	return a->sa.sa_family == AF_INET6 ? sizeof a->v6 : sizeof a->v4;
}

static int addrs_has(const tcas_posix_addrs *l, const tcas_posix_sa *a)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (memcmp(&l->a[i], a, sizeof *a) == 0) {
			return 1;
		}
	}
	return 0;
}

int tcas_posix_addrs_add(tcas_posix_addrs *l, int family, const void *ip,
                         uint16_t port)
{
	tcas_posix_sa a;

	if (l->n >= TCAS_DNS_ADDRS_MAX) {
		return 0;
	}
	memset(&a, 0, sizeof a);
	if (family == AF_INET) {
		a.v4.sin_family = AF_INET;
		a.v4.sin_port = htons(port);
		memcpy(&a.v4.sin_addr, ip, 4);
	} else {
		a.v6.sin6_family = AF_INET6;
		a.v6.sin6_port = htons(port);
		memcpy(&a.v6.sin6_addr, ip, 16);
	}
	if (addrs_has(l, &a)) {
		return 0;
	}
	l->a[l->n++] = a;
	return 1;
}

/* An IPv4 or IPv6 literal (s, n bytes; "[v6]" too): 1 (added to l unless
 * full or there), or 0 if s is not one. */
static int parse_ip(const char *s, size_t n, uint16_t port, tcas_posix_addrs *l)
{
	char tmp[INET6_ADDRSTRLEN + 2];
	uint8_t ip[16];

	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof tmp) {
		return 0;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, ip) == 1) {
		return tcas_posix_addrs_add(l, AF_INET, ip, port) || 1;
	}
	if (inet_pton(AF_INET6, tmp, ip) == 1) {
		return tcas_posix_addrs_add(l, AF_INET6, ip, port) || 1;
	}
	return 0;
}

/* ---- files, line by line ------------------------------------------------- */

typedef struct {
	int fd;
	int skip; /* dropping the rest of an over-long line */
	size_t pos, len;
	char buf[LINE_MAX_];
} line_reader;

/* Next line (NUL-terminated, '\n' removed) in *line: 1, or 0 at the end.
 * A line longer than the buffer is skipped whole. */
static int line_next(line_reader *r, char **line)
{
	for (;;) {
		char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		ssize_t n;

		if (nl != NULL) {
			char *start = r->buf + r->pos;
			int skip = r->skip;

			*nl = '\0';
			r->pos = (size_t)(nl - r->buf) + 1;
			r->skip = 0;
			if (!skip) {
				*line = start;
				return 1;
			}
			continue;
		}
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, r->len - r->pos);
			r->len -= r->pos;
			r->pos = 0;
		}
		if (r->len == sizeof r->buf - 1) {
			r->skip = 1; /* no room: drop what we have */
			r->len = 0;
		}
		n = r->fd < 0 ? 0
		              : read(r->fd, r->buf + r->len,
		                     sizeof r->buf - 1 - r->len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			/* end: a last line without '\n' */
			if (r->len == 0 || r->skip) {
				return 0;
			}
			r->buf[r->len] = '\0';
			*line = r->buf;
			r->pos = r->len = 0;
			r->skip = 1;
			return 1;
		}
		r->len += (size_t)n;
	}
}

static void line_open(line_reader *r, const char *path)
{
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	r->skip = 0;
	r->pos = r->len = 0;
}

static void line_close(line_reader *r)
{
	if (r->fd >= 0) {
		close(r->fd);
	}
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' ||
	       ch == '\v';
}

/* Next whitespace-separated word of *p (n bytes in *len), or NULL. */
static const char *word_next(const char **p, size_t *len)
{
	const char *s = *p, *w;

	while (is_space(*s)) {
		s++;
	}
	if (*s == '\0' || *s == '#' || *s == ';') {
		*p = s;
		return NULL;
	}
	w = s;
	while (*s != '\0' && !is_space(*s) && *s != '#') {
		s++;
	}
	*p = s;
	*len = (size_t)(s - w);
	return w;
}

static char lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Case-insensitive equality of w (wn bytes) and the name h (hn bytes),
 * a final dot on w ignored. */
static int name_eq(const char *w, size_t wn, const char *h, size_t hn)
{
	size_t i;

	if (wn > 1 && w[wn - 1] == '.') {
		wn--;
	}
	if (wn != hn) {
		return 0;
	}
	for (i = 0; i < hn; i++) {
		if (lower(w[i]) != lower(h[i])) {
			return 0;
		}
	}
	return 1;
}

/* One hosts line: add its address if one of its names is host. */
static void hosts_line(const char *line, const char *host, size_t hn,
                       uint16_t port, tcas_posix_addrs *out)
{
	const char *p = line, *ip, *w;
	size_t iplen, wn;

	ip = word_next(&p, &iplen);
	if (ip == NULL) {
		return;
	}
	while ((w = word_next(&p, &wn)) != NULL) {
		if (name_eq(w, wn, host, hn)) {
			(void)parse_ip(ip, iplen, port, out);
			return;
		}
	}
}

static void hosts_lookup(const char *path, const char *host, size_t hn,
                         uint16_t port, tcas_posix_addrs *out)
{
	line_reader r;
	char *line;

	line_open(&r, path != NULL ? path : "/etc/hosts");
	while (line_next(&r, &line)) {
		hosts_line(line, host, hn, port, out);
	}
	line_close(&r);
}

/* host (hn bytes) is the special-use name sld (RFC 6761) or under it. */
static int special_name(const char *host, size_t hn, const char *sld)
{
	size_t n = strlen(sld);

	return name_eq(host, hn, sld, n) ||
	       (hn > n + 1 && host[hn - n - 1] == '.' &&
	        name_eq(host + hn - n, n, sld, n));
}

/* "localhost" and "*.localhost" (RFC 6761) when the hosts file is silent. */
static void localhost_default(const char *host, size_t hn, uint16_t port,
                              tcas_posix_addrs *out)
{
	static const uint8_t v4[4] = {127, 0, 0, 1};
	static const uint8_t v6[16] = {0, 0, 0, 0, 0, 0, 0, 0,
	                               0, 0, 0, 0, 0, 0, 0, 1};

	if (!special_name(host, hn, "localhost")) {
		return;
	}
	(void)tcas_posix_addrs_add(out, AF_INET, v4, port);
	(void)tcas_posix_addrs_add(out, AF_INET6, v6, port);
}

/* Up to NS_MAX "nameserver" addresses of resolv.conf, else 127.0.0.1. */
static void resolv_servers(const char *path, uint16_t port,
                           tcas_posix_addrs *ns)
{
	static const uint8_t lo[4] = {127, 0, 0, 1};
	line_reader r;
	char *line;

	ns->n = 0;
	line_open(&r, path != NULL ? path : "/etc/resolv.conf");
	while (ns->n < NS_MAX && line_next(&r, &line)) {
		const char *p = line, *w;
		size_t wn;

		w = word_next(&p, &wn);
		if (w == NULL || wn != 10 || memcmp(w, "nameserver", 10) != 0) {
			continue;
		}
		w = word_next(&p, &wn);
		if (w != NULL) {
			(void)parse_ip(w, wn, port, ns);
		}
	}
	line_close(&r);
	if (ns->n == 0) {
		(void)tcas_posix_addrs_add(ns, AF_INET, lo, port);
	}
}

/* ---- DNS messages -------------------------------------------------------- */

size_t tcas_posix_dns_name(const char *host, uint8_t out[256])
{
	size_t n = 0, lab = 0; /* lab: index of the current length byte */

	out[n++] = 0;
	for (; *host != '\0'; host++) {
		if (*host == '.') {
			if (out[lab] == 0 || n >= 255) {
				return 0; /* empty label */
			}
			lab = n;
			out[n++] = 0;
			if (host[1] == '\0') {
				return n; /* final dot: root label written */
			}
			continue;
		}
		if (out[lab] == 63 || n >= 254) {
			return 0;
		}
		out[lab]++;
		out[n++] = (uint8_t)lower(*host);
	}
	if (out[lab] == 0) {
		return 0;
	}
	out[n++] = 0;
	return n;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

/*
 * Read the name at *off (compression followed) into out, wire form, lower
 * case; *off moves past it. Pointers must go strictly backwards, each
 * before the previous target, so a loop cannot happen. 0, or -1 if the
 * name is malformed or leaves the packet.
 */
static int name_read(const uint8_t *p, size_t len, size_t *off,
                     uint8_t out[256], size_t *outlen)
{
	size_t o = *off, n = 0, limit = *off, jumps = 0;

	for (;;) {
		size_t l, i;

		if (o >= len) {
			return -1;
		}
		l = p[o];
		if ((l & 0xC0) == 0xC0) {
			size_t t;

			if (o + 1 >= len || ++jumps > PTR_JUMPS) {
				return -1;
			}
			t = (l & 0x3F) << 8 | p[o + 1];
			if (jumps == 1) {
				*off = o + 2;
			}
			if (t >= limit || t >= o) {
				return -1;
			}
			limit = o = t;
			continue;
		}
		if (l > 63 || n + 1 + l > 255 || o + 1 + l > len) {
			return -1;
		}
		out[n++] = (uint8_t)l;
		for (i = 0; i < l; i++) {
			out[n++] = (uint8_t)lower((char)p[o + 1 + i]);
		}
		o += 1 + l;
		if (l == 0) {
			if (jumps == 0) {
				*off = o;
			}
			*outlen = n;
			return 0;
		}
	}
}

typedef struct {
	uint8_t name[256];
	size_t nlen, rd, rdlen;
	uint16_t type, cls;
} dns_rr;

/* One resource record at *off. 0, or -1 if it leaves the packet. */
static int rr_read(const uint8_t *p, size_t len, size_t *off, dns_rr *rr)
{
	if (name_read(p, len, off, rr->name, &rr->nlen) != 0 ||
	    len - *off < 10) {
		return -1;
	}
	rr->type = get16(p + *off);
	rr->cls = get16(p + *off + 2);
	rr->rdlen = get16(p + *off + 8);
	rr->rd = *off + 10;
	if (len - rr->rd < rr->rdlen) {
		return -1;
	}
	*off = rr->rd + rr->rdlen;
	return 0;
}

static int wire_eq(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

/* Check the header and the question; the offset of the answer section, or
 * 0 if this is not the answer to our query. */
static size_t check_question(const uint8_t *p, size_t len, uint16_t id,
                             const uint8_t *qname, size_t qlen, uint16_t qtype)
{
	uint8_t name[256];
	size_t off = 12, nlen;

	if (len < 12 || get16(p) != id || (p[2] & 0x80) == 0 ||
	    (p[2] & 0x78) != 0 || get16(p + 4) != 1) {
		return 0;
	}
	if (name_read(p, len, &off, name, &nlen) != 0 || len - off < 4 ||
	    !wire_eq(name, nlen, qname, qlen) || get16(p + off) != qtype ||
	    get16(p + off + 2) != C_IN) {
		return 0;
	}
	return off + 4;
}

/* Count the answer records that are whole (*complete); -1 if one is cut
 * short or malformed, else 0. */
static int answers_count(const uint8_t *p, size_t len, size_t off, unsigned an,
                         unsigned *complete)
{
	dns_rr rr;

	for (*complete = 0; *complete < an; (*complete)++) {
		if (rr_read(p, len, &off, &rr) != 0) {
			return -1;
		}
	}
	return 0;
}

/* Follow the CNAME of cur (if any) among the first an records: 1 when cur
 * changed, 0 when it has none. */
static int cname_step(const uint8_t *p, size_t len, size_t off, unsigned an,
                      uint8_t cur[256], size_t *clen)
{
	dns_rr rr;
	unsigned i;

	for (i = 0; i < an; i++) {
		size_t t, tlen;
		uint8_t target[256];

		if (rr_read(p, len, &off, &rr) != 0) {
			return 0;
		}
		if (rr.type != T_CNAME || rr.cls != C_IN ||
		    !wire_eq(rr.name, rr.nlen, cur, *clen)) {
			continue;
		}
		t = rr.rd;
		if (name_read(p, rr.rd + rr.rdlen, &t, target, &tlen) != 0) {
			return 0;
		}
		memcpy(cur, target, tlen);
		*clen = tlen;
		return 1;
	}
	return 0;
}

/* Append the qtype records of name cur among the first an records. */
static size_t collect(const uint8_t *p, size_t len, size_t off, unsigned an,
                      const uint8_t *cur, size_t clen, uint16_t qtype,
                      uint16_t port, tcas_posix_addrs *out)
{
	size_t want = qtype == T_A ? 4 : 16, got = 0;
	dns_rr rr;
	unsigned i;

	for (i = 0; i < an && rr_read(p, len, &off, &rr) == 0; i++) {
		if (rr.type == qtype && rr.cls == C_IN && rr.rdlen == want &&
		    wire_eq(rr.name, rr.nlen, cur, clen)) {
			got++;
			(void)tcas_posix_addrs_add(
			    out, qtype == T_A ? AF_INET : AF_INET6, p + rr.rd,
			    port);
		}
	}
	return got;
}

int tcas_posix_dns_parse(const uint8_t *pkt, size_t len, uint16_t id,
                         const uint8_t *qname, size_t qlen, uint16_t qtype,
                         uint16_t port, tcas_posix_addrs *out)
{
	uint8_t cur[256];
	size_t off, clen = qlen;
	unsigned an, complete, hops = 0;
	int tc, rcode;

	if (pkt == NULL || qname == NULL || out == NULL || qlen > 255) {
		return TCAS_DNS_IGNORE;
	}
	off = check_question(pkt, len, id, qname, qlen, qtype);
	if (off == 0) {
		return TCAS_DNS_IGNORE;
	}
	tc = (pkt[2] & 0x02) != 0;
	rcode = pkt[3] & 0x0F;
	if (rcode == 3) {
		return TCAS_DNS_NXDOMAIN;
	}
	if (rcode != 0) {
		return TCAS_DNS_SRVFAIL;
	}
	an = get16(pkt + 6);
	if (answers_count(pkt, len, off, an, &complete) != 0 && !tc) {
		return TCAS_DNS_IGNORE; /* the count lies: malformed */
	}
	memcpy(cur, qname, qlen);
	while (hops < CNAME_HOPS &&
	       cname_step(pkt, len, off, complete, cur, &clen)) {
		hops++;
	}
	if (collect(pkt, len, off, complete, cur, clen, qtype, port, out) ==
	        0 &&
	    tc) {
		return TCAS_DNS_TRUNC;
	}
	return TCAS_DNS_OK;
}

/* ---- the stub resolver --------------------------------------------------- */

typedef struct {
	const tcas_posix_addrs *ns; /* servers, port set */
	uint8_t qname[256];
	size_t qlen;
	uint16_t id[2]; /* [0] A, [1] AAAA */
	int done[2];
	unsigned failed[2]; /* bit k: server k failed this type */
	tcas_posix_addrs got[2];
	int fd[2]; /* UDP sockets: [0] IPv4, [1] IPv6 */
	int trunc, advance;
	uint16_t port;  /* of the connect */
	uint64_t floor; /* end of the last wait poll() ran out */
} dns_lookup;

static const uint16_t qtypes[2] = {T_A, T_AAAA};

/* Send the query of type t to server k; its socket opened on first use
 * (unbound: the kernel picks an ephemeral source port, randomised on
 * Linux and the BSDs). 0, or -1 if it cannot be sent. */
static int send_query(dns_lookup *q, int t, size_t k)
{
	const tcas_posix_sa *s = &q->ns->a[k];
	int f = s->sa.sa_family == AF_INET6;
	uint8_t pkt[12 + 256 + 4];
	size_t n = 12;

	if (q->fd[f] < 0) {
		q->fd[f] = tcas_posix_socket(s->sa.sa_family, SOCK_DGRAM);
		if (q->fd[f] < 0) {
			return -1;
		}
	}
	memset(pkt, 0, 12);
	pkt[0] = (uint8_t)(q->id[t] >> 8);
	pkt[1] = (uint8_t)q->id[t];
	pkt[2] = 0x01; /* RD */
	pkt[5] = 1;    /* QDCOUNT */
	memcpy(pkt + n, q->qname, q->qlen);
	n += q->qlen;
	pkt[n++] = 0;
	pkt[n++] = (uint8_t)qtypes[t];
	pkt[n++] = 0;
	pkt[n++] = C_IN;
	return sendto(q->fd[f], pkt, n, 0, &s->sa,
	              (socklen_t)tcas_posix_sa_len(s)) == (ssize_t)n
	           ? 0
	           : -1;
}

/* Index of the server that sent from, or -1 if none did. */
static int server_of(const dns_lookup *q, const tcas_posix_sa *from)
{
	size_t k;

	for (k = 0; k < q->ns->n; k++) {
		const tcas_posix_sa *s = &q->ns->a[k];

		if (s->sa.sa_family != from->sa.sa_family) {
			continue;
		}
		if (s->sa.sa_family == AF_INET &&
		    s->v4.sin_port == from->v4.sin_port &&
		    s->v4.sin_addr.s_addr == from->v4.sin_addr.s_addr) {
			return (int)k;
		}
		if (s->sa.sa_family == AF_INET6 &&
		    s->v6.sin6_port == from->v6.sin6_port &&
		    memcmp(&s->v6.sin6_addr, &from->v6.sin6_addr, 16) == 0) {
			return (int)k;
		}
	}
	return -1;
}

/* Mark type t failed on server k; done when every server failed it. */
static void fail_type(dns_lookup *q, int t, size_t k)
{
	q->failed[t] |= 1u << k;
	if (q->failed[t] == (1u << q->ns->n) - 1u) {
		q->done[t] = 1;
	}
}

/* Handle one answer from server k (current: the server asked last).
 * TCAS_OK, or TCAS_E_NET_RESOLVE for NXDOMAIN. */
static int on_answer(dns_lookup *q, const uint8_t *pkt, size_t len, int k,
                     int current)
{
	int t;

	for (t = 0; t < 2; t++) {
		int r;

		if (q->done[t] || len < 2 || get16(pkt) != q->id[t]) {
			continue;
		}
		r = tcas_posix_dns_parse(pkt, len, q->id[t], q->qname, q->qlen,
		                         qtypes[t], q->port, &q->got[t]);
		if (r == TCAS_DNS_NXDOMAIN) {
			return TCAS_E_NET_RESOLVE;
		}
		if (r == TCAS_DNS_OK || r == TCAS_DNS_TRUNC) {
			q->trunc |= r == TCAS_DNS_TRUNC;
			q->done[t] = 1;
		} else if (r == TCAS_DNS_SRVFAIL) {
			fail_type(q, t, (size_t)k);
			q->advance |= k == current;
		}
	}
	return TCAS_OK;
}

/* Read every datagram waiting on fd. TCAS_OK or TCAS_E_NET_RESOLVE. */
static int drain(dns_lookup *q, int fd, int current)
{
	for (;;) {
		uint8_t pkt[TCAS_DNS_PKT_MAX];
		tcas_posix_sa from;
		socklen_t fl = sizeof from;
		ssize_t n;
		int k, rc;

		memset(&from, 0, sizeof from);
		n = recvfrom(fd, pkt, sizeof pkt, 0, &from.sa, &fl);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return TCAS_OK; /* EAGAIN: nothing more */
		}
		k = server_of(q, &from);
		if (k < 0) {
			continue;
		}
		rc = on_answer(q, pkt, (size_t)n, k, current);
		if (rc != TCAS_OK) {
			return rc;
		}
	}
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The clock, never before the end of a wait poll() ran out: a clock that
 * fails (reads 0) cannot make the lookup wait forever. */
static uint64_t now_ms(const dns_lookup *q)
{
	uint64_t t = tcas_posix_mono();

	return t > q->floor ? t : q->floor;
}

/* Wait for answers until end, or until the current server failed or both
 * types are done. TCAS_OK, TCAS_E_NET_RESOLVE, or TCAS_E_NET_IO if poll()
 * fails. */
static int wait_answers(dns_lookup *q, uint64_t end, int current)
{
	int delayed = 0;

	q->advance = 0;
	while (!(q->done[0] && q->done[1]) && !q->advance) {
		struct pollfd p[2];
		uint64_t now = now_ms(q);
		int i, n, rc;

		if (!delayed && (q->got[0].n > 0 || q->got[1].n > 0)) {
			delayed = 1;
			end = min64(end, now + RESOLUTION_DELAY);
		}
		if (now >= end) {
			return TCAS_OK;
		}
		for (i = 0; i < 2; i++) {
			p[i].fd = q->fd[i];
			p[i].events = POLLIN;
			p[i].revents = 0;
		}
		n = poll(p, 2, (int)min64(end - now, 60000));
		if (n == 0 && end - now <= 60000) {
			/* waited it out, whatever the clock says */
			q->floor = end;
			return TCAS_OK;
		}
		if (n < 0 && errno != EINTR) {
			return TCAS_E_NET_IO; /* not a busy loop of re-sends */
		}
		for (i = 0; n > 0 && i < 2; i++) {
			if (p[i].revents == 0) {
				continue;
			}
			rc = drain(q, q->fd[i], current);
			if (rc != TCAS_OK) {
				return rc;
			}
		}
	}
	return TCAS_OK;
}

/* Ask server k every type not yet answered that it has not failed; a
 * send failure fails it. The number of queries sent. */
static int ask(dns_lookup *q, int k)
{
	int t, sent = 0;

	for (t = 0; t < 2; t++) {
		if (q->done[t] || (q->failed[t] & (1u << k)) != 0) {
			continue;
		}
		if (send_query(q, t, (size_t)k) == 0) {
			sent++;
		} else {
			fail_type(q, t, (size_t)k);
		}
	}
	return sent;
}

/* Time given to one server before the next is asked. */
static uint64_t slice_ms(uint64_t left, size_t servers)
{
	uint64_t s = left / servers;

	s = s < SLICE_MIN ? SLICE_MIN : s > SLICE_MAX ? SLICE_MAX : s;
	return min64(s, left);
}

/* IPv4 and IPv6 answers alternating into out. */
static void merge(const dns_lookup *q, tcas_posix_addrs *out)
{
	size_t i;

	out->n = 0;
	for (i = 0; i < TCAS_DNS_ADDRS_MAX; i++) {
		int t;

		for (t = 0; t < 2; t++) {
			const tcas_posix_sa *a = &q->got[t].a[i];

			if (i < q->got[t].n && out->n < TCAS_DNS_ADDRS_MAX) {
				out->a[out->n++] = *a;
			}
		}
	}
}

/* The send/wait rounds over the servers until both types are settled,
 * one has addresses at the end of a slice, or the deadline. */
static int dns_rounds(dns_lookup *q, uint64_t deadline)
{
	size_t k = 0;

	while (!(q->done[0] && q->done[1])) {
		uint64_t now = now_ms(q), end;
		int rc;

		if (now >= deadline || q->got[0].n > 0 || q->got[1].n > 0) {
			break;
		}
		end = now + slice_ms(deadline - now, q->ns->n);
		rc = TCAS_OK;
		if (ask(q, (int)k) > 0) {
			rc = wait_answers(q, end, (int)k);
		}
		if (rc != TCAS_OK) {
			return rc;
		}
		k = (k + 1) % q->ns->n;
	}
	return TCAS_OK;
}

/* DNS over UDP for the wire name in q (qname set). */
static int dns_resolve(dns_lookup *q, uint64_t deadline, tcas_posix_addrs *out)
{
	uint8_t r[4];
	int rc;

	if (tcas_posix_random_fill(r, sizeof r) != TCAS_OK) {
		return TCAS_E_NET_RESOLVE;
	}
	q->id[0] = get16(r);
	q->id[1] = get16(r + 2);
	if (q->id[1] == q->id[0]) {
		q->id[1] ^= 1; /* tell the two answers apart */
	}
	rc = dns_rounds(q, deadline);
	merge(q, out);
	if (rc != TCAS_OK || out->n > 0) {
		return out->n > 0 ? TCAS_OK : rc;
	}
	if (!(q->done[0] && q->done[1])) {
		return TCAS_E_NET_TIMEOUT;
	}
	return q->trunc ? TCAS_DNS_TRUNC : TCAS_E_NET_RESOLVE;
}

#if TCAS_WITH_GETADDRINFO
/* getaddrinfo(), not bounded by any deadline. */
static int gai_resolve(const char *host, uint16_t port, tcas_posix_addrs *out)
{
	struct addrinfo hints, *list = NULL, *ai;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &list) != 0 || list == NULL) {
		return TCAS_E_NET_RESOLVE;
	}
	for (ai = list; ai != NULL; ai = ai->ai_next) {
		tcas_posix_sa a;

		if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6) ||
		    ai->ai_addrlen > sizeof a) {
			continue;
		}
		memcpy(&a, ai->ai_addr, ai->ai_addrlen);
		(void)tcas_posix_addrs_add(out, ai->ai_family,
		                           ai->ai_family == AF_INET
		                               ? (const void *)&a.v4.sin_addr
		                               : (const void *)&a.v6.sin6_addr,
		                           port);
	}
	freeaddrinfo(list);
	return out->n > 0 ? TCAS_OK : TCAS_E_NET_RESOLVE;
}
#else
static int gai_resolve(const char *host, uint16_t port, tcas_posix_addrs *out)
{
	(void)host;
	(void)port;
	(void)out;
	return TCAS_E_NET_RESOLVE; /* a truncated answer, no TCP fallback */
}
#endif

/* Name lookup through hosts, then DNS. */
static int name_resolve(const tcas_posix *c, const char *host, uint16_t port,
                        uint64_t deadline, tcas_posix_addrs *out)
{
	tcas_posix_addrs ns;
	dns_lookup q;
	size_t hn = strlen(host);
	int rc;

	memset(&q, 0, sizeof q);
	q.qlen = tcas_posix_dns_name(host, q.qname);
	if (q.qlen == 0) {
		return TCAS_E_ARG;
	}
	if (host[hn - 1] == '.') {
		hn--; /* valid name: "." alone was refused */
	}
	hosts_lookup(c->hosts_path, host, hn, port, out);
	if (out->n == 0) {
		localhost_default(host, hn, port, out);
	}
	if (out->n > 0) {
		return TCAS_OK;
	}
	if (special_name(host, hn, "invalid")) {
		return TCAS_E_NET_RESOLVE; /* RFC 6761: never asked */
	}
	resolv_servers(c->resolv_path, c->dns_port != 0 ? c->dns_port : 53,
	               &ns);
	q.ns = &ns;
	q.port = port;
	q.fd[0] = q.fd[1] = -1;
	rc = dns_resolve(&q, deadline, out);
	if (q.fd[0] >= 0) {
		close(q.fd[0]);
	}
	if (q.fd[1] >= 0) {
		close(q.fd[1]);
	}
	if (rc == TCAS_DNS_TRUNC) {
		/* Too big for UDP: libc's resolver (TCP) if time is left. */
		rc = tcas_posix_mono() < deadline ? gai_resolve(host, port, out)
		                                  : TCAS_E_NET_TIMEOUT;
	}
	return rc;
}

int tcas_posix_resolve(const tcas_posix *c, const char *host, uint16_t port,
                       uint64_t deadline, tcas_posix_addrs *out)
{
	if (c == NULL || host == NULL || host[0] == '\0' || out == NULL) {
		return TCAS_E_ARG;
	}
	out->n = 0;
	if (parse_ip(host, strlen(host), port, out)) {
		return TCAS_OK;
	}
	if (c->use_getaddrinfo) {
		return gai_resolve(host, port, out);
	}
	return name_resolve(c, host, port, deadline, out);
}
