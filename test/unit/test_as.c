/* Unit tests for the typed calls and the builder (src/as_typed.c,
 * tcas/as.h) over the replay port: request bodies exactly as sent,
 * response decoding, defaults (Limit), every error the header names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/as.h"
#include "tcas/error.h"
#include "support/replay.h"

#define TCAS_STR_(x) #x
#define TCAS_STR(x)  TCAS_STR_(x)

static tcas_client cl;
static tcas_result res;
static replay rp;
static tcas_port port;
static char strings[4096];
static char resp[16384];

static int setup(void **state)
{
	(void)state;
	replay_init(&rp);
	replay_port(&rp, &port);
	tcas_client_init(&cl, &port);
	tcas_client_set_endpoint(&cl, "http://127.0.0.1:8080");
	tcas_client_set_credentials(&cl, "AKIDEXAMPLE", "secret", NULL);
	tcas_client_set_region(&cl, "ap-guangzhou");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	replay_free(&rp);
	return 0;
}

static void serve(const char *response_members)
{
	static char body[12000];

	snprintf(body, sizeof body,
	         "{\"Response\":{%s%s\"RequestId\":\"r-1\"}}", response_members,
	         *response_members ? "," : "");
	snprintf(resp, sizeof resp,
	         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	         "Content-Length: %zu\r\n\r\n%s",
	         strlen(body), body);
	replay_add_str(&rp, resp);
}

/* The body of the i-th request sent. */
static const char *sent_body(size_t i)
{
	static char buf[8192];
	size_t n;
	const uint8_t *p = replay_sent(&rp, i, &n);
	const char *b;

	assert_non_null(p);
	assert_true(n < sizeof buf);
	memcpy(buf, p, n);
	buf[n] = 0;
	b = strstr(buf, "\r\n\r\n");
	assert_non_null(b);
	return b + 4;
}

static void test_start(void **state)
{
	tcas_as_start_instance_refresh_req rq;
	tcas_as_id_resp rs;

	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.auto_scaling_group_id = "asg-1";
	rq.refresh_settings.rolling_update_settings.batch_number = 2;
	rq.refresh_settings.rolling_update_settings.max_surge = TCAS_AS_SOME(1);
	rq.refresh_settings.check_instance_target_health = TCAS_AS_SOME(1);
	serve("\"RefreshActivityId\":\"asr-9\"");
	assert_int_equal(tcas_as_start_instance_refresh(&cl, &rq, &rs, strings,
	                                                sizeof strings, &res),
	                 TCAS_OK);
	assert_string_equal(
	    sent_body(0),
	    "{\"AutoScalingGroupId\":\"asg-1\",\"RefreshSettings\":"
	    "{\"RollingUpdateSettings\":{\"BatchNumber\":2,\"MaxSurge\":1},"
	    "\"CheckInstanceTargetHealth\":true}}");
	assert_string_equal(rs.id, "asr-9");
	assert_string_equal(rs.request_id, "r-1");
}

static void test_missing_required(void **state)
{
	tcas_as_start_instance_refresh_req rq;
	tcas_as_id_resp rs;

	(void)state;
	memset(&rq, 0, sizeof rq); /* no group, BatchNumber 0 */
	assert_int_equal(tcas_as_start_instance_refresh(&cl, &rq, &rs, strings,
	                                                sizeof strings, &res),
	                 TCAS_E_PARAM);
	assert_string_equal(res.error_message,
	                    "missing parameter AutoScalingGroupId");
	assert_int_equal(rp.connects, 0); /* nothing sent */
	assert_int_equal(tcas_as_start_instance_refresh(NULL, &rq, &rs, strings,
	                                                sizeof strings, &res),
	                 TCAS_E_ARG);
	assert_int_equal(
	    tcas_as_start_instance_refresh(&cl, &rq, &rs, NULL, 5, &res),
	    TCAS_E_ARG);
}

