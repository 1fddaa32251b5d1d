/* HTTP/1.1 request head writer and response reader; contract in tcas/http.h. */
#include "inner.h"
#include "tcas/http.h"

/* ---- character classes (RFC 9110 section 5.6) ---------------------------- */

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
	return c >= 0x20 ? c != 0x7f : c == '\t';
}

static int is_ows(unsigned c)
{
	return c == ' ' || c == '\t';
}

static unsigned lower(unsigned c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* s[0..n) equals the NUL-terminated word w, ignoring case. s holds no NUL
 * (it is a field name or list element): a NUL in w never matches it. */
static int eq_nocase(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lower((unsigned char)w[i]))
			return 0;
	return w[n] == '\0';
}

/* ---- request head -------------------------------------------------------- */

struct wr {
	char *p;
	size_t cap, len;
	int err;
};

/* Append s. With check, a control character in s makes the request invalid:
 * TCAS_E_ARG, which wins over running out of room. */
static void put(struct wr *w, const char *s, int check)
{
	for (; *s != '\0'; s++) {
		if (check && !is_vchar((unsigned char)*s))
			w->err = TCAS_E_ARG;
		if (w->len < w->cap)
			w->p[w->len++] = *s;
		else if (w->err == TCAS_OK)
			w->err = TCAS_E_HTTP_REQ_TOO_LARGE;
	}
}

/* Where a header's value comes from. */
enum {
	V_STR,      /* a const char * of tcas_http_req, at field */
	V_BODY_LEN, /* body_len, in decimal */
	V_TIMESTAMP /* timestamp, in decimal */
};

#define FIELD(m) offsetof(tcas_http_req, m)

/* Whether a header must be present and not empty; an optional one is left
 * out when its value is NULL. */
enum { OPTIONAL, REQUIRED };

/* The headers, in the order sent. */
static const struct hdr {
	const char *name;
	uint8_t value; /* V_* */
	uint8_t field; /* V_STR: offset of the pointer in tcas_http_req */
	uint8_t need;  /* OPTIONAL, REQUIRED */
} hdrs[] = {
    {"Host", V_STR, FIELD(host), REQUIRED},
    {"Content-Type", V_STR, FIELD(content_type), REQUIRED},
    {"Content-Length", V_BODY_LEN, 0, REQUIRED},
    {"X-TC-Action", V_STR, FIELD(action), REQUIRED},
    {"X-TC-Version", V_STR, FIELD(version), REQUIRED},
    {"X-TC-Timestamp", V_TIMESTAMP, 0, REQUIRED},
    {"X-TC-Region", V_STR, FIELD(region), OPTIONAL},
    {"X-TC-Token", V_STR, FIELD(token), OPTIONAL},
    {"X-TC-Language", V_STR, FIELD(language), OPTIONAL},
    {"Authorization", V_STR, FIELD(authorization), REQUIRED},
    {"User-Agent", V_STR, FIELD(user_agent), OPTIONAL},
};

/* The value of header h in r; the numbers are written into num. */
static const char *hdr_value(const tcas_http_req *r, const struct hdr *h,
                             char num[TCAS_DEC_MAX + 1])
{
	num[TCAS_DEC_MAX] = '\0';
	if (h->value == V_BODY_LEN)
		return tcas_dec((uint64_t)r->body_len, num);
	if (h->value == V_TIMESTAMP)
		return tcas_dec((uint64_t)r->timestamp, num);
	return *(const char *const *)(const void *)((const char *)r + h->field);
}

