#!/bin/sh
# Stack bound of a bare-metal image, every call through a pointer resolved
# per call site (boards/stack.awk with boards/stack-slots.txt):
#   sh boards/stack-image.sh ELF MAP CIDIR ROOT...
# prints "ROOT BYTES PATH" per root, or fails naming what keeps the bound
# from being one. With FRAMES_OUT=FILE it also leaves there the frames of
# the C library functions (for the library's own figures, boards/size.sh). Inputs given to stack.awk:
#   - the call graphs (-fcallgraph-info) of the objects the map shows
#     linked, and of the image's link-time (LTO) output ELF.ltrans*.ci;
#   - the functions of the image (nm);
#   - the functions whose address the image stores (the targets of every
#     pointer): ABS32 relocations, kept with -Wl,--emit-relocs, each
#     resolved to the word the linker wrote (an image with MOVW/MOVT
#     address relocations is refused: not handled);
#   - frames and calls of the functions compiled without call-graph info
#     (the C library), from their disassembly: every push and sp
#     adjustment of the function summed, bl and tail-call targets as
#     callees.
set -e
elf=$1; map=$2; cidir=$3; shift 3
tools=${CROSS:-arm-none-eabi-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcas-stack.XXXXXX")
[ -n "$KEEP" ] || trap 'rm -rf "$tmp"' EXIT INT TERM

# Call-graph files of what was linked (objects that carried LTO code have
# none: the image's ltrans .ci covers them).
find "$cidir" -name '*.ci' ! -path '*/plain/*' ! -name '*.ltrans*' >"$tmp/all"
awk '/^Linker script and memory map/ { on = 1 } on' "$map" |
  grep -o '[^ (]*\.a([^)]*\.o)\|[^ ]*\.o$' | sort -u |
  awk -v all="$tmp/all" '
	BEGIN { while ((getline p < all) > 0) ci[p] = 1 }
	# an object: its .ci beside it; an archive member: the .ci of that
	# name under the archive directory
	!/\)$/ { c = $0; sub(/\.o$/, ".ci", c); if (c in ci) print c; next }
	{
		a = $0; sub(/\(.*/, "", a); sub(/[^\/]*$/, "", a)
		m = $0; sub(/.*\(/, "", m); sub(/\.o\)$/, ".ci", m)
		for (c in ci) if (index(c, a) == 1 && substr(c, length(c) - length(m)) == "/" m) { print c; break }
	}' | while read -r c; do
	grep -q -a '\.gnu\.lto_' "${c%.ci}.o" 2>/dev/null || echo "$c"
done >"$tmp/ci"
ls "$elf".ltrans*.ci >>"$tmp/ci" 2>/dev/null || true

"${tools}nm" "$elf" | awk '$2 ~ /^[tTW]$/ { print $3 }' | sort -u >"$tmp/linked"

# Address-taken functions: relocated words equal to a function's address
# (with the Thumb bit; nm prints it cleared).
"${tools}nm" "$elf" | awk '$2 ~ /^[tTW]$/ { print $1, $3 }' >"$tmp/funcs"
"${tools}readelf" -rW "$elf" | awk '
	/^Relocation section/ { sec = $3; gsub(/[^A-Za-z0-9_.]/, "", sec); sub(/^\.rel/, "", sec); next }
	$3 ~ /^R_ARM_(ABS32|THM_MOVW_ABS_NC|MOVW_ABS_NC)$/ && sec !~ /^\.debug|^\.ARM/ { print $1, $3, $4, $5 }
' >"$tmp/relocs"
"${tools}objdump" -s -j .isr_vector -j .text -j .rodata -j .data "$elf" |
  awk -v relocs="$tmp/relocs" -v funcs="$tmp/funcs" '
	BEGIN {
		while ((getline l < relocs) > 0) {
			split(l, w, " "); a = hex(w[1])
			if (w[2] == "R_ARM_ABS32") { for (i = 0; i < 4; i++) want[a + i] = 1; abs[a] = 1 }
			else { print "stack-image.sh: " w[2] " relocations not handled" > "/dev/stderr"; exit 1 }
		}
		while ((getline l < funcs) > 0) { split(l, w, " "); fn[hex(w[1])] = w[2] }
	}
	function hex(h,    i, n, d) {
		n = 0; h = tolower(h); sub(/^0x/, "", h)
		for (i = 1; i <= length(h); i++) {
			d = index("0123456789abcdef", substr(h, i, 1)) - 1
			if (d < 0) break
			n = n * 16 + d
		}
		return n
	}
	/^ [0-9a-f]+ / {
		a = hex($1)
		for (k = 2; k <= 5; k++) {
			if ($k !~ /^[0-9a-f]+$/) break
			for (j = 0; j < length($k) / 2; j++) {
				if ((a in want)) byte[a] = hex(substr($k, 2 * j + 1, 2))
				a++
			}
		}
	}
	END {
		for (a in abs) {
			v = byte[a] + 256 * (byte[a + 1] + 256 * (byte[a + 2] + 256 * byte[a + 3]))
			if (v % 2 == 1 && (v - 1) in fn) print fn[v - 1] # Thumb code

		}
	}' | sort -u >"$tmp/taken"

# Frames of linked functions that have no call-graph node.
cat "$tmp"/ci /dev/null | xargs cat | awk '/^node:/ && /[0-9]+ bytes/ {
	t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t); sub(/.*:/, "", t); print t }' |
  sort -u >"$tmp/hasci"
