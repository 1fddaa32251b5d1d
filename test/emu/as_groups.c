/*
 * as_groups.c - the actions on scaling groups, their instances and launch
 * configurations (create, describe, modify, delete, desired capacity);
 * the seeded state and the dispatcher are in as_state.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "as_internal.h"

/* 1 when the string array `field` is absent or contains value. *has tells
 * whether it was present. */
static int ids_match(as_call *c, const char *field, const char *value, int *has)
{
	int t = rq_find(c->rq, 0, field), j;
	char buf[AS_ID_MAX];

	*has = t >= 0;
	if (t < 0)
		return 1;
	for (j = 0; j < rq_count(c->rq, t); j++)
		if (rq_str(c->rq, rq_index(c->rq, t, j), buf, sizeof(buf)) ==
		        0 &&
		    strcmp(buf, value) == 0)
			return 1;
	return 0;
}

/* Checks the string array `field`: at most 100 IDs of format prefix. */
static int ids_check(as_call *c, const char *field, const char *prefix,
                     const char *code)
{
	int t = rq_find(c->rq, 0, field), j;
	char buf[AS_ID_MAX];

	if (t < 0)
		return 0;
	if (rq_type(c->rq, t) != RQ_ARR)
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be an array.", field);
	if (rq_count(c->rq, t) > 100)
		return as_fail(c, "InvalidParameterValue.LimitExceeded",
		               "The parameter `%s` has more than 100 elements.",
		               field);
	for (j = 0; j < rq_count(c->rq, t); j++) {
		int e = rq_index(c->rq, t, j);
		if (rq_type(c->rq, e) != RQ_STR)
			return as_fail(
			    c, "InvalidParameter",
			    "The parameter `%s[%d]` must be a string.", field,
			    j);
		if (rq_str(c->rq, e, buf, sizeof(buf)) != 0 ||
		    !as_id_ok(buf, prefix))
			return as_fail(c, code,
			               "The value of parameter `%s[%d]` is not "
			               "a valid ID (%s + 8 [a-z0-9]).",
			               field, j, prefix);
	}
	return 0;
}

/* A required, well-formed group ID that exists in the region. */
as_group *as_need_group(as_call *c, const char *notfound)
{
	char id[AS_ID_MAX];
	as_group *g;

	if (as_get_str(c, "AutoScalingGroupId", 1, id, sizeof(id), NULL) != 0)
		return NULL;
	if (!as_id_ok(id, "asg-")) {
		as_fail(c, "InvalidParameterValue.InvalidAutoScalingGroupId",
		        "The value of parameter `AutoScalingGroupId` (%s) is "
		        "not a valid scaling group ID.",
		        id);
		return NULL;
	}
	g = as_group_find(c->s, c->region, id);
	if (g == NULL)
		as_fail(c, notfound, "The scaling group `%s` does not exist.",
		        id);
	return g;
}

/* ---- output of groups, instances, launch configurations ------------------ */

