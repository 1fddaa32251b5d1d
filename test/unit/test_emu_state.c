/*
 * test_emu_state.c - the Auto Scaling state model of tcas-emu, driven
 * directly through emu_as_handle() with a fake clock. Responses are read
 * back with the emulator's JSON request reader (as_req.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emu/as_internal.h"

#define T0     1764000000.0 /* 2025-11-24T16:00:00Z */
#define REGION "ap-guangzhou"

static emu_as *S;
static char *doc;
static as_req *resp;
static double now = T0;

static emu_as *mk(double batch_seconds, const char *fail)
{
	emu_as_opts o;

	memset(&o, 0, sizeof(o));
	o.batch_seconds = batch_seconds;
	o.fail_instances = fail;
	o.seed = 7;
	return emu_as_new(&o);
}

static void reset(double batch_seconds, const char *fail)
{
	emu_as_free(S);
	S = mk(batch_seconds, fail);
	assert_non_null(S);
	now = T0;
}

static int teardown(void **st)
{
	(void)st;
	emu_as_free(S);
	S = NULL;
	free(doc);
	doc = NULL;
	rq_free(resp);
	resp = NULL;
	return 0;
}

/* Calls action in region at the current fake time; keeps the response. */
static void call_in(const char *region, const char *action, const char *body)
{
	size_t n = 0;
	int rc;

	free(doc);
	doc = NULL;
	rq_free(resp);
	rc = emu_as_handle(S, action, region, body, strlen(body),
	                   "11111111-2222-4333-8444-555555555555", now, &doc,
	                   &n);
	assert_int_equal(rc, 0);
	assert_non_null(doc);
	assert_int_equal(strlen(doc), n);
	resp = rq_parse(doc, n);
	if (resp == NULL)
		fail_msg("response is not a JSON object: %s", doc);
	assert_non_null(resp);
}

static void call(const char *action, const char *body)
{
	call_in(REGION, action, body);
}

static const char *str(const char *path)
{
	static char buf[4][256];
	static int k;
	char *b = buf[k++ & 3];
	int t = rq_find(resp, 0, path);

	if (t < 0)
		return NULL;
	if (rq_type(resp, t) == RQ_NULL)
		return "null";
	if (rq_str(resp, t, b, 256) != 0)
		fail_msg("%s is not a string in %s", path, doc);
	return b;
}

static long long num(const char *path)
{
	long long v = -12345;
	int t = rq_find(resp, 0, path);

	if (rq_i64(resp, t, &v) != 0)
		fail_msg("%s is not a number in %s", path, doc);
	return v;
}

static int count(const char *path)
{
	return rq_count(resp, rq_find(resp, 0, path));
}

static void ok(const char *action, const char *body)
{
	call(action, body);
	if (str("Response.Error.Code") != NULL)
		fail_msg("%s failed: %s", action, doc);
	assert_string_equal(str("Response.RequestId"),
	                    "11111111-2222-4333-8444-555555555555");
}

static void err(const char *action, const char *body, const char *code)
{
	call(action, body);
	if (str("Response.Error.Code") == NULL)
		fail_msg("%s should fail with %s: %s", action, code, doc);
	if (strcmp(str("Response.Error.Code"), code) != 0)
		fail_msg("%s: want %s, got %s", action, code, doc);
	assert_string_equal(str("Response.RequestId"),
	                    "11111111-2222-4333-8444-555555555555");
}

/* err() and the message mentions `field`. */
static void err_field(const char *action, const char *body, const char *code,
                      const char *field)
{
	err(action, body, code);
	if (strstr(str("Response.Error.Message"), field) == NULL)
		fail_msg("message does not name %s: %s", field, doc);
}

/* DescribeRefreshActivities of one ID; the activity is at A. */
#define A "Response.RefreshActivitySet[0]"
static void describe(const char *id)
{
	char body[128];

	snprintf(body, sizeof(body), "{\"RefreshActivityIds\":[\"%s\"]}", id);
	ok("DescribeRefreshActivities", body);
	assert_int_equal(num("Response.TotalCount"), 1);
}

/* Status of batch number n (1-based) of the described activity. */
static const char *batch(int n, const char *member)
{
	static char path[128];
	int nb = count(A ".RefreshBatchSet");

	snprintf(path, sizeof(path), A ".RefreshBatchSet[%d].%s", nb - n,
	         member);
	return path;
}

static const char *binst(int n, int i, const char *member)
{
	static char path[160];
	int nb = count(A ".RefreshBatchSet");

	snprintf(path, sizeof(path),
	         A ".RefreshBatchSet[%d].RefreshBatchRelatedInstanceSet[%d].%s",
	         nb - n, i, member);
	return path;
}

static char started[AS_ID_MAX];

/* StartInstanceRefresh on the free seeded group asg-5gdeva7a. */
static void start(const char *rolling)
{
	char body[512];

	snprintf(body, sizeof(body),
	         "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":"
	         "{\"RollingUpdateSettings\":{%s}}}",
	         rolling);
	ok("StartInstanceRefresh", body);
	snprintf(started, sizeof(started), "%s",
	         str("Response.RefreshActivityId"));
	assert_true(as_id_ok(started, "asr-"));
}

static void tick(double dt)
{
	now += dt;
	describe(started);
}

/* ---- seed ---------------------------------------------------------------- */

static void test_seed(void **st)
{
	(void)st;
	reset(2.0, NULL);
	ok("DescribeAutoScalingGroups", "{}");
	assert_int_equal(num("Response.TotalCount"), 2);
	ok("DescribeAutoScalingGroups",
	   "{\"AutoScalingGroupIds\":[\"asg-h7tgd87d\"]}");
	assert_int_equal(num("Response.AutoScalingGroupSet[0].InstanceCount"),
	                 5);
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].EnabledStatus"), "DISABLED");
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].AutoScalingGroupStatus"),
	    "NORMAL");
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].LaunchConfigurationId"),
	    "asc-mo1woym9");
	ok("DescribeAutoScalingGroups",
	   "{\"Filters\":[{\"Name\":\"auto-scaling-group-id\",\"Values\":["
	   "\"asg-5gdeva7a\"]}]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_int_equal(num("Response.AutoScalingGroupSet[0].InstanceCount"),
	                 4);
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].EnabledStatus"), "ENABLED");

	describe("asr-juhf6ytr");
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
	assert_string_equal(str(A ".AutoScalingGroupId"), "asg-h7tgd87d");
	assert_int_equal(count(A ".RefreshBatchSet"), 3);
	/* highest batch first; 5 in 3 = 2 + 2 + 1 */
	assert_int_equal(num(A ".RefreshBatchSet[0].RefreshBatchNum"), 3);
	assert_int_equal(
	    count(A ".RefreshBatchSet[0].RefreshBatchRelatedInstanceSet"), 1);
	assert_int_equal(
	    count(A ".RefreshBatchSet[1].RefreshBatchRelatedInstanceSet"), 2);
	assert_int_equal(
	    count(A ".RefreshBatchSet[2].RefreshBatchRelatedInstanceSet"), 2);
	assert_string_equal(str(batch(1, "RefreshBatchStatus")),
	                    "PARTIALLY_SUCCESSFUL");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "FAILED");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "WAITING");
	assert_string_equal(str(batch(2, "StartTime")), "null");
	assert_string_equal(str(A ".EndTime"), "null");

	/* other regions are separate namespaces with the same seed */
	call_in("ap-shanghai", "CreateLaunchConfiguration",
	        "{\"LaunchConfigurationName\":\"only-sh\"}");
	ok("DescribeLaunchConfigurations", "{}");
	assert_int_equal(num("Response.TotalCount"), 1);
	call_in("ap-shanghai", "DescribeLaunchConfigurations", "{}");
	assert_int_equal(num("Response.TotalCount"), 2);
}

