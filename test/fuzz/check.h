/* check.h - what every libFuzzer harness here shares: an invariant check
 * that aborts (libFuzzer then saves the input), the input hash and the
 * entry point. */
#ifndef TCAS_FUZZ_CHECK_H
#define TCAS_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(c)                                                               \
	do {                                                                   \
		if (!(c)) {                                                    \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",       \
			        __FILE__, __LINE__, #c);                       \
			abort();                                               \
		}                                                              \
	} while (0)

/* FNV-1a of n bytes: the harnesses derive their choices (cuts, modes,
 * switches) from it, so that an input always replays the same way. */
static inline uint32_t fuzz_hash(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
