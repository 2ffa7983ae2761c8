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

import re
import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, NoReturn

from .options import Options
from .settings import Settings
from .spec import Context, SettingError, Spec, spec_of

CONFIG_NAMES = (".seedlint.toml", "seedlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem; the message names file, line and key."""


def declared() -> dict[str, tuple[str, Spec]]:
    """Every setting by configuration key: ``(where, spec)``, where is "settings" or "options"."""
    out: dict[str, tuple[str, Spec]] = {}
    for where, cls in (("settings", Settings), ("options", Options)):
        for f in fields(cls):
            spec = spec_of(f)
            if spec is not None:
                out[spec.key] = (where, spec)
    return out


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
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


def load(path: Path) -> tuple[dict[str, Any], str]:
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


def settings_from(data: dict[str, Any], path: Path, text: str, base: Settings | None = None) -> Settings:
    """Validate a config table and apply it to ``base`` (each key as its declaration says)."""
    pyproject = path.name == "pyproject.toml"
    table = declared()

    def fail(key: str, msg: str) -> NoReturn:
        raise ConfigError(f"{path}:{_line_of(text, key, pyproject)}: {key}: {msg}")

    for key, value in data.items():
        if key not in table:
            import difflib

            close = difflib.get_close_matches(key, table, n=1)
            fail(key, "unknown setting" + (f" (did you mean '{close[0]}'?)" if close else ""))
        spec = table[key][1]
        if not spec.check(value):
            fail(key, f"expected {spec.want}, got {value!r}")
    s = base or Settings()
    changed: dict[str, dict[str, Any]] = {"settings": {}, "options": {}}
    for where, cls in (("settings", Settings), ("options", Options)):
        current = s if where == "settings" else s.options
        for f in fields(cls):
            found = spec_of(f)
            if found is None or found.key not in data:
                continue
            value = data[found.key]
            if found.convert is not None:
                try:
                    value = found.convert(value, Context(path.parent, getattr(current, f.name)))
                except SettingError as exc:
                    fail(found.key, str(exc))
            changed[where][f.name] = value
    return replace(s, options=replace(s.options, **changed["options"]), config_path=str(path), **changed["settings"])


def render_table() -> str:
    """The table of settings in docs/configuration.md (a test keeps the file in sync)."""
    out = ["| setting | type | default | meaning |", "|---|---|---|---|"]
    for key, (_, spec) in declared().items():
        out.append(f"| `{key}` | {spec.kind} | {spec.default_doc} | {spec.doc} |")
    return "\n".join(out) + "\n"


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


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_table())
