/*
 * exits.c - the exit codes of tcas: one table, printed by tcas --help and,
 * tab-separated, by `tcas __exits`, from which src/gen/gen_man.sh makes the
 * README's table and the man page's EXIT STATUS. Contract in cli.h.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Every row: the code and what it means (one line of at most 70 bytes,
 * printed as is). */
static const struct {
	int code;
	const char *meaning;
} exits[] = {
    {0, "success"},
    {TCAS_EXIT_API, "the service answered an API error"},
    {TCAS_EXIT_USAGE, "usage or configuration error: arguments, parameters, "
                      "credentials"},
    {TCAS_EXIT_NET, "network, TLS or HTTP failure"},
    {TCAS_EXIT_WAIT_TIMEOUT, "wait: timed out"},
    {TCAS_EXIT_WAIT_FAILED_PAUSE, "wait: the activity paused, FAILED_PAUSE"},
    {TCAS_EXIT_WAIT_AUTO_PAUSE, "wait: the activity paused, AUTO_PAUSE"},
    {TCAS_EXIT_WAIT_MANUAL_PAUSE, "wait: the activity paused, MANUAL_PAUSE"},
    {TCAS_EXIT_WAIT_CANCELLED, "wait: the activity ended CANCELLED"},
    {TCAS_EXIT_WAIT_FAILED, "wait: the activity ended FAILED"},
    {TCAS_EXIT_WAIT_PARTIAL, "wait: the activity ended PARTIALLY_SUCCESSFUL"},
    {TCAS_EXIT_WAIT_NOT_FOUND, "wait: no such activity or group"},
    {TCAS_EXIT_LIMIT,
     "an answer too big for a buffer of tcas (stderr: which one, what to do)"},
    {TCAS_EXIT_OUTPUT,
     "stdout could not be written (stderr: whether the call was applied)"},
};

void tcas_cli_print_exits(FILE *f, int tabs, const char *only)
{
	size_t i, n = only ? strlen(only) : 0;

	for (i = 0; i < sizeof exits / sizeof exits[0]; i++)
		if (strncmp(exits[i].meaning, only ? only : "", n) == 0)
			tcas_cli_fprintf(f, tabs ? "%d\t%s\n" : "  %-4d %s\n",
			                 exits[i].code, exits[i].meaning);
}

int tcas_cli_without(const char *what, const char *part, const char *sw)
{
	/* the CLI's printf subset: fprintf() would link musl's vfprintf
	 * (about 11 KB in the static build) */
	tcas_cli_fprintf(stderr,
	                 "tcas: %s: this tcas is built without %s (%s=0)\n",
	                 what, part, sw);
	return TCAS_EXIT_USAGE;
}
