#!/bin/sh
# JMESPath: `tcas query` and --filter against the python jmespath library
# (the oracle; Debian's python3-jmespath, what tccli evaluates --filter
# with) over real Auto Scaling answers - the recorded examples, tcas-emu's
# answers and a full 100-instance page - (test/jmespath/diff.py,
# cases.txt); the unit tests' expectations checked against python
# (check_cases.py); --filter and query giving the same output in every format;
# query's input rules (regular files only, stdin, size and token limits),
# output formats, error reports, and the arena on a full page.
. test/e2e/lib.sh

PY=/usr/bin/python3
D=$TMP/docs
"$PY" test/jmespath/docs.py "$D" || { bad "documents for the differential test"; finish; exit 1; }

start_emu
C="--endpoint $EP --ca-file $CA --region ap-guangzhou"
for a in DescribeAutoScalingGroups DescribeAutoScalingInstances \
         DescribeRefreshActivities DescribeLaunchConfigurations \
         DescribeAutoScalingActivities; do
	"$TCAS" $C $a >"$D/emu-$a.json" 2>"$TMP/err" || bad "emulator $a" "$(cat "$TMP/err")"
done

# ---- --filter and query: the same evaluator, the same output --------------
G=asg-h7tgd87d
for f in "AutoScalingInstanceSet[?AutoScalingGroupId=='$G'].InstanceId" \
         "sort_by(AutoScalingInstanceSet, &InstanceId)[*].{id: InstanceId, g: AutoScalingGroupId}" \
         "length(AutoScalingInstanceSet[?HealthStatus=='HEALTHY'])" \
         "AutoScalingInstanceSet[0]" "Nope"; do
	for o in json text table; do
		a=$("$TCAS" $C DescribeAutoScalingInstances --output $o --filter "$f" 2>&1)
		b=$("$TCAS" query --output $o "$f" "$D/emu-DescribeAutoScalingInstances.json" 2>&1)
		[ "$a" = "$b" ] && ok "--filter = query ($o): $f" || bad "--filter != query ($o): $f" "$a
---
$b"
	done
done
run "$TCAS" $C DescribeRefreshActivities --RefreshActivityIds asr-juhf6ytr --filter "RefreshActivitySet[0].RefreshBatchSet[]\
.RefreshBatchRelatedInstanceSet[?InstanceStatus=='FAILED'].InstanceId[]"
expect_rc "help example: failed instances of a refresh" 0
expect_in "failed instance listed" '"ins-k5r3d2xw"' "$out"
run "$TCAS" $C DescribeAutoScalingInstances --filter "AutoScalingInstanceSet[" 
expect_rc "--filter syntax error" 2
expect_in "--filter error kind and offset" "tcas: --filter: syntax error at offset 23" "$err"
[ "$(grep -c DescribeAutoScalingInstances "$TMP/emu.log" 2>/dev/null)" -le 16 ] && ok "a bad --filter sends nothing" || bad "bad --filter sent a request"
run "$TCAS" $C DescribeAutoScalingInstances --filter "AutoScalingInstanceSet[?InstanceId > \`1\`]"
expect_rc "--filter evaluation error" 2
expect_in "--filter invalid-type" "tcas: --filter: invalid-type error at offset" "$err"
# ---- the command built without JMESPath (TCAS_CLI_JMESPATH=0) ----------------
if [ -x "$B/tcas-no-jmespath" ]; then
	NJ=$B/tcas-no-jmespath
	run "$NJ" query "@" "$D/emu-DescribeAutoScalingGroups.json"
	expect_rc "without JMESPath: query refused" 2
	expect_in "without JMESPath: query says why" "built without JMESPath (TCAS_CLI_WITH_JMESPATH=0)" "$err"
	run "$NJ" $C DescribeAutoScalingGroups --filter "AutoScalingGroupSet[0]"
	expect_rc "without JMESPath: --filter refused before any call" 2
	expect_in "without JMESPath: --filter says why" "--filter: this tcas is built without JMESPath" "$err"
	run "$NJ" $C DescribeAutoScalingGroups
	expect_rc "without JMESPath: calls work" 0
	expect_in "without JMESPath: the whole answer printed" '"AutoScalingGroupSet"' "$out"
	run "$NJ" help query
	expect_in "without JMESPath: help query says so" "not in this build" "$out"
else
	bad "no $B/tcas-no-jmespath (make tests builds it)"
fi
stop_emu

# ---- the differential test (after the emulator: it takes its time) ---------
run "$PY" test/jmespath/diff.py "$TCAS" test/jmespath/cases.txt \
    "$D"/Describe*.json "$D"/emu-*.json "$D/page100.json" test/jmespath/values.json
expect_rc "tcas query agrees with python jmespath" 0
printf '%s\n' "$out" | tail -n 1
[ "$rc" = 0 ] || printf '%s\n' "$out" | head -n 40

# the unit tests' expectations are python's too
run "$PY" test/jmespath/check_cases.py test/unit/test_jmespath.c test/unit/test_jmespath_api.c
expect_rc "unit test cases agree with python jmespath" 0
printf '%s\n' "$out" | tail -n 3


