#!/usr/bin/env python3
"""Write raw HTTP response recordings for every example of examples.json.

usage: gen_recordings.py SPEC_DIR OUT_DIR

For example n (1-based) of action A it writes
  OUT_DIR/A.n.http      the response as a server would send it: status 200,
                        Date, Content-Type: application/json and either
                        Content-Length or (about a third of them)
                        Transfer-Encoding: chunked with varied chunk sizes,
                        hex case, chunk extensions and sometimes a trailer;
                        the body is the example's "output", byte for byte.
  OUT_DIR/A.n.req.json  the example's request body (the part of "input"
                        after the first blank line).
  OUT_DIR/INDEX         one line per example: action, n, response file,
                        request file, body length, SHA-256 (hex) of the
                        body, separated by tabs (the tests check the
                        decoded body against the last two).
Output is deterministic (fixed seeds), so regenerating changes nothing.
Run at writing time only (make gen); the tests read the committed files.
"""
import email.utils
import hashlib
import json
import os
import random
import sys

BASE_TS = 1767225600  # 2026-01-01 00:00:00 UTC


def chunked(body, rng):
    out = []
    i = 0
    sizes = [1, 2, 3, 7, 15, 16, 64, 100, 255, 256, 1000, 4096]
    while i < len(body):
        n = rng.choice(sizes) if rng.random() < 0.6 else rng.randint(1, 300)
        part = body[i:i + n]
        size = "%x" % len(part)
        if rng.random() < 0.5:
            size = size.upper()
        if rng.random() < 0.2:
            size = "0" * rng.randint(1, 3) + size
        ext = ""
        r = rng.random()
        if r < 0.15:
            ext = ";ext=%d" % rng.randint(0, 99)
        elif r < 0.25:
            ext = ';name="quoted value"'
        elif r < 0.3:
            ext = ";flag"
        out.append(size.encode() + ext.encode() + b"\r\n" + part + b"\r\n")
        i += len(part)
    last = b"0;last=1\r\n" if rng.random() < 0.3 else b"0\r\n"
    trailer = b"X-Checksum: none\r\n" if rng.random() < 0.4 else b""
    out.append(last + trailer + b"\r\n")
    return b"".join(out)


def response(body, idx):
    rng = random.Random(idx)
    is_chunked = idx % 3 == 1
    lower = idx % 5 == 2
    date = email.utils.formatdate(BASE_TS + 61 * idx, usegmt=True)
    hdrs = [("Date", date), ("Content-Type", "application/json")]
    if is_chunked:
        hdrs.append(("Transfer-Encoding", "chunked"))
    else:
        hdrs.append(("Content-Length", str(len(body))))
    hdrs.append(("Connection", "keep-alive"))
    hdrs.append(("Server", "tcas-recording"))
    if idx % 4 == 3:
        hdrs.append(("X-TC-RequestId", "recorded-%d" % idx))
    head = "HTTP/1.1 200 OK\r\n" + "".join(
        "%s: %s\r\n" % (k.lower() if lower else k, v) for k, v in hdrs)
    head += "\r\n"
    return head.encode() + (chunked(body, rng) if is_chunked else body)


def request_body(text):
    i = text.find("\n\n")
    if i < 0:
        sys.exit("example input without a blank line")
    return text[i + 2:]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    spec, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(spec, "examples.json"), encoding="utf-8") as f:
        actions = json.load(f)["actions"]
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith((".http", ".req.json")) or name == "INDEX":
            os.remove(os.path.join(out, name))
    lines = []
    idx = 0
    for action in sorted(actions):
        for n, ex in enumerate(actions[action], 1):
            body = ex["output"].encode("utf-8")
            json.loads(body)
            req = request_body(ex["input"]).encode("utf-8")
            json.loads(req)
            resp_name = "%s.%d.http" % (action, n)
            req_name = "%s.%d.req.json" % (action, n)
            with open(os.path.join(out, resp_name), "wb") as f:
                f.write(response(body, idx))
            with open(os.path.join(out, req_name), "wb") as f:
                f.write(req)
            lines.append("%s\t%d\t%s\t%s\t%d\t%s\n" % (
                action, n, resp_name, req_name, len(body),
                hashlib.sha256(body).hexdigest()))
            idx += 1
    with open(os.path.join(out, "INDEX"), "w") as f:
        f.write("".join(lines))
    print("%d examples, %d actions -> %s" % (idx, len(actions), out))


if __name__ == "__main__":
    main()
