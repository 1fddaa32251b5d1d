/*
 * JMESPath numbers as python's jmespath sees them (contract in
 * jmespath_inner.h): JSON and python int()/float() text to int or double,
 * exact comparisons between the two, and python's repr() of a double.
 *
 * Decimal to double and double to shortest decimal are exact, without libc
 * (newlib's strtod allocates; the static build links no printf): a small
 * fixed-size big integer does the arithmetic. Text to double: an estimate
 * from the first 19 digits, then corrected one unit in the last place at a
 * time by comparing the decimal value exactly with the midpoints between
 * neighbouring doubles (round half to even). Double to text: Steele & White
 * / Burger & Dybvig free-format digit generation, the shortest digits that
 * read back to the same double, the closest of them when several are as
 * short (what python's repr() prints).
 */
#include "jmespath_inner.h"

#include <math.h> /* HUGE_VAL, NAN: constants only, no libm */

/* Significant digits kept from a decimal text; further nonzero digits set
 * a sticky bit. 800 > 767, the most a decimal needs to decide the rounding
 * of any double. */
#define NDIG 800
/* Big integers: the larger side of a comparison is D <= 10^800 or
 * M * 5^1124 (M < 2^55), about 2,670 bits; the other side is shifted
 * to the same size. Digit generation needs far less (about 1,130 bits). */
#define BN_WORDS 88

typedef struct bn {
	uint32_t n; /* words in use; w[n - 1] != 0 (n = 0 for zero) */
	uint32_t w[BN_WORDS];
} bn;

static void bn_set(bn *a, uint64_t v)
{
	a->n = 0;
	while (v) {
		a->w[a->n++] = (uint32_t)v;
		v >>= 32;
	}
}

/* a = a * m + c; a word beyond BN_WORDS cannot happen (sizes above). */
static void bn_muladd(bn *a, uint32_t m, uint32_t c)
{
	uint64_t carry = c;
	uint32_t i;

	for (i = 0; i < a->n; i++) {
		carry += (uint64_t)a->w[i] * m;
		a->w[i] = (uint32_t)carry;
		carry >>= 32;
	}
	if (carry && a->n < BN_WORDS)
		a->w[a->n++] = (uint32_t)carry;
}

/* a *= base^k for base 5 or 10, in steps that fit 32 bits. */
static void bn_mulpow(bn *a, unsigned base, unsigned k)
{
	unsigned step = base == 5 ? 13 : 9;
	uint32_t big = base == 5 ? 1220703125u : 1000000000u, p;

	for (; k >= step; k -= step)
		bn_muladd(a, big, 0);
	for (p = 1; k; k--)
		p *= base;
	bn_muladd(a, p, 0);
}

static void bn_shl(bn *a, unsigned s)
{
	unsigned ws = s / 32, bs = s % 32, n = a->n, i;

	if (n == 0 || n + ws + 1 > BN_WORDS)
		return;
	a->w[n + ws] = bs ? a->w[n - 1] >> (32 - bs) : 0;
	for (i = n - 1; i > 0; i--)
		a->w[i + ws] =
		    a->w[i] << bs | (bs ? a->w[i - 1] >> (32 - bs) : 0);
	a->w[ws] = a->w[0] << bs;
	for (i = 0; i < ws; i++)
		a->w[i] = 0;
	a->n = n + ws + 1;
	while (a->n && a->w[a->n - 1] == 0)
		a->n--;
}

static int bn_cmp(const bn *a, const bn *b)
{
	uint32_t i;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (i = a->n; i-- > 0;)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

/* r = a + b (r may be a). */
static void bn_add(bn *r, const bn *a, const bn *b)
{
	uint32_t n = a->n > b->n ? a->n : b->n, i;
	uint64_t c = 0;

	for (i = 0; i < n; i++) {
		c += (uint64_t)(i < a->n ? a->w[i] : 0) +
		     (i < b->n ? b->w[i] : 0);
		r->w[i] = (uint32_t)c;
		c >>= 32;
	}
	r->n = n;
	if (c && n < BN_WORDS)
		r->w[r->n++] = (uint32_t)c;
}

/* a -= b, a >= b. */
static void bn_sub(bn *a, const bn *b)
{
	int64_t c = 0;
	uint32_t i;

	for (i = 0; i < a->n; i++) {
		c += (int64_t)a->w[i] - (i < b->n ? b->w[i] : 0);
		a->w[i] = (uint32_t)c;
		c = c < 0 ? -1 : 0;
	}
	while (a->n && a->w[a->n - 1] == 0)
		a->n--;
}

/* ---- doubles as bits ----------------------------------------------------- */

static uint64_t bits_of(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof u);
	return u;
}

