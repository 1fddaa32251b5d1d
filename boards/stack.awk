# Worst-case stack depth from GCC call-graph files (-fcallgraph-info=su):
#   awk -f boards/stack.awk -v roots="f g" FILE.ci...
# For each root prints "root bytes path". A function's own frame is the
# "N bytes" of its node; depth = own + the deepest callee. Calls through
# function pointers are not in the graph (BearSSL vtables, tcas_port), nor
# are functions compiled without call-graph info (libc: counted as 0), so
# the figure is exact for direct call chains and a lower bound otherwise.
# Recursion is cut at the first repeated function.
/^node:/ {
	t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t)
	if (match($0, /[0-9]+ bytes/)) {
		own[t] = substr($0, RSTART, RLENGTH) + 0
	}
}
/^edge:/ {
	s = $0; sub(/.*sourcename: "/, "", s); sub(/".*/, "", s)
	d = $0; sub(/.*targetname: "/, "", d); sub(/".*/, "", d)
	if (!((s, d) in seen)) { seen[s, d] = 1; ncall[s]++; call[s, ncall[s]] = d }
}
function depth(f,    i, best, d, g) {
	if (f in memo) return memo[f]
	if (f in onpath) return 0
	onpath[f] = 1
	best = 0; bestpath[f] = ""
	for (i = 1; i <= ncall[f]; i++) {
		g = call[f, i]
		d = depth(g)
		if (bestpath[f] == "" || d > best) { best = d; bestpath[f] = g }
	}
	delete onpath[f]
	memo[f] = own[f] + best
	return memo[f]
}
function path(f,    p, n, nm) {
	p = ""; n = 0
	while (f != "" && n++ < 40) {
		nm = f; sub(/.*:/, "", nm) # plain names
		p = p (p == "" ? "" : " > ") nm
		f = bestpath[f]
	}
	return p
}
END {
	n = split(roots, r, " ")
	for (i = 1; i <= n; i++) printf "%s %d %s\n", r[i], depth(r[i]), path(r[i])
}
