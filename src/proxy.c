/* The HTTP CONNECT proxy: its URL ("http://[user:pass@]host:port", the
 * credentials kept only base64-encoded) and the CONNECT exchange on a new
 * connection. Contracts in tcas/client.h (tcas_client_set_proxy) and
 * client_inner.h. */
#include "client_inner.h"

#if TCAS_WITH_PROXY

/* ---- configuration ------------------------------------------------------- */

/* %-decode s[0..n) into out[cap]; returns the length or -1. */
static long pct_decode(const char *s, size_t n, char *out, size_t cap)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (ch == '%') {
			const unsigned char *h = (const unsigned char *)s + i;
			int hi = i + 2 < n ? tcas_hexval(h[1]) : -1;
			int lo = i + 2 < n ? tcas_hexval(h[2]) : -1;

			if (hi < 0 || lo < 0)
				return -1;
			ch = (char)(hi * 16 + lo);
			i += 2;
		}
		if (o + 1 >= cap)
			return -1;
		out[o++] = ch;
	}
	return (long)o;
}

static void base64(const uint8_t *in, size_t n, char *out)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		*out++ = b64[in[i] >> 2];
		*out++ = b64[(in[i] & 3) << 4 | in[i + 1] >> 4];
		*out++ = b64[(in[i + 1] & 15) << 2 | in[i + 2] >> 6];
		*out++ = b64[in[i + 2] & 63];
	}
	if (i < n) {
		*out++ = b64[in[i] >> 2];
		if (i + 1 < n) {
			*out++ = b64[(in[i] & 3) << 4 | in[i + 1] >> 4];
			*out++ = b64[(in[i + 1] & 15) << 2];
		} else {
			*out++ = b64[(in[i] & 3) << 4];
			*out++ = '=';
		}
		*out++ = '=';
	}
	*out = '\0';
}

/* "user:pass" (still %-encoded) into c->proxy_auth. */
static int proxy_cred(tcas_client *c, const char *s, size_t n)
{
	char cred[TCAS_PROXY_CRED_MAX];
	long len = pct_decode(s, n, cred, sizeof cred);

	if (len < 0 || memchr(s, ':', n) == NULL) {
		tcas_wipe(cred, sizeof cred);
		return TCAS_E_ENDPOINT;
	}
	base64((const uint8_t *)cred, (size_t)len, c->proxy_auth);
	tcas_wipe(cred, sizeof cred);
	return TCAS_OK;
}

static int proxy_addr(tcas_client *c, const char *a, size_t n)
{
	tcas_authority au;

	if (tcas_authority_parse(a, n, &au) != TCAS_OK || au.port == 0 ||
	    au.host_len >= sizeof c->proxy_host)
		return TCAS_E_ENDPOINT;
	memcpy(c->proxy_host, au.host, au.host_len);
	c->proxy_host[au.host_len] = '\0';
	c->proxy_port = au.port;
	return TCAS_OK;
}

static int proxy_parse(tcas_client *c, const char *p)
{
	static const char http[] = "http://";
	const char *at;
	size_t n;
	int err;

	if (strncmp(p, http, sizeof http - 1) == 0)
		p += sizeof http - 1;
	else if (strstr(p, "://") != NULL)
		return TCAS_E_ENDPOINT;
	n = strlen(p);
	if (n > 0 && p[n - 1] == '/')
		n--;
	if (memchr(p, '/', n) != NULL)
		return TCAS_E_ENDPOINT;
	at = memchr(p, '@', n);
	if (at != NULL) {
		err = proxy_cred(c, p, (size_t)(at - p));
		if (err)
			return err;
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	return proxy_addr(c, p, n);
}

void tcas_proxy_forget(tcas_client *c)
{
	tcas_wipe(c->proxy_auth, sizeof c->proxy_auth);
	c->proxy_host[0] = '\0';
}

int tcas_proxy_set(tcas_client *c, const char *proxy)
{
	int err;

	tcas_proxy_forget(c);
	c->proxy_port = 0;
	if (proxy == NULL || proxy[0] == '\0')
		return TCAS_OK;
	err = proxy_parse(c, proxy);
	if (err)
		tcas_proxy_forget(c);
	return err;
}

/* ---- the CONNECT exchange ------------------------------------------------ */

int tcas_proxy_hop(const tcas_client *c, const char **host, uint16_t *port)
{
	if (c->proxy_host[0] == '\0')
		return 0;
	*host = c->proxy_host;
	*port = c->proxy_port;
	return 1;
}

/* Raw port I/O for the proxy exchange: all n bytes before end. */
static int raw_send(tcas_client *c, const char *p, size_t n, uint32_t end)
{
	while (n > 0) {
		long r = c->port->send(c->port->ctx, (const uint8_t *)p, n,
		                       tcas_deadline_until(c, end));

		if (r < 0)
			return (int)r;
		if (r == 0)
			return TCAS_E_NET_CLOSED;
		p += r;
		n -= (size_t)r;
	}
	return TCAS_OK;
}

static void put(char **p, const char *s)
{
	size_t n = strlen(s);

	memcpy(*p, s, n);
	*p += n;
}

/* Read the proxy's answer head byte by byte (never past it: what follows
 * is the server's TLS). */
static int proxy_read(tcas_client *c, uint32_t end)
{
	char *h = c->resp_head;
	size_t n = 0;

	while (n < 4 || memcmp(h + n - 4, "\r\n\r\n", 4) != 0) {
		long r;

		if (n + 1 >= sizeof c->resp_head)
			return TCAS_E_NET_PROXY;
		r = c->port->recv(c->port->ctx, (uint8_t *)h + n, 1,
		                  tcas_deadline_until(c, end));
		if (r == 0)
			return TCAS_E_NET_PROXY;
		if (r < 0)
			return (int)r;
		n++;
	}
	if (n < 12 || memcmp(h, "HTTP/1.", 7) != 0 || h[8] != ' ')
		return TCAS_E_NET_PROXY;
	if (memcmp(h + 9, "407", 3) == 0)
		return TCAS_E_NET_PROXY_AUTH;
	return h[9] == '2' ? TCAS_OK : TCAS_E_NET_PROXY;
}

int tcas_proxy_connect(tcas_client *c, uint32_t end)
{
	char *p = c->resp_head, digits[TCAS_DEC_MAX + 1];
	const char *port = tcas_dec(c->port_num, digits);
	int ipv6 = strchr(c->host, ':') != NULL, err;

	digits[TCAS_DEC_MAX] = '\0';
	/* host <= 127, auth <= 173: well inside resp_head */
	put(&p, "CONNECT ");
	put(&p, ipv6 ? "[" : "");
	put(&p, c->host);
	put(&p, ipv6 ? "]:" : ":");
	put(&p, port);
	put(&p, " HTTP/1.1\r\nHost: ");
	put(&p, ipv6 ? "[" : "");
	put(&p, c->host);
	put(&p, ipv6 ? "]:" : ":");
	put(&p, port);
	put(&p, "\r\n");
	if (c->proxy_auth[0]) {
		put(&p, "Proxy-Authorization: Basic ");
		put(&p, c->proxy_auth);
		put(&p, "\r\n");
	}
	put(&p, "\r\n");
	err = raw_send(c, c->resp_head, (size_t)(p - c->resp_head), end);
	tcas_wipe(c->resp_head, (size_t)(p - c->resp_head));
	return err ? err : proxy_read(c, end);
}

#endif /* TCAS_WITH_PROXY */
