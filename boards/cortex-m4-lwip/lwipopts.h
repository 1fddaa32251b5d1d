/*
 * lwipopts.h for the cortex-m4-lwip board: bare metal (NO_SYS=1), IPv4,
 * TCP for one HTTPS connection, UDP for DNS, static pools only (no libc
 * heap: MEM_LIBC_MALLOC=0, MEMP_MEM_MALLOC=0). RAM is what `make size`
 * reports as lwIP .bss; mostly MEM_SIZE and the pbuf pool.
 */
#ifndef TCAS_BOARD_LWIPOPTS_H
#define TCAS_BOARD_LWIPOPTS_H

#define NO_SYS                 1
#define SYS_LIGHTWEIGHT_PROT   0
#define LWIP_SOCKET            0
#define LWIP_NETCONN           0
#define LWIP_ALTCP             1
#define LWIP_ALTCP_TLS         0

#define MEM_LIBC_MALLOC        0
#define MEMP_MEM_MALLOC        0
#define MEM_ALIGNMENT          4
#define MEM_SIZE               (4 * 1024)
#define MEMP_NUM_TCP_PCB       2
#define MEMP_NUM_TCP_PCB_LISTEN 0
#define MEMP_NUM_TCP_SEG       TCP_SND_QUEUELEN
#define MEMP_NUM_UDP_PCB       2
#define MEMP_NUM_SYS_TIMEOUT   (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 1)
#define PBUF_POOL_SIZE         4
#define PBUF_POOL_BUFSIZE      LWIP_MEM_ALIGN_SIZE(TCP_MSS + 40 + PBUF_LINK_ENCAPSULATION_HLEN + PBUF_LINK_HLEN)

#define LWIP_IPV4              1
#define LWIP_IPV6              0
#define LWIP_ARP               1
#define LWIP_ETHERNET          1
#define LWIP_ICMP              1
#define LWIP_RAW               0
#define LWIP_UDP               1
#define LWIP_TCP               1
#define LWIP_DNS               1
#define LWIP_DHCP              0
#define LWIP_IGMP              0
#define IP_REASSEMBLY          0
#define IP_FRAG                0

#define TCP_MSS                1460
#define TCP_WND                (2 * TCP_MSS)
#define TCP_SND_BUF            (2 * TCP_MSS)
#define TCP_SND_QUEUELEN       ((4 * TCP_SND_BUF) / TCP_MSS)
#define LWIP_TCP_KEEPALIVE     0

#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK   0
#define LWIP_STATS             0
#define LWIP_PROVIDE_ERRNO     1
#define LWIP_NOASSERT          1
#define LWIP_RAND()            ((u32_t)0x2545F491u) /* ports, DNS ids only */

#endif /* TCAS_BOARD_LWIPOPTS_H */
