# Shared part of the cross-built Linux boards (OpenWrt-class gateways):
# Debian's cross gcc (glibc), the POSIX port, BearSSL and cmocka built from
# their Debian sources, tests run under qemu-user. A board sets
# BOARD_TRIPLET (the gcc prefix), BOARD_DEBARCH (Debian's name of the
# architecture) and BOARD_QEMU, then includes this file.

BOARD_PKGS := gcc-$(BOARD_TRIPLET) libc6-dev-$(BOARD_DEBARCH)-cross qemu-user \
  libjsmn-dev
BOARD_CC   := $(BOARD_TRIPLET)-gcc
BOARD_ARCH ?=
BOARD_OPT  := -O2
BOARD_PORT := posix
BOARD_BR_CFLAGS := -O2
# _FILE_OFFSET_BITS=64: 32-bit targets under qemu-user on a 64-bit host
# see 64-bit directory offsets (readdir() fails with EOVERFLOW without it).
BOARD_CPPFLAGS := -D_FILE_OFFSET_BITS=64 -isystem $(BEARSSL_DIR)/inc \
  -isystem $(BB)/inc -isystem $(CMOCKA_DIR)/include
BOARD_LDFLAGS := -L$(BB)/cmocka
BOARD_CORE_BUDGET ?= 0
# program/case pairs that fail only because of qemu-user (run-qemu.sh).
BOARD_XFAIL ?=
# Run a board binary: qemu-user with the cross glibc as the loader prefix.
BOARD_RUN := QEMU_LD_PREFIX=/usr/$(BOARD_TRIPLET) $(BOARD_QEMU)

$(BB)/inc/jsmn.h: /usr/include/jsmn.h
	@mkdir -p $(@D) && cp $< $@

board-deps: $(BB)/inc/jsmn.h $(BEARSSL_DIR)/inc/bearssl.h $(CMOCKA_DIR)/src/cmocka.c
	@sh test/deps.sh $(BOARD_PKGS)
	@$(MAKE) --no-print-directory $(BB_BEARSSL) $(BB)/cmocka/libcmocka.a

board: board-deps
	@$(BOARD_MAKE) LDFLAGS="$(BOARD_LDFLAGS) -Wl,-Map=$(BB)/tcas.map" lib cli
	@$(BOARD_MAKE) tests

# Unit and replay tests (every build/<board>/test/test_*) under qemu-user.
check-board: board
	@sh boards/run-qemu.sh $(BB) "$(BOARD_RUN)" $(BOARD_XFAIL)

# Footprint of the CLI and the measured stack of one signed HTTPS call
# (painted, under qemu-user, against the host's tcas-emu).
size: board
	@$(BOARD_MAKE) $(BB)/tcas-stack
	@$(MAKE) --no-print-directory BOARD= emu
	@{ sh boards/size.sh $(BOARD) $(BB)/tcas $(BB)/tcas.map; \
	  sh boards/stack.sh $(BB) "$(BOARD_RUN)"; } | tee $(BB)/size.txt

.PHONY: board-deps check-board
