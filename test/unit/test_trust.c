/* tcas_trust: PEM bundles to trust anchors; tcas-pem2c output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../src/inner.h"
#include "tcas/error.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"

#define SYSTEM_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static char pki[256];           /* temp dir with the mkcerts.sh PKI */
static tcas_trust_store *store; /* large: on the heap (test code) */
static tcas_trust_store *eager; /* a second, loaded eagerly to compare */

static const char *pki_file(const char *name)
{
	static char path[512];

	snprintf(path, sizeof path, "%s/%s", pki, name);
	return path;
}

/* Whole file into a NUL-terminated heap buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int group_setup(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(pki, sizeof pki, "/tmp/tcas-trust-XXXXXX");
	if (mkdtemp(pki) == NULL) {
		return -1;
	}
	snprintf(cmd, sizeof cmd, "sh test/support/mkcerts.sh %s", pki);
	if (system(cmd) != 0) {
		return -1;
	}
	store = malloc(sizeof *store);
	eager = malloc(sizeof *eager);
	return store == NULL || eager == NULL ? -1 : 0;
}

static int group_teardown(void **state)
{
	char cmd[600];

	(void)state;
	free(store);
	free(eager);
	snprintf(cmd, sizeof cmd, "rm -rf %s", pki);
	return system(cmd) == 0 ? 0 : -1;
}

static int fresh(void **state)
{
	(void)state;
	tcas_trust_store_init(store);
	return 0;
}

/* Compare two anchor sets byte for byte. */
static void assert_same_anchors(const br_x509_trust_anchor *a, size_t na,
                                const br_x509_trust_anchor *b, size_t nb)
{
	size_t i;

	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_int_equal(a[i].flags, b[i].flags);
		assert_int_equal(a[i].dn.len, b[i].dn.len);
		assert_memory_equal(a[i].dn.data, b[i].dn.data, a[i].dn.len);
		assert_int_equal(a[i].pkey.key_type, b[i].pkey.key_type);
		if (a[i].pkey.key_type == BR_KEYTYPE_RSA) {
			const br_rsa_public_key *x = &a[i].pkey.key.rsa;
			const br_rsa_public_key *y = &b[i].pkey.key.rsa;

			assert_int_equal(x->nlen, y->nlen);
			assert_memory_equal(x->n, y->n, x->nlen);
			assert_int_equal(x->elen, y->elen);
			assert_memory_equal(x->e, y->e, x->elen);
		} else {
			const br_ec_public_key *x = &a[i].pkey.key.ec;
			const br_ec_public_key *y = &b[i].pkey.key.ec;

			assert_int_equal(x->curve, y->curve);
			assert_int_equal(x->qlen, y->qlen);
			assert_memory_equal(x->q, y->q, x->qlen);
		}
	}
}

static void test_system_bundle(void **state)
{
	size_t i, rsa = 0, ec = 0;

	(void)state;
	if (access(SYSTEM_BUNDLE, R_OK) != 0) {
		print_message("skipped: %s missing\n", SYSTEM_BUNDLE);
		skip();
	}
	assert_int_equal(tcas_posix_load_ca_file(&store->t, SYSTEM_BUNDLE),
	                 TCAS_OK);
	print_message("system bundle: %lu anchors, %lu arena bytes\n",
	              (unsigned long)store->t.count,
	              (unsigned long)store->t.used);
	assert_true(store->t.count > 100);
	for (i = 0; i < store->t.count; i++) {
		const br_x509_trust_anchor *ta = &store->ta[i];

		assert_true(ta->dn.len > 0);
		assert_true(ta->flags & BR_X509_TA_CA);
		rsa += ta->pkey.key_type == BR_KEYTYPE_RSA;
		ec += ta->pkey.key_type == BR_KEYTYPE_EC;
	}
	assert_int_equal(rsa + ec, store->t.count);
	assert_true(rsa > 0 && ec > 0);
}

