/* Unit tests for the CLI parameter builder (src/cli/params_cli.c, cli.h):
 * every conversion, every usage message (exact text), lists, JSON values,
 * --cli-input-json from a file and from stdin, and overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tcas/actions.h"
#include "tcas/config.h"
#include "tcas/error.h"
#include "../../src/cli/cli.h" /* the CLI's private header */

static char body[TCAS_REQ_BODY_MAX];
static char msg[256];
static size_t blen;

/* A made-up action with one parameter of every kind (the spec has no
 * top-level float), the object ones pointing at real structures. */
static tcas_param test_params[] = {
    {"S", TCAS_T_STRING, 0, 0, 0},
    {"I", TCAS_T_INT, 0, 0, 0},
    {"U", TCAS_T_UINT, 0, 0, 0},
    {"B", TCAS_T_BOOL, 0, 0, 0},
    {"F", TCAS_T_FLOAT, 0, 0, 0},
    {"D", TCAS_T_DATETIME, 0, 0, 0},
    {"LS", TCAS_T_STRING, 1, 0, 0},
    {"LU", TCAS_T_UINT, 1, 0, 0},
    {"LF", TCAS_T_FLOAT, 1, 0, 0},
    {"O", TCAS_T_OBJECT, 0, 0, 0},  /* RefreshSettings */
    {"LO", TCAS_T_OBJECT, 1, 0, 0}, /* Filter */
};
static const tcas_action test_action = {"TestAction", test_params, 11, 0, 20};

static int setup(void **state)
{
	const tcas_action *a = tcas_as_action_find("StartInstanceRefresh");
	const tcas_action *d = tcas_as_action_find("DescribeAutoScalingGroups");

	(void)state;
	test_params[9].object = a->params[1].object;
	test_params[10].object = d->params[1].object;
	return 0;
}

/* Build with a NULL-terminated list of arguments. */
static int vbuild(const tcas_action *a, size_t cap, va_list ap)
{
	char *argv[32];
	int argc = 0;
	const char *s;

	while ((s = va_arg(ap, const char *)) != NULL) {
		assert_true(argc < 32);
		argv[argc++] = (char *)s;
	}
	memset(body, 0x55, sizeof body);
	memset(msg, 0x55, sizeof msg);
	return tcas_cli_build_params(a, argc, argv, body, cap, &blen, msg,
	                             sizeof msg);
}

static int build(const char *action, ...)
{
	const tcas_action *a = strcmp(action, "TestAction") == 0
	                           ? &test_action
	                           : tcas_as_action_find(action);
	va_list ap;
	int rc;

	assert_non_null(a);
	va_start(ap, action);
	rc = vbuild(a, sizeof body, ap);
	va_end(ap);
	return rc;
}

#define OK(want, ...)                                                          \
	do {                                                                   \
		int rc_ = build(__VA_ARGS__, (char *)NULL);                    \
		if (rc_ != TCAS_OK)                                            \
			print_error("unexpected: %s\n", msg);                  \
		assert_int_equal(rc_, TCAS_OK);                                \
		assert_int_equal(blen, strlen(want));                          \
		assert_memory_equal(body, want, blen);                         \
	} while (0)

#define BAD(want, ...)                                                         \
	do {                                                                   \
		assert_int_equal(build(__VA_ARGS__, (char *)NULL),             \
		                 TCAS_E_PARAM);                                \
		assert_string_equal(msg, want);                                \
	} while (0)

/* ---- conversions --------------------------------------------------------- */

