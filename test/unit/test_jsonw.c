/* Unit tests for tcas/jsonw.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/jsonw.h"

static char out[4096];

static int finish(tcas_jw *w, size_t *len)
{
	return tcas_jw_finish(w, len);
}

/* Write one string value as a whole document, expect want. */
static void str_is(const char *s, size_t n, const char *want)
{
	tcas_jw w;
	size_t len = 0;

	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_str_n(&w, s, n);
	assert_int_equal(finish(&w, &len), TCAS_OK);
	assert_string_equal(out, want);
	assert_int_equal(len, strlen(want));
}

/* A string value that must fail with err, writing nothing. */
static void str_fails(const char *s, size_t n, int err)
{
	tcas_jw w;

	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_arr_begin(&w);
	tcas_jw_str_n(&w, s, n);
	assert_int_equal(w.err, err);
	assert_int_equal(w.len, 1); /* only the '[' */
	tcas_jw_arr_end(&w);
	assert_int_equal(w.len, 1); /* sticky */
	assert_int_equal(finish(&w, NULL), err);
	assert_string_equal(out, "");
}

/* The sample document used by the overflow test; every kind of call. */
static void sample(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_key(w, "AutoScalingGroupId");
	tcas_jw_str(w, "asg-12345678");
	tcas_jw_key(w, "Ids");
	tcas_jw_arr_begin(w);
	tcas_jw_str(w, "a\"b\\c\n\x01/");
	tcas_jw_str(w, "\xe6\x89\xa9\xf0\x9d\x84\x9e");
	tcas_jw_arr_end(w);
	tcas_jw_key_n(w, "Li\0mit", 6);
	tcas_jw_int(w, -9223372036854775807LL - 1);
	tcas_jw_key(w, "U");
	tcas_jw_uint(w, UINT64_MAX);
	tcas_jw_key(w, "B");
	tcas_jw_arr_begin(w);
	tcas_jw_bool(w, 1);
	tcas_jw_bool(w, 0);
	tcas_jw_null(w);
	tcas_jw_number_text(w, "-1.5e+3", 7);
	tcas_jw_raw(w, "{\"x\":[1,2]}", 11);
	tcas_jw_obj_begin(w);
	tcas_jw_obj_end(w);
	tcas_jw_arr_begin(w);
	tcas_jw_arr_end(w);
	tcas_jw_arr_end(w);
	tcas_jw_obj_end(w);
}

static const char sample_json[] =
    "{\"AutoScalingGroupId\":\"asg-12345678\","
    "\"Ids\":[\"a\\\"b\\\\c\\n\\u0001/\",\"\xe6\x89\xa9\xf0\x9d\x84\x9e\"],"
    "\"Li\\u0000mit\":-9223372036854775808,"
    "\"U\":18446744073709551615,"
    "\"B\":[true,false,null,-1.5e+3,{\"x\":[1,2]},{},[]]}";

static void test_sample(void **state)
{
	tcas_jw w;
	size_t len = 0;

	(void)state;
	tcas_jw_init(&w, out, sizeof out);
	sample(&w);
	assert_int_equal(finish(&w, &len), TCAS_OK);
	assert_string_equal(out, sample_json);
	assert_int_equal(len, sizeof sample_json - 1);
	/* finish again: same answer */
	assert_int_equal(finish(&w, &len), TCAS_OK);
}

static void test_scalars_top_level(void **state)
{
	tcas_jw w;

	(void)state;
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_int(&w, 0);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "0");
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_int(&w, INT64_MAX);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "9223372036854775807");
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_int(&w, -1);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "-1");
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_uint(&w, 0);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "0");
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_bool(&w, 42);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "true");
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_null(&w);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "null");
	/* SDK-style empty body */
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_obj_begin(&w);
	tcas_jw_obj_end(&w);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "{}");
}

