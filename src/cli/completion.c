/*
 * completion.c - `tcas completion bash`, and the hidden commands its
 * script calls (`tcas __params ACTION`, `tcas __values ACTION PARAM`) or
 * that generators read (`tcas __options`). Everything about the global
 * options comes from their table (options.c). Contract in cli.h.
 */
#include <stdio.h>
#include <string.h>

#include "tcas/actions.h"
#include "cli.h"

#if TCAS_CLI_WITH_COMPLETION

static const char script_head[] =
    "# bash completion for tcas; load with: source <(tcas completion bash)\n"
    "_tcas() {\n"
    "  local cur=${COMP_WORDS[COMP_CWORD]} prev= action= waiter= skip= w i "
    "n=0\n"
    "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
    "  # --name=value: bash splits the '=' off as a word of its own\n"
    "  if [ \"$cur\" = = ]; then prev=${COMP_WORDS[COMP_CWORD-1]}; cur=\n"
    "  elif [ \"$prev\" = = ]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
    "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
    "    w=${COMP_WORDS[i]}\n"
    "    if [ -n \"$skip\" ]; then skip=; continue; fi\n"
    "    case $w in\n"
    "      =) skip=1;;\n"
    "      --*) case \" $_tcas_valopts \" in *\" $w \"*)\n"
    "             [ \"${COMP_WORDS[i+1]}\" = = ] || skip=1;; esac;;\n"
    "      -*) ;;\n"
    "      as) [ -z \"$action\" ] || n=$((n+1));;\n"
    "      *) if [ -z \"$action\" ]; then action=$w; else n=$((n+1));\n"
    "         [ $n = 1 ] && waiter=$w; fi;;\n"
    "    esac\n"
    "  done\n"
    "  case $prev in\n";

static const char script_tail[] =
    "  esac\n"
    "  if [ -z \"$action\" ] && [[ $cur != -* ]]; then\n"
    "    COMPREPLY=($(compgen -W \"help configure wait completion as "
    "$_tcas_actions\" -- \"$cur\")); return\n"
    "  fi\n"
    "  case $action in\n"
    "    help) [ $n = 0 ] && COMPREPLY=($(compgen -W \"wait $_tcas_actions\" "
    "-- \"$cur\"));;\n"
    "    completion) [ $n = 0 ] && COMPREPLY=($(compgen -W bash -- "
    "\"$cur\"));;\n"
    "    configure) if [ $n = 0 ]; then\n"
    "        COMPREPLY=($(compgen -W \"set get list\" -- \"$cur\"))\n"
    "      elif [ \"$waiter\" != list ]; then\n"
    "        COMPREPLY=($(compgen -W \"secretId secretKey token region "
    "output timeout use-cvm-role autoscaling.endpoint\" -- \"$cur\"))\n"
    "      fi;;\n"
    "    wait) if [ $n = 0 ] && [[ $cur != -* ]]; then\n"
    "        COMPREPLY=($(compgen -W \"refresh-finished activity-finished "
    "capacity-reached\" -- \"$cur\"))\n"
    "      else COMPREPLY=($(compgen -W \"--AutoScalingGroupId "
    "--RefreshActivityId --ActivityId $_tcas_opts\" -- \"$cur\")); fi;;\n"
    "    *) if [[ $prev == --[A-Z]* ]] && [[ $cur != -* ]]; then\n"
    "        COMPREPLY=($(compgen -W \"$(tcas __values \"$action\" "
    "\"${prev#--}\" 2>/dev/null)\" -- \"$cur\"))\n"
    "        [ ${#COMPREPLY[@]} -gt 0 ] && return\n"
    "      fi\n"
    "      COMPREPLY=($(compgen -W \"$(tcas __params \"$action\" "
    "2>/dev/null) $_tcas_opts\" -- \"$cur\"));;\n"
    "  esac\n"
    "}\n"
    "complete -o default -F _tcas tcas\n";

