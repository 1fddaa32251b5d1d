/*
 * sigcalc.c - the emulator computes the expected signature with the
 * library's own signer (include/tcas/sign.h), over the body bytes received.
 */
#include <stdlib.h>
#include <string.h>

#include "tcas/sign.h"

#include "srv.h"

int emu_sig_compute(const emu_sig_in *in, char sig[65])
{
	tcas_sign_params p;
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
	rc = tcas_sign_buf(&p, in->body, in->body_len, sig);
	return rc == 0 ? 0 : -1;
}
