/*
 * cli.h - private interfaces of the tcas command-line tool (src/cli/).
 * Not installed; the library never includes it.
 */
#ifndef TCAS_CLI_H
#define TCAS_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/creds.h"
#include "tcas/json.h"

/* ---- options.c: the global options --------------------------------------- */

#define TCAS_CLI_ARGS_MAX       512 /* action parameters and their values */
#define TCAS_CLI_SYSTEM_CA_FILE "/etc/ssl/certs/ca-certificates.crt"

/* What the command line says. Strings point into argv (or, for secrets
 * read from stdin or a file, into static storage); numbers are 0 when not
 * given (retries: -1). */
typedef struct tcas_cli_opts {
	const char *region, *endpoint, *ca_file, *proxy, *profile;
	const char *secret_id, *secret_key, *token, *output, *filter;
	const char *service, *api_version;
	char *input_json;
	long long timeout_s, interval_s, retries, timestamp;
	int dry_run, help, version, use_cvm_role, skeleton, wait, debug;
	int unfold;
	int service_word;   /* "tcas as <Action>" */
	const char *action; /* the first word that is not an option */
	int nparams;        /* params[0..nparams): the rest, in order */
	char *params[TCAS_CLI_ARGS_MAX];
} tcas_cli_opts;

enum { TCAS_CLI_OPT_FLAG, TCAS_CLI_OPT_TEXT, TCAS_CLI_OPT_NUMBER };

/* What a text value may be (every one: no control characters). */
enum {
	TCAS_CLI_RULE_TEXT,     /* not empty */
	TCAS_CLI_RULE_EMPTY_OK, /* "" allowed (--proxy "" = none) */
	TCAS_CLI_RULE_NAME,     /* letters, digits, '-', '_', '.' */
	TCAS_CLI_RULE_SECRET,   /* as TEXT; "-" and file://PATH resolved
	                         * later by tcas_cli_read_secrets() */
	TCAS_CLI_RULE_CHOICE,   /* one of the completion words */
	TCAS_CLI_RULE_DATE      /* YYYY-MM-DD */
};

typedef struct tcas_cli_option {
	const char *name;   /* without "--" */
	const char *arg;    /* placeholder of the value; NULL: a flag */
	unsigned short off; /* offsetof its field in tcas_cli_opts */
	unsigned char kind; /* TCAS_CLI_OPT_* */
	unsigned char rule; /* TCAS_CLI_RULE_* (text values) */
	long long min, max; /* numbers */
	const char *values; /* completion: words, or "@files", "@profiles" */
	const char *help;   /* description: one paragraph */
} tcas_cli_option;

extern const tcas_cli_option tcas_cli_options[];
extern const size_t tcas_cli_option_count;

/* Split argv: global options (lower-case --name value or --name=value,
 * anywhere), -h, an optional "as" service word, the action, and the rest
 * in params (API parameters, with --Name=value split in two). Values are
 * checked here: empty or control characters are usage errors naming the
 * option, numbers must be in range. Returns 0 or an exit code after
 * printing why. */
int tcas_cli_parse(tcas_cli_opts *o, int argc, char **argv);

/* The option spelled name[0..len), or NULL. */
const tcas_cli_option *tcas_cli_option_find(const char *name, size_t len);

/* A name as regions, services and profiles are: letters, digits, '-', '_'
 * and '.', at least one. */
int tcas_cli_is_name(const char *s);

/* Decimal text to min..max: 0, or -1 (not a number, out of range). */
int tcas_cli_parse_number(const char *s, long long min, long long max,
                          long long *out);

/* The name in a table of n rows of stride bytes, each starting with a
 * const char * name, closest to name by tcas_edit_distance() when it is a
 * plausible typo; NULL otherwise (and for an exact match). */
const char *tcas_cli_closest(const char *name, const void *table, size_t n,
                             size_t stride);

/* The option list of tcas --help. */
void tcas_cli_print_options(FILE *f);

/* The help's words for an optional part this build lacks (sw: its
 * TCAS_CLI_WITH_* switch); tcas_cli_without() is the refusal itself. */
#define WITHOUT_TEXT(sw) "not in this build (" sw "=0): refused with exit 2"

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
/* 0 when this build prints format (a TCAS_OUT_*); for table output in a
 * build without it (TCAS_CLI_WITH_TABLE 0) the refusal on stderr and
 * TCAS_EXIT_USAGE. The calls' and tcas query's one check. */
int tcas_cli_output_built(int format);