static const char activity[] =
    "{\"AutoScalingGroupId\":\"asg-1\",\"RefreshActivityId\":\"asr-1\","
    "\"Status\":\"RUNNING\",\"EndTime\":null,\"CurrentRefreshBatchNum\":1,"
    "\"RefreshSettings\":{\"RollingUpdateSettings\":{\"BatchNumber\":2,"
    "\"BatchPause\":\"AUTOMATIC\"},\"CheckInstanceTargetHealth\":false},"
    "\"RefreshBatchSet\":[{\"RefreshBatchNum\":1,\"RefreshBatchStatus\":"
    "\"RUNNING\",\"RefreshBatchRelatedInstanceSet\":[{\"InstanceId\":"
    "\"ins-1\",\"InstanceStatus\":\"RUNNING\"},{\"InstanceId\":\"ins-2\","
    "\"InstanceStatus\":\"FAILED\"}]}]}";

static void test_describe(void **state)
{
	static tcas_as_refresh_activities rs;
	static char members[4096];
	tcas_as_describe_req rq;
	const char *ids[] = {"asr-1"};

	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.ids.v = ids, rq.ids.n = 1;
	snprintf(members, sizeof members,
	         "\"TotalCount\":1,\"RefreshActivitySet\":[%s]", activity);
	serve(members);
	assert_int_equal(tcas_as_describe_refresh_activities(
	                     &cl, &rq, &rs, strings, sizeof strings, &res),
	                 TCAS_OK);
	assert_string_equal(sent_body(0), "{\"RefreshActivityIds\":[\"asr-1\"],"
	                                  "\"Limit\":20}");
	assert_int_equal(rs.total_count, 1);
	assert_int_equal(rs.count, 1);
	assert_string_equal(rs.items[0].status, "RUNNING");
	assert_null(rs.items[0].end_time);
	assert_int_equal(
	    rs.items[0].refresh_settings.rolling_update_settings.batch_number,
	    2);
	assert_string_equal(
	    rs.items[0].refresh_settings.rolling_update_settings.batch_pause,
	    "AUTOMATIC");
	assert_int_equal(rs.items[0].batch_count, 1);
	assert_int_equal(rs.items[0].batches[0].instance_count, 2);
	assert_string_equal(rs.items[0].batches[0].instances[1].instance_status,
	                    "FAILED");
}

static void test_too_many(void **state)
{
	static tcas_as_refresh_activities rs;
	static char members[12000];
	tcas_as_describe_req rq;
	size_t n = 0;
	int i;

	(void)state;
	memset(&rq, 0, sizeof rq);
	n += (size_t)snprintf(members, sizeof members,
	                      "\"TotalCount\":30,\"RefreshActivitySet\":[");
	for (i = 0; i <= TCAS_AS_ITEMS_MAX; i++)
		n += (size_t)snprintf(members + n, sizeof members - n, "%s{}",
		                      i ? "," : "");
	snprintf(members + n, sizeof members - n, "]");
	serve(members);
	assert_int_equal(tcas_as_describe_refresh_activities(
	                     &cl, &rq, &rs, strings, sizeof strings, &res),
	                 TCAS_E_TOO_MANY_ITEMS);
}

static void test_strings_full(void **state)
{
	tcas_as_id_resp rs;
	tcas_as_scale_req rq = {"asg-1", 2};

	(void)state;
	serve("\"ActivityId\":\"asa-123456789\"");
	assert_int_equal(
	    tcas_as_scale_out_instances(&cl, &rq, &rs, strings, 8, &res),
	    TCAS_E_STRINGS_FULL);
	assert_string_equal(sent_body(0), "{\"AutoScalingGroupId\":\"asg-1\","
	                                  "\"ScaleOutNumber\":2}");
}

static void test_bad_type(void **state)
{
	tcas_as_id_resp rs;
	tcas_as_scale_req rq = {"asg-1", 1};

	(void)state;
	serve("\"ActivityId\":5");
	assert_int_equal(tcas_as_scale_in_instances(&cl, &rq, &rs, strings,
	                                            sizeof strings, &res),
	                 TCAS_E_RESPONSE);
}

