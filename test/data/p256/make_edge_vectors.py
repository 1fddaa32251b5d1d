#!/usr/bin/env python3
# test/data/p256/make_edge_vectors.py - how edge_vectors.txt was made (once;
# fixed seed, so a new run writes the same file). P-256 signatures for the
# rare paths of a verifier that random signatures never take, made with a
# key chosen for them: for a point R and a scalar a, the key Q = R - aG
# signs hash e = a r with (r, s) = (x(R) mod n, r): then u1 = a, u2 = 1
# and u1 G + u2 Q = R. Plain affine arithmetic, checked by
# verifying every vector here before it is written.
# Line format (as openssl_vectors.txt): curve hash point digest sig expect
#   python3 test/data/p256/make_edge_vectors.py > test/data/p256/edge_vectors.txt
import random

p = 2**256 - 2**224 + 2**192 + 2**96 - 1
n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
b = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
     0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)


def add(P, Q):
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0]:
        if (P[1] + Q[1]) % p == 0:
            return None
        lam = (3 * P[0] * P[0] - 3) * pow(2 * P[1], -1, p) % p
    else:
        lam = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (lam * lam - P[0] - Q[0]) % p
    return (x, (lam * (P[0] - x) - P[1]) % p)


def mul(k, P):
    R = None
    for bit in bin(k)[2:]:
        R = add(R, R)
        if bit == '1':
            R = add(R, P)
    return R


def neg(P):
    return (P[0], (-P[1]) % p)


def point_at(x):
    """A point with this x, or None."""
    rhs = (x * x * x - 3 * x + b) % p
    y = pow(rhs, (p + 1) // 4, p)
    return (x, y) if y * y % p == rhs else None


def der_int(v):
    bs = v.to_bytes(32, 'big').lstrip(b'\0') or b'\0'
    if bs[0] & 0x80:
        bs = b'\0' + bs
    return b'\x02' + bytes([len(bs)]) + bs


def der(r, s):
    body = der_int(r) + der_int(s)
    return b'\x30' + bytes([len(body)]) + body


def verify(Q, e, r, s):
    if not (0 < r < n and 0 < s < n) or e % n == 0:
        return 0
    w = pow(s, -1, n)
    R = add(mul(e * w % n, G), mul(r * w % n, Q))
    return int(R is not None and R[0] % n == r)


def emit(note, Qenc, digest, sig, expect):
    print('# ' + note)
    print('prime256v1 raw %s %s %s %d' % (Qenc.hex(), digest.hex(), sig.hex(),
                                          expect))


def enc(Q, xoff=0):
    return b'\x04' + (Q[0] + xoff).to_bytes(32, 'big') + Q[1].to_bytes(32, 'big')


def forge(R, a):
    """Key, hash and (r, s) with u1 = a, u2 = 1: u1 G + u2 Q = R."""
    Q = add(R, neg(mul(a, G)))
    r = R[0] % n
    e = a * r % n
    return Q, e, r, r


rnd = random.Random(256)
print('# made by test/data/p256/make_edge_vectors.py (python3, fixed seed)')

# x(R) in [n, p): x mod n is x - n, the verifier's second comparison
x = n
while point_at(x) is None:
    x += 1
Q, e, r, s = forge(point_at(x), rnd.randrange(1, n))
assert verify(Q, e, r, s) == 1
emit('x(R) >= n: r = x(R) - n', enc(Q), e.to_bytes(32, 'big'), der(r, s), 1)
emit('the same with r = x(R) (not reduced): r >= n', enc(Q),
     e.to_bytes(32, 'big'), der(x, s), 0)

# a key whose x is below 2^256 - p, valid, then encoded as x + p
x = 1
while point_at(x) is None:
    x += 1
a = rnd.randrange(1, n)
Q = point_at(x)
# here the key is fixed: sign for it with R = aG + Q (u1 = a, u2 = 1)
R = add(mul(a, G), Q)
r = R[0] % n
e = a * r % n
assert verify(Q, e, r, r) == 1
emit('key with a small x (valid)', enc(Q), e.to_bytes(32, 'big'), der(r, r), 1)
emit('the same key with X = x + p (not reduced): refused', enc(Q, p),
     e.to_bytes(32, 'big'), der(r, r), 0)

# u1 G == u2 Q: the last addition is a doubling
d = rnd.randrange(1, n)
Q = mul(d, G)
u2 = rnd.randrange(1, n)
u1 = u2 * d % n
R = mul(2 * u1 % n, G)
r = R[0] % n
s = r * pow(u2, -1, n) % n
e = u1 * s % n
assert verify(Q, e, r, s) == 1
emit('u1 G == u2 Q (doubling)', enc(Q), e.to_bytes(32, 'big'), der(r, s), 1)

# u1 G == -u2 Q: the sum is the point at infinity, refused
s = rnd.randrange(1, n)
r = rnd.randrange(1, n)
u2 = r * pow(s, -1, n) % n
u1 = (-u2 * d) % n
e = u1 * s % n
emit('u1 G == -u2 Q (infinity)', enc(Q), e.to_bytes(32, 'big'), der(r, s), 0)

# a hash above n: one subtraction of n
Q, e, r, s = forge(mul(rnd.randrange(1, n), G), 5)
assert verify(Q, e, r, s) == 1
h = e + n if e + n < 2**256 else e
emit('hash >= n (reduced once)', enc(Q), h.to_bytes(32, 'big'), der(r, s), 1)
