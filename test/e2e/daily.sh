#!/bin/sh
# tcas for daily use (issue 13): full pages and client-side limits, tccli's
# habits (tcas as, --Name=value, dotted names, file://, configure
# set/get/list as tccli writes them), no surprises on bad global values,
# --dry-run without any network, a wait that ends on time, server text made
# harmless everywhere, stdout write errors, credential files read as
# tccli/the SDKs read them (python3 decides), secrets from stdin or a file,
# tables that fit, completion. Against tcas-emu and test/e2e/fake_server.py.
. test/e2e/lib.sh

H=$TMP/home
mkdir -p "$H/.tccli" "$H/.tencentcloud"
export HOME=$H
unset TCCLI_PROFILE TENCENTCLOUD_CREDENTIALS_FILE TENCENTCLOUD_TOKEN COLUMNS
DRY="--dry-run --timestamp 1767225599"
FAKE_PIDS=""
# fake MODE [ARG]: start test/e2e/fake_server.py; sets FE to its endpoint.
fake() {
	rm -f "$TMP/fake.ready"
	python3 test/e2e/fake_server.py "$1" "$TMP/fake.ready" "$2" \
	  2>>"$TMP/fake.err" &
	FAKE_PIDS="$FAKE_PIDS $!"
	i=0
	while [ ! -s "$TMP/fake.ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
	FE=$(cat "$TMP/fake.ready")
}
trap 'for p in $FAKE_PIDS; do kill $p 2>/dev/null; done; cleanup' EXIT INT TERM
# elapsed CMD...: run, and set $secs to the whole seconds it took.
elapsed() { t0=$(date +%s); run "$@"; secs=$(( $(date +%s) - t0 )); }
is_json() { printf '%s' "$1" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null; }

# ---- 1. full pages --------------------------------------------------------
fake pages test/data/examples
all=0
for a in $(ls test/data/examples | sed -n 's/^\(Describe[A-Za-z]*\)\.1\.http$/\1/p'); do
	all=$((all+1))
	"$TCAS" --endpoint "$FE" "$a" --cli-input-json "test/data/examples/$a.1.req.json" >"$TMP/page.$a" 2>"$TMP/err" ||
	  bad "page of $a: $(cat "$TMP/err")"
done
n=$(python3 -c '
import json, sys
print(sum(max([len(v) for v in json.load(open(f)).values() if isinstance(v, list)] or [100]) == 100
          for f in sys.argv[1:]))' "$TMP"/page.*)
[ "$n" = "$all" ] && [ "$n" -ge 10 ] && ok "a 100-item page of each of $n Describe actions" || bad "$n of $all pages read whole"
# The largest page costs RSS only for the pages it touches.
# (not under ASan: its shadow memory and quarantine are most of the RSS)
if [ -x /usr/bin/time ] && ! grep -qa __asan_init "$TCAS"; then
	/usr/bin/time -f %M "$TCAS" --endpoint "$FE" DescribeAccountLimits >/dev/null 2>"$TMP/rss"
	kb=$(tail -1 "$TMP/rss")
	[ "$kb" -lt 3000 ] && ok "a small call's peak RSS ($kb KiB) holds none of the 3 MiB of page buffers" || bad "peak RSS $kb KiB"
fi
fake big
run "$TCAS" --endpoint "$FE" DescribeAutoScalingInstances
expect_rc "an answer larger than the page buffer: its own exit code" 12
printf '%s\n' "$err" >"$TMP/limit.err"
expect_in "the limit, the size needed, what to do" "is 3145760 bytes, more than tcas's response buffer holds (2097151, TCAS_CLI_BODY_MAX): ask for fewer items (--Limit" "$err"
expect_in "the build flag as it works" "make TCAS_CONFIG_DEFS=-DTCAS_CLI_BODY_MAX=8388608" "$err"
run "$TCAS" --endpoint "$FE" DescribeAutoScalingGroups
expect_rc "more tokens than the token array" 12
expect_in "tokens needed" "holds 70005 JSON tokens, more than tcas's token array holds (65536, TCAS_CLI_TOKENS_MAX)" "$err"
run "$TCAS" --endpoint "$FE" DescribeAccountLimits
expect_rc "a response head over its buffer" 12
expect_in "the head's limit and what to do" "is more than 2048 bytes of HTTP head, more than tcas's head buffer holds (2048, TCAS_HTTP_RESP_HEAD_MAX): build tcas with a larger one: make TCAS_CONFIG_DEFS=-DTCAS_HTTP_RESP_HEAD_MAX=4096" "$err"
# the spelling the message gives works (and CPPFLAGS=-D... too)
if make --no-print-directory -j2 BUILD="$TMP/b" OPT="-O0 -MMD -MP" CPPFLAGS=-DTCAS_CLI_TOKENS_MAX=131072 cli >"$TMP/make.log" 2>&1; then
	run "$TMP/b/tcas" --endpoint "$FE" DescribeAutoScalingGroups --filter 'length(AutoScalingGroupSet)'
	expect_rc "built with make CPPFLAGS=-DTCAS_CLI_TOKENS_MAX=131072" 0
	expect_in "the whole answer" "70000" "$out"
else
	bad "make CPPFLAGS=-D... does not build" "$(tail -5 "$TMP/make.log")"
fi

# ---- 3. tccli's habits -----------------------------------------------------
run "$TCAS" $DRY as DescribeAutoScalingGroups --Limit=5 --region=ap-beijing
expect_rc "tcas as <Action>, --Name=value" 0
expect_in "--Limit=5" '{"Limit":5}' "$out"
expect_in "--region=x" "X-TC-Region: ap-beijing" "$out"
run "$TCAS" $DRY StartInstanceRefresh --AutoScalingGroupId asg-1 \
  --RefreshSettings.RollingUpdateSettings.BatchNumber 2 \
  --RefreshSettings.CheckInstanceTargetHealth=true
expect_in "dotted names" '{"AutoScalingGroupId":"asg-1","RefreshSettings":{"RollingUpdateSettings":{"BatchNumber":2},"CheckInstanceTargetHealth":true}}' "$out"
run "$TCAS" $DRY --cli-unfold-argument DescribeAutoScalingGroups --Filters.0.Name vpc-id --Filters.0.Values v1 v2
expect_in "dotted list members" '{"Filters":[{"Name":"vpc-id","Values":["v1","v2"]}]}' "$out"
printf '{"Limit": 7}' >"$TMP/in.json"
run "$TCAS" $DRY DescribeAutoScalingGroups --cli-input-json "file://$TMP/in.json"
expect_in "--cli-input-json file://PATH" '{"Limit":7}' "$out"

# configure set/get/list: one setting at a time, as tccli writes them
run "$TCAS" configure set region ap-beijing
expect_rc "configure set region without secrets" 0
run "$TCAS" configure set secretId AKIDSET secretKey keyset0123456789 output table
expect_rc "configure set several" 0
run "$TCAS" configure set region ap-nanjing
python3 - "$H/.tccli" >"$TMP/py.out" <<'P'
import json, sys
d = sys.argv[1]
want_conf = {"_sys_param": {"region": "ap-nanjing", "output": "table"},
             "autoscaling": {"endpoint": "as.tencentcloudapi.com",
                             "version": "2018-04-19"}}
want_cred = {"secretId": "AKIDSET", "secretKey": "keyset0123456789"}
for name, want in (("default.configure", want_conf),
                   ("default.credential", want_cred)):
    text = open(d + "/" + name).read()
    tccli = json.dumps(want, indent=2, separators=(",", ": "),
                       ensure_ascii=False, sort_keys=True)
    print("same" if text == tccli else "differs:\n" + text + "\n" + tccli)
P
expect_not_in "the files are what tccli writes (python3 json.dump)" "differs" "$(cat "$TMP/py.out")"
run "$TCAS" configure get region secretId secretKey
expect_in "configure get" "region = ap-nanjing" "$out"
expect_in "configure get: secret masked" "secretKey = ****6789" "$out"
expect_not_in "configure get: secret not shown" "keyset0123456789" "$out$err"
run "$TCAS" configure list
expect_in "configure list" "autoscaling.endpoint = as.tencentcloudapi.com" "$out"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY "$TCAS" $DRY DescribeAutoScalingGroups
expect_in "the configured profile is used" "X-TC-Region: ap-nanjing" "$out"
expect_in "the configured keys are used" "Credential=AKIDSET/" "$out"
run "$TCAS" configure set regoin x
expect_rc "configure set: unknown key" 2
expect_in "configure set: did you mean" "did you mean region?" "$err"
run "$TCAS" configure set output yaml
expect_rc "configure set: a bad output is refused, not changed" 2
printf 'fromstdin\n' | "$TCAS" configure set secretKey - >/dev/null 2>&1
run "$TCAS" configure get secretKey
expect_in "configure set secretKey - (stdin)" "****" "$out"
grep -q fromstdin "$H/.tccli/default.credential" && ok "secret read from stdin stored" || bad "secret from stdin not stored"
rm -f "$H/.tccli/default.credential" "$H/.tccli/default.configure"

# ---- 4. no surprises on bad input -----------------------------------------
for o in "--endpoint ''" "--region ''" "--ca-file ''" "--output ''"; do
	eval run "\$TCAS" "$o" DescribeAutoScalingGroups
	expect_rc "$o is a usage error" 2
	expect_in "$o: the option named" "${o% *}" "$err"
done
run "$TCAS" --region "$(printf 'ap-x\r\nX-Evil: 1')" DescribeAutoScalingGroups
expect_rc "CR/LF in --region" 2
expect_in "CR/LF named" "--region: the value holds a control character" "$err"
run env TENCENTCLOUD_REGION="$(printf 'ap-x\r\nX-Evil: 1')" "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "CR/LF in TENCENTCLOUD_REGION" 2
expect_in "the variable named, the value cleaned" "the region from TENCENTCLOUD_REGION is not a region name: 'ap-x??X-Evil: 1'" "$err"
printf '{"autoscaling": {"endpoint": "ftp://x"}}' >"$H/.tccli/default.configure"
run "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "a bad endpoint in the profile" 2
expect_in "the profile's endpoint named" "autoscaling.endpoint of the profile: bad endpoint 'ftp://x'" "$err"
rm "$H/.tccli/default.configure"
run "$TCAS" --regoin ap-x DescribeAutoScalingGroups
expect_in "did you mean for global options" "unknown option --regoin; did you mean --region?" "$err"
run "$TCAS" --timestamp 1767225599 DescribeAutoScalingGroups
expect_rc "--timestamp without --dry-run" 2
# --dry-run never touches the network: a cvm-role profile does not query
# the metadata service (a listener counts connections)
fake record "$TMP/conns"
printf '{"type": "cvm-role"}' >"$H/.tccli/role.credential"
chmod 600 "$H/.tccli/role.credential"
run env TCAS_METADATA_ENDPOINT="$FE" "$TCAS" --dry-run --profile role DescribeAutoScalingGroups
expect_rc "--dry-run with a cvm-role profile" 2
expect_in "--dry-run says why" "--dry-run touches no network" "$err"
[ ! -s "$TMP/conns" ] && ok "--dry-run made no connection" || bad "--dry-run connected to the metadata service"
run env TCAS_METADATA_ENDPOINT="$FE" "$TCAS" --profile role --timeout 2 DescribeAutoScalingGroups
[ -s "$TMP/conns" ] && ok "(the listener does see a real call)" || bad "listener saw nothing"

# ---- 5. wait, and server text made harmless --------------------------------
start_emu --fault hang --rate 0
elapsed "$TCAS" --endpoint "$HEP" wait refresh-finished --AutoScalingGroupId asg-h7tgd87d --RefreshActivityId asr-juhf6ytr --timeout 3 --interval 1
expect_rc "wait --timeout 3 against a silent server" 4
[ "$secs" -le 4 ] && ok "the wait ended on time (${secs}s)" || bad "the wait took ${secs}s"
stop_emu
fake hostile
esc=$(printf '\033')
run "$TCAS" --endpoint "$FE" DescribeAutoScalingGroups --output text
expect_not_in "text: no ESC" "$esc" "$out"
expect_not_in "text: no C1 CSI" "$(printf '\302\233')" "$out"
expect_not_in "text: no bidi override" "$(printf '\342\200\256')" "$out"
expect_in "text: the rest kept" "name?]0;pwned??[2J?31m?evil?x?" "$out"
run env COLUMNS=80 "$TCAS" --endpoint "$FE" DescribeAutoScalingGroups --output table
expect_not_in "table: no ESC" "$esc" "$out"
expect_not_in "table: no bidi override" "$(printf '\342\200\256')" "$out"
run "$TCAS" --endpoint "$FE" DescribeAutoScalingGroups
expect_in "json: C1 escaped, value kept" '\u009b31m\u202eevil\u2028x\u007f' "$out"
expect_not_in "json: no raw C1" "$(printf '\302\233')" "$out"
is_json "$out" && ok "json output is valid JSON" || bad "json output invalid" "$out"
run "$TCAS" --endpoint "$FE" DescribeRefreshActivities
run "$TCAS" --endpoint "$FE" ResumeInstanceRefresh --AutoScalingGroupId a --RefreshActivityId b --ResumeMode RETRY
expect_rc "hostile API error" 1
expect_not_in "error message: no ESC" "$esc" "$err"
expect_not_in "error message: no C1" "$(printf '\302\233')" "$err"
run "$TCAS" --endpoint "$FE" wait refresh-finished --AutoScalingGroupId asg-h7tgd87d --RefreshActivityId asr-juhf6ytr --timeout 2 --interval 1
expect_rc "wait on a hostile status" 4
expect_not_in "wait output: no ESC" "$esc" "$out$err"
expect_not_in "wait output: no bidi" "$(printf '\342\200\256')" "$out$err"

# ---- 6. a full stdout -------------------------------------------------------
start_emu --rate 0
run sh -c "'$TCAS' --endpoint '$HEP' ScaleOutInstances --AutoScalingGroupId asg-5gdeva7a --ScaleOutNumber 1 >/dev/full"
expect_rc "stdout write error: its own exit code" 13
expect_in "stdout write error named, call applied" "cannot write the output: No space left on device; ScaleOutInstances WAS APPLIED (RequestId: " "$err"
run sh -c "'$TCAS' --endpoint '$HEP' DescribeAutoScalingGroups >/dev/full"
expect_rc "stdout write error on a read" 13
expect_in "a read changes nothing" "DescribeAutoScalingGroups succeeded (it changes nothing)" "$err"
stop_emu

# a failing proxy is named as the proxy, with what it said
run "$TCAS" --endpoint https://localhost:1 --proxy http://127.0.0.1:1 --retries 0 DescribeAutoScalingGroups
expect_rc "a refused proxy" 3
expect_in "the proxy named, not the target" "the proxy 127.0.0.1:1 failed: connection refused" "$err"
fake proxy "502 Bad Gateway"
run "$TCAS" --endpoint https://localhost:1 --proxy "$FE" --retries 0 DescribeAutoScalingGroups
expect_rc "a proxy refusing CONNECT" 3
expect_in "what the proxy answered" "refused the CONNECT to localhost:1: HTTP/1.1 502 Bad Gateway" "$err"
fake proxy "407 Proxy Authentication Required"
run "$TCAS" --endpoint https://localhost:1 --proxy "$FE" --retries 0 DescribeAutoScalingGroups
expect_in "a proxy asking for credentials" "asks for credentials (407)" "$err"

# ---- 7. credentials --------------------------------------------------------
unset TENCENTCLOUD_SECRET_ID TENCENTCLOUD_SECRET_KEY
mkfifo "$H/.tencentcloud/credentials"
elapsed timeout 10 "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "a FIFO as credentials file" 2
expect_in "a FIFO refused, not waited on" "not a regular file" "$err"
rm "$H/.tencentcloud/credentials"
# the INI file as configparser reads it (the Python SDK), case by case
cat >"$TMP/ini.cases" <<'C'
[default]\nsecret_id = AKIDA\nsecret_key = k\n
[default]\nsecret_id = AKIDA\nsecret_id = AKIDB\nsecret_key = k\n
[default]\nsecret_id = AKIDA\n[default]\nsecret_key = k\n
[default]\nSECRET_ID : AKIDA\nsecret_key = k\n
[default]\nsecret_id = AKIDA\n  more\nsecret_key = k\n
[default]\r\nsecret_id = AKIDA\r\nsecret_key = k\r\n
[default]\rsecret_id = AKIDA\rsecret_key = k\r
[default]x\nsecret_id = AKIDA\nsecret_key = k\n
[ default ]\nsecret_id = AKIDA\nsecret_key = k\n
secret_id = AKIDA\n[default]\nsecret_key = k\n
[default]\nsecret_id\nsecret_key = k\n
[default]\n  ; c\n\tsecret_id = AKIDA\n\tsecret_key = k\n
[o]\nk = 1\nk = 2\n[default]\nsecret_id = AKIDA\nsecret_key = k\n
[default]\nsecret_id = AKIDA\n\n   # c\nsecret_key = k\n
C
i=0
while IFS= read -r c; do
	i=$((i+1)); printf "$c" >"$TMP/ini.$i"
done <"$TMP/ini.cases"
python3 -c '
import configparser, sys
for f in sys.argv[1:]:
    c = configparser.ConfigParser()
    try:
        c.read(f)
        d = dict(c._sections).get("default", {})
        i, k = (d.get("secret_id") or "").strip(), (d.get("secret_key") or "").strip()
        print(i if i and k and "\n" not in i + k else "none")
    except Exception:
        print("none")' $(seq -f "$TMP/ini.%g" 1 $i) >"$TMP/ini.want"
same=0; cases=0
while read -r want; do
	cases=$((cases+1))
	cp "$TMP/ini.$cases" "$H/.tencentcloud/credentials"
	chmod 600 "$H/.tencentcloud/credentials"
	got=$("$TCAS" $DRY DescribeAutoScalingGroups 2>/dev/null | sed -n 's/.*Credential=\([^/]*\)\/.*/\1/p')
	[ "$want" = "${got:-none}" ] && same=$((same+1)) || bad "INI case $cases: python '$want', tcas '${got:-none}'" "$(cat "$TMP/ini.$cases")"
done <"$TMP/ini.want"
[ "$same" = "$cases" ] && ok "INI files read as configparser reads them ($cases cases)"
printf '[default]\nsecret_id = AKID\000X\nsecret_key = k\n' >"$H/.tencentcloud/credentials"
run "$TCAS" $DRY DescribeAutoScalingGroups
expect_rc "a NUL inside an INI value" 2
expect_in "a NUL refused, not cut" "holds a NUL, a control character" "$err"
rm "$H/.tencentcloud/credentials"
printf '{"secretId": "AKIDFIRST", "secretKey": "k", "secretId": "AKIDLAST"}' >"$H/.tccli/default.credential"
chmod 600 "$H/.tccli/default.credential"
want=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretId"])' "$H/.tccli/default.credential")
run "$TCAS" $DRY DescribeAutoScalingGroups
expect_in "a duplicated key: tccli's (Python's) choice, $want" "Credential=$want/" "$out"
rm "$H/.tccli/default.credential"
# secrets from stdin or a file; never printed
run sh -c "printf 'stdinkey\n' | '$TCAS' $DRY --secretId AKIDS --secretKey - DescribeAutoScalingGroups"
s1=$(printf '%s\n' "$out" | sed -n 's/.*Signature=//p')
run "$TCAS" $DRY --secretId AKIDS --secretKey stdinkey DescribeAutoScalingGroups
s2=$(printf '%s\n' "$out" | sed -n 's/.*Signature=//p')
[ -n "$s1" ] && [ "$s1" = "$s2" ] && ok "--secretKey - reads stdin" || bad "--secretKey - signed otherwise"
printf 'stdinkey\n' >"$TMP/key"; chmod 600 "$TMP/key"
run "$TCAS" $DRY --secretId AKIDS --secretKey "file://$TMP/key" DescribeAutoScalingGroups
[ "$(printf '%s\n' "$out" | sed -n 's/.*Signature=//p')" = "$s2" ] && ok "--secretKey file://PATH" || bad "--secretKey file:// signed otherwise"
chmod 644 "$TMP/key"
run "$TCAS" $DRY --secretId AKIDS --secretKey "file://$TMP/key" DescribeAutoScalingGroups
expect_rc "a secret file others can read" 2
run "$TCAS" __options
expect_in "help warns against secrets on the command line" "a key typed on the command line shows in the process list" "$out"
# the metadata exchange within --timeout, however slowly it drips
fake drip
elapsed env TCAS_METADATA_ENDPOINT="$FE" "$TCAS" --use-cvm-role --timeout 2 --endpoint http://127.0.0.1:1 DescribeAutoScalingGroups
expect_rc "a dripping metadata service" 3
[ "$secs" -le 3 ] && ok "its exchange ended within --timeout (${secs}s)" || bad "it took ${secs}s"
export TENCENTCLOUD_SECRET_ID=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234
export TENCENTCLOUD_SECRET_KEY=ExampleSecretKeyExampleSecretKey

# ---- 9. the emulator ------------------------------------------------------
start_emu --batch-seconds 0 --fail-instances ins-g7f1y5kp --rate 0
T9() { run "$TCAS" --endpoint "$HEP" "$@"; }
refresh_once() { # a refresh of asg-5gdeva7a, one instance per batch
	T9 StartInstanceRefresh --AutoScalingGroupId asg-5gdeva7a \
	  --RefreshSettings.RollingUpdateSettings.BatchNumber 4 \
	  --RefreshSettings.RollingUpdateSettings.FailProcess AUTO_PAUSE --filter RefreshActivityId
	rid=$(printf '%s' "$out" | tr -d '"')
	T9 wait refresh-finished --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$rid" --interval 1 --timeout 60
}
refresh_once
expect_rc "--fail-instances: the first refresh fails the instance" 5
T9 ResumeInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$rid" --ResumeMode RETRY --wait --interval 1 --timeout 60
expect_rc "its RETRY succeeds" 0
refresh_once
expect_rc "the next refresh succeeds, as documented" 0
desired() { T9 DescribeAutoScalingGroups --AutoScalingGroupIds asg-5gdeva7a --filter 'AutoScalingGroupSet[0].DesiredCapacity'; d=$out; }
count() { T9 DescribeAutoScalingInstances --Filters.0.Name auto-scaling-group-id --Filters.0.Values asg-5gdeva7a --filter 'length(AutoScalingInstanceSet)'; n=$out; }
desired; d0=$d; count; n0=$n
T9 ScaleOutInstances --AutoScalingGroupId asg-5gdeva7a --ScaleOutNumber 2 --filter ActivityId
aid=$(printf '%s' "$out" | tr -d '"')
desired; count
[ "$d" = $((d0+2)) ] && [ "$n" = $((n0+2)) ] && ok "ScaleOutInstances: DesiredCapacity $d0 -> $d, instances $n0 -> $n" || bad "ScaleOutInstances: desired $d0 -> $d, instances $n0 -> $n"
T9 wait activity-finished --ActivityId "$aid" --interval 1 --timeout 10
expect_rc "its scaling activity is described" 0
T9 ScaleInInstances --AutoScalingGroupId asg-5gdeva7a --ScaleInNumber 1
desired; count
[ "$d" = $((d0+1)) ] && [ "$n" = $((n0+1)) ] && ok "ScaleInInstances: back by one" || bad "ScaleInInstances: desired $d, instances $n"
T9 ScaleOutInstances --AutoScalingGroupId asg-5gdeva7a --ScaleOutNumber 1000
expect_in "above MaxSize refused" "ResourceInsufficient.AutoScalingGroupAboveMaxSize" "$err"
stop_emu
# the README's emulator snippet, as written (other ports, a private dir)
awk '/^`ExampleSecretKeyExampleSecretKey`\) unless given others/{f=1} f&&/^```sh$/{c=1;next} c&&/^```$/{exit} c{print}' README.md |
  sed -e "s#/tmp/#$TMP/#g" -e "s#8443#$((20000 + $$ % 20000))#g" -e "s#8080#$((40000 + $$ % 20000))#g" \
    -e "s#^build/#$B/#" >"$TMP/snippet.sh"
# (the build under test, not build/: check-asan runs this with its own)
grep -q "^$B/tcas-emu " "$TMP/snippet.sh" && ok "README emulator snippet found" ||
  bad "README emulator snippet not found" "$(cat "$TMP/snippet.sh")"
run env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY \
  timeout -k 5 60 sh -c "cd '$PWD' && . '$TMP/snippet.sh'"
expect_rc "README emulator snippet runs as written" 0
expect_in "README emulator snippet answers" '"RefreshActivityId": "asr-juhf6ytr"' "$out"

# ---- 8. completion, help -------------------------------------------------------
"$TCAS" completion bash >"$TMP/comp.bash"
run "$TCAS" completion zsh
expect_rc "completion: only bash" 2
expect_in "completion: its usage" "usage: tcas completion bash" "$err"
comp() { # comp WORD... : the completions of the last word
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); _tcas; printf "%s\n" "${COMPREPLY[@]}"' \
	  _ "$TMP/comp.bash" "$@" 2>/dev/null
}
PATH="$B:$PATH"; export PATH
expect_in "completes --output values" "table" "$(comp tcas --output '')"
expect_in "completes after a global option and its value" "DescribeAutoScalingGroups" "$(comp tcas --region ap-x DescribeAutoScalingG)"
expect_in "completes help <Action>" "DescribeRefreshActivities" "$(comp tcas help DescribeRefresh)"
expect_in "completes --retries, --proxy" "--retries" "$(comp tcas --re)"
expect_in "completes --proxy" "--proxy" "$(comp tcas --pro)"
expect_in "completes waiters" "refresh-finished" "$(comp tcas wait ref)"
expect_in "completes parameters" "--AutoScalingGroupId" "$(comp tcas ResumeInstanceRefresh --AutoScalingG)"
expect_in "completes --name=value" "text" "$(comp tcas --output = te)"
expect_in "completes enum values" "RETRY" "$(comp tcas ResumeInstanceRefresh --ResumeMode R)"
run "$TCAS" wait refresh-finish
expect_in "did you mean for waiter names" "did you mean refresh-finished?" "$err"
# every README section tcas's texts point to exists
for s in $( ("$TCAS" __options; cat "$TMP/limit.err") | sed -n 's/.*README, \([A-Z][a-z]*\( [a-z][a-z]*\)*\).*/\1/p' | tr ' ' '_' | sort -u); do
	grep -q "^## $(echo "$s" | tr '_' ' ')" README.md && ok "README section '$s' exists" || bad "help points to a missing README section '$s'"
done
finish
