/*
 * tcas-lwip-tap: tcas on the lwIP port, over a real lwIP stack (Debian's
 * liblwip, NO_SYS=0) on a TAP interface. Run by test/e2e/lwip.sh inside a
 * network namespace it creates, against tcas-emu on the host side of the
 * TAP.
 *
 *   TCAS_TAPIF=tap0 tcas-lwip-tap sock|raw LWIP_IP PEER_IP PORT CA [MODE]
 *
 * lwIP takes LWIP_IP/24 on the TAP; "localhost" maps to PEER_IP through
 * the port's host table (the test certificate names localhost). Calls:
 *   1. ResumeInstanceRefresh of the seeded paused activity   -> TCAS_OK
 *   2. the same again (now running: a documented API error)   -> TCAS_E_API
 *   3. DescribeRefreshActivities of it (connection reused)    -> TCAS_OK
 *   4. a call to a closed port                                -> NET_CONNECT
 * and prints one line per call. Exit 0 when all four behave. MODE "hang"
 * (tcas-emu --fault hang: it reads the request and never answers): one
 * call with a 1.5 s budget must end in TCAS_E_NET_DEADLINE. MODE
 * "truncate" (--fault truncate: half the body, then a TCP close without
 * TLS close_notify): TCAS_E_HTTP_TRUNCATED as with the POSIX port, which
 * needs the port to report the orderly close.
 * MODE "nomfl" (tcas-emu --tls-no-mfl: the server ignores the
 * max_fragment_length request): a DescribeRefreshActivities answer (one
 * record over 1.3 KB) must end in TCAS_E_TLS_RECORD_TOO_LARGE when this
 * program is built with an input buffer below a full record (the board
 * limits, test/lwip/lwip.mk), and succeed with the default 16709 bytes.
 * "raw" drives the raw/altcp variant under the lwIP core lock; its poll
 * hook releases the lock for a millisecond so lwIP's threads run.
 *
 * The TAP driver is here rather than liblwip's tapif: Debian's liblwip
 * 2.1.3 tapif overruns its PBUF_POOL buffers on full-size frames (the pool
 * element is 616 bytes, the copy up to 1514), so frames go into PBUF_RAM.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"

#include "tcas/client.h"
#include "tcas/port_lwip.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"

static tcas_client client;
static tcas_result res;
static tcas_trust_store trust;
static struct netif nif;
static tcas_lwip_sock sock;
static tcas_lwip_raw raw;
static tcas_port port;
static int use_raw;
static int tap_fd = -1;

/* ---- TAP driver ---------------------------------------------------------- */

static err_t tap_output(struct netif *n, struct pbuf *p)
{
	char buf[1518];

	(void)n;
	if (p->tot_len > sizeof buf) {
		return ERR_IF;
	}
	pbuf_copy_partial(p, buf, p->tot_len, 0);
	return write(tap_fd, buf, p->tot_len) == (ssize_t)p->tot_len ? ERR_OK
	                                                             : ERR_IF;
}

static void *tap_reader(void *arg)
{
	char buf[1518];

	(void)arg;
	for (;;) {
		ssize_t n = read(tap_fd, buf, sizeof buf);
		struct pbuf *p;

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return NULL;
		}
		p = pbuf_alloc(PBUF_RAW, (u16_t)n, PBUF_RAM);
		if (p == NULL) {
			continue; /* dropped, as a NIC would */
		}
		pbuf_take(p, buf, (u16_t)n);
		if (nif.input(p, &nif) != ERR_OK) {
			pbuf_free(p);
		}
	}
}

static err_t tap_init(struct netif *n)
{
	static const u8_t mac[6] = {0x02, 0x00, 0x00, 0x77, 0x00, 0x02};
	const char *name = getenv("TCAS_TAPIF");
	struct ifreq ifr;

	tap_fd = open("/dev/net/tun", O_RDWR);
	if (tap_fd < 0 || name == NULL) {
		return ERR_IF;
	}
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (ioctl(tap_fd, TUNSETIFF, &ifr) < 0) {
		return ERR_IF;
	}
	n->name[0] = 't';
	n->name[1] = 'p';
	n->output = etharp_output;
	n->linkoutput = tap_output;
	n->mtu = 1500;
	n->hwaddr_len = 6;
	memcpy(n->hwaddr, mac, 6);
	n->flags =
	    NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_LINK_UP;
	return ERR_OK;
}

static int64_t wall(void *arg)
{
	(void)arg;
	return (int64_t)time(NULL);
}

