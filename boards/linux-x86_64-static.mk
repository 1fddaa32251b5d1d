# linux-x86_64-static: a fully static, stripped tcas CLI for x86-64 Linux,
# built with musl (musl-gcc), -Os, BearSSL built from source with the
# restricted client profile (boards/bearssl/ssl_client_tcas.c). The binary
# runs on any x86-64 Linux kernel, with no shared library.

BOARD_PKGS := musl-tools libjsmn-dev
BOARD_CC   := musl-gcc
BOARD_ARCH :=
# Code size flags, each measured on the whole file:
#   -fno-pie -no-pie    absolute addresses in a static executable (2.6 KB
#                       of code; const tables go to .rodata, not .data.rel.ro)
#   -flto -ffat-lto-objects   whole-program optimisation of tcas and
#                       BearSSL at the link (4 KB); the fat objects also
#                       carry plain code, so `make size` links a non-LTO
#                       twin (tcas-nolto) whose map splits core, BearSSL and
#                       libc for the table and check-size
#   -fno-ident, -fno-*unwind-tables   no .comment, no .eh_frame
BOARD_OPT  := -Os -flto -ffat-lto-objects -fno-pie -no-pie -fno-ident -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables
BOARD_PORT := posix
# TCAS_BR_SMALL: same suites, curves and signatures, smaller BearSSL
# implementations (reasons in boards/bearssl/ssl_client_tcas.c).
# BOARD_FAST_CRYPTO=1 (the gateway profile sets 0): the handshake's
# public-key work on faster code for a few KB of flash (what each costs:
# README "Boards and footprint"): X25519 through ec_c25519_m31
# (TCAS_BR_X25519_M31: 0.47 ms less CPU per fresh call, +1,856 B) and
# ECDSA P-256 on tcas's own code (BOARD_FAST_P256, below).
BOARD_FAST_CRYPTO ?= 1
BOARD_BR_CFLAGS := $(BOARD_OPT) -DTCAS_BR_SMALL=1 \
  -DTCAS_BR_X25519_M31=$(BOARD_FAST_CRYPTO)
# TCAS_WITH_GETADDRINFO=0: the port's own resolver (hosts file, DNS over
# UDP, bounded by the connect timeout) is all a static musl binary would
# get from getaddrinfo() anyway (musl has no nsswitch); without it the
# binary links no libc resolver and no malloc (about 20 KB). A DNS answer
# too big for UDP then fails with TCAS_E_NET_RESOLVE (A/AAAA answers for
# the API endpoints are far below 512 bytes).
# TCAS_TLS_AESNI_FIRST=0: its BearSSL profile has no AES-NI (ChaCha20
# stays first; config.h).
# BOARD_FAST_P256 (tcas/config.h TCAS_WITH_FAST_P256): ECDSA P-256
# signatures (certificate and ServerKeyExchange of an ECDSA chain) on
# tcas's 64-bit code, src/p256.c (in its small -Os form at first; the
# fast form since, below), instead of
# BearSSL's ec_prime_i31. Measured 2026-12-07 against tcas-emu's ECDSA
# chain: a fresh call 51.9 M -> 13.7 M instructions, 4.5-5.1 -> 2.2-2.7
# ms of CPU, 7.3-7.8 -> 4.3-4.8 ms wall (loaded machine); the file
# 252,048 -> 256,752 B (+4,704; 251,664 -> 256,304 B before the TLS
# read-ahead stage merged) and the painted stack 5,400 -> 4,720 B. On
# with BOARD_FAST_CRYPTO (the budget below takes it); the gateway profile
# keeps BearSSL's code. The same switch runs P-256 ECDHE (the key pair and
# shared secret of a fresh call to a server that picks P-256, such as
# nginx: OpenSSL follows BearSSL's order, P-256 first) on src/p256.c's
# constant-time code instead of ec_prime_i31: measured 2026-12-07 against
# nginx with the test chain, a fresh call 32.5 M -> 21.2 M instructions;
# the file 256,944 -> 259,376 B (+2,432 B); the ceiling below went to
# 261,000 B for it. Then the fast form of that code (TCAS_P256_SMALL=0:
# the unrolled field multiplication, its helpers inlined) instead of the
# small one -Os would pick, measured 2026-12-07 (callgrind, a fresh call
# of this file): against tcas-emu (ECDSA chain, X25519) 14.3 M -> 11.0 M
# instructions, against nginx (ECDSA chain, P-256 key exchange) 21.0 M
# -> 12.5 M; the file 259,888 -> 262,480 B (+2,592 B), the ceiling
# 261,000 -> 264,000 B.
BOARD_FAST_P256 ?= $(BOARD_FAST_CRYPTO)
BOARD_P256_SMALL := $(if $(filter 1,$(BOARD_FAST_P256)),0,1)
# TCAS_HTTP_HEAD_RUNS=0: the command makes one call per process, where
# reading the response head a byte at a time costs 7 k of its 13.7 M
# instructions; the run copy costs about 130 B of the file.
BOARD_CPPFLAGS := -DTCAS_WITH_GETADDRINFO=0 -DTCAS_TLS_AESNI_FIRST=0 \
  -DTCAS_WITH_FAST_P256=$(BOARD_FAST_P256) \
  -DTCAS_P256_SMALL=$(BOARD_P256_SMALL) -DTCAS_HTTP_HEAD_RUNS=0 \
  -isystem $(BEARSSL_DIR)/inc -isystem $(BB)/inc
