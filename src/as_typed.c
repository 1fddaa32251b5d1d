/* Typed Auto Scaling calls and the validated request builder; contract
 * in tcas/as.h. One table-driven encoder and decoder serve every call:
 * each call is a request table, a response table and one line. */
#include "inner.h"

#include "tcas/as.h"

enum {
	RQ_STR,
	RQ_U64,
	RQ_OPT,
	RQ_OPTB,
	RQ_STRS,
	RQ_FILTERS,
	RQ_OBJ,
	RS_STR,
	RS_INT,
	RS_BOOL,
	RS_STRS,
	RS_OBJ,
	RS_OBJS
};

typedef struct desc desc;
typedef struct fld {
	const char *name;
	int kind;
	size_t off;
	size_t count_off; /* RS_STRS, RS_OBJS: the size_t count */
	size_t cap;       /* RS_STRS, RS_OBJS: elements */
	size_t size;      /* RS_OBJS: element size */
	const desc *sub;  /* RQ_OBJ, RS_OBJ, RS_OBJS */
} fld;
struct desc {
	const fld *f;
	size_t n;
};

#define D(t)                                                                   \
	{                                                                      \
		t, TCAS_COUNTOF(t)                                             \
	}
#define F(name, kind, type, m)                                                 \
	{                                                                      \
		name, kind, offsetof(type, m), 0, 0, 0, NULL                   \
	}
#define FO(name, kind, type, m, sub)                                           \
	{                                                                      \
		name, kind, offsetof(type, m), 0, 0, 0, &sub                   \
	}
