/*
 * as_refresh.c - instance refresh activities of tcas-emu, following
 * /work/shared/docs/instance-refresh.md (sections 2 to 5): Start, Describe,
 * Stop, Resume, Cancel, Rollback, and the lazy, deterministic progress.
 *
 * Progress: whenever a call reaches the model, every open activity is
 * advanced to the call's `now`:
 *   INIT -> RUNNING on the first call after creation that comes later
 *   than the creation time (batch 1 starts then);
 *   a running batch takes batch_seconds, then its instances are SUCCESSFUL,
 *   or FAILED when listed in fail_instances (only the first time the
 *   instance is refreshed, in any activity: its RETRY and its next
 *   refreshes succeed; rollbacks never fail); the batch is SUCCESSFUL /
 *   PARTIALLY_SUCCESSFUL / FAILED;
 *   then FailProcess (failures) or BatchPause decides whether the next
 *   batch starts at the end time of this one.
 * refresh_fail_after N > 0 stands in for the service's undocumented
 * "unrecoverable internal error": when batch N of any activity finishes
 * (its instances marked as above), the activity ends FAILED at once,
 * before FailProcess or BatchPause is looked at; its WAITING batches and
 * instances are CANCELLED and the group is free again. [inferred]
 * batch_seconds 0 means one step (start, or finish a batch and start the
 * next) per call. Batch times are computed (start + batch_seconds), not
 * taken from the wall clock, so results do not depend on polling rate.
 *
 * Decisions where the docs are silent ([inferred] there):
 *   - Stop is accepted in INIT; a batch in flight finishes while
 *     MANUAL_PAUSE, without applying FailProcess; Resume then applies
 *     ResumeMode to its failed instances.
 *   - Resume CONTINUE on the last batch ends the activity SUCCESSFUL.
 *   - Rolling back a paused origin finishes its batch in flight at once,
 *     cancels its WAITING batches and instances, and sets it CANCELLED; a
 *     SUCCESSFUL origin stays SUCCESSFUL. FailProcess AUTO_ROLLBACK does
 *     the same automatically (one instance per batch).
 *   - Rolling back a ROLLING_UPDATE_REPLACE activity: UnsupportedOperation.
 *     MaxSurge > 0 on a rollback: InvalidParameterValue. Unknown origin:
 *     ResourceNotFound.RefreshActivityNotFound.
 *   - MaxSurge is checked, not simulated (no scale-out/scale-in steps).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "as_internal.h"

static const char *const a_name[A_NSTATUS] = {
    "INIT",       "RUNNING",      "SUCCESSFUL", "FAILED_PAUSE",
    "AUTO_PAUSE", "MANUAL_PAUSE", "CANCELLED",  "FAILED"};
static const char *const b_name[] = {
    "WAITING", "INIT",     "RUNNING", "SUCCESSFUL", "PARTIALLY_SUCCESSFUL",
    "FAILED",  "CANCELLED"};
static const char *const i_name[] = {"WAITING",    "INIT",   "RUNNING",
                                     "SUCCESSFUL", "FAILED", "CANCELLED",
                                     "NOT_FOUND"};

static int is_paused(int st)
{
	return st == A_FAILED_PAUSE || st == A_AUTO_PAUSE ||
	       st == A_MANUAL_PAUSE;
}

as_refresh *as_refresh_find(emu_as *s, const char *region, const char *id)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (strcmp(s->r[i]->region, region) == 0 &&
		    strcmp(s->r[i]->id, id) == 0)
			return s->r[i];
	return NULL;
}

/* New activity in INIT over the n instances ids, split into `batches`
 * batches as evenly as possible, larger batches first (5 in 3 = 2+2+1). */
