#!/bin/sh
# The user-facing surface of tcas: credential and settings sources and
# their precedence, file-permission refusal, tcas configure, output
# formats and filters,
# waiters (every outcome the emulator can reach: refresh FAILED through
# --refresh-fail-after, scaling activity and capacity success and not found)
# and --service, mostly against tcas-emu.
. test/e2e/lib.sh

H=$TMP/home
mkdir -p "$H/.tccli" "$H/.tencentcloud"
export HOME=$H
unset TCCLI_PROFILE TENCENTCLOUD_CREDENTIALS_FILE TENCENTCLOUD_TOKEN
ID=$TENCENTCLOUD_SECRET_ID
KEY=$TENCENTCLOUD_SECRET_KEY
DRY="--dry-run --timestamp 1767225599"

# cred_id: the SecretId in the last dry-run's Authorization header
cred_id() { printf '%s\n' "$out" | sed -n 's/.*Credential=\([^/]*\)\/.*/\1/p'; }
expect_id() { v=$(cred_id); if [ "$v" = "$2" ]; then ok "$1"; else bad "$1: SecretId '$v', want '$2'" "$out$err"; fi; }

# ---- credentials ------------------------------------------------------------
run "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "environment credentials" 0
expect_id "environment SecretId used" "$ID"

printf '[default]\nsecret_id = AKIDINIFILE\nsecret_key = inikey\n' >"$H/.tencentcloud/credentials"
chmod 600 "$H/.tencentcloud/credentials"
run "$TCAS" $DRY DescribeAutoScalingGroups
expect_id "environment wins over the INI file" "$ID"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "INI file credentials" 0
expect_id "INI SecretId used" AKIDINIFILE

chmod 644 "$H/.tencentcloud/credentials"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "world-readable INI file refused" 2
expect_in "refusal says why" "mode 0644 lets group or others read it" "$err"
expect_in "refusal says how to fix" "chmod 600 $H/.tencentcloud/credentials" "$err"
rm "$H/.tencentcloud/credentials"

printf '[default]\nsecret_id = AKIDOTHERFILE\nsecret_key = k\n' >"$TMP/creds.ini"
chmod 600 "$TMP/creds.ini"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY TENCENTCLOUD_CREDENTIALS_FILE="$TMP/creds.ini" "$TCAS" $DRY DescribeAutoScalingGroups
expect_id "TENCENTCLOUD_CREDENTIALS_FILE" AKIDOTHERFILE
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY TENCENTCLOUD_CREDENTIALS_FILE= "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "empty TENCENTCLOUD_CREDENTIALS_FILE" 2
expect_in "empty variable named" "TENCENTCLOUD_CREDENTIALS_FILE" "$err"

cat >"$H/.tccli/default.credential" <<J
{"secretId": "AKIDTCCLIDEFAULT", "secretKey": "k1", "token": "None"}
J
cat >"$H/.tccli/prod.credential" <<J
{"secretId": "AKIDTCCLIPROD", "secretKey": "k2", "token": "tok-prod-secret"}
J
cat >"$H/.tccli/prod.configure" <<J
{"_sys_param": {"region": "ap-shanghai", "output": "text"},
 "autoscaling": {"endpoint": "as.example.internal", "version": "2018-04-19"}}
