/*
 * tcas/actions.h - the Auto Scaling 2018-04-19 actions and their request
 * parameters, as constant tables.
 *
 * The tables are generated from the service's machine-readable spec
 * (api.json, as shipped with tccli) by src/gen/gen_actions.py into
 * src/as_actions.c; everything is const and lives in read-only memory
 * (about 12 KB on a 32-bit target). Only the request side is described:
 * the members of each <Action>Request structure and the structures they
 * reference, recursively. Members the spec marks "disabled" are left out.
 * Names, types and limits only: the English and Chinese help texts (what an
 * action does, its group, known values of a parameter) are the CLI's
 * (src/cli/as_docs_gen.c), so firmware does not carry them.
 *
 * Lifetime: static; nothing here is ever written at run time.
 */
#ifndef TCAS_ACTIONS_H
#define TCAS_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

/* JSON type of a parameter value (of each element, for lists). */
typedef enum {
	TCAS_T_STRING,   /* JSON string */
	TCAS_T_INT,      /* JSON integer in int64 range */
	TCAS_T_UINT,     /* JSON integer in 0 .. UINT64_MAX */
	TCAS_T_BOOL,     /* true / false */
	TCAS_T_FLOAT,    /* any JSON number */
	TCAS_T_DATETIME, /* JSON string "YYYY-MM-DDThh:mm:ssZ" (UTC) */
	TCAS_T_OBJECT    /* JSON object, members in tcas_as_structs[object] */
} tcas_type;

typedef struct tcas_param {
	const char *name; /* JSON member name exactly as in the API */
	uint8_t type;     /* tcas_type of the value or of each element */
	uint8_t is_list;  /* 1: a JSON array of `type` */
	uint8_t required; /* 1: the caller must send it */
	uint16_t object;  /* TCAS_T_OBJECT: index into tcas_as_structs */
} tcas_param;

typedef struct tcas_struct {
	const char *name;          /* spec name, e.g. "RefreshSettings" */
	const tcas_param *members; /* in spec order */
	uint16_t count;
} tcas_struct;

typedef struct tcas_action {
	const char *name;         /* e.g. "StartInstanceRefresh" */
	const tcas_param *params; /* in spec order; NULL when count is 0 */
	uint16_t count;
	uint8_t deprecated; /* 1: spec status "deprecated" */
	uint8_t qps;        /* request-rate limit per second */
} tcas_action;

/* All actions, sorted by name in strcmp() order. */
extern const tcas_action tcas_as_actions[];
extern const size_t tcas_as_action_count;

/* Request-side structures, sorted by name (tcas_param.object indexes it). */
extern const tcas_struct tcas_as_structs[];
extern const size_t tcas_as_struct_count;

/* The action named exactly `name` (case-sensitive; binary search), or NULL
 * when there is none or name is NULL. */
const tcas_action *tcas_as_action_find(const char *name);

/* The parameter of `a` named exactly `name`, or NULL (also for NULL
 * arguments). Linear; actions have at most a few dozen parameters. */
const tcas_param *tcas_action_param(const tcas_action *a, const char *name);

/* The member of `s` named exactly `name`, or NULL. */
const tcas_param *tcas_struct_member(const tcas_struct *s, const char *name);

/* Levenshtein distance between a and b, compared case-insensitively (a
 * wrong case costs nothing, so "maxsize" suggests "MaxSize"). If either is
 * longer than TCAS_EDIT_LEN_MAX (64) bytes - no spec name is - the answer is
 * 0 when they are equal (ignoring case), else the longer length (an upper
 * bound of the distance). Constant stack (65 size_t), no heap. NULL counts
 * as "". */
#define TCAS_EDIT_LEN_MAX 64
size_t tcas_edit_distance(const char *a, const char *b);

/* The action name closest to `name` by tcas_edit_distance(), if it is close
 * enough to be a plausible typo (distance <= max(2, len/3)); else NULL.
 * Returns NULL for an exact match too: there is nothing to suggest. */
const char *tcas_as_suggest_action(const char *name);

/* The name among m[0..count) closest to `name` by the same rule, else
 * NULL (also for NULL m or name). An exact match is returned as itself:
 * callers ask only about names they did not find. */
const char *tcas_param_suggest(const tcas_param *m, size_t count,
                               const char *name);

#endif /* TCAS_ACTIONS_H */