static void test_test_ca(void **state)
{
	const br_x509_trust_anchor *ta = store->ta;

	(void)state;
	assert_int_equal(tcas_posix_load_ca_file(&store->t, pki_file("ca.pem")),
	                 TCAS_OK);
	assert_int_equal(store->t.count, 1);
	assert_int_equal(ta[0].flags, BR_X509_TA_CA);
	assert_int_equal(ta[0].pkey.key_type, BR_KEYTYPE_EC);
	assert_int_equal(ta[0].pkey.key.ec.curve, BR_EC_secp256r1);
	assert_int_equal(ta[0].pkey.key.ec.qlen, 65);
	/* DN is SEQUENCE { SET { SEQUENCE { CN, "tcas test CA" } } }. */
	assert_int_equal(ta[0].dn.len, 25);
	assert_memory_equal(ta[0].dn.data + 13, "tcas test CA", 12);
	/* A second bundle accumulates; a leaf is a direct-trust anchor.
	 * server.pem is leaf + CA: the CA, already held, is not added twice
	 * and takes no arena bytes. */
	{
		size_t used = store->t.used;

		assert_int_equal(
		    tcas_posix_load_ca_file(&store->t, pki_file("server.pem")),
		    TCAS_OK);
		assert_int_equal(store->t.count, 2);
		assert_int_equal(ta[1].flags, 0);
		assert_true(store->t.used > used);
		used = store->t.used;
		/* the same file again: nothing new */
		assert_int_equal(
		    tcas_posix_load_ca_file(&store->t, pki_file("server.pem")),
		    TCAS_OK);
		assert_int_equal(store->t.count, 2);
		assert_int_equal(store->t.used, used);
	}
}

/* Decode text fed in pieces of `step` bytes into s. */
static int decode_split(tcas_trust_store *s, const char *text, size_t len,
                        size_t step)
{
	size_t off;

	tcas_trust_store_init(s);
	for (off = 0; off < len; off += step) {
		size_t n = len - off < step ? len - off : step;
		int rc = tcas_trust_push_pem(&s->t, text + off, n);

		if (rc != TCAS_OK) {
			return rc;
		}
	}
	return tcas_trust_finish(&s->t);
}

static void test_every_split(void **state)
{
	static const char *files[] = {"ca.pem", "server.pem", "ca.key",
	                              "expired.pem", "untrusted.pem"};
	tcas_trust_store *other = malloc(sizeof *other);
	char *text = NULL;
	size_t len = 0, i, step;

	(void)state;
	assert_non_null(other);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t n;
		char *f = slurp(pki_file(files[i]), &n);

		text = realloc(text, len + n);
		assert_non_null(text);
		memcpy(text + len, f, n);
		len += n;
		free(f);
	}
	assert_int_equal(decode_split(store, text, len, len), TCAS_OK);
	/* 7 certificates, the CA three times (ca.pem and the chains of
	 * server.pem and expired.pem): 5 anchors; the key block is skipped */
	assert_int_equal(store->t.count, 5);
	for (step = 1; step < len; step++) {
		assert_int_equal(decode_split(other, text, len, step), TCAS_OK);
		assert_same_anchors(store->ta, store->t.count, other->ta,
		                    other->t.count);
		assert_int_equal(store->t.used, other->t.used);
	}
	/* No newline after the last END line. */
	while (text[len - 1] == '\n') {
		len--;
	}
	assert_int_equal(decode_split(other, text, len, 7), TCAS_OK);
	assert_int_equal(other->t.count, 5);
	free(text);
	free(other);
}

static void test_bad_base64(void **state)
{
	static const char bad[] = "-----BEGIN CERTIFICATE-----\n"
	                          "MIIB$$$$AAAA\n"
	                          "-----END CERTIFICATE-----\n";

	(void)state;
	assert_int_equal(tcas_trust_push_pem(&store->t, bad, sizeof bad - 1),
	                 TCAS_E_TLS_PEM);
	/* Sticky. */
	assert_int_equal(tcas_trust_push_pem(&store->t, "x", 1),
	                 TCAS_E_TLS_PEM);
	assert_int_equal(tcas_trust_finish(&store->t), TCAS_E_TLS_PEM);
	assert_int_equal(store->t.count, 0);
}

static void test_bad_der(void **state)
{
	/* Valid base64 of bytes that are not a certificate. */
	static const char bad[] = "-----BEGIN CERTIFICATE-----\n"
	                          "MAMCAQA=\n"
	                          "-----END CERTIFICATE-----\n";

	(void)state;
	assert_int_equal(tcas_trust_push_pem(&store->t, bad, sizeof bad - 1),
	                 TCAS_E_TLS_PEM);
	assert_int_equal(store->t.count, 0);
	assert_int_equal(store->t.used, 0);
}

static void test_truncated(void **state)
{
	size_t len;
	char *text = slurp(pki_file("server.pem"), &len);

	(void)state;
	/* Cut inside the second object: the first one still counts. */
	assert_int_equal(tcas_trust_push_pem(&store->t, text, len - 100),
	                 TCAS_OK);
	assert_int_equal(store->t.count, 1);
	assert_int_equal(tcas_trust_finish(&store->t), TCAS_E_TLS_PEM);
	assert_int_equal(store->t.count, 1);
	free(text);
}

