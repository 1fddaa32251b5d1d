/*
 * clean.c - server text made harmless before it reaches a terminal or a
 * script: control characters (C0, DEL, C1 U+0080-U+009F), bidirectional
 * controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069), the line and
 * paragraph separators (U+2028/9) and bytes that are not UTF-8. Contract
 * in cli.h.
 */
#include <stdio.h>
#include <string.h>

#include "tcas/error.h"
#include "cli.h"

/* Code point of the UTF-8 sequence at s, its length in *n; -1 (and *n = 1)
 * when s does not start a well-formed sequence. */
static long decode(const unsigned char *s, size_t *n)
{
	static const unsigned char min_lead[4] = {0, 0xC2, 0xE0, 0xF0};
	static const unsigned long min_cp[4] = {0, 0x80, 0x800, 0x10000};
	unsigned long cp;
	size_t len, i;

	*n = 1;
	if (s[0] < 0x80)
		return s[0];
	len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
	if (s[0] < min_lead[len - 1] || s[0] > 0xF4)
		return -1;
	cp = s[0] & (0x7Fu >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if (cp < min_cp[len - 1] || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*n = len;
	return (long)cp;
}

/* A code point that moves the cursor, changes the terminal's state or
 * reorders what is shown. */
static int harmful(long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x61C ||
	       cp == 0x200E || cp == 0x200F || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t tcas_cli_clean(char *s)
{
	const unsigned char *r = (const unsigned char *)s;
	char *w = s;
	size_t n;

	while (*r) {
		long cp = decode(r, &n);

		if (cp < 0 || harmful(cp))
			*w++ = '?';
		else
			memmove(w, r, n), w += n;
		r += n;
	}
	*w = '\0';
	return (size_t)(w - s);
}

void tcas_cli_put_clean(FILE *f, const char *s)
{
	const unsigned char *r = (const unsigned char *)s;
	size_t n;

	while (*r) {
		long cp = decode(r, &n);

		if (cp < 0 || harmful(cp))
			fputc('?', f);
		else
			fwrite(r, 1, n, f);
		r += n;
	}
}

/* Inside a JSON document harmful code points can only be in strings (the
 * rest is ASCII punctuation): written as \uXXXX they keep their value and
 * lose their effect. The reader validated the UTF-8 and the pretty
 * printer hands a string over whole, so sequences are never split. */
int tcas_cli_json_sink(void *ctx, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	FILE *f = ctx;
	size_t i = 0, done = 0, k;

	while (i < n) {
		long cp = (unsigned char)s[i] < 0x7F
		              ? (long)(k = 1, (unsigned char)s[i])
		              : decode((const unsigned char *)s + i, &k);
		char esc[6] = {'\\', 'u', '0', '0', '0', '0'};

		if (k > n - i || !harmful(cp) || cp < 0x20) {
			i += k > n - i ? n - i : k;
			continue;
		}
		esc[2] = hex[(cp >> 12) & 15], esc[3] = hex[(cp >> 8) & 15];
		esc[4] = hex[(cp >> 4) & 15], esc[5] = hex[cp & 15];
		if (fwrite(s + done, 1, i - done, f) != i - done ||
		    fwrite(esc, 1, 6, f) != 6)
			return TCAS_E_NET_IO;
		i += k;
		done = i;
	}
	return fwrite(s + done, 1, n - done, f) == n - done ? 0 : TCAS_E_NET_IO;
}
