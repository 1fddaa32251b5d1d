/*
 * as_out.c - the state model's growing output buffer (JSON pieces) and
 * as_fail(), the service's error envelope; contracts in as_internal.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tcas/utctime.h"

#include "as_internal.h"

/* ---- output buffer ------------------------------------------------------- */

static void sb_grow(sb *b, size_t need)
{
	size_t cap;
	char *p;

	if (b->oom || b->n + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < b->n + need + 1)
		cap *= 2;
	p = realloc(b->p, cap);
	if (p == NULL) {
		b->oom = 1;
		return;
	}
	b->p = p;
	b->cap = cap;
}

void sb_putn(sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	if (b->oom)
		return;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void sb_puts(sb *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

/* The conversions the state model uses: %s %d %lld %zu %04x %% (every
 * call's format is checked by the compiler, as_internal.h). A formatter of
 * its own, not vsnprintf(): glibc's sets up a FILE for every call, and two
 * calls per piece (size, then text) were a quarter of tcas-emu's CPU per
 * DescribeRefreshActivities. Anything else is a bug here: abort. */
static void put_uint(sb *b, unsigned long long v, int neg)
{
	char d[24];
	int n = 0;

	do {
		d[sizeof d - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (neg)
		d[sizeof d - 1 - n++] = '-';
	sb_putn(b, d + sizeof d - n, (size_t)n);
}

static void put_int(sb *b, long long v)
{
	put_uint(b,
	         v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
	         v < 0);
}

void sb_printf(sb *b, const char *fmt, ...)
{
	static const char hex[] = "0123456789abcdef";
	va_list ap;
	const char *p = fmt, *run = fmt;

	va_start(ap, fmt);
	for (; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		sb_putn(b, run, (size_t)(p - run));
		p++;
		if (*p == 's') {
			sb_puts(b, va_arg(ap, const char *));
		} else if (*p == 'd') {
			put_int(b, va_arg(ap, int));
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			put_int(b, va_arg(ap, long long));
			p += 2;
		} else if (p[0] == 'z' && p[1] == 'u') {
			put_uint(b, va_arg(ap, size_t), 0);
			p++;
		} else if (p[0] == '0' && p[1] == '4' && p[2] == 'x') {
			unsigned v = va_arg(ap, unsigned); /* < 0x10000 */
			char x[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15],
			             hex[(v >> 4) & 15], hex[v & 15]};
			sb_putn(b, x, 4);
			p += 2;
		} else if (*p == '%') {
			sb_putn(b, "%", 1);
		} else {
			fprintf(stderr,
			        "tcas-emu: sb_printf: unsupported format "
			        "\"%s\"\n",
			        fmt);
			abort();
		}
		run = p + 1;
	}
	sb_putn(b, run, (size_t)(p - run));
	va_end(ap);
}

void sb_jstr(sb *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	sb_putn(b, "\"", 1);
	for (; *u != '\0'; u++) {
		if (*u == '"' || *u == '\\') {
			char e[2] = {'\\', (char)*u};
			sb_putn(b, e, 2);
		} else if (*u < 0x20) {
			sb_printf(b, "\\u%04x", *u);
		} else {
			sb_putn(b, (const char *)u, 1);
		}
	}
	sb_putn(b, "\"", 1);
}

void sb_time(sb *b, double t)
{
	char buf[21];

	if (t < 0 || tcas_utc_iso8601((int64_t)t, buf) != 0) {
		sb_puts(b, "null");
		return;
	}
	sb_putn(b, "\"", 1);
	sb_putn(b, buf, 20);
	sb_putn(b, "\"", 1);
}

void sb_key(sb *b, int *first, const char *key)
{
	if (!*first)
		sb_putn(b, ",", 1);
	*first = 0;
	sb_jstr(b, key);
	sb_putn(b, ":", 1);
}

int as_fail(as_call *c, const char *code, const char *fmt, ...)
{
	va_list ap;

	snprintf(c->code, sizeof(c->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	return -1;
}
