/* Unit tests for the credentials/settings chain (src/creds.c, tcas/creds.h)
 * over a fake environment, file system and metadata service: every source,
 * their precedence, every error code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tcas/creds.h"
#include "tcas/error.h"

#define MAXN 16
struct fake {
	const char *env[MAXN][2];
	const char *file[MAXN][2]; /* path, content */
	int file_mode[MAXN];       /* 1: readable by others */
	const char *meta[MAXN][2]; /* path, body */
	int meta_calls;
	const char *read_fail; /* path whose read fails with TCAS_E_CFG_READ */
};

static const char *f_getenv(void *ctx, const char *name)
{
	struct fake *f = ctx;
	int i;

	for (i = 0; i < MAXN && f->env[i][0]; i++)
		if (strcmp(f->env[i][0], name) == 0)
			return f->env[i][1];
	return NULL;
}

static int f_read(void *ctx, const char *path, int secret, char *buf,
                  size_t cap, size_t *len)
{
	struct fake *f = ctx;
	int i;

	if (f->read_fail && strcmp(path, f->read_fail) == 0)
		return TCAS_E_CFG_READ;
	for (i = 0; i < MAXN && f->file[i][0]; i++) {
		if (strcmp(f->file[i][0], path) != 0)
			continue;
		if (secret && f->file_mode[i])
			return TCAS_E_CFG_PERM;
		*len = strlen(f->file[i][1]);
		if (*len > cap)
			return TCAS_E_CFG_TOO_LARGE;
		memcpy(buf, f->file[i][1], *len);
		return TCAS_OK;
	}
	return TCAS_E_CFG_NOFILE;
}

static int f_meta(void *ctx, const char *path, char *buf, size_t cap,
                  size_t *len)
{
	struct fake *f = ctx;
	int i;

	f->meta_calls++;
	for (i = 0; i < MAXN && f->meta[i][0]; i++) {
		if (strcmp(f->meta[i][0], path) != 0)
			continue;
		*len = strlen(f->meta[i][1]);
		if (*len > cap)
			return TCAS_E_NOSPACE;
		memcpy(buf, f->meta[i][1], *len);
		return TCAS_OK;
	}
	return TCAS_E_NET_TIMEOUT;
}

static struct fake fk;
static tcas_cfg cfg;
static tcas_cfg_io io = {&fk, f_getenv, f_read, f_meta};

static int setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof fk);
	tcas_cfg_init(&cfg);
	fk.env[0][0] = "HOME", fk.env[0][1] = "/h";
	return 0;
}

static void env_set(const char *k, const char *v)
{
	int i = 0;

	while (fk.env[i][0])
		i++;
	fk.env[i][0] = k, fk.env[i][1] = v;
}

static void file_set(const char *p, const char *v, int open_mode)
{
	int i = 0;

	while (fk.file[i][0])
		i++;
	fk.file[i][0] = p, fk.file[i][1] = v, fk.file_mode[i] = open_mode;
}

static void meta_set(const char *p, const char *v)
{
	int i = 0;

	while (fk.meta[i][0])
		i++;
	fk.meta[i][0] = p, fk.meta[i][1] = v;
}

#define ENV_PAIR()                                                             \
	(env_set("TENCENTCLOUD_SECRET_ID", "envid"),                           \
	 env_set("TENCENTCLOUD_SECRET_KEY", "envkey"))
static const char ini[] = "# comment\n; other\n[other]\nsecret_id = no\n"
                          "[default]\n  secret_id = iniid \nsecret_key=inikey\n"
                          "token = initok\n";
static const char cred[] = "{\"secretId\": \"cliid\", \"secretKey\": "
                           "\"clikey\", \"token\": \"None\", \"type\": "
                           "\"default\"}";
static const char conf[] = "{\"_sys_param\": {\"region\": \"ap-shanghai\", "
                           "\"output\": \"table\", \"timeout\": 7}, "
                           "\"autoscaling\": {\"endpoint\": "
                           "\"as.example.com\", \"version\": \"2018-04-19\"}}";

