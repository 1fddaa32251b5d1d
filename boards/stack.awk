# Worst-case stack depth from GCC call-graph files (-fcallgraph-info=su):
#   awk -f boards/stack.awk -v roots="f g" [-v indirect=NAMES] FILE.ci...
# For each root prints "root bytes path". A function's own frame is the
# "N bytes" of its node; depth = own + the deepest callee. Functions
# compiled without call-graph info (libc) count as 0. Recursion is cut at
# the first repeated function.
#
# Calls through function pointers (BearSSL vtables, tcas_port, lwIP
# callbacks) are GCC's "__indirect_call" placeholder. Without `indirect`
# they are not followed: the figure is exact for direct call chains and a
# lower bound otherwise. With indirect=FILE (one function name a line: the
# functions linked into the image), every indirect call may reach any
# "orphan": a function of FILE that has call-graph info and no direct
# caller anywhere, i.e. one only reached through a pointer (vtable entries,
# callbacks), minus the roots, main and *_Handler entry points. That is an
# upper bound on the indirect chains (each call site is assumed to reach
# the deepest such function, which one TLS suite never all use).
/^node:/ {
	t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t)
	if (match($0, /[0-9]+ bytes/)) {
		own[t] = substr($0, RSTART, RLENGTH) + 0
	}
	node[t] = 1
}
/^edge:/ {
	s = $0; sub(/.*sourcename: "/, "", s); sub(/".*/, "", s)
	d = $0; sub(/.*targetname: "/, "", d); sub(/".*/, "", d)
	if (!((s, d) in seen)) { seen[s, d] = 1; ncall[s]++; call[s, ncall[s]] = d }
	if (d != "__indirect_call") called[plain(d)] = 1
}
function plain(f) { sub(/.*:/, "", f); return f }
function orphans(    f, nm, line, isroot, i, n, r) {
	while ((getline line < indirect) > 0) linked[line] = 1
	n = split(roots, r, " ")
	for (i = 1; i <= n; i++) isroot[r[i]] = 1
	for (f in node) {
		nm = plain(f)
		if (!(nm in linked) || (nm in called) || (nm in isroot)) continue
		if (nm == "main" || nm ~ /_Handler$/) continue
		norph++; orph[norph] = f
	}
}
# depth(f, lv): lv = indirect calls already followed on this path; at
# `levels` (default 4) a further indirect call counts 0.
function depth(f, lv,    i, best, d, g, k) {
	k = f SUBSEP lv
	if (k in memo) return memo[k]
	if (f in onpath) return 0
	onpath[f] = 1
	best = 0; bestpath[k] = ""
	for (i = 1; i <= ncall[f]; i++) {
		g = call[f, i]
		if (g == "__indirect_call") {
			d = lv < levels ? depth(g, lv + 1) : 0
			g = g SUBSEP (lv + 1)
		} else {
			d = depth(g, lv); g = g SUBSEP lv
		}
		if (bestpath[k] == "" || d > best) { best = d; bestpath[k] = g }
	}
	delete onpath[f]
	memo[k] = own[f] + best
	return memo[k]
}
function path(k,    p, n, nm) {
	p = ""; n = 0
	while (k != "" && n++ < 60) {
		nm = k; sub(SUBSEP ".*", "", nm); sub(/.*:/, "", nm) # plain names
		if (nm != "__indirect_call") p = p (p == "" ? "" : " > ") nm
		else p = p " >(*)"
		k = bestpath[k]
	}
	return p
}
END {
	if (indirect != "") {
		orphans()
		ncall["__indirect_call"] = norph
		for (i = 1; i <= norph; i++) call["__indirect_call", i] = orph[i]
	}
	if (levels == "") levels = 4
	n = split(roots, r, " ")
	for (i = 1; i <= n; i++)
		printf "%s %d %s\n", r[i], depth(r[i], 0), path(r[i] SUBSEP 0)
}
