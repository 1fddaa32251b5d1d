# test/sanitize.mk - the test suite under ASan+UBSan and valgrind, and
# line/branch coverage (included by the main Makefile).
#
#   make check-asan       everything rebuilt in $(ASAN_BUILD) with
#                         -fsanitize=address,undefined, then test/run.sh
#                         (unit programs and e2e scripts)
#   make check-valgrind   every unit test program of $(BUILD) under
#                         valgrind memcheck (leaks: definite ones fail)
#   make coverage         gcc --coverage build in $(COV_BUILD), the whole
#                         suite, then a per-file line/branch table of src/
#                         and port/ (test/cov_table.py; needs python3)

ASAN_BUILD ?= build/asan
ASAN_CC    ?= $(CC)
ASAN_SAN   := -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=all
ASAN_ENV   := ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
              UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
SAN_TARGETS ?= all tests

VALGRIND    ?= valgrind
VG_FLAGS    ?= -q --error-exitcode=1 --leak-check=full \
               --errors-for-leak-kinds=definite --track-origins=yes

COV_BUILD  ?= build/cov
GCOV       ?= gcov

.PHONY: check-asan check-valgrind coverage sanitize-deps

sanitize-deps:
	@sh test/deps.sh $(DEB_PKGS) valgrind

check-asan: sanitize-deps
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CC=$(ASAN_CC) \
	  OPT="-O1 -g -MMD -MP $(ASAN_SAN)" LDFLAGS="$(ASAN_SAN)" \
	  $(SAN_TARGETS) >$(ASAN_BUILD).log 2>&1 || { tail -n 40 \
	  $(ASAN_BUILD).log; exit 1; }
	@# CC: e2e scripts that compile against the library (readme.sh)
	@$(ASAN_ENV) CC="$(ASAN_CC) $(ASAN_SAN)" sh test/run.sh $(ASAN_BUILD)
	@echo "check-asan: ok"

# Unit programs only: the e2e scripts spend their time in tcas-emu and
# openssl, and take far longer under valgrind.
check-valgrind: sanitize-deps tests
	@pass=0; failed=""; for t in $(BUILD)/test/test_*; do \
	  [ -x "$$t" ] || continue; echo "== valgrind $$t"; \
	  if TCAS_BUILD=$(BUILD) $(VALGRIND) $(VG_FLAGS) "$$t" \
	    >$$t.vg.log 2>&1; then pass=$$((pass+1)); \
	  else failed="$$failed $$t"; tail -n 40 $$t.vg.log; fi; done; \
	  [ -z "$$failed" ] || { echo "check-valgrind: FAILED:$$failed"; \
	  exit 1; }; echo "check-valgrind: $$pass programs, no findings"

# -Wno-format-truncation: at -O0 gcc cannot bound the snprintf in
# test/unit/test_utctime.c (40-byte buffer) and warns; -O2 builds do not.
coverage: sanitize-deps
	@$(MAKE) --no-print-directory BUILD=$(COV_BUILD) CC=gcc \
	  OPT="-O0 -g -MMD -MP --coverage -Wno-format-truncation" LDFLAGS="--coverage" \
	  $(SAN_TARGETS) >$(COV_BUILD).log 2>&1 || { tail -n 40 \
	  $(COV_BUILD).log; exit 1; }
	@find $(COV_BUILD) -name '*.gcda' -delete
	@CC="gcc --coverage" sh test/run.sh $(COV_BUILD) >$(COV_BUILD)/run.log \
	  2>&1; rc=$$?; \
	  tail -n 1 $(COV_BUILD)/run.log; \
	  $(PYTHON) test/cov_table.py --gcov $(GCOV) $(COV_BUILD)/obj src port \
	  || rc=1; exit $$rc
