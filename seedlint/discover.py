"""Which files a run lints.

Folders are walked for the guide extensions, skipping hidden folders, the usual
repository documents (README, CHANGELOG, CONTRIBUTING, LICENSE, docs/ …: the default
``exclude``), the ``include``/``exclude``/``extend-exclude`` globs of the configuration
that applies to each folder and (inside a git repository, unless turned off)
git-ignored files. Files named explicitly are always linted, unless ``force-exclude``
is on (the pre-commit hook turns it on: pre-commit names every changed Markdown file). Folder symlinks are not followed, so a symlink loop
cannot trap the walk; a file symlink is followed only while its target stays inside
the project root, unless ``--follow-symlinks`` (or the setting) allows it — a
repository must not make seedlint read ``/etc/passwd`` and echo its lines.
"""

from __future__ import annotations

import os
import re
import subprocess
from typing import Callable, Iterator

from .settings import DEFAULT_EXCLUDE, DEFAULT_EXTENSIONS, Settings, is_default_folder, is_default_name, path_matches


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


def inside(real: str, root_real: str) -> bool:
    """Whether the real path ``real`` is ``root_real`` or below it."""
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


class Walk:
    """Discovery for one run: yields files, and remembers the links it would not follow."""

    def __init__(self, settings_for: Callable[[str], Settings], root: str, follow_symlinks: bool = False):
        self.settings_for = settings_for
        self.root = os.path.realpath(root)
        self.root_abs = os.path.abspath(root)
        self._exclude_memo: dict[int, tuple[Settings, tuple[str, ...], bool]] = {}
        self.excluded_explicit: list[str] = []  # files named on the command line that force-exclude left out
        self.follow_symlinks = follow_symlinks
        self.skipped_links: list[tuple[str, str]] = []  # (shown path, real target)
        self.errors: list[str] = []  # folders that could not be read: the run must not pass

    def skips(self, path: str, settings: Settings, folder_rel: str | None = None) -> bool:
        """Whether ``include``/``exclude``/``extend-exclude`` leave ``path`` out. The default
        excludes (README, LICENSE, docs/ …) are matched relative to the project root;
        ``folder_rel`` is the path's folder relative to it, when the caller knows it."""
        patterns, defaults = self._excludes(settings)
        if any(path_matches(path, pattern) for pattern in patterns):
            return True
        if defaults:
            name = path.rsplit("/", 1)[-1]
            default = is_default_name(name)
            if not default:
                if folder_rel is None:
                    rel = os.path.relpath(os.path.abspath(path), self.root_abs).replace(os.sep, "/")
                    folder_rel = rel.rsplit("/", 1)[0] if "/" in rel else ""
                default = bool(folder_rel) and not folder_rel.startswith("..") and is_default_folder(folder_rel)
            # a guide stays a guide whatever its name or folder: renaming a defective guide
            # README.md, or moving it into docs/, must not take it out of the gate
            if default and not looks_like_guide(path):
                return True
        return bool(settings.include) and not any(path_matches(path, g) for g in settings.include)

    def _excludes(self, settings: Settings) -> tuple[tuple[str, ...], bool]:
        """(the user's exclude globs, whether the default excludes apply), once per settings."""
        hit = self._exclude_memo.get(id(settings))
        if hit is None or hit[0] is not settings:
            defaults = set(DEFAULT_EXCLUDE)
            own = tuple(p for p in settings.exclude + settings.extend_exclude if p not in defaults)
            hit = (settings, own, any(p in defaults for p in settings.exclude))
            self._exclude_memo[id(settings)] = hit
        return hit[1], hit[2]

    def _leaves_root(self, path: str) -> bool:
        if self.follow_symlinks:
            return False
        real = os.path.realpath(path)
        if inside(real, self.root):
            return False
        self.skipped_links.append((display(path), real))
        return True

    def files(self, paths: list[str]) -> Iterator[str]:
        """Yield the files to lint, each once, folders walked in sorted order."""
        explicit: set[str] = set()  # real paths of files named on the command line
        walked: set[str] = set()  # real paths of folders already walked (overlapping arguments)
        for arg in paths:
            if os.path.lexists(arg) and not os.path.isdir(arg):
                settings = self.settings_for(display(arg))
                if settings.force_exclude and self.skips(display(arg), settings):
                    self.excluded_explicit.append(display(arg))  # pre-commit names README.md too
                    continue
                if os.path.islink(arg) or _through_link(arg):
                    if self._leaves_root(arg):
                        continue
                key = os.path.realpath(arg)
                if key not in explicit:
                    explicit.add(key)
                    yield display(arg)
                continue
            if not os.path.isdir(arg):
                raise PathError(f"{arg}: no such file or directory")
            yield from self._walk(arg, explicit, walked)

    def _walk(self, top: str, explicit: set[str], walked: set[str]) -> Iterator[str]:
        found: list[str] = []
        gitignore: list[str] = []
        stack = [top]
        while stack:
            folder = stack.pop()
            real_folder = os.path.realpath(folder)
            if real_folder in walked:
                continue
            walked.add(real_folder)
            shown = display(folder)
            prefix = "" if shown == "." else shown + "/"
            try:
                entries = list(os.scandir(folder))
            except OSError as exc:
                # an unreadable folder or a path longer than the system allows: say so, and
                # fail the run (exit 2) — a gate must not pass because it could not read
                self.errors.append(f"{shown}: cannot read folder: {exc.strerror or exc}")
                continue
            settings = self.settings_for(shown)
            folder_rel = os.path.relpath(os.path.abspath(folder), self.root_abs).replace(os.sep, "/")
            folder_rel = "" if folder_rel == "." else folder_rel
            subdirs = []
            for entry in entries:
                name = entry.name
                try:
                    is_link = entry.is_symlink()
                    if entry.is_dir(follow_symlinks=False):
                        if not name.startswith(".") and name not in ("node_modules", "__pycache__"):
                            subdirs.append(name)
                        continue
                    if is_link and entry.is_dir():
                        continue  # folder links are not walked
                except OSError:
                    continue
                if not name.lower().endswith(DEFAULT_EXTENSIONS):
                    continue
                if is_link and self._leaves_root(os.path.join(folder, name)):
                    continue
                if explicit and os.path.join(real_folder, name) in explicit:
                    continue
                path = prefix + name
                if self.skips(path, settings, folder_rel):
                    continue
                found.append(path)
                if settings.respect_gitignore:
                    gitignore.append(path)
            stack.extend(os.path.join(folder, d) for d in sorted(subdirs, reverse=True))
        if gitignore:
            ignored = git_ignored(gitignore)
            found = [f for f in found if f not in ignored]
        found.sort()
        yield from found


