/*
 * p256.c - ECDSA P-256 signature verification: field elements and scalars
 * as four 64-bit limbs (little-endian) in Montgomery form (R = 2^256),
 * products on unsigned __int128; points in Jacobian coordinates; u1*G +
 * u2*Q by interleaved width-5 wNAF (Straus-Shamir) over two tables of odd
 * multiples built on the stack (no static table). The contract is in
 * p256.h.
 *
 * VARIABLE TIME, on purpose: branches and table indices depend on the
 * values. It checks public signatures with public keys only; never call
 * anything here with a secret.
 */
#include "inner.h"
#include "p256.h"

#if TCAS_P256_ON

typedef unsigned __int128 u128;

/* TCAS_P256_SMALL 1 (the default of -Os builds, such as the static x86-64
 * board): the same arithmetic in less code, for flash: the field
 * multiplication is the generic Montgomery loop of the scalars (no
 * unrolled rows, no special reduction) and the small helpers are not
 * inlined. About 3 KB instead of 6 KB at -Os, 2.5 times slower (README
 * "TLS"). test_p256_small runs every test on this form. */
#ifndef TCAS_P256_SMALL
#ifdef __OPTIMIZE_SIZE__
#define TCAS_P256_SMALL 1
#else
#define TCAS_P256_SMALL 0
#endif
#endif
#if TCAS_P256_SMALL
#define P256_INLINE
#else
#define P256_INLINE TCAS_INLINE
#endif

/* A point in Jacobian coordinates (x/z^2, y/z^3), each coordinate in
 * Montgomery form and fully reduced (< p); z == 0 is the point at
 * infinity. */
typedef struct {
	uint64_t x[4], y[4], z[4];
} jac;

/* The field prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1 and the group
 * order n, limbs least significant first. -p^-1 mod 2^64 is 1. */
static const uint64_t P[4] = {0xffffffffffffffffu, 0x00000000ffffffffu,
                              0x0000000000000000u, 0xffffffff00000001u};
static const uint64_t N[4] = {0xf3b9cac2fc632551u, 0xbce6faada7179e84u,
                              0xffffffffffffffffu, 0xffffffff00000000u};
#define N_INV 0xccd1c8aaee00bc4fu /* -n^-1 mod 2^64 */
/* R^2 mod p and R^2 mod n: mont_mul(x, R2) puts x in Montgomery form. */
static const uint64_t P_R2[4] = {0x0000000000000003u, 0xfffffffbffffffffu,
                                 0xfffffffffffffffeu, 0x00000004fffffffdu};
static const uint64_t N_R2[4] = {0x83244c95be79eea2u, 0x4699799c49bd6fa6u,
                                 0x2845b2392b6bec59u, 0x66e12d94f3d95620u};
/* R mod p and R mod n: 1 in Montgomery form. */
static const uint64_t P_ONE[4] = {0x0000000000000001u, 0xffffffff00000000u,
                                  0xffffffffffffffffu, 0x00000000fffffffeu};
static const uint64_t N_ONE[4] = {0x0c46353d039cdaafu, 0x4319055258e8617bu,
                                  0x0000000000000000u, 0x00000000ffffffffu};
/* The curve's b (y^2 = x^3 - 3x + b) and the generator G (FIPS 186-4
 * D.1.2.3), in Montgomery form (b 2^256 mod p, ...): verification and the
 * constant-time code below both compute on them in that form. */
static const uint64_t B_M[4] = {0xd89cdf6229c4bddfu, 0xacf005cd78843090u,
                                0xe5a220abf7212ed6u, 0xdc30061d04874834u};
static const uint64_t GX_M[4] = {0x79e730d418a9143cu, 0x75ba95fc5fedb601u,
                                 0x79fb732b77622510u, 0x18905f76a53755c6u};
static const uint64_t GY_M[4] = {0xddf25357ce95560au, 0x8b4ab8e4ba19e45cu,
                                 0xd2e88688dd21f325u, 0x8571ff1825885d85u};

static const uint64_t ZERO[4] = {0, 0, 0, 0};

/* wNAF width: digits odd, in (-2^(W-1), 2^(W-1)); tables of 2^(W-2)
 * odd multiples (1, 3, .., 15 for W = 5). */
#define W      5
#define TABLE  (1 << (W - 2))
#define DIGITS 257 /* a 256-bit scalar has at most 257 wNAF digits */

static int is_zero(const uint64_t a[4])
{
	return (a[0] | a[1] | a[2] | a[3]) == 0;
}

/* a >= m, as numbers */
static int ge(const uint64_t a[4], const uint64_t m[4])
{
	int i;

	for (i = 3; i >= 0; i--) {
		if (a[i] != m[i]) {
			return a[i] > m[i];
		}
	}
	return 1;
}

/* r = a + b; returns the carry out. (Unrolled by hand: gcc -O2 keeps
 * such loops, at twice the instructions.) */
static P256_INLINE uint64_t add4(uint64_t r[4], const uint64_t a[4],
                                 const uint64_t b[4])
{
	u128 c = (u128)a[0] + b[0];

	r[0] = (uint64_t)c;
	c = (c >> 64) + a[1] + b[1];
	r[1] = (uint64_t)c;
	c = (c >> 64) + a[2] + b[2];
	r[2] = (uint64_t)c;
	c = (c >> 64) + a[3] + b[3];
	r[3] = (uint64_t)c;
	return (uint64_t)(c >> 64);
}

