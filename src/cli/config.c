/*
 * config.c - the configured client of the tcas command: credentials and
 * settings (tcas/creds.h over the system, sysio.c), the endpoint, proxy,
 * trust anchors and retry policy; one call and the report of its failure.
 * Contract in cli.h. Static storage only: one client per process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/creds.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"
#include "cli.h"

static tcas_client client;
static tcas_trust_store trust;
static tcas_posix posix;
static tcas_port port;
static tcas_cfg cfg;
static tcas_cli_opts *opt;
static int out_format;
static const char *last_action; /* of the last call, for messages */
/* Room for the API's largest pages (config.h); untouched pages cost no
 * RAM. */
static char page_body[TCAS_CLI_BODY_MAX];
static jsmntok_t page_tok[TCAS_CLI_TOKENS_MAX];

static int usage_error(const char *fmt, const char *arg)
{
	fputs("tcas: ", stderr);
	tcas_cli_fprintf(stderr, fmt, arg);
	fputs("\n(see tcas --help)\n", stderr);
	return TCAS_EXIT_USAGE;
}

static int load_trust(const char *ca_file)
{
	const char *path = ca_file ? ca_file : TCAS_CLI_SYSTEM_CA_FILE;
	int err;

	tcas_trust_store_init(&trust);
	err = tcas_posix_index_ca_file(&trust.t, path);
	if (err) {
		tcas_cli_fprintf(stderr, "tcas: cannot use CA file %s: %s\n",
		                 path, tcas_strerror(err));
		return ca_file ? TCAS_EXIT_USAGE : TCAS_EXIT_NET;
	}
	tcas_client_set_trust_store(&client, &trust.t);
	return 0;
}

/* Tokens jsmn needs for the JSON text s[0..n): one per value and key. */
static unsigned long json_tokens(const char *s, size_t n)
{
	unsigned long t = 0;
	size_t i = 0;

	while (i < n) {
		char ch = s[i++];

		if (ch == '"') {
			for (t++; i < n && s[i] != '"'; i++)
				i += s[i] == '\\';
			i++;
		} else if (ch == '{' || ch == '[') {
			t++;
		} else if (ch == '-' || (ch >= '0' && ch <= '9') || ch == 't' ||
		           ch == 'f' || ch == 'n') {
			for (t++; i < n && !strchr(",]} \t\r\n", s[i]); i++)
				;
		}
	}
	return t;
}

/* Twice n, rounded up to a power of two: a size to suggest. */
static unsigned long suggest(unsigned long long n)
{
	unsigned long v = 1024;

	while (v < 2 * n && v < 0x40000000ul)
		v *= 2;
	return v;
}

/* An answer (or request) larger than a buffer of tcas: which limit, the
 * size needed, and what to do. */
static int limit_failure(int err)
{
	const tcas_action *a =
	    last_action ? tcas_as_action_find(last_action) : NULL;
	const char *is = "is", *unit = "bytes", *buf = "response buffer";
	const char *name = "TCAS_CLI_BODY_MAX";
	unsigned long long need = client.resp.body_need;
	unsigned long have = TCAS_CLI_BODY_MAX - 1;
	int more = !client.resp.body_need_exact;

	if (err == TCAS_E_JSON_TOO_MANY_TOKENS) {
		is = "holds", unit = "JSON tokens", buf = "token array";
		name = "TCAS_CLI_TOKENS_MAX", have = TCAS_CLI_TOKENS_MAX;
		need = json_tokens(page_body, client.resp.body_len), more = 0;
	} else if (err == TCAS_E_HTTP_HEAD_TOO_LARGE ||
	           err == TCAS_E_HTTP_REQ_TOO_LARGE) {
		int req = err == TCAS_E_HTTP_REQ_TOO_LARGE;

		unit = req ? "bytes of HTTP head (a long session token?)"
		           : "bytes of HTTP head";
		buf = "head buffer", more = 1;
		name =
		    req ? "TCAS_HTTP_REQ_HEAD_MAX" : "TCAS_HTTP_RESP_HEAD_MAX";
		need = have =
		    req ? TCAS_HTTP_REQ_HEAD_MAX : TCAS_HTTP_RESP_HEAD_MAX;
	}
	tcas_cli_fprintf(stderr,
	                 "tcas: the %s %s %s %s%lu %s, more than tcas's %s "
	                 "holds (%lu, %s): ",
	                 err == TCAS_E_HTTP_REQ_TOO_LARGE ? "request for"
	                                                  : "answer to",
	                 last_action ? last_action : "the call", is,
	                 more ? "more than " : "", (unsigned long)need, unit,
	                 buf, have, name);
	if (a && tcas_action_param(a, "Limit") &&
	    err != TCAS_E_HTTP_REQ_TOO_LARGE)
		fputs("ask for fewer items (--Limit, then --Offset for the "
		      "next page), or ",
		      stderr);
	tcas_cli_fprintf(stderr,
	                 "build tcas with a larger one: make "
	                 "TCAS_CONFIG_DEFS=-D%s=%lu (README, Configuration "
	                 "limits)\n",
	                 name, suggest(need > have ? need : have));
	return TCAS_EXIT_LIMIT;
}

