/* HTTP/1.1 request head writer and response reader; contract in tcas/http.h. */
#include "inner.h"
#include "tcas/http.h"

/* ---- character classes (RFC 9110 section 5.6) -------------------------- */

static int is_tchar(unsigned c)
{
	/* bit c - 32: 0-9 A-Z a-z !#$%&'*+-.^_`|~ */
	static const uint8_t tchar[12] = {0xfa, 0x6c, 0xff, 0x03, 0xfe, 0xff,
	                                  0xff, 0xc7, 0xff, 0xff, 0xff, 0x57};

	c -= 32;
	return c < 96 && (tchar[c >> 3] >> (c & 7) & 1);
}

/* field-vchar / obs-text / SP / HTAB: anything but a control character. */
static int is_vchar(unsigned c)
{
	return c == ' ' || c == '\t' || (c > 0x20 && c != 0x7f);
}

static int is_ows(unsigned c)
{
	return c == ' ' || c == '\t';
}

static unsigned lower(unsigned c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* s[0..n) equals the NUL-terminated lower-case word w, ignoring case. */
static int eq_nocase(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] == '\0' || lower((unsigned char)s[i]) !=
		                        lower((unsigned char)w[i]))
			return 0;
	return w[n] == '\0';
}

/* ---- request head ------------------------------------------------------ */

struct wr {
	char *p;
	size_t cap, len;
	int err;
};

static void put(struct wr *w, const char *s, size_t n)
{
	if (w->err)
		return;
	if (n > w->cap - w->len) {
		w->err = TCAS_E_HTTP_REQ_TOO_LARGE;
		return;
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
}

static void put_s(struct wr *w, const char *s)
{
	put(w, s, strlen(s));
}

/* v in decimal into d, NUL-terminated; returns the first digit. */
static const char *dec_str(uint64_t v, char d[TCAS_DEC_MAX + 1])
{
	d[TCAS_DEC_MAX] = '\0';
	return tcas_dec(v, d);
}

/* The headers in the order sent, NUL-separated; REQUIRED marks those that
 * must be present and non-empty (the others are left out when NULL). */
static const char hdr_names[] =
    "Host\0Content-Type\0Content-Length\0X-TC-Action\0X-TC-Version\0"
    "X-TC-Timestamp\0X-TC-Region\0X-TC-Token\0X-TC-Language\0"
    "Authorization\0User-Agent";
#define HDR_COUNT 11
#define REQUIRED 0x23Fu /* Host .. X-TC-Timestamp, Authorization */

/* 1 when s may be sent as a header value. */
static int value_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if (!is_vchar((unsigned char)*s))
			return 0;
	return 1;
}

static int write_head(const tcas_http_req *r, struct wr *w)
{
	char cl[TCAS_DEC_MAX + 1], ts[TCAS_DEC_MAX + 1];
	const char *v[HDR_COUNT], *name = hdr_names;
	unsigned i;

	v[0] = r->host;
	v[1] = r->content_type;
	v[2] = dec_str((uint64_t)r->body_len, cl);
	v[3] = r->action;
	v[4] = r->version;
	v[5] = dec_str((uint64_t)r->timestamp, ts);
	v[6] = r->region;
	v[7] = r->token;
	v[8] = r->language;
	v[9] = r->authorization;
	v[10] = r->user_agent;
	if (r->timestamp < 0)
		return TCAS_E_ARG;
	for (i = 0; i < HDR_COUNT; i++)
		if ((REQUIRED >> i & 1u) ? (v[i] == NULL || v[i][0] == '\0' ||
		                            !value_ok(v[i]))
		                         : (v[i] != NULL && !value_ok(v[i])))
			return TCAS_E_ARG;
	put_s(w, "POST / HTTP/1.1\r\n");
	for (i = 0; i < HDR_COUNT; i++, name += strlen(name) + 1) {
		if (v[i] == NULL)
			continue;
		put_s(w, name);
		put(w, ": ", 2);
		put_s(w, v[i]);
		put(w, "\r\n", 2);
	}
	if (!r->keep_alive)
		put_s(w, "Connection: close\r\n");
	put(w, "\r\n", 2);
	return w->err;
}

int tcas_http_write_head(const tcas_http_req *r, char *out, size_t cap,
                         size_t *len)
{
	struct wr w;
	int rc;

	if (len != NULL)
		*len = 0;
	if (r == NULL || out == NULL || len == NULL)
		return TCAS_E_ARG;
	w.p = out;
	w.cap = cap;
	w.len = 0;
	w.err = TCAS_OK;
	rc = write_head(r, &w);
	if (rc == TCAS_OK)
		*len = w.len;
	return rc;
}

