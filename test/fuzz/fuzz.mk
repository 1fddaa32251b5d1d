# test/fuzz/fuzz.mk - libFuzzer harnesses (included by the main Makefile).
#
#   make fuzz          run each harness for FUZZ_SECONDS (default 60) on a
#                      corpus kept in $(FUZZ_DIR)/corpus/<name>
#   make check-fuzz    replay the seeds and test/fuzz/regressions/<name>,
#                      then fuzz each harness for FUZZ_CHECK_SECONDS (10)
#   make fuzz-build    only build the harnesses
#   make FUZZ_NAMES=json fuzz     one harness
#
# The library is rebuilt with clang under $(FUZZ_DIR) with libFuzzer
# coverage instrumentation, ASan and UBSan. Seeds are made at run time from
# the recordings in test/data (whole responses for http/client, their JSON
# bodies and the request examples for json) plus test/fuzz/corpus/<name>.
# A crash leaves its input in $(FUZZ_DIR)/crash-<name>-*; put it into
# test/fuzz/regressions/<name>/ (or a unit test) once fixed.

FUZZ_DIR      ?= $(BUILD)/fuzz
FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_CHECK_SECONDS ?= 10
# fuzz_params needs the CLI's parameter builder (src/cli/cli.h).
FUZZ_NAMES    ?= $(filter-out $(if $(wildcard src/cli/cli.h),,params), \
                 $(patsubst test/fuzz/fuzz_%.c,%,$(wildcard test/fuzz/fuzz_*.c)))
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all \
                 -fno-omit-frame-pointer
FUZZ_OPT      := -O1 -g -MMD -MP -fsanitize=fuzzer-no-link $(FUZZ_SAN)
FUZZ_FLAGS    ?= -max_len=20000 -timeout=10 -rss_limit_mb=2048 \
                 -print_final_stats=1
FUZZ_BIN      := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
# clang's libFuzzer runtime lives in libclang-rt-<major>-dev on Debian.
FUZZ_CLANG_MAJOR := $(or $(shell $(FUZZ_CC) --version 2>/dev/null | \
                    sed -n 's/.*clang version \([0-9][0-9]*\).*/\1/p' | head -n 1),14)
FUZZ_PKGS     := clang libclang-rt-$(FUZZ_CLANG_MAJOR)-dev libbearssl-dev \
                 libjsmn-dev

.PHONY: fuzz check-fuzz fuzz-build fuzz-deps fuzz-lib fuzz-seeds

fuzz-deps:
	@sh test/deps.sh $(FUZZ_PKGS)

# Instrumented library and CLI archive (the main rules, another BUILD).
fuzz-lib: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_DIR) CC=$(FUZZ_CC) \
	  OPT="$(FUZZ_OPT)" $(FUZZ_DIR)/libtcas.a $(FUZZ_DIR)/libtcascli.a \
	  >$(FUZZ_DIR).log 2>&1 || { tail -n 30 $(FUZZ_DIR).log; exit 1; }

$(FUZZ_DIR)/fuzz_%: test/fuzz/fuzz_%.c fuzz-lib
	$(FUZZ_CC) $(CPPFLAGS) -Itest -Isrc -D_POSIX_C_SOURCE=200809L -g -O1 \
	  $(WARN_BASE) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< \
	  $(FUZZ_DIR)/libtcascli.a $(FUZZ_DIR)/libtcas.a $(BEARSSL_LIB) -lm

fuzz-build: $(FUZZ_BIN)

# Seed directories, rebuilt each run from the recordings.
fuzz-seeds:
	@rm -rf $(FUZZ_DIR)/seed && mkdir -p $(FUZZ_DIR)/seed
	@for n in $(FUZZ_NAMES); do mkdir -p $(FUZZ_DIR)/seed/$$n; \
	  [ -d test/fuzz/corpus/$$n ] && cp test/fuzz/corpus/$$n/* \
	    $(FUZZ_DIR)/seed/$$n/ 2>/dev/null; done; true
	@for d in http client; do [ -d $(FUZZ_DIR)/seed/$$d ] || continue; \
	  cp test/data/examples/*.http test/data/http/*.http \
	    $(FUZZ_DIR)/seed/$$d/; done
	@if [ -d $(FUZZ_DIR)/seed/json ]; then \
	  for f in test/data/examples/*.http test/data/http/*.http; do \
	    sed '1,/^\r*$$/d' "$$f" > $(FUZZ_DIR)/seed/json/body-$${f##*/}; \
	  done; cp test/data/examples/*.req.json $(FUZZ_DIR)/seed/json/; fi
	@if [ -d $(FUZZ_DIR)/seed/params ]; then \
	  for f in test/data/examples/*.req.json; do b=$${f##*/}; \
	    { printf '%s\000--cli-input-json\000' "$${b%%.*}"; cat "$$f"; } \
	      > $(FUZZ_DIR)/seed/params/$$b; done; fi


fuzz: fuzz-build fuzz-seeds
	@for n in $(FUZZ_NAMES); do mkdir -p $(FUZZ_DIR)/corpus/$$n; \
	  echo "== fuzz_$$n for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_DIR)/fuzz_$$n $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_DIR)/crash-$$n- $(FUZZ_DIR)/corpus/$$n \
	    $(FUZZ_DIR)/seed/$$n $$(ls -d test/fuzz/regressions/$$n 2>/dev/null) \
	    2>$(FUZZ_DIR)/fuzz_$$n.log || { tail -n 60 $(FUZZ_DIR)/fuzz_$$n.log; \
	    exit 1; }; grep -E '^(stat::number_of_executed_units|Done)' \
	    $(FUZZ_DIR)/fuzz_$$n.log; done

# Bounded: replay every seed and regression input once, then mutate for
# FUZZ_CHECK_SECONDS from the seeds into a scratch corpus.
check-fuzz: fuzz-build fuzz-seeds
	@for n in $(FUZZ_NAMES); do \
	  rm -rf $(FUZZ_DIR)/check/$$n && mkdir -p $(FUZZ_DIR)/check/$$n; \
	  echo "== fuzz_$$n: replay"; \
	  $(FUZZ_DIR)/fuzz_$$n -runs=0 -artifact_prefix=$(FUZZ_DIR)/crash-$$n- \
	    $(FUZZ_DIR)/seed/$$n \
	    $$(ls -d test/fuzz/regressions/$$n 2>/dev/null) \
	    >$(FUZZ_DIR)/check-$$n.log 2>&1 || { tail -n 60 \
	    $(FUZZ_DIR)/check-$$n.log; exit 1; }; \
	  echo "== fuzz_$$n: $(FUZZ_CHECK_SECONDS) s"; \
	  $(FUZZ_DIR)/fuzz_$$n $(FUZZ_FLAGS) \
	    -max_total_time=$(FUZZ_CHECK_SECONDS) \
	    -artifact_prefix=$(FUZZ_DIR)/crash-$$n- $(FUZZ_DIR)/check/$$n \
	    $(FUZZ_DIR)/seed/$$n >>$(FUZZ_DIR)/check-$$n.log 2>&1 || { \
	    tail -n 60 $(FUZZ_DIR)/check-$$n.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units' $(FUZZ_DIR)/check-$$n.log \
	    | tail -n 1; done; echo "check-fuzz: ok"