J
chmod 600 "$H/.tccli/default.credential" "$H/.tccli/prod.credential"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY "$TCAS" $DRY DescribeAutoScalingGroups
expect_id "tccli default profile" AKIDTCCLIDEFAULT
expect_not_in "tccli None token is no token" "X-TC-Token" "$out"
run "$TCAS" $DRY --profile prod DescribeAutoScalingGroups
expect_id "--profile ignores the environment" AKIDTCCLIPROD
expect_in "profile token sent" "X-TC-Token:" "$out"
expect_not_in "profile token hidden" "tok-prod-secret" "$out$err"
expect_in "profile region" "X-TC-Region: ap-shanghai" "$out"
expect_in "profile endpoint" "Host: as.example.internal" "$out"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY TCCLI_PROFILE=prod "$TCAS" $DRY DescribeAutoScalingGroups
expect_id "TCCLI_PROFILE selects the profile" AKIDTCCLIPROD
run env TENCENTCLOUD_REGION=ap-nanjing TCCLI_PROFILE=prod "$TCAS" $DRY DescribeAutoScalingGroups
expect_in "TENCENTCLOUD_REGION wins over the configure file" "X-TC-Region: ap-nanjing" "$out"
run env TENCENTCLOUD_REGION=ap-nanjing "$TCAS" $DRY --profile prod --region ap-chengdu DescribeAutoScalingGroups
expect_in "--region wins" "X-TC-Region: ap-chengdu" "$out"
# a profile's output format is checked like --output's
cat >"$H/.tccli/xml.configure" <<J
{"_sys_param": {"region": "ap-shanghai", "output": "xml\u001b[2J"}}
J
cp "$H/.tccli/prod.credential" "$H/.tccli/xml.credential"
chmod 600 "$H/.tccli/xml.credential"
run "$TCAS" $DRY --profile xml DescribeAutoScalingGroups
expect_rc "a profile's unknown output format" 2
expect_in "the format named, cleaned" "the profile's output (_sys_param.output) must be json, text or table, not 'xml?[2J'" "$err"
expect_not_in "no escape byte reaches the terminal" "$(printf '\033')" "$err"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY "$TCAS" --profile xml --output json --dry-run DescribeAutoScalingGroups
expect_in "no autoscaling section: the default endpoint" "Host: as.tencentcloudapi.com" "$out"
run "$TCAS" $DRY --profile xml --output json DescribeAutoScalingGroups
expect_rc "--output wins over the profile's" 0
run "$TCAS" $DRY --profile prod --secretId AKIDOPTION --secretKey x DescribeAutoScalingGroups
expect_id "--secretId/--secretKey win" AKIDOPTION
run "$TCAS" $DRY --profile nosuch DescribeAutoScalingGroups
expect_rc "missing profile" 2
expect_in "missing profile file named" "$H/.tccli/nosuch.credential" "$err"
chmod 640 "$H/.tccli/prod.credential"
run "$TCAS" $DRY --profile prod DescribeAutoScalingGroups
expect_rc "group-readable tccli credential refused" 2
expect_in "tccli refusal says why" "mode 0640" "$err"
chmod 600 "$H/.tccli/prod.credential"
run "$TCAS" $DRY --profile ../x DescribeAutoScalingGroups
expect_rc "bad profile name" 2

run env TENCENTCLOUD_TOKEN=tok-tccli-name "$TCAS" $DRY DescribeAutoScalingGroups
expect_in "TENCENTCLOUD_TOKEN sent" "X-TC-Token:" "$out"
expect_not_in "TENCENTCLOUD_TOKEN hidden" "tok-tccli-name" "$out$err"
run env -u TENCENTCLOUD_SECRET_KEY "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "half the key pair" 2

run env TCAS_METADATA_ENDPOINT=http://127.0.0.1:1 "$TCAS" $DRY --use-cvm-role DescribeAutoScalingGroups
expect_rc "CVM role unavailable" 2
expect_in "CVM role error named" "CVM role" "$err"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY TCAS_METADATA_ENDPOINT=http://127.0.0.1:1 HOME=$TMP/empty "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "no credentials at all (metadata not asked)" 2
expect_in "no credentials message" "no credentials" "$err"

# ---- tcas configure -----------------------------------------------------------
run "$TCAS" configure --profile new --secretId AKIDCONFIGURED --secretKey sk --region ap-beijing --output table
expect_rc "configure" 0
m=$(stat -c %a "$H/.tccli/new.credential" 2>/dev/null)
[ "$m" = 600 ] && ok "configure writes the credential 0600" || bad "credential mode $m"
m=$(stat -c %a "$H/.tccli/new.configure" 2>/dev/null)
[ "$m" = 600 ] && ok "configure writes the configure file 0600" || bad "configure mode $m"
expect_in "tccli credential format" '"secretId": "AKIDCONFIGURED"' "$(cat "$H/.tccli/new.credential")"
expect_in "tccli configure format" '"region": "ap-beijing"' "$(cat "$H/.tccli/new.configure")"
run "$TCAS" $DRY --profile new DescribeAutoScalingGroups
expect_id "configured profile used" AKIDCONFIGURED
expect_in "configured region used" "X-TC-Region: ap-beijing" "$out"
printf '{"cvm": {"endpoint": "cvm.tencentcloudapi.com"}, "_sys_param": {"language": "zh-CN"}}\n' >"$H/.tccli/keep.configure"
printf 'AKIDPROMPTED\nsk2\n\n\n' | "$TCAS" configure --profile keep >"$TMP/out" 2>"$TMP/err"
rc=$?; out=$(cat "$H/.tccli/keep.configure"); err=$(cat "$TMP/err")
expect_rc "configure reading stdin" 0
expect_in "other services kept" '"cvm"' "$out"
expect_in "language kept" '"language": "zh-CN"' "$out"
expect_in "default region" '"region": "ap-guangzhou"' "$out"
run "$TCAS" configure --profile x --secretId a --secretKey b --output yaml
expect_rc "configure rejects a bad output" 2
printf '[1]' >"$H/.tccli/bad.configure"
run "$TCAS" configure --profile bad --secretId a --secretKey b --region r --output json
expect_rc "configure refuses to overwrite a non-tccli file" 2
run env HOME= "$TCAS" configure --secretId a --secretKey b --region r --output json
expect_rc "configure without HOME" 2

