/* The constant-time claim of src/p256.c's ECDHE code, checked by valgrind
 * memcheck (ctgrind's method): the secret scalar's bytes are marked
 * undefined (VALGRIND_MAKE_MEM_UNDEFINED), so memcheck reports every
 * conditional branch and every memory address computed from them in
 * ct_scalar and ct_mul; the test then marks the outcome (the validity
 * flag, the result point) defined again before it looks at it. Run by
 * make check-valgrind (which fails on any report); outside valgrind the
 * client requests do nothing and this is one more comparison with
 * BearSSL's p256_m31. It includes src/p256.c to reach those static
 * functions: the -O2 form here, the small form in test_p256ct_grind_small.
 * It checks the code as this compiler built it for this test, not every
 * build. */
#ifndef TCAS_P256_SMALL
#define TCAS_P256_SMALL 0
#endif
#define tcas_ecdsa_vrfy_asn1 grind_ecdsa_vrfy_asn1
#define tcas_p256_vrfy_raw   grind_p256_vrfy_raw
#define tcas_ec_all          grind_ec_all
#include "../../src/p256.c"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED(p, n)
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED(p, n)
#endif
#endif
#ifndef SECRET /* no valgrind header: a plain test */
#define SECRET(p, n) ((void)(p), (void)(n))
#define PUBLIC(p, n) ((void)(p), (void)(n))
#endif

#if TCAS_P256_ON

static void test_secret_scalar(void **state)
{
	br_hmac_drbg_context rng;
	uint8_t kb[32], q[65], a[65], b[65];
	uint64_t k[4];
	uint32_t ok;
	jac p, g;
	int i;

	(void)state;
	br_hmac_drbg_init(&rng, &br_sha256_vtable, "grind", 5);
	memcpy(g.x, GX_M, 32);
	memcpy(g.y, GY_M, 32);
	memcpy(g.z, P_ONE, 32);
	for (i = 0; i < 4; i++) {
		/* a public point, then a secret scalar in [1, n - 1] */
		br_hmac_drbg_generate(&rng, kb, 32);
		kb[0] &= 0x7f;
		kb[31] |= 1;
		assert_int_equal(
		    br_ec_p256_m31.mulgen(q, kb, 32, BR_EC_secp256r1), 65);
		assert_true(decode_point(&p, q, 65));
		br_hmac_drbg_generate(&rng, kb, 32);
		kb[0] &= 0x7f;
		if (i == 0) {
			kb[0] = 0; /* zero windows at the top */
		}
		kb[31] |= 1;
		SECRET(kb, sizeof kb);
		ok = ct_scalar(k, kb, 32);
		PUBLIC(&ok, sizeof ok);
		assert_int_equal(ok, 1);
		ok = ct_mul(a, &p, k);
		PUBLIC(&ok, sizeof ok);
		PUBLIC(a, sizeof a);
		assert_int_equal(ok, 1);
		ok = ct_mul(b, &g, k);
		PUBLIC(&ok, sizeof ok);
		PUBLIC(b, sizeof b);
		assert_int_equal(ok, 1);
		PUBLIC(kb, sizeof kb);
		/* the same results as BearSSL's */
		assert_int_equal(
		    br_ec_p256_m31.mul(q, 65, kb, 32, BR_EC_secp256r1), 1);
		assert_memory_equal(a, q, 65);
		assert_int_equal(
		    br_ec_p256_m31.mulgen(q, kb, 32, BR_EC_secp256r1), 65);
		assert_memory_equal(b, q, 65);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_secret_scalar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#else /* !TCAS_P256_ON */

#include "p256_not_built.h"

#endif
