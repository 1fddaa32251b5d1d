#!/usr/bin/env python3
"""Check help output for text that is not the project's own: any CJK
character, any byte outside printable ASCII, and any run of COPY_WORDS
words found in the vendor's English descriptions (docs-en.json), known
here by the fingerprints src/gen/gen_docs.py wrote to
test/data/help_copy.txt (the spec itself is not part of the tree).

Usage: help_copy.py FINGERPRINTS < help-output
Prints each offence and exits 1 if there is any; prints a summary line and
exits 0 otherwise. Words are split exactly as the generator splits them
(src/gen/doc_facts.py words()), over the whole output, so a copy wrapped
over two lines is found too.
"""

import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "src", "gen"))
import doc_facts  # noqa: E402

COPY_WORDS = 8  # src/gen/gen_docs.py


def main():
    fps = set()
    with open(sys.argv[1], encoding="ascii") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                fps.add(line)
    data = sys.stdin.buffer.read()
    bad = 0
    for n, raw in enumerate(data.split(b"\n"), 1):
        text = raw.decode("utf-8", "replace")
        if doc_facts.has_cjk(text):
            print("line %d: CJK text: %s" % (n, text.strip()))
            bad += 1
        elif any(b < 0x20 or b > 0x7E for b in raw):
            print("line %d: not printable ASCII: %r" % (n, raw))
            bad += 1
    words = doc_facts.words(data.decode("utf-8", "replace"))
    for i in range(len(words) - COPY_WORDS + 1):
        run = " ".join(words[i:i + COPY_WORDS])
        if hashlib.sha256(run.encode()).hexdigest()[:8] in fps:
            print("vendor text copied: ... %s ..." % run)
            bad += 1
    if bad:
        return 1
    print("%d lines, %d words: no CJK, no vendor run of %d words" % (
        data.count(b"\n"), len(words), COPY_WORDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
