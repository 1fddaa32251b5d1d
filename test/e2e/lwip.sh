#!/bin/sh
# tcas on the lwIP port against tcas-emu over TLS, through a real lwIP
# stack (Debian's liblwip) on a TAP interface, inside a network namespace
# made here (addresses 10.77.0.0/24 exist only in it). Both port variants:
# the sockets API, and raw/altcp driven through the poll hook. Skips, and
# says why, where TAP devices or namespaces are not available.
B=${TCAS_BUILD:-build}
skip() { echo "skip: $1"; echo "0 passed, 0 failed (skipped)"; exit 0; }
if [ -z "$TCAS_LWIP_NETNS" ]; then
	[ -x "$B/tcas-lwip-tap" ] || skip "$B/tcas-lwip-tap not built (make lwip-tap; needs liblwip-dev)"
	[ -x "$B/tcas-emu" ] || skip "$B/tcas-emu not built"
	[ "$(id -u)" = 0 ] || skip "not root (a TAP device and a network namespace need CAP_NET_ADMIN)"
	[ -c /dev/net/tun ] || skip "/dev/net/tun is missing"
	command -v ip >/dev/null || skip "ip (iproute2) is missing"
	command -v unshare >/dev/null || skip "unshare (util-linux) is missing"
	unshare --net true 2>/dev/null || skip "cannot create a network namespace here"
	TCAS_LWIP_NETNS=1 exec unshare --net sh "$0" "$@"
fi
. test/e2e/lib.sh
TAPIF=tcas0; HOST_IP=10.77.0.1; LWIP_IP=10.77.0.2
ip link set lo up &&
  ip tuntap add dev $TAPIF mode tap &&
  ip addr add $HOST_IP/24 dev $TAPIF &&
  ip link set $TAPIF up || { bad "TAP setup in the namespace"; finish; exit 1; }
ok "namespace with $TAPIF $HOST_IP/24"

# emu ARGS...: start tcas-emu on the host side of the TAP; sets $port.
emu() {
	rm -f "$TMP/ready"
	"$EMU" --listen $HOST_IP:0 --allow-remote --cert-dir "$TMP/pki" \
	  --ca-out "$TMP/ca.pem" --ready-file "$TMP/ready" --log "$TMP/emu.log" \
	  --batch-seconds 0 --rate 0 --exit-after 120 "$@" >"$TMP/emu.out" 2>&1 &
	EMU_PID=$!
	i=0
	while [ ! -s "$TMP/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
	[ -s "$TMP/ready" ] || { bad "tcas-emu did not start" "$(cat "$TMP/emu.out")"; finish; exit 1; }
	port=$(sed -n "s#^https://$HOST_IP:\([0-9]*\).*#\1#p" "$TMP/ready" | head -1)
}

for v in sock raw; do
	emu
	run env TCAS_TAPIF=$TAPIF timeout 90 "$B/tcas-lwip-tap" $v \
	  $LWIP_IP $HOST_IP "$port" "$TMP/ca.pem"
	expect_rc "lwIP $v: four calls through the TAP" 0
	printf '%s\n' "$out" | sed 's/^/       /'
	expect_in "lwIP $v: resume answered" "ok   resume: TCAS_OK" "$out"
	expect_in "lwIP $v: documented API error" "ok   resume again: TCAS_E_API" "$out"
	expect_in "lwIP $v: describe on the kept connection" "ok   describe: TCAS_OK" "$out"
	expect_in "lwIP $v: closed port refused" "ok   closed port: TCAS_E_NET_CONNECT" "$out"
	n=$(grep -c 'ResumeInstanceRefresh' "$TMP/emu.log")
	[ "$n" -ge 2 ] && ok "lwIP $v: emulator saw the calls" || bad "lwIP $v: emulator log" "$(cat "$TMP/emu.log")"
	stop_emu
	emu --fault hang
	run env TCAS_TAPIF=$TAPIF timeout 30 "$B/tcas-lwip-tap" $v \
	  $LWIP_IP $HOST_IP "$port" "$TMP/ca.pem" hang
	expect_rc "lwIP $v: timeout honoured" 0
	expect_in "lwIP $v: silent server times out" "ok   hang: TCAS_E_NET_DEADLINE" "$out"
	stop_emu
	emu --fault truncate
	run env TCAS_TAPIF=$TAPIF timeout 30 "$B/tcas-lwip-tap" $v \
	  $LWIP_IP $HOST_IP "$port" "$TMP/ca.pem" truncate
	expect_in "lwIP $v: close mid-body (no close_notify)" "ok   truncate: TCAS_E_HTTP_TRUNCATED" "$out"
	stop_emu
done

# The same client built with the cortex-m4-lwip-mfl board's limits (one
# half-duplex TLS buffer of 1349 bytes: BearSSL asks for 1024-byte
# fragments), from test/lwip/lwip.mk. tcas-emu's BearSSL server honours
# the request. (The cortex-m4-lwip board's full records run in QEMU:
# make check-qemu.)
TAPB=$B/cortex-m4-lwip-mfl-host/tcas-lwip-tap
[ -x "$TAPB" ] || { bad "$TAPB not built (make lwip-tap-board)"; finish; exit 1; }
for v in sock raw; do
	emu
	run env TCAS_TAPIF=$TAPIF timeout 90 "$TAPB" $v \
	  $LWIP_IP $HOST_IP "$port" "$TMP/ca.pem"
	expect_rc "board limits, lwIP $v: four calls through the TAP" 0
	printf '%s\n' "$out" | sed 's/^/       /'
	expect_in "board limits: small TLS input buffer" "TCAS_TLS_IBUF_SIZE=1349" "$out"
	expect_in "board limits, lwIP $v: resume answered" "ok   resume: TCAS_OK" "$out"
	expect_in "board limits, lwIP $v: answer over 1 KB in 1 KB records" "ok   describe: TCAS_OK" "$out"
	stop_emu
done
# A server that ignores max_fragment_length (tcas-emu --tls-no-mfl) sends
# the answer in one record larger than the buffer: the clear error, naming
# the limit. The default build reads the same answer.
emu --tls-no-mfl
run env TCAS_TAPIF=$TAPIF timeout 30 "$TAPB" raw $LWIP_IP $HOST_IP "$port" \
  "$TMP/ca.pem" nomfl
printf '%s\n' "$out" | sed 's/^/       /'
expect_rc "server ignoring max_fragment_length: board limits fail" 0
expect_in "record too large reported" "ok   nomfl: TCAS_E_TLS_RECORD_TOO_LARGE" "$out"
expect_in "error text names the limit" "TCAS_TLS_IBUF_SIZE" "$out"
run env TCAS_TAPIF=$TAPIF timeout 30 "$B/tcas-lwip-tap" raw $LWIP_IP \
  $HOST_IP "$port" "$TMP/ca.pem" nomfl
expect_in "server ignoring max_fragment_length: full buffer reads it" \
  "ok   nomfl: TCAS_OK" "$out"
stop_emu
finish