# (help: test/e2e/help.sh; skeleton and values: test/e2e/values.sh)
run "$TCAS" completion bash
expect_rc "completion script" 0
expect_in "completion lists actions" "StartInstanceRefresh" "$out"
if command -v bash >/dev/null; then
	printf '%s\n' "$out" >"$TMP/comp.bash"
	r=$(PATH="$B:$PATH" bash -c ". $TMP/comp.bash; COMP_WORDS=(tcas StartInstanceRefresh --Ref); COMP_CWORD=2; _tcas; echo \${COMPREPLY[@]}")
	expect_in "completion of parameters" "--RefreshSettings" "$r"
	r=$(PATH="$B:$PATH" bash -c ". $TMP/comp.bash; COMP_WORDS=(tcas DescribeRefreshAct); COMP_CWORD=1; _tcas; echo \${COMPREPLY[@]}")
	expect_in "completion of actions" "DescribeRefreshActivities" "$r"
fi
run "$TCAS" completion zsh
expect_rc "completion: only bash" 2
run "$TCAS" __params NoSuchAction
expect_rc "__params of an unknown action" 2

# ---- against the emulator ---------------------------------------------------------
start_emu --batch-seconds 1 --fail-instances ins-g7f1y5kp
T="$TCAS --endpoint $EP --ca-file $CA"

run $T DescribeRefreshActivities --filter "RefreshActivitySet[0].Status"
expect_rc "filter a.b[0].c" 0
expect_in "filter value" '"FAILED_PAUSE"' "$out"
run $T DescribeRefreshActivities --filter "RefreshActivitySet[*].RefreshBatchSet[*].RefreshBatchRelatedInstanceSet[?InstanceStatus=='FAILED'].InstanceId" --output text
expect_in "filter [?] projection, text" "ins-k5r3d2xw" "$out"
run $T DescribeRefreshActivities --filter "length(RefreshActivitySet[0].RefreshBatchSet)"
expect_in "filter length()" "3" "$out"
run $T DescribeRefreshActivities --filter "RefreshActivitySet[*].RefreshActivityId"
expect_in "filter [*] as JSON list" '"asr-juhf6ytr"' "$out"
run $T DescribeRefreshActivities --filter "Nope"
expect_in "filter of nothing is null" "null" "$out"
run $T DescribeRefreshActivities --filter "a[?b=='x"
expect_rc "bad filter" 2
expect_in "bad filter offset" "offset" "$err"
[ -z "$(grep -c DescribeRefreshActivities "$TMP/emu.log" 2>/dev/null | grep -v '^[0-4]$')" ] || true
run $T DescribeRefreshActivities --output text
expect_in "text: tab-separated rows" "REFRESHBATCHSET	1	PARTIALLY_SUCCESSFUL" "$out"
run env COLUMNS=60 $T DescribeRefreshActivities --output table --filter "RefreshActivitySet[0].RefreshBatchSet[].RefreshBatchRelatedInstanceSet[]"
expect_in "table header row" "| InstanceId " "$out"
expect_in "table row" "| ins-k5r3d2xw |" "$out"
w=$(printf '%s\n' "$out" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
[ "$w" -le 60 ] && ok "table fits COLUMNS=60 ($w)" || bad "table is $w wide"
run $T DescribeRefreshActivities --output table
expect_in "table: activity as key/value" "| Status " "$out"
expect_in "table: batches as a sub-table" "RefreshBatchSet:" "$out"
run $T DescribeRefreshActivities --output yaml
expect_rc "bad --output" 2

run env TENCENTCLOUD_TOKEN=tok-debug-secret $T --debug DescribeAutoScalingGroups --Limit 1
expect_rc "--debug call" 0
expect_in "--debug request head" "> X-TC-Action: DescribeAutoScalingGroups" "$err"
expect_in "--debug signature redacted" "Signature=<redacted>" "$err"
expect_in "--debug token redacted" "> X-TC-Token: <redacted>" "$err"
expect_not_in "--debug never shows the token" "tok-debug-secret" "$err$out"
expect_not_in "--debug never shows the key" "$KEY" "$err$out"
expect_in "--debug response head" "< HTTP/1.1 200" "$err"
expect_in "--debug timing" " ms, 1 attempt(s), TCAS_OK" "$err"
sig=$(printf '%s\n' "$err" | grep -c 'Signature=[0-9a-f]')
[ "$sig" = 0 ] && ok "--debug: no signature hex" || bad "--debug printed a signature"

# waiters
run $T wait refresh-finished --AutoScalingGroupId asg-h7tgd87d --RefreshActivityId asr-juhf6ytr --interval 1
expect_rc "waiter on a paused activity: FAILED_PAUSE" 5
run $T ResumeInstanceRefresh --AutoScalingGroupId asg-h7tgd87d --RefreshActivityId asr-juhf6ytr --ResumeMode RETRY --wait --interval 1
expect_rc "--wait on Resume: SUCCESSFUL" 0
expect_in "plain progress lines" "asr-juhf6ytr RUNNING: batch" "$err"
expect_in "final status on stderr" "tcas wait: SUCCESSFUL" "$err"
printf '%s' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)' &&
	ok "--wait: stdout is the call's JSON alone" || bad "--wait: stdout is not JSON" "$out"