static void out_group(as_call *c, sb *b, const as_group *g)
{
	as_lc *l = as_lc_find(c->s, c->region, g->lc);
	int en = g->enabled && g->refresh[0] == '\0';

	sb_printf(b, "{\"AutoScalingGroupId\":\"%s\",\"AutoScalingGroupName\":",
	          g->id);
	sb_jstr(b, g->name);
	sb_printf(b, ",\"AutoScalingGroupStatus\":\"%s\",\"CreatedTime\":",
	          g->abnormal ? "ABNORMAL" : "NORMAL");
	sb_time(b, g->created);
	sb_printf(
	    b,
	    ",\"DefaultCooldown\":%lld,\"DesiredCapacity\":%lld,"
	    "\"EnabledStatus\":\"%s\",\"ForwardLoadBalancerSet\":[],"
	    "\"InstanceCount\":%zu,\"InServiceInstanceCount\":%zu,"
	    "\"LaunchConfigurationId\":\"%s\",\"LaunchConfigurationName\":",
	    g->cooldown, g->desired, en ? "ENABLED" : "DISABLED", g->ninst,
	    g->ninst, g->lc);
	sb_jstr(b, l != NULL ? l->name : "");
	sb_printf(b,
	          ",\"LoadBalancerIdSet\":[],\"MaxSize\":%lld,\"MinSize\":%lld,"
	          "\"ProjectId\":%lld,\"SubnetIdSet\":[],"
	          "\"TerminationPolicySet\":[\"OLDEST_INSTANCE\"],\"VpcId\":",
	          g->max, g->min, g->project);
	sb_jstr(b, g->vpc);
	sb_printf(
	    b,
	    ",\"ZoneSet\":[],\"RetryPolicy\":\"IMMEDIATE_RETRY\","
	    "\"InActivityStatus\":\"%s\",\"Tags\":[],"
	    "\"ServiceSettings\":{\"ReplaceMonitorUnhealthy\":false,"
	    "\"ScalingMode\":\"CLASSIC_SCALING\","
	    "\"ReplaceLoadBalancerUnhealthy\":false,"
	    "\"ReplaceMode\":\"RECREATE\","
	    "\"DesiredCapacitySyncWithMaxMinSize\":false},"
	    "\"Ipv6AddressCount\":0,\"MultiZoneSubnetPolicy\":\"PRIORITY\","
	    "\"HealthCheckType\":\"CVM\","
	    "\"LoadBalancerHealthCheckGracePeriod\":0,"
	    "\"InstanceAllocationPolicy\":\"LAUNCH_CONFIGURATION\","
	    "\"SpotMixedAllocationPolicy\":{\"BaseCapacity\":null,"
	    "\"OnDemandPercentageAboveBaseCapacity\":null,"
	    "\"SpotAllocationStrategy\":null,"
	    "\"CompensateWithBaseInstance\":null},"
	    "\"CapacityRebalance\":false,"
	    "\"InstanceNameIndexSettings\":{\"Enabled\":false,\"BeginIndex\":0}"
	    ","
	    "\"HostNameIndexSettings\":{\"Enabled\":false,\"BeginIndex\":0},"
	    "\"ConcurrentScaleOutForDesiredCapacity\":false}",
	    g->in_activity ? "IN_ACTIVITY" : "NOT_IN_ACTIVITY");
}

static void out_inst(as_call *c, sb *b, const as_group *g, const as_inst *in)
{
	as_lc *l = as_lc_find(c->s, c->region, in->lc);

	sb_printf(
	    b,
	    "{\"InstanceId\":\"%s\",\"AutoScalingGroupId\":\"%s\","
	    "\"LaunchConfigurationId\":\"%s\",\"LaunchConfigurationName\":",
	    in->id, g->id, in->lc);
	sb_jstr(b, l != NULL ? l->name : "");
	sb_printf(
	    b,
	    ",\"LifeCycleState\":\"IN_SERVICE\",\"HealthStatus\":\"HEALTHY\","
	    "\"ProtectedFromScaleIn\":false,\"Zone\":\"%s\","
	    "\"CreationType\":\"AUTO_CREATION\",\"AddTime\":",
	    in->zone);
	sb_time(b, in->add_time);
	sb_printf(b, ",\"InstanceType\":");
	sb_jstr(b, l != NULL ? l->itype : "S5.MEDIUM4");
	sb_printf(
	    b, ",\"VersionNumber\":%d,\"AutoScalingGroupName\":", in->version);
	sb_jstr(b, g->name);
	sb_puts(b, ",\"WarmupStatus\":\"NO_NEED_WARMUP\","
	           "\"DisasterRecoverGroupIds\":[]}");
}

