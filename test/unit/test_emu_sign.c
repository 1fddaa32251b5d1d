/*
 * test_emu_sign.c - the emulator's request verification (test/emu/verify.c)
 * against the independent vectors of api-3.0.md 2.1 (computed with Python
 * hashlib/hmac, cross-checked against the official Node SDK): the worked
 * example is accepted; one byte changed in body, host, action, timestamp,
 * key or id gives the service's AuthFailure code; every other check of the
 * service's order gives its code. Requests go through the emulator's HTTP
 * parser exactly as they arrive on the wire.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emu/srv.h"

#define ID   "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define KEY  "ExampleSecretKeyExampleSecretKey"
#define T    1767225599L
#define BODY "{\"RefreshActivityIds\":[\"asr-abcd1234\"],\"Limit\":10}"
#define SIG1 "af5a405a1fd448b1fc6e512c9f7037038c9dc873749b2eb3bc6bacbec1c416b2"
#define SIG2 "93921dfe7d109a3372765c68896cd71b98369a2a8cf2b3b703507d6ba6de40c6"
/* Python reference tc3() of api-3.0.md, same inputs as vector 2 but the
 * payload hash replaced by that of "UNSIGNED-PAYLOAD" / host
 * "127.0.0.1:8443". */
#define SIG_UNSIGNED                                                           \
	"bb8c8a5dfa0a948b0ddc5c92a925add98351b7af35ed13efff5fde1f8cafb10e"
#define SIG_PORT                                                               \
	"37019154f4c2f8209c74e1ac6bf970d9b3bb906b3e730d3f0a91444caf7d1734"

/* One request; NULL fields are left out of the wire text. */
typedef struct wire {
	const char *method, *target;
	const char *host, *ctype, *action, *version, *ts, *region, *auth;
	const char *extra; /* raw extra header lines */
	const char *body;
} wire;

static wire example1(void)
{
	wire w;

	memset(&w, 0, sizeof w);
	w.method = "POST";
	w.target = "/";
	w.host = "as.tencentcloudapi.com";
	w.ctype = "application/json; charset=utf-8";
	w.action = "DescribeRefreshActivities";
	w.version = "2018-04-19";
	w.ts = "1767225599";
	w.region = "ap-guangzhou";
	w.auth = "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	         "SignedHeaders=content-type;host;x-tc-action, Signature=" SIG1;
	w.body = BODY;
	return w;
}

static wire example2(void)
{
	wire w = example1();

	w.ctype = "application/json";
	w.auth = "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	         "SignedHeaders=content-type;host, Signature=" SIG2;
	return w;
}

static const emu_cred creds[] = {
    {"AKIDotherOTHERotherOTHERotherOTHER99",
     "AnotherKeyAnotherKeyAnotherKey12"},
    {ID, KEY},
};

static void hdr(char *b, size_t n, const char *name, const char *v)
{
	if (v != NULL) {
		size_t l = strlen(b);

		snprintf(b + l, n - l, "%s: %s\r\n", name, v);
	}
}

/* Parse the wire text with the emulator's parser, then verify at `now`.
   Returns the error code ("" when accepted); v gets the verdict. */
static const char *run(const wire *w, long now, emu_verdict *v)
{
	static char text[8192];
	char cl[32];
	emu_http p;
	emu_verify_cfg cfg;
	size_t used, off = 0, len;
	int rc;

	snprintf(text, sizeof text, "%s %s HTTP/1.1\r\n", w->method, w->target);
	hdr(text, sizeof text, "Host", w->host);
	hdr(text, sizeof text, "Content-Type", w->ctype);
	snprintf(cl, sizeof cl, "%zu", strlen(w->body));
	hdr(text, sizeof text, "Content-Length", cl);
	hdr(text, sizeof text, "X-TC-Action", w->action);
	hdr(text, sizeof text, "X-TC-Version", w->version);
	hdr(text, sizeof text, "X-TC-Timestamp", w->ts);
	hdr(text, sizeof text, "X-TC-Region", w->region);
	hdr(text, sizeof text, "Authorization", w->auth);
	if (w->extra)
		strcat(text, w->extra);
	strcat(text, "\r\n");
	strcat(text, w->body);
	len = strlen(text);

	emu_http_init(&p);
	do {
		rc = emu_http_feed(&p, text + off, len - off, &used);
		off += used;
	} while (rc == EMU_HTTP_HEAD);
	assert_int_equal(rc, EMU_HTTP_DONE);
	assert_int_equal(off, len);
	assert_int_equal(p.req.body_len, strlen(w->body));

	cfg.creds = creds;
	cfg.ncreds = 2;
	cfg.skew = 300;
	rc = emu_verify(&p.req, &cfg, now, v);
	emu_http_free(&p);
	if (rc == 0) {
		assert_null(v->code);
		return "";
	}
	assert_non_null(v->code);
	return v->code;
}

