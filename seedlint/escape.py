"""Escaping text that comes from a guide, a file name or a configuration file.

Every such string is escaped for the place it is printed, so that no repository can
move the cursor, rewrite a line, fake a summary or emit a CI workflow command:

* terminal and logs (text format, stderr): C0/C1 control characters, DEL, line and
  paragraph separators and the bidirectional controls (Trojan Source) are shown as
  ``\\x1b``, ``\\n``, ``\\u202e``; a backslash stays as it is;
* XML (JUnit): the same function, since XML 1.0 cannot carry most control characters;
* JSON and SARIF are exact: ``json.dumps`` escapes control characters itself.
"""

from __future__ import annotations

import re

# C0 (but not tab), DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates and marks.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# surrogate escapes stand for undecodable bytes in file names (os.fsdecode)
_SURROGATE = re.compile("[\udc80-\udcff]")


def _visible(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every character that could act on a terminal or a log shown visibly."""
    text = _SURROGATE.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", text)
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)



_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def for_json(text: str) -> str:
    """A JSON document with lone surrogates (undecodable bytes of a file name) written as
    ``\\udcff`` escapes: still exact for a JSON reader, and encodable as UTF-8."""
    if _LONE_SURROGATE.search(text) is None:
        return text
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
