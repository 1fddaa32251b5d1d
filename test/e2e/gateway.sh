#!/bin/sh
# The gateway profile (board linux-x86_64-gateway; its host twin
# $B/tcas-gateway, built by make tests with every TCAS_CLI_<PART> at 0):
# each part left out is refused with exit 2 and a message naming its
# switch, before anything reaches the server (the emulator's log does not
# grow; ~/.tccli is not written), and an ordinary call still works.
. test/e2e/lib.sh

GW=$B/tcas-gateway
[ -x "$GW" ] || { bad "no $GW (make tests builds it)"; finish; exit 1; }
start_emu
C="--endpoint $EP --ca-file $CA --region ap-guangzhou"
G=asg-h7tgd87d
export HOME=$TMP/home
mkdir -p "$HOME"
printf '{"AutoScalingGroupSet": []}\n' >"$TMP/doc.json"
lines() { wc -l <"$TMP/emu.log" 2>/dev/null || echo 0; }

# refused SWITCH NAME ARGS...: exit 2, SWITCH=0 named on stderr, the
# server untouched.
refused() {
	sw=$1 name=$2
	shift 2
	before=$(lines)
	run "$GW" "$@"
	expect_rc "$name refused" 2
	expect_in "$name: says it is left out" "this tcas is built without" "$err"
	expect_in "$name: names $sw=0" "($sw=0)" "$err"
	[ "$(lines)" = "$before" ] && ok "$name: nothing sent" ||
		bad "$name: the server saw a request" "$(tail -n 3 "$TMP/emu.log")"
}

refused TCAS_CLI_WITH_JMESPATH "--filter" $C DescribeAutoScalingGroups --filter "AutoScalingGroupSet[0]"
refused TCAS_CLI_WITH_JMESPATH "query" query "@" "$TMP/doc.json"
refused TCAS_CLI_WITH_TABLE "--output table" $C DescribeAutoScalingGroups --output table
refused TCAS_CLI_WITH_CONFIGURE "configure set" configure set region ap-beijing
[ ! -e "$HOME/.tccli" ] && ok "configure set wrote nothing" || bad "configure set wrote $HOME/.tccli"
refused TCAS_CLI_WITH_CONFIGURE "configure list" configure list
refused TCAS_CLI_WITH_COMPLETION "completion" completion bash
refused TCAS_CLI_WITH_COMPLETION "__params" __params DescribeAutoScalingGroups
refused TCAS_CLI_WITH_COMPLETION "__values" __values StartInstanceRefresh RefreshMode
refused TCAS_CLI_WITH_WAIT "wait" $C wait refresh-finished --AutoScalingGroupId $G --RefreshActivityId asr-juhf6ytr --timeout 2 --interval 1
refused TCAS_CLI_WITH_WAIT "--wait (a call that changes state)" $C StartInstanceRefresh \
	--AutoScalingGroupId $G --RefreshSettings.RollingUpdateSettings.BatchNumber 4 --wait

# the help offers what the build has, and says what it lacks
run "$GW" --help
expect_rc "--help" 0
for w in "tcas configure" "tcas wait" "tcas completion" "tcas query" "tcas help wait" \
	"JMESPath over the response" "refresh-finished (stdout" "text (tab-separated) or table"; do
	expect_not_in "--help does not offer '$w'" "$w" "$out"
done
expect_in "--help: the parts left out" \
	"Not in this build (refused with exit 2): configure wait --wait completion query --filter --output table." "$out"
expect_in "--help: --filter left out" "--filter EXPR          not in this build (TCAS_CLI_WITH_JMESPATH=0)" "$out"
expect_in "--help: --wait left out" "--wait                 not in this build (TCAS_CLI_WITH_WAIT=0)" "$out"
expect_in "--help: table left out" "table is not" "$out"
run "$GW" help
expect_rc "help" 0
expect_not_in "help lists no other command" "other commands" "$out"
expect_in "help lists the actions" "StartInstanceRefresh" "$out"
run "$GW" help wait
expect_rc "help wait" 0
expect_in "help wait: left out" "tcas wait and --wait are not in this build (TCAS_CLI_WITH_WAIT=0)" "$out"
run "$GW" help query
expect_in "help query: left out" "not in this build (TCAS_CLI_WITH_JMESPATH=0)" "$out"
# the full command, for contrast
run "$B/tcas" --help
expect_not_in "full --help: nothing left out" "Not in this build" "$out"
expect_in "full --help: tcas wait" "tcas wait refresh-finished" "$out"
run "$B/tcas" help
for w in "tcas configure" "tcas wait <waiter>" "tcas query EXPR" "tcas completion bash"; do
	expect_in "full help lists '$w'" "$w" "$out"
done

# what stays: a call, its answer in json and text, its dry run
before=$(lines)
run "$GW" $C DescribeAutoScalingGroups
expect_rc "a call works" 0
expect_in "the answer printed" '"AutoScalingGroupSet"' "$out"
[ "$(lines)" -gt "$before" ] && ok "the call reached the server (the log is live)" ||
	bad "the call is not in the emulator's log"
run "$GW" $C DescribeAutoScalingGroups --output text
expect_rc "--output text works" 0
expect_in "text output" "$G" "$out"
run "$GW" $C --dry-run DescribeAutoScalingGroups
expect_rc "--dry-run works" 0
stop_emu
finish
