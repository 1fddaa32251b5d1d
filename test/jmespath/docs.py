#!/usr/bin/python3
"""Documents for the differential test: the Response object of each
recorded example answer (test/data/examples/*.http, chunked bodies decoded)
and a full 100-item DescribeAutoScalingInstances page made from the
recorded one (100 instances, distinct IDs, zones, states and times).

    /usr/bin/python3 test/jmespath/docs.py OUTDIR
"""
import glob
import json
import os
import sys


def body(raw):
    head, _, rest = raw.partition(b"\r\n\r\n")
    if b"chunked" not in head.lower():
        return rest
    out = b""
    while rest:
        size, _, rest = rest.partition(b"\r\n")
        n = int(size.split(b";")[0], 16)
        if n == 0:
            break
        out += rest[:n]
        rest = rest[n + 2:]
    return out


def page(one):
    inst = one["AutoScalingInstanceSet"][0]
    states = ["IN_SERVICE", "IN_SERVICE", "IN_SERVICE", "CREATING",
              "REMOVING", "DETACHING"]
    health = ["HEALTHY"] * 7 + ["UNHEALTHY"]
    items = []
    for i in range(100):
        x = dict(inst)
        x["InstanceId"] = "ins-%08x" % (0x1fa5b3c * (i + 7) % 0xffffffff)
        x["Zone"] = "ap-guangzhou-%d" % (i % 4 + 3)
        x["LifeCycleState"] = states[i % len(states)]
        x["HealthStatus"] = health[i % len(health)]
        x["ProtectedFromScaleIn"] = i % 9 == 0
        x["VersionNumber"] = i % 5 + 1
        x["AddTime"] = "2024-%02d-%02dT%02d:%02d:12Z" % (
            i % 12 + 1, i % 28 + 1, i % 24, (i * 7) % 60)
        x["WarmupStatus"] = "IN_WARMUP" if i % 3 else "AFTER_WARMUP"
        items.append(x)
    return {"TotalCount": 100, "AutoScalingInstanceSet": items,
            "RequestId": "a1b2c3d4-0000-4000-8000-000000000100"}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for f in sorted(glob.glob("test/data/examples/*.http")):
        resp = json.loads(body(open(f, "rb").read()))["Response"]
        name = os.path.basename(f)[:-len(".http")]
        with open(os.path.join(out, name + ".json"), "w") as o:
            json.dump(resp, o, ensure_ascii=False, indent=4)
        if name == "DescribeAutoScalingInstances.1":
            with open(os.path.join(out, "page100.json"), "w") as o:
                json.dump(page(resp), o, ensure_ascii=False, indent=4)


if __name__ == "__main__":
    main()
