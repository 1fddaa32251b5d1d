/*
 * tcas/as.h - typed Auto Scaling calls and a validated request builder.
 *
 * Typed calls exist for the six instance refresh actions and for the
 * scaling calls a gateway makes most. Each takes a request struct and
 * fills a response struct:
 *
 *   - request strings are the caller's (NULL = leave the parameter out);
 *     optional numbers and booleans are tcas_as_opt (zero = left out, set
 *     them with TCAS_AS_SOME(v)); required numbers are plain integers;
 *   - response strings point into the caller's `strings` buffer (cap
 *     bytes), NUL-terminated, valid while that buffer is; NULL when the
 *     member is absent or null. Numbers absent from the response read 0;
 *   - response arrays are fixed arrays with a count; their capacities come
 *     from tcas/config.h (TCAS_AS_ITEMS_MAX, TCAS_AS_BATCHES_MAX, ...).
 *
 * The request body is built in a stack buffer of TCAS_REQ_BODY_MAX bytes
 * and checked against the action table (tcas/params.h) before anything is
 * sent; a request that does not match fails with TCAS_E_PARAM and nothing
 * is sent (res->error_message says which parameter and why).
 *
 * Paging: the Describe calls send Limit = the array capacity when the
 * caller leaves limit unset, so a page always fits; total_count tells how
 * many there are; advance offset to page on. A nested array (batches of an
 * activity, instances of a batch) longer than its capacity fails with
 * TCAS_E_TOO_MANY_ITEMS; a response whose strings do not fit `strings`
 * fails with TCAS_E_STRINGS_FULL. The response struct is then partly
 * filled and must not be used.
 *
 * Every call returns what tcas_client_call() returns (res is filled the
 * same way, res->doc stays valid until the next call on the client), or:
 *   TCAS_E_PARAM           the request does not match the spec
 *   TCAS_E_REQ_TOO_LARGE   the request body exceeds TCAS_REQ_BODY_MAX
 *   TCAS_E_TOO_MANY_ITEMS, TCAS_E_STRINGS_FULL   see above
 *   TCAS_E_RESPONSE        a response member has an unexpected type
 *   TCAS_E_ARG             c, rq, rs, res NULL, or strings NULL with cap
 */
#ifndef TCAS_AS_H
#define TCAS_AS_H

#include <stddef.h>
#include <stdint.h>

#include "tcas/client.h"
#include "tcas/config.h"
#include "tcas/jsonw.h"
#include "tcas/params.h"

/* An optional number or boolean in a request. */
typedef struct tcas_as_opt {
	int set;
	int64_t v;
} tcas_as_opt;
#define TCAS_AS_SOME(x) ((tcas_as_opt){1, (int64_t)(x)})

/* A list of strings in a request. */
typedef struct tcas_as_strs {
	const char *const *v;
	size_t n;
} tcas_as_strs;

/* A filter of a Describe call: Name and its Values. */
typedef struct tcas_as_filter {
	const char *name;
	tcas_as_strs values;
} tcas_as_filter;

typedef struct tcas_as_filters {
	const tcas_as_filter *v;
	size_t n;
} tcas_as_filters;

/* ---- instance refresh ---------------------------------------------------- */

typedef struct tcas_as_rolling_update_settings {
	uint64_t batch_number;   /* required */
	const char *batch_pause; /* FIRST_BATCH_PAUSE, BATCH_INTERVAL_PAUSE,
	                          * AUTOMATIC */
	tcas_as_opt max_surge;
	const char *fail_process; /* AUTO_PAUSE, AUTO_ROLLBACK, AUTO_CANCEL */
} tcas_as_rolling_update_settings;

typedef struct tcas_as_refresh_settings {
	tcas_as_rolling_update_settings rolling_update_settings;
	tcas_as_opt check_instance_target_health;         /* boolean */
	tcas_as_opt check_instance_target_health_timeout; /* seconds */
} tcas_as_refresh_settings;

typedef struct tcas_as_start_instance_refresh_req {
	const char *auto_scaling_group_id;
	tcas_as_refresh_settings refresh_settings;
	const char *refresh_mode; /* ROLLING_UPDATE_RESET (default),
	                           * ROLLING_UPDATE_REPLACE */
} tcas_as_start_instance_refresh_req;

typedef struct tcas_as_rollback_instance_refresh_req {
	const char *auto_scaling_group_id;
	tcas_as_refresh_settings refresh_settings;
	const char *origin_refresh_activity_id;
	const char *refresh_mode;
} tcas_as_rollback_instance_refresh_req;

/* Stop, Cancel and Resume name one activity of one group. */
typedef struct tcas_as_refresh_ref_req {
	const char *auto_scaling_group_id;
	const char *refresh_activity_id;
	const char *resume_mode; /* Resume only: RETRY (default) or
	                          * CONTINUE */
} tcas_as_refresh_ref_req;

/* Responses that carry only ids. */
typedef struct tcas_as_id_resp {
	const char *id; /* RefreshActivityId or ActivityId; NULL
	                 * for calls that return none */
	const char *request_id;
} tcas_as_id_resp;

