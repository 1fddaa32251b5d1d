/*
 * lwip_hooks.h - lwIP's randomness on the cortex-m4-lwip board (named by
 * LWIP_HOOK_FILENAME in lwipopts.h). Both come from the board's entropy
 * source (board_entropy()), never from a constant or a clock: DNS query
 * IDs and source ports, the first local TCP/UDP port, and each TCP
 * connection's initial sequence number are unpredictable. lwIP has no
 * error path for them, so a failed entropy read stops the board
 * (board_fatal()), as a failed read stops a TLS handshake.
 */
#ifndef TCAS_BOARD_LWIP_HOOKS_H
#define TCAS_BOARD_LWIP_HOOKS_H

#include "lwip/arch.h"
#include "lwip/ip_addr.h"

/* LWIP_RAND(): 32 bits from the entropy source. */
u32_t board_lwip_rand(void);

/* LWIP_HOOK_TCP_ISN: a fresh random initial sequence number for each
 * connection (RFC 6528's aim, unpredictable ISNs, met without its hash). */
u32_t board_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                    const ip_addr_t *remote_ip, u16_t remote_port);

#endif /* TCAS_BOARD_LWIP_HOOKS_H */
