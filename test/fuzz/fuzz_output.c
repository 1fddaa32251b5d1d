/*
 * fuzz_output.c - libFuzzer harness for the CLI's printers of server
 * answers (tcas_cli_print in src/cli/output.c and table.c, the sanitiser
 * and the JSON sink of src/cli/clean.c).
 *
 * Input: a JSON document (the bytes after an optional first line "COLS\n"
 * giving $COLUMNS). Every valid document is printed as json, text and
 * table into memory.
 *
 * Invariants: text and table output hold no byte a terminal acts on (C0
 * controls but newline and the tabs text output separates with, DEL, C1
 * as UTF-8, bidi controls, bytes that are not UTF-8); the json output
 * parses again as JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "fuzz/check.h"

static jsmntok_t toks[4096], toks2[8192];
static char out[1 << 20];

/* Print d with format f into out; its length. */
static size_t print(const tcas_json *d, int format)
{
	FILE *f = fmemopen(out, sizeof out - 1, "w");
	long n;

	CHECK(f != NULL);
	tcas_cli_print(d, 0, NULL, format, f);
	fflush(f);
	n = ftell(f);
	fclose(f);
	CHECK(n >= 0 && (size_t)n < sizeof out);
	out[n] = '\0';
	return (size_t)n;
}

/* No control character but newline and tab (the printers' own), no C1
 * or bidi control, valid UTF-8. */
static void check_clean(size_t n)
{
	const unsigned char *u = (const unsigned char *)out;
	size_t i = 0;

	while (i < n) {
		unsigned c = u[i];

		CHECK(c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f));
		if (c < 0x80) {
			i++;
			continue;
		}
		CHECK(c >= 0xC2 && c <= 0xF4 && i + 1 < n);
		CHECK(!(c == 0xC2 && u[i + 1] < 0xA0));         /* C1 */
		CHECK(!(c == 0xD8 && u[i + 1] == 0x9C));        /* U+061C */
		if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80) /* U+20xx */
			CHECK(u[i + 2] != 0x8E && u[i + 2] != 0x8F &&
			      (u[i + 2] < 0xA8 || u[i + 2] > 0xAE));
		if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x81)
			CHECK(u[i + 2] < 0xA6 || u[i + 2] > 0xA9);
		i += c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *js = (const char *)data, *nl;
	char cols[8] = "0";
	tcas_json d, again;
	size_t n;

	nl = memchr(js, '\n', size < 6 ? size : 6);
	if (nl != NULL && nl > js && js[0] >= '2' && js[0] <= '9') {
		memcpy(cols, js, (size_t)(nl - js));
		cols[nl - js] = '\0';
		size -= (size_t)(nl + 1 - js);
		js = nl + 1;
	}
	setenv("COLUMNS", cols, 1);
	if (tcas_json_parse(&d, js, size, toks, 4096) != TCAS_OK)
		return 0;
	n = print(&d, TCAS_OUT_JSON);
	CHECK(tcas_json_parse(&again, out, n, toks2, 8192) == TCAS_OK);
	check_clean(print(&d, TCAS_OUT_TEXT));
	check_clean(print(&d, TCAS_OUT_TABLE));
	return 0;
}
