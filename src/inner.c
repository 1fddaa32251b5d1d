/* The inner toolkit: small helpers the modules share (wiping secrets, hex
 * and decimal digits, the authority parser of endpoint and proxy);
 * contracts in inner.h. */
#include "inner.h"

const char tcas_hex_digits[17] = "0123456789abcdef";

void tcas_wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;

	while (n--)
		*v++ = 0;
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

/* Parse a decimal port 1..65535 from s[0..n). */
static int parse_port(const char *s, size_t n, uint16_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return TCAS_E_ENDPOINT;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return TCAS_E_ENDPOINT;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	if (v == 0 || v > 65535)
		return TCAS_E_ENDPOINT;
	*out = (uint16_t)v;
	return TCAS_OK;
}

static int host_char_ok(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
	       ch == '_' || ch == ':';
}

int tcas_authority_parse(const char *a, size_t n, tcas_authority *out)
{
	const char *colon = NULL;
	size_t i;

	out->host = a;
	out->port = 0;
	if (n > 0 && a[0] == '[') {
		const char *end = memchr(a, ']', n);

		if (end == NULL)
			return TCAS_E_ENDPOINT;
		out->host = a + 1;
		out->host_len = (size_t)(end - out->host);
		if ((size_t)(end + 1 - a) < n) {
			if (end[1] != ':')
				return TCAS_E_ENDPOINT;
			colon = end + 1;
		}
	} else {
		/* (so an unbracketed host holds no ':') */
		colon = memchr(a, ':', n);
		out->host_len = colon ? (size_t)(colon - a) : n;
	}
	out->port_at = colon ? (size_t)(colon - a) : n;
	if (colon && parse_port(colon + 1, n - out->port_at - 1, &out->port))
		return TCAS_E_ENDPOINT;
	if (out->host_len == 0)
		return TCAS_E_ENDPOINT;
	for (i = 0; i < out->host_len; i++)
		if (!host_char_ok(out->host[i]))
			return TCAS_E_ENDPOINT;
	return TCAS_OK;
}
