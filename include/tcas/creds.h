/*
 * tcas/creds.h - credentials and settings from the places Tencent's tools
 * use (tccli and the official SDKs), in their order.
 *
 * The module never touches files, the environment or the network itself:
 * the caller passes a tcas_cfg_io with three callbacks (getenv, read_file,
 * metadata_get), so the whole chain runs the same on a POSIX host (the tcas
 * CLI supplies them) and under unit tests. Zero heap: every value is copied
 * into the caller-owned tcas_cfg, and files are read into its scratch
 * buffer (TCAS_CFG_FILE_MAX bytes).
 *
 * Credentials, first complete source wins (SecretId and SecretKey both
 * non-empty; an optional session token):
 *   1. explicit values (opt_secret_id + opt_secret_key, opt_token);
 *   2. unless a profile was named explicitly (opt_profile): the
 *      environment, TENCENTCLOUD_SECRET_ID + TENCENTCLOUD_SECRET_KEY, token
 *      from TENCENTCLOUD_SESSION_TOKEN else TENCENTCLOUD_TOKEN (empty
 *      variables count as unset; only one of ID/KEY set is an error);
 *   3. unless opt_profile: the SDK INI file, $TENCENTCLOUD_CREDENTIALS_FILE
 *      (set but empty is an error) else $HOME/.tencentcloud/credentials
 *      else /etc/tencentcloud/credentials; section [default], keys
 *      secret_id, secret_key, token;
 *   4. tccli's $HOME/.tccli/P.credential (JSON: secretId, secretKey,
 *      token; "None" and "" count as unset), P = opt_profile else
 *      $TCCLI_PROFILE else "default". With opt_profile the file must exist;
 *      "type": "cvm-role" selects step 5; "oauth"/"sso" are refused;
 *   5. the CVM role of the metadata service, only when asked (use_cvm_role,
 *      or a tccli profile of type cvm-role): metadata_get("cam/security-
 *      credentials/") gives the role name (or opt_cvm_role names it), then
 *      metadata_get("cam/security-credentials/<role>") the JSON whose Code
 *      must be "Success" (TmpSecretId, TmpSecretKey, Token, ExpiredTime).
 * A credentials file (steps 3 and 4) that group or others may read is
 * refused (read_file reports TCAS_E_CFG_PERM): the chain stops there.
 *
 * Settings, first found wins:
 *   region   opt_region > TENCENTCLOUD_REGION (unless opt_profile) >
 *            P.configure "_sys_param.region" (or top-level "region") >
 *            "ap-guangzhou" (what tccli configure proposes)
 *   endpoint opt_endpoint > P.configure "autoscaling.endpoint" > ""
 *            ("": none named; the caller picks the host, the tcas CLI
 *            TCAS_AS_DEFAULT_HOST or <service>.tencentcloudapi.com for
 *            --service)
 *   output   opt_output > P.configure "_sys_param.output" (or top-level
 *            "output") > "json"
 *   timeout  opt_timeout_ms > P.configure "_sys_param.timeout" (seconds,
 *            a tcas extension tccli ignores) > TCAS_TIMEOUT_MS_DEFAULT
 * The configure file is optional even with opt_profile (tccli creates both
 * together, but a missing one only means defaults) and may be
 * world-readable: it holds no secret.
 *
 * Every result string is NUL-terminated inside the tcas_cfg and valid until
 * the next tcas_cfg_load() on it. c->where names the file or variable an
 * error is about (never a secret), c->cred_source / region_source etc. say
 * where each value came from, for --debug and error messages.
 */
#ifndef TCAS_CREDS_H
#define TCAS_CREDS_H

#include <stddef.h>
#include <stdint.h>

#include "tcas/config.h"
#include "tcas/json.h"

/*
 * The callbacks. Each gets io->ctx first.
 * getenv:       value of the variable or NULL when unset.
 * read_file:    read the whole file at path into buf[0..cap) and set *len.
 *               secret != 0: the file holds credentials and must be
 *               refused when group or others can read it. Returns TCAS_OK,
 *               TCAS_E_CFG_NOFILE (absent), TCAS_E_CFG_PERM (readable by
 *               others), TCAS_E_CFG_TOO_LARGE (more than cap bytes),
 *               TCAS_E_CFG_READ (any other failure).
 * metadata_get: HTTP GET http://metadata.tencentyun.com/latest/meta-data/
 *               + path, body into buf[0..cap), *len; a short timeout is the
 *               implementation's duty. TCAS_OK, or any negative code
 *               (reported as TCAS_E_CFG_METADATA). May be NULL: the CVM
 *               role is then unavailable.
 */
typedef struct tcas_cfg_io {
	void *ctx;
	const char *(*getenv)(void *ctx, const char *name);
	int (*read_file)(void *ctx, const char *path, int secret, char *buf,
	                 size_t cap, size_t *len);
	int (*metadata_get)(void *ctx, const char *path, char *buf, size_t cap,
	                    size_t *len);
} tcas_cfg_io;