as_refresh *as_refresh_create(emu_as *s, const char *region, as_group *g,
                              const char *const *ids, size_t n,
                              long long batches)
{
	as_refresh **slot, *a;
	size_t k = 0, i;
	int j;

	if (batches < 1 || (size_t)batches > n)
		return NULL;
	a = calloc(1, sizeof(*a));
	slot = realloc(s->r, (s->nr + 1) * sizeof(*slot));
	if (a == NULL || slot == NULL) {
		free(a);
		if (slot != NULL)
			s->r = slot;
		return NULL;
	}
	s->r = slot;
	a->b = calloc((size_t)batches, sizeof(*a->b));
	if (a->b == NULL) {
		free(a);
		return NULL;
	}
	a->nb = (int)batches;
	for (j = 0; j < a->nb; j++) {
		as_batch *b = &a->b[j];
		b->n = n / (size_t)batches + ((size_t)j < n % (size_t)batches);
		b->inst = calloc(b->n, sizeof(*b->inst));
		if (b->inst == NULL) {
			while (j-- > 0)
				free(a->b[j].inst);
			free(a->b);
			free(a);
			return NULL;
		}
		b->status = B_WAITING;
		b->start = b->end = b->due = -1;
		for (i = 0; i < b->n; i++)
			snprintf(b->inst[i].id, sizeof(b->inst[i].id), "%s",
			         ids[k++]);
	}
	snprintf(a->region, sizeof(a->region), "%s", region);
	snprintf(a->group, sizeof(a->group), "%s", g->id);
	as_new_id(s, "asr-", a->id);
	a->batch_number = batches;
	a->health_timeout = 1800;
	snprintf(a->batch_pause, sizeof(a->batch_pause), "AUTOMATIC");
	snprintf(a->fail_process, sizeof(a->fail_process), "AUTO_PAUSE");
	a->status = A_INIT;
	a->cur = 1;
	a->created = s->now;
	a->start = a->end = -1;
	a->seq = ++s->seq;
	s->r[s->nr++] = a;
	return a;
}

/* ---- progress ------------------------------------------------------------ */

static void release(emu_as *s, as_refresh *a, int status, double t)
{
	as_group *g = as_group_find(s, a->region, a->group);

	a->status = status;
	a->end = t;
	if (g != NULL && strcmp(g->refresh, a->id) == 0)
		g->refresh[0] = '\0';
}

static int in_group(emu_as *s, const as_refresh *a, const char *inst)
{
	as_group *g = as_group_find(s, a->region, a->group);
	size_t i;

	for (i = 0; g != NULL && i < g->ninst; i++)
		if (strcmp(g->inst[i].id, inst) == 0)
			return 1;
	return 0;
}

/* Starts batch idx (0-based) at t: WAITING instances run (or are
 * NOT_FOUND when they left the group). */
static void begin_batch(emu_as *s, as_refresh *a, int idx, double t)
{
	as_batch *b = &a->b[idx];
	size_t i;

	a->cur = idx + 1;
	if (a->start < 0)
		a->start = t;
	b->status = B_RUNNING;
	if (b->start < 0)
		b->start = t;
	b->end = -1;
	b->due = t + (s->o.batch_seconds > 0 ? s->o.batch_seconds : 0);
	for (i = 0; i < b->n; i++) {
		as_rinst *in = &b->inst[i];
		if (in->status == I_WAITING)
			in->status =
			    in_group(s, a, in->id) ? I_RUNNING : I_NOT_FOUND;
	}
}

static int batch_failed(const as_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->inst[i].status == I_FAILED)
			return 1;
	return 0;
}

static void finish_batch(emu_as *s, as_refresh *a, as_batch *b, double t)
{
	char act[AS_ID_MAX];
	size_t i, ok = 0, bad = 0;

	as_new_id(s, "asa-", act);
	for (i = 0; i < b->n; i++) {
		as_rinst *in = &b->inst[i];
		if (in->status == I_RUNNING || in->status == I_INIT) {
			in->attempts++;
			in->status = !a->rollback && as_fail_once(s, in->id)
			                 ? I_FAILED
			                 : I_SUCCESSFUL;
			snprintf(in->act, sizeof(in->act), "%s", act);
		}
		ok += in->status == I_SUCCESSFUL;
		bad += in->status == I_FAILED;
	}
	b->status = bad == 0 ? B_SUCCESSFUL : ok == 0 ? B_FAILED : B_PARTIAL;
	b->end = t;
	b->due = -1;
}