static void test_nothing(void **state)
{
	(void)state;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_NO_CREDENTIALS);
	assert_string_equal(cfg.secret_id, "");
	assert_int_equal(tcas_cfg_load(NULL, &io), TCAS_E_ARG);
	assert_int_equal(tcas_cfg_load(&cfg, NULL), TCAS_E_ARG);
	assert_int_equal(fk.meta_calls, 0); /* the role is off unless asked */
}

static void test_defaults(void **state)
{
	(void)state;
	ENV_PAIR();
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.region, "ap-guangzhou");
	assert_string_equal(cfg.region_source, "default");
	assert_string_equal(cfg.output, "json");
	assert_string_equal(cfg.endpoint, "");
	assert_int_equal(cfg.timeout_ms, TCAS_TIMEOUT_MS_DEFAULT);
	assert_string_equal(cfg.profile, "default");
}

static void test_options_win(void **state)
{
	(void)state;
	ENV_PAIR();
	file_set("/h/.tencentcloud/credentials", ini, 0);
	cfg.opt_secret_id = "oid", cfg.opt_secret_key = "okey";
	cfg.opt_token = "otok";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "oid");
	assert_string_equal(cfg.token, "otok");
	assert_string_equal(cfg.cred_source, "options");
	cfg.opt_secret_key = NULL;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_INCOMPLETE);
	assert_string_equal(cfg.secret_id, ""); /* nothing left behind */
}

static void test_env(void **state)
{
	(void)state;
	ENV_PAIR();
	env_set("TENCENTCLOUD_TOKEN", "tccli-tok");
	file_set("/h/.tencentcloud/credentials", ini, 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "envid");
	assert_string_equal(cfg.secret_key, "envkey");
	assert_string_equal(cfg.token, "tccli-tok");
	assert_string_equal(cfg.cred_source, "environment");
	env_set("TENCENTCLOUD_SESSION_TOKEN", "sdk-tok"); /* preferred */
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.token, "sdk-tok");
}

static void test_env_half(void **state)
{
	(void)state;
	env_set("TENCENTCLOUD_SECRET_ID", "envid");
	env_set("TENCENTCLOUD_SECRET_KEY", ""); /* empty = unset */
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_INCOMPLETE);
	assert_non_null(strstr(cfg.where, "TENCENTCLOUD_SECRET_KEY"));
}

static void test_ini(void **state)
{
	(void)state;
	file_set("/h/.tencentcloud/credentials", ini, 0);
	file_set("/h/.tccli/default.credential", cred, 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "iniid");
	assert_string_equal(cfg.secret_key, "inikey");
	assert_string_equal(cfg.token, "initok");
	assert_string_equal(cfg.cred_source, "ini file");
}

/* init clears inputs and results, not the scratch (written before it is
 * read): a load over scratch full of garbage gives the same results. */
static void test_init_keeps_scratch(void **state)
{
	(void)state;
	memset(&cfg, 0xA5, sizeof cfg);
	assert_int_equal(tcas_cfg_init(&cfg), TCAS_OK);
	assert_int_equal(tcas_cfg_init(NULL), TCAS_E_ARG);
	assert_null(cfg.opt_secret_id);
	assert_null(cfg.opt_profile);
	assert_int_equal(cfg.use_cvm_role, 0);
	assert_string_equal(cfg.where, "");
	assert_int_equal((unsigned char)cfg.path[0], 0xA5);
	assert_int_equal((unsigned char)cfg.file[0], 0xA5);
	file_set("/h/.tencentcloud/credentials", ini, 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "iniid");
	assert_string_equal(cfg.secret_key, "inikey");
	assert_string_equal(cfg.token, "initok");
	assert_string_equal(cfg.region, "ap-guangzhou");
}

static void test_ini_etc_and_var(void **state)
{
	(void)state;
	file_set("/etc/tencentcloud/credentials", ini, 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "iniid");
	env_set("TENCENTCLOUD_CREDENTIALS_FILE", "/x/creds");
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_NOFILE);
	assert_string_equal(cfg.where, "/x/creds");
	file_set("/x/creds", "[default]\nsecret_id=x\nsecret_key=y\n", 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_key, "y");
}

