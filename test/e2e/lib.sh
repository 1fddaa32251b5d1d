# Shared helpers for the end-to-end scripts (sourced, POSIX sh).
B=${TCAS_BUILD:-build}
TCAS=$B/tcas
EMU=$B/tcas-emu
PASS=0; FAIL=0
export TENCENTCLOUD_SECRET_ID=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234
export TENCENTCLOUD_SECRET_KEY=ExampleSecretKeyExampleSecretKey
unset TENCENTCLOUD_SESSION_TOKEN TENCENTCLOUD_REGION
unset HTTPS_PROXY https_proxy NO_PROXY no_proxy # tcas honours them
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tcas-e2e.XXXXXX")
EMU_PID=""
cleanup() { [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM

ok() { PASS=$((PASS+1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL+1)); echo "FAIL - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/       /'; }

# run CMD...: sets $out (stdout), $err (stderr), $rc.
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
	out=$(cat "$TMP/out"); err=$(cat "$TMP/err")
}
# expect_rc NAME RC: last run's exit code.
expect_rc() { if [ "$rc" = "$2" ]; then ok "$1 (exit $2)"; else bad "$1: exit $rc, want $2" "$out$err"; fi; }
# expect_in NAME TEXT HAYSTACK
expect_in() { case "$3" in *"$2"*) ok "$1";; *) bad "$1: missing '$2'" "$3";; esac; }
expect_not_in() { case "$3" in *"$2"*) bad "$1: unexpected '$2'" "$3";; *) ok "$1";; esac; }

# start_emu ARGS...: start tcas-emu on free loopback ports, wait until
# ready; sets EP (https endpoint), HEP (http endpoint), CA (CA file).
start_emu() {
	rm -f "$TMP/ready"
	"$EMU" --listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
	  --cert-dir "$TMP/pki" --ca-out "$TMP/ca.pem" \
	  --ready-file "$TMP/ready" --log "$TMP/emu.log" --exit-after 300 "$@" \
	  >"$TMP/emu.out" 2>&1 &
	EMU_PID=$!
	i=0
	while [ ! -s "$TMP/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
	[ -s "$TMP/ready" ] || { echo "tcas-emu did not start:"; cat "$TMP/emu.out"; exit 1; }
	# BearSSL checks DNS names only: talk TLS to "localhost".
	EP=$(grep '^https://' "$TMP/ready" | head -1 | sed 's#//127.0.0.1:#//localhost:#')
	HEP=$(grep '^http://' "$TMP/ready" | head -1)
	CA=$TMP/ca.pem
}
stop_emu() { [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null; wait "$EMU_PID" 2>/dev/null; EMU_PID=""; }

# readme_example DIR: the library example of README.md as DIR/example.c
# and, after start_emu, DIR/emu_example.c: the same program pointed at the
# emulator (endpoint and CA swapped in with sed; the README shows the real
# service).
readme_example() {
	awk '/^## The library/{f=1} f&&/^```c$/{c=1;next} c&&/^```$/{exit} c{print}' \
	  README.md >"$1/example.c"
	sed -e "s#tcas_client_set_region(&client#tcas_client_set_endpoint(\&client, \"$EP\");\n\ttcas_client_set_region(\&client#" \
	    -e "s#/etc/ssl/certs/ca-certificates.crt#$CA#" "$1/example.c" >"$1/emu_example.c"
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