/* ---- response reader: head --------------------------------------------- */

enum {
	ST_HEAD,        /* status line and headers, stored in head[] */
	ST_CL,          /* body of Content-Length bytes (left to go) */
	ST_CLOSE,       /* body delimited by the end of the connection */
	ST_CHUNK_LINE,  /* chunk-size [ext] CRLF */
	ST_CHUNK_DATA,  /* chunk bytes (left to go) */
	ST_CHUNK_END,   /* CRLF after chunk data */
	ST_TRAILER,     /* trailer fields, then the final empty line */
	ST_DONE
};

/* What the headers of one response say about framing. */
struct hinfo {
	int minor;
	int cl_seen;
	uint64_t cl;
	int te_seen, te_chunked, te_other;
	int conn_close, conn_ka;
};

static size_t body_room(const tcas_http_resp *r)
{
	size_t usable = r->body_cap ? r->body_cap - 1 : 0;

	return usable - r->body_len;
}

/* Next line of p[0..n): its length without CR LF; returns the offset of the
 * line after it (n when there is no LF). */
static size_t line_next(const char *p, size_t n, size_t *len)
{
	const char *lf = memchr(p, '\n', n);
	size_t end = lf ? (size_t)(lf - p) : n;

	*len = (end > 0 && p[end - 1] == '\r') ? end - 1 : end;
	return lf ? end + 1 : n;
}

/* "HTTP/1.x 200 reason": sets *status and *minor. */
static int parse_status(const char *p, size_t n, int *status, int *minor)
{
	size_t i;

	if (n < 12 || memcmp(p, "HTTP/1.", 7) != 0 || p[7] < '0' ||
	    p[7] > '9' || p[8] != ' ')
		return TCAS_E_HTTP_MALFORMED;
	if (p[9] < '1' || p[9] > '5' || p[10] < '0' || p[10] > '9' ||
	    p[11] < '0' || p[11] > '9' || (n > 12 && p[12] != ' '))
		return TCAS_E_HTTP_MALFORMED;
	for (i = 13; i < n; i++)
		if (!is_vchar((unsigned char)p[i]))
			return TCAS_E_HTTP_MALFORMED;
	*status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
	*minor = p[7] - '0';
	return TCAS_OK;
}

/* "name: value": splits a header line, value trimmed of OWS. A line that
 * starts with whitespace (obs-fold) has no name and is refused. */
static int parse_field(const char *p, size_t n, size_t *nlen,
                       const char **val, size_t *vlen)
{
	size_t i = 0, b, e;

	while (i < n && is_tchar((unsigned char)p[i]))
		i++;
	if (i == 0 || i == n || p[i] != ':')
		return TCAS_E_HTTP_MALFORMED;
	*nlen = i;
	for (b = i + 1; b < n && is_ows((unsigned char)p[b]); b++)
		;
	for (e = n; e > b && is_ows((unsigned char)p[e - 1]); e--)
		;
	for (i = b; i < e; i++)
		if (!is_vchar((unsigned char)p[i]))
			return TCAS_E_HTTP_MALFORMED;
	*val = p + b;
	*vlen = e - b;
	return TCAS_OK;
}

static int parse_cl(struct hinfo *h, const char *v, size_t n)
{
	size_t i;
	uint64_t x = 0;

	if (h->cl_seen || n == 0)
		return TCAS_E_HTTP_MALFORMED;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned char)v[i] - (unsigned)'0';

		/* x * 10 + d > UINT64_MAX, without a 64-bit division */
		if (d > 9 || x > UINT64_MAX / 10 ||
		    (x == UINT64_MAX / 10 && d > UINT64_MAX % 10))
			return TCAS_E_HTTP_MALFORMED;
		x = x * 10 + d;
	}
	h->cl_seen = 1;
	h->cl = x;
	return TCAS_OK;
}

/* One element of a Transfer-Encoding or Connection list. */
static int list_elem(struct hinfo *h, int te, const char *s, size_t n)
{
	if (!te) {
		if (eq_nocase(s, n, "close"))
			h->conn_close = 1;
		else if (eq_nocase(s, n, "keep-alive"))
			h->conn_ka = 1;
		return TCAS_OK;
	}
	if (!eq_nocase(s, n, "chunked"))
		h->te_other = 1;
	else if (h->te_chunked)
		return TCAS_E_HTTP_MALFORMED;
	else
		h->te_chunked = 1;
	return TCAS_OK;
}