_GUIDE_KEY = re.compile(rb"^(?:company|company_display|role|compensation|level_mapping|negotiation_dna_summary)\s*:", re.M)


def looks_like_guide(path: str) -> bool:
    """Whether a file opens with a front matter that has a guide's keys (read: 8 KiB)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return True  # unreadable: lint it, so the error is reported
    head = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if not head.startswith(b"---"):
        return False
    end = head.find(b"\n---", 3)
    return _GUIDE_KEY.search(head[: end if end > 0 else len(head)].replace(b"\r\n", b"\n")) is not None


def _through_link(path: str) -> bool:
    """Whether a folder on the way to ``path`` is a symlink."""
    return os.path.realpath(os.path.dirname(os.path.abspath(path))) != os.path.dirname(os.path.abspath(path))


# Paths sent to one ``git check-ignore`` (a million paths at once cost a bytes object each
# and their joined copy: 150 MB more at the peak of a run).
IGNORE_BATCH = 20_000


def git_ignored(paths: list[str]) -> set[str]:
    """The subset of ``paths`` that git ignores; empty outside a repository or without git."""
    out: set[str] = set()
    for start in range(0, len(paths), IGNORE_BATCH):
        try:
            proc = subprocess.run(
                ["git", "check-ignore", "--stdin", "-z"],
                input=b"\0".join(os.fsencode(p) for p in paths[start:start + IGNORE_BATCH]),
                capture_output=True, timeout=30,
            )
        except (OSError, subprocess.SubprocessError):
            return set()
        if proc.returncode not in (0, 1):
            return set()  # not a repository (or git failed): nothing is ignored, as before
        out.update(os.fsdecode(p) for p in proc.stdout.split(b"\0") if p)
    return out
