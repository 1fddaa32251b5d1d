/*
 * tcas - command-line client for the Tencent Cloud Auto Scaling API.
 *
 *   tcas [global options] <Action> [--<Param> <value> ...]
 *
 * Global options are lower-case (--region), API parameters are spelled as in
 * the API (--AutoScalingGroupId), so both may be mixed in any order. All
 * storage is static: the CLI allocates nothing either.
 *
 * Exit codes: 0 success, 1 API error, 2 usage error, 3 network/TLS/HTTP;
 * waiters 4..11 (cli.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/creds.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"
#include "cli.h"

#define EXIT_API       TCAS_EXIT_API
#define EXIT_USAGE     TCAS_EXIT_USAGE
#define EXIT_NET       TCAS_EXIT_NET
#define SYSTEM_CA_FILE "/etc/ssl/certs/ca-certificates.crt"
#define MAX_ARGS       512

static tcas_client client;
static tcas_trust_store trust;
static tcas_posix posix;
static tcas_port port;
static char body[TCAS_REQ_BODY_MAX];
static char *param_argv[MAX_ARGS];
static tcas_cfg cfg;

struct opts {
	const char *region, *endpoint, *ca_file, *action, *proxy;
	const char *profile, *secret_id, *secret_key, *token, *output;
	const char *filter, *service, *api_version;
	long timeout_s, interval_s;
	long retries; /* -1: the library's default */
	long long timestamp;
	int dry_run, help, version, use_cvm_role, skeleton, wait, debug;
	int nparams;
};
static struct opts opt;
static int out_format;

static const char usage_text[] =
    "usage: tcas [options] <Action> [--<Param> <value> ...]\n"
    "       tcas help [<Action>]   actions by group, or one action's "
    "parameters\n"
    "       tcas configure [--profile P] [--secretId ID] [--secretKey KEY]\n"
    "                      [--region R] [--output F] [--endpoint HOST]\n"
    "       tcas wait refresh-finished --AutoScalingGroupId G "
    "--RefreshActivityId R\n"
    "       tcas wait activity-finished --ActivityId A\n"
    "       tcas wait capacity-reached --AutoScalingGroupId G\n"
    "       tcas --service SVC --api-version V <Action> --cli-input-json F\n"
    "       tcas completion bash   bash completion (source <(tcas "
    "completion bash))\n"
    "       tcas query EXPR [FILE|-]   JMESPath over a saved JSON answer\n"
    "\n"
    "Calls one Tencent Cloud Auto Scaling (2018-04-19) action, signed with\n"
    "TC3-HMAC-SHA256, and prints the Response object.\n"
    "\n"
    "options:\n"
    "  --profile NAME         tccli profile ~/.tccli/NAME.{credential,"
    "configure}\n"
    "                         (default $TCCLI_PROFILE, else default)\n"
    "  --secretId ID --secretKey KEY [--token T]   explicit credentials\n"
    "  --use-cvm-role         credentials of the CVM instance role "
    "(metadata)\n"
    "  --region REGION        X-TC-Region\n"
    "  --endpoint URL         host[:port], https://host[:port] or\n"
    "                         http://host:port (default "
    "as.tencentcloudapi.com)\n"
    "  --output json|text|table   output format (default json)\n"
    "  --filter EXPR          JMESPath over the response, as tccli's "
    "--filter\n"
    "                         (tcas help query: the language, examples)\n"
    "  --ca-file FILE         PEM trust anchors (default " SYSTEM_CA_FILE ")\n"
    "  --timeout SECONDS      deadline of a call (default 30), of a wait\n"
    "                         (default 3600)\n"
    "  --interval SECONDS     wait: time between polls (default 5)\n"
    "  --wait                 Start/Resume/RollbackInstanceRefresh: then\n"
    "                         wait refresh-finished\n"
    "  --generate-cli-skeleton   print the action's parameter object\n"
    "  --retries N            retries after a retryable failure (0..10,\n"
    "                         default 3; see README, retry policy)\n"
    "  --proxy URL            HTTP proxy http://[user:pass@]host:port used\n"
    "                         with CONNECT (default $HTTPS_PROXY or\n"
    "                         $https_proxy for https endpoints, except\n"
    "                         hosts in $NO_PROXY/$no_proxy; \"\" = none)\n"
    "  --cli-input-json FILE  read the parameter object from FILE (- = "
    "stdin)\n"
    "  --service SVC --api-version V   call any API 3.0 service "
    "(unvalidated)\n"
    "  --dry-run              print the signed HTTP request, send nothing\n"
    "  --debug                log request/response heads and timings to\n"
    "                         stderr (signature and token redacted)\n"
    "  --timestamp EPOCH      sign with this Unix time\n"
    "  --version, --help\n"
    "\n"
    "parameters: --Name value; lists take several values or a JSON array;\n"
    "objects take JSON text.\n"
    "\n"
    "credentials, first found: --secretId/--secretKey; without --profile\n"
    "TENCENTCLOUD_SECRET_ID + TENCENTCLOUD_SECRET_KEY (+ "
    "TENCENTCLOUD_SESSION_TOKEN\n"
    "or TENCENTCLOUD_TOKEN), then $TENCENTCLOUD_CREDENTIALS_FILE or\n"
    "~/.tencentcloud/credentials or /etc/tencentcloud/credentials [default];\n"
    "~/.tccli/PROFILE.credential; the CVM role when asked. Credential files\n"
    "must not be readable by group or others. Region, endpoint, output and\n"
    "timeout: options, then TENCENTCLOUD_REGION (without --profile), then\n"
    "~/.tccli/PROFILE.configure.\n"
    "\n"
    "exit codes: 0 success, 1 API error, 2 usage or configuration error,\n"
    "3 network, TLS or HTTP failure; waiters: 4 timeout, 5 FAILED_PAUSE,\n"
    "6 AUTO_PAUSE, 7 MANUAL_PAUSE, 8 CANCELLED, 9 FAILED,\n"
    "10 PARTIALLY_SUCCESSFUL, 11 activity or group not found.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("tcas: ", stderr);
	tcas_cli_fprintf(stderr, fmt, arg);
	fputs("\n(see tcas --help)\n", stderr);
	return EXIT_USAGE;
}

