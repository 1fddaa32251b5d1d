#!/usr/bin/env python3
"""Generate src/as_actions.c, the request-side table of the 58 AS actions.

Usage:
    python3 src/gen/gen_actions.py SPEC_DIR OUT.c [--doc DOC.md]

SPEC_DIR holds api.json and examples.json (Auto Scaling 2018-04-19, the
files tccli ships). DOC.md is the English action reference
(default SPEC_DIR/../../docs/autoscaling-actions.md); it gives the QPS of
each action (the table's), and its one-line purpose, its group and the
enumeration tokens and filter names of its parameters, which
src/gen/gen_docs.py puts into the CLI's help texts
(src/cli/as_docs_gen.c), not into the library. (The example request bodies used as test vectors come
from test/gen/gen_recordings.py.)

What goes into the table: every action (sorted by name, as strcmp orders
them), the members of its <Action>Request structure, and every structure
reachable from those members (sorted by name). Members marked "disabled" are
left out. Response structures are not included. Output is deterministic:
same inputs, same bytes. Only the Python standard library is used.
"""

import hashlib
import json
import os
import re
import sys

SCALARS = {
    "string": "TCAS_T_STRING",
    "datetime_iso": "TCAS_T_DATETIME",
    "int64": "TCAS_T_INT",
    "uint64": "TCAS_T_UINT",
    "bool": "TCAS_T_BOOL",
    "float": "TCAS_T_FLOAT",
}
DEFAULT_QPS = 20


def die(msg):
    sys.stderr.write("gen_actions.py: %s\n" % msg)
    sys.exit(1)


