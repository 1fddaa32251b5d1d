/* Credentials and settings chain of tccli and the SDKs; contract in
 * tcas/creds.h. */
#include "creds_inner.h"
#include "inner.h"

#include "tcas/creds.h"
#include "tcas/jsonw.h"

#define SKIP 2 /* internal: this source is absent, try the next one */

static int copy_n(char *out, size_t cap, const char *s, size_t n)
{
	if (n + 1 > cap) {
		if (cap)
			out[0] = 0;
		return TCAS_E_CFG_VALUE_TOO_LONG;
	}
	memcpy(out, s, n);
	out[n] = 0;
	return TCAS_OK;
}

static int copy_s(char *out, size_t cap, const char *s)
{
	return copy_n(out, cap, s, strlen(s));
}

static void set_where(tcas_cfg *c, const char *s)
{
	if (copy_s(c->where, sizeof c->where, s))
		copy_s(c->where, sizeof c->where, "(path too long)");
}

/* Environment variable, NULL when unset or empty. */
static const char *env(const tcas_cfg_io *io, const char *name)
{
	const char *v = io->getenv(io->ctx, name);

	return v && *v ? v : NULL;
}

/* c->path = a + b + d (each may be NULL). */
static int join(tcas_cfg *c, const char *a, const char *b, const char *d)
{
	const char *parts[3];
	size_t len = 0, i, n;

	parts[0] = a, parts[1] = b, parts[2] = d;
	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL)
			continue;
		n = strlen(parts[i]);
		if (len + n + 1 > sizeof c->path)
			return TCAS_E_CFG_VALUE_TOO_LONG;
		memcpy(c->path + len, parts[i], n);
		len += n;
	}
	c->path[len] = 0;
	return TCAS_OK;
}

/* Read c->path into c->file (NUL-terminated). */
static int read_path(tcas_cfg *c, const tcas_cfg_io *io, int secret,
                     size_t *len)
{
	int err = io->read_file(io->ctx, c->path, secret, c->file,
	                        sizeof c->file - 1, len);

	if (err == TCAS_OK && *len < sizeof c->file)
		c->file[*len] = 0;
	else if (err == TCAS_OK)
		err = TCAS_E_CFG_TOO_LARGE;
	if (err)
		set_where(c, c->path);
	return err;
}

/* ---- INI ----------------------------------------------------------------- */

/* Read as Python's configparser reads it (ConfigParser().read(), then
 * its _sections, as the Python SDK does): lines end at \n, \r\n or \r;
 * lines whose stripped text starts with # or ; are comments; "[NAME]"
 * (NAME up to the last ']') starts a section, names compared exactly;
 * "key = value" or "key : value" (the first '=' or ':') an option, key
 * compared without case; a line indented deeper than its option's line
 * continues the value ("\n" + the line stripped; empty lines inside kept,
 * trailing ones dropped); a repeated section or option, an option before
 * any section, a line that is none of these, or an empty key make the
 * whole file an error (configparser's strict mode raises). */

enum { INI_END, INI_SECTION, INI_OPTION };

typedef struct ini_it {
	const char *p, *end;
	const char *sec; /* current section name (NULL: none yet) */
	size_t sec_len;
} ini_it;

typedef struct ini_item {
	int kind;
	const char *line;            /* where its line's text begins */
	const char *sec, *key, *val; /* val: the first line's value */
	size_t sec_len, key_len, val_len;
	const char *more, *more_end; /* the continuation lines, raw */
} ini_item;

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	       ch == '\v' || ch == '\f' || (ch >= 0x1c && ch <= 0x1f);
}

/* Trim [*s, *e). */
static void trim(const char **s, const char **e)
{
	while (*s < *e && is_space(**s))
		++*s;
	while (*e > *s && is_space((*e)[-1]))
		--*e;
}

