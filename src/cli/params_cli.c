/* tccli-style arguments -> JSON request body; contract in cli.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcas/actions.h"
#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/jsonw.h"
#include "tcas/params.h"
#include "cli.h"

#define INPUT_OPT "cli-input-json"
/* What to do when the request body buffer is too small (%u: a size). */
#define BIGGER                                                                 \
	"; build tcas with a larger one: make "                                \
	"TCAS_CONFIG_DEFS=-DTCAS_REQ_BODY_MAX=%u"
#define ARGS_MAX 64 /* parameters of one action; the spec has at most 28 */
#define NTOKS    ((unsigned)(sizeof toks / sizeof toks[0]))

/* Static scratch: one parse at a time (the CLI is single-threaded). */
static char file_buf[TCAS_REQ_BODY_MAX];
static jsmntok_t toks[TCAS_JSON_TOKENS_MAX];

/* One explicit parameter: its spec entry and its values in argv; for a
 * dotted name (--A.B.C, tccli's unfolded form) the name after "--". */
typedef struct given {
	const tcas_param *p;
	const char *path; /* NULL: the whole parameter */
	int first, n;
} given;

typedef struct bctx {
	const tcas_action *a;
	tcas_jw w;
	char *msg;
	size_t msgcap;
	given g[ARGS_MAX];
	int ng;
	const char *file;  /* --cli-input-json argument, or NULL */
	const char *label; /* dotted name of the value being written */
} bctx;

/* The name a message gives the value being written. */
#define LABEL(b, p) ((b)->label ? (b)->label : (p)->name)

static int usage(bctx *b, const char *fmt, ...)
{
	va_list ap;

	if (b->msg != NULL && b->msgcap > 0) {
		va_start(ap, fmt);
		tcas_cli_vsnprintf(b->msg, b->msgcap, fmt, ap);
		va_end(ap);
	}
	return TCAS_E_PARAM;
}

static int is_opt(const char *s)
{
	return s[0] == '-' && s[1] == '-';
}

/* ---- argument scan ------------------------------------------------------- */

static int unknown_param(bctx *b, const char *name, const char *where)
{
	const char *s = tcas_param_suggest(b->a->params, b->a->count, name);

	if (s != NULL)
		return usage(b,
		             "unknown parameter %s%s%s for %s; did you mean "
		             "%s%s?",
		             *where ? "" : "--", name, where, b->a->name,
		             *where ? "" : "--", s);
	return usage(b, "unknown parameter %s%s%s for %s", *where ? "" : "--",
	             name, where, b->a->name);
}

static int count_values(int argc, char **argv, int i)
{
	int n = 0;

	while (i + n < argc && !is_opt(argv[i + n]))
		n++;
	return n;
}

static int scan_input_opt(bctx *b, int n, char **vals)
{
	if (b->file != NULL)
		return usage(b,
		             "parameter --" INPUT_OPT " given more than once");
	if (n != 1)
		return usage(b, "--" INPUT_OPT " expects one file name or -");
	b->file = vals[0];
	return TCAS_OK;
}

/* Is g given twice (the same name, or whole and by member)? */
static int repeated(bctx *b, const given *g, const char *name)
{
	int j;

	for (j = 0; j < b->ng; j++) {
		const given *o = &b->g[j];

		if (o->p != g->p)
			continue;
		if (o->path == NULL && g->path == NULL)
			return usage(b, "parameter --%s given more than once",
			             name);
		if (o->path == NULL || g->path == NULL)
			return usage(b,
			             "parameter --%s given both whole and by "
			             "member (--%s.*)",
			             g->p->name, g->p->name);
		if (strcmp(o->path, g->path) == 0)
			return usage(b, "parameter --%s given more than once",
			             name);
	}
	return TCAS_OK;
}

