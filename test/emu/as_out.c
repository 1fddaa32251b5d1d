/*
 * as_out.c - the state model's growing output buffer (JSON pieces) and
 * as_fail(), the service's error envelope; contracts in as_internal.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

void sb_printf(sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	sb_grow(b, (size_t)n);
	if (b->oom)
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
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
	time_t tt;
	struct tm tm;
	char buf[32];

	if (t < 0) {
		sb_puts(b, "null");
		return;
	}
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "\"%Y-%m-%dT%H:%M:%SZ\"", &tm);
	sb_puts(b, buf);
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
