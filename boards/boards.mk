# boards/boards.mk - board builds, included by the main Makefile.
#
#   make BOARD=<name>          build the board (library, CLI or firmware)
#   make BOARD=<name> size     its footprint table
#   make BOARD=<name> check-size   fail when the core exceeds the budget
#   make size                  tables of $(BOARDS_SIZE)
#   make check-size            check-size of $(BOARDS_BUDGET)
#   make check-boards          cross boards: unit + replay tests, qemu-user
#
# A board is boards/<name>.mk: compiler, flags, port and config defines
# (like BearSSL's conf/*.mk). Builds go to build/<name>/. Third-party code
# comes from Debian source packages (apt-get source, unpacked once into
# build/deb-src/) unless BEARSSL_DIR / LWIP_DIR / CMOCKA_DIR point at trees.

BOARDS_CROSS ?= linux-aarch64 linux-armhf linux-mipsel linux-mips
# make size: tables (and measured stacks) of these; make check-size: the
# boards with a core budget.
BOARDS_SIZE  ?= cortex-m4-lwip cortex-m4-lwip-mfl linux-x86_64-static \
                linux-x86_64-gateway linux-armhf
BOARDS_BUDGET ?= cortex-m4-lwip cortex-m4-lwip-mfl linux-x86_64-static \
                 linux-x86_64-gateway
DEB_SRC      ?= build/deb-src
BEARSSL_DIR  ?= $(DEB_SRC)/bearssl
LWIP_DIR     ?= $(DEB_SRC)/lwip
CMOCKA_DIR   ?= $(DEB_SRC)/cmocka

.PHONY: board size check-size check-boards board-libs check-qemu \
        check-size-and-qemu

$(DEB_SRC)/bearssl/inc/bearssl.h:
	@sh boards/fetch-src.sh bearssl $(DEB_SRC)/bearssl
$(DEB_SRC)/lwip/src/core/init.c:
	@sh boards/fetch-src.sh lwip $(DEB_SRC)/lwip
$(DEB_SRC)/cmocka/src/cmocka.c:
	@sh boards/fetch-src.sh cmocka $(DEB_SRC)/cmocka

ifneq ($(BOARD),)
BB := build/$(BOARD)
BB_BEARSSL := $(BB)/bearssl/libbearssl.a
include boards/$(BOARD).mk
.DEFAULT_GOAL := board

# BearSSL from source for the board, with the restricted client profile
# (boards/bearssl/ssl_client_tcas.c replaces src/ssl/ssl_client_full.c).
# $(BB)/cflags.stamp and ldflags.stamp change with the board's compile and
# link flags (rewritten only then): a new compile flag rebuilds the
# archives (build-ar.sh then redoes every object), a new link flag relinks.
BB_CFLAGS = $(BOARD_CC) $(BOARD_ARCH) $(BOARD_BR_CFLAGS) $(BOARD_OPT) $(BOARD_CPPFLAGS)
$(BB)/cflags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(BB_CFLAGS)' | cmp -s - $@ || echo '$(BB_CFLAGS)' >$@
$(BB)/ldflags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(BOARD_LDFLAGS)' | cmp -s - $@ || echo '$(BOARD_LDFLAGS)' >$@
$(BB_BEARSSL): $(BEARSSL_DIR)/inc/bearssl.h boards/bearssl/ssl_client_tcas.c \
               $(BB)/cflags.stamp
	@echo "  BEARSSL $(BOARD) (from $(BEARSSL_DIR))"
	@sh test/deps.sh $(BOARD_PKGS)
	@sh boards/build-ar.sh $@ $(BB)/bearssl/obj \
	  "$(BOARD_CC) $(BOARD_ARCH) $(BOARD_BR_CFLAGS) -I$(BEARSSL_DIR)/src -I$(BEARSSL_DIR)/inc" \
	  $$(find $(BEARSSL_DIR)/src -name '*.c' ! -name ssl_client_full.c | sort) \
	  boards/bearssl/ssl_client_tcas.c

# The main Makefile, run for the board: libtcas.a (and CLI, tests) under
# $(BB) with the board's compiler, flags and port.
BOARD_MAKE = $(MAKE) --no-print-directory -f Makefile BOARD= BUILD=$(BB) LWIP_HOST_TESTS= \
  CC="$(BOARD_CC)" PORT=$(BOARD_PORT) OPT="$(BOARD_ARCH) $(BOARD_OPT) -MMD -MP" \
  CPPFLAGS="-Iinclude $(BOARD_CPPFLAGS) $(if $(TIME_BUILD),-DTCAS_TIME_BUILD=$(TIME_BUILD))" \
  LDFLAGS="$(BOARD_LDFLAGS)" \
  LTO_SRC="$(BOARD_LTO_SRC)" LTO_FLAGS="$(BOARD_LTO_FLAGS)" \
  BEARSSL_LIB="$(BB_BEARSSL)" TCAS_CLI_HELP=$(TCAS_CLI_HELP) \
  $(foreach p,$(CLI_PARTS),TCAS_CLI_$(p)=$(TCAS_CLI_$(p)))

check-size: size
	@sh boards/size.sh --check $(BB)/size.txt core_flash=$(BOARD_CORE_BUDGET) \
	  $(BOARD_BUDGETS)
	@sh test/check_heap.sh $(BB)/libtcas.a
else
size:
	@for b in $(BOARDS_SIZE); do $(MAKE) --no-print-directory BOARD=$$b size || exit 1; done