static void test_ini_empty_var(void **state)
{
	(void)state;
	env_set("TENCENTCLOUD_CREDENTIALS_FILE", "");
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_INCOMPLETE);
	assert_string_equal(cfg.where, "TENCENTCLOUD_CREDENTIALS_FILE");
}

static void test_ini_errors(void **state)
{
	(void)state;
	file_set("/h/.tencentcloud/credentials", "[default]\nsecret_id=a\n", 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_INCOMPLETE);
	assert_string_equal(cfg.where, "/h/.tencentcloud/credentials");
	fk.file[0][1] = "[default]\nsecret_id a\n";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
	fk.file[0][1] = "[default\n";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
	fk.file[0][1] = ini;
	fk.file_mode[0] = 1;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_PERM);
	assert_string_equal(cfg.where, "/h/.tencentcloud/credentials");
	fk.file_mode[0] = 0;
	fk.read_fail = "/h/.tencentcloud/credentials";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_READ);
}

static void test_ini_get(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(tcas_cfg_ini_get(ini, strlen(ini), "default", "token",
	                                  out, sizeof out),
	                 TCAS_OK);
	assert_string_equal(out, "initok");
	assert_int_equal(
	    tcas_cfg_ini_get(ini, strlen(ini), "default", "secret_key", out, 4),
	    TCAS_E_CFG_VALUE_TOO_LONG);
	assert_int_equal(tcas_cfg_ini_get(ini, strlen(ini), "nope", "token",
	                                  out, sizeof out),
	                 TCAS_E_JSON_NOT_FOUND);
	assert_int_equal(tcas_cfg_ini_get(NULL, 0, "a", "b", out, 1),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_cfg_ini_get("=x\n", 3, "a", "b", out, 8),
	                 TCAS_E_CFG_SYNTAX);
}

static void test_tccli(void **state)
{
	(void)state;
	file_set("/h/.tccli/default.credential", cred, 0);
	file_set("/h/.tccli/default.configure", conf, 1); /* may be 0644 */
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "cliid");
	assert_string_equal(cfg.token, ""); /* "None" is unset */
	assert_string_equal(cfg.cred_source, "tccli profile");
	assert_string_equal(cfg.region, "ap-shanghai");
	assert_string_equal(cfg.region_source, "tccli configure");
	assert_string_equal(cfg.output, "table");
	assert_string_equal(cfg.endpoint, "as.example.com");
	assert_int_equal(cfg.timeout_ms, 7000);
}

static void test_tccli_old_layout(void **state)
{
	(void)state;
	ENV_PAIR();
	file_set("/h/.tccli/default.configure",
	         "{\"region\": \"ap-beijing\", \"output\": \"text\"}", 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.region, "ap-beijing");
	assert_string_equal(cfg.output, "text");
	/* no autoscaling object: no endpoint (the output's value once
	 * became the endpoint, and the call went to host "text") */
	assert_string_equal(cfg.endpoint, "");
	file_set("/h/.tccli/default.configure",
	         "{\"_sys_param\": {\"output\": \"json\"}}", 0);
	cfg.opt_output = "text";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.output, "text");
	assert_string_equal(cfg.endpoint, "");
}

static void test_settings_precedence(void **state)
{
	(void)state;
	ENV_PAIR();
	env_set("TENCENTCLOUD_REGION", "ap-nanjing");
	file_set("/h/.tccli/default.configure", conf, 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.region, "ap-nanjing");
	assert_string_equal(cfg.region_source, "environment");
	cfg.opt_region = "ap-chengdu", cfg.opt_output = "json";
	cfg.opt_endpoint = "localhost:1", cfg.opt_timeout_ms = 1000;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.region, "ap-chengdu");
	assert_string_equal(cfg.region_source, "options");
	assert_string_equal(cfg.output, "json");
	assert_string_equal(cfg.endpoint, "localhost:1");
	assert_int_equal(cfg.timeout_ms, 1000);
}

