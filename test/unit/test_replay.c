/* Tests of the replay port (test/support/replay.c) itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tcas/error.h"
#include "support/replay.h"

static void test_segments_and_close(void **state)
{
	replay rp;
	tcas_port p;
	uint8_t buf[16];
	static const size_t sizes[] = {1, 3, 2};

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	replay_conn_split(replay_add_str(&rp, "abcdefghij"), sizes, 3, 0);
	assert_int_equal(p.connect(p.ctx, "h.example", 443, 500), TCAS_OK);
	assert_string_equal(rp.conns[0].host, "h.example");
	assert_int_equal(rp.conns[0].port, 443);
	assert_int_equal(rp.conns[0].connect_timeout, 500);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 10), 1);
	assert_memory_equal(buf, "a", 1);
	/* a short read leaves the rest of the segment for the next call */
	assert_int_equal(p.recv(p.ctx, buf, 2, 10), 2);
	assert_memory_equal(buf, "bc", 2);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 10), 1);
	assert_memory_equal(buf, "d", 1);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 10), 2);
	assert_memory_equal(buf, "ef", 2);
	/* sizes exhausted, no cycle: the rest is one segment */
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 10), 4);
	assert_memory_equal(buf, "ghij", 4);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 10), 0);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 10), 0);
	assert_int_equal(rp.conns[0].recv_calls, 7);
	p.close(p.ctx);
	assert_int_equal(rp.conns[0].closed, 1);
	assert_int_equal(rp.misuse, 0);
	replay_free(&rp);
}

static void test_every_cycles(void **state)
{
	replay rp;
	tcas_port p;
	uint8_t buf[16];
	long n;
	size_t total = 0, calls = 0;

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	replay_conn_every(replay_add_str(&rp, "0123456789"), 3);
	assert_int_equal(p.connect(p.ctx, "h", 80, 0), TCAS_OK);
	while ((n = p.recv(p.ctx, buf, sizeof buf, 0)) > 0) {
		assert_true(n == 3 || (n == 1 && total == 9));
		total += (size_t)n;
		calls++;
	}
	assert_int_equal(n, 0);
	assert_int_equal(total, 10);
	assert_int_equal(calls, 4);
	replay_free(&rp);
}

static void test_endings(void **state)
{
	replay rp;
	tcas_port p;
	uint8_t buf[8];

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	replay_conn_end(replay_add_str(&rp, "xy"), REPLAY_END_RESET);
	replay_conn_end(replay_add_str(&rp, ""), REPLAY_END_TIMEOUT);
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 0), 2);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 0), TCAS_E_NET_IO);
	p.close(p.ctx);
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	assert_int_equal(p.mono_ms(p.ctx), 1000);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 250),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(rp.conns[1].last_recv_timeout, 250);
	assert_int_equal(p.mono_ms(p.ctx), 1250); /* the wait was "spent" */
	p.close(p.ctx);
	/* script exhausted */
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_E_NET_CONNECT);
	assert_int_equal(rp.connects, 3);
	assert_int_equal(rp.misuse, 0);
	replay_free(&rp);
}

static void test_refused_then_ok(void **state)
{
	replay rp;
	tcas_port p;
	uint8_t buf[8];

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	replay_add_refused(&rp, TCAS_E_NET_RESOLVE);
	replay_add_refused(&rp, TCAS_E_NET_CONNECT);
	replay_add_str(&rp, "ok");
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_E_NET_RESOLVE);
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_E_NET_CONNECT);
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	assert_int_equal(rp.connects, 3);
	assert_int_equal(rp.active, 2);
	assert_int_equal(p.recv(p.ctx, buf, sizeof buf, 0), 2);
	p.close(p.ctx);
	replay_free(&rp);
}

static void test_capture_per_connection(void **state)
{
	replay rp;
	tcas_port p;
	const uint8_t *s;
	size_t n;

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	replay_add_str(&rp, "");
	replay_add_str(&rp, "")->send_max = 4;
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	assert_int_equal(p.send(p.ctx, (const uint8_t *)"hello ", 6, 0), 6);
	assert_int_equal(p.send(p.ctx, (const uint8_t *)"world", 5, 0), 5);
	p.close(p.ctx);
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	assert_int_equal(p.send(p.ctx, (const uint8_t *)"second", 6, 0), 4);
	assert_int_equal(p.send(p.ctx, (const uint8_t *)"nd", 2, 0), 2);
	p.close(p.ctx);
	s = replay_sent(&rp, 0, &n);
	assert_int_equal(n, 11);
	assert_memory_equal(s, "hello world", 11);
	s = replay_sent(&rp, 1, &n);
	assert_int_equal(n, 6);
	assert_memory_equal(s, "second", 6);
	assert_null(replay_sent(&rp, 2, &n));
	assert_int_equal(n, 0);
	replay_free(&rp);
}

