/*
 * The cortex-m4-lwip firmware: signed HTTPS calls to the Auto Scaling API
 * through lwIP's raw API (NO_SYS=1), checked as it goes, reported on the
 * board console; the exit status is 0 only when every check passed.
 *
 * `make check-qemu` boots it on QEMU's mps2-an386 against tcas-emu on the
 * host's loopback (test/boards/qemu.sh), reached as "localhost" (net.c).
 * The command line (semihosting) gives the emulator's HTTPS port.
 *
 * The checks: 1. a ResumeInstanceRefresh the emulator verifies (signature,
 * parameters) and accepts; 2. the same call again on the kept connection,
 * refused with ResourceUnavailable.RefreshActivityStatusConflictWithOperation
 * (the activity now runs); 3. DescribeRefreshActivities, read with the
 * board's JSON limits; 4. a fresh handshake with the production anchors
 * (BOARD_ANCHORS) in place of the emulator's CA: refused as a certificate
 * error. Then the speed of calls 1 and 2 (board_cycles() outside
 * board_wait_irq(): with QEMU's -icount, guest instructions) and the
 * painted stack.
 */
#include <string.h>

#include "tcas/client.h"

#include "board.h"
#include "net.h"

/* anchors.c: production roots (BOARD_ANCHORS); test_anchors.c: the
 * emulator's test CA, compiled in with tcas-pem2c. */
extern const br_x509_trust_anchor tcas_builtin_anchors[];
extern const size_t tcas_builtin_anchors_count;
extern const br_x509_trust_anchor tcas_test_anchors[];
extern const size_t tcas_test_anchors_count;

/* The API docs' example credentials, which tcas-emu accepts. */
#define SECRET_ID  "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234"
#define SECRET_KEY "ExampleSecretKeyExampleSecretKey"
#define CONFLICT                                                               \
	"ResourceUnavailable.RefreshActivityStatusConflictWithOperation"
#define STR_(x) #x
#define STR(x)  STR_(x)

static tcas_lwip_raw lw;
static tcas_port port;
static tcas_client client;
static tcas_result res;
static int (*lwip_connect)(void *, const char *, uint16_t, uint32_t);
static unsigned connects, passed, failed;

/* ---- console ------------------------------------------------------------- */

static void say(const char *s)
{
	board_write(s, strlen(s));
}

static void say_num(long long v)
{
	char buf[21], *p = buf + sizeof buf;
	unsigned long long u =
	    v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10u);
		u /= 10u;
	} while (u > 0 && p > buf + 1);
	if (v < 0) {
		*--p = '-';
	}
	board_write(p, (size_t)(buf + sizeof buf - p));
}

/* "ok N what" or "not ok N what (error E, BearSSL B, API code)". */
static void check(int ok, const char *what, int err)
{
	say(ok ? "ok " : "not ok ");
	say_num((long)(passed + failed + 1));
	say(" ");
	say(what);
	if (!ok) {
		say(" (error ");
		say_num(err);
		say(", BearSSL ");
		say_num(res.tls_br_error);
		say(res.error_code[0] ? ", API " : "");
		say(res.error_code);
		say(")");
	}
	say("\n");
	if (ok) {
		passed++;
	} else {
		failed++;
	}
}

/* ---- network ------------------------------------------------------------- */

/* Counts TCP connections, to see that a call reused the open one. */
static int counting_connect(void *ctx, const char *host, uint16_t p,
                            uint32_t timeout_ms)
{
	connects++;
	return lwip_connect(ctx, host, p, timeout_ms);
}

/* The emulator's HTTPS port: the last word of the command line. (Not
 * inlined: its buffer leaves the stack before the calls.) */
static __attribute__((noinline)) uint16_t emu_port(void)
{
	char args[96];
	const char *p;
	unsigned long n = 0;

	board_args(args, sizeof args);
	p = strrchr(args, ' ');
	for (p = p ? p + 1 : args; *p >= '0' && *p <= '9'; p++) {
		n = n * 10u + (unsigned long)(*p - '0');
	}
	return n > 0 && n < 65536u ? (uint16_t)n : 0;
}

/* ---- the calls ----------------------------------------------------------- */

static const char resume[] =
    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
    "\"RefreshActivityId\":\"asr-juhf6ytr\",\"ResumeMode\":\"RETRY\"}";
static const char describe[] = "{\"RefreshActivityIds\":[\"asr-juhf6ytr\"]}";

/* A call, and the board_cycles() it spent outside board_wait_irq(). */
static int timed_call(const char *action, const char *params, size_t len,
                      uint32_t *active)
{
	uint32_t t0 = board_cycles(), idle0 = board_idle_cycles;
	int err = tcas_client_call(&client, action, params, len, &res);

	*active = board_cycles() - t0 - (board_idle_cycles - idle0);
	return err;
}