/* r = a - b; returns the borrow out (1 when a < b). */
static P256_INLINE uint64_t sub4(uint64_t r[4], const uint64_t a[4],
                                 const uint64_t b[4])
{
	u128 d = (u128)a[0] - b[0];

	r[0] = (uint64_t)d;
	d = (u128)a[1] - b[1] - ((uint64_t)(d >> 64) & 1);
	r[1] = (uint64_t)d;
	d = (u128)a[2] - b[2] - ((uint64_t)(d >> 64) & 1);
	r[2] = (uint64_t)d;
	d = (u128)a[3] - b[3] - ((uint64_t)(d >> 64) & 1);
	r[3] = (uint64_t)d;
	return (uint64_t)(d >> 64) & 1;
}

/* v, hidden from the optimiser (an empty asm that takes and returns it):
 * a mask made from a comparison stays a mask, combined with and/or,
 * instead of becoming a branch or a selection of addresses. Without it
 * clang 14 -Os compiled reduce_once's selection into two cmov'd pointers
 * and loads through them, an address that depends on the values
 * (test_p256ct_grind under valgrind found it). Both compilers that have
 * unsigned __int128 (gcc, clang) take GNU asm. */
static TCAS_INLINE uint64_t opaque(uint64_t v)
{
	__asm__("" : "+r"(v));
	return v;
}

/* r = t + hi 2^256 mod m, for that value below 2m (hi is 0 or 1). No
 * branch: the outcome of this test is a coin toss on random values, and a
 * mispredicted branch costs more than the subtraction; the constant-time
 * scalar multiplication below also needs it without one (in the small
 * form its field multiplication is mont_mul, which ends here). */
static P256_INLINE void reduce_once(uint64_t r[4], const uint64_t t[4],
                                    uint64_t hi, const uint64_t m[4])
{
	uint64_t d[4], keep;

	/* keep t when t + hi 2^256 < m: no carry in, a borrow out */
	keep = opaque(0 - (uint64_t)(hi < sub4(d, t, m)));
	r[0] = (t[0] & keep) | (d[0] & ~keep);
	r[1] = (t[1] & keep) | (d[1] & ~keep);
	r[2] = (t[2] & keep) | (d[2] & ~keep);
	r[3] = (t[3] & keep) | (d[3] & ~keep);
}

/* r = t + hi 2^256 mod p, for that value below 2p. */
static P256_INLINE void fe_reduce(uint64_t r[4], const uint64_t t[4],
                                  uint64_t hi)
{
	reduce_once(r, t, hi, P);
}

/* r = a * b / 2^256 mod m, for a, b < m < 2^256 and minv = -m^-1 mod 2^64
 * (CIOS Montgomery multiplication); r < m, without a branch. Scalars mod n,
 * and the field in the small form; the fast form has its own below. */
static void mont_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4],
                     const uint64_t m[4], uint64_t minv)
{
	uint64_t t[5] = {0, 0, 0, 0, 0}, hi, q;
	u128 c;
	int i, j;

	for (i = 0; i < 4; i++) {
		c = 0;
		for (j = 0; j < 4; j++) {
			c += (u128)a[j] * b[i] + t[j];
			t[j] = (uint64_t)c;
			c >>= 64;
		}
		c += t[4];
		t[4] = (uint64_t)c;
		hi = (uint64_t)(c >> 64);
		q = t[0] * minv;
		c = ((u128)q * m[0] + t[0]) >> 64;
		for (j = 1; j < 4; j++) {
			c += (u128)q * m[j] + t[j];
			t[j - 1] = (uint64_t)c;
			c >>= 64;
		}
		c += t[4];
		t[3] = (uint64_t)c;
		t[4] = hi + (uint64_t)(c >> 64);
	}
	reduce_once(r, t, t[4], m); /* t + t[4] 2^256 < 2m */
}

/* One row of the schoolbook product: t[i..i+4] = t[i..i+3] + a bi. */
#define MUL_ROW(t, a, bi, i)                                                   \
	do {                                                                   \
		u128 c_ = (u128)(a)[0] * (bi) + (t)[(i)];                      \
		(t)[(i)] = (uint64_t)c_;                                       \
		c_ = (c_ >> 64) + (u128)(a)[1] * (bi) + (t)[(i) + 1];          \
		(t)[(i) + 1] = (uint64_t)c_;                                   \
		c_ = (c_ >> 64) + (u128)(a)[2] * (bi) + (t)[(i) + 2];          \
		(t)[(i) + 2] = (uint64_t)c_;                                   \
		c_ = (c_ >> 64) + (u128)(a)[3] * (bi) + (t)[(i) + 3];          \
		(t)[(i) + 3] = (uint64_t)c_;                                   \
		(t)[(i) + 4] = (uint64_t)(c_ >> 64);                           \
	} while (0)

/* One Montgomery step mod p on t[i..i+4]: adds q p with q = t[i] (as
 * -p^-1 = 1 mod 2^64), which clears t[i]. With p = 2^256 - 2^224 + 2^192
 * + 2^96 - 1, q p + t[i] = q 2^64 + q 2^96 + q 2^192 (2^64 - 2^32 + 1):
 * one multiplication. cy is the carry into t[i+4] left by the step
 * before; it becomes the carry into t[i+5]. */
