/* test/emu/tlscfg.h - layout of emu_tls_creds (server.c and tlscfg.c). */
#ifndef TCAS_EMU_TLSCFG_H
#define TCAS_EMU_TLSCFG_H

#include <bearssl.h>

#include "srv.h"

struct emu_tls_creds {
	br_x509_certificate *chain; /* leaf first */
	size_t chain_len;
	br_ec_private_key key; /* x points into xbuf */
	unsigned char xbuf[BR_EC_KBUF_PRIV_MAX_SIZE];
};

#endif /* TCAS_EMU_TLSCFG_H */
