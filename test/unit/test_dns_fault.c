/* test_dns_fault.c - the stub resolver under operating-system failures
 * (harness and how it works: dnsfault.h): socket(), sendto(), the wait
 * for answers and the clock. (The random source, files, getaddrinfo() and
 * direct calls: test_dns_sys_fault.) */
#include "dnsfault.h"

/* ---- socket() ------------------------------------------------------------ */

/* No UDP socket: the only server fails both types at once. Nothing is
 * sent, nothing waited for: TCAS_E_NET_RESOLVE ("every DNS server
 * failed"). */
static void test_socket_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_socket, EMFILE);
	fs_fail(&s_socket, ENFILE);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(l.n, 0);
	assert_int_equal(s_socket.calls, 2); /* A, then AAAA */
	assert_int_equal(n_sent, 0);
	assert_int_equal(s_poll.calls, 0);
	assert_int_equal(fake_now, 100000);
	assert_sockets_closed(0);
}

/* No IPv6 socket for the first server (::1): the IPv4 one is asked at
 * once, and the family of its answer is told apart from ::1's. */
static void test_socket_fails_v6_server(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv6);
	fs_fail(&s_socket, EAFNOSUPPORT);
	fs_fail(&s_socket, EAFNOSUPPORT);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.1:5353");
	assert_string_equal(dnspkt_sa_text(&sent[1].to), "127.0.0.1:5353");
	assert_int_equal(fake_now, 100000); /* no slice waited out */
	assert_sockets_closed(1);
}

/* An IPv6 server: its own socket, its answers matched by address and
 * port (junk from [::2] and from port 54 ignored), both sockets closed.
 * Then a SERVFAIL from ::1 moves on to 127.0.0.1 at once, whose answer
 * is not taken for ::1's (different family). */
static void test_v6_server(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv6);
	mode = M_JUNK6;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "::1:5353");
	assert_int_equal(n_queue, 0); /* the junk was read, and dropped */
	assert_sockets_closed(1);

	reset();
	fake_now = 100000;
	mode = M_FAIL_FIRST;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(n_sent, 4);
	assert_string_equal(dnspkt_sa_text(&sent[2].to), "127.0.0.1:5353");
	assert_int_equal(fake_now, 100000);
	assert_sockets_closed(2);
}

/* ---- sendto() ------------------------------------------------------------ */

/* Both queries to the only server fail (an error, a short write): the
 * lookup fails without waiting. */
static void test_sendto_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_sendto, ENETUNREACH);
	fs_push(&s_sendto, 20, 0, 0);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(s_sendto.calls, 2);
	assert_int_equal(n_sent, 0);
	assert_int_equal(s_poll.calls, 0);
	assert_sockets_closed(1);
}

/* The first server cannot be sent to (EPERM for A, a short write for
 * AAAA): the second is asked at once, not after a slice. */
static void test_sendto_fails_next_server(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv2);
	fs_fail(&s_sendto, EPERM);
	fs_push(&s_sendto, 0, 0, 0);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.3:5353");
	assert_int_equal(fake_now, 100000);
	assert_sockets_closed(1);
}

/* A query that could not be sent is not sent again to that server: with
 * the AAAA send failing and the server dropping nothing, the A answer
 * ends the lookup with no resolution delay for AAAA. */
static void test_sendto_fails_one_type(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_push(&s_sendto, FS_REAL, 0, 0);
	fs_fail(&s_sendto, EAGAIN);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(s_sendto.calls, 2);
	assert_int_equal(fake_now, 100000);
}

/* ---- the wait ------------------------------------------------------------ */

/* poll() interrupted: waited again with what is left of the slice. */
static void test_poll_eintr(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	latency = 30;
	fs_fail(&s_poll, EINTR);
	assert_int_equal(resolve("a.test", 1000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(s_poll.calls, 2);
	assert_int_equal(poll_timeout[0], 1000); /* one server: all of it */
	assert_int_equal(poll_timeout[1], 1000);
	assert_int_equal(fake_now, 100030);
	assert_int_equal(n_sent, 2);
}

/* poll() failing (not EINTR) ends the lookup: TCAS_E_NET_IO, as for
 * connect, and no more queries (not a busy loop of re-sends until the
 * deadline); addresses already received are still used. */
static void test_poll_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	poll_dead = 1;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_IO);
	assert_int_equal(l.n, 0);
	assert_int_equal(s_poll.calls, 1);
	assert_int_equal(n_sent, 2);
	assert_sockets_closed(1);

	reset();
	fake_now = 100000;
	mode = M_NO_AAAA;
	fs_push(&s_poll, FS_REAL, 0, 0);
	fs_fail(&s_poll, EBADF);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(s_poll.calls, 2);
	assert_sockets_closed(1);
}

