# src/install/install.mk - installing tcas (included by the Makefile).
#
#   make install      tcas, tcas-emu, the man page tcas(1), the bash
#                     completion, and all that install-lib installs
#   make install-lib  libtcas.a, include/tcas/*.h, tcas.pc and the CMake
#                     package (find_package(tcas CONFIG): tcas::tcas);
#                     runs nothing it built, so a cross build installs too
#   make uninstall    removes what install installed
#   make docs         $(BUILD)/tcas.1, and the README's tables of options
#                     and exit codes rewritten from the built tcas
#
# PREFIX (default /usr/local), DESTDIR, BINDIR, LIBDIR, INCLUDEDIR, MANDIR,
# BASHCOMPDIR, PKGCONFIGDIR, CMAKEDIR. Installing runs no apt-get, and on
# an existing build takes the variables it was built with (the Makefile's
# BUILT_VARS), so what is installed is what was built; tcas.pc's Cflags
# and the CMake package's definitions come from the same flags, through
# the compiler (src/install/config_defs.sh).

PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CMAKEDIR     ?= $(LIBDIR)/cmake/tcas
INSTALL      ?= install

HEADERS  := $(notdir $(wildcard include/tcas/*.h))
PKG_DIR  := $(BUILD)/pkg
MAN      := $(BUILD)/tcas.1
BASHCOMP := $(BUILD)/tcas.bash

.PHONY: install install-lib install-bin uninstall docs

# The config.h values the library's flags change (tcas.pc, CMake package).
$(BUILD)/config.defs: $(TIME_STAMP) include/tcas/config.h \
  src/install/config_defs.sh
	@sh src/install/config_defs.sh '$(CC)' $(CPPFLAGS) $(CFLAGS) >$@.tmp
	@mv $@.tmp $@

# The man page and the completion come from the tcas being installed.
$(MAN): $(TCAS) src/gen/gen_man.sh
	@sh src/gen/gen_man.sh man $(TCAS) $(TIME_BUILD) >$@.tmp && mv $@.tmp $@
$(BASHCOMP): $(TCAS)
	@$(TCAS) completion bash >$@.tmp && mv $@.tmp $@

docs: $(MAN)
	@sh src/gen/gen_man.sh readme $(TCAS) README.md >$(BUILD)/README.md
	@if cmp -s README.md $(BUILD)/README.md; then echo "README.md: up to date"; \
	 else cp $(BUILD)/README.md README.md && echo "README.md: tables rewritten"; fi

install: install-lib install-bin

install-lib: $(LIB) $(BUILD)/build.vars $(BUILD)/config.defs
	@sh src/install/pkgfiles.sh $(PKG_DIR) '$(VERSION)' '$(PORT)' \
	  '$(PREFIX)' '$(LIBDIR)' '$(INCLUDEDIR)' '$(CMAKEDIR)' \
	  $(BUILD)/config.defs '$(BEARSSL_LIB)' '$(CC)'
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/tcas \
	  $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(CMAKEDIR)
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libtcas.a
	$(INSTALL) -m 644 $(HEADERS:%=include/tcas/%) $(DESTDIR)$(INCLUDEDIR)/tcas
	$(INSTALL) -m 644 $(PKG_DIR)/tcas.pc $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 644 $(PKG_DIR)/tcasConfig.cmake \
	  $(PKG_DIR)/tcasConfigVersion.cmake $(DESTDIR)$(CMAKEDIR)

install-bin: $(TCAS) $(EMU) $(MAN) $(BASHCOMP)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 755 $(TCAS) $(EMU) $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 644 $(MAN) $(DESTDIR)$(MANDIR)/man1/tcas.1
	$(INSTALL) -m 644 $(BASHCOMP) $(DESTDIR)$(BASHCOMPDIR)/tcas

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tcas $(DESTDIR)$(BINDIR)/tcas-emu \
	  $(DESTDIR)$(LIBDIR)/libtcas.a $(DESTDIR)$(PKGCONFIGDIR)/tcas.pc \
	  $(DESTDIR)$(CMAKEDIR)/tcasConfig.cmake \
	  $(DESTDIR)$(CMAKEDIR)/tcasConfigVersion.cmake \
	  $(HEADERS:%=$(DESTDIR)$(INCLUDEDIR)/tcas/%) \
	  $(DESTDIR)$(MANDIR)/man1/tcas.1 $(DESTDIR)$(BASHCOMPDIR)/tcas
	@rmdir $(DESTDIR)$(INCLUDEDIR)/tcas $(DESTDIR)$(CMAKEDIR) 2>/dev/null || true

# What make check's install and docs tests need (test/e2e/install.sh,
# test/e2e/docs.sh): the consumers' tools and groff to lint the man page.
INSTALL_TEST_PKGS := cmake pkg-config groff-base
.PHONY: install-test-deps
install-test-deps:
	@sh test/deps.sh $(INSTALL_TEST_PKGS)
check: install-test-deps