/* Print s with control characters replaced, so server text cannot drive
 * the terminal. */
static void print_clean(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s, f);
}

static int parse_long(const char *s, long long min, long long max,
                      long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Global option taking a value? Returns its slot, or NULL. */
static const char **value_opt(struct opts *o, const char *name)
{
	if (strcmp(name, "--region") == 0)
		return &o->region;
	if (strcmp(name, "--endpoint") == 0)
		return &o->endpoint;
	if (strcmp(name, "--ca-file") == 0)
		return &o->ca_file;
	if (strcmp(name, "--proxy") == 0)
		return &o->proxy;
	if (strcmp(name, "--profile") == 0)
		return &o->profile;
	if (strcmp(name, "--secretId") == 0)
		return &o->secret_id;
	if (strcmp(name, "--secretKey") == 0)
		return &o->secret_key;
	if (strcmp(name, "--token") == 0)
		return &o->token;
	if (strcmp(name, "--output") == 0)
		return &o->output;
	if (strcmp(name, "--filter") == 0)
		return &o->filter;
	if (strcmp(name, "--service") == 0)
		return &o->service;
	if (strcmp(name, "--api-version") == 0)
		return &o->api_version;
	return NULL;
}

static int parse_global(struct opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	const char **slot = value_opt(o, a);
	long long v;

	if (strcmp(a, "--dry-run") == 0)
		return o->dry_run = 1, 0;
	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
		return o->help = 1, 0;
	if (strcmp(a, "--version") == 0)
		return o->version = 1, 0;
	if (strcmp(a, "--use-cvm-role") == 0)
		return o->use_cvm_role = 1, 0;
	if (strcmp(a, "--generate-cli-skeleton") == 0)
		return o->skeleton = 1, 0;
	if (strcmp(a, "--wait") == 0)
		return o->wait = 1, 0;
	if (strcmp(a, "--debug") == 0)
		return o->debug = 1, 0;
	if (*i + 1 >= argc)
		return usage_error("option %s needs a value", a);
	if (slot) {
		*slot = argv[++*i];
		return 0;
	}
	if (strcmp(a, "--retries") == 0) {
		if (parse_long(argv[*i + 1], 0, 10, &v))
			return usage_error("--retries expects 0..10, got '%s'",
			                   argv[*i + 1]);
		o->retries = (long)v;
		++*i;
		return 0;
	}
	if (strcmp(a, "--timeout") == 0) {
		if (parse_long(argv[*i + 1], 1, 86400, &v))
			return usage_error("--timeout expects whole seconds "
			                   "1..86400, got '%s'",
			                   argv[*i + 1]);
		o->timeout_s = (long)v;
		++*i;
		return 0;
	}
	if (strcmp(a, "--interval") == 0) {
		if (parse_long(argv[*i + 1], 1, 3600, &v))
			return usage_error("--interval expects whole seconds "
			                   "1..3600, got '%s'",
			                   argv[*i + 1]);
		o->interval_s = (long)v;
		++*i;
		return 0;
	}
	if (strcmp(a, "--timestamp") == 0) {
		if (parse_long(argv[*i + 1], 1, 253402300799LL, &v))
			return usage_error("--timestamp expects Unix seconds, "
			                   "got '%s'",
			                   argv[*i + 1]);
		o->timestamp = v;
		++*i;
		return 0;
	}
	return usage_error("unknown option %s", a);
}

/* Split argv into global options, the action and its parameters. */
static int parse_args(struct opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int err;

		if (a[0] == '-' && a[1] == '-' && a[2] >= 'a' && a[2] <= 'z' &&
		    strcmp(a, "--cli-input-json") != 0) {
			err = parse_global(o, argc, argv, &i);
			if (err)
				return err;
		} else if (a[0] == '-' && a[1] == 'h' && a[2] == '\0') {
			o->help = 1;
		} else if (o->action == NULL && a[0] != '-') {
			o->action = a;
		} else {
			if (o->nparams >= MAX_ARGS)
				return usage_error("more than %s arguments",
				                   "512");
			param_argv[o->nparams++] = argv[i];
		}
	}
	return 0;
}

