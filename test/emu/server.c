/*
 * server.c - the tcas-emu network loop: one thread, poll() over the listen
 * sockets and every client connection, all non-blocking. TLS connections
 * drive their own BearSSL server engine; plain HTTP connections use the
 * socket directly. Per-connection timers implement slow responses, idle
 * timeouts and lingering closes without ever sleeping on the hot path.
 * This file: signals, listening, accepting, the poll loop; one connection's
 * work is in srv_conn.c.
 */
#include "srv_inner.h"

volatile sig_atomic_t srv_stop_signal; /* the signal that asks to stop, or 0 */
static int sig_pipe[2] = {-1, -1};     /* wakes poll() on a signal */

static void on_signal(int sig)
{
	int e = errno;

	srv_stop_signal = sig;
	if (sig_pipe[1] >= 0 && write(sig_pipe[1], "s", 1) < 0) {
		/* pipe full: poll() wakes anyway */
	}
	errno = e;
}

/* ---- accept / listen ----------------------------------------------------- */

static void accept_one(server *s, int lfd, int tls)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char host[INET6_ADDRSTRLEN], port[8];
	int fd = accept(lfd, (struct sockaddr *)&ss, &sl), one = 1;
	conn *c;

	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM) {
			emu_log("accept: %s (pausing accepts for 100 ms)",
			        strerror(errno));
			s->accept_pause = srv_mono() + 0.1;
		}
		return;
	}
	if (getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port,
	                sizeof port, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		strcpy(host, "?"), strcpy(port, "?");
	if (s->nconns >= (size_t)s->cfg->max_conns || s->draining) {
		emu_log("conn dropped peer=%s:%s reason=%s", host, port,
		        s->draining ? "shutting down" : "too many connections");
		close(fd);
		return;
	}
	srv_set_nonblock(fd);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	c = calloc(1, sizeof *c);
	if (c == NULL) {
		close(fd);
		return;
	}
	c->fd = fd;
	c->tls = tls;
	c->id = ++s->next_id;
	c->last_io = srv_mono();
	snprintf(c->peer, sizeof c->peer, "%s:%s", host, port);
	emu_http_init(&c->http);
	if (tls) {
		c->sc = malloc(sizeof *c->sc);
		c->iobuf = malloc(BR_SSL_BUFSIZE_BIDI);
		if (c->sc == NULL || c->iobuf == NULL) {
			srv_conn_free(c);
			return;
		}
		emu_tls_server_init(c->sc, s->creds);
		br_ssl_engine_set_versions(&c->sc->eng, BR_TLS12, BR_TLS12);
		br_ssl_engine_set_buffer(&c->sc->eng, c->iobuf,
		                         BR_SSL_BUFSIZE_BIDI, 1);
		br_ssl_server_set_cache(c->sc, &s->lru.vtable);
		if (s->cfg->tls_no_mfl) {
			/* BearSSL's server lowers its fragment length (and
			 * answers the extension) only for a request below its
			 * own log_max_frag_len, set by set_buffer (16 KB:
			 * 14). At 9 (512, the smallest a client may ask) no
			 * request is below it: the extension goes unanswered
			 * and max_frag_len stays 16 KB, like a server that
			 * does not implement RFC 6066. */
			c->sc->eng.log_max_frag_len = 9;
		}
		if (!br_ssl_server_reset(c->sc)) {
			emu_log("conn dropped peer=%s reason=TLS reset failed",
			        c->peer);
			srv_conn_free(c);
			return;
		}
	}
	if (s->nconns == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		conn **n = realloc(s->conns, nc * sizeof *n);

		if (n == NULL) {
			srv_conn_free(c);
			return;
		}
		s->conns = n;
		s->cap = nc;
	}
	s->conns[s->nconns++] = c;
	emu_log("conn open conn=%lu peer=%s %s", c->id, c->peer,
	        tls ? "https" : "http");
}

static int is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *a =
		    (const struct sockaddr_in *)(const void *)sa;

		return (ntohl(a->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *a =
		    (const struct sockaddr_in6 *)(const void *)sa;

		return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
	}
	return 0;
}

