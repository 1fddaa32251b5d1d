/*
 * inner.h - private header every src/ file includes first. It pulls in the
 * config and the public API; definitions in src/ point to the public headers
 * for their contracts.
 */
#ifndef TCAS_INNER_H
#define TCAS_INNER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/port.h"

#define TCAS_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/* Inlining hints, only a size or stack matter (measured on the Cortex-M4
 * board, gcc -Os; each use says why): TCAS_NOINLINE keeps a function out
 * of its caller's frame, TCAS_INLINE lets the constant arguments of a small
 * helper drop the code its call sites do not need. */
#if defined(__GNUC__) || defined(__clang__)
#define TCAS_NOINLINE __attribute__((noinline))
#define TCAS_INLINE   inline __attribute__((always_inline))
#else
#define TCAS_NOINLINE
#define TCAS_INLINE
#endif

/* 2020-01-01T00:00:00Z: a wall clock before it counts as unset, and the
 * earliest time tcas signs with (TCAS_SIGN_TIME_MIN, tcas/sign.h). */
#define TCAS_CLOCK_FLOOR 1577836800

/* Zero n bytes at p through a volatile pointer, so that the compiler keeps
 * the stores even when p is not read again (secrets). (src/inner.c) */
void tcas_wipe(void *p, size_t n);

/* An authority "host[:port]" or "[v6][:port]" (no scheme, no user-info,
 * no path), split by tcas_authority_parse(). */
typedef struct tcas_authority {
	const char *host; /* the host name, without brackets */
	size_t host_len;  /* > 0 */
	uint16_t port;    /* 1..65535, or 0 when none was given */
	size_t port_at;   /* index of the ':' before the port, or n */
} tcas_authority;

/* Split a[0..n) into *out. The host holds only letters, digits, '-', '.',
 * '_' (and ':' inside brackets). TCAS_OK, or TCAS_E_ENDPOINT when the
 * text is no such authority. (src/inner.c) */
int tcas_authority_parse(const char *a, size_t n, tcas_authority *out);

/* Length of the UTF-8 sequence at s[0..n), n > 0 (Unicode table 3-7: no
 * overlongs, surrogates or values above U+10FFFF): 1..4; 0 when invalid;
 * -1 when a valid beginning is cut off by n. (src/utf8.c) */
int tcas_utf8_len(const unsigned char *s, size_t n);

/* "0123456789abcdef" (src/inner.c) */
extern const char tcas_hex_digits[17];

/* Value of the hex digit c (0-9, a-f, A-F), or -1. (src/inner.c) */
int tcas_hexval(unsigned c);

/* Decimal digits of v, right-aligned in buf[0..TCAS_DEC_MAX) (no NUL);
 * returns the first digit, so the text is [result, buf + TCAS_DEC_MAX).
 * Callers put a sign or a terminator around it. (src/inner.c) */
#define TCAS_DEC_MAX 20
char *tcas_dec(uint64_t v, char buf[TCAS_DEC_MAX]);

#endif /* TCAS_INNER_H */
