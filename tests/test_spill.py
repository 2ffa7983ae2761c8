"""Findings and results beyond a bound go to a temporary file: same output, same order."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from seedlint import spill
from seedlint.model import Diagnostic
from seedlint.spill import Columns, Findings, Numbers, Spool


def _diag(path: str, line: int, column: int = 1, code: str = "SL001", message: str = "m") -> Diagnostic:
    return Diagnostic(path, line, column, line, column + 1, code, "name", "error", message)


@pytest.mark.parametrize("hold", [1, 3, 7, 1000])
def test_findings_iterate_in_sort_order_whatever_was_spilled(hold: int) -> None:
    rng = random.Random(hold)
    diags = [_diag(f"g{rng.randrange(30):02d}.md", rng.randrange(1, 9), rng.randrange(1, 4),
                   message=str(n)) for n in range(500)]
    found = Findings(hold=hold)
    for start in range(0, len(diags), 11):
        found.extend(diags[start:start + 11])
    want = sorted(diags, key=lambda d: d.sort_key())  # stable: equal keys keep insertion order
    assert [d.sort_key() for d in found] == [d.sort_key() for d in want]
    assert list(found) == list(found)  # iterable again
    assert len(found) == 500 and bool(found)
    assert found.spilled == (hold < 500)
    found.close()


@pytest.mark.parametrize("hold", [1, 5, 64, 10_000])
def test_numbers_read_back_in_order_whole_or_taken_piecewise(hold: int) -> None:
    rng = random.Random(hold)
    want = [rng.randrange(-2**63, 2**63) for _ in range(3000)]
    numbers = Numbers("q", hold)
    for x in want:
        numbers.buf.append(x)
        numbers.check()
    assert len(numbers) == 3000 and list(numbers) == want and list(numbers) == want  # again
    assert (numbers._fh is not None) == (hold <= 3000)
    reader, got, sizes = numbers.reader(), [], []
    while len(got) < 3000:
        sizes.append(rng.choice([0, 1, 2, 7, 70, 1000]))
        got.extend(reader.take(sizes[-1]))
    assert got[:3000] == want and len(got) == 3000  # a take at the end gives what is left
    assert list(reader.take(5)) == []
    numbers.close()
    assert len(numbers) == 0 and list(numbers) == []


@pytest.mark.parametrize(("hold", "parts"), [(1, 1), (1, 3), (50, 4), (100_000, 64)])
def test_columns_give_each_column_its_values_in_order_one_partition_at_a_time(hold: int, parts: int) -> None:
    rng = random.Random(hold * parts)
    want: dict[int, list[float]] = {}
    columns = Columns(hold, parts)
    for _ in range(700):
        first = rng.randrange(0, 60, 6)
        row = [rng.choice([None, rng.random()]) for _ in range(6)]
        for i, v in enumerate(row):
            if v is not None:
                want.setdefault(first + i, []).append(v)
        columns.add_row(first, row)
    seen: dict[int, list[float]] = {}
    groups = 0
    for group in columns.groups():
        groups += 1
        assert not seen.keys() & group.keys()  # a column is in one group only
        seen.update({c: list(v) for c, v in group.items()})
        if columns.spilled:
            assert {c % parts for c in group} == {next(iter(group)) % parts}  # one partition
    assert seen == want
    assert columns.spilled == (hold < 100_000) and groups == (1 if hold == 100_000 else min(parts, len({c % parts for c in want})))
    columns.close()
    assert list(columns.groups()) == []


def test_findings_in_path_order_are_one_run_on_disk() -> None:
    found = Findings(hold=10)
    for n in range(100):
        found.extend([_diag(f"g{n:03d}.md", 2), _diag(f"g{n:03d}.md", 1)])
    assert len(found._runs) == 1  # each batch starts after the last: appended, no merge
    assert [d.path for d in found][:3] == ["g000.md", "g000.md", "g001.md"]
    assert [d.line for d in found][:2] == [1, 2]


def test_an_empty_findings_is_false() -> None:
    assert not Findings() and list(Findings()) == [] and len(Findings()) == 0


def test_spool_keeps_the_order_items_came_in() -> None:
    spool: Spool[int] = Spool(hold=7)
    for n in range(100):
        spool.append(n)
    assert list(spool) == list(range(100)) and len(spool) == 100
    spool.close()


def test_the_temporary_file_is_not_in_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []
    real = spill._temp

    def temp() -> object:
        fh = real()
        made.append(fh)
        return fh

    monkeypatch.setattr(spill, "_temp", temp)
    monkeypatch.chdir(tmp_path)
    found = Findings(hold=1)
    found.extend([_diag("a.md", 1), _diag("a.md", 2)])
    assert list(found) and made
    assert list(tmp_path.iterdir()) == []  # nothing written where the run is
    if os.path.isdir("/proc/self/fd"):  # where the (already unlinked) file really is
        where = os.readlink(f"/proc/self/fd/{made[0].fileno()}")  # type: ignore[attr-defined]
        assert where.startswith(os.path.realpath(tempfile.gettempdir()) + os.sep)
        assert not where.startswith(str(tmp_path))
    found.close()


ROOT = Path(__file__).resolve().parent.parent


def test_a_spilled_run_reports_exactly_what_a_held_run_does(tmp_path: Path) -> None:
    """The CLI with bounds of one finding (every result and diagnostic through the disk)
    writes the same report, in every format, as with the default bounds."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate  # type: ignore[import-not-found]

    generate(60, str(tmp_path / "g"), 1.0, 3, shape="perturbed")
    code = ("import sys, seedlint.spill as s\n"
            "s.Findings.__init__.__defaults__ = ((), 1)\n"
            "s.Spool.__init__.__defaults__ = (1,)\n"
            "t = s._temp\n"
            "def temp():\n    print('spilled', file=sys.stderr)\n    return t()\n"
            "s._temp = temp\n"
            "from seedlint.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    for fmt in ("text", "json", "sarif", "junit", "github", "gcc"):
        args = ["--isolated", "--no-cache", "--today", "2026-11-26", "--format", fmt, "--jobs", "1", str(tmp_path / "g")]
        held = subprocess.run([sys.executable, "-m", "seedlint", *args], capture_output=True, text=True, cwd=tmp_path)
        spilled = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path)
        assert held.returncode == spilled.returncode == 1, held.stderr + spilled.stderr
        assert held.stdout == spilled.stdout, fmt
        assert held.stdout.count("SL") > 60
        assert "spilled" in spilled.stderr and "spilled" not in held.stderr