#define REDC_STEP(t, i, cy)                                                    \
	do {                                                                   \
		uint64_t q_ = (t)[(i)];                                        \
		u128 c_ = (u128)(t)[(i) + 1] + (q_ << 32);                     \
		(t)[(i) + 1] = (uint64_t)c_;                                   \
		c_ = (c_ >> 64) + (t)[(i) + 2] + (q_ >> 32);                   \
		(t)[(i) + 2] = (uint64_t)c_;                                   \
		c_ = (c_ >> 64) + (t)[(i) + 3] + (u128)q_ * P[3];              \
		(t)[(i) + 3] = (uint64_t)c_;                                   \
		c_ = (c_ >> 64) + (t)[(i) + 4] + (cy);                         \
		(t)[(i) + 4] = (uint64_t)c_;                                   \
		(cy) = (uint64_t)(c_ >> 64);                                   \
	} while (0)

/* Field arithmetic mod p, Montgomery form: r = a b / 2^256 mod p. */
#if TCAS_P256_SMALL
static void fe_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
	mont_mul(r, a, b, P, 1);
}
#else
static void fe_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
	uint64_t t[8], cy = 0;

	t[0] = t[1] = t[2] = t[3] = 0;
	MUL_ROW(t, a, b[0], 0);
	MUL_ROW(t, a, b[1], 1);
	MUL_ROW(t, a, b[2], 2);
	MUL_ROW(t, a, b[3], 3);
	REDC_STEP(t, 0, cy);
	REDC_STEP(t, 1, cy);
	REDC_STEP(t, 2, cy);
	REDC_STEP(t, 3, cy);
	fe_reduce(r, t + 4, cy); /* t[4..7] + cy 2^256 < 2p */
}
#endif

static void fe_sqr(uint64_t r[4], const uint64_t a[4])
{
	fe_mul(r, a, a);
}

static void fe_add(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
	uint64_t t[4];

	fe_reduce(r, t, add4(t, a, b));
}

static void fe_sub(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
	uint64_t t[4], m = opaque(0 - sub4(t, a, b)), pm[4];

	/* t + p when a < b (all-ones m), without a branch */
	pm[0] = P[0] & m;
	pm[1] = P[1] & m;
	pm[2] = 0;
	pm[3] = P[3] & m;
	add4(r, t, pm);
}

/* Scalars mod n, Montgomery form. */
static void sc_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
	mont_mul(r, a, b, N, N_INV);
}

/* len big-endian bytes (len <= 32) into limbs. */
static void decode(uint64_t r[4], const uint8_t *buf, size_t len)
{
	size_t i;

	memset(r, 0, 32);
	for (i = 0; i < len; i++) {
		size_t k = len - 1 - i; /* byte weight */
		r[k >> 3] |= (uint64_t)buf[i] << ((k & 7) << 3);
	}
}

/* A scalar of len big-endian bytes (any length): 1 and *r when it is
 * below n, else 0. */
static int sc_decode(uint64_t r[4], const uint8_t *buf, size_t len)
{
	for (; len > 32; len--, buf++) {
		if (*buf != 0) {
			return 0;
		}
	}
	decode(r, buf, len);
	return !ge(r, N);
}

/* r = 1/a mod n in Montgomery form, from a in Montgomery form (a != 0):
 * a^(n-2), 4-bit fixed windows. */
static void sc_inv(uint64_t r[4], const uint64_t a[4])
{
	uint64_t tab[16][4], acc[4];
	uint64_t e[4];
	int i, k;

	memcpy(tab[0], N_ONE, 32);
	for (i = 1; i < 16; i++) {
		sc_mul(tab[i], tab[i - 1], a);
	}
	memcpy(e, N, 32);
	e[0] -= 2; /* n's low limb is above 2 */
	memcpy(acc, N_ONE, 32);
	for (i = 252; i >= 0; i -= 4) {
		for (k = 0; k < 4; k++) {
			sc_mul(acc, acc, acc);
		}
		sc_mul(acc, acc, tab[(e[i >> 6] >> (i & 63)) & 15]);
	}
	memcpy(r, acc, 32);
}

static void pt_double(jac *p)
{
	uint64_t delta[4], gamma[4], beta[4], alpha[4], t[4];

	/* dbl-2001-b (a = -3): 3M + 5S */
	fe_sqr(delta, p->z);
	fe_sqr(gamma, p->y);
	fe_mul(beta, p->x, gamma);
	fe_sub(t, p->x, delta);
	fe_add(alpha, p->x, delta);
	fe_mul(alpha, alpha, t);
	fe_add(t, alpha, alpha);
	fe_add(alpha, t, alpha);
	fe_add(p->z, p->y, p->z);
	fe_sqr(p->z, p->z);
	fe_sub(p->z, p->z, gamma);
	fe_sub(p->z, p->z, delta);
	fe_add(beta, beta, beta);
	fe_add(beta, beta, beta); /* 4 beta */
	fe_sqr(p->x, alpha);
	fe_sub(p->x, p->x, beta);
	fe_sub(p->x, p->x, beta);
	fe_sub(beta, beta, p->x);
	fe_mul(p->y, alpha, beta);
	fe_sqr(gamma, gamma);
	fe_add(gamma, gamma, gamma);
	fe_add(gamma, gamma, gamma);
	fe_add(gamma, gamma, gamma); /* 8 gamma^2 */
	fe_sub(p->y, p->y, gamma);
}

