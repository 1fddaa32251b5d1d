/*
 * fuzz_params.c - libFuzzer harness for the CLI parameter builder
 * (tcas_cli_build_params, src/cli/cli.h) and the request validator
 * (tcas_params_validate, tcas/params.h).
 *
 * Input: NUL-separated strings. The first names the action (any of the 58;
 * an unknown name picks one from a hash of the input); the rest are the
 * tccli-style arguments. The value after a "--cli-input-json" is written
 * to a scratch file whose name replaces it, so the file reader is fuzzed
 * too and nothing else on the machine is read (nor stdin).
 *
 * Every other input also goes through the global options parser
 * (tcas_cli_parse): exit 0 or 2, and on 0 the kept values are clean.
 *
 * Invariants: return codes as documented; on success the body is a
 * NUL-terminated JSON object that parses and validates; on failure the
 * message is one NUL-terminated line. Separately, everything after the
 * first NUL is parsed as a JSON body and validated against the action:
 * TCAS_OK or TCAS_E_PARAM with a kind and NUL-terminated field/detail.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tcas/actions.h"
#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/params.h"
#include "fuzz/check.h"

#define ARGS_MAX 64

static jsmntok_t toks[TCAS_JSON_TOKENS_MAX];
static char path[64]; /* scratch file for --cli-input-json values */

static void remove_scratch(void)
{
	unlink(path);
}

static void check_validate(const tcas_action *a, const char *js, size_t n)
{
	tcas_json doc;
	tcas_param_error pe;
	int rc;

	if (tcas_json_parse(&doc, js, n, toks, TCAS_JSON_TOKENS_MAX) != TCAS_OK)
		return;
	memset(&pe, 0x5a, sizeof pe);
	rc = tcas_params_validate(a, &doc, 0, &pe);
	CHECK(rc == TCAS_OK || rc == TCAS_E_PARAM);
	CHECK(memchr(pe.field, 0, sizeof pe.field) != NULL);
	CHECK(memchr(pe.detail, 0, sizeof pe.detail) != NULL);
	if (rc == TCAS_OK)
		CHECK(pe.kind == 0);
	else
		CHECK(pe.kind >= TCAS_PARAM_UNKNOWN &&
		      pe.kind <= TCAS_PARAM_VALUE);
	CHECK(tcas_params_validate(a, &doc, 0, NULL) == rc);
}

static void check_build(const tcas_action *a, int argc, char **argv, size_t cap)
{
	char *body = malloc(cap), msg[256];
	size_t len = (size_t)-1;
	tcas_json doc;
	int rc;

	CHECK(body != NULL);
	msg[0] = 'x';
	rc = tcas_cli_build_params(a, argc, argv, body, cap, &len, msg,
	                           sizeof msg);
	CHECK(rc == TCAS_OK || rc == TCAS_E_PARAM ||
	      rc == TCAS_E_REQ_TOO_LARGE);
	if (rc == TCAS_OK) {
		CHECK(len < cap && body[len] == '\0' && strlen(body) == len);
		CHECK(tcas_json_parse(&doc, body, len, toks,
		                      TCAS_JSON_TOKENS_MAX) == TCAS_OK);
		CHECK(tcas_json_type_of(&doc, 0) == TCAS_JSON_OBJECT);
		CHECK(tcas_params_validate(a, &doc, 0, NULL) == TCAS_OK);
	} else {
		CHECK(memchr(msg, 0, sizeof msg) != NULL);
		CHECK(msg[0] != '\0');
		CHECK(strpbrk(msg, "\r\n\x1b") == NULL);
	}
	free(body);
}

/* The global options parser over the same words (copied: it may split
 * --Name=value). Exit 0 or 2; on 0 every value kept is checked. */
static void check_options(int argc, char **argv)
{
	static tcas_cli_opts o;
	static char copy[ARGS_MAX + 1][512];
	char *av[ARGS_MAX + 2];
	int i, rc;

	av[0] = (char *)"tcas";
	for (i = 0; i < argc; i++) {
		snprintf(copy[i], sizeof copy[i], "%s", argv[i]);
		av[i + 1] = copy[i];
	}
	rc = tcas_cli_parse(&o, argc + 1, av);
	CHECK(rc == 0 || rc == TCAS_EXIT_USAGE);
	if (rc != 0)
		return;
	CHECK(o.nparams >= 0 && o.nparams <= TCAS_CLI_ARGS_MAX);
	for (i = 0; i < o.nparams; i++)
		CHECK(o.params[i] != NULL);
	CHECK(o.region == NULL || strpbrk(o.region, "\r\n\t ") == NULL);
	CHECK(o.endpoint == NULL ||
	      (o.endpoint[0] && strpbrk(o.endpoint, "\r\n") == NULL));
	CHECK(o.timeout_s >= 0 && o.timeout_s <= 86400);
	CHECK(o.retries >= -1 && o.retries <= 10);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[ARGS_MAX + 1];
	const tcas_action *a;
	uint32_t h = fuzz_hash(data, size);
	size_t off, first_len;
	int argc = 0, i;

	if (path[0] == '\0') {
		snprintf(path, sizeof path, "/tmp/tcas-fuzz-params-%ld.json",
		         (long)getpid());
		atexit(remove_scratch);
	}
	CHECK(buf != NULL);
	memcpy(buf, data, size);
	buf[size] = '\0';
	first_len = strlen(buf);
	a = tcas_as_action_find(buf);
	if (a == NULL)
		a = &tcas_as_actions[h % tcas_as_action_count];
	if (first_len < size)
		check_validate(a, buf + first_len + 1, size - first_len - 1);
	for (off = first_len + 1; off <= size && argc < ARGS_MAX;
	     off += strlen(buf + off) + 1)
		argv[argc++] = buf + off;
	argv[argc] = NULL;
	for (i = 0; i + 1 < argc; i++) {
		if (strcmp(argv[i], "--cli-input-json") == 0) {
			FILE *f = fopen(path, "wb");

			CHECK(f != NULL);
			fputs(argv[i + 1], f);
			fclose(f);
			argv[++i] = path;
		}
	}
	if (h & 1) /* (it reports usage errors on stderr: every other run) */
		check_options(argc, argv);
	/* a lone trailing --cli-input-json has no value: "-" is never given */
	check_build(a, argc, argv, TCAS_REQ_BODY_MAX);
	check_build(a, argc, argv, 1 + (h >> 8) % 64);
	free(buf);
	return 0;
}
