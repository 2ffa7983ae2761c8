"""Baselines: record today's findings, then report only new ones.

Entries match by path, code and a fingerprint of the content at the finding
(the text of its line), not by line number: inserting lines above a finding
keeps it baselined, a new defect of the same code in the same file is new.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Iterator

from .escape import for_json

if TYPE_CHECKING:
    from .model import Diagnostic

VERSION = 1


class BaselineError(Exception):
    pass


def write(path: str, diagnostics: Iterable[Diagnostic]) -> int:
    """Record ``diagnostics`` in ``path`` (atomically); returns how many."""
    entries = sorted({(d.path, d.code, d.fingerprint, d.message) for d in diagnostics}, key=lambda e: e[:3])
    counts = Counter((d.path, d.code, d.fingerprint) for d in diagnostics)
    data = {"version": VERSION, "tool": "seedlint", "findings": [
        {"path": p, "code": c, "fingerprint": f, "count": counts[(p, c, f)], "message": m}
        for p, c, f, m in _first_per_key(entries)]}
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)  # an existing baseline keeps its mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # a new one gets what the umask gives any new file
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".seedlint-baseline-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(for_json(json.dumps(data, indent=2, ensure_ascii=False)))
            fh.write("\n")
        os.chmod(tmp, mode)
        os.replace(tmp, path)  # atomic: concurrent writers leave one complete file
    except BaseException:
        try:
            os.unlink(tmp)  # no temporary file survives a failure
        except OSError:
            pass
        raise
    return sum(counts.values())


def _first_per_key(entries: Iterable[tuple[str, str, str, str]]) -> Iterator[tuple[str, str, str, str]]:
    seen: set[tuple[str, str, str]] = set()
    for e in entries:
        if e[:3] not in seen:
            seen.add(e[:3])
            yield e


def load(path: str) -> Counter[tuple[str, str, str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} not found (create it with --write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"baseline {path} cannot be read: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"baseline {path} is not a seedlint baseline (version {VERSION})")
    out: Counter[tuple[str, str, str]] = Counter()
    for e in data["findings"]:
        try:
            out[(e["path"], e["code"], e["fingerprint"])] += int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"baseline {path} has a malformed entry: {e!r}") from None
    return out


def filter_new(path: str, diagnostics: Iterable[Diagnostic], linted: set[str]) -> tuple[list[Diagnostic], int]:
    """(findings not in the baseline, number of baselined findings now fixed in linted files)."""
    remaining = load(path)
    new = []
    for d in diagnostics:
        key = (d.path, d.code, d.fingerprint)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            new.append(d)
    fixed = sum(n for (p, _, _), n in remaining.items() if p in linted and n > 0)
    return new, fixed
