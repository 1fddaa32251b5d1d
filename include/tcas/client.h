/*
 * tcas/client.h - one signed Auto Scaling API call over HTTPS (or plain
 * HTTP for local testing), with connection reuse.
 *
 * The caller owns a tcas_client (about 68 KB with the default config, most
 * of it the TLS record buffers, the body and the tokens; see README) and
 * everything it points to: the port, the credentials strings, the region
 * and the trust anchors must stay valid and unchanged for as long as the
 * client is used. tcas never allocates and keeps no global state, so any
 * number of clients can exist, each used by one thread at a time.
 *
 * A call:
 *
 *     tcas_client c;
 *     tcas_result r;
 *     tcas_client_init(&c, &port);
 *     tcas_client_set_endpoint(&c, "https://as.tencentcloudapi.com");
 *     tcas_client_set_credentials(&c, id, key, NULL);
 *     tcas_client_set_region(&c, "ap-guangzhou");
 *     tcas_client_set_trust(&c, anchors, anchor_count);
 *     err = tcas_client_call(&c, "DescribeRefreshActivities",
 *                            "{\"Limit\":10}", 12, &r);
 *
 * On TCAS_OK, r.doc holds the parsed response and r.response the token of
 * its "Response" object; both point into the client's buffers and are valid
 * until the next call on the same client.
 *
 * Reliability (all within the call's total deadline, tcas_client_set_timeout):
 *
 * Retries. A call is made up to max_attempts times (default
 * TCAS_RETRY_ATTEMPTS_DEFAULT = 4). Before attempt n+1 the client sleeps
 * (port->sleep_ms) a uniform random time in [0, min(cap, base * 2^(n-1))]
 * ms ("full jitter"; random bytes from port->random). Retried:
 *   - always: RequestLimitExceeded and every RequestLimitExceeded.* code,
 *     HTTP 429, and failures before any byte of the request was sent
 *     (resolve, connect, connect/TLS-handshake timeouts, a transport error
 *     during the handshake or the proxy CONNECT);
 *   - only when the call is safe to repeat - its action starts with
 *     "Describe", or its body carries a top-level "ClientToken": InternalError,
 *     ServiceUnavailable, HTTP 5xx, a connection reset/closed/truncated
 *     response and read/write timeouts after the request was sent;
 *   - never: authentication (AuthFailure.*, except the clock-skew case
 *     below), parameter and every other API error, certificate and other
 *     TLS errors, malformed responses, the total deadline, proxy errors.
 * A backoff that would end past the deadline is not taken: the call ends
 * with the last error. res->attempts counts the attempts made.
 *
 * ClientToken. With TCAS_CLIENT_TOKEN_AUTO (default) the client adds
 * "ClientToken":"<32 random hex digits>" to the body of every action whose
 * request, in the action table (tcas/actions.h, service "as"), has a
 * ClientToken parameter and which does not carry one already; the same
 * token is sent on every attempt, so the service executes the call once.
 * In Auto Scaling 2018-04-19 no action has one (the test suite checks
 * this), so AS writes are not retried after the request has left.
 * TCAS_CLIENT_TOKEN_ALWAYS adds one to every non-Describe action (for
 * services whose writes accept it); _NEVER never adds one.
 *
 * Rate limit. Before each attempt the client takes a token from the
 * action's bucket (TCAS_RATE_BUCKETS buckets, least recently used one
 * recycled): by default the action's QPS from the action table (20/s, 60/s
 * for DescribeAutoScalingGroups/-Instances; 20/s for unknown actions), a
 * burst of one second's worth. Waits go through port->sleep_ms. Not in
 * builds with TCAS_WITH_RATE_LIMIT 0 (tcas/config.h).
 *
 * Optional features. TCAS_WITH_PROXY, TCAS_WITH_LOG and
 * TCAS_WITH_RATE_LIMIT (tcas/config.h, all 1 by default) may be set to 0
 * to save code on small targets; their setters then answer
 * TCAS_E_UNSUPPORTED to any request to turn the feature on.
 * TCAS_WITH_KEY_CACHE 0 derives the signing key on every call instead of
 * once a day (see Secrets); nothing else changes.
 *
 * Clock skew, and two clocks. When the service answers
 * AuthFailure.SignatureExpire, the client takes the server time from the
 * response's Date header, keeps the offset (c->skew) for all later calls,
 * re-signs and sends once more (an extra attempt beyond max_attempts).
 * The offset is only used to sign (tcas_client_now(): the fixed time of
 * tcas_client_set_time() if any, else the wall clock plus the offset).
 * Certificates are checked at the device's own wall clock whenever it is
 * set (2020 or later): neither a server's Date nor a fixed signing time
 * moves that clock, so a Date in the past cannot make an expired
 * certificate acceptable. With the wall clock set, a Date more than a day
 * away from it (or before 2020) teaches nothing: the call fails with the
 * service's error (a clock off by more than a day is broken, not in
 * another time zone). A device without a clock (wall clock before 2020)
 * keeps the old behaviour: with no offset learned yet it signs with
 * TCAS_TIME_BUILD (refused by the service, which teaches the offset, of
 * any size), checks certificates at that guessed time, then closes that
 * connection and checks again at the service's time (wall clock plus
 * offset) before the call is resent. If that cannot work (no Date header,
 * or the certificate is not valid at TCAS_TIME_BUILD), the call fails with
 * TCAS_E_CLOCK rather than an API or certificate error.
 *
 * Timeouts. connect (TCP and proxy CONNECT), TLS handshake, each single
 * read or write wait, and the total deadline of the call; each expiring
 * gives its own code: TCAS_E_NET_CONNECT_TIMEOUT, TCAS_E_TLS_TIMEOUT,
 * TCAS_E_NET_READ_TIMEOUT / TCAS_E_NET_WRITE_TIMEOUT, TCAS_E_NET_DEADLINE
 * (whichever limit was the nearer one when the wait expired). Nothing waits
 * past the total deadline, except DNS resolution on ports whose resolver
 * has no timeout (see the port).
 *
 * Keep-alive. The open connection is reused when it was idle for less than
 * TCAS_IDLE_REUSE_MS, the last response ended where the server's bytes
 * ended (no byte beyond it was received, neither decoded nor still in the
 * TLS read-ahead stage, TCAS_TLS_STAGE_SIZE), and a zero-timeout read
 * shows it still open and silent; otherwise a fresh one is made (not an
 * attempt). If a reused
 * connection still turns out closed before any response byte, the request
 * is sent again on a fresh connection once, without counting an attempt,
 * when it had not completely left or the call is safe to repeat.
 *
 * Secrets. The client keeps pointers to the credentials, never copies of
 * them; SecretKey is only read while signing. With TCAS_WITH_KEY_CACHE
 * (the default) the day's TC3 signing key derived from it (HMAC chain of
 * SecretKey, UTC date and service; valid for that day only) is kept in the
 * client so that it is derived once a day, not per call;
 * tcas_client_set_credentials() and tcas_client_wipe() zero it. Other
 * intermediate keys are zeroed by tcas/sign.h. The request head (which
 * holds the session token) is zeroed at the end of every call. The caller
 * owns and must wipe its SecretKey and token strings; tcas_client_wipe()
 * zeroes everything the client holds. The debug log (tcas_client_set_log) shows
 * request heads with the signature and session token replaced by
 * "<redacted>", and never any other secret.
 */