static void test_no_certificate(void **state)
{
	(void)state;
	/* Only a private key object. */
	assert_int_equal(tcas_posix_load_ca_file(&store->t, pki_file("ca.key")),
	                 TCAS_E_TLS_PEM);
	assert_int_equal(store->t.count, 0);
	/* Plain text, no PEM at all. */
	tcas_trust_store_init(store);
	assert_int_equal(tcas_trust_push_pem(&store->t, "hello\n", 6), TCAS_OK);
	assert_int_equal(tcas_trust_finish(&store->t), TCAS_E_TLS_PEM);
}

static void test_empty(void **state)
{
	FILE *f;

	(void)state;
	assert_int_equal(tcas_trust_push_pem(&store->t, NULL, 0), TCAS_OK);
	assert_int_equal(tcas_trust_finish(&store->t), TCAS_E_TLS_PEM);
	f = fopen(pki_file("empty.pem"), "w");
	assert_non_null(f);
	fclose(f);
	tcas_trust_store_init(store);
	assert_int_equal(
	    tcas_posix_load_ca_file(&store->t, pki_file("empty.pem")),
	    TCAS_E_TLS_PEM);
	tcas_trust_store_init(store);
	assert_int_equal(
	    tcas_posix_load_ca_file(&store->t, pki_file("missing.pem")),
	    TCAS_E_TLS_PEM);
	/* A directory cannot be read. */
	tcas_trust_store_init(store);
	assert_int_equal(tcas_posix_load_ca_file(&store->t, pki),
	                 TCAS_E_TLS_PEM);
}

static void test_anchors_full(void **state)
{
	tcas_trust t;
	br_x509_trust_anchor ta[1];
	unsigned char arena[200];
	unsigned char tiny[30];

	(void)state;
	/* Array of one, bundle of two. */
	tcas_trust_init(&t, ta, 1, arena, sizeof arena);
	assert_int_equal(tcas_posix_load_ca_file(&t, pki_file("server.pem")),
	                 TCAS_E_TLS_ANCHORS_FULL);
	assert_int_equal(t.count, 1);
	/* Arena: the DN fits, the key does not (25 + 65 bytes). */
	tcas_trust_init(&t, ta, 1, tiny, sizeof tiny);
	assert_int_equal(tcas_posix_load_ca_file(&t, pki_file("ca.pem")),
	                 TCAS_E_TLS_ANCHORS_FULL);
	assert_int_equal(t.count, 0);
	assert_int_equal(t.used, 0);
	/* Arena too small even for the DN. */
	tcas_trust_init(&t, ta, 1, tiny, 10);
	assert_int_equal(tcas_posix_load_ca_file(&t, pki_file("ca.pem")),
	                 TCAS_E_TLS_ANCHORS_FULL);
	/* No storage at all. */
	tcas_trust_init(&t, NULL, 0, NULL, 0);
	assert_int_equal(tcas_posix_load_ca_file(&t, pki_file("ca.pem")),
	                 TCAS_E_TLS_ANCHORS_FULL);
	/* Exactly enough; one byte less is not. */
	tcas_trust_init(&t, ta, 1, arena, 25 + 65);
	assert_int_equal(tcas_posix_load_ca_file(&t, pki_file("ca.pem")),
	                 TCAS_OK);
	assert_int_equal(t.used, 25 + 65);
	tcas_trust_init(&t, ta, 1, arena, 25 + 64);
	assert_int_equal(tcas_posix_load_ca_file(&t, pki_file("ca.pem")),
	                 TCAS_E_TLS_ANCHORS_FULL);
}

/* A CERTIFICATE object whose content is der_len zero bytes (base64 'A'),
 * 64 characters a line. */
static char *fake_cert(size_t der_len, size_t *len)
{
	size_t chars = der_len / 3 * 4, i, off;
	char *s = malloc(chars + chars / 64 + 100);

	assert_int_equal(der_len % 3, 0);
	assert_non_null(s);
	off = (size_t)sprintf(s, "-----BEGIN CERTIFICATE-----\n");
	for (i = 0; i < chars; i++) {
		s[off++] = 'A';
		if (i % 64 == 63) {
			s[off++] = '\n';
		}
	}
	off += (size_t)sprintf(s + off, "\n-----END CERTIFICATE-----\n");
	*len = off;
	return s;
}