/* Virtual nanoseconds of n board_cycles() (QEMU: one instruction per ns
 * of virtual time under -icount shift=0). */
static void say_ns(uint32_t n)
{
	say_num((long long)n * (1000000000 / board_cycles_hz));
}

static void describe_check(void)
{
	char id[16], status[24];
	int err, tok;

	err = tcas_client_call(&client, "DescribeRefreshActivities", describe,
	                       sizeof describe - 1, &res);
	if (err == TCAS_OK) {
		err = tcas_json_find(&res.doc, res.response,
		                     "RefreshActivitySet[0].RefreshActivityId",
		                     &tok);
	}
	if (err == TCAS_OK) {
		err = tcas_json_get_string(&res.doc, tok, id, sizeof id, NULL);
	}
	if (err == TCAS_OK) {
		err = tcas_json_find(&res.doc, res.response,
		                     "RefreshActivitySet[0].Status", &tok);
	}
	if (err == TCAS_OK) {
		err = tcas_json_get_string(&res.doc, tok, status, sizeof status,
		                           NULL);
	}
	check(err == TCAS_OK && strcmp(id, "asr-juhf6ytr") == 0,
	      "DescribeRefreshActivities read with the board's JSON limits",
	      err);
	if (err == TCAS_OK) {
		say("  status ");
		say(status);
		say(", body ");
		say_num((long)res.doc.len);
		say(" of " STR(TCAS_HTTP_BODY_MAX) " B, tokens ");
		say_num(res.doc.ntok);
		say(" of " STR(TCAS_JSON_TOKENS_MAX) "\n");
	}
}

static void run(uint16_t p)
{
	static char endpoint[32] = "https://localhost:";
	uint32_t t1 = 0, t2 = 0;
	char num[6], *q = num + sizeof num;
	int err;

	*--q = '\0';
	do {
		*--q = (char)('0' + p % 10u);
		p /= 10u;
	} while (p > 0);
	strcat(endpoint, q);

	board_tcas_port(&lw, &port);
	lwip_connect = port.connect;
	port.connect = counting_connect;
	err = tcas_client_init(&client, &port);
	if (err == TCAS_OK) {
		err = tcas_client_set_endpoint(&client, endpoint);
	}
	check(err == TCAS_OK, "client set up", err);
	tcas_client_set_credentials(&client, SECRET_ID, SECRET_KEY, NULL);
	tcas_client_set_region(&client, "ap-guangzhou");
	tcas_client_set_trust(&client, tcas_test_anchors,
	                      tcas_test_anchors_count);

	err =
	    timed_call("ResumeInstanceRefresh", resume, sizeof resume - 1, &t1);
	check(err == TCAS_OK && res.request_id[0] != '\0',
	      "ResumeInstanceRefresh signed, verified and accepted", err);
	err =
	    timed_call("ResumeInstanceRefresh", resume, sizeof resume - 1, &t2);
	check(err == TCAS_E_API && strcmp(res.error_code, CONFLICT) == 0 &&
	          connects == 1,
	      "second call on the kept connection: " CONFLICT, err);
	describe_check();

	/* a full handshake with the wrong anchors: no kept session */
	tcas_client_close(&client);
	tcas_tls_forget_session(&client.tls);
	tcas_client_set_trust(&client, tcas_builtin_anchors,
	                      tcas_builtin_anchors_count);
	err = tcas_client_call(&client, "DescribeRefreshActivities", describe,
	                       sizeof describe - 1, &res);
	check(err == TCAS_E_TLS_CERT &&
	          res.tls_br_error == BR_ERR_X509_NOT_TRUSTED,
	      "emulator refused with the production anchors (wrong CA)", err);
	tcas_client_close(&client);

	say("speed: call 1 (connect, full handshake) ");
	say_ns(t1);
	say(" ns, call 2 (kept connection) ");
	say_ns(t2);
	say(" ns of active virtual time\n");
}

int main(void)
{
	uint16_t p = emu_port();

	say("tcas cortex-m4-lwip on mps2-an386\n");
	if (p == 0) {
		say("usage: the last word of the command line is the "
		    "emulator's HTTPS port\n");
		return 2;
	}
	if (board_net_up() != 0) {
		say("not ok 1 LAN9118 not found\n");
		return 1;
	}
	run(p);
	say("stack: painted ");
	say_num((long)board_stack_used());
	say(" B of ");
	say_num((long)board_stack_size());
	say(" B\nresult: ");
	say_num((long)passed);
	say(" passed, ");
	say_num((long)failed);
	say(" failed\n");
	return failed > 0 ? 1 : 0;
}
