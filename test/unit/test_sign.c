/* Unit tests for tcas/sign.h (TC3-HMAC-SHA256).
 *
 * Known answers: the worked example of api-3.0.md section 2.1, and vectors
 * computed at writing time with the doc's reference Python function
 * tc3(secret_id, secret_key, ts, host, body, content_type, action=None)
 * (hashlib/hmac, copied verbatim from api-3.0.md); each vector below names
 * the call that produced it. ID and KEY are the doc's made-up credentials,
 * B its 50-byte body, H "as.tencentcloudapi.com". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/sha256.h"
#include "tcas/error.h"
#include "tcas/sign.h"
#include "tcas/utctime.h"

#define ID    "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define KEY   "ExampleSecretKeyExampleSecretKey"
#define H     "as.tencentcloudapi.com"
#define B     "{\"RefreshActivityIds\":[\"asr-abcd1234\"],\"Limit\":10}"
#define T_DOC 1767225599 /* 2025-12-31T23:59:59Z, 2026-01-01 in UTC+8 */

#define SIG_DOC_ACTION                                                         \
	"af5a405a1fd448b1fc6e512c9f7037038c9dc873749b2eb3bc6bacbec1c416b2"
#define SIG_DOC_SDK                                                            \
	"93921dfe7d109a3372765c68896cd71b98369a2a8cf2b3b703507d6ba6de40c6"

static tcas_sign_params base(void)
{
	tcas_sign_params p;

	p.secret_id = ID;
	p.secret_key = KEY;
	p.service = "as";
	p.host = H;
	p.content_type = "application/json";
	p.action = NULL;
	p.timestamp = T_DOC;
	return p;
}

