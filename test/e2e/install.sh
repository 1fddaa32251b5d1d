#!/bin/sh
# Installed and consumed like any C library. make install puts the build
# into a staging root (DESTDIR, PREFIX=/usr) without compiling anything;
# programs outside the tree then build against that root and run: with
# `pkg-config --cflags --libs --static tcas` (PKG_CONFIG_SYSROOT_DIR) and
# with CMake's find_package(tcas CONFIG) (CMAKE_PREFIX_PATH). tcas is also
# built by CMake through add_subdirectory() with other limits, installed
# by CMake, and found again; CMake's lwIP port option is compiled; the
# lean build of make check (TCAS_WITH_*=0) is installed with make
# install-lib. Each program is the README's library
# example pointed at tcas-emu: it runs only if it sees tcas_client as the
# library was built (tcas_client_init() refuses another size). Last, make
# uninstall empties the root. One CMake configure per scenario.
. test/e2e/lib.sh

# Installing takes the build's own variables (build.vars): nothing of the
# calling make may leak in.
unset MAKEFLAGS MFLAGS MAKELEVEL
CC=${CC:-cc}
start_emu
readme_example "$TMP"
EX=$TMP/emu_example.c

# pkgconf ROOT PC_DIR PROG: build EX with pkg-config's flags for tcas
# installed under ROOT; sets rc.
pkgconf_build() {
	flags=$(PKG_CONFIG_SYSROOT_DIR=$1 PKG_CONFIG_LIBDIR=$1$2 \
	  pkg-config --cflags --libs --static tcas) || { rc=1; return; }
	# shellcheck disable=SC2086 # the flags are words
	$CC -std=c99 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L "$EX" \
	  $flags -o "$3" 2>"$TMP/cc.err"
	rc=$?
}
# cmake_build DIR ARGS...: configure test/install into DIR and build it.
cmake_build() {
	d=$1
	shift
	{ cmake -S test/install -B "$d" -DEXAMPLE="$EX" \
	    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "$@" &&
	  cmake --build "$d" -j2; } >"$TMP/cmake.log" 2>&1
	rc=$?
}
# runs NAME PROG: PROG (an example) calls tcas-emu and prints the status.
runs() {
	run "$2"
	expect_rc "$1 runs against tcas-emu" 0
	expect_in "$1 prints the refresh status" "status: FAILED_PAUSE" "$out"
}

# ---- make install into a staging root -------------------------------------
S=$TMP/stage
touch "$TMP/before"
sleep 1
run make -s install BUILD="$B" DESTDIR="$S" PREFIX=/usr
expect_rc "make install DESTDIR=... PREFIX=/usr" 0
missing=""
for f in bin/tcas bin/tcas-emu include/tcas/client.h include/tcas/config.h \
  lib/libtcas.a lib/pkgconfig/tcas.pc lib/cmake/tcas/tcasConfig.cmake \
  lib/cmake/tcas/tcasConfigVersion.cmake share/man/man1/tcas.1 \
  share/bash-completion/completions/tcas; do
	[ -s "$S/usr/$f" ] || missing="$missing /usr/$f"
done
[ -z "$missing" ] &&
	ok "make install: programs, headers, library, tcas.pc, CMake package, man page, completion" ||
	bad "make install: missing$missing"
[ "$(ls "$S/usr/include/tcas" | wc -l)" = "$(ls include/tcas/*.h | wc -l)" ] &&
	ok "make install: every public header" || bad "make install: headers" "$(ls "$S/usr/include/tcas")"
new=$(find "$B" -newer "$TMP/before" \( -name '*.o' -o -name 'libtcas.a' \) | head -3)
[ -z "$new" ] && ok "make install compiled nothing" || bad "make install rebuilt" "$new"
cmp -s "$B/libtcas.a" "$S/usr/lib/libtcas.a" && ok "the installed libtcas.a is the build's" ||
	bad "the installed libtcas.a differs from $B/libtcas.a"
run "$S/usr/bin/tcas" --version
expect_in "the installed tcas runs" "tcas " "$out"
bash -n "$S/usr/share/bash-completion/completions/tcas" 2>"$TMP/err" &&
	ok "the installed completion is bash" || bad "completion: bash -n" "$(cat "$TMP/err")"
run make -s install BUILD="$B" DESTDIR="$S" PREFIX=/usr OPT=-O0
expect_rc "make install with other flags than the build's is refused" 2
expect_in "  and says which" "built with OPT=" "$err"

# ---- pkg-config, from the staging root --------------------------------------
pkgconf_build "$S" /usr/lib/pkgconfig "$TMP/ex_pc"
expect_rc "example builds with pkg-config --static (sysroot)" 0
[ "$rc" = 0 ] || cat "$TMP/cc.err"
runs "pkg-config example" "$TMP/ex_pc"

