/* p256fix.h - what the P-256 unit test (test/unit/test_p256.c) and its
 * fuzzer (test/fuzz/fuzz_p256.c) share: the group order and the DER form
 * of a signature. Header only: the fuzzer links no test library. */
#ifndef TCAS_TEST_P256FIX_H
#define TCAS_TEST_P256FIX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The group order n of P-256, big-endian. */
static const uint8_t P256_ORDER[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
    0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};

/* DER of (r, s), each given as 32 big-endian bytes, minimal (a 0x00 in
 * front of a high bit): at most 72 bytes into out. */
static inline size_t p256_der_sig(uint8_t *out, const uint8_t r[32],
                                  const uint8_t s[32])
{
	const uint8_t *v[2] = {r, s};
	size_t n = 2, k;
	int i;

	for (i = 0; i < 2; i++) {
		for (k = 0; k < 31 && v[i][k] == 0; k++) {
		}
		out[n++] = 0x02;
		out[n++] = (uint8_t)(32 - k + (v[i][k] >> 7));
		if (v[i][k] & 0x80) {
			out[n++] = 0;
		}
		memcpy(out + n, v[i] + k, 32 - k);
		n += 32 - k;
	}
	out[0] = 0x30;
	out[1] = (uint8_t)(n - 2);
	return n;
}

#endif
