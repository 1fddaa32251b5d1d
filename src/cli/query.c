/*
 * JMESPath in the CLI: --filter over a response and `tcas query EXPR
 * [FILE|-]` over a saved one, through the same evaluator (tcas/jmespath.h)
 * and the same printing; contract in cli.h. All storage static: one
 * evaluator context with its arena (TCAS_JMESPATH_ARENA_SIZE) and, for
 * query, the input document (TCAS_QUERY_INPUT_MAX bytes,
 * TCAS_QUERY_TOKENS_MAX tokens).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tcas/error.h"
#include "tcas/jmespath.h"
#include "cli.h"

#if TCAS_CLI_WITH_JMESPATH

static tcas_jmespath jq;
static char input[TCAS_QUERY_INPUT_MAX];
static jsmntok_t input_tok[TCAS_QUERY_TOKENS_MAX];

/* "tcas: WHAT: <kind> error at offset N: <text>" and, for a syntax error,
 * the expression with a caret under the offset (control characters shown
 * as '?'). The arena's limit is TCAS_EXIT_LIMIT, the rest usage. */
static int jp_error(const char *what, const char *expr, int err)
{
	const char *kind = tcas_jmespath_kind(err);
	int pos = jq.err_pos, i;

	if (kind == NULL) { /* not an expression error: a bug */
		tcas_cli_fprintf(stderr, "tcas: %s: %s\n", what,
		                 tcas_strerror(err));
		return TCAS_EXIT_USAGE;
	}
	tcas_cli_fprintf(stderr, "tcas: %s: %s error at offset %d: %s\n", what,
	                 kind, pos, tcas_strerror(err));
	if (err == TCAS_E_JMESPATH_ARENA) {
		fputs("(select less, or build tcas with a larger "
		      "-DTCAS_JMESPATH_ARENA_SIZE)\n",
		      stderr);
		return TCAS_EXIT_LIMIT;
	}
	if (err != TCAS_E_JMESPATH_SYNTAX || strlen(expr) > 200)
		return TCAS_EXIT_USAGE;
	fputs("  ", stderr);
	for (i = 0; expr[i]; i++)
		fputc((unsigned char)expr[i] < 0x20 ? '?' : expr[i], stderr);
	fputs("\n  ", stderr);
	for (i = 0; i < pos; i++)
		fputc(' ', stderr);
	fputs("^\n", stderr);
	return TCAS_EXIT_USAGE;
}

int tcas_cli_filter_check(const char *expr, const char *what)
{
	int err;

	tcas_jmespath_init(&jq);
	err = tcas_jmespath_compile(&jq, expr, strlen(expr));
	return err ? jp_error(what, expr, err) : 0;
}

/* Values the evaluator built print through the text and table printers
 * as a document of their own: compact JSON laid out in the free end of
 * the arena, parsed again. */
struct tail {
	char *p;
	size_t n, cap;
};

static int tail_sink(void *ctx, const char *s, size_t n)
{
	struct tail *t = ctx;

	if (n > t->cap - t->n)
		return TCAS_E_JMESPATH_ARENA;
	memcpy(t->p + t->n, s, n);
	t->n += n;
	return 0;
}

static int print_value(const tcas_json *d, tcas_jmespath_val v, int format,
                       FILE *f)
{
	static tcas_json own;
	struct tail t;
	jsmntok_t *tok;
	size_t room;
	tcas_json_type ty = tcas_jmespath_type(&jq, v);
	int err;

	if (format == TCAS_OUT_JSON) {
		err = tcas_jmespath_print(&jq, v, 4, 0, tcas_cli_json_sink, f);
		fputc('\n', f);
		return err;
	}
	if (ty == TCAS_JSON_NULL) { /* python's None, as tccli prints it */
		fputs("None\n", f);
		return TCAS_OK;
	}
	if (tcas_jmespath_token(&jq, v) >= 0)
		return tcas_cli_print_value(d, v, format, f);
	/* the text, then its tokens, in the arena's spare end */
	t.p = tcas_jmespath_spare(&jq, &room);
	t.n = 0;
	t.cap = room;
	err =
	    tcas_jmespath_print(&jq, v, 0, TCAS_JMESPATH_STRICT, tail_sink, &t);
	if (err)
		return err;
	tok = (jsmntok_t *)(void *)(t.p + ((t.n + 15) & ~(size_t)15));
	room = (room - ((t.n + 15) & ~(size_t)15)) / sizeof *tok;
	err =
	    tcas_json_parse(&own, t.p, t.n, tok,
	                    (unsigned)(room < 0x7FFFFFFF ? room : 0x7FFFFFFF));
	if (err == TCAS_E_JSON_TOO_MANY_TOKENS)
		return TCAS_E_JMESPATH_ARENA;
	return err ? err : tcas_cli_print_value(&own, 0, format, f);
}

