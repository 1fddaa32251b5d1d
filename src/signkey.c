/* The day's TC3 signing key, kept in the client so that it is derived
 * once a day (four HMACs, more than half of signing a small body), not per
 * call. Contracts in tcas/client.h ("Secrets") and client_inner.h. */
#include "client_inner.h"

#include "tcas/sign.h"
#include "tcas/utctime.h"

#if TCAS_WITH_KEY_CACHE

const uint8_t *tcas_signkey_get(tcas_client *c, int64_t now)
{
	char date[11];

	if (c->secret_key == NULL || c->secret_key[0] == '\0' ||
	    c->service == NULL || now < TCAS_SIGN_TIME_MIN ||
	    tcas_utc_date(now, date) != TCAS_OK)
		return NULL;
	if (c->sign_key_secret != c->secret_key ||
	    c->sign_key_service != c->service ||
	    memcmp(c->sign_key_date, date, sizeof date) != 0) {
		tcas_sign_derive_key(c->secret_key, date, c->service,
		                     c->sign_key);
		memcpy(c->sign_key_date, date, sizeof date);
		c->sign_key_secret = c->secret_key;
		c->sign_key_service = c->service;
	}
	return c->sign_key;
}

void tcas_signkey_forget(tcas_client *c)
{
	tcas_wipe(c->sign_key, sizeof c->sign_key);
	c->sign_key_date[0] = '\0';
	c->sign_key_secret = NULL;
	c->sign_key_service = NULL;
}

#endif /* TCAS_WITH_KEY_CACHE */