static int write_head(const tcas_http_req *r, struct wr *w)
{
	char num[TCAS_DEC_MAX + 1];
	const struct hdr *h;
	const char *v;

	if (r->timestamp < 0)
		return TCAS_E_ARG;
	put(w, "POST / HTTP/1.1\r\n", 0);
	for (h = hdrs; h < hdrs + TCAS_COUNTOF(hdrs); h++) {
		v = hdr_value(r, h, num);
		if (h->need == REQUIRED && (v == NULL || v[0] == '\0'))
			return TCAS_E_ARG;
		if (v == NULL)
			continue;
		put(w, h->name, 0);
		put(w, ": ", 0);
		put(w, v, 1);
		put(w, "\r\n", 0);
	}
	if (!r->keep_alive)
		put(w, "Connection: close\r\n", 0);
	put(w, "\r\n", 0);
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

/* ---- response reader: head ----------------------------------------------- */

enum {
	ST_LINE,    /* a line outside the body; sub says which (L_*) */
	ST_COUNTED, /* Content-Length body or one chunk's data (left to go) */
	ST_CLOSE,   /* body delimited by the end of the connection */
	ST_DONE
};

/* sub in ST_LINE: which line, and how far it got. Every line outside the
 * body goes through line_byte(): CR only before LF, the head stored and
 * bounded by head_cap, the other lines only counted (nline) against
 * head_cap. The order makes ranges that line_byte() and line_char() test
 * (asserted below):
 *   L_HEAD .. L_HEAD_TXT    the head's lines (stored)
 *   L_SIZE0 .. L_SIZE       a hex digit may come
 *   L_EXT .. L_TR_VALUE     any text but control characters
 *   L_TR .. L_TR_NAME       a trailer line's name (the last states) */
enum {
	L_HEAD,     /* head line, empty so far (the empty one ends the head) */
	L_HEAD_TXT, /* head line with text (status line or field) */
	L_SIZE0,    /* chunk-size line, no digit yet */
	L_SIZE,     /* chunk-size digits */
	L_BWS,      /* whitespace after the size */
	L_CRLF,     /* CRLF after chunk data */
	L_EXT,      /* chunk extensions: checked for control characters */
	L_TR_VALUE, /* trailer field value */
	L_TR,       /* trailer line, empty so far (the empty one ends all) */
	L_TR_NAME   /* trailer field name */
};
typedef char
    line_ranges_hold[L_HEAD_TXT == L_HEAD + 1 && L_SIZE == L_SIZE0 + 1 &&
                             L_SIZE0 == L_HEAD_TXT + 1 &&
                             L_TR_VALUE == L_EXT + 1 &&
                             L_TR == L_TR_VALUE + 1 && L_TR_NAME == L_TR + 1
                         ? 1
                         : -1];

static int line_in_head(int sub)
{
	return sub <= L_HEAD_TXT;
}

/* What the header fields of one response say about framing. */
enum {
	H_CL = 1,         /* Content-Length */
	H_TE = 2,         /* Transfer-Encoding */
	H_CHUNKED = 4,    /* ... naming chunked */
	H_TE_OTHER = 8,   /* ... naming another coding */
	H_CLOSE = 16,     /* Connection: close */
	H_KEEP_ALIVE = 32 /* Connection: keep-alive */
};

static size_t body_room(const tcas_http_resp *r)
{
	size_t usable = r->body_cap ? r->body_cap - 1 : 0;

	return usable - r->body_len;
}

/* *x = *x * base + d (base <= 16, d < base) in 32-bit halves, without a
 * 64-bit multiply; nonzero when the result does not fit 64 bits. */
static int mul_add(uint64_t *x, unsigned base, unsigned d)
{
	uint64_t lo = (uint64_t)(uint32_t)*x * base + d;
	uint64_t hi = (uint64_t)(uint32_t)(*x >> 32) * base + (lo >> 32);

	*x = hi << 32 | (uint32_t)lo;
	return hi >> 32 != 0;
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

static int is_digit(unsigned c)
{
	return c - '0' < 10u;
}

/* "HTTP/1.x 200 reason": sets *status and *minor. */
static int parse_status(const char *p, size_t n, int *status, int *minor)
{
	size_t i;

	if (n < 12 || memcmp(p, "HTTP/1.", 7) != 0 ||
	    !is_digit((unsigned char)p[7]) || p[8] != ' ' || p[9] < '1' ||
	    p[9] > '5' || !is_digit((unsigned char)p[10]) ||
	    !is_digit((unsigned char)p[11]))
		return TCAS_E_HTTP_MALFORMED;
	/* reason: SP, then field-vchars */
	for (i = 12; i < n; i++)
		if (!is_vchar((unsigned char)p[i]) || (i == 12 && p[i] != ' '))
			return TCAS_E_HTTP_MALFORMED;
	*status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
	*minor = p[7] - '0';
	return TCAS_OK;
}

/* "name: value": splits a header line, value trimmed of OWS. A line that
 * starts with whitespace (obs-fold) has no name and is refused. */
static int parse_field(const char *p, size_t n, size_t *nlen, const char **val,
                       size_t *vlen)
{
	size_t i = 0, b = n, e = n; /* value text p[b..e) */

	while (i < n && is_tchar((unsigned char)p[i]))
		i++;
	if (i == 0 || i == n || p[i] != ':')
		return TCAS_E_HTTP_MALFORMED;
	*nlen = i;
	while (++i < n) {
		if (!is_vchar((unsigned char)p[i]))
			return TCAS_E_HTTP_MALFORMED;
		if (!is_ows((unsigned char)p[i])) {
			if (b == n)
				b = i;
			e = i + 1;
		}
	}
	*val = p + b;
	*vlen = e - b;
	return TCAS_OK;
}

/* Index of s[0..n) in the NUL-separated lower-case words of ws (ended by
 * an empty word), ignoring case; the number of words when absent. */
static unsigned word_at(const char *s, size_t n, const char *ws)
{
	unsigned i;

	for (i = 0; *ws != '\0' && !eq_nocase(s, n, ws); i++)
		ws += strlen(ws) + 1;
	return i;
}

/* Content-Length: 1*DIGIT, at most once, within 64 bits. */
static int parse_cl(unsigned *f, uint64_t *cl, const char *v, size_t n)
{
	size_t i;

	if ((*f & H_CL) || n == 0)
		return TCAS_E_HTTP_MALFORMED;
	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)v[i]) ||
		    mul_add(cl, 10, (unsigned char)v[i] - (unsigned)'0'))
			return TCAS_E_HTTP_MALFORMED;
	*f |= H_CL;
	return TCAS_OK;
}

