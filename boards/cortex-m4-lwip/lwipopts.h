/*
 * lwipopts.h for the cortex-m4-lwip board: bare metal (NO_SYS=1), IPv4,
 * TCP for one HTTPS connection, UDP for DNS, static pools only (no libc
 * heap: MEM_LIBC_MALLOC=0, MEMP_MEM_MALLOC=0). Its RAM is the lwIP row of
 * `make size` (.bss): mostly MEM_SIZE and the pbuf pool. Every frame in
 * flight sits in these pools (lan9118.c has no buffer of its own).
 *
 * Sized for one HTTPS call at a time:
 * - TCP_MSS 536 (the IPv4 default every host accepts): pool buffers of
 *   592 bytes instead of 1516.
 * - receive: TCP_WND = 2 MSS; the TLS record buffer, not lwIP, holds a
 *   record until it is complete, so a window larger than what keeps the
 *   link busy costs RAM for nothing. 3 pool buffers: the window's two
 *   segments and one ARP/DNS/ACK frame (2 in use at most in the QEMU
 *   run). A frame that finds the pool empty is dropped (lan9118.c) and
 *   TCP sends it again: slower, never a failure. A fourth buffer would
 *   cost 608 bytes and take the RAM of one call over 40,000 bytes.
 * - send: TCP_SND_BUF 2 MSS; tcp_write copies into MEM_SIZE, which holds
 *   that window (two segments of about 620 bytes with their headers)
 *   plus an ACK and an ARP or DNS packet. The heap's high-water mark of
 *   the QEMU run is 736 bytes (peers ACK fast on loopback); when it is
 *   short, port/lwip's send waits (poll) for ACKs to free it: slower,
 *   never a failure.
 * - one DNS entry of a TCAS_HOST_MAX-long name, one server; a 4-entry ARP
 *   table (gateway, DNS server, two spares).
 * - randomness from the board's entropy source (lwip_hooks.h).
 */
#ifndef TCAS_BOARD_LWIPOPTS_H
#define TCAS_BOARD_LWIPOPTS_H

#include <stdint.h>

#define NO_SYS               1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET          0
#define LWIP_NETCONN         0
#define LWIP_ALTCP           1
#define LWIP_ALTCP_TLS       0

#define MEM_LIBC_MALLOC         0
#define MEMP_MEM_MALLOC         0
#define MEM_ALIGNMENT           4
#define MEM_SIZE                1600
#define MEMP_NUM_TCP_PCB        2
#define MEMP_NUM_TCP_PCB_LISTEN 0
#define MEMP_NUM_TCP_SEG        TCP_SND_QUEUELEN
#define MEMP_NUM_UDP_PCB        2
#define MEMP_NUM_SYS_TIMEOUT    (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 1)
#define PBUF_POOL_SIZE          3
#define MEMP_NUM_PBUF           4
#define PBUF_POOL_BUFSIZE                                                      \
	LWIP_MEM_ALIGN_SIZE(TCP_MSS + 40 + PBUF_LINK_ENCAPSULATION_HLEN +      \
	                    PBUF_LINK_HLEN)

#define LWIP_IPV4           1
#define LWIP_IPV6           0
#define LWIP_ARP            1
#define LWIP_ETHERNET       1
#define ETH_PAD_SIZE        2 /* word-aligned IP headers (lan9118.c) */
#define LWIP_ICMP           1
#define LWIP_RAW            0
#define LWIP_UDP            1
#define LWIP_TCP            1
#define LWIP_DNS            1
#define DNS_TABLE_SIZE      1
#define DNS_MAX_NAME_LENGTH 64
#define DNS_MAX_SERVERS     1
#define ARP_TABLE_SIZE      4
#define LWIP_DHCP           0
#define LWIP_IGMP           0
#define IP_REASSEMBLY       0
#define IP_FRAG             0

#define TCP_MSS            536
#define TCP_WND            (2 * TCP_MSS)
#define TCP_SND_BUF        (2 * TCP_MSS)
#define TCP_SND_QUEUELEN   ((4 * TCP_SND_BUF) / TCP_MSS)
#define LWIP_TCP_KEEPALIVE 0

#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK   0
#define LWIP_STATS                 0
#define LWIP_PROVIDE_ERRNO         1
#define LWIP_NOASSERT              1

/* Randomness (lwip_hooks.h): DNS IDs and ports, the first local port and
 * every TCP initial sequence number come from the entropy source. */
uint32_t board_lwip_rand(void);
#define LWIP_RAND()        board_lwip_rand()
#define LWIP_HOOK_FILENAME "lwip_hooks.h"
#define LWIP_HOOK_TCP_ISN  board_tcp_isn

#endif /* TCAS_BOARD_LWIPOPTS_H */
