/*
 * fuzz_creds.c - libFuzzer harness for the credential and settings readers
 * (tcas/creds.h): the whole tcas_cfg_load() chain over in-memory files,
 * tcas_cfg_ini_get() into short buffers, and tcas_cfg_edit() over a
 * fuzzed old configure file.
 *
 * Input: up to four NUL-separated parts, served as
 *   0  the SDK INI credentials file ($TENCENTCLOUD_CREDENTIALS_FILE)
 *   1  tccli's <profile>.credential (JSON)
 *   2  tccli's <profile>.configure (JSON)
 *   3  the metadata service's role credentials (JSON)
 * Which sources are enabled (environment, named profile, CVM role) comes
 * from a hash of the input. Files are copied only when they fit the cap
 * the library passes (else TCAS_E_CFG_TOO_LARGE, as a real reader would).
 *
 * Invariants: documented return codes only; every result string is
 * NUL-terminated inside its field; on success both key halves are set, the
 * sources are named and region/endpoint/output are non-empty; c->where
 * never contains the secret key; written profile files parse as JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcas/creds.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "fuzz/check.h"

#define NUL_IN(a) (memchr((a), 0, sizeof(a)) != NULL)

static struct io_state {
	const char *part[4];
	size_t len[4];
	uint32_t h;
	int reads, metas;
} st;

static tcas_cfg cfg;
static jsmntok_t toks[4096];
static char conf_out[65536];

static const char *io_getenv(void *ctx, const char *name)
{
	(void)ctx;
	CHECK(name != NULL);
	if (strcmp(name, "HOME") == 0)
		return "/home/u";
	if (strcmp(name, "TENCENTCLOUD_CREDENTIALS_FILE") == 0)
		return (st.h & 1) ? "/ini" : NULL;
	if (strcmp(name, "TENCENTCLOUD_SECRET_ID") == 0)
		return (st.h & 2) ? "AKIDenv" : NULL;
	if (strcmp(name, "TENCENTCLOUD_SECRET_KEY") == 0)
		return (st.h & 6) == 6 ? "envkey" : NULL;
	if (strcmp(name, "TENCENTCLOUD_REGION") == 0)
		return (st.h & 8) ? "ap-beijing" : NULL;
	if (strcmp(name, "TCCLI_PROFILE") == 0)
		return (st.h & 16) ? "p1" : NULL;
	return NULL;
}

static int serve(int i, char *buf, size_t cap, size_t *len)
{
	if (st.part[i] == NULL)
		return TCAS_E_CFG_NOFILE;
	if (st.len[i] > cap)
		return TCAS_E_CFG_TOO_LARGE;
	memcpy(buf, st.part[i], st.len[i]);
	*len = st.len[i];
	return TCAS_OK;
}

static int io_read(void *ctx, const char *path, int secret, char *buf,
                   size_t cap, size_t *len)
{
	size_t n;

	(void)ctx;
	(void)secret;
	CHECK(path != NULL && buf != NULL && len != NULL);
	CHECK(strlen(path) < TCAS_PATH_MAX);
	st.reads++;
	n = strlen(path);
	if (strcmp(path, "/ini") == 0 ||
	    strcmp(path, "/home/u/.tencentcloud/credentials") == 0)
		return serve(0, buf, cap, len);
	if (n > 11 && strcmp(path + n - 11, ".credential") == 0)
		return (st.h & 32) ? TCAS_E_CFG_PERM : serve(1, buf, cap, len);
	if (n > 10 && strcmp(path + n - 10, ".configure") == 0)
		return serve(2, buf, cap, len);
	return TCAS_E_CFG_NOFILE;
}

static int io_meta(void *ctx, const char *path, char *buf, size_t cap,
                   size_t *len)
{
	static const char role[] = "role-1";

	(void)ctx;
	CHECK(path != NULL && buf != NULL && len != NULL);
	st.metas++;
	if (strcmp(path, "cam/security-credentials/") == 0) {
		if (cap < sizeof role)
			return TCAS_E_NOSPACE;
		memcpy(buf, role, sizeof role - 1);
		*len = sizeof role - 1;
		return TCAS_OK;
	}
	return serve(3, buf, cap, len);
}

static int known(int rc)
{
	return rc == TCAS_OK || rc == TCAS_E_CFG_NO_CREDENTIALS ||
	       rc == TCAS_E_CFG_INCOMPLETE || rc == TCAS_E_CFG_NOFILE ||
	       rc == TCAS_E_CFG_PERM || rc == TCAS_E_CFG_READ ||
	       rc == TCAS_E_CFG_TOO_LARGE || rc == TCAS_E_CFG_SYNTAX ||
	       rc == TCAS_E_CFG_VALUE_TOO_LONG ||
	       rc == TCAS_E_CFG_UNSUPPORTED || rc == TCAS_E_CFG_METADATA ||
	       rc == TCAS_E_CFG_BAD_NAME || rc == TCAS_E_CFG_BAD_VALUE;
}

static void check_load(void)
{
	static const char *const profiles[] = {NULL, "default", "p1", NULL};
	tcas_cfg_io io = {NULL, io_getenv, io_read, io_meta};
	int rc;

	CHECK(tcas_cfg_init(&cfg) == TCAS_OK);
	cfg.opt_profile = profiles[(st.h >> 6) & 3];
	cfg.use_cvm_role = (st.h >> 8) & 1;
	if ((st.h >> 9) & 1)
		cfg.opt_region = "ap-shanghai";
	rc = tcas_cfg_load(&cfg, &io);
	CHECK(known(rc));
	CHECK(NUL_IN(cfg.secret_id) && NUL_IN(cfg.secret_key));
	CHECK(NUL_IN(cfg.token) && NUL_IN(cfg.region));
	CHECK(NUL_IN(cfg.endpoint) && NUL_IN(cfg.output));
	CHECK(NUL_IN(cfg.profile) && NUL_IN(cfg.where));
	if (cfg.secret_key[0] != '\0' && strlen(cfg.secret_key) >= 4)
		CHECK(strstr(cfg.where, cfg.secret_key) == NULL);
	if (rc == TCAS_OK) {
		CHECK(cfg.secret_id[0] != '\0' && cfg.secret_key[0] != '\0');
		CHECK(cfg.cred_source != NULL && cfg.region_source != NULL);
		/* endpoint: "" when neither option nor configure names one
		 * (creds.h: the caller then picks the host) */
		CHECK(cfg.region[0] != '\0' && cfg.output[0] != '\0');
		CHECK(cfg.timeout_ms > 0);
	}
}

