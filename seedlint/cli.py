"""Command line. Imports stay lazy: ``--version`` and ``--help`` load no parser."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple, NoReturn

from . import __version__

from .reporters import FORMATS

if TYPE_CHECKING:
    from .cache import Cache
    from .linter import RunResult
    from .project import Project
    from .settings import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMAT_CHOICES = ("auto", *FORMATS)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"seedlint: error: {message}\n")


def _codes(value: str) -> list[str]:
    return [v for v in (p.strip() for p in value.split(",")) if v]


def build_parser(report: bool = False) -> argparse.ArgumentParser:
    if report:
        return _report_parser()
    p = _Parser(
        prog="seedlint",
        allow_abbrev=False,
        description="Lint compensation seed guides: front matter, body and corpus.",
        epilog="Exit status: 0 no error, 1 findings at --fail-on severity, 2 usage, I/O or internal error. "
        "`seedlint lsp` starts the language server; `seedlint new PATH --company … --role … --region …` writes a skeleton guide; "
        "`seedlint report PATH… -o report.html` writes an HTML data-quality report.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint (default: .); '-' reads standard input; "
                   "everything after '--' is a path, even if it starts with '-'")
    p.add_argument("--version", action="version", version=f"seedlint {__version__}")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMAT_CHOICES, default=None, help="report format (default: auto = github under GitHub Actions, else text)")
    out.add_argument("--output-file", "-o", metavar="PATH", help="write the report to PATH instead of standard output")
    out.add_argument("--statistics", action="store_true", help="show a count per rule code")
    out.add_argument("--quiet", "-q", action="store_true", help="print only diagnostics, no summary line (text format)")
    rules = p.add_argument_group("rules")
    rules.add_argument("--select", type=_codes, action="extend", help="rules to run: codes, prefixes (SL3) or names; comma-separated")
    rules.add_argument("--extend-select", type=_codes, action="extend", help="rules to add to the selection")
    rules.add_argument("--ignore", type=_codes, action="extend", help="rules to skip")
    rules.add_argument("--today", metavar="YYYY-MM-DD", help="the date date rules compare with (default: today)")
    rules.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    rules.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    cfg = p.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="PATH", help="configuration file (default: nearest .seedlint.toml, seedlint.toml or pyproject.toml)")
    cfg.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    cfg.add_argument("--stdin-filename", metavar="PATH", help="lint standard input as if it were PATH (use with '-')")
    cfg.add_argument("--corpus-root", action="append", metavar="DIR", help="folder whose guides corpus rules also read (findings only for linted files)")
    ex = p.add_argument_group("exit status")
    ex.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit status 1 (default: error)")
    ex.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (2 still for usage and I/O errors)")
    fx = p.add_argument_group("fixes")
    fx.add_argument("--fix", action="store_true", help="apply safe fixes to the files linted, then report what remains")
    fx.add_argument("--unsafe-fixes", action="store_true", default=None, help="apply unsafe fixes too (with --fix or --diff)")
    fx.add_argument("--no-unsafe-fixes", action="store_false", dest="unsafe_fixes", help="never apply unsafe fixes (overrides the configuration)")
    fx.add_argument("--diff", action="store_true", help="print a unified diff of what --fix would change, change nothing (exit 1 when there is one)")
    fx.add_argument("--show-fixes", action="store_true", help="list what --fix changed, by file and rule")
    fx.add_argument("--fixable", type=_codes, action="extend", help="rules whose fixes may be applied (default: all)")
    fx.add_argument("--unfixable", type=_codes, action="extend", help="rules whose fixes are never applied")
    base = p.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    base.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    perf = p.add_argument_group("performance")
    perf.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores; 1 = no workers)")
    perf.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    perf.add_argument("--cache-dir", metavar="DIR", help="cache folder (default: one per project in the user's cache folder)")
    perf.add_argument("--clean-cache", action="store_true", help="delete the cache folder and exit")
    safety = p.add_argument_group("safety")
    safety.add_argument("--follow-symlinks", action="store_true", help="lint symlinked guides whose target lies outside the project root")
    safety.add_argument("--pre-commit", action="store_true", help="invoked by pre-commit: file names follow '--', and --force-exclude is on (the shipped hook passes it)")
    cfg.add_argument("--force-exclude", action="store_true", help="apply include/exclude to files named on the command line too (README.md, docs/ … are excluded by default)")
    return p


def _report_parser() -> argparse.ArgumentParser:
    """``seedlint report``: the lint's discovery, configuration and dates; an HTML file out."""
    p = _Parser(prog="seedlint report", allow_abbrev=False,
                description="Write a self-contained HTML data-quality report of the guides under PATH.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    p.add_argument("--output-file", "-o", metavar="FILE", default="seedlint-report.html",
                   help="the HTML file to write (default: seedlint-report.html)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the date the review calendar and date rules use (default: today)")
    p.add_argument("--config", metavar="PATH", help="configuration file")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--select", type=_codes, action="extend", help="rules to run")
    p.add_argument("--ignore", type=_codes, action="extend", help="rules to skip")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    p.add_argument("--cache-dir", metavar="DIR", help="cache folder")
    p.add_argument("--follow-symlinks", action="store_true", help="read symlinked guides outside the project root")
    # what the lint's stages read and a report does not offer
    p.set_defaults(format=None, statistics=False, quiet=False, extend_select=None, list_rules=False, explain=None,
                   stdin_filename=None, corpus_root=None, fail_on=None, exit_zero=False, baseline=None,
                   write_baseline=None, clean_cache=False, pre_commit=False, force_exclude=False, fix=False,
                   unsafe_fixes=None, diff=False, show_fixes=False, fixable=None, unfixable=None)
    return p


