#!/bin/sh
# The library example in README.md compiles warning-free against the
# installed headers and libtcas.a, and runs: against tcas-emu it prints the
# status of the seeded refresh activity.
. test/e2e/lib.sh

awk '/^## The library/{f=1} f&&/^```c$/{c=1;next} c&&/^```$/{exit} c{print}' \
  README.md >"$TMP/example.c"
[ -s "$TMP/example.c" ] && ok "README example extracted" || bad "no C example in README"
if ${CC:-cc} -std=c99 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
  -Iinclude "$TMP/example.c" "$B/libtcas.a" -l:libbearssl.a \
  -o "$TMP/example" 2>"$TMP/cc.err"; then
	ok "README example compiles"
else
	bad "README example does not compile" "$(cat "$TMP/cc.err")"
fi
# Point the example at the emulator: same program, endpoint and CA swapped
# in with sed (the README shows the real service).
start_emu
sed -e "s#tcas_client_set_region(&client#tcas_client_set_endpoint(\&client, \"$EP\");\n\ttcas_client_set_region(\&client#" \
    -e "s#/etc/ssl/certs/ca-certificates.crt#$CA#" "$TMP/example.c" >"$TMP/emu_example.c"
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