static void test_profile(void **state)
{
	(void)state;
	ENV_PAIR(); /* ignored with an explicit profile, as in tccli */
	env_set("TENCENTCLOUD_REGION", "ap-nanjing");
	file_set("/h/.tencentcloud/credentials", ini, 0);
	file_set("/h/.tccli/prod.credential", cred, 0);
	file_set("/h/.tccli/prod.configure", conf, 0);
	cfg.opt_profile = "prod";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "cliid");
	assert_string_equal(cfg.region, "ap-shanghai");
	cfg.opt_profile = "staging";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_NOFILE);
	assert_string_equal(cfg.where, "/h/.tccli/staging.credential");
	cfg.opt_profile = "../etc";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_BAD_NAME);
	cfg.opt_profile = "";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_BAD_NAME);
}

static void test_tccli_profile_env(void **state)
{
	(void)state;
	env_set("TCCLI_PROFILE", "prod");
	file_set("/h/.tccli/prod.credential", cred, 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.profile, "prod");
	assert_string_equal(cfg.secret_id, "cliid");
}

static void test_tccli_errors(void **state)
{
	(void)state;
	cfg.opt_profile = "p";
	file_set("/h/.tccli/p.credential", cred, 1);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_PERM);
	assert_string_equal(cfg.where, "/h/.tccli/p.credential");
	fk.file_mode[0] = 0;
	fk.file[0][1] = "{\"secretId\": 5}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
	fk.file[0][1] = "{\"secretId\": \"a\"";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
	fk.file[0][1] = "[]";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
	fk.file[0][1] = "{\"secretId\": \"a\"}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_INCOMPLETE);
	fk.file[0][1] = "{\"secretId\": \"a\", \"secretKey\": \"b\", "
	                "\"type\": \"oauth\"}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_UNSUPPORTED);
	fk.file[0][1] = "{}"; /* explicit profile without keys */
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_INCOMPLETE);
}

static void test_configure_errors(void **state)
{
	(void)state;
	ENV_PAIR();
	file_set("/h/.tccli/default.configure", "{\"region\": 3}", 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
	assert_string_equal(cfg.where, "/h/.tccli/default.configure");
	fk.file[0][1] = "{\"_sys_param\": {\"timeout\": 0}}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
	fk.file[0][1] = "{\"_sys_param\": {\"output\": "
	                "\"much-too-long-output-name\"}}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_VALUE_TOO_LONG);
	fk.file[0][1] = "not json";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_SYNTAX);
}

/* _sys_param.timeout as tcas configure set writes it: a string of
 * digits, 1 to 3600 seconds; anything else is the file's syntax error. */
static void test_configure_timeout_text(void **state)
{
	static const struct {
		const char *json;
		int err;
		uint32_t ms;
	} v[] = {
	    {"\"30\"", TCAS_OK, 30000},
	    {"\"3600\"", TCAS_OK, 3600000},
	    {"\"1\"", TCAS_OK, 1000},
	    {"\"0\"", TCAS_E_CFG_SYNTAX, 0},
	    {"\"3601\"", TCAS_E_CFG_SYNTAX, 0},
	    {"\"99999999999999999999\"", TCAS_E_CFG_SYNTAX, 0},
	    {"\"\"", TCAS_E_CFG_SYNTAX, 0},
	    {"\"3a\"", TCAS_E_CFG_SYNTAX, 0},
	    {"\" 30\"", TCAS_E_CFG_SYNTAX, 0},
	    {"\"-5\"", TCAS_E_CFG_SYNTAX, 0},
	    {"\"12345678901234567\"", TCAS_E_CFG_SYNTAX, 0}, /* > 15 bytes */
	    {"3600", TCAS_OK, 3600000},
	    {"3601", TCAS_E_CFG_SYNTAX, 0},
	    {"1.5", TCAS_E_CFG_SYNTAX, 0},
	    {"true", TCAS_E_CFG_SYNTAX, 0},
	};
	static char text[128];
	size_t i;

	(void)state;
	ENV_PAIR();
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		snprintf(text, sizeof text,
		         "{\"_sys_param\": {\"timeout\": %s}}", v[i].json);
		file_set("/h/.tccli/default.configure", text, 0);
		assert_int_equal(tcas_cfg_load(&cfg, &io), v[i].err);
		if (v[i].err == TCAS_OK)
			assert_int_equal(cfg.timeout_ms, v[i].ms);
		else
			assert_string_equal(cfg.where,
			                    "/h/.tccli/default.configure");
	}
}

