/*
 * tcas/params.h - check a JSON parameter object against an action's spec.
 *
 * tcas_params_validate() walks a parsed request body (tcas/json.h) and the
 * action's parameter table (tcas/actions.h) together, recursively, and
 * stops at the first mismatch. It is used by the CLI before sending and by
 * the emulator when receiving. Zero heap; the recursion depth is bounded by
 * the spec's nesting (objects three deep, the body included; the generator
 * rejects recursive structures), never by the input.
 *
 * Checks, per member: the name is a known member of that structure (exact
 * case), it appears once, its JSON type matches the parameter's tcas_type,
 * lists are arrays of the element type, objects are validated against their
 * structure; then every required member is present. Types:
 *   TCAS_T_STRING    a string
 *   TCAS_T_INT       an integer (no fraction, no exponent) in int64 range
 *   TCAS_T_UINT      an integer in 0 .. UINT64_MAX (no minus sign)
 *   TCAS_T_BOOL      true or false
 *   TCAS_T_FLOAT     any number
 *   TCAS_T_DATETIME  a string "YYYY-MM-DDThh:mm:ssZ" or, as the scheduled
 *                    action members of the spec require,
 *                    "YYYY-MM-DDThh:mm:ss+08:00" (any +/-hh:mm offset),
 *                    with real calendar values (leap years included)
 *   TCAS_T_OBJECT    an object
 * JSON null is never accepted: leave an optional member out instead.
 */
#ifndef TCAS_PARAMS_H
#define TCAS_PARAMS_H

#include "tcas/actions.h"
#include "tcas/json.h"

enum {
	TCAS_PARAM_UNKNOWN = 1, /* member not in the spec; detail: closest
	                         * valid name, or "" when none is close */
	TCAS_PARAM_MISSING,     /* required member absent; detail: "" */
	TCAS_PARAM_TYPE,        /* wrong JSON type; detail: what was expected,
	                         * e.g. "an integer", "an array of strings" */
	TCAS_PARAM_VALUE        /* right type, bad value; detail: why, e.g.
	                         * "out of int64 range", "duplicate member" */
};

typedef struct tcas_param_error {
	int kind;        /* TCAS_PARAM_*, 0 when there is no error */
	char field[96];  /* path, e.g. "RefreshSettings.RollingUpdateSettings.
	                  * BatchNumber" or "InstanceIds[2]"; "" for the body
	                  * itself. Longer paths end in "..." */
	char detail[96]; /* see the kinds above; NUL-terminated */
} tcas_param_error;

/*
 * Validate the object at token obj_tok of doc against action a.
 * err (may be NULL) is cleared first and filled on TCAS_E_PARAM.
 *
 * Returns TCAS_OK; TCAS_E_PARAM on the first mismatch (details in *err);
 * TCAS_E_ARG if a or doc is NULL or obj_tok is not a token of doc.
 */
int tcas_params_validate(const tcas_action *a, const tcas_json *doc,
                         int obj_tok, tcas_param_error *err);

/* English name of a type for messages: "a string", "an integer",
 * "a non-negative integer", "true or false", "a number",
 * "a date-time YYYY-MM-DDThh:mm:ssZ", "a JSON object". Never NULL. */
const char *tcas_type_text(int type);

#endif /* TCAS_PARAMS_H */
