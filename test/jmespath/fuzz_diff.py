#!/usr/bin/python3
"""Differential fuzzing of tcas's JMESPath evaluator against the python
jmespath library (Debian's python3-jmespath, the library tccli uses).

    /usr/bin/python3 test/jmespath/fuzz_diff.py build/test/jp_batch [N] [SEED]

Generates N random expressions (default 100000) - grammar-built ones over
every feature and function, token soup, and byte mutations of both - each
over a random document, runs them through the batch harness (the library
evaluator as `tcas query` uses it) and through python, and prints every
disagreement (result as a JSON value with ints and floats apart, or the
error kind). Exits 1 on any disagreement. Not part of make check: run it for
a while after changing the evaluator (README, Reliability).

Known differences are left out of the generator on purpose (README): no
integers beyond 64 bits in sums, no duplicate keys in documents, no
expression references printed or passed to to_string(), and merge() only
of objects.
"""
import decimal
import json
import random
import struct
import subprocess
import sys

import oracle

KEYS = ["a", "b", "c", "d", "Id", "Status", "x y", "é", ""]
# name: its arguments (e: an expression reference, v: a value, *: more)
FUNCS = {"abs": "v", "avg": "v", "ceil": "v", "contains": "vv",
         "ends_with": "vv", "floor": "v", "join": "vv", "keys": "v",
         "length": "v", "map": "ev", "max": "v", "max_by": "ve",
         "merge": "v*", "min": "v", "min_by": "ve", "not_null": "v*",
         "reverse": "v", "sort": "v", "sort_by": "ve", "starts_with": "vv",
         "sum": "v", "to_array": "v", "to_number": "v", "to_string": "v",
         "type": "v", "values": "v", "nope": "v"}
STRS = ["", "a", "b", "ab", "A", "é", "日本", "1", "-2", "1.5", " 12 ", "1_0",
        "1e3", "inf", "nan", "007", "FAILED", "SUCCESSFUL", "ins-1", "x\"y",
        "tab\there", "\u00e9\u0301", "😀", "0x10", ".5", "5.", "+3",
        "\x1c12", "\u00a012\u3000", "\u200b1", "\x0b7\x0c", "1_000",
        "-1e-2", "1.5_", "99999999999999999999"]
NUMS = [0, 1, -1, 2, 3, 10, -7, 100, 2 ** 53 + 1, -2 ** 63, 2 ** 63 - 1,
        0.0, -0.0, 0.5, 1.5, -2.25, 1e16, 1e-5, 0.1, 3.0, 1e300, 2.5e-308,
        123456789.125]


def rdoc(r, depth=0):
    k = r.random()
    if depth < 2 and k < 0.2:  # a page: objects sharing their keys
        keys = r.sample(KEYS[:6], r.randint(1, 4))
        return [{key: rdoc(r, depth + 2) for key in keys}
                for _ in range(r.randint(0, 5))]
    if depth > 3 or k < 0.35:
        c = r.random()
        if c < 0.3:
            return r.choice(NUMS)
        if c < 0.6:
            return r.choice(STRS)
        return r.choice([True, False, None])
    if k < 0.65:
        return [rdoc(r, depth + 1) for _ in range(r.randint(0, 4))]
    d = {}
    for key in r.sample(KEYS, r.randint(0, 5)):
        d[key] = rdoc(r, depth + 1)
    return d


def ident(r):
    k = r.choice(KEYS)
    if k and k.isidentifier() and k.isascii() and r.random() < 0.8:
        return k
    return json.dumps(k, ensure_ascii=r.random() < 0.5)


def literal(r):
    c = r.random()
    if c < 0.4:
        return "`" + json.dumps(rdoc(r, 2)).replace("`", "\\`") + "`"
    if c < 0.7:
        return "'" + r.choice(STRS).replace("\\", "\\\\").replace("'", "\\'") + "'"
    if c < 0.8:
        return "`" + r.choice(["foo", " bar", "FAILED", "a b", "1 2"]) + "`"
    return "`" + json.dumps(r.choice(NUMS)) + "`"


