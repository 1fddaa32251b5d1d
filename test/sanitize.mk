# test/sanitize.mk - the test suite under ASan+UBSan and valgrind, and
# line/branch coverage (included by the main Makefile).
#
#   make check-asan       the whole make check in $(ASAN_BUILD) with
#                         -fsanitize=address,undefined (unit programs and
#                         e2e scripts; log in $(ASAN_BUILD)/check.log)
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

VALGRIND    ?= valgrind
VG_FLAGS    ?= -q --error-exitcode=1 --leak-check=full \
               --errors-for-leak-kinds=definite --track-origins=yes

COV_BUILD  ?= build/cov
GCOV       ?= gcov

.PHONY: check-asan check-valgrind coverage sanitize-deps

sanitize-deps:
	@sh test/deps.sh $(DEB_PKGS) valgrind

# The whole "make check" (every build product, unit programs, e2e scripts,
# and whatever other fragments hang on check) in its own build directory,
# with the sanitizer flags inside CC so that e2e scripts compiling against
# the library (readme.sh) use them too. check-clang inside stays a plain
# clang build (it sets CC itself).
check-asan: sanitize-deps
	@mkdir -p $(ASAN_BUILD)
	@$(ASAN_ENV) $(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CHECK_SIZE= \
	  CC="$(ASAN_CC) $(ASAN_SAN)" OPT="-O1 -g -MMD -MP" \
	  LDFLAGS="$(ASAN_SAN)" check >$(ASAN_BUILD)/check.log 2>&1; rc=$$?; \
	  grep -E '^(== |FAIL|FAILED|[0-9]+ passed)|runtime error|ERROR: ' \
	  $(ASAN_BUILD)/check.log | tail -n 40; [ $$rc -eq 0 ] || { \
	  echo "check-asan: FAILED (log: $(ASAN_BUILD)/check.log)"; exit 1; }
	@echo "check-asan: ok"

# Unit programs only: the e2e scripts spend their time in tcas-emu and
# openssl, and take far longer under valgrind.
check-valgrind: sanitize-deps tests
	@pass=0; failed=""; for t in $(BUILD)/test/test_*; do \
	  [ -x "$$t" ] || continue; echo "== valgrind $$t"; \
	  if TCAS_BUILD=$(BUILD) timeout -k 10 $${TCAS_TEST_LIMIT:-600} \
	    $(VALGRIND) $(VG_FLAGS) "$$t" \
	    >$$t.vg.log 2>&1; then pass=$$((pass+1)); \
	  else failed="$$failed $$t"; tail -n 40 $$t.vg.log; fi; done; \
	  [ -z "$$failed" ] || { echo "check-valgrind: FAILED:$$failed"; \
	  exit 1; }; echo "check-valgrind: $$pass programs, no findings"

# -Wno-format-truncation: at -O0 gcc cannot bound the snprintf in
# test/unit/test_utctime.c (40-byte buffer) and warns; -O2 builds do not.
coverage: sanitize-deps
	@mkdir -p $(COV_BUILD)
	@find $(COV_BUILD) -name '*.gcda' -delete
	@$(MAKE) --no-print-directory BUILD=$(COV_BUILD) CHECK_SIZE= \
	  CC="gcc --coverage -Wno-format-truncation" OPT="-O0 -g -MMD -MP" \
	  LDFLAGS="--coverage" check >$(COV_BUILD)/check.log 2>&1; rc=$$?; \
	  tail -n 1 $(COV_BUILD)/check.log; \
	  $(PYTHON) test/cov_table.py --gcov $(GCOV) $(COV_BUILD)/obj src port \
	  || rc=1; exit $$rc
