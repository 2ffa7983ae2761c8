"""Command line. Imports stay lazy: ``--version`` and ``--help`` load no parser."""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMAT_CHOICES = ("auto", "text", "json", "github", "sarif", "junit")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"seedlint: error: {message}\n")


def _codes(value: str) -> list[str]:
    return [v for v in (p.strip() for p in value.split(",")) if v]


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="seedlint",
        description="Lint compensation seed guides: front matter, body and corpus.",
        epilog="Exit status: 0 no error, 1 findings at --fail-on severity, 2 usage, I/O or internal error. "
        "`seedlint lsp` starts the language server.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint (default: .); '-' reads standard input")
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
    base = p.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    base.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    perf = p.add_argument_group("performance")
    perf.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores; 1 = no workers)")
    perf.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    perf.add_argument("--cache-dir", metavar="DIR", help="cache folder (default: .seedlint_cache)")
    perf.add_argument("--clean-cache", action="store_true", help="delete the cache folder and exit")
    return p


def _err(msg: str) -> int:
    sys.stderr.write(f"seedlint: error: {msg}\n")
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["lsp"]:
        from .lsp import main as lsp_main

        return lsp_main(argv[1:])
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`seedlint … | head`); say nothing more
        try:
            sys.stdout = None
        finally:
            return EXIT_FINDINGS


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.list_rules:
        return _list_rules()
    if args.explain:
        return _explain(args.explain)

    from .config import ConfigError, resolve
    from .schema import SchemaError

    paths = args.paths or (["-"] if args.stdin_filename else ["."])  # as ruff: --stdin-filename alone reads stdin
    stdin_mode = paths == ["-"]
    if "-" in paths and not stdin_mode:
        return _err("'-' (standard input) cannot be combined with other paths")
    start = args.stdin_filename if (stdin_mode and args.stdin_filename) else (paths[0] if not stdin_mode else ".")
    try:
        settings = resolve(start if os.path.exists(start) else os.path.dirname(start) or ".", args.config, args.isolated)
        settings = _apply_flags(settings, args)
        settings.enabled()
    except ConfigError as exc:
        return _err(str(exc))
    except KeyError as exc:
        return _err(f"unknown rule code or name {exc}")
    except ValueError as exc:
        return _err(str(exc))

    cache_dir = args.cache_dir or settings.cache_dir or ".seedlint_cache"
    if args.clean_cache:
        from .cache import clean

        clean(cache_dir)
        return EXIT_OK

    from .discover import PathError, iter_files
    from .runner import run

    stdin = None
    files: list[str] = []
    try:
        if stdin_mode:
            from .discover import display

            stdin = (display(args.stdin_filename) if args.stdin_filename else "<stdin>", sys.stdin.buffer.read())
        else:
            files = list(iter_files(paths, settings))
            if not files:
                sys.stderr.write(f"seedlint: warning: no guides (*.md, *.markdown, *.txt) found under {' '.join(paths)}\n")
    except PathError as exc:
        return _err(str(exc))

    fmt = args.format or "auto"
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    jobs = args.jobs if args.jobs is not None else (settings.jobs if settings.jobs is not None else 0)
    if jobs < 0:
        return _err("--jobs must be 0 (all cores) or more")
    cache = None
    if not args.no_cache and not stdin_mode:
        from .cache import Cache

        cache = Cache(cache_dir, settings)
    progress = None
    if fmt == "text" and not args.output_file and sys.stderr.isatty() and sys.stdout.isatty() and os.environ.get("CI") is None:
        from .progress import Progress

        progress = Progress(sys.stderr)
    try:
        result = run(files, settings, stdin=stdin, progress=progress, jobs=jobs, cache=cache)
    except SchemaError as exc:  # raised by the first file that needs the user's schema
        return _err(str(exc))
    finally:
        if progress is not None:
            progress.done()

    diagnostics = result.diagnostics
    if args.write_baseline:
        from .baseline import write

        try:
            n = write(args.write_baseline, diagnostics)
        except OSError as exc:
            return _err(f"cannot write baseline {args.write_baseline}: {exc.strerror or exc}")
        sys.stderr.write(f"seedlint: recorded {n} finding{'s' if n != 1 else ''} in {args.write_baseline}\n")
        for msg in result.io_errors:
            sys.stderr.write(f"seedlint: error: {msg}\n")
        return EXIT_USAGE if result.io_errors else EXIT_OK
    fixed = None
    if args.baseline:
        from .baseline import BaselineError, filter_new

        try:
            diagnostics, fixed = filter_new(args.baseline, diagnostics, set(files) | ({stdin[0]} if stdin else set()))
        except BaselineError as exc:
            return _err(str(exc))

    from .registry import all_rules
    from .reporters import get_reporter, summary

    summ = summary(diagnostics, result.files)
    if fixed is not None:
        summ["baseline_fixed"] = fixed
    reporter = get_reporter(fmt)(statistics=args.statistics, quiet=args.quiet)
    text = reporter.render(diagnostics, summ, all_rules(), result.paths)
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:
            return _err(f"cannot write {args.output_file}: {exc.strerror or exc}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if fixed:
        sys.stderr.write(f"seedlint: {fixed} baselined finding{'s are' if fixed != 1 else ' is'} now fixed; rewrite the baseline with --write-baseline to drop {'them' if fixed != 1 else 'it'}\n")
    for msg in result.io_errors:
        sys.stderr.write(f"seedlint: error: {msg}\n")
    if result.io_errors or result.internal_error:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    from .model import SEVERITY_RANK

    floor = SEVERITY_RANK[settings.fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[d.severity] >= floor for d in diagnostics) else EXIT_OK


def _apply_flags(settings, args):
    """Command-line flags override the configuration file."""
    from dataclasses import replace
    import datetime as dt

    kw = {}
    if args.select:
        kw["select"] = tuple(args.select)
        kw["extend_select"] = ()
    if args.extend_select:
        kw["extend_select"] = tuple(kw.get("extend_select", settings.extend_select)) + tuple(args.extend_select)
    if args.ignore:
        kw["ignore"] = tuple(settings.ignore) + tuple(args.ignore)
    if args.fail_on:
        kw["fail_on"] = args.fail_on
    if args.corpus_root:
        kw["corpus_roots"] = tuple(os.path.abspath(r) for r in args.corpus_root)
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
    sys.stdout.write(f"# {r.code} {r.name}\n\n{r.summary}\n\nDefault severity: {r.severity}\n\n{r.doc}\n")
    return EXIT_OK
