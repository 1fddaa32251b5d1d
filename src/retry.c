/* The retry policy of tcas_client_call() (tcas/client.h, "Retries") as
 * pure functions, like coreHTTP's backoffAlgorithm: nothing here sleeps,
 * reads a clock or draws random numbers; the call loop (client.c)
 * supplies the random value and takes the sleep. Contracts in
 * client_inner.h. */
#include "client_inner.h"

/* Response.Error.Code values the policy knows; a code matches its row
 * exactly or followed by a ".Detail" suffix. Every other code is final. */
static const struct {
	const char *code;
	tcas_retry_class k;
} api_codes[] = {
    {"RequestLimitExceeded", TCAS_RETRY_ALWAYS},       /* throttled */
    {"InternalError", TCAS_RETRY_IDEMPOTENT},          /* server */
    {"ServiceUnavailable", TCAS_RETRY_IDEMPOTENT},     /* server */
    {"AuthFailure.SignatureExpire", TCAS_RETRY_CLOCK}, /* our clock */
};

static tcas_retry_class api_class(const char *code)
{
	size_t i, n;

	for (i = 0; i < TCAS_COUNTOF(api_codes); i++) {
		n = strlen(api_codes[i].code);
		if (strncmp(code, api_codes[i].code, n) == 0 &&
		    (code[n] == '\0' || code[n] == '.'))
			return api_codes[i].k;
	}
	return TCAS_RETRY_NEVER;
}

tcas_retry_class tcas_retry_classify(int err, const char *error_code,
                                     int http_status, int sent)
{
	switch (err) {
	case TCAS_E_API:
		return api_class(error_code);
	case TCAS_E_HTTP_STATUS:
		if (http_status == 429)
			return TCAS_RETRY_ALWAYS;
		return http_status >= 500 ? TCAS_RETRY_IDEMPOTENT
		                          : TCAS_RETRY_NEVER;
	case TCAS_E_NET_RESOLVE:
	case TCAS_E_NET_CONNECT:
	case TCAS_E_NET_CONNECT_TIMEOUT:
	case TCAS_E_TLS_TIMEOUT:
		return TCAS_RETRY_ALWAYS; /* nothing was sent */
	case TCAS_E_NET_IO:
	case TCAS_E_NET_CLOSED:
	case TCAS_E_NET_TIMEOUT:
	case TCAS_E_NET_READ_TIMEOUT:
	case TCAS_E_NET_WRITE_TIMEOUT:
	case TCAS_E_HTTP_TRUNCATED:
		return sent ? TCAS_RETRY_IDEMPOTENT : TCAS_RETRY_ALWAYS;
	default:
		return TCAS_RETRY_NEVER;
	}
}

int tcas_retry_again(tcas_retry_class k, int idem)
{
	return k == TCAS_RETRY_ALWAYS || (k == TCAS_RETRY_IDEMPOTENT && idem);
}

uint32_t tcas_retry_ceiling(uint32_t base_ms, uint32_t cap_ms, int n)
{
	uint32_t ceil = base_ms;

	while (--n > 0 && ceil < cap_ms) /* ceil = min(2 ceil, cap) */
		ceil = ceil > cap_ms - ceil ? cap_ms : 2 * ceil;
	return ceil > cap_ms ? cap_ms : ceil;
}

uint32_t tcas_retry_jitter(uint32_t ceiling_ms, uint32_t rnd)
{
	/* (a ceiling of UINT32_MAX takes every value as it is) */
	return ceiling_ms < UINT32_MAX ? rnd % (ceiling_ms + 1) : rnd;
}
