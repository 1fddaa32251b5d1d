/*
 * lan9118.c - lwIP netif driver for the SMSC LAN9118 (and the register-
 * compatible LAN9220 of the MPS2 boards) at 0x40200000, polled: received
 * frames go from the chip's RX FIFO into lwIP's pbuf pool in
 * board_netif_poll(), in the main loop. The interrupt line only wakes the
 * CPU from board_wait_irq(): the handler masks the chip's interrupt and
 * the poll unmasks it once the FIFO is empty.
 *
 * No frame buffer of its own: the chip's 16 KB of FIFOs hold frames until
 * they are read, straight into pool pbufs (RX) or from the pbuf chain lwIP
 * hands over (TX, one FIFO segment per pbuf). lwipopts.h sets
 * ETH_PAD_SIZE 2 and the RX data offset is 2 as well, so IP headers land
 * word-aligned.
 *
 * Written against the LAN9118 data sheet's register map as QEMU models it
 * (hw/net/lan9118.c): the PHY comes up linked, so no MII set-up is done;
 * a real board adds auto-negotiation through MAC_MII_ACC.
 */
#include "lwip/etharp.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

#include "board.h"

#define LAN9118_BASE 0x40200000u
#define REG(off)     (*(volatile uint32_t *)(LAN9118_BASE + (off)))

#define RX_DATA_FIFO   REG(0x00)
#define TX_DATA_FIFO   REG(0x20)
#define RX_STATUS_FIFO REG(0x40)
#define TX_STATUS_FIFO REG(0x48)
#define IRQ_CFG        REG(0x54)
#define INT_STS        REG(0x58)
#define INT_EN         REG(0x5C)
#define BYTE_TEST      REG(0x64)
#define RX_CFG         REG(0x6C)
#define TX_CFG         REG(0x70)
#define HW_CFG         REG(0x74)
#define RX_FIFO_INF    REG(0x7C)
#define TX_FIFO_INF    REG(0x80)
#define PMT_CTRL       REG(0x84)
#define MAC_CSR_CMD    REG(0xA4)
#define MAC_CSR_DATA   REG(0xA8)

#define BYTE_TEST_VALUE 0x87654321u
#define HW_CFG_SRST     0x00000001u
#define PMT_CTRL_READY  0x00000001u
/* IRQ pin active high, push-pull (the reset default, active low, reads
 * as asserted to an NVIC line that is active high); and enabled. */
#define IRQ_CFG_HIGH_PUSHPULL    0x00000011u
#define IRQ_CFG_EN_HIGH_PUSHPULL 0x00000111u
#define INT_RSFL                 0x00000008u /* RX status FIFO level reached */
#define INT_ALL                  0xFFFFFFFFu
#define RX_CFG_OFFSET_2          (2u << 8) /* RXDOFF: 2 bytes before each frame */
#define TX_CFG_TX_ON             0x00000002u
#define RX_FIFO_INF_STATUS(v)    (((v) >> 16) & 0xFFu)
#define TX_FIFO_INF_STATUS(v)    (((v) >> 16) & 0xFFu)
#define TX_FIFO_INF_FREE(v)      ((v)&0xFFFFu)
#define RX_STS_LEN(v)            (((v) >> 16) & 0x3FFFu) /* frame + 4 CRC bytes */
#define RX_STS_ERROR             0x00008000u
#define TX_CMD_A_FIRST           0x00002000u
#define TX_CMD_A_LAST            0x00001000u
#define TX_CMD_A_OFFSET(o)       ((uint32_t)(o) << 16)

/* MAC registers, reached through MAC_CSR_CMD / MAC_CSR_DATA. */
#define MAC_CSR_BUSY 0x80000000u
#define MAC_CSR_READ 0x40000000u
#define MAC_CR       1u
#define MAC_ADDRH    2u
#define MAC_ADDRL    3u
#define MAC_CR_TXEN  0x00000008u
#define MAC_CR_RXEN  0x00000004u

/* Polls of a busy bit before the chip counts as dead. */
#define SPIN_MAX      100000u
#define CRC_BYTES     4u
#define ETH_FRAME_MAX (1514u + CRC_BYTES)

static int spin_while(volatile uint32_t *reg, uint32_t mask, uint32_t value)
{
	uint32_t n;

	for (n = 0; n < SPIN_MAX; n++) {
		if ((*reg & mask) != value) {
			return 0;
		}
	}
	return -1;
}

static int mac_cmd(uint32_t cmd)
{
	if (spin_while(&MAC_CSR_CMD, MAC_CSR_BUSY, MAC_CSR_BUSY)) {
		return -1;
	}
	MAC_CSR_CMD = MAC_CSR_BUSY | cmd;
	return spin_while(&MAC_CSR_CMD, MAC_CSR_BUSY, MAC_CSR_BUSY);
}

static uint32_t mac_read(uint32_t reg)
{
	return mac_cmd(MAC_CSR_READ | reg) == 0 ? MAC_CSR_DATA : 0;
}

static int mac_write(uint32_t reg, uint32_t val)
{
	MAC_CSR_DATA = val;
	return mac_cmd(reg);
}

/* Send one frame: a FIFO segment per pbuf, each starting at its payload's
 * word (the offset field skips the bytes before it). */
