/*
 * envelope.c - response envelope, UUIDs, growable buffers, JSON check and
 * the log, shared by the server and the state model.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "srv.h"

static FILE *log_fp;

void emu_log_set(FILE *fp)
{
	log_fp = fp;
}

void emu_log(const char *fmt, ...)
{
	FILE *fp = log_fp ? log_fp : stderr;
	struct timeval tv;
	struct tm tm;
	time_t t;
	char ts[32];
	va_list ap;

	gettimeofday(&tv, NULL);
	t = tv.tv_sec;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(fp, "%s.%03ldZ tcas-emu: ", ts, (long)(tv.tv_usec / 1000));
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fputc('\n', fp);
	fflush(fp);
}

static int buf_reserve(char **buf, size_t *blen, size_t *bcap, size_t more)
{
	size_t need = *blen + more + 1, cap = *bcap ? *bcap : 256;
	char *nb;

	if (need < *blen)
		return -1;
	if (need <= *bcap && *buf != NULL)
		return 0;
	while (cap < need)
		cap *= 2;
	nb = realloc(*buf, cap);
	if (nb == NULL)
		return -1;
	*buf = nb;
	*bcap = cap;
	return 0;
}

int emu_buf_printf(char **buf, size_t *blen, size_t *bcap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_reserve(buf, blen, bcap, (size_t)n) != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(*buf + *blen, (size_t)n + 1, fmt, ap);
	va_end(ap);
	*blen += (size_t)n;
	return 0;
}

int emu_json_escape(char **buf, size_t *blen, size_t *bcap, const char *s,
                    size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	if (buf_reserve(buf, blen, bcap, n * 6) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char *o = *buf + *blen;

		if (ch == '"' || ch == '\\') {
			o[0] = '\\';
			o[1] = (char)ch;
			*blen += 2;
		} else if (ch < 0x20 || ch == 0x7f) {
			memcpy(o, "\\u00", 4);
			o[4] = hex[ch >> 4];
			o[5] = hex[ch & 15];
			*blen += 6;
		} else {
			o[0] = (char)ch;
			*blen += 1;
		}
	}
	(*buf)[*blen] = '\0';
	return 0;
}

char *emu_error_json(const char *code, const char *message,
                     const char *request_id, size_t *len)
{
	char *b = NULL;
	size_t bl = 0, bc = 0;

	if (code == NULL)
		code = "InternalError";
	if (message == NULL)
		message = "";
	if (request_id == NULL)
		request_id = "";
	if (emu_buf_printf(&b, &bl, &bc,
	                   "{\"Response\":{\"Error\":{\"Code\":\"") ||
	    emu_json_escape(&b, &bl, &bc, code, strlen(code)) ||
	    emu_buf_printf(&b, &bl, &bc, "\",\"Message\":\"") ||
	    emu_json_escape(&b, &bl, &bc, message, strlen(message)) ||
	    emu_buf_printf(&b, &bl, &bc, "\"},\"RequestId\":\"") ||
	    emu_json_escape(&b, &bl, &bc, request_id, strlen(request_id)) ||
	    emu_buf_printf(&b, &bl, &bc, "\"}}")) {
		free(b);
		return NULL;
	}
	if (len != NULL)
		*len = bl;
	return b;
}

static void fill_random(unsigned char *p, size_t n)
{
	static int fd = -2;
	static uint64_t x;
	size_t i;

	if (fd == -2)
		fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		size_t got = 0;

		while (got < n) {
			ssize_t r = read(fd, p + got, n - got);

			if (r <= 0) {
				if (r < 0 && errno == EINTR)
					continue;
				break;
			}
			got += (size_t)r;
		}
		if (got == n)
			return;
	}
	/* Fallback (never expected): xorshift seeded from the clock. */
	if (x == 0)
		x = (uint64_t)time(NULL) * 0x9E3779B97F4A7C15ULL | 1;
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (unsigned char)x;
	}
}

void emu_uuid4(char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	size_t i, o = 0;

	fill_random(r, sizeof r);
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[r[i] >> 4];
		out[o++] = hex[r[i] & 15];
	}
	out[o] = '\0';
}

void emu_http_date(long t, char out[30])
{
	time_t tt = (time_t)t;
	struct tm tm;
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed",
	                                 "Thu", "Fri", "Sat"};
	static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr",
	                                 "May", "Jun", "Jul", "Aug",
	                                 "Sep", "Oct", "Nov", "Dec"};

	char tmp[96];

	gmtime_r(&tt, &tm);
	snprintf(tmp, sizeof tmp, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	         wd[tm.tm_wday % 7], tm.tm_mday, mo[tm.tm_mon % 12],
	         tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	memcpy(out, tmp, 29);
	out[29] = '\0';
}