run $T wait refresh-finished --AutoScalingGroupId asg-h7tgd87d --RefreshActivityId asr-nosuchid --interval 1
expect_rc "waiter: not found" 11
run $T wait refresh-finished --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId asr-juhf6ytr --interval 1
expect_rc "waiter: activity of another group" 11
run $T wait refresh-finished --AutoScalingGroupId asg-h7tgd87d
expect_rc "waiter: missing id" 2
run $T wait nothing-finished
expect_rc "waiter: unknown waiter" 2
run $T wait refresh-finished stray --AutoScalingGroupId asg-h7tgd87d --RefreshActivityId asr-juhf6ytr
expect_rc "waiter: a stray argument" 2
expect_in "the stray argument named" "tcas wait refresh-finished: unexpected argument 'stray'" "$err"
run $T wait activity-finished --ActivityId "asa-$(printf '%0600d' 0)"
expect_rc "waiter: an id too long for the poll's body" 2
expect_in "the long id refused" "tcas wait: id too long" "$err"
run $T wait activity-finished --ActivityId asa-o4v87ae9 --secretId AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234 --secretKey WrongSecretKeyWrongSecretKey00 --interval 1
expect_rc "waiter: the poll's API error is reported as a call's" 1
expect_in "the API error named" "AuthFailure" "$err"
run $T StartInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":2,"BatchPause":"FIRST_BATCH_PAUSE"}}' --wait --interval 1
expect_rc "--wait on Start: AUTO_PAUSE" 6
R=$(printf '%s\n' "$out" | sed -n 's/.*"RefreshActivityId": "\(asr-[a-z0-9]*\)".*/\1/p')
run $T ResumeInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R" --ResumeMode CONTINUE --wait --interval 1
expect_rc "resume into a failing batch: FAILED_PAUSE" 5
run $T CancelInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R"
run $T wait refresh-finished --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R"
expect_rc "waiter: CANCELLED" 8
run $T CancelInstanceRefresh --wait --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R"
expect_rc "--wait on an action without a waiter" 2
stop_emu

start_emu --batch-seconds 30
T="$TCAS --endpoint $EP --ca-file $CA"
run $T StartInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":2}}'
R=$(printf '%s\n' "$out" | sed -n 's/.*"RefreshActivityId": "\(asr-[a-z0-9]*\)".*/\1/p')
run $T wait refresh-finished --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R" --timeout 2 --interval 1
expect_rc "waiter: timeout" 4
expect_in "timeout says the last status" "after 2 s" "$err"
run $T StopInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R"
run $T wait refresh-finished --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R" --interval 1
expect_rc "waiter: MANUAL_PAUSE" 7

stop_emu

# FAILED (exit 9): --refresh-fail-after 1 ends an activity FAILED when its
# batch 1 finishes; the group is then free again.
start_emu --batch-seconds 1 --refresh-fail-after 1
T="$TCAS --endpoint $EP --ca-file $CA"
run $T StartInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":2}}'
R=$(printf '%s\n' "$out" | sed -n 's/.*"RefreshActivityId": "\(asr-[a-z0-9]*\)".*/\1/p')
run $T wait refresh-finished --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R" --interval 1
expect_rc "waiter: FAILED" 9
expect_in "FAILED printed" "FAILED" "$out"
expect_in "FAILED progress line" "$R FAILED: batch 1/2" "$err"
run $T StartInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":2}}' --wait --interval 1
expect_rc "--wait on Start: FAILED" 9