/* The proxy failed, not the server: name it, and what it said. */
static int proxy_failure(int err)
{
#if TCAS_WITH_PROXY
	static char line[128];
	const char *h = client.resp_head, *e = memchr(h, '\r', sizeof line);
	int n = e ? (int)(e - h) : 0; /* the proxy's status line */

	tcas_cli_fprintf(stderr, "tcas: the proxy %s:%u ", client.proxy_host,
	                 (unsigned)client.proxy_port);
	if (err == TCAS_E_NET_PROXY_AUTH) {
		fputs("asks for credentials (407): give them as --proxy "
		      "http://user:password@host:port\n",
		      stderr);
		return TCAS_EXIT_NET;
	}
	if (err != TCAS_E_NET_PROXY) {
		tcas_cli_fprintf(stderr, "failed: %s\n", tcas_strerror(err));
		return TCAS_EXIT_NET;
	}
	tcas_cli_fprintf(stderr, "refused the CONNECT to %s:%u", client.host,
	                 (unsigned)client.port_num);
	if (n > 5 && strncmp(h, "HTTP/", 5) == 0 && !memchr(h, 0, (size_t)n)) {
		tcas_cli_snprintf(line, sizeof line, "%.*s", n, h);
		fputs(": ", stderr);
		tcas_cli_put_clean(stderr, line);
	}
	fputc('\n', stderr);
#else
	(void)err;
#endif
	return TCAS_EXIT_NET;
}

static int report_failure(int err, const tcas_result *r)
{
	if (err == TCAS_E_HTTP_BODY_TOO_LARGE ||
	    err == TCAS_E_JSON_TOO_MANY_TOKENS ||
	    err == TCAS_E_HTTP_HEAD_TOO_LARGE ||
	    err == TCAS_E_HTTP_REQ_TOO_LARGE)
		return limit_failure(err);
	switch (tcas_err_class_of(err)) {
	case TCAS_CLASS_API:
		fputs("tcas: API error ", stderr);
		tcas_cli_put_clean(stderr, r->error_code);
		fputs(": ", stderr);
		tcas_cli_put_clean(stderr, r->error_message);
		fputs(" (RequestId: ", stderr);
		tcas_cli_put_clean(stderr, r->request_id);
		fputs(")\n", stderr);
		return TCAS_EXIT_API;
	case TCAS_CLASS_TLS:
		tcas_cli_fprintf(stderr, "tcas: TLS error talking to %s: %s",
		                 client.host, tcas_strerror(err));
		if (r->tls_br_error)
			tcas_cli_fprintf(
			    stderr, " (%s)",
			    tcas_tls_br_error_name(r->tls_br_error));
		fputc('\n', stderr);
		return TCAS_EXIT_NET;
	case TCAS_CLASS_TRANSPORT:
		if (client.proxy_failed)
			return proxy_failure(err);
		tcas_cli_fprintf(
		    stderr, "tcas: network error talking to %s:%u: %s\n",
		    client.host, (unsigned)client.port_num, tcas_strerror(err));
		/* a reset or close before any answer to plain HTTP: what a
		 * TLS port does with it */
		if (!client.use_tls && r->http_status == 0 &&
		    (err == TCAS_E_NET_IO || err == TCAS_E_NET_CLOSED))
			fputs("tcas: the server closed the connection without "
			      "answering the plain HTTP request: if that port "
			      "speaks TLS, use https://\n",
			      stderr);
		return TCAS_EXIT_NET;
	case TCAS_CLASS_HTTP:
		if (err == TCAS_E_HTTP_STATUS)
			tcas_cli_fprintf(
			    stderr, "tcas: HTTP error: status %d from %s\n",
			    r->http_status, client.host);
		else
			tcas_cli_fprintf(stderr, "tcas: HTTP error: %s\n",
			                 tcas_strerror(err));
		return TCAS_EXIT_NET;
	default:
		if (err <= TCAS_E_JSON_TOO_MANY_TOKENS &&
		    err >= TCAS_E_JSON_ESCAPE) {
			tcas_cli_fprintf(stderr,
			                 "tcas: bad response body: %s\n",
			                 tcas_strerror(err));
			return TCAS_EXIT_NET;
		}
		tcas_cli_fprintf(stderr, "tcas: %s\n", tcas_strerror(err));
		return err == TCAS_E_CLOCK ? TCAS_EXIT_NET : TCAS_EXIT_USAGE;
	}
}