/* The line at *p: [*s, *e) without its end; *p moves past it. */
static void ini_line(const char **p, const char *end, const char **s,
                     const char **e)
{
	const char *q = *p;

	while (q < end && *q != '\n' && *q != '\r')
		q++;
	*s = *p, *e = q;
	if (q < end && *q == '\r') {
		if (++q < end && *q == '\n')
			q++;
	} else if (q < end) {
		q++;
	}
	*p = q;
}

/* Leading whitespace of [s, e), and [s, e) stripped, comment or not. */
static size_t ini_strip(const char **s, const char **e, int *comment)
{
	const char *b = *s;

	trim(s, e);
	*comment = *s < *e && (**s == '#' || **s == ';');
	return (size_t)(*s - b);
}

static int ini_next(ini_it *it, ini_item *item)
{
	const char *s, *e, *d, *q;
	size_t ind;
	int comment;

	memset(item, 0, sizeof *item);
	do {
		if (it->p >= it->end)
			return INI_END;
		ini_line(&it->p, it->end, &s, &e);
		ind = ini_strip(&s, &e, &comment);
	} while (s == e || comment);
	item->line = s;
	if (*s == '[') {
		for (d = e; d > s + 1 && d[-1] != ']'; d--)
			;
		if (d > s + 2) {
			it->sec = item->sec = s + 1;
			it->sec_len = item->sec_len = (size_t)(d - 1 - s - 1);
			return item->kind = INI_SECTION;
		}
	}
	if (it->sec == NULL)
		return TCAS_E_CFG_SYNTAX; /* MissingSectionHeaderError */
	for (d = s; d < e && *d != '=' && *d != ':'; d++)
		;
	item->key = s, item->val = d + 1;
	q = d;
	trim(&item->key, &q);
	if (d == e || item->key == q)
		return TCAS_E_CFG_SYNTAX; /* no delimiter, or no key */
	item->key_len = (size_t)(q - item->key);
	q = e;
	trim(&item->val, &q);
	item->val_len = (size_t)(q - item->val);
	item->sec = it->sec, item->sec_len = it->sec_len;
	/* continuation lines: empty, comments, or indented deeper */
	item->more = item->more_end = it->p;
	while (it->p < it->end) {
		const char *next = it->p;
		size_t li;

		ini_line(&next, it->end, &s, &e);
		li = ini_strip(&s, &e, &comment);
		if (s != e && !comment && li <= ind)
			break;
		it->p = next;
		if (s != e && !comment)
			item->more_end = it->p;
	}
	return item->kind = INI_OPTION;
}

static int span_eq(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

/* Keys compare as configparser's optionxform (str.lower) leaves them. */
static int key_eq(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;

	if (an != bn)
		return 0;
	for (i = 0; i < an; i++)
		if ((a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]) !=
		    (b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]))
			return 0;
	return 1;
}

/* Is x's section header, or x's option in its section, given by an item
 * before it? */
static int ini_repeated(const char *text, const char *end, const ini_item *x)
{
	ini_it it;
	ini_item y;

	it.p = text, it.end = end, it.sec = NULL, it.sec_len = 0;
	while (ini_next(&it, &y) > INI_END && y.line < x->line) {
		if (y.kind != x->kind ||
		    !span_eq(y.sec, y.sec_len, x->sec, x->sec_len))
			continue;
		if (x->kind == INI_SECTION
		        ? !span_eq(x->sec, x->sec_len, "DEFAULT", 7)
		        : key_eq(y.key, y.key_len, x->key, x->key_len))
			return 1;
	}
	return 0;
}

/* The value of x: its first line, then "\n" and each continuation line
 * stripped (comments skipped), trailing whitespace dropped. */
static int ini_text(const ini_item *x, char *out, size_t cap)
{
	const char *p = x->more, *s, *e;
	size_t n = x->val_len;
	int comment;

	if (n + 1 > cap)
		return TCAS_E_CFG_VALUE_TOO_LONG;
	memcpy(out, x->val, n);
	while (p < x->more_end) {
		ini_line(&p, x->more_end, &s, &e);
		ini_strip(&s, &e, &comment);
		if (comment)
			continue;
		if (n + 1 + (size_t)(e - s) + 1 > cap)
			return TCAS_E_CFG_VALUE_TOO_LONG;
		out[n++] = '\n';
		memcpy(out + n, s, (size_t)(e - s));
		n += (size_t)(e - s);
	}
	while (n > 0 && is_space(out[n - 1]))
		n--;
	out[n] = 0;
	return memchr(out, 0, n) ? TCAS_E_CFG_BAD_VALUE : TCAS_OK;
}

