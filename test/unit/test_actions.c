/* Unit tests for tcas/actions.h (generated table, look-ups, edit distance)
 * and tcas/params.h (validator). Expected parameter lists were read by hand
 * from api.json (objects.<Action>Request.members). The example bodies are
 * test/data/examples/<Action>.<n>.req.json (the 83 examples of
 * examples.json, written by test/gen/gen_recordings.py). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

#include "tcas/actions.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/params.h"

#define REQ_DIR    "test/data/examples"
#define REQ_SUFFIX ".req.json"

static jsmntok_t toks[1024];

/* ---- table --------------------------------------------------------------- */

static void test_table_sorted_and_found(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(tcas_as_action_count, 58);
	for (i = 0; i + 1 < tcas_as_action_count; i++)
		assert_true(strcmp(tcas_as_actions[i].name,
		                   tcas_as_actions[i + 1].name) < 0);
	for (i = 0; i < tcas_as_action_count; i++) {
		const tcas_action *a = &tcas_as_actions[i];
		size_t j;

		assert_ptr_equal(tcas_as_action_find(a->name), a);
		assert_true(a->qps > 0);
		assert_true(a->count == 0 || a->params != NULL);
		for (j = 0; j < a->count; j++)
			if (a->params[j].type == TCAS_T_OBJECT)
				assert_true(a->params[j].object <
				            tcas_as_struct_count);
	}
	assert_null(tcas_as_action_find("startInstanceRefresh"));
	assert_null(tcas_as_action_find("StartInstanceRefreshX"));
	assert_null(tcas_as_action_find(""));
	assert_null(tcas_as_action_find(NULL));
	assert_non_null(tcas_as_action_find("AttachInstances")); /* first */
	assert_non_null(tcas_as_action_find("UpgradeLifecycleHook")); /* last */
}

static void test_structs(void **state)
{
	size_t i, j;

	(void)state;
	assert_int_equal(tcas_as_struct_count, 31);
	for (i = 0; i + 1 < tcas_as_struct_count; i++)
		assert_true(strcmp(tcas_as_structs[i].name,
		                   tcas_as_structs[i + 1].name) < 0);
	for (i = 0; i < tcas_as_struct_count; i++) {
		const tcas_struct *s = &tcas_as_structs[i];

		assert_true(s->count > 0 && s->count <= 64);
		for (j = 0; j < s->count; j++)
			assert_true(s->members[j].type <= TCAS_T_OBJECT);
	}
	/* EnhancedService.AutomationService is disabled in the spec. */
	for (i = 0; i < tcas_as_struct_count; i++)
		if (strcmp(tcas_as_structs[i].name, "EnhancedService") == 0)
			break;
	assert_true(i < tcas_as_struct_count);
	assert_int_equal(tcas_as_structs[i].count, 3);
	assert_null(
	    tcas_struct_member(&tcas_as_structs[i], "AutomationService"));
	assert_non_null(
	    tcas_struct_member(&tcas_as_structs[i], "SecurityService"));
}

struct want {
	const char *name;
	int type, is_list, required;
	const char *object;
};

static void check_params(const char *action, const struct want *w, size_t n)
{
	const tcas_action *a = tcas_as_action_find(action);
	size_t i;

	assert_non_null(a);
	assert_int_equal(a->count, n);
	assert_int_equal(a->deprecated, 0);
	assert_int_equal(a->qps, 20);
	for (i = 0; i < n; i++) {
		const tcas_param *p = &a->params[i];

		assert_string_equal(p->name, w[i].name);
		assert_int_equal(p->type, w[i].type);
		assert_int_equal(p->is_list, w[i].is_list);
		assert_int_equal(p->required, w[i].required);
		if (w[i].object)
			assert_string_equal(tcas_as_structs[p->object].name,
			                    w[i].object);
		assert_ptr_equal(tcas_action_param(a, p->name), p);
	}
}