static void test_too_long(void **state)
{
	static char big[TCAS_TOKEN_MAX + 10];

	(void)state;
	memset(big, 'a', sizeof big - 1);
	ENV_PAIR();
	env_set("TENCENTCLOUD_SESSION_TOKEN", big);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_VALUE_TOO_LONG);
	assert_string_equal(cfg.secret_id, "");
	fk.env[3][1] = "t";
	cfg.opt_region = big;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_VALUE_TOO_LONG);
	assert_string_equal(cfg.where, "region");
}

static const char meta_ok[] =
    "{\"TmpSecretId\": \"tmpid\", \"TmpSecretKey\": \"tmpkey\", \"Token\": "
    "\"tmptok\", \"ExpiredTime\": 1767232799, \"Code\": \"Success\"}";

static void test_cvm_role(void **state)
{
	(void)state;
	ENV_PAIR(); /* --use-cvm-role wins over the environment */
	meta_set("cam/security-credentials/", "gw-role\n");
	meta_set("cam/security-credentials/gw-role", meta_ok);
	cfg.use_cvm_role = 1;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "tmpid");
	assert_string_equal(cfg.token, "tmptok");
	assert_int_equal(cfg.expires, 1767232799);
	assert_string_equal(cfg.cred_source, "cvm role");
	assert_int_equal(fk.meta_calls, 2);
	cfg.opt_cvm_role = "gw-role"; /* skips the role lookup */
	fk.meta_calls = 0;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_int_equal(fk.meta_calls, 1);
}

static void test_cvm_from_profile(void **state)
{
	(void)state;
	file_set("/h/.tccli/default.credential", "{\"type\": \"cvm-role\"}", 0);
	meta_set("cam/security-credentials/", "r");
	meta_set("cam/security-credentials/r", meta_ok);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_key, "tmpkey");
}

static void test_cvm_errors(void **state)
{
	(void)state;
	cfg.use_cvm_role = 1;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_METADATA);
	meta_set("cam/security-credentials/", "bad/role");
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_METADATA);
	fk.meta[0][1] = "r";
	meta_set("cam/security-credentials/r",
	         "{\"Code\": \"Failed\", \"TmpSecretId\": \"x\"}");
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_METADATA);
	assert_string_equal(cfg.secret_id, "");
	fk.meta[1][1] = "{\"Code\": \"Success\", \"TmpSecretId\": \"x\"}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_METADATA);
	fk.meta[1][1] = "not json";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_METADATA);
	cfg.opt_cvm_role = "../x";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_BAD_NAME);
	io.metadata_get = NULL;
	cfg.opt_cvm_role = NULL;
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_METADATA);
	io.metadata_get = f_meta;
}

static tcas_cfg scratch;

static void test_write_tccli(void **state)
{
	static char c1[1024], c2[1024];
	static const tcas_cfg_set cset[] = {{NULL, "secretKey", "key"},
	                                    {NULL, "secretId", "id"}};
	static const tcas_cfg_set fset[] = {
	    {"_sys_param", "region", "ap-x"},
	    {"autoscaling", "version", "2018-04-19"},
	    {"autoscaling", "endpoint", "as.tencentcloudapi.com"}};
	size_t n1, n2;

	(void)state;
	assert_int_equal(
	    tcas_cfg_edit(&scratch, NULL, 0, cset, 2, c1, sizeof c1, &n1),
	    TCAS_OK);
	/* Python's json.dump(indent=2, sort_keys=True): no final newline */
	assert_string_equal(c1, "{\n  \"secretId\": \"id\",\n  \"secretKey\": "
	                        "\"key\"\n}");
	assert_int_equal(n1, strlen(c1));
	assert_int_equal(
	    tcas_cfg_edit(&scratch, NULL, 0, fset, 3, c2, sizeof c2, &n2),
	    TCAS_OK);
	assert_string_equal(c2, "{\n  \"_sys_param\": {\n    \"region\": "
	                        "\"ap-x\"\n  },\n"
	                        "  \"autoscaling\": {\n    \"endpoint\": "
	                        "\"as.tencentcloudapi.com\",\n    \"version\": "
	                        "\"2018-04-19\"\n  }\n}");
	assert_int_equal(n2, strlen(c2));
	/* what was written reads back */
	file_set("/h/.tccli/default.credential", c1, 0);
	file_set("/h/.tccli/default.configure", c2, 0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_key, "key");
	assert_string_equal(cfg.region, "ap-x");
}

