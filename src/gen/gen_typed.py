#!/usr/bin/env python3
"""Generate the field tables of the typed calls (tcas/as.h):
src/as_typed_gen.c and src/as_typed_gen.h, from src/gen/as_typed.tables
(which members of which spec structures go into which C struct members)
and the spec's api.json, with the templates src/gen/as_typed_gen.c.in and
src/gen/as_typed_gen.h.in.

Usage:
    python3 src/gen/gen_typed.py SPEC_DIR TABLES OUT

writes OUT.c and OUT.h. The kind of each field (src/typed_inner.h) comes
from the spec: the member's type, its element type and, in a request,
whether it is required. A table whose rows are a run of another table's
rows shares them. Output is deterministic; only the Python standard
library is used.
"""

import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from genlib import (die, load, members_of, parse_args,  # noqa: E402
                    render, template_of, write)

NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
MEMBER = re.compile(r"^([A-Za-z][A-Za-z0-9]*)(?:=([a-z_][a-z0-9_]*))?"
                    r"(?:/([a-z_][a-z0-9_]*))?$")


def snake(name):
    """AutoScalingGroupId -> auto_scaling_group_id."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def read_tables(path):
    """-> [(side, name, ctype, spec, [member text...], line)]"""
    tables = []
    with open(path, encoding="ascii") as f:
        for n, line in enumerate(f, 1):
            text = line.split("#", 1)[0]
            if not text.strip():
                continue
            words = text.split()
            if text[0] in " \t":
                if not tables:
                    die("%s:%d: members before a table" % (path, n))
                tables[-1][4].extend(words)
                continue
            if len(words) < 4 or words[0] not in ("request", "response"):
                die("%s:%d: want: request|response NAME CTYPE STRUCTURE "
                    "MEMBERS..." % (path, n))
            if not IDENT.match(words[1]) or not IDENT.match(words[2]) or \
                    not NAME.match(words[3]):
                die("%s:%d: bad table, C type or structure name" % (path, n))
            tables.append((words[0], words[1], words[2], words[3],
                           words[4:], n))
    return tables


def field_kind(side, m, objs, where):
    """The kind (typed_inner.h) of spec member m on side."""
    t, elem, req = m["type"], m["member"], bool(m.get("required"))
    if side == "request":
        if t == "string":
            return "RQ_STR"
        if t == "int":
            return "RQ_U64" if req else "RQ_OPT"
        if t == "bool" and not req:
            return "RQ_OPTB"
        if t == "list" and elem in ("string", "datetime_iso"):
            return "RQ_STRS"
        if t == "list" and elem == "Filter":
            return "RQ_FILTERS"
        if t == "object":
            return "RQ_OBJ"
    else:
        if t == "string":
            return "RS_STR"
        if t == "int":
            return "RS_INT"
        if t == "bool":
            return "RS_BOOL"
        if t == "list" and elem in ("string", "datetime_iso"):
            return "RS_STRS"
        if t == "list" and elem in objs:
            return "RS_OBJS"
        if t == "object":
            return "RS_OBJ"
    die("%s: %s (%s of %s%s) has no %s kind" % (
        where, m["name"], t, elem, ", required" if req else "", side))


def build(api, tables, path):
    """-> list of tables, each a dict with its rows."""
    objs = api["objects"]
    by_struct = {}
    for side, name, ctype, spec, _, line in tables:
        by_struct.setdefault((side, spec), []).append(name)
    ctypes = {name: ctype for _, name, ctype, _, _, _ in tables}
    if len(ctypes) != len(tables):
        die("%s: a table name is used twice" % path)
    out = []
    for side, name, ctype, spec, words, line in tables:
        where = "%s:%d" % (path, line)
        if spec not in objs:
            die("%s: no structure %s in the spec" % (where, spec))
        members = {m["name"]: m for m in members_of(objs, spec)}
        rows, seen = [], set()
        for w in words:
            mm = MEMBER.match(w)
            if not mm:
                die("%s: bad member %r" % (where, w))
            api_name, cname, count = mm.groups()
            if api_name not in members:
                die("%s: %s has no member %s" % (where, spec, api_name))
            if api_name in seen:
                die("%s: %s twice" % (where, api_name))
            seen.add(api_name)
            m = members[api_name]
            kind = field_kind(side, m, objs, where)
            row = {"api": api_name, "kind": kind, "ctype": ctype,
                   "member": cname or snake(api_name), "count": "",
                   "sub": "", "sub_ctype": "", "scalar": False,
                   "nested": False, "strings": False,
                   "nested_list": False}
            if kind in ("RS_STRS", "RS_OBJS"):
                row["count"] = count or row["member"] + "_count"
            elif count:
                die("%s: %s is no response list: no /count" % (where, w))
            if kind in ("RQ_OBJ", "RS_OBJ", "RS_OBJS"):
                subs = by_struct.get((side, m["member"]), [])
                if len(subs) != 1:
                    die("%s: %s needs one %s table of %s, found %d" % (
                        where, api_name, side, m["member"], len(subs)))
                row["sub"] = subs[0]
                row["sub_ctype"] = ctypes[subs[0]]
            row["nested_list"] = kind == "RS_OBJS"
            row["strings"] = kind == "RS_STRS"
            row["nested"] = kind in ("RQ_OBJ", "RS_OBJ")
            row["scalar"] = not (row["nested_list"] or row["strings"] or
                                 row["nested"])
            rows.append(row)
        if side == "request":
            for m in members.values():
                if m.get("required") and m["name"] not in seen:
                    die("%s: required member %s of %s is missing" % (
                        where, m["name"], spec))
        out.append({"side": side, "name": name, "ctype": ctype,
                    "spec": spec, "rows": rows})
    return out


def key(row):
    return tuple(sorted(row.items()))


def share(tables):
    """Place each table's rows: a run of a larger table's rows, or an array
    of its own. Sets array/offset/count; returns the arrays in file order."""
    owners = []
    for t in sorted(tables, key=lambda t: -len(t["rows"])):
        keys = [key(r) for r in t["rows"]]
        for o in owners:
            okeys = [key(r) for r in o["rows"]]
            n = len(keys)
            hit = [i for i in range(len(okeys) - n + 1)
                   if okeys[i:i + n] == keys]
            if hit:
                t["array"], t["offset"] = o["array"], hit[0]
                break
        else:
            t["array"], t["offset"] = "f_" + t["name"], 0
            owners.append(t)
        t["count"] = len(t["rows"])
    arrays = []
    for t in tables:
        if t in owners:
            users = [u["name"] for u in tables if u["array"] == t["array"]]
            arrays.append({"array": t["array"], "rows": t["rows"],
                           "tables": ", ".join(users)})
    return arrays


def main(argv):
    spec, (tables_path,), out, _ = parse_args(argv, "gen_typed.py", extra=1)
    api_raw, api = load(os.path.join(spec, "api.json"))
    tables = build(api, read_tables(tables_path), tables_path)
    arrays = share(tables)
    values = {
        "api_sha": hashlib.sha256(api_raw).hexdigest(),
        "table_count": len(tables), "array_count": len(arrays),
        "row_count": sum(len(a["rows"]) for a in arrays),
        "arrays": arrays, "tables": tables,
    }
    write(out + ".c", render(template_of(__file__, "as_typed_gen.c.in"),
                             values))
    write(out + ".h", render(template_of(__file__, "as_typed_gen.h.in"),
                             values))


if __name__ == "__main__":
    main(sys.argv)