static void cancel_waiting(as_refresh *a)
{
	int j;
	size_t i;

	for (j = 0; j < a->nb; j++) {
		for (i = 0; i < a->b[j].n; i++)
			if (a->b[j].inst[i].status == I_WAITING)
				a->b[j].inst[i].status = I_CANCELLED;
		if (a->b[j].status == B_WAITING)
			a->b[j].status = B_CANCELLED;
	}
}

static void next_or_finish(emu_as *s, as_refresh *a, double t)
{
	if (a->cur >= a->nb) {
		release(s, a, A_SUCCESSFUL, t);
		return;
	}
	a->status = A_RUNNING;
	begin_batch(s, a, a->cur, t);
}

/* Instances of a that qualify for a rollback, in batch order. */
static size_t rollback_set(emu_as *s, const as_refresh *a, const char **ids)
{
	size_t n = 0, i;
	int j;

	for (j = 0; j < a->nb; j++)
		for (i = 0; i < a->b[j].n; i++) {
			const as_rinst *in = &a->b[j].inst[i];
			if ((in->status == I_SUCCESSFUL ||
			     in->status == I_FAILED ||
			     in->status == I_RUNNING || in->status == I_INIT) &&
			    in_group(s, a, in->id))
				ids[n++] = in->id;
		}
	return n;
}

static size_t total_instances(const as_refresh *a)
{
	size_t n = 0;
	int j;

	for (j = 0; j < a->nb; j++)
		n += a->b[j].n;
	return n;
}

/* The origin a is undone: in-flight batch finished at t, WAITING
 * cancelled, a paused origin ends CANCELLED. */
static void close_origin(emu_as *s, as_refresh *a, double t)
{
	as_batch *b = &a->b[a->cur - 1];

	if (b->status == B_RUNNING || b->status == B_INIT)
		finish_batch(s, a, b, t);
	cancel_waiting(a);
	if (a->status != A_SUCCESSFUL)
		release(s, a, A_CANCELLED, t);
}

static as_refresh *start_rollback(emu_as *s, as_refresh *o, long long batches,
                                  double t)
{
	const char **ids = calloc(total_instances(o) + 1, sizeof(*ids));
	as_group *g = as_group_find(s, o->region, o->group);
	as_refresh *r = NULL;
	size_t n;

	if (ids == NULL || g == NULL) {
		free(ids);
		return NULL;
	}
	n = rollback_set(s, o, ids);
	if (batches == 0)
		batches = (long long)n;
	r = as_refresh_create(s, o->region, g, ids, n, batches);
	free(ids);
	if (r == NULL)
		return NULL;
	r->rollback = 1;
	r->created = t;
	snprintf(r->origin, sizeof(r->origin), "%s", o->id);
	snprintf(g->refresh, sizeof(g->refresh), "%s", r->id);
	return r;
}

static void after_batch(emu_as *s, as_refresh *a, double t)
{
	const as_batch *b = &a->b[a->cur - 1];

	if (batch_failed(b)) {
		if (strcmp(a->fail_process, "AUTO_CANCEL") == 0) {
			cancel_waiting(a);
			release(s, a, A_CANCELLED, t);
		} else if (strcmp(a->fail_process, "AUTO_ROLLBACK") == 0 &&
		           !a->rollback) {
			int hc = a->health_check;
			long long to = a->health_timeout;
			as_refresh *r;
			close_origin(s, a, t);
			r = start_rollback(s, a, 0,
			                   t); /* may move s->r, not a */
			if (r != NULL) {
				r->health_check = hc;
				r->health_timeout = to;
			}
		} else {
			a->status = A_FAILED_PAUSE;
		}
		return;
	}
	if (a->cur >= a->nb) {
		release(s, a, A_SUCCESSFUL, t);
	} else if ((strcmp(a->batch_pause, "FIRST_BATCH_PAUSE") == 0 &&
	            a->cur == 1) ||
	           strcmp(a->batch_pause, "BATCH_INTERVAL_PAUSE") == 0) {
		a->status = A_AUTO_PAUSE;
	} else {
		begin_batch(s, a, a->cur, t);
	}
}

/* The --refresh-fail-after rule: batch `cur` just finished. */
static int fails_here(const emu_as *s, const as_refresh *a)
{
	return s->o.refresh_fail_after > 0 && a->cur == s->o.refresh_fail_after;
}