static void test_write_merge(void **state)
{
	static char c1[1024];
	static const char old[] =
	    "{\"cvm\": {\"version\": \"2017-03-12\", \"endpoint\": "
	    "\"cvm.tencentcloudapi.com\"}, \"region\": \"ap-old\", "
	    "\"_sys_param\": {\"language\": \"zh-CN\", \"region\": \"ap-dup\", "
	    "\"region\": \"ap-old\", \"arrayCount\": 10, \"e\": {}, \"l\": "
	    "[]}, "
	    "\"autoscaling\": {\"endpoint\": \"as.old\", \"k\": \"a\\\"b\"}}";
	tcas_cfg_set set[2] = {{"_sys_param", "output", "table"},
	                       {"autoscaling", "k", NULL}};
	size_t n;

	(void)state;
	assert_int_equal(tcas_cfg_edit(&scratch, old, strlen(old), set, 2, c1,
	                               sizeof c1, &n),
	                 TCAS_OK);
	/* one setting changed, every other kept (the last of duplicates),
	 * keys sorted at every level, a removal */
	assert_string_equal(
	    c1, "{\n  \"_sys_param\": {\n    \"arrayCount\": 10,\n"
	        "    \"e\": {},\n    \"l\": [],\n    \"language\": \"zh-CN\",\n"
	        "    \"output\": \"table\",\n    \"region\": \"ap-old\"\n  },\n"
	        "  \"autoscaling\": {\n    \"endpoint\": \"as.old\"\n  },\n"
	        "  \"cvm\": {\n    \"endpoint\": \"cvm.tencentcloudapi.com\",\n"
	        "    \"version\": \"2017-03-12\"\n  },\n"
	        "  \"region\": \"ap-old\"\n}");
	/* the text may lie in the scratch's own buffer (as tcas reads it) */
	memcpy(scratch.file, old, sizeof old);
	assert_int_equal(tcas_cfg_edit(&scratch, scratch.file, strlen(old), set,
	                               2, c1, sizeof c1, &n),
	                 TCAS_OK);
	assert_int_equal(
	    tcas_cfg_edit(&scratch, "[1]", 3, set, 2, c1, sizeof c1, &n),
	    TCAS_E_CFG_SYNTAX);
	assert_int_equal(tcas_cfg_edit(&scratch, "{\"_sys_param\": 1}", 17, set,
	                               2, c1, sizeof c1, &n),
	                 TCAS_E_CFG_SYNTAX);
	assert_int_equal(
	    tcas_cfg_edit(&scratch, old, strlen(old), set, 2, c1, 20, &n),
	    TCAS_E_NOSPACE);
	assert_int_equal(
	    tcas_cfg_edit(&scratch, old, strlen(old), set, 2, c1, 200, &n),
	    TCAS_E_NOSPACE);
	set[0].value = "id\xff";
	assert_int_equal(
	    tcas_cfg_edit(&scratch, NULL, 0, set, 1, c1, sizeof c1, &n),
	    TCAS_E_UTF8);
	set[0].key = NULL;
	assert_int_equal(
	    tcas_cfg_edit(&scratch, NULL, 0, set, 1, c1, sizeof c1, &n),
	    TCAS_E_ARG);
	assert_int_equal(tcas_cfg_edit(&scratch, NULL, 0, NULL, 0, scratch.file,
	                               sizeof c1, &n),
	                 TCAS_E_ARG);
}

