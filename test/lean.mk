# test/lean.mk - the feature switches of the boards (TCAS_WITH_* = 0 in
# boards/cortex-m4-lwip.mk and boards/linux-x86_64-static.mk) tested on the
# host: a second library in $(BUILD)/lean built with exactly those -D
# switches, and the unit tests that exercise what the boards keep
# (test_client: every recorded call over the replay port; test_conn:
# keep-alive, reconnects, transport failures; test_retry:
# retries, timeouts, keep-alive; test_clock: clock skew; test_ratelimit, test_proxy:
# the switched-off features refused; test_secrets: wiping; test_features: the
# switched-off setters answer TCAS_E_UNSUPPORTED; test_dns: the POSIX
# resolver without getaddrinfo; test_dns_fault: the same under OS
# failures; test_tls: real handshakes, with the Cortex-M4 board's
# half-duplex TLS buffer, TCAS_TLS_OBUF_SIZE=0, and no read-ahead stage,
# TCAS_TLS_STAGE_SIZE=0; test_tls_stage: TLS records split and merged in
# every way, here the pieces BearSSL asks for one by one) built and run
# against it.
# Part of make check.

LEAN_DEFS  := $(sort $(shell grep -ho -- '-DTCAS_WITH_[A-Z_]*=[01]\|-DTCAS_TLS_OBUF_SIZE=0\|-DTCAS_TLS_STAGE_SIZE=0' \
                boards/cortex-m4-lwip.mk boards/linux-x86_64-static.mk \
                2>/dev/null))
LEAN_TESTS := test_client test_conn test_retry test_clock test_ratelimit test_proxy test_secrets \
              test_features test_dns test_dns_fault test_dns_sys_fault \
              test_tls test_tls_stage

.PHONY: check-lean
check-lean:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/lean \
	  OPT="$(OPT) $(LEAN_DEFS)" $(LEAN_TESTS:%=$(BUILD)/lean/test/%) \
	  >/dev/null
	@for t in $(LEAN_TESTS); do \
	  echo "== $(BUILD)/lean/test/$$t ($(LEAN_DEFS))"; \
	  $(BUILD)/lean/test/$$t >$(BUILD)/lean/$$t.log 2>&1 || \
	    { cat $(BUILD)/lean/$$t.log; exit 1; }; \
	  tail -1 $(BUILD)/lean/$$t.log; \
	done

check: check-lean
