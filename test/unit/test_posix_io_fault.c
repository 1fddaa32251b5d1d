/* test_posix_io_fault.c - the POSIX port under operating-system failures
 * (harness and how it works: posixfault.h): send, recv and the random
 * source. (The rest: test_posix_fault.) */
#include "posixfault.h"

/* ---- send ---------------------------------------------------------------- */

static void test_send_closed(void **state)
{
	const uint8_t b[1] = {0};

	(void)state;
	assert_int_equal(port.send(port.ctx, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(port.send(NULL, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(s_send.calls, 0);
}

/* A full send buffer (EAGAIN) waits for POLLOUT, an interrupted send is
 * retried, and a short write is returned as such. SIGPIPE is never
 * raised (MSG_NOSIGNAL where it exists). */
static void test_send_full_buffer(void **state)
{
	uint8_t b[100];

	(void)state;
	memset(b, 'x', sizeof b);
	fake_connection();
	fs_fail(&s_send, EAGAIN);
	fs_push(&s_poll, 1, 0, 0);
	fs_fail(&s_send, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_send, 37, 0, 0);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 1000), 37);
	assert_int_equal(s_send.calls, 3);
	assert_int_equal(s_poll.calls, 2); /* after EAGAIN and EINTR */
#ifdef MSG_NOSIGNAL
	assert_true(send_flags & MSG_NOSIGNAL);
#endif
}

/* The POLLOUT wait timing out or failing, and send() errors. */
static void test_send_errors(void **state)
{
	uint8_t b[10] = {0};

	(void)state;
	fake_connection();
	fs_fail(&s_send, EWOULDBLOCK);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout >= 0 && poll_timeout <= 100, 1);

	reset();
	fs_fail(&s_send, EAGAIN);
	fs_fail(&s_poll, EINTR);
	fs_fail(&s_poll, EBADF);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	assert_int_equal(s_poll.calls, 2);

	reset();
	fs_fail(&s_send, EPIPE);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	reset();
	fs_fail(&s_send, ECONNRESET);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	assert_int_equal(s_poll.calls, 0);
	/* the connection stays the caller's to close */
	assert_true(px.fd >= 0);
}

/* A timeout of 0 does not wait: poll() is asked for 0 ms. */
/* A zero wait (the client's check of a kept connection before each call)
 * ends at the first EAGAIN, without a poll() that could only say the same;
 * an interrupted call is still retried. */
static void test_send_timeout_zero(void **state)
{
	uint8_t b[10] = {0};

	(void)state;
	fake_connection();
	fs_fail(&s_send, EAGAIN);
	assert_int_equal(port.send(port.ctx, b, sizeof b, 0),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(s_send.calls, 1);
	assert_int_equal(s_poll.calls, 0);
	fake_connection();
	fs_fail(&s_recv, EINTR);
	fs_fail(&s_recv, EAGAIN);
	assert_int_equal(port.recv(port.ctx, b, 1, 0), TCAS_E_NET_TIMEOUT);
	assert_int_equal(s_recv.calls, 2);
	assert_int_equal(s_poll.calls, 0);
}

/* ---- recv ---------------------------------------------------------------- */

static void test_recv_closed(void **state)
{
	uint8_t b[1];

	(void)state;
	assert_int_equal(port.recv(port.ctx, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(port.recv(NULL, b, 1, 100), TCAS_E_NET_CLOSED);
	assert_int_equal(s_recv.calls, 0);
}

/* Nothing yet (EAGAIN) waits for POLLIN, interrupted calls are retried,
 * and the bytes of a short read are returned. */
static void test_recv_waits(void **state)
{
	uint8_t b[16];

	(void)state;
	memset(b, 0, sizeof b);
	fake_connection();
	fs_fail(&s_recv, EAGAIN);
	fs_fail(&s_poll, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_fail(&s_recv, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_recv, 5, 0, 'r');
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 1000), 5);
	assert_memory_equal(b, "rrrrr\0", 6);
	assert_int_equal(s_recv.calls, 3);
	assert_int_equal(s_poll.calls, 3);
}

/* recv() errors; 0 is the peer's orderly close; the wait timing out. */
static void test_recv_errors(void **state)
{
	uint8_t b[16];

	(void)state;
	fake_connection();
	fs_fail(&s_recv, ECONNRESET);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	reset();
	fs_fail(&s_recv,
	        ETIMEDOUT); /* keep-alive gave up: still an I/O error */
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	reset();
	fs_push(&s_recv, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), 0);
	reset();
	fake_clock = 1;
	fake_now = 10;
	fs_fail(&s_recv, EAGAIN);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout, 100);
	reset();
	fs_fail(&s_recv, EAGAIN);
	fs_fail(&s_poll, EFAULT);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	assert_int_equal(s_recv.calls, 1);
	assert_true(px.fd >= 0);
}

/* The first read with a wait after a send polls before its recv (the
 * answer is a round trip away); later reads, and a zero wait (the check
 * of a kept connection), try recv first. */
static void test_recv_after_send_polls_first(void **state)
{
	const uint8_t q[1] = {'q'};
	uint8_t b[16];

	(void)state;
	fake_connection();
	fs_push(&s_send, 1, 0, 0);
	assert_int_equal(port.send(port.ctx, q, 1, 100), 1);
	fs_fail(&s_recv, EAGAIN); /* the zero wait: no poll */
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 0),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(s_poll.calls, 0);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_recv, 3, 0, 'a');
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), 3);
	assert_int_equal(s_poll.calls, 1);
	assert_int_equal(s_recv.calls, 2);
	fs_push(&s_recv, 2, 0, 'b'); /* the rest: recv at once */
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), 2);
	assert_int_equal(s_poll.calls, 1);
	/* the wait after a send times out, or fails */
	fs_push(&s_send, 1, 0, 0);
	assert_int_equal(port.send(port.ctx, q, 1, 100), 1);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100),
	                 TCAS_E_NET_TIMEOUT);
	fs_fail(&s_poll, EFAULT);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), TCAS_E_NET_IO);
	assert_int_equal(s_recv.calls, 3);
}

