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

/* Initialise a connection's server engine as br_ssl_server_init_full_ec()
 * does for this chain and key, without asking the CPU again which
 * symmetric code to use (tlscfg.c), and with tcas's P-256 code where it is
 * built. */
void emu_tls_server_init(br_ssl_server_context *sc, const emu_tls_creds *t);

#endif /* TCAS_EMU_TLSCFG_H */
