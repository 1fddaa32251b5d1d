#!/bin/sh
# Compile C sources in parallel into one static archive (board builds of
# BearSSL, lwIP and cmocka):
#   sh boards/build-ar.sh OUT.a OBJDIR "CC FLAGS..." SRC.c...
# Objects are OBJDIR/<path with / turned into _>.o; -fstack-usage output,
# if asked for in FLAGS, lands beside them. Objects are rebuilt when older
# than their source or made with another command (OBJDIR/.cc).
set -e
out=$1; objdir=$2; cc=$3; shift 3
[ "$(cat "$objdir/.cc" 2>/dev/null)" = "$cc" ] || rm -rf "$objdir"
mkdir -p "$objdir"
echo "$cc" >"$objdir/.cc"
for s in "$@"; do echo "$s"; done | \
  xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} sh -c '
	o="$1/$(echo "$2" | tr / _ | sed "s/\.c\$/.o/")"
	[ "$o" -nt "$2" ] || $3 -c "$2" -o "$o" || { echo "failed: $2" >&2; exit 255; }
  ' sh "$objdir" {} "$cc"
rm -f "$out"
ar rcs "$out" "$objdir"/*.o
