/*
 * tcas-stack: measured peak stack of one full signed HTTPS call (TLS
 * handshake with certificate verification, request, response, JSON), by
 * painting: the call runs in a thread whose stack is a painted buffer, and
 * the deepest overwritten byte is the peak. A second thread that returns at
 * once gives the baseline (glibc keeps the thread descriptor and TLS at the
 * top of a caller-supplied stack), which is subtracted.
 *
 *   tcas-stack PORT CA.pem        (tcas-emu on 127.0.0.1:PORT, "localhost")
 *
 * Connects to 127.0.0.1 without getaddrinfo() so that the resolver's stack
 * is not counted. Prints "stack: N bytes (ACTION)". Exit 0 on TCAS_OK.
 * Run natively or under qemu-user for a cross board (boards/stack.sh).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tcas/client.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"

#define STACK_SIZE (256 * 1024)
#define PAINT      0xA5

static unsigned char stack_mem[STACK_SIZE] __attribute__((aligned(64)));
static tcas_client client;
static tcas_result res;
static tcas_trust_store trust;
static tcas_posix px;
static tcas_port port;
static int call_rc;

/* connect without the resolver: 127.0.0.1, whatever the host name. */
static int connect_lo(void *ctx, const char *host, uint16_t p,
                      uint32_t timeout_ms)
{
	tcas_posix *c = ctx;
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)host;
	(void)timeout_ms;
	if (fd < 0) {
		return TCAS_E_NET_CONNECT;
	}
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(p);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return TCAS_E_NET_CONNECT;
	}
	c->fd = fd;
	return TCAS_OK;
}

static void *do_call(void *arg)
{
	static const char params[] =
	    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
	    "\"RefreshActivityId\":\"asr-juhf6ytr\",\"ResumeMode\":\"RETRY\"}";

	(void)arg;
	call_rc = tcas_client_call(&client, "ResumeInstanceRefresh", params,
	                           sizeof params - 1, &res);
	tcas_client_close(&client);
	return NULL;
}

static void *do_nothing(void *arg)
{
	return arg;
}

/* Run fn on the painted stack; bytes of it that were written. */
static size_t painted_run(void *(*fn)(void *))
{
	pthread_attr_t a;
	pthread_t th;
	size_t i;

	memset(stack_mem, PAINT, sizeof stack_mem);
	if (pthread_attr_init(&a) != 0 ||
	    pthread_attr_setstack(&a, stack_mem, sizeof stack_mem) != 0 ||
	    pthread_create(&th, &a, fn, NULL) != 0) {
		fprintf(stderr, "tcas-stack: cannot start a thread\n");
		exit(2);
	}
	pthread_join(th, NULL);
	for (i = 0; i < sizeof stack_mem && stack_mem[i] == PAINT; i++) {
	}
	return sizeof stack_mem - i;
}

int main(int argc, char **argv)
{
	char ep[48];
	size_t base, used;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: tcas-stack PORT CA.pem\n");
		return 2;
	}
	tcas_trust_store_init(&trust);
	rc = tcas_posix_load_ca_file(&trust.t, argv[2]);
	if (rc != TCAS_OK) {
		fprintf(stderr, "tcas-stack: %s: %s\n", argv[2],
		        tcas_strerror(rc));
		return 2;
	}
	tcas_posix_init(&px, &port);
	port.connect = connect_lo;
	tcas_client_init(&client, &port);
	snprintf(ep, sizeof ep, "https://localhost:%s", argv[1]);
	tcas_client_set_endpoint(&client, ep);
	tcas_client_set_credentials(&client,
	                            "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234",
	                            "ExampleSecretKeyExampleSecretKey", NULL);
	tcas_client_set_region(&client, "ap-guangzhou");
	tcas_client_set_trust(&client, trust.ta, trust.t.count);
	base = painted_run(do_nothing);
	used = painted_run(do_call);
	printf("stack: %lu bytes (ResumeInstanceRefresh over TLS: %s)\n",
	       (unsigned long)(used - base), tcas_errname(call_rc));
	return call_rc == TCAS_OK ? 0 : 1;
}
