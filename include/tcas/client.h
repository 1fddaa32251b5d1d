/*
 * tcas/client.h - one signed Auto Scaling API call over HTTPS (or plain
 * HTTP for local testing), with connection reuse.
 *
 * The caller owns a tcas_client (about 67 KB with the default config, most
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
#include "tcas/version.h"

/* Auto Scaling's API version and signing service name. */
#define TCAS_AS_VERSION "2018-04-19"
#define TCAS_AS_SERVICE "as"
#define TCAS_AS_DEFAULT_HOST "as.tencentcloudapi.com"
#define TCAS_USER_AGENT "tcas/" TCAS_VERSION

/* Largest "host:port" Host header value. */
#define TCAS_HOST_HEADER_MAX (TCAS_HOST_MAX + 6)

/* What a call left for the caller; filled by tcas_client_call(). */
typedef struct tcas_result {
	int http_status;    /* status of the last response, 0 if none */
	tcas_json doc;      /* parsed body (valid after TCAS_OK/TCAS_E_API) */
	int response;       /* token of doc's "Response" object, or -1 */
	char error_code[TCAS_ERR_CODE_MAX];       /* Response.Error.Code */
	char error_message[TCAS_ERR_MSG_MAX];     /* Response.Error.Message */
	char request_id[TCAS_REQUEST_ID_MAX];     /* Response.RequestId */
	int message_truncated; /* error_message was cut to fit */
	int attempts;          /* connections/sends made for this call */
	int tls_br_error;      /* BearSSL code behind a TCAS_E_TLS* error */
} tcas_result;

typedef struct tcas_client {
	/* configuration (set through the functions below) */
	const tcas_port *port;
	const char *secret_id;
	const char *secret_key;
	const char *token;    /* session token or NULL */
	const char *region;   /* X-TC-Region */
	const char *language; /* X-TC-Language or NULL */
	const char *action_version; /* X-TC-Version, default TCAS_AS_VERSION */
	const char *service;  /* signing service, default TCAS_AS_SERVICE */
	const br_x509_trust_anchor *ta;
	size_t ta_count;
	char host[TCAS_HOST_MAX];          /* host name to connect to */
	char host_header[TCAS_HOST_HEADER_MAX]; /* Host: value, signed */
	uint16_t port_num;
	int use_tls;
	uint32_t timeout_ms;  /* total deadline per call */
	int64_t fixed_time;   /* > 0: sign with this timestamp */

	/* connection state */
	int connected;
	int reusable;
	tcas_tls tls;

	/* buffers */
	char req_head[TCAS_HTTP_REQ_HEAD_MAX];
	size_t req_head_len;
	char resp_head[TCAS_HTTP_RESP_HEAD_MAX];
	char body[TCAS_HTTP_BODY_MAX];
	jsmntok_t tok[TCAS_JSON_TOKENS_MAX];
	uint8_t rx[1024];
	tcas_http_resp resp;
} tcas_client;

/* Reset c to defaults: endpoint as.tencentcloudapi.com over TLS, timeout
 * TCAS_TIMEOUT_MS_DEFAULT, no credentials, no anchors. port is kept (not
 * copied). Returns TCAS_OK or TCAS_E_ARG. */
int tcas_client_init(tcas_client *c, const tcas_port *port);

/* endpoint: "host", "host:port", "https://host[:port]" or
 * "http://host:port" (plain HTTP only when spelled out, for local testing).
 * IPv6 literals in brackets. A trailing "/" is accepted; any other path,
 * query or user-info is refused. Returns TCAS_OK or TCAS_E_ENDPOINT.
 * Closes an open connection. */
int tcas_client_set_endpoint(tcas_client *c, const char *endpoint);

/* Pointers are kept, not copied. token may be NULL. */
void tcas_client_set_credentials(tcas_client *c, const char *secret_id,
                                 const char *secret_key, const char *token);
void tcas_client_set_region(tcas_client *c, const char *region);
void tcas_client_set_language(tcas_client *c, const char *language);
void tcas_client_set_trust(tcas_client *c, const br_x509_trust_anchor *ta,
                           size_t count);
void tcas_client_set_timeout(tcas_client *c, uint32_t timeout_ms);
/* Sign with this Unix time instead of port->wall_time (0 = clock). */
void tcas_client_set_time(tcas_client *c, int64_t unix_seconds);

/* Sign the call and write its request head (request line and headers,
 * Authorization included) into the client; the body is params itself.
 * params must be a JSON object text (at least "{}"); it is not copied.
 * Returns TCAS_OK, TCAS_E_ARG, TCAS_E_CREDENTIALS, TCAS_E_CLOCK,
 * TCAS_E_HTTP_REQ_TOO_LARGE. The head is then in c->req_head
 * (c->req_head_len bytes, not NUL-terminated). */
int tcas_client_prepare(tcas_client *c, const char *action,
                        const char *params, size_t params_len);

/* Make one call: prepare, connect (or reuse the open connection), send,
 * read and parse the response. res is always filled as far as the call
 * went. Returns:
 *   TCAS_OK                   the service answered without Response.Error
 *   TCAS_E_API                the service answered Response.Error
 *                             (res->error_code, error_message, request_id)
 *   TCAS_E_ARG, TCAS_E_CREDENTIALS, TCAS_E_CLOCK, TCAS_E_ENDPOINT,
 *   TCAS_E_HTTP_REQ_TOO_LARGE  nothing was sent
 *   TCAS_E_NET_*               transport failure (resolve, connect,
 *                              timeout: the total deadline, I/O, closed)
 *   TCAS_E_TLS*                TLS failure (res->tls_br_error has detail)
 *   TCAS_E_HTTP_*              HTTP status != 200, framing, size limits
 *   TCAS_E_JSON_*, TCAS_E_RESPONSE  body is not a usable envelope
 * A connection reused from an earlier call that turns out to be closed
 * by the server before any response byte arrived is replaced by a fresh
 * one and the request sent again (once). */
int tcas_client_call(tcas_client *c, const char *action, const char *params,
                     size_t params_len, tcas_result *res);

/* Close the connection (TLS close_notify when possible). */
void tcas_client_close(tcas_client *c);

#endif /* TCAS_CLIENT_H */
