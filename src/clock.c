/* The client's clocks: the time it signs with (fixed, or the wall clock
 * plus the offset learned from the service, or the build time standing in
 * for an unset clock), the time it checks certificates at (the device's
 * own clock), and the monotonic clock its deadlines run on. Contracts in
 * tcas/client.h ("Clock skew") and client_inner.h. */
#include "client_inner.h"

#include "tcas/utctime.h"

/* The largest offset a server's Date may teach a device whose clock is
 * set: a day. A clock kept in local time instead of UTC is off by up to
 * 14 hours (UTC+14), and drift or a missed DST change by much less; a
 * clock further off than a day is broken, and signing with whatever a
 * Date header says would only hide that (and make a captured request
 * replayable later, were the Date too far ahead). */
#define SKEW_MAX (24 * 3600)

/* Two clocks (contracts in client_inner.h):
 *   signing:      the fixed time if set, else the wall clock plus the
 *                 offset learned from the service, else TCAS_TIME_BUILD
 *                 standing in for an unset wall clock;
 *   certificates: the device's wall clock when it is set; neither a fixed
 *                 signing time nor a server's Date moves it. Only a device
 *                 without a clock of its own takes the service's time
 *                 (wall + offset) for certificates too, else
 *                 TCAS_TIME_BUILD (not trusted: see conn.c). */
static int wall_set(int64_t wall)
{
	return wall >= TCAS_CLOCK_FLOOR;
}

/* One reading of either clock (sign: the signing clock). */
static TCAS_NOINLINE int64_t clock_of(const tcas_client *c, int sign,
                                      int *trusted)
{
	int64_t wall = c->port->wall_time(c->port->ctx);

	*trusted = 1;
	if (sign && c->fixed_time > 0)
		return c->fixed_time;
	if (c->skew_known && (sign || !wall_set(wall)))
		return wall + c->skew;
	if (wall_set(wall))
		return wall;
	*trusted = 0;
	return (int64_t)TCAS_TIME_BUILD;
}

int64_t tcas_clock_now(const tcas_client *c, int *trusted)
{
	return clock_of(c, 1, trusted);
}

int64_t tcas_clock_cert(const tcas_client *c, int *trusted)
{
	return clock_of(c, 0, trusted);
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
	int64_t server, wall, skew;

	if (c->fixed_time > 0 ||
	    tcas_http_resp_header(&c->resp, "Date", &v, &n) != TCAS_OK ||
	    tcas_utc_parse_http_date(v, n, &server) != TCAS_OK ||
	    server < TCAS_CLOCK_FLOOR)
		return TCAS_E_CLOCK;
	wall = c->port->wall_time(c->port->ctx);
	skew = server - wall;
	if (wall_set(wall) && (skew > SKEW_MAX || skew < -SKEW_MAX)) {
		tcas_log_event(
		    c, "server Date not used, off by seconds: ", skew, 0);
		return TCAS_E_CLOCK;
	}
	c->skew = skew;
	c->skew_known = 1;
	res->skew_learned = 1;
	tcas_log_event(c, "clock corrected by seconds: ", c->skew, 0);
	/* A certificate checked at a guessed time is checked again. */
	if (!c->conn_verified)
		tcas_client_close(c);
	return TCAS_OK;
}
