/* test_dns_sys_fault.c - the stub resolver under operating-system
 * failures (harness and how it works: dnsfault.h): the random source, the
 * hosts and resolv.conf files, the getaddrinfo() fallback after a
 * truncated answer, and direct calls. (The network: test_dns_fault.) */
#include "dnsfault.h"

/* ---- the random source --------------------------------------------------- */

/* No random bytes for the query ids (getrandom() missing, /dev/urandom
 * not there): TCAS_E_NET_RESOLVE before anything is sent. */
static void test_random_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_getrandom, ENOSYS);
	fs_push(&s_open, FS_REAL, 0, 0); /* hosts */
	fs_push(&s_open, FS_REAL, 0, 0); /* resolv.conf */
	fs_fail(&s_open, ENOENT);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(l.n, 0);
	assert_string_equal(opened[2], "/dev/urandom");
	assert_int_equal(s_socket.calls, 0);
	assert_int_equal(n_sent, 0);
}

/* Equal random halves: the two ids still differ (AAAA's last bit
 * flipped), and each answer goes to its own type. */
static void test_random_same_ids(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_push(&s_getrandom, 4, 0, 0x5a);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(n_sent, 2);
	assert_int_equal(sent[0].type, 1);
	assert_int_equal(sent[0].id, 0x5a5a);
	assert_int_equal(sent[1].type, 28);
	assert_int_equal(sent[1].id, 0x5a5b);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.1:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::1:443");
}

/* ---- files --------------------------------------------------------------- */

/* Reading the hosts file: EINTR is retried; an address listed twice
 * counts once; a final dot on a name in the file is ignored. */
static void test_hosts_read_eintr(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_read, EINTR);
	assert_int_equal(resolve("h.test", 5000, &l), TCAS_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "10.0.0.5:443");
	assert_string_equal(ADDR(&l, 1), "2001:db8::5:443");
	assert_int_equal(s_read.calls, 3); /* EINTR, the file, its end */
	assert_int_equal(n_sent, 0);
	assert_int_equal(resolve("DOT.test", 5000, &l), TCAS_OK);
	assert_string_equal(ADDR(&l, 0), "10.0.0.6:443");
}

/* A hosts file that fails to read counts as empty: DNS is asked. A
 * resolv.conf that fails to read lists no server: 127.0.0.1 is asked. */
