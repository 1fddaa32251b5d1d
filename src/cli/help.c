/* tcas help, tcas help <Action>, --generate-cli-skeleton; contract in
 * cli.h. */
#include <stdio.h>
#include <string.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/jsonw.h"
#include "as_docs.h"
#include "cli.h"

#define GROUPS_MAX 32

/* The commands besides the actions, as this build has them
 * (TCAS_CLI_WITH_<PART>). */
#if TCAS_CLI_WITH_CONFIGURE
#define OTHER_CONFIGURE "  tcas configure           credentials and settings\n"
#else
#define OTHER_CONFIGURE ""
#endif
#if TCAS_CLI_WITH_WAIT
#define OTHER_WAIT                                                             \
	"  tcas wait <waiter>       until a refresh or activity ends (tcas "   \
	"help wait)\n"
#else
#define OTHER_WAIT ""
#endif
#if TCAS_CLI_WITH_JMESPATH
#define OTHER_QUERY                                                            \
	"  tcas query EXPR [FILE]   JMESPath over a saved answer (tcas help "  \
	"query)\n"
#else
#define OTHER_QUERY ""
#endif
#if TCAS_CLI_WITH_COMPLETION
#define OTHER_COMPLETION "  tcas completion bash     bash completion\n"
#else
#define OTHER_COMPLETION ""
#endif
#define OTHER_ALL OTHER_CONFIGURE OTHER_WAIT OTHER_QUERY OTHER_COMPLETION
static const char other_commands[] =
    "\nother commands (tcas --help: the options and exit codes):\n" OTHER_ALL;

void tcas_cli_list_actions(FILE *f)
{
	const char *groups[GROUPS_MAX];
	size_t i, g, ng = 0;

	for (i = 0; i < tcas_as_action_count; i++) {
		const char *group = tcas_cli_action_group(i);

		for (g = 0; g < ng; g++)
			if (groups[g] == group)
				break;
		if (g == ng && ng < GROUPS_MAX)
			groups[ng++] = group;
	}
	fputs("Auto Scaling actions (version " TCAS_AS_VERSION "), by group; "
	      "tcas help <Action> for parameters:\n",
	      f);
	for (g = 0; g < ng; g++) {
		tcas_cli_fprintf(f, "\n%s:\n", groups[g]);
		for (i = 0; i < tcas_as_action_count; i++) {
			const tcas_action *a = &tcas_as_actions[i];

			if (tcas_cli_action_group(i) != groups[g])
				continue;
			tcas_cli_fprintf(f, "  %-38s %s%s\n", a->name,
			                 a->deprecated ? "(deprecated) " : "",
			                 tcas_cli_action_purpose(i));
		}
	}
	if (sizeof OTHER_ALL > 1) /* "" when the build has none */
		fputs(other_commands, f);
}

#define WIDTH     79 /* columns of the help text */
#define NAME_COLS 40 /* the name column, indent included */

static const char *type_name(int type, unsigned object)
{
	switch (type) {
	case TCAS_T_STRING:
		return "string";
	case TCAS_T_INT:
		return "integer";
	case TCAS_T_UINT:
		return "uint";
	case TCAS_T_BOOL:
		return "bool";
	case TCAS_T_FLOAT:
		return "float";
	case TCAS_T_DATETIME:
		return "datetime";
	default:
		return tcas_cli_doc_owner_name(object);
	}
}

/* s wrapped at WIDTH: the first line continues at column col (what is
 * before it already printed; 0: nothing), the next ones are indented by
 * `indent` columns. */
static void wrap_from(FILE *f, int col, int indent, const char *s)
{
	int start = col;
	const char *w;
	int len;

	for (w = s != NULL ? s : ""; *w;) {
		for (s = w; *s == ' '; s++)
			;
		for (w = s; *w && *w != ' '; w++)
			;
		if ((len = (int)(w - s)) == 0)
			break;
		if (col > start && col + 1 + len > WIDTH) {
			fputc('\n', f);
			col = start = 0;
		}
		if (col == 0)
			col =
			    tcas_cli_fprintf(f, "%*s%.*s", indent, "", len, s);
		else
			col += tcas_cli_fprintf(f, "%s%.*s",
			                        col > start ? " " : "", len, s);
	}
	if (col > 0)
		fputc('\n', f);
}

static void wrap_str(FILE *f, int indent, const char *s)
{
	wrap_from(f, 0, indent, s);
}

/* "Label: A, B, C" from a '|'-separated set, wrapped. */
static void value_list(FILE *f, int indent, const char *label, const char *vals)
{
	char line[2 * TCAS_DOC_TEXT_MAX + 32];
	const char *v, *next;
	size_t k,
	    n = (size_t)tcas_cli_snprintf(line, sizeof line, "%s:", label);

	for (v = vals; v != NULL && n < sizeof line; v = next) {
		next = tcas_cli_doc_field(v, &k);
		n += (size_t)tcas_cli_snprintf(line + n, sizeof line - n,
		                               "%s %.*s", v == vals ? "" : ",",
		                               (int)k, v);
	}
	wrap_str(f, indent, line);
}

