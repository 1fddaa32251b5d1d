#!/bin/sh
# Certificates that each carry one weakness the TLS policy refuses, made with
# the openssl CLI under the test CA of mkcerts.sh (run it on DIR first).
#   sh test/support/mkweak.sh DIR
# DIR/sha1.pem .key      leaf for localhost signed with ecdsa-with-SHA1
# DIR/rsa1024.pem .key   leaf with an RSA-1024 key
# DIR/rsa2048.pem .key   leaf with an RSA-2048 key (for the RSA key
#                        exchange server: the weakness is the suite)
# DIR/p521.pem .key      leaf with an EC key on P-521
# DIR/nosan.pem .key     leaf with CN=localhost and no subjectAltName
# DIR/sha1root/          a SHA-1 self-signed root (ca.pem), an intermediate
#                        and a leaf signed with SHA-256 (server.pem, the
#                        chain with the root), in tcas-emu's --cert-dir
#                        layout: accepted, the root being the anchor
# Each file is <name>.pem (leaf then issuers) and <name>.key.
set -e
d=${1:?usage: mkweak.sh DIR}
cd "$d"
[ -f sha1root/server.pem ] && exit 0
ossl() { openssl "$@" 2>/dev/null; }
ec() { ossl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$2" -out "$1"; }
leaf() { # name keyfile-maker-args... ; then: issuer ext [x509 args]
	n=$1; ca=$2; ext=$3; shift 3
	ossl req -new -key "$n.key" -out "$n.csr" -subj "/CN=localhost"
	printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n%s\n' \
	  "$ext" >"$n.ext"
	ossl x509 -req -in "$n.csr" -CA "$ca.pem" -CAkey "$ca.key" \
	  -CAcreateserial -extfile "$n.ext" -days 30 -out "$n.leaf" "$@"
	cat "$n.leaf" "$ca.pem" >"$n.pem"
	rm -f "$n.csr" "$n.ext" "$n.leaf"
}
san="subjectAltName=DNS:localhost"
ec sha1.key P-256
leaf sha1 ca "$san" -sha1
ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.key
leaf rsa1024 ca "$san"
ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.key
leaf rsa2048 ca "$san"
ec p521.key P-521
leaf p521 ca "$san"
ec nosan.key P-256
leaf nosan ca ""

mkdir -p sha1root && cd sha1root
ec ca.key P-256
ossl req -new -x509 -key ca.key -out ca.pem -days 30 -sha1 \
  -subj "/CN=tcas SHA-1 root" -addext basicConstraints=critical,CA:TRUE \
  -addext keyUsage=critical,keyCertSign,cRLSign
ec int.key P-256
ossl req -new -key int.key -out int.csr -subj "/CN=tcas intermediate"
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n' \
  >int.ext
ossl x509 -req -in int.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -extfile int.ext -days 30 -sha256 -out int.pem
ec server.key P-256
leaf server int "subjectAltName=DNS:localhost"
cat ca.pem >>server.pem
# tcas-emu makes a PKI in its --cert-dir unless untrusted.pem is there.
cp server.pem untrusted.pem && cp server.key untrusted.key
rm -f int.csr int.ext ./*.srl