static void hex(const uint8_t *d, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void sign_ok(const tcas_sign_params *p, const void *body, size_t len,
                    const char *want)
{
	char sig[TCAS_SIGN_HEX_LEN + 1];

	memset(sig, 'x', sizeof sig);
	assert_int_equal(tcas_sign_buf(p, body, len, sig), TCAS_OK);
	assert_string_equal(sig, want);
}

/* ---- api-3.0.md 2.1 ------------------------------------------------------ */

static void test_doc_key_chain(void **state)
{
	uint8_t k[32];
	char h[65];

	(void)state;
	tcas_sign_hmac("TC3" KEY, strlen("TC3" KEY), "2025-12-31", 10, k);
	hex(k, 32, h);
	assert_string_equal(h, "485e157dc4140a9110af486b20af7b55"
	                       "efbb855b92106187b6dadee0b4c28045");
	tcas_sign_hmac(k, 32, "as", 2, k);
	hex(k, 32, h);
	assert_string_equal(h, "c0261b356f35307ebb6a4465b1c24096"
	                       "4732e0a3537b0d8bf06114f54ca96d63");
	tcas_sign_hmac(k, 32, "tc3_request", 11, k);
	hex(k, 32, h);
	assert_string_equal(h, "2097982a8952caf1aaa774e5209420f9"
	                       "3b40f5ff741235045df85777c7627e37");
	memset(k, 0xAA, sizeof k);
	tcas_sign_derive_key(KEY, "2025-12-31", "as", k);
	hex(k, 32, h);
	assert_string_equal(h, "2097982a8952caf1aaa774e5209420f9"
	                       "3b40f5ff741235045df85777c7627e37");
	/* the final HMAC over the doc's StringToSign */
	{
		static const char sts[] =
		    "TC3-HMAC-SHA256\n1767225599\n2025-12-31/as/tc3_request\n"
		    "e91fe9799828def8297f231b7c0e17d519e922c19944c2567f04a912"
		    "d7f08ad0";

		tcas_sign_hmac(k, 32, sts, strlen(sts), k);
		hex(k, 32, h);
		assert_string_equal(h, SIG_DOC_ACTION);
	}
}

static void test_doc_with_action(void **state)
{
	tcas_sign_params p = base();
	char auth[512];
	size_t len = 0;

	(void)state;
	p.content_type = "application/json; charset=utf-8";
	p.action = "DescribeRefreshActivities";
	sign_ok(&p, B, strlen(B), SIG_DOC_ACTION);
	assert_int_equal(tcas_sign_authorization(&p, SIG_DOC_ACTION, auth,
	                                         sizeof auth, &len),
	                 TCAS_OK);
	assert_string_equal(
	    auth,
	    "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234/"
	    "2025-12-31/as/tc3_request, SignedHeaders=content-type;host;"
	    "x-tc-action, Signature=" SIG_DOC_ACTION);
	assert_int_equal(len, strlen(auth));
	assert_int_equal(len, TCAS_SIGN_AUTH_LEN(strlen(ID), 2, 1));
}

static void test_doc_sdk_style(void **state)
{
	tcas_sign_params p = base();
	char auth[512];
	size_t len = 0;

	(void)state;
	sign_ok(&p, B, strlen(B), SIG_DOC_SDK);
	assert_int_equal(
	    tcas_sign_authorization(&p, SIG_DOC_SDK, auth, sizeof auth, &len),
	    TCAS_OK);
	assert_string_equal(
	    auth,
	    "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234/"
	    "2025-12-31/as/tc3_request, SignedHeaders=content-type;host, "
	    "Signature=" SIG_DOC_SDK);
	assert_int_equal(len, TCAS_SIGN_AUTH_LEN(strlen(ID), 2, 0));
}

/* ---- own vectors (reference tc3() at writing time) ----------------------- */

/* UTC date of the timestamp, never local time. */
static void test_date_boundary(void **state)
{
	tcas_sign_params p = base();
	char auth[512];

	(void)state;
	/* tc3(ID, KEY, 1767225600, H, B, "application/json"): 2026-01-01 */
	p.timestamp = 1767225600;
	sign_ok(&p, B, strlen(B),
	        "461fe6ce73b30da2b85cebfd8e43cdcc"
	        "4ffee9b02b9fe8d5655fd568eb9ee248");
	assert_int_equal(
	    tcas_sign_authorization(&p,
	                            "461fe6ce73b30da2b85cebfd8e43cdcc4ffee9b02b"
	                            "9fe8d5655fd568eb9ee248",
	                            auth, sizeof auth, NULL),
	    TCAS_OK);
	assert_non_null(strstr(auth, "/2026-01-01/as/tc3_request,"));
	/* tc3(ID, KEY, 1767196800, ...): 2025-12-31T16:00:00Z, which is
	 * already 2026-01-01 00:00 in UTC+8 */
	p.timestamp = 1767196800;
	sign_ok(&p, B, strlen(B),
	        "9d5a56067651f4449a7c91cb87bf0697"
	        "ef458108951916e99ca277d644fcbe14");
	/* tc3(ID, KEY, 1767243600, ...): 2026-01-01T05:00:00Z, still
	 * 2025-12-31 in UTC-5 */
	p.timestamp = 1767243600;
	sign_ok(&p, B, strlen(B),
	        "20f9d91961f329ef5abbc0914b2e3f7a"
	        "73e8c20c731532f2e1d2c44c4143f16d");
	/* libc's zone must not matter (tcas does not use it anyway) */
	setenv("TZ", "UTC-8", 1);
	p.timestamp = T_DOC;
	sign_ok(&p, B, strlen(B), SIG_DOC_SDK);
	unsetenv("TZ");
}

static void test_utf8_body(void **state)
{
	/* '{"AutoScalingGroupName":"扩容组-测试 ü € 𝄞"}' (55 bytes: 3-, 2-, 3-
	 * and 4-byte sequences); tc3(ID, KEY, T_DOC, H, body,
	 * "application/json", "CreateAutoScalingGroup") */
	static const char body[] =
	    "{\"AutoScalingGroupName\":\""
	    "\xe6\x89\xa9\xe5\xae\xb9\xe7\xbb\x84-\xe6\xb5\x8b\xe8\xaf\x95 "
	    "\xc3\xbc \xe2\x82\xac \xf0\x9d\x84\x9e\"}";
	tcas_sign_params p = base();

	(void)state;
	assert_int_equal(sizeof body - 1, 55);
	p.action = "CreateAutoScalingGroup";
	sign_ok(&p, body, sizeof body - 1,
	        "a3f22b775d56f27a0312b20d2dcbca7a"
	        "15fa098df1cba3c00902a7a234b6233e");
}

/* body[i] = (i * 31 + 7) % 256, 8192 bytes;
 * tc3(ID, KEY, T_DOC, H, bytes((i*31+7)%256 for i in range(8192)),
 *     "application/json") */
#define SIG_BIG                                                                \
	"c2f8e332fed5f3823330e94761220b678b93bc1c0c0a4279cfb3d4ac229ff60f"

static void test_big_body_pieces(void **state)
{
	static const size_t cuts[][6] = {
	    {8192, 0},       {1, 7, 4093, 8192 - 4101, 0},
	    {4096, 4096, 0}, {63, 1, 64, 65, 8192 - 193, 0},
	    {0, 8192, 0},
	};
	uint8_t body[8192];
	tcas_sign_params p = base();
	size_t i, c;

	(void)state;
	for (i = 0; i < sizeof body; i++)
		body[i] = (uint8_t)((i * 31 + 7) % 256);
	for (c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
		tcas_sign_ctx sc;
		char sig[TCAS_SIGN_HEX_LEN + 1];
		size_t off = 0, k;

		tcas_sign_init(&sc);
		for (k = 0; k < 6 && (cuts[c][k] != 0 || k == 0); k++) {
			tcas_sign_update(&sc, body + off, cuts[c][k]);
			tcas_sign_update(&sc, NULL, 0); /* allowed, no effect */
			off += cuts[c][k];
		}
		assert_int_equal(off, sizeof body);
		assert_int_equal(tcas_sign_final(&sc, &p, sig), TCAS_OK);
		assert_string_equal(sig, SIG_BIG);
	}
	/* byte by byte */
	{
		tcas_sign_ctx sc;
		char sig[TCAS_SIGN_HEX_LEN + 1];

		tcas_sign_init(&sc);
		for (i = 0; i < sizeof body; i++)
			tcas_sign_update(&sc, body + i, 1);
		assert_int_equal(tcas_sign_final(&sc, &p, sig), TCAS_OK);
		assert_string_equal(sig, SIG_BIG);
	}
}

static void test_empty_bodies(void **state)
{
	tcas_sign_params p = base();

	(void)state;
	/* tc3(ID, KEY, T_DOC, H, b"", "application/json") */
	sign_ok(&p, NULL, 0,
	        "ecdc8313dc42371faf428eac3a60eb31"
	        "25606f1691731be86ac49091218fb145");
	sign_ok(&p, "", 0,
	        "ecdc8313dc42371faf428eac3a60eb31"
	        "25606f1691731be86ac49091218fb145");
	/* tc3(ID, KEY, T_DOC, H, b"{}", "application/json",
	 *     "DescribeAutoScalingGroups") */
	p.action = "DescribeAutoScalingGroups";
	sign_ok(&p, "{}", 2,
	        "1086d13d1bfef108557f95c3a8cb9a69"
	        "baf710b466a2f8441c2e739780c66abb");
}

/* Temporary credentials: the session token travels in X-TC-Token, which is
 * not a signed header, so it has no input here and the signature is the
 * one of the plain key pair. tc3("AKIDtmpTMPEXAMPLE0000000000000000000",
 * "TmpKeyTmpKeyTmpKeyTmpKey12345678", 1700000000,
 * "as.ap-guangzhou.tencentcloudapi.com",
 * b'{"AutoScalingGroupId":"asg-12345678"}', "application/json",
 * "StartInstanceRefresh") */
static void test_session_token_style(void **state)
{
	static const char body[] = "{\"AutoScalingGroupId\":\"asg-12345678\"}";
	tcas_sign_params p = base();
	char auth[512];

	(void)state;
	p.secret_id = "AKIDtmpTMPEXAMPLE0000000000000000000";
	p.secret_key = "TmpKeyTmpKeyTmpKeyTmpKey12345678";
	p.host = "as.ap-guangzhou.tencentcloudapi.com";
	p.action = "StartInstanceRefresh";
	p.timestamp = 1700000000;
	sign_ok(&p, body, sizeof body - 1,
	        "3e171f01a239e50dae50d8076f08042c"
	        "b407fe5ae31aa8da11e2ec9398d56172");
	assert_int_equal(
	    tcas_sign_authorization(&p,
	                            "3e171f01a239e50dae50d8076f08042cb407fe5ae3"
	                            "1aa8da11e2ec9398d56172",
	                            auth, sizeof auth, NULL),
	    TCAS_OK);
	assert_null(strstr(auth, "x-tc-token"));
	assert_non_null(strstr(auth, "/2023-11-14/as/tc3_request,"));
}

/* Surrounding spaces/tabs trimmed, action lower-cased, host with port:
 * tc3(ID, KEY, T_DOC, "localhost:8443", B, " application/json\t",
 *     "\t DescribeRefreshActivities  ")
 * == tc3(ID, KEY, T_DOC, "localhost:8443", B, "application/json",
 *        "describerefreshactivities") */
static void test_trim_and_lower(void **state)
{
	static const char *want =
	    "88d195aa2e85ae8e199772fdd4cc0dae9e8122ef650c721667956e907d8aa7ec";
	tcas_sign_params p = base();

	(void)state;
	p.host = "localhost:8443";
	p.content_type = " application/json\t";
	p.action = "\t DescribeRefreshActivities  ";
	sign_ok(&p, B, strlen(B), want);
	p.content_type = "application/json";
	p.action = "describerefreshactivities";
	sign_ok(&p, B, strlen(B), want);
	p.action = "DESCRIBEREFRESHACTIVITIES";
	sign_ok(&p, B, strlen(B), want);
}

/* SecretKey lengths around the HMAC block: "TC3" + 61 bytes fills the
 * 64-byte block exactly, 62 and 100 are hashed first.
 * tc3(ID, "K" * (n - 1) + "z", T_DOC, H, B, "application/json") */
static void test_long_keys(void **state)
{
	static const struct {
		size_t n;
		const char *sig;
	} v[] = {
	    {61, "b3cf5c67a0e52e4011f108933afdb3a5f72cd65cef39bb4fb51cea3b64095"
	         "315"},
	    {62, "a27ae652071071d13ec9b61b8a6ebc3d7c145810a468833a4944c2487f0d1"
	         "5a2"},
	    {100, "81e7dba0d7f687a031ca8b46dff7c0f471c0fcc3c90d17bbee35241eaf90"
	          "ca82"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		char key[128];
		tcas_sign_params p = base();

		memset(key, 'K', v[i].n - 1);
		key[v[i].n - 1] = 'z';
		key[v[i].n] = '\0';
		p.secret_key = key;
		sign_ok(&p, B, strlen(B), v[i].sig);
	}
}

/* tcas_sign_hmac against BearSSL's br_hmac for keys and messages of every
 * length around the block size. */
static void test_hmac_vs_bearssl(void **state)
{
	uint8_t key[140], msg[140];
	size_t kl, ml;

	(void)state;
	for (kl = 0; kl < sizeof key; kl++)
		key[kl] = (uint8_t)(kl * 7 + 1);
	for (ml = 0; ml < sizeof msg; ml++)
		msg[ml] = (uint8_t)(ml * 13 + 5);
	for (kl = 0; kl < sizeof key; kl += (kl < 70 ? 1 : 23)) {
		/* every message length: SHA-256 padding at each offset */
		for (ml = 0; ml < sizeof msg; ml += (kl % 9 == 0 ? 1 : 17)) {
			br_hmac_key_context kc;
			br_hmac_context hc;
			uint8_t want[32], got[32];

			br_hmac_key_init(&kc, &br_sha256_vtable, key, kl);
			br_hmac_init(&hc, &kc, 0);
			br_hmac_update(&hc, msg, ml);
			br_hmac_out(&hc, want);
			tcas_sign_hmac(key, kl, msg, ml, got);
			assert_memory_equal(got, want, 32);
		}
	}
}

/* ---- a kept signing key -------------------------------------------------- */

static void test_final_key(void **state)
{
	tcas_sign_params p = base();
	tcas_sign_ctx sc;
	uint8_t key[32], other[32];
	char sig[TCAS_SIGN_HEX_LEN + 1];
	size_t i;

	(void)state;
	tcas_sign_derive_key(KEY, "2025-12-31", "as", key);
	/* the doc's example, secret_key not read */
	p.secret_key = NULL;
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, B, strlen(B));
	assert_int_equal(tcas_sign_final_key(&sc, &p, key, sig), TCAS_OK);
	assert_string_equal(sig, SIG_DOC_SDK);
	for (i = 0; i < offsetof(tcas_sign_ctx, magic); i++)
		assert_int_equal(((const uint8_t *)&sc)[i], 0);
	p.content_type = "application/json; charset=utf-8";
	p.action = "DescribeRefreshActivities";
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, B, strlen(B));
	assert_int_equal(tcas_sign_final_key(&sc, &p, key, sig), TCAS_OK);
	assert_string_equal(sig, SIG_DOC_ACTION);
	/* a key of another date signs something else */
	tcas_sign_derive_key(KEY, "2026-01-01", "as", other);
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, B, strlen(B));
	assert_int_equal(tcas_sign_final_key(&sc, &p, other, sig), TCAS_OK);
	assert_string_not_equal(sig, SIG_DOC_ACTION);
	/* errors: NULL key consumes the context; bad id; state */
	tcas_sign_init(&sc);
	memset(sig, 'x', sizeof sig);
	assert_int_equal(tcas_sign_final_key(&sc, &p, NULL, sig), TCAS_E_ARG);
	assert_string_equal(sig, "");
	assert_int_equal(tcas_sign_final_key(&sc, &p, key, sig), TCAS_E_STATE);
	assert_int_equal(tcas_sign_final_key(NULL, &p, key, sig), TCAS_E_ARG);
	tcas_sign_init(&sc);
	p.secret_id = "bad/id";
	assert_int_equal(tcas_sign_final_key(&sc, &p, key, sig),
	                 TCAS_E_CREDENTIALS);
}

