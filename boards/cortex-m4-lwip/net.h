/*
 * net.h - lwIP on the board's NIC, and the tcas_port over it (net.c).
 * The addresses are those of QEMU's user-mode network: a board on a real
 * network sets its own (or turns on LWIP_DHCP).
 */
#ifndef TCAS_BOARD_NET_H
#define TCAS_BOARD_NET_H

#include "tcas/port_lwip.h"

/* lwip_init(), the NIC as the default interface, 10.0.2.15/24 through
 * 10.0.2.2, DNS server 10.0.2.3. 0, or -1 when the NIC is not found. */
int board_net_up(void);

/* tcas_lwip_raw_init() with the board's clock, entropy, poll hook and host
 * table. */
void board_tcas_port(tcas_lwip_raw *lw, tcas_port *port);

#endif /* TCAS_BOARD_NET_H */
