#!/bin/sh
# The library example in README.md compiles warning-free against the
# headers and libtcas.a of the tree, and runs: against tcas-emu it prints the
# status of the seeded refresh activity. (test/e2e/install.sh builds it
# against installed copies.)
. test/e2e/lib.sh

start_emu
readme_example "$TMP"
[ -s "$TMP/example.c" ] && ok "README example extracted" || bad "no C example in README"
if ${CC:-cc} -std=c99 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
  -Iinclude "$TMP/example.c" "$B/libtcas.a" -l:libbearssl.a \
  -o "$TMP/example" 2>"$TMP/cc.err"; then
	ok "README example compiles"
else
	bad "README example does not compile" "$(cat "$TMP/cc.err")"
fi
# The same pointed at the emulator.
${CC:-cc} -std=c99 -D_POSIX_C_SOURCE=200809L -Iinclude "$TMP/emu_example.c" \
  "$B/libtcas.a" -l:libbearssl.a -o "$TMP/emu_example" 2>"$TMP/cc.err" ||
  bad "emulator variant does not compile" "$(cat "$TMP/cc.err")"
run "$TMP/emu_example"
expect_rc "README example runs against tcas-emu" 0
expect_in "README example prints the status" "status: FAILED_PAUSE" "$out"

# Built with other limits than the library: refused at init, not a crash.
${CC:-cc} -std=c99 -D_POSIX_C_SOURCE=200809L -DTCAS_HTTP_BODY_MAX=4096 \
  -Iinclude "$TMP/emu_example.c" "$B/libtcas.a" -l:libbearssl.a \
  -o "$TMP/bad_example" 2>"$TMP/cc.err"
run "$TMP/bad_example"
expect_rc "config mismatch caught by tcas_client_init" 2
finish
