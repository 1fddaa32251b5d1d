/*
 * options.c - the global options of tcas: one table drives parsing
 * (--name value and --name=value), value checks, did-you-mean, the option
 * list of tcas --help and the shell completion. Contract in cli.h.
 *
 * The descriptions here are the only copy of the option texts: the help
 * prints them, and the README table and the man page are meant to be
 * generated from them (tcas __options prints the table).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tcas/actions.h"
#include "tcas/error.h"
#include "cli.h"

#define OFF(field)           ((unsigned short)offsetof(tcas_cli_opts, field))
#define FLAG(field)          OFF(field), TCAS_CLI_OPT_FLAG, 0, 0, 0
#define TEXT(field, rule)    OFF(field), TCAS_CLI_OPT_TEXT, rule, 0, 0
#define NUM(field, min, max) OFF(field), TCAS_CLI_OPT_NUMBER, 0, min, max

/* Texts of the options that belong to an optional part (TCAS_CLI_WITH_*):
 * a build without the part still parses them, to refuse them by name,
 * and its help says so instead of describing them. */
#if TCAS_CLI_WITH_CONFIGURE
#define PREFER_CONFIGURE " or tcas configure"
#else
#define PREFER_CONFIGURE ""
#endif
#if TCAS_CLI_WITH_TABLE
#define OUTPUT_HELP "json (default), text (tab-separated) or table"
#else
#define OUTPUT_HELP                                                            \
	"json (default) or text (tab-separated); table is " WITHOUT_TEXT(      \
	    "TCAS_CLI_WITH_TABLE")
#endif
#if TCAS_CLI_WITH_JMESPATH
#define FILTER_HELP                                                            \
	"JMESPath over the response, as tccli's --filter (tcas help "          \
	"query: the language, examples)"
#else
#define FILTER_HELP WITHOUT_TEXT("TCAS_CLI_WITH_JMESPATH")
#endif
#if TCAS_CLI_WITH_WAIT
#define WAIT_HELP                                                              \
	"Start/Resume/RollbackInstanceRefresh: then wait "                     \
	"refresh-finished (stdout keeps the call's output; progress and "      \
	"outcome on stderr)"
#define INTERVAL_HELP "wait: time between polls (default 5)"
#define TIMEOUT_HELP                                                           \
	"total deadline of a call, fetching CVM role keys included "           \
	"(default 30), of a whole wait, each poll included (3600)"
#else
#define WAIT_HELP     WITHOUT_TEXT("TCAS_CLI_WITH_WAIT")
#define INTERVAL_HELP WITHOUT_TEXT("TCAS_CLI_WITH_WAIT")
#define TIMEOUT_HELP                                                           \
	"total deadline of a call, fetching CVM role keys included "           \
	"(default 30)"
#endif

/* Every row: name, value placeholder (NULL for a flag), where and how the
 * value is kept, completion words, description (one paragraph, wrapped
 * when printed). */
