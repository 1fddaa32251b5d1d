#!/bin/sh
# Footprint of a board image, from the linker map (and call-graph files):
#   sh boards/size.sh BOARD ELF MAP [CIDIR]     print the table
#   sh boards/size.sh --check TABLE KEY=BUDGET...
#                                 fail when a KEY=figure line of TABLE (the
#                                 printed table) exceeds its BUDGET (0 or
#                                 empty: no budget for this board)
# Rows group input sections by archive: the tcas core (libtcas.a minus the
# port, the TLS glue and JMESPath), the tcas TLS glue (tls.o: the BearSSL
# engine driven over the port; certscan.o: its policy scan; trust.o: PEM
# anchors; sha256.o: SHA-256 on the CPU's instructions, and p256.o:
# ECDSA P-256 verification on 64-bit limbs, crypto like BearSSL), tcas
# JMESPath (jmespath*.o: --filter and tcas query), the tcas port, the
# CLI's help texts and value sets (as_docs*.o), BearSSL, lwIP, the C
# library and runtime, the board (boards/*: startup, drivers, application)
# and the rest (anchors, CLI). Columns: .text, .rodata,
# .data, .bss (bytes); "flash" = text + rodata + data, "ram" = data + bss.
# With CIDIR, worst-case stack depths from -fcallgraph-info
# (boards/stack.awk): the library's functions, and for a bare-metal image
# (*/firmware.elf) the bound of the whole image (boards/stack-image.sh)
# and the RAM of one call. A bare-metal image's rows for one call come
# from core.elf and typed.elf beside it (boards/cortex-m4-lwip/one_call.c).
set -e
if [ "$1" = --check ]; then
	table=$2; shift 2
	for kv in "$@"; do
		key=${kv%%=*}; budget=${kv#*=}
		if ! [ "$budget" -gt 0 ] 2>/dev/null; then
			echo "size check: no $key budget for this board"
			continue
		fi
		v=$(sed -n "s/^$key=\([0-9]*\).*/\1/p" "$table")
		[ -n "$v" ] || { echo "size check: no $key figure in $table" >&2; exit 1; }
		if [ "$v" -gt "$budget" ]; then
			echo "size check FAILED: $key is $v bytes, budget $budget" >&2
			exit 1
		fi
		echo "size check: $key $v <= budget $budget"
	done
	exit 0
fi
board=$1; elf=$2; map=$3; cidir=$4
# Call-graph files. GCC writes none for objects compiled with -flto (a
# leftover one is stale), so a board that builds its core with LTO also
# compiles it plainly under plain/ (boards/cortex-m4-lwip.mk). lib_ci: the
# objects as compiled without LTO (the library as a user's non-LTO build
# links it); img_ci: the image, i.e. the link-time output (*.ltrans*.ci)
# and the objects that did not carry LTO code into the link.
is_lto() { [ -f "${1%.ci}.o" ] && grep -q -a '\.gnu\.lto_' "${1%.ci}.o"; }
lib_ci() {
	find "$cidir" -name '*.ci' ! -name '*.ltrans*.ci' | while read -r ci; do
		is_lto "$ci" || echo "$ci"
	done
}
img_ci() {
	find "$cidir" -name '*.ci' | while read -r ci; do
		case $ci in
		*.ltrans*.ci) echo "$ci";;
		*/plain/*) ;;
		*) is_lto "$ci" || echo "$ci";;
		esac
	done
}
# table MAP [TITLE]: the footprint table of a map ("core_flash=" last).
table() {
awk -v title="$2" '
/^Linker script and memory map/ { on = 1; next }
!on { next }
/^ [.A-Za-z_]/ && NF == 1 { name = $1; next }
/^ [.A-Za-z_]/ && NF >= 4 { name = $1; addr = $2; sz = $3; file = $4; add(); next }
/^  +0x/ && NF >= 3 && name != "" && $2 ~ /^0x/ { addr = $1; sz = $2; file = $3; add(); name = ""; next }
{ name = "" }
function cat(n) {
	if (n ~ /^\.(text|init|fini|ARM\.ex|glue|vfp11|iplt|plt|gcc_except|note)/) return "text"
	if (n ~ /^\.(rodata|srodata|eh_frame|gnu_extab)/) return "rodata"
	if (n ~ /^\.(data|sdata|init_array|fini_array|preinit_array|tdata|got|ctors|dtors)/) return "data"
	if (n ~ /^\.(bss|sbss|tbss)/ || n == "COMMON") return "bss"
	return ""
}
function group(f) {
	# link-time (LTO) output: only the core is compiled with -flto
	# (boards/cortex-m4-lwip.mk), so all of it is core code
	if (f ~ /\.ltrans[0-9]*\.ltrans\.o$/) return "tcas core"
	if (f ~ /libtcas\.a\(port_/) return "tcas port"
	if (f ~ /libtcas\.a\((tls|trust|certscan|sha256|p256)\.o\)/) return "tcas TLS glue"
	if (f ~ /libtcas\.a\(jmespath/) return "tcas JMESPath"
	if (f ~ /libtcas\.a\(/) return "tcas core"
	if (f ~ /as_docs(_gen)?\.o$/) return "tcas help texts"
	if (f ~ /libbearssl\.a\(/) return "BearSSL"
	if (f ~ /liblwip\.a\(/) return "lwIP"
	if (f ~ /lib(c|c_nano|g|g_nano|gcc|nosys|m)\.a\(|crt[0-9a-z]*\.o|libgcc/) return "libc+runtime"
	if (f ~ /\/obj\/board\//) return "board"
	return "other"
}
function add(   c, g) {
	c = cat(name)
	if (c == "" || strtonum_(sz) == 0) return
	g = group(file)
	v[g, c] += strtonum_(sz); v["whole image", c] += strtonum_(sz)
}
function strtonum_(h,   i, n, d) {
	n = 0; h = tolower(h); sub(/^0x/, "", h)
	for (i = 1; i <= length(h); i++) {
		d = index("0123456789abcdef", substr(h, i, 1)) - 1
		if (d < 0) return n
		n = n * 16 + d
	}
	return n
}
END {
	printf "%s footprint (bytes)\n", title
	printf "%-15s %8s %8s %8s %8s %8s %8s\n", "", ".text", ".rodata", ".data", ".bss", "flash", "ram"
	split("tcas core|tcas TLS glue|tcas JMESPath|tcas port|tcas help texts|BearSSL|lwIP|libc+runtime|board|other|whole image", rows, "|")
	for (i = 1; i <= 11; i++) {
		r = rows[i]; t = v[r, "text"] + 0; ro = v[r, "rodata"] + 0
		d = v[r, "data"] + 0; b = v[r, "bss"] + 0
		if (t + ro + d + b == 0) continue
		printf "%-15s %8d %8d %8d %8d %8d %8d\n", r, t, ro, d, b, t + ro + d, d + b
		if (r == "tcas core") core = t + ro + d
		if (r == "whole image") ram = d + b
	}
	printf "core_flash=%d\nimage_ram=%d\n", core, ram
}' "$1"
}

# A bare-metal image (*/firmware.elf: no heap, no OS, all RAM static).
case $elf in */firmware.elf) bare=1;; *) bare=;; esac
dir=$(dirname "$elf")
if [ -z "$bare" ]; then
	table "$map" "$board"
