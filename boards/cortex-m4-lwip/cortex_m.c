/*
 * cortex_m.c - what every Cortex-M3/M4 board of this firmware shares: the
 * reset handler, the SysTick time base, sleeping until an interrupt, fault
 * reports and the painted stack. The part's vector table (which names
 * these handlers) and its peripherals are in the part's file
 * (mps2_an386.c). Contract in board.h.
 */
#include "lwip/sys.h"

#include "board.h"

/* From the linker script (mps2-an386.ld). */
extern uint32_t __data_start[], __data_end[], __bss_start[], __bss_end[];
extern const uint32_t __data_load[];
extern uint32_t __stack_limit[], __stack_top[];

/* Words of the stack never written keep this value. */
#define STACK_PAINT 0xDEADBEEFu
/* Words left unpainted below the reset handler's own stack pointer. */
#define PAINT_GAP_WORDS 16u

/* System control registers of the ARMv7-M architecture. */
#define SYST_CSR                        (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR                        (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR                        (*(volatile uint32_t *)0xE000E018u)
#define SYST_CSR_ENABLE_TICKINT_CORECLK 7u
#define SCB_ICSR                        (*(volatile uint32_t *)0xE000ED04u)
#define ICSR_VECTACTIVE_MASK            0x1FFu

int main(void);
void Reset_Handler(void);
void SysTick_Handler(void);
void Fault_Handler(void);

static volatile uint32_t ticks_ms;
volatile uint32_t board_idle_cycles;

/* Fill the stack below the caller's frame with STACK_PAINT. */
static __attribute__((noinline)) void paint_stack(void)
{
	uint32_t *p = __stack_limit, *sp;

	__asm__ volatile("mov %0, sp" : "=r"(sp));
	while (p < sp - PAINT_GAP_WORDS) {
		*p++ = STACK_PAINT;
	}
}

void Reset_Handler(void)
{
	const uint32_t *s = __data_load;
	uint32_t *d = __data_start;

	while (d < __data_end) {
		*d++ = *s++;
	}
	for (d = __bss_start; d < __bss_end;) {
		*d++ = 0;
	}
	paint_stack();
	board_init();
	board_exit(main());
}

void SysTick_Handler(void)
{
	ticks_ms++;
}

/* lwIP's time base (and, through port/lwip, tcas's monotonic clock). */
u32_t sys_now(void)
{
	return ticks_ms;
}

void board_systick_start(uint32_t core_hz)
{
	SYST_RVR = core_hz / 1000u - 1u;
	SYST_CVR = 0;
	SYST_CSR = SYST_CSR_ENABLE_TICKINT_CORECLK;
}

/* With interrupts masked, WFI still wakes on a pending interrupt (ARMv7-M),
 * so an interrupt raised since the caller last looked is never slept
 * through; its handler runs at cpsie, after the idle time is taken. */
void board_wait_irq(void)
{
	uint32_t t0, t1;

	__asm__ volatile("cpsid i" ::: "memory");
	t0 = board_cycles();
	__asm__ volatile("wfi" ::: "memory");
	t1 = board_cycles();
	__asm__ volatile("cpsie i" ::: "memory");
	board_idle_cycles += t1 - t0;
}

size_t board_stack_used(void)
{
	const uint32_t *p = __stack_limit;

	while (p < __stack_top && *p == STACK_PAINT) {
		p++;
	}
	return (size_t)(__stack_top - p) * sizeof *p;
}

size_t board_stack_size(void)
{
	return (size_t)(__stack_top - __stack_limit) * sizeof(uint32_t);
}

void board_fatal(const char *msg)
{
	size_t n = 0;

	while (msg[n] != '\0') {
		n++;
	}
	board_write("fatal: ", 7);
	board_write(msg, n);
	board_write("\n", 1);
	board_exit(3);
}

/* Every fault and unexpected interrupt: name the exception, stop. */
void Fault_Handler(void)
{
	static char msg[] = "exception 000";
	unsigned v = SCB_ICSR & ICSR_VECTACTIVE_MASK;

	msg[10] = (char)('0' + v / 100u);
	msg[11] = (char)('0' + v / 10u % 10u);
	msg[12] = (char)('0' + v % 10u);
	board_fatal(msg);
}
