#!/usr/bin/env python3
"""Generate src/cli/as_docs_gen.c: the English help texts of `tcas help`
and the value sets the CLI checks locally (the CLI links them; libtcas.a
does not, so boards do not carry them).

Usage:
    python3 src/gen/gen_docs.py SPEC_DIR OUT.c [--doc DOC.md]
        [--lines help_en.txt] [--shingles OUT.txt]

Inputs: api.json (types, required flags, examples, the Chinese `<li>VALUE`
lists), docs-en.json (the English facts), DOC.md (the group and one-line
purpose of each action, filter names) and src/gen/help_en.txt (lines
written by hand, where the rules below read badly, and each action's
reference page).

The texts are composed, not copied: doc_facts.py reads facts out of the
descriptions (a short noun phrase naming the member, unit, range,
default, valid values and their meanings, list and length limits,
excluded members, the action that gives the value) and compose() writes
them in the project's sentences. A check refuses every text that shares a
run of COPY_WORDS words with docs-en.json; --shingles writes that run's
fingerprints for the test of `tcas help` output (test/e2e/help.sh).

Value sets: a string member (or list of strings) whose description lists
its values ('- VALUE: meaning' lines, 'Valid values: A, B and C', the
Chinese `<li>VALUE` lists of api.json; the union of all of them, plus the
values the official request examples of examples.json send there, plus
help_en.txt's additions) gets a set; request members with a set of two
values or more are checked by the CLI before sending (help_en.txt may turn
a check off).

Owners of members, in this order (the C side relies on it): the 58
requests (actions sorted by name), the request-side structures
(tcas_as_structs order, gen_actions.reachable), the 58 responses, then
the structures found only in responses (sorted). Member order is the
spec's (gen_actions.members_of). Every text is ASCII, Huffman-coded with
one code (gen_huffman.py), decoded by src/cli/as_docs.c.

Deterministic; only the Python standard library is used.
"""

import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_facts as F  # noqa: E402
import gen_actions as ga  # noqa: E402
import gen_huffman as H  # noqa: E402

COPY_WORDS = 8   # a run this long shared with docs-en.json is a copy
SUBJECT_WORDS = 6  # longest noun phrase taken from a description
MEANING_WORDS = 6  # longest meaning of a value taken as it reads
EXAMPLE_MAX = 24  # longest example value shown
PAGE_CN = 1 << 31  # TCAS_DOC_PAGE_CN: a Chinese site's page number
# Other services' document numbers (the /document/api/N/ of their links).
PRODUCTS = {"213": "CVM", "215": "VPC", "214": "CLB", "651": "Tag",
            "598": "CAM", "362": "CBS", "248": "Cloud Monitor",
            "1154": "TAT", "1142": "VPC", "296": "CWPP", "1496": "TDMQ"}


def die(msg):
    sys.stderr.write("gen_docs.py: %s\n" % msg)
    sys.exit(1)


# ------------------------------------------------------------ help_en.txt --
def load_lines(path):
    """help_en.txt -> {selector: {key: value or [values]}}. Sections start
    with [selector]; lines are 'key: text' or 'value TOKEN: text'."""
    data, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^\[(.+)\]\s*$", line)
            if m:
                cur = data.setdefault(m.group(1).strip(), {"values": {}})
                continue
            if cur is None:
                die("%s:%d: line before any [section]" % (path, n))
            m = re.match(r"^value\s+(\S+)\s*:\s*(.*)$", line)
            if m:
                cur["values"][m.group(1)] = m.group(2).strip()
                continue
            m = re.match(r"^([a-z]+)\s*:\s*(.*)$", line)
            if not m:
                die("%s:%d: cannot read %r" % (path, n, line))
            k, v = m.group(1), m.group(2).strip()
            if k not in ("what", "note", "enum", "page", "unit", "default",
                         "range", "from", "meaning"):
                die("%s:%d: unknown key %r" % (path, n, k))
            if k in ("note",):
                cur.setdefault(k, []).append(v)
            else:
                cur[k] = v
            if has_bad(v):
                die("%s:%d: non-ASCII text" % (path, n))
    return data


def has_bad(s):
    return any(ord(c) > 0x7E or ord(c) < 0x20 for c in s)