/* The case arm completing the value of option o, if it has one. */
static void value_arm(const tcas_cli_option *o, FILE *f)
{
	tcas_cli_fprintf(f, "    --%s) ", o->name);
	if (o->values == NULL)
		fputs("return;;\n", f); /* free text: nothing to offer */
	else if (strcmp(o->values, "@files") == 0)
		fputs("COMPREPLY=($(compgen -f -- \"$cur\")); return;;\n", f);
	else if (strcmp(o->values, "@profiles") == 0)
		fputs("COMPREPLY=($(compgen -W \"$(cd ~/.tccli 2>/dev/null && "
		      "for p in *.credential; do echo \"${p%.credential}\"; "
		      "done)\" -- \"$cur\")); return;;\n",
		      f);
	else
		tcas_cli_fprintf(f,
		                 "COMPREPLY=($(compgen -W \"%s\" -- \"$cur\"));"
		                 " return;;\n",
		                 o->values);
}

int tcas_cli_completion(int argc, char **argv, FILE *f)
{
	size_t i;

	if (argc != 1 || strcmp(argv[0], "bash") != 0) {
		fputs("tcas: usage: tcas completion bash\n(see tcas --help)\n",
		      stderr);
		return TCAS_EXIT_USAGE;
	}
	fputs("_tcas_opts=\"", f);
	for (i = 0; i < tcas_cli_option_count; i++)
		tcas_cli_fprintf(f, "%s--%s", i ? " " : "",
		                 tcas_cli_options[i].name);
	fputs("\"\n_tcas_valopts=\"", f);
	for (i = 0; i < tcas_cli_option_count; i++)
		if (tcas_cli_options[i].arg)
			tcas_cli_fprintf(f, " --%s", tcas_cli_options[i].name);
	fputs("\"\n_tcas_actions=\"", f);
	for (i = 0; i < tcas_as_action_count; i++)
		tcas_cli_fprintf(f, "%s%s", i ? " " : "",
		                 tcas_as_actions[i].name);
	fputs("\"\n", f);
	fputs(script_head, f);
	for (i = 0; i < tcas_cli_option_count; i++)
		if (tcas_cli_options[i].arg)
			value_arm(&tcas_cli_options[i], f);
	fputs(script_tail, f);
	return 0;
}

int tcas_cli_param_names(const char *action, FILE *f)
{
	const tcas_action *a = tcas_as_action_find(action);
	size_t i;

	if (a == NULL)
		return TCAS_EXIT_USAGE;
	for (i = 0; i < a->count; i++)
		tcas_cli_fprintf(f, "--%s\n", a->params[i].name);
	return 0;
}

int tcas_cli_param_values(const char *action, const char *param, FILE *f)
{
	const tcas_action *a = tcas_as_action_find(action);
	const tcas_param *p = tcas_action_param(a, param);
	const char *v;

	if (a == NULL || p == NULL)
		return TCAS_EXIT_USAGE;
	/* the parameter's value set, one value a line (as_docs.c) */
	v = tcas_cli_doc_values(tcas_cli_doc_owner_of(a),
	                        (unsigned)(p - a->params), NULL);
	for (; v != NULL && *v; v++)
		fputc(*v == '|' ? '\n' : *v, f);
	if (v != NULL)
		fputc('\n', f);
	return 0;
}

#else /* !TCAS_CLI_WITH_COMPLETION: refused, saying why */

static int without(const char *what)
{
	return tcas_cli_without(what, "completion", "TCAS_CLI_WITH_COMPLETION");
}

int tcas_cli_completion(int argc, char **argv, FILE *f)
{
	(void)argc, (void)argv, (void)f;
	return without("completion");
}

int tcas_cli_param_names(const char *action, FILE *f)
{
	(void)action, (void)f;
	return without("__params");
}

int tcas_cli_param_values(const char *action, const char *param, FILE *f)
{
	(void)action, (void)param, (void)f;
	return without("__values");
}

#endif /* TCAS_CLI_WITH_COMPLETION */

void tcas_cli_print_option_table(FILE *f)
{
	size_t i;

	for (i = 0; i < tcas_cli_option_count; i++) {
		const tcas_cli_option *o = &tcas_cli_options[i];
		const char *h;

		tcas_cli_fprintf(f, "--%s\t%s\t", o->name,
		                 o->arg ? o->arg : "");
		for (h = o->help; *h; h++)
			fputc(*h == '\n' ? ' ' : *h, f);
		fputc('\n', f);
	}
}
