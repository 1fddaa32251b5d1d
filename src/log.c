/* The client's debug log: request heads with the signature and the
 * session token replaced by "<redacted>", attempts, waits, reconnects and
 * clock corrections, one line at a time through the caller's sink.
 * Contracts in tcas/client.h (tcas_client_set_log) and client_inner.h. */
#include "client_inner.h"

#if TCAS_WITH_LOG

/* Longest log line; a request head line (the Authorization line is up
 * to about 330 bytes) that is longer ends in "...". */
#define LOG_LINE_MAX 400

typedef struct logline {
	char buf[LOG_LINE_MAX];
	size_t n;
} logline;

int tcas_log_set(tcas_client *c, tcas_log_fn fn, void *ctx)
{
	c->log = fn;
	c->log_ctx = ctx;
	return TCAS_OK;
}

static void lput(logline *l, const char *s, size_t n)
{
	if (n > sizeof l->buf - l->n) {
		n = sizeof l->buf - l->n;
		if (n >= 3) {
			memcpy(l->buf + l->n, s, n - 3);
			memcpy(l->buf + l->n + n - 3, "...", 3);
			l->n += n;
			return;
		}
	}
	memcpy(l->buf + l->n, s, n);
	l->n += n;
}

static void lstr(logline *l, const char *s)
{
	lput(l, s, strlen(s));
}

static void lnum(logline *l, int64_t v)
{
	char d[1 + TCAS_DEC_MAX];
	char *p =
	    tcas_dec(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, d + 1);

	if (v < 0)
		*--p = '-';
	lput(l, p, (size_t)(d + sizeof d - p));
}

static void lsend(const tcas_client *c, const logline *l)
{
	c->log(c->log_ctx, l->buf, l->n);
}

void tcas_log_event(const tcas_client *c, const char *msg, int64_t n, int err)
{
	size_t len = strlen(msg);

	logline l;

	if (c->log == NULL)
		return;
	l.n = 0;
	lstr(&l, "tcas: ");
	lstr(&l, msg);
	if (len > 0 && msg[len - 1] == ' ')
		lnum(&l, n);
	if (err) {
#if TCAS_LOG_ERROR_NAMES
		lstr(&l, " ");
		lstr(&l, tcas_errname(err));
#else
		lstr(&l, " error ");
		lnum(&l, err);
#endif
	}
	lsend(c, &l);
}

/* One request head line, with secrets replaced. */
static void log_head_line(const tcas_client *c, const char *s, size_t n)
{
	static const char auth[] = "Authorization:", tok[] = "X-TC-Token:";
	static const char sig[] = "Signature=", red[] = "<redacted>";
	const char *cut = NULL;
	logline l;
	size_t i;

	if (n >= sizeof tok - 1 && memcmp(s, tok, sizeof tok - 1) == 0)
		cut = s + sizeof tok - 1;
	if (n >= sizeof auth - 1 && memcmp(s, auth, sizeof auth - 1) == 0) {
		cut = s + n;
		for (i = 0; i + sizeof sig - 1 <= n; i++)
			if (memcmp(s + i, sig, sizeof sig - 1) == 0) {
				cut = s + i + sizeof sig - 1;
				break;
			}
	}
	l.n = 0;
	lstr(&l, "tcas: > ");
	if (cut != NULL) {
		lput(&l, s, (size_t)(cut - s));
		lstr(&l, cut[-1] == ':' ? " " : "");
		lstr(&l, red);
	} else {
		lput(&l, s, n);
	}
	lsend(c, &l);
}

void tcas_log_head(const tcas_client *c)
{
	const char *p = c->req_head, *end = c->req_head + c->req_head_len;

	if (c->log == NULL)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0)
			log_head_line(c, p, n);
		p = nl ? nl + 1 : end;
	}
}

#endif /* TCAS_WITH_LOG */