class Lines:
    """Look-ups in help_en.txt: 'Owner.Member' first, then 'Member'."""

    def __init__(self, data):
        self.d = data
        self.used = set()

    def get(self, owner, member, key):
        for sel in ("%s.%s" % (owner, member), member):
            if sel in self.d and key in self.d[sel]:
                self.used.add(sel)
                return self.d[sel][key]
        return None

    def value(self, owner, member, v):
        for sel in ("%s.%s" % (owner, member), member, "value " + v):
            sec = self.d.get(sel)
            if sec is None:
                continue
            if sel.startswith("value ") and "meaning" in sec:
                self.used.add(sel)
                return sec["meaning"]
            if v in sec["values"]:
                self.used.add(sel)
                return sec["values"][v]
        return None

    def section(self, sel):
        if sel in self.d:
            self.used.add(sel)
        return self.d.get(sel, {})


# ----------------------------------------------------------------- owners --
def owners_of(api):
    """[(owner name, kind, action or None)] in table order; kind is 'req',
    'struct' (request-side), 'resp' or 'rstruct' (response-only)."""
    objs = api["objects"]
    names = sorted(api["actions"])
    req_structs = ga.reachable(api)
    seen = set(req_structs)
    resp_only = set()

    def walk(n):
        for m in ga.members_of(objs, n):
            if ga.is_struct_ref(m, objs) and m["member"] not in seen:
                seen.add(m["member"])
                resp_only.add(m["member"])
                walk(m["member"])

    for n in names:
        walk(n + "Response")
    out = [(n + "Request", "req", n) for n in names]
    out += [(s, "struct", None) for s in req_structs]
    out += [(n + "Response", "resp", n) for n in names]
    out += [(s, "rstruct", None) for s in sorted(resp_only)]
    return out


def english(docs_en, owner, kind, action, member):
    if kind == "req":
        e = docs_en["actions"].get(action, {}).get("request", {})
    elif kind == "resp":
        e = docs_en["actions"].get(action, {}).get("response", {})
    else:
        e = docs_en["models"].get(owner, {}).get("fields", {})
    x = e.get(member)
    return x["doc"] if x else None


# ---------------------------------------------------------------- compose --
def sentence(s):
    s = s.strip().rstrip(".;:,")
    return s[:1].upper() + s[1:] + "." if s else ""


def plain(s):
    """ASCII, one line: typographic quotes and dashes as ASCII."""
    s = (s.replace("\u2019", "'").replace("\u2018", "'")
         .replace("\u201c", '"').replace("\u201d", '"')
         .replace("\u2013", "-").replace("\u2014", "-").replace("`", ""))
    return " ".join(s.split())


def short_meaning(text):
    """A value's meaning as written when its first sentence is short (at
    most MEANING_WORDS words), else None: longer ones are written in
    help_en.txt or left out."""
    t = plain(text).strip()
    t = re.split(r"\s*default value\b", t, flags=re.I)[0]
    t = re.split(r"(?<=[a-z0-9)])[.;]\s", t)[0].strip().rstrip(".;,")
    t = re.sub(r"^(?:indicates|means|represents?|specifies)\s+(?:that\s+)?",
               "", t, flags=re.I)
    if t and len(t.split()) <= MEANING_WORDS and not F.has_cjk(t):
        return t if re.match(r"[A-Z]{2}", t) else F.lower_first(t)
    return None


