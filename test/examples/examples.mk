# The README's example programs, built against libtcas.a and run against
# tcas-emu by test/e2e/examples.sh (make check). Included by the Makefile.
EXAMPLES_SRC := $(wildcard test/examples/*.c)
EXAMPLES_BIN := $(EXAMPLES_SRC:test/examples/%.c=$(BUILD)/examples/%)

.PHONY: examples
examples: $(EXAMPLES_BIN)
check: examples

$(BUILD)/examples/%: test/examples/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) \
	  -o $@ $< $(LIB) $(BEARSSL_LIB)
