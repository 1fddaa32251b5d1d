/* Unit tests for tcas/utctime.h. Expected values were computed with Python 3
 * datetime (UTC) at writing time, e.g.
 *   datetime.datetime(1970,1,1,tzinfo=datetime.timezone.utc)
 *     + datetime.timedelta(seconds=t)  ->  strftime("%a, %d %b %Y ...")
 * and calendar.timegm(...) for the reverse direction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/error.h"
#include "tcas/utctime.h"

struct vec {
	int64_t t;
	const char *iso;
	const char *http;
};

static const struct vec vecs[] = {
    {0, "1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT"},
    {-1, "1969-12-31T23:59:59Z", "Wed, 31 Dec 1969 23:59:59 GMT"},
    {68169600, "1972-02-29T00:00:00Z", "Tue, 29 Feb 1972 00:00:00 GMT"},
    {784111777, "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 08:49:37 GMT"},
    {946684799, "1999-12-31T23:59:59Z", "Fri, 31 Dec 1999 23:59:59 GMT"},
    {946684800, "2000-01-01T00:00:00Z", "Sat, 01 Jan 2000 00:00:00 GMT"},
    /* 2000 is a leap year (divisible by 400) */
    {951782400, "2000-02-29T00:00:00Z", "Tue, 29 Feb 2000 00:00:00 GMT"},
    {951868799, "2000-02-29T23:59:59Z", "Tue, 29 Feb 2000 23:59:59 GMT"},
    {951868800, "2000-03-01T00:00:00Z", "Wed, 01 Mar 2000 00:00:00 GMT"},
    {1704067199, "2023-12-31T23:59:59Z", "Sun, 31 Dec 2023 23:59:59 GMT"},
    {1709164800, "2024-02-29T00:00:00Z", "Thu, 29 Feb 2024 00:00:00 GMT"},
    {1709251199, "2024-02-29T23:59:59Z", "Thu, 29 Feb 2024 23:59:59 GMT"},
    /* the api-3.0.md example: still 2025 in UTC, 2026 in UTC+8 */
    {1767225599, "2025-12-31T23:59:59Z", "Wed, 31 Dec 2025 23:59:59 GMT"},
    {1767225600, "2026-01-01T00:00:00Z", "Thu, 01 Jan 2026 00:00:00 GMT"},
    {2147483647, "2038-01-19T03:14:07Z", "Tue, 19 Jan 2038 03:14:07 GMT"},
    {2147483648, "2038-01-19T03:14:08Z", "Tue, 19 Jan 2038 03:14:08 GMT"},
    /* 2100 is not a leap year */
    {4107456000, "2100-02-28T00:00:00Z", "Sun, 28 Feb 2100 00:00:00 GMT"},
    {4107542399, "2100-02-28T23:59:59Z", "Sun, 28 Feb 2100 23:59:59 GMT"},
    {4107542400, "2100-03-01T00:00:00Z", "Mon, 01 Mar 2100 00:00:00 GMT"},
    {TCAS_UTC_MAX, "9999-12-31T23:59:59Z", "Fri, 31 Dec 9999 23:59:59 GMT"},
    {TCAS_UTC_MIN, "0000-01-01T00:00:00Z", "Sat, 01 Jan 0000 00:00:00 GMT"},
};

static void test_format_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
		char d[11], iso[21], http[30];

		memset(d, 'x', sizeof d);
		memset(iso, 'x', sizeof iso);
		memset(http, 'x', sizeof http);
		assert_int_equal(tcas_utc_date(vecs[i].t, d), TCAS_OK);
		assert_int_equal(tcas_utc_iso8601(vecs[i].t, iso), TCAS_OK);
		assert_int_equal(tcas_utc_http_date(vecs[i].t, http), TCAS_OK);
		assert_memory_equal(d, vecs[i].iso, 10);
		assert_int_equal(d[10], '\0');
		assert_string_equal(iso, vecs[i].iso);
		assert_string_equal(http, vecs[i].http);
	}
}

static void test_parse_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
		int64_t t = 12345;

		assert_int_equal(tcas_utc_parse_iso8601(
		                     vecs[i].iso, strlen(vecs[i].iso), &t),
		                 TCAS_OK);
		assert_true(t == vecs[i].t);
		t = 12345;
		assert_int_equal(tcas_utc_parse_http_date(
		                     vecs[i].http, strlen(vecs[i].http), &t),
		                 TCAS_OK);
		assert_true(t == vecs[i].t);
	}
}

