# src/install/install.mk - the man page and generated docs (included by
# the Makefile).
#
#   make docs         $(BUILD)/tcas.1, and the README's tables of options
#                     and exit codes rewritten from the built tcas

MAN := $(BUILD)/tcas.1

.PHONY: docs

# The man page comes from the tcas it documents.
$(MAN): $(TCAS) src/gen/gen_man.sh
	@sh src/gen/gen_man.sh man $(TCAS) $(TIME_BUILD) >$@.tmp && mv $@.tmp $@

docs: $(MAN)
	@sh src/gen/gen_man.sh readme $(TCAS) README.md >$(BUILD)/README.md
	@if cmp -s README.md $(BUILD)/README.md; then echo "README.md: up to date"; \
	 else cp $(BUILD)/README.md README.md && echo "README.md: tables rewritten"; fi

# What make check's docs test needs (test/e2e/docs.sh): groff, to lint
# the man page.
INSTALL_TEST_PKGS := groff-base
.PHONY: install-test-deps
install-test-deps:
	@sh test/deps.sh $(INSTALL_TEST_PKGS)
check: install-test-deps
