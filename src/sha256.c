/*
 * SHA-256 on the CPU's SHA instructions (x86 SHA extensions, ARMv8 SHA2)
 * where the CPU has them, chosen once at run time; BearSSL's portable code
 * otherwise. The context and the state are BearSSL's br_sha256_context
 * (val[] = A..H, buf, count), so br_sha256_state()/_out() and
 * br_sha256_update() work on the same context. Contract in sha256.h.
 */
#include "inner.h"

#include "sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHA_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif
#if defined(__aarch64__) && defined(__linux__) && defined(__GNUC__)
#define SHA_ARM 1
#include <arm_neon.h>
#include <sys/auxv.h>
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
#endif

#if SHA_X86 || SHA_ARM
/* The round constants (FIPS 180-4, 4.2.2). */
static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
#endif

#if SHA_X86
#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* Four rounds g (4g .. 4g+3) with message words m. */
#define X86_RND4(m, g)                                                         \
	do {                                                                   \
		__m128i k_ = _mm_add_epi32(                                    \
		    (m), _mm_loadu_si128((const __m128i *)(sha_k + 4 * (g)))); \
		s1 = _mm_sha256rnds2_epu32(s1, s0, k_);                        \
		s0 = _mm_sha256rnds2_epu32(s0, s1,                             \
		                           _mm_shuffle_epi32(k_, 0x0E));       \
	} while (0)
/* w4 (W[t-16..t-13]) <- W[t..t+3] from the four groups before it. */
#define X86_NEXT(w4, w3, w2, w1)                                               \
	(w4) = _mm_sha256msg2_epu32(                                           \
	    _mm_add_epi32(_mm_sha256msg1_epu32((w4), (w3)),                    \
	                  _mm_alignr_epi8((w1), (w2), 4)),                     \
	    (w1))

SHA_TARGET static void x86_blocks(uint32_t st[8], const uint8_t *p, size_t n)
{
	const __m128i bswap =
	    _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i t = _mm_loadu_si128((const __m128i *)(const void *)st);
	__m128i s1 = _mm_loadu_si128((const __m128i *)(const void *)(st + 4));
	__m128i s0;

	t = _mm_shuffle_epi32(t, 0xB1);    /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);  /* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);    /* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0); /* CDGH */
	for (; n > 0; n--, p += 64) {
		__m128i abef = s0, cdgh = s1, m0, m1, m2, m3;

		m0 = _mm_shuffle_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)p), bswap);
		m1 = _mm_shuffle_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(p + 16)),
		    bswap);
		m2 = _mm_shuffle_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(p + 32)),
		    bswap);
		m3 = _mm_shuffle_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(p + 48)),
		    bswap);
		X86_RND4(m0, 0);
		X86_RND4(m1, 1);
		X86_RND4(m2, 2);
		X86_RND4(m3, 3);
		X86_NEXT(m0, m1, m2, m3);
		X86_RND4(m0, 4);
		X86_NEXT(m1, m2, m3, m0);
		X86_RND4(m1, 5);
		X86_NEXT(m2, m3, m0, m1);
		X86_RND4(m2, 6);
		X86_NEXT(m3, m0, m1, m2);
		X86_RND4(m3, 7);
		X86_NEXT(m0, m1, m2, m3);
		X86_RND4(m0, 8);
		X86_NEXT(m1, m2, m3, m0);
		X86_RND4(m1, 9);
		X86_NEXT(m2, m3, m0, m1);
		X86_RND4(m2, 10);
		X86_NEXT(m3, m0, m1, m2);
		X86_RND4(m3, 11);
		X86_NEXT(m0, m1, m2, m3);
		X86_RND4(m0, 12);
		X86_NEXT(m1, m2, m3, m0);
		X86_RND4(m1, 13);
		X86_NEXT(m2, m3, m0, m1);
		X86_RND4(m2, 14);
		X86_NEXT(m3, m0, m1, m2);
		X86_RND4(m3, 15);
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	t = _mm_shuffle_epi32(s0, 0x1B);   /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);  /* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xF0); /* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);    /* HGFE */
	_mm_storeu_si128((__m128i *)(void *)st, s0);
	_mm_storeu_si128((__m128i *)(void *)(st + 4), s1);
}

static int x86_has_sha(void)
{
	unsigned a, b, c, d;

	/* three cpuid, each a trap to the hypervisor in a virtual machine
	 * (__get_cpuid() would read leaf 0 again) */
	if (__get_cpuid_max(0, NULL) < 7) {
		return 0;
	}
	__cpuid(1, a, b, c, d);
	if (!(c & bit_SSE4_1) || !(c & bit_SSSE3)) {
		return 0;
	}
	__cpuid_count(7, 0, a, b, c, d);
	return (b & (1u << 29)) != 0; /* SHA */
}
#endif