#ifndef TCAS_CLIENT_H
#define TCAS_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/http.h"
#include "tcas/json.h"
#include "tcas/port.h"
#include "tcas/tls.h"
#include "tcas/trust.h"
#include "tcas/version.h"

/* Auto Scaling's API version and signing service name. */
#define TCAS_AS_VERSION      "2018-04-19"
#define TCAS_AS_SERVICE      "as"
#define TCAS_AS_DEFAULT_HOST "as.tencentcloudapi.com"
#define TCAS_USER_AGENT      "tcas/" TCAS_VERSION

/* Largest "host:port" Host header value. */
#define TCAS_HOST_HEADER_MAX (TCAS_HOST_MAX + 6)

/* ClientToken policies (tcas_client_set_client_token). */
#define TCAS_CLIENT_TOKEN_AUTO   0
#define TCAS_CLIENT_TOKEN_ALWAYS 1
#define TCAS_CLIENT_TOKEN_NEVER  2

/* tcas_client_set_rate_limit(): per action from the table, or no limit. */
#define TCAS_RATE_TABLE 0u
#define TCAS_RATE_OFF   0xFFFFFFFFu

/* Bytes of the body prefix that carries an added ClientToken:
 * {"ClientToken":" (16) + 32 hex digits + '"' + ','. */