static void test_cert_too_large(void **state)
{
	size_t len;
	char *s = fake_cert(TCAS_TRUST_CERT_MAX / 3 * 3 + 3, &len);

	(void)state;
	assert_int_equal(tcas_trust_push_pem(&store->t, s, len),
	                 TCAS_E_TLS_CERT_TOO_LARGE);
	assert_int_equal(tcas_trust_finish(&store->t),
	                 TCAS_E_TLS_CERT_TOO_LARGE);
	free(s);
	/* At the limit the size is fine; the zero bytes are not DER. */
	s = fake_cert(TCAS_TRUST_CERT_MAX / 3 * 3, &len);
	tcas_trust_store_init(store);
	assert_int_equal(tcas_trust_push_pem(&store->t, s, len),
	                 TCAS_E_TLS_PEM);
	free(s);
}

static void test_unsupported_key(void **state)
{
	char cmd[1200];

	(void)state;
	snprintf(cmd, sizeof cmd,
	         "openssl req -x509 -newkey ed25519 -nodes -keyout %s/ed.key "
	         "-out %s/ed.pem -days 30 -subj /CN=ed >/dev/null 2>&1",
	         pki, pki);
	if (system(cmd) != 0) {
		print_message("skipped: openssl cannot make Ed25519 certs\n");
		skip();
	}
	assert_int_equal(tcas_posix_load_ca_file(&store->t, pki_file("ed.pem")),
	                 TCAS_E_TLS_PEM);
	assert_int_equal(store->t.count, 0);
}

static void test_args(void **state)
{
	(void)state;
	assert_int_equal(tcas_trust_push_pem(NULL, "x", 1), TCAS_E_ARG);
	assert_int_equal(tcas_trust_push_pem(&store->t, NULL, 1), TCAS_E_ARG);
	assert_int_equal(tcas_trust_finish(NULL), TCAS_E_ARG);
	assert_int_equal(tcas_posix_load_ca_file(NULL, "x"), TCAS_E_ARG);
	assert_int_equal(tcas_posix_load_ca_file(&store->t, NULL), TCAS_E_ARG);
	tcas_trust_init(NULL, NULL, 0, NULL, 0);
	tcas_trust_store_init(NULL);
}

/* One line per anchor: flags, DN, key; the same format as dump_src. */
static void dump_anchors(FILE *f, const br_x509_trust_anchor *ta, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const br_x509_pkey *pk = &ta[i].pkey;

		fprintf(f, "%u %u ", ta[i].flags, (unsigned)pk->key_type);
		for (k = 0; k < ta[i].dn.len; k++) {
			fprintf(f, "%02x", ta[i].dn.data[k]);
		}
		if (pk->key_type == BR_KEYTYPE_RSA) {
			fprintf(f, " ");
			for (k = 0; k < pk->key.rsa.nlen; k++) {
				fprintf(f, "%02x", pk->key.rsa.n[k]);
			}
			fprintf(f, " ");
			for (k = 0; k < pk->key.rsa.elen; k++) {
				fprintf(f, "%02x", pk->key.rsa.e[k]);
			}
		} else {
			fprintf(f, " %d ", pk->key.ec.curve);
			for (k = 0; k < pk->key.ec.qlen; k++) {
				fprintf(f, "%02x", pk->key.ec.q[k]);
			}
		}
		fprintf(f, "\n");
	}
}

static const char dump_src[] =
    "#include <stdio.h>\n#include <bearssl.h>\n"
    "extern const br_x509_trust_anchor tcas_builtin_anchors[];\n"
    "extern const size_t tcas_builtin_anchors_count;\n"
    "int main(void) {\n"
    "  size_t i, k; const br_x509_trust_anchor *ta = tcas_builtin_anchors;\n"
    "  for (i = 0; i < tcas_builtin_anchors_count; i++) {\n"
    "    const br_x509_pkey *pk = &ta[i].pkey;\n"
    "    printf(\"%u %u \", ta[i].flags, (unsigned)pk->key_type);\n"
    "    for (k = 0; k < ta[i].dn.len; k++)\n"
    "      printf(\"%02x\", ta[i].dn.data[k]);\n"
    "    if (pk->key_type == BR_KEYTYPE_RSA) {\n"
    "      printf(\" \");\n"
    "      for (k = 0; k < pk->key.rsa.nlen; k++)\n"
    "        printf(\"%02x\", pk->key.rsa.n[k]);\n"
    "      printf(\" \");\n"
    "      for (k = 0; k < pk->key.rsa.elen; k++)\n"
    "        printf(\"%02x\", pk->key.rsa.e[k]);\n"
    "    } else {\n"
    "      printf(\" %d \", pk->key.ec.curve);\n"
    "      for (k = 0; k < pk->key.ec.qlen; k++)\n"
    "        printf(\"%02x\", pk->key.ec.q[k]);\n"
    "    }\n"
    "    printf(\"\\n\");\n"
    "  }\n"
    "  return 0;\n"
    "}\n";

