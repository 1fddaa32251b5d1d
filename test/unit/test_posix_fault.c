/* test_posix_fault.c - the POSIX port under operating-system failures
 * (harness and how it works: posixfault.h): the clocks, creating sockets,
 * connect, sleep, init and the CA file. (send, recv and the random
 * source: test_posix_io_fault.) */
#include "posixfault.h"

/* ---- clocks -------------------------------------------------------------- */

static void test_mono_clock_fails(void **state)
{
	(void)state;
	fs_fail(&s_clock, EINVAL);
	assert_int_equal(port.mono_ms(port.ctx), 0);
	/* the next reading works again */
	assert_true(port.mono_ms(port.ctx) > 0);
}

/* With no clock every reading is 0: a wait still gets its whole budget
 * (the deadline is 0 + timeout) instead of none or forever. */
static void test_recv_budget_without_clock(void **state)
{
	uint8_t b[4];
	int i;

	(void)state;
	fake_connection();
	for (i = 0; i < 4; i++) {
		fs_fail(&s_clock, EINVAL);
	}
	fs_fail(&s_recv, EAGAIN);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, 250),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout, 250);
}

/* ---- socket creation ----------------------------------------------------- */

static void test_socket_fails(void **state)
{
	(void)state;
	fs_fail(&s_socket, EMFILE);
	assert_int_equal(tcas_posix_socket(AF_INET, SOCK_STREAM), -1);
	assert_int_equal(errno, EMFILE);
	assert_int_equal(n_close, 0);
}

/* Each of the three fcntl() calls failing closes the new socket. */
static void test_fcntl_fails(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < 3; i++) {
		reset();
		for (j = 0; j < i; j++) {
			fs_push(&s_fcntl, FS_REAL, 0, 0);
		}
		fs_fail(&s_fcntl, EBADF);
		assert_int_equal(tcas_posix_socket(AF_INET, SOCK_DGRAM), -1);
		assert_int_equal(s_socket.calls, 1);
		assert_int_equal(s_fcntl.calls, i + 1);
		assert_sockets_closed(1);
	}
}

/* The socket made is non-blocking and close-on-exec. */
static void test_socket_flags(void **state)
{
	int fd;

	(void)state;
	fd = tcas_posix_socket(AF_INET, SOCK_STREAM);
	assert_true(fd >= 0);
	assert_true(__real_fcntl(fd, F_GETFL, 0) & O_NONBLOCK);
	assert_true(__real_fcntl(fd, F_GETFD, 0) & FD_CLOEXEC);
	__real_close(fd);
}

/* ---- connect ------------------------------------------------------------- */

/* socket() failing: the errno decides the code, nothing leaks. EMFILE is
 * a local failure (TCAS_E_NET_IO, which port.h does not list for
 * connect: see test/COVERAGE.md), EAFNOSUPPORT "unreachable". */
static void test_connect_socket_fails(void **state)
{
	(void)state;
	fs_fail(&s_socket, EMFILE);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
	                 TCAS_E_NET_IO);
	assert_int_equal(px.fd, -1);
	reset();
	fs_fail(&s_socket, EAFNOSUPPORT);
	assert_int_equal(port.connect(port.ctx, "::1", 9, 1000),
	                 TCAS_E_NET_CONNECT);
	assert_int_equal(px.fd, -1);
	assert_int_equal(s_connect.calls, 0);
}

/* connect() succeeding at once: no wait, the socket is kept. */
static void test_connect_at_once(void **state)
{
	(void)state;
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000), TCAS_OK);
	assert_true(px.fd >= 0);
	assert_int_equal(s_poll.calls, 0);
	assert_int_equal(s_getsockopt.calls, 0);
	assert_int_equal(n_close, 0);
}

/* A connected socket's reads may block (one recv() instead of poll() and
 * recv() for the answer): blocking mode with a 200 ms receive timeout. If
 * the socket cannot be set so, it stays non-blocking and the port polls. */
