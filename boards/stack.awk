# Worst-case stack depth from GCC call-graph files (-fcallgraph-info=su):
#   awk -f boards/stack.awk -v roots="f g" [-v slots=FILE -v taken=FILE
#       -v frames=FILE -v linked=FILE] FILE.ci...
# For each root prints "root bytes path" (path: the deepest chain, ">(*)"
# marking a call through a pointer). A function's depth is its own frame
# (the "N bytes" of its node) plus its deepest callee's depth.
#
# Without slots, calls through pointers (GCC's "__indirect_call") are not
# followed: exact for direct call chains, and the root's line ends with
# " (indirect calls not followed)" when one was reachable.
#
# With slots=FILE every call through a pointer is resolved per call site:
# the edge's label gives the call's source location, whose text names the
# pointer called through ("c->port->recv(" is slot "port->recv": the last
# two names of the called expression; "ichacha(" is "ichacha"). FILE maps
# slots to the functions they may hold, one slot a line:
#     SLOT TARGET...            (the call sites of every function)
#     FUNCTION:SLOT TARGET...   (those of one function, taking precedence)
# "#" starts a comment; a target "@SLOT" includes that slot's targets,
# "FILE.c:NAME" is the static function NAME of FILE.c.
# Function names lose GCC's clone suffixes (.isra.0, .constprop.1, .part.2)
# when looked up. A target's depth is the largest among the linked
# functions of that name (static functions of the same name in two files).
#
# The bound is refused (exit 1, with the reason on stderr) when a
# reachable call site's slot is in no line of FILE, when a reachable
# function has no stack figure, a dynamic frame (alloca, VLA) or takes part
# in a cycle (recursion: no finite bound), and, with taken=FILE (function
# names whose address the image stores: the targets of every pointer),
# when such a function is the target of no slot and no root.
#
# frames=FILE adds functions compiled without call-graph info (the C
# library): lines "NAME BYTES CALLEE...", from their disassembly.
# linked=FILE (function names in the image) limits targets to linked code.
# show=1 writes each function's own frame after its name in the path.
# lax=1 counts a function without any figure as 0 and lists it at the end
# (a library's figures without the C library it is linked with).
function plain(f) { sub(/.*:/, "", f); return f }
function base(f) { f = plain(f); sub(/\.(isra|constprop|part|cold)\.[0-9]+.*$/, "", f); return f }
function add_edge(s, d, loc) {
	if ((s, d, loc) in seen) return
	seen[s, d, loc] = 1
	ncall[s]++; call[s, ncall[s]] = d; callloc[s, ncall[s]] = loc
}
/^node:/ {
	t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t)
	if (match($0, /[0-9]+ bytes/)) {
		own[t] = substr($0, RSTART, RLENGTH) + 0
		if ($0 ~ /bytes \(dynamic/) dyn[t] = 1
		byname[plain(t)] = byname[plain(t)] SUBSEP t
		if (t ~ /\.c:[^\/]*$/) { q = t; sub(/.*\//, "", q); byname[q] = byname[q] SUBSEP t }
	}
}
/^edge:/ {
	s = $0; sub(/.*sourcename: "/, "", s); sub(/".*/, "", s)
	d = $0; sub(/.*targetname: "/, "", d); sub(/".*/, "", d)
	l = ""
	if ($0 ~ /label: "/) { l = $0; sub(/.*label: "/, "", l); sub(/".*/, "", l) }
	if (d == "__indirect_call") add_edge(s, "*", l)
	else add_edge(s, d, "")
}
# The source text at "file:line:col".
function source_at(loc,    f, ln, col, n, i, line) {
	if (!match(loc, /:[0-9]+:[0-9]+$/)) return ""
	f = substr(loc, 1, RSTART - 1)
	n = split(substr(loc, RSTART + 1), i, ":"); ln = i[1]; col = i[2]
	if (!((f, ln) in srcline)) {
		n = 0; line = ""
		while ((getline line < f) > 0) if (++n == ln) break
		close(f)
		srcline[f, ln] = n == ln ? line : ""
	}
	return substr(srcline[f, ln], col)
}
# The slot of the call at loc: the last two names of the called expression.
function slot_at(loc,    s, e, n, w) {
	s = source_at(loc)
	gsub(/\[[^]]*\]/, "", s) # array[i].f is f of array
	sub(/^[(*[:space:]]*/, "", s)
	if (!match(s, /^[A-Za-z_][A-Za-z0-9_]*((\)?(->|\.)[A-Za-z_][A-Za-z0-9_]*)*)\)*[[:space:]]*\(/))
		return ""
	e = substr(s, 1, RLENGTH)
	gsub(/[()[:space:]]/, "", e); gsub(/\./, "->", e)
	n = split(e, w, "->")
	return n > 1 ? w[n - 1] "->" w[n] : w[1]
}
function targets_of(key,    out, n, t, i, r) {
	if (!(key in slot)) return ""
	if (key in visiting) return ""
	visiting[key] = 1
	out = ""
	n = split(slot[key], t, " ")
	for (i = 1; i <= n; i++) {
		if (t[i] ~ /^@/) { r = substr(t[i], 2); out = out " " targets_of(r) }
		else out = out " " t[i]
	}
	delete visiting[key]
	return out
}
# Nodes (titles) a call through a pointer at loc in function f may reach.
function resolve(f, loc,    k, lst, n, t, i, j, m, ti, res) {
	k = slot_at(loc)
	if (base(f) ":" k in slot) lst = targets_of(base(f) ":" k)
	else if (k in slot) lst = targets_of(k)
	else {
		err("call through an unknown pointer \"" k "\" in " plain(f) " at " loc " (add it to " slots ")")
		return ""
	}
	res = ""
	n = split(lst, t, " ")
	for (i = 1; i <= n; i++) {
		if (linked != "" && !(plain(t[i]) in islinked)) continue
		if (!(t[i] in byname)) {
			if (t[i] in framesz) { res = res SUBSEP t[i]; continue }
			err("no stack figure for " t[i] " (a target of " k ")")
			continue
		}
		m = split(substr(byname[t[i]], 2), ti, SUBSEP)
		for (j = 1; j <= m; j++) res = res SUBSEP ti[j]
	}
	return substr(res, 2)
}
function err(msg) {
	if (!(msg in said)) { said[msg] = 1; print "stack.awk: " msg > "/dev/stderr"; bad = 1 }
}
# Own frame of node f (a .ci node, or a frames= entry, or an external).
function frame_of(f) {
	if (f in own) { if (f in dyn) err("dynamic stack frame in " plain(f)); return own[f] }
	if (plain(f) in framesz) return framesz[plain(f)]
	if (plain(f) in byname) return -1 # resolved through the name below
	if (plain(f) ~ /^__builtin_/) return 0
	if (lax) { nofig[plain(f)] = 1; return 0 }
	err("no stack figure for " plain(f))
	return 0
}
function depth(f,    i, best, d, g, n, t, j, fr, k) {
	if (f in memo) return memo[f]
	if (f in onpath) {
		if (!((f, "cycle") in said)) err("recursion through " plain(f) ": no finite bound")
		return 0
	}
	fr = frame_of(f)
	if (fr < 0) { # an external reference: the defining node(s)
		n = split(substr(byname[plain(f)], 2), t, SUBSEP)
		best = -1
		for (j = 1; j <= n; j++) if ((d = depth(t[j])) > best) { best = d; bestpath[f] = t[j]; bestind[f] = 0 }
		memo[f] = best
		return best
	}
	onpath[f] = 1
	best = 0; bestpath[f] = ""
	for (i = 1; i <= ncall[f]; i++) {
		g = call[f, i]
		if (g == "*") {
			if (slots == "") { indirect_seen = 1; continue }
			n = split(resolve(f, callloc[f, i]), t, SUBSEP)
			for (j = 1; j <= n; j++) {
				d = depth(t[j])
				if (bestpath[f] == "" || d > best) { best = d; bestpath[f] = t[j]; bestind[f] = 1 }
			}
			continue
		}
		if (!(g in own) && (plain(g) in framesz)) g = plain(g)
		d = depth(g)
		if (bestpath[f] == "" || d > best) { best = d; bestpath[f] = g; bestind[f] = 0 }
	}
	delete onpath[f]
	memo[f] = fr + best
	return memo[f]
}
function path(f,    p, n) {
	p = ""; n = 0
	while (f != "" && n++ < 80) {
		if (!(f in own) && !(plain(f) in framesz) && (plain(f) in byname)) { f = bestpath[f]; continue }
		p = p (p == "" ? "" : (bestind[prev] ? " >(*) " : " > ")) plain(f) \
		    (frames_shown ? "(" frame_of(f) ")" : "")
		prev = f
		f = bestpath[f]
	}
	return p
}
END {
	if (slots != "") {
		while ((getline line < slots) > 0) {
			sub(/#.*/, "", line)
			if (split(line, w, " ") < 1) continue
			k = w[1]; sub(/^[ \t]*[^ \t]+[ \t]*/, "", line)
			slot[k] = slot[k] " " line
			for (i = 2; i in w; i++) listed[plain(w[i])] = 1
			delete w
		}
	}
	if (linked != "") while ((getline line < linked) > 0) islinked[line] = 1
	if (frames != "") {
		while ((getline line < frames) > 0) {
			n = split(line, w, " ")
			framesz[w[1]] = w[2] + 0
			for (i = 3; i <= n; i++) add_edge(w[1], w[i], "")
		}
	}
	frames_shown = show
	n = split(roots, r, " ")
	for (i = 1; i <= n; i++) isroot[r[i]] = 1
	for (i = 1; i <= n; i++) {
		indirect_seen = 0
		d = depth(r[i])
		printf "%s %d %s%s\n", r[i], d, path(r[i]),
		    indirect_seen ? " (indirect calls not followed)" : ""
	}
	for (f in nofig) nf = nf " " f
	if (nf != "") printf "(no stack figure, counted 0:%s)\n", nf
	if (taken != "") {
		while ((getline line < taken) > 0)
			if (!(line in listed) && !(line in isroot))
				err("the image takes the address of " line ", which no slot of " slots " lists")
	}
	exit bad
}
