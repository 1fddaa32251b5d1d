/*
 * main.c - tcas-emu command line: a local emulator of the Tencent Cloud
 * Auto Scaling endpoint (API 3.0, version 2018-04-19) for tests and demos.
 * See usage() below.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "srv.h"

#ifndef TCAS_VERSION
#define TCAS_VERSION "0"
#endif

/* The made-up credentials of the docs' worked example (api-3.0.md 2.1). */
#define DEFAULT_ID  "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define DEFAULT_KEY "ExampleSecretKeyExampleSecretKey"
#define MAX_CREDS   16
/* --rate ACTION=N options kept, and the longest ACTION. */
#define MAX_RATES       64
#define RATE_ACTION_MAX 128
#define COUNTOF(a)      (sizeof(a) / sizeof((a)[0]))

/* Everything the command line sets. */
typedef struct opts {
	emu_server_cfg cfg;
	emu_as_opts ao;
	emu_faults faults;
	const char *ids[MAX_CREDS], *keys[MAX_CREDS];
	size_t nid, nkey;
	const char *rates[MAX_RATES]; /* --rate ACTION=N, in order */
	size_t nrates;
	int global_rate; /* --rate N, or -1 */
	const char *log_path, *mkcerts, *rule_file;
} opts;

/* How an option takes its value (the field at off in opts, if any). */
enum {
	O_TEXT,   /* no option: a line of the usage text */
	O_FLAG,   /* no value; the int is set to 1 */
	O_STR,    /* the const char * is set to the value */
	O_INT,    /* a whole number in [lo, hi] into an int */
	O_UINT,   /* the same into an unsigned */
	O_LONG,   /* the same into a long */
	O_DOUBLE, /* a number in [lo, hi] into a double */
	O_FN      /* fn takes the value (NULL for an option without one) */
};

typedef struct option option;
struct option {
	const char *name; /* "--listen" */
	int kind;         /* O_* */
	size_t off;       /* of the field in opts */
	double lo, hi;    /* O_INT .. O_DOUBLE: the range */
	/* O_FN: 0 or an exit code (after the message) */
	int (*fn)(opts *o, const option *op, const char *val);
	const char *usage; /* "--listen HOST:PORT", and after a tab its
	                    * help; lines of help after a newline; NULL:
	                    * not in the usage */
};

#define AT(field) offsetof(opts, field)

static int bad(const char *opt, const char *val)
{
	fprintf(stderr, "tcas-emu: bad value `%s` for %s (see --help)\n",
	        val ? val : "", opt);
	return 2;
}

