#!/bin/sh
# test/data/p256/make_vectors.sh - how openssl_vectors.txt was made (once;
# the keys are random, so a new run writes other, equally valid vectors).
# For each case: a fresh key (openssl ecparam -genkey), a message, its
# signature (openssl dgst -<hash> -sign: ECDSA over the message's digest,
# DER), the public point (the last 65 bytes of the DER public key) and the
# digest itself. Then the signature is checked by openssl once more.
# Line format: curve hash-name point-hex digest-hex signature-hex expect
# (expect 1: openssl verifies it; the tests then turn a bit of the
# signature and expect 0).
#   sh test/data/p256/make_vectors.sh > test/data/p256/openssl_vectors.txt
set -eu
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
hex() { od -An -v -tx1 | tr -d ' \n'; }
echo "# made by test/data/p256/make_vectors.sh with $(openssl version | cut -d' ' -f1,2)"
i=0
for spec in prime256v1:sha256 prime256v1:sha256 prime256v1:sha256 \
    prime256v1:sha256 prime256v1:sha1 prime256v1:sha224 prime256v1:sha384 \
    prime256v1:sha512 secp384r1:sha384 secp521r1:sha512; do
	curve=${spec%%:*} h=${spec##*:} i=$((i + 1))
	openssl ecparam -name "$curve" -genkey -noout -out "$D/k.pem"
	openssl ec -in "$D/k.pem" -pubout -outform DER -out "$D/pub.der" 2>/dev/null
	printf 'tcas p256 test vector %d (%s, %s)' "$i" "$curve" "$h" >"$D/msg"
	openssl dgst "-$h" -sign "$D/k.pem" -out "$D/sig" "$D/msg"
	openssl ec -in "$D/k.pem" -pubout -out "$D/pub.pem" 2>/dev/null
	openssl dgst "-$h" -verify "$D/pub.pem" -signature "$D/sig" "$D/msg" >/dev/null
	openssl dgst "-$h" -binary "$D/msg" >"$D/dig"
	case $curve in prime256v1) n=65 ;; secp384r1) n=97 ;; *) n=133 ;; esac
	echo "$curve $h $(tail -c "$n" "$D/pub.der" | hex) $(hex <"$D/dig") $(hex <"$D/sig") 1"
done
