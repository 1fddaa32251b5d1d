#!/bin/sh
# Footprint of a board image, from the linker map (and call-graph files):
#   sh boards/size.sh BOARD ELF MAP [CIDIR]     print the table
#   sh boards/size.sh --check BUDGET TABLE      fail if core > BUDGET bytes
#                                               (BUDGET 0: none, pass)
# Rows group input sections by archive: the tcas core (libtcas.a minus the
# port, the TLS glue and JMESPath), the tcas TLS glue (tls.o: the BearSSL
# engine driven over the port; trust.o: PEM anchors), tcas JMESPath
# (jmespath*.o: --filter and tcas query), the tcas port, BearSSL,
# lwIP, the C library and runtime, and the
# rest (board main, anchors, CLI). Columns: .text, .rodata, .data, .bss
# (bytes); "flash" = text + rodata + data, "ram" = data + bss. With CIDIR,
# worst-case stack depths from -fcallgraph-info (boards/stack.awk).
set -e
if [ "$1" = --check ]; then
	budget=$2; core=$(sed -n 's/^core_flash=//p' "$3")
	[ "$budget" -gt 0 ] 2>/dev/null || { echo "size check: no core budget set for this board"; exit 0; }
	[ -n "$core" ] || { echo "size check: no core figure in $3" >&2; exit 1; }
	if [ "$core" -gt "$budget" ]; then
		echo "size check FAILED: tcas core is $core bytes of flash, budget $budget" >&2
		exit 1
	fi
	echo "size check: tcas core $core bytes <= budget $budget"
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
awk -v board="$board" '
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
	if (f ~ /libtcas\.a\((tls|trust)\.o\)/) return "tcas TLS glue"
	if (f ~ /libtcas\.a\(jmespath/) return "tcas JMESPath"
	if (f ~ /libtcas\.a\(/) return "tcas core"
	if (f ~ /libbearssl\.a\(/) return "BearSSL"
	if (f ~ /liblwip\.a\(/) return "lwIP"
	if (f ~ /lib(c|c_nano|g|g_nano|gcc|nosys|m)\.a\(|crt[0-9a-z]*\.o|libgcc/) return "libc+runtime"
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
	printf "%s footprint (bytes)\n", board
	printf "%-14s %8s %8s %8s %8s %8s %8s\n", "", ".text", ".rodata", ".data", ".bss", "flash", "ram"
	split("tcas core|tcas TLS glue|tcas JMESPath|tcas port|BearSSL|lwIP|libc+runtime|other|whole image", rows, "|")
	for (i = 1; i <= 9; i++) {
		r = rows[i]; t = v[r, "text"] + 0; ro = v[r, "rodata"] + 0
		d = v[r, "data"] + 0; b = v[r, "bss"] + 0
		if (t + ro + d + b == 0) continue
		printf "%-14s %8d %8d %8d %8d %8d %8d\n", r, t, ro, d, b, t + ro + d, d + b
		if (r == "tcas core") core = t + ro + d
	}
	printf "core_flash=%d\n", core
}' "$map" | { [ -n "$cidir" ] && tee "$cidir/size.tmp" || cat; }
if [ -n "$cidir" ]; then
	echo "worst-case stack (bytes, -fcallgraph-info of the objects; direct calls only):"
	lib_ci | xargs awk -f boards/stack.awk \
	  -v roots="tcas_sign_buf tcas_sign_final tcas_sign_authorization tcas_client_call" |
	  awk '{ d = $0; sub(/^[^ ]+ [0-9]+ /, "", d); printf "  %-24s %6d  %s\n", $1, $2, d }'
fi
# RAM of one call (bare-metal images, */firmware.elf, whose RAM is all
# static: no heap, no OS): static RAM (.data + .bss of the whole
# image) + the stack of tcas_client_call with indirect calls followed
# (boards/stack.awk, indirect=: each call through a pointer may reach the
# deepest function only reached through pointers; an upper bound) +
# STACK_MARGIN for frames without call-graph info (libc: memcpy, strlen,
# the division helpers) and one exception frame (SysTick, 32 bytes).
STACK_MARGIN=${STACK_MARGIN:-256}
nm=${NM:-arm-none-eabi-nm}
case $elf in */firmware.elf) onecall=1;; *) onecall=;; esac
if [ -n "$onecall" ] && [ -n "$cidir" ] && command -v "$nm" >/dev/null; then
	ram=$(awk '$1 == "whole" { print $5 + $6 }' "$cidir/size.tmp" 2>/dev/null)
	linked=$cidir/linked.txt
	"$nm" "$elf" | awk '$2 ~ /^[tTW]$/ { print $3 }' | sort -u >"$linked"
	st=$(img_ci | xargs awk -f boards/stack.awk \
	  -v roots=tcas_client_call -v indirect="$linked")
	echo "worst-case stack with indirect calls (upper bound):"
	echo "$st" | awk '{ d = $0; sub(/^[^ ]+ [0-9]+ /, "", d); printf "  %-24s %6d  %s\n", $1, $2, d }'
	stack=$(echo "$st" | awk '{ print $2 }')
	echo "ram_one_call=$((ram + stack + STACK_MARGIN))" \
	  "(.data+.bss $ram + stack $stack + margin $STACK_MARGIN)"
fi
