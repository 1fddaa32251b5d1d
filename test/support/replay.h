/*
 * replay.h - a tcas_port for tests: plays scripted server bytes, captures
 * what the client sends, and fakes the clocks and the random source.
 *
 * A replay holds a script of connections, used in order: the n-th call to
 * connect() uses conns[n]. Each connection either fails to connect (with a
 * given code) or serves its data to recv(), cut into segments of scripted
 * sizes (one recv never crosses a segment boundary), and then ends as
 * scripted: orderly close (recv returns 0), reset (TCAS_E_NET_IO) or timeout
 * (TCAS_E_NET_TIMEOUT, which also moves the fake monotonic clock forward by
 * the recv timeout). Everything sent on a connection is appended to its
 * capture buffer.
 *
 * Test code only: this uses the heap (captures, loaded files). Call
 * replay_free() at the end of a test.
 */
#ifndef TCAS_TEST_REPLAY_H
#define TCAS_TEST_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "tcas/error.h"
#include "tcas/port.h"

#define REPLAY_CONNS_MAX 16
#define REPLAY_SIZES_MAX 64

/* How a connection ends once its data has been read. */
enum replay_end {
	REPLAY_END_CLOSE = 0,                   /* recv returns 0, repeatedly */
	REPLAY_END_RESET = TCAS_E_NET_IO,       /* recv returns TCAS_E_NET_IO */
	REPLAY_END_TIMEOUT = TCAS_E_NET_TIMEOUT /* ... TCAS_E_NET_TIMEOUT */
};

typedef struct replay_conn {
	/* script (set by replay_add*() and the replay_conn_* setters) */
	int connect_err;     /* nonzero: connect() returns it */
	const uint8_t *data; /* server bytes, not owned unless owned != NULL */
	size_t len;
	size_t
	    sizes[REPLAY_SIZES_MAX]; /* segment sizes; 0 entries = 1 segment */
	size_t nsizes;
	int cycle;             /* 1: repeat sizes[] until the data ends */
	int end;               /* enum replay_end */
	size_t send_max;       /* > 0: each send() takes at most this many */
	int send_err;          /* nonzero: send() fails with it ... */
	size_t send_err_after; /* ... once this many bytes were captured */
	uint8_t *owned;        /* data loaded by replay_add_file() */
	int lazy;              /* 1: like a real server, nothing arrives
	                        * before a request: a recv with timeout 0
	                        * (a liveness probe) gets TCAS_E_NET_TIMEOUT
	                        * when the client sent nothing since the last
	                        * recv that returned data (or since connect) */
	size_t sent_at_data;   /* internal: sent_len at that recv */

	/* what happened */
	uint8_t *sent; /* every byte the client sent (heap) */
	size_t sent_len, sent_cap;
	size_t pos;           /* bytes of data already served */
	size_t seg, seg_left; /* current segment index, bytes left in it */
	int opened, closed;
	size_t recv_calls, send_calls;
	uint32_t last_recv_timeout;
	char host[256]; /* host and port given to connect() */
	uint16_t port;
	uint32_t connect_timeout;
} replay_conn;

typedef struct replay {
	replay_conn conns[REPLAY_CONNS_MAX];
	size_t nconns;       /* scripted connections */
	size_t connects;     /* connect() calls so far */
	int active;          /* index of the open connection, -1 if none */
	int64_t wall;        /* wall_time() result */
	uint64_t mono;       /* mono_ms() result */
	uint64_t mono_step;  /* added to mono after each mono_ms() call */
	uint32_t rng;        /* state of the deterministic random bytes */
	int random_err;      /* nonzero: random() returns it */
	size_t misuse;       /* recv/send without an open connection, ... */
	int no_sleep;        /* 1: replay_port() leaves sleep_ms NULL */
	uint32_t sleeps[64]; /* sleep_ms() arguments, in order ... */
	size_t nsleeps;      /* ... and how many (also past 64) */
	uint64_t slept;      /* sum of all sleep_ms() arguments */
} replay;

/* Empty script; wall = 1767225599, mono = 1000, rng seeded with 1. */
void replay_init(replay *rp);

/* Fill *port with the replay's functions, ctx = rp. sleep_ms() records
 * its argument and moves the fake monotonic clock forward by it. */
void replay_port(replay *rp, tcas_port *port);

/* Script the next connection: serve data[0..len) (not copied: keep it
 * alive), then close in order. Returns the connection for further setup,
 * NULL when REPLAY_CONNS_MAX connections are scripted already. */
replay_conn *replay_add(replay *rp, const void *data, size_t len);

/* Same, serving a NUL-terminated string. */
replay_conn *replay_add_str(replay *rp, const char *s);

/* Same, serving the whole file at path (owned by the replay). NULL when the
 * file cannot be read. */
replay_conn *replay_add_file(replay *rp, const char *path);

/* Script a connection whose connect() fails with err (e.g.
 * TCAS_E_NET_CONNECT, TCAS_E_NET_RESOLVE, TCAS_E_NET_TIMEOUT). */
replay_conn *replay_add_refused(replay *rp, int err);

/* Segment sizes for recv(): n sizes, used in order; with cycle they repeat,
 * otherwise the data left after them is one segment. Returns c. */
replay_conn *replay_conn_split(replay_conn *c, const size_t *sizes, size_t n,
                               int cycle);

/* Serve the data in segments of exactly size bytes (the last may be
 * shorter). Returns c. */
replay_conn *replay_conn_every(replay_conn *c, size_t size);

/* How the connection ends after its data (enum replay_end). Returns c. */
replay_conn *replay_conn_end(replay_conn *c, int end);

/* Everything the client sent on the i-th scripted connection, and its
 * length; NULL when nothing was sent. */
const uint8_t *replay_sent(const replay *rp, size_t i, size_t *len);

/* Free captures and loaded files; rp can be replay_init()ed again. */
void replay_free(replay *rp);

/* Read a whole file into a heap buffer (NUL appended, not counted in *len).
 * Returns 0, or -1 when the file cannot be read. Free with free(). */
int replay_load_file(const char *path, uint8_t **data, size_t *len);

#endif /* TCAS_TEST_REPLAY_H */
