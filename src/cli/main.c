/*
 * tcas - command-line client for the Tencent Cloud Auto Scaling API.
 *
 *   tcas [global options] <Action> [--<Param> <value> ...]
 *
 * Global options are lower-case (--region), API parameters are spelled as in
 * the API (--AutoScalingGroupId), so both may be mixed in any order. All
 * storage is static: the CLI allocates nothing either.
 *
 * Exit codes: 0 success, 1 API error, 2 usage error, 3 network/TLS/HTTP.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"
#include "cli.h"

#define EXIT_API 1
#define EXIT_USAGE 2
#define EXIT_NET 3
#define SYSTEM_CA_FILE "/etc/ssl/certs/ca-certificates.crt"
#define MAX_ARGS 512

static tcas_client client;
static tcas_trust_store trust;
static tcas_posix posix;
static tcas_port port;
static char body[TCAS_REQ_BODY_MAX];
static char *param_argv[MAX_ARGS];

struct opts {
	const char *region, *endpoint, *ca_file, *action;
	long timeout_s;
	long long timestamp;
	int dry_run, help, version;
	int nparams;
};

static const char usage_text[] =
    "usage: tcas [options] <Action> [--<Param> <value> ...]\n"
    "       tcas help            list the Auto Scaling actions\n"
    "\n"
    "Calls one Tencent Cloud Auto Scaling (2018-04-19) action, signed with\n"
    "TC3-HMAC-SHA256, and prints the Response object as JSON.\n"
    "\n"
    "options:\n"
    "  --region REGION        X-TC-Region (default $TENCENTCLOUD_REGION,\n"
    "                         else ap-guangzhou)\n"
    "  --endpoint URL         host[:port], https://host[:port] or\n"
    "                         http://host:port (default "
    "as.tencentcloudapi.com)\n"
    "  --ca-file FILE         PEM trust anchors (default " SYSTEM_CA_FILE ")\n"
    "  --timeout SECONDS      total deadline of the call (default 30)\n"
    "  --dry-run              print the signed HTTP request, send nothing\n"
    "  --timestamp EPOCH      sign with this Unix time\n"
    "  --cli-input-json FILE  read the parameter object from FILE (- = "
    "stdin)\n"
    "  --version, --help\n"
    "\n"
    "parameters: --Name value; lists take several values or a JSON array;\n"
    "objects take JSON text. Credentials come from TENCENTCLOUD_SECRET_ID,\n"
    "TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SESSION_TOKEN.\n"
    "\n"
    "exit codes: 0 success, 1 API error, 2 usage error, 3 network, TLS or\n"
    "HTTP failure.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("tcas: ", stderr);
	fprintf(stderr, fmt, arg);
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
	if (*i + 1 >= argc)
		return usage_error("option %s needs a value", a);
	if (slot) {
		*slot = argv[++*i];
		return 0;
	}
	if (strcmp(a, "--timeout") == 0) {
		if (parse_long(argv[*i + 1], 1, 3600, &v))
			return usage_error("--timeout expects whole seconds "
			                   "1..3600, got '%s'", argv[*i + 1]);
		o->timeout_s = (long)v;
		++*i;
		return 0;
	}
	if (strcmp(a, "--timestamp") == 0) {
		if (parse_long(argv[*i + 1], 1, 253402300799LL, &v))
			return usage_error("--timestamp expects Unix seconds, "
			                   "got '%s'", argv[*i + 1]);
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

static void list_actions(void)
{
	size_t i;

	fputs("Auto Scaling actions (version " TCAS_AS_VERSION "):\n", stdout);
	for (i = 0; i < tcas_as_action_count; i++) {
		const tcas_action *a = &tcas_as_actions[i];

		printf("  %-38s %s\n", a->name, a->summary ? a->summary : "");
	}
}

static int stdout_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	return fwrite(s, 1, n, stdout) == n ? 0 : TCAS_E_NET_IO;
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
		fprintf(stderr, "tcas: cannot use CA file %s: %s\n", path,
		        tcas_strerror(err));
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
		fprintf(stderr, "tcas: TLS error talking to %s: %s", client.host,
		        tcas_strerror(err));
		if (r->tls_br_error)
			fprintf(stderr, " (%s)",
			        tcas_tls_br_error_name(r->tls_br_error));
		fputc('\n', stderr);
		return EXIT_NET;
	case TCAS_CLASS_TRANSPORT:
		fprintf(stderr, "tcas: network error talking to %s:%u: %s\n",
		        client.host, (unsigned)client.port_num,
		        tcas_strerror(err));
		return EXIT_NET;
	case TCAS_CLASS_HTTP:
		if (err == TCAS_E_HTTP_STATUS)
			fprintf(stderr, "tcas: HTTP error: status %d from %s\n",
			        r->http_status, client.host);
		else
			fprintf(stderr, "tcas: HTTP error: %s\n",
			        tcas_strerror(err));
		return EXIT_NET;
	default:
		if (err <= TCAS_E_JSON_TOO_MANY_TOKENS &&
		    err >= TCAS_E_JSON_ESCAPE) {
			fprintf(stderr, "tcas: bad response body: %s\n",
			        tcas_strerror(err));
			return EXIT_NET;
		}
		fprintf(stderr, "tcas: %s\n", tcas_strerror(err));
		return err == TCAS_E_CLOCK ? EXIT_NET : EXIT_USAGE;
	}
}

static int configure(const struct opts *o)
{
	const char *region = o->region ? o->region : getenv("TENCENTCLOUD_REGION");
	const char *id = getenv("TENCENTCLOUD_SECRET_ID");
	const char *key = getenv("TENCENTCLOUD_SECRET_KEY");
	const char *token = getenv("TENCENTCLOUD_SESSION_TOKEN");
	int err;

	tcas_posix_init(&posix, &port);
	tcas_client_init(&client, &port);
	if (o->endpoint) {
		err = tcas_client_set_endpoint(&client, o->endpoint);
		if (err)
			return usage_error("bad --endpoint '%s': expected host"
			                   "[:port], https://host[:port] or "
			                   "http://host:port", o->endpoint);
	}
	if (id == NULL || !*id || key == NULL || !*key)
		return usage_error("%s", "no credentials: set "
		                   "TENCENTCLOUD_SECRET_ID and "
		                   "TENCENTCLOUD_SECRET_KEY");
	tcas_client_set_credentials(&client, id, key, token);
	tcas_client_set_region(&client, region && *region ? region
	                                                   : "ap-guangzhou");
	if (o->timeout_s)
		tcas_client_set_timeout(&client, (uint32_t)o->timeout_s * 1000u);
	if (o->timestamp)
		tcas_client_set_time(&client, (int64_t)o->timestamp);
	return 0;
}

static int run(const struct opts *o, const tcas_action *a)
{
	char msg[256];
	size_t len = 0;
	tcas_result r;
	int err;

	err = tcas_cli_build_params(a, o->nparams, param_argv, body,
	                            sizeof body, &len, msg, sizeof msg);
	if (err) {
		fprintf(stderr, "tcas: %s\n", msg);
		return EXIT_USAGE;
	}
	err = configure(o);
	if (err)
		return err;
	memset(&r, 0, sizeof r);
	if (o->dry_run) {
		err = tcas_client_prepare(&client, a->name, body, len);
		return err ? report_failure(err, &r) : print_request(len);
	}
	if (client.use_tls && (err = load_trust(o->ca_file)) != 0)
		return err;
	err = tcas_client_call(&client, a->name, body, len, &r);
	tcas_client_close(&client);
	if (err)
		return report_failure(err, &r);
	tcas_json_pretty(&r.doc, r.response, 4, stdout_sink, NULL);
	fputc('\n', stdout);
	return fflush(stdout) == 0 ? 0 : EXIT_NET;
}

int main(int argc, char **argv)
{
	struct opts o;
	const tcas_action *a;
	int err;

	memset(&o, 0, sizeof o);
	err = parse_args(&o, argc, argv);
	if (err)
		return err;
	if (o.version) {
		puts("tcas " TCAS_VERSION " (Auto Scaling API " TCAS_AS_VERSION
		     ")");
		return 0;
	}
	if (o.help || o.action == NULL) {
		fputs(usage_text, o.help ? stdout : stderr);
		return o.help ? 0 : EXIT_USAGE;
	}
	if (strcmp(o.action, "help") == 0) {
		list_actions();
		return 0;
	}
	a = tcas_as_action_find(o.action);
	if (a == NULL) {
		const char *s = tcas_as_suggest_action(o.action);

		fprintf(stderr, "tcas: unknown action '%s'", o.action);
		if (s)
			fprintf(stderr, "; did you mean %s?", s);
		fputs("\n(see tcas help)\n", stderr);
		return EXIT_USAGE;
	}
	return run(&o, a);
}