class Member:
    """Facts and composed texts of one member."""

    def __init__(self, owner, kind, action, m, en, lines, api_actions,
                 siblings):
        self.owner, self.kind, self.name = owner, kind, m["name"]
        self.m = m
        self.lines = lines
        zh = m.get("document") or ""
        ls, refs = F.clean(en) if en else ([], [])
        text = " ".join(ls)
        self.text = text
        self.is_str = m["member"] == "string"
        # what it is
        what = lines.get(owner, self.name, "what")
        if what is None and ls:
            what = F.subject_of(plain(ls[0]), SUBJECT_WORDS)
        if what is None:
            what = F.name_phrase(self.name)
        self.what = what
        # values
        vals = F.value_list(ls)
        names = [v for v, _ in vals]
        for v in F.inline_values(text) + F.zh_values(zh):
            if v not in names:
                names.append(v)
        meanings = dict(vals)
        self.values = []
        if self.is_str:
            for v in names:
                mean = lines.value(owner, self.name, v)
                if mean is None and v in meanings:
                    mean = short_meaning(meanings[v])
                self.values.append((v, mean or ""))
        enum = lines.get(owner, self.name, "enum")
        self.checked = bool(self.values) and kind in ("req", "struct")
        if enum:
            for tok in enum.split():
                if tok == "off":
                    self.checked = False
                elif tok == "none":
                    self.values, self.checked = [], False
                elif tok.startswith("+"):
                    v = tok[1:]
                    if v not in [x for x, _ in self.values]:
                        self.values.append(
                            (v, lines.value(owner, self.name, v) or ""))
        if len(self.values) == 1:
            self.checked = False  # one value read is too few to trust
        # numbers
        self.unit = lines.get(owner, self.name, "unit") or F.unit_of(text, zh)
        if self.unit == "none":
            self.unit = None
        rng = lines.get(owner, self.name, "range")
        self.range = tuple(x or None for x in rng.split("..")) if rng else (
            F.range_of(text) or F.range_of(zh))
        if rng == "none":
            self.range = None
        if m["member"] not in ("int64", "uint64", "float"):
            self.range = None
        dflt = lines.get(owner, self.name, "default")
        if dflt is None:
            dflt = F.default_of(text) or F.default_of(zh)
        self.default = None if dflt == "none" else self.check_default(dflt)
        self.items, self.length = F.limits_of(text) if text else (None, None)
        if m["type"] != "list":
            self.items = None
        if not self.is_str or m["type"] == "list":
            self.length = None
        self.excl = F.excludes(text, siblings, self.name)
        own, other = F.sources(refs, text, api_actions)
        src = (lines.get(owner, self.name, "from")
               if kind in ("req", "struct") else None)
        if not re.search(r"Ids?$", self.name) or kind not in ("req", "struct"):
            own, other = [], []
        self.sources = src.split() if src else [
            s for s in own if s != action_of(owner)]
        self.other = [] if src else other
        self.order = F.order_rule(text)
        if self.order and self.name not in self.order:
            self.order = None
        self.tz = F.time_zone(text) if m["member"] in (
            "datetime_iso", "string") and re.search(
                r"time\b", self.name, re.I) else None
        ex = m.get("example") or ""
        self.example = None
        if (self.is_str and m["type"] != "list" and 0 < len(ex) <= EXAMPLE_MAX
                and not F.has_cjk(ex) and re.search(r"-", ex)
                and re.search(r"\d", ex) and " " not in ex and
                not self.values and "-...)" not in self.what):
            self.example = ex
        self.notes = lines.get(owner, self.name, "note") or []

    def add_examples(self, values, lines):
        """Values the official examples send are valid whatever the
        descriptions list (surrounding blanks aside: the service ignores
        them, and so does the CLI's check)."""
        if not self.values:
            return
        for v in values:
            v = v.strip()
            if re.fullmatch(F.TOKEN, v) and v not in [x for x, _ in
                                                      self.values]:
                self.values.append((v, lines.value(self.owner, self.name,
                                                   v) or ""))

    def check_default(self, v):
        if v is None:
            return None
        t = self.m["member"]
        if t == "bool":
            return v.lower() if v.lower() in ("true", "false") else None
        if t in ("int64", "uint64", "float"):
            return v if re.fullmatch(r"-?\d+(\.\d+)?", v) else None
        if self.values:
            for x, _ in self.values:
                if x.lower() == v.lower():
                    return x
            return None
        return v if re.fullmatch(r"[A-Z0-9_]+|\d+", v) else None

    def brief(self):
        """What it is, with unit, range and default: the short help."""
        out = [sentence(self.what)]
        facts = []
        unit = self.unit
        if unit and re.search(r"\b%s\b" % re.escape(unit), self.what):
            unit = None  # "cooldown period in seconds" says it already
        u = " " + unit if unit else ""
        if self.range:
            lo, hi = self.range
            if lo is not None and hi is not None:
                facts.append("%s to %s%s" % (lo, hi, u))
            elif hi is not None:
                facts.append("at most %s%s" % (hi, u))
            else:
                facts.append("at least %s%s" % (lo, u))
        elif unit:
            facts.append("in %s" % unit)
        if self.default is not None:
            facts.append("default %s" % self.default)
        if facts:
            out.append(sentence(", ".join(facts)))
        return " ".join(out)

    def more(self):
        """The rest of the facts: limits, exclusions, sources, notes."""
        out = []
        if self.items:
            out.append("At most %d item%s." % (self.items,
                                               "s" if self.items > 1 else ""))
        if self.length:
            out.append("At most %d %s." % self.length)
        if self.tz == "UTC+8":
            out.append("Beijing time (UTC+8).")
        if self.order:
            out.append("Keep %s." % " <= ".join(self.order))
        if self.excl:
            out.append("Not together with %s." % " or ".join(self.excl))
        if self.sources:
            out.append("Take it from %s." % " or ".join(self.sources))
        elif self.other:
            out.append("Take it from %s." % " or ".join(
                "%s (%s)" % (t, PRODUCTS.get(p, "product %s" % p))
                for t, p in self.other[:2]))
        if self.example:
            out.append("Example: %s." % self.example)
        out += [sentence(n) for n in self.notes]
        return " ".join(out)


