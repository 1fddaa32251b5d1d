/*
 * inner.h - private header every src/ file includes first. It pulls in the
 * config and the public API; definitions in src/ point to the public headers
 * for their contracts.
 */
#ifndef TCAS_INNER_H
#define TCAS_INNER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tcas/config.h"
#include "tcas/error.h"
#include "tcas/port.h"

#define TCAS_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

#endif /* TCAS_INNER_H */
