"""Facts about one member of the Auto Scaling API, read from the spec.

Used by src/gen/gen_docs.py. The English descriptions (docs-en.json) and
the Chinese ones (api.json) are read for facts only: what the member is
(a short noun phrase), its unit, range, default, valid values and what each
means, limits on lists and strings, which member it excludes, which action
gives its value. gen_docs.py writes the help texts from these facts in the
project's own sentences; nothing here is meant to be shown as it was read.

Only the Python standard library is used.
"""

import re

# Words kept as written when a phrase is lower-cased (acronyms, units).
KEEP_CASE = {
    "ID", "IDs", "CVM", "CLB", "CLBs", "VPC", "IP", "IPv4", "IPv6", "UTC",
    "AS", "CAM", "TAT", "CBS", "CPU", "GPU", "LAN", "WAN", "DNS", "URL",
    "AZ", "AZs", "SSD", "HDD", "GB", "MB", "Mbps", "CMQ", "TDMQ", "ISO8601",
    "EIP", "BGP", "SPOT", "JSON", "HTTP", "HTTPS", "TCP", "UDP", "CDC",
    "SSH", "OS", "ENI", "RAM", "NAT", "CCN", "CIDR", "QPS", "UUID", "NTP",
}
# Member-name parts as they read in a phrase.
NAME_WORDS = {
    "Id": "ID", "Ids": "IDs", "Cvm": "CVM", "Clb": "CLB", "Vpc": "VPC",
    "Ip": "IP", "Ipv6": "IPv6", "IPv6": "IPv6", "IPv4": "IPv4", "Cam": "CAM",
    "Tat": "TAT", "Lb": "load balancer", "Az": "AZ", "Qps": "QPS",
    "Cpu": "CPU", "Gpu": "GPU", "Url": "URL", "Dns": "DNS", "Os": "OS",
    "Cbs": "CBS", "Eip": "EIP", "Cmq": "CMQ", "Uuid": "UUID",
}
UNITS = [
    (r"\bin seconds\b|\bunit:?\s*(?:is:?\s*)?seconds?\b|\(seconds?\)"
     r"|\bunit:\s*s\b|\bseconds\)", "seconds"),
    (r"\bin minutes\b|\bunit:?\s*minutes?\b", "minutes"),
    (r"\bin hours\b|\bunit:?\s*hours?\b", "hours"),
    (r"\bunit:?\s*(?:is:?\s*)?GB\b|\bin GB\b|\(GB\)|\bGiB\b", "GB"),
    (r"\bunit:?\s*(?:is:?\s*)?Mbps\b|\bin Mbps\b|\(Mbps\)", "Mbps"),
    (r"\bMB/s\b", "MB/s"),
    (r"\bunit:?\s*(?:is:?\s*)?%|\bpercentage\b", "percent"),
    (r"\bunit:?\s*(?:is:?\s*)?months?\b|\bin months\b", "months"),
]
ZH_UNITS = [("\u5355\u4f4d\uff1a?\u79d2|\u5355\u4f4d\u4e3a\u79d2|\uff08\u79d2\uff09", "seconds"),
            ("\u5355\u4f4d\uff1a?\u5206\u949f|\u5355\u4f4d\u4e3a\u5206\u949f", "minutes"),
            ("\u5355\u4f4d\uff1a?GB|\u5355\u4f4d\u4e3aGB", "GB"),
            ("\u5355\u4f4d\uff1a?Mbps|\u5355\u4f4d\u4e3aMbps", "Mbps")]
TOKEN = r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z][A-Z0-9]{1,}"


def has_cjk(s):
    return any(0x2E80 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF or
               0xFF00 <= ord(c) <= 0xFFEF or 0x3000 <= ord(c) <= 0x303F
               for c in s)


def words(s):
    """The words of s as the copy check compares them: lower-case runs of
    letters and digits, joined by inner hyphens, underscores, colons or
    apostrophes (pay-as-you-go, tag:tag-key and instance's are one word
    each). test/e2e/help_copy.py splits the same way."""
    return re.findall(r"[a-z0-9]+(?:[-_:'][a-z0-9]+)*", s.lower())


