# tcas - tiny zero-malloc client for the Tencent Cloud Auto Scaling API.
#
#   make            libtcas.a, tcas and tcas-emu under build/
#   make check      every test (unit, replay, TLS end to end, emulator)
#   make demo       the main job: tcas against the local emulator over TLS
#   make fmt / lint clang-format / cppcheck
#
# Missing Debian packages are installed with apt-get when run as root;
# otherwise the build stops and prints the one command to run.

VERSION := $(shell sed -n 's/^\#define TCAS_VERSION "\(.*\)"/\1/p' include/tcas/version.h)
BUILD   ?= build
CC      ?= cc
PORT    ?= posix
PYTHON  ?= python3

# Library code: the full warning set. Test and tool code under test/: the
# same minus -Wconversion (cmocka's macros trip it); see README "Build".
WARN_BASE := -std=c99 -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
             -Wstrict-prototypes -Wmissing-prototypes -Wvla
WARN_LIB  := $(WARN_BASE) -Wconversion -Wcast-qual
OPT       ?= -O2 -g -MMD -MP
CPPFLAGS  += -Iinclude
# A device without a clock signs its first call with the build time (then
# learns the server's from the Date header): the last commit's time.
TIME_BUILD := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null))
CPPFLAGS  += $(if $(TIME_BUILD),-DTCAS_TIME_BUILD=$(TIME_BUILD))
# Objects depend on this stamp of the build time and the compile flags,
# rewritten only when they change, so a new commit or other flags (a
# board's config defines, say) rebuild everything instead of mixing two
# builds.
TIME_STAMP = $(BUILD)/time_build.stamp
CFLAGS    += $(OPT)
# Library sources (src/<name>.c) compiled with LTO_FLAGS on top: a board
# sets both to optimise its core across files at link time (see
# boards/cortex-m4-lwip.mk); empty for every other build.
LTO_SRC   ?=
LTO_FLAGS ?=
LDFLAGS   +=
# BearSSL is linked statically so tcas needs no shared library at run time.
BEARSSL_LIB ?= -l:libbearssl.a

# python3-jmespath: the oracle of the JMESPath differential test
# (test/e2e/jmespath.sh), run with Debian's /usr/bin/python3.
DEB_PKGS := build-essential libbearssl-dev libjsmn-dev libcmocka-dev \
            openssl clang python3 python3-jmespath

