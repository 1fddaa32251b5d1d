/*
 * as_state.c - the Auto Scaling state model of tcas-emu: scaling groups,
 * their instances, launch configurations; the dispatcher emu_as_handle().
 * The actions on groups and launch configurations are in as_groups.c,
 * ScaleOut/ScaleInInstances in as_scale.c,
 * instance refresh activities in as_refresh.c; actions answered from the
 * recorded examples in as_examples.c.
 *
 * Regions are separate namespaces. Each region is seeded the first time a
 * call names it, always with the same content (see test/emu/SEED.md):
 *
 *   asc-mo1woym9  launch configuration "emu-lc-1" (img-eb30mz89, S5.MEDIUM4)
 *   asg-h7tgd87d  "emu-group-1", 5 instances
 *                 ins-6uvka3bq ins-k5r3d2xw ins-p0m9c7te ins-w4j8n1fy
 *                 ins-z2q6h5ls; owns refresh activity asr-juhf6ytr in
 *                 FAILED_PAUSE: 3 batches (2+2+1), batch 1
 *                 PARTIALLY_SUCCESSFUL (ins-6uvka3bq SUCCESSFUL,
 *                 ins-k5r3d2xw FAILED), batches 2 and 3 WAITING. So
 *                 ResumeInstanceRefresh (RETRY or CONTINUE), Cancel and
 *                 Rollback work on it out of the box.
 *   asg-5gdeva7a  "emu-group-2", 4 instances, no refresh: free for
 *                 StartInstanceRefresh
 *                 ins-b3c8v6ne ins-d9x2t4mr ins-g7f1y5kp ins-r8u3a0hd
 *   further groups (seed_groups > 2): IDs from the PRNG seeded with
 *                 opts.seed, 2 instances each.
 *
 * opts.seed_groups: 0 = the default (2), negative = seed nothing, N = the
 * first N groups of the list above. opts.seed_file is not implemented
 * (emu_as_new fails if it is set, rather than ignoring it).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "as_internal.h"

/* ---- IDs ----------------------------------------------------------------- */

static unsigned long long rng_next(unsigned long long *x)
{
	/* xorshift64* */
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 2685821657736338717ULL;
}

static int id_taken(emu_as *s, const char *id)
{
	size_t i, j;

	for (i = 0; i < s->ng; i++) {
		if (strcmp(s->g[i]->id, id) == 0)
			return 1;
		for (j = 0; j < s->g[i]->ninst; j++)
			if (strcmp(s->g[i]->inst[j].id, id) == 0)
				return 1;
	}
	for (i = 0; i < s->nlc; i++)
		if (strcmp(s->lc[i]->id, id) == 0)
			return 1;
	for (i = 0; i < s->nr; i++)
		if (strcmp(s->r[i]->id, id) == 0)
			return 1;
	return 0;
}

void as_new_id(emu_as *s, const char *prefix, char out[AS_ID_MAX])
{
	static const char al[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	char id[AS_ID_MAX];
	size_t p;
	int i;

	/* out may be the id field of an entry already in the lists: build the
	 * candidate apart so it is not compared with itself */
	out[0] = '\0';
	do {
		unsigned long long v = rng_next(&s->rng);
		p = strlen(prefix);
		memcpy(id, prefix, p);
		for (i = 0; i < 8; i++) {
			id[p++] = al[v % 36];
			v /= 36;
		}
		id[p] = '\0';
	} while (id_taken(s, id));
	memcpy(out, id, p + 1);
}

int as_id_ok(const char *id, const char *prefix)
{
	size_t p = strlen(prefix), i;

	if (strncmp(id, prefix, p) != 0 || strlen(id) != p + 8)
		return 0;
	for (i = p; i < p + 8; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		      (id[i] >= '0' && id[i] <= '9')))
			return 0;
	return 1;
}

/* Is inst listed in --fail-instances? Then it fails this once: it leaves
 * the list, so its next refresh (or a RETRY) succeeds. */
