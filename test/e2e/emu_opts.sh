#!/bin/sh
# tcas-emu's command line (its options table, test/emu/main.c): help and
# version, every kind of bad option and value refused with exit 2 and a
# message naming it, and a start with one option of each kind.
. test/e2e/lib.sh

run "$EMU" --help
expect_rc "help" 0
expect_in "help: usage line" "usage: tcas-emu [options]" "$out"
expect_in "help: option and its help" \
  "  --listen HOST:PORT       HTTPS listener (default 127.0.0.1:0 when no" "$out"
expect_in "help: continued help line" \
  "                           listener is given)" "$out"
expect_in "help: long synopsis" \
  "  --secret-id ID --secret-key KEY   credentials accepted" "$out"
expect_in "help: text between options" "  modes: slow=MS" "$out"
expect_in "help: last line" "  --version, --help" "$out"

run "$EMU" -h
expect_rc "-h" 0
run "$EMU" --version
expect_rc "version" 0
expect_in "version text" "tcas-emu " "$out"
run "$EMU" --version --bogus
expect_rc "version stops the parse" 0

run "$EMU" --bogus
expect_rc "unknown option" 2
expect_in "unknown option named" "unknown option --bogus" "$err"
run "$EMU" stray
expect_rc "stray argument" 2
expect_in "stray argument named" "unexpected argument stray" "$err"
run "$EMU" --listen
expect_rc "missing value" 2
expect_in "missing value named" "missing value for \`--listen\`" "$err"

for bad in "--max-conns 0" "--max-conns 100001" "--max-conns x" \
           "--skew -1" "--seed-groups 2.5" "--seed -1" \
           "--refresh-fail-after 1001" "--batch-seconds 1e7" \
           "--exit-after 0" "--max-requests 0" "--rate =5" \
           "--rate Describe=x" "--rate 2000000" "--tls-cert other" \
           "--fault nosuchmode"; do
	# shellcheck disable=SC2086 # the option and its value, split
	run "$EMU" $bad
	expect_rc "refused: $bad" 2
	expect_in "refusal names ${bad%% *}" "${bad%% *}" "$err"
done

run "$EMU" --secret-key hidden-key-value --secret-key ""
expect_rc "empty secret key" 2
expect_not_in "secret key not echoed" "hidden-key-value" "$out$err"
run "$EMU" --secret-id AKIDONE
expect_rc "id without key" 2
expect_in "pairs wanted" "in pairs" "$err"
run "$EMU" --faults "$TMP/no-such-file"
expect_rc "missing rule file" 2

# One option of each kind, then a call through it.
start_emu --allow-remote --max-conns 8 --skew 600 --batch-seconds 0 \
  --seed 7 --seed-groups 1 --rate 0 --rate DescribeAutoScalingGroups=5 \
  --fault slow=1 --secret-id "$TENCENTCLOUD_SECRET_ID" \
  --secret-key "$TENCENTCLOUD_SECRET_KEY"
run "$TCAS" --endpoint "$HEP" DescribeAutoScalingGroups
expect_rc "call to an emulator started with every kind of option" 0
stop_emu

finish