int tcas_cfg_ini_get(const char *text, size_t len, const char *section,
                     const char *key, char *out, size_t cap)
{
	ini_it it;
	/* zeroed: GCC 12 for mips warns that they may be used uninitialized */
	ini_item x = {0}, found = {0};
	int k, have = 0;

	if (text == NULL || section == NULL || key == NULL || out == NULL ||
	    cap == 0)
		return TCAS_E_ARG;
	out[0] = 0;
	it.p = text, it.end = text + len, it.sec = NULL, it.sec_len = 0;
	while ((k = ini_next(&it, &x)) > INI_END) {
		if (ini_repeated(text, text + len, &x))
			return TCAS_E_CFG_SYNTAX;
		if (k == INI_OPTION &&
		    span_eq(x.sec, x.sec_len, section, strlen(section)) &&
		    key_eq(x.key, x.key_len, key, strlen(key)))
			found = x, have = 1;
	}
	if (k < 0)
		return k;
	return have ? ini_text(&found, out, cap) : TCAS_E_JSON_NOT_FOUND;
}

int tcas_cfg_member_last(const tcas_json *d, int obj, const char *name)
{
	int k, found = -1;

	for (k = obj >= 0 ? tcas_json_first(d, obj) : -1; k >= 0;
	     k = tcas_json_next(d, k))
		if (tcas_json_str_eq(d, k, name))
			found = k;
	return found;
}

/* Member name of object obj: its value token in *v, the last of
 * duplicates (Python's json module keeps the last, and tccli with it). */
static int member(const tcas_json *d, int obj, const char *name, int *v)
{
	int k = tcas_cfg_member_last(d, obj, name);

	if (k < 0)
		return TCAS_E_JSON_NOT_FOUND;
	*v = k + 1;
	return TCAS_OK;
}

/* A credential as sent: UTF-8 without control characters (it goes into
 * the Authorization and X-TC-Token headers and the HMAC key); a NUL would
 * have cut it short. */
static int cred_ok(tcas_cfg *c, const char *where)
{
	const char *v[3];
	size_t i, j, n;
	int k;

	v[0] = c->secret_id, v[1] = c->secret_key, v[2] = c->token;
	for (i = 0; i < 3; i++)
		for (j = 0, n = strlen(v[i]); j < n; j += (size_t)k) {
			k = tcas_utf8_len((const unsigned char *)v[i] + j,
			                  n - j);
			if (k <= 0 || (unsigned char)v[i][j] < 0x20 ||
			    v[i][j] == 0x7f) {
				set_where(c, where); /* keys cleared later */
				return TCAS_E_CFG_BAD_VALUE;
			}
		}
	return TCAS_OK;
}

/* ---- JSON files ---------------------------------------------------------- */

static int parse_file(tcas_cfg *c, size_t len, tcas_json *doc)
{
	int err = tcas_json_parse(doc, c->file, len, c->tok,
	                          (unsigned)TCAS_COUNTOF(c->tok));

	if (err == TCAS_E_JSON_TOO_MANY_TOKENS)
		err = TCAS_E_CFG_TOO_LARGE;
	else if (err || tcas_json_type_of(doc, 0) != TCAS_JSON_OBJECT)
		err = TCAS_E_CFG_SYNTAX;
	if (err)
		set_where(c, c->path);
	return err;
}

/* String member name of obj into out. "" and tccli's "None" are absent:
 * TCAS_E_JSON_NOT_FOUND. A non-string is TCAS_E_CFG_SYNTAX. */
