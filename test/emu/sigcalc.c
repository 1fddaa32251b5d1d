/*
 * sigcalc.c - the emulator computes the expected signature with the
 * library's own signer (include/tcas/sign.h), over the body bytes received.
 */
#include <stdlib.h>
#include <string.h>

#include "tcas/sign.h"
#include "tcas/utctime.h"

#include "srv.h"

/* The signing key of the last (secret, date): it changes only with the
 * UTC date, so the four HMACs of step 3 run once a day per credential
 * rather than per request, as a real endpoint would cache them. One
 * entry: the emulator serves one credential at a time in practice. */
static struct {
	int valid;
	char secret[256];
	char date[11];
	uint8_t key[32];
} kc;

static const uint8_t *signing_key(const char *secret, int64_t ts)
{
	char date[11];
	size_t n = strlen(secret);

	if (n >= sizeof kc.secret || tcas_utc_date(ts, date) != 0)
		return NULL;
	if (!kc.valid || strcmp(kc.secret, secret) != 0 ||
	    memcmp(kc.date, date, sizeof date) != 0) {
		memcpy(kc.secret, secret, n + 1);
		memcpy(kc.date, date, sizeof date);
		tcas_sign_derive_key(secret, date, "as", kc.key);
		kc.valid = 1;
	}
	return kc.key;
}

int emu_sig_compute(const emu_sig_in *in, char sig[65])
{
	tcas_sign_params p;
	tcas_sign_ctx sc;
	const uint8_t *key;
	char host[512];
	int rc;

	if (in->host_len >= sizeof host)
		return -1;
	memcpy(host, in->host, in->host_len);
	host[in->host_len] = '\0';
	memset(&p, 0, sizeof p);
	p.secret_id = in->secret_id;
	p.secret_key = in->secret_key;
	p.service = "as";
	p.host = host;
	p.content_type = in->content_type;
	p.action = in->action;
	p.timestamp = (int64_t)in->timestamp;
	tcas_sign_init(&sc);
	tcas_sign_update(&sc, in->body, in->body_len);
	key = in->secret_key != NULL && in->secret_key[0] != '\0'
	          ? signing_key(in->secret_key, p.timestamp)
	          : NULL;
	rc = key != NULL ? tcas_sign_final_key(&sc, &p, key, sig)
	                 : tcas_sign_final(&sc, &p, sig);
	return rc == 0 ? 0 : -1;
}
