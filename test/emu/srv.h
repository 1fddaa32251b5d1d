/*
 * test/emu/srv.h - server-side internals of tcas-emu (HTTP request parser,
 * request verification, faults, rate limit). Test code: heap allowed.
 * The state model does not need this header; see emu.h.
 */
#ifndef TCAS_EMU_SRV_H
#define TCAS_EMU_SRV_H

#include <stddef.h>
#include <stdio.h>

#include "emu.h"

/* ---- limits -------------------------------------------------------------- */

#define EMU_HEAD_MAX    16384         /* request line + headers */
#define EMU_BODY_MAX    (1024 * 1024) /* decoded request body */
#define EMU_HEADERS_MAX 100           /* header lines per request */
#define EMU_LINE_MAX    1024          /* chunk-size / trailer line */

/* ---- HTTP/1.1 request parser (http.c) ------------------------------------ */

typedef struct emu_req {
	char *head; /* malloc'd copy of the head, split in place */
	char *method, *target, *version;
	int minor; /* HTTP/1.<minor> */
	size_t nhdr;
	char *hname[EMU_HEADERS_MAX], *hval[EMU_HEADERS_MAX];
	char *body; /* malloc'd, NUL-terminated, body_len bytes */
	size_t body_len;
	int keep_alive; /* connection may carry another request */
	int expect_continue;
} emu_req;

enum {
	EMU_HTTP_MORE = 0,
	EMU_HTTP_HEAD = 1,
	EMU_HTTP_DONE = 2,
	EMU_HTTP_ERROR = -1
};

typedef struct emu_http {
	int state;
	char *hbuf; /* head being collected (EMU_HEAD_MAX + 1) */
	size_t hlen;
	char line[EMU_LINE_MAX + 1];
	size_t llen;
	size_t body_cap;
	unsigned long long left; /* bytes left in body / current chunk */
	size_t trailer_bytes;
	emu_req req;
	int err_status;         /* HTTP status for EMU_HTTP_ERROR */
	const char *err_reason; /* static text, for the log */
	int started;            /* first byte of a request seen */
} emu_http;

void emu_http_init(emu_http *p);
/* Forget the current request (frees it); ready for the next one. */
void emu_http_reset(emu_http *p);
void emu_http_free(emu_http *p);
/* Feed len bytes. *used = bytes consumed. Returns EMU_HTTP_MORE (all
   consumed, need more), EMU_HTTP_HEAD (head complete: p->req has method,
   target, headers; call again to read the body), EMU_HTTP_DONE (request
   complete in p->req; bytes after *used belong to the next request) or
   EMU_HTTP_ERROR (p->err_status / p->err_reason; the connection must be
   closed after answering). */
int emu_http_feed(emu_http *p, const char *buf, size_t len, size_t *used);
/* Header value by case-insensitive name (first occurrence), or NULL. */
const char *emu_req_header(const emu_req *r, const char *name);
size_t emu_req_header_count(const emu_req *r, const char *name);

/* ---- verification (verify.c) --------------------------------------------- */

typedef struct emu_cred {
	const char *secret_id;
	const char *secret_key;
} emu_cred;

typedef struct emu_verify_cfg {
	const emu_cred *creds;
	size_t ncreds;
	long skew; /* allowed |now - X-TC-Timestamp|, seconds */
} emu_verify_cfg;

typedef struct emu_verdict {
	int http_status;  /* 0: the envelope; else a plain HTTP error */
	const char *code; /* NULL when the request passed */
	char message[320];
} emu_verdict;

/* Run the service's checks on a complete request, in the service's order:
   method/path, required headers, version, Authorization format, SecretId,
   timestamp skew, signature, region, content type, action, JSON object
   body. Returns 0 when the request passed (v->code == NULL), else -1 with
   v filled. now = Unix seconds. */
int emu_verify(const emu_req *r, const emu_verify_cfg *cfg, long now,
               emu_verdict *v);

/* Inputs of one TC3 signature (sigcalc.c wraps the library's signer). */
typedef struct emu_sig_in {
	const char *secret_id, *secret_key;
	const char *host; /* as signed */
	size_t host_len;
	const char *content_type;
	const char *action; /* NULL: SignedHeaders=content-type;host */
	long timestamp;
	const char *body; /* payload bytes that were hashed */
	size_t body_len;
} emu_sig_in;
/* 0 and sig = lower-case hex, or -1 (argument rejected by the signer). */
int emu_sig_compute(const emu_sig_in *in, char sig[65]);