static void run(const char *cmd)
{
	int rc = system(cmd);

	if (rc != 0) {
		print_error("command failed (%d): %s\n", rc, cmd);
	}
	assert_int_equal(rc, 0);
}

static void test_pem2c(void **state)
{
	const char *build = getenv("TCAS_BUILD");
	const char *cc = getenv("CC");
	char cmd[2048], bundle[600] = "";
	char *want, *got;
	size_t want_len, got_len;
	FILE *f;

	(void)state;
	if (build == NULL || build[0] == '\0') {
		build = "build";
	}
	if (cc == NULL || cc[0] == '\0') {
		cc = "cc";
	}
	if (access(SYSTEM_BUNDLE, R_OK) == 0) {
		snprintf(bundle, sizeof bundle, " %s", SYSTEM_BUNDLE); /* RSA */
	}
	/* Reference: the run-time decoder over the same files. */
	assert_int_equal(tcas_posix_load_ca_file(&store->t, pki_file("ca.pem")),
	                 TCAS_OK);
	assert_int_equal(
	    tcas_posix_load_ca_file(&store->t, pki_file("server.pem")),
	    TCAS_OK);
	if (bundle[0] != '\0') {
		assert_int_equal(
		    tcas_posix_load_ca_file(&store->t, SYSTEM_BUNDLE), TCAS_OK);
	}
	f = fopen(pki_file("want.txt"), "w");
	assert_non_null(f);
	dump_anchors(f, store->ta, store->t.count);
	fclose(f);

	f = fopen(pki_file("dump.c"), "w");
	assert_non_null(f);
	fputs(dump_src, f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
	         "%s/tcas-pem2c -o %s/gen.c %s/ca.pem "
	         "%s/server.pem%s",
	         build, pki, pki, pki, bundle);
	run(cmd);
	/* The generated file builds under the library's warning set. */
	snprintf(cmd, sizeof cmd,
	         "%s -std=c99 -Wall -Wextra -Werror "
	         "-Wcast-qual -Wconversion -Wmissing-prototypes -c -o %s/gen.o "
	         "%s/gen.c",
	         cc, pki, pki);
	run(cmd);
	snprintf(cmd, sizeof cmd, "%s -std=c99 -o %s/dump %s/gen.o %s/dump.c",
	         cc, pki, pki, pki);
	run(cmd);
	snprintf(cmd, sizeof cmd, "%s/dump >%s/got.txt", pki, pki);
	run(cmd);
	want = slurp(pki_file("want.txt"), &want_len);
	got = slurp(pki_file("got.txt"), &got_len);
	assert_true(want_len > 0);
	assert_int_equal(want_len, got_len);
	assert_memory_equal(want, got, want_len);
	free(want);
	free(got);
	/* A file without certificates fails the tool; so does no file. */
	snprintf(cmd, sizeof cmd, "%s/tcas-pem2c %s/ca.key >/dev/null 2>&1",
	         build, pki);
	assert_int_not_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/tcas-pem2c >/dev/null 2>&1", build);
	assert_int_not_equal(system(cmd), 0);
}

/* ---- lazy bundles ------------------------------------------------------ */

static void resolve_all(tcas_trust *t)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		tcas_trust_resolve(t, t->idx[i].dn_hash, t->idx[i].dn_len);
	}
}

static int same_anchor(const br_x509_trust_anchor *a,
                       const br_x509_trust_anchor *b)
{
	if (a->flags != b->flags || a->dn.len != b->dn.len ||
	    memcmp(a->dn.data, b->dn.data, a->dn.len) != 0 ||
	    a->pkey.key_type != b->pkey.key_type) {
		return 0;
	}
	if (a->pkey.key_type == BR_KEYTYPE_RSA) {
		return a->pkey.key.rsa.nlen == b->pkey.key.rsa.nlen &&
		       memcmp(a->pkey.key.rsa.n, b->pkey.key.rsa.n,
		              a->pkey.key.rsa.nlen) == 0 &&
		       a->pkey.key.rsa.elen == b->pkey.key.rsa.elen &&
		       memcmp(a->pkey.key.rsa.e, b->pkey.key.rsa.e,
		              a->pkey.key.rsa.elen) == 0;
	}
	return a->pkey.key.ec.curve == b->pkey.key.ec.curve &&
	       a->pkey.key.ec.qlen == b->pkey.key.ec.qlen &&
	       memcmp(a->pkey.key.ec.q, b->pkey.key.ec.q,
	              a->pkey.key.ec.qlen) == 0;
}