# make check also guards the budgets, then boots the firmware in QEMU (in
# that order: one build of a board at a time). Sanitizer and coverage runs
# of check set CHECK_SIZE= : the boards are not theirs to measure.
CHECK_SIZE ?= check-size-and-qemu
check: $(CHECK_SIZE)
check-size:
	@for b in $(BOARDS_BUDGET); do $(MAKE) --no-print-directory BOARD=$$b check-size || exit 1; done
check-size-and-qemu: check-size
	@$(MAKE) --no-print-directory check-qemu
# The Cortex-M4 firmware on QEMU's mps2-an386 against tcas-emu
# (test/boards/qemu.sh).
BOARDS_QEMU ?= cortex-m4-lwip-mfl cortex-m4-lwip
check-qemu:
	@for b in $(BOARDS_QEMU); do $(MAKE) --no-print-directory BOARD=$$b check-qemu || exit 1; done
check-boards:
	@for b in $(BOARDS_CROSS); do $(MAKE) --no-print-directory BOARD=$$b check-board || exit 1; done
endif

# cmocka from its Debian source, for boards whose tests run under qemu-user
# (config.h replaced by the few HAVE_ macros a glibc/musl Linux target has).
ifneq ($(BOARD),)
$(BB)/cmocka/libcmocka.a: $(CMOCKA_DIR)/src/cmocka.c
	@echo "  CMOCKA $(BOARD) (from $(CMOCKA_DIR))"
	@sh boards/build-ar.sh $@ $(BB)/cmocka/obj \
	  "$(BOARD_CC) $(BOARD_ARCH) -O2 -w -D_GNU_SOURCE -I$(CMOCKA_DIR)/include \
	   -DHAVE_SIGNAL_H=1 -DHAVE_INTTYPES_H=1 -DHAVE_STRINGS_H=1 \
	   -DHAVE_STRUCT_TIMESPEC=1 -DHAVE_CLOCK_REALTIME=1 -DHAVE_SIGLONGJMP=1 \
	   -DHAVE_STRSIGNAL=1 -DHAVE_GCC_THREAD_LOCAL_STORAGE=1" $<
endif

# ---- lwIP port on the host (test/e2e/lwip.sh) -----------------------------
# tcas-lwip-tap: tcas over Debian's liblwip (NO_SYS=0, TAP driver) with both
# port variants, for the end-to-end test in a network namespace. Built by
# `make check` (it is a prerequisite there) and `make lwip-tap`.
LWIP_TAP      := $(BUILD)/tcas-lwip-tap
LWIP_HOST_INC := -isystem /usr/include/lwip
LWIP_HOST_OBJ := $(patsubst port/lwip/%.c,$(BUILD)/obj/lwip-host/%.o,$(wildcard port/lwip/*.c))
.PHONY: lwip-tap lwip-deps
lwip-tap: $(LWIP_TAP)
lwip-deps:
	@sh test/deps.sh liblwip-dev iproute2
$(BUILD)/obj/lwip-host/%.o: port/lwip/%.c | lwip-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(LWIP_HOST_INC) -D_POSIX_C_SOURCE=200809L $(CFLAGS) \
	  $(WARN_LIB) -c $< -o $@
$(LWIP_TAP): test/lwip/lwip_tap.c $(LWIP_HOST_OBJ) $(LIB)
	$(CC) $(CPPFLAGS) $(LWIP_HOST_INC) -D_DEFAULT_SOURCE $(CFLAGS) \
	  $(WARN_BASE) -o $@ test/lwip/lwip_tap.c $(LWIP_HOST_OBJ) $(LIB) \
	  $(BEARSSL_LIB) -llwip -lpthread
# Host builds only: board builds (BOARD_MAKE) set LWIP_HOST_TESTS empty.
LWIP_HOST_TESTS ?= yes
ifneq ($(LWIP_HOST_TESTS),)
check: $(LWIP_TAP)
endif

# ---- measured stack (boards/stack.sh) ---------------------------------------
# tcas-stack runs one signed HTTPS call on a painted thread stack. `make
# stack` measures the host build; `make BOARD=linux-<arch> size` its board's.
.PHONY: stack
$(BUILD)/tcas-stack: test/boards/stack_paint.c $(LIB)
	$(CC) $(CPPFLAGS) -D_DEFAULT_SOURCE $(CFLAGS) $(WARN_BASE) -o $@ $< \
	  $(LIB) $(BEARSSL_LIB) -lpthread
stack: $(BUILD)/tcas-stack $(EMU)
	@sh boards/stack.sh $(BUILD)

# port/lwip and its host harness also build warning-free with clang.
.PHONY: check-lwip-clang
check-lwip-clang: check-clang
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/clang CC=clang \
	  $(BUILD)/clang/tcas-lwip-tap >/dev/null && echo "clang build of port/lwip: ok"
check: check-lwip-clang

# Unit tests of port/lwip that need no network (fake sys_now); run by
# test/run.sh with the other build/test/test_* programs.
LWIP_UNIT := $(BUILD)/test/test_lwip_port
$(LWIP_UNIT): test/lwip/test_lwip_port.c $(LWIP_HOST_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(LWIP_HOST_INC) -D_DEFAULT_SOURCE $(CFLAGS) \
	  $(WARN_BASE) -o $@ $< $(LWIP_HOST_OBJ) $(LIB) -lcmocka -llwip -lpthread
ifneq ($(LWIP_HOST_TESTS),)
tests: $(LWIP_UNIT)
check: $(LWIP_UNIT)
endif