/*
 * Print the value at token tok of d to f as format says:
 *  json   4-space indented JSON (tccli's layout)
 *  text   tab-separated: a scalar on its line; an array of scalars on one
 *         line; an object's scalar members on one line (prefixed by the
 *         upper-cased member name when nested), then each nested array or
 *         object the same way
 *  table  see tcas_cli_table() (other values as text)
 * Text and tables show server strings cleaned (tcas_cli_clean()); JSON
 * escapes what a terminal would act on (tcas_cli_json_sink()). Returns
 * TCAS_OK or the output error of the JSON printer.
 */
int tcas_cli_print_value(const tcas_json *d, int tok, int format, FILE *f);

/* ---- query.c: --filter and tcas query (JMESPath, tcas/jmespath.h) -------- */

/* Compile a JMESPath expression before anything is sent; on an error
 * print "tcas: WHAT: <kind> error at offset N" (and the expression with a
 * caret under the offset for a syntax error) and return the exit code
 * (TCAS_EXIT_USAGE; TCAS_EXIT_LIMIT for the arena); else 0. */
int tcas_cli_filter_check(const char *expr, const char *what);

/*
 * Print the value at token root of d, selected by the JMESPath expression
 * filter (NULL: all of it), to f as tcas_cli_print_value() does; values
 * the expression builds print the same way, and null prints "null"
 * (json) or "None" (text, table), as tccli prints them. Returns 0 (a
 * write error is left for ferror(f)), or after printing an expression
 * error (its kind and offset: syntax, invalid-type, ...) TCAS_EXIT_USAGE,
 * or TCAS_EXIT_LIMIT when the values outgrow TCAS_JMESPATH_ARENA_SIZE.
 */
int tcas_cli_print(const tcas_json *d, int root, const char *filter, int format,
                   FILE *f);

/* tcas query EXPR [FILE|-]: argv[0] the expression, argv[1] the file
 * (standard input when absent or "-"; anything but a regular file is
 * refused without blocking); output "json" (NULL), "text" or "table".
 * Returns the exit code: 0 (a write error is left for ferror(stdout)),
 * TCAS_EXIT_USAGE (arguments, unreadable or invalid input, expression
 * errors with kind and offset), TCAS_EXIT_LIMIT (more than
 * TCAS_QUERY_INPUT_MAX bytes or TCAS_QUERY_TOKENS_MAX values, or the
 * arena). */
int tcas_cli_query(int argc, char **argv, const char *output);

/* tcas help query (and help filter): the language and examples. */
void tcas_cli_help_query(FILE *f);

/* ---- table.c: --output table --------------------------------------------- */

/*
 * Value t as tables, if it is an object or an array of objects (returns
 * 1; else 0 and prints nothing): an array of objects as a bordered table
 * with a column per member name (tcas_cli_table_rows(), on rows[0..n)),
 * an object as a key/value table followed by a table per
 * array-of-objects member. Tables fit $COLUMNS, else the terminal, else
 * (stdout not a terminal) have no limit: columns narrow down to 8
 * characters and their cells wrap onto more lines, breaking after a
 * space or a comma where one is near; when even that is too wide, the
 * columns that identify a row (names ending in Id, Name, Status, State,
 * Code, Key) are kept first and the others left out, named in a line
 * under the table. Nested values read as text: lists "a, b", objects
 * "{Name=value, ...}", tags "key=value"; a cell is cut at 1 KB ("...").
 * Wide (CJK) characters count two columns.
 */
int tcas_cli_table(const tcas_json *d, int t, FILE *f);
void tcas_cli_table_rows(const tcas_json *d, const int *rows, int n, FILE *f);

/* ---- clean.c: server text made harmless ---------------------------------- */

/* Replace in place, by '?', every character that could drive a terminal
 * or split a line or a field: C0 controls (tab and newline too), DEL, C1
 * controls (U+0080-U+009F), bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069), U+2028/9 and bytes that are not
 * well-formed UTF-8. Returns the new length. */
size_t tcas_cli_clean(char *s);

/* errno e in words (the usual file and pipe errors; others by number),
 * without the C library's strerror() table. "write error" for 0. */
const char *tcas_cli_errno_text(int e);

/* Print s to f cleaned as above. */
void tcas_cli_put_clean(FILE *f, const char *s);

/* A tcas_json_sink (ctx: the FILE) for JSON text from the JSON reader:
 * writes it with the harmful code points above that are valid inside
 * JSON strings (DEL, C1, bidirectional controls, U+2028/9) escaped as
 * \uXXXX, so the values stay equal to what the server sent. */