typedef struct tcas_as_refresh_instance {
	const char *instance_id, *instance_status, *last_activity_id;
	const char *instance_status_message;
} tcas_as_refresh_instance;

typedef struct tcas_as_refresh_batch {
	int64_t refresh_batch_num;
	const char *refresh_batch_status, *start_time, *end_time;
	tcas_as_refresh_instance instances[TCAS_AS_BATCH_INSTANCES_MAX];
	size_t instance_count;
} tcas_as_refresh_batch;

/* RefreshSettings as a response reports them. */
typedef struct tcas_as_rolling_update_info {
	int64_t batch_number, max_surge;
	const char *batch_pause, *fail_process;
} tcas_as_rolling_update_info;

typedef struct tcas_as_refresh_settings_info {
	tcas_as_rolling_update_info rolling_update_settings;
	int check_instance_target_health;
	int64_t check_instance_target_health_timeout;
} tcas_as_refresh_settings_info;

typedef struct tcas_as_refresh_activity {
	const char *auto_scaling_group_id, *refresh_activity_id;
	const char *origin_refresh_activity_id, *refresh_mode;
	const char *activity_type, *status;
	int64_t current_refresh_batch_num;
	const char *start_time, *end_time, *created_time;
	tcas_as_refresh_settings_info refresh_settings;
	tcas_as_refresh_batch batches[TCAS_AS_BATCHES_MAX];
	size_t batch_count;
} tcas_as_refresh_activity;

typedef struct tcas_as_describe_req {
	tcas_as_strs ids; /* RefreshActivityIds, AutoScalingGroupIds,
	                   * InstanceIds or ActivityIds */
	tcas_as_filters filters;
	tcas_as_opt limit, offset;         /* limit unset: the array capacity */
	const char *start_time, *end_time; /* Activities only */
} tcas_as_describe_req;

typedef struct tcas_as_refresh_activities {
	int64_t total_count;
	tcas_as_refresh_activity items[TCAS_AS_ITEMS_MAX];
	size_t count;
	const char *request_id;
} tcas_as_refresh_activities;

int tcas_as_start_instance_refresh(tcas_client *c,
                                   const tcas_as_start_instance_refresh_req *rq,
                                   tcas_as_id_resp *rs, char *strings,
                                   size_t cap, tcas_result *res);
int tcas_as_rollback_instance_refresh(
    tcas_client *c, const tcas_as_rollback_instance_refresh_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res);
int tcas_as_resume_instance_refresh(tcas_client *c,
                                    const tcas_as_refresh_ref_req *rq,
                                    tcas_as_id_resp *rs, char *strings,
                                    size_t cap, tcas_result *res);
/* rq->resume_mode is ignored by Stop and Cancel. */
int tcas_as_stop_instance_refresh(tcas_client *c,
                                  const tcas_as_refresh_ref_req *rq,
                                  tcas_as_id_resp *rs, char *strings,
                                  size_t cap, tcas_result *res);
int tcas_as_cancel_instance_refresh(tcas_client *c,
                                    const tcas_as_refresh_ref_req *rq,
                                    tcas_as_id_resp *rs, char *strings,
                                    size_t cap, tcas_result *res);
int tcas_as_describe_refresh_activities(tcas_client *c,
                                        const tcas_as_describe_req *rq,
                                        tcas_as_refresh_activities *rs,
                                        char *strings, size_t cap,
                                        tcas_result *res);

/* ---- scaling ------------------------------------------------------------- */

typedef struct tcas_as_group {
	const char *auto_scaling_group_id, *auto_scaling_group_name;
	const char *auto_scaling_group_status, *enabled_status;
	const char *in_activity_status, *launch_configuration_id;
	const char *vpc_id, *created_time, *health_check_type;
	int64_t desired_capacity, min_size, max_size, instance_count;
	int64_t in_service_instance_count, default_cooldown;
	const char *subnet_ids[TCAS_AS_LIST_MAX];
	size_t subnet_ids_count;
	const char *zones[TCAS_AS_LIST_MAX];
	size_t zones_count;
} tcas_as_group;

typedef struct tcas_as_groups {
	int64_t total_count;
	tcas_as_group items[TCAS_AS_ITEMS_MAX];
	size_t count;
	const char *request_id;
} tcas_as_groups;

typedef struct tcas_as_instance {
	const char *instance_id, *auto_scaling_group_id;
	const char *launch_configuration_id, *life_cycle_state;
	const char *health_status, *zone, *creation_type, *add_time;
	const char *instance_type, *warmup_status;
	int protected_from_scale_in;
	int64_t version_number;
} tcas_as_instance;

typedef struct tcas_as_instances {
	int64_t total_count;
	tcas_as_instance items[TCAS_AS_ITEMS_MAX];
	size_t count;
	const char *request_id;
} tcas_as_instances;

