"""Configuration files: ``[tool.seedlint]`` in pyproject.toml, ``.seedlint.toml``, ``seedlint.toml``.

Discovery: starting at the first linted path (or the working directory), each
folder upwards is searched; in one folder ``.seedlint.toml`` wins over
``seedlint.toml``, which wins over a ``pyproject.toml`` that has a
``[tool.seedlint]`` table. The nearest folder with one of them wins; files are
not merged. ``--config PATH`` names the file, ``--isolated`` ignores all of
them, and command-line flags override whatever a file says.

An unknown key, an unknown rule code or a value of the wrong type is a
:class:`ConfigError` naming the file, the line and the key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from .options import DEFAULT_KNOWN_COMPANIES
from .settings import Settings

CONFIG_NAMES = (".seedlint.toml", "seedlint.toml", "pyproject.toml")
LEVELS = ("error", "warning", "info", "off")


class ConfigError(Exception):
    """A configuration problem; the message names file, line and key."""


def _str_list(v):
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _str_map(v, values=None):
    return isinstance(v, dict) and all(isinstance(x, str) and (values is None or x in values) for x in v.values())


# key -> (check, description of the expected type)
KEYS = {
    "select": (_str_list, "a list of rule codes, prefixes or names"),
    "ignore": (_str_list, "a list of rule codes, prefixes or names"),
    "extend-select": (_str_list, "a list of rule codes, prefixes or names"),
    "per-file-ignores": (lambda v: isinstance(v, dict) and all(_str_list(x) for x in v.values()), "a table of glob = [codes]"),
    "severity": (lambda v: _str_map(v, LEVELS), "a table of code = \"error\" | \"warning\" | \"info\" | \"off\""),
    "include": (_str_list, "a list of globs"),
    "exclude": (_str_list, "a list of globs"),
    "extend-exclude": (_str_list, "a list of globs"),
    "force-exclude": (lambda v: isinstance(v, bool), "true or false"),
    "respect-gitignore": (lambda v: isinstance(v, bool), "true or false"),
    "schema": (lambda v: isinstance(v, str), "a path to a JSON Schema file"),
    "schema-mode": (lambda v: v in ("replace", "extend"), "\"replace\" or \"extend\""),
    "max-file-size": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0, "a positive integer (bytes)"),
    "corpus-roots": (_str_list, "a list of folders"),
    "fail-on": (lambda v: v in ("error", "warning", "info"), "\"error\", \"warning\" or \"info\""),
    "today": (lambda v: isinstance(v, dt.date) or (isinstance(v, str) and _is_date(v)), "a date YYYY-MM-DD"),
    "total-comp-tolerance": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < 1, "a fraction from 0 to 1 (0.02 = 2%)"),
    "vesting-years": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0, "a positive integer"),
    "stale-days": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a non-negative integer"),
    "region-currency": (lambda v: _str_map(v) and all(re.fullmatch(r"[A-Za-z]{3}", x) for x in v.values()), "a table of region = \"ISO code\""),
    "required-sections": (_str_list, "a list of section names"),
    "sources-section": (lambda v: isinstance(v, str) and v.strip() != "", "a section name"),
    "known-companies": (_str_list, "a list of company names"),
    "section-names": (_str_list, "a list of section names"),
    "cache-dir": (lambda v: isinstance(v, str), "a folder"),
    "jobs": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a non-negative integer (0 = all cores)"),
    "follow-symlinks": (lambda v: isinstance(v, bool), "true or false"),
}


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib


def find_config(start: str) -> Path | None:
    """The nearest configuration file above ``start`` (a file or folder)."""
    import errno
    import os
    import stat

    try:
        p = Path(start).resolve()
        if not p.is_dir():
            p = p.parent
    except OSError as exc:
        raise ConfigError(f"{start}: cannot look for a configuration file: {exc.strerror or exc}") from None
    for folder in (p, *p.parents):
        for name in CONFIG_NAMES:
            cand = folder / name
            try:
                if not stat.S_ISREG(os.stat(cand).st_mode):
                    continue
            except OSError as exc:
                if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                    continue
                # a folder that cannot be searched might hold the configuration: not guessed
                raise ConfigError(f"{folder}: cannot look for a configuration file: {exc.strerror or exc}") from None
            if name != "pyproject.toml" or _has_tool_table(cand):
                return cand
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\.seedlint\s*[\].]", text, re.M) is not None


def load(path: Path) -> tuple[dict, str]:
    """The seedlint table of a config file, and the file's text (for line numbers)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    try:
        data = _toml().loads(text)
    except ValueError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("seedlint", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.seedlint] must be a table")
    return data, text


def _line_of(text: str, key: str, pyproject: bool) -> int:
    """Line where ``key`` is set (inside the seedlint table for pyproject), else the table's line."""
    lines = text.splitlines()
    start = 0
    if pyproject:
        for i, line in enumerate(lines):
            if re.match(r"^\s*\[\s*tool\.seedlint\s*[\].]", line):
                start = i
                break
    pat = re.compile(r"^\s*(\[\s*(tool\.seedlint\.)?)?[\"']?" + re.escape(key) + r"[\"']?\s*(=|\])")
    for i in range(start, len(lines)):
        if pat.match(lines[i]):
            return i + 1
    return start + 1


