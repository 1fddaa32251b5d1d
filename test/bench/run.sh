#!/bin/sh
# test/bench/run.sh BUILD - `make bench`: tcas and the official Node.js SDK
# (tencentcloud-sdk-nodejs-intl-en) side by side against tcas-emu on
# loopback. Prints the table and writes it to test/bench/results.txt.
#
# The call: DescribeRefreshActivities for the seeded refresh asr-juhf6ytr
# (group asg-h7tgd87d). It is read-only and always succeeds, so every one of
# the many runs does the same work; ResumeInstanceRefresh succeeds only once
# per emulator start. Request and response are of the same kind (one signed
# POST, one JSON envelope back), the response a little larger.
#
# Environment: RUNS (fresh-process runs for tcas, default 30), SDK_RUNS
# (default 10), LOOP (calls per loop, default 1000), SECS (seconds per
# in-process rate, default 0.5).
set -u
B=${1:-build}
BIN=$B/bench/tcas-bench
EXECSTAT=$B/bench/tcas-execstat
TCAS=$B/tcas
EMU=$B/tcas-emu
OUT=test/bench/results.txt
MODS=test/node/node_modules
RUNS=${RUNS:-30}
SDK_RUNS=${SDK_RUNS:-10}
LOOP=${LOOP:-1000}
SECS=${SECS:-0.5}
ACTION=DescribeRefreshActivities
PARAMS='{"RefreshActivityIds":["asr-juhf6ytr"]}'
# The emulator's default credentials (test values, not secrets).
TENCENTCLOUD_SECRET_ID=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE1234
TENCENTCLOUD_SECRET_KEY=ExampleSecretKeyExampleSecretKey
export TENCENTCLOUD_SECRET_ID TENCENTCLOUD_SECRET_KEY