static void test_files_read_fails(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	fs_fail(&s_read, EIO);
	assert_int_equal(resolve("h.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(n_sent, 2); /* NXDOMAIN from 127.0.0.2 */
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.2:5353");

	reset();
	fake_now = 100000;
	fs_push(&s_read, FS_REAL, 0, 0);
	fs_push(&s_read, FS_REAL, 0, 0);
	fs_fail(&s_read, EIO);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_int_equal(s_read.calls, 3);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.1:5353");
}

/* The system files by default (here: neither can be opened), and DNS
 * port 53 unless set. */
static void test_system_files(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	tcas_posix_set_resolver(&px, NULL, NULL);
	px.dns_port = 0;
	fs_fail(&s_open, EACCES);
	fs_fail(&s_open, ENOENT);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_string_equal(opened[0], "/etc/hosts");
	assert_string_equal(opened[1], "/etc/resolv.conf");
	assert_int_equal(n_sent, 2);
	assert_string_equal(dnspkt_sa_text(&sent[0].to), "127.0.0.1:53");
}

/* resolv.conf: a bare "nameserver" line and a misspelt keyword are
 * skipped; only the first 3 servers are asked. */
static void test_resolv_three_servers(void **state)
{
	tcas_posix_addrs l;
	int i;

	(void)state;
	tcas_posix_set_resolver(&px, hosts, resolv4);
	mode = M_REFUSED;
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(n_sent, 6);
	for (i = 0; i < 6; i++) {
		static const char *srv[3] = {
		    "127.0.0.11:5353", "127.0.0.12:5353", "127.0.0.13:5353"};

		assert_string_equal(dnspkt_sa_text(&sent[i].to), srv[i / 2]);
	}
	assert_int_equal(fake_now, 100000);
}

/* ---- truncated answers: getaddrinfo() ------------------------------------ */

static struct sockaddr_in gai_v4;
static struct sockaddr_in6 gai_v6;
static struct sockaddr_storage gai_big;
static struct addrinfo gai_ai[4];

/* getaddrinfo()'s list: an AF_UNIX entry, an IPv6 and an IPv4 address,
 * and an IPv4 entry whose address length is too long: the two addresses
 * are used, in order, with our port. */
static void gai_fill(void)
{
	memset(gai_ai, 0, sizeof gai_ai);
	memset(&gai_v4, 0, sizeof gai_v4);
	memset(&gai_v6, 0, sizeof gai_v6);
	memset(&gai_big, 0, sizeof gai_big);
	gai_v4.sin_family = AF_INET;
	gai_v4.sin_port = htons(9);
	inet_pton(AF_INET, "10.0.0.9", &gai_v4.sin_addr);
	gai_v6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::9", &gai_v6.sin6_addr);
	gai_big.ss_family = AF_INET;
	gai_ai[0].ai_family = AF_UNIX;
	gai_ai[0].ai_addr = (struct sockaddr *)&gai_big;
	gai_ai[0].ai_addrlen = 2;
	gai_ai[1].ai_family = AF_INET6;
	gai_ai[1].ai_addr = (struct sockaddr *)&gai_v6;
	gai_ai[1].ai_addrlen = sizeof gai_v6;
	gai_ai[2].ai_family = AF_INET;
	gai_ai[2].ai_addr = (struct sockaddr *)&gai_v4;
	gai_ai[2].ai_addrlen = sizeof gai_v4;
	gai_ai[3].ai_family = AF_INET;
	gai_ai[3].ai_addr = (struct sockaddr *)&gai_big;
	gai_ai[3].ai_addrlen = sizeof gai_big;
	gai_ai[0].ai_next = &gai_ai[1];
	gai_ai[1].ai_next = &gai_ai[2];
	gai_ai[2].ai_next = &gai_ai[3];
	gai_list = &gai_ai[0];
}

#if TCAS_WITH_GETADDRINFO
/* Both answers truncated with no complete record: getaddrinfo() (TCP)
 * while time is left; its failure, or a list with no usable address, is
 * TCAS_E_NET_RESOLVE. */
static void test_truncated_gai(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_TRUNC;
	gai_fill();
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_OK);
	assert_string_equal(gai_host, "a.test");
	assert_int_equal(l.n, 2);
	assert_string_equal(ADDR(&l, 0), "2001:db8::9:443");
	assert_string_equal(ADDR(&l, 1), "10.0.0.9:443");
	assert_int_equal(n_freeaddrinfo, 1);
	assert_sockets_closed(1);

	reset();
	mode = M_TRUNC;
	fs_push(&s_gai, EAI_AGAIN, 0, 0);
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(s_gai.calls, 1);
	assert_int_equal(n_freeaddrinfo, 0);

	reset();
	mode = M_TRUNC;
	gai_fill();
	gai_ai[0].ai_next = &gai_ai[3]; /* AF_UNIX, too long */
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(l.n, 0);
	assert_int_equal(n_freeaddrinfo, 1);

	reset();
	mode = M_TRUNC;
	fs_push(&s_gai, 0, 0, 0); /* success, but no list */
	assert_int_equal(resolve("a.test", 5000, &l), TCAS_E_NET_RESOLVE);
	assert_int_equal(n_freeaddrinfo, 0);
}
#endif

/* A truncated answer arriving at the deadline: no time for the
 * fallback, TCAS_E_NET_TIMEOUT, getaddrinfo() not called. */
static void test_truncated_late(void **state)
{
	tcas_posix_addrs l;

	(void)state;
	mode = M_TRUNC;
	latency = 300;
	gai_fill();
	assert_int_equal(resolve("a.test", 300, &l), TCAS_E_NET_TIMEOUT);
	assert_int_equal(fake_now, 100300);
	assert_int_equal(n_sent, 2);
	assert_int_equal(s_gai.calls, 0);
}

/* ---- direct calls -------------------------------------------------------- */

static void test_direct(void **state)
{
	tcas_posix_addrs l;
	uint8_t w[256], pkt[12] = {0};

	(void)state;
	assert_int_equal(tcas_posix_dns_name("", w), 0);
	assert_int_equal(tcas_posix_dns_name("a.test", w), 8);
	assert_int_equal(tcas_posix_dns_parse(NULL, 12, 0, w, 8, 1, 443, &l),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_dns_parse(pkt, 12, 0, NULL, 8, 1, 443, &l),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_dns_parse(pkt, 12, 0, w, 8, 1, 443, NULL),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_dns_parse(pkt, 12, 0, w, 256, 1, 443, &l),
	                 TCAS_DNS_IGNORE);
	assert_int_equal(tcas_posix_resolve(NULL, "a.test", 443, 1, &l),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_posix_resolve(&px, NULL, 443, 1, &l), TCAS_E_ARG);
	assert_int_equal(tcas_posix_resolve(&px, "a.test", 443, 1, NULL),
	                 TCAS_E_ARG);
	assert_int_equal(n_sent, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_random_fails),
		T(test_random_same_ids),
		T(test_hosts_read_eintr),
		T(test_files_read_fails),
		T(test_system_files),
		T(test_resolv_three_servers),
#if TCAS_WITH_GETADDRINFO
		T(test_truncated_gai),
#endif
		T(test_truncated_late),
		T(test_direct),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