#define TCAS_CLIENT_TOKEN_PREFIX_MAX 50

/* What the client may know about an action: its documented rate limit
 * (0 = unknown) and whether its request defines a ClientToken. */
typedef struct tcas_action_facts {
	uint32_t qps;
	int client_token;
} tcas_action_facts;
/* Look up facts for (service, action); returns 1 when known. */
typedef int (*tcas_action_facts_fn)(const char *service, const char *action,
                                    tcas_action_facts *out);

/* Debug log sink: one line of len bytes (no newline, not NUL-terminated). */
typedef void (*tcas_log_fn)(void *ctx, const char *line, size_t len);

/* One action's token bucket. Treat as opaque. */
typedef struct tcas_rate_bucket {
	char action[TCAS_ACTION_NAME_MAX]; /* "" when unused */
	uint64_t stamp;                    /* mono_ms of the last refill */
	uint64_t used;                     /* mono_ms of the last use (LRU) */
	uint32_t milli;                    /* tokens * 1000 */
} tcas_rate_bucket;

/* What a call left for the caller; filled by tcas_client_call(). */
typedef struct tcas_result {
	int http_status; /* status of the last response, 0 if none */
	tcas_json doc;   /* parsed body (valid after TCAS_OK/TCAS_E_API) */
	int response;    /* token of doc's "Response" object, or -1 */
	char error_code[TCAS_ERR_CODE_MAX];   /* Response.Error.Code */
	char error_message[TCAS_ERR_MSG_MAX]; /* Response.Error.Message */
	char request_id[TCAS_REQUEST_ID_MAX]; /* Response.RequestId */
	int message_truncated;                /* error_message was cut to fit */
	int attempts;       /* attempts made (1 + retries); a transparent
	                     * resend on a stale keep-alive connection is
	                     * not counted */
	int tls_br_error;   /* BearSSL code behind a TCAS_E_TLS* error */
	uint32_t waited_ms; /* slept in backoff and rate limiting */
	int skew_learned;   /* 1: SignatureExpire taught a clock offset */
	int tls_resumed;    /* 1: last connection resumed a TLS session */
} tcas_result;

