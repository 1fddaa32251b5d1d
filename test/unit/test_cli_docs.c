/* Unit tests for the generated parameter descriptions (src/cli/as_docs.c)
 * and their use by `tcas help <Action>` (src/cli/help.c): every member of
 * every action and structure has a text (the spec documents all of them),
 * each is one line of valid UTF-8 within the generator's 120-byte limit,
 * lookups out of range answer NULL, and every parameter line of every
 * action's help ends with a non-empty description. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/actions.h"
#include "../../src/cli/cli.h" /* the CLI's private header */

#define DOC_MAX 120 /* src/gen/gen_docs.py */

/* 1 when s is well-formed UTF-8 (no overlongs, no surrogates). */
static int utf8_ok(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s, n, cp, i;

		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3Fu);
		}
		if ((n == 2 &&
		     (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		s += n + 1;
	}
	return 1;
}

static void check_text(const char *owner, const char *member, const char *d)
{
	if (d == NULL || d[0] == '\0')
		fail_msg("%s.%s: no description", owner, member);
	if (strlen(d) > DOC_MAX)
		fail_msg("%s.%s: %zu bytes", owner, member, strlen(d));
	if (strchr(d, '\n') || strchr(d, '<') || strchr(d, '\t'))
		fail_msg("%s.%s: not one plain line: %s", owner, member, d);
	if (!utf8_ok((const unsigned char *)d))
		fail_msg("%s.%s: bad UTF-8", owner, member);
}

static void every_action_member(void **state)
{
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++) {
		const tcas_action *a = &tcas_as_actions[i];

		for (j = 0; j < a->count; j++, n++)
			check_text(a->name, a->params[j].name,
			           tcas_cli_action_doc(i, j));
		/* The generated table has exactly as many as the action. */
		assert_null(tcas_cli_action_doc(i, a->count));
	}
	assert_true(n > 300);
	assert_null(tcas_cli_action_doc(tcas_as_action_count, 0));
	assert_null(tcas_cli_action_doc((size_t)-1, 0));
}

static void every_struct_member(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < tcas_as_struct_count; i++) {
		const tcas_struct *s = &tcas_as_structs[i];

		for (j = 0; j < s->count; j++)
			check_text(s->name, s->members[j].name,
			           tcas_cli_struct_doc(i, j));
		assert_null(tcas_cli_struct_doc(i, s->count));
	}
	assert_null(tcas_cli_struct_doc(tcas_as_struct_count, 0));
}

/* Known texts, so a table shifted by one member cannot pass. */
static void known_texts(void **state)
{
	const tcas_action *a = tcas_as_action_find("ResumeInstanceRefresh");
	size_t ai, si;

	(void)state;
	assert_non_null(a);
	ai = (size_t)(a - tcas_as_actions);
	assert_string_equal(tcas_cli_action_doc(ai, 0), "伸缩组ID。");
	assert_string_equal(tcas_cli_action_doc(ai, 1), "刷新活动ID。");
	assert_string_equal(tcas_cli_action_doc(ai, 2),
	                    "当前批次刷新失败实例的恢复方式，"
	                    "如不存在失败实例，该参数无效。");
	for (si = 0; si < tcas_as_struct_count; si++)
		if (strcmp(tcas_as_structs[si].name, "RollingUpdateSettings") ==
		    0)
			break;
	assert_true(si < tcas_as_struct_count);
	assert_string_equal(tcas_as_structs[si].members[0].name, "BatchNumber");
	assert_string_equal(tcas_cli_struct_doc(si, 0), "批次数量。");
}

/* The English texts from the action reference: every action has a purpose
 * and a group, groups are shared by pointer, notes are "" or a line. */
