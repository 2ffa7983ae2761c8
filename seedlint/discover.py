"""Which files a run lints.

Files named explicitly are always linted. Folders are walked for the guide
extensions, skipping hidden folders, the cache folder, ``include``/``exclude``
globs and (inside a git repository, unless turned off) git-ignored files.
Folder symlinks are not followed, so a symlink loop cannot trap the walk.
"""

from __future__ import annotations

import os
import subprocess
from typing import Iterator

from .settings import DEFAULT_EXTENSIONS, Settings, path_matches


class PathError(Exception):
    """A path given on the command line that does not exist."""


def display(path: str) -> str:
    """The path as reported: relative to the working directory when below it, with '/'."""
    p = os.path.normpath(path)
    if os.path.isabs(p):
        try:
            rel = os.path.relpath(p)
            if not rel.startswith(".."):
                p = rel
        except ValueError:
            pass
    return p.replace(os.sep, "/")


def iter_files(paths: list[str], settings: Settings) -> Iterator[str]:
    """Yield the files to lint, each once, folders walked in sorted order."""
    explicit: set[str] = set()  # real paths of files named on the command line
    walked: set[str] = set()  # real paths of folders already walked (overlapping arguments)
    for arg in paths:
        if os.path.isfile(arg) or (os.path.exists(arg) and not os.path.isdir(arg)):
            key = os.path.realpath(arg)
            if key not in explicit:
                explicit.add(key)
                yield display(arg)
            continue
        if not os.path.isdir(arg):
            raise PathError(f"{arg}: no such file or directory")
        found = []
        for root, dirs, files in os.walk(arg):
            real_root = os.path.realpath(root)
            if real_root in walked:
                dirs[:] = []
                continue
            walked.add(real_root)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
            shown = display(root)
            prefix = "" if shown == "." else shown + "/"
            for name in files:
                if not name.lower().endswith(DEFAULT_EXTENSIONS):
                    continue
                if explicit and os.path.join(real_root, name) in explicit:
                    continue
                path = prefix + name
                if settings.exclude and any(path_matches(path, g) for g in settings.exclude):
                    continue
                if settings.include and not any(path_matches(path, g) for g in settings.include):
                    continue
                found.append(path)
        if settings.respect_gitignore and found:
            ignored = git_ignored(found)
            found = [f for f in found if f not in ignored]
        found.sort()
        yield from found


def git_ignored(paths: list[str]) -> set[str]:
    """The subset of ``paths`` that git ignores; empty outside a repository or without git."""
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"], input="\0".join(paths).encode(),
            capture_output=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):
        return set()
    return {p.decode() for p in proc.stdout.split(b"\0") if p}
