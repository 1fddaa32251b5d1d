#!/bin/sh
# Run every test program (build/test/test_*) and every end-to-end script
# (test/e2e/*.sh), then print one closing line "N passed, N failed".
# Each program/script counts as one test here; cmocka prints the per-case
# results above it, and each gets a closing "-- NAME: N s" line. A test
# still running after TCAS_TEST_LIMIT seconds (default 600) is stopped and
# counted as failed, so a hang costs minutes, not the CI's whole budget.
build=${1:-build}
limit=${TCAS_TEST_LIMIT:-600}
pass=0; fail=0; failed=""
# one NAME CMD...: run a test under the limit; its exit code.
one() {
	name=$1; shift
	start=$(date +%s)
	TCAS_BUILD="$build" timeout -k 10 "$limit" "$@"; r=$?
	[ "$r" -eq 124 ] || [ "$r" -eq 137 ] &&
		echo "TIMEOUT: $name still running after $limit s (TCAS_TEST_LIMIT)"
	echo "-- $name: $(($(date +%s) - start)) s"
	return "$r"
}
for t in "$build"/test/test_*; do
	[ -x "$t" ] || continue
	echo "== $t"
	if one "$t" "$t"; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $t"; fi
done
for t in test/e2e/*.sh; do
	[ -f "$t" ] && [ "$t" != test/e2e/lib.sh ] || continue
	echo "== $t"
	if one "$t" sh "$t"; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $t"; fi
done
[ -n "$failed" ] && echo "FAILED:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