static int json_str(tcas_cfg *c, const tcas_json *doc, int obj,
                    const char *name, char *out, size_t cap)
{
	int v, err;

	out[0] = 0;
	if (member(doc, obj, name, &v))
		return TCAS_E_JSON_NOT_FOUND;
	if (tcas_json_type_of(doc, v) == TCAS_JSON_NULL)
		return TCAS_E_JSON_NOT_FOUND;
	err = tcas_json_get_string(doc, v, out, cap, NULL);
	if (err == TCAS_E_NOSPACE)
		err = TCAS_E_CFG_VALUE_TOO_LONG;
	else if (err == TCAS_E_JSON_ESCAPE) /* \u0000 */
		err = TCAS_E_CFG_BAD_VALUE;
	else if (err)
		err = TCAS_E_CFG_SYNTAX;
	if (err) {
		set_where(c, c->path);
		return err;
	}
	if (out[0] == 0 || strcmp(out, "None") == 0) {
		out[0] = 0;
		return TCAS_E_JSON_NOT_FOUND;
	}
	return TCAS_OK;
}

/* Optional string: absent leaves out as "". */
static int json_opt(tcas_cfg *c, const tcas_json *doc, int obj,
                    const char *name, char *out, size_t cap)
{
	int err = json_str(c, doc, obj, name, out, cap);

	return err == TCAS_E_JSON_NOT_FOUND ? TCAS_OK : err;
}

/* ---- credential sources -------------------------------------------------- */

static void clear_keys(tcas_cfg *c)
{
	c->secret_id[0] = c->secret_key[0] = c->token[0] = 0;
	c->expires = 0;
}