/* p += q, or p -= q when neg; every case (infinity, p == +-q) handled. */
static void pt_add(jac *p, const jac *q, int neg)
{
	uint64_t z1z1[4], z2z2[4], u1[4], u2[4], s1[4], s2[4], h[4], r[4];

	if (is_zero(q->z)) {
		return;
	}
	if (is_zero(p->z)) {
		*p = *q;
		if (neg) {
			fe_sub(p->y, ZERO, p->y);
		}
		return;
	}
	fe_sqr(z1z1, p->z);
	fe_sqr(z2z2, q->z);
	fe_mul(u1, p->x, z2z2);
	fe_mul(u2, q->x, z1z1);
	fe_mul(s1, p->y, q->z);
	fe_mul(s1, s1, z2z2);
	fe_mul(s2, q->y, p->z);
	fe_mul(s2, s2, z1z1);
	if (neg) {
		fe_sub(s2, ZERO, s2);
	}
	fe_sub(h, u2, u1);
	fe_sub(r, s2, s1);
	if (is_zero(h)) {
		if (is_zero(r)) {
			pt_double(p);
		} else {
			memset(p->z, 0, 32);
		}
		return;
	}
	/* add-1998-cmo-2: 12M + 4S */
	fe_mul(p->z, p->z, q->z);
	fe_mul(p->z, p->z, h);
	fe_sqr(z1z1, h);       /* h^2 */
	fe_mul(z2z2, z1z1, h); /* h^3 */
	fe_mul(u1, u1, z1z1);  /* v = u1 h^2 */
	fe_sqr(p->x, r);
	fe_sub(p->x, p->x, z2z2);
	fe_sub(p->x, p->x, u1);
	fe_sub(p->x, p->x, u1);
	fe_sub(u1, u1, p->x);
	fe_mul(p->y, r, u1);
	fe_mul(s1, s1, z2z2);
	fe_sub(p->y, p->y, s1);
}

/* Bits [pos, pos + cnt) of k (cnt < 64). */
static unsigned bits_at(const uint64_t k[4], unsigned pos, unsigned cnt)
{
	unsigned i = pos >> 6, sh = pos & 63;
	uint64_t v = k[i] >> sh;

	if (sh + cnt > 64 && i < 3) {
		v |= k[i + 1] << (64 - sh);
	}
	return (unsigned)(v & ((1u << cnt) - 1));
}

/* Width-W non-adjacent form of k: k = sum of d[i] 2^i, each d[i] zero or
 * odd in (-2^(W-1), 2^(W-1)). Returns the number of digits (the highest
 * nonzero one's index + 1; 0 for k = 0). */
static int wnaf(signed char d[DIGITS], const uint64_t k[4])
{
	unsigned bit = 0, carry = 0, cnt;
	int top = 0;

	memset(d, 0, DIGITS);
	while (bit < 256) {
		int v;

		if (bits_at(k, bit, 1) == carry) {
			bit++;
			continue;
		}
		cnt = 256 - bit < W ? 256 - bit : W;
		v = (int)(bits_at(k, bit, cnt) + carry);
		carry = (unsigned)(v >> (W - 1)) & 1;
		v -= (int)(carry << W);
		d[bit] = (signed char)v;
		top = (int)bit + 1;
		bit += cnt;
	}
	if (carry) {
		d[256] = 1;
		top = 257;
	}
	return top;
}

/* t[i] = (2i + 1) p for i < TABLE. */
static void odd_multiples(jac t[TABLE], const jac *p)
{
	jac p2 = *p;
	int i;

	pt_double(&p2);
	t[0] = *p;
	for (i = 1; i < TABLE; i++) {
		t[i] = t[i - 1];
		pt_add(&t[i], &p2, 0);
	}
}

static void add_digit(jac *r, const jac t[TABLE], int d)
{
	if (d > 0) {
		pt_add(r, &t[d >> 1], 0);
	} else if (d < 0) {
		pt_add(r, &t[(-d) >> 1], 1);
	}
}

/* r = u1 G + u2 q (u1, u2 < n; q a point of the curve). */
static void muladd(jac *r, const uint64_t u1[4], const uint64_t u2[4],
                   const jac *q)
{
	jac tg[TABLE], tq[TABLE], g;
	signed char d1[DIGITS], d2[DIGITS];
	int i, n1, n2;

	memcpy(g.x, GX_M, 32);
	memcpy(g.y, GY_M, 32);
	memcpy(g.z, P_ONE, 32);
	odd_multiples(tg, &g);
	odd_multiples(tq, q);
	n1 = wnaf(d1, u1);
	n2 = wnaf(d2, u2);
	memset(r, 0, sizeof *r);
	for (i = (n1 > n2 ? n1 : n2) - 1; i >= 0; i--) {
		if (!is_zero(r->z)) {
			pt_double(r);
		}
		add_digit(r, tg, d1[i]);
		add_digit(r, tq, d2[i]);
	}
}