static int has_anchor(const tcas_trust *t, const br_x509_trust_anchor *a)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		if (same_anchor(&t->ta[i], a)) {
			return 1;
		}
	}
	return 0;
}

/* Same anchors as the eager load, once each certificate is resolved. */
static void check_like_eager(const char *path)
{
	size_t i;
	clock_t c0, c1, c2;

	tcas_trust_store_init(eager);
	c0 = clock();
	assert_int_equal(tcas_posix_load_ca_file(&eager->t, path), TCAS_OK);
	c1 = clock();
	assert_int_equal(tcas_posix_index_ca_file(&store->t, path), TCAS_OK);
	c2 = clock();
	print_message("%s: eager %lu anchors in %.1f ms, index of %lu in "
	              "%.2f ms\n",
	              path, (unsigned long)eager->t.count,
	              (double)(c1 - c0) * 1000 / CLOCKS_PER_SEC,
	              (unsigned long)store->t.count,
	              (double)(c2 - c1) * 1000 / CLOCKS_PER_SEC);
	assert_true(store->t.count >= eager->t.count);
	assert_int_equal(store->t.used, 0); /* nothing decoded yet */
	for (i = 0; i < store->t.count; i++) {
		assert_int_equal(store->idx[i].state, TCAS_TRUST_INDEXED);
		assert_int_equal(store->ta[i].dn.len, 0);
		assert_int_equal(store->ta[i].flags, 0);
	}
	resolve_all(&store->t);
	assert_int_equal(store->t.resolved, store->t.count);
	for (i = 0; i < store->t.count; i++) {
		const br_x509_trust_anchor *ta = &store->ta[i];

		assert_int_equal(store->idx[i].state, TCAS_TRUST_RESOLVED);
		assert_int_equal(store->idx[i].dn_len, ta->dn.len);
		assert_int_equal(store->idx[i].dn_hash,
		                 tcas_dn_hash(ta->dn.data, ta->dn.len));
		assert_true(has_anchor(&eager->t, ta));
	}
	for (i = 0; i < eager->t.count; i++) {
		assert_true(has_anchor(&store->t, &eager->ta[i]));
	}
	tcas_posix_close_ca_files(&store->t);
}

static void test_index_like_eager(void **state)
{
	(void)state;
	check_like_eager(pki_file("server.pem"));
	tcas_trust_store_init(store);
	check_like_eager(pki_file("expired.pem"));
	if (access(SYSTEM_BUNDLE, R_OK) != 0) {
		print_message("skipped: %s missing\n", SYSTEM_BUNDLE);
		skip();
	}
	tcas_trust_store_init(store);
	check_like_eager(SYSTEM_BUNDLE);
}

/* A bundle with CRLF line ends (edited on Windows): both loaders read it
 * as its LF twin (BearSSL's PEM decoder alone found no certificate: a CR
 * in a banner line leaves a hole in the object's name). A CR inside the
 * dashes of a banner, as fuzz_trust found, too. */
static void test_crlf_bundle(void **state)
{
	static const char *const names[] = {"server-crlf.pem",
	                                    "server-cr-banner.pem"};
	size_t len, i, k;
	char *text = slurp(pki_file("server.pem"), &len);

	(void)state;
	for (k = 0; k < 2; k++) {
		FILE *f = fopen(pki_file(names[k]), "wb");
		int banner_done = 0;

		assert_non_null(f);
		for (i = 0; i < len; i++) {
			if (k == 0 && text[i] == '\n')
				fputc('\r', f);
			/* "-----BEGIN CERTIFICATE---\r--" once */
			if (k == 1 && !banner_done && i >= 24 &&
			    memcmp(text + i - 24, "-----BEGIN CERTIFICATE---",
			           25) == 0) {
				fputc('\r', f);
				banner_done = 1;
			}
			fputc(text[i], f);
		}
		fclose(f);
		tcas_trust_store_init(store);
		check_like_eager(pki_file(names[k]));
		assert_int_equal(eager->t.count, 2); /* the leaf and the CA */
	}
	free(text);
}

