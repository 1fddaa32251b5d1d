/*
 * srv_inner.h - what the two halves of tcas-emu's network loop share
 * (private): the connection and server records, and the connection
 * functions srv_conn.c gives server.c.
 */
#ifndef TCAS_EMU_SRV_INNER_H
#define TCAS_EMU_SRV_INNER_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <bearssl.h>

#include "tlscfg.h"

#define IN_HIGH        (64 * 1024) /* stop reading ahead beyond this */
#define IDLE_KEEPALIVE 75.0        /* idle keep-alive connection */
#define IDLE_PARTIAL   30.0        /* partial request / TLS handshake */
#define STALL_WRITE    60.0        /* peer not reading our response */
#define HANG_MAX       3600.0      /* "hang" connections */
#define LINGER_MAX     2.0         /* lingering close */

enum { P_READ, P_DELAY, P_WRITE, P_HANG, P_CLOSING, P_LINGER, P_DEAD };
enum { AW_KEEP, AW_CLOSE, AW_CUT, AW_RESET };

typedef struct conn {
	int fd;
	int tls;
	unsigned long id;
	char peer[64];
	br_ssl_server_context *sc;
	unsigned char *iobuf;
	char *in;
	size_t in_len, in_cap;
	char *out;
	size_t out_len, out_off, out_cap;
	char *pend; /* delayed response */
	size_t pend_len;
	emu_http http;
	int phase, after_write, peer_eof, want_write, shut_wr;
	double deadline, last_io, t0;
	int fault;
	long fault_arg;
	unsigned long nreq;
	char why[160];
} conn;

typedef struct server {
	const emu_server_cfg *cfg;
	emu_tls_creds *creds;
	br_ssl_session_cache_lru lru;
	unsigned char *lru_buf;
	int lfd[2]; /* 0: TLS, 1: plain */
	conn **conns;
	size_t nconns, cap;
	unsigned long next_id;
	long served;
	int draining;
	double start;
	double accept_pause; /* accept() failed for lack of fds: wait */
} server;

/* server.c: the signal that asks the loop to stop (SIGINT, SIGTERM), or 0;
 * a connection then finishes its request and closes. */
extern volatile sig_atomic_t srv_stop_signal;

/* ---- srv_conn.c ---------------------------------------------------------- */

/* Monotonic seconds. */
double srv_mono(void);
int srv_set_nonblock(int fd);
/* Close c at the next turn of the loop, logging why (fmt with detail). */
void srv_drop(conn *c, const char *fmt, const char *detail);
void srv_conn_free(conn *c);
/* Does c want to read (buffer not full, no response pending)? */
int srv_want_read(const conn *c);
/* Move bytes between c's socket (or TLS engine) and its buffers. */
void srv_pump(conn *c);
/* Handle what c has read: complete requests, errors. */
void srv_process(server *s, conn *c);
/* What to do once a response has left: keep, close, cut or reset. */
void srv_after_write(conn *c);
/* When c's current phase times out (mono seconds). */
double srv_conn_deadline(const conn *c);
/* Act on c's timers at now. */
void srv_timers(conn *c, double now);

#endif /* TCAS_EMU_SRV_INNER_H */