/* The public key: 0x04 || X || Y, X and Y below p, on the curve. */
static int decode_point(jac *q, const uint8_t *buf, size_t len)
{
	uint64_t lhs[4], rhs[4], t[4];

	if (len != 65 || buf[0] != 0x04) {
		return 0;
	}
	decode(q->x, buf + 1, 32);
	decode(q->y, buf + 33, 32);
	if (ge(q->x, P) || ge(q->y, P)) {
		return 0;
	}
	fe_mul(q->x, q->x, P_R2);
	fe_mul(q->y, q->y, P_R2);
	memcpy(q->z, P_ONE, 32);
	/* y^2 == x^3 - 3x + b */
	fe_sqr(lhs, q->y);
	fe_sqr(rhs, q->x);
	fe_mul(rhs, rhs, q->x);
	fe_add(t, q->x, q->x);
	fe_add(t, t, q->x);
	fe_sub(rhs, rhs, t);
	fe_add(rhs, rhs, B_M);
	return memcmp(lhs, rhs, 32) == 0;
}

/* x(r) mod n == v, for r not at infinity: x = X / Z^2 is below p < 2n,
 * so x mod n == v when X == v Z^2 or, if v + n < p, X == (v + n) Z^2. */
static int x_mod_n_is(const jac *r, const uint64_t v[4])
{
	uint64_t z2[4], w[4], t[4];

	fe_sqr(z2, r->z);
	fe_mul(w, v, P_R2);
	fe_mul(t, w, z2);
	if (memcmp(t, r->x, 32) == 0) {
		return 1;
	}
	if (add4(w, v, N) != 0 || ge(w, P)) {
		return 0;
	}
	fe_mul(w, w, P_R2);
	fe_mul(t, w, z2);
	return memcmp(t, r->x, 32) == 0;
}

/* see p256.h */
uint32_t tcas_p256_vrfy_raw(const void *hash, size_t hash_len,
                            const br_ec_public_key *pk, const void *sig,
                            size_t sig_len)
{
	const uint8_t *sb = sig;
	uint64_t r[4], s[4], e[4], u1[4], u2[4];
	jac q, res;
	size_t rlen;

	if (pk->curve != BR_EC_secp256r1 || (sig_len & 1) != 0) {
		return 0;
	}
	rlen = sig_len >> 1;
	if (!sc_decode(r, sb, rlen) || !sc_decode(s, sb + rlen, rlen) ||
	    is_zero(r) || is_zero(s) || !decode_point(&q, pk->q, pk->qlen)) {
		return 0;
	}
	/* BearSSL's bits2int for a 256-bit order: the first 32 bytes of a
	 * longer hash, then one subtraction of n */
	decode(e, hash, hash_len < 32 ? hash_len : 32);
	if (ge(e, N)) {
		sub4(e, e, N);
	}
	if (is_zero(e)) {
		return 0; /* see p256.h: BearSSL's muladd gets no u1 G here */
	}
	sc_mul(s, s, N_R2);
	sc_inv(s, s);     /* R / s */
	sc_mul(u1, e, s); /* e / s */
	sc_mul(u2, r, s); /* r / s */
	muladd(&res, u1, u2, &q);
	return !is_zero(res.z) && x_mod_n_is(&res, r);
}

/* see p256.h */
uint32_t tcas_ecdsa_vrfy_asn1(const br_ec_impl *impl, const void *hash,
                              size_t hash_len, const br_ec_public_key *pk,
                              const void *sig, size_t sig_len)
{
	/* as br_ecdsa_i31_vrfy_asn1: four times the largest field (P-521,
	 * 66 bytes) plus 24, room for the raw form of any DER signature it
	 * takes (up to half that size) */
	unsigned char raw[(66 << 2) + 24];

	if (pk->curve != BR_EC_secp256r1) {
		return br_ecdsa_i31_vrfy_asn1(impl, hash, hash_len, pk, sig,
		                              sig_len);
	}
	if (((impl->supported_curves >> BR_EC_secp256r1) & 1) == 0 ||
	    sig_len > sizeof raw / 2) {
		return 0;
	}
	memcpy(raw, sig, sig_len);
	sig_len = br_ecdsa_asn1_to_raw(raw, sig_len);
	return tcas_p256_vrfy_raw(hash, hash_len, pk, raw, sig_len);
}