const tcas_cli_option tcas_cli_options[] = {
    {"profile", "NAME", TEXT(profile, TCAS_CLI_RULE_NAME), "@profiles",
     "tccli profile: ~/.tccli/NAME.credential and .configure "
     "(default $TCCLI_PROFILE, else default)"},
    {"secretId", "ID", TEXT(secret_id, TCAS_CLI_RULE_SECRET), NULL,
     "SecretId; - reads it from stdin, file://PATH from a file"},
    {"secretKey", "KEY", TEXT(secret_key, TCAS_CLI_RULE_SECRET), NULL,
     "SecretKey: - reads it from stdin, file://PATH from a file; "
     "a key typed on the command line shows in the process list and "
     "the shell history: prefer -, file://, the environment" PREFER_CONFIGURE},
    {"token", "TOKEN", TEXT(token, TCAS_CLI_RULE_SECRET), NULL,
     "session token of temporary keys (- or file://PATH as above)"},
    {"use-cvm-role", NULL, FLAG(use_cvm_role), NULL,
     "credentials of the CVM instance role (metadata service)"},
    {"region", "REGION", TEXT(region, TCAS_CLI_RULE_NAME), NULL,
     "region, X-TC-Region (default $TENCENTCLOUD_REGION, the "
     "profile's, else ap-guangzhou)"},
    {"endpoint", "URL", TEXT(endpoint, TCAS_CLI_RULE_TEXT), NULL,
     "host[:port], https://host[:port] or http://host:port "
     "(default as.tencentcloudapi.com)"},
    {"output", "FORMAT", TEXT(output, TCAS_CLI_RULE_CHOICE), "json text table",
     OUTPUT_HELP},
    {"filter", "EXPR", TEXT(filter, TCAS_CLI_RULE_TEXT), NULL, FILTER_HELP},
    {"ca-file", "FILE", TEXT(ca_file, TCAS_CLI_RULE_TEXT), "@files",
     "PEM trust anchors (default " TCAS_CLI_SYSTEM_CA_FILE ")"},
    {"timeout", "SECONDS", NUM(timeout_s, 1, 86400), NULL, TIMEOUT_HELP},
    {"retries", "N", NUM(retries, 0, 10), "0 1 2 3 4 5",
     "retries after a retryable failure (default 3; README, "
     "Reliability)"},
    {"proxy", "URL", TEXT(proxy, TCAS_CLI_RULE_EMPTY_OK), "http://",
     "HTTP proxy http://[user:pass@]host:port, via CONNECT "
     "(default $HTTPS_PROXY/$https_proxy for https endpoints, "
     "except hosts in $NO_PROXY; \"\" = none)"},
    {"wait", NULL, FLAG(wait), NULL, WAIT_HELP},
    {"interval", "SECONDS", NUM(interval_s, 1, 3600), NULL, INTERVAL_HELP},
    {"cli-input-json", "FILE", TEXT(input_json, TCAS_CLI_RULE_TEXT), "@files",
     "the parameter object from file://PATH, PATH or - (stdin)"},
    {"cli-unfold-argument", NULL, FLAG(unfold), NULL,
     "accepted for tccli: dotted names (--A.B.C value) always work"},
    {"generate-cli-skeleton", NULL, FLAG(skeleton), NULL,
     "print the action's parameter object to fill in"},
    {"dry-run", NULL, FLAG(dry_run), NULL,
     "print the signed HTTP request; touch no network, not even "
     "for credentials (a CVM role cannot sign offline)"},
    {"timestamp", "EPOCH", NUM(timestamp, 1, 253402300799LL), NULL,
     "with --dry-run only: sign with this Unix time"},
    {"debug", NULL, FLAG(debug), NULL,
     "request/response heads and timings on stderr (signature "
     "and token redacted)"},
    {"service", "SVC", TEXT(service, TCAS_CLI_RULE_NAME), NULL,
     "with --api-version V: call another API 3.0 service "
     "(parameters unvalidated)"},
    {"api-version", "V", TEXT(api_version, TCAS_CLI_RULE_DATE), NULL,
     "the version of --service, YYYY-MM-DD"},
    {"version", NULL, FLAG(version), NULL, "print the version"},
    {"help", NULL, FLAG(help), NULL, "this text"},
};
const size_t tcas_cli_option_count =
    sizeof tcas_cli_options / sizeof tcas_cli_options[0];

static int usage(const char *fmt, const char *a, const char *b)
{
	fputs("tcas: ", stderr);
	tcas_cli_fprintf(stderr, fmt, a, b);
	fputs("\n(see tcas --help)\n", stderr);
	return TCAS_EXIT_USAGE;
}

const char *tcas_cli_closest(const char *name, const void *table, size_t n,
                             size_t stride)
{
	const char *best = NULL;
	size_t i, bestd = (size_t)-1, len = strlen(name);

	for (i = 0; i < n; i++) {
		const char *w =
		    *(const char *const *)((const char *)table + i * stride);
		size_t d = tcas_edit_distance(name, w);

		if (d < bestd)
			bestd = d, best = w;
	}
	if (best == NULL || bestd == 0 || bestd > (len / 3 > 2 ? len / 3 : 2))
		return NULL;
	return best;
}

const tcas_cli_option *tcas_cli_option_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < tcas_cli_option_count; i++)
		if (strncmp(tcas_cli_options[i].name, name, len) == 0 &&
		    tcas_cli_options[i].name[len] == '\0')
			return &tcas_cli_options[i];
	return NULL;
}

