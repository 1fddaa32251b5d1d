# test/lwip/lwip.mk - tcas-lwip-tap built with a board's limits (its
# BOARD_DEFS: buffer sizes, feature switches) for test/e2e/lwip.sh, so the
# TLS buffers sized for max_fragment_length are proven against tcas-emu.
#
#   make lwip-tap-board    build/<board>-host/tcas-lwip-tap (also by check)
LWIP_TAP_BOARD ?= cortex-m4-lwip-mfl
ifeq ($(BOARD),)
LWIP_TAP_B := $(BUILD)/$(LWIP_TAP_BOARD)-host/tcas-lwip-tap
.PHONY: lwip-tap-board
lwip-tap-board:
	@$(MAKE) --no-print-directory BOARD=$(LWIP_TAP_BOARD) \
	  LWIP_TAP_HOST=$(dir $(LWIP_TAP_B)) lwip-tap-host
ifneq ($(LWIP_HOST_TESTS),)
check: lwip-tap-board
endif
else
# The host compiler and flags, the board's -D limits (a changed BOARD_DEFS
# rebuilds: objects depend on the Makefile's stamp of the flags).
.PHONY: lwip-tap-host
lwip-tap-host:
	@$(MAKE) --no-print-directory -f Makefile BOARD= LWIP_HOST_TESTS= \
	  BUILD=$(LWIP_TAP_HOST:%/=%) CPPFLAGS="-Iinclude $(BOARD_DEFS)" \
	  $(LWIP_TAP_HOST)tcas-lwip-tap >/dev/null
endif
