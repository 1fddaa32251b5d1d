/* Texts and classes of tcas_err codes; contract in tcas/error.h. */
#include "inner.h"

struct err_text {
	int code;
	const char *name;
	const char *text;
};

#define E(c, t)                                                                \
	{                                                                      \
		c, #c, t                                                       \
	}
static const struct err_text err_texts[] = {
    E(TCAS_MORE, "more input needed"),
    E(TCAS_OK, "success"),
    E(TCAS_E_ARG, "invalid argument"),
    E(TCAS_E_NOSPACE, "output buffer too small"),
    E(TCAS_E_STATE, "operation not valid in this state"),
    E(TCAS_E_UTF8, "invalid UTF-8 in text"),
    E(TCAS_E_CREDENTIALS, "missing or invalid SecretId/SecretKey"),
    E(TCAS_E_ENDPOINT, "endpoint is not a usable https:// or http:// "
                       "host[:port]"),
    E(TCAS_E_CLOCK, "wall clock is unset (before 2020): cannot sign or "
                    "check certificates"),
    E(TCAS_E_INTERNAL, "internal error in tcas"),
    E(TCAS_E_CONFIG, "the program was compiled with other tcas/config.h "
                     "limits than libtcas: rebuild both with the same -D "
                     "values"),
    E(TCAS_E_PARAM, "parameter does not match the action's spec"),
    E(TCAS_E_UNSUPPORTED, "feature compiled out of this build of tcas "
                          "(a TCAS_WITH_* switch in tcas/config.h is 0)"),
    E(TCAS_E_JSON_TOO_MANY_TOKENS,
      "JSON document has more tokens than TCAS_JSON_TOKENS_MAX"),
    E(TCAS_E_JSON_TRUNCATED, "JSON document is truncated"),
    E(TCAS_E_JSON_MALFORMED, "JSON document is malformed"),
    E(TCAS_E_JSON_NOT_FOUND, "JSON path not found"),
    E(TCAS_E_JSON_TYPE, "JSON value has an unexpected type"),
    E(TCAS_E_JSON_RANGE, "JSON number is not an integer in range"),
    E(TCAS_E_JSON_DEPTH, "JSON nesting deeper than TCAS_JSON_DEPTH_MAX"),
    E(TCAS_E_JSON_PATH, "malformed JSON path expression"),
    E(TCAS_E_JSON_ESCAPE, "invalid escape or lone surrogate in JSON string"),
    E(TCAS_E_HTTP_REQ_TOO_LARGE,
      "HTTP request head larger than TCAS_HTTP_REQ_HEAD_MAX"),
    E(TCAS_E_HTTP_HEAD_TOO_LARGE,
      "HTTP response head larger than TCAS_HTTP_RESP_HEAD_MAX"),
    E(TCAS_E_HTTP_BODY_TOO_LARGE,
      "HTTP response body larger than TCAS_HTTP_BODY_MAX"),
    E(TCAS_E_HTTP_MALFORMED, "malformed HTTP response"),
    E(TCAS_E_HTTP_TRUNCATED, "connection closed before the HTTP response "
                             "was complete"),
    E(TCAS_E_HTTP_STATUS, "HTTP status other than 200"),
    E(TCAS_E_HTTP_UNSUPPORTED, "unsupported HTTP feature in response"),
    E(TCAS_E_HTTP_NO_HEADER, "HTTP response header not present"),
    E(TCAS_E_HTTP_SPEAKS_TLS,
      "server speaks TLS (answered in TLS): use https://"),
    E(TCAS_E_NET_RESOLVE, "host name did not resolve"),
    E(TCAS_E_NET_CONNECT, "connection refused or host unreachable"),
    E(TCAS_E_NET_TIMEOUT, "network timeout"),
    E(TCAS_E_NET_IO, "network send/receive failed"),
    E(TCAS_E_NET_CLOSED, "connection closed by peer"),
    E(TCAS_E_NET_RANDOM, "no random bytes available for TLS"),
    E(TCAS_E_NET_CONNECT_TIMEOUT, "timed out connecting to the server"),
    E(TCAS_E_NET_READ_TIMEOUT, "timed out waiting for the server's answer"),
    E(TCAS_E_NET_WRITE_TIMEOUT, "timed out sending the request"),
    E(TCAS_E_NET_DEADLINE, "the call's total deadline passed"),
    E(TCAS_E_NET_PROXY, "the proxy refused or failed the CONNECT request"),
    E(TCAS_E_NET_PROXY_AUTH, "the proxy requires (other) credentials"),
    E(TCAS_E_NET_RATE, "client-side rate limit reached and the port "
                       "cannot sleep"),
    E(TCAS_E_TLS, "TLS handshake or record failure"),
    E(TCAS_E_TLS_CERT, "server certificate is not signed by a trusted CA"),
    E(TCAS_E_TLS_HOSTNAME, "server certificate does not match the host name"),
    E(TCAS_E_TLS_EXPIRED, "server certificate expired or not yet valid"),
    E(TCAS_E_TLS_NO_ANCHORS, "no trust anchors loaded"),
    E(TCAS_E_TLS_ANCHORS_FULL, "trust anchors exceed TCAS_TRUST_ANCHORS_MAX "
                               "or TCAS_TRUST_ARENA_SIZE"),
    E(TCAS_E_TLS_PEM, "CA file unreadable or holds no PEM certificate"),
    E(TCAS_E_TLS_CERT_TOO_LARGE,
      "certificate in CA file larger than TCAS_TRUST_CERT_MAX"),
    E(TCAS_E_TLS_TIMEOUT, "timed out in the TLS handshake"),
    E(TCAS_E_TLS_RECORD_TOO_LARGE,
      "TLS record larger than TCAS_TLS_IBUF_SIZE: the server ignored the "
      "max_fragment_length request (use 16709 for such servers)"),
    E(TCAS_E_TLS_VERSION, "server offers no TLS 1.2 (1.0 and 1.1 refused)"),
    E(TCAS_E_TLS_CIPHER, "server offers no ECDHE suite with AES-GCM or "
                         "ChaCha20 (RSA key exchange, CBC refused)"),
    E(TCAS_E_TLS_WEAK_HASH, "server chain has a SHA-1 or MD5 signature"),
    E(TCAS_E_TLS_RSA_WEAK, "server chain has an RSA key below 2048 bits"),
    E(TCAS_E_TLS_CURVE, "server chain has an EC key not on P-256 or P-384"),
    E(TCAS_E_TLS_NO_SAN,
      "server certificate has no subjectAltName DNS name (CN only)"),
    E(TCAS_E_TLS_NOT_TLS,
      "server does not speak TLS: it answered with other bytes"),
    E(TCAS_E_TLS_SILENT,
      "server does not speak TLS: no answer to the TLS hello"),
    E(TCAS_E_API, "the service returned an error"),
    E(TCAS_E_RESPONSE, "response has no usable Response object"),
    E(TCAS_E_REQ_TOO_LARGE, "request body larger than TCAS_REQ_BODY_MAX"),
    E(TCAS_E_CFG_NOFILE, "configuration file does not exist"),
    E(TCAS_E_CFG_PERM, "credentials file is accessible to group or others "
                       "(chmod 600 it)"),
    E(TCAS_E_CFG_READ, "configuration file could not be read"),
    E(TCAS_E_CFG_TOO_LARGE, "configuration file larger than TCAS_CFG_FILE_MAX "
                            "bytes or TCAS_CFG_TOKENS_MAX values"),
    E(TCAS_E_CFG_SYNTAX, "configuration file is malformed"),
    E(TCAS_E_CFG_VALUE_TOO_LONG, "configuration value longer than "
                                 "TCAS_CFG_VALUE_MAX (TCAS_TOKEN_MAX for "
                                 "tokens, TCAS_PATH_MAX for paths)"),
    E(TCAS_E_CFG_NO_CREDENTIALS, "no credentials found"),
    E(TCAS_E_CFG_INCOMPLETE, "credential source has only one of SecretId "
                             "and SecretKey, or an empty value"),
    E(TCAS_E_CFG_UNSUPPORTED, "tccli profile type not supported "
                              "(oauth/sso)"),
    E(TCAS_E_CFG_METADATA, "CVM role credentials not available from the "
                           "metadata service"),
    E(TCAS_E_CFG_BAD_NAME, "profile name is empty or holds '/' or a "
                           "leading '.'"),
    E(TCAS_E_CFG_NOT_FILE, "not a regular file (a FIFO, device or "
                           "directory is refused)"),
    E(TCAS_E_CFG_BAD_VALUE, "a credential holds a NUL, a control "
                            "character or bytes that are not UTF-8"),
    E(TCAS_E_JMESPATH_SYNTAX, "JMESPath syntax error"),
    E(TCAS_E_JMESPATH_ARENA, "JMESPath values need more than "
                             "TCAS_JMESPATH_ARENA_SIZE bytes"),
    E(TCAS_E_TOO_MANY_ITEMS, "response array has more items than the "
                             "typed struct holds (TCAS_TYPED_ITEMS_MAX)"),
    E(TCAS_E_STRINGS_FULL, "response strings exceed the caller's string "
                           "buffer"),
    E(TCAS_E_JMESPATH_TYPE, "JMESPath invalid-type: a value of the wrong "
                            "type"),
    E(TCAS_E_JMESPATH_ARITY, "JMESPath invalid-arity: wrong number of "
                             "arguments"),
    E(TCAS_E_JMESPATH_UNKNOWN_FUNCTION, "JMESPath unknown-function"),
    E(TCAS_E_JMESPATH_VALUE, "JMESPath invalid-value"),
    E(TCAS_E_JMESPATH_DEPTH, "JMESPath expression nests deeper than "
                             "TCAS_JMESPATH_DEPTH_MAX"),
};
#undef E