/* ---- argument errors ----------------------------------------------------- */

static int sign_err(const tcas_sign_params *p)
{
	char sig[TCAS_SIGN_HEX_LEN + 1];
	int err;

	memset(sig, 'x', sizeof sig);
	err = tcas_sign_buf(p, B, strlen(B), sig);
	if (err != TCAS_OK)
		assert_int_equal(sig[0], '\0');
	return err;
}

static void test_errors_credentials(void **state)
{
	static const char *bad_ids[] = {
	    "",
	    "AKID EXAMPLE",
	    "AKID/EXAMPLE",
	    "AKID,EXAMPLE",
	    "AKID\r\nX: y",
	    "AKID\tX",
	    "AKID\x7f",
	    "AKID\xc3\xa9",
	};
	tcas_sign_params p = base();
	size_t i;
	char auth[512];

	(void)state;
	p.secret_id = NULL;
	assert_int_equal(sign_err(&p), TCAS_E_CREDENTIALS);
	for (i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
		p.secret_id = bad_ids[i];
		assert_int_equal(sign_err(&p), TCAS_E_CREDENTIALS);
		assert_int_equal(tcas_sign_authorization(&p, SIG_DOC_SDK, auth,
		                                         sizeof auth, NULL),
		                 TCAS_E_CREDENTIALS);
		assert_string_equal(auth, "");
	}
	p = base();
	p.secret_key = NULL;
	assert_int_equal(sign_err(&p), TCAS_E_CREDENTIALS);
	p.secret_key = "";
	assert_int_equal(sign_err(&p), TCAS_E_CREDENTIALS);
	/* the Authorization value does not need the key */
	p.secret_key = NULL;
	assert_int_equal(
	    tcas_sign_authorization(&p, SIG_DOC_SDK, auth, sizeof auth, NULL),
	    TCAS_OK);
}

