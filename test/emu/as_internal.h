/*
 * as_internal.h - private declarations of the Auto Scaling state model of
 * tcas-emu (as_state.c, as_refresh.c, as_examples.c, as_req.c). Test code:
 * heap allowed. Nothing here is part of the emulator's public contract,
 * which is emu.h (emu_as_new / emu_as_free / emu_as_handle).
 */
#ifndef TCAS_EMU_AS_INTERNAL_H
#define TCAS_EMU_AS_INTERNAL_H

#include <stddef.h>

#include "emu.h"

/* ---- growing output buffer (as_state.c) ---------------------------------- */

typedef struct sb {
	char *p;
	size_t n, cap;
	int oom;
} sb;

void sb_putn(sb *b, const char *s, size_t n);
void sb_puts(sb *b, const char *s);
void sb_printf(sb *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sb_jstr(sb *b, const char *s); /* "s" with JSON escapes */
void sb_time(sb *b, double t); /* "YYYY-MM-DDThh:mm:ssZ", or null if t < 0 */
void sb_key(sb *b, int *first, const char *key); /* [,]"key": */

/* ---- request reader (as_req.c) ------------------------------------------- */

enum { RQ_NONE = 0, RQ_OBJ, RQ_ARR, RQ_STR, RQ_NUM, RQ_BOOL, RQ_NULL };

typedef struct as_req as_req;

/* Parse body (len 0 = "{}"); NULL when it is not a JSON object. */
as_req *rq_parse(const char *js, size_t len);
void rq_free(as_req *r);
/* Token of "A.B[2].C" below token from (0 = root); -1 when absent. */
int rq_find(const as_req *r, int from, const char *path);
int rq_type(const as_req *r, int tok);
int rq_count(const as_req *r, int tok);        /* array/object size */
int rq_index(const as_req *r, int tok, int i); /* array element, -1 */
/* Copies an unescaped string value; 0 ok, -1 not a string or too long. */
int rq_str(const as_req *r, int tok, char *buf, size_t cap);
int rq_i64(const as_req *r, int tok, long long *v); /* 0 ok, -1 */
int rq_bool(const as_req *r, int tok, int *v);      /* 0 ok, -1 */
/* Raw text of a token. */
const char *rq_raw(const as_req *r, int tok, size_t *n);

/* ---- model --------------------------------------------------------------- */

#define AS_ID_MAX     24
#define AS_NAME_MAX   64
#define AS_REGION_MAX 32

typedef struct as_inst {
	char id[AS_ID_MAX];
	char lc[AS_ID_MAX]; /* launch configuration it was created from */
	char zone[AS_REGION_MAX + 4];
	double add_time;
	int version;
} as_inst;

typedef struct as_group {
	char region[AS_REGION_MAX];
	char id[AS_ID_MAX];
	char name[AS_NAME_MAX];
	char lc[AS_ID_MAX];
	char vpc[AS_ID_MAX];
	long long min, max, desired, cooldown, project;
	int enabled;             /* as set by the user; a refresh hides it */
	int abnormal;            /* AutoScalingGroupStatus != NORMAL */
	int in_activity;         /* a scaling activity is running */
	char refresh[AS_ID_MAX]; /* open refresh activity, "" if none */
	double created;
	as_inst *inst;
	size_t ninst, capinst;
} as_group;

typedef struct as_lc {
	char region[AS_REGION_MAX];
	char id[AS_ID_MAX];
	char name[AS_NAME_MAX];
	char image[AS_ID_MAX];
	char itype[AS_NAME_MAX];
	double created;
} as_lc;

/* Status enums; their texts are in as_refresh.c. */
enum {
	A_INIT,
	A_RUNNING,
	A_SUCCESSFUL,
	A_FAILED_PAUSE,
	A_AUTO_PAUSE,
	A_MANUAL_PAUSE,
	A_CANCELLED,
	A_FAILED,
	A_NSTATUS
};
enum {
	B_WAITING,
	B_INIT,
	B_RUNNING,
	B_SUCCESSFUL,
	B_PARTIAL,
	B_FAILED,
	B_CANCELLED
};
enum {
	I_WAITING,
	I_INIT,
	I_RUNNING,
	I_SUCCESSFUL,
	I_FAILED,
	I_CANCELLED,
	I_NOT_FOUND
};

typedef struct as_rinst {
	char id[AS_ID_MAX];
	char act[AS_ID_MAX]; /* LastActivityId, "" until it ran */
	int status;
	int attempts;
} as_rinst;

typedef struct as_batch {
	int status;
	double start, end, due; /* due: when the running batch finishes */
	as_rinst *inst;
	size_t n;
} as_batch;

typedef struct as_refresh {
	char region[AS_REGION_MAX];
	char id[AS_ID_MAX];
	char group[AS_ID_MAX];
	char origin[AS_ID_MAX];
	int rollback; /* ActivityType ROLLBACK */
	int replace;  /* RefreshMode ROLLING_UPDATE_REPLACE */
	/* RefreshSettings, defaults filled in */
	long long batch_number, max_surge, health_timeout;
	int health_check;
	char batch_pause[32], fail_process[32];
	int status;
	int cur; /* 1-based CurrentRefreshBatchNum */
	double created, start, end;
	unsigned long seq; /* creation order, newest = highest */
	as_batch *b;
	int nb;
} as_refresh;

/* A scaling activity of ScaleOutInstances / ScaleInInstances: done at
 * once (SUCCESSFUL), described by DescribeAutoScalingActivities. */
typedef struct as_activity {
	char region[AS_REGION_MAX];
	char id[AS_ID_MAX], group[AS_ID_MAX];
	int out;                                /* 1: SCALE_OUT, 0: SCALE_IN */
	long long n;                            /* instances added or removed */
	char first[AS_ID_MAX], last[AS_ID_MAX]; /* their IDs' range */
	double t;
} as_activity;

struct emu_as {
	emu_as_opts o;
	char *fail; /* ",id,id," for lookups: each fails its first refresh */
	as_activity **act;
	size_t nact, capact;
	as_group **g;
	size_t ng, capg;
	as_lc **lc;
	size_t nlc, caplc;
	as_refresh **r;
	size_t nr, capr;
	char **regions; /* regions already seeded */
	size_t nregions;
	unsigned long seq;
	unsigned long long rng;
	double now; /* time of the call being handled */
};

/* Result of one handler: either a success body (members of Response
 * without RequestId, written to out) or an error code + message. */
typedef struct as_call {
	emu_as *s;
	const char *region;
	const as_req *rq;
	sb *out; /* members, each preceded by a comma-free start; see sb_key */
	int first; /* for sb_key on out */
	char code[96];
	char msg[320];
} as_call;

int as_fail(as_call *c, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Checks the body against the spec of action (as_req.c); 0 ok, else
 * as_fail() was called. */
int rq_validate(as_call *c, const char *action);

/* as_state.c */
void as_new_id(emu_as *s, const char *prefix, char out[AS_ID_MAX]);
int as_id_ok(const char *id, const char *prefix);
as_group *as_group_find(emu_as *s, const char *region, const char *id);
as_lc *as_lc_find(emu_as *s, const char *region, const char *id);
int as_fail_once(emu_as *s, const char *inst);
int as_get_str(as_call *c, const char *field, int required, char *buf,
               size_t cap, int *present);
int as_get_int(as_call *c, const char *field, long long *v, int *present);
int as_paging(as_call *c, long long *off, long long *lim);
/* One Describe page: off/lim from as_paging(), matching items counted in
 * total; first until an item has been written. */
typedef struct as_page {
	long long off, lim, total;
	int first;
} as_page;
/* Count one matching item; 1 when it falls on the page (the "," before
 * every item but the first is written then: the caller writes the item). */
int as_page_take(as_call *c, as_page *pg);
int as_filters_check(as_call *c, const char *ids_field,
                     const char *const *names);
int as_filter_match(as_call *c, const char *name, const char *value, int *has);
void as_region_seed(emu_as *s, const char *region);
int as_is_simulated(const char *action); /* 1: modelled, not an example */

/* as_refresh.c */
as_refresh *as_refresh_find(emu_as *s, const char *region, const char *id);
void as_refresh_advance_all(emu_as *s);
as_refresh *as_refresh_create(emu_as *s, const char *region, as_group *g,
                              const char *const *inst, size_t n,
                              long long batches);
int as_do_start(as_call *c);
int as_do_describe_refresh(as_call *c);
int as_do_stop(as_call *c);
int as_do_resume(as_call *c);
int as_do_cancel(as_call *c);
int as_do_rollback(as_call *c);

/* as_examples.c, as_examples_gen.c */
typedef struct as_example {
	const char *action;
	const char *pre;   /* output up to the RequestId value */
	const char *post;  /* output after it */
	const char *input; /* the example's request body, compact */
} as_example;
extern const as_example as_examples[];
extern const size_t as_examples_count;
const as_example *as_example_find(const char *action);

#endif /* TCAS_EMU_AS_INTERNAL_H */
