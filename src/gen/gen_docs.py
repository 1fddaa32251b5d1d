#!/usr/bin/env python3
"""Generate src/cli/as_docs.c: the help texts of `tcas help` only (the CLI
links it; libtcas.a does not, so boards do not carry these texts): a
one-line description of every request parameter, from the spec, and from
the English action reference DOC.md (as src/gen/gen_actions.py reads it) the
one-line purpose and the group of each action and the known values or
filter names of a parameter (its note).

Usage:
    python3 src/gen/gen_docs.py SPEC_DIR OUT.c [--doc DOC.md]

The text is the first sentence of the member's "document" in api.json
(Chinese, as the service publishes it): HTML tags dropped, Markdown links
reduced to their text, cut at the first 。 or ； or line break, whitespace
collapsed, ended with 。, at most DOC_MAX bytes (cut on a UTF-8 character
boundary, "..." marking the cut). Actions, structures and members come in exactly the order
of src/as_actions.c (the same functions of gen_actions.py select them), so
the CLI looks a text up by action index (or structure index) and member
index. All texts but the groups are stored with one Huffman code over their
characters, decoded on lookup (the generator decodes every text back before
writing). Deterministic; only the Python standard library is used.
"""

import hashlib
import heapq
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_actions as ga  # noqa: E402

DOC_MAX = 120
MAXLEN = 16  # longest Huffman code the decoder reads


def first_sentence(doc):
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", doc or "")
    s = re.sub(r"<[^>]*>", " ", s)
    cut = len(s)
    for d in ("\u3002", "\uff1b", "\n"):
        i = s.find(d)
        if 0 <= i < cut:
            cut = i
    s = " ".join(s[:cut].split())
    s = s.rstrip("\uff0c\uff1a,:;")  # no dangling comma or colon
    if s and not s.endswith(("\u3002", ".", "?", "\uff1f")):
        s += "\u3002"  # a sentence, so the English summary reads apart
    b = s.encode("utf-8")
    if len(b) <= DOC_MAX:
        return s
    b = b[:DOC_MAX - 3]
    while b and (b[-1] & 0xC0) == 0x80:  # a continuation byte: back off
        b = b[:-1]
    if b and b[-1] >= 0xC0:  # a lead byte whose character was cut
        b = b[:-1]
    return b.decode("utf-8") + "..."


def c_bytes(s):
    out = []
    prev_oct = False
    for byte in s.encode("utf-8"):
        ch = chr(byte)
        if ch in '"\\':
            out.append("\\" + ch)
            prev_oct = False
        elif 0x20 <= byte < 0x7F:
            if prev_oct and ch in "01234567":
                out.append('" "')  # end the octal escape
            out.append(ch)
            prev_oct = False
        else:
            out.append("\\%03o" % byte)
            prev_oct = True
    return '"' + "".join(out) + '"'


def huffman_lengths(freq):
    """Code length of each symbol of freq (symbol -> count): Huffman's
    construction, ties broken by symbol value so the output is stable."""
    heap = [(n, (sym,), [sym]) for sym, n in sorted(freq.items())]
    heapq.heapify(heap)
    length = dict.fromkeys(freq, 0)
    if len(heap) == 1:
        length[heap[0][2][0]] = 1
    while len(heap) > 1:
        n1, k1, s1 = heapq.heappop(heap)
        n2, k2, s2 = heapq.heappop(heap)
        for sym in s1 + s2:
            length[sym] += 1
        heapq.heappush(heap, (n1 + n2, min(k1, k2), s1 + s2))
    return length


def canonical(length):
    """Canonical code (value, length) of each symbol, and the symbols in
    code order: by length, then by value (DEFLATE's rule)."""
    order = sorted(length, key=lambda sym: (length[sym], sym))
    codes, code, prev = {}, 0, length[order[0]]
    for sym in order:
        code <<= length[sym] - prev
        prev = length[sym]
        codes[sym] = (code, length[sym])
        code += 1
    return codes, order


