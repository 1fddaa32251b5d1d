"""The python jmespath library as the oracle: its result or error kind for
an expression over a document, and a strict comparison of JSON values (ints
and floats apart, key order as python keeps it). Used by diff.py (make
check) and fuzz_diff.py (the long differential fuzz run)."""
import json
import math
import warnings

warnings.simplefilter("ignore")  # the legacy `literal` warning
import jmespath  # noqa: E402
from jmespath import exceptions as X  # noqa: E402


def kind(e):
    """JMESPath error kind of a python exception, as tcas names them."""
    if isinstance(e, X.ArityError):
        return "invalid-arity"
    if isinstance(e, (X.LexerError, X.ParseError, X.EmptyExpressionError)):
        return "syntax"
    if isinstance(e, X.UnknownFunctionError):
        return "unknown-function"
    if isinstance(e, X.JMESPathTypeError):
        return "invalid-type"
    if isinstance(e, RecursionError):
        return "too-deep"
    if isinstance(e, TypeError):  # '<' between str and int, 'in <string>'
        return "invalid-type"
    if isinstance(e, (ValueError, OverflowError)):  # slice step 0, floor(inf)
        return "invalid-value"
    return "other:" + type(e).__name__


def search(expr, doc):
    """("ok", value) or ("err", kind); the value as it prints and reads
    back (what a caller of tccli sees)."""
    try:
        r = jmespath.search(expr, doc)
        return ("ok", json.loads(json.dumps(r)))
    except Exception as e:  # noqa: BLE001 - every exception has a kind
        return ("err", kind(e))


def same(a, b):
    """Equal JSON values, with python's int/float distinction and order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def agree(expected, got):
    if expected[0] != got[0]:
        return False
    if expected[0] == "err":
        return expected[1] == got[1]
    return same(expected[1], got[1])