static int scan_args(bctx *b, int argc, char **argv)
{
	static char top[TCAS_EDIT_LEN_MAX + 1];
	int i = 0, n;

	while (i < argc) {
		const char *name = argv[i] + 2, *dot;
		given *g = &b->g[b->ng];

		if (!is_opt(argv[i]))
			return usage(b,
			             "unexpected argument '%.64s'; parameters "
			             "are given as --Name value",
			             argv[i]);
		n = count_values(argc, argv, i + 1);
		if (strcmp(name, INPUT_OPT) == 0) {
			if (scan_input_opt(b, n, argv + i + 1) != TCAS_OK)
				return TCAS_E_PARAM;
			i += 1 + n;
			continue;
		}
		if (b->ng >= ARGS_MAX)
			return usage(b, "more than %d parameters", ARGS_MAX);
		dot = strchr(name, '.');
		tcas_cli_snprintf(
		    top, sizeof top, "%.*s",
		    (int)(dot ? (size_t)(dot - name) : strlen(name)), name);
		g->p = tcas_action_param(b->a, top);
		if (g->p == NULL)
			return unknown_param(b, top, "");
		g->path = dot ? name : NULL;
		if (dot && g->p->type != TCAS_T_OBJECT && !g->p->is_list)
			return usage(b, "--%s: %s is not an object or a list",
			             name, g->p->name);
		if (repeated(b, g, name) != TCAS_OK)
			return TCAS_E_PARAM;
		g->first = i + 1;
		g->n = n;
		b->ng++;
		i += 1 + n;
	}
	return TCAS_OK;
}

/* ---- scalar conversion --------------------------------------------------- */

/* Decimal integer text: -?[0-9]+, within int64 (or uint64 if uns). */
static int parse_integer(const char *s, int uns, int64_t *iv, uint64_t *uv)
{
	uint64_t v = 0, lim;
	int neg = (*s == '-');

	if (neg)
		s++;
	if (*s == '\0' || (uns && neg))
		return -1;
	lim = uns ? UINT64_MAX : (neg ? (uint64_t)INT64_MAX + 1u : INT64_MAX);
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*s < '0' || *s > '9')
			return -1;
		if (v > (lim - d) / 10u)
			return -2;
		v = v * 10u + d;
	}
	*uv = v;
	if (neg)
		*iv = v == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)v;
	else
		*iv = (int64_t)(v & (uint64_t)INT64_MAX);
	return 0;
}

static const char *digits(const char *s)
{
	if (*s < '0' || *s > '9')
		return NULL;
	while (*s >= '0' && *s <= '9')
		s++;
	return s;
}

/* JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return 0;
	if ((s = digits(s)) == NULL)
		return 0;
	if (*s == '.' && (s = digits(s + 1)) == NULL)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if ((s = digits(s)) == NULL)
			return 0;
	}
	return *s == '\0';
}

static int put_scalar(bctx *b, const tcas_param *p, const char *v)
{
	int64_t iv = 0;
	uint64_t uv = 0;
	int rc;

	switch (p->type) {
	case TCAS_T_INT:
	case TCAS_T_UINT:
		rc = parse_integer(v, p->type == TCAS_T_UINT, &iv, &uv);
		if (rc == -2)
			return usage(b, "--%s: '%.64s' is out of range for %s",
			             LABEL(b, p), v,
			             p->type == TCAS_T_UINT ? "uint64"
			                                    : "int64");
		if (rc != 0)
			break;
		if (p->type == TCAS_T_UINT)
			tcas_jw_uint(&b->w, uv);
		else
			tcas_jw_int(&b->w, iv);
		return TCAS_OK;
	case TCAS_T_FLOAT:
		if (!is_json_number(v))
			break;
		tcas_jw_number_text(&b->w, v, strlen(v));
		return TCAS_OK;
	case TCAS_T_BOOL:
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			break;
		tcas_jw_bool(&b->w, v[0] == 't');
		return TCAS_OK;
	case TCAS_T_STRING:
	case TCAS_T_DATETIME:
		tcas_jw_str(&b->w, v);
		return TCAS_OK;
	default:
		return TCAS_E_INTERNAL;
	}
	return usage(b, "--%s expects %s, got '%.64s'", LABEL(b, p),
	             tcas_type_text(p->type), v);
}

/* ---- JSON-text values ---------------------------------------------------- */

static int put_json_text(bctx *b, const tcas_param *p, int elem, const char *v)
{
	tcas_json doc;
	tcas_json_type want =
	    p->is_list && !elem ? TCAS_JSON_ARRAY : TCAS_JSON_OBJECT;
	const char *raw;
	size_t n;
	int rc;

	rc = tcas_json_parse(&doc, v, strlen(v), toks, NTOKS);
	if (rc != TCAS_OK)
		return usage(b, "--%s expects JSON text: %s", LABEL(b, p),
		             tcas_strerror(rc));
	if (tcas_json_type_of(&doc, 0) != want)
		return usage(b, "--%s expects %s", LABEL(b, p),
		             want == TCAS_JSON_ARRAY ? "a JSON array"
		                                     : "a JSON object");
	raw = tcas_json_raw(&doc, 0, &n);
	tcas_jw_raw(&b->w, raw, n);
	return TCAS_OK;
}

