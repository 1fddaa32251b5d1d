/* JSON reader over jsmn; contract in tcas/json.h. (stub, being implemented) */
#include "inner.h"
#include "tcas/json.h"

int tcas_json_parse(tcas_json *doc, const char *js, size_t len,
                    jsmntok_t *toks, unsigned maxtoks)
{
	(void)js; (void)len; (void)toks; (void)maxtoks;
	if (doc != NULL)
		doc->ntok = 0;
	return TCAS_E_INTERNAL;
}
tcas_json_type tcas_json_type_of(const tcas_json *doc, int tok)
{ (void)doc; (void)tok; return TCAS_JSON_INVALID; }
int tcas_json_find(const tcas_json *doc, int from, const char *path, int *out)
{ (void)doc; (void)from; (void)path; (void)out; return TCAS_E_INTERNAL; }
int tcas_json_member(const tcas_json *doc, int obj, const char *name, int *out)
{ (void)doc; (void)obj; (void)name; (void)out; return TCAS_E_INTERNAL; }
int tcas_json_index(const tcas_json *doc, int arr, unsigned idx, int *out)
{ (void)doc; (void)arr; (void)idx; (void)out; return TCAS_E_INTERNAL; }
int tcas_json_count(const tcas_json *doc, int tok)
{ (void)doc; (void)tok; return TCAS_E_INTERNAL; }
int tcas_json_first(const tcas_json *doc, int tok)
{ (void)doc; (void)tok; return -1; }
int tcas_json_next(const tcas_json *doc, int tok)
{ (void)doc; (void)tok; return -1; }
int tcas_json_get_string(const tcas_json *doc, int tok, char *out, size_t cap,
                         size_t *len)
{ (void)doc; (void)tok; (void)out; (void)cap; (void)len; return TCAS_E_INTERNAL; }
int tcas_json_get_int64(const tcas_json *doc, int tok, int64_t *v)
{ (void)doc; (void)tok; (void)v; return TCAS_E_INTERNAL; }
int tcas_json_get_uint64(const tcas_json *doc, int tok, uint64_t *v)
{ (void)doc; (void)tok; (void)v; return TCAS_E_INTERNAL; }
int tcas_json_get_bool(const tcas_json *doc, int tok, int *v)
{ (void)doc; (void)tok; (void)v; return TCAS_E_INTERNAL; }
int tcas_json_is_null(const tcas_json *doc, int tok)
{ (void)doc; (void)tok; return 0; }
int tcas_json_str_eq(const tcas_json *doc, int tok, const char *s)
{ (void)doc; (void)tok; (void)s; return 0; }
const char *tcas_json_raw(const tcas_json *doc, int tok, size_t *len)
{ (void)doc; (void)tok; if (len) *len = 0; return NULL; }
int tcas_json_pretty(const tcas_json *doc, int tok, unsigned indent,
                     tcas_json_sink sink, void *sink_ctx)
{ (void)doc; (void)tok; (void)indent; (void)sink; (void)sink_ctx; return TCAS_E_INTERNAL; }
