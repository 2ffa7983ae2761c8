"""Codes the engine itself reports: suppressions (see ``suppress.py``) and crashed rules."""

from __future__ import annotations

from ..model import ERROR, WARNING
from ..registry import rule


@rule("SL999", "internal-error", ERROR, "A rule raised an exception on this file.")
def internal_error(doc, opts):
    """
    ## What it does
    Reported by the engine, not by a check: when a rule raises an exception
    on a file, the finding names the rule and the exception, the other rules
    still run, and seedlint exits with status 2 so that CI notices.

    ## Why is this bad?
    It is a bug in seedlint (or in a plugin rule); please report it with the
    file that triggers it.

    ## Example
    FAIL: `internal error in SL301 total-comp-mismatch: ZeroDivisionError`.
    PASS: no rule raises.
    """
    return ()


@rule("SL012", "symlink-outside-project", ERROR, "A guide is a symbolic link whose target lies outside the project root; it was not read.")
def symlink_outside_project(doc, opts):
    """
    ## What it does
    Reported by the engine, not by a check: a guide that is a symbolic link (or is
    reached through one) whose target lies outside the project root is not read,
    and this finding stands at its first line instead. `--follow-symlinks` (or
    `follow-symlinks = true`) reads such links.

    ## Why is this bad?
    A repository controls its symlinks: following them would let a pull request
    make seedlint read any file on the machine (`/etc/passwd`) and echo its lines
    in messages, and replacing a defective guide with a link must not pass the gate.

    ## Example
    FAIL: `seeds/acme.md -> /etc/hostname`.
    PASS: `seeds/acme.md -> ../archive/acme.md` inside the project.
    """
    return ()


@rule("SL801", "unused-suppression", WARNING, "A suppression comment suppresses nothing.")
def unused_suppression(doc, opts):
    """
    ## What it does
    Reports a `# seedlint: disable=…` or `<!-- seedlint-disable … -->`
    comment that silenced no finding in this run (rules turned off in the
    configuration are not counted against it).

    ## Why is this bad?
    Stale suppressions hide the next real defect on that line and make
    readers think there is an exception where there is none.

    ## Example
    FAIL (the total is right):
    ```
    total_comp_low: 339000  # seedlint: disable=SL301
    ```
    PASS:
    ```
    total_comp_low: 339000
    ```
    """
    return ()


@rule("SL802", "invalid-suppression", ERROR, "A suppression comment names a code that does not exist.")
def invalid_suppression(doc, opts):
    """
    ## What it does
    Reports suppression comments that name an unknown rule code or name.

    ## Why is this bad?
    A typo in a suppression (`SL30l`) suppresses nothing and looks as if it did.

    ## Example
    FAIL:
    ```
    <!-- seedlint-disable-next-line SL5O4 -->
    ```
    PASS:
    ```
    <!-- seedlint-disable-next-line SL504 -->
    ```
    """
    return ()
