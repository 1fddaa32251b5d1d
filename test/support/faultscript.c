/* Scripted failures for the fault-injection tests; see faultscript.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>

#include "support/faultscript.h"

void fs_push(script *s, long ret, int err, int val)
{
	assert_true(s->n < (int)(sizeof s->f / sizeof s->f[0]));
	s->f[s->n].ret = ret;
	s->f[s->n].err = err;
	s->f[s->n].val = val;
	s->n++;
}

void fs_fail(script *s, int err)
{
	fs_push(s, -1, err, 0);
}

const fault *fs_next(script *s)
{
	const fault *f;

	s->calls++;
	if (s->at >= s->n) {
		return NULL;
	}
	f = &s->f[s->at++];
	return f->ret == FS_REAL ? NULL : f;
}

long fs_apply(const fault *f)
{
	if (f->ret < 0) {
		errno = f->err;
	}
	return f->ret;
}
