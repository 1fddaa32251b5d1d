/*
 * configure.c - tcas configure, as tccli's: the interactive form, and
 * `set KEY VALUE [KEY VALUE ...]`, `get KEY ...`, `list` on the profile's
 * ~/.tccli/P.credential and P.configure. A set changes only what it names
 * and writes what tccli writes (tcas_cfg_edit: sorted keys, 2-space
 * indentation), mode 0600 through a temporary file and rename. Secrets are
 * never printed: get and list show the last four characters. Contract in
 * cli.h. Static storage only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tcas/actions.h"
#include "tcas/creds.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "cli.h"

#if TCAS_CLI_WITH_CONFIGURE

#define SET_MAX 24 /* KEY VALUE pairs in one set */

enum file_id { CRED, CONF };
enum key_kind { K_TEXT, K_SECRET, K_NAME, K_OUTPUT, K_BOOL, K_SECONDS };

/* The keys tccli knows (its cred_list and config_list), and tcas's
 * timeout; any other KEY must be SERVICE.KEY (autoscaling.endpoint). */
static const struct key {
	const char *name;
	unsigned char file; /* enum file_id */
	unsigned char kind; /* enum key_kind */
} keys[] = {
    {"secretId", CRED, K_TEXT},
    {"secretKey", CRED, K_SECRET},
    {"token", CRED, K_SECRET},
    {"role-arn", CRED, K_TEXT},
    {"role-session-name", CRED, K_TEXT},
    {"use-cvm-role", CRED, K_BOOL}, /* "type": "cvm-role" or "default" */
    {"region", CONF, K_NAME},
    {"output", CONF, K_OUTPUT},
    {"arrayCount", CONF, K_TEXT},
    {"warning", CONF, K_TEXT},
    {"language", CONF, K_TEXT},
    {"timeout", CONF, K_SECONDS}, /* tcas: seconds per call */
};
#define NKEYS (sizeof keys / sizeof keys[0])

typedef struct profile {
	char dir[TCAS_PATH_MAX], path[2][TCAS_PATH_MAX];
	char text[2][TCAS_CFG_FILE_MAX]; /* the files as read */
	size_t len[2];                   /* 0: absent */
	tcas_json doc[2];
	int ok[2]; /* doc parsed */
	const char *name;
} profile;

static profile pf;
static tcas_cfg scratch;
static char out_buf[TCAS_CFG_FILE_MAX];
static jsmntok_t toks[2][TCAS_CFG_TOKENS_MAX];

static int fail(const char *fmt, const char *a, const char *b)
{
	fputs("tcas configure: ", stderr);
	tcas_cli_fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return TCAS_EXIT_USAGE;
}

/* ---- the profile's files ------------------------------------------------- */

static int load_file(int f)
{
	size_t n = 0;
	int err = tcas_cli_read_file(pf.path[f], 0, pf.text[f],
	                             sizeof pf.text[f], &n);

	pf.len[f] = 0;
	pf.ok[f] = 0;
	if (err == TCAS_E_CFG_NOFILE)
		return 0;
	if (err)
		return fail("%s: %s", pf.path[f], tcas_strerror(err));
	pf.len[f] = n;
	if (n == 0)
		return 0;
	if (tcas_json_parse(&pf.doc[f], pf.text[f], n, toks[f],
	                    TCAS_CFG_TOKENS_MAX) ||
	    tcas_json_type_of(&pf.doc[f], 0) != TCAS_JSON_OBJECT)
		return fail("%s: not a tccli profile file (a JSON object)%s",
		            pf.path[f], "");
	pf.ok[f] = 1;
	return 0;
}

/* ~/.tccli/P.{credential,configure}, P = --profile, $TCCLI_PROFILE or
 * default (as tccli), both read when present. */