/* --dry-run: the exact request, but never the session token. */
static int print_request(size_t body_len)
{
	const char *h = client.req_head, *end = h + client.req_head_len;

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
	fwrite(body, 1, body_len, stdout);
	fputc('\n', stdout);
	return 0;
}

static int load_trust(const char *ca_file)
{
	const char *path = ca_file ? ca_file : SYSTEM_CA_FILE;
	int err;

	tcas_trust_store_init(&trust);
	err = tcas_posix_load_ca_file(&trust.t, path);
	if (err) {
		tcas_cli_fprintf(stderr, "tcas: cannot use CA file %s: %s\n",
		                 path, tcas_strerror(err));
		return ca_file ? EXIT_USAGE : EXIT_NET;
	}
	tcas_client_set_trust(&client, trust.t.ta, trust.t.count);
	return 0;
}

static int report_failure(int err, const tcas_result *r)
{
	switch (tcas_err_class_of(err)) {
	case TCAS_CLASS_API:
		fputs("tcas: API error ", stderr);
		print_clean(stderr, r->error_code);
		fputs(": ", stderr);
		print_clean(stderr, r->error_message);
		fputs(" (RequestId: ", stderr);
		print_clean(stderr, r->request_id);
		fputs(")\n", stderr);
		return EXIT_API;
	case TCAS_CLASS_TLS:
		tcas_cli_fprintf(stderr, "tcas: TLS error talking to %s: %s",
		                 client.host, tcas_strerror(err));
		if (r->tls_br_error)
			tcas_cli_fprintf(
			    stderr, " (%s)",
			    tcas_tls_br_error_name(r->tls_br_error));
		fputc('\n', stderr);
		return EXIT_NET;
	case TCAS_CLASS_TRANSPORT:
		tcas_cli_fprintf(
		    stderr, "tcas: network error talking to %s:%u: %s\n",
		    client.host, (unsigned)client.port_num, tcas_strerror(err));
		return EXIT_NET;
	case TCAS_CLASS_HTTP:
		if (err == TCAS_E_HTTP_STATUS)
			tcas_cli_fprintf(
			    stderr, "tcas: HTTP error: status %d from %s\n",
			    r->http_status, client.host);
		else
			tcas_cli_fprintf(stderr, "tcas: HTTP error: %s\n",
			                 tcas_strerror(err));
		return EXIT_NET;
	default:
		if (err <= TCAS_E_JSON_TOO_MANY_TOKENS &&
		    err >= TCAS_E_JSON_ESCAPE) {
			tcas_cli_fprintf(stderr,
			                 "tcas: bad response body: %s\n",
			                 tcas_strerror(err));
			return EXIT_NET;
		}
		tcas_cli_fprintf(stderr, "tcas: %s\n", tcas_strerror(err));
		return err == TCAS_E_CLOCK ? EXIT_NET : EXIT_USAGE;
	}
}