def num(r):
    return str(r.choice([0, 1, 2, -1, -2, 3, 10, -10]))


def bracket(r):
    c = r.random()
    if c < 0.25:
        return "[" + num(r) + "]"
    if c < 0.45:
        parts = [r.choice(["", num(r)]) for _ in range(3)]
        if r.random() < 0.5:
            return "[" + parts[0] + ":" + parts[1] + "]"
        return "[" + ":".join(parts) + "]"
    if c < 0.6:
        return "[*]"
    if c < 0.75:
        return "[]"
    return "[?" + expr(r, 2) + "]"


def func(r, d):
    f = r.choice(list(FUNCS))
    kinds = FUNCS[f].replace("*", "v" * r.randint(0, 2))
    if r.random() < 0.1:  # wrong arity now and then
        kinds = "v" * r.choice([0, 1, 2, 3])
    args = []
    for k in kinds:
        a = r.choice(["@", "@", expr(r, d + 1), ident(r), literal(r)])
        args.append("&" + a if k == "e" or r.random() < 0.05 else a)
    return f + "(" + ", ".join(args) + ")"


def expr(r, d=0):
    c = r.random()
    if d > 4 or c < 0.2:
        return r.choice([ident(r), "@", literal(r), ident(r) + "." + ident(r)])
    if c < 0.32:
        return expr(r, d + 1) + "." + r.choice(
            [ident(r), "*", "[" + expr(r, d + 1) + ", " + expr(r, d + 1) + "]",
             "{k: " + expr(r, d + 1) + "}", func(r, d)])
    if c < 0.45:
        return expr(r, d + 1) + bracket(r)
    if c < 0.52:
        return expr(r, d + 1) + r.choice([" | ", " || ", " && "]) + expr(r, d + 1)
    if c < 0.6:
        op = r.choice(["==", "!=", "<", "<=", ">", ">="])
        return expr(r, d + 1) + " " + op + " " + expr(r, d + 1)
    if c < 0.65:
        return "!" + expr(r, d + 1)
    if c < 0.7:
        return "(" + expr(r, d + 1) + ")"
    if c < 0.76:
        return "[" + ", ".join(expr(r, d + 1) for _ in range(r.randint(1, 3))) + "]"
    if c < 0.82:
        return "{" + ", ".join(ident(r) + ": " + expr(r, d + 1)
                               for _ in range(r.randint(1, 3))) + "}"
    if c < 0.95:
        return func(r, d)
    return "*"


TOKENS = [".", "*", "[", "]", "[]", "[?", ",", ":", "@", "(", ")", "{", "}",
          "|", "||", "&", "&&", "!", "!=", "==", "<", "<=", ">", ">=", "a",
          "b", "1", "-1", "'x'", "`1`", "`foo`", '"a"', "length", " ", "=",
          "-", "'", "`", '"', "\\", "$", "é"]


def soup(r):
    return "".join(r.choice(TOKENS) for _ in range(r.randint(1, 8)))


def mutate(r, s):
    s = list(s)
    for _ in range(r.randint(1, 3)):
        c = r.random()
        i = r.randrange(len(s) + 1)
        if c < 0.4 and s:
            del s[min(i, len(s) - 1)]
        elif c < 0.8:
            s.insert(i, r.choice(TOKENS))
        elif s:
            j = r.randrange(len(s))
            s[min(i, len(s) - 1)], s[j] = s[j], s[min(i, len(s) - 1)]
    return "".join(s)


def probe(r):
    """One function over the document (its values, their parts)."""
    f = r.choice(list(FUNCS))
    kinds = FUNCS[f].replace("*", "v" * r.randint(0, 2))
    args = []
    for k in kinds:
        a = r.choice(["@", "@[0]", "@[*]", "@.a", "*", literal(r), "@[]",
                      "[@, @]", "values(@)", "@[*].a"])
        args.append("&" + r.choice(["@", "a", "to_string(@)", "length(@)",
                                     "@[0]", "b"]) if k == "e" else a)
    return f + "(" + ", ".join(args) + ")"


