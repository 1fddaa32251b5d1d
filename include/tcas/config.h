/*
 * tcas/config.h - every buffer size and limit of tcas, in one place (the
 * POSIX port's own two settings are in tcas/port_posix.h).
 *
 * Each value is a default guarded by #ifndef: override it with -DNAME=VALUE
 * on the compiler command line, or put the overrides in a header of your own
 * and pass -DTCAS_USER_CONFIG='"my_tcas_config.h"'; that header is included
 * first. Nothing here is a platform matter (sockets, clocks, randomness live
 * behind the port interface, tcas/port.h).
 *
 * The RAM each value costs is noted beside it; README.md sums them up. All of
 * it is inside caller-owned structs (tcas_client and the module contexts):
 * tcas never allocates.
 */
#ifndef TCAS_CONFIG_H
#define TCAS_CONFIG_H

#ifdef TCAS_USER_CONFIG
#include TCAS_USER_CONFIG
#endif

/* ---- HTTP ---------------------------------------------------------------- */

/* Bytes for the request head (request line + all headers, Authorization and
 * X-TC-Token included). In tcas_client. A session token adds its length. */
#ifndef TCAS_HTTP_REQ_HEAD_MAX
#define TCAS_HTTP_REQ_HEAD_MAX 3072
#endif

/* Bytes for the response status line + headers (and chunk-size lines while
 * parsing). In tcas_client. A response whose head is longer fails with
 * TCAS_E_HTTP_HEAD_TOO_LARGE. */
#ifndef TCAS_HTTP_RESP_HEAD_MAX
#define TCAS_HTTP_RESP_HEAD_MAX 2048
#endif

/* 1: the response reader stores a head line's text up to its CR in one
 * copy, instead of one byte at a time through its line machine (7 k fewer
 * instructions for a 300-byte head, of about 135 k per kept TLS call). 0:
 * byte by byte, 98 bytes less code on Thumb-2 (the Cortex-M4 board). Same
 * result either way. */
#ifndef TCAS_HTTP_HEAD_RUNS
#define TCAS_HTTP_HEAD_RUNS 1
#endif

/* Bytes read from the connection at a time, before the HTTP parser copies
 * them into the response head and body buffers. In tcas_client. Any size
 * of 16 or more works; smaller means more reads (each a copy out of the
 * TLS record or the socket), not a smaller answer. */
#ifndef TCAS_CLIENT_RX_SIZE
#define TCAS_CLIENT_RX_SIZE 1024
#endif
#if TCAS_CLIENT_RX_SIZE < 16
#error "TCAS_CLIENT_RX_SIZE must be at least 16"
#endif

/* Bytes for the response body (the JSON document). In tcas_client. A larger
 * body fails with TCAS_E_HTTP_BODY_TOO_LARGE. */
#ifndef TCAS_HTTP_BODY_MAX
#define TCAS_HTTP_BODY_MAX 16384
#endif

/* Bytes for the request body (the JSON parameters) built by the CLI and
 * other helpers that serialize parameters for the caller. */
#ifndef TCAS_REQ_BODY_MAX
#define TCAS_REQ_BODY_MAX 8192
#endif

/* Bytes for the endpoint host name (without port), NUL included. */
#ifndef TCAS_HOST_MAX
#define TCAS_HOST_MAX 128
#endif

/* ---- JSON ---------------------------------------------------------------- */

/* 1: tcas/json.h builds jsmn with JSMN_PARENT_LINKS, each token knows its
 * parent, and jsmn closes a container or steps past a member in constant
 * time; without it jsmn searches its token array backwards each time, so a
 * response of n tokens costs up to O(n x elements) (a 100-element page spent
 * more than a third of its parse there). Each token then costs 20 bytes
 * instead of 16. 0 keeps jsmn's 16-byte token (the Cortex-M4 board, whose
 * 128-token responses gain little). Deep nesting costs O(depth^2) steps in
 * both modes (jsmn walks up from its last token at each close; 20,000
 * levels take about 1 s with links, 0.2 s without), and the token limit
 * bounds the depth. Every file that includes <jsmn.h> must
 * see the same setting: tcas/json.h defines JSMN_PARENT_LINKS when this is
 * 1 and refuses to compile against a jsmn.h included earlier without it. */
