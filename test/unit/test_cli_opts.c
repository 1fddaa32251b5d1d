/* Unit tests for the CLI's option table and parser (src/cli/options.c),
 * the sanitiser of server text (src/cli/clean.c) and the process
 * hardening (src/cli/sysio.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cmocka.h>

#include "tcas/error.h"
#include "../../src/cli/cli.h" /* the CLI's private header */

static tcas_cli_opts o;
static char args[32][128];

/* Parse a NULL-terminated list (copied: the parser may split --A=b). */
static int parse(const char *first, ...)
{
	char *argv[32];
	const char *s = first;
	va_list ap;
	int argc = 1;

	argv[0] = (char *)"tcas";
	va_start(ap, first);
	for (; s != NULL; s = va_arg(ap, const char *)) {
		assert_true(argc < 32 && strlen(s) < sizeof args[0]);
		strcpy(args[argc], s);
		argv[argc] = args[argc];
		argc++;
	}
	va_end(ap);
	return tcas_cli_parse(&o, argc, argv);
}

static void test_globals(void **state)
{
	(void)state;
	assert_int_equal(parse("--region", "ap-beijing", "--timeout=7",
	                       "DescribeAutoScalingGroups", "--Limit", "5",
	                       "--output=table", "--dry-run", "--retries", "0",
	                       NULL),
	                 0);
	assert_string_equal(o.region, "ap-beijing");
	assert_string_equal(o.output, "table");
	assert_int_equal(o.timeout_s, 7);
	assert_int_equal(o.retries, 0);
	assert_int_equal(o.dry_run, 1);
	assert_string_equal(o.action, "DescribeAutoScalingGroups");
	assert_int_equal(o.nparams, 2);
	assert_string_equal(o.params[0], "--Limit");
	/* defaults */
	assert_int_equal(parse("X", NULL), 0);
	assert_int_equal(o.retries, -1);
	assert_null(o.region);
	/* tccli's service word, --Name=value split in two, the input file
	 * handed to the parameter builder */
	assert_int_equal(parse("as", "DescribeAutoScalingGroups", "--Limit=5",
	                       "--cli-input-json=file:///x.json", NULL),
	                 0);
	assert_int_equal(o.service_word, 1);
	assert_string_equal(o.action, "DescribeAutoScalingGroups");
	assert_int_equal(o.nparams, 4);
	assert_string_equal(o.params[0], "--Limit");
	assert_string_equal(o.params[1], "5");
	assert_string_equal(o.params[2], "--cli-input-json");
	assert_string_equal(o.params[3], "file:///x.json");
	/* "as" as a later word is just a word */
	assert_int_equal(parse("wait", "as", NULL), 0);
	assert_string_equal(o.params[0], "as");
	assert_int_equal(parse("-h", NULL), 0);
	assert_int_equal(o.help, 1);
	assert_int_equal(parse("--proxy", "", "X", NULL), 0); /* "" = none */
	assert_string_equal(o.proxy, "");
	assert_int_equal(parse("--timestamp", "253402300799", "X", NULL), 0);
	assert_true(o.timestamp == 253402300799LL);
}

