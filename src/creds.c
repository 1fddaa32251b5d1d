/* Credentials and settings chain of tccli and the SDKs; contract in
 * tcas/creds.h. */
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

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Trim [*s, *e). */
static void trim(const char **s, const char **e)
{
	while (*s < *e && is_space(**s))
		++*s;
	while (*e > *s && is_space((*e)[-1]))
		--*e;
}

static int span_eq(const char *s, const char *e, const char *z)
{
	size_t n = strlen(z);

	return (size_t)(e - s) == n && memcmp(s, z, n) == 0;
}

int tcas_cfg_ini_get(const char *text, size_t len, const char *section,
                     const char *key, char *out, size_t cap)
{
	const char *p, *end;
	int in_section = 0;

	if (text == NULL || section == NULL || key == NULL || out == NULL ||
	    cap == 0)
		return TCAS_E_ARG;
	p = text;
	end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *e = nl ? nl : end, *eq;

		p = nl ? nl + 1 : end;
		trim(&s, &e);
		if (s == e || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			if (e[-1] != ']' || e - s < 2)
				return TCAS_E_CFG_SYNTAX;
			s++, e--;
			trim(&s, &e);
			in_section = span_eq(s, e, section);
			continue;
		}
		eq = memchr(s, '=', (size_t)(e - s));
		if (eq == NULL || eq == s)
			return TCAS_E_CFG_SYNTAX;
		if (in_section) {
			const char *ke = eq, *vs = eq + 1;

			trim(&s, &ke);
			if (!span_eq(s, ke, key))
				continue;
			trim(&vs, &e);
			return copy_n(out, cap, vs, (size_t)(e - vs));
		}
	}
	return TCAS_E_JSON_NOT_FOUND;
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
	if (tcas_json_member(doc, obj, name, &v))
		return TCAS_E_JSON_NOT_FOUND;
	if (tcas_json_type_of(doc, v) == TCAS_JSON_NULL)
		return TCAS_E_JSON_NOT_FOUND;
	err = tcas_json_get_string(doc, v, out, cap, NULL);
	if (err == TCAS_E_NOSPACE)
		err = TCAS_E_CFG_VALUE_TOO_LONG;
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
	return err;
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
	return TCAS_OK;
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
	    tcas_json_member(&doc, 0, "Code", &v) ||
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
	if (tcas_json_member(&doc, 0, "ExpiredTime", &v) == TCAS_OK &&
	    tcas_json_get_int64(&doc, v, &c->expires))
		c->expires = 0;
	return TCAS_OK;
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
	return TCAS_OK;
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