#ifndef TCAS_JSON_PARENT_LINKS
#define TCAS_JSON_PARENT_LINKS 1
#endif

/* 1: the JSON reader checks string bodies (no control bytes, ASCII or
 * UTF-8) a machine word at a time while they are plain ASCII, about 4x
 * faster than byte by byte. 0: byte by byte, about 100 bytes less code on
 * Thumb-2 (the Cortex-M4 board). Same result either way. */
#ifndef TCAS_JSON_WORD_SCAN
#define TCAS_JSON_WORD_SCAN 1
#endif

/* jsmn tokens for one response. Each token costs sizeof(jsmntok_t): 20
 * bytes with TCAS_JSON_PARENT_LINKS, else 16 (on 32- and 64-bit targets). In
 * tcas_client. A response with more tokens fails with
 * TCAS_E_JSON_TOO_MANY_TOKENS. */
#ifndef TCAS_JSON_TOKENS_MAX
#define TCAS_JSON_TOKENS_MAX 1024
#endif

/* Nesting depth of the JSON writer (objects + arrays open at once). One bit
 * of state per level, stored in a uint32_t, so at most 32. */
#ifndef TCAS_JSON_DEPTH_MAX
#define TCAS_JSON_DEPTH_MAX 32
#endif

/* ---- API results kept for the caller ------------------------------------- */

/* Response.Error.Code, NUL included. */
#ifndef TCAS_ERR_CODE_MAX
#define TCAS_ERR_CODE_MAX 96
#endif

/* Response.Error.Message, NUL included; longer messages are cut at a UTF-8
 * boundary and flagged (they are informative only; match on the code). */
#ifndef TCAS_ERR_MSG_MAX
#define TCAS_ERR_MSG_MAX 256
#endif

/* Response.RequestId (a UUID, 36 chars), NUL included. */
#ifndef TCAS_REQUEST_ID_MAX
#define TCAS_REQUEST_ID_MAX 48
#endif

/* ---- TLS ----------------------------------------------------------------- */

/* BearSSL record buffers, in tcas_tls. Output: at least 512 + 85 bytes.
 * Input: 16709 holds any record from any server. Smaller sizes rely on
 * the server honouring the max_fragment_length extension (RFC 6066) that
 * BearSSL sends when both buffers are below full size: it asks for the
 * largest F in 512, 1024, 2048, 4096 with OBUF >= F + 85 and IBUF >=
 * F + 325 (e.g. 1349 / 1109 for F = 1024, saving 15.4 KB + 3 KB). OpenSSL
 * >= 1.1.1 and BearSSL servers honour it; with a server that does not,
 * the first larger record fails with TCAS_E_TLS_RECORD_TOO_LARGE (see
 * tcas/tls.h). */
#ifndef TCAS_TLS_IBUF_SIZE
#define TCAS_TLS_IBUF_SIZE 16709
#endif

/* 1 (x86 and x86-64 only): when BearSSL's engine got AES-NI and PCLMUL
 * (the CPU has them and the BearSSL build has them), tcas offers
 * AES-128-GCM before ChaCha20-Poly1305, which stays first everywhere else
 * (it is fast and constant-time in software). On a kept connection this
 * cuts the record cryptography of a 3.7 KB answer from about 40 k
 * instructions to a few thousand. 0 keeps ChaCha20 first and links no
 * AES-NI code: the static x86-64 build, whose BearSSL profile has none. */
