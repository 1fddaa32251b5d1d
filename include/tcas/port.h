/*
 * tcas/port.h - the platform seam: one TCP connection, clocks, randomness.
 *
 * The core never includes a socket header; it reaches the network only
 * through a tcas_port, a struct of function pointers over an opaque context
 * that the port implementation defines (port/posix/, port/lwip/, or a test
 * double). The caller owns both the tcas_port and its context and keeps them
 * alive for as long as any tcas object uses them.
 *
 * One tcas_port drives at most one connection at a time.
 *
 * Return values:
 *   connect: TCAS_OK, or TCAS_E_NET_RESOLVE / _CONNECT / _TIMEOUT, _IO (a
 *            local failure: no socket, memory or descriptor) / TCAS_E_ARG.
 *   send:    bytes written (> 0, possibly fewer than len), or a negative
 *            tcas_err (TCAS_E_NET_TIMEOUT, TCAS_E_NET_IO, TCAS_E_NET_CLOSED).
 *   recv:    bytes read (> 0), 0 when the peer closed the connection in
 *            order, or a negative tcas_err (TCAS_E_NET_TIMEOUT, _IO).
 *   random:  TCAS_OK when len bytes of cryptographic-quality randomness
 *            were written, TCAS_E_NET_RANDOM otherwise.
 *   sleep_ms: nothing (it cannot fail; an early wake-up is harmless).
 * A timeout of 0 means "do not wait": return at once.
 */
#ifndef TCAS_PORT_H
#define TCAS_PORT_H

#include <stddef.h>
#include <stdint.h>

typedef struct tcas_port {
	void *ctx; /* the implementation's context, passed to every call */

	int (*connect)(void *ctx, const char *host, uint16_t port,
	               uint32_t timeout_ms);
	long (*send)(void *ctx, const uint8_t *buf, size_t len,
	             uint32_t timeout_ms);
	long (*recv)(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms);
	/* Close the connection if one is open; safe to call at any time. */
	void (*close)(void *ctx);

	/* Wall-clock time, Unix seconds (UTC). May be wrong on devices
	 * without a real-time clock. */
	int64_t (*wall_time)(void *ctx);
	/* Monotonic milliseconds since an arbitrary origin. */
	uint64_t (*mono_ms)(void *ctx);
	int (*random)(void *ctx, uint8_t *buf, size_t len);
	/* Block for ms milliseconds (retry backoff, rate limiting); mono_ms()
	 * must have advanced by about ms afterwards. May be NULL: tcas then
	 * never retries after a backoff and fails with TCAS_E_NET_RATE where
	 * its rate limiter would have to wait. */
	void (*sleep_ms)(void *ctx, uint32_t ms);
} tcas_port;

#endif /* TCAS_PORT_H */