static void test_instance_refresh_actions(void **state)
{
	static const struct want start[] = {
	    {"AutoScalingGroupId", TCAS_T_STRING, 0, 1, NULL},
	    {"RefreshSettings", TCAS_T_OBJECT, 0, 1, "RefreshSettings"},
	    {"RefreshMode", TCAS_T_STRING, 0, 0, NULL}};
	static const struct want two[] = {
	    {"AutoScalingGroupId", TCAS_T_STRING, 0, 1, NULL},
	    {"RefreshActivityId", TCAS_T_STRING, 0, 1, NULL}};
	static const struct want resume[] = {
	    {"AutoScalingGroupId", TCAS_T_STRING, 0, 1, NULL},
	    {"RefreshActivityId", TCAS_T_STRING, 0, 1, NULL},
	    {"ResumeMode", TCAS_T_STRING, 0, 0, NULL}};
	static const struct want rollback[] = {
	    {"AutoScalingGroupId", TCAS_T_STRING, 0, 1, NULL},
	    {"RefreshSettings", TCAS_T_OBJECT, 0, 1, "RefreshSettings"},
	    {"OriginRefreshActivityId", TCAS_T_STRING, 0, 1, NULL},
	    {"RefreshMode", TCAS_T_STRING, 0, 0, NULL}};
	static const struct want describe[] = {
	    {"RefreshActivityIds", TCAS_T_STRING, 1, 0, NULL},
	    {"Filters", TCAS_T_OBJECT, 1, 0, "Filter"},
	    {"Limit", TCAS_T_UINT, 0, 0, NULL},
	    {"Offset", TCAS_T_UINT, 0, 0, NULL}};
	static const struct want settings[] = {
	    {"RollingUpdateSettings", TCAS_T_OBJECT, 0, 1,
	     "RollingUpdateSettings"},
	    {"CheckInstanceTargetHealth", TCAS_T_BOOL, 0, 0, NULL},
	    {"CheckInstanceTargetHealthTimeout", TCAS_T_UINT, 0, 0, NULL}};
	static const struct want rolling[] = {
	    {"BatchNumber", TCAS_T_UINT, 0, 1, NULL},
	    {"BatchPause", TCAS_T_STRING, 0, 0, NULL},
	    {"MaxSurge", TCAS_T_INT, 0, 0, NULL},
	    {"FailProcess", TCAS_T_STRING, 0, 0, NULL}};
	const tcas_action *a;
	const tcas_struct *s;
	size_t i;

	(void)state;
	check_params("StartInstanceRefresh", start, 3);
	check_params("StopInstanceRefresh", two, 2);
	check_params("CancelInstanceRefresh", two, 2);
	check_params("ResumeInstanceRefresh", resume, 3);
	check_params("RollbackInstanceRefresh", rollback, 4);
	check_params("DescribeRefreshActivities", describe, 4);

	a = tcas_as_action_find("StartInstanceRefresh");
	s = &tcas_as_structs[a->params[1].object];
	assert_int_equal(s->count, 3);
	for (i = 0; i < 3; i++) {
		assert_string_equal(s->members[i].name, settings[i].name);
		assert_int_equal(s->members[i].type, settings[i].type);
		assert_int_equal(s->members[i].required, settings[i].required);
	}
	s = &tcas_as_structs[s->members[0].object];
	assert_string_equal(s->name, "RollingUpdateSettings");
	for (i = 0; i < 4; i++) {
		assert_string_equal(s->members[i].name, rolling[i].name);
		assert_int_equal(s->members[i].type, rolling[i].type);
		assert_int_equal(s->members[i].required, rolling[i].required);
	}
	/* The English summaries and groups are the CLI's: test_cli_docs. */
}

static void test_groups_qps_deprecated(void **state)
{
	const tcas_action *a;
	size_t i, dep = 0;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++)
		dep += tcas_as_actions[i].deprecated;
	assert_int_equal(dep, 1);
	a = tcas_as_action_find("UpgradeLaunchConfiguration");
	assert_int_equal(a->deprecated, 1);
	a = tcas_as_action_find("DescribeAutoScalingGroups");
	assert_int_equal(a->qps, 60);
	a = tcas_as_action_find("AttachInstances"); /* "20*" in the doc */
	assert_int_equal(a->qps, 20);
	a = tcas_as_action_find("DescribeAccountLimits");
	assert_int_equal(a->count, 0);
	assert_null(a->params);
}

