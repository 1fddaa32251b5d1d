/* test_p256 on the small form of src/p256.c (TCAS_P256_SMALL: the code
 * -Os builds compile, such as the static x86-64 board's), which this -O2
 * test build would not get otherwise: the same tests, on a copy of the
 * code compiled here under other names. */
#define TCAS_P256_SMALL      1
#define tcas_ecdsa_vrfy_asn1 small_ecdsa_vrfy_asn1
#define tcas_p256_vrfy_raw   small_p256_vrfy_raw
#define tcas_ec_all          small_ec_all
#include "../../src/p256.c"

#include "test_p256.c"
