/*
 * cli.h - private interfaces of the tcas command-line tool (src/cli/).
 * Not installed; the library never includes it.
 */
#ifndef TCAS_CLI_H
#define TCAS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/creds.h"
#include "tcas/json.h"

/*
 * Build the JSON request body of action `a` from tccli-style arguments.
 * argv[0..argc) holds only the action's parameters, e.g.
 *   --MaxSize 3 --InstanceIds ins-1 ins-2
 *   --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":1}}'
 *   --cli-input-json params.json        (or - for stdin)
 *
 * Rules:
 *  - Parameter names match exactly (case-sensitive), as in tccli; each
 *    may be given once.
 *  - Scalars take exactly one value: integers are checked against
 *    int64/uint64 and written as JSON numbers, floats must be JSON number
 *    text, booleans are "true" or "false", strings and date-times are
 *    copied as given (date-times are checked by tcas_params_validate()).
 *  - Lists take every following argument up to the next one that starts
 *    with "--", each converted as above; or one argument that is a JSON
 *    array text (starts with '['), e.g. '[]' for an empty list.
 *  - Objects and lists of objects take one argument of JSON text.
 *  - --cli-input-json FILE|- reads a JSON object of parameters (at most
 *    TCAS_REQ_BODY_MAX bytes) into a static buffer. Explicit parameters
 *    override members of the same name from the file (whole values, no
 *    deep merge); file members come first in the body, in file order.
 *  - The built body is parsed again and checked with
 *    tcas_params_validate(), so required parameters, nested members and
 *    date-times are checked in one place.
 * Not reentrant: uses static buffers for the file and the JSON tokens.
 *
 * On success writes the JSON object into body[0..cap) (NUL-terminated
 * when room is left), its length into *len, and returns TCAS_OK.
 * On failure writes one line (no newline) into msg[0..msgcap) and returns
 *  TCAS_E_PARAM          usage error: unknown/repeated parameter, bad
 *                        value, bad JSON text, missing required parameter,
 *                        unreadable or invalid --cli-input-json file.
 *  TCAS_E_REQ_TOO_LARGE  the body does not fit cap bytes, or the
 *                        --cli-input-json file exceeds TCAS_REQ_BODY_MAX.
 *  TCAS_E_ARG            a, body or len NULL.
 */
int tcas_cli_build_params(const tcas_action *a, int argc, char **argv,
                          char *body, size_t cap, size_t *len, char *msg,
                          size_t msgcap);

/*
 * For --service calls: a JSON object from --Name value pairs (a value that
 * parses as JSON is inserted as it is, anything else as a string) and
 * --cli-input-json FILE|- members, in argument order, without any check
 * against a spec. Same return codes and messages as above.
 */
int tcas_cli_build_raw(int argc, char **argv, char *body, size_t cap,
                       size_t *len, char *msg, size_t msgcap);

/* ---- output.c: --output and --filter ------------------------------------- */

enum { TCAS_OUT_JSON, TCAS_OUT_TEXT, TCAS_OUT_TABLE };

/* "json", "text", "table" -> TCAS_OUT_*, else -1. */
int tcas_cli_output_format(const char *s);

/*
 * Print the value at token tok of d to f as format says:
 *  json   4-space indented JSON (tccli's layout)
 *  text   tab-separated: a scalar on its line; an array of scalars on one
 *         line; an object's scalar members on one line (prefixed by the
 *         upper-cased member name when nested), then each nested array or
 *         object the same way
 *  table  arrays of objects as bordered tables (one column per member,
 *         nested values as compact JSON), an object as a key/value table
 *         followed by a table per array-of-objects member; columns are
 *         narrowed (cut with '~') to fit $COLUMNS, else the terminal
 *         width, else no limit when stdout is not a terminal
 * Control characters in values print as '?'. Returns TCAS_OK or the
 * output error of the JSON printer.
 */
int tcas_cli_print_value(const tcas_json *d, int tok, int format, FILE *f);