/* ---- edit distance and suggestions --------------------------------------- */

static void test_edit_distance(void **state)
{
	char a[101], b[101];

	(void)state;
	assert_int_equal(tcas_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(tcas_edit_distance("", "abc"), 3);
	assert_int_equal(tcas_edit_distance(NULL, "abc"), 3);
	assert_int_equal(tcas_edit_distance("abc", NULL), 3);
	assert_int_equal(tcas_edit_distance("MaxSize", "MaxSize"), 0);
	assert_int_equal(tcas_edit_distance("maxsize", "MaxSize"), 0);
	assert_int_equal(tcas_edit_distance("MaxSise", "MaxSize"), 1);
	memset(a, 'a', 100);
	a[100] = '\0';
	assert_int_equal(tcas_edit_distance(a, ""), 100);
	memcpy(b, a, sizeof b);
	assert_int_equal(tcas_edit_distance(a, b), 0);
	b[99] = 'b'; /* beyond 64 bytes: the longer length, an upper bound */
	assert_int_equal(tcas_edit_distance(a, b), 100);
	b[99] = '\0';
	assert_int_equal(tcas_edit_distance(a, b), 100);
	a[64] = '\0'; /* 64 bytes: still exact */
	b[63] = 'b';
	b[64] = '\0';
	assert_int_equal(tcas_edit_distance(a, b), 1);
}

static void test_suggest_action(void **state)
{
	(void)state;
	assert_string_equal(tcas_as_suggest_action("StartInstanceRefrsh"),
	                    "StartInstanceRefresh");
	assert_string_equal(tcas_as_suggest_action("DescribeAutoScalingGroup"),
	                    "DescribeAutoScalingGroups");
	assert_string_equal(tcas_as_suggest_action("startinstancerefresh"),
	                    "StartInstanceRefresh");
	assert_null(tcas_as_suggest_action("StartInstanceRefresh"));
	assert_null(tcas_as_suggest_action("Xyzzy"));
	assert_null(tcas_as_suggest_action(NULL));
}

static void test_suggest_param(void **state)
{
	const tcas_action *a = tcas_as_action_find("StartInstanceRefresh");

	(void)state;
	assert_non_null(a);
	assert_string_equal(
	    tcas_param_suggest(a->params, a->count, "AutoScalingGroupID"),
	    "AutoScalingGroupId");
	assert_string_equal(
	    tcas_param_suggest(a->params, a->count, "refreshmode"),
	    "RefreshMode");
	/* too far from every name (limit max(2, len/3)) */
	assert_null(tcas_param_suggest(a->params, a->count, "Xyzzy"));
	assert_null(tcas_param_suggest(NULL, 3, "RefreshMode"));
	assert_null(tcas_param_suggest(a->params, a->count, NULL));
	assert_null(tcas_param_suggest(a->params, 0, "RefreshMode"));
}

/* ---- validator ----------------------------------------------------------- */

static int validate(const char *action, const char *js, tcas_param_error *e)
{
	tcas_json doc;
	const tcas_action *a = tcas_as_action_find(action);

	assert_non_null(a);
	assert_int_equal(tcas_json_parse(&doc, js, strlen(js), toks,
	                                 sizeof toks / sizeof toks[0]),
	                 TCAS_OK);
	return tcas_params_validate(a, &doc, 0, e);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long sz;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	sz = ftell(f);
	assert_true(sz > 0);
	rewind(f);
	buf = malloc((size_t)sz + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
	buf[sz] = '\0';
	fclose(f);
	*n = (size_t)sz;
	return buf;
}

static void test_examples_validate(void **state)
{
	DIR *d = opendir(REQ_DIR);
	struct dirent *de;
	int files = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char path[512], action[128];
		const char *dot = strchr(de->d_name, '.');
		size_t nl = strlen(de->d_name), sl = strlen(REQ_SUFFIX);
		tcas_param_error e;
		size_t n;
		char *body;
		int rc;

		if (dot == NULL || de->d_name[0] == '.' || nl < sl ||
		    strcmp(de->d_name + nl - sl, REQ_SUFFIX) != 0 ||
		    (size_t)(dot - de->d_name) >= sizeof action)
			continue;
		memcpy(action, de->d_name, (size_t)(dot - de->d_name));
		action[dot - de->d_name] = '\0';
		snprintf(path, sizeof path, REQ_DIR "/%s", de->d_name);
		body = slurp(path, &n);
		rc = validate(action, body, &e);
		if (rc != TCAS_OK)
			print_error("%s: kind %d field '%s' detail '%s'\n",
			            de->d_name, e.kind, e.field, e.detail);
		assert_int_equal(rc, TCAS_OK);
		assert_int_equal(e.kind, 0);
		free(body);
		files++;
	}
	closedir(d);
	assert_int_equal(files, 83);
}

struct bad {
	const char *action, *body;
	int kind;
	const char *field, *detail;
};

#define SIR    "StartInstanceRefresh"
#define RS(x)  "{\"AutoScalingGroupId\":\"asg-1\",\"RefreshSettings\":" x "}"
#define MDC(x) "{\"AutoScalingGroupId\":\"asg-1\",\"DesiredCapacity\":" x "}"
#define SURGE(x)                                                               \
	RS("{\"RollingUpdateSettings\":{\"BatchNumber\":1,"                    \
	   "\"MaxSurge\":" x "}}")
#define ACT(x) "{\"StartTime\":" x "}"
#define DAA    "DescribeAutoScalingActivities"
#define ALARM(x)                                                               \
	"{\"AutoScalingGroupId\":\"a\",\"ScalingPolicyName\":\"p\","           \
	"\"MetricAlarm\":{\"ComparisonOperator\":\"GREATER_THAN\","            \
	"\"MetricName\":\"CPU_UTILIZATION\",\"Threshold\":80,\"Period\":60,"   \
	"\"ContinuousTime\":3,\"PreciseThreshold\":" x "}}"

static const struct bad bads[] = {
    /* unknown members, with and without a suggestion */
    {"ModifyAutoScalingGroup",
     "{\"AutoScalingGroupId\":\"a\","
     "\"MaxSise\":3}",
     TCAS_PARAM_UNKNOWN, "MaxSise", "MaxSize"},
    {"ModifyAutoScalingGroup", "{\"maxsize\":3}", TCAS_PARAM_UNKNOWN, "maxsize",
     "MaxSize"},
    {"ModifyAutoScalingGroup", "{\"Qwertyuiop\":3}", TCAS_PARAM_UNKNOWN,
     "Qwertyuiop", ""},
    {SIR, RS("{\"RollingUpdateSettings\":{\"BatchNumbr\":1}}"),
     TCAS_PARAM_UNKNOWN, "RefreshSettings.RollingUpdateSettings.BatchNumbr",
     "BatchNumber"},
    {"DescribeAutoScalingGroups",
     "{\"Filters\":[{\"Name\":\"a\","
     "\"Values\":[]},{\"Nam\":\"b\"}]}",
     TCAS_PARAM_UNKNOWN, "Filters[1].Nam", "Name"},
    /* missing required members */
    {SIR, "{\"AutoScalingGroupId\":\"asg-1\"}", TCAS_PARAM_MISSING,
     "RefreshSettings", ""},
    {SIR, "{}", TCAS_PARAM_MISSING, "AutoScalingGroupId", ""},
    {SIR, RS("{\"RollingUpdateSettings\":{}}"), TCAS_PARAM_MISSING,
     "RefreshSettings.RollingUpdateSettings.BatchNumber", ""},
    {"DescribeAutoScalingGroups",
     "{\"Filters\":[{\"Name\":\"a\","
     "\"Values\":[\"x\"]},{\"Name\":\"b\"}]}",
     TCAS_PARAM_MISSING, "Filters[1].Values", ""},
    /* JSON types */
    {"AttachInstances",
     "{\"AutoScalingGroupId\":\"a\",\"InstanceIds\":"
     "[\"i-1\",\"i-2\",3]}",
     TCAS_PARAM_TYPE, "InstanceIds[2]", "a string"},
    {"AttachInstances",
     "{\"AutoScalingGroupId\":\"a\",\"InstanceIds\":"
     "\"i-1\"}",
     TCAS_PARAM_TYPE, "InstanceIds", "an array of strings"},
    {"AttachInstances", "{\"AutoScalingGroupId\":7,\"InstanceIds\":[]}",
     TCAS_PARAM_TYPE, "AutoScalingGroupId", "a string"},
    {"ModifyDesiredCapacity", MDC("1.5"), TCAS_PARAM_TYPE, "DesiredCapacity",
     "a non-negative integer"},
    {"ModifyDesiredCapacity", MDC("1e3"), TCAS_PARAM_TYPE, "DesiredCapacity",
     "a non-negative integer"},
    {"ModifyDesiredCapacity", MDC("\"3\""), TCAS_PARAM_TYPE, "DesiredCapacity",
     "a non-negative integer"},
    {"ModifyDesiredCapacity", MDC("null"), TCAS_PARAM_TYPE, "DesiredCapacity",
     "a non-negative integer"},
    {SIR, SURGE("2.0"), TCAS_PARAM_TYPE,
     "RefreshSettings.RollingUpdateSettings.MaxSurge", "an integer"},
    {SIR, RS("[]"), TCAS_PARAM_TYPE, "RefreshSettings", "a JSON object"},
    {SIR,
     RS("{\"RollingUpdateSettings\":{\"BatchNumber\":1},"
        "\"CheckInstanceTargetHealth\":\"true\"}"),
     TCAS_PARAM_TYPE, "RefreshSettings.CheckInstanceTargetHealth",
     "true or false"},
    {"DescribeAutoScalingGroups", "{\"Filters\":{}}", TCAS_PARAM_TYPE,
     "Filters", "an array of JSON objects"},
    {"DescribeAutoScalingGroups", "{\"Filters\":[[]]}", TCAS_PARAM_TYPE,
     "Filters[0]", "a JSON object"},
    {"CreateScalingPolicy", ALARM("\"1.5\""), TCAS_PARAM_TYPE,
     "MetricAlarm.PreciseThreshold", "a number"},
    {DAA, ACT("20241111"), TCAS_PARAM_TYPE, "StartTime",
     "a date-time YYYY-MM-DDThh:mm:ssZ"},
    {SIR, "[]", TCAS_PARAM_TYPE, "", "a JSON object"},
    /* values */
    {"ModifyDesiredCapacity", MDC("-1"), TCAS_PARAM_VALUE, "DesiredCapacity",
     "must not be negative"},
    {"ModifyDesiredCapacity", MDC("18446744073709551616"), TCAS_PARAM_VALUE,
     "DesiredCapacity", "out of uint64 range"},
    {SIR, SURGE("9223372036854775808"), TCAS_PARAM_VALUE,
     "RefreshSettings.RollingUpdateSettings.MaxSurge", "out of int64 range"},
    {SIR, SURGE("-9223372036854775809"), TCAS_PARAM_VALUE,
     "RefreshSettings.RollingUpdateSettings.MaxSurge", "out of int64 range"},
    {"AttachInstances",
     "{\"AutoScalingGroupId\":\"a\",\"InstanceIds\":[],"
     "\"AutoScalingGroupId\":\"b\"}",
     TCAS_PARAM_VALUE, "AutoScalingGroupId", "duplicate member"},
    {DAA, ACT("\"2024-11-11 15:29:59\""), TCAS_PARAM_VALUE, "StartTime",
     "not a date-time YYYY-MM-DDThh:mm:ssZ or ...+08:00"},
    {DAA, ACT("\"2023-02-29T00:00:00Z\""), TCAS_PARAM_VALUE, "StartTime",
     "not a date-time YYYY-MM-DDThh:mm:ssZ or ...+08:00"},
    {DAA, ACT("\"2024-04-31T00:00:00Z\""), TCAS_PARAM_VALUE, "StartTime",
     "not a date-time YYYY-MM-DDThh:mm:ssZ or ...+08:00"},
    {DAA, ACT("\"2024-01-01T24:00:00Z\""), TCAS_PARAM_VALUE, "StartTime",
     "not a date-time YYYY-MM-DDThh:mm:ssZ or ...+08:00"},
    {DAA, ACT("\"2024-01-01T00:00:00+0800\""), TCAS_PARAM_VALUE, "StartTime",
     "not a date-time YYYY-MM-DDThh:mm:ssZ or ...+08:00"},
    {DAA, ACT("\"2024-01-01T00:00:00z\""), TCAS_PARAM_VALUE, "StartTime",
     "not a date-time YYYY-MM-DDThh:mm:ssZ or ...+08:00"},
};

static void test_invalid_bodies(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		tcas_param_error e;
		int rc = validate(bads[i].action, bads[i].body, &e);

		if (rc != TCAS_E_PARAM || e.kind != bads[i].kind ||
		    strcmp(e.field, bads[i].field) != 0 ||
		    strcmp(e.detail, bads[i].detail) != 0)
			print_error("case %zu: rc %d kind %d field '%s' "
			            "detail '%s'\n",
			            i, rc, e.kind, e.field, e.detail);
		assert_int_equal(rc, TCAS_E_PARAM);
		assert_int_equal(e.kind, bads[i].kind);
		assert_string_equal(e.field, bads[i].field);
		assert_string_equal(e.detail, bads[i].detail);
	}
}

