"""How this copy of seedlint was installed, to name an install command that works from
there (an extra such as ``lsp`` cannot come from the package index while seedlint is not
published on it)."""

from __future__ import annotations

from typing import Any

import json
from urllib.parse import unquote, urlparse


def _direct_url() -> dict[str, Any] | None:
    try:
        from importlib.metadata import PackageNotFoundError, distribution
    except ImportError:  # pragma: no cover - Python < 3.8
        return None
    try:
        text = distribution("seedlint").read_text("direct_url.json")
    except PackageNotFoundError:
        return None
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def install_command(extra: str) -> str:
    """The pip command that adds ``extra`` to this installation."""
    info = _direct_url()
    if not info or "url" not in info:
        return f"pip install 'seedlint[{extra}]'"
    url = info["url"]
    vcs = info.get("vcs_info")
    if vcs:
        rev = vcs.get("commit_id") or vcs.get("requested_revision")
        return f"pip install 'seedlint[{extra}] @ {vcs.get('vcs', 'git')}+{url}{'@' + rev if rev else ''}'"
    parsed = urlparse(url)
    path = unquote(parsed.path) if parsed.scheme == "file" else url
    if info.get("dir_info", {}).get("editable"):
        return f"pip install -e '{path}[{extra}]'"
    if "dir_info" in info:
        return f"pip install '{path}[{extra}]'"
    return f"pip install 'seedlint[{extra}] @ {url}'"
