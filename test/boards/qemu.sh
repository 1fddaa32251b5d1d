#!/bin/sh
# make check-qemu: boot the cortex-m4-lwip firmware on QEMU's mps2-an386
# against tcas-emu on the host's loopback, and check what it reports.
#   [EMU_FLAGS=...] sh test/boards/qemu.sh BOARD_BUILD_DIR
# BOARD_BUILD_DIR holds firmware.elf, size.txt (make size: the stack bound
# and the RAM of one call) and pki/ (the emulator's test PKI, whose CA the
# image has compiled in). The guest runs its checks (boards/cortex-m4-lwip/
# main.c), prints them through semihosting and exits with status 0 when
# all passed; this script adds its own: the guest exited in time with status
# 0, the emulator logged the accepted and the refused call, each TCP SYN
# the guest sent has its own initial sequence number (from a dump of its
# frames), and the painted stack stays within the bound of make size.
#
# QEMU runs with -icount shift=0: the guest's virtual clock advances one
# nanosecond per instruction while it runs, so the time the firmware
# measures outside its sleeps (board_wait_irq) is its instruction count.
# That is the board's speed figure: instructions, not cycles (QEMU models
# no pipeline, caches or flash wait states; multiply by a real part's CPI).
set -u
bb=${1:?usage: qemu.sh BOARD_BUILD_DIR}
timeout_s=${QEMU_TIMEOUT:-120}
qemu=${QEMU:-qemu-system-arm}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcas-qemu.XXXXXX")
emu_pid=
cleanup() {
	[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
pass=0; fail=0
check() { # ok? what
	if [ "$1" = 0 ]; then
		pass=$((pass + 1)); echo "ok - $2"
	else
		fail=$((fail + 1)); echo "not ok - $2"
	fi
}

# shellcheck disable=SC2086 # EMU_FLAGS: more options for tcas-emu
build/tcas-emu ${EMU_FLAGS:-} --listen 127.0.0.1:0 --cert-dir "$bb/pki" \
  --ready-file "$tmp/ready" --batch-seconds 0 --rate 0 \
  --exit-after $((timeout_s + 10)) --log "$tmp/emu.log" >/dev/null 2>&1 &
emu_pid=$!
i=0
while [ ! -s "$tmp/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's#^https://127.0.0.1:\([0-9]*\).*#\1#p' "$tmp/ready" | head -1)
if [ -z "$port" ]; then
	echo "tcas-emu did not start" >&2
	exit 1
fi

# -nic user,model=lan9118 spelled out as -netdev + -net nic, to dump the
# guest's frames (filter-dump) for the check of its TCP sequence numbers.
timeout "$timeout_s" "$qemu" -M mps2-an386 -nographic -icount shift=0 \
  -semihosting-config enable=on,target=native,arg=firmware,arg="$port" \
  -netdev user,id=net0 -net nic,model=lan9118,netdev=net0 \
  -object filter-dump,id=dump0,netdev=net0,file="$tmp/net.pcap" \
  -kernel "$bb/firmware.elf" </dev/null >"$tmp/guest.log" 2>&1
rc=$?
sed 's/^/  guest: /' "$tmp/guest.log"
kill "$emu_pid" 2>/dev/null; wait "$emu_pid" 2>/dev/null; emu_pid=

guest_pass=$(grep -c '^ok ' "$tmp/guest.log")
guest_fail=$(grep -c '^not ok ' "$tmp/guest.log")
pass=$((pass + guest_pass)); fail=$((fail + guest_fail))
if [ "$rc" = 124 ]; then
	check 1 "guest finished within ${timeout_s} s (timed out)"
else
	check "$rc" "guest exited with status 0 (status $rc)"
fi
[ "$guest_pass" -ge 5 ] && [ "$guest_fail" = 0 ]
check $? "guest ran its 5 checks ($guest_pass passed, $guest_fail failed)"
grep -q 'action=ResumeInstanceRefresh result=OK ' "$tmp/emu.log"
check $? "emulator verified and accepted the signed ResumeInstanceRefresh"
grep -q 'action=ResumeInstanceRefresh result=ResourceUnavailable.RefreshActivityStatusConflictWithOperation' "$tmp/emu.log"
check $? "emulator refused the second resume (conflict)"

# The SYNs the guest sent: each connection's initial sequence number must
# be its own (LWIP_HOOK_TCP_ISN from the entropy source).
isns=$(python3 - "$tmp/net.pcap" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
off, out = 24, []
while off + 16 <= len(d):
    n = struct.unpack_from('<I', d, off + 8)[0]
    f = d[off + 16:off + 16 + n]
    off += 16 + n
    if len(f) < 54 or f[12:14] != b'\x08\x00' or f[23] != 6:
        continue
    ihl = (f[14] & 15) * 4
    t = f[14 + ihl:]
    if f[26:30] == bytes([10, 0, 2, 15]) and t[13] & 0x12 == 0x02:
        out.append('%d:%d' % (struct.unpack('>H', t[0:2])[0],
                              struct.unpack('>I', t[4:8])[0]))
print(' '.join(out))
PY
)
nsyn=$(echo "$isns" | wc -w)
nisn=$(for x in $isns; do echo "${x#*:}"; done | sort -u | wc -l)
[ "$nsyn" -ge 2 ] && [ "$nisn" = "$nsyn" ]
check $? "guest SYNs carry distinct initial sequence numbers (port:ISN ${isns:-none})"

painted=$(sed -n 's/^stack: painted \([0-9]*\) B.*/\1/p' "$tmp/guest.log")
bound=$(sed -n 's/^stack_bound=\([0-9]*\).*/\1/p' "$bb/size.txt")
ram=$(sed -n 's/^ram_one_call=\([0-9]*\).*/\1/p' "$bb/size.txt")
[ -n "$painted" ] && [ -n "$bound" ] && [ "$painted" -le "$bound" ]
check $? "painted stack ${painted:-?} B within the bound ${bound:-?} B of make size"

sed -n 's/^speed: call 1 (connect, full handshake) \([0-9]*\) ns, call 2 (kept connection) \([0-9]*\) ns.*/\1 \2/p' \
  "$tmp/guest.log" | while read -r one two; do
	echo "speed (guest instructions, QEMU -icount; not cycles): call 1 with connect and full TLS handshake $one, call 2 on the kept connection $two"
done
echo "qemu mps2-an386: $pass passed, $fail failed; painted stack ${painted:-?} B, bound ${bound:-?} B; RAM one call ${ram:-?} B"
[ "$fail" = 0 ]