static const struct bad goods[] = {
    {"ModifyDesiredCapacity", MDC("18446744073709551615"), 0, NULL, NULL},
    {"ModifyDesiredCapacity", MDC("0"), 0, NULL, NULL},
    {SIR, SURGE("9223372036854775807"), 0, NULL, NULL},
    {SIR, SURGE("-9223372036854775808"), 0, NULL, NULL},
    {SIR, SURGE("-0"), 0, NULL, NULL},
    {"CreateScalingPolicy", ALARM("1.5e-3"), 0, NULL, NULL},
    {"CreateScalingPolicy", ALARM("7"), 0, NULL, NULL},
    {DAA, ACT("\"2024-02-29T23:59:59Z\""), 0, NULL, NULL},
    {DAA, ACT("\"2000-02-29T00:00:00Z\""), 0, NULL, NULL},
    {DAA, ACT("\"2018-08-28T23:00:00+08:00\""), 0, NULL, NULL},
    {DAA, ACT("\"2018-08-28T23:00:00-05:30\""), 0, NULL, NULL},
    {DAA, "{}", 0, NULL, NULL},
    {"DescribeAccountLimits", "{}", 0, NULL, NULL},
    {"AttachInstances",
     "{\"AutoScalingGroupId\":\"a\",\"InstanceIds\":[],"
     "\"Auto\\u0053calingGroupId\":\"b\"}",
     TCAS_PARAM_VALUE, NULL, NULL},
};