D=$(mktemp -d "${TMPDIR:-/tmp}/tcas-bench.XXXXXX") || exit 1
EMU_PID=
cleanup() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null
	[ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

say() { printf '%s\n' "bench: $*" >&2; }
# val FILE KEY: the value of a "key value" line
val() { sed -n "s/^$2 //p" "$1" 2>/dev/null | head -1; }

for f in "$BIN" "$EXECSTAT" "$TCAS" "$EMU"; do
	[ -x "$f" ] || { say "$f missing (run through make bench)"; exit 1; }
done

# ---- the Node SDK ------------------------------------------------------
SDK=1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	say "node/npm not found: the Node SDK columns are skipped"
	SDK=0
elif [ ! -f "$MODS/tencentcloud-sdk-nodejs-intl-en/package.json" ] ||
     ! cmp -s test/bench/package.json test/node/package.json; then
	say "installing tencentcloud-sdk-nodejs-intl-en into test/node (npm)"
	mkdir -p test/node && cp test/bench/package.json test/node/package.json
	if ! npm install --prefix test/node --no-audit --no-fund \
	     --loglevel=error >"$D/npm.log" 2>&1; then
		cat "$D/npm.log" >&2
		say "npm install failed: the Node SDK columns are skipped"
		SDK=0
	fi
fi
node_js() { node test/bench/sdk.js "$MODS" "$@"; }

# ---- the emulator --------------------------------------------------------
"$EMU" --listen 127.0.0.1:0 --http-listen 127.0.0.1:0 --cert-dir "$D/pki" \
  --ca-out "$D/ca.pem" --ready-file "$D/ready" --rate 1000000 \
  --exit-after 900 --log "$D/emu.log" >"$D/emu.out" 2>&1 &
EMU_PID=$!
i=0
while [ ! -s "$D/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$D/ready" ] || { say "tcas-emu did not start"; cat "$D/emu.out"; exit 1; }
HTTP=$(grep '^http://' "$D/ready" | head -1)
# BearSSL matches DNS names only, so TLS goes to "localhost".
HTTPS=$(grep '^https://' "$D/ready" | head -1 | sed 's#//127\.0\.0\.1:#//localhost:#')
CA=$D/ca.pem

# ---- nginx: a fast TLS server that is not ours ----------------------------
# Debian's nginx on loopback with the emulator's certificate (test CA), a
# config under the build dir, one fixed answer (the recorded
# DescribeRefreshActivities response) to any request. One process, so the
# server's side of a handshake always runs on the other core.
NGINX_PID=
NG=
NGR=
mkdir -p "$B/bench/nginx"
NGDIR=$(cd "$B/bench/nginx" && pwd)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
	rm -rf "$NGDIR/tmp" && mkdir -p "$NGDIR/tmp"
	NGPORT=$(free_port)
	NGRPORT=$(free_port)
	# An RSA-2048 chain (CA and leaf RSA-2048, SHA-256 signatures) for a
	# second server block: the emulator's test PKI is ECDSA P-256 only,
	# and many public endpoints serve RSA chains.
	RPKI=$D/rsa
	mkdir -p "$RPKI"
	( cd "$RPKI" &&
	  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem \
	    -days 30 -subj "/CN=tcas bench RSA CA" \
	    -addext basicConstraints=critical,CA:TRUE \
	    -addext keyUsage=critical,keyCertSign,cRLSign &&
	  openssl req -new -newkey rsa:2048 -nodes -keyout server.key \
	    -out server.csr -subj "/CN=tcas bench RSA server" &&
	  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' >server.ext &&
	  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
	    -CAcreateserial -days 30 -sha256 -extfile server.ext -out server.leaf &&
	  cat server.leaf ca.pem >server.pem ) >"$D/rsa.log" 2>&1 ||
	  say "RSA test chain not made: $(tail -c 300 "$D/rsa.log")"
	ng_server() { # ng_server PORT CERTBASE: a server block, CERTBASE.pem/.key
		cat <<EOS
	server {
		listen 127.0.0.1:$1 ssl;
		ssl_certificate $2.pem;
		ssl_certificate_key $2.key;
		ssl_protocols TLSv1.2 TLSv1.3;
		ssl_session_cache off;
		ssl_session_tickets off;
		location / {
			default_type application/json;
			return 200 '$ANSWER';
		}
	}
EOS
	}
	ANSWER=$(sed '1,/^\r*$/d' test/data/examples/$ACTION.1.http | tr -d '\n\r' | sed 's/  */ /g')
	cat >"$NGDIR/nginx.conf" <<EOC
daemon off;
master_process off;
worker_processes 1;
pid $NGDIR/nginx.pid;
error_log $NGDIR/error.log;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $NGDIR/tmp;
	proxy_temp_path $NGDIR/tmp;
	fastcgi_temp_path $NGDIR/tmp;
	uwsgi_temp_path $NGDIR/tmp;
	scgi_temp_path $NGDIR/tmp;
	keepalive_requests 1000000;
$(ng_server "$NGPORT" "$D/pki/server")
$(ng_server "$NGRPORT" "$RPKI/server")
}
EOC
	"$NGINX" -c "$NGDIR/nginx.conf" -p "$NGDIR" >"$NGDIR/out" 2>&1 &
	NGINX_PID=$!
	i=0
	while ! python3 -c "import socket; socket.create_connection(('127.0.0.1', $NGPORT), 0.2)" 2>/dev/null &&
	      [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	if kill -0 "$NGINX_PID" 2>/dev/null; then
		NG=https://localhost:$NGPORT
		[ -s "$RPKI/server.pem" ] && NGR=https://localhost:$NGRPORT
	else
		say "nginx did not start: $(head -c 300 "$NGDIR/out" "$NGDIR/error.log")"
		NGINX_PID=
	fi
else
	say "nginx not found: the nginx rows are skipped"
fi

# The system bundle, as tcas and curl read it by default, with the test
# CA appended (the servers' certificates come from it).
SYSCA=/etc/ssl/certs/ca-certificates.crt
BUNDLE=$D/bundle.pem
RCA=$D/rsa/ca.pem
cat "$SYSCA" "$CA" >"$BUNDLE" 2>/dev/null || cp "$CA" "$BUNDLE"
[ -s "$RCA" ] && cat "$RCA" >>"$BUNDLE"
NBUNDLE=$(grep -c 'BEGIN CERTIFICATE' "$BUNDLE")

# curl (OpenSSL) sending the request tcas signs (tcas --dry-run: the same
# head and body; curl adds Accept and User-Agent). Signed now: the emulator
# accepts a timestamp within 5 minutes.
curl_args() { # curl_args ENDPOINT: writes $D/curl.args (one per line), $D/curl.body
	"$TCAS" --endpoint "$1" --dry-run "$ACTION" \
	  --RefreshActivityIds asr-juhf6ytr >"$D/dry" 2>/dev/null || return 1
	awk -v body="$D/curl.body" -v args="$D/curl.args" '
	BEGIN { RS = "\r?\n"; inbody = 0 }
	NR == 1 { next }
	!inbody && $0 == "" { inbody = 1; next }
	!inbody { if ($0 !~ /^(Host|Content-Length):/) print "-H\n" $0 > args; next }
	{ printf "%s", $0 > body }' "$D/dry"
}
curl_one() { # curl_one NAME RUNS ENDPOINT CAFILE
	curl_args "$3" || { say "tcas --dry-run failed"; fail=1; return; }
	IFS='
'
	run "$1" "$EXECSTAT" "$2" -- curl -sS -o /dev/null --fail --cacert "$4" \
	  $(cat "$D/curl.args") --data-binary "@$D/curl.body" "$3/"
	unset IFS
}

fail=0
run() { # run NAME CMD...: output to $D/NAME; a failure is reported
	name=$1
	shift
	if ! "$@" >"$D/$name" 2>"$D/$name.err"; then
		say "$name failed: $(head -c 300 "$D/$name.err") $(head -c 200 "$D/$name")"
		fail=1
	fi
}

# run_median KEY N NAME CMD...: CMD N times; $D/NAME is the run with the
# median KEY. One short measurement is at the mercy of what else the
# machine does in it (on a VM, how fast an idle vCPU wakes; another
# guest's load), for tcas and the SDK alike.
run_median() {
	mkey=$1
	mn=$2
	med=$3 # not name: run() sets that
	shift 3
	k=1
	while [ $k -le "$mn" ]; do
		run "$med.$k" "$@"
		k=$((k + 1))
	done
	k=1
	while [ $k -le "$mn" ]; do
		printf '%s %s\n' "$(val "$D/$med.$k" "$mkey")" "$k"
		k=$((k + 1))
	done | sort -n | sed -n "$(((mn + 1) / 2))p" | {
		read -r _ m && cp "$D/$med.$m" "$D/$med"
	}
}

# run_med NAME CMD...: a tcas calls loop KA_RUNS times, the median rate in
# $D/NAME and the CPU per call of every run, low to high, in $D/NAME.cpu.
KA_RUNS=${KA_RUNS:-5}
run_med() {
	run_median calls_per_s "$KA_RUNS" "$@"
	k=1
	while [ $k -le "$KA_RUNS" ]; do
		val "$D/$med.$k" cpu_us_per_call
		k=$((k + 1))
	done | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) printf "%s..%s", lo, hi }' >"$D/$med.cpu"
}