static int open_profile(const tcas_cli_opts *o)
{
	const char *home = getenv("HOME"), *p = o->profile;
	size_t cap = sizeof pf.dir;

	if (p == NULL && (p = getenv("TCCLI_PROFILE")) != NULL && !*p)
		p = NULL;
	pf.name = p ? p : "default";
	if (home == NULL || *home == 0)
		return fail("HOME is not set%s%s", "", "");
	if (*pf.name == '.' || strchr(pf.name, '/') ||
	    (size_t)tcas_cli_snprintf(pf.dir, cap, "%s/.tccli", home) >= cap ||
	    (size_t)tcas_cli_snprintf(pf.path[CRED], cap, "%s/%s.credential",
	                              pf.dir, pf.name) >= cap ||
	    (size_t)tcas_cli_snprintf(pf.path[CONF], cap, "%s/%s.configure",
	                              pf.dir, pf.name) >= cap)
		return fail("bad profile name '%s'%s", pf.name, "");
	return load_file(CRED) || load_file(CONF) ? TCAS_EXIT_USAGE : 0;
}

/* String value of section.key (section NULL: top level) of file f, the
 * last of duplicates as Python reads it; NULL when absent or not a
 * string. Decoded into a static buffer. */
static const char *value_of(int f, const char *section, const char *key)
{
	static char v[TCAS_TOKEN_MAX];
	const tcas_json *d = &pf.doc[f];
	int obj = 0, k, found = -1;

	if (!pf.ok[f])
		return NULL;
	if (section) {
		for (k = tcas_json_first(d, 0), obj = -1; k >= 0;
		     k = tcas_json_next(d, k))
			if (tcas_json_str_eq(d, k, section))
				obj = k + 1;
		if (obj < 0 || tcas_json_type_of(d, obj) != TCAS_JSON_OBJECT)
			return NULL;
	}
	for (k = tcas_json_first(d, obj); k >= 0; k = tcas_json_next(d, k))
		if (tcas_json_str_eq(d, k, key))
			found = k + 1;
	if (found < 0 || tcas_json_get_string(d, found, v, sizeof v, NULL))
		return NULL;
	return v;
}

static int mkdir_private(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno != EEXIST || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return -1;
	return 0;
}