static void test_connect_reads_may_block(void **state)
{
	struct timeval tv;
	socklen_t tl = sizeof tv;

	(void)state;
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000), TCAS_OK);
	assert_int_equal(px.blocking, 1);
	assert_int_equal(fcntl(px.fd, F_GETFL, 0) & O_NONBLOCK, 0);
	assert_int_equal(getsockopt(px.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, &tl),
	                 0);
	assert_int_equal(tv.tv_sec * 1000 + tv.tv_usec / 1000, 200);
	port.close(port.ctx);
	assert_int_equal(px.blocking, 0);

	reset();
	fs_push(&s_fcntl, 0, 0, 0); /* the socket's F_GETFL, F_SETFL, */
	fs_push(&s_fcntl, 0, 0, 0); /* F_SETFD */
	fs_push(&s_fcntl, 0, 0, 0);
	fs_fail(&s_fcntl, EBADF); /* then F_GETFL fails */
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000), TCAS_OK);
	assert_int_equal(px.blocking, 0);
	port.close(port.ctx);

	/* no receive timeout: the socket stays non-blocking, untouched */
	reset();
	fs_fail(&s_setsockopt, ENOPROTOOPT);
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000), TCAS_OK);
	assert_int_equal(s_setsockopt.calls, 1);
	assert_int_equal(px.blocking, 0);
	assert_int_equal(s_fcntl.calls, 3); /* the socket's three, no more */
	assert_true(fcntl(px.fd, F_GETFL, 0) & O_NONBLOCK);
}

/* connect() failing at once, by errno. */
static void test_connect_fails_at_once(void **state)
{
	static const struct {
		int err, rc;
	} v[] = {
	    {ECONNREFUSED, TCAS_E_NET_CONNECT},
	    {ENETUNREACH, TCAS_E_NET_CONNECT},
	    {EHOSTUNREACH, TCAS_E_NET_CONNECT},
	    {EADDRNOTAVAIL, TCAS_E_NET_CONNECT},
	    {ETIMEDOUT, TCAS_E_NET_TIMEOUT},
	    {EACCES, TCAS_E_NET_IO},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		reset();
		fs_fail(&s_connect, v[i].err);
		assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
		                 v[i].rc);
		assert_int_equal(px.fd, -1);
		assert_int_equal(s_poll.calls, 0);
		assert_sockets_closed(1);
	}
}

/* connect() interrupted by a signal goes on in the background: wait for
 * it and read SO_ERROR like EINPROGRESS. */
static void test_connect_eintr(void **state)
{
	(void)state;
	fs_fail(&s_connect, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_getsockopt, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000), TCAS_OK);
	assert_true(px.fd >= 0);
	assert_int_equal(s_getsockopt.calls, 1);
}

/* The wait for the connection: poll() interrupted (retried with what is
 * left), timing out, failing. */
static void test_connect_wait(void **state)
{
	(void)state;
	fake_clock = 1;
	fake_now = 5000;
	fs_fail(&s_connect, EINPROGRESS);
	fs_fail(&s_poll, EINTR);
	fs_push(&s_poll, 1, 0, 0);
	fs_push(&s_getsockopt, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 700), TCAS_OK);
	assert_int_equal(s_poll.calls, 2);
	assert_int_equal(poll_timeout, 700);
	port.close(port.ctx);

	reset();
	fake_clock = 1;
	fake_now = 5000;
	fs_fail(&s_connect, EINPROGRESS);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 700),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(poll_timeout, 700);
	assert_int_equal(s_getsockopt.calls, 0);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);

	reset();
	fs_fail(&s_connect, EINPROGRESS);
	fs_fail(&s_poll, ENOMEM);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 700),
	                 TCAS_E_NET_IO);
	assert_int_equal(s_poll.calls, 1);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);
}

/* The outcome of a connection in progress: getsockopt() failing, or the
 * SO_ERROR it reports. */
