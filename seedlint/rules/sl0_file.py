"""SL0xx: the file and its YAML.

The parser finds these while reading a file, before any value exists
(``Document.problems``); the engine reports them under these codes, so selection,
severity and suppression treat them like every other rule. SL012 is reported by the
engine for a file it does not read.
"""

from __future__ import annotations

from ..model import ERROR
from ..registry import ENGINE, PARSER, reported

reported(
    "SL001", "missing-front-matter", ERROR,
    "The file has no `---` front-matter block, or it is never closed.",
    by=PARSER,
    doc="""
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
    """,
)


reported(
    "SL002", "yaml-syntax", ERROR,
    "The front matter is not valid YAML.",
    by=PARSER,
    doc="""
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

    ## Fix
    None: where the YAML went wrong is known, what was meant is not.
    """,
)


reported(
    "SL003", "duplicate-key", ERROR,
    "A mapping in the front matter repeats a key.",
    by=PARSER,
    doc="""
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

    ## Fix
    None: which of the two values is the right one is a judgement the file does not settle.
    """,
)


reported(
    "SL004", "not-utf8", ERROR,
    "The file is not UTF-8 text.",
    by=PARSER,
    doc="""
    ## What it does
    Reports the line and column of the first byte that is not valid UTF-8
    (and UTF-16 files, by their byte-order mark).

    ## Why is this bad?
    Guides are UTF-8; other encodings show as garbage (`Â£` instead of `£`)
    in every other tool.

    ## Example
    FAIL: a file saved as Latin-1, where `£` is the single byte 0xA3.
    PASS: the same file saved as UTF-8.
    """,
)


reported(
    "SL005", "front-matter-not-mapping", ERROR,
    "The front matter is empty, a list, or a single value.",
    by=PARSER,
    doc="""
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
    """,
)


reported(
    "SL006", "unsafe-yaml-tag", ERROR,
    "A YAML tag asks for an object to be constructed.",
    by=PARSER,
    doc="""
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
    """,
)


reported(
    "SL007", "yaml-alias-expansion", ERROR,
    "A YAML alias refers to itself or expands to too many nodes.",
    by=PARSER,
    doc="""
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
    """,
)


reported(
    "SL008", "file-too-large", ERROR,
    "The file is larger than the configured size limit.",
    by=PARSER,
    doc="""
    ## What it does
    Reports a file larger than `max-file-size` (default 10 MB) without
    reading it further.

    ## Why is this bad?
    A guide is a few kilobytes; a huge file is a mistake (a log, a dump) and
    would cost every tool time and memory.

    ## Example
    FAIL: a 50 MB file in the guides folder.
    PASS: a 6 KB guide.
    """,
)


reported(
    "SL009", "binary-file", ERROR,
    "The file contains NUL bytes: it is binary, not a guide.",
    by=PARSER,
    doc="""
    ## What it does
    Reports files containing NUL bytes, at the line of the first one.

    ## Why is this bad?
    A binary file among the guides (an image, an archive renamed `.md`) is a
    mistake; no text rule can say anything useful about it.

    ## Example
    FAIL: `guide.md` holding a PNG image.
    PASS: a UTF-8 text guide.
    """,
)


reported(
    "SL010", "non-string-key", ERROR,
    "A front-matter key is not a plain string (a number, boolean, null, date, list or mapping).",
    by=PARSER,
    doc="""
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
    """,
)


reported(
    "SL011", "invalid-merge-key", ERROR,
    "A YAML merge key `<<` does not merge a mapping.",
    by=PARSER,
    doc="""
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
    """,
)


reported(
    "SL012", "symlink-outside-project", ERROR,
    "A guide is a symbolic link whose target lies outside the project root; it was not read.",
    by=ENGINE,
    doc="""
    ## What it does
    Reported by the engine, not by a check: a guide that is a symbolic link (or is
    reached through one) whose target lies outside the project root is not read,
    and this finding stands at its first line instead. `--follow-symlinks` (or
    `follow-symlinks = true`) reads such links.

    ## Why is this bad?
    A repository controls its symlinks: following them would let a pull request
    make seedlint read any file on the machine (`/etc/passwd`) and echo its lines
    in messages, and replacing a defective guide with a link must not pass the gate.

    ## Example
    FAIL: `seeds/acme.md -> /etc/hostname`.
    PASS: `seeds/acme.md -> ../archive/acme.md` inside the project.
    """,
)
