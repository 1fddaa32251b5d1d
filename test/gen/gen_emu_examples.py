#!/usr/bin/env python3
"""Generate test/emu/as_examples_gen.c from the spec's examples.json,
with the template test/gen/as_examples_gen.c.in.

Usage: gen_emu_examples.py SPEC_DIR OUT.c

For every action, the first recorded example's output document is written
compactly (ASCII only, non-ASCII as \\uXXXX escapes) and split around the
value of Response.RequestId, so the emulator can answer with the recording
and a fresh RequestId. The example's request body is kept too (tests
call every action with it). examples.json itself stays out of the repository.
"""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "src", "gen"))
from genlib import render, template_of, write  # noqa: E402

MARK = "\x00REQUESTID\x00"


def c_string(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '"' or ch == '\\':
            out.append('\\' + ch)
        elif 0x20 <= o < 0x7f:
            out.append(ch)
        else:
            out.append('\\%03o' % o)
    return '"' + ''.join(out) + '"'


def chunks(s, n=70):
    parts = [s[i:i + n] for i in range(0, len(s), n)] or [""]
    # never split inside a backslash escape
    fixed, carry = [], ""
    for p in parts:
        p = carry + p
        carry = ""
        k = len(p) - len(p.rstrip('\\'))
        if k % 2:
            carry, p = p[-1], p[:-1]
        fixed.append(p)
    if carry:
        fixed.append(carry)
    return fixed


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_emu_examples.py SPEC_DIR OUT.c")
    spec, out = sys.argv[1], sys.argv[2]
    with open(spec + "/examples.json", "rb") as f:
        raw = f.read()
    ex = json.loads(raw.decode("utf-8"))["actions"]
    examples = []
    for action in sorted(ex):
        doc = json.loads(ex[action][0]["output"])
        doc["Response"]["RequestId"] = MARK
        text = json.dumps(doc, ensure_ascii=True, separators=(",", ":"))
        quoted = json.dumps(MARK)[1:-1]
        pre, post = text.split(quoted)
        body = ex[action][0]["input"].replace("\r\n", "\n").split("\n\n", 1)[1]
        body = json.dumps(json.loads(body), ensure_ascii=True,
                          separators=(",", ":"))
        parts = []
        for s in (pre, post, body):
            lines = [c_string(x) for x in chunks(s)]
            parts.append({"lines": [
                {"literal": x, "comma": "," if i == len(lines) - 1 else ""}
                for i, x in enumerate(lines)]})
        examples.append({"action": c_string(action), "parts": parts})
    values = {"examples": examples, "count": len(examples),
              "examples_sha": hashlib.sha256(raw).hexdigest()}
    write(out, render(template_of(__file__, "as_examples_gen.c.in"), values))


if __name__ == "__main__":
    main()
