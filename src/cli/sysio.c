/* The CLI's side of tcas/creds.h: environment, files (with the
 * permission check) and the CVM metadata service over plain HTTP; and
 * `tcas configure`. Contract in cli.h. Static storage only. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "tcas/creds.h"
#include "tcas/error.h"
#include "tcas/port_posix.h"
#include "cli.h"

#define META_HOST       "metadata.tencentyun.com"
#define META_TIMEOUT_MS 1000

static unsigned last_mode; /* mode of the last file refused */

unsigned tcas_cli_refused_mode(void)
{
	return last_mode;
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

static int io_read(void *ctx, const char *path, int secret, char *buf,
                   size_t cap, size_t *len)
{
	struct stat st;
	int fd, err;

	(void)ctx;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? TCAS_E_CFG_NOFILE
		                                           : TCAS_E_CFG_READ;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return TCAS_E_CFG_READ;
	}
	if (secret && (st.st_mode & 077)) {
		last_mode = (unsigned)(st.st_mode & 07777);
		close(fd);
		return TCAS_E_CFG_PERM;
	}
	err = read_fd(fd, buf, cap, len);
	close(fd);
	return err;
}

/* host and port of $TCAS_METADATA_ENDPOINT (http://host:port, for tests)
 * or the real service. */
static int meta_endpoint(char *host, size_t cap, uint16_t *port)
{
	const char *e = getenv("TCAS_METADATA_ENDPOINT"), *colon;
	long p;

	if (e == NULL || *e == 0) {
		tcas_cli_snprintf(host, cap, "%s", META_HOST);
		*port = 80;
		return 0;
	}
	if (strncmp(e, "http://", 7) != 0)
		return -1;
	e += 7;
	colon = strrchr(e, ':');
	if (colon == NULL || (size_t)(colon - e) >= cap)
		return -1;
	p = strtol(colon + 1, NULL, 10);
	if (p < 1 || p > 65535)
		return -1;
	memcpy(host, e, (size_t)(colon - e));
	host[colon - e] = 0;
	*port = (uint16_t)p;
	return 0;
}

