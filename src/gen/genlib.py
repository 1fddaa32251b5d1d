"""What the generators share: arguments, the spec, C string literals and
the templates the generated files are written from.

Generated files follow one rule: a generated C file is named <name>_gen.c
(or <name>_gen.h), its template is <name>_gen.c.in next to its generator,
its first comment names the generator and its inputs and says "do not
edit", and the Makefile lists it in GEN_FILES (`make gen` writes it,
`make check-gen` checks it). The generators hold no C: the C text is in
the templates, the generators compute the values that fill them.

Templates are the output text with
    @name@             replaced by the value of name (@@ is a lone @)
    @for name@ ... @end@           the lines between, once per item of the
                                   list name (each item a dict whose keys
                                   are names inside the block)
    @if name@ ... [@else@ ...] @end@   the lines when name is true
where the directives stand alone on their lines (indentation allowed).
Only the Python standard library is used.
"""

import json
import os
import re
import sys

PROG = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "gen"


def die(msg):
    sys.stderr.write("%s: %s\n" % (PROG, msg))
    sys.exit(1)


def c_str(s):
    """s as a C string literal (printable ASCII only)."""
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


def load(path):
    """-> (raw bytes, parsed JSON) of path."""
    with open(path, "rb") as f:
        raw = f.read()
    return raw, json.loads(raw.decode("utf-8"))


def parse_args(argv, prog, extra=0):
    """SPEC_DIR [extra args...] OUT [--doc DOC.md] -> (spec, [extra...],
    out, doc_path or None); with extra 0: (spec, out, doc_path)."""
    args, doc_path = [], None
    it = iter(argv[1:])
    for a in it:
        if a == "--doc":
            doc_path = next(it, None)
        else:
            args.append(a)
    if len(args) != 2 + extra:
        die("usage: %s SPEC_DIR %sOUT [--doc DOC.md]"
            % (prog, "ARG " * extra))
    if extra == 0:
        return args[0], args[1], doc_path
    return args[0], args[1:-1], args[-1], doc_path


# ------------------------------------------------------------ the spec ---
def members_of(objs, sname):
    """The members of structure sname, without those marked disabled."""
    return [m for m in objs[sname]["members"] if not m.get("disabled")]


def is_struct_ref(m, objs):
    return m["type"] == "object" or (m["type"] == "list" and m["member"] in objs)


def reachable(api):
    """Names of the structures reachable from the actions' requests."""
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


# ----------------------------------------------------------- templates ---
DIRECTIVE = re.compile(r"^\s*@(for|if) ([a-z_][a-z0-9_]*)@\s*$|^\s*@(else|end)@\s*$")
FIELD = re.compile(r"@([a-z_][a-z0-9_]*)?@")


def _lookup(scopes, name, where):
    for s in reversed(scopes):
        if name in s:
            return s[name]
    die("%s: no value for @%s@" % (where, name))


def _parse(lines, i, where, stop):
    """Lines from i to a directive in stop -> (tree, index of it)."""
    tree = []
    while i < len(lines):
        m = DIRECTIVE.match(lines[i])
        if m is None:
            tree.append(lines[i])
            i += 1
            continue
        if m.group(3) is not None:
            if m.group(3) not in stop:
                die("%s:%d: unexpected @%s@" % (where, i + 1, m.group(3)))
            return tree, i
        kind, name = m.group(1), m.group(2)
        body, j = _parse(lines, i + 1, where, ("end", "else"))
        other = []
        if j < len(lines) and DIRECTIVE.match(lines[j]).group(3) == "else":
            if kind != "if":
                die("%s:%d: @else@ in a @for@" % (where, j + 1))
            other, j = _parse(lines, j + 1, where, ("end",))
        if j >= len(lines):
            die("%s:%d: @%s %s@ without @end@" % (where, i + 1, kind, name))
        tree.append((kind, name, body, other))
        i = j + 1
    if stop:
        die("%s: missing @end@" % where)
    return tree, i


def _render(tree, scopes, where, out):
    for node in tree:
        if isinstance(node, str):
            out.append(FIELD.sub(
                lambda m: "@" if m.group(1) is None
                else str(_lookup(scopes, m.group(1), where)), node))
            continue
        kind, name, body, other = node
        value = _lookup(scopes, name, where)
        if kind == "if":
            _render(body if value else other, scopes, where, out)
            continue
        for item in value:
            _render(body, scopes + [item], where, out)


def render(template_path, values):
    """The text of the template at template_path filled with values."""
    with open(template_path, encoding="ascii") as f:
        lines = f.read().splitlines(True)
    where = os.path.basename(template_path)
    tree, _ = _parse(lines, 0, where, ())
    out = []
    _render(tree, [values], where, out)
    return "".join(out)


def write(path, text):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(text)


def template_of(script, name):
    """The template called name next to the generator script."""
    return os.path.join(os.path.dirname(os.path.abspath(script)), name)
