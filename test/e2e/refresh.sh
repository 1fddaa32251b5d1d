#!/bin/sh
# The six instance refresh actions through `tcas` against tcas-emu over
# TLS: every state transition of docs/instance-refresh.md and the
# documented errors, each with the service's code and exit 1.
# --batch-seconds 0: every call advances an activity by one step, so the
# script is deterministic; ins-g7f1y5kp (of asg-5gdeva7a) and ins-w4j8n1fy
# (of asg-h7tgd87d, in a batch the seeded refresh never ran) fail their
# first refresh, and only that one.
. test/e2e/lib.sh

start_emu --batch-seconds 0 --fail-instances ins-g7f1y5kp,ins-w4j8n1fy --rate 0
t() { run "$TCAS" --endpoint "$EP" --ca-file "$CA" "$@"; }
field() { printf '%s\n' "$out" | sed -n "s/^ *\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" | head -1; }
# api_error NAME CODE: last call failed with exit 1 and this code.
api_error() {
	expect_rc "$1" 1
	expect_in "$1: $2" "API error $2:" "$err"
}
# status_of R: activity status via DescribeRefreshActivities.
status_of() { t DescribeRefreshActivities --RefreshActivityIds "$1"; field Status; }
# wait_for R STATUS: poll (one step per call) until R reaches STATUS.
wait_for() {
	i=0
	while [ $i -lt 20 ]; do
		s=$(status_of "$1")
		[ "$s" = "$2" ] && { ok "$1 reaches $2"; return 0; }
		i=$((i+1))
	done
	bad "$1 never reached $2 (last: $s)"
}
G1=asg-h7tgd87d; R0=asr-juhf6ytr; G2=asg-5gdeva7a
RS='{"RollingUpdateSettings":{"BatchNumber":2}}'

# -- the seeded paused activity -------------------------------------------
[ "$(status_of $R0)" = FAILED_PAUSE ] && ok "seed: $R0 is FAILED_PAUSE" || bad "seed status of $R0"
t StopInstanceRefresh --AutoScalingGroupId $G1 --RefreshActivityId $R0
api_error "Stop in FAILED_PAUSE" ResourceUnavailable.RefreshActivityStatusConflictWithOperation
t ResumeInstanceRefresh --AutoScalingGroupId $G1 --RefreshActivityId asr-zzzzzzzz
api_error "Resume of an unknown activity" ResourceNotFound.RefreshActivityNotFound
t CancelInstanceRefresh --AutoScalingGroupId $G2 --RefreshActivityId $R0
api_error "Cancel through another group" ResourceNotFound.RefreshActivityNotFound
t DescribeRefreshActivities --RefreshActivityIds asr-zzzzzzzz
expect_rc "Describe of an unknown ID" 0
[ "$(field TotalCount)" = 0 ] && ok "unknown ID: TotalCount 0" || bad "unknown ID TotalCount" "$out"

# -- Start preconditions -----------------------------------------------------
t StartInstanceRefresh --AutoScalingGroupId $G1 --RefreshSettings "$RS"
api_error "Start while a refresh is open" ResourceUnavailable.AutoScalingGroupInRefreshActivity
t StartInstanceRefresh --AutoScalingGroupId asg-00000000 --RefreshSettings "$RS"
api_error "Start on an unknown group" ResourceNotFound.AutoScalingGroupIdNotFound
t StartInstanceRefresh --AutoScalingGroupId $G2 --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":9}}'
api_error "BatchNumber above the instance count" InvalidParameterValue.BatchNumberTooLarge
t StartInstanceRefresh --AutoScalingGroupId $G2 --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":2,"MaxSurge":3}}'
api_error "MaxSurge above a batch" InvalidParameterValue.MaxSurgeTooLarge
# tcas refuses an unknown value itself (test/e2e/values.sh); --service
# sends it unchecked, for the emulator's own check
t StartInstanceRefresh --AutoScalingGroupId $G2 --RefreshSettings "$RS" --RefreshMode ROLLING_UPDATE_SIDEWAYS
expect_rc "unknown RefreshMode refused by tcas" 2
t --service as --api-version 2018-04-19 StartInstanceRefresh --AutoScalingGroupId $G2 --RefreshSettings "$RS" --RefreshMode ROLLING_UPDATE_SIDEWAYS
api_error "unknown RefreshMode" InvalidParameterValue
expect_in "RefreshMode named" "RefreshMode" "$err"