static void log_stderr(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	fwrite(line, 1, len, stderr);
	fputc('\n', stderr);
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

static int setup_proxy(const struct opts *o)
{
	const char *p = o->proxy;

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
		return EXIT_USAGE;
	}
	if (err == TCAS_E_CFG_NO_CREDENTIALS) {
		fputs("tcas: no credentials: set TENCENTCLOUD_SECRET_ID and "
		      "TENCENTCLOUD_SECRET_KEY, run tcas configure, or use "
		      "--profile / --use-cvm-role\n",
		      stderr);
		return EXIT_USAGE;
	}
	tcas_cli_fprintf(stderr, "tcas: %s: %s\n", cfg.where,
	                 tcas_strerror(err));
	return EXIT_USAGE;
}

static int load_config(void)
{
	int err;

	tcas_cfg_init(&cfg);
	cfg.opt_secret_id = opt.secret_id, cfg.opt_secret_key = opt.secret_key;
	cfg.opt_token = opt.token, cfg.opt_region = opt.region;
	cfg.opt_endpoint = opt.endpoint, cfg.opt_output = opt.output;
	cfg.opt_profile = opt.profile, cfg.use_cvm_role = opt.use_cvm_role;
	if (opt.timeout_s && !(opt.action && strcmp(opt.action, "wait") == 0))
		cfg.opt_timeout_ms = (uint32_t)opt.timeout_s * 1000u;
	err = tcas_cfg_load(&cfg, &tcas_cli_io);
	if (err)
		return config_error(err);
	out_format = tcas_cli_output_format(cfg.output);
	if (out_format < 0)
		return usage_error("--output must be json, text or table, not "
		                   "'%s'",
		                   cfg.output);
	return 0;
}

static int configure(void)
{
	static char host[TCAS_CFG_VALUE_MAX + 32];
	const char *ep = cfg.endpoint;
	int err;

	tcas_posix_init(&posix, &port);
	tcas_client_init(&client, &port);
	tcas_client_set_action_facts(&client, tcas_as_action_facts);
	if (!*ep && opt.service) {
		tcas_cli_snprintf(host, sizeof host, "%s.tencentcloudapi.com",
		                  opt.service);
		ep = host;
	}
	if (*ep) {
		err = tcas_client_set_endpoint(&client, ep);
		if (err)
			return usage_error("bad endpoint '%s': expected host"
			                   "[:port], https://host[:port] or "
			                   "http://host:port",
			                   ep);
	}
	tcas_client_set_credentials(&client, cfg.secret_id, cfg.secret_key,
	                            cfg.token[0] ? cfg.token : NULL);
	tcas_client_set_region(&client, cfg.region);
	tcas_client_set_timeout(
	    &client, cfg.timeout_ms > 3600000u ? 3600000u : cfg.timeout_ms);
	if (opt.service) {
		client.service = opt.service;
		client.action_version = opt.api_version;
	}
	if (opt.timestamp)
		tcas_client_set_time(&client, (int64_t)opt.timestamp);
	if ((err = setup_proxy(&opt)) != 0)
		return err;
	if (opt.retries >= 0)
		tcas_client_set_retry(&client, (int)opt.retries + 1,
		                      TCAS_RETRY_BASE_MS_DEFAULT,
		                      TCAS_RETRY_CAP_MS_DEFAULT);
	if (opt.debug)
		tcas_client_set_log(&client, log_stderr, NULL);
	return 0;
}