static err_t lan9118_output(struct netif *nif, struct pbuf *p)
{
	struct pbuf *q, *last = NULL;
	uint32_t need = 0, first = TX_CMD_A_FIRST;

	(void)nif;
	pbuf_remove_header(p, ETH_PAD_SIZE);
	for (q = p; q != NULL; q = q->next) {
		if (q->len > 0) {
			last = q;
			need += 8u + q->len + 3u; /* commands, data, offset */
		}
	}
	while (TX_FIFO_INF_STATUS(TX_FIFO_INF) > 0) {
		(void)TX_STATUS_FIFO; /* drop the status of sent frames */
	}
	if (last == NULL || TX_FIFO_INF_FREE(TX_FIFO_INF) < need) {
		pbuf_add_header(p, ETH_PAD_SIZE);
		return ERR_MEM;
	}
	for (q = p; q != NULL; q = q->next) {
		uintptr_t a = (uintptr_t)q->payload;
		const uint32_t *w = (const uint32_t *)(a & ~(uintptr_t)3);
		uint32_t off = (uint32_t)(a & 3u), n;

		if (q->len == 0) {
			continue;
		}
		TX_DATA_FIFO = TX_CMD_A_OFFSET(off) | q->len | first |
		               (q == last ? TX_CMD_A_LAST : 0u);
		first = 0;
		TX_DATA_FIFO = p->tot_len; /* command B: tag 0, frame length */
		for (n = (off + q->len + 3u) / 4u; n > 0; n--) {
			TX_DATA_FIFO = *w++;
		}
		if (q == last) {
			break;
		}
	}
	pbuf_add_header(p, ETH_PAD_SIZE);
	return ERR_OK;
}

/* Read one frame of len bytes (CRC included) behind the 2-byte offset into
 * a pool pbuf (NULL when the pool is empty: the frame is dropped). */
static struct pbuf *read_frame(uint32_t len)
{
	uint32_t words = (RX_CFG_OFFSET_2 >> 8) + len + 3u;
	struct pbuf *p = NULL, *q;

	words /= 4u;
	if (len > CRC_BYTES && len <= ETH_FRAME_MAX) {
		p = pbuf_alloc(PBUF_RAW,
		               (u16_t)(len - CRC_BYTES + ETH_PAD_SIZE),
		               PBUF_POOL);
	}
	/* pool buffers are word-sized and aligned: every pbuf but the last
	 * holds whole words, and the last has room up to its next word */
	for (q = p; q != NULL; q = q->next) {
		uint32_t *w = q->payload, n = (q->len + 3u) / 4u;

		for (; n > 0 && words > 0; n--, words--) {
			*w++ = RX_DATA_FIFO;
		}
	}
	for (; words > 0; words--) {
		(void)RX_DATA_FIFO; /* CRC, or the whole dropped frame */
	}
	return p;
}

int board_netif_poll(struct netif *nif)
{
	int moved = 0;

	INT_STS = INT_RSFL; /* before reading: a later frame sets it again */
	while (RX_FIFO_INF_STATUS(RX_FIFO_INF) > 0) {
		uint32_t sts = RX_STATUS_FIFO;
		struct pbuf *p = read_frame(RX_STS_LEN(sts));

		if (p != NULL && (sts & RX_STS_ERROR) == 0 &&
		    nif->input(p, nif) == ERR_OK) {
			moved++;
		} else if (p != NULL) {
			pbuf_free(p);
		}
	}
	INT_EN = INT_RSFL;
	return moved;
}

void ETH_IRQHandler(void)
{
	INT_EN = 0; /* the poll in the main loop reads the frames */
}

err_t board_netif_init(struct netif *nif)
{
	uint32_t lo, hi;

	if (BYTE_TEST != BYTE_TEST_VALUE) {
		return ERR_IF;
	}
	IRQ_CFG = IRQ_CFG_HIGH_PUSHPULL; /* kept by the soft reset */
	HW_CFG = HW_CFG_SRST;
	if (spin_while(&HW_CFG, HW_CFG_SRST, HW_CFG_SRST) ||
	    spin_while(&PMT_CTRL, PMT_CTRL_READY, 0)) {
		return ERR_IF;
	}
	lo = mac_read(MAC_ADDRL); /* loaded from the EEPROM at reset */
	hi = mac_read(MAC_ADDRH);
	nif->hwaddr[0] = (u8_t)lo;
	nif->hwaddr[1] = (u8_t)(lo >> 8);
	nif->hwaddr[2] = (u8_t)(lo >> 16);
	nif->hwaddr[3] = (u8_t)(lo >> 24);
	nif->hwaddr[4] = (u8_t)hi;
	nif->hwaddr[5] = (u8_t)(hi >> 8);
	nif->hwaddr_len = ETH_HWADDR_LEN;
	RX_CFG = RX_CFG_OFFSET_2;
	TX_CFG = TX_CFG_TX_ON;
	if (mac_write(MAC_CR, MAC_CR_TXEN | MAC_CR_RXEN)) {
		return ERR_IF;
	}
	INT_STS = INT_ALL;
	INT_EN = INT_RSFL;
	IRQ_CFG = IRQ_CFG_EN_HIGH_PUSHPULL;
	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->output = etharp_output;
	nif->linkoutput = lan9118_output;
	nif->mtu = 1500;
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
	             NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
	return ERR_OK;
}