int as_fail_once(emu_as *s, const char *inst)
{
	char key[AS_ID_MAX + 2];
	char *at;

	if (s->fail == NULL)
		return 0;
	snprintf(key, sizeof(key), ",%s,", inst);
	at = strstr(s->fail, key);
	if (at == NULL)
		return 0;
	memmove(at, at + strlen(key) - 1, strlen(at + strlen(key) - 1) + 1);
	return 1;
}

/* ---- lookups ------------------------------------------------------------- */

as_group *as_group_find(emu_as *s, const char *region, const char *id)
{
	size_t i;

	for (i = 0; i < s->ng; i++)
		if (strcmp(s->g[i]->region, region) == 0 &&
		    strcmp(s->g[i]->id, id) == 0)
			return s->g[i];
	return NULL;
}

as_lc *as_lc_find(emu_as *s, const char *region, const char *id)
{
	size_t i;

	for (i = 0; i < s->nlc; i++)
		if (strcmp(s->lc[i]->region, region) == 0 &&
		    strcmp(s->lc[i]->id, id) == 0)
			return s->lc[i];
	return NULL;
}

void *as_push(void *arr, size_t *n, size_t *cap, size_t elem)
{
	void **pa = arr;
	char *p;

	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		p = realloc(*pa, nc * elem);
		if (p == NULL)
			return NULL;
		*pa = p;
		*cap = nc;
	}
	p = (char *)*pa + *n * elem;
	memset(p, 0, elem);
	(*n)++;
	return p;
}

as_group *as_group_add(emu_as *s, const char *region)
{
	as_group **slot, *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return NULL;
	slot = as_push(&s->g, &s->ng, &s->capg, sizeof(*slot));
	if (slot == NULL) {
		free(g);
		return NULL;
	}
	*slot = g;
	snprintf(g->region, sizeof(g->region), "%s", region);
	g->enabled = 1;
	g->cooldown = 300;
	g->created = s->now;
	return g;
}

as_lc *as_lc_add(emu_as *s, const char *region)
{
	as_lc **slot, *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	slot = as_push(&s->lc, &s->nlc, &s->caplc, sizeof(*slot));
	if (slot == NULL) {
		free(l);
		return NULL;
	}
	*slot = l;
	snprintf(l->region, sizeof(l->region), "%s", region);
	l->created = s->now;
	return l;
}

int as_inst_add(emu_as *s, as_group *g, const char *id)
{
	as_inst *in = as_push(&g->inst, &g->ninst, &g->capinst, sizeof(*in));

	if (in == NULL)
		return -1;
	if (id != NULL)
		snprintf(in->id, sizeof(in->id), "%s", id);
	else
		as_new_id(s, "ins-", in->id);
	snprintf(in->lc, sizeof(in->lc), "%s", g->lc);
	snprintf(in->zone, sizeof(in->zone), "%s-%d", g->region,
	         (int)(g->ninst % 3) + 1);
	in->add_time = s->now;
	in->version = 1;
	return 0;
}

/* Grow or shrink the group to n instances (oldest removed first). */
int as_group_resize(emu_as *s, as_group *g, long long n)
{
	while ((long long)g->ninst < n)
		if (as_inst_add(s, g, NULL) != 0)
			return -1;
	if ((long long)g->ninst > n) {
		size_t drop = g->ninst - (size_t)n;
		memmove(g->inst, g->inst + drop, (size_t)n * sizeof(*g->inst));
		g->ninst = (size_t)n;
	}
	return 0;
}

/* ---- seed ---------------------------------------------------------------- */

static const char *const seed_g1[] = {"ins-6uvka3bq", "ins-k5r3d2xw",
                                      "ins-p0m9c7te", "ins-w4j8n1fy",
                                      "ins-z2q6h5ls"};
static const char *const seed_g2[] = {"ins-b3c8v6ne", "ins-d9x2t4mr",
                                      "ins-g7f1y5kp", "ins-r8u3a0hd"};