int tcas_cli_setup(void)
{
	static int done;
	int err;

	if (done)
		return 0;
	if ((err = load_config()) != 0 || (err = configure()) != 0)
		return err;
	if (!opt.dry_run && client.use_tls &&
	    (err = load_trust(opt.ca_file)) != 0)
		return err;
	done = 1;
	return 0;
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
	 * log as they were sent; here the summary and the response head. */
	unsigned long tenths = ms > 0 ? (unsigned long)(ms * 10.0 + 0.5) : 0;

	tcas_cli_fprintf(stderr,
	                 "tcas debug: %s to %s:%u (%s), body %lu bytes\n",
	                 action, client.host, (unsigned)client.port_num,
	                 client.use_tls ? "https" : "http", (unsigned long)len);
	tcas_cli_fprintf(stderr, "tcas debug: %lu.%lu ms, %d attempt(s), %s\n",
	                 tenths / 10, tenths % 10, r->attempts,
	                 tcas_errname(err));
	for (i = 0; i < client.resp.head_len; i++) {
		char ch = client.resp.head[i];

		if (i == 0 || client.resp.head[i - 1] == '\n')
			fputs("< ", stderr);
		if (ch != '\r')
			fputc((unsigned char)ch < 0x20 && ch != '\n' ? '?' : ch,
			      stderr);
	}
}

int tcas_cli_call(const char *action, const char *params, size_t len,
                  tcas_result *r)
{
	double t0 = mono_ms();
	int err;

	memset(r, 0, sizeof *r);
	client.resp.head_len = 0;
	err = tcas_client_call(&client, action, params, len, r);
	if (opt.debug)
		debug_dump(action, len, err, r, mono_ms() - t0);
	return err ? report_failure(err, r) : 0;
}

/* --wait: the activity the call started (response) or resumed (request),
 * then its waiter. */
static int chain_wait(size_t len, tcas_result *r)
{
	static char id[96], group[96];
	static jsmntok_t btok[64];
	tcas_json req;
	int t, err = -1;

	if (tcas_json_parse(&req, body, len, btok, 64) ||
	    tcas_json_find(&req, 0, "AutoScalingGroupId", &t) ||
	    tcas_json_get_string(&req, t, group, sizeof group, NULL))
		return usage_error("%s", "--wait needs --AutoScalingGroupId");
	if (tcas_json_find(&r->doc, r->response, "RefreshActivityId", &t) == 0)
		err = tcas_json_get_string(&r->doc, t, id, sizeof id, NULL);
	else if (tcas_json_find(&req, 0, "RefreshActivityId", &t) == 0)
		err = tcas_json_get_string(&req, t, id, sizeof id, NULL);
	if (err)
		return usage_error("%s", "--wait: no RefreshActivityId in the "
		                         "response or the request");
	fflush(stdout);
	return tcas_cli_wait_for("refresh-finished", id, group,
	                         opt.timeout_s ? opt.timeout_s : 3600,
	                         opt.interval_s ? opt.interval_s : 5);
}

static int can_wait(const tcas_action *a)
{
	return a && (strcmp(a->name, "StartInstanceRefresh") == 0 ||
	             strcmp(a->name, "ResumeInstanceRefresh") == 0 ||
	             strcmp(a->name, "RollbackInstanceRefresh") == 0);
}

static int build_body(const tcas_action *a, size_t *len)
{
	char msg[256];
	int err;

	if (a == NULL) /* --service: unvalidated */
		err = tcas_cli_build_raw(opt.nparams, param_argv, body,
		                         sizeof body, len, msg, sizeof msg);
	else
		err = tcas_cli_build_params(a, opt.nparams, param_argv, body,
		                            sizeof body, len, msg, sizeof msg);
	if (err) {
		tcas_cli_fprintf(stderr, "tcas: %s\n", msg);
		return EXIT_USAGE;
	}
	return 0;
}

static int run(const tcas_action *a, const char *name)
{
	size_t len = 0;
	tcas_result r;
	int err;

	if (opt.filter && (err = tcas_cli_filter_check(opt.filter, "--filter")))
		return err;
	if (opt.wait && !can_wait(a))
		return usage_error("--wait works with StartInstanceRefresh, "
		                   "ResumeInstanceRefresh and "
		                   "RollbackInstanceRefresh, not %s",
		                   name);
	if ((err = build_body(a, &len)) != 0 || (err = tcas_cli_setup()) != 0)
		return err;
	memset(&r, 0, sizeof r);
	if (opt.dry_run) {
		err = tcas_client_prepare(&client, name, body, len);
		return err ? report_failure(err, &r) : print_request(len);
	}
	err = tcas_cli_call(name, body, len, &r);
	if (err)
		return tcas_client_close(&client), err;
	err =
	    tcas_cli_print(&r.doc, r.response, opt.filter, out_format, stdout);
	if (err)
		return tcas_client_close(&client), err;
	if (fflush(stdout) != 0)
		return EXIT_NET;
	err = opt.wait ? chain_wait(len, &r) : 0;
	tcas_client_close(&client);
	return err;
}

