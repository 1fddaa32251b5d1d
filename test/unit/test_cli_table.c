/* Unit tests for --output table (src/cli/table.c, contract in cli.h) on
 * crafted documents: every line fits $COLUMNS (display columns: CJK and
 * other wide characters count two), cells cut at 1 KB with "...", tags
 * read as key=value, columns past COLS_MAX counted and named in the note
 * under the table, the identifying columns kept when the others cannot
 * fit, and a key/value table in a narrow terminal. (test/e2e/surface.sh
 * runs the same code on real answers.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/json.h"
#include "../../src/cli/cli.h" /* the CLI's private header */

static char out[1 << 16];

/* The tables of the JSON text js at $COLUMNS cols ("" for none). */
static const char *table_of(const char *js, const char *cols)
{
	static jsmntok_t tok[4096];
	tcas_json d;
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	if (*cols)
		setenv("COLUMNS", cols, 1);
	else
		unsetenv("COLUMNS");
	assert_int_equal(tcas_json_parse(&d, js, strlen(js), tok, 4096), 0);
	assert_int_equal(tcas_cli_table(&d, 0, f), 1);
	rewind(f);
	n = fread(out, 1, sizeof out - 1, f);
	out[n] = 0;
	fclose(f);
	return out;
}

/* Display columns of s[0..n): UTF-8 lead bytes, two for the wide
 * ranges the tests use (CJK, U+20000..). */
static size_t cols_of(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) == 0x80)
			continue;
		w += c >= 0xE3 ? 2 : 1; /* U+3000.. and 4-byte forms */
	}
	return w;
}

/* Every line of out at most max display columns wide; the widest. */
static size_t widest(size_t max)
{
	const char *p = out, *e;
	size_t w, top = 0;

	while (*p) {
		e = strchr(p, '\n');
		assert_non_null(e);
		w = cols_of(p, (size_t)(e - p));
		if (w > max)
			fail_msg("line %zu columns wide (max %zu): %.*s", w,
			         max, (int)(e - p), p);
		top = w > top ? w : top;
		p = e + 1;
	}
	return top;
}

/* A cell longer than 1 KB is cut, marked "...", and the table still has
 * its borders. */
static void test_long_cell_cut(void **state)
{
	static char js[4096];
	char *p;

	(void)state;
	p = js + sprintf(js, "[{\"Id\":\"i-1\",\"Text\":\"");
	memset(p, 'x', 2000);
	strcpy(p + 2000, "\"},{\"Id\":\"i-2\",\"Text\":\"y\"}]");
	table_of(js, "");
	assert_non_null(strstr(out, "xxx... |"));
	assert_null(strstr(out, "xxx |")); /* no uncut end */
	/* the cell: 1 KB with room for "..." and its NUL */
	assert_int_equal(widest(1100), 1033);
}

/* Tags ({"Key": k, "Value": v} objects) read as key=value, alone or in
 * a list; other objects as Name=value, ...; lists as "a; b". */
static void test_nested_cells(void **state)
{
	(void)state;
	table_of(
	    "[{\"Id\":\"i-1\",\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"},"
	    "{\"Key\":\"team\",\"Value\":7}],\"Tag\":{\"Key\":\"a\","
	    "\"Value\":\"b\"},\"Zones\":[\"z1\",\"z2\"],"
	    "\"Obj\":{\"A\":1,\"B\":\"b\"}},{\"Id\":\"i-2\"}]",
	    "");
	assert_non_null(strstr(out, "| i-1 | env=prod; team=7 | a=b | z1; z2 | "
	                            "A=1, B=b |\n"));
	assert_non_null(strstr(out, "| i-2 |                  |     |        | "
	                            "         |\n"));
}

/* Wide characters count two columns: a CJK name (24 columns) wraps in a
 * 30-column terminal, cut between characters; an identifying column
 * (..Name) narrows to stay, and the other one, whose 4-byte characters
 * (U+20000..) would fit, is left out for it. */