static as_group *seed_group(emu_as *s, const char *region, const char *id,
                            const char *name, const char *const *ins, size_t n)
{
	as_group *g = as_group_add(s, region);
	size_t i;

	if (g == NULL)
		return NULL;
	if (id != NULL)
		snprintf(g->id, sizeof(g->id), "%s", id);
	else
		as_new_id(s, "asg-", g->id);
	snprintf(g->name, sizeof(g->name), "%s", name);
	snprintf(g->lc, sizeof(g->lc), "asc-mo1woym9");
	snprintf(g->vpc, sizeof(g->vpc), "vpc-lceuvai4");
	g->min = 0;
	g->max = 10;
	g->desired = (long long)n;
	g->created = s->now - 3600;
	for (i = 0; i < n; i++) {
		if (as_inst_add(s, g, ins != NULL ? ins[i] : NULL) != 0)
			return NULL;
		g->inst[i].add_time = g->created;
	}
	return g;
}

/* asr-juhf6ytr on g: FAILED_PAUSE after batch 1 of 3. */
static int seed_refresh(emu_as *s, const char *region, as_group *g)
{
	const char *ids[5];
	as_refresh *a;
	size_t i;

	for (i = 0; i < 5; i++)
		ids[i] = g->inst[i].id;
	a = as_refresh_create(s, region, g, ids, 5, 3);
	if (a == NULL)
		return -1;
	snprintf(a->id, sizeof(a->id), "asr-juhf6ytr");
	snprintf(g->refresh, sizeof(g->refresh), "%s", a->id);
	a->created = a->start = s->now - 120;
	a->status = A_FAILED_PAUSE;
	a->cur = 1;
	a->b[0].status = B_PARTIAL;
	a->b[0].start = s->now - 120;
	a->b[0].end = s->now - 60;
	a->b[0].inst[0].status = I_SUCCESSFUL;
	a->b[0].inst[1].status = I_FAILED;
	for (i = 0; i < 2; i++) {
		a->b[0].inst[i].attempts = 1;
		as_new_id(s, "asa-", a->b[0].inst[i].act);
	}
	return 0;
}

void as_region_seed(emu_as *s, const char *region)
{
	char **p, name[32];
	as_group *g;
	as_lc *l;
	int n = s->o.seed_groups, i;
	size_t k;

	for (k = 0; k < s->nregions; k++)
		if (strcmp(s->regions[k], region) == 0)
			return;
	p = realloc(s->regions, (s->nregions + 1) * sizeof(*p));
	if (p == NULL)
		return;
	s->regions = p;
	s->regions[s->nregions] = strdup(region);
	if (s->regions[s->nregions] == NULL)
		return;
	s->nregions++;
	if (n < 0)
		return;
	if (n == 0)
		n = 2;
	l = as_lc_add(s, region);
	if (l == NULL)
		return;
	snprintf(l->id, sizeof(l->id), "asc-mo1woym9");
	snprintf(l->name, sizeof(l->name), "emu-lc-1");
	snprintf(l->image, sizeof(l->image), "img-eb30mz89");
	snprintf(l->itype, sizeof(l->itype), "S5.MEDIUM4");
	l->created = s->now - 7200;
	g = seed_group(s, region, "asg-h7tgd87d", "emu-group-1", seed_g1, 5);
	if (g == NULL || seed_refresh(s, region, g) != 0 || n < 2)
		return;
	if (seed_group(s, region, "asg-5gdeva7a", "emu-group-2", seed_g2, 4) ==
	    NULL)
		return;
	for (i = 2; i < n; i++) {
		snprintf(name, sizeof(name), "emu-group-%d", i + 1);
		if (seed_group(s, region, NULL, name, NULL, 2) == NULL)
			return;
	}
}

/* ---- dispatch ------------------------------------------------------------ */

typedef struct handler {
	const char *action;
	int (*fn)(as_call *c);
} handler;