static int unknown_action(const char *name);

static int help(void)
{
	const tcas_action *a;

	if (opt.nparams == 0) {
		tcas_cli_list_actions(stdout);
		return 0;
	}
	if (strcmp(param_argv[0], "wait") == 0) {
		fputs("tcas wait refresh-finished --AutoScalingGroupId G "
		      "--RefreshActivityId R\n"
		      "tcas wait activity-finished --ActivityId A\n"
		      "tcas wait capacity-reached --AutoScalingGroupId G\n"
		      "  [--timeout S (default 3600)] [--interval S (default "
		      "5)]\n"
		      "exit: 0 SUCCESSFUL, 4 timeout, 5 FAILED_PAUSE, 6 "
		      "AUTO_PAUSE, 7 MANUAL_PAUSE,\n8 CANCELLED, 9 FAILED, 10 "
		      "PARTIALLY_SUCCESSFUL, 11 not found\n",
		      stdout);
		return 0;
	}
	if (strcmp(param_argv[0], "query") == 0 ||
	    strcmp(param_argv[0], "filter") == 0)
		return tcas_cli_help_query(stdout), 0;
	a = tcas_as_action_find(param_argv[0]);
	if (a == NULL)
		return unknown_action(param_argv[0]);
	tcas_cli_help_action(a, stdout);
	return 0;
}

static int unknown_action(const char *name)
{
	const char *s = tcas_as_suggest_action(name);

	tcas_cli_fprintf(stderr, "tcas: unknown action '%s'", name);
	if (s)
		tcas_cli_fprintf(stderr, "; did you mean %s?", s);
	fputs("\n(see tcas help)\n", stderr);
	return EXIT_USAGE;
}

static int configure_cmd(void)
{
	tcas_cli_conf c;

	c.profile = opt.profile, c.secret_id = opt.secret_id;
	c.secret_key = opt.secret_key, c.token = opt.token;
	c.region = opt.region, c.output = opt.output, c.endpoint = opt.endpoint;
	return tcas_cli_configure(&c);
}

static int dispatch(void)
{
	const tcas_action *a;

	if (strcmp(opt.action, "help") == 0)
		return help();
	if (strcmp(opt.action, "configure") == 0)
		return configure_cmd();
	if (strcmp(opt.action, "completion") == 0) {
		if (opt.nparams != 1 || strcmp(param_argv[0], "bash") != 0)
			return usage_error("%s", "usage: tcas completion bash");
		tcas_cli_completion(stdout);
		return 0;
	}
	if (strcmp(opt.action, "__params") == 0)
		return opt.nparams == 1
		           ? tcas_cli_param_names(param_argv[0], stdout)
		           : EXIT_USAGE;
	if (strcmp(opt.action, "query") == 0)
		return tcas_cli_query(opt.nparams, param_argv, opt.output);
	if (strcmp(opt.action, "wait") == 0)
		return tcas_cli_wait(opt.nparams, param_argv,
		                     opt.timeout_s ? opt.timeout_s : 3600,
		                     opt.interval_s ? opt.interval_s : 5);
	if (opt.service) {
		if (opt.api_version == NULL)
			return usage_error("%s",
			                   "--service needs --api-version");
		return run(NULL, opt.action);
	}
	a = tcas_as_action_find(opt.action);
	if (a == NULL)
		return unknown_action(opt.action);
	if (opt.skeleton)
		return tcas_cli_skeleton(a, stdout) ? EXIT_USAGE : 0;
	return run(a, a->name);
}

int main(int argc, char **argv)
{
	int err;

	memset(&opt, 0, sizeof opt);
	opt.retries = -1;
	err = parse_args(&opt, argc, argv);
	if (err)
		return err;
	if (opt.version) {
		puts("tcas " TCAS_VERSION " (Auto Scaling API " TCAS_AS_VERSION
		     ")");
		return 0;
	}
	if (opt.help || opt.action == NULL) {
		fputs(usage_text, opt.help ? stdout : stderr);
		return opt.help ? 0 : EXIT_USAGE;
	}
	return dispatch();
}
