"""Effective settings of a run: which rules, at which severity, with which options.

Built by the CLI from defaults, configuration files and flags (see
``config.py``); the linter only reads it.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field, fields
from typing import Any

from .options import Options
from .spec import (CORPUS, EXIT, FILES, FIXES, RESULTS, RUN, inside_root, is_bool, is_int, is_str_list, is_str_map, setting,
                   spec_of, to_folders_inside_root, to_path, to_per_file_ignores, to_selectors, to_severity, to_tuple)

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")
# The usual documents of a repository: skipped unless `exclude` is set (`extend-exclude`
# adds to them). Matched case-insensitively against the path relative to the project root:
# a name (with at most one extension) at any depth, a folder at the top. A file that opens
# with a guide's front matter is linted all the same (discover.looks_like_guide).
LEVELS = ("error", "warning", "info", "off")
_SELECTORS = "a list of rule codes, prefixes or names"
DEFAULT_EXCLUDE = (
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*", "CONTRIBUTING*", "CODE_OF_CONDUCT*",
    "SECURITY*", "SUPPORT*", "GOVERNANCE*", "AUTHORS*", "CONTRIBUTORS*", "MAINTAINERS*", "NOTICE*",
    "LICENSE*", "LICENCE*", "COPYING*", "PULL_REQUEST_TEMPLATE*", "ISSUE_TEMPLATE*",
    "docs/**", "doc/**", ".github/**", "node_modules/**",
)


_NONE_IGNORED: frozenset[str] = frozenset()


@dataclass
class Settings:
    """Every setting of a run (see ``spec.py``: each field declares its key, check,
    conversion, documentation and whether it changes a file's result)."""

    options: Options = field(default_factory=Options)
    select: tuple[str, ...] = setting(
        ("ALL",), key="select", kind="list of selectors", check=is_str_list, want=_SELECTORS,
        default_doc='`["ALL"]`',
        doc="rules to run: codes (`SL301`), prefixes (`SL3`, `ALL`) or names (`total-comp-mismatch`)",
        affects=RESULTS, example=["SL3"], convert=to_selectors)
    extend_select: tuple[str, ...] = setting(
        (), key="extend-select", kind="list of selectors", check=is_str_list, want=_SELECTORS, default_doc="`[]`",
        doc="rules added to `select`", affects=RESULTS, example=["SL3"], convert=to_selectors)
    ignore: tuple[str, ...] = setting(
        (), key="ignore", kind="list of selectors", check=is_str_list, want=_SELECTORS, default_doc="`[]`",
        doc="rules not to run", affects=RESULTS, example=["SL3"], convert=to_selectors)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = setting(
        (), key="per-file-ignores", kind="table glob → list",
        check=lambda v: isinstance(v, dict) and all(is_str_list(x) for x in v.values()),
        want="a table of glob = [codes]", default_doc="`{}`",
        doc="rules not to run for matching paths (`*.txt`, `seeds/legacy/**`)",
        affects=RESULTS, example={"*.md": ["SL3"]}, convert=to_per_file_ignores)
    severity: tuple[tuple[str, str], ...] = setting(
        (), key="severity", kind="table selector → level", check=lambda v: is_str_map(v, LEVELS),
        want='a table of code = "error" | "warning" | "info" | "off"', default_doc="rule defaults",
        doc="`error`, `warning`, `info`, or `off` (same as ignoring)",
        affects=RESULTS, example={"SL401": "error"}, convert=to_severity)
    include: tuple[str, ...] = setting(
        (), key="include", kind="list of globs", check=is_str_list, want="a list of globs", default_doc="`[]` (all)",
        doc="when set, a walked file must match one (files named on the command line are always linted, "
            "unless `force-exclude`)",
        affects=FILES, example=["seeds/**"], convert=to_tuple)
    exclude: tuple[str, ...] = setting(
        DEFAULT_EXCLUDE, key="exclude", kind="list of globs", check=is_str_list, want="a list of globs",
        default_doc="the usual repository documents",
        doc="walked files matching one are skipped. The default skips, case-insensitively, the documents named `README`, `CHANGELOG`, `CHANGES`, `HISTORY`, `NEWS`, `CONTRIBUTING`, `CODE_OF_CONDUCT`, `SECURITY`, `SUPPORT`, `GOVERNANCE`, `AUTHORS`, `CONTRIBUTORS`, `MAINTAINERS`, `NOTICE`, `LICENSE`, `LICENCE`, `COPYING`, `PULL_REQUEST_TEMPLATE`, `ISSUE_TEMPLATE` (with at most one extension: `README.md`, not `README-acme.md`) at any depth and the folders `docs/`, `doc/`, `.github/`, `node_modules/` at the project root — except a file that opens with a guide's front matter (`company:`, `role:`, `compensation:` …), which is linted wherever it is and whatever its name, so renaming a guide cannot take it out of the gate. Setting `exclude` replaces that list",
        affects=FILES, example=["drafts/**"], convert=to_tuple)
    extend_exclude: tuple[str, ...] = setting(
        (), key="extend-exclude", kind="list of globs", check=is_str_list, want="a list of globs", default_doc="`[]`",
        doc="globs skipped in addition to `exclude` (keeps the defaults)", affects=FILES, example=["drafts/**"],
        convert=to_tuple)
    force_exclude: bool = setting(
        False, key="force-exclude", kind="bool", check=is_bool, want="true or false", default_doc="`false`",
        doc="apply `include`/`exclude` to files named on the command line too (ruff's `force-exclude`); "
            "`--pre-commit` turns it on, because pre-commit names every changed Markdown file, README.md included",
        affects=FILES, example=True)
    respect_gitignore: bool = setting(
        True, key="respect-gitignore", kind="bool", check=is_bool, want="true or false", default_doc="`true`",
        doc="skip files git ignores (inside a git repository)", affects=FILES, example=False)
    schema: str | None = setting(
        None, key="schema", kind="path", check=lambda v: isinstance(v, str), want="a path to a JSON Schema file",
        default_doc="shipped schema", doc="a JSON Schema for the front matter", affects=RESULTS,
        example="extra.schema.json", convert=inside_root)
    schema_mode: str = setting(
        "replace", key="schema-mode", kind='`"replace"` / `"extend"`', check=lambda v: v in ("replace", "extend"),
        want='"replace" or "extend"', default_doc='`"replace"`',
        doc="`extend`: the front matter must satisfy both the shipped schema and yours (`allOf`)",
        affects=RESULTS, example="extend")
    max_file_size: int = setting(
        DEFAULT_MAX_FILE_SIZE, key="max-file-size", kind="integer (bytes)", check=lambda v: is_int(v, 1),
        want="a positive integer (bytes)", default_doc="10485760",
        doc="larger files get SL008 and are not read further", affects=RESULTS, example=1000)
    corpus_roots: tuple[str, ...] = setting(
        (), key="corpus-roots", kind="list of folders", check=is_str_list, want="a list of folders",
        default_doc="`[]`",
        doc="corpus rules (SL7xx) also read every guide below these, reporting only for linted files "
            "(pre-commit passes only changed files); each must exist and lie inside the project root",
        affects=CORPUS, example=["guides"], convert=to_folders_inside_root)
    fail_on: str = setting(
        "error", key="fail-on", kind='`"error"` / `"warning"` / `"info"`',
        check=lambda v: v in ("error", "warning", "info"), want='"error", "warning" or "info"',
        default_doc='`"error"`', doc="lowest severity that makes the exit status 1", affects=EXIT,
        example="warning")
    cache_dir: str | None = setting(
        None, key="cache-dir", kind="path", check=lambda v: isinstance(v, str), want="a folder",
        default_doc="one folder per project in the user's cache folder",
        doc="where results are cached (`--no-cache` to bypass); seedlint uses a folder only if it created it "
            "itself, never the project root or a folder holding linted files (see [security.md](security.md))",
        affects=RUN, example="cache", convert=to_path)
    follow_symlinks: bool = setting(
        False, key="follow-symlinks", kind="bool", check=is_bool, want="true or false", default_doc="`false`",
        doc="lint symlinked guides whose target lies outside the project root (`--follow-symlinks`); by "
            "default they are skipped with one warning",
        affects=FILES, example=True)
    jobs: int | None = setting(
        None, key="jobs", kind="integer", check=lambda v: is_int(v, 0),
        want="a non-negative integer (0 = all cores)", default_doc="`0` (all cores)",
        doc="worker processes (`--jobs`)", affects=RUN, example=1)
    fixable: tuple[str, ...] = setting(
        ("ALL",), key="fixable", kind="list of selectors", check=is_str_list, want=_SELECTORS,
        default_doc='`["ALL"]`', doc="rules whose fixes `--fix` may apply (ruff's `fixable`)",
        affects=FIXES, example=["SL5"], convert=to_selectors)
    unfixable: tuple[str, ...] = setting(
        (), key="unfixable", kind="list of selectors", check=is_str_list, want=_SELECTORS, default_doc="`[]`",
        doc="rules whose fixes `--fix` never applies; reported as usual", affects=FIXES, example=["SL301"],
        convert=to_selectors)
    unsafe_fixes: bool = setting(
        False, key="unsafe-fixes", kind="bool", check=is_bool, want="true or false", default_doc="`false`",
        doc="apply unsafe fixes too (`--unsafe-fixes`; `--no-unsafe-fixes` overrides); see [fixes.md](fixes.md)",
        affects=FIXES, example=True)
    config_path: str | None = None  # the file these came from (not a setting)
    # facts collected whatever the rules (``seedlint report`` asks for "report"); not a setting
    collect: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._codes: frozenset[str] | None = None
        self._fixable: frozenset[str] | None = None
        self._sev: dict[str, str] | None = None
        self._key: str | None = None
        # the engine's per-file plan by per-file-ignore set (linter._plan)
        self._plans: dict[frozenset[str], Any] = {}

    def fixable_codes(self) -> frozenset[str]:
        """Codes whose fixes may be applied (``fixable`` minus ``unfixable``; computed once)."""
        if self._fixable is None:
            from .registry import resolve_selector

            codes: set[str] = set()
            for sel in self.fixable:
                codes.update(resolve_selector(sel))
            for sel in self.unfixable:
                codes.difference_update(resolve_selector(sel))
            self._fixable = frozenset(codes)
        return self._fixable

    def enabled(self) -> frozenset[str]:
        """Codes selected and not ignored (before per-file ignores)."""
        if self._codes is None:
            from .registry import resolve_selector

            codes: set[str] = set()
            for sel in self.select + self.extend_select:
                codes.update(resolve_selector(sel))
            for sel in self.ignore:
                codes.difference_update(resolve_selector(sel))
            codes.difference_update(c for c, s in self.severities().items() if s == "off")
            self._codes = frozenset(codes)
        return self._codes

    def severities(self) -> dict[str, str]:
        """Code → effective severity (defaults overridden by the ``severity`` setting)."""
        if self._sev is None:
            from .registry import all_rules, resolve_selector

            sev = {code: r.severity for code, r in all_rules().items()}
            for sel, level in self.severity:
                for code in resolve_selector(sel):
                    sev[code] = level
            self._sev = sev
        return self._sev

    def ignored_for(self, path: str) -> frozenset[str]:
        """Codes ignored for ``path`` by ``per-file-ignores``."""
        if not self.per_file_ignores:
            return _NONE_IGNORED
        from .registry import resolve_selector

        out: set[str] = set()
        for pattern, selectors in self.per_file_ignores:
            if path_matches(path, pattern):
                for sel in selectors:
                    out.update(resolve_selector(sel))
        return frozenset(out)

    def cache_key(self) -> str:
        """Everything in the settings that can change a file's result (computed once)."""
        if self._key is None:
            self._key = self._cache_key()
        return self._key

    def _cache_key(self) -> str:
        # every setting declared to affect results (select & co. through what they resolve to)
        own = [(f.name, getattr(self, f.name)) for f in fields(self)
               if (spec := spec_of(f)) is not None and spec.affects == RESULTS]
        return repr((sorted(self.enabled()), sorted(self.severities().items()), own, self.options.key(),
                     sorted(self.collect)))


# the name itself with at most one extension: README, README.md, readme.txt — not README-acme.md
_DEFAULT_NAMES = re.compile(r"(?:" + "|".join(re.escape(p[:-1]) for p in DEFAULT_EXCLUDE if not p.endswith("/**"))
                            + r")(?:\.[A-Za-z0-9]+)?\Z", re.I)
_DEFAULT_FOLDERS = tuple(p[:-2].lower() for p in DEFAULT_EXCLUDE if p.endswith("/**"))


def is_default_name(name: str) -> bool:
    """Whether a file name is one of DEFAULT_EXCLUDE's document names (README*, LICENSE* …)."""
    return _DEFAULT_NAMES.match(name) is not None


def is_default_folder(rel: str) -> bool:
    """Whether ``rel`` lies in one of DEFAULT_EXCLUDE's folders (docs/, .github/ …)."""
    return (rel.lower() + "/").startswith(_DEFAULT_FOLDERS)


def path_matches(path: str, pattern: str) -> bool:
    """Glob match on the path or any of its trailing parts (``seeds/*.md``, ``*.txt``, ``legacy/**``)."""
    path = path.replace("\\", "/")
    if path.startswith("./"):
        path = path[2:]
    pat = pattern.replace("\\", "/").rstrip("/")
    if pat.endswith("/**"):
        pat = pat[:-3]
        parts = path.split("/")
        return any(fnmatch.fnmatchcase("/".join(parts[i : i + len(pat.split("/"))]), pat) for i in range(len(parts)))
    parts = path.split("/")
    return any(fnmatch.fnmatchcase("/".join(parts[i:]), pat) for i in range(len(parts)))