/* Only the names asked for are decoded, once. */
static void test_index_resolves_on_demand(void **state)
{
	tcas_trust *t = &store->t;
	size_t i, used;

	(void)state;
	assert_int_equal(tcas_posix_index_ca_file(t, pki_file("server.pem")),
	                 TCAS_OK);
	assert_int_equal(tcas_posix_index_ca_file(t, pki_file("other-ca.pem")),
	                 TCAS_OK);
	assert_int_equal(t->count, 3);
	assert_int_equal(t->nsrc, 2);
	tcas_trust_resolve(t, 0x12345678, 40); /* no such name */
	assert_int_equal(t->resolved, 0);
	tcas_trust_resolve(t, t->idx[1].dn_hash, t->idx[1].dn_len);
	assert_int_equal(t->resolved,
	                 1); /* the test CA, second in server.pem */
	assert_int_equal(t->idx[1].state, TCAS_TRUST_RESOLVED);
	assert_true(t->ta[1].flags & BR_X509_TA_CA);
	assert_int_equal(t->idx[0].state, TCAS_TRUST_INDEXED);
	assert_int_equal(t->idx[2].state, TCAS_TRUST_INDEXED);
	assert_int_equal(t->idx[2].src, 1);
	used = t->used;
	tcas_trust_resolve(t, t->idx[1].dn_hash, t->idx[1].dn_len);
	assert_int_equal(t->used, used); /* not decoded twice */
	/* the source closed: what is not decoded yet stays unusable */
	tcas_posix_close_ca_files(t);
	tcas_trust_resolve(t, t->idx[2].dn_hash, t->idx[2].dn_len);
	assert_int_equal(t->idx[2].state, TCAS_TRUST_UNUSABLE);
	assert_int_equal(t->ta[2].dn.len, 0);
	for (i = 0; i < t->count; i++) {
		assert_true(t->ta[i].flags == 0 || i == 1);
	}
}

/* A file rewritten in place after it was indexed: the entry whose name
 * changed is not trusted under the old name. */
static void test_index_source_changed(void **state)
{
	char path[600], *a, *b;
	size_t alen, blen;
	FILE *f;

	(void)state;
	a = slurp(pki_file("ca.pem"), &alen);
	b = slurp(pki_file("other-ca.pem"), &blen);
	snprintf(path, sizeof path, "%s/changing.pem", pki);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(a, 1, alen, f), alen);
	fclose(f);
	assert_int_equal(tcas_posix_index_ca_file(&store->t, path), TCAS_OK);
	f = fopen(path, "r+b"); /* same inode, other certificate */
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, blen, f), blen);
	fclose(f);
	resolve_all(&store->t);
	assert_int_equal(store->idx[0].state, TCAS_TRUST_UNUSABLE);
	assert_int_equal(store->t.resolved, 0);
	tcas_posix_close_ca_files(&store->t);
	free(a);
	free(b);
}

/* Not a regular file: refused at once, never waited on. */
static void test_index_not_regular(void **state)
{
	char fifo[600];

	(void)state;
	snprintf(fifo, sizeof fifo, "%s/fifo", pki);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(tcas_posix_index_ca_file(&store->t, fifo),
	                 TCAS_E_TLS_PEM);
	assert_int_equal(tcas_posix_load_ca_file(&store->t, fifo),
	                 TCAS_E_TLS_PEM);
	assert_int_equal(tcas_posix_index_ca_file(&store->t, pki),
	                 TCAS_E_TLS_PEM);
	assert_int_equal(tcas_posix_index_ca_file(&store->t, "/nonexistent"),
	                 TCAS_E_TLS_PEM);
	unlink(fifo);
}

static long mem_read(long handle, uint64_t off, void *buf, size_t len)
{
	const char *text = (const char *)(intptr_t)handle;
	size_t n = strlen(text);

	if (off >= n) {
		return 0;
	}
	n -= (size_t)off;
	n = n < len ? n : len;
	memcpy(buf, text + off, n);
	return (long)n;
}

/* Index text given in pieces of every size: the same entries. */
static int index_text(tcas_trust *t, const char *text, size_t piece)
{
	size_t len = strlen(text), off;
	int rc = tcas_trust_index_begin(t, mem_read, (long)(intptr_t)text);

	for (off = 0; rc == TCAS_OK && off < len; off += piece) {
		size_t n = len - off < piece ? len - off : piece;

		rc = tcas_trust_index_push(t, text + off, n);
	}
	return rc == TCAS_OK ? tcas_trust_index_finish(t) : rc;
}