else
	table "$map" "$board, $(basename "$elf")" | grep -v '^core_flash='
	for one in core:tcas_client_call typed:tcas_as_resume_instance_refresh; do
		[ -f "$dir/${one%%:*}.map" ] || continue
		table "$dir/${one%%:*}.map" | awk -v key="${one%%:*}" -v fn="${one#*:}" '
		$1 == "tcas" && $2 == "core" {
			printf "one %s (%s.elf): tcas core %d B flash (.text %d, .rodata %d)\n", fn, key, $7, $3, $4 }
		/^core_flash=/ { f = $0; sub(/.*=/, "", f) }
		END { printf "%s_flash=%d\n", key, f }'
	done
fi
# The library's functions as a non-LTO build links them (plain/), with the
# image's C library frames when there is an image to read them from.
frames=
if [ -n "$bare" ] && [ -n "$cidir" ]; then
	frames=$cidir/libc-frames.txt
	FRAMES_OUT=$frames sh boards/stack-image.sh "$elf" "$map" "$cidir" Reset_Handler >/dev/null 2>&1 || true
	[ -s "$frames" ] || frames=
fi
if [ -n "$cidir" ]; then
	echo "worst-case stack (bytes, -fcallgraph-info of the objects; direct calls only):"
	# shellcheck disable=SC2046 # file names without spaces
	lib_ci | xargs awk -f boards/stack.awk -v frames="$frames" -v lax=1 \
	  -v roots="tcas_sign_buf tcas_sign_final tcas_sign_authorization tcas_client_call" |
	  awk '{ d = $0; sub(/^[^ ]+ [0-9]+ /, "", d); printf "  %-24s %6d  %s\n", $1, $2, d
		if ($1 == "tcas_sign_final" || $1 == "tcas_sign_authorization") if ($2 > s) s = $2 }
	       END { printf "signer_stack=%d (tcas_sign_final, tcas_sign_authorization)\n", s }'
fi
# The image's stack bound: the reset handler's chain (main and all it
# calls, every call through a pointer resolved), plus the deepest interrupt
# handler and the fault handler on top, each with its exception frame
# (EXC_FRAME: 8 words + 4 bytes of alignment, no FPU context on this
# soft-float board). STACK_ROOTS, STACK_IRQS, STACK_FAULT name them (the
# part's vector table), STACK_SIZE is the stack the linker reserves.
if [ -n "$bare" ] && [ -n "$cidir" ]; then
	EXC_FRAME=${EXC_FRAME:-36}
	st=$(sh boards/stack-image.sh "$elf" "$map" "$cidir" $STACK_ROOTS $STACK_IRQS $STACK_FAULT)
	echo "stack bound of $(basename "$elf") (bytes; every call through a pointer resolved, boards/stack-slots.txt):"
	echo "$st" | awk '{ d = $0; sub(/^[^ ]+ [0-9]+ /, "", d); printf "  %-24s %6d  %s\n", $1, $2, d }'
	echo "$st" | awk -v roots="$STACK_ROOTS" -v irqs="$STACK_IRQS" -v fault="$STACK_FAULT" \
	  -v exc="$EXC_FRAME" -v size="$STACK_SIZE" -v ram="$(table "$map" | sed -n 's/^image_ram=//p')" '
	{ d[$1] = $2 }
	END {
		n = split(roots, r, " "); for (i = 1; i <= n; i++) if (d[r[i]] > m) m = d[r[i]]
		n = split(irqs, r, " "); for (i = 1; i <= n; i++) if (d[r[i]] > q) q = d[r[i]]
		f = fault == "" ? 0 : d[fault] + exc
		b = m + q + exc + f
		printf "stack_bound=%d (reset chain %d + interrupt %d + fault %d + %d exception frame(s) of %d)\n", b, m, q, f ? f - exc : 0, f ? 2 : 1, exc
		printf "stack_size=%d\n", size
		printf "ram_one_call=%d (.data+.bss %d + stack bound %d)\n", ram + b, ram, b
	}'
fi
