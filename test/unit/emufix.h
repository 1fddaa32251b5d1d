/*
 * emufix.h - the fixture of the emulator's state model tests (test_emu_state,
 * test_emu_groups): one model at a fake time, calls with their answers
 * parsed, and lookups into them that fail the test when missing.
 */
#ifndef TCAS_TEST_EMUFIX_H
#define TCAS_TEST_EMUFIX_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emu/as_internal.h"

#define T0     1764000000.0 /* 2025-11-24T16:00:00Z */
#define REGION "ap-guangzhou"

static emu_as *S;
static char *doc;
static as_req *resp;
static double now = T0;

static inline emu_as *mk(double batch_seconds, const char *fail)
{
	emu_as_opts o;

	memset(&o, 0, sizeof(o));
	o.batch_seconds = batch_seconds;
	o.fail_instances = fail;
	o.seed = 7;
	return emu_as_new(&o);
}

static inline void reset(double batch_seconds, const char *fail)
{
	emu_as_free(S);
	S = mk(batch_seconds, fail);
	assert_non_null(S);
	now = T0;
}

static inline int teardown(void **st)
{
	(void)st;
	emu_as_free(S);
	S = NULL;
	free(doc);
	doc = NULL;
	rq_free(resp);
	resp = NULL;
	return 0;
}

/* Calls action in region at the current fake time; keeps the response. */
static inline void call_in(const char *region, const char *action,
                           const char *body)
{
	size_t n = 0;
	int rc;

	free(doc);
	doc = NULL;
	rq_free(resp);
	rc = emu_as_handle(S, action, region, body, strlen(body),
	                   "11111111-2222-4333-8444-555555555555", now, &doc,
	                   &n);
	assert_int_equal(rc, 0);
	assert_non_null(doc);
	assert_int_equal(strlen(doc), n);
	resp = rq_parse(doc, n);
	if (resp == NULL)
		fail_msg("response is not a JSON object: %s", doc);
	assert_non_null(resp);
}

static inline void call(const char *action, const char *body)
{
	call_in(REGION, action, body);
}

static inline const char *str(const char *path)
{
	static char buf[4][256];
	static int k;
	char *b = buf[k++ & 3];
	int t = rq_find(resp, 0, path);

	if (t < 0)
		return NULL;
	if (rq_type(resp, t) == RQ_NULL)
		return "null";
	if (rq_str(resp, t, b, 256) != 0)
		fail_msg("%s is not a string in %s", path, doc);
	return b;
}

static inline long long num(const char *path)
{
	long long v = -12345;
	int t = rq_find(resp, 0, path);

	if (rq_i64(resp, t, &v) != 0)
		fail_msg("%s is not a number in %s", path, doc);
	return v;
}

static inline int count(const char *path)
{
	return rq_count(resp, rq_find(resp, 0, path));
}

static inline void ok(const char *action, const char *body)
{
	call(action, body);
	if (str("Response.Error.Code") != NULL)
		fail_msg("%s failed: %s", action, doc);
	assert_string_equal(str("Response.RequestId"),
	                    "11111111-2222-4333-8444-555555555555");
}

static inline void err(const char *action, const char *body, const char *code)
{
	call(action, body);
	if (str("Response.Error.Code") == NULL)
		fail_msg("%s should fail with %s: %s", action, code, doc);
	if (strcmp(str("Response.Error.Code"), code) != 0)
		fail_msg("%s: want %s, got %s", action, code, doc);
	assert_string_equal(str("Response.RequestId"),
	                    "11111111-2222-4333-8444-555555555555");
}

/* err() and the message mentions `field`. */
static inline void err_field(const char *action, const char *body,
                             const char *code, const char *field)
{
	err(action, body, code);
	if (strstr(str("Response.Error.Message"), field) == NULL)
		fail_msg("message does not name %s: %s", field, doc);
}

/* DescribeRefreshActivities of one ID; the activity is at A. */
#define A "Response.RefreshActivitySet[0]"
static inline void describe(const char *id)
{
	char body[128];

	snprintf(body, sizeof(body), "{\"RefreshActivityIds\":[\"%s\"]}", id);
	ok("DescribeRefreshActivities", body);
	assert_int_equal(num("Response.TotalCount"), 1);
}

/* Status of batch number n (1-based) of the described activity. */
static inline const char *batch(int n, const char *member)
{
	static char path[128];
	int nb = count(A ".RefreshBatchSet");

	snprintf(path, sizeof(path), A ".RefreshBatchSet[%d].%s", nb - n,
	         member);
	return path;
}

static inline const char *binst(int n, int i, const char *member)
{
	static char path[160];
	int nb = count(A ".RefreshBatchSet");

	snprintf(path, sizeof(path),
	         A ".RefreshBatchSet[%d].RefreshBatchRelatedInstanceSet[%d].%s",
	         nb - n, i, member);
	return path;
}

static char started[AS_ID_MAX];

/* StartInstanceRefresh on the free seeded group asg-5gdeva7a. */
static inline void start(const char *rolling)
{
	char body[512];

	snprintf(body, sizeof(body),
	         "{\"AutoScalingGroupId\":\"asg-5gdeva7a\",\"RefreshSettings\":"
	         "{\"RollingUpdateSettings\":{%s}}}",
	         rolling);
	ok("StartInstanceRefresh", body);
	snprintf(started, sizeof(started), "%s",
	         str("Response.RefreshActivityId"));
	assert_true(as_id_ok(started, "asr-"));
}

static inline void tick(double dt)
{
	now += dt;
	describe(started);
}

#endif /* TCAS_TEST_EMUFIX_H */
