"""Bytes to a positioned :class:`Document`.

This is the only module that parses. Every position it records is a 1-based
line and column in the original file, so no rule ever adds an offset:

* bytes are decoded here (UTF-8, optional BOM; CRLF and lone CR become LF,
  which keeps line numbers and columns unchanged);
* the front matter is composed with PyYAML (C loader when present) into a
  node graph whose marks are shifted once to file lines; the plain values are
  built from that graph by our own constructor, which keeps dates as written,
  reports duplicate keys, refuses non-core tags and bounds alias expansion;
* the body is split into blocks by mistune's block parser (so a ``|`` inside
  a code fence is not a table), with the start offset of each block recorded;
  tables, headings and bold sections are then read line by line from the
  original text, which gives every row and cell its position and keeps a
  malformed table visible as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from .model import Problem, Span

if TYPE_CHECKING:
    from yaml.error import Mark

# A PyYAML node (scalar, sequence or mapping); its stubs do not declare the ``id`` every
# node class has, so the builder reads nodes untyped.
Node = Any

FieldPath = tuple[Any, ...]  # a JSON path: ("compensation", 0, "base_low"): str keys, int indexes

# Expanded YAML nodes allowed in one front matter; a real guide has about 100.
MAX_NODES = 20_000
MAX_DEPTH = 200

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_INT = _CORE + "int"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NUMBER_TAGS = {_CORE + "int", _CORE + "float"}
_INFINITIES = (float("inf"), float("-inf"))
# No real amount has more digits (and Python refuses to convert more than 4,300).
MAX_NUMBER_DIGITS = 15


class Cell(NamedTuple):
    """One table cell: its text (stripped) and where it stands (a tuple: a table makes
    one per cell, without a Python-level ``__init__``)."""

    text: str
    span: Span


@dataclass(slots=True)
class Row:
    """One table row (header, or body row) with its cells."""

    line: int
    cells: list[Cell]
    span: Span


@dataclass(slots=True)
class Table:
    """A pipe table, also one mistune would have dropped (a row with the wrong number of
    cells: SL602 reports it, the other rules still read it)."""

    header: Row
    rows: list[Row]
    _columns: dict[tuple[str, ...], int | None] = field(default_factory=dict, repr=False, compare=False)
    _lows: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    # what rules have read of the table once for all (rules/sl5_body.py: the money columns)
    found: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def line(self) -> int:
        """The header line."""
        return self.header.line

    def column(self, *words: str) -> int | None:
        """Index of the first header cell containing any of ``words`` (case-insensitive)."""
        if words in self._columns:
            return self._columns[words]
        found: int | None = None
        lows = self._lows
        if lows is None:  # the header cells in lower case, made once
            lows = self._lows = tuple(cell.text.lower() for cell in self.header.cells)
        for i, low in enumerate(lows):
            for w in words:
                if w in low:
                    found = i
                    break
            if found is not None:
                break
        self._columns[words] = found
        return found


@dataclass(slots=True)
class Section:
    """A heading, or a paragraph opened by a line that is only ``**Name**``."""

    name: str
    line: int
    end_line: int  # exclusive: the next section's line, or one past the last line
    level: int  # 1-6 for headings, 7 for bold sections
    span: Span


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    line: int
    span: Span


@dataclass(slots=True)
class FrontMatter:
    """The YAML block: plain data plus the span of every key and value, by JSON path."""

    open_line: int
    close_line: int
    data: Any = None
    nodes: dict[FieldPath, Node] = field(default_factory=dict)  # path -> YAML node of the value (spans made on demand)
    key_nodes: dict[FieldPath, Node] = field(default_factory=dict)  # path -> YAML node of the key
    bad: set[FieldPath] = field(default_factory=set)  # paths whose value the parser refused (reported already)
    # whether a value is a float NaN or infinity (set by the parser; None: not known, look)
    non_finite: bool | None = None

    def span(self, path: FieldPath) -> Span:
        """Span of the value at ``path``, falling back to its nearest parent."""
        while True:
            node = self.nodes.get(path)
            if node is not None:
                return _span(node)
            if not path:
                return Span.point(self.open_line + 1)
            path = path[:-1]

    def key_span(self, path: FieldPath) -> Span | None:
        """Span of the key of ``path`` (None for list items and the root)."""
        node = self.key_nodes.get(path)
        return _span(node) if node is not None else None

    @property
    def values(self) -> dict[FieldPath, Span]:
        """Every value's span by path (for tools and tests; rules use :meth:`span`)."""
        return {p: _span(n) for p, n in self.nodes.items()}

    @property
    def keys(self) -> dict[FieldPath, Span]:
        """Every key's span by path."""
        return {p: _span(n) for p, n in self.key_nodes.items()}

    def get(self, path: FieldPath, default: Any = None) -> Any:
        """The plain value at ``path``, or ``default`` if any step is missing."""
        cur = self.data
        for step in path:
            try:
                cur = cur[step]
            except (KeyError, IndexError, TypeError):
                return default
        return cur


@dataclass(slots=True)
class Body:
    """The Markdown after the front matter."""

    start_line: int
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # (line, text) of every paragraph line outside code, tables, lists and quotes
    paragraph_lines: list[tuple[int, str]] = field(default_factory=list)


_UNSEEN = object()


