#!/usr/bin/env python3
"""Small servers the end-to-end scripts point tcas at, where tcas-emu
cannot play the part (test/e2e/daily.sh):

  fake_server.py MODE READY_FILE [ARG]

writes "http://127.0.0.1:PORT" to READY_FILE once listening, then serves
until killed. Modes:

  hostile    answers every call with strings a terminal must not see raw
             (escape sequences, C1 controls, bidi overrides), valid JSON
  pages      answers Describe* calls with pages of 100 items built from
             the recordings in ARG (test/data/examples), 4-space JSON as
             the service sends; others as recorded
  big        answers DescribeAutoScalingInstances with 3 MiB + 32 bytes,
             DescribeAutoScalingGroups with 70,005 JSON tokens,
             DescribeAccountLimits with a 3 KB response head
  drip       a metadata service that answers one byte every 0.3 s
  record     counts connections into ARG (a file) and closes them
  proxy      an HTTP proxy that answers every CONNECT with the status ARG
             (e.g. "502 Bad Gateway") and closes
"""
import glob
import json
import os
import socket
import sys
import threading
import time

HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2028x\u007f"


def body_for(action):
    if action == "DescribeRefreshActivities":
        r = {"TotalCount": 1, "RefreshActivitySet": [{
            "AutoScalingGroupId": "asg-h7tgd87d",
            "RefreshActivityId": "asr-juhf6ytr",
            "Status": "RUNNING" + HOSTILE,
            "RefreshBatchSet": []}]}
    elif action == "DescribeAutoScalingGroups":
        r = {"TotalCount": 1, "AutoScalingGroupSet": [{
            "AutoScalingGroupId": "asg-1",
            "AutoScalingGroupName": "name" + HOSTILE,
            "Tags": [{"Key": "k" + HOSTILE, "Value": "v"}]}]}
    else:
        r = {"Error": {"Code": "InternalError" + HOSTILE,
                       "Message": "boom" + HOSTILE}}
    r["RequestId"] = "req" + HOSTILE
    return json.dumps({"Response": r}, ensure_ascii=False).encode()


def big(action):
    if action == "DescribeAccountLimits":
        return b'{"Response":{"RequestId":"r"}}'
    if action == "DescribeAutoScalingGroups":
        return ('{"Response":{"AutoScalingGroupSet":[' +
                ",".join(["1"] * 70000) + ']}}').encode()
    head, tail = '{"Response":{"RequestId":"r","Pad":"', '"}}'
    return (head + "x" * (3 * 1024 * 1024 + 32 - len(head) - len(tail)) +
            tail).encode()


def load_pages(folder):
    """Action -> a 100-item page from its first recording with a list."""
    pages = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.http"))):
        action = os.path.basename(path).split(".")[0]
        if action in pages:
            continue
        with open(path, "rb") as f:
            head, body = f.read().split(b"\r\n\r\n", 1)
        if b"chunked" in head.lower():
            plain = b""
            while True:
                size, body = body.split(b"\r\n", 1)
                n = int(size.split(b";")[0], 16)
                if n == 0:
                    break
                plain, body = plain + body[:n], body[n + 2:]
            body = plain
        doc = json.loads(body.decode())
        resp = doc["Response"]
        if action.startswith("Describe"):
            for k, v in resp.items():
                if isinstance(v, list) and v and isinstance(v[0], dict):
                    big = max(v, key=lambda x: len(json.dumps(x)))
                    resp[k] = [big] * 100
                    resp["TotalCount"] = 100
                    break
        pages[action] = json.dumps(doc, indent=4,
                                   ensure_ascii=False).encode()
    return pages


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None, None
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    length, action = 0, ""
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "x-tc-action":
            action = value.strip()
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return action, rest


def serve_http(conn, answer):
    with conn:
        while True:
            action, _ = read_request(conn)
            if action is None:
                return
            body = answer(action)
            extra = b""
            if answer is big and action == "DescribeAccountLimits":
                extra = b"X-Pad: " + b"p" * 3000 + b"\r\n"
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: "
                         b"application/json\r\n" + extra +
                         b"Content-Length: %d\r\n\r\n" % len(body) + body)


def proxy(conn, status):
    with conn:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 " + status.encode() + b"\r\n\r\n")


def drip(conn):
    with conn:
        read_request(conn)
        try:
            conn.sendall(b"HTTP/1.0 200 OK\r\n\r\n")
            while True:
                conn.sendall(b"x")
                time.sleep(0.3)
        except OSError:
            return


def main():
    mode, ready = sys.argv[1], sys.argv[2]
    arg = sys.argv[3] if len(sys.argv) > 3 else None
    pages = load_pages(arg) if mode == "pages" else {}
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    with open(ready + ".tmp", "w") as f:
        f.write("http://127.0.0.1:%d\n" % s.getsockname()[1])
    os.rename(ready + ".tmp", ready)
    while True:
        conn, _ = s.accept()
        if mode == "record":
            with open(arg, "a") as f:
                f.write("connection\n")
            conn.close()
            continue
        if mode == "hostile":
            target, args = serve_http, (conn, body_for)
        elif mode == "proxy":
            target, args = proxy, (conn, arg)
        elif mode == "big":
            target, args = serve_http, (conn, big)
        elif mode == "pages":
            target, args = serve_http, (conn, lambda a: pages.get(
                a, b'{"Response":{"RequestId":"r"}}'))
        else:
            target, args = drip, (conn,)
        threading.Thread(target=target, args=args, daemon=True).start()


if __name__ == "__main__":
    main()