typedef struct tcas_client {
	/* configuration (set through the functions below) */
	const tcas_port *port;
	const char *secret_id;
	const char *secret_key;
	const char *token;          /* session token or NULL */
	const char *region;         /* X-TC-Region */
	const char *language;       /* X-TC-Language or NULL */
	const char *action_version; /* X-TC-Version, default TCAS_AS_VERSION */
	const char *service; /* signing service, default TCAS_AS_SERVICE */
	const br_x509_trust_anchor *ta;
	size_t ta_count;
	char host[TCAS_HOST_MAX];               /* host name to connect to */
	char host_header[TCAS_HOST_HEADER_MAX]; /* Host: value, signed */
	uint16_t port_num;
	int use_tls;
	uint32_t timeout_ms;         /* total deadline per call */
	uint32_t connect_timeout_ms; /* TCP connect + proxy CONNECT; 0: none */
	uint32_t tls_timeout_ms;     /* TLS handshake; 0: none */
	uint32_t io_timeout_ms;      /* each read/write wait; 0: none */
	int64_t fixed_time;          /* > 0: sign with this timestamp */
	int max_attempts;
	uint32_t backoff_base_ms, backoff_cap_ms;
#if TCAS_WITH_RATE_LIMIT
	uint32_t rate_qps; /* TCAS_RATE_TABLE, TCAS_RATE_OFF or a QPS */
#endif
	tcas_action_facts_fn facts; /* NULL: 20/s, no automatic ClientToken */
	int client_token_mode;
#if TCAS_WITH_LOG
	tcas_log_fn log;
	void *log_ctx;
#endif
#if TCAS_WITH_PROXY
	char proxy_host[TCAS_HOST_MAX]; /* "" = direct */
	uint16_t proxy_port;
	char proxy_auth[(TCAS_PROXY_CRED_MAX + 2) / 3 * 4 + 1]; /* base64 */
#endif

	/* state kept between calls */
#if TCAS_WITH_KEY_CACHE
	uint8_t sign_key[32];   /* secret: TC3 signing key of sign_key_date */
	char sign_key_date[11]; /* its UTC date, "" if none */
	const char *sign_key_secret;  /* the secret_key it comes from */
	const char *sign_key_service; /* and the service */
#endif
	int64_t skew; /* server time - wall clock, seconds */
	int skew_known;
	int connected;
	int reusable;
	int conn_verified;   /* certificate checked at a trusted time */
	int proxy_failed;    /* the last connection failed at the proxy
	                      * (reaching it, or its CONNECT): the error
	                      * code is then the proxy's, not the server's */
	uint64_t idle_since; /* mono_ms when the connection went idle */
	uint64_t call_t0;    /* mono_ms when the current call began */
	uint32_t call_end;   /* its deadline, ms after call_t0 */
#if TCAS_WITH_RATE_LIMIT
	tcas_rate_bucket rate[TCAS_RATE_BUCKETS];
#endif
	/* "{\"ClientToken\":\"...\"," */
	char body_prefix[TCAS_CLIENT_TOKEN_PREFIX_MAX];
	size_t prefix_len; /* 0: params are sent as given */
	size_t body_skip;  /* params bytes replaced by the prefix */
	size_t req_head_len;
	/* The response buffers in use: shared.r's, or the caller's
	 * (tcas_client_set_response_buffers). */
	char *body;
	size_t body_cap;
	jsmntok_t *tok;
	unsigned tok_cap;
	tcas_http_resp resp;

	/* The buffers, from tls.ibuf (the TLS record buffers end tcas_tls)
	 * to the end: tcas_client_init() leaves them as they are. */
	tcas_tls tls;
	char req_head[TCAS_HTTP_REQ_HEAD_MAX];
	char resp_head[TCAS_HTTP_RESP_HEAD_MAX];
	/* The response body and its JSON tokens share their memory with the
	 * TLS certificate check (tcas_tls_set_x509): a handshake is over
	 * before a response is read, and a result is valid only until the
	 * next call, which may handshake again. */
	union {
		struct {
			char body[TCAS_HTTP_BODY_MAX];
			jsmntok_t tok[TCAS_JSON_TOKENS_MAX];
		} r;
		tcas_x509 xc;
	} shared;
	uint8_t rx[TCAS_CLIENT_RX_SIZE]; /* one read */
} tcas_client;

/* Reset c to defaults: endpoint as.tencentcloudapi.com over TLS, timeout
 * TCAS_TIMEOUT_MS_DEFAULT, no credentials, no anchors. port is kept (not
 * copied). The buffers (TLS records, request and response heads, response
 * body and tokens, the read buffer) are left as they are: each is written
 * before it is read, and not touching them spares a fresh process a page
 * fault per 4 KB; tcas_client_wipe() zeroes them. Returns TCAS_OK, TCAS_E_ARG,
 * or TCAS_E_CONFIG when the caller was compiled with other config.h limits than
 * the library (the struct sizes differ: every call would corrupt memory),
 * detected through the size the macro passes. */
#define tcas_client_init(c, port)                                              \
	tcas_client_init_sized((c), (port), sizeof(tcas_client))
int tcas_client_init_sized(tcas_client *c, const tcas_port *port, size_t size);

/* endpoint: "host", "host:port", "https://host[:port]" or
 * "http://host:port" (plain HTTP only when spelled out, for local testing).
 * IPv6 literals in brackets. A trailing "/" is accepted; any other path,
 * query or user-info is refused. Returns TCAS_OK or TCAS_E_ENDPOINT.
 * Closes an open connection. */
int tcas_client_set_endpoint(tcas_client *c, const char *endpoint);

/* Pointers are kept, not copied; the strings must not change while the
 * client uses them (call this again after changing them: it also drops
 * the kept signing key). token may be NULL. */
