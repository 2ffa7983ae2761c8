"""SL7xx: guides against each other.

The collector ``guide`` takes a small picklable :class:`GuideFacts` from each file (so
files can be linted in worker processes or come from the cache); the corpus rules
declare that they consume it, see the facts of every file of the run and yield
``(path, Finding)`` pairs.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Protocol, Sized

from ..model import ERROR, WARNING, Finding, Related, Span
from ..registry import CORPUS, collector, fact_order, rule
from ._common import entries, norm, numbers

if TYPE_CHECKING:
    from ..document import Document
    from ..options import Options


class GuideFacts(NamedTuple):
    """What corpus rules know of one guide. Flat ints, not Span objects: a corpus of
    100,000 guides keeps 100,000 of these in memory."""

    path: str
    company: str | None
    role: str | None
    role_pos: tuple[int, int, int, int] | None  # (line, column, end_line, end_column) of the role value
    company_display: str | None
    raw: str | None
    raw_pos: tuple[int, int, int, int] | None  # the same for level_mapping.raw
    linted: bool = True  # False for corpus-root files read only for context (not reported)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # from a worker process: the role interned again in this one (pickle made a copy)
        return (_guide_facts, tuple(self))

    @property
    def role_span(self) -> Span:
        """Where the role is (a guide without one has no role facts to report on)."""
        return Span(*self.role_pos) if self.role_pos else Span.point(1)

    @property
    def raw_span(self) -> Span:
        """Where level_mapping.raw is."""
        return Span(*self.raw_pos) if self.raw_pos else Span.point(1)


def _guide_facts(path: str, company: str | None, role: str | None, role_pos: tuple[int, int, int, int] | None,
                 display: str | None, *rest: object) -> GuideFacts:
    return GuideFacts(path, company, _intern(role), role_pos, display, *rest)  # type: ignore[arg-type]


@collector("guide", GuideFacts)
def facts(doc: Document) -> GuideFacts | None:
    """What the corpus rules need from one document."""
    fm = doc.front_matter
    if fm is None or fm.data is None:
        return None
    company, role = doc.value(("company",), str), doc.value(("role",), str)
    raw = doc.value(("level_mapping", "raw"), str)
    role_span = fm.span(("role",)) if role else None
    raw_span = fm.span(("level_mapping", "raw")) if raw else None
    display = doc.value(("company_display",), str)
    # the role interned: a corpus has few roles and keeps the facts of every guide in
    # memory. Companies are not: most have a guide or a few, and the interpreter's table of
    # interned strings costs more per unique name (19 MB at 100,000 guides) than it saves.
    return GuideFacts(doc.path, company, _intern(role), role_span.as_tuple() if role_span else None,
                      display, raw, raw_span.as_tuple() if raw_span else None)


def _intern(text: str | None) -> str | None:
    return sys.intern(text) if text is not None else None


@rule("SL701", "duplicate-guide", ERROR, "Two files have the same company and role.", scope=CORPUS, facts="guide")
def duplicate_guide(guides: Iterable[GuideFacts], opts: Options) -> Iterator[tuple[str, Finding]]:
    """
    ## What it does
    Reports a guide whose (`company`, `role`) pair is already used by another
    file of the corpus, at the `role` line of the later path, naming the
    other file (also as a related location). When only some files are linted
    and the others are read from `corpus-roots` (pre-commit passing the
    changed files), the files read for context count as earlier, so the
    finding lands in the file being committed.

    ## Why is this bad?
    Two guides for one role drift apart, and readers find whichever one
    search returns first.

    ## Example
    FAIL: `seeds/wandb-staff.md` and `seeds/old/wandb-staff.md` both have
    `company: weights-and-biases` and `role: staff-software-engineer`.
    PASS: one file per company and role.

    ## Fix
    None: which guide to keep, or how to tell them apart, is a judgement.
    """
    # pass 1, on hashes: which (company, role) pairs may occur twice (a collision only adds
    # a candidate) — 8 bytes a guide, and a bit set beyond DIRECT_KEYS guides, not a set
    # of every hash; pass 2 keeps the first guide of those alone — not one per guide
    from array import array

    hashes = array("q", (hash((g.company, g.role)) for g in guides if g.company is not None and g.role is not None))
    twice = _contradicted(hashes, range(len(hashes)))  # given two "levels": seen twice
    del hashes
    first: dict[tuple[str, str], GuideFacts] = {}
    for g in guides:  # in fact_order: files read for context first, then by path
        if g.company is None or g.role is None or hash((g.company, g.role)) not in twice:
            continue
        key = (g.company, g.role)
        if key in first:
            other = first[key]
            yield g.path, Finding(
                g.role_span,
                f"duplicate guide: {g.company} / {g.role} is also described in {other.path}",
                (Related(other.path, other.role_span.line, other.role_span.column, "first guide for this company and role"),),
                fingerprint_text=g.role,
            )
        else:
            first[key] = g


class _Item(NamedTuple):
    company: str  # normalised
    level: str  # normalised
    text: str  # as written
    own: bool  # the guide's own role (first item)


def company_index(names: Iterable[str]) -> dict[str, list[str]]:
    """Known company names (normalised) by first word, longest first: one dict lookup per item."""
    index: dict[str, list[str]] = {}
    for name in set(names):
        if name:
            index.setdefault(name.split(" ", 1)[0], []).append(name)
    for names_ in index.values():
        names_.sort(key=len, reverse=True)
    return index


_QUALIFIER = re.compile(r"\([^()]*\)")


def split_mapping(raw: str, company_display: str | None, known: dict[str, list[str]],
                  memo: dict[str, _Item | None] | None = None, shared: dict[_Item, _Item] | None = None) -> list[_Item]:
    """Items of "Internal = Company Level = …": own role first, then (company, level).

    The company of an item is the longest known name it starts with (known:
    the corpus's company_display values and the ``known-companies`` option),
    otherwise its first word. ``memo`` keeps the items of later parts ("Google L5"
    recurs in thousands of guides) for one ``known``; ``shared``: one object for equal
    items of different texts ("Google L5", "google  l5") in the memo.
    """
    parts = _parts(raw)
    items: list[_Item] = []
    for i, part in enumerate(parts):
        if i == 0:
            plain = _QUALIFIER.sub(" ", part) if "(" in part else part  # "Google L6 (Staff)" is Google L6
            own, level = norm(company_display or ""), norm(plain)
            if own and level.startswith(own + " "):
                level = level[len(own):].strip()  # "Databricks Staff SWE" -> "staff swe"
            items.append(_Item(own, level, part, True))
            continue
        if memo is not None and part in memo:
            item = memo[part]
        else:
            item = _other_item(part, known)
            if item is not None and shared is not None:
                item = shared.setdefault(item, item)
            if memo is not None and len(memo) < 1 << 16:
                memo[part] = item
        if item is not None:
            items.append(item)
    return items


# Beyond this many guides, SL702 indexes only the company names an item of a mapping could
# start with (a corpus of a million companies kept every name, ~200 bytes a guide).
ALL_NAMES = 1 << 15


def _known(guides: Iterable[GuideFacts], extra: Iterable[str]) -> dict[str, list[str]]:
    """:func:`company_index` of the corpus's ``company_display`` names and ``extra``.

    A name is looked up only by the first word of a later item (not the guide's own
    role), so in a large corpus a first pass collects the first words of the later parts
    of every mapping, and only names starting with one of them are indexed: the same
    lookups."""
    names = [norm(c) for c in extra]
    if not isinstance(guides, Sized) or len(guides) <= ALL_NAMES:
        return company_index(names + [norm(g.company_display) for g in guides if g.company_display])
    firsts: set[str] = set()
    for g in guides:
        for part in _parts(g.raw or "")[1:]:  # the own role is first
            firsts.add(_plain(part).split(" ", 1)[0])
    for g in guides:
        if g.company_display:
            name = norm(g.company_display)
            if name.split(" ", 1)[0] in firsts:
                names.append(name)
    return company_index(names)


def _parts(raw: str) -> list[str]:
    """The parts of a mapping, trimmed, empty ones left out."""
    return [p for p in (p.strip() for p in raw.split("=")) if p]


def _plain(part: str) -> str:
    """A later part as compared: qualifiers removed, normalised ("Google L6 (Staff)" is "google l6")."""
    return norm(_QUALIFIER.sub(" ", part) if "(" in part else part)


def _other_item(part: str, known: dict[str, list[str]]) -> _Item | None:
    low = _plain(part)
    company = None
    for name in known.get(low.split(" ", 1)[0], ()):  # longest first
        if low == name or low.startswith(name + " "):
            company = name
            break
    if company is None:
        company, _, _ = low.partition(" ")
    level = low[len(company):].strip()
    return _Item(company, level, part, False) if level else None


@rule("SL702", "level-mapping-conflict", WARNING, "Two guides map one external level to different levels of a company.", scope=CORPUS, facts="guide")
def level_mapping_conflict(guides: Iterable[GuideFacts], opts: Options) -> Iterator[tuple[str, Finding]]:
    """
    ## What it does
    Reads every `level_mapping.raw` ("Internal Title = Company Level = …";
    the first item is the guide's own role, each later item a company and its
    level — the company is the longest known company name the item starts
    with, from the corpus's `company_display` values and the
    `known-companies` option, else its first word). When two guides equate
    the same level with different levels of one other company, each
    claim the corpus's majority contradicts gets one finding, naming the
    guides on the other side (and two of them as related locations): when
    one guide of twelve equates `Meta E6` with `Google L7` and eleven with
    `Google L6`, only the one is reported, once. When the levels are tied
    (one guide against one), every party is reported, once each.
    Level names compare with parenthetical qualifiers removed, whitespace
    collapsed and case folded: `Google L6 (Staff)` is `google l6`.

    Different job families of one company may share an external level: when
    the contradiction runs through a guide's own role and the two guides are
    for different roles, it is not reported.

    ## Why is this bad?
    Candidates use level equivalences to compare offers; contradictory ones
    make one of the guides give wrong advice.

    ## Example
    FAIL:
    ```
    a.md: raw: "Analyst = Goldman Sachs VP = JPMorgan VP"
    b.md: raw: "Associate = Goldman Sachs VP = JPMorgan Executive Director"
    ```
    PASS: both say `Goldman Sachs VP = JPMorgan VP`.

    ## Fix
    None: which level mapping is right is a judgement; the majority is a hint, not proof.
    """
    known = _known(guides, opts.known_companies)

    shared: dict[_Item, _Item] = {}  # one object per distinct item
    memo: dict[str, _Item | None] = {}  # later parts, by their text

    def split(g: GuideFacts, keep: bool = False) -> tuple[_Item, ...]:
        items = split_mapping(g.raw or "", g.company_display, known, memo, shared)
        own = items[0] if items and items[0].own else None
        if own is not None and keep:  # shared only when kept (most guides' own item is theirs alone)
            items[0] = shared.setdefault(own, own)
        return tuple(items)

    def pairs(items: tuple[_Item, ...]) -> list[tuple[_Item, _Item]]:
        """Each item with each item of another company (item[0] is its company): the
        claims of a guide, in the order pass 1 hashed them."""
        return [(x, y) for x in items if x[0] for y in items if y[0] and x[0] != y[0]]

    # The guides are read in fact_order (files read for context first, then by path), in
    # up to three passes; what is kept between passes is bounded by the contradictions,
    # not by the corpus (a corpus of 100,000 guides must not keep a claim per guide): 8
    # bytes per key of a guide (its hash) and per claim of a contradicted key (the number
    # of the guide making it, so that pass 3 reads only those guides).
    #
    # Pass 1, on hashes: which (company, level, other company) keys are given two
    # different levels anywhere (:func:`_contradicted`)? A collision of keys only adds
    # candidates; the later passes are exact. The items of the first KEEP_ITEMS guides
    # are kept (shared objects) so the later passes need not split them again; the key
    # and level hashes of every guide (16 bytes a key) are.
    from ..spill import Numbers

    kept: list[tuple[_Item, ...]] = []
    # on a temporary file beyond HASHES_HELD each (a million guides make about six million)
    marks, level_marks, ends = Numbers("q", HASHES_HELD), Numbers("q", HASHES_HELD), Numbers("q", HASHES_HELD)
    add_mark, add_level, add_end = marks.buf.append, level_marks.buf.append, ends.buf.append
    count = 0
    for g in guides:
        if not g.raw:
            continue
        keep = len(kept) < KEEP_ITEMS
        items = split(g, keep)
        if keep:
            kept.append(items)
        claims = pairs(items)
        for x, y in claims:
            add_mark(hash((x[0], x[1], y[0])))
            add_level(hash(y[1]))
        count += len(claims)
        add_end(count)
        if len(marks.buf) >= HASHES_HELD:
            marks.check()
            level_marks.check()
            ends.check()
    candidates = _contradicted(marks, level_marks)
    level_marks.close()
    if not candidates:
        marks.close()
        ends.close()
        return

    def touched(only: set[int] | None = None) -> Iterator[tuple[int, GuideFacts, list[tuple[_Item, _Item]]]]:
        """The guides with a claim of a candidate key (among ``only``, by their number
        among the guides with a mapping), each with its number and those claims' pairs."""
        start, n = 0, 0
        hashes_of, end_of = marks.reader(), iter(ends)
        # while in memory, read by index (a reader's method call a guide cost 9 ms in 10,000)
        held, ends_held = (None if marks.spilled else marks.buf), (None if ends.spilled else ends.buf)
        for g in guides:
            if not g.raw:
                continue
            end = ends_held[n] if ends_held is not None else next(end_of)
            if only is not None and n not in only:
                if held is None:
                    hashes_of.skip(end - start)
                start, n = end, n + 1
                continue
            hashes = held[start:end] if held is not None else hashes_of.take(end - start)
            items = kept[n] if n < len(kept) else None
            start, n = end, n + 1
            if not candidates.isdisjoint(hashes):
                yield n - 1, g, [xy for xy, a in zip(pairs(items if items is not None else split(g)), hashes) if a in candidates]

    # Pass 2, counts: key -> level -> how many guides claim it, by (role, own) with the
    # first three claims of each, and the first claim (the tie-break). A guide that
    # claims two levels of one key is noted (it is on both sides).
    levels_of: dict[tuple[str, str, str], dict[str, _Level]] = {}
    both: dict[tuple[tuple[str, str, str], str], set[str]] = {}
    for n, g, claims in touched():
        mine: dict[tuple[str, str, str], set[str]] = {}
        for x, y in claims:
            key = (x.company, x.level, y.company)
            c = _Claim(g, x, y, x.own or y.own)
            lv = levels_of.setdefault(key, {}).get(y.level)
            if lv is None:
                lv = levels_of[key][y.level] = _Level(c)
            if lv.last is g:
                continue  # one claim a guide
            lv.add(c, n)
            mine.setdefault(key, set()).add(y.level)
        for key, lvs in mine.items():
            if len(lvs) > 1:
                both[(key, g.path)] = lvs
    # the levels of each contradicted key, best supported first, and those in question:
    # every level but a single leader's
    ranking: dict[tuple[str, str, str], tuple[list[str], set[str]]] = {}
    for key, levels in levels_of.items():
        if len(levels) < 2:
            continue
        ranked = sorted(levels, key=lambda lv: (-levels[lv].count, fact_order(levels[lv].first.guide)))
        top = levels[ranked[0]].count
        leaders = [lv for lv in ranked if levels[lv].count == top]
        ranking[key] = (ranked, set(ranked) - ({leaders[0]} if len(leaders) == 1 else set()))
    # Pass 3: the claims of the levels in question, one per guide, in order — reading
    # only the guides that made one (their numbers, noted in pass 2)
    questioned: dict[tuple[str, str, str], dict[str, list[_Claim]]] = {}
    makers = {n for key, (_, in_question) in ranking.items() for lv in in_question for n in levels_of[key][lv].guides}
    for _, g, claims in touched(makers):
        for x, y in claims:
            key = (x.company, x.level, y.company)
            if key not in ranking or y.level not in ranking[key][1]:
                continue
            bucket = questioned.setdefault(key, {}).setdefault(y.level, [])
            if not bucket or bucket[-1].guide is not g:
                bucket.append(_Claim(g, x, y, x.own or y.own))
    # one finding per guide and contradicted pair of items (seen from either side)
    reported: set[tuple[str, frozenset[tuple[str, str]]]] = set()
    for key, (ranked, in_question) in ranking.items():  # keys in the order their first claim was met
        levels = levels_of[key]
        for level in ranked:
            if level not in in_question:
                continue  # the majority's own claims
            for c in questioned[key][level]:
                pair = (c.guide.path, frozenset(((c.x.company, c.x.level), (c.y.company, c.y.level))))
                if pair in reported:
                    continue
                # the other side: the best-supported other level with a claim this one contradicts
                for other in ranked:
                    if other == level:
                        continue
                    count, heads = levels[other].side(c)
                    count -= other in both.get((key, c.guide.path), ())  # a guide is not its own other side
                    if count:
                        break
                else:
                    continue
                reported.add(pair)
                head = [o for o in heads[:3] if o.guide.path != c.guide.path][:2]
                yield c.guide.path, _level_finding(c, head, count)


# SL702 keeps up to this many hashes of each kind in memory (8 bytes each); beyond, on a
# temporary file, read back in order in each pass.
HASHES_HELD = 1 << 18

# Up to this many claims, SL702 keeps the first level of every key in a dict; beyond, only
# of the keys a bit set says may occur twice (a corpus of a million guides has about four
# keys a guide that only that guide uses: those through its own role).
DIRECT_KEYS = 1 << 18


class _Ints(Protocol):
    """Numbers read in order, their count known (an array, a range, :class:`spill.Numbers`)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[int]: ...


def _contradicted(keys: _Ints, levels: _Ints) -> set[int]:
    """The keys given two different levels (``keys[i]`` is given ``levels[i]``; with
    ``range(len(keys))`` for levels, the keys that occur twice).

    A dict of each key's first level costs about 100 bytes a distinct key. Beyond
    DIRECT_KEYS claims, a first pass over the keys marks in a bit set (about 16 bits a
    claim) which bits were hit twice; only keys on such a bit — every key that occurs
    twice, and a few others sharing a bit — reach the dict. A key that occurs once
    cannot be given two levels, so the answer is the same."""
    n = len(keys)
    twice: bytearray | None = None
    mask = 0
    if n > DIRECT_KEYS:
        size = 1 << (16 * n).bit_length()  # bits: a power of two, at least 16 a claim
        mask = size - 1
        once, twice = bytearray(size >> 3), bytearray(size >> 3)
        for a in keys:
            i = a & mask
            byte, bit = i >> 3, 1 << (i & 7)
            if once[byte] & bit:
                twice[byte] |= bit
            else:
                once[byte] |= bit
        del once
    first: dict[int, int] = {}
    found: set[int] = set()
    set_first = first.setdefault
    for a, b in zip(keys, levels):
        if twice is not None:
            i = a & mask
            if not twice[i >> 3] & (1 << (i & 7)):
                continue
        if set_first(a, b) != b:
            found.add(a)
    return found


# The items of this many guides are kept between SL702's passes (~80 bytes a guide, more
# for unique role names); beyond, a mapping is split again in each pass.
KEEP_ITEMS = 20_000


class _Claim(NamedTuple):
    guide: GuideFacts
    x: _Item  # the level the claim starts from
    y: _Item  # the level of the other company it equates x with
    own: bool  # through the guide's own role


class _Level:
    """The claims of one level of a key, counted: by (role, own), how many and the first
    three (enough for the first two of any side once a guide is left out)."""

    __slots__ = ("first", "last", "count", "groups", "guides")

    def __init__(self, first: _Claim) -> None:
        from array import array

        self.first = first
        self.last: GuideFacts | None = None
        self.count = 0
        self.groups: dict[tuple[str | None, bool], tuple[list[int], list[_Claim]]] = {}
        self.guides = array("q")  # the numbers of the guides that claim it (8 bytes a claim)

    def add(self, c: _Claim, number: int) -> None:
        self.last = c.guide
        self.guides.append(number)
        self.count += 1
        n, heads = self.groups.setdefault((c.guide.role, c.own), ([0], []))
        n[0] += 1
        if len(heads) < 3:
            heads.append(c)

    def side(self, c: _Claim) -> tuple[int, list[_Claim]]:
        """How many of this level's claims ``c`` contradicts (its own guide's included),
        and the first three of them in order. Two claims of different levels contradict
        when both guides have the same role, or neither runs through a guide's own role
        (job families may share an external level)."""
        count, heads = 0, []
        for (role, own), (n, first) in self.groups.items():
            if role == c.guide.role or not (c.own or own):
                count += n[0]
                heads.extend(first)
        heads.sort(key=lambda o: fact_order(o.guide))
        return count, heads


def _level_finding(c: _Claim, head: list[_Claim], count: int) -> Finding:
    """One finding for a contradicted claim, naming the other side (``count`` guides, the
    first two in ``head``) and two of its guides."""
    first = head[0]
    who = first.guide.path if count == 1 else (
        f"{first.guide.path} and {count - 1} other guide{'s' if count > 2 else ''}")
    verb = "equates" if count == 1 else "equate"
    related = tuple(Related(o.guide.path, o.guide.raw_span.line, o.guide.raw_span.column, "the conflicting level mapping")
                    for o in head)
    return Finding(c.guide.raw_span, f"level mapping equates '{c.x.text}' with '{c.y.text}', but {who} {verb} it with '{first.y.text}'",
                   related, fingerprint_text=c.guide.raw)


# --------------------------------------------------------------------------- SL703

_INF = float("inf")
MONEY_FIELDS = ("base_low", "base_high", "stock_low", "stock_high", "total_comp_low", "total_comp_high")
_SEP = "\x1f"


class CompFacts(NamedTuple):
    """One guide's compensation entries, packed: a corpus of 100,000 guides keeps these.

    ``entries`` holds one line per entry: region, currency, the six values of
    MONEY_FIELDS (``-`` when absent, invalid or not positive) and their positions
    (``line:column:end_column``), separated by U+001F — about 100 bytes an entry instead
    of the ~500 a tuple of tuples costs (read through :func:`_values`)."""

    path: str
    role: str
    entries: str
    linted: bool = True

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (_comp_facts, tuple(self))  # the role interned again in the receiving process


def _comp_facts(path: str, role: str, entries: str, linted: bool = True) -> CompFacts:
    return CompFacts(path, sys.intern(role), entries, linted)


_ZIPPED = "\x1e"  # marks entries stored compressed (a region or currency never holds it)
# Entries were compressed (zlib, base64) when that was shorter: 590 → 380 characters a
# guide, but 15–20 µs a guide to make, more than the rest of the facts; beyond FACTS_HELD
# guides the facts are on disk anyway. Facts cached compressed are still read.


def _unpack(stored: str) -> str:
    """The entries' text; empty when a compressed form does not decode."""
    if not stored.startswith(_ZIPPED):
        return stored
    import base64
    import binascii
    import zlib

    try:
        return zlib.decompress(base64.b64decode(stored[1:].encode("ascii"), validate=True)).decode("utf-8")
    except (ValueError, binascii.Error, zlib.error, UnicodeError):
        return ""