/* The demo's first call, then the activity runs to SUCCESSFUL. */
static void test_demo_resume(void **st)
{
	(void)st;
	reset(2.0, NULL);
	ok("ResumeInstanceRefresh",
	   "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	   "\"RefreshActivityId\":\"asr-juhf6ytr\",\"ResumeMode\":\"RETRY\"}");
	snprintf(started, sizeof(started), "asr-juhf6ytr");
	tick(0);
	assert_string_equal(str(A ".Status"), "RUNNING");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "RUNNING");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "RUNNING");
	assert_string_equal(str(binst(1, 0, "InstanceStatus")), "SUCCESSFUL");
	tick(2.0);
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "RUNNING");
	assert_int_equal(num(A ".CurrentRefreshBatchNum"), 2);
	tick(10.0);
	assert_string_equal(str(A ".Status"), "SUCCESSFUL");
	assert_int_equal(num(A ".CurrentRefreshBatchNum"), 3);
	assert_string_not_equal(str(A ".EndTime"), "null");
	ok("DescribeAutoScalingGroups",
	   "{\"AutoScalingGroupIds\":[\"asg-h7tgd87d\"]}");
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].EnabledStatus"), "ENABLED");
}

/* ---- full walk ----------------------------------------------------------- */

static void test_walk_retry(void **st)
{
	(void)st;
	reset(2.0, "ins-zzzzzzzz,ins-d9x2t4mr");
	start("\"BatchNumber\":2");
	describe(started);
	assert_string_equal(str(A ".Status"), "INIT");
	assert_string_equal(str(A ".ActivityType"), "NORMAL");
	assert_string_equal(str(A ".RefreshMode"), "ROLLING_UPDATE_RESET");
	assert_string_equal(
	    str(A ".RefreshSettings.RollingUpdateSettings.FailProcess"),
	    "AUTO_PAUSE");
	assert_int_equal(
	    num(A ".RefreshSettings.RollingUpdateSettings.BatchNumber"), 2);
	assert_string_equal(str(A ".StartTime"), "null");
	assert_string_equal(str(A ".CreatedTime"), "2025-11-24T16:00:00Z");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "WAITING");
	ok("DescribeAutoScalingGroups",
	   "{\"AutoScalingGroupIds\":[\"asg-5gdeva7a\"]}");
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].EnabledStatus"), "DISABLED");

	tick(0.5);
	assert_string_equal(str(A ".Status"), "RUNNING");
	assert_string_equal(str(A ".StartTime"), "2025-11-24T16:00:00Z");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "RUNNING");
	assert_string_equal(str(binst(1, 0, "InstanceStatus")), "RUNNING");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "WAITING");
	tick(1.0);
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "RUNNING");
	tick(1.0); /* 2.5 s after RUNNING began at 0.5 */
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")),
	                    "PARTIALLY_SUCCESSFUL");
	assert_string_equal(str(binst(1, 0, "InstanceId")), "ins-b3c8v6ne");
	assert_string_equal(str(binst(1, 0, "InstanceStatus")), "SUCCESSFUL");
	assert_string_equal(str(binst(1, 0, "InstanceStatusMessage")),
	                    "success");
	assert_true(as_id_ok(str(binst(1, 0, "LastActivityId")), "asa-"));
	assert_string_equal(str(binst(1, 1, "InstanceId")), "ins-d9x2t4mr");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "FAILED");
	assert_string_equal(str(batch(1, "EndTime")), "2025-11-24T16:00:02Z");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "WAITING");
	tick(100); /* paused: nothing moves */
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
}

static void resume(const char *mode)
{
	char body[256];

	if (mode != NULL)
		snprintf(body, sizeof(body),
		         "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
		         "\"RefreshActivityId\":\"%s\",\"ResumeMode\":\"%s\"}",
		         started, mode);
	else
		snprintf(body, sizeof(body),
		         "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
		         "\"RefreshActivityId\":\"%s\"}",
		         started);
	ok("ResumeInstanceRefresh", body);
}

static void test_walk_retry2(void **st)
{
	(void)st;
	reset(2.0, "ins-d9x2t4mr");
	start("\"BatchNumber\":2");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
	resume(NULL); /* RETRY is the default */
	tick(0);
	assert_string_equal(str(A ".Status"), "RUNNING");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "RUNNING");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "RUNNING");
	assert_string_equal(str(binst(1, 0, "InstanceStatus")), "SUCCESSFUL");
	tick(2.0);
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "RUNNING");
	assert_int_equal(num(A ".CurrentRefreshBatchNum"), 2);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_not_equal(str(A ".EndTime"), "null");
	ok("DescribeAutoScalingGroups",
	   "{\"AutoScalingGroupIds\":[\"asg-5gdeva7a\"]}");
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].EnabledStatus"), "ENABLED");
	/* a finished activity frees the group for a new refresh */
	start("\"BatchNumber\":4");
}

static void test_walk_continue(void **st)
{
	(void)st;
	reset(2.0, "ins-d9x2t4mr");
	start("\"BatchNumber\":2");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
	resume("CONTINUE");
	tick(0);
	assert_string_equal(str(A ".Status"), "RUNNING");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")),
	                    "PARTIALLY_SUCCESSFUL");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "FAILED");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "RUNNING");
	tick(2.0);
	assert_string_equal(str(A ".Status"), "SUCCESSFUL");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "FAILED");
}

/* A batch where every instance fails is FAILED. */
static void test_batch_failed(void **st)
{
	(void)st;
	reset(2.0, "ins-b3c8v6ne,ins-d9x2t4mr");
	start("\"BatchNumber\":2");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "FAILED");
}

