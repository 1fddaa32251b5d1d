/*
 * stm32f4.c - the board.h hooks of a real part, an STM32F4 (F407/F429
 * class), as a port to it would fill them: the TRNG, the RTC, the DWT
 * cycle counter, a reset for board_exit(). Compiled by `make
 * BOARD=cortex-m4-lwip` so that it keeps building, linked into no image
 * (the QEMU machine has neither peripheral): a port to an STM32F4 links
 * it in place of mps2_an386.c, with its vector table, clock set-up
 * (board_init) and Ethernet driver (its MAC through the vendor's
 * ethernetif.c, or a driver like lan9118.c). Register addresses and bits
 * from the STM32F4 reference manual (RM0090).
 */
#include "tcas/utctime.h"

#include "board.h"

#define REG(a) (*(volatile uint32_t *)(a))

/* RNG: enabled once (its 48 MHz clock enabled in board_init through
 * RCC_AHB2ENR.RNGEN); every word is checked for seed and clock errors,
 * and a failure is reported, never papered over. */
#define RNG_CR        REG(0x50060800u)
#define RNG_SR        REG(0x50060804u)
#define RNG_DR        REG(0x50060808u)
#define RNG_CR_RNGEN  0x4u
#define RNG_SR_DRDY   0x1u
#define RNG_SR_ERRORS 0x66u /* CECS, SECS, CEIS, SEIS */
#define RNG_SPIN_MAX  100000u

int board_entropy(uint8_t *buf, size_t len)
{
	size_t i;

	RNG_CR |= RNG_CR_RNGEN;
	for (i = 0; i < len; i++) {
		uint32_t spin = RNG_SPIN_MAX;

		while ((RNG_SR & RNG_SR_DRDY) == 0u) {
			if ((RNG_SR & RNG_SR_ERRORS) != 0u || --spin == 0u) {
				return -1;
			}
		}
		buf[i] = (uint8_t)RNG_DR;
	}
	return 0;
}

/* RTC: calendar in BCD, read through its shadow registers (DR after TR);
 * 0 (unset) until something (the application, SNTP) has set it. */
#define RTC_TR        REG(0x40002800u)
#define RTC_DR        REG(0x40002804u)
#define RTC_ISR       REG(0x4000280Cu)
#define RTC_ISR_INITS 0x10u /* calendar initialised */

static void put2(char *p, uint32_t bcd)
{
	p[0] = (char)('0' + (bcd >> 4 & 0xFu));
	p[1] = (char)('0' + (bcd & 0xFu));
}

int64_t board_rtc_seconds(void)
{
	char iso[] = "20YY-MM-DDThh:mm:ssZ";
	uint32_t tr, dr;
	int64_t t;

	if ((RTC_ISR & RTC_ISR_INITS) == 0u) {
		return 0;
	}
	tr = RTC_TR; /* locks DR until it is read */
	dr = RTC_DR;
	put2(iso + 2, dr >> 16 & 0xFFu);  /* YT, YU */
	put2(iso + 5, dr >> 8 & 0x1Fu);   /* MT, MU */
	put2(iso + 8, dr & 0x3Fu);        /* DT, DU */
	put2(iso + 11, tr >> 16 & 0x3Fu); /* HT, HU (24-hour format) */
	put2(iso + 14, tr >> 8 & 0x7Fu);  /* MNT, MNU */
	put2(iso + 17, tr & 0x7Fu);       /* ST, SU */
	return tcas_utc_parse_iso8601(iso, sizeof iso - 1, &t) == 0 ? t : 0;
}

/* DWT cycle counter, at the core clock. */
#define DEMCR           REG(0xE000EDFCu)
#define DWT_CTRL        REG(0xE0001000u)
#define DWT_CYCCNT      REG(0xE0001004u)
#define DEMCR_TRCENA    (1u << 24)
#define DWT_CTRL_CYCENA 1u
#define CORE_HZ         168000000u
const uint32_t board_cycles_hz = CORE_HZ;

uint32_t board_cycles(void)
{
	if ((DWT_CTRL & DWT_CTRL_CYCENA) == 0u) {
		DEMCR |= DEMCR_TRCENA;
		DWT_CYCCNT = 0;
		DWT_CTRL |= DWT_CTRL_CYCENA;
	}
	return DWT_CYCCNT;
}

/* No host to report to: board_exit() resets the part. */
#define SCB_AIRCR              REG(0xE000ED0Cu)
#define AIRCR_VECTKEY_SYSRESET 0x05FA0004u

void board_exit(int status)
{
	(void)status;
	SCB_AIRCR = AIRCR_VECTKEY_SYSRESET;
	for (;;) {
	}
}

/* No command line on a real part: configuration comes from flash. */
void board_args(char *buf, size_t cap)
{
	if (cap > 0) {
		buf[0] = '\0';
	}
}