/* Evaluate expr over d (token root) and print. A write error is left
 * for the caller to find with ferror(). */
static int eval_print(const char *what, const char *expr, const tcas_json *d,
                      int root, int format, FILE *f)
{
	tcas_jmespath_val v;
	int err;

	tcas_jmespath_init(&jq);
	err = tcas_jmespath_compile(&jq, expr, strlen(expr));
	if (err == TCAS_OK)
		err = tcas_jmespath_eval(&jq, d, root, &v);
	if (err == TCAS_OK)
		err = print_value(d, v, format, f);
	return err && err != TCAS_E_NET_IO ? jp_error(what, expr, err) : 0;
}

int tcas_cli_print(const tcas_json *d, int root, const char *filter, int format,
                   FILE *f)
{
	if (filter == NULL)
		return tcas_cli_print_value(d, root, format, f), 0;
	return eval_print("--filter", filter, d, root, format, f);
}

/* ---- tcas help query ----------------------------------------------------- */

static const char help_text[] =
    "tcas query EXPRESSION [FILE|-]      evaluate over a saved JSON answer\n"
    "tcas ACTION ... --filter EXPRESSION evaluate over the response\n"
    "\n"
    "JMESPath (jmespath.org), with the results and errors of the python\n"
    "library tccli uses:\n"
    "  a.b  \"x y\"  a[0]  a[-1]  a[1:5]  a[::-1]  members, indexes, slices\n"
    "  a[*].b  a.*  a[].b      projections (nested ones nest; [] flattens)\n"
    "  a[?b=='x' && c > `1`]   filters: == != < <= > >=  ||  &&  !  ( )\n"
    "  [a, b]  {k: a}  a | b  @              multiselects, pipe, current\n"
    "  'raw'  `\"json\"`  `[1, 2]`  &expr      literals, expression refs\n"
    "  abs avg ceil contains ends_with floor join keys length map max\n"
    "  max_by merge min min_by not_null reverse sort sort_by starts_with\n"
    "  sum to_array to_number to_string type values       functions\n"
    "\n"
    "examples:\n"
    "  failed instances of a refresh:\n"
    "    tcas DescribeRefreshActivities --RefreshActivityIds asr-juhf6ytr \\\n"
    "      --filter \"RefreshActivitySet[0].RefreshBatchSet[]\\\n"
    ".RefreshBatchRelatedInstanceSet[?InstanceStatus=='FAILED'].InstanceId[]"
    "\"\n"
    "  instance IDs of a group, tab-separated:\n"
    "    tcas DescribeAutoScalingInstances --output text --filter \\\n"
    "      \"AutoScalingInstanceSet[?AutoScalingGroupId=='asg-h7tgd87d']"
    ".InstanceId\"\n"
    "  counts, from a saved page:\n"
    "    tcas DescribeAutoScalingInstances --Limit 100 > page.json\n"
    "    tcas query \"{all: length(AutoScalingInstanceSet), sick: length(\n"
    "      AutoScalingInstanceSet[?HealthStatus!='HEALTHY'])}\" page.json\n"
    "  newest instance: sort_by(AutoScalingInstanceSet, &AddTime)[-1]"
    ".InstanceId\n"
    "\n"
    "FILE is a regular file, or - (standard input, also when there is no\n"
    "FILE). --output json (default), text or table. A bad expression exits\n"
    "2 with its kind (syntax, invalid-type, invalid-arity, "
    "unknown-function,\ninvalid-value) and offset.\n";

void tcas_cli_help_query(FILE *f)
{
	fputs(help_text, f);
}

/* ---- tcas query ---------------------------------------------------------- */

/* Standard input into input[] (blocking is what a pipe is for). */
static int read_stdin(size_t *len)
{
	struct pollfd pfd;
	ssize_t r = 1;
	size_t n = 0;
	char extra;

	while (r > 0 || (r < 0 && (errno == EINTR || errno == EAGAIN))) {
		if (r < 0 && errno == EAGAIN) { /* a non-blocking stdin */
			pfd.fd = 0, pfd.events = POLLIN;
			poll(&pfd, 1, -1);
		}
		r = n < sizeof input ? read(0, input + n, sizeof input - n)
		                     : read(0, &extra, 1);
		if (r > 0 && n == sizeof input)
			return TCAS_E_CFG_TOO_LARGE;
		if (r > 0)
			n += (size_t)r;
	}
	*len = n;
	return r < 0 ? TCAS_E_CFG_READ : TCAS_OK;
}