static const handler handlers[] = {
    {"CancelInstanceRefresh", as_do_cancel},
    {"CreateAutoScalingGroup", as_do_create_group},
    {"CreateLaunchConfiguration", as_do_create_lc},
    {"DeleteAutoScalingGroup", as_do_delete_group},
    {"DescribeAutoScalingGroups", as_do_describe_groups},
    {"DescribeAutoScalingInstances", as_do_describe_instances},
    {"DescribeLaunchConfigurations", as_do_describe_lc},
    {"DescribeRefreshActivities", as_do_describe_refresh},
    {"ModifyAutoScalingGroup", as_do_modify_group},
    {"ModifyDesiredCapacity", as_do_modify_desired},
    {"ScaleInInstances", as_do_scale_in},
    {"ScaleOutInstances", as_do_scale_out},
    {"ResumeInstanceRefresh", as_do_resume},
    {"RollbackInstanceRefresh", as_do_rollback},
    {"StartInstanceRefresh", as_do_start},
    {"StopInstanceRefresh", as_do_stop},
};

int as_is_simulated(const char *action)
{
	size_t i;

	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (strcmp(handlers[i].action, action) == 0)
			return 1;
	return 0;
}

/* DescribeAutoScalingActivities, from its recorded example (one
 * SUCCESSFUL activity): without ActivityIds, the example as recorded; with
 * them, the first that some recorded answer handed out (ScaleOutInstances,
 * ExecuteScalingPolicy, ...: `"ActivityId":"ID"` in any example) is
 * answered as the recorded activity under that ID, and IDs nobody handed
 * out give an empty ActivitySet, as the service answers unknown IDs.
 * 1 = answer the example as it is, 0 = answered in c->out. */
static int describe_activities(as_call *c, const as_example *ex)
{
	static const char head[] = "{\"Response\":{";
	static const char tail[] = ",\"RequestId\":\"";
	int t = rq_find(c->rq, 0, "ActivityIds"), j;
	long long found = 0;
	char id[AS_ID_MAX], key[AS_ID_MAX + 32];
	const char *own, *end, *body = ex->pre + sizeof(head) - 1;
	size_t i, n = strlen(ex->pre);

	if (t < 0)
		return 1;
	/* this emulator's own scaling activities */
	for (j = 0; j < rq_count(c->rq, t); j++) {
		const as_activity *a;

		if (rq_str(c->rq, rq_index(c->rq, t, j), id, sizeof(id)) != 0 ||
		    (a = as_activity_find(c->s, c->region, id)) == NULL)
			continue;
		if (found++ == 0)
			as_list_begin(c, "ActivitySet");
		else
			sb_puts(c->out, ",");
		as_out_activity(c, a);
	}
	if (found) {
		as_list_end(c, found);
		return 0;
	}
	for (j = 0; j < rq_count(c->rq, t); j++) {
		if (rq_str(c->rq, rq_index(c->rq, t, j), id, sizeof(id)) != 0)
			continue;
		snprintf(key, sizeof(key), "\"ActivityId\":\"%s\"", id);
		for (i = 0; i < as_examples_count; i++)
			if (strstr(as_examples[i].pre, key) != NULL)
				break;
		if (i < as_examples_count)
			break;
	}
	own = strstr(ex->pre, "\"ActivityId\":\"");
	if (j >= rq_count(c->rq, t) || own == NULL ||
	    strncmp(ex->pre, head, sizeof(head) - 1) != 0 ||
	    n < sizeof(tail) - 1 ||
	    strcmp(ex->pre + n - (sizeof(tail) - 1), tail) != 0) {
		as_list_begin(c, "ActivitySet");
		as_list_end(c, 0);
		return 0;
	}
	own += strlen("\"ActivityId\":\"");
	end = strchr(own, '"');
	/* The recorded members, up to the RequestId, with the ID replaced. */
	sb_putn(c->out, body, (size_t)(own - body));
	sb_puts(c->out, id);
	sb_putn(c->out, end, (size_t)(ex->pre + n - (sizeof(tail) - 1) - end));
	c->first = 0;
	return 0;
}

static int run(as_call *c, const char *action)
{
	size_t i;
	const as_example *ex;

	if (rq_validate(c, action) != 0)
		return -1;
	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (strcmp(handlers[i].action, action) == 0)
			return handlers[i].fn(c);
	ex = as_example_find(action);
	if (ex == NULL)
		return as_fail(
		    c, "InvalidAction",
		    "The action `%s` is not supported by the emulator.",
		    action);
	if (strcmp(action, "DescribeAutoScalingActivities") == 0)
		return describe_activities(c, ex);
	return 1; /* answered from the example */
}

