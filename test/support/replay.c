/* Replay port for tests; contract in replay.h. */
#include "support/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static replay_conn *active_conn(replay *rp)
{
	if (rp->active < 0) {
		rp->misuse++;
		return NULL;
	}
	return &rp->conns[rp->active];
}

static int rp_connect(void *ctx, const char *host, uint16_t port,
                      uint32_t timeout_ms)
{
	replay *rp = ctx;
	replay_conn *c;
	size_t i = rp->connects++;

	if (rp->active >= 0) { /* connect without close: a client bug */
		rp->misuse++;
		rp->conns[rp->active].closed = 1;
		rp->active = -1;
	}
	if (host == NULL)
		return TCAS_E_ARG;
	if (i >= rp->nconns)
		return TCAS_E_NET_CONNECT;
	c = &rp->conns[i];
	snprintf(c->host, sizeof c->host, "%s", host);
	c->port = port;
	c->connect_timeout = timeout_ms;
	if (c->connect_err != 0)
		return c->connect_err;
	c->opened = 1;
	rp->active = (int)i;
	return TCAS_OK;
}

/* Size of the next segment of c, at least 1 and at most what is left. */
static size_t next_segment(replay_conn *c)
{
	size_t left = c->len - c->pos, n = left;

	if (c->seg < c->nsizes)
		n = c->sizes[c->seg];
	else if (c->cycle && c->nsizes > 0)
		n = c->sizes[c->seg % c->nsizes];
	c->seg++;
	if (n == 0 || n > left)
		n = left;
	return n;
}

static long conn_end(replay *rp, replay_conn *c, uint32_t timeout_ms)
{
	if (c->end == REPLAY_END_TIMEOUT)
		rp->mono += timeout_ms;
	return c->end;
}

static long rp_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
	replay *rp = ctx;
	replay_conn *c = active_conn(rp);
	size_t n;

	if (c == NULL)
		return TCAS_E_NET_IO;
	c->recv_calls++;
	c->last_recv_timeout = timeout_ms;
	if (buf == NULL || len == 0) {
		rp->misuse++;
		return TCAS_E_ARG;
	}
	if (c->lazy && timeout_ms == 0 && c->sent_len == c->sent_at_data)
		return TCAS_E_NET_TIMEOUT;
	if (c->pos == c->len)
		return conn_end(rp, c, timeout_ms);
	if (c->seg_left == 0)
		c->seg_left = next_segment(c);
	n = len < c->seg_left ? len : c->seg_left;
	memcpy(buf, c->data + c->pos, n);
	c->pos += n;
	c->seg_left -= n;
	c->sent_at_data = c->sent_len;
	return (long)n;
}

static int capture(replay_conn *c, const uint8_t *buf, size_t n)
{
	if (c->sent_len + n > c->sent_cap) {
		size_t cap = c->sent_cap ? c->sent_cap : 1024;
		uint8_t *p;

		while (cap < c->sent_len + n)
			cap *= 2;
		p = realloc(c->sent, cap);
		if (p == NULL)
			return -1;
		c->sent = p;
		c->sent_cap = cap;
	}
	memcpy(c->sent + c->sent_len, buf, n);
	c->sent_len += n;
	return 0;
}

static long rp_send(void *ctx, const uint8_t *buf, size_t len,
                    uint32_t timeout_ms)
{
	replay *rp = ctx;
	replay_conn *c = active_conn(rp);
	size_t n = len;

	(void)timeout_ms;
	if (c == NULL)
		return TCAS_E_NET_IO;
	c->send_calls++;
	if (buf == NULL || len == 0) {
		rp->misuse++;
		return TCAS_E_ARG;
	}
	if (c->send_max > 0 && n > c->send_max)
		n = c->send_max;
	if (c->send_err != 0) {
		if (c->sent_len >= c->send_err_after)
			return c->send_err;
		if (n > c->send_err_after - c->sent_len)
			n = c->send_err_after - c->sent_len;
	}
	if (capture(c, buf, n) != 0)
		return TCAS_E_NET_IO;
	return (long)n;
}

static void rp_close(void *ctx)
{
	replay *rp = ctx;

	if (rp->active >= 0)
		rp->conns[rp->active].closed = 1;
	rp->active = -1;
}

static int64_t rp_wall_time(void *ctx)
{
	return ((replay *)ctx)->wall;
}