static void purposes_groups_notes(void **state)
{
	const tcas_action *a;
	size_t i, j, ai, notes = 0;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++) {
		const char *p = tcas_cli_action_purpose(i);

		assert_non_null(p);
		assert_true(strlen(p) > 10);
		assert_null(strchr(p, '\n'));
		assert_non_null(tcas_cli_action_group(i));
		for (j = 0; j < tcas_as_actions[i].count; j++) {
			const char *n = tcas_cli_action_note(i, j);

			assert_non_null(n);
			assert_null(strchr(n, '\n'));
			notes += *n != '\0';
		}
		assert_null(tcas_cli_action_note(i, tcas_as_actions[i].count));
	}
	assert_true(notes > 20);
	assert_null(tcas_cli_action_purpose(tcas_as_action_count));
	assert_null(tcas_cli_action_group(tcas_as_action_count));
	assert_null(tcas_cli_action_note(tcas_as_action_count, 0));
	assert_null(tcas_cli_struct_note(tcas_as_struct_count, 0));

	a = tcas_as_action_find("ResumeInstanceRefresh");
	ai = (size_t)(a - tcas_as_actions);
	assert_string_equal(tcas_cli_action_note(ai, 2),
	                    "Known values: RETRY, CONTINUE.");
	assert_string_equal(tcas_cli_action_note(ai, 0), "");
	assert_string_equal(tcas_cli_action_group(ai), "Instance refresh");
	/* A description and a note decode into buffers of their own. */
	{
		const char *d = tcas_cli_action_doc(ai, 2);
		const char *n = tcas_cli_action_note(ai, 2);

		assert_string_equal(d, "当前批次刷新失败实例的恢复方式，"
		                       "如不存在失败实例，该参数无效。");
		assert_string_equal(n, "Known values: RETRY, CONTINUE.");
	}
	/* Actions of one group share its pointer. */
	assert_ptr_equal(
	    tcas_cli_action_group(ai),
	    tcas_cli_action_group(
	        (size_t)(tcas_as_action_find("StartInstanceRefresh") -
	                 tcas_as_actions)));
	a = tcas_as_action_find("DescribeRefreshActivities");
	ai = (size_t)(a - tcas_as_actions);
	assert_string_equal(tcas_cli_action_note(ai, 1),
	                    "Filter names: auto-scaling-group-id, "
	                    "refresh-activity-status-code, "
	                    "refresh-activity-type, refresh-activity-id.");
	assert_string_equal(tcas_cli_action_purpose(ai),
	                    "List instance-refresh activities "
	                    "with their batches and per-instance states.");
	a = tcas_as_action_find("UpgradeLaunchConfiguration");
	ai = (size_t)(a - tcas_as_actions);
	assert_null(strstr(tcas_cli_action_purpose(ai), "spec status"));
	assert_string_equal(tcas_cli_action_group(ai), "Launch configurations");
	a = tcas_as_action_find("DescribeAutoScalingGroups");
	ai = (size_t)(a - tcas_as_actions);
	assert_string_equal(tcas_cli_action_group(ai), "Scaling groups");
	/* A structure member's note: RollingUpdateSettings.BatchPause. */
	for (i = 0; i < tcas_as_struct_count; i++)
		if (strcmp(tcas_as_structs[i].name, "RollingUpdateSettings") ==
		    0)
			break;
	assert_true(i < tcas_as_struct_count);
	assert_string_equal(tcas_as_structs[i].members[1].name, "BatchPause");
	assert_string_equal(
	    tcas_cli_struct_note(i, 1),
	    "Known values: "
	    "FIRST_BATCH_PAUSE, BATCH_INTERVAL_PAUSE, AUTOMATIC.");
}

/* The help text of action a in a static buffer. */
static const char *help_of(const tcas_action *a)
{
	static char buf[64 * 1024];
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

/* Parameter lines (after "parameters"): the text after the required /
 * optional column is never blank. Returns the number of lines seen. */
static size_t check_help_lines(const char *action, const char *h)
{
	const char *p = strstr(h, "\nparameters");
	size_t lines = 0;

	if (p == NULL)
		return 0;
	p = strchr(p + 1, '\n');
	while (p && p[1]) {
		const char *e = strchr(p + 1, '\n'), *r;
		char line[1024];
		size_t len = e ? (size_t)(e - p - 1) : strlen(p + 1);

		assert_true(len < sizeof line);
		memcpy(line, p + 1, len);
		line[len] = '\0';
		r = strstr(line, " required ");
		if (r == NULL)
			r = strstr(line, " optional ");
		if (r == NULL || r[10] == '\0' || r[10] == ' ')
			fail_msg("%s: blank description: '%s'", action, line);
		lines++;
		p = e;
	}
	return lines;
}

static void help_resume_instance_refresh(void **state)
{
	const tcas_action *a = tcas_as_action_find("ResumeInstanceRefresh");
	const char *h;

	(void)state;
	h = help_of(a);
	assert_int_equal(check_help_lines(a->name, h), 3);
	assert_non_null(strstr(h, " required 伸缩组ID。\n"));
	assert_non_null(strstr(h, " required 刷新活动ID。\n"));
	/* Spec sentence, then the English enum summary. */
	assert_non_null(
	    strstr(h, "该参数无效。 Known values: RETRY, CONTINUE.\n"));
}

static void help_every_action(void **state)
{
	size_t i, total = 0;

	(void)state;
	for (i = 0; i < tcas_as_action_count; i++) {
		const tcas_action *a = &tcas_as_actions[i];
		size_t n = check_help_lines(a->name, help_of(a));

		if (a->count)
			assert_true(n >= a->count);
		total += n;
	}
	assert_true(total > 400); /* nested members are counted too */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_action_member),
	    cmocka_unit_test(every_struct_member),
	    cmocka_unit_test(known_texts),
	    cmocka_unit_test(purposes_groups_notes),
	    cmocka_unit_test(help_resume_instance_refresh),
	    cmocka_unit_test(help_every_action),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
