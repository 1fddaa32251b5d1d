# test/jmespath/jmespath.mk - the long differential fuzz run of the
# JMESPath evaluator against the python jmespath library (included by the
# main Makefile; not part of make check: run it after changing the
# evaluator, and keep README's Reliability figure up to date).
#
#   make fuzz-diff                       FUZZ_DIFF_N (100000) expressions
#   make fuzz-diff FUZZ_DIFF_N=1000000 FUZZ_DIFF_SEED=7
#
# The batch harness is built with ASan and UBSan, so a memory error stops
# the run as a disagreement would.

FUZZ_DIFF_N    ?= 100000
FUZZ_DIFF_SEED ?= 1
JP_BATCH       := $(BUILD)/jmespath/batch

.PHONY: fuzz-diff

# The library's sources but the port (the evaluator needs no network).
JP_BATCH_SRC := $(filter-out port/%,$(LIB_SRC))
$(JP_BATCH): test/jmespath/batch.c $(JP_BATCH_SRC) $(wildcard src/*.h include/tcas/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -O1 -g -fsanitize=address,undefined \
	  -fno-sanitize-recover=all $(WARN_BASE) -o $@ test/jmespath/batch.c \
	  $(JP_BATCH_SRC) $(BEARSSL_LIB)

fuzz-diff: $(JP_BATCH)
	@sh test/deps.sh python3-jmespath
	/usr/bin/python3 test/jmespath/fuzz_diff.py $(JP_BATCH) $(FUZZ_DIFF_N) \
	  $(FUZZ_DIFF_SEED)