/* One step; 1 if something changed. */
static int step(emu_as *s, as_refresh *a)
{
	as_batch *b = &a->b[a->cur - 1];
	double t;

	if (a->status == A_INIT) {
		if (s->o.batch_seconds > 0 && s->now <= a->created)
			return 0;
		a->status = A_RUNNING;
		a->start = s->now;
		begin_batch(s, a, 0, s->now);
		return 1;
	}
	if ((a->status != A_RUNNING && a->status != A_MANUAL_PAUSE) ||
	    b->status != B_RUNNING)
		return 0;
	if (s->o.batch_seconds > 0 && s->now < b->due)
		return 0;
	t = s->o.batch_seconds > 0 ? b->due : s->now;
	finish_batch(s, a, b, t);
	if (fails_here(s, a)) {
		cancel_waiting(a);
		release(s, a, A_FAILED, t);
	} else if (a->status == A_RUNNING) {
		after_batch(s, a, t);
	}
	return 1;
}

void as_refresh_advance_all(emu_as *s)
{
	size_t i, n = s->nr;

	for (i = 0; i < n; i++) {
		if (s->o.batch_seconds > 0) {
			while (step(s, s->r[i]))
				;
		} else {
			step(s, s->r[i]);
		}
	}
}

/* ---- request parts ------------------------------------------------------- */

static int enum_ok(const char *v, const char *const *allowed)
{
	for (; *allowed != NULL; allowed++)
		if (strcmp(v, *allowed) == 0)
			return 1;
	return 0;
}

static int get_enum(as_call *c, const char *field, char *buf, size_t cap,
                    const char *const *allowed, const char *dflt)
{
	int has;

	if (as_get_str(c, field, 0, buf, cap, &has) != 0)
		return -1;
	if (!has) {
		snprintf(buf, cap, "%s", dflt);
		return 0;
	}
	if (!enum_ok(buf, allowed))
		return as_fail(c, "InvalidParameterValue",
		               "The value `%s` of parameter `%s` is not one of "
		               "the allowed values.",
		               buf, field);
	return 0;
}

static int need_object(as_call *c, const char *field)
{
	int t = rq_find(c->rq, 0, field);

	if (t < 0)
		return as_fail(
		    c, "MissingParameter",
		    "The request is missing a required parameter `%s`.", field);
	if (rq_type(c->rq, t) != RQ_OBJ)
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be an object.", field);
	return 0;
}

typedef struct settings {
	long long batch_number, max_surge, timeout;
	int health, replace;
	char pause[32], fail[32], mode[32];
} settings;

static int get_settings(as_call *c, settings *st)
{
	static const char *const pauses[] = {
	    "FIRST_BATCH_PAUSE", "BATCH_INTERVAL_PAUSE", "AUTOMATIC", NULL};
	static const char *const fails[] = {"AUTO_PAUSE", "AUTO_ROLLBACK",
	                                    "AUTO_CANCEL", NULL};
	static const char *const modes[] = {"ROLLING_UPDATE_RESET",
	                                    "ROLLING_UPDATE_REPLACE", NULL};
	const char *bn = "RefreshSettings.RollingUpdateSettings.BatchNumber";
	const char *to = "RefreshSettings.CheckInstanceTargetHealthTimeout";
	const char *hc = "RefreshSettings.CheckInstanceTargetHealth";
	int has, t;

	memset(st, 0, sizeof(*st));
	st->timeout = 1800;
	if (need_object(c, "RefreshSettings") ||
	    need_object(c, "RefreshSettings.RollingUpdateSettings"))
		return -1;
	if (rq_find(c->rq, 0, bn) < 0)
		return as_fail(
		    c, "MissingParameter",
		    "The request is missing a required parameter `%s`.", bn);
	if (as_get_int(c, bn, &st->batch_number, &has) ||
	    as_get_int(c, "RefreshSettings.RollingUpdateSettings.MaxSurge",
	               &st->max_surge, &has) ||
	    as_get_int(c, to, &st->timeout, &has))
		return -1;
	t = rq_find(c->rq, 0, hc);
	if (t >= 0 && rq_bool(c->rq, t, &st->health) != 0)
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be a boolean.", hc);
	if (get_enum(c, "RefreshSettings.RollingUpdateSettings.BatchPause",
	             st->pause, sizeof(st->pause), pauses, "AUTOMATIC") ||
	    get_enum(c, "RefreshSettings.RollingUpdateSettings.FailProcess",
	             st->fail, sizeof(st->fail), fails, "AUTO_PAUSE") ||
	    get_enum(c, "RefreshMode", st->mode, sizeof(st->mode), modes,
	             "ROLLING_UPDATE_RESET"))
		return -1;
	if (st->batch_number < 1)
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter `%s` must be > 0.", bn);
	if (st->max_surge < 0)
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter "
		               "`RefreshSettings.RollingUpdateSettings."
		               "MaxSurge` must be >= 0.");
	if (st->timeout < 60 || st->timeout > 7200)
		return as_fail(
		    c, "InvalidParameterValue",
		    "The value of parameter `%s` must be in 60..7200.", to);
	st->replace = strcmp(st->mode, "ROLLING_UPDATE_REPLACE") == 0;
	return 0;
}