#ifndef TCAS_TLS_AESNI_FIRST
#define TCAS_TLS_AESNI_FIRST 1
#endif
#ifndef TCAS_TLS_OBUF_SIZE
#define TCAS_TLS_OBUF_SIZE 4181
#endif
/* TCAS_TLS_OBUF_SIZE 0: no output buffer; records in and out take turns in
 * the input buffer (BearSSL's half-duplex mode), which an HTTP/1.1 client
 * allows: a request is written, then its response read. TCAS_TLS_IBUF_SIZE
 * bytes then serve both ways (16709: any record, no max_fragment_length
 * request); the output buffer's RAM is saved. */
#if TCAS_TLS_OBUF_SIZE != 0 && TCAS_TLS_OBUF_SIZE < 597
#error "TCAS_TLS_OBUF_SIZE must be 0 (half-duplex) or at least 512 + 85"
#endif

/* Read-ahead for incoming TLS records, in tcas_tls: BearSSL asks for each
 * record in two pieces (the 5-byte header, then the body); with a stage of
 * this many bytes one port->recv() takes whatever has arrived (up to the
 * stage's size) and both pieces are served from it, so a record that fits
 * costs one recv instead of two (one system call less per call on a kept
 * connection; a body larger than the stage is read straight into BearSSL's
 * buffer as before). 4096 holds a typical answer of this API in one read
 * (DescribeRefreshActivities: a 1,834-byte record). 0: no stage, every
 * piece is its own recv (the Cortex-M4 boards, whose RAM budget it would
 * take). Bytes staged after a complete response are bytes nobody asked
 * for: that connection is not reused (tcas/client.h, "Keep-alive"). */
#ifndef TCAS_TLS_STAGE_SIZE
#define TCAS_TLS_STAGE_SIZE 4096
#endif
#if TCAS_TLS_STAGE_SIZE != 0 && TCAS_TLS_STAGE_SIZE < 64
#error "TCAS_TLS_STAGE_SIZE must be 0 (off) or at least 64"
#endif

/* 1: ECDSA P-256 signatures (the server's certificates and its
 * ServerKeyExchange) are checked by tcas's own 64-bit code (src/p256.c:
 * 4x64-bit limbs on unsigned __int128, interleaved wNAF; about 6x faster
 * than BearSSL's fastest P-256 code, same results), and the P-256 ECDHE
 * key exchange runs on its constant-time scalar multiplication
 * (tcas_ec_all, src/p256.h); other curves stay on BearSSL's code. Built
 * only where the compiler has unsigned __int128 (__SIZEOF_INT128__:
 * 64-bit gcc and clang); elsewhere (the 32-bit and Cortex-M boards)
 * BearSSL does every curve whatever this says, as it does with 0 (the
 * static x86-64 board takes it with BOARD_FAST_CRYPTO, its gateway
 * profile sets 0: boards/linux-x86_64-static.mk BOARD_FAST_P256).
 * Verification only handles public data, so that code is not
 * constant-time; the ECDHE code is. */
#ifndef TCAS_WITH_FAST_P256
#define TCAS_WITH_FAST_P256 1
#endif

/* Trust anchors decoded at run time from a PEM bundle (hosted builds):
 * how many, and the bytes for their names and keys. In tcas_trust. The
 * Debian bundle (144 roots in 2026) needs about 62 KB. Boards use compiled-in
 * anchors instead and can set both to small values. */
#ifndef TCAS_TRUST_ANCHORS_MAX
#define TCAS_TRUST_ANCHORS_MAX 200
#endif
#ifndef TCAS_TRUST_ARENA_SIZE
#define TCAS_TRUST_ARENA_SIZE 98304
#endif

/* Largest single DER certificate accepted while decoding a PEM bundle.
 * In tcas_trust (decode scratch). */
#ifndef TCAS_TRUST_CERT_MAX
#define TCAS_TRUST_CERT_MAX 4096
#endif

/* ---- Credentials and configuration files (tcas/creds.h) ------------------ */

/* SecretId, SecretKey, region, endpoint, profile name: bytes each, NUL
 * included. Five of them in tcas_cfg. */
#ifndef TCAS_CFG_VALUE_MAX
#define TCAS_CFG_VALUE_MAX 160
#endif

