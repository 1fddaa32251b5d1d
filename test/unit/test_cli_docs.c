/* Unit tests for the English help texts (src/cli/as_docs_gen.c, decoded by
 * src/cli/as_docs.c) and their use by `tcas help <Action>`
 * (src/cli/help.c): every member of every request, structure and (full
 * help) response has a one-line ASCII description; look-ups out of range
 * answer NULL; known texts, value sets and meanings come back exactly, so
 * a table shifted by one member cannot pass; every action's help names
 * every parameter with its type, required flag and a description. Built
 * twice: with the full help (make check) and with TCAS_CLI_HELP=short
 * (test/help.mk), where response members and meanings are left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/actions.h"
#include "../../src/cli/as_docs.h" /* the CLI's private headers */
#include "../../src/cli/cli.h"

/* 1 when s is one line of printable ASCII. */
static int plain_line(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return 0;
	return 1;
}

static unsigned owner_of_struct(const char *name)
{
	size_t i;

	for (i = 0; i < tcas_as_struct_count; i++)
		if (strcmp(tcas_as_structs[i].name, name) == 0)
			return (unsigned)(TCAS_DOC_ACTIONS + i);
	fail_msg("no structure %s", name);
	return 0;
}

static unsigned action_index(const char *name)
{
	const tcas_action *a = tcas_as_action_find(name);

	assert_non_null(a);
	return (unsigned)(a - tcas_as_actions);
}

static void check_member(unsigned owner, unsigned j)
{
	tcas_cli_doc_info m;
	const char *b, *more, *v;
	int checked;

	assert_int_equal(tcas_cli_doc_member(owner, j, &m), 0);
	assert_non_null(m.name);
	b = tcas_cli_doc_brief(owner, j);
	if (b == NULL || strlen(b) < 3 || !plain_line(b))
		fail_msg("owner %u member %s: bad description '%s'", owner,
		         m.name, b ? b : "(null)");
	assert_true(strlen(b) <= TCAS_DOC_TEXT_MAX);
	assert_true(b[strlen(b) - 1] == '.'); /* a sentence */
	more = tcas_cli_doc_more(owner, j);
	assert_non_null(more);
	assert_true(plain_line(more));
	if (!TCAS_CLI_HELP_FULL)
		assert_string_equal(more, "");
	v = tcas_cli_doc_values(owner, j, &checked);
	if (v != NULL) {
		assert_true(*v != '\0' && plain_line(v));
		/* only strings (or lists of them) have value sets */
		assert_int_equal(m.type, TCAS_T_STRING);
	} else {
		assert_false(checked);
	}
	if (m.type == TCAS_T_OBJECT)
		assert_true(m.object < TCAS_DOC_OWNERS);
}

static void every_request_member(void **state)
{
	size_t i, j, n = 0;

	(void)state;
	assert_int_equal(tcas_as_action_count, TCAS_DOC_ACTIONS);
	assert_int_equal(TCAS_DOC_ACTIONS + tcas_as_struct_count,
	                 TCAS_DOC_FIRST_RESP);
	for (i = 0; i < tcas_as_action_count; i++) {
		assert_int_equal(tcas_cli_doc_members((unsigned)i),
		                 tcas_as_actions[i].count);
		for (j = 0; j < tcas_as_actions[i].count; j++, n++)
			check_member((unsigned)i, (unsigned)j);
		assert_null(
		    tcas_cli_doc_brief((unsigned)i, tcas_as_actions[i].count));
	}
	for (i = 0; i < tcas_as_struct_count; i++) {
		unsigned o = (unsigned)(TCAS_DOC_ACTIONS + i);

		assert_int_equal(tcas_cli_doc_members(o),
		                 tcas_as_structs[i].count);
		assert_string_equal(tcas_cli_doc_owner_name(o),
		                    tcas_as_structs[i].name);
		for (j = 0; j < tcas_as_structs[i].count; j++, n++)
			check_member(o, (unsigned)j);
	}
	assert_int_equal(n, TCAS_DOC_REQ_MEMBERS);
	assert_int_equal(tcas_cli_doc_members(TCAS_DOC_OWNERS), 0);
	assert_null(tcas_cli_doc_brief(TCAS_DOC_OWNERS, 0));
	assert_null(tcas_cli_doc_more(TCAS_DOC_OWNERS, 0));
	assert_null(tcas_cli_doc_values(TCAS_DOC_OWNERS, 0, NULL));
	assert_null(tcas_cli_doc_meanings(TCAS_DOC_OWNERS, 0));
	assert_int_equal(tcas_cli_doc_member(TCAS_DOC_OWNERS, 0, NULL), -1);
	assert_string_equal(tcas_cli_doc_owner_name(0), "object");
}

/* Responses: in the full help, every member of every response owner;
 * in the short help, none. */
