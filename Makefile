# tcas - tiny zero-malloc client for the Tencent Cloud Auto Scaling API.
#
#   make            libtcas.a, tcas and tcas-emu under build/ (installs
#                   nothing)
#   make check      every test (unit, replay, TLS end to end, emulator)
#   make demo       the main job: tcas against the local emulator over TLS
#   make deps       the Debian packages the build needs
#   make gen        regenerate the generated files from ../shared/spec
#   make check-gen  fail when a generated file differs from a regeneration
#   make fmt / lint clang-format / cppcheck
#   make install    PREFIX=/usr/local, DESTDIR=...: src/install/install.mk
#
# make deps, make check and make demo install missing Debian packages with
# apt-get when run as root; otherwise they stop and print the one command
# to run. Plain make installs nothing.

VERSION := $(shell sed -n 's/^\#define TCAS_VERSION "\(.*\)"/\1/p' include/tcas/version.h)
BUILD   ?= build
CC      ?= cc
PORT    ?= posix
PYTHON  ?= python3

# The sources and warning flags, one list that CMakeLists.txt reads too.
include src/sources.mk
# Library code: the full warning set. Test and tool code under test/: the
# same minus -Wconversion (cmocka's macros trip it); see README "Build".
WARN_BASE := $(TCAS_WARN_BASE)
WARN_LIB  := $(WARN_BASE) $(TCAS_WARN_LIB)
OPT       ?= -O2 -g -MMD -MP
# Other limits or features (config.h): make TCAS_CONFIG_DEFS='-DNAME=VALUE
# ...'. A CPPFLAGS given on the command line would replace the tree's own
# flags (-Iinclude, the boards' defines): it is taken the same way.
# (Boards pass their own CPPFLAGS down: with them, use TCAS_CONFIG_DEFS.)
ifeq ($(origin CPPFLAGS),command line)
CMDLINE_CPPFLAGS := $(CPPFLAGS)
override undefine CPPFLAGS
endif
CPPFLAGS  += -Iinclude $(CMDLINE_CPPFLAGS) $(TCAS_CONFIG_DEFS)
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

# What `tcas help` carries (README "Help texts"): full (every request and
# response member, the meaning of each value, limits and sources) or short
# (request members and their values; the static board's choice, for its
# 200 KB budget). A board sets BOARD_CLI_HELP; the command line wins.
TCAS_CLI_HELP ?= $(or $(BOARD_CLI_HELP),full)
CLI_HELP_FULL  = $(if $(filter full,$(TCAS_CLI_HELP)),1,$(if $(filter short,$(TCAS_CLI_HELP)),0,$(error TCAS_CLI_HELP must be full or short, not '$(TCAS_CLI_HELP)')))
# The command's optional parts, each TCAS_CLI_<PART> = 1 (the default),
# or 0 for a smaller tcas that refuses the part with exit 2, naming its
# switch (TCAS_CLI_WITH_<PART> in tcas/config.h): JMESPATH (--filter,
# tcas query), TABLE (--output table), CONFIGURE (tcas configure),
# COMPLETION (tcas completion bash), WAIT (tcas wait, --wait). The board
# linux-x86_64-gateway sets them all to 0.
CLI_PARTS := JMESPATH TABLE CONFIGURE COMPLETION WAIT
$(foreach p,$(CLI_PARTS),$(eval TCAS_CLI_$(p) ?= 1))
CLI_DEFS = -DTCAS_CLI_HELP_FULL=$(CLI_HELP_FULL) \
  $(foreach p,$(CLI_PARTS),$(if $(filter 0,$(TCAS_CLI_$(p))),-DTCAS_CLI_WITH_$(p)=0))
# What shaped a build is recorded in $(BUILD)/build.vars. make install on
# an existing build takes those values back, so it installs the build as
# it was made (a stale file is rebuilt with the same flags, and tcas.pc
# says what the library holds) instead of rebuilding it with others; the
# same variable given another value on the install's command line is an
# error. See src/install/install.mk.
BUILT_VARS := CC OPT CPPFLAGS CFLAGS LDFLAGS LTO_SRC LTO_FLAGS BEARSSL_LIB \
              PORT TIME_BUILD
ifneq ($(filter install install-lib install-bin,$(MAKECMDGOALS)),)
-include $(BUILD)/build.vars
endif
ifdef BUILT_CC
same = $(if $(subst x$(1),,x$(2))$(subst x$(2),,x$(1)),,1)
no_time = $(strip $(filter-out -DTCAS_TIME_BUILD=%,$(1)))
BUILT_DIFF := $(strip $(foreach v,$(filter-out TIME_BUILD,$(BUILT_VARS)),$(if \
  $(call same,$(call no_time,$($(v))),$(call no_time,$(BUILT_$(v)))),,$(v))))
