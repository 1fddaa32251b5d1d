#!/bin/sh
# pkgfiles.sh OUT VERSION PORT PREFIX LIBDIR INCLUDEDIR CMAKEDIR DEFS LINK CC
# - tcas.pc, tcasConfig.cmake and tcasConfigVersion.cmake for make install,
# in OUT, from the templates next to this script (CMakeLists.txt fills the
# same templates for CMake's install). DEFS: a file of -DNAME=VALUE lines
# (config_defs.sh); LINK: BearSSL as the build linked it (BEARSSL_LIB).
# Directories under PREFIX are written relative to it (tcas.pc: ${prefix};
# the CMake files: their own place), so that the tree can move.
set -e
[ $# -eq 10 ] || { echo "usage: pkgfiles.sh OUT VERSION PORT PREFIX LIBDIR INCLUDEDIR CMAKEDIR DEFS LINK CC" >&2; exit 2; }
out=$1 dir=$(dirname "$0")
TCAS_VERSION=$2 TCAS_PORT=$3 prefix=${4%/} libdir=${5%/} includedir=${6%/}
cmakedir=${7%/} defs=$8 link=$9
shift 9
cc=$1

# rel DIR: DIR relative to PREFIX, or DIR itself when it is not under it.
rel() { case $1 in "$prefix"/*) echo "${1#"$prefix"/}" ;; *) echo "$1" ;; esac; }
# under PREFIX: "${prefix}/REL" for tcas.pc, "${_tcas_prefix}/REL" for CMake.
pcdir() { case $(rel "$1") in /*) echo "$1" ;; *) echo "\${prefix}/$(rel "$1")" ;; esac; }
cmdir() { case $(rel "$1") in /*) echo "$1" ;; *) echo "\${_tcas_prefix}/$(rel "$1")" ;; esac; }

# A library file the build linked (a board's own BearSSL, by a path
# relative to the tree) is named by its absolute path.
abs_link=""
for w in $link; do
	case $w in
	-*) ;;
	*) [ -f "$w" ] && w="$(cd "$(dirname "$w")" && pwd)/$(basename "$w")" ;;
	esac
	abs_link="$abs_link $w"
done
link=${abs_link# }

TCAS_PC_PREFIX=$prefix
TCAS_PC_LIBDIR=$(pcdir "$libdir")
TCAS_PC_INCLUDEDIR=$(pcdir "$includedir")
TCAS_PC_CFLAGS=$(tr '\n' ' ' <"$defs" | sed 's/ *$//; s/^./ &/')
TCAS_PC_LIBS_PRIVATE=$link
# The CMake files find the prefix from their own directory.
case $(rel "$cmakedir") in
/*) TCAS_CM_PREFIX=$prefix ;;
*) TCAS_CM_PREFIX="\${CMAKE_CURRENT_LIST_DIR}/$(rel "$cmakedir" | sed 's#[^/][^/]*#..#g')" ;;
esac
TCAS_CM_LIBDIR=$(cmdir "$libdir")
TCAS_CM_INCLUDEDIR=$(cmdir "$includedir")
TCAS_CM_DEFS=$(sed 's/^-D//' "$defs" | tr '\n' ';' | sed 's/;$//')
TCAS_CM_LINK=$(echo "$link" | sed 's/^ *//; s/ *$//; s/  */;/g')
# shellcheck disable=SC2086 # CC may carry options ("cc -m32").
TCAS_SIZEOF_VOID_P=$($cc -E -dM -x c /dev/null | sed -n 's/^#define __SIZEOF_POINTER__ //p')
export TCAS_VERSION TCAS_PORT TCAS_PC_PREFIX TCAS_PC_LIBDIR TCAS_PC_INCLUDEDIR \
	TCAS_PC_CFLAGS TCAS_PC_LIBS_PRIVATE TCAS_CM_PREFIX TCAS_CM_LIBDIR \
	TCAS_CM_INCLUDEDIR TCAS_CM_DEFS TCAS_CM_LINK TCAS_SIZEOF_VOID_P

mkdir -p "$out"
for f in tcas.pc tcasConfig.cmake tcasConfigVersion.cmake; do
	# @NAME@ -> $NAME; an unknown name is an error.
	awk '{
		s = $0; o = ""
		while (match(s, /@[A-Z_]+@/)) {
			k = substr(s, RSTART + 1, RLENGTH - 2)
			if (!(k in ENVIRON)) { print "pkgfiles.sh: no value for @" k "@" >"/dev/stderr"; exit 1 }
			o = o substr(s, 1, RSTART - 1) ENVIRON[k]; s = substr(s, RSTART + RLENGTH)
		}
		print o s
	}' "$dir/$f.in" >"$out/$f"
done
