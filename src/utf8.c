/* Character-level helpers shared by the modules: UTF-8 well-formedness
 * (JSON reader and writer), hex digits (JSON escapes, HTTP chunk sizes,
 * proxy %-escapes) and decimal numbers; contracts in inner.h. */
#include "inner.h"

int tcas_utf8_len(const unsigned char *s, size_t n)
{
	unsigned lo = 0x80, hi = 0xBF, c = s[0];
	size_t need, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	need = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (c == 0xE0)
		lo = 0xA0; /* overlong */
	else if (c == 0xED)
		hi = 0x9F; /* surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	for (i = 1; i <= need; i++) {
		if (i >= n)
			return -1;
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return (int)need + 1;
}

int tcas_hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

char *tcas_dec(uint64_t v, char buf[TCAS_DEC_MAX])
{
	/* one past the end, then filled backwards */
	/* cppcheck-suppress ctuPointerArith */
	char *p = buf + TCAS_DEC_MAX;

	do {
		*--p = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v != 0);
	return p;
}