/* The list elements and header names the reader knows: word_at() gives
 * their index in the NUL-separated words. */
static const char list_words[] = "close\0keep-alive\0chunked\0";
enum { LW_CLOSE, LW_KEEP_ALIVE, LW_CHUNKED };
static const char field_words[] = "content-length\0transfer-encoding\0"
                                  "connection\0";
enum { FW_CONTENT_LENGTH, FW_TRANSFER_ENCODING, FW_CONNECTION };

/* A Transfer-Encoding (te) or Connection #element list (RFC 9110 5.6.1):
 * empty elements are allowed and skipped, but a Transfer-Encoding must
 * name at least one coding. */
static int parse_list(unsigned *f, int te, const char *v, size_t n)
{
	size_t i, b = 0, e = 0; /* element text v[b..e); e == 0: none yet */
	unsigned w, count = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && v[i] != ',') {
			if (!is_ows((unsigned char)v[i])) {
				if (e == 0)
					b = i;
				e = i + 1;
			}
			continue;
		}
		if (e == 0)
			continue;
		count++;
		w = word_at(v + b, e - b, list_words);
		e = 0;
		if (!te) {
			if (w == LW_CLOSE)
				*f |= H_CLOSE;
			else if (w == LW_KEEP_ALIVE)
				*f |= H_KEEP_ALIVE;
		} else if (w != LW_CHUNKED) {
			*f |= H_TE_OTHER;
		} else if (*f & H_CHUNKED) {
			return TCAS_E_HTTP_MALFORMED;
		} else {
			*f |= H_CHUNKED;
		}
	}
	if (te && count == 0)
		return TCAS_E_HTTP_MALFORMED;
	*f |= te ? (unsigned)H_TE : 0u;
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

/* Parse the complete head in head[0..head_len); *status gets the code,
 * *f and *cl what the fields say about framing. */
static int parse_head(const tcas_http_resp *r, int *status, int *minor,
                      unsigned *f, uint64_t *cl)
{
	const char *p, *v;
	size_t off, n, vlen;
	int rc;

	off = line_next(r->head, r->head_len, &n);
	rc = parse_status(r->head, n, status, minor);
	while (rc == TCAS_OK &&
	       (rc = field_at(r, &off, &p, &n, &v, &vlen)) == TCAS_OK) {
		unsigned w = word_at(p, n, field_words);

		if (w == FW_CONTENT_LENGTH)
			rc = parse_cl(f, cl, v, vlen);
		else if (w == FW_TRANSFER_ENCODING || w == FW_CONNECTION)
			rc = parse_list(f, w == FW_TRANSFER_ENCODING, v, vlen);
	}
	return rc == TCAS_E_HTTP_NO_HEADER ? TCAS_OK : rc;
}

/* left body bytes to come: a Content-Length or a chunk size (0: the last
 * chunk, trailers follow). Refused when they cannot fit. */
static int counted(tcas_http_resp *r)
{
	if (r->left > (uint64_t)body_room(r)) {
		r->body_need = r->body_len + r->left;
		r->body_need_exact = !r->chunked;
		return TCAS_E_HTTP_BODY_TOO_LARGE;
	}
	if (r->left != 0)
		r->state = ST_COUNTED;
	else if (r->chunked)
		r->sub = L_TR;
	else
		r->state = ST_DONE;
	return TCAS_MORE;
}

