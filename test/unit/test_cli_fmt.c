/* Unit tests for the CLI's printf subset (src/cli/fmt.c): every conversion
 * and flag tcas uses gives exactly what the C library's snprintf gives,
 * cuts keep snprintf's contract (cap - 1 bytes, NUL, full length
 * returned), and tcas_cli_fprintf writes texts longer than its internal
 * chunk in full and reports write errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include <cmocka.h>

#include "../../src/cli/cli.h" /* the CLI's private header */

/* Both printfs on the same arguments, into 64-byte buffers. */
#define SAME(...)                                                              \
	do {                                                                   \
		char want[64], got[64];                                        \
		int wn = snprintf(want, sizeof want, __VA_ARGS__);             \
		int gn = tcas_cli_snprintf(got, sizeof got, __VA_ARGS__);      \
		assert_string_equal(got, want);                                \
		assert_int_equal(gn, wn);                                      \
	} while (0)

static void test_conversions(void **state)
{
	(void)state;
	SAME("plain text");
	SAME("%s|%s", "a", "");
	SAME("%-8s|", "ab");
	SAME("%-8s|", "abcdefghij");
	SAME("%8s|", "ab");
	SAME("%*s|", 6, "x");
	SAME("%*s|", 0, "x");
	SAME("%*s|", -4, "x");
	SAME("%.3s|", "abcdef");
	SAME("%.10s|", "abc");
	SAME("%.*s|%.*s|%.*s", 2, "abcdef", 0, "xyz", -1, "all");
	SAME("did you mean --%.*s%s?", 5, "Refresh.More", "BatchNumber");
	SAME("%d %d %d", 0, -1, 42);
	SAME("%d %d", INT_MAX, INT_MIN);
	SAME("%ld %ld", LONG_MAX, LONG_MIN);
	SAME("%u %u", 0u, UINT_MAX);
	SAME("%lu", ULONG_MAX);
	SAME("%04o %o %04o", 0600u, 0u, 0100644u);
	SAME("%5d|%-5d|%05d|%05d", 42, 42, 42, -42);
	SAME("100%% done");
	SAME("%s:%u (%s), body %lu bytes", "h", 443u, "https", 12ul);
}

static void test_cut(void **state)
{
	char b[8];

	(void)state;
	memset(b, 'x', sizeof b);
	assert_int_equal(tcas_cli_snprintf(b, sizeof b, "%s-%d", "abcdef", 123),
	                 10);
	assert_string_equal(b, "abcdef-");
	memset(b, 'x', sizeof b);
	assert_int_equal(tcas_cli_snprintf(b, 1, "%s", "abc"), 3);
	assert_int_equal(b[0], '\0');
	assert_int_equal(b[1], 'x');
	assert_int_equal(tcas_cli_snprintf(NULL, 0, "%d", 12345), 5);
	assert_int_equal(tcas_cli_snprintf(b, sizeof b, "%s", "1234567"), 7);
	assert_string_equal(b, "1234567");
}

/* The va_list entry point, as params_cli.c's fail() uses it. */
static int viav(char *b, size_t cap, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = tcas_cli_vsnprintf(b, cap, f, ap);
	va_end(ap);
	return n;
}

static void test_vsnprintf(void **state)
{
	char b[6];

	(void)state;
	assert_int_equal(viav(b, sizeof b, "%s=%d", "key", 4711), 8);
	assert_string_equal(b, "key=4");
	assert_int_equal(viav(b, sizeof b, "%s", "ok"), 2);
	assert_string_equal(b, "ok");
}

static void test_fprintf(void **state)
{
	char big[1000], back[2100];
	FILE *f = tmpfile();
	size_t n;

	(void)state;
	assert_non_null(f);
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	/* longer than the 256-byte chunk: flushed in pieces, nothing lost */
	assert_int_equal(tcas_cli_fprintf(f, "<%s|%s>%d", big, big, -5),
	                 2 * 999 + 3 + 2);
	rewind(f);
	n = fread(back, 1, sizeof back, f);
	assert_int_equal(n, 2 * 999 + 5);
	assert_int_equal(back[0], '<');
	assert_int_equal(back[1000], '|');
	assert_memory_equal(back + 2000, ">-5", 3);
	fclose(f);
}

static void test_fprintf_error(void **state)
{
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(tcas_cli_fprintf(f, "%s", "lost"), -1);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_conversions),
	    cmocka_unit_test(test_cut),
	    cmocka_unit_test(test_vsnprintf),
	    cmocka_unit_test(test_fprintf),
	    cmocka_unit_test(test_fprintf_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