int tcas_cli_json_sink(void *ctx, const char *s, size_t n);

/* ---- sysio.c: the system: files, the metadata service, secrets ---------- */

/* The whole file at path into buf[0..cap), *len: opened without blocking
 * (a FIFO cannot hang the open), refused unless a regular file, and, when
 * secret, refused when group or others may read it (the mode kept for
 * tcas_cli_refused_mode()). TCAS_OK, TCAS_E_CFG_NOFILE, _NOT_FILE, _PERM,
 * _TOO_LARGE, _READ. */
int tcas_cli_read_file(const char *path, int secret, char *buf, size_t cap,
                       size_t *len);
unsigned tcas_cli_refused_mode(void);

/* The tcas_cfg_io of the system for loading cfg: getenv(), the files as
 * above, and the metadata service at http://metadata.tencentyun.com (or
 * $TCAS_METADATA_ENDPOINT = http://host:port), each step within 1 s and
 * the whole exchange within cfg->timeout_ms from this call (the call's
 * total deadline: tcas_cli_sys_io_elapsed_ms() tells what is spent, and
 * *expired whether the deadline ended the exchange). offline: the
 * metadata service is never contacted (--dry-run). */
const tcas_cfg_io *tcas_cli_sys_io(const tcas_cfg *cfg, int offline);
uint32_t tcas_cli_sys_io_elapsed_ms(const tcas_cfg_io *io, int *expired);

/* One line of stdin into buf[0..cap) (newline dropped), with a prompt on
 * stderr and no echo when hidden, on a terminal. 0, or -1 when the line
 * holds a NUL or does not fit (buf holds what did). */
int tcas_cli_read_line(const char *prompt, int hidden, char *buf, size_t cap);

/* A secret value *v given for option name: "-" reads a line of stdin
 * (once per process: *stdin_used counts), "file://PATH" a file (regular,
 * not readable by group or others; one trailing newline dropped), any
 * other text is copied out of argv, which is overwritten so the process
 * list no longer shows it. *v then points to buf. 0 or an exit code. */
int tcas_cli_secret_value(const char *name, const char **v, char *buf,
                          size_t cap, int *stdin_used);

/* The three secret options of o resolved as above (--cli-input-json -
 * counts as a use of stdin). 0 or an exit code. */
int tcas_cli_read_secrets(tcas_cli_opts *o);

/* No core dumps and no ptrace by the same user while secrets are held
 * (PR_SET_DUMPABLE 0 on Linux, RLIMIT_CORE 0). */
void tcas_cli_harden(void);

/* ---- configure.c: tcas configure [set ... | get ... | list] -------------- */

/* o->params: nothing (ask for what the options leave out), or "set" KEY
 * VALUE..., "get" KEY..., "list". Returns the exit code (0, or 2 with a
 * message). */
int tcas_cli_configure(const tcas_cli_opts *o);

/* ---- as_docs.c: English help texts and value sets ------------------------ */

/*
 * The help texts are composed by src/gen/gen_docs.py from the spec's facts
 * and stored Huffman-coded in src/cli/as_docs_gen.c; only the CLI links
 * them. Members belong to owners (layout in as_docs.h): action i's request
 * is owner i, tcas_as_structs[s] is owner TCAS_DOC_ACTIONS + s, action i's
 * response is TCAS_DOC_FIRST_RESP + i; j indexes an owner's members in
 * spec order. Texts are ASCII, one line each, decoded into a static buffer
 * per function that the function's next call overwrites. NULL means "no
 * such member" (or, with TCAS_CLI_HELP=short, a response member).
 */
typedef struct tcas_cli_doc_info {
	const char *name; /* static; a response member's is overwritten by
	                   * the next call */
	int type;         /* tcas_type */
	int is_list;
	int required;    /* request members only */
	unsigned object; /* TCAS_T_OBJECT: the owner of its members */
} tcas_cli_doc_info;

/* The owner of the request members of a (an entry of tcas_as_actions),
 * or TCAS_DOC_OWNERS (no owner: nothing is described) for any other
 * tcas_action. */
unsigned tcas_cli_doc_owner_of(const tcas_action *a);
/* Members of an owner (0 when out of range). */
unsigned tcas_cli_doc_members(unsigned owner);
/* Name and type of member j of owner: 0, or -1 when there is none. */
int tcas_cli_doc_member(unsigned owner, unsigned j, tcas_cli_doc_info *out);
/* The name of a structure owner ("object" for others). */
const char *tcas_cli_doc_owner_name(unsigned owner);
/* What the member is, with unit, range and default. */
const char *tcas_cli_doc_brief(unsigned owner, unsigned j);
/* Further facts (limits, excluded members, where the value comes from,
 * example): "" when none, always "" in the short help. */