/* One line of text that may hold the server's bytes, cleaned. */
static void put_line(const char *prefix, const char *s, size_t len)
{
	static char buf[TCAS_HTTP_RESP_HEAD_MAX + 1];

	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, s, len);
	buf[len] = 0;
	fputs(prefix, stderr);
	tcas_cli_put_clean(stderr, buf);
	fputc('\n', stderr);
}

static void log_stderr(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	put_line("", line, len);
}

/* Is host listed in NO_PROXY ("a.com,.b.com,*")? */
static int no_proxy_for(const char *host)
{
	const char *np = getenv("NO_PROXY");
	size_t hl = strlen(host);

	if (np == NULL || !*np)
		np = getenv("no_proxy");
	while (np && *np) {
		size_t n = strcspn(np, ", ");
		const char *e = np;

		if (n > 0 && *e == '.') {
			e++;
			n--;
		}
		if ((n == 1 && *e == '*') ||
		    (n > 0 && n <= hl && strncmp(host + hl - n, e, n) == 0 &&
		     (n == hl || host[hl - n - 1] == '.')))
			return 1;
		np += strcspn(np, ", ");
		np += strspn(np, ", ");
	}
	return 0;
}

static int setup_proxy(void)
{
	const char *p = opt->proxy;

	if (p == NULL && client.use_tls && !no_proxy_for(client.host)) {
		p = getenv("HTTPS_PROXY");
		if (p == NULL || !*p)
			p = getenv("https_proxy");
	}
	if (p == NULL || !*p)
		return 0;
	if (tcas_client_set_proxy(&client, p) != TCAS_OK)
		return usage_error("%s", "bad proxy: expected "
		                         "http://[user:pass@]host:port");
	return 0;
}

static int config_error(int err)
{
	if (err == TCAS_E_CFG_PERM) {
		tcas_cli_fprintf(
		    stderr,
		    "tcas: refusing to read %s: its mode %04o lets "
		    "group or others read it; run: chmod 600 %s\n",
		    cfg.where, tcas_cli_refused_mode(), cfg.where);
		return TCAS_EXIT_USAGE;
	}
	if (err == TCAS_E_CFG_NO_CREDENTIALS) {
		fputs("tcas: no credentials: set TENCENTCLOUD_SECRET_ID and "
		      "TENCENTCLOUD_SECRET_KEY, run tcas configure, or use "
		      "--profile / --use-cvm-role\n",
		      stderr);
		return TCAS_EXIT_USAGE;
	}
	tcas_cli_fprintf(stderr, "tcas: %s: %s\n", cfg.where,
	                 tcas_strerror(err));
	return TCAS_EXIT_USAGE;
}

