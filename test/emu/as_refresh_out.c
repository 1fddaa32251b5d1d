/*
 * as_refresh_out.c - DescribeRefreshActivities of tcas-emu: the refresh
 * activities as the service writes them (settings, batches, instances),
 * filtered by IDs, group, status and type and paged; the activities and
 * their progress are in as_refresh.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "as_internal.h"

/* ---- DescribeRefreshActivities ------------------------------------------- */

static void out_settings(sb *b, const as_refresh *a)
{
	sb_printf(
	    b,
	    "{\"RollingUpdateSettings\":{\"BatchNumber\":%lld,"
	    "\"BatchPause\":\"%s\",\"MaxSurge\":%lld,\"FailProcess\":\"%s\"},"
	    "\"CheckInstanceTargetHealth\":%s,"
	    "\"CheckInstanceTargetHealthTimeout\":%lld}",
	    a->batch_number, a->batch_pause, a->max_surge, a->fail_process,
	    a->health_check ? "true" : "false", a->health_timeout);
}

static void out_batch(sb *b, const as_batch *bt, int num)
{
	size_t i;

	sb_printf(b,
	          "{\"RefreshBatchNum\":%d,\"RefreshBatchStatus\":\"%s\","
	          "\"RefreshBatchRelatedInstanceSet\":[",
	          num, as_b_name[bt->status]);
	for (i = 0; i < bt->n; i++) {
		const as_rinst *in = &bt->inst[i];
		const char *msg =
		    in->status == I_SUCCESSFUL ? "success"
		    : in->status == I_FAILED
		        ? "refresh failed (emulated failure); the instance is "
		          "left in standby"
		    : in->status == I_NOT_FOUND
		        ? "instance no longer in the scaling group"
		        : "";
		sb_printf(
		    b,
		    "%s{\"InstanceId\":\"%s\",\"InstanceStatus\":\"%s\","
		    "\"LastActivityId\":\"%s\",\"InstanceStatusMessage\":",
		    i ? "," : "", in->id, as_i_name[in->status], in->act);
		sb_jstr(b, msg);
		sb_puts(b, "}");
	}
	sb_puts(b, "],\"StartTime\":");
	sb_time(b, bt->start);
	sb_puts(b, ",\"EndTime\":");
	sb_time(b, bt->end);
	sb_puts(b, "}");
}

static void out_activity(sb *b, const as_refresh *a)
{
	int j;

	sb_printf(b,
	          "{\"AutoScalingGroupId\":\"%s\",\"RefreshActivityId\":\"%s\","
	          "\"OriginRefreshActivityId\":\"%s\",\"RefreshBatchSet\":[",
	          a->group, a->id, a->origin);
	for (j = a->nb; j-- > 0;) {
		if (j != a->nb - 1)
			sb_puts(b, ",");
		out_batch(b, &a->b[j], j + 1);
	}
	sb_printf(b, "],\"RefreshMode\":\"%s\",\"RefreshSettings\":",
	          a->replace ? "ROLLING_UPDATE_REPLACE"
	                     : "ROLLING_UPDATE_RESET");
	out_settings(b, a);
	sb_printf(b,
	          ",\"ActivityType\":\"%s\",\"Status\":\"%s\","
	          "\"CurrentRefreshBatchNum\":%d,\"StartTime\":",
	          a->rollback ? "ROLLBACK" : "NORMAL", as_a_name[a->status],
	          a->cur);
	sb_time(b, a->start);
	sb_puts(b, ",\"EndTime\":");
	sb_time(b, a->end);
	sb_puts(b, ",\"CreatedTime\":");
	sb_time(b, a->created);
	sb_puts(b, "}");
}