@dataclass(slots=True)
class Document:
    """A decoded, split and parsed guide. Built once; rules only read it."""

    path: str
    text: str
    lines: list[str]
    problems: list[Problem]
    front_matter: FrontMatter | None = None
    body: Body | None = None
    # Paths whose values failed parsing (an unsafe tag) and, once the engine has run the
    # schema stage (``with_schema``), the schema: rules skip them (one defect, one finding).
    invalid: frozenset[FieldPath] = frozenset()
    schema_problems: tuple[Problem, ...] = ()
    # what value() has answered, by (path, kind): rules ask for the same fields hundreds
    # of times per guide (not an init field: a copy made by with_schema starts empty)
    _values: dict[tuple[FieldPath, Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # the rules' typed view of the front matter, built on first use (rules/_common.py:
    # the compensation entries and each entry's numbers); empty in a with_schema copy
    view: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def line_count(self) -> int:
        return max(1, len(self.lines))

    def with_schema(self, problems: tuple[Problem, ...], invalid: frozenset[FieldPath]) -> Document:
        """A copy of this document with the schema stage's result: what rules see."""
        from dataclasses import replace

        return replace(self, invalid=self.invalid | invalid, schema_problems=problems)

    def span(self, path: FieldPath) -> Span:
        """Span of the front-matter value at ``path`` (its nearest parent's, or line 1)."""
        return self.front_matter.span(path) if self.front_matter is not None else Span.point(1)

    def first_body_line(self) -> int:
        """Line of the first body line, clamped to the file (SL501, SL601 point here)."""
        if self.body is None:
            return 1
        for i in range(self.body.start_line, len(self.lines) + 1):
            if self.lines[i - 1].strip():
                return i
        return min(self.body.start_line, self.line_count)

    def value(self, path: FieldPath, kind: type | tuple[type, ...] = object) -> Any:
        """The front-matter value at ``path`` if present, schema-valid and of ``kind``.

        Rules use this so that a value which failed parsing or the schema is
        skipped silently: one defect gives one finding.
        """
        key = (path, kind)
        val = self._values.get(key, _UNSEEN)
        if val is _UNSEEN:  # a miss is answered once (no KeyError raised: most asks are first asks)
            val = self._values[key] = self._value(path, kind)
        return val

    def _value(self, path: FieldPath, kind: type | tuple[type, ...]) -> Any:
        fm = self.front_matter
        if fm is None:
            return None
        if self.invalid:
            for i in range(len(path) + 1):
                if path[:i] in self.invalid:
                    return None
        val = fm.get(path)
        if val is None or not isinstance(val, kind) or (kind in (int, float, (int, float)) and isinstance(val, bool)):
            return None
        return val


# --------------------------------------------------------------------------- bytes


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 (optional BOM) to text with LF line ends; or the not-utf8 problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem("SL004", Span.point(1), "file is UTF-16 (byte-order mark found); save it as UTF-8")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _breaks(data, exc.start) + 1
        start = max(data.rfind(b"\n", 0, exc.start), data.rfind(b"\r", 0, exc.start)) + 1
        col = len(data[start:exc.start].decode("utf-8", "replace")) + 1
        return None, [Problem("SL004", Span.point(line, col), f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not valid UTF-8")]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def _breaks(data: bytes, end: int) -> int:
    """Line breaks before ``end``: LF, CRLF and a lone CR each count once (as editors count)."""
    head = data[:end]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n")


def parse(data: bytes, path: str = "<stdin>", max_bytes: int | None = None, size: int | None = None) -> Document:
    """Parse a guide's bytes into a :class:`Document`; never raises on bad input."""
    if max_bytes is not None and len(data) > max_bytes:
        # only max_bytes + 1 bytes were read: the size is the file's own when known
        shown = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
        return Document(path, "", [""], [Problem("SL008", Span.point(1), f"file is {shown}, over the limit of {max_bytes:,} (max-file-size)")])
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 has NULs: SL004 says more
        line = _breaks(data, data.index(b"\x00")) + 1
        return Document(path, "", [""] * (_breaks(data, len(data)) + 1), [Problem("SL009", Span.point(line), "file contains NUL bytes: it looks binary, not a guide")])
    text, problems = decode(data)
    if text is None:
        lines = [""] * (_breaks(data, len(data)) + 1)
        return Document(path, "", lines, problems)
    lines = text.split("\n")
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()  # a final newline does not open another line
    doc = Document(path, text, lines, problems)

    close = _find_close(lines)
    if close is None:
        if lines and lines[0].rstrip() == "---":
            msg = "front matter opened on line 1 is never closed by a '---' line"
        else:
            msg = "file does not start with a '---' front-matter block"
            later = next((i for i, ln in enumerate(lines[:50]) if ln.strip() == "---"), None)
            if later == 0:
                msg += ": the '---' on line 1 must start in column 1, with nothing before it"
            elif later is not None and all(not ln.strip() for ln in lines[:later]):
                msg += f": line 1{'' if later == 1 else f'–{later}'} {'is' if later == 1 else 'are'} blank; the '---' on line {later + 1} must be the very first line"
        problems.append(Problem("SL001", Span(1, 1, 1, len(lines[0]) + 1 if lines else 1), msg))
        doc.body = parse_body(lines, 1)
        return doc

    fm = FrontMatter(1, close + 1)
    doc.front_matter = fm
    _parse_yaml("\n".join(lines[1:close]) + "\n", fm, problems)
    doc.invalid = frozenset(fm.bad)
    doc.body = parse_body(lines, close + 2)
    return doc


def _find_close(lines: list[str]) -> int | None:
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        line = lines[i]
        if line[:1] == "-" and line.rstrip() == "---":  # most lines are not even begun by a dash
            return i
    return None


# --------------------------------------------------------------------------- YAML

_yaml: Any = None
_constructor: Any = None
_loader: Any = None

# Plain scalars whose implicit tag is remembered (the values of a corpus repeat: keys,
# currencies, regions); the memo starts again when it reaches this size.
RESOLVED_HELD = 1 << 14
RESOLVED_LENGTH = 64  # longer values are resolved each time (the memo holds at most ~1 MB)


def _load_yaml() -> Any:
    global _yaml, _constructor, _loader
    if _yaml is None:
        import yaml

        _yaml = yaml
        _constructor = yaml.SafeLoader("")  # only its construct_yaml_* helpers are used
        _loader = _memo_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return _yaml


def _memo_loader(base: Any) -> Any:
    """``base`` (the safe loader) with its implicit-tag resolver remembered per plain
    scalar. Composing calls ``resolve`` once per scalar, in Python, and it tries each of
    the resolvers for the value's first character (a regex match each): a quarter of
    libyaml's compose time. The safe loader has no path resolvers, so the tag depends
    on the value alone and the memo gives the same tag."""
    from yaml import MappingNode, ScalarNode, SequenceNode

    resolve = base.resolve
    if base.yaml_path_resolvers:  # pragma: no cover - the safe loader has none
        return base
    memo: dict[str, str] = {}
    get = memo.get
    # without path resolvers, what resolve answers for a quoted scalar and a collection
    scalar = base.DEFAULT_SCALAR_TAG
    collections = {SequenceNode: base.DEFAULT_SEQUENCE_TAG, MappingNode: base.DEFAULT_MAPPING_TAG}

    def remembered(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if not implicit[0]:
                return scalar
            tag = get(value)
            if tag is None:
                if len(value) > RESOLVED_LENGTH:  # kept short: a memo of long values would hold them
                    return resolve(self, kind, value, implicit)
                if len(memo) >= RESOLVED_HELD:
                    memo.clear()
                tag = memo[value] = resolve(self, kind, value, implicit)
            return tag
        return collections[kind]

    members: dict[str, Any] = {"resolve": remembered, "memo": memo}
    # Without path resolvers, the resolver's descend and ascend steps do nothing; libyaml's
    # composer calls them, in Python, twice per node. They become calls into C that do
    # nothing either (their answer is not read).
    members["descend_resolver"] = staticmethod(_NOTHING.get)
    members["ascend_resolver"] = staticmethod(int)
    c_parser: Any = None
    try:
        from yaml._yaml import CParser  # type: ignore[import-not-found,unused-ignore]

        c_parser = CParser
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        pass
    if c_parser is not None and base.__mro__[1] is c_parser:
        # libyaml's loader: composing needs only its parser set up; the constructor's and
        # resolver's own set-up (tables for constructing values and path resolvers) is
        # for what seedlint does not do with this loader
        def init(self: Any, stream: Any) -> None:
            c_parser.__init__(self, stream)

        members["__init__"] = init
    return type("MemoLoader", (base,), members)


_NOTHING: dict[Any, Any] = {}  # never written to: its ``get`` answers its default


def _span(node: Node, offset: int = 1) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1 + offset, s.column + 1, e.line + 1 + offset, e.column + 1)


def _parse_yaml(src: str, fm: FrontMatter, problems: list[Problem]) -> None:
    yaml = _load_yaml()
    try:
        root = yaml.compose(src, Loader=_loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        col = mark.column + 1 if mark else 1
        line = min(line, fm.close_line)
        problem = (exc.problem or "invalid YAML").strip()
        if exc.context:
            problem = f"{problem} ({exc.context.strip()})"
        hint = _indent_hint(src, mark)
        if hint:
            problem = f"{problem}; {hint}"
        problems.append(Problem("SL002", Span.point(line, col), f"YAML syntax error: {problem}"))
        return
    except yaml.YAMLError as exc:
        problems.append(Problem("SL002", Span.point(2), f"YAML error: {str(exc).splitlines()[0]}"))
        return
    except RecursionError:
        problems.append(Problem("SL002", Span.point(2), "YAML nested too deeply"))
        return
    if root is None:
        problems.append(Problem("SL005", Span.point(2 if fm.close_line > 2 else 1), "front matter is empty; it must be a mapping of fields"))
        return
    builder = _Builder(fm, problems)
    data = builder.build(root)
    if builder.aborted:
        return
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        problems.append(Problem("SL005", Span.point(2), f"front matter is {kind}; it must be a mapping of fields"))
        return
    fm.data = data


def _indent_hint(src: str, mark: Mark | None) -> str | None:
    """A hint when a YAML error comes from a line indented differently from its siblings."""
    if mark is None:
        return None
    lines = src.split("\n")
    # libyaml reports the line after the culprit ("did not find expected '-'") or the line
    # itself ("mapping values are not allowed"): look at both
    for i in (mark.line, mark.line - 1):
        if not 0 <= i < len(lines) or not lines[i].strip() or lines[i].lstrip().startswith("#"):
            continue
        indent = len(lines[i]) - len(lines[i].lstrip(" "))
        prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip() and not lines[j].lstrip().startswith("#")), None)
        if prev is None:
            continue
        pin = len(prev) - len(prev.lstrip(" "))
        body = prev.lstrip(" ")
        if body.startswith("- "):
            pin += 2  # keys of a list item line up after "- "
        if indent != pin and abs(indent - pin) <= 2 and not prev.rstrip().endswith(":"):
            return (f"line {i + 2} is indented {indent} space{'s' if indent != 1 else ''}, the line above {pin}: "
                    f"the keys of one mapping (and the items of one list) must line up")
    return None


class _Abort(Exception):
    pass


class _Builder:
    """Builds plain values from a composed node graph, recording spans by JSON path."""

    def __init__(self, fm: FrontMatter, problems: list[Problem]):
        self.fm = fm
        self.problems = problems
        self.count = 0
        self.aborted = False
        self.active: set[int] = set()

    def build(self, root: Node) -> Any:
        self.fm.non_finite = False
        try:
            return self._node(root, (), 0)
        except _Abort:
            self.aborted = True
            return None

    def _node(self, node: Node, path: FieldPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            where = self.fm.key_span(path[:1]) or _span(node)  # the top-level key being expanded
            self.problems.append(Problem("SL007", where, f"YAML aliases expand to more than {MAX_NODES:,} nodes (an alias bomb?)"))
            raise _Abort
        if depth > MAX_DEPTH:
            self.problems.append(Problem("SL002", _span(node), f"YAML nested more than {MAX_DEPTH} levels deep"))
            raise _Abort
        ident = id(node)
        if ident in self.active:
            self.problems.append(Problem("SL007", _span(node), "YAML alias refers to the node that contains it (a recursive structure)"))
            raise _Abort
        nodes = self.fm.nodes
        nodes.setdefault(path, node)
        tag = node.tag
        if node.id == "scalar":
            if tag not in _SCALAR_TAGS:
                return self._bad_tag(node, path)
            if tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_DIGITS and sum(c.isdigit() for c in node.value) > MAX_NUMBER_DIGITS:
                digits = sum(c.isdigit() for c in node.value)
                self.problems.append(Problem("SL104", _span(node), f"'{_dotted(path)}' is a number of {digits:,} digits, longer than any real amount; it is not read"))
                self.fm.bad.add(path)
                return None
            value = _scalar(node, tag)
            if type(value) is float and (value != value or value in _INFINITIES):
                self.fm.non_finite = True
            return value
        self.active.add(ident)
        try:
            if node.id == "sequence":
                if tag != _CORE + "seq":
                    return self._bad_tag(node, path)
                return [self._node(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
            if tag != _CORE + "map":
                return self._bad_tag(node, path)
            out: dict[str, Any] = {}
            merges: list[Node] = []  # mapping nodes merged in with `<<`, highest precedence first
            key_nodes = self.fm.key_nodes
            for knode, vnode in node.value:
                if knode.tag == _STR and knode.id == "scalar":
                    key = knode.value  # a plain string key: what _key answers for it
                else:
                    key = self._key(knode, vnode, merges, path)
                    if key is None:
                        continue
                kpath = path + (key,)
                if key in out:
                    first = self.fm.key_span(kpath) or _span(knode)
                    self.problems.append(Problem("SL003", _span(knode), f"duplicate key '{key}' (first defined on line {first.line}); YAML keeps only the last one"))
                    # the later value replaces the earlier, as YAML loaders do
                    for p in [p for p in self.fm.nodes if p[: len(kpath)] == kpath]:
                        del self.fm.nodes[p]
                key_nodes[kpath] = knode
                if vnode.id == "scalar" and depth < MAX_DEPTH and self.count < MAX_NODES:
                    # a string or a plain decimal integer, most of a guide: what _node does
                    # for it, without the call
                    tag, value = vnode.tag, vnode.value
                    if tag == _STR or (tag == _INT and value.isdigit() and value[0] != "0" and len(value) <= MAX_NUMBER_DIGITS):
                        self.count += 1
                        nodes.setdefault(kpath, vnode)  # as _node records it: once, hashed once
                        out[key] = value if tag == _STR else int(value)
                        continue
                out[key] = self._node(vnode, kpath, depth + 1)
            for source in merges:
                # as PyYAML's safe loader: explicit keys win, then earlier merges; merged
                # values keep the positions of the anchor they come from
                for knode, vnode in _flat(source, set()):
                    if knode.value in out:
                        continue
                    kpath = path + (knode.value,)
                    self.fm.key_nodes.setdefault(kpath, knode)
                    out[knode.value] = self._node(vnode, kpath, depth + 1)
            return out
        finally:
            self.active.discard(ident)

    def _key(self, knode: Node, vnode: Node, merges: list[Node], path: FieldPath) -> str | None:
        """The key of a mapping entry if it is a plain string; otherwise a finding and None.

        A merge key (``<<``) adds its mapping(s) to ``merges`` (later ``<<`` first, then
        a list's items in order: the precedence PyYAML's safe loader gives them).
        """
        if knode.id != "scalar":
            self.problems.append(Problem("SL010", _span(knode), "a mapping key must be a plain string, not a list or mapping (the entry is ignored)"))
            return None
        tag = knode.tag
        if tag == _CORE + "str":
            return str(knode.value)
        if tag == _CORE + "merge":
            targets = vnode.value if vnode.id == "sequence" else [vnode]
            if vnode.id == "scalar" or any(t.id != "mapping" or t.tag != _CORE + "map" for t in targets):
                self.problems.append(Problem("SL011", _span(vnode), "a merge key '<<' takes a mapping or a list of mappings (an anchor like *defaults)"))
                self.fm.bad.add(path)  # what it should have merged is not also reported missing
                return None
            merges[:0] = targets
            return None
        if tag in _SCALAR_TAGS:
            kind = {"int": "a number", "float": "a number", "bool": "a boolean", "null": "null",
                    "timestamp": "a date"}[tag[len(_CORE):]]
            self.problems.append(Problem("SL010", _span(knode), f"key '{knode.value}' is read as {kind}, not a string; quote it if it is meant as a name (the entry is ignored)"))
            return None
        self.problems.append(Problem("SL006", _span(knode), f"YAML tag '{tag.replace(_CORE, '!!')}' on a key is not allowed: keys are plain strings"))
        return str(knode.value)

    def _bad_tag(self, node: Node, path: FieldPath) -> None:
        self.problems.append(Problem("SL006", _span(node), f"YAML tag '{node.tag.replace(_CORE, '!!')}' is not allowed: only plain strings, numbers, booleans, dates, lists and mappings are read (nothing is constructed)"))
        self.fm.bad.add(path)
        return None


def _dotted(path: FieldPath) -> str:
    """``compensation[0].base_low``"""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _flat(node: Node, seen: set[int]) -> list[tuple[Node, Node]]:
    """A merged mapping's string-keyed entries, its own merges included (explicit first)."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    own: list[tuple[Node, Node]] = []
    later: list[tuple[Node, Node]] = []
    for knode, vnode in node.value:
        if knode.id != "scalar":
            continue
        if knode.tag == _CORE + "str":
            own.append((knode, vnode))
        elif knode.tag == _CORE + "merge":
            targets = vnode.value if vnode.id == "sequence" else [vnode]
            group = []
            for t in targets:
                if t.id == "mapping":
                    group.extend(_flat(t, seen))
            later[:0] = group
    return own + later


def _scalar(node: Node, tag: str) -> Any:
    c = _constructor
    if tag == _CORE + "str" or tag == _CORE + "timestamp":
        return node.value  # dates stay as written: 2026-02-30 is an invalid date, not a crash
    try:
        if tag == _CORE + "int":
            v = node.value
            if v.isdigit() and v[0] != "0":
                return int(v)  # what construct_yaml_int does with plain decimal digits
            return c.construct_yaml_int(node)
        if tag == _CORE + "float":
            return c.construct_yaml_float(node)
        if tag == _CORE + "bool":
            return c.construct_yaml_bool(node)
    except (ValueError, TypeError, IndexError, KeyError):
        # an explicit tag on a value that is not one (!!int "", !!bool maybe): PyYAML's
        # constructors index and look up without checking; the text stays as written
        return node.value
    return None


# --------------------------------------------------------------------------- Markdown

_md: Any = None
# mistune's modules whose helpers the fast paths below call (bound by _markdown(): mistune
# is imported only when a body is parsed, and an import inside a function is a call)
_lp: Any = None  # mistune.list_parser
_bp: Any = None  # mistune.block_parser
_tp: Any = None  # mistune.plugins.table
_BOLD_SECTION = re.compile(r"^\s{0,3}(\*\*|__)(?P<name>[^*_].*?)(\1)\s*$")
_DELIM_CELL = re.compile(r"^\s*:?-+:?\s*$")


def _markdown() -> Any:
    global _md, _lp, _bp, _tp
    if _md is None:
        import mistune
        from mistune import block_parser, list_parser
        from mistune.plugins import table as table_plugin

        _lp, _bp, _tp = list_parser, block_parser, table_plugin

        class _State(mistune.BlockState):
            """Records where each top-level block starts (mistune keeps no positions)."""

            start = 0

            def append_token(self, token: dict[str, Any]) -> None:
                token["_pos"] = self.start
                self.tokens.append(token)

            def add_paragraph(self, text: str) -> None:
                last = self.last_token()
                if last and last["type"] == "paragraph":
                    last["text"] += text
                else:
                    self.tokens.append({"type": "paragraph", "text": text, "_pos": self.cursor})

        class _Parser(mistune.BlockParser):
            state_cls = _State

            scanners: dict[tuple[str, ...], Any] = {}

            def compile_sc(self, rules: Any = None) -> Any:
                names = tuple(self.rules if rules is None else rules)
                sc = self.scanners.get(names)
                if sc is None:
                    sc = self.scanners[names] = _line_scanner(super().compile_sc(rules), [self.specification[k] for k in names])
                return sc

            def parse(self, state: Any, rules: Any = None) -> None:
                # Only top-level blocks are read; list items and quotes keep their
                # extent (found by mistune) but their insides are not parsed.
                if state.parent is None:
                    super().parse(state, rules)

            def parse_top(self, state: Any, rules: Any = None) -> None:  # see _top_level_parse
                if state.parent is None:
                    _top_level_parse(self, state, rules)

            def parse_method(self, m: Any, state: Any) -> Any:
                start = state.start = state.cursor
                tokens = state.tokens
                n = len(tokens)
                end = self._methods[m.lastgroup](m, state)  # what mistune's parse_method calls
                added = len(tokens) - n
                if added == 1:
                    tokens[-1].setdefault("_pos", start)  # lists and quotes bypass append_token
                elif added:
                    for token in tokens[n:]:
                        token.setdefault("_pos", start)
                return end

        if _mistune_fits(mistune):
            _Parser.parse_list = _list_extent  # type: ignore[method-assign,assignment]
            _Parser.parse = _Parser.parse_top  # type: ignore[method-assign]
            _Parser.parse_block_quote = _quote_extent  # type: ignore[method-assign,assignment]
        _md = _make_markdown(_Parser, fast_tables=True)
    return _md


# mistune versions whose list, quote and parse-loop code the fast paths follow (tests compare them)
_LIST_PARSER_VERSIONS = ("3.4.",)


def _mistune_fits(mistune: Any) -> bool:
    """Whether this mistune is one the fast paths below follow (``_list_extent``,
    ``_item_lines``, ``_quote_extent``, ``_top_level_parse``): a version they were written
    against, with every helper they call (the modules as _markdown bound them)."""
    names = ("_create_list_marker", "_get_list_bullet", "_compile_continue_width", "_compile_list_item_pattern",
             "_compile_list_break_sc", "_has_continuation_indent", "_expand_leading_tabs")
    return (str(getattr(mistune, "__version__", "")).startswith(_LIST_PARSER_VERSIONS) and all(hasattr(_lp, n) for n in names)
            and all(hasattr(mistune.BlockParser, n) for n in ("_parse_indent_code_fast", "_parse_plain_paragraph"))
            and all(hasattr(_bp, n) for n in ("_BLOCK_QUOTE_LINE", "_parse_block_quote_line")))


def _top_level_parse(block: Any, state: Any, rules: Any = None) -> None:
    """mistune's ``BlockParser.parse`` (the versions of ``_LIST_PARSER_VERSIONS``), line for
    line but one: a block that does not open with a space or a tab is not tried as
    indented code. mistune tries every block (``_parse_indent_code_fast``: the line cut
    out and scanned), and its test, ``_is_indent_code_line``, needs four spaces or a tab
    before the text, so it answers no to such a line; most blocks are such lines."""
    if rules is None:
        rules = block.rules
    sc = block.compile_sc(rules)
    indent = "indent_code" in rules
    while state.cursor < state.cursor_max:
        if indent and state.src[state.cursor] in " \t":
            end_pos = block._parse_indent_code_fast(state)
            if end_pos is not None:
                state.cursor = end_pos
                continue
        m = sc.match(state.src, state.cursor)
        if not m and block._parse_plain_paragraph(state, sc):
            continue
        if not m:
            m = sc.search(state.src, state.cursor)
        if not m:
            break
        end_pos = m.start()
        if end_pos > state.cursor:
            state.add_paragraph(state.get_text(end_pos))
            state.cursor = end_pos
        end_pos2 = block.parse_method(m, state)
        if end_pos2:
            state.cursor = end_pos2
        else:
            end_pos3 = state.find_line_end()
            state.add_paragraph(state.get_text(end_pos3))
            state.cursor = end_pos3
    if state.cursor < state.cursor_max:
        state.add_paragraph(state.src[state.cursor:])
        state.cursor = state.cursor_max


def _list_extent(block: Any, m: re.Match[str], state: Any) -> int:
    """mistune's ``parse_list`` for what seedlint reads of a top-level list: the same
    extent and the same tokens around it, without making each item's source, child
    state and token (seedlint never parses inside a list, so those were discarded) and
    with each item's two patterns compiled once, not formatted and looked up per item.
    Installed only for the mistune versions it follows (``_LIST_PARSER_VERSIONS``)."""
    lp = _lp
    item: Any = lp._create_list_marker(m, "list")
    if not item.text.strip():
        end_pos = state.append_paragraph()  # an empty item cannot interrupt a paragraph
        if end_pos:
            return int(end_pos)
    token: dict[str, Any] = {"type": "list", "children": [], "tight": True, "bullet": item.bullet,
                             "attrs": {"depth": state.depth(), "ordered": item.ordered}}
    if item.ordered:
        start = int(item.marker[:-1])
        if start != 1:  # only a list starting at 1 may interrupt a paragraph
            end_pos = state.append_paragraph()
            if end_pos:
                return int(end_pos)
            token["attrs"]["start"] = start
    state.cursor = m.end() + 1
    bullet = lp._get_list_bullet(item.bullet)
    compiled = block.__dict__.setdefault("_list_patterns", {})
    end_pos = index = None
    while item is not None:
        width = item.leading_width
        t = item.text
        if len(t) > 1 and t[0] == " " and not t[1].isspace():  # "- text": what _compile_continue_width makes of it
            has_text, continue_width = True, width + 1
        else:
            text, continue_width = lp._compile_continue_width(t, width)
            has_text = bool(text)
        patterns = compiled.get((bullet, width))
        if patterns is None:
            patterns = compiled[(bullet, width)] = (re.compile(lp._compile_list_item_pattern(bullet, width)),
                                                    lp._compile_list_break_sc(block, width))
        item, found, at = _item_lines(block, patterns[0], patterns[1], state, has_text, continue_width)
        if found is not None:
            end_pos, index = found, at
    if end_pos:
        state.tokens.insert(index, token)
        return int(end_pos)
    state.append_token(token)
    return int(state.cursor)


def _quote_extent(block: Any, m: re.Match[str], state: Any) -> int:
    """mistune's ``parse_block_quote`` (with its ``extract_block_quote``) for what seedlint
    reads of a top-level quote: the same extent and token, whose children are empty as
    before (seedlint never parses inside a quote), without gathering the quote's text.
    Only the first line's text is made (it decides whether every line needs a ``>``); of
    the others only whether they are blank matters, and expanding tabs and trimming a
    space changes only whitespace."""
    quote_line = _bp._BLOCK_QUOTE_LINE.match
    first = _bp._parse_block_quote_line(state.get_line(state.cursor))
    assert first is not None
    require_marker = bool(block.compile_sc(["blank_line", "indent_code", "fenced_code"]).match(first))
    state.cursor += len(state.get_line(state.cursor))
    src = state.src
    end_pos = None
    if require_marker:
        while state.cursor < state.cursor_max:
            line = state.get_line(state.cursor)
            if quote_line(line) is None:
                break
            state.cursor += len(line)
    else:
        prev_blank_line = False
        break_sc = block.compile_sc(["blank_line", "thematic_break", "fenced_code", "list", "block_html"])
        while state.cursor < state.cursor_max:
            line = state.get_line(state.cursor)
            q = quote_line(line)
            if q is not None:
                state.cursor += len(line)
                prev_blank_line = not q.group(1).strip()
                continue
            if prev_blank_line:
                break  # CommonMark example 249: a blank line ends a quote before a paragraph
            m4 = break_sc.match(src, state.cursor)
            if m4:
                end_pos = block.parse_method(m4, state)
                if end_pos:
                    break
            state.cursor += len(state.get_line(state.cursor))  # a lazy continuation line
    token = {"type": "block_quote", "children": []}
    if end_pos:
        state.prepend_token(token)
        return int(end_pos)
    state.append_token(token)
    return int(state.cursor)


def _item_lines(block: Any, list_item_re: re.Pattern[str], break_sc: re.Pattern[str], state: Any,
                has_text: bool, continue_width: int) -> tuple[Any, int | None, int | None]:
    """mistune's ``_collect_list_item_lines`` for :func:`_list_extent`: the item's lines are
    passed over, not gathered (only whether they hold text is kept), and a line that
    opens with neither a space, a tab, a vertical tab, a form feed nor a newline is
    neither blank nor indented, so mistune's blank, indent and tab tests are not run
    on it. Returns (the next item's marker, the end position and token index when a
    block that ends the list was parsed)."""
    lp = _lp
    src = state.src
    blank = block.BLANK_LINE.match
    gathered_text = False  # mistune's ``src.strip()``: an indented or lazy line with text was taken
    prev_blank_line = False
    while state.cursor < state.cursor_max:
        cursor = state.cursor
        nl = src.find("\n", cursor)
        next_pos = len(src) if nl < 0 else nl + 1
        raw_line = src[cursor:next_pos]
        if raw_line[0] in " \t\v\f\n":
            if blank(raw_line):
                prev_blank_line = True
                state.cursor = next_pos
                continue
            if lp._has_continuation_indent(raw_line, continue_width):
                if prev_blank_line and not has_text and not gathered_text:
                    break  # CommonMark example 280: an item begins with at most one blank line
                gathered_text = gathered_text or bool(raw_line.strip())
                prev_blank_line = False
                state.cursor = next_pos
                continue
            line = lp._expand_leading_tabs(raw_line)
        else:
            line = raw_line
        m = break_sc.match(src, cursor)  # mistune's _match_list_item_break
        if m is None or m.lastgroup != "thematic_break":
            m2 = list_item_re.match(line)
            if m2 is not None:
                state.cursor = next_pos
                return lp._create_list_marker(m2, "listitem"), None, None
        if m is not None:
            if m.lastgroup == "list":
                break
            index = len(state.tokens)
            end_pos = block.parse_method(m, state)
            if end_pos:
                return None, end_pos, index
        if prev_blank_line:
            break
        gathered_text = gathered_text or bool(raw_line.strip())
        state.cursor = next_pos
    return None, None, None


def _make_markdown(parser: Any, fast_tables: bool) -> Any:
    """mistune with the table plugin; ``fast_tables``: its two table rules replaced by
    :func:`_pipe_table` and :func:`_bare_table` (the plugin as written is kept for tests)."""
    import mistune
    from mistune.plugins.table import NP_TABLE_PATTERN, TABLE_PATTERN, table

    md = mistune.Markdown(block=parser(), plugins=[table])
    if fast_tables:
        md.block.register("table", TABLE_PATTERN, _pipe_table, before="paragraph")
        md.block.register("nptable", NP_TABLE_PATTERN, _bare_table, before="paragraph")
    return md


# A delimiter cell of a table, stripped: dashes, optionally colon-flanked (mistune's four
# ALIGN_* patterns together), or empty.
_ALIGN_CELL = re.compile(r":?-+:?")


def _table_cells(text: str) -> list[str]:
    """mistune's ``_split_table_cells``: split at each ``|`` not escaped, strip each part.
    Without a backslash every ``|`` splits, and ``str.split`` does it in one call (the
    plugin scans character by character in Python: most of a table's parse)."""
    if "\\" in text:
        return list(_tp._split_table_cells(text))
    return [c.strip() for c in text.split("|")]


def _table_head(header: str, align: str) -> int | None:
    """The number of columns when ``header`` and ``align`` open a table (mistune's
    ``_process_thead`` accepts them), else None."""
    heads, aligns = _table_cells(header), _table_cells(align)
    if len(heads) != len(aligns):
        return None
    for v in aligns:
        if v and _ALIGN_CELL.fullmatch(v) is None:
            return None
    return len(heads)


def _table_extent(m: re.Match[str], state: Any, strip: Callable[[str], str | None],
                  rejected: Callable[[Any, int], int] | None) -> int | None:
    """mistune's ``parse_table`` / ``parse_nptable`` with cells counted, not built into
    tokens: the same tables over the same lines (``strip``: the plugin's reading of a
    row). A table whose head or a row does not fit ends as the plugin ends it:
    ``rejected(state, end)`` (the rows as a paragraph), or None. The token has no cells:
    :func:`parse_body` reads rows and cells from the lines, with positions."""
    pos = m.end()
    header = strip(m.group(0))
    if header is None:
        return None
    align_line = state.get_line(pos)
    align = strip(align_line)
    if align is None:
        return None
    width = _table_head(header, align)
    if width is None:
        return rejected(state, pos + len(align_line)) if rejected else None
    pos += len(align_line)
    while pos < state.cursor_max:
        line = state.get_line(pos)
        text = strip(line)
        if text is None:
            break
        if len(_table_cells(text)) != width:
            return rejected(state, pos + len(line)) if rejected else None
        pos += len(line)
    state.append_token({"type": "table"})
    return pos


def _pipe_table(block: Any, m: re.Match[str], state: Any) -> int | None:
    """mistune's ``parse_table`` (a table with outer pipes), cells counted."""
    return _table_extent(m, state, _tp._strip_pipe_table_row, _tp._parse_invalid_pipe_table)


def _bare_table(block: Any, m: re.Match[str], state: Any) -> int | None:
    """mistune's ``parse_nptable`` (a table without outer pipes), cells counted."""
    return _table_extent(m, state, _tp._strip_table_line, None)


class _LineScanner:
    """mistune's block scanner, searched one line start at a time.

    When a line cannot start a plain paragraph (it opens with ``**`` or a digit) and no
    block starts there, mistune calls ``search`` on its alternation of every block
    pattern: the regex engine then tries all twelve alternatives at *every character*
    up to the next block — a long paragraph of prose cost most of the body's parse time.
    Every alternative is anchored at a line start (``^`` with ``re.M``), so trying
    ``match`` at each position after a newline finds the same match (leftmost, then the
    same alternative) for a fraction of the cost.
    """

    __slots__ = ("match", "pattern")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self.match = pattern.match

    def search(self, src: str, pos: int = 0) -> re.Match[str] | None:
        match = self.match
        if pos <= 0 or src[pos - 1] == "\n":
            m = match(src, max(pos, 0))
            if m is not None:
                return m
        find = src.find
        while True:
            nl = find("\n", pos)
            if nl < 0:
                return None
            pos = nl + 1
            m = match(src, pos)
            if m is not None:
                return m


def _line_anchored(spec: str) -> bool:
    """Whether a block pattern can only match at a line start: it opens with ``^`` (or
    ``(^``) and has no ``|`` outside parentheses and character classes (``^a|b`` would
    match ``b`` anywhere)."""
    if not (spec.startswith("^") or spec.startswith("(^")):
        return False
    depth, i, in_class = 0, 0, False
    while i < len(spec):
        c = spec[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if spec[i + 1 : i + 2] == "]" or spec[i + 1 : i + 3] == "^]":
                i += 2 if spec[i + 1] == "]" else 3  # a leading "]" is literal
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def _line_scanner(pattern: re.Pattern[str], specs: list[str]) -> Any:
    """A :class:`_LineScanner` over ``pattern`` if every block pattern in it can only
    match at a line start; else ``pattern`` itself (a plugin's unanchored pattern would
    be missed between line starts)."""
    if pattern.flags & re.M and all(_line_anchored(s) for s in specs):
        return _LineScanner(pattern)
    return pattern


def parse_body(lines: list[str], start_line: int) -> Body:
    """Blocks from mistune, rows, cells and sections from the lines themselves."""
    body = Body(start_line)
    src_lines = lines[start_line - 1 :]
    if not src_lines:
        return body
    md = _markdown()
    src = "\n".join(src_lines) + "\n"
    state = md.block.state_cls()
    state.process(src)
    md.block.parse(state)
    tokens = state.tokens
    first = start_line
    # each block runs from its start line to the next block's start line: a block's line
    # is the number of line breaks before its position (tokens come in position order;
    # the count restarts from the top if one does not)
    positions = []
    line = at = 0
    for t in tokens:
        pos = t.get("_pos", 0)
        if pos < at:
            line = at = 0
        line += src.count("\n", at, pos)
        at = pos
        positions.append(line)
    for i, tok in enumerate(tokens):
        lo = positions[i]
        hi = positions[i + 1] if i + 1 < len(tokens) else len(src_lines)
        kind = tok["type"]
        if kind == "heading":
            _add_heading(body, src_lines, lo, tok, first)
        elif kind == "table":
            body.tables.append(_read_table(src_lines, lo, hi, first))
        elif kind == "paragraph":
            block = [(first + j, src_lines[j]) for j in range(lo, hi) if src_lines[j].strip()]
            if not block:
                continue
            table = _malformed_table(block)
            if table is not None:
                body.tables.append(table)
                continue
            m = _BOLD_SECTION.match(block[0][1])
            if m:
                name = m.group("name").strip()
                col = block[0][1].index(m.group(1)) + 1
                body.sections.append(Section(name.rstrip(":").strip(), block[0][0], 0, 7, Span(block[0][0], col, block[0][0], len(block[0][1].rstrip()) + 1)))
            body.paragraph_lines.extend(block)
    end = first + len(src_lines)
    body.sections.sort(key=lambda s: s.line)
    for i, sec in enumerate(body.sections):
        sec.end_line = body.sections[i + 1].line if i + 1 < len(body.sections) else end
    return body


_CLOSING_HASHES = re.compile(r"(^|\s+)#+\s*$")


def _add_heading(body: Body, src_lines: list[str], lo: int, tok: dict[str, Any], first: int) -> None:
    line = src_lines[lo] if lo < len(src_lines) else ""
    level = tok.get("attrs", {}).get("level", 1)
    num = first + lo
    if line.lstrip().startswith("#"):
        text = line.strip().lstrip("#")
        if text.endswith("#"):  # a closing sequence (## Title ##)
            text = _CLOSING_HASHES.sub("", text)
        text = text.strip()
    else:  # setext: the text lines, then the underline
        text = tok.get("text", "").strip()
    stripped = strip_emphasis(text)
    col = len(line) - len(line.lstrip()) + 1
    span = Span(num, col, num, len(line.rstrip()) + 1)
    body.headings.append(Heading(level, stripped, num, span))
    body.sections.append(Section(stripped.rstrip(":").strip(), num, 0, level, span))


_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")


MAX_EMPHASIS_TEXT = 1000  # bounds the emphasis patterns' work on a hostile cell


def strip_emphasis(text: str) -> str:
    """The text of a cell or heading with its emphasis removed everywhere: ``**x**``,
    ``__x__``, ``*x*`` and ``_x_`` (at word boundaries, so ``snake_case`` stays)."""
    text = text.strip()
    if ("*" not in text and "_" not in text) or len(text) > MAX_EMPHASIS_TEXT:
        return text  # no real cell or title is that long; the rules report such text as it is
    for _ in range(4):  # nested (***x***) and repeated emphasis
        new = _EM_UNDERSCORE.sub(r"\1", _EM_STAR.sub(r"\1", _STRONG.sub(r"\2", text)))
        if new == text:
            break
        text = new
    return text.strip()



# Spans and cells made without NamedTuple's Python-level __new__ (a table makes one per cell).
_tuple_new = tuple.__new__


def _cell_parts(line: str) -> tuple[int, list[str]]:
    """A pipe-table line without backslashes split at each ``|``: where the first part
    starts (0-based) and the parts, without the leading and the trailing pipe."""
    i = len(line) - len(line.lstrip(" \t"))
    if line[i : i + 1] == "|":
        i += 1
    parts = line[i:].split("|")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()  # the trailing pipe
    return i, parts


def split_cells(line: str, line_no: int) -> list[Cell]:
    """Split a pipe-table line into cells with columns; ``\\|`` does not split."""
    if "\\" in line:
        return _split_escaped(line, line_no)
    i, parts = _cell_parts(line)
    cells: list[Cell] = []
    append = cells.append
    col = i + 1  # where each part starts (1-based)
    for raw in parts:
        text = raw.strip()
        if text:
            at = col + raw.find(text)  # the text starts after the part's leading whitespace
            end = at + len(text)
            if "*" in text or "_" in text:
                text = strip_emphasis(text)
        else:
            at = col + len(raw)
            end = at + 1
        append(_tuple_new(Cell, (text, _tuple_new(Span, (line_no, at, line_no, end)))))
        col += len(raw) + 1
    return cells


def _split_escaped(line: str, line_no: int) -> list[Cell]:
    """:func:`split_cells` for a line with backslashes, scanned character by character."""
    cells: list[Cell] = []
    n = len(line)
    i = 0
    while i < n and line[i] in " \t":
        i += 1
    if i < n and line[i] == "|":
        i += 1
    start = i
    while True:
        j = start
        while j < n and line[j] != "|":
            j += 2 if line[j] == "\\" else 1
        j = min(j, n)
        raw = line[start:j]
        if j >= n and not raw.strip() and cells:
            break  # trailing pipe
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        col = start + lead + 1
        # the span covers the cell as written; its text is read without emphasis
        cells.append(Cell(strip_emphasis(text), Span(line_no, col, line_no, col + max(len(text), 1))))
        if j >= n:
            break
        start = j + 1
    return cells


def _is_delimiter(line: str) -> bool:
    if "-" not in line:
        return False
    if "\\" in line or "*" in line or "_" in line:
        cells = split_cells(line, 0)
        return bool(cells) and all(_DELIM_CELL.match(c.text) for c in cells)
    # split_cells' parts without making cells: what it reads when no escape or emphasis
    return all(_DELIM_CELL.match(p.strip()) for p in _cell_parts(line)[1])


def _read_table(src_lines: list[str], lo: int, hi: int, first: int) -> Table:
    rows: list[Row] = []
    header = None
    for j in range(lo, hi):
        text = src_lines[j]
        if not text.strip() or "|" not in text:
            break
        num = first + j
        if j == lo + 1 and _is_delimiter(text):
            continue
        row = Row(num, split_cells(text, num), Span(num, 1, num, len(text) + 1))
        if header is None:
            header = row
        else:
            rows.append(row)
    if header is None:
        header = Row(first + lo, [], Span.point(first + lo))
    return Table(header, rows)


def _malformed_table(block: list[tuple[int, str]]) -> Table | None:
    """A paragraph that is a pipe table mistune rejected (a row with the wrong cell count)."""
    if len(block) < 2 or "|" not in block[0][1] or not _is_delimiter(block[1][1]):
        return None
    lines = [t for _, t in block]
    base = block[0][0]
    if block[-1][0] - base + 1 != len(block):
        return None
    table = _read_table(lines, 0, len(lines), base)
    return table