/* Every output capacity: too small is TCAS_E_NOSPACE (the compact
 * merge or its sorted, indented form), one byte more than the result is
 * enough; and an old file whose indented form outgrows the scratch
 * (TCAS_CFG_FILE_MAX) is TCAS_E_NOSPACE too, never a cut file. */
static void test_write_caps(void **state)
{
	static char out[TCAS_CFG_FILE_MAX], old[TCAS_CFG_FILE_MAX];
	static const tcas_cfg_set set[] = {{"_sys_param", "region", "ap-x"},
	                                   {"_sys_param", "output", "text"}};
	static const char base[] =
	    "{\"_sys_param\":{\"language\":\"zh-CN\"},"
	    "\"cvm\":{\"endpoint\":\"c\",\"version\":\"v\"}}";
	size_t n, full, cap, k;

	(void)state;
	assert_int_equal(tcas_cfg_edit(&scratch, base, strlen(base), set, 2,
	                               out, sizeof out, &full),
	                 TCAS_OK);
	for (cap = 1; cap <= full + 1; cap++)
		assert_int_equal(tcas_cfg_edit(&scratch, base, strlen(base),
		                               set, 2, out, cap, &n),
		                 cap <= full ? TCAS_E_NOSPACE : TCAS_OK);
	assert_int_equal(n, full);
	/* 1,000 members, compact 30 KB (2,003 tokens), indented 36 KB */
	k = (size_t)sprintf(old, "{\"_sys_param\":{");
	for (n = 0; n < 1000; n++)
		k += (size_t)sprintf(old + k, "%s\"k%04zu\":\"%019zu\"",
		                     n ? "," : "", n, n);
	strcpy(old + k, "}}");
	assert_int_equal(tcas_cfg_edit(&scratch, old, strlen(old), NULL, 0, out,
	                               sizeof out, &n),
	                 TCAS_E_NOSPACE);
	/* more values than the token array holds: the limit, not a syntax
	 * error */
	k = (size_t)sprintf(old, "{\"l\":[");
	for (n = 0; n < TCAS_CFG_TOKENS_MAX; n++)
		k += (size_t)sprintf(old + k, "%s1", n ? "," : "");
	strcpy(old + k, "]}");
	assert_int_equal(tcas_cfg_edit(&scratch, old, strlen(old), set, 2, out,
	                               sizeof out, &n),
	                 TCAS_E_CFG_TOO_LARGE);
}

/* configparser's reading (see creds.c); python3 agrees in test/e2e. */
static void test_ini_configparser(void **state)
{
	static const struct {
		const char *text;
		int rc;
		const char *value; /* of [default] secret_id */
	} cases[] = {
	    {"[default]\nSECRET_ID : a\n", TCAS_OK, "a"},
	    {"[default]\r\nsecret_id = a\r\n", TCAS_OK, "a"},
	    {"[default]\rsecret_id = a\r", TCAS_OK, "a"},
	    {"[default]x\nsecret_id = a=b\n", TCAS_OK, "a=b"},
	    {"[default]\n  ; c\n\tsecret_id = a # c\n", TCAS_OK, "a # c"},
	    {"[default]\nsecret_id = a\n  b\n\n", TCAS_OK, "a\nb"},
	    {"[default]\nsecret_id = a\n\n  # c\n   b\nx=1\n", TCAS_OK,
	     "a\n\nb"},
	    {"[a]]\n[default]\nsecret_id = a\n", TCAS_OK, "a"},
	    {"[DEFAULT]\nsecret_id = d\n[default]\nsecret_id = a\n", TCAS_OK,
	     "a"},
	    {"[default]\nsecret_id = a\nSecret_Id = b\n", TCAS_E_CFG_SYNTAX,
	     ""},
	    {"[default]\n[default]\n", TCAS_E_CFG_SYNTAX, ""},
	    {"[o]\nk=1\n[o]\n[default]\nsecret_id = a\n", TCAS_E_CFG_SYNTAX,
	     ""},
	    {"[o]\nk=1\nk=2\n[default]\nsecret_id = a\n", TCAS_E_CFG_SYNTAX,
	     ""},
	    {"[DEFAULT]\n[DEFAULT]\n[default]\nsecret_id = a\n", TCAS_OK, "a"},
	    {"secret_id = a\n[default]\n", TCAS_E_CFG_SYNTAX, ""},
	    {"[]\n[default]\nsecret_id = a\n", TCAS_E_CFG_SYNTAX, ""},
	    {"[default]\n = a\n", TCAS_E_CFG_SYNTAX, ""},
	    {"[ default ]\nsecret_id = a\n", TCAS_E_JSON_NOT_FOUND, ""},
	};
	static const char nul[] = "[default]\nsecret_id = a\0b\n";
	char out[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].text;

		assert_int_equal(tcas_cfg_ini_get(t, strlen(t), "default",
		                                  "secret_id", out, sizeof out),
		                 cases[i].rc);
		if (cases[i].rc == TCAS_OK)
			assert_string_equal(out, cases[i].value);
	}
	/* a NUL would cut the value short: an error */
	assert_int_equal(tcas_cfg_ini_get(nul, sizeof nul - 1, "default",
	                                  "secret_id", out, sizeof out),
	                 TCAS_E_CFG_BAD_VALUE);
}