/* #element list (RFC 9110 5.6.1): empty elements are allowed and skipped,
 * but a Transfer-Encoding must name at least one coding. */
static int parse_list(struct hinfo *h, int te, const char *v, size_t n)
{
	size_t i = 0, b, e, count = 0;
	int rc;

	while (i <= n) {
		for (b = i; b < n && v[b] != ','; b++)
			;
		e = b;
		while (i < e && is_ows((unsigned char)v[i]))
			i++;
		while (e > i && is_ows((unsigned char)v[e - 1]))
			e--;
		if (e > i) {
			rc = list_elem(h, te, v + i, e - i);
			if (rc != TCAS_OK)
				return rc;
			count++;
		}
		i = b + 1;
	}
	if (te && count == 0)
		return TCAS_E_HTTP_MALFORMED;
	h->te_seen |= te;
	return TCAS_OK;
}

/* The header field at *off in the stored head (past the status line): its
 * name (*nlen bytes at *name) and value; *off moves past it.
 * TCAS_E_HTTP_NO_HEADER at the empty line that ends the head. */
static int field_at(const tcas_http_resp *r, size_t *off, const char **name,
                    size_t *nlen, const char **val, size_t *vlen)
{
	size_t n;

	*name = r->head + *off;
	if (*off >= r->head_len)
		return TCAS_E_HTTP_NO_HEADER;
	*off += line_next(*name, r->head_len - *off, &n);
	if (n == 0)
		return TCAS_E_HTTP_NO_HEADER;
	return parse_field(*name, n, nlen, val, vlen);
}

/* Parse the complete head in head[0..head_len); *status gets the code. */
static int parse_head(const tcas_http_resp *r, struct hinfo *h, int *status)
{
	const char *p, *v;
	size_t off, n, vlen;
	int rc;

	memset(h, 0, sizeof *h);
	off = line_next(r->head, r->head_len, &n);
	rc = parse_status(r->head, n, status, &h->minor);
	while (rc == TCAS_OK &&
	       (rc = field_at(r, &off, &p, &n, &v, &vlen)) == TCAS_OK) {
		if (eq_nocase(p, n, "content-length"))
			rc = parse_cl(h, v, vlen);
		else if (eq_nocase(p, n, "transfer-encoding"))
			rc = parse_list(h, 1, v, vlen);
		else if (eq_nocase(p, n, "connection"))
			rc = parse_list(h, 0, v, vlen);
	}
	return rc == TCAS_E_HTTP_NO_HEADER ? TCAS_OK : rc;
}

/* Decide how the body is delimited once the final head is in. */
static int frame_body(tcas_http_resp *r, const struct hinfo *h)
{
	if (h->te_seen) {
		if (h->cl_seen || h->minor == 0)
			return TCAS_E_HTTP_MALFORMED;
		if (h->te_other)
			return TCAS_E_HTTP_UNSUPPORTED;
	}
	r->keep_alive = h->minor >= 1 ? !h->conn_close
	                              : (h->conn_ka && !h->conn_close);
	if (r->status == 204 || r->status == 304) {
		r->state = ST_DONE;
	} else if (h->te_seen) {
		r->chunked = 1;
		r->state = ST_CHUNK_LINE;
	} else if (h->cl_seen) {
		if (h->cl > (uint64_t)body_room(r))
			return TCAS_E_HTTP_BODY_TOO_LARGE;
		r->left = h->cl;
		r->state = h->cl == 0 ? ST_DONE : ST_CL;
	} else {
		r->keep_alive = 0;
		r->state = ST_CLOSE;
	}
	return TCAS_OK;
}

static int head_end(tcas_http_resp *r)
{
	struct hinfo h;
	int status = 0;
	int rc = parse_head(r, &h, &status);

	if (rc != TCAS_OK)
		return rc;
	if (status == 101)
		return TCAS_E_HTTP_UNSUPPORTED;
	if (status < 200) { /* interim response: forget it, read the next */
		r->head_len = 0;
		return TCAS_MORE;
	}
	r->status = status;
	return frame_body(r, &h);
}

/* ---- response reader: lines ------------------------------------------- */

/* Every line outside the body (head, chunk-size line, CRLF after chunk
 * data, trailer) goes through line_byte(): CR only before LF, the head
 * stored and bounded by head_cap, the other lines only counted (nline)
 * against head_cap. */

