/*
 * lwip_inner.h - helpers shared by the two lwIP port variants (private).
 * Contract of the port in tcas/port_lwip.h.
 */
#ifndef TCAS_LWIP_INNER_H
#define TCAS_LWIP_INNER_H

#include <string.h>

#include "tcas/error.h"
#include "tcas/port_lwip.h"

/* Find name in hosts[0..count-1] (ASCII case-insensitive) or parse it as
 * an IP literal into *out. 1 found, 0 not. */
int tcas_lwip_lookup(const tcas_lwip_host *hosts, size_t count,
                     const char *name, ip_addr_t *out);

/* sys_now() widened to 64 bits. */
uint64_t tcas_lwip_now(tcas_lwip_clock *clk);

/* Milliseconds left until deadline (0 when passed). */
uint32_t tcas_lwip_left(tcas_lwip_clock *clk, uint64_t deadline);

int64_t tcas_lwip_wall(const tcas_lwip_sys *sys);
int tcas_lwip_random(const tcas_lwip_sys *sys, uint8_t *buf, size_t len);

#endif /* TCAS_LWIP_INNER_H */