/* The value of p (or of one element, elem) from v[0..n). */
static int put_value(bctx *b, const tcas_param *p, int elem, char **v, int n)
{
	int i, rc;

	if (n == 0)
		return usage(b, "--%s expects %s", LABEL(b, p),
		             p->is_list && !elem ? "at least one value"
		                                 : "a value");
	if (p->type == TCAS_T_OBJECT ||
	    (p->is_list && !elem && n == 1 &&
	     v[0][strspn(v[0], " \t\r\n")] == '[')) {
		if (n != 1)
			return usage(b,
			             "--%s expects one JSON text, got %d "
			             "values",
			             LABEL(b, p), n);
		return put_json_text(b, p, elem, v[0]);
	}
	if (!p->is_list || elem) {
		if (n != 1)
			return usage(b, "--%s expects one value, got %d",
			             LABEL(b, p), n);
		return put_scalar(b, p, v[0]);
	}
	tcas_jw_arr_begin(&b->w);
	for (i = 0; i < n; i++)
		if ((rc = put_scalar(b, p, v[i])) != TCAS_OK)
			return rc;
	tcas_jw_arr_end(&b->w);
	return TCAS_OK;
}

/* ---- dotted names (--A.B.C value, --A.0.B value) ------------------------- */

/* The component of g's path after prefix[0..plen) and a '.', its length
 * in *n; NULL when g is not below that prefix. */
static const char *below(const given *g, const char *prefix, size_t plen,
                         size_t *n)
{
	const char *c;

	if (g->path == NULL || strncmp(g->path, prefix, plen) != 0 ||
	    g->path[plen] != '.')
		return NULL;
	c = g->path + plen + 1;
	*n = strcspn(c, ".");
	return c;
}

/* The first given (in order) whose path is prefix.comp or below it: the
 * one that introduced comp, so each component is written once. */
static int first_with(const bctx *b, const char *prefix, size_t plen,
                      const char *comp, size_t n)
{
	size_t m;
	int j;

	for (j = 0; j < b->ng; j++) {
		const char *c = below(&b->g[j], prefix, plen, &m);

		if (c != NULL && m == n && strncmp(c, comp, n) == 0)
			return j;
	}
	return -1;
}

static int put_tree(bctx *b, const tcas_param *p, int elem, char **argv,
                    const char *prefix, size_t plen);

/* The value at prefix: the given named so (a leaf), or the tree of those
 * below it. */
static int put_node(bctx *b, const tcas_param *p, int elem, char **argv,
                    const char *prefix, size_t plen)
{
	int j, exact = -1, deeper = 0;

	for (j = 0; j < b->ng; j++) {
		const given *g = &b->g[j];

		if (g->path == NULL || strncmp(g->path, prefix, plen) != 0)
			continue;
		if (g->path[plen] == '\0')
			exact = j;
		else if (g->path[plen] == '.')
			deeper = 1;
	}
	if (exact >= 0 && deeper)
		return usage(b, "--%s given both whole and by member (--%s.*)",
		             b->g[exact].path, b->g[exact].path);
	if (exact < 0)
		return put_tree(b, p, elem, argv, prefix, plen);
	b->label = b->g[exact].path;
	return put_value(b, p, elem, argv + b->g[exact].first, b->g[exact].n);
}

