/*
 * http.c - incremental HTTP/1.1 request parser for tcas-emu: request line,
 * headers, Content-Length or chunked body, with hard limits. It never
 * trusts the peer: every length is checked, NUL bytes and bare control
 * characters are rejected, and a request with both Content-Length and
 * Transfer-Encoding is refused (no smuggling ambiguity).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "srv.h"

enum { S_HEAD, S_BODY, S_CSIZE, S_CDATA, S_CCRLF, S_TRAILER, S_DONE, S_ERROR };

void emu_http_init(emu_http *p)
{
	memset(p, 0, sizeof *p);
	p->state = S_HEAD;
}

static void req_free(emu_req *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

void emu_http_reset(emu_http *p)
{
	char *hb = p->hbuf;

	req_free(&p->req);
	memset(p, 0, sizeof *p);
	p->hbuf = hb;
	p->state = S_HEAD;
}

void emu_http_free(emu_http *p)
{
	req_free(&p->req);
	free(p->hbuf);
	memset(p, 0, sizeof *p);
}

static int fail(emu_http *p, int status, const char *why)
{
	p->state = S_ERROR;
	p->err_status = status;
	p->err_reason = why;
	return EMU_HTTP_ERROR;
}

const char *emu_req_header(const emu_req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nhdr; i++)
		if (strcasecmp(r->hname[i], name) == 0)
			return r->hval[i];
	return NULL;
}

size_t emu_req_header_count(const emu_req *r, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < r->nhdr; i++)
		if (strcasecmp(r->hname[i], name) == 0)
			n++;
	return n;
}

static int is_tchar(int c)
{
	return isalnum(c) || (c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* Does comma list v contain token tok (case-insensitive)? */
static int has_token(const char *v, const char *tok)
{
	size_t n = strlen(tok);

	while (v && *v) {
		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		if (strncasecmp(v, tok, n) == 0 &&
		    (v[n] == '\0' || v[n] == ',' || v[n] == ' ' ||
		     v[n] == '\t'))
			return 1;
		v = strchr(v, ',');
	}
	return 0;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Split one head line off *cur (LF or CRLF); NULL at the end. */
static char *next_line(char **cur)
{
	char *s = *cur, *nl;

	if (s == NULL || *s == '\0')
		return NULL;
	nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*cur = nl + 1;
	} else {
		*cur = s + strlen(s);
	}
	if (nl > s && nl[-1] == '\r')
		nl[-1] = '\0';
	return s;
}

static int parse_request_line(emu_http *p, char *line)
{
	emu_req *r = &p->req;
	char *sp1 = strchr(line, ' '), *sp2;
	char *m;

	if (sp1 == NULL)
		return fail(p, 400, "malformed request line");
	sp2 = strchr(sp1 + 1, ' ');
	if (sp2 == NULL || strchr(sp2 + 1, ' ') != NULL)
		return fail(p, 400, "malformed request line");
	*sp1 = *sp2 = '\0';
	r->method = line;
	r->target = sp1 + 1;
	r->version = sp2 + 1;
	if (*r->method == '\0' || *r->target == '\0')
		return fail(p, 400, "malformed request line");
	for (m = r->method; *m; m++)
		if (!is_tchar((unsigned char)*m))
			return fail(p, 400, "bad method token");
	for (m = r->target; *m; m++)
		if ((unsigned char)*m <= 0x20 || (unsigned char)*m == 0x7f)
			return fail(p, 400, "bad request target");
	if (strncmp(r->version, "HTTP/1.", 7) != 0 ||
	    (r->version[7] != '0' && r->version[7] != '1') ||
	    r->version[8] != '\0')
		return fail(p, 505, "unsupported HTTP version");
	r->minor = r->version[7] - '0';
	return 0;
}

static int parse_header_line(emu_http *p, char *line)
{
	emu_req *r = &p->req;
	char *colon, *c;

	if (*line == ' ' || *line == '\t')
		return fail(p, 400, "obsolete header folding");
	colon = strchr(line, ':');
	if (colon == NULL || colon == line)
		return fail(p, 400, "malformed header line");
	*colon = '\0';
	for (c = line; *c; c++)
		if (!is_tchar((unsigned char)*c))
			return fail(p, 400, "bad header name");
	for (c = colon + 1; *c; c++)
		if (((unsigned char)*c < 0x20 && *c != '\t') ||
		    (unsigned char)*c == 0x7f)
			return fail(p, 400, "control character in header");
	if (r->nhdr == EMU_HEADERS_MAX)
		return fail(p, 431, "too many header lines");
	r->hname[r->nhdr] = line;
	r->hval[r->nhdr] = trim(colon + 1);
	r->nhdr++;
	return 0;
}