static void test_escapes(void **state)
{
	char all[32];
	int i;

	(void)state;
	for (i = 0; i < 32; i++)
		all[i] = (char)i;
	str_is(all, 32,
	       "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
	       "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
	       "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
	       "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
	str_is("\"", 1, "\"\\\"\"");
	str_is("\\", 1, "\"\\\\\"");
	str_is("/", 1, "\"/\"");       /* not escaped */
	str_is("\x7f", 1, "\"\x7f\""); /* DEL passed through */
	str_is(" ~", 2, "\" ~\"");
	str_is("", 0, "\"\"");
	str_is(NULL, 0, "\"\"");
	str_is("a\"\"b\\\\", 6, "\"a\\\"\\\"b\\\\\\\\\"");
	/* keys are escaped the same way */
	{
		tcas_jw w;

		tcas_jw_init(&w, out, sizeof out);
		tcas_jw_obj_begin(&w);
		tcas_jw_key(&w, "k\"\t/");
		tcas_jw_str(&w, "v");
		tcas_jw_obj_end(&w);
		assert_int_equal(finish(&w, NULL), TCAS_OK);
		assert_string_equal(out, "{\"k\\\"\\t/\":\"v\"}");
	}
}

static void test_utf8_accept(void **state)
{
	static const char *good[] = {
	    "\xc2\x80",         /* U+0080 */
	    "\xc3\xa9",         /* e acute */
	    "\xdf\xbf",         /* U+07FF */
	    "\xe0\xa0\x80",     /* U+0800 */
	    "\xe2\x82\xac",     /* euro */
	    "\xed\x9f\xbf",     /* U+D7FF, last before surrogates */
	    "\xee\x80\x80",     /* U+E000, first after */
	    "\xef\xbf\xbf",     /* U+FFFF */
	    "\xf0\x90\x80\x80", /* U+10000 */
	    "\xf0\x9d\x84\x9e", /* G clef */
	    "\xf3\xbf\xbf\xbf", /* U+FFFFF */
	    "\xf4\x8f\xbf\xbf", /* U+10FFFF */
	    "a\xc3\xa9z\xe6\x89\xa9",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		char want[64];

		snprintf(want, sizeof want, "\"%s\"", good[i]);
		str_is(good[i], strlen(good[i]), want);
	}
}

static void test_utf8_reject(void **state)
{
	static const char *bad[] = {
	    "\x80",
	    "\xbf",
	    "a\x80z", /* stray continuation */
	    "\xc0\x80",
	    "\xc1\xbf", /* overlong 2-byte */
	    "\xe0\x80\x80",
	    "\xe0\x9f\xbf", /* overlong 3-byte */
	    "\xf0\x80\x80\x80",
	    "\xf0\x8f\xbf\xbf", /* overlong 4-byte */
	    "\xed\xa0\x80",
	    "\xed\xaf\xbf", /* high surrogates */
	    "\xed\xb0\x80",
	    "\xed\xbf\xbf",             /* low surrogates */
	    "\xed\xa0\xbd\xed\xb2\xa9", /* CESU-8 pair */
	    "\xf4\x90\x80\x80",
	    "\xf7\xbf\xbf\xbf", /* > U+10FFFF */
	    "\xf5\x80\x80\x80",
	    "\xf8\x88\x80\x80\x80",
	    "\xfe",
	    "\xff",
	    "\xc3",
	    "\xe2\x82",
	    "\xf0\x9f\x98", /* truncated */
	    "x\xe2\x82",
	    "\xc3\xa9\xc3",
	    "\xc3\x41",
	    "\xe2\x28\xa1",
	    "\xe2\x82\x28", /* bad continuation */
	    "\xf0\x9f\x98\x41",
	    "\xf0\x28\x8c\xbc",
	    "\xc3\xc3\xa9",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		str_fails(bad[i], strlen(bad[i]), TCAS_E_UTF8);
	/* truncated by n, though the bytes continue in memory */
	str_fails("\xe2\x82\xac", 2, TCAS_E_UTF8);
	/* in a key too */
	{
		tcas_jw w;

		tcas_jw_init(&w, out, sizeof out);
		tcas_jw_obj_begin(&w);
		tcas_jw_key(&w, "\xed\xa0\x80");
		assert_int_equal(w.err, TCAS_E_UTF8);
		assert_int_equal(w.len, 1);
		assert_int_equal(finish(&w, NULL), TCAS_E_UTF8);
	}
}

/* Every capacity below the full length (and the one without room for the
 * NUL) gives TCAS_E_NOSPACE and writes nothing at or past cap. */
static void test_overflow_every_cap(void **state)
{
	size_t full = sizeof sample_json - 1, cap;

	(void)state;
	for (cap = 0; cap <= full + 1; cap++) {
		char buf[sizeof sample_json + 16];
		tcas_jw w;
		size_t len = 777, i;
		int err;

		memset(buf, '#', sizeof buf);
		tcas_jw_init(&w, buf, cap);
		sample(&w);
		err = finish(&w, &len);
		for (i = cap; i < sizeof buf; i++)
			assert_int_equal(buf[i], '#');
		if (cap <= full) {
			assert_int_equal(err, TCAS_E_NOSPACE);
			assert_int_equal(len, 777);
			assert_true(w.len <= cap);
			if (cap > 0)
				assert_int_equal(buf[0], '\0');
		} else {
			assert_int_equal(err, TCAS_OK);
			assert_int_equal(len, full);
			assert_string_equal(buf, sample_json);
		}
	}
	/* no buffer at all */
	{
		tcas_jw w;

		tcas_jw_init(&w, NULL, 0);
		tcas_jw_null(&w);
		assert_int_equal(finish(&w, NULL), TCAS_E_NOSPACE);
	}
}

static void test_depth(void **state)
{
	tcas_jw w;
	char want[4 * TCAS_JSON_DEPTH_MAX + 8];
	size_t i, n = 0;

	(void)state;
	/* alternate object / array up to the limit, then close all */
	tcas_jw_init(&w, out, sizeof out);
	for (i = 0; i < TCAS_JSON_DEPTH_MAX; i++) {
		if (i % 2 == 0) {
			tcas_jw_obj_begin(&w);
			tcas_jw_key(&w, "k");
			want[n++] = '{';
			memcpy(want + n, "\"k\":", 4);
			n += 4;
		} else {
			tcas_jw_arr_begin(&w);
			want[n++] = '[';
		}
	}
	assert_int_equal(w.err, TCAS_OK);
	assert_int_equal(w.depth, TCAS_JSON_DEPTH_MAX);
	tcas_jw_int(&w, 1);
	want[n++] = '1';
	for (i = TCAS_JSON_DEPTH_MAX; i-- > 0;) {
		if (i % 2 == 0) {
			tcas_jw_obj_end(&w);
			want[n++] = '}';
		} else {
			tcas_jw_arr_end(&w);
			want[n++] = ']';
		}
	}
	want[n] = '\0';
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, want);

	/* one level more */
	tcas_jw_init(&w, out, sizeof out);
	for (i = 0; i < TCAS_JSON_DEPTH_MAX; i++)
		tcas_jw_arr_begin(&w);
	assert_int_equal(w.err, TCAS_OK);
	tcas_jw_obj_begin(&w);
	assert_int_equal(w.err, TCAS_E_JSON_DEPTH);
	assert_int_equal(w.len, TCAS_JSON_DEPTH_MAX);
	tcas_jw_arr_begin(&w);
	assert_int_equal(finish(&w, NULL), TCAS_E_JSON_DEPTH);
}

typedef void (*misuse_fn)(tcas_jw *w);

static void m_value_for_key(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_int(w, 1);
}
static void m_str_for_key(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_str(w, "v");
}
static void m_obj_for_key(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_key(w, "a");
	tcas_jw_int(w, 1);
	tcas_jw_obj_begin(w);
}
static void m_key_in_array(tcas_jw *w)
{
	tcas_jw_arr_begin(w);
	tcas_jw_key(w, "k");
}
static void m_key_top(tcas_jw *w)
{
	tcas_jw_key(w, "k");
}
static void m_key_twice(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_key(w, "a");
	tcas_jw_key(w, "b");
}
static void m_end_after_key(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_key(w, "a");
	tcas_jw_obj_end(w);
}
static void m_obj_end_top(tcas_jw *w)
{
	tcas_jw_obj_end(w);
}
static void m_arr_end_top(tcas_jw *w)
{
	tcas_jw_arr_end(w);
}
static void m_arr_end_in_obj(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_arr_end(w);
}
static void m_obj_end_in_arr(tcas_jw *w)
{
	tcas_jw_arr_begin(w);
	tcas_jw_obj_end(w);
}
static void m_extra_end(tcas_jw *w)
{
	tcas_jw_arr_begin(w);
	tcas_jw_arr_end(w);
	tcas_jw_arr_end(w);
}
static void m_two_values(tcas_jw *w)
{
	tcas_jw_int(w, 1);
	tcas_jw_int(w, 2);
}
static void m_two_objects(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_obj_end(w);
	tcas_jw_obj_begin(w);
}
static void m_raw_for_key(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_raw(w, "1", 1);
}
static void m_num_for_key(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_number_text(w, "1", 1);
}
/* These only fail at finish. */
static void m_nothing(tcas_jw *w)
{
	(void)w;
}
static void m_unclosed(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_key(w, "a");
	tcas_jw_arr_begin(w);
	tcas_jw_arr_end(w);
}
static void m_dangling_key(tcas_jw *w)
{
	tcas_jw_obj_begin(w);
	tcas_jw_key(w, "a");
}

static void test_state_misuse(void **state)
{
	static const misuse_fn now[] = {
	    m_value_for_key, m_str_for_key,    m_obj_for_key,    m_key_in_array,
	    m_key_top,       m_key_twice,      m_end_after_key,  m_obj_end_top,
	    m_arr_end_top,   m_arr_end_in_obj, m_obj_end_in_arr, m_extra_end,
	    m_two_values,    m_two_objects,    m_raw_for_key,    m_num_for_key,
	};
	static const misuse_fn later[] = {m_nothing, m_unclosed,
	                                  m_dangling_key};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof now / sizeof now[0]; i++) {
		tcas_jw w;
		size_t len;

		tcas_jw_init(&w, out, sizeof out);
		now[i](&w);
		assert_int_equal(w.err, TCAS_E_STATE);
		len = w.len;
		tcas_jw_null(&w); /* sticky: no effect */
		assert_int_equal(w.len, len);
		assert_int_equal(finish(&w, NULL), TCAS_E_STATE);
	}
	for (i = 0; i < sizeof later / sizeof later[0]; i++) {
		tcas_jw w;

		tcas_jw_init(&w, out, sizeof out);
		later[i](&w);
		assert_int_equal(w.err, TCAS_OK);
		assert_int_equal(finish(&w, NULL), TCAS_E_STATE);
		assert_string_equal(out, "");
	}
}