/* A list from prefix.0, prefix.1, ...: indexes from 0 without gaps. */
static int put_list(bctx *b, const tcas_param *p, char **argv,
                    const char *prefix, size_t plen)
{
	char path[256];
	size_t n;
	int j, count = 0, rc;
	long long idx;

	for (j = 0; j < b->ng; j++) {
		const char *c = below(&b->g[j], prefix, plen, &n);

		if (c == NULL)
			continue;
		tcas_cli_snprintf(path, sizeof path, "%.*s", (int)n, c);
		if (tcas_cli_parse_number(path, 0, ARGS_MAX - 1, &idx) ||
		    (n > 1 && c[0] == '0'))
			return usage(b,
			             "--%.*s: expected an index (0, 1, ...) "
			             "after %.*s",
			             (int)(plen + 1 + n), b->g[j].path,
			             (int)plen, prefix);
		if (idx >= count)
			count = (int)idx + 1;
	}
	tcas_jw_arr_begin(&b->w);
	for (j = 0; j < count; j++) {
		size_t k = (size_t)tcas_cli_snprintf(
		    path, sizeof path, "%.*s.%d", (int)plen, prefix, j);

		if (k >= sizeof path)
			return usage(b, "--%.64s...: name too long", prefix);
		if (first_with(b, prefix, plen, path + plen + 1, k - plen - 1) <
		    0)
			return usage(b,
			             "--%.*s: the indexes of a list start at 0 "
			             "without gaps (no %s)",
			             (int)plen, prefix, path);
		if ((rc = put_node(b, p, 1, argv, path, k)) != TCAS_OK)
			return rc;
	}
	tcas_jw_arr_end(&b->w);
	return TCAS_OK;
}

/* The members of object p below prefix, in the order first given. */
static int put_members(bctx *b, const tcas_param *p, char **argv,
                       const char *prefix, size_t plen)
{
	const tcas_struct *st = &tcas_as_structs[p->object];
	char path[256];
	size_t n, i;
	int j, rc;

	tcas_jw_obj_begin(&b->w);
	for (j = 0; j < b->ng; j++) {
		const char *c = below(&b->g[j], prefix, plen, &n);
		const char *hint;

		if (c == NULL || first_with(b, prefix, plen, c, n) != j)
			continue;
		for (i = 0; i < st->count; i++)
			if (strncmp(st->members[i].name, c, n) == 0 &&
			    st->members[i].name[n] == '\0')
				break;
		if (plen + 1 + n >= sizeof path)
			return usage(b, "--%.64s...: name too long", prefix);
		memcpy(path, b->g[j].path, plen + 1 + n);
		path[plen + 1 + n] = '\0';
		if (i == st->count) {
			hint = tcas_param_suggest(st->members, st->count,
			                          path + plen + 1);
			if (hint == NULL)
				return usage(b, "unknown member --%s", path);
			return usage(b,
			             "unknown member --%s; did you mean "
			             "--%.*s%s?",
			             path, (int)(plen + 1), path, hint);
		}
		tcas_jw_key(&b->w, st->members[i].name);
		rc = put_node(b, &st->members[i], 0, argv, path, plen + 1 + n);
		if (rc != TCAS_OK)
			return rc;
	}
	tcas_jw_obj_end(&b->w);
	return TCAS_OK;
}

static int put_tree(bctx *b, const tcas_param *p, int elem, char **argv,
                    const char *prefix, size_t plen)
{
	if (p->is_list && !elem)
		return put_list(b, p, argv, prefix, plen);
	if (p->type != TCAS_T_OBJECT) {
		int j;
		size_t n;

		for (j = 0; below(&b->g[j], prefix, plen, &n) == NULL; j++)
			;
		return usage(b, "--%s: %.*s is %s, not an object", b->g[j].path,
		             (int)plen, prefix, tcas_type_text(p->type));
	}
	return put_members(b, p, argv, prefix, plen);
}

/* Given i: the whole parameter, or (once, at its first dotted name) the
 * tree of all its dotted names. */
static int put_given(bctx *b, int i, char **argv)
{
	const given *g = &b->g[i];
	size_t n = strlen(g->p->name);
	int j;

	b->label = NULL;
	if (g->path == NULL) {
		tcas_jw_key(&b->w, g->p->name);
		return put_value(b, g->p, 0, argv + g->first, g->n);
	}
	for (j = 0; j < i; j++)
		if (b->g[j].p == g->p)
			return TCAS_OK; /* written with the first */
	tcas_jw_key(&b->w, g->p->name);
	return put_tree(b, g->p, 0, argv, g->p->name, n);
}

/* ---- --cli-input-json ---------------------------------------------------- */

/* read(2) that resumes after signals: bytes read, 0 at end, -1 error. */
static long read_fd(int fd, char *p, size_t n)
{
	ssize_t r;

	do {
		r = read(fd, p, n);
	} while (r < 0 && errno == EINTR);
	return (long)r;
}

