"""Which configuration applies to which file, and the settings of the run itself.

Each file is linted with the configuration nearest to it (as ruff resolves per
file): the first folder upwards from the file that holds ``.seedlint.toml``,
``seedlint.toml`` or a ``pyproject.toml`` with ``[tool.seedlint]``. Files are not
merged. ``--config`` names one file for every path; ``--isolated`` uses none.

Settings of the run as a whole — ``fail-on``, ``cache-dir``, ``jobs``,
``corpus-roots`` and the options corpus rules read — come from the configuration
nearest to the common folder of all the paths given, so the result never depends on
the order of the arguments. The project root is that configuration's folder (or the
working directory when none applies); symlinks and corpus roots may not leave it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .config import find_config, load, settings_from
from .settings import Settings


def common_folder(paths: list[str]) -> str:
    """The deepest folder that holds every path (order-independent)."""
    folders = []
    for p in paths:
        a = os.path.abspath(p)
        folders.append(a if os.path.isdir(a) else os.path.dirname(a))
    if not folders:
        return os.getcwd()
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives
        return os.getcwd()


class Project:
    """Settings per folder, resolved once per configuration file."""

    def __init__(self, paths: list[str], explicit: str | None = None, isolated: bool = False,
                 adjust: Callable[[Settings], Settings] = lambda s: s):
        self.explicit = explicit
        self.isolated = isolated
        self.adjust = adjust
        self._by_config: dict[str | None, Settings] = {}
        self._by_dir: dict[str, Settings] = {}
        anchor = common_folder(paths)
        self.run = self.for_dir(anchor)
        cwd = os.getcwd()
        if self.run.config_path:
            self.root = os.path.dirname(os.path.abspath(self.run.config_path))
        elif anchor == cwd or anchor.startswith(cwd.rstrip(os.sep) + os.sep):
            self.root = cwd
        else:
            self.root = anchor

    def _settings(self, config: Path | None) -> Settings:
        key = None if config is None else str(config)
        s = self._by_config.get(key)
        if s is None:
            if config is None:
                s = Settings()
            else:
                data, text = load(config)
                s = settings_from(data, config, text, Settings())
            s = self.adjust(s)
            self._by_config[key] = s
        return s

    def for_dir(self, folder: str) -> Settings:
        """Settings for files in ``folder``."""
        s = self._by_dir.get(folder)
        if s is None:
            if self.isolated:
                config = None
            elif self.explicit:
                from pathlib import Path

                from .config import ConfigError

                config = Path(self.explicit)
                if not config.is_file():
                    raise ConfigError(f"{self.explicit}: configuration file not found")
            else:
                config = find_config(folder)
            s = self._settings(config)
            self._by_dir[folder] = s
        return s

    def for_path(self, path: str) -> Settings:
        """Settings for the file ``path``."""
        folder = path.rpartition("/")[0] if os.sep == "/" else os.path.dirname(path)
        return self.for_dir(folder or ".")