say "signing and parsing (median of 3 runs each)"
run_median sign_8k_per_s 3 t_sign "$BIN" sign "$SECS"
"$BIN" gen100 "$D/dasi100.json"
run_median parse_per_s 3 t_p1 "$BIN" parse test/data/examples/DescribeRefreshActivities.1.http "$SECS"
run_median parse_per_s 3 t_p2 "$BIN" parse "$D/dasi100.json" "$SECS"
run t_p256 "$BIN" p256 "$SECS"
run t_cpuid "$BIN" cpuid
if [ $SDK = 1 ]; then
	run_median sign_8k_per_s 3 n_sign node_js sign "$SECS"
	run_median parse_per_s 3 n_p1 node_js parse test/data/examples/DescribeRefreshActivities.1.http "$SECS"
	run_median parse_per_s 3 n_p2 node_js parse "$D/dasi100.json" "$SECS"
fi

say "one call as a fresh process ($RUNS runs of tcas, $SDK_RUNS of the SDK)"
run t_one_http "$EXECSTAT" "$RUNS" -- "$TCAS" --endpoint "$HTTP" "$ACTION" \
  --RefreshActivityIds asr-juhf6ytr
# the static tcas: the board's musl build if made, else bench's glibc link
STATIC=
STATIC_KIND=
if [ -x build/linux-x86_64-static/tcas ]; then
	STATIC=build/linux-x86_64-static/tcas
	STATIC_KIND="musl, stripped: make BOARD=linux-x86_64-static"
elif [ -x "$B/bench/tcas-static" ]; then
	STATIC=$B/bench/tcas-static
	STATIC_KIND="glibc -static, not stripped"
fi
if [ -n "$STATIC" ]; then
	run t_one_shttp "$EXECSTAT" "$RUNS" -- "$STATIC" --endpoint "$HTTP" \
	  "$ACTION" --RefreshActivityIds asr-juhf6ytr
	run t_one_stls "$EXECSTAT" "$RUNS" -- "$STATIC" --endpoint "$HTTPS" \
	  --ca-file "$CA" "$ACTION" --RefreshActivityIds asr-juhf6ytr