def _shown(text: str) -> str:
    """A value from a configuration file, quoted and escaped for the terminal."""
    from .escape import for_terminal

    return "'" + for_terminal(text) + "'"


def settings_from(data: dict, path: Path, text: str, base: Settings | None = None) -> Settings:
    """Validate a config table and apply it to ``base``."""
    from .registry import resolve_selector

    pyproject = path.name == "pyproject.toml"

    def fail(key, msg):
        raise ConfigError(f"{path}:{_line_of(text, key, pyproject)}: {key}: {msg}")

    for key, value in data.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            fail(key, "unknown setting" + (f" (did you mean '{close[0]}'?)" if close else ""))
        check, want = KEYS[key]
        if not check(value):
            fail(key, f"expected {want}, got {value!r}")
    for key in ("select", "ignore", "extend-select"):
        for sel in data.get(key, ()):
            try:
                resolve_selector(sel)
            except KeyError:
                fail(key, f"unknown rule code or name {_shown(sel)}")
    for glob, sels in data.get("per-file-ignores", {}).items():
        for sel in sels:
            try:
                resolve_selector(sel)
            except KeyError:
                fail("per-file-ignores", f"unknown rule code or name {_shown(sel)} (for {_shown(glob)})")
    for sel in data.get("severity", {}):
        try:
            resolve_selector(sel)
        except KeyError:
            fail("severity", f"unknown rule code or name {_shown(sel)}")

    s = base or Settings()
    root = path.parent
    opts = s.options
    o = {}
    if "today" in data:
        v = data["today"]
        o["today"] = v if isinstance(v, dt.date) else dt.date.fromisoformat(v)
    if "total-comp-tolerance" in data:
        o["total_comp_tolerance"] = float(data["total-comp-tolerance"])
    if "vesting-years" in data:
        o["vesting_years"] = data["vesting-years"]
    if "stale-days" in data:
        o["stale_days"] = data["stale-days"]
    if "region-currency" in data:
        merged = dict(opts.region_currency)
        merged.update({" ".join(k.split()).lower(): v.upper() for k, v in data["region-currency"].items()})
        o["region_currency"] = tuple(sorted(merged.items()))
    if "required-sections" in data:
        o["required_sections"] = tuple(data["required-sections"])
    if "sources-section" in data:
        o["sources_section"] = data["sources-section"]
    if "section-names" in data:
        o["section_names"] = tuple(data["section-names"])
    if "known-companies" in data:
        o["known_companies"] = DEFAULT_KNOWN_COMPANIES + tuple(data["known-companies"])
    kw = {}
    for key, attr in (("select", "select"), ("ignore", "ignore"), ("extend-select", "extend_select"),
                      ("include", "include"), ("exclude", "exclude"), ("extend-exclude", "extend_exclude")):
        if key in data:
            kw[attr] = tuple(data[key])
    if "per-file-ignores" in data:
        kw["per_file_ignores"] = tuple((g, tuple(v)) for g, v in data["per-file-ignores"].items())
    if "severity" in data:
        kw["severity"] = tuple(data["severity"].items())
    if "respect-gitignore" in data:
        kw["respect_gitignore"] = data["respect-gitignore"]
    if "schema" in data:
        where = (root / data["schema"]).resolve()
        if where != root.resolve() and root.resolve() not in where.parents:
            # a repository's configuration must not make seedlint read (and quote, in
            # validation messages) a file elsewhere on the machine
            fail("schema", f"{_shown(data['schema'])} lies outside the project root {_shown(str(root.resolve()))}")
        kw["schema"] = str(where)
    if "schema-mode" in data:
        kw["schema_mode"] = data["schema-mode"]
    if "max-file-size" in data:
        kw["max_file_size"] = data["max-file-size"]
    if "corpus-roots" in data:
        roots = []
        real_root = root.resolve()
        for r in data["corpus-roots"]:
            where = (root / r).resolve()
            if not where.is_dir():
                fail("corpus-roots", f"{_shown(r)} is not a folder (resolved from {_shown(str(root))})")
            if where != real_root and real_root not in where.parents:
                fail("corpus-roots", f"{_shown(r)} lies outside the project root {_shown(str(real_root))}")
            roots.append(str(where))
        kw["corpus_roots"] = tuple(roots)
    if "fail-on" in data:
        kw["fail_on"] = data["fail-on"]
    if "cache-dir" in data:
        kw["cache_dir"] = str((root / data["cache-dir"]).resolve())
    if "jobs" in data:
        kw["jobs"] = data["jobs"]
    if "force-exclude" in data:
        kw["force_exclude"] = data["force-exclude"]
    if "follow-symlinks" in data:
        kw["follow_symlinks"] = data["follow-symlinks"]
    return replace(s, options=replace(opts, **o), config_path=str(path), **kw)


def resolve(start: str, explicit: str | None, isolated: bool) -> Settings:
    """Settings from the configuration file that applies (none with ``isolated``)."""
    s = Settings()
    if isolated:
        return s
    path = Path(explicit) if explicit else find_config(start)
    if path is None:
        return s
    if explicit and not path.is_file():
        raise ConfigError(f"{explicit}: configuration file not found")
    data, text = load(path)
    return settings_from(data, path, text, s)
