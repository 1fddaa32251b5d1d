/* Typed Auto Scaling calls and the validated request builder; contract
 * in tcas/as.h. One table-driven encoder and decoder serve every call:
 * each call is a request table, a response table and one line. The tables
 * (tcas_typed_*, typed_inner.h) are generated from the spec and
 * src/gen/as_typed.tables into as_typed_gen.c. */
#include "typed_inner.h"

typedef tcas_typed_field fld;
typedef tcas_typed_desc desc;

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

/* The call action with the tables tcas_typed_<name>_req and _resp. */
#define CALL(action, name)                                                     \
	call(c, action, &tcas_typed_##name##_req, rq,                          \
	     &tcas_typed_##name##_resp, rs, sizeof *rs, strings, cap, res)

int tcas_as_start_instance_refresh(tcas_client *c,
                                   const tcas_as_start_instance_refresh_req *rq,
                                   tcas_as_id_resp *rs, char *strings,
                                   size_t cap, tcas_result *res)
{
	return CALL("StartInstanceRefresh", start_instance_refresh);
}

int tcas_as_rollback_instance_refresh(
    tcas_client *c, const tcas_as_rollback_instance_refresh_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res)
{
	return CALL("RollbackInstanceRefresh", rollback_instance_refresh);
}

int tcas_as_resume_instance_refresh(tcas_client *c,
                                    const tcas_as_refresh_ref_req *rq,
                                    tcas_as_id_resp *rs, char *strings,
                                    size_t cap, tcas_result *res)
{
	return CALL("ResumeInstanceRefresh", resume_instance_refresh);
}

int tcas_as_stop_instance_refresh(tcas_client *c,
                                  const tcas_as_refresh_ref_req *rq,
                                  tcas_as_id_resp *rs, char *strings,
                                  size_t cap, tcas_result *res)
{
	return CALL("StopInstanceRefresh", stop_instance_refresh);
}

int tcas_as_cancel_instance_refresh(tcas_client *c,
                                    const tcas_as_refresh_ref_req *rq,
                                    tcas_as_id_resp *rs, char *strings,
                                    size_t cap, tcas_result *res)
{
	return CALL("CancelInstanceRefresh", cancel_instance_refresh);
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

/* Describe call action with the tables tcas_typed_<name>_req and _resp. */
#define DESCRIBE(action, name)                                                 \
	describe(c, action, &tcas_typed_##name##_req, rq,                      \
	         &tcas_typed_##name##_resp, rs, sizeof *rs, strings, cap, res)

int tcas_as_describe_refresh_activities(tcas_client *c,
                                        const tcas_as_describe_req *rq,
                                        tcas_as_refresh_activities *rs,
                                        char *strings, size_t cap,
                                        tcas_result *res)
{
	return DESCRIBE("DescribeRefreshActivities",
	                describe_refresh_activities);
}

int tcas_as_describe_auto_scaling_groups(tcas_client *c,
                                         const tcas_as_describe_req *rq,
                                         tcas_as_groups *rs, char *strings,
                                         size_t cap, tcas_result *res)
{
	return DESCRIBE("DescribeAutoScalingGroups",
	                describe_auto_scaling_groups);
}

int tcas_as_describe_auto_scaling_instances(tcas_client *c,
                                            const tcas_as_describe_req *rq,
                                            tcas_as_instances *rs,
                                            char *strings, size_t cap,
                                            tcas_result *res)
{
	return DESCRIBE("DescribeAutoScalingInstances",
	                describe_auto_scaling_instances);
}

int tcas_as_describe_auto_scaling_activities(tcas_client *c,
                                             const tcas_as_describe_req *rq,
                                             tcas_as_activities *rs,
                                             char *strings, size_t cap,
                                             tcas_result *res)
{
	return DESCRIBE("DescribeAutoScalingActivities",
	                describe_auto_scaling_activities);
}

int tcas_as_modify_desired_capacity(
    tcas_client *c, const tcas_as_modify_desired_capacity_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res)
{
	return CALL("ModifyDesiredCapacity", modify_desired_capacity);
}

int tcas_as_scale_out_instances(tcas_client *c, const tcas_as_scale_req *rq,
                                tcas_as_id_resp *rs, char *strings, size_t cap,
                                tcas_result *res)
{
	return CALL("ScaleOutInstances", scale_out_instances);
}

int tcas_as_scale_in_instances(tcas_client *c, const tcas_as_scale_req *rq,
                               tcas_as_id_resp *rs, char *strings, size_t cap,
                               tcas_result *res)
{
	return CALL("ScaleInInstances", scale_in_instances);
}

int tcas_as_execute_scaling_policy(tcas_client *c,
                                   const tcas_as_execute_scaling_policy_req *rq,
                                   tcas_as_id_resp *rs, char *strings,
                                   size_t cap, tcas_result *res)
{
	return CALL("ExecuteScalingPolicy", execute_scaling_policy);
}

int tcas_as_complete_lifecycle_action(
    tcas_client *c, const tcas_as_complete_lifecycle_action_req *rq,
    tcas_as_id_resp *rs, char *strings, size_t cap, tcas_result *res)
{
	return CALL("CompleteLifecycleAction", complete_lifecycle_action);
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