/* id/key copied into c; both present or neither (SKIP). */
static int take_pair(tcas_cfg *c, const char *id, const char *key,
                     const char *token, const char *where)
{
	int err;

	if (id == NULL && key == NULL)
		return SKIP;
	if (id == NULL || key == NULL) {
		set_where(c, where);
		return TCAS_E_CFG_INCOMPLETE;
	}
	err = copy_s(c->secret_id, sizeof c->secret_id, id);
	if (!err)
		err = copy_s(c->secret_key, sizeof c->secret_key, key);
	if (!err && token)
		err = copy_s(c->token, sizeof c->token, token);
	if (err)
		set_where(c, where);
	return err ? err : cred_ok(c, where);
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static int from_options(tcas_cfg *c)
{
	c->cred_source = "options";
	return take_pair(c, nonempty(c->opt_secret_id),
	                 nonempty(c->opt_secret_key), nonempty(c->opt_token),
	                 "--secretId/--secretKey");
}

static int from_env(tcas_cfg *c, const tcas_cfg_io *io)
{
	const char *tok = env(io, "TENCENTCLOUD_SESSION_TOKEN");

	if (tok == NULL)
		tok = env(io, "TENCENTCLOUD_TOKEN");
	c->cred_source = "environment";
	return take_pair(c, env(io, "TENCENTCLOUD_SECRET_ID"),
	                 env(io, "TENCENTCLOUD_SECRET_KEY"), tok,
	                 "TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY");
}

/* Which INI file: c->path, or SKIP when none exists. */
static int ini_locate(tcas_cfg *c, const tcas_cfg_io *io, size_t *len)
{
	const char *f = io->getenv(io->ctx, "TENCENTCLOUD_CREDENTIALS_FILE");
	const char *home = env(io, "HOME");
	int err;

	if (f != NULL) {
		if (*f == 0) {
			set_where(c, "TENCENTCLOUD_CREDENTIALS_FILE");
			return TCAS_E_CFG_INCOMPLETE;
		}
		if (join(c, f, NULL, NULL))
			return set_where(c, "TENCENTCLOUD_CREDENTIALS_FILE"),
			       TCAS_E_CFG_VALUE_TOO_LONG;
		return read_path(c, io, 1, len);
	}
	if (home) {
		if (join(c, home, "/.tencentcloud/credentials", NULL))
			return set_where(c, "HOME"), TCAS_E_CFG_VALUE_TOO_LONG;
		err = read_path(c, io, 1, len);
		if (err != TCAS_E_CFG_NOFILE)
			return err;
	}
	join(c, "/etc/tencentcloud/credentials", NULL, NULL);
	err = read_path(c, io, 1, len);
	return err == TCAS_E_CFG_NOFILE ? SKIP : err;
}

static int ini_value(tcas_cfg *c, size_t len, const char *key, char *out,
                     size_t cap, const char **found)
{
	int err = tcas_cfg_ini_get(c->file, len, "default", key, out, cap);

	*found = NULL;
	if (err == TCAS_E_JSON_NOT_FOUND || (err == TCAS_OK && !out[0]))
		return TCAS_OK;
	if (err) {
		set_where(c, c->path);
		return err;
	}
	*found = out;
	return TCAS_OK;
}

static int from_ini(tcas_cfg *c, const tcas_cfg_io *io)
{
	const char *id, *key, *tok;
	size_t len;
	int err = ini_locate(c, io, &len);

	if (err)
		return err;
	c->cred_source = "ini file";
	if ((err = ini_value(c, len, "secret_id", c->secret_id,
	                     sizeof c->secret_id, &id)) != 0 ||
	    (err = ini_value(c, len, "secret_key", c->secret_key,
	                     sizeof c->secret_key, &key)) != 0 ||
	    (err = ini_value(c, len, "token", c->token, sizeof c->token,
	                     &tok)) != 0)
		return err;
	if (id == NULL || key == NULL) {
		set_where(c, c->path);
		return TCAS_E_CFG_INCOMPLETE;
	}
	return cred_ok(c, c->path);
}

static int valid_name(const char *s)
{
	return *s && *s != '.' && strchr(s, '/') == NULL &&
	       strchr(s, '\\') == NULL;
}

/* Role name from the first line of c->file; checked so it cannot change
 * the metadata path. */
static int role_name(tcas_cfg *c, size_t len, char *out, size_t cap)
{
	const char *s = c->file, *e = c->file + len, *nl;
	const char *p;

	nl = memchr(s, '\n', len);
	if (nl)
		e = nl;
	trim(&s, &e);
	if (s == e)
		return TCAS_E_CFG_METADATA;
	for (p = s; p < e; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("_+=,.@-", *p)))
			return TCAS_E_CFG_METADATA;
	return copy_n(out, cap, s, (size_t)(e - s)) ? TCAS_E_CFG_METADATA
	                                            : TCAS_OK;
}

#define META_PREFIX "cam/security-credentials/"

static int cvm_fetch(tcas_cfg *c, const tcas_cfg_io *io, size_t *len)
{
	char role[TCAS_CFG_VALUE_MAX];
	int err;

	if (c->opt_cvm_role) {
		if (!valid_name(c->opt_cvm_role) ||
		    copy_s(role, sizeof role, c->opt_cvm_role))
			return TCAS_E_CFG_BAD_NAME;
	} else {
		err = io->metadata_get(io->ctx, META_PREFIX, c->file,
		                       sizeof c->file - 1, len);
		if (err || (err = role_name(c, *len, role, sizeof role)) != 0)
			return TCAS_E_CFG_METADATA;
	}
	if (join(c, META_PREFIX, role, NULL))
		return TCAS_E_CFG_METADATA;
	err = io->metadata_get(io->ctx, c->path, c->file, sizeof c->file - 1,
	                       len);
	return err ? TCAS_E_CFG_METADATA : TCAS_OK;
}