static void out_lc(as_call *c, sb *b, const as_lc *l)
{
	size_t i;
	int first = 1;

	sb_printf(b,
	          "{\"ProjectId\":0,\"LaunchConfigurationId\":\"%s\","
	          "\"LaunchConfigurationName\":",
	          l->id);
	sb_jstr(b, l->name);
	sb_puts(b, ",\"InstanceType\":");
	sb_jstr(b, l->itype);
	sb_puts(
	    b,
	    ",\"SystemDisk\":{\"DiskType\":\"CLOUD_PREMIUM\",\"DiskSize\":50},"
	    "\"DataDisks\":[],\"LoginSettings\":{\"KeyIds\":[]},"
	    "\"InternetAccessible\":{\"InternetChargeType\":\"TRAFFIC_POSTPAID_"
	    "BY_HOUR\","
	    "\"InternetMaxBandwidthOut\":0,\"PublicIpAssigned\":false,"
	    "\"BandwidthPackageId\":null},\"SecurityGroupIds\":[],"
	    "\"AutoScalingGroupAbstractSet\":[");
	for (i = 0; i < c->s->ng; i++) {
		const as_group *g = c->s->g[i];
		if (strcmp(g->region, c->region) != 0 ||
		    strcmp(g->lc, l->id) != 0)
			continue;
		sb_puts(b, first ? "" : ",");
		first = 0;
		sb_printf(
		    b,
		    "{\"AutoScalingGroupId\":\"%s\",\"AutoScalingGroupName\":",
		    g->id);
		sb_jstr(b, g->name);
		sb_puts(b, "}");
	}
	sb_puts(b, "],\"UserData\":null,\"CreatedTime\":");
	sb_time(b, l->created);
	sb_puts(b,
	        ",\"EnhancedService\":{\"SecurityService\":{\"Enabled\":true},"
	        "\"MonitorService\":{\"Enabled\":true},"
	        "\"AutomationToolsService\":{\"Enabled\":true}},\"ImageId\":");
	sb_jstr(b, l->image);
	sb_puts(b, ",\"LaunchConfigurationStatus\":\"NORMAL\","
	           "\"InstanceChargeType\":\"POSTPAID_BY_HOUR\","
	           "\"InstanceMarketOptions\":null,\"InstanceTypes\":[");
	sb_jstr(b, l->itype);
	sb_puts(b, "],\"InstanceTags\":[],\"Tags\":[],\"VersionNumber\":1,"
	           "\"UpdatedTime\":");
	sb_time(b, l->created);
	sb_puts(
	    b,
	    ",\"CamRoleName\":\"\","
	    "\"LastOperationInstanceTypesCheckPolicy\":\"ANY\","
	    "\"HostNameSettings\":{\"HostName\":null,\"HostNameStyle\":null,"
	    "\"HostNameSuffix\":null},"
	    "\"InstanceNameSettings\":{\"InstanceName\":\"emu\","
	    "\"InstanceNameStyle\":\"ORIGINAL\",\"InstanceNameSuffix\":null},"
	    "\"InstanceChargePrepaid\":{\"Period\":0,"
	    "\"RenewFlag\":\"NOTIFY_AND_AUTO_RENEW\"},"
	    "\"DiskTypePolicy\":\"ORIGINAL\",\"HpcClusterId\":\"\","
	    "\"IPv6InternetAccessible\":{\"InternetChargeType\":"
	    "\"TRAFFIC_POSTPAID_BY_HOUR\",\"InternetMaxBandwidthOut\":0,"
	    "\"BandwidthPackageId\":null},\"DisasterRecoverGroupIds\":[],"
	    "\"ImageFamily\":\"\",\"DedicatedClusterId\":\"\"}");
}

/* Paged list: items are written by calling emit(i) for matching indexes. */
void as_list_begin(as_call *c, const char *set)
{
	sb_key(c->out, &c->first, set);
	sb_puts(c->out, "[");
}

void as_list_end(as_call *c, long long total)
{
	sb_puts(c->out, "]");
	sb_key(c->out, &c->first, "TotalCount");
	sb_printf(c->out, "%lld", total);
}

/* ---- launch configurations ----------------------------------------------- */

int as_do_create_lc(as_call *c)
{
	char name[AS_NAME_MAX], image[AS_ID_MAX], itype[AS_NAME_MAX];
	as_lc *l;
	size_t i;
	int has;

	if (as_get_str(c, "LaunchConfigurationName", 1, name, sizeof(name),
	               NULL) ||
	    as_get_str(c, "ImageId", 0, image, sizeof(image), &has) ||
	    as_get_str(c, "InstanceType", 0, itype, sizeof(itype), NULL))
		return -1;
	if (name[0] == '\0')
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter "
		               "`LaunchConfigurationName` must not be empty.");
	if (has && strncmp(image, "img-", 4) != 0)
		return as_fail(c, "InvalidParameterValue.InvalidImageId",
		               "The value of parameter `ImageId` (%s) is not a "
		               "valid image ID.",
		               image);
	for (i = 0; i < c->s->nlc; i++)
		if (strcmp(c->s->lc[i]->region, c->region) == 0 &&
		    strcmp(c->s->lc[i]->name, name) == 0)
			return as_fail(
			    c,
			    "InvalidParameterValue."
			    "LaunchConfigurationNameDuplicated",
			    "The value of parameter `LaunchConfigurationName` "
			    "(%s) is already used.",
			    name);
	l = as_lc_add(c->s, c->region);
	if (l == NULL)
		return as_fail(c, "InternalError", "out of memory");
	as_new_id(c->s, "asc-", l->id);
	snprintf(l->name, sizeof(l->name), "%s", name);
	snprintf(l->image, sizeof(l->image), "%s",
	         has ? image : "img-eb30mz89");
	snprintf(l->itype, sizeof(l->itype), "%s",
	         itype[0] ? itype : "S5.MEDIUM4");
	sb_key(c->out, &c->first, "LaunchConfigurationId");
	sb_jstr(c->out, l->id);
	return 0;
}