def _write_report(args: argparse.Namespace, project: Project, result: RunResult) -> int:
    """`seedlint report`: the HTML page, written atomically next to its final name."""
    from .fix import write_new
    from .registry import all_rules
    from .report import render

    target = args.output_file
    out_dir = os.path.dirname(os.path.abspath(target))
    facts: list[Any] = list(result.collected.get("report", []))  # ReportFacts, by the collector's type
    page = render(result.diagnostics, facts, result.paths, all_rules(),
                  project.run.options.today, out_dir)
    err = write_new(target, page.encode("utf-8"))
    if err:
        return _err(err)
    for msg in result.io_errors:
        _say("error", msg)
    _say("note", f"wrote {target}: {result.files:,} guide{'s' if result.files != 1 else ''}, "
                 f"{len(result.diagnostics):,} finding{'s' if len(result.diagnostics) != 1 else ''}")
    return EXIT_USAGE if result.io_errors or result.internal_error else EXIT_OK


def _err(msg: str) -> int:
    _say("error", msg)
    return EXIT_USAGE


def _say(kind: str, msg: str) -> None:
    """One line on stderr; everything in it that came from a file or a name is escaped."""
    from .escape import for_terminal

    sys.stderr.write(f"seedlint: {kind}: {for_terminal(msg)}\n")


def split_argv(argv: list[str]) -> tuple[list[str], list[str] | None]:
    """Options before the first ``--``, and the paths after it (None when there is no ``--``)."""
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["lsp"]:
        from .lsp import main as lsp_main

        return lsp_main(argv[1:])
    if argv[:1] == ["new"] and not os.path.exists("new"):
        from .new import main as new_main

        return new_main(argv[1:])
    report = argv[:1] == ["report"] and not os.path.exists("report")
    import gc

    thresholds = gc.get_threshold()
    # A run allocates millions of short-lived objects (nodes, tokens, cells) and keeps
    # few: at the default threshold (700) the cyclic collector ran thousands of times to
    # find nothing, about 5 % of a cold run (docs/performance.md). Workers inherit this.
    gc.set_threshold(GC_YOUNG, *thresholds[1:])
    try:
        return _main(argv[1:] if report else argv, report)
    except KeyboardInterrupt:
        _say("error", "interrupted")
        return 130
    except BrokenPipeError:
        # the reader went away (`seedlint … | head`); say nothing more
        _silence_stdout()
        return EXIT_FINDINGS
    finally:
        gc.set_threshold(*thresholds)