static void test_sticky(void **state)
{
	tcas_jw w;
	char small[8];
	size_t len = 5;

	(void)state;
	/* first error wins: NOSPACE, then a would-be STATE error */
	tcas_jw_init(&w, small, sizeof small);
	tcas_jw_arr_begin(&w);
	tcas_jw_str(&w, "much too long");
	assert_int_equal(w.err, TCAS_E_NOSPACE);
	tcas_jw_obj_end(&w);     /* would be TCAS_E_STATE */
	tcas_jw_key(&w, "k");    /* would be TCAS_E_STATE */
	tcas_jw_str(&w, "\xff"); /* would be TCAS_E_UTF8 */
	assert_int_equal(w.err, TCAS_E_NOSPACE);
	assert_int_equal(finish(&w, &len), TCAS_E_NOSPACE);
	assert_int_equal(finish(&w, &len), TCAS_E_NOSPACE);
	assert_int_equal(len, 5);
	/* a UTF-8 error, then a capacity problem */
	tcas_jw_init(&w, small, sizeof small);
	tcas_jw_str(&w, "\xc0\xaf");
	tcas_jw_str(&w, "much too long");
	assert_int_equal(finish(&w, NULL), TCAS_E_UTF8);
	/* init resets */
	tcas_jw_init(&w, small, sizeof small);
	tcas_jw_str(&w, "ok");
	assert_int_equal(finish(&w, &len), TCAS_OK);
	assert_string_equal(small, "\"ok\"");
}