static void every_response_member(void **state)
{
	unsigned o, j, n = 0;
	tcas_cli_doc_info m;

	(void)state;
	for (o = TCAS_DOC_FIRST_RESP; o < TCAS_DOC_OWNERS; o++)
		for (j = 0; j < tcas_cli_doc_members(o); j++, n++) {
			if (!TCAS_CLI_HELP_FULL) {
				assert_int_equal(tcas_cli_doc_member(o, j, &m),
				                 -1);
				assert_null(tcas_cli_doc_brief(o, j));
				continue;
			}
			check_member(o, j);
		}
	assert_int_equal(n, TCAS_DOC_MEMBERS - TCAS_DOC_REQ_MEMBERS);
	/* every response ends with RequestId */
	for (o = 0; TCAS_CLI_HELP_FULL && o < TCAS_DOC_ACTIONS; o++) {
		unsigned r = TCAS_DOC_FIRST_RESP + o;

		assert_int_equal(
		    tcas_cli_doc_member(r, tcas_cli_doc_members(r) - 1, &m), 0);
		assert_string_equal(m.name, "RequestId");
	}
}

/* Known texts, so a table shifted by one member cannot pass. */
static void known_texts(void **state)
{
	unsigned ai = action_index("ResumeInstanceRefresh");
	unsigned ru = owner_of_struct("RollingUpdateSettings");
	int checked;

	(void)state;
	assert_string_equal(tcas_cli_doc_brief(ai, 0),
	                    "Scaling group ID (asg-...).");
	assert_string_equal(tcas_cli_doc_brief(ai, 2),
	                    "What to do with the failed instances of the "
	                    "current batch (ignored when none failed). "
	                    "Default RETRY.");
	assert_string_equal(tcas_cli_doc_values(ai, 2, &checked),
	                    "RETRY|CONTINUE");
	assert_true(checked);
	assert_null(tcas_cli_doc_values(ai, 0, &checked));
	assert_false(checked);
	assert_string_equal(tcas_cli_doc_values(ru, 1, &checked),
	                    "FIRST_BATCH_PAUSE|BATCH_INTERVAL_PAUSE|AUTOMATIC");
	assert_true(checked);
	assert_string_equal(tcas_cli_doc_brief(ru, 1),
	                    "When to pause between batches. Default "
	                    "AUTOMATIC.");
	if (TCAS_CLI_HELP_FULL) {
		assert_string_equal(tcas_cli_doc_meanings(ai, 2),
		                    "refresh them again|skip them and go on "
		                    "with the next batch");
		assert_string_equal(tcas_cli_doc_more(ai, 0),
		                    "Take it from DescribeAutoScalingGroups.");
	} else {
		assert_null(tcas_cli_doc_meanings(ai, 2));
	}
	/* a number's range and unit, from the facts */
	ai = action_index("CreateAutoScalingGroup");
	assert_string_equal(tcas_cli_doc_brief(ai, 5),
	                    "Cooldown after a scaling activity, in seconds. 0 "
	                    "to 3600, default 300.");
}

/* Response members: names, types and a value set with its meanings. */
static void response_texts(void **state)
{
	unsigned r, act, j;
	tcas_cli_doc_info m;
	const char *mean;

	(void)state;
	if (!TCAS_CLI_HELP_FULL)
		skip();
	r = TCAS_DOC_FIRST_RESP + action_index("DescribeRefreshActivities");
	assert_int_equal(tcas_cli_doc_member(r, 1, &m), 0);
	assert_string_equal(m.name, "RefreshActivitySet");
	assert_true(m.is_list);
	assert_int_equal(m.type, TCAS_T_OBJECT);
	act = m.object;
	assert_string_equal(tcas_cli_doc_owner_name(act), "RefreshActivity");
	for (j = 0; j < tcas_cli_doc_members(act); j++) {
		assert_int_equal(tcas_cli_doc_member(act, j, &m), 0);
		if (strcmp(m.name, "Status") == 0)
			break;
	}
	assert_true(j < tcas_cli_doc_members(act));
	assert_string_equal(tcas_cli_doc_values(act, j, NULL),
	                    "INIT|RUNNING|SUCCESSFUL|FAILED_PAUSE|AUTO_PAUSE|"
	                    "MANUAL_PAUSE|CANCELLED|FAILED");
	mean = tcas_cli_doc_meanings(act, j);
	assert_non_null(strstr(mean, "|paused because a batch failed|"));
	/* a request-side structure reached from a response keeps its
	 * owner (RefreshActivity.RefreshSettings) */
	assert_int_equal(tcas_cli_doc_member(act, 5, &m), 0);
	assert_string_equal(m.name, "RefreshSettings");
	assert_int_equal(m.object, owner_of_struct("RefreshSettings"));
}

/* Every action: a purpose, a group shared by pointer, a reference page
 * (the international site's number, the Chinese site's mapped by the
 * international site, or the API Explorer). */
