/* test_p256ct_grind on the small form of src/p256.c (TCAS_P256_SMALL: the
 * field multiplication is mont_mul, doubling is the addition formula). */
#define TCAS_P256_SMALL 1
#include "test_p256ct_grind.c"