fi
run t_one_tls "$EXECSTAT" "$RUNS" -- "$TCAS" --endpoint "$HTTPS" --ca-file "$CA" \
  "$ACTION" --RefreshActivityIds asr-juhf6ytr
[ $SDK = 1 ] && run n_one "$EXECSTAT" "$SDK_RUNS" -- node test/bench/sdk.js \
  "$MODS" one "$HTTP" "$ACTION" "$PARAMS"

say "fresh HTTPS calls: tcas, curl, the SDK against nginx and tcas-emu"
for srv in emu ng ngr; do
	case $srv in ng) EPS=$NG; ONE=$CA ;; ngr) EPS=$NGR; ONE=$RCA ;;
	*) EPS=$HTTPS; ONE=$CA ;; esac
	[ -n "$EPS" ] || continue
	for ca in one sys; do
		if [ $ca = sys ]; then CAF=$BUNDLE; else CAF=$ONE; fi
		run "f_${srv}_${ca}_t" "$EXECSTAT" "$RUNS" -- "$TCAS" --endpoint "$EPS" \
		  --ca-file "$CAF" "$ACTION" --RefreshActivityIds asr-juhf6ytr
		[ -n "$STATIC" ] && run "f_${srv}_${ca}_s" "$EXECSTAT" "$RUNS" -- \
		  "$STATIC" --endpoint "$EPS" --ca-file "$CAF" "$ACTION" \
		  --RefreshActivityIds asr-juhf6ytr
		command -v curl >/dev/null 2>&1 && curl_one "f_${srv}_${ca}_c" "$RUNS" "$EPS" "$CAF"
	done
	[ $SDK = 1 ] && NODE_EXTRA_CA_CERTS=$ONE run "f_${srv}_one_n" "$EXECSTAT" \
	  "$SDK_RUNS" -- node test/bench/sdk.js "$MODS" one "$EPS" "$ACTION" "$PARAMS"
done

say "calls in one process"
run_med t_ka_tls "$BIN" calls "$HTTPS" "$CA" 2000 reuse "$ACTION" "$PARAMS"
run t_new_tls "$BIN" calls "$HTTPS" "$CA" 300 fresh "$ACTION" "$PARAMS"
run t_res_tls "$BIN" calls "$HTTPS" "$CA" 300 new "$ACTION" "$PARAMS"
run_med t_ka_http "$BIN" calls "$HTTP" - 2000 reuse "$ACTION" "$PARAMS"
[ $SDK = 1 ] && run n_loop node_js loop "$HTTP" "$ACTION" "$PARAMS" "$LOOP"
[ $SDK = 1 ] && NODE_EXTRA_CA_CERTS=$CA run n_loop_tls node_js loop "$HTTPS" \
  "$ACTION" "$PARAMS" "$LOOP"

# the same TLS loop against nginx (ECDSA chain), a server that answers
# faster than the emulator: how the client fares when the server is not
# the bottleneck; nginx's own CPU per request beside it
ng_ns() { cut -d' ' -f1 "/proc/$NGINX_PID/schedstat" 2>/dev/null || echo 0; }
if [ -n "$NG" ]; then
	g0=$(ng_ns)
	run_med t_ka_ng "$BIN" calls "$NG" "$CA" 2000 reuse "$ACTION" "$PARAMS"
	g1=$(ng_ns)
	NG_N=0
	k=1
	while [ $k -le "$KA_RUNS" ]; do
		NG_N=$((NG_N + $(val "$D/t_ka_ng.$k" calls)))
		k=$((k + 1))
	done
	NG_US=$(awk -v a="$g0" -v b="$g1" -v n="$NG_N" \
	  'BEGIN { if (n > 0 && b > a) printf "%.1f", (b - a) / 1000 / n }')
	[ $SDK = 1 ] && NODE_EXTRA_CA_CERTS=$CA run n_loop_ng node_js loop \
	  "$NG" "$ACTION" "$PARAMS" "$LOOP"
fi