def action_of(owner):
    for suf in ("Request", "Response"):
        if owner.endswith(suf):
            return owner[:-len(suf)]
    return None


# ------------------------------------------------------------- copy check --
def shingles(text, n=COPY_WORDS):
    w = F.words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def vendor_shingles(docs_en):
    out = set()

    def add(doc):
        if doc:
            lines, _ = F.clean(doc)
            for ln in lines:
                out.update(shingles(plain(ln)))
            out.update(shingles(plain(" ".join(lines))))

    for a in docs_en["actions"].values():
        add(a.get("doc"))
        for side in ("request", "response"):
            for x in a.get(side, {}).values():
                add(x["doc"])
    for mdl in docs_en["models"].values():
        add(mdl.get("doc"))
        for x in mdl.get("fields", {}).values():
            add(x["doc"])
    return out


def fingerprint(s):
    return hashlib.sha256(s.encode()).hexdigest()[:8]


# ------------------------------------------------------------------ model --
def example_values(api, examples):
    """{(owner, member): [values]}: the strings the official request
    examples (examples.json) send in each member, walking each body along
    its request structure; lists and nested objects too."""
    objs = api["objects"]
    out = {}

    def walk(owner, value):
        if not isinstance(value, dict) or owner not in objs:
            return
        for m in ga.members_of(objs, owner):
            v = value.get(m["name"])
            items = v if isinstance(v, list) else [v]
            for it in items:
                if ga.is_struct_ref(m, objs):
                    walk(m["member"], it)
                elif isinstance(it, str) and m["member"] == "string":
                    out.setdefault((owner, m["name"]), []).append(it)

    for action, exs in sorted(examples["actions"].items()):
        for e in exs:
            body = e["input"].split("\n\n", 1)
            if len(body) == 2:
                walk(action + "Request", json.loads(body[1]))
    return out


class Model:
    """Everything the C tables hold, before coding."""

    def __init__(self, api, docs_en, doc, lines, examples=None):
        objs = api["objects"]
        dactions, dstructs = doc
        self.actions = sorted(api["actions"])
        for n in self.actions:
            if n not in dactions:
                die("action %s missing from DOC.md" % n)
        self.owners = owners_of(api)
        self.index = {o[0]: i for i, o in enumerate(self.owners)}
        exvals = example_values(api, examples) if examples else {}
        self.members = []  # (owner index, Member)
        self.start = []
        for oi, (owner, kind, action) in enumerate(self.owners):
            self.start.append(len(self.members))
            ms = ga.members_of(objs, owner)
            sib = [m["name"] for m in ms]
            notes = (dactions[action][3] if kind == "req"
                     else dstructs.get(owner, {}) if kind == "struct" else {})
            for m in ms:
                en = english(docs_en, owner, kind, action, m["name"])
                mb = Member(owner, kind, action, m, en, lines, api["actions"],
                            sib)
                mb.add_examples(exvals.get((owner, m["name"]), []), lines)
                n = notes.get(m["name"]) or ""
                mb.filters = n if n.startswith("Filter names") else ""
                self.members.append((oi, mb))
        self.start.append(len(self.members))
        self.first_resp = self.index[self.actions[0] + "Response"]
        self.objs = objs
        self.purpose = [dactions[n][1] for n in self.actions]
        self.groups = []
        for n in self.actions:
            if dactions[n][0] not in self.groups:
                self.groups.append(dactions[n][0])
        self.group = [self.groups.index(dactions[n][0]) for n in self.actions]
        self.page = []
        for n in self.actions:
            p = lines.section("action " + n).get("page")
            m = re.fullmatch(r"(\d+)( cn)?", p or "0")
            if not m or int(m.group(1)) >= PAGE_CN:
                die("help_en.txt: [action %s] page: %r" % (n, p))
            self.page.append(int(m.group(1)) | (PAGE_CN if m.group(2) else 0))

    def brief(self, mb):
        t = mb.brief()
        if mb.filters:
            t += " " + mb.filters
        return t