def encode(texts):
    """Huffman-code the characters of texts (each ended by symbol 0), every
    text starting on a byte. Returns (blob, byte offset of each text, code
    lengths, symbols in code order)."""
    freq = {}
    for t in texts:
        for ch in t:
            freq[ord(ch)] = freq.get(ord(ch), 0) + 1
        freq[0] = freq.get(0, 0) + 1
    if max(freq) > 0xFFFF:
        ga.die("doc texts hold a character beyond U+FFFF")
    length = huffman_lengths(freq)
    if max(length.values()) > MAXLEN:
        ga.die("Huffman code longer than %d bits" % MAXLEN)
    codes, order = canonical(length)
    blob, starts = bytearray(), []
    for t in texts:
        starts.append(len(blob))
        acc = nbits = 0
        for sym in [ord(ch) for ch in t] + [0]:
            code, n = codes[sym]
            acc, nbits = acc << n | code, nbits + n
        pad = -nbits % 8
        blob += (acc << pad).to_bytes((nbits + pad) // 8, "big")
    if len(blob) > 0xFFFF:
        ga.die("coded doc texts exceed 64 KB; widen D[]")
    return bytes(blob), starts, length, order


def decode(blob, at, length, order):
    """The decoder of as_docs.c, in Python: the generator checks that every
    text comes back exactly."""
    count = [0] * (MAXLEN + 1)
    for sym in order:
        count[length[sym]] += 1
    out, bit = [], at * 8
    while True:
        code = first = index = 0
        for n in range(1, MAXLEN + 1):
            code |= blob[bit >> 3] >> (7 - (bit & 7)) & 1
            bit += 1
            if code < first + count[n]:
                break
            index += count[n]
            first = (first + count[n]) << 1
            code <<= 1
        sym = order[index + code - first]
        if sym == 0:
            return "".join(out)
        out.append(chr(sym))


def emit(api, api_sha, doc, doc_sha, out_path):
    objs = api["objects"]
    dactions, dstructs = doc
    names = sorted(api["actions"])
    snames = ga.reachable(api)
    for n in names:
        if n not in dactions:
            ga.die("action %s missing from the doc" % n)
    texts, index = [""], {"": 0}  # text 0: none

    def add(t):
        if t not in index:
            index[t] = len(texts)
            texts.append(t)
        return index[t]

    flat, notes, starts, empty = [], [], [], []
    owners = [(n + "Request", dactions[n][3]) for n in names]
    owners += [(sn, dstructs.get(sn, {})) for sn in snames]
    for owner, owner_notes in owners:
        starts.append(len(flat))
        for m in ga.members_of(objs, owner):
            t = first_sentence(m.get("document"))
            if not t:
                empty.append("%s.%s" % (owner, m["name"]))
            flat.append(add(t))
            notes.append(add(owner_notes.get(m["name"]) or ""))
    starts.append(len(flat))
    purposes = [add(dactions[n][1]) for n in names]
    groups = []
    for n in names:
        if dactions[n][0] not in groups:
            groups.append(dactions[n][0])
    if len(groups) > 255:
        ga.die("more than 255 groups")
    blob, at, length, order = encode(texts)
    for i, t in enumerate(texts):
        if decode(blob, at[i], length, order) != t:
            ga.die("Huffman round trip failed for %r" % t)
    for i in flat:
        if len(texts[i].encode("utf-8")) > DOC_MAX:
            ga.die("doc text longer than DOC_MAX: %r" % texts[i])
    note_max = max(len(texts[i].encode("utf-8")) for i in notes + purposes)
    plain = sum(len(t.encode("utf-8")) + 1 for t in texts)
    count = [0] * (MAXLEN + 1)
    for sym in order:
        count[length[sym]] += 1

    o = []
    w = o.append
    w("/*\n * as_docs.c - help texts of the Auto Scaling actions, for tcas help:"
      "\n * what each action does and its group, and for each request "
      "parameter the\n * spec's first sentence (Chinese, as the service "
      "publishes it) and its known\n * values. CLI only: not in libtcas.a.\n"
      " *\n * GENERATED by src/gen/gen_docs.py; do not edit. Regenerate with "
      "`make gen`.\n * Inputs (SHA-256):\n *   api.json                 %s\n"
      " *   autoscaling-actions.md   %s\n"
      " * %d actions, %d structures, %d members, %d distinct texts (%d bytes "
      "of UTF-8,\n * %d Huffman-coded), %d members without text.\n */\n" % (
          api_sha, doc_sha, len(names), len(snames), len(flat), len(texts),
          plain, len(blob), len(empty)))
    for e in empty:
        w(" /* no document in the spec: %s */\n" % e)
    w('#include <stddef.h>\n#include <stdint.h>\n\n#include "cli.h"\n\n')
    w("#define DOC_MAX %d /* bytes of a parameter description */\n"
      "#define NOTE_MAX %d /* bytes of a note or an action's purpose */\n"
      "#define MAXLEN %d /* bits of the longest code */\n\n" % (
          DOC_MAX, note_max, MAXLEN))
    w("/* The texts' characters are coded with one canonical Huffman code\n"
      " * (DEFLATE's convention: COUNT[n] codes of n bits, the symbols in\n"
      " * code order in SYM[], code point 0 ending a text). Each text starts\n"
      " * on a byte of BITS[], read most significant bit first. */\n")
    w("static const uint16_t COUNT[MAXLEN + 1] = {\n")
    w("\t%s\n};\n\n" % ", ".join(str(c) for c in count))
    w("static const uint16_t SYM[%d] = {\n" % len(order))
    for i in range(0, len(order), 10):
        w("\t%s,\n" % ", ".join("0x%04x" % c for c in order[i:i + 10]))
    w("};\n\n")
    w("static const uint8_t BITS[%d] = {\n" % len(blob))
    for i in range(0, len(blob), 16):
        w("\t%s,\n" % ",".join("%d" % b for b in blob[i:i + 16]))
    w("};\n\n")

    def table(name, values, comment):
        w("/* %s */\n" % comment)
        w("static const uint16_t %s[%d] = {\n" % (name, max(len(values), 1)))
        for i in range(0, len(values), 10):
            w("\t%s,\n" % ", ".join(str(x) for x in values[i:i + 10]))
        w("};\n\n")

    table("D", [at[x] for x in flat], "Offset in BITS[] of the description "
          "of each member: the actions' requests'\n * (%d), then the "
          "structures' (%d), in table order." % (len(names), len(snames)))
    table("NOTE", [at[x] for x in notes], "The same for each member's note "
          "(known values, filter names; \"\" if none).")
    table("START", starts, "First entry in D[] and NOTE[] of each owner; one "
          "extra entry ends the last.")
    table("PURPOSE", [at[x] for x in purposes], "Offset in BITS[] of each "
          "action's one-line purpose.")
    w("static const char *const GROUPS[%d] = {\n" % len(groups))
    for g in groups:
        w("\t%s,\n" % ga.c_str(g))
    w("};\n\n/* Each action's index into GROUPS[]. */\n")
    w("static const uint8_t GROUP[%d] = {\n" % len(names))
    gi = [groups.index(dactions[n][0]) for n in names]
    for i in range(0, len(gi), 20):
        w("\t%s,\n" % ", ".join(str(x) for x in gi[i:i + 20]))
    w("};\n\n")
    w("#define N_ACTIONS %d\n#define N_STRUCTS %d\n\n" % (len(names), len(snames)))
    w(DECODER)
    with open(out_path, "w", encoding="ascii", newline="\n") as f:
        f.write("".join(o))


DECODER = r"""/* The next symbol at bit *bit of BITS[]. */
static unsigned symbol(unsigned *bit)
{
	unsigned code = 0, first = 0, index = 0, n;

	for (n = 1; n <= MAXLEN; n++) {
		code |= (unsigned)(BITS[*bit >> 3] >> (7 - (*bit & 7))) & 1u;
		(*bit)++;
		if (code < first + COUNT[n])
			return SYM[index + code - first];
		index += COUNT[n];
		first = (first + COUNT[n]) << 1;
		code <<= 1;
	}
	return 0; /* not reached: the generator checks every text */
}

/* The text at BITS[at] as UTF-8 into buf[0..cap) (cap - 1 bytes at most:
 * the generator checks that every text fits its buffer). */
static const char *text(unsigned at, char *buf, size_t cap)
{
	unsigned bit = at * 8, c;
	size_t n = 0, k;

	while ((c = symbol(&bit)) != 0) {
		k = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		if (n + k >= cap)
			break; /* not reached */
		if (k == 1) {
			buf[n] = (char)c;
		} else if (k == 2) {
			buf[n] = (char)(0xC0 | c >> 6);
			buf[n + 1] = (char)(0x80 | (c & 0x3F));
		} else {
			buf[n] = (char)(0xE0 | c >> 12);
			buf[n + 1] = (char)(0x80 | (c >> 6 & 0x3F));
			buf[n + 2] = (char)(0x80 | (c & 0x3F));
		}
		n += k;
	}
	buf[n] = '\0';
	return buf;
}

/* Member `member` of owner `owner` (actions, then structures) from table
 * t (D or NOTE), decoded into buf. */
static const char *lookup(const uint16_t *t, size_t owner, size_t member,
                          char *buf, size_t cap)
{
	if (member >= (size_t)(START[owner + 1] - START[owner]))
		return NULL;
	return text(t[START[owner] + member], buf, cap);
}

static char doc_buf[DOC_MAX + 1], note_buf[NOTE_MAX + 1];

const char *tcas_cli_action_doc(size_t action, size_t member)
{
	return action < N_ACTIONS
		? lookup(D, action, member, doc_buf, sizeof doc_buf) : NULL;
}

const char *tcas_cli_struct_doc(size_t s, size_t member)
{
	return s < N_STRUCTS
		? lookup(D, N_ACTIONS + s, member, doc_buf, sizeof doc_buf) : NULL;
}

const char *tcas_cli_action_note(size_t action, size_t member)
{
	return action < N_ACTIONS
		? lookup(NOTE, action, member, note_buf, sizeof note_buf) : NULL;
}

const char *tcas_cli_struct_note(size_t s, size_t member)
{
	return s < N_STRUCTS
		? lookup(NOTE, N_ACTIONS + s, member, note_buf, sizeof note_buf)
		: NULL;
}

const char *tcas_cli_action_purpose(size_t action)
{
	static char buf[NOTE_MAX + 1];

	return action < N_ACTIONS
		? text(PURPOSE[action], buf, sizeof buf) : NULL;
}

const char *tcas_cli_action_group(size_t action)
{
	return action < N_ACTIONS ? GROUPS[GROUP[action]] : NULL;
}
"""


def main(argv):
    spec, out, doc_path = ga.parse_args(argv, "gen_docs.py")
    if doc_path is None:
        doc_path = os.path.join(spec, "..", "..", "docs",
                                "autoscaling-actions.md")
    api_raw, api = ga.load(os.path.join(spec, "api.json"))
    with open(doc_path, "rb") as f:
        doc_raw = f.read()
    emit(api, hashlib.sha256(api_raw).hexdigest(), ga.parse_doc(doc_path),
         hashlib.sha256(doc_raw).hexdigest(), out)


if __name__ == "__main__":
    main(sys.argv)