/* The empty line that ends a head: skip an interim response, or decide how
 * the body of the final one is delimited. */
static int head_end(tcas_http_resp *r)
{
	unsigned f = 0;
	uint64_t cl = 0;
	int status = 0, minor = 0;
	int rc = parse_head(r, &status, &minor, &f, &cl);

	if (rc != TCAS_OK)
		return rc;
	if (status == 101)
		return TCAS_E_HTTP_UNSUPPORTED;
	if (status < 200) { /* interim response: forget it, read the next */
		r->head_len = 0;
		return TCAS_MORE;
	}
	r->status = status;
	if (f & H_TE) {
		if ((f & H_CL) || minor == 0)
			return TCAS_E_HTTP_MALFORMED;
		if (f & H_TE_OTHER)
			return TCAS_E_HTTP_UNSUPPORTED;
	}
	r->keep_alive = !(f & H_CLOSE) && (minor >= 1 || (f & H_KEEP_ALIVE));
	if (status == 204 || status == 304) {
		r->state = ST_DONE;
	} else if (f & H_TE) {
		r->chunked = 1;
		r->sub = L_SIZE0;
	} else if (f & H_CL) {
		r->left = cl;
		return counted(r);
	} else {
		r->keep_alive = 0;
		r->state = ST_CLOSE;
	}
	return TCAS_MORE;
}

/* ---- response reader: lines ---------------------------------------------- */

/* A byte of a line other than CR and LF. */
static int line_char(tcas_http_resp *r, unsigned c)
{
	int sub = r->sub, d;

	if (line_in_head(sub)) {
		r->sub = L_HEAD_TXT;
		return TCAS_MORE;
	}
	if (sub >= L_TR) { /* L_TR, L_TR_NAME: a name, then ':' */
		if (is_tchar(c))
			r->sub = L_TR_NAME;
		else if (sub == L_TR_NAME && c == ':')
			r->sub = L_TR_VALUE;
		else
			return TCAS_E_HTTP_MALFORMED;
		return TCAS_MORE;
	}
	if (sub >= L_EXT) /* L_EXT, L_TR_VALUE */
		return is_vchar(c) ? TCAS_MORE : TCAS_E_HTTP_MALFORMED;
	if (sub == L_CRLF) /* CRLF only */
		return TCAS_E_HTTP_MALFORMED;
	/* chunk size in hex, within 64 bits */
	d = tcas_hexval(c);
	if (sub <= L_SIZE && d >= 0) { /* L_SIZE0, L_SIZE */
		r->sub = L_SIZE;
		return mul_add(&r->left, 16, (unsigned)d)
		           ? TCAS_E_HTTP_MALFORMED
		           : TCAS_MORE;
	}
	if (sub == L_SIZE0)
		return TCAS_E_HTTP_MALFORMED;
	if (c == ';')
		r->sub = L_EXT;
	else if (is_ows(c))
		r->sub = L_BWS;
	else
		return TCAS_E_HTTP_MALFORMED;
	return TCAS_MORE;
}

static int line_end(tcas_http_resp *r)
{
	switch (r->sub) {
	case L_HEAD:
		return head_end(r);
	case L_HEAD_TXT:
		r->sub = L_HEAD;
		return TCAS_MORE;
	case L_SIZE:
	case L_BWS:
	case L_EXT:
		r->nline = 0;
		return counted(r);
	case L_CRLF:
		r->nline = 0;
		r->sub = L_SIZE0;
		return TCAS_MORE;
	case L_TR:
		r->state = ST_DONE;
		return TCAS_OK;
	case L_TR_VALUE:
		r->sub = L_TR;
		return TCAS_MORE;
	default: /* L_SIZE0, L_TR_NAME */
		return TCAS_E_HTTP_MALFORMED;
	}
}

/* line_byte() stays out of the feed loop: inlined there, gcc -Os copies
 * the loop's exit path into every return (150 B more on Thumb-2). */
static TCAS_NOINLINE int line_byte(tcas_http_resp *r, unsigned c)
{
	int head = line_in_head(r->sub);
	size_t *n = head ? &r->head_len : &r->nline;

	if (r->cr && c != '\n')
		return TCAS_E_HTTP_MALFORMED; /* bare CR */
	if (*n >= r->head_cap)
		return TCAS_E_HTTP_HEAD_TOO_LARGE;
	if (head)
		r->head[*n] = (char)c;
	++*n;
	r->cr = c == '\r';
	if (c == '\r')
		return TCAS_MORE;
	return c == '\n' ? line_end(r) : line_char(r, c);
}