static void test_fail_process(void **st)
{
	char body[256];

	(void)st;
	reset(2.0, "ins-d9x2t4mr");
	start("\"BatchNumber\":2,\"FailProcess\":\"AUTO_CANCEL\"");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "CANCELLED");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "CANCELLED");
	assert_string_equal(str(binst(2, 0, "InstanceStatus")), "CANCELLED");
	assert_string_not_equal(str(A ".EndTime"), "null");

	reset(2.0, "ins-d9x2t4mr");
	start("\"BatchNumber\":2,\"FailProcess\":\"AUTO_ROLLBACK\"");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "CANCELLED");
	snprintf(body, sizeof(body),
	         "{\"Filters\":[{\"Name\":\"refresh-activity-type\",\"Values\":"
	         "[\"ROLLBACK\"]},"
	         "{\"Name\":\"auto-scaling-group-id\",\"Values\":[\"asg-"
	         "5gdeva7a\"]}]}");
	ok("DescribeRefreshActivities", body);
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_string_equal(str(A ".ActivityType"), "ROLLBACK");
	assert_string_equal(str(A ".OriginRefreshActivityId"), started);
	assert_int_equal(count(A ".RefreshBatchSet"),
	                 2); /* one instance per batch */
	assert_string_equal(str(A ".Status"), "INIT");
	snprintf(started, sizeof(started), "%s", str(A ".RefreshActivityId"));
	tick(0.5);
	tick(2.0);
	tick(2.0);
	assert_string_equal(str(A ".Status"),
	                    "SUCCESSFUL"); /* rollbacks do not fail */
}

static void test_batch_pause(void **st)
{
	(void)st;
	reset(2.0, NULL);
	start("\"BatchNumber\":2,\"BatchPause\":\"FIRST_BATCH_PAUSE\"");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "AUTO_PAUSE");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "WAITING");
	resume("CONTINUE"); /* ignored: no failed instances */
	tick(2.0);
	assert_string_equal(str(A ".Status"), "SUCCESSFUL");

	reset(2.0, NULL);
	start("\"BatchNumber\":4,\"BatchPause\":\"BATCH_INTERVAL_PAUSE\"");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "AUTO_PAUSE");
	resume(NULL);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "AUTO_PAUSE");
	assert_int_equal(num(A ".CurrentRefreshBatchNum"), 2);
	resume(NULL);
	tick(2.0);
	resume(NULL);
	tick(2.0);
	assert_string_equal(str(A ".Status"),
	                    "SUCCESSFUL"); /* no pause after the last */
}

/* batch_seconds 0: one step per call. */
static void test_step_mode(void **st)
{
	(void)st;
	reset(0, NULL);
	start("\"BatchNumber\":2");
	describe(started); /* step 1: INIT -> RUNNING */
	assert_string_equal(str(A ".Status"), "RUNNING");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "RUNNING");
	describe(started); /* step 2: batch 1 done, batch 2 starts */
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "RUNNING");
	describe(started);
	assert_string_equal(str(A ".Status"), "SUCCESSFUL");
}

/* ---- matrices ------------------------------------------------------------ */

static void op(const char *action, const char *want);

/* Puts a new activity on asg-5gdeva7a (4 instances, 2 batches) into
 * status st; ins-d9x2t4mr fails. */
static const char *const names[A_NSTATUS] = {
    "INIT",       "RUNNING",      "SUCCESSFUL", "FAILED_PAUSE",
    "AUTO_PAUSE", "MANUAL_PAUSE", "CANCELLED",  "FAILED"};

static void make(int st)
{
	reset(2.0, "ins-d9x2t4mr");
	switch (st) {
	case A_INIT:
		start("\"BatchNumber\":2");
		break;
	case A_RUNNING:
		start("\"BatchNumber\":2");
		tick(0.5);
		break;
	case A_FAILED_PAUSE:
		start("\"BatchNumber\":2");
		tick(0.5);
		tick(2);
		break;
	case A_AUTO_PAUSE:
		start("\"BatchNumber\":2,\"BatchPause\":\"FIRST_BATCH_PAUSE\"");
		S->fail[0] = '\0';
		tick(0.5);
		tick(2);
		break;
	case A_MANUAL_PAUSE: /* stopped while batch 1 is still running */
		start("\"BatchNumber\":2");
		tick(0.5);
		op("StopInstanceRefresh", NULL);
		break;
	case A_SUCCESSFUL:
		start("\"BatchNumber\":2");
		S->fail[0] = '\0';
		tick(0.5);
		tick(5);
		break;
	case A_CANCELLED:
		start("\"BatchNumber\":2,\"FailProcess\":\"AUTO_CANCEL\"");
		tick(0.5);
		tick(2);
		break;
	case A_FAILED: /* --refresh-fail-after 1 */
		start("\"BatchNumber\":2");
		S->o.refresh_fail_after = 1;
		tick(0.5);
		tick(2);
		break;
	}
	describe(started);
	assert_string_equal(str(A ".Status"), names[st]);
}

static void op(const char *action, const char *want)
{
	char body[512];

	if (strcmp(action, "RollbackInstanceRefresh") == 0)
		snprintf(
		    body, sizeof(body),
		    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
		    "\"OriginRefreshActivityId\":\"%s\",\"RefreshSettings\":"
		    "{\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
		    started);
	else
		snprintf(body, sizeof(body),
		         "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
		         "\"RefreshActivityId\":\"%s\"}",
		         started);
	if (want == NULL)
		ok(action, body);
	else
		err(action, body, want);
}

#define CONFLICT                                                               \
	"ResourceUnavailable.RefreshActivityStatusConflictWithOperation"

static void test_matrix_stop(void **st)
{
	static const char *const want[A_NSTATUS] = {
	    NULL,     NULL,     CONFLICT, CONFLICT,
	    CONFLICT, CONFLICT, CONFLICT, CONFLICT};
	int s;

	(void)st;
	for (s = 0; s < A_NSTATUS; s++) {
		make(s);
		op("StopInstanceRefresh", want[s]);
		if (s <= A_RUNNING) {
			describe(started);
			assert_string_equal(str(A ".Status"), "MANUAL_PAUSE");
		}
	}
}

static void test_matrix_resume(void **st)
{
	int s;

	(void)st;
	for (s = 0; s < A_NSTATUS; s++) {
		int paused = s == A_FAILED_PAUSE || s == A_AUTO_PAUSE ||
		             s == A_MANUAL_PAUSE;
		make(s);
		op("ResumeInstanceRefresh", paused ? NULL : CONFLICT);
		if (paused) {
			describe(started);
			assert_string_equal(str(A ".Status"), "RUNNING");
		}
	}
}