BUILT_ASKED := $(strip $(foreach v,$(BUILT_DIFF),$(if $(filter command line,\
  $(origin $(v))),$(v))))
$(if $(BUILT_ASKED),$(error $(BUILD) was built with $(foreach v,\
  $(BUILT_ASKED),$(v)='$(BUILT_$(v))'): install it with these values, or \
  make clean first))
$(if $(BUILT_DIFF),$(info installing $(BUILD) as built: $(foreach v,\
  $(BUILT_DIFF),$(v)='$(BUILT_$(v))')))
$(foreach v,$(BUILT_VARS),$(eval override $(v) := $$(BUILT_$(v))))
endif

# python3-jmespath: the oracle of the JMESPath differential test
# (test/e2e/jmespath.sh), run with Debian's /usr/bin/python3.
DEB_PKGS := build-essential libbearssl-dev libjsmn-dev libcmocka-dev \
            openssl clang python3 python3-jmespath

LIB_SRC   := $(TCAS_LIB_SRC) $(TCAS_PORT_SRC_$(PORT))
$(if $(TCAS_PORT_SRC_$(PORT)),,$(error PORT=$(PORT): src/sources.mk has no TCAS_PORT_SRC_$(PORT)))
CLI_SRC   := $(TCAS_CLI_SRC)
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
        fmt check-format lint clean gen check-gen
.DEFAULT_GOAL := all
$(TIME_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(TIME_BUILD) $(CC) $(CPPFLAGS) $(CFLAGS) $(LTO_SRC) $(LTO_FLAGS) $(CLI_DEFS)' | cmp -s - $@ || \
	  echo '$(TIME_BUILD) $(CC) $(CPPFLAGS) $(CFLAGS) $(LTO_SRC) $(LTO_FLAGS) $(CLI_DEFS)' >$@
.PHONY: FORCE
FORCE:
# Keep intermediate objects of test programs between runs.
.SECONDARY:

all: lib cli emu $(PEM2C)
lib: $(LIB) $(BUILD)/build.vars
cli: $(TCAS)
emu: $(EMU)
tests: $(TEST_BIN)

deps:
	@sh test/deps.sh $(DEB_PKGS)
# make check and make demo install what is missing before anything is
# compiled (every object waits for the time stamp); plain make does not.
ifneq ($(filter check demo,$(MAKECMDGOALS)),)
$(TIME_STAMP): | deps
endif

$(LTO_SRC:%=$(BUILD)/obj/src/%.o): CFLAGS += $(LTO_FLAGS)
$(BUILD)/obj/src/%.o: src/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/obj/port/%.o: port/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/obj/src/cli/%.o: src/cli/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CLI_DEFS) \
	  -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/obj/test/%.o: test/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itest -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	  $(CFLAGS) $(WARN_BASE) -c $< -o $@