void tcas_client_set_credentials(tcas_client *c, const char *secret_id,
                                 const char *secret_key, const char *token);
void tcas_client_set_region(tcas_client *c, const char *region);
void tcas_client_set_language(tcas_client *c, const char *language);
/* The anchors the server's chain must lead to (kept, not copied). Closes
 * an open connection and forgets the kept TLS session, so the next call
 * makes a full handshake checked against these anchors. */
void tcas_client_set_trust(tcas_client *c, const br_x509_trust_anchor *ta,
                           size_t count);
/* The anchors of t (t->ta, t->count as they are now: load every bundle
 * first), decoded on demand when they come from lazy bundles
 * (tcas/trust.h): the client resolves them during its handshakes. t is
 * kept, not copied. NULL t: no anchors. Like tcas_client_set_trust(),
 * closes an open connection and forgets the kept TLS session. */
void tcas_client_set_trust_store(tcas_client *c, tcas_trust *t);

/* Read responses into the caller's buffers instead of the client's own
 * (TCAS_HTTP_BODY_MAX bytes, TCAS_JSON_TOKENS_MAX tokens), for answers
 * larger than a small device needs (the tcas command takes the API's
 * largest pages this way). body[0..body_cap) holds the body and a NUL,
 * tok[0..tok_cap) its tokens (also used to look into the request
 * parameters); both belong to the caller and must stay valid while c is
 * used; results point into them. NULL (or a zero size) restores the
 * client's own. Returns TCAS_OK or TCAS_E_ARG (c NULL, body_cap 1). */
int tcas_client_set_response_buffers(tcas_client *c, char *body,
                                     size_t body_cap, jsmntok_t *tok,
                                     unsigned tok_cap);
/* Total deadline of each call, retries and waits included. */
void tcas_client_set_timeout(tcas_client *c, uint32_t timeout_ms);
/* Per-phase limits (0 = bounded by the total deadline only); defaults
 * TCAS_CONNECT_TIMEOUT_MS_DEFAULT, TCAS_TLS_TIMEOUT_MS_DEFAULT,
 * TCAS_IO_TIMEOUT_MS_DEFAULT. */
void tcas_client_set_timeouts(tcas_client *c, uint32_t connect_ms,
                              uint32_t tls_ms, uint32_t io_ms);
/* attempts >= 1 (1 = never retry; values < 1 count as 1); backoff base and
 * cap in ms (cap < base counts as base). */
void tcas_client_set_retry(tcas_client *c, int attempts, uint32_t base_ms,
                           uint32_t cap_ms);
/* TCAS_RATE_TABLE (default: each action's rate from the facts hook, 20/s
 * where unknown), TCAS_RATE_OFF, or n requests/second for every action.
 * Resets the buckets. Returns TCAS_OK, TCAS_E_ARG (NULL c), or, in a build
 * with TCAS_WITH_RATE_LIMIT 0 (no client-side limiter: calls are never
 * throttled by the client), TCAS_E_UNSUPPORTED for anything but
 * TCAS_RATE_OFF. */
int tcas_client_set_rate_limit(tcas_client *c, uint32_t qps);
/* Where per-action facts come from (rate limits, ClientToken). NULL (the
 * default) keeps the generated action table out of the image: every
 * action is limited to 20/s and gets no automatic ClientToken. Pass
 * tcas_as_action_facts for Auto Scaling's documented values. */
void tcas_client_set_action_facts(tcas_client *c, tcas_action_facts_fn fn);
/* The facts of the 58 Auto Scaling actions (src/actions.c, generated
 * table: referencing it links the table, about 25 KB of read-only data). */
int tcas_as_action_facts(const char *service, const char *action,
                         tcas_action_facts *out);
/* TCAS_CLIENT_TOKEN_AUTO (default), _ALWAYS or _NEVER (see above). */
void tcas_client_set_client_token(tcas_client *c, int mode);
/* Debug log: fn gets request heads (signature and token redacted),
 * attempts, waits, reconnects and clock corrections. NULL turns it off.
 * Returns TCAS_OK, TCAS_E_ARG (NULL c), or, in a build with TCAS_WITH_LOG
 * 0 (no log), TCAS_E_UNSUPPORTED for a non-NULL fn. */
