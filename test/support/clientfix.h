/*
 * clientfix.h - the fixture of the client tests over the replay port
 * (test_retry, test_clock, test_ratelimit, test_proxy, test_secrets): one
 * client on a replay port at a fixed wall clock, plain HTTP to 127.0.0.1:8080,
 * the docs' example credentials, no rate limit; canned answers and what the
 * client sent.
 */
#ifndef TCAS_TEST_CLIENTFIX_H
#define TCAS_TEST_CLIENTFIX_H

#include <stddef.h>
#include <stdint.h>

#include "support/replay.h"
#include "tcas/client.h"

#define ID           "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define KEY          "ExampleSecretKeyExampleSecretKey"
#define WRITE        "ScaleOutInstances"
#define WRITE_PARAMS "{\"AutoScalingGroupId\":\"asg-1\",\"ScaleOutNumber\":1}"
#define READ         "DescribeAutoScalingGroups"
#define NOW          1767225600

extern tcas_client cl;  /* the client under test */
extern tcas_result res; /* what its last call() left */
extern replay rp;       /* the scripted server */
extern tcas_port port;  /* rp's port, which cl uses */

/* cmocka setup and teardown of every test: a fresh client and replay. */
int setup(void **state);
int teardown(void **state);

/* cl calls action with params (a NUL-terminated JSON text). */
int call(const char *action, const char *params);

/* What the client sent on connection conn, NUL-terminated (a static
 * buffer, overwritten by the next call). */
const char *sent(size_t conn);

/* An HTTP response with status, extra header lines and body, kept alive
 * unless close (stored until the test ends). */
const char *resp(int status, const char *hdrs, const char *body, int close);
/* 200 with a Response and a RequestId. */
const char *ok(void);
/* 200 with Response.Error.Code code. */
const char *api_err(const char *code);
/* AuthFailure.SignatureExpire with a Date header of time t. */
const char *expire_with_date(int64_t t);

/* The body of a captured request (asserted present). */
const char *body_of(const char *req);
/* Assert that a captured request of action is signed with ID/KEY at its
 * own X-TC-Timestamp and carries its body's Content-Length. */
void check_signed(const char *req, const char *action);

/* Script n connections answering s, then one answering ok(). */
void script(const char *s, int n);

/* A tcas_log_fn that appends each line and a newline to logbuf. */
extern char logbuf[65536];
extern size_t loglen;
void logger(void *ctx, const char *line, size_t len);

#endif /* TCAS_TEST_CLIENTFIX_H */
