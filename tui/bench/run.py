"""``diplo-tui bench``: what a user sees, timed in a real terminal, at several corpus sizes.

For each size it generates a deterministic synthetic corpus (``tui/bench/synthetic.py``),
then, in a pseudo-terminal it owns (``tui/bench/terminal.py``), times the first frame of the
explorer and of a minimal Textual app, cold and warm, and every interaction's keys against
the minimal app's ``j``. A second table has the headless figures: ``check`` against bare
TOML parsing, loading, and keys pushed into the app under Pilot (lower bounds).

Every timing starts a fresh process, the way a user does; comparisons are ratios of two
medians measured in the same run, so a noisy machine moves both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tui.bench import scenarios
from tui.bench.scenarios import SCENARIOS, Samples, Session
from tui.bench.synthetic import MANIFEST, Manifest, generate

PYTHON = sys.executable
BARE_PARSE = (
    "import sys\n"
    "try:\n    import tomllib\nexcept ImportError:\n    import tomli as tomllib\n"
    "from pathlib import Path\n"
    "for p in sorted(Path(sys.argv[1], 'facts').glob('*.toml')):\n"
    "    tomllib.loads(p.read_text(encoding='utf-8'))\n"
)
LOAD = (
    "import sys, time\nstart = time.perf_counter()\n"
    "from pathlib import Path\nfrom tui.data.index import open_corpus\n"
    "open_corpus(Path(sys.argv[1]))\nprint(time.perf_counter() - start)\n"
)


class BenchError(Exception):
    """A problem with how the benchmark was asked to run: exit status 2."""


@dataclass
class SizeResult:
    """Everything measured at one corpus size."""

    articles: int
    manifest: dict[str, Any]
    frames: dict[str, list[float]] = field(default_factory=dict)  # seconds
    minimal: Session = field(default_factory=Session)
    explorer: Session = field(default_factory=Session)
    headless: dict[str, Any] = field(default_factory=dict)


# -- arguments ----------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    sizes: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or int(part) < 1:
            raise argparse.ArgumentTypeError(
                f"expected article counts of at least 1, separated by commas "
                f"(such as 1,100,1000), got {text!r}"
            )
        if int(part) not in sizes:
            sizes.append(int(part))
    return sizes


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="diplo-tui bench",
        description="Time the explorer in a real terminal on synthetic corpora "
        "(see BENCHMARKS.md).",
    )
    p.add_argument(
        "--sizes",
        type=_sizes,
        default=[1, 100, 1000],
        help="article counts, comma-separated (default 1,100,1000, about 18 minutes on 2 cores; "
        "10000 alone would take about 40)",
    )
    p.add_argument("--runs", type=_positive, default=5, help="runs per first-frame figure (5)")
    p.add_argument("--keys", type=_positive, default=40, help="keys per scenario (40)")
    p.add_argument(
        "--workdir", type=Path, help="keep the generated corpora here and reuse them next time"
    )
    p.add_argument(
        "--no-headless", action="store_true", help="skip the headless (in-process) figures"
    )
    p.add_argument("--json", type=Path, help="also write every sample to this JSON file")
    return p


# -- headless figures ---------------------------------------------------------------------


def _timed(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


# Runs a command and prints its peak RSS in KiB: the only child this wrapper waits for.
PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _timed_rss(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of a whole process."""
    start = time.perf_counter()
    out = subprocess.run(
        [PYTHON, "-c", PEAK_RSS, *command], check=True, capture_output=True, text=True, env=env
    )
    return time.perf_counter() - start, int(out.stdout.strip()) / 1024


def export_command(root: Path) -> list[str]:
    return [PYTHON, "-m", "tui", "export", "--no-cache", str(root)]