# The same TLS loops with the server and the client on one core (taskset),
# for tcas and the SDK alike. Left to the scheduler, the two usually run on
# different cores, and every call then wakes a sleeping core twice: on a
# VM an interprocessor interrupt and an idle vCPU's exit and re-entry,
# part of them charged to the client's system time. On one core the
# waiting side yields to the other: what remains is each client's own work
# and its system calls.
ONE_CORE=0
if command -v taskset >/dev/null 2>&1 && [ "$(nproc 2>/dev/null || echo 1)" -gt 1 ]; then
	ONE_CORE=1
	say "the same TLS loops with server and client on one core"
	pin_loops() { # pin_loops PID URL TAG: tcas and the SDK, both pinned
		mask=$(taskset -p "$1" 2>/dev/null | sed 's/.*: //')
		taskset -pc 0 "$1" >/dev/null 2>&1 || return 0
		run_med "t_1c_$3" taskset -c 0 "$BIN" calls "$2" "$CA" 2000 reuse \
		  "$ACTION" "$PARAMS"
		[ $SDK = 1 ] && NODE_EXTRA_CA_CERTS=$CA run "n_1c_$3" taskset -c 0 \
		  node test/bench/sdk.js "$MODS" loop "$2" "$ACTION" "$PARAMS" "$LOOP"
		[ -n "$mask" ] && taskset -p "$mask" "$1" >/dev/null 2>&1
		return 0
	}
	pin_loops "$EMU_PID" "$HTTPS" emu
	[ -n "$NG" ] && pin_loops "$NGINX_PID" "$NG" ng
fi

say "the emulator's own ceiling"
# The emulator's CPU time per request (from /proc/PID/schedstat, ns on
# CPU), under full load and during the tcas HTTP loop: 1e6 / that is what
# one core of it can serve, whatever else runs on the machine.
emu_ns() { cut -d' ' -f1 "/proc/$EMU_PID/schedstat" 2>/dev/null || echo 0; }
e0=$(emu_ns)
run e_load "$BIN" load "$HTTP" 16 2 "$ACTION" "$PARAMS"
e1=$(emu_ns)
E_US=$(awk -v a="$e0" -v b="$e1" -v n="$(val "$D/e_load" load_total)" \
  'BEGIN { if (n > 0 && b > a) printf "%.1f", (b - a) / 1000 / n }')
E_CAP=$(awk -v u="$E_US" 'BEGIN { if (u > 0) printf "%.0f", 1e6 / u }')
e0=$(emu_ns)
run t_ka_http2 "$BIN" calls "$HTTP" - 2000 reuse "$ACTION" "$PARAMS"
e1=$(emu_ns)
E_US2=$(awk -v a="$e0" -v b="$e1" -v n="$(val "$D/t_ka_http2" calls)" \
  'BEGIN { if (n > 0 && b > a) printf "%.1f", (b - a) / 1000 / n }')
# and during the tcas TLS keep-alive loop: the server's ceiling for it
e0=$(emu_ns)
run t_ka_tls2 "$BIN" calls "$HTTPS" "$CA" 2000 reuse "$ACTION" "$PARAMS"
e1=$(emu_ns)
E_US3=$(awk -v a="$e0" -v b="$e1" -v n="$(val "$D/t_ka_tls2" calls)" \
  'BEGIN { if (n > 0 && b > a) printf "%.1f", (b - a) / 1000 / n }')
E_CAP3=$(awk -v u="$E_US3" 'BEGIN { if (u > 0) printf "%.0f", 1e6 / u }')

# ---- footprint -------------------------------------------------------------
size_of() { [ -e "$1" ] && wc -c <"$1" | tr -d ' '; }
T_BIN=$(size_of "$TCAS")
T_LIB=$(size_of "$B/libtcas.a")
T_STATIC=
[ -n "$STATIC" ] && T_STATIC=$(size_of "$STATIC")
N_MODS= N_RT=
if [ $SDK = 1 ]; then
	N_MODS=$(du -sb "$MODS" | cut -f1)
	N_RT=$(size_of "$(readlink -f "$(command -v node)")")
fi

# ---- the table -----------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo 2>/dev/null | head -1)
{
echo "tcas make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores, $(uname -sr)"
[ $SDK = 1 ] && echo "Node SDK: tencentcloud-sdk-nodejs-intl-en $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$MODS/tencentcloud-sdk-nodejs-intl-en/package.json"), node $(node --version)"
echo "server: tcas-emu on loopback (--rate 1000000); call: $ACTION $PARAMS"
echo "other: the Node SDK unless a section names curl; ratio: how many times better tcas is (rates: tcas/other; times and sizes: other/tcas)"
echo
} >"$D/head"