static void test_connect_so_error(void **state)
{
	static const struct {
		int err, rc;
	} v[] = {
	    {ECONNREFUSED, TCAS_E_NET_CONNECT},
	    {EHOSTUNREACH, TCAS_E_NET_CONNECT},
	    {ETIMEDOUT, TCAS_E_NET_TIMEOUT},
	    {ECONNRESET, TCAS_E_NET_IO},
	};
	size_t i;

	(void)state;
	fs_fail(&s_connect, EINPROGRESS);
	fs_push(&s_poll, 1, 0, 0);
	fs_fail(&s_getsockopt, ENOTSOCK);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
	                 TCAS_E_NET_IO);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		reset();
		fs_fail(&s_connect, EINPROGRESS);
		fs_push(&s_poll, 1, 0, 0);
		fs_push(&s_getsockopt, 0, 0, v[i].err);
		assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
		                 v[i].rc);
		assert_int_equal(px.fd, -1);
		assert_sockets_closed(1);
	}
}

/* Two addresses: a refusal moves on to the next one; when both fail the
 * more telling error is reported; a timeout on the first spends the
 * budget, and the second is then not tried. */
static void test_connect_two_addresses(void **state)
{
	(void)state;
	fs_fail(&s_connect, ECONNREFUSED);
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000), TCAS_OK);
	assert_int_equal(s_socket.calls, 2);
	assert_true(px.fd >= 0);
	assert_int_equal(n_close, 1);
	port.close(port.ctx);

	reset();
	fs_fail(&s_socket, EMFILE);
	fs_push(&s_connect, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000), TCAS_OK);
	assert_int_equal(s_socket.calls, 2);
	assert_int_equal(s_connect.calls, 1);
	port.close(port.ctx);

	/* Every address failed: a bare I/O error on the second does not
	 * hide the refusal of the first ("localhost" refused on 127.0.0.1,
	 * then ::1 unusable), nor the other way round; I/O errors alone
	 * stay I/O errors. */
	reset();
	fs_fail(&s_connect, ECONNREFUSED);
	fs_fail(&s_connect, EACCES);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000),
	                 TCAS_E_NET_CONNECT);
	assert_int_equal(s_connect.calls, 2);
	assert_sockets_closed(2);
	reset();
	fs_fail(&s_connect, EACCES);
	fs_fail(&s_connect, ECONNREFUSED);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000),
	                 TCAS_E_NET_CONNECT);
	reset();
	fs_fail(&s_connect, EACCES);
	fs_fail(&s_connect, EPERM);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000),
	                 TCAS_E_NET_IO);
	reset();
	fs_fail(&s_connect, ECONNREFUSED);
	fs_fail(&s_socket, EAFNOSUPPORT);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 1000),
	                 TCAS_E_NET_CONNECT);

	reset();
	fake_clock = 1;
	fake_now = 1000;
	fs_fail(&s_connect, EINPROGRESS);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.connect(port.ctx, "two.test", 9, 300),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(s_socket.calls, 1);
	assert_int_equal(s_connect.calls, 1);
	assert_int_equal(px.fd, -1);
	assert_sockets_closed(1);
}

/* A new connect closes the open connection first. */
static void test_connect_closes_previous(void **state)
{
	(void)state;
	fake_connection();
	fs_fail(&s_connect, ECONNREFUSED);
	assert_int_equal(port.connect(port.ctx, "127.0.0.1", 9, 1000),
	                 TCAS_E_NET_CONNECT);
	assert_int_equal(px.fd, -1);
	assert_int_equal(n_close, 2); /* the old connection, the new socket */
}

/* ---- sleep, init --------------------------------------------------------- */

/* An interrupted sleep goes on with the time left, not from the start;
 * another failure ends it. */