static void test_scalars(void **state)
{
	(void)state;
	OK("{\"AutoScalingGroupId\":\"asg-1\",\"MaxSize\":3}",
	   "ModifyAutoScalingGroup", "--AutoScalingGroupId", "asg-1",
	   "--MaxSize", "3");
	OK("{\"S\":\"a\\\"b\\\\c\",\"I\":-2,\"U\":18446744073709551615,"
	   "\"B\":false,\"F\":-1.5e+3,\"D\":\"2024-02-29T23:59:59Z\"}",
	   "TestAction", "--S", "a\"b\\c", "--I", "-2", "--U",
	   "18446744073709551615", "--B", "false", "--F", "-1.5e+3", "--D",
	   "2024-02-29T23:59:59Z");
	OK("{\"I\":-9223372036854775808,\"U\":7,\"B\":true,\"F\":0}",
	   "TestAction", "--I", "-9223372036854775808", "--U", "007", "--B",
	   "true", "--F", "0");
	OK("{\"I\":9223372036854775807,\"S\":\"\",\"D\":"
	   "\"2018-08-28T23:00:00+08:00\"}",
	   "TestAction", "--I", "9223372036854775807", "--S", "", "--D",
	   "2018-08-28T23:00:00+08:00");
	OK("{\"S\":\"-1\"}", "TestAction", "--S", "-1");
	BAD("--S: value is not valid UTF-8", "TestAction", "--S", "a\xff");
	OK("{}", "DescribeAccountLimits");
	OK("{}", "DescribeAutoScalingGroups");
}

static void test_lists(void **state)
{
	(void)state;
	/* members follow the order of the arguments */
	OK("{\"InstanceIds\":[\"ins-1\",\"ins-2\"],"
	   "\"AutoScalingGroupId\":\"asg-1\"}",
	   "AttachInstances", "--InstanceIds", "ins-1", "ins-2",
	   "--AutoScalingGroupId", "asg-1");
	OK("{\"LU\":[1,2,3],\"LF\":[1.5,-2],\"LS\":[\"x\"]}", "TestAction",
	   "--LU", "1", "2", "3", "--LF", "1.5", "-2", "--LS", "x");
	OK("{\"LS\":[\"a\", \"b\"],\"LU\":[]}", "TestAction", "--LS",
	   " [\"a\", \"b\"] ", "--LU", "[]");
	OK("{\"LO\":[{\"Name\":\"auto-scaling-group-id\",\"Values\":"
	   "[\"asg-1\"]}]}",
	   "TestAction", "--LO",
	   "[{\"Name\":\"auto-scaling-group-id\",\"Values\":[\"asg-1\"]}]");
}

static void test_objects(void **state)
{
	(void)state;
	OK("{\"AutoScalingGroupId\":\"asg-1\",\"RefreshSettings\":"
	   "{\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	   "StartInstanceRefresh", "--AutoScalingGroupId", "asg-1",
	   "--RefreshSettings",
	   "{\"RollingUpdateSettings\":{\"BatchNumber\":1}}");
	OK("{\"O\":{ \"RollingUpdateSettings\" : {\"BatchNumber\":2} }}",
	   "TestAction", "--O",
	   "\n{ \"RollingUpdateSettings\" : {\"BatchNumber\":2} }\t");
}