def _values(packed: str) -> Iterator[tuple[str, str, list[float | None], str]]:
    """(region, currency, the six values, the packed positions) of each entry."""
    text = _unpack(packed)
    if not text:
        return
    for line in text.split("\n"):
        region, currency, values, spans = line.split(_SEP)
        yield region, currency, [None if v == "-" else float(v) for v in values.split(" ")], spans


def _span(spans: str, i: int) -> tuple[int, int, int] | None:
    """The position of value ``i`` (read only for the few values that need one)."""
    s = spans.split(" ")[i]
    if s == "-":
        return None
    line, col, end = s.split(":")
    return int(line), int(col), int(end)


@collector("comp", CompFacts, apart=True)
def comp_facts(doc: Document) -> CompFacts | None:
    """The compensation values SL703 compares across the corpus."""
    role = doc.value(("role",), str)
    fm = doc.front_matter
    if role is None or fm is None:
        return None
    lines = []
    nodes = fm.nodes
    for e in entries(doc):
        cur = doc.value(("compensation", e.index, "currency"), str)
        if e.region is None or cur is None or _NOT_IN_NAMES.search(e.region + cur):
            continue
        values, spans = [], []
        nums = numbers(doc, e.index)
        for field in MONEY_FIELDS:
            v = nums.get(field)
            if v is None or not v > 0 or v == _INF:  # absent, not positive, NaN or infinite
                values.append("-")
                spans.append("-")
                continue
            values.append(repr(float(v)) if isinstance(v, float) else str(v))
            node = nodes.get(("compensation", e.index, field))
            if node is None:  # pragma: no cover - every value built has its node
                sp = doc.span(("compensation", e.index, field))
                spans.append(f"{sp.line}:{sp.column}:{sp.end_column if sp.end_line == sp.line else sp.column + 1}")
                continue
            start, end = node.start_mark, node.end_mark  # as FrontMatter.span reads them, without a Span
            spans.append(f"{start.line + 2}:{start.column + 1}:{end.column + 1 if end.line == start.line else start.column + 2}")
        if values.count("-") < len(values):
            lines.append(_SEP.join((" ".join(e.region.split()), cur.strip().upper(), " ".join(values), " ".join(spans))))
    return CompFacts(doc.path, sys.intern(role), "\n".join(lines)) if lines else None