const char *tcas_cli_doc_more(unsigned owner, unsigned j);
/* The member's valid values, '|'-separated, or NULL when it has no value
 * set; *checked (may be NULL) says whether the CLI refuses other values. */
const char *tcas_cli_doc_values(unsigned owner, unsigned j, int *checked);
/* The meanings of those values in the same order, '|'-separated (an
 * empty field when unknown); NULL without a set or in the short help. */
const char *tcas_cli_doc_meanings(unsigned owner, unsigned j);
/* The field that starts at p in such a '|'-separated list: its length in
 * *n; returns where the next field starts, or NULL after the last one:
 *   for (v = list; v != NULL; v = next) { next = tcas_cli_doc_field(v,
 *   &n); ... v[0..n) ... } */
const char *tcas_cli_doc_field(const char *p, size_t *n);

/* What tcas_as_actions[action] does (one line), its group (static
 * storage, equal pointers for equal groups) and the URL of its page in the
 * international site's API reference (its API Explorer page when none is
 * known; a static buffer the next call overwrites); NULL when out of
 * range. */
const char *tcas_cli_action_purpose(size_t action);
const char *tcas_cli_action_group(size_t action);
const char *tcas_cli_action_page(size_t action);

/* ---- help.c -------------------------------------------------------------- */

/* The actions by group, one line each. */
void tcas_cli_list_actions(FILE *f);
/* One action (an entry of tcas_as_actions): purpose, group, rate limit,
 * reference page, every parameter (nested members too) with type,
 * required/optional, description (unit, range, default), values and (full
 * help) their meanings and further facts; then (full help) the response
 * members the same way. Wrapped at 79 columns. */
void tcas_cli_help_action(const tcas_action *a, FILE *f);

/* ---- skeleton.c ---------------------------------------------------------- */

/*
 * --generate-cli-skeleton: the request object of action a with every
 * parameter (nested members too), 4-space JSON, the input of
 * --cli-input-json. Each value is a placeholder, a string that says what
 * to write there: "<string>", "<integer>", "<number>", "<true|false>",
 * "<YYYY-MM-DDThh:mm:ssZ>", or the valid values "<RETRY|CONTINUE>";
 * ", required" inside the brackets marks a required member; lists hold
 * one element, objects their members. TCAS_OK or an internal/size error.
 */
int tcas_cli_skeleton(const tcas_action *a, FILE *f);

/*
 * Drop the unfilled placeholders from the JSON object body[0..*len) of
 * action a, so that a skeleton with only some members filled can be sent
 * as it is. A placeholder is a string value equal to exactly what
 * tcas_cli_skeleton() writes for that member (other strings, even in
 * angle brackets, are values). A member whose value is a placeholder is
 * dropped, so is an element of a list, a list or an object left empty by
 * that (a [] or {} as written stays). A required member dropped is then
 * reported missing by the validator. When something is dropped, rewrites
 * body compactly and updates *len (never longer); leaves it byte for byte
 * as it is when nothing is, when it is not a JSON object of
 * at most TCAS_REQ_BODY_MAX bytes or holds a member unknown to the spec
 * (the validator's to report). Uses static scratch; not reentrant.
 * Returns TCAS_OK.
 */
int tcas_cli_drop_placeholders(const tcas_action *a, char *body, size_t *len);

/* ---- values.c ------------------------------------------------------------ */

/*
 * Check every string of the object at token obj of doc (a request body of
 * action a, nested members and list elements too) whose member has a
 * checked value set (the sets of the generated help tables: valid values
 * read from the spec) against that set, exactly (case matters, as on the
 * server; blanks around the value are ignored, as by the server). TCAS_OK;
 * TCAS_E_PARAM with one line in msg[0..msgcap) naming the member's path, the
 * value, the closest valid value when one is close (equal but for case, or a
 * plausible typo) and all of them:
 *   --ResumeMode: 'retry' is not a valid value; did you mean RETRY?
 *   (values: RETRY, CONTINUE)
 * TCAS_E_ARG when a or doc is NULL or obj is not an object. Members unknown
 * to the spec and values of the wrong type are left to
 * tcas_params_validate().
 */
