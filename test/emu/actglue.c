/*
 * actglue.c - the emulator's view of the generated action table
 * (include/tcas/actions.h).
 */
#include "tcas/actions.h"

#include "srv.h"

int emu_action_known(const char *name)
{
	return name != NULL && tcas_as_action_find(name) != NULL;
}

int emu_action_qps(const char *name)
{
	const tcas_action *a = tcas_as_action_find(name);

	return a != NULL ? (int)a->qps : 0;
}