/* Session token (X-TC-Token), NUL included. In tcas_cfg. STS tokens are
 * usually 1-2 KB; the request head (TCAS_HTTP_REQ_HEAD_MAX) must hold it. */
#ifndef TCAS_TOKEN_MAX
#define TCAS_TOKEN_MAX 2048
#endif

/* A file path ($HOME/.tccli/NAME.credential), NUL included. Two in
 * tcas_cfg. */
#ifndef TCAS_PATH_MAX
#define TCAS_PATH_MAX 512
#endif

/* Largest credentials/configure file read. In tcas_cfg. tccli's .configure
 * lists every service (about 20 KB, 1500 tokens). */
#ifndef TCAS_CFG_FILE_MAX
#define TCAS_CFG_FILE_MAX 32768
#endif

/* jsmn tokens for one tccli JSON file (16 bytes each). In tcas_cfg. */
#ifndef TCAS_CFG_TOKENS_MAX
#define TCAS_CFG_TOKENS_MAX 2048
#endif

/* ---- JMESPath (tcas/jmespath.h) and tcas query ----------------------------
 */

/* Bytes of the arena inside tcas_jmespath: the compiled expression (a
 * copy of its text and about 40 bytes per token: 240 bytes for
 * AutoScalingInstanceSet[*].InstanceId) and every value the evaluator
 * builds (16 bytes per number, string, array or object, plus 4 per element
 * and 8 per member, strings in full). Values taken from the document cost
 * nothing. Measured over a full 100-item DescribeAutoScalingInstances page
 * (68 KB of JSON, 3,107 tokens): picking fields, filtering, sort_by() and
 * multiselects per item need 0.7 to 7 KB; to_string(@) of the whole page
 * 47 KB; reverse(to_string(@)) 95 KB, which the default still holds. A
 * gateway that picks a few fields needs a few KB. */
#ifndef TCAS_JMESPATH_ARENA_SIZE
#define TCAS_JMESPATH_ARENA_SIZE 131072
#endif

/* Nesting the compiler accepts: parentheses, brackets, calls and literals
 * inside one another while parsing, and levels of the compiled tree
 * (each projection or flatten after another adds one), which is how deep
 * the evaluator recurses: about 200 bytes of stack a level on x86-64,
 * 550 through a function's expression reference (sort_by, map). Deeper
 * expressions fail with TCAS_E_JMESPATH_DEPTH. */
#ifndef TCAS_JMESPATH_DEPTH_MAX
#define TCAS_JMESPATH_DEPTH_MAX 48
#endif

/* ---- The tcas command ---------------------------------------------------- */

/* The tcas command's response buffers (static; pages of them never touched
 * cost no RAM): the API's largest pages, Limit 100 on every Describe
 * action, fit with room to spare. The largest measured, 100 refresh
 * activities or launch configurations as the service's recorded answers
 * have them, are 353 KB of indented JSON (159 KB compact) and 12,909
 * tokens; launch configurations with long UserData need more. Given to
 * the client with tcas_client_set_response_buffers(); the library's own
 * TCAS_HTTP_BODY_MAX / TCAS_JSON_TOKENS_MAX do not limit the command. */
#ifndef TCAS_CLI_BODY_MAX
#define TCAS_CLI_BODY_MAX 2097152
#endif
#ifndef TCAS_CLI_TOKENS_MAX
#define TCAS_CLI_TOKENS_MAX 65536
#endif

/* tcas query: largest JSON document read from a file or stdin, and its
 * jsmn tokens (16 bytes each); static in the CLI, like the buffers above.
 * Twice TCAS_CLI_BODY_MAX and as many tokens: what the command prints of
 * the largest answer it takes (indented, about twice the compact size)
 * can be read back. */
#ifndef TCAS_QUERY_INPUT_MAX
#define TCAS_QUERY_INPUT_MAX 4194304
#endif
#ifndef TCAS_QUERY_TOKENS_MAX
#define TCAS_QUERY_TOKENS_MAX 65536
#endif