static void apply_settings(as_refresh *a, const settings *st)
{
	a->batch_number = st->batch_number;
	a->max_surge = st->max_surge;
	a->health_check = st->health;
	a->health_timeout = st->timeout;
	a->replace = st->replace;
	snprintf(a->batch_pause, sizeof(a->batch_pause), "%s", st->pause);
	snprintf(a->fail_process, sizeof(a->fail_process), "%s", st->fail);
}

static int get_id(as_call *c, const char *field, const char *prefix,
                  char id[AS_ID_MAX])
{
	if (as_get_str(c, field, 1, id, AS_ID_MAX, NULL) != 0)
		return -1;
	if (!as_id_ok(id, prefix))
		return as_fail(c, "InvalidParameterValue",
		               "The value `%s` of parameter `%s` is not a "
		               "valid ID (%s + 8 [a-z0-9]).",
		               id, field, prefix);
	return 0;
}

/* Group (AutoScalingGroupIdNotFound) for Start and Rollback. */
static as_group *group_for_start(as_call *c)
{
	char id[AS_ID_MAX];
	as_group *g;

	if (get_id(c, "AutoScalingGroupId", "asg-", id) != 0)
		return NULL;
	g = as_group_find(c->s, c->region, id);
	if (g == NULL)
		as_fail(c, "ResourceNotFound.AutoScalingGroupIdNotFound",
		        "The scaling group `%s` does not exist.", id);
	return g;
}

static int group_ready(as_call *c, const as_group *g, const char *except)
{
	if (g->abnormal)
		return as_fail(
		    c, "ResourceUnavailable.AutoScalingGroupAbnormalStatus",
		    "The scaling group `%s` is in an abnormal state.", g->id);
	if (g->in_activity)
		return as_fail(c,
		               "ResourceUnavailable.AutoScalingGroupInActivity",
		               "The scaling group `%s` has a scaling activity "
		               "in progress.",
		               g->id);
	if (g->refresh[0] != '\0' && strcmp(g->refresh, except) != 0)
		return as_fail(
		    c, "ResourceUnavailable.AutoScalingGroupInRefreshActivity",
		    "The scaling group `%s` already has refresh activity `%s` "
		    "in progress.",
		    g->id, g->refresh);
	return 0;
}

/* The activity named by the two required IDs (Stop/Resume/Cancel). */
static as_refresh *need_activity(as_call *c)
{
	char gid[AS_ID_MAX], rid[AS_ID_MAX];
	as_refresh *a;

	if (get_id(c, "AutoScalingGroupId", "asg-", gid) ||
	    get_id(c, "RefreshActivityId", "asr-", rid))
		return NULL;
	a = as_refresh_find(c->s, c->region, rid);
	if (a == NULL || strcmp(a->group, gid) != 0) {
		as_fail(c, "ResourceNotFound.RefreshActivityNotFound",
		        "The refresh activity `%s` does not exist in scaling "
		        "group `%s`.",
		        rid, gid);
		return NULL;
	}
	return a;
}