def report(model, out):
    for oi, mb in model.members:
        out.write("%s.%s\n  %s\n" % (mb.owner, mb.name, model.brief(mb)))
        if mb.more():
            out.write("  + %s\n" % mb.more())
        for v, mean in mb.values:
            out.write("    %s%s %s\n" % ("*" if mb.checked else " ", v, mean))


# ------------------------------------------------------------------- emit --
TYPE_CODES = {"string": "TCAS_T_STRING", "int64": "TCAS_T_INT",
              "uint64": "TCAS_T_UINT", "bool": "TCAS_T_BOOL",
              "float": "TCAS_T_FLOAT", "datetime_iso": "TCAS_T_DATETIME"}
CHECKED = 0x80  # TCAS_DOC_VSET_CHECKED in src/cli/as_docs.h
SEP = "|"       # between the values of a set, and between their meanings


class Texts:
    """Distinct texts in two parts: the short help's (always built) and the
    full help's (TCAS_CLI_HELP_FULL only), each stored once."""

    def __init__(self):
        self.short, self.full = [""], []
        self.where = {"": ("short", 0)}

    def add(self, t, part):
        if "\n" in t or has_bad(t) or F.has_cjk(t):
            die("text is not one line of ASCII: %r" % t)
        have = self.where.get(t)
        if have and (have[0] == "short" or part == "full"):
            return t
        if have:  # a full text needed by the short help: move it
            self.full.remove(t)
        (self.short if part == "short" else self.full).append(t)
        self.where[t] = (part, None)
        return t


def c_array(w, ctype, name, values, per_line=12, cond=None):
    w("const %s %s[%d] = {\n" % (ctype, name, max(len(values), 1)))
    for i in range(0, len(values), per_line):
        w("\t%s,\n" % ", ".join(str(v) for v in values[i:i + per_line]))
    if not values:
        w("\t0\n")
    w("};\n")


