/* arch/cc.h for lwIP on Cortex-M4 with newlib (arm-none-eabi-gcc). */
#ifndef TCAS_BOARD_ARCH_CC_H
#define TCAS_BOARD_ARCH_CC_H

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_PLATFORM_DIAG(x)                                                  \
	do {                                                                   \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x)                                                \
	do {                                                                   \
		for (;;) {                                                     \
		}                                                              \
	} while (0)

#endif /* TCAS_BOARD_ARCH_CC_H */