$(LIB): $(LIB_OBJ) $(BUILD)/build.vars
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $(filter %.o,$^)
$(BUILD)/build.vars: $(TIME_STAMP)
	$(file >$@,# The variables of this build (Makefile, BUILT_VARS).)
	$(foreach v,$(BUILT_VARS),$(file >>$@,BUILT_$(v) := $(subst $$,$$$$,$($(v)))))
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
# test_tls_stage runs a BearSSL server with the emulator's key loader.
$(BUILD)/test/test_tls_stage: $(BUILD)/obj/test/unit/test_tls_stage.o \
  $(EMUA) $(SUP) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(EMUA) $(SUP) $(LIB) -lcmocka \
	  $(BEARSSL_LIB) -lm
$(BUILD)/test/%: $(BUILD)/obj/test/unit/%.o $(SUP) $(CLIA) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(SUP) $(CLIA) $(LIB) -lcmocka $(BEARSSL_LIB) -lm

# Every .c file under src/ and port/ is in one list of src/sources.mk (or
# its exclusions) and every listed file exists; a file in none would be
# built by no one (make warns at once, check-sources fails).
SRC_LISTED   := $(sort $(TCAS_LIB_SRC) $(foreach p,$(filter TCAS_PORT_SRC_%,\
                  $(.VARIABLES)),$($(p))) $(TCAS_CLI_SRC) $(TCAS_TOOLS_SRC) \
                  $(TCAS_SRC_EXCLUDED))
SRC_UNLISTED := $(filter-out $(SRC_LISTED),$(shell find src port -name '*.c'))
SRC_MISSING  := $(filter-out $(wildcard $(SRC_LISTED)),$(SRC_LISTED))
$(if $(SRC_UNLISTED),$(warning $(SRC_UNLISTED): in no list of src/sources.mk))
.PHONY: check-sources
SRC_HINT := add it to a list, or to TCAS_SRC_EXCLUDED with a reason
check-sources:
	@ok=1; for f in $(SRC_UNLISTED); do ok=; \
	  echo "src/sources.mk: $$f is in no list ($(SRC_HINT))"; done; \
	  for f in $(SRC_MISSING); do ok=; \
	  echo "src/sources.mk: $$f is listed but does not exist"; done; \
	  [ -n "$$ok" ] && echo "sources: ok ($(words $(SRC_LISTED)) files)"

# ---- generated files ---------------------------------------------------------
# A generated file is named <name>_gen.c (or _gen.h), starts with a comment
# naming its generator, its template and inputs and "do not edit", and is
# listed in GEN_FILES (GEN_DATA: generated files and trees that are not C). The
# generators read the spec in ../shared (kept out of the tree on purpose;
# SPEC_DIR= to point elsewhere) and write into GEN_OUT (default: the tree).
# check-gen (part of make check, run by .ci/run) regenerates everything into
# a temporary directory and fails on any difference; without the spec it
# says so and passes.
SPEC_DIR ?= ../shared/spec/autoscaling-2018-04-19
GEN_OUT  ?= .
GEN_FILES := src/as_actions_gen.c src/as_typed_gen.c src/as_typed_gen.h \
             src/cli/as_docs_gen.c src/cli/as_docs_gen.h \
             test/emu/as_examples_gen.c
GEN_DATA  := test/data/examples test/data/help_copy.txt
gen:
	@mkdir -p $(GEN_OUT)/src/cli $(GEN_OUT)/test/emu $(GEN_OUT)/test/data/examples
	$(PYTHON) src/gen/gen_actions.py $(SPEC_DIR) $(GEN_OUT)/src/as_actions_gen.c
	$(PYTHON) src/gen/gen_typed.py $(SPEC_DIR) src/gen/as_typed.tables $(GEN_OUT)/src/as_typed_gen
	$(PYTHON) src/gen/gen_docs.py $(SPEC_DIR) $(GEN_OUT)/src/cli/as_docs_gen.c \
	  --shingles $(GEN_OUT)/test/data/help_copy.txt
	$(PYTHON) test/gen/gen_recordings.py $(SPEC_DIR) $(GEN_OUT)/test/data/examples
	$(PYTHON) test/gen/gen_emu_examples.py $(SPEC_DIR) $(GEN_OUT)/test/emu/as_examples_gen.c
check-gen:
	@if [ ! -f $(SPEC_DIR)/api.json ]; then \
	  echo "check-gen: skipped: no spec in $(SPEC_DIR) (it is not part of the tree; SPEC_DIR=... to check)"; \
	  exit 0; fi; \
	t=$$(mktemp -d) || exit 1; \
	$(MAKE) --no-print-directory -s gen GEN_OUT=$$t >$$t.log 2>&1 || \
	  { cat $$t.log; rm -rf $$t $$t.log; echo "check-gen: make gen failed" >&2; exit 1; }; \
	rc=0; for f in $(GEN_FILES) $(GEN_DATA); do \
	  diff -r -u $$f $$t/$$f >$$t.log 2>&1 || { rc=1; \
	    echo "check-gen: $$f is not what make gen writes from $(SPEC_DIR):" >&2; \
	    head -40 $$t.log >&2; }; \
	done; rm -rf $$t $$t.log; \
	[ $$rc = 0 ] && echo "check-gen: ok ($(words $(GEN_FILES)) files and $(GEN_DATA) match the spec)"

check: all tests check-heap check-clang check-sources check-gen
	@sh test/run.sh $(BUILD)

# No allocation function may be referenced by the library.
check-heap: $(LIB)
	@sh test/check_heap.sh $(LIB)

# The library and CLI also build warning-free with clang.
check-clang:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/clang CC=clang lib cli \
	  >/dev/null && echo "clang build: ok"

demo: deps all
	@sh test/demo.sh $(BUILD)

# Generated files (GEN_FILES, above) follow their templates; everything
# else follows .clang-format, and check-format (in .ci/run) fails on any
# line clang-format would change.
FMT_FILES = $(filter-out $(GEN_FILES) %_gen.c %_gen.h,$(shell git ls-files '*.c' '*.h' 2>/dev/null || \
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
  $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/help-short/%.d) \
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
-include test/help.mk
-include src/install/install.mk
-include test/jmespath/jmespath.mk