def c_str(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= o < 0x7F:
            out.append(ch)
        else:
            die("non-ASCII or control character in %r" % s)
    return '"' + "".join(out) + '"'


# ---------------------------------------------------------------- the doc --
CELL_PARAM = re.compile(r"^`([A-Za-z0-9_]+)`\s+(.*)$")


def param_summary(rest):
    """One English line from a doc cell like 'String [A / B]' or
    'Array of Filter (filter names: a, b)'. None when the doc adds nothing
    beyond the type."""
    m = re.search(r"\(filter names: ([^)]*)\)", rest)
    if m:
        return "Filter names: %s." % m.group(1).strip()
    m = re.search(r"\[([A-Z0-9_ /.:-]+)\]", rest)
    if m:
        toks = [t.strip() for t in m.group(1).split("/") if t.strip()]
        return "Known values: %s." % ", ".join(toks)
    return None


def parse_doc(path):
    """-> (actions{name: (group, purpose, qps, {param: summary})},
           structs{name: {member: summary}})"""
    actions, structs = {}, {}
    group = None
    cur_struct = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                group = line[3:].strip()
                cur_struct = None
                continue
            if line.startswith("### "):
                cur_struct = line[4:].split(" (")[0].strip()
                structs[cur_struct] = {}
                continue
            if cur_struct and line.startswith("* `"):
                m = CELL_PARAM.match(line[2:])
                if m:
                    s = param_summary(m.group(2))
                    if s:
                        structs[cur_struct][m.group(1)] = s
                continue
            if not line.startswith("| `"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 5:
                continue
            name = cells[0].strip("`")
            purpose = re.sub(r"\s*\(spec status: [a-z]+\)", "", cells[1])
            params = {}
            if cells[2] != "-":
                for p in cells[2].split("<br>"):
                    m = CELL_PARAM.match(p.strip())
                    if m:
                        s = param_summary(m.group(2))
                        if s:
                            params[m.group(1)] = s
            qm = re.match(r"^(\d+)\*?$", cells[4])
            qps = int(qm.group(1)) if qm else DEFAULT_QPS
            if qps > 255:
                die("QPS %d of %s does not fit uint8_t" % (qps, name))
            actions[name] = (group, purpose, qps, params)
    return actions, structs


# --------------------------------------------------------------- the spec --
def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    return raw, json.loads(raw.decode("utf-8"))


def members_of(objs, sname):
    return [m for m in objs[sname]["members"] if not m.get("disabled")]


def is_struct_ref(m, objs):
    return m["type"] == "object" or (m["type"] == "list" and m["member"] in objs)


def reachable(api):
    objs = api["objects"]
    seen = set()

    def walk(n):
        for m in members_of(objs, n):
            if is_struct_ref(m, objs) and m["member"] not in seen:
                seen.add(m["member"])
                walk(m["member"])

    for a in api["actions"].values():
        walk(a["input"])
    return sorted(seen)


def param_tuple(m, objs, struct_index, summary):
    t = m["type"]
    is_list = 1 if t == "list" else 0
    elem = m["member"]
    if is_struct_ref(m, objs):
        ctype, obj = "TCAS_T_OBJECT", struct_index[elem]
    else:
        if elem not in SCALARS:
            die("unknown scalar type %r of member %s" % (elem, m["name"]))
        ctype, obj = SCALARS[elem], 0
        if t not in ("list", "string", "int", "bool", "float"):
            die("unknown member type %r" % t)
    req = 1 if m.get("required") else 0
    return (m["name"], ctype, is_list, req, obj, summary)


def check_limits(objs, snames, names):
    """What src/params.c relies on: at most 64 members per structure (one
    bit each in a uint64_t) and no recursive structures (its recursion
    follows the spec, so the spec must bound it)."""
    for n in list(snames) + [a + "Request" for a in names]:
        if len(members_of(objs, n)) > 64:
            die("%s has more than 64 members" % n)

    def depth(n, path):
        if n in path:
            die("recursive structure %s" % " -> ".join(path + (n,)))
        return max([1 + depth(m["member"], path + (n,))
                    for m in members_of(objs, n) if is_struct_ref(m, objs)]
                   or [0])

    for a in names:
        depth(a + "Request", ())


# ------------------------------------------------------------------ output --
class Pool:
    """All strings in one char array; entries point into it, so each
    distinct text is stored once whatever the compiler does."""

    CHUNK = 4000  # C99 only promises string literals of 4095 bytes

    def __init__(self):
        self.off = {}       # text -> (chunk, offset)
        self.chunks = [[]]
        self.fill = 0
        self.size = 0

    def add(self, s):
        if s not in self.off:
            n = len(s.encode()) + 1
            if self.fill + n > self.CHUNK:
                self.chunks.append([])
                self.fill = 0
            self.off[s] = (len(self.chunks) - 1, self.fill)
            self.chunks[-1].append(s)
            self.fill += n
            self.size += n
        return self.off[s]

    def ref(self, s):
        if s is None:
            return "NULL"
        return "S%d + %d" % self.off[s]


def emit(api, api_sha, ex_sha, doc, doc_sha, out_path):
    objs = api["objects"]
    dactions, dstructs = doc
    names = sorted(api["actions"])
    if len(names) != 58:
        die("expected 58 actions, found %d" % len(names))
    for n in names:
        if n not in dactions:
            die("action %s missing from the doc" % n)
        if api["actions"][n]["input"] != n + "Request":
            die("unexpected input structure of %s" % n)
    snames = reachable(api)
    sidx = {n: i for i, n in enumerate(snames)}
    check_limits(objs, snames, names)

    pool = Pool()
    # Member lists: structs first, then actions; identical lists shared.
    lists = {}      # tuple-of-params -> offset into P[]
    flat = []       # flattened params

    def add_list(params):
        key = tuple(params)
        if not key:
            return 0
        if key not in lists:
            lists[key] = len(flat)
            flat.extend(key)
        return lists[key]

    # The English texts (purpose, group, parameter summaries) are the
    # CLI's (gen_docs.py): the table carries names, types and limits only.
    structs = []
    for sn in snames:
        ps = [param_tuple(m, objs, sidx, None)[:5]
              for m in members_of(objs, sn)]
        structs.append((sn, add_list(ps), len(ps)))
    acts = []
    for an in names:
        qps = dactions[an][2]
        ps = [param_tuple(m, objs, sidx, None)[:5]
              for m in members_of(objs, an + "Request")]
        dep = 1 if api["actions"][an]["status"] == "deprecated" else 0
        acts.append((an, add_list(ps), len(ps), dep, qps))
        if len(ps) > 65535:
            die("too many params")

    for s in sorted({p[0] for p in flat} | set(snames) | set(names)):
        pool.add(s)

    o = []
    w = o.append
    w("/*\n * as_actions.c - request-side table of the Auto Scaling 2018-04-19 "
      "actions.\n *\n")
    w(" * GENERATED by src/gen/gen_actions.py; do not edit. Regenerate with "
      "`make gen`.\n")
    w(" * Inputs (SHA-256):\n")
    w(" *   api.json                 %s\n" % api_sha)
    w(" *   examples.json            %s\n" % ex_sha)
    w(" *   autoscaling-actions.md   %s\n" % doc_sha)
    w(" * %d actions, %d request-side structures, %d parameter entries, "
      "%d bytes of strings.\n" % (len(acts), len(structs), len(flat), pool.size))
    w(" * Contract in tcas/actions.h.\n */\n")
    w('#include "inner.h"\n\n#include "tcas/actions.h"\n\n')
    w("/* Every name once; entries point into these. */\n")
    for ci, chunk in enumerate(pool.chunks):
        w("static const char S%d[] =\n" % ci)
        for s in chunk:
            w("\t%s \"\\0\" /* %d */\n" % (c_str(s), pool.off[s][1]))
        w("\t;\n")
    w("\n")
    w("#define T_S TCAS_T_STRING\n#define T_I TCAS_T_INT\n"
      "#define T_U TCAS_T_UINT\n#define T_B TCAS_T_BOOL\n"
      "#define T_F TCAS_T_FLOAT\n#define T_D TCAS_T_DATETIME\n"
      "#define T_O TCAS_T_OBJECT\n\n")
    short = {"TCAS_T_STRING": "T_S", "TCAS_T_INT": "T_I", "TCAS_T_UINT": "T_U",
             "TCAS_T_BOOL": "T_B", "TCAS_T_FLOAT": "T_F",
             "TCAS_T_DATETIME": "T_D", "TCAS_T_OBJECT": "T_O"}
    w("/* name, type, is_list, required, object */\n")
    w("static const tcas_param P[%d] = {\n" % max(len(flat), 1))
    starts = {}
    for key, off in lists.items():
        starts.setdefault(off, key)
    users = {}
    for sn, off, cnt in structs:
        if cnt:
            users.setdefault(off, []).append(sn)
    for an, off, cnt, *_ in acts:
        if cnt:
            users.setdefault(off, []).append(an)
    for i, p in enumerate(flat):
        if i in users:
            w("\t/* %d: %s */\n" % (i, ", ".join(users[i])))
        obj = p[4]
        w("\t{%s, %s, %d, %d, %d}, /* %s%s */\n" % (
            pool.ref(p[0]), short[p[1]], p[2], p[3], obj,
            p[0], (" -> " + snames[obj]) if p[1] == "TCAS_T_OBJECT" else ""))
    w("};\n\n")
    w("const tcas_struct tcas_as_structs[] = {\n")
    for i, (sn, off, cnt) in enumerate(structs):
        w("\t{%s, P + %d, %d}, /* %d: %s */\n" % (pool.ref(sn), off, cnt, i, sn))
    w("};\nconst size_t tcas_as_struct_count = TCAS_COUNTOF(tcas_as_structs);\n\n")
    w("/* name, params, count, deprecated, qps */\n")
    w("const tcas_action tcas_as_actions[] = {\n")
    for an, off, cnt, dep, qps in acts:
        w("\t{%s, %s, %d, %d, %d}, /* %s */\n" % (
            pool.ref(an), ("P + %d" % off) if cnt else "NULL", cnt, dep, qps,
            an))
    w("};\nconst size_t tcas_as_action_count = TCAS_COUNTOF(tcas_as_actions);\n")
    with open(out_path, "w", encoding="ascii", newline="\n") as f:
        f.write("".join(o))


def parse_args(argv, prog):
    """SPEC_DIR OUT.c [--doc DOC.md] -> (spec, out, doc_path or None)."""
    args, doc_path = [], None
    it = iter(argv[1:])
    for a in it:
        if a == "--doc":
            doc_path = next(it, None)
        else:
            args.append(a)
    if len(args) != 2:
        die("usage: %s SPEC_DIR OUT.c [--doc DOC.md]" % prog)
    return args[0], args[1], doc_path


def main(argv):
    spec, out, doc_path = parse_args(argv, "gen_actions.py")
    if doc_path is None:
        doc_path = os.path.join(spec, "..", "..", "docs",
                                "autoscaling-actions.md")
    api_raw, api = load(os.path.join(spec, "api.json"))
    ex_raw, ex = load(os.path.join(spec, "examples.json"))
    with open(doc_path, "rb") as f:
        doc_raw = f.read()
    doc = parse_doc(doc_path)
    emit(api, hashlib.sha256(api_raw).hexdigest(),
         hashlib.sha256(ex_raw).hexdigest(), doc,
         hashlib.sha256(doc_raw).hexdigest(), out)


if __name__ == "__main__":
    main(sys.argv)
