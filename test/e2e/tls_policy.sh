#!/bin/sh
# The TLS policy (tcas/tls.h), end to end: tcas against openssl s_server
# offering exactly one weakness each (an old protocol, a suite without
# forward secrecy or AEAD, a SHA-1 signature, a short RSA key, a P-521 key,
# a name only in the CN), and against servers that do not speak TLS at
# all. Each is refused with its own message and exit 3. Certificates are
# made with the openssl CLI (test/support/mkcerts.sh, mkweak.sh).
. test/e2e/lib.sh

P=$TMP/pki
sh test/support/mkcerts.sh "$P"
sh test/support/mkweak.sh "$P"
SRV_PID=""
stop_srv() { [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null; SRV_PID=""; }
trap 'stop_srv; cleanup' EXIT INT TERM

# srv CERT [s_server options...]: serve one connection on a free port;
# sets PORT.
srv() {
	c=$1; shift
	: >"$TMP/srv.out"
	openssl s_server -accept 127.0.0.1:0 -cert "$P/$c.pem" -key "$P/$c.key" \
	  -www -naccept 1 "$@" >"$TMP/srv.out" 2>&1 </dev/null &
	SRV_PID=$!
	i=0
	while ! grep -q '^ACCEPT' "$TMP/srv.out" && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
	PORT=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$TMP/srv.out" | head -1)
	[ -n "$PORT" ] || { echo "s_server did not start:"; cat "$TMP/srv.out"; exit 1; }
}

# refused NAME TEXT CERT [s_server options...]
refused() {
	name=$1; text=$2; shift 2
	srv "$@"
	run "$TCAS" --endpoint "https://localhost:$PORT" --ca-file "$P/ca.pem" \
	  --timeout 5 DescribeAutoScalingGroups
	expect_rc "$name refused" 3
	expect_in "$name message" "$text" "$err"
	stop_srv
}

old='DEFAULT:@SECLEVEL=0'
refused "TLS 1.0-only server" "offers no TLS 1.2" server -tls1 -cipher "$old"
refused "TLS 1.1-only server" "offers no TLS 1.2" server -tls1_1 -cipher "$old"
refused "RSA key exchange only" "offers no ECDHE suite" rsa2048 \
  -tls1_2 -cipher AES128-GCM-SHA256:AES256-GCM-SHA384
refused "CBC suites only" "offers no ECDHE suite" server -tls1_2 \
  -cipher ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA
refused "SHA-1 signed certificate" "SHA-1 or MD5 signature" sha1 -cipher "$old"
refused "RSA-1024 certificate" "RSA key below 2048 bits" rsa1024 -cipher "$old"
refused "P-521 certificate" "not on P-256 or P-384" p521
refused "CN without subjectAltName" "no subjectAltName" nosan
expect_in "SAN refusal names tcas's check" "TCAS_BR_ERR_NO_SAN" "$err"

# Accepted: a SHA-1 signature on the trust anchor itself (a root sent in
# the chain) is never checked, so it is not refused.
rm -f "$TMP/ready"
"$EMU" --listen 127.0.0.1:0 --cert-dir "$P/sha1root" --ready-file "$TMP/ready" \
  --exit-after 60 >"$TMP/emu.out" 2>&1 &
EMU_PID=$!
i=0
while [ ! -s "$TMP/ready" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
EP=$(grep '^https://' "$TMP/ready" | head -1 | sed 's#//127.0.0.1:#//localhost:#')
run "$TCAS" --endpoint "$EP" --ca-file "$P/sha1root/ca.pem" DescribeAutoScalingGroups
expect_rc "SHA-1 self-signed anchor in the chain accepted" 0
stop_emu

# Plain HTTP to a TLS port: tcas-emu's TLS listener resets the connection
# without a byte (the CLI adds the hint); a server that answers with a TLS
# alert record is named as a TLS port.
start_emu
run "$TCAS" --endpoint "$(echo "$EP" | sed 's#^https://#http://#')" DescribeAutoScalingGroups
expect_rc "plain HTTP to the TLS port" 3
expect_in "plain HTTP to the TLS port: hint" "use https://" "$err"
stop_emu
python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); c.recv(4096)
c.sendall(bytes([0x15, 3, 1, 0, 2, 2, 0x46])); c.close()
' >"$TMP/alert.port" &
SRV_PID=$!
i=0
while [ ! -s "$TMP/alert.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
run "$TCAS" --endpoint "http://localhost:$(cat "$TMP/alert.port")" DescribeAutoScalingGroups
expect_rc "plain HTTP answered with a TLS alert" 3
expect_in "plain HTTP answered with a TLS alert: named" "server speaks TLS" "$err"
stop_srv

# Not TLS at all: a plain HTTP server answers the hello with HTTP.
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); c.recv(4096)
c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); c.close()
' >"$TMP/plain.port" &
SRV_PID=$!
i=0
while [ ! -s "$TMP/plain.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
run "$TCAS" --endpoint "https://localhost:$(cat "$TMP/plain.port")" \
  --ca-file "$P/ca.pem" --timeout 5 DescribeAutoScalingGroups
expect_rc "TLS to a plain HTTP server" 3
expect_in "TLS to a plain HTTP server: cause named" "does not speak TLS" "$err"
stop_srv

finish