static void test_errors_headers(void **state)
{
	static const char *bad[] = {
	    "",
	    " ",
	    "\t \t",
	    "as.example.com\r\nX-Evil: 1",
	    "as.example.com\n",
	    "\ras.example.com",
	    "a\x01",
	    "a\x7f",
	    "a\x1f",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tcas_sign_params p = base();

		p.host = bad[i];
		assert_int_equal(sign_err(&p), TCAS_E_ARG);
		p = base();
		p.content_type = bad[i];
		assert_int_equal(sign_err(&p), TCAS_E_ARG);
		p = base();
		p.action = bad[i];
		assert_int_equal(sign_err(&p), TCAS_E_ARG);
	}
	{
		tcas_sign_params p = base();

		p.host = NULL;
		assert_int_equal(sign_err(&p), TCAS_E_ARG);
		p = base();
		p.content_type = NULL;
		assert_int_equal(sign_err(&p), TCAS_E_ARG);
		/* a tab inside a value is allowed */
		p = base();
		p.content_type = "application/json;\tcharset=utf-8";
		assert_int_equal(sign_err(&p), TCAS_OK);
	}
}

static void test_errors_service(void **state)
{
	static const char *bad[] = {"", "AS", "a s", "as/x", "as\n", "a.s"};
	tcas_sign_params p = base();
	size_t i;
	uint8_t k[32];

	(void)state;
	p.service = NULL;
	assert_int_equal(sign_err(&p), TCAS_E_ARG);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p.service = bad[i];
		assert_int_equal(sign_err(&p), TCAS_E_ARG);
	}
	p.service = "cvm-2";
	assert_int_equal(sign_err(&p), TCAS_OK);
	/* derive_key with a NULL argument leaves a zero key */
	memset(k, 0xAA, sizeof k);
	tcas_sign_derive_key(NULL, "2025-12-31", "as", k);
	assert_true(k[0] == 0 && k[31] == 0);
	memset(k, 0xAA, sizeof k);
	tcas_sign_derive_key(KEY, NULL, "as", k);
	assert_true(k[0] == 0 && k[31] == 0);
	memset(k, 0xAA, sizeof k);
	tcas_sign_derive_key(KEY, "2025-12-31", NULL, k);
	assert_true(k[0] == 0 && k[31] == 0);
	tcas_sign_derive_key(KEY, "2025-12-31", "as", NULL); /* no crash */
}

