/* --generate-cli-skeleton and its placeholders; contract in cli.h. */
#include <stdio.h>
#include <string.h>

#include "tcas/actions.h"
#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/jsonw.h"
#include "as_docs.h"
#include "cli.h"

/* Owner (as_docs.h) of the members of structure s. */
#define STRUCT_OWNER(s) ((unsigned)(TCAS_DOC_ACTIONS + (s)))

/* The placeholder of member j of owner (parameter p): "<type>" or, for a
 * string with a value set, "<A|B|C>"; ", required" inside the brackets
 * for required members. Returns its length (always < cap). */
static size_t placeholder(const tcas_param *p, unsigned owner, unsigned j,
                          char *buf, size_t cap)
{
	const char *t;
	int n;

	switch (p->type) {
	case TCAS_T_INT:
	case TCAS_T_UINT:
		t = "integer";
		break;
	case TCAS_T_FLOAT:
		t = "number";
		break;
	case TCAS_T_BOOL:
		t = "true|false";
		break;
	case TCAS_T_DATETIME:
		t = "YYYY-MM-DDThh:mm:ssZ";
		break;
	default:
		t = tcas_cli_doc_values(owner, j, NULL);
		if (t == NULL)
			t = "string";
		break;
	}
	n = tcas_cli_snprintf(buf, cap, "<%s%s>", t,
	                      p->required ? ", required" : "");
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

/* ---- the skeleton -----------------------------------------------------------
 */

static void skel_members(tcas_jw *w, const tcas_param *m, size_t n,
                         unsigned owner, int depth);

static void skel_value(tcas_jw *w, const tcas_param *p, unsigned owner,
                       unsigned j, int depth)
{
	char ph[TCAS_DOC_TEXT_MAX + 16];

	if (p->type == TCAS_T_OBJECT) {
		const tcas_struct *s = &tcas_as_structs[p->object];

		/* the spec nests three deep at most (tcas/params.h) */
		if (depth < 6)
			skel_members(w, s->members, s->count,
			             STRUCT_OWNER(p->object), depth + 1);
		else
			tcas_jw_obj_begin(w), tcas_jw_obj_end(w);
		return;
	}
	tcas_jw_str_n(w, ph, placeholder(p, owner, j, ph, sizeof ph));
}

static void skel_members(tcas_jw *w, const tcas_param *m, size_t n,
                         unsigned owner, int depth)
{
	size_t i;

	tcas_jw_obj_begin(w);
	for (i = 0; i < n; i++) {
		tcas_jw_key(w, m[i].name);
		if (m[i].is_list)
			tcas_jw_arr_begin(w);
		skel_value(w, &m[i], owner, (unsigned)i, depth);
		if (m[i].is_list)
			tcas_jw_arr_end(w);
	}
	tcas_jw_obj_end(w);
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
	skel_members(&w, a->params, a->count, (unsigned)(a - tcas_as_actions),
	             0);
	err = tcas_jw_finish(&w, &n);
	if (!err)
		err = tcas_json_parse(&doc, buf, n, tok, TCAS_JSON_TOKENS_MAX);
	if (!err)
		err = tcas_json_pretty(&doc, 0, 4, out_sink, f);
	fputc('\n', f);
	return err;
}

/* ---- dropping unfilled placeholders
 * ------------------------------------------ */

/* Where the members of a value are described: the parameter table and its
 * owner. */
typedef struct scope {
	const tcas_param *m;
	size_t n;
	unsigned owner;
} scope;

static int find_member(const tcas_json *d, int key, const scope *sc, size_t *j)
{
	for (*j = 0; sc != NULL && *j < sc->n; (*j)++)
		if (tcas_json_str_eq(d, key, sc->m[*j].name))
			return 1;
	return 0;
}

static int is_placeholder(const tcas_json *d, int tok, const tcas_param *p,
                          unsigned owner, unsigned j)
{
	char ph[TCAS_DOC_TEXT_MAX + 16];

	if (p == NULL || p->type == TCAS_T_OBJECT ||
	    tcas_json_type_of(d, tok) != TCAS_JSON_STRING)
		return 0;
	placeholder(p, owner, (unsigned)j, ph, sizeof ph);
	return tcas_json_str_eq(d, tok, ph);
}

static int keeps(const tcas_json *d, int tok, const tcas_param *p,
                 unsigned owner, unsigned j, int elem);

/* Whether anything of object tok (described by sc, NULL: unknown) is
 * left once placeholders are dropped; an object written empty is kept. */
static int keeps_object(const tcas_json *d, int tok, const scope *sc)
{
	int k = tcas_json_first(d, tok);
	size_t j;

	if (k < 0)
		return 1;
	for (; k >= 0; k = tcas_json_next(d, k)) {
		if (!find_member(d, k, sc, &j))
			return 1; /* unknown: left for the validator */
		if (keeps(d, k + 1, &sc->m[j], sc->owner, (unsigned)j, 0))
			return 1;
	}
	return 0;
}

/* Whether value tok of member j of owner (parameter p; elem: tok is an
 * element of its list) stays. */
static int keeps(const tcas_json *d, int tok, const tcas_param *p,
                 unsigned owner, unsigned j, int elem)
{
	tcas_json_type t = tcas_json_type_of(d, tok);
	int k;

	if (p->is_list && !elem && t == TCAS_JSON_ARRAY) {
		k = tcas_json_first(d, tok);
		if (k < 0)
			return 1; /* [] as written */
		for (; k >= 0; k = tcas_json_next(d, k))
			if (keeps(d, k, p, owner, j, 1))
				return 1;
		return 0;
	}
	if (p->type == TCAS_T_OBJECT && t == TCAS_JSON_OBJECT) {
		const tcas_struct *s = &tcas_as_structs[p->object];
		scope sc;

		sc.m = s->members, sc.n = s->count;
		sc.owner = STRUCT_OWNER(p->object);
		return keeps_object(d, tok, &sc);
	}
	return !is_placeholder(d, tok, p, owner, j);
}

/* The rewrite: the writer, and whether a member unknown to the spec was
 * met (then the body is left as it is, for the validator to name it). */
typedef struct drop {
	tcas_jw w;
	int unknown;
	int dropped; /* values left out */
} drop;

static void copy_value(drop *dr, const tcas_json *d, int tok,
                       const tcas_param *p, unsigned owner, unsigned j,
                       int elem);

static void copy_object(drop *dr, const tcas_json *d, int tok, const scope *sc)
{
	int k;
	size_t j;

	tcas_jw_obj_begin(&dr->w);
	for (k = tcas_json_first(d, tok); k >= 0; k = tcas_json_next(d, k)) {
		if (!find_member(d, k, sc, &j)) {
			dr->unknown = 1;
			return;
		}
		if (!keeps(d, k + 1, &sc->m[j], sc->owner, (unsigned)j, 0)) {
			dr->dropped++;
			continue;
		}
		tcas_jw_key(&dr->w, sc->m[j].name);
		copy_value(dr, d, k + 1, &sc->m[j], sc->owner, (unsigned)j, 0);
	}
	tcas_jw_obj_end(&dr->w);
}

static void copy_value(drop *dr, const tcas_json *d, int tok,
                       const tcas_param *p, unsigned owner, unsigned j,
                       int elem)
{
	tcas_json_type t = tcas_json_type_of(d, tok);
	size_t n;
	const char *raw;
	int k;

	if (p->is_list && !elem && t == TCAS_JSON_ARRAY) {
		tcas_jw_arr_begin(&dr->w);
		for (k = tcas_json_first(d, tok); k >= 0;
		     k = tcas_json_next(d, k))
			if (keeps(d, k, p, owner, j, 1))
				copy_value(dr, d, k, p, owner, j, 1);
			else
				dr->dropped++;
		tcas_jw_arr_end(&dr->w);
		return;
	}
	if (p->type == TCAS_T_OBJECT && t == TCAS_JSON_OBJECT) {
		const tcas_struct *s = &tcas_as_structs[p->object];
		scope sc;

		sc.m = s->members, sc.n = s->count;
		sc.owner = STRUCT_OWNER(p->object);
		copy_object(dr, d, tok, &sc);
		return;
	}
	raw = tcas_json_raw(d, tok, &n);
	if (t == TCAS_JSON_STRING)
		tcas_jw_raw(&dr->w, raw - 1, n + 2); /* with its quotes */
	else
		tcas_jw_raw(&dr->w, raw, n);
}

int tcas_cli_drop_placeholders(const tcas_action *a, char *body, size_t *len)
{
	static jsmntok_t tok[TCAS_JSON_TOKENS_MAX];
	static char out[TCAS_REQ_BODY_MAX];
	tcas_json d;
	drop dr;
	scope sc;
	size_t n;

	if (a == NULL || body == NULL || len == NULL || *len >= sizeof out ||
	    tcas_json_parse(&d, body, *len, tok, TCAS_JSON_TOKENS_MAX) !=
	        TCAS_OK ||
	    tcas_json_type_of(&d, 0) != TCAS_JSON_OBJECT)
		return TCAS_OK; /* left as it is for the validator to judge */
	sc.m = a->params, sc.n = a->count;
	sc.owner = tcas_cli_doc_owner_of(a);
	tcas_jw_init(&dr.w, out, sizeof out);
	dr.unknown = dr.dropped = 0;
	copy_object(&dr, &d, 0, &sc);
	if (dr.unknown || dr.dropped == 0 ||
	    tcas_jw_finish(&dr.w, &n) != TCAS_OK || n > *len)
		return TCAS_OK; /* as it is (or for the validator to judge) */
	memcpy(body, out, n + 1);
	*len = n;
	return TCAS_OK;
}
