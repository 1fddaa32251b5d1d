/*
 * as_scale.c - ScaleOutInstances and ScaleInInstances of tcas-emu: they
 * change DesiredCapacity and the instances at once and record a scaling
 * activity (SUCCESSFUL), which DescribeAutoScalingActivities (as_state.c)
 * describes; contracts in as_internal.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "as_internal.h"

static int scale(as_call *c, int out)
{
	as_group *g =
	    as_need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
	const char *field = out ? "ScaleOutNumber" : "ScaleInNumber";
	as_activity *a, **slot;
	long long n = 0, d;
	int h;

	if (g == NULL || as_get_int(c, field, &n, &h))
		return -1;
	if (!h)
		return as_fail(c, "MissingParameter",
		               "The request is missing a required parameter "
		               "`%s`.",
		               field);
	if (n < 1)
		return as_fail(c, "InvalidParameterValue.Range",
		               "`%s` must be at least 1.", field);
	if (g->abnormal)
		return as_fail(
		    c, "ResourceUnavailable.AutoScalingGroupAbnormalStatus",
		    "The scaling group `%s` is in an abnormal state.", g->id);
	if (g->refresh[0] != '\0' || g->in_activity)
		return as_fail(c,
		               "ResourceUnavailable.AutoScalingGroupInActivity",
		               "The scaling group `%s` is in activity.", g->id);
	d = out ? g->desired + n : g->desired - n;
	if (out && d > g->max)
		return as_fail(
		    c, "ResourceInsufficient.AutoScalingGroupAboveMaxSize",
		    "Scaling out by %lld would take `DesiredCapacity` to %lld, "
		    "above `MaxSize` (%lld).",
		    n, d, g->max);
	if (!out && d < g->min)
		return as_fail(
		    c, "ResourceInsufficient.AutoScalingGroupBelowMinSize",
		    "Scaling in by %lld would take `DesiredCapacity` to %lld, "
		    "below `MinSize` (%lld).",
		    n, d, g->min);
	a = calloc(1, sizeof(*a));
	slot =
	    a ? as_push(&c->s->act, &c->s->nact, &c->s->capact, sizeof(*slot))
	      : NULL;
	if (slot == NULL) {
		free(a);
		return as_fail(c, "InternalError", "out of memory");
	}
	*slot = a;
	snprintf(a->region, sizeof(a->region), "%s", c->region);
	snprintf(a->group, sizeof(a->group), "%s", g->id);
	as_new_id(c->s, "asa-", a->id);
	a->out = out, a->n = n, a->t = c->s->now;
	/* scaling in removes the oldest (OLDEST_INSTANCE), out adds new */
	snprintf(a->first, sizeof(a->first), "%s", out ? "" : g->inst[0].id);
	g->desired = d;
	if (as_group_resize(c->s, g, d) != 0)
		return as_fail(c, "InternalError", "out of memory");
	if (out)
		snprintf(a->first, sizeof(a->first), "%s",
		         g->inst[g->ninst - (size_t)n].id);
	sb_key(c->out, &c->first, "ActivityId");
	sb_jstr(c->out, a->id);
	return 0;
}

int as_do_scale_out(as_call *c)
{
	return scale(c, 1);
}

int as_do_scale_in(as_call *c)
{
	return scale(c, 0);
}

const as_activity *as_activity_find(emu_as *s, const char *region,
                                    const char *id)
{
	size_t i;

	for (i = 0; i < s->nact; i++)
		if (strcmp(s->act[i]->id, id) == 0 &&
		    strcmp(s->act[i]->region, region) == 0)
			return s->act[i];
	return NULL;
}

void as_out_activity(as_call *c, const as_activity *a)
{
	sb *b = c->out;

	sb_printf(b,
	          "{\"AutoScalingGroupId\":\"%s\",\"ActivityId\":\"%s\","
	          "\"ActivityType\":\"%s\",\"StatusCode\":\"SUCCESSFUL\","
	          "\"StatusMessage\":\"Success\",\"StatusMessageSimplified\":"
	          "\"Success\",\"Cause\":\"A user request changed the desired "
	          "capacity\",\"Description\":\"Activity was launched in "
	          "response to a difference between desired capacity and "
	          "actual capacity, scale %s %lld instance(s).\",",
	          a->group, a->id, a->out ? "SCALE_OUT" : "SCALE_IN",
	          a->out ? "out" : "in", a->n);
	sb_puts(b, "\"StartTime\":");
	sb_time(b, a->t);
	sb_puts(b, ",\"EndTime\":");
	sb_time(b, a->t);
	sb_puts(b, ",\"CreatedTime\":");
	sb_time(b, a->t);
	sb_printf(b,
	          ",\"ActivityRelatedInstanceSet\":[{\"InstanceId\":\"%s\","
	          "\"InstanceStatus\":\"SUCCESSFUL\"}],"
	          "\"LifecycleActionResultSet\":[],"
	          "\"DetailedStatusMessageSet\":[],\"InvocationResultSet\":[],"
	          "\"RelatedInstanceSet\":[]}",
	          a->first);
}
