#!/bin/sh
# tcas over real TLS against tcas-emu (BearSSL server side, a test CA made
# with the openssl CLI during the run): a verified call succeeds, and a
# wrong host name, an unknown CA and an expired certificate are each
# refused with a clear message and exit 3. Plain HTTP only when asked.
. test/e2e/lib.sh

start_emu
run "$TCAS" --endpoint "$EP" --ca-file "$CA" DescribeAutoScalingGroups
expect_rc "verified TLS call" 0
expect_in "TLS call output" '"AutoScalingGroupSet"' "$out"
expect_in "TLS call RequestId" '"RequestId"' "$out"

run "$TCAS" --endpoint "$HEP" DescribeAutoScalingGroups
expect_rc "explicit http:// endpoint" 0

# A bundle of the system's anchors and the test CA, indexed, decoded on
# demand: the test CA is found among the others.
if [ -r /etc/ssl/certs/ca-certificates.crt ]; then
	cat /etc/ssl/certs/ca-certificates.crt "$CA" >"$TMP/bundle.pem"
	run "$TCAS" --endpoint "$EP" --ca-file "$TMP/bundle.pem" DescribeAutoScalingGroups
	expect_rc "test CA at the end of the system bundle" 0
fi
mkfifo "$TMP/fifo.pem"
run "$TCAS" --endpoint "$EP" --ca-file "$TMP/fifo.pem" DescribeAutoScalingGroups
expect_rc "a FIFO as --ca-file: refused, not waited on" 2

# The system bundle does not know the test CA.
run "$TCAS" --endpoint "$EP" DescribeAutoScalingGroups
expect_rc "unknown CA (system bundle)" 3
expect_in "unknown CA message" "not signed by a trusted CA" "$err"

run "$TCAS" --endpoint "$EP" --ca-file "$TMP/nonexistent.pem" DescribeAutoScalingGroups
expect_rc "missing --ca-file" 2
expect_in "missing CA file named" "nonexistent.pem" "$err"
printf 'not a certificate\n' >"$TMP/junk.pem"
run "$TCAS" --endpoint "$EP" --ca-file "$TMP/junk.pem" DescribeAutoScalingGroups
expect_rc "non-PEM --ca-file" 2
stop_emu

start_emu --tls-cert wronghost
run "$TCAS" --endpoint "$EP" --ca-file "$CA" DescribeAutoScalingGroups
expect_rc "wrong host name" 3
expect_in "wrong host name message" "does not match the host name" "$err"
expect_in "BearSSL reason named" "BR_ERR_X509_BAD_SERVER_NAME" "$err"
stop_emu

start_emu --tls-cert untrusted
run "$TCAS" --endpoint "$EP" --ca-file "$CA" DescribeAutoScalingGroups
expect_rc "untrusted CA" 3
expect_in "untrusted CA message" "not signed by a trusted CA" "$err"
stop_emu

start_emu --tls-cert expired
run "$TCAS" --endpoint "$EP" --ca-file "$CA" DescribeAutoScalingGroups
expect_rc "expired certificate" 3
expect_in "expired certificate message" "expired" "$err"
stop_emu

finish
