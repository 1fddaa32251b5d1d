/*
 * client_inner.h - private header of the client (tcas/client.h), which is
 * split by concern:
 *
 *   client.c     the call loop, signing, ClientToken, envelope, setters
 *   conn.c       the connection and its deadlines (connect, TLS, send,
 *                read, keep-alive)
 *   clock.c      the clocks: the time to sign with and to check
 *                certificates at, skew learning, the monotonic clock
 *   retry.c      the retry policy, pure functions (the caller supplies the
 *                random value and takes the sleep)
 *   ratelimit.c  the per-action token buckets      (TCAS_WITH_RATE_LIMIT)
 *   proxy.c      the HTTP CONNECT proxy: its URL and its exchange
 *                                                  (TCAS_WITH_PROXY)
 *   log.c        the redacting debug log            (TCAS_WITH_LOG)
 *   signkey.c    the day's signing key kept between calls
 *                                                  (TCAS_WITH_KEY_CACHE)
 *
 * An optional feature's file is compiled only with its switch on; with it
 * off, the feature's entry points below become the one-line fallbacks
 * next to them, so no caller tests the switch.
 */
#ifndef TCAS_CLIENT_INNER_H
#define TCAS_CLIENT_INNER_H

#include "inner.h"

#include "tcas/client.h"

/* ---- the call (client.c) ------------------------------------------------ */

/* The facts hook's answer for action (zeroed first); 1 when known. */
int tcas_client_facts(const tcas_client *c, const char *action,
                      tcas_action_facts *f);

/* ---- clocks (clock.c) ---------------------------------------------------- */

/* The time to sign with and to check certificates at; *trusted = 0 when it
 * is TCAS_TIME_BUILD standing in for an unset wall clock. */
int64_t tcas_clock_now(const tcas_client *c, int *trusted);
/* Is the time tcas_clock_now() gives a real one? */
int tcas_clock_trusted(const tcas_client *c);
/* The port's monotonic clock, ms. */
uint64_t tcas_clock_mono(const tcas_client *c);
/* AuthFailure.SignatureExpire: learn the offset from the response's Date
 * header (res->skew_learned = 1), closing a connection whose certificate
 * was checked at a guessed time. TCAS_OK, or TCAS_E_CLOCK when there is
 * nothing to learn from (fixed time, no or bad Date). */
int tcas_clock_learn_skew(tcas_client *c, tcas_result *res);

/* ---- the connection and its deadlines (conn.c) --------------------------- */

/* The call's deadline is c->call_end ms after c->call_t0 (mono). */
/* ms from now until end (on the call's clock), 0 when past. */
uint32_t tcas_deadline_until(const tcas_client *c, uint32_t end);
/* ms left before the call's deadline. */
uint32_t tcas_deadline_left(const tcas_client *c);
/* Send the prepared request (c->req_head, the ClientToken prefix, then
 * params after c->body_skip bytes) and read the answer into c->resp,
 * connecting first when needed. *sent: the whole request may have reached
 * the server. A reused connection found closed before any response byte
 * is replaced once, when that is safe (idem: the call may be repeated). */
int tcas_conn_exchange(tcas_client *c, const char *params, size_t len, int idem,
                       tcas_result *res, int *sent);

/* ---- retry policy (retry.c) ---------------------------------------------- */

/* What the retry policy makes of an attempt's outcome (tcas/client.h,
 * "Retries"). */
typedef enum tcas_retry_class {
	TCAS_RETRY_NEVER,      /* final: parameters, authentication, TLS,
	                        * malformed answers, the total deadline */
	TCAS_RETRY_ALWAYS,     /* throttled (RequestLimitExceeded, 429), or
	                        * failed before the request was sent */
	TCAS_RETRY_IDEMPOTENT, /* only when the call is safe to repeat:
	                        * InternalError, ServiceUnavailable, 5xx,
	                        * transport failures after sending */
	TCAS_RETRY_CLOCK       /* AuthFailure.SignatureExpire: learn the clock
	                        * offset, re-sign, send once more */
} tcas_retry_class;

/* Class of an attempt that ended with err; error_code is
 * Response.Error.Code (read for TCAS_E_API), http_status the status (read
 * for TCAS_E_HTTP_STATUS), sent whether the whole request may have reached
 * the server. */
