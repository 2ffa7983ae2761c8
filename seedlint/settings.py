"""Effective settings of a run: which rules, at which severity, with which options.

Built by the CLI from defaults, configuration files and flags (see
``config.py``); the linter only reads it.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from .options import Options

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")
# The usual documents of a repository: skipped unless `exclude` is set (`extend-exclude`
# adds to them). Matched case-insensitively against the path relative to the project root:
# a name (with at most one extension) at any depth, a folder at the top. A file that opens
# with a guide's front matter is linted all the same (discover.looks_like_guide).
DEFAULT_EXCLUDE = (
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*", "CONTRIBUTING*", "CODE_OF_CONDUCT*",
    "SECURITY*", "SUPPORT*", "GOVERNANCE*", "AUTHORS*", "CONTRIBUTORS*", "MAINTAINERS*", "NOTICE*",
    "LICENSE*", "LICENCE*", "COPYING*", "PULL_REQUEST_TEMPLATE*", "ISSUE_TEMPLATE*",
    "docs/**", "doc/**", ".github/**", "node_modules/**",
)


@dataclass
class Settings:
    options: Options = field(default_factory=Options)
    select: tuple = ("ALL",)
    ignore: tuple = ()
    extend_select: tuple = ()
    per_file_ignores: tuple = ()  # ((glob, (selector, ...)), ...)
    severity: tuple = ()  # ((selector, "error"|"warning"|"info"|"off"), ...)
    include: tuple = ()
    exclude: tuple = DEFAULT_EXCLUDE
    extend_exclude: tuple = ()
    force_exclude: bool = False  # include/exclude apply to files named on the command line too
    respect_gitignore: bool = True
    schema: str | None = None
    schema_mode: str = "replace"  # or "extend"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    corpus_roots: tuple = ()
    fail_on: str = "error"
    cache_dir: str | None = None
    jobs: int | None = None
    follow_symlinks: bool = False
    config_path: str | None = None

    def __post_init__(self):
        self._codes = None
        self._sev = None
        self._key = None

    def enabled(self) -> frozenset:
        """Codes selected and not ignored (before per-file ignores)."""
        if self._codes is None:
            from .registry import resolve_selector

            codes: set = set()
            for sel in self.select + self.extend_select:
                codes.update(resolve_selector(sel))
            for sel in self.ignore:
                codes.difference_update(resolve_selector(sel))
            codes.difference_update(c for c, s in self.severities().items() if s == "off")
            self._codes = frozenset(codes)
        return self._codes

    def severities(self) -> dict:
        """Code → effective severity (defaults overridden by the ``severity`` setting)."""
        if self._sev is None:
            from .registry import all_rules, resolve_selector

            sev = {code: r.severity for code, r in all_rules().items()}
            for sel, level in self.severity:
                for code in resolve_selector(sel):
                    sev[code] = level
            self._sev = sev
        return self._sev

    def ignored_for(self, path: str) -> frozenset:
        """Codes ignored for ``path`` by ``per-file-ignores``."""
        from .registry import resolve_selector

        out: set = set()
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
        return repr((sorted(self.enabled()), sorted(self.severities().items()), self.per_file_ignores,
                     self.schema, self.schema_mode, self.max_file_size, self.options.key()))


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