static void test_valid_edges(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof goods / sizeof goods[0]; i++) {
		tcas_param_error e;
		int rc = validate(goods[i].action, goods[i].body, &e);

		if (goods[i].kind) { /* escaped duplicate key is still one */
			assert_int_equal(rc, TCAS_E_PARAM);
			assert_int_equal(e.kind, goods[i].kind);
			continue;
		}
		if (rc != TCAS_OK)
			print_error(
			    "case %zu: kind %d field '%s' detail '%s'\n", i,
			    e.kind, e.field, e.detail);
		assert_int_equal(rc, TCAS_OK);
	}
}

/* Paths longer than the 96-byte field are cut and end in "...". */
#define L60  "P123456789P123456789P123456789P123456789P123456789P123456789"
#define L100 L60 "Q123456789Q123456789Q123456789Q123456789"
static tcas_param long_params[] = {
    {L100, TCAS_T_STRING, 0, 0, 0},
    {L60, TCAS_T_OBJECT, 0, 0, 0}, /* RefreshSettings */
    {"S", TCAS_T_STRING, 0, 0, 0},
};
static const tcas_action long_action = {"LongAction", long_params, 3, 0, 20};

static void test_long_paths(void **state)
{
	tcas_json doc;
	tcas_param_error e;
	const char *js;

	(void)state;
	long_params[1].object = tcas_as_action_find(SIR)->params[1].object;

	js = "{\"" L100 "\":1}";
	assert_int_equal(tcas_json_parse(&doc, js, strlen(js), toks, 64), 0);
	assert_int_equal(tcas_params_validate(&long_action, &doc, 0, &e),
	                 TCAS_E_PARAM);
	assert_int_equal(e.kind, TCAS_PARAM_TYPE);
	assert_int_equal(strlen(e.field), 95);
	assert_memory_equal(e.field, L100, 92);
	assert_string_equal(e.field + 92, "...");

	js = "{\"" L60 "\":{\"RollingUpdateSettings\":{\"BatchNumber\":-1}}}";
	assert_int_equal(tcas_json_parse(&doc, js, strlen(js), toks, 64), 0);
	assert_int_equal(tcas_params_validate(&long_action, &doc, 0, &e),
	                 TCAS_E_PARAM);
	assert_int_equal(e.kind, TCAS_PARAM_VALUE);
	assert_string_equal(e.field, L60 ".RollingUpdateSettings.BatchNumb...");

	/* a cut path is whole again once the long member is done */
	js = "{\"" L100 "\":\"ok\",\"" L60 "\":{\"RollingUpdateSettings\":"
	     "{\"BatchNumber\":1,\"MaxSurge\":1.5}}}";
	assert_int_equal(tcas_json_parse(&doc, js, strlen(js), toks, 64), 0);
	assert_int_equal(tcas_params_validate(&long_action, &doc, 0, &e),
	                 TCAS_E_PARAM);
	assert_string_equal(e.field, L60 ".RollingUpdateSettings.MaxSurge");
	js = "{\"" L100 "\":\"ok\",\"S\":1}";
	assert_int_equal(tcas_json_parse(&doc, js, strlen(js), toks, 64), 0);
	assert_int_equal(tcas_params_validate(&long_action, &doc, 0, &e),
	                 TCAS_E_PARAM);
	assert_string_equal(e.field, "S");
	/* unknown long key: cut path, suggestion from the first 64 bytes */
	js = "{\"" L100 "X\":1}";
	assert_int_equal(tcas_json_parse(&doc, js, strlen(js), toks, 64), 0);
	assert_int_equal(tcas_params_validate(&long_action, &doc, 0, &e),
	                 TCAS_E_PARAM);
	assert_int_equal(e.kind, TCAS_PARAM_UNKNOWN);
	assert_string_equal(e.field + 92, "...");
}