static void test_errors_clock(void **state)
{
	static const int64_t bad[] = {
	    -1,         0,
	    1577836799, /* 2019-12-31T23:59:59Z */
	    INT64_MIN,  TCAS_UTC_MAX + 1,
	    INT64_MAX,  1767225599000LL, /* milliseconds by mistake */
	};
	tcas_sign_params p = base();
	size_t i;
	char auth[512];

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p.timestamp = bad[i];
		assert_int_equal(sign_err(&p), TCAS_E_CLOCK);
		assert_int_equal(tcas_sign_authorization(&p, SIG_DOC_SDK, auth,
		                                         sizeof auth, NULL),
		                 TCAS_E_CLOCK);
	}
	p.timestamp = TCAS_SIGN_TIME_MIN;
	assert_int_equal(sign_err(&p), TCAS_OK);
	p.timestamp = TCAS_UTC_MAX;
	assert_int_equal(sign_err(&p), TCAS_OK);
}

static void test_errors_ctx(void **state)
{
	tcas_sign_params p = base();
	tcas_sign_ctx sc;
	char sig[TCAS_SIGN_HEX_LEN + 1];
	size_t i;

	(void)state;
	assert_int_equal(tcas_sign_final(NULL, &p, sig), TCAS_E_ARG);
	tcas_sign_init(&sc);
	assert_int_equal(tcas_sign_final(&sc, NULL, sig), TCAS_E_ARG);
	tcas_sign_init(&sc);
	assert_int_equal(tcas_sign_final(&sc, &p, NULL), TCAS_E_ARG);
	assert_int_equal(tcas_sign_buf(&p, NULL, 5, sig), TCAS_E_ARG);
	assert_string_equal(sig, "");
	/* never initialised */
	memset(&sc, 0, sizeof sc);
	assert_int_equal(tcas_sign_final(&sc, &p, sig), TCAS_E_STATE);
	/* finished: consumed; update after final is ignored */
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, B, strlen(B));
	assert_int_equal(tcas_sign_final(&sc, &p, sig), TCAS_OK);
	assert_string_equal(sig, SIG_DOC_SDK);
	/* the hash state and the HMAC scratch (derived key, inner hash, pad
	 * block, key pointer) are wiped by a successful final */
	for (i = 0; i < offsetof(tcas_sign_ctx, magic); i++)
		assert_int_equal(((const uint8_t *)&sc)[i], 0);
	tcas_sign_update(&sc, B, strlen(B));
	assert_int_equal(tcas_sign_final(&sc, &p, sig), TCAS_E_STATE);
	assert_string_equal(sig, "");
	/* sticky NULL-data error, later updates ignored */
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, B, 3);
	tcas_sign_update(&sc, NULL, 1);
	tcas_sign_update(&sc, &B[3], strlen(B) - 3);
	assert_int_equal(tcas_sign_final(&sc, &p, sig), TCAS_E_ARG);
	/* reusable after init */
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, B, strlen(B));
	assert_int_equal(tcas_sign_final(&sc, &p, sig), TCAS_OK);
	assert_string_equal(sig, SIG_DOC_SDK);
	/* NULL ctx is ignored */
	tcas_sign_init(NULL);
	tcas_sign_update(NULL, B, 1);
}