# ---- query: input -----------------------------------------------------------
P=$D/page100.json
run "$TCAS" query "length(AutoScalingInstanceSet)" - <"$P"
expect_rc "query from stdin (-)" 0
expect_in "100 instances" "100" "$out"
run sh -c "cat '$P' | '$TCAS' query TotalCount"
expect_rc "query from a pipe, no FILE" 0
expect_in "TotalCount from stdin" "100" "$out"
mkfifo "$TMP/fifo"
run timeout 10 "$TCAS" query TotalCount "$TMP/fifo"
expect_rc "a FIFO is refused at once" 2
expect_in "FIFO: not a regular file" "is not a regular file" "$err"
run "$TCAS" query TotalCount /dev/zero
expect_rc "a device is refused" 2
run "$TCAS" query TotalCount "$TMP"
expect_rc "a directory is refused" 2
run "$TCAS" query TotalCount "$TMP/nope.json"
expect_rc "a missing file" 2
expect_in "missing file named" "cannot read $TMP/nope.json: no such file" "$err"
ln -s loop "$TMP/loop"
run "$TCAS" query TotalCount "$TMP/loop"
expect_rc "an unreadable file (a symlink loop: also as root)" 2
expect_in "the read error in words" "cannot read $TMP/loop: Too many symbolic links" "$err"
"$PY" -c "import sys; sys.stdout.write('[' + ' ' * 4200000 + '1]')" >"$TMP/big.json"
run "$TCAS" query @ "$TMP/big.json"
expect_rc "input over the limit" 12
expect_in "input limit named" "larger than TCAS_QUERY_INPUT_MAX" "$err"
run sh -c "'$TCAS' query @ - <'$TMP/big.json'"
expect_in "stdin limit named" "larger than TCAS_QUERY_INPUT_MAX" "$err"
"$PY" -c "import sys; sys.stdout.write('[' + ','.join(['0'] * 70000) + ']')" >"$TMP/many.json"
run "$TCAS" query "length(@)" "$TMP/many.json"
expect_rc "too many values" 12
expect_in "token limit named" "TCAS_QUERY_TOKENS_MAX" "$err"
printf '{"a": 1,}' >"$TMP/bad.json"
run "$TCAS" query a "$TMP/bad.json"
expect_rc "not JSON" 2
expect_in "not JSON said" "is not JSON" "$err"
run "$TCAS" query
expect_rc "query without an expression" 2
run "$TCAS" query a b c
expect_rc "query with three arguments" 2
run "$TCAS" query --output yaml a "$P"
expect_rc "query: bad --output" 2

# ---- query: output and errors -----------------------------------------------
run "$TCAS" query "AutoScalingInstanceSet[?HealthStatus=='UNHEALTHY'].InstanceId | [:3]" "$P" --output text
expect_rc "query --output text" 0
expect_in "text: tab-separated IDs" "	ins-" "$out"
run "$TCAS" query "AutoScalingInstanceSet[:3].{id: InstanceId, zone: Zone}" "$P" --output table
expect_in "table: a built value as a table" "| id " "$out"
run "$TCAS" query "Nope" "$P" --output text
expect_in "text: null is None" "None" "$out"
run "$TCAS" query "Nope" "$P"
expect_in "json: null" "null" "$out"
run "$TCAS" query "[to_number('inf'), to_number('nan'), \`1.5\`]" "$P" --output text
expect_in "text: infinities and NaN as python writes them" "Infinity	NaN	1.5" "$out"
run "$TCAS" query "avg(AutoScalingInstanceSet[*].VersionNumber)" "$P"
expect_in "avg is a float" "3.0" "$out"
run "$TCAS" query "AutoScalingInstanceSet[?HealthStatus=='HEALTHY'" "$P"
expect_rc "query syntax error" 2
expect_in "error kind and offset (the end)" "tcas: query: syntax error at offset 47" "$err"
expect_in "caret under the offset" "$(printf "%49s" "^")" "$err"
run "$TCAS" query "length(@, @)" "$P"
expect_in "invalid-arity" "invalid-arity error at offset 0" "$err"
run "$TCAS" query "nope(@)" "$P"
expect_in "unknown-function" "unknown-function error at offset 0" "$err"
run "$TCAS" query "&TotalCount" "$P"
expect_rc "an expression reference has no JSON form" 2
expect_in "expref: invalid-type" "invalid-type" "$err"

# ---- the arena on a full page: what users run fits ---------------------------
for e in "to_string(@)" "reverse(to_string(@))" "sort_by(AutoScalingInstanceSet, &AddTime)" \
         "AutoScalingInstanceSet[*].{id: InstanceId, z: Zone, s: [LifeCycleState, HealthStatus], t: to_string(@)}" \
         "map(&merge(@, {n: length(to_string(@))}), AutoScalingInstanceSet)" \
         "sort(AutoScalingInstanceSet[*].to_string(@))" ; do
	run "$TCAS" query "$e" "$P"
	expect_rc "full page in the default arena: $e" 0
done
run "$TCAS" query "[@, @][][@, @][][@, @][][@, @][][@, @][][@, @][][@, @][][@, @][] | to_string(@)" "$P"
expect_rc "arena exhausted" 12
expect_in "arena limit named" "TCAS_JMESPATH_ARENA_SIZE" "$err"
finish