static int meta_exchange(tcas_port *port, const char *req, size_t reqlen,
                         char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	long r;

	while (n < reqlen) {
		r = port->send(port->ctx, (const uint8_t *)req + n, reqlen - n,
		               META_TIMEOUT_MS);
		if (r <= 0)
			return TCAS_E_NET_IO;
		n += (size_t)r;
	}
	n = 0;
	for (;;) {
		if (n == cap)
			return TCAS_E_NOSPACE;
		r = port->recv(port->ctx, (uint8_t *)buf + n, cap - n,
		               META_TIMEOUT_MS);
		if (r < 0)
			return (int)r;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return TCAS_OK;
}

/* GET over HTTP/1.0 (no chunking, the server closes), 1 s per step. */
static int io_meta(void *ctx, const char *path, char *buf, size_t cap,
                   size_t *len)
{
	static char req[512], resp[TCAS_CFG_FILE_MAX];
	char host[128];
	uint16_t pn;
	tcas_posix px;
	tcas_port port;
	size_t n = 0;
	const char *body;
	int err, rl;

	(void)ctx;
	if (meta_endpoint(host, sizeof host, &pn))
		return TCAS_E_ENDPOINT;
	rl = tcas_cli_snprintf(req, sizeof req,
	                       "GET /latest/meta-data/%s HTTP/1.0\r\n"
	                       "Host: %s\r\nUser-Agent: tcas\r\n\r\n",
	                       path, host);
	if (rl < 0 || (size_t)rl >= sizeof req)
		return TCAS_E_NOSPACE;
	tcas_posix_init(&px, &port);
	err = port.connect(port.ctx, host, pn, META_TIMEOUT_MS);
	if (!err)
		err = meta_exchange(&port, req, (size_t)rl, resp, sizeof resp,
		                    &n);
	port.close(port.ctx);
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

const tcas_cfg_io tcas_cli_io = {NULL, io_getenv, io_read, io_meta};

/* ---- tcas configure ------------------------------------------------------ */

static char line_buf[TCAS_TOKEN_MAX];
static char answers[6][TCAS_TOKEN_MAX];

/* Ask on stderr, read one line from stdin (no echo for secrets on a
 * terminal). "" when stdin ends. */
static const char *ask(int slot, const char *prompt, const char *def,
                       int secret)
{
	struct termios t, quiet;
	int tty = isatty(0), hide = secret && tty;
	size_t n;

	if (tty)
		tcas_cli_fprintf(stderr, "%s%s%s%s: ", prompt, def ? " [" : "",
		                 def ? def : "", def ? "]" : "");
	if (hide && tcgetattr(0, &t) == 0) {
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
	} else {
		hide = 0;
	}
	if (fgets(line_buf, sizeof line_buf, stdin) == NULL)
		line_buf[0] = 0;
	if (hide) {
		tcsetattr(0, TCSAFLUSH, &t);
		fputc('\n', stderr);
	}
	n = strcspn(line_buf, "\r\n");
	line_buf[n] = 0;
	memcpy(answers[slot], line_buf, n + 1);
	return answers[slot][0] ? answers[slot] : def;
}

static int mkdir_private(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno != EEXIST || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return -1;
	return 0;
}

/* Write path through path.tmp (0600, exclusive) and rename. */
static int write_private(const char *path, const char *s, size_t n)
{
	static char tmp[TCAS_PATH_MAX + 8];
	int fd, ok;

	if ((size_t)tcas_cli_snprintf(tmp, sizeof tmp, "%s.tmp", path) >=
	    sizeof tmp)
		return -1;
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -1;
	ok = fchmod(fd, 0600) == 0 && write(fd, s, n) == (ssize_t)n &&
	     fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static tcas_cfg wcfg;
static char cred_out[TCAS_TOKEN_MAX + 1024];
static char conf_out[TCAS_CFG_FILE_MAX];

static int configure_paths(const char *profile, char *dir, char *cred,
                           char *conf, size_t cap)
{
	const char *home = getenv("HOME");

	if (home == NULL || *home == 0) {
		fputs("tcas configure: HOME is not set\n", stderr);
		return -1;
	}
	if (*profile == 0 || *profile == '.' || strchr(profile, '/') ||
	    (size_t)tcas_cli_snprintf(dir, cap, "%s/.tccli", home) >= cap ||
	    (size_t)tcas_cli_snprintf(cred, cap, "%s/%s.credential", dir,
	                              profile) >= cap ||
	    (size_t)tcas_cli_snprintf(conf, cap, "%s/%s.configure", dir,
	                              profile) >= cap) {
		tcas_cli_fprintf(
		    stderr, "tcas configure: bad profile name '%s'\n", profile);
		return -1;
	}
	return 0;
}

int tcas_cli_configure(const tcas_cli_conf *in)
{
	static char dir[TCAS_PATH_MAX], cred[TCAS_PATH_MAX],
	    conf[TCAS_PATH_MAX];
	tcas_cfg_write w;
	size_t old = 0, n1, n2;
	int err;

	if (configure_paths(in->profile ? in->profile : "default", dir, cred,
	                    conf, sizeof dir))
		return 2;
	memset(&w, 0, sizeof w);
	w.secret_id =
	    in->secret_id ? in->secret_id : ask(0, "SecretId", NULL, 0);
	w.secret_key =
	    in->secret_key ? in->secret_key : ask(1, "SecretKey", NULL, 1);
	w.token = in->token;
	w.region =
	    in->region ? in->region : ask(2, "Region", "ap-guangzhou", 0);
	w.output = in->output ? in->output : ask(3, "Output", "json", 0);
	w.endpoint = in->endpoint;
	if (!w.secret_id || !*w.secret_id || !w.secret_key || !*w.secret_key) {
		fputs("tcas configure: SecretId and SecretKey are required\n",
		      stderr);
		return 2;
	}
	if (tcas_cli_output_format(w.output) < 0) {
		tcas_cli_fprintf(stderr,
		                 "tcas configure: output must be json, text or "
		                 "table, not '%s'\n",
		                 w.output);
		return 2;
	}
	err = io_read(NULL, conf, 0, wcfg.file, sizeof wcfg.file, &old);
	if (err && err != TCAS_E_CFG_NOFILE) {
		tcas_cli_fprintf(stderr, "tcas configure: %s: %s\n", conf,
		                 tcas_strerror(err));
		return 2;
	}
	w.old_conf = err ? NULL : wcfg.file;
	w.old_len = err ? 0 : old;
	err = tcas_cfg_write_tccli(&wcfg, &w, cred_out, sizeof cred_out, &n1,
	                           conf_out, sizeof conf_out, &n2);
	if (err) {
		tcas_cli_fprintf(stderr, "tcas configure: %s%s\n",
		                 err == TCAS_E_CFG_SYNTAX ? conf : "",
		                 err == TCAS_E_CFG_SYNTAX
		                     ? ": not a tccli configure "
		                       "file (JSON object)"
		                     : tcas_strerror(err));
		return 2;
	}
	if (mkdir_private(dir) || write_private(conf, conf_out, n2) ||
	    write_private(cred, cred_out, n1)) {
		tcas_cli_fprintf(stderr,
		                 "tcas configure: cannot write %s: %s\n", dir,
		                 strerror(errno));
		return 2;
	}
	tcas_cli_fprintf(stderr,
	                 "tcas configure: wrote %s and %s (mode 0600)\n", cred,
	                 conf);
	return 0;
}