int tcas_client_set_log(tcas_client *c, tcas_log_fn fn, void *ctx);
/* Send through an HTTP proxy with CONNECT (for https:// and http://
 * endpoints alike; the proxy sees only the target host:port, and the
 * CONNECT exchange counts against the connect timeout):
 * "http://[user:pass@]host:port"
 * or "host:port" (user and password may be %-encoded; they are kept only
 * base64-encoded in the client, zeroed by tcas_client_wipe() or the next
 * call of this function). NULL or "" = direct. Closes an open connection.
 * Returns TCAS_OK, TCAS_E_ARG (NULL c), TCAS_E_ENDPOINT (malformed, https://
 * proxy, or user:pass longer than TCAS_PROXY_CRED_MAX - 1), or, in a build
 * with TCAS_WITH_PROXY 0 (direct connections only), TCAS_E_UNSUPPORTED for
 * anything but NULL or "". */
int tcas_client_set_proxy(tcas_client *c, const char *proxy);
/* The time used to sign: the fixed time if set, else the wall clock plus
 * the learned offset (TCAS_TIME_BUILD in place of an unset clock). 0 for
 * NULL c. Certificates are checked at the wall clock ("Clock skew"). */
int64_t tcas_client_now(const tcas_client *c);
/* Sign with this Unix time instead of port->wall_time (0 = clock). It
 * moves the signing clock only: certificates are still checked at the
 * wall clock. */
void tcas_client_set_time(tcas_client *c, int64_t unix_seconds);

/* Sign the call and write its request head (request line and headers,
 * Authorization included) into the client; the body is params itself.
 * params must be a JSON object text (at least "{}"); it is not copied.
 * Signed at tcas_client_now(); no ClientToken is added here.
 * Returns TCAS_OK, TCAS_E_ARG, TCAS_E_CREDENTIALS, TCAS_E_CLOCK (a fixed
 * time before 2020),
 * TCAS_E_HTTP_REQ_TOO_LARGE. The head is then in c->req_head
 * (c->req_head_len bytes, not NUL-terminated). */
int tcas_client_prepare(tcas_client *c, const char *action, const char *params,
                        size_t params_len);

/* Make one call: rate limit, prepare, connect (or reuse the open
 * connection), send, read and parse the response, retrying as described
 * at the top. res is always filled as far as the last attempt went.
 * Returns (the last attempt's outcome):
 *   TCAS_OK                   the service answered without Response.Error
 *   TCAS_E_API                the service answered Response.Error
 *                             (res->error_code, error_message, request_id)
 *   TCAS_E_ARG, TCAS_E_CREDENTIALS, TCAS_E_CLOCK, TCAS_E_ENDPOINT,
 *   TCAS_E_HTTP_REQ_TOO_LARGE  nothing was sent
 *   TCAS_E_NET_*               transport failure (resolve, connect,
 *                              the four timeouts, I/O, closed, proxy;
 *                              TCAS_E_NET_RATE when the rate limiter
 *                              would have to wait on a port without
 *                              sleep_ms; TCAS_E_NET_RANDOM when a
 *                              ClientToken cannot be made)
 *   TCAS_E_CLOCK               the clock is unset and the service did not
 *                              tell its time (see above)
 *   TCAS_E_TLS*                TLS failure (res->tls_br_error has detail)
 *   TCAS_E_HTTP_*              HTTP status != 200, framing, size limits
 *   TCAS_E_JSON_*, TCAS_E_RESPONSE  body is not a usable envelope
 */
int tcas_client_call(tcas_client *c, const char *action, const char *params,
                     size_t params_len, tcas_result *res);

/* Close the connection (TLS close_notify when possible). The TLS session
 * stays remembered for resumption. */
void tcas_client_close(tcas_client *c);

/* Close, then zero every buffer that may hold secret or private data
 * (request and response, the TLS records in and out, proxy credentials,
 * TLS session) and forget the
 * credential pointers. The caller still owns and must wipe the SecretKey
 * and token strings it passed in. Configuration other than credentials and
 * proxy stays; set credentials again before the next call. */
void tcas_client_wipe(tcas_client *c);

#endif /* TCAS_CLIENT_H */
