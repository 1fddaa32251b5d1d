#!/bin/sh
# Peak stack of one full signed HTTPS call, measured by painting
# (test/boards/stack_paint.c) against tcas-emu on loopback:
#   sh boards/stack.sh BUILD_DIR ["QEMU_LD_PREFIX=... qemu-ARCH"]
# BUILD_DIR/tcas-stack runs natively or through the given runner; the
# emulator is always the host's build/tcas-emu.
set -e
b=$1; run=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcas-stack.XXXXXX")
build/tcas-emu --listen 127.0.0.1:0 --cert-dir "$tmp/pki" --ca-out "$tmp/ca.pem" \
  --ready-file "$tmp/ready" --batch-seconds 0 --rate 0 --exit-after 60 \
  --log "$tmp/emu.log" >/dev/null 2>&1 &
emu=$!
trap 'kill $emu 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
i=0
while [ ! -s "$tmp/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
port=$(sed -n 's#^https://127.0.0.1:\([0-9]*\).*#\1#p' "$tmp/ready" | head -1)
[ -n "$port" ] || { echo "tcas-emu did not start" >&2; exit 1; }
env $run "$b/tcas-stack" "$port" "$tmp/ca.pem"