# -- rollback of a paused activity ------------------------------------------
t RollbackInstanceRefresh --AutoScalingGroupId $G1 --OriginRefreshActivityId $R0 \
  --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":1}}'
expect_rc "Rollback of a paused activity" 0
RB=$(field RefreshActivityId)
[ "$(status_of $R0)" = CANCELLED ] && ok "rolled-back origin is CANCELLED" || bad "origin after rollback"
t DescribeRefreshActivities --RefreshActivityIds "$RB"
expect_in "rollback activity type" '"ActivityType": "ROLLBACK"' "$out"
expect_in "rollback names its origin" "\"OriginRefreshActivityId\": \"$R0\"" "$out"
t RollbackInstanceRefresh --AutoScalingGroupId $G1 --OriginRefreshActivityId "$RB" --RefreshSettings "$RS"
api_error "Rollback of a rollback" ResourceUnavailable.RollbackTypeActivityCanNotRollbackAgain
t ResumeInstanceRefresh --AutoScalingGroupId $G1 --RefreshActivityId $R0
api_error "Resume after cancel" ResourceUnavailable.RefreshActivityStatusConflictWithOperation
t CancelInstanceRefresh --AutoScalingGroupId $G1 --RefreshActivityId $R0
api_error "Cancel after cancel" ResourceUnavailable.RefreshActivityStatusConflictWithOperation
wait_for "$RB" SUCCESSFUL

# -- a failing batch, RETRY, then the finished activity ---------------------
t StartInstanceRefresh --AutoScalingGroupId $G2 --RefreshSettings "$RS"
expect_rc "Start" 0
R1=$(field RefreshActivityId)
case "$R1" in asr-????????) ok "new ID $R1";; *) bad "new activity ID '$R1'";; esac
wait_for "$R1" FAILED_PAUSE
t DescribeRefreshActivities --RefreshActivityIds "$R1"
expect_in "failed instance reported" '"InstanceStatus": "FAILED"' "$out"
expect_in "batch partially successful" '"RefreshBatchStatus": "PARTIALLY_SUCCESSFUL"' "$out"
t ResumeInstanceRefresh --AutoScalingGroupId $G2 --RefreshActivityId "$R1" --ResumeMode RETRY
expect_rc "Resume RETRY" 0
wait_for "$R1" SUCCESSFUL
t DescribeRefreshActivities --RefreshActivityIds "$R1"
expect_not_in "RETRY left no failed instance" '"InstanceStatus": "FAILED"' "$out"
for a in ResumeInstanceRefresh StopInstanceRefresh CancelInstanceRefresh; do
	t $a --AutoScalingGroupId $G2 --RefreshActivityId "$R1"
	api_error "$a of a SUCCESSFUL activity" ResourceUnavailable.RefreshActivityStatusConflictWithOperation
done

# -- CONTINUE skips the failed instance (ins-w4j8n1fy's first refresh) -----
t StartInstanceRefresh --AutoScalingGroupId $G1 --RefreshSettings "$RS"
R2=$(field RefreshActivityId)
wait_for "$R2" FAILED_PAUSE
t ResumeInstanceRefresh --AutoScalingGroupId $G1 --RefreshActivityId "$R2" --ResumeMode CONTINUE
expect_rc "Resume CONTINUE" 0
wait_for "$R2" SUCCESSFUL
t DescribeRefreshActivities --RefreshActivityIds "$R2"
expect_in "CONTINUE keeps the failed instance" '"InstanceStatus": "FAILED"' "$out"

