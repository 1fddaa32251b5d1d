/*
 * test_conn.c - the client's connection over the replay port (src/conn.c):
 * keep-alive reuse, Connection: close, stale and idle connections found
 * before or after sending (and when a request may be sent again), bytes
 * after a response, close-delimited bodies, timeouts, resets and connect
 * errors.
 */
#include "callfix.h"

/* ---- connections --------------------------------------------------------- */

static void test_keepalive_reuse(void **state)
{
	char a[512], b[512], both[1024];
	size_t sizes[2];
	replay_conn *c;

	(void)state;
	http_ok(a, sizeof a, ok_body, 0);
	http_ok(b, sizeof b, "{\"Response\":{\"RequestId\":\"r-2\"}}", 0);
	sizes[0] = strlen(a);
	sizes[1] = strlen(b);
	snprintf(both, sizeof both, "%s%s", a, b);
	c = replay_add(&rp, both, strlen(both));
	replay_conn_split(c, sizes, 2, 0);
	c->lazy = 1; /* the second answer comes after the second request */
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(cl.connected, 1);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_string_equal(res.request_id, "r-2");
	assert_int_equal(rp.connects, 1);
}

static void test_connection_close(void **state)
{
	char a[512], b[512];

	(void)state;
	replay_add_str(&rp, http_ok(a, sizeof a, ok_body, 1));
	replay_add_str(&rp, http_ok(b, sizeof b, ok_body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(cl.connected, 0);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(rp.connects, 2);
}

/* The server dropped an idle keep-alive connection. Seen before sending
 * (the liveness probe reads EOF): any call goes on a fresh connection. */
static void test_stale_connection(void **state)
{
	char a[512], b[512];
	size_t sizes[1];
	replay_conn *c;

	(void)state;
	http_ok(a, sizeof a, ok_body, 0);
	sizes[0] = strlen(a);
	c = replay_add_str(&rp, a);
	replay_conn_split(c, sizes, 1, 0);
	replay_add_str(&rp, http_ok(b, sizeof b, ok_body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(call("ScaleOutInstances",
	                      "{\"AutoScalingGroupId\":\"asg-1\","
	                      "\"ScaleOutNumber\":1}"),
	                 TCAS_OK);
	assert_int_equal(rp.connects, 2);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(rp.conns[0].sent_len > 0, 1);
	assert_non_null(strstr(sent(1, NULL), "ScaleOutInstances"));
	/* only one request ever went on the first connection */
	assert_null(strstr(sent(0, NULL), "ScaleOutInstances"));
}

/* The server closes only after the request was sent (the probe saw the
 * connection alive): a read is sent again on a fresh connection without
 * counting an attempt, a write is not (it may have been executed). */
static void test_stale_after_send(void **state)
{
	char a[512], b[512];
	replay_conn *c;

	(void)state;
	http_ok(a, sizeof a, ok_body, 0);
	c = replay_add_str(&rp, a);
	c->lazy = 1;
	replay_add_str(&rp, http_ok(b, sizeof b, ok_body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(rp.connects, 2);
	assert_int_equal(res.attempts, 1);

	replay_free(&rp);
	replay_init(&rp);
	tcas_client_close(&cl);
	c = replay_add_str(&rp, a);
	c->lazy = 1;
	replay_add_str(&rp, b);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(call("ScaleOutInstances",
	                      "{\"AutoScalingGroupId\":\"asg-1\","
	                      "\"ScaleOutNumber\":1}"),
	                 TCAS_E_HTTP_TRUNCATED);
	assert_int_equal(rp.connects, 1);
}

/* Bytes after a complete response (pipelining or a lying server): the
 * response is used, the connection is never reused. */
static void test_bytes_after_response(void **state)
{
	char a[512], b[512], both[1024];
	replay_conn *c;

	(void)state;
	http_ok(a, sizeof a, ok_body, 0);
	snprintf(both, sizeof both, "%sHTTP/1.1 200 OK\r\n", a);
	c = replay_add_str(&rp, both); /* one segment: read together */
	c->lazy = 1;
	replay_add_str(
	    &rp,
	    http_ok(b, sizeof b, "{\"Response\":{\"RequestId\":\"r-2\"}}", 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_string_equal(res.request_id, "r-1");
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_string_equal(res.request_id, "r-2");
	assert_int_equal(rp.connects, 2);
	assert_int_equal(rp.conns[0].closed, 1);
	assert_int_equal(res.attempts, 1);
	/* one request on each */
	assert_null(strstr(strstr(sent(0, NULL), "POST") + 1, "POST"));
	assert_non_null(strstr(sent(1, NULL), "POST / HTTP/1.1"));
}

/* A reused connection on which the request could not be written (reset
 * before it left): sent again on a fresh connection, even a write, without
 * counting an attempt. */
static void test_stale_before_send(void **state)
{
	char a[512], b[512];
	replay_conn *c;

	(void)state;
	c = replay_add_str(&rp, http_ok(a, sizeof a, ok_body, 0));
	c->lazy = 1;
	replay_add_str(&rp, http_ok(b, sizeof b, ok_body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	c->send_err = TCAS_E_NET_IO;
	c->send_err_after = c->sent_len + 10; /* a part gets out */
	assert_int_equal(call("ScaleOutInstances",
	                      "{\"AutoScalingGroupId\":\"asg-1\","
	                      "\"ScaleOutNumber\":1}"),
	                 TCAS_OK);
	assert_int_equal(rp.connects, 2);
	assert_int_equal(res.attempts, 1);
	assert_non_null(strstr(sent(1, NULL), "ScaleOutInstances"));
	assert_non_null(strstr(sent(1, NULL), "\"ScaleOutNumber\":1}"));
}

/* On a reused connection, a partial answer or a read timeout is no stale
 * connection: nothing is sent again behind the caller's back. */
static void test_reused_no_resend(void **state)
{
	char a[512], both[1024];
	size_t sizes[2];
	replay_conn *c;

	(void)state;
	http_ok(a, sizeof a, ok_body, 0);
	snprintf(both, sizeof both, "%sHTTP/1.1 200 OK\r\nContent-Le", a);
	sizes[0] = strlen(a);
	sizes[1] = strlen(both) - sizes[0];
	c = replay_add(&rp, both, strlen(both));
	replay_conn_split(c, sizes, 2, 0);
	c->lazy = 1;
	replay_add_str(&rp, a);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_HTTP_TRUNCATED);
	assert_int_equal(rp.connects, 1);
	assert_int_equal(res.attempts, 1);

	replay_free(&rp);
	replay_init(&rp);
	tcas_client_close(&cl);
	c = replay_add_str(&rp, a);
	c->lazy = 1;
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	replay_add_str(&rp, a);
	tcas_client_set_timeouts(&cl, 3000, 4000, 5000);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_NET_READ_TIMEOUT);
	assert_int_equal(rp.conns[0].last_recv_timeout, 5000);
	assert_int_equal(rp.connects, 1);
	assert_int_equal(res.attempts, 1);
}

/* A body delimited by the end of the connection must end in an orderly
 * close: a port reporting TCAS_E_NET_CLOSED (a TLS close without
 * close_notify) after it is a truncation, not a response. */
static void test_close_delimited_body(void **state)
{
	static const char r[] = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
	                        "{\"Response\":{\"RequestId\":\"r-1\"}}";
	replay_conn *c;

	(void)state;
	replay_add_str(&rp, r);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_string_equal(res.request_id, "r-1");
	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, r);
	replay_conn_end(c, TCAS_E_NET_CLOSED);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_NET_CLOSED);
	assert_string_equal(res.request_id, "");
	/* and before any byte */
	replay_free(&rp);
	replay_init(&rp);
	c = replay_add_str(&rp, "");
	replay_conn_end(c, TCAS_E_NET_CLOSED);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_NET_CLOSED);
	assert_int_equal(res.http_status, 0);
}

/* An idle connection older than TCAS_IDLE_REUSE_MS is not reused. */
static void test_idle_too_long(void **state)
{
	char a[512], b[512];
	replay_conn *c;

	(void)state;
	c = replay_add_str(&rp, http_ok(a, sizeof a, ok_body, 0));
	c->lazy = 1;
	replay_add_str(&rp, http_ok(b, sizeof b, ok_body, 0));
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(cl.connected, 1);
	rp.mono += TCAS_IDLE_REUSE_MS + 1;
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"), TCAS_OK);
	assert_int_equal(rp.connects, 2);
	assert_int_equal(rp.conns[0].closed, 1);
	assert_int_equal(res.attempts, 1);
}

static void test_timeout(void **state)
{
	replay_conn *c;

	(void)state;
	c = replay_add_str(&rp, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n");
	replay_conn_end(c, REPLAY_END_TIMEOUT);
	tcas_client_set_timeout(&cl, 2000);
	/* the total deadline is nearer than the read timeout */
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_NET_DEADLINE);
	assert_true(rp.conns[0].last_recv_timeout <= 2000);
}

static void test_reset(void **state)
{
	replay_conn *c;

	(void)state;
	c = replay_add_str(&rp, "");
	replay_conn_end(c, REPLAY_END_RESET);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_NET_IO);
	assert_int_equal(tcas_err_class_of(TCAS_E_NET_IO),
	                 TCAS_CLASS_TRANSPORT);
}

static void test_connect_errors(void **state)
{
	(void)state;
	replay_add_refused(&rp, TCAS_E_NET_CONNECT);
	replay_add_refused(&rp, TCAS_E_NET_RESOLVE);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_NET_CONNECT);
	assert_int_equal(call("DescribeAutoScalingGroups", "{}"),
	                 TCAS_E_NET_RESOLVE);
	assert_int_equal(res.attempts, 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_keepalive_reuse),
	    T(test_connection_close),
	    T(test_stale_connection),
	    T(test_stale_after_send),
	    T(test_bytes_after_response),
	    T(test_stale_before_send),
	    T(test_reused_no_resend),
	    T(test_close_delimited_body),
	    T(test_idle_too_long),
	    T(test_timeout),
	    T(test_reset),
	    T(test_connect_errors),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