static int load_config(void)
{
	const tcas_cfg_io *io;
	uint32_t spent;
	int err, expired;

	tcas_cfg_init(&cfg);
	cfg.opt_secret_id = opt->secret_id,
	cfg.opt_secret_key = opt->secret_key;
	cfg.opt_token = opt->token, cfg.opt_region = opt->region;
	cfg.opt_endpoint = opt->endpoint, cfg.opt_output = opt->output;
	cfg.opt_profile = opt->profile, cfg.use_cvm_role = opt->use_cvm_role;
	if (opt->timeout_s &&
	    !(opt->action && strcmp(opt->action, "wait") == 0))
		cfg.opt_timeout_ms = (uint32_t)opt->timeout_s * 1000u;
	io = tcas_cli_sys_io(&cfg, opt->dry_run);
	err = tcas_cfg_load(&cfg, io);
	spent = tcas_cli_sys_io_elapsed_ms(io, &expired);
	if (err == TCAS_E_CFG_METADATA && opt->dry_run) {
		fputs("tcas: --dry-run touches no network, so it does not ask "
		      "the metadata service for the CVM role's keys: give "
		      "--secretId and --secretKey to see a signed request\n",
		      stderr);
		return TCAS_EXIT_USAGE;
	}
	/* The metadata exchange counts in the call's total deadline. */
	if ((err == TCAS_E_CFG_METADATA && expired) ||
	    (!err && strcmp(cfg.cred_source, "cvm role") == 0 &&
	     spent >= cfg.timeout_ms)) {
		fputs("tcas: the total deadline (--timeout) passed while "
		      "fetching the CVM role's keys\n",
		      stderr);
		return TCAS_EXIT_NET;
	}
	if (err)
		return config_error(err);
	if (!tcas_cli_is_name(cfg.region)) {
		/* from the environment or a profile: --region was checked */
		fputs("tcas: the region from ", stderr);
		fputs(strcmp(cfg.region_source, "environment") == 0
		          ? "TENCENTCLOUD_REGION"
		          : "the profile's .configure (_sys_param.region)",
		      stderr);
		fputs(" is not a region name: '", stderr);
		tcas_cli_put_clean(stderr, cfg.region);
		fputs("'\n", stderr);
		return TCAS_EXIT_USAGE;
	}
	cfg.timeout_ms -= spent < cfg.timeout_ms ? spent : 0;
	out_format = tcas_cli_output_format(cfg.output);
	if (out_format < 0) { /* --output's value was checked: the profile's */
		fputs("tcas: the profile's output (_sys_param.output) must be "
		      "json, text or table, not '",
		      stderr);
		tcas_cli_put_clean(stderr, cfg.output);
		fputs("'\n", stderr);
		return TCAS_EXIT_USAGE;
	}
	return tcas_cli_output_built(out_format);
}

static int configure(void)
{
	static char host[TCAS_CFG_VALUE_MAX + 32];
	const char *ep = cfg.endpoint;
	int err;

	tcas_posix_init(&posix, &port);
	tcas_client_init(&client, &port);
	tcas_client_set_response_buffers(&client, page_body, sizeof page_body,
	                                 page_tok, TCAS_CLI_TOKENS_MAX);
	tcas_client_set_action_facts(&client, tcas_as_action_facts);
	if (!*ep && opt->service) {
		tcas_cli_snprintf(host, sizeof host, "%s.tencentcloudapi.com",
		                  opt->service);
		ep = host;
	}
	if (*ep) {
		err = tcas_client_set_endpoint(&client, ep);
		if (err) {
			tcas_cli_fprintf(stderr, "tcas: %s: bad endpoint '",
			                 opt->endpoint
			                     ? "--endpoint"
			                     : "autoscaling.endpoint of "
			                       "the profile");
			tcas_cli_put_clean(stderr, ep);
			fputs("': expected host[:port], https://host[:port] or "
			      "http://host:port\n",
			      stderr);
			return TCAS_EXIT_USAGE;
		}
	}
	tcas_client_set_credentials(&client, cfg.secret_id, cfg.secret_key,
	                            cfg.token[0] ? cfg.token : NULL);
	tcas_client_set_region(&client, cfg.region);
	tcas_client_set_timeout(
	    &client, cfg.timeout_ms > 3600000u ? 3600000u : cfg.timeout_ms);
	if (opt->service) {
		client.service = opt->service;
		client.action_version = opt->api_version;
	}
	if (opt->timestamp)
		tcas_client_set_time(&client, (int64_t)opt->timestamp);
	if ((err = setup_proxy()) != 0)
		return err;
	if (opt->retries >= 0)
		tcas_client_set_retry(&client, (int)opt->retries + 1,
		                      TCAS_RETRY_BASE_MS_DEFAULT,
		                      TCAS_RETRY_CAP_MS_DEFAULT);
	if (opt->debug)
		tcas_client_set_log(&client, log_stderr, NULL);
	return 0;
}