static void test_wide_characters(void **state)
{
	(void)state;
	table_of(
	    "[{\"Id\":\"i-1\",\"Name\":\"\xe6\xb5\x8b\xe8\xaf\x95\xe6\x9c\x8d"
	    "\xe5\x8a\xa1\xe5\x99\xa8\xe7\xbb\x84\xe4\xb8\x80\xe4\xba\x8c"
	    "\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94\xe5\x85\xad\","
	    "\"Other\":\"\xf0\xa0\x80\x80\xf0\xa0\x80\x81\xf0\xa0\x80\x82"
	    "\xf0\xa0\x80\x83\xf0\xa0\x80\x84\xf0\xa0\x80\x85\"},"
	    "{\"Id\":\"i-2\"}]",
	    "30");
	assert_int_equal(widest(30), 30);
	assert_non_null(strstr(
	    out, "| i-1 | \xe6\xb5\x8b\xe8\xaf\x95\xe6\x9c\x8d\xe5\x8a\xa1\xe5"
	         "\x99\xa8\xe7\xbb\x84\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5"
	         "\x9b\x9b |\n|     | \xe4\xba\x94\xe5\x85\xad                 "
	         "|\n"));
	assert_non_null(strstr(out, "(left out to fit: Other; see\n"));

	/* the 4-byte characters: 2 columns each (1 each would pad 3) */
	table_of("[{\"Id\":\"i-1\",\"Other\":\"\xf0\xa0\x80\x80\xf0\xa0\x80\x81"
	         "\"},{\"Id\":\"i-2\"}]",
	         "30");
	assert_non_null(/* 4 columns in the 5 of "Other" */
	                strstr(
	                    out,
	                    "| i-1 | \xf0\xa0\x80\x80\xf0\xa0\x80\x81  |\n"));
	assert_non_null(strstr(out, "| i-2 |       |\n"));
}

/* Long columns in 40 columns: the identifying ones (..Id, Name, Status)
 * stay, the others are named under the table. */
static void test_columns_left_out(void **state)
{
	(void)state;
	table_of(
	    "[{\"InstanceId\":\"ins-1\",\"Description\":\"a long text that "
	    "would need a wide column to read well\",\"Status\":\"OK\","
	    "\"Comment\":\"another long text that wants its room too\","
	    "\"Name\":\"web\"},{\"InstanceId\":\"ins-2\"}]",
	    "40");
	widest(40);
	assert_non_null(strstr(out, "| InstanceId | Status | Name |\n"));
	assert_non_null(strstr(out, "| ins-1      | OK     | web  |\n"));
	/* the note, wrapped to the terminal too */
	assert_non_null(strstr(out, "\n(left out to fit: Description,\n"
	                            "Comment; see them with --output json\n"
	                            "or --filter)\n"));
}

/* More than COLS_MAX (64) member names: the ones past it are counted in
 * the note. */
static void test_more_columns_than_kept(void **state)
{
	static char js[8192];
	int i, n;

	(void)state;
	n = sprintf(js, "[{");
	for (i = 0; i < 70; i++)
		n += sprintf(js + n, "%s\"M%02d\":%d", i ? "," : "", i, i);
	strcpy(js + n, "},{\"M00\":1}]");
	table_of(js, "");
	assert_non_null(strstr(out,
	                       "\n(left out: 6 more columns; see them with "
	                       "--output json or --filter)\n"));
	assert_non_null(strstr(out, "| M00"));
	assert_null(strstr(out, "M69"));
}

/* An object as a key/value table in a narrow terminal: the key column
 * gives way to the values, every line fits, the long value wraps. */
static void test_key_value_narrow(void **state)
{
	(void)state;
	table_of("{\"AVeryLongMemberNameThatWouldTakeTheWholeLine\":\"value "
	         "one, value two, value three, value four\",\"Id\":\"x\"}",
	         "30");
	widest(30);
	assert_non_null(strstr(out, "| AVeryLongM | value one,    |\n"
	                            "| emberNameT | value two,    |\n"));
	assert_non_null(strstr(out, "| Line       |               |\n"
	                            "| Id         | x             |\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_long_cell_cut),
	    cmocka_unit_test(test_nested_cells),
	    cmocka_unit_test(test_wide_characters),
	    cmocka_unit_test(test_columns_left_out),
	    cmocka_unit_test(test_more_columns_than_kept),
	    cmocka_unit_test(test_key_value_narrow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
