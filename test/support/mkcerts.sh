#!/bin/sh
# Make a throw-away PKI for TLS tests and the emulator, with the openssl CLI.
#   sh test/support/mkcerts.sh DIR
# DIR/ca.pem ca.key            test CA (trusted by the client in tests)
# DIR/server.pem server.key    leaf for localhost, 127.0.0.1, ::1 (+ chain)
# DIR/expired.pem expired.key  same names, validity ended in 2021
# DIR/wronghost.pem .key       valid, but only for wrong.example
# DIR/other-ca.pem .key        a second CA the client does not trust
# DIR/untrusted.pem .key       leaf for localhost signed by other-ca
# All keys are EC P-256. Existing files are kept (delete DIR to renew).
set -e
d=${1:?usage: mkcerts.sh DIR}
mkdir -p "$d"
cd "$d"
[ -f untrusted.pem ] && exit 0
ossl() { openssl "$@" 2>/dev/null; }
key() { ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
ca() { # name subject
	key "$1.key"
	ossl req -new -x509 -key "$1.key" -out "$1.pem" -days 3650 -subj "$2" \
	  -addext basicConstraints=critical,CA:TRUE \
	  -addext keyUsage=critical,keyCertSign,cRLSign
}
leaf() { # name ca san [extra x509 args...]
	n=$1; c=$2; san=$3; shift 3
	key "$n.key"
	ossl req -new -key "$n.key" -out "$n.csr" -subj "/CN=tcas test server"
	printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n' "$san" >"$n.ext"
	ossl x509 -req -in "$n.csr" -CA "$c.pem" -CAkey "$c.key" -CAcreateserial \
	  -extfile "$n.ext" -out "$n.leaf" "$@"
	cat "$n.leaf" "$c.pem" >"$n.pem"
	rm -f "$n.csr" "$n.ext" "$n.leaf"
}
ca ca "/CN=tcas test CA"
ca other-ca "/CN=tcas untrusted CA"
# BearSSL matches the server name against dNSName entries only, so the
# loopback IPs are listed as DNS names too (OpenSSL clients use the IP SANs).
local_san="DNS:localhost,DNS:127.0.0.1,DNS:::1,IP:127.0.0.1,IP:::1"
leaf server ca "$local_san" -days 825
leaf wronghost ca "DNS:wrong.example" -days 825
leaf untrusted other-ca "$local_san" -days 825
# Expired: backdated validity via openssl x509 -not_before/-not_after where
# available (OpenSSL 3.4+), otherwise via the CA module with fixed dates.
key expired.key
ossl req -new -key expired.key -out expired.csr -subj "/CN=tcas test server"
printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$local_san" >expired.ext
mkdir -p caroot/newcerts && : >caroot/index.txt && echo 01 >caroot/serial
cat >caroot/ca.cnf <<EOC
[ca]
default_ca = d
[d]
dir = caroot
database = caroot/index.txt
new_certs_dir = caroot/newcerts
serial = caroot/serial
default_md = sha256
policy = p
copy_extensions = none
[p]
commonName = supplied
EOC
ossl ca -batch -config caroot/ca.cnf -cert ca.pem -keyfile ca.key \
  -in expired.csr -out expired.leaf -startdate 20200101000000Z \
  -enddate 20210101000000Z -extfile expired.ext -notext
cat expired.leaf ca.pem >expired.pem
rm -rf caroot expired.csr expired.ext expired.leaf ca.srl other-ca.srl
