#!/bin/sh
# The tcas command without a server: usage errors, dry-run signing,
# exit codes, secrets never printed.
. test/e2e/lib.sh

run "$TCAS" --version
expect_rc "version" 0
expect_in "version text" "tcas 0." "$out"

run "$TCAS"
expect_rc "no action is a usage error" 2

run "$TCAS" --help
expect_rc "help" 0
expect_in "help names exit codes" "exit codes" "$out"

run "$TCAS" help
expect_rc "action list" 0
n=$(printf '%s\n' "$out" | grep -c '^  [A-Z]')
[ "$n" = 58 ] && ok "action list has 58 actions" || bad "action list has $n actions"

run "$TCAS" DescribeRefreshActivites
expect_rc "unknown action" 2
expect_in "unknown action suggestion" "did you mean DescribeRefreshActivities" "$err"

run "$TCAS" ResumeInstanceRefresh --AutoScalingGroupID asg-1 --RefreshActivityId asr-1
expect_rc "unknown parameter" 2
expect_in "unknown parameter suggestion" "--AutoScalingGroupId" "$err"

run "$TCAS" ResumeInstanceRefresh --RefreshActivityId asr-1
expect_rc "missing required parameter" 2
expect_in "missing parameter named" "AutoScalingGroupId" "$err"

run "$TCAS" ModifyDesiredCapacity --AutoScalingGroupId asg-1 --DesiredCapacity 3x
expect_rc "ill-typed integer" 2
expect_in "ill-typed parameter named" "DesiredCapacity" "$err"

run "$TCAS" --timeout soon DescribeAutoScalingGroups
expect_rc "bad --timeout" 2

run "$TCAS" --endpoint "ftp://x" DescribeAutoScalingGroups
expect_rc "bad endpoint scheme" 2
run "$TCAS" --endpoint "http://localhost" DescribeAutoScalingGroups
expect_rc "http endpoint without port" 2

run env -u TENCENTCLOUD_SECRET_KEY "$TCAS" DescribeAutoScalingGroups
expect_rc "missing credentials" 2
expect_in "missing credentials named" "TENCENTCLOUD_SECRET_KEY" "$err"

# --dry-run: the exact request; signature computed independently with
# python3 (docs/api-3.0.md reference function, content-type
# application/json, SignedHeaders content-type;host;x-tc-action).
run "$TCAS" --dry-run --timestamp 1767225599 --region ap-guangzhou \
  ResumeInstanceRefresh --AutoScalingGroupId asg-h7tgd87d \
  --RefreshActivityId asr-juhf6ytr --ResumeMode RETRY
expect_rc "dry-run" 0
expect_in "dry-run request line" "POST / HTTP/1.1" "$out"
expect_in "dry-run host" "Host: as.tencentcloudapi.com" "$out"
expect_in "dry-run body" '{"AutoScalingGroupId":"asg-h7tgd87d","RefreshActivityId":"asr-juhf6ytr","ResumeMode":"RETRY"}' "$out"
expect_in "dry-run content-length" "Content-Length: 93" "$out"
expect_in "dry-run timestamp" "X-TC-Timestamp: 1767225599" "$out"
expect_in "dry-run signature" "Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234/2025-12-31/as/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=523f43d6dd1727b7604da019e51551643d3ae8c48f8c3aa7db2a3e2ed00c483a" "$out"
expect_not_in "dry-run hides the secret key" "$TENCENTCLOUD_SECRET_KEY" "$out$err"

run env TENCENTCLOUD_SESSION_TOKEN=tok-secret-123 "$TCAS" --dry-run DescribeAutoScalingGroups
expect_rc "dry-run with token" 0
expect_in "token header present" "X-TC-Token:" "$out"
expect_not_in "token value hidden" "tok-secret-123" "$out$err"

# Nothing listens on port 1: a network error, exit 3.
run "$TCAS" --endpoint http://127.0.0.1:1 --timeout 3 DescribeAutoScalingGroups
expect_rc "connection refused" 3
expect_in "network error named" "network error" "$err"

finish