/* The document into input[]: a regular file (opened without blocking, so
 * a FIFO or a device is refused at once instead of waiting for a writer),
 * or standard input ("-", or no FILE). Returns 0 or an exit code. */
static int read_doc(const char *path, size_t *len)
{
	int err;

	errno = 0;
	if (path == NULL || strcmp(path, "-") == 0) {
		path = "standard input";
		err = read_stdin(len);
	} else {
		err = tcas_cli_read_file(path, 0, input, sizeof input, len);
	}
	if (err == TCAS_OK)
		return 0;
	if (err == TCAS_E_CFG_NOT_FILE)
		tcas_cli_fprintf(stderr,
		                 "tcas: query: %s is not a regular file (use - "
		                 "and a redirection for pipes and devices)\n",
		                 path);
	else if (err == TCAS_E_CFG_TOO_LARGE)
		tcas_cli_fprintf(stderr,
		                 "tcas: query: %s is larger than "
		                 "TCAS_QUERY_INPUT_MAX (%u bytes)\n",
		                 path, (unsigned)TCAS_QUERY_INPUT_MAX);
	else
		tcas_cli_fprintf(stderr, "tcas: query: cannot read %s: %s\n",
		                 path,
		                 err == TCAS_E_CFG_NOFILE ? "no such file"
		                 : errno ? tcas_cli_errno_text(errno)
		                         : "read error");
	return err == TCAS_E_CFG_TOO_LARGE ? TCAS_EXIT_LIMIT : TCAS_EXIT_USAGE;
}

int tcas_cli_query(int argc, char **argv, const char *output)
{
	int format = tcas_cli_output_format(output ? output : "json"), err;
	tcas_json doc;
	size_t len;

	if (argc < 1 || argc > 2) {
		fputs("usage: tcas query EXPRESSION [FILE|-]   (JMESPath over "
		      "a JSON document;\n       see tcas help query)\n",
		      stderr);
		return TCAS_EXIT_USAGE;
	}
	if (format < 0) {
		tcas_cli_fprintf(stderr,
		                 "tcas: --output must be json, text or table, "
		                 "not '%s'\n",
		                 output);
		return TCAS_EXIT_USAGE;
	}
	if ((err = tcas_cli_output_built(format)) != 0)
		return err;
	if ((err = tcas_cli_filter_check(argv[0], "query")) != 0)
		return err;
	if ((err = read_doc(argc > 1 ? argv[1] : NULL, &len)) != 0)
		return err;
	err =
	    tcas_json_parse(&doc, input, len, input_tok, TCAS_QUERY_TOKENS_MAX);
	if (err == TCAS_E_JSON_TOO_MANY_TOKENS) {
		tcas_cli_fprintf(stderr,
		                 "tcas: query: the document has more than "
		                 "TCAS_QUERY_TOKENS_MAX (%u) values\n",
		                 (unsigned)TCAS_QUERY_TOKENS_MAX);
		return TCAS_EXIT_LIMIT;
	}
	if (err) {
		tcas_cli_fprintf(stderr, "tcas: query: %s is not JSON: %s\n",
		                 argc > 1 ? argv[1] : "standard input",
		                 tcas_strerror(err));
		return TCAS_EXIT_USAGE;
	}
	/* a write error: main() reports it (TCAS_EXIT_OUTPUT) */
	return eval_print("query", argv[0], &doc, 0, format, stdout);
}

#else /* !TCAS_CLI_WITH_JMESPATH: refused, saying why */

static int without(const char *what)
{
	return tcas_cli_without(what, "JMESPath", "TCAS_CLI_WITH_JMESPATH");
}

int tcas_cli_filter_check(const char *expr, const char *what)
{
	(void)expr;
	return without(what);
}

int tcas_cli_print(const tcas_json *d, int root, const char *filter, int format,
                   FILE *f)
{
	if (filter != NULL)
		return without("--filter");
	return tcas_cli_print_value(d, root, format, f), 0;
}

int tcas_cli_query(int argc, char **argv, const char *output)
{
	(void)argc;
	(void)argv;
	(void)output;
	return without("query");
}

void tcas_cli_help_query(FILE *f)
{
	fputs("tcas query and --filter (JMESPath) are " WITHOUT_TEXT(
	          "TCAS_CLI_WITH_JMESPATH") "\n",
	      f);
}

#endif /* TCAS_CLI_WITH_JMESPATH */
