"""Command line: ``diplo-tui [PATH]`` opens the explorer; ``check`` and ``export`` skip Textual.

Exit status: 0 clean, 1 problems in the corpus, 2 usage error, 141 when the reader of the
output went away (``diplo-tui check | head``), as for a Unix tool killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from tui import __version__
from tui.data import files
from tui.data.corpus import Corpus
from tui.data.discovery import default_corpus
from tui.data.problems import NotACorpus, Problem
from tui.data.progress import Progress, silent
from tui.data.textsafe import neutralise_line, printable

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_PIPE = 0, 1, 2, 141
COMMANDS = ("check", "export", "schema", "bench", "find", "draft")
PATH_HELP = (
    "corpus directory holding facts/ and seeds/ "
    "(default: the current directory if it is one, else the bundled corpus)"
)
SIZE_HELP = (
    "largest file to read, such as 64M or 1G (default: 16M for an article text, 4M for a "
    f"fact file; also {files.SIZE_ENV})"
)


def _size(text: str) -> int:
    try:
        return files.parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


NO_CACHE_HELP = (
    "parse every fact file again instead of reusing the parses of unchanged files "
    "kept in $XDG_CACHE_HOME/diplo-tui (the answer is the same either way)"
)


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("path", nargs="?", type=Path, help=PATH_HELP)
    parser.add_argument("--max-file-size", type=_size, metavar="SIZE", help=SIZE_HELP)
    return parser


def _limits(parser: argparse.ArgumentParser, args: argparse.Namespace) -> files.Limits:
    """``--max-file-size``, else ``DIPLO_TUI_MAX_FILE_SIZE`` (a malformed one is a usage
    error here, not silently the default), else the defaults."""
    size: int | None = args.max_file_size
    if size is None and os.environ.get(files.SIZE_ENV):
        try:
            size = files.parse_size(os.environ[files.SIZE_ENV])
        except ValueError as exc:
            parser.error(f"{files.SIZE_ENV}: {exc}")
    return files.Limits.uniform(size) if size is not None else files.Limits()


def _app_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "diplo-tui",
        "Explore facts from diplomatic news, each tied to the article's exact wording. "
        "Subcommands: `diplo-tui check [PATH]` validates a corpus, "
        "`diplo-tui export [PATH] --format json` prints it as JSON, "
        "`diplo-tui schema` prints the JSON Schema of a facts file, "
        "`diplo-tui find TEXT` finds entities, events and relations by fuzzy name, "
        "`diplo-tui draft seeds/ID.txt` starts an article's facts file, "
        "`diplo-tui bench` measures speed and memory on synthetic corpora.",
    )
    parser.add_argument(
        "--strict", action="store_true", help="refuse to start on a corpus with problems"
    )
    parser.add_argument(
        "--no-mouse", action="store_true", help="do not capture the mouse (lighter over SSH)"
    )
    parser.add_argument(
        "--animations", action="store_true", help="enable Textual animations (off by default)"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="load the corpus afresh, ignoring the cache"
    )
    parser.add_argument("--version", action="version", version=f"diplo-tui {__version__}")
    return parser


def _corpus_root(path: Path | None) -> Path:
    """The corpus ``path`` names (the default one when None); raises NotACorpus."""
    root = path if path is not None else default_corpus()
    if not (root / "facts").is_dir():
        raise NotACorpus(
            f"{printable(str(root))} is not a corpus: expected a directory holding facts/"
            + _did_you_mean_command(path)
        )
    return root


def _read(
    root: Path,
    limits: files.Limits,
    cached: bool = False,
    parsed: bool = False,
    progress: Progress | None = None,
    workers: int = 1,
    freeze: bool = False,
    indexes: bool = True,
) -> Corpus:
    """The corpus at ``root``; ``cached``: read from the explorer's index (built when
    missing or stale); ``parsed``: with what unchanged fact files contribute kept (see
    :mod:`tui.data.parsecache`); ``progress`` hears how far it has got; ``workers``: how many
    processes may read fact files (only from a process with one thread); ``freeze``: the
    loaded corpus out of the cyclic collector's reach, for a command that only reads it;
    ``indexes=False``: without what only the explorer reads (see
    :func:`tui.data.loader.load_corpus`). Raises NotACorpus."""
    told: Progress = progress or silent
    if cached:
        from tui.data.index import open_corpus

        return open_corpus(root, limits, told)
    # Imported here: pydantic is only needed when the corpus is parsed, not when cached.
    from tui.data.loader import load_corpus

    if not parsed:
        return load_corpus(
            root, limits, progress=told, workers=workers, freeze=freeze, indexes=indexes
        )
    from tui.data.parsecache import ParseCache

    kept = ParseCache.default()
    try:
        return load_corpus(root, limits, kept, told, workers, freeze=freeze, indexes=indexes)
    finally:
        kept.close()


WORKERS_ENV = "DIPLO_TUI_WORKERS"


def _workers() -> int:
    """How many processes ``check`` and ``export`` read fact files with: one per core this
    process may run on (at most 4: past that, the checks across files dominate), or
    ``DIPLO_TUI_WORKERS``. Only these commands fork: they run no other thread."""
    value = os.environ.get(WORKERS_ENV, "")
    if value.isdigit() and int(value) > 0:
        return min(int(value), 32)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


# Set by main() when it is the process's entry point for `check` or `export`: the corpus is
# then kept here, never freed, and the process ends with os._exit once its output is flushed.
# Freeing a million objects one by one is work the OS does at once (5% of `check`).
_left_to_exit: list[Corpus] | None = None


def _load(
    path: Path | None,
    limits: files.Limits,
    cached: bool = False,
    parsed: bool = False,
    workers: int = 1,
    indexes: bool = True,
) -> Corpus | int:
    """The corpus at ``path`` (see :func:`_read`), or the exit status of an error shown."""
    try:
        root = _corpus_root(path)
        corpus = _read(root, limits, cached, parsed, workers=workers, freeze=True, indexes=indexes)
    except NotACorpus as exc:
        print(f"diplo-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # Millions of long-lived objects and no garbage cycles among them: without this, each
    # run of the cyclic collector while the corpus is checked or written walks them all
    # (a third of `check` at 10,000 articles).
    gc.freeze()
    if _left_to_exit is not None:
        _left_to_exit.append(corpus)
    return corpus


def _did_you_mean_command(path: Path | None) -> str:
    """``diplo-tui chekc`` names no corpus: it is most likely a mistyped command."""
    if path is None or len(path.parts) != 1 or path.exists():
        return ""
    close = difflib.get_close_matches(str(path), COMMANDS, n=1, cutoff=0.6)
    return f"; did you mean `diplo-tui {close[0]}`?" if close else ""


def print_problems(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    for problem in problems:
        print(neutralise_line(str(problem)), file=out)
    files = len({p.path for p in problems})
    print(
        f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}",
        file=out,
    )


def summary(corpus: Corpus) -> str:
    from tui.data.packed import PackedReports

    packed = corpus.reports if isinstance(corpus.reports, PackedReports) else None
    # Packed reports know their numbers: not decoded again for them.
    quotes = packed.quotes if packed else sum(len(r.quotes) for r in corpus.reports.values())
    lines = [
        f"corpus {printable(str(corpus.root))}",
        f"  {len(corpus.articles)} articles, {len(corpus.entities)} entities, "
        f"{len(corpus.events)} events, {len(corpus.relations)} relations",
        f"  {len(corpus.reports)} reports, {len(corpus.links)} links, {quotes} quotes",
    ]
    shown = sorted(corpus.articles.values(), key=lambda a: a.id)[:10]
    counts = dict.fromkeys((a.id for a in shown), 0)
    if packed is not None:
        counts = {article_id: packed.count_in(article_id) for article_id in counts}
    else:
        for report in corpus.reports.values():  # one pass, not one per article shown
            if report.article_id in counts:
                counts[report.article_id] += 1
    for article in shown:
        count = counts[article.id]
        lines.append(
            f"  {article.id}: {printable(article.title, 60)} "
            f"({article.published.describe()}, {count} report{'s' * (count != 1)})"
        )
    if len(corpus.articles) > 10:
        lines.append(f"  … and {len(corpus.articles) - 10} more articles")
    return "\n".join(lines)


def check(argv: Sequence[str]) -> int:
    parser = _parser(
        "diplo-tui check",
        "Validate a corpus and report every problem. Warnings (`path:line:col: warning: …`: "
        "evidence naming none of its fact's participants, a relation reported as `planned`, "
        "an event whose place is not a place) are printed too but leave the exit status at 0 "
        "unless --strict.",
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="also list, per article, the sentences that support no fact "
        "(information for review: it never changes the exit status)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings as well as on problems"
    )
    parser.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    args = parser.parse_args(argv)
    corpus = _load_checked(parser, args)
    if isinstance(corpus, int):
        return corpus
    from tui.data.lint import warnings

    found = warnings(corpus)
    count = f"{len(found)} warning{'s' * (len(found) != 1)}"
    if corpus.problems:
        print_problems(corpus.problems)
    for warning in found:
        print(neutralise_line(str(warning)))
    if corpus.problems:
        if found:
            print(count)
        status = EXIT_PROBLEMS
    else:
        print(summary(corpus))
        print("no problems" + (f", {count}" if found else ""))
        status = EXIT_PROBLEMS if args.strict and found else EXIT_OK
    if args.coverage:
        from tui.data.coverage import coverage, render

        print(render(coverage(corpus)))
    return status


def _load_checked(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Corpus | int:
    """The corpus for ``check`` and ``export`` (see :func:`_load`)."""
    return _load(
        args.path,
        _limits(parser, args),
        parsed=not args.no_cache,
        workers=_workers(),
        indexes=False,  # neither the checks nor the document read the explorer's indexes
    )


def export(argv: Sequence[str]) -> int:
    parser = _parser("diplo-tui export", "Print the resolved corpus as one JSON document.")
    parser.add_argument("--format", choices=["json"], default="json", help="output format")
    parser.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    args = parser.parse_args(argv)
    corpus = _load_checked(parser, args)
    if isinstance(corpus, int):
        return corpus
    if corpus.problems:
        print_problems(corpus.problems, sys.stderr)
        return EXIT_PROBLEMS
    from tui.data.export import write_json

    write_json(corpus, sys.stdout)
    return EXIT_OK


def explore(argv: Sequence[str]) -> int:
    parser = _app_parser()
    args = parser.parse_args(argv)
    limits = _limits(parser, args)
    cached = not args.no_cache
    mouse = False if args.no_mouse else None
    if args.strict:
        # Refusing to start is decided before the terminal is taken: load first.
        corpus = _load(args.path, limits, cached=cached)
        if isinstance(corpus, int):
            return corpus
        if corpus.problems:
            print_problems(corpus.problems)
            return EXIT_PROBLEMS
        return _run(args.animations, mouse, corpus)
    try:
        root = _corpus_root(args.path)
    except NotACorpus as exc:
        print(f"diplo-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # The first frame at once: the corpus loads behind a progress screen.
    return _run(
        args.animations,
        mouse,
        None,
        lambda progress: _read(root, limits, cached=cached, progress=progress),
        root.absolute().name or str(root),
    )


def _run(
    animations: bool,
    mouse: bool | None,
    corpus: Corpus | None,
    load: Callable[[Progress], Corpus] | None = None,
    name: str = "the corpus",
) -> int:
    from tui import terminal_defaults

    terminal_defaults.apply(animations=animations)
    from tui.ui.app import run_app

    app = run_app(corpus, mouse=mouse, load=load, name=name)
    if isinstance(app.load_error, NotACorpus):  # the folder went between the check and the load
        print(f"diplo-tui: error: {app.load_error}", file=sys.stderr)
        return EXIT_USAGE
    if app.load_error is not None:
        raise app.load_error  # as an error in loading did before the explorer drew anything
    return app.return_code or 0


def schema(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="diplo-tui schema",
        description="Print the JSON Schema of a facts file, for an editor to validate and "
        "complete keys and vocabularies as you type (see README).",
    )
    parser.parse_args(argv)
    from tui.data.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def bench(argv: Sequence[str]) -> int:
    from tui.bench.run import main as run_bench

    return run_bench(argv)


def find(argv: Sequence[str]) -> int:
    from tui.curator import find_command

    return find_command(argv)


def draft(argv: Sequence[str]) -> int:
    from tui.curator import draft_command

    return draft_command(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in ``argv``; with none, the process's own arguments, and a ``check``
    or ``export`` then ends the process itself (see :data:`_left_to_exit`)."""
    global _left_to_exit
    args = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "check": check,
        "export": export,
        "schema": schema,
        "bench": bench,
        "find": find,
        "draft": draft,
    }
    assert set(commands) == set(COMMANDS)
    try:
        command = commands.get(args[0]) if args else None
        # Not under a profiler or tracer (cProfile, coverage): they write their results at exit.
        ending = (
            argv is None
            and command in (check, export)
            and sys.getprofile() is None
            and sys.gettrace() is None
        )
        if ending:
            _left_to_exit = []
        status = command(args[1:]) if command is not None else explore(args)
        sys.stdout.flush()  # here, not at exit: a closed pipe must be caught below
        if ending:
            sys.stderr.flush()
            os._exit(status)
        return status
    except SystemExit as exc:  # argparse: --help exits 0, bad usage exits 2
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`check | head`): stop quietly, like a Unix tool killed by
        # SIGPIPE. Whatever is still buffered goes to /dev/null, so that Python's own flush
        # at exit does not fail again with "Exception ignored ... BrokenPipeError".
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # a stdout with no descriptor (a test's capture)
            pass
        return EXIT_PIPE
