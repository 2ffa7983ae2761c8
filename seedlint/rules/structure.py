"""SL0xx and SL1xx: the file, its YAML, and the front-matter schema.

The parser and the schema stage record these defects on the document (they are
found while reading, before any value exists); each rule here reports the
defects of its code, so selection, severity and suppression treat them like
every other rule.
"""

from __future__ import annotations

from typing import Iterator

from ..model import ERROR, Finding
from ..registry import rule


def _problems(problems, code: str) -> Iterator[Finding]:
    for p in problems:
        if p.code == code:
            yield Finding(p.span, p.message)


@rule("SL001", "missing-front-matter", ERROR, "The file has no `---` front-matter block, or it is never closed.")
def missing_front_matter(doc, opts):
    """
    ## What it does
    Checks that the file starts with a line `---`, followed by YAML, closed by
    another line `---`.

    ## Why is this bad?
    Without front matter there is no data to check, and tools that read the
    guide (site generators, seedlint itself) see the whole file as text.

    ## Example
    FAIL:
    ```
    company: acme
    ---
    ```
    PASS:
    ```
    ---
    company: acme
    ---
    ```
    """
    return _problems(doc.problems, "SL001")


@rule("SL002", "yaml-syntax", ERROR, "The front matter is not valid YAML.")
def yaml_syntax(doc, opts):
    """
    ## What it does
    Reports the position of the first YAML syntax error in the front matter
    (also YAML nested deeper than seedlint reads).

    ## Why is this bad?
    Nothing after a syntax error can be read, so every other front-matter
    check is blind until it is fixed. Can be suppressed only file-wide.

    ## Example
    FAIL:
    ```
    company: [acme
    ```
    PASS:
    ```
    company: acme
    ```
    """
    return _problems(doc.problems, "SL002")


@rule("SL003", "duplicate-key", ERROR, "A mapping in the front matter repeats a key.")
def duplicate_key(doc, opts):
    """
    ## What it does
    Reports a key that appears twice in the same mapping, at the repeated key.

    ## Why is this bad?
    YAML loaders silently keep only the last value, so one of the two values
    is lost without any warning.

    ## Example
    FAIL:
    ```
    bonus_pct: 10
    bonus_pct: 15
    ```
    PASS:
    ```
    bonus_pct: 15
    ```
    """
    return _problems(doc.problems, "SL003")


@rule("SL004", "not-utf8", ERROR, "The file is not UTF-8 text.")
def not_utf8(doc, opts):
    """
    ## What it does
    Reports the line and column of the first byte that is not valid UTF-8
    (and UTF-16 files, by their byte-order mark).

    ## Why is this bad?
    Guides are UTF-8; other encodings show as garbage (`Â£` instead of `£`)
    in every other tool.

    ## Example
    FAIL: a file saved as Latin-1, where `£` is the single byte 0xA3.
    PASS: the same file saved as UTF-8.
    """
    return _problems(doc.problems, "SL004")


@rule("SL005", "front-matter-not-mapping", ERROR, "The front matter is empty, a list, or a single value.")
def front_matter_not_mapping(doc, opts):
    """
    ## What it does
    Checks that the front matter is a mapping of field names to values.

    ## Why is this bad?
    Every field of a guide is a key of that mapping; a list or a scalar has none.

    ## Example
    FAIL:
    ```
    ---
    - company: acme
    ---
    ```
    PASS:
    ```
    ---
    company: acme
    ---
    ```
    """
    return _problems(doc.problems, "SL005")


@rule("SL006", "unsafe-yaml-tag", ERROR, "A YAML tag asks for an object to be constructed.")
def unsafe_yaml_tag(doc, opts):
    """
    ## What it does
    Reports YAML tags other than the core ones (strings, numbers, booleans,
    null, dates, lists, mappings), such as `!!python/object/apply`. seedlint
    never constructs them; the value is treated as missing.

    ## Why is this bad?
    Such tags run code in unsafe loaders and mean nothing in a guide.

    ## Example
    FAIL:
    ```
    company: !!python/object/apply:os.system ["true"]
    ```
    PASS:
    ```
    company: acme
    ```
    """
    return _problems(doc.problems, "SL006")


@rule("SL007", "yaml-alias-expansion", ERROR, "A YAML alias refers to itself or expands to too many nodes.")
def yaml_alias_expansion(doc, opts):
    """
    ## What it does
    Reports a YAML alias that refers to the node containing it, or aliases
    that expand to more than 20,000 nodes (a "billion laughs" alias bomb).
    The check costs milliseconds: nothing is expanded past the limit.

    ## Why is this bad?
    Other tools that load the guide hang or run out of memory on it.

    ## Example
    FAIL:
    ```
    a: &a [*a]
    ```
    PASS:
    ```
    currency: &usd USD
    ```
    """
    return _problems(doc.problems, "SL007")