# ------------------------------------------------------------- clean text --
def clean(doc):
    """docs-en.json text -> (lines, references): HTML list items become
    lines starting with '- ', links lose their URL (kept apart as
    (text, url) references)."""
    s = (doc or "").replace("\r", "")
    s = re.sub(r"<\s*li\s*>", "\n- ", s, flags=re.I)
    s = re.sub(r"<\s*/?\s*(p|br|ul|ol|/li)\s*/?\s*>", "\n", s, flags=re.I)
    refs = []

    def anchor(m):
        refs.append((m.group(2).strip(), m.group(1)))
        return m.group(2)

    s = re.sub(r'<a\s+href="([^"]*)"[^>]*>([^<]*)</a>', anchor, s, flags=re.I)
    s = re.sub(r"<[^>]{0,40}>", "", s)

    def link(m):
        refs.append((m.group(1), m.group(2)))
        return m.group(1)

    s = re.sub(r"([A-Za-z][A-Za-z0-9 ._-]{0,60}?) \((https?://[^)\s]*)\)",
               link, s)
    lines = [" ".join(x.split()) for x in s.split("\n")]
    return [x for x in lines if x and x != "-"], refs


def first_sentence(line):
    """Up to the first '. ' (or the end), without the full stop."""
    m = re.search(r"(?<![0-9A-Z])[.;](?:\s|$)|:\s*$", line)
    s = line[:m.start()] if m else line
    return s.strip().rstrip(".:;,")


# ---------------------------------------------------------------- subject --
def name_phrase(name):
    """A noun phrase from a member name: AutoScalingGroupId -> 'auto
    scaling group ID'."""
    parts = re.findall(r"IPv[46]|[A-Z]+(?=[A-Z][a-z]|[0-9]|$)|[A-Z][a-z0-9]*"
                       r"|[a-z]+|[0-9]+", name)
    out = []
    for p in parts:
        if p in NAME_WORDS:
            out.append(NAME_WORDS[p])
        elif p.isupper() and len(p) > 1:
            out.append(p)
        else:
            out.append(p.lower())
    return " ".join(out)


LEADS = (r"^(?:(?:specifies|specify|indicates|describes|queries by|query by)"
         r"(?:\s+one or more)?|the|a|an|this is the|it is the)\s+")
CUTS = [r",\s", r"\s+which\b", r"\s+(?:in|with) (?:UTC|standard|a|the) "
        r"(?:standard )?(?:time|format|maximum|value|length|limit)",
        r"\s+that\s", r"\s*\(", r"\s+(?:in|with)\s+the format\b",
        r"\.\s", r";", r"\s+(?:is|are|can|must|will|should)\s"]


def lower_first(s):
    w = s.split(" ", 1)
    if w[0] in KEEP_CASE or (len(w[0]) > 1 and w[0][1:2].isupper()):
        return s
    return s[:1].lower() + s[1:]


def subject_of(line, max_words=6):
    """A short noun phrase for the member from its first description line,
    or None when the line does not start with one."""
    s = first_sentence(line)
    s = s.replace("`", "")
    for _ in range(2):
        s = re.sub(LEADS, "", s, flags=re.I)
    for c in CUTS:
        m = re.search(c, s)
        if m and m.start() > 0:
            s = s[:m.start()]
    s = s.strip(" ,.:;")
    if not s or has_cjk(s) or len(s.split()) > max_words:
        return None
    if re.search(r"\b(?:is|are|be|will|can|must|should|used|refers|this|"
                 r"that|these|after|when|if|one of|parameters?)\b", s, re.I):
        return None
    if re.search(r"\b(?:to|of|for|in|on|by|with|and|or|the|a|an)$", s, re.I):
        return None
    if re.match(r"(?:maximum|minimum) length\b", s, re.I):
        return None
    return lower_first(s)


