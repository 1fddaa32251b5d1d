#!/bin/sh
# Run every test program (build/test/test_*) and every end-to-end script
# (test/e2e/*.sh), then print one closing line "N passed, N failed".
# Each program/script counts as one test here; cmocka prints the per-case
# results above it.
build=${1:-build}
pass=0; fail=0; failed=""
for t in "$build"/test/test_*; do
	[ -x "$t" ] || continue
	echo "== $t"
	if TCAS_BUILD="$build" "$t"; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $t"; fi
done
for t in test/e2e/*.sh; do
	[ -f "$t" ] && [ "$t" != test/e2e/lib.sh ] || continue
	echo "== $t"
	if TCAS_BUILD="$build" sh "$t"; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $t"; fi
done
[ -n "$failed" ] && echo "FAILED:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
