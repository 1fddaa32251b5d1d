/* The client's clocks: the time it signs with and checks certificates at
 * (fixed, or the wall clock plus the offset learned from the service, or
 * the build time standing in for an unset clock), and the monotonic clock
 * its deadlines run on. Contracts in tcas/client.h ("Clock skew") and
 * client_inner.h. */
#include "client_inner.h"

#include "tcas/utctime.h"

int64_t tcas_clock_now(const tcas_client *c, int *trusted)
{
	int64_t wall;

	*trusted = 1;
	if (c->fixed_time > 0)
		return c->fixed_time;
	wall = c->port->wall_time(c->port->ctx);
	if (c->skew_known)
		return wall + c->skew;
	if (wall >= TCAS_CLOCK_FLOOR)
		return wall;
	*trusted = 0;
	return (int64_t)TCAS_TIME_BUILD;
}

int tcas_clock_trusted(const tcas_client *c)
{
	int trusted;

	tcas_clock_now(c, &trusted);
	return trusted;
}

int64_t tcas_client_now(const tcas_client *c)
{
	int trusted;

	return c == NULL ? 0 : tcas_clock_now(c, &trusted);
}

void tcas_client_set_time(tcas_client *c, int64_t unix_seconds)
{
	if (c)
		c->fixed_time = unix_seconds;
}

uint64_t tcas_clock_mono(const tcas_client *c)
{
	return c->port->mono_ms(c->port->ctx);
}

int tcas_clock_learn_skew(tcas_client *c, tcas_result *res)
{
	const char *v;
	size_t n;
	int64_t server;

	if (c->fixed_time > 0 ||
	    tcas_http_resp_header(&c->resp, "Date", &v, &n) != TCAS_OK ||
	    tcas_utc_parse_http_date(v, n, &server) != TCAS_OK)
		return TCAS_E_CLOCK;
	c->skew = server - c->port->wall_time(c->port->ctx);
	c->skew_known = 1;
	res->skew_learned = 1;
	tcas_log_event(c, "clock corrected by seconds: ", c->skew, 0);
	/* A certificate checked at a guessed time is checked again. */
	if (!c->conn_verified)
		tcas_client_close(c);
	return TCAS_OK;
}
