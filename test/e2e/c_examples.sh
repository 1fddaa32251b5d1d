#!/bin/sh
# The example programs of test/examples/ (shown in the README) against
# tcas-emu over verified TLS: an instance refresh walk-through (a batch
# fails, the refresh pauses, resume retries it, success) and a scale-out
# on a gateway event.
. test/e2e/lib.sh
X=$B/examples

start_emu --batch-seconds 1 --fail-instances ins-g7f1y5kp
run "$X/refresh_walkthrough" "$EP" "$CA" asg-5gdeva7a
expect_rc "refresh walk-through" 0
expect_in "refresh started" "started asr-" "$out"
expect_in "a batch failed and the refresh paused" "FAILED_PAUSE" "$out"
expect_in "resumed" "resuming" "$out"
expect_in "finished" "finished: SUCCESSFUL" "$out"

run "$X/refresh_walkthrough" "$EP" "$CA" asg-00000000
expect_rc "refresh of an unknown group fails" 1
expect_in "API error shown" "ResourceNotFound" "$err"

run "$X/scale_out_event" "$EP" "$CA" asg-5gdeva7a 1
expect_rc "scale out on an event" 0
expect_in "scale-out activity" "scale out by 1: activity asa-" "$out"
expect_in "activity finished" "SUCCESSFUL" "$out"
expect_in "the group before" "asg-5gdeva7a: desired 4, in service 4" "$out"
expect_in "the group after: one more" "asg-5gdeva7a: desired 5, in service 5" "$out"

run "$X/scale_out_event" "$EP" "$CA"
expect_rc "example usage error" 2
finish