# Allocations between two collections of the youngest generation during a run.
GC_YOUNG = 50_000


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's final flush of
    what could not be written raises nothing more (the documented cure for EPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        sys.stdout = None


def _write_stdout(text: str | Iterable[str]) -> int | None:
    """Write the report (a text, or its pieces as a reporter makes them); None when
    written, else the exit status of a one-line error."""
    out = sys.stdout
    if out is None:  # started with standard output closed (`seedlint … >&-`)
        return _err("cannot write the report: standard output is closed")
    try:
        for piece in ([text] if isinstance(text, str) else text):
            out.write(piece)
        out.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # a full disk (`>/dev/full`), a closed descriptor
        _silence_stdout()
        return _err(f"cannot write the report to standard output: {getattr(exc, 'strerror', None) or exc}")
    return None


def _main(argv: list[str], report: bool = False) -> int:
    options, after = split_argv(argv)
    args = build_parser(report).parse_args(options)
    args.report = report
    if args.list_rules:
        return _list_rules()
    if args.explain:
        return _explain(args.explain)
    if args.pre_commit and after is None:
        # pre-commit appends file names after the hook's args: without the separator a
        # committed file named --config=x.md would be read as an option.
        return _err("--pre-commit needs '--' after the hook's arguments (pre-commit appends file names after them); "
                    "end `args:` in .pre-commit-config.yaml with \"--\"")
    paths = list(args.paths) + list(after or ())

    from .cache import CacheDirError
    from .config import ConfigError
    from .discover import PathError
    from .registry import UnknownSelector
    from .schema import SchemaError

    try:
        return _run(args, paths)
    except ConfigError as exc:
        return _err(str(exc))
    except CacheDirError as exc:
        return _err(str(exc))
    except PathError as exc:
        return _err(str(exc))
    except SchemaError as exc:  # raised by the first file that needs the user's schema
        return _err(str(exc))
    except UnknownSelector as exc:
        return _err(f"unknown rule code or name '{exc.args[0]}'")
    except ValueError as exc:
        return _err(str(exc))


def _project(args: argparse.Namespace, paths: list[str], stdin_mode: bool) -> Project:
    """Stage 1: the configuration of every file, and the run's own settings."""
    from .project import Project

    if stdin_mode:
        anchor = [args.stdin_filename] if args.stdin_filename else ["."]
        anchor = [a if os.path.exists(a) else (os.path.dirname(a) or ".") for a in anchor]
    else:
        anchor = paths
    project = Project(anchor, args.config, args.isolated, adjust=lambda s: _apply_flags(s, args))
    project.run.enabled()
    if args.corpus_root:
        for r in project.run.corpus_roots:
            if not os.path.isdir(r):
                raise ValueError(f"--corpus-root: {r} is not a folder")
            from .discover import inside

            if not inside(os.path.realpath(r), os.path.realpath(project.root)):
                raise ValueError(f"--corpus-root: {r} lies outside the project root {project.root}")
    return project


def _is_linted(target: str, files: list[str]) -> bool:
    """Whether ``target`` is (a link to, or another name of) one of the linted files."""
    try:
        st = os.stat(target)
    except OSError:
        return False
    ident = (st.st_dev, st.st_ino)
    for f in files:
        try:
            s = os.stat(f)
        except OSError:
            continue
        if (s.st_dev, s.st_ino) == ident:
            return True
    return False


def _cache(args: argparse.Namespace, project: Project, paths: list[str]) -> Cache | None:
    """Stage 3: the result cache, or None. Only a folder seedlint made is ever used."""
    from .cache import Cache, CacheDirError, check_placement, default_dir, prepare_dir, secret_key

    chosen = args.cache_dir or project.run.cache_dir
    try:
        key = secret_key()
        directory = chosen or default_dir(project.root)
        real = prepare_dir(directory, key)
    except CacheDirError:
        if chosen:
            raise
        _say("warning", "cache disabled: the user cache folder cannot be used")
        return None
    except OSError as exc:
        _say("warning", f"cache disabled: {exc.filename or chosen or 'user cache'}: {exc.strerror or exc}")
        return None
    if real is None:  # made and removed by another run meanwhile
        _say("warning", "cache disabled: the cache folder vanished")
        return None
    check_placement(real, project.root, paths, project.run.corpus_roots)
    return Cache(real, project.run, key)


def _clean_cache(args: argparse.Namespace, project: Project) -> int:
    from .cache import clean, default_dir, secret_key

    directory = args.cache_dir or project.run.cache_dir or default_dir(project.root)
    try:
        what = clean(directory, secret_key())
    except OSError as exc:
        return _err(f"cannot clean the cache: {exc.strerror or exc}")
    _say("note", f"{what} ({directory})")
    return EXIT_OK


class _Inputs(NamedTuple):
    """Stage 2's answer: what the run reads."""

    files: list[str]
    stdin: tuple[str, bytes] | None
    unread: list[tuple[str, str]]  # (path, message): symlinks leaving the project (SL012)
    errors: list[str]  # folders that could not be read


def _inputs(args: argparse.Namespace, project: Project, paths: list[str], stdin_mode: bool) -> _Inputs:
    """Stage 2: which files (walked, excluded, links refused), or standard input."""
    from .discover import Walk, display

    if stdin_mode:
        name = display(args.stdin_filename) if args.stdin_filename else "<stdin>"
        return _Inputs([], (name, sys.stdin.buffer.read()), [], [])
    settings = project.run
    walk = Walk(project.for_path, project.root, args.follow_symlinks or settings.follow_symlinks)
    files = list(walk.files(paths))
    unread: list[tuple[str, str]] = []
    if walk.skipped_links:
        n = len(walk.skipped_links)
        _say("note", f"{n} symbolic link{'s' if n != 1 else ''} leave{'s' if n == 1 else ''} the project root "
                     f"{project.root} and {'were' if n != 1 else 'was'} not read (SL012); --follow-symlinks reads them")
        unread = [(p, f"symbolic link to {target} lies outside the project root; not read") for p, target in walk.skipped_links]
    if not files and not unread and not walk.errors and not walk.excluded_explicit:
        _say("warning", f"no guides (*.md, *.markdown, *.txt) found under {' '.join(paths)} "
                        "(README, CHANGELOG, CONTRIBUTING, LICENSE and docs/ are excluded by default; see `exclude`)")
    return _Inputs(files, None, unread, list(walk.errors))


def _format(args: argparse.Namespace) -> str:
    fmt: str = args.format or "auto"
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return fmt


def _run(args: argparse.Namespace, paths: list[str]) -> int:
    """The stages the README describes: configuration, files, cache, lint, report."""
    if not paths:
        paths = ["-"] if args.stdin_filename else ["."]  # as ruff: --stdin-filename alone reads stdin
    stdin_mode = paths == ["-"]
    if "-" in paths and not stdin_mode:
        return _err("'-' (standard input) cannot be combined with other paths")
    project = _project(args, paths, stdin_mode)
    settings = project.run
    if args.clean_cache:
        return _clean_cache(args, project)
    inputs = _inputs(args, project, paths, stdin_mode)
    fmt = _format(args)
    jobs = args.jobs if args.jobs is not None else (settings.jobs if settings.jobs is not None else 0)
    if jobs < 0:
        return _err("--jobs must be 0 (all cores) or more")
    for flag, target in (("--output-file", args.output_file), ("--write-baseline", args.write_baseline)):
        if target and _is_linted(target, inputs.files):
            return _err(f"{flag}: refusing to write over {target}, a file being linted")
    if (args.fix or args.diff) and (args.write_baseline or args.fix and args.diff):
        return _err("--write-baseline, --fix and --diff cannot be combined" if args.write_baseline
                    else "--fix and --diff cannot be combined (--diff shows what --fix would do)")
    cache = None if (args.no_cache or stdin_mode) else _cache(args, project, paths)
    result = _lint(args, project, inputs, fmt, jobs, cache)
    if args.report:
        return _write_report(args, project, result)
    if args.fix or args.diff:
        from collections import Counter

        fixed: Counter[tuple[str, str]] = Counter()
        if inputs.stdin is not None:
            return _fix_stdin(args, project, settings, fmt, result, inputs.stdin)
        diff = _fix(args, project, inputs, fmt, jobs, cache, result, fixed)
        if args.diff:
            return _report_diff(diff, fixed, result)
        return _report(args, settings, fmt, result, inputs.files, inputs.stdin, fixed, project)
    return _report(args, settings, fmt, result, inputs.files, inputs.stdin, None, project)


def _baselined(args: argparse.Namespace) -> dict[str, dict[tuple[str, str], int]]:
    """path -> the (code, fingerprint) counts the baseline records for it."""
    if not args.baseline:
        return {}
    from .baseline import load

    out: dict[str, dict[tuple[str, str], int]] = {}
    for (path, code, fp), n in load(args.baseline).items():
        out.setdefault(path, {})[(code, fp)] = n
    return out


def _fix(args: argparse.Namespace, project: Project, inputs: _Inputs, fmt: str, jobs: int, cache: Cache | None,
         result: RunResult, fixed: Any) -> list[str]:
    """Stage 4½: fix every linted file with applicable fixes (or, with --diff, only say
    how), in worker processes as the lint. Each file is read again and fixed only if it
    still holds the bytes linted; its findings are replaced by what a lint of the fixed
    text reports. When a fix changed what corpus rules read (a slug), or a file was
    reached under two names, the whole run is linted again (from the cache)."""
    from .discover import inside
    from .fix import Baselined, Task, for_settings
    from .parallel import fix_many

    baselined = _baselined(args)
    by_path: dict[str, list[Any]] = {}
    for d in result.findings:
        if d.path in result.fixable:
            by_path.setdefault(d.path, []).append(d)
    settings_list: list[Settings] = []
    index: dict[int, int] = {}
    tasks: list[Task] = []
    reals: set[str] = set()
    facts_changed = False  # True: the report comes from a new lint of the whole run
    root = os.path.realpath(project.root)
    linted = set(inputs.files)
    for path, (linted_digest, corpus, facts) in result.fixable.items():
        settings = project.for_path(path)
        keep = Baselined(baselined.get(path))
        mine = keep(by_path.get(path, []))
        if path not in linted or not any(for_settings(settings).applies(d) for d in mine):
            continue
        real = os.path.realpath(path)
        if not inside(real, root):
            _say("warning", f"{path}: lies outside the project root {project.root}; not fixed")
            continue
        if real in reals:  # another name (a symlink) of a file fixed here: report it afresh
            facts_changed = True
            continue
        reals.add(real)
        if id(settings) not in index:
            index[id(settings)] = len(settings_list)
            settings_list.append(settings)
        tasks.append(Task(path, index[id(settings)], linted_digest, mine, corpus, facts, keep, bool(args.diff)))
    diffs: list[str] = []
    replaced: dict[str, list[Any]] = {}
    for out in fix_many(tasks, settings_list, jobs):
        if out.warning:
            _say("warning", out.warning)
        if out.error:
            _say("error", out.error)
            result.io_errors.append(out.error)
            continue
        if out.diagnostics is None:
            continue
        diffs.append(out.diff)
        facts_changed |= out.facts_changed
        for code, n in out.fixed.items():
            fixed[(out.path, code)] += n
        replaced[out.path] = out.diagnostics
    if args.diff or not replaced:
        return [d for d in diffs if d]
    if facts_changed:  # what corpus rules read changed, or a file has two names: lint again
        again = _lint(args, project, inputs, fmt, jobs, cache)
        result.diagnostics, result.fixable = again.diagnostics, again.fixable
        return []
    remaining = [d for d in result.findings if d.path not in replaced]
    for diags in replaced.values():
        remaining.extend(diags)
    result.diagnostics = remaining  # sorted by the Findings it becomes
    return []


def _report_diff(diffs: list[str], fixed: Any, result: RunResult) -> int:
    """--diff: the diffs on stdout, a count on stderr; exit 1 when there is a diff."""
    failed = _write_stdout("".join(diffs))
    if failed is not None:
        return failed
    n = sum(fixed.values())
    if n:
        _say("note", f"would fix {n} problem{'s' if n != 1 else ''} in {len(diffs)} file{'s' if len(diffs) != 1 else ''}")
    failed = _run_failed(result)
    return failed if failed is not None else (EXIT_FINDINGS if diffs else EXIT_OK)


def _run_failed(result: RunResult) -> int | None:
    """Say each I/O error; the exit status 2 when the run had one or crashed, else None."""
    for msg in result.io_errors:
        _say("error", msg)
    return EXIT_USAGE if result.io_errors or result.internal_error else None


def _fix_stdin(args: argparse.Namespace, project: Project, settings: Settings, fmt: str, result: RunResult,
               stdin: tuple[str, bytes]) -> int:
    """--fix on standard input: the fixed text on stdout (for editors), the findings that
    remain on stderr; --diff: the diff on stdout. Nothing is written to any file."""
    from .fix import Baselined, fix_bytes, for_settings, unified_diff

    name, data = stdin
    own = project.for_path(name)
    corpus = result.fixable[name][1] if name in result.fixable else []
    keep = Baselined(_baselined(args).get(name))
    out = fix_bytes(data, name, own, keep([d for d in result.diagnostics if d.path == name]), for_settings(own),
                    corpus, keep)
    result.diagnostics = [d for d in result.findings if d.path != name] + out.diagnostics
    if args.diff:
        diff = unified_diff(name, data, out.data)
        failed = _write_stdout(diff)
        return failed if failed is not None else (EXIT_FINDINGS if diff else EXIT_OK)
    try:
        sys.stdout.buffer.write(out.data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError, AttributeError) as exc:
        return _err(f"cannot write the fixed text to standard output: {getattr(exc, 'strerror', None) or exc}")
    from collections import Counter

    fixed: Counter[tuple[str, str]] = Counter({(name, c): n for c, n in out.fixed.items()})
    return _report(args, settings, fmt, result, [], stdin, fixed, project, to_stderr=True)


def _lint(args: argparse.Namespace, project: Project, inputs: _Inputs, fmt: str, jobs: int,
          cache: Cache | None) -> RunResult:
    """Stage 4: every file, then the corpus rules (with a progress line on a terminal)."""
    from .runner import run

    progress = None
    if fmt == "text" and not args.output_file and sys.stderr.isatty() and sys.stdout.isatty() and os.environ.get("CI") is None:
        from .progress import Progress

        progress = Progress(sys.stderr)
    try:
        result = run(inputs.files, project.run, stdin=inputs.stdin, progress=progress, jobs=jobs, cache=cache,
                     settings_for=project.for_path, unread=inputs.unread,
                     keep_fixable=bool(getattr(args, "fix", False) or getattr(args, "diff", False)))
    finally:
        if progress is not None:
            progress.done()
    result.io_errors[:0] = inputs.errors
    return result


def _report(args: argparse.Namespace, settings: Settings, fmt: str, result: RunResult, files: list[str],
            stdin: tuple[str, bytes] | None, fixed: Any = None, project: Project | None = None,
            to_stderr: bool = False) -> int:
    """Stage 5: baseline, report, exit status. The diagnostics are read as a stream
    (``Findings``: on disk beyond a bound), a pass for the counts and one for the report."""
    diagnostics: Iterable[Any] = result.findings
    if args.write_baseline:
        from .baseline import write

        try:
            n = write(args.write_baseline, diagnostics)
        except OSError as exc:
            return _err(f"cannot write baseline {args.write_baseline}: {exc.strerror or exc}")
        _say("note", f"recorded {n} finding{'s' if n != 1 else ''} in {args.write_baseline}")
        for msg in result.io_errors:
            _say("error", msg)
        return EXIT_USAGE if result.io_errors else EXIT_OK
    fixes, fixed = fixed, None
    if args.baseline:
        from .baseline import BaselineError, filter_new

        try:
            diagnostics, fixed = filter_new(args.baseline, diagnostics, set(files) | ({stdin[0]} if stdin else set()))
        except BaselineError as exc:
            return _err(str(exc))

    from .registry import all_rules
    from .reporters import get_reporter, summary

    reporter = get_reporter(fmt)(statistics=args.statistics, quiet=args.quiet)
    fix_counts = _FixCounts(project) if project is not None else None
    summ = summary(diagnostics, result.files, fix_counts)
    if fixed is not None:
        summ["baseline_fixed"] = fixed
    if fix_counts is not None:
        _fix_summary(args, fix_counts, summ, reporter, fixes)
    # written in the pieces the reporter makes (JSON, SARIF and JUnit: a finding at a time)
    text: Iterable[str] = reporter.chunks(diagnostics, summ, all_rules(), result.paths)
    if to_stderr:
        _write_stderr("".join(text))
    elif args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="\n") as fh:
                for piece in ([text] if isinstance(text, str) else text):
                    fh.write(piece)
        except OSError as exc:
            return _err(f"cannot write {args.output_file}: {exc.strerror or exc}")
    else:
        failed = _write_stdout(text)
        if failed is not None:
            return failed
    if fixed:
        _say("note", f"{fixed} baselined finding{'s are' if fixed != 1 else ' is'} now fixed; rewrite the baseline with --write-baseline to drop {'them' if fixed != 1 else 'it'}")
    failed = _run_failed(result)
    if failed is not None:
        return failed
    if args.exit_zero:
        return EXIT_OK
    from .model import SEVERITY_RANK

    floor = SEVERITY_RANK[settings.fail_on]
    failing = sum(summ[key] for sev, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos"))
                  if SEVERITY_RANK[sev] >= floor)
    return EXIT_FINDINGS if failing else EXIT_OK