static int rnd(void *arg, uint8_t *buf, size_t len)
{
	int fd = open("/dev/urandom", O_RDONLY);
	ssize_t n;

	(void)arg;
	if (fd < 0) {
		return -1;
	}
	n = read(fd, buf, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

/* Raw variant: let the tcpip and tapif threads run for a moment. */
static void poll_hook(void *arg)
{
	struct timespec ts = {0, 1000000};

	(void)arg;
	UNLOCK_TCPIP_CORE();
	nanosleep(&ts, NULL);
	LOCK_TCPIP_CORE();
}

static const tcas_lwip_sys sys = {NULL, wall, rnd, poll_hook};

static void tcpip_ready(void *arg)
{
	*(volatile int *)arg = 1;
}

static int net_up(const char *ip_s, const char *gw_s)
{
	volatile int ready = 0;
	ip4_addr_t ip, mask, gw;
	pthread_t th;

	if (!ip4addr_aton(ip_s, &ip) || !ip4addr_aton(gw_s, &gw)) {
		return -1;
	}
	IP4_ADDR(&mask, 255, 255, 255, 0);
	tcpip_init(tcpip_ready, (void *)&ready);
	while (!ready) {
		usleep(1000);
	}
	LOCK_TCPIP_CORE();
	if (netif_add(&nif, &ip, &mask, &gw, NULL, tap_init, tcpip_input) ==
	    NULL) {
		UNLOCK_TCPIP_CORE();
		return -1;
	}
	netif_set_default(&nif);
	netif_set_up(&nif);
	UNLOCK_TCPIP_CORE();
	return pthread_create(&th, NULL, tap_reader, NULL) == 0 ? 0 : -1;
}

static int call(const char *what, const char *action, const char *params,
                int want)
{
	int rc;

	if (use_raw) {
		LOCK_TCPIP_CORE();
	}
	rc = tcas_client_call(&client, action, params, strlen(params), &res);
	if (use_raw) {
		UNLOCK_TCPIP_CORE();
	}
	printf("%s %s: %s (%s) http=%d attempts=%d code=%s request_id=%s\n",
	       rc == want ? "ok  " : "FAIL", what, tcas_errname(rc),
	       tcas_strerror(rc), res.http_status, res.attempts, res.error_code,
	       res.request_id);
	return rc == want ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const char resume[] =
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	    "\"RefreshActivityId\":\"asr-juhf6ytr\",\"ResumeMode\":\"RETRY\"}";
	static const char describe[] =
	    "{\"RefreshActivityIds\":[\"asr-juhf6ytr\"]}";
	static tcas_lwip_host hosts[1];
	char ep[64];
	int port_num, fails = 0, rc;

	if (argc < 6 || argc > 7 ||
	    (strcmp(argv[1], "sock") != 0 && strcmp(argv[1], "raw") != 0)) {
		fprintf(stderr, "usage: tcas-lwip-tap sock|raw LWIP_IP PEER_IP "
		                "PORT CA [hang|truncate|nomfl]\n");
		return 2;
	}
	use_raw = strcmp(argv[1], "raw") == 0;
	port_num = atoi(argv[4]);
	hosts[0].name = "localhost";
	if (!ipaddr_aton(argv[3], &hosts[0].addr) || port_num <= 0 ||
	    net_up(argv[2], argv[3]) != 0) {
		fprintf(stderr, "tcas-lwip-tap: bad address or TAP setup\n");
		return 2;
	}
	tcas_trust_store_init(&trust);
	rc = tcas_posix_load_ca_file(&trust.t, argv[5]);
	if (rc != TCAS_OK) {
		fprintf(stderr, "tcas-lwip-tap: %s: %s\n", argv[5],
		        tcas_strerror(rc));
		return 2;
	}
	if (use_raw) {
		tcas_lwip_raw_init(&raw, &port, &sys, hosts, 1);
	} else {
		tcas_lwip_sock_init(&sock, &port, &sys, hosts, 1);
	}
	tcas_client_init(&client, &port);
	snprintf(ep, sizeof ep, "https://localhost:%d", port_num);
	tcas_client_set_endpoint(&client, ep);
	tcas_client_set_credentials(&client,
	                            "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234",
	                            "ExampleSecretKeyExampleSecretKey", NULL);
	tcas_client_set_region(&client, "ap-guangzhou");
	tcas_client_set_trust(&client, trust.ta, trust.t.count);
	if (argc == 7 && strcmp(argv[6], "hang") == 0) {
		tcas_client_set_timeout(&client, 1500);
		return call("hang", "DescribeRefreshActivities", describe,
		            TCAS_E_NET_DEADLINE);
	}
	printf("TCAS_TLS_IBUF_SIZE=%d TCAS_TLS_OBUF_SIZE=%d "
	       "sizeof(tcas_client)=%zu\n",
	       TCAS_TLS_IBUF_SIZE, TCAS_TLS_OBUF_SIZE, sizeof client);
	if (argc == 7 && strcmp(argv[6], "nomfl") == 0) {
		tcas_client_set_timeout(&client, 20000);
		return call("nomfl", "DescribeRefreshActivities", describe,
		            TCAS_TLS_IBUF_SIZE < 16709
		                ? TCAS_E_TLS_RECORD_TOO_LARGE
		                : TCAS_OK);
	}
	if (argc == 7) { /* truncate: half the body, then TCP FIN */
		return call("truncate", "DescribeRefreshActivities", describe,
		            TCAS_E_HTTP_TRUNCATED);
	}
	tcas_client_set_timeout(&client, 20000);

	fails += call("resume", "ResumeInstanceRefresh", resume, TCAS_OK);
	fails +=
	    call("resume again", "ResumeInstanceRefresh", resume, TCAS_E_API);
	fails +=
	    call("describe", "DescribeRefreshActivities", describe, TCAS_OK);
	if (use_raw) {
		LOCK_TCPIP_CORE();
	}
	tcas_client_close(&client);
	snprintf(ep, sizeof ep, "https://localhost:%d", port_num + 1);
	tcas_client_set_endpoint(&client, ep);
	if (use_raw) {
		UNLOCK_TCPIP_CORE();
	}
	tcas_client_set_timeout(&client, 5000);
	fails += call("closed port", "DescribeRefreshActivities", describe,
	              TCAS_E_NET_CONNECT);
	return fails == 0 ? 0 : 1;
}
