/* tcas help, tcas help <Action>, --generate-cli-skeleton; contract in
 * cli.h. */
#include <stdio.h>
#include <string.h>

#include "tcas/actions.h"
#include "tcas/client.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/jsonw.h"
#include "cli.h"

#define GROUPS_MAX 32

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
	fputs("\nother commands: tcas configure, tcas wait <waiter>, "
	      "tcas help wait\n",
	      f);
}

static const char *type_word(const tcas_param *p)
{
	switch (p->type) {
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
		return tcas_as_structs[p->object].name;
	}
}

/* The description column: the spec's sentence, then the summary. */
static void describe(const char *doc, const char *summary, FILE *f)
{
	if (doc == NULL)
		doc = "";
	if (summary == NULL)
		summary = "";
	tcas_cli_fprintf(f, "%s%s%s\n", doc, *doc && *summary ? " " : "",
	                 summary);
}

/* Members m[0..n) of an action (owner = its index, depth 0) or of a
 * structure (owner = its index, depth > 0). */
static void param_lines(const tcas_param *m, size_t n, size_t owner, int depth,
                        FILE *f)
{
	char name[64], type[64];
	size_t i;

	for (i = 0; i < n; i++) {
		const tcas_param *p = &m[i];

		tcas_cli_snprintf(name, sizeof name, "%*s%s%s", depth * 2, "",
		                  depth ? "." : "--", p->name);
		tcas_cli_snprintf(type, sizeof type, "%s%s%s",
		                  p->is_list ? "[" : "", type_word(p),
		                  p->is_list ? "]" : "");
		tcas_cli_fprintf(f, "  %-36s %-24s %-8s ", name, type,
		                 p->required ? "required" : "optional");
		describe(depth ? tcas_cli_struct_doc(owner, i)
		               : tcas_cli_action_doc(owner, i),
		         depth ? tcas_cli_struct_note(owner, i)
		               : tcas_cli_action_note(owner, i),
		         f);
		if (p->type == TCAS_T_OBJECT && depth < 4)
			param_lines(tcas_as_structs[p->object].members,
			            tcas_as_structs[p->object].count, p->object,
			            depth + 1, f);
	}
}

void tcas_cli_help_action(const tcas_action *a, FILE *f)
{
	size_t ai = (size_t)(a - tcas_as_actions);

	tcas_cli_fprintf(f, "%s%s: %s\n", a->name,
	                 a->deprecated ? " (deprecated)" : "",
	                 tcas_cli_action_purpose(ai));
	tcas_cli_fprintf(f, "group: %s; rate limit %u requests/second\n\n",
	                 tcas_cli_action_group(ai), (unsigned)a->qps);
	tcas_cli_fprintf(f, "usage: tcas [options] %s%s\n", a->name,
	                 a->count ? " --Param value ..." : "");
	if (a->count == 0) {
		fputs("\nno parameters\n", f);
		return;
	}
	fputs("\nparameters ([type] = list; nested members start with '.'):\n",
	      f);
	param_lines(a->params, a->count, ai, 0, f);
}

/* ---- skeleton ------------------------------------------------------------ */

static void skel_value(tcas_jw *w, const tcas_param *p, int depth);

static void skel_members(tcas_jw *w, const tcas_param *m, size_t n, int depth)
{
	size_t i;

	tcas_jw_obj_begin(w);
	for (i = 0; i < n; i++) {
		tcas_jw_key(w, m[i].name);
		if (m[i].is_list) {
			tcas_jw_arr_begin(w);
			skel_value(w, &m[i], depth);
			tcas_jw_arr_end(w);
		} else {
			skel_value(w, &m[i], depth);
		}
	}
	tcas_jw_obj_end(w);
}

static void skel_value(tcas_jw *w, const tcas_param *p, int depth)
{
	switch (p->type) {
	case TCAS_T_INT:
	case TCAS_T_UINT:
		tcas_jw_int(w, 0);
		break;
	case TCAS_T_FLOAT:
		tcas_jw_number_text(w, "0.0", 3);
		break;
	case TCAS_T_BOOL:
		tcas_jw_bool(w, 0);
		break;
	case TCAS_T_DATETIME:
		tcas_jw_str(w, "YYYY-MM-DDThh:mm:ssZ");
		break;
	case TCAS_T_OBJECT:
		if (depth < 6) {
			skel_members(w, tcas_as_structs[p->object].members,
			             tcas_as_structs[p->object].count,
			             depth + 1);
			break;
		}
		tcas_jw_obj_begin(w);
		tcas_jw_obj_end(w);
		break;
	default:
		tcas_jw_str(w, "");
		break;
	}
}

static int out_sink(void *ctx, const char *s, size_t n)
{
	return fwrite(s, 1, n, (FILE *)ctx) == n ? 0 : TCAS_E_NET_IO;
}

int tcas_cli_skeleton(const tcas_action *a, FILE *f)
{
	static char buf[TCAS_REQ_BODY_MAX * 2];
	static jsmntok_t tok[TCAS_JSON_TOKENS_MAX];
	tcas_json doc;
	tcas_jw w;
	size_t n;
	int err;

	tcas_jw_init(&w, buf, sizeof buf);
	skel_members(&w, a->params, a->count, 0);
	err = tcas_jw_finish(&w, &n);
	if (!err)
		err = tcas_json_parse(&doc, buf, n, tok, TCAS_JSON_TOKENS_MAX);
	if (!err)
		err = tcas_json_pretty(&doc, 0, 4, out_sink, f);
	fputc('\n', f);
	return err;
}
