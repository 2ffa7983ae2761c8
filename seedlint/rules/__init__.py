"""Every rule module, imported once so that their decorators fill the registry."""

from . import body, corpus, dates, frontmatter, meta, sections, structure  # noqa: F401