LIB_SRC   := $(wildcard src/*.c) $(wildcard port/$(PORT)/*.c)
CLI_SRC   := $(wildcard src/cli/*.c)
EMU_SRC   := $(wildcard test/emu/*.c)
SUP_SRC   := $(wildcard test/support/*.c)
TEST_SRC  := $(wildcard test/unit/test_*.c)

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
EMU_OBJ   := $(EMU_SRC:%.c=$(BUILD)/obj/%.o)
SUP_OBJ   := $(SUP_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN  := $(TEST_SRC:test/unit/%.c=$(BUILD)/test/%)

LIB   := $(BUILD)/libtcas.a
SUP   := $(BUILD)/libtcastest.a
# The CLI's objects except main.o, so unit tests can link them.
CLIA  := $(BUILD)/libtcascli.a
CLIA_OBJ := $(filter-out $(BUILD)/obj/src/cli/main.o,$(CLI_OBJ))
TCAS  := $(BUILD)/tcas
EMU   := $(BUILD)/tcas-emu
PEM2C := $(BUILD)/tcas-pem2c

.PHONY: all lib cli emu tests check check-clang check-heap demo deps \
        fmt check-format lint clean gen
.DEFAULT_GOAL := all
$(TIME_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(TIME_BUILD) $(CC) $(CPPFLAGS) $(CFLAGS) $(LTO_SRC) $(LTO_FLAGS)' | cmp -s - $@ || \
	  echo '$(TIME_BUILD) $(CC) $(CPPFLAGS) $(CFLAGS) $(LTO_SRC) $(LTO_FLAGS)' >$@
.PHONY: FORCE
FORCE:
# Keep intermediate objects of test programs between runs.
.SECONDARY:

all: deps lib cli emu $(PEM2C)
lib: $(LIB)
cli: $(TCAS)
emu: $(EMU)
tests: $(TEST_BIN)

deps:
	@sh test/deps.sh $(DEB_PKGS)

$(LTO_SRC:%=$(BUILD)/obj/src/%.o): CFLAGS += $(LTO_FLAGS)
$(BUILD)/obj/src/%.o: src/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/obj/port/%.o: port/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/obj/src/cli/%.o: src/cli/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/obj/test/%.o: test/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itest -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	  $(CFLAGS) $(WARN_BASE) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(SUP): $(SUP_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(CLIA): $(CLIA_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(TCAS): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(BEARSSL_LIB)
$(EMU): $(EMU_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(EMU_OBJ) $(LIB) $(BEARSSL_LIB) -lm
# Host tool (not in libtcas.a): PEM trust anchors to C for boards.
$(PEM2C): src/tools/pem2c.c $(LIB)
	$(CC) $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) \
	  -o $@ src/tools/pem2c.c $(LIB) $(BEARSSL_LIB)
# test_trust checks the tool's output against the run-time decoder.
$(BUILD)/test/test_trust: $(PEM2C)
# Emulator unit tests (test_emu_*) also link the emulator objects minus
# main.o, as an archive so that only the objects a test uses are pulled in.
EMUA := $(BUILD)/libtcasemu.a
$(EMUA): $(filter-out %/main.o,$(EMU_OBJ))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/test/test_emu_%: $(BUILD)/obj/test/unit/test_emu_%.o $(EMUA) \
  $(SUP) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(EMUA) $(SUP) $(LIB) -lcmocka \
	  $(BEARSSL_LIB) -lm
$(BUILD)/test/%: $(BUILD)/obj/test/unit/%.o $(SUP) $(CLIA) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(SUP) $(CLIA) $(LIB) -lcmocka $(BEARSSL_LIB) -lm

# Regenerate the committed action table and recordings from the spec in
# ../shared (kept out of the tree on purpose).
SPEC_DIR ?= ../shared/spec/autoscaling-2018-04-19
gen:
	$(PYTHON) src/gen/gen_actions.py $(SPEC_DIR) src/as_actions.c
	$(PYTHON) src/gen/gen_docs.py $(SPEC_DIR) src/cli/as_docs.c
	$(PYTHON) test/gen/gen_recordings.py $(SPEC_DIR) test/data/examples
	$(PYTHON) test/gen/gen_emu_examples.py $(SPEC_DIR) test/emu/as_examples_gen.c

check: all tests check-heap check-clang
	@sh test/run.sh $(BUILD)

# No allocation function may be referenced by the library.
check-heap: $(LIB)
	@sh test/check_heap.sh $(LIB)

# The library and CLI also build warning-free with clang.
check-clang:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/clang CC=clang lib cli \
	  >/dev/null && echo "clang build: ok"

demo: all
	@sh test/demo.sh $(BUILD)

# Generated files follow their generator's layout; everything else
# follows .clang-format, and check-format (in .ci/run) fails on any line
# clang-format would change.
GEN_FILES := src/as_actions.c src/cli/as_docs.c test/emu/as_examples_gen.c
FMT_FILES = $(filter-out $(GEN_FILES),$(shell git ls-files '*.c' '*.h' 2>/dev/null || \
              find include src port test boards -name '*.[ch]'))
fmt:
	clang-format -i $(FMT_FILES)
check-format:
	@sh test/deps.sh clang-format
	@clang-format --dry-run --Werror $(FMT_FILES) && \
	  echo "format: ok ($(words $(FMT_FILES)) files)"
lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --inline-suppr -Iinclude -UTCAS_USER_CONFIG \
	  --suppress=missingIncludeSystem src port

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(EMU_OBJ:.o=.d) $(SUP_OBJ:.o=.d) \
  $(TEST_SRC:%.c=$(BUILD)/obj/%.d)

# Feature fragments, each owning its own targets (make fuzz, make bench,
# make BOARD=..., make check-asan / check-valgrind / coverage).
-include test/fuzz/fuzz.mk
-include test/bench/bench.mk
-include boards/boards.mk
-include test/lwip/lwip.mk
-include test/sanitize.mk
-include test/examples/examples.mk
-include test/lean.mk
-include test/fault.mk
-include test/jmespath/jmespath.mk