/* The values of member j of owner: one line in the short help, a line
 * per value with its meaning in the full help. */
static void value_lines(FILE *f, int indent, unsigned owner, unsigned j)
{
	char vals[TCAS_DOC_TEXT_MAX + 1], line[TCAS_DOC_TEXT_MAX + 1];
	const char *v, *m, *vn, *mn, *label;
	int checked, w = 0;
	size_t k, km;

	if ((v = tcas_cli_doc_values(owner, j, &checked)) == NULL)
		return;
	label = checked ? "Values" : "Known values";
	tcas_cli_snprintf(vals, sizeof vals, "%s", v);
	m = tcas_cli_doc_meanings(owner, j);
	if (m == NULL || strspn(m, "|") == strlen(m)) {
		value_list(f, indent, label, vals);
		return;
	}
	for (v = vals; v != NULL; v = vn) {
		vn = tcas_cli_doc_field(v, &k);
		if ((int)k > w)
			w = (int)k;
	}
	tcas_cli_fprintf(f, "%*s%s:\n", indent, "", label);
	for (v = vals; v != NULL && m != NULL; v = vn, m = mn) {
		vn = tcas_cli_doc_field(v, &k);
		mn = tcas_cli_doc_field(m, &km);
		if (km == 0) { /* no meaning known */
			tcas_cli_fprintf(f, "%*s%.*s\n", indent + 2, "", (int)k,
			                 v);
			continue;
		}
		tcas_cli_snprintf(line, sizeof line, "%.*s", (int)km, m);
		wrap_from(f,
		          tcas_cli_fprintf(f, "%*s%-*.*s  ", indent + 2, "", w,
		                           (int)k, v),
		          indent + w + 4, line);
	}
}

/* Members of owner, nested objects below their member (depth 0: the
 * action's parameters, printed as --Name; request says which side). */
static void member_lines(FILE *f, unsigned owner, int depth, int request)
{
	unsigned j, n = tcas_cli_doc_members(owner);
	tcas_cli_doc_info m;
	char head[128], type[80];

	for (j = 0; j < n; j++) {
		int ind = 2 + depth * 2;

		if (tcas_cli_doc_member(owner, j, &m) != 0)
			continue;
		tcas_cli_snprintf(
		    type, sizeof type, "%s%s%s", m.is_list ? "[" : "",
		    type_name(m.type, m.object), m.is_list ? "]" : "");
		tcas_cli_snprintf(head, sizeof head, "%*s%s%s", ind, "",
		                  depth || !request ? (depth ? "." : "") : "--",
		                  m.name);
		tcas_cli_fprintf(
		    f, "%-*s %s%s\n", NAME_COLS - 1, head, type,
		    request ? (m.required ? ", required" : ", optional") : "");
		wrap_str(f, ind + 4, tcas_cli_doc_brief(owner, j));
		wrap_str(f, ind + 4, tcas_cli_doc_more(owner, j));
		value_lines(f, ind + 4, owner, j);
		if (m.type == TCAS_T_OBJECT && depth < 5)
			member_lines(f, m.object, depth + 1, request);
	}
}

void tcas_cli_help_action(const tcas_action *a, FILE *f)
{
	size_t ai = (size_t)(a - tcas_as_actions);

	wrap_from(f,
	          tcas_cli_fprintf(f, "%s%s: ", a->name,
	                           a->deprecated ? " (deprecated)" : ""),
	          2, tcas_cli_action_purpose(ai));
	tcas_cli_fprintf(f, "group: %s; rate limit %u requests/second\n",
	                 tcas_cli_action_group(ai), (unsigned)a->qps);
	tcas_cli_fprintf(f, "reference: %s\n", tcas_cli_action_page(ai));
	tcas_cli_fprintf(f, "\nusage: tcas [options] %s%s\n", a->name,
	                 a->count ? " --Param value ..." : "");
	if (a->count == 0)
		fputs("\nno parameters\n", f);
	else {
		fputs("\nparameters ([type] = list; nested members start with "
		      "'.'):\n",
		      f);
		member_lines(f, tcas_cli_doc_owner_of(a), 0, 1);
	}
	if (!TCAS_CLI_HELP_FULL) {
		fputs(
		    "\nresponse: the members of \"Response\" are described on "
		    "the reference page\n(this tcas is built with "
		    "TCAS_CLI_HELP=short).\n",
		    f);
		return;
	}
	fputs("\nresponse (members of \"Response\"; [type] = list):\n", f);
	member_lines(f, TCAS_DOC_FIRST_RESP + tcas_cli_doc_owner_of(a), 0, 0);
}