static void test_validate_args(void **state)
{
	tcas_json doc;
	tcas_param_error e;
	const tcas_action *a = tcas_as_action_find(SIR);
	const char *js = "{}";

	(void)state;
	assert_int_equal(tcas_json_parse(&doc, js, 2, toks, 8), TCAS_OK);
	assert_int_equal(tcas_params_validate(NULL, &doc, 0, &e), TCAS_E_ARG);
	assert_int_equal(tcas_params_validate(a, NULL, 0, &e), TCAS_E_ARG);
	assert_int_equal(tcas_params_validate(a, &doc, 1, &e), TCAS_E_ARG);
	assert_int_equal(tcas_params_validate(a, &doc, -1, &e), TCAS_E_ARG);
	/* err may be NULL */
	assert_int_equal(tcas_params_validate(a, &doc, 0, NULL), TCAS_E_PARAM);
	assert_string_equal(tcas_strerror(TCAS_E_PARAM),
	                    "parameter does not match the action's spec");
	assert_string_equal(tcas_type_text(TCAS_T_BOOL), "true or false");
	assert_string_equal(tcas_type_text(99), "a value");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_sorted_and_found),
	    cmocka_unit_test(test_structs),
	    cmocka_unit_test(test_instance_refresh_actions),
	    cmocka_unit_test(test_groups_qps_deprecated),
	    cmocka_unit_test(test_edit_distance),
	    cmocka_unit_test(test_suggest_action),
	    cmocka_unit_test(test_suggest_param),
	    cmocka_unit_test(test_examples_validate),
	    cmocka_unit_test(test_invalid_bodies),
	    cmocka_unit_test(test_valid_edges),
	    cmocka_unit_test(test_long_paths),
	    cmocka_unit_test(test_validate_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