/* The whole file (or standard input for "-") into file_buf, through plain
 * read(2): no stdio FILE, so static builds link no malloc for it. */
/* tccli's file://PATH (PATH may start with ~/), a plain PATH, or -. */
static const char *input_path(const char *arg)
{
	static char path[TCAS_PATH_MAX];
	const char *home = getenv("HOME");

	if (strncmp(arg, "file://", 7) == 0)
		arg += 7;
	if (arg[0] == '~' && arg[1] == '/' && home != NULL &&
	    (size_t)tcas_cli_snprintf(path, sizeof path, "%s%s", home,
	                              arg + 1) < sizeof path)
		return path;
	return arg;
}

static int read_input(bctx *b, size_t *n)
{
	int is_stdin = strcmp(b->file, "-") == 0;
	int fd = is_stdin ? 0 : open(input_path(b->file), O_RDONLY);
	size_t got = 0;
	long r = 0;
	char extra;

	if (fd < 0)
		return usage(b, "cannot read --" INPUT_OPT " file '%.128s': %s",
		             b->file, strerror(errno));
	while (got < sizeof file_buf &&
	       (r = read_fd(fd, file_buf + got, sizeof file_buf - got)) > 0)
		got += (size_t)r;
	if (r >= 0 && got == sizeof file_buf)
		r = read_fd(fd, &extra, 1);
	if (!is_stdin)
		close(fd);
	if (r < 0)
		return usage(b, "cannot read --" INPUT_OPT " file '%.128s'",
		             b->file);
	if (got == sizeof file_buf && r > 0) {
		if (b->msg != NULL && b->msgcap > 0)
			tcas_cli_snprintf(b->msg, b->msgcap,
			                  "--" INPUT_OPT " input '%.128s'"
			                  " is larger than TCAS_REQ_BODY_MAX "
			                  "(%u bytes)" BIGGER,
			                  b->file, (unsigned)TCAS_REQ_BODY_MAX,
			                  (unsigned)TCAS_REQ_BODY_MAX * 2);
		return TCAS_E_REQ_TOO_LARGE;
	}
	*n = got;
	return TCAS_OK;
}

static int overridden(const bctx *b, const tcas_param *p)
{
	int i;

	for (i = 0; i < b->ng; i++)
		if (b->g[i].p == p)
			return 1;
	return 0;
}

static const tcas_param *param_of_key(const bctx *b, const tcas_json *doc,
                                      int key)
{
	size_t i;

	for (i = 0; i < b->a->count; i++)
		if (tcas_json_str_eq(doc, key, b->a->params[i].name))
			return &b->a->params[i];
	return NULL;
}

/* A member of the same name after key k: as Python's json module (and so
 * tccli) does, the last one wins. */
static int later_twin(const tcas_json *doc, int k)
{
	const char *a, *o;
	size_t n, m;
	int j;

	a = tcas_json_raw(doc, k, &n);
	for (j = tcas_json_next(doc, k); j >= 0; j = tcas_json_next(doc, j)) {
		o = tcas_json_raw(doc, j, &m);
		if (m == n && memcmp(a, o, n) == 0)
			return 1;
	}
	return 0;
}

static int put_file_members(bctx *b)
{
	tcas_json doc;
	const tcas_param *p;
	const char *raw;
	char name[TCAS_EDIT_LEN_MAX + 1];
	size_t n = 0;
	int rc, k;

	if ((rc = read_input(b, &n)) != TCAS_OK)
		return rc;
	rc = tcas_json_parse(&doc, file_buf, n, toks, NTOKS);
	if (rc != TCAS_OK)
		return usage(b, "--" INPUT_OPT " '%.128s': %s", b->file,
		             tcas_strerror(rc));
	if (tcas_json_type_of(&doc, 0) != TCAS_JSON_OBJECT)
		return usage(b,
		             "--" INPUT_OPT " '%.128s' must hold a JSON "
		             "object",
		             b->file);
	for (k = tcas_json_first(&doc, 0); k >= 0;
	     k = tcas_json_next(&doc, k)) {
		p = param_of_key(b, &doc, k);
		if (p == NULL) {
			raw = tcas_json_raw(&doc, k, &n);
			if (n >= sizeof name)
				n = sizeof name - 1;
			memcpy(name, raw, n);
			name[n] = '\0';
			return unknown_param(b, name, " in --" INPUT_OPT);
		}
		if (overridden(b, p) || later_twin(&doc, k))
			continue;
		tcas_jw_key(&b->w, p->name);
		raw = tcas_json_raw(&doc, k + 1, &n);
		if (tcas_json_type_of(&doc, k + 1) == TCAS_JSON_STRING)
			tcas_jw_raw(&b->w, raw - 1, n + 2); /* with quotes */
		else
			tcas_jw_raw(&b->w, raw, n);
	}
	return TCAS_OK;
}