static int from_cvm(tcas_cfg *c, const tcas_cfg_io *io)
{
	tcas_json doc;
	size_t len = 0;
	int v, err;

	c->cred_source = "cvm role";
	set_where(c, "metadata.tencentyun.com");
	if (io->metadata_get == NULL)
		return TCAS_E_CFG_METADATA;
	err = cvm_fetch(c, io, &len);
	if (err)
		return err;
	if (tcas_json_parse(&doc, c->file, len, c->tok,
	                    (unsigned)TCAS_COUNTOF(c->tok)) ||
	    tcas_json_type_of(&doc, 0) != TCAS_JSON_OBJECT ||
	    member(&doc, 0, "Code", &v) ||
	    !tcas_json_str_eq(&doc, v, "Success"))
		return TCAS_E_CFG_METADATA;
	if (json_str(c, &doc, 0, "TmpSecretId", c->secret_id,
	             sizeof c->secret_id) ||
	    json_str(c, &doc, 0, "TmpSecretKey", c->secret_key,
	             sizeof c->secret_key) ||
	    json_str(c, &doc, 0, "Token", c->token, sizeof c->token)) {
		clear_keys(c);
		set_where(c, "metadata.tencentyun.com");
		return TCAS_E_CFG_METADATA;
	}
	if (member(&doc, 0, "ExpiredTime", &v) == TCAS_OK &&
	    tcas_json_get_int64(&doc, v, &c->expires))
		c->expires = 0;
	return cred_ok(c, "metadata.tencentyun.com");
}

static int tccli_type(tcas_cfg *c, const tcas_json *doc, int *cvm)
{
	char type[16];
	int err = json_opt(c, doc, 0, "type", type, sizeof type);

	*cvm = 0;
	if (err == TCAS_E_CFG_VALUE_TOO_LONG)
		return TCAS_E_CFG_UNSUPPORTED;
	if (err)
		return err;
	if (strcmp(type, "cvm-role") == 0)
		*cvm = 1;
	else if (type[0] && strcmp(type, "default") != 0)
		return set_where(c, c->path), TCAS_E_CFG_UNSUPPORTED;
	return TCAS_OK;
}

static int from_tccli(tcas_cfg *c, const tcas_cfg_io *io)
{
	const char *home = env(io, "HOME");
	tcas_json doc;
	size_t len;
	int err, cvm;

	if (home == NULL)
		return c->opt_profile
		           ? (set_where(c, "HOME"), TCAS_E_CFG_NOFILE)
		           : SKIP;
	if (join(c, home, "/.tccli/", c->profile) ||
	    copy_s(c->path + strlen(c->path), sizeof c->path - strlen(c->path),
	           ".credential"))
		return set_where(c, "HOME"), TCAS_E_CFG_VALUE_TOO_LONG;
	err = read_path(c, io, 1, &len);
	if (err == TCAS_E_CFG_NOFILE && !c->opt_profile)
		return SKIP;
	if (err || (err = parse_file(c, len, &doc)) != 0 ||
	    (err = tccli_type(c, &doc, &cvm)) != 0)
		return err;
	c->cred_source = "tccli profile";
	if ((err = json_opt(c, &doc, 0, "secretId", c->secret_id,
	                    sizeof c->secret_id)) != 0 ||
	    (err = json_opt(c, &doc, 0, "secretKey", c->secret_key,
	                    sizeof c->secret_key)) != 0 ||
	    (err = json_opt(c, &doc, 0, "token", c->token, sizeof c->token)) !=
	        0)
		return err;
	if (cvm && !c->secret_id[0] && !c->secret_key[0])
		return from_cvm(c, io);
	if (!c->secret_id[0] && !c->secret_key[0] && !c->opt_profile)
		return SKIP;
	if (!c->secret_id[0] || !c->secret_key[0]) {
		set_where(c, c->path);
		return TCAS_E_CFG_INCOMPLETE;
	}
	return cred_ok(c, c->path);
}

static int load_creds(tcas_cfg *c, const tcas_cfg_io *io)
{
	int err = from_options(c);

	if (err != SKIP)
		return err;
	if (c->use_cvm_role)
		return from_cvm(c, io);
	if (!c->opt_profile) {
		if ((err = from_env(c, io)) != SKIP)
			return err;
		clear_keys(c);
		if ((err = from_ini(c, io)) != SKIP)
			return err;
		clear_keys(c);
	}
	err = from_tccli(c, io);
	if (err != SKIP)
		return err;
	clear_keys(c);
	c->cred_source = NULL;
	set_where(c, "environment, ~/.tencentcloud/credentials, ~/.tccli");
	return TCAS_E_CFG_NO_CREDENTIALS;
}

