/*
 * main.c - tcas-emu command line: a local emulator of the Tencent Cloud
 * Auto Scaling endpoint (API 3.0, version 2018-04-19) for tests and demos.
 * See usage() below.
 */
#include <errno.h>
#include <limits.h>
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

static void usage(FILE *fp)
{
	fputs(
	    "usage: tcas-emu [options]\n"
	    "Local emulator of the Auto Scaling API (as, 2018-04-19) over "
	    "HTTPS/HTTP.\n"
	    "\n"
	    "Listening (loopback only unless --allow-remote; port 0 = any free "
	    "port):\n"
	    "  --listen HOST:PORT       HTTPS listener (default 127.0.0.1:0 "
	    "when no\n"
	    "                           listener is given)\n"
	    "  --http-listen HOST:PORT  plain HTTP listener\n"
	    "  --cert-dir DIR           test PKI (made with "
	    "test/support/mkcerts.sh\n"
	    "                           if missing; default build/pki)\n"
	    "  --mkcerts SCRIPT         path of mkcerts.sh (default: found "
	    "next to\n"
	    "                           the repo, or $TCAS_MKCERTS)\n"
	    "  --tls-cert NAME          certificate to present: server "
	    "(default),\n"
	    "                           expired, untrusted, wronghost\n"
	    "  --tls-no-mfl             ignore the client's "
	    "max_fragment_length request\n"
	    "                           (RFC 6066), as servers without it do: "
	    "records\n"
	    "                           up to 16 KB (tests clients with small "
	    "buffers)\n"
	    "  --ca-out FILE            copy the test CA (PEM) to FILE\n"
	    "  --ready-file FILE        when listening, write the URLs there, "
	    "one a line\n"
	    "  --max-conns N            concurrent connections (default 512)\n"
	    "\n"
	    "Verification:\n"
	    "  --secret-id ID --secret-key KEY   credentials accepted (repeat "
	    "the pair\n"
	    "                           for several; default: the docs' "
	    "example pair)\n"
	    "  --skew SECONDS           allowed timestamp skew (default 300)\n"
	    "  --rate N | ACTION=N      calls per second per action (default: "
	    "each\n"
	    "                           action's documented QPS, 20 if "
	    "unknown; 0 = off)\n"
	    "  Checked in the service's order: method/path, required headers,\n"
	    "  X-TC-Version, Authorization format, SecretId, timestamp skew, "
	    "signature\n"
	    "  (SignedHeaders content-type;host[;x-tc-action], Host with or "
	    "without\n"
	    "  :port, X-TC-Content-SHA256: UNSIGNED-PAYLOAD), region, "
	    "language,\n"
	    "  Content-Type, action, JSON object body, rate. X-TC-Token is not "
	    "checked.\n"
	    "\n"
	    "State model:\n"
	    "  --batch-seconds S        seconds per refresh batch (default 2; "
	    "0 = one\n"
	    "                           step per call, for deterministic "
	    "tests)\n"
	    "  --fail-instances LIST    comma list of instance IDs that fail "
	    "their first\n"
	    "                           refresh (only that one)\n"
	    "  --refresh-fail-after N   every refresh activity ends FAILED "
	    "(final, the\n"
	    "                           service's internal error) when its "
	    "batch N\n"
	    "                           finishes; default 0 = never\n"
	    "  --seed-file FILE         initial state (JSON): not implemented "
	    "yet,\n"
	    "                           refused\n"
	    "  --seed-groups N          generated scaling groups\n"
	    "  --seed N                 PRNG seed for generated IDs\n"
	    "\n"
	    "Faults (first matching rule wins; see below):\n"
	    "  --fault MODE[=ARG] [count=N] [after=N]   for every action "
	    "(repeatable)\n"
	    "  --faults FILE            rule file, lines `ACTION MODE "
	    "[count=N]\n"
	    "                           [after=N]`, ACTION may be `*`, `#` "
	    "comments\n"
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
	    "Run control:\n"
	    "  --log FILE               log (one line per request / dropped "
	    "connection;\n"
	    "                           default stderr)\n"
	    "  --max-requests N         exit after N requests were answered\n"
	    "  --exit-after SECONDS     exit after this long\n"
	    "  --version, --help\n",
	    fp);
}

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

