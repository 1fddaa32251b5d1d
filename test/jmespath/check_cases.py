#!/usr/bin/python3
"""The expectations of the JMESPath unit tests, checked against the python
jmespath library: every {expr, doc, want} case of test_jmespath*.c must be
what python answers (the value and its compact text, or the error kind and,
for syntax errors, the offset python reports), except the documented
differences listed in KNOWN. Run by test/e2e/jmespath.sh.

    /usr/bin/python3 test/jmespath/check_cases.py test/unit/test_jmespath*.c
"""
import json
import re
import sys

import jmespath

import oracle

# the documented differences (README, Reliability), as the tests pin them
KNOWN = {"to_string(&a)", "sum(@)\t[100000000000000000000,1]"}

LIT = r'"(?:[^"\\]|\\.)*"'


def cstr(tok):
    """Bytes of adjacent C string literals."""
    return b"".join(eval('b"' + p + '"') for p in
                    re.findall(r'"((?:[^"\\]|\\.)*)"', tok))


def cases(src):
    """(test, expr, doc, want) of every case table."""
    for name, body in re.findall(
            r"static void (test_\w+)\(void \*\*state\)\n\{(.*?)\n\}", src,
            re.S):
        names = {m.group(1): cstr(m.group(2)) for m in re.finditer(
            r"static const char \*(\w+)\s*=\s*((?:\s*%s)+);" % LIT, body)}
        table = re.search(r"const struct tc c\[\] = \{(.*?)\n\t\};", body,
                          re.S)
        if not table:
            continue
        for e in re.finditer(r"\{((?:\s*(?:%s|NULL|\w+)\s*,?)+)\}" % LIT,
                             table.group(1)):
            items = re.findall(r"((?:\s*%s)+|NULL|\b[a-z]\w*\b)" % LIT,
                               e.group(1))
            vals = []
            for x in (i.strip() for i in items):
                vals.append(None if x == "NULL" else names[x] if x in names
                            else cstr(x))
            if len(vals) == 3 and vals[2] is not None:
                yield name, vals[0], vals[1] or b"{}", vals[2]


def syntax_offset(expr):
    try:
        jmespath.compile(expr)
    except jmespath.exceptions.LexerError as e:
        return e.lexer_position
    except jmespath.exceptions.ParseError as e:
        return e.lex_position
    except jmespath.exceptions.EmptyExpressionError:
        return 0
    return None


def check(name, expr, doc, want):
    """None, or what is wrong."""
    try:
        e = expr.decode("utf-8")
    except UnicodeDecodeError:
        return None  # not UTF-8: python never sees such an expression
    d = json.loads(doc.decode("utf-8"))
    w = want.decode("utf-8")
    got = oracle.search(e, d)
    if w.startswith("!"):
        kind, _, pos = w[1:].partition("@")
        if got != ("err", kind):
            return "python: %r" % (got,)
        if pos and str(syntax_offset(e)) != pos:
            return "python's offset: %s" % syntax_offset(e)
        return None
    if got[0] != "ok" or not oracle.same(got[1], json.loads(w)):
        return "python: %r" % (got,)
    text = json.dumps(got[1], separators=(",", ":"))
    if text != w and "NaN" not in w and "Infinity" not in w:
        return "python prints %s" % text
    return None


def main():
    n = bad = 0
    for path in sys.argv[1:]:
        for name, expr, doc, want in cases(open(path, encoding="latin-1")
                                           .read()):
            key = expr.decode("latin-1")
            if key in KNOWN or key + "\t" + doc.decode("latin-1") in KNOWN:
                continue
            n += 1
            why = check(name, expr, doc, want)
            if why:
                bad += 1
                print("%s: %r over %s: want %s, %s" % (
                    name, expr, doc[:80], want.decode("latin-1"), why))
    print("unit test cases checked against python jmespath: %d, %d wrong"
          % (n, bad))
    return 1 if bad or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