static void test_matrix_cancel(void **st)
{
	int s;

	(void)st;
	for (s = 0; s < A_NSTATUS; s++) {
		/* MANUAL_PAUSE, batch 1 in flight: conflict until it ends */
		int okk = s == A_FAILED_PAUSE || s == A_AUTO_PAUSE;
		make(s);
		op("CancelInstanceRefresh", okk ? NULL : CONFLICT);
		if (okk) {
			describe(started);
			assert_string_equal(str(A ".Status"), "CANCELLED");
			assert_string_equal(str(batch(2, "RefreshBatchStatus")),
			                    "CANCELLED");
			assert_string_equal(str(binst(2, 0, "InstanceStatus")),
			                    "CANCELLED");
			assert_string_not_equal(
			    str(batch(1, "RefreshBatchStatus")), "CANCELLED");
			ok("DescribeAutoScalingGroups",
			   "{\"AutoScalingGroupIds\":[\"asg-5gdeva7a\"]}");
			assert_string_equal(str("Response.AutoScalingGroupSet["
			                        "0].EnabledStatus"),
			                    "ENABLED");
		}
	}
	/* ok* : after the in-flight batch finishes, the manual pause cancels */
	make(A_MANUAL_PAUSE);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "MANUAL_PAUSE");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")),
	                    "PARTIALLY_SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "WAITING");
	op("CancelInstanceRefresh", NULL);
	/* Stop in INIT, then cancel: nothing in flight */
	make(A_INIT);
	op("StopInstanceRefresh", NULL);
	op("CancelInstanceRefresh", NULL);
	describe(started);
	assert_string_equal(str(A ".Status"), "CANCELLED");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "CANCELLED");
	/* after a cancel: no resume, no rollback */
	op("ResumeInstanceRefresh", CONFLICT);
	op("RollbackInstanceRefresh", CONFLICT);
}

static void test_matrix_rollback(void **st)
{
	int s;

	(void)st;
	for (s = 0; s < A_NSTATUS; s++) {
		int okk = s == A_FAILED_PAUSE || s == A_AUTO_PAUSE ||
		          s == A_MANUAL_PAUSE || s == A_SUCCESSFUL;
		char origin[AS_ID_MAX];
		make(s);
		snprintf(origin, sizeof(origin), "%s", started);
		op("RollbackInstanceRefresh", okk ? NULL : CONFLICT);
		if (!okk)
			continue;
		snprintf(started, sizeof(started), "%s",
		         str("Response.RefreshActivityId"));
		describe(started);
		assert_string_equal(str(A ".ActivityType"), "ROLLBACK");
		assert_string_equal(str(A ".OriginRefreshActivityId"), origin);
		assert_string_equal(str(A ".Status"), "INIT");
		describe(origin);
		assert_string_equal(str(A ".Status"), s == A_SUCCESSFUL
		                                          ? "SUCCESSFUL"
		                                          : "CANCELLED");
		if (s != A_SUCCESSFUL)
			assert_string_equal(str(batch(2, "RefreshBatchStatus")),
			                    "CANCELLED");
		/* a rollback cannot be rolled back */
		snprintf(started, sizeof(started), "%s",
		         str(A ".RefreshActivityId"));
		ok("DescribeRefreshActivities",
		   "{\"Filters\":[{\"Name\":\"refresh-activity-type\","
		   "\"Values\":[\"ROLLBACK\"]}]}");
		snprintf(started, sizeof(started), "%s",
		         str(A ".RefreshActivityId"));
		op("StopInstanceRefresh", NULL);
		op("RollbackInstanceRefresh",
		   "ResourceUnavailable."
		   "RollbackTypeActivityCanNotRollbackAgain");
	}
}

/* refresh_fail_after (--refresh-fail-after N): the activity ends FAILED
 * when its batch N finishes, whatever FailProcess or BatchPause say. */
static void test_refresh_fail_after(void **st)
{
	char first[AS_ID_MAX];

	(void)st;
	reset(2.0, NULL);
	S->o.refresh_fail_after = 2;
	start("\"BatchNumber\":3"); /* 4 instances: 2 + 1 + 1 */
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "RUNNING"); /* batch 1 is fine */
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "RUNNING");
	tick(2.0);
	assert_string_equal(str(A ".Status"), "FAILED");
	assert_int_equal(num(A ".CurrentRefreshBatchNum"), 2);
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_equal(str(batch(3, "RefreshBatchStatus")), "CANCELLED");
	assert_string_equal(str(binst(3, 0, "InstanceStatus")), "CANCELLED");
	assert_string_not_equal(str(A ".EndTime"), "null");
	tick(10.0); /* final: nothing moves any more */
	assert_string_equal(str(A ".Status"), "FAILED");
	assert_string_equal(str(batch(3, "RefreshBatchStatus")), "CANCELLED");
	/* Final: no operation applies; the group is free for a new one,
	 * which with a single batch never reaches batch 2. */
	op("ResumeInstanceRefresh", CONFLICT);
	op("StopInstanceRefresh", CONFLICT);
	snprintf(first, sizeof(first), "%s", started);
	start("\"BatchNumber\":1");
	assert_string_not_equal(started, first);
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "SUCCESSFUL");

	/* The rule wins over FailProcess (AUTO_PAUSE would pause). */
	reset(2.0, "ins-d9x2t4mr");
	S->o.refresh_fail_after = 1;
	start("\"BatchNumber\":2");
	tick(0.5);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "FAILED");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")),
	                    "PARTIALLY_SUCCESSFUL");

	/* ... and over a manual pause: the batch in flight still finishes. */
	reset(2.0, NULL);
	S->o.refresh_fail_after = 1;
	start("\"BatchNumber\":2");
	tick(0.5);
	op("StopInstanceRefresh", NULL);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "FAILED");

	/* Off (0), the same walk succeeds. */
	reset(2.0, NULL);
	start("\"BatchNumber\":3");
	tick(0.5);
	tick(2.0);
	tick(2.0);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "SUCCESSFUL");
}

/* A batch in flight finishes during MANUAL_PAUSE; Resume then applies
 * ResumeMode to its failed instances. Stop in INIT holds batch 1. */
static void test_manual_pause(void **st)
{
	(void)st;
	make(A_MANUAL_PAUSE);
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "RUNNING");
	tick(2.0);
	assert_string_equal(str(A ".Status"), "MANUAL_PAUSE");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "FAILED");
	tick(60.0);
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "WAITING");
	resume("RETRY");
	tick(0);
	assert_string_equal(str(A ".Status"), "RUNNING");
	assert_string_equal(str(binst(1, 1, "InstanceStatus")), "RUNNING");
	tick(2.0);
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "SUCCESSFUL");
	assert_string_equal(str(batch(2, "RefreshBatchStatus")), "RUNNING");

	make(A_MANUAL_PAUSE); /* resumed while the batch is still running */
	resume(NULL);
	tick(2.0);
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");

	make(A_INIT);
	op("StopInstanceRefresh", NULL);
	tick(10.0);
	assert_string_equal(str(A ".Status"), "MANUAL_PAUSE");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "WAITING");
	assert_string_equal(str(A ".StartTime"), "null");
	resume(NULL);
	tick(0);
	assert_string_equal(str(A ".Status"), "RUNNING");
	assert_string_equal(str(batch(1, "RefreshBatchStatus")), "RUNNING");
	assert_string_equal(str(A ".StartTime"), "2025-11-24T16:00:10Z");
}