static void purposes_groups_pages(void **state)
{
	size_t i;
	unsigned explorer = 0;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++) {
		const char *p = tcas_cli_action_purpose(i);

		assert_non_null(p);
		assert_true(strlen(p) > 10 && plain_line(p));
		assert_non_null(tcas_cli_action_group(i));
		p = tcas_cli_action_page(i);
		assert_true(
		    strncmp(p, "https://www.tencentcloud.com/document/api/377/",
		            46) == 0 ||
		    strncmp(p, "https://console.tencentcloud.com/api/explorer?",
		            46) == 0);
		explorer += strstr(p, "explorer") != NULL;
	}
	assert_true(explorer <= 5); /* pages not found (README "Help") */
	assert_null(tcas_cli_action_purpose(tcas_as_action_count));
	assert_null(tcas_cli_action_group(tcas_as_action_count));
	assert_null(tcas_cli_action_page(tcas_as_action_count));
	assert_string_equal(
	    tcas_cli_action_group(action_index("ResumeInstanceRefresh")),
	    "Instance refresh");
	assert_ptr_equal(
	    tcas_cli_action_group(action_index("ResumeInstanceRefresh")),
	    tcas_cli_action_group(action_index("StartInstanceRefresh")));
	assert_string_equal(
	    tcas_cli_action_page(action_index("ScaleOutInstances")),
	    "https://www.tencentcloud.com/document/api/377/40717");
	assert_string_equal(
	    tcas_cli_action_page(action_index("CreateScalingPolicy")),
	    "https://www.tencentcloud.com/document/api/377/33180"
	    "?from_cn_redirect=1");
	assert_string_equal(
	    tcas_cli_action_page(action_index("AttachLoadBalancers")),
	    "https://console.tencentcloud.com/api/explorer?Product=as&"
	    "Version=2018-04-19&Action=AttachLoadBalancers");
	assert_string_equal(
	    tcas_cli_action_purpose(action_index("DescribeRefreshActivities")),
	    "List instance-refresh activities with their batches and "
	    "per-instance states.");
}

/* The help text of action a in a static buffer. */
static const char *help_of(const tcas_action *a)
{
	static char buf[256 * 1024];
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	tcas_cli_help_action(a, f);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	assert_true(n < sizeof buf - 1);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void help_resume_instance_refresh(void **state)
{
	const char *h = help_of(tcas_as_action_find("ResumeInstanceRefresh"));

	(void)state;
	assert_non_null(strstr(h, "reference: https://www.tencentcloud.com/"
	                          "document/api/377/59081\n"));
	assert_non_null(strstr(h, "  --ResumeMode                          "
	                          "string, optional\n      What to do with "
	                          "the failed instances"));
	assert_non_null(strstr(h, "  --AutoScalingGroupId"));
	if (TCAS_CLI_HELP_FULL) {
		assert_non_null(strstr(h,
		                       "      Values:\n        RETRY     "
		                       "refresh them again\n        CONTINUE  "
		                       "skip them and go on with the next "
		                       "batch\n"));
		assert_non_null(strstr(h, "\nresponse (members of"));
		assert_non_null(strstr(h, "\n  RequestId "));
	} else {
		assert_non_null(strstr(h, "      Values: RETRY, CONTINUE\n"));
		assert_null(strstr(h, "\n  RequestId "));
		assert_non_null(strstr(h, "TCAS_CLI_HELP=short"));
	}
	/* text lines fit 79 columns (member header lines may not) */
	while (*h) {
		const char *e = strchr(h, '\n'), *t = h + strspn(h, " ");

		assert_non_null(e);
		if (*t != '-' && *t != '.' && strncmp(t, "reference: ", 11))
			assert_true(e - h <= 79);
		h = e + 1;
	}
}

/* Every action's help: each parameter (nested members too) on a line with
 * its type and required flag, followed by an indented description. */
static void help_every_action(void **state)
{
	size_t i, total = 0;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++) {
		const tcas_action *a = &tcas_as_actions[i];
		const char *h = help_of(a), *p;
		size_t j;

		assert_true(plain_line(strchr(h, '\n') + 1) ||
		            strchr(h, '\t') == NULL);
		for (j = 0; j < a->count; j++) {
			char want[96];

			snprintf(want, sizeof want, "  --%s ",
			         a->params[j].name);
			p = strstr(h, want);
			if (p == NULL)
				fail_msg("%s: no line for --%s", a->name,
				         a->params[j].name);
			p = strchr(p, '\n');
			assert_non_null(p);
			assert_true(strncmp(p - 8, "required", 8) == 0 ||
			            strncmp(p - 8, "optional", 8) == 0);
			assert_true(strncmp(p + 1, "      ", 6) == 0 &&
			            p[7] != ' ');
			total++;
		}
		for (p = h; *p; p++)
			assert_true(*p == '\n' || ((unsigned char)*p >= 0x20 &&
			                           (unsigned char)*p < 0x7F));
	}
	assert_true(total > 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_request_member),
	    cmocka_unit_test(every_response_member),
	    cmocka_unit_test(known_texts),
	    cmocka_unit_test(response_texts),
	    cmocka_unit_test(purposes_groups_pages),
	    cmocka_unit_test(help_resume_instance_refresh),
	    cmocka_unit_test(help_every_action),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