/* ---- final check --------------------------------------------------------- */

static int report(bctx *b, const tcas_param_error *e)
{
	const char *f = e->field;
	const char *dot = strrchr(f, '.');
	int top = strchr(f, '.') == NULL && strchr(f, '[') == NULL;
	int plen = dot ? (int)(dot - f + 1) : 0;

	switch (e->kind) {
	case TCAS_PARAM_MISSING:
		return usage(b, "missing required %s --%s",
		             top ? "parameter" : "member", f);
	case TCAS_PARAM_UNKNOWN:
		if (e->detail[0] == '\0')
			return usage(b, "unknown member --%s", f);
		return usage(b, "unknown member --%s; did you mean --%.*s%s?",
		             f, plen, f, e->detail);
	case TCAS_PARAM_TYPE:
		return usage(b, "--%s expects %s", f, e->detail);
	default:
		return usage(b, "--%s: %s", f, e->detail);
	}
}

static int check_body(bctx *b, const char *body, size_t len)
{
	tcas_json doc;
	tcas_param_error e;
	int rc;

	rc = tcas_json_parse(&doc, body, len, toks, NTOKS);
	if (rc == TCAS_E_JSON_TOO_MANY_TOKENS)
		return usage(b,
		             "parameters have more JSON tokens than "
		             "TCAS_JSON_TOKENS_MAX (%u)",
		             (unsigned)TCAS_JSON_TOKENS_MAX);
	if (rc != TCAS_OK)
		return usage(b, "parameters are not valid JSON: %s",
		             tcas_strerror(rc));
	rc = tcas_params_validate(b->a, &doc, 0, &e);
	if (rc == TCAS_E_PARAM)
		return report(b, &e);
	if (rc == TCAS_OK) /* enumerated values, locally (values.c) */
		rc = tcas_cli_check_values(b->a, &doc, 0, b->msg, b->msgcap);
	return rc;
}

static int build(bctx *b, int argc, char **argv, char *body, size_t cap,
                 size_t *len)
{
	int i, rc;

	if ((rc = scan_args(b, argc, argv)) != TCAS_OK)
		return rc;
	tcas_jw_init(&b->w, body, cap);
	tcas_jw_obj_begin(&b->w);
	if (b->file != NULL && (rc = put_file_members(b)) != TCAS_OK)
		return rc;
	for (i = 0; i < b->ng; i++) {
		if ((rc = put_given(b, i, argv)) != TCAS_OK)
			return rc;
		if (b->w.err == TCAS_E_UTF8)
			return usage(b, "--%s: value is not valid UTF-8",
			             b->label ? b->label : b->g[i].p->name);
	}
	tcas_jw_obj_end(&b->w);
	rc = tcas_jw_finish(&b->w, len);
	if (rc != TCAS_OK && rc != TCAS_E_NOSPACE)
		return usage(b, "cannot write the parameters: %s",
		             tcas_strerror(rc));
	if (rc != TCAS_OK) {
		if (b->msg != NULL && b->msgcap > 0)
			tcas_cli_snprintf(b->msg, b->msgcap,
			                  "parameters do not fit the "
			                  "request body buffer (%lu bytes, "
			                  "TCAS_REQ_BODY_MAX)" BIGGER,
			                  (unsigned long)cap,
			                  (unsigned)TCAS_REQ_BODY_MAX * 2);
		return TCAS_E_REQ_TOO_LARGE;
	}
	tcas_cli_drop_placeholders(b->a, body, len); /* skeleton.c */
	return check_body(b, body, *len);
}

/* Messages echo argument bytes: keep them on one line and free of
 * terminal escapes (control characters become '?'). */