static void expect(const wire *w, const char *code, const char *in_msg)
{
	emu_verdict v;

	assert_string_equal(run(w, T + 10, &v), code);
	if (in_msg != NULL)
		assert_non_null(strstr(v.message, in_msg));
}

/* ---- accepted ------------------------------------------------------------ */

static void test_vector1_accepted(void **state)
{
	wire w = example1();

	(void)state;
	expect(&w, "", NULL);
}

static void test_vector2_accepted(void **state)
{
	wire w = example2();

	(void)state;
	expect(&w, "", NULL);
}

static void test_skew_edges_accepted(void **state)
{
	wire w = example2();
	emu_verdict v;

	(void)state;
	assert_string_equal(run(&w, T + 300, &v), "");
	assert_string_equal(run(&w, T - 300, &v), "");
}

static void test_host_port_signed_bare(void **state)
{
	wire w = example2();

	(void)state;
	w.host = "as.tencentcloudapi.com:443"; /* Node SDK signs bare host */
	expect(&w, "", NULL);
}

static void test_host_port_signed_with_port(void **state)
{
	wire w = example2();

	(void)state;
	w.host = "127.0.0.1:8443";
	w.auth = "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	         "SignedHeaders=content-type;host, Signature=" SIG_PORT;
	expect(&w, "", NULL);
}