static void test_api_error(void **state)
{
	tcas_as_refresh_ref_req rq = {"asg-1", "asr-1", "RETRY"};
	tcas_as_id_resp rs;

	(void)state;
	serve(
	    "\"Error\":{\"Code\":\"ResourceNotFound.RefreshActivityNotFound\","
	    "\"Message\":\"no\"}");
	assert_int_equal(tcas_as_resume_instance_refresh(&cl, &rq, &rs, strings,
	                                                 sizeof strings, &res),
	                 TCAS_E_API);
	assert_string_equal(res.error_code,
	                    "ResourceNotFound.RefreshActivityNotFound");
	assert_string_equal(
	    sent_body(0),
	    "{\"AutoScalingGroupId\":\"asg-1\","
	    "\"RefreshActivityId\":\"asr-1\",\"ResumeMode\":\"RETRY\"}");
}

static void test_stop_ignores_resume_mode(void **state)
{
	tcas_as_refresh_ref_req rq = {"asg-1", "asr-1", "RETRY"};
	tcas_as_id_resp rs;

	(void)state;
	serve("");
	assert_int_equal(tcas_as_stop_instance_refresh(&cl, &rq, &rs, strings,
	                                               sizeof strings, &res),
	                 TCAS_OK);
	assert_string_equal(sent_body(0), "{\"AutoScalingGroupId\":\"asg-1\","
	                                  "\"RefreshActivityId\":\"asr-1\"}");
	assert_null(rs.id);
}

static void test_modify_and_lifecycle(void **state)
{
	tcas_as_modify_desired_capacity_req m = {"asg-1", 0, {0, 0}, {1, 5}};
	tcas_as_complete_lifecycle_action_req l = {"ash-1", "CONTINUE", "ins-1",
	                                           NULL};
	tcas_as_execute_scaling_policy_req e = {"asp-1", {1, 0}, NULL};
	tcas_as_id_resp rs;

	(void)state;
	serve("\"ActivityId\":\"asa-1\"");
	cl.reusable = 0; /* each call on its own scripted connection */
	assert_int_equal(tcas_as_modify_desired_capacity(&cl, &m, &rs, strings,
	                                                 sizeof strings, &res),
	                 0);
	assert_string_equal(sent_body(0),
	                    "{\"AutoScalingGroupId\":\"asg-1\","
	                    "\"DesiredCapacity\":0,\"MaxSize\":5}");
	tcas_client_close(&cl);
	serve("");
	assert_int_equal(tcas_as_complete_lifecycle_action(
	                     &cl, &l, &rs, strings, sizeof strings, &res),
	                 0);
	assert_string_equal(
	    sent_body(1),
	    "{\"LifecycleHookId\":\"ash-1\","
	    "\"LifecycleActionResult\":\"CONTINUE\",\"InstanceId\":\"ins-1\"}");
	tcas_client_close(&cl);
	serve("\"ActivityId\":\"asa-3\"");
	assert_int_equal(tcas_as_execute_scaling_policy(&cl, &e, &rs, strings,
	                                                sizeof strings, &res),
	                 0);
	assert_string_equal(rs.id, "asa-3");
	assert_string_equal(sent_body(2), "{\"AutoScalingPolicyId\":\"asp-1\","
	                                  "\"HonorCooldown\":false}");
}

static void test_groups_lists(void **state)
{
	static tcas_as_groups rs;
	tcas_as_filter f[1];
	const char *vals[] = {"g1"};
	tcas_as_describe_req rq;

	(void)state;
	memset(&rq, 0, sizeof rq);
	f[0].name = "auto-scaling-group-name", f[0].values.v = vals;
	f[0].values.n = 1;
	rq.filters.v = f, rq.filters.n = 1, rq.limit = TCAS_AS_SOME(5);
	rq.offset = TCAS_AS_SOME(5);
	serve(
	    "\"TotalCount\":7,\"AutoScalingGroupSet\":[{\"AutoScalingGroupId\":"
	    "\"asg-1\",\"DesiredCapacity\":3,\"SubnetIdSet\":[\"s-1\",\"s-2\"],"
	    "\"ZoneSet\":[]}]");
	assert_int_equal(tcas_as_describe_auto_scaling_groups(
	                     &cl, &rq, &rs, strings, sizeof strings, &res),
	                 0);
	assert_string_equal(
	    sent_body(0),
	    "{\"Filters\":[{\"Name\":"
	    "\"auto-scaling-group-name\",\"Values\":[\"g1\"]}],\"Limit\":5,"
	    "\"Offset\":5}");
	assert_int_equal(rs.items[0].desired_capacity, 3);
	assert_int_equal(rs.items[0].subnet_ids_count, 2);
	assert_string_equal(rs.items[0].subnet_ids[1], "s-2");
	assert_int_equal(rs.items[0].zones_count, 0);
}

