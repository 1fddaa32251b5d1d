/* Unit tests for the lwIP port (tcas/port_lwip.h) that need no network:
 * host table and literal lookup, the 64-bit widening of sys_now() across
 * its wrap, the caller-supplied clock and randomness, argument and state
 * errors of both variants, and sleep_ms. Built against Debian's liblwip
 * headers; sys_now() is this file's fake clock (it interposes on the
 * library's). The network paths are covered by test/e2e/lwip.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lwip/sys.h"

#include "../../port/lwip/lwip_inner.h"
#include "tcas/error.h"
#include "tcas/port_lwip.h"

static u32_t fake_now;
static int polls;

u32_t sys_now(void)
{
	return fake_now;
}

static int64_t wall(void *arg)
{
	return *(const int64_t *)arg;
}

static int rnd_ok(void *arg, uint8_t *buf, size_t len)
{
	(void)arg;
	memset(buf, 0x5A, len);
	return 0;
}

static int rnd_fail(void *arg, uint8_t *buf, size_t len)
{
	(void)arg;
	(void)buf;
	(void)len;
	return -1;
}

/* Each poll advances the fake clock by 10 ms. */
static void poll10(void *arg)
{
	(void)arg;
	polls++;
	fake_now += 10;
}

static void test_lookup(void **state)
{
	tcas_lwip_host hosts[2];
	ip_addr_t a;

	(void)state;
	hosts[0].name = "emu.test";
	ipaddr_aton("10.77.0.1", &hosts[0].addr);
	hosts[1].name = NULL; /* skipped */
	ipaddr_aton("10.0.0.9", &hosts[1].addr);
	assert_int_equal(tcas_lwip_lookup(hosts, 2, "EMU.Test", &a), 1);
	assert_string_equal(ipaddr_ntoa(&a), "10.77.0.1");
	assert_int_equal(tcas_lwip_lookup(hosts, 2, "emu.tes", &a), 0);
	assert_int_equal(tcas_lwip_lookup(hosts, 2, "emu.test.", &a), 0);
	assert_int_equal(tcas_lwip_lookup(hosts, 2, "192.0.2.7", &a), 1);
	assert_string_equal(ipaddr_ntoa(&a), "192.0.2.7");
	assert_int_equal(tcas_lwip_lookup(NULL, 5, "192.0.2.8", &a), 1);
	assert_int_equal(tcas_lwip_lookup(NULL, 0, "localhost", &a), 0);
	assert_int_equal(tcas_lwip_lookup(hosts, 0, "emu.test", &a), 0);
}

static void test_clock_wrap(void **state)
{
	tcas_lwip_clock clk = {0, 0};

	(void)state;
	fake_now = 0xFFFFFF00u;
	assert_int_equal(tcas_lwip_now(&clk), 0xFFFFFF00u);
	fake_now = 0x10u; /* wrapped */
	assert_true(tcas_lwip_now(&clk) == 0x100000010ull);
	fake_now = 0x20u;
	assert_true(tcas_lwip_now(&clk) == 0x100000020ull);
	/* left(): saturates at 0, counts across the wrap */
	assert_int_equal(tcas_lwip_left(&clk, 0x100000000ull), 0);
	assert_int_equal(tcas_lwip_left(&clk, 0x100000120ull), 0x100);
	assert_int_equal(tcas_lwip_left(&clk, 0x300000000ull), UINT32_MAX);
}

static void test_sys_callbacks(void **state)
{
	int64_t t = 1767225600;
	tcas_lwip_sys sys = {&t, wall, rnd_ok, NULL};
	tcas_lwip_sys none = {NULL, NULL, NULL, NULL};
	uint8_t buf[8];

	(void)state;
	assert_true(tcas_lwip_wall(&sys) == 1767225600);
	assert_true(tcas_lwip_wall(&none) == 0);
	assert_true(tcas_lwip_wall(NULL) == 0);
	assert_int_equal(tcas_lwip_random(&sys, buf, sizeof buf), TCAS_OK);
	assert_int_equal(buf[7], 0x5A);
	assert_int_equal(tcas_lwip_random(&none, buf, sizeof buf),
	                 TCAS_E_NET_RANDOM);
	assert_int_equal(tcas_lwip_random(NULL, buf, sizeof buf),
	                 TCAS_E_NET_RANDOM);
	assert_int_equal(tcas_lwip_random(&sys, NULL, 4), TCAS_E_NET_RANDOM);
	sys.random = rnd_fail;
	assert_int_equal(tcas_lwip_random(&sys, buf, sizeof buf),
	                 TCAS_E_NET_RANDOM);
}