/* ---- settings ------------------------------------------------------------ */

/* _sys_param.timeout: seconds, a number or (as tcas configure set writes
 * it, like tccli's other settings) a string of digits. */
static int conf_timeout(tcas_cfg *c, const tcas_json *doc, int sys)
{
	char text[16];
	int64_t v = 0;
	size_t i;
	int t, bad;

	if (sys < 0 || member(doc, sys, "timeout", &t))
		return TCAS_OK;
	if (tcas_json_type_of(doc, t) == TCAS_JSON_STRING) {
		bad = tcas_json_get_string(doc, t, text, sizeof text, NULL) ||
		      !text[0];
		for (i = 0; !bad && text[i]; i++) {
			bad = text[i] < '0' || text[i] > '9' || v > 3600;
			v = v * 10 + (text[i] - '0');
		}
	} else {
		bad = tcas_json_get_int64(doc, t, &v) != TCAS_OK;
	}
	if (bad || v < 1 || v > 3600) {
		set_where(c, c->path);
		return TCAS_E_CFG_SYNTAX;
	}
	if (!c->opt_timeout_ms)
		c->timeout_ms = (uint32_t)v * 1000u;
	return TCAS_OK;
}

/* s from _sys_param, else top level (older tccli). */
static int conf_sys(tcas_cfg *c, const tcas_json *doc, int sys,
                    const char *name, char *out, size_t cap)
{
	int err = TCAS_E_JSON_NOT_FOUND;

	if (sys >= 0)
		err = json_str(c, doc, sys, name, out, cap);
	if (err == TCAS_E_JSON_NOT_FOUND)
		err = json_str(c, doc, 0, name, out, cap);
	return err;
}

static int conf_apply(tcas_cfg *c, const tcas_json *doc)
{
	char v[TCAS_CFG_VALUE_MAX];
	int sys = -1, as = -1, err;

	if (member(doc, 0, "_sys_param", &sys) ||
	    tcas_json_type_of(doc, sys) != TCAS_JSON_OBJECT)
		sys = -1;
	if (member(doc, 0, "autoscaling", &as) ||
	    tcas_json_type_of(doc, as) != TCAS_JSON_OBJECT)
		as = -1;
	err = conf_sys(c, doc, sys, "region", v, sizeof v);
	if (err == TCAS_OK && c->region_source == NULL) {
		copy_s(c->region, sizeof c->region, v);
		c->region_source = "tccli configure";
	}
	if (err == TCAS_OK || err == TCAS_E_JSON_NOT_FOUND)
		err = conf_sys(c, doc, sys, "output", v, sizeof v);
	if (err == TCAS_OK && !c->opt_output &&
	    copy_s(c->output, sizeof c->output, v))
		return set_where(c, c->path), TCAS_E_CFG_VALUE_TOO_LONG;
	/* (v still holds the output when there is no autoscaling object: the
	 * endpoint is taken only from a lookup of its own) */
	if ((err == TCAS_OK || err == TCAS_E_JSON_NOT_FOUND) && as >= 0) {
		err = json_str(c, doc, as, "endpoint", v, sizeof v);
		if (err == TCAS_OK && !c->opt_endpoint)
			copy_s(c->endpoint, sizeof c->endpoint, v);
	}
	if (err != TCAS_OK && err != TCAS_E_JSON_NOT_FOUND)
		return err;
	return conf_timeout(c, doc, sys);
}