/* Bind "host:port" / "[v6]:port"; url gets "scheme://host:port". */
static int listen_on(const char *spec, int allow_remote, const char *scheme,
                     char *url, size_t urln)
{
	char host[256], port[16];
	const char *colon;
	struct addrinfo hints, *ai = NULL;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	int fd, one = 1, rc;
	size_t hl;

	if (spec[0] == '[') {
		const char *rb = strchr(spec, ']');

		if (rb == NULL || rb[1] != ':')
			goto bad;
		hl = (size_t)(rb - spec - 1);
		if (hl >= sizeof host)
			goto bad;
		memcpy(host, spec + 1, hl);
		colon = rb + 1;
	} else {
		colon = strrchr(spec, ':');
		if (colon == NULL)
			goto bad;
		hl = (size_t)(colon - spec);
		if (hl >= sizeof host)
			goto bad;
		memcpy(host, spec, hl);
	}
	host[hl] = '\0';
	if (strlen(colon + 1) == 0 || strlen(colon + 1) >= sizeof port ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		goto bad;
	strcpy(port, colon + 1);
	if (strcmp(host, "localhost") == 0 || host[0] == '\0')
		strcpy(host, "127.0.0.1");
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	rc = getaddrinfo(host, port, &hints, &ai);
	if (rc != 0) {
		fprintf(stderr, "tcas-emu: %s: %s\n", spec, gai_strerror(rc));
		return -1;
	}
	if (!allow_remote && !is_loopback(ai->ai_addr)) {
		fprintf(stderr,
		        "tcas-emu: %s is not a loopback address "
		        "(use --allow-remote to insist)\n",
		        host);
		freeaddrinfo(ai);
		return -1;
	}
	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    listen(fd, 128) != 0 || srv_set_nonblock(fd) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
		fprintf(stderr, "tcas-emu: %s: %s\n", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	snprintf(url, urln, "%s://%s%s%s:%u", scheme,
	         ai->ai_family == AF_INET6 ? "[" : "", host,
	         ai->ai_family == AF_INET6 ? "]" : "",
	         ss.ss_family == AF_INET6
	             ? ntohs(((struct sockaddr_in6 *)(void *)&ss)->sin6_port)
	             : ntohs(((struct sockaddr_in *)(void *)&ss)->sin_port));
	freeaddrinfo(ai);
	return fd;
bad:
	fprintf(stderr, "tcas-emu: bad address `%s` (want HOST:PORT)\n", spec);
	return -1;
}

/* ---- setup and main loop ------------------------------------------------- */

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out;
	char buf[4096];
	size_t n;
	int rc = 0;

	if (in == NULL)
		return -1;
	out = fopen(to, "wb");
	if (out == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

static int write_ready(const char *path, const char *text)
{
	char tmp[4096];
	FILE *fp;

	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	fp = fopen(tmp, "w");
	if (fp == NULL)
		return -1;
	fputs(text, fp);
	if (fclose(fp) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int setup(server *s, char *line, size_t ln)
{
	const emu_server_cfg *cfg = s->cfg;
	char url[2][160] = {"", ""}, err[512], ca[4096], ready[400];

	s->lfd[0] = s->lfd[1] = -1;
	snprintf(ca, sizeof ca, "%s/ca.pem", cfg->cert_dir);
	if (cfg->listen) {
		s->creds = emu_tls_load(
		    cfg->cert_dir, cfg->tls_cert ? cfg->tls_cert : "server",
		    err, sizeof err);
		if (s->creds == NULL) {
			fprintf(stderr, "tcas-emu: %s\n", err);
			return -1;
		}
		s->lru_buf = malloc(64 * 1024);
		if (s->lru_buf == NULL)
			return -1;
		br_ssl_session_cache_lru_init(&s->lru, s->lru_buf, 64 * 1024);
		s->lfd[0] = listen_on(cfg->listen, cfg->allow_remote, "https",
		                      url[0], sizeof url[0]);
		if (s->lfd[0] < 0)
			return -1;
	}
	if (cfg->http_listen) {
		s->lfd[1] = listen_on(cfg->http_listen, cfg->allow_remote,
		                      "http", url[1], sizeof url[1]);
		if (s->lfd[1] < 0)
			return -1;
	}
	if (cfg->ca_out && copy_file(ca, cfg->ca_out) != 0) {
		fprintf(stderr, "tcas-emu: cannot copy %s to %s: %s\n", ca,
		        cfg->ca_out, strerror(errno));
		return -1;
	}
	snprintf(ready, sizeof ready, "%s%s%s%s", url[0], url[0][0] ? "\n" : "",
	         url[1], url[1][0] ? "\n" : "");
	if (cfg->ready_file && write_ready(cfg->ready_file, ready) != 0) {
		fprintf(stderr, "tcas-emu: cannot write %s: %s\n",
		        cfg->ready_file, strerror(errno));
		return -1;
	}
	snprintf(line, ln, "tcas-emu: listening%s%s%s%s%s%s",
	         url[0][0] ? " " : "", url[0], url[1][0] ? " " : "", url[1],
	         cfg->listen ? " ca=" : "",
	         cfg->listen ? (cfg->ca_out ? cfg->ca_out : ca) : "");
	return 0;
}

static void reap(server *s)
{
	size_t i, j = 0;

	for (i = 0; i < s->nconns; i++) {
		conn *c = s->conns[i];

		if (c->phase == P_DEAD) {
			emu_log("conn close conn=%lu peer=%s reason=%s", c->id,
			        c->peer, c->why[0] ? c->why : "closed");
			srv_conn_free(c);
		} else {
			s->conns[j++] = c;
		}
	}
	s->nconns = j;
}

static void service(server *s, conn *c, short rev)
{
	int k;

	(void)rev;
	srv_pump(c);
	for (k = 0; k < 8; k++) {
		if (c->phase == P_READ || c->phase == P_HANG)
			srv_process(s, c);
		srv_pump(c);
		srv_after_write(c);
		if (c->phase != P_READ || c->in_len == 0)
			break;
	}
	if (c->phase == P_DEAD)
		return;
	/* Peer went away: nothing more can arrive. */
	if (c->peer_eof) {
		if (c->phase == P_LINGER)
			c->phase = P_DEAD;
		else if (c->phase == P_READ && c->in_len == 0 &&
		         !c->http.started)
			srv_drop(c, "%s",
			         c->nreq ? "peer closed (idle)"
			                 : "peer closed before any request");
		else if (c->phase == P_READ)
			srv_drop(c, "peer closed mid-request%s", NULL);
		else if (c->phase == P_HANG)
			srv_drop(c, "peer closed a hanging request%s", NULL);
		/* P_DELAY / P_WRITE: half-close; still answer (plain HTTP;
		   a TLS engine that got close_notify cannot send any more). */
		else if (c->tls && (br_ssl_engine_current_state(&c->sc->eng) &
		                    BR_SSL_CLOSED))
			srv_drop(c,
			         "peer closed TLS before the answer was sent%s",
			         NULL);
	}
}

static short conn_events(const conn *c)
{
	short ev = 0;

	if (c->phase == P_LINGER)
		return POLLIN;
	if (c->tls) {
		unsigned st = br_ssl_engine_current_state(&c->sc->eng);

		if ((st & BR_SSL_RECVREC) && !c->peer_eof &&
		    c->in_len < IN_HIGH)
			ev |= POLLIN;
		if (st & BR_SSL_SENDREC)
			ev |= POLLOUT;
	} else {
		if (srv_want_read(c))
			ev |= POLLIN;
		if (c->out_off < c->out_len)
			ev |= POLLOUT;
	}
	return ev;
}

static int loop(server *s)
{
	struct pollfd *pf = NULL;
	size_t pcap = 0;

	for (;;) {
		double now = srv_mono(), next = now + 3600.0;
		size_t i, n = 0, nl = 0, polled;
		int timeout, rc;

		if (srv_stop_signal) {
			emu_log("exit: signal %d", (int)srv_stop_signal);
			break;
		}
		if (s->cfg->exit_after > 0 &&
		    now - s->start >= s->cfg->exit_after) {
			emu_log("exit: --exit-after %.0f s reached",
			        s->cfg->exit_after);
			break;
		}
		/* draining: idle keep-alive connections are closed */
		for (i = 0; s->draining && i < s->nconns; i++) {
			conn *c = s->conns[i];

			if (c->phase == P_READ && !c->http.started &&
			    c->in_len == 0)
				srv_drop(c, "shutting down%s", NULL);
		}
		reap(s);
		if (s->draining && s->nconns == 0) {
			emu_log("exit: --max-requests %ld reached",
			        s->cfg->max_requests);
			break;
		}
		if (s->cfg->exit_after > 0 &&
		    s->start + s->cfg->exit_after < next)
			next = s->start + s->cfg->exit_after;
		if (pcap < s->nconns + 3) {
			pcap = s->nconns + 64;
			free(pf);
			pf = malloc(pcap * sizeof *pf);
			if (pf == NULL)
				return 1;
		}
		for (i = 0; i < 2; i++)
			if (s->lfd[i] >= 0 && !s->draining &&
			    now >= s->accept_pause) {
				pf[n].fd = s->lfd[i];
				pf[n].events = POLLIN;
				pf[n++].revents = 0;
			}
		if (now < s->accept_pause && s->accept_pause < next)
			next = s->accept_pause;
		nl = n;
		pf[n].fd = sig_pipe[0];
		pf[n].events = POLLIN;
		pf[n++].revents = 0;
		for (i = 0; i < s->nconns; i++) {
			conn *c = s->conns[i];
			double d = srv_conn_deadline(c);

			if (d < next)
				next = d;
			if (c->phase == P_READ && c->in_len > 0)
				next = now; /* pipelined input left to parse */
			pf[n].fd = c->fd;
			pf[n].events = conn_events(c);
			pf[n++].revents = 0;
		}
		polled = s->nconns;
		timeout = next <= now ? 0 : (int)((next - now) * 1000.0) + 1;
		rc = poll(pf, (nfds_t)n, timeout);
		if (rc < 0 && errno != EINTR) {
			emu_log("poll: %s", strerror(errno));
			free(pf);
			return 1;
		}
		now = srv_mono();
		for (i = 0; i < polled; i++) {
			conn *c = s->conns[i];
			short rev = rc > 0 ? pf[nl + 1 + i].revents : 0;

			if (rev)
				c->last_io = now;
			if (rev || (c->phase == P_READ && c->in_len > 0))
				service(s, c, rev);
			srv_timers(c, now);
			if (c->phase == P_WRITE)
				service(s, c, 0);
		}
		for (i = 0; rc > 0 && i < nl; i++) {
			int k, tls = pf[i].fd == s->lfd[0];

			if (!(pf[i].revents & POLLIN))
				continue;
			for (k = 0; k < 64; k++) {
				size_t before = s->nconns;

				accept_one(s, pf[i].fd, tls);
				if (s->nconns == before)
					break;
			}
		}
		reap(s);
	}
	free(pf);
	return 0;
}

int emu_server_run(const emu_server_cfg *cfg)
{
	server s;
	struct sigaction sa;
	char line[9000];
	size_t i;
	int rc = 1;

	memset(&s, 0, sizeof s);
	s.cfg = cfg;
	if (pipe(sig_pipe) != 0) {
		perror("tcas-emu: pipe");
		return 1;
	}
	srv_set_nonblock(sig_pipe[0]);
	srv_set_nonblock(sig_pipe[1]);
	fcntl(sig_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(sig_pipe[1], F_SETFD, FD_CLOEXEC);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (setup(&s, line, sizeof line) == 0) {
		s.start = srv_mono();
		printf("%s\n", line);
		fflush(stdout);
		emu_log("%s", line + sizeof "tcas-emu:");
		rc = loop(&s);
	}
	for (i = 0; i < s.nconns; i++) {
		emu_log("conn close conn=%lu peer=%s reason=server exit",
		        s.conns[i]->id, s.conns[i]->peer);
		srv_conn_free(s.conns[i]);
	}
	free(s.conns);
	for (i = 0; i < 2; i++)
		if (s.lfd[i] >= 0)
			close(s.lfd[i]);
	emu_tls_free(s.creds);
	free(s.lru_buf);
	for (i = 0; i < 2; i++) {
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
	return rc;
}
