/* creds_inner.h - private to creds.c (reading the credential and settings
 * chain) and creds_write.c (writing tccli's files). */
#ifndef TCAS_CREDS_INNER_H
#define TCAS_CREDS_INNER_H

#include "tcas/json.h"

/* The last key of object obj (-1: none) named name, or -1: the member that
 * counts when a file repeats a name (Python's json module keeps the last,
 * and tccli with it). */
int tcas_cfg_member_last(const tcas_json *d, int obj, const char *name);

#endif /* TCAS_CREDS_INNER_H */
