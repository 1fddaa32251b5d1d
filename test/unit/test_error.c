/*
 * test_error.c - the status codes (src/error.c): every code the public
 * header declares has its own name and a text, codes it does not declare
 * have neither, and tcas_err_class_of() sorts each range of 20 as the
 * header says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/error.h"

/* The "TCAS_E_NAME = -N" lines of include/tcas/error.h, in order. */
static struct {
	char name[64];
	int code;
} decl[200];
static size_t ndecl;

static void read_header(void)
{
	static char text[16384];
	FILE *f = fopen("include/tcas/error.h", "r");
	size_t n;
	const char *p;

	assert_non_null(f); /* make check runs from the top of the tree */
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	assert_true(n > 0 && n < sizeof text - 1);
	text[n] = 0;
	ndecl = 0;
	/* "TCAS_E_NAME = -N", the value maybe on the next line */
	for (p = text; (p = strstr(p, "\tTCAS_E_")) != NULL;) {
		char name[64];
		int code, used = 0;

		p++;
		if (sscanf(p, "%63[A-Z0-9_] = %d%n", name, &code, &used) != 2)
			continue;
		assert_true(ndecl < sizeof decl / sizeof decl[0]);
		snprintf(decl[ndecl].name, sizeof decl[ndecl].name, "%s", name);
		decl[ndecl++].code = code;
		p += used;
	}
	assert_true(ndecl > 80);
}

static int declared(int code)
{
	size_t i;

	for (i = 0; i < ndecl; i++)
		if (decl[i].code == code)
			return 1;
	return 0;
}

static void test_every_code_named(void **state)
{
	size_t i, j;

	(void)state;
	read_header();
	for (i = 0; i < ndecl; i++) {
		const char *t = tcas_strerror(decl[i].code);

		if (strcmp(tcas_errname(decl[i].code), decl[i].name) != 0)
			fail_msg("%d: named %s, declared %s", decl[i].code,
			         tcas_errname(decl[i].code), decl[i].name);
		assert_string_not_equal(t, "unknown error");
		assert_true(strlen(t) > 5);
		for (j = 0; j < i; j++)
			if (decl[j].code == decl[i].code)
				fail_msg("%s and %s share %d", decl[j].name,
				         decl[i].name, decl[i].code);
	}
	assert_string_equal(tcas_errname(TCAS_OK), "TCAS_OK");
	assert_string_equal(tcas_errname(TCAS_MORE), "TCAS_MORE");
}

static void test_unknown_codes(void **state)
{
	int c;

	(void)state;
	read_header();
	for (c = -260; c < 0; c++) {
		if (declared(c))
			continue;
		assert_string_equal(tcas_strerror(c), "unknown error");
		assert_string_equal(tcas_errname(c), "TCAS_E_UNKNOWN");
	}
	assert_string_equal(tcas_strerror(12345), "unknown error");
}

static void test_classes(void **state)
{
	(void)state;
	assert_int_equal(tcas_err_class_of(TCAS_OK), TCAS_CLASS_OK);
	assert_int_equal(tcas_err_class_of(TCAS_MORE), TCAS_CLASS_OK);
	assert_int_equal(tcas_err_class_of(TCAS_E_ARG), TCAS_CLASS_USAGE);
	assert_int_equal(tcas_err_class_of(TCAS_E_NOSPACE), TCAS_CLASS_USAGE);
	/* a request too large for the buffers is the caller's to fix, though
	 * its code sits in the HTTP range */
	assert_int_equal(tcas_err_class_of(TCAS_E_HTTP_REQ_TOO_LARGE),
	                 TCAS_CLASS_USAGE);
	assert_int_equal(tcas_err_class_of(TCAS_E_REQ_TOO_LARGE),
	                 TCAS_CLASS_USAGE);
	assert_int_equal(tcas_err_class_of(TCAS_E_NET_TIMEOUT),
	                 TCAS_CLASS_TRANSPORT);
	assert_int_equal(tcas_err_class_of(TCAS_E_NET_IO),
	                 TCAS_CLASS_TRANSPORT);
	assert_int_equal(tcas_err_class_of(TCAS_E_TLS_WEAK_HASH),
	                 TCAS_CLASS_TLS);
	assert_int_equal(tcas_err_class_of(TCAS_E_HTTP_STATUS),
	                 TCAS_CLASS_HTTP);
	assert_int_equal(tcas_err_class_of(TCAS_E_API), TCAS_CLASS_API);
	assert_int_equal(tcas_err_class_of(TCAS_E_CFG_SYNTAX),
	                 TCAS_CLASS_USAGE);
	assert_int_equal(tcas_err_class_of(TCAS_E_JMESPATH_DEPTH),
	                 TCAS_CLASS_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_code_named),
	    cmocka_unit_test(test_unknown_codes),
	    cmocka_unit_test(test_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
