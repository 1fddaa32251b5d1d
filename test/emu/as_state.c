/*
 * as_state.c - the Auto Scaling state model of tcas-emu: scaling groups,
 * their instances, launch configurations; the dispatcher emu_as_handle().
 * Instance refresh activities are in as_refresh.c; actions answered from
 * the recorded examples in as_examples.c.
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

/* ---- output buffer ------------------------------------------------------- */

static void sb_grow(sb *b, size_t need)
{
	size_t cap;
	char *p;

	if (b->oom || b->n + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < b->n + need + 1)
		cap *= 2;
	p = realloc(b->p, cap);
	if (p == NULL) {
		b->oom = 1;
		return;
	}
	b->p = p;
	b->cap = cap;
}

void sb_putn(sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	if (b->oom)
		return;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void sb_puts(sb *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void sb_printf(sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	sb_grow(b, (size_t)n);
	if (b->oom)
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

void sb_jstr(sb *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	sb_putn(b, "\"", 1);
	for (; *u != '\0'; u++) {
		if (*u == '"' || *u == '\\') {
			char e[2] = {'\\', (char)*u};
			sb_putn(b, e, 2);
		} else if (*u < 0x20) {
			sb_printf(b, "\\u%04x", *u);
		} else {
			sb_putn(b, (const char *)u, 1);
		}
	}
	sb_putn(b, "\"", 1);
}

void sb_time(sb *b, double t)
{
	time_t tt;
	struct tm tm;
	char buf[32];

	if (t < 0) {
		sb_puts(b, "null");
		return;
	}
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "\"%Y-%m-%dT%H:%M:%SZ\"", &tm);
	sb_puts(b, buf);
}

void sb_key(sb *b, int *first, const char *key)
{
	if (!*first)
		sb_putn(b, ",", 1);
	*first = 0;
	sb_jstr(b, key);
	sb_putn(b, ":", 1);
}

int as_fail(as_call *c, const char *code, const char *fmt, ...)
{
	va_list ap;

	snprintf(c->code, sizeof(c->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	return -1;
}

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

static void *push(void *arr, size_t *n, size_t *cap, size_t elem)
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

static as_group *group_add(emu_as *s, const char *region)
{
	as_group **slot, *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return NULL;
	slot = push(&s->g, &s->ng, &s->capg, sizeof(*slot));
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

static as_lc *lc_add(emu_as *s, const char *region)
{
	as_lc **slot, *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	slot = push(&s->lc, &s->nlc, &s->caplc, sizeof(*slot));
	if (slot == NULL) {
		free(l);
		return NULL;
	}
	*slot = l;
	snprintf(l->region, sizeof(l->region), "%s", region);
	l->created = s->now;
	return l;
}

static int inst_add(emu_as *s, as_group *g, const char *id)
{
	as_inst *in = push(&g->inst, &g->ninst, &g->capinst, sizeof(*in));

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
static int group_resize(emu_as *s, as_group *g, long long n)
{
	while ((long long)g->ninst < n)
		if (inst_add(s, g, NULL) != 0)
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
	as_group *g = group_add(s, region);
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
		if (inst_add(s, g, ins != NULL ? ins[i] : NULL) != 0)
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
	l = lc_add(s, region);
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

/* ---- request helpers ----------------------------------------------------- */

/* String member `field` (a path); 0 ok (present or not), -1 failed. */
int as_get_str(as_call *c, const char *field, int required, char *buf,
               size_t cap, int *present)
{
	int tok = rq_find(c->rq, 0, field);

	buf[0] = '\0';
	if (present != NULL)
		*present = tok >= 0;
	if (tok < 0) {
		if (required)
			return as_fail(
			    c, "MissingParameter",
			    "The request is missing a required parameter `%s`.",
			    field);
		return 0;
	}
	if (rq_type(c->rq, tok) != RQ_STR)
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be a string.", field);
	if (rq_str(c->rq, tok, buf, cap) != 0)
		return as_fail(c, "InvalidParameterValue.TooLong",
		               "The value of parameter `%s` is too long (at "
		               "most %zu bytes).",
		               field, cap - 1);
	return 0;
}

int as_get_int(as_call *c, const char *field, long long *v, int *present)
{
	int tok = rq_find(c->rq, 0, field);

	if (present != NULL)
		*present = tok >= 0;
	if (tok < 0)
		return 0;
	if (rq_i64(c->rq, tok, v) != 0)
		return as_fail(c, "InvalidParameter",
		               "The parameter `%s` must be an integer.", field);
	return 0;
}

int as_page_take(as_call *c, as_page *pg)
{
	int on = pg->total >= pg->off && pg->total < pg->off + pg->lim;

	if (on) {
		sb_puts(c->out, pg->first ? "" : ",");
		pg->first = 0;
	}
	pg->total++;
	return on;
}

int as_paging(as_call *c, long long *off, long long *lim)
{
	int has;

	*off = 0;
	*lim = 20;
	if (as_get_int(c, "Offset", off, &has) != 0)
		return -1;
	if (*off < 0)
		return as_fail(c, "InvalidParameterValue",
		               "The value of parameter `Offset` must be >= 0.");
	if (as_get_int(c, "Limit", lim, &has) != 0)
		return -1;
	if (*lim < 1 || *lim > 100)
		return as_fail(
		    c, "InvalidParameterValue",
		    "The value of parameter `Limit` must be in 1..100.");
	return 0;
}

/* Not both ids_field and Filters; at most 10 filters with known names and
 * 1..5 string values each. */
int as_filters_check(as_call *c, const char *ids_field,
                     const char *const *names)
{
	int ftok = rq_find(c->rq, 0, "Filters"), n, i, j, ok;
	char name[64], path[48];

	if (ftok >= 0 && ids_field != NULL && rq_find(c->rq, 0, ids_field) >= 0)
		return as_fail(c, "InvalidParameter.Conflict",
		               "The parameters `%s` and `Filters` cannot be "
		               "specified at the same time.",
		               ids_field);
	if (ftok < 0)
		return 0;
	n = rq_count(c->rq, ftok);
	if (rq_type(c->rq, ftok) != RQ_ARR)
		return as_fail(c, "InvalidParameter",
		               "The parameter `Filters` must be an array.");
	if (n > 10)
		return as_fail(c, "InvalidParameterValue.LimitExceeded",
		               "The parameter `Filters` has %d filters; at "
		               "most 10 are allowed.",
		               n);
	for (i = 0; i < n; i++) {
		int vt;
		snprintf(path, sizeof(path), "Filters[%d].Name", i);
		if (as_get_str(c, path, 1, name, sizeof(name), NULL) != 0)
			return -1;
		for (ok = 0, j = 0; names[j] != NULL; j++)
			ok |= strcmp(names[j], name) == 0;
		if (!ok)
			return as_fail(c, "InvalidParameterValue.InvalidFilter",
			               "The filter name `%s` in parameter `%s` "
			               "is not supported.",
			               name, path);
		snprintf(path, sizeof(path), "Filters[%d].Values", i);
		vt = rq_find(c->rq, 0, path);
		if (vt < 0)
			return as_fail(
			    c, "MissingParameter",
			    "The request is missing a required parameter `%s`.",
			    path);
		if (rq_type(c->rq, vt) != RQ_ARR)
			return as_fail(c, "InvalidParameter",
			               "The parameter `%s` must be an array.",
			               path);
		if (rq_count(c->rq, vt) > 5)
			return as_fail(
			    c, "LimitExceeded.FilterValuesTooLong",
			    "The parameter `%s` has more than 5 values.", path);
		for (j = 0; j < rq_count(c->rq, vt); j++)
			if (rq_type(c->rq, rq_index(c->rq, vt, j)) != RQ_STR)
				return as_fail(
				    c, "InvalidParameter",
				    "The parameter `%s[%d]` must be a string.",
				    path, j);
	}
	return 0;
}

/* 1 if every filter called `name` has a value matching `value` (a name
 * starting with "vague-" matches substrings), else 0. *has is set when at
 * least one such filter exists. */
int as_filter_match(as_call *c, const char *name, const char *value, int *has)
{
	int ftok = rq_find(c->rq, 0, "Filters"), n = rq_count(c->rq, ftok);
	int i, j, vague = strncmp(name, "vague-", 6) == 0;
	char buf[128];

	*has = 0;
	for (i = 0; i < n; i++) {
		int f = rq_index(c->rq, ftok, i), vt, hit = 0;
		if (rq_str(c->rq, rq_find(c->rq, f, "Name"), buf,
		           sizeof(buf)) != 0 ||
		    strcmp(buf, name) != 0)
			continue;
		*has = 1;
		vt = rq_find(c->rq, f, "Values");
		for (j = 0; j < rq_count(c->rq, vt); j++) {
			if (rq_str(c->rq, rq_index(c->rq, vt, j), buf,
			           sizeof(buf)) != 0)
				continue;
			hit |= vague ? strstr(value, buf) != NULL
			             : strcmp(value, buf) == 0;
		}
		if (!hit)
			return 0;
	}
	return 1;
}

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
static as_group *need_group(as_call *c, const char *notfound)
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
static void list_begin(as_call *c, const char *set)
{
	sb_key(c->out, &c->first, set);
	sb_puts(c->out, "[");
}

static void list_end(as_call *c, long long total)
{
	sb_puts(c->out, "]");
	sb_key(c->out, &c->first, "TotalCount");
	sb_printf(c->out, "%lld", total);
}

/* ---- launch configurations ----------------------------------------------- */

static int do_create_lc(as_call *c)
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
	l = lc_add(c->s, c->region);
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

static int do_describe_lc(as_call *c)
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
	list_begin(c, "LaunchConfigurationSet");
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
	list_end(c, pg.total);
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

static int do_create_group(as_call *c)
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
	g = group_add(c->s, c->region);
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
	if (group_resize(c->s, g, d) != 0)
		return as_fail(c, "InternalError", "out of memory");
	sb_key(c->out, &c->first, "AutoScalingGroupId");
	sb_jstr(c->out, g->id);
	return 0;
}

static int do_describe_groups(as_call *c)
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
	list_begin(c, "AutoScalingGroupSet");
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
	list_end(c, pg.total);
	return 0;
}

static int do_modify_group(as_call *c)
{
	as_group *g =
	    need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
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
		if (group_resize(c->s, g, d) != 0)
			return as_fail(c, "InternalError", "out of memory");
	}
	return 0;
}

static int do_delete_group(as_call *c)
{
	as_group *g =
	    need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
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

static int do_modify_desired(as_call *c)
{
	as_group *g =
	    need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
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
	if (group_resize(c->s, g, d) != 0)
		return as_fail(c, "InternalError", "out of memory");
	return 0;
}

/* ---- scaling: ScaleOutInstances, ScaleInInstances ------------------------ */

static int scale(as_call *c, int out)
{
	as_group *g =
	    need_group(c, "ResourceNotFound.AutoScalingGroupNotFound");
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
	slot = a ? push(&c->s->act, &c->s->nact, &c->s->capact, sizeof(*slot))
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
	if (group_resize(c->s, g, d) != 0)
		return as_fail(c, "InternalError", "out of memory");
	if (out)
		snprintf(a->first, sizeof(a->first), "%s",
		         g->inst[g->ninst - (size_t)n].id);
	sb_key(c->out, &c->first, "ActivityId");
	sb_jstr(c->out, a->id);
	return 0;
}

static int do_scale_out(as_call *c)
{
	return scale(c, 1);
}

static int do_scale_in(as_call *c)
{
	return scale(c, 0);
}

static const as_activity *activity_find(emu_as *s, const char *region,
                                        const char *id)
{
	size_t i;

	for (i = 0; i < s->nact; i++)
		if (strcmp(s->act[i]->id, id) == 0 &&
		    strcmp(s->act[i]->region, region) == 0)
			return s->act[i];
	return NULL;
}

static void out_activity(as_call *c, const as_activity *a)
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

static int do_describe_instances(as_call *c)
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
	list_begin(c, "AutoScalingInstanceSet");
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
	list_end(c, pg.total);
	return 0;
}

/* ---- dispatch ------------------------------------------------------------ */

typedef struct handler {
	const char *action;
	int (*fn)(as_call *c);
} handler;

static const handler handlers[] = {
    {"CancelInstanceRefresh", as_do_cancel},
    {"CreateAutoScalingGroup", do_create_group},
    {"CreateLaunchConfiguration", do_create_lc},
    {"DeleteAutoScalingGroup", do_delete_group},
    {"DescribeAutoScalingGroups", do_describe_groups},
    {"DescribeAutoScalingInstances", do_describe_instances},
    {"DescribeLaunchConfigurations", do_describe_lc},
    {"DescribeRefreshActivities", as_do_describe_refresh},
    {"ModifyAutoScalingGroup", do_modify_group},
    {"ModifyDesiredCapacity", do_modify_desired},
    {"ScaleInInstances", do_scale_in},
    {"ScaleOutInstances", do_scale_out},
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
		    (a = activity_find(c->s, c->region, id)) == NULL)
			continue;
		if (found++ == 0)
			list_begin(c, "ActivitySet");
		else
			sb_puts(c->out, ",");
		out_activity(c, a);
	}
	if (found) {
		list_end(c, found);
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
		list_begin(c, "ActivitySet");
		list_end(c, 0);
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
