/* Unit tests for the local check of enumerated values
 * (src/cli/values.c: tcas_cli_check_values) and the skeleton's
 * placeholders (src/cli/skeleton.c: tcas_cli_skeleton,
 * tcas_cli_drop_placeholders), also through tcas_cli_build_params(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/actions.h"
#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "../../src/cli/cli.h" /* the CLI's private header */

static jsmntok_t toks[512];
static char msg[512];

/* tcas_cli_check_values() on body js for action name. */
static int check(const char *action, const char *js)
{
	const tcas_action *a = tcas_as_action_find(action);
	tcas_json d;

	assert_non_null(a);
	assert_int_equal(tcas_json_parse(&d, js, strlen(js), toks, 512), 0);
	msg[0] = '\0';
	return tcas_cli_check_values(a, &d, 0, msg, sizeof msg);
}

static void valid_values(void **state)
{
	(void)state;
	assert_int_equal(
	    check("ResumeInstanceRefresh", "{\"ResumeMode\":\"RETRY\"}"),
	    TCAS_OK);
	assert_int_equal(check("ResumeInstanceRefresh",
	                       "{\"ResumeMode\":\"CONTINUE\",\"Unknown\":1}"),
	                 TCAS_OK); /* unknown members: the validator's */
	assert_int_equal(
	    check("StartInstanceRefresh",
	          "{\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchPause\":\"AUTOMATIC\",\"FailProcess\":"
	          "\"AUTO_ROLLBACK\"}},\"RefreshMode\":"
	          "\"ROLLING_UPDATE_REPLACE\"}"),
	    TCAS_OK);
	/* members without a set, wrong types: not this check's business */
	assert_int_equal(check("ResumeInstanceRefresh",
	                       "{\"AutoScalingGroupId\":\"anything\","
	                       "\"ResumeMode\":5}"),
	                 TCAS_OK);
	assert_int_equal(check("StartInstanceRefresh",
	                       "{\"RefreshSettings\":[1],\"RefreshMode\":"
	                       "[\"x\"]}"),
	                 TCAS_OK);
	assert_int_equal(
	    check("ModifyAutoScalingGroup", "{\"TerminationPolicies\":[]}"),
	    TCAS_OK);
	/* blanks around a value are ignored, as the official examples
	 * send them; a value taken from the examples is valid */
	assert_int_equal(check("CreateScalingPolicy",
	                       "{\"AdjustmentType\":\" CHANGE_IN_CAPACITY \"}"),
	                 TCAS_OK);
	assert_int_equal(check("CreateLifecycleHook",
	                       "{\"NotificationTarget\":{\"TargetType\":"
	                       "\"TDMQ_TOPIC\"}}"),
	                 TCAS_OK);
	assert_int_equal(
	    check("CreateScalingPolicy", "{\"AdjustmentType\":\"   \"}"),
	    TCAS_E_PARAM);
	msg[0] = '\0';
	assert_string_equal(msg, "");
}

static void refused_values(void **state)
{
	(void)state;
	assert_int_equal(
	    check("ResumeInstanceRefresh", "{\"ResumeMode\":\"retry\"}"),
	    TCAS_E_PARAM);
	assert_string_equal(msg, "--ResumeMode: 'retry' is not a valid value; "
	                         "did you mean RETRY? (values: RETRY, "
	                         "CONTINUE)");
	assert_int_equal(
	    check("ResumeInstanceRefresh", "{\"ResumeMode\":\"CONTINU\"}"),
	    TCAS_E_PARAM);
	assert_non_null(strstr(msg, "did you mean CONTINUE?"));
	assert_int_equal(
	    check("ResumeInstanceRefresh", "{\"ResumeMode\":\"\"}"),
	    TCAS_E_PARAM);
	assert_string_equal(msg, "--ResumeMode: '' is not a valid value "
	                         "(values: RETRY, CONTINUE)");
	assert_int_equal(
	    check("StartInstanceRefresh",
	          "{\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"FailProcess\":\"auto_cancel\"}}}"),
	    TCAS_E_PARAM);
	assert_non_null(strstr(msg, "--RefreshSettings.RollingUpdateSettings."
	                            "FailProcess: 'auto_cancel' is not a valid "
	                            "value; did you mean AUTO_CANCEL?"));
	assert_int_equal(check("ModifyAutoScalingGroup",
	                       "{\"TerminationPolicies\":[\"OLDEST_INSTANCE\","
	                       "\"NEWEST\"]}"),
	                 TCAS_E_PARAM);
	assert_non_null(strstr(msg, "--TerminationPolicies[1]: 'NEWEST'"));
	/* a list of objects: the index and the member */
	assert_int_equal(check("CreateLaunchConfiguration",
	                       "{\"DataDisks\":[{\"DiskType\":\"CLOUD_SSD\"},"
	                       "{\"DiskType\":\"CLOUD_SDD\"}]}"),
	                 TCAS_E_PARAM);
	assert_non_null(
	    strstr(msg, "--DataDisks[1].DiskType: 'CLOUD_SDD' is not a valid "
	                "value; did you mean CLOUD_SSD?"));
}

