"""One canonical Huffman code over the characters of many texts, for the
help texts of src/gen/gen_docs.py (decoder: src/cli/as_docs.c).

Each text ends with symbol 0 and starts on a byte. The code is DEFLATE's
canonical form: COUNT[n] codes of n bits, the symbols in code order in
SYM[]; shorter codes first, equal lengths by symbol value. Only the Python
standard library is used.
"""

import heapq

MAXLEN = 16  # longest code the decoder reads


def lengths(freq):
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
    code order."""
    order = sorted(length, key=lambda sym: (length[sym], sym))
    codes, code, prev = {}, 0, length[order[0]]
    for sym in order:
        code <<= length[sym] - prev
        prev = length[sym]
        codes[sym] = (code, length[sym])
        code += 1
    return codes, order


def encode(texts):
    """-> (blob, byte offset of each text, COUNT[0..MAXLEN], SYM order).
    Raises ValueError when a code would be longer than MAXLEN bits."""
    freq = {}
    for t in texts:
        for ch in t:
            freq[ord(ch)] = freq.get(ord(ch), 0) + 1
        freq[0] = freq.get(0, 0) + 1
    length = lengths(freq)
    if max(length.values()) > MAXLEN:
        raise ValueError("Huffman code longer than %d bits" % MAXLEN)
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
    count = [0] * (MAXLEN + 1)
    for sym in order:
        count[length[sym]] += 1
    return bytes(blob), starts, count, order


def decode(blob, at, count, order):
    """The decoder of src/cli/as_docs.c, in Python: the generator checks
    that every text comes back exactly."""
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