static double of_bits(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof d);
	return d;
}

#define FRAC_BITS 52
#define HIDDEN    ((uint64_t)1 << FRAC_BITS)
#define EXP_MASK  0x7FFu
#define EXP_BIAS  1075 /* d = m * 2^(biased - EXP_BIAS) */
#define EXP_MIN   (-1074)
#define DBL_MAX_  1.7976931348623157e308

/* d > 0 finite = m * 2^e. */
static void split(double d, uint64_t *m, int *e)
{
	uint64_t u = bits_of(d);
	unsigned be = (unsigned)(u >> FRAC_BITS) & EXP_MASK;

	*m = u & (HIDDEN - 1);
	*e = EXP_MIN;
	if (be) {
		*m |= HIDDEN;
		*e = (int)be - EXP_BIAS;
	}
}

/* ---- decimal to double --------------------------------------------------- */

typedef struct dec {
	char dig[NDIG]; /* significant digits, ASCII, no leading zero */
	int nd, sticky; /* sticky: a nonzero digit was dropped */
	long exp;       /* value = digits * 10^exp */
} dec;

/* Sign of dec - m * 2^q, exactly. */
static int cmp_dec_bin(const dec *x, uint64_t m, int q)
{
	bn l, r;
	int i, k, lexp = (int)x->exp;
	uint32_t chunk;

	bn_set(&l, 0);
	for (i = 0; i < x->nd; i += k) {
		chunk = 0;
		for (k = 0; k < 9 && i + k < x->nd; k++)
			chunk = chunk * 10 + (uint32_t)(x->dig[i + k] - '0');
		bn_mulpow(&l, 10, (unsigned)k);
		bn_muladd(&l, 1, chunk);
	}
	bn_set(&r, m);
	if (x->exp >= 0)
		bn_mulpow(&l, 5, (unsigned)x->exp);
	else
		bn_mulpow(&r, 5, (unsigned)-x->exp);
	if (lexp > q)
		bn_shl(&l, (unsigned)(lexp - q));
	else
		bn_shl(&r, (unsigned)(q - lexp));
	k = bn_cmp(&l, &r);
	return k == 0 && x->sticky ? 1 : k;
}

static double dec_to_double(const dec *x)
{
	static const double p10[] = {1e1,  1e2,  1e4,   1e8,  1e16,
	                             1e32, 1e64, 1e128, 1e256};
	double v = 0;
	long e = x->exp;
	int i, guard, q;
	uint64_t m;

	if (x->nd == 0)
		return 0;
	if (x->nd + x->exp > 310)
		return HUGE_VAL;
	if (x->nd + x->exp < -324)
		return 0;
	/* estimate: 19 digits times a power of ten, within ~20 units in
	 * the last place (intermediate values never pass the result) */
	for (i = 0; i < x->nd && i < 19; i++)
		v = v * 10 + (x->dig[i] - '0');
	e += x->nd - i;
	for (i = 0; i < 9; i++)
		if ((e < 0 ? -e : e) >> i & 1)
			v = e < 0 ? v / p10[i] : v * p10[i];
	if (v > DBL_MAX_)
		v = DBL_MAX_;
	/* correct it to the nearest, ties to even */
	for (guard = 0; guard < 256; guard++) {
		m = 0, q = EXP_MIN;
		if (v != 0)
			split(v, &m, &q);
		i = cmp_dec_bin(x, 2 * m + 1, q - 1);
		if (i > 0 || (i == 0 && (m & 1))) {
			v = of_bits(bits_of(v) + 1);
			if (v > DBL_MAX_)
				return v; /* inf */
			continue;
		}
		if (m == 0)
			break;
		if (m == HIDDEN && q > EXP_MIN)
			i = cmp_dec_bin(x, 4 * m - 1, q - 2);
		else
			i = cmp_dec_bin(x, 2 * m - 1, q - 1);
		if (i >= 0 && !(i == 0 && (m & 1)))
			break;
		v = of_bits(bits_of(v) - 1);
	}
	return v;
}

/* ---- text scanning ------------------------------------------------------- */