/* tccli's unfolded form: --A.B value, --A.0.B value, --A.0 value. */
static void test_dotted(void **state)
{
	(void)state;
	OK("{\"AutoScalingGroupId\":\"asg-1\",\"RefreshSettings\":"
	   "{\"RollingUpdateSettings\":{\"BatchNumber\":2,\"BatchPause\":"
	   "\"AUTOMATIC\"},\"CheckInstanceTargetHealth\":true}}",
	   "StartInstanceRefresh", "--AutoScalingGroupId", "asg-1",
	   "--RefreshSettings.RollingUpdateSettings.BatchNumber", "2",
	   "--RefreshSettings.RollingUpdateSettings.BatchPause", "AUTOMATIC",
	   "--RefreshSettings.CheckInstanceTargetHealth", "true");
	/* lists of objects by index; members in the order first given */
	OK("{\"Filters\":[{\"Name\":\"a\",\"Values\":[\"1\",\"2\"]},"
	   "{\"Values\":[\"3\"],\"Name\":\"b\"}],\"Limit\":5}",
	   "DescribeAutoScalingGroups", "--Filters.0.Name", "a",
	   "--Filters.1.Values", "3", "--Filters.0.Values", "1", "2",
	   "--Filters.1.Name", "b", "--Limit", "5");
	OK("{\"AutoScalingGroupIds\":[\"x\",\"y\"]}",
	   "DescribeAutoScalingGroups", "--AutoScalingGroupIds.1", "y",
	   "--AutoScalingGroupIds.0", "x");
	OK("{\"Filters\":[{\"Name\":\"a\",\"Values\":[\"1\"]}]}",
	   "DescribeAutoScalingGroups", "--Filters.0",
	   "{\"Name\":\"a\",\"Values\":[\"1\"]}");
	OK("{\"O\":{\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	   "TestAction", "--O.RollingUpdateSettings", "{\"BatchNumber\":1}");
	BAD("parameter --RefreshSettings given both whole and by member "
	    "(--RefreshSettings.*)",
	    "StartInstanceRefresh", "--RefreshSettings", "{}",
	    "--RefreshSettings.CheckInstanceTargetHealth", "true");
	BAD("--O.RollingUpdateSettings given both whole and by member "
	    "(--O.RollingUpdateSettings.*)",
	    "TestAction", "--O.RollingUpdateSettings", "{}",
	    "--O.RollingUpdateSettings.BatchNumber", "1");
	BAD("parameter --Filters.0.Name given more than once",
	    "DescribeAutoScalingGroups", "--Filters.0.Name", "a",
	    "--Filters.0.Name", "b");
	BAD("--Filters: the indexes of a list start at 0 without gaps (no "
	    "Filters.0)",
	    "DescribeAutoScalingGroups", "--Filters.1.Name", "a");
	BAD("--Filters.x: expected an index (0, 1, ...) after Filters",
	    "DescribeAutoScalingGroups", "--Filters.x", "a");
	BAD("--Filters.01: expected an index (0, 1, ...) after Filters",
	    "DescribeAutoScalingGroups", "--Filters.01.Name", "a");
	BAD("unknown member --Filters.0.Nmae; did you mean --Filters.0.Name?",
	    "DescribeAutoScalingGroups", "--Filters.0.Nmae", "a");
	BAD("unknown member --RefreshSettings.Qwertyuiop",
	    "StartInstanceRefresh", "--RefreshSettings.Qwertyuiop", "1");
	BAD("unknown parameter --Filtres for DescribeAutoScalingGroups; did "
	    "you mean --Filters?",
	    "DescribeAutoScalingGroups", "--Filtres.0.Name", "a");
	BAD("--Limit.x: Limit is not an object or a list",
	    "DescribeAutoScalingGroups", "--Limit.x", "1");
	BAD("--Filters.0.Name.x: Filters.0.Name is a string, not an object",
	    "DescribeAutoScalingGroups", "--Filters.0.Name.x", "1");
	BAD("--RefreshSettings.RollingUpdateSettings.BatchNumber expects a "
	    "non-negative integer, got 'x'",
	    "StartInstanceRefresh", "--AutoScalingGroupId", "a",
	    "--RefreshSettings.RollingUpdateSettings.BatchNumber", "x");
	BAD("--Filters.0.Values expects at least one value",
	    "DescribeAutoScalingGroups", "--Filters.0.Values");
	BAD("missing required member --RefreshSettings.RollingUpdateSettings."
	    "BatchNumber",
	    "StartInstanceRefresh", "--AutoScalingGroupId", "a",
	    "--RefreshSettings.RollingUpdateSettings.BatchPause", "AUTOMATIC");
}

/* ---- usage errors -------------------------------------------------------- */

static void test_name_errors(void **state)
{
	(void)state;
	BAD("unexpected argument 'asg-1'; parameters are given as --Name value",
	    "ModifyAutoScalingGroup", "asg-1");
	BAD("unknown parameter --MaxSise for ModifyAutoScalingGroup; did you "
	    "mean --MaxSize?",
	    "ModifyAutoScalingGroup", "--AutoScalingGroupId", "a", "--MaxSise",
	    "3");
	BAD("unknown parameter --maxsize for ModifyAutoScalingGroup; did you "
	    "mean --MaxSize?",
	    "ModifyAutoScalingGroup", "--maxsize", "3");
	BAD("unknown parameter --Qwertyuiop for ModifyAutoScalingGroup",
	    "ModifyAutoScalingGroup", "--Qwertyuiop", "3");
	BAD("unknown parameter -- for ModifyAutoScalingGroup",
	    "ModifyAutoScalingGroup", "--");
	BAD("parameter --MaxSize given more than once",
	    "ModifyAutoScalingGroup", "--MaxSize", "3", "--MaxSize", "4");
	BAD("missing required parameter --AutoScalingGroupId",
	    "ModifyAutoScalingGroup", "--MaxSize", "3");
	BAD("missing required parameter --InstanceIds", "AttachInstances",
	    "--AutoScalingGroupId", "asg-1");
	/* echoed argument bytes never break the line or drive a terminal */
	BAD("unexpected argument 'a?b?[31m'; parameters are given as --Name "
	    "value",
	    "ModifyAutoScalingGroup", "a\nb\x1b[31m");
}

static void test_value_errors(void **state)
{
	(void)state;
	BAD("--MaxSize expects a value", "ModifyAutoScalingGroup", "--MaxSize",
	    "--AutoScalingGroupId", "a");
	BAD("--InstanceIds expects at least one value", "AttachInstances",
	    "--InstanceIds");
	BAD("--RefreshSettings expects a value", "StartInstanceRefresh",
	    "--RefreshSettings");
	BAD("--MaxSize expects one value, got 2", "ModifyAutoScalingGroup",
	    "--MaxSize", "3", "4");
	BAD("--MaxSize expects a non-negative integer, got '3x'",
	    "ModifyAutoScalingGroup", "--MaxSize", "3x");
	BAD("--MaxSize expects a non-negative integer, got '-1'",
	    "ModifyAutoScalingGroup", "--MaxSize", "-1");
	BAD("--MaxSize expects a non-negative integer, got ''",
	    "ModifyAutoScalingGroup", "--MaxSize", "");
	BAD("--MaxSize expects a non-negative integer, got '1.0'",
	    "ModifyAutoScalingGroup", "--MaxSize", "1.0");
	BAD("--MaxSize: '18446744073709551616' is out of range for uint64",
	    "ModifyAutoScalingGroup", "--MaxSize", "18446744073709551616");
	BAD("--I: '9223372036854775808' is out of range for int64",
	    "TestAction", "--I", "9223372036854775808");
	BAD("--I: '-9223372036854775809' is out of range for int64",
	    "TestAction", "--I", "-9223372036854775809");
	BAD("--I expects an integer, got '-'", "TestAction", "--I", "-");
	BAD("--B expects true or false, got 'True'", "TestAction", "--B",
	    "True");
	BAD("--F expects a number, got '01'", "TestAction", "--F", "01");
	BAD("--F expects a number, got '1.'", "TestAction", "--F", "1.");
	BAD("--F expects a number, got '.5'", "TestAction", "--F", ".5");
	BAD("--F expects a number, got '1e'", "TestAction", "--F", "1e");
	BAD("--F expects a number, got 'NaN'", "TestAction", "--F", "NaN");
	BAD("--LU expects a non-negative integer, got 'x'", "TestAction",
	    "--LU", "1", "x");
	BAD("--D: not a date-time YYYY-MM-DDThh:mm:ssZ or ...+08:00",
	    "TestAction", "--D", "2023-02-29T00:00:00Z");
}

static void test_json_errors(void **state)
{
	(void)state;
	BAD("--RefreshSettings expects JSON text: JSON document is malformed",
	    "StartInstanceRefresh", "--RefreshSettings", "{\"a\" 1}");
	BAD("--RefreshSettings expects JSON text: JSON document is truncated",
	    "StartInstanceRefresh", "--RefreshSettings", "{\"a\":");
	BAD("--RefreshSettings expects a JSON object", "StartInstanceRefresh",
	    "--RefreshSettings", "[1]");
	BAD("--Filters expects a JSON array", "DescribeAutoScalingGroups",
	    "--Filters", "{\"Name\":\"a\",\"Values\":[]}");
	BAD("--RefreshSettings expects one JSON text, got 2 values",
	    "StartInstanceRefresh", "--RefreshSettings", "{}", "{}");
	BAD("--InstanceIds expects JSON text: JSON document is malformed",
	    "AttachInstances", "--InstanceIds", "[abc]");
	BAD("--InstanceIds[1] expects a string", "AttachInstances",
	    "--AutoScalingGroupId", "a", "--InstanceIds", "[\"i-1\",2]");
	BAD("missing required member --RefreshSettings.RollingUpdateSettings."
	    "BatchNumber",
	    "StartInstanceRefresh", "--AutoScalingGroupId", "a",
	    "--RefreshSettings", "{\"RollingUpdateSettings\":{}}");
	BAD("unknown member --RefreshSettings.RollingUpdateSettings.BatchNumbr;"
	    " did you mean "
	    "--RefreshSettings.RollingUpdateSettings.BatchNumber?",
	    "StartInstanceRefresh", "--AutoScalingGroupId", "a",
	    "--RefreshSettings",
	    "{\"RollingUpdateSettings\":{\"BatchNumbr\":1}}");
	BAD("unknown member --RefreshSettings.Qwertyuiop",
	    "StartInstanceRefresh", "--AutoScalingGroupId", "a",
	    "--RefreshSettings", "{\"Qwertyuiop\":1}");
	BAD("--RefreshSettings.RollingUpdateSettings.BatchNumber expects a "
	    "non-negative integer",
	    "StartInstanceRefresh", "--AutoScalingGroupId", "a",
	    "--RefreshSettings",
	    "{\"RollingUpdateSettings\":{\"BatchNumber\":\"1\"}}");
	BAD("--RefreshSettings.RollingUpdateSettings: duplicate member",
	    "StartInstanceRefresh", "--AutoScalingGroupId", "a",
	    "--RefreshSettings",
	    "{\"RollingUpdateSettings\":{\"BatchNumber\""
	    ":1},\"RollingUpdateSettings\":{\"BatchNumber\":1}}");
	BAD("--LO[0].Values expects an array of strings", "TestAction", "--LO",
	    "[{\"Name\":\"a\",\"Values\":\"b\"}]");
}

/* ---- --cli-input-json ---------------------------------------------------- */

static char tmp_path[64];

/* n == 0: strlen(text) */
static const char *temp_file(const char *text, size_t n)
{
	int fd;

	if (n == 0)
		n = strlen(text);
	strcpy(tmp_path, "/tmp/tcas-cli-XXXXXX");
	fd = mkstemp(tmp_path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return tmp_path;
}

static void test_input_file(void **state)
{
	const char *p;
	char want[256];

	(void)state;
	p = temp_file("{\"AutoScalingGroupId\":\"asg-\\\"1\",\"MaxSize\":3,"
	              "\"Zones\":[\"z1\"]}\n",
	              0);
	OK("{\"AutoScalingGroupId\":\"asg-\\\"1\",\"Zones\":[\"z1\"],"
	   "\"MaxSize\":5}",
	   "ModifyAutoScalingGroup", "--cli-input-json", p, "--MaxSize", "5");
	OK("{\"AutoScalingGroupId\":\"asg-\\\"1\",\"MaxSize\":3,"
	   "\"Zones\":[\"z1\"]}",
	   "ModifyAutoScalingGroup", "--cli-input-json", p);
	/* tccli's spelling, and ~/ for $HOME */
	snprintf(want, sizeof want, "file://%s", p);
	OK("{\"AutoScalingGroupId\":\"asg-\\\"1\",\"MaxSize\":3,"
	   "\"Zones\":[\"z1\"]}",
	   "ModifyAutoScalingGroup", "--cli-input-json", want);
	BAD("parameter --cli-input-json given more than once",
	    "ModifyAutoScalingGroup", "--cli-input-json", p, "--cli-input-json",
	    p);
	unlink(p);

	p = temp_file("{\"AutoScalingGroupId\":\"a\",\"MaxSise\":3}", 0);
	BAD("unknown parameter MaxSise in --cli-input-json for "
	    "ModifyAutoScalingGroup; did you mean MaxSize?",
	    "ModifyAutoScalingGroup", "--cli-input-json", p);
	unlink(p);

	/* a repeated member: the last counts, as Python's json (tccli) */
	p = temp_file("{\"AutoScalingGroupId\":\"a\",\"MaxSize\":3,"
	              "\"AutoScalingGroupId\":\"b\"}",
	              0);
	OK("{\"MaxSize\":3,\"AutoScalingGroupId\":\"b\"}",
	   "ModifyAutoScalingGroup", "--cli-input-json", p);
	unlink(p);

	p = temp_file("{\"MaxSize\":3}", 0);
	BAD("missing required parameter --AutoScalingGroupId",
	    "ModifyAutoScalingGroup", "--cli-input-json", p);
	unlink(p);

	/* member errors are found before missing ones */
	p = temp_file("{\"MaxSize\":\"3\"}", 0);
	BAD("--MaxSize expects a non-negative integer",
	    "ModifyAutoScalingGroup", "--cli-input-json", p);
	BAD("--MaxSize expects a non-negative integer",
	    "ModifyAutoScalingGroup", "--cli-input-json", p,
	    "--AutoScalingGroupId", "a");
	unlink(p);

	p = temp_file("[1]", 0);
	snprintf(want, sizeof want,
	         "--cli-input-json '%s' must hold a JSON "
	         "object",
	         p);
	BAD(want, "ModifyAutoScalingGroup", "--cli-input-json", p);
	unlink(p);

	p = temp_file("{\"a\":1,}", 0);
	snprintf(want, sizeof want,
	         "--cli-input-json '%s': JSON document is "
	         "malformed",
	         p);
	BAD(want, "ModifyAutoScalingGroup", "--cli-input-json", p);
	unlink(p);

	BAD("cannot read --cli-input-json file '/nonexistent/tcas.json': No "
	    "such file or directory",
	    "ModifyAutoScalingGroup", "--cli-input-json",
	    "/nonexistent/tcas.json");
	/* opens, but read(2) fails (a directory: EISDIR) */
	BAD("cannot read --cli-input-json file '/'", "ModifyAutoScalingGroup",
	    "--cli-input-json", "/");
	BAD("--cli-input-json expects one file name or -",
	    "ModifyAutoScalingGroup", "--cli-input-json");
	BAD("--cli-input-json expects one file name or -",
	    "ModifyAutoScalingGroup", "--cli-input-json", "a", "b");
}

static void test_input_stdin(void **state)
{
	const char *p;

	(void)state;
	p = temp_file("{\"AutoScalingGroupId\":\"asg-9\"}", 0);
	assert_non_null(freopen(p, "rb", stdin));
	OK("{\"AutoScalingGroupId\":\"asg-9\",\"MaxSize\":1}",
	   "ModifyAutoScalingGroup", "--cli-input-json", "-", "--MaxSize", "1");
	unlink(p);
}

static void test_input_limit(void **state)
{
	static char big[TCAS_REQ_BODY_MAX + 1];
	const char *head = "{\"AutoScalingGroupId\":\"asg-1\"}";
	const char *p;
	char want[256];

	(void)state;
	/* exactly TCAS_REQ_BODY_MAX bytes (padded with spaces) is fine */
	memset(big, ' ', sizeof big);
	memcpy(big, head, strlen(head));
	p = temp_file(big, TCAS_REQ_BODY_MAX);
	OK("{\"AutoScalingGroupId\":\"asg-1\"}", "DeleteAutoScalingGroup",
	   "--cli-input-json", p);
	unlink(p);
	/* one byte more is not */
	p = temp_file(big, TCAS_REQ_BODY_MAX + 1);
	snprintf(want, sizeof want,
	         "--cli-input-json input '%s' is larger "
	         "than TCAS_REQ_BODY_MAX (%u bytes); build tcas with a larger "
	         "one: make TCAS_CONFIG_DEFS=-DTCAS_REQ_BODY_MAX=%u",
	         p, (unsigned)TCAS_REQ_BODY_MAX,
	         (unsigned)TCAS_REQ_BODY_MAX * 2);
	assert_int_equal(build("DeleteAutoScalingGroup", "--cli-input-json", p,
	                       (char *)NULL),
	                 TCAS_E_REQ_TOO_LARGE);
	assert_string_equal(msg, want);
	unlink(p);
}

/* ---- overflow and arguments ---------------------------------------------- */

static int build_cap(size_t cap, ...)
{
	va_list ap;
	int rc;

	va_start(ap, cap);
	rc = vbuild(tcas_as_action_find("DeleteAutoScalingGroup"), cap, ap);
	va_end(ap);
	return rc;
}

static void test_overflow(void **state)
{
	const char *want = "{\"AutoScalingGroupId\":\"asg-1\"}";
	size_t n = strlen(want);

	(void)state;
	/* the writer needs one byte more than the body for its NUL */
	assert_int_equal(
	    build_cap(n, "--AutoScalingGroupId", "asg-1", (char *)NULL),
	    TCAS_E_REQ_TOO_LARGE);
	assert_non_null(strstr(msg, "parameters do not fit the request body "
	                            "buffer (30 bytes, TCAS_REQ_BODY_MAX); "
	                            "build tcas with a larger one: make "
	                            "TCAS_CONFIG_DEFS=-DTCAS_REQ_BODY_MAX="));
	assert_int_equal(
	    build_cap(5, "--AutoScalingGroupId", "asg-1", (char *)NULL),
	    TCAS_E_REQ_TOO_LARGE);
	assert_int_equal(
	    build_cap(n + 1, "--AutoScalingGroupId", "asg-1", (char *)NULL),
	    TCAS_OK);
	assert_int_equal(blen, n);
	assert_memory_equal(body, want, n);
}

static void test_bad_args(void **state)
{
	char *argv[1] = {NULL};
	size_t len;

	(void)state;
	assert_int_equal(tcas_cli_build_params(NULL, 0, argv, body, 10, &len,
	                                       msg, sizeof msg),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_cli_build_params(&test_action, 0, argv, NULL, 10,
	                                       &len, msg, sizeof msg),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_cli_build_params(&test_action, 0, argv, body, 10,
	                                       NULL, msg, sizeof msg),
	                 TCAS_E_ARG);
	/* msg may be NULL: the code still tells what went wrong */
	argv[0] = (char *)"x";
	assert_int_equal(tcas_cli_build_params(&test_action, 1, argv, body,
	                                       sizeof body, &len, NULL, 0),
	                 TCAS_E_PARAM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scalars),
	    cmocka_unit_test(test_lists),
	    cmocka_unit_test(test_objects),
	    cmocka_unit_test(test_dotted),
	    cmocka_unit_test(test_name_errors),
	    cmocka_unit_test(test_value_errors),
	    cmocka_unit_test(test_json_errors),
	    cmocka_unit_test(test_input_file),
	    cmocka_unit_test(test_input_stdin),
	    cmocka_unit_test(test_input_limit),
	    cmocka_unit_test(test_overflow),
	    cmocka_unit_test(test_bad_args),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
