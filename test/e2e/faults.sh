#!/bin/sh
# Fault matrix: every tcas-emu fault mode, for a read (Describe*, safe to
# repeat) and a write (ScaleOutInstances, no ClientToken): the documented
# error and exit code, within the deadline, and retried exactly where the
# retry policy allows (the emulator's log counts the requests it got).
. "$(dirname "$0")/lib.sh"

READ="DescribeAutoScalingGroups"
WRITE="ScaleOutInstances --AutoScalingGroupId asg-5gdeva7a --ScaleOutNumber 1"
RETRIES=2           # so a retried call makes 3 requests
TIMEOUT=1           # seconds, total deadline per call
SLACK_MS=1500       # process start, TLS, scheduling

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# call NAME FAULT ACTION...: start the emulator with FAULT (empty: none),
# run tcas against it, set $rc/$out/$err, $ms (elapsed) and $reqs (requests
# the emulator logged).
call() {
	name=$1 fault=$2; shift 2
	rm -f "$TMP/emu.log"
	if [ -n "$fault" ]; then start_emu --fault "$fault"; else start_emu; fi
	ep=$(echo "$EP" | sed 's/127\.0\.0\.1/localhost/')
	t0=$(now_ms)
	# shellcheck disable=SC2086
	run "$TCAS" --endpoint "$ep" --ca-file "$CA" --retries $RETRIES \
	  --timeout $TIMEOUT --debug "$@"
	ms=$(( $(now_ms) - t0 ))
	stop_emu
	reqs=$(grep -c ' req conn=' "$TMP/emu.log")
}

# check NAME RC WANT_REQS TEXT: exit code, request count (a|b = either),
# a text in stderr, elapsed within the deadline, no crash.
check() {
	expect_rc "$1" "$2"
	case "|$3|" in
	*"|$reqs|"*) ok "$1: $reqs request(s)";;
	*) bad "$1: $reqs request(s), want $3" "$(grep ' req conn=' "$TMP/emu.log")";;
	esac
	expect_in "$1: message" "$4" "$err"
	if [ "$ms" -le $((TIMEOUT * 1000 + SLACK_MS)) ]; then
		ok "$1: ended in $ms ms"
	else
		bad "$1: took $ms ms (deadline ${TIMEOUT} s)"
	fi
	[ "$rc" -lt 128 ] || bad "$1: killed by signal $((rc - 128))"
}