# what a region or currency name must not hold: the packing's separators, line breaks
_NOT_IN_NAMES = re.compile("[" + _SEP + _ZIPPED + "\n\r]")

# SL703 keeps up to this many values in memory (8 bytes each); beyond, on a temporary file.
VALUES_HELD = 1 << 20

_ABOVE_ONLY = {"stock_low", "stock_high"}  # equity may be near nothing: only an excess is judged


@rule("SL703", "comp-outlier", WARNING, "A compensation value is far from its peers' (same role, region and currency).",
      scope=CORPUS, facts="comp")
def comp_outlier(guides: Iterable[CompFacts], opts: Options) -> Iterator[tuple[str, Finding]]:
    """
    ## What it does
    Compares each money value of a compensation entry (`base_low`, `base_high`,
    `total_comp_low`, `total_comp_high`; `stock_low`, `stock_high` only when
    above their peers) with its **peers**: the corpus's entries for the same role
    (by `role` slug; the `peer-groups` setting maps several roles to one group),
    the same region (trimmed, case-insensitive) and the same currency. It judges
    robustly, on a log scale: with m the median of the group's log values and MAD
    the median absolute deviation of those on the value's side of m (pay and
    grants are skewed: a tail of small grants must not widen the band above the
    median), a value is an outlier when |log v − m| / (1.4826 × MAD) is above
    `outlier-threshold` (default 3.5)
    **and** the value is at least `outlier-min-factor` (default 3) times above or
    below the median — so a group whose values are all equal does not flag a
    value 10 % off. A group needs `outlier-min-peers` (default 5) other entries.
    The message names the group, its median and the factor, with two peers (those
    nearest the median) as related locations.

    Measured (`python benchmarks/bench_outliers.py`, 10,000 generated clean guides
    of each shape): no guide flagged on either shape (goal ≤ 0.1 %); of 1,000
    planted slips (a base or total value of one entry ×10 or ÷10) 100 % found on
    both shapes; of 1,000 stock values ×10, 74 % (a small grant ×10 can still be
    an ordinary grant: the generator draws grants from nothing to 300K). The
    reference guide and `seeds/` have no finding. Cost at `--jobs 1`: 16.6 →
    17.7 s and 40 → 45 MiB peak on 10,000 plain guides, 24.6 → 26.4 s and
    57 → 65 MiB on 10,000 perturbed ones.

    ## Why is this bad?
    A base of 24,000 where every peer says 240,000 is a dropped zero; a table
    and totals that agree with it do not make it right. Readers negotiating
    with it would ask for a tenth of the market.

    ## Example
    FAIL (eleven other San Francisco staff-software-engineer guides in USD with
    base_low near 240,000):
    ```
    base_low: 24000
    ```
    PASS:
    ```
    base_low: 240000
    ```

    ## Fix
    None: which value is right is a judgement; the peers' median is a hint.
    """
    import math
    import statistics

    from ..money import fmt
    from ..spill import Columns, Spool

    group_of = dict(opts.peer_groups)

    def key(g: CompFacts, region: str, currency: str) -> tuple[str, str, str]:
        return (group_of.get(g.role, g.role), region.casefold(), currency)

    # pass 1: the log values of each (group, region, currency) and field — a column of
    # 8 bytes a value, numbered group × 6 + field; beyond VALUES_HELD values on a temporary
    # file, by partitions of columns read back one at a time (:class:`spill.Columns`)
    groups: dict[tuple[str, str, str], int] = {}
    width = len(MONEY_FIELDS)
    store = Columns(VALUES_HELD)
    log10 = math.log10
    for g in guides:
        text = _unpack(g.entries)
        if not text:
            continue
        role = group_of.get(g.role, g.role)
        for line in text.split("\n"):  # what _values reads, the logarithms taken in the same pass
            place, money, written, _ = line.split(_SEP)
            k = (role, place.casefold(), money)
            gid = groups.get(k)
            if gid is None:
                gid = groups[k] = len(groups)
            store.add_row(gid * width, [None if x == "-" else log10(float(x)) for x in written.split(" ")])
    # the median, and the MAD of each side (a "double MAD": pay and grants are skewed, and
    # a long tail of small grants must not widen the band above the median)
    stats: dict[int, tuple[float, float, float, int]] = {}
    for part in store.groups():
        for column, col in part.items():
            if len(col) - 1 >= opts.outlier_min_peers:
                med = statistics.median(col)
                below = statistics.median(med - x for x in col if x <= med)
                above = statistics.median(x - med for x in col if x >= med)
                stats[column] = (med, below, above, len(col))
        del part
    store.close()
    if not stats:
        return
    # pass 2: the outliers, and the entries nearest each median (for related locations)
    # the outliers wait for every entry's distance to the median (a Spool: on disk beyond a bound)
    found: Spool[tuple[str, tuple[str, str, str], str, int, float, float, tuple[int, int, int]]] = Spool()
    limit = math.log10(opts.outlier_min_factor)
    above_only = {i for i, field in enumerate(MONEY_FIELDS) if field in _ABOVE_ONLY}
    flagged: set[int] = set()  # the columns with an outlier
    for g in guides:
        for region, currency, values, spans in _values(g.entries):
            k = key(g, region, currency)
            gid = groups.get(k)
            if gid is None:
                continue
            for i, v in enumerate(values):
                if v is None:
                    continue
                st = stats.get(gid * width + i)
                if st is None:
                    continue
                med, below, above, _ = st
                off = log10(v) - med
                if abs(off) < limit or (off < 0 and i in above_only):
                    continue
                mad = below if off < 0 else above
                if mad > 0 and abs(off) / (1.4826 * mad) <= opts.outlier_threshold:
                    continue
                at = _span(spans, i)
                if g.linted and at is not None:
                    found.append((g.path, k, region, i, off, v, at))
                    flagged.add(gid * width + i)
    # the three values nearest the median of each column with an outlier (its related
    # locations), in a pass of their own: most runs have no outlier and skip it
    nearest: dict[int, list[tuple[float, str, int, int]]] = {}
    if flagged:
        for g in guides:
            for region, currency, values, spans in _values(g.entries):
                gid = groups.get(key(g, region, currency))
                if gid is None:
                    continue
                for i, v in enumerate(values):
                    column = gid * width + i
                    if v is None or column not in flagged:
                        continue
                    off = log10(v) - stats[column][0]
                    near = nearest.setdefault(column, [])
                    if len(near) < 3 or abs(off) < near[-1][0]:
                        at = _span(spans, i)
                        if at is not None:
                            near.append((abs(off), g.path, at[0], at[1]))
                            near.sort()
                            del near[3:]
    for path, k, region, i, off, v, span in found:
        column = groups[k] * width + i
        med, _, _, n = stats[column]
        field = MONEY_FIELDS[i]
        factor = 10 ** abs(off)
        peers = [p for p in nearest[column] if (p[1], p[2]) != (path, span[0])][:2]
        shown = fmt(int(v)) if v == int(v) else fmt(v)
        yield path, Finding(
            Span(span[0], span[1], span[0], span[2]),
            f"{field} {shown} is {factor:.1f}× {'below' if off < 0 else 'above'} the median "
            f"{fmt(round(10 ** med))} of {n - 1} {k[0]} guides in {region} ({k[2]})",
            tuple(Related(p[1], p[2], p[3], f"a peer: {field} near the median") for p in peers),
            fingerprint_text=f"{field} {region} {shown}")
    found.close()