/*
 * Constant-time scalar multiplication, for ECDHE (tcas_ec_all, p256.h).
 *
 * Everything above this line is variable-time and serves verification
 * only. What follows handles a secret scalar k (the ephemeral private key)
 * and computes k P for a peer's point P or for the generator G:
 *   - homogeneous projective coordinates (x/z, y/z), Montgomery form, with
 *     the complete addition and doubling formulas of Renes, Costello and
 *     Batina ("Complete addition formulas for prime order elliptic
 *     curves", 2016, algorithms 4 and 6, a = -3): one sequence of field
 *     operations for every pair of inputs, P + P and P + (-P) and the
 *     point at infinity (0 : 1 : 0) included, so no test on a point;
 *   - fixed 4-bit windows from the top: 64 windows of four doublings and
 *     one addition of tab[digit], tab[i] = i P for i = 0..15 (tab[0] the
 *     point at infinity: a zero digit adds it, which the complete formula
 *     does like any other point);
 *   - tab[digit] read by scanning all 16 entries and combining them with
 *     masks, so the memory addresses do not depend on the digit;
 *   - 1/z by Fermat's little theorem, z^(p - 2), a fixed chain of 255
 *     squarings and 13 multiplications.
 *
 * CONSTANT-TIME claim: for a given curve point input, the sequence of
 * instructions and of memory addresses does not depend on k nor on any
 * intermediate value. It rests on:
 *   - the field operations fe_mul (both forms: the unrolled rows and
 *     REDC_STEP, or mont_mul), fe_add and fe_sub, which have no branch
 *     and no index that depend on the values: carries are kept in
 *     unsigned __int128, and the final conditional subtraction of
 *     reduce_once and fe_sub's conditional addition of p are mask
 *     selections;
 *   - the compiler: C gives no timing guarantee. The masks come from a
 *     comparison (hi < borrow) and from shifts, and pass through opaque()
 *     so that the optimiser cannot turn a mask selection back into a
 *     branch or an address selection; carries are unsigned __int128
 *     additions (adc/sbb), and a 64 x 64 -> 128-bit product is one mul
 *     instruction, whose time does not depend on the operands on the
 *     x86-64 and ARMv8 cores in use. test_p256ct_grind checks the result
 *     of gcc 12 and clang 14 at -O2 and -Os on x86-64 under valgrind (by
 *     hand for the clang and -Os builds: make check-valgrind runs the
 *     tree's gcc -O2 build). Another compiler, or a target whose 128-bit
 *     product is a library call with early exits, is not covered;
 *   - the scalar's validity (0 < k < n) and the result being the point at
 *     infinity are decided without a branch (ct_scalar, ct_mul); only
 *     p256_mul branches on that outcome, which it returns (a refusal is
 *     public anyway).
 * test_p256ct_grind checks the first point mechanically: under valgrind
 * memcheck (make check-valgrind) the scalar is marked undefined, and
 * memcheck reports any branch or memory address that depends on it in
 * ct_scalar and ct_mul (of the code as compiled for that test, -O2 and
 * the small form).
 * Public data may be handled with branches: the peer's point is decoded
 * and checked by decode_point (variable-time, like verification), the
 * lengths are public, and the loop counters and window positions are
 * fixed.
 */

/* A point in homogeneous projective coordinates (x/z, y/z): the struct of
 * the Jacobian points above (decode_point fills it with z = 1, which means
 * the same point in both), Montgomery form, each coordinate < p; z == 0 is
 * the point at infinity (0 : 1 : 0) up to a factor. */
typedef jac proj;

/* 1 as a plain number: fe_mul(r, a, ONE) takes a out of Montgomery form. */
static const uint64_t ONE[4] = {1, 0, 0, 0};

/* r = p + q (algorithm 4 of Renes-Costello-Batina, a = -3; 12M + 2 mul by
 * b). Complete: any p, q on the curve, infinity and p == +-q included.
 * r may be p or q. */
static void ct_add(proj *r, const proj *p, const proj *q)
{
	uint64_t t0[4], t1[4], t2[4], t3[4], t4[4], x3[4], y3[4], z3[4];

	fe_mul(t0, p->x, q->x);
	fe_mul(t1, p->y, q->y);
	fe_mul(t2, p->z, q->z);
	fe_add(t3, p->x, p->y);
	fe_add(t4, q->x, q->y);
	fe_mul(t3, t3, t4);
	fe_add(t4, t0, t1);
	fe_sub(t3, t3, t4); /* x1 y2 + x2 y1 */
	fe_add(t4, p->y, p->z);
	fe_add(x3, q->y, q->z);
	fe_mul(t4, t4, x3);
	fe_add(x3, t1, t2);
	fe_sub(t4, t4, x3); /* y1 z2 + y2 z1 */
	fe_add(x3, p->x, p->z);
	fe_add(y3, q->x, q->z);
	fe_mul(x3, x3, y3);
	fe_add(y3, t0, t2);
	fe_sub(y3, x3, y3); /* x1 z2 + x2 z1 */
	fe_mul(z3, B_M, t2);
	fe_sub(x3, y3, z3);
	fe_add(z3, x3, x3);
	fe_add(x3, x3, z3);
	fe_sub(z3, t1, x3);
	fe_add(x3, t1, x3);
	fe_mul(y3, B_M, y3);
	fe_add(t1, t2, t2);
	fe_add(t2, t1, t2);
	fe_sub(y3, y3, t2);
	fe_sub(y3, y3, t0);
	fe_add(t1, y3, y3);
	fe_add(y3, t1, y3);
	fe_add(t1, t0, t0);
	fe_add(t0, t1, t0);
	fe_sub(t0, t0, t2);
	fe_mul(t1, t4, y3);
	fe_mul(t2, t0, y3);
	fe_mul(y3, x3, z3);
	fe_add(r->y, y3, t2);
	fe_mul(x3, t3, x3);
	fe_sub(r->x, x3, t1);
	fe_mul(z3, t4, z3);
	fe_mul(t1, t3, t0);
	fe_add(r->z, z3, t1);
}

#if TCAS_P256_SMALL
/* The small form doubles with the addition formula (complete for p == q
 * too): 12M instead of 8M + 3S, one formula less in flash. */
static void ct_double(proj *p)
{
	ct_add(p, p, p);
}
#else
/* p = 2 p (algorithm 6 of Renes-Costello-Batina, a = -3; 8M + 3S + 2 mul
 * by b). Complete: infinity and points of order 2 (P-256 has none)
 * included. */
