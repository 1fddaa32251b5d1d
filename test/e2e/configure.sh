#!/bin/sh
# tcas configure's refusals and corners (src/cli/configure.c, the prompt of
# src/cli/sysio.c): values checked per key, SERVICE.KEY settings, files
# that cannot be read or written, profile files that are no tccli files,
# and the interactive form, piped and on a terminal (python3's pty) with
# the secret key not echoed. No network: every call is local.
. test/e2e/lib.sh

H=$TMP/home
mkdir -p "$H/.tccli"
export HOME=$H
unset TCCLI_PROFILE TENCENTCLOUD_CREDENTIALS_FILE COLUMNS
C=$H/.tccli

# ---- values checked before anything is written --------------------------
run "$TCAS" configure set region ''
expect_rc "an empty value" 2
expect_in "an empty value: said" "region: the value is empty" "$err"
run "$TCAS" configure set region "$(printf 'ap-x\001')"
expect_rc "a control character" 2
expect_in "a control character: said" "control character" "$err"
run "$TCAS" configure set use-cvm-role yes
expect_rc "use-cvm-role takes true/false" 2
expect_in "use-cvm-role: said" "must be true or false" "$err"
run "$TCAS" configure set timeout 0
expect_rc "timeout below 1" 2
expect_in "timeout: said" "expects seconds, 1..3600" "$err"
run "$TCAS" configure set timeout 3601
expect_rc "timeout above 3600" 2
run "$TCAS" configure set region
expect_rc "set KEY without a VALUE" 2
expect_in "set: usage" "usage: tcas configure set KEY VALUE" "$err"
set --
i=0; while [ $i -lt 25 ]; do set -- "$@" region ap-x; i=$((i+1)); done
run "$TCAS" configure set "$@"
expect_rc "25 settings at once" 2
expect_in "25 settings: the limit said" "at most 24 settings" "$err"
run "$TCAS" configure set .endpoint x
expect_rc "a key starting with a dot" 2
run "$TCAS" configure get
expect_rc "get without a KEY" 2
run "$TCAS" configure remove region
expect_rc "an unknown subcommand" 2
expect_in "unknown subcommand: said" "expected set, get or list, not 'remove'" "$err"
[ ! -e "$C/default.credential" ] && [ ! -e "$C/default.configure" ] &&
  ok "nothing written by a refused set" || bad "a refused set wrote a file"

# ---- settings of every kind, read back ------------------------------------
run "$TCAS" configure set use-cvm-role true timeout 60 as.endpoint as.example.test cvm.version 2017-03-12
expect_rc "set a flag, a number and two SERVICE.KEY" 0
python3 - "$C" >"$TMP/py.out" 2>&1 <<'P'
import json, sys
cred = json.load(open(sys.argv[1] + "/default.credential"))
conf = json.load(open(sys.argv[1] + "/default.configure"))
assert cred == {"type": "cvm-role"}, cred
assert conf["_sys_param"] == {"timeout": "60"}, conf
assert conf["autoscaling"]["endpoint"] == "as.example.test", conf  # as. = autoscaling.
assert conf["cvm"] == {"version": "2017-03-12"}, conf
P
[ $? -eq 0 ] && ok "written where tccli keeps them (type, _sys_param, autoscaling, cvm)" || bad "files as written" "$(cat "$TMP/py.out")"
run "$TCAS" configure get as.endpoint cvm.version
expect_in "get SERVICE.KEY (as. read as autoscaling.)" "as.endpoint = as.example.test" "$out"
expect_in "get another service's key" "cvm.version = 2017-03-12" "$out"
run "$TCAS" configure get secretKey
expect_rc "get a key that is not set" 2
expect_in "not set: said" "secretKey is not set in profile default" "$err"
run "$TCAS" configure list
expect_in "list shows the credential type" "type = cvm-role" "$out"
run "$TCAS" configure set use-cvm-role false
run "$TCAS" configure get type
expect_in "use-cvm-role false: type default" "type = default" "$out"
# TCCLI_PROFILE="" means the default profile
run env TCCLI_PROFILE= "$TCAS" configure get timeout
expect_in "TCCLI_PROFILE empty: the default profile" "timeout = 60" "$out"