def emit(model, hashes, out_path):
    """Write OUT.c (the tables) and OUT.h (their sizes)."""
    mem = model.members
    n_req_members = model.start[model.first_resp]
    texts = Texts()
    for i, (oi, mb) in enumerate(mem):
        part = "short" if i < n_req_members else "full"
        texts.add(model.brief(mb), part)
        texts.add(mb.more(), "full")
        if part == "full":
            texts.add(mb.name, "full")
    rstructs = [o[0] for o in model.owners if o[1] == "rstruct"]
    for r in rstructs:
        texts.add(r, "full")
    # value sets: (values, meanings), request sets first
    sets, set_of = [], []
    for i, (oi, mb) in enumerate(mem):
        if not mb.values:
            set_of.append(0)
            continue
        key = (tuple(v for v, _ in mb.values), tuple(m for _, m in mb.values))
        if key not in sets:
            sets.append(key)
        set_of.append(sets.index(key) + 1 | (CHECKED if mb.checked else 0))
    if len(sets) >= CHECKED:
        die("more than %d value sets" % (CHECKED - 1))
    req_sets = max([s & ~CHECKED for s in set_of[:n_req_members]] or [0])
    for k, (vals, means) in enumerate(sets):
        for v in vals:
            if SEP in v:
                die("value %r holds %r" % (v, SEP))
        texts.add(SEP.join(vals), "short" if k < req_sets else "full")
        texts.add(SEP.join(means), "full")
    for p in model.purpose:
        texts.add(p, "short")
    order = texts.short + texts.full
    try:
        blob_s, at_s, count, sym = H.encode(order)
    except ValueError as e:
        die(str(e))
    at = dict(zip(order, at_s))
    short_bytes = at[texts.full[0]] if texts.full else len(blob_s)
    if len(blob_s) > 0xFFFF:
        die("coded texts exceed 64 KB: offsets are uint16_t")
    longest = 0
    for t in order:
        if H.decode(blob_s, at[t], count, sym) != t:
            die("Huffman round trip failed for %r" % t)
        longest = max(longest, len(t))
    o = []
    w = o.append
    n_own = len(model.owners)
    w("/*\n * as_docs_gen.c - the help texts of `tcas help` and the value sets "
      "the CLI\n * checks, as tables for src/cli/as_docs.c (contract in "
      "src/cli/as_docs.h).\n *\n")
    w(" * GENERATED by src/gen/gen_docs.py; do not edit. Regenerate with "
      "`make gen`.\n * Inputs (SHA-256):\n")
    for name, h in hashes:
        w(" *   %-24s %s\n" % (name, h))
    w(" * %d owners, %d members (%d of requests), %d value sets, %d texts:\n"
      " * %d bytes of ASCII, Huffman-coded to %d (short help %d).\n */\n" % (
          n_own, len(mem), n_req_members, len(sets), len(order),
          sum(len(t) + 1 for t in order), len(blob_s), short_bytes))
    w('#include <stdint.h>\n\n#include "as_docs.h"\n\n')
    w("/* The canonical Huffman code: codes per length, symbols in code "
      "order. */\n")
    c_array(w, "uint16_t", "tcas_doc_count[TCAS_DOC_CODE_BITS + 1]".replace(
        "[TCAS_DOC_CODE_BITS + 1]", ""), count, 17)
    c_array(w, "uint8_t", "tcas_doc_sym", sym, 16)
    w("\n/* The texts, each starting on a byte: the short help's first (%d "
      "bytes),\n * then the full help's. */\n" % short_bytes)
    w("const uint8_t tcas_doc_bits[] = {\n")
    for i in range(0, len(blob_s), 16):
        if i == short_bytes or (i < short_bytes < i + 16):
            pass
        chunk = blob_s[i:i + 16]
        if i < short_bytes < i + 16:
            w("\t%s,\n" % ",".join(str(b) for b in blob_s[i:short_bytes]))
            w("#if TCAS_CLI_HELP_FULL\n")
            w("\t%s,\n" % ",".join(str(b) for b in blob_s[short_bytes:i + 16]))
            continue
        if i == short_bytes:
            w("#if TCAS_CLI_HELP_FULL\n")
        w("\t%s,\n" % ",".join(str(b) for b in chunk))
    if short_bytes < len(blob_s):
        w("#endif\n")
    w("};\n\n")
    w("/* First member of each owner: %d requests, %d request-side "
      "structures,\n * %d responses, %d response-only structures; one extra "
      "entry ends the\n * last. */\n" % (
          len(model.actions), model.first_resp - len(model.actions),
          len(model.actions), n_own - model.first_resp - len(model.actions)))
    c_array(w, "uint16_t", "tcas_doc_start", model.start)
    w("\n/* Each member's short description (offset in tcas_doc_bits), "
      "request members\n * first; then, in the full help, response "
      "members. */\n")
    briefs = [at[model.brief(mb)] for _, mb in mem]
    emit_split(w, "uint16_t", "tcas_doc_brief", briefs, n_req_members)
    w("\n/* Each member's value set: 0 none, else set + 1, | "
      "TCAS_DOC_VSET_CHECKED\n * when the CLI refuses other values. */\n")
    emit_split(w, "uint8_t", "tcas_doc_vset", set_of, n_req_members)
    w("\n/* Each set's values, '%s'-separated; sets used by requests first "
      "(%d). */\n" % (SEP, req_sets))
    vals = [at[SEP.join(v)] for v, _ in sets]
    emit_split(w, "uint16_t", "tcas_doc_values", vals, req_sets)
    w("\n#if TCAS_CLI_HELP_FULL\n")
    w("/* Each set's meanings, in the order of its values. */\n")
    c_array(w, "uint16_t", "tcas_doc_meanings", [at[SEP.join(m)]
                                                 for _, m in sets])
    w("\n/* Each member's further facts (\"\" if none). */\n")
    c_array(w, "uint16_t", "tcas_doc_more", [at[mb.more()] for _, mb in mem])
    w("\n/* Members of responses and response-only structures: name, type "
      "(tcas_type;\n * | TCAS_DOC_LIST for a list), owner of an object's "
      "members. */\n")
    w("const tcas_doc_member tcas_doc_resp[%d] = {\n" % (
        len(mem) - n_req_members))
    for oi, mb in mem[n_req_members:]:
        m = mb.m
        if ga.is_struct_ref(m, model.objs):
            t, obj = "TCAS_T_OBJECT", model.index[m["member"]]
        else:
            t, obj = TYPE_CODES[m["member"]], 0
        lst = " | TCAS_DOC_LIST" if m["type"] == "list" else ""
        w("\t{%d, %s%s, %d}, /* %s.%s */\n" % (at[mb.name], t, lst, obj,
                                               mb.owner, mb.name))
    w("};\n\n/* Names of the response-only structures. */\n")
    c_array(w, "uint16_t", "tcas_doc_rstruct", [at[r] for r in rstructs])
    w("#endif\n\n")
    w("/* Each action's purpose, group and page in the API reference (0: "
      "none\n * known; | TCAS_DOC_PAGE_CN: the Chinese site's number). */\n")
    c_array(w, "uint16_t", "tcas_doc_purpose", [at[p] for p in model.purpose])
    c_array(w, "uint8_t", "tcas_doc_group", model.group, 20)
    c_array(w, "uint32_t", "tcas_doc_page", ["%du" % p for p in model.page],
            8)
    w("const char *const tcas_doc_groups[%d] = {\n" % len(model.groups))
    for g in model.groups:
        w("\t%s,\n" % ga.c_str(g))
    w("};\n")
    src = "".join(o).replace(
        "tcas_doc_count[%d]" % max(len(count), 1),
        "tcas_doc_count[TCAS_DOC_CODE_BITS + 1]")
    with open(out_path, "w", encoding="ascii", newline="\n") as f:
        f.write(src)
    sizes = [("ACTIONS", len(model.actions), "actions"),
             ("OWNERS", n_own, "owners of members"),
             ("MEMBERS", len(mem), "members of all owners"),
             ("REQ_MEMBERS", n_req_members, "members of request owners"),
             ("FIRST_RESP", model.first_resp, "owner of the first response"),
             ("SETS", len(sets), "value sets"),
             ("REQ_SETS", req_sets, "value sets of request members"),
             ("TEXT_MAX", longest, "longest text, NUL excluded"),
             ("CODE_BITS", H.MAXLEN, "longest Huffman code")]
    hdr = out_path[:-2] + ".h"
    with open(hdr, "w", encoding="ascii", newline="\n") as f:
        f.write("/*\n * %s - sizes of the tables in %s.\n *\n"
                " * GENERATED by src/gen/gen_docs.py with %s; do not edit.\n"
                " * Regenerate with `make gen`. Contract in as_docs.h.\n */\n"
                "#ifndef TCAS_CLI_AS_DOCS_GEN_H\n#define TCAS_CLI_AS_DOCS_GEN_H"
                "\n\n" % (os.path.basename(hdr), os.path.basename(out_path),
                          os.path.basename(out_path)))
        for name, v, what in sizes:
            f.write("#define TCAS_DOC_%-12s %5d /* %s */\n" % (name, v, what))
        f.write("\n#endif /* TCAS_CLI_AS_DOCS_GEN_H */\n")
    return dict(texts=len(order), coded=len(blob_s), short=short_bytes,
                longest=longest, sets=len(sets), req_sets=req_sets)


