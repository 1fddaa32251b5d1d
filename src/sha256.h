/*
 * sha256.h - SHA-256 on the CPU's SHA instructions, private to tcas
 * (src/sha256.c). The signer (src/sign.c) hashes through it.
 */
#ifndef TCAS_SHA256_H
#define TCAS_SHA256_H

#include <stddef.h>

#include <bearssl.h>

/* The code that compresses blocks. */
enum tcas_sha256_kind {
	TCAS_SHA256_PORTABLE = 0, /* BearSSL's br_sha256 (every CPU) */
	TCAS_SHA256_X86 = 1,      /* x86-64 SHA extensions (SHA-NI) */
	TCAS_SHA256_ARM = 2       /* ARMv8 SHA2 instructions (Linux) */
};

/* br_sha256_update() on the same context, the same result: blocks are
 * compressed with the CPU's instructions when tcas_sha256_impl() says so.
 * A context may mix it with br_sha256_update()/_state()/_out(). */
void tcas_sha256_update(br_sha256_context *h, const void *data, size_t len);

/* The kind in use: the CPU's instructions when it has them (checked once,
 * at the first call: cpuid on x86-64, the HWCAP_SHA2 bit on aarch64
 * Linux), else TCAS_SHA256_PORTABLE. */
int tcas_sha256_impl(void);

/* Use this kind from now on (tests run every vector through each):
 * TCAS_OK, or TCAS_E_UNSUPPORTED when the CPU lacks it. Not thread-safe:
 * call before any hashing. */
int tcas_sha256_use(int kind);

#endif /* TCAS_SHA256_H */