/* ---- error codes --------------------------------------------------------- */

static void test_start_errors(void **st)
{
	(void)st;
	reset(2.0, NULL);
	err("StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-zzzzzzzz\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	    "ResourceNotFound.AutoScalingGroupIdNotFound");
	err("StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	    "ResourceUnavailable.AutoScalingGroupInRefreshActivity");
	err("StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":5}}}",
	    "InvalidParameterValue.BatchNumberTooLarge");
	err("StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":2,\"MaxSurge\":3}}}",
	    "InvalidParameterValue.MaxSurgeTooLarge");
	ok("StartInstanceRefresh",
	   "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":{"
	   "\"RollingUpdateSettings\":{\"BatchNumber\":2,\"MaxSurge\":2}}}");
	reset(2.0, NULL);
	call("DescribeAutoScalingGroups", "{}"); /* seeds the region */
	as_group_find(S, REGION, "asg-5gdeva7a")->abnormal = 1;
	err("StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	    "ResourceUnavailable.AutoScalingGroupAbnormalStatus");
	as_group_find(S, REGION, "asg-5gdeva7a")->abnormal = 0;
	as_group_find(S, REGION, "asg-5gdeva7a")->in_activity = 1;
	err("StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	    "ResourceUnavailable.AutoScalingGroupInActivity");
	/* an empty group */
	ok("CreateAutoScalingGroup",
	   "{\"AutoScalingGroupName\":\"empty\",\"LaunchConfigurationId\":"
	   "\"asc-mo1woym9\","
	   "\"MaxSize\":3,\"MinSize\":0,\"VpcId\":\"vpc-1\"}");
	{
		char body[256];
		snprintf(body, sizeof(body),
		         "{\"AutoScalingGroupId\":\"%s\",\"RefreshSettings\":{"
		         "\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
		         str("Response.AutoScalingGroupId"));
		err("StartInstanceRefresh", body,
		    "ResourceUnavailable.NoInstanceCanRefresh");
	}
}

static void test_activity_errors(void **st)
{
	(void)st;
	reset(2.0, NULL);
	/* the activity exists but in another group */
	err("StopInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshActivityId\":"
	    "\"asr-juhf6ytr\"}",
	    "ResourceNotFound.RefreshActivityNotFound");
	err("ResumeInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\",\"RefreshActivityId\":"
	    "\"asr-00000000\"}",
	    "ResourceNotFound.RefreshActivityNotFound");
	err("CancelInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\",\"RefreshActivityId\":"
	    "\"asr-00000000\"}",
	    "ResourceNotFound.RefreshActivityNotFound");
	err("RollbackInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	    "\"OriginRefreshActivityId\":\"asr-00000000\","
	    "\"RefreshSettings\":{\"RollingUpdateSettings\":{\"BatchNumber\":1}"
	    "}}",
	    "ResourceNotFound.RefreshActivityNotFound");
	err("RollbackInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-00000000\","
	    "\"OriginRefreshActivityId\":\"asr-juhf6ytr\","
	    "\"RefreshSettings\":{\"RollingUpdateSettings\":{\"BatchNumber\":1}"
	    "}}",
	    "ResourceNotFound.AutoScalingGroupIdNotFound");
	/* 2 instances of asr-juhf6ytr were processed: 3 batches is too many */
	err("RollbackInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	    "\"OriginRefreshActivityId\":\"asr-juhf6ytr\","
	    "\"RefreshSettings\":{\"RollingUpdateSettings\":{\"BatchNumber\":3}"
	    "}}",
	    "InvalidParameterValue.BatchNumberTooLarge");
	err_field("RollbackInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	          "\"OriginRefreshActivityId\":\"asr-juhf6ytr\","
	          "\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchNumber\":1,\"MaxSurge\":1}}}",
	          "InvalidParameterValue", "MaxSurge");

	/* NoInstanceCanRollback: stopped in INIT, nothing refreshed yet */
	make(A_INIT);
	op("StopInstanceRefresh", NULL);
	op("RollbackInstanceRefresh",
	   "ResourceUnavailable.NoInstanceCanRollback");

	/* RefreshActivityCanNotRollback: SUCCESSFUL but not the latest */
	{
		char first[AS_ID_MAX];
		make(A_SUCCESSFUL);
		snprintf(first, sizeof(first), "%s", started);
		start("\"BatchNumber\":1");
		tick(0.5);
		tick(3);
		assert_string_equal(str(A ".Status"), "SUCCESSFUL");
		snprintf(started, sizeof(started), "%s", first);
		op("RollbackInstanceRefresh",
		   "ResourceUnavailable.RefreshActivityCanNotRollback");
	}

	/* REPLACE activities cannot be rolled back */
	reset(2.0, NULL);
	ok("StartInstanceRefresh",
	   "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshMode\":\"ROLLING_"
	   "UPDATE_REPLACE\","
	   "\"RefreshSettings\":{\"RollingUpdateSettings\":{\"BatchNumber\":2,"
	   "\"BatchPause\":\"FIRST_BATCH_PAUSE\"}}}");
	snprintf(started, sizeof(started), "%s",
	         str("Response.RefreshActivityId"));
	tick(0.5);
	tick(2);
	assert_string_equal(str(A ".Status"), "AUTO_PAUSE");
	assert_string_equal(str(A ".RefreshMode"), "ROLLING_UPDATE_REPLACE");
	op("RollbackInstanceRefresh", "UnsupportedOperation");
}

static void test_param_errors(void **st)
{
	(void)st;
	reset(2.0, NULL);
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\"}",
	          "MissingParameter", "RefreshSettings");
	err_field("StartInstanceRefresh",
	          "{\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchNumber\":1}}}",
	          "MissingParameter", "AutoScalingGroupId");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
	          "\"RefreshSettings\":{\"RollingUpdateSettings\":{}}}",
	          "MissingParameter", "BatchNumber");
	err_field(
	    "StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":\"2\"}}}",
	    "InvalidParameter", "BatchNumber");
	err_field(
	    "StartInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":{"
	    "\"RollingUpdateSettings\":{\"BatchNumber\":0}}}",
	    "InvalidParameterValue", "BatchNumber");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
	          "\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchNumber\":1,\"BatchPause\":\"SOMETIMES\"}}}",
	          "InvalidParameterValue", "BatchPause");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
	          "\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchNumber\":1,\"FailProcess\":\"PANIC\"}}}",
	          "InvalidParameterValue", "FailProcess");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshMode\":"
	          "\"FAST\",\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchNumber\":1}}}",
	          "InvalidParameterValue", "RefreshMode");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
	          "\"RefreshSettings\":{\"CheckInstanceTargetHealthTimeout\":"
	          "59,\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	          "InvalidParameterValue", "CheckInstanceTargetHealthTimeout");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
	          "\"RefreshSettings\":{\"CheckInstanceTargetHealthTimeout\":"
	          "7201,\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	          "InvalidParameterValue", "CheckInstanceTargetHealthTimeout");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
	          "\"RefreshSettings\":{\"CheckInstanceTargetHealth\":1,"
	          "\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	          "InvalidParameter", "CheckInstanceTargetHealth");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7\",\"RefreshSettings\":"
	          "{\"RollingUpdateSettings\":{\"BatchNumber\":1}}}",
	          "InvalidParameterValue", "AutoScalingGroupId");
	err_field(
	    "ResumeInstanceRefresh",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\",\"RefreshActivityId\":"
	    "\"asr-juhf6ytr\",\"ResumeMode\":\"AGAIN\"}",
	    "InvalidParameterValue", "ResumeMode");
	err_field("StopInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	          "\"RefreshActivityId\":\"asr-JUHF6YTR\"}",
	          "InvalidParameterValue", "RefreshActivityId");
	err_field("StopInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-h7tgd87d\"}",
	          "MissingParameter", "RefreshActivityId");
	err_field("DescribeRefreshActivities", "{\"Limit\":0}",
	          "InvalidParameterValue", "Limit");
	err_field("DescribeRefreshActivities", "{\"Limit\":101}",
	          "InvalidParameterValue", "Limit");
	err_field("DescribeRefreshActivities", "{\"Offset\":-1}",
	          "InvalidParameterValue", "Offset");
	err_field("DescribeRefreshActivities", "{\"Limit\":\"5\"}",
	          "InvalidParameter", "Limit");
	/* the seeded activity did not move */
	describe("asr-juhf6ytr");
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
}

