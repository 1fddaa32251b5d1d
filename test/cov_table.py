#!/usr/bin/env python3
"""Per-file line and branch coverage of a gcc --coverage build.

usage: cov_table.py [--gcov GCOV] OBJDIR SRCDIR...

Runs gcov (JSON output, gcc >= 9) on every .gcda under OBJDIR/<srcdir>
and prints one row per source file of the given source trees: lines
executed/total, branches taken/total, and the numbers of the lines that
were never executed. A file that was compiled but never run shows 0%.
Exits 0; the table is information, not a gate.
"""
import gzip
import json
import os
import subprocess
import sys


def gcov_json(gcov, obj):
    out = subprocess.run([gcov, "-b", "-j", "-t", "-o", os.path.dirname(obj),
                          obj], capture_output=True, check=True).stdout
    # one JSON document per object
    return json.loads(out)


def ranges(nums):
    out, start, prev = [], None, None
    for n in nums:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ",".join(out)


def main(argv):
    gcov = "gcov"
    if len(argv) > 2 and argv[1] == "--gcov":
        gcov = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    objdir, srcdirs = argv[1], argv[2:]
    rows = {}
    for sd in srcdirs:
        for root, _, files in os.walk(os.path.join(objdir, sd)):
            for f in sorted(files):
                if not f.endswith(".gcno"):
                    continue
                obj = os.path.join(root, f[:-5] + ".o")
                src = os.path.relpath(obj, objdir)[:-2] + ".c"
                # no .gcda: never run (gcov then reports zero counts)
                rows[src] = (0, 0, 0, 0, [])  # no code: tables only
                doc = gcov_json(gcov, obj)
                for fe in doc["files"]:
                    name = os.path.relpath(fe["file"]) if os.path.isabs(
                        fe["file"]) else fe["file"]
                    if name != src:
                        continue
                    lt = lh = bt = bh = 0
                    missed = []
                    for ln in fe["lines"]:
                        lt += 1
                        if ln["count"] > 0:
                            lh += 1
                        else:
                            missed.append(ln["line_number"])
                        for br in ln.get("branches", []):
                            if br.get("throw"):
                                continue
                            bt += 1
                            bh += br["count"] > 0
                    rows[src] = (lh, lt, bh, bt, sorted(set(missed)))
    tot = [0, 0, 0, 0]
    print(f"{'file':<26} {'lines':>13} {'%':>6} {'branches':>13} {'%':>6}"
          "  never run (line numbers)")
    for src in sorted(rows):
        lh, lt, bh, bt, missed = rows[src]
        if lt == 0:
            print(f"{src:<26} {'(data only)':>13}")
            continue
        for i, v in enumerate((lh, lt, bh, bt)):
            tot[i] += v
        lp = 100.0 * lh / lt if lt else 100.0
        bp = 100.0 * bh / bt if bt else 100.0
        print(f"{src:<26} {lh:>6}/{lt:<6} {lp:>6.1f} {bh:>6}/{bt:<6} "
              f"{bp:>6.1f}  {ranges(missed)}")
    lh, lt, bh, bt = tot
    print(f"{'TOTAL':<26} {lh:>6}/{lt:<6} {100.0 * lh / max(lt, 1):>6.1f} "
          f"{bh:>6}/{bt:<6} {100.0 * bh / max(bt, 1):>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