enum { CS_NONE, CS_DIGITS, CS_BWS, CS_EXT }; /* sub in ST_CHUNK_LINE */
enum { TR_START, TR_NAME, TR_VALUE };        /* sub in ST_TRAILER */

static int chunk_line_end(tcas_http_resp *r, int sub)
{
	r->nline = 0;
	if (sub == CS_NONE)
		return TCAS_E_HTTP_MALFORMED;
	if (r->left == 0) {
		r->state = ST_TRAILER;
		return TCAS_MORE;
	}
	if (r->left > (uint64_t)body_room(r))
		return TCAS_E_HTTP_BODY_TOO_LARGE;
	r->state = ST_CHUNK_DATA;
	return TCAS_MORE;
}

/* chunk-size line: size in hex, optional whitespace and extensions (checked
 * for control characters, otherwise ignored). */
static int chunk_size_byte(tcas_http_resp *r, unsigned c)
{
	int d = tcas_hexval(c);

	if (r->sub <= CS_DIGITS && d >= 0) {
		if (r->left > (UINT64_MAX >> 4))
			return TCAS_E_HTTP_MALFORMED; /* beyond 64 bits */
		r->left = (r->left << 4) | (uint64_t)d;
		r->sub = CS_DIGITS;
		return TCAS_MORE;
	}
	if (r->sub == CS_NONE)
		return TCAS_E_HTTP_MALFORMED;
	if (r->sub == CS_DIGITS)
		r->sub = CS_BWS;
	if (r->sub == CS_BWS) {
		if (c == ';')
			r->sub = CS_EXT;
		else if (!is_ows(c))
			return TCAS_E_HTTP_MALFORMED;
		return TCAS_MORE;
	}
	return is_vchar(c) ? TCAS_MORE : TCAS_E_HTTP_MALFORMED;
}

/* Trailer fields: syntax-checked like headers, then discarded. All of them
 * together are bounded by head_cap. */
static int trailer_byte(tcas_http_resp *r, unsigned c)
{
	if (r->sub == TR_VALUE)
		return is_vchar(c) ? TCAS_MORE : TCAS_E_HTTP_MALFORMED;
	if (is_tchar(c)) {
		r->sub = TR_NAME;
		return TCAS_MORE;
	}
	if (r->sub == TR_NAME && c == ':') {
		r->sub = TR_VALUE;
		return TCAS_MORE;
	}
	return TCAS_E_HTTP_MALFORMED;
}

/* A byte of a line other than CR and LF. */
static int line_char(tcas_http_resp *r, unsigned c)
{
	switch (r->state) {
	case ST_HEAD:
		r->sub = 1; /* the line is not empty */
		return TCAS_MORE;
	case ST_CHUNK_LINE:
		return chunk_size_byte(r, c);
	case ST_TRAILER:
		return trailer_byte(r, c);
	default: /* ST_CHUNK_END: CRLF only */
		return TCAS_E_HTTP_MALFORMED;
	}
}

static int line_end(tcas_http_resp *r)
{
	int sub = r->sub;

	r->sub = 0;
	switch (r->state) {
	case ST_HEAD:
		return sub == 0 ? head_end(r) : TCAS_MORE;
	case ST_CHUNK_LINE:
		return chunk_line_end(r, sub);
	case ST_CHUNK_END:
		r->nline = 0;
		r->state = ST_CHUNK_LINE;
		return TCAS_MORE;
	default: /* ST_TRAILER */
		if (sub == TR_START) {
			r->state = ST_DONE;
			return TCAS_OK;
		}
		return sub == TR_VALUE ? TCAS_MORE : TCAS_E_HTTP_MALFORMED;
	}
}

static int line_byte(tcas_http_resp *r, unsigned c)
{
	int head = r->state == ST_HEAD;

	if (r->cr && c != '\n')
		return TCAS_E_HTTP_MALFORMED; /* bare CR */
	if ((head ? r->head_len : r->nline) >= r->head_cap)
		return TCAS_E_HTTP_HEAD_TOO_LARGE;
	if (head)
		r->head[r->head_len++] = (char)c;
	else
		r->nline++;
	r->cr = c == '\r';
	if (c == '\r')
		return TCAS_MORE;
	return c == '\n' ? line_end(r) : line_char(r, c);
}

/* ---- response reader: body --------------------------------------------- */

