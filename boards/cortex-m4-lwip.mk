# cortex-m4-lwip: a bare-metal Cortex-M4 firmware (an STM32F4-class part:
# 512 KB flash, 128 KB RAM), Thumb-2 -Os, newlib-nano without syscalls,
# lwIP NO_SYS=1 through the raw/altcp port, BearSSL built from source with
# the restricted client profile, trust anchors compiled in with tcas-pem2c.
# Builds build/cortex-m4-lwip/firmware.elf for QEMU's mps2-an386 (startup,
# linker script, LAN9118 driver and semihosting hooks in
# boards/cortex-m4-lwip/), which `make check-qemu` boots against tcas-emu.
BOARD_PKGS := gcc-arm-none-eabi libnewlib-arm-none-eabi libjsmn-dev
BOARD_CC   := arm-none-eabi-gcc
BOARD_ARCH := -mthumb -mcpu=cortex-m4 -mfloat-abi=soft
BOARD_OPT  := -Os -ffunction-sections -fdata-sections -fstack-usage -fcallgraph-info=su
BOARD_PORT := lwip
# BearSSL: no OS clock (BR_USE_UNIX_TIME=0: newlib's headers look POSIX,
# but time() has no system call behind it here); tcas always gives the
# X.509 check its time (the RTC hook, or the time learned from the API).
BOARD_BR_CFLAGS := -Os -ffunction-sections -fdata-sections -fcallgraph-info=su \
  -DBR_ARMEL_CORTEXM_GCC -DBR_USE_UNIX_TIME=0
# Optional features off (tcas/config.h; their setters then answer
# TCAS_E_UNSUPPORTED, tested on the host by make check-lean):
# - PROXY: the board sits on its own Ethernet segment and reaches the API
#   directly through its gateway; there is no HTTP proxy to CONNECT through.
# - LOG: no console in the image; failures are reported through the
#   returned code and tcas_result, which the application logs its own way.
# - RATE_LIMIT: one device makes a handful of calls a minute, far below
#   the service's 20/s per-action limits; a RequestLimitExceeded answer is
#   still retried with backoff.
# - KEY_CACHE: a few calls a minute; deriving the signing key per call
#   (16 SHA-256 blocks, about 0.3 ms at 168 MHz) costs less than the
#   0.3 KB of code and 60 bytes of RAM that keeping it takes.
BOARD_FEATURES := -DTCAS_WITH_PROXY=0 -DTCAS_WITH_LOG=0 \
  -DTCAS_WITH_RATE_LIMIT=0 -DTCAS_WITH_KEY_CACHE=0
# tcas limits for instance-refresh calls (make size: ram_one_call). A
# bigger answer fails with the TCAS_E_*_TOO_LARGE code that names the
# limit to raise.
# TLS records: one half-duplex buffer (TCAS_TLS_OBUF_SIZE=0: requests and
# responses take turns in it) of BOARD_TLS_BUF bytes. The default, 16709,
# holds a full 16 KB record: it works with any server and sends no
# max_fragment_length request. BOARD_TLS_BUF=1349 (the
# cortex-m4-lwip-mfl board) asks for 1024-byte fragments (RFC 6066),
# which OpenSSL >= 1.1.1 and BearSSL servers honour; a server that does
# not fails the call with TCAS_E_TLS_RECORD_TOO_LARGE on its first larger
# record (check an endpoint with `openssl s_client -maxfraglen 1024`).
BOARD_TLS_BUF ?= 16709
# No TLS read-ahead stage (TCAS_TLS_STAGE_SIZE=0): it saves the host one
# recv per record, and would cost this board 4 KB of its RAM budget; lwIP
# hands over what has arrived from its own buffers, without a system call.
# JSON: 128 tokens of 16 bytes (TCAS_JSON_PARENT_LINKS=0): jsmn's backward
# searches over 128 tokens cost little, and parent links would take 512
# bytes more RAM. Strings are checked byte by byte
# (TCAS_JSON_WORD_SCAN=0): the word-at-a-time scan costs ~100 B of flash.
# Response head lines too (TCAS_HTTP_HEAD_RUNS=0): 98 B of flash.
# Request head 1024: about 480 bytes with permanent keys (a session
# token, X-TC-Token, needs 1-2 KB more); bodies that fit behind it go in
# the same TLS record. Error messages are kept to 128 bytes (cut at a
# UTF-8 boundary and flagged; match on the code).
BOARD_DEFS := -DTCAS_HTTP_REQ_HEAD_MAX=1024 -DTCAS_HTTP_RESP_HEAD_MAX=1024 \
  -DTCAS_HTTP_BODY_MAX=4096 -DTCAS_REQ_BODY_MAX=1024 -DTCAS_HOST_MAX=64 \
  -DTCAS_JSON_TOKENS_MAX=128 -DTCAS_TLS_IBUF_SIZE=$(BOARD_TLS_BUF) \
  -DTCAS_TLS_OBUF_SIZE=0 -DTCAS_TLS_STAGE_SIZE=0 \
  -DTCAS_TRUST_ANCHORS_MAX=8 -DTCAS_TRUST_ARENA_SIZE=4096 \
  -DTCAS_TRUST_CERT_MAX=2048 -DTCAS_LOG_ERROR_NAMES=0 \
  -DTCAS_CLIENT_RX_SIZE=256 -DTCAS_ERR_MSG_MAX=128 \
  -DTCAS_JSON_PARENT_LINKS=0 -DTCAS_JSON_WORD_SCAN=0 \
  -DTCAS_HTTP_HEAD_RUNS=0 $(BOARD_FEATURES)