static void long_and_odd_values(void **state)
{
	char js[512];

	(void)state;
	memset(js, 0, sizeof js);
	strcpy(js, "{\"ResumeMode\":\"");
	memset(js + strlen(js), 'R', 200);
	strcat(js, "\"}");
	assert_int_equal(check("ResumeInstanceRefresh", js), TCAS_E_PARAM);
	assert_non_null(strstr(msg, "'RRRR"));
	assert_null(strstr(msg, "did you mean"));
	assert_true(strlen(msg) < 300);
	/* \u0000 cannot be unescaped: refused, shown as written */
	assert_int_equal(
	    check("ResumeInstanceRefresh", "{\"ResumeMode\":\"RE\\u0000TRY\"}"),
	    TCAS_E_PARAM);
	assert_non_null(strstr(msg, "'RE\\u0000TRY'"));
	/* an escape that unescapes to a valid value is that value */
	assert_int_equal(
	    check("ResumeInstanceRefresh", "{\"ResumeMode\":\"RE\\u0054RY\"}"),
	    TCAS_OK);
}

static void bad_arguments(void **state)
{
	const tcas_action *a = tcas_as_action_find("ResumeInstanceRefresh");
	tcas_json d;

	(void)state;
	assert_int_equal(tcas_json_parse(&d, "[1]", 3, toks, 512), 0);
	assert_int_equal(tcas_cli_check_values(a, &d, 0, msg, sizeof msg),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_cli_check_values(NULL, &d, 0, msg, sizeof msg),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_cli_check_values(a, NULL, 0, msg, sizeof msg),
	                 TCAS_E_ARG);
	assert_int_equal(
	    tcas_json_parse(&d, "{\"ResumeMode\":\"x\"}", 18, toks, 512), 0);
	/* no message buffer: still refused */
	assert_int_equal(tcas_cli_check_values(a, &d, 0, NULL, 0),
	                 TCAS_E_PARAM);
}

/* tcas_cli_drop_placeholders() on js for action; the result in out. */
static const char *dropped(const char *action, const char *js)
{
	static char body[TCAS_REQ_BODY_MAX];
	size_t n = strlen(js);

	assert_true(n < sizeof body);
	memcpy(body, js, n + 1);
	assert_int_equal(
	    tcas_cli_drop_placeholders(tcas_as_action_find(action), body, &n),
	    TCAS_OK);
	assert_int_equal(n, strlen(body));
	return body;
}