static void test_send_error(void **state)
{
	replay rp;
	tcas_port p;
	replay_conn *c;

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	c = replay_add_str(&rp, "");
	c->send_err = TCAS_E_NET_IO;
	c->send_err_after = 3;
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	assert_int_equal(p.send(p.ctx, (const uint8_t *)"abcdef", 6, 0), 3);
	assert_int_equal(p.send(p.ctx, (const uint8_t *)"def", 3, 0),
	                 TCAS_E_NET_IO);
	assert_int_equal(c->sent_len, 3);
	p.close(p.ctx);
	replay_free(&rp);
}

static void test_misuse_counted(void **state)
{
	replay rp;
	tcas_port p;
	uint8_t buf[4];

	(void)state;
	replay_init(&rp);
	replay_port(&rp, &p);
	replay_add_str(&rp, "a");
	replay_add_str(&rp, "b");
	assert_int_equal(p.recv(p.ctx, buf, 4, 0), TCAS_E_NET_IO);
	assert_int_equal(p.send(p.ctx, buf, 4, 0), TCAS_E_NET_IO);
	assert_int_equal(rp.misuse, 2);
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK); /* no close */
	assert_int_equal(rp.misuse, 3);
	assert_int_equal(rp.conns[0].closed, 1);
	p.close(p.ctx);
	p.close(p.ctx); /* harmless */
	assert_int_equal(rp.misuse, 3);
	replay_free(&rp);
}

static void test_clocks_and_random(void **state)
{
	replay rp, rq;
	tcas_port p, q;
	uint8_t a[32], b[32];

	(void)state;
	replay_init(&rp);
	replay_init(&rq);
	replay_port(&rp, &p);
	replay_port(&rq, &q);
	assert_int_equal(p.wall_time(p.ctx), 1767225599);
	rp.wall = 42;
	assert_int_equal(p.wall_time(p.ctx), 42);
	rp.mono = 5;
	rp.mono_step = 10;
	assert_int_equal(p.mono_ms(p.ctx), 5);
	assert_int_equal(p.mono_ms(p.ctx), 15);
	assert_int_equal(p.random(p.ctx, a, sizeof a), TCAS_OK);
	assert_int_equal(q.random(q.ctx, b, sizeof b), TCAS_OK);
	assert_memory_equal(a, b, sizeof a); /* deterministic */
	assert_int_equal(p.random(p.ctx, b, sizeof b), TCAS_OK);
	assert_memory_not_equal(a, b, sizeof a); /* but not constant */
	rp.random_err = TCAS_E_NET_RANDOM;
	assert_int_equal(p.random(p.ctx, a, sizeof a), TCAS_E_NET_RANDOM);
	replay_free(&rp);
	replay_free(&rq);
}

static void test_load_file(void **state)
{
	replay rp;
	tcas_port p;
	uint8_t *d, buf[64];
	size_t n;
	long r;

	(void)state;
	assert_int_equal(
	    replay_load_file("test/data/http/http10_close.http", &d, &n), 0);
	assert_int_equal(n, 131);
	assert_memory_equal(d, "HTTP/1.0 200 OK\r\n", 17);
	assert_int_equal(d[n], 0);
	free(d);
	assert_int_equal(replay_load_file("test/data/http/nonexistent", &d, &n),
	                 -1);
	assert_null(d);
	replay_init(&rp);
	replay_port(&rp, &p);
	assert_null(replay_add_file(&rp, "test/data/http/nonexistent"));
	assert_non_null(
	    replay_add_file(&rp, "test/data/http/http10_close.http"));
	assert_int_equal(p.connect(p.ctx, "h", 1, 0), TCAS_OK);
	n = 0;
	while ((r = p.recv(p.ctx, buf, sizeof buf, 0)) > 0)
		n += (size_t)r;
	assert_int_equal(n, 131);
	p.close(p.ctx);
	replay_free(&rp);
}

static void test_script_full(void **state)
{
	replay rp;
	size_t i;

	(void)state;
	replay_init(&rp);
	for (i = 0; i < REPLAY_CONNS_MAX; i++)
		assert_non_null(replay_add_str(&rp, "x"));
	assert_null(replay_add_str(&rp, "x"));
	replay_free(&rp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_segments_and_close),
	    cmocka_unit_test(test_every_cycles),
	    cmocka_unit_test(test_endings),
	    cmocka_unit_test(test_refused_then_ok),
	    cmocka_unit_test(test_capture_per_connection),
	    cmocka_unit_test(test_send_error),
	    cmocka_unit_test(test_misuse_counted),
	    cmocka_unit_test(test_clocks_and_random),
	    cmocka_unit_test(test_load_file),
	    cmocka_unit_test(test_script_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