BOARD_LWIP_INC := -Iboards/cortex-m4-lwip -isystem $(LWIP_DIR)/src/include
BOARD_CPPFLAGS := $(BOARD_DEFS) $(BOARD_LWIP_INC) \
  -isystem $(BEARSSL_DIR)/inc -isystem $(BB)/inc
# The tcas core (every src/*.c but the TLS glue tls.c, certscan.c and
# trust.c) is
# optimised across its files at link time: -flto carries its code to the
# link, where one -Os pass inlines, specialises and drops what the image
# does not use (0.6 KB less code than file by file). Only the core
# carries LTO code, so boards/size.sh counts the link-time output (the
# map's *.ltrans* objects) as the core row, and the stack bound of the
# image reads that output's call graph ($(BB)/firmware.elf.ltrans*.ci).
# The objects are fat (-ffat-lto-objects), so nm-based checks (zero heap)
# still see their symbols. GCC writes no call graph for -flto objects:
# the per-function stack figures of the library as a non-LTO build links
# it (the signer's 512-byte target) come from a plain compile of the same
# sources under $(BB)/plain/, used for nothing else.
BOARD_LTO_SRC := $(filter-out tls trust certscan sha256,$(basename $(notdir $(wildcard src/*.c))))
BOARD_LTO_FLAGS := -flto -ffat-lto-objects
# The image: the board's own startup (no crt0) and linker script, and no
# libnosys: a C library function that needs a system call (malloc's sbrk,
# stdio) fails the link instead of slipping into the image.
# --emit-relocs keeps the relocations in the image: boards/stack-image.sh
# reads from them which functions the image stores the address of.
# BOARD_STACK_SIZE: the stack the linker reserves at the top of RAM: the
# stack bound of make size (5596 bytes when set; 5376 painted in QEMU)
# and 100 bytes of room, so that .data + .bss + this stack, the RAM the
# image really takes, stays within the 40,000 bytes of one call too
# (39,986 bytes). check-size fails when the bound outgrows it.
BOARD_STACK_SIZE ?= 5696
BOARD_LDSCRIPT := boards/cortex-m4-lwip/mps2-an386.ld
BOARD_LDFLAGS := $(BOARD_ARCH) --specs=nano.specs -nostartfiles \
  -T $(BOARD_LDSCRIPT) -Wl,--defsym=BOARD_STACK_SIZE=$(BOARD_STACK_SIZE) \
  -Wl,--emit-relocs -Wl,--gc-sections -flto -flto-partition=one $(BOARD_OPT)
# Anchors compiled into the image: roots behind the Tencent Cloud API
# endpoints (DigiCert, GlobalSign), from Debian's ca-certificates.
BOARD_ANCHORS ?= $(addprefix /usr/share/ca-certificates/mozilla/, \
  DigiCert_Global_Root_CA.crt DigiCert_Global_Root_G2.crt \
  GlobalSign_Root_CA.crt GlobalSign_Root_CA_-_R3.crt)
# make check-size fails when the tcas core (libtcas.a as linked minus port
# and TLS glue, .text + .rodata + .data) exceeds this many bytes: the measurement plus about 5 %.
# First measured 13439 bytes (signer, HTTP, JSON, TLS glue, a bare call);
# 18818 with retries, rate limiter, skew learning, proxy and keep-alive
# handling in the client. The action table stays out (no facts hook is
# set) and the log prints error numbers (TCAS_LOG_ERROR_NAMES=0).
# 15177 (14318 .text) with proxy, log and rate limiter compiled out (see
# BOARD_FEATURES), the default endpoint set without the parser, 32-bit
# calendar arithmetic, and flatter client and HTTP code.
# 14985 (14030 .text; 12426 without the TLS glue src/tls.c) with the
# call's deadlines on a 32-bit clock, one line machine for all HTTP
# response lines, and the JSON number grammar as a DFA.
# Since then the core row leaves out the TLS glue (tls.o, trust.o: its own
# row, 1580 bytes), as issue 5 measures the core "without TLS": 13455
# (12500 .text). 10375 (9378 .text) with the core linked with LTO and
# flatter client, HTTP, JSON, signer and calendar code (one linear JSON
# check, one HTTP line machine, one template writer for the signer's
# texts). The core is measured since on core.elf, a firmware making one
# tcas_client_call (boards/cortex-m4-lwip/one_call.c): 10611 (9440 .text)
# after the client was split by concern, 10845 (9674 .text) on 2026-12-07.
# 11100 since the TLS work (measured 11031): the two clocks (signing /
# certificates) and the bounded offset, naming a silent TLS server and a
# TLS answer to plain HTTP (the TLS policy itself is glue: tls.o,
# certscan.o).
BOARD_CORE_BUDGET := 11100
# make check-size also fails when the RAM of one HTTPS call (ram_one_call:
# the image's .data + .bss and its stack bound) passes BOARD_RAM_BUDGET
# (40 KB with full 16 KB TLS records; 28 KB with max_fragment_length,
# cortex-m4-lwip-mfl; decimal kilobytes, 40,000 and 28,000 bytes, the
# stricter reading of the goals), when the signer's stack (tcas_sign_final,
# tcas_sign_authorization, BearSSL's SHA-256 included) passes 512 bytes,
# and when the stack bound passes the stack the linker reserves.
# The typed path (typed_flash: the core of one
# tcas_as_resume_instance_refresh, with the validator and the spec's
# parameter tables) has a budget too: its measurement plus about 5 %
# (27107 when first measured).
BOARD_RAM_BUDGET ?= 40000
BOARD_TYPED_BUDGET := 28500
BOARD_BUDGETS := ram_one_call=$(BOARD_RAM_BUDGET) signer_stack=512 \
  stack_bound=$(BOARD_STACK_SIZE) typed_flash=$(BOARD_TYPED_BUDGET)

BB_LWIP := $(BB)/lwip/liblwip.a
$(BB_LWIP): $(LWIP_DIR)/src/core/init.c boards/cortex-m4-lwip/lwipopts.h \
            boards/cortex-m4-lwip/lwip_hooks.h $(BB)/cflags.stamp
	@echo "  LWIP $(BOARD) (from $(LWIP_DIR))"
	@rm -rf $(BB)/lwip/obj # build-ar.sh redoes only objects older than their .c
	@sh boards/build-ar.sh $@ $(BB)/lwip/obj \
	  "$(BOARD_CC) $(BOARD_ARCH) -Os -ffunction-sections -fdata-sections -fcallgraph-info=su -w $(BOARD_LWIP_INC)" \
	  $$(ls $(LWIP_DIR)/src/core/*.c $(LWIP_DIR)/src/core/ipv4/*.c) \
	  $(LWIP_DIR)/src/netif/ethernet.c

$(BB)/inc/jsmn.h: /usr/include/jsmn.h
	@mkdir -p $(@D) && cp $< $@

$(BB)/libtcas.a: FORCE $(BB)/inc/jsmn.h $(BEARSSL_DIR)/inc/bearssl.h $(LWIP_DIR)/src/core/init.c
	@sh test/deps.sh $(BOARD_PKGS)
	+@$(BOARD_MAKE) lib
FORCE:

$(BB)/anchors.c: $(BOARD_ANCHORS)
	@$(MAKE) --no-print-directory BOARD= build/tcas-pem2c
	@mkdir -p $(@D) && build/tcas-pem2c -o $@ $(BOARD_ANCHORS)

BB_FW_CC = $(BOARD_CC) $(BOARD_ARCH) $(BOARD_OPT) -std=c99 -Wall -Wextra \
  -Werror -Iinclude $(BOARD_CPPFLAGS)
# The board: startup and time base (cortex_m.c), the part (mps2_an386.c:
# vector table, semihosting hooks), its NIC (lan9118.c), lwIP's randomness
# (lwip_hooks.c) and the application (main.c).
BB_FW_SRC := cortex_m mps2_an386 lan9118 lwip_hooks net main
BB_FW_OBJ := $(BB_FW_SRC:%=$(BB)/obj/board/%.o)
$(BB)/obj/board/%.o: boards/cortex-m4-lwip/%.c $(BB)/libtcas.a
	@mkdir -p $(@D)
	$(BB_FW_CC) -c $< -o $@
$(BB)/obj/anchors.o: $(BB)/anchors.c
	@mkdir -p $(@D)
	$(BB_FW_CC) -w -c $< -o $@

# The emulator's test CA (test/support/mkcerts.sh, made once under
# $(BB)/pki; make check-qemu runs tcas-emu with that directory) compiled in
# as tcas_test_anchors next to the production anchors.
$(BB)/pki/ca.pem:
	@sh test/support/mkcerts.sh $(BB)/pki
# (after anchors.c, whose rule builds tcas-pem2c: one make of it at a time)
$(BB)/test_anchors.c: $(BB)/pki/ca.pem $(BB)/anchors.c
	@build/tcas-pem2c -o $@ $(BB)/pki/ca.pem
$(BB)/obj/test_anchors.o: $(BB)/test_anchors.c
	@mkdir -p $(@D)
	$(BB_FW_CC) -w -Dtcas_builtin_anchors=tcas_test_anchors \
	  -Dtcas_builtin_anchors_count=tcas_test_anchors_count -c $< -o $@

BB_IMG_OBJ := $(BB_FW_OBJ) $(BB)/obj/anchors.o $(BB)/obj/test_anchors.o
BB_IMG_LIBS := $(BB)/libtcas.a $(BB_LWIP) $(BB_BEARSSL)
$(BB)/firmware.elf: $(BB_IMG_OBJ) $(BB_IMG_LIBS) $(BOARD_LDSCRIPT) \
                    $(BB)/ldflags.stamp
	$(BOARD_CC) $(BOARD_LDFLAGS) -Wl,-Map=$(@:.elf=.map) -o $@ \
	  $(BB_IMG_OBJ) $(BB_IMG_LIBS)

# For the footprint rows (make size), linked and never run: one call over
# the same board (boards/cortex-m4-lwip/one_call.c), through
# tcas_client_call (core.elf) or the typed tcas_as_resume_instance_refresh
# (typed.elf).
BB_ONE_OBJ := $(filter-out %/main.o,$(BB_FW_OBJ)) $(BB)/obj/anchors.o
$(BB)/obj/board/one_call_typed.o: boards/cortex-m4-lwip/one_call.c $(BB)/libtcas.a
	@mkdir -p $(@D)
	$(BB_FW_CC) -DONE_CALL_TYPED=1 -c $< -o $@
$(BB)/core.elf: $(BB)/obj/board/one_call.o
$(BB)/typed.elf: $(BB)/obj/board/one_call_typed.o
$(BB)/core.elf $(BB)/typed.elf: $(BB_ONE_OBJ) $(BB_IMG_LIBS) $(BOARD_LDSCRIPT) \
                                $(BB)/ldflags.stamp
	$(BOARD_CC) $(BOARD_LDFLAGS) -Wl,-Map=$(@:.elf=.map) -o $@ \
	  $(filter %.o,$^) $(BB_IMG_LIBS)

BB_PLAIN_CI := $(BOARD_LTO_SRC:%=$(BB)/plain/%.ci)
$(BB)/plain/%.ci: src/%.c $(BB)/libtcas.a
	@mkdir -p $(@D)
	@$(BB_FW_CC) $(if $(TIME_BUILD),-DTCAS_TIME_BUILD=$(TIME_BUILD)) \
	  -c $< -o $(@:.ci=.o)

# stm32f4.c: the hooks of a real part, compiled to keep it building,
# linked into no image.
board: $(BB)/firmware.elf $(BB)/obj/board/stm32f4.o
# The footprint table. The stack bound's roots: the part's vector table
# (mps2_an386.c).
BB_SIZE = STACK_ROOTS=Reset_Handler STACK_IRQS="SysTick_Handler ETH_IRQHandler" \
  STACK_FAULT=Fault_Handler STACK_SIZE=$(BOARD_STACK_SIZE) \
  sh boards/size.sh $(BOARD) $(BB)/firmware.elf $(BB)/firmware.map $(BB)
BB_SIZE_IN := $(BB)/firmware.elf $(BB)/core.elf $(BB)/typed.elf $(BB_PLAIN_CI) \
  boards/size.sh boards/stack.awk boards/stack-image.sh boards/stack-slots.txt
size: $(BB_SIZE_IN)
	@$(BB_SIZE) | tee $(BB)/size.txt
$(BB)/size.txt: $(BB_SIZE_IN)
	@$(BB_SIZE) >$@.tmp && mv $@.tmp $@

# make check-qemu: the image on QEMU's mps2-an386 against tcas-emu, with
# the bound and RAM figures of size.txt (test/boards/qemu.sh).
# Full records: the emulator ignores max_fragment_length requests, as a
# server without RFC 6066 does (the image sends none anyway).
QEMU_PKGS := qemu-system-arm
BOARD_EMU_FLAGS ?= --tls-no-mfl
check-qemu: $(BB)/size.txt
	@sh test/deps.sh $(QEMU_PKGS)
	@$(MAKE) --no-print-directory BOARD= emu
	@echo "== $(BOARD) (TLS record buffer $(BOARD_TLS_BUF) B)"
	@EMU_FLAGS="$(BOARD_EMU_FLAGS)" sh test/boards/qemu.sh $(BB)
.PHONY: check-qemu
