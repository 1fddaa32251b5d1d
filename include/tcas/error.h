/*
 * tcas/error.h - the one status type of tcas.
 *
 * Every tcas function that can fail returns a tcas_err: TCAS_OK (0) on
 * success, a negative code otherwise. TCAS_MORE (positive) is not a failure:
 * an incremental parser wants more input. tcas_strerror() gives a one-line
 * English text for each code; texts of "too large" codes name the config
 * limit (tcas/config.h) that was exceeded. No text contains caller data, so
 * printing one can never reveal a secret.
 *
 * Codes are grouped by module in ranges of 20 so that tcas_err_class() can
 * tell a transport failure from a TLS, HTTP or API failure.
 */
#ifndef TCAS_ERROR_H
#define TCAS_ERROR_H

typedef enum tcas_err {
	TCAS_MORE = 1, /* incremental parser: feed more bytes */
	TCAS_OK = 0,

	/* general: -1 .. -19 */
	TCAS_E_ARG = -1,         /* invalid argument (NULL, bad value) */
	TCAS_E_NOSPACE = -2,     /* caller buffer too small */
	TCAS_E_STATE = -3,       /* call not valid in this state */
	TCAS_E_UTF8 = -4,        /* invalid UTF-8 */
	TCAS_E_CREDENTIALS = -5, /* missing/invalid SecretId or SecretKey */
	TCAS_E_ENDPOINT = -6,    /* endpoint URL/host not usable */
	TCAS_E_CLOCK = -7,       /* wall clock unset/invalid (before 2020) */
	TCAS_E_INTERNAL = -8,    /* broken invariant (a bug in tcas) */
	TCAS_E_PARAM = -9,       /* parameters do not match the action's spec */
	TCAS_E_CONFIG = -10,     /* caller built with other config.h limits */
	TCAS_E_UNSUPPORTED = -11, /* feature compiled out (TCAS_WITH_* = 0) */

	/* JSON: -20 .. -39 */
	TCAS_E_JSON_TOO_MANY_TOKENS = -20, /* > TCAS_JSON_TOKENS_MAX tokens */
	TCAS_E_JSON_TRUNCATED = -21,       /* document ends early */
	TCAS_E_JSON_MALFORMED = -22,       /* not valid JSON */
	TCAS_E_JSON_NOT_FOUND = -23,       /* path/member/index not present */
	TCAS_E_JSON_TYPE = -24,            /* value has another JSON type */
	TCAS_E_JSON_RANGE = -25,           /* number not an integer in range */
	TCAS_E_JSON_DEPTH = -26,           /* writer: > TCAS_JSON_DEPTH_MAX */
	TCAS_E_JSON_PATH = -27,            /* path expression is malformed */
	TCAS_E_JSON_ESCAPE = -28,          /* bad \escape or lone surrogate */

	/* HTTP: -40 .. -59 */
	TCAS_E_HTTP_REQ_TOO_LARGE = -40,  /* > TCAS_HTTP_REQ_HEAD_MAX */
	TCAS_E_HTTP_HEAD_TOO_LARGE = -41, /* > TCAS_HTTP_RESP_HEAD_MAX */
	TCAS_E_HTTP_BODY_TOO_LARGE = -42, /* > TCAS_HTTP_BODY_MAX */
	TCAS_E_HTTP_MALFORMED = -43,      /* bad status line/header/chunk */
	TCAS_E_HTTP_TRUNCATED = -44,      /* connection closed mid-response */
	TCAS_E_HTTP_STATUS = -45,         /* status other than 200 */
	TCAS_E_HTTP_UNSUPPORTED = -46,    /* e.g. unknown Transfer-Encoding */
	TCAS_E_HTTP_NO_HEADER = -47,      /* response header not present */
	TCAS_E_HTTP_SPEAKS_TLS = -48,     /* plain HTTP to a TLS port */

	/* transport (port): -60 .. -79 */
	TCAS_E_NET_RESOLVE = -60,         /* host name did not resolve */
	TCAS_E_NET_CONNECT = -61,         /* connection refused/unreachable */
	TCAS_E_NET_TIMEOUT = -62,         /* a port wait expired (the client
	                                   * reports which limit: -66..-69, -88) */
	TCAS_E_NET_IO = -63,              /* send/recv failed (reset, ...) */
	TCAS_E_NET_CLOSED = -64,          /* peer closed the connection */
	TCAS_E_NET_RANDOM = -65,          /* no random bytes for seeding */
	TCAS_E_NET_CONNECT_TIMEOUT = -66, /* TCP connect took too long */
	TCAS_E_NET_READ_TIMEOUT = -67,    /* one read waited too long */
	TCAS_E_NET_WRITE_TIMEOUT = -68,   /* one write waited too long */
	TCAS_E_NET_DEADLINE = -69,        /* the call's total deadline passed */
	TCAS_E_NET_PROXY = -70,           /* proxy refused or broke CONNECT */
	TCAS_E_NET_PROXY_AUTH = -71,      /* proxy wants credentials (407) */
	TCAS_E_NET_RATE = -72,            /* client-side rate limit, no wait */

	/* TLS: -80 .. -99 */
	TCAS_E_TLS = -80,            /* TLS protocol failure */
	TCAS_E_TLS_CERT = -81,       /* certificate chain not trusted */
	TCAS_E_TLS_HOSTNAME = -82,   /* certificate not valid for host */
	TCAS_E_TLS_EXPIRED = -83,    /* certificate expired/not yet valid */
	TCAS_E_TLS_NO_ANCHORS = -84, /* no trust anchors loaded */
	TCAS_E_TLS_ANCHORS_FULL =
	    -85,              /* > TCAS_TRUST_ANCHORS_MAX/_ARENA_SIZE */
	TCAS_E_TLS_PEM = -86, /* CA file unreadable or not PEM */
	TCAS_E_TLS_CERT_TOO_LARGE = -87,   /* > TCAS_TRUST_CERT_MAX */
	TCAS_E_TLS_TIMEOUT = -88,          /* TLS handshake took too long */
	TCAS_E_TLS_RECORD_TOO_LARGE = -89, /* record > TCAS_TLS_IBUF_SIZE */
	TCAS_E_TLS_VERSION = -90,          /* server offers no TLS 1.2 */
	TCAS_E_TLS_CIPHER = -91,           /* no ECDHE+AEAD suite in common */
	TCAS_E_TLS_WEAK_HASH = -92, /* SHA-1/MD5 signature in the chain */
	TCAS_E_TLS_RSA_WEAK = -93,  /* RSA key below 2048 bits in the chain */
	TCAS_E_TLS_CURVE = -94,     /* EC key not on P-256/P-384 */
	TCAS_E_TLS_NO_SAN = -95,    /* certificate without subjectAltName */
	TCAS_E_TLS_NOT_TLS = -96,   /* server answered, but not in TLS */
	TCAS_E_TLS_SILENT = -97,    /* no answer to the TLS ClientHello */

	/* API / response: -100 .. -119 */
	TCAS_E_API = -100,           /* Response.Error present (see result) */
	TCAS_E_RESPONSE = -101,      /* 200 but no usable Response envelope */
	TCAS_E_REQ_TOO_LARGE = -102, /* request body > TCAS_REQ_BODY_MAX */

	/* credentials and configuration (creds.h): -120 .. -139 */
	TCAS_E_CFG_NOFILE = -120,    /* file does not exist */
	TCAS_E_CFG_PERM = -121,      /* credentials file readable by others */
	TCAS_E_CFG_READ = -122,      /* file could not be read */
	TCAS_E_CFG_TOO_LARGE = -123, /* file > TCAS_CFG_FILE_MAX bytes or
	                                TCAS_CFG_TOKENS_MAX values */
	TCAS_E_CFG_SYNTAX = -124,    /* not valid INI/JSON, wrong type */
	TCAS_E_CFG_VALUE_TOO_LONG = -125, /* value > its TCAS_CFG_* field */
	TCAS_E_CFG_NO_CREDENTIALS = -126, /* no source had a key pair */
	TCAS_E_CFG_INCOMPLETE = -127,     /* only one of SecretId/SecretKey */
	TCAS_E_CFG_UNSUPPORTED = -128,    /* tccli oauth/sso profile */
	TCAS_E_CFG_METADATA = -129,       /* CVM role credentials unavailable */
	TCAS_E_CFG_BAD_NAME = -130,       /* bad profile name */
	TCAS_E_CFG_NOT_FILE = -131,       /* not a regular file (FIFO, ...) */
	TCAS_E_CFG_BAD_VALUE = -132,      /* NUL, control or non-UTF-8 byte */

	/* JMESPath and typed calls: -140 .. -159 */
	TCAS_E_JMESPATH_SYNTAX = -140, /* expression malformed */
	TCAS_E_JMESPATH_ARENA = -141,  /* > TCAS_JMESPATH_ARENA_SIZE bytes */
	TCAS_E_TOO_MANY_ITEMS = -142,  /* response array > struct capacity */
	TCAS_E_STRINGS_FULL = -143,    /* response strings > string arena */
	TCAS_E_JMESPATH_TYPE = -144,   /* invalid-type */
	TCAS_E_JMESPATH_ARITY = -145,  /* invalid-arity */
	TCAS_E_JMESPATH_VALUE = -147,  /* invalid-value */
	TCAS_E_JMESPATH_DEPTH = -148,  /* > TCAS_JMESPATH_DEPTH_MAX levels */
	/* unknown-function */
	TCAS_E_JMESPATH_UNKNOWN_FUNCTION = -146
} tcas_err;

typedef enum tcas_err_class {
	TCAS_CLASS_OK = 0,
	TCAS_CLASS_USAGE,     /* arguments, buffers, JSON, config limits */
	TCAS_CLASS_TRANSPORT, /* resolve, connect, timeout, I/O */
	TCAS_CLASS_TLS,       /* handshake, certificates, anchors */
	TCAS_CLASS_HTTP,      /* status, framing, size limits */
	TCAS_CLASS_API        /* the service answered Response.Error */
} tcas_err_class;

/* One-line static English text for err; never NULL. */
const char *tcas_strerror(int err);

/* Short name of the code, e.g. "TCAS_E_NET_TIMEOUT"; never NULL. */
const char *tcas_errname(int err);

/* Which kind of failure err is. */
tcas_err_class tcas_err_class_of(int err);

#endif /* TCAS_ERROR_H */