/* The tcas command's JMESPath (--filter, tcas query): 1, or 0 for a
 * smaller command (about 31 KB less in the static x86-64 build: make size,
 * row "tcas JMESPath", and src/cli/query.c) whose --filter and query are
 * refused as usage errors that say so. The library's tcas/jmespath.h is
 * there either way. */
#ifndef TCAS_CLI_WITH_JMESPATH
#define TCAS_CLI_WITH_JMESPATH 1
#endif

/* The tcas command's other optional parts, each 1 (the default), or 0 for
 * a smaller command that refuses the part with exit 2 and a message naming
 * its switch, before anything is sent (the make variables TCAS_CLI_TABLE,
 * _CONFIGURE, _COMPLETION, _WAIT set them; the board linux-x86_64-gateway
 * sets all of them and TCAS_CLI_WITH_JMESPATH to 0; what each saves: README
 * "What each part costs"):
 *   TABLE       --output table (src/cli/table.c), also from a profile
 *   CONFIGURE   tcas configure set/get/list (src/cli/configure.c); the
 *               profile files are still read
 *   COMPLETION  tcas completion bash and its helpers __params, __values
 *               (src/cli/completion.c)
 *   WAIT        tcas wait and --wait (src/cli/wait.c) */
#ifndef TCAS_CLI_WITH_TABLE
#define TCAS_CLI_WITH_TABLE 1
#endif
#ifndef TCAS_CLI_WITH_CONFIGURE
#define TCAS_CLI_WITH_CONFIGURE 1
#endif
#ifndef TCAS_CLI_WITH_COMPLETION
#define TCAS_CLI_WITH_COMPLETION 1
#endif
#ifndef TCAS_CLI_WITH_WAIT
#define TCAS_CLI_WITH_WAIT 1
#endif

/* ---- Typed calls (tcas/as.h) --------------------------------------------- */

/* Items of one Describe page (activities, groups, instances) held in a
 * typed response struct; also the default Limit sent. A refresh activity
 * costs about (10 + TCAS_AS_BATCHES_MAX * (5 + 4 *
 * TCAS_AS_BATCH_INSTANCES_MAX)) pointers, so the default
 * tcas_as_refresh_activities is about 70 KB on a 64-bit host: lower these on
 * small targets. */
#ifndef TCAS_AS_ITEMS_MAX
#define TCAS_AS_ITEMS_MAX 20
#endif

/* Batches of one refresh activity, instances of one batch. */
#ifndef TCAS_AS_BATCHES_MAX
#define TCAS_AS_BATCHES_MAX 10
#endif
#ifndef TCAS_AS_BATCH_INSTANCES_MAX
#define TCAS_AS_BATCH_INSTANCES_MAX 10
#endif

/* Strings of a list member of one item (SubnetIdSet, ZoneSet). */
#ifndef TCAS_AS_LIST_MAX
#define TCAS_AS_LIST_MAX 8
#endif

/* ---- Timeouts (milliseconds) --------------------------------------------- */

/* Total deadline of one tcas_client_call(), retries and waits included. */
#ifndef TCAS_TIMEOUT_MS_DEFAULT
#define TCAS_TIMEOUT_MS_DEFAULT 30000
#endif

/* TCP connect (and proxy CONNECT exchange), TLS handshake, and each single
 * read or write wait. Each is also bounded by what is left of the total. */
#ifndef TCAS_CONNECT_TIMEOUT_MS_DEFAULT
#define TCAS_CONNECT_TIMEOUT_MS_DEFAULT 10000
#endif
#ifndef TCAS_TLS_TIMEOUT_MS_DEFAULT
#define TCAS_TLS_TIMEOUT_MS_DEFAULT 10000
#endif
#ifndef TCAS_IO_TIMEOUT_MS_DEFAULT
#define TCAS_IO_TIMEOUT_MS_DEFAULT 15000
#endif

/* ---- Reliability --------------------------------------------------------- */

