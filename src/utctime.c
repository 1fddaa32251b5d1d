/* Civil UTC conversions without libc time functions; contract in
 * tcas/utctime.h. Day arithmetic after C. Neri and L. Schneider, "Euclidean
 * affine functions and their application to calendar algorithms" (2022). */
#include "inner.h"
#include "tcas/utctime.h"

/* The fields in the order of the digit codes of scan(). */
enum { F_Y, F_MO, F_D, F_H, F_MI, F_S, F_N };

struct civil {
	/* year 0..9999, month 1..12, day 1..31, hour 0..23, minute 0..59,
	 * second 0..60 */
	int v[F_N];
};

static const char wday_names[] = "SunMonTueWedThuFriSat";
static const char mon_names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* Day numbers here count from -0400-03-01 (the start of a 400-year era
 * before TCAS_UTC_MIN), so that every date in range is a small unsigned
 * number and all the calendar arithmetic is 32-bit: no 64-bit division,
 * which a 32-bit MCU does in a library routine. The year runs from March
 * ("computational" year Y = year + 400, one less in January and February),
 * so that the leap day ends it. */
#define DAY_UNIX_EPOCH 865565u /* 1970-01-01 */
#define DAY_UTC_MIN    146037u /* 0000-01-01 */

/* Day number of y-mo-d, y 0..9999, mo 0..99, d 0..99: exact for a valid
 * date, some other day number (never a wrapped one) otherwise. */
static uint32_t days_from_civil(const struct civil *c)
{
	uint32_t jf = c->v[F_MO] <= 2;
	uint32_t y = (uint32_t)c->v[F_Y] + 400u - jf, cent = y / 100u;
	uint32_t m = (uint32_t)c->v[F_MO] + 12u * jf;

	return 1461u * y / 4u - cent + cent / 4u + (979u * m - 2919u) / 32u +
	       (uint32_t)c->v[F_D] - 1u;
}

/* The date of day number z (z < 2^30). */
static void civil_from_days(uint32_t z, struct civil *c)
{
	uint32_t n1 = 4u * z + 3u, cent = n1 / 146097u;
	uint32_t n2 = (n1 % 146097u) | 3u; /* 4 * (day of century) + 3 */
	uint32_t doy = n2 % 1461u / 4u;    /* day of the year from March */
	uint32_t n3 = 2141u * doy + 197913u;
	uint32_t jf = doy >= 306u; /* January or February */

	c->v[F_Y] = (int)(100u * cent + n2 / 1461u + jf) - 400;
	c->v[F_MO] = (int)((n3 >> 16) - 12u * jf);
	c->v[F_D] = (int)((n3 & 0xffffu) / 2141u + 1u);
}

/* 0 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(uint32_t days)
{
	return (int)((days + 3u) % 7u);
}

/* The date of t into c; returns the second of the day (the time fields
 * are not set), or -1 when t is out of range. */
static int32_t split(int64_t t, struct civil *c)
{
	/* u < 2^39 and 86400 = 2^7 * 675: two 32-bit steps */
	uint64_t u = (uint64_t)t - (uint64_t)TCAS_UTC_MIN;
	uint32_t hi = (uint32_t)(u >> 7), days = hi / 675u;

	if (u > (uint64_t)(TCAS_UTC_MAX - TCAS_UTC_MIN))
		return -1;
	civil_from_days(days + DAY_UTC_MIN, c);
	return (int32_t)((hi - days * 675u) << 7 | (uint32_t)(u & 127u));
}