/* Decide the body framing from the parsed headers. */
static int plan_body(emu_http *p)
{
	emu_req *r = &p->req;
	const char *te = emu_req_header(r, "Transfer-Encoding");
	const char *conn = emu_req_header(r, "Connection");
	const char *ex = emu_req_header(r, "Expect");
	size_t i, ncl = emu_req_header_count(r, "Content-Length");
	unsigned long long cl = 0;
	int have_cl = 0;

	r->keep_alive = r->minor == 1 ? !has_token(conn, "close")
	                              : has_token(conn, "keep-alive");
	r->expect_continue = ex != NULL && strcasecmp(ex, "100-continue") == 0;
	if (te != NULL) {
		if (ncl > 0)
			return fail(
			    p, 400,
			    "both Transfer-Encoding and Content-Length");
		if (emu_req_header_count(r, "Transfer-Encoding") != 1 ||
		    strcasecmp(te, "chunked") != 0)
			return fail(p, 501, "unsupported Transfer-Encoding");
		p->state = S_CSIZE;
		return 0;
	}
	for (i = 0; i < r->nhdr; i++) {
		const char *v = r->hval[i];
		unsigned long long x = 0;

		if (strcasecmp(r->hname[i], "Content-Length") != 0)
			continue;
		if (*v == '\0')
			return fail(p, 400, "empty Content-Length");
		for (; *v; v++) {
			if (*v < '0' || *v > '9')
				return fail(p, 400, "bad Content-Length");
			if (x > EMU_BODY_MAX)
				break;
			x = x * 10 + (unsigned)(*v - '0');
		}
		if (have_cl && x != cl)
			return fail(p, 400, "conflicting Content-Length");
		cl = x;
		have_cl = 1;
	}
	if (cl > EMU_BODY_MAX)
		return fail(p, 413, "body larger than 1 MiB");
	p->left = cl;
	p->state = cl > 0 ? S_BODY : S_DONE;
	return 0;
}

static int parse_head(emu_http *p)
{
	char *cur, *line;

	p->req.head = malloc(p->hlen + 1);
	if (p->req.head == NULL)
		return fail(p, 503, "out of memory");
	memcpy(p->req.head, p->hbuf, p->hlen);
	p->req.head[p->hlen] = '\0';
	if (memchr(p->hbuf, '\0', p->hlen) != NULL)
		return fail(p, 400, "NUL byte in head");
	cur = p->req.head;
	line = next_line(&cur);
	if (line == NULL || parse_request_line(p, line) != 0)
		return p->state == S_ERROR ? EMU_HTTP_ERROR
		                           : fail(p, 400, "empty request");
	while ((line = next_line(&cur)) != NULL && *line != '\0')
		if (parse_header_line(p, line) != 0)
			return EMU_HTTP_ERROR;
	if (plan_body(p) != 0)
		return EMU_HTTP_ERROR;
	return EMU_HTTP_HEAD;
}

static int body_append(emu_http *p, const char *s, size_t n)
{
	emu_req *r = &p->req;

	if (r->body_len + n > EMU_BODY_MAX)
		return fail(p, 413, "body larger than 1 MiB");
	if (r->body_len + n + 1 > p->body_cap) {
		size_t cap = p->body_cap ? p->body_cap : 1024;
		char *nb;

		while (cap < r->body_len + n + 1)
			cap *= 2;
		nb = realloc(r->body, cap);
		if (nb == NULL)
			return fail(p, 503, "out of memory");
		r->body = nb;
		p->body_cap = cap;
	}
	memcpy(r->body + r->body_len, s, n);
	r->body_len += n;
	r->body[r->body_len] = '\0';
	return 0;
}

/* Collect a line into p->line; 1 when complete (CR/LF stripped), 0 more. */
static int take_line(emu_http *p, const char *buf, size_t len, size_t *i)
{
	while (*i < len) {
		char c = buf[(*i)++];

		if (c == '\n') {
			if (p->llen > 0 && p->line[p->llen - 1] == '\r')
				p->llen--;
			p->line[p->llen] = '\0';
			return 1;
		}
		if (p->llen == EMU_LINE_MAX)
			return fail(p, 400, "chunk/trailer line too long");
		p->line[p->llen++] = c;
	}
	return 0;
}