# row LABEL TCAS SDK KIND UNIT: KIND "up" (higher is better) or "down"
: >"$D/rows"
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$D/rows"; }
sect() { printf '#\t%s\n' "$1" >>"$D/rows"; }
one() { # one LABEL FILE SDKFILE: med (min..max) of wall, cpu, rss
	row "$1 wall, median" "$(val "$2" wall_ms_med)" "$(val "$3" wall_ms_med)" down ms
	row "$1 wall, min..max" "$(val "$2" wall_ms_min)..$(val "$2" wall_ms_max)" \
	    "$(val "$3" wall_ms_min)..$(val "$3" wall_ms_max)" - ms
	row "$1 CPU, median" "$(val "$2" cpu_ms_med)" "$(val "$3" cpu_ms_med)" down ms
	row "$1 peak RSS, median" "$(val "$2" rss_kib_med)" "$(val "$3" rss_kib_med)" down KiB
}
sect "signing (TC3-HMAC-SHA256, whole signature incl. key derivation; median of 3 runs)"
row "signatures/s, 200 B body" "$(val "$D/t_sign" sign_200_per_s)" "$(val "$D/n_sign" sign_200_per_s)" up /s
row "signatures/s, 8 KB body" "$(val "$D/t_sign" sign_8k_per_s)" "$(val "$D/n_sign" sign_8k_per_s)" up /s
row "signer stack (painted)" "$(val "$D/t_sign" sign_stack_bytes)" "" - B
sect "ECDSA P-256 verification, each (a fresh TLS call makes two; SDK column: BearSSL)"
row "tcas (src/p256.c) vs BearSSL p256_m31" "$(val "$D/t_p256" p256_tcas_us)" "$(val "$D/t_p256" p256_m31_us)" down us
row "  BearSSL prime_i31 (static build's)" "" "$(val "$D/t_p256" p256_i31_us)" - us
[ -n "$(val "$D/t_cpuid" cpuid_us)" ] && {
	sect "CPU feature checks (BearSSL's and tcas's; in a VM each traps to the hypervisor)"
	row "one cpuid instruction" "$(val "$D/t_cpuid" cpuid_us)" "" - us
}
sect "response parsing (parse + read every ID; median of 3 runs)"
row "DescribeRefreshActivities $(val "$D/t_p1" parse_bytes) B" "$(val "$D/t_p1" parse_per_s)" "$(val "$D/n_p1" parse_per_s)" up resp/s
row "  same, MB/s" "$(val "$D/t_p1" parse_mb_per_s)" "$(val "$D/n_p1" parse_mb_per_s)" up MB/s
row "100-instance page $(val "$D/t_p2" parse_bytes) B" "$(val "$D/t_p2" parse_per_s)" "$(val "$D/n_p2" parse_per_s)" up resp/s
row "  same, MB/s" "$(val "$D/t_p2" parse_mb_per_s)" "$(val "$D/n_p2" parse_mb_per_s)" up MB/s
sect "one call as a fresh process (tcas: $RUNS runs, SDK: $SDK_RUNS runs)"
one "HTTP:" "$D/t_one_http" "$D/n_one"
one "TLS: " "$D/t_one_tls" /dev/null
if [ -n "$STATIC" ]; then
	sect "the same with the static tcas ($STATIC_KIND)"
	one "HTTP:" "$D/t_one_shttp" "$D/n_one"
	one "TLS: " "$D/t_one_stls" /dev/null
fi
# fresh HTTPS rows: tcas against another client (curl or the SDK)
fr() { # fr LABEL TCASFILE OTHERFILE
	row "$1 wall, median" "$(val "$2" wall_ms_med)" "$(val "$3" wall_ms_med)" down ms
	row "$1 CPU, median" "$(val "$2" cpu_ms_med)" "$(val "$3" cpu_ms_med)" down ms
	row "$1 peak RSS" "$(val "$2" rss_kib_med)" "$(val "$3" rss_kib_med)" down KiB
}
for srv in ng ngr emu; do
	case $srv in
	ng) [ -n "$NG" ] || continue
	    SN="nginx $($NGINX -v 2>&1 | sed 's#.*/##'), ECDSA P-256 chain" ;;
	ngr) [ -n "$NGR" ] || continue
	    SN="nginx $($NGINX -v 2>&1 | sed 's#.*/##'), RSA-2048 chain" ;;
	*) SN="tcas-emu (ECDSA P-256 chain)" ;;
	esac
	sect "fresh HTTPS call against $SN, system bundle ($NBUNDLE certificates; other column: curl $(curl --version 2>/dev/null | head -1 | cut -d' ' -f2))"
	fr "tcas:" "$D/f_${srv}_sys_t" "$D/f_${srv}_sys_c"
	[ -n "$STATIC" ] && fr "static tcas:" "$D/f_${srv}_sys_s" "$D/f_${srv}_sys_c"
	sect "fresh HTTPS call against $SN, one-certificate CA file (other column: curl)"
	fr "tcas:" "$D/f_${srv}_one_t" "$D/f_${srv}_one_c"
	[ -n "$STATIC" ] && fr "static tcas:" "$D/f_${srv}_one_s" "$D/f_${srv}_one_c"
	if [ $SDK = 1 ]; then
		sect "fresh HTTPS call against $SN, one-certificate CA (other column: Node SDK over TLS)"
		fr "tcas:" "$D/f_${srv}_one_t" "$D/f_${srv}_one_n"
		[ -n "$STATIC" ] && fr "static tcas:" "$D/f_${srv}_one_s" "$D/f_${srv}_one_n"
	fi