static void check_filled(const tcas_port *p, const void *ctx)
{
	assert_ptr_equal(p->ctx, ctx);
	assert_non_null(p->connect);
	assert_non_null(p->send);
	assert_non_null(p->recv);
	assert_non_null(p->close);
	assert_non_null(p->wall_time);
	assert_non_null(p->mono_ms);
	assert_non_null(p->random);
	assert_non_null(p->sleep_ms);
}

/* Errors that need no network, for either variant. */
static void check_no_net(tcas_port *p)
{
	uint8_t b[4] = {0};

	assert_int_equal(p->connect(p->ctx, NULL, 443, 100), TCAS_E_ARG);
	assert_int_equal(p->connect(p->ctx, "", 443, 100), TCAS_E_ARG);
	assert_int_equal(p->connect(p->ctx, "192.0.2.1", 0, 100), TCAS_E_ARG);
	assert_int_equal(p->send(p->ctx, b, sizeof b, 0), TCAS_E_NET_CLOSED);
	assert_int_equal(p->recv(p->ctx, b, sizeof b, 0), TCAS_E_NET_CLOSED);
	p->close(p->ctx); /* nothing open: harmless */
	p->close(p->ctx);
	assert_int_equal(p->send(NULL, b, sizeof b, 0), TCAS_E_NET_CLOSED);
	assert_int_equal(p->recv(NULL, b, sizeof b, 0), TCAS_E_NET_CLOSED);
	assert_int_equal(p->connect(NULL, "192.0.2.1", 443, 0), TCAS_E_ARG);
	p->close(NULL);
}

static void test_sock_variant(void **state)
{
	int64_t t = 1767225600;
	tcas_lwip_sys sys = {&t, wall, rnd_ok, NULL};
	tcas_lwip_sock s;
	tcas_port p;
	uint8_t b[2];

	(void)state;
	memset(&p, 0, sizeof p);
	tcas_lwip_sock_init(&s, &p, &sys, NULL, 3);
	check_filled(&p, &s);
	assert_int_equal(s.fd, -1);
	assert_int_equal(s.host_count, 0); /* NULL table: count ignored */
	check_no_net(&p);
	assert_true(p.wall_time(p.ctx) == t);
	assert_int_equal(p.random(p.ctx, b, sizeof b), TCAS_OK);
	fake_now = 5000;
	assert_true(p.mono_ms(p.ctx) >= 5000);
	tcas_lwip_sock_init(NULL, &p, &sys, NULL, 0); /* ignored */
	tcas_lwip_sock_init(&s, NULL, &sys, NULL, 0);
}

static void test_raw_variant(void **state)
{
	int64_t t = 1767225600;
	tcas_lwip_sys sys = {&t, wall, rnd_ok, poll10};
	tcas_lwip_sys nopoll = {&t, wall, rnd_ok, NULL};
	tcas_lwip_raw r;
	tcas_port p;

	(void)state;
	memset(&p, 0, sizeof p);
	tcas_lwip_raw_init(&r, &p, &sys, NULL, 0);
	check_filled(&p, &r);
	check_no_net(&p);
	/* sleep_ms drives the poll hook until the time has passed */
	fake_now = 1000;
	polls = 0;
	p.sleep_ms(p.ctx, 95);
	assert_int_equal(polls, 10);
	assert_true(fake_now >= 1095);
	p.sleep_ms(p.ctx, 0);
	assert_int_equal(polls, 10);
	/* without a poll hook connect refuses to start */
	tcas_lwip_raw_init(&r, &p, &nopoll, NULL, 0);
	assert_int_equal(p.connect(p.ctx, "192.0.2.1", 443, 100), TCAS_E_ARG);
	tcas_lwip_raw_init(&r, &p, NULL, NULL, 0);
	assert_int_equal(p.connect(p.ctx, "192.0.2.1", 443, 100), TCAS_E_ARG);
	assert_true(p.wall_time(p.ctx) == 0); /* no clock */
	assert_int_equal(p.random(p.ctx, (uint8_t *)&t, 1), TCAS_E_NET_RANDOM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_clock_wrap),
	    cmocka_unit_test(test_sys_callbacks),
	    cmocka_unit_test(test_sock_variant),
	    cmocka_unit_test(test_raw_variant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
