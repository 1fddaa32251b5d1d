/*
 * typed_inner.h - private header of the typed calls (tcas/as.h): the field
 * tables src/as_typed.c's encoder and decoder walk, and the macros the
 * generated tables (src/as_typed_gen.c, from src/gen/as_typed.tables and
 * the spec) are written with. Each row macro checks at compile time that
 * the C member has the type its kind reads or writes: a comparison of
 * distinct pointer types does not compile under -Werror.
 */
#ifndef TCAS_TYPED_INNER_H
#define TCAS_TYPED_INNER_H

#include "inner.h"

#include "tcas/as.h"

/* Field kinds: RQ_* encode a request member, RS_* decode a response one. */
enum {
	RQ_STR,     /* const char *, left out when NULL */
	RQ_U64,     /* uint64_t, always sent (a required number) */
	RQ_OPT,     /* tcas_as_opt: a number, left out when not set */
	RQ_OPTB,    /* tcas_as_opt: a boolean, left out when not set */
	RQ_STRS,    /* tcas_as_strs, left out when empty */
	RQ_FILTERS, /* tcas_as_filters, left out when empty */
	RQ_OBJ,     /* a nested struct (sub) */
	RS_STR,     /* const char *, into the caller's strings */
	RS_INT,     /* int64_t */
	RS_BOOL,    /* int */
	RS_STRS,    /* const char *[cap] and a size_t count */
	RS_OBJ,     /* a nested struct (sub) */
	RS_OBJS     /* an array of nested structs (sub) and a size_t count */
};

/* The C type of a member of each kind but the nested ones. */
#define TYPED_MT_RQ_STR     const char *
#define TYPED_MT_RQ_U64     uint64_t
#define TYPED_MT_RQ_OPT     tcas_as_opt
#define TYPED_MT_RQ_OPTB    tcas_as_opt
#define TYPED_MT_RQ_STRS    tcas_as_strs
#define TYPED_MT_RQ_FILTERS tcas_as_filters
#define TYPED_MT_RS_STR     const char *
#define TYPED_MT_RS_INT     int64_t
#define TYPED_MT_RS_BOOL    int

typedef struct tcas_typed_desc tcas_typed_desc;

/* One member of a table. */
typedef struct tcas_typed_field {
	const char *name;           /* the API's member name */
	int kind;                   /* RQ_*, RS_* */
	size_t off;                 /* offsetof the C member */
	size_t count_off;           /* RS_STRS, RS_OBJS: the size_t count */
	size_t cap;                 /* RS_STRS, RS_OBJS: elements */
	size_t size;                /* RS_OBJS: element size */
	const tcas_typed_desc *sub; /* RQ_OBJ, RS_OBJ, RS_OBJS */
} tcas_typed_field;

/* A table: n fields. */
struct tcas_typed_desc {
	const tcas_typed_field *f;
	size_t n;
};

/* offsetof(t, m), when m has type mt (else it does not compile). */
#define TYPED_AT(t, m, mt)                                                     \
	(offsetof(t, m) + 0 * sizeof(&((t *)0)->m == (mt *)0))

/* A scalar member of kind k. */
#define TYPED_F(name, k, t, m)                                                 \
	{                                                                      \
		name, k, TYPED_AT(t, m, TYPED_MT_##k), 0, 0, 0, NULL           \
	}
/* A nested struct of type st, described by table sub. */
#define TYPED_FO(name, k, t, m, sub, st)                                       \
	{                                                                      \
		name, k, TYPED_AT(t, m, st), 0, 0, 0, &sub                     \
	}
/* A response list of strings m[] counted in cnt. */
#define TYPED_FL(name, t, m, cnt)                                              \
	{                                                                      \
		name, RS_STRS, TYPED_AT(t, m[0], const char *),                \
		    TYPED_AT(t, cnt, size_t), TCAS_COUNTOF(((t *)0)->m), 0,    \
		    NULL                                                       \
	}
/* A response array m[] of structs of type st (table sub) counted in cnt. */
#define TYPED_FA(name, t, m, cnt, sub, st)                                     \
	{                                                                      \
		name, RS_OBJS, TYPED_AT(t, m[0], st),                          \
		    TYPED_AT(t, cnt, size_t), TCAS_COUNTOF(((t *)0)->m),       \
		    sizeof(((t *)0)->m[0]), &sub                               \
	}

/* The tables, tcas_typed_<name> for each line of src/gen/as_typed.tables. */
#include "as_typed_gen.h"

#endif /* TCAS_TYPED_INNER_H */