@rule("SL008", "file-too-large", ERROR, "The file is larger than the configured size limit.")
def file_too_large(doc, opts):
    """
    ## What it does
    Reports a file larger than `max-file-size` (default 10 MB) without
    reading it further.

    ## Why is this bad?
    A guide is a few kilobytes; a huge file is a mistake (a log, a dump) and
    would cost every tool time and memory.

    ## Example
    FAIL: a 50 MB file in the guides folder.
    PASS: a 6 KB guide.
    """
    return _problems(doc.problems, "SL008")


@rule("SL009", "binary-file", ERROR, "The file contains NUL bytes: it is binary, not a guide.")
def binary_file(doc, opts):
    """
    ## What it does
    Reports files containing NUL bytes, at the line of the first one.

    ## Why is this bad?
    A binary file among the guides (an image, an archive renamed `.md`) is a
    mistake; no text rule can say anything useful about it.

    ## Example
    FAIL: `guide.md` holding a PNG image.
    PASS: a UTF-8 text guide.
    """
    return _problems(doc.problems, "SL009")


@rule("SL101", "missing-field", ERROR, "A required front-matter field is absent.")
def missing_field(doc, opts):
    """
    ## What it does
    Reports each field the schema requires that is absent, at the first line
    of the mapping that should hold it.

    ## Why is this bad?
    Readers and the data rules rely on every guide having the same fields.

    ## Example
    FAIL (no `currency`):
    ```
    compensation:
      - region: London
        base_low: 182000
    ```
    PASS:
    ```
    compensation:
      - region: London
        currency: GBP
        ...
    ```
    """
    return _problems(doc.schema_problems, "SL101")


@rule("SL102", "unknown-field", ERROR, "A front-matter key the schema does not allow (often a typo).")
def unknown_field(doc, opts):
    """
    ## What it does
    Reports keys that the schema does not define, at the key, suggesting the
    closest known key.

    ## Why is this bad?
    A misspelt key (`base_lo`) is silently ignored by every consumer, and the
    value it was meant to set is missing.

    ## Example
    FAIL:
    ```
    base_lo: 240000
    ```
    PASS:
    ```
    base_low: 240000
    ```
    """
    return _problems(doc.schema_problems, "SL102")


@rule("SL103", "wrong-type", ERROR, "A front-matter value has the wrong type.")
def wrong_type(doc, opts):
    """
    ## What it does
    Reports values whose type is not the schema's (text where a number is
    expected, an empty value, a list instead of a mapping), at the value.

    ## Why is this bad?
    Arithmetic and comparisons on the value fail or give nonsense.

    ## Example
    FAIL:
    ```
    base_low: "240K"
    ```
    PASS:
    ```
    base_low: 240000
    ```
    """
    return _problems(doc.schema_problems, "SL103")


@rule("SL104", "invalid-value", ERROR, "A front-matter value fails an enum, pattern, format or range.")
def invalid_value(doc, opts):
    """
    ## What it does
    Reports values outside what the schema allows: an unknown currency code,
    a slug that is not kebab-case, a date that does not exist (`2026-02-30`),
    a quarter `2025-Q5`, a bonus over 100, an empty list.

    ## Why is this bad?
    The value is well-typed but wrong, and later rules cannot use it.

    ## Example
    FAIL:
    ```
    last_updated: 2026-02-30
    currency: DOLLARS
    ```
    PASS:
    ```
    last_updated: 2026-02-28
    currency: USD
    ```
    A number of more than 15 digits (longer than any real amount) is reported here
    too, and not read.
    """
    yield from _problems(doc.problems, "SL104")
    yield from _problems(doc.schema_problems, "SL104")


@rule("SL010", "non-string-key", ERROR, "A front-matter key is not a plain string (a number, boolean, null, date, list or mapping).")
def non_string_key(doc, opts):
    """
    ## What it does
    Reports a mapping key that YAML reads as something other than a string: `1:`,
    `true:`, `~:`, `2026-01-01:`, or a complex key (`? [a, b]`). The entry is
    ignored (not read as a field), so it can neither hide a value nor collide with
    the string key `"1"`.

    ## Why is this bad?
    Every field of a guide is named by a string. A key of another type is a typo
    or an attempt to smuggle an entry past the schema, which only sees string keys.

    ## Example
    FAIL:
    ```
    ? [company, role]
    : acme
    ```
    PASS:
    ```
    "1": first
    ```
    """
    return _problems(doc.problems, "SL010")


@rule("SL011", "invalid-merge-key", ERROR, "A YAML merge key `<<` does not merge a mapping.")
def invalid_merge_key(doc, opts):
    """
    ## What it does
    Merge keys (`<<: *defaults`) are read as PyYAML's safe loader reads them: the
    anchored mapping's entries are added where the mapping does not set them itself
    (explicit keys win; of several merged mappings, the earlier wins), and their
    positions are those of the anchor. This rule reports a merge whose value is not
    a mapping or a list of mappings; nothing is merged then.

    ## Why is this bad?
    A safe YAML loader refuses such a document, so other tools cannot read the guide.

    ## Example
    FAIL:
    ```
    defaults: &d 10
    compensation:
      - <<: *d
    ```
    PASS:
    ```
    defaults: &d {currency: USD}
    compensation:
      - <<: *d
        region: New York
    ```
    """
    return _problems(doc.problems, "SL011")