/* ---- strict JSON validator ----------------------------------------------- */

typedef struct jv {
	const unsigned char *s, *e;
	int depth;
} jv;

static void jv_ws(jv *j)
{
	while (j->s < j->e && (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' ||
	                       *j->s == '\r'))
		j->s++;
}

static int jv_value(jv *j);

static int jv_hex4(jv *j, unsigned *cp)
{
	int i;

	*cp = 0;
	for (i = 0; i < 4; i++, j->s++) {
		unsigned c;

		if (j->s >= j->e)
			return 0;
		c = *j->s;
		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			return 0;
		*cp = *cp << 4 | c;
	}
	return 1;
}

/* One UTF-8 sequence at j->s (first byte >= 0x80), validated. */
static int jv_utf8(jv *j)
{
	unsigned c = *j->s, n, cp, min;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
		cp = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		cp = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)(j->e - j->s) <= n)
		return 0;
	j->s++;
	while (n--) {
		if ((*j->s & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (*j->s++ & 0x3f);
	}
	return cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

static int jv_string(jv *j)
{
	j->s++; /* opening quote */
	while (j->s < j->e) {
		unsigned c = *j->s;

		if (c == '"') {
			j->s++;
			return 1;
		}
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			unsigned cp, lo;

			if (++j->s >= j->e)
				return 0;
			c = *j->s++;
			if (c == 'u') {
				if (!jv_hex4(j, &cp))
					return 0;
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return 0;
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (j->e - j->s < 6 ||
					    j->s[0] != '\\' || j->s[1] != 'u')
						return 0;
					j->s += 2;
					if (!jv_hex4(j, &lo) || lo < 0xdc00 ||
					    lo > 0xdfff)
						return 0;
				}
			} else if (!strchr("\"\\/bfnrt", (int)c) || c == 0) {
				return 0;
			}
		} else if (c >= 0x80) {
			if (!jv_utf8(j))
				return 0;
		} else {
			j->s++;
		}
	}
	return 0;
}

static int jv_digits(jv *j)
{
	const unsigned char *p = j->s;

	while (j->s < j->e && *j->s >= '0' && *j->s <= '9')
		j->s++;
	return j->s > p;
}

static int jv_number(jv *j)
{
	if (*j->s == '-')
		j->s++;
	if (j->s < j->e && *j->s == '0')
		j->s++;
	else if (!jv_digits(j))
		return 0;
	if (j->s < j->e && *j->s == '.') {
		j->s++;
		if (!jv_digits(j))
			return 0;
	}
	if (j->s < j->e && (*j->s == 'e' || *j->s == 'E')) {
		j->s++;
		if (j->s < j->e && (*j->s == '+' || *j->s == '-'))
			j->s++;
		if (!jv_digits(j))
			return 0;
	}
	return 1;
}

static int jv_lit(jv *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->e - j->s) < n || memcmp(j->s, w, n) != 0)
		return 0;
	j->s += n;
	return 1;
}

static int jv_container(jv *j, int obj)
{
	char close = obj ? '}' : ']';

	if (++j->depth > 64)
		return 0;
	j->s++;
	jv_ws(j);
	if (j->s < j->e && *j->s == close) {
		j->s++;
		j->depth--;
		return 1;
	}
	for (;;) {
		jv_ws(j);
		if (obj) {
			if (j->s >= j->e || *j->s != '"' || !jv_string(j))
				return 0;
			jv_ws(j);
			if (j->s >= j->e || *j->s++ != ':')
				return 0;
			jv_ws(j);
		}
		if (!jv_value(j))
			return 0;
		jv_ws(j);
		if (j->s >= j->e)
			return 0;
		if (*j->s == ',') {
			j->s++;
			continue;
		}
		if (*j->s++ != close)
			return 0;
		j->depth--;
		return 1;
	}
}

static int jv_value(jv *j)
{
	if (j->s >= j->e)
		return 0;
	switch (*j->s) {
	case '{':
		return jv_container(j, 1);
	case '[':
		return jv_container(j, 0);
	case '"':
		return jv_string(j);
	case 't':
		return jv_lit(j, "true");
	case 'f':
		return jv_lit(j, "false");
	case 'n':
		return jv_lit(j, "null");
	default:
		if (*j->s == '-' || (*j->s >= '0' && *j->s <= '9'))
			return jv_number(j);
		return 0;
	}
}

int emu_json_is_object(const char *s, size_t n)
{
	jv j;

	if (s == NULL)
		return 0;
	j.s = (const unsigned char *)s;
	j.e = j.s + n;
	j.depth = 0;
	jv_ws(&j);
	if (j.s >= j.e || *j.s != '{' || !jv_container(&j, 1))
		return 0;
	jv_ws(&j);
	return j.s == j.e;
}
