/* lwIP's randomness from the board's entropy source; see lwip_hooks.h. */
#include "lwip_hooks.h"

#include "board.h"

u32_t board_lwip_rand(void)
{
	uint8_t b[4];

	if (board_entropy(b, sizeof b) != 0) {
		board_fatal("entropy source failed (LWIP_RAND)");
	}
	return (u32_t)b[0] << 24 | (u32_t)b[1] << 16 | (u32_t)b[2] << 8 | b[3];
}

u32_t board_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                    const ip_addr_t *remote_ip, u16_t remote_port)
{
	(void)local_ip;
	(void)local_port;
	(void)remote_ip;
	(void)remote_port;
	return board_lwip_rand();
}