int tcas_cli_setup(tcas_cli_opts *o)
{
	static int done;
	int err;

	if (done)
		return 0;
	opt = o;
	if ((err = tcas_cli_read_secrets(o)) != 0 ||
	    (err = load_config()) != 0 || (err = configure()) != 0)
		return err;
	if (!opt->dry_run && client.use_tls &&
	    (err = load_trust(opt->ca_file)) != 0)
		return err;
	done = 1;
	return 0;
}

int tcas_cli_format(void)
{
	return out_format;
}

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void debug_dump(const char *action, size_t len, int err,
                       const tcas_result *r, double ms)
{
	size_t i;
	/* The request lines (secrets redacted) came through the library's
	 * log as they were sent; here the summary and the response head,
	 * cleaned like any server text. */
	unsigned long tenths = ms > 0 ? (unsigned long)(ms * 10.0 + 0.5) : 0;

	tcas_cli_fprintf(stderr,
	                 "tcas debug: %s to %s:%u (%s), body %lu bytes\n",
	                 action, client.host, (unsigned)client.port_num,
	                 client.use_tls ? "https" : "http", (unsigned long)len);
	tcas_cli_fprintf(stderr, "tcas debug: %lu.%lu ms, %d attempt(s), %s\n",
	                 tenths / 10, tenths % 10, r->attempts,
	                 tcas_errname(err));
	for (i = 0; i < client.resp.head_len;) {
		const char *h = client.resp.head + i;
		size_t n = client.resp.head_len - i, k;
		const char *nl = memchr(h, '\n', n);

		k = nl ? (size_t)(nl - h) : n;
		i += k + (nl != NULL);
		if (k > 0 && h[k - 1] == '\r')
			k--;
		if (k > 0)
			put_line("< ", h, k);
	}
}

int tcas_cli_call_raw(const char *action, const char *params, size_t len,
                      tcas_result *r)
{
	double t0 = mono_ms();
	int err;

	memset(r, 0, sizeof *r);
	client.resp.head_len = 0;
	last_action = action;
	err = tcas_client_call(&client, action, params, len, r);
	if (opt->debug)
		debug_dump(action, len, err, r, mono_ms() - t0);
	return err;
}

int tcas_cli_report(int err, const tcas_result *r)
{
	return err ? report_failure(err, r) : 0;
}

int tcas_cli_call(const char *action, const char *params, size_t len,
                  tcas_result *r)
{
	return tcas_cli_report(tcas_cli_call_raw(action, params, len, r), r);
}

void tcas_cli_call_timeout(uint32_t ms)
{
	tcas_client_set_timeout(&client, ms);
}

uint32_t tcas_cli_call_timeout_of(void)
{
	return client.timeout_ms;
}

void tcas_cli_close(void)
{
	tcas_client_close(&client);
}

/* --dry-run: the exact request, but never the session token. */
int tcas_cli_dry_run(const char *action, const char *body, size_t len)
{
	const char *h, *end;
	tcas_result r;
	int err;

	last_action = action;
	err = tcas_client_prepare(&client, action, body, len);

	if (err) {
		memset(&r, 0, sizeof r);
		return report_failure(err, &r);
	}
	h = client.req_head, end = h + client.req_head_len;
	while (h < end) {
		const char *nl = memchr(h, '\n', (size_t)(end - h));
		size_t n = nl ? (size_t)(nl - h + 1) : (size_t)(end - h);

		if (n > 11 && strncmp(h, "X-TC-Token:", 11) == 0)
			fputs("X-TC-Token: <session token, not shown>\r\n",
			      stdout);
		else
			fwrite(h, 1, n, stdout);
		h += n;
	}
	fwrite(body, 1, len, stdout);
	fputc('\n', stdout);
	return 0;
}