# ---- files that are not tccli's, or cannot be read or written -------------
: >"$C/empty.credential"
run "$TCAS" configure --profile empty set secretId AKIDEMPTY
expect_rc "an empty credential file is a fresh one" 0
mkdir "$C/dir.credential"
run "$TCAS" configure --profile dir get secretId
expect_rc "a directory as the credential file" 2
expect_in "a directory: the path named" "dir.credential" "$err"
printf '{"_sys_param": 3}' >"$C/odd.configure"
run "$TCAS" configure --profile odd set region ap-x
expect_rc "a section that is no object" 2
expect_in "no object: said" "not a tccli profile file" "$err"
printf '{"_sys_param": {"region": "a"}' >"$C/cut.configure"
run "$TCAS" configure --profile cut set region ap-x
expect_rc "a file cut short" 2
expect_in "cut short: the file named" "cut.configure" "$err"
mkdir "$C/busy.credential.tmp"
run "$TCAS" configure --profile busy set secretId AKIDBUSY
expect_rc "the temporary file cannot be created" 2
expect_in "cannot write: said" "cannot write $C/busy.credential" "$err"
[ ! -e "$C/busy.credential" ] && ok "nothing half-written" || bad "busy.credential written"
run "$TCAS" configure --profile "$(printf '%0600d' 0)" get region
expect_rc "a profile name too long for a path" 2
expect_in "too long: said" "bad profile name" "$err"
mkdir -p "$TMP/h2" && : >"$TMP/h2/.tccli"
run env HOME="$TMP/h2" "$TCAS" configure set region ap-x
expect_rc "~/.tccli is a file" 2
expect_in "~/.tccli is a file: said" "cannot write" "$err"

# ---- the interactive form ---------------------------------------------------
mkdir -p "$TMP/h3" "$TMP/h4"
printf 'AKIDASKED\nkeyasked0123\n\n\n' | HOME=$TMP/h3 "$TCAS" configure >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_rc "configure from piped answers" 0
run env HOME="$TMP/h3" "$TCAS" configure get secretId region output
expect_in "answers kept" "secretId = AKIDASKED" "$out"
expect_in "an empty answer keeps the default region" "region = ap-guangzhou" "$out"
expect_in "an empty answer keeps the default output" "output = json" "$out"
printf '\n' | HOME=$TMP/h4 "$TCAS" configure >"$TMP/out" 2>"$TMP/err"; rc=$?; err=$(cat "$TMP/err")
expect_rc "no secretId and no answer" 2
expect_in "secretId required: said" "secretId is required" "$err"
printf 'AKID\000X\n' | HOME=$TMP/h4 "$TCAS" configure >"$TMP/out" 2>"$TMP/err"; rc=$?; err=$(cat "$TMP/err")
expect_rc "a NUL byte in an answer" 2
expect_in "NUL: said" "holds a NUL byte" "$err"
printf 'keyfromtty99\n' | HOME=$TMP/h3 "$TCAS" configure --secretId AKIDGIVEN --region ap-y \
  --output table --token tok-123456789012345 --endpoint as.example.test >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_rc "options answer what they give" 0
run env HOME="$TMP/h3" "$TCAS" configure get secretId token as.endpoint region
expect_in "options set" "secretId = AKIDGIVEN" "$out"
expect_in "--token set, shown masked" "token = ****2345" "$out"
expect_in "--endpoint set as autoscaling.endpoint" "as.endpoint = as.example.test" "$out"
# on a terminal: prompts with the current values, the key typed unseen
python3 - "$TCAS" "$TMP/h3" >"$TMP/tty.out" 2>&1 <<'P'
import os, pty, sys, termios, time
tcas, home = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.environ["HOME"] = home
    os.execv(tcas, [tcas, "configure"])
seen, answers = b"", [b"\n", b"newsecret7777\n", b"ap-z\n", b"\n"]
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    if answers and seen.rstrip().endswith(b"]:"):
        if len(answers) == 3:  # the key: type it once echo is off (tcas
            # turns it off with TCSAFLUSH, which drops what came before)
            t0 = time.monotonic()
            while termios.tcgetattr(fd)[3] & termios.ECHO and time.monotonic() - t0 < 10:
                time.sleep(0.01)
        os.write(fd, answers.pop(0))
        seen += b"|"
_, status = os.waitpid(pid, 0)
text = seen.decode(errors="replace")
print(text)
assert os.waitstatus_to_exitcode(status) == 0, status
assert "secretId [*IVEN]:" in text, "secretId prompt"
assert "secretKey [*ty99]:" in text, "key prompt"
assert "newsecret7777" not in text, "the key was echoed"
assert "region [ap-y]:" in text, "region prompt"
P
[ $? -eq 0 ] && ok "terminal prompts, the secret key not echoed" || bad "terminal prompts" "$(cat "$TMP/tty.out")"
run env HOME="$TMP/h3" "$TCAS" configure get secretId secretKey region
expect_in "terminal: the old secretId kept" "secretId = AKIDGIVEN" "$out"
expect_in "terminal: the new key" "secretKey = ****7777" "$out"
expect_in "terminal: the new region" "region = ap-z" "$out"

finish