# shellcheck disable=SC2086
{
# --- rate limiting: always retried ---------------------------------------
call "throttle, read" "throttle=2 count=1" $READ
check "throttle, read" 0 3 "attempt 3"
call "throttle, write" "throttle=2 count=1" $WRITE
check "throttle, write" 0 3 "attempt 3"
expect_in "throttle, write: executed once" "ActivityId" "$out"
call "throttle exhausts retries" "throttle=50" $READ
check "throttle exhausts retries" 1 3 "RequestLimitExceeded"

# --- server errors: reads only ---------------------------------------------
call "internal, read" "internal" $READ
check "internal, read" 1 3 "API error InternalError"
call "internal, write" "internal" $WRITE
check "internal, write" 1 1 "API error InternalError"
call "http5xx, read" "http5xx" $READ
check "http5xx, read" 3 3 "status 503"
call "http5xx, write" "http5xx" $WRITE
check "http5xx, write" 3 1 "status 503"

# --- broken connections ----------------------------------------------------
call "reset-after, read" "reset-after" $READ
check "reset-after, read" 3 3 "network send/receive failed"
call "reset-after, write" "reset-after" $WRITE
check "reset-after, write" 3 1 "network send/receive failed"
call "truncate, read" "truncate" $READ
check "truncate, read" 3 3 "before the HTTP response was complete"
call "truncate, write" "truncate" $WRITE
check "truncate, write" 3 1 "before the HTTP response was complete"
call "reset-before, read" "reset-before" $READ
check "reset-before, read" 3 3 "network send/receive failed"
# The RST can hit the body while it is still being sent (then the request
# never left and is resent) or after it left (then it is not): 1 or 3.
call "reset-before, write" "reset-before" $WRITE
check "reset-before, write" 3 "1|3" "network send/receive failed"
if grep ' req conn=' "$TMP/emu.log" | grep -qv 'result=(reset)'; then
	bad "reset-before, write: a request was processed"
else
	ok "reset-before, write: never processed"
fi

# --- malformed answers: never retried -----------------------------------------
call "malformed, read" "malformed" $READ
check "malformed, read" 3 1 "bad response body"
call "malformed, write" "malformed" $WRITE
check "malformed, write" 3 1 "bad response body"

# --- slow and silent servers: the total deadline --------------------------------
call "slow within deadline" "slow=200" $READ
check "slow within deadline" 0 1 "attempt 1"
call "slow past deadline" "slow=2500" $READ
check "slow past deadline" 3 1 "total deadline passed"
call "hang, read" "hang" $READ
check "hang, read" 3 1 "total deadline passed"
call "hang, write" "hang" $WRITE
check "hang, write" 3 1 "total deadline passed"

# --- certificates: never retried ----------------------------------------------------
for cert in expired untrusted wronghost; do
	rm -f "$TMP/emu.log"
	start_emu --tls-cert $cert
	ep=$(echo "$EP" | sed 's/127\.0\.0\.1/localhost/')
	run "$TCAS" --endpoint "$ep" --ca-file "$CA" --retries $RETRIES \
	  --timeout $TIMEOUT --debug $READ
	stop_emu
	expect_rc "certificate $cert" 3
	n=$(printf '%s\n' "$err" | grep -c 'connecting, attempt')
	[ "$n" = 1 ] && ok "certificate $cert: one connection" ||
		bad "certificate $cert: $n connections"
	expect_in "certificate $cert: TLS error" "TLS error" "$err"
done

# --- nobody listening: retried (nothing was sent) -------------------------------------
start_emu
port=${EP##*:}
stop_emu
run "$TCAS" --endpoint "https://localhost:$port" --ca-file "$CA" \
  --retries $RETRIES --timeout $TIMEOUT --debug $WRITE
expect_rc "refused" 3
n=$(printf '%s\n' "$err" | grep -c 'connecting, attempt')
[ "$n" = 3 ] && ok "refused: 3 connection attempts" ||
	bad "refused: $n connection attempts" "$err"
expect_in "refused: message" "connection refused" "$err"

# --- proxy settings: $HTTPS_PROXY, $NO_PROXY, --proxy "" -------------------------
# (the proxy is the dead port from above: using it fails, not using it works)
start_emu
ep=$(echo "$EP" | sed 's/127\.0\.0\.1/localhost/')
HTTPS_PROXY="http://u:p@127.0.0.1:$port" run "$TCAS" --endpoint "$ep" \
  --ca-file "$CA" --retries 0 --debug $READ
expect_rc "HTTPS_PROXY is used" 3
expect_in "HTTPS_PROXY is used: refused" "connection refused" "$err"
https_proxy="127.0.0.1:$port" NO_PROXY="example.com, .localhost,localhost" \
  run "$TCAS" --endpoint "$ep" --ca-file "$CA" --retries 0 $READ
expect_rc "NO_PROXY skips the proxy" 0
HTTPS_PROXY="127.0.0.1:$port" run "$TCAS" --endpoint "$ep" --ca-file "$CA" \
  --retries 0 --proxy "" $READ
expect_rc "--proxy \"\" overrides HTTPS_PROXY" 0
run "$TCAS" --endpoint "$ep" --ca-file "$CA" --proxy "https://p:1" $READ
expect_rc "bad --proxy" 2
stop_emu

# --- secrets never in the debug log ----------------------------------------------------
call "debug log" "" $READ
expect_rc "debug log" 0
expect_in "debug log: signature redacted" "Signature=<redacted>" "$err"
expect_not_in "debug log: no secret key" "$TENCENTCLOUD_SECRET_KEY" "$err$out"
}

finish