int tcas_cli_check_values(const tcas_action *a, const tcas_json *doc, int obj,
                          char *msg, size_t msgcap);

/* ---- completion.c -------------------------------------------------------- */

/* `tcas completion bash` (argv: the words after completion; else a usage
 * error, 2): a bash completion script with the global options
 * (names and values from their table), the action and waiter names, help
 * <Action>, configure's keys; parameter names come from `tcas __params
 * ACTION`, which tcas_cli_param_names() answers (one --Name a line; 2 if
 * no such action), their values from `tcas __values ACTION PARAM`
 * (tcas_cli_param_values(): one value a line, none when the parameter has
 * no known set; 2 if no such action or parameter). */
int tcas_cli_completion(int argc, char **argv, FILE *f);
int tcas_cli_param_names(const char *action, FILE *f);
int tcas_cli_param_values(const char *action, const char *param, FILE *f);

/* `tcas __options`: the option table, one option a line: --name, TAB, the
 * value placeholder, TAB, the description on one line (for generators of
 * documentation). */
void tcas_cli_print_option_table(FILE *f);

/* ---- exits.c: the exit codes --------------------------------------------- */

/* Each code has a row in exits.c, whose text tcas --help, the README and
 * the man page print. */

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
#define TCAS_EXIT_LIMIT             12 /* a buffer of tcas is too small */
#define TCAS_EXIT_OUTPUT            13 /* stdout could not be written */

/* The codes and their meanings, one a line: "  CODE MEANING" for the help
 * (tabs 0), "CODE<TAB>MEANING" for `tcas __exits` (tabs 1); only those
 * whose meaning starts with only ("wait:"), unless it is NULL. */
void tcas_cli_print_exits(FILE *f, int tabs, const char *only);

/* A part of the command this build leaves out (TCAS_CLI_WITH_<PART> is 0,
 * tcas/config.h), asked for by what ("--output table", "configure"):
 * "tcas: WHAT: this tcas is built without PART (SWITCH=0)" on stderr;
 * returns TCAS_EXIT_USAGE. Every caller refuses before sending anything. */
int tcas_cli_without(const char *what, const char *part, const char *sw);

/* ---- config.c: the configured client ------------------------------------ */

/* Load credentials and settings for o and set up the client (once; o must
 * stay valid). Returns 0 or an exit code after printing why. */
int tcas_cli_setup(tcas_cli_opts *o);

/* The output format (TCAS_OUT_*) after tcas_cli_setup(). */
int tcas_cli_format(void);

/* One call with the configured client. 0 with *r filled (valid until the
 * next call), or an exit code after printing the failure. */
int tcas_cli_call(const char *action, const char *body, size_t len,
                  tcas_result *r);

/* The same in two steps: the call (TCAS_OK or its error), and the report
 * of an error on stderr (its exit code; 0 for TCAS_OK). */
int tcas_cli_call_raw(const char *action, const char *body, size_t len,
                      tcas_result *r);
int tcas_cli_report(int err, const tcas_result *r);

/* The total deadline of the next calls, and what it is now. */
void tcas_cli_call_timeout(uint32_t ms);
uint32_t tcas_cli_call_timeout_of(void);

/* --dry-run: sign the call and print the request (the session token
 * replaced); sends nothing. 0 or an exit code. */
int tcas_cli_dry_run(const char *action, const char *body, size_t len);

/* Close the connection. */
void tcas_cli_close(void);

/* ---- wait.c -------------------------------------------------------------- */

/* tcas wait WAITER --Param value ...: argv[0] is the waiter. Polls every
 * interval_s seconds until the outcome, at most timeout_s seconds.
 * Progress on stderr (one live line on a terminal, a line per change
 * otherwise), the final status on stdout. Exit codes: 0 SUCCESSFUL,
 * TCAS_EXIT_WAIT_* for the other outcomes, 1/2/3 as for calls. */
int tcas_cli_wait(tcas_cli_opts *o, int argc, char **argv, long timeout_s,
                  long interval_s);

/* The same with the arguments parsed (group may be NULL) and the client
 * set up. Every poll's total deadline is capped by what is left of the
 * wait, so the wait ends on time (TCAS_EXIT_WAIT_TIMEOUT). quiet (for
 * --wait): the outcome goes to stderr too, leaving stdout to the call.
 * Only in a build with the waiters (TCAS_CLI_WITH_WAIT). */
int tcas_cli_wait_for(const char *waiter, const char *id, const char *group,
                      long timeout_s, long interval_s, int quiet);

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