typedef struct tcas_cfg {
	/* inputs: set before tcas_cfg_load(); NULL/0 = not given */
	const char *opt_secret_id, *opt_secret_key, *opt_token;
	const char *opt_region, *opt_endpoint, *opt_output;
	const char *opt_profile;
	const char *opt_cvm_role; /* role name; skips the role lookup */
	uint32_t opt_timeout_ms;
	int use_cvm_role;

	/* results */
	char secret_id[TCAS_CFG_VALUE_MAX];
	char secret_key[TCAS_CFG_VALUE_MAX];
	char token[TCAS_TOKEN_MAX]; /* "" when none */
	int64_t expires;            /* CVM role ExpiredTime, else 0 */
	char region[TCAS_CFG_VALUE_MAX];
	char endpoint[TCAS_CFG_VALUE_MAX];
	char output[16];
	uint32_t timeout_ms;
	char profile[TCAS_CFG_VALUE_MAX];
	const char *cred_source;   /* "options", "environment", "ini file",
	                            * "tccli profile", "cvm role" */
	const char *region_source; /* "options", "environment",
	                            * "tccli configure", "default" */
	char where[TCAS_PATH_MAX]; /* file or variable of the last error */

	/* scratch */
	char path[TCAS_PATH_MAX];
	char file[TCAS_CFG_FILE_MAX];
	jsmntok_t tok[TCAS_CFG_TOKENS_MAX];
} tcas_cfg;

/* Clear c (all inputs NULL/0) but its scratch (path, file, tok: written
 * before they are read; clearing them faulted in 16 of the 19 pages
 * the whole struct spans in a fresh process). Returns TCAS_OK or TCAS_E_ARG. */
int tcas_cfg_init(tcas_cfg *c);

/*
 * Run both chains (see above). Returns:
 *  TCAS_OK                    credentials and settings filled in
 *  TCAS_E_ARG                 c or io NULL, io->getenv/read_file NULL
 *  TCAS_E_CFG_NO_CREDENTIALS  no source had a key pair
 *  TCAS_E_CFG_INCOMPLETE      a source held only one of SecretId/SecretKey
 *                             or a variable set but empty where that is an
 *                             error (c->where names it)
 *  TCAS_E_CFG_NOFILE          the profile named by opt_profile has no
 *                             .credential file (c->where)
 *  TCAS_E_CFG_PERM            a credentials file others can read (c->where)
 *  TCAS_E_CFG_READ, TCAS_E_CFG_TOO_LARGE   from read_file (c->where)
 *  TCAS_E_CFG_SYNTAX          a file is not valid INI/JSON or a value has
 *                             the wrong type (c->where)
 *  TCAS_E_CFG_VALUE_TOO_LONG  a value longer than its field (c->where)
 *  TCAS_E_CFG_UNSUPPORTED     tccli profile of type oauth or sso
 *  TCAS_E_CFG_METADATA        CVM role asked for but not obtained
 *  TCAS_E_CFG_BAD_NAME        profile name empty or with '/' or leading '.'
 */
int tcas_cfg_load(tcas_cfg *c, const tcas_cfg_io *io);

/*
 * Parsers used by the chain, public for reuse and tests. Each copies into
 * out[0..cap) NUL-terminated.
 *
 * tcas_cfg_ini_get: value of key in [section] of INI text (# and ; start
 * comment lines, whitespace around keys and values trimmed, keys matched
 * exactly, first occurrence wins). TCAS_OK, TCAS_E_JSON_NOT_FOUND (no such
 * section/key), TCAS_E_CFG_SYNTAX (a line that is neither comment, section
 * nor key = value), TCAS_E_CFG_VALUE_TOO_LONG, TCAS_E_ARG.
 */
int tcas_cfg_ini_get(const char *text, size_t len, const char *section,
                     const char *key, char *out, size_t cap);

/* Default Auto Scaling host written into new configure files. */
#define TCAS_CFG_AS_HOST "as.tencentcloudapi.com"

/* One member to set in a tccli profile file. */
typedef struct tcas_cfg_set {
	const char *section; /* the object holding key ("_sys_param",
	                      * "autoscaling", ...), NULL: the top level */
	const char *key;
	const char *value; /* a JSON string value; NULL removes the member */
} tcas_cfg_set;

/*
 * Rewrite a tccli profile file (~/.tccli/P.credential or P.configure) with
 * the members of set[0..n) changed, every other member kept, and write it
 * as tccli writes it (Python's json.dump(indent=2, sort_keys=True,
 * ensure_ascii=False)): keys sorted at every level, 2-space indentation,
 * no newline at the end. Values are copied as they are written in old
 * (strings keep their escapes, numbers their text). A section set[] writes
 * into is created when missing. Of duplicated keys the last counts, as in
 * Python. old[0..old_len) is the file (old_len 0: a new file); it may lie
 * in c->file; c is scratch (its file and token buffers are overwritten).
 * out must not be c->file; it receives the NUL-terminated text.
 * Returns TCAS_OK and *len; TCAS_E_ARG; TCAS_E_NOSPACE (out too small,
 * or the sorted, indented text longer than c->file, TCAS_CFG_FILE_MAX);
 * TCAS_E_CFG_SYNTAX (old is not a JSON object, a section set[] writes into
 * is not an object, or nesting deeper than TCAS_JSON_DEPTH_MAX);
 * TCAS_E_CFG_TOO_LARGE (more than TCAS_CFG_TOKENS_MAX tokens); TCAS_E_UTF8
 * (a value that is not UTF-8).
 */
int tcas_cfg_edit(tcas_cfg *c, const char *old, size_t old_len,
                  const tcas_cfg_set *set, size_t n, char *out, size_t cap,
                  size_t *len);

#endif /* TCAS_CREDS_H */
