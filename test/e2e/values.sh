#!/bin/sh
# Enumerated values checked locally (the value sets of the help tables):
# a wrong value is a usage error (exit 2) naming the member's path, the
# closest valid value and all of them, before anything is sent; nested
# members (in JSON or by dotted names), list elements and --cli-input-json
# files too; members without a
# set take any string. --generate-cli-skeleton: placeholders that say what
# to write, and a skeleton with only its required members filled is sent
# as it is (the unfilled placeholders dropped), against tcas-emu.
. test/e2e/lib.sh

DRY="--dry-run --timestamp 1767225599"
G=asg-h7tgd87d; R=asr-juhf6ytr
body() { printf '%s\n' "$out" | tail -1; }

# ---- enumerated values ---------------------------------------------------------
run "$TCAS" $DRY ResumeInstanceRefresh --AutoScalingGroupId $G --RefreshActivityId $R --ResumeMode retry
expect_rc "wrong case of a value" 2
expect_in "value: suggestion" "--ResumeMode: 'retry' is not a valid value; did you mean RETRY? (values: RETRY, CONTINUE)" "$err"
expect_not_in "value: nothing sent" "POST" "$out"
run "$TCAS" $DRY ResumeInstanceRefresh --AutoScalingGroupId $G --RefreshActivityId $R --ResumeMode RETRY
expect_rc "valid value" 0
expect_in "valid value sent" '"ResumeMode":"RETRY"' "$(body)"
run "$TCAS" $DRY ResumeInstanceRefresh --AutoScalingGroupId $G --RefreshActivityId $R --ResumeMode CONTINU
expect_rc "typo in a value" 2
expect_in "typo: suggestion" "did you mean CONTINUE?" "$err"
run "$TCAS" $DRY ResumeInstanceRefresh --AutoScalingGroupId $G --RefreshActivityId $R --ResumeMode SOMETHING_ELSE
expect_rc "unrelated value" 2
expect_in "unrelated value: the list, no guess" "'SOMETHING_ELSE' is not a valid value (values: RETRY, CONTINUE)" "$err"
run "$TCAS" $DRY StartInstanceRefresh --AutoScalingGroupId $G \
	--RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":1,"FailProcess":"AUTO_ROLLBAK"}}'
expect_rc "nested value in JSON" 2
expect_in "nested value: path and suggestion" "--RefreshSettings.RollingUpdateSettings.FailProcess: 'AUTO_ROLLBAK' is not a valid value; did you mean AUTO_ROLLBACK?" "$err"
run "$TCAS" $DRY StartInstanceRefresh --AutoScalingGroupId $G \
	--RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":1,"BatchPause":"FIRST_BATCH_PAUSE","FailProcess":"AUTO_CANCEL"}}' \
	--RefreshMode ROLLING_UPDATE_REPLACE
expect_rc "nested valid values" 0
run "$TCAS" $DRY StartInstanceRefresh --AutoScalingGroupId $G \
	--RefreshSettings.RollingUpdateSettings.BatchNumber 1 --RefreshSettings.RollingUpdateSettings.FailProcess auto_pause
expect_rc "nested value by dotted name" 2
expect_in "dotted name: path and suggestion" "--RefreshSettings.RollingUpdateSettings.FailProcess: 'auto_pause' is not a valid value; did you mean AUTO_PAUSE?" "$err"
run "$TCAS" $DRY StartInstanceRefresh --AutoScalingGroupId $G \
	--RefreshSettings.RollingUpdateSettings.BatchNumber 1 --RefreshSettings.RollingUpdateSettings.FailProcess AUTO_PAUSE
expect_rc "valid nested value by dotted name" 0
run "$TCAS" $DRY ModifyAutoScalingGroup --AutoScalingGroupId $G --TerminationPolicies OLDEST_INSTANCE newest_instance
expect_rc "list element" 2
expect_in "list element: index in the path" "--TerminationPolicies[1]: 'newest_instance' is not a valid value; did you mean NEWEST_INSTANCE?" "$err"
printf '{"AutoScalingGroupId":"%s","RefreshActivityId":"%s","ResumeMode":"Retry"}\n' $G $R >"$TMP/in.json"
run "$TCAS" $DRY ResumeInstanceRefresh --cli-input-json "$TMP/in.json"
expect_rc "value in --cli-input-json" 2
expect_in "value in a file: suggestion" "did you mean RETRY?" "$err"
long=$(printf 'X%.0s' $(seq 1 200))
run "$TCAS" $DRY ResumeInstanceRefresh --AutoScalingGroupId $G --RefreshActivityId $R --ResumeMode "$long"
expect_rc "value longer than any valid one" 2
expect_in "long value cut in the message" "'XXXXXXXXXXXXXXXX" "$err"
run "$TCAS" $DRY DescribeAutoScalingGroups --Filters '[{"Name":"auto-scaling-group-name","Values":["any text at all"]}]'
expect_rc "members without a value set take any string" 0
run "$TCAS" $DRY ResumeInstanceRefresh --AutoScalingGroupId $G --RefreshActivityId $R --ResumeMode 5
expect_rc "wrong type: still the validator's message" 2
expect_in "wrong type" "--ResumeMode" "$err"