/* On a socket whose reads may block, the first read after a send waits
 * in one recv() (no poll) when the time left is at least its 200 ms slice;
 * a shorter wait, or the slice running out, goes through poll() with the
 * deadline as before. Every other recv() and send() is MSG_DONTWAIT. */
static void test_recv_after_send_blocks(void **state)
{
	const uint8_t q[1] = {'q'};
	uint8_t b[16];

	(void)state;
	fake_connection();
	px.blocking = 1;
	fs_push(&s_send, 1, 0, 0);
	assert_int_equal(port.send(port.ctx, q, 1, 1000), 1);
	assert_true(send_flags & MSG_DONTWAIT);
	fs_push(&s_recv, 3, 0, 'a');
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 1000), 3);
	assert_int_equal(recv_flags, 0); /* it may block */
	assert_int_equal(s_poll.calls, 0);
	fs_push(&s_recv, 2, 0, 'b'); /* the rest: at once, no wait */
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 1000), 2);
	assert_true(recv_flags & MSG_DONTWAIT);
	/* less time left than a slice: poll first */
	fs_push(&s_send, 1, 0, 0);
	assert_int_equal(port.send(port.ctx, q, 1, 1000), 1);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_recv, 4, 0, 'c');
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 150), 4);
	assert_int_equal(s_poll.calls, 1);
	assert_true(recv_flags & MSG_DONTWAIT);
	/* the slice runs out (EAGAIN), then poll() waits the rest */
	reset(); /* fresh scripts, same connection */
	fs_push(&s_send, 1, 0, 0);
	assert_int_equal(port.send(port.ctx, q, 1, 1000), 1);
	fs_fail(&s_recv, EAGAIN);
	fs_fail(&s_recv, EAGAIN);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_recv, 5, 0, 'd');
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 1000), 5);
	assert_int_equal(s_poll.calls, 1);
	assert_true(poll_timeout > 0 && poll_timeout <= 1000);
	/* interrupted: the same */
	fs_push(&s_send, 1, 0, 0);
	assert_int_equal(port.send(port.ctx, q, 1, 1000), 1);
	fs_fail(&s_recv, EINTR);
	fs_push(&s_recv, 1, 0, 'e');
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 1000), 1);
	/* a failure of the blocking recv() */
	reset();
	fs_push(&s_send, 1, 0, 0);
	assert_int_equal(port.send(port.ctx, q, 1, 1000), 1);
	fs_fail(&s_recv, ECONNRESET);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 1000), TCAS_E_NET_IO);
	px.blocking = 0;
}