/* Attempts per call (1 = no retries) and the full-jitter backoff: before
 * attempt n+1 tcas sleeps a uniform random time in
 * [0, min(CAP, BASE * 2^(n-1))] ms. */
#ifndef TCAS_RETRY_ATTEMPTS_DEFAULT
#define TCAS_RETRY_ATTEMPTS_DEFAULT 4
#endif
#ifndef TCAS_RETRY_BASE_MS_DEFAULT
#define TCAS_RETRY_BASE_MS_DEFAULT 250
#endif
#ifndef TCAS_RETRY_CAP_MS_DEFAULT
#define TCAS_RETRY_CAP_MS_DEFAULT 8000
#endif

/* Client-side token buckets (one per recently used action; the least
 * recently used is recycled). Each costs about 24 + TCAS_ACTION_NAME_MAX
 * bytes in tcas_client. */
#ifndef TCAS_RATE_BUCKETS
#define TCAS_RATE_BUCKETS 8
#endif
#ifndef TCAS_ACTION_NAME_MAX
#define TCAS_ACTION_NAME_MAX 48
#endif

/* A keep-alive connection idle for longer than this is not reused (the
 * service drops idle connections after about 60 s). */
#ifndef TCAS_IDLE_REUSE_MS
#define TCAS_IDLE_REUSE_MS 50000
#endif

/* Unix time assumed while the wall clock is unset (before 2020) and no
 * offset has been learned from the service yet: the first call is signed
 * with it and the server certificate is checked against it. Set it to the
 * build time (-DTCAS_TIME_BUILD=$(date +%s)). */
#ifndef TCAS_TIME_BUILD
#define TCAS_TIME_BUILD 1767225600
#endif

/* 1: the debug log names error codes (links the table of error names and
 * texts, about 5 KB of read-only data); 0: it prints their numbers. */
#ifndef TCAS_LOG_ERROR_NAMES
#define TCAS_LOG_ERROR_NAMES 1
#endif

/* ---- Optional features --------------------------------------------------- */

/* Each is on (1) by default, so hosted builds and the CLI have everything.
 * A board may set one to 0 to save code (Cortex-M4 -Os figures); the
 * matching setter then refuses to turn the feature on with
 * TCAS_E_UNSUPPORTED, it never ignores the request (see tcas/client.h).
 * Retries, clock-skew learning, keep-alive and strict JSON checking are not
 * optional. */

/* HTTP CONNECT proxy (tcas_client_set_proxy): about 0.9 KB of code and
 * TCAS_HOST_MAX + TCAS_PROXY_CRED_MAX * 4 / 3 bytes in tcas_client. */
#ifndef TCAS_WITH_PROXY
#define TCAS_WITH_PROXY 1
#endif

/* Debug log hook (tcas_client_set_log): about 0.8 KB of code. */
#ifndef TCAS_WITH_LOG
#define TCAS_WITH_LOG 1
#endif

/* Client-side per-action token buckets (tcas_client_set_rate_limit):
 * about 0.5 KB of code and TCAS_RATE_BUCKETS buckets in tcas_client.
 * Without it calls are not throttled by the client; the service's
 * RequestLimitExceeded is still retried with backoff. */
#ifndef TCAS_WITH_RATE_LIMIT
#define TCAS_WITH_RATE_LIMIT 1
#endif

/* The day's TC3 signing key kept in tcas_client (60 bytes), derived once
 * a UTC day instead of per call: 16 SHA-256 blocks fewer per call (more
 * than half of signing a small body), for about 0.3 KB of code. Without
 * it every call derives the key; nothing else changes. */
#ifndef TCAS_WITH_KEY_CACHE
#define TCAS_WITH_KEY_CACHE 1
#endif

/* Proxy "user:password" (before base64), NUL included. In tcas_client. */
#ifndef TCAS_PROXY_CRED_MAX
#define TCAS_PROXY_CRED_MAX 128
#endif

#endif /* TCAS_CONFIG_H */