#if SHA_ARM
#define ARM_TARGET __attribute__((target("+crypto")))

/* Four rounds with w + K[4g..4g+3]. */
#define ARM_RND4(w, g)                                                         \
	do {                                                                   \
		uint32x4_t k_ = vaddq_u32((w), vld1q_u32(sha_k + 4 * (g)));    \
		uint32x4_t a_ = s0;                                            \
		s0 = vsha256hq_u32(s0, s1, k_);                                \
		s1 = vsha256h2q_u32(s1, a_, k_);                               \
	} while (0)
#define ARM_NEXT(w4, w3, w2, w1)                                               \
	(w4) = vsha256su1q_u32(vsha256su0q_u32((w4), (w3)), (w2), (w1))

ARM_TARGET static void arm_blocks(uint32_t st[8], const uint8_t *p, size_t n)
{
	uint32x4_t s0 = vld1q_u32(st), s1 = vld1q_u32(st + 4);

	for (; n > 0; n--, p += 64) {
		uint32x4_t abcd = s0, efgh = s1;
		uint32x4_t m0 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p)));
		uint32x4_t m1 =
		    vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16)));
		uint32x4_t m2 =
		    vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 32)));
		uint32x4_t m3 =
		    vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 48)));
		int g;

		ARM_RND4(m0, 0);
		ARM_RND4(m1, 1);
		ARM_RND4(m2, 2);
		ARM_RND4(m3, 3);
		for (g = 4; g < 16; g += 4) {
			ARM_NEXT(m0, m1, m2, m3);
			ARM_RND4(m0, g);
			ARM_NEXT(m1, m2, m3, m0);
			ARM_RND4(m1, g + 1);
			ARM_NEXT(m2, m3, m0, m1);
			ARM_RND4(m2, g + 2);
			ARM_NEXT(m3, m0, m1, m2);
			ARM_RND4(m3, g + 3);
		}
		s0 = vaddq_u32(s0, abcd);
		s1 = vaddq_u32(s1, efgh);
	}
	vst1q_u32(st, s0);
	vst1q_u32(st + 4, s1);
}
#endif

/* Which code compresses: chosen at the first call (TCAS_SHA256_*). */
static int sha_impl = -1;

static int detect(void)
{
#if SHA_X86
	if (x86_has_sha()) {
		return TCAS_SHA256_X86;
	}
#endif
#if SHA_ARM
	if (getauxval(AT_HWCAP) & HWCAP_SHA2) {
		return TCAS_SHA256_ARM;
	}
#endif
	return TCAS_SHA256_PORTABLE;
}

int tcas_sha256_impl(void)
{
	if (sha_impl < 0) {
		sha_impl = detect();
	}
	return sha_impl;
}

int tcas_sha256_use(int impl)
{
	if (impl != TCAS_SHA256_PORTABLE && impl != detect()) {
		return TCAS_E_UNSUPPORTED;
	}
	sha_impl = impl;
	return TCAS_OK;
}

#if SHA_X86 || SHA_ARM
static void blocks(uint32_t st[8], const uint8_t *p, size_t n)
{
#if SHA_X86
	x86_blocks(st, p, n);
#else
	arm_blocks(st, p, n);
#endif
}

/* br_sha256_update() with the blocks compressed by the instructions. */
static void accel_update(br_sha256_context *h, const uint8_t *p, size_t len)
{
	size_t ptr = (size_t)h->count & 63;

	h->count += len;
	if (ptr > 0) {
		size_t k = 64 - ptr < len ? 64 - ptr : len;

		memcpy(h->buf + ptr, p, k);
		p += k;
		len -= k;
		if (ptr + k < 64) {
			return;
		}
		blocks(h->val, h->buf, 1);
	}
	if (len >= 64) {
		blocks(h->val, p, len / 64);
		p += len & ~(size_t)63;
		len &= 63;
	}
	if (len > 0) {
		memcpy(h->buf, p, len);
	}
}
#endif

void tcas_sha256_update(br_sha256_context *h, const void *data, size_t len)
{
#if SHA_X86 || SHA_ARM
	if (tcas_sha256_impl() != TCAS_SHA256_PORTABLE) {
		accel_update(h, data, len);
		return;
	}
#endif
	br_sha256_update(h, data, len);
}