static int chunk_size(emu_http *p)
{
	const char *s = p->line;
	unsigned long long x = 0;
	int digits = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; isxdigit((unsigned char)*s); s++, digits++) {
		if (x > EMU_BODY_MAX)
			return fail(p, 413, "chunk larger than 1 MiB");
		x = x * 16 +
		    (unsigned)(isdigit((unsigned char)*s)
		                   ? *s - '0'
		                   : (tolower((unsigned char)*s) - 'a' + 10));
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (digits == 0 || (*s != '\0' && *s != ';'))
		return fail(p, 400, "bad chunk size");
	if (x > EMU_BODY_MAX || p->req.body_len + x > EMU_BODY_MAX)
		return fail(p, 413, "body larger than 1 MiB");
	p->left = x;
	p->llen = 0;
	p->state = x == 0 ? S_TRAILER : S_CDATA;
	return 0;
}

static int feed_head(emu_http *p, const char *buf, size_t len, size_t *i)
{
	if (p->hbuf == NULL) {
		p->hbuf = malloc(EMU_HEAD_MAX + 1);
		if (p->hbuf == NULL)
			return fail(p, 503, "out of memory");
	}
	while (*i < len) {
		char c = buf[(*i)++];

		if (p->hlen == 0 && (c == '\r' || c == '\n'))
			continue; /* stray CRLF between requests */
		p->started = 1;
		if (p->hlen == EMU_HEAD_MAX)
			return fail(p, 431, "request head larger than 16 KiB");
		p->hbuf[p->hlen++] = c;
		if (c == '\n' && p->hlen >= 2 &&
		    (p->hbuf[p->hlen - 2] == '\n' ||
		     (p->hlen >= 3 && p->hbuf[p->hlen - 2] == '\r' &&
		      p->hbuf[p->hlen - 3] == '\n')))
			return parse_head(p);
	}
	return EMU_HTTP_MORE;
}

static int feed_body(emu_http *p, const char *buf, size_t len, size_t *i)
{
	while (*i < len || p->state == S_DONE) {
		size_t n;
		int rc;

		switch (p->state) {
		case S_DONE:
			return EMU_HTTP_DONE;
		case S_BODY:
		case S_CDATA:
			n = len - *i;
			if (n > p->left)
				n = (size_t)p->left;
			if (body_append(p, buf + *i, n) != 0)
				return EMU_HTTP_ERROR;
			*i += n;
			p->left -= n;
			if (p->left == 0)
				p->state =
				    p->state == S_BODY ? S_DONE : S_CCRLF;
			break;
		case S_CSIZE:
		case S_CCRLF:
		case S_TRAILER:
			rc = take_line(p, buf, len, i);
			if (rc <= 0)
				return rc < 0 ? EMU_HTTP_ERROR : EMU_HTTP_MORE;
			if (p->state == S_CSIZE) {
				if (chunk_size(p) != 0)
					return EMU_HTTP_ERROR;
			} else if (p->state == S_CCRLF) {
				if (p->llen != 0)
					return fail(
					    p, 400,
					    "chunk not followed by CRLF");
				p->state = S_CSIZE;
			} else if (p->llen == 0) {
				p->state = S_DONE;
			} else {
				p->trailer_bytes += p->llen;
				p->llen = 0;
				if (p->trailer_bytes > EMU_HEAD_MAX)
					return fail(p, 431,
					            "trailers too large");
			}
			break;
		default:
			return fail(p, 500, "parser state");
		}
	}
	return EMU_HTTP_MORE;
}

int emu_http_feed(emu_http *p, const char *buf, size_t len, size_t *used)
{
	size_t i = 0;
	int rc;

	*used = 0;
	if (p->state == S_ERROR)
		return EMU_HTTP_ERROR;
	if (p->state == S_DONE)
		return EMU_HTTP_DONE;
	if (p->state == S_HEAD) {
		rc = feed_head(p, buf, len, &i);
		*used = i;
		return rc;
	}
	rc = feed_body(p, buf, len, &i);
	*used = i;
	return rc;
}