/* ---- DescribeRefreshActivities ------------------------------------------- */

static void test_describe_refresh(void **st)
{
	char second[AS_ID_MAX];

	(void)st;
	reset(2.0, NULL);
	err("DescribeRefreshActivities",
	    "{\"RefreshActivityIds\":[\"asr-juhf6ytr\"],\"Filters\":[{\"Name\":"
	    "\"refresh-activity-id\",\"Values\":[\"asr-juhf6ytr\"]}]}",
	    "InvalidParameter.Conflict");
	err("DescribeRefreshActivities",
	    "{\"Filters\":[{\"Name\":\"colour\",\"Values\":[\"red\"]}]}",
	    "InvalidParameterValue.InvalidFilter");
	err("DescribeRefreshActivities",
	    "{\"Filters\":[{\"Name\":\"refresh-activity-status-code\","
	    "\"Values\":[\"DONE\"]}]}",
	    "InvalidParameterValue.Filter");
	err("DescribeRefreshActivities",
	    "{\"Filters\":[{\"Name\":\"auto-scaling-group-id\",\"Values\":["
	    "\"group-1\"]}]}",
	    "InvalidParameterValue.InvalidAutoScalingGroupId");
	err("DescribeRefreshActivities",
	    "{\"Filters\":[{\"Name\":\"refresh-activity-type\",\"Values\":["
	    "\"A\",\"B\",\"C\",\"D\",\"E\",\"F\"]}]}",
	    "LimitExceeded.FilterValuesTooLong");
	err("DescribeRefreshActivities",
	    "{\"Filters\":[{\"Name\":\"refresh-activity-type\",\"Values\":["
	    "\"NORMAL\"]},"
	    "{\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},{"
	    "\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},"
	    "{\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},{"
	    "\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},"
	    "{\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},{"
	    "\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},"
	    "{\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},{"
	    "\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},"
	    "{\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]},{"
	    "\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]}]}",
	    "InvalidParameterValue.LimitExceeded");
	/* unknown IDs: no entries, no error */
	ok("DescribeRefreshActivities",
	   "{\"RefreshActivityIds\":[\"asr-00000000\"]}");
	assert_int_equal(num("Response.TotalCount"), 0);
	assert_int_equal(count("Response.RefreshActivitySet"), 0);

	start("\"BatchNumber\":1");
	snprintf(second, sizeof(second), "%s", started);
	ok("DescribeRefreshActivities", "{}");
	assert_int_equal(num("Response.TotalCount"), 2);
	assert_string_equal(
	    str("Response.RefreshActivitySet[0].RefreshActivityId"),
	    second); /* newest first */
	assert_string_equal(
	    str("Response.RefreshActivitySet[1].RefreshActivityId"),
	    "asr-juhf6ytr");
	ok("DescribeRefreshActivities", "{\"Limit\":1,\"Offset\":1}");
	assert_int_equal(num("Response.TotalCount"), 2);
	assert_int_equal(count("Response.RefreshActivitySet"), 1);
	assert_string_equal(
	    str("Response.RefreshActivitySet[0].RefreshActivityId"),
	    "asr-juhf6ytr");
	ok("DescribeRefreshActivities", "{\"Offset\":5}");
	assert_int_equal(num("Response.TotalCount"), 2);
	assert_int_equal(count("Response.RefreshActivitySet"), 0);
	ok("DescribeRefreshActivities",
	   "{\"Filters\":[{\"Name\":\"refresh-activity-status-code\","
	   "\"Values\":[\"FAILED_PAUSE\",\"SUCCESSFUL\"]}]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_string_equal(
	    str("Response.RefreshActivitySet[0].RefreshActivityId"),
	    "asr-juhf6ytr");
	ok("DescribeRefreshActivities",
	   "{\"Filters\":[{\"Name\":\"auto-scaling-group-id\",\"Values\":["
	   "\"asg-5gdeva7a\"]},"
	   "{\"Name\":\"refresh-activity-type\",\"Values\":[\"NORMAL\"]}]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_string_equal(
	    str("Response.RefreshActivitySet[0].RefreshActivityId"), second);
	ok("DescribeRefreshActivities",
	   "{\"Filters\":[{\"Name\":\"refresh-activity-type\",\"Values\":["
	   "\"ROLLBACK\"]}]}");
	assert_int_equal(num("Response.TotalCount"), 0);
	ok("DescribeRefreshActivities",
	   "{\"Filters\":[{\"Name\":\"refresh-activity-id\",\"Values\":[\"asr-"
	   "juhf6ytr\"]}]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	/* another region sees only its own seed */
	call_in("ap-beijing", "DescribeRefreshActivities", "{}");
	assert_int_equal(num("Response.TotalCount"), 1);
}

/* ---- groups, instances, launch configurations ---------------------------- */

static void test_groups(void **st)
{
	char lc[AS_ID_MAX], g[AS_ID_MAX], body[512];

	(void)st;
	reset(2.0, NULL);
	ok("CreateLaunchConfiguration",
	   "{\"LaunchConfigurationName\":\"web\",\"ImageId\":\"img-abc12345\","
	   "\"InstanceType\":\"S5.SMALL2\"}");
	snprintf(lc, sizeof(lc), "%s", str("Response.LaunchConfigurationId"));
	assert_true(as_id_ok(lc, "asc-"));
	err("CreateLaunchConfiguration",
	    "{\"LaunchConfigurationName\":\"web\"}",
	    "InvalidParameterValue.LaunchConfigurationNameDuplicated");
	err_field("CreateLaunchConfiguration", "{}", "MissingParameter",
	          "LaunchConfigurationName");
	snprintf(body, sizeof(body), "{\"LaunchConfigurationIds\":[\"%s\"]}",
	         lc);
	ok("DescribeLaunchConfigurations", body);
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_string_equal(str("Response.LaunchConfigurationSet[0].ImageId"),
	                    "img-abc12345");
	assert_string_equal(
	    str("Response.LaunchConfigurationSet[0].InstanceType"),
	    "S5.SMALL2");
	ok("DescribeLaunchConfigurations",
	   "{\"Filters\":[{\"Name\":\"vague-launch-configuration-name\","
	   "\"Values\":[\"we\"]}]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	err("DescribeLaunchConfigurations",
	    "{\"LaunchConfigurationIds\":[\"x\"]}",
	    "InvalidParameterValue.InvalidLaunchConfigurationId");

	snprintf(body, sizeof(body),
	         "{\"AutoScalingGroupName\":\"web-asg\","
	         "\"LaunchConfigurationId\":\"%s\","
	         "\"MaxSize\":6,\"MinSize\":1,\"DesiredCapacity\":3,\"VpcId\":"
	         "\"vpc-12345678\"}",
	         lc);
	ok("CreateAutoScalingGroup", body);
	snprintf(g, sizeof(g), "%s", str("Response.AutoScalingGroupId"));
	assert_true(as_id_ok(g, "asg-"));
	err("CreateAutoScalingGroup", body,
	    "InvalidParameterValue.GroupNameDuplicated");
	err("CreateAutoScalingGroup",
	    "{\"AutoScalingGroupName\":\"x\",\"LaunchConfigurationId\":\"asc-"
	    "00000000\","
	    "\"MaxSize\":1,\"MinSize\":0,\"VpcId\":\"vpc-1\"}",
	    "InvalidParameterValue.LaunchConfigurationNotFound");
	err("CreateAutoScalingGroup",
	    "{\"AutoScalingGroupName\":\"x\",\"LaunchConfigurationId\":\"asc-"
	    "mo1woym9\","
	    "\"MaxSize\":1,\"MinSize\":2,\"VpcId\":\"vpc-1\"}",
	    "InvalidParameterValue.Size");
	err_field("CreateAutoScalingGroup",
	          "{\"AutoScalingGroupName\":\"x\",\"LaunchConfigurationId\":"
	          "\"asc-mo1woym9\","
	          "\"MinSize\":0,\"VpcId\":\"vpc-1\"}",
	          "MissingParameter", "MaxSize");

	ok("DescribeAutoScalingGroups",
	   "{\"Filters\":[{\"Name\":\"auto-scaling-group-name\",\"Values\":["
	   "\"web-asg\"]}]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].AutoScalingGroupId"), g);
	assert_int_equal(num("Response.AutoScalingGroupSet[0].InstanceCount"),
	                 3);
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].LaunchConfigurationName"),
	    "web");
	ok("DescribeAutoScalingGroups", "{\"Limit\":1,\"Offset\":2}");
	assert_int_equal(num("Response.TotalCount"), 3);
	assert_int_equal(count("Response.AutoScalingGroupSet"), 1);
	err("DescribeAutoScalingGroups",
	    "{\"AutoScalingGroupIds\":[\"asg-h7tgd87d\"],\"Filters\":[]}",
	    "InvalidParameter.Conflict");

	snprintf(body, sizeof(body),
	         "{\"Filters\":[{\"Name\":\"auto-scaling-group-id\",\"Values\":"
	         "[\"%s\"]}]}",
	         g);
	ok("DescribeAutoScalingInstances", body);
	assert_int_equal(num("Response.TotalCount"), 3);
	assert_string_equal(
	    str("Response.AutoScalingInstanceSet[0].LifeCycleState"),
	    "IN_SERVICE");
	assert_string_equal(
	    str("Response.AutoScalingInstanceSet[0].AutoScalingGroupId"), g);
	ok("DescribeAutoScalingInstances",
	   "{\"InstanceIds\":[\"ins-k5r3d2xw\"]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_string_equal(
	    str("Response.AutoScalingInstanceSet[0].AutoScalingGroupId"),
	    "asg-h7tgd87d");

	snprintf(body, sizeof(body),
	         "{\"AutoScalingGroupId\":\"%s\",\"DesiredCapacity\":5}", g);
	ok("ModifyDesiredCapacity", body);
	snprintf(body, sizeof(body), "{\"AutoScalingGroupIds\":[\"%s\"]}", g);
	ok("DescribeAutoScalingGroups", body);
	assert_int_equal(num("Response.AutoScalingGroupSet[0].InstanceCount"),
	                 5);
	assert_int_equal(num("Response.AutoScalingGroupSet[0].DesiredCapacity"),
	                 5);
	snprintf(body, sizeof(body),
	         "{\"AutoScalingGroupId\":\"%s\",\"DesiredCapacity\":7}", g);
	err("ModifyDesiredCapacity", body, "InvalidParameterValue.Size");
	err("ModifyDesiredCapacity",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\",\"DesiredCapacity\":1}",
	    "ResourceUnavailable.AutoScalingGroupDisabled");
	err("ModifyDesiredCapacity",
	    "{\"AutoScalingGroupId\":\"asg-00000000\",\"DesiredCapacity\":1}",
	    "ResourceNotFound.AutoScalingGroupNotFound");

	snprintf(body, sizeof(body),
	         "{\"AutoScalingGroupId\":\"%s\",\"AutoScalingGroupName\":"
	         "\"renamed\",\"MinSize\":0,\"DesiredCapacity\":0}",
	         g);
	ok("ModifyAutoScalingGroup", body);
	snprintf(body, sizeof(body), "{\"AutoScalingGroupIds\":[\"%s\"]}", g);
	ok("DescribeAutoScalingGroups", body);
	assert_string_equal(
	    str("Response.AutoScalingGroupSet[0].AutoScalingGroupName"),
	    "renamed");
	assert_int_equal(num("Response.AutoScalingGroupSet[0].InstanceCount"),
	                 0);
	err("DeleteAutoScalingGroup",
	    "{\"AutoScalingGroupId\":\"asg-5gdeva7a\"}",
	    "ResourceInUse.InstanceInGroup");
	err("DeleteAutoScalingGroup",
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\"}",
	    "ResourceInUse.ActivityInProgress");
	err("DeleteAutoScalingGroup", "{\"AutoScalingGroupId\":\"bad\"}",
	    "InvalidParameterValue.InvalidAutoScalingGroupId");
	snprintf(body, sizeof(body), "{\"AutoScalingGroupId\":\"%s\"}", g);
	ok("DeleteAutoScalingGroup", body);
	err("DeleteAutoScalingGroup", body,
	    "ResourceNotFound.AutoScalingGroupNotFound");
	/* other region: untouched */
	call_in("eu-frankfurt", "DescribeAutoScalingGroups", "{}");
	assert_int_equal(num("Response.TotalCount"), 2);
}