def number(r):
    """A number literal whose printed text must be python's exactly:
    random doubles, long decimals, and exact midpoints between doubles
    (correct rounding, shortest repr)."""
    c = r.random()
    if c < 0.4:
        d = struct.unpack("<d", struct.pack("<Q", r.getrandbits(64)))[0]
        return repr(d) if d == d and abs(d) != float("inf") else "1.5"
    if c < 0.7:
        return "%d.%de%d" % (r.randint(0, 10 ** r.randint(1, 40)),
                             r.randint(0, 10 ** r.randint(1, 30)),
                             r.randint(-340, 320))
    bits = r.getrandbits(63) % 0x7FEFFFFFFFFFFFFF
    lo, hi = (struct.unpack("<d", struct.pack("<Q", bits + k))[0]
              for k in (0, 1))
    return format((decimal.Decimal(lo) + decimal.Decimal(hi)) / 2, "e")


def case(r):
    c = r.random()
    if c < 0.1:
        return "`" + number(r) + "`", 0, True
    if c < 0.3:
        return probe(r), rdoc(r, r.choice([0, 1, 2, 4])), False
    if c < 0.75:
        e = expr(r)
    elif c < 0.8:
        e = soup(r)
    else:
        e = mutate(r, expr(r))
    return e, rdoc(r), False


def big_int(v):
    if isinstance(v, list):
        return any(big_int(x) for x in v)
    if isinstance(v, dict):
        return any(big_int(x) for x in v.values())
    return type(v) is int and abs(v) >= 2 ** 63


def known_difference(e, expected):
    """The documented differences (README): python answers where tcas
    gives an error for merge() of non-objects and to_string() of an
    expression reference; sums beyond 64-bit integers are doubles."""
    return "merge" in e or ("to_string" in e and "&" in e) or \
        (expected[0] == "ok" and "<jmespath" in json.dumps(expected[1])) or \
        ("sum(" in e and expected[0] == "ok" and big_int(expected[1]))


def main():
    harness = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    r = random.Random(seed)
    p = subprocess.Popen([harness], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    bad = skipped = 0
    stats = {}
    for i in range(n):
        e, doc, exact = case(r)
        doct = json.dumps(doc, ensure_ascii=r.random() < 0.5)
        eb, db = e.encode(), doct.encode()
        p.stdin.write(b"%d %d\n" % (len(eb), len(db)) + eb + db)
        p.stdin.flush()
        line = p.stdout.readline().decode()
        if not line:
            print("harness died on", repr(e), doct)
            return 1
        if line.startswith("OK "):
            got = ("ok", json.loads(line[3:]))
        elif line.startswith("ERR "):
            got = ("err", line.split()[1])
        else:
            got = ("bad", line)
        want = oracle.search(e, doc)
        if exact:  # the text itself, as python prints the number
            stats["number"] = stats.get("number", 0) + 1
            text = json.dumps(json.loads(e[1:-1]))
            if line.rstrip("\n") != "OK " + text:
                bad += 1
                print("DIFF number", e, "python:", text, "tcas:", line)
            continue
        k = want[1] if want[0] == "err" else \
            "null" if want[1] is None else "value"
        stats[k] = stats.get(k, 0) + 1
        if oracle.agree(want, got):
            continue
        if known_difference(e, want):
            skipped += 1
            continue
        bad += 1
        print("DIFF", repr(e), doct[:200], "python:", want, "tcas:", got)
    p.stdin.close()
    p.wait()
    print("outcomes:", ", ".join("%s %d" % kv for kv in sorted(stats.items())))
    print("%d expressions, %d disagree, %d known differences" % (n, bad, skipped))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
