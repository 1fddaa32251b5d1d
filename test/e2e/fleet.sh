#!/bin/sh
# Fleet test: 200 concurrent `tcas` processes against one tcas-emu that
# enforces 20 requests/second per action. All calls must eventually
# succeed (backoff with full jitter, retries on RequestLimitExceeded), the
# server must never have answered more than its limit in any second, and
# the test prints the throughput and the slowest client's wait.
. test/e2e/lib.sh

N=${FLEET_CLIENTS:-200}
start_emu --rate DescribeRefreshActivities=20
mkdir -p "$TMP/fleet"
t0=$(date +%s%N)
i=0
while [ $i -lt "$N" ]; do
	( s=$(date +%s%N)
	  "$TCAS" --endpoint "$EP" --ca-file "$CA" --retries 10 --timeout 120 \
	    DescribeRefreshActivities --RefreshActivityIds asr-juhf6ytr \
	    >/dev/null 2>"$TMP/fleet/$i.err"
	  rc=$?
	  e=$(date +%s%N)
	  echo "$rc $(( (e - s) / 1000000 ))" >"$TMP/fleet/$i" ) &
	i=$((i+1))
done
wait_fleet() {
	n=0
	while [ "$(ls "$TMP/fleet" | grep -vc err)" -lt "$N" ] && [ $n -lt 1500 ]; do
		sleep 0.1; n=$((n+1))
	done
}
wait_fleet
t1=$(date +%s%N)
okc=$(cat "$TMP"/fleet/[0-9]* 2>/dev/null | grep -c '^0 ')
[ "$okc" = "$N" ] && ok "all $N clients succeeded" ||
  bad "$okc of $N clients succeeded" "$(cat "$TMP"/fleet/*.err | sort | uniq -c | head)"
slowest=$(cat "$TMP"/fleet/[0-9]* | awk '{print $2}' | sort -n | tail -1)
wall=$(( (t1 - t0) / 1000000 ))
served=$(grep -c 'action=DescribeRefreshActivities result=OK' "$TMP/emu.log")
throttled=$(grep -c 'action=DescribeRefreshActivities result=RequestLimitExceeded' "$TMP/emu.log")
[ "$served" = "$N" ] && ok "the server answered each client once ($served)" || bad "served $served, want $N"
# In every calendar second (a window inside the server's sliding one) at
# most 20 calls were answered.
maxsec=$(grep 'action=DescribeRefreshActivities result=OK' "$TMP/emu.log" |
  cut -c1-19 | sort | uniq -c | awk '{print $1}' | sort -n | tail -1)
[ "${maxsec:-0}" -le 20 ] && ok "at most 20 answered per second (max $maxsec)" ||
  bad "the limit was exceeded: $maxsec in one second"
echo "fleet: $N clients, $served calls in ${wall} ms = $(( served * 1000 / (wall > 0 ? wall : 1) )) calls/s;" \
  "$throttled throttled answers; slowest client waited ${slowest} ms"
finish