int as_do_describe_lc(as_call *c)
{
	static const char *const names[] = {"launch-configuration-id",
	                                    "launch-configuration-name",
	                                    "vague-launch-configuration-name",
	                                    "tag-key",
	                                    "tag-value",
	                                    NULL};
	as_page pg = {0, 0, 0, 1};
	size_t i;
	int h;

	if (ids_check(c, "LaunchConfigurationIds", "asc-",
	              "InvalidParameterValue.InvalidLaunchConfigurationId") ||
	    as_filters_check(c, "LaunchConfigurationIds", names) ||
	    as_paging(c, &pg.off, &pg.lim))
		return -1;
	as_list_begin(c, "LaunchConfigurationSet");
	for (i = c->s->nlc; i-- > 0;) {
		const as_lc *l = c->s->lc[i];
		if (strcmp(l->region, c->region) != 0 ||
		    !ids_match(c, "LaunchConfigurationIds", l->id, &h) ||
		    !as_filter_match(c, "launch-configuration-id", l->id, &h) ||
		    !as_filter_match(c, "launch-configuration-name", l->name,
		                     &h) ||
		    !as_filter_match(c, "vague-launch-configuration-name",
		                     l->name, &h) ||
		    !as_filter_match(c, "tag-key", "", &h) || h ||
		    !as_filter_match(c, "tag-value", "", &h) || h)
			continue;
		if (as_page_take(c, &pg))
			out_lc(c, c->out, l);
	}
	as_list_end(c, pg.total);
	return 0;
}

/* ---- scaling groups ------------------------------------------------------ */

static int sizes_check(as_call *c, long long mn, long long mx, long long d)
{
	if (mn < 0 || mx < 0 || d < 0 || mx > 2000)
		return as_fail(c, "InvalidParameterValue.Range",
		               "`MinSize`, `MaxSize` and `DesiredCapacity` "
		               "must be in 0..2000.");
	if (mn > mx || d < mn || d > mx)
		return as_fail(c, "InvalidParameterValue.Size",
		               "`MinSize` (%lld) <= `DesiredCapacity` (%lld) "
		               "<= `MaxSize` (%lld) does not hold.",
		               mn, d, mx);
	return 0;
}

static int lc_check(as_call *c, const char *id)
{
	if (!as_id_ok(id, "asc-"))
		return as_fail(
		    c, "InvalidParameterValue.InvalidLaunchConfigurationId",
		    "The value of parameter `LaunchConfigurationId` (%s) is "
		    "not a valid launch configuration ID.",
		    id);
	if (as_lc_find(c->s, c->region, id) == NULL)
		return as_fail(
		    c, "InvalidParameterValue.LaunchConfigurationNotFound",
		    "The launch configuration `%s` does not exist.", id);
	return 0;
}

static int name_used(as_call *c, const char *name, const as_group *self)
{
	size_t i;

	for (i = 0; i < c->s->ng; i++)
		if (c->s->g[i] != self &&
		    strcmp(c->s->g[i]->region, c->region) == 0 &&
		    strcmp(c->s->g[i]->name, name) == 0)
			return as_fail(
			    c, "InvalidParameterValue.GroupNameDuplicated",
			    "The value of parameter `AutoScalingGroupName` "
			    "(%s) is already used.",
			    name);
	return 0;
}