/* ---- example-backed actions ---------------------------------------------- */

static void test_examples(void **st)
{
	size_t i, n = 0;

	(void)st;
	reset(2.0, NULL);
	ok("DescribeScalingPolicies", "{}");
	assert_non_null(
	    str("Response.ScalingPolicySet[0].AutoScalingPolicyId"));
	assert_int_equal(rq_find(resp, 0, "Response.Error"), -1);
	/* every example-backed action, called with its recorded request,
	 * answers exactly its recorded response with our RequestId */
	for (i = 0; i < as_examples_count; i++) {
		const as_example *ex = &as_examples[i];
		size_t lp = strlen(ex->pre), lq = strlen(ex->post);
		if (as_is_simulated(ex->action))
			continue;
		ok(ex->action, ex->input);
		assert_int_equal(strlen(doc), lp + 36 + lq);
		assert_memory_equal(doc, ex->pre, lp);
		assert_memory_equal(doc + lp,
		                    "11111111-2222-4333-8444-555555555555", 36);
		assert_string_equal(doc + lp + 36, ex->post);
		n++;
	}
	assert_int_equal(as_examples_count, 58);
	assert_int_equal(n, 58 - 16);
	/* ... and the spec is checked before the example is given */
	err_field("CreateScalingPolicy",
	          "{\"AutoScalingGroupId\":\"asg-h7tgd87d\"}",
	          "MissingParameter", "ScalingPolicyName");
	err_field("DescribeScalingPolicies", "{\"Limitt\":5}",
	          "UnknownParameter", "Limitt");
	err_field("DescribeScalingPolicies", "{\"Limit\":\"5\"}",
	          "InvalidParameter", "Limit");
	/* DescribeAutoScalingActivities honours ActivityIds: the recorded
	 * activity under an ID that a recorded answer handed out, else
	 * nothing; without IDs, the example as recorded (checked above). */
	ok("DescribeAutoScalingActivities",
	   "{\"ActivityIds\":[\"asa-o4v87ae9\"]}");
	assert_int_equal(num("Response.TotalCount"), 1);
	assert_int_equal(count("Response.ActivitySet"), 1);
	assert_string_equal(str("Response.ActivitySet[0].ActivityId"),
	                    "asa-o4v87ae9");
	assert_string_equal(str("Response.ActivitySet[0].StatusCode"),
	                    "SUCCESSFUL");
	ok("ScaleOutInstances",
	   "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"ScaleOutNumber\":1}");
	{
		char handed[AS_ID_MAX], body[128];

		snprintf(handed, sizeof(handed), "%s",
		         str("Response.ActivityId"));
		assert_true(as_id_ok(handed, "asa-"));
		assert_string_not_equal(handed, "asa-o4v87ae9");
		snprintf(body, sizeof(body),
		         "{\"ActivityIds\":[\"asa-nosuchid\",\"%s\"]}", handed);
		ok("DescribeAutoScalingActivities", body);
		assert_int_equal(num("Response.TotalCount"), 1);
		assert_string_equal(str("Response.ActivitySet[0].ActivityId"),
		                    handed);
		assert_string_equal(str("Response.ActivitySet[0].StatusCode"),
		                    "SUCCESSFUL");
		assert_non_null(str("Response.ActivitySet[0].Cause"));
	}
	ok("DescribeAutoScalingActivities",
	   "{\"ActivityIds\":[\"asa-nosuchid\"]}");
	assert_int_equal(num("Response.TotalCount"), 0);
	assert_int_equal(count("Response.ActivitySet"), 0);
	ok("DescribeAutoScalingActivities", "{\"ActivityIds\":[]}");
	assert_int_equal(num("Response.TotalCount"), 0);
}

