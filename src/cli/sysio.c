/* The CLI's side of tcas/creds.h: the environment, files (opened without
 * blocking, regular files only, credentials refused when others can read
 * them) and the CVM metadata service over plain HTTP within one deadline;
 * secrets given as - or file://PATH; the process made non-dumpable.
 * Contract in cli.h. Static storage only. */
#ifdef __linux__
#define _GNU_SOURCE /* prlimit() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tcas/creds.h"
#include "tcas/error.h"
#include "tcas/port_posix.h"
#include "cli.h"

#define META_HOST    "metadata.tencentyun.com"
#define META_STEP_MS 1000 /* connect, and each send or receive */

static unsigned last_mode; /* mode of the last file refused */

unsigned tcas_cli_refused_mode(void)
{
	return last_mode;
}

void tcas_cli_harden(void)
{
#ifdef __linux__
	/* (not setrlimit(): musl's synchronises threads for it, 2 KB) */
	struct rlimit none = {0, 0};

	prlimit(0, RLIMIT_CORE, &none, NULL);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#else
	struct rlimit none = {0, 0};

	setrlimit(RLIMIT_CORE, &none);
#endif
}

static const char *io_getenv(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static int read_fd(int fd, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	ssize_t r;
	char extra;

	while (n < cap) {
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return TCAS_E_CFG_READ;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n == cap && read(fd, &extra, 1) > 0)
		return TCAS_E_CFG_TOO_LARGE;
	*len = n;
	return TCAS_OK;
}

int tcas_cli_read_file(const char *path, int secret, char *buf, size_t cap,
                       size_t *len)
{
	struct stat st;
	int fd, err;

	/* O_NONBLOCK: a FIFO must not hang open(); regular files ignore it. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? TCAS_E_CFG_NOFILE
		                                           : TCAS_E_CFG_READ;
	err = fstat(fd, &st) != 0          ? TCAS_E_CFG_READ
	      : !S_ISREG(st.st_mode)       ? TCAS_E_CFG_NOT_FILE
	      : secret && st.st_mode & 077 ? TCAS_E_CFG_PERM
	                                   : TCAS_OK;
	if (err == TCAS_E_CFG_PERM)
		last_mode = (unsigned)(st.st_mode & 07777);
	if (!err)
		err = read_fd(fd, buf, cap, len);
	close(fd);
	return err;
}

static int io_read(void *ctx, const char *path, int secret, char *buf,
                   size_t cap, size_t *len)
{
	(void)ctx;
	return tcas_cli_read_file(path, secret, buf, cap, len);
}

/* ---- the metadata service ------------------------------------------------ */

typedef struct meta_ctx {
	const tcas_cfg *cfg; /* its timeout_ms bounds the whole exchange */
	double t0;           /* when loading began, ms */
	int offline;         /* --dry-run: no network at all */
	int expired;         /* the deadline passed during the exchange */
} meta_ctx;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The wait allowed for the next step: at most META_STEP_MS and what is
 * left of the deadline; 0 when it has passed. */
static uint32_t step_ms(meta_ctx *m)
{
	double left = m->t0 + (double)m->cfg->timeout_ms - now_ms();

	if (left < 1)
		return m->expired = 1, 0;
	return left < META_STEP_MS ? (uint32_t)left : META_STEP_MS;
}

/* host and port of $TCAS_METADATA_ENDPOINT (http://host:port, for tests)
 * or the real service. */
static int meta_endpoint(char *host, size_t cap, uint16_t *port)
{
	const char *e = getenv("TCAS_METADATA_ENDPOINT"), *colon;
	long long p;
	char num[8];

	if (e == NULL || *e == 0) {
		tcas_cli_snprintf(host, cap, "%s", META_HOST);
		*port = 80;
		return 0;
	}
	if (strncmp(e, "http://", 7) != 0)
		return -1;
	e += 7;
	colon = strrchr(e, ':');
	if (colon == NULL || (size_t)(colon - e) >= cap ||
	    strlen(colon + 1) >= sizeof num)
		return -1;
	memcpy(num, colon + 1, strlen(colon + 1) + 1);
	if (tcas_cli_parse_number(num, 1, 65535, &p))
		return -1;
	memcpy(host, e, (size_t)(colon - e));
	host[colon - e] = 0;
	*port = (uint16_t)p;
	return 0;
}

static int meta_exchange(meta_ctx *m, tcas_port *port, const char *req,
                         size_t reqlen, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	uint32_t ms;
	long r;

	while (n < reqlen) {
		if ((ms = step_ms(m)) == 0)
			return TCAS_E_NET_DEADLINE;
		r = port->send(port->ctx, (const uint8_t *)req + n, reqlen - n,
		               ms);
		if (r <= 0)
			return TCAS_E_NET_IO;
		n += (size_t)r;
	}
	n = 0;
	for (;;) {
		if (n == cap)
			return TCAS_E_NOSPACE;
		if ((ms = step_ms(m)) == 0)
			return TCAS_E_NET_DEADLINE;
		r = port->recv(port->ctx, (uint8_t *)buf + n, cap - n, ms);
		if (r < 0)
			return (int)r;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return TCAS_OK;
}

/* GET over HTTP/1.0 (no chunking, the server closes): each step within
 * META_STEP_MS, all of it within the call's total deadline. */
static int io_meta(void *ctx, const char *path, char *buf, size_t cap,
                   size_t *len)
{
	static char req[512], resp[TCAS_CFG_FILE_MAX];
	meta_ctx *m = ctx;
	char host[128];
	uint16_t pn;
	tcas_posix px;
	tcas_port port;
	size_t n = 0;
	const char *body;
	uint32_t ms;
	int err, rl;

	if (m->offline)
		return TCAS_E_STATE;
	if (meta_endpoint(host, sizeof host, &pn))
		return TCAS_E_ENDPOINT;
	rl = tcas_cli_snprintf(req, sizeof req,
	                       "GET /latest/meta-data/%s HTTP/1.0\r\n"
	                       "Host: %s\r\nUser-Agent: tcas\r\n\r\n",
	                       path, host);
	if (rl < 0 || (size_t)rl >= sizeof req)
		return TCAS_E_NOSPACE;
	if ((ms = step_ms(m)) == 0)
		return TCAS_E_NET_DEADLINE;
	tcas_posix_init(&px, &port);
	err = port.connect(port.ctx, host, pn, ms);
	if (!err)
		err = meta_exchange(m, &port, req, (size_t)rl, resp,
		                    sizeof resp, &n);
	port.close(port.ctx);
	if (err == TCAS_E_NET_TIMEOUT || err == TCAS_E_NET_CONNECT_TIMEOUT ||
	    err == TCAS_E_NET_READ_TIMEOUT)
		step_ms(m); /* (a step's wait may have used the rest) */
	if (err)
		return err;
	if (n < 12 || strncmp(resp, "HTTP/1.", 7) != 0 ||
	    strncmp(resp + 8, " 200", 4) != 0)
		return TCAS_E_HTTP_STATUS;
	resp[n < sizeof resp ? n : sizeof resp - 1] = 0;
	body = strstr(resp, "\r\n\r\n");
	if (body == NULL)
		return TCAS_E_HTTP_MALFORMED;
	body += 4;
	n -= (size_t)(body - resp);
	if (n > cap)
		return TCAS_E_NOSPACE;
	memcpy(buf, body, n);
	*len = n;
	return TCAS_OK;
}

const tcas_cfg_io *tcas_cli_sys_io(const tcas_cfg *cfg, int offline)
{
	static meta_ctx m;
	static tcas_cfg_io io = {&m, io_getenv, io_read, io_meta};

	m.cfg = cfg;
	m.t0 = now_ms();
	m.offline = offline;
	m.expired = 0;
	return &io;
}

uint32_t tcas_cli_sys_io_elapsed_ms(const tcas_cfg_io *io, int *expired)
{
	const meta_ctx *m = io->ctx;
	double d = now_ms() - m->t0;

	*expired = m->expired;
	return d > 0 ? (uint32_t)d : 0;
}

/* ---- secrets from stdin or a file ---------------------------------------- */

/* One line of stdin into buf (the newline dropped), not echoed on a
 * terminal, where a prompt on stderr says what is asked. 0; -1 when the
 * line does not fit or holds a NUL. */
int tcas_cli_read_line(const char *prompt, int hidden, char *buf, size_t cap)
{
	struct termios t, quiet;
	int tty = isatty(0), hide = hidden && tty, ch, bad = 0;
	size_t n = 0;

	if (tty)
		tcas_cli_fprintf(stderr, "%s: ", prompt);
	if (hide && tcgetattr(0, &t) == 0) {
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
	} else {
		hide = 0;
	}
	while ((ch = getc(stdin)) != EOF && ch != '\n') {
		bad |= ch == 0 || n + 1 >= cap;
		if (n + 1 < cap)
			buf[n++] = (char)ch;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = 0;
	if (hide) {
		tcsetattr(0, TCSAFLUSH, &t);
		fputc('\n', stderr);
	}
	return bad ? -1 : 0;
}

/* Contract in cli.h. */
int tcas_cli_secret_value(const char *name, const char **v, char *buf,
                          size_t cap, int *stdin_used)
{
	size_t n = 0;
	int err;

	if (*v == NULL)
		return 0;
	if (strcmp(*v, "-") == 0) {
		if ((*stdin_used)++)
			goto twice;
		if (tcas_cli_read_line(name + 2, 1, buf, cap) != 0)
			goto bad;
	} else if (strncmp(*v, "file://", 7) == 0) {
		err = tcas_cli_read_file(*v + 7, 1, buf, cap - 1, &n);
		if (err == TCAS_E_CFG_TOO_LARGE)
			goto too_long;
		if (err == TCAS_E_CFG_PERM)
			return tcas_cli_fprintf(
			           stderr,
			           "tcas: %s: refusing to read %s: its mode "
			           "%04o lets group or others read it; run: "
			           "chmod 600 %s\n",
			           name, *v + 7, last_mode, *v + 7),
			       TCAS_EXIT_USAGE;
		if (err)
			return tcas_cli_fprintf(stderr, "tcas: %s: %s: %s\n",
			                        name, *v + 7,
			                        tcas_strerror(err)),
			       TCAS_EXIT_USAGE;
		if (memchr(buf, 0, n) != NULL)
			goto bad;
		n -= n > 0 && buf[n - 1] == '\n'; /* the line's end */
		n -= n > 0 && buf[n - 1] == '\r';
		buf[n] = 0;
	} else {
		char *arg = (char *)(uintptr_t)*v;

		n = strlen(arg);
		if (n >= cap)
			goto too_long;
		memcpy(buf, arg, n + 1);
		memset(arg, 'x', n);
	}
	*v = buf;
	return 0;
too_long:
	tcas_cli_fprintf(stderr, "tcas: %s: longer than %lu bytes\n", name,
	                 (unsigned long)cap - 1);
	return TCAS_EXIT_USAGE;
bad:
	tcas_cli_fprintf(stderr,
	                 "tcas: %s: holds a NUL byte or is longer than %lu "
	                 "bytes\n",
	                 name, (unsigned long)cap - 1);
	return TCAS_EXIT_USAGE;
twice:
	tcas_cli_fprintf(stderr,
	                 "tcas: %s -: standard input is already read for "
	                 "another value\n",
	                 name);
	return TCAS_EXIT_USAGE;
}

int tcas_cli_read_secrets(tcas_cli_opts *o)
{
	static char id[TCAS_CFG_VALUE_MAX], key[TCAS_CFG_VALUE_MAX],
	    token[TCAS_TOKEN_MAX];
	int used = o->input_json && strcmp(o->input_json, "-") == 0, err;

	if ((err = tcas_cli_secret_value("--secretId", &o->secret_id, id,
	                                 sizeof id, &used)) != 0 ||
	    (err = tcas_cli_secret_value("--secretKey", &o->secret_key, key,
	                                 sizeof key, &used)) != 0)
		return err;
	return tcas_cli_secret_value("--token", &o->token, token, sizeof token,
	                             &used);
}