/* Filter values are checked: IDs well-formed, statuses and types known. */
static int filter_values_check(as_call *c)
{
	static const char *const types[] = {"NORMAL", "ROLLBACK", NULL};
	int ft = rq_find(c->rq, 0, "Filters"), i, j;
	char name[64], v[64];

	for (i = 0; i < rq_count(c->rq, ft); i++) {
		int f = rq_index(c->rq, ft, i),
		    vt = rq_find(c->rq, f, "Values");
		rq_str(c->rq, rq_find(c->rq, f, "Name"), name, sizeof(name));
		for (j = 0; j < rq_count(c->rq, vt); j++) {
			int ok;
			if (rq_str(c->rq, rq_index(c->rq, vt, j), v,
			           sizeof(v)) != 0)
				v[0] = '\0';
			if (strcmp(name, "auto-scaling-group-id") == 0) {
				if (!as_id_ok(v, "asg-"))
					return as_fail(
					    c,
					    "InvalidParameterValue."
					    "InvalidAutoScalingGroupId",
					    "The value `%s` of filter "
					    "`auto-scaling-group-id` "
					    "(Filters[%d].Values[%d]) is not a "
					    "valid scaling group ID.",
					    v, i, j);
				continue;
			}
			if (strcmp(name, "refresh-activity-status-code") == 0) {
				for (ok = 0; ok < A_NSTATUS; ok++)
					if (strcmp(v, as_a_name[ok]) == 0)
						break;
				ok = ok < A_NSTATUS;
			} else if (strcmp(name, "refresh-activity-type") == 0) {
				ok = as_enum_ok(v, types);
			} else {
				ok = as_id_ok(v, "asr-");
			}
			if (!ok)
				return as_fail(
				    c, "InvalidParameterValue.Filter",
				    "The value `%s` of filter `%s` "
				    "(Filters[%d].Values[%d]) is not valid.",
				    v, name, i, j);
		}
	}
	return 0;
}

static int ids_ok(as_call *c)
{
	int t = rq_find(c->rq, 0, "RefreshActivityIds"), j;
	char v[AS_ID_MAX];

	if (t < 0)
		return 0;
	if (rq_type(c->rq, t) != RQ_ARR)
		return as_fail(
		    c, "InvalidParameter",
		    "The parameter `RefreshActivityIds` must be an array.");
	if (rq_count(c->rq, t) > 100)
		return as_fail(c, "InvalidParameterValue.LimitExceeded",
		               "The parameter `RefreshActivityIds` has more "
		               "than 100 elements.");
	for (j = 0; j < rq_count(c->rq, t); j++) {
		int e = rq_index(c->rq, t, j);
		if (rq_type(c->rq, e) != RQ_STR)
			return as_fail(c, "InvalidParameter",
			               "The parameter `RefreshActivityIds[%d]` "
			               "must be a string.",
			               j);
		if (rq_str(c->rq, e, v, sizeof(v)) != 0 || !as_id_ok(v, "asr-"))
			return as_fail(
			    c, "InvalidParameterValue",
			    "The value of parameter `RefreshActivityIds[%d]` "
			    "is not a valid refresh activity ID.",
			    j);
	}
	return 0;
}

static int wanted(as_call *c, const as_refresh *a)
{
	int t = rq_find(c->rq, 0, "RefreshActivityIds"), j, h;
	char v[AS_ID_MAX];

	if (t >= 0) {
		for (j = 0; j < rq_count(c->rq, t); j++)
			if (rq_str(c->rq, rq_index(c->rq, t, j), v,
			           sizeof(v)) == 0 &&
			    strcmp(v, a->id) == 0)
				return 1;
		return 0;
	}
	return as_filter_match(c, "auto-scaling-group-id", a->group, &h) &&
	       as_filter_match(c, "refresh-activity-status-code",
	                       as_a_name[a->status], &h) &&
	       as_filter_match(c, "refresh-activity-type",
	                       a->rollback ? "ROLLBACK" : "NORMAL", &h) &&
	       as_filter_match(c, "refresh-activity-id", a->id, &h);
}

int as_do_describe_refresh(as_call *c)
{
	static const char *const names[] = {
	    "auto-scaling-group-id", "refresh-activity-status-code",
	    "refresh-activity-type", "refresh-activity-id", NULL};
	as_page pg = {0, 0, 0, 1};
	long long total = 0;
	size_t i;

	if (as_filters_check(c, "RefreshActivityIds", names) || ids_ok(c) ||
	    filter_values_check(c) || as_paging(c, &pg.off, &pg.lim))
		return -1;
	sb_key(c->out, &c->first, "TotalCount");
	/* TotalCount first, like the example: count, then write the page. */
	for (i = 0; i < c->s->nr; i++)
		if (strcmp(c->s->r[i]->region, c->region) == 0 &&
		    wanted(c, c->s->r[i]))
			total++;
	sb_printf(c->out, "%lld", total);
	sb_key(c->out, &c->first, "RefreshActivitySet");
	sb_puts(c->out, "[");
	for (i = c->s->nr; i-- > 0;) {
		const as_refresh *a = c->s->r[i];
		if (strcmp(a->region, c->region) != 0 || !wanted(c, a))
			continue;
		if (as_page_take(c, &pg))
			out_activity(c->out, a);
	}
	sb_puts(c->out, "]");
	return 0;
}