/* The spec check runs first for the modelled actions too. */
static void test_spec_check(void **st)
{
	(void)st;
	reset(2.0, NULL);
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"Foo\":1,"
	          "\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchNumber\":1}}}",
	          "UnknownParameter", "Foo");
	err_field("StartInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-5gdeva7a\","
	          "\"RefreshSettings\":{\"RollingUpdateSettings\":{"
	          "\"BatchNumber\":1,\"Batchpause\":\"AUTOMATIC\"}}}",
	          "UnknownParameter",
	          "RefreshSettings.RollingUpdateSettings.Batchpause");
	err_field("ResumeInstanceRefresh",
	          "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	          "\"RefreshActivityId\":\"asr-juhf6ytr\",\"ResumeMode\":1}",
	          "InvalidParameter", "ResumeMode");
	err_field("DescribeRefreshActivities",
	          "{\"RefreshActivityIds\":\"asr-juhf6ytr\"}",
	          "InvalidParameter", "RefreshActivityIds");
	err_field("DescribeAutoScalingGroups",
	          "{\"Filters\":[{\"Name\":\"auto-scaling-group-id\"}]}",
	          "MissingParameter", "Values");
	/* nothing changed */
	describe("asr-juhf6ytr");
	assert_string_equal(str(A ".Status"), "FAILED_PAUSE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_seed, teardown),
	    cmocka_unit_test_teardown(test_demo_resume, teardown),
	    cmocka_unit_test_teardown(test_walk_retry, teardown),
	    cmocka_unit_test_teardown(test_walk_retry2, teardown),
	    cmocka_unit_test_teardown(test_walk_continue, teardown),
	    cmocka_unit_test_teardown(test_batch_failed, teardown),
	    cmocka_unit_test_teardown(test_fail_process, teardown),
	    cmocka_unit_test_teardown(test_batch_pause, teardown),
	    cmocka_unit_test_teardown(test_refresh_fail_after, teardown),
	    cmocka_unit_test_teardown(test_step_mode, teardown),
	    cmocka_unit_test_teardown(test_matrix_stop, teardown),
	    cmocka_unit_test_teardown(test_matrix_resume, teardown),
	    cmocka_unit_test_teardown(test_matrix_cancel, teardown),
	    cmocka_unit_test_teardown(test_matrix_rollback, teardown),
	    cmocka_unit_test_teardown(test_manual_pause, teardown),
	    cmocka_unit_test_teardown(test_start_errors, teardown),
	    cmocka_unit_test_teardown(test_activity_errors, teardown),
	    cmocka_unit_test_teardown(test_param_errors, teardown),
	    cmocka_unit_test_teardown(test_describe_refresh, teardown),
	    cmocka_unit_test_teardown(test_groups, teardown),
	    cmocka_unit_test_teardown(test_examples, teardown),
	    cmocka_unit_test_teardown(test_spec_check, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