/* A head line's text up to the next CR or LF, stored at once: what
 * line_byte() does with each such byte (store it, count it against
 * head_cap, mark the line as having text), for the run. Stops at the room
 * left, so the byte that overflows still goes to line_byte(), which
 * refuses it. Returns the bytes taken (0: the next byte is CR or LF, or
 * no room). */
static size_t head_run(tcas_http_resp *r, const uint8_t *p, size_t n)
{
	size_t room = r->head_cap - r->head_len, k = 0;

	if (n > room)
		n = room;
	while (k < n && p[k] != '\r' && p[k] != '\n')
		k++;
	if (k > 0) {
		memcpy(r->head + r->head_len, p, k);
		r->head_len += k;
		r->sub = L_HEAD_TXT;
	}
	return k;
}

/* ---- response reader: body ----------------------------------------------- */

/* Body bytes: of a known length (Content-Length or one chunk) or up to the
 * end of the connection; *k = bytes consumed. */
static int body_bytes(tcas_http_resp *r, const uint8_t *p, size_t n, size_t *k)
{
	if (r->state == ST_CLOSE) {
		if (n > body_room(r)) {
			r->body_need = r->body_len + n;
			return TCAS_E_HTTP_BODY_TOO_LARGE;
		}
	} else if (r->left < (uint64_t)n) {
		n = (size_t)r->left;
	}
	memcpy(r->body + r->body_len, p, n);
	r->body_len += n;
	r->body[r->body_len] = '\0';
	*k = n;
	if (r->state == ST_COUNTED && (r->left -= n) == 0) {
		r->state = r->chunked ? ST_LINE : ST_DONE;
		r->sub = L_CRLF;
	}
	return TCAS_MORE;
}

void tcas_http_resp_init(tcas_http_resp *r, char *head, size_t head_cap,
                         char *body, size_t body_cap)
{
	if (r == NULL)
		return;
	memset(r, 0, sizeof *r);
	r->head = head;
	if (head != NULL)
		r->head_cap = head_cap;
	r->body = body;
	if (body != NULL && body_cap > 0) {
		r->body_cap = body_cap;
		body[0] = '\0';
	}
}

int tcas_http_resp_feed(tcas_http_resp *r, const uint8_t *data, size_t len,
                        size_t *used)
{
	size_t i = 0, k;
	int rc;

	if (used != NULL)
		*used = 0;
	if (r == NULL || used == NULL || (data == NULL && len > 0))
		return TCAS_E_ARG;
	while (i < len && r->err == TCAS_OK && r->state != ST_DONE) {
		if (TCAS_HTTP_HEAD_RUNS && r->state == ST_LINE &&
		    line_in_head(r->sub) && !r->cr &&
		    (k = head_run(r, data + i, len - i)) > 0) {
			i += k; /* stored: text up to the next CR or LF */
			continue;
		}
		k = 1; /* also when the byte is refused */
		rc = r->state == ST_LINE ? line_byte(r, data[i])
		                         : body_bytes(r, data + i, len - i, &k);
		if (rc < 0)
			r->err = rc;
		i += k;
	}
	*used = i;
	r->seen += i;
	if (r->err != TCAS_OK)
		return r->err;
	return r->state == ST_DONE ? TCAS_OK : TCAS_MORE;
}

int tcas_http_resp_eof(tcas_http_resp *r)
{
	if (r == NULL)
		return TCAS_E_ARG;
	if (r->err == TCAS_OK && r->state == ST_CLOSE)
		r->state = ST_DONE;
	else if (r->err == TCAS_OK && r->state != ST_DONE)
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

	if (r == NULL || name == NULL || val == NULL || len == NULL)
		return TCAS_E_ARG;
	if (r->status == 0) /* set only once the final head is in */
		return TCAS_E_STATE;
	/* the head parsed, so every field is well-formed */
	off = line_next(r->head, r->head_len, &n);
	while (field_at(r, &off, &line, &n, val, len) == TCAS_OK)
		if (eq_nocase(line, n, name))
			return TCAS_OK;
	*val = NULL;
	*len = 0;
	return TCAS_E_HTTP_NO_HEADER;
}

const char *tcas_http_resp_body(const tcas_http_resp *r)
{
	return r != NULL ? r->body : NULL;
}