static void ct_double(proj *p)
{
	uint64_t t0[4], t1[4], t2[4], t3[4], x3[4], y3[4], z3[4];

	fe_sqr(t0, p->x);
	fe_sqr(t1, p->y);
	fe_sqr(t2, p->z);
	fe_mul(t3, p->x, p->y);
	fe_add(t3, t3, t3);
	fe_mul(z3, p->x, p->z);
	fe_add(z3, z3, z3);
	fe_mul(y3, B_M, t2);
	fe_sub(y3, y3, z3);
	fe_add(x3, y3, y3);
	fe_add(y3, x3, y3);
	fe_sub(x3, t1, y3);
	fe_add(y3, t1, y3);
	fe_mul(y3, x3, y3);
	fe_mul(x3, x3, t3);
	fe_add(t3, t2, t2);
	fe_add(t2, t2, t3);
	fe_mul(z3, B_M, z3);
	fe_sub(z3, z3, t2);
	fe_sub(z3, z3, t0);
	fe_add(t3, z3, z3);
	fe_add(z3, z3, t3);
	fe_add(t3, t0, t0);
	fe_add(t0, t3, t0);
	fe_sub(t0, t0, t2);
	fe_mul(t0, t0, z3);
	fe_add(y3, y3, t0);
	fe_mul(t0, p->y, p->z);
	fe_add(t0, t0, t0);
	fe_mul(z3, t0, z3);
	fe_sub(p->x, x3, z3);
	memcpy(p->y, y3, 32);
	fe_mul(z3, t0, t1);
	fe_add(z3, z3, z3);
	fe_add(p->z, z3, z3);
}
#endif

/* r = 1/a = a^(p - 2) (0 for a = 0), a fixed chain of 255 squarings and
 * 13 multiplications. p - 2 is, in 32-bit words from the top, ffffffff
 * 00000001 00000000 00000000 00000000 ffffffff ffffffff fffffffd. With
 * x[i] = a^(2^(2^i) - 1) (a, a^3, a^15, .., x[5] = a^(2^32 - 1)), the
 * exponent is x[5]'s, then each step of chain[]: square n times,
 * multiply by x[i]. */
static void fe_inv(uint64_t r[4], const uint64_t a[4])
{
	static const uint8_t chain[8][2] = {
	    {32, 0},                          /* 00000001 */
	    {128, 5},                         /* 00000000 x 3, ffffffff */
	    {32, 5},                          /* ffffffff */
	    {16, 4},  {8, 3}, {4, 2}, {2, 1}, /* fffffffc */
	    {2, 0}};                          /* fffffffd */
	uint64_t x[6][4], t[4];
	int i, j;

	memcpy(x[0], a, 32);
	for (i = 1; i < 6; i++) {
		memcpy(t, x[i - 1], 32);
		for (j = 0; j < 1 << (i - 1); j++) {
			fe_sqr(t, t);
		}
		fe_mul(x[i], t, x[i - 1]);
	}
	memcpy(t, x[5], 32);
	for (i = 0; i < 8; i++) {
		for (j = 0; j < chain[i][0]; j++) {
			fe_sqr(t, t);
		}
		fe_mul(t, t, x[chain[i][1]]);
	}
	memcpy(r, t, 32);
}

/* r = tab[idx] (idx < 16), reading every entry. */
static void ct_lookup(proj *r, const proj tab[16], uint32_t idx)
{
	uint32_t i;
	int j;

	memset(r, 0, sizeof *r);
	for (i = 0; i < 16; i++) {
		/* all ones when i == idx: (i ^ idx) - 1 wraps only for 0 */
		uint64_t m = opaque(0 - (uint64_t)(((i ^ idx) - 1u) >> 31));

		for (j = 0; j < 4; j++) {
			r->x[j] |= tab[i].x[j] & m;
			r->y[j] |= tab[i].y[j] & m;
			r->z[j] |= tab[i].z[j] & m;
		}
	}
}

/* 32 big-endian bytes of a (plain, not Montgomery). */
static void encode(uint8_t *buf, const uint64_t a[4])
{
	int i;

	for (i = 0; i < 32; i++) {
		buf[31 - i] = (uint8_t)(a[i >> 3] >> ((i & 7) << 3));
	}
}

/* A secret scalar of len big-endian bytes into k (mod 2^256); returns 1
 * when it is in [1, n - 1] and the bytes before the last 32 (if any) are
 * zero, else 0. No branch on the bytes' values. */
static uint32_t ct_scalar(uint64_t k[4], const uint8_t *buf, size_t len)
{
	uint64_t d[4], z;
	uint32_t hi = 0;

	for (; len > 32; len--) {
		hi |= *buf++;
	}
	decode(k, buf, len);
	z = k[0] | k[1] | k[2] | k[3];
	/* k < n: a borrow out of k - n; k != 0; hi == 0 */
	return (uint32_t)(sub4(d, k, N) & ((z | (0 - z)) >> 63)) &
	       (((hi | (0 - hi)) >> 31) ^ 1);
}

/* out = 0x04 || x || y of k p (p not at infinity, k < 2^256): returns 1,
 * or 0 when k p is the point at infinity (out then holds x = y = 0). */