int as_do_create_group(as_call *c)
{
	char name[AS_NAME_MAX], lc[AS_ID_MAX], vpc[AS_ID_MAX];
	long long mn = 0, mx = 0, d = 0, cd = 300, pj = 0;
	int hd, h;
	as_group *g;

	if (as_get_str(c, "AutoScalingGroupName", 1, name, sizeof(name),
	               NULL) ||
	    as_get_str(c, "LaunchConfigurationId", 1, lc, sizeof(lc), NULL) ||
	    as_get_str(c, "VpcId", 1, vpc, sizeof(vpc), NULL))
		return -1;
	if (rq_find(c->rq, 0, "MaxSize") < 0)
		return as_fail(
		    c, "MissingParameter",
		    "The request is missing a required parameter `MaxSize`.");
	if (rq_find(c->rq, 0, "MinSize") < 0)
		return as_fail(
		    c, "MissingParameter",
		    "The request is missing a required parameter `MinSize`.");
	if (as_get_int(c, "MaxSize", &mx, &h) ||
	    as_get_int(c, "MinSize", &mn, &h) ||
	    as_get_int(c, "DesiredCapacity", &d, &hd) ||
	    as_get_int(c, "DefaultCooldown", &cd, &h) ||
	    as_get_int(c, "ProjectId", &pj, &h))
		return -1;
	if (!hd)
		d = mn;
	if (name[0] == '\0')
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter `AutoScalingGroupName` "
		               "must not be empty.");
	if (sizes_check(c, mn, mx, d) || lc_check(c, lc) ||
	    name_used(c, name, NULL))
		return -1;
	g = as_group_add(c->s, c->region);
	if (g == NULL)
		return as_fail(c, "InternalError", "out of memory");
	as_new_id(c->s, "asg-", g->id);
	snprintf(g->name, sizeof(g->name), "%s", name);
	snprintf(g->lc, sizeof(g->lc), "%s", lc);
	snprintf(g->vpc, sizeof(g->vpc), "%s", vpc);
	g->min = mn;
	g->max = mx;
	g->desired = d;
	g->cooldown = cd;
	g->project = pj;
	if (as_group_resize(c->s, g, d) != 0)
		return as_fail(c, "InternalError", "out of memory");
	sb_key(c->out, &c->first, "AutoScalingGroupId");
	sb_jstr(c->out, g->id);
	return 0;
}

int as_do_describe_groups(as_call *c)
{
	static const char *const names[] = {"auto-scaling-group-id",
	                                    "auto-scaling-group-name",
	                                    "vague-auto-scaling-group-name",
	                                    "launch-configuration-id",
	                                    "tag-key",
	                                    "tag-value",
	                                    NULL};
	as_page pg = {0, 0, 0, 1};
	size_t i;
	int h;

	if (ids_check(c, "AutoScalingGroupIds", "asg-",
	              "InvalidParameterValue.InvalidAutoScalingGroupId") ||
	    as_filters_check(c, "AutoScalingGroupIds", names) ||
	    as_paging(c, &pg.off, &pg.lim))
		return -1;
	as_list_begin(c, "AutoScalingGroupSet");
	for (i = c->s->ng; i-- > 0;) {
		const as_group *g = c->s->g[i];
		if (strcmp(g->region, c->region) != 0 ||
		    !ids_match(c, "AutoScalingGroupIds", g->id, &h) ||
		    !as_filter_match(c, "auto-scaling-group-id", g->id, &h) ||
		    !as_filter_match(c, "auto-scaling-group-name", g->name,
		                     &h) ||
		    !as_filter_match(c, "vague-auto-scaling-group-name",
		                     g->name, &h) ||
		    !as_filter_match(c, "launch-configuration-id", g->lc, &h) ||
		    !as_filter_match(c, "tag-key", "", &h) || h ||
		    !as_filter_match(c, "tag-value", "", &h) || h)
			continue;
		if (as_page_take(c, &pg))
			out_group(c, c->out, g);
	}
	as_list_end(c, pg.total);
	return 0;
}

int as_do_modify_group(as_call *c)
{
	as_group *g =
	    as_need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
	char name[AS_NAME_MAX], lc[AS_ID_MAX], vpc[AS_ID_MAX];
	long long mn, mx, d, cd, pj;
	int hn, hl, hv, hd, hmn, hmx, h;

	if (g == NULL)
		return -1;
	mn = g->min;
	mx = g->max;
	d = g->desired;
	cd = g->cooldown;
	pj = g->project;
	if (as_get_str(c, "AutoScalingGroupName", 0, name, sizeof(name), &hn) ||
	    as_get_str(c, "LaunchConfigurationId", 0, lc, sizeof(lc), &hl) ||
	    as_get_str(c, "VpcId", 0, vpc, sizeof(vpc), &hv) ||
	    as_get_int(c, "MinSize", &mn, &hmn) ||
	    as_get_int(c, "MaxSize", &mx, &hmx) ||
	    as_get_int(c, "DesiredCapacity", &d, &hd) ||
	    as_get_int(c, "DefaultCooldown", &cd, &h) ||
	    as_get_int(c, "ProjectId", &pj, &h))
		return -1;
	if (hn && name[0] == '\0')
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter `AutoScalingGroupName` "
		               "must not be empty.");
	if (sizes_check(c, mn, mx, d) || (hl && lc_check(c, lc)) ||
	    (hn && name_used(c, name, g)))
		return -1;
	if (hn)
		snprintf(g->name, sizeof(g->name), "%s", name);
	if (hl)
		snprintf(g->lc, sizeof(g->lc), "%s", lc);
	if (hv)
		snprintf(g->vpc, sizeof(g->vpc), "%s", vpc);
	g->min = mn;
	g->max = mx;
	g->cooldown = cd;
	g->project = pj;
	if (d != g->desired) {
		g->desired = d;
		if (as_group_resize(c->s, g, d) != 0)
			return as_fail(c, "InternalError", "out of memory");
	}
	return 0;
}