static const struct err_text *err_find(int err)
{
	size_t i;

	for (i = 0; i < sizeof err_texts / sizeof err_texts[0]; i++)
		if (err_texts[i].code == err)
			return &err_texts[i];
	return NULL;
}

const char *tcas_strerror(int err)
{
	const struct err_text *e = err_find(err);

	return e ? e->text : "unknown error";
}

const char *tcas_errname(int err)
{
	const struct err_text *e = err_find(err);

	return e ? e->name : "TCAS_E_UNKNOWN";
}

tcas_err_class tcas_err_class_of(int err)
{
	if (err >= 0)
		return TCAS_CLASS_OK;
	if (err == TCAS_E_HTTP_REQ_TOO_LARGE || err == TCAS_E_REQ_TOO_LARGE)
		return TCAS_CLASS_USAGE;
	if (err == TCAS_E_API)
		return TCAS_CLASS_API;
	if (err <= -120) /* configuration, filters, typed calls */
		return TCAS_CLASS_USAGE;
	if (err <= -100)
		return TCAS_CLASS_HTTP;
	if (err <= -80)
		return TCAS_CLASS_TLS;
	if (err <= -60)
		return TCAS_CLASS_TRANSPORT;
	if (err <= -40)
		return TCAS_CLASS_HTTP;
	return TCAS_CLASS_USAGE;
}