static void test_sleep_resumes(void **state)
{
	(void)state;
	fs_push(&s_nanosleep, -1, EINTR, 2);
	port.sleep_ms(port.ctx, 1500);
	assert_int_equal(s_nanosleep.calls, 2);
	assert_int_equal(sleep_req[0].tv_sec, 1);
	assert_int_equal(sleep_req[0].tv_nsec, 500000000L);
	assert_int_equal(sleep_req[1].tv_sec, 0);
	assert_int_equal(sleep_req[1].tv_nsec, 2000000L);

	reset();
	fs_fail(&s_nanosleep, EINVAL);
	port.sleep_ms(port.ctx, 1500);
	assert_int_equal(s_nanosleep.calls, 1);
}

/* connect/close on a NULL context. */
static void test_null_context(void **state)
{
	(void)state;
	assert_int_equal(port.connect(NULL, "127.0.0.1", 9, 1000), TCAS_E_ARG);
	port.close(NULL);
	assert_int_equal(s_socket.calls, 0);
	assert_int_equal(n_close, 0);
}

/* A budget over INT32_MAX ms (about 24.8 days) waits INT32_MAX, never a
 * negative poll() timeout, which would mean "forever". */
static void test_huge_timeout(void **state)
{
	uint8_t b[4];

	(void)state;
	fake_clock = 1;
	fake_now = 1;
	fake_connection();
	fs_fail(&s_recv, EAGAIN);
	fs_push(&s_poll, 0, 0, 0);
	assert_int_equal(port.recv(port.ctx, b, sizeof b, UINT32_MAX),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(s_poll.calls, 1);
	assert_int_equal(poll_timeout, INT32_MAX);
}

/* ---- CA file ------------------------------------------------------------- */

static br_x509_trust_anchor ta[2];
static unsigned char arena[1024];

/* An interrupted read() is retried; another failure, at the start or
 * after a first chunk, is TCAS_E_TLS_PEM. */
static void test_ca_file_read(void **state)
{
	tcas_trust t;

	(void)state;
	tcas_trust_init(&t, ta, 2, arena, sizeof arena);
	fs_fail(&s_read, EINTR);
	assert_int_equal(tcas_posix_load_ca_file(&t, ca), TCAS_OK);
	assert_int_equal(t.count, 1);
	assert_int_equal(s_read.calls, 4); /* EINTR, 512, 71, end of file */

	reset();
	tcas_trust_init(&t, ta, 2, arena, sizeof arena);
	fs_fail(&s_read, EIO);
	assert_int_equal(tcas_posix_load_ca_file(&t, ca), TCAS_E_TLS_PEM);
	assert_int_equal(s_read.calls, 1);

	reset();
	tcas_trust_init(&t, ta, 2, arena, sizeof arena);
	fs_push(&s_read, FS_REAL, 0, 0);
	fs_fail(&s_read, EIO);
	assert_int_equal(tcas_posix_load_ca_file(&t, ca), TCAS_E_TLS_PEM);
	assert_int_equal(s_read.calls, 2);
	assert_int_equal(t.count, 0);
}

static void test_init_null(void **state)
{
	tcas_posix c;
	tcas_port p;

	(void)state;
	memset(&c, 0x5a, sizeof c);
	memset(&p, 0x5a, sizeof p);
	tcas_posix_init(NULL, &p);
	tcas_posix_init(&c, NULL);
	tcas_posix_init(NULL, NULL);
	assert_true(all_bytes((const uint8_t *)&c, sizeof c, 0x5a));
	assert_true(all_bytes((const uint8_t *)&p, sizeof p, 0x5a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_mono_clock_fails),
	    T(test_recv_budget_without_clock),
	    T(test_socket_fails),
	    T(test_fcntl_fails),
	    T(test_socket_flags),
	    T(test_connect_socket_fails),
	    T(test_connect_at_once),
	    T(test_connect_reads_may_block),
	    T(test_connect_fails_at_once),
	    T(test_connect_eintr),
	    T(test_connect_wait),
	    T(test_connect_so_error),
	    T(test_connect_two_addresses),
	    T(test_connect_closes_previous),
	    T(test_sleep_resumes),
	    T(test_null_context),
	    T(test_huge_timeout),
	    T(test_ca_file_read),
	    T(test_init_null),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