def test_corpus_rules_read_spilled_facts_exactly_as_held_ones(tmp_path: Path) -> None:
    """Facts beyond the bound go to the temporary file, SL702 splits mappings again
    instead of keeping them, holds its hashes on disk and finds its candidate keys through
    its bit set, SL703 holds its values on disk by partitions: the corpus
    rules' findings (a duplicate, a level conflict, an
    outlier, and a file read only for context) are the same as with everything in memory."""
    from conftest import clean_guide

    folder = tmp_path / "g"
    folder.mkdir()
    for i in range(12):
        text = clean_guide(i)
        if i == 3:
            text = text.replace("base_low: 200000", "base_low: 20000")  # SL703
        if i in (5, 9):
            text = text.replace("Meta E5", "Meta E6")  # SL702, against the majority
        (folder / f"g{i:02}.md").write_text(text, encoding="utf-8")
    (folder / "g99.md").write_text((folder / "g01.md").read_text(encoding="utf-8"), encoding="utf-8")  # SL701
    code = ("import sys, seedlint.spill as s, seedlint.runner as r, seedlint.rules.sl7_corpus as c\n"
            "r.FACTS_HELD = 1\nc.KEEP_ITEMS = 0\nc.DIRECT_KEYS = 0\nc.HASHES_HELD = 1\nc.VALUES_HELD = 1\nc.ALL_NAMES = 0\n"
            "t = s._temp\n"
            "def temp():\n    print('spilled', file=sys.stderr)\n    return t()\n"
            "s._temp = temp\n"
            "from seedlint.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    for extra in ([str(folder)], ["--corpus-root", str(folder), str(folder / "g05.md"), str(folder / "g99.md")]):
        args = ["--isolated", "--no-cache", "--today", "2026-11-26", "--select", "SL7", "--jobs", "1", *extra]
        held = subprocess.run([sys.executable, "-m", "seedlint", *args], capture_output=True, text=True, cwd=tmp_path)
        spilled = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path)
        assert held.returncode == spilled.returncode == 1, held.stderr + spilled.stderr
        assert held.stdout == spilled.stdout and "spilled" in spilled.stderr
        codes = {line.split()[1] for line in held.stdout.splitlines() if " SL7" in line}
        assert codes == ({"SL701", "SL702", "SL703"} if len(extra) == 1 else {"SL701", "SL702"}), held.stdout
        if len(extra) > 1:  # findings only for the files linted; g01 (SL701 with g99) is read for context
            where = {line.split(":")[0] for line in held.stdout.splitlines() if " SL7" in line}
            assert where == {"g/g05.md", "g/g99.md"}, held.stdout
            cached = [a for a in args if a != "--no-cache"] + ["--cache-dir", str(tmp_path / "cache")]
            for _ in range(2):  # cold, then warm: the facts come from the cache by their digests
                again = subprocess.run([sys.executable, "-m", "seedlint", *cached], capture_output=True, text=True, cwd=tmp_path)
                assert again.stdout == held.stdout