# -- a listed instance fails its first refresh only --------------------------
t StartInstanceRefresh --AutoScalingGroupId $G2 --RefreshSettings "$RS"
R5=$(field RefreshActivityId)
wait_for "$R5" SUCCESSFUL
t DescribeRefreshActivities --RefreshActivityIds "$R5"
expect_not_in "the second refresh of ins-g7f1y5kp succeeds" '"InstanceStatus": "FAILED"' "$out"
t RollbackInstanceRefresh --AutoScalingGroupId $G2 --OriginRefreshActivityId "$R1" --RefreshSettings "$RS"
api_error "Rollback of an older SUCCESSFUL activity" ResourceUnavailable.RefreshActivityCanNotRollback
t RollbackInstanceRefresh --AutoScalingGroupId $G2 --OriginRefreshActivityId "$R5" \
  --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":1}}'
expect_rc "Rollback of the latest SUCCESSFUL activity" 0
R3=$(field RefreshActivityId)
wait_for "$R3" SUCCESSFUL

# -- Stop, pause states, Cancel ----------------------------------------------
t StartInstanceRefresh --AutoScalingGroupId $G2 \
  --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":4,"BatchPause":"FIRST_BATCH_PAUSE"}}'
R4=$(field RefreshActivityId)
wait_for "$R4" AUTO_PAUSE
t StopInstanceRefresh --AutoScalingGroupId $G2 --RefreshActivityId "$R4"
api_error "Stop in AUTO_PAUSE" ResourceUnavailable.RefreshActivityStatusConflictWithOperation
t ResumeInstanceRefresh --AutoScalingGroupId $G2 --RefreshActivityId "$R4"
expect_rc "Resume from AUTO_PAUSE" 0
t StopInstanceRefresh --AutoScalingGroupId $G2 --RefreshActivityId "$R4"
expect_rc "Stop a RUNNING activity" 0
wait_for "$R4" MANUAL_PAUSE
t StopInstanceRefresh --AutoScalingGroupId $G2 --RefreshActivityId "$R4"
api_error "Stop in MANUAL_PAUSE" ResourceUnavailable.RefreshActivityStatusConflictWithOperation
n=0; rc=1
while [ $rc != 0 ] && [ $n -lt 5 ]; do
	t CancelInstanceRefresh --AutoScalingGroupId $G2 --RefreshActivityId "$R4"; n=$((n+1))
	[ $rc = 0 ] || expect_in "Cancel refused only while a batch is in flight" \
	  RefreshActivityStatusConflictWithOperation "$err"
done
expect_rc "Cancel a paused activity" 0
[ "$(status_of "$R4")" = CANCELLED ] && ok "$R4 is CANCELLED" || bad "$R4 not cancelled"
t DescribeRefreshActivities --RefreshActivityIds "$R4"
expect_in "waiting batches cancelled" '"RefreshBatchStatus": "CANCELLED"' "$out"
t RollbackInstanceRefresh --AutoScalingGroupId $G2 --OriginRefreshActivityId "$R4" --RefreshSettings "$RS"
api_error "Rollback of a CANCELLED activity" ResourceUnavailable.RefreshActivityStatusConflictWithOperation

# -- Describe: filters, paging, conflict -------------------------------------
t DescribeRefreshActivities --Filters '[{"Name":"auto-scaling-group-id","Values":["asg-5gdeva7a"]}]'
expect_rc "Describe by group filter" 0
[ "$(field TotalCount)" = 4 ] && ok "group filter: TotalCount 4" || bad "group filter TotalCount $(field TotalCount)" "$out"
t DescribeRefreshActivities --Filters '[{"Name":"refresh-activity-type","Values":["ROLLBACK"]}]' --Limit 1
expect_rc "Describe by type with Limit 1" 0
[ "$(field TotalCount)" = 2 ] && ok "type filter: TotalCount 2" || bad "type filter TotalCount"
n=$(printf '%s\n' "$out" | grep -c '"RefreshActivityId"')
[ "$n" = 1 ] && ok "Limit 1 returns one activity" || bad "Limit 1 returned $n"
t DescribeRefreshActivities --Filters '[{"Name":"refresh-activity-status-code","Values":["CANCELLED"]}]'
[ "$(field TotalCount)" = 2 ] && ok "status filter: TotalCount 2" || bad "status filter TotalCount $(field TotalCount)"
t DescribeRefreshActivities --RefreshActivityIds "$R4" --Filters '[{"Name":"refresh-activity-type","Values":["NORMAL"]}]'
api_error "IDs and Filters together" InvalidParameter.Conflict

finish