# activity-finished: the emulator's recorded scaling activity is SUCCESSFUL;
# an ID it does not have is not found.
run $T wait activity-finished --ActivityId asa-o4v87ae9 --interval 1
expect_rc "activity waiter: SUCCESSFUL" 0
expect_in "activity waiter output" "SUCCESSFUL" "$out"
expect_in "activity waiter line" "asa-o4v87ae9 SUCCESSFUL" "$err"
run $T ScaleOutInstances --AutoScalingGroupId asg-5gdeva7a --ScaleOutNumber 1 --filter ActivityId --output text
A=$out
run $T wait activity-finished --ActivityId "$A" --interval 1
expect_rc "activity waiter on a ScaleOutInstances activity ($A)" 0
run $T wait activity-finished --ActivityId asa-nosuchid --interval 1
expect_rc "activity waiter: not found" 11
expect_in "activity not found says so" "asa-nosuchid not found" "$err"
run $T wait activity-finished --AutoScalingGroupId asg-5gdeva7a
expect_rc "activity waiter: wrong parameter" 2

# capacity-reached: ModifyDesiredCapacity is modelled (the group resizes).
run $T ModifyDesiredCapacity --AutoScalingGroupId asg-5gdeva7a --DesiredCapacity 6 --MaxSize 10
expect_rc "ModifyDesiredCapacity" 0
run $T wait capacity-reached --AutoScalingGroupId asg-5gdeva7a --interval 1
expect_rc "capacity waiter: reached" 0
expect_in "capacity waiter line" "asg-5gdeva7a: 6/6 instances in service" "$err"
run $T DescribeAutoScalingGroups --AutoScalingGroupIds asg-5gdeva7a --filter "AutoScalingGroupSet[0].InstanceCount"
expect_in "the group has 6 instances" "6" "$out"
run $T wait capacity-reached --AutoScalingGroupId asg-nosuchgr --interval 1
expect_rc "capacity waiter: group not found" 11
expect_in "group not found says so" "asg-nosuchgr not found" "$err"

# --service: any API 3.0 service, unvalidated
run $T --service as --api-version 2018-04-19 DescribeAutoScalingGroups --Limit 1 --filter TotalCount
expect_rc "--service path: signature verified by the emulator" 0
expect_in "--service path answer" "2" "$out"
run $T --service cvm --api-version 2018-04-19 DescribeAutoScalingGroups --Limit 1
expect_rc "--service cvm signs for cvm (the emulator is as only)" 1
expect_in "cvm credential scope seen by the emulator" "scope service \`cvm\`" "$err"
stop_emu
run "$TCAS" $DRY --service cvm --api-version 2017-03-12 DescribeInstances --Limit 1 --Filters '[{"Name":"zone","Values":["ap-guangzhou-1"]}]'
expect_rc "--service dry-run" 0
expect_in "--service host" "Host: cvm.tencentcloudapi.com" "$out"
expect_in "--service scope" "/cvm/tc3_request" "$out"
expect_in "--service version" "X-TC-Version: 2017-03-12" "$out"
expect_in "--service raw JSON values" '{"Limit":1,"Filters":[{"Name":"zone","Values":["ap-guangzhou-1"]}]}' "$out"
run "$TCAS" $DRY --service cvm DescribeInstances
expect_rc "--service without --api-version" 2
printf '{"InstanceIds": ["ins-1"], "Limit": 2}' >"$TMP/cvm.json"
run sh -c "\"$TCAS\" $DRY --service cvm --api-version 2017-03-12 DescribeInstances --cli-input-json - <\"$TMP/cvm.json\""
expect_rc "--service --cli-input-json -" 0
expect_in "--service body from stdin" '{"InstanceIds":["ins-1"],"Limit":2}' "$out"
printf '[1]' >"$TMP/cvm.json"
run "$TCAS" $DRY --service cvm --api-version 2017-03-12 DescribeInstances --cli-input-json "$TMP/cvm.json"
expect_rc "--service input must be an object" 2
expect_in "--service input error" "is not a JSON object" "$err"
run "$TCAS" $DRY --service cvm --api-version 2017-03-12 DescribeInstances --Limit
expect_rc "--service parameter without value" 2

finish