/* Write v (0 <= v < 10^n) as n decimal digits. */
static char *put_num(char *p, int v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

static char *put_ch(char *p, char ch)
{
	*p = ch;
	return p + 1;
}

static char *put_ymd(char *p, const struct civil *c)
{
	p = put_num(p, c->v[F_Y], 4);
	p = put_ch(p, '-');
	p = put_num(p, c->v[F_MO], 2);
	p = put_ch(p, '-');
	return put_num(p, c->v[F_D], 2);
}

/* "hh:mm:ss" of the second of the day sod. */
static char *put_hms(char *p, int32_t sod)
{
	p = put_num(p, (int)(sod / 3600), 2);
	p = put_ch(p, ':');
	p = put_num(p, (int)(sod / 60 % 60), 2);
	p = put_ch(p, ':');
	return put_num(p, (int)(sod % 60), 2);
}

int tcas_utc_date(int64_t t, char out[11])
{
	struct civil c;

	if (out == NULL || split(t, &c) < 0)
		return TCAS_E_ARG;
	*put_ymd(out, &c) = '\0';
	return TCAS_OK;
}

int tcas_utc_iso8601(int64_t t, char out[21])
{
	struct civil c;
	int32_t sod;
	char *p;

	if (out == NULL || (sod = split(t, &c)) < 0)
		return TCAS_E_ARG;
	p = put_ymd(out, &c);
	p = put_ch(p, 'T');
	p = put_hms(p, sod);
	p = put_ch(p, 'Z');
	*p = '\0';
	return TCAS_OK;
}

int tcas_utc_http_date(int64_t t, char out[30])
{
	struct civil c;
	int32_t sod;
	char *p = out;

	if (out == NULL || (sod = split(t, &c)) < 0)
		return TCAS_E_ARG;
	memcpy(p, wday_names + 3 * weekday(days_from_civil(&c)), 3);
	p = put_ch(put_ch(p + 3, ','), ' ');
	p = put_ch(put_num(p, c.v[F_D], 2), ' ');
	memcpy(p, mon_names + 3 * (c.v[F_MO] - 1), 3);
	p = put_ch(p + 3, ' ');
	p = put_ch(put_num(p, c.v[F_Y], 4), ' ');
	p = put_hms(p, sod);
	memcpy(p, " GMT", 5);
	return TCAS_OK;
}

/* ---- parsing ------------------------------------------------------------- */

/* Match the bytes at s against the pattern pat (as many bytes as pat has):
 * '0'..'5' is a decimal digit of field F_Y..F_S (most significant first),
 * '?' any byte (checked by the caller), anything else that byte. The
 * fields are zeroed first. Returns 0, or -1 on a mismatch. */
static int scan(const char *s, const char *pat, struct civil *c)
{
	unsigned k;

	memset(c, 0, sizeof *c);
	for (; *pat != '\0'; s++, pat++) {
		k = (unsigned)(*pat - '0');
		if (k < F_N) {
			if ((unsigned)(*s - '0') > 9u)
				return -1;
			c->v[k] = c->v[k] * 10 + (*s - '0');
		} else if (*pat != '?' && *s != *pat) {
			return -1;
		}
	}
	return 0;
}

/* Index of the 3-letter name at s in names (n entries), or -1. */
static int find_name(const char *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (memcmp(names + 3 * i, s, 3) == 0)
			return i;
	return -1;
}

/* *t <- the instant c (filled by scan()) minus off seconds: TCAS_E_ARG
 * unless c is a valid date (it is when it survives the round trip through
 * its day number) and time, of weekday wd if wd >= 0, and the result is in
 * range. */
static int to_unix(const struct civil *c, int wd, int32_t off, int64_t *t)
{
	struct civil r;
	uint32_t days = days_from_civil(c);
	int64_t v;

	civil_from_days(days, &r);
	if (memcmp(r.v, c->v, 3 * sizeof c->v[0]) != 0 || c->v[F_H] > 23 ||
	    c->v[F_MI] > 59 || c->v[F_S] > 60 ||
	    (wd >= 0 && weekday(days) != wd))
		return TCAS_E_ARG;
	v = (int64_t)((int32_t)days - (int32_t)DAY_UNIX_EPOCH) * 86400 +
	    (c->v[F_H] * 3600 + c->v[F_MI] * 60 + c->v[F_S] - off);
	if (v < TCAS_UTC_MIN || v > TCAS_UTC_MAX)
		return TCAS_E_ARG;
	*t = v;
	return TCAS_OK;
}

int tcas_utc_parse_http_date(const char *s, size_t len, int64_t *t)
{
	struct civil c;
	int wd;

	if (s == NULL || t == NULL || len != TCAS_UTC_HTTP_DATE_LEN ||
	    scan(s, "???, 22 ??? 0000 33:44:55 GMT", &c) != 0)
		return TCAS_E_ARG;
	wd = find_name(wday_names, 7, s);
	c.v[F_MO] = find_name(mon_names, 12, s + 8) + 1;
	if (wd < 0) /* a bad month name is month 0: invalid */
		return TCAS_E_ARG;
	return to_unix(&c, wd, 0, t);
}

/* Length of an optional ".digits" fraction at s (0 if none), -1 if bad. */
static int iso_fraction(const char *s, size_t n)
{
	size_t i = 1;

	if (n == 0 || s[0] != '.')
		return 0;
	while (i < n && i <= 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 1 || (i < n && s[i] >= '0' && s[i] <= '9'))
		return -1;
	return (int)i;
}

/* The zone designator of exactly n bytes at s: offset in seconds east. */
static int iso_zone(const char *s, size_t n, int32_t *off)
{
	struct civil z;

	if (n == 1 && (s[0] == 'Z' || s[0] == 'z')) {
		*off = 0;
		return 0;
	}
	if (n != 6 || (s[0] != '+' && s[0] != '-') || scan(s, "?33:44", &z) ||
	    z.v[F_H] > 23 || z.v[F_MI] > 59)
		return -1;
	*off = (s[0] == '-' ? -1 : 1) * (z.v[F_H] * 3600 + z.v[F_MI] * 60);
	return 0;
}

int tcas_utc_parse_iso8601(const char *s, size_t len, int64_t *t)
{
	struct civil c;
	int frac;
	int32_t off;

	if (s == NULL || t == NULL || len < TCAS_UTC_ISO8601_LEN ||
	    scan(s, "0000-11-22?33:44:55", &c) != 0 ||
	    (s[10] != 'T' && s[10] != 't'))
		return TCAS_E_ARG;
	frac = iso_fraction(s + 19, len - 19);
	if (frac < 0 ||
	    iso_zone(s + 19 + frac, len - 19 - (size_t)frac, &off) != 0)
		return TCAS_E_ARG;
	return to_unix(&c, -1, off, t);
}