/* ---- query.c: --filter and tcas query (JMESPath, tcas/jmespath.h) -------- */

/* Compile a JMESPath expression before anything is sent; on an error
 * print "tcas: WHAT: <kind> error at offset N" (and the expression with a
 * caret under the offset for a syntax error) and return TCAS_EXIT_USAGE;
 * else 0. */
int tcas_cli_filter_check(const char *expr, const char *what);

/*
 * Print the value at token root of d, selected by the JMESPath expression
 * filter (NULL: all of it), to f as tcas_cli_print_value() does; values
 * the expression builds print the same way, and null prints "null"
 * (json) or "None" (text, table), as tccli prints them. Returns 0,
 * TCAS_EXIT_USAGE after printing an expression error (its kind and
 * offset: invalid-type, ...; arena-full names TCAS_JMESPATH_ARENA_SIZE),
 * or TCAS_EXIT_NET when the output cannot be written.
 */
int tcas_cli_print(const tcas_json *d, int root, const char *filter, int format,
                   FILE *f);

/* tcas query EXPR [FILE|-]: argv[0] the expression, argv[1] the file
 * (standard input when absent or "-"; anything but a regular file is
 * refused without blocking; at most TCAS_QUERY_INPUT_MAX bytes and
 * TCAS_QUERY_TOKENS_MAX values); output "json" (NULL), "text" or
 * "table". Returns the exit code: 0, TCAS_EXIT_USAGE (arguments, input,
 * expression errors with kind and offset), TCAS_EXIT_NET (output). */
int tcas_cli_query(int argc, char **argv, const char *output);

/* tcas help query (and help filter): the language and examples. */
void tcas_cli_help_query(FILE *f);

/* ---- sysio.c: credentials from the system; tcas configure ---------------- */

/* getenv(), files (credential files refused when their mode has any of
 * 077, the mode kept for tcas_cli_refused_mode()), and the metadata
 * service at http://metadata.tencentyun.com (or $TCAS_METADATA_ENDPOINT =
 * http://host:port) with a 1 s timeout per step. */
extern const tcas_cfg_io tcas_cli_io;
unsigned tcas_cli_refused_mode(void);

typedef struct tcas_cli_conf {
	const char *profile, *secret_id, *secret_key, *token;
	const char *region, *output, *endpoint;
} tcas_cli_conf;

/* Write ~/.tccli/PROFILE.credential and .configure (mode 0600, directory
 * 0700, through a temporary file and rename), asking on the terminal for
 * what in leaves NULL. Returns the exit code (0, or 2 with a message). */
int tcas_cli_configure(const tcas_cli_conf *in);

/* ---- as_docs.c (generated by src/gen/gen_docs.py) ------------------------ */

/* The first sentence of the spec's description (UTF-8, Chinese as the
 * service publishes it) of member `member` of tcas_as_actions[action]'s
 * request, or of tcas_as_structs[s]; indexes as in the tables. "" when the
 * spec has no text; NULL when an index is out of range. The texts are
 * stored Huffman-coded (7 KB instead of 16 KB); the answer is decoded into
 * a static buffer that the next call of either function overwrites.
 * Only the CLI links these texts; libtcas.a stays without them. */
const char *tcas_cli_action_doc(size_t action, size_t member);
const char *tcas_cli_struct_doc(size_t s, size_t member);

/* The English note of the same member: its known values or filter names,
 * "" when it has none; NULL when an index is out of range. Decoded into a
 * static buffer (not the one above) that the next call overwrites. */
const char *tcas_cli_action_note(size_t action, size_t member);
const char *tcas_cli_struct_note(size_t s, size_t member);

/* What tcas_as_actions[action] does, one English line (a static buffer of
 * its own, overwritten by the next call), and its group (static storage,
 * equal pointers for equal groups); NULL when action is out of range. */
const char *tcas_cli_action_purpose(size_t action);
const char *tcas_cli_action_group(size_t action);

/* ---- help.c -------------------------------------------------------------- */

