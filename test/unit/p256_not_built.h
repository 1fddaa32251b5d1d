/* p256_not_built.h - the whole test program of test_p256*.c in a build
 * without tcas's P-256 code (TCAS_P256_ON 0: no unsigned __int128, or
 * TCAS_WITH_FAST_P256=0), where BearSSL does every curve: one test,
 * skipped. Included in place of the tests, after <cmocka.h>. */
#ifndef TCAS_TEST_P256_NOT_BUILT_H
#define TCAS_TEST_P256_NOT_BUILT_H

static void test_not_built(void **state)
{
	(void)state;
	skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_not_built),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#endif
