#!/bin/sh
# make demo: tcas against tcas-emu on loopback over verified TLS. Walks an
# instance refresh: resume a paused one, start a new one, watch its batches,
# see a batch fail and the activity pause, resume with RETRY, watch it
# succeed, and see a resume of the finished activity refused (exit 1).
# No credentials or network needed: the emulator accepts the made-up
# example credentials of docs/api-3.0.md.
set -u
B=${1:-build}
TCAS_BIN=$B/tcas
D=$(mktemp -d "${TMPDIR:-/tmp}/tcas-demo.XXXXXX")
EMU_PID=""
trap '[ -n "$EMU_PID" ] && kill $EMU_PID 2>/dev/null; rm -rf "$D"' EXIT INT TERM

export TENCENTCLOUD_SECRET_ID=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234
export TENCENTCLOUD_SECRET_KEY=ExampleSecretKeyExampleSecretKey
export TENCENTCLOUD_REGION=ap-guangzhou
unset TENCENTCLOUD_SESSION_TOKEN

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ tcas %s\n' "$*"; }
# tcas ARGS: run the real binary against the emulator; print its output.
tcas() {
	"$TCAS_BIN" --endpoint "$EP" --ca-file "$CA" "$@" >"$D/out" 2>"$D/err"
	rc=$?
	cat "$D/out" "$D/err"
	return $rc
}
field() { # first "Name": value in $D/out
	sed -n "s/^ *\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$D/out" | head -1
}

say "Starting tcas-emu (TLS on loopback, fresh test CA; batches take 1 s;"
echo "   instance ins-g7f1y5kp fails its first refresh)"
"$B/tcas-emu" --listen 127.0.0.1:0 --cert-dir "$D/pki" --ca-out "$D/ca.pem" \
  --ready-file "$D/ready" --batch-seconds 1 --fail-instances ins-g7f1y5kp \
  --exit-after 120 --log "$D/emu.log" >"$D/emu.out" 2>&1 &
EMU_PID=$!
i=0
while [ ! -s "$D/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
[ -s "$D/ready" ] || { echo "tcas-emu did not start"; cat "$D/emu.out"; exit 1; }
cat "$D/emu.out"
# BearSSL checks DNS names only: talk TLS to "localhost".
EP=$(grep '^https://' "$D/ready" | head -1 | sed 's#//127.0.0.1:#//localhost:#')
CA=$D/ca.pem
echo "   (below, 'tcas' stands for: $TCAS_BIN --endpoint $EP --ca-file $CA)"

say "1. Resume the paused refresh asr-juhf6ytr of group asg-h7tgd87d"
show ResumeInstanceRefresh --AutoScalingGroupId asg-h7tgd87d --RefreshActivityId asr-juhf6ytr --ResumeMode RETRY
tcas ResumeInstanceRefresh --AutoScalingGroupId asg-h7tgd87d \
  --RefreshActivityId asr-juhf6ytr --ResumeMode RETRY || exit 1
show DescribeRefreshActivities --RefreshActivityIds asr-juhf6ytr
tcas DescribeRefreshActivities --RefreshActivityIds asr-juhf6ytr || exit 1

say "2. Start an instance refresh of group asg-5gdeva7a in 2 batches"
SETTINGS='{"RollingUpdateSettings":{"BatchNumber":2,"FailProcess":"AUTO_PAUSE"}}'
show StartInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshSettings "'$SETTINGS'"
tcas StartInstanceRefresh --AutoScalingGroupId asg-5gdeva7a \
  --RefreshSettings "$SETTINGS" || exit 1
R=$(field RefreshActivityId)

# poll STATUS...: DescribeRefreshActivities once a second until the
# activity reaches one of the given states (at most 30 s).
poll() {
	n=0
	while :; do
		"$TCAS_BIN" --endpoint "$EP" --ca-file "$CA" \
		  DescribeRefreshActivities --RefreshActivityIds "$R" >"$D/out" 2>"$D/err" ||
		  { cat "$D/err"; exit 1; }
		st=$(field Status)
		printf '   %s  status=%-12s batch=%s\n' "$(date +%T)" "$st" \
		  "$(field CurrentRefreshBatchNum)"
		for want in "$@"; do [ "$st" = "$want" ] && return 0; done
		n=$((n+1)); [ $n -ge 30 ] && { echo "   gave up waiting"; exit 1; }
		sleep 1
	done
}
say "3. Watch it with DescribeRefreshActivities --RefreshActivityIds $R"
poll FAILED_PAUSE SUCCESSFUL
echo "   The activity paused: a batch has a failed instance."
show DescribeRefreshActivities --RefreshActivityIds "$R"
cat "$D/out"

say "4. Retry the failed instances and go on"
show ResumeInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R" --ResumeMode RETRY
tcas ResumeInstanceRefresh --AutoScalingGroupId asg-5gdeva7a \
  --RefreshActivityId "$R" --ResumeMode RETRY || exit 1
poll SUCCESSFUL
echo "   The refresh finished."

say "5. Resuming a finished activity is refused by the service (exit 1)"
show ResumeInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R"
tcas ResumeInstanceRefresh --AutoScalingGroupId asg-5gdeva7a --RefreshActivityId "$R"
echo "   (exit $rc)"
[ "$rc" = 1 ] || exit 1

kill "$EMU_PID" 2>/dev/null; wait "$EMU_PID" 2>/dev/null; EMU_PID=""
say "Done: tcas-emu stopped. Its log:"
sed 's/^/   /' "$D/emu.log" | tail -n 8