def _check_after_edit(root: Path, env: dict[str, str], run: int) -> float:
    """``check`` after one fact file changed (its parse cache warm for the others); the
    file's bytes are put back afterwards, so a kept ``--workdir`` corpus stays current."""
    paths = sorted((root / "facts").glob("*.toml"))
    path = paths[len(paths) // 2]
    original = path.read_bytes()
    try:
        path.write_bytes(original + f"\n# edited by the benchmark, run {run}\n".encode())
        return _timed([PYTHON, "-m", "tui", "check", str(root)], env)
    finally:
        path.write_bytes(original)


def headless(root: Path, runs: int, keys: int, cache_home: Path) -> dict[str, Any]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "TEXTUAL_ANIMATIONS": "none"}
    figures: dict[str, Any] = {}
    check = [PYTHON, "-m", "tui", "check", "--no-cache", str(root)]
    figures["check"] = [_timed(check, env) for _ in range(runs)]
    figures["parse"] = [_timed([PYTHON, "-c", BARE_PARSE, str(root)], env) for _ in range(runs)]
    export = [_timed_rss(export_command(root), env) for _ in range(runs)]
    figures["export"] = [seconds for seconds, _ in export]
    figures["export_rss_mb"] = max(mb for _, mb in export)
    _timed([PYTHON, "-m", "tui", "check", str(root)], env)  # the parse cache, warm
    figures["check_edit"] = [_check_after_edit(root, env, n) for n in range(runs)]

    def load(cold: bool) -> float:
        if cold:
            shutil.rmtree(cache_home, ignore_errors=True)
        out = subprocess.run(
            [PYTHON, "-c", LOAD, str(root)], check=True, capture_output=True, text=True, env=env
        )
        return float(out.stdout.strip())

    figures["load_cold"] = [load(True) for _ in range(runs)]
    load(False)  # make sure the cache is warm
    figures["load_warm"] = [load(False) for _ in range(runs)]
    out = subprocess.run(
        [PYTHON, "-m", "tui.bench.latency", str(root), str(keys)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    latency = json.loads(out.stdout)
    figures["latency"] = latency["latency_ms"]
    figures["rss_mb"] = latency["peak_rss_mb"]
    return figures


# -- one size -----------------------------------------------------------------------------


def corpus(workdir: Path, articles: int) -> tuple[Path, Manifest]:
    """The corpus of ``articles`` articles in ``workdir``, generated unless it is current."""
    root = workdir / f"corpus-{articles}"
    manifest = Manifest.read(root)
    if manifest is not None and manifest.articles == articles:
        return root, manifest
    if root.exists():
        # Only ever remove what this generator makes.
        if {p.name for p in root.iterdir()} - {"facts", "seeds", MANIFEST}:
            raise BenchError(f"{root} holds files the benchmark did not make; not replacing it")
        shutil.rmtree(root)
    _say(f"generating {articles} articles…")
    return root, generate(root, articles)


def measure(
    root: Path, manifest: Manifest, scratch: Path, runs: int, keys: int, with_headless: bool
) -> SizeResult:
    n = manifest.articles
    result = SizeResult(n, asdict(manifest))
    script = scratch / "minimal app.py"
    script.write_text(scenarios.MINIMAL_APP)
    explorer = scenarios.explorer_argv(root)
    minimal = scenarios.minimal_argv(script)
    markers = scenarios.explorer_markers(manifest)
    kinds = ("cold", "warm", "cold_shown", "warm_shown", "min_cold", "min_warm")
    frames: dict[str, list[float]] = {k: [] for k in kinds}
    for run in range(runs):
        _say(f"{n} articles: first frames, run {run + 1} of {runs}…")
        cache = Path(tempfile.mkdtemp(prefix=f"cache-{n}-{run}-", dir=scratch))
        env = scenarios.terminal_env(cache)
        for start in ("cold", "warm"):
            shown, usable = scenarios.explorer_start(explorer, markers, env)
            frames[f"{start}_shown"].append(shown)
            frames[start].append(usable)
        empty = Path(tempfile.mkdtemp(prefix=f"cache-minimal-{n}-{run}-", dir=scratch))
        min_env = scenarios.terminal_env(empty)
        frames["min_cold"].append(
            scenarios.first_frame(minimal, scenarios.MINIMAL_MARKERS, min_env)
        )
        frames["min_warm"].append(
            scenarios.first_frame(minimal, scenarios.MINIMAL_MARKERS, min_env)
        )
    result.frames = frames
    cache = Path(tempfile.mkdtemp(prefix=f"cache-{n}-keys-", dir=scratch))
    env = scenarios.terminal_env(cache)
    _say(f"{n} articles: keys of the minimal app…")
    result.minimal = scenarios.minimal_session(script, env, keys)
    _say(f"{n} articles: keys of the explorer…")
    scenarios.first_frame(explorer, markers, env)  # warm the cache
    result.explorer = scenarios.explorer_session(root, manifest, env, keys)
    if with_headless:
        _say(f"{n} articles: headless figures…")
        result.headless = headless(root, runs, keys, scratch / f"cache-{n}-headless")
    return result


# -- tables -------------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    ms = seconds * 1000
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"


def _range(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{_ms(statistics.median(values))} ms ({_ms(min(values))}–{_ms(max(values))})"


def _samples(result: SizeResult, key: str) -> Samples | None:
    if key == "minimal-j":
        return result.minimal.keys.get(key)
    return result.explorer.keys.get(key)


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.1f}×" if a is not None and b else "n/a"


def frames_table(results: list[SizeResult]) -> str:
    head = "| start: first frame, every pane drawn (median, range) | " + " | ".join(
        f"{r.articles} article{'s' * (r.articles != 1)}" for r in results
    )
    lines = [head + " |", "|---|" + "---|" * len(results)]

    def row(label: str, cell: Callable[[SizeResult], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    def med(r: SizeResult, key: str) -> float | None:
        values = r.frames.get(key, [])
        return statistics.median(values) if values else None

    row(
        "diplo-tui, cold (empty cache): first frame (loading screen)",
        lambda r: _range(r.frames.get("cold_shown", [])),
    )
    row("diplo-tui, warm: first frame", lambda r: _range(r.frames.get("warm_shown", [])))
    row(
        "diplo-tui, cold (empty cache): every pane drawn",
        lambda r: _range(r.frames.get("cold", [])),
    )
    row("diplo-tui, warm: every pane drawn", lambda r: _range(r.frames.get("warm", [])))
    row("minimal Textual app, cold (empty cache)", lambda r: _range(r.frames.get("min_cold", [])))
    row("minimal Textual app, warm", lambda r: _range(r.frames.get("min_warm", [])))
    row(
        "**cold first frame ÷ minimal app**",
        lambda r: _ratio(med(r, "cold_shown"), med(r, "min_cold")),
    )
    row(
        "**warm first frame ÷ minimal app**",
        lambda r: _ratio(med(r, "warm_shown"), med(r, "min_warm")),
    )
    row("**cold ÷ minimal app**", lambda r: _ratio(med(r, "cold"), med(r, "min_cold")))
    row("**warm ÷ minimal app**", lambda r: _ratio(med(r, "warm"), med(r, "min_warm")))

    def rss(r: SizeResult) -> str:
        mb = r.explorer.peak_rss_mb
        return "n/a" if mb is None else f"{mb:.0f} MB"

    row("peak RSS of the explorer after every key below", rss)
    return "\n".join(lines)


def keys_table(results: list[SizeResult], which: str) -> str:
    """``which`` is ``settled`` (the primary figure) or ``first``."""
    sizes = " | ".join(f"{r.articles} article{'s' * (r.articles != 1)}" for r in results)
    flat = len(results) > 1
    title = "key → screen settled" if which == "settled" else "key → first change on screen"
    head = f"| {title}: median / p95 ms (median ÷ minimal app's `j`) | {sizes} |"
    if flat:
        head += f" {results[-1].articles} ÷ {results[0].articles} |"
    lines = [head, "|---|" + "---|" * (len(results) + flat)]
    for key, label in SCENARIOS.items():
        cells = []
        for r in results:
            samples = _samples(r, key)
            reference = _samples(r, "minimal-j")
            if samples is None or not samples.values(which):
                silent = f" [{samples.silent} unchanged]" if samples and samples.silent else ""
                cells.append("n/a" + silent)
                continue
            median = samples.median(which)
            base = reference.median(which) if reference else None
            cell = f"{_ms(median)} / {_ms(samples.p95(which))} ({_ratio(median, base)})"
            if samples.silent:
                cell += f" [{samples.silent} unchanged]"
            cells.append(cell)
        row = f"| {label} | " + " | ".join(cells) + " |"
        if flat:
            a, b = _samples(results[-1], key), _samples(results[0], key)
            ratio = (
                _ratio(a.median(which), b.median(which))
                if a is not None and b is not None
                else "n/a"
            )
            row += f" {ratio} |"
        lines.append(row)
    return "\n".join(lines)


def headless_table(results: list[SizeResult]) -> str:
    results = [r for r in results if r.headless]
    if not results:
        return ""
    lines = [
        "| headless, in-process (median, range) | "
        + " | ".join(f"{r.articles} article{'s' * (r.articles != 1)}" for r in results)
        + " |",
        "|---|" + "---|" * len(results),
    ]

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(r.headless) for r in results) + " |")

    def ratio(a: str, b: str) -> Callable[[dict[str, Any]], str]:
        return lambda h: f"{statistics.median(h[a]) / statistics.median(h[b]):.2f}×"

    def lat(bucket: str, frame: str) -> Callable[[dict[str, Any]], str]:
        def cell(h: dict[str, Any]) -> str:
            values = sorted(h["latency"][bucket][frame])
            if not values:
                return "n/a"
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            return f"{statistics.median(values):.1f} / {p95:.1f} ms"

        return cell

    row("`check`, whole process (`--no-cache`: every file parsed)", lambda h: _range(h["check"]))
    row("bare TOML parsing of the same files, whole process", lambda h: _range(h["parse"]))
    row("**check ÷ bare parsing**", ratio("check", "parse"))
    row("`check` after editing one fact file (parse cache warm)", lambda h: _range(h["check_edit"]))
    row("`export`, whole process (`--no-cache`)", lambda h: _range(h["export"]))
    row("**export ÷ check**", ratio("export", "check"))
    row("peak RSS of `export`", lambda h: f"{h['export_rss_mb']:.0f} MB")
    row("load, cold (no cache)", lambda h: _range(h["load_cold"]))
    row("load, warm (unchanged corpus)", lambda h: _range(h["load_warm"]))
    row("Pilot key → first frame, entity list (median / p95)", lat("entity", "first"))
    row("Pilot key → last frame, entity list (median / p95)", lat("entity", "last"))
    row("Pilot key → first frame, select a fact (median / p95)", lat("fact", "first"))
    row("Pilot key → last frame, select a fact (median / p95)", lat("fact", "last"))
    row("Pilot key → last frame, palette jump (median / p95)", lat("palette", "last"))
    row("peak RSS, in-process app after its keys", lambda h: f"{h['rss_mb']:.0f} MB")
    return "\n".join(lines)


def report(results: list[SizeResult]) -> str:
    parts = [
        "Real terminal (a pty, 160×48, screen modelled with pyte):",
        "",
        frames_table(results),
        "",
        keys_table(results, "settled"),
        "",
        keys_table(results, "first"),
    ]
    table = headless_table(results)
    if table:
        parts += ["", "Headless (in-process; Pilot keys are lower bounds):", "", table]
    return "\n".join(parts)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _dump(results: list[SizeResult]) -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "cores": os.cpu_count(),
        "sizes": [asdict(r) for r in results],
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.workdir is not None and args.workdir.exists() and not args.workdir.is_dir():
        parser().error(f"--workdir {args.workdir} is not a directory")
    # Everything temporary lives in one folder, removed however the run ends (Ctrl+C too);
    # the programs under test are ended by their Terminal before it is removed.
    scratch = Path(tempfile.mkdtemp(prefix="diplo-bench-"))
    try:
        workdir = args.workdir or scratch / "corpora"
        workdir.mkdir(parents=True, exist_ok=True)
        results: list[SizeResult] = []
        for n in args.sizes:
            root, manifest = corpus(workdir, n)
            results.append(
                measure(root, manifest, scratch, args.runs, args.keys, not args.no_headless)
            )
        print(report(results))
        if args.json is not None:
            args.json.write_text(json.dumps(_dump(results), indent=1) + "\n")
    except BenchError as exc:
        print(f"diplo-tui bench: error: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