static int num(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int o_help(opts *o, const option *op, const char *val);
static int o_version(opts *o, const option *op, const char *val);
static int o_tls_cert(opts *o, const option *op, const char *val);
static int o_secret_id(opts *o, const option *op, const char *val);
static int o_secret_key(opts *o, const option *op, const char *val);
static int o_rate(opts *o, const option *op, const char *val);
static int o_fault(opts *o, const option *op, const char *val);

/* The options, in the order of the usage text. */
static const option options[] = {
    {NULL, O_TEXT, 0, 0, 0, NULL,
     "usage: tcas-emu [options]\n"
     "Local emulator of the Auto Scaling API (as, 2018-04-19) over "
     "HTTPS/HTTP.\n"
     "\n"
     "Listening (loopback only unless --allow-remote; port 0 = any free "
     "port):"},
    {"--listen", O_STR, AT(cfg.listen), 0, 0, NULL,
     "--listen HOST:PORT\tHTTPS listener (default 127.0.0.1:0 when no\n"
     "listener is given)"},
    {"--http-listen", O_STR, AT(cfg.http_listen), 0, 0, NULL,
     "--http-listen HOST:PORT\tplain HTTP listener"},
    {"--allow-remote", O_FLAG, AT(cfg.allow_remote), 0, 0, NULL, NULL},
    {"--cert-dir", O_STR, AT(cfg.cert_dir), 0, 0, NULL,
     "--cert-dir DIR\ttest PKI (made with test/support/mkcerts.sh\n"
     "if missing; default build/pki)"},
    {"--mkcerts", O_STR, AT(mkcerts), 0, 0, NULL,
     "--mkcerts SCRIPT\tpath of mkcerts.sh (default: found next to\n"
     "the repo, or $TCAS_MKCERTS)"},
    {"--tls-cert", O_FN, 0, 0, 0, o_tls_cert,
     "--tls-cert NAME\tcertificate to present: server (default),\n"
     "expired, untrusted, wronghost"},
    {"--tls-no-mfl", O_FLAG, AT(cfg.tls_no_mfl), 0, 0, NULL,
     "--tls-no-mfl\tignore the client's max_fragment_length request\n"
     "(RFC 6066), as servers without it do: records\n"
     "up to 16 KB (tests clients with small buffers)"},
    {"--ca-out", O_STR, AT(cfg.ca_out), 0, 0, NULL,
     "--ca-out FILE\tcopy the test CA (PEM) to FILE"},
    {"--ready-file", O_STR, AT(cfg.ready_file), 0, 0, NULL,
     "--ready-file FILE\twhen listening, write the URLs there, one a line"},
    {"--max-conns", O_INT, AT(cfg.max_conns), 1, 100000, NULL,
     "--max-conns N\tconcurrent connections (default 512)"},
    {NULL, O_TEXT, 0, 0, 0, NULL, "\nVerification:"},
    {"--secret-id", O_FN, 0, 0, 0, o_secret_id,
     "--secret-id ID --secret-key KEY\tcredentials accepted (repeat the "
     "pair\n"
     "for several; default: the docs' example pair)"},
    {"--secret-key", O_FN, 0, 0, 0, o_secret_key, NULL},
    {"--skew", O_LONG, AT(cfg.vcfg.skew), 0, 1e9, NULL,
     "--skew SECONDS\tallowed timestamp skew (default 300)"},
    {"--rate", O_FN, 0, 0, 1e6, o_rate,
     "--rate N | ACTION=N\tcalls per second per action (default: each\n"
     "action's documented QPS, 20 if unknown; 0 = off)"},
    {NULL, O_TEXT, 0, 0, 0, NULL,
     "  Checked in the service's order: method/path, required headers,\n"
     "  X-TC-Version, Authorization format, SecretId, timestamp skew, "
     "signature\n"
     "  (SignedHeaders content-type;host[;x-tc-action], Host with or "
     "without\n"
     "  :port, X-TC-Content-SHA256: UNSIGNED-PAYLOAD), region, language,\n"
     "  Content-Type, action, JSON object body, rate. X-TC-Token is not "
     "checked.\n"
     "\n"
     "State model:"},
    {"--batch-seconds", O_DOUBLE, AT(ao.batch_seconds), 0, 1e6, NULL,
     "--batch-seconds S\tseconds per refresh batch (default 2; 0 = one\n"
     "step per call, for deterministic tests)"},
    {"--fail-instances", O_STR, AT(ao.fail_instances), 0, 0, NULL,
     "--fail-instances LIST\tcomma list of instance IDs that fail their "
     "first\n"
     "refresh (only that one)"},
    {"--refresh-fail-after", O_INT, AT(ao.refresh_fail_after), 0, 1000, NULL,
     "--refresh-fail-after N\tevery refresh activity ends FAILED (final, "
     "the\n"
     "service's internal error) when its batch N\n"
     "finishes; default 0 = never"},
    {"--seed-file", O_STR, AT(ao.seed_file), 0, 0, NULL,
     "--seed-file FILE\tinitial state (JSON): not implemented yet,\n"
     "refused"},
    {"--seed-groups", O_INT, AT(ao.seed_groups), 0, 10000, NULL,
     "--seed-groups N\tgenerated scaling groups"},
    {"--seed", O_UINT, AT(ao.seed), 0, 4294967295.0, NULL,
     "--seed N\tPRNG seed for generated IDs"},
    {NULL, O_TEXT, 0, 0, 0, NULL,
     "\nFaults (first matching rule wins; see below):"},
    {"--fault", O_FN, 0, 0, 0, o_fault,
     "--fault MODE[=ARG] [count=N] [after=N]\tfor every action "
     "(repeatable)"},
    {"--faults", O_STR, AT(rule_file), 0, 0, NULL,
     "--faults FILE\trule file, lines `ACTION MODE [count=N]\n"
     "[after=N]`, ACTION may be `*`, `#` comments"},
    {NULL, O_TEXT, 0, 0, 0, NULL,
     "  modes: slow=MS         answer after MS milliseconds (request "
     "processed)\n"
     "         reset-before    RST as soon as the head arrived (not "
     "processed)\n"
     "         reset-after     process, then RST without answering\n"
     "         truncate        process, send half the body, close\n"
     "         malformed       process, answer 200 with invalid JSON\n"
     "         http5xx[=CODE]  HTML error page, status 503 or CODE (not "
     "processed)\n"
     "         internal        InternalError envelope (not processed)\n"
     "         throttle=N      this and the next N-1 matching requests "
     "get\n"
     "                         RequestLimitExceeded (not processed)\n"
     "         hang            read the request, never answer\n"
     "\n"
     "Run control:"},
    {"--log", O_STR, AT(log_path), 0, 0, NULL,
     "--log FILE\tlog (one line per request / dropped connection;\n"
     "default stderr)"},
    {"--max-requests", O_LONG, AT(cfg.max_requests), 1, 1e12, NULL,
     "--max-requests N\texit after N requests were answered"},
    {"--exit-after", O_DOUBLE, AT(cfg.exit_after), 0.001, 1e9, NULL,
     "--exit-after SECONDS\texit after this long"},
    {"--version", O_FN, 0, 0, 0, o_version, NULL},
    {"--help", O_FN, 0, 0, 0, o_help, "--version, --help"},
    {"-h", O_FN, 0, 0, 0, o_help, NULL},
};

/* The usage text, from the table: "  SYNOPSIS" padded to column 27 (at
 * least three spaces), then the help; its further lines at column 27. */
static void usage(FILE *fp)
{
	size_t i;

	for (i = 0; i < COUNTOF(options); i++) {
		const char *u = options[i].usage, *tab, *nl;

		if (u == NULL)
			continue;
		if (options[i].kind == O_TEXT) {
			fprintf(fp, "%s\n", u);
			continue;
		}
		tab = strchr(u, '\t');
		if (tab == NULL) {
			fprintf(fp, "  %s\n", u);
			continue;
		}
		fprintf(fp, "  %-*.*s", tab - u <= 23 ? 25 : (int)(tab - u) + 3,
		        (int)(tab - u), u);
		for (u = tab + 1; (nl = strchr(u, '\n')) != NULL; u = nl + 1)
			fprintf(fp, "%.*s\n%27s", (int)(nl - u), u, "");
		fprintf(fp, "%s\n", u);
	}
}

static int o_help(opts *o, const option *op, const char *val)
{
	(void)o, (void)op, (void)val;
	usage(stdout);
	return -1;
}

static int o_version(opts *o, const option *op, const char *val)
{
	(void)o, (void)op, (void)val;
	printf("tcas-emu %s\n", TCAS_VERSION);
	return -1;
}

static int o_tls_cert(opts *o, const option *op, const char *val)
{
	if (strcmp(val, "server") && strcmp(val, "expired") &&
	    strcmp(val, "untrusted") && strcmp(val, "wronghost"))
		return bad(op->name, val);
	o->cfg.tls_cert = val;
	return 0;
}

static int o_secret_id(opts *o, const option *op, const char *val)
{
	if (o->nid == MAX_CREDS || *val == '\0')
		return bad(op->name, val);
	o->ids[o->nid++] = val;
	return 0;
}

static int o_secret_key(opts *o, const option *op, const char *val)
{
	if (o->nkey == MAX_CREDS || *val == '\0')
		return bad(op->name, "(hidden)");
	o->keys[o->nkey++] = val;
	return 0;
}

/* --rate N sets the default of every action; --rate ACTION=N, applied
 * after all options, one action's. */
static int o_rate(opts *o, const option *op, const char *val)
{
	const char *eq = strchr(val, '=');
	double v;

	if (eq == NULL) {
		if (num(val, op->lo, op->hi, &v))
			return bad(op->name, val);
		o->global_rate = (int)v;
		return 0;
	}
	if (num(eq + 1, op->lo, op->hi, &v) || eq == val ||
	    (size_t)(eq - val) >= RATE_ACTION_MAX || o->nrates == MAX_RATES)
		return bad(op->name, val);
	o->rates[o->nrates++] = val;
	return 0;
}

static int o_fault(opts *o, const option *op, const char *val)
{
	char err[600];

	if (emu_fault_add(&o->faults, val, 0, 0, err, sizeof err)) {
		fprintf(stderr, "tcas-emu: %s: %s\n", op->name, err);
		return 2;
	}
	return 0;
}

/* Take option op (its value val, NULL for a flag) into o: 0, an exit code
 * after a message, or -1 (exit 0 now: --help, --version). */
static int take(opts *o, const option *op, const char *val)
{
	void *at = (char *)o + op->off;
	double v = 0;

	if (op->kind >= O_INT && op->kind <= O_DOUBLE &&
	    (num(val, op->lo, op->hi, &v) ||
	     (op->kind != O_DOUBLE && v != (double)(long long)v)))
		return bad(op->name, val);
	switch (op->kind) {
	case O_FLAG:
		*(int *)at = 1;
		break;
	case O_STR:
		*(const char **)at = val;
		break;
	case O_INT:
		*(int *)at = (int)v;
		break;
	case O_UINT:
		*(unsigned *)at = (unsigned)v;
		break;
	case O_LONG:
		*(long *)at = (long)v;
		break;
	case O_DOUBLE:
		*(double *)at = v;
		break;
	default: /* O_FN */
		return op->fn(o, op, val);
	}
	return 0;
}

static const option *find_opt(const char *name)
{
	size_t i;

	for (i = 0; i < COUNTOF(options); i++)
		if (options[i].name && strcmp(options[i].name, name) == 0)
			return &options[i];
	return NULL;
}

/* Does op take a value? */
static int has_value(const option *op)
{
	return op->kind != O_FLAG && op->fn != o_help && op->fn != o_version;
}

/* argv into o: 0, or an exit code (-1: exit 0). */
static int parse(opts *o, int argc, char **argv)
{
	int a, rc;

	for (a = 1; a < argc; a++) {
		const option *op = find_opt(argv[a]);
		const char *val = NULL;

		if (op == NULL) {
			fprintf(stderr, "tcas-emu: %s %s (see --help)\n",
			        strncmp(argv[a], "--", 2) == 0
			            ? "unknown option"
			            : "unexpected argument",
			        argv[a]);
			return 2;
		}
		if (has_value(op)) {
			if (a + 1 >= argc) {
				fprintf(stderr,
				        "tcas-emu: missing value for `%s` "
				        "(see --help)\n",
				        argv[a]);
				return 2;
			}
			val = argv[++a];
		}
		rc = take(o, op, val);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int file_exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

static const char *find_mkcerts(const char *opt, char *buf, size_t n)
{
	const char *env = getenv("TCAS_MKCERTS");
	char exe[PATH_MAX];
	ssize_t len;
	int up;

	if (opt)
		return opt;
	if (env && *env)
		return env;
	if (file_exists("test/support/mkcerts.sh"))
		return "test/support/mkcerts.sh";
	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	for (up = 0; up < 3; up++) {
		char *sl = strrchr(exe, '/');

		if (sl == NULL)
			break;
		*sl = '\0';
		snprintf(buf, n, "%s/test/support/mkcerts.sh", exe);
		if (file_exists(buf))
			return buf;
	}
	return NULL;
}

static int make_pki(const char *dir, const char *script_opt)
{
	char p[PATH_MAX + 32], sbuf[PATH_MAX + 32];
	const char *script;
	pid_t pid;
	int st;

	snprintf(p, sizeof p, "%s/untrusted.pem", dir);
	if (file_exists(p))
		return 0;
	script = find_mkcerts(script_opt, sbuf, sizeof sbuf);
	if (script == NULL) {
		fprintf(stderr,
		        "tcas-emu: %s has no PKI and mkcerts.sh was "
		        "not found (use --mkcerts)\n",
		        dir);
		return -1;
	}
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execlp("sh", "sh", script, dir, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || !file_exists(p)) {
		fprintf(stderr, "tcas-emu: `sh %s %s` failed\n", script, dir);
		return -1;
	}
	return 0;
}

/* The credentials, the rate table and the fault rules, once every option
 * is in: 0 or an exit code. */
static int finish_opts(opts *o)
{
	static emu_cred creds[MAX_CREDS];
	char err[600], act[RATE_ACTION_MAX];
	size_t i;

	/* Rule-file rules come after --fault rules, in file order. */
	if (o->rule_file &&
	    emu_fault_load(&o->faults, o->rule_file, err, sizeof err)) {
		fprintf(stderr, "tcas-emu: --faults %s\n", err);
		return 2;
	}
	if (o->nid != o->nkey) {
		fprintf(stderr,
		        "tcas-emu: give --secret-id and --secret-key in "
		        "pairs\n");
		return 2;
	}
	if (o->nid == 0) {
		o->ids[0] = DEFAULT_ID;
		o->keys[0] = DEFAULT_KEY;
		o->nid = 1;
	}
	for (i = 0; i < o->nid; i++) {
		creds[i].secret_id = o->ids[i];
		creds[i].secret_key = o->keys[i];
	}
	o->cfg.vcfg.creds = creds;
	o->cfg.vcfg.ncreds = o->nid;
	o->cfg.rate = emu_rate_new(o->global_rate);
	if (o->cfg.rate == NULL)
		return 1;
	for (i = 0; i < o->nrates; i++) {
		const char *eq = strchr(o->rates[i], '=');

		memcpy(act, o->rates[i], (size_t)(eq - o->rates[i]));
		act[eq - o->rates[i]] = '\0';
		if (emu_rate_set(o->cfg.rate, act, atoi(eq + 1)) != 0)
			return 1;
	}
	if (!o->cfg.listen && !o->cfg.http_listen)
		o->cfg.listen = "127.0.0.1:0";
	return 0;
}

int main(int argc, char **argv)
{
	static opts o;
	FILE *log_fp = NULL;
	int rc;

	o.cfg.cert_dir = "build/pki";
	o.cfg.vcfg.skew = 300;
	o.cfg.max_conns = 512;
	o.cfg.faults = &o.faults;
	o.ao.batch_seconds = 2.0;
	o.global_rate = -1;
	rc = parse(&o, argc, argv);
	if (rc == 0)
		rc = finish_opts(&o);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (o.log_path) {
		log_fp = fopen(o.log_path, "a");
		if (log_fp == NULL) {
			fprintf(stderr, "tcas-emu: %s: %s\n", o.log_path,
			        strerror(errno));
			return 1;
		}
		emu_log_set(log_fp);
	}
	if ((o.cfg.listen || o.cfg.ca_out) &&
	    make_pki(o.cfg.cert_dir, o.mkcerts) != 0)
		return 1;
	o.cfg.as = emu_as_new(&o.ao);
	if (o.cfg.as == NULL) {
		fprintf(stderr, "tcas-emu: state model failed to start\n");
		return 1;
	}
	rc = emu_server_run(&o.cfg);
	emu_as_free(o.cfg.as);
	emu_rate_free(o.cfg.rate);
	emu_faults_free(&o.faults);
	if (log_fp)
		fclose(log_fp);
	return rc;
}
