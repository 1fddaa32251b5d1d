#!/usr/bin/python3
"""Differential test of `tcas query` against the python jmespath library
(the oracle tccli evaluates --filter with; Debian's python3-jmespath).

    /usr/bin/python3 test/jmespath/diff.py TCAS CASES DOC...

Runs every expression of CASES (one a line, # comments) over every JSON
document through `TCAS query EXPR DOC` and through python, and compares:
results as JSON values (ints and floats apart, key order included), errors
by kind (tcas exits 2 and names it). Prints each disagreement and a summary;
exits 1 if there is any.
"""
import concurrent.futures
import json
import re
import subprocess
import sys

import oracle

ERR = re.compile(r"tcas: query: (\S+) error at offset (\d+)")


def tcas(binary, expr, path):
    p = subprocess.run([binary, "query", expr, path], capture_output=True,
                       timeout=30)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode == 2:
        m = ERR.search(err)
        return ("err", m.group(1)) if m else ("bad", err)
    if p.returncode != 0 or err:
        return ("bad", "exit %d: %s" % (p.returncode, err))
    try:
        return ("ok", json.loads(p.stdout.decode("utf-8")))
    except ValueError:
        return ("bad", p.stdout[:200])


def main():
    binary, cases, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
    exprs = [l.rstrip("\n") for l in open(cases, encoding="utf-8")
             if l.strip() and not l.startswith("#")]
    loaded = [(d, json.load(open(d, encoding="utf-8"))) for d in docs]
    pairs = [(e, path, doc) for e in exprs for path, doc in loaded]
    bad = values = 0
    # tcas runs as processes: a few at a time while python evaluates
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        got = pool.map(lambda c: tcas(binary, c[0], c[1]), pairs)
        for (e, path, doc), g in zip(pairs, got):
            want = oracle.search(e, doc)
            values += want[0] == "ok" and want[1] is not None
            if not oracle.agree(want, g):
                bad += 1
                print("DIFF %r over %s\n  python: %.300r\n  tcas:   %.300r"
                      % (e, path, want, g))
    n = len(pairs)
    print("jmespath diff: %d expressions x %d documents = %d cases "
          "(%d non-null values), %d disagree" % (len(exprs), len(docs), n,
                                                 values, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
