/*
 * board.h - what the cortex-m4-lwip firmware needs from the board it runs
 * on: the hooks a port to another part fills (boards/README.md, "Porting to
 * a new board").
 *
 * The image links one implementation of each. On QEMU's mps2-an386
 * (mps2_an386.c, lan9118.c) ARM semihosting stands in for the real-time
 * clock, the TRNG and the console; stm32f4.c shows the same hooks over an
 * STM32F4's RNG and RTC peripherals.
 *
 * Generic Cortex-M parts, in cortex_m.c: the vector table, the reset
 * handler (.data copy, .bss clear, stack painting), SysTick as the 1 kHz
 * time base (sys_now()) and the stack measurement.
 */
#ifndef TCAS_BOARD_H
#define TCAS_BOARD_H

#include <stddef.h>
#include <stdint.h>

struct netif;

/* ---- filled by every board ----------------------------------------------- */

/* Clocks, SysTick at 1 kHz (board_systick_start()), the NIC's interrupt
 * line. Called once by the reset handler before main(). */
void board_init(void);

/* Wall clock (the RTC), Unix seconds UTC; 0 when unset (tcas then signs
 * with TCAS_TIME_BUILD and learns the time from the service). */
int64_t board_rtc_seconds(void);

/* Fill buf with len bytes from the hardware entropy source (TRNG).
 * 0 on success, -1 when the source failed: never a weaker fallback. */
int board_entropy(uint8_t *buf, size_t len);

/* A free-running 32-bit counter (DWT CYCCNT on a real part) ticking at
 * board_cycles_hz. Used only for the speed figures and idle accounting. */
uint32_t board_cycles(void);
extern const uint32_t board_cycles_hz;

/* The console: len bytes of text. */
void board_write(const char *s, size_t len);

/* End the program with a status (QEMU: exit code; a real part: reset). */
void board_exit(int status) __attribute__((noreturn));

/* The image's command line (QEMU: semihosting), NUL-terminated in buf;
 * "" when there is none. */
void board_args(char *buf, size_t cap);

/* The Ethernet driver: netif_add()'s init function, and the poll that
 * moves received frames into lwIP (returns how many it moved). */
signed char board_netif_init(struct netif *nif);
int board_netif_poll(struct netif *nif);

/* ---- provided by cortex_m.c ---------------------------------------------- */

/* Start SysTick: one interrupt every core_hz / 1000 core cycles. */
void board_systick_start(uint32_t core_hz);

/* Sleep until the next interrupt (SysTick at the latest, a received
 * frame sooner); the time asleep is added to board_idle_cycles. */
void board_wait_irq(void);

/* Bytes of the stack used so far (the painted high-water mark), and the
 * stack's size (BOARD_STACK_SIZE). */
size_t board_stack_used(void);
size_t board_stack_size(void);

/* Cycles (board_cycles()) spent asleep in board_wait_irq() so far. */
extern volatile uint32_t board_idle_cycles;

/* Report msg on the console and end with status 3. */
void board_fatal(const char *msg) __attribute__((noreturn));

#endif /* TCAS_BOARD_H */