done
sect "calls in one process ($LOOP-call SDK loop; tcas keep-alive: median of $KA_RUNS loops)"
row "keep-alive, plain HTTP" "$(val "$D/t_ka_http" calls_per_s)" "$(val "$D/n_loop" calls_per_s)" up calls/s
row "keep-alive, TLS" "$(val "$D/t_ka_tls" calls_per_s)" "$(val "$D/n_loop_tls" calls_per_s)" up calls/s
row "  tcas-emu's ceiling in that loop (1 core)" "$E_CAP3" "" - calls/s
row "new TLS connection per call" "$(val "$D/t_new_tls" calls_per_s)" "" - calls/s
row "  with session resumption" "$(val "$D/t_res_tls" calls_per_s)" "" - calls/s
row "    handshakes resumed" "$(val "$D/t_res_tls" resumed)" "" - "of $(val "$D/t_res_tls" calls)"
row "client CPU per call, HTTP keep-alive" "$(val "$D/t_ka_http" cpu_us_per_call)" "$(val "$D/n_loop" cpu_us_per_call)" down us
row "client CPU per call, TLS keep-alive" "$(val "$D/t_ka_tls" cpu_us_per_call)" "$(val "$D/n_loop_tls" cpu_us_per_call)" down us
row "  in each of the $KA_RUNS loops" "$(cat "$D/t_ka_tls.cpu")" "" - us
# ka_rows LABEL TFILE NFILE: a keep-alive loop's rate, CPU per call and the
# CPU per call of each of tcas's loops
ka_rows() {
	row "$1" "$(val "$D/$2" calls_per_s)" "$(val "$D/$3" calls_per_s)" up calls/s
	row "  client CPU per call" "$(val "$D/$2" cpu_us_per_call)" "$(val "$D/$3" cpu_us_per_call)" down us
	row "    in each of the $KA_RUNS loops" "$(cat "$D/$2.cpu")" "" - us
}
if [ -n "$NG" ]; then
	ka_rows "keep-alive, TLS, against nginx (ECDSA chain)" t_ka_ng n_loop_ng
	row "  nginx CPU per request, tcas loop" "$NG_US" "" - us
fi
if [ $ONE_CORE = 1 ]; then
	ka_rows "keep-alive, TLS, tcas-emu, both on one core" t_1c_emu n_1c_emu
	[ -n "$NG" ] && ka_rows "keep-alive, TLS, nginx, both on one core" t_1c_ng n_1c_ng
fi
row "peak RSS of the calling process" "$(val "$D/t_ka_tls" rss_kib)" "$(val "$D/n_loop" rss_kib)" down KiB
sect "the emulator's own ceiling (16 keep-alive HTTP connections, one signed request replayed)"
row "tcas-emu, plain HTTP, measured" "$(val "$D/e_load" load_per_s)" "" - calls/s
row "tcas-emu CPU per request under load" "$E_US" "" - us
row "  = one emulator core could serve" "$E_CAP" "" - calls/s
row "tcas-emu CPU per request, tcas HTTP loop" "$E_US2" "" - us
row "tcas-emu CPU per request, tcas TLS loop" "$E_US3" "" - us
row "tcas client CPU per call, same loop" "$(val "$D/t_ka_http2" cpu_us_per_call)" "" - us
sect "footprint"
row "tcas binary (dynamic libc, static BearSSL)" "$T_BIN" "" - B
row "tcas, static ($STATIC_KIND)" "${T_STATIC:-n/a}" "" - B
row "libtcas.a" "$T_LIB" "" - B
row "static tcas  vs  node_modules + node runtime" "${T_STATIC:-n/a}" "$( [ -n "$N_MODS" ] && echo $((N_MODS + N_RT)))" down B
row "  node_modules (SDK and its dependencies)" "" "$N_MODS" - B
row "  node runtime" "" "$N_RT" - B

