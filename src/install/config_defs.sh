#!/bin/sh
# config_defs.sh CC FLAGS... - the tcas/config.h settings that the
# library's compile flags FLAGS give other values than the defaults, one
# -DNAME=VALUE a line: what tcas.pc's Cflags and the CMake package's
# INTERFACE_COMPILE_DEFINITIONS carry, so that a program sees the structs
# as the library was built (tcas_client_init() refuses a mismatch). The
# values come from CC's preprocessor over config.h with FLAGS' -D, -U, -I
# and -include options, so a TCAS_USER_CONFIG header counts too.
# TCAS_TIME_BUILD, the clock fallback of the build (no layout), is left
# out.
set -e
cc=$1
shift
cfg=include/tcas/config.h
# Keep the preprocessor options of FLAGS, in order, in "$@".
n=$#
while [ "$n" -gt 0 ]; do
	a=$1
	shift
	n=$((n - 1))
	case $a in
	-D | -U | -I | -include | -imacros | -isystem | -iquote | -idirafter)
		[ "$n" -gt 0 ] || break
		set -- "$@" "$a" "$1"
		shift
		n=$((n - 1))
		;;
	-D?* | -U?* | -I?* | -isystem?* | -iquote?* | -idirafter?*)
		set -- "$@" "$a"
		;;
	esac
done
tmp=$(mktemp "${TMPDIR:-/tmp}/tcas-defs.XXXXXX")
trap 'rm -f "$tmp"' EXIT INT TERM
# shellcheck disable=SC2086 # CC may carry options ("cc -m32").
$cc "$@" -E -dM -x c "$cfg" >"$tmp"
# The defaults: "#ifndef NAME" followed by "#define NAME VALUE".
awk -v defs="$tmp" '
	prev ~ /^#ifndef TCAS_/ && $1 == "#define" && $2 == substr(prev, 9) &&
	    $2 != "TCAS_TIME_BUILD" && NF > 2 {
		v = $0; sub(/^#define [A-Z0-9_]+ +/, "", v); dflt[$2] = v; order[++n] = $2
	}
	{ prev = $0 }
	END {
		while ((getline line <defs) > 0) {
			split(line, f, " ")
			if (f[1] != "#define" || !(f[2] in dflt)) continue
			v = line; sub(/^#define [A-Za-z0-9_]+ /, "", v); have[f[2]] = v
		}
		for (i = 1; i <= n; i++) {
			name = order[i]; v = have[name]
			if (!(name in have) || v == dflt[name]) continue
			if (v !~ /^-?[A-Za-z0-9_]+$/) {
				printf "config_defs.sh: %s is \"%s\": give it as a plain number\n", name, v >"/dev/stderr"
				bad = 1
				continue
			}
			print "-D" name "=" v
		}
		exit bad
	}' "$cfg"