# Link: -z norelro (musl applies no RELRO to a static non-PIE executable:
# the segment only forced a page of padding), common-page-size=64 (the
# data segment starts right after the code in the file, not on the next
# 4 KB boundary; it is still mapped at its own page).
BOARD_LD_COMMON := -static -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,-z,norelro -Wl,-z,common-page-size=64 -Wl,--build-id=none
BOARD_LDFLAGS := $(BOARD_LD_COMMON) -s -Os -flto -Wl,-Map=$(BB)/tcas.map
# make check-size: the tcas core as linked into the CLI (.text + .rodata
# + .data, from the non-LTO twin's map; since 2026-11-26 without the TLS
# glue tls.o/trust.o, which make size shows in a row of its own) must stay
# within the measurement plus about 5 %: 57276 bytes first, 79164 with the
# CLI surface and reliability features of 2026-11 (TLS glue included),
# 60767 since the action table holds names, types and limits only (the
# help texts are the CLI's) and without the glue (5825); 59187 after the
# size work of the Cortex-M4 core (client, HTTP, JSON, signer, calendar).
# The file is 192176 bytes, within the issue's 200 KB target (it was
# 268176 first): see README "Boards and footprint".
# 63100 since the TLS issue (measured 62823, was 61625 before it; the
# glue row, now tls.o/certscan.o/trust.o/sha256.o, went 5866 -> 11209,
# the file 212496 -> 219024): in the core, the error texts of the TLS
# policy and of plain HTTP sent to a TLS port (error.o +877), the two
# clocks (clock.o +159, client.o +92) and that detection (conn.o +70).
BOARD_CORE_BUDGET := 63100
# The help texts: short (request members and their values, the actions'
# purposes and reference pages; README "Help texts") keeps the file within
# its budget with room for the other parts; full adds response members,
# the meaning of every value and further facts (TCAS_CLI_HELP=full on the
# command line builds it; make size shows what each costs).
BOARD_CLI_HELP := short
# make check-size also holds the whole file under a ceiling. The issue's
# target is 200 KB (200,000 B): met at 192,208 B with the short help
# before the CLI work of issue 13 merged (options table, configure,
# table output, sanitiser, exit-code table: the "other" row went from
# 34.2 to 57.9 KB); 218,544 B since. The TLS work (the policy's X.509
# wrapper and certificate scan, the lazy trust index, SHA-256 on SHA-NI,
# the TLS error texts: make size's glue row) made it 224,400 B; the full
# JMESPath of issue 14 (the "tcas JMESPath" row: parser, interpreter, the
# 26 functions, exact number conversions; tcas query and its help in
# "other"; the old --filter subset, 3.0 KB of core, gone) adds about
# 28 KB: the ceiling is the measurement plus under 1 % until the CLI
# shrinks (README "Boards and footprint"). 258,000 since the fast
# handshake of the TLS issue (X25519 on m31, +1,856 B; the read-ahead
# stage of kept calls, +384 B; ECDSA P-256 on src/p256.c, +4,704 B:
# 249,808 -> 256,752 B): a fresh call against an ECDSA chain takes a
# quarter of the instructions. 261,000 since P-256 ECDHE moved to
# src/p256.c's constant-time code (+2,432 B, above: the fresh call to a
# server that picks P-256, as OpenSSL's do, 32.5 M -> 21.2 M
# instructions; measured 259,728 B with the help and HTTP changes of the
# same day). 264,000 since that code takes its fast form (+2,592 B: a
# fresh call to nginx 21.0 M -> 12.5 M instructions, above; measured
# 262,480 B; 262,384 B once verification took the same Montgomery-form
# constants; 262,480 B again with the JSON reader's word-at-a-time step
# over runs of spaces). The 200 KB target is the gateway profile's
# (linux-x86_64-gateway, without any of these).
BOARD_FILE_BUDGET := 264000
check-size: check-file-size
.PHONY: check-file-size
check-file-size: size
	@n=$$(wc -c <$(BB)/tcas); if [ "$$n" -gt $(BOARD_FILE_BUDGET) ]; then \
	  echo "size check FAILED: $(BB)/tcas is $$n bytes, budget $(BOARD_FILE_BUDGET)" >&2; exit 1; fi; \
	  echo "size check: $(BB)/tcas $$n bytes <= budget $(BOARD_FILE_BUDGET)"