int main(int argc, char **argv)
{
	static emu_cred creds[MAX_CREDS];
	emu_server_cfg cfg;
	emu_as_opts ao;
	emu_faults faults;
	const char *ids[MAX_CREDS], *keys[MAX_CREDS];
	const char *log_path = NULL, *mkcerts = NULL, *rule_file = NULL;
	size_t nid = 0, nkey = 0, i;
	char err[600];
	double v;
	int a, rc, global_rate = -1;
	FILE *log_fp = NULL;

	memset(&cfg, 0, sizeof cfg);
	memset(&ao, 0, sizeof ao);
	memset(&faults, 0, sizeof faults);
	cfg.cert_dir = "build/pki";
	cfg.vcfg.skew = 300;
	cfg.max_conns = 512;
	cfg.faults = &faults;
	ao.batch_seconds = 2.0;
	cfg.rate = emu_rate_new(-1);
	if (cfg.rate == NULL)
		return 1;
	for (a = 1; a < argc; a++) {
		const char *o = argv[a],
		           *val = a + 1 < argc ? argv[a + 1] : NULL;

		if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(o, "--version") == 0) {
			printf("tcas-emu %s\n", TCAS_VERSION);
			return 0;
		}
		if (strcmp(o, "--allow-remote") == 0) {
			cfg.allow_remote = 1;
			continue;
		}
		if (strcmp(o, "--tls-no-mfl") == 0) {
			cfg.tls_no_mfl = 1;
			continue;
		}
		if (strncmp(o, "--", 2) != 0 || val == NULL) {
			fprintf(stderr, "tcas-emu: %s `%s` (see --help)\n",
			        strncmp(o, "--", 2) ? "unexpected argument"
			                            : "missing value for",
			        o);
			return 2;
		}
		a++;
		if (strcmp(o, "--listen") == 0) {
			cfg.listen = val;
		} else if (strcmp(o, "--http-listen") == 0) {
			cfg.http_listen = val;
		} else if (strcmp(o, "--cert-dir") == 0) {
			cfg.cert_dir = val;
		} else if (strcmp(o, "--mkcerts") == 0) {
			mkcerts = val;
		} else if (strcmp(o, "--tls-cert") == 0) {
			if (strcmp(val, "server") && strcmp(val, "expired") &&
			    strcmp(val, "untrusted") &&
			    strcmp(val, "wronghost"))
				return bad(o, val);
			cfg.tls_cert = val;
		} else if (strcmp(o, "--ca-out") == 0) {
			cfg.ca_out = val;
		} else if (strcmp(o, "--ready-file") == 0) {
			cfg.ready_file = val;
		} else if (strcmp(o, "--secret-id") == 0) {
			if (nid == MAX_CREDS || *val == '\0')
				return bad(o, val);
			ids[nid++] = val;
		} else if (strcmp(o, "--secret-key") == 0) {
			if (nkey == MAX_CREDS || *val == '\0')
				return bad(o, "(hidden)");
			keys[nkey++] = val;
		} else if (strcmp(o, "--skew") == 0) {
			if (num(val, 0, 1e9, &v))
				return bad(o, val);
			cfg.vcfg.skew = (long)v;
		} else if (strcmp(o, "--rate") == 0) {
			const char *eq = strchr(val, '=');

			if (eq != NULL) {
				char act[128];

				if (num(eq + 1, 0, 1e6, &v) ||
				    (size_t)(eq - val) >= sizeof act ||
				    eq == val)
					return bad(o, val);
				memcpy(act, val, (size_t)(eq - val));
				act[eq - val] = '\0';
				if (emu_rate_set(cfg.rate, act, (int)v) != 0)
					return 1;
			} else {
				if (num(val, 0, 1e6, &v))
					return bad(o, val);
				global_rate = (int)v;
			}
		} else if (strcmp(o, "--batch-seconds") == 0) {
			if (num(val, 0, 1e6, &v))
				return bad(o, val);
			ao.batch_seconds = v;
		} else if (strcmp(o, "--fail-instances") == 0) {
			ao.fail_instances = val;
		} else if (strcmp(o, "--refresh-fail-after") == 0) {
			if (num(val, 0, 1000, &v) || v != (double)(int)v)
				return bad(o, val);
			ao.refresh_fail_after = (int)v;
		} else if (strcmp(o, "--seed-file") == 0) {
			ao.seed_file = val;
		} else if (strcmp(o, "--seed-groups") == 0) {
			if (num(val, 0, 10000, &v))
				return bad(o, val);
			ao.seed_groups = (int)v;
		} else if (strcmp(o, "--seed") == 0) {
			if (num(val, 0, 4294967295.0, &v))
				return bad(o, val);
			ao.seed = (unsigned)v;
		} else if (strcmp(o, "--fault") == 0) {
			if (emu_fault_add(&faults, val, 0, 0, err,
			                  sizeof err)) {
				fprintf(stderr, "tcas-emu: --fault: %s\n", err);
				return 2;
			}
		} else if (strcmp(o, "--faults") == 0) {
			rule_file = val;
		} else if (strcmp(o, "--log") == 0) {
			log_path = val;
		} else if (strcmp(o, "--max-requests") == 0) {
			if (num(val, 1, 1e12, &v))
				return bad(o, val);
			cfg.max_requests = (long)v;
		} else if (strcmp(o, "--exit-after") == 0) {
			if (num(val, 0.001, 1e9, &v))
				return bad(o, val);
			cfg.exit_after = v;
		} else if (strcmp(o, "--max-conns") == 0) {
			if (num(val, 1, 100000, &v))
				return bad(o, val);
			cfg.max_conns = (int)v;
		} else {
			fprintf(stderr,
			        "tcas-emu: unknown option %s (see "
			        "--help)\n",
			        o);
			return 2;
		}
	}
	/* Rule-file rules come after --fault rules, in file order. */
	if (rule_file && emu_fault_load(&faults, rule_file, err, sizeof err)) {
		fprintf(stderr, "tcas-emu: --faults %s\n", err);
		return 2;
	}
	if (nid != nkey) {
		fprintf(stderr,
		        "tcas-emu: give --secret-id and --secret-key in "
		        "pairs\n");
		return 2;
	}
	if (nid == 0) {
		ids[0] = DEFAULT_ID;
		keys[0] = DEFAULT_KEY;
		nid = 1;
	}
	for (i = 0; i < nid; i++) {
		creds[i].secret_id = ids[i];
		creds[i].secret_key = keys[i];
	}
	cfg.vcfg.creds = creds;
	cfg.vcfg.ncreds = nid;
	if (global_rate >= 0) {
		emu_rate *r = emu_rate_new(global_rate);

		if (r == NULL)
			return 1;
		/* per-action overrides given before still apply */
		emu_rate_free(cfg.rate);
		cfg.rate = r;
		for (a = 1; a + 1 < argc; a++)
			if (strcmp(argv[a], "--rate") == 0 &&
			    strchr(argv[a + 1], '=') != NULL) {
				char act[128];
				const char *eq = strchr(argv[a + 1], '=');

				memcpy(act, argv[a + 1],
				       (size_t)(eq - argv[a + 1]));
				act[eq - argv[a + 1]] = '\0';
				emu_rate_set(r, act, atoi(eq + 1));
			}
	}
	if (!cfg.listen && !cfg.http_listen)
		cfg.listen = "127.0.0.1:0";
	if (log_path) {
		log_fp = fopen(log_path, "a");
		if (log_fp == NULL) {
			fprintf(stderr, "tcas-emu: %s: %s\n", log_path,
			        strerror(errno));
			return 1;
		}
		emu_log_set(log_fp);
	}
	if ((cfg.listen || cfg.ca_out) && make_pki(cfg.cert_dir, mkcerts) != 0)
		return 1;
	cfg.as = emu_as_new(&ao);
	if (cfg.as == NULL) {
		fprintf(stderr, "tcas-emu: state model failed to start\n");
		return 1;
	}
	rc = emu_server_run(&cfg);
	emu_as_free(cfg.as);
	emu_rate_free(cfg.rate);
	emu_faults_free(&faults);
	if (log_fp)
		fclose(log_fp);
	return rc;
}