static void test_unsigned_payload(void **state)
{
	wire w = example2();

	(void)state;
	w.auth = "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	         "SignedHeaders=content-type;host, Signature=" SIG_UNSIGNED;
	w.extra = "X-TC-Content-SHA256: UNSIGNED-PAYLOAD\r\n";
	expect(&w, "", NULL);
	w.extra = NULL; /* same signature without the header: body hashed */
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

static void test_auth_without_space_after_comma(void **state)
{
	wire w = example2();

	(void)state;
	w.auth = "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request,"
	         "SignedHeaders=content-type;host,Signature=" SIG2;
	expect(&w, "", NULL);
}

/* ---- one byte changed ---------------------------------------------------- */

static void test_body_byte_changed(void **state)
{
	wire w = example1();

	(void)state;
	w.body = "{\"RefreshActivityIds\":[\"asr-abcd1234\"],\"Limit\":11}";
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

static void test_host_byte_changed(void **state)
{
	wire w = example1();

	(void)state;
	w.host = "as.tencentcloudapi.con";
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

static void test_action_byte_changed(void **state)
{
	wire w = example1();

	(void)state;
	w.action = "DescribeRefreshActivitieS"; /* signed lower-cased: same */
	expect(&w, "InvalidAction", "DescribeRefreshActivitieS");
	w.action = "DescribeRefreshActivitiez";
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

static void test_action_unsigned_not_checked_by_sig(void **state)
{
	wire w = example2();

	(void)state;
	w.action = "DescribeRefreshActivitiez"; /* not signed: action check */
	expect(&w, "InvalidAction", "DescribeRefreshActivitiez");
}

static void test_content_type_byte_changed(void **state)
{
	wire w = example2();

	(void)state;
	w.ctype = "application/jsoN";
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

static void test_timestamp_changed(void **state)
{
	wire w = example1();

	(void)state;
	w.ts = "1767225598";
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

static void test_key_changed(void **state)
{
	static const emu_cred bad[] = {
	    {ID, "ExampleSecretKeyExampleSecretKeZ"}};
	wire w = example1();
	emu_verify_cfg cfg;
	emu_http p;
	emu_verdict v;
	size_t used, off = 0;
	char text[2048];
	int rc;

	(void)state;
	snprintf(text, sizeof text,
	         "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\n"
	         "X-TC-Action: %s\r\nX-TC-Version: %s\r\nX-TC-Timestamp: %s\r\n"
	         "X-TC-Region: %s\r\nAuthorization: %s\r\n"
	         "Content-Length: %zu\r\n\r\n%s",
	         w.host, w.ctype, w.action, w.version, w.ts, w.region, w.auth,
	         strlen(w.body), w.body);
	emu_http_init(&p);
	do {
		rc = emu_http_feed(&p, text + off, strlen(text) - off, &used);
		off += used;
	} while (rc == EMU_HTTP_HEAD);
	assert_int_equal(rc, EMU_HTTP_DONE);
	cfg.creds = bad;
	cfg.ncreds = 1;
	cfg.skew = 300;
	assert_int_equal(emu_verify(&p.req, &cfg, T, &v), -1);
	assert_string_equal(v.code, "AuthFailure.SignatureFailure");
	/* the message never echoes the key */
	assert_null(strstr(v.message, "ExampleSecretKey"));
	emu_http_free(&p);
}

static void test_signature_byte_changed(void **state)
{
	wire w = example1();

	(void)state;
	w.auth =
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	    "SignedHeaders=content-type;host;x-tc-action, Signature="
	    "af5a405a1fd448b1fc6e512c9f7037038c9dc873749b2eb3bc6bacbec1c416b3";
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

static void test_signed_headers_list_swapped(void **state)
{
	wire w = example1(); /* signature of vector 1 claimed as SDK style */

	(void)state;
	w.auth = "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	         "SignedHeaders=content-type;host, Signature=" SIG1;
	expect(&w, "AuthFailure.SignatureFailure", NULL);
}

/* ---- the other checks, in the service's order ---------------------------- */

static void test_secret_id_unknown(void **state)
{
	wire w = example1();

	(void)state;
	w.auth =
	    "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1235"
	    "/2025-12-31/as/tc3_request, "
	    "SignedHeaders=content-type;host;x-tc-action, Signature=" SIG1;
	expect(&w, "AuthFailure.SecretIdNotFound",
	       "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1235");
}

static void test_expired_both_directions(void **state)
{
	wire w = example1();
	emu_verdict v;

	(void)state;
	assert_string_equal(run(&w, T + 301, &v),
	                    "AuthFailure.SignatureExpire");
	assert_string_equal(run(&w, T - 301, &v),
	                    "AuthFailure.SignatureExpire");
	/* skew is checked before the signature: a bad key is not reported */
	w.body = "{}";
	assert_string_equal(run(&w, T + 100000, &v),
	                    "AuthFailure.SignatureExpire");
}

static void test_timestamp_not_numeric(void **state)
{
	wire w = example1();

	(void)state;
	w.ts = "1767225599.5";
	expect(&w, "InvalidParameterValue", "X-TC-Timestamp");
}

static void test_scope_date_and_service(void **state)
{
	wire w = example1();

	(void)state;
	/* local (UTC+8) date instead of the UTC date */
	w.auth = "TC3-HMAC-SHA256 Credential=" ID "/2026-01-01/as/tc3_request, "
	         "SignedHeaders=content-type;host;x-tc-action, Signature=" SIG1;
	expect(&w, "AuthFailure.SignatureFailure", "2026-01-01");
	w.auth =
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/cvm/tc3_request, "
	    "SignedHeaders=content-type;host;x-tc-action, Signature=" SIG1;
	expect(&w, "AuthFailure.SignatureFailure", "cvm");
}

static void test_authorization_malformed(void **state)
{
	static const char *const bad[] = {
	    "TC3-HMAC-SHA1 Credential=" ID "/2025-12-31/as/tc3_request, "
	    "SignedHeaders=content-type;host, Signature=" SIG2,
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as, "
	    "SignedHeaders=content-type;host, Signature=" SIG2,
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	    "Signature=" SIG2,
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	    "SignedHeaders=content-type;host, Signature=af5a",
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	    "SignedHeaders=host;content-type, Signature=" SIG2,
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request/x, "
	    "SignedHeaders=content-type;host, Signature=" SIG2,
	    "TC3-HMAC-SHA256 Credential=" ID "/2025-12-31/as/tc3_request, "
	    "SignedHeaders=content-type;host, Signature=" SIG2 ", Extra=1",
	    "Bearer abc",
	    "TC3-HMAC-SHA256",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		wire w = example2();

		w.auth = bad[i];
		expect(&w, "AuthFailure.InvalidAuthorization", NULL);
	}
}

static void test_missing_headers_named(void **state)
{
	static const char *const names[] = {
	    "Host",           "Content-Type",  "X-TC-Action", "X-TC-Version",
	    "X-TC-Timestamp", "Authorization", "X-TC-Region"};
	size_t i;

	(void)state;
	for (i = 0; i < 7; i++) {
		wire w = example1();
		const char **f[] = {&w.host, &w.ctype, &w.action, &w.version,
		                    &w.ts,   &w.auth,  &w.region};

		*f[i] = NULL;
		expect(&w, "MissingParameter", names[i]);
	}
}

static void test_duplicate_header(void **state)
{
	wire w = example1();

	(void)state;
	w.extra = "x-tc-action: DescribeRefreshActivities\r\n";
	expect(&w, "InvalidParameter", "X-TC-Action");
}

static void test_version_method_path(void **state)
{
	wire w = example1();
	emu_verdict v;

	(void)state;
	w.version = "2017-03-12";
	expect(&w, "NoSuchVersion", "2017-03-12");
	w = example1();
	w.method = "PUT";
	expect(&w, "UnsupportedProtocol", "PUT");
	w = example1();
	w.target = "/?Action=x";
	assert_string_equal(run(&w, T, &v), "NotFound");
	assert_int_equal(v.http_status, 404);
}

static void test_region_language_content_type(void **state)
{
	/* these come after the signature, so they need valid signatures:
	   signed values stay, unsigned headers change */
	wire w = example2();

	(void)state;
	w.region = "ap guangzhou";
	expect(&w, "InvalidParameterValue", "X-TC-Region");
	w = example2();
	w.extra = "X-TC-Language: fr-FR\r\n";
	expect(&w, "InvalidParameterValue", "X-TC-Language");
	w.extra = "X-TC-Language: en-US\r\n";
	expect(&w, "", NULL);
}

static void test_body_not_object(void **state)
{
	static const char *const bodies[] = {
	    "[1]", "", "{", "{\"a\":}", "{} {}", "{\"a\":1,}", "null"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
		assert_false(emu_json_is_object(bodies[i], strlen(bodies[i])));
	assert_true(emu_json_is_object(BODY, strlen(BODY)));
	{
		const char *ok = " {\"a\":[1,-2.5e3,true,null,{}],"
		                 "\"\\u00e9\":\"\xc3\xa9\"}\n";

		assert_true(emu_json_is_object(ok, strlen(ok)));
	}
	assert_false(emu_json_is_object("{\"a\":\"\xc3\"}", 9));
	assert_false(emu_json_is_object("{\"a\":01}", 8));
	assert_false(emu_json_is_object("{\"a\":\"\\ud800\"}", 14));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vector1_accepted),
	    cmocka_unit_test(test_vector2_accepted),
	    cmocka_unit_test(test_skew_edges_accepted),
	    cmocka_unit_test(test_host_port_signed_bare),
	    cmocka_unit_test(test_host_port_signed_with_port),
	    cmocka_unit_test(test_unsigned_payload),
	    cmocka_unit_test(test_auth_without_space_after_comma),
	    cmocka_unit_test(test_body_byte_changed),
	    cmocka_unit_test(test_host_byte_changed),
	    cmocka_unit_test(test_action_byte_changed),
	    cmocka_unit_test(test_action_unsigned_not_checked_by_sig),
	    cmocka_unit_test(test_content_type_byte_changed),
	    cmocka_unit_test(test_timestamp_changed),
	    cmocka_unit_test(test_key_changed),
	    cmocka_unit_test(test_signature_byte_changed),
	    cmocka_unit_test(test_signed_headers_list_swapped),
	    cmocka_unit_test(test_secret_id_unknown),
	    cmocka_unit_test(test_expired_both_directions),
	    cmocka_unit_test(test_timestamp_not_numeric),
	    cmocka_unit_test(test_scope_date_and_service),
	    cmocka_unit_test(test_authorization_malformed),
	    cmocka_unit_test(test_missing_headers_named),
	    cmocka_unit_test(test_duplicate_header),
	    cmocka_unit_test(test_version_method_path),
	    cmocka_unit_test(test_region_language_content_type),
	    cmocka_unit_test(test_body_not_object),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