static void drop_placeholders(void **state)
{
	(void)state;
	assert_string_equal(
	    dropped("StartInstanceRefresh",
	            "{ \"AutoScalingGroupId\" : \"asg-1\",\n"
	            "  \"RefreshSettings\": {\"RollingUpdateSettings\": {"
	            "\"BatchNumber\": 2, \"BatchPause\": \"<FIRST_BATCH_PAUSE|"
	            "BATCH_INTERVAL_PAUSE|AUTOMATIC>\", \"MaxSurge\": "
	            "\"<integer>\"}, \"CheckInstanceTargetHealth\": "
	            "\"<true|false>\"},\n  \"RefreshMode\": "
	            "\"<ROLLING_UPDATE_RESET|ROLLING_UPDATE_REPLACE>\"}"),
	    "{\"AutoScalingGroupId\":\"asg-1\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":2}}}");
	/* required placeholders go too (the validator reports them);
	 * objects left empty go */
	assert_string_equal(
	    dropped("StartInstanceRefresh",
	            "{\"AutoScalingGroupId\":\"<string, required>\","
	            "\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	            "\"BatchNumber\":\"<integer, required>\"}}}"),
	    "{}");
	/* [] and {} as written stay; list elements that are placeholders go */
	assert_string_equal(dropped("ModifyAutoScalingGroup",
	                            "{\"Zones\":[],\"ServiceSettings\":{},"
	                            "\"SubnetIds\":[\"<string>\",\"subnet-1\"],"
	                            "\"TerminationPolicies\":[\"<OLDEST_"
	                            "INSTANCE|NEWEST_INSTANCE>\"]}"),
	                    "{\"Zones\":[],\"ServiceSettings\":{},"
	                    "\"SubnetIds\":[\"subnet-1\"]}");
	/* list of objects */
	assert_string_equal(
	    dropped("CreateLaunchConfiguration",
	            "{\"DataDisks\":[{\"DiskType\":\"<LOCAL_BASIC|LOCAL_SSD|"
	            "CLOUD_BASIC|CLOUD_PREMIUM|CLOUD_SSD|CLOUD_HSSD|CLOUD_TSSD|"
	            "CLOUD_BSSD>\",\"DiskSize\":\"<integer>\"}],\"ProjectId\":"
	            "0,\"UserData\":\"<other>\",\"ImageId\":\"a\\\"b\"}"),
	    "{\"ProjectId\":0,\"UserData\":\"<other>\",\"ImageId\":"
	    "\"a\\\"b\"}");
	/* nothing to drop: byte for byte as it was */
	assert_string_equal(dropped("ResumeInstanceRefresh",
	                            "{ \"ResumeMode\" : \"RETRY\" }\n"),
	                    "{ \"ResumeMode\" : \"RETRY\" }\n");
	/* an unknown member, a non-object, bad JSON: left as they are */
	assert_string_equal(
	    dropped("ResumeInstanceRefresh",
	            "{\"ResumeMode\":\"<RETRY|CONTINUE>\","
	            "\"Bogus\":1}"),
	    "{\"ResumeMode\":\"<RETRY|CONTINUE>\",\"Bogus\":1}");
	assert_string_equal(dropped("ResumeInstanceRefresh", "[1, 2]"),
	                    "[1, 2]");
	assert_string_equal(dropped("ResumeInstanceRefresh", "{\"a\":"),
	                    "{\"a\":");
	assert_int_equal(tcas_cli_drop_placeholders(NULL, NULL, NULL), TCAS_OK);
}

/* The skeleton of every action parses, and dropping its placeholders
 * leaves only objects (with nothing inside). */
static void every_skeleton(void **state)
{
	static char buf[64 * 1024];
	size_t i;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++) {
		const tcas_action *a = &tcas_as_actions[i];
		FILE *f = tmpfile();
		size_t n;
		const char *out;

		assert_non_null(f);
		assert_int_equal(tcas_cli_skeleton(a, f), TCAS_OK);
		rewind(f);
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		assert_true(n > 2 && buf[n - 1] == '\n');
		buf[n - 1] = '\0';
		assert_true(n < TCAS_REQ_BODY_MAX); /* it can be read back */
		out = dropped(a->name, buf);
		if (strcmp(out, "{}") != 0)
			fail_msg("%s: %s left", a->name, out);
	}
}

/* Through the parameter builder: the value check and the placeholders. */
static void through_builder(void **state)
{
	static char body[TCAS_REQ_BODY_MAX];
	const tcas_action *a = tcas_as_action_find("ResumeInstanceRefresh");
	char *argv[] = {"--AutoScalingGroupId", "asg-1",
	                "--RefreshActivityId",  "asr-1",
	                "--ResumeMode",         "Continue"};
	char *argv2[] = {"--AutoScalingGroupId", "asg-1",
	                 "--RefreshActivityId",  "asr-1",
	                 "--ResumeMode",         "<RETRY|CONTINUE>"};
	size_t n;

	(void)state;
	assert_int_equal(tcas_cli_build_params(a, 6, argv, body, sizeof body,
	                                       &n, msg, sizeof msg),
	                 TCAS_E_PARAM);
	assert_non_null(strstr(msg, "did you mean CONTINUE?"));
	assert_int_equal(tcas_cli_build_params(a, 6, argv2, body, sizeof body,
	                                       &n, msg, sizeof msg),
	                 TCAS_OK);
	assert_string_equal(body, "{\"AutoScalingGroupId\":\"asg-1\","
	                          "\"RefreshActivityId\":\"asr-1\"}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_values),
	    cmocka_unit_test(refused_values),
	    cmocka_unit_test(long_and_odd_values),
	    cmocka_unit_test(bad_arguments),
	    cmocka_unit_test(drop_placeholders),
	    cmocka_unit_test(every_skeleton),
	    cmocka_unit_test(through_builder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