comm -23 "$tmp/linked" "$tmp/hasci" >"$tmp/noci"
"${tools}objdump" -d --no-show-raw-insn "$elf" | awk -v noci="$tmp/noci" '
	BEGIN { while ((getline l < noci) > 0) want[l] = 1 }
	/^[0-9a-f]+ <[^>]+>:$/ {
		flush(); f = $2; gsub(/[<>:]/, "", f); on = f in want; sz = 0; calls = ""; next
	}
	!on { next }
	/\t(push|stmdb\tsp!,)/ { s = $0; sub(/.*\{/, "", s); sub(/\}.*/, "", s); sz += 4 * split(s, x, ",") }
	/\tvpush/ { s = $0; sub(/.*\{/, "", s); sub(/\}.*/, "", s); sz += 8 * split(s, x, ",") }
	/\tsubw?(\.w)?\tsp, (sp, )?#/ { s = $0; sub(/.*#/, "", s); sz += s + 0 }
	/\tsub(\.w)?\tsp, (sp, )?r/ { bad[f] = 1 }
	/\tblx?\t[0-9a-f]+ <[^+>]+>/ || /\tb(\.w)?\t[0-9a-f]+ <[^+>]+>/ {
		c = $0; sub(/.*</, "", c); sub(/>.*/, "", c); if (c != f) calls = calls " " c
	}
	/\tblx\tr/ { ind[f] = 1 }
	function flush() {
		if (!on) return
		if (f in bad) sz = 999999   # variable frame: refused below
		print f, sz calls
		if (f in ind) print "stack-image.sh: " f " calls through a pointer" > "/dev/stderr"
		if (f in ind) sz = 999999
	}
	END { flush() }' >"$tmp/frames"
[ -z "$FRAMES_OUT" ] || cp "$tmp/frames" "$FRAMES_OUT"
if awk '$2 == 999999 { print "stack-image.sh: no bound for " $1 > "/dev/stderr"; bad = 1 } END { exit !bad }' "$tmp/frames"; then
	exit 1
fi

# shellcheck disable=SC2046 # one file name a line, no spaces
awk -f boards/stack.awk -v roots="$*" -v slots=boards/stack-slots.txt -v show=1 \
  -v taken="$tmp/taken" -v frames="$tmp/frames" -v linked="$tmp/linked" \
  $(cat "$tmp/ci")