static uint32_t ct_mul(uint8_t out[65], const proj *p, const uint64_t k[4])
{
	proj tab[16], acc, t;
	uint64_t zi[4], z;
	int i;

	memset(&tab[0], 0, sizeof tab[0]);
	memcpy(tab[0].y, P_ONE, 32);
	tab[1] = *p;
	for (i = 2; i < 16; i++) {
		ct_add(&tab[i], &tab[i - 1], p);
	}
	acc = tab[0];
	for (i = 63; i >= 0; i--) {
		if (i != 63) { /* the first doublings would double infinity */
			ct_double(&acc);
			ct_double(&acc);
			ct_double(&acc);
			ct_double(&acc);
		}
		ct_lookup(&t, tab,
		          (uint32_t)(k[i >> 4] >> ((i & 15) << 2)) & 15u);
		ct_add(&acc, &acc, &t);
	}
	fe_inv(zi, acc.z);
	fe_mul(acc.x, acc.x, zi);
	fe_mul(acc.y, acc.y, zi);
	fe_mul(acc.x, acc.x, ONE);
	fe_mul(acc.y, acc.y, ONE);
	out[0] = 0x04;
	encode(out + 1, acc.x);
	encode(out + 33, acc.y);
	z = acc.z[0] | acc.z[1] | acc.z[2] | acc.z[3];
	/* what follows from the scalar: the last window's entry and the
	 * accumulator (the result's x is the shared secret) */
	tcas_wipe(&t, sizeof t);
	tcas_wipe(&acc, sizeof acc);
	tcas_wipe(zi, sizeof zi);
	return (uint32_t)((z | (0 - z)) >> 63); /* z != 0, without a branch */
}

/* out = k P for the scalar x (xlen bytes), P the point encoded in outlen
 * bytes at pt (mul passes out itself: pt is read before out is written),
 * or G when pt is NULL: 1, or 0 with out's outlen bytes zeroed (p256.h).
 * The refusals (a bad point, a scalar outside [1, n - 1]) are public: the
 * caller learns them anyway. */
static uint32_t p256_mul(uint8_t *out, size_t outlen, const uint8_t *pt,
                         const uint8_t *x, size_t xlen)
{
	uint64_t k[4];
	proj p;
	uint32_t ok;

	if (pt == NULL) {
		memcpy(p.x, GX_M, 32);
		memcpy(p.y, GY_M, 32);
		memcpy(p.z, P_ONE, 32);
	}
	ok = ct_scalar(k, x, xlen) &&
	     (pt == NULL || decode_point(&p, pt, outlen)) && ct_mul(out, &p, k);
	tcas_wipe(k, sizeof k); /* the secret scalar */
	if (!ok) {
		memset(out, 0, outlen);
	}
	return ok;
}

/* br_ec_impl.mul: see p256.h. X25519 goes to c25519_m31, the other
 * curves to prime_i31 (br_ec_all_m31's choices but P-256's p256_m31). */
static uint32_t api_mul(unsigned char *G, size_t Glen, const unsigned char *x,
                        size_t xlen, int curve)
{
	if (curve == BR_EC_curve25519) {
		return br_ec_c25519_m31.mul(G, Glen, x, xlen, curve);
	}
	if (curve != BR_EC_secp256r1) {
		return br_ec_prime_i31.mul(G, Glen, x, xlen, curve);
	}
	return p256_mul(G, Glen, G, x, xlen);
}

/* br_ec_impl.mulgen: see p256.h. */
static size_t api_mulgen(unsigned char *R, const unsigned char *x, size_t xlen,
                         int curve)
{
	if (curve == BR_EC_curve25519) {
		return br_ec_c25519_m31.mulgen(R, x, xlen, curve);
	}
	if (curve != BR_EC_secp256r1) {
		return br_ec_prime_i31.mulgen(R, x, xlen, curve);
	}
	return p256_mul(R, 65, NULL, x, xlen) ? 65 : 0;
}

static const unsigned char *api_generator(int curve, size_t *len)
{
	return curve == BR_EC_curve25519
	           ? br_ec_c25519_m31.generator(curve, len)
	           : br_ec_prime_i31.generator(curve, len);
}

static const unsigned char *api_order(int curve, size_t *len)
{
	return curve == BR_EC_curve25519 ? br_ec_c25519_m31.order(curve, len)
	                                 : br_ec_prime_i31.order(curve, len);
}

static size_t api_xoff(int curve, size_t *len)
{
	return curve == BR_EC_curve25519 ? br_ec_c25519_m31.xoff(curve, len)
	                                 : br_ec_prime_i31.xoff(curve, len);
}

static uint32_t api_muladd(unsigned char *A, const unsigned char *Bp,
                           size_t len, const unsigned char *x, size_t xlen,
                           const unsigned char *y, size_t ylen, int curve)
{
	return curve == BR_EC_curve25519
	           ? br_ec_c25519_m31.muladd(A, Bp, len, x, xlen, y, ylen,
	                                     curve)
	           : br_ec_prime_i31.muladd(A, Bp, len, x, xlen, y, ylen,
	                                    curve);
}

/* see p256.h; the curves of br_ec_all_m31 */
const br_ec_impl tcas_ec_all = {
    (uint32_t)1 << BR_EC_secp256r1 | (uint32_t)1 << BR_EC_secp384r1 |
        (uint32_t)1 << BR_EC_secp521r1 | (uint32_t)1 << BR_EC_curve25519,
    &api_generator,
    &api_order,
    &api_xoff,
    &api_mul,
    &api_mulgen,
    &api_muladd};

#else
/* ISO C wants a declaration in every translation unit. */
typedef int tcas_p256_unused;
#endif /* TCAS_P256_ON */