/* NUL, control characters and bad UTF-8 in a credential, wherever it
 * comes from; a duplicated key in a tccli file: the last counts. */
static void test_bad_values(void **state)
{
	(void)state;
	file_set("/h/.tccli/default.credential",
	         "{\"secretId\": \"first\", \"secretKey\": \"k\", "
	         "\"secretId\": \"last\"}",
	         0);
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
	assert_string_equal(cfg.secret_id, "last");
	fk.file[0][1] = "{\"secretId\": \"a\\u0000b\", \"secretKey\": \"k\"}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_BAD_VALUE);
	assert_string_equal(cfg.where, "/h/.tccli/default.credential");
	fk.file[0][1] = "{\"secretId\": \"a\\nb\", \"secretKey\": \"k\"}";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_BAD_VALUE);
	assert_string_equal(cfg.secret_id, "");
	env_set("TENCENTCLOUD_SECRET_ID", "id\x7f");
	env_set("TENCENTCLOUD_SECRET_KEY", "k");
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_BAD_VALUE);
	assert_string_equal(cfg.where,
	                    "TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY");
	cfg.opt_secret_id = "id", cfg.opt_secret_key = "k\xc3(";
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_E_CFG_BAD_VALUE);
	cfg.opt_secret_key = "k\xc3\xa9"; /* UTF-8 is fine */
	assert_int_equal(tcas_cfg_load(&cfg, &io), TCAS_OK);
}

static void test_error_texts(void **state)
{
	(void)state;
	assert_non_null(strstr(tcas_strerror(TCAS_E_CFG_PERM), "chmod 600"));
	assert_non_null(
	    strstr(tcas_strerror(TCAS_E_CFG_TOO_LARGE), "TCAS_CFG_FILE_MAX"));
	assert_int_equal(tcas_err_class_of(TCAS_E_CFG_PERM), TCAS_CLASS_USAGE);
}

#define T(f) cmocka_unit_test_setup(f, setup)
int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_nothing),
	    T(test_init_keeps_scratch),
	    T(test_defaults),
	    T(test_options_win),
	    T(test_env),
	    T(test_env_half),
	    T(test_ini),
	    T(test_ini_etc_and_var),
	    T(test_ini_empty_var),
	    T(test_ini_errors),
	    T(test_ini_get),
	    T(test_tccli),
	    T(test_tccli_old_layout),
	    T(test_settings_precedence),
	    T(test_profile),
	    T(test_tccli_profile_env),
	    T(test_tccli_errors),
	    T(test_configure_errors),
	    T(test_configure_timeout_text),
	    T(test_too_long),
	    T(test_cvm_role),
	    T(test_cvm_from_profile),
	    T(test_cvm_errors),
	    T(test_write_tccli),
	    T(test_ini_configparser),
	    T(test_bad_values),
	    T(test_write_merge),
	    T(test_write_caps),
	    T(test_error_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