static void test_index_pieces(void **state)
{
	size_t len, piece;
	char *pem = slurp(pki_file("server.pem"), &len);

	(void)state;
	for (piece = 1; piece < 200; piece += piece < 8 ? 1 : 37) {
		tcas_trust_store_init(store);
		assert_int_equal(index_text(&store->t, pem, piece), TCAS_OK);
		assert_int_equal(store->t.count, 2);
		assert_int_equal(
		    store->idx[1].off,
		    (uint64_t)(strstr(pem + 1, "-----BEGIN") - pem));
		resolve_all(&store->t);
		assert_int_equal(store->t.resolved, 2);
	}
	free(pem);
}

static void test_index_errors(void **state)
{
	static const char *bad[] = {
	    /* no certificate at all */
	    "hello\n",
	    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
	    /* not base64 before the subject */
	    "-----BEGIN CERTIFICATE-----\nMI*B\n-----END CERTIFICATE-----\n",
	    /* ends before its subject */
	    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
	    /* no END line */
	    "-----BEGIN CERTIFICATE-----\nMIIB\n",
	    /* BEGIN inside an object */
	    "-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n",
	    /* a stray dashes line inside the base64 */
	    "-----BEGIN CERTIFICATE-----\n----\n-----END CERTIFICATE-----\n",
	    /* not DER */
	    "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END "
	    "CERTIFICATE-----\n",
	};
	size_t i;
	tcas_trust_entry one;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tcas_trust_store_init(store);
		assert_int_equal(index_text(&store->t, bad[i], 5),
		                 TCAS_E_TLS_PEM);
		/* sticky */
		assert_int_equal(tcas_trust_index_push(&store->t, "x", 1),
		                 TCAS_E_TLS_PEM);
	}
	/* state and argument errors */
	tcas_trust_store_init(store);
	assert_int_equal(tcas_trust_index_push(&store->t, "x", 1),
	                 TCAS_E_STATE);
	assert_int_equal(tcas_trust_index_finish(&store->t), TCAS_E_STATE);
	assert_int_equal(tcas_trust_index_begin(&store->t, NULL, 0),
	                 TCAS_E_ARG);
	assert_int_equal(tcas_trust_index_begin(NULL, mem_read, 0), TCAS_E_ARG);
	assert_int_equal(tcas_trust_index_push(NULL, "x", 1), TCAS_E_ARG);
	assert_int_equal(tcas_trust_index_finish(NULL), TCAS_E_ARG);
	assert_int_equal(tcas_trust_index_begin(&store->t, mem_read, 0),
	                 TCAS_OK);
	assert_int_equal(tcas_trust_index_begin(&store->t, mem_read, 0),
	                 TCAS_E_STATE);
	tcas_trust_store_init(store);
	tcas_trust_set_index(&store->t, NULL);
	assert_int_equal(tcas_trust_index_begin(&store->t, mem_read, 0),
	                 TCAS_E_STATE);
	tcas_trust_resolve(NULL, 0, 0);
	tcas_trust_resolve(&store->t, 0, 0); /* no index: nothing */
	tcas_trust_set_index(NULL, &one);
	tcas_posix_close_ca_files(NULL);
	assert_int_equal(tcas_posix_index_ca_file(NULL, "x"), TCAS_E_ARG);
	assert_int_equal(tcas_posix_index_ca_file(&store->t, NULL), TCAS_E_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_system_bundle, fresh),
	    cmocka_unit_test_setup(test_test_ca, fresh),
	    cmocka_unit_test_setup(test_every_split, fresh),
	    cmocka_unit_test_setup(test_bad_base64, fresh),
	    cmocka_unit_test_setup(test_bad_der, fresh),
	    cmocka_unit_test_setup(test_truncated, fresh),
	    cmocka_unit_test_setup(test_no_certificate, fresh),
	    cmocka_unit_test_setup(test_empty, fresh),
	    cmocka_unit_test_setup(test_anchors_full, fresh),
	    cmocka_unit_test_setup(test_cert_too_large, fresh),
	    cmocka_unit_test_setup(test_unsupported_key, fresh),
	    cmocka_unit_test_setup(test_args, fresh),
	    cmocka_unit_test_setup(test_pem2c, fresh),
	    cmocka_unit_test_setup(test_index_like_eager, fresh),
	    cmocka_unit_test_setup(test_crlf_bundle, fresh),
	    cmocka_unit_test_setup(test_index_resolves_on_demand, fresh),
	    cmocka_unit_test_setup(test_index_source_changed, fresh),
	    cmocka_unit_test_setup(test_index_not_regular, fresh),
	    cmocka_unit_test_setup(test_index_pieces, fresh),
	    cmocka_unit_test_setup(test_index_errors, fresh),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
