/*
 * tcas - command-line client for the Tencent Cloud Auto Scaling API.
 *
 *   tcas [global options] [as] <Action> [--<Param> <value> ...]
 *
 * Global options are lower-case (--region), API parameters are spelled as in
 * the API (--AutoScalingGroupId), so both may be mixed in any order. This
 * file dispatches the command; the options are a table (options.c), the
 * configured client and its failures live in config.c. All storage is
 * static: the CLI allocates nothing either.
 *
 * Exit codes: cli.h and tcas --help.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/json.h"
#include "tcas/version.h"
#include "cli.h"

static tcas_cli_opts opt;
static char body[TCAS_REQ_BODY_MAX];

/* The usage lines of the optional parts (TCAS_CLI_WITH_<PART>), and one
 * line naming those this build lacks: a build without them (the gateway
 * profile) does not offer what it refuses. */
#if TCAS_CLI_WITH_CONFIGURE
#define U_CONFIGURE                                                            \
	"       tcas configure [set KEY VALUE ... | get KEY | list]\n"
#define X_CONFIGURE ""
#else
#define U_CONFIGURE ""
#define X_CONFIGURE " configure"
#endif
#if TCAS_CLI_WITH_WAIT
#define U_WAIT                                                                 \
	"       tcas wait refresh-finished --AutoScalingGroupId G "            \
	"--RefreshActivityId R\n"                                              \
	"       tcas wait activity-finished --ActivityId A\n"                  \
	"       tcas wait capacity-reached --AutoScalingGroupId G\n"
#define X_WAIT ""
#else
#define U_WAIT ""
#define X_WAIT " wait --wait"
#endif
#if TCAS_CLI_WITH_COMPLETION
#define U_COMPLETION                                                           \
	"       tcas completion bash   bash completion (source <(tcas "        \
	"completion bash))\n"
#define X_COMPLETION ""
#else
#define U_COMPLETION ""
#define X_COMPLETION " completion"
#endif
#if TCAS_CLI_WITH_JMESPATH
#define U_QUERY                                                                \
	"       tcas query EXPR [FILE|-]   JMESPath over a saved JSON "        \
	"answer\n"
#define X_QUERY ""
#else
#define U_QUERY ""
#define X_QUERY " query --filter"
#endif
#if TCAS_CLI_WITH_TABLE
#define X_TABLE ""
#else
#define X_TABLE " --output table"
#endif
#define X_ALL X_CONFIGURE X_WAIT X_COMPLETION X_QUERY X_TABLE

static const char usage_head[] =
    "usage: tcas [options] [as] <Action> [--<Param> <value> ...]\n"
    "       tcas help [<Action>]   actions by group, or one action's "
    "parameters\n" U_CONFIGURE U_WAIT
    "       tcas --service SVC --api-version V <Action> --cli-input-json "
    "F\n" U_COMPLETION U_QUERY "\n"
    "Calls one Tencent Cloud Auto Scaling (2018-04-19) action, signed with\n"
    "TC3-HMAC-SHA256, and prints the Response object.\n"
    "\n";
/* sizeof "" == 1: every optional part is in */
static const char usage_without[] =
    "Not in this build (refused with exit 2):" X_ALL ".\n\n";

static const char usage_options[] = "options (also --name=value):\n";

static const char usage_tail[] =
    "\n"
    "parameters: --Name value or --Name=value; lists take several values "
    "or a\nJSON array; objects take JSON text, or one member at a time "
    "with dotted\nnames (--RefreshSettings.RollingUpdateSettings."
    "BatchNumber 2,\n--Filters.0.Name N --Filters.0.Values V1 V2).\n"
    "\n"
    "credentials, first found: --secretId/--secretKey; without --profile\n"
    "TENCENTCLOUD_SECRET_ID + TENCENTCLOUD_SECRET_KEY (+ "
    "TENCENTCLOUD_SESSION_TOKEN\n"
    "or TENCENTCLOUD_TOKEN), then $TENCENTCLOUD_CREDENTIALS_FILE or\n"
    "~/.tencentcloud/credentials or /etc/tencentcloud/credentials [default];\n"
    "~/.tccli/PROFILE.credential; the CVM role when asked. Credential files\n"
    "must be regular files that group and others cannot read. Region,\n"
    "endpoint, output and timeout: options, then TENCENTCLOUD_REGION "
    "(without\n--profile), then ~/.tccli/PROFILE.configure.\n"
    "\n"
    "exit codes:\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("tcas: ", stderr);
	tcas_cli_fprintf(stderr, fmt, arg);
	fputs("\n(see tcas --help)\n", stderr);
	return TCAS_EXIT_USAGE;
}

