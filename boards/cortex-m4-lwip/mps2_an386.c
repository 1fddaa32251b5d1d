/*
 * mps2_an386.c - the part: QEMU's mps2-an386 (ARM MPS2 board, AN386 FPGA
 * image, Cortex-M4 at 25 MHz, SMSC LAN9118 Ethernet). Its vector table,
 * clocks, and the board.h hooks that a real part fills from its RTC, TRNG
 * and UART, here served by the host through ARM semihosting (QEMU's
 * -semihosting-config enable=on,target=native):
 *   - RTC: SYS_TIME, the host's clock;
 *   - TRNG: SYS_READ of the host's /dev/urandom;
 *   - console: SYS_WRITE to ":tt" (QEMU's standard output);
 *   - exit status: SYS_EXIT_EXTENDED; command line: SYS_GET_CMDLINE.
 * A semihosting call on a part without a debugger attached stops the CPU:
 * this file is for QEMU only (stm32f4.c shows the hooks of a real part).
 */
#include "board.h"

/* ---- clocks and interrupts ----------------------------------------------- */

#define CORE_HZ 25000000u /* SYSCLK of the MPS2 FPGA images */
const uint32_t board_cycles_hz = CORE_HZ;

/* CMSDK APB timer 0: a 32-bit down counter on the 25 MHz peripheral clock,
 * free-running from 0xFFFFFFFF: board_cycles(). */
#define TIMER0_CTRL   (*(volatile uint32_t *)0x40000000u)
#define TIMER0_VALUE  (*(volatile uint32_t *)0x40000004u)
#define TIMER0_RELOAD (*(volatile uint32_t *)0x40000008u)
#define TIMER_CTRL_EN 1u

/* NVIC set-enable register of IRQs 0-31. */
#define NVIC_ISER0  (*(volatile uint32_t *)0xE000E100u)
#define ETH_IRQ_NUM 13 /* LAN9118 on the AN385/AN386 images */

extern uint32_t __stack_top[]; /* mps2-an386.ld */
void Reset_Handler(void);
void SysTick_Handler(void);
void Fault_Handler(void);
void ETH_IRQHandler(void); /* lan9118.c */

typedef void (*vector_fn)(void);
#define SYSTEM_VECTORS 15 /* after the initial stack pointer */
#define IRQ_VECTORS    32 /* the AN386 image's NVIC lines */

/* The vector table at 0x0: initial stack pointer, then the handlers. */
static const struct {
	uint32_t *sp;
	vector_fn fn[SYSTEM_VECTORS + IRQ_VECTORS];
} vectors __attribute__((section(".isr_vector"), used)) = {
    __stack_top,
    {
        [0] = Reset_Handler,
        [1] = Fault_Handler,  /* NMI */
        [2] = Fault_Handler,  /* HardFault */
        [3] = Fault_Handler,  /* MemManage */
        [4] = Fault_Handler,  /* BusFault */
        [5] = Fault_Handler,  /* UsageFault */
        [10] = Fault_Handler, /* SVCall */
        [11] = Fault_Handler, /* DebugMonitor */
        [13] = Fault_Handler, /* PendSV */
        [14] = SysTick_Handler,
        [SYSTEM_VECTORS + ETH_IRQ_NUM] = ETH_IRQHandler,
    }};

void board_init(void)
{
	TIMER0_RELOAD = 0xFFFFFFFFu;
	TIMER0_VALUE = 0xFFFFFFFFu;
	TIMER0_CTRL = TIMER_CTRL_EN;
	board_systick_start(CORE_HZ);
	NVIC_ISER0 = 1u << ETH_IRQ_NUM;
}

uint32_t board_cycles(void)
{
	return ~TIMER0_VALUE;
}

/* ---- semihosting --------------------------------------------------------- */

enum {
	SYS_OPEN = 0x01,
	SYS_WRITE = 0x05,
	SYS_READ = 0x06,
	SYS_TIME = 0x11,
	SYS_GET_CMDLINE = 0x15,
	SYS_EXIT_EXTENDED = 0x20
};
#define OPEN_MODE_RB                 1 /* "rb" */
#define OPEN_MODE_W                  4 /* "w"; ":tt" in mode "w" is standard output */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static int semihost(int op, const void *arg)
{
	register int r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

/* SYS_OPEN of a host file; -1 on failure. */
static int sh_open(const char *name, size_t len, int mode)
{
	const uintptr_t args[3] = {(uintptr_t)name, (uintptr_t)mode, len};

	return semihost(SYS_OPEN, args);
}

int64_t board_rtc_seconds(void)
{
	/* seconds since 1970 as an unsigned 32-bit value: good to 2106 */
	return (int64_t)(uint32_t)semihost(SYS_TIME, NULL);
}

int board_entropy(uint8_t *buf, size_t len)
{
	static int fd = -1;
	uintptr_t args[3];

	if (fd < 0) {
		fd = sh_open("/dev/urandom", 12, OPEN_MODE_RB);
		if (fd < 0) {
			return -1;
		}
	}
	args[0] = (uintptr_t)fd;
	args[1] = (uintptr_t)buf;
	args[2] = len;
	/* SYS_READ answers the number of bytes NOT read */
	return semihost(SYS_READ, args) == 0 ? 0 : -1;
}

void board_write(const char *s, size_t len)
{
	static int fd = -1;
	uintptr_t args[3];

	if (fd < 0) {
		fd = sh_open(":tt", 3, OPEN_MODE_W);
	}
	args[0] = (uintptr_t)fd;
	args[1] = (uintptr_t)s;
	args[2] = len;
	(void)semihost(SYS_WRITE, args);
}

void board_exit(int status)
{
	const uintptr_t args[2] = {ADP_STOPPED_APPLICATION_EXIT,
	                           (uintptr_t)status};

	for (;;) {
		(void)semihost(SYS_EXIT_EXTENDED, args);
	}
}

void board_args(char *buf, size_t cap)
{
	uintptr_t args[2] = {(uintptr_t)buf, cap};

	if (cap == 0) {
		return;
	}
	if (semihost(SYS_GET_CMDLINE, args) != 0 || args[1] >= cap) {
		buf[0] = '\0';
		return;
	}
	buf[args[1]] = '\0';
}