static void test_builder(void **state)
{
	static char buf[512];
	const char *ids[] = {"ins-1", "ins-2"};
	tcas_req r;

	(void)state;
	serve("\"ActivityId\":\"asa-2\"");
	assert_int_equal(tcas_req_begin(&r, "DetachInstances", buf, sizeof buf),
	                 TCAS_OK);
	tcas_req_str(&r, "AutoScalingGroupId", "asg-1");
	tcas_req_strs(&r, "InstanceIds", ids, 2);
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_OK);
	assert_string_equal(sent_body(0),
	                    "{\"AutoScalingGroupId\":\"asg-1\","
	                    "\"InstanceIds\":[\"ins-1\",\"ins-2\"]}");
}

static void test_builder_errors(void **state)
{
	static char buf[256];
	tcas_req r;

	(void)state;
	assert_int_equal(tcas_req_begin(&r, "DetachInstance", buf, sizeof buf),
	                 TCAS_E_PARAM);
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_PARAM);
	assert_int_equal(tcas_req_begin(NULL, "x", buf, 1), TCAS_E_ARG);

	tcas_req_begin(&r, "DetachInstances", buf, sizeof buf);
	tcas_req_str(&r, "AutoScalingGroupID", "asg-1");
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_PARAM);
	assert_int_equal(r.perr.kind, TCAS_PARAM_UNKNOWN);

	tcas_req_begin(&r, "DetachInstances", buf, sizeof buf);
	tcas_req_int(&r, "AutoScalingGroupId", 1);
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_PARAM);
	assert_int_equal(r.perr.kind, TCAS_PARAM_TYPE);

	tcas_req_begin(&r, "DetachInstances", buf, sizeof buf);
	tcas_req_str(&r, "AutoScalingGroupId", "a");
	tcas_req_str(&r, "AutoScalingGroupId", "b");
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_PARAM);
	assert_string_equal(r.perr.detail, "given twice");

	tcas_req_begin(&r, "DetachInstances", buf, sizeof buf);
	tcas_req_str(&r, "AutoScalingGroupId", "a");
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_PARAM);
	assert_int_equal(r.perr.kind, TCAS_PARAM_MISSING);
	assert_string_equal(res.error_message, "missing parameter InstanceIds");

	tcas_req_begin(&r, "StartInstanceRefresh", buf, sizeof buf);
	tcas_req_str(&r, "AutoScalingGroupId", "a");
	tcas_req_json(&r, "RefreshSettings", "{\"RollingUpdateSettings\":{}}");
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_PARAM);
	assert_int_equal(r.perr.kind, TCAS_PARAM_MISSING);

	tcas_req_begin(&r, "StartInstanceRefresh", buf, 16);
	tcas_req_str(&r, "AutoScalingGroupId", "asg-0123456789");
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_REQ_TOO_LARGE);
	assert_int_equal(rp.connects, 0);
}

/* Rollback (an origin activity and settings) and Cancel (resume_mode
 * ignored, as Stop) send exactly their members. */