static void test_bad_globals(void **state)
{
	static const char *const bad[][2] = {
	    {"--endpoint", ""},
	    {"--region", ""},
	    {"--region", "ap-x\r\nX: y"},
	    {"--region", "ap x"},
	    {"--ca-file", ""},
	    {"--filter", "a\tb"},
	    {"--output", "yaml"},
	    {"--timeout", "0"},
	    {"--timeout", "86401"},
	    {"--timeout", "1.5"},
	    {"--retries", "11"},
	    {"--retries", "-1"},
	    {"--interval", ""},
	    {"--timestamp", "99999999999999"},
	    {"--api-version", "2018-4-19"},
	    {"--secretKey", ""},
	    {"--profile", "a/b"},
	    {"--token", "a\nb"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(parse(bad[i][0], bad[i][1], "X", NULL),
		                 TCAS_EXIT_USAGE);
	assert_int_equal(parse("--endpoint=", "X", NULL), TCAS_EXIT_USAGE);
	assert_int_equal(parse("--regoin", "x", "X", NULL), TCAS_EXIT_USAGE);
	assert_int_equal(parse("--dry-run=1", "X", NULL), TCAS_EXIT_USAGE);
	assert_int_equal(parse("X", "--region", NULL), TCAS_EXIT_USAGE);
}

static void test_table(void **state)
{
	size_t i, j;

	(void)state;
	/* every option has a description and a unique name; value options
	 * have a placeholder, flags have none */
	for (i = 0; i < tcas_cli_option_count; i++) {
		const tcas_cli_option *p = &tcas_cli_options[i];

		assert_true(p->help && p->help[0]);
		assert_true((p->arg != NULL) == (p->kind != TCAS_CLI_OPT_FLAG));
		assert_ptr_equal(tcas_cli_option_find(p->name, strlen(p->name)),
		                 p);
		for (j = 0; j < i; j++)
			assert_string_not_equal(p->name,
			                        tcas_cli_options[j].name);
	}
	assert_null(tcas_cli_option_find("regio", 5));
	assert_string_equal(tcas_cli_closest("regoin", tcas_cli_options,
	                                     tcas_cli_option_count,
	                                     sizeof tcas_cli_options[0]),
	                    "region");
	assert_null(tcas_cli_closest("zzzzzzzzz", tcas_cli_options,
	                             tcas_cli_option_count,
	                             sizeof tcas_cli_options[0]));
}

static void test_number(void **state)
{
	long long v;

	(void)state;
	assert_int_equal(tcas_cli_parse_number("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(tcas_cli_parse_number("-3", -5, 5, &v), 0);
	assert_int_equal(v, -3);
	assert_int_equal(tcas_cli_parse_number("", 0, 9, &v), -1);
	assert_int_equal(tcas_cli_parse_number("-", 0, 9, &v), -1);
	assert_int_equal(tcas_cli_parse_number("1x", 0, 9, &v), -1);
	assert_int_equal(tcas_cli_parse_number("10", 0, 9, &v), -1);
	assert_int_equal(
	    tcas_cli_parse_number("99999999999999999999", 0, 9, &v), -1);
	assert_int_equal(tcas_cli_parse_number("9223372036854775807", 0,
	                                       9223372036854775807LL, &v),
	                 0);
}

static void test_clean(void **state)
{
	char s[64];

	(void)state;
	/* ESC ] 0 ; title BEL, ESC [ 2 J, CSI (C1), bidi override, LS */
	strcpy(s, "A\x1b]0;x\x07\x1b[2J\xc2\x9b"
	          "2J\xe2\x80\xaeZ\xe2\x80\xa8");
	assert_int_equal(tcas_cli_clean(s), strlen("A?]0;x??[2J?2J?Z?"));
	assert_string_equal(s, "A?]0;x??[2J?2J?Z?");
	/* DEL, tab, newline, a lone continuation byte, an overlong form;
	 * CJK and accents stay */
	strcpy(s, "\x7f\t\n\x80\xc0\xaf\xe4\xb8\xad\xc3\xa9");
	tcas_cli_clean(s);
	assert_string_equal(s, "??????\xe4\xb8\xad\xc3\xa9");
	strcpy(s, "\xe2\x81\xa6\xd8\x9c\xe2\x80\x8fZ");
	tcas_cli_clean(s);
	assert_string_equal(s, "???Z");
	/* malformed UTF-8, each byte that starts no valid sequence one '?':
	 * a sequence cut by an ASCII byte, an overlong 3-byte form, a
	 * surrogate, a code point past U+10FFFF, leads F5 and FF, a lead at
	 * the very end; a 4-byte character (U+1F600) stays */
	strcpy(s, "\xe4\xb8Z\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80"
	          "\xf5\xff\xf0\x9f\x98\x80\xe4");
	tcas_cli_clean(s);
	assert_string_equal(s, "??Z????????????\xf0\x9f\x98\x80?");
}

/* tcas_cli_put_clean writes what tcas_cli_clean leaves, without
 * changing its argument. */
static void test_put_clean(void **state)
{
	static const char in[] = "a\x1b[31m\xc2\x9b\xe2\x80\xae\xed\xa0\x80"
	                         "\xf0\x9f\x98\x80\xc3\xa9";
	char out[64], copy[sizeof in];
	FILE *f = tmpfile();
	size_t n;

	(void)state;
	assert_non_null(f);
	memcpy(copy, in, sizeof in);
	tcas_cli_put_clean(f, in);
	rewind(f);
	n = fread(out, 1, sizeof out - 1, f);
	out[n] = 0;
	fclose(f);
	tcas_cli_clean(copy);
	assert_string_equal(out, copy);
	assert_string_equal(out, "a?[31m?????\xf0\x9f\x98\x80\xc3\xa9");
}

static void test_json_sink(void **state)
{
	static const char in[] =
	    "{\"S\": \"a\xc2\x9b\x7f\xe2\x80\xae\xc3\xa9\"}";
	char out[128];
	FILE *f = tmpfile();
	size_t n;

	(void)state;
	assert_non_null(f);
	assert_int_equal(tcas_cli_json_sink(f, in, sizeof in - 1), 0);
	rewind(f);
	n = fread(out, 1, sizeof out - 1, f);
	out[n] = 0;
	/* escaped, so the value stays what the server sent */
	assert_string_equal(out, "{\"S\": \"a\\u009b\\u007f\\u202e\xc3\xa9\"}");
	fclose(f);
}

static void test_harden(void **state)
{
	(void)state;
	tcas_cli_harden();
#ifdef __linux__
	assert_int_equal(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_globals),
	    cmocka_unit_test(test_bad_globals),
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_number),
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_put_clean),
	    cmocka_unit_test(test_json_sink),
	    cmocka_unit_test(test_harden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