static uint64_t rp_mono_ms(void *ctx)
{
	replay *rp = ctx;
	uint64_t t = rp->mono;

	rp->mono += rp->mono_step;
	return t;
}

static void rp_sleep_ms(void *ctx, uint32_t ms)
{
	replay *rp = ctx;

	if (rp->nsleeps < sizeof rp->sleeps / sizeof rp->sleeps[0])
		rp->sleeps[rp->nsleeps] = ms;
	rp->nsleeps++;
	rp->slept += ms;
	rp->mono += ms;
}

/* xorshift32: deterministic, obviously not for real keys. */
static int rp_random(void *ctx, uint8_t *buf, size_t len)
{
	replay *rp = ctx;
	size_t i;

	if (rp->random_err != 0)
		return rp->random_err;
	for (i = 0; i < len; i++) {
		rp->rng ^= rp->rng << 13;
		rp->rng ^= rp->rng >> 17;
		rp->rng ^= rp->rng << 5;
		buf[i] = (uint8_t)(rp->rng >> 24);
	}
	return TCAS_OK;
}

void replay_init(replay *rp)
{
	memset(rp, 0, sizeof *rp);
	rp->active = -1;
	rp->wall = 1767225599;
	rp->mono = 1000;
	rp->rng = 1;
}

void replay_port(replay *rp, tcas_port *port)
{
	port->ctx = rp;
	port->connect = rp_connect;
	port->send = rp_send;
	port->recv = rp_recv;
	port->close = rp_close;
	port->wall_time = rp_wall_time;
	port->mono_ms = rp_mono_ms;
	port->random = rp_random;
	port->sleep_ms = rp->no_sleep ? NULL : rp_sleep_ms;
}

replay_conn *replay_add(replay *rp, const void *data, size_t len)
{
	replay_conn *c;

	if (rp->nconns >= REPLAY_CONNS_MAX)
		return NULL;
	c = &rp->conns[rp->nconns++];
	c->data = data;
	c->len = data != NULL ? len : 0;
	c->end = REPLAY_END_CLOSE;
	return c;
}

replay_conn *replay_add_str(replay *rp, const char *s)
{
	return replay_add(rp, s, strlen(s));
}

replay_conn *replay_add_file(replay *rp, const char *path)
{
	uint8_t *data;
	size_t len;
	replay_conn *c;

	if (replay_load_file(path, &data, &len) != 0)
		return NULL;
	c = replay_add(rp, data, len);
	if (c == NULL)
		free(data);
	else
		c->owned = data;
	return c;
}

replay_conn *replay_add_refused(replay *rp, int err)
{
	replay_conn *c = replay_add(rp, NULL, 0);

	if (c != NULL)
		c->connect_err = err;
	return c;
}

replay_conn *replay_conn_split(replay_conn *c, const size_t *sizes, size_t n,
                               int cycle)
{
	if (n > REPLAY_SIZES_MAX)
		n = REPLAY_SIZES_MAX;
	memcpy(c->sizes, sizes, n * sizeof *sizes);
	c->nsizes = n;
	c->cycle = cycle;
	return c;
}

replay_conn *replay_conn_every(replay_conn *c, size_t size)
{
	return replay_conn_split(c, &size, 1, 1);
}

replay_conn *replay_conn_end(replay_conn *c, int end)
{
	c->end = end;
	return c;
}

const uint8_t *replay_sent(const replay *rp, size_t i, size_t *len)
{
	if (i >= rp->nconns || rp->conns[i].sent_len == 0) {
		*len = 0;
		return NULL;
	}
	*len = rp->conns[i].sent_len;
	return rp->conns[i].sent;
}

void replay_free(replay *rp)
{
	size_t i;

	for (i = 0; i < rp->nconns; i++) {
		free(rp->conns[i].sent);
		free(rp->conns[i].owned);
	}
	replay_init(rp);
}

int replay_load_file(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	size_t n = 0, cap = 0, r;

	*data = NULL;
	*len = 0;
	if (f == NULL)
		return -1;
	for (;;) {
		if (cap - n < 4096) {
			uint8_t *q = realloc(p, cap ? cap * 2 : 8192);

			if (q == NULL)
				break;
			p = q;
			cap = cap ? cap * 2 : 8192;
		}
		r = fread(p + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (p == NULL || ferror(f) || !feof(f)) {
		fclose(f);
		free(p);
		return -1;
	}
	fclose(f);
	p[n] = 0;
	*data = p;
	*len = n;
	return 0;
}