static void test_rollback_and_cancel(void **state)
{
	tcas_as_rollback_instance_refresh_req rb;
	tcas_as_refresh_ref_req cn = {"asg-1", "asr-1", "CONTINUE"};
	tcas_as_id_resp rs;

	(void)state;
	memset(&rb, 0, sizeof rb);
	rb.auto_scaling_group_id = "asg-1";
	rb.origin_refresh_activity_id = "asr-0";
	rb.refresh_settings.rolling_update_settings.batch_number = 1;
	rb.refresh_mode = "ROLLING_UPDATE_REPLACE";
	serve("\"RefreshActivityId\":\"asr-2\"");
	assert_int_equal(tcas_as_rollback_instance_refresh(
	                     &cl, &rb, &rs, strings, sizeof strings, &res),
	                 TCAS_OK);
	assert_string_equal(
	    sent_body(0),
	    "{\"AutoScalingGroupId\":\"asg-1\",\"RefreshSettings\":"
	    "{\"RollingUpdateSettings\":{\"BatchNumber\":1}},"
	    "\"OriginRefreshActivityId\":\"asr-0\","
	    "\"RefreshMode\":\"ROLLING_UPDATE_REPLACE\"}");
	assert_string_equal(rs.id, "asr-2");

	serve("");
	assert_int_equal(tcas_as_cancel_instance_refresh(&cl, &cn, &rs, strings,
	                                                 sizeof strings, &res),
	                 TCAS_OK);
	assert_string_equal(sent_body(1), "{\"AutoScalingGroupId\":\"asg-1\","
	                                  "\"RefreshActivityId\":\"asr-1\"}");
	assert_string_equal(rs.request_id, "r-1");
}

/* DescribeAutoScalingInstances: strings, a boolean and an integer per
 * instance; Limit defaults to the page's capacity. */
static void test_instances(void **state)
{
	static tcas_as_instances rs;
	tcas_as_describe_req rq;
	const char *ids[] = {"ins-1", "ins-2"};

	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.ids.v = ids, rq.ids.n = 2;
	serve("\"TotalCount\":2,\"AutoScalingInstanceSet\":["
	      "{\"InstanceId\":\"ins-1\",\"AutoScalingGroupId\":\"asg-1\","
	      "\"LifeCycleState\":\"IN_SERVICE\",\"HealthStatus\":\"HEALTHY\","
	      "\"ProtectedFromScaleIn\":true,\"VersionNumber\":3,"
	      "\"WarmupStatus\":null},"
	      "{\"InstanceId\":\"ins-2\",\"ProtectedFromScaleIn\":false,"
	      "\"Zone\":\"ap-guangzhou-3\"}]");
	assert_int_equal(tcas_as_describe_auto_scaling_instances(
	                     &cl, &rq, &rs, strings, sizeof strings, &res),
	                 TCAS_OK);
	assert_string_equal(sent_body(0),
	                    "{\"InstanceIds\":[\"ins-1\",\"ins-2\"],"
	                    "\"Limit\":" TCAS_STR(TCAS_AS_ITEMS_MAX) "}");
	assert_int_equal(rs.total_count, 2);
	assert_int_equal(rs.count, 2);
	assert_string_equal(rs.items[0].life_cycle_state, "IN_SERVICE");
	assert_int_equal(rs.items[0].protected_from_scale_in, 1);
	assert_int_equal(rs.items[0].version_number, 3);
	assert_null(rs.items[0].warmup_status);
	assert_int_equal(rs.items[1].protected_from_scale_in, 0);
	assert_string_equal(rs.items[1].zone, "ap-guangzhou-3");
	assert_null(rs.items[1].health_status);
	assert_int_equal(tcas_as_describe_auto_scaling_instances(
	                     &cl, NULL, &rs, strings, sizeof strings, &res),
	                 TCAS_E_ARG);
}

/* Answers whose members have the wrong JSON type are refused as
 * TCAS_E_RESPONSE, at every level: a string, a list, a list's element,
 * an object in a list. */