# BearSSL and tcas are rebuilt from scratch when this file (their flags)
# changes: make does not track flags, and mixing LTO and plain objects
# would measure something else.
$(BB_BEARSSL): $(BB)/bearssl/flags.stamp
$(BB)/bearssl/flags.stamp: boards/linux-x86_64-static.mk
	@rm -rf $(BB)/bearssl/obj && mkdir -p $(@D) && touch $@
$(BB)/flags.stamp: boards/linux-x86_64-static.mk
	@rm -rf $(BB)/obj $(BB)/libtcas.a $(BB)/tcas && mkdir -p $(@D) && touch $@

$(BB)/inc/jsmn.h: /usr/include/jsmn.h
	@mkdir -p $(@D) && cp $< $@

board: $(BB)/inc/jsmn.h $(BEARSSL_DIR)/inc/bearssl.h $(BB)/flags.stamp
	@sh test/deps.sh $(BOARD_PKGS)
	@$(MAKE) --no-print-directory $(BB_BEARSSL)
	@$(BOARD_MAKE) lib cli
	@ls -l $(BB)/tcas | awk '{ printf "%s: %d bytes (static, stripped)\n", $$NF, $$5 }'
size: board
	@$(BOARD_MAKE) LDFLAGS=-static $(BB)/tcas-stack
	@$(MAKE) --no-print-directory BOARD= emu
	@$(BOARD_CC) -fno-lto $(BOARD_LD_COMMON) -Wl,-Map=$(BB)/tcas-nolto.map \
	  -o $(BB)/tcas-nolto $(BB)/obj/src/cli/*.o $(BB)/libtcas.a $(BB_BEARSSL)
	@{ echo "(table: the same objects linked without LTO, for the split)"; \
	  sh boards/size.sh $(BOARD) $(BB)/tcas-nolto $(BB)/tcas-nolto.map; \
	  ls -l $(BB)/tcas | awk '{ printf "file size of tcas: %d bytes\n", $$5 }'; \
	  sh boards/stack.sh $(BB); } | tee $(BB)/size.txt