static int conf_timeout(tcas_cfg *c, const tcas_json *doc, int sys)
{
	int64_t v;
	int t;

	if (sys < 0 || tcas_json_member(doc, sys, "timeout", &t))
		return TCAS_OK;
	if (tcas_json_get_int64(doc, t, &v) || v < 1 || v > 3600) {
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

	if (tcas_json_member(doc, 0, "_sys_param", &sys) ||
	    tcas_json_type_of(doc, sys) != TCAS_JSON_OBJECT)
		sys = -1;
	if (tcas_json_member(doc, 0, "autoscaling", &as) ||
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
	if ((err == TCAS_OK || err == TCAS_E_JSON_NOT_FOUND) && as >= 0)
		err = json_str(c, doc, as, "endpoint", v, sizeof v);
	if (err == TCAS_OK && !c->opt_endpoint)
		copy_s(c->endpoint, sizeof c->endpoint, v);
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

int tcas_cfg_init(tcas_cfg *c)
{
	if (c == NULL)
		return TCAS_E_ARG;
	memset(c, 0, sizeof *c);
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

/* ---- writing tccli files ------------------------------------------------- */

struct sink_buf {
	char *buf;
	size_t cap, len;
};

static int buf_sink(void *ctx, const char *s, size_t n)
{
	struct sink_buf *b = ctx;

	if (b->len + n + 1 > b->cap)
		return TCAS_E_NOSPACE;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = 0;
	return TCAS_OK;
}

/* Re-print the compact JSON in out[0..n) as tccli does (indent 2, newline
 * at the end), through c->file, back into out. */
static int pretty2(tcas_cfg *c, char *out, size_t n, size_t cap, size_t *len)
{
	tcas_json doc;
	struct sink_buf b;
	int err;

	b.buf = c->file, b.cap = sizeof c->file, b.len = 0;
	err = tcas_json_parse(&doc, out, n, c->tok,
	                      (unsigned)TCAS_COUNTOF(c->tok));
	if (!err)
		err = tcas_json_pretty(&doc, 0, 2, buf_sink, &b);
	if (!err)
		err = buf_sink(&b, "\n", 1);
	if (err == TCAS_E_JSON_TOO_MANY_TOKENS)
		err = TCAS_E_CFG_TOO_LARGE;
	if (!err && b.len + 1 > cap)
		err = TCAS_E_NOSPACE;
	if (err)
		return err;
	memcpy(out, c->file, b.len + 1);
	*len = b.len;
	return TCAS_OK;
}

static void member(tcas_jw *w, const char *k, const char *v)
{
	tcas_jw_key(w, k);
	tcas_jw_str(w, v);
}

/* Copy member k (key token) of old: the key re-escaped from its text, the
 * value raw (strings with their quotes). */
static int copy_member(tcas_jw *w, const tcas_json *old, int k)
{
	char key[TCAS_CFG_VALUE_MAX];
	size_t n, vn;
	const char *vr;

	if (tcas_json_get_string(old, k, key, sizeof key, &n))
		return TCAS_E_CFG_SYNTAX;
	tcas_jw_key_n(w, key, n);
	vr = tcas_json_raw(old, k + 1, &vn);
	if (tcas_json_type_of(old, k + 1) == TCAS_JSON_STRING)
		vr--, vn += 2;
	tcas_jw_raw(w, vr, vn);
	return TCAS_OK;
}

struct conf_vals {
	const char *names[2]; /* sorted */
	const char *vals[2];
};

/* Object with the members of old's object obj (obj < 0: none) except
 * the two of v, then v's two. */
static int merge_obj(tcas_jw *w, const tcas_json *old, int obj,
                     const struct conf_vals *v)
{
	int k, err;

	tcas_jw_obj_begin(w);
	for (k = obj >= 0 ? tcas_json_first(old, obj) : -1; k >= 0;
	     k = tcas_json_next(old, k)) {
		if (tcas_json_str_eq(old, k, v->names[0]) ||
		    tcas_json_str_eq(old, k, v->names[1]))
			continue;
		if ((err = copy_member(w, old, k)) != 0)
			return err;
	}
	member(w, v->names[0], v->vals[0]);
	member(w, v->names[1], v->vals[1]);
	tcas_jw_obj_end(w);
	return TCAS_OK;
}

static const char *or_default(const char *s, const char *d)
{
	return s && *s ? s : d;
}

static int conf_members(tcas_jw *w, const tcas_json *old,
                        const struct conf_vals *sys, const struct conf_vals *as,
                        int *seen)
{
	int k, err;

	for (k = old ? tcas_json_first(old, 0) : -1; k >= 0;
	     k = tcas_json_next(old, k)) {
		int is_sys = tcas_json_str_eq(old, k, "_sys_param");
		int is_as = tcas_json_str_eq(old, k, "autoscaling");

		/* older tccli kept region/output at the top: moved */
		if (tcas_json_str_eq(old, k, "region") ||
		    tcas_json_str_eq(old, k, "output"))
			continue;
		if (!is_sys && !is_as) {
			if ((err = copy_member(w, old, k)) != 0)
				return err;
			continue;
		}
		if (tcas_json_type_of(old, k + 1) != TCAS_JSON_OBJECT)
			return TCAS_E_CFG_SYNTAX;
		*seen |= is_sys ? 1 : 2;
		tcas_jw_key(w, is_sys ? "_sys_param" : "autoscaling");
		if ((err = merge_obj(w, old, k + 1, is_sys ? sys : as)) != 0)
			return err;
	}
	return TCAS_OK;
}

static int write_conf(tcas_cfg *c, const tcas_cfg_write *in, char *conf,
                      size_t cap, size_t *len)
{
	struct conf_vals sys = {{"output", "region"}, {NULL, NULL}};
	struct conf_vals as = {{"endpoint", "version"}, {NULL, "2018-04-19"}};
	tcas_json old;
	tcas_jw w;
	size_t n;
	int err, seen = 0, has_old = 0;

	sys.vals[0] = or_default(in->output, "json");
	sys.vals[1] = or_default(in->region, "ap-guangzhou");
	as.vals[0] = or_default(in->endpoint, TCAS_CFG_AS_HOST);
	if (in->old_conf && in->old_len) {
		if (tcas_json_parse(&old, in->old_conf, in->old_len, c->tok,
		                    (unsigned)TCAS_COUNTOF(c->tok)) ||
		    tcas_json_type_of(&old, 0) != TCAS_JSON_OBJECT)
			return TCAS_E_CFG_SYNTAX;
		has_old = 1;
	}
	tcas_jw_init(&w, conf, cap);
	tcas_jw_obj_begin(&w);
	err = conf_members(&w, has_old ? &old : NULL, &sys, &as, &seen);
	if (err)
		return err;
	if (!(seen & 1)) {
		tcas_jw_key(&w, "_sys_param");
		merge_obj(&w, NULL, -1, &sys);
	}
	if (!(seen & 2)) {
		tcas_jw_key(&w, "autoscaling");
		merge_obj(&w, NULL, -1, &as);
	}
	tcas_jw_obj_end(&w);
	if ((err = tcas_jw_finish(&w, &n)) != 0)
		return err;
	return pretty2(c, conf, n, cap, len);
}

static int write_cred(tcas_cfg *c, const tcas_cfg_write *in, char *cred,
                      size_t cap, size_t *len)
{
	tcas_jw w;
	size_t n;
	int err;

	tcas_jw_init(&w, cred, cap);
	tcas_jw_obj_begin(&w);
	member(&w, "secretId", in->secret_id);
	member(&w, "secretKey", in->secret_key);
	if (in->token && *in->token)
		member(&w, "token", in->token);
	member(&w, "type", "default");
	tcas_jw_obj_end(&w);
	if ((err = tcas_jw_finish(&w, &n)) != 0)
		return err;
	return pretty2(c, cred, n, cap, len);
}

int tcas_cfg_write_tccli(tcas_cfg *c, const tcas_cfg_write *in, char *cred,
                         size_t cred_cap, size_t *cred_len, char *conf,
                         size_t conf_cap, size_t *conf_len)
{
	int err;

	if (!c || !in || !in->secret_id || !in->secret_key || !cred ||
	    !cred_len || !conf || !conf_len)
		return TCAS_E_ARG;
	err = write_conf(c, in, conf, conf_cap, conf_len);
	if (!err)
		err = write_cred(c, in, cred, cred_cap, cred_len);
	return err;
}