def emit_split(w, ctype, name, values, n_short):
    """An array whose entries past n_short exist in the full help only."""
    w("const %s %s[] = {\n" % (ctype, name))
    for i in range(0, n_short, 12):
        w("\t%s,\n" % ", ".join(str(v) for v in values[i:min(i + 12,
                                                             n_short)]))
    if n_short < len(values):
        w("#if TCAS_CLI_HELP_FULL\n")
        for i in range(n_short, len(values), 12):
            w("\t%s,\n" % ", ".join(str(v) for v in values[i:i + 12]))
        w("#endif\n")
    w("};\n")


def emit_shingles(vendor, path, hashes):
    """The fingerprints of every COPY_WORDS-word run of docs-en.json, for
    test/e2e/help.sh (the test has no spec to read)."""
    fps = sorted({fingerprint(s) for s in vendor})
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("# Fingerprints of every %d-word run of docs-en.json (first 8 "
                "hex digits\n# of the SHA-256 of the lower-case words joined "
                "by one space), for\n# test/e2e/help.sh. GENERATED by "
                "src/gen/gen_docs.py; do not edit.\n" % COPY_WORDS)
        for name, h in hashes:
            f.write("# %s %s\n" % (name, h))
        f.write("\n".join(fps) + "\n")


def copy_check(model, vendor):
    bad = []
    for _, mb in model.members:
        # as `tcas help` prints it: description, facts, values in order
        t = " ".join([model.brief(mb), mb.more()] +
                     ["%s %s" % vm for vm in mb.values])
        hit = shingles(t) & vendor
        if hit:
            bad.append("%s.%s: %r (%s)" % (mb.owner, mb.name, t,
                                           sorted(hit)[0]))
    for p in model.purpose:
        if shingles(p) & vendor:
            bad.append("purpose %r" % p)
    return bad


