/* The help texts and value sets of the generated tables (as_docs_gen.c):
 * Huffman decoding and look-ups; contract in cli.h ("as_docs.c") and the
 * table layout in as_docs.h. */
#include <stddef.h>
#include <stdint.h>

#include "tcas/actions.h"
#include "as_docs.h"
#include "cli.h"

/* The next symbol at bit *bit of tcas_doc_bits (canonical decoding: the
 * codes of each length are consecutive numbers). */
static unsigned symbol(unsigned long *bit)
{
	unsigned code = 0, first = 0, index = 0, n;

	for (n = 1; n <= TCAS_DOC_CODE_BITS; n++) {
		code |=
		    (unsigned)(tcas_doc_bits[*bit >> 3] >> (7 - (*bit & 7))) &
		    1u;
		(*bit)++;
		if (code < first + tcas_doc_count[n])
			return tcas_doc_sym[index + code - first];
		index += tcas_doc_count[n];
		first = (first + tcas_doc_count[n]) << 1;
		code <<= 1;
	}
	return 0; /* not reached: the generator decodes every text back */
}

/* The text at byte `at` of tcas_doc_bits into buf (TCAS_DOC_TEXT_MAX + 1
 * bytes: the generator checks every text's length). */
static const char *text(unsigned at, char *buf)
{
	unsigned long bit = (unsigned long)at * 8u;
	unsigned c;
	size_t n = 0;

	while ((c = symbol(&bit)) != 0 && n < TCAS_DOC_TEXT_MAX)
		buf[n++] = (char)c;
	buf[n] = '\0';
	return buf;
}

unsigned tcas_cli_doc_owner_of(const tcas_action *a)
{
	const tcas_action *t = a != NULL ? tcas_as_action_find(a->name) : NULL;

	return t == a && t != NULL ? (unsigned)(t - tcas_as_actions)
	                           : TCAS_DOC_OWNERS;
}

unsigned tcas_cli_doc_members(unsigned owner)
{
	if (owner >= TCAS_DOC_OWNERS)
		return 0;
	return (unsigned)(tcas_doc_start[owner + 1] - tcas_doc_start[owner]);
}

/* Flat index of member j of owner, or -1 when there is none or when the
 * short help leaves it out. */
static long flat(unsigned owner, unsigned j)
{
	long i;

	if (j >= tcas_cli_doc_members(owner))
		return -1;
	i = (long)tcas_doc_start[owner] + (long)j;
	return (TCAS_CLI_HELP_FULL || i < TCAS_DOC_REQ_MEMBERS) ? i : -1;
}

int tcas_cli_doc_member(unsigned owner, unsigned j, tcas_cli_doc_info *out)
{
	long i = flat(owner, j);
	const tcas_param *p;

	if (i < 0 || out == NULL)
		return -1;
	if (i < TCAS_DOC_REQ_MEMBERS) {
		p = owner < TCAS_DOC_ACTIONS
		        ? &tcas_as_actions[owner].params[j]
		        : &tcas_as_structs[owner - TCAS_DOC_ACTIONS].members[j];
		out->name = p->name;
		out->type = p->type;
		out->is_list = p->is_list;
		out->required = p->required;
		out->object = TCAS_DOC_ACTIONS + p->object;
		return 0;
	}
#if TCAS_CLI_HELP_FULL
	{
		static char name[TCAS_DOC_TEXT_MAX + 1];
		const tcas_doc_member *m =
		    &tcas_doc_resp[i - TCAS_DOC_REQ_MEMBERS];

		out->name = text(m->name, name);
		out->type = (int)(m->type & ~TCAS_DOC_LIST & 0xFFu);
		out->is_list = (m->type & TCAS_DOC_LIST) != 0;
		out->required = 0;
		out->object = m->object;
		return 0;
	}
#else
	return -1;
#endif
}

const char *tcas_cli_doc_owner_name(unsigned owner)
{
	if (owner >= TCAS_DOC_ACTIONS && owner < TCAS_DOC_FIRST_RESP)
		return tcas_as_structs[owner - TCAS_DOC_ACTIONS].name;
#if TCAS_CLI_HELP_FULL
	if (owner >= TCAS_DOC_FIRST_RESP + TCAS_DOC_ACTIONS &&
	    owner < TCAS_DOC_OWNERS) {
		static char buf[TCAS_DOC_TEXT_MAX + 1];

		return text(tcas_doc_rstruct[owner - TCAS_DOC_FIRST_RESP -
		                             TCAS_DOC_ACTIONS],
		            buf);
	}
#endif
	return "object";
}

const char *tcas_cli_doc_brief(unsigned owner, unsigned j)
{
	static char buf[TCAS_DOC_TEXT_MAX + 1];
	long i = flat(owner, j);

	return i < 0 ? NULL : text(tcas_doc_brief[i], buf);
}

const char *tcas_cli_doc_more(unsigned owner, unsigned j)
{
#if TCAS_CLI_HELP_FULL
	static char buf[TCAS_DOC_TEXT_MAX + 1];
	long i = flat(owner, j);

	return i < 0 ? NULL : text(tcas_doc_more[i], buf);
#else
	return flat(owner, j) < 0 ? NULL : "";
#endif
}

/* Value set of member j of owner: its number + 1 and flag, 0 if none. */
static unsigned vset(unsigned owner, unsigned j)
{
	long i = flat(owner, j);

	return i < 0 ? 0u : tcas_doc_vset[i];
}

const char *tcas_cli_doc_values(unsigned owner, unsigned j, int *checked)
{
	static char buf[TCAS_DOC_TEXT_MAX + 1];
	unsigned v = vset(owner, j);

	if (checked != NULL)
		*checked = (v & TCAS_DOC_VSET_CHECKED) != 0;
	v &= ~TCAS_DOC_VSET_CHECKED;
	return v == 0 ? NULL : text(tcas_doc_values[v - 1], buf);
}

const char *tcas_cli_doc_meanings(unsigned owner, unsigned j)
{
#if TCAS_CLI_HELP_FULL
	static char buf[TCAS_DOC_TEXT_MAX + 1];
	unsigned v = vset(owner, j) & ~TCAS_DOC_VSET_CHECKED;

	return v == 0 ? NULL : text(tcas_doc_meanings[v - 1], buf);
#else
	(void)owner;
	(void)j;
	return NULL;
#endif
}

const char *tcas_cli_action_purpose(size_t action)
{
	static char buf[TCAS_DOC_TEXT_MAX + 1];

	return action < TCAS_DOC_ACTIONS ? text(tcas_doc_purpose[action], buf)
	                                 : NULL;
}

const char *tcas_cli_action_group(size_t action)
{
	return action < TCAS_DOC_ACTIONS
	           ? tcas_doc_groups[tcas_doc_group[action]]
	           : NULL;
}

const char *tcas_cli_action_page(size_t action)
{
	static char buf[160];
	uint32_t p;

	if (action >= TCAS_DOC_ACTIONS)
		return NULL;
	p = tcas_doc_page[action];
	if (p == 0)
		tcas_cli_snprintf(
		    buf, sizeof buf,
		    "https://console.tencentcloud.com/api/explorer"
		    "?Product=as&Version=" TCAS_AS_VERSION "&Action=%s",
		    tcas_as_actions[action].name);
	else
		tcas_cli_snprintf(
		    buf, sizeof buf,
		    "https://www.tencentcloud.com/document/api/377/"
		    "%lu%s",
		    (unsigned long)(p & ~TCAS_DOC_PAGE_CN),
		    (p & TCAS_DOC_PAGE_CN) ? "?from_cn_redirect=1" : "");
	return buf;
}