size_t jp_py_space(const char *p, const char *e, int seps)
{
	/* beyond ASCII: U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028,
	 * U+2029, U+202F, U+205F, U+3000 */
	static const uint16_t wide[] = {0x85,   0xA0,   0x1680, 0x2028,
	                                0x2029, 0x202F, 0x205F, 0x3000};
	const unsigned char *u = (const unsigned char *)p;
	unsigned long cp;
	size_t i;
	int k;

	if (p >= e)
		return 0;
	if (*u < 0x80)
		return *u == ' ' || (*u >= '\t' && *u <= '\r') ||
		       (seps && *u >= 0x1c && *u <= 0x1f);
	k = tcas_utf8_len(u, (size_t)(e - p));
	if (k != 2 && k != 3)
		return 0;
	cp = k == 2
	         ? (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu)
	         : (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
	for (i = 0; i < TCAS_COUNTOF(wide); i++)
		if (cp == wide[i])
			return (size_t)k;
	return cp >= 0x2000 && cp <= 0x200A ? (size_t)k : 0;
}

/* Bytes of a python whitespace character ending at e, or 0. */
static size_t py_space_end(const char *s, const char *e)
{
	size_t k;

	for (k = 1; k <= 3 && k <= (size_t)(e - s); k++)
		if (jp_py_space(e - k, e, 0) == k)
			return k;
	return 0;
}

static int digit(const char *p, const char *e)
{
	return p < e && *p >= '0' && *p <= '9';
}

/* Case-insensitive: s[0..n) == word (lower case). */
static int word_is(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n && word[i]; i++)
		if ((s[i] | 0x20) != word[i])
			return 0;
	return i == n && word[i] == 0;
}

/* digit ('_'? digit)* into x; *p advanced. frac: digits after the point.
 * Returns the digit count (0 if none; -1 for a misplaced '_'). */
static long scan_digits(const char **pp, const char *e, int under, int frac,
                        dec *x)
{
	const char *p = *pp;
	long n = 0;

	while (digit(p, e)) {
		char c = *p++;

		n++;
		if (x->nd == 0 && c == '0') {
			x->exp -= frac;
		} else if (x->nd < NDIG) {
			x->dig[x->nd++] = c;
			x->exp -= frac;
		} else {
			x->sticky |= c != '0';
			x->exp += !frac;
		}
		if (under && p < e && *p == '_') {
			if (!digit(p + 1, e))
				return -1;
			p++;
		}
	}
	*pp = p;
	return n;
}

/* python int(s): digits only; > 4300 digits is python's ValueError. */
static int scan_int(const dec *x, int neg, long ndig, int json, jp_num *out)
{
	uint64_t u = 0;
	int i;

	if (ndig > 4300 && !json)
		return -1;
	out->kind = N_INT;
	for (i = 0; i < x->nd && i < 19; i++)
		u = u * 10 + (uint64_t)(x->dig[i] - '0');
	/* exp > 0 only when digits beyond NDIG were dropped: a big int */
	if (x->exp == 0 &&
	    (x->nd < 19 ||
	     (x->nd == 19 && u <= (uint64_t)INT64_MAX + (uint64_t)neg))) {
		out->i = neg ? (int64_t)(0 - u) : (int64_t)u;
		out->d = (double)out->i;
		return 0;
	}
	out->kind = N_BIG;
	out->d = dec_to_double(x);
	out->d = neg ? -out->d : out->d;
	return 0;
}

