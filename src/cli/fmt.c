/*
 * fmt.c - the CLI's printf: the subset of conversions tcas prints with,
 * so that a static build does not link the C library's vfprintf (10 KB
 * with musl, floating point included). Contract in cli.h.
 */
#include <stdarg.h>
#include <string.h>

#include "cli.h"

/* Output goes to buf (snprintf semantics: cut at cap - 1, always
 * NUL-terminated when cap > 0, the full length counted) or, when f is set,
 * through chunk[] to f. */
typedef struct sink {
	char *buf;
	size_t cap, len;
	FILE *f;
	int err;
	size_t n; /* bytes in chunk */
	char chunk[256];
} sink;

static void flush(sink *s)
{
	if (s->n != 0 && fwrite(s->chunk, 1, s->n, s->f) != s->n)
		s->err = 1;
	s->n = 0;
}

static void put(sink *s, const char *p, size_t n)
{
	size_t k;

	if (s->f == NULL) {
		if (s->len + 1 < s->cap) {
			k = s->cap - 1 - s->len;
			memcpy(s->buf + s->len, p, n < k ? n : k);
		}
		s->len += n;
		return;
	}
	s->len += n;
	while (n != 0) {
		if (s->n == sizeof s->chunk)
			flush(s);
		k = sizeof s->chunk - s->n;
		if (k > n)
			k = n;
		memcpy(s->chunk + s->n, p, k);
		s->n += k;
		p += k;
		n -= k;
	}
}

static void pad(sink *s, char c, size_t n)
{
	while (n-- != 0)
		put(s, &c, 1);
}

/* One field: text t (n bytes), padded to width. */
static void field(sink *s, const char *t, size_t n, size_t width, int left,
                  char fill)
{
	if (!left)
		pad(s, fill, width > n ? width - n : 0);
	put(s, t, n);
	if (left)
		pad(s, ' ', width > n ? width - n : 0);
}

/* Digits of v in base (8 or 10), with a leading '-' when neg, as a string
 * ending at b[23]. Returns its start. */
static char *digits(char b[24], unsigned long v, unsigned base, int neg)
{
	char *p = b + 23;

	*p = '\0';
	do {
		*--p = (char)('0' + v % base);
		v /= base;
	} while (v != 0);
	if (neg)
		*--p = '-';
	return p;
}

/* A number with the '0' flag: the sign goes before the zeros. */
static void number(sink *s, char *t, size_t width, int left, char fill)
{
	size_t n = strlen(t);

	if (fill == '0' && !left && *t == '-') {
		put(s, t, 1);
		t++;
		n--;
		width = width != 0 ? width - 1 : 0;
	}
	field(s, t, n, width, left, fill);
}

static unsigned long magnitude(long v)
{
	return v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
}

/* Conversion at *f (after '%'); returns the format after it. */
static const char *conv(sink *s, const char *f, va_list *ap)
{
	int left = 0, lng = 0, prec = -1;
	size_t width = 0;
	char fill = ' ', b[24];
	const char *t;
	long v;
	unsigned long u;

	for (;; f++) {
		if (*f == '-')
			left = 1;
		else if (*f == '0')
			fill = '0';
		else
			break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);

		if (w < 0) {
			left = 1;
			w = -w;
		}
		width = (size_t)w;
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		width = width * 10 + (size_t)(*f - '0');
	if (*f == '.' && f[1] == '*') {
		prec = va_arg(*ap, int); /* negative: as if none */
		f += 2;
	} else if (*f == '.') {
		prec = 0;
		for (f++; *f >= '0' && *f <= '9'; f++)
			prec = prec * 10 + (*f - '0');
	}
	if (*f == 'l') {
		lng = 1;
		f++;
	}
	switch (*f) {
	case 's':
		t = va_arg(*ap, const char *);
		if (t == NULL)
			t = "(null)";
		field(s, t, prec < 0 ? strlen(t) : strnlen(t, (size_t)prec),
		      width, left, ' ');
		break;
	case 'd':
		v = lng ? va_arg(*ap, long) : va_arg(*ap, int);
		number(s, digits(b, magnitude(v), 10, v < 0), width, left,
		       fill);
		break;
	case 'u':
	case 'o':
		u = lng ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned);
		number(s, digits(b, u, *f == 'o' ? 8u : 10u, 0), width, left,
		       fill);
		break;
	case '%':
		put(s, "%", 1);
		break;
	default: /* not a conversion tcas uses: printed as it is */
		put(s, "%", 1);
		if (*f == '\0')
			return f;
		put(s, f, 1);
		break;
	}
	return f + 1;
}

static void run(sink *s, const char *f, va_list ap)
{
	const char *p;
	va_list aq;

	va_copy(aq, ap);
	while (*f != '\0') {
		p = strchr(f, '%');
		if (p == NULL)
			p = f + strlen(f);
		put(s, f, (size_t)(p - f));
		f = *p == '%' ? conv(s, p + 1, &aq) : p;
	}
	va_end(aq);
}

static void sink_init(sink *s, char *buf, size_t cap, FILE *f)
{
	s->buf = buf;
	s->cap = buf != NULL ? cap : 0;
	s->len = 0;
	s->f = f;
	s->err = 0;
	s->n = 0;
}

int tcas_cli_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	sink s;

	sink_init(&s, buf, cap, NULL);
	run(&s, fmt, ap);
	if (s.cap != 0)
		buf[s.len < s.cap ? s.len : s.cap - 1] = '\0';
	return s.len > 0x7fffffff ? -1 : (int)s.len;
}

int tcas_cli_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tcas_cli_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

int tcas_cli_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	sink s;

	sink_init(&s, NULL, 0, f);
	va_start(ap, fmt);
	run(&s, fmt, ap);
	va_end(ap);
	flush(&s);
	return s.err || s.len > 0x7fffffff ? -1 : (int)s.len;
}