static void usage(FILE *f)
{
	fputs(usage_head, f);
	if (sizeof X_ALL > 1)
		fputs(usage_without, f);
	fputs(usage_options, f);
	tcas_cli_print_options(f);
	fputs(usage_tail, f);
	tcas_cli_print_exits(f, 0, NULL);
}

#if TCAS_CLI_WITH_WAIT
/* --wait: the activity the call started (response) or resumed (request),
 * then its waiter. (Without the waiters --wait is refused before the call
 * is sent, in run().) */
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
	                         opt.timeout_s ? (long)opt.timeout_s : 3600,
	                         opt.interval_s ? (long)opt.interval_s : 5, 1);
}
#endif

/* stdout did not take the output (a full disk, a closed pipe): say so,
 * and whether the call took effect (r NULL: nothing was sent). */
static int output_failed(const char *name, const tcas_result *r)
{
	int e = errno;

	tcas_cli_fprintf(stderr, "tcas: cannot write the output: %s; ",
	                 tcas_cli_errno_text(e));
	if (r == NULL)
		fputs("nothing was sent\n", stderr);
	else if (strncmp(name, "Describe", 8) == 0)
		tcas_cli_fprintf(stderr, "%s succeeded (it changes nothing)\n",
		                 name);
	else {
		tcas_cli_fprintf(stderr, "%s WAS APPLIED (RequestId: ", name);
		tcas_cli_put_clean(stderr, r->request_id);
		fputs(")\n", stderr);
	}
	return TCAS_EXIT_OUTPUT;
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
		err = tcas_cli_build_raw(opt.nparams, opt.params, body,
		                         sizeof body, len, msg, sizeof msg);
	else
		err = tcas_cli_build_params(a, opt.nparams, opt.params, body,
		                            sizeof body, len, msg, sizeof msg);
	if (err) {
		tcas_cli_fprintf(stderr, "tcas: %s\n", msg);
		return err == TCAS_E_REQ_TOO_LARGE ? TCAS_EXIT_LIMIT
		                                   : TCAS_EXIT_USAGE;
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
	if (opt.wait && !TCAS_CLI_WITH_WAIT)
		return tcas_cli_without("--wait", "waiters",
		                        "TCAS_CLI_WITH_WAIT");
	if (opt.wait && !can_wait(a))
		return usage_error("--wait works with StartInstanceRefresh, "
		                   "ResumeInstanceRefresh and "
		                   "RollbackInstanceRefresh, not %s",
		                   name);
	if ((err = build_body(a, &len)) != 0 ||
	    (err = tcas_cli_setup(&opt)) != 0)
		return err;
	if (opt.dry_run) {
		err = tcas_cli_dry_run(name, body, len);
		errno = 0;
		return !err && fflush(stdout) ? output_failed(name, NULL) : err;
	}
	err = tcas_cli_call(name, body, len, &r);
	if (err)
		return tcas_cli_close(), err;
	errno = 0;
	err = tcas_cli_print(&r.doc, r.response, opt.filter, tcas_cli_format(),
	                     stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		return output_failed(name, &r);
	if (err)
		return tcas_cli_close(), err;
#if TCAS_CLI_WITH_WAIT
	err = opt.wait ? chain_wait(len, &r) : 0;
#else
	(void)len;
#endif
	tcas_cli_close();
	return err;
}

static int unknown_action(const char *name)
{
	const char *s = tcas_as_suggest_action(name);

	tcas_cli_fprintf(stderr, "tcas: unknown action '%s'", name);
	if (s)
		tcas_cli_fprintf(stderr, "; did you mean %s?", s);
	fputs("\n(see tcas help)\n", stderr);
	return TCAS_EXIT_USAGE;
}

static int help(void)
{
	const tcas_action *a;

	if (opt.nparams == 0) {
		tcas_cli_list_actions(stdout);
		return 0;
	}
	if (strcmp(opt.params[0], "wait") == 0 && !TCAS_CLI_WITH_WAIT) {
		fputs("tcas wait and --wait are " WITHOUT_TEXT(
		          "TCAS_CLI_WITH_WAIT") "\n",
		      stdout);
		return 0;
	}
	if (strcmp(opt.params[0], "wait") == 0) {
		fputs("tcas wait refresh-finished --AutoScalingGroupId G "
		      "--RefreshActivityId R\n"
		      "tcas wait activity-finished --ActivityId A\n"
		      "tcas wait capacity-reached --AutoScalingGroupId G\n"
		      "  [--timeout S (default 3600)] [--interval S (default "
		      "5)]\n"
		      "exit codes: 0 SUCCESSFUL (or capacity reached), 1-3 as "
		      "for a call, and:\n",
		      stdout);
		tcas_cli_print_exits(stdout, 0, "wait:");
		return 0;
	}
	if (strcmp(opt.params[0], "query") == 0 ||
	    strcmp(opt.params[0], "filter") == 0)
		return tcas_cli_help_query(stdout), 0;
	a = tcas_as_action_find(opt.params[0]);
	if (a == NULL)
		return unknown_action(opt.params[0]);
	tcas_cli_help_action(a, stdout);
	return 0;
}

static int dispatch(void)
{
	const char *act = opt.action;
	const tcas_action *a;

	if (strcmp(act, "help") == 0)
		return help();
	if (strcmp(act, "configure") == 0)
		return tcas_cli_configure(&opt);
	if (strcmp(act, "completion") == 0)
		return tcas_cli_completion(opt.nparams, opt.params, stdout);
	if (strcmp(act, "__params") == 0)
		return opt.nparams == 1
		           ? tcas_cli_param_names(opt.params[0], stdout)
		           : TCAS_EXIT_USAGE;
	if (strcmp(act, "__values") == 0)
		return opt.nparams == 2
		           ? tcas_cli_param_values(opt.params[0], opt.params[1],
		                                   stdout)
		           : TCAS_EXIT_USAGE;
	if (strcmp(act, "__options") == 0)
		return tcas_cli_print_option_table(stdout), 0;
	if (strcmp(act, "__exits") == 0)
		return tcas_cli_print_exits(stdout, 1, NULL), 0;
	if (strcmp(act, "query") == 0)
		return tcas_cli_query(opt.nparams, opt.params, opt.output);
	if (strcmp(act, "wait") == 0)
		return tcas_cli_wait(&opt, opt.nparams, opt.params,
		                     opt.timeout_s ? (long)opt.timeout_s : 3600,
		                     opt.interval_s ? (long)opt.interval_s : 5);
	if (opt.service) {
		if (opt.api_version == NULL)
			return usage_error("%s",
			                   "--service needs --api-version");
		return run(NULL, act);
	}
	a = tcas_as_action_find(act);
	if (a == NULL)
		return unknown_action(act);
	if (opt.skeleton)
		return tcas_cli_skeleton(a, stdout) ? TCAS_EXIT_USAGE : 0;
	return run(a, a->name);
}

int main(int argc, char **argv)
{
	int err;

	tcas_cli_harden();
	if ((err = tcas_cli_parse(&opt, argc, argv)) != 0)
		return err;
	if (opt.version) {
		puts("tcas " TCAS_VERSION " (Auto Scaling API " TCAS_AS_VERSION
		     ")");
		return 0;
	}
	if (opt.help || opt.action == NULL) {
		usage(opt.help ? stdout : stderr);
		return opt.help ? 0 : TCAS_EXIT_USAGE;
	}
	if (opt.timestamp && !opt.dry_run)
		return usage_error("%s", "--timestamp signs with a fixed time: "
		                         "only with --dry-run (a call uses the "
		                         "clock)");
	err = dispatch();
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		tcas_cli_fprintf(stderr, "tcas: cannot write the output: %s\n",
		                 tcas_cli_errno_text(errno));
		return err ? err : TCAS_EXIT_OUTPUT;
	}
	return err;
}