class _FixCounts:
    """Counts, in the summary's pass, the findings a fix of this run would apply
    (``fixable``, marked ``[*]`` by the text format) and those an ``--unsafe-fixes`` run
    would (``hidden``)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.oks: dict[int, Any] = {}
        self.fixable = self.hidden = 0

    def ok(self, path: str) -> Any:
        from .fix import for_settings

        s = self.project.for_path(path)
        if id(s) not in self.oks:
            self.oks[id(s)] = for_settings(s)
        return self.oks[id(s)]

    def marked(self, d: Any) -> bool:
        return d.fix is not None and bool(self.ok(d.path).applies(d))

    def __call__(self, d: Any) -> None:
        if d.fix is not None:
            self.fixable += self.marked(d)
            self.hidden += bool(self.ok(d.path).hidden(d))


def _fix_summary(args: argparse.Namespace, counts: _FixCounts, summ: dict[str, int], reporter: Any, fixes: Any) -> None:
    """What the text summary says of fixes (ruff's wording), and which findings the text
    report marks ``[*]`` (a fix this run would apply)."""
    summ["fixable"], summ["hidden_fixes"] = counts.fixable, counts.hidden
    summ["fixed"] = sum(fixes.values()) if fixes else 0
    summ["fixing"] = 1 if args.fix else 0
    reporter.fixable = counts.marked
    if args.show_fixes and fixes:
        from .escape import for_terminal
        from .registry import all_rules

        rules = all_rules()
        lines = [f"Fixed {summ['fixed']} problem{'s' if summ['fixed'] != 1 else ''}:"]
        by_file: dict[str, list[tuple[str, int]]] = {}
        for (path, code), n in sorted(fixes.items()):
            by_file.setdefault(path, []).append((code, n))
        for path, codes in by_file.items():
            lines.append(f"- {for_terminal(path)}:")
            lines.extend(f"    {n} × {code} ({rules[code].name})" for code, n in codes)
        _write_stderr("\n".join(lines) + "\n")


def _write_stderr(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _apply_flags(settings: Settings, args: argparse.Namespace) -> Settings:
    """Command-line flags override the configuration file."""
    from dataclasses import replace
    import datetime as dt

    kw: dict[str, Any] = {}
    if args.select:
        kw["select"] = tuple(args.select)
        kw["extend_select"] = ()
    if args.extend_select:
        kw["extend_select"] = tuple(kw.get("extend_select", settings.extend_select)) + tuple(args.extend_select)
    if args.ignore:
        kw["ignore"] = tuple(settings.ignore) + tuple(args.ignore)
    if args.fail_on:
        kw["fail_on"] = args.fail_on
    if args.force_exclude or args.pre_commit:
        kw["force_exclude"] = True
    if args.corpus_root:
        kw["corpus_roots"] = tuple(os.path.abspath(r) for r in args.corpus_root)
    if args.unsafe_fixes is not None:
        kw["unsafe_fixes"] = args.unsafe_fixes
    if getattr(args, "report", False):
        kw["collect"] = frozenset({"report"})
    if args.fixable:
        kw["fixable"] = tuple(args.fixable)
    if args.unfixable:
        kw["unfixable"] = tuple(settings.unfixable) + tuple(args.unfixable)
    opts = settings.options
    if args.today:
        try:
            opts = replace(opts, today=dt.date.fromisoformat(args.today))
        except ValueError:
            raise ValueError(f"--today: '{args.today}' is not a date YYYY-MM-DD") from None
    return replace(settings, options=opts, **kw)


def _list_rules() -> int:
    from .registry import all_rules

    rules = all_rules()
    width = max(len(r.name) for r in rules.values())
    for code, r in rules.items():
        sys.stdout.write(f"{code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}\n")
    return EXIT_OK


def _explain(code: str) -> int:
    from .registry import all_rules, by_name

    rules = all_rules()
    r = rules.get(code.upper()) or by_name(code)
    if r is None:
        return _err(f"unknown rule '{code}' (see --list-rules)")
    sys.stdout.write(f"# {r.code} {r.name}\n\n{r.summary}\n\nDefault severity: {r.severity}\nFix: {r.fix or 'none'}\n\n{r.doc}\n")
    return EXIT_OK