static void check_ini(void)
{
	static const char *const keys[] = {"secret_id", "secret_key", "token",
	                                   "", "x y"};
	size_t cap = 1 + (st.h >> 10) % 48, i;
	char *out = malloc(cap), *text = malloc(st.len[0] + 1);
	int rc;

	/* exact-size copy: ASan sees a read past the text */
	CHECK(out != NULL && text != NULL && st.part[0] != NULL);
	memcpy(text, st.part[0], st.len[0]);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		rc = tcas_cfg_ini_get(text, st.len[0],
		                      (st.h >> 16) & 1 ? "default" : "p1",
		                      keys[i], out, cap);
		CHECK(rc == TCAS_OK || rc == TCAS_E_JSON_NOT_FOUND ||
		      rc == TCAS_E_CFG_SYNTAX || rc == TCAS_E_CFG_BAD_VALUE ||
		      rc == TCAS_E_CFG_VALUE_TOO_LONG || rc == TCAS_E_ARG);
		if (rc == TCAS_OK)
			CHECK(memchr(out, 0, cap) != NULL);
	}
	free(text);
	free(out);
}

static void check_json_text(const char *s, size_t n)
{
	tcas_json doc;

	CHECK(n > 0 && s[n] == '\0' && strlen(s) == n && s[n - 1] == '}');
	CHECK(tcas_json_parse(&doc, s, n, toks, 4096) == TCAS_OK);
	CHECK(tcas_json_type_of(&doc, 0) == TCAS_JSON_OBJECT);
}

static void check_write(void)
{
	tcas_cfg_set set[4] = {{"_sys_param", "region", "ap-guangzhou"},
	                       {"autoscaling", "version", "2018-04-19"},
	                       {NULL, "secretId", "AKIDnew"},
	                       {"_sys_param", "output", NULL}};
	size_t fl = 0;
	char *old = NULL;
	int rc;

	if (st.part[2] != NULL) {
		old = malloc(st.len[2] ? st.len[2] : 1);
		CHECK(old != NULL);
		memcpy(old, st.part[2], st.len[2]);
	}
	set[0].value = (st.h >> 18) & 1 ? "ap-guangzhou" : NULL;
	rc = tcas_cfg_edit(&cfg, old, st.len[2], set, (st.h >> 17) & 1 ? 4 : 2,
	                   conf_out, sizeof conf_out, &fl);
	CHECK(rc == TCAS_OK || rc == TCAS_E_NOSPACE ||
	      rc == TCAS_E_CFG_SYNTAX || rc == TCAS_E_CFG_TOO_LARGE ||
	      rc == TCAS_E_UTF8);
	if (rc == TCAS_OK)
		check_json_text(conf_out, fl);
	free(old);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	size_t off = 0;
	int i;

	CHECK(buf != NULL);
	memcpy(buf, data, size);
	buf[size] = '\0';
	memset(&st, 0, sizeof st);
	st.h = fuzz_hash(data, size);
	for (i = 0; i < 4 && off <= size; i++) {
		const char *nul = memchr(buf + off, 0, size - off);
		size_t n = nul ? (size_t)(nul - (buf + off)) : size - off;

		st.part[i] = buf + off;
		st.len[i] = n;
		off += n + 1;
	}
	check_load();
	check_ini();
	check_write();
	free(buf);
	return 0;
}
