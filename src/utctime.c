/* Civil UTC conversions without libc time functions; contract in
 * tcas/utctime.h. Day arithmetic after H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms" (days_from_civil / civil_from_days). */
#include "inner.h"
#include "tcas/utctime.h"

struct civil {
	int y, mo, d;  /* year 0..9999, month 1..12, day 1..31 */
	int h, mi, s;  /* 0..23, 0..59, 0..60 */
};

static const char wday_names[] = "SunMonTueWedThuFriSat";
static const char mon_names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int mo)
{
	static const unsigned char md[12] = {31, 28, 31, 30, 31, 30,
	                                     31, 31, 30, 31, 30, 31};

	return (mo == 2 && is_leap(y)) ? 29 : md[mo - 1];
}

/* Day numbers here count from -0400-03-01 (the start of a 400-year era
 * before TCAS_UTC_MIN), so that every date in range is a small unsigned
 * number and all the calendar arithmetic is 32-bit: no 64-bit division,
 * which a 32-bit MCU does in a library routine. */
#define DAY_UNIX_EPOCH 865565u  /* 1970-01-01 */
#define DAY_UTC_MIN 146037u     /* 0000-01-01 */

/* Day number of a valid proleptic Gregorian date (year 0..9999). */
static uint32_t days_from_civil(int y, int mo, int d)
{
	uint32_t yy = (uint32_t)y + 400u - (mo <= 2);
	uint32_t era = yy / 400u, yoe = yy - era * 400u;
	uint32_t doy = (153u * (uint32_t)(mo > 2 ? mo - 3 : mo + 9) + 2u) / 5u +
	               (uint32_t)d - 1u;

	return era * 146097u + yoe * 365u + yoe / 4u - yoe / 100u + doy;
}

static void civil_from_days(uint32_t z, struct civil *c)
{
	uint32_t era = z / 146097u, doe = z - era * 146097u, yoe, doy, mp;

	yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
	doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
	mp = (5u * doy + 2u) / 153u;
	c->d = (int)(doy - (153u * mp + 2u) / 5u + 1u);
	c->mo = (int)(mp < 10u ? mp + 3u : mp - 9u);
	c->y = (int)(yoe + era * 400u) - 400 + (c->mo <= 2);
}

/* 0 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(uint32_t days)
{
	return (int)((days + 3u) % 7u);
}

static int split(int64_t t, struct civil *c, int *wd)
{
	uint64_t u;
	uint32_t hi, days, sod;

	if (t < TCAS_UTC_MIN || t > TCAS_UTC_MAX)
		return TCAS_E_ARG;
	/* u < 2^39 and 86400 = 2^7 * 675: two 32-bit steps */
	u = (uint64_t)(t - TCAS_UTC_MIN);
	hi = (uint32_t)(u >> 7);
	days = hi / 675u;
	sod = (hi - days * 675u) << 7 | (uint32_t)(u & 127u);
	days += DAY_UTC_MIN;
	civil_from_days(days, c);
	c->h = (int)(sod / 3600u);
	c->mi = (int)(sod / 60u % 60u);
	c->s = (int)(sod % 60u);
	if (wd != NULL)
		*wd = weekday(days);
	return TCAS_OK;
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
	p = put_num(p, c->y, 4);
	p = put_ch(p, '-');
	p = put_num(p, c->mo, 2);
	p = put_ch(p, '-');
	return put_num(p, c->d, 2);
}

static char *put_hms(char *p, const struct civil *c)
{
	p = put_num(p, c->h, 2);
	p = put_ch(p, ':');
	p = put_num(p, c->mi, 2);
	p = put_ch(p, ':');
	return put_num(p, c->s, 2);
}

int tcas_utc_date(int64_t t, char out[11])
{
	struct civil c;

	if (out == NULL || split(t, &c, NULL) != TCAS_OK)
		return TCAS_E_ARG;
	*put_ymd(out, &c) = '\0';
	return TCAS_OK;
}

int tcas_utc_iso8601(int64_t t, char out[21])
{
	struct civil c;
	char *p;

	if (out == NULL || split(t, &c, NULL) != TCAS_OK)
		return TCAS_E_ARG;
	p = put_ymd(out, &c);
	p = put_ch(p, 'T');
	p = put_hms(p, &c);
	p = put_ch(p, 'Z');
	*p = '\0';
	return TCAS_OK;
}