static void test_errors_authorization(void **state)
{
	static const char *bad_sigs[] = {
	    "",
	    "93921DFE7D109A3372765C68896CD71B98369A2A8CF2B3B703507D6BA6DE40C6",
	    "93921dfe7d109a3372765c68896cd71b98369a2a8cf2b3b703507d6ba6de40c",
	    "93921dfe7d109a3372765c68896cd71b98369a2a8cf2b3b703507d6ba6de40c60",
	    "93921dfe7d109a3372765c68896cd71b98369a2a8cf2b3b703507d6ba6de40cg",
	    "93921dfe7d109a3372765c68896cd71b98369a2a8cf2b3b703507d6ba6de40c\n",
	};
	tcas_sign_params p = base();
	char auth[512];
	size_t i, len = 0, full;

	(void)state;
	assert_int_equal(
	    tcas_sign_authorization(NULL, SIG_DOC_SDK, auth, sizeof auth, NULL),
	    TCAS_E_ARG);
	assert_int_equal(
	    tcas_sign_authorization(&p, NULL, auth, sizeof auth, NULL),
	    TCAS_E_ARG);
	assert_int_equal(
	    tcas_sign_authorization(&p, SIG_DOC_SDK, NULL, 100, NULL),
	    TCAS_E_ARG);
	for (i = 0; i < sizeof bad_sigs / sizeof bad_sigs[0]; i++)
		assert_int_equal(tcas_sign_authorization(&p, bad_sigs[i], auth,
		                                         sizeof auth, NULL),
		                 TCAS_E_ARG);
	p.host = "a\r\nb";
	assert_int_equal(
	    tcas_sign_authorization(&p, SIG_DOC_SDK, auth, sizeof auth, NULL),
	    TCAS_E_ARG);
	p = base();
	p.service = "";
	assert_int_equal(
	    tcas_sign_authorization(&p, SIG_DOC_SDK, auth, sizeof auth, NULL),
	    TCAS_E_ARG);
	/* every too-small capacity: TCAS_E_NOSPACE, nothing past cap */
	p = base();
	full = TCAS_SIGN_AUTH_LEN(strlen(ID), 2, 0);
	for (i = 0; i <= full; i++) {
		char buf[512];

		memset(buf, '#', sizeof buf);
		len = 777;
		assert_int_equal(
		    tcas_sign_authorization(&p, SIG_DOC_SDK, buf, i, &len),
		    TCAS_E_NOSPACE);
		assert_int_equal(len, 777);
		if (i > 0)
			assert_int_equal(buf[0], '\0');
		else
			assert_int_equal(buf[0], '#');
		assert_int_equal(buf[i > 0 ? i : 0], '#');
		assert_int_equal(buf[i + 1], '#');
	}
	{
		char buf[512];

		memset(buf, '#', sizeof buf);
		assert_int_equal(tcas_sign_authorization(&p, SIG_DOC_SDK, buf,
		                                         full + 1, &len),
		                 TCAS_OK);
		assert_int_equal(len, full);
		assert_int_equal(buf[full], '\0');
		assert_int_equal(buf[full + 1], '#');
	}
}

