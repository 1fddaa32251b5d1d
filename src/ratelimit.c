/* The client-side rate limiter: one token bucket per action
 * (TCAS_RATE_BUCKETS of them, the least recently used one recycled),
 * refilled at the action's rate with a burst of one second's worth.
 * Contracts in tcas/client.h ("Rate limit") and client_inner.h. */
#include "client_inner.h"

#if TCAS_WITH_RATE_LIMIT

/* QPS for actions the facts hook does not know. */
#define RATE_DEFAULT 20

int tcas_rate_set(tcas_client *c, uint32_t qps)
{
	c->rate_qps = qps;
	memset(c->rate, 0, sizeof c->rate);
	return TCAS_OK;
}

static uint32_t action_qps(const tcas_client *c, const char *action)
{
	tcas_action_facts f;

	if (c->rate_qps != TCAS_RATE_TABLE)
		return c->rate_qps;
	if (tcas_client_facts(c, action, &f) && f.qps > 0)
		return f.qps;
	return RATE_DEFAULT;
}

static tcas_rate_bucket *bucket_for(tcas_client *c, const char *action,
                                    uint32_t qps, uint64_t now)
{
	char key[TCAS_ACTION_NAME_MAX];
	size_t i, n = strlen(action), lru = 0;
	tcas_rate_bucket *b;

	if (n >= sizeof key)
		n = sizeof key - 1; /* long names share a bucket by prefix */
	memcpy(key, action, n);
	key[n] = '\0';
	for (i = 0; i < TCAS_RATE_BUCKETS; i++) {
		if (strcmp(c->rate[i].action, key) == 0 && key[0] != '\0')
			return &c->rate[i];
		if (c->rate[i].used < c->rate[lru].used)
			lru = i;
	}
	b = &c->rate[lru];
	memcpy(b->action, key, n + 1);
	b->stamp = now;
	b->milli = qps * 1000u;
	return b;
}

/* Refill b at qps up to one second's worth, then take a token: 0 when
 * taken, else the ms until one is there. */
static uint32_t bucket_take(tcas_rate_bucket *b, uint32_t qps, uint64_t now)
{
	uint64_t cap = (uint64_t)qps * 1000u, refill = (now - b->stamp) * qps;

	b->milli =
	    (uint32_t)(b->milli + refill > cap ? cap : b->milli + refill);
	b->stamp = now;
	b->used = now + 1; /* 0 marks a never used bucket */
	if (b->milli >= 1000u) {
		b->milli -= 1000u;
		return 0;
	}
	return (1000u - b->milli + qps - 1) / qps;
}

int tcas_rate_wait(tcas_client *c, const char *action, tcas_result *res)
{
	uint32_t qps = action_qps(c, action), wait;
	uint64_t now = tcas_clock_mono(c);
	tcas_rate_bucket *b;

	if (qps == TCAS_RATE_OFF || qps == 0 || qps > 1000000u)
		return TCAS_OK;
	b = bucket_for(c, action, qps, now);
	while ((wait = bucket_take(b, qps, now)) > 0) {
		if (c->port->sleep_ms == NULL)
			return TCAS_E_NET_RATE;
		if (wait > tcas_deadline_left(c))
			return TCAS_E_NET_DEADLINE;
		tcas_log_event(c, "rate limit: waiting ms: ", wait, 0);
		c->port->sleep_ms(c->port->ctx, wait);
		res->waited_ms += wait;
		now = tcas_clock_mono(c);
	}
	return TCAS_OK;
}

#endif /* TCAS_WITH_RATE_LIMIT */