/* Write path through path.tmp (0600, exclusive) and rename. */
static int write_private(const char *path, const char *s, size_t n)
{
	static char tmp[TCAS_PATH_MAX + 8];
	int fd, ok;

	if ((size_t)tcas_cli_snprintf(tmp, sizeof tmp, "%s.tmp", path) >=
	    sizeof tmp)
		return -1;
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -1;
	ok = fchmod(fd, 0600) == 0 && write(fd, s, n) == (ssize_t)n &&
	     fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* File f with set[0..n) applied. */
static int save(int f, const tcas_cfg_set *set, size_t n)
{
	size_t len;
	int err = tcas_cfg_edit(&scratch, pf.text[f], pf.len[f], set, n,
	                        out_buf, sizeof out_buf, &len);

	if (err == TCAS_E_CFG_SYNTAX)
		return fail("%s: not a tccli profile file (its sections must "
		            "be JSON objects)%s",
		            pf.path[f], "");
	if (err)
		return fail("%s: %s", pf.path[f], tcas_strerror(err));
	if (mkdir_private(pf.dir) || write_private(pf.path[f], out_buf, len))
		return fail("cannot write %s: %s", pf.path[f],
		            tcas_cli_errno_text(errno));
	tcas_cli_fprintf(stderr, "tcas configure: wrote %s (mode 0600)\n",
	                 pf.path[f]);
	return 0;
}

/* ---- values -------------------------------------------------------------- */

static const struct key *find_key(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static int bad_value(const char *key, const char *v, const char *want)
{
	return fail("%s: %s", key, want), (void)v, TCAS_EXIT_USAGE;
}

/* Check v for key k; "-" and file://PATH read secrets (into buf). */
static int check_value(const struct key *k, const char *name, const char **v,
                       char *buf, size_t cap, int *stdin_used)
{
	const char *s;
	long long n;
	int err;

	if (**v == 0)
		return fail("%s: the value is empty%s", name, "");
	if (k && k->kind == K_SECRET &&
	    (err = tcas_cli_secret_value(name, v, buf, cap, stdin_used)) != 0)
		return err;
	for (s = *v; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return bad_value(name, *v,
			                 "the value holds a control character");
	if (k == NULL)
		return 0;
	switch (k->kind) {
	case K_NAME:
		return strspn(*v, "abcdefghijklmnopqrstuvwxyz0123456789-_.") ==
		               strlen(*v)
		           ? 0
		           : bad_value(name, *v,
		                       "expects lower-case letters, digits "
		                       "and '-'");
	case K_OUTPUT:
		return tcas_cli_output_format(*v) >= 0
		           ? 0
		           : bad_value(name, *v, "must be json, text or table");
	case K_BOOL:
		return !strcmp(*v, "true") || !strcmp(*v, "false")
		           ? 0
		           : bad_value(name, *v, "must be true or false");
	case K_SECONDS:
		return tcas_cli_parse_number(*v, 1, 3600, &n) == 0
		           ? 0
		           : bad_value(name, *v, "expects seconds, 1..3600");
	default:
		return 0;
	}
}

/* Add autoscaling.KEY = v to set[0..*n) unless the set names it already
 * (a later member of set[] would win over the caller's value). */
static void add_default(tcas_cfg_set *set, size_t *n, const char *key,
                        const char *v)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (set[i].section && !strcmp(set[i].section, "autoscaling") &&
		    !strcmp(set[i].key, key))
			return;
	set[(*n)++] = (tcas_cfg_set){"autoscaling", key, v};
}

/* KEY VALUE pairs of `configure set` into the two files' edits. */
static int set_cmd(int argc, const char *const *argv)
{
	static tcas_cfg_set set[2][SET_MAX + 2];
	static char sec[SET_MAX][64], secret[SET_MAX][TCAS_TOKEN_MAX];
	size_t n[2] = {0, 0};
	int i, err, f, stdin_used = 0;

	if (argc == 0 || argc % 2)
		return fail("usage: tcas configure set KEY VALUE [KEY VALUE "
		            "...]%s%s",
		            "", "");
	if (argc / 2 > SET_MAX)
		return fail("at most 24 settings at once%s%s", "", "");
	for (i = 0; i < argc; i += 2) {
		const struct key *k = find_key(argv[i]);
		const char *dot = strchr(argv[i], '.'), *v = argv[i + 1];
		tcas_cfg_set *s;

		if (k == NULL && (dot == NULL || dot == argv[i] || !dot[1] ||
		                  (size_t)(dot - argv[i]) >= sizeof sec[0])) {
			const char *hint = tcas_cli_closest(
			    argv[i], keys, NKEYS, sizeof keys[0]);

			tcas_cli_fprintf(
			    stderr,
			    "tcas configure: unknown key '%s'%s%s%s"
			    "\n(keys: secretId secretKey token "
			    "region output timeout use-cvm-role "
			    "SERVICE.endpoint SERVICE.version)\n",
			    argv[i], hint ? "; did you mean " : "",
			    hint ? hint : "", hint ? "?" : "");
			return TCAS_EXIT_USAGE;
		}
		if ((err = check_value(k, argv[i], &v, secret[i / 2],
		                       sizeof secret[0], &stdin_used)) != 0)
			return err;
		f = k ? k->file : CONF;
		s = &set[f][n[f]++];
		memset(s, 0, sizeof *s);
		s->key = argv[i], s->value = v;
		if (k && k->kind == K_BOOL)
			s->key = "type",
			s->value = v[0] == 't' ? "cvm-role" : "default";
		else if (k && f == CONF)
			s->section = "_sys_param";
		else if (k == NULL) {
			size_t m = (size_t)(dot - argv[i]);

			memcpy(sec[i / 2], argv[i], m);
			sec[i / 2][m] = 0;
			/* tcas as: tccli keeps Auto Scaling under autoscaling
			 */
			s->section = strcmp(sec[i / 2], "as") ? sec[i / 2]
			                                      : "autoscaling";
			s->key = dot + 1;
		}
	}
	if (n[CONF] && value_of(CONF, "autoscaling", "version") == NULL) {
		/* as tccli, every configure file names the service's version
		 * and endpoint: the defaults, unless this set names them */
		add_default(set[CONF], &n[CONF], "version", TCAS_AS_VERSION);
		if (value_of(CONF, "autoscaling", "endpoint") == NULL)
			add_default(set[CONF], &n[CONF], "endpoint",
			            TCAS_CFG_AS_HOST);
	}
	for (f = CRED; f <= CONF; f++)
		if (n[f] && (err = save(f, set[f], n[f])) != 0)
			return err;
	return 0;
}

/* ---- get and list -------------------------------------------------------- */

/* A secret shown by its last four characters, as tccli's prompt does. */
static void show(const char *key, const char *v, int secret)
{
	size_t n = strlen(v);

	tcas_cli_fprintf(stdout, "%s = ", key);
	if (secret) {
		fputs("****", stdout);
		v += n > 12 ? n - 4 : n;
	}
	tcas_cli_put_clean(stdout, v);
	fputc('\n', stdout);
}

static int get_one(const char *key)
{
	const struct key *k = find_key(key);
	const char *dot = strchr(key, '.'), *v = NULL;
	char sec[64];

	v = value_of(CONF, "_sys_param", key);
	if (v == NULL || !*v)
		v = value_of(CRED, NULL, key);
	if ((v == NULL || !*v) && dot && (size_t)(dot - key) < sizeof sec) {
		memcpy(sec, key, (size_t)(dot - key));
		sec[dot - key] = 0;
		v = value_of(CONF, strcmp(sec, "as") ? sec : "autoscaling",
		             dot + 1);
	}
	if (v == NULL || !*v)
		return fail("%s is not set in profile %s", key, pf.name);
	show(key, v, k && k->kind == K_SECRET);
	return 0;
}

static void list_cmd(void)
{
	static char name[64], best[64], last[64];
	const tcas_json *d = &pf.doc[CONF];
	const char *v;
	size_t i;
	int k;

	fputs("credential:\n", stdout);
	for (i = 0; i < NKEYS; i++)
		if (keys[i].file == CRED &&
		    (v = value_of(CRED, NULL, keys[i].name)) && *v &&
		    strcmp(v, "None") != 0)
			show(keys[i].name, v, keys[i].kind == K_SECRET);
	if ((v = value_of(CRED, NULL, "type")) != NULL && *v)
		show("type", v, 0);
	fputs("configure:\n", stdout);
	for (i = 0; i < NKEYS; i++)
		if (keys[i].file == CONF &&
		    (v = value_of(CONF, "_sys_param", keys[i].name)) && *v)
			show(keys[i].name, v, 0);
	/* then SERVICE.version and .endpoint, services in sorted order */
	for (last[0] = 0;;) {
		best[0] = 0;
		for (k = pf.ok[CONF] ? tcas_json_first(d, 0) : -1; k >= 0;
		     k = tcas_json_next(d, k))
			if (tcas_json_type_of(d, k + 1) == TCAS_JSON_OBJECT &&
			    !tcas_json_str_eq(d, k, "_sys_param") &&
			    !tcas_json_get_string(d, k, name, sizeof name,
			                          NULL) &&
			    (!last[0] || strcmp(name, last) > 0) &&
			    (!best[0] || strcmp(name, best) < 0))
				memcpy(best, name, sizeof best);
		if (!best[0])
			break;
		for (i = 0; i < 2; i++) {
			static char key[80];
			const char *f = i ? "endpoint" : "version";

			if ((v = value_of(CONF, best, f)) == NULL)
				continue;
			tcas_cli_snprintf(key, sizeof key, "%s.%s", best, f);
			show(key, v, 0);
		}
		memcpy(last, best, sizeof last);
	}
}

/* ---- the interactive form ------------------------------------------------ */

/* v copied into buf[TCAS_TOKEN_MAX] (value_of's size), or NULL. */
static const char *kept(const char *v, char *buf)
{
	return v ? memcpy(buf, v, strlen(v) + 1) : NULL;
}

/* tcas configure [--secretId ..] [--secretKey ..] [--region ..] ...:
 * asks (on a terminal) for what the options leave out, the current
 * values as defaults, and sets them as `set` would. */
static int interactive(const tcas_cli_opts *o)
{
	static char ans[4][TCAS_TOKEN_MAX], now[4][TCAS_TOKEN_MAX];
	static const char *const names[4] = {"secretId", "secretKey", "region",
	                                     "output"};
	const char *given[4], *cur[4], *v[4], *argv[2 * 6];
	int i, argc = 0;

	given[0] = o->secret_id, given[1] = o->secret_key;
	given[2] = o->region, given[3] = o->output;
	/* value_of() returns one static buffer: each current value is copied
	 * before the next is read (and before set_cmd reads more) */
	cur[0] = kept(value_of(CRED, NULL, "secretId"), now[0]);
	cur[1] = kept(value_of(CRED, NULL, "secretKey"), now[1]);
	cur[2] = kept(value_of(CONF, "_sys_param", "region"), now[2]);
	cur[3] = kept(value_of(CONF, "_sys_param", "output"), now[3]);
	for (i = 0; i < 4; i++) {
		static char prompt[96];
		const char *c = cur[i] && *cur[i] && strcmp(cur[i], "None")
		                    ? cur[i]
		                : i == 2 ? "ap-guangzhou"
		                : i == 3 ? "json"
		                         : NULL;
		size_t n = c ? strlen(c) : 0;

		v[i] = given[i];
		if (v[i] != NULL)
			continue;
		tcas_cli_snprintf(prompt, sizeof prompt, "%s [%s%s]", names[i],
		                  c && i < 2 ? "*" : "",
		                  c ? (i < 2 && n > 4 ? c + n - 4 : c)
		                    : "None");
		if (tcas_cli_read_line(prompt, i == 1, ans[i], sizeof ans[i]))
			return fail("%s: holds a NUL byte or is too long%s",
			            names[i], "");
		v[i] = ans[i][0] ? ans[i] : c;
		if (v[i] == NULL)
			return fail("%s is required%s", names[i], "");
	}
	for (i = 0; i < 4; i++) {
		argv[argc++] = names[i];
		argv[argc++] = v[i];
	}
	if (o->token) {
		argv[argc++] = "token";
		argv[argc++] = o->token;
	}
	if (o->endpoint) {
		argv[argc++] = "autoscaling.endpoint";
		argv[argc++] = o->endpoint;
	}
	return set_cmd(argc, argv);
}

int tcas_cli_configure(const tcas_cli_opts *o)
{
	const char *sub = o->nparams ? o->params[0] : NULL;
	int err = open_profile(o), i;

	if (err)
		return err;
	if (sub == NULL)
		return interactive(o);
	if (strcmp(sub, "set") == 0)
		return set_cmd(o->nparams - 1,
		               (const char *const *)(o->params + 1));
	if (strcmp(sub, "get") == 0) {
		if (o->nparams < 2)
			return fail("usage: tcas configure get KEY ...%s%s", "",
			            "");
		for (i = 1; i < o->nparams; i++)
			if ((err = get_one(o->params[i])) != 0)
				return err;
		return 0;
	}
	if (strcmp(sub, "list") == 0 && o->nparams == 1)
		return list_cmd(), 0;
	return fail("expected set, get or list, not '%s'%s", sub, "");
}

#else /* !TCAS_CLI_WITH_CONFIGURE: refused, saying why */

int tcas_cli_configure(const tcas_cli_opts *o)
{
	(void)o;
	return tcas_cli_without("configure", "configure",
	                        "TCAS_CLI_WITH_CONFIGURE");
}

#endif /* TCAS_CLI_WITH_CONFIGURE */