static void test_wrong_answer_types(void **state)
{
	static tcas_as_groups gs;
	static tcas_as_instances is;
	static const char *const bad[] = {
	    "\"AutoScalingGroupSet\":[{\"AutoScalingGroupId\":5}]",
	    "\"AutoScalingGroupSet\":[{\"SubnetIdSet\":\"s-1\"}]",
	    "\"AutoScalingGroupSet\":[{\"SubnetIdSet\":[\"s-1\",7]}]",
	    "\"AutoScalingGroupSet\":[5]",
	    "\"AutoScalingGroupSet\":[{\"DesiredCapacity\":\"3\"}]",
	    "\"AutoScalingGroupSet\":[{\"AutoScalingGroupId\":\"a\\ud800\"}]",
	};
	tcas_as_describe_req rq;
	size_t i;

	(void)state;
	memset(&rq, 0, sizeof rq);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		serve(bad[i]);
		assert_int_equal(
		    tcas_as_describe_auto_scaling_groups(&cl, &rq, &gs, strings,
		                                         sizeof strings, &res),
		    TCAS_E_RESPONSE);
	}
	serve("\"AutoScalingInstanceSet\":[{\"ProtectedFromScaleIn\":1}]");
	assert_int_equal(tcas_as_describe_auto_scaling_instances(
	                     &cl, &rq, &is, strings, sizeof strings, &res),
	                 TCAS_E_RESPONSE);
}

/* A request body beyond TCAS_REQ_BODY_MAX is refused before anything is
 * sent. */
static void test_request_too_large(void **state)
{
	static char id[TCAS_REQ_BODY_MAX + 1];
	tcas_as_refresh_ref_req rq = {id, "asr-1", NULL};
	tcas_as_id_resp rs;

	(void)state;
	memset(id, 'a', sizeof id - 1);
	assert_int_equal(tcas_as_cancel_instance_refresh(&cl, &rq, &rs, strings,
	                                                 sizeof strings, &res),
	                 TCAS_E_REQ_TOO_LARGE);
	assert_int_equal(rp.connects, 0);
}

/* tcas_req_bool: a boolean member as JSON true/false; refused for a
 * member of another type, and after an earlier error (sticky). */
static void test_builder_bool(void **state)
{
	static char buf[256];
	tcas_req r;

	(void)state;
	serve("\"ActivityId\":\"asa-3\"");
	tcas_req_begin(&r, "ExecuteScalingPolicy", buf, sizeof buf);
	tcas_req_str(&r, "AutoScalingPolicyId", "asp-1");
	tcas_req_bool(&r, "HonorCooldown", 0);
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_OK);
	assert_string_equal(sent_body(0), "{\"AutoScalingPolicyId\":\"asp-1\","
	                                  "\"HonorCooldown\":false}");

	memset(buf, 0, sizeof buf);
	tcas_req_begin(&r, "ExecuteScalingPolicy", buf, sizeof buf);
	tcas_req_bool(&r, "AutoScalingPolicyId", 1);
	assert_int_equal(r.perr.kind, TCAS_PARAM_TYPE);
	tcas_req_bool(&r, "HonorCooldown", 1); /* sticky: not added */
	assert_int_equal(tcas_req_call(&cl, &r, &res), TCAS_E_PARAM);
	assert_string_equal(r.perr.field, "AutoScalingPolicyId");
	assert_null(strstr(buf, "HonorCooldown"));

	tcas_req_bool(NULL, "HonorCooldown", 1);  /* no crash */
	tcas_req_json(&r, "RefreshSettings", ""); /* after an error: kept */
	assert_string_equal(r.perr.field, "AutoScalingPolicyId");
	tcas_req_begin(&r, "ExecuteScalingPolicy", buf, sizeof buf);
	tcas_req_json(&r, "TriggerSource", NULL);
	assert_int_equal(r.perr.kind, TCAS_PARAM_VALUE);
	assert_string_equal(r.perr.detail, "empty JSON text");
	assert_int_equal(tcas_req_call(NULL, &r, &res), TCAS_E_ARG);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_start),
	    T(test_missing_required),
	    T(test_describe),
	    T(test_too_many),
	    T(test_strings_full),
	    T(test_bad_type),
	    T(test_api_error),
	    T(test_stop_ignores_resume_mode),
	    T(test_modify_and_lifecycle),
	    T(test_groups_lists),
	    T(test_builder),
	    T(test_builder_errors),
	    T(test_rollback_and_cancel),
	    T(test_instances),
	    T(test_wrong_answer_types),
	    T(test_request_too_large),
	    T(test_builder_bool),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