#define FL(name, type, m)                                                      \
	{                                                                      \
		name, RS_STRS, offsetof(type, m), offsetof(type, m##_count),   \
		    TCAS_COUNTOF(((type *)0)->m), 0, NULL                      \
	}
#define FA(name, type, m, cnt, sub)                                            \
	{                                                                      \
		name, RS_OBJS, offsetof(type, m), offsetof(type, cnt),         \
		    TCAS_COUNTOF(((type *)0)->m), sizeof(((type *)0)->m[0]),   \
		    &sub                                                       \
	}

/* ---- request tables ------------------------------------------------------ */

typedef tcas_as_rolling_update_settings rus_t;
static const fld rus_f[] = {
    F("BatchNumber", RQ_U64, rus_t, batch_number),
    F("BatchPause", RQ_STR, rus_t, batch_pause),
    F("MaxSurge", RQ_OPT, rus_t, max_surge),
    F("FailProcess", RQ_STR, rus_t, fail_process),
};
static const desc rus_d = D(rus_f);

typedef tcas_as_refresh_settings rs_t;
static const fld rset_f[] = {
    FO("RollingUpdateSettings", RQ_OBJ, rs_t, rolling_update_settings, rus_d),
    F("CheckInstanceTargetHealth", RQ_OPTB, rs_t, check_instance_target_health),
    F("CheckInstanceTargetHealthTimeout", RQ_OPT, rs_t,
      check_instance_target_health_timeout),
};
static const desc rset_d = D(rset_f);

typedef tcas_as_start_instance_refresh_req start_t;
static const fld start_f[] = {
    F("AutoScalingGroupId", RQ_STR, start_t, auto_scaling_group_id),
    FO("RefreshSettings", RQ_OBJ, start_t, refresh_settings, rset_d),
    F("RefreshMode", RQ_STR, start_t, refresh_mode),
};
static const desc start_d = D(start_f);

typedef tcas_as_rollback_instance_refresh_req rb_t;
static const fld rb_f[] = {
    F("AutoScalingGroupId", RQ_STR, rb_t, auto_scaling_group_id),
    FO("RefreshSettings", RQ_OBJ, rb_t, refresh_settings, rset_d),
    F("OriginRefreshActivityId", RQ_STR, rb_t, origin_refresh_activity_id),
    F("RefreshMode", RQ_STR, rb_t, refresh_mode),
};
static const desc rb_d = D(rb_f);

typedef tcas_as_refresh_ref_req ref_t;
static const fld ref_f[] = {
    F("AutoScalingGroupId", RQ_STR, ref_t, auto_scaling_group_id),
    F("RefreshActivityId", RQ_STR, ref_t, refresh_activity_id),
    F("ResumeMode", RQ_STR, ref_t, resume_mode),
};
static const desc resume_d = {ref_f, 3};
static const desc ref_d = {ref_f, 2};

typedef tcas_as_describe_req dq_t;
#define DESCRIBE_F(nm)                                                         \
	F(nm, RQ_STRS, dq_t, ids), F("Filters", RQ_FILTERS, dq_t, filters),    \
	    F("Limit", RQ_OPT, dq_t, limit), F("Offset", RQ_OPT, dq_t, offset)
static const fld dra_f[] = {DESCRIBE_F("RefreshActivityIds")};
static const fld dgr_f[] = {DESCRIBE_F("AutoScalingGroupIds")};
static const fld din_f[] = {DESCRIBE_F("InstanceIds")};
static const fld dac_f[] = {
    DESCRIBE_F("ActivityIds"),
    F("StartTime", RQ_STR, dq_t, start_time),
    F("EndTime", RQ_STR, dq_t, end_time),
};
static const desc dra_d = D(dra_f), dgr_d = D(dgr_f), din_d = D(din_f),
                  dac_d = D(dac_f);

typedef tcas_as_modify_desired_capacity_req mdc_t;
static const fld mdc_f[] = {
    F("AutoScalingGroupId", RQ_STR, mdc_t, auto_scaling_group_id),
    F("DesiredCapacity", RQ_U64, mdc_t, desired_capacity),
    F("MinSize", RQ_OPT, mdc_t, min_size),
    F("MaxSize", RQ_OPT, mdc_t, max_size),
};
static const desc mdc_d = D(mdc_f);

typedef tcas_as_scale_req sc_t;
static const fld so_f[] = {
    F("AutoScalingGroupId", RQ_STR, sc_t, auto_scaling_group_id),
    F("ScaleOutNumber", RQ_U64, sc_t, number),
};
static const fld si_f[] = {
    F("AutoScalingGroupId", RQ_STR, sc_t, auto_scaling_group_id),
    F("ScaleInNumber", RQ_U64, sc_t, number),
};
static const desc so_d = D(so_f), si_d = D(si_f);

typedef tcas_as_execute_scaling_policy_req esp_t;
static const fld esp_f[] = {
    F("AutoScalingPolicyId", RQ_STR, esp_t, auto_scaling_policy_id),
    F("HonorCooldown", RQ_OPTB, esp_t, honor_cooldown),
    F("TriggerSource", RQ_STR, esp_t, trigger_source),
};
static const desc esp_d = D(esp_f);

typedef tcas_as_complete_lifecycle_action_req cla_t;
static const fld cla_f[] = {
    F("LifecycleHookId", RQ_STR, cla_t, lifecycle_hook_id),
    F("LifecycleActionResult", RQ_STR, cla_t, lifecycle_action_result),
    F("InstanceId", RQ_STR, cla_t, instance_id),
    F("LifecycleActionToken", RQ_STR, cla_t, lifecycle_action_token),
};
static const desc cla_d = D(cla_f);

/* ---- response tables ----------------------------------------------------- */

typedef tcas_as_id_resp id_t_;
static const fld rid_f[] = {
    F("RefreshActivityId", RS_STR, id_t_, id),
    F("RequestId", RS_STR, id_t_, request_id),
};
static const fld aid_f[] = {
    F("ActivityId", RS_STR, id_t_, id),
    F("RequestId", RS_STR, id_t_, request_id),
};
static const desc rid_d = D(rid_f), aid_d = D(aid_f);
static const desc reqid_d = {rid_f + 1, 1};

typedef tcas_as_refresh_instance ri_t;
static const fld ri_f[] = {
    F("InstanceId", RS_STR, ri_t, instance_id),
    F("InstanceStatus", RS_STR, ri_t, instance_status),
    F("LastActivityId", RS_STR, ri_t, last_activity_id),
    F("InstanceStatusMessage", RS_STR, ri_t, instance_status_message),
};
static const desc ri_d = D(ri_f);

typedef tcas_as_refresh_batch rbt_t;
static const fld rbt_f[] = {
    F("RefreshBatchNum", RS_INT, rbt_t, refresh_batch_num),
    F("RefreshBatchStatus", RS_STR, rbt_t, refresh_batch_status),
    FA("RefreshBatchRelatedInstanceSet", rbt_t, instances, instance_count,
       ri_d),
    F("StartTime", RS_STR, rbt_t, start_time),
    F("EndTime", RS_STR, rbt_t, end_time),
};
static const desc rbt_d = D(rbt_f);

typedef tcas_as_refresh_activity ra_t;
typedef tcas_as_rolling_update_info rui_t;
static const fld rrus_f[] = {
    F("BatchNumber", RS_INT, rui_t, batch_number),
    F("BatchPause", RS_STR, rui_t, batch_pause),
    F("MaxSurge", RS_INT, rui_t, max_surge),
    F("FailProcess", RS_STR, rui_t, fail_process),
};
static const desc rrus_d = D(rrus_f);
typedef tcas_as_refresh_settings_info rsi_t;
static const fld rrset_f[] = {
    FO("RollingUpdateSettings", RS_OBJ, rsi_t, rolling_update_settings, rrus_d),
    F("CheckInstanceTargetHealth", RS_BOOL, rsi_t,
      check_instance_target_health),
    F("CheckInstanceTargetHealthTimeout", RS_INT, rsi_t,
      check_instance_target_health_timeout),
};
static const desc rrset_d = D(rrset_f);
static const fld ra_f[] = {
    F("AutoScalingGroupId", RS_STR, ra_t, auto_scaling_group_id),
    F("RefreshActivityId", RS_STR, ra_t, refresh_activity_id),
    F("OriginRefreshActivityId", RS_STR, ra_t, origin_refresh_activity_id),
    FA("RefreshBatchSet", ra_t, batches, batch_count, rbt_d),
    F("RefreshMode", RS_STR, ra_t, refresh_mode),
    FO("RefreshSettings", RS_OBJ, ra_t, refresh_settings, rrset_d),
    F("ActivityType", RS_STR, ra_t, activity_type),
    F("Status", RS_STR, ra_t, status),
    F("CurrentRefreshBatchNum", RS_INT, ra_t, current_refresh_batch_num),
    F("StartTime", RS_STR, ra_t, start_time),
    F("EndTime", RS_STR, ra_t, end_time),
    F("CreatedTime", RS_STR, ra_t, created_time),
};
static const desc ra_d = D(ra_f);

typedef tcas_as_refresh_activities ras_t;
static const fld ras_f[] = {
    F("TotalCount", RS_INT, ras_t, total_count),
    FA("RefreshActivitySet", ras_t, items, count, ra_d),
    F("RequestId", RS_STR, ras_t, request_id),
};
static const desc ras_d = D(ras_f);

typedef tcas_as_group g_t;
static const fld g_f[] = {
    F("AutoScalingGroupId", RS_STR, g_t, auto_scaling_group_id),
    F("AutoScalingGroupName", RS_STR, g_t, auto_scaling_group_name),
    F("AutoScalingGroupStatus", RS_STR, g_t, auto_scaling_group_status),
    F("EnabledStatus", RS_STR, g_t, enabled_status),
    F("InActivityStatus", RS_STR, g_t, in_activity_status),
    F("LaunchConfigurationId", RS_STR, g_t, launch_configuration_id),
    F("VpcId", RS_STR, g_t, vpc_id),
    F("CreatedTime", RS_STR, g_t, created_time),
    F("HealthCheckType", RS_STR, g_t, health_check_type),
    F("DesiredCapacity", RS_INT, g_t, desired_capacity),
    F("MinSize", RS_INT, g_t, min_size),
    F("MaxSize", RS_INT, g_t, max_size),
    F("InstanceCount", RS_INT, g_t, instance_count),
    F("InServiceInstanceCount", RS_INT, g_t, in_service_instance_count),
    F("DefaultCooldown", RS_INT, g_t, default_cooldown),
    FL("SubnetIdSet", g_t, subnet_ids),
    FL("ZoneSet", g_t, zones),
};
static const desc g_d = D(g_f);
#define PAGE_F(type, set, sub)                                                 \
	F("TotalCount", RS_INT, type, total_count),                            \
	    FA(set, type, items, count, sub),                                  \
	    F("RequestId", RS_STR, type, request_id)
typedef tcas_as_groups gs_t;
static const fld gs_f[] = {PAGE_F(gs_t, "AutoScalingGroupSet", g_d)};
static const desc gs_d = D(gs_f);

typedef tcas_as_instance in_t;
static const fld in_f[] = {
    F("InstanceId", RS_STR, in_t, instance_id),
    F("AutoScalingGroupId", RS_STR, in_t, auto_scaling_group_id),
    F("LaunchConfigurationId", RS_STR, in_t, launch_configuration_id),
    F("LifeCycleState", RS_STR, in_t, life_cycle_state),
    F("HealthStatus", RS_STR, in_t, health_status),
    F("Zone", RS_STR, in_t, zone),
    F("CreationType", RS_STR, in_t, creation_type),
    F("AddTime", RS_STR, in_t, add_time),
    F("InstanceType", RS_STR, in_t, instance_type),
    F("WarmupStatus", RS_STR, in_t, warmup_status),
    F("ProtectedFromScaleIn", RS_BOOL, in_t, protected_from_scale_in),
    F("VersionNumber", RS_INT, in_t, version_number),
};
static const desc in_d = D(in_f);
typedef tcas_as_instances ins_t;
static const fld ins_f[] = {PAGE_F(ins_t, "AutoScalingInstanceSet", in_d)};
static const desc ins_d = D(ins_f);

typedef tcas_as_activity ac_t;
static const fld ac_f[] = {
    F("AutoScalingGroupId", RS_STR, ac_t, auto_scaling_group_id),
    F("ActivityId", RS_STR, ac_t, activity_id),
    F("ActivityType", RS_STR, ac_t, activity_type),
    F("StatusCode", RS_STR, ac_t, status_code),
    F("StatusMessage", RS_STR, ac_t, status_message),
    F("Cause", RS_STR, ac_t, cause),
    F("Description", RS_STR, ac_t, description),
    F("StartTime", RS_STR, ac_t, start_time),
    F("EndTime", RS_STR, ac_t, end_time),
    F("CreatedTime", RS_STR, ac_t, created_time),
};
static const desc ac_d = D(ac_f);
typedef tcas_as_activities acs_t;
static const fld acs_f[] = {PAGE_F(acs_t, "ActivitySet", ac_d)};
static const desc acs_d = D(acs_f);

/* ---- encoder ------------------------------------------------------------- */

typedef const char *cstr;
#define AT(base, off, type)                                                    \
	((const type *)(const void *)((const char *)(base) + (off)))

static void enc_strs(tcas_jw *w, const tcas_as_strs *s)
{
	size_t i;

	tcas_jw_arr_begin(w);
	for (i = 0; i < s->n; i++)
		tcas_jw_str(w, s->v[i] ? s->v[i] : "");
	tcas_jw_arr_end(w);
}

static void enc_filters(tcas_jw *w, const tcas_as_filters *f)
{
	size_t i;

	tcas_jw_arr_begin(w);
	for (i = 0; i < f->n; i++) {
		tcas_jw_obj_begin(w);
		tcas_jw_key(w, "Name");
		tcas_jw_str(w, f->v[i].name ? f->v[i].name : "");
		tcas_jw_key(w, "Values");
		enc_strs(w, &f->v[i].values);
		tcas_jw_obj_end(w);
	}
	tcas_jw_arr_end(w);
}

static void enc(tcas_jw *w, const desc *d, const void *in)
{
	size_t i;

	tcas_jw_obj_begin(w);
	for (i = 0; i < d->n; i++) {
		const fld *f = &d->f[i];
		const tcas_as_opt *o = AT(in, f->off, tcas_as_opt);

		switch (f->kind) {
		case RQ_STR:
			if (*AT(in, f->off, cstr) == NULL)
				continue;
			tcas_jw_key(w, f->name);
			tcas_jw_str(w, *AT(in, f->off, cstr));
			break;
		case RQ_U64:
			tcas_jw_key(w, f->name);
			tcas_jw_uint(w, *AT(in, f->off, uint64_t));
			break;
		case RQ_OPT:
		case RQ_OPTB:
			if (!o->set)
				continue;
			tcas_jw_key(w, f->name);
			if (f->kind == RQ_OPTB)
				tcas_jw_bool(w, o->v != 0);
			else
				tcas_jw_int(w, o->v);
			break;
		case RQ_STRS:
			if (AT(in, f->off, tcas_as_strs)->n == 0)
				continue;
			tcas_jw_key(w, f->name);
			enc_strs(w, AT(in, f->off, tcas_as_strs));
			break;
		case RQ_FILTERS:
			if (AT(in, f->off, tcas_as_filters)->n == 0)
				continue;
			tcas_jw_key(w, f->name);
			enc_filters(w, AT(in, f->off, tcas_as_filters));
			break;
		default: /* RQ_OBJ */
			tcas_jw_key(w, f->name);
			enc(w, f->sub, AT(in, f->off, char));
			break;
		}
	}
	tcas_jw_obj_end(w);
}

/* ---- decoder ------------------------------------------------------------- */

typedef struct dctx {
	const tcas_json *doc;
	char *s;
	size_t cap, len;
} dctx;

#define OUT(base, off, type) ((type *)(void *)((char *)(base) + (off)))

static int dec_str(dctx *x, int t, const char **out)
{
	size_t n;
	int err;

	if (tcas_json_type_of(x->doc, t) != TCAS_JSON_STRING)
		return TCAS_E_RESPONSE;
	err = tcas_json_get_string(x->doc, t, x->s ? x->s + x->len : NULL,
	                           x->cap - x->len, &n);
	if (err == TCAS_E_NOSPACE || (err == TCAS_E_ARG && x->s == NULL))
		return TCAS_E_STRINGS_FULL;
	if (err)
		return TCAS_E_RESPONSE;
	*out = x->s + x->len;
	x->len += n + 1;
	return TCAS_OK;
}

static int dec(dctx *x, const desc *d, int obj, void *out);

static int dec_list(dctx *x, const fld *f, int arr, void *out)
{
	size_t n = 0;
	int e, err;

	if (tcas_json_type_of(x->doc, arr) != TCAS_JSON_ARRAY)
		return TCAS_E_RESPONSE;
	if ((size_t)tcas_json_count(x->doc, arr) > f->cap)
		return TCAS_E_TOO_MANY_ITEMS;
	for (e = tcas_json_first(x->doc, arr); e >= 0;
	     e = tcas_json_next(x->doc, e), n++) {
		if (f->kind == RS_STRS)
			err = dec_str(x, e,
			              OUT(out, f->off + n * sizeof(char *),
			                  const char *));
		else
			err = dec(x, f->sub, e,
			          OUT(out, f->off + n * f->size, char));
		if (err)
			return err;
	}
	*OUT(out, f->count_off, size_t) = n;
	return TCAS_OK;
}

static int dec_field(dctx *x, const fld *f, int v, void *out)
{
	switch (f->kind) {
	case RS_STR:
		return dec_str(x, v, OUT(out, f->off, const char *));
	case RS_INT:
		return tcas_json_get_int64(x->doc, v, OUT(out, f->off, int64_t))
		           ? TCAS_E_RESPONSE
		           : TCAS_OK;
	case RS_BOOL:
		return tcas_json_get_bool(x->doc, v, OUT(out, f->off, int))
		           ? TCAS_E_RESPONSE
		           : TCAS_OK;
	case RS_OBJ:
		return dec(x, f->sub, v, OUT(out, f->off, char));
	default: /* RS_STRS, RS_OBJS */
		return dec_list(x, f, v, out);
	}
}

static int dec(dctx *x, const desc *d, int obj, void *out)
{
	size_t i;
	int v, err;

	if (tcas_json_type_of(x->doc, obj) != TCAS_JSON_OBJECT)
		return TCAS_E_RESPONSE;
	for (i = 0; i < d->n; i++) {
		if (tcas_json_member(x->doc, obj, d->f[i].name, &v) ||
		    tcas_json_is_null(x->doc, v))
			continue;
		if ((err = dec_field(x, &d->f[i], v, out)) != 0)
			return err;
	}
	return TCAS_OK;
}

/* ---- calls --------------------------------------------------------------- */

static void param_message(tcas_result *res, const tcas_param_error *e)
{
	static const char *const kinds[] = {"", "unknown parameter",
	                                    "missing parameter", "wrong type",
	                                    "bad value"};
	size_t n = 0;
	const char *parts[5];
	int i;

	parts[0] = kinds[e->kind >= 1 && e->kind <= 4 ? e->kind : 0];
	parts[1] = " ", parts[2] = e->field,
	parts[3] = e->detail[0] ? ": " : "";
	parts[4] = e->detail;
	for (i = 0; i < 5; i++) {
		size_t k = strlen(parts[i]);

		if (n + k + 1 > sizeof res->error_message)
			k = sizeof res->error_message - 1 - n;
		memcpy(res->error_message + n, parts[i], k);
		n += k;
	}
	res->error_message[n] = 0;
}

/* Validate body against action a using c's token array (free before the
 * call). */
static int check(tcas_client *c, const tcas_action *a, const char *body,
                 size_t len, tcas_result *res, tcas_param_error *pe)
{
	tcas_json doc;
	int err = tcas_json_parse(&doc, body, len, c->tok, c->tok_cap);

	if (err)
		return err == TCAS_E_JSON_TOO_MANY_TOKENS ? TCAS_E_REQ_TOO_LARGE
		                                          : TCAS_E_INTERNAL;
	err = tcas_params_validate(a, &doc, 0, pe);
	if (err == TCAS_E_PARAM)
		param_message(res, pe);
	return err;
}

static int call(tcas_client *c, const char *action, const desc *rqd,
                const void *rq, const desc *rsd, void *rs, size_t rs_size,
                char *strings, size_t cap, tcas_result *res)
{
	char body[TCAS_REQ_BODY_MAX];
	tcas_param_error pe;
	tcas_jw w;
	dctx x;
	size_t len;
	int err, t;

	if (!c || !rq || !rs || !res || (!strings && cap))
		return TCAS_E_ARG;
	memset(res, 0, sizeof *res);
	memset(rs, 0, rs_size);
	tcas_jw_init(&w, body, sizeof body);
	enc(&w, rqd, rq);
	err = tcas_jw_finish(&w, &len);
	if (err)
		return err == TCAS_E_NOSPACE ? TCAS_E_REQ_TOO_LARGE : err;
	err = check(c, tcas_as_action_find(action), body, len, res, &pe);
	if (!err)
		err = tcas_client_call(c, action, body, len, res);
	if (err)
		return err;
	x.doc = &res->doc, x.s = strings, x.cap = cap, x.len = 0;
	t = res->response;
	return dec(&x, rsd, t, rs);
}

#define CALL(action, rqd, rsd)                                                 \
	call(c, action, &rqd, rq, &rsd, rs, sizeof *rs, strings, cap, res)

int tcas_as_start_instance_refresh(tcas_client *c,
                                   const tcas_as_start_instance_refresh_req *rq,
                                   tcas_as_id_resp *rs, char *strings,
                                   size_t cap, tcas_result *res)
{
	return CALL("StartInstanceRefresh", start_d, rid_d);
}

int tcas_as_rollback_instance_refresh(
    tcas_client *c, const tcas_as_rollback_instance_refresh_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res)
{
	return CALL("RollbackInstanceRefresh", rb_d, rid_d);
}

int tcas_as_resume_instance_refresh(tcas_client *c,
                                    const tcas_as_refresh_ref_req *rq,
                                    tcas_as_id_resp *rs, char *strings,
                                    size_t cap, tcas_result *res)
{
	return CALL("ResumeInstanceRefresh", resume_d, reqid_d);
}

int tcas_as_stop_instance_refresh(tcas_client *c,
                                  const tcas_as_refresh_ref_req *rq,
                                  tcas_as_id_resp *rs, char *strings,
                                  size_t cap, tcas_result *res)
{
	return CALL("StopInstanceRefresh", ref_d, reqid_d);
}

int tcas_as_cancel_instance_refresh(tcas_client *c,
                                    const tcas_as_refresh_ref_req *rq,
                                    tcas_as_id_resp *rs, char *strings,
                                    size_t cap, tcas_result *res)
{
	return CALL("CancelInstanceRefresh", ref_d, reqid_d);
}

/* Describe calls: Limit defaults to the page capacity. */
static int describe(tcas_client *c, const char *action, const desc *rqd,
                    const tcas_as_describe_req *rq, const desc *rsd, void *rs,
                    size_t size, char *strings, size_t cap, tcas_result *res)
{
	tcas_as_describe_req q;

	if (rq == NULL)
		return TCAS_E_ARG;
	q = *rq;
	if (!q.limit.set)
		q.limit = TCAS_AS_SOME(TCAS_AS_ITEMS_MAX);
	return call(c, action, rqd, &q, rsd, rs, size, strings, cap, res);
}

int tcas_as_describe_refresh_activities(tcas_client *c,
                                        const tcas_as_describe_req *rq,
                                        tcas_as_refresh_activities *rs,
                                        char *strings, size_t cap,
                                        tcas_result *res)
{
	return describe(c, "DescribeRefreshActivities", &dra_d, rq, &ras_d, rs,
	                sizeof *rs, strings, cap, res);
}

int tcas_as_describe_auto_scaling_groups(tcas_client *c,
                                         const tcas_as_describe_req *rq,
                                         tcas_as_groups *rs, char *strings,
                                         size_t cap, tcas_result *res)
{
	return describe(c, "DescribeAutoScalingGroups", &dgr_d, rq, &gs_d, rs,
	                sizeof *rs, strings, cap, res);
}

int tcas_as_describe_auto_scaling_instances(tcas_client *c,
                                            const tcas_as_describe_req *rq,
                                            tcas_as_instances *rs,
                                            char *strings, size_t cap,
                                            tcas_result *res)
{
	return describe(c, "DescribeAutoScalingInstances", &din_d, rq, &ins_d,
	                rs, sizeof *rs, strings, cap, res);
}

int tcas_as_describe_auto_scaling_activities(tcas_client *c,
                                             const tcas_as_describe_req *rq,
                                             tcas_as_activities *rs,
                                             char *strings, size_t cap,
                                             tcas_result *res)
{
	return describe(c, "DescribeAutoScalingActivities", &dac_d, rq, &acs_d,
	                rs, sizeof *rs, strings, cap, res);
}

int tcas_as_modify_desired_capacity(
    tcas_client *c, const tcas_as_modify_desired_capacity_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res)
{
	return CALL("ModifyDesiredCapacity", mdc_d, reqid_d);
}

int tcas_as_scale_out_instances(tcas_client *c, const tcas_as_scale_req *rq,
                                tcas_as_id_resp *rs, char *strings, size_t cap,
                                tcas_result *res)
{
	return CALL("ScaleOutInstances", so_d, aid_d);
}

int tcas_as_scale_in_instances(tcas_client *c, const tcas_as_scale_req *rq,
                               tcas_as_id_resp *rs, char *strings, size_t cap,
                               tcas_result *res)
{
	return CALL("ScaleInInstances", si_d, aid_d);
}

int tcas_as_execute_scaling_policy(tcas_client *c,
                                   const tcas_as_execute_scaling_policy_req *rq,
                                   tcas_as_id_resp *rs, char *strings,
                                   size_t cap, tcas_result *res)
{
	return CALL("ExecuteScalingPolicy", esp_d, aid_d);
}

int tcas_as_complete_lifecycle_action(
    tcas_client *c, const tcas_as_complete_lifecycle_action_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res)
{
	return CALL("CompleteLifecycleAction", cla_d, reqid_d);
}

/* ---- the builder --------------------------------------------------------- */

static void req_fail(tcas_req *r, int kind, const char *name,
                     const char *detail)
{
	size_t n;

	if (r->err)
		return;
	r->err = TCAS_E_PARAM;
	r->perr.kind = kind;
	n = strlen(name);
	n = n < sizeof r->perr.field - 1 ? n : sizeof r->perr.field - 1;
	memcpy(r->perr.field, name, n);
	r->perr.field[n] = 0;
	n = strlen(detail);
	n = n < sizeof r->perr.detail - 1 ? n : sizeof r->perr.detail - 1;
	memcpy(r->perr.detail, detail, n);
	r->perr.detail[n] = 0;
}

int tcas_req_begin(tcas_req *r, const char *action, char *buf, size_t cap)
{
	if (r == NULL || action == NULL || buf == NULL)
		return TCAS_E_ARG;
	memset(r, 0, sizeof *r);
	r->a = tcas_as_action_find(action);
	if (r->a == NULL) {
		req_fail(r, TCAS_PARAM_UNKNOWN, action, "no such action");
		return r->err;
	}
	tcas_jw_init(&r->w, buf, cap);
	tcas_jw_obj_begin(&r->w);
	return TCAS_OK;
}

/* Look name up and check the kind of value being added. */
static int req_key(tcas_req *r, const char *name, int list, int t1, int t2)
{
	const tcas_param *p;
	size_t i;

	if (r == NULL || r->err || r->a == NULL)
		return -1;
	if (name == NULL || (p = tcas_action_param(r->a, name)) == NULL) {
		req_fail(r, TCAS_PARAM_UNKNOWN, name ? name : "", "");
		return -1;
	}
	i = (size_t)(p - r->a->params);
	if (i < 64 && (r->given >> i) & 1u) {
		req_fail(r, TCAS_PARAM_VALUE, name, "given twice");
		return -1;
	}
	if (t1 >= 0 &&
	    (p->is_list != list || (p->type != t1 && p->type != t2))) {
		req_fail(r, TCAS_PARAM_TYPE, name, tcas_type_text(p->type));
		return -1;
	}
	if (i < 64)
		r->given |= (uint64_t)1 << i;
	tcas_jw_key(&r->w, name);
	return 0;
}

void tcas_req_str(tcas_req *r, const char *name, const char *v)
{
	if (req_key(r, name, 0, TCAS_T_STRING, TCAS_T_DATETIME) == 0)
		tcas_jw_str(&r->w, v);
}

void tcas_req_int(tcas_req *r, const char *name, int64_t v)
{
	if (req_key(r, name, 0, TCAS_T_INT, TCAS_T_UINT) == 0)
		tcas_jw_int(&r->w, v);
}

void tcas_req_bool(tcas_req *r, const char *name, int v)
{
	if (req_key(r, name, 0, TCAS_T_BOOL, TCAS_T_BOOL) == 0)
		tcas_jw_bool(&r->w, v);
}

void tcas_req_strs(tcas_req *r, const char *name, const char *const *v,
                   size_t n)
{
	size_t i;

	if (req_key(r, name, 1, TCAS_T_STRING, TCAS_T_STRING) != 0)
		return;
	tcas_jw_arr_begin(&r->w);
	for (i = 0; i < n; i++)
		tcas_jw_str(&r->w, v[i]);
	tcas_jw_arr_end(&r->w);
}

void tcas_req_json(tcas_req *r, const char *name, const char *json)
{
	if (json == NULL || *json == 0) {
		if (r && r->a)
			req_fail(r, TCAS_PARAM_VALUE, name ? name : "",
			         "empty JSON text");
		return;
	}
	if (req_key(r, name, 0, -1, -1) == 0)
		tcas_jw_raw(&r->w, json, strlen(json));
}

int tcas_req_call(tcas_client *c, tcas_req *r, tcas_result *res)
{
	size_t len;
	int err;

	if (c == NULL || r == NULL || res == NULL)
		return TCAS_E_ARG;
	memset(res, 0, sizeof *res);
	if (r->err) {
		if (r->err == TCAS_E_PARAM)
			param_message(res, &r->perr);
		return r->err;
	}
	tcas_jw_obj_end(&r->w);
	err = tcas_jw_finish(&r->w, &len);
	if (err)
		return r->err =
		           err == TCAS_E_NOSPACE ? TCAS_E_REQ_TOO_LARGE : err;
	err = check(c, r->a, r->w.buf, len, res, &r->perr);
	if (err)
		return r->err = err;
	return tcas_client_call(c, r->a->name, r->w.buf, len, res);
}
