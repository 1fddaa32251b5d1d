/*
 * tcas/utctime.h - civil UTC date and time, without libc time functions.
 *
 * Boards have no gmtime() and no time zone database; TC3 signing needs the
 * UTC date of a Unix time, and HTTP and the API carry times as text. These
 * functions convert between Unix seconds (int64_t, POSIX time: no leap
 * seconds) and text in the proleptic Gregorian calendar. Pure functions: no
 * state, no locale, no allocation, reentrant.
 *
 * Range: the formats have a four-digit year, so every function handles the
 * instants from 0000-01-01T00:00:00Z (TCAS_UTC_MIN) to 9999-12-31T23:59:59Z
 * (TCAS_UTC_MAX). Outside that range formatting fails with TCAS_E_ARG and
 * parsing never produces such a value.
 *
 * Output buffers are caller-owned arrays of at least the size in the
 * prototype (the *_LEN macros are the text lengths, without the NUL); on
 * success they hold the text and a terminating NUL. On failure the output
 * is unspecified (it is not written).
 *
 * Parsers take (s, len): s need not be NUL-terminated, exactly len bytes
 * are examined, and the whole of them must match the format (no leading or
 * trailing spaces; trim HTTP header whitespace first). On failure *t is not
 * written.
 */
#ifndef TCAS_UTCTIME_H
#define TCAS_UTCTIME_H

#include <stddef.h>
#include <stdint.h>

#define TCAS_UTC_MIN (-62167219200LL) /* 0000-01-01T00:00:00Z */
#define TCAS_UTC_MAX 253402300799LL   /* 9999-12-31T23:59:59Z */

#define TCAS_UTC_DATE_LEN      10 /* "YYYY-MM-DD" */
#define TCAS_UTC_ISO8601_LEN   20 /* "YYYY-MM-DDThh:mm:ssZ" */
#define TCAS_UTC_HTTP_DATE_LEN 29 /* "Sun, 06 Nov 1994 08:49:37 GMT" */

/*
 * UTC calendar date of t as "YYYY-MM-DD" (the TC3 credential-scope date).
 * Returns TCAS_OK, or TCAS_E_ARG when out is NULL or t is out of range.
 */
int tcas_utc_date(int64_t t, char out[11]);

/*
 * t as "YYYY-MM-DDThh:mm:ssZ" (RFC 3339 / ISO 8601, UTC, no fraction).
 * Returns TCAS_OK, or TCAS_E_ARG when out is NULL or t is out of range.
 */
int tcas_utc_iso8601(int64_t t, char out[21]);

/*
 * t as an HTTP IMF-fixdate (RFC 9110 5.6.7), e.g.
 * "Sun, 06 Nov 1994 08:49:37 GMT".
 * Returns TCAS_OK, or TCAS_E_ARG when out is NULL or t is out of range.
 */
int tcas_utc_http_date(int64_t t, char out[30]);

/*
 * Parse exactly len bytes of an IMF-fixdate into Unix seconds. Strict:
 * exactly 29 bytes, the day name and month name spelled with the case
 * shown, single spaces, "GMT", the day name must be the weekday of the date,
 * the day must exist in that month, hour 00-23, minute 00-59, second 00-60
 * (a leap second 60 gives the same value as second 00 of the next minute:
 * POSIX time has no leap seconds). The obsolete RFC 850 and asctime forms
 * are not accepted.
 * Returns TCAS_OK, or TCAS_E_ARG when s or t is NULL or the text does not
 * match.
 */
int tcas_utc_parse_http_date(const char *s, size_t len, int64_t *t);

/*
 * Parse exactly len bytes of an RFC 3339 date-time (the ISO 8601 profile
 * the API uses) into Unix seconds:
 *   YYYY-MM-DD "T" hh:mm:ss [ "." 1*9DIGIT ] ( "Z" / ("+" / "-") hh:mm )
 * "T" and "Z" may also be lower case (RFC 3339 5.6). A fraction is accepted
 * and dropped (the result is the whole second, rounded down). An offset
 * is subtracted, so "2018-08-28T23:00:00+08:00" is 2018-08-28T15:00:00Z.
 * Offsets are limited to hh 00-23, mm 00-59; second 60 as in
 * tcas_utc_parse_http_date(). A result outside TCAS_UTC_MIN..TCAS_UTC_MAX
 * (possible only through an offset) is rejected.
 * Returns TCAS_OK, or TCAS_E_ARG when s or t is NULL or the text does not
 * match.
 */
int tcas_utc_parse_iso8601(const char *s, size_t len, int64_t *t);

#endif /* TCAS_UTCTIME_H */