static int conflict(as_call *c, const as_refresh *a, const char *op)
{
	return as_fail(
	    c, "ResourceUnavailable.RefreshActivityStatusConflictWithOperation",
	    "The refresh activity `%s` is %s; %s is not possible in this "
	    "status.",
	    a->id, a_name[a->status], op);
}

/* ---- actions ------------------------------------------------------------- */

int as_do_start(as_call *c)
{
	settings st;
	as_group *g;
	as_refresh *a;
	const char **ids;
	long long per;
	size_t i;

	if (get_settings(c, &st) != 0 || (g = group_for_start(c)) == NULL ||
	    group_ready(c, g, ""))
		return -1;
	if (g->ninst == 0)
		return as_fail(c, "ResourceUnavailable.NoInstanceCanRefresh",
		               "The scaling group `%s` has no running instance "
		               "to refresh.",
		               g->id);
	if (st.batch_number > (long long)g->ninst)
		return as_fail(c, "InvalidParameterValue.BatchNumberTooLarge",
		               "`RefreshSettings.RollingUpdateSettings."
		               "BatchNumber` (%lld) is larger than the number "
		               "of instances to refresh (%zu).",
		               st.batch_number, g->ninst);
	per = ((long long)g->ninst + st.batch_number - 1) / st.batch_number;
	if (st.max_surge > per)
		return as_fail(
		    c, "InvalidParameterValue.MaxSurgeTooLarge",
		    "`RefreshSettings.RollingUpdateSettings.MaxSurge` (%lld) "
		    "is larger than the instances in one batch (%lld).",
		    st.max_surge, per);
	ids = calloc(g->ninst, sizeof(*ids));
	if (ids == NULL)
		return as_fail(c, "InternalError", "out of memory");
	for (i = 0; i < g->ninst; i++)
		ids[i] = g->inst[i].id;
	a = as_refresh_create(c->s, c->region, g, ids, g->ninst,
	                      st.batch_number);
	free(ids);
	if (a == NULL)
		return as_fail(c, "InternalError", "out of memory");
	apply_settings(a, &st);
	snprintf(g->refresh, sizeof(g->refresh), "%s", a->id);
	sb_key(c->out, &c->first, "RefreshActivityId");
	sb_jstr(c->out, a->id);
	return 0;
}

int as_do_stop(as_call *c)
{
	as_refresh *a = need_activity(c);

	if (a == NULL)
		return -1;
	if (a->status != A_INIT && a->status != A_RUNNING)
		return conflict(c, a, "StopInstanceRefresh");
	a->status = A_MANUAL_PAUSE;
	return 0;
}

int as_do_resume(as_call *c)
{
	static const char *const modes[] = {"RETRY", "CONTINUE", NULL};
	char mode[16];
	as_refresh *a;
	as_batch *b;
	size_t i;

	if (get_enum(c, "ResumeMode", mode, sizeof(mode), modes, "RETRY") ||
	    (a = need_activity(c)) == NULL)
		return -1;
	if (!is_paused(a->status))
		return conflict(c, a, "ResumeInstanceRefresh");
	b = &a->b[a->cur - 1];
	a->status = A_RUNNING;
	if (b->status == B_RUNNING)
		return 0;
	if (b->status == B_WAITING) {
		begin_batch(c->s, a, a->cur - 1, c->s->now);
	} else if (batch_failed(b) && strcmp(mode, "RETRY") == 0) {
		for (i = 0; i < b->n; i++)
			if (b->inst[i].status == I_FAILED)
				b->inst[i].status = I_WAITING;
		begin_batch(c->s, a, a->cur - 1, c->s->now);
	} else {
		next_or_finish(c->s, a, c->s->now);
	}
	return 0;
}

int as_do_cancel(as_call *c)
{
	as_refresh *a = need_activity(c);
	int j;

	if (a == NULL)
		return -1;
	if (!is_paused(a->status))
		return conflict(c, a, "CancelInstanceRefresh");
	for (j = 0; j < a->nb; j++)
		if (a->b[j].status == B_RUNNING || a->b[j].status == B_INIT)
			return as_fail(
			    c,
			    "ResourceUnavailable."
			    "RefreshActivityStatusConflictWithOperation",
			    "The refresh activity `%s` still has batch %d in "
			    "progress; wait until it has finished, then "
			    "cancel.",
			    a->id, j + 1);
	cancel_waiting(a);
	release(c->s, a, A_CANCELLED, c->s->now);
	return 0;
}