/* The actions by group, one line each. */
void tcas_cli_list_actions(FILE *f);
/* One action (an entry of tcas_as_actions): purpose, group, rate limit,
 * every parameter (nested members too) with type, required/optional and
 * its one-line description (the spec's first sentence, then the English
 * note of known values or filter names when it has one). */
void tcas_cli_help_action(const tcas_action *a, FILE *f);
/* The request object with every parameter, zero values, 4-space JSON:
 * the input of --cli-input-json. TCAS_OK or an internal/size error. */
int tcas_cli_skeleton(const tcas_action *a, FILE *f);
/* `tcas completion bash`: a bash completion script with the action names
 * from the table; parameter names come from `tcas __params ACTION`, which
 * tcas_cli_param_names() answers (one --Name a line; 2 if no action). */
void tcas_cli_completion(FILE *f);
int tcas_cli_param_names(const char *action, FILE *f);

/* ---- exit codes (documented in tcas --help) ------------------------------ */

#define TCAS_EXIT_API               1
#define TCAS_EXIT_USAGE             2
#define TCAS_EXIT_NET               3
#define TCAS_EXIT_WAIT_TIMEOUT      4
#define TCAS_EXIT_WAIT_FAILED_PAUSE 5
#define TCAS_EXIT_WAIT_AUTO_PAUSE   6
#define TCAS_EXIT_WAIT_MANUAL_PAUSE 7
#define TCAS_EXIT_WAIT_CANCELLED    8
#define TCAS_EXIT_WAIT_FAILED       9
#define TCAS_EXIT_WAIT_PARTIAL      10
#define TCAS_EXIT_WAIT_NOT_FOUND    11

/* ---- main.c: the configured client --------------------------------------- */

/* Load credentials and settings and set up the client (once). Returns 0
 * or an exit code after printing why. */
int tcas_cli_setup(void);

/* One call with the configured client. 0 with *r filled (valid until the
 * next call), or an exit code after printing the failure. */
int tcas_cli_call(const char *action, const char *body, size_t len,
                  tcas_result *r);

/* ---- wait.c -------------------------------------------------------------- */

/* tcas wait WAITER --Param value ...: argv[0] is the waiter. Polls every
 * interval_s seconds until the outcome, at most timeout_s seconds.
 * Progress on stderr (one live line on a terminal, a line per change
 * otherwise), the final status on stdout. Exit codes: 0 SUCCESSFUL,
 * TCAS_EXIT_WAIT_* for the other outcomes, 1/2/3 as for calls. */
int tcas_cli_wait(int argc, char **argv, long timeout_s, long interval_s);

/* The same with the arguments parsed (group may be NULL). */
int tcas_cli_wait_for(const char *waiter, const char *id, const char *group,
                      long timeout_s, long interval_s);

/* ---- fmt.c: printing ----------------------------------------------------- */

/*
 * The CLI prints with these instead of the C library's printf family, so a
 * static build links no vfprintf. They accept what tcas uses: %s, %d, %u,
 * %o (with l for long), %%, the flags - and 0, a width (digits or *) and
 * a precision for %s (digits or *). A NULL %s prints "(null)"; any other
 * conversion is printed as it stands. snprintf semantics: at most cap - 1
 * bytes and a NUL when cap > 0; returns the length the whole text has
 * (compare it with cap to detect a cut). fprintf returns the bytes
 * printed, or -1 on a write error.
 */
#if defined __GNUC__ || defined __clang__
#define TCAS_CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TCAS_CLI_PRINTF(f, a)
#endif
#include <stdarg.h>
int tcas_cli_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
    TCAS_CLI_PRINTF(3, 0);
int tcas_cli_snprintf(char *buf, size_t cap, const char *fmt, ...)
    TCAS_CLI_PRINTF(3, 4);
int tcas_cli_fprintf(FILE *f, const char *fmt, ...) TCAS_CLI_PRINTF(2, 3);

#endif /* TCAS_CLI_H */