/* 1 if name is a known Auto Scaling action (actions table), else 0. */
int emu_action_known(const char *name);
/* Documented per-action QPS, 0 if unknown. */
int emu_action_qps(const char *name);

/* Strict JSON check: 1 if [s, s+n) is exactly one JSON object (with
   optional surrounding whitespace), else 0 (envelope.c). */
int emu_json_is_object(const char *s, size_t n);
/* Send emu_log() lines to fp (NULL = stderr). */
void emu_log_set(FILE *fp);
/* IMF-fixdate of t into out (30 bytes incl. NUL). */
void emu_http_date(long t, char out[30]);

/* ---- faults (faults.c) --------------------------------------------------- */

enum emu_fault_mode {
	EMU_F_NONE = 0,
	EMU_F_SLOW,
	EMU_F_RESET_BEFORE,
	EMU_F_RESET_AFTER,
	EMU_F_TRUNCATE,
	EMU_F_MALFORMED,
	EMU_F_HTTP5XX,
	EMU_F_INTERNAL,
	EMU_F_THROTTLE,
	EMU_F_HANG
};

typedef struct emu_fault_rule {
	char action[128]; /* "*" = any */
	int mode;
	long arg;   /* slow: ms; throttle: burst; http5xx: status */
	long count; /* firings allowed, 0 = unlimited */
	long after; /* matching requests to let pass first */
	long seen, fired, burst_left;
	int line;
} emu_fault_rule;

typedef struct emu_faults {
	emu_fault_rule *rules;
	size_t n, cap;
} emu_faults;

/* Parse "MODE[=ARG] [count=N] [after=N]" preceded by ACTION when
   with_action. 0, or -1 with err filled. */
int emu_fault_add(emu_faults *f, const char *spec, int with_action, int line,
                  char *err, size_t errlen);
/* Load a rule file. 0, or -1 with err filled (names the line). */
int emu_fault_load(emu_faults *f, const char *path, char *err, size_t errlen);
/* Decide the fault for one request with X-TC-Action = action (may be
   NULL). Counts the request for every matching rule. Returns the mode and
   sets *arg. */
int emu_fault_pick(emu_faults *f, const char *action, long *arg);
const char *emu_fault_name(int mode);
void emu_faults_free(emu_faults *f);

/* ---- rate limit (rate.c) ------------------------------------------------- */

typedef struct emu_rate emu_rate;
/* default_qps per action (0 = unlimited, < 0 = each action's documented
   QPS from the actions table, 20 if unknown); overrides "ACTION=N" may be set
   with emu_rate_set. */
emu_rate *emu_rate_new(int default_qps);
int emu_rate_set(emu_rate *r, const char *action, int qps);
/* 1 if a call of action at time now (seconds, monotonic) is allowed (and
   counts it), 0 if over the limit. */
int emu_rate_allow(emu_rate *r, const char *action, double now);
void emu_rate_free(emu_rate *r);

/* ---- the server (server.c, tlscfg.c) ------------------------------------- */

typedef struct emu_server_cfg {
	const char *listen;      /* TLS "host:port", NULL = none */
	const char *http_listen; /* plain HTTP "host:port", NULL = none */
	int allow_remote;        /* allow non-loopback addresses */
	int tls_no_mfl;          /* ignore max_fragment_length requests */
	const char *cert_dir;    /* PKI made by test/support/mkcerts.sh */
	const char *tls_cert;    /* server | expired | untrusted | wronghost */
	const char *ready_file;  /* NULL or path for the URLs when ready */
	const char *ca_out;      /* NULL or path to copy ca.pem to */
	emu_verify_cfg vcfg;
	emu_rate *rate;
	emu_faults *faults;
	emu_as *as;
	long max_requests; /* 0 = no limit */
	double exit_after; /* seconds, 0 = no limit */
	int max_conns;
} emu_server_cfg;

/* Run until a signal, --max-requests or --exit-after. 0 or 1 (error,
   logged). */
int emu_server_run(const emu_server_cfg *cfg);

/* TLS credentials for the listener (tlscfg.c). */
typedef struct emu_tls_creds emu_tls_creds;
/* Load DIR/<name>.pem (chain) and DIR/<name>.key (EC key). NULL with err
   filled on failure. */
emu_tls_creds *emu_tls_load(const char *dir, const char *name, char *err,
                            size_t errlen);
void emu_tls_free(emu_tls_creds *t);

#endif /* TCAS_EMU_SRV_H */