/* recvfrom() interrupted (retried at once), then nothing there despite
 * the readiness (EAGAIN, another error): back to poll(). */
static void test_recvfrom_eintr_eagain(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_recvfrom, EINTR);
	fs_fail(&s_recvfrom, EAGAIN);
	fs_fail(&s_recvfrom, ECONNREFUSED);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
	/* EINTR EAGAIN | ECONNREFUSED | A AAAA EAGAIN */
	assert_int_equal(s_recvfrom.calls, 6);
	assert_int_equal(s_poll.calls, 3);
	assert_int_equal(n_sent, 2);
	assert_int_equal(fake_now, 100000);
}

/* The resolution delay when AAAA is answered and A is not: 50 ms more,
 * then the IPv6 address alone. */
static void test_aaaa_only(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_NO_A;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "2001:db8::1:443");
	assert_int_equal(poll_timeout[1], 50);
	assert_int_equal(fake_now, 100050);
	assert_int_equal(n_sent, 2);
}

/* More addresses than kept: IPv4 and IPv6 alternate up to
 * TCAS_DNS_ADDRS_MAX; an address given twice counts once. */
static void test_many_addresses(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_MANY;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, TCAS_DNS_ADDRS_MAX);
	assert_string_equal(ADDR(&l, 0), "10.0.1.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::11:443");
	assert_string_equal(ADDR(&l, 2), "10.0.1.2:443");
	assert_string_equal(ADDR(&l, 3), "2001:db8::12:443");
}

/* ---- the clock ----------------------------------------------------------- */

/* A monotonic clock that always fails reads 0: the budget still bounds
 * the lookup (the deadline is 0 + budget, and each slice waited out
 * counts), instead of polling forever. 1000 ms over 2 servers: slices of
 * 500, 250, 250 ms, then TCAS_E_NET_TIMEOUT. */
static void test_clock_dead_silent(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv2);
	clock_dead = 1;
	mode = M_SILENT;
	assert_int_equal(tcas_posix_mono(), 0);
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 1000, &l),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(n_sent, 6);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.2:5353");
	assert_string_equal(dnspkt_sa_text(&sent[2].to), "127.0.0.3:5353");
	assert_string_equal(dnspkt_sa_text(&sent[4].to), "127.0.0.2:5353");
	assert_int_equal(poll_timeout[0], 500);
	assert_int_equal(poll_timeout[1], 250);
	assert_int_equal(poll_timeout[2], 250);
	assert_int_equal(s_poll.calls, 3);
	assert_sockets_closed(1);

	/* through the port: the connect budget is the bound */
	reset();
	clock_dead = 1;
	mode = M_SILENT;
	tcas_posix_set_resolver(&px, hosts, resolv1);
	assert_int_equal(port.connect(port.ctx, "a.test", 443, 700),
	                 TCAS_E_NET_TIMEOUT);
	assert_int_equal(n_sent, 2);
	assert_int_equal(poll_timeout[0], 700);
	assert_int_equal(px.fd, -1);
}

/* With a dead clock an answer still resolves, and the resolution delay
 * ends after its 50 ms. */
static void test_clock_dead_answers(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	clock_dead = 1;
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 3000, &l),
	                 TCAS_OK);
	assert_int_equal(l.n, 2);
	reset();
	clock_dead = 1;
	mode = M_NO_AAAA;
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 3000, &l),
	                 TCAS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_int_equal(s_poll.calls, 2);
	assert_int_equal(poll_timeout[1], 50);
	reset();
	clock_dead = 1;
	assert_int_equal(tcas_posix_resolve(&px, "nope.test", 443, 3000, &l),
	                 TCAS_E_NET_RESOLVE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_socket_fails),
		T(test_socket_fails_v6_server),
		T(test_v6_server),
		T(test_sendto_fails),
		T(test_sendto_fails_next_server),
		T(test_sendto_fails_one_type),
		T(test_poll_eintr),
		T(test_poll_fails),
		T(test_recvfrom_eintr_eagain),
		T(test_aaaa_only),
		T(test_many_addresses),
		T(test_clock_dead_silent),
		T(test_clock_dead_answers),
#if TCAS_WITH_GETADDRINFO
#endif
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