tcas_retry_class tcas_retry_classify(int err, const char *error_code,
                                     int http_status, int sent);
/* May an attempt of class k be made again? idem: the call is safe to
 * repeat. (TCAS_RETRY_CLOCK is the call loop's own case: 0 here.) */
int tcas_retry_again(tcas_retry_class k, int idem);
/* Upper end of the full-jitter backoff before attempt n + 1 (n >= 1):
 * min(cap, base * 2^(n-1)), without overflow. */
uint32_t tcas_retry_ceiling(uint32_t base_ms, uint32_t cap_ms, int n);
/* The backoff drawn from rnd (uniform over 32 bits): rnd mod
 * (ceiling + 1), i.e. in [0, ceiling]. */
uint32_t tcas_retry_jitter(uint32_t ceiling_ms, uint32_t rnd);

/* ---- rate limiter (ratelimit.c) ------------------------------------------ */

#if TCAS_WITH_RATE_LIMIT
/* tcas_client_set_rate_limit() after its argument check. */
int tcas_rate_set(tcas_client *c, uint32_t qps);
/* Take one token from action's bucket, sleeping until there is one
 * (res->waited_ms counts the sleep). TCAS_OK, TCAS_E_NET_RATE (a wait is
 * needed and the port cannot sleep), TCAS_E_NET_DEADLINE. */
int tcas_rate_wait(tcas_client *c, const char *action, tcas_result *res);
#else
#define tcas_rate_set(c, qps)                                                  \
	((qps) == TCAS_RATE_OFF ? TCAS_OK : TCAS_E_UNSUPPORTED)
#define tcas_rate_wait(c, action, res) TCAS_OK
#endif

/* ---- proxy (proxy.c) ----------------------------------------------------- */

#if TCAS_WITH_PROXY
/* tcas_client_set_proxy() after its argument check. */
int tcas_proxy_set(tcas_client *c, const char *proxy);
/* Zero the proxy credentials and forget the proxy. */
void tcas_proxy_forget(tcas_client *c);
/* When the client goes through a proxy, point *host and *port at it and
 * return 1; else 0. */
int tcas_proxy_hop(const tcas_client *c, const char **host, uint16_t *port);
/* On a TCP connection to the proxy: CONNECT to c->host:c->port_num and
 * read the proxy's answer head, by end (on the call's clock). */
int tcas_proxy_connect(tcas_client *c, uint32_t end);
#else
#define tcas_proxy_set(c, proxy)                                               \
	(((proxy) == NULL || (proxy)[0] == '\0') ? TCAS_OK : TCAS_E_UNSUPPORTED)
#define tcas_proxy_forget(c)          ((void)0)
#define tcas_proxy_hop(c, host, port) 0
#define tcas_proxy_connect(c, end)    TCAS_OK
#endif

/* ---- debug log (log.c) --------------------------------------------------- */

#if TCAS_WITH_LOG
/* tcas_client_set_log() after its argument check. */
int tcas_log_set(tcas_client *c, tcas_log_fn fn, void *ctx);
/* Log "tcas: <msg>[<n>][ <err>]"; n is shown when msg ends in a space. */
void tcas_log_event(const tcas_client *c, const char *msg, int64_t n, int err);
/* Log the request head in c->req_head, line by line, with the signature
 * and the session token replaced by "<redacted>". */
void tcas_log_head(const tcas_client *c);
#else
#define tcas_log_set(c, fn, ctx)                                               \
	((void)(ctx), (fn) == NULL ? TCAS_OK : TCAS_E_UNSUPPORTED)
#define tcas_log_event(c, msg, n, err) ((void)0)
#define tcas_log_head(c)               ((void)0)
#endif

/* ---- signing key cache (signkey.c) --------------------------------------- */

#if TCAS_WITH_KEY_CACHE
/* The TC3 signing key for the UTC date of now, derived once a day and kept
 * in the client; NULL when it cannot be derived (then tcas_sign_final()
 * names the problem). */
const uint8_t *tcas_signkey_get(tcas_client *c, int64_t now);
/* Zero the kept key (new credentials, wipe). */
void tcas_signkey_forget(tcas_client *c);
#else
#define tcas_signkey_get(c, now) ((const uint8_t *)NULL)
#define tcas_signkey_forget(c)   ((void)0)
#endif

#endif /* TCAS_CLIENT_INNER_H */
