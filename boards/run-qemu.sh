#!/bin/sh
# Run a board's test programs under qemu-user:
#   sh boards/run-qemu.sh BUILD_DIR "QEMU_LD_PREFIX=... qemu-ARCH" [XFAIL...]
# Tests run from the repository root as in test/run.sh. Children they
# start with system() (openssl, sh, cc) run natively on the host; the
# board's own tools (tcas-pem2c, tcas) are reached through wrapper scripts
# in BUILD_DIR/qemu-wrap, which is what TCAS_BUILD points at.
# XFAIL entries "program/case" name cmocka cases known to fail because of
# the emulator, not tcas: a program whose only failures are listed passes
# with a note; any other failure fails.
build=$1; run=$2; shift 2
xfail=" $* "
wrap="$build/qemu-wrap"
mkdir -p "$wrap"
for b in tcas-pem2c tcas tcas-emu; do
	[ -x "$build/$b" ] || continue
	printf '#!/bin/sh\nexec env %s "%s" "$@"\n' "$run" "$(pwd)/$build/$b" >"$wrap/$b"
	chmod +x "$wrap/$b"
done
# Failed cases of a cmocka log that are not in xfail for program $1.
unexpected() {
	sed -n 's/^\[  FAILED  \] \([A-Za-z0-9_]*\)$/\1/p' "$2" | sort -u |
	while read -r c; do
		case "$xfail" in *" $1/$c "*) ;; *) echo "$c" ;; esac
	done
}
pass=0; fail=0; failed=""; log="$build/qemu-test.log"
for t in "$build"/test/test_*; do
	[ -x "$t" ] || continue
	echo "== $t (qemu)"
	if timeout -k 10 "${TCAS_TEST_LIMIT:-600}" env TCAS_BUILD="$wrap" $run "$t" >"$log" 2>&1; then
		cat "$log"; pass=$((pass+1)); continue
	fi
	cat "$log"
	p=$(basename "$t")
	if grep -q '^\[  FAILED  \] [A-Za-z0-9_]*$' "$log" && [ -z "$(unexpected "$p" "$log")" ]; then
		echo "   (known emulator failures only:$(sed -n 's/^\[  FAILED  \] \([A-Za-z0-9_]*\)$/ \1/p' "$log" | sort -u | tr -d '\n'); counted as passed)"
		pass=$((pass+1))
	else
		fail=$((fail+1)); failed="$failed $t"
	fi
done
[ -n "$failed" ] && echo "FAILED:$failed"
echo "$build: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
