#!/bin/sh
# tcas help, in English and in our own words: the list of actions, each
# action's page (every request member with type, required flag, valid
# values with their meaning, default and description; response members;
# the reference page), no CJK and no run of 8 words copied from the
# vendor's descriptions anywhere (test/e2e/help_copy.py with the
# fingerprints of test/data/help_copy.txt); then the same for the tcas
# built with TCAS_CLI_HELP=short (test/help.mk: tcas-help-short), which
# leaves out response members, meanings of values and further facts.
. test/e2e/lib.sh

check_help() {
TCAS=$1
short=$2

run "$TCAS" help
expect_rc "help" 0
expect_in "help lists groups" "Instance refresh:" "$out"
expect_in "help lists actions with purpose" "ResumeInstanceRefresh" "$out"

# every action, then the list and --help: no CJK, no vendor text
: >"$TMP/all"
n=0
for a in $("$TCAS" help | awk '/^  [A-Z]/ { print $1 }'); do
	"$TCAS" help "$a" >>"$TMP/all" || bad "help $a exit $?"
	n=$((n + 1))
done
"$TCAS" help >>"$TMP/all"
"$TCAS" --help >>"$TMP/all"
if [ "$n" -eq 58 ]; then ok "help of all 58 actions"; else bad "help of $n actions, want 58"; fi
if r=$(python3 test/e2e/help_copy.py test/data/help_copy.txt <"$TMP/all"); then
	ok "help: $r"
else
	bad "help has CJK or vendor text" "$r"
fi
lines=$(grep -c '^ *--[A-Za-z]* .*, \(required\|optional\)$' "$TMP/all")
if [ "$lines" -gt 300 ]; then ok "help: $lines parameter lines with type and flag"; else bad "help: $lines parameter lines"; fi

# one action in full: parameters, values with meanings, response, page
run "$TCAS" help ResumeInstanceRefresh
expect_rc "help ResumeInstanceRefresh" 0
expect_in "help: reference page" "reference: https://www.tencentcloud.com/document/api/377/59081" "$out"
expect_in "help: type and required flag" "  --RefreshActivityId                   string, required" "$out"
expect_in "help: description, where the value comes from" "Instance refresh activity ID (asr-...)." "$out"
flat=$(printf '%s\n' "$out" | tr '\n' ' ' | tr -s ' ')
expect_in "help: default" "(ignored when none failed). Default RETRY." "$flat"
if [ "$short" = 1 ]; then
	expect_in "help (short): values" "Values: RETRY, CONTINUE" "$out"
	expect_in "help (short): says where the rest is" "TCAS_CLI_HELP=short" "$out"
	expect_not_in "help (short): no response members" "  RequestId " "$out"
else
	expect_in "help: value meanings" "RETRY     refresh them again" "$out"
	expect_in "help: response members" "response (members of \"Response\"" "$out"
	expect_in "help: RequestId described" "Unique ID of this request" "$out"
	expect_in "help: source of a value" "Take it from DescribeRefreshActivities." "$out"
fi
run "$TCAS" help StartInstanceRefresh
expect_in "help: nested member" "      .FailProcess                      string, optional" "$out"
# flat: the last output with wrapped lines joined
flat=$(printf '%s\n' "$out" | tr '\n' ' ' | tr -s ' ')
expect_in "help: nested member default" "What to do when a batch fails. Default AUTO_PAUSE." "$flat"
expect_in "help: a member missing from docs-en.json, unit and range from api.json" \
	"How long to wait for that health check. 60 to 7200 seconds, default 1800." "$flat"
run "$TCAS" help CreateAutoScalingGroup
flat=$(printf '%s\n' "$out" | tr '\n' ' ' | tr -s ' ')
expect_in "help: range, unit, default" "Cooldown after a scaling activity, in seconds. 0 to 3600, default 300." "$flat"
[ "$short" = 1 ] || expect_in "help: limits and exclusions" "At most 20 items. Not together with ForwardLoadBalancers." "$flat"
run "$TCAS" help DescribeRefreshActivities
expect_in "help: filter names" "refresh-activity-status-code" "$out"
if [ "$short" != 1 ]; then
	expect_in "help: response value meanings" "FAILED_PAUSE  paused because a batch failed" "$out"
	expect_in "help: nested response member" "        .InstanceStatus                 string" "$out"
fi
run "$TCAS" help AttachLoadBalancers
expect_in "help: API Explorer when no page is known" "reference: https://console.tencentcloud.com/api/explorer?Product=as&Version=2018-04-19&Action=AttachLoadBalancers" "$out"
run "$TCAS" help StartInstanceRefrsh
expect_rc "help unknown action" 2
expect_in "help suggestion" "did you mean StartInstanceRefresh" "$err"
}

check_help "$B/tcas" 0
if [ -x "$B/tcas-help-short" ]; then
	echo "-- TCAS_CLI_HELP=short"
	check_help "$B/tcas-help-short" 1
else
	bad "no $B/tcas-help-short (make tests builds it)"
fi
finish