static void test_numbers(void **state)
{
	static const char *good[] = {
	    "0",     "-0",       "1",
	    "-1",    "10",       "1.5",
	    "0.25",  "-0.0",     "1e3",
	    "1E3",   "1e+3",     "1e-3",
	    "1.5e3", "-1.5E-10", "123456789012345678901234567890",
	};
	static const char *bad[] = {
	    "",      "-",        "+1",        "01",    "-01", ".5",
	    "1.",    "1.e3",     "1e",        "1e+",   "e3",  "0x10",
	    "NaN",   "Infinity", "-Infinity", " 1",    "1 ",  "1,2",
	    "1.5.5", "1e3e3",    "--1",       "1_000",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		tcas_jw w;

		tcas_jw_init(&w, out, sizeof out);
		tcas_jw_number_text(&w, good[i], strlen(good[i]));
		assert_int_equal(finish(&w, NULL), TCAS_OK);
		assert_string_equal(out, good[i]);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tcas_jw w;

		tcas_jw_init(&w, out, sizeof out);
		tcas_jw_number_text(&w, bad[i], strlen(bad[i]));
		assert_int_equal(w.err, TCAS_E_ARG);
		assert_int_equal(w.len, 0);
	}
	/* exactly n bytes */
	{
		tcas_jw w;

		tcas_jw_init(&w, out, sizeof out);
		tcas_jw_number_text(&w, "12x", 2);
		assert_int_equal(finish(&w, NULL), TCAS_OK);
		assert_string_equal(out, "12");
	}
}

