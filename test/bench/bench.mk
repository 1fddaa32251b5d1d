# test/bench/bench.mk - `make bench`: tcas against the official Node.js SDK
# on this machine, both talking to tcas-emu on loopback. Prints the table
# and writes it to test/bench/results.txt (git-ignored). See
# test/bench/run.sh for what is measured and how.

BENCH_BIN := $(BUILD)/bench/tcas-bench
BENCH_SU  := $(BUILD)/bench/su/sign.su

BENCH_EXEC := $(BUILD)/bench/tcas-execstat
# nginx (a TLS server that is not ours) and curl (OpenSSL) for the fresh
# HTTPS rows; musl for a launcher with a tiny memory floor.
BENCH_PKGS := nginx-light curl musl-tools

.PHONY: bench
bench: lib cli emu $(BENCH_BIN) $(BENCH_SU) $(BENCH_EXEC)
	@sh test/deps.sh $(BENCH_PKGS)
	@if [ -x build/linux-x86_64-static/tcas ]; then \
	  echo "bench: bringing the static board build up to date"; \
	  $(MAKE) --no-print-directory BOARD=linux-x86_64-static \
	    >$(BUILD)/bench/static-board.log 2>&1 || \
	  { tail -20 $(BUILD)/bench/static-board.log; exit 1; }; fi
	@sh test/bench/run.sh $(BUILD)

# The fresh-process launcher (test/bench/execstat.c says why it is a
# program of its own): static musl when there is musl-gcc, else the best
# link there is.
$(BENCH_EXEC): test/bench/execstat.c
	@mkdir -p $(@D)
	@musl-gcc -static -Os -o $@ $< 2>/dev/null || \
	  $(CC) -static -O2 -o $@ $< 2>/dev/null || $(CC) -O2 -o $@ $<

$(BENCH_BIN): $(BUILD)/obj/test/bench/bench.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(BEARSSL_LIB)

# Static stack use of each signer function (the compiler's own figure, to
# set beside the painted measurement).
$(BENCH_SU): src/sign.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fstack-usage -c src/sign.c \
	  -o $(BUILD)/bench/su/sign.o

# A static tcas for the footprint and fresh-process rows: the board build
# (make BOARD=linux-x86_64-static: musl, stripped) when it exists, else this
# glibc -static link of the same objects (glibc warns that getaddrinfo
# wants its NSS libraries at run time; loopback IPs and localhost resolve
# without them). Skipped quietly where no static libc is installed.
BENCH_STATIC := $(BUILD)/bench/tcas-static
bench: $(BENCH_STATIC)
$(BENCH_STATIC): $(CLI_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(CC) $(LDFLAGS) -static -o $@ $(CLI_OBJ) $(LIB) $(BEARSSL_LIB) \
	  2>$(BUILD)/bench/static-link.log || \
	  { echo "bench: no static tcas (see $(BUILD)/bench/static-link.log)"; \
	    rm -f $@; }
