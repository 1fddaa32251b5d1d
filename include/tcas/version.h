/* tcas/version.h - the release of tcas (also used in User-Agent). */
#ifndef TCAS_VERSION_H
#define TCAS_VERSION_H
#define TCAS_VERSION "0.1.0"
#endif