int tcas_utc_http_date(int64_t t, char out[30])
{
	struct civil c;
	int wd;
	char *p = out;

	if (out == NULL || split(t, &c, &wd) != TCAS_OK)
		return TCAS_E_ARG;
	memcpy(p, wday_names + 3 * wd, 3);
	p = put_ch(put_ch(p + 3, ','), ' ');
	p = put_ch(put_num(p, c.d, 2), ' ');
	memcpy(p, mon_names + 3 * (c.mo - 1), 3);
	p = put_ch(p + 3, ' ');
	p = put_ch(put_num(p, c.y, 4), ' ');
	p = put_hms(p, &c);
	memcpy(p, " GMT", 5);
	return TCAS_OK;
}

/* ---- parsing ------------------------------------------------------------ */

/* n decimal digits at s into *v; -1 if any is not a digit. */
static int get_num(const char *s, int n, int *v)
{
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
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

static int civil_valid(const struct civil *c)
{
	return c->mo >= 1 && c->mo <= 12 && c->d >= 1 &&
	       c->d <= month_days(c->y, c->mo) && c->h <= 23 &&
	       c->mi <= 59 && c->s <= 60;
}

static int64_t civil_to_unix(const struct civil *c)
{
	int32_t days = (int32_t)days_from_civil(c->y, c->mo, c->d) -
	               (int32_t)DAY_UNIX_EPOCH;

	return (int64_t)days * 86400 + c->h * 3600 + c->mi * 60 + c->s;
}

/* "hh:mm:ss" at s (8 bytes). */
static int get_hms(const char *s, struct civil *c)
{
	if (s[2] != ':' || s[5] != ':')
		return -1;
	if (get_num(s, 2, &c->h) || get_num(s + 3, 2, &c->mi) ||
	    get_num(s + 6, 2, &c->s))
		return -1;
	return 0;
}

static int http_date_fields(const char *s, struct civil *c, int *wd)
{
	int mo;

	*wd = find_name(wday_names, 7, s);
	mo = find_name(mon_names, 12, s + 8);
	if (*wd < 0 || mo < 0 || memcmp(s + 3, ", ", 2) != 0 || s[7] != ' ' ||
	    s[11] != ' ' || s[16] != ' ' || memcmp(s + 25, " GMT", 4) != 0)
		return -1;
	c->mo = mo + 1;
	if (get_num(s + 5, 2, &c->d) || get_num(s + 12, 4, &c->y))
		return -1;
	return get_hms(s + 17, c);
}

int tcas_utc_parse_http_date(const char *s, size_t len, int64_t *t)
{
	struct civil c;
	int wd;
	int64_t v;

	if (s == NULL || t == NULL || len != TCAS_UTC_HTTP_DATE_LEN)
		return TCAS_E_ARG;
	if (http_date_fields(s, &c, &wd) != 0 || !civil_valid(&c))
		return TCAS_E_ARG;
	if (weekday(days_from_civil(c.y, c.mo, c.d)) != wd)
		return TCAS_E_ARG;
	v = civil_to_unix(&c);
	if (v > TCAS_UTC_MAX)
		return TCAS_E_ARG;
	*t = v;
	return TCAS_OK;
}

/* "YYYY-MM-DDThh:mm:ss" at s (19 bytes). */
static int iso_fields(const char *s, struct civil *c)
{
	if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't'))
		return -1;
	if (get_num(s, 4, &c->y) || get_num(s + 5, 2, &c->mo) ||
	    get_num(s + 8, 2, &c->d))
		return -1;
	return get_hms(s + 11, c);
}

/* The zone designator of exactly n bytes at s: offset in seconds east. */
static int iso_zone(const char *s, size_t n, int64_t *off)
{
	int h, m;

	if (n == 1 && (s[0] == 'Z' || s[0] == 'z')) {
		*off = 0;
		return 0;
	}
	if (n != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return -1;
	if (get_num(s + 1, 2, &h) || get_num(s + 4, 2, &m) || h > 23 ||
	    m > 59)
		return -1;
	*off = (s[0] == '-' ? -1 : 1) * (int64_t)(h * 3600 + m * 60);
	return 0;
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

int tcas_utc_parse_iso8601(const char *s, size_t len, int64_t *t)
{
	struct civil c;
	int frac;
	int64_t off, v;

	if (s == NULL || t == NULL || len < TCAS_UTC_ISO8601_LEN)
		return TCAS_E_ARG;
	if (iso_fields(s, &c) != 0 || !civil_valid(&c))
		return TCAS_E_ARG;
	frac = iso_fraction(s + 19, len - 19);
	if (frac < 0 || iso_zone(s + 19 + frac, len - 19 - (size_t)frac,
	                         &off) != 0)
		return TCAS_E_ARG;
	v = civil_to_unix(&c) - off;
	if (v < TCAS_UTC_MIN || v > TCAS_UTC_MAX)
		return TCAS_E_ARG;
	*t = v;
	return TCAS_OK;
}