static int latest_of_group(emu_as *s, const as_refresh *a)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (s->r[i]->seq > a->seq &&
		    strcmp(s->r[i]->region, a->region) == 0 &&
		    strcmp(s->r[i]->group, a->group) == 0)
			return 0;
	return 1;
}

static int rollback_origin_ok(as_call *c, const as_refresh *o)
{
	if (o->rollback)
		return as_fail(c,
		               "ResourceUnavailable."
		               "RollbackTypeActivityCanNotRollbackAgain",
		               "The refresh activity `%s` is a rollback and "
		               "cannot be rolled back again.",
		               o->id);
	if (o->replace)
		return as_fail(
		    c, "UnsupportedOperation",
		    "The refresh activity `%s` uses ROLLING_UPDATE_REPLACE, "
		    "which cannot be rolled back.",
		    o->id);
	if (o->status == A_SUCCESSFUL && !latest_of_group(c->s, o))
		return as_fail(
		    c, "ResourceUnavailable.RefreshActivityCanNotRollback",
		    "The refresh activity `%s` is not the most recent one of "
		    "its group and cannot be rolled back.",
		    o->id);
	if (o->status != A_SUCCESSFUL && !is_paused(o->status))
		return conflict(c, o, "RollbackInstanceRefresh");
	return 0;
}

int as_do_rollback(as_call *c)
{
	char oid[AS_ID_MAX];
	const char **ids;
	settings st;
	as_group *g;
	as_refresh *o, *r;
	size_t n;

	if (get_settings(c, &st) ||
	    get_id(c, "OriginRefreshActivityId", "asr-", oid) ||
	    (g = group_for_start(c)) == NULL)
		return -1;
	if (st.replace)
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter `RefreshMode` must be "
		               "ROLLING_UPDATE_RESET for a rollback.");
	if (st.max_surge > 0)
		return as_fail(c, "InvalidParameterValue",
		               "The parameter "
		               "`RefreshSettings.RollingUpdateSettings."
		               "MaxSurge` is not supported for rollbacks.");
	o = as_refresh_find(c->s, c->region, oid);
	if (o == NULL || strcmp(o->group, g->id) != 0)
		return as_fail(c, "ResourceNotFound.RefreshActivityNotFound",
		               "The refresh activity `%s` does not exist in "
		               "scaling group `%s`.",
		               oid, g->id);
	if (rollback_origin_ok(c, o) || group_ready(c, g, o->id))
		return -1;
	ids = calloc(total_instances(o) + 1, sizeof(*ids));
	if (ids == NULL)
		return as_fail(c, "InternalError", "out of memory");
	n = rollback_set(c->s, o, ids);
	free(ids);
	if (n == 0)
		return as_fail(
		    c, "ResourceUnavailable.NoInstanceCanRollback",
		    "No instance of refresh activity `%s` can be rolled back.",
		    o->id);
	if (st.batch_number > (long long)n)
		return as_fail(c, "InvalidParameterValue.BatchNumberTooLarge",
		               "`RefreshSettings.RollingUpdateSettings."
		               "BatchNumber` (%lld) is larger than the number "
		               "of instances to roll back (%zu).",
		               st.batch_number, n);
	close_origin(c->s, o, c->s->now);
	r = start_rollback(c->s, o, st.batch_number, c->s->now);
	if (r == NULL)
		return as_fail(c, "InternalError",
		               "rollback could not be created");
	apply_settings(r, &st);
	sb_key(c->out, &c->first, "RefreshActivityId");
	sb_jstr(c->out, r->id);
	return 0;
}

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
	          num, b_name[bt->status]);
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
		    i ? "," : "", in->id, i_name[in->status], in->act);
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
	          a->rollback ? "ROLLBACK" : "NORMAL", a_name[a->status],
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
					if (strcmp(v, a_name[ok]) == 0)
						break;
				ok = ok < A_NSTATUS;
			} else if (strcmp(name, "refresh-activity-type") == 0) {
				ok = enum_ok(v, types);
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
	                       a_name[a->status], &h) &&
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
