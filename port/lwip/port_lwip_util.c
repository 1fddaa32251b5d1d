/* Helpers shared by the lwIP port variants; see lwip_inner.h. */
#include "lwip/sys.h"

#include "lwip_inner.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int same_name(const char *a, const char *b)
{
	while (*a != '\0' &&
	       lower((unsigned char)*a) == lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

int tcas_lwip_lookup(const tcas_lwip_host *hosts, size_t count,
                     const char *name, ip_addr_t *out)
{
	size_t i;

	for (i = 0; hosts != NULL && i < count; i++) {
		if (hosts[i].name != NULL && same_name(hosts[i].name, name)) {
			ip_addr_copy(*out, hosts[i].addr);
			return 1;
		}
	}
	return ipaddr_aton(name, out) ? 1 : 0;
}

uint64_t tcas_lwip_now(tcas_lwip_clock *clk)
{
	uint32_t now = (uint32_t)sys_now();

	if (now < clk->last) {
		clk->high++;
	}
	clk->last = now;
	return ((uint64_t)clk->high << 32) | now;
}

uint32_t tcas_lwip_left(tcas_lwip_clock *clk, uint64_t deadline)
{
	uint64_t now = tcas_lwip_now(clk);

	if (now >= deadline) {
		return 0;
	}
	return deadline - now > UINT32_MAX ? UINT32_MAX
	                                   : (uint32_t)(deadline - now);
}

int64_t tcas_lwip_wall(const tcas_lwip_sys *sys)
{
	if (sys == NULL || sys->wall_time == NULL) {
		return 0;
	}
	return sys->wall_time(sys->arg);
}

int tcas_lwip_random(const tcas_lwip_sys *sys, uint8_t *buf, size_t len)
{
	if (sys == NULL || sys->random == NULL || buf == NULL ||
	    sys->random(sys->arg, buf, len) != 0) {
		return TCAS_E_NET_RANDOM;
	}
	return TCAS_OK;
}