/* ---- values -------------------------------------------------------------- */

int tcas_cli_parse_number(const char *s, long long min, long long max,
                          long long *out)
{
	unsigned long long v = 0;
	const char *p = s;
	int neg = *p == '-';

	p += neg;
	if (*p == '\0')
		return -1;
	for (; *p; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (*p < '0' || *p > '9' ||
		    v > (9223372036854775807ULL - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = neg ? -(long long)v : (long long)v;
	return *out < min || *out > max ? -1 : 0;
}

/* A byte a terminal or a header must not see in an option value. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int tcas_cli_is_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		      *s == '.'))
			return 0;
	return 1;
}

static int is_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9')
		                    : s[i] != shape[i])
			return 0;
	return s[i] == '\0';
}

/* Is v one of the space-separated words? */
static int one_of(const char *v, const char *words)
{
	size_t n = strlen(v);

	while (*words) {
		size_t w = strcspn(words, " ");

		if (w == n && strncmp(words, v, n) == 0)
			return 1;
		words += w;
		words += *words == ' ';
	}
	return 0;
}

static int bad_choice(const tcas_cli_option *o, const char *v)
{
	static char buf[64];
	const char *list[8], *hint;
	size_t n = 0, k = 0;

	tcas_cli_snprintf(buf, sizeof buf, "%s", o->values);
	while (buf[k] && n < 8) {
		list[n++] = buf + k;
		k += strcspn(buf + k, " ");
		if (buf[k] == ' ')
			buf[k++] = '\0';
	}
	hint = tcas_cli_closest(v, list, n, sizeof list[0]);
	tcas_cli_fprintf(stderr, "tcas: --%s must be one of: %s; not '%s'",
	                 o->name, o->values, v);
	if (hint)
		tcas_cli_fprintf(stderr, "; did you mean %s?", hint);
	fputs("\n(see tcas --help)\n", stderr);
	return TCAS_EXIT_USAGE;
}

/* Check v against o's rule. 0 or an exit code after saying why. */
static int check_text(const tcas_cli_option *o, const char *v)
{
	if (*v == '\0')
		return o->rule == TCAS_CLI_RULE_EMPTY_OK
		           ? 0
		           : usage("--%s needs a value, got ''%s", o->name, "");
	if (has_control(v))
		return usage("--%s: the value holds a control character (CR, "
		             "LF, ...)%s",
		             o->name, "");
	switch (o->rule) {
	case TCAS_CLI_RULE_NAME:
		if (!tcas_cli_is_name(v))
			return usage("--%s: '%s' is not a name (letters, "
			             "digits, '-', '_' and '.')",
			             o->name, v);
		break;
	case TCAS_CLI_RULE_DATE:
		if (!is_date(v))
			return usage("--%s expects YYYY-MM-DD, got '%s'",
			             o->name, v);
		break;
	case TCAS_CLI_RULE_CHOICE:
		if (!one_of(v, o->values))
			return bad_choice(o, v);
		break;
	default:
		break;
	}
	return 0;
}

/* v >= 0 as decimal text in b. */
static const char *decimal(char b[24], long long v)
{
	char *p = b + 23;

	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	return p;
}

static int set_value(const tcas_cli_option *o, tcas_cli_opts *opts,
                     const char *v)
{
	char *slot = (char *)opts + o->off, lo[24], hi[24];
	long long n;
	int err;

	if (o->kind == TCAS_CLI_OPT_NUMBER) {
		if (tcas_cli_parse_number(v, o->min, o->max, &n) != 0) {
			tcas_cli_fprintf(stderr,
			                 "tcas: --%s expects a whole number "
			                 "%s..%s, got '%s'\n(see tcas "
			                 "--help)\n",
			                 o->name, decimal(lo, o->min),
			                 decimal(hi, o->max), v);
			return TCAS_EXIT_USAGE;
		}
		memcpy(slot, &n, sizeof n);
		return 0;
	}
	if ((err = check_text(o, v)) != 0)
		return err;
	memcpy(slot, &v, sizeof v);
	return 0;
}

/* ---- the command line ---------------------------------------------------- */

static int unknown_option(const char *arg, size_t len)
{
	static char name[TCAS_EDIT_LEN_MAX + 1];
	const char *s;

	if (len > TCAS_EDIT_LEN_MAX)
		len = TCAS_EDIT_LEN_MAX;
	memcpy(name, arg + 2, len);
	name[len] = '\0';
	s = tcas_cli_closest(name, tcas_cli_options, tcas_cli_option_count,
	                     sizeof tcas_cli_options[0]);
	tcas_cli_fprintf(stderr, "tcas: unknown option --%s", name);
	if (s)
		tcas_cli_fprintf(stderr, "; did you mean --%s?", s);
	fputs("\n(see tcas --help)\n", stderr);
	return TCAS_EXIT_USAGE;
}

/* argv[*i] is --name or --name=value of a global option. */
static int global(tcas_cli_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
	const tcas_cli_option *opt = tcas_cli_option_find(a + 2, len);
	char *slot;

	if (opt == NULL)
		return unknown_option(a, len);
	slot = (char *)o + opt->off;
	if (opt->kind == TCAS_CLI_OPT_FLAG) {
		if (eq)
			return usage("--%s takes no value%s", opt->name, "");
		*(int *)(void *)slot = 1;
		return 0;
	}
	if (eq)
		return set_value(opt, o, eq + 1);
	if (*i + 1 >= argc)
		return usage("option --%s needs a value%s", opt->name, "");
	return set_value(opt, o, argv[++*i]);
}

static int is_global(const char *a)
{
	return a[0] == '-' && a[1] == '-' && a[2] >= 'a' && a[2] <= 'z';
}

/* An API parameter: "--Name=value" is split into two entries. */
static int param(tcas_cli_opts *o, char *a)
{
	char *eq = a[0] == '-' && a[1] == '-' ? strchr(a, '=') : NULL;

	if (o->nparams + 2 > TCAS_CLI_ARGS_MAX)
		return usage("more than %s arguments%s", "512", "");
	if (eq != NULL) {
		*eq = '\0';
		o->params[o->nparams++] = a;
		a = eq + 1;
	}
	o->params[o->nparams++] = a;
	return 0;
}

int tcas_cli_parse(tcas_cli_opts *o, int argc, char **argv)
{
	int i, err;

	memset(o, 0, sizeof *o);
	o->retries = -1;
	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (is_global(a))
			err = global(o, argc, argv, &i);
		else if (strcmp(a, "-h") == 0)
			err = 0, o->help = 1;
		else if (o->action == NULL && a[0] != '-' && !o->service &&
		         strcmp(a, "as") == 0 && !o->service_word)
			err = 0, o->service_word = 1; /* tccli's "tcas as X" */
		else if (o->action == NULL && a[0] != '-')
			err = 0, o->action = a;
		else
			err = param(o, a);
		if (err)
			return err;
	}
	/* The parameter builder reads the file (see cli.h). */
	if (o->input_json != NULL) {
		static char name[] = "--cli-input-json";

		if (o->nparams + 2 > TCAS_CLI_ARGS_MAX)
			return usage("more than %s arguments%s", "512", "");
		o->params[o->nparams++] = name;
		o->params[o->nparams++] = o->input_json;
	}
	return 0;
}

/* ---- help and completion ------------------------------------------------- */

/* Word-wrapped to 79 columns from column 25. */
void tcas_cli_print_options(FILE *f)
{
	size_t i;

	for (i = 0; i < tcas_cli_option_count; i++) {
		const tcas_cli_option *o = &tcas_cli_options[i];
		const char *h = o->help;
		int col =
		    tcas_cli_fprintf(f, "  --%s%s%s", o->name,
		                     o->arg ? " " : "", o->arg ? o->arg : "");

		if (col > 24)
			fputc('\n', f), col = 0;
		while (*h) {
			int w = (int)strcspn(h, " ");

			if (col > 25 && col + 1 + w > 79)
				fputc('\n', f), col = 0;
			col += tcas_cli_fprintf(
			    f, "%*s%.*s", col < 25 ? 25 - col : 1, "", w, h);
			h += w;
			h += *h == ' ';
		}
		fputc('\n', f);
	}
}
