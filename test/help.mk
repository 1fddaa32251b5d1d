# test/help.mk - the CLI built with the short help (TCAS_CLI_HELP=short,
# the static board's choice) on the host, for make check: the CLI's
# objects compiled again with -DTCAS_CLI_HELP_FULL=0 under
# $(BUILD)/obj/help-short, linked into $(BUILD)/tcas-help-short (which
# test/e2e/help.sh checks like build/tcas) and, with the unit test of the
# help texts, into $(BUILD)/test/test_cli_docs_short (through the archive
# $(BUILD)/libtcascli-short.a), run by test/run.sh like every test program.
# Also the command without JMESPath (TCAS_CLI_JMESPATH=0: only query.c
# differs), $(BUILD)/tcas-no-jmespath, which test/e2e/jmespath.sh checks
# refuses --filter and query as it says.

HELP_SHORT_OBJ := $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/help-short/%.o)

$(BUILD)/obj/help-short/%.o: src/cli/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DTCAS_CLI_HELP_FULL=0 -D_POSIX_C_SOURCE=200809L \
	  $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/tcas-help-short: $(HELP_SHORT_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(HELP_SHORT_OBJ) $(LIB) $(BEARSSL_LIB)
$(BUILD)/obj/help-short/test_cli_docs.o: test/unit/test_cli_docs.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itest -DTCAS_CLI_HELP_FULL=0 -D_POSIX_C_SOURCE=200809L \
	  -D_DEFAULT_SOURCE $(CFLAGS) $(WARN_BASE) -c $< -o $@
$(BUILD)/libtcascli-short.a: $(filter-out %/main.o,$(HELP_SHORT_OBJ))
	rm -f $@ && ar rcs $@ $^
$(BUILD)/test/test_cli_docs_short: $(BUILD)/obj/help-short/test_cli_docs.o \
  $(BUILD)/libtcascli-short.a $(SUP) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lcmocka $(BEARSSL_LIB) -lm

tests: $(BUILD)/test/test_cli_docs_short
tests: $(BUILD)/tcas-help-short

NO_JP_OBJ := $(filter-out %/query.o,$(CLI_OBJ)) $(BUILD)/obj/no-jmespath/query.o
$(BUILD)/obj/no-jmespath/query.o: src/cli/query.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CLI_DEFS) -DTCAS_CLI_WITH_JMESPATH=0 \
	  -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/tcas-no-jmespath: $(NO_JP_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(NO_JP_OBJ) $(LIB) $(BEARSSL_LIB)
tests: $(BUILD)/tcas-no-jmespath
-include $(BUILD)/obj/no-jmespath/query.d

# The command of the board linux-x86_64-gateway on the host: every part of
# CLI_PARTS off (the files that test a TCAS_CLI_WITH_ switch compiled again
# under $(BUILD)/obj/gateway), $(BUILD)/tcas-gateway, which
# test/e2e/gateway.sh checks refuses each part, sending nothing, and still
# makes calls.
GATEWAY_DEFS := $(foreach p,$(CLI_PARTS),-DTCAS_CLI_WITH_$(p)=0)
GATEWAY_SRC := $(shell grep -l 'TCAS_CLI_WITH_' $(CLI_SRC))
GATEWAY_OBJ := $(GATEWAY_SRC:src/cli/%.c=$(BUILD)/obj/gateway/%.o)
$(BUILD)/obj/gateway/%.o: src/cli/%.c $(TIME_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CLI_DEFS) $(GATEWAY_DEFS) \
	  -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN_LIB) -c $< -o $@
$(BUILD)/tcas-gateway: $(filter-out $(GATEWAY_SRC:src/cli/%.c=$(BUILD)/obj/src/cli/%.o),$(CLI_OBJ)) \
  $(GATEWAY_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(BEARSSL_LIB)
tests: $(BUILD)/tcas-gateway
-include $(GATEWAY_OBJ:.o=.d)