int jp_num_scan(const char *s, size_t n, int int_only, int json, jp_num *out,
                int *clean)
{
	const char *p = s, *e = s + n;
	dec x;
	long a, b = 0, ex = 0;
	int neg = 0, eneg = 0;
	size_t k;

	x.nd = 0, x.sticky = 0, x.exp = 0;
	*clean = 1;
	while (!json && (k = jp_py_space(p, e, 0)) > 0)
		p += k, *clean = 0;
	while (!json && (k = py_space_end(p, e)) > 0)
		e -= k, *clean = 0;
	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-', *clean &= neg;
	out->s = s, out->n = n, out->kind = N_FLT;
	if (!json && !int_only &&
	    (word_is(p, (size_t)(e - p), "inf") ||
	     word_is(p, (size_t)(e - p), "infinity"))) {
		out->d = neg ? -HUGE_VAL : HUGE_VAL;
		return 0;
	}
	if (!json && !int_only && word_is(p, (size_t)(e - p), "nan")) {
		out->d = NAN;
		return 0;
	}
	a = scan_digits(&p, e, !json, 0, &x);
	if (a < 0)
		return -1;
	if (!int_only && p < e && *p == '.') {
		p++;
		b = scan_digits(&p, e, !json, 1, &x);
		if (b < 0)
			return -1;
		*clean = 0;
	}
	if (a + b == 0)
		return -1;
	if (!int_only && p < e && (*p | 0x20) == 'e') {
		if (++p < e && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		if (!digit(p, e))
			return -1;
		for (; digit(p, e); p++) {
			ex = ex < 100000 ? ex * 10 + (*p - '0') : ex;
			if (!json && p + 1 < e && p[1] == '_' &&
			    digit(p + 2, e))
				p++;
		}
		x.exp += eneg ? -ex : ex;
		*clean = 0;
	}
	if (p != e)
		return -1;
	/* clean: the text is the int as JSON writes it, so an N_BIG may
	 * point at it (not " 1_000", "+7" or python's int("007")) */
	*clean &= e - s == a + neg && !(a > 1 && s[neg] == '0');
	if (int_only || (json && e - s == a + neg))
		return scan_int(&x, neg, a, json, out);
	out->d = dec_to_double(&x);
	if (neg)
		out->d = -out->d;
	return 0;
}

/* ---- double to text ------------------------------------------------------ */

/* Shortest digits of d > 0 into dig (no NUL); *k = decimal point
 * position (d = 0.DIGITS * 10^k). Returns the digit count (1..17). */
static int shortest(double d, char dig[17], int *k)
{
	bn r, s, mm, t;
	uint64_t f;
	int e, n = 0, even, unequal, low, high, c;
	unsigned bl = 0, digit;
	double est;

	split(d, &f, &e);
	even = (f & 1) == 0;
	unequal = f == HIDDEN && e > EXP_MIN;
	bn_set(&r, f);
	bn_set(&s, 1);
	bn_set(&mm, 1);
	if (e >= 0) {
		bn_shl(&r, (unsigned)e + 1 + (unsigned)unequal);
		bn_shl(&mm, (unsigned)e);
		bn_shl(&s, 1 + (unsigned)unequal);
	} else {
		bn_shl(&r, 1 + (unsigned)unequal);
		bn_shl(&s, (unsigned)(1 - e) + (unsigned)unequal);
	}
	while (bl < 64 && f >> bl)
		bl++;
	est = (e + (int)bl - 1) * 0.30102999566398114 - 1e-10;
	*k = (int)est; /* rounded up: an estimate never above the truth */
	*k += (double)*k < est;
	if (*k >= 0)
		bn_mulpow(&s, 10, (unsigned)*k);
	else
		bn_mulpow(&r, 10, (unsigned)-*k),
		    bn_mulpow(&mm, 10, (unsigned)-*k);
	for (;;) { /* the first digit must be below 10 */
		bn_add(&t, &r, &mm);
		if (unequal)
			bn_add(&t, &t, &mm);
		c = bn_cmp(&t, &s);
		if (c < 0 || (c == 0 && !even))
			break;
		bn_muladd(&s, 10, 0);
		++*k;
	}
	for (;;) {
		bn_muladd(&r, 10, 0);
		bn_muladd(&mm, 10, 0);
		for (digit = 0; bn_cmp(&r, &s) >= 0; digit++)
			bn_sub(&r, &s);
		c = bn_cmp(&r, &mm);
		low = c < 0 || (c == 0 && even);
		bn_add(&t, &r, &mm);
		if (unequal)
			bn_add(&t, &t, &mm);
		c = bn_cmp(&t, &s);
		high = c > 0 || (c == 0 && even);
		if (low && high) {
			bn_add(&t, &r, &r);
			c = bn_cmp(&t, &s);
			digit += c > 0 || (c == 0 && (digit & 1));
		} else if (high) {
			digit++;
		}
		dig[n++] = (char)('0' + digit);
		if (low || high || n == 17)
			return n;
	}
}

size_t jp_num_repr(double d, char out[32])
{
	char dig[17], *o = out;
	int n, k, i, x;

	if (d != d)
		return (size_t)(memcpy(out, "NaN", 4), 3);
	if (d < 0 || (d == 0 && (bits_of(d) >> 63)))
		*o++ = '-', d = -d;
	if (d > DBL_MAX_)
		return (size_t)(memcpy(o, "Infinity", 9), 8) +
		       (size_t)(o - out);
	if (d == 0) {
		memcpy(o, "0.0", 4);
		return (size_t)(o - out) + 3;
	}
	n = shortest(d, dig, &k);
	if (k > 16 || k < -3) { /* d.ddde+XX */
		*o++ = dig[0];
		if (n > 1)
			*o++ = '.';
		for (i = 1; i < n; i++)
			*o++ = dig[i];
		*o++ = 'e';
		x = k - 1;
		*o++ = x < 0 ? '-' : '+';
		x = x < 0 ? -x : x;
		if (x >= 100)
			*o++ = (char)('0' + x / 100);
		*o++ = (char)('0' + x / 10 % 10);
		*o++ = (char)('0' + x % 10);
	} else if (k <= 0) { /* 0.000ddd */
		*o++ = '0', *o++ = '.';
		for (i = k; i < 0; i++)
			*o++ = '0';
		for (i = 0; i < n; i++)
			*o++ = dig[i];
	} else { /* ddd.ddd, ddd00.0 */
		for (i = 0; i < k || i < n; i++) {
			if (i == k)
				*o++ = '.';
			*o++ = i < n ? dig[i] : '0';
		}
		if (k >= n)
			*o++ = '.', *o++ = '0';
	}
	*o = 0;
	return (size_t)(o - out);
}

size_t jp_num_digits(double d, char out[320])
{
	char tmp[320], *p = tmp + sizeof tmp;
	uint64_t m, rem;
	size_t n = 0, len;
	int e, i;
	bn a;

	if (d < 0)
		out[n++] = '-', d = -d;
	split(d, &m, &e); /* d >= 2^53: e >= 0 */
	bn_set(&a, m);
	bn_shl(&a, (unsigned)e);
	while (a.n) {
		rem = 0;
		for (i = (int)a.n; i-- > 0;) {
			rem = rem << 32 | a.w[i];
			a.w[i] = (uint32_t)(rem / 1000000000u);
			rem %= 1000000000u;
		}
		while (a.n && a.w[a.n - 1] == 0)
			a.n--;
		for (i = 0; i < 9 && (a.n || rem); i++, rem /= 10)
			*--p = (char)('0' + rem % 10);
	}
	len = (size_t)(tmp + sizeof tmp - p);
	memcpy(out + n, p, len);
	return n + len;
}

/* ---- numbers of values --------------------------------------------------- */

void jp_num_of(const jp *q, jv v, jp_num *n)
{
	const jp_val *x;
	size_t len;
	const char *s;
	int clean;

	memset(n, 0, sizeof *n);
	if (v >= 0) {
		s = tcas_json_raw(q->doc, v, &len);
		jp_num_scan(s, len, 0, 1, n, &clean);
	} else {
		x = JP_VAL(q, v);
		n->kind = x->flags;
		if (n->kind == N_INT)
			n->i = x->u.i, n->d = (double)x->u.i;
		else if (n->kind == N_BIG)
			n->s = x->u.s, n->n = x->n;
		else
			n->d = x->u.d;
	}
	if (n->kind == N_BIG) /* its double */
		jp_num_scan(n->s, n->n, 0, 1, n, &clean);
}

/* Integer texts (optional '-', digits, no leading zero) by value. */
static int cmp_text(const char *a, size_t an, const char *b, size_t bn_)
{
	int na = an && a[0] == '-', nb = bn_ && b[0] == '-', c;

	if (na != nb)
		return na ? -1 : 1;
	if (an != bn_)
		c = an < bn_ ? -1 : 1;
	else
		c = memcmp(a, b, an) < 0 ? -1 : memcmp(a, b, an) > 0;
	return na ? -c : c;
}

int jp_num_cmp(const jp_num *a, const jp_num *b)
{
	char t[320];
	size_t n;
	double x, y;

	if (a->kind == N_INT && b->kind == N_INT)
		return a->i < b->i ? -1 : a->i > b->i;
	if (a->kind == N_BIG && b->kind == N_BIG)
		return cmp_text(a->s, a->n, b->s, b->n);
	if (a->kind == N_BIG && b->kind == N_INT)
		return a->s[0] == '-' ? -1 : 1;
	if (b->kind == N_BIG && a->kind == N_INT)
		return b->s[0] == '-' ? 1 : -1;
	x = a->d, y = b->d;
	if (x != x || y != y)
		return 2;
	if (x != y)
		return x < y ? -1 : 1;
	/* equal as doubles: an int64 or a big int may still differ */
	if (a->kind == N_INT || b->kind == N_INT) {
		const jp_num *i = a->kind == N_INT ? a : b;
		int64_t t64;

		/* y == x == (double)i exactly when the double is integral in
		 * range and converts back */
		if (x >= 9223372036854775808.0)
			return a->kind == N_INT ? -1 : 1;
		t64 = (int64_t)x;
		if (t64 == i->i)
			return 0;
		return (t64 < i->i) == (a->kind == N_INT) ? 1 : -1;
	}
	if (x > DBL_MAX_ || x < -DBL_MAX_) /* a big int and an infinity */
		return (a->kind == N_BIG) == (x > 0) ? -1 : 1;
	if (a->kind == N_BIG || b->kind == N_BIG) {
		const jp_num *g = a->kind == N_BIG ? a : b;

		n = jp_num_digits(x, t);
		return a->kind == N_BIG ? cmp_text(g->s, g->n, t, n)
		                        : cmp_text(t, n, g->s, g->n);
	}
	return 0;
}