static void test_range(void **state)
{
	char d[11], iso[21], http[30];

	(void)state;
	assert_int_equal(tcas_utc_date(TCAS_UTC_MAX + 1, d), TCAS_E_ARG);
	assert_int_equal(tcas_utc_date(TCAS_UTC_MIN - 1, d), TCAS_E_ARG);
	assert_int_equal(tcas_utc_iso8601(TCAS_UTC_MAX + 1, iso), TCAS_E_ARG);
	assert_int_equal(tcas_utc_iso8601(INT64_MIN, iso), TCAS_E_ARG);
	assert_int_equal(tcas_utc_http_date(INT64_MAX, http), TCAS_E_ARG);
	assert_int_equal(tcas_utc_http_date(TCAS_UTC_MIN - 1, http),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_utc_date(0, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_utc_iso8601(0, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_utc_http_date(0, NULL), TCAS_E_ARG);
}

/* Walk every day from 1900-01-01 to 2400-12-31 with a naive calendar that
 * counts days one by one, and compare every formatter and parser. */
static void test_every_day(void **state)
{
	static const int md[12] = {31, 28, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	static const char *wd[7] = {"Sun", "Mon", "Tue", "Wed",
	                            "Thu", "Fri", "Sat"};
	static const char *mn[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y = 1900, m = 1, d = 1, w = 1; /* 1900-01-01 was a Monday */
	int64_t t = -2208988800LL; /* calendar.timegm((1900,1,1,0,0,0)) */

	(void)state;
	while (y <= 2400) {
		char want[40], got[40];
		int64_t back;
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		int sod = (y * 7919 + m * 613 + d * 101) % 86400;
		int64_t tt = t + sod; /* vary the time of day */

		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		assert_int_equal(tcas_utc_date(tt, got), TCAS_OK);
		assert_string_equal(got, want);
		snprintf(want, sizeof want,
		         "%s, %02d %s %04d %02d:%02d:%02d GMT", wd[w], d,
		         mn[m - 1], y, sod / 3600, sod / 60 % 60, sod % 60);
		assert_int_equal(tcas_utc_http_date(tt, got), TCAS_OK);
		assert_string_equal(got, want);
		assert_int_equal(tcas_utc_parse_http_date(got, 29, &back),
		                 TCAS_OK);
		assert_true(back == tt);
		assert_int_equal(tcas_utc_iso8601(tt, got), TCAS_OK);
		assert_int_equal(tcas_utc_parse_iso8601(got, 20, &back),
		                 TCAS_OK);
		assert_true(back == tt);

		t += 86400;
		w = (w + 1) % 7;
		if (++d > md[m - 1] + (m == 2 && leap)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
}

static int parse_http(const char *s, int64_t *t)
{
	return tcas_utc_parse_http_date(s, strlen(s), t);
}

static int parse_iso(const char *s, int64_t *t)
{
	return tcas_utc_parse_iso8601(s, strlen(s), t);
}

static void test_http_reject(void **state)
{
	static const char *bad[] = {
	    "",
	    "Sun, 06 Nov 1994 08:49:37 GM",   /* short */
	    "Sun, 06 Nov 1994 08:49:37 GMT ", /* trailing space */
	    " Sun, 06 Nov 1994 08:49:37 GMT", /* leading space */
	    "Mon, 06 Nov 1994 08:49:37 GMT",  /* wrong weekday */
	    "sun, 06 Nov 1994 08:49:37 GMT",  /* case */
	    "Sun, 06 nov 1994 08:49:37 GMT",
	    "Sun, 06 Nov 1994 08:49:37 gmt",
	    "Sun, 06 Nov 1994 08:49:37 UTC",
	    "Sun,  6 Nov 1994 08:49:37 GMT", /* day not 2DIGIT */
	    "Sun; 06 Nov 1994 08:49:37 GMT",
	    "Sun,06 Nov 1994 08:49:37 GMT ",
	    "Sun, 06-Nov-1994 08:49:37 GMT",
	    "Sun, 06 Nov 1994 08.49.37 GMT",
	    "Sun, 06 Nov 1994 24:00:00 GMT", /* hour */
	    "Sun, 06 Nov 1994 08:60:00 GMT", /* minute */
	    "Sun, 06 Nov 1994 08:49:61 GMT", /* second */
	    "Sun, 00 Nov 1994 08:49:37 GMT", /* day 0 */
	    "Thu, 31 Nov 1994 08:49:37 GMT", /* 31 Nov */
	    "Sun, 29 Feb 2100 00:00:00 GMT", /* 2100 not leap */
	    "Wed, 29 Feb 2023 00:00:00 GMT",
	    "Sun, 06 Nov 1994 08:49:3x GMT",
	    "Sun, 06 Nov +994 08:49:37 GMT",
	    "Sunday, 06-Nov-94 08:49:37 GMT", /* RFC 850 */
	    "Sun Nov  6 08:49:37 1994",       /* asctime */
	    "Fri, 31 Dec 9999 23:59:60 GMT",  /* leap second past MAX */
	};
	size_t i;
	int64_t t = 777;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse_http(bad[i], &t), TCAS_E_ARG);
		assert_true(t == 777);
	}
	/* exactly len bytes are examined: no NUL needed, extra bytes refused */
	assert_int_equal(
	    tcas_utc_parse_http_date("Sun, 06 Nov 1994 08:49:37 GMTxx", 29, &t),
	    TCAS_OK);
	assert_true(t == 784111777);
	assert_int_equal(
	    tcas_utc_parse_http_date("Sun, 06 Nov 1994 08:49:37 GMTxx", 30, &t),
	    TCAS_E_ARG);
	assert_int_equal(tcas_utc_parse_http_date(NULL, 29, &t), TCAS_E_ARG);
	assert_int_equal(
	    tcas_utc_parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", 29, NULL),
	    TCAS_E_ARG);
	/* leap second: same as the next second */
	assert_int_equal(parse_http("Wed, 31 Dec 2025 23:59:60 GMT", &t),
	                 TCAS_OK);
	assert_true(t == 1767225600);
}

static void test_iso_accept(void **state)
{
	int64_t t;

	(void)state;
	/* calendar.timegm((2018,8,28,15,0,0)) == 1535468400 */
	assert_int_equal(parse_iso("2018-08-28T23:00:00+08:00", &t), TCAS_OK);
	assert_true(t == 1535468400);
	assert_int_equal(parse_iso("2018-08-28T10:30:00-04:30", &t), TCAS_OK);
	assert_true(t == 1535468400);
	assert_int_equal(parse_iso("2018-08-28T15:00:00+00:00", &t), TCAS_OK);
	assert_true(t == 1535468400);
	assert_int_equal(parse_iso("2018-08-28t15:00:00z", &t), TCAS_OK);
	assert_true(t == 1535468400);
	assert_int_equal(parse_iso("2018-08-28T15:00:00.999Z", &t), TCAS_OK);
	assert_true(t == 1535468400);
	assert_int_equal(parse_iso("2018-08-28T15:00:00.1+00:00", &t), TCAS_OK);
	assert_true(t == 1535468400);
	assert_int_equal(parse_iso("2018-08-28T15:00:00.123456789Z", &t),
	                 TCAS_OK);
	assert_true(t == 1535468400);
	/* offset crosses the date and year line (the doc's example instant) */
	assert_int_equal(parse_iso("2026-01-01T07:59:59+08:00", &t), TCAS_OK);
	assert_true(t == 1767225599);
	assert_int_equal(parse_iso("2025-12-31T23:59:60Z", &t), TCAS_OK);
	assert_true(t == 1767225600);
	/* credentials.md example: ExpiredTime 1767232799 */
	assert_int_equal(parse_iso("2026-01-01T01:59:59Z", &t), TCAS_OK);
	assert_true(t == 1767232799);
}

static void test_iso_reject(void **state)
{
	static const char *bad[] = {
	    "",
	    "2018-08-28",
	    "2018-08-28T15:00:00",  /* no zone */
	    "2018-08-28 15:00:00Z", /* space separator */
	    "2018-08-28T15:00Z",
	    "2018-8-28T15:00:00Z",
	    "2018-08-28T15:00:00ZZ",
	    "2018-08-28T15:00:00Z ",
	    " 2018-08-28T15:00:00Z",
	    "2018-08-28T15:00:00+08",
	    "2018-08-28T15:00:00+0800",
	    "2018-08-28T15:00:00+24:00",
	    "2018-08-28T15:00:00+08:60",
	    "2018-08-28T15:00:00.Z",           /* empty fraction */
	    "2018-08-28T15:00:00.1234567890Z", /* > 9 digits */
	    "2018-08-28T15:00:00,5Z",
	    "2018-13-01T00:00:00Z",
	    "2018-00-01T00:00:00Z",
	    "2018-02-29T00:00:00Z",
	    "2100-02-29T00:00:00Z",
	    "2018-04-31T00:00:00Z",
	    "2018-08-28T24:00:00Z",
	    "2018-08-28T23:60:00Z",
	    "2018-08-28T23:59:61Z",
	    "+018-08-28T15:00:00Z",
	    "2018-08-28T15:00:00UTC",
	    "9999-12-31T23:59:59-00:01", /* beyond TCAS_UTC_MAX */
	    "0000-01-01T00:00:00+00:01", /* before TCAS_UTC_MIN */
	};
	size_t i;
	int64_t t = 777;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse_iso(bad[i], &t), TCAS_E_ARG);
		assert_true(t == 777);
	}
	assert_int_equal(tcas_utc_parse_iso8601(NULL, 20, &t), TCAS_E_ARG);
	assert_int_equal(
	    tcas_utc_parse_iso8601("2018-08-28T15:00:00Z", 20, NULL),
	    TCAS_E_ARG);
	/* exactly len bytes */
	assert_int_equal(
	    tcas_utc_parse_iso8601("2018-08-28T15:00:00Zjunk", 20, &t),
	    TCAS_OK);
	assert_true(t == 1535468400);
}

/* Dates checked against the calendar (leap years of every kind, day 0,
 * days and months past the end, the first and last years). */
static void test_calendar_edges(void **state)
{
	static const char *bad_iso[] = {
	    "0000-01-00T00:00:00Z", "0000-03-00T00:00:00Z",
	    "1900-02-29T00:00:00Z", "9999-12-32T00:00:00Z",
	    "9999-99-99T00:00:00Z", "2024-02-30T00:00:00Z",
	    "2024-06-31T00:00:00Z", "0001-02-29T00:00:00Z",
	};
	static const char *bad_http[] = {
	    "Tue, 29 Feb 1900 00:00:00 GMT", "Thu, 32 Dec 2024 00:00:00 GMT",
	    "Sun, 06 Xyz 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
	    "Fri, 99 Dec 9999 00:00:00 GMT",
	};
	size_t i;
	int64_t t = 777;

	(void)state;
	for (i = 0; i < sizeof bad_iso / sizeof bad_iso[0]; i++)
		assert_int_equal(parse_iso(bad_iso[i], &t), TCAS_E_ARG);
	for (i = 0; i < sizeof bad_http / sizeof bad_http[0]; i++)
		assert_int_equal(parse_http(bad_http[i], &t), TCAS_E_ARG);
	assert_true(t == 777);
	/* year 0 and 400 are leap years (proleptic Gregorian) */
	assert_int_equal(parse_iso("0000-02-29T00:00:00Z", &t), TCAS_OK);
	assert_true(t == -62162121600LL);
	assert_int_equal(parse_http("Tue, 29 Feb 0000 00:00:00 GMT", &t),
	                 TCAS_OK);
	assert_true(t == -62162121600LL);
	assert_int_equal(parse_http("Tue, 29 Feb 0400 00:00:00 GMT", &t),
	                 TCAS_OK);
	assert_true(t == -49539340800LL);
	assert_int_equal(parse_iso("2000-03-01T00:00:00Z", &t), TCAS_OK);
	assert_true(t == 951868800);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_vectors),
	    cmocka_unit_test(test_parse_vectors),
	    cmocka_unit_test(test_range),
	    cmocka_unit_test(test_every_day),
	    cmocka_unit_test(test_http_reject),
	    cmocka_unit_test(test_iso_accept),
	    cmocka_unit_test(test_iso_reject),
	    cmocka_unit_test(test_calendar_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