awk -F'\t' '
function num(s) { gsub(/,/, "", s); return s + 0 }
function isnum(s) { return s ~ /^[0-9.]+$/ }
function fmt(s,   v) {
	if (!isnum(s)) return s == "" ? "-" : s
	v = s + 0
	if (v >= 1000 && s !~ /\./) return commas(s)
	return s
}
function commas(s,   r) {
	r = ""
	while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
	return s r
}
$1 == "#" { printf "\n%s\n", $2; next }
{
	r = "-"
	if (isnum($2) && isnum($3) && num($2) > 0 && num($3) > 0) {
		if ($4 == "up") r = sprintf("%.1fx", num($2) / num($3))
		else if ($4 == "down") r = sprintf("%.1fx", num($3) / num($2))
	}
	printf "  %-46s %14s %14s %8s  %s\n", $1, fmt($2), fmt($3), r, $5
}' "$D/rows" >"$D/table"

{
	cat "$D/head"
	printf "  %-46s %14s %14s %8s\n" "" "tcas" "other" "ratio"
	cat "$D/table"
	echo
	echo "Notes:"
	echo "- SDK: TC3-HMAC-SHA256 selected, only its common and AS modules loaded; Node's"
	echo "  default agents keep connections alive; over TLS it trusts the test CA"
	echo "  (NODE_EXTRA_CA_CERTS). curl: the request tcas --dry-run signs, --cacert as tcas."
	echo "- System bundle: $SYSCA with the test CAs appended, the same file for tcas"
	echo "  and curl; tcas indexes it and decodes only the anchor the chain names."
	echo "- Chains: tcas-emu and the first nginx server present an ECDSA P-256 leaf and"
	echo "  CA; the second nginx server an RSA-2048 leaf and CA (SHA-256 signatures),"
	echo "  made for this run. ECDHE: tcas-emu (BearSSL) picks X25519; nginx (OpenSSL)"
	echo "  follows the client's order, where BearSSL 0.6 lists P-256 first: P-256,"
	echo "  on tcas's constant-time src/p256.c (curl and Node offer X25519 first)."
	echo "- tcas over TLS connects to 'localhost' (BearSSL checks DNS names, not IP SANs)."
	echo "- New TLS connection per call: full handshakes (session forgotten), then"
	echo "  with the session kept (resumed handshakes counted)."
	echo "- RSS in KiB from getrusage(ru_maxrss); CPU = user + system. Fresh processes"
	echo "  are started by a small static launcher (test/bench/execstat.c): ru_maxrss"
	echo "  counts the parent's memory up to exec, which a big launcher would add."
	echo "- The client CPU per kept call depends on the server: against nginx the"
	echo "  same calls (same instructions, same 3 system calls and one sleep each)"
	echo "  took about half the user and half the system time they take against"
	echo "  tcas-emu, which answers later; a longer sleep between send and answer"
	echo "  costs more to wake from (colder caches; on a VM, an idle vCPU's exits)."
	echo "- Keep-alive loops \"on one core\": the server and the client (tcas or the"
	echo "  SDK) pinned to CPU 0 with taskset. Otherwise they run on two cores and"
	echo "  each call wakes a sleeping core twice (on a VM: an interprocessor"
	echo "  interrupt, an idle vCPU's exit and re-entry), partly charged to the"
	echo "  client's system time; on one core what remains is each client's own"
	echo "  work and system calls."
	echo "- One call in a loop costs client CPU + emulator CPU + two loopback wake-ups;"
	echo "  the emulator rows show its share. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "  (other work on the machine lowers every rate and widens min..max)."
	[ -s "$B/bench/su/sign.su" ] && {
		echo "- Signer frames from -fstack-usage (bytes, largest first):"
		sort -t'	' -k2 -n -r "$B/bench/su/sign.su" | head -6 |
		  awk -F'\t' '{ n = split($1, a, ":"); printf "    %-28s %s\n", a[n], $2 }'
	}
	[ $SDK = 1 ] || echo "- Node SDK columns skipped: node or npm is missing."
} >"$D/result"
cat "$D/result"
cp "$D/result" "$OUT"
say "table written to $OUT"
exit $fail