# ----------------------------------------------------------------- values --
VALUE_LINE = re.compile(r"^(?:-\s*)?`?([A-Za-z0-9_.:-]+?)`?\s*[:\uff1a]\s*(.*)$")
ZH_VALUE = re.compile(r"<li>\s*`?([A-Za-z0-9_.-]+)`?\s*[\uff1a:]")
INLINE_SETS = [
    r"valid values(?: include| are| is)?:?\s*((?:`?(?:%s)`?(?:,\s*|,?\s+and\s+|"
    r"\s+or\s+)){1,30}`?(?:%s)`?)" % (TOKEN, TOKEN),
    r"value range:?\s*((?:`?(?:%s)`?,\s*){1,30}`?(?:%s)`?)" % (TOKEN, TOKEN),
    r"values including\s+((?:`?(?:%s)`?(?:,\s*|,?\s+and\s+)){1,30}`?(?:%s)`?)"
    % (TOKEN, TOKEN),
]


def value_list(lines):
    """[(value, meaning)] from the '- VALUE: meaning' lines of a
    description, in order; meanings as written."""
    out = []
    for ln in lines:
        m = VALUE_LINE.match(ln)
        if not m:
            continue
        v = m.group(1)
        if re.fullmatch(TOKEN, v) or re.fullmatch(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+", v):
            out.append((v, m.group(2).strip()))
    return out


def inline_values(text):
    vals = []
    for pat in INLINE_SETS:
        for m in re.finditer(pat, text, re.I):
            for v in re.findall(TOKEN, m.group(1)):
                if v not in vals:
                    vals.append(v)
    return vals


def zh_values(doc):
    return [v for v in ZH_VALUE.findall(doc or "")]


# ----------------------------------------------------------------- numbers --
NUM = r"-?\d+(?:\.\d+)?"


def range_of(text):
    pats = [r"(?:value )?ranges?(?: is| from|:|\s)*\s*[\[(]\s*(%s)\s*[,\uff0c~]\s*(%s)\s*[\])]"
            % (NUM, NUM),
            r"in the range of\s*\[\s*(%s)\s*,\s*(%s)\s*\]" % (NUM, NUM),
            r"value range:?\s*(%s)\s*(?:-|to|~)\s*(%s)\b" % (NUM, NUM),
            r"(?:value )?ranges from (%s) to (%s)\b" % (NUM, NUM),
            r"between (%s) and (%s)\b" % (NUM, NUM),
            r"\u53d6\u503c\u8303\u56f4[\uff1a:]?\s*[\[\uff3b(]\s*(%s)\s*[,\uff0c~]\s*(%s)\s*[\]\uff3d)]" % (NUM, NUM)]
    for p in pats:
        m = re.search(p, text, re.I)
        if m:
            return m.group(1), m.group(2)
    lo = hi = None
    m = re.search(r"(?:maximum value|max(?:imum)? is|no (?:more|greater) than|"
                  r"cannot exceed|up to a maximum of)[:\s`]*(%s)\b" % NUM, text, re.I)
    if m:
        hi = m.group(1)
    m = re.search(r"(?:minimum value|min(?:imum)? is|no less than|at least)"
                  r"[:\s`]*(%s)\b" % NUM, text, re.I)
    if m:
        lo = m.group(1)
    if lo or hi:
        return lo, hi
    return None


DEFAULT_PATS = [
    r"default(?: value)?(?: is| being| of)?\s*[:=]?\s*`?([A-Za-z0-9_.-]+)`?",
    r"defaults? to\s+`?([A-Za-z0-9_.-]+)`?",
    r"\u9ed8\u8ba4(?:\u503c)?(?:\u4e3a|\u662f|\uff1a|:)?\s*`?([A-Za-z0-9_.-]+)`?",
]
NOT_DEFAULTS = {"the", "a", "an", "value", "values", "is", "in", "current",
                "used", "will", "be", "setting", "settings", "this", "when",
                "if", "no", "none", "same", "empty", "cooldown", "project",
                "delimiter", "to", "equals", "of", "period", "for"}


def default_of(text):
    for p in DEFAULT_PATS:
        for m in re.finditer(p, text, re.I):
            v = m.group(1).rstrip(".")
            if v.lower() in NOT_DEFAULTS or not v:
                continue
            return v
    return None


def limits_of(text):
    """(max items of a list, max length of a string and its unit)."""
    items = None
    for p in [r"maximum (?:quantity|number)(?: of [a-z ]+)? per request is (\d+)",
              r"upper limit per request is (\d+)",
              r"(?:up to|at most|a maximum of|maximum of) (\d+) (?:[a-z]+ ){0,2}"
              r"(?:can be|are|is)? ?(?:specified|supported|allowed|bound)",
              r"supports up to (\d+)", r"bind (?:a maximum of |up to )(\d+)",
              r"maximum length (?:is )?(?:currently )?(?:of )?(\d+)(?![ ]?(?:bytes|char))",
              r"current maximum length of (\d+)",
              r"up to (\d+) [a-z]+ (?:per|in each|for each|can)"]:
        m = re.search(p, text, re.I)
        if m:
            items = int(m.group(1))
            break
    length = None
    m = re.search(r"(?:maximum length of|max(?:imum)? length:?|up to|at most|"
                  r"no more than|cannot exceed|maximum of|length of)\s*(\d+)\s*"
                  r"(bytes|characters|chars)", text, re.I)
    if m:
        length = (int(m.group(1)), "bytes" if m.group(2).startswith("b") else
                  "characters")
    return items, length


def unit_of(text, zh):
    for p, u in UNITS:
        if re.search(p, text, re.I):
            return u
    for p, u in ZH_UNITS:
        if re.search(p, zh or ""):
            return u
    return None


# -------------------------------------------------------------- relations --
def excludes(text, siblings, me):
    """Sibling members the text says cannot be given with this one."""
    out = []
    for sent in re.split(r"(?<=[.;])\s+", text):
        if not re.search(r"(?:cannot|can ?not|can't|not support|not be|only one"
                         r" of|either)\b.{0,60}\b(?:at the same time|"
                         r"simultaneously|together|both|mutually exclusive"
                         r"|specified)|mutually exclusive|either \S+ or \S+ "
                         r"can be", sent, re.I):
            continue
        for s in siblings:
            if s != me and s not in out and re.search(
                    r"\b%s\b" % re.escape(s), sent):
                out.append(s)
    return out


def order_rule(text):
    """'MaxSize >= DesiredCapacity >= MinSize' -> the three names, low to
    high."""
    m = re.search(r"\b([A-Z][A-Za-z]+)\s*>=\s*([A-Z][A-Za-z]+)\s*>=\s*"
                  r"([A-Z][A-Za-z]+)\b", text)
    return (m.group(3), m.group(2), m.group(1)) if m else None


def sources(refs, text, actions):
    """Auto Scaling actions whose answers give this value ('... by calling
    DescribeAutoScalingGroups ...'), and other services' actions with the
    product number of their document link."""
    own, other = [], []
    for t, url in refs:
        t = t.strip()
        m = re.search(r"/document/(?:api|product)/(\d+)/", url)
        if t in actions:
            if t not in own:
                own.append(t)
        elif m and re.fullmatch(r"(?:Describe|Get|Query|List)[A-Za-z]+", t):
            if (t, m.group(1)) not in other:
                other.append((t, m.group(1)))
    for t in re.findall(r"\b((?:Describe)[A-Za-z]+)\b", text):
        if t in actions and t not in own and re.search(
                r"(?:obtain|get|call|queried|retriev)", text, re.I):
            own.append(t)
    return own, other


def time_zone(text):
    if re.search(r"UTC\+8|Beijing time|\+08:00", text, re.I):
        return "UTC+8"
    if re.search(r"\bUTC\b", text):
        return "UTC"
    return None
