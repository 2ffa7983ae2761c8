"""seedlint: a data-quality linter for compensation seed guides."""

__version__ = "0.1.0"

# Where the rule documentation lives (links from SARIF and the language server).
DOCS_URL = "https://github.com/seedlint/seedlint/blob/main/docs/rules.md"
