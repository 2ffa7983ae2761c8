"""seedlint: a data-quality linter for compensation seed guides."""

__version__ = "0.1.0"