int emu_as_handle(emu_as *s, const char *action, const char *region,
                  const char *body, size_t len, const char *request_id,
                  double now, char **out, size_t *outlen)
{
	sb members = {0}, doc = {0};
	as_call c;
	as_req *rq;
	int rc;

	if (s == NULL || action == NULL || out == NULL || outlen == NULL)
		return -1;
	*out = NULL;
	if (region == NULL)
		region = "";
	if (request_id == NULL)
		request_id = "";
	if (now > s->now)
		s->now = now;
	as_region_seed(s, region);
	as_refresh_advance_all(s);
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.region = region;
	c.out = &members;
	c.first = 1;
	rq = rq_parse(body, len);
	if (rq == NULL) {
		as_fail(&c, "InvalidParameter",
		        "The request body is not a JSON object.");
		rc = -1;
	} else {
		c.rq = rq;
		rc = run(&c, action);
	}
	rq_free(rq);
	if (rc < 0) {
		*out = emu_error_json(c.code, c.msg, request_id, outlen);
	} else if (rc == 1) {
		const as_example *ex = as_example_find(action);
		sb_puts(&doc, ex->pre);
		sb_puts(&doc, request_id);
		sb_puts(&doc, ex->post);
	} else {
		sb_puts(&doc, "{\"Response\":{");
		if (members.n > 0) {
			sb_putn(&doc, members.p, members.n);
			sb_puts(&doc, ",");
		}
		sb_puts(&doc, "\"RequestId\":");
		sb_jstr(&doc, request_id);
		sb_puts(&doc, "}}");
	}
	free(members.p);
	if (rc >= 0) {
		if (doc.oom || members.oom) {
			free(doc.p);
			return -1;
		}
		*out = doc.p;
		*outlen = doc.n;
	}
	return *out != NULL ? 0 : -1;
}

/* ---- lifetime ------------------------------------------------------------ */

emu_as *emu_as_new(const emu_as_opts *o)
{
	emu_as *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->o.batch_seconds = 2.0;
	if (o != NULL)
		s->o = *o;
	if (s->o.seed_file != NULL && s->o.seed_file[0] != '\0') {
		fprintf(stderr, "tcas-emu: --seed-file is not implemented\n");
		free(s);
		return NULL;
	}
	if (s->o.batch_seconds < 0)
		s->o.batch_seconds = 2.0;
	if (s->o.fail_instances != NULL && s->o.fail_instances[0] != '\0') {
		size_t n = strlen(s->o.fail_instances);
		s->fail = malloc(n + 3);
		if (s->fail == NULL) {
			free(s);
			return NULL;
		}
		snprintf(s->fail, n + 3, ",%s,", s->o.fail_instances);
	}
	s->o.fail_instances = NULL;
	s->o.seed_file = NULL;
	s->rng = (unsigned long long)s->o.seed * 2654435761ULL +
	         88172645463325252ULL;
	s->now = 0;
	return s;
}

void emu_as_free(emu_as *s)
{
	size_t i;
	int j;

	if (s == NULL)
		return;
	for (i = 0; i < s->ng; i++) {
		free(s->g[i]->inst);
		free(s->g[i]);
	}
	for (i = 0; i < s->nlc; i++)
		free(s->lc[i]);
	for (i = 0; i < s->nr; i++) {
		for (j = 0; j < s->r[i]->nb; j++)
			free(s->r[i]->b[j].inst);
		free(s->r[i]->b);
		free(s->r[i]);
	}
	for (i = 0; i < s->nregions; i++)
		free(s->regions[i]);
	for (i = 0; i < s->nact; i++)
		free(s->act[i]);
	free(s->act);
	free(s->regions);
	free(s->g);
	free(s->lc);
	free(s->r);
	free(s->fail);
	free(s);
}
