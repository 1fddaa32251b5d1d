/* Scripted failures for the fault-injection tests (test/fault.mk): each
 * wrapped libc call takes the next entry of its script, or behaves
 * normally when the script is used up or the entry is FS_REAL. */
#ifndef TCAS_TEST_FAULTSCRIPT_H
#define TCAS_TEST_FAULTSCRIPT_H

#define FS_REAL (-1000) /* script entry: behave normally for this call */

typedef struct fault {
	long ret; /* value returned (FS_REAL: normal behaviour) */
	int err;  /* errno set when ret < 0 */
	int val;  /* a value for the wrapper: a byte to write, an SO_ERROR */
} fault;

typedef struct script {
	fault f[8];
	int n, at; /* entries, next entry */
	int calls; /* calls seen since the script was zeroed, scripted or not */
} script;

/* Append an entry (the test fails when the script is full). */
void fs_push(script *s, long ret, int err, int val);
/* Append a failure: -1 with errno err. */
void fs_fail(script *s, int err);
/* Count a call; its entry, or NULL: behave normally. */
const fault *fs_next(script *s);
/* Set errno for a failure (ret < 0) and return f->ret. */
long fs_apply(const fault *f);

#endif