static void test_raw_and_commas(void **state)
{
	tcas_jw w;

	(void)state;
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_arr_begin(&w);
	tcas_jw_raw(&w, "{\"a\":1}", 7);
	tcas_jw_raw(&w, "[]", 2);
	tcas_jw_arr_begin(&w);
	tcas_jw_arr_end(&w);
	tcas_jw_obj_begin(&w);
	tcas_jw_key(&w, "x");
	tcas_jw_raw(&w, "\"y\"", 3);
	tcas_jw_key(&w, "z");
	tcas_jw_arr_begin(&w);
	tcas_jw_int(&w, 1);
	tcas_jw_arr_end(&w);
	tcas_jw_obj_end(&w);
	tcas_jw_arr_end(&w);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "[{\"a\":1},[],[],{\"x\":\"y\",\"z\":[1]}]");
}

static void test_null_args(void **state)
{
	tcas_jw w;

	(void)state;
	tcas_jw_init(&w, NULL, 10);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);

	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_str(&w, NULL);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_str_n(&w, NULL, 1);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_obj_begin(&w);
	tcas_jw_key(&w, NULL);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_obj_begin(&w);
	tcas_jw_key_n(&w, NULL, 2);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_number_text(&w, NULL, 1);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_raw(&w, NULL, 1);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_raw(&w, "1", 0);
	assert_int_equal(finish(&w, NULL), TCAS_E_ARG);
	/* empty key is fine */
	tcas_jw_init(&w, out, sizeof out);
	tcas_jw_obj_begin(&w);
	tcas_jw_key_n(&w, NULL, 0);
	tcas_jw_int(&w, 1);
	tcas_jw_obj_end(&w);
	assert_int_equal(finish(&w, NULL), TCAS_OK);
	assert_string_equal(out, "{\"\":1}");
	/* NULL writer: no crash */
	tcas_jw_init(NULL, out, sizeof out);
	tcas_jw_obj_begin(NULL);
	tcas_jw_key(NULL, "k");
	tcas_jw_key_n(NULL, "k", 1);
	tcas_jw_str(NULL, "s");
	tcas_jw_str_n(NULL, "s", 1);
	tcas_jw_int(NULL, 1);
	tcas_jw_uint(NULL, 1);
	tcas_jw_bool(NULL, 1);
	tcas_jw_null(NULL);
	tcas_jw_number_text(NULL, "1", 1);
	tcas_jw_raw(NULL, "1", 1);
	tcas_jw_obj_end(NULL);
	tcas_jw_arr_begin(NULL);
	tcas_jw_arr_end(NULL);
	assert_int_equal(tcas_jw_finish(NULL, NULL), TCAS_E_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sample),
	    cmocka_unit_test(test_scalars_top_level),
	    cmocka_unit_test(test_escapes),
	    cmocka_unit_test(test_utf8_accept),
	    cmocka_unit_test(test_utf8_reject),
	    cmocka_unit_test(test_overflow_every_cap),
	    cmocka_unit_test(test_depth),
	    cmocka_unit_test(test_state_misuse),
	    cmocka_unit_test(test_sticky),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_raw_and_commas),
	    cmocka_unit_test(test_null_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
