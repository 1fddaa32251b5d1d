/*
 * test_emu_groups.c - the emulator's actions on scaling groups, instances
 * and launch configurations (test/emu/as_groups.c), and the actions it
 * answers from the recorded examples, through emu_as_handle().
 */
#include "emufix.h"

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
	    cmocka_unit_test_teardown(test_groups, teardown),
	    cmocka_unit_test_teardown(test_examples, teardown),
	    cmocka_unit_test_teardown(test_spec_check, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