int as_do_delete_group(as_call *c)
{
	as_group *g =
	    as_need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
	size_t i;

	if (g == NULL)
		return -1;
	if (g->refresh[0] != '\0' || g->in_activity)
		return as_fail(
		    c, "ResourceInUse.ActivityInProgress",
		    "The scaling group `%s` has an activity in progress.",
		    g->id);
	if (g->ninst > 0)
		return as_fail(
		    c, "ResourceInUse.InstanceInGroup",
		    "The scaling group `%s` still has %zu instances.", g->id,
		    g->ninst);
	for (i = 0; i < c->s->ng; i++)
		if (c->s->g[i] == g)
			break;
	free(g->inst);
	free(g);
	memmove(c->s->g + i, c->s->g + i + 1,
	        (c->s->ng - i - 1) * sizeof(*c->s->g));
	c->s->ng--;
	return 0;
}

int as_do_modify_desired(as_call *c)
{
	as_group *g =
	    as_need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
	long long mn, mx, d = 0;
	int hd, h;

	if (g == NULL)
		return -1;
	mn = g->min;
	mx = g->max;
	if (as_get_int(c, "DesiredCapacity", &d, &hd) ||
	    as_get_int(c, "MinSize", &mn, &h) ||
	    as_get_int(c, "MaxSize", &mx, &h))
		return -1;
	if (!hd)
		return as_fail(c, "MissingParameter",
		               "The request is missing a required parameter "
		               "`DesiredCapacity`.");
	if (g->abnormal)
		return as_fail(
		    c, "ResourceUnavailable.AutoScalingGroupAbnormalStatus",
		    "The scaling group `%s` is in an abnormal state.", g->id);
	if (!g->enabled || g->refresh[0] != '\0')
		return as_fail(
		    c, "ResourceUnavailable.AutoScalingGroupDisabled",
		    "The scaling group `%s` is disabled%s.", g->id,
		    g->refresh[0] ? " (instance refresh in progress)" : "");
	if (sizes_check(c, mn, mx, d))
		return -1;
	g->min = mn;
	g->max = mx;
	g->desired = d;
	if (as_group_resize(c->s, g, d) != 0)
		return as_fail(c, "InternalError", "out of memory");
	return 0;
}

int as_do_describe_instances(as_call *c)
{
	static const char *const names[] = {
	    "instance-id", "auto-scaling-group-id", "private-ip-address", NULL};
	as_page pg = {0, 0, 0, 1};
	size_t i, j;
	int h;

	if (ids_check(c, "InstanceIds", "ins-",
	              "InvalidParameterValue.InvalidInstanceId") ||
	    as_filters_check(c, "InstanceIds", names) ||
	    as_paging(c, &pg.off, &pg.lim))
		return -1;
	as_list_begin(c, "AutoScalingInstanceSet");
	for (i = 0; i < c->s->ng; i++) {
		const as_group *g = c->s->g[i];
		if (strcmp(g->region, c->region) != 0)
			continue;
		for (j = 0; j < g->ninst; j++) {
			const as_inst *in = &g->inst[j];
			if (!ids_match(c, "InstanceIds", in->id, &h) ||
			    !as_filter_match(c, "instance-id", in->id, &h) ||
			    !as_filter_match(c, "auto-scaling-group-id", g->id,
			                     &h) ||
			    !as_filter_match(c, "private-ip-address", "", &h) ||
			    h)
				continue;
			if (as_page_take(c, &pg))
				out_inst(c, c->out, g, in);
		}
	}
	as_list_end(c, pg.total);
	return 0;
}