# completion asks for a parameter's values (tcas __values)
run "$TCAS" __values ResumeInstanceRefresh ResumeMode
expect_rc "__values" 0
if [ "$out" = "$(printf 'RETRY\nCONTINUE')" ]; then ok "__values: one value a line"; else bad "__values" "$out"; fi
run "$TCAS" __values ResumeInstanceRefresh AutoScalingGroupId
expect_rc "__values of a parameter without a set" 0
if [ -z "$out" ]; then ok "__values: nothing without a set"; else bad "__values without a set" "$out"; fi
run "$TCAS" __values ResumeInstanceRefresh NoSuchParam
expect_rc "__values of an unknown parameter" 2

# ---- skeleton ----------------------------------------------------------------------
run "$TCAS" StartInstanceRefresh --generate-cli-skeleton
expect_rc "skeleton" 0
expect_in "skeleton: required string" '"AutoScalingGroupId": "<string, required>"' "$out"
expect_in "skeleton: nested required integer" '"BatchNumber": "<integer, required>"' "$out"
expect_in "skeleton: valid values" '"FailProcess": "<AUTO_PAUSE|AUTO_ROLLBACK|AUTO_CANCEL>"' "$out"
expect_in "skeleton: boolean" '"CheckInstanceTargetHealth": "<true|false>"' "$out"
printf '%s\n' "$out" >"$TMP/skel.json"
run "$TCAS" $DRY StartInstanceRefresh --cli-input-json "$TMP/skel.json"
expect_rc "skeleton sent unfilled" 2
expect_in "unfilled skeleton: the missing required member" "missing required parameter --AutoScalingGroupId" "$err"
run "$TCAS" $DRY CancelInstanceRefresh --cli-input-json "$TMP/skel.json"
expect_rc "skeleton of another action is rejected" 2
sed 's/"<string, required>"/"asg-h7tgd87d"/; s/"<integer, required>"/2/' "$TMP/skel.json" >"$TMP/filled.json"
run "$TCAS" $DRY StartInstanceRefresh --cli-input-json "$TMP/filled.json"
expect_rc "skeleton with the required members filled" 0
sent=$(body)
if [ "$sent" = '{"AutoScalingGroupId":"asg-h7tgd87d","RefreshSettings":{"RollingUpdateSettings":{"BatchNumber":2}}}' ]; then
	ok "placeholders dropped: $sent"
else
	bad "body sent from the filled skeleton" "$sent"
fi
sed 's/"<AUTO_PAUSE|AUTO_ROLLBACK|AUTO_CANCEL>"/"AUTO_CANCEL"/' "$TMP/filled.json" >"$TMP/filled2.json"
run "$TCAS" $DRY StartInstanceRefresh --cli-input-json "$TMP/filled2.json"
expect_in "a filled optional member is kept" '"FailProcess":"AUTO_CANCEL"' "$(body)"
run "$TCAS" $DRY StartInstanceRefresh --cli-input-json "$TMP/filled.json" --RefreshMode "<ROLLING_UPDATE_RESET>"
expect_rc "angle brackets that are not the placeholder are a value" 2
expect_in "such a value is checked" "'<ROLLING_UPDATE_RESET>' is not a valid value" "$err"

# every action's skeleton, sent back as it is: only missing required
# members (never a placeholder) can be wrong
bad_sk=0; n=0
for a in $("$TCAS" help | awk '/^  [A-Z]/ { print $1 }'); do
	"$TCAS" "$a" --generate-cli-skeleton >"$TMP/s.json" || bad_sk=$((bad_sk + 1))
	"$TCAS" $DRY "$a" --cli-input-json "$TMP/s.json" >"$TMP/o" 2>"$TMP/e"
	r=$?
	if [ $r -ne 0 ] && ! grep -q "missing required" "$TMP/e"; then
		bad_sk=$((bad_sk + 1)); echo "  $a: $(cat "$TMP/e")"
	fi
	n=$((n + 1))
done
if [ $bad_sk -eq 0 ] && [ $n -eq 58 ]; then ok "skeletons of all 58 actions read back"; else bad "$bad_sk of $n skeletons do not read back"; fi

# the round trip against the emulator: fill the required members, send
start_emu --batch-seconds 0 --rate 0
"$TCAS" ScaleOutInstances --generate-cli-skeleton |
	sed 's/"AutoScalingGroupId": "<string, required>"/"AutoScalingGroupId": "asg-5gdeva7a"/; s/"<integer, required>"/1/' >"$TMP/so.json"
run "$TCAS" --endpoint "$EP" --ca-file "$CA" ScaleOutInstances --cli-input-json "$TMP/so.json"
expect_rc "filled skeleton accepted by tcas-emu (ScaleOutInstances)" 0
expect_in "emulator answered with an activity" '"ActivityId": "asa-' "$out"
"$TCAS" StartInstanceRefresh --generate-cli-skeleton |
	sed 's/"<string, required>"/"asg-5gdeva7a"/; s/"<integer, required>"/1/' >"$TMP/sr.json"
run "$TCAS" --endpoint "$EP" --ca-file "$CA" StartInstanceRefresh --cli-input-json "$TMP/sr.json"
expect_rc "filled skeleton accepted by tcas-emu (StartInstanceRefresh)" 0
expect_in "emulator started a refresh" '"RefreshActivityId": "asr-' "$out"
finish