static int load_configure(tcas_cfg *c, const tcas_cfg_io *io)
{
	const char *home = env(io, "HOME");
	tcas_json doc;
	size_t len;
	int err;

	if (home == NULL)
		return TCAS_OK;
	if (join(c, home, "/.tccli/", c->profile) ||
	    copy_s(c->path + strlen(c->path), sizeof c->path - strlen(c->path),
	           ".configure"))
		return set_where(c, "HOME"), TCAS_E_CFG_VALUE_TOO_LONG;
	err = read_path(c, io, 0, &len);
	if (err == TCAS_E_CFG_NOFILE)
		return TCAS_OK;
	if (err || (err = parse_file(c, len, &doc)) != 0)
		return err;
	return conf_apply(c, &doc);
}

static int set_opt(tcas_cfg *c, const char *opt, char *out, size_t cap,
                   const char *what)
{
	if (opt == NULL)
		return TCAS_OK;
	if (copy_s(out, cap, opt))
		return set_where(c, what), TCAS_E_CFG_VALUE_TOO_LONG;
	return TCAS_OK;
}

static int load_settings(tcas_cfg *c, const tcas_cfg_io *io)
{
	const char *r = c->opt_region;
	int err;

	c->region_source = r ? "options" : NULL;
	if (r == NULL && !c->opt_profile &&
	    (r = env(io, "TENCENTCLOUD_REGION")) != NULL)
		c->region_source = "environment";
	if ((err = set_opt(c, r, c->region, sizeof c->region, "region")) ||
	    (err = set_opt(c, c->opt_endpoint, c->endpoint, sizeof c->endpoint,
	                   "--endpoint")) ||
	    (err = set_opt(c, c->opt_output, c->output, sizeof c->output,
	                   "--output")))
		return err;
	if (c->opt_timeout_ms)
		c->timeout_ms = c->opt_timeout_ms;
	err = load_configure(c, io);
	if (err)
		return err;
	if (c->region_source == NULL) {
		copy_s(c->region, sizeof c->region, "ap-guangzhou");
		c->region_source = "default";
	}
	return TCAS_OK;
}

static int load_profile(tcas_cfg *c, const tcas_cfg_io *io)
{
	const char *p = c->opt_profile;

	if (p == NULL)
		p = env(io, "TCCLI_PROFILE");
	if (p == NULL)
		p = "default";
	if (!valid_name(p)) {
		set_where(c, c->opt_profile ? "--profile" : "TCCLI_PROFILE");
		return TCAS_E_CFG_BAD_NAME;
	}
	if (copy_s(c->profile, sizeof c->profile, p))
		return set_where(c, "--profile"), TCAS_E_CFG_VALUE_TOO_LONG;
	return TCAS_OK;
}

TCAS_STATIC_ASSERT(offsetof(tcas_cfg, where) < offsetof(tcas_cfg, path) &&
                       offsetof(tcas_cfg, path) < offsetof(tcas_cfg, file) &&
                       offsetof(tcas_cfg, file) < offsetof(tcas_cfg, tok) &&
                       sizeof(tcas_cfg) - offsetof(tcas_cfg, tok) <
                           sizeof(((tcas_cfg *)0)->tok) + sizeof(int64_t),
                   cfg_scratch_last);

int tcas_cfg_init(tcas_cfg *c)
{
	if (c == NULL)
		return TCAS_E_ARG;
	/* the scratch is last (path, file, tok) */
	memset(c, 0, offsetof(tcas_cfg, path));
	return TCAS_OK;
}

static void reset_results(tcas_cfg *c)
{
	clear_keys(c);
	c->region[0] = c->endpoint[0] = c->profile[0] = c->where[0] = 0;
	copy_s(c->output, sizeof c->output, "json");
	c->timeout_ms = TCAS_TIMEOUT_MS_DEFAULT;
	c->cred_source = c->region_source = NULL;
}

int tcas_cfg_load(tcas_cfg *c, const tcas_cfg_io *io)
{
	int err;

	if (c == NULL || io == NULL || io->getenv == NULL ||
	    io->read_file == NULL)
		return TCAS_E_ARG;
	reset_results(c);
	err = load_profile(c, io);
	if (!err)
		err = load_settings(c, io);
	if (!err)
		err = load_creds(c, io);
	if (err)
		clear_keys(c);
	return err;
}