typedef struct tcas_as_activity {
	const char *auto_scaling_group_id, *activity_id, *activity_type;
	const char *status_code, *status_message, *cause, *description;
	const char *start_time, *end_time, *created_time;
} tcas_as_activity;

typedef struct tcas_as_activities {
	int64_t total_count;
	tcas_as_activity items[TCAS_AS_ITEMS_MAX];
	size_t count;
	const char *request_id;
} tcas_as_activities;

typedef struct tcas_as_modify_desired_capacity_req {
	const char *auto_scaling_group_id;
	uint64_t desired_capacity;
	tcas_as_opt min_size, max_size;
} tcas_as_modify_desired_capacity_req;

/* ScaleOut/ScaleIn: number is ScaleOutNumber / ScaleInNumber. */
typedef struct tcas_as_scale_req {
	const char *auto_scaling_group_id;
	uint64_t number;
} tcas_as_scale_req;

typedef struct tcas_as_execute_scaling_policy_req {
	const char *auto_scaling_policy_id;
	tcas_as_opt honor_cooldown; /* boolean */
	const char *trigger_source; /* API (default), CLOUD_MONITOR */
} tcas_as_execute_scaling_policy_req;

typedef struct tcas_as_complete_lifecycle_action_req {
	const char *lifecycle_hook_id;
	const char *lifecycle_action_result; /* CONTINUE or ABANDON */
	const char *instance_id;
	const char *lifecycle_action_token;
} tcas_as_complete_lifecycle_action_req;

int tcas_as_describe_auto_scaling_groups(tcas_client *c,
                                         const tcas_as_describe_req *rq,
                                         tcas_as_groups *rs, char *strings,
                                         size_t cap, tcas_result *res);
int tcas_as_describe_auto_scaling_instances(tcas_client *c,
                                            const tcas_as_describe_req *rq,
                                            tcas_as_instances *rs,
                                            char *strings, size_t cap,
                                            tcas_result *res);
int tcas_as_describe_auto_scaling_activities(tcas_client *c,
                                             const tcas_as_describe_req *rq,
                                             tcas_as_activities *rs,
                                             char *strings, size_t cap,
                                             tcas_result *res);
int tcas_as_modify_desired_capacity(
    tcas_client *c, const tcas_as_modify_desired_capacity_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res);
int tcas_as_scale_out_instances(tcas_client *c, const tcas_as_scale_req *rq,
                                tcas_as_id_resp *rs, char *strings, size_t cap,
                                tcas_result *res);
int tcas_as_scale_in_instances(tcas_client *c, const tcas_as_scale_req *rq,
                               tcas_as_id_resp *rs, char *strings, size_t cap,
                               tcas_result *res);
int tcas_as_execute_scaling_policy(tcas_client *c,
                                   const tcas_as_execute_scaling_policy_req *rq,
                                   tcas_as_id_resp *rs, char *strings,
                                   size_t cap, tcas_result *res);
int tcas_as_complete_lifecycle_action(
    tcas_client *c, const tcas_as_complete_lifecycle_action_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res);

/* ---- every other action: the validated builder --------------------------- */

/*
 * Build the parameters of any action member by member; each name is
 * checked against the action's table as it is added (unknown name, wrong
 * type, given twice), the whole body again by tcas_req_call(). Errors are
 * sticky (first one kept), so a sequence of adds needs one check:
 *
 *     tcas_req r;
 *     tcas_req_begin(&r, "DetachInstances", buf, sizeof buf);
 *     tcas_req_str(&r, "AutoScalingGroupId", "asg-1");
 *     tcas_req_strs(&r, "InstanceIds", ids, 2);
 *     err = tcas_req_call(c, &r, &res);
 *
 * buf (cap bytes) holds the JSON body; it and r stay the caller's.
 */
typedef struct tcas_req {
	tcas_jw w;
	const tcas_action *a;
	int err;
	tcas_param_error perr; /* details of a TCAS_E_PARAM */
	uint64_t given;        /* bit i: parameter i added */
} tcas_req;

/* TCAS_OK, TCAS_E_ARG (r/action/buf NULL), TCAS_E_PARAM (no such action,
 * perr.field is the name). */
int tcas_req_begin(tcas_req *r, const char *action, char *buf, size_t cap);
void tcas_req_str(tcas_req *r, const char *name, const char *v);
void tcas_req_int(tcas_req *r, const char *name, int64_t v);
void tcas_req_bool(tcas_req *r, const char *name, int v);
void tcas_req_strs(tcas_req *r, const char *name, const char *const *v,
                   size_t n);
/* A value given as JSON text (objects, lists of objects); checked with
 * the whole body. */
void tcas_req_json(tcas_req *r, const char *name, const char *json);

/* Finish the body, validate it (tcas_params_validate() over c's token
 * array) and call. Returns the sticky error (TCAS_E_PARAM with r->perr,
 * TCAS_E_REQ_TOO_LARGE when buf was too small) or tcas_client_call()'s. */
int tcas_req_call(tcas_client *c, tcas_req *r, tcas_result *res);

#endif /* TCAS_AS_H */
