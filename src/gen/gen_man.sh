#!/bin/sh
# src/gen/gen_man.sh - the man page tcas(1) and the README's tables of
# options and exit codes, made from what the built tcas prints: `tcas
# --help` (synopsis and prose sections), `tcas __options` (the option table
# of src/cli/options.c) and `tcas __exits` (the exit codes of
# src/cli/exits.c). Each text has one source, so the help, the README and
# the man page cannot drift: the man page is built from the tcas being
# installed, and test/e2e/docs.sh fails when the README's tables differ
# from what this prints (make docs rewrites them).
#
#   gen_man.sh man TCAS [EPOCH]   tcas.1 on stdout, dated EPOCH (UTC)
#   gen_man.sh readme TCAS FILE   FILE on stdout with the tables between
#                                 its <!-- begin NAME: ... --> and <!--
#                                 end NAME --> lines (options, exits)
#                                 redone
set -e
mode=$1 tcas=$2
[ -x "$tcas" ] || { echo "gen_man.sh: no tcas at '$tcas' (make cli)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcas-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$tcas" --help >"$tmp/help"
"$tcas" __options >"$tmp/options"
"$tcas" __exits >"$tmp/exits"
for f in help options exits; do
	[ -s "$tmp/$f" ] || { echo "gen_man.sh: $tcas printed no $f" >&2; exit 1; }
done

case $mode in
man)
	version=$("$tcas" --version | sed -n '1s/^tcas \([^ ]*\).*/\1/p')
	date=$(date -u -d "@${3:-0}" +%Y-%m-%d 2>/dev/null || echo "")
	[ -n "${3:-}" ] || date=""
	awk -v version="$version" -v date="$date" -v opts="$tmp/options" \
	    -v exits="$tmp/exits" '
	# roff text: backslashes and hyphens escaped, no control line.
	function esc(s) {
		gsub(/\\/, "\\\\e", s); gsub(/-/, "\\\\-", s)
		return s ~ /^[.\047]/ ? "\\&" s : s
	}
	function options(   line, f, arg) {
		while ((getline line <opts) > 0) {
			split(line, f, "\t")
			arg = f[2] == "" ? "" : " \\fI" esc(f[2]) "\\fR"
			print ".TP"
			print "\\fB" esc(f[1]) "\\fR" arg
			print esc(f[3])
		}
	}
	function exit_codes(   line, f) {
		print ".PD 0"
		while ((getline line <exits) > 0) {
			split(line, f, "\t")
			print ".TP"
			print ".B " f[1]
			print esc(f[2])
		}
		print ".PD"
	}
	# One paragraph of the help, p[1..n]: its section and text.
	function paragraph(   i, head, rest, name) {
		if (p[1] ~ /^usage: /) {
			print ".SH SYNOPSIS"
			print ".nf"
			sub(/^usage: +/, "", p[1])
			for (i = 1; i <= n; i++) {
				sub(/^ +/, "", p[i]); print esc(p[i])
			}
			print ".fi"
			return
		}
		head = p[1]; sub(/[:,].*/, "", head)
		rest = p[1]; sub(/^[^:,]*[:,] */, "", rest)
		if (p[1] !~ /^[a-z][a-z ]*( \(.*\))?[:,]/) {
			print section ? ".PP" : ".SH DESCRIPTION"
			section = section ? section : "DESCRIPTION"
			for (i = 1; i <= n; i++) print esc(p[i])
			return
		}
		name = toupper(head)
		if (name ~ /^OPTIONS/) {
			print ".SH OPTIONS"
			if (match(name, /\(.*\)/))
				rest = substr(p[1], RSTART + 1, RLENGTH - 2)
				print esc(toupper(substr(rest, 1, 1)) substr(rest, 2)) "."
			options()
		} else if (name == "EXIT CODES") {
			print ".SH EXIT STATUS"
			exit_codes()
		} else {
			print ".SH " name
			if (rest != "")
				print esc(toupper(substr(rest, 1, 1)) substr(rest, 2))
			for (i = 2; i <= n; i++)
				print (p[i] ~ /^ / ? ".br\n" : "") esc(p[i])
		}
		section = name
	}
	BEGIN {
		print ".\\\" tcas(1): made by src/gen/gen_man.sh from tcas --help,"
		print ".\\\" tcas __options and tcas __exits; do not edit."
		printf ".TH TCAS 1 \"%s\" \"tcas %s\" \"User Commands\"\n", date, version
		print ".nh"
		print ".ad l"
		print ".SH NAME"
		print "tcas \\- command-line client for the Tencent Cloud Auto Scaling API"
	}
	/^$/ { if (n) paragraph(); n = 0; next }
	{ p[++n] = $0 }
	END {
		if (n) paragraph()
		print ".SH SEE ALSO"
		print "\\fBtcas help\\fR (the actions by group), \\fBtcas help\\fR"
		print "\\fIAction\\fR (its parameters), \\fBtcas completion bash\\fR;"
		print "README.md of tcas for the library, the emulator and the limits."
	}' "$tmp/help"
	;;
readme)
	file=$3
	[ -f "$file" ] || { echo "gen_man.sh: no file '$file'" >&2; exit 2; }
	awk -v opts="$tmp/options" -v exits="$tmp/exits" '
	# A description as Markdown: words that read as code (paths, options,
	# variables, expressions) in backticks, "|" escaped for the table.
	function md(s,   n, w, i, out, pre, core, post) {
		n = split(s, w, " ")
		out = ""
		for (i = 1; i <= n; i++) {
			core = w[i]; pre = ""; post = ""
			if (match(core, /^\(+/)) {
				pre = substr(core, 1, RLENGTH); core = substr(core, RLENGTH + 1)
			}
			if (match(core, /[,;:.)]+$/) && RSTART > 1) {
				post = substr(core, RSTART); core = substr(core, 1, RSTART - 1)
			}
			if (core ~ /[][*$<>|~`]/ || core ~ /:\/\// || core ~ /^-/ ||
			    core ~ /^[\/~]/)
				core = "`" core "`"
			gsub(/\|/, "\\|", core)
			out = out (i > 1 ? " " : "") pre core post
		}
		return out
	}
	function table(name,   line, f) {
		if (name == "options") {
			print "| option | meaning |"
			print "|---|---|"
			while ((getline line <opts) > 0) {
				split(line, f, "\t")
				print "| `" f[1] (f[2] == "" ? "" : " " f[2]) "` | " md(f[3]) " |"
			}
		} else if (name == "exits") {
			print "| code | meaning |"
			print "|---|---|"
			while ((getline line <exits) > 0) {
				split(line, f, "\t")
				print "| " f[1] " | " md(f[2]) " |"
			}
		} else {
			print "gen_man.sh: unknown table " name >"/dev/stderr"
			bad = 1
		}
	}
	/^<!-- begin [a-z]+[: ]/ {
		print; name = $3; sub(/:$/, "", name)
		skip = 1; found[name] = 1; table(name); next
	}
	/^<!-- end [a-z]+ / { skip = 0 }
	!skip { print }
	END {
		if (!found["options"] || !found["exits"]) {
			print "gen_man.sh: no <!-- begin options/exits --> in the file" >"/dev/stderr"
			bad = 1
		}
		exit bad
	}' "$file"
	;;
*)
	echo "usage: gen_man.sh man TCAS [EPOCH] | readme TCAS FILE" >&2
	exit 2
	;;
esac