/* tcas_sha256_update() against BearSSL's br_sha256 on every length and
 * split up to three blocks and a large buffer, with whatever kind is in
 * use. */
static void test_sha256_kind(void **state)
{
	static uint8_t data[8192 + 130];
	uint8_t want[32], got[32];
	size_t len, cut;

	(void)state;
	for (len = 0; len < sizeof data; len++)
		data[len] = (uint8_t)(len * 131 + 7);
	for (len = 0; len <= sizeof data; len += len < 200 ? 1 : 997) {
		br_sha256_context a, b;

		br_sha256_init(&a);
		br_sha256_update(&a, data, len);
		br_sha256_out(&a, want);
		for (cut = 0; cut <= len && cut < 200; cut += 1 + cut / 8) {
			br_sha256_init(&b);
			tcas_sha256_update(&b, data, cut);
			tcas_sha256_update(&b, data + cut, len - cut);
			br_sha256_out(&b, got);
			assert_memory_equal(want, got, 32);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sha256_kind),
	    cmocka_unit_test(test_doc_key_chain),
	    cmocka_unit_test(test_final_key),
	    cmocka_unit_test(test_doc_with_action),
	    cmocka_unit_test(test_doc_sdk_style),
	    cmocka_unit_test(test_date_boundary),
	    cmocka_unit_test(test_utf8_body),
	    cmocka_unit_test(test_big_body_pieces),
	    cmocka_unit_test(test_empty_bodies),
	    cmocka_unit_test(test_session_token_style),
	    cmocka_unit_test(test_trim_and_lower),
	    cmocka_unit_test(test_long_keys),
	    cmocka_unit_test(test_hmac_vs_bearssl),
	    cmocka_unit_test(test_errors_credentials),
	    cmocka_unit_test(test_errors_headers),
	    cmocka_unit_test(test_errors_service),
	    cmocka_unit_test(test_errors_clock),
	    cmocka_unit_test(test_errors_ctx),
	    cmocka_unit_test(test_errors_authorization),
	};
	static const char *const names[] = {"portable", "x86-64 SHA extensions",
	                                    "ARMv8 SHA2"};
	int kind = tcas_sha256_impl(), fails;

	/* every vector with BearSSL's portable SHA-256, then with the CPU's
	 * instructions when it has them */
	assert_int_equal(tcas_sha256_use(TCAS_SHA256_PORTABLE), TCAS_OK);
	printf("SHA-256: %s\n", names[TCAS_SHA256_PORTABLE]);
	fails = cmocka_run_group_tests(tests, NULL, NULL);
	if (kind == TCAS_SHA256_PORTABLE) {
		printf("SHA-256: this CPU has no SHA instructions\n");
		return fails;
	}
	if (tcas_sha256_use(kind) != TCAS_OK)
		return 1;
	printf("SHA-256: %s\n", names[kind]);
	assert_int_equal(tcas_sha256_use(3), TCAS_E_UNSUPPORTED);
	return fails + cmocka_run_group_tests(tests, NULL, NULL);
}