/* The real socket pair: the peer closed, so recv() reads 0 (no fault). */
static void test_recv_real_eof(void **state)
{
	uint8_t b[4];

	(void)state;
	fake_connection();
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 100), 0);
}

/* ---- random -------------------------------------------------------------- */

static void test_random_null(void **state)
{
	(void)state;
	assert_int_equal(port.random(port.ctx, NULL, 4), TCAS_E_NET_RANDOM);
	assert_int_equal(s_getrandom.calls, 0);
}

/* getrandom() interrupted, then short reads: the buffer is filled in
 * pieces, no fallback. */
static void test_getrandom_pieces(void **state)
{
	uint8_t b[32];

	(void)state;
	memset(b, 0, sizeof b);
	fs_fail(&s_getrandom, EINTR);
	fs_push(&s_getrandom, 10, 0, 0x11);
	fs_fail(&s_getrandom, EINTR);
	fs_push(&s_getrandom, 100, 0, 0x22);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_OK);
	assert_true(all_bytes(b, 10, 0x11));
	assert_true(all_bytes(b + 10, 22, 0x22));
	assert_int_equal(s_getrandom.calls, 4);
	assert_int_equal(s_open.calls, 0);
}

/* getrandom() missing (old kernel: ENOSYS) or returning 0: the whole
 * buffer comes from /dev/urandom, whose read() may be interrupted and
 * short. */
static void test_urandom_fallback(void **state)
{
	uint8_t b[32];

	(void)state;
	memset(b, 0, sizeof b);
	fs_push(&s_getrandom, 7, 0, 0x11);
	fs_fail(&s_getrandom, ENOSYS);
	fs_fail(&s_read, EINTR);
	fs_push(&s_read, 12, 0, 0x33);
	fs_push(&s_read, 100, 0, 0x44);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_OK);
	assert_string_equal(open_path, "/dev/urandom");
	assert_true(all_bytes(b, 12, 0x33)); /* refilled from the start */
	assert_true(all_bytes(b + 12, 20, 0x44));
	assert_int_equal(s_read.calls, 3);
	assert_int_equal(n_close, 1);

	reset();
	memset(b, 0, sizeof b);
	fs_push(&s_getrandom, 0, 0, 0);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_OK);
	assert_int_equal(s_getrandom.calls, 1);
	assert_int_equal(s_read.calls, 1); /* the real /dev/urandom */
	assert_false(all_bytes(b, sizeof b, 0));
	assert_int_equal(n_close, 1);
}

/* No randomness at all: /dev/urandom cannot be opened, ends early, or
 * fails to read. */
static void test_urandom_fails(void **state)
{
	uint8_t b[32];

	(void)state;
	fs_fail(&s_getrandom, ENOSYS);
	fs_fail(&s_open, ENOENT);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_E_NET_RANDOM);
	assert_int_equal(n_close, 0);

	reset();
	fs_fail(&s_getrandom, ENOSYS);
	fs_push(&s_read, 31, 0, 0x55);
	fs_push(&s_read, 0, 0, 0);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_E_NET_RANDOM);
	assert_int_equal(n_close, 1);

	reset();
	fs_fail(&s_getrandom, EFAULT);
	fs_fail(&s_read, EIO);
	assert_int_equal(port.random(port.ctx, b, sizeof b), TCAS_E_NET_RANDOM);
	assert_int_equal(s_read.calls, 1);
	assert_int_equal(n_close, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_send_closed),
	    T(test_send_full_buffer),
	    T(test_send_errors),
	    T(test_send_timeout_zero),
	    T(test_recv_closed),
	    T(test_recv_waits),
	    T(test_recv_errors),
	    T(test_recv_real_eof),
	    T(test_recv_after_send_polls_first),
	    T(test_recv_after_send_blocks),
	    T(test_random_null),
	    T(test_getrandom_pieces),
	    T(test_urandom_fallback),
	    T(test_urandom_fails),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