static void body_put(tcas_http_resp *r, const uint8_t *p, size_t n)
{
	memcpy(r->body + r->body_len, p, n);
	r->body_len += n;
	r->body[r->body_len] = '\0';
}

/* Body bytes of a known length (Content-Length or one chunk). */
static int body_counted(tcas_http_resp *r, const uint8_t *p, size_t n,
                        size_t *k)
{
	size_t take = r->left < (uint64_t)n ? (size_t)r->left : n;

	body_put(r, p, take);
	r->left -= take;
	*k = take;
	if (r->left != 0)
		return TCAS_MORE;
	r->state = r->state == ST_CL ? ST_DONE : ST_CHUNK_END;
	return TCAS_MORE;
}

static int body_close(tcas_http_resp *r, const uint8_t *p, size_t n,
                      size_t *k)
{
	if (n > body_room(r))
		return TCAS_E_HTTP_BODY_TOO_LARGE;
	body_put(r, p, n);
	*k = n;
	return TCAS_MORE;
}

/* Consume some of p[0..n) (n > 0); *k = bytes consumed. */
static int step(tcas_http_resp *r, const uint8_t *p, size_t n, size_t *k)
{
	*k = 1;
	switch (r->state) {
	case ST_HEAD:
	case ST_CHUNK_LINE:
	case ST_CHUNK_END:
	case ST_TRAILER:
		return line_byte(r, p[0]);
	case ST_CL:
	case ST_CHUNK_DATA:
		return body_counted(r, p, n, k);
	case ST_CLOSE:
		return body_close(r, p, n, k);
	default:
		*k = 0;
		return TCAS_E_INTERNAL;
	}
}

static int feed_run(tcas_http_resp *r, const uint8_t *p, size_t n,
                    size_t *used)
{
	size_t i = 0, k;
	int rc = TCAS_MORE;

	while (i < n && rc >= 0 && r->state != ST_DONE) {
		k = 0;
		rc = step(r, p + i, n - i, &k);
		i += k;
	}
	*used = i;
	r->seen += i;
	if (rc < 0)
		r->err = rc;
	else
		rc = r->state == ST_DONE ? TCAS_OK : TCAS_MORE;
	return rc;
}

void tcas_http_resp_init(tcas_http_resp *r, char *head, size_t head_cap,
                         char *body, size_t body_cap)
{
	if (r == NULL)
		return;
	memset(r, 0, sizeof *r);
	r->head = head;
	r->head_cap = head != NULL ? head_cap : 0;
	r->body = body;
	r->body_cap = body != NULL ? body_cap : 0;
	r->state = ST_HEAD;
	if (r->body_cap > 0)
		r->body[0] = '\0';
}

int tcas_http_resp_feed(tcas_http_resp *r, const uint8_t *data, size_t len,
                        size_t *used)
{
	if (used != NULL)
		*used = 0;
	if (r == NULL || used == NULL || (data == NULL && len > 0))
		return TCAS_E_ARG;
	if (r->err != TCAS_OK)
		return r->err;
	return feed_run(r, data, len, used);
}

int tcas_http_resp_eof(tcas_http_resp *r)
{
	if (r == NULL)
		return TCAS_E_ARG;
	if (r->err != TCAS_OK)
		return r->err;
	if (r->state == ST_CLOSE)
		r->state = ST_DONE;
	if (r->state != ST_DONE)
		r->err = TCAS_E_HTTP_TRUNCATED;
	return r->err;
}

int tcas_http_resp_started(const tcas_http_resp *r)
{
	return r != NULL && r->seen > 0;
}

int tcas_http_resp_header(const tcas_http_resp *r, const char *name,
                          const char **val, size_t *len)
{
	const char *line;
	size_t off, n;
	int rc;

	if (r == NULL || name == NULL || val == NULL || len == NULL)
		return TCAS_E_ARG;
	if (r->status == 0) /* set only once the final head is in */
		return TCAS_E_STATE;
	off = line_next(r->head, r->head_len, &n);
	while ((rc = field_at(r, &off, &line, &n, val, len)) !=
	       TCAS_E_HTTP_NO_HEADER)
		if (rc == TCAS_OK && eq_nocase(line, n, name))
			return TCAS_OK;
	*val = NULL;
	*len = 0;
	return TCAS_E_HTTP_NO_HEADER;
}

const char *tcas_http_resp_body(const tcas_http_resp *r)
{
	return r != NULL ? r->body : NULL;
}
