/*
 * Firmware image for the cortex-m4-lwip board: one signed
 * ResumeInstanceRefresh call over HTTPS through lwIP's raw API (NO_SYS=1).
 *
 * Built and measured by `make BOARD=cortex-m4-lwip`, not flashed: the
 * Ethernet driver is a stub that drops every frame, and the clock, RTC and
 * TRNG are the few lines a real board replaces (marked BOARD:). Addresses
 * are from TEST-NET-1 (RFC 5737). Credentials are placeholders.
 */
#include "lwip/dns.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "tcas/client.h"
#include "tcas/port_lwip.h"

extern const br_x509_trust_anchor tcas_builtin_anchors[];
extern const size_t tcas_builtin_anchors_count;

/* BOARD: a 1 kHz SysTick interrupt increments this. */
static volatile uint32_t ticks_ms;
/* BOARD: set from the RTC or SNTP; Unix seconds. */
static volatile int64_t rtc_seconds = 1767225600; /* 2026-01-01 */

void SysTick_Handler(void);
void SysTick_Handler(void)
{
	ticks_ms++;
}

u32_t sys_now(void)
{
	return ticks_ms;
}

static int64_t board_wall_time(void *arg)
{
	(void)arg;
	return rtc_seconds;
}

/* BOARD: the STM32F4 RNG peripheral (RNG_SR at +4, RNG_DR at +8). */
#define RNG_BASE 0x50060800u
static int board_random(void *arg, uint8_t *buf, size_t len)
{
	volatile uint32_t *const rng = (volatile uint32_t *)RNG_BASE;
	size_t i;

	(void)arg;
	rng[0] |= 4u; /* RNGEN */
	for (i = 0; i < len; i++) {
		uint32_t guard = 100000u;

		while ((rng[1] & 1u) == 0u) { /* DRDY */
			if (--guard == 0u || (rng[1] & 0x66u) != 0u) {
				return -1; /* seed/clock error */
			}
		}
		buf[i] = (uint8_t)rng[2];
	}
	return 0;
}

/* BOARD: the Ethernet driver. This one drops every frame. */
static err_t stub_linkoutput(struct netif *nif, struct pbuf *p)
{
	(void)nif;
	(void)p;
	return ERR_OK;
}

static err_t stub_netif_init(struct netif *nif)
{
	static const uint8_t mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

	nif->name[0] = 'e';
	nif->name[1] = '0';
	nif->output = etharp_output;
	nif->linkoutput = stub_linkoutput;
	nif->mtu = 1500;
	nif->hwaddr_len = 6;
	memcpy(nif->hwaddr, mac, 6);
	nif->flags =
	    NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_LINK_UP;
	return ERR_OK;
}

/* The port's poll hook: BOARD: also feed received frames to nif.input. */
static void board_poll(void *arg)
{
	(void)arg;
	sys_check_timeouts();
}

static struct netif nif;
static tcas_lwip_raw lw;
static tcas_port port;
static tcas_client client;
static tcas_result result;
static const tcas_lwip_sys sys = {NULL, board_wall_time, board_random,
                                  board_poll};

static const char params[] =
    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
    "\"RefreshActivityId\":\"asr-juhf6ytr\",\"ResumeMode\":\"RETRY\"}";

static void net_up(void)
{
	ip4_addr_t ip, mask, gw;

	lwip_init();
	IP4_ADDR(&ip, 192, 0, 2, 10);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	IP4_ADDR(&gw, 192, 0, 2, 1);
	netif_add(&nif, &ip, &mask, &gw, NULL, stub_netif_init, ethernet_input);
	netif_set_default(&nif);
	netif_set_up(&nif);
	dns_setserver(0, &nif.gw);
}

int main(void);
int main(void)
{
	int rc;

	net_up();
	tcas_lwip_raw_init(&lw, &port, &sys, NULL, 0);
	tcas_client_init(&client, &port);
	tcas_client_set_credentials(&client, "AKIDplaceholder",
	                            "placeholder-secret-key", NULL);
	tcas_client_set_region(&client, "ap-guangzhou");
	tcas_client_set_trust(&client, tcas_builtin_anchors,
	                      tcas_builtin_anchors_count);
	rc = tcas_client_call(&client, "ResumeInstanceRefresh", params,
	                      sizeof params - 1, &result);
	tcas_client_close(&client);
	return rc == TCAS_OK ? 0 : 1;
}
