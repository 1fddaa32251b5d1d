/*
 * test_emu_out.c - the emulator's output buffer (test/emu/as_out.c): its
 * own printf subset gives what the C library's snprintf gives for every
 * conversion the state model uses (%s %d %lld %zu %04x %%), at the limits
 * of each type; sb_jstr escapes quotes, backslashes and control bytes;
 * sb_time writes RFC 3339 UTC or null.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emu/as_internal.h"

static void check_text(sb *b, const char *want)
{
	assert_false(b->oom);
	assert_int_equal(b->n, strlen(want));
	assert_string_equal(b->p, want);
	free(b->p);
	memset(b, 0, sizeof *b);
}

static void test_printf_like_libc(void **state)
{
	static const long long lls[] = {
	    0, 1, -1, 9, 10, -10, LLONG_MAX, LLONG_MIN, 42, 1700000000LL};
	static const int ints[] = {0, 7, -7, 100, INT_MAX, INT_MIN};
	static const size_t zs[] = {0, 1, 10, 65535, (size_t)-1};
	char want[256];
	sb b = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof lls / sizeof lls[0]; i++) {
		snprintf(want, sizeof want, "[%lld]", lls[i]);
		sb_printf(&b, "[%lld]", lls[i]);
		check_text(&b, want);
	}
	for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		snprintf(want, sizeof want, "a%db", ints[i]);
		sb_printf(&b, "a%db", ints[i]);
		check_text(&b, want);
	}
	for (i = 0; i < sizeof zs / sizeof zs[0]; i++) {
		snprintf(want, sizeof want, "%zu", zs[i]);
		sb_printf(&b, "%zu", zs[i]);
		check_text(&b, want);
	}
	for (i = 0; i < 0x10000; i += 0x0ff1) {
		snprintf(want, sizeof want, "\\u%04x", (unsigned)i);
		sb_printf(&b, "\\u%04x", (unsigned)i);
		check_text(&b, want);
	}
	sb_printf(&b, "{\"A\":\"%s\",\"B\":%lld,\"C\":%d}%%%s", "x y", -3LL, 5,
	          "");
	check_text(&b, "{\"A\":\"x y\",\"B\":-3,\"C\":5}%");
	sb_printf(&b, "%s", "");
	sb_printf(&b, "plain");
	check_text(&b, "plain");
}

static void test_appends(void **state)
{
	sb b = {0};
	int i;

	(void)state;
	sb_puts(&b, "start");
	for (i = 0; i < 1000; i++)
		sb_printf(&b, ",%d", i % 10);
	assert_false(b.oom);
	assert_int_equal(b.n, 5 + 2000);
	assert_memory_equal(b.p, "start,0,1,2", 11);
	assert_string_equal(b.p + b.n - 4, ",8,9");
	free(b.p);
}

static void test_jstr(void **state)
{
	sb b = {0};

	(void)state;
	sb_jstr(&b, "a\"b\\c\x01\x1f\tz\xc3\xa9");
	check_text(&b, "\"a\\\"b\\\\c\\u0001\\u001f\\u0009z\xc3\xa9\"");
	sb_jstr(&b, "");
	check_text(&b, "\"\"");
}

static void test_time(void **state)
{
	sb b = {0};

	(void)state;
	sb_time(&b, 0);
	check_text(&b, "\"1970-01-01T00:00:00Z\"");
	sb_time(&b, 1694104076.9); /* the fraction is dropped */
	check_text(&b, "\"2023-09-07T16:27:56Z\"");
	sb_time(&b, 951782400); /* 2000-02-29, a leap day */
	check_text(&b, "\"2000-02-29T00:00:00Z\"");
	sb_time(&b, -1);
	check_text(&b, "null");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_printf_like_libc),
	    cmocka_unit_test(test_appends),
	    cmocka_unit_test(test_jstr),
	    cmocka_unit_test(test_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