static int one_line(int rc, char *msg)
{
	if (rc != TCAS_OK && msg != NULL)
		for (; *msg; msg++)
			if ((unsigned char)*msg < 0x20 || *msg == 0x7f)
				*msg = '?';
	return rc;
}

int tcas_cli_build_params(const tcas_action *a, int argc, char **argv,
                          char *body, size_t cap, size_t *len, char *msg,
                          size_t msgcap)
{
	static bctx b;

	if (msg != NULL && msgcap > 0)
		msg[0] = '\0';
	if (a == NULL || body == NULL || len == NULL || argc < 0 ||
	    (argc > 0 && argv == NULL)) {
		if (msg != NULL && msgcap > 0)
			tcas_cli_snprintf(msg, msgcap,
			                  "internal error: bad arguments");
		return TCAS_E_ARG;
	}
	memset(&b, 0, sizeof b);
	b.a = a;
	b.msg = msg;
	b.msgcap = msgcap;
	*len = 0;
	return one_line(build(&b, argc, argv, body, cap, len), msg);
}

/* ---- --service: unvalidated bodies --------------------------------------- */

static int raw_value(bctx *b, const char *v)
{
	tcas_json doc;

	if (tcas_json_parse(&doc, v, strlen(v), toks, NTOKS) == TCAS_OK)
		tcas_jw_raw(&b->w, v, strlen(v));
	else
		tcas_jw_str(&b->w, v);
	return TCAS_OK;
}

static int raw_file(bctx *b)
{
	static char key[256];
	tcas_json doc;
	size_t n, kn;
	const char *r;
	int k, rc;

	if ((rc = read_input(b, &n)) != TCAS_OK)
		return rc;
	if (tcas_json_parse(&doc, file_buf, n, toks, NTOKS) != TCAS_OK ||
	    tcas_json_type_of(&doc, 0) != TCAS_JSON_OBJECT)
		return usage(b, "--" INPUT_OPT " '%.128s' is not a JSON object",
		             b->file);
	for (k = tcas_json_first(&doc, 0); k >= 0;
	     k = tcas_json_next(&doc, k)) {
		if (tcas_json_get_string(&doc, k, key, sizeof key, &kn))
			return usage(b,
			             "--" INPUT_OPT ": member name too long");
		tcas_jw_key_n(&b->w, key, kn);
		r = tcas_json_raw(&doc, k + 1, &n);
		if (tcas_json_type_of(&doc, k + 1) == TCAS_JSON_STRING)
			r--, n += 2;
		tcas_jw_raw(&b->w, r, n);
	}
	return TCAS_OK;
}

int tcas_cli_build_raw(int argc, char **argv, char *body, size_t cap,
                       size_t *len, char *msg, size_t msgcap)
{
	static bctx b;
	int i, rc;

	memset(&b, 0, sizeof b);
	b.msg = msg, b.msgcap = msgcap;
	if (msg != NULL && msgcap > 0)
		msg[0] = '\0';
	tcas_jw_init(&b.w, body, cap);
	tcas_jw_obj_begin(&b.w);
	for (i = 0; i < argc; i += 2) {
		if (!is_opt(argv[i]) || i + 1 >= argc)
			return one_line(usage(&b,
			                      "expected --Name value, got "
			                      "'%.64s'",
			                      argv[i]),
			                msg);
		if (strcmp(argv[i] + 2, INPUT_OPT) == 0) {
			b.file = argv[i + 1];
			rc = raw_file(&b);
		} else {
			tcas_jw_key(&b.w, argv[i] + 2);
			rc = raw_value(&b, argv[i + 1]);
		}
		if (rc != TCAS_OK)
			return one_line(rc, msg);
	}
	tcas_jw_obj_end(&b.w);
	rc = tcas_jw_finish(&b.w, len);
	if (rc == TCAS_E_NOSPACE) {
		tcas_cli_snprintf(msg, msgcap,
		                  "parameters do not fit the request body "
		                  "buffer (TCAS_REQ_BODY_MAX)" BIGGER,
		                  (unsigned)TCAS_REQ_BODY_MAX * 2);
		return TCAS_E_REQ_TOO_LARGE;
	}
	if (rc != TCAS_OK)
		return usage(&b, "cannot write the parameters: %s",
		             tcas_strerror(rc));
	return TCAS_OK;
}