def parse(argv):
    opts = {"--doc": None, "--lines": None, "--shingles": None}
    args = []
    it = iter(argv[1:])
    for a in it:
        if a in opts:
            opts[a] = next(it, None)
            if opts[a] is None:
                die("%s needs a value" % a)
        else:
            args.append(a)
    if len(args) != 2:
        die("usage: gen_docs.py SPEC_DIR OUT.c [--doc DOC.md] "
            "[--lines help_en.txt] [--shingles OUT.txt]")
    return args[0], args[1], opts


def main(argv):
    spec, out, opts = parse(argv)
    here = os.path.dirname(os.path.abspath(__file__))
    doc_path = opts["--doc"] or os.path.join(spec, "..", "..", "docs",
                                             "autoscaling-actions.md")
    lines_path = opts["--lines"] or os.path.join(here, "help_en.txt")
    api_raw, api = ga.load(os.path.join(spec, "api.json"))
    en_raw, docs_en = ga.load(os.path.join(spec, "docs-en.json"))
    with open(doc_path, "rb") as f:
        doc_raw = f.read()
    with open(lines_path, "rb") as f:
        lines_raw = f.read()
    hashes = [("api.json", hashlib.sha256(api_raw).hexdigest()),
              ("docs-en.json", hashlib.sha256(en_raw).hexdigest()),
              ("autoscaling-actions.md", hashlib.sha256(doc_raw).hexdigest()),
              ("help_en.txt", hashlib.sha256(lines_raw).hexdigest())]
    lines = Lines(load_lines(lines_path))
    ex_raw, examples = ga.load(os.path.join(spec, "examples.json"))
    hashes.insert(2, ("examples.json", hashlib.sha256(ex_raw).hexdigest()))
    model = Model(api, docs_en, ga.parse_doc(doc_path), lines, examples)
    vendor = vendor_shingles(docs_en)
    bad = copy_check(model, vendor)
    if bad:
        die("%d texts share a run of %d words with docs-en.json; write them "
            "in help_en.txt:\n  %s" % (len(bad), COPY_WORDS,
                                       "\n  ".join(bad)))
    unused = sorted(set(lines.d) - lines.used)
    if unused:
        die("help_en.txt sections that match nothing: %s" % ", ".join(unused))
    if "--report" in os.environ.get("TCAS_GEN_DOCS", ""):
        report(model, sys.stdout)
    emit(model, hashes, out)
    if opts["--shingles"]:
        emit_shingles(vendor, opts["--shingles"], [hashes[1]])


if __name__ == "__main__":
    main(sys.argv)
