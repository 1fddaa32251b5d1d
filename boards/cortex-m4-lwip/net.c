/* lwIP on the board's NIC and the tcas_port over it; see net.h. */
#include "lwip/dns.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "board.h"
#include "net.h"

static struct netif nif;

/* QEMU's user network reaches the host's loopback at 10.0.2.2: tcas-emu
 * listens there, with a certificate for "localhost" (the name BearSSL
 * checks), so the board resolves that name to the host. */
static const tcas_lwip_host hosts[] = {
    {"localhost", IPADDR4_INIT_BYTES(10, 0, 2, 2)}};

static int64_t wall_time(void *arg)
{
	(void)arg;
	return board_rtc_seconds();
}

static int random_bytes(void *arg, uint8_t *buf, size_t len)
{
	(void)arg;
	return board_entropy(buf, len);
}

/* port/lwip's poll hook: frames in, lwIP's timers (every time: a steady
 * stream of frames must not starve the delayed ACK and retransmission
 * timers), then sleep until the next interrupt when nothing arrived. */
static void poll(void *arg)
{
	int moved = board_netif_poll(&nif);

	(void)arg;
	sys_check_timeouts();
	if (moved == 0) {
		board_wait_irq();
	}
}

static const tcas_lwip_sys sys = {NULL, wall_time, random_bytes, poll};

int board_net_up(void)
{
	ip4_addr_t ip, mask, gw, dns;

	lwip_init();
	IP4_ADDR(&ip, 10, 0, 2, 15);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	IP4_ADDR(&gw, 10, 0, 2, 2);
	IP4_ADDR(&dns, 10, 0, 2, 3);
	if (netif_add(&nif, &ip, &mask, &gw, NULL, board_netif_init,
	              ethernet_input) == NULL) {
		return -1;
	}
	netif_set_default(&nif);
	netif_set_up(&nif);
	dns_setserver(0, &dns);
	return 0;
}

void board_tcas_port(tcas_lwip_raw *lw, tcas_port *port)
{
	tcas_lwip_raw_init(lw, port, &sys, hosts,
	                   sizeof hosts / sizeof hosts[0]);
}