# ---- CMake find_package, from the staging root ------------------------------
cmake_build "$TMP/fp" -DCMAKE_PREFIX_PATH="$S/usr"
expect_rc "example builds with find_package(tcas CONFIG)" 0
[ "$rc" = 0 ] || tail -20 "$TMP/cmake.log"
expect_in "  found in the staging root" "tcas_DIR=$S/usr/lib/cmake/tcas" "$(cat "$TMP/cmake.log")"
runs "find_package example" "$TMP/fp/example"

# ---- CMake add_subdirectory with other limits, then its own install ---------
# (warnings as errors: the CMake build compiles warning-free too)
cmake_build "$TMP/sub" -DTCAS_SOURCE_DIR="$PWD" -DTCAS_HTTP_BODY_MAX=32768 \
  -DTCAS_WITH_LOG=OFF -DTCAS_WARNINGS=ON -DTCAS_WERROR=ON -DTCAS_INSTALL=ON \
  -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib
expect_rc "example builds with add_subdirectory(tcas), other limits" 0
[ "$rc" = 0 ] || tail -20 "$TMP/cmake.log"
runs "add_subdirectory example" "$TMP/sub/example"
C=$TMP/cstage
DESTDIR=$C cmake --install "$TMP/sub" >"$TMP/cmake.log" 2>&1
rc=$?
expect_rc "cmake --install of the add_subdirectory build" 0
expect_in "CMake's tcas.pc carries the limits" \
  "-DTCAS_HTTP_BODY_MAX=32768 -DTCAS_WITH_LOG=0" "$(cat "$C/usr/lib/pkgconfig/tcas.pc")"
cmake_build "$TMP/fp2" -DCMAKE_PREFIX_PATH="$C/usr"
expect_rc "example builds with find_package of CMake's install" 0
[ "$rc" = 0 ] || tail -20 "$TMP/cmake.log"
runs "find_package (CMake-installed) example" "$TMP/fp2/example"
pkgconf_build "$C" /usr/lib/pkgconfig "$TMP/ex_pc2"
runs "pkg-config (CMake-installed) example" "$TMP/ex_pc2"
# Without the definitions the program disagrees with the library: the
# check above means something.
$CC -std=c99 -D_POSIX_C_SOURCE=200809L -I"$C/usr/include" "$EX" \
  "$C/usr/lib/libtcas.a" -l:libbearssl.a -o "$TMP/ex_nodefs" 2>"$TMP/cc.err"
run "$TMP/ex_nodefs"
expect_rc "  without them tcas_client_init refuses (TCAS_E_CONFIG)" 2

# ---- CMake with TCAS_PORT=lwip: the lwIP port's files, and no POSIX one,
# compile warning-free against Debian's lwIP (TCAS_INCLUDE_DIRS)
lw=$TMP/lwip
if [ ! -f /usr/include/lwip/lwipopts.h ]; then
	echo "skip - no liblwip-dev (make check installs it)"
else
	{ cmake -S . -B "$lw" -DTCAS_PORT=lwip -DTCAS_INCLUDE_DIRS=/usr/include/lwip \
	    -DTCAS_WERROR=ON && make -C "$lw" help; } >"$TMP/cmake.log" 2>&1
	objs=$(sed -n 's#^\.\.\. \(port/.*\.o\)$#\1#p' "$TMP/cmake.log")
	expect_in "TCAS_PORT=lwip picks port/lwip" "port/lwip/port_lwip_raw.o" "$objs"
	expect_not_in "  and not port/posix" "port/posix" "$objs"
	# shellcheck disable=SC2086 # the object targets are words
	make -C "$lw" $objs >"$TMP/cmake.log" 2>&1 && ok "  its files compile with -Werror" ||
		bad "  port/lwip does not compile under CMake" "$(tail -20 "$TMP/cmake.log")"
fi

# ---- make install-lib of the lean build (make check-lean) --------------------
if [ -f "$B/lean/build.vars" ]; then
	L=$TMP/lean
	run make -s install-lib BUILD="$B/lean" DESTDIR="$L" PREFIX=/usr
	expect_rc "make install-lib of the lean build" 0
	expect_in "its tcas.pc names the switches it was built with" \
	  "-DTCAS_WITH_PROXY=0" "$(grep '^Cflags' "$L/usr/lib/pkgconfig/tcas.pc")"
	[ ! -e "$L/usr/bin" ] && ok "  install-lib installs no programs" ||
		bad "install-lib installed $(ls "$L/usr/bin")"
	pkgconf_build "$L" /usr/lib/pkgconfig "$TMP/ex_lean"
	runs "pkg-config (lean) example" "$TMP/ex_lean"
else
	echo "skip - no $B/lean build (make check-lean)"
fi

# ---- make uninstall -----------------------------------------------------------
run make -s uninstall DESTDIR="$S" PREFIX=/usr
expect_rc "make uninstall" 0
left=$(find "$S" -type f)
[ -z "$left" ] && ok "make uninstall removes every installed file" ||
	bad "make uninstall left files" "$left"
finish
